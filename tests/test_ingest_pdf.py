"""PDF newspaper pages: columns, headlines, banners, captions and continuations are read
as a reader reads them; bad and scanned PDFs get one line each."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from kg.article import Article, InputProblem
from kg.ingest import read_paths
from kg.ingest.pdf import Piece, page_articles, read_pdf
from tests.conftest import Records
from tests.pdf_pages import BODY, Block, pdf_bytes

H1 = "朝阳区总工会为快递员送清凉"
B1 = (
    "本报讯 7月10日，朝阳区总工会在望京街道工会驿站举办“夏送清凉”慰问活动，为200余名快递员"
    "和外卖配送员送去防暑降温物资。活动现场，工作人员还为大家讲解了入会流程和工会服务项目。"
)
H2 = "海淀区总工会启动职工技能大赛"
B2 = (
    "本报讯 7月12日，海淀区总工会在中关村软件园启动2025年海淀区职工职业技能大赛，来自全区的"
    "300余名职工报名参赛。大赛设置电工、焊工等8个工种，决赛将于9月举行。"
)
H3 = "丰台区总工会为环卫工人建成爱心驿站"
B3 = (
    "本报讯 近日，丰台区总工会在卢沟桥街道建成爱心驿站，为环卫工人提供饮水、热饭和休息服务。"
    "驿站每天开放12小时，周末还向快递员开放。丰台区总工会副主席李红表示，将继续做好服务。"
)
BANNER = Block("劳动午报 2025年7月14日 星期一 第3版", 0, 3, 9)
CAPTION = "图为活动现场（王明 摄）"


def articles(data: bytes) -> list[Article]:
    items = list(read_pdf(data, "page.pdf"))
    assert all(isinstance(item, Article) for item in items), items
    return [item for item in items if isinstance(item, Article)]


def body_of(article: Article) -> str:
    return article.text.split("\n", 1)[1].replace(" ", "")


def test_one_column() -> None:
    (article,) = articles(pdf_bytes([([Block(H1, size=16), Block(B1)], 1)]))
    assert article.headline == H1
    assert body_of(article) == B1.replace(" ", "")
    assert article.page == 1


def test_two_columns_are_read_one_after_the_other() -> None:
    page = [Block(H1, 0, size=16), Block(B1, 0), Block(H2, 1, size=16), Block(B2, 1)]
    first, second = articles(pdf_bytes([(page, 2)]))
    assert (first.headline, second.headline) == (H1, H2)
    assert body_of(first) == B1.replace(" ", "")
    assert body_of(second) == B2.replace(" ", "")
    # each article's box is its own column
    assert first.box is not None and second.box is not None
    assert first.box[2] < second.box[0]


def test_three_columns_with_a_headline_over_two_and_a_banner() -> None:
    long_body = B1 + "\n" + B1.replace("本报讯 ", "")
    page = [
        BANNER,
        Block(H1, 0, 2, size=20),
        Block(long_body, 0, 1),
        Block(long_body.replace("活动现场", "在现场"), 1, 1),
        Block(H3, 2, size=16),
        Block(B3, 2),
    ]
    first, second = articles(pdf_bytes([(page, 3)]))
    assert first.headline == H1
    assert body_of(first).startswith(B1.replace(" ", ""))
    assert "在现场" in body_of(first)  # the second column continues the first article
    assert second.headline == H3 and body_of(second) == B3.replace(" ", "")
    assert first.date == second.date == "2025-07-14"  # from the banner
    assert "劳动午报" not in first.text and "第3版" not in first.text


def test_a_caption_and_a_continuation_mark_are_not_article_text() -> None:
    page = [
        Block(H1, 0, size=16),
        Block(B1, 0),
        Block(CAPTION, 0, size=8),
        Block("工会还将持续开展慰问。（下转第4版）", 0),
    ]
    (article,) = articles(pdf_bytes([(page, 1)]))
    assert "摄" not in article.text and "下转" not in article.text
    assert article.text.endswith("工会还将持续开展慰问。")


def test_an_article_continued_from_another_page() -> None:
    page1 = [Block(H1, 0, size=16), Block(B1, 0)]
    page2 = [
        Block("（上接第1版）工会还将为快递员开展体检。", 0),
        Block(H2, 0, size=16),
        Block(B2, 0),
    ]
    items = articles(pdf_bytes([(page1, 1), (page2, 1)]))
    assert [(a.page, a.headline) for a in items] == [
        (1, H1),
        (2, "工会还将为快递员开展体检。"),
        (2, H2),
    ]


def test_traditional_characters_are_read_as_simplified() -> None:
    (article,) = articles(
        pdf_bytes(
            [
                (
                    [
                        Block("朝陽區總工會為快遞員送清涼", size=16),
                        Block("本報訊 朝陽區總工會在望京街道工會驛站舉辦慰問活動。"),
                    ],
                    1,
                )
            ]
        )
    )
    assert article.headline == "朝阳区总工会为快递员送清凉"
    assert "朝陽區總工會" in article.original


def test_pdf_gives_the_same_triples_as_plain_text(tmp_path: Path, records: Records) -> None:
    page = [Block(H1, 0, size=16), Block(B1, 0), Block(H3, 1, size=16), Block(B3, 1)]
    (tmp_path / "page.pdf").write_bytes(pdf_bytes([(page, 2)]))
    for name, (headline, body) in {"a.txt": (H1, B1), "b.txt": (H3, B3)}.items():
        (tmp_path / name).write_text(f"{headline}\n{body}\n", encoding="utf-8")

    def triples(files: list[Path]) -> list[set[tuple[str, str, str]]]:
        found = []
        for record in records(files):
            assert isinstance(record, dict), record
            found.append({(t["s"], t["p"], t["o"]) for t in record["triples"]})
        return found

    from_pdf = triples([tmp_path / "page.pdf"])
    from_text = triples([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert from_pdf == from_text
    assert all(from_pdf)


def test_a_record_from_a_pdf_carries_page_and_box(tmp_path: Path, records: Records) -> None:
    (tmp_path / "page.pdf").write_bytes(pdf_bytes([([Block(H1, size=16), Block(B1)], 1)]))
    (record,) = list(records([tmp_path / "page.pdf"]))
    assert isinstance(record, dict)
    assert record["page"] == 1 and len(record["box"]) == 4


# --- bad and scanned PDFs --------------------------------------------------------


def problems(path: Path, **options: bool) -> list[str]:
    return [str(item) for item in read_paths([path], **options) if isinstance(item, InputProblem)]


ZERO_PAGES = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


def _unmapped_font() -> bytes:
    """A page whose font has no ToUnicode map: its glyph ids mean nothing as text."""
    content = "BT /F1 12 Tf 50 700 Td <" + "".join(f"{i:04x}" for i in range(1, 41)) + "> Tj ET"
    return (
        b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
        b"2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
        b"3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]"
        b"/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>> endobj\n"
        b"4 0 obj <</Type/Font/Subtype/Type0/BaseFont/Foo/Encoding/Identity-H"
        b"/DescendantFonts[6 0 R]>> endobj\n"
        b"6 0 obj <</Type/Font/Subtype/CIDFontType2/BaseFont/Foo/CIDSystemInfo"
        b"<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/DW 1000>> endobj\n"
        + f"5 0 obj <</Length {len(content)}>> stream\n{content}\nendstream endobj\n".encode()
        + b"trailer <</Root 1 0 R>>\n%%EOF\n"
    )


def _many_images() -> bytes:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    png = _page_image(pdf_bytes([([Block("小")], 1)]), scale=0.05)
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    image = ImageReader(io.BytesIO(png))
    for i in range(1000):
        c.drawImage(image, 10 + (i % 40) * 13, 10 + (i // 40) * 13, 12, 12)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _page_image(data: bytes, scale: float) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    image = document[0].render(scale=scale).to_pil()
    document.close()
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _scanned(data: bytes) -> bytes:
    """The first page of ``data`` as an image only: what a scanner gives."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.drawImage(ImageReader(io.BytesIO(_page_image(data, 300 / 72))), 0, 0, *A4)
    c.showPage()
    c.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: pdf_bytes([([Block(H1)], 1)], encrypt="secret"), "encrypted PDF"),
        (lambda: pdf_bytes([([Block(H1), Block(B1)], 1)])[:600], "damaged PDF"),
        (lambda: ZERO_PAGES, "PDF has no pages"),
        (_unmapped_font, "page 1: its fonts have no Unicode map"),
        (_many_images, "page 1: no text layer (a scan?); skipped, read with --ocr"),
        (lambda: _scanned(pdf_bytes([([Block(H1, size=16), Block(B1)], 1)])), "no text layer"),
    ],
    ids=["encrypted", "damaged", "zero-pages", "private-use", "images", "scan"],
)
def test_bad_pdfs_get_one_line(tmp_path: Path, make, message: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(make())
    found = problems(path)
    assert found and message in found[0], found
    assert all("\n" not in line and line.startswith(str(path)) for line in found)


def test_other_files_of_a_run_are_still_read(tmp_path: Path) -> None:
    (tmp_path / "a-bad.pdf").write_bytes(b"%PDF-1.4 broken")
    (tmp_path / "b.txt").write_text(f"{H1}\n{B1}\n", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert [type(item) for item in items] == [InputProblem, Article]


def test_a_file_is_judged_by_its_bytes_not_its_name(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_bytes(pdf_bytes([([Block(H1, size=16), Block(B1)], 1)]))
    (tmp_path / "notes.pdf").write_text(f"{H2}\n{B2}\n", encoding="utf-8")
    found = [item for item in read_paths([tmp_path]) if isinstance(item, Article)]
    assert sorted(a.headline for a in found) == sorted([H1, H2])


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs Debian's tesseract-ocr")
def test_ocr_reads_a_scanned_page(tmp_path: Path) -> None:
    from difflib import SequenceMatcher

    path = tmp_path / "scan.pdf"
    path.write_bytes(_scanned(pdf_bytes([([Block(H1, size=16), Block(B1, size=BODY)], 1)])))
    (article,) = [item for item in read_paths([path], ocr=True) if isinstance(item, Article)]
    expected = (H1 + B1).replace(" ", "")
    got = article.text.replace("\n", "").replace(" ", "")
    matched = sum(
        block.size for block in SequenceMatcher(None, expected, got).get_matching_blocks()
    )
    assert matched / len(expected) >= 0.95, got
    assert "朝阳区总工会" in got and "望京街道" in got


def test_evidence_from_a_pdf_names_file_page_and_box(tmp_path: Path, records: Records) -> None:
    """The graph keeps each PDF article's page and box, and the page's data, which the
    evidence panel shows, carries them with the file's name."""
    from kg.folder import build
    from kg.page.data import page_data
    from tests.conftest import network_of

    page = [Block(H1, 0, size=16), Block(B1, 0), Block(H3, 1, size=16), Block(B3, 1)]
    (tmp_path / "issue.pdf").write_bytes(
        pdf_bytes([([Block(H2, size=16), Block(B2)], 1), (page, 2)])
    )
    build([tmp_path / "issue.pdf"], tmp_path / "out", records)
    articles = page_data(network_of(tmp_path / "out"), title="issue")["articles"]
    by_headline = {a["headline"]: a for a in articles}
    assert by_headline[H3]["page"] == 2 and by_headline[H2]["page"] == 1
    assert by_headline[H3]["source"] == "issue.pdf"
    x0, top, x1, bottom = map(float, by_headline[H3]["box"].split())
    assert 300 < x0 < x1 and top < bottom


def _piece(top: float, text: str, size: float = BODY, bold: bool = False) -> Piece:
    return Piece(40.0, top, 40.0 + size * len(text), top + size, text, size, bold)


def test_a_bold_line_of_the_body_size_is_a_headline() -> None:
    """Headlines are told by weight as well as size: a line set bold (黑体) at the body's
    size opens an article; a bold word in a sentence does not."""
    lines = [
        _piece(50, "区总工会启动冬送温暖行动", bold=True),
        _piece(65, "本报讯 近日，区总工会启动“冬送温暖”行动，为环卫工人送去棉衣。"),
        _piece(80, "慰问活动持续到春节。", bold=True),
        _piece(95, "工会驿站同时延长开放时间，方便环卫工人休息和取暖。"),
    ]
    (article,) = page_articles(lines, "page.pdf", 0)
    assert article.headline == "区总工会启动冬送温暖行动"
    assert "慰问活动持续到春节。" in article.text
