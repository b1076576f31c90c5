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
        doc = super().__call__(text)
        doc.user_data[TEXT_KEY] = text
        return doc


@registry.tokenizers("kg.ChineseTokenizer.v1")
def create_tokenizer(
    segmenter: Segmenter = Segmenter.char,
) -> Callable[[Language], ChineseTokenizer]:
    def make(nlp: Language) -> ChineseTokenizer:
        return TextKeepingTokenizer(nlp.vocab, segmenter=segmenter)

    return make
