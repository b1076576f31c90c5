"""``kg_sentences``: sentence starts after sentence-final punctuation and line ends.

spaCy's sentencizer does the same, but looks at every token as a Python object;
this reads the Doc's arrays, which matters at the speed segmentation sets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

import numpy
from spacy.attrs import IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.component import Component
from kg.nlp.mentions import text_of, token_bounds

OPENING = ("“", "‘", "「", "『", "《", "（", "(")


class SentenceSplitter(Component):
    def __init__(self, nlp: Language, punct_chars: list[str]) -> None:
        # Runs of marks, so that a token of several (！！, ？！) ends a sentence too.
        self.final_marks = re.compile("[" + re.escape("".join(punct_chars)) + "]+")
        self.opening = numpy.array([nlp.vocab.strings.add(p) for p in OPENING], dtype="uint64")

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        # As spaCy's sentencizer, a sentence starts at the first token after final
        # punctuation that is not punctuation itself; but an opening quotation mark
        # or bracket starts the next sentence rather than closing this one.
        array = doc.to_array([ORTH, IS_PUNCT])
        is_end = numpy.zeros(len(doc), dtype=bool)
        token_starts, token_ends = token_bounds(doc)
        for marks in self.final_marks.finditer(text_of(doc)):
            # the tokens that lie wholly inside the run of marks
            first = bisect_left(token_starts, marks.start())
            is_end[first : max(first, bisect_right(token_ends, marks.end()))] = True
        opens = (array[:, :1] == self.opening).any(axis=1)
        content = ~is_end & ~(array[:, 1].astype(bool) & ~opens)
        # A content token starts a sentence when a final mark came since the last one.
        ends_before = numpy.cumsum(is_end)[content]
        previous = numpy.concatenate(([0], ends_before[:-1]))
        starts = numpy.full(len(doc), -1, dtype="int64")
        starts[numpy.flatnonzero(content)[ends_before > previous]] = 1
        starts[0] = 1
        # spaCy keeps the flags as uint64, -1 (not a start) wrapped round.
        doc.from_array([SENT_START], starts.astype("uint64"))
        return doc


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) character offsets of the Doc's sentences, read from its arrays
    (``doc.sents`` builds a Span and its text token by token)."""
    if not len(doc):
        return []
    flags = doc.to_array(SENT_START).astype("int64").tolist()
    starts, ends = token_bounds(doc)
    firsts = [i for i, flag in enumerate(flags) if flag == 1 or i == 0]
    lasts = [i - 1 for i in firsts[1:]] + [len(doc) - 1]
    return [(starts[a], ends[b]) for a, b in zip(firsts, lasts, strict=True)]


@Language.factory(
    "kg_sentences", default_config={"punct_chars": ["。", "！", "？", "!", "?", "\n"]}
)
def make_sentence_splitter(nlp: Language, name: str, punct_chars: list[str]) -> SentenceSplitter:
    return SentenceSplitter(nlp, punct_chars)
