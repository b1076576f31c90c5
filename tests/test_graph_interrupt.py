"""A build killed at any moment (SIGKILL, no chance to clean up) leaves the earlier
graph usable, and the next build completes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph

from kg.folder import build
from kg.graph.store import current_store_path
from tests.conftest import DEMO, Records, articles_in_store

pytestmark = pytest.mark.slow  # kills builds part way through


def _articles(out: Path) -> int:
    store = current_store_path(out)
    assert store is not None
    return articles_in_store(store)


def _prepare(folder: Path, demo_built: Path) -> tuple[Path, Path]:
    """(a copy of the demo graph's folder, a second copy of the corpus to add to it)."""
    out = folder / "out"
    shutil.copytree(demo_built, out, symlinks=True, ignore=shutil.ignore_patterns(".lock"))
    extra = folder / "extra"
    shutil.copytree(DEMO, extra)
    return out, extra


def _start_build(extra: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(extra), "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def build_seconds(tmp_path_factory: pytest.TempPathFactory, demo_built: Path) -> float:
    """How long that build takes on this machine when left alone."""
    out, extra = _prepare(tmp_path_factory.mktemp("timed"), demo_built)
    start = time.perf_counter()
    assert _start_build(extra, out).wait() == 0
    return time.perf_counter() - start


# Moments through the build (loading, reading, writing the store, writing the files).
@pytest.mark.parametrize("fraction", [0.05, 0.5, 0.8, 0.95])
def test_a_killed_build_leaves_a_usable_graph(
    fraction: float, build_seconds: float, tmp_path: Path, demo_built: Path, records: Records
) -> None:
    out, extra = _prepare(tmp_path, demo_built)
    before_ttl = (out / "graph.ttl").read_bytes()
    before = _articles(out)

    process = _start_build(extra, out)
    time.sleep(fraction * build_seconds)
    finished = process.poll() is not None
    if not finished:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()

    # Whatever the moment, the folder holds one consistent graph: the old or the new.
    after = _articles(out)
    ttl = (out / "graph.ttl").read_bytes()
    assert after in (before, 2 * before)
    if after == before:
        assert ttl == before_ttl
    assert len(Graph().parse(data=ttl, format="turtle")) > 0

    report = build([extra], out, records)
    assert _articles(out) == 2 * before
    assert not report.problems
    _assert_one_generation(out)


def _assert_one_generation(out: Path) -> None:
    store = current_store_path(out)
    assert store is not None
    generations = [p.name for p in out.iterdir() if p.name.startswith(("generation.", "store."))]
    assert generations == [store.parent.name]


# Killed by its own hand at the n-th rename or new link of the build: around the moment
# the store and the files are switched, which timing alone seldom hits.
_KILLED_AT_STEP = """
import os, signal, sys
from kg.cli import main
steps = 0
def killing(real):
    def step(*args, **kwargs):
        global steps
        steps += 1
        if steps == {step}:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return step
os.replace, os.symlink = killing(os.replace), killing(os.symlink)
sys.exit(main(["build", {extra!r}, "-o", {out!r}]))
"""
_FILES = ("graph.ttl", "graph.trig", "graph.html")


@pytest.mark.parametrize("step", [1, 2, 3])
def test_a_build_killed_while_switching_leaves_store_and_files_of_one_build(
    step: int, tmp_path: Path, demo_built: Path, records: Records
) -> None:
    out = tmp_path / "out"
    shutil.copytree(demo_built, out, symlinks=True, ignore=shutil.ignore_patterns(".lock"))
    extra = tmp_path / "extra"
    extra.mkdir()
    shutil.copy(sorted(DEMO.iterdir())[0], extra)
    before = _articles(out)
    before_files = {name: (out / name).read_bytes() for name in _FILES}

    code = _KILLED_AT_STEP.format(step=step, extra=str(extra), out=str(out))
    subprocess.run([sys.executable, "-c", code], stderr=subprocess.DEVNULL, check=False)

    after = _articles(out)
    assert after in (before, before + 1)
    for name in _FILES:  # every file is the old one exactly when the store is
        assert ((out / name).read_bytes() == before_files[name]) == (after == before), name
    build([extra], out, records)
    assert _articles(out) == before + 1
    _assert_one_generation(out)
