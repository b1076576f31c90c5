"""``kg report`` (HTML and Markdown that stand alone, every link resolving, article
text escaped) and ``kg export`` (GraphML, GEXF and Neo4j CSV read back)."""

from __future__ import annotations

import base64
import csv
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from markupsafe import escape

import kg.report
from kg.cli import main
from kg.export import flat_graph
from kg.graph.query import named_queries
from kg.report import charts, render_report
from kg.schema import ENTITY_TYPES
from tests.conftest import network_of
from tests.test_analysis import ARTICLES, ENTITIES, RELATIONS, make_graph


@pytest.fixture(scope="module")
def out(demo_built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo graph's folder, with the report and every export written."""
    target = tmp_path_factory.mktemp("outputs") / "output"
    shutil.copytree(demo_built, target, symlinks=True)
    assert main(["report", "-o", str(target)]) == 0
    assert main(["export", "-o", str(target)]) == 0
    return target


@pytest.fixture(scope="module")
def demo(out: Path) -> nx.MultiDiGraph:
    return network_of(out)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.sources: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if values.get("src"):
            self.sources.append(values["src"] or "")


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_report_links_resolve_and_load_nothing(out: Path) -> None:
    page = _page((out / "report.html").read_text(encoding="utf-8"))
    internal = [link[1:] for link in page.links if link.startswith("#")]
    assert len(internal) > 500
    assert set(internal) <= page.ids
    assert {"most-active", "districts", "worker-groups", "co-organisers", "timeline"} <= page.ids
    # Pictures are inline PNGs; no script, stylesheet or frame is fetched.
    assert len(page.sources) == 3
    for source in page.sources:
        prefix = "data:image/png;base64,"
        assert source.startswith(prefix)
        assert base64.b64decode(source[len(prefix) :]).startswith(b"\x89PNG")
    assert not {"script", "link", "iframe"} & page.tags


def test_report_tables_name_their_queries_and_show_them(out: Path) -> None:
    html = (out / "report.html").read_text(encoding="utf-8")
    shown = set(re.findall(r'href="#q-([\w-]+)"', html))
    assert {"most-active-organisers", "facilities-and-initiatives-per-district"} <= shown
    for name in shown:
        text = named_queries()[name].text
        # The query text as written in ontology/queries, escaped for HTML.
        assert str(escape(text)) in html


def test_report_counts_open_to_the_entities_behind_them(out: Path, demo: nx.MultiDiGraph) -> None:
    html = (out / "report.html").read_text(encoding="utf-8")
    section = html[html.index('id="most-active"') : html.index('id="districts"')]
    first_row = section[section.index("<tbody>") :].split("</tr>")[0]
    counts = re.findall(r"<summary>(\d+)</summary>(.*?)</details>", first_row)
    assert counts
    for number, names in counts:
        assert int(number) == names.count("<a href=")


def test_markdown_report_anchors_resolve(out: Path) -> None:
    markdown = (out / "report.md").read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', markdown))
    links = re.findall(r"\]\(#([^)]+)\)", markdown)
    assert len(links) > 500
    assert set(links) <= anchors
    assert markdown.count("](data:image/png;base64,") == 3
    tables = [line for line in markdown.splitlines() if line.startswith("| --- |")]
    assert len(tables) >= 8


def test_report_escapes_article_text() -> None:
    graph = make_graph(ENTITIES, RELATIONS, ARTICLES)
    graph.graph["articles"]["a1"]["headline"] = "<script>alert(1)</script>"
    edge = graph.edges["望京驿站", "快递员", "serves"]
    edge["evidence"][0]["sentence"] = "驿站 <b>服务</b> 快递员 & 外卖员 | *很多*"
    html, markdown = render_report(graph, "测试")
    assert "<script>alert" not in html and "<b>服务" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;服务&lt;/b&gt; 快递员 &amp; 外卖员" in html
    assert "<script>" not in markdown and "<b>" not in markdown
    assert r"&lt;b&gt;服务&lt;/b&gt; 快递员 &amp; 外卖员 \| \*很多\*" in markdown


@pytest.mark.slow  # renders the report and its charts twice more
def test_report_is_the_same_each_time() -> None:
    graph = make_graph(ENTITIES, RELATIONS, ARTICLES)
    assert render_report(graph, "测试") == render_report(graph, "测试")


def test_report_charts_have_a_chinese_font() -> None:
    # The Makefile's set-up installs one (cjk-font); without it the labels are boxes.
    assert charts.cjk_font() is not None


def test_report_without_a_chinese_font_warns_once_and_still_draws(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    warnings: list[str] = []
    html, _ = render_report(make_graph(ENTITIES, RELATIONS, ARTICLES), "测试", warnings.append)
    assert len(warnings) == 1 and "fonts-wqy-microhei" in warnings[0]
    assert html.count("data:image/png;base64,") == 3


def test_report_without_a_graph_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "-o", str(tmp_path / "none")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "no graph built here yet" in error
    assert not (tmp_path / "none" / "report.html").exists()


def test_a_failed_report_leaves_the_old_one(
    out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "output"
    shutil.copytree(out, folder, symlinks=True)
    before = (folder / "report.html").read_bytes()

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(kg.report, "render_report", fail)
    with pytest.raises(RuntimeError):
        main(["report", "-o", str(folder)])
    assert (folder / "report.html").read_bytes() == before
    assert not list(folder.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("read", "name"), [(nx.read_graphml, "graph.graphml"), (nx.read_gexf, "graph.gexf")]
)
def test_graphml_and_gexf_read_back(out: Path, demo: nx.MultiDiGraph, read, name: str) -> None:
    back = read(out / name)
    assert back.number_of_nodes() == demo.number_of_nodes()
    assert back.number_of_edges() == demo.number_of_edges()
    with_aliases = next(n for n, aliases in demo.nodes(data="aliases") if aliases)
    node = back.nodes[with_aliases]
    assert node["name"] == demo.nodes[with_aliases]["name"]
    assert node["type"] == demo.nodes[with_aliases]["type"]
    assert node["aliases"] == ";".join(demo.nodes[with_aliases]["aliases"])
    relations = sorted(data["relation"] for _, _, data in back.edges(data=True))
    assert relations == sorted(key for _, _, key in demo.edges(keys=True))


def test_flat_graph_drops_absent_values_and_joins_lists() -> None:
    flat = flat_graph(make_graph(ENTITIES, RELATIONS, ARTICLES))
    assert flat.nodes["朝阳区总工会"] == {
        "label": "朝阳区总工会",
        "type": "Union",
        "name": "朝阳区总工会",
        "articles": "a1;a2",
    }
    assert "lat" not in flat.nodes["北京市"] and "parent" not in flat.nodes["北京市"]
    assert flat.nodes["朝阳区"]["parent"] == "北京市"
    edge = next(d for s, o, d in flat.edges(data=True) if (s, o) == ("北京市总工会", "技能大赛"))
    assert edge == {
        "label": "organizes",
        "relation": "organizes",
        "evidence": 2,
        "articles": "a2;a3",
        "rules": "r",
    }


def test_neo4j_csv_headers_and_rows(out: Path, demo: nx.MultiDiGraph) -> None:
    with (out / "nodes.csv").open(encoding="utf-8", newline="") as f:
        nodes = list(csv.reader(f))
    with (out / "edges.csv").open(encoding="utf-8", newline="") as f:
        edges = list(csv.reader(f))
    assert nodes[0][:3] == ["id:ID", ":LABEL", "name"]
    assert {"aliases:string[]", "lat:float", "lon:float"} <= set(nodes[0])
    assert edges[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert "evidence:int" in edges[0]
    assert len(nodes) - 1 == demo.number_of_nodes()
    assert len(edges) - 1 == demo.number_of_edges()
    ids = {row[0] for row in nodes[1:]}
    assert {row[1] for row in nodes[1:]} <= set(ENTITY_TYPES)
    assert all(row[0] in ids and row[1] in ids for row in edges[1:])
    evidence = edges[0].index("evidence:int")
    assert sum(int(row[evidence]) for row in edges[1:]) == sum(
        len(e) for _, _, e in demo.edges(data="evidence")
    )


def test_export_one_format(out: Path, tmp_path: Path) -> None:
    folder = tmp_path / "output"
    shutil.copytree(
        out, folder, symlinks=True, ignore=shutil.ignore_patterns("*.csv", "*.graphml", "*.gexf")
    )
    assert main(["export", "--format", "csv", "-o", str(folder)]) == 0
    assert (folder / "nodes.csv").exists() and (folder / "edges.csv").exists()
    assert not (folder / "graph.graphml").exists() and not (folder / "graph.gexf").exists()


def test_kg_export_offers_every_format() -> None:
    from kg.cli import EXPORT_FORMATS
    from kg.export import FORMATS

    assert EXPORT_FORMATS == FORMATS


def test_gexf_holds_no_writer_details_and_is_the_same_on_any_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    from kg.export import gexf_text

    graph = make_graph(ENTITIES, RELATIONS, ARTICLES)
    first = gexf_text(graph)
    monkeypatch.setattr(time, "strftime", lambda *args: "2031-01-01")
    assert gexf_text(graph) == first
    assert "networkx" not in first.lower() and "lastmodifieddate" not in first
    back = nx.read_gexf(io.StringIO(first))
    assert back.number_of_edges() == graph.number_of_edges()


def test_the_report_is_in_chinese_unless_asked_for_english() -> None:
    graph = make_graph(ENTITIES, RELATIONS, ARTICLES)
    chinese, chinese_md = render_report(graph, "测试")
    english, english_md = render_report(graph, "test", lang="en")
    assert '<html lang="zh">' in chinese and "<h2>实体</h2>" in chinese
    assert "查询：" in chinese_md and "## 文章" in chinese_md
    assert "Query: " not in chinese_md and "Mentioned in" not in chinese
    assert '<html lang="en">' in english and "<h2>Entities</h2>" in english
    assert "Query: " in english_md and "## Articles" in english_md
    # The same tables, the same links, in either language.
    assert re.findall(r'href="(#[^"]+)"', chinese) == re.findall(r'href="(#[^"]+)"', english)


def test_kg_report_refuses_a_language_it_has_no_words_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--lang", "fr"])
    assert "invalid choice: 'fr'" in capsys.readouterr().err
