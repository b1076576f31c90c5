"""Ingest: files and folders in, ``Article``s out; every unreadable input is an ``InputProblem``.

The format is told by content: JSON / JSON Lines when the text opens as JSON does (``{``, or
``[`` before a value: ``[动态]…`` is a headline), HTML when it looks like markup, plain
text (one article or a newspaper page) otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from kg.article import Article, InputProblem
from kg.ingest.decode import NotText
from kg.ingest.decode import decode as decode_bytes
from kg.ingest.html import read_html
from kg.ingest.page import read_text
from kg.ingest.pdf import is_pdf, read_pdf
from kg.ingest.records import read_records
from kg.ingest.urls import web_iri

__all__ = ["input_files", "read_paths"]

# What JSON can open with: an object, or a list of values (a bracketed tag opening a
# headline, [动态]…, is text).
_JSON_OPENING = re.compile(r'\{|\[\s*(?:[\[{"\]\d-]|true\b|false\b|null\b)')
_MARKUP = re.compile(r"<(?:!doctype\s+html|html|head|body|p|div|article|meta|title|br)\b", re.I)
# Markup, if any, shows within the first few kilobytes.
_SNIFF_CHARS = 4096


def read_paths(
    paths: Sequence[str | Path], *, max_file_bytes: int = 20_000_000, ocr: bool = False
) -> Iterator[Article | InputProblem]:
    """Articles from files and folders (recursively, sorted, hidden files skipped);
    with ``ocr``, PDF pages without a text layer are read with Tesseract."""
    for item in input_files(paths):
        if isinstance(item, InputProblem):
            yield item
        else:
            yield from _read_file(item, max_file_bytes, ocr)


def input_files(paths: Sequence[str | Path]) -> Iterator[Path | InputProblem]:
    """The files that ``paths`` name, folders walked recursively in sorted order."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = list(_files_in(path))
            if not files:
                yield InputProblem(str(path), "empty folder (no readable file in it)")
            yield from files
        elif path.exists():
            yield path
        else:
            yield InputProblem(str(path), "no such file or folder")


def _files_in(folder: Path) -> Iterator[Path]:
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue
        # Symlinked folders are not entered: they could loop back.
        if child.is_dir() and not child.is_symlink():
            yield from _files_in(child)
        elif child.is_file():
            yield child


def _read_file(path: Path, max_file_bytes: int, ocr: bool) -> Iterator[Article | InputProblem]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_file_bytes:
            yield InputProblem(
                source,
                f"file too large ({size} bytes, limit {max_file_bytes} bytes; "
                "configurable with --max-file-size)",
            )
            return
        data = path.read_bytes()
    except OSError as error:
        yield InputProblem(source, f"cannot read file ({error.strerror or error})")
        return
    if is_pdf(data):  # judged by its bytes, whatever its name says
        yield from _with_articles(read_pdf(data, source, ocr=ocr), source)
        return
    text = decode_bytes(data)
    if isinstance(text, NotText):
        yield InputProblem(source, text.message)
        return
    if not text.strip():
        yield InputProblem(source, "empty file")
        return
    yield from _with_articles(_read_text(text, source), source)


def _with_articles(
    items: Iterator[Article | InputProblem], source: str
) -> Iterator[Article | InputProblem]:
    """``items``, or a problem if there are none."""
    found = False
    for item in items:
        found = True
        if isinstance(item, Article) and item.url:
            url = web_iri(item.url)
            if url is None:
                yield InputProblem(
                    source,
                    f"URL {item.url!r} of 「{item.headline[:30]}」 is not an absolute web "
                    "address; the article is read without it",
                    warning=True,
                )
            item = replace(item, url=url)
        yield item
    if not found:
        yield InputProblem(source, "no article text in it")


def _read_text(text: str, source: str) -> Iterator[Article | InputProblem]:
    head = text.lstrip("\ufeff \t\r\n")[:_SNIFF_CHARS]
    if _JSON_OPENING.match(head):
        yield from read_records(text, source)
    elif _MARKUP.search(head):
        yield read_html(text, source)
    else:
        yield from read_text(text, source)
