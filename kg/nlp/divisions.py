"""``kg_divisions``: administrative divisions from the gazetteer."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg import resources
from kg.lexicons import body_heads, heads, names_outlet, table, word_classes, words
from kg.nlp.component import Component
from kg.nlp.gazetteer import Gazetteer, Match
from kg.nlp.mentions import Candidate, Scanner, candidates, text_of, token_bounds

PRIORITY = 30
# The levels whose short forms stand on their own (北京, 长春).
STANDING_LEVELS = ("province", "city")
# Below the towns the gazetteer ends: communities and villages, named in the text.
COMMUNITY_WORDS = ("社区", "村")
# Beside them: new areas (两江新区, 某市某某新区), zones a state or province sets up
# with unions and offices of their own but no place in the table of divisions (those
# that became districts, 浦东新区, are in it).
ZONE_WORDS = ("新区",)
# A zone's bare kind (新区总工会, 高新区总工会) names the article's zone as a level word
# names the article's division (kg_names takes it as a level word; see the resolver).
ZONE_LEVEL_WORDS = ("新区", "开发区", "经开区", "高新区")
# Subdistricts the table lacks (new ones, and towns renamed 街道: 某某街道总工会), taken
# only before a body's or site's head and when their name is no everyday word.
TOWN_WORDS = ("街道",)
# The level of a division named in the text, by the word that ends its name.
TEXT_DIVISION_LEVELS = {
    **dict.fromkeys(COMMUNITY_WORDS, "community"),
    **dict.fromkeys(ZONE_WORDS, "zone"),
    **dict.fromkeys(TOWN_WORDS, "town"),
}
COMMUNITY_NAME = re.compile(r"^[\u3400-\u9fff]{2,4}$")
# Kinds of division that end no community's name: 某区街道社区, 全街道社区 are the
# subdistricts' communities, none of them named.
KIND_ENDINGS = ("街道", "乡镇")
# A news site's or paper's lead after a short name (某省平安网讯, 某市日报讯): the name
# is the outlet's.
NEWS_LEAD = re.compile(r"[\u4e00-\u9fff]{0,4}?[网报台]讯")
# A list of communities or villages that says what its members are: 甲、乙、丙等社区.
COMMUNITY_LIST = re.compile(
    r"((?:[\u3400-\u9fff]{1,4}、)+[\u3400-\u9fff]{2,4})等[^，。；、]{0,8}?(?:社区|村)"
)
# A list of towns or subdistricts that says what its members are: 甲、乙、丙镇等乡镇.
TOWN_LIST = re.compile(
    r"((?:[\u3400-\u9fff]{2,8}[、和及])+[\u3400-\u9fff]{2,6})等[^，。；、]{0,6}?(?:乡镇|镇街|街镇|街道|镇|乡)"
)


def _overlaps(spans: list[tuple[int, int]], left: int, right: int) -> bool:
    """Whether ``left``:``right`` overlaps one of ``spans``, which are in order and apart
    (so the last that starts before ``right`` ends last of those)."""
    before = bisect_left(spans, (right,))
    return before > 0 and spans[before - 1][1] > left


def _split(starts: list[int], left: int, right: int) -> bool:
    """Whether a word of the segmenter starts inside ``left``:``right``."""
    inner = bisect_right(starts, left)
    return inner < len(starts) and starts[inner] < right


def _starts_word(starts: list[int], at: int) -> bool:
    """Whether a word of the segmenter starts at ``at``."""
    index = bisect_left(starts, at)
    return index < len(starts) and starts[index] == at


def _opens_countryside(text: str, start: int, end: int) -> bool:
    """促进乡|村振兴: a name at ``start``:``end`` ending in 乡 that opens 乡村 (the
    countryside) names no township, nor the village 村 would make of it."""
    return text.endswith("乡", start, end) and text.startswith("村", end)


class DivisionRecognizer(Component):
    """Tags full names (大兴区, 建外街道) and short forms (大兴, 北京) of divisions.

    A short form is taken when it is a province or prefecture-level city (北京,
    长春) or when the article also names the division in full; anywhere else
    short forms are too often ordinary words (朝阳, 和平). Namesakes are told
    apart from the other divisions the article names (see Gazetteer.chooser).
    """

    def __init__(self, gazetteer: Gazetteer, home_region: str) -> None:
        self.gazetteer = gazetteer
        self.home = gazetteer.home_id(home_region) if home_region else None
        ordinary = words("not_divisions")
        self.text_division_scanner = Scanner((w, w) for w in TEXT_DIVISION_LEVELS)
        classes = word_classes()
        self.dictionary = classes["word"]
        self.not_in_names = classes["closed"] | words("boundaries") | classes["verb"]
        self.verbs = classes["verb"] | classes["verbal_noun"]
        # Words the dictionary knows only as proper names (马家寨, 小王庄).
        self.place_like = classes["proper"] - classes["common"]
        self.proper = classes["proper"]
        self.heads = tuple(h for h, head in heads().items() if head.label != "Initiative")
        # A county of two characters (叶县, 渠县) alone is as often a word as a name
        # (see MIN_FULL_NAME); right before a body's head (叶县总工会) it names the
        # county, unless its first character is a word that opens a clause there
        # (和县总工会: and the county's union; 应县总工会邀请: at its invitation).
        self.body_heads = tuple(body_heads())
        self.brief_counties = Scanner(
            (name, ids)
            for name, ids in gazetteer.brief_counties.items()
            if name[0] not in self.not_in_names
        )
        self.longest_head = max(map(len, self.heads))
        # Short forms that stand on their own (北京, 长春) are scanned for with the
        # full names; the others are looked for only once their division is named.
        self.alone = {
            name: ids
            for name, ids in gazetteer.short_names.items()
            if name not in gazetteer.full_names
            and name not in ordinary
            and any(gazetteer.divisions[i].level in STANDING_LEVELS for i in ids)
        }
        # 呼市 of 呼和浩特市: an abbreviation that names the city as its full name does
        # (呼市总工会); a custom table may lack the city.
        abbreviations = [
            (row["abbreviation"], (gazetteer.full_names[row["full"]], False))
            for row in table("division_abbreviations")
            if row["full"] in gazetteer.full_names
        ]
        self.scanner = Scanner(
            [
                (name, (ids, False))
                for name, ids in gazetteer.full_names.items()
                if name not in ordinary
            ]
            + [(name, (ids, True)) for name, ids in self.alone.items()]
            + abbreviations
        )

    def user_words(self) -> Iterable[str]:
        return self.gazetteer.names()

    def matches(self, text: str) -> list[Match]:
        """Full names, standing short forms, and the short forms of divisions the
        article names in full (大兴 after 大兴区); leftmost, then longest, first."""
        found = [
            Match(s, e, ids, short)
            for s, e, (ids, short) in self.scanner.find(text)
            if not _opens_countryside(text, s, e)
            and not (short and (names_outlet(text, e) or NEWS_LEAD.match(text, e)))
        ]
        named = {i for m in found if not m.short for i in m.ids}
        # 吉林 where the article names 吉林省 is that province, not a namesake city or
        # subdistrict that the province's own mentions would also speak for.
        found = [
            Match(m.start, m.end, ids, True)
            if m.short and (ids := tuple(i for i in m.ids if i in named))
            else m
            for m in found
        ]
        for short in {self.gazetteer.divisions[i].short for i in named} - self.alone.keys():
            if short not in self.gazetteer.short_names or short in self.gazetteer.full_names:
                continue
            # 丰台 after 丰台区 is 丰台区, not the 丰台街道 inside it.
            ids = tuple(i for i in self.gazetteer.short_names[short] if i in named)
            at = text.find(short)
            while at >= 0:
                found.append(Match(at, at + len(short), ids, True))
                at = text.find(short, at + 1)
        found.extend(self._listed_towns(text, named))
        # 攀枝花市东区: a name too short to stand alone, right after its parent.
        found.extend(
            [
                Match(m.end, m.end + len(name), (child,), False)
                for m in found
                if not m.short
                for i in m.ids
                for name, child in self.gazetteer.brief_children.get(i, {}).items()
                if text.startswith(name, m.end)
            ]
        )
        chosen: list[Match] = []
        for m in sorted(found, key=lambda m: (m.start, m.start - m.end)):
            if not chosen or m.start >= chosen[-1].end:
                chosen.append(m)
        return chosen

    def _proper(self, name: str) -> bool:
        """Whether the dictionary knows ``name`` as a proper name, if at all."""
        return name in self.proper or name not in self.dictionary

    def _standing(self, ids: tuple[int, ...]) -> int | None:
        """The one province or city among ``ids``, if there is one."""
        standing = [i for i in ids if self.gazetteer.divisions[i].level in STANDING_LEVELS]
        return standing[0] if len(standing) == 1 else None

    def _listed_towns(self, text: str, named: set[int]) -> Iterator[Match]:
        """Towns and subdistricts listed by their short forms where the list says
        what they are (魏善庄、庞各庄等乡镇; 在陵东、黄河等街道) and the article names
        the district that holds them. The first member starts where the longest
        short form before the first 、 does."""
        for listed in TOWN_LIST.finditer(text):
            offset = listed.start(1)
            for index, item in enumerate(re.split(r"[、和及]", listed.group(1))):
                cuts = range(len(item) - 1) if index == 0 else (0,)
                for cut in cuts:
                    ids = tuple(
                        i
                        for i in self.gazetteer.short_names.get(item[cut:], ())
                        if self.gazetteer.divisions[i].level == "town"
                        and named.intersection(self.gazetteer.ancestors(i))
                    )
                    if ids:
                        start = offset + cut
                        yield Match(start, offset + len(item), ids, True)
                        break
                offset += len(item) + 1

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        # 同安西安社区: a city's short name (西安) right before 社区 or 村 is the
        # community's name (see _text_divisions), not the city.
        found = [
            m
            for m in self.matches(text)
            if not (m.short and text.startswith(COMMUNITY_WORDS, m.end))
        ]
        found.extend(self._counties_before_bodies(doc, text, found))
        choose = self.gazetteer.chooser(Counter(i for m in found for i in m.ids), self.home)
        out = candidates(doc)
        listed = list(self._listed_communities(doc, text))
        spans = {(c.start, c.end) for c in listed}
        out.extend(listed)
        for m in found:
            if m.short and (m.start, m.end) in spans:
                continue  # 西安、城西等社区: the community, not the city
            chosen = choose(m.ids)
            if chosen is None and m.short and self._proper(text[m.start : m.end]):
                # 南宁 on its own, with namesake towns and nothing else to tell: a short
                # form that stands alone names its province or city (see self.alone),
                # if it is no everyday word (来宾, guests).
                chosen = self._standing(m.ids)
            if chosen is None and m.short:
                continue  # a short form we cannot place is not worth a guess
            # Every name keeps the form the article uses (梨园镇 for 梨园地区, 广州);
            # a short form is an alias of the full name where the article has it. A
            # full name we cannot place is still a district, only without a code.
            name = text[m.start : m.end]
            key = "" if chosen is None else str(chosen)
            out.append(
                Candidate(m.start, m.end, "District", name, "gazetteer", PRIORITY, key, m.short)
            )
        out.extend(self._text_divisions(doc, text, found))
        return doc

    def _counties_before_bodies(self, doc: Doc, text: str, found: list[Match]) -> Iterator[Match]:
        """Counties of two characters right before a body's head (叶县总工会), where a
        word of the segmenter starts with them (not 莅临|县总工会's 临县)."""
        starts, _ = token_bounds(doc)
        taken = sorted((m.start, m.end) for m in found)
        for start, end, ids in self.brief_counties.find(text):
            if (
                text.startswith(self.body_heads, end)
                and _starts_word(starts, start)
                and not _overlaps(taken, start, end)
            ):
                yield Match(start, end, ids, False)

    def _listed_communities(self, doc: Doc, text: str) -> Iterator[Candidate]:
        """Communities or villages listed by their names where the list says what they
        are (覆盖樱花、城西、古庄等几个社区): the first member is the word before the
        first 、 (with the one before it when that word is a single character)."""
        starts, _ = token_bounds(doc)
        for listed in COMMUNITY_LIST.finditer(text):
            first_end = text.index("、", listed.start(1))
            index = bisect_left(starts, first_end) - 1
            if index < 0:
                continue
            if first_end - starts[index] == 1 and index > 0:
                index -= 1
            offset = starts[index]
            names = [
                text[offset:first_end],
                *listed.group(1)[first_end - listed.start(1) + 1 :].split("、"),
            ]
            # Each a name: one no dictionary knows, or knows also as a name (城西), so
            # that 机关、学校等社区 lists none.
            if not all(
                COMMUNITY_NAME.match(name) and self._proper(name) and name not in self.verbs
                for name in names
            ):
                continue
            for name in names:
                # 西安 where the article also writes 西安社区: a short form of it
                full = next((name + w for w in COMMUNITY_WORDS if name + w in text), "")
                end = offset + len(name)
                yield Candidate(
                    offset, end, "District", name, "gazetteer", PRIORITY, full, bool(full)
                )
                offset = end + 1

    def _text_divisions(self, doc: Doc, text: str, found: list[Match]) -> Iterator[Candidate]:
        """Communities and villages (石榴园社区, 小王庄村), new areas (两江新区) and
        subdistricts (某某街道总工会) that the gazetteer does not hold.

        The word before 社区 or 村 is a name when no dictionary knows it or knows
        it only as a name, or when the text shows it is one: a division right
        before it (某街道樱花社区) or a body or site named after it (樱花社区工会,
        樱花社区驿站). 走进社区, 农村 and 扎根社区 name none. Like the gazetteer's
        divisions they may sit inside names, which then are located in them.
        """
        starts, ends = token_bounds(doc)
        # Spans taken, in order and apart (the gazetteer's, then the text's as found).
        taken = sorted((m.start, m.end) for m in found)
        division_ends = {m.end for m in found if not m.short}
        for start, end, word in self.text_division_scanner.find(text):
            index = bisect_left(ends, end)
            if word in ZONE_WORDS:
                # The segmenter may glue 新区's last character to the word after it
                # (龙湖新|区总|工会): the name is what comes before 新区 all the same.
                index = bisect_right(starts, start) - 1
            elif index >= len(ends) or ends[index] != end:
                continue
            # The name is the rest of the word (小王庄村) or the word before (石榴园|社区),
            # with the one before that when it is a single character (翠湖|苑|社区).
            first = index if starts[index] < start else index - 1
            if (
                0 < first < index
                and start - starts[first] == 1
                and text[starts[first] : start] not in self.not_in_names
            ):
                first -= 1
            left = starts[first] if first >= 0 else start
            # 中华路街都|府堤社区: the segmenter glued the name's first character to the
            # division before it; the name starts where that division ends.
            glued = [
                e
                for e in range(max(0, left - 2), start)
                if e in division_ends and e != left and COMMUNITY_NAME.match(text[e:start])
            ]
            if glued:
                left = max(glued)
            name = text[left:start]
            if (
                not COMMUNITY_NAME.match(name)
                or name.endswith(KIND_ENDINGS)
                or _opens_countryside(text, left, start)
                or name in self.verbs
                or _overlaps(taken, left, end)
            ):
                continue
            after = text[end : end + self.longest_head]
            before_head = any(after.startswith(h) for h in self.heads)
            if word in TOWN_WORDS and not (
                before_head and self._proper(name) and not _split(starts, left, start)
            ):
                continue  # 全区|街道总工会, 还要|数|街道: no name of a subdistrict
            if not (
                name not in self.dictionary
                or name in self.place_like
                or left in division_ends
                or before_head
            ):
                continue
            insort(taken, (left, end))
            yield Candidate(left, end, "District", text[left:end], "gazetteer", PRIORITY)


@Language.factory("kg_divisions", default_config={"home_region": "北京市", "gazetteer": ""})
def make_division_recognizer(
    nlp: Language, name: str, home_region: str, gazetteer: str
) -> DivisionRecognizer:
    """``gazetteer`` is a divisions.tsv path; empty means the one `kg setup` built."""
    return DivisionRecognizer(Gazetteer(resources.load_divisions(gazetteer or None)), home_region)
