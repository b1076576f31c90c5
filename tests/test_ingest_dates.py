import pytest

from kg.ingest.dates import iso_date, line_date
from kg.ingest.lines import Line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-12", "2025-03-12"),
        ("2025-03-12T09:30:00+08:00", "2025-03-12"),
        ("2025/3/2 10:00", "2025-03-02"),
        ("2025.03.12", "2025-03-12"),
        ("2025年3月12日 星期三", "2025-03-12"),
        ("20250312", "2025-03-12"),
        ("2025-02-30", None),
        ("2025至2027年", None),
        ("第12345678号", None),
        ("", None),
    ],
)
def test_iso_date(text: str, expected: str | None) -> None:
    assert iso_date(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2025年3月12日", "2025-03-12"),
        ("发布时间：2025-03-12 10:30", "2025-03-12"),
        ("日期: 2025/3/12 来源：区总工会", "2025-03-12"),
        ("2025年3月12日，区总工会召开全委会", None),
        ("2025年3月12日区总工会召开全委会。", None),
        ("区总工会2025年3月12日召开全委会", None),
    ],
)
def test_line_date(line: str, expected: str | None) -> None:
    assert line_date(Line.of(line)) == expected
