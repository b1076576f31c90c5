"""What the entity components leave on a Doc.

Each recogniser adds :class:`Candidate` s (character offsets, a type, a priority) to
``doc._.kg_candidates``; the last component (``kg_entities``) picks the ones that do
not clash, aligns them to tokens and stores them as :class:`Mention` s in
``doc._.mentions`` (and the top-level ones in ``doc.ents``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from ahocorasick_rs import AhoCorasick, MatchKind
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from kg.lexicons import opened_by
from kg.nlp.tokenizer import TEXT_KEY

# Numerals and classifiers: 13个, 第二批, 四项, 首家 count things, and counted things
# are not names (四项工程 is four programmes, 首家司机之家 the first of its kind; 张 of
# 这张某某服务卡 is no word of the card's name);
# N stands for a number not given (1+6+N: N个培训基地).
NUMERALS = "0-9一二三四五六七八九十两百千万几多首N"
CLASSIFIERS = "个家批所座处名位项条届期次支张"
COUNT = f"[{NUMERALS}]+[{CLASSIFIERS}]"


# The source of a kind of site named bare (工会阅览室): keyed by its whole name, it
# stands for the site of the article so named in full (see kg/resolve.py).
KIND_SOURCE = "kind"
# The source of a union's department named bare before a post held in it (某工会副主席X、
# 女职工部部长Y): like a reference it stands for the department so named in full
# before; with none, it names the department (whose it is the sentence tells).
DEPARTMENT_SOURCE = "department"
# The source of a theme said of the activity named before (某某活动以“X”为主题): the
# activity is named by its theme, as 以“X”为主题的某某活动 is (see kg/resolve.py); with
# no activity before, the theme names one of its own.
THEME_SOURCE = "theme"
# The labels of sites: facilities and places.
SITE_LABELS = frozenset({"Facility", "Place"})
# The fewest characters of a union's own name before its head (某某美食街联合工会,
# “某某”甲乙站工会).
MIN_UNION_OWNER = 2


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    label: str
    name: str  # the entity's name as written here, without quotation marks
    source: str  # which recogniser found it
    priority: int
    key: str = ""  # gazetteer division id, or the canonical name of a known short form
    short: bool = False  # a short or anaphoric form (区总工会, 该公司): resolved per article


@dataclass(frozen=True)
class Mention:
    """A chosen candidate; its offsets are token boundaries of the Doc."""

    start: int
    end: int
    label: str
    name: str
    source: str
    key: str = ""
    short: bool = False
    nested: bool = False  # inside another mention, e.g. 大兴区 in 大兴区总工会


def register_extensions() -> None:
    if not Doc.has_extension("kg_candidates"):
        Doc.set_extension("kg_candidates", default=None)
    if not Doc.has_extension("mentions"):
        Doc.set_extension("mentions", default=None)


def candidates(doc: Doc) -> list[Candidate]:
    if doc._.kg_candidates is None:
        doc._.kg_candidates = []
    return doc._.kg_candidates


def opened_programme(cand: Candidate) -> Candidate | None:
    """The programme an event candidate's name opens with when it is a ceremony
    (职工技能大赛 of 职工技能大赛启动仪式): both are events, the programme nested in
    the ceremony (see kg_entities)."""
    if cand.label != "Initiative" or cand.short:
        return None
    programme = opened_by(cand.name)
    if programme is None:
        return None
    # A quoted name loses its marks: the programme ends where the ceremony's head starts.
    head_start = cand.end - (len(cand.name) - len(programme))
    return replace(cand, end=head_start, name=programme)


def token_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end offsets of every token, read from the Doc's arrays: iterating a
    Doc builds a Token object per word, which costs more than all the rules."""
    bounds = doc.user_data.get("kg:bounds")
    if bounds is None:
        array = doc.to_array([IDX, LENGTH])
        starts = array[:, 0].tolist()
        bounds = doc.user_data["kg:bounds"] = (
            starts,
            [s + n for s, n in zip(starts, array[:, 1].tolist(), strict=True)],
        )
    return bounds


def text_of(doc: Doc) -> str:
    """``doc.text`` as the tokenizer left it (kg/nlp/tokenizer.py), else computed once:
    spaCy rebuilds it from the tokens on every access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


class Scanner:
    """Finds every occurrence of many fixed strings at once (Aho-Corasick).

    ahocorasick_rs (Rust) scans Chinese text about fifteen times faster than
    pyahocorasick, which made the gazetteer look-up the slowest component.
    """

    def __init__(self, entries: Iterable[tuple[str, object]], *, longest: bool = False) -> None:
        """With ``longest``, :meth:`find` gives only leftmost-longest matches that do
        not overlap each other; otherwise every match. A word given twice keeps its
        last value."""
        table = {word: value for word, value in entries if word}
        self._values = list(table.values())
        kind = MatchKind.LeftmostLongest if longest else MatchKind.Standard
        self._automaton = AhoCorasick(list(table), matchkind=kind)
        self._overlapping = not longest

    def __len__(self) -> int:
        return len(self._values)

    def find(self, text: str) -> Iterator[tuple[int, int, object]]:
        """Matches as (start, end, value), in the order of their ends."""
        values = self._values
        for index, start, end in self._automaton.find_matches_as_indexes(
            text, overlapping=self._overlapping
        ):
            yield start, end, values[index]


def leading_chain(outer: Mention, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions nested in ``outer`` that open it one after another, outermost
    first: 北京市|大兴区 of 北京市大兴区建设集团, 海淀区|中关村街道 of 海淀区中关村街道总工会.

    ``mentions`` are in text order (by start); only those within ``outer`` are
    visited, so that a long article does not cost a pass over all of them per name.
    ``outer`` itself may be among them (a union nested in an event's name): it opens
    no chain of its own.
    """
    chain: list[Mention] = []
    position = outer.start
    index = bisect_left(mentions, outer.start, key=lambda m: m.start)
    while index < len(mentions) and mentions[index].start < outer.end:
        m = mentions[index]
        if m is not outer and m.nested and m.start == position and m.end <= outer.end:
            chain.append(m)
            position = m.end
        index += 1
    return chain
