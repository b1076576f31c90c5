"""``kg_persons``: people, found from the words around their names.

A Chinese personal name is a surname and one or two characters; it is taken
only right after a cue (记者, 通讯员, a post such as 副主席, 代表, a job title) and
only where the segmenter made it one word that is not an everyday one, or the
next word can follow a name (姚竞宏在…, 林雪是…), or punctuation does. A
surname that is also a function word (和, 关) needs the segmenter's word:
快递员和环卫工人 names nobody.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicons import word_classes, words
from kg.nlp.component import Component
from kg.nlp.mentions import Candidate, Scanner, candidates, text_of, token_bounds

PRIORITY = 45
NAME_END = re.compile(r"[\s，。、；：！？（）()“”\"'》]|$")
HAN = re.compile(r"^[\u4e00-\u9fff]+$")
# Function characters that never stand in a given name; "林雪是" is 林雪 + 是.
NOT_IN_GIVEN_NAME = frozenset("的了着在与和及或并是于将对把被都也还又已该此这那说")
HONORIFICS = frozenset({"师傅", "老师", "同志", "先生", "女士", "阿姨", "大姐", "大爷", "师"})
FUNCTION_SURNAMES = frozenset("和于向从由与为关宣都也还就对将有上下中同时")


class PersonRecognizer(Component):
    def __init__(self) -> None:
        cues = words("posts") | words("person_cues") | words("titles") | words("worker_groups")
        self.cues = Scanner((cue, cue) for cue in cues)
        self.surnames = words("surnames")
        self.follows = words("name_follows")
        self.common_words = word_classes()["common"]
        self.longest_follow = max(map(len, self.follows))

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        words_at = set(zip(*token_bounds(doc), strict=True))
        out = candidates(doc)
        taken = -1
        for _, cue_end, _ in self.cues.find(text):
            start = cue_end + (1 if text[cue_end : cue_end + 1] in (" ", "\u3000") else 0)
            if start <= taken:
                continue
            name = self.name_at(text, start, words_at)
            if name:
                out.append(Candidate(start, start + len(name), "Person", name, "person", PRIORITY))
                taken = start + len(name)
        return doc

    def name_at(self, text: str, start: int, words_at: set[tuple[int, int]]) -> str | None:
        # Compound surnames (欧阳) first, so that 欧阳明 is not 欧 + 阳明.
        surname = next(
            (text[start : start + n] for n in (2, 1) if text[start : start + n] in self.surnames),
            None,
        )
        if surname is None:
            return None
        for given in (2, 1):
            end = start + len(surname) + given
            name = text[start:end]
            if len(name) != len(surname) + given or not HAN.match(name):
                continue
            if NOT_IN_GIVEN_NAME.intersection(name[len(surname) :]) or name in self.common_words:
                continue  # 林雪是 is 林雪 + 是; 权益 is a word, not 权 + 益
            if name[len(surname) :] in HONORIFICS:
                return None  # 陈师傅 says who, but not the name
            if (start, end) in words_at:
                return name
            if surname in FUNCTION_SURNAMES:
                continue
            if NAME_END.match(text, end) or self._follows(text, end):
                return name
        return None

    def _follows(self, text: str, end: int) -> bool:
        return any(text[end : end + n] in self.follows for n in range(1, self.longest_follow + 1))


@Language.factory("kg_persons")
def make_person_recognizer(nlp: Language, name: str) -> PersonRecognizer:
    return PersonRecognizer()
