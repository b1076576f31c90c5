"""Extraction speed against raw segmentation, on the same text.

Run:  .venv/bin/python benchmarks/bench_extract.py [--mb 5] [--rounds 3] [--corpus DIR]

Builds a corpus of about ``--mb`` MB of text by repeating the articles of
``--corpus`` (default: the bundled demo corpus, else the seed page) as plain-text
files in a temporary folder, then prints:

* start-up: pipeline load (segmentation model + gazetteer + lexicons);
* raw spacy_pkuseg segmentation chars/s over the articles' texts;
* full ``kg extract`` chars/s (ingest, all entity and relation components,
  resolution, JSON writing) with --jobs 1 and --jobs 2, and their ratios (raw and
  --jobs 1 runs alternate ``--rounds`` times; the best of each counts);
* one long article of each of ``--lengths`` characters (the corpus's articles one
  after another): extraction chars/s, which should not fall as articles grow (the
  slowest within a factor of 1.5 of the fastest);
* peak memory (max RSS) of this process and of its children.
"""

from __future__ import annotations

import argparse
import io
import math
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kg.article import Article
from kg.ingest import read_paths
from kg.pipeline import Extractor, run
from kg.record import write_json

REPO = Path(__file__).resolve().parents[1]


def build_corpus(source: Path, target: Path, megabytes: float) -> int:
    """Plain-text copies of the articles under ``source`` until ``megabytes``; their chars."""
    articles = [a for a in read_paths([source]) if isinstance(a, Article)]
    if not articles:
        sys.exit(f"no articles in {source}")
    total = 0
    copy = 0
    while total < megabytes * 1_000_000:
        for article in articles:
            text = article.original
            (target / f"{copy:05d}_{article.index}.txt").write_text(text, encoding="utf-8")
            total += len(text.encode("utf-8"))
            copy += 1
    return copy


def long_articles(extractor: Extractor, articles: list[Article], lengths: list[int]) -> None:
    """chars/s of extraction on one article of each length, made of ``articles`` in a row."""
    paragraphs = "\n".join(a.original for a in articles)
    speeds = []
    for length in lengths:
        text = ("\n".join([paragraphs] * math.ceil(length / len(paragraphs))))[:length]
        article = Article("long.txt", 0, text.split("\n", 1)[0], text, text)
        # Short articles are run several times, so that each length is timed for as long.
        runs = max(1, 300_000 // length)
        wall = sum(_timed(lambda article=article: extractor(article))[0] for _ in range(runs))
        speeds.append(runs * length / wall)
        print(f"one article of {length:,} characters: {speeds[-1]:,.0f} chars/s ({runs} run(s))")
    if speeds:
        print(f"fastest / slowest length: {max(speeds) / min(speeds):.2f}x (must stay under 1.5)")


def _timed(work: Callable[[], None]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) that ``work`` took."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3, help="alternating raw/full runs")
    default = REPO / "examples" / "articles"
    if not default.is_dir() or not any(default.iterdir()):
        default = REPO.parent / "shared" / "corpus" / "seed"
    parser.add_argument("--corpus", type=Path, default=default)
    parser.add_argument(
        "--lengths",
        default="10000,100000,1000000",
        help="characters of the long articles timed one by one (comma-separated; '' for none)",
    )
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be 1 or more")

    started = time.perf_counter()
    extractor = Extractor()
    load_seconds = time.perf_counter() - started
    print(f"start-up (model + gazetteer + lexicons): {load_seconds:.2f} s")

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder)
        files = build_corpus(args.corpus, corpus, args.mb)
        articles = [a for a in read_paths([corpus]) if isinstance(a, Article)]
        chars = sum(len(a.text) for a in articles)
        print(f"corpus: {files} files, {len(articles)} articles, {chars:,} characters")

        segmenter = extractor.nlp.tokenizer.pkuseg_seg

        def segment() -> None:
            for article in articles:
                segmenter.cut(article.text)

        def extract(jobs: int) -> None:
            records = run([corpus], extractor, jobs=jobs, max_file_bytes=10**9)
            write_json((r for r in records if isinstance(r, dict)), io.StringIO())

        # Raw and full runs alternate and the best of each counts, so that a
        # neighbour's load during one of them does not decide the ratio.
        raw_wall, raw_cpu, full_wall, full_cpu = [], [], [], []
        for _ in range(args.rounds):
            wall, cpu = _timed(segment)
            raw_wall.append(wall)
            raw_cpu.append(cpu)
            wall, cpu = _timed(lambda: extract(1))
            full_wall.append(wall)
            full_cpu.append(cpu)
        raw, full = chars / min(raw_wall), chars / min(full_wall)
        raw_c, full_c = chars / min(raw_cpu), chars / min(full_cpu)
        print(f"raw spacy_pkuseg segmentation: {raw:,.0f} chars/s ({raw_c:,.0f} per CPU second)")
        print(
            f"full kg extract --jobs 1: {full:,.0f} chars/s ({full / raw:.2f}x raw segmentation); "
            f"per CPU second {full_c:,.0f} ({full_c / raw_c:.2f}x)   [best of {args.rounds}]"
        )
        paired = [r / f for r, f in zip(raw_wall, full_wall, strict=True)]
        print(
            "ratio within each round, in order: "
            + ", ".join(f"{ratio:.2f}x" for ratio in paired)
            + f" (median {statistics.median(paired):.2f}x)"
        )
        two = chars / _timed(lambda: extract(2))[0]
        print(f"full kg extract --jobs 2: {two:,.0f} chars/s ({two / raw:.2f}x raw segmentation)")
        print(f"--jobs 2 / --jobs 1: {two / full:.2f}x")

    long_articles(
        extractor,
        [a for a in read_paths([args.corpus]) if isinstance(a, Article)],
        [int(n) for n in args.lengths.split(",") if n.strip()],
    )

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {own:,.0f} MB (this process), {children:,.0f} MB (largest worker)")


if __name__ == "__main__":
    main()
