"""Resumable runs (kg.runs) locally and on a Dask LocalCluster, on the same corpus.

Run:  python -m benchmarks.bench_runs [--mb 20] [--shard-mb 1] [--push]

Builds a corpus of about ``--mb`` MB of plain-text copies of the demo articles
(benchmarks/bench_extract.build_corpus), then prints, the model loads left out of every
rate (each side loads it once before its clock starts):

* chars/s of ``kg extract`` in one go with --jobs 1 and --jobs 2 (kg.pipeline.run);
* chars/s of a run (--run) in this process, and its overhead per shard, timed apart
  from extraction (so that a loaded machine does not hide it): compressing a shard's
  records, and a run over results already made (listing, writing each shard whole and
  synced, the journal);
* chars/s of a run on a LocalCluster of two single-threaded worker processes, its
  ratio to --jobs 2 (goal: 0.9 or more), the time per shard not spent computing
  (wall x workers - compute, over shards) and the scheduler's round trip per shard
  (no-op tasks returning a shard's worth of bytes);
* peak memory (max RSS) of each worker, and of this process and its --jobs children;
* time to resume a run 90% done: listing and skipping the done shards (goal: under
  2 s), and the whole resume with the last 10% extracted.

With ``--push``, instead: the run made in this process, then ``kg push --run`` of it
into an Oxigraph server on a free loopback port (the ``oxigraph`` binary the pyoxigraph
wheel installs beside Python), its store on disk and then in memory, twice each: into
the empty store and over the first push. For each, articles/s and triples/s (those of
the articles' named graphs, and with the merged graph's added: all the triples sent).
On disk the server commits each request durably (one PUT an article); in memory
what is left is this process's own work and the round trips.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import redirect_stderr
from functools import partial
from io import StringIO
from pathlib import Path

from distributed import get_task_stream

from benchmarks.bench_extract import build_corpus
from kg.article import Article
from kg.cli import main as kg
from kg.cluster import PipelinePlugin, dask_extract, local_cluster
from kg.pipeline import Extractor, run
from kg.runs import JOURNAL, Run, RunReport, Shard, ShardResult, local_extract, run_shards
from tests.test_push import REPORT, _oxigraph

REPO = Path(__file__).resolve().parents[1]
READ = {"max_file_bytes": 20_000_000, "ocr": False}


def one_go(corpus: Path, extractor: Extractor, jobs: int) -> float:
    """chars/s of kg.pipeline.run over the whole corpus (kg extract without --run)."""
    chars = 0

    def seen(article: Article) -> None:
        nonlocal chars
        chars += len(article.text)

    start = time.perf_counter()
    for _ in run([corpus], extractor, jobs=jobs, on_article=seen, **READ):
        pass
    return chars / (time.perf_counter() - start)


def run_overhead(done: Path, corpus: Path, shard_bytes: int) -> float:
    """Seconds per shard that a run adds to extraction: encoding the records of a shard,
    and a run of the same corpus in a new folder given the results ready-made."""
    kept = Run.open(done)
    results = {}
    encoding = 0.0
    for shard in kept.shards:
        records = list(kept.items(shard.paths))
        # JSON is written without a run too (kg extract's output): only gzip is added.
        lines = b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)
        start = time.perf_counter()
        data = gzip.compress(lines, compresslevel=1, mtime=0)
        encoding += time.perf_counter() - start
        results[shard.paths[0]] = ShardResult(data, len(records), 0, ())

    def ready(shards: Sequence[Shard]) -> Iterator[tuple[Shard, ShardResult]]:
        for shard in shards:
            yield shard, results[shard.paths[0]]

    start = time.perf_counter()
    again = run_shards(
        done.parent / "run-ready", [corpus], ready, shard_bytes=shard_bytes, options={}
    )
    return (encoding + time.perf_counter() - start) / again.shards


def local_run(folder: Path, corpus: Path, extractor: Extractor, shard_bytes: int) -> RunReport:
    """kg extract --run of ``corpus`` into ``folder`` in this process (--jobs 1)."""
    extract = local_extract(lambda: extractor, partial(run, **READ))
    return run_shards(folder, [corpus], extract, shard_bytes=shard_bytes, options={})


def push_rates(folder: Path, report: RunReport, work: Path) -> None:
    """``kg push --run`` of the complete run in ``folder`` into an Oxigraph server with a
    store of its own (in ``work``, then in memory): twice each, into the empty store and
    over the first push."""
    for store, location in (("on disk", ["--location", str(work / "oxigraph")]), ("in memory", [])):
        with _oxigraph(work, "serve", *location) as base:
            for when in ("into an empty store", "again, over the first push"):
                push_rate(folder, report, f"{base}/store", f"{store}, {when}")


def push_rate(folder: Path, report: RunReport, endpoint: str, what: str) -> None:
    """The rates of one ``kg push --run`` of ``folder`` to ``endpoint``, printed."""
    told = StringIO()
    start = time.perf_counter()
    with redirect_stderr(told):
        status = kg(["push", "--run", str(folder), "--endpoint", endpoint])
    seconds = time.perf_counter() - start
    pushed = REPORT.fullmatch(told.getvalue().strip())
    if status != 0 or pushed is None:
        raise SystemExit(told.getvalue().strip())
    named, merged = int(pushed.group(2)), int(pushed.group(3))
    print(
        f"kg push --run ({what}): {seconds:.1f} s, {report.articles / seconds:,.0f} "
        f"articles/s, {named / seconds:,.0f} triples/s of the article graphs ({named:,}), "
        f"{(named + merged) / seconds:,.0f} triples/s with the merged graph's ({merged:,}), "
        f"{report.shards} shards"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size (default 20)")
    parser.add_argument("--shard-mb", type=float, default=1.0, help="shard size (default 1)")
    parser.add_argument("--corpus", type=Path, default=REPO / "examples" / "articles")
    parser.add_argument(
        "--push", action="store_true", help="measure kg push --run into Oxigraph instead"
    )
    args = parser.parse_args()
    shard_bytes = int(args.shard_mb * 1_000_000)

    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        corpus = work / "corpus"
        corpus.mkdir()
        files = build_corpus(args.corpus, corpus, args.mb)
        size = sum(p.stat().st_size for p in corpus.iterdir())
        print(f"corpus: {files:,} files, {size / 1e6:.1f} MB, shards of {args.shard_mb} MB")

        start = time.perf_counter()
        extractor = Extractor()
        print(f"pipeline load: {time.perf_counter() - start:.1f} s")
        if args.push:
            folder = work / "run-local"
            report = local_run(folder, corpus, extractor, shard_bytes)
            print(f"run: {report.articles:,} articles in {report.shards} shards")
            push_rates(folder, report, work)
            return

        jobs1 = one_go(corpus, extractor, 1)
        print(f"kg extract --jobs 1 (one go): {jobs1:,.0f} chars/s")
        jobs2 = one_go(corpus, extractor, 2)
        print(f"kg extract --jobs 2 (one go): {jobs2:,.0f} chars/s")
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

        folder = work / "run-local"
        report = local_run(folder, corpus, extractor, shard_bytes)
        local_rate = report.chars / report.seconds
        print(f"kg extract --run, --jobs 1: {local_rate:,.0f} chars/s over {report.shards} shards")
        print(f"  overhead per shard: {run_overhead(folder, corpus, shard_bytes) * 1000:,.0f} ms")

        # Resume a run 90% done: its journal cut back to the first 90% of its lines.
        journal = folder / JOURNAL
        lines = journal.read_text().splitlines(keepends=True)
        journal.write_text("".join(lines[: int(len(lines) * 0.9)]))
        start = time.perf_counter()
        pending = Run.plan(folder, [corpus], shard_bytes=shard_bytes, options={})[0].pending
        skipped = time.perf_counter() - start
        print(
            f"resume of a run 90% done: {skipped:.2f} s to list {files:,} files and skip "
            f"{len(lines) - len(pending)} done shards (goal < 2 s)"
        )
        start = time.perf_counter()
        again = local_run(folder, corpus, extractor, shard_bytes)
        print(
            f"  whole resume ({again.done} shards extracted): {time.perf_counter() - start:.1f} s"
        )
        hashed = work / "run-cold"
        start = time.perf_counter()
        Run.plan(hashed, [corpus], shard_bytes=shard_bytes, options={})
        print(f"  first listing (every file hashed): {time.perf_counter() - start:.2f} s")
        shutil.rmtree(hashed)

        with local_cluster(2) as client:
            start = time.perf_counter()
            # Loaded before the clock starts; dask_extract finds it there (same key).
            client.register_plugin(PipelinePlugin(partial(Extractor, {}), "defaults"))
            loaded = time.perf_counter() - start
            print(f"LocalCluster of 2: pipeline load on the workers {loaded:.1f} s")
            computed: list[float] = []
            with get_task_stream(client) as stream:
                report = run_shards(
                    work / "run-dask",
                    [corpus],
                    dask_extract(client, partial(Extractor, {}), partial(run, **READ), "defaults"),
                    shard_bytes=shard_bytes,
                    options={},
                )
            for task in stream.data:
                computed += [
                    s["stop"] - s["start"] for s in task["startstops"] if s["action"] == "compute"
                ]
            rate = report.chars / report.seconds
            idle = (report.seconds * 2 - sum(computed)) / report.shards
            print(
                f"kg extract --run --scheduler (LocalCluster of 2): {rate:,.0f} chars/s, "
                f"{rate / jobs2:.2f}x --jobs 2 (goal >= 0.9); worker time per shard not "
                f"computing (with the idle tail): {idle * 1000:,.0f} ms"
            )
            payload = bytes(shard_bytes // 3)  # a shard's gzip records are about a third
            start = time.perf_counter()
            futures = [client.submit(bytes, payload, pure=False) for _ in range(50)]
            client.gather(futures)
            trip = (time.perf_counter() - start) / 50
            print(
                f"  scheduler overhead per shard (round trip of a no-op task carrying a "
                f"shard's bytes): {trip * 1000:,.0f} ms"
            )
            peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
            for address, kb in sorted(peaks.items()):
                print(f"  peak memory of worker {address}: {kb / 1024:,.0f} MB")
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory: this process {own:,.0f} MB, largest --jobs child {children:,.0f} MB")
        print(f"cpu count: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
