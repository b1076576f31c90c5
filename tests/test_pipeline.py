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
