"""Newspaper pages as PDF: the text layer read as a reader reads it.

pdfplumber (on pdfminer.six) gives every character with its position, font and size,
which is what telling columns and headlines apart needs, and it is pure Python. A page
is cut into pieces (runs of characters on one line of one column), the pieces are put in
reading order by recursive cuts along the white space between columns and between
bands (a headline spanning two columns comes before both), and the lines are then told
apart by size: headlines are larger than the body text, captions smaller. Banners, page
numbers and continuation marks (转第N版, 下转…) are kept out of the articles. Each article
keeps its page number and the box it came from, in PDF points from the top left.

Pages without a text layer (scans) are skipped with one line, or read with Tesseract
(``--ocr``, kg/ingest/ocr.py) and laid out the same way.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import pairwise

from kg.article import Article, InputProblem
from kg.ingest.dates import iso_date, line_date
from kg.ingest.lines import Line, cleaned, is_headline_like, join_broken, to_article
from kg.ingest.patterns import layout

PDF_MAGIC = b"%PDF-"
# Where a PDF's header may start: some writers put a few bytes before it.
_MAGIC_WITHIN = 1024
# A page with fewer characters than this in its text layer is a scan.
MIN_TEXT_CHARS = 10
# Headlines are at least this much larger than the body text; captions this much smaller.
HEADLINE_RATIO = 1.2
CAPTION_RATIO = 0.88
# Characters of text continued from another page that stand for its headline.
CONTINUED_HEADLINE = 30
# A gap between columns is at least this many body-text characters wide.
GUTTER_CHARS = 1.0
# Font names of bold faces, and of the black faces (黑体) Chinese headlines are set in.
BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|hei|黑", re.IGNORECASE)
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
_CONTINUATION = re.compile(
    r"[（(]?(?:下?转第?[0-9一二三四五六七八九十]+版|上接第?[0-9一二三四五六七八九十]+版|"
    r"下转[^，。]{0,8}|接第[0-9一二三四五六七八九十]+版)[）)]?"
)


# pdfminer logs what it works around in a damaged file; the reader reports what matters.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
UNMAPPED = "its fonts have no Unicode map (unmapped or private-use characters)"


def _unmapped(char: dict) -> bool:
    """pdfminer writes a glyph it cannot map as (cid:N)."""
    return char["text"].startswith("(cid:") or _PRIVATE_USE.match(char["text"]) is not None


def is_pdf(data: bytes) -> bool:
    return PDF_MAGIC in data[:_MAGIC_WITHIN]


@dataclass(frozen=True)
class Piece:
    """Characters on one line of one column, with their box in points (top-left origin)."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    size: float
    bold: bool = False


@dataclass(frozen=True)
class _PageLine:
    pieces: tuple[Piece, ...]

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    @property
    def size(self) -> float:
        return max(piece.size for piece in self.pieces)

    def is_headline(self, body: float) -> bool:
        """Larger than the body text; or as large, set in a bold face (黑体 included),
        and short of a sentence: a headline of the body's size."""
        if self.size >= body * HEADLINE_RATIO:
            return True
        return (
            self.size >= body
            and all(piece.bold for piece in self.pieces)
            and is_headline_like(Line.of(self.text))
        )


class _Unreadable(Exception):
    """The whole file cannot be read; the message says why."""


def read_pdf(data: bytes, source: str, *, ocr: bool = False) -> Iterator[Article | InputProblem]:
    """The articles of every page, in reading order; problems as InputProblems."""
    try:
        pages = list(_page_pieces(data, source, ocr))
    except _Unreadable as error:
        yield InputProblem(source, str(error))
        return
    index = 0
    for number, pieces in pages:
        if isinstance(pieces, InputProblem):
            yield pieces
            continue
        for article in page_articles(pieces, source, index):
            yield replace(article, page=number)
            index += 1


def _page_pieces(
    data: bytes, source: str, ocr: bool
) -> Iterator[tuple[int, list[Piece] | InputProblem]]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        count = len(pdf.pages)
    except (PdfminerException, PDFPasswordIncorrect, PDFEncryptionError) as error:
        cause = error.args[0] if error.args else error
        if (
            isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError)
            or "password" in str(cause).lower()
        ):
            raise _Unreadable("encrypted PDF (it needs a password to be read)") from None
        raise _Unreadable(f"damaged PDF ({cause or type(cause).__name__})") from None
    except Exception as error:  # pdfminer raises many kinds on broken files
        raise _Unreadable(f"damaged PDF ({type(error).__name__}: {error})") from None
    if not count:
        raise _Unreadable("PDF has no pages")
    scans: list[int] = []
    with pdf:
        for number, page in enumerate(pdf.pages, 1):
            try:
                chars = [c for c in page.chars if c["text"].strip()]
            except Exception as error:  # a damaged page does not take the others down
                yield number, InputProblem(source, f"page {number}: damaged ({error})")
                continue
            if len(chars) < MIN_TEXT_CHARS:
                if not ocr:
                    scans.append(number)
                    continue
                from kg.ingest.ocr import ocr_pieces

                found = ocr_pieces(data, number - 1, source)
                yield number, found
                continue
            if sum(map(_unmapped, chars)) > len(chars) / 5:
                yield number, InputProblem(source, f"page {number}: {UNMAPPED}; skipped")
                continue
            yield number, list(_pieces(chars))
    if scans:
        pages = ", ".join(map(str, scans))
        yield (
            scans[0],
            InputProblem(
                source,
                f"page{'s' if len(scans) > 1 else ''} {pages}: no text layer (a scan?); "
                "skipped, read with --ocr",
            ),
        )


def _pieces(chars: list[dict]) -> Iterator[Piece]:
    """Runs of characters on one line with no gap wider than a character between them."""
    rows: dict[int, list[dict]] = {}
    for char in chars:
        rows.setdefault(round(char["top"]), []).append(char)
    # Characters of one line whose tops differ by a rounding step are one row.
    merged: list[list[dict]] = []
    for top in sorted(rows):
        if merged and top - round(merged[-1][0]["top"]) <= 1:
            merged[-1].extend(rows[top])
        else:
            merged.append(list(rows[top]))
    for row in merged:
        row.sort(key=lambda c: c["x0"])
        run: list[dict] = [row[0]]
        for char in row[1:]:
            gap = char["x0"] - run[-1]["x1"]
            if (
                gap > GUTTER_CHARS * min(char["size"], run[-1]["size"])
                or abs(char["size"] - run[-1]["size"]) > 0.5
                or _is_bold(char) != _is_bold(run[-1])
            ):
                yield _piece(run)
                run = []
            run.append(char)
        yield _piece(run)


def _piece(chars: list[dict]) -> Piece:
    """The characters as one piece; a gap of a third of a character is a space."""
    text = [chars[0]["text"]]
    for before, char in pairwise(chars):
        if char["x0"] - before["x1"] > char["size"] / 3:
            text.append(" ")
        text.append(char["text"])
    return Piece(
        min(c["x0"] for c in chars),
        min(c["top"] for c in chars),
        max(c["x1"] for c in chars),
        max(c["bottom"] for c in chars),
        "".join(text),
        round(max(c["size"] for c in chars), 1),
        all(map(_is_bold, chars)),
    )


def _is_bold(char: dict) -> bool:
    return BOLD_FONT.search(char.get("fontname") or "") is not None


# --- reading order -----------------------------------------------------------


def reading_order(pieces: list[Piece], gutter: float) -> list[Piece]:
    """Pieces as a reader takes them: columns left to right, each top to bottom, with
    whatever spans columns (a banner, a headline over two columns) read where it stands.

    Recursive cuts along white space (XY-cut): a gap at least ``gutter`` wide that runs
    the whole height of the region parts columns; failing one, the region is cut into
    bands between rows, and neighbouring bands that share a column gap are read as one
    region again, so that the rows of two columns are never read across.
    """
    if len(pieces) <= 1:
        return list(pieces)
    cut = _column_gap(pieces, gutter)
    if cut is not None:
        left = [p for p in pieces if p.x1 <= cut]
        right = [p for p in pieces if p.x1 > cut]
        return reading_order(left, gutter) + reading_order(right, gutter)
    bands = _bands(pieces)
    if len(bands) == 1:
        return sorted(pieces, key=lambda p: (p.top, p.x0))
    ordered: list[Piece] = []
    for group in _regions(bands, gutter):
        if len(group) == 1 and _column_gap(group[0], gutter) is None:
            ordered.extend(sorted(group[0], key=lambda p: (p.top, p.x0)))
        else:
            ordered.extend(reading_order([p for band in group for p in band], gutter))
    return ordered


def _gaps(pieces: Iterable[Piece], gutter: float) -> list[tuple[float, float]]:
    """The x-intervals at least ``gutter`` wide that no piece covers, between pieces."""
    spans = sorted((p.x0, p.x1) for p in pieces)
    gaps = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= gutter:
            gaps.append((reach, x0))
        reach = max(reach, x1)
    return gaps


def _column_gap(pieces: list[Piece], gutter: float) -> float | None:
    """The middle of the widest gap between columns, if there is one."""
    gaps = _gaps(pieces, gutter)
    if not gaps:
        return None
    x0, x1 = max(gaps, key=lambda gap: gap[1] - gap[0])
    return (x0 + x1) / 2


def _bands(pieces: list[Piece]) -> list[list[Piece]]:
    """Pieces grouped into horizontal bands separated by white space."""
    ordered = sorted(pieces, key=lambda p: p.top)
    bands: list[list[Piece]] = [[ordered[0]]]
    bottom = ordered[0].bottom
    for piece in ordered[1:]:
        if piece.top >= bottom - 0.5:
            bands.append([piece])
        else:
            bands[-1].append(piece)
        bottom = max(bottom, piece.bottom) if piece.top < bottom - 0.5 else piece.bottom
    return bands


def _regions(bands: list[list[Piece]], gutter: float) -> list[list[list[Piece]]]:
    """Neighbouring bands joined while they share a gap between columns."""
    regions: list[list[list[Piece]]] = []
    shared: list[tuple[float, float]] = []
    for band in bands:
        gaps = _gaps(band, gutter)
        common = _overlaps(shared, gaps, gutter) if regions and shared and gaps else []
        if common:
            regions[-1].append(band)
            shared = common
        else:
            regions.append([band])
            shared = gaps
    return regions


def _overlaps(
    a: list[tuple[float, float]], b: list[tuple[float, float]], gutter: float
) -> list[tuple[float, float]]:
    found = []
    for a0, a1 in a:
        for b0, b1 in b:
            lo, hi = max(a0, b0), min(a1, b1)
            if hi - lo >= gutter / 2:
                found.append((lo, hi))
    return found


# --- articles ----------------------------------------------------------------


def body_size(pieces: Iterable[Piece]) -> float:
    """The size most of the characters are set in."""
    sizes = Counter[float]()
    for piece in pieces:
        sizes[piece.size] += len(piece.text)
    return sizes.most_common(1)[0][0]


def _lines(ordered: list[Piece]) -> list[_PageLine]:
    """Pieces of one row of one column are one line (a space or a bold word splits them)."""
    lines: list[list[Piece]] = []
    for piece in ordered:
        last = lines[-1][-1] if lines else None
        if (
            last is not None
            and piece.top < last.bottom
            and last.top < piece.bottom
            and piece.x0 >= last.x1
        ):
            lines[-1].append(piece)
        else:
            lines.append([piece])
    return [_PageLine(tuple(line)) for line in lines]


@dataclass
class _Draft:
    heading: list[_PageLine]
    body: list[_PageLine]

    def add_to_heading(self, line: _PageLine) -> None:
        """A headline set on two lines is one headline; a line of another size is a
        kicker or a sub-headline."""
        last = self.heading[-1]
        if line.size == last.size and line.pieces[0].top - last.pieces[-1].bottom < line.size:
            self.heading[-1] = _PageLine(last.pieces + line.pieces)
        else:
            self.heading.append(line)

    def box(self) -> tuple[float, float, float, float]:
        pieces = [p for line in self.heading + self.body for p in line.pieces]
        return (
            round(min(p.x0 for p in pieces), 1),
            round(min(p.top for p in pieces), 1),
            round(max(p.x1 for p in pieces), 1),
            round(max(p.bottom for p in pieces), 1),
        )


def page_articles(pieces: list[Piece], source: str, first_index: int) -> Iterator[Article]:
    """The articles of one page, in reading order."""
    if not pieces:
        return
    size = body_size(pieces)
    lines = _lines(reading_order(pieces, GUTTER_CHARS * size))
    drafts: list[_Draft] = []
    page_date: str | None = None
    for line in lines:
        text = line.text
        if line.is_headline(size):
            if drafts and not drafts[-1].body:
                drafts[-1].add_to_heading(line)  # kicker, main headline, sub-headline
            else:
                drafts.append(_Draft([line], []))
            continue
        if line.size <= size * CAPTION_RATIO:
            continue  # photo captions, credits, page furniture in small type
        as_line = Line.of(text)
        if not drafts and _is_page_furniture(as_line):
            page_date = page_date or line_date(as_line) or iso_date(as_line.text)
            continue
        if not drafts:
            drafts.append(_Draft([], []))  # text continued from an earlier page
        drafts[-1].body.append(line)
    index = first_index
    for draft in drafts:
        article = _article(draft, source, index, page_date)
        if article is not None:
            yield article
            index += 1


def _is_page_furniture(line: Line) -> bool:
    """A banner, page number, date line or column head above the first headline."""
    rules = layout()
    return bool(
        rules.furniture.search(line.text)
        or rules.column_heads.search(line.text)
        or line_date(line)
        or len(line.text) <= 4
    )


def _article(draft: _Draft, source: str, index: int, page_date: str | None) -> Article | None:
    body_lines = [
        Line.of(stripped)
        for line in draft.body
        if (stripped := _CONTINUATION.sub("", line.text).strip())
    ]
    body = join_broken(cleaned(body_lines))
    if not body:
        return None
    if not draft.heading:
        # Text continued from an earlier page: its headline is there; it goes by its
        # first words here.
        article = to_article(source, index, [], body, page_date)
        return replace(article, headline=body[0].text[:CONTINUED_HEADLINE], box=draft.box())
    # The largest line of the headline block is the main headline.
    sizes = [line.size for line in draft.heading]
    main = sizes.index(max(sizes))
    heading = [Line.of(line.text) for line in draft.heading]
    heading = [heading[main], *heading[main + 1 :], *heading[:main]]
    article = to_article(source, index, heading, body, page_date)
    return replace(article, box=draft.box())
