"""Half-width punctuation (NFKC-normalised web text) reads as the full-width original."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.ingest import read_paths
from kg.ingest.punctuation import full_width_punctuation
from tests.conftest import SHARED, Records


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("区总工会召开会议,会议由主席主持。", "区总工会召开会议，会议由主席主持。"),
        ("内容包括:技能培训;法律咨询!", "内容包括：技能培训；法律咨询！"),
        ("北京市工业(国防)工会", "北京市工业（国防）工会"),
        ('开展"送清凉"活动', "开展“送清凉”活动"),
        # between two ASCII characters the marks are not Chinese punctuation
        ("2014-12-11 14:52", "2014-12-11 14:52"),
        ("筹集资金1,000万元", "筹集资金1,000万元"),
        ("详见http://example.org/a?b=1", "详见http://example.org/a?b=1"),
        # an unpaired straight quote is left alone
        ('他说"好', '他说"好'),
        ("", ""),
    ],
)
def test_full_width_punctuation(line: str, expected: str) -> None:
    assert full_width_punctuation(line) == expected
    assert len(full_width_punctuation(line)) == len(line)


def test_read_text_is_full_width_and_original_is_as_written(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("区总工会送清凉\n近日,区总工会为环卫工人送去清凉物资。\n", encoding="utf-8")
    (article,) = read_paths([path])
    assert "近日，区总工会" in article.text
    assert "近日,区总工会" in article.original


_WIDE = str.maketrans(",:;!?()", "，：；！？（）")
_NUMBER_MARK = re.compile(r"(?<=\d)[，：](?=\d)")


def _full_width(text: str) -> str:
    """How a writer types the page: every mark full width but in numbers and times."""
    wide = text.translate(_WIDE)
    return _NUMBER_MARK.sub(lambda m: {"，": ",", "：": ":"}[m.group()], wide)


REAL = SHARED / "corpus" / "real"


@pytest.mark.shared
def test_real_articles_give_the_same_facts_in_either_width(
    tmp_path: Path, records: Records
) -> None:
    """Every real article, given once as published (half-width) and once with full-width
    marks, yields the same entities and triples."""
    files = sorted(REAL.glob("*.txt"))[::4]
    wide = []
    for file in files:
        copy = tmp_path / file.name
        lines = file.read_text(encoding="utf-8").splitlines()
        copy.write_text("\n".join(_full_width(line) for line in lines), encoding="utf-8")
        wide.append(copy)

    def facts(paths: list[Path]) -> list[tuple[object, ...]]:
        found = []
        for record in records(paths):
            assert isinstance(record, dict), record
            found.append(
                (
                    Path(record["source"]).name,
                    sorted((e["type"], e["name"]) for e in record["entities"]),
                    sorted((t["s"], t["p"], t["o"]) for t in record["triples"]),
                )
            )
        return found

    assert facts(files) == facts(wide)
