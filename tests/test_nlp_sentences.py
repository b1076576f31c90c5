"""kg_sentences: (text, expected sentences) tables."""

from __future__ import annotations

import pytest

CASES = [
    ("第一句。第二句！第三句", ["第一句。", "第二句！", "第三句"]),
    # a closing quotation mark stays with its sentence, an opening one starts the next
    ("他说：“好。”大家笑了。", ["他说：“好。”", "大家笑了。"]),
    ("会上听取了汇报。“天气冷。”他说。", ["会上听取了汇报。", "“天气冷。”", "他说。"]),
    # a line end closes a sentence without final punctuation (headlines)
    ("大兴区总工会启动实施纲要\n本报讯", ["大兴区总工会启动实施纲要\n", "本报讯"]),
    # clause punctuation does not
    ("近日，区总工会召开会议；会议指出。", ["近日，区总工会召开会议；会议指出。"]),
    # marks in a row end one sentence; a text may open with them
    ("真好！！我们走。", ["真好！！", "我们走。"]),
    ("。。开头的话。结尾", ["。。", "开头的话。", "结尾"]),
    ("……。", ["……。"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentences(extractor, text: str, expected: list[str]) -> None:
    assert [s.text for s in extractor.nlp(text).sents] == expected
