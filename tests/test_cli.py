"""The ``kg`` command end to end: scoring bars, bad input, no half-written output."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.cli import main
from tests.conftest import SHARED

SEED_GOLD = SHARED / "gold" / "seed.json"
SEED_PAGE = SHARED / "corpus" / "seed"
DEMO_GOLD = Path(__file__).resolve().parents[1] / "examples" / "gold.json"


@pytest.mark.shared
@pytest.mark.usefixtures("cli_shares_the_model")
def test_eval_on_the_seed_page_meets_the_bars(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["eval", str(SEED_GOLD), "--min-entity-f1", "0.9", "--min-triple-f1", "0.8"])
    tail = capsys.readouterr().out.strip().splitlines()[-2:]
    assert status == 0, tail
    assert tail[0].startswith("entities") and tail[1].startswith("triples")


@pytest.mark.usefixtures("cli_shares_the_model")
def test_eval_on_the_demo_corpus_meets_the_bars(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["eval", str(DEMO_GOLD), "--min-entity-f1", "0.9", "--min-triple-f1", "0.8"])
    tail = capsys.readouterr().out.strip().splitlines()[-2:]
    assert status == 0, tail


@pytest.mark.shared
@pytest.mark.usefixtures("cli_shares_the_model")
def test_eval_exits_non_zero_below_a_bar(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(SEED_GOLD), "--min-triple-f1", "1.01"]) == 1
    assert "below the bar" in capsys.readouterr().err


@pytest.mark.shared
@pytest.mark.usefixtures("cli_shares_the_model")
def test_extract_writes_the_gold_format_with_evidence(tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    assert main(["extract", str(SEED_PAGE), "-o", str(out)]) == 0
    articles = json.loads(out.read_text(encoding="utf-8"))["articles"]
    assert len(articles) == 5
    for article in articles:
        assert article["source"].endswith(".txt") and article["headline"]
        names = {e["name"] for e in article["entities"]}
        for triple in article["triples"]:
            assert {triple["s"], triple["o"]} <= names
            assert all(
                ev["text"] and ev["rule"] and ev["end"] > ev["start"] for ev in triple["evidence"]
            )


@pytest.mark.shared
@pytest.mark.usefixtures("cli_shares_the_model")
def test_jsonl_is_one_article_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED_PAGE), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["index"] for line in lines] == [0, 1, 2, 3, 4]


@pytest.mark.shared
@pytest.mark.usefixtures("cli_shares_the_model")
def test_bad_paths_are_reported_and_the_rest_is_processed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out.json"
    status = main(
        ["extract", str(tmp_path / "missing"), str(empty), str(SEED_PAGE), "-o", str(out)]
    )
    err = capsys.readouterr().err.splitlines()
    assert status == 1
    assert any("missing" in line for line in err) and any("empty.txt" in line for line in err)
    assert all(line.startswith("kg: ") and "Traceback" not in line for line in err)
    assert len(json.loads(out.read_text(encoding="utf-8"))["articles"]) == 5


@pytest.mark.shared
def test_missing_model_is_one_line_and_leaves_earlier_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.json"
    out.write_text("earlier run", encoding="utf-8")
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "no-cache"))
    assert main(["extract", str(SEED_PAGE), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "kg setup" in err[0]
    assert out.read_text(encoding="utf-8") == "earlier run"


@pytest.mark.shared
@pytest.mark.slow  # loads a pipeline of its own
@pytest.mark.parametrize("segmenter", ["jieba", "char"])
def test_other_segmenters_run_the_same_pipeline(
    segmenter: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(SEED_PAGE), "--segmenter", segmenter, "--format", "jsonl"]) == 0
    names = {
        e["name"]
        for line in capsys.readouterr().out.splitlines()
        for e in json.loads(line)["entities"]
    }
    assert "大兴区" in names and "新就业形态劳动者" in names


@pytest.mark.parametrize("stop", [KeyboardInterrupt, RuntimeError])
def test_extract_stopped_half_way_prints_no_cut_off_json(
    stop: type[BaseException],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import kg.pipeline

    def first_then_stop(*_: object, **__: object) -> Iterator[dict[str, Any]]:
        yield {"source": "a.txt", "index": 0, "headline": "标题", "entities": [], "triples": []}
        raise stop

    monkeypatch.setattr("kg.cli._load_extractor", lambda args: None)
    monkeypatch.setattr(kg.pipeline, "run", first_then_stop)
    out = tmp_path / "out.json"
    out.write_text("earlier run", encoding="utf-8")
    for argv in (["extract", "a.txt"], ["extract", "a.txt", "-o", str(out)]):
        with contextlib.suppress(RuntimeError):  # an error main() does not expect
            main(argv)
    assert capsys.readouterr().out == ""
    assert out.read_text(encoding="utf-8") == "earlier run"


def test_a_dropped_url_is_a_warning_that_leaves_the_exit_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cli_shares_the_model: None
) -> None:
    page = tmp_path / "page.json"
    page.write_text(
        json.dumps({"title": "标题", "url": "/news/1.html", "body": "丰台区总工会召开全会。"}),
        "utf-8",
    )
    assert main(["build", str(page), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"kg: {page}: warning: URL '/news/1.html'")
    assert "0 problem(s), 1 warning(s)" in err[-1]
