"""The unit of work that flows from ingest to output: one news article."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Control characters (a newline in a file name) are shown escaped in a problem's line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Article:
    """One article as read from a source file.

    ``text`` is what recognition runs on: Simplified characters, broken lines
    joined, headline lines first, each paragraph on its own line. ``original``
    is the same text as written (Traditional stays Traditional); it has the same
    length as ``text`` so that every character offset found in ``text`` points
    at the same place in ``original``, which is where evidence is quoted from.
    """

    source: str
    index: int
    headline: str
    text: str
    original: str
    date: str | None = None
    url: str | None = None
    # Where on a PDF page the article stands: the page number (from 1) and its box
    # (x0, top, x1, bottom) in points from the page's top left.
    page: int | None = None
    box: tuple[float, float, float, float] | None = None

    def __post_init__(self) -> None:
        if len(self.text) != len(self.original):
            raise ValueError("Article.text and Article.original must have the same length")


@dataclass(frozen=True)
class InputProblem:
    """A file (or one record of it) that could not be read; reported, never raised.

    A ``warning`` is a part of an article left out (a URL that is no web address), or a
    file of a folder left out (a broken link); the rest is read, and the run's exit
    status stays as it is.
    """

    source: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        line = f"{self.source}: {'warning: ' if self.warning else ''}{self.message}"
        # One problem, one line, whatever a file name holds (a newline is legal in one).
        return _CONTROL.sub(lambda match: repr(match.group())[1:-1], line)
