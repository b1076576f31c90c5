"""Half-width punctuation read as the full-width marks that Chinese text is written with.

Web text that went through NFKC normalisation (many pages and crawlers) has ``,`` ``:``
``(`` where the writer typed ``，`` ``：`` ``（``. Recognition and the relation rules read
clause structure from the full-width marks, so the text they see gets them back here,
one character for one, which keeps every offset pointing at the same place in the text as
written (evidence is quoted from that). Marks between two ASCII characters stay as they
are: 14:52, 1,000, http://.
"""

from __future__ import annotations

import re

_CLAUSE_MARKS = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
_BRACKETS = str.maketrans({"(": "（", ")": "）"})
_CLAUSE_MARK = re.compile(r"[,:;!?]")
_ASCII = re.compile(r"[!-~]")


def _is_ascii(char: str) -> bool:
    return bool(_ASCII.match(char))


def full_width_punctuation(line: str) -> str:
    """``line`` with Chinese text's punctuation in full width, as long as ``line``.

    Straight double quotes become “ and ” when they pair up within the line.
    """
    chars = list(line.translate(_BRACKETS))
    for mark in _CLAUSE_MARK.finditer(line):
        i = mark.start()
        before = line[i - 1] if i else " "
        after = line[i + 1] if i + 1 < len(line) else " "
        if not (_is_ascii(before) and _is_ascii(after)):
            chars[i] = _CLAUSE_MARKS[mark.group()]
    quotes = [i for i, char in enumerate(line) if char == '"']
    if len(quotes) % 2 == 0:
        for n, i in enumerate(quotes):
            chars[i] = "”" if n % 2 else "“"
    return "".join(chars)
