"""``kg_entities``: choose among the recognisers' candidates and put them on the Doc."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import cache
from itertools import pairwise

import numpy
from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicons import head_of, heads, opened_by, words
from kg.nlp.component import Component
from kg.nlp.lexicon_entities import HONOUR_VERBS
from kg.nlp.mentions import Candidate, Mention, text_of, token_bounds

BODIES = frozenset({"Union", "Organization"})
# How a company's registered full name ends.
REGISTERED_COMPANY = "有限公司"
OCCASION_OWNERS = frozenset({"Union", "Organization", "Facility"})
SERVERS = frozenset({"Initiative", "Facility"})
SITES = frozenset({"Facility", "Place"})
# The verbs that award a title, with what may stand between them and it in one clause
# (荣获全省首批“某某”职工之家), and how far back they are looked for. Not 授予的“某某”,
# the site a title was given to, nor a quoted site before 称号 (被授予“某某基地”称号),
# whose kind and title are one.
HONOURED = re.compile(f"(?:{'|'.join((*HONOUR_VERBS, '命名为'))})[^，。；、！？,;!?“”的]{{0,4}}$")
HONOUR_REACH = 12
OPENING_BRACKETS = frozenset("（(")
CLOSING_BRACKETS = frozenset("）)")


def select(found: list[Candidate]) -> list[tuple[Candidate, bool]]:
    """Candidates that do not clash, each with whether it is nested in another.

    Higher priority first, then longer. A candidate may sit inside a chosen one
    only if it is a division named in full (大兴区 in 大兴区总工会), a body that
    opens the name of another body (大兴区总工会 in 大兴区总工会办公室, 建设银行 in
    建设银行丰台支行), or a body or site that opens an event's name: that is how names
    tell where their bearer is, what it is part of and whose occasion it is; and a
    group of workers named in a programme's or a site's name (建筑工人夜校,
    女职工健康讲座), which says whom it is for. Any other overlap loses.
    """
    ranked = sorted(found, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
    # The chosen candidates over each character: a candidate is compared with those it
    # overlaps, found in the time of its own length. Compared with every chosen one,
    # a long article cost the square of its length.
    over: list[tuple[tuple[Candidate, bool], ...]] = [()] * max((c.end for c in found), default=0)
    chosen: list[tuple[Candidate, bool]] = []
    for cand in ranked:
        nested = False
        clash = False
        overlapping = {id(pair[0]): pair for pairs in over[cand.start : cand.end] for pair in pairs}
        for other, _ in overlapping.values():
            if other.start <= cand.start and cand.end <= other.end and _may_nest(cand, other):
                nested = True
                continue
            clash = True
            break
        if not clash:
            chosen.append((cand, nested))
            for at in range(cand.start, cand.end):
                over[at] += ((cand, nested),)
    return sorted(chosen, key=lambda pair: (pair[0].start, -pair[0].end))


def _union_of_short(division: Candidate, union: Candidate) -> bool:
    """Whether ``union`` is named by the short form ``division`` and a union's head alone."""
    head = heads().get(union.name[len(division.name) :])
    return (
        union.label == "Union"
        and division.start == union.start
        and head is not None
        and head.label == "Union"
    )


def _may_nest(inner: Candidate, outer: Candidate) -> bool:
    """Whether ``inner``, which lies inside ``outer``, may be a mention of its own."""
    if inner.source == "gazetteer":
        # A short form only where a union's head follows it (湖南工会联合会, the region's
        # union): before other words it may be a brand's (北京住总科贸公司工会).
        return outer.label != "District" and (not inner.short or _union_of_short(inner, outer))
    if inner.label == "WorkerGroup":
        return outer.label in SERVERS
    if outer.label == "Initiative":
        # 某工会联合会成立暨首届职工代表大会, 某学院揭牌仪式: the body or site whose
        # founding the event marks opens its name (a class of sites being named in
        # 某区劳模创新工作室命名授牌仪式 does not); 某大赛启动仪式: the programme the
        # ceremony opens; 某市职工技能大赛电工技能竞赛: the contest a trade's contest
        # is held in.
        if inner.label == "Initiative":
            return inner.start == outer.start and (
                opened_by(outer.name) == inner.name or names_a_contest(outer.name, inner.name)
            )
        # The site may come after the divisions that the occasion's name opens with
        # (福州市|某某工作室揭牌暨…, see kg_names).
        lead = inner.start - outer.start
        return (
            inner.label in OCCASION_OWNERS
            and not inner.short
            and outer.name.startswith(inner.name, lead)
            and marks_occasion(outer.name, inner.name, inner.label, lead)
        )
    if inner.label == "Place" and outer.label == "Union":
        # 某区某产业园工会: the park a union is named after says where it is.
        rest = outer.name[inner.end - outer.start :]
        head = head_of(rest)
        return head is not None and head.label == "Union" and head.text == rest
    return (
        inner.label in BODIES
        and outer.label in BODIES
        and inner.start == outer.start
        and inner.source == "head"
        and names_a_part(outer.name, inner.name)
    )


# 第二次, 第三届, 四届二次: a session of a body's congress, right after the body's name.
SESSION_OPEN = re.compile(
    r"第[0-9一二三四五六七八九十]+[届次]|[0-9一二三四五六七八九十]+届[0-9一二三四五六七八九十]+次"
)


def marks_occasion(event: str, owner: str, label: str, lead: int = 0) -> bool:
    """Whether the event named ``event`` is an occasion of the body or site named
    ``owner`` that opens its name (after ``lead`` characters, its divisions): its
    founding or opening (某工会联合会成立暨首届职工代表大会, 某学院揭牌仪式), or for a
    union a session of its congress (某工会联合会第三次会员大会)."""
    after = lead + len(owner)
    return event.startswith(founding_verbs(), after) or (
        label == "Union" and SESSION_OPEN.match(event, after) is not None
    )


def names_a_part(name: str, owner: str) -> bool:
    """Whether ``name`` names a part of the body named ``owner`` (its department,
    committee, office, branch, branch union or subsidiary): it opens with the owner's
    name and ends with a word of kg/lexicons/part_heads.txt. 某集团工会 is named after
    its company, not part of it; 某集团有限公司 is the company's full name."""
    rest = name.removeprefix(owner)
    return (
        len(rest) >= 2
        and rest != name
        and rest.endswith(_part_heads())
        and _legal_form().fullmatch(rest) is None
        # 某集团实业有限公司 is a company's own registered name, not a subsidiary.
        and not rest.endswith(REGISTERED_COMPANY)
    )


def names_a_contest(name: str, contest: str) -> bool:
    """Whether ``name`` names one contest of the larger ``contest`` it opens with
    (某市职工技能大赛|电工技能竞赛): what follows is a trade's contest, ending with a
    word of kg/lexicons/contest_parts.txt. A programme is no contest: 某某建设工程|劳动和
    技能竞赛 is a contest among its builders, not one of its parts."""
    rest = name.removeprefix(contest)
    head = head_of(contest)
    return (
        len(rest) >= 3
        and rest != name
        and rest.endswith(_contest_parts())
        and (head is None or head.kind != "programme")
    )


@cache
def _contest_parts() -> tuple[str, ...]:
    return tuple(words("contest_parts"))


@cache
def founding_verbs() -> tuple[str, ...]:
    """Verbs of founding a body or site (成立, 揭牌, 换届): kg/lexicons/opening_verbs.txt
    and founding_verbs.txt."""
    return tuple(sorted({*opening_verbs(), *words("founding_verbs")}))


@cache
def opening_verbs() -> tuple[str, ...]:
    """Verbs of opening a site, whose holder runs it (揭牌, 启用; not 授牌):
    kg/lexicons/opening_verbs.txt."""
    return tuple(sorted(words("opening_verbs")))


@cache
def _part_heads() -> tuple[str, ...]:
    return tuple(words("part_heads"))


@cache
def _legal_form() -> re.Pattern[str]:
    """A run of legal-form words (kg/lexicons/legal_form_words.txt): 有限责任公司."""
    return re.compile("(?:" + "|".join(map(re.escape, sorted(words("legal_form_words")))) + ")+")


def align(doc: Doc, offsets: set[int]) -> Doc:
    """Split tokens so that every offset is a token boundary (names glued to neighbours)."""
    starts, ends = token_bounds(doc)
    cuts: dict[int, list[int]] = {}
    for offset in sorted(offsets):
        i = bisect_right(starts, offset) - 1
        if i >= 0 and starts[i] < offset < ends[i]:
            cuts.setdefault(i, []).append(offset - starts[i])
    if not cuts:
        return doc
    with doc.retokenize() as retokenizer:
        for i, inner in cuts.items():
            token = doc[i]
            bounds = [0, *inner, len(token.text)]
            pieces = [token.text[a:b] for a, b in pairwise(bounds)]
            retokenizer.split(token, pieces, heads=[(token, 0)] * len(pieces))
    doc.user_data.pop("kg:bounds", None)  # the tokens have changed
    return doc


class EntityCollector(Component):
    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        chosen = _honours(text, _bracketed_names(text, select(doc._.kg_candidates or [])))
        doc = align(doc, {o for cand, _ in chosen for o in (cand.start, cand.end)})
        doc._.mentions = [
            Mention(c.start, c.end, c.label, c.name, c.source, c.key, c.short, nested)
            for c, nested in chosen
        ]
        doc._.kg_candidates = None
        _set_ents(doc, [c for c, nested in chosen if not nested])
        return doc


def _bracketed_names(
    text: str, chosen: list[tuple[Candidate, bool]]
) -> list[tuple[Candidate, bool]]:
    """A site's second name in brackets right after its first: 某中心驿站（某某驿站）
    is one station, so the bracketed name refers to the first (the resolver makes it
    an alias)."""
    top = [index for index, (cand, nested) in enumerate(chosen) if not nested]
    for before, after in pairwise(top):
        first, second = chosen[before][0], chosen[after][0]
        if (
            first.label not in SITES
            or first.short
            or second.label != first.label
            or second.start != first.end + 1
            or text[first.end] not in OPENING_BRACKETS
            or text[second.end : second.end + 1] not in CLOSING_BRACKETS
        ):
            continue
        chosen[after] = (replace(second, source="reference", key=first.name, short=True), False)
    return chosen


def _honours(text: str, chosen: list[tuple[Candidate, bool]]) -> list[tuple[Candidate, bool]]:
    """A site's kind named as the title a body is awarded (荣获全省首批“五星”职工之家,
    被命名为某某标准化母婴休息室) is the award, an Initiative as a title is, and no site."""
    for index, (cand, nested) in enumerate(chosen):
        if (
            cand.label in SITES
            and not nested
            and not cand.short
            and HONOURED.search(text, max(0, cand.start - HONOUR_REACH), cand.start)
        ):
            chosen[index] = (replace(cand, label="Initiative"), nested)
    return chosen


def _set_ents(doc: Doc, top: list[Candidate]) -> None:
    """doc.ents from the top-level mentions, written as arrays: building a Span
    per mention costs as much as finding it."""
    starts, ends = token_bounds(doc)
    iob = numpy.full(len(doc), 2, dtype="uint64")  # O
    label = numpy.zeros(len(doc), dtype="uint64")
    kb_id = numpy.zeros(len(doc), dtype="uint64")
    for cand in top:
        first, last = bisect_left(starts, cand.start), bisect_left(ends, cand.end) + 1
        iob[first] = 3  # B
        iob[first + 1 : last] = 1  # I
        label[first:last] = doc.vocab.strings.add(cand.label)
        kb_id[first:last] = doc.vocab.strings.add(cand.key)
    doc.from_array([ENT_IOB, ENT_TYPE, ENT_KB_ID], numpy.stack([iob, label, kb_id], axis=1))


@Language.factory("kg_entities")
def make_entity_collector(nlp: Language, name: str) -> EntityCollector:
    return EntityCollector()
