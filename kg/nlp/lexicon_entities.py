"""``kg_lexicon``: worker groups, well-known programmes and fixed short forms (市总, 全总)."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicons import heads, known_initiatives, names_outlet, table, word_classes, words
from kg.nlp.component import Component
from kg.nlp.mentions import (
    CLASSIFIERS,
    COUNT,
    NUMERALS,
    SITE_LABELS,
    Candidate,
    Scanner,
    candidates,
    text_of,
    token_bounds,
)

PRIORITY = 35
STATUS = "status"  # marks groups kept only as the object of a relation
OPEN = "open"  # a group named by a generic head (保洁职工): kept as STATUS groups are
# The words before a group's head that can narrow it: Chinese characters only, and
# no count (200多名施工人员 is counted, not named).
MODIFIER_CHARS = re.compile(r"^[\u4e00-\u9fff]+$")
# ...nor a count of events before the group (百场|职工大联欢: a hundred gatherings).
EVENT_CLASSIFIERS = "场轮"
COUNTED = re.compile(
    rf"{COUNT}|[{NUMERALS}]+[{EVENT_CLASSIFIERS}]|[0-9一二三四五六七八九十百千万多余]$"
    rf"|^[{CLASSIFIERS}]$"
)
MAX_MODIFIER_WORDS = 5
MAX_MODIFIER_CHARS = 10
HEAD_SIZES = range(1, 6)
# What joins a word to a group whose head it shares (快递、外卖小哥), and the longest
# such word.
ELISION_JOINTS = "、和及与"
MAX_ELIDED_WORD = 4
MIN_REPEATS = 2
# The words around an honour named like a group (被评为劳动模范, 劳动模范称号), and
# how far before the name the first are looked for.
HONOUR_VERBS = ("参评", "评为", "评选为", "荣获", "获评")
HONOUR_BEFORE = re.compile(f"(?:{'|'.join(HONOUR_VERBS)})$")
HONOUR_AFTER = re.compile(r"评选|称号|荣誉称号|奖章")
HONOUR_REACH = 3


class LexiconRecognizer(Component):
    def __init__(self) -> None:
        # Generic heads are found on their own, overlapping: taken leftmost-longest
        # with the rest, 施|工人|员 would hide 施工|人员.
        self.open_scanner = Scanner(
            (group, ("WorkerGroup", group, OPEN, False)) for group in words("worker_group_heads")
        )
        entries: list[tuple[str, tuple[str, str, str, bool]]] = []
        entries.extend(
            (group, ("WorkerGroup", group, "", False)) for group in words("worker_groups")
        )
        entries.extend(
            (group, ("WorkerGroup", group, STATUS, False)) for group in words("worker_statuses")
        )
        for name, aliases in known_initiatives().items():
            entries.append((name, ("Initiative", name, "", False)))
            entries.extend((alias, ("Initiative", name, name, True)) for alias in aliases)
        # 区总 stands for 区总工会; inside 大兴区总工会 it is no short form of its own.
        self.expansions = {row["short"]: row["expands_to"] for row in table("short_forms")}
        for row in table("short_forms"):
            entries.append((row["short"], (row["type"], row["short"], row["canonical"], True)))
        self.scanner = Scanner(entries, longest=True)
        self.user_dictionary = [word for word, _ in entries]
        self.group_modifiers = words("worker_group_modifiers")
        self.lexicon_groups = words("worker_groups")
        self.trades = tuple(words("worker_group_trades"))
        # Generic heads that are no group of their own (职工, 员工, 劳动者).
        self.bare_heads = (
            words("worker_group_heads") - words("worker_groups") - words("worker_statuses")
        )
        self.heads = heads()
        # A kind of site names no workers (某某工作室|职工接访活动: the studio's reception
        # of workers), though its workers can be a site's own (a name's, not a group).
        self.site_heads = frozenset(
            h for h, head in self.heads.items() if head.label in SITE_LABELS and len(h) > 1
        )
        classes = word_classes()
        self.dictionary = classes["word"]
        # Words that cannot describe workers: function words, verbs, the trigger
        # words that end names, serving verbs (慰问|环卫工人); the modifiers lexicon
        # lets its own verbs through (务工, 就业).
        self.group_stops = (
            classes["closed"]
            | classes["verb"]
            | words("boundaries")
            | words("posts")
            | words("serving_verbs")
            | words("worker_group_stops")
        ) - self.group_modifiers

    def user_words(self) -> Iterable[str]:
        return self.user_dictionary

    def __call__(self, doc: Doc) -> Doc:
        out = candidates(doc)
        text = text_of(doc)
        starts, ends = token_bounds(doc)
        # Names found before (divisions) are not part of a group's name.
        named_ends = {c.end for c in out}
        division_ends = {c.end: c for c in out if c.label == "District"}
        found = list(self.scanner.find(text))
        found.extend(_open_heads(self.open_scanner.find(text), found, ends))
        found.sort(key=lambda match: match[1])
        # 职工|子女, 务工人员|随迁子女: a group followed by another group's head
        # only narrows that one.
        # A group of the lexicon keeps its name (新就业形态劳动者|群体, 困难职工|子女): a
        # generic head after it does not take it in.
        group_starts = {start for start, _, value in found if value[0] == "WorkerGroup"}
        named_ends.update(
            end for _, end, value in found if value[0] == "WorkerGroup" and value[2] != OPEN
        )
        groups: list[tuple[int, int, str, bool]] = []
        for start, end, (label, name, key, short) in found:
            if label == "WorkerGroup":
                if not _is_boundary(ends, end) or (key == OPEN and end in group_starts):
                    continue
                begin = self._modified_start(text, starts, start, named_ends, key == OPEN)
                if begin == start and key != OPEN:
                    begin = self._trade_start(text, starts, start, name)
                if key == OPEN and (
                    begin == start
                    or self._modifies_head(text, end)
                    or names_outlet(text, start)
                    or text[begin:start] in self.bare_heads
                ):
                    # 职工 alone names no group, nor 新建职工 in 新建职工书屋, nor
                    # 职工子女: the children of any workers (新业态劳动者子女 is one),
                    # nor the readers a paper is named for (江西|工人|报, 四川|工人|日报)
                    continue
                if self._opens_head(text, start, end):
                    continue  # 户外劳动者 of 户外劳动者服务站, a kind of site
                if _names_honour(text, begin, end):
                    continue
                groups.append((begin, end, text[begin:end], key in (OPEN, STATUS)))
                continue
            expansion = self.expansions.get(name) if short else None
            if expansion and text.startswith(expansion, start):
                continue
            division = _division_into(division_ends, start, end) if expansion else None
            if division is not None:
                # 某某市总, 某某县总: the union of the division written before the short
                # form (某某市总工会), not the nearest of its level on a page that names
                # several; the division's name up to the level word opens the name.
                start, key = division.start, text[division.start : start] + expansion
                name = text[start:end]
            out.append(
                Candidate(start, end, label, name, "lexicon", PRIORITY, key=key, short=short)
            )
        groups.extend(self._elided_groups(text, starts, groups))
        # A group named by its standing or a generic head is a node of the graph where
        # something serves it, or where the article names it again: an article about
        # women workers names 女职工 throughout, one about something else in passing.
        counts = Counter(name for _, _, name, _ in groups)
        for start, end, name, generic in groups:
            source = "lexicon-status" if generic and counts[name] < MIN_REPEATS else "lexicon"
            out.append(Candidate(start, end, "WorkerGroup", name, source, PRIORITY))
        return doc

    def _elided_groups(
        self, text: str, starts: list[int], groups: list[tuple[int, int, str, bool]]
    ) -> list[tuple[int, int, str, bool]]:
        """快递、外卖小哥; 快递和外卖小哥: a word joined to a group shares the group's
        head where the two make a group of the lexicon (快递小哥); the word alone names
        no group, so only the lexicon's groups are made so."""
        found = []
        ends = {end for _, end, _, _ in groups}
        for begin, _, name, _ in groups:
            joint = begin - 1
            if joint < 1 or text[joint] not in ELISION_JOINTS or joint in ends:
                continue
            for size in range(MAX_ELIDED_WORD, 1, -1):
                word = text[joint - size : joint]
                if not _is_boundary(starts, joint - size) or not MODIFIER_CHARS.match(word):
                    continue
                whole = next(
                    (
                        word + name[cut:]
                        for cut in range(1, len(name))
                        if word + name[cut:] in self.lexicon_groups
                    ),
                    None,
                )
                if whole is not None and whole != name:
                    found.append((joint - size, joint, whole, False))
                    break
        return found

    def _modified_start(
        self, text: str, starts: list[int], start: int, named_ends: set[int], open_head: bool
    ) -> int:
        """Where a group named with narrowing words begins: 困难|农民工, 重点工程|职工,
        外地务工|人员; not 慰问|环卫工人, 200多名|施工人员 or 妇|女….

        A group of the lexicon (外卖骑手) is its own name: only the modifiers lexicon
        narrows it (女|外卖骑手), not a brand (美团|外卖骑手).
        """
        head_start = start
        index = bisect_left(starts, start)
        if index == len(starts) or starts[index] != start:
            # The head starts inside a word (户外职工 as one word): that word's
            # beginning is where the group starts, if its part before the head can
            # narrow a group.
            index -= 1
            piece = text[starts[index] : start] if index >= 0 else ""
            if not (self._narrows(piece) if open_head else piece in self.group_modifiers):
                return start
            start = starts[index]
        taken = 0
        while index > 0 and taken < MAX_MODIFIER_WORDS and start not in named_ends:
            piece = text[starts[index - 1] : start]
            if head_start - starts[index - 1] > MAX_MODIFIER_CHARS or not (
                self._narrows(piece) if open_head else piece in self.group_modifiers
            ):
                break
            start = starts[index - 1]
            index -= 1
            taken += 1
        return start

    def _trade_start(self, text: str, starts: list[int], start: int, name: str) -> int:
        """Where a group of the lexicon named with its trade before it begins: 外卖|送餐员
        and 快递|配送员 are the trade's couriers, not any; a group that names its trade
        already (外卖骑手, 快递员) takes none (快递、外卖骑手 is two groups)."""
        if name.startswith(self.trades):
            return start
        trade = next((t for t in self.trades if text.endswith(t, 0, start)), None)
        if trade is None or not _is_boundary(starts, start - len(trade)):
            return start
        return start - len(trade)

    def _modifies_head(self, text: str, end: int) -> bool:
        """职工|书屋, 工人|文化宫: a generic group word that only modifies the head
        noun of a name after it."""
        return any(text[end : end + size] in self.heads for size in HEAD_SIZES)

    def _opens_head(self, text: str, start: int, end: int) -> bool:
        """户外劳动者|服务站: a group that opens a head noun of kg/lexicons/heads.tsv
        is part of the name of a kind of site, not a group of its own."""
        return any(text[start : end + size] in self.heads for size in HEAD_SIZES)

    def _narrows(self, piece: str) -> bool:
        """Whether a word can describe workers: a word of the dictionary (物业, 岗位),
        one character only if the modifiers lexicon says so (女, 新), since single
        characters are mostly glue (辖区|内)."""
        if len(piece) == 1 or piece in self.group_modifiers:
            return piece in self.group_modifiers
        return (
            piece in self.dictionary
            and bool(MODIFIER_CHARS.match(piece))
            and piece not in self.site_heads
            and piece not in self.group_stops
            and not COUNTED.search(piece)
        )


def _open_heads(
    matches: Iterable[tuple[int, int, object]],
    found: list[tuple[int, int, object]],
    ends: list[int],
) -> list[tuple[int, int, object]]:
    """The generic heads that end a word, the longest of those ending at one place
    (务工人员 rather than 人员), and not inside a name found with the rest (工人 of
    环卫工人)."""
    longest: dict[int, tuple[int, int, object]] = {}
    for start, end, value in matches:
        if _is_boundary(ends, end) and (end not in longest or start < longest[end][0]):
            longest[end] = (start, end, value)
    # The other names do not overlap each other: the last one to start at or before
    # a head is the only one that can hold it.
    spans = sorted((start, end) for start, end, _ in found)
    kept = []
    for match in longest.values():
        index = bisect_right(spans, (match[0], math.inf)) - 1
        if index < 0 or spans[index][1] < match[1]:
            kept.append(match)
    return kept


def _names_honour(text: str, begin: int, end: int) -> bool:
    """Whether the group's name at ``text[begin:end]`` names an honour (某某评选,
    被评为某某, 某某称号): the title, not a group of workers anything serves."""
    return bool(
        HONOUR_BEFORE.search(text, max(0, begin - HONOUR_REACH), begin)
        or HONOUR_AFTER.match(text, end)
    )


def _is_boundary(offsets: list[int], offset: int) -> bool:
    i = bisect_left(offsets, offset)
    return i < len(offsets) and offsets[i] == offset


@Language.factory("kg_lexicon")
def make_lexicon_recognizer(nlp: Language, name: str) -> LexiconRecognizer:
    return LexiconRecognizer()


def _division_into(division_ends: dict[int, Candidate], start: int, end: int) -> Candidate | None:
    """The division (by where it ends) found right before a short form at ``start``
    to ``end`` or through its first characters (the level word a short form opens
    with: 某某市|总 or 某某|市总), if any. Looked up by its end, so that a long
    article is not scanned once per short form."""
    return next(
        (
            division
            for at in range(start, end)
            if (division := division_ends.get(at)) is not None and division.start < start
        ),
        None,
    )
