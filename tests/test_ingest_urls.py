"""An article's URL as an absolute web IRI, or dropped with a warning naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.article import Article, InputProblem
from kg.ingest import read_paths
from kg.ingest.urls import web_iri


@pytest.mark.parametrize(
    ("url", "iri"),
    [
        ("https://example.org/news/1.html", "https://example.org/news/1.html"),
        ("  http://example.org/a.html\n", "http://example.org/a.html"),
        # what an IRI cannot hold is percent-encoded; Chinese stays
        ("http://example.org/a b.html", "http://example.org/a%20b.html"),
        ('http://example.org/q?x="1"&y={2}|3', "http://example.org/q?x=%221%22&y=%7B2%7D%7C3"),
        ("http://example.org/新闻/1.html", "http://example.org/新闻/1.html"),
        ("http://example.org/新闻\u3000稿.html", "http://example.org/新闻%E3%80%80稿.html"),
        ("http://example.org/50%off", "http://example.org/50%25off"),
        ("http://example.org/%E6%96%B0", "http://example.org/%E6%96%B0"),
        # a bare www. address and a scheme-relative one are web addresses
        ("www.workercn.cn/1.html", "http://www.workercn.cn/1.html"),
        ("//www.workercn.cn/1.html", "http://www.workercn.cn/1.html"),
        # no absolute web address: dropped
        ("/news/1.html", None),
        ("news/1.html", None),
        ("javascript:void(0)", None),
        ("mailto:gh@example.org", None),
        ("http://[::1", None),
        ("http:///news/1.html", None),
        ("", None),
    ],
)
def test_web_iri(url: str, iri: str | None) -> None:
    assert web_iri(url) == iri


def test_a_url_that_is_no_web_address_is_dropped_with_a_warning(tmp_path: Path) -> None:
    records = tmp_path / "news.jsonl"
    lines = [
        {"title": "甲", "url": "http://example.org/a b.html", "body": "丰台区总工会召开会议。"},
        {"title": "乙", "url": "/news/2.html", "body": "顺义区总工会召开会议。"},
        {"title": "丙", "url": " ", "body": "通州区总工会召开会议。"},  # none given: no warning
    ]
    records.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), "utf-8")
    items = list(read_paths([records]))
    articles = [item for item in items if isinstance(item, Article)]
    warnings = [item for item in items if isinstance(item, InputProblem)]
    assert [a.url for a in articles] == ["http://example.org/a%20b.html", None, ""]
    assert len(warnings) == 1 and warnings[0].warning
    line = str(warnings[0])
    assert line.startswith(f"{records}: warning: ") and "/news/2.html" in line
    assert "\n" not in line
