"""The bundled demo corpus (examples/) and its gold annotations agree with the schema."""

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kg.evaluate import Document, load_gold, normalize_name
from kg.schema import ENTITY_TYPES, RELATIONS, allows

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GOLD = EXAMPLES / "gold.json"
# Every other source file is UTF-8, some with a byte-order mark.
ENCODINGS = {
    "articles/fengtai_gb18030_2025-02-26.txt": "gb18030",
    "articles/trad_big5_chengdu_2025-08-06.txt": "big5",
}
ARTICLES: list[dict[str, Any]] = json.loads(GOLD.read_text(encoding="utf-8"))["articles"]
BY_ID = pytest.mark.parametrize("article", ARTICLES, ids=[a["id"] for a in ARTICLES])


def surfaces(entity: dict[str, Any]) -> list[str]:
    return [entity["name"], *entity.get("aliases", [])]


def source_text(source: str) -> str:
    raw = (EXAMPLES / source).read_bytes()
    return normalize_name(raw.decode(ENCODINGS.get(source, "utf-8-sig")))


def required(items: list[dict[str, Any]]) -> int:
    return sum(not item.get("optional", False) for item in items)


def test_gold_loads_with_the_scorer() -> None:
    document = load_gold(GOLD)
    assert isinstance(document, Document), document
    assert len(document.articles) == len(ARTICLES) >= 28


def test_article_ids_are_unique() -> None:
    assert [i for i, n in Counter(a["id"] for a in ARTICLES).items() if n > 1] == []


def test_corpus_covers_every_input_format() -> None:
    suffixes = {Path(a["source"]).suffix for a in ARTICLES}
    assert suffixes == {".txt", ".html", ".jsonl", ".json"}


def test_bad_page_holds_no_article() -> None:
    page = (EXAMPLES / "bad" / "index.html").read_text(encoding="utf-8")
    longest_run = max(len(run) for run in re.findall(r"[\u4e00-\u9fff，。、：；]+", page))
    assert longest_run < 30


@BY_ID
def test_source_exists(article: dict[str, Any]) -> None:
    assert (EXAMPLES / article["source"]).is_file()


@BY_ID
def test_entity_types_are_in_the_schema(article: dict[str, Any]) -> None:
    assert {e["type"] for e in article["entities"]} <= set(ENTITY_TYPES)


@BY_ID
def test_each_surface_names_one_entity(article: dict[str, Any]) -> None:
    counts = Counter(normalize_name(s) for e in article["entities"] for s in surfaces(e))
    assert [s for s, n in counts.items() if n > 1] == []


@BY_ID
def test_triples_join_entities_as_the_schema_allows(article: dict[str, Any]) -> None:
    type_of = {normalize_name(s): e["type"] for e in article["entities"] for s in surfaces(e)}
    for t in article["triples"]:
        s_type = type_of.get(normalize_name(t["s"]))
        o_type = type_of.get(normalize_name(t["o"]))
        assert s_type and o_type, f"unknown end in {t}"
        assert t["p"] in RELATIONS and allows(t["p"], s_type, o_type), f"{t}: {s_type} → {o_type}"


@BY_ID
def test_required_annotation_has_the_agreed_size(article: dict[str, Any]) -> None:
    assert 6 <= required(article["entities"]) <= 20
    assert 4 <= required(article["triples"]) <= 12


@BY_ID
def test_names_occur_in_the_source(article: dict[str, Any]) -> None:
    text = source_text(article["source"])
    # An optional entity may carry a canonical name the article never spells out
    # (北京市 for 首都); every alias and every other name is quoted from the text.
    written = [
        s
        for e in article["entities"]
        for s in (surfaces(e)[1:] if e.get("optional") else surfaces(e))
    ]
    assert [s for s in written if normalize_name(s) not in text] == []
    assert normalize_name(article["headline"]) in text


def test_optional_flag_agrees_within_a_source() -> None:
    # Scoring merges same-named entities of one source file, so they must agree.
    flags: dict[tuple[str, str, str], set[bool]] = {}
    for a in ARTICLES:
        for e in a["entities"]:
            key = (a["source"], normalize_name(e["name"]), e["type"])
            flags.setdefault(key, set()).add(bool(e.get("optional", False)))
    assert [key for key, seen in flags.items() if len(seen) > 1] == []
