"""Word lists of general things (heads, trigger words, worker groups, surnames).

They are data, kept as text files beside this module; this module only reads them.
Lines starting with ``#`` are comments.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).parent


def _lines(name: str) -> list[str]:
    text = (LEXICON_DIR / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """A tab-separated lexicon with a header row, e.g. ``short_forms``."""
    rows = csv.DictReader(_lines(f"{name}.tsv"), delimiter="\t")
    return tuple({key: (value or "") for key, value in row.items()} for row in rows)


@dataclass(frozen=True)
class Head:
    """A head noun that ends a name and gives it its entity type."""

    text: str
    label: str
    kind: str  # "name", "proper", "programme", "event" or "ceremony" (see heads.tsv)


@cache
def heads() -> dict[str, Head]:
    found = {row["head"]: Head(row["head"], row["type"], row["kind"]) for row in table("heads")}
    for abbreviation in body_abbreviations():
        found.setdefault(abbreviation, Head(abbreviation, "Organization", "name"))
    return found


@cache
def body_abbreviations() -> dict[str, str]:
    """人社局 -> 人力资源和社会保障局: the bodies news calls by a short name."""
    return {row["abbreviation"]: row["full"] for row in table("body_abbreviations")}


def expand_abbreviation(name: str) -> str:
    """区人社局 -> 区人力资源和社会保障局; other names as they are."""
    abbreviations = body_abbreviations()
    for size in _abbreviation_sizes():
        full = abbreviations.get(name[-size:])
        if full is not None:
            return name[:-size] + full
    return name


@cache
def _abbreviation_sizes() -> tuple[int, ...]:
    """Lengths of the abbreviations, longest first (人力社保局 before 社保局)."""
    return tuple(sorted({len(a) for a in body_abbreviations()}, reverse=True))


def head_of(name: str) -> Head | None:
    """The longest head noun ``name`` ends with (工匠学院 rather than 学院)."""
    table = heads()
    for size in range(min(len(name), _longest_head()), 0, -1):
        head = table.get(name[-size:])
        if head is not None:
            return head
    return None


@cache
def _longest_head() -> int:
    return max(len(text) for text in heads())


@cache
def words(name: str) -> frozenset[str]:
    """A one-word-per-line lexicon such as ``boundaries``, ``posts`` or ``surnames``."""
    return frozenset(_lines(f"{name}.txt"))


@cache
def known_initiatives() -> dict[str, tuple[str, ...]]:
    """Canonical programme name -> the short forms news uses for it."""
    return {
        row["name"]: tuple(a for a in row["aliases"].split(",") if a)
        for row in table("initiatives")
    }


# Word classes of jieba's dictionary that never stand inside a name: prepositions,
# conjunctions, particles, pronouns, adverbs, modal and onomatopoeic words (the few
# that do, such as 高速, are listed in name_words.txt).
CLOSED_CLASSES = frozenset({"p", "c", "u", "r", "d", "y", "e", "o"})
# Position words that open place names (西部物流园, 东部新城), unlike the other
# position words (以前, 之后, 上面), which bound names as verbs do.
COMPASS_POINTS = frozenset("东西南北中")
# Proper names: people, places, organisations, other names.
PROPER_CLASSES = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})


@cache
def word_classes() -> dict[str, frozenset[str]]:
    """Words of jieba's dictionary: ``closed`` classes, ``verb`` s (with time and
    position words such as 正在 and 以前, which bound names the way verbs do; not
    compass points such as 西部, which open names),
    ``verbal_noun`` s (建设, 服务), every ``word``, the ``common`` words that are not
    personal names, and the ``proper`` names (万达, 望京).

    jieba ships its dictionary with a part-of-speech tag for every word; it is the
    general Chinese word list this project has, so names can be bounded by it
    without a tagger.
    """
    import jieba  # its dictionary only; jieba segments only when configured to

    path = Path(jieba.__file__).with_name("dict.txt")
    closed, verbs, verbal_nouns, every, common, proper = set(), set(), set(), set(), set(), set()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            word, _, tag = line.rstrip("\n").split(" ")
            every.add(word)
            if not tag.startswith("nr"):
                common.add(word)
            if tag in PROPER_CLASSES:
                proper.add(word)
            if tag in CLOSED_CLASSES:
                closed.add(word)
            elif tag in ("v", "t") or (tag == "f" and word[0] not in COMPASS_POINTS):
                verbs.add(word)
            elif tag == "vn":
                verbal_nouns.add(word)
    return {
        "closed": frozenset(closed),
        "verb": frozenset(verbs),
        "verbal_noun": frozenset(verbal_nouns),
        "word": frozenset(every),
        "common": frozenset(common),
        "proper": frozenset(proper),
    }
