"""What a user reads when a command is mistyped: one line, nothing created, a
"did you mean" for a near miss, and help for every option."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from kg.cli import build_parser, main


def _error(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    try:
        status = main(list(args))
    except SystemExit as stop:  # argparse's own errors
        status = int(stop.code or 0)
    return status, capsys.readouterr().err


def test_build_into_a_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    for command in (["build", str(tmp_path)], ["remove", "x.txt"]):
        status, err = _error(capsys, *command, "-o", str(a_file))
        assert status == 2
        assert err.strip().splitlines() == [
            f"kg: error: -o {a_file}: a file, not a folder (-o names the graph's folder)"
        ]
    assert a_file.read_text(encoding="utf-8") == "mine"


def test_build_of_nothing_there_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "graph"
    status, err = _error(capsys, "build", str(tmp_path / "no-such"), "-o", str(out))
    assert status == 2 and not out.exists()
    assert err.strip().splitlines() == [
        f"kg: error: no such file or folder: {tmp_path / 'no-such'} (nothing built)"
    ]
    assert "graph in" not in err


def test_build_of_an_empty_folder_says_no_graph_was_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    status, err = _error(capsys, "build", str(tmp_path / "empty"), "-o", str(tmp_path / "g"))
    assert status == 1
    assert "empty folder" in err and err.rstrip().endswith("; no graph written")


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["qurey"], "(did you mean 'query'?)"),
        (["query", "--format", "jsn"], "(did you mean 'json'?)"),
        (["query", "--formt", "json"], "arguments: --formt (did you mean '--format'?)"),
        (["build", "--josnld"], "(did you mean '--jsonld'?)"),
        (["export", "--format=gephi"], "invalid choice: 'gephi'"),
    ],
)
def test_a_misspelt_command_choice_or_option_gets_a_suggestion(
    args: list[str], hint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = _error(capsys, *args)
    assert status == 2 and hint in err.splitlines()[-1]


Parsers = list[tuple[str, argparse.ArgumentParser]]


def _parsers(parser: argparse.ArgumentParser, path: str) -> Parsers:
    found = [(path, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.extend(_parsers(sub, f"{path} {name}"))
    return found


def test_every_option_of_every_command_has_help() -> None:
    missing = [
        f"{path} {action.option_strings or action.dest}"
        for path, parser in _parsers(build_parser(), "kg")
        for action in parser._actions
        if not isinstance(action, argparse._SubParsersAction) and not action.help
    ]
    assert missing == []


@pytest.mark.usefixtures("cli_shares_the_model")
def test_the_build_summary_counts_relations_as_the_page_and_queries_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import network_of

    # Two articles that state the same relation: one relation in the graph.
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(
            "甲区总工会举办活动\n近日，北京市大兴区总工会举办“金秋助学”活动。\n", "utf-8"
        )
    out = tmp_path / "graph"
    assert main(["build", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out)]) == 0
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    graph = network_of(out)
    assert summary.endswith(
        f"graph in {out}: 2 articles, {graph.number_of_nodes()} entities, "
        f"{graph.number_of_edges()} relations"
    )
    organises = [k for _, _, k in graph.edges(keys=True) if k == "organizes"]
    assert len(organises) == 1
