import json

import pytest

from kg.article import Article, InputProblem
from kg.ingest.records import read_records

RECORD = {
    "title": "区总工会召开全委会",
    "date": "2025年3月12日",
    "url": "https://example.org/1.html",
    "body": "会议总结了\n全年工作。\n会议部署了新一年任务。",
}


def read(text: str) -> list[Article | InputProblem]:
    return list(read_records(text, "records.json"))


def summary(item: Article | InputProblem) -> tuple:
    if isinstance(item, InputProblem):
        return ("problem", item.message)
    return (item.index, item.headline, item.text, item.date, item.url)


EXPECTED = (
    0,
    "区总工会召开全委会",
    "区总工会召开全委会\n会议总结了全年工作。\n会议部署了新一年任务。",
    "2025-03-12",
    "https://example.org/1.html",
)


@pytest.mark.parametrize(
    "text",
    [
        json.dumps(RECORD, ensure_ascii=False),
        json.dumps(RECORD, ensure_ascii=False, indent=2),
        json.dumps([RECORD], ensure_ascii=False, indent=2),
        json.dumps(RECORD) + "\n",
        json.dumps({**{k: v for k, v in RECORD.items() if k != "body"}, "text": RECORD["body"]}),
    ],
    ids=["object", "pretty-object", "list", "ascii-escaped-line", "text-field"],
)
def test_one_record_in_each_shape(text: str) -> None:
    assert [summary(item) for item in read(text)] == [EXPECTED]


def test_json_lines_with_bad_lines_go_on() -> None:
    lines = [
        json.dumps(RECORD, ensure_ascii=False),
        '{"title": "坏行", "body": ',
        "",
        json.dumps({"title": "没有正文", "date": "2025-03-01"}, ensure_ascii=False),
        json.dumps(["不是对象"], ensure_ascii=False),
        json.dumps({"body": "无标题稿件\n2025/3/2\n正文第一\n段。"}, ensure_ascii=False),
    ]
    items = [summary(item) for item in read("\n".join(lines))]
    assert items == [
        EXPECTED,
        ("problem", "line 2: malformed JSON (Expecting value)"),
        ("problem", "line 4: record has no body or text"),
        ("problem", "line 5: record is not a JSON object"),
        (4, "无标题稿件", "无标题稿件\n正文第一段。", "2025-03-02", None),
    ]


def test_malformed_first_line_of_json_lines() -> None:
    text = "{oops\n" + json.dumps(RECORD, ensure_ascii=False)
    items = [summary(item) for item in read(text)]
    assert items[0][0] == "problem"
    assert items[0][1].startswith("line 1: malformed JSON")
    assert items[1][1:] == EXPECTED[1:]


def test_list_records_name_their_lines() -> None:
    text = json.dumps([RECORD, {"title": "没有正文"}, RECORD], ensure_ascii=False, indent=2)
    items = read(text)
    # The record starts on the line with its "{", the one before its title.
    problem_line = next(n for n, line in enumerate(text.splitlines(), 1) if "没有正文" in line) - 1
    assert [type(item).__name__ for item in items] == ["Article", "InputProblem", "Article"]
    assert items[1].message == f"line {problem_line}: record has no body or text"
    assert [item.index for item in items if isinstance(item, Article)] == [0, 2]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[{"title": "a", "body": "正文。"}, {"title": ', "line 1: malformed JSON"),
        ('[{"title": "a", "body": "正文。"} {"x": 1}]', "line 1: malformed JSON (expected ','"),
        ('{\n  "title": "a",\n  "body": \n}', "line 4: malformed JSON"),
    ],
    ids=["truncated-list", "missing-comma", "broken-pretty-object"],
)
def test_malformed_json_files(text: str, message: str) -> None:
    items = read(text)
    assert isinstance(items[-1], InputProblem)
    assert items[-1].message.startswith(message)


def test_title_repeated_in_body_and_photo_credit() -> None:
    record = {
        "title": "区总工会召开全委会",
        "body": "区总工会召开全委会\n会议总结了全年工作。王五 摄",
    }
    (article,) = read(json.dumps(record, ensure_ascii=False))
    assert article.text == "区总工会召开全委会\n会议总结了全年工作。"


def test_unparseable_date_is_dropped() -> None:
    (article,) = read(json.dumps({**RECORD, "date": "上周"}, ensure_ascii=False))
    assert article.date is None
