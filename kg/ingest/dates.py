"""Publication dates as ISO yyyy-mm-dd."""

from __future__ import annotations

import re
from datetime import date

from kg.ingest.lines import Line, is_headline_like
from kg.ingest.patterns import layout

_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)(?:\s?[-/.年]\s?(\d{1,2})\s?[-/.月]\s?(\d{1,2})|(\d\d)(\d\d))(?!\d)"
)


def iso_date(text: str) -> str | None:
    """The first valid date in ``text`` (2025-03-12, 2025/3/12, 2025年3月12日, 20250312)."""
    for match in _DATE.finditer(text):
        year, month, day = match[1], match[2] or match[4], match[3] or match[5]
        try:
            return date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            continue
    return None


def line_date(line: Line) -> str | None:
    """The date of a line that is only a (labelled) date, such as 发布时间：2025-03-12 10:00."""
    if not is_headline_like(line) or "，" in line.text or not layout().date_line.match(line.text):
        return None
    return iso_date(line.text)
