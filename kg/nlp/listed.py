"""``kg_listed``: companies named by their brands in a list that says what they are.

甲乙、丙丁等19家在本市经营的快递企业: the members carry no head noun (有限公司),
but the word that sums the list up (kg/lexicons/company_classes.txt) says each is a
company. A list that sums up several kinds (某公司、某镇、某村等企业、镇、村) is left
alone, as are members already named otherwise and lists made only of common
words (国企、民企等企业).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicons import word_classes, words
from kg.nlp.component import Component
from kg.nlp.mentions import Candidate, candidates, text_of, token_bounds

# Below the recognisers that name by heads and quotes: a member they named keeps it.
PRIORITY = 20
MEMBER = r"[\u3400-\u9fffA-Za-z]{2,8}"
SEPARATOR = "[、和及与]"


class ListedCompanyRecognizer(Component):
    def __init__(self) -> None:
        classes = "|".join(sorted(words("company_classes"), key=len, reverse=True))
        count = r"(?:[0-9一二三四五六七八九十百多余几]+[家个])?"
        self.pattern = re.compile(
            rf"((?:{MEMBER}{SEPARATOR})+{MEMBER})等{count}"
            rf"(?:[^，。；、,;]{{0,10}}的)?[\u3400-\u9fff]{{0,4}}?(?:{classes})(?!、)"
        )
        found = word_classes()
        self.common = found["common"]
        self.stops = found["closed"] | found["verb"] | words("boundaries") | words("posts")

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        out = candidates(doc)
        taken = [(c.start, c.end) for c in out]
        starts, _ = token_bounds(doc)
        for start, end in self._members(text, starts):
            if not any(s < end and start < e for s, e in taken):
                name = text[start:end]
                out.append(Candidate(start, end, "Organization", name, "listed", PRIORITY))
        return doc

    def _members(self, text: str, starts: list[int]) -> Iterator[tuple[int, int]]:
        for listed in self.pattern.finditer(text):
            offset = listed.start(1)
            pieces = re.split(SEPARATOR, listed.group(1))
            # The first member starts at a word of the text after the last word that
            # cannot be in a name (来自|某某重工, 深入|某公司).
            first_end = offset + len(pieces[0])
            index = bisect_left(starts, first_end) - 1
            begin = first_end
            while index >= 0 and starts[index] >= offset:
                if text[starts[index] : begin] in self.stops:
                    break
                begin = starts[index]
                index -= 1
            spans = [(begin, first_end)]
            position = first_end + 1
            for piece in pieces[1:]:
                spans.append((position, position + len(piece)))
                position += len(piece) + 1
            spans = [(start, end) for start, end in spans if end - start >= 2]
            # One brand the dictionary does not know as a common word (顺丰) shows the
            # list is of brands, some of which are also words (圆通).
            if any(text[start:end] not in self.common for start, end in spans):
                yield from spans


@Language.factory("kg_listed")
def make_listed_company_recognizer(nlp: Language, name: str) -> ListedCompanyRecognizer:
    return ListedCompanyRecognizer()
