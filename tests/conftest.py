from __future__ import annotations

from pathlib import Path

import pytest

from kg.article import Article
from kg.pipeline import Extractor

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


def make_article(text: str) -> Article:
    headline = text.splitlines()[0]
    return Article("test.txt", 0, headline, text, text)


@pytest.fixture(scope="session")
def extract(extractor: Extractor):
    """text -> (set of (type, name), set of (s, p, o)) as the pipeline outputs them."""

    def run(text: str) -> tuple[set[tuple[str, str]], set[tuple[str, str, str]]]:
        record = extractor(make_article(text))
        entities = {(e["type"], e["name"]) for e in record["entities"]}
        triples = {(t["s"], t["p"], t["o"]) for t in record["triples"]}
        return entities, triples

    return run
