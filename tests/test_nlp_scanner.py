"""The string scanner under the gazetteer and lexicons, and token alignment."""

from __future__ import annotations

from kg.nlp.entities import align
from kg.nlp.mentions import Scanner, token_bounds


def test_every_match_in_the_order_of_its_end() -> None:
    scanner = Scanner(
        [("北京", "city"), ("北京市", "full"), ("市总工会", "union"), ("工会", "head")]
    )
    assert list(scanner.find("北京市总工会")) == [
        (0, 2, "city"),
        (0, 3, "full"),
        (2, 6, "union"),
        (4, 6, "head"),
    ]


def test_longest_gives_leftmost_longest_matches_that_do_not_overlap() -> None:
    scanner = Scanner([("北京", 1), ("北京市", 2), ("市总工会", 3), ("工会", 4)], longest=True)
    assert list(scanner.find("北京市总工会和工会")) == [(0, 3, 2), (4, 6, 4), (7, 9, 4)]


def test_a_word_given_twice_keeps_its_last_value_and_empty_words_are_ignored() -> None:
    scanner = Scanner([("驿站", "first"), ("", "empty"), ("驿站", "last")])
    assert len(scanner) == 1
    assert list(scanner.find("工会驿站")) == [(2, 4, "last")]
    assert list(Scanner([]).find("工会驿站")) == []


def test_align_splits_tokens_at_every_offset_and_keeps_the_text(extractor) -> None:
    text = "大兴区总工会在瀛海镇举办活动。"
    doc = extractor.nlp.make_doc(text)
    offsets = {1, 3, 6, 8, 10}
    doc = align(doc, offsets)
    starts, ends = token_bounds(doc)
    assert offsets <= set(starts) | set(ends)
    assert doc.text == text
    assert all(a < b for a, b in zip(starts, ends, strict=True))
