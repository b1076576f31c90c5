"""The W3C SPARQL 1.1 Protocol tests (the cases of ``sparql/sparql11/protocol/manifest.ttl``
in w3c/rdf-tests) against ``kg serve``, as a table: each case's request, sent as the
manifest writes it, and what the answer must be. The data graphs are our own. Every
query_* and bad_query_* case passes; kg serve is read-only, so every update_* case gets
the read-only refusal and every bad_update_* case a 4xx."""

from __future__ import annotations

import http.client
import io
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import DCTERMS, FOAF, RDF
from rdflib.query import Result

from kg.graph.server import SparqlServer
from kg.graph.store import OxigraphStore

pytestmark = pytest.mark.slow  # starts a server

DATA = Namespace("http://kasei.us/2009/09/sparql/data/")  # the graph names the cases use
GRAPHS = {
    DATA["data1.rdf"]: "一号文件",
    DATA["data2.rdf"]: "二号文件",
    DATA["data3.rdf"]: "三号文件",
}
READ_ONLY = "this endpoint is read-only: SPARQL updates are refused"

# What each kind of answer may come as (the manifest's expectedFormat).
RESULT_TYPES = {
    "boolean": {"application/sparql-results+json", "application/sparql-results+xml"},
    "tabular": {
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    },
    "RDF": {
        "text/turtle",
        "application/n-triples",
        "application/rdf+xml",
        "application/ld+json",
        "application/n-quads",
    },
}
_RESULTS_FORMAT = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_RDFLIB_FORMAT = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/n-quads": "nquads",
}


@dataclass(frozen=True)
class Case:
    method: str
    query: list[tuple[str, str]]  # the request's query string
    content_type: str | None = None  # None: no Content-Type header
    body: str | bytes | None = None
    # "true" (a boolean result, true), "boolean", "tabular", "RDF", "read-only"
    # (the refusal of an update, 403), or "4xx".
    expect: str = "true"


def _d(name: str) -> str:
    return str(DATA[name])


ASK_1_2 = f"ASK {{ <{_d('data1.rdf')}> a ?type . <{_d('data2.rdf')}> a ?type . }}"
ASK_NAMED = (
    f"ASK {{ GRAPH ?g1 {{ <{_d('data1.rdf')}> a ?type }} "
    f"GRAPH ?g2 {{ <{_d('data2.rdf')}> a ?type }} }}"
)
ASK_FULL = f"""ASK {{
  <{_d("data3.rdf")}> a ?type
  GRAPH ?g1 {{ <{_d("data1.rdf")}> a ?type }}
  GRAPH ?g2 {{ <{_d("data2.rdf")}> a ?type }}
}}"""
DEFAULT_0 = [("default-graph-uri", _d("data0.rdf"))]
DEFAULT_1_2 = [("default-graph-uri", _d("data1.rdf")), ("default-graph-uri", _d("data2.rdf"))]
NAMED_1_2 = [("named-graph-uri", _d("data1.rdf")), ("named-graph-uri", _d("data2.rdf"))]
FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
INSERT_ALL = f"""PREFIX dc: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
DROP ALL ;
INSERT DATA {{ GRAPH <{_d("data1.rdf")}> {{ <{_d("data1.rdf")}> a foaf:Document }} }} ;
INSERT {{ GRAPH <http://example.org/protocol-update-dataset-test/> {{ ?s a dc:BibliographicResource }} }}
WHERE {{ GRAPH ?g {{ ?s a foaf:Document }} }}"""  # noqa: E501
CHANGE_NAME = """PREFIX foaf: <http://xmlns.com/foaf/0.1/>
WITH <http://example/addresses>
DELETE { ?person foaf:givenName 'Bill' }
INSERT { ?person foaf:givenName 'William' }
WHERE { ?person foaf:givenName 'Bill' }"""

CASES = {
    "query_post_form": Case("POST", DEFAULT_0, FORM, "query=ASK%20%7B%7D"),
    "query_dataset_default_graphs_get": Case("GET", [("query", ASK_1_2), *DEFAULT_1_2]),
    "query_dataset_default_graphs_post": Case("POST", DEFAULT_1_2, QUERY, ASK_1_2),
    "query_dataset_named_graphs_post": Case("POST", NAMED_1_2, QUERY, ASK_NAMED),
    "query_dataset_named_graphs_get": Case("GET", [("query", ASK_NAMED), *NAMED_1_2]),
    "query_dataset_full": Case(
        "POST", [("default-graph-uri", _d("data3.rdf")), *NAMED_1_2], QUERY, ASK_FULL
    ),
    # The manifest percent-encodes the second "&named-graph-uri=" into the first value
    # (w3c/rdf-tests#78); the case as its author ran it names both graphs.
    "query_multiple_dataset": Case(
        "POST", NAMED_1_2, QUERY, ASK_NAMED.replace("ASK {", f"ASK FROM <{_d('data3.rdf')}> {{")
    ),
    "query_get": Case("GET", [("query", "ASK {}"), *DEFAULT_0]),
    "query_content_type_select": Case(
        "POST", DEFAULT_0, QUERY, "SELECT (1 AS ?value) {}", "tabular"
    ),
    "query_content_type_ask": Case("POST", DEFAULT_0, QUERY, "ASK {}", "boolean"),
    "query_content_type_describe": Case(
        "POST", DEFAULT_0, QUERY, "DESCRIBE <http://example.org/>", "RDF"
    ),
    # Relative IRIs, resolved against the endpoint's URL.
    "query_content_type_construct": Case(
        "POST", DEFAULT_0, QUERY, "CONSTRUCT { <s> <p> 1 } WHERE {}", "RDF"
    ),
    "update_dataset_default_graph": Case(
        "POST", [("using-graph-uri", _d("data1.rdf"))], UPDATE, INSERT_ALL, "read-only"
    ),
    "update_dataset_default_graphs": Case(
        "POST",
        [("using-graph-uri", _d("data1.rdf")), ("using-graph-uri", _d("data2.rdf"))],
        UPDATE,
        INSERT_ALL,
        "read-only",
    ),
    "update_dataset_named_graphs": Case(
        "POST",
        [("using-named-graph-uri", _d("data1.rdf")), ("using-named-graph-uri", _d("data2.rdf"))],
        UPDATE,
        INSERT_ALL,
        "read-only",
    ),
    "update_dataset_full": Case(
        "POST",
        [("using-graph-uri", _d("data1.rdf")), ("using-named-graph-uri", _d("data2.rdf"))],
        UPDATE,
        INSERT_ALL,
        "read-only",
    ),
    "update_post_form": Case("POST", [], FORM, "update=CLEAR+ALL", "read-only"),
    "update_post_direct": Case("POST", [], UPDATE, "CLEAR ALL", "read-only"),
    "update_base_uri": Case(
        "POST",
        [],
        UPDATE,
        "CLEAR GRAPH <http://example.org/protocol-base-test/> ;\n"
        "INSERT DATA { GRAPH <http://example.org/protocol-base-test/> "
        "{ <http://example.org/s> <http://example.org/p> <test> } }",
        "read-only",
    ),
    "query_post_direct": Case("POST", [], QUERY, "ASK {}"),
    "bad_query_method": Case("PUT", [("query", "ASK {}"), *DEFAULT_0], FORM, "", "4xx"),
    "bad_multiple_queries": Case(
        "GET", [("query", "ASK {}"), ("query", "SELECT * {}")], None, None, "4xx"
    ),
    "bad_query_wrong_media_type": Case("POST", [], "text/plain", "ASK {}", "4xx"),
    "bad_query_missing_form_type": Case("POST", [], None, "query=ASK%20%7B%7D", "4xx"),
    "bad_query_missing_direct_type": Case("POST", [], None, "ASK {}", "4xx"),
    "bad_query_non_utf8": Case(
        "POST", [], f"{QUERY}; charset=UTF-16", "ASK {}".encode("utf-16"), "4xx"
    ),
    "bad_query_syntax": Case("GET", [("query", "ASK {")], None, None, "4xx"),
    "bad_update_get": Case("GET", [("update", "CLEAR ALL")], None, None, "4xx"),
    "bad_multiple_updates": Case(
        "POST", [], FORM, "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", "4xx"
    ),
    "bad_update_wrong_media_type": Case("POST", [], "text/plain", "CLEAR NAMED", "4xx"),
    "bad_update_missing_form_type": Case("POST", [], None, "update=CLEAR%20NAMED", "4xx"),
    "bad_update_non_utf8": Case(
        "POST", [], f"{UPDATE}; charset=UTF-16", "CLEAR NAMED".encode("utf-16"), "4xx"
    ),
    "bad_update_syntax": Case("POST", [], FORM, "update=CLEAR%20XYZ", "4xx"),
    "bad_update_dataset_conflict": Case(
        "POST", [("using-named-graph-uri", "http://example/people")], UPDATE, CHANGE_NAME, "4xx"
    ),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder whose store holds three small named graphs, each a document."""
    out = tmp_path_factory.mktemp("protocol")
    graphs = OxigraphStore(out / "store")
    for graph, title in GRAPHS.items():
        triples = [(graph, RDF.type, FOAF.Document), (graph, DCTERMS.title, Literal(title))]
        graphs.add_article(graph, triples)
    graphs.flush()
    del graphs  # closes the store, which the server opens read-only
    return out


@pytest.fixture(scope="module")
def endpoint(store: Path) -> Iterator[str]:
    with SparqlServer(store, ("127.0.0.1", 0), timeout=30) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield server.url
        server.shutdown()


def _send(url: str, case: Case) -> tuple[int, str, bytes]:
    """Status, media type and body of the case's request, sent as it stands: no
    header but those the manifest gives (and Content-Length with a body)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    target = parts.path + (f"?{urlencode(case.query)}" if case.query else "")
    headers = {} if case.content_type is None else {"Content-Type": case.content_type}
    body = case.body.encode("utf-8") if isinstance(case.body, str) else case.body
    try:
        connection.request(case.method, target, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers.get_content_type(), response.read()
    finally:
        connection.close()


def _boolean(media_type: str, body: bytes) -> bool:
    if media_type == "application/sparql-results+json":
        return bool(json.loads(body)["boolean"])
    return bool(Result.parse(io.BytesIO(body), format="xml").askAnswer)


@pytest.mark.parametrize("name", list(CASES))
def test_protocol_case(name: str, endpoint: str, store: Path) -> None:
    case = CASES[name]
    before = OxigraphStore(store / "store", read_only=True).nquads()
    status, media_type, body = _send(endpoint, case)
    if case.expect == "4xx":
        assert 400 <= status < 500, (status, body)
    elif case.expect == "read-only":
        assert (status, body.decode().strip()) == (403, READ_ONLY)
    else:
        assert 200 <= status < 400, (status, body)
        kind = "boolean" if case.expect == "true" else case.expect
        assert media_type in RESULT_TYPES[kind]
        if case.expect == "true":
            assert _boolean(media_type, body) is True
        elif kind == "RDF":
            Graph().parse(data=body, format=_RDFLIB_FORMAT[media_type])
        elif kind == "tabular":
            result = Result.parse(io.BytesIO(body), format=_RESULTS_FORMAT[media_type])
            assert len(result.bindings) == 1
    assert OxigraphStore(store / "store", read_only=True).nquads() == before


def test_the_table_holds_every_case_of_the_manifest() -> None:
    assert len(CASES) == 34  # the entries of the manifest
    for name, case in CASES.items():
        kind = name.split("_")[0]
        assert case.expect == {"update": "read-only", "bad": "4xx"}.get(kind, case.expect)
        assert kind != "query" or case.expect not in ("read-only", "4xx")


@pytest.mark.parametrize(
    ("query", "sparql", "rows"),
    [
        # Named graphs given: the default graph is empty, whatever FROM says.
        (NAMED_1_2, f"SELECT ?s FROM <{_d('data3.rdf')}> WHERE {{ ?s a ?type }}", set()),
        (
            NAMED_1_2,
            "SELECT ?g WHERE { GRAPH ?g { ?s a ?type } }",
            {_d("data1.rdf"), _d("data2.rdf")},
        ),
        # A default graph given: no named graphs, whatever FROM NAMED says.
        (
            DEFAULT_1_2,
            f"SELECT ?g FROM NAMED <{_d('data3.rdf')}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
            set(),
        ),
        (DEFAULT_1_2, "SELECT ?s WHERE { ?s a ?type }", {_d("data1.rdf"), _d("data2.rdf")}),
    ],
)
def test_the_protocols_dataset_replaces_the_querys_and_the_stores(
    endpoint: str, query: list[tuple[str, str]], sparql: str, rows: set[str]
) -> None:
    status, _, body = _send(endpoint, Case("GET", [("query", sparql), *query]))
    assert status == 200
    bindings = json.loads(body)["results"]["bindings"]
    assert {value["value"] for binding in bindings for value in binding.values()} == rows
