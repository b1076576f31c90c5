"""The report's content through its two templates; pictures as base64 PNG."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import escape

from kg.graph.query import named_queries
from kg.report import charts
from kg.report.content import DEFAULT_LANG, Charted, Count, Ref, Words, load_words, report_content

HERE = Path(__file__).parent
_MARKDOWN_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]|#"})


def markdown_text(value: object) -> str:
    """Text that Markdown shows as written: HTML escaped (Markdown passes HTML
    through), Markdown's own marks backslashed, line breaks as spaces (a table row is
    one line)."""
    text = str(escape(str(value))).translate(_MARKDOWN_SPECIAL)
    return " ".join(text.split())


def markdown_url(url: str) -> str:
    """An address for a Markdown link written ``<…>``: nothing in it can close it."""
    return "".join(url.split()).replace("<", "%3C").replace(">", "%3E")


def _environment(autoescape: bool) -> Environment:
    environment = Environment(
        loader=FileSystemLoader(HERE),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["md"] = markdown_text
    environment.filters["md_url"] = markdown_url
    environment.tests["ref"] = lambda value: isinstance(value, Ref)
    environment.tests["count"] = lambda value: isinstance(value, Count)
    environment.tests["refs"] = lambda value: isinstance(value, tuple)
    return environment


def _charts(graph: nx.MultiDiGraph, charted: Charted, words: Words) -> dict[str, str]:
    """Base64 PNGs by name; a picture with nothing to draw is left out."""
    pictures = {}
    # County level: every district below a city, not the cities and provinces that
    # would repeat their counts.
    counties = [r for r in charted.districts if graph.nodes[r.district].get("level") == "county"]
    if counties:
        labels = {r.district: graph.nodes[r.district].get("path") or "" for r in counties}
        pictures["districts"] = charts.district_chart(counties, labels, words)
    if charted.months:
        pictures["timeline"] = charts.timeline_chart(charted.months, words)
    if charted.co_organisers.number_of_edges():
        pictures["co-organisers"] = charts.network_chart(charted.co_organisers, words)
    return {
        name: base64.b64encode(charts.png(fig)).decode("ascii") for name, fig in pictures.items()
    }


def render_report(
    graph: nx.MultiDiGraph,
    title: str,
    warn: Callable[[str], None] = lambda message: None,
    lang: str = DEFAULT_LANG,
) -> tuple[str, str]:
    """(HTML, Markdown) of the report on ``graph`` in ``lang`` (kg/report/words.toml);
    ``warn`` hears of anything that makes it poorer (no font for Chinese labels)."""
    words = load_words(lang)
    if charts.cjk_font() is None:
        warn(
            "no font with Chinese glyphs found (fc-list :lang=zh); the charts' labels "
            "will show as boxes (install fonts-wqy-microhei or fonts-noto-cjk)"
        )
    content, charted = report_content(graph, words)
    queries = named_queries()
    used = {s.query: queries[s.query] for s in content.sections}
    context = {
        "title": title,
        "report": content,
        "queries": used,
        "charts": _charts(graph, charted, words),
        "lang": lang,
        "words": words.text,
        "labels": words.labels,
    }
    html = _environment(autoescape=True).get_template("template.html").render(context)
    markdown = _environment(autoescape=False).get_template("template.md").render(context)
    return html, markdown
