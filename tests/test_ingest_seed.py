"""End to end on the real seed page (a newspaper page dumped from a PDF) in ../shared."""

import json
import re
from pathlib import Path

import pytest

from kg.article import Article
from kg.ingest import read_paths
from kg.ingest.lines import ends_sentence
from tests.conftest import SHARED

pytestmark = pytest.mark.shared
GOLD = SHARED / "gold" / "seed.json"
LEAD = "本报讯"


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return json.loads(GOLD.read_text(encoding="utf-8"))["articles"]


@pytest.fixture(scope="module")
def page(gold: list[dict]) -> Path:
    (source,) = {article["source"] for article in gold}
    return (GOLD.parent / source).resolve()


@pytest.fixture(scope="module")
def page_lines(page: Path) -> list[str]:
    return [line.strip() for line in page.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def articles(page: Path) -> list[Article]:
    items = list(read_paths([page]))
    assert all(isinstance(item, Article) for item in items)
    return items


def test_splits_into_the_gold_articles(articles: list[Article], gold: list[dict]) -> None:
    assert [article.headline for article in articles] == [article["headline"] for article in gold]
    assert [article.index for article in articles] == list(range(len(gold)))
    for article in articles:
        assert article.text.split("\n")[0] == article.headline
        assert article.text == article.original


def test_banner_and_column_head_are_in_no_article(
    articles: list[Article], gold: list[dict], page_lines: list[str]
) -> None:
    banner = page_lines[0]
    # The column head stands right above the third article's headline.
    column_head = page_lines[page_lines.index(gold[2]["headline"]) - 1]
    for line in (banner, column_head):
        assert " " in line  # spaced phrases: the fixture is what this test thinks it is
        assert all(line not in article.text for article in articles)


def test_every_body_paragraph_ends_a_sentence(
    articles: list[Article], page_lines: list[str]
) -> None:
    # The dump breaks paragraphs in mid-sentence; the test means something only if it does.
    assert sum(not ends_sentence(line) for line in page_lines) > 10
    for article in articles:
        paragraphs = article.text.split("\n")
        lead = next(n for n, paragraph in enumerate(paragraphs) if paragraph.startswith(LEAD))
        assert 1 <= lead <= 2  # headline, then at most a sub-headline or kicker
        for paragraph in paragraphs[lead:]:
            assert ends_sentence(paragraph), paragraph


def test_photo_credit_at_end_of_third_article_is_gone(
    articles: list[Article], page_lines: list[str]
) -> None:
    credit = re.compile(r"。\S{2,4} 摄$")
    assert any(credit.search(line) for line in page_lines)
    third = articles[2].text
    assert "摄" not in third.split("\n")[-1]
    assert third.endswith("。")
