"""The segmenter: spaCy's Chinese tokenizer, keeping the text it was given.

Every component needs the text, and spaCy's ``doc.text`` rebuilds it from the
tokens on each access; the tokenizer has it already, so it leaves it on the Doc.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate

from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

TEXT_KEY = "kg:text"
WHITE_SPACE = re.compile(r"\s+")


class TextKeepingTokenizer(ChineseTokenizer):
    def __call__(self, text: str) -> Doc:
        if self.segmenter == Segmenter.pkuseg and self.pkuseg_seg is not None:
            words, spaces = words_and_spaces(self.pkuseg_seg.cut(text), text)
            doc = Doc(self.vocab, words=words, spaces=spaces)
        else:
            doc = super().__call__(text)
        doc.user_data[TEXT_KEY] = text
        return doc


def words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """The Doc's words and spaces for segmenter ``words`` that dropped white space.

    spaCy's ``get_words_and_spaces`` does the same but copies the rest of the text
    for every word, which costs as much as a tenth of segmentation on long articles;
    here only the few runs of white space are visited.
    """
    if "".join(words) != WHITE_SPACE.sub("", text):
        raise ValueError(f"the segmenter's words do not make up the text {text[:20]!r}…")
    out_words: list[str] = []
    spaces: list[bool] = []
    # Where each word ends in the text with its white space taken out.
    ends = list(accumulate(map(len, words)))
    placed = 0
    removed = 0
    for gap in WHITE_SPACE.finditer(text):
        before = bisect_right(ends, gap.start() - removed)
        out_words.extend(words[placed:before])
        spaces.extend([False] * (before - placed))
        placed = before
        white = gap.group()
        removed += len(white)
        # One space trails the word before it; the rest of the run is a token.
        if out_words and white[0] == " ":
            spaces[-1] = True
            white = white[1:]
        if white:
            out_words.append(white)
            spaces.append(False)
    out_words.extend(words[placed:])
    spaces.extend([False] * (len(words) - placed))
    return out_words, spaces


@registry.tokenizers("kg.ChineseTokenizer.v1")
def create_tokenizer(
    segmenter: Segmenter = Segmenter.char,
) -> Callable[[Language], ChineseTokenizer]:
    def make(nlp: Language) -> ChineseTokenizer:
        return TextKeepingTokenizer(nlp.vocab, segmenter=segmenter)

    return make
