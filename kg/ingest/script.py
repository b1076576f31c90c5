"""Traditional → Simplified conversion that keeps every character at its offset."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import opencc

_DICTIONARIES = Path(opencc.__file__).parent / "dictionary"


@cache
def _character_map() -> dict[str, str]:
    """OpenCC's own one-to-one table, used where phrase conversion would change the length."""
    table: dict[str, str] = {}
    for line in (_DICTIONARIES / "TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        first = values.split(" ")[0]
        if len(key) == 1 and len(first) == 1 and first != key:
            table[key] = first
    return table


@cache
def _traditional_characters() -> frozenset[str]:
    """Every character that t2s can change: those of the character table, and those that only
    change inside a phrase made of no other Traditional character (沈默 → 沉默)."""
    table = _character_map()
    chars = set(table)
    for line in (_DICTIONARIES / "TSPhrases.txt").read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        first = values.split(" ")[0]
        if not any(char in table for char in key):
            chars.update(k for k, v in zip(key, first, strict=False) if k != v)
    return frozenset(chars)


@cache
def converter() -> opencc.OpenCC:
    """OpenCC's Traditional → Simplified converter; built once, since building it loads its
    dictionaries. Its phrase conversion may change the length (see to_simplified)."""
    return opencc.OpenCC("t2s")


def has_traditional(text: str) -> bool:
    """Cheap test that decides whether the slow phrase conversion is needed at all."""
    return not _traditional_characters().isdisjoint(text)


def to_simplified(text: str) -> str:
    """The Simplified form of ``text``, always exactly as long as ``text``."""
    if not has_traditional(text):
        return text
    converted = converter().convert(text)
    if len(converted) == len(text):
        return converted
    table = _character_map()
    return "".join(table.get(char, char) for char in text)
