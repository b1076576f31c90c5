"""The layout rules of page_patterns.toml, compiled once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_RULES_FILE = Path(__file__).with_name("page_patterns.toml")


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


@dataclass(frozen=True)
class Layout:
    leads: re.Pattern[str]
    bylines: re.Pattern[str]
    photo_credits: re.Pattern[str]
    furniture: re.Pattern[str]
    column_heads: re.Pattern[str]
    sub_headlines: re.Pattern[str]
    date_line: re.Pattern[str]
    html_date_label: re.Pattern[str]
    html_date_meta: tuple[str, ...]
    html_boilerplate_tags: tuple[str, ...]
    html_boilerplate_attributes: re.Pattern[str]
    max_headline_chars: int
    min_sentence_chars: int


@cache
def layout() -> Layout:
    rules = tomllib.loads(_RULES_FILE.read_text(encoding="utf-8"))
    return Layout(
        leads=_any_of(rules["leads"]),
        bylines=_any_of(rules["bylines"]),
        photo_credits=_any_of(rules["photo_credits"]),
        furniture=_any_of(rules["furniture"]),
        column_heads=_any_of(rules["column_heads"]),
        sub_headlines=_any_of(rules["sub_headlines"]),
        date_line=re.compile(rules["date_line"]),
        html_date_label=re.compile(rules["html_date_label"]),
        html_date_meta=tuple(name.lower() for name in rules["html_date_meta"]),
        html_boilerplate_tags=tuple(rules["html_boilerplate_tags"]),
        html_boilerplate_attributes=re.compile(rules["html_boilerplate_attributes"]),
        max_headline_chars=int(rules["max_headline_chars"]),
        min_sentence_chars=int(rules["min_sentence_chars"]),
    )
