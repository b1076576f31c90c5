"""The tokenizer's word alignment agrees with spaCy's on any text and segmentation."""

from __future__ import annotations

import random

import pytest
from spacy.util import get_words_and_spaces

from kg.nlp.tokenizer import words_and_spaces

PIECES = "大兴区总工会驿站，。ab \n\t\u3000"


def _segmented(text: str, rng: random.Random) -> list[str]:
    """A segmenter's output: the text without white space, cut anywhere."""
    words = []
    for piece in text.split():
        while piece:
            size = rng.randint(1, len(piece))
            words.append(piece[:size])
            piece = piece[size:]
    return words


@pytest.mark.parametrize("seed", range(20))
def test_alignment_matches_spacy(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(200):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40)))
        words = _segmented(text, rng)
        assert words_and_spaces(words, text) == get_words_and_spaces(words, text)


def test_the_doc_keeps_the_text(extractor) -> None:
    text = " 大兴区总工会  启动\n“产改”实施纲要 "
    doc = extractor.nlp.make_doc(text)
    assert doc.text == text


def test_words_that_do_not_make_up_the_text_are_refused() -> None:
    with pytest.raises(ValueError, match="do not make up the text"):
        words_and_spaces(["大兴", "区"], "大兴 区总工会")
