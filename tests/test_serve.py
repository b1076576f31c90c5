"""``kg serve``: a real server process queried by real SPARQL clients (SPARQLWrapper and
rdflib's SPARQLStore), whose answers must be those of ``run_query`` on the same store."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode, urlsplit

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from rdflib.term import Node
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, SPARQLWrapper

from kg.cli import main
from kg.graph.query import CopyLanes, Deadline, QueryError, named_queries, run_query
from kg.graph.server import SparqlServer
from kg.graph.store import OxigraphStore, current_store_path
from tests.conftest import REPO, built_before_read_in, concat_as_sets

pytestmark = pytest.mark.slow  # starts servers

LISTENING = re.compile(r"kg serve: SPARQL endpoint at (http://\S+/sparql) \(graph in ")
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LOCATED = "CONSTRUCT { ?s kgo:locatedIn ?o } WHERE { ?s kgo:locatedIn ?o }"


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self, how: signal.Signals = signal.SIGTERM, group: bool = False) -> tuple[int, str]:
        """Exit status and standard error of the server stopped by ``how``, sent to it
        alone or to its whole process group (as a terminal sends Ctrl-C)."""
        if self.process.poll() is None:
            if group:
                os.killpg(self.process.pid, how)
            else:
                self.process.send_signal(how)
            self.process.wait(timeout=30)
        return self.process.returncode, self.log.read_text(encoding="utf-8")


@contextmanager
def serving(out: Path, log: Path, *options: str) -> Iterator[Server]:
    """``kg serve --port 0`` on the graph in ``out``, until the block ends."""
    command = [sys.executable, "-m", "kg.cli", "serve", "--port", "0", "-o", str(out), *options]
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True
        )
    server = None
    try:
        deadline = time.monotonic() + 120
        while server is None:
            found = LISTENING.search(log.read_text(encoding="utf-8"))
            if found:
                server = Server(found.group(1), process, log)
            elif process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"kg serve did not start: {log.read_text(encoding='utf-8')}")
            else:
                time.sleep(0.1)
        yield server
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _current_store(out: Path) -> Path:
    path = current_store_path(out)
    assert path is not None
    return path


@pytest.fixture(scope="module", params=["in memory", "--on-disk"])
def endpoint(
    request: pytest.FixtureRequest, demo_built: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The server answering from its copy of the store in memory, or from the disk."""
    log = tmp_path_factory.mktemp("serve") / "stderr.log"
    options = [request.param] if request.param.startswith("--") else []
    with serving(demo_built, log, *options) as server:
        yield server.url
        server.stop()


@pytest.fixture(scope="module")
def some_name(demo_store: Path) -> str:
    """A union's name, for the named queries that take one."""
    sparql = "SELECT ?name WHERE { ?u a kgo:Union ; skos:prefLabel ?name } ORDER BY ?name LIMIT 1"
    return str(run_query(demo_store, sparql).rows[0][0])


def _bound(name: str, some_name: str) -> tuple[str, dict[str, Node]]:
    """A named query's text and its bindings (a name for those that take one)."""
    query = named_queries()[name]
    return query.text, query.bindings({"name": some_name} if query.params else {})


def _with_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """The bindings as a trailing VALUES clause: how a protocol client passes them."""
    if not bindings:
        return sparql
    names = " ".join(f"?{k}" for k in bindings)
    terms = " ".join(v.n3() for v in bindings.values())
    return f"{sparql}\nVALUES ({names}) {{ ({terms}) }}"


def _json_term(value: Mapping[str, str]) -> Node:
    if value["type"] == "uri":
        return URIRef(value["value"])
    if value["type"] == "bnode":
        return BNode(value["value"])
    return Literal(value["value"], lang=value.get("xml:lang"), datatype=value.get("datatype"))


def _wrapper(url: str, sparql: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    client = SPARQLWrapper(url, returnFormat=fmt)
    client.setQuery(sparql)
    if method in (POST, POSTDIRECTLY):
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY if method == POSTDIRECTLY else "urlencoded")
    return client


def _rows_by_client(
    client: str, url: str, sparql: str, bindings: Mapping[str, Node]
) -> tuple[list[str], list[tuple[Node | None, ...]]]:
    """Variables and rows of a SELECT answered by the endpoint, read by ``client``."""
    if client.startswith("sparqlstore"):
        fmt = client.partition("-")[2]
        result = SPARQLStore(url, returnFormat=fmt).query(sparql, initBindings=bindings)
        return [str(v) for v in result.vars or []], [tuple(row) for row in result]
    method = client.partition("-")[2] or None
    answer = _wrapper(url, _with_values(sparql, bindings), JSON, method).queryAndConvert()
    assert isinstance(answer, dict)
    variables = answer["head"]["vars"]
    rows = [
        tuple(_json_term(b[v]) if v in b else None for v in variables)
        for b in answer["results"]["bindings"]
    ]
    return variables, rows


CLIENTS = [
    "sparqlwrapper",  # GET, JSON
    f"sparqlwrapper-{POST}",  # form POST, JSON
    f"sparqlwrapper-{POSTDIRECTLY}",  # application/sparql-query, JSON
    "sparqlstore-xml",  # rdflib's default: GET, SPARQL results XML
    "sparqlstore-json",
]


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_queries_answer_as_run_query_does(
    name: str, client: str, endpoint: str, demo_store: Path, some_name: str
) -> None:
    sparql, bindings = _bound(name, some_name)
    expected = run_query(demo_store, sparql, bindings)
    assert expected.rows, f"{name} finds nothing in the demo graph"
    variables, rows = _rows_by_client(client, endpoint, sparql, bindings)
    assert variables == expected.variables
    assert concat_as_sets(rows) == concat_as_sets(expected.rows)


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_csv_and_tsv_answers_hold_the_same_rows(
    name: str, endpoint: str, demo_store: Path, some_name: str
) -> None:
    sparql, bindings = _bound(name, some_name)
    expected = run_query(demo_store, sparql, bindings)
    text = _wrapper(endpoint, _with_values(sparql, bindings), CSV).query().convert()
    header, *lines = csv.reader(io.StringIO(text.decode("utf-8")))
    assert header == expected.variables
    plain = [tuple("" if t is None else str(t) for t in row) for row in expected.rows]
    assert concat_as_sets(lines) == concat_as_sets(plain)

    text = _wrapper(endpoint, _with_values(sparql, bindings), TSV).query().convert()
    result = Result.parse(io.BytesIO(text), format="tsv")
    assert [str(v) for v in result.vars or []] == expected.variables
    assert concat_as_sets(result) == concat_as_sets(expected.rows)


def test_construct_answers_turtle_or_n_triples(endpoint: str, demo_store: Path) -> None:
    expected = set(run_query(demo_store, LOCATED).triples)
    assert expected
    turtle = _wrapper(endpoint, LOCATED, TURTLE).query().convert()
    assert set(Graph().parse(data=turtle, format="turtle")) == expected

    status, media_type, body = _ask(endpoint, LOCATED, accept="application/n-triples")
    assert (status, media_type) == (200, "application/n-triples")
    assert set(Graph().parse(data=body, format="nt")) == expected


def test_describe_follows_the_format_parameter(endpoint: str, demo_store: Path) -> None:
    sparql = "DESCRIBE ?u WHERE { ?u a kgo:Union } ORDER BY ?u LIMIT 1"
    expected = set(run_query(demo_store, sparql).triples)
    assert expected
    status, media_type, body = _ask(endpoint, sparql, accept="text/turtle", fmt="nt")
    assert (status, media_type) == (200, "application/n-triples")
    assert set(Graph().parse(data=body, format="nt")) == expected


@pytest.mark.parametrize("answer", [True, False])
def test_ask_answers_in_json_and_xml(endpoint: str, answer: bool) -> None:
    sparql = "ASK { ?u a kgo:Union }" if answer else "ASK { ?u a kgo:NoSuchClass }"
    assert _wrapper(endpoint, sparql, JSON).queryAndConvert() == {"head": {}, "boolean": answer}
    assert SPARQLStore(endpoint).query(sparql).askAnswer is answer


def _ask(
    url: str,
    sparql: str,
    *,
    accept: str | None = None,
    fmt: str | None = None,
    method: str = "GET",
    content_type: str = "application/x-www-form-urlencoded",
    field: str = "query",
) -> tuple[int, str, str]:
    """Status, media type and body of one request made by hand."""
    params = {field: sparql} | ({"format": fmt} if fmt else {})
    headers = {"Accept": accept} if accept else {}
    if method == "GET":
        request = urllib.request.Request(f"{url}?{urlencode(params)}", headers=headers)
    else:
        body = urlencode(params) if content_type.endswith("urlencoded") else sparql
        headers["Content-Type"] = content_type
        request = urllib.request.Request(url, body.encode(), headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers.get_content_type(), response.read().decode()
    except HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read().decode()


def test_content_negotiation(endpoint: str) -> None:
    sparql = "SELECT ?u WHERE { ?u a kgo:Union } LIMIT 1"
    assert _ask(endpoint, sparql)[1] == "application/sparql-results+json"
    assert _ask(endpoint, sparql, accept="*/*")[1] == "application/sparql-results+json"
    assert _ask(endpoint, sparql, accept="text/*")[1] == "text/csv"
    preferred = "text/csv;q=0.5, text/tab-separated-values"
    assert _ask(endpoint, sparql, accept=preferred)[1] == "text/tab-separated-values"
    assert _ask(endpoint, sparql, accept="text/csv", fmt="tsv")[1] == "text/tab-separated-values"
    assert _ask(endpoint, LOCATED, accept="*/*")[1] == "text/turtle"
    status, _, message = _ask(endpoint, sparql, accept="image/png")
    assert status == 406 and "application/sparql-results+json" in message
    assert _ask(endpoint, LOCATED, accept="text/csv")[0] == 406


INSERT = "INSERT DATA { <urn:kg:test> <urn:kg:says> 'written' }"


@pytest.mark.parametrize(
    "how",
    [
        {"method": "POST", "field": "update"},
        {"method": "POST", "content_type": "application/sparql-update"},
        {"method": "GET"},  # an update sent as a query
        {"method": "POST", "content_type": "application/sparql-query"},
    ],
)
def test_updates_are_refused_and_change_nothing(
    how: dict[str, str], endpoint: str, demo_store: Path
) -> None:
    before = OxigraphStore(demo_store, read_only=True).nquads()
    status, _, message = _ask(endpoint, f"# a comment\nPREFIX ex: <urn:ex#>\n{INSERT}", **how)
    assert status == 403
    assert message.strip() == "this endpoint is read-only: SPARQL updates are refused"
    assert OxigraphStore(demo_store, read_only=True).nquads() == before


@pytest.mark.parametrize(
    "sparql, refused",
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", True),
        ("select * { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }", True),
        ('ASK { ?s ?p "SERVICE" } # SERVICE in a comment', False),
    ],
)
def test_federated_queries_are_refused(endpoint: str, sparql: str, refused: bool) -> None:
    status, _, message = _ask(endpoint, sparql)
    if refused:
        assert (status, message.strip()) == (
            403,
            "this endpoint does not run federated queries (SERVICE)",
        )
    else:
        assert status == 200


def test_a_malformed_query_is_400_with_its_position(endpoint: str, demo_store: Path) -> None:
    sparql = "SELECT ?x WHERE { ?x ?p }"
    with pytest.raises(QueryError) as expected:
        run_query(demo_store, sparql)
    status, media_type, message = _ask(endpoint, sparql)
    assert (status, media_type) == (400, "text/plain")
    assert message.strip() == str(expected.value)
    assert re.match(r"malformed SPARQL: error at 1:\d+: ", message)


def test_paths_and_methods(endpoint: str) -> None:
    root = endpoint.removesuffix("/sparql")
    with urllib.request.urlopen(f"{root}/", timeout=60) as response:
        assert "/sparql" in response.read().decode()
    assert _ask(f"{root}/nothing", "ASK {}")[0] == 404
    assert _ask(endpoint, "ASK {}", method="PUT", content_type="text/turtle")[0] == 405
    assert _ask(endpoint, "ASK {}", method="POST", content_type="text/plain")[0] == 415
    status, _, message = _ask(endpoint, "", field="nothing")
    assert status == 400 and "query" in message


def _process_group(pgid: int) -> list[int]:
    """The live processes of a process group."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def _children(pid: int) -> list[str]:
    tasks = Path(f"/proc/{pid}/task")
    return [c for task in tasks.iterdir() for c in (task / "children").read_text().split()]


def test_a_slow_query_is_stopped_without_a_new_copy(demo_built: Path, tmp_path: Path) -> None:
    with serving(demo_built, tmp_path / "stderr.log", "--timeout", "1") as server:
        assert _ask(server.url, "ASK { ?s ?p ?o }")[0] == 200
        [holder] = _children(server.process.pid)
        [reader] = _children(int(holder))
        status, _, message = _ask(server.url, CROSS_PRODUCT)
        assert status == 503
        assert message.strip() == "query stopped after the time limit of 1 s"
        assert not Path(f"/proc/{reader}").exists()  # the query process was killed
        started = time.monotonic()
        assert _ask(server.url, "ASK { ?s ?p ?o }")[0] == 200
        assert time.monotonic() - started < 1
        assert _children(server.process.pid) == [holder]  # the copy in memory is kept


def _timed_asks(url: str, sparql: str, count: int) -> list[tuple[int, float]]:
    """Status and seconds taken of ``count`` requests made at once."""
    answers: list[tuple[int, float]] = []

    def ask() -> None:
        started = time.monotonic()
        status = _ask(url, sparql)[0]
        answers.append((status, time.monotonic() - started))

    threads = [threading.Thread(target=ask) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_the_time_spent_waiting_counts_toward_the_limit(demo_built: Path, tmp_path: Path) -> None:
    # Answered one at a time, four would end at 2, 4, 6 and 8 s.
    with serving(demo_built, tmp_path / "stderr.log", "--timeout", "2") as server:
        answers = _timed_asks(server.url, CROSS_PRODUCT, 4)
    assert [status for status, _ in answers] == [503] * 4
    assert max(seconds for _, seconds in answers) < 3.5


def test_a_cheap_query_does_not_wait_for_slow_ones(demo_built: Path, tmp_path: Path) -> None:
    with serving(demo_built, tmp_path / "stderr.log", "--timeout", "4") as server:
        slow = threading.Thread(target=_timed_asks, args=(server.url, CROSS_PRODUCT, 3))
        slow.start()
        time.sleep(2)  # past the fast lane's budget: the slow ones run elsewhere
        asks = [_timed_asks(server.url, "ASK { ?s ?p ?o }", 1)[0] for _ in range(5)]
        assert all(status == 200 for status, _ in asks)
        assert max(seconds for _, seconds in asks) < 1
        slow.join()


def test_a_rebuild_while_serving_is_seen(demo_built: Path, tmp_path: Path) -> None:
    out = tmp_path / "output"
    shutil.copytree(demo_built, out, symlinks=True)
    count = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a kgo:NewsArticle }"
    source = "SELECT ?source WHERE { ?a kgo:sourceFile ?source } ORDER BY ?source LIMIT 1"
    with serving(out, tmp_path / "stderr.log") as server:
        before = _wrapper(server.url, count, JSON).queryAndConvert()
        assert main(["remove", str(_store_rows(out, source)[0][0]), "-o", str(out)]) == 0
        after = _wrapper(server.url, count, JSON).queryAndConvert()
    assert isinstance(before, dict) and isinstance(after, dict)
    served = [int(a["results"]["bindings"][0]["n"]["value"]) for a in (before, after)]
    assert served[1] < served[0]
    assert served[1] == int(_store_rows(out, count)[0][0])


def test_the_copy_in_memory_follows_the_store_on_disk(demo_built: Path, tmp_path: Path) -> None:
    out = tmp_path / "output"
    shutil.copytree(demo_built, out, symlinks=True)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    source = "SELECT ?source WHERE { ?a kgo:sourceFile ?source } ORDER BY ?source LIMIT 1"
    formats = {"solutions": "csv", "graph": None}

    def served(server: SparqlServer) -> int:
        return int(server.write(count, formats).body.split()[1])

    with SparqlServer(out, ("127.0.0.1", 0), timeout=10) as server:
        lanes = server.lanes()
        before = served(server)
        assert before == int(_store_rows(out, count)[0][0])  # every named graph
        assert server.lanes() is lanes  # the copy is made once, not for every request
        assert main(["remove", str(_store_rows(out, source)[0][0]), "-o", str(out)]) == 0
        assert served(server) == int(_store_rows(out, count)[0][0]) < before
        assert server.lanes() is not lanes
    with SparqlServer(out, ("127.0.0.1", 0), timeout=10, in_memory=False) as server:
        assert served(server) == int(_store_rows(out, count)[0][0])


def test_a_copy_that_could_not_be_made_is_tried_again(demo_store: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    lanes = CopyLanes(store)
    formats = {"solutions": "csv", "graph": None}
    try:
        with pytest.raises(QueryError, match="cannot read the store"):
            lanes.write("ASK { ?s ?p ?o }", formats, deadline=Deadline.start(30))
        shutil.copytree(demo_store, store)
        answer = lanes.write("ASK { ?s ?p ?o }", formats, deadline=Deadline.start(30))
        assert answer.body.strip() == b"true"
    finally:
        lanes.close()


def _store_rows(out: Path, sparql: str) -> list[tuple[Node | None, ...]]:
    return run_query(_current_store(out), sparql).rows


@pytest.mark.parametrize("group", [False, True])
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM])
@pytest.mark.parametrize("options", [[], ["--on-disk"]])
def test_ctrl_c_or_sigterm_stop_it_cleanly(
    how: signal.Signals, group: bool, options: list[str], demo_built: Path, tmp_path: Path
) -> None:
    with serving(demo_built, tmp_path / "stderr.log", *options) as server:
        assert _ask(server.url, "ASK {}")[0] == 200  # the worker is running
        status, stderr = server.stop(how, group)
    assert status == 0
    told = [line for line in stderr.splitlines() if not line.startswith("127.0.0.1 - - ")]
    # No traceback, nor a child's "Process ForkProcess-1:".
    assert len(told) == 2 and told[0].startswith("kg serve: SPARQL endpoint at ")
    assert told[1] == "kg serve: stopped"
    assert _process_group(server.process.pid) == []  # the worker is gone too


def test_a_graph_of_an_earlier_version_is_served_with_a_warning(
    demo_built: Path, tmp_path: Path
) -> None:
    out = built_before_read_in(demo_built, tmp_path / "out")
    with serving(out, tmp_path / "stderr.log") as server:
        assert _ask(server.url, "ASK {}")[0] == 200
        status, stderr = server.stop()
    assert status == 0
    warnings = [line for line in stderr.splitlines() if "warning" in line]
    assert warnings == [
        f"kg serve: warning: {out}: built by an earlier version of kg; until "
        f"`kg build -o {out}` brings it up to date, activity-per-month counts no relations"
    ]


def test_no_graph_or_a_busy_port_is_one_line(
    endpoint: str, demo_built: Path, tmp_path: Path
) -> None:
    port = endpoint.rsplit(":", 1)[1].split("/")[0]
    for options in (["-o", str(tmp_path)], ["--port", port, "-o", str(demo_built)]):
        done = subprocess.run(
            [sys.executable, "-m", "kg.cli", "serve", *options],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("kg: error: ")
    assert "Address already in use" in done.stderr


# --- the protocol as other tools speak it (issue 16) ------------------------------


def test_construct_in_the_default_formats_of_sparqlwrapper_and_rdflib(
    endpoint: str, demo_store: Path
) -> None:
    expected = set(run_query(demo_store, LOCATED).triples)
    # SPARQLWrapper's default asks for RDF/XML; rdflib's SPARQLStore for RDF/XML and
    # SPARQL results XML in one Accept header, and uses one store for both forms.
    graph = SPARQLWrapper(endpoint, returnFormat="xml")
    graph.setQuery(LOCATED)
    assert set(graph.queryAndConvert()) == expected
    store = SPARQLStore(endpoint)
    assert set(store.query(LOCATED)) == expected
    assert store.query("ASK { ?u a kgo:Union }").askAnswer is True


@pytest.mark.parametrize(
    ("accept", "media_type", "parse_as"),
    [
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/n-quads", "application/n-quads", "nquads"),
        ("text/turtle;q=0.5, application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/sparql-results+xml, application/rdf+xml", "application/rdf+xml", "xml"),
    ],
)
def test_graph_formats(
    endpoint: str, demo_store: Path, accept: str, media_type: str, parse_as: str
) -> None:
    status, served, body = _ask(endpoint, LOCATED, accept=accept)
    assert (status, served) == (200, media_type)
    parsed = Graph().parse(data=body, format=parse_as)
    assert set(parsed) == set(run_query(demo_store, LOCATED).triples)


def test_one_articles_graph_through_the_dataset_parameters(endpoint: str, demo_store: Path) -> None:
    article = run_query(demo_store, "SELECT ?a WHERE { ?a a kgo:NewsArticle } LIMIT 1").rows[0][0]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    in_store = run_query(
        demo_store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{article}> {{ ?s ?p ?o }} }}"
    )
    request = f"{endpoint}?{urlencode({'query': count, 'default-graph-uri': str(article)})}"
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.loads(response.read())
    assert int(answer["results"]["bindings"][0]["n"]["value"]) == int(in_store.rows[0][0]) > 0
    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    request = f"{endpoint}?{urlencode({'query': named, 'named-graph-uri': str(article)})}"
    with urllib.request.urlopen(request, timeout=60) as response:
        graphs = [b["g"]["value"] for b in json.loads(response.read())["results"]["bindings"]]
    assert graphs == [str(article)]
    assert _ask(endpoint, count, fmt="json", field="query")[0] == 200
    bad = f"{endpoint}?{urlencode({'query': count, 'default-graph-uri': 'not an iri'})}"
    with pytest.raises(HTTPError) as refused:
        urllib.request.urlopen(bad, timeout=60)
    assert refused.value.code == 400


def test_head_options_and_keep_alive(endpoint: str) -> None:
    import http.client

    parts = urlsplit(endpoint)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    query = "?" + urlencode({"query": "ASK { ?s ?p ?o }"})
    connection.request("HEAD", parts.path + query)
    head = connection.getresponse()
    assert head.status == 200 and head.read() == b""
    assert int(head.headers["Content-Length"]) > 0
    # the same connection answers again (HTTP/1.1 keep-alive)
    connection.request("GET", parts.path + query)
    again = connection.getresponse()
    assert again.status == 200 and json.loads(again.read())["boolean"] is True
    connection.request("OPTIONS", parts.path)
    options = connection.getresponse()
    options.read()
    assert options.status == 204 and "POST" in options.headers["Allow"]
    assert options.headers.get("Access-Control-Allow-Origin") is None  # CORS is off by default
    connection.close()


@pytest.mark.slow
def test_cors_is_switched_on_with_a_flag(demo_built: Path, tmp_path: Path) -> None:
    with serving(demo_built, tmp_path / "stderr.log", "--cors", "https://yasgui.example") as server:
        request = urllib.request.Request(server.url, method="OPTIONS")
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.headers["Access-Control-Allow-Origin"] == "https://yasgui.example"
            assert "POST" in response.headers["Access-Control-Allow-Methods"]
        server.stop()


def test_select_ask_and_describe_with_sparqlwrapper_defaults(
    endpoint: str, demo_store: Path
) -> None:
    # No returnFormat, no method: GET, asking for SPARQL results XML or RDF/XML.
    sparql = "SELECT ?u ?name WHERE { ?u a kgo:Union ; skos:prefLabel ?name }"
    answer = SPARQLWrapper(endpoint)
    answer.setQuery(sparql)
    result = Result.parse(io.BytesIO(answer.query().response.read()), format="xml")
    assert concat_as_sets(result) == concat_as_sets(run_query(demo_store, sparql).rows)

    asked = SPARQLWrapper(endpoint)
    asked.setQuery("ASK { ?u a kgo:Union }")
    document = asked.queryAndConvert()  # a DOM of the XML results
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "true"

    sparql = "DESCRIBE ?u WHERE { ?u a kgo:Union } ORDER BY ?u LIMIT 1"
    described = SPARQLWrapper(endpoint)
    described.setQuery(sparql)
    expected = set(run_query(demo_store, sparql).triples)
    assert expected and set(described.queryAndConvert()) == expected


def test_describe_with_the_sparqlstore_defaults(endpoint: str, demo_store: Path) -> None:
    sparql = "DESCRIBE ?u WHERE { ?u a kgo:Union } ORDER BY ?u LIMIT 1"
    expected = set(run_query(demo_store, sparql).triples)
    assert expected and set(SPARQLStore(endpoint).query(sparql)) == expected


def test_one_articles_graph_through_an_rdflib_dataset(endpoint: str, demo_store: Path) -> None:
    """rdflib reads a named graph of a Dataset over a SPARQLStore with default-graph-uri.
    (``Dataset.graph(iri)`` itself raises in rdflib 7: it adds the graph to the store,
    which a read-only SPARQLStore refuses; ``get_context`` only reads.)"""
    article = run_query(demo_store, "SELECT ?a WHERE { ?a a kgo:NewsArticle } LIMIT 1").rows[0][0]
    assert isinstance(article, URIRef)
    local = OxigraphStore(demo_store, read_only=True)
    expected = {(s, p, o) for s, p, o, g in local.quads(article) if g == article}
    graph = Dataset(store=SPARQLStore(endpoint)).get_context(article)
    assert set(graph) == expected
    count = graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert [int(row[0]) for row in count] == [len(expected)]
