import json
from pathlib import Path

import pytest

from kg.article import Article, InputProblem
from kg.ingest import read_paths

ARTICLE = "区总工会召开全委会\n会议总结了全年工作。\n"
HTML = (
    "<html><head><title>延庆区总工会送清凉</title></head><body>"
    "<article><h1>延庆区总工会送清凉</h1><p>近日，延庆区总工会为户外劳动者送去清凉物资。</p>"
    "</article></body></html>"
)
RECORD = {"title": "区总工会召开全委会", "body": "会议总结了全年工作。"}


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("name", "content", "message_part"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", " \n\u3000\r\n", "empty file"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary"),
        ("bad.txt", b"abc \x80\x80\xff\xfe\xff", "undecodable"),
        ("bad.jsonl", '{"title": "a", "body": "正文。"}\n{"title": \n', "line 2: malformed JSON"),
        ("norecord.json", '{"title": "a"}', "line 1: record has no body or text"),
        (
            "nav.html",
            "<html><body><div class='nav'><a href='/'>首页</a></div></body></html>",
            "no article",
        ),
        ("furniture.txt", "第3版\n责任编辑：王五\n", "no article"),
    ],
)
def test_bad_files_are_problems(
    tmp_path: Path, name: str, content: str | bytes, message_part: str
) -> None:
    path = write(tmp_path / name, content)
    items = list(read_paths([path]))
    problems = [item for item in items if isinstance(item, InputProblem)]
    assert len(problems) == 1
    assert problems[0].source == str(path)
    assert message_part in problems[0].message
    assert "\n" not in problems[0].message


def test_missing_path_and_empty_folders(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    write(tmp_path / "hidden_only" / ".notes.txt", ARTICLE)
    items = list(
        read_paths([tmp_path / "missing.txt", tmp_path / "empty", tmp_path / "hidden_only"])
    )
    assert [(item.source, item.message) for item in items] == [
        (str(tmp_path / "missing.txt"), "no such file or folder"),
        (str(tmp_path / "empty"), "empty folder (no readable file in it)"),
        (str(tmp_path / "hidden_only"), "empty folder (no readable file in it)"),
    ]


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", ARTICLE * 10)
    (problem,) = read_paths([path], max_file_bytes=100)
    assert isinstance(problem, InputProblem)
    assert "100" in problem.message
    assert "--max-file-size" in problem.message
    assert [item.headline for item in read_paths([path])] == ["区总工会召开全委会"]


def test_folder_is_read_recursively_sorted_without_hidden_files(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", ARTICLE)
    write(tmp_path / "a" / "z.txt", ARTICLE)
    write(tmp_path / "a" / "bad.bin", b"\x00\x01")
    write(tmp_path / ".hidden.txt", ARTICLE)
    write(tmp_path / ".git" / "x.txt", ARTICLE)
    items = list(read_paths([str(tmp_path)]))
    assert [(type(item).__name__, item.source) for item in items] == [
        ("InputProblem", str(tmp_path / "a" / "bad.bin")),
        ("Article", str(tmp_path / "a" / "z.txt")),
        ("Article", str(tmp_path / "b.txt")),
    ]


def test_source_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "in" / "a.txt", ARTICLE)
    monkeypatch.chdir(tmp_path)
    assert [item.source for item in read_paths(["in"])] == [str(Path("in") / "a.txt")]
    assert [item.source for item in read_paths(["in/a.txt"])] == ["in/a.txt"]


@pytest.mark.parametrize(
    ("name", "content", "headline"),
    [
        ("looks_like_text.txt", json.dumps(RECORD, ensure_ascii=False), "区总工会召开全委会"),
        ("looks_like_json.json", HTML, "延庆区总工会送清凉"),
        ("looks_like_html.html", ARTICLE, "区总工会召开全委会"),
        ("no_extension", "\n\n  " + HTML, "延庆区总工会送清凉"),
    ],
)
def test_format_is_told_by_content(tmp_path: Path, name: str, content: str, headline: str) -> None:
    (article,) = read_paths([write(tmp_path / name, content)])
    assert isinstance(article, Article)
    assert article.headline == headline


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_encodings_through_files(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path / "a.txt", ARTICLE.encode(encoding))
    (article,) = read_paths([path])
    assert article.text == ARTICLE.strip()


def test_big5_file_is_converted_to_simplified(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "區總工會召開全委會\n會議總結了全年工作。\n".encode("big5"))
    (article,) = read_paths([path])
    assert article.text == ARTICLE.strip()
    assert article.original == "區總工會召開全委會\n會議總結了全年工作。"


def test_good_files_still_read_after_bad_ones(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.txt", b"\x00")
    good = write(tmp_path / "good.txt", ARTICLE)
    items = list(read_paths([tmp_path / "nope", bad, good]))
    assert [type(item).__name__ for item in items] == ["InputProblem", "InputProblem", "Article"]


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("[动态]区总工会召开全委会\n会议总结了全年工作。\n", "text"),
        ("[ 图片新闻 ] 区总工会召开全委会\n会议总结了全年工作。\n", "text"),
        (json.dumps([RECORD], ensure_ascii=False), "json"),
        ("[\n  " + json.dumps(RECORD, ensure_ascii=False) + "\n]", "json"),
        (json.dumps(RECORD, ensure_ascii=False), "json"),
    ],
)
def test_a_bracketed_headline_is_text_not_json(tmp_path: Path, content: str, kind: str) -> None:
    items = list(read_paths([write(tmp_path / "a.txt", content)]))
    assert [type(item) for item in items] == [Article]
    if kind == "text":
        assert items[0].headline.endswith("区总工会召开全委会")
    else:
        assert items[0].headline == RECORD["title"]
