import codecs

import pytest

from kg.ingest.decode import NotText, decode

SIMPLIFIED = "近日，海淀区总工会与区职业学校联合举办技能培训班。工会驿站为快递员提供休息场所。"
TRADITIONAL = "本報訊（記者 李明）近日，通州區總工會舉辦職工技能大賽，來自全區的二百餘名職工參賽。"
SHORT_SIMPLIFIED = "近日，海淀区总工会举办职工技能培训班。"
SHORT_TRADITIONAL = "區總工會召開會議"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (SIMPLIFIED.encode("utf-8"), SIMPLIFIED),
        (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), SIMPLIFIED),
        (SIMPLIFIED.encode("utf-16"), SIMPLIFIED),
        (SIMPLIFIED.encode("gbk"), SIMPLIFIED),
        (SIMPLIFIED.encode("gb18030"), SIMPLIFIED),
        (SHORT_SIMPLIFIED.encode("gbk"), SHORT_SIMPLIFIED),
        (TRADITIONAL.encode("big5"), TRADITIONAL),
        (SHORT_TRADITIONAL.encode("big5"), SHORT_TRADITIONAL),
        (TRADITIONAL.encode("gbk"), TRADITIONAL),
        (b"plain ASCII text\n", "plain ASCII text\n"),
    ],
    ids=[
        "utf-8",
        "utf-8-bom",
        "utf-16-bom",
        "gbk",
        "gb18030",
        "gbk-short",
        "big5",
        "big5-short",
        "traditional-in-gbk",
        "ascii",
    ],
)
def test_decodes_each_encoding(data: bytes, expected: str) -> None:
    assert decode(data) == expected


@pytest.mark.parametrize(
    ("text", "written_as", "misread_as"),
    [
        (SIMPLIFIED, "gbk", "big5hkscs"),
        (SHORT_SIMPLIFIED, "gbk", "big5hkscs"),
        # Short mixed lines that charset-normalizer alone takes for Big5.
        ("2023年，朝阳区", "gbk", "big5hkscs"),
        ("截至目前，2023", "gbk", "big5hkscs"),
        (TRADITIONAL, "big5", "gb18030"),
        (SHORT_TRADITIONAL, "big5", "gb18030"),
    ],
)
def test_gbk_and_big5_are_not_confused(text: str, written_as: str, misread_as: str) -> None:
    data = text.encode(written_as)
    # The trap is real: the bytes also decode without error in the other encoding.
    assert data.decode(misread_as) != text
    assert decode(data) == text


@pytest.mark.parametrize(
    ("data", "message_part"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL"),
        (bytes(range(1, 9)) * 20 + b"abc", "binary"),
        (b"\x80\x80\xff\xff abc \xff", "undecodable"),
    ],
    ids=["nul-bytes", "control-characters", "undecodable"],
)
def test_reports_bytes_that_are_not_text(data: bytes, message_part: str) -> None:
    result = decode(data)
    assert isinstance(result, NotText)
    assert message_part in result.message
