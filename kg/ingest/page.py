"""Plain text: a single article, or a newspaper page split into its articles.

A page's articles are found by their leads (本报讯（记者 …）, 新华社…电, see
page_patterns.toml). The short lines right before a lead are its headline block: banners
and column heads are dropped, the main headline is told from its kicker (引题, before it)
and sub-headline (副题, after it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kg.article import Article
from kg.ingest.dates import iso_date, line_date
from kg.ingest.lines import (
    Line,
    cleaned,
    ends_sentence,
    is_furniture,
    is_headline_like,
    join_broken,
    split_lines,
    to_article,
)
from kg.ingest.patterns import layout


@dataclass(frozen=True)
class _Start:
    """Where an article begins: its headline block, then its lead."""

    block: int
    lead: int


def read_text(text: str, source: str) -> Iterator[Article]:
    raw = split_lines(text)
    lines = cleaned(raw)
    if not lines:
        return
    starts = _article_starts(lines)
    if not starts:
        yield _plain_article(lines, source, 0)
        return
    page_date = _page_date(raw)
    preamble = lines[: starts[0].block]
    index = 0
    if any(ends_sentence(line.text) for line in preamble):
        # Text before the first headline that is not just banners: an article whose
        # headline is on an earlier page, or a lead-less one.
        yield _plain_article(preamble, source, index)
        index += 1
    ends = [start.block for start in starts[1:]] + [len(lines)]
    for start, end in zip(starts, ends, strict=True):
        block = lines[start.block : start.lead]
        dates = [found for found in map(line_date, block) if found]
        heading = _heading([line for line in block if not line_date(line)])
        body = join_broken(lines[start.lead : end], keep=_is_byline)
        yield to_article(source, index, heading, body, dates[0] if dates else page_date)
        index += 1


def plain_parts(lines: list[Line]) -> tuple[Line, str | None, list[Line]]:
    """First line = headline, then an optional date line, the rest = body paragraphs."""
    headline, rest = lines[0], lines[1:]
    found = line_date(rest[0]) if rest else None
    if found:
        rest = rest[1:]
    return headline, found, join_broken(rest)


def _plain_article(lines: list[Line], source: str, index: int) -> Article:
    headline, found, body = plain_parts(lines)
    return to_article(source, index, [headline], body, found)


def _page_date(lines: list[Line]) -> str | None:
    """The date of the page, from a date line or the banner above its first lead."""
    for line in lines:
        if _is_lead(line):
            return None
        found = line_date(line) or (iso_date(line.text) if is_furniture(line) else None)
        if found:
            return found
    return None


def _is_lead(line: Line) -> bool:
    return bool(layout().leads.search(line.text))


def _is_byline(line: Line) -> bool:
    return bool(layout().bylines.fullmatch(line.text))


def _article_starts(lines: list[Line]) -> list[_Start]:
    """Leads preceded by a headline block; a lead without one is a quote inside an article."""
    starts: list[_Start] = []
    floor = 0
    for index, line in enumerate(lines):
        if not _is_lead(line):
            continue
        block = index
        while (
            block > floor and is_headline_like(lines[block - 1]) and not _is_lead(lines[block - 1])
        ):
            block -= 1
        if any(not line_date(candidate) for candidate in lines[block:index]):
            starts.append(_Start(block, index))
            floor = index + 1
    return starts


def _heading(block: list[Line]) -> list[Line]:
    """Main headline, then sub-headlines, then kickers; banners and column heads dropped."""
    rules = layout()

    def is_sub(position: int) -> bool:
        return position > 0 and bool(rules.sub_headlines.search(block[position].text))

    def is_column_head(position: int) -> bool:
        return bool(rules.column_heads.search(block[position].text))

    candidates = [position for position in range(len(block)) if not is_sub(position)]
    headlines = [position for position in candidates if not is_column_head(position)]
    # A headline may itself be spaced like a column head; it is then the last candidate.
    main = (headlines or candidates)[-1]
    subs = [block[position] for position in range(main + 1, len(block)) if is_sub(position)]
    kickers = [block[position] for position in range(main) if not is_column_head(position)]
    return [block[main], *subs, *kickers]
