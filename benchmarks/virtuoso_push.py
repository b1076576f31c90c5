"""``kg push`` into Virtuoso 7 from Debian, then Virtuoso's own SPARQL endpoint answers
each named query with the rows ``kg query`` gives.

Run:  .venv/bin/python -m benchmarks.virtuoso_push [--demo DIR] [--runs 3]
Needs Virtuoso's server and isql from Debian, without the packaged service:
    apt-get install -y --no-install-recommends virtuoso-opensource-7-bin

Starts ``virtuoso-t`` with a database of its own in a temporary folder, on free
loopback ports, and makes the two settings a store needs before it takes a push (what
kg push's one-line error tells the user): the SPARQL user may write, and a default
graph IRI is mapped to the server's host (DB.DBA.SYS_SPARQL_HOST), which is the graph
``/sparql-graph-crud?default`` writes and plain queries on ``/sparql`` read. Then:

* push: ``kg push`` of the demo graph (``kg build`` of the demo corpus into a temporary
  folder, or the built folder given by ``--demo``) to ``/sparql-graph-crud``, twice
  (into the empty store, then over the first push);
* mirror: the server's triple count in each graph kg pushed, against the local store's;
* queries: every named query of ontology/queries/*.rq as it stands (its prefixes
  declared, the name parameter as a VALUES row), on Virtuoso's ``/sparql`` (JSON
  results) and on the local store as ``kg query`` runs it: the same rows, and the
  median time of ``--runs`` runs of each after one warm-up.

Exit status 1 when a graph or a query's rows differ.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, redirect_stderr
from functools import partial
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode

from kg.cli import main as kg_main
from kg.graph.query import named_queries, run_query
from kg.graph.store import OxigraphStore, current_store_path, with_bindings
from tests.conftest import concat_as_sets

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GRAPH = "urn:kg:merged"  # what the push's default graph is mapped to
INSTALL = "apt-get install -y --no-install-recommends virtuoso-opensource-7-bin"

INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = {sql_port}
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = ., {dir}

[HTTPServer]
ServerPort = {http_port}
ServerRoot = {dir}
ServerThreads = 10

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def virtuoso(folder: Path) -> Iterator[tuple[str, float]]:
    """A fresh Virtuoso while the block runs, ready for a push: its base URL and the
    seconds it took to start."""
    sql_port, http_port = _free_port(), _free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    base = f"http://127.0.0.1:{http_port}"
    started = time.perf_counter()
    with (folder / "stdout.log").open("wb") as log:
        process = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", str(ini)], stdout=log, stderr=log
        )
    try:
        while True:
            try:
                urllib.request.urlopen(f"{base}/sparql?{urlencode({'query': 'ASK {}'})}").close()
                break
            except (URLError, ConnectionError):
                if process.poll() is not None or time.perf_counter() - started > 300:
                    sys.exit(f"virtuoso did not start; see {folder}/virtuoso.log")
                time.sleep(0.5)
        startup = time.perf_counter() - started
        settings = (
            'GRANT SPARQL_UPDATE TO "SPARQL"; '
            "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7); "
            "INSERT INTO DB.DBA.SYS_SPARQL_HOST (SH_HOST, SH_GRAPH_URI) "
            f"VALUES ('127.0.0.1:{http_port}', '{DEFAULT_GRAPH}');"
        )
        subprocess.run(
            ["isql-vt", str(sql_port), "dba", "dba", f"exec={settings}"],
            check=True,
            capture_output=True,
        )
        yield base, startup
    finally:
        process.terminate()
        process.wait(timeout=120)


def _ask(base: str, sparql: str) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{base}/sparql",
        urlencode({"query": sparql}).encode(),
        {"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=300) as response:
        return json.loads(response.read())


def _rows(answer: Mapping[str, Any], separator: str | None = None) -> list[tuple[object, ...]]:
    """The rows as ``concat_as_sets`` compares them. Virtuoso 7.2.5 writes a GROUP_CONCAT
    separator beyond ASCII (our 、) as ``?`` (CONCAT keeps it): ``separator="?"`` reads
    it back as 、."""
    variables = answer["head"]["vars"]

    def value(term: Mapping[str, str]) -> str:
        text = term["value"]
        return text.replace(separator, "、") if separator else text

    return concat_as_sets(
        tuple(value(b[v]) if v in b else None for v in variables)
        for b in answer["results"]["bindings"]
    )


def _median_seconds(work: Any, runs: int) -> tuple[Any, float]:
    answer = work()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return answer, statistics.median(times)


def _push(base: str, demo: Path) -> float:
    told = StringIO()
    started = time.perf_counter()
    with redirect_stderr(told):
        status = kg_main(["push", "--endpoint", f"{base}/sparql-graph-crud", "-o", str(demo)])
    seconds = time.perf_counter() - started
    if status != 0:
        sys.exit(told.getvalue().strip())
    print(f"  {told.getvalue().strip()}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", type=Path, help="a built folder (default: the demo corpus)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for program in ("virtuoso-t", "isql-vt"):
        if shutil.which(program) is None:
            sys.exit(f"{program} not found: {INSTALL}")
    with tempfile.TemporaryDirectory(prefix="kg-virtuoso-") as tmp:
        folder = Path(tmp)
        demo = args.demo
        if demo is None:
            demo = folder / "demo"
            if kg_main(["build", str(REPO / "examples" / "articles"), "-o", str(demo)]) != 0:
                return 1
        store_path = current_store_path(demo)
        if store_path is None:
            sys.exit(f"no graph built in {demo}")
        version = subprocess.run(["virtuoso-t", "-?"], capture_output=True, text=True)
        print(next((line for line in version.stderr.splitlines() if "Version" in line), ""))
        database = folder / "db"
        database.mkdir()
        with virtuoso(database) as (base, startup):
            print(f"started in {startup:.1f} s at {base}")
            first, again = _push(base, demo), _push(base, demo)
            print(f"push: {first:.2f} s into the empty store, {again:.2f} s over it")
            differ = _compare_graphs(base, OxigraphStore(store_path, read_only=True))
            differ += _compare_queries(base, store_path, args.runs)
    return 1 if differ else 0


def _compare_graphs(base: str, local: OxigraphStore) -> int:
    counts: dict[str | None, int] = {}
    for *_, graph in local.quads():
        key = None if graph is None else str(graph)
        counts[key] = counts.get(key, 0) + 1
    served = {
        row["g"]["value"]: int(row["n"]["value"])
        for row in _ask(
            base, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        )["results"]["bindings"]
    }
    served[None] = served.pop(DEFAULT_GRAPH, 0)
    differ = [g for g, n in counts.items() if served.get(g) != n]
    print(
        f"mirror: {len(counts) - 1} named graphs and the default graph, "
        f"{sum(counts.values())} triples; {len(differ)} graph(s) differ"
    )
    return len(differ)


def _compare_queries(base: str, store_path: Path, runs: int) -> int:
    union = "SELECT ?n WHERE { ?u a kgo:Union ; skos:prefLabel ?n } ORDER BY ?n LIMIT 1"
    name = str(run_query(store_path, union).rows[0][0])
    print(f"\n{'named query':<42} {'rows':>5} {'kg query ms':>12} {'virtuoso ms':>12}  same rows")
    differ = 0
    for query_name, query in sorted(named_queries().items()):
        bindings = query.bindings({"name": name} if query.params else {})
        local, local_s = _median_seconds(partial(run_query, store_path, query.text, bindings), runs)
        try:
            served, served_s = _median_seconds(
                partial(_ask, base, with_bindings(query.text, bindings)), runs
            )
        except HTTPError as error:
            refusal = " ".join(error.read().decode("utf-8", "replace").split())[:300]
            print(
                f"{query_name:<42} {len(local.rows):>5} {local_s * 1000:>12.1f}  refused: {refusal}"
            )
            differ += 1
            continue
        expected = concat_as_sets(
            tuple(None if v is None else str(v) for v in row) for row in local.rows
        )
        rows = _rows(served)
        if rows == expected:
            verdict = "yes"
        elif _rows(served, separator="?") == expected:
            verdict = "yes, but 、 written ? by GROUP_CONCAT"
        else:
            verdict, differ = "NO", differ + 1
        print(
            f"{query_name:<42} {len(local.rows):>5} {local_s * 1000:>12.1f} "
            f"{served_s * 1000:>12.1f}  {verdict}"
        )
    return differ


if __name__ == "__main__":
    sys.exit(main())
