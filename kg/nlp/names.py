"""``kg_names``: names found by their head noun (…总工会, …驿站, …有限公司, …行动)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Container
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicons import (
    EVENT_KINDS,
    HEAD_KINDS,
    JOINER,
    Head,
    head_of,
    heads,
    word_classes,
    words,
)
from kg.nlp.component import Component
from kg.nlp.divisions import ZONE_LEVEL_WORDS
from kg.nlp.entities import SESSION_OPEN, founding_verbs, names_a_part
from kg.nlp.mentions import (
    CLASSIFIERS,
    COUNT,
    DEPARTMENT_SOURCE,
    KIND_SOURCE,
    MIN_UNION_OWNER,
    NUMERALS,
    SITE_LABELS,
    Candidate,
    Scanner,
    candidates,
    opened_programme,
    text_of,
    token_bounds,
)
from kg.nlp.quoted import CLAUSE_PUNCTUATION, GENERIC_ACTIVITY, LIKENED_AS, VERBAL_AFTER
from kg.nlp.quoted import PRIORITY as QUOTED_PRIORITY
from kg.schema import QUOTE_MARKS, strip_quotes

PRIORITY = 40
NAME_CHARS = re.compile(r"^[\u3400-\u9fffA-Za-z0-9０-９Ａ-Ｚａ-ｚ·（）()\-]+$")
# 13个, 第二批, 四家, 两所, a classifier standing alone, 街乡级: counted or graded
# things are not names.
# The ending of a grade (街乡级, 国家级), which COUNTED takes for no name; the level of a
# school's teaching (某某高级技工学校, 某高级中学) is a word of the school's name.
GRADE = "级"
TEACHING_LEVELS = "高中初"
COUNTED = re.compile(
    rf"^第?{COUNT}$|^[{CLASSIFIERS}]$|^(?![{TEACHING_LEVELS}]{GRADE}$).{{0,3}}{GRADE}$"
)
# 两个, 28个, 多处 right before a site's description: several sites of a kind (再建设2个微型
# 某某之家, 6个教学基地), none of them the one the article names; one (一个, 首家) or the
# n-th (第二个) may be it (see _refers_back). A union's kind of site counted (十座工会驿站)
# still stands for the one named in full, as the gold reads it, and sites counted under a
# proper name (八座某某驿站) are the ones so named.
PLURAL_BEFORE = re.compile(
    rf"(?<![第{NUMERALS}])(?![一1首][{CLASSIFIERS}]$)[{NUMERALS}]+[{CLASSIFIERS}]$"
)
YEAR = re.compile(r"^(?:19|20)\d\d年(?:度)?$|^\d{1,2}月(?:份)?$|^\d{1,2}日$")
NUMBER = "0-9一二三四五六七八九十百"
ORDINAL = re.compile(rf"(?:第[{NUMBER}]+[届期次季]|(?:19|20)\d\d年度?)$")
# 第三届职工代表大会: a name that opens with its edition is an event's.
ORDINAL_START = re.compile(rf"第[{NUMBER}]+[届期次季]")
# A theme in quotation marks and a dash before an event's name (“某某”——2022暑期
# 某某课堂): the event bears the theme, which qualifies it as a year or an organiser
# would.
TITLED = re.compile(r"[”」』\"]\s?—{1,2}$")
# 多场, 三场, 一系列 before or opening an event's words: a count of occasions of a kind, no
# name (开展一系列送温暖活动; but 首场 is the first one, part of its name).
OCCASIONS = rf"(?:[{NUMBER}两几多数]+场|一系列)"
OCCASIONS_BEFORE = re.compile(OCCASIONS + "$")
OCCASIONS_OPEN = re.compile(OCCASIONS)
# 第十届 and its pieces (第十, 届) belong to an event's name: 海淀区第十届职工职业技能大赛;
# 第一期 of a class does not (第一期|某某培训班: the session of the class named).
EDITION = re.compile(rf"^第?[{NUMBER}]+[届季]?$")
EDITION_UNITS = ("届", "季")
# 第二次, 四届二次 (the session of a term): 次 counts only after these.
SESSION = "次"
SESSION_BEFORE = re.compile(rf"[第届][{NUMBER}]+$")
NUMBERED = re.compile(rf"第?[{NUMBER}]+$")
# How far back the checks of what stands before a name look (an ordinal, a count of
# occasions, a joining 暨): a few words, never the whole text before it, which in a long
# article would make each check cost as much as the article.
LOOK_BACK = 32
# A head preceded only by a level word (区总工会, 市总工会, 街道总工会) is a short
# form that names a body of the article; after a demonstrative (该公司) or on its
# own it refers back to one (see _refers_back).
LEVEL_WORDS = frozenset(
    {"区", "市", "县", "镇", "乡", "省", "州", "旗", "街道", "社区", "村", *ZONE_LEVEL_WORDS}
)
# 市中心, 区中心一带: after a level word alone, 中心 is the middle of the area, no body.
AREA_CENTRE = "中心"
# The heads of both a programme and a building project (某某工程, 某某项目), and the
# word that makes one after it a venue (在某某项目召开).
BUILDING_HEADS = ("项目", "工程")
VENUE_BEFORE = "在"
REFERRING_LABELS = frozenset({"Facility", "Place", "Initiative", "Organization"})
# What may stand between an organising verb and the event it holds: 了, 的, and the
# count and length of the occasion (开展了一次为期五天的某某活动).
ORGANISED_GAP = re.compile(r"了?(?:[一两几数][次场期项])?(?:为期[^，。,;；]{1,8})?的?$")
# An aside that gives the short form a name goes by from here on: 某某工会联合会
# (以下简称“联合会”).
SHORT_FORM_ASIDE = re.compile(r"[（(](?:以下|下文)?(?:简称|称)[^（()）]{1,12}[）)]$")
MAX_ASIDE = 20  # the longest such aside, in characters
CLOSING_BRACKET = re.compile(r"[）)]")
# Verbs are found inside programme and company names (技能素质提升行动, 北京开放大学)
# but not inside the names of unions, facilities and places.
NO_VERB_LABELS = frozenset({"Union", "Facility", "Place", "District"})
# A union is named after the body it belongs to: a division, an organisation, a trade.
UNION_OWNERS = ("全国", "行业", "产业", "系统")
# Level words that open the name of a trade's union at that level (省邮电工会).
TRADE_UNION_LEVELS = frozenset("省市区县")
# 中国金融工会, 中国海员建设工会: a national industrial union is its sector's.
NATIONAL_SECTOR = "中国"
NATIONAL = ("全国", "中华全国")
BODY_LABELS = frozenset({"Union", "Organization"})
# Words that take the sites or bodies of a kind one by one or all together (各个服务站点,
# 各地市总工会: every city's union).
DISTRIBUTIVE = frozenset({"各", "各个", "各地", "每个", "每一个", "所有", "各类"})
# Roads and streets: an address is the road with its number (某路107-3, 某胡同12号).
ROADS = frozenset({"路", "街", "大街", "大道", "胡同", "巷"})
ADDRESS_NUMBER = re.compile(r"\d+(?:-\d+)*号?")
# A phase or section in brackets after a site's name: 某高速改造工程(一期), 某通道工程(东岛).
SITE_PART = re.compile(r"[（(][\u3400-\u9fff]{1,3}[)）]")
# The posts held in a body, up to the 、 that goes on to a further one (副主任、).
PRIOR_POSTS = re.compile(r"(?:[^⟨⟩，。；！？、,;:：（）()]{1,10}、)+")
# Joins a person's further post to the first: 副主席兼某某部部长.
CONCURRENT = "兼"
# The word after a programme's head that says it is carried out (某某项目建设), which
# does not make the head a modifier as it does a site's (工会驿站建设: the kind).
CARRIED_OUT = "建设"
# Words that join two names (see _joiner): conjunctions, and verbs by which a body joins
# another in a venture.
CONJUNCTIONS = ("和", "与", "及")
JOINING_VERBS = ("联合", "携手", "会同", "协同", "联手")
# What is founded or opened on an occasion joined to an event by 暨 (see _join_events).
FOUNDED_LABELS = frozenset({"Union", "Organization", "Facility"})
# A quotation inside an initiative's name is one word of it (新就业形态女职工免费“两癌”
# 筛查活动): closing mark -> opening mark, and how long a quoted part may be.
# “某某”(系列)活动 is called by its quotation (see kg_quoted).
CALLED_BY_QUOTATION = re.compile(GENERIC_ACTIVITY)
# What a quoted initiative's name is grown leftwards as (see _extend_quoted).
QUOTED_EVENT = Head("", "Initiative", "event")
QUOTATION_OPENINGS = {"”": "“", "」": "「", '"': '"'}
# The few characters between two quotations of one slogan (“候”爱我“营”), none of
# which joins two names (“某某”暨“某某”活动, “某某”和“某某”活动).
MAX_PUN = 3
PUN_BETWEEN = re.compile(rf"[”」]((?:(?![{JOINER}和与及或同])[\u4e00-\u9fff]){{1,{MAX_PUN}}})$")
OPENING_MARKS = frozenset(QUOTATION_OPENINGS.values())
MAX_QUOTATION = 30


class HeadNameRecognizer(Component):
    def __init__(self, max_name: int) -> None:
        self.heads = heads()
        self.scanner = Scanner((text, head) for text, head in self.heads.items())
        self.boundaries = words("boundaries") | words("posts")
        # Posts end a body's name (主席|某某), but an event may be for a post's
        # holders: 工会干部培训班, 工会主席座谈会.
        self.trained = words("posts") - words("boundaries")
        classes = word_classes()
        name_words = words("name_words")
        self.closed = classes["closed"] - name_words
        self.dictionary = classes["word"]
        self.everyday = classes["frequent"]
        # An initiative's name does not take in its organiser: in
        # 东城区总工会送温暖活动 the union runs 送温暖活动.
        self.union_heads = {h for h, head in self.heads.items() if head.label == "Union"}
        self.union_words = tuple(self.union_heads)
        self.verbal = classes["verb"] | classes["verbal_noun"]
        self.stop_verbs = classes["verb"] - name_words
        self.site_verbs = words("site_verbs")
        self.site_stops = self.stop_verbs | self.site_verbs
        # Verbs of building or running a site: no name of a venue holds them.
        self.building = self.site_verbs | words("running_verbs")
        self.running = words("running_verbs") - name_words
        self.proper = classes["proper"]
        self.blockers = words("head_blockers")
        self.collectives = words("collective_words")
        self.part_heads = tuple(words("part_heads"))
        self.construction = words("construction_words")
        self.taking_place = tuple(words("taking_place_verbs"))
        self.sectors = words("union_sectors")
        self.departments = words("union_departments")
        self.organising = tuple(words("organising_verbs"))
        self.programme_verbs = words("programme_verbs")
        self.naming_verbs = set(self.organising) - words("holding_verbs")
        self.event_verbs = self.naming_verbs | words("event_verbs")
        self.owner_heads = tuple(
            h for h, head in self.heads.items() if head.label in ("Organization", "District")
        )
        self.body_heads = frozenset(
            h for h, head in self.heads.items() if head.label == "Organization"
        )
        # A park or building has its own union too (某某产业园工会).
        self.site_heads = tuple(h for h, head in self.heads.items() if head.label == "Place")
        # The heads a body or road is named with (建设|银行, 建设|路).
        self.name_heads = (*self.owner_heads, *self.site_heads, *self.union_words)
        self.union_owner_kinds = frozenset(self.owner_heads) | frozenset(self.site_heads)
        self.max_name = max_name
        # Heads of two characters or more: a name that ends so ends before a 和 (see
        # _modifier_tokens).
        self.long_heads = tuple(h for h in self.heads if len(h) > 1)
        self.post_after = tuple(words("posts") | words("titles"))
        self.posts = words("posts")
        self.joint_union_heads = tuple(words("joint_union_heads"))

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        longest: dict[int, tuple[int, Head]] = {}
        for start, end, head in self.scanner.find(text):
            if end not in longest or start < longest[end][0]:
                longest[end] = (start, head)
        if not longest:
            return doc
        found_before = candidates(doc)
        divisions = {c.start: c for c in found_before if c.label == "District" and not c.short}
        # Where each division named here, in full or short, starts and ends.
        division_ends = {c.start: c.end for c in found_before if c.label == "District"}
        areas = frozenset(division_ends)
        area_ends = frozenset(division_ends.values())
        # 武昌区中华路|街: a head that ends inside a division's full name heads nothing.
        inside_divisions = {at for c in divisions.values() for at in range(c.start + 1, c.end)}
        known = {c.name for c in found_before if not c.short}
        # Where names of bodies and sites begin: 房山工匠学院揭牌仪式 is an event
        # because it opens with the name of one.
        named_at = {c.start for c in found_before if c.label != "District" and not c.short}
        # Where names of unions end: an initiative's name stops there (see _modifier_tokens).
        union_ends = {c.end for c in found_before if c.label == "Union"}
        starts, ends = token_bounds(doc)
        out = candidates(doc)
        for end, (head_start, head) in sorted(longest.items()):
            # A head must end a word of the text (工程 in 工程师 does not). A
            # one-character head glued into a word heads it only after a word of
            # its own: 体育局, 社保局, but not 格局 or 大局.
            if (
                not _is_boundary(ends, end) and not self._glued_to_post(text, ends, end, head)
            ) or end in inside_divisions:
                continue
            if len(head.text) == 1 and not _is_boundary(starts, head_start):
                token_start = starts[bisect_left(ends, end)]
                if (
                    text[token_start:head_start] not in self.dictionary
                    or head_start - token_start < 2
                ):
                    continue
            tokens, preceding = self._modifier_tokens(
                text, starts, head_start, head, division_ends, union_ends
            )
            if head.label in SITE_LABELS:
                tokens, preceding = self._venue_tokens(
                    text,
                    starts,
                    head_start,
                    end,
                    head,
                    division_ends,
                    union_ends,
                    tokens,
                    preceding,
                )
                tokens = _without_stray_start(tokens, division_ends)
            if head.text[0] in LEVEL_WORDS and _is_boundary(starts, head_start):
                tokens = []  # 落实|区委: a word of its own is a short form (县委, 市委)
            if (
                head.kind == "division"
                and tokens
                and head_start not in area_ends
                and text[tokens[0][0] : head_start] not in LEVEL_WORDS
            ):
                continue  # 某集团党委书记: a post in the 集团, no body of its own (but 镇党委)
            if head.label == "Initiative" and text.startswith(VERBAL_AFTER, end):
                continue  # 在某某活动中带头行动起来: the head is a verb there
            continues = self._continues(doc, ends, end, head)
            if continues and head.label != "Union":
                continue
            # 揭牌暨工作部署会: an event named after 暨 is the second half of one name with
            # the event or founding before it (see _join_events), however few its words.
            left = _left(tokens, head_start)
            joined = (
                head.kind in EVENT_KINDS
                and _joiner_before(text, left) is not None
                and Joinable.of(out).joined_to(text, left) is not None
            )
            found = self._name(
                text,
                tokens,
                preceding,
                head_start,
                end,
                head,
                divisions,
                known,
                named_at,
                areas,
                joined=joined,
            )
            if continues:
                if found is not None:
                    # 某区工会|计划举办…: the head after it hides the union, but its
                    # name still ends where an initiative's may start.
                    union_ends.add(found.end)
                continue
            if found is None and head.label == "Union" and not tokens:
                found = self._shared_area_union(text, head_start, end, out, divisions)
            if found is not None and found.label == "Organization" and not found.short:
                owner = self._owner_union(
                    text, tokens, preceding, found, divisions, known, named_at
                )
                if owner is not None:
                    out.append(owner)
            if found is not None:
                out.append(found)
                programme = opened_programme(found)
                if programme is not None:
                    out.append(programme)
                if not found.short:
                    named_at.add(found.start)
                if found.label == "Union":
                    union_ends.add(found.end)
        self._extend_quoted(text, starts, out, division_ends, union_ends)
        _join_events(text, out)
        return doc

    def _extend_quoted(
        self,
        text: str,
        starts: list[int],
        out: list[Candidate],
        division_ends: dict[int, int],
        union_ends: set[int],
    ) -> None:
        """A quoted initiative's name that starts before the quotation (某区教育系统庆祝
        “三八”妇女节暨表彰大会): the words before it that can be an event's are taken
        in, up to a body's name or a union's word (its organiser: 区委“某某”工作体系,
        某区总工会“某某”行动), or a group's (the one it is for)."""
        stops = {c.end for c in out if c.label in BODY_LABELS or c.label == "WorkerGroup"}
        for index, cand in enumerate(out):
            if (
                cand.source != "quoted"
                or cand.label != "Initiative"
                or cand.short
                or text[cand.start] not in OPENING_MARKS
                or text[cand.end - 1] in QUOTATION_OPENINGS
            ):
                # A document's title in 《》 is whole (印发|《某某通知》), and so is a
                # quotation named by its own head (2024年|“某某学堂”).
                continue
            tokens, stopper = self._modifier_tokens(
                text, starts, cand.start, QUOTED_EVENT, division_ends, union_ends
            )
            if tokens and (tokens[-1][1] in self.event_verbs or YEAR.match(stopper)):
                continue  # 启动“某某”活动: no event head's verb; a year: see _name
            ends = [
                o + len(piece)
                for o, piece in reversed(tokens)
                if o + len(piece) in stops or piece.endswith(self.union_words)
            ]
            left = ends[0] if ends else tokens[0][0] if tokens else cand.start
            if left < cand.start:
                name = strip_quotes(text[left : cand.end])
                out[index] = replace(cand, start=left, name=name)

    def _owner_union(
        self,
        text: str,
        tokens: list[tuple[int, str]],
        preceding: str,
        part: Candidate,
        divisions: dict[int, Candidate],
        known: set[str],
        named_at: set[int],
    ) -> Candidate | None:
        """The union a department or committee is named after (昌平区总工会组织部,
        丰台区总工会经费管理办公室), where the word after the union's head hid it."""
        for index in range(len(tokens) - 1, -1, -1):
            offset, piece = tokens[index]
            if piece not in self.union_heads or offset < part.start:
                continue
            end = offset + len(piece)
            if not names_a_part(part.name, text[part.start : end]):
                return None
            # The longest head that ends there: 总工会 of 市总|工会.
            head = max((h for h in self.union_heads if text.endswith(h, part.start, end)), key=len)
            head_start = end - len(head)
            owner = self._name(
                text,
                [(o, p) for o, p in tokens[:index] if o < head_start],
                preceding,
                head_start,
                end,
                self.heads[head],
                divisions,
                known,
                named_at,
            )
            return owner if owner is not None and owner.start == part.start else None
        return None

    def _shared_area_union(
        self,
        text: str,
        head_start: int,
        end: int,
        found: list[Candidate],
        divisions: dict[int, Candidate],
    ) -> Candidate | None:
        """某区政协副主席、总工会主席X: a bare union head that goes on a list of
        posts begun at a body named after a division is that division's union. A
        short form keyed by its full name (某区总工会), which it resolves to."""
        if not text.startswith(self.post_after, end):
            return None
        body = next((c for c in reversed(found) if c.end <= head_start), None)
        if (
            body is None
            or body.label not in BODY_LABELS
            or body.start not in divisions
            or not PRIOR_POSTS.fullmatch(text, body.end, head_start)
        ):
            return None
        # The innermost of the divisions the body's name opens with: 某区某街道党工委
        # 副书记、工会主席X chairs the 街道's union, not the district's.
        area = divisions[body.start]
        while area.end in divisions and area.end < body.end:
            area = divisions[area.end]
        name = text[head_start:end]
        # 某镇党委副书记、工会主席X where 某镇总工会 (not 某镇工会) was named before:
        # that union.
        named = [c.name for c in found if c.label == "Union" and not c.short]
        key = next(
            (
                area.name + h
                for h in sorted(self.union_heads, key=lambda h: h != name)
                if any(n.endswith(area.name + h) for n in named)
            ),
            area.name + name,
        )
        return Candidate(head_start, end, "Union", name, "head", PRIORITY, key, short=True)

    def _glued_to_post(self, text: str, ends: list[int], end: int, head: Head) -> bool:
        """某县|委常委X: the segmenter glued the end of a body's head to the post held
        in it (the division's name is one of its words); the head still ends a name."""
        if head.label not in BODY_LABELS:
            return False
        token_end = ends[bisect_left(ends, end)]
        return text[end:token_end] in self.posts

    def _continues(self, doc: Doc, ends: list[int], end: int, head: Head) -> bool:
        """驿站系统, 工会工作, 工会驿站: the head is only a modifier of the word after it.

        A body's name before a part of it (总工会|办公室, 银行|分行) is still a name:
        the part's name holds it (see kg_entities).
        """
        index = bisect_left(ends, end) + 1
        if index >= len(doc):
            return False
        after = doc[index].text
        if head.label in BODY_LABELS and after.endswith(self.part_heads):
            return head.text + after in self.heads  # 工会|委员会 is one head
        if after in self.heads and self.heads[after].kind == "division":
            return False  # 某集团|党委: the 集团 is named (see __call__)
        if head.label == "Initiative" and after == CARRIED_OUT:
            return False  # 启动了某某云项目|建设: the programme carried out is named
        if head.label == "Place" and after.startswith(self.union_words):
            return False  # 某产业园|工会: the park the union is named after is named
        if after in self.blockers:
            # 某县总工会组织|开展…: the blocker is the body's verb here, not a noun
            # the head modifies (工会组织建设). A union's name stays one before a
            # blocker other than a collective (某市总工会组织二十名劳模…, 某区总工会
            # 工作人员, but not 全国工会系统): the blocker is its verb or its staff's.
            if head.label == "Union":
                return after in self.collectives
            following = doc[index + 1].text if index + 1 < len(doc) else ""
            return not following.startswith(self.organising)
        return after in self.heads

    def _modifier_tokens(
        self,
        text: str,
        starts: list[int],
        head_start: int,
        head: Head,
        division_ends: dict[int, int],
        union_ends: set[int],
        *,
        venue: bool = False,
    ) -> tuple[list[tuple[int, str]], str]:
        """The words before the head that can belong to its name, as (offset, text),
        and the word that stopped the run; ``venue`` lets a site's name hold verbs
        other than those of building it (see _venue_tokens).

        The name grows leftwards word by word until a word that cannot be in it;
        brackets are taken whole (中铁京西（北京）高速公路发展有限公司); verbs that
        open the run are dropped (回报学校 is no school's name). An initiative's
        name stops after a union's (东城区总工会|送温暖活动), but a union head that
        names no union is a word of it (基层工会专项行动推进会, 2025年工会干部培训班).
        """
        left = head_start
        index = bisect_right(starts, head_start - 1) - 1
        depth = 0
        taken: list[tuple[int, str]] = []
        piece = ""
        while index >= 0 and head_start - starts[index] <= self.max_name:
            piece = text[starts[index] : left]
            site = self.heads.get(piece)
            if not depth and site and site.label in SITE_LABELS and left in division_ends:
                break  # 某夜校的基地|某市职工大学: a site's head ends the name before a division
            inner = self.heads.get(text[starts[index - 1] : left]) if index > 0 else None
            if not depth and inner is not None and inner.label in SITE_LABELS:
                # 骑手之|家 before 工会驿站: a site's head the segmenter split (之 and
                # 家 alone would stop the name) is one word of it.
                taken.append((starts[index], piece))
                left = starts[index - 1]
                taken.append((left, text[left : starts[index]]))
                piece = ""
                index -= 2
                continue
            if piece == JOINER:
                break  # 暨 joins two names (see _join_events)
            if head.label == "Initiative" and not depth and piece in QUOTATION_OPENINGS:
                opening = _quotation_start(text, starts, starts[index], piece)
                if text[left] in OPENING_MARKS:
                    # “某某”“某某”三大体系, “进企业”“进社区”活动: quotations in a row are
                    # a list, and the head is the list's, not the last one's name.
                    taken.clear()
                    break
                if opening is None:
                    break
                taken.append((opening, text[opening:left]))
                left = opening
                # “候”爱我“营”小候鸟托班: a few characters between two quotations are
                # one slogan with them, whatever words they are, but for a word that
                # ends names (将“某某”纳入“某某”实践活动, 把“某某”作为“某某”活动: two names).
                pun = PUN_BETWEEN.search(text, max(0, left - MAX_PUN - 1), left)
                if (
                    pun is not None
                    and _is_boundary(starts, pun.start(1))
                    and pun.group(1).removesuffix("了") not in self.boundaries
                ):
                    taken.append((pun.start(1), pun.group(1)))
                    left = pun.start(1)
                piece = ""
                index = bisect_left(starts, left) - 1
                continue
            if head.label == "Initiative" and piece in self.programme_verbs:
                break
            if head.label in BODY_LABELS and self._national(text[left:head_start], piece):
                break  # 中华全国总工会 opens a name: nothing before it is of it
            if (
                piece in ("）", ")")
                and not depth
                and SHORT_FORM_ASIDE.search(text, max(0, left - MAX_ASIDE), left)
            ):
                break  # 某联合会(以下简称“联合会”)第三次代表大会: the aside is no part of a name
            if piece in ("）", ")"):
                depth += 1
            elif piece in ("（", "("):
                if not depth:
                    break  # an opening bracket with nothing closed after it
                depth -= 1
            elif (
                not depth
                and (
                    (len(piece) > 2 and piece[:-1] in self.site_stops)
                    or (
                        len(piece) == 2 and (piece[0] in self.closed or piece[0] in self.boundaries)
                    )
                    # 某完|小及市|某学校: the end of the name before, a joining word and
                    # the level word
                    or (len(piece) == 3 and piece[1] in self.closed and piece[1] in self.boundaries)
                )
                and piece[-1] in LEVEL_WORDS
                and division_ends.get(starts[index]) != left
                and piece not in self.dictionary  # 开发区 is a word of its own
            ):
                # The segmenter glues a verb, a preposition or a joining word to a level
                # word (联合|区人社局, 同市|某协会, 经市|某委, 小及市|某学校): the name starts
                # after it (but 中关|村 is a place's name, and 包头市 a division's).
                taken.append((left - 1, piece[-1]))
                piece = piece[:-1]
                break
            elif (
                not depth
                and (joiner := _joiner(piece, starts[index], division_ends))
                and text.endswith(self.long_heads, 0, starts[index])
            ):
                # 某休息室|和顺|丰…营业部, 某街道总工会|联合街道|…服务站: after a name's
                # head, the word that joins it to the next name (which the segmenter may
                # glue to that name's first word) is where the next name starts.
                if len(piece) > len(joiner):
                    taken.append((starts[index] + len(joiner), piece[len(joiner) :]))
                piece = joiner
                break
            elif head.kind in EVENT_KINDS and not taken and piece in self.event_verbs:
                pass  # 推进座谈会, 启动会, 慰问演出: a verb can open an event's head
            elif division_ends.get(starts[index], -1) >= left:
                # a division's name, whatever the dictionary tags it (大连: adverb), or its
                # first word where the run has taken the rest (都|府堤社区)
                pass
            elif (
                not depth
                and (
                    (
                        # 某区总工会|建设|工会驿站, 在单位内|建设|爱心母婴室: building the site
                        # is no part of its name, but 建设 opens the name of a body or road
                        # (建设|银行, 建设|路) that a site may be named after.
                        head.label in SITE_LABELS
                        and piece in self.running
                        and (
                            starts[index] in union_ends
                            or (bool(taken) and not taken[-1][1].startswith(self.name_heads))
                        )
                    )
                    or (
                        head.label == "Initiative"
                        and piece in self.union_heads
                        and left in union_ends
                        # 某工会联合会第三次会员大会: a session of the union's congress
                        # is named with the union
                        and not _session_after_union(text, left, head_start, union_ends)
                    )
                    or (
                        self._stops(piece)
                        # 在某某国家级示范基地举行: a venue's grade is a word of its name.
                        and not (venue and piece.endswith(GRADE) and NAME_CHARS.match(piece))
                        and not (
                            head.kind in EVENT_KINDS
                            and (self._edition(text, left, piece) or piece in self.trained)
                        )
                    )
                    # a boundary the segmenter split in two (某山等|地|某基地) ends here too,
                    # and a year a body's name (召开2025|年度|市政府与…; an event's may
                    # hold it: 2009年度某某培训班)
                    or (
                        index > 0
                        and (
                            text[starts[index - 1] : left] in self.boundaries
                            or (
                                head.label in BODY_LABELS
                                and bool(YEAR.match(text[starts[index - 1] : left]))
                            )
                        )
                    )
                    or (
                        # 读|大学, 跑|医院: a verb of one character right before an
                        # organisation's head takes it as its object; no name (but
                        # 分|中心 is one word, and 街道|办 an office after its level).
                        head.label == "Organization"
                        and not taken
                        and len(piece) == 1
                        and piece in self.stop_verbs
                        and _is_boundary(starts, head_start)
                        and index > 0
                        and text[starts[index - 1] : starts[index]] not in LEVEL_WORDS
                        and starts[index] not in division_ends.values()
                    )
                    # 参观|某博物馆, 考察|某公司: a verb of visiting or building takes a
                    # body as its object, and no body's name holds it (other verbs may:
                    # 北京开放大学)
                    or (head.label == "Organization" and piece in self.site_verbs)
                    or (
                        head.label in NO_VERB_LABELS
                        and piece in self.site_stops
                        and not (venue and piece not in self.building)
                        # 某某康|养小镇: a character the segmenter made one word with a
                        # site's whole head is a piece of the name's word, not a verb of
                        # its own (but in 通物|流园 it split the head too: no telling).
                        and not (
                            head.label in SITE_LABELS
                            and left == head_start
                            and not _is_boundary(starts, head_start)
                            and _next_start(starts, index, len(text)) >= head_start + len(head.text)
                        )
                        # 某银行某支行驿站: a body's head is a noun, whatever the
                        # dictionary tags it (支行: verb).
                        and piece not in self.owner_heads
                        # 北京排水集团工会: a union named after a company takes the
                        # company's whole name, verbs and all (分行 of 某银行分行工会 too),
                        # and one named after a trade its trade's (某市运输行业|工会, 运输: a verb).
                        and not (
                            head.label == "Union"
                            and (
                                text[starts[index] : head_start].endswith(
                                    (*self.owner_heads, *UNION_OWNERS)
                                )
                                or text[starts[index] : head_start] in self.sectors
                            )
                        )
                    )
                )
            ):
                break
            left = starts[index]
            taken.append((left, piece))
            piece = ""
            index -= 1
        if depth:
            return [], ""
        taken.reverse()
        # Right after 暨 a second event's name starts, whatever word opens it (暨就业技能
        # 培训班开班典礼), unless the verb is the one that holds the event (暨召开…大会).
        after_joiner = head.label == "Initiative" and piece == JOINER
        # 包头|铝业有限公司: a division that opens the name stays, whatever else the
        # dictionary makes of it (包头 is also a verb).
        while (
            taken
            and taken[0][1] in self.stop_verbs
            and division_ends.get(taken[0][0]) != taken[0][0] + len(taken[0][1])
            and not (after_joiner and taken[0][1] not in self.event_verbs)
        ):
            piece = taken.pop(0)[1]
        return taken, piece

    def _venue_tokens(
        self,
        text: str,
        starts: list[int],
        head_start: int,
        end: int,
        head: Head,
        division_ends: dict[int, int],
        union_ends: set[int],
        tokens: list[tuple[int, str]],
        preceding: str,
    ) -> tuple[list[tuple[int, str]], str]:
        """在某某非物质文化遗产传承基地举行: between 在 and the verb that holds an event
        there, the words are the venue's name, verbs and all (传承, 培训); a site's name
        otherwise stops at a verb. ``tokens`` and ``preceding`` are the run's so far."""
        if preceding not in self.stop_verbs or not text.startswith(self.taking_place, end):
            return tokens, preceding
        wider, stopper = self._modifier_tokens(
            text, starts, head_start, head, division_ends, union_ends, venue=True
        )
        if stopper != VENUE_BEFORE or len(wider) <= len(tokens):
            return tokens, preceding
        return wider, stopper

    @staticmethod
    def _national(taken: str, piece: str) -> bool:
        """Whether the name so far opens with a national body's prefix (全国, 中华全国)
        that ``piece`` does not complete (中华 before 全国)."""
        return taken.startswith(NATIONAL) and not (piece + taken).startswith(NATIONAL[-1])

    def _stops(self, token: str) -> bool:
        return (
            token in self.boundaries
            or token in self.closed
            or not NAME_CHARS.match(token)
            or bool(COUNTED.match(token))
            or bool(YEAR.match(token))
            or any(q in token for q in QUOTE_MARKS)
            or (len(token) > 1 and not token.strip("-—"))  # a dash: 遗址--某古镇
        )

    def _name(
        self,
        text: str,
        tokens: list[tuple[int, str]],
        preceding: str,
        head_start: int,
        end: int,
        head: Head,
        divisions: dict[int, Candidate],
        known: set[str],
        named_at: set[int],
        areas: frozenset[int] = frozenset(),
        *,
        joined: bool = False,
    ) -> Candidate | None:
        """``known`` holds the names found so far, ``named_at`` where names start,
        ``areas`` where divisions named in full or short start; ``joined`` says that
        the name follows 暨 after an event it is joined to."""
        left = _left(tokens, head_start)
        if text.startswith(("（", "("), left):
            # 主席(纪委书记)某某部: brackets that open the run are an aside on the words
            # before them, not the start of a name.
            close = CLOSING_BRACKET.search(text, left, head_start)
            if close is not None:
                tokens = [(offset, piece) for offset, piece in tokens if offset >= close.end()]
                left = _left(tokens, head_start)
        modifier = text[left:head_start]
        if head.kind in ("programme", "event") and (
            any(w in modifier for w in self.construction)
            or (
                head.text in BUILDING_HEADS
                and text.endswith(VENUE_BEFORE, 0, left)
                and text.startswith(self.taking_place, end)
            )
        ):
            # 地铁某号线建设工程: a construction site; so is a project where an event is
            # held (在某公司某中心项目召开: a building project, no programme).
            head = Head(head.text, "Place", "name")
        # 区总工会, 县妇联, and 县委 whose head opens with the level word: short forms.
        level_only = modifier in LEVEL_WORDS or (not modifier and head.text[0] in LEVEL_WORDS)
        if level_only and head.text == AREA_CENTRE:
            return None
        if level_only and head.label in ("Union", "Organization"):
            if preceding in DISTRIBUTIVE:
                return None  # 各镇总工会, 各区人社局: every one of a kind, no body named
            return Candidate(left, end, head.label, text[left:end], "head", PRIORITY, short=True)
        if (head.label == "Facility" and modifier in self.union_heads) or (
            head.label in SITE_LABELS and preceding in DISTRIBUTIVE
        ):
            # 工会阅览室, 一个工会母婴室: a union's kind of facility, no name of its own;
            # it stands for the one of that kind named in full (某某工会母婴室), if any
            # (a place named after the union, a building, is a name); so do the sites
            # of a kind taken one by one (各个职工服务站点).
            name = text[left:end]
            return Candidate(left, end, head.label, name, KIND_SOURCE, PRIORITY, name, True)
        if (
            head.label in SITE_LABELS
            and modifier
            and PLURAL_BEFORE.search(text, _back(left), left)
            and not self._has_proper_word(tokens, left)
        ):
            return None
        if head.label in REFERRING_LABELS and self._refers_back(modifier, preceding, head):
            # The key is the head the antecedent must share; the name is kept for
            # a counted description that has none (顺义区首家网约车司机之家).
            name = text[left:end]
            source = (
                DEPARTMENT_SOURCE
                if name in self.departments and text.startswith(self.post_after, end)
                else "reference"
            )
            return Candidate(left, end, head.label, name, source, PRIORITY, head.text, True)
        if head.label == "Union" and modifier in self.union_owner_kinds:
            # 公司工会, 产业园工会: the union of the company or park the article
            # names (some 某某公司工会 there), if it names one.
            return Candidate(left, end, head.label, text[left:end], "head", PRIORITY, short=True)
        if head.label == "Union":
            left = self._union_owner_start(text, tokens, preceding, head_start, divisions)
            if left is None:
                return None
            if (
                left not in areas
                and text.endswith(self.site_heads, left, head_start)
                and not text.endswith(self.owner_heads, left, head_start)
            ):
                # 某市某某产业园工会: a site's union is named after the site's area; words
                # before a site's name without one are seldom of it.
                return None
        elif head.label == "Organization":
            left = self._verb_before_division(tokens, divisions) or left
        if head.label in SITE_LABELS:
            # 某区某产业园|工会: the union's name holds the park's divisions.
            named_union = head.label == "Place" and text.startswith(self.union_words, end)
            left = self._strip_location(text, tokens, left, head_start, divisions, named_union)
            if named_union and all(
                offset in areas or piece in self.everyday
                for offset, piece in tokens
                if offset >= left
            ):
                return None  # 某区(科技)园区|工会: an area's park, named by its kind alone
        if (
            head.label == "Organization"
            and text.endswith(CONCURRENT, 0, left)
            and text[left:end] in self.departments
            and text.startswith(self.post_after, end)
        ):
            # 某总工会副主席兼某某部部长X: a department named bare only says which
            # post; the person is the body's.
            return None
        if head.kind in EVENT_KINDS and YEAR.match(preceding):
            left = self._year_inside(text, left, preceding)
        modifier = text[left:head_start]
        if head.label == "Organization" and (
            (modifier in self.verbal and text[left:end] in self.dictionary)
            or (
                modifier in self.everyday
                and modifier not in self.proper
                and modifier not in self.heads  # 某委 + 某部: a body's part
                and modifier[-1] not in LEVEL_WORDS  # 某自治区 + 某委: a level's body
                and left not in areas
            )
        ):
            # 教育局, 管理局: a body of the article named by its task alone stands for
            # the full name that ends so (某区教育局), if the article gives one; so does
            # one named by an everyday word alone (新闻中心, 部门工委).
            return Candidate(left, end, head.label, text[left:end], "head", PRIORITY, short=True)
        only_verb = modifier in self.verbal and not (
            head.label == "Union" and modifier in self.sectors
        )
        if not joined and (len(modifier) < HEAD_KINDS[head.kind] or only_verb):
            return None  # too short, or only a verb: 建设工匠学院 names no college
        if head.kind in EVENT_KINDS and (
            OCCASIONS_BEFORE.search(text, _back(left), left)
            or OCCASIONS_OPEN.match(text, left, head_start)
        ):
            return None
        if head.kind == "proper" and not (
            self._has_proper_word(tokens, left)
            # 某某宾馆路口 after a division's short name the dictionary knows as a word:
            # the division is a proper name, as its full name is.
            or any(offset in areas for offset, _ in tokens if offset >= left)
        ):
            return None  # 重要基地, 历史文化街区: a description, not a name
        if (
            head.label in SITE_LABELS
            and text[left - 1 : left] in OPENING_MARKS
            and LIKENED_AS.search(text, max(0, left - 31), left - 1)
        ):
            return None  # 成为职工喜爱的“温馨之家”: what it became, described (see kg_quoted)
        quoted = any(q in modifier for q in QUOTE_MARKS)
        close = max(modifier.rfind(q) for q in QUOTATION_OPENINGS)
        if quoted and any(verb in modifier[close + 1 :] for verb in self.organising):
            return None  # “产改”实施|纲要: the quotation is what is carried out, as in kg_quoted
        if quoted and modifier[0] not in OPENING_MARKS and YEAR.match(preceding):
            # 2025年|某地“某某”竞赛: whether the year is of the name is not sure, nor then
            # where it starts; the quotation's own name stands.
            return None
        if (
            head.kind in EVENT_KINDS
            and not quoted
            and left not in divisions
            and not ORDINAL.search(text, _back(left), left)
            and not ORDINAL_START.match(text, left)
            and not self._organised(text, left)
            and text[left:end] not in known
            and left not in named_at
            and not text.endswith(JOINER, 0, left)
            and not TITLED.search(text, max(0, left - 4), left)
        ):
            return None
        if head.label == "Place":
            end = _place_end(text, end, head)
        if quoted:
            # As sure as kg_quoted's names where words before the quotation make a
            # fuller name than the one it finds from the quotation on: the fuller wins;
            # but a quoted programme named in full (“某某学堂”毕业典礼, “某某行动”启动
            # 仪式) is the name kg_quoted keeps, and so is an activity called by the
            # quotation alone (“健康进工地”活动 is called 健康进工地).
            opening = modifier.rfind(QUOTATION_OPENINGS.get(modifier[close], ""), 0, close)
            own = head_of(modifier[opening + 1 : close])
            whole = own is not None and own.label == "Initiative"
            rest = text[left + close + 1 : end]
            called = modifier[0] in OPENING_MARKS and bool(CALLED_BY_QUOTATION.match(rest))
            priority = PRIORITY if whole or called else QUOTED_PRIORITY
            return Candidate(left, end, head.label, strip_quotes(text[left:end]), "head", priority)
        return Candidate(left, end, head.label, text[left:end], "head", PRIORITY)

    def _year_inside(self, text: str, left: int, year: str) -> int:
        """Where an event's name starts whose run stopped at a year (see _stops): after
        an organising verb, a verb and the year open it (举办了关爱2024年某某活动: the
        event, year and all, is what was held); else at ``left``."""
        year_start = left - len(year)
        if not text.startswith(year, year_start):
            return left
        before = _before(text, year_start)
        verb = next(
            (
                before[-size:]
                for size in (2, 3)
                if before[-size:] in self.verbal and before[-size:] not in self.organising
            ),
            None,
        )
        if verb is None or not self._organised(text, year_start - len(verb)):
            return left
        return year_start - len(verb)

    def _organised(self, text: str, left: int) -> bool:
        """Whether an organising verb stands right before ``left`` (举办的…, 开展了…),
        or with the count and length of the occasion between (开展了一次为期五天的…)."""
        before = _before(text, left)
        # ORGANISED_GAP matches at the end of any text (each of its parts is optional).
        gap = ORGANISED_GAP.search(before)
        assert gap is not None
        return before[: gap.start()].endswith(self.organising)

    @staticmethod
    def _edition(text: str, left: int, piece: str) -> bool:
        """第十届, 第二次, 届 right after 第十, 二次 right after 四届: an event's
        edition or session, part of its name."""
        if piece in EDITION_UNITS:
            end = left - len(piece)
            return bool(NUMBERED.search(text, _back(end), end))
        if piece.endswith(SESSION):
            return bool(SESSION_BEFORE.search(text, _back(left - 1), left - 1))
        return bool(EDITION.match(piece))

    @staticmethod
    def _refers_back(modifier: str, preceding: str, head: Head) -> bool:
        """A head noun standing for a body, site or event named before.

        该驿站, 此次活动, 升级后的驿站, and a head opening a clause (活动在…举行) refer
        back; so does a counted description of a site (建外街道打造的第二个全时驿站).
        """
        if head.label in ("Facility", "Place") and COUNTED.match(preceding):
            return True
        return not modifier and (
            preceding in words("referring_words")
            or not preceding
            or not NAME_CHARS.match(preceding)
        )

    def _strip_location(
        self,
        text: str,
        tokens: list[tuple[int, str]],
        left: int,
        head_start: int,
        divisions: dict[int, Candidate],
        named_union: bool = False,
    ) -> int:
        """朝阳区建外街道万达骑士驿站 -> 万达骑士驿站: a facility's address is not its name.

        The leading divisions come off when what remains before the head holds a
        proper name (万达, or a word the dictionary does not know). Descriptive
        words are no name of their own: 江岸区职工服务中心 and 密云区鼓楼街道爱心驿站
        keep their address; nor is a body's name, whose division is the body's
        (某县人民法院诉讼服务中心 is the county court's). In a union's name
        (``named_union``) a park's divisions come off whatever remains: they place the
        union and the park (某区某某产业园工会).
        """
        start = left
        while left in divisions:
            left = divisions[left].end
        proper = self._has_proper_word(tokens, left)
        # The body is the division's own, named by its kind alone (某县人民法院,
        # 某区人民医院): a word such as 副中心 that only ends like one is no body.
        owned = any(
            text[left : offset + len(piece)] in self.body_heads
            for offset, piece in tokens
            if offset >= left
        )
        named = proper or (named_union and left < head_start)
        return left if left != start and named and not owned else start

    def _has_proper_word(self, tokens: list[tuple[int, str]], left: int) -> bool:
        """Whether the words from ``left`` hold a proper name: one the dictionary
        knows as a name or does not know (万达, 金泰), or a road (迎宾路)."""
        return any(
            p in self.proper or (p not in self.dictionary and len(p) > 1) or p in ROADS
            for offset, p in tokens
            if offset >= left and p != "·"
        )

    def _union_owner_start(
        self,
        text: str,
        tokens: list[tuple[int, str]],
        preceding: str,
        head_start: int,
        divisions: dict[int, Candidate],
    ) -> int | None:
        """Where a union's name starts: at the division, organisation or trade it belongs to;
        ``preceding`` is the word that stopped the words before the head.

        着力提升工会 or 感谢工会 name no union; 大兴区总工会, 北京住总科贸公司工会 and
        全国总工会 do. Words before the first division are not part of the name unless
        they name a body (建设银行通州区支行工会).
        """
        if not tokens:
            return None
        division_start = self._division_start(text, tokens, divisions)
        if division_start is not None:
            return division_start
        left = tokens[0][0]
        modifier = text[left:head_start]
        if (
            modifier[:1] in TRADE_UNION_LEVELS
            and len(modifier) >= 3
            and text[max(0, left - 2) : left + 1] not in self.dictionary
            and text[max(0, left - 1) : left + 1] not in self.dictionary
        ):
            # 省邮电工会, 市农林水利工会, 县建设工会: a trade's union at the level of
            # the division the article is about.
            return left
        for offset, _ in tokens:
            # 金融工会, 中国海员建设工会: a sector's union (kg/lexicons/union_sectors.txt).
            if text[offset:head_start].removeprefix(NATIONAL_SECTOR) in self.sectors:
                return offset
        if (
            len(modifier) >= MIN_UNION_OWNER
            and text.startswith(self.joint_union_heads, head_start)
            and (preceding in self.boundaries or preceding not in self.stop_verbs)
        ):
            # 某某美食街联合工会: named after its street, market or trade; but a verb
            # right before the words (推动|某某联合工会) says the name may be cut short.
            return left
        owners = (*self.owner_heads, *self.site_heads, *UNION_OWNERS)
        owner = next((o for o in owners if modifier.endswith(o)), None)
        # 公司工会 or 产业工会 alone is a kind of union, not one union's name;
        # 全国总工会 is one.
        if owner is None or (len(modifier) == len(owner) and owner not in NATIONAL):
            return None
        return left

    def _division_start(
        self, text: str, tokens: list[tuple[int, str]], divisions: dict[int, Candidate]
    ) -> int | None:
        """Where a union's name starts when it holds a division: at the first one,
        or before it where the words before it name a body (建设银行通州区支行工会).
        None without a division."""
        left = tokens[0][0]
        for offset, _ in tokens:
            if offset in divisions:
                return left if text[left:offset].endswith(self.owner_heads) else offset
        return None

    def _verb_before_division(
        self, tokens: list[tuple[int, str]], divisions: dict[int, Candidate]
    ) -> int | None:
        """The first division of an organisation's name when a verb comes before it
        (培训邀请丰台区总工会宣传部); its name starts there. 某市经济技术开发区 keeps
        the city before the zone, but a verb between two divisions ends a name before
        the second (某区政府拨付某区司法局: 拨付 is no word of a name)."""
        for offset, piece in tokens:
            if offset in divisions:
                verb = next((o for o, p in tokens if o > offset and p in self.stop_verbs), None)
                if verb is None:
                    return None
                return next((o for o, _ in tokens if o > verb and o in divisions), None)
            if piece in self.verbal:
                # ...or a level word's body (请来|县委党校): a short form opens the name
                return next(
                    (
                        o
                        for o, p in tokens
                        if o > offset
                        and (o in divisions or (p in self.heads and p[0] in LEVEL_WORDS))
                    ),
                    None,
                )
        return None


def _next_start(starts: list[int], index: int, length: int) -> int:
    """Where the word after the ``index``-th starts (the text's end after the last)."""
    return starts[index + 1] if index + 1 < len(starts) else length


def _without_stray_start(
    tokens: list[tuple[int, str]], division_starts: Container[int]
) -> list[tuple[int, str]]:
    """A site's words without what stands before the division that opens its name:
    one character, the tail of a verb (用好|衢州…学院), or the part of a word the
    segmenter glued to the division (召|开福|州市…, where 福州市 starts inside 开福)."""
    if len(tokens) < 2 or tokens[0][0] in division_starts:
        return tokens
    (first, piece), following = tokens[0], tokens[1][0]
    if len(piece) == 1 and following in division_starts:
        return tokens[1:]
    inside = next((o for o in range(first + 1, following) if o in division_starts), None)
    if inside is None:
        return tokens
    return [(inside, piece[inside - first :]), *tokens[1:]]


def _joiner(piece: str, start: int, division_starts: Container[int]) -> str | None:
    """The word that joins two names at the start of ``piece`` (a word at ``start``),
    which the segmenter may have glued to the next name's first word: a conjunction
    to any but a division's (和|顺…, but 和平区), a verb only to a level word or a
    division (联合|街道…), since 联合会 is a word of its own."""
    if start in division_starts:
        return None
    for conjunction in CONJUNCTIONS:
        if piece.startswith(conjunction):
            return conjunction
    for verb in JOINING_VERBS:
        rest = piece.removeprefix(verb)
        if rest != piece and (
            not rest or rest in LEVEL_WORDS or start + len(verb) in division_starts
        ):
            return verb
    return None


def _place_end(text: str, end: int, head: Head) -> int:
    """Where a place's name ends: after the number of an address, or a phase in
    brackets."""
    pattern = ADDRESS_NUMBER if head.text in ROADS else SITE_PART
    found = pattern.match(text, end)
    return found.end() if found else end


def _join_events(text: str, out: list[Candidate]) -> None:
    """One event named as two joined by 暨 (技能大赛启动仪式暨首场比赛, “送健康”暨
    “送书香”活动, 安全月活动暨知识竞赛) is one name: the event after 暨 takes
    in the initiative that ends right before it, or the founding of a body or site
    (某工会联合会成立暨首届职工代表大会), whose name then opens the event's."""
    joinable = Joinable.of(out)
    for index, cand in enumerate(out):
        if cand.label != "Initiative" or cand.short:
            continue
        joined = joinable.joined_to(text, cand.start)
        if joined is None:
            continue
        start, before, priority = joined
        out[index] = replace(
            cand,
            start=start,
            name=strip_quotes(text[start:before] + JOINER + text[cand.start : cand.end]),
            priority=max(cand.priority, priority),
        )


@dataclass(frozen=True)
class Joinable:
    """What a name after 暨 may be joined to, by where it ends: the events, and the
    bodies and sites whose founding an event marks (with the divisions that may
    stand before a site's name)."""

    events: dict[int, Candidate]
    founded: dict[int, Candidate]
    division_starts: dict[int, int]  # by where each division ends

    @classmethod
    def of(cls, out: list[Candidate]) -> Joinable:
        # A quoted string that may be an abbreviation is an event's name before 暨
        # (“一日站长”暨“冬送温暖”活动). Of the events ending at one place, the longest:
        # “某某”行动启动仪式 rather than the 行动启动仪式 found by its head inside it.
        events: dict[int, Candidate] = {}
        for c in out:
            if (
                c.label == "Initiative"
                and (not c.short or c.source == "quoted")
                and (c.end not in events or c.start < events[c.end].start)
            ):
                events[c.end] = c
        founded = {c.end: c for c in out if c.label in FOUNDED_LABELS and not c.short}
        divisions = {c.end: c.start for c in out if c.label == "District"}
        return cls(events, founded, divisions)

    def joined_to(self, text: str, start: int) -> tuple[int, int, int] | None:
        """Where the first half of the name joined by 暨 to the one at ``start``
        begins and ends, and its priority; None if nothing is joined there."""
        before = _joiner_before(text, start)
        if before is None:
            return None
        left = self.events.get(before)
        if left is not None:
            return left.start, before, left.priority
        verb = next((v for v in founding_verbs() if text.endswith(v, 0, before)), "")
        left = self.founded.get(before - len(verb)) if verb else None
        if left is None:
            return None
        # 福州市某某工作室揭牌暨…: the occasion is named with the site's divisions,
        # which its own name goes without (see _strip_location).
        first = left.start
        while first in self.division_starts:
            first = self.division_starts[first]
        return first, before, left.priority


def _joiner_before(text: str, start: int) -> int | None:
    """Where the 暨 right before ``start`` begins (暨 “X”活动: a headline's spacing
    after it), if there is one."""
    spaced = _before(text, start)
    opening = start - len(spaced) + len(spaced.rstrip())
    return opening - len(JOINER) if text.endswith(JOINER, 0, opening) else None


def _quotation_start(text: str, starts: list[int], close: int, mark: str) -> int | None:
    """Where the quotation that ends at ``close`` opens, if it is a name's (no clause
    punctuation, not too long) and the opening mark starts a word."""
    opening = text.rfind(QUOTATION_OPENINGS[mark], max(0, close - MAX_QUOTATION - 1), close)
    content = text[opening + 1 : close]
    if opening < 0 or not content.strip() or CLAUSE_PUNCTUATION.search(content):
        return None
    return opening if _is_boundary(starts, opening) else None


def _session_after_union(text: str, left: int, head_start: int, union_ends: set[int]) -> bool:
    """Whether the words from ``left`` to the head hold the session of a congress (第二次)
    right after a union's name."""
    session = SESSION_OPEN.search(text, left, head_start)
    return session is not None and session.start() in union_ends


def _left(tokens: list[tuple[int, str]], head_start: int) -> int:
    """Where a name starts: at its first word, else at its head."""
    return tokens[0][0] if tokens else head_start


def _is_boundary(offsets: list[int], offset: int) -> bool:
    i = bisect_left(offsets, offset)
    return i < len(offsets) and offsets[i] == offset


@Language.factory("kg_names", default_config={"max_name": 30})
def make_head_name_recognizer(nlp: Language, name: str, max_name: int) -> HeadNameRecognizer:
    return HeadNameRecognizer(max_name)


def _back(place: int) -> int:
    """Where the look back from ``place`` starts (LOOK_BACK characters before it)."""
    return max(0, place - LOOK_BACK)


def _before(text: str, place: int) -> str:
    """The few characters before ``place`` (LOOK_BACK of them)."""
    return text[_back(place) : place]
