"""``kg_listed``: names without a head noun in a list that says what they are.

甲乙、丙丁等19家在本市经营的快递企业: the members carry no head noun (有限公司),
but the word that sums the list up (kg/lexicons/company_classes.txt) says each is a
company. A list that sums up several kinds (某公司、某镇、某村等企业、镇、村) is left
alone, as are members already named otherwise and lists made only of common
words (国企、民企等企业).

Programmes are listed so too (某某微课堂、某某免费审查、某某值守服务等线上举措;
甲、乙、丙、丁这四项参保项目: kg/lexicons/programme_classes.txt), but services
and pastimes are listed the same way (免费饮水、手机充电等服务, 跳绳、篮球等比赛项目):
a programme's list needs three members or more, each of several words, none opening
with a verb (开展某某、组织某某 are clauses).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicons import word_classes, words
from kg.nlp.component import Component
from kg.nlp.mentions import NUMERALS, Candidate, candidates, text_of, token_bounds

# Below the recognisers that name by heads and quotes: a member they named keeps it.
PRIORITY = 20
MEMBER = r"[\u3400-\u9fffA-Za-z]{2,8}"
SEPARATOR = "[、和及与]"
# A listed programme's name is a phrase (职工线上法律微课堂, 快递·某某行), never a word.
MIN_PROGRAMME_NAME = 6
PROGRAMME_MEMBER = rf"[\u3400-\u9fffA-Za-z0-9·]{{{MIN_PROGRAMME_NAME},16}}"
MIN_PROGRAMMES = 3
# Above a personal name guessed from a surname inside a member (女职工某某互助保障):
# the list says what its members are.
PROGRAMME_PRIORITY = 46
# What a programme's name may hold inside it: a division or a group it is for.
NESTED_IN_PROGRAMMES = frozenset({"District", "WorkerGroup", "Person"})


class ListedNameRecognizer(Component):
    def __init__(self) -> None:
        companies = _alternatives("company_classes")
        count = r"(?:[0-9一二三四五六七八九十百多余几]+[家个])?"
        self.companies = re.compile(
            rf"((?:{MEMBER}{SEPARATOR})+{MEMBER})等{count}"
            rf"(?:[^，。；、,;]{{0,10}}的)?[\u3400-\u9fff]{{0,4}}?(?:{companies})(?!、)"
        )
        programmes = _alternatives("programme_classes")
        self.programmes = re.compile(
            rf"((?:{PROGRAMME_MEMBER}、){{{MIN_PROGRAMMES - 1},}}{PROGRAMME_MEMBER})"
            rf"(?:等|这[{NUMERALS}]+[项个类种])[\u3400-\u9fff]{{0,4}}?(?:{programmes})(?!、)"
        )
        found = word_classes()
        self.common = found["common"]
        self.stops = found["closed"] | found["verb"] | words("boundaries") | words("posts")
        # A programme's name holds verbs (退休职工大病互助保障, 职工心理关爱微课堂):
        # only the verbs of carrying programmes out or of serving end it (抓好|某某).
        self.programme_stops = (
            found["closed"]
            | words("boundaries")
            | words("posts")
            | words("programme_verbs")
            | words("organising_verbs")
            | words("serving_verbs")
        ) - words("name_words")

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        out = candidates(doc)
        taken = [(c.start, c.end) for c in out]
        starts, _ = token_bounds(doc)
        for start, end in self._companies(text, starts):
            if not any(s < end and start < e for s, e in taken):
                name = text[start:end]
                out.append(Candidate(start, end, "Organization", name, "listed", PRIORITY))
        named = [(c.start, c.end, c.label) for c in out if c.label not in NESTED_IN_PROGRAMMES]
        for spans in self._programmes(text, starts):
            overlaps = [
                {label for s, e, label in named if s < end and start < e} for start, end in spans
            ]
            # A member named as something else (某某驿站、某某书屋…等项目) shows the list is
            # of other things; one named as a programme already keeps its name.
            if any(labels - {"Initiative"} for labels in overlaps):
                continue
            out.extend(
                Candidate(start, end, "Initiative", text[start:end], "listed", PROGRAMME_PRIORITY)
                for (start, end), labels in zip(spans, overlaps, strict=True)
                if not labels
            )
        return doc

    def _companies(self, text: str, starts: list[int]) -> Iterator[tuple[int, int]]:
        for listed in self.companies.finditer(text):
            spans = self._spans(text, starts, listed, SEPARATOR, self.stops)
            spans = [(start, end) for start, end in spans if end - start >= 2]
            # One brand the dictionary does not know as a common word (顺丰) shows the
            # list is of brands, some of which are also words (圆通).
            if any(text[start:end] not in self.common for start, end in spans):
                yield from spans

    def _programmes(self, text: str, starts: list[int]) -> Iterator[list[tuple[int, int]]]:
        """The members' spans of each list of programmes."""
        for listed in self.programmes.finditer(text):
            spans = self._spans(text, starts, listed, "、", self.programme_stops, keep_last=True)
            first_start, first_end = spans[0]
            if first_end - first_start < MIN_PROGRAMME_NAME or any(
                self._opens_with_stop(text, starts, start, end) for start, end in spans[1:]
            ):
                continue
            yield spans

    def _opens_with_stop(self, text: str, starts: list[int], start: int, end: int) -> bool:
        """Whether the member's first word cannot open a name (开展, 组织: a clause)."""
        index = bisect_left(starts, start)
        if index >= len(starts) or starts[index] != start:
            return False
        following = starts[index + 1] if index + 1 < len(starts) else end
        return text[start : min(following, end)] in self.programme_stops

    def _spans(
        self,
        text: str,
        starts: list[int],
        listed: re.Match[str],
        separator: str,
        stops: frozenset[str],
        keep_last: bool = False,
    ) -> list[tuple[int, int]]:
        """The members' spans; the first starts at a word of the text after the last
        word that cannot be in a name (来自|某某重工, 深入|某公司), its last word aside
        where that is a head whatever it is (``keep_last``: 某某免费审查, 快递·某某行)."""
        offset = listed.start(1)
        pieces = re.split(separator, listed.group(1))
        first_end = offset + len(pieces[0])
        index = bisect_left(starts, first_end) - 1
        begin = first_end
        while index >= 0 and starts[index] >= offset:
            if text[starts[index] : begin] in stops and not (keep_last and begin == first_end):
                break
            begin = starts[index]
            index -= 1
        spans = [(begin, first_end)]
        position = first_end + 1
        for piece in pieces[1:]:
            spans.append((position, position + len(piece)))
            position += len(piece) + 1
        return spans


def _alternatives(lexicon: str) -> str:
    return "|".join(sorted(words(lexicon), key=len, reverse=True))


@Language.factory("kg_listed")
def make_listed_name_recognizer(nlp: Language, name: str) -> ListedNameRecognizer:
    return ListedNameRecognizer()
