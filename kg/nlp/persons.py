"""``kg_persons``: people, found from the words around their names.

A Chinese personal name is a surname and one or two characters. It is taken

* right after a cue (记者, 通讯员, a post such as 副主席 or 一级巡视员, 代表, a job
  title) or right after the name of a union or organisation (某某公司王海、…);
* right before a title that follows names (同志, 师傅, 律师, 一行, 等人);
* as the next member of a list that a name opens (同乡马东、石立春).

The name must end where the segmenter ends a word (林雪是 is 林雪 + 是) and be
followed by punctuation, a word that can follow a name (在, 表示, 一行) or a verb;
a name the segmenter made one word that is not an everyday one needs less. A
surname that is also a function word (和, 关) needs the segmenter's word:
快递员和环卫工人 names nobody.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicons import body_heads, heads, word_classes, words
from kg.nlp.component import Component
from kg.nlp.mentions import Candidate, Scanner, candidates, text_of, token_bounds

PRIORITY = 45
NAME_END = re.compile(r"[\s，。、；：！？（）()“”\"'》,.;:!?]|$")
# \Z, not $: $ also matches before a final line break, which took the break after a
# byline's name (本报记者 某某\n) into the name.
HAN = re.compile(r"^[\u4e00-\u9fff]+\Z")
# A name of another language in Chinese characters: parts joined with ·; the last
# part is the group.
DOTTED = re.compile(r"[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8})*·([\u4e00-\u9fff]{1,8})")
# Function characters that never stand in a given name; "林雪是" is 林雪 + 是,
# 刘光等一行 is 刘光 + 等, and 某某副调研员 is 某某 + 副 (DEPUTY) + the post.
DEPUTY = "副"
NOT_IN_GIVEN_NAME = frozenset("的了着在与和及或并是于将对把被都也还又已该此这那说们等" + DEPUTY)
HONORIFICS = frozenset({"师傅", "老师", "同志", "先生", "女士", "阿姨", "大姐", "大爷", "师"})
FUNCTION_SURNAMES = frozenset("和于向从由与为关宣都也还就对将有上下中同时")
# What joins the members of a list of names: 马东、石立春; 张华和王刚.
LIST_JOINS = ("、", "和", "与", "及", "以及")
# A name before a title starts a clause or follows one of these: 由孙静、郑明分别…;
# …律师事务所的周文律师.
BEFORE_NAME = frozenset("的由和与及、，。；：！？（）()“”\"',;:!?\n\t 　")
BODY_LABELS = frozenset({"Union", "Organization"})
# A rank or another post in brackets between a post and its holder's name.
POST_ASIDE = re.compile(r"[（(][^（()）\s]{1,8}[）)]")


class PersonRecognizer(Component):
    def __init__(self) -> None:
        strong = words("posts") | words("person_cues")
        # Words for workers (职工, 女职工) also stand before what is theirs (职工云平台,
        # 职工解难题): after them a given name must not be a frequent word.
        weak = (words("titles") | words("worker_groups") | words("job_endings")) - strong
        self.weak = weak
        self.posts = words("posts")
        self.cue_words = strong | weak
        self.cues = Scanner((cue, cue) for cue in self.cue_words)
        self.titles_after = Scanner((title, title) for title in words("titles_after"))
        self.acts = Prefixes(words("person_acts") | words("titles_after"))
        # What may come right after a name: 在, 表示, a post (华新民部长), 两位律师.
        self.enders = Prefixes(
            words("name_follows") | words("person_acts") | words("titles_after") | words("posts")
        )
        self.surnames = words("surnames")
        self.part_heads = tuple(words("part_heads"))
        # 区妇联主席X: a level word that is a surname (区) before a body's head is no name.
        self.body_heads = body_heads()
        self.head_words = frozenset(heads())
        self.follows = Prefixes(words("name_follows"))
        self.posts_after = Prefixes(words("posts"))
        classes = word_classes()
        self.common_words = classes["common"]
        self.frequent = classes["frequent"]
        self.dictionary = classes["word"]
        self.verbs = classes["verb"]

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        starts, ends = token_bounds(doc)
        spans = Spans(text, dict(zip(starts, ends, strict=True)), set(ends))
        out = candidates(doc)
        found = _Taken()  # start -> end of every name taken
        # Names after a cue word (weak or not); names right after a body's name
        # need more evidence (strict). A weak cue must end a word of the segmenter:
        # 钢筋工 and 讲解员 are cues, the 工 of 工程 and the 师 of 师傅 are not.
        after: dict[int, tuple[bool, bool]] = {}  # cue end -> (weak, strict)
        post_ends = set()
        for _, end, cue in self.cues.find(text):
            weak = cue in self.weak
            if weak and end not in spans.ends:
                continue
            after[end] = (after.get(end, (True, False))[0] and weak, False)
            if cue in self.posts:
                post_ends.add(end)
        body_ends = {c.end for c in out if c.label in BODY_LABELS}
        for end in body_ends:
            after.setdefault(end, (True, True))
        for cue_end, (weak, strict) in sorted(after.items()):
            start = cue_end + (1 if text[cue_end : cue_end + 1] in (" ", "\u3000") else 0)
            if cue_end in post_ends and (aside := POST_ASIDE.match(text, start)):
                start = aside.end()  # 副主席(正科级)某某, 工会主席(纪委书记)某某
            if found.covers(start):
                continue
            name = self.name_at(text, start, spans, strict=strict, weak=weak)
            if not name and cue_end in post_ends and not strict:
                name = self.other_name_at(text, start, spans)
            if name and strict and self._opens_with_word(text, start, start + len(name), spans):
                continue  # 联合会成立后 is 成立 + 后
            if name:
                found.take(self._list_at(text, start, name, spans))
        # After 的, only a name of a body's (来自某公司的X) or one that does what
        # people do (…的卜某介绍说; …事务所的A、B两位律师): 的 opens everyday words
        # as often (…的安全感).
        for match in re.finditer("的", text):
            start = match.end()
            if start in after or found.covers(start):
                continue
            name = self.name_at(text, start, spans, strict=True, weak=True)
            if name and not self._opens_with_word(text, start, start + len(name), spans):
                names = self._list_at(text, start, name, spans)
                if match.start() in body_ends or self.acts.starts(text, names[-1][1]):
                    found.take(names)
        for title_start, _, _ in self.titles_after.find(text):
            end = title_start
            # and the names listed before it: 孙静、郑明等领导
            while (start := self.name_before(text, end, spans)) is not None:
                if not found.covers(start):
                    found.take([(start, end)])
                if not text.startswith("、", start - 1):
                    break
                end = start - 1
        out.extend(
            Candidate(start, end, "Person", text[start:end], "person", PRIORITY)
            for start, end in found.items()
        )
        return doc

    def _list_at(self, text: str, start: int, name: str, spans: Spans) -> list[tuple[int, int]]:
        """The name at start and the names listed after it (马东、石立春)."""
        names = [(start, start + len(name))]
        while True:
            end = names[-1][1]
            join = next((j for j in LIST_JOINS if text.startswith(j, end)), None)
            if join is None:
                return names
            start = end + len(join)
            name = self.name_at(text, start, spans, strict=True, weak=True)
            if not name:
                return names
            names.append((start, start + len(name)))

    def name_at(
        self, text: str, start: int, spans: Spans, *, strict: bool = False, weak: bool = False
    ) -> str | None:
        """The name that starts at ``start``, if one does. ``strict``: only where the
        name ends a word of the segmenter and what follows tells that a name ended;
        ``weak``: not where the given name is a frequent word (云平台, 解难题)."""
        # Compound surnames (欧阳) first, so that 欧阳明 is not 欧 + 阳明.
        surname = next(
            (text[start : start + n] for n in (2, 1) if text[start : start + n] in self.surnames),
            None,
        )
        if surname is None:
            return None
        options = []
        for given in (2, 1):
            end = start + len(surname) + given
            name = text[start:end]
            if len(name) != len(surname) + given or not HAN.match(name):
                continue
            if NOT_IN_GIVEN_NAME.intersection(name[len(surname) :]) or name in self.common_words:
                continue  # 林雪是 is 林雪 + 是; 权益 is a word, not 权 + 益
            if name[len(surname) :] in HONORIFICS:
                return None  # 陈师傅 says who, but not the name
            if name in HONORIFICS or text.startswith("们", end):
                continue  # 司机师傅们 names nobody
            if weak and name[len(surname) :] in self.frequent:
                continue
            if name[len(surname) :] in self.cue_words:
                continue  # 书记和区长, 负责人任成员: a post is no given name
            if name.endswith(self.part_heads) or name[len(surname) :] in self.body_heads:
                continue  # 某总工会宣传部: a department after its body, not 宣传部 the person
            if name in self.head_words:
                continue  # 女职工|关爱室: a site's head after a word for workers, not 关爱室
            if given == 2 and self.follows.starts(text, end - 1, shortest=2):
                continue  # 陈红一行 is 陈红 + 一行, 王刚同志 王刚 + 同志
            options.append((name, end))
        # The best evidence first: a name that ends where the segmenter ends a word
        # and is followed by what follows names; then one followed so that the
        # segmenter did not end it (金秀|兰难|掩: 金秀兰 + 难掩); then a word of the
        # segmenter on its own.
        for name, end in options:
            # A surname that is also a function word (于, 和) only where the segmenter
            # made the name, or its given name, one word that is no everyday one:
            # 巡视员于|昭勇, not 和|灵活.
            given_word = (
                not strict
                and spans.words.get(start + len(surname)) == end
                and name[len(surname) :] not in self.dictionary
            )
            whole = spans.words.get(start) == end or given_word
            # 主任由|律所|主任担任: a function word before a post is no surname
            trusted = (whole and not self.posts_after.starts(text, end)) or (
                surname not in FUNCTION_SURNAMES
            )
            if end in spans.ends and trusted and self._ends_name(text, end, spans):
                return name
        if strict:
            return None
        for name, end in options:
            if surname not in FUNCTION_SURNAMES and self._ends_name(text, end, spans):
                return name
        if weak:
            return None  # 女职工安康互助: after a word for workers, a word is no name
        return next((name for name, end in options if spans.words.get(start) == end), None)

    def other_name_at(self, text: str, start: int, spans: Spans) -> str | None:
        """A name that is no surname and given name, right after a post: one written
        with ·, as names of other languages are (…主席阿卜杜拉·吐尔逊江到会), or a word
        the segmenter made that no dictionary knows (…主席乌日娜到场)."""
        dotted = DOTTED.match(text, start)
        if dotted:
            # the shortest last part after which a name may end: 吐尔逊江|到会; no
            # function word inside (设计的骑手·安全)
            last = dotted.end() - len(dotted.group(1))
            for end in range(last + 1, dotted.end() + 1):
                if NOT_IN_GIVEN_NAME.intersection(text[start:end]):
                    return None
                if self._ends_name(text, end, spans):
                    return text[start:end]
            return None
        end = spans.words.get(start)
        if end is None or not 2 <= end - start <= 4 or not HAN.match(text[start:end]):
            return None
        word = text[start:end]
        if word in self.dictionary or self.enders.starts(word, 0) or text.startswith("们", end):
            return None  # …部长到会, 小哥们
        return word if self._ends_name(text, end, spans) else None

    def name_before(self, text: str, title_start: int, spans: Spans) -> int | None:
        """Where the name that ends right before a title (王刚同志, 周文律师) starts."""
        for size in (3, 2, 4):
            start = title_start - size
            if start < 0 or start not in spans.words:
                continue
            if start > 0 and text[start - 1] not in BEFORE_NAME:
                continue
            name = text[start:title_start]
            if not HAN.match(name) or name in self.common_words:
                continue
            surname = next(
                (name[:n] for n in (2, 1) if name[:n] in self.surnames and len(name) - n in (1, 2)),
                None,
            )
            if surname is None or surname in FUNCTION_SURNAMES:
                continue
            given = name[len(surname) :]
            if NOT_IN_GIVEN_NAME.intersection(given) or given in self.frequent:
                continue  # 区委、区政府等领导: 区 + 政府 is no name
            if self._opens_with_word(text, start, title_start, spans):
                continue  # 花钱|聘|律师: the surname opens an everyday word (花钱)
            return start
        return None

    def _opens_with_word(self, text: str, start: int, end: int, spans: Spans) -> bool:
        """Whether the segmenter read the surname into an everyday word that the name
        does not end with."""
        opening = spans.words.get(start, end)
        return opening - start >= 2 and opening < end and text[start:opening] in self.common_words

    def _ends_name(self, text: str, end: int, spans: Spans) -> bool:
        """Whether what comes at ``end`` tells that a name ended there."""
        return (
            bool(NAME_END.match(text, end))
            or self.enders.starts(text, end)
            or (text.startswith(DEPUTY, end) and self.enders.starts(text, end + len(DEPUTY)))
            or self._verb_at(end, spans)
        )

    def _verb_at(self, end: int, spans: Spans) -> bool:
        """Whether the segmenter's word at ``end`` is a verb (刘建新丢下…)."""
        after = spans.words.get(end)
        return after is not None and spans.text[end:after] in self.verbs


class Prefixes:
    """A set of words, asked which of them opens a text at a position."""

    def __init__(self, entries: frozenset[str]) -> None:
        self.entries = entries
        self.longest = max(map(len, entries))

    def starts(self, text: str, at: int, shortest: int = 1) -> bool:
        return any(text[at : at + n] in self.entries for n in range(shortest, self.longest + 1))


@dataclass(frozen=True)
class Spans:
    """The segmenter's words of one text: start -> end, and the set of ends."""

    text: str
    words: dict[int, int]
    ends: set[int]


@Language.factory("kg_persons")
def make_person_recognizer(nlp: Language, name: str) -> PersonRecognizer:
    return PersonRecognizer()


class _Taken:
    """The names taken so far (start -> end), and the places they cover, so that
    whether a place lies inside one is a look-up, not a walk over every name taken
    (which made long articles slower per character)."""

    def __init__(self) -> None:
        self._ends: dict[int, int] = {}
        self._covered: set[int] = set()

    def take(self, names: Iterable[tuple[int, int]]) -> None:
        for start, end in names:
            self._ends[start] = end
            self._covered.update(range(start, end))

    def covers(self, place: int) -> bool:
        return place in self._covered

    def items(self) -> Iterable[tuple[int, int]]:
        return self._ends.items()
