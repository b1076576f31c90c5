"""Resolution: which mentions of an article are one entity, and what that entity is called.

Inside an article, short and anaphoric forms (区总工会, 市总, 该公司, “产改”,
西胡林服务区, 大兴) resolve to the full name they stand for; a short form that
stands for nothing named in the article is dropped rather than guessed.
Across articles, an entity's identifier is its type and canonical name, plus the
code of the division its name starts with, so that 朝阳区总工会 of Beijing and
of Changchun stay apart while 大兴区总工会 is one node wherever it is read.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache, cached_property

from kg.extract.relations import PART_TYPES, Relation
from kg.lexicons import (
    JOINER,
    expand_abbreviation,
    heads,
    known_initiatives,
    opened_by,
    table,
    word_classes,
    words,
)
from kg.nlp.divisions import TEXT_DIVISION_LEVELS, ZONE_LEVEL_WORDS
from kg.nlp.entities import names_a_contest, names_a_part
from kg.nlp.gazetteer import DivisionInfo, DivisionLookup
from kg.nlp.mentions import (
    DEPARTMENT_SOURCE,
    KIND_SOURCE,
    THEME_SOURCE,
    Mention,
    leading_chain,
)


@dataclass
class Entity:
    id: str
    name: str
    label: str
    aliases: set[str] = field(default_factory=set)
    # Forms that stand for it only in this article's context (区总工会, 该驿站, 工会驿站):
    # aliases of the article, but no name of the entity in the graph, where 区总工会
    # would be a name of every district's union.
    context_forms: set[str] = field(default_factory=set)
    division: DivisionInfo | None = None
    # Named only by its standing (困难职工): kept only where a relation needs it.
    needs_relation: bool = False
    # The name the entity goes by in every article (the graph's preferred label):
    # 中关村街道总工会 for 海淀区中关村街道总工会; empty when it is ``name``.
    preferred: str = ""


@dataclass(frozen=True)
class Triple:
    subject: Entity
    predicate: str
    object: Entity
    evidence: tuple[tuple[int, int, str], ...]  # (start, end, rule id) in the article


# The word an activity's name ends with (某某关爱活动).
ACTIVITY = "活动"
# The mark between the members of a list.
LISTED = "、"
# How long a half of two events joined by 暨 (JOINER) must be to name the joined
# event (表彰大会 alone, of 某某庆祝活动暨表彰大会, is a reference).
MIN_HALF = 4
# A programme's name with a few words of its middle left out (see _abridges): how many
# at most, and how much of its opening and its ending the shorter name keeps at least.
MAX_LEFT_OUT = 8
MIN_OPENING = 3
MIN_ENDING = 4
# How long the name of an event after its divisions must be to name the event named
# otherwise elsewhere in the article (see _placed_elsewhere).
MIN_PLACED_REST = 6
# A body named with a bare level word (区教育委员会, 区人社局, 市总工会, 省总工会) belongs to
# the division of that level that the article is about: the first one it names, or the
# first that holds a division it names (绵阳市 is in 四川省, so 省总工会 is 四川省's).
LEVEL_WORD_LEVELS = {
    "街道": ("town",),
    "镇": ("town",),
    "乡": ("town",),
    "区": ("county",),
    "县": ("county",),
    "市": ("city", "province"),
    "省": ("province",),
    # an autonomous prefecture (某某自治州: 州总工会) and a banner (某旗: 旗总工会)
    "州": ("city",),
    "旗": ("county",),
}


def _text_division(name: str) -> DivisionInfo | None:
    """A division below or beside the gazetteer, which kg_divisions finds in the text
    (石榴园社区, 两江新区), by the word its name ends with; no code, no parent."""
    level = next((v for w, v in TEXT_DIVISION_LEVELS.items() if name.endswith(w)), None)
    return None if level is None else DivisionInfo(name, level, "", name)


def _level_word(mention: Mention) -> str | None:
    """The bare level word a body's name opens with (区 of 区人社局, 省 of 省总工会).

    The first character is a bare level word only where it makes no word with the next
    one that the rest of the name cannot start instead: 区人社局 and 市政府, but not
    市场监督管理局 or 区块链企业.
    """
    if mention.label not in ("Organization", "Union"):
        return None
    word = next((w for w in LEVEL_WORD_LEVELS if mention.name.startswith(w)), None)
    if word is None:
        return None
    dictionary = word_classes()["word"]
    n = len(word)
    if mention.name[: n + 1] in dictionary and mention.name[n : n + 2] not in dictionary:
        return None
    return word


@cache
def _expansions() -> dict[str, tuple[str, str]]:
    return {row["short"]: (row["expands_to"], row["canonical"]) for row in table("short_forms")}


@cache
def _single_bodies() -> frozenset[str]:
    return words("single_bodies")


@cache
def _union_heads() -> str:
    """总工会|工会联合会|…: the head nouns of union names, longest first."""
    found = sorted((h for h, head in heads().items() if head.label == "Union"), key=len)
    return "|".join(reversed(found))


def _union_of_level(full: Mention, word: str) -> bool:
    """街道工会 or 镇工会 stands for a union named after its division of that level:
    望京街道总工会, 宋庄镇工会联合会."""
    pattern = f"{word}(?:{_union_heads()})$"
    return full.label == "Union" and re.search(pattern, full.name) is not None


def _with_parents(info: DivisionInfo | None) -> list[DivisionInfo]:
    """``info`` and the divisions that hold it, innermost first."""
    chain = []
    while info is not None:
        chain.append(info)
        info = info.parent
    return chain


def _needs_relation(mention: Mention) -> bool:
    """A group named only by its standing (困难职工), or only inside a programme's or
    site's name (建筑工人夜校), is an entity only where a relation needs it."""
    return mention.source == "lexicon-status" or (mention.label == "WorkerGroup" and mention.nested)


@cache
def _group_heads() -> dict[str, str]:
    """Each head of kg/lexicons/worker_group_synonyms.txt -> the head standing for its set."""
    found = {}
    for line in words("worker_group_synonyms"):
        first, *rest = line.split()
        found.update((head, first) for head in (first, *rest))
    return found


def _group_key(name: str) -> str:
    """The name of a group with its head replaced by the one standing for its synonyms
    (环卫工人, 环卫工 -> 环卫职工); the name itself where no narrowing word comes first."""
    heads = _group_heads()
    head = max((h for h in heads if name.endswith(h) and len(name) > len(h)), key=len, default="")
    return name[: -len(head)] + heads[head] if head else name


def _other(name: str, written: str) -> str:
    """``name`` where it differs from ``written``, else empty (Entity.preferred)."""
    return "" if name == written else name


def _is_abbreviation(short: str, full: str) -> bool:
    """产改 of 产业工人队伍建设改革: same first character, the rest in order."""
    if len(short) >= len(full) or short[0] != full[0]:
        return False
    position = 0
    for ch in short:
        position = full.find(ch, position)
        if position < 0:
            return False
        position += 1
    return True


def _is_informal_name(short: str, label: str, full: Mention) -> bool:
    """京源热力公司 and 物业公司 of 北京京源热力有限公司, 北京望邻物业管理有限公司: a body
    called by the core of its name and the last word of its kind; 助学活动 of 金秋助学:
    a programme called by the core of its name and 活动 (but not the one a ceremony
    opens: 某活动 of 某活动启动仪式 is another event, nor the body whose part the full
    name names: 某集团有限公司 of 某集团有限公司某分公司 is the company)."""
    core, kind = short[:-2], short[-2:]
    return (
        full.label == label
        and full.name != short
        and opened_by(full.name) != short
        and not names_a_part(full.name, short)
        and len(full.name) >= len(core) >= 2
        and core in full.name
        and (full.name.endswith(kind) or (label == "Initiative" and kind == "活动"))
    )


def _carried_out_as(known: str, name: str) -> bool:
    """某某X行动 and 某某X关爱活动 of a known programme X (kg/lexicons/initiatives.tsv):
    the programme carried out under a longer name that ends with a programme's or an
    activity's word right after it (but 某某X部署会 is a meeting about it, and X活动
    is called X)."""
    at = name.rfind(known)
    rest = name[at + len(known) :]
    head = heads().get(rest)
    return at > 0 and (rest.endswith(ACTIVITY) or (head is not None and head.kind == "programme"))


def _joined_half(name: str, joined: str) -> bool:
    """Whether ``name`` names the event of two joined by 暨 that ``joined`` names
    (某某表彰大会 of 某某庆祝活动暨某某表彰大会): it is named by one of its halves, the
    first as it ends (某某行动 of 2023某某行动暨…) or the second with the words both share
    before it (女工某某月活动 of 女工某某行动暨某某月活动), or joined to the same second half
    (庆祝某节暨某某大会 of 某区某系统庆祝某节十周年暨某某大会)."""
    if JOINER not in joined or len(joined) <= len(name) or len(name) < MIN_HALF:
        return False
    first, second = joined.rsplit(JOINER, 1)
    if JOINER in name:
        return len(second) >= MIN_HALF and name.endswith(JOINER + second)
    return first.endswith(name) or (len(second) >= MIN_HALF and name.endswith(second))


def _abridges(name: str, full: str) -> bool:
    """Whether ``name`` is ``full`` with a few words in its middle left out (某某杯竞赛 of
    某某杯安全竞赛, “某某”志愿服务行动 of “某某”某省工会志愿服务行动): it opens as ``full``
    does and ends as it does, spacing aside, and an activity's word after it aside
    (某某杯竞赛活动)."""
    name, full = "".join(name.split()), "".join(full.split())
    if not full.endswith(ACTIVITY):
        name = name.removesuffix(ACTIVITY)
    left_out = len(full) - len(name)
    if not 0 < left_out <= MAX_LEFT_OUT:
        return False
    return any(
        full.startswith(name[:cut]) and full.endswith(name[cut:])
        for cut in range(MIN_OPENING, len(name) - MIN_ENDING + 1)
    )


def _themes_of_activities_before(mentions: list[Mention]) -> list[Mention]:
    """A theme said of the activity named before it (某某活动以“X”为主题, see kg_quoted)
    names that activity as 以“X”为主题的某某活动 does: the nearest activity named in
    full before it is its key if the theme names it (see _described); else the theme
    names an activity of its own. Activities are looked up by where they end, so that
    a long article is not scanned once per theme."""
    if not any(m.source == THEME_SOURCE for m in mentions):
        return mentions
    activities = sorted(
        (m for m in mentions if m.label == "Initiative" and not m.short), key=lambda m: m.end
    )
    ends = [m.end for m in activities]
    division_starts = {m.start for m in mentions if m.label == "District"}
    out = []
    for mention in mentions:
        if mention.source == THEME_SOURCE:
            index = bisect_right(ends, mention.start)
            nearest = activities[index - 1] if index else None
            key = (
                nearest.name if nearest is not None and _described(nearest, division_starts) else ""
            )
            mention = replace(mention, source="quoted", key=key)
        out.append(mention)
    return out


def _described(activity: Mention, division_starts: set[int]) -> bool:
    """Whether ``activity`` is called an activity only by what it is (关爱环卫工人活动),
    which its theme names; a games or a meeting, or an activity named after its
    division (某某区职工健步走活动), keeps its own name."""
    return activity.name.endswith("活动") and activity.start not in division_starts


def _by_context(short: Mention) -> bool:
    """Whether a short form names what it stands for only by the article's context: a
    reference (该驿站, whose key is its head) or a short form other than a division's
    short name (大兴), a known short form of one body or programme (全总, 产改: their key
    is its name) and an abbreviation in quotation marks."""
    if short.source in ("reference", DEPARTMENT_SOURCE, KIND_SOURCE):
        return True
    return short.label != "District" and not short.key and short.source != "quoted"


class ArticleResolver:
    def __init__(self, mentions: list[Mention], divisions: DivisionLookup) -> None:
        self.divisions = divisions
        self.expansions = _expansions()
        mentions = _themes_of_activities_before(mentions)
        self.full = sorted((m for m in mentions if not m.short), key=lambda m: m.start)
        # Indexes, so that a long article is not scanned whole once per mention:
        # each name of a type with its first mention, names by their endings, and
        # the mentions that pass a test (_in_order) once it has been asked for.
        self.first_of_name: dict[str, dict[str, Mention]] = {}
        self.names_ending: dict[tuple[str, str], list[str]] = {}
        self.division_mentions = [m for m in mentions if m.label == "District"]
        # Activities named by their themes (以“某某”为主题的职工交友活动), by the
        # activity's own words (see kg_quoted).
        self.themes = {
            m.key: m
            for m in self.full
            if m.label == "Initiative" and m.source == "quoted" and m.key
        }
        for m in self.full:
            first = self.first_of_name.setdefault(m.label, {})
            if m.name not in first:
                first[m.name] = m
                for cut in range(len(m.name)):
                    self.names_ending.setdefault((m.label, m.name[cut:]), []).append(m.name)
        self._passing: dict[tuple[str, ...], list[Mention]] = {}
        self._first_division: dict[str, DivisionInfo | None] = {}  # by level word
        self.entity_of: dict[int, Entity] = {}  # id(mention) -> entity
        self.entities: dict[str, Entity] = {}
        for mention in sorted(self.full, key=lambda m: -(m.end - m.start)):
            self._add(mention, self._canonical(mention))
        for mention in mentions:
            if mention.short:
                target = self._resolve_short(mention)
                if target is not None:
                    self.entity_of[id(mention)] = target
                    target.aliases.add(mention.name)
                    if _by_context(mention):
                        target.context_forms.add(mention.name)

    def _canonical(self, mention: Mention) -> tuple[str, str, str]:
        """(id, canonical name in this article, name in every article) of a full mention."""
        info = self.divisions(mention.key) if mention.label == "District" else None
        if info is not None:
            return f"District:{info.path}", mention.name, info.name
        if mention.label == "Initiative":
            # 职工交友活动 of an article that gives its theme: the activity so named (but
            # not “某某”职工交友活动, which may be another's or the programme's).
            mention = self.themes.get(mention.name, mention)
        # 西胡林服务区 is 京蔚高速西胡林服务区 when the article names both; but 女职工 is
        # not 困难女职工: a group narrowed by a word is a group of its own.
        if mention.label not in ("District", "WorkerGroup"):
            seen = {id(mention)}
            named = self._named_for(mention)
            while named is not None and id(named) not in seen:
                mention = named
                seen.add(id(named))
                # An initiative's other name may stand for a third (某某杯竞赛活动 for
                # 某某杯竞赛, which abridges 某某杯安全竞赛): all are one.
                named = self._named_for(mention) if mention.label == "Initiative" else None
        preferred, path = self._located_key(mention)
        key = _group_key(preferred) if mention.label == "WorkerGroup" else preferred
        entity_id = f"{mention.label}:{key}" + (f"@{path}" if path else "")
        return entity_id, mention.name, preferred

    def _named_for(self, mention: Mention) -> Mention | None:
        """The full mention whose name ``mention`` stands for in this article: the
        longest that ends with it (or with its expansion), else one it names informally,
        carries out or abridges; None if there is none."""
        expanded = expand_abbreviation(mention.name)
        first = self.first_of_name[mention.label]
        endings = {mention.name, expanded}
        # Not the last of a list of slogans that make one name (关心职工、酷暑送清凉 is
        # not 送清凉, a programme of its own).
        longer = [
            first[name]
            for ending in endings
            for name in self.names_ending.get((mention.label, ending), ())
            if len(name) > len(mention.name) and LISTED not in name[: -len(ending)]
        ]
        if not longer and mention.label in ("Organization", "Initiative"):
            longer = [
                m for m in first.values() if _is_informal_name(mention.name, mention.label, m)
            ]
            # 送清凉活动 of an article that names 送清凉 is that one, not a longer name
            # that holds it (关心职工、酷暑送清凉).
            core = [
                m
                for m in longer
                if mention.name.endswith(ACTIVITY) and m.name == mention.name.removesuffix(ACTIVITY)
            ]
            longer = core or longer
        if not longer and mention.label == "Initiative" and mention.name in known_initiatives():
            longer = [m for m in first.values() if _carried_out_as(mention.name, m.name)]
        if not longer and mention.label == "Initiative":
            longer = [
                m
                for m in first.values()
                if _joined_half(mention.name, m.name) or _abridges(mention.name, m.name)
            ]
        if not longer and mention.label == "Initiative":
            longer = self._placed_elsewhere(mention)
        # The longest name; of two as long, the one named first.
        return min(longer, key=lambda m: (-len(m.name), m.start)) if longer else None

    def _placed_elsewhere(self, mention: Mention) -> list[Mention]:
        """某区暑期某某托管班 of a headline, where the text names the event “某某”2024年
        暑期某某托管班: an event named after its divisions is the one
        whose longer name ends with the rest of its name (of several words), with no
        division before that."""
        chain = leading_chain(mention, self.full)
        if not chain or any(m.label != "District" for m in chain):
            return []
        rest = mention.name[chain[-1].end - mention.start :]
        if len(rest) < MIN_PLACED_REST or mention.end - mention.start != len(mention.name):
            return []
        places = {m.name for m in self.division_mentions}
        first = self.first_of_name[mention.label]
        return [
            first[name]
            for name in self.names_ending.get((mention.label, rest), ())
            if len(name) > len(rest)
            and name != mention.name
            and not any(place in name[: -len(rest)] for place in places)
        ]

    def _located_key(self, mention: Mention) -> tuple[str, str]:
        """The name and @path that identify a body across articles.

        A name that starts with divisions is keyed from the innermost one, with its
        path: 海淀区中关村街道总工会 and 中关村街道总工会 are one union
        (中关村街道总工会@北京市/海淀区/中关村街道), and 朝阳区总工会 of Beijing and of
        Changchun stay two. Returns the name and the path ("" for none).
        """
        innermost: DivisionInfo | None = None
        chain_end = mention.start
        # The offsets only tell the name's words apart when the name is as written.
        if mention.end - mention.start == len(mention.name):
            for m in leading_chain(mention, self.full):
                info = self.divisions(m.key) if m.label == "District" else None
                if info is None or m.end >= mention.end:
                    break
                innermost, chain_end = info, m.end
        if innermost is not None:
            return innermost.name + mention.name[chain_end - mention.start :], innermost.path
        word = _level_word(mention)
        info = None if word is None else self._division_of_level(word)
        return mention.name, "" if info is None else info.path

    def _division_of_level(self, word: str) -> DivisionInfo | None:
        """The article's division of the level a bare level word names (区 of 区人社局,
        省 of 省总工会: see LEVEL_WORD_LEVELS)."""
        if word not in self._first_division:
            self._first_division[word] = next(
                (
                    info
                    for m in self.division_mentions
                    for info in _with_parents(self.divisions(m.key))
                    if info.level in LEVEL_WORD_LEVELS[word]
                ),
                None,
            )
        return self._first_division[word]

    def _add(self, mention: Mention, identity: tuple[str, str, str]) -> None:
        entity_id, name, preferred = identity
        entity = self.entities.get(entity_id)
        if entity is None:
            division = None
            if mention.label == "District":
                division = self.divisions(mention.key) or _text_division(mention.name)
            entity = Entity(
                entity_id,
                name,
                mention.label,
                division=division,
                preferred="" if preferred == name else preferred,
            )
            entity.needs_relation = _needs_relation(mention)
            self.entities[entity_id] = entity
        elif not _needs_relation(mention):
            entity.needs_relation = False
        if mention.name != entity.name:
            entity.aliases.add(mention.name)
        self.entity_of[id(mention)] = entity

    def _in_order(self, test: tuple[str, ...], accept: Callable[[Mention], bool]) -> list[Mention]:
        """The full mentions that pass ``accept``, by start; ``test`` names the test,
        which is run over the article once however often it is asked."""
        if test not in self._passing:
            self._passing[test] = [m for m in self.full if accept(m)]
        return self._passing[test]

    def _nearest(
        self, mention: Mention, test: tuple[str, ...], accept: Callable[[Mention], bool]
    ) -> Entity | None:
        """The entity of the closest full mention before ``mention`` (else after) that
        fits; ``test`` names ``accept`` (see _in_order)."""
        passing = self._in_order(
            ("top", *test), lambda m: (not m.nested or m.label in PART_TYPES) and accept(m)
        )
        before = bisect_left(passing, mention.start, key=lambda m: m.start)
        if before:
            return self.entity_of[id(passing[before - 1])]
        after = bisect_right(passing, mention.start, key=lambda m: m.start)
        return self.entity_of[id(passing[after])] if after < len(passing) else None

    def _resolve_short(self, mention: Mention) -> Entity | None:
        if mention.label == "District":
            info = self.divisions(mention.key)
            return self._division_entity(info, mention.name) if info is not None else None
        if mention.source in ("reference", DEPARTMENT_SOURCE):
            return self._antecedent(mention)
        if mention.source == KIND_SOURCE:
            # 工会阅览室: the nearest site so named in full, before or after (a
            # headline's 工会母婴室 is the one the text names).
            return self._nearest(
                mention,
                ("kind", mention.label, mention.key),
                lambda m: m.label == mention.label and m.name.endswith(mention.key),
            )
        default = mention.key or expand_abbreviation(mention.name)
        ending, _ = self.expansions.get(mention.name, (default, ""))
        word = _level_word(mention) or ""
        level = self._division_of_level(word) if word else None
        found = self._nearest(
            mention,
            ("ending", mention.label, ending, word if level else ""),
            lambda m: (
                m.label == mention.label
                and (m.name.endswith(ending) or (level is not None and _union_of_level(m, word)))
            ),
        )
        if found is not None:
            return found
        if mention.key and mention.label == "Union" and mention.source == "head":
            # 某街道党工委副书记、工会主席X where the article never names the 街道's
            # union (kg_names keys the bare head by it): 工会 alone is no name to go by.
            return None
        if mention.key:
            # A known programme's short form (产改) or a single body's (全总) with no
            # full name in the article: named as written, identified by the full name.
            return self._named_as_written(mention, mention.key, f"{mention.label}:{mention.key}")
        if level is not None:
            # 区人社局 or 省总(工会) with no full name in the article: named as written,
            # identified by the division the article is about, so that two districts'
            # bureaus stay apart and 省总工会 of an article on 绵阳市 is 四川省总工会.
            full = level.name + ending[len(word) :]
            return self._named_as_written(mention, full, f"{mention.label}:{full}@{level.path}")
        if word and self._article_division is None:
            # 市总工会 in an article that names no division: the short form is all the
            # name there is (and so the name it goes by).
            return self._named_as_written(mention, mention.name, f"{mention.label}:{mention.name}")
        if mention.name.startswith(ZONE_LEVEL_WORDS):
            # 高新区总工会 with no 某市高新区总工会 in the article: named as written, keyed
            # by the article's area, so that two cities' zones stay apart.
            info = self._article_division
            if info is None:
                return None
            full = f"{mention.label}:{mention.name}@{info.path}"
            return self._named_as_written(mention, mention.name, full)
        if mention.label == "Union" and mention.source == "head":
            return self._owners_union(mention)
        if mention.source != "quoted":
            return None
        return self._nearest(
            mention,
            ("abbreviation", mention.name),
            lambda m: _is_abbreviation(mention.name, m.name),
        )

    def _owners_union(self, mention: Mention) -> Entity | None:
        """A union called by its owner's kind (公司工会: 公司 + 工会) where the article names
        no such union but names a body of that kind (某县某学校): that body's union,
        called as written."""
        found = re.fullmatch(f"(.+?)(?:{_union_heads()})", mention.name)
        kind = found.group(1) if found else ""
        owner = self._nearest(
            mention,
            ("owner", kind),
            lambda m: m.label == "Organization" and m.name.endswith(kind) and m.name != kind,
        )
        if owner is None or not kind:
            return None
        full = owner.name + mention.name[len(kind) :]
        return self._named_as_written(mention, full, f"Union:{full}")

    def _antecedent(self, mention: Mention) -> Entity | None:
        """What 该驿站 or 活动 refers back to: the latest site with that head (the
        mention's key) named before it; for an event, failing that, the latest
        initiative. A description with words of its own and nothing to refer to
        (首家网约车司机之家) names a new one."""
        same_head = self._last_before(
            mention,
            ("head", mention.label, mention.key),
            lambda m: m.label == mention.label and m.name.endswith(mention.key),
        )
        if same_head is not None:
            return self.entity_of[id(same_head)]
        if mention.label == "Initiative":
            latest = self._last_before(
                mention, ("label", mention.label), lambda m: m.label == mention.label
            )
            if latest is not None:
                return self.entity_of[id(self._contest_of(latest))]
        if mention.name in _single_bodies():
            # 妇联 with no 某区妇联 before it: the article's area's, keyed by that area.
            info = self._article_division
            path = "" if info is None else f"@{info.path}"
            return self._named_as_written(
                mention, mention.name, f"{mention.label}:{mention.name}{path}"
            )
        if len(mention.name) > len(mention.key) or mention.source == DEPARTMENT_SOURCE:
            # 首家网约车司机之家: a description names a new one; so does a union's
            # department named bare before a post with none before it.
            entity_id = f"{mention.label}:{mention.name}"
            return self.entities.setdefault(
                entity_id, Entity(entity_id, mention.name, mention.label)
            )
        return None

    def _contest_of(self, mention: Mention) -> Mention:
        """The contest named after ``mention`` that holds it (某大赛电工技能竞赛 of
        某大赛), which is what the text goes on about; else ``mention``."""
        if not mention.nested:
            return mention
        index = bisect_left(self.full, mention.start, key=lambda m: m.start)
        while index < len(self.full) and self.full[index].start == mention.start:
            outer = self.full[index]
            if outer.label == mention.label and names_a_contest(outer.name, mention.name):
                return outer
            index += 1
        return mention

    def _last_before(
        self, mention: Mention, test: tuple[str, ...], accept: Callable[[Mention], bool]
    ) -> Mention | None:
        """The last full mention that ends before ``mention`` starts and passes ``accept``."""
        passing = self._in_order(test, accept)
        # Those that start before it and end after it are the few it lies within.
        index = bisect_left(passing, mention.start, key=lambda m: m.start)
        while index > 0:
            index -= 1
            if passing[index].end <= mention.start:
                return passing[index]
        return None

    @cached_property
    def _article_division(self) -> DivisionInfo | None:
        """The division the article is about: the first it names that the gazetteer holds."""
        return next(
            filter(None, map(self.divisions, (m.key for m in self.division_mentions))), None
        )

    def _named_as_written(self, mention: Mention, full: str, entity_id: str) -> Entity:
        """The entity of a short form whose full name the article never gives; it goes
        by the longest form the article uses (市总工会 rather than 市总)."""
        entity = self.entities.setdefault(entity_id, Entity(entity_id, mention.name, mention.label))
        if len(mention.name) > len(entity.name):
            entity.aliases.add(entity.name)
            entity.name = mention.name
        entity.preferred = _other(full, entity.name)
        return entity

    def _division_entity(self, info: DivisionInfo, written: str) -> Entity:
        """The division's entity; one the article names only by a short form (广州) is
        called so in the article, and by its full name (广州市) everywhere."""
        entity_id = f"District:{info.path}"
        if entity_id not in self.entities:
            self.entities[entity_id] = Entity(
                entity_id, written, "District", division=info, preferred=_other(info.name, written)
            )
        return self.entities[entity_id]

    def entity(self, mention: Mention) -> Entity | None:
        return self.entity_of.get(id(mention))

    def _named_parts(self) -> list[Relation]:
        """中建某局总承包公司 when the article also names 中建某局: a body whose name
        opens with another body's name, named elsewhere in the article, and goes on
        to a part's word (kg.nlp.entities.names_a_part) is part of it, where the
        segmenter hid the owner inside the part's name."""
        owners = {m.name: m for m in self.full if m.label in PART_TYPES}
        found = []
        for part in self.full:
            if part.label not in PART_TYPES:
                continue
            # The longest such name: 某银行某分行某中心 is the branch's, not the bank's.
            for cut in range(len(part.name) - 2, 1, -1):
                owner = owners.get(part.name[:cut])
                if owner is not None and names_a_part(part.name, owner.name):
                    found.append(
                        Relation(part, "partOf", owner, "name-owner", part.start, part.end)
                    )
                    break
        return found

    def triples(self, relations: list[Relation]) -> list[Triple]:
        merged: dict[tuple[str, str, str], list[tuple[int, int, str]]] = {}
        ends: dict[tuple[str, str, str], tuple[Entity, Entity]] = {}
        for relation in [*relations, *self._named_parts()]:
            subject = self.entity(relation.subject)
            obj = self.entity(relation.object)
            if subject is None or obj is None or subject is obj:
                continue
            key = (subject.id, relation.predicate, obj.id)
            merged.setdefault(key, []).append(
                (relation.evidence_start, relation.evidence_end, relation.rule)
            )
            ends[key] = (subject, obj)
        return [
            Triple(ends[key][0], key[1], ends[key][1], tuple(dict.fromkeys(evidence)))
            for key, evidence in merged.items()
        ]

    def mentioned_entities(self, triples: list[Triple]) -> list[Entity]:
        related = {e.id for t in triples for e in (t.subject, t.object)}
        seen: dict[str, Entity] = {}
        for entity in self.entity_of.values():
            if not entity.needs_relation or entity.id in related:
                seen.setdefault(entity.id, entity)
        return list(seen.values())
