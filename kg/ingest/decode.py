"""Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK or Big5."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache

from charset_normalizer import from_bytes

from kg.ingest.script import to_simplified

# Supersets of GBK and of Big5, so that files written by either family's encoders decode.
_CHINESE_ENCODINGS = ("gb18030", "big5hkscs")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of control characters above which decoded "text" is taken to be binary data.
_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Punctuation and symbols that a right reading keeps and a wrong one turns into rare characters.
_CJK_PUNCTUATION = re.compile(r"[\u2000-\u206f\u3000-\u303f\uff00-\uffef]")
# Characters looked at to tell the Chinese encodings apart; plenty even for short files.
_SAMPLE_CHARS = 20_000


@dataclass(frozen=True)
class NotText:
    """Why some bytes are not readable text."""

    message: str


def decode(data: bytes) -> str | NotText:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data, encoding)
    if b"\x00" in data:
        return NotText("binary file (contains NUL bytes)")
    try:
        return _checked_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    readings: dict[str, str] = {}
    for encoding in _CHINESE_ENCODINGS:
        try:
            readings[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if not readings:
        return NotText("undecodable bytes (not UTF-8, GB18030/GBK or Big5)")
    return _checked_text(readings[_choose(data, readings)])


def _choose(data: bytes, readings: dict[str, str]) -> str:
    """charset-normalizer's pick, unless another reading is clearly more plausible Chinese.

    Big5 bytes always decode as GB18030 too, and GBK bytes often decode as Big5, so a
    reading that succeeds is not enough: the right one is made of common characters.
    """
    if len(readings) == 1:
        return next(iter(readings))
    best = from_bytes(data, cp_isolation=list(readings)).best()
    default = best.encoding if best is not None and best.encoding in readings else None
    scores = {encoding: _commonness(text) for encoding, text in readings.items()}
    top = max(scores, key=lambda encoding: scores[encoding])
    if default is not None and scores[default] >= scores[top] - 0.05:
        return default
    return top


def _commonness(text: str) -> float:
    """Share of non-ASCII characters that are punctuation or, in Simplified form, among the
    3755 commonest Hanzi."""
    sample = [char for char in text[: _SAMPLE_CHARS * 4] if ord(char) > 0x7F][:_SAMPLE_CHARS]
    if not sample:
        return 0.0
    common = _common_characters()
    simplified = to_simplified("".join(sample))
    plausible = sum(char in common or bool(_CJK_PUNCTUATION.match(char)) for char in simplified)
    return plausible / len(sample)


@cache
def _common_characters() -> frozenset[str]:
    """GB2312 level 1: the standard's own list of the 3755 most frequent Hanzi."""
    chars = set()
    for high in range(0xB0, 0xD8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def _checked(data: bytes, encoding: str) -> str | NotText:
    try:
        return _checked_text(data.decode(encoding))
    except UnicodeDecodeError:
        return NotText(f"undecodable bytes (invalid {encoding} after its byte-order mark)")


def _checked_text(text: str) -> str | NotText:
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        return NotText("binary file (not text)")
    return text
