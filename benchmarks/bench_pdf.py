"""PDF pages: how fast the text layer is read and laid out, and what OCR costs.

Run:  .venv/bin/python benchmarks/bench_pdf.py [--pages 20] [--ocr-pages 2]

Draws a newspaper issue of ``--pages`` three-column pages with reportlab (the demo
corpus's articles, a banner, headlines over one or two columns, captions), then prints:

* pages/s of reading the PDF into articles (pdfplumber + layout reading);
* pages/s of the whole extraction of the same file (reading, recognition, relations)
  and the share of that time spent reading the PDF;
* seconds per page of ``--ocr`` on ``--ocr-pages`` of the pages rendered as scans
  (skipped without Tesseract).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import kg.ingest
from kg.article import Article
from kg.ingest import read_paths
from kg.ingest.pdf import read_pdf
from kg.pipeline import Extractor, run

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from tests.pdf_pages import Block, pdf_bytes  # noqa: E402
from tests.test_ingest_pdf import _scanned  # noqa: E402


def issue(pages: int) -> bytes:
    articles = [a for a in read_paths([REPO / "examples" / "articles"]) if isinstance(a, Article)]
    drawn = []
    for number in range(pages):
        blocks = [Block(f"劳动午报 2025年7月14日 星期一 第{number + 1}版", 0, 3, 9)]
        for column in range(3):
            article = articles[(number * 3 + column) % len(articles)]
            body = article.original.split("\n", 1)[-1][:600]
            blocks += [
                Block(article.headline, column, 1, 15),
                Block(body, column),
                Block("图为活动现场（本报记者 摄）", column, 1, 8),
            ]
        drawn.append((blocks, 3))
    return pdf_bytes(drawn)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--ocr-pages", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "issue.pdf"
        data = issue(args.pages)
        path.write_bytes(data)
        list(read_pdf(data, str(path)))  # imports and caches warm, as in a long run
        started = time.perf_counter()
        found = [a for a in read_pdf(data, str(path)) if isinstance(a, Article)]
        reading = time.perf_counter() - started
        print(f"reading: {args.pages / reading:.1f} pages/s ({len(found)} articles)")
        extractor = Extractor()
        # The time spent reading inside the whole extraction, measured there.
        spent = [0.0]

        def timed(*given: Any, **options: Any) -> Iterator[Any]:
            items = read_pdf_in_ingest(*given, **options)
            while True:
                began = time.perf_counter()
                item = next(items, None)
                spent[0] += time.perf_counter() - began
                if item is None:
                    return
                yield item

        read_pdf_in_ingest = kg.ingest.read_pdf
        kg.ingest.read_pdf = timed
        started = time.perf_counter()
        records = list(run([path], extractor, max_file_bytes=50_000_000))
        whole = time.perf_counter() - started
        kg.ingest.read_pdf = read_pdf_in_ingest
        print(f"extraction: {args.pages / whole:.1f} pages/s ({len(records)} records)")
        print(f"share of extraction spent reading the PDF: {spent[0] / whole:.0%}")
        if shutil.which("tesseract") is None or args.ocr_pages < 1:
            print("ocr: skipped (no tesseract, or --ocr-pages 0)")
            return
        scan = Path(folder) / "scan.pdf"
        scan.write_bytes(_scanned(issue(1)))
        started = time.perf_counter()
        for _ in range(args.ocr_pages):
            list(read_paths([scan], ocr=True))
        print(f"ocr: {(time.perf_counter() - started) / args.ocr_pages:.1f} s/page")


if __name__ == "__main__":
    main()
