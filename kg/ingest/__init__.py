"""Ingest: files and folders in, ``Article``s out; every unreadable input is an ``InputProblem``.

The format is told by content: JSON / JSON Lines when the text opens as JSON does (``{``, or
``[`` before a value: ``[动态]…`` is a headline), HTML when it looks like markup, plain
text (one article or a newspaper page) otherwise.
"""

from __future__ import annotations

import errno
import os
import re
import stat
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
    """The files that ``paths`` name, folders walked recursively in sorted order; what
    cannot be read as a file (a broken or looping link, a FIFO, a device) is a problem."""
    for given in paths:
        path = Path(given)
        kind = _kind(path)
        if kind == "folder":
            files = list(_files_in(path))
            if not any(isinstance(item, Path) for item in files):
                yield InputProblem(str(path), "empty folder (no readable file in it)")
            yield from files
        elif kind == "file":
            yield path
        else:
            yield InputProblem(str(path), kind)


def _kind(path: Path) -> str:
    """``"file"``, ``"folder"``, or why ``path`` is neither (one line for the user). Judged
    without opening it: opening a FIFO waits for a writer."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop"
        if error.errno == errno.ENOENT and path.is_symlink():
            return f"broken symbolic link (to {os.readlink(path)})"
        if error.errno == errno.ENOENT:
            return "no such file or folder"
        return f"cannot read ({error.strerror or error})"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    return f"not a regular file (a {_SPECIAL_FILES.get(stat.S_IFMT(mode), 'special file')})"


_SPECIAL_FILES = {
    stat.S_IFIFO: "FIFO",
    stat.S_IFCHR: "character device",
    stat.S_IFBLK: "block device",
    stat.S_IFSOCK: "socket",
}


def _files_in(folder: Path) -> Iterator[Path | InputProblem]:
    try:
        children = sorted(folder.iterdir())
    except OSError as error:
        yield InputProblem(str(folder), f"cannot list folder ({error.strerror or error})")
        return
    for child in children:
        if child.name.startswith("."):
            continue
        kind = _kind(child)
        # Symlinked folders are not entered: they could loop back.
        if kind == "folder" and not child.is_symlink():
            yield from _files_in(child)
        elif kind == "file":
            yield child
        elif kind != "folder":
            # The folder's other files are still read: this one is left out and named.
            yield InputProblem(str(child), f"{kind}; left out", warning=True)


def _read_file(path: Path, max_file_bytes: int, ocr: bool) -> Iterator[Article | InputProblem]:
    source = str(path)
    too_large = f"file too large (over {max_file_bytes} bytes; configurable with --max-file-size)"
    try:
        data = _read_bounded(path, max_file_bytes)
        if data is None:
            yield InputProblem(source, too_large)
            return
    except _NotRegular as error:
        yield InputProblem(source, str(error))
        return
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


class _NotRegular(Exception):
    """What was opened is no regular file (it was replaced after it was listed)."""


def _read_bounded(path: Path, max_bytes: int) -> bytes | None:
    """The bytes of ``path``, or None when there are more than ``max_bytes``. Opened
    without waiting (a FIFO put in a file's place does not hang the run), checked to be
    a regular file, and read no further than the limit, whatever the size says."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise _NotRegular("not a regular file")
        data = file.read(max_bytes + 1)
    return data if len(data) <= max_bytes else None


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
