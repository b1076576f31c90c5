"""Inputs that are not plain files, and messages that stay one line (issue 13, items 9
and 12): a FIFO or a device is refused without being read, a link that leads nowhere
is named for what it is, and a folder's other files are still read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.article import Article, InputProblem
from kg.cli import main
from kg.ingest import read_paths

ARTICLE = "朝阳区总工会在望京街道举办职工运动会。\n"


def _problems(paths: list[Path]) -> list[str]:
    return [str(item) for item in read_paths(paths) if isinstance(item, InputProblem)]


def _kg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """kg in a process of its own, bounded in time: a hang fails the test, not the run."""
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_a_fifo_without_a_writer_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    done = _kg("extract", "pipe.txt", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == "kg: pipe.txt: not a regular file (a FIFO)\n"


def test_a_device_is_refused_not_read_until_memory_runs_out() -> None:
    assert _problems([Path("/dev/zero")]) == ["/dev/zero: not a regular file (a character device)"]


def test_a_symbolic_link_loop_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to("loop")
    assert _problems([tmp_path / "loop"]) == [f"{tmp_path / 'loop'}: symbolic link loop"]


def test_broken_links_and_fifos_in_a_folder_are_reported_and_the_rest_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cli_shares_the_model: None
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").symlink_to("missing.txt")
    (folder / "c.txt").symlink_to("c.txt")
    os.mkfifo(folder / "d.txt")
    items = list(read_paths([folder]))
    assert [item.source for item in items if isinstance(item, Article)] == [str(folder / "a.txt")]
    problems = [item for item in items if isinstance(item, InputProblem)]
    assert [str(problem) for problem in problems] == [
        f"{folder / 'b.txt'}: warning: broken symbolic link (to missing.txt); left out",
        f"{folder / 'c.txt'}: warning: symbolic link loop; left out",
        f"{folder / 'd.txt'}: warning: not a regular file (a FIFO); left out",
    ]
    # Warnings: the articles that were read make a successful run.
    assert main(["extract", str(folder)]) == 0
    assert capsys.readouterr().err.count("\n") == 3


def test_a_folder_of_nothing_but_broken_links_is_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    problems = _problems([tmp_path])
    assert problems[0] == f"{tmp_path}: empty folder (no readable file in it)"


def test_html_deeper_than_the_parser_reads_says_so(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    nested = "<div>" * 300 + f"<p>{ARTICLE}</p>" + "</div>" * 300
    page.write_text(f"<html><body>{nested}</body></html>", encoding="utf-8")
    [problem] = _problems([page])
    assert "nested deeper than 256 elements" in problem


def test_html_with_no_text_at_a_readable_depth_is_still_no_article(tmp_path: Path) -> None:
    page = tmp_path / "menu.html"
    page.write_text("<html><body><div><a href='/'>首页</a></div></body></html>", encoding="utf-8")
    assert _problems([page]) == [f"{page}: HTML page with no article text in it"]


def test_a_file_name_with_a_newline_gives_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cli_shares_the_model: None
) -> None:
    strange = tmp_path / "two\nlines.txt"
    strange.write_text("", encoding="utf-8")
    assert main(["extract", str(strange)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "two\\nlines.txt: empty file" in err


def test_an_update_through_kg_query_is_refused_as_an_update(
    demo_built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    update = "PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }"
    assert main(["query", "-o", str(demo_built), update]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "SPARQL updates are refused" in err


@pytest.mark.parametrize("port", ["99999", "-1", "http"])
def test_a_port_out_of_range_is_refused_before_listening(
    port: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["serve", "--port", port])
    assert stop.value.code == 2
    assert f"{port!r} is not a port number" in capsys.readouterr().err
