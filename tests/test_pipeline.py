"""run(): batches, worker processes and input problems keep the input's order."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.article import InputProblem
from kg.pipeline import Extractor, run

ARTICLES = [
    "丰台区总工会在卢沟桥街道启用新就业形态劳动者暖心驿站。",
    "顺义区总工会为货车司机开展“送健康”活动。",
    "海淀区总工会与中关村街道总工会联合举办职工技能大赛。",
    "通州区总工会慰问环卫工人。",
    "石景山区总工会为外卖配送员提供免费体检。",
]


def _corpus(folder: Path) -> list[str]:
    """Five articles with two unreadable files between them; the names in reading order."""
    names = []
    for index, text in enumerate(ARTICLES):
        name = f"{2 * index:02d}.txt"
        (folder / name).write_text(f"标题{index}\n{text}\n", encoding="utf-8")
        names.append(name)
    (folder / "03.txt").write_bytes(b"")
    (folder / "05.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe")
    return sorted([*names, "03.txt", "05.txt"])


def _shape(items: list) -> list[tuple[str, str]]:
    """(file name, what came out) for every item, in the order run() gave them."""
    return [
        (Path(i.source).name, "problem")
        if isinstance(i, InputProblem)
        else (Path(i["source"]).name, repr(i["triples"]))
        for i in items
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_batches_keep_input_order_and_problems_in_place(
    extractor: Extractor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    names = _corpus(tmp_path)
    readable = [tmp_path / name for name in names if name not in ("03.txt", "05.txt")]
    one_by_one = _shape(
        [item for path in readable for item in run([path], extractor, max_file_bytes=10**6)]
    )
    # Batches of two end between the problems and in the middle of the files.
    monkeypatch.setattr(extractor.nlp, "batch_size", 2)
    shape = _shape(list(run([tmp_path], extractor, jobs=jobs, max_file_bytes=10**6)))

    assert [name for name, _ in shape] == names
    assert [name for name, what in shape if what == "problem"] == ["03.txt", "05.txt"]
    assert [item for item in shape if item[1] != "problem"] == one_by_one
    assert all(what != "[]" for _, what in one_by_one)  # every article gave relations


def test_a_batch_gives_what_each_article_gives_alone(extractor: Extractor) -> None:
    from tests.conftest import make_article

    articles = [make_article(f"标题\n{text}") for text in ARTICLES]
    assert extractor.records(articles) == [extractor(article) for article in articles]


# An article far longer than the pipeline takes at once: the same paragraphs again
# and again, so that every piece names what the whole names.
PARAGRAPHS = [
    "大兴区总工会在黄村镇启用新就业形态劳动者暖心驿站，区总工会主席李卫东出席。",
    "驿站为外卖配送员和环卫工人提供热水、充电和休息场所。",
    "海淀区总工会与中关村街道总工会联合开展“送清凉”活动",
    "慰问高温下坚守岗位的建筑工人。",
]


def _long_article(repeats: int):
    from tests.conftest import make_article

    return make_article("区总工会建设职工驿站\n" + "\n".join(PARAGRAPHS * repeats))


def _shrink_limits(extractor: Extractor, monkeypatch: pytest.MonkeyPatch, piece_chars: int) -> None:
    """spaCy's length limit (a million characters) and the pieces, scaled down together."""
    monkeypatch.setattr(extractor.nlp, "max_length", 2 * piece_chars)
    monkeypatch.setattr(extractor, "piece_chars", piece_chars)


def test_an_article_longer_than_spacy_takes_is_read_in_pieces(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = _long_article(40)
    whole = extractor(article)
    _shrink_limits(extractor, monkeypatch, 700)
    assert len(article.text) > 3 * extractor.nlp.max_length
    # Pieces end at paragraphs here; every evidence offset still points into the
    # whole article, so the record is the one read in one go.
    assert extractor(article) == whole
    assert len(whole["triples"]) >= 4
    offsets = {(e["start"], e["text"]) for t in whole["triples"] for e in t["evidence"]}
    assert max(start for start, _ in offsets) > 0.9 * len(article.text)
    for start, text in offsets:
        assert article.original[start:].startswith(text.split(" ")[0])


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        # after the last paragraph that fits
        ("甲。\n乙。\n丙丁。", 7, ["甲。\n乙。\n", "丙丁。"]),
        # else after the last sentence
        ("甲乙。丙丁。戊己", 7, ["甲乙。丙丁。", "戊己"]),
        # else at the limit
        ("甲乙丙丁戊己庚", 3, ["甲乙丙", "丁戊己", "庚"]),
        ("甲乙", 3, ["甲乙"]),
    ],
)
def test_pieces_end_at_paragraphs_then_sentences(
    text: str, limit: int, expected: list[str]
) -> None:
    from kg.pipeline import pieces

    found = list(pieces(text, limit))
    assert [piece for _, piece in found] == expected
    assert all(text[offset:].startswith(piece) for offset, piece in found)


def test_a_long_sentence_cut_at_the_limit_loses_only_the_name_cut(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import make_article

    # One paragraph, one sentence: nowhere to cut but the limit.
    text = "标题\n" + "、".join(["丰台区总工会", "顺义区总工会", "通州区总工会"] * 60) + "。"
    _shrink_limits(extractor, monkeypatch, 500)
    record = extractor(make_article(text))
    assert {e["name"] for e in record["entities"]} >= {"丰台区总工会", "通州区总工会"}
