"""The embedded store (Oxigraph on disk) against rdflib's in-memory store, on one graph.

Run:  .venv/bin/python -m benchmarks.bench_store [--sizes 100000,1000000] [--runs 9]
          [--budget 60] [--limit 300] [--query-gb 3] [--demo DIR] [--out-dir DIR]

The demo graph (``kg build -o TMP``, or the built folder given by ``--demo``) is
replicated until each size: copy k > 0 of its merged graph (``graph.ttl``) renames
every IRI under https://w3id.org/union-kg/id/ (suffix ``~copyk``) and every label
(suffix ``#k``), so the copies are distinct entities and a label picks one entity of
one copy. Each size is written once as N-Triples (kept in ``--out-dir``); then, for
Oxigraph on disk (in a temporary folder), rdflib's memory store and, for reference,
Oxigraph in memory:

* load: the store's own bulk load of that file into its default graph;
* Turtle: ``serialize_turtle`` of the default graph;
* every named query of ontology/queries/*.rq, its parameters bound (substitution /
  initBindings) to the name of the most related entity of the last copy: the median
  of ``--runs`` runs after one warm-up, fewer when they would take more than
  ``--budget`` seconds (``w``: the warm-up alone). A query is stopped after
  ``--limit`` seconds (Oxigraph: in a child process, as ``kg query`` runs it; rdflib:
  also when it grows the process by more than ``--query-gb`` GB). Both stores must
  give as many rows, else the benchmark fails.

Then ``kg serve`` on the same disk store: the time its first request (a count of
the quads) takes, in which its worker copies the store into memory, and every named
query asked over HTTP (a form POST, the parameters as a VALUES row, JSON results
read to the end), the server in this process and answering as it always does (its
worker process, Oxigraph's JSON writer).

At the largest size the goals are checked (PASS/MISS), for Oxigraph on disk (as
``kg query`` answers) and for ``kg serve``: look-up, one-hop and two-hop queries under
50 ms median, aggregates under 300 ms, every query at least 20x faster than rdflib,
load at least 8x faster (Oxigraph's bulk load on disk; in memory for kg serve).
rdflib needs a few GB and the best part of an hour at 1 M triples.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode

import pyoxigraph as ox
from rdflib.term import Node

from kg.graph.query import NamedQuery, QueryError, named_queries, run_query
from kg.graph.server import SparqlServer
from kg.graph.store import GraphStore, OxigraphStore, QueryResult, with_bindings
from kg.graph.vocab import KGR, PREFIXES
from tests.reference_store import MemoryStore

# What the named queries that do not group walk; a query not listed is an aggregate
# when it groups and is held to the two-hop goal otherwise.
QUERY_KINDS = {
    "articles-mentioning": "look-up",  # a name, its entity, the articles mentioning it
    "entity": "one-hop",  # an entity's relations, each with its evidence and article
}
GOAL_MS = {"look-up": 50.0, "one-hop": 50.0, "two-hop": 50.0, "aggregate": 300.0}
QUERY_SPEED_UP = 20.0
LOAD_SPEED_UP = 8.0

LABELS = {
    ox.NamedNode(PREFIXES["skos"] + "prefLabel"),
    ox.NamedNode(PREFIXES["skos"] + "altLabel"),
    ox.NamedNode(PREFIXES["rdfs"] + "label"),
}

# The name whose entity has the most statements: look-ups with many answers.
MOST_RELATED = """
SELECT ?name (COUNT(?statement) AS ?statements)
WHERE {
  ?entity skos:prefLabel ?name .
  { ?statement rdf:subject ?entity } UNION { ?statement rdf:object ?entity }
}
GROUP BY ?name
ORDER BY DESC(?statements) ?name
LIMIT 1
"""

STORES = ("oxigraph", "memory", "oxigraph in memory", "kg serve")


@dataclass
class Timing:
    median_s: float | None  # None: stopped
    runs: int  # 0: the warm-up alone
    rows: int | None
    stopped: str = ""  # why, when stopped
    at_least_s: float = 0.0  # when stopped: how long it had run


@dataclass
class Figures:
    load_s: float = 0.0
    turtle_s: float = 0.0
    triples: int = 0
    queries: dict[str, Timing] = field(default_factory=dict)


def demo_graph(given: Path | None, work: Path) -> Path:
    """The merged graph (graph.ttl) of the demo corpus, built into ``work`` unless given."""
    if given is None:
        given = work / "demo"
        subprocess.run([sys.executable, "-m", "kg.cli", "build", "-o", str(given)], check=True)
    path = given / "graph.ttl"
    if not path.is_file():
        sys.exit(f"bench_store: {path} does not exist (build it with kg build -o {given})")
    return path


def copy_triples(triples: list[ox.Triple], copy: int) -> Iterator[ox.Triple]:
    def rename(term: ox.NamedNode | ox.BlankNode) -> ox.NamedNode | ox.BlankNode:
        if isinstance(term, ox.NamedNode) and term.value.startswith(KGR):
            return ox.NamedNode(f"{term.value}~copy{copy}")
        return term

    for triple in triples:
        subject, predicate, obj = triple.subject, triple.predicate, triple.object
        if not isinstance(obj, ox.Literal):
            obj = rename(obj)
        elif predicate in LABELS:
            obj = ox.Literal(f"{obj.value}#{copy}", language=obj.language)
        yield ox.Triple(rename(subject), predicate, obj)


def write_replicas(triples: list[ox.Triple], copies: int, path: Path) -> None:
    """Copy 0 is the demo graph itself; copies 1… are renamed."""
    with path.open("wb") as out:
        ox.serialize(
            (
                t
                for copy in range(copies)
                for t in (copy_triples(triples, copy) if copy else triples)
            ),
            out,
            format=ox.RdfFormat.N_TRIPLES,
        )


def seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def rss_bytes() -> int:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class QueryStopped(Exception):
    pass


@contextmanager
def watchdog(limit_s: float, max_rss: int) -> Iterator[None]:
    """QueryStopped inside the block after ``limit_s`` seconds or past ``max_rss`` bytes
    (rdflib is pure Python: a signal handler can stop it)."""
    start = time.perf_counter()

    def check(signum: int, frame: object) -> None:
        if time.perf_counter() - start > limit_s:
            raise QueryStopped(f"stopped > {limit_s:g} s")
        if rss_bytes() > max_rss:
            raise QueryStopped(f"stopped > {max_rss / 1e9:.1f} GB")

    previous = signal.signal(signal.SIGALRM, check)
    signal.setitimer(signal.ITIMER_REAL, 0.2, 0.2)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def sample(run: Callable[[], object], warm_up_s: float, args: argparse.Namespace) -> Timing:
    runs = min(args.runs, int(args.budget / max(warm_up_s, 1e-6)))
    if runs == 0:
        return Timing(warm_up_s, 0, None)
    return Timing(statistics.median(seconds(run) for _ in range(runs)), runs, None)


def load_and_dump(store: GraphStore, data: Path, turtle: Path) -> Figures:
    figures = Figures()
    figures.load_s = seconds(lambda: store.load(data, "nt"))
    figures.triples = len(store)
    figures.turtle_s = seconds(lambda: store.serialize_turtle(turtle))
    turtle.unlink()
    return figures


Guard = Callable[[str, dict[str, Node], Callable[[], QueryResult]], int]


def time_query(
    store: GraphStore, query: NamedQuery, bound: str, args: argparse.Namespace, guard: Guard
) -> Timing:
    """``guard`` runs the query once within the limits and gives its number of rows."""
    bindings = query.bindings({param.name: bound for param in query.params})

    def run() -> QueryResult:
        return store.query(query.text, bindings)

    start = time.perf_counter()
    try:
        rows = guard(query.text, bindings, run)
    except (QueryError, QueryStopped) as error:
        return Timing(None, 0, None, str(error), time.perf_counter() - start)
    timing = sample(run, time.perf_counter() - start, args)
    timing.rows = rows
    return timing


def measure_oxigraph(
    data: Path, folder: Path, queries: dict[str, NamedQuery], bound: str, args: argparse.Namespace
) -> Figures:
    path = folder / "store"
    # Closed on return: the queries read it read-only, as kg query and kg serve do.
    figures = load_and_dump(OxigraphStore(path), data, folder / "graph.ttl")
    store = OxigraphStore(path, read_only=True)

    def guard(text: str, bindings: dict[str, Node], run: Callable[[], QueryResult]) -> int:
        # Oxigraph cannot be interrupted: first a child process killed at the limit.
        rows = len(run_query(path, text, bindings, timeout=args.limit).rows)
        run()
        return rows

    for name, query in queries.items():
        figures.queries[name] = time_query(store, query, bound, args, guard)
    return figures


def measure_served(
    folder: Path, queries: dict[str, NamedQuery], bound: str, args: argparse.Namespace
) -> Figures:
    """kg serve over the disk store in ``folder``; ``load_s``: its first answer, for
    which its worker copies the store into memory."""
    figures = Figures()
    server = SparqlServer(folder, ("127.0.0.1", 0), timeout=args.limit)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    first = partial(server.write, count, {"solutions": "csv", "graph": None})
    # The server logs every request on standard error.
    with open(os.devnull, "w") as quiet, redirect_stderr(quiet):
        try:
            figures.load_s = seconds(first)
            figures.triples = int(first().body.split()[1])
            for name, query in queries.items():
                bindings = query.bindings({param.name: bound for param in query.params})
                sparql = with_bindings(query.text, bindings)
                figures.queries[name] = time_served(server.url, sparql, args)
        finally:
            server.shutdown()
            server.server_close()
    return figures


def time_served(url: str, sparql: str, args: argparse.Namespace) -> Timing:
    request = urllib.request.Request(
        url,
        urlencode({"query": sparql}).encode(),
        {"Accept": "application/sparql-results+json"},
    )

    def run() -> bytes:
        with urllib.request.urlopen(request, timeout=args.limit + 60) as response:
            return response.read()

    start = time.perf_counter()
    try:
        body = run()
    except HTTPError as error:
        return Timing(None, 0, None, f"HTTP {error.code}", time.perf_counter() - start)
    timing = sample(run, time.perf_counter() - start, args)
    timing.rows = len(json.loads(body)["results"]["bindings"])
    return timing


def measure_in_memory(
    store: GraphStore,
    data: Path,
    turtle: Path,
    queries: dict[str, NamedQuery],
    bound: str,
    args: argparse.Namespace,
    skip: set[str],
) -> Figures:
    """rdflib or Oxigraph in memory; queries in ``skip`` (stopped on disk) are not run."""
    figures = load_and_dump(store, data, turtle)
    max_rss = rss_bytes() + int(args.query_gb * 1e9)

    def guard(text: str, bindings: dict[str, Node], run: Callable[[], QueryResult]) -> int:
        with watchdog(args.limit, max_rss):
            return len(run().rows)

    for name, query in queries.items():
        if name in skip:
            figures.queries[name] = Timing(None, 0, None, "not run")
        else:
            figures.queries[name] = time_query(store, query, bound, args, guard)
    return figures


def kind_of(query: NamedQuery) -> str:
    if query.name in QUERY_KINDS:
        return QUERY_KINDS[query.name]
    return "aggregate" if "GROUP BY" in query.text.upper() else "two-hop"


def speed_up(slow: Timing, fast: Timing) -> tuple[float | None, str]:
    """slow/fast, a lower bound (">") when the slow store was stopped."""
    if fast.median_s is None:
        return None, "-"
    if slow.median_s is None:
        if not slow.at_least_s:
            return None, "-"
        ratio = slow.at_least_s / fast.median_s
        return ratio, f">{ratio:,.{ratio < 10:d}f}x"
    ratio = slow.median_s / fast.median_s
    return ratio, f"{ratio:,.{ratio < 10:d}f}x"


def shown(timing: Timing) -> str:
    if timing.median_s is None:
        return timing.stopped[:22]
    runs = "w" if timing.runs == 0 else str(timing.runs)
    return f"{timing.median_s * 1000:,.1f} ms ({runs})"


def report(
    size: int, copies: int, figures: dict[str, Figures], queries: dict[str, NamedQuery]
) -> list[str]:
    """Prints the figures of one size; what differs between the stores."""
    disk = figures["oxigraph"]
    print(f"\n== {disk.triples:,} triples ({copies} copies of the demo graph; asked {size:,})")
    head = f"{'':52} {'oxigraph':>18} {'rdflib memory':>22} {'memory/oxigraph':>15}"
    print(f"{head} {'oxigraph in memory':>19} {'kg serve':>18} {'memory/serve':>12}  rows")
    for label, attribute in (("load (N-Triples)", "load_s"), ("serialise Turtle", "turtle_s")):
        ox_s, mem_s, oxm_s = (getattr(figures[store], attribute) for store in STORES[:3])
        print(
            f"{label:52} {ox_s:>16.2f} s {mem_s:>20.2f} s {mem_s / ox_s:>14,.1f}x {oxm_s:>17.2f} s"
        )
    print(f"kg serve: copying the store into memory {figures['kg serve'].load_s:.2f} s")
    differing = []
    for name, query in queries.items():
        timings = [figures[store].queries[name] for store in STORES]
        counts = {t.rows for t in timings if t.rows is not None}
        rows = "/".join(str(t.rows if t.rows is not None else "-") for t in timings)
        if len(counts) > 1:
            differing.append(f"{name} ({rows} rows)")
            rows += " DIFFER"
        print(
            f"{name + ' (' + kind_of(query) + ')':52} {shown(timings[0]):>18}"
            f" {shown(timings[1]):>22} {speed_up(timings[1], timings[0])[1]:>15}"
            f" {shown(timings[2]):>19} {shown(timings[3]):>18}"
            f" {speed_up(timings[1], timings[3])[1]:>12}  {rows}"
        )
    if len({f.triples for f in figures.values()}) > 1:
        differing.append("triples loaded: " + "/".join(str(f.triples) for f in figures.values()))
    return differing


def check_goals(
    embedded: Figures, load_s: float, memory: Figures, queries: dict[str, NamedQuery], label: str
) -> int:
    """Prints PASS/MISS per goal of the ``embedded`` figures (``load_s``: its bulk load);
    the number missed."""
    print(f"\n== goals at {embedded.triples:,} triples (set for 1 M), {label}")
    missed = 0

    def verdict(passed: bool, text: str) -> None:
        nonlocal missed
        missed += not passed
        print(f"{'PASS' if passed else 'MISS'}  {text}")

    load = memory.load_s / load_s
    verdict(load >= LOAD_SPEED_UP, f"load {load:,.1f}x faster than rdflib (>= {LOAD_SPEED_UP:g}x)")
    for name, query in queries.items():
        kind, fast = kind_of(query), embedded.queries[name]
        goal = GOAL_MS[kind]
        ms = "stopped" if fast.median_s is None else f"{fast.median_s * 1000:,.1f} ms"
        verdict(
            fast.median_s is not None and fast.median_s * 1000 < goal,
            f"{name}: {ms} ({kind} < {goal:g} ms)",
        )
        ratio, text = speed_up(memory.queries[name], fast)
        verdict(
            ratio is not None and ratio >= QUERY_SPEED_UP,
            f"{name}: {text} faster than rdflib (>= {QUERY_SPEED_UP:g}x)",
        )
    return missed


def bench_size(
    triples: list[ox.Triple],
    size: int,
    name: str,
    work: Path,
    data_dir: Path,
    queries: dict[str, NamedQuery],
    args: argparse.Namespace,
) -> tuple[int, dict[str, Figures]]:
    copies = max(1, round(size / len(triples)))
    data = data_dir / f"graph-{size}.nt"
    write_replicas(triples, copies, data)
    bound = f"{name}#{copies - 1}" if copies > 1 else name
    figures = {}
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        figures["oxigraph"] = measure_oxigraph(data, Path(tmp), queries, bound, args)
        figures["kg serve"] = measure_served(Path(tmp), queries, bound, args)
    stopped = {n for n, t in figures["oxigraph"].queries.items() if t.median_s is None}
    for store_name, store in (("oxigraph in memory", OxigraphStore), ("memory", MemoryStore)):
        with tempfile.TemporaryDirectory(dir=work) as tmp:
            figures[store_name] = measure_in_memory(
                store(), data, Path(tmp) / "graph.ttl", queries, bound, args, stopped
            )
        gc.collect()
    return copies, figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="triples, comma-separated")
    parser.add_argument("--runs", type=int, default=9, help="timed runs per query")
    parser.add_argument(
        "--budget", type=float, default=60.0, help="seconds of timed runs per query and store"
    )
    parser.add_argument("--limit", type=float, default=300.0, help="seconds before a query stops")
    parser.add_argument(
        "--query-gb", type=float, default=3.0, help="memory one rdflib query may take"
    )
    parser.add_argument("--demo", type=Path, help="a folder kg build wrote (default: build one)")
    parser.add_argument("--out-dir", type=Path, help="where the N-Triples files stay")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # figures as they come, into a log too
    if args.out_dir:
        args.out_dir.mkdir(parents=True, exist_ok=True)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    queries = named_queries()

    with tempfile.TemporaryDirectory(dir=args.out_dir) as tmp:
        work = Path(tmp)
        demo = demo_graph(args.demo, work)
        triples = [quad.triple for quad in ox.parse(path=str(demo), format=ox.RdfFormat.TURTLE)]
        demo_store = OxigraphStore()
        demo_store.load(demo, "turtle")
        name = str(demo_store.query(MOST_RELATED).rows[0][0])
        print(
            f"demo graph {demo}: {len(triples):,} triples; parameters bound to {name}#<last copy>"
        )

        differing: list[str] = []
        for size in sizes:
            copies, figures = bench_size(
                triples, size, name, work, args.out_dir or work, queries, args
            )
            differing += report(size, copies, figures, queries)
        missed = check_goals(
            figures["oxigraph"],
            figures["oxigraph"].load_s,
            figures["memory"],
            queries,
            "Oxigraph on disk (kg query)",
        )
        missed += check_goals(
            figures["kg serve"],
            figures["oxigraph in memory"].load_s,
            figures["memory"],
            queries,
            "kg serve (its copy in memory; load: Oxigraph's bulk load in memory)",
        )

    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
    print(f"\n{missed} goal(s) missed; peak memory (max RSS) {peak_gb:,.1f} GB")
    if differing:
        sys.exit(f"bench_store: the stores gave different answers: {'; '.join(differing)}")


if __name__ == "__main__":
    main()
