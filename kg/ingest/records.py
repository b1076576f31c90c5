"""JSON and JSON Lines: one object, a list of objects, or one object per line.

A record has ``title``, ``date``, ``url`` and ``body`` (or ``text``). An article's index is
its record's position in the file, so it stays the same when a neighbouring record is bad.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kg.article import Article, InputProblem
from kg.ingest.dates import iso_date
from kg.ingest.lines import Line, cleaned, join_broken, split_lines, to_article
from kg.ingest.page import plain_parts

# Lines looked at to tell JSON Lines from one pretty-printed object that is malformed.
_PROBE_LINES = 10


_SPACE = re.compile(r"\s*")


def _malformed(line: int, reason: str) -> str:
    return f"line {line}: malformed JSON ({reason})"


class _Malformed(Exception):
    """The file cannot be read past this point."""


@dataclass(frozen=True)
class _BadLine:
    """A JSON line that does not parse; the lines after it still do."""

    message: str


def read_records(text: str, source: str) -> Iterator[Article | InputProblem]:
    try:
        for index, (line, record) in enumerate(_records(text)):
            if isinstance(record, _BadLine):
                yield InputProblem(source, record.message)
            else:
                yield _article(record, f"line {line}", source, index)
    except _Malformed as error:
        yield InputProblem(source, str(error))


def _records(text: str) -> Iterator[tuple[int, Any]]:
    """(line number, record) pairs; a JSON line that does not parse comes as a _BadLine."""
    if text.lstrip().startswith("["):
        yield from _array(text)
        return
    try:
        yield _SPACE.match(text).group().count("\n") + 1, json.loads(text)
        return
    except json.JSONDecodeError as error:
        lines = text.splitlines()
        if not any(map(_is_object, [line for line in lines if line.strip()][:_PROBE_LINES])):
            raise _Malformed(_malformed(error.lineno, error.msg)) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as error:
            yield number, _BadLine(_malformed(number, error.msg))


def _array(text: str) -> Iterator[tuple[int, Any]]:
    """The elements of a top-level JSON array, each with the line it starts on."""
    decoder = json.JSONDecoder()
    line, counted = 1, 0

    def line_at(position: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, position)
        counted = position
        return line

    position = _SPACE.match(text, text.index("[") + 1).end()
    if text.startswith("]", position):
        return
    while True:
        try:
            record, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            raise _Malformed(_malformed(error.lineno, error.msg)) from None
        yield line_at(position), record
        position = _SPACE.match(text, end).end()
        if text.startswith(",", position):
            position = _SPACE.match(text, position + 1).end()
        elif text.startswith("]", position) and not text[position + 1 :].strip():
            return
        else:
            reason = "expected ',' or ']' between records"
            raise _Malformed(_malformed(line_at(position), reason))


def _is_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def _article(record: Any, where: str, source: str, index: int) -> Article | InputProblem:
    if not isinstance(record, dict):
        return InputProblem(source, f"{where}: record is not a JSON object")
    body = record.get("body") if record.get("body") is not None else record.get("text")
    if not isinstance(body, str) or not body.strip():
        return InputProblem(source, f"{where}: record has no body or text")
    lines = cleaned(split_lines(body))
    if not lines:
        return InputProblem(source, f"{where}: record body has no article text")
    title = record.get("title")
    title_lines = split_lines(title) if isinstance(title, str) else []
    date = None
    if title_lines:
        headline = Line.joined(title_lines)
        if lines[0].text == headline.text:
            lines = lines[1:]
        paragraphs = join_broken(lines)
    else:
        headline, date, paragraphs = plain_parts(lines)
    given_date = record.get("date")
    if isinstance(given_date, str | int) and iso_date(str(given_date)):
        date = iso_date(str(given_date))
    url = record.get("url")
    return to_article(
        source, index, [headline], paragraphs, date, url.strip() if isinstance(url, str) else None
    )
