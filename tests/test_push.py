"""``kg push`` into a real Oxigraph server (the ``oxigraph`` binary from PyPI) started on
a free local port: the server's graphs, read back, must be the local ones."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any
from urllib.error import URLError
from urllib.parse import quote

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.cli import main
from kg.folder import build
from kg.graph.query import named_queries, run_query
from kg.graph.store import OxigraphStore, current_store_path, with_bindings
from kg.graph.vocab import KGO, ONTOLOGY_IRI
from kg.pipeline import Extractor, run
from kg.runs import local_extract, run_shards
from tests.conftest import Records, concat_as_sets

pytestmark = pytest.mark.slow  # starts an Oxigraph server

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
REPORT = re.compile(
    r"kg push: (\d+) named graphs \((\d+) triples\) and the merged graph \((\d+) triples\) "
    r"to (\S+); (\d+) graph\(s\) of removed articles deleted"
)
Triple = tuple[Node, Node, Node]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _oxigraph(tmp_path: Path, *command: str) -> Iterator[str]:
    """Oxigraph ``command`` on a free port while the block runs: its base URL."""
    port = _free_port()
    log = tmp_path / f"oxigraph-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(OXIGRAPH), *command, "--bind", f"127.0.0.1:{port}"], stdout=out, stderr=out
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/", timeout=5):
                    break
            except (URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph did not start: {log.read_text()}")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[str]:
    """A fresh read-write Oxigraph server with its data in ``tmp_path``."""
    with _oxigraph(tmp_path, "serve", "--location", str(tmp_path / "oxigraph-data")) as base:
        yield base


@pytest.fixture
def out(demo_built: Path, tmp_path: Path) -> Path:
    """A copy of the demo graph's folder that a test may change."""
    target = tmp_path / "output"
    shutil.copytree(demo_built, target, symlinks=True)
    return target


def _local(out: Path) -> OxigraphStore:
    path = current_store_path(out)
    assert path is not None
    return OxigraphStore(path, read_only=True)


def _local_triples(out: Path, graph: URIRef | None) -> set[Triple]:
    return {(s, p, o) for s, p, o, g in _local(out).quads(graph) if g == graph}


def _server_triples(base: str, graph: URIRef | None) -> set[Triple]:
    target = "default" if graph is None else f"graph={quote(str(graph), safe='')}"
    request = urllib.request.Request(
        f"{base}/store?{target}", headers={"Accept": "application/n-triples"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return set(Graph().parse(data=response.read(), format="nt"))


def _server_graphs(base: str) -> set[URIRef]:
    client = SPARQLWrapper(f"{base}/query", returnFormat=JSON)
    client.setQuery("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    answer = client.queryAndConvert()
    assert isinstance(answer, dict)
    return {URIRef(b["g"]["value"]) for b in answer["results"]["bindings"]}


def _assert_mirrors(base: str, out: Path) -> None:
    """The server holds the local named graphs, and the merged graph as its default."""
    graphs = set(_local(out).named_graphs())
    assert _server_graphs(base) == graphs
    for graph in [*sorted(graphs), None]:
        assert _server_triples(base, graph) == _local_triples(out, graph), graph


def _push(capsys: pytest.CaptureFixture[str], endpoint: str, out: Path) -> tuple[int, str]:
    status = main(["push", "--endpoint", endpoint, "-o", str(out)])
    return status, capsys.readouterr().err


def test_push_puts_every_article_graph_and_the_merged_graph(
    oxigraph: str, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, stderr = _push(capsys, f"{oxigraph}/store", out)
    assert status == 0
    _assert_mirrors(oxigraph, out)
    report = REPORT.fullmatch(stderr.strip())
    assert report, stderr
    graphs = _local(out).named_graphs()
    local_triples = sum(len(_local_triples(out, g)) for g in graphs)
    merged = len(_local_triples(out, None))
    assert report.groups() == tuple(
        str(n) for n in (len(graphs), local_triples, merged, f"{oxigraph}/store", 0)
    )


def _article_graph(out: Path) -> URIRef:
    return min(g for g in _local(out).named_graphs() if g != ONTOLOGY_IRI)


def test_a_second_push_replaces_what_the_server_holds(
    oxigraph: str, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _push(capsys, f"{oxigraph}/store", out)[0] == 0
    stray = b'<urn:kg:stray> <urn:kg:says> "left over" .\n'
    article = quote(str(_article_graph(out)), safe="")
    for target in (f"graph={article}", "default"):
        request = urllib.request.Request(  # Graph Store POST adds to a graph
            f"{oxigraph}/store?{target}",
            data=stray,
            headers={"Content-Type": "application/n-triples"},
            method="POST",
        )
        urllib.request.urlopen(request, timeout=60).close()
    assert _server_graphs(oxigraph) == set(_local(out).named_graphs())
    assert _server_triples(oxigraph, None) != _local_triples(out, None)

    assert _push(capsys, f"{oxigraph}/store", out)[0] == 0
    _assert_mirrors(oxigraph, out)


def test_after_remove_and_rebuild_the_server_follows(
    oxigraph: str, out: Path, records: Records, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _push(capsys, f"{oxigraph}/store", out)[0] == 0
    articles_of: dict[str, set[URIRef]] = {}
    sparql = "SELECT ?a ?source WHERE { GRAPH ?a { ?a kgo:sourceFile ?source } }"
    for article, source in _local(out).query(sparql).rows:
        articles_of.setdefault(str(source), set()).add(URIRef(str(article)))
    source_file = min(articles_of)
    removed = articles_of[source_file]

    assert main(["remove", source_file, "-o", str(out)]) == 0
    capsys.readouterr()
    status, stderr = _push(capsys, f"{oxigraph}/store", out)
    assert status == 0
    report = REPORT.fullmatch(stderr.strip())
    assert report and int(report.group(5)) == len(removed)
    assert not removed & _server_graphs(oxigraph)
    _assert_mirrors(oxigraph, out)

    build([Path(source_file)], out, records)
    assert removed <= set(_local(out).named_graphs())
    assert _push(capsys, f"{oxigraph}/store", out)[0] == 0
    _assert_mirrors(oxigraph, out)


def _snapshot(out: Path) -> tuple[bytes, list[tuple[str, bytes]]]:
    files = sorted(p for p in out.rglob("*") if p.is_file())
    return _local(out).nquads(), [(str(p), p.read_bytes()) for p in files]


def test_nothing_listening_is_one_line_and_leaves_the_store_alone(
    out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _snapshot(out)
    endpoint = f"http://127.0.0.1:{_free_port()}/store"
    status, stderr = _push(capsys, endpoint, out)
    assert status == 2
    assert stderr == f"kg: error: cannot push to {endpoint}: connection refused\n"
    assert _snapshot(out) == before


def test_a_refusing_server_is_one_line_with_its_status(
    out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = current_store_path(out)
    assert store is not None
    served = tmp_path / "served"
    shutil.copytree(store, served)
    before = _snapshot(out)
    with _oxigraph(tmp_path, "serve-read-only", "--location", str(served)) as base:
        for endpoint, status_line in ((f"{base}/store", "HTTP 403"), (f"{base}/no", "HTTP 404")):
            status, stderr = _push(capsys, endpoint, out)
            assert status == 2
            assert stderr.startswith(f"kg: error: cannot push to {endpoint}: {status_line} ")
            assert stderr.count("\n") == 1
    assert _snapshot(out) == before


class _PickyStore:
    """A Graph Store endpoint that cannot read its default graph back (as Virtuoso:
    500 before a default graph is mapped, 404 while it is empty) and records the PUTs."""

    def __init__(self, get_status: int, put_default_status: int = 204) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        store = self
        self.puts: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _answer(self, status: int, text: str = "") -> None:
                body = text.encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                self._answer(
                    get_status, "Virtuoso 22023 Error: not configured to have default graph"
                )

            def do_PUT(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                store.puts.append(self.path)
                default = self.path.endswith("?default")
                status = put_default_status if default else 201
                self._answer(status, "" if status < 400 else "no default graph is set")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql-graph-crud"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("get_status", [404, 500])
def test_push_does_not_depend_on_reading_the_default_graph(
    out: Path, capsys: pytest.CaptureFixture[str], get_status: int
) -> None:
    server = _PickyStore(get_status)
    try:
        status, stderr = _push(capsys, server.url, out)
    finally:
        server.close()
    assert status == 0, stderr
    assert any(path.endswith("?default") for path in server.puts)
    assert len(server.puts) > 1


def test_a_store_without_a_default_graph_is_told_what_to_configure(
    out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = _PickyStore(500, put_default_status=500)
    try:
        status, stderr = _push(capsys, server.url, out)
    finally:
        server.close()
    assert status == 2 and stderr.count("\n") == 1
    assert "map one to its Graph Store endpoint" in stderr


@pytest.fixture(scope="module")
def pushed(demo_built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An Oxigraph server the demo graph was pushed into (which push only reads)."""
    data = tmp_path_factory.mktemp("pushed")
    with _oxigraph(data, "serve", "--location", str(data / "oxigraph-data")) as base:
        assert main(["push", "--endpoint", f"{base}/store", "-o", str(demo_built)]) == 0
        yield base


def _rows(answer: Mapping[str, Any]) -> tuple[list[Any], list[Any]]:
    """The values of SPARQL JSON results' rows (as ``concat_as_sets`` compares them),
    and each row's kinds of terms."""
    variables = answer["head"]["vars"]
    bindings = answer["results"]["bindings"]
    values = [tuple(b[v]["value"] if v in b else None for v in variables) for b in bindings]
    kinds = sorted(
        tuple(
            (b[v]["type"], b[v].get("datatype", ""), b[v].get("xml:lang", "")) if v in b else ()
            for v in variables
        )
        for b in bindings
    )
    return concat_as_sets(values), kinds


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_the_server_answers_each_named_query_as_kg_query_does(
    name: str, pushed: str, demo_built: Path, demo_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The named queries declare their prefixes: Oxigraph's own endpoint, which knows
    none of kg's, answers them as they stand (the name parameter as a VALUES row)."""
    query = named_queries()[name]
    command = ["query", "--name", name, "--format", "json", "-o", str(demo_built)]
    values: dict[str, str] = {}
    if query.params:
        union = "SELECT ?n WHERE { ?u a kgo:Union ; skos:prefLabel ?n } ORDER BY ?n LIMIT 1"
        values = {"name": str(run_query(demo_store, union).rows[0][0])}
        command += ["--param", f"name={values['name']}"]
    capsys.readouterr()
    assert main(command) == 0
    local = json.loads(capsys.readouterr().out)
    assert local["results"]["bindings"], f"{name} finds nothing in the demo graph"

    client = SPARQLWrapper(f"{pushed}/query", returnFormat=JSON)
    client.setQuery(with_bindings(query.text, query.bindings(values)))
    remote = client.queryAndConvert()
    assert isinstance(remote, dict)
    assert remote["head"]["vars"] == local["head"]["vars"]
    assert _rows(remote) == _rows(local)


def _send(base: str, method: str, target: str, body: bytes) -> None:
    request = urllib.request.Request(
        f"{base}/store?{target}",
        data=body,
        method=method,
        headers={"Content-Type": "application/n-triples"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()


def test_a_run_pushed_a_shard_at_a_time_gives_what_a_push_of_its_build_gives(
    oxigraph: str,
    demo_built: Path,
    demo_copy: Path,
    extractor: Extractor,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The same corpus as the demo build, extracted into a run of several shards, in the
    # folder it was built in and by the same absolute path.
    produce = partial(run, max_file_bytes=20_000_000)
    report = run_shards(
        tmp_path / "run",
        [demo_copy],
        local_extract(lambda: extractor, produce),
        shard_bytes=20_000,
        options={},
    )
    assert report.complete and report.shards > 2
    # An article an earlier push left, gone from the run: deleted.
    gone = "https://w3id.org/union-kg/id/article/gone"
    typed = f"<{gone}> <{RDF.type}> <{KGO.NewsArticle}> .\n".encode()
    _send(oxigraph, "PUT", f"graph={quote(gone, safe='')}", typed)
    _send(oxigraph, "POST", "default", typed)

    # Pushed from another folder: the files named by their path from the folder the run
    # was made in, as the build there names them.
    monkeypatch.chdir(tmp_path)
    status = main(["push", "--run", str(tmp_path / "run"), "--endpoint", f"{oxigraph}/store"])
    assert status == 0
    stderr = capsys.readouterr().err
    pushed = REPORT.fullmatch(stderr.strip())
    assert pushed, stderr
    graphs = _local(demo_built).named_graphs()
    assert pushed.group(1) == str(len(graphs)) and pushed.group(5) == "1"
    _assert_mirrors(oxigraph, demo_built)
