"""Newspaper pages as PDF, drawn for the tests with reportlab's CID font STSong-Light.

A page is a list of blocks; each block is text set in one column (or across several)
at a size, wrapped to the column's width, top to bottom.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
MARGIN = 40.0
GUTTER = 20.0
BODY = 10.0


@dataclass(frozen=True)
class Block:
    text: str
    column: int = 0  # the first column it stands in
    span: int = 1  # how many columns it spans
    size: float = BODY


def _wrap(text: str, width: float, size: float) -> list[str]:
    per_line = max(1, int(width // size))
    lines = []
    for paragraph in text.split("\n"):
        lines += [paragraph[i : i + per_line] for i in range(0, len(paragraph), per_line)] or [""]
    return lines


def draw_page(c: canvas.Canvas, blocks: list[Block], columns: int) -> None:
    width, height = A4
    column_width = (width - 2 * MARGIN - (columns - 1) * GUTTER) / columns
    tops = [height - MARGIN] * columns  # where the next line of each column goes
    for block in blocks:
        cols = range(block.column, block.column + block.span)
        top = min(tops[i] for i in cols)
        x = MARGIN + block.column * (column_width + GUTTER)
        block_width = block.span * column_width + (block.span - 1) * GUTTER
        c.setFont(FONT, block.size)
        for line in _wrap(block.text, block_width, block.size):
            top -= block.size * 1.5
            c.drawString(x, top, line)
        top -= block.size * 0.8  # space after the block
        for i in cols:
            tops[i] = top


def pdf_bytes(pages: list[tuple[list[Block], int]], **options: object) -> bytes:
    """A PDF of ``pages``, each (blocks, number of columns)."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, **options)
    for blocks, columns in pages:
        draw_page(c, blocks, columns)
        c.showPage()
    c.save()
    return buffer.getvalue()
