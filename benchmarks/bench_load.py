"""How long the prepared resources take to load.

Run:  .venv/bin/python benchmarks/bench_load.py [--sdist PATH] [--runs N]  (kg installed, as
`make setup` does; or `python -m benchmarks.bench_load` from the repository root)

* Segmentation model: the same model stored with its feature table as pickle and as
  msgpack, each loaded by ``spacy_pkuseg.pkuseg(dir)`` in a fresh interpreter (the
  import is not timed), the two formats alternating; the median of N runs.
* Gazetteer: ``load_divisions()`` in a fresh interpreter, median of N runs, and the
  number of rows per level. The cached gazetteer is used when it is current,
  otherwise one is built in a temporary directory.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from kg.resources.division_table import (
    LEVELS,
    build_gazetteer,
    default_gazetteer_path,
    gazetteer_is_current,
    load_divisions,
)
from kg.resources.pkuseg_model import FEATURES_FORMATS, download_sdist, write_model

REPO = Path(__file__).resolve().parents[1]

TIME_MODEL = """
import contextlib, io, sys, time
import spacy_pkuseg
start = time.perf_counter()
with contextlib.redirect_stderr(io.StringIO()):  # pkuseg warns when it falls back to pickle
    segmenter = spacy_pkuseg.pkuseg(sys.argv[1])
print(time.perf_counter() - start)  # before the model is freed: freeing it is not loading
"""

TIME_GAZETTEER = """
import sys, time
from pathlib import Path
from kg.resources.division_table import load_divisions
start = time.perf_counter()
divisions = load_divisions(Path(sys.argv[1]))
print(time.perf_counter() - start)
"""


def timed_in_fresh_process(snippet: str, argument: Path) -> tuple[float, float]:
    """(seconds the snippet reports, seconds the whole interpreter ran, exit included)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", snippet, str(argument)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1]), time.perf_counter() - start


def medians(samples: list[tuple[float, float]], digits: int) -> str:
    inside, whole = zip(*samples, strict=True)
    shown = ", ".join(f"{v:.{digits}f}" for v in inside)
    return (
        f"median {statistics.median(inside):.{digits}f} s ({shown});"
        f" whole process median {statistics.median(whole):.2f} s"
    )


def bench_model(sdist: Path, work: Path, runs: int) -> None:
    model_dirs = {}
    for features_format in FEATURES_FORMATS:
        model_dirs[features_format] = work / features_format
        model_dirs[features_format].mkdir()
        write_model(sdist, model_dirs[features_format], features_format)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in model_dirs}
    for _ in range(runs):
        for name, directory in model_dirs.items():
            samples[name].append(timed_in_fresh_process(TIME_MODEL, directory))
    for name, values in samples.items():
        print(f"model load, features.{name}: {medians(values, 2)}")


def bench_gazetteer(work: Path, runs: int) -> None:
    path = default_gazetteer_path()
    if not gazetteer_is_current(path):
        path = build_gazetteer(work / "divisions.tsv")
    samples = [timed_in_fresh_process(TIME_GAZETTEER, path) for _ in range(runs)]
    print(f"gazetteer load: {medians(samples, 3)}; from {path}")
    counts = Counter(division.level for division in load_divisions(path))
    print("gazetteer rows: " + ", ".join(f"{level} {counts[level]}" for level in LEVELS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sdist", type=Path, help="a local pkuseg-0.0.25.tar.gz (default: pip)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sdist = args.sdist or download_sdist(work)
        bench_model(sdist, work, args.runs)
        bench_gazetteer(work, args.runs)


if __name__ == "__main__":
    main()
