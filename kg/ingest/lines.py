"""Lines of article text, kept in two aligned forms, and how they become an ``Article``.

Every line carries its text as written (``original``) and the form recognition reads
(``text``: Simplified, with Chinese punctuation in full width) of the same length; layout
rules read ``text`` and every cut or join is applied to both, so offsets found in the
article text point at the same place in the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise

from kg.article import Article
from kg.ingest.patterns import layout
from kg.ingest.punctuation import full_width_punctuation
from kg.ingest.script import to_simplified

_SPACES = re.compile(r"[\s\u200b\u2060\ufeff]+")
_SENTENCE_END = frozenset("。！？；…!?;：:.")
# Closing quotes and brackets say nothing about whether the sentence before them ended.
_CLOSERS = "”’\"'」』）)》〉】]"
# Lines of one column differ by an indent or a hanging mark; a line this much wider
# than the one before it was not cut to the same width.
_WIDTH_SLACK = 2


@dataclass(frozen=True)
class Line:
    text: str
    original: str

    @classmethod
    def of(cls, original: str) -> Line:
        return cls(full_width_punctuation(to_simplified(original)), original)

    def cut(self, end: int) -> Line:
        kept = len(self.text[:end].rstrip())
        return Line(self.text[:kept], self.original[:kept])

    @classmethod
    def joined(cls, parts: list[Line]) -> Line:
        """One line from the parts of a broken one; Latin words keep a space between them."""
        texts, originals = [parts[0].text], [parts[0].original]
        for before, after in pairwise(parts):
            space = " " if _is_word_char(before.text[-1]) and _is_word_char(after.text[0]) else ""
            texts += [space, after.text]
            originals += [space, after.original]
        return cls("".join(texts), "".join(originals))


def _is_word_char(char: str) -> bool:
    """Latin letters: words of them keep a space where a line broke between them (a
    number broken across lines, 3|00, is one number)."""
    return char.isascii() and char.isalpha()


def split_lines(raw: str) -> list[Line]:
    """Non-empty lines, NFC, with every run of white space (full-width too) one ASCII space."""
    text = unicodedata.normalize("NFC", raw)
    stripped = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return [Line.of(line) for line in stripped if line]


def ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in _SENTENCE_END


def is_headline_like(line: Line) -> bool:
    """Short and not a sentence: a headline, banner, column head, byline or date line."""
    return (
        len(line.text) <= layout().max_headline_chars
        and not ends_sentence(line.text)
        and "。" not in line.text
    )


def is_sentence(line: Line) -> bool:
    """Looks like a sentence of article text rather than a menu entry or a caption."""
    return ends_sentence(line.text) and len(line.text) >= layout().min_sentence_chars


def without_photo_credit(line: Line) -> Line | None:
    """The line without a trailing photo credit; None when the line was only the credit."""
    credit = layout().photo_credits.search(line.text)
    if credit is None:
        return line
    return line.cut(credit.start()) if credit.start() > 0 else None


def is_furniture(line: Line) -> bool:
    """A page number, editor or source line, end mark or copyright line."""
    return not ends_sentence(line.text) and bool(layout().furniture.search(line.text))


def cleaned(lines: Iterable[Line]) -> list[Line]:
    """Photo credits and page furniture removed."""
    kept = []
    for line in lines:
        rest = without_photo_credit(line)
        if rest is not None and not is_furniture(rest):
            kept.append(rest)
    return kept


def stands_alone(line: Line, after: Line, *, opening: bool) -> bool:
    """A line that a lead (本报讯) follows, or a short one without a clause break that is
    narrower than the line after it, is a headline, banner or date line of its own: a
    line broken mid-sentence fills the width of the text it was cut from (a column),
    so the line after it is no wider; a short piece of a sentence mostly holds a clause
    break (近日，区总工会). Within the body (not ``opening``) a dump broken at random
    places leaves short pieces too (某某集装|箱码头), so there only spaced phrases (an
    intertitle: 暖心驿站建起来 小哥歇脚有去处) stand alone by their width."""
    if not is_headline_like(line):
        return False
    if layout().leads.search(after.text):
        return True
    if not opening and not layout().column_heads.search(line.text):
        return False
    return "，" not in line.text and _width(after.text) > _width(line.text) + _WIDTH_SLACK


def _width(text: str) -> float:
    """How wide a line sets: Latin letters and digits take half a Chinese character."""
    return len(text) - sum(char.isascii() for char in text) / 2


def join_broken(
    lines: Iterable[Line], keep: Callable[[Line], bool] = lambda _: False
) -> list[Line]:
    """Paragraphs: a line that stops mid-sentence is joined to the one after it, unless
    it is a headline standing alone (see stands_alone).

    Lines for which ``keep`` is true (a byline on its own line) stay paragraphs of their own.
    """
    groups: list[list[Line]] = []
    opening = True  # no sentence has ended yet: the headline block, if any
    for line in lines:
        previous = groups[-1][-1] if groups else None
        if (
            previous is not None
            and not ends_sentence(previous.text)
            and not keep(previous)
            and not stands_alone(previous, line, opening=opening)
        ):
            groups[-1].append(line)
        else:
            groups.append([line])
        opening = opening and not ends_sentence(line.text)
    return [Line.joined(group) if len(group) > 1 else group[0] for group in groups]


def to_article(
    source: str,
    index: int,
    heading: list[Line],
    body: list[Line],
    date: str | None = None,
    url: str | None = None,
) -> Article:
    """``heading`` starts with the main headline; text is one paragraph per line."""
    lines = heading + body
    return Article(
        source=source,
        index=index,
        headline=heading[0].text if heading else "",
        text="\n".join(line.text for line in lines),
        original="\n".join(line.original for line in lines),
        date=date,
        url=url,
    )
