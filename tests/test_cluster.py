"""A run's shards on a real dask.distributed cluster (kg.cluster): two worker processes on
loopback give what --jobs 1 gives, also when one of them is killed half-way; a client
killed half-way and run again does only the shards left; a scheduler that cannot be
reached is one line and exit status 2."""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from kg.cli import main  # noqa: E402
from kg.cluster import dask_extract  # noqa: E402
from kg.pipeline import Extractor, run  # noqa: E402
from kg.runs import JOURNAL, Run, Shard, ShardResult, run_records, run_shards  # noqa: E402
from tests.conftest import DEMO  # noqa: E402
from tests.test_runs import demo_copies, killed_once_journalled  # noqa: E402

READ = {"max_file_bytes": 10**8, "ocr": False}


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster, set_as_default=False) as client,
    ):
        yield client


def _one_go(corpus: Path, extractor: Extractor) -> list[dict]:
    return [r for r in run([corpus], extractor, max_file_bytes=10**8) if isinstance(r, dict)]


def _journal_ids(folder: Path) -> list[int]:
    """The shards in the run's journal, in the order they were written."""
    return [json.loads(line)["id"] for line in (folder / JOURNAL).read_text().splitlines()]


@pytest.mark.slow
def test_a_cluster_of_two_gives_what_jobs_1_gives(
    client: distributed.Client, extractor: Extractor, tmp_path: Path
) -> None:
    corpus = demo_copies(tmp_path / "in", 1)
    out = tmp_path / "out.jsonl"
    folder = tmp_path / "run"
    argv = ["extract", str(corpus), "--run", str(folder), "--shard-size", "0.004"]
    argv += ["--format", "jsonl", "-o", str(out), "--scheduler", client.scheduler.address]
    assert main(argv) == 0
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert written == _one_go(corpus, extractor)
    shards = len(Run.open(folder).shards)
    assert shards > 4 and sorted(_journal_ids(folder)) == list(range(shards))  # each once


@pytest.mark.slow
def test_a_worker_killed_mid_run_leaves_the_run_complete_and_identical(
    client: distributed.Client, extractor: Extractor, tmp_path: Path
) -> None:
    corpus = demo_copies(tmp_path / "in", 2)
    folder = tmp_path / "run"
    load = partial(Extractor, {})
    shards_on_cluster = dask_extract(client, load, partial(run, **READ), key="defaults")
    killed: list[int] = []

    def killing(pending: Sequence[Shard]) -> Iterator[tuple[Shard, ShardResult]]:
        for done, item in enumerate(shards_on_cluster(pending)):
            if done == 1:  # both workers have the pipeline and are at work
                pid = next(iter(client.run(os.getpid).values()))
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            yield item

    report = run_shards(folder, [corpus], killing, shard_bytes=4000, options={})
    assert killed and report.complete and report.done == report.shards
    assert list(run_records(folder)) == _one_go(corpus, extractor)
    assert sorted(_journal_ids(folder)) == list(range(report.shards))  # none written twice


@pytest.mark.slow
def test_the_client_killed_mid_run_and_run_again_does_only_the_shards_left(
    client: distributed.Client,
    extractor: Extractor,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    corpus = demo_copies(tmp_path / "in", 4)  # 24 shards: many left at the kill
    folder = tmp_path / "run"
    out = tmp_path / "out.jsonl"
    argv = ["extract", str(corpus), "--run", str(folder), "--shard-size", "0.004"]
    argv += ["--format", "jsonl", "-o", str(out), "--scheduler", client.scheduler.address]
    # The client (kg extract) in a process of its own, killed once 2 shards are kept;
    # the cluster, in this process, lives on.
    done_before = killed_once_journalled([sys.executable, "-m", "kg.cli", *argv], folder, 2)
    shards = len(Run.open(folder).shards)
    assert done_before >= 2, "kg extract stopped on its own before 2 shards were done"
    assert done_before < shards, "killed too late to test a resume"
    assert not out.exists()
    before = set(_journal_ids(folder))

    assert main(argv) == 0
    summaries = [line for line in capsys.readouterr().err.splitlines() if "shard(s)" in line]
    assert len(summaries) == 1
    left = shards - done_before
    assert f"{shards} shard(s), {done_before} done before, {left} now" in summaries[0]
    written = _journal_ids(folder)
    # The rerun journalled exactly the shards left, and every shard is there once.
    assert len(written) == shards and set(written[done_before:]) == set(range(shards)) - before
    assert sorted(written) == list(range(shards))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records == _one_go(corpus, extractor)


@pytest.mark.slow  # importing dask.distributed and waiting out the connection: 10 s
def test_an_unreachable_scheduler_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Port 9 (discard) on loopback: nothing listens there.
    argv = ["extract", str(DEMO), "--run", str(tmp_path / "run"), "--scheduler"]
    assert main([*argv, "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("kg: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")
    assert not (tmp_path / "run").exists()  # nothing was begun
