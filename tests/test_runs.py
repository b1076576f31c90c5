"""Resumable runs (kg.runs): shards kept as they finish, a rerun does only what is left,
a changed file is redone, and the records equal a run in one go."""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from kg.article import InputProblem
from kg.cli import main
from kg.errors import KgError
from kg.pipeline import Extractor, run
from kg.progress import Progress
from kg.runs import (
    JOURNAL,
    MANIFEST,
    Run,
    RunReport,
    Shard,
    ShardResult,
    extract_shard,
    run_records,
    run_shards,
)
from tests.conftest import DEMO

OPTIONS = {"segmenter": "pkuseg"}


def _fake_result(paths: Sequence[str], base: str = "") -> ShardResult:
    """A shard's 'records' without the model: one per file (read from ``base``, as
    extract_shard reads them), naming it as the run does, and its text."""
    texts = {p: Path(base, p).read_text(encoding="utf-8") for p in paths}
    lines = [json.dumps({"source": p, "text": text}) for p, text in texts.items()]
    data = gzip.compress("".join(line + "\n" for line in lines).encode(), mtime=0)
    problems = tuple(InputProblem(p, "odd") for p in paths if p.endswith("odd.txt"))
    return ShardResult(data, len(paths), sum(map(len, texts.values())), problems)


class Counting:
    """An extract function that counts the shards it is given, and can fail after some."""

    def __init__(self, fail_after: int | None = None) -> None:
        self.shards: list[int] = []
        self.fail_after = fail_after

    def __call__(self, shards: Sequence[Shard]) -> Iterator[tuple[Shard, ShardResult]]:
        for shard in shards:
            if self.fail_after is not None and len(self.shards) == self.fail_after:
                raise RuntimeError("the machine went down")
            self.shards.append(shard.id)
            yield shard, _fake_result(shard.paths, shard.base)


def _corpus(folder: Path, sizes: Sequence[int]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index, size in enumerate(sizes):
        (folder / f"{index:02d}.txt").write_text("字" * size, encoding="utf-8")
    return folder


def _run(
    folder: Path,
    corpus: Path,
    extract: Any,
    shard_bytes: int = 100,
    progress: Progress | None = None,
) -> RunReport:
    return run_shards(
        folder, [corpus], extract, shard_bytes=shard_bytes, options=OPTIONS, progress=progress
    )


# (file sizes in characters, of 3 bytes each; shard bytes) -> files per shard
@pytest.mark.parametrize(
    ("sizes", "shard_bytes", "cut"),
    [
        ([10, 10, 10, 10], 60, [2, 2]),  # 30 bytes each: two fit in 60
        ([10, 10, 10, 10], 59, [1, 1, 1, 1]),
        ([100, 5, 5], 60, [1, 2]),  # a file larger than a shard is one shard
        ([5, 5, 5], 1000, [3]),
    ],
)
def test_inputs_are_cut_into_shards_by_bytes(
    tmp_path: Path, sizes: list[int], shard_bytes: int, cut: list[int]
) -> None:
    corpus = _corpus(tmp_path / "in", sizes)
    run_folder = tmp_path / "run"
    report = _run(run_folder, corpus, Counting(), shard_bytes)
    manifest = json.loads((run_folder / MANIFEST).read_text())
    assert [len(shard["files"]) for shard in manifest["shards"]] == cut
    first = manifest["shards"][0]["files"][0]
    assert first["size"] == sizes[0] * 3 and len(first["sha256"]) == 64
    assert report.complete and report.done == len(cut) and report.articles == len(sizes)


def test_a_stopped_run_is_taken_up_where_it_stopped(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", [10] * 10)  # 30 bytes each, 2 per shard: 5 shards
    run_folder = tmp_path / "run"
    with pytest.raises(RuntimeError):
        _run(run_folder, corpus, Counting(fail_after=3), 60)
    assert len((run_folder / JOURNAL).read_text().splitlines()) == 3
    again = Counting()
    report = _run(run_folder, corpus, again, 60)
    assert again.shards == [3, 4]
    assert (report.skipped, report.done, report.complete) == (3, 2, True)
    in_one_go = _run(tmp_path / "one-go", corpus, Counting(), 60)
    assert in_one_go.done == 5
    assert list(run_records(run_folder)) == list(run_records(tmp_path / "one-go"))
    assert [r["source"] for r in run_records(run_folder)] == sorted(
        str(p) for p in corpus.iterdir()
    )
    # Done: nothing to do, and the model (here: the extract function) is never called.
    assert _run(run_folder, corpus, Counting(fail_after=0), 60).skipped == 5


def test_a_changed_file_is_extracted_again_and_a_new_one_added(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", [10] * 6)
    run_folder = tmp_path / "run"
    _run(run_folder, corpus, Counting(), 60)
    (corpus / "02.txt").write_text("新的内容", encoding="utf-8")
    (corpus / "09.txt").write_text("又一篇", encoding="utf-8")
    (corpus / "05.txt").unlink()
    again = Counting()
    report = _run(run_folder, corpus, again, 60)
    # 02 is in shard 1; 05 left shard 2 (so it is redone without it); 09 is a new shard.
    assert again.shards == [1, 2, 3]
    assert report.skipped == 1
    texts = {Path(r["source"]).name: r["text"] for r in run_records(run_folder)}
    assert texts["02.txt"] == "新的内容" and texts["09.txt"] == "又一篇"
    assert "05.txt" not in texts
    assert sorted(p.name for p in (run_folder / "shards").iterdir()) == [
        f"00000{i}.jsonl.gz" for i in range(4)
    ]


def test_changed_options_redo_every_shard(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", [10] * 4)
    _run(tmp_path / "run", corpus, Counting(), 60)
    again = Counting()
    run_shards(tmp_path / "run", [corpus], again, shard_bytes=60, options={"segmenter": "jieba"})
    assert again.shards == [0, 1]


def test_a_line_cut_short_in_the_journal_redoes_only_its_shard(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", [10] * 6)
    run_folder = tmp_path / "run"
    _run(run_folder, corpus, Counting(), 60)
    journal = run_folder / JOURNAL
    journal.write_bytes(journal.read_bytes()[:-7])  # killed while appending the last line
    again = Counting()
    _run(run_folder, corpus, again, 60)
    assert again.shards == [2]
    assert all(json.loads(line) for line in journal.read_text().splitlines())


def test_problems_of_done_shards_are_told_again_and_counted(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", [10, 10])
    (corpus / "odd.txt").write_text("怪", encoding="utf-8")
    run_folder = tmp_path / "run"
    first = _run(run_folder, corpus, Counting(), 60)
    second = _run(run_folder, corpus, Counting(), 60)
    assert [str(p) for p in first.problems] == [str(p) for p in second.problems]
    assert [p.source for p in second.problems] == [str(corpus / "odd.txt")]


def test_the_items_of_some_files_are_their_problems_and_records(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", [10, 10, 10])
    (corpus / "odd.txt").write_text("怪", encoding="utf-8")
    _run(tmp_path / "run", corpus, Counting(), 60)  # shards: 00 01 | 02 odd
    items = Run.open(tmp_path / "run").items([corpus / "01.txt", str(corpus / "odd.txt")])
    assert [
        ("problem", Path(i.source).name)
        if isinstance(i, InputProblem)
        else ("record", Path(i["source"]).name)
        for i in items
    ] == [("record", "01.txt"), ("problem", "odd.txt"), ("record", "odd.txt")]


# A run made in folder made/ of its corpus made/in, taken up from elsewhere: (the working
# folder then, from tmp_path; the corpus as given from there; the run's name for a file
# new to it: relative to made/ if given relative, else as given)
ELSEWHERE = [
    ("other", "../made/in", "in/09.txt"),  # a sibling folder
    ("other", "{tmp}/made/in", "{tmp}/made/in/09.txt"),  # the corpus absolute
    ("made/in", ".", "in/09.txt"),  # inside the corpus
    (".", "made/in", "in/09.txt"),  # the parent folder
    ("made", "in", "in/09.txt"),  # where it was made: names as before
]


@pytest.mark.parametrize(("here", "given", "new_name"), ELSEWHERE)
def test_a_run_is_taken_up_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, here: str, given: str, new_name: str
) -> None:
    made = tmp_path / "made"
    _corpus(made / "in", [10] * 4)
    monkeypatch.chdir(made)
    _run(Path("run"), Path("in"), Counting(), 60)
    shards_before = {p.name: p.read_bytes() for p in (made / "run" / "shards").iterdir()}
    (tmp_path / here).mkdir(exist_ok=True)
    monkeypatch.chdir(tmp_path / here)
    corpus = Path(given.format(tmp=tmp_path))
    (corpus / "02.txt").write_text("新的内容", encoding="utf-8")
    (corpus / "09.txt").write_text("又一篇", encoding="utf-8")

    again = Counting()
    report = _run(made / "run", corpus, again, 60)
    assert again.shards == [1, 2]  # 02's shard and 09's new one: nothing else redone
    assert (report.skipped, report.done) == (1, 2)
    run = Run.open(made / "run", report.names)
    listed = [str(corpus / f"{n:02d}.txt") for n in (0, 1, 2, 3, 9)]
    assert [r["source"] for r in run.records()] == listed  # as without a run, from here
    assert [r["text"] for r in run.records()][2:] == ["新的内容", "字" * 10, "又一篇"]
    manifest = json.loads((made / "run" / MANIFEST).read_text())
    assert manifest["base"] == str(made)
    names = [f["path"] for shard in manifest["shards"] for f in shard["files"]]
    assert names == [f"in/{n:02d}.txt" for n in range(4)] + [new_name.format(tmp=tmp_path)]
    assert (made / "run" / "shards" / "000000.jsonl.gz").read_bytes() == shards_before[
        "000000.jsonl.gz"
    ]
    # Only the files listed this time are given back, under their names from here.
    assert [r["source"] for r in run.items([corpus / "09.txt"])] == [str(corpus / "09.txt")]

    monkeypatch.chdir(made)  # back where it was made: nothing to do
    back = _run(Path("run"), Path("in"), Counting(fail_after=0), 60)
    assert back.skipped == 3
    sources = [r["source"] for r in Run.open(Path("run"), back.names).records()]
    assert sources == [f"in/{n:02d}.txt" for n in (0, 1, 2, 3, 9)]
    assert [r["source"] for r in run_records(Path("run"))] == names  # as the run names them


def test_a_manifest_without_a_base_is_read_as_made_in_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _corpus(Path("in"), [10] * 4)
    _run(Path("run"), Path("in"), Counting(), 60)
    manifest = Path("run") / MANIFEST
    old = json.loads(manifest.read_text())
    del old["base"]  # as kg wrote it before runs kept their folder
    manifest.write_text(json.dumps(old))
    again = Counting()
    assert _run(Path("run"), Path("in"), again, 60).skipped == 2 and again.shards == []
    assert json.loads(manifest.read_text())["base"] == str(tmp_path)  # recorded now
    manifest.write_text(json.dumps(old | {"base": "in"}))
    with pytest.raises(KgError, match=r"run/manifest.json: not a kg run manifest"):
        Run.open(Path("run"))


def test_a_run_folder_in_use_is_refused(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", [10])
    (tmp_path / "run").mkdir()
    with (tmp_path / "run" / ".lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as another kg process working on it holds it
        with pytest.raises(KgError, match="another kg process is working on this run"):
            _run(tmp_path / "run", corpus, Counting())
    assert _run(tmp_path / "run", corpus, Counting()).done == 1


def test_a_damaged_manifest_is_one_line_naming_it(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", [10])
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / MANIFEST).write_text('{"kg_run": 1, "shards": [{"id": 0}]}')
    with pytest.raises(KgError, match=r"run/manifest.json: not a kg run manifest"):
        _run(tmp_path / "run", corpus, Counting())
    with pytest.raises(KgError, match="not a kg run folder"):
        Run.open(tmp_path / "elsewhere")


def test_progress_off_a_terminal_is_only_the_final_line(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", [10] * 4)
    log = tmp_path / "log.txt"
    with log.open("w") as stream:
        progress = Progress("kg extract", stream=stream)
        _run(tmp_path / "run", corpus, Counting(), shard_bytes=60, progress=progress)
    lines = log.read_text().splitlines()
    assert len(lines) == 1
    assert (
        lines[0].startswith("kg extract: run ") and "2 shard(s), 0 done before, 2 now" in lines[0]
    )
    with log.open("w") as stream:
        progress = Progress("kg extract", stream=stream, quiet=True)
        _run(tmp_path / "run", corpus, Counting(), shard_bytes=60, progress=progress)
    assert log.read_text() == ""


def test_progress_on_a_terminal_draws_a_bar(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", [10] * 4)
    master, slave = os.openpty()
    # 24 rows of 120 columns, as a terminal has (a fresh pseudo-terminal has no size).
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    with os.fdopen(slave, "w") as stream:
        progress = Progress("kg extract", stream=stream)
        _run(tmp_path / "run", corpus, Counting(), shard_bytes=60, progress=progress)
    chunks = b""
    while select.select([master], [], [], 0.5)[0]:
        try:
            chunks += os.read(master, 65536)
        except OSError:  # EIO: all read, and the other end closed
            break
    os.close(master)
    drawn = chunks.decode()
    assert "4 articles" in drawn and "chars/s" in drawn and "100%" in drawn
    assert "2 shard(s), 0 done before, 2 now" in drawn


def test_a_shard_of_the_pipeline_is_the_records_of_its_files(
    extractor: Extractor, tmp_path: Path
) -> None:
    paths = sorted(str(p) for p in DEMO.glob("*.txt"))[:3]
    produce = partial(run, max_file_bytes=10**7)
    result = extract_shard(paths, extractor, produce)
    records = [json.loads(line) for line in gzip.decompress(result.data).splitlines()]
    assert records == [r for r in run(paths, extractor, max_file_bytes=10**7)]
    assert result.articles == len(records) and result.chars > 1000
    # The same records give the same bytes (a gzip header has no time in it).
    assert extract_shard(paths, extractor, produce).data == result.data


def demo_copies(folder: Path, times: int) -> Path:
    """``times`` copies of the demo corpus's plain-text articles: many small shards."""
    for copy in range(times):
        for path in sorted(DEMO.glob("*.txt")):
            target = folder / f"copy{copy}" / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    return folder


def _lines(path: Path) -> int:
    try:
        return len(path.read_text().splitlines())
    except FileNotFoundError:
        return 0


def killed_once_journalled(command: Sequence[str], folder: Path, shards: int) -> int:
    """Start ``command`` (a kg run into ``folder``) in a process of its own and kill it
    (SIGKILL) as soon as ``shards`` shards are in the run's journal, or when it ends by
    itself: the shards it finished. Waits on the journal, for at most ten minutes."""
    child = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 600
        while _lines(folder / JOURNAL) < shards and child.poll() is None:
            assert time.monotonic() < deadline, f"not {shards} shards done in 10 minutes"
            time.sleep(0.02)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    return _lines(folder / JOURNAL)


@pytest.mark.slow
@pytest.mark.usefixtures("cli_shares_the_model")
def test_a_run_killed_mid_way_does_only_the_rest_and_equals_one_go(
    extractor: Extractor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = demo_copies(tmp_path / "in", 3)
    run_folder = tmp_path / "run"
    command = [
        sys.executable, "-m", "kg.cli", "extract", str(corpus), "--run", str(run_folder),
        "--shard-size", "0.004", "--format", "jsonl", "-o", str(tmp_path / "out.jsonl"),
    ]  # fmt: skip
    done_before = killed_once_journalled(command, run_folder, 3)
    shards = len(Run.open(run_folder).shards)
    assert 3 <= done_before < shards, "killed too late to test a resume"
    assert not (tmp_path / "out.jsonl").exists()

    # Again, in this process with the session's model (the options are the defaults).
    assert main(command[3:]) == 0
    summary = capsys.readouterr().err.splitlines()[-1]
    assert f"{shards} shard(s), {done_before} done before, {shards - done_before} now" in summary
    assert _lines(run_folder / JOURNAL) == shards  # one more line for each shard left
    one_go = [r for r in run([corpus], extractor, max_file_bytes=10**8) if isinstance(r, dict)]
    written = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in written] == one_go


# --- kg build --run: the graph from a run's shards ------------------------------------

GRAPH_FILES = ("graph.ttl", "graph.trig")


def _graph_bytes(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in GRAPH_FILES}


def _demo_texts(folder: Path, count: int) -> Path:
    """The first ``count`` plain-text demo articles (of some 1 to 4 kB each)."""
    folder.mkdir(parents=True)
    for path in sorted(DEMO.glob("*.txt"))[:count]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


@pytest.mark.usefixtures("cli_shares_the_model")
def test_a_build_from_a_run_equals_a_plain_build_and_is_as_incremental(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # sources named relative to it, as both builds name them
    corpus = _demo_texts(Path("in"), 4)
    via_run = ["build", "in", "--run", "run", "--shard-size", "0.004", "-o", "via-run"]
    assert main(["build", "in", "-o", "plain"]) == 0
    assert main(via_run) == 0
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and all(line.startswith("kg build: ") for line in lines), lines
    assert lines[1].startswith("kg build: run run: ") and "0 done before" in lines[1]
    assert "4 file(s) read" in lines[1]
    assert _graph_bytes(Path("via-run")) == _graph_bytes(Path("plain"))

    # One file changed, one added: both builds read those two alone.
    first = sorted(corpus.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n北京市总工会举办培训。\n", "utf-8")
    (corpus / "new.txt").write_bytes(sorted(DEMO.glob("*.txt"))[5].read_bytes())
    assert main(["build", "in", "-o", "plain"]) == 0
    assert main(via_run) == 0
    plain, run_line = capsys.readouterr().err.splitlines()
    assert "2 file(s) read" in plain and "3 unchanged" in plain
    assert "2 file(s) read" in run_line and "3 unchanged" in run_line
    assert _graph_bytes(Path("via-run")) == _graph_bytes(Path("plain"))

    # Nothing changed: every shard skipped, nothing read.
    assert main([*via_run, "--quiet"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.usefixtures("cli_shares_the_model")
def test_a_run_made_in_one_folder_is_built_from_another_as_a_plain_build_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _demo_texts(tmp_path / "made" / "in", 4)
    monkeypatch.chdir(tmp_path / "made")
    assert main(["extract", "in", "--run", "run", "--shard-size", "0.004", "-o", "x.json"]) == 0
    shards = len(Run.open(Path("run")).shards)
    (tmp_path / "other").mkdir()
    monkeypatch.chdir(tmp_path / "other")
    capsys.readouterr()

    via_run = ["../made/in", "--run", "../made/run", "--shard-size", "0.004"]
    assert main(["build", *via_run, "-o", "via-run"]) == 0
    assert f"{shards} shard(s), {shards} done before, 0 now" in capsys.readouterr().err
    assert main(["build", "../made/in", "-o", "plain"]) == 0
    assert _graph_bytes(Path("via-run")) == _graph_bytes(Path("plain"))
    # kg extract --run names the files as their paths do from here, as without --run.
    assert main(["extract", *via_run, "--format", "jsonl", "-o", "via-run.jsonl"]) == 0
    assert main(["extract", "../made/in", "--format", "jsonl", "-o", "plain.jsonl"]) == 0
    assert Path("via-run.jsonl").read_bytes() == Path("plain.jsonl").read_bytes()


@pytest.mark.usefixtures("cli_shares_the_model")
def test_build_progress_on_a_terminal_draws_loading_and_drawing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _demo_texts(Path("in"), 2)
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    with os.fdopen(slave, "w") as stream:
        monkeypatch.setattr(sys, "stderr", stream)
        assert main(["build", "in", "--run", "run", "-o", "out"]) == 0
    chunks = b""
    while select.select([master], [], [], 0.5)[0]:
        try:
            chunks += os.read(master, 65536)
        except OSError:
            break
    os.close(master)
    drawn = chunks.decode()
    for bar in ("kg build: shards", "kg build: loading", "kg build: drawing"):
        assert bar in drawn, drawn
    assert "2/2" in drawn and "3/3" in drawn and "chars/s" in drawn and "100%" in drawn
    assert "kg build: run run: 1 shard(s)" in drawn


@pytest.mark.slow
@pytest.mark.usefixtures("cli_shares_the_model")
def test_a_build_from_a_run_killed_mid_way_finishes_and_equals_a_plain_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    demo_copies(Path("in"), 2)
    command = [
        sys.executable, "-m", "kg.cli", "build", "in", "--run", "run", "-o", "via-run",
        "--shard-size", "0.004",
    ]  # fmt: skip
    done_before = killed_once_journalled(command, Path("run"), 3)
    shards = len(Run.open(Path("run")).shards)
    assert 3 <= done_before < shards, "killed too late to test a resume"
    assert not Path("via-run/graph.ttl").exists()

    assert main(command[3:]) == 0
    line = capsys.readouterr().err.splitlines()[-1]
    assert f"{shards} shard(s), {done_before} done before, {shards - done_before} now" in line
    assert main(["build", "in", "-o", "plain"]) == 0
    assert _graph_bytes(Path("via-run")) == _graph_bytes(Path("plain"))


def test_pushing_a_run_not_finished_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path / "in", [10] * 4)
    with pytest.raises(RuntimeError):
        _run(tmp_path / "run", corpus, Counting(fail_after=1), 60)
    endpoint = "http://127.0.0.1:9/store"  # never asked: the run is refused first
    assert main(["push", "--run", str(tmp_path / "run"), "--endpoint", endpoint]) == 2
    assert capsys.readouterr().err == (
        f"kg: error: {tmp_path / 'run'}: 1 of 2 shards done; finish the run first (the kg "
        "extract --run or kg build --run that made it, again)\n"
    )
