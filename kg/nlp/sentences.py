"""``kg_sentences``: sentence starts after sentence-final punctuation and line ends.

spaCy's sentencizer does the same, but looks at every token as a Python object;
this reads the Doc's arrays, which matters at the speed segmentation sets.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.component import Component
from kg.nlp.mentions import token_bounds

OPENING = ("“", "‘", "「", "『", "《", "（", "(")


class SentenceSplitter(Component):
    def __init__(self, nlp: Language, punct_chars: list[str]) -> None:
        self.ends = numpy.array([nlp.vocab.strings.add(p) for p in punct_chars], dtype="uint64")
        self.opening = numpy.array([nlp.vocab.strings.add(p) for p in OPENING], dtype="uint64")

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        # As spaCy's sentencizer, a sentence starts at the first token after final
        # punctuation that is not punctuation itself; but an opening quotation mark
        # or bracket starts the next sentence rather than closing this one.
        array = doc.to_array([ORTH, IS_PUNCT])
        is_end = numpy.isin(array[:, 0], self.ends).tolist()
        opens = numpy.isin(array[:, 0], self.opening).tolist()
        is_punct = [p and not o for p, o in zip(array[:, 1].tolist(), opens, strict=True)]
        starts = [-1] * len(doc)
        starts[0] = 1
        seen_end = False
        for i in range(len(doc)):
            if seen_end and not is_punct[i] and not is_end[i]:
                starts[i] = 1
                seen_end = False
            elif is_end[i]:
                seen_end = True
        # spaCy keeps the flags as uint64, -1 (not a start) wrapped round.
        doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64"))
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
