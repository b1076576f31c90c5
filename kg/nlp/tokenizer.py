"""The segmenter: spaCy's Chinese tokenizer, keeping the text it was given.

Every component needs the text, and spaCy's ``doc.text`` rebuilds it from the
tokens on each access; the tokenizer has it already, so it leaves it on the Doc.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

TEXT_KEY = "kg:text"


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
    for every word, which costs as much as a tenth of segmentation on long articles.
    """
    out_words: list[str] = []
    spaces: list[bool] = []

    def white(gap: str) -> None:
        """White space the segmenter dropped: one space trails the word before it."""
        if out_words and gap[:1] == " ":
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            out_words.append(gap)
            spaces.append(False)

    position = 0
    for word in words:
        start = text.index(word, position)
        white(text[position:start])
        out_words.append(word)
        spaces.append(False)
        position = start + len(word)
    white(text[position:])
    return out_words, spaces


@registry.tokenizers("kg.ChineseTokenizer.v1")
def create_tokenizer(
    segmenter: Segmenter = Segmenter.char,
) -> Callable[[Language], ChineseTokenizer]:
    def make(nlp: Language) -> ChineseTokenizer:
        return TextKeepingTokenizer(nlp.vocab, segmenter=segmenter)

    return make
