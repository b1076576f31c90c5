"""Word lists of general things (heads, trigger words, worker groups, surnames).

They are data, kept as text files beside this module; this module only reads them and
checks them as it does: a table's columns, and the entity types and kinds it names, are
those the code knows, or loading stops with a one-line error naming the file and line.
Lines starting with ``#`` are comments.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import KgError
from kg.schema import ENTITY_TYPES

LEXICON_DIR = Path(__file__).parent
# The columns of each table, and those that hold an entity type.
COLUMNS = {
    "heads": ("head", "type", "kind"),
    "short_forms": ("short", "type", "expands_to", "canonical"),
    "body_abbreviations": ("abbreviation", "full"),
    "division_abbreviations": ("abbreviation", "full"),
    "initiatives": ("name", "aliases"),
}
TYPE_COLUMN = "type"
# How a head noun makes a name (see heads.tsv), with the fewest characters a name puts
# before a head of that kind: the one table of head kinds.
HEAD_KINDS = {
    "name": 2,
    "proper": 2,
    "programme": 4,
    "event": 2,
    "ceremony": 2,
    "meeting": 4,
    "division": 2,
}


class LexiconError(KgError):
    """A lexicon file that cannot be used; the message names the file and line."""


def _numbered_lines(name: str) -> list[tuple[int, str]]:
    path = LEXICON_DIR / name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LexiconError(f"{path}: cannot read lexicon ({error})") from None
    return [
        (number, line.strip())
        for number, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.startswith("#")
    ]


def _lines(name: str) -> list[str]:
    return [line for _, line in _numbered_lines(name)]


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """A tab-separated lexicon with a header row, e.g. ``short_forms``."""
    path = LEXICON_DIR / f"{name}.tsv"
    columns = COLUMNS.get(name)
    if columns is None:
        raise LexiconError(f"{path}: not a known table (known: {', '.join(COLUMNS)})")
    (_, header), *rows = _numbered_lines(f"{name}.tsv") or [(0, "")]
    if tuple(header.split("\t")) != columns:
        raise LexiconError(f"{path}: the header must be {' '.join(columns)}")
    found = []
    for number, line in rows:
        values = next(csv.reader([line], delimiter="\t"))
        if len(values) > len(columns) or not values[0]:
            raise LexiconError(f"{path}: line {number}: expected {len(columns)} columns")
        row = dict(zip(columns, [*values, *[""] * (len(columns) - len(values))], strict=True))
        if TYPE_COLUMN in row and row[TYPE_COLUMN] not in ENTITY_TYPES:
            raise LexiconError(f"{path}: line {number}: unknown entity type {row[TYPE_COLUMN]!r}")
        if name == "heads" and row["kind"] not in HEAD_KINDS:
            raise LexiconError(f"{path}: line {number}: unknown head kind {row['kind']!r}")
        found.append(row)
    return tuple(found)


@dataclass(frozen=True)
class Head:
    """A head noun that ends a name and gives it its entity type."""

    text: str
    label: str
    kind: str  # "name", "proper", "programme", "event", "ceremony", "meeting", "division"


@cache
def heads() -> dict[str, Head]:
    found = {row["head"]: Head(row["head"], row["type"], row["kind"]) for row in table("heads")}
    # A government body's abbreviation ends names (某区人社局), and so does a full name
    # with 和 inside (发展和改革委员会), which 和 would otherwise cut; other full names
    # are names of their own (市场监督管理局 is no bare head).
    for abbreviation, full in body_abbreviations().items():
        found.setdefault(abbreviation, Head(abbreviation, "Organization", "name"))
        if "和" in full:
            found.setdefault(full, Head(full, "Organization", "name"))
    # 某美食街联合工会: joint unions' heads are listed once, with what sets them apart.
    for joint in words("joint_union_heads"):
        found.setdefault(joint, Head(joint, "Union", "name"))
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


# The kinds of initiative head that name an occasion rather than a programme: such a head
# names an event only after a division, a year or an ordinal (2025年大兴区职工技能大赛),
# an organising verb (举办的…, 开展了…), or in quotes.
EVENT_KINDS = frozenset({"event", "ceremony", "meeting"})

# Joins two events into one name: 揭牌仪式暨工作部署会.
JOINER = "暨"


def opened_by(ceremony: str) -> str | None:
    """The programme a ceremony's name opens with (职工技能大赛 of
    职工技能大赛启动仪式), or None: the words before a ceremony head that end
    in an initiative's head. A ceremony held together with another event is named
    first (某某行动启动仪式暨表彰会: the 行动 is opened)."""
    head = head_of(ceremony)
    if JOINER in ceremony and (head is None or head.kind != "ceremony"):
        ceremony = ceremony.split(JOINER, 1)[0]
        head = head_of(ceremony)
    if head is None or head.kind != "ceremony":
        return None
    programme = ceremony[: -len(head.text)]
    opened = head_of(programme)
    return programme if opened is not None and opened.label == "Initiative" else None


@cache
def _media_words() -> tuple[str, ...]:
    return tuple(words("media_words"))


def names_outlet(text: str, at: int) -> bool:
    """Whether the words at ``at`` make what is before them a newspaper's or a
    broadcaster's name: a kind of outlet (湖北|日报, 江西|工人报), maybe after the
    readers it is for (四川|工人|日报)."""
    media = _media_words()
    if text.startswith(media, at):
        return True
    return any(
        text.startswith(readers, at) and text.startswith(media, at + len(readers))
        for readers in words("readerships")
    )


@cache
def body_heads() -> frozenset[str]:
    """The heads that end the names of unions and organisations (总工会, 党工委, 人社局)."""
    return frozenset(h for h, head in heads().items() if head.label in ("Union", "Organization"))


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
# How often (in jieba's counts) a common noun or verb must occur to be ``frequent``:
# 平台 and 难题 (over a thousand) are those words after a surname-like character,
# where rarer words (艳萍, 学文) are given names as often as not.
FREQUENT = 1000


@cache
def word_classes() -> dict[str, frozenset[str]]:
    """Words of jieba's dictionary: ``closed`` classes, ``verb`` s (with time and
    position words such as 正在 and 以前, which bound names the way verbs do; not
    compass points such as 西部, which open names),
    ``verbal_noun`` s (建设, 服务), every ``word``, the ``common`` words that are not
    personal names, the ``proper`` names (万达, 望京), and the ``frequent`` common
    nouns and verbs (平台, 难题; see FREQUENT).

    jieba ships its dictionary with a part-of-speech tag for every word; it is the
    general Chinese word list this project has, so names can be bounded by it
    without a tagger.
    """
    import jieba  # its dictionary only; jieba segments only when configured to

    path = Path(jieba.__file__).with_name("dict.txt")
    closed, verbs, verbal_nouns, every, common, proper = set(), set(), set(), set(), set(), set()
    frequent = set()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            word, count, tag = line.rstrip("\n").split(" ")
            if tag in ("n", "v", "vn") and int(count) >= FREQUENT:
                frequent.add(word)
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
        "frequent": frozenset(frequent),
    }
