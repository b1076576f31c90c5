"""Oxigraph's load rate on disk at the sizes of a large run: where the store becomes
the bottleneck (docs/capacity.md).

Run:  python -m benchmarks.bench_bulk_load [--sizes 1000000,10000000] [--demo DIR]

The demo graph is replicated to each size as bench_store does (copies renamed, so
they are distinct entities), written once as N-Triples, then loaded into a fresh
Oxigraph store on disk three ways:

* ``bulk_load``: the store's bulk loader reading the N-Triples file (no transaction;
  what a loader of a whole run's triples would use);
* ``bulk_extend``: the same triples as quads from Python, each in an article's named
  graph and in the default graph, as a build stores them, through the bulk loader;
* ``extend``: the same quads one article at a time (about 150 triples), each in its
  own transaction: what ``kg build`` does today (``OxigraphStore.add_article``).

Reported: seconds, triples per second, the store's size on disk and the peak
resident memory of the process (ru_maxrss, which only grows: read it per size in
the order run).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from benchmarks.bench_store import demo_graph, write_replicas

ARTICLE_TRIPLES = 150  # about what one demo article gives


def _article_quads(data: Path) -> Iterator[list[ox.Quad]]:
    """The triples of ``data`` cut into articles, each in its own named graph and in the
    default graph (as kg.graph.store.OxigraphStore.add_article writes them)."""
    triples = iter(ox.parse(path=str(data), format=ox.RdfFormat.N_TRIPLES))
    for number in range(1 << 62):
        batch = list(islice(triples, ARTICLE_TRIPLES))
        if not batch:
            return
        graph = ox.NamedNode(f"https://w3id.org/union-kg/id/article/bench{number}")
        quads = []
        for t in batch:
            quads.append(ox.Quad(t.subject, t.predicate, t.object, graph))
            quads.append(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()))
        yield quads


def _bulk_load(store: ox.Store, data: Path) -> None:
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())


def _bulk_extend(store: ox.Store, data: Path) -> None:
    store.bulk_extend(q for article in _article_quads(data) for q in article)


def _extend(store: ox.Store, data: Path) -> None:
    for article in _article_quads(data):
        store.extend(article)


WAYS: dict[str, Callable[..., None]] = {
    "bulk_load": _bulk_load,
    "bulk_extend": _bulk_extend,
    "extend": _extend,
}


def _disk_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def _measure(name: str, triples: int, work: Path, load: Callable[..., None]) -> None:
    folder = work / f"store-{name}"
    store = ox.Store(str(folder))
    start = time.perf_counter()
    load(store)
    store.flush()
    seconds = time.perf_counter() - start
    quads = len(store)
    del store
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(
        f"{triples:>11,} triples  {name:<11} {seconds:8.1f} s  {triples / seconds:>10,.0f} "
        f"triples/s  {quads:>11,} quads  {_disk_bytes(folder) / 1e9:5.2f} GB on disk  "
        f"peak RSS {peak:4.2f} GB",
        flush=True,
    )
    shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,10000000", help="triples, comma-separated")
    parser.add_argument("--demo", type=Path, help="a folder kg build wrote (default: build one)")
    parser.add_argument("--ways", default=",".join(WAYS), help="which loads")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-bulk-") as tmp:
        work = Path(tmp)
        demo = list(ox.parse(path=str(demo_graph(args.demo, work)), format=ox.RdfFormat.TURTLE))
        for size in (int(size) for size in args.sizes.split(",")):
            copies = -(-size // len(demo))
            data = work / f"{size}.nt"
            write_replicas(demo, copies, data)
            triples = copies * len(demo)
            for name in args.ways.split(","):
                _measure(name, triples, work, partial(WAYS[name], data=data))
            data.unlink()


if __name__ == "__main__":
    main()
