"""Reading a scanned PDF page with Tesseract (Debian's tesseract-ocr, chi_sim and chi_tra).

The page is rendered with pypdfium2 and Tesseract's TSV output gives every recognised
line with its box, which becomes a Piece as the text layer's lines do, so the same
layout reading (kg/ingest/pdf.py) finds the columns, headlines and articles. OCR is
optional: without Tesseract the tool works and says so for scanned pages.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from kg.article import InputProblem
from kg.ingest.pdf import Piece

# Rendering resolution: Tesseract reads Chinese body type best at about 300 dpi.
DPI = 300
SCALE = DPI / 72
# Mean word confidence below which a page is read again as Traditional Chinese.
RETRY_CONFIDENCE = 70.0
PAGE_SECONDS = 120


def ocr_pieces(data: bytes, page_index: int, source: str) -> list[Piece] | InputProblem:
    """The lines Tesseract reads on page ``page_index`` of the PDF ``data``."""
    number = page_index + 1
    if shutil.which("tesseract") is None:
        return InputProblem(
            source, f"page {number}: --ocr needs Tesseract (Debian: tesseract-ocr-chi-sim)"
        )
    import pypdfium2

    with tempfile.TemporaryDirectory(prefix="kg-ocr-") as folder:
        image = Path(folder) / "page.png"
        document = pypdfium2.PdfDocument(data)
        try:
            document[page_index].render(scale=SCALE).to_pil().save(image)
        finally:
            document.close()
        best: tuple[float, list[Piece]] | None = None
        for languages in ("chi_sim", "chi_tra"):
            found = _tesseract(image, languages)
            if isinstance(found, str):
                return InputProblem(source, f"page {number}: OCR failed ({found})")
            if best is None or found[0] > best[0]:
                best = found
            if found[0] >= RETRY_CONFIDENCE:
                break
    assert best is not None
    return best[1]


def _tesseract(image: Path, languages: str) -> tuple[float, list[Piece]] | str:
    """(mean confidence, lines) or the reason it failed."""
    try:
        done = subprocess.run(
            ["tesseract", str(image), "stdout", "-l", languages, "--psm", "3", "tsv"],
            capture_output=True,
            text=True,
            timeout=PAGE_SECONDS,
        )
    except subprocess.TimeoutExpired:
        return f"Tesseract took more than {PAGE_SECONDS} s"
    if done.returncode != 0:
        return done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "no output"
    lines: dict[tuple[str, str, str, str], list[dict[str, str]]] = {}
    confidences = []
    for row in csv.DictReader(io.StringIO(done.stdout), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        key = (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
        lines.setdefault(key, []).append(row)
        confidences.append(float(row["conf"]))
    pieces = [_piece(words) for words in lines.values()]
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return mean, pieces


def _piece(words: list[dict[str, str]]) -> Piece:
    left = min(int(w["left"]) for w in words)
    top = min(int(w["top"]) for w in words)
    right = max(int(w["left"]) + int(w["width"]) for w in words)
    bottom = max(int(w["top"]) + int(w["height"]) for w in words)
    heights = sorted(int(w["height"]) for w in words)
    # Chinese is written without spaces; Tesseract's words are single characters or runs.
    text = "".join(w["text"].strip() for w in words)
    size = round(heights[len(heights) // 2] / SCALE, 0)
    return Piece(left / SCALE, top / SCALE, right / SCALE, bottom / SCALE, text, size)
