"""An HTML page → its one article: headline, date, URL and body, without the page around it.

Boilerplate elements are dropped first (page_patterns.toml), then trafilatura finds the
body; when it finds no sentence of text (table layouts, text split by <br> in a cell), the
remaining text blocks are read directly.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree

from kg.article import Article, InputProblem
from kg.ingest.dates import iso_date, line_date
from kg.ingest.lines import Line, cleaned, is_headline_like, is_sentence, split_lines, to_article
from kg.ingest.patterns import layout
from kg.ingest.urls import resolved

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Site names follow the headline in <title>: 标题_网站, 标题 - 栏目, 标题|网站 (not 2025-2027).
_TITLE_SEPARATOR = re.compile(r"\s*(?:[_|｜]|(?<!\d)[-–]+(?!\d)|——|\s—\s)\s*")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCK_TAGS = frozenset(
    ("p", "div", "td", "th", "li", "dd", "section", "article", "blockquote", "pre", *_HEADINGS)
)
# libxml2 reads elements nested at most this deep (without its XML_PARSE_HUGE option,
# which would let a page exhaust the stack).
_PARSER_DEPTH_LIMIT = 256
# Blocks whose text is mostly link text are menus and link lists.
_MAX_LINK_SHARE = 0.5


def read_html(html: str, source: str) -> Article | InputProblem:
    html = _XML_DECLARATION.sub("", html, count=1)
    parser = lxml.html.HTMLParser()
    try:
        tree = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return InputProblem(source, "HTML page could not be parsed")
    # libxml2 stops reading at its depth limit and says so only in its log.
    too_deep = any(
        error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT and "depth" in error.message
        for error in parser.error_log
    )
    meta_date, visible_date, url = _meta_date(tree), _visible_date(tree), _url(tree)
    titles, headings = _titles(tree), _texts(tree, "//h1")
    _drop_boilerplate(tree)
    extracted = trafilatura.bare_extraction(
        tree,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        # Its metadata pass costs seconds a page (date guessing) and gives nothing used here.
        with_metadata=False,
    )
    lines = cleaned(split_lines(extracted.text or "")) if extracted is not None else []
    if not any(map(is_sentence, lines)):
        lines = cleaned(_text_blocks(tree))
    sentences = [index for index, line in enumerate(lines) if is_sentence(line)]
    if not sentences:
        if too_deep:
            return InputProblem(
                source,
                f"HTML nested deeper than {_PARSER_DEPTH_LIMIT} elements, the HTML parser's "
                "limit; no article text above that depth",
            )
        return InputProblem(source, "HTML page with no article text in it")
    first, last = sentences[0], sentences[-1]
    leading = _leading_block(lines, first)
    headline = _headline(titles, [line for line in leading if not line_date(line)], headings)
    return to_article(
        source,
        0,
        [headline] if headline is not None else [],
        lines[first : last + 1],
        meta_date or next(filter(None, map(line_date, leading)), None) or visible_date,
        url,
    )


def _leading_block(lines: list[Line], first_sentence: int) -> list[Line]:
    """The short lines right before the first sentence: headline, date and source lines."""
    start = first_sentence
    while start > 0 and is_headline_like(lines[start - 1]):
        start -= 1
    return lines[start:first_sentence]


def _headline(titles: list[Line], leading: list[Line], headings: list[Line]) -> Line | None:
    """The headline as shown (above the text, or an <h1>) that the page's title starts with;
    else the line above the text; else the title without the site name after it."""
    for title in titles:
        matches = [line for line in leading + headings if title.text.startswith(line.text)]
        if matches:
            return max(matches, key=lambda line: len(line.text))
    if leading:
        return leading[-1]
    if titles:
        return Line.of(_TITLE_SEPARATOR.split(titles[0].original)[0] or titles[0].original)
    return headings[0] if headings else None


def _titles(tree: lxml.html.HtmlElement) -> list[Line]:
    og_titles = tree.xpath("//meta[@property='og:title']/@content")
    return [line for text in og_titles for line in split_lines(text)[:1]] + _texts(tree, "//title")


def _texts(tree: lxml.html.HtmlElement, path: str) -> list[Line]:
    """The first line of each element's text."""
    return [
        line for element in tree.xpath(path) for line in split_lines(element.text_content())[:1]
    ]


def _drop_boilerplate(tree: lxml.html.HtmlElement) -> None:
    """Navigation, footers, sidebars, ads and scripts, by tag and by class or id."""
    rules = layout()
    for element in list(tree.iter(*rules.html_boilerplate_tags)):
        element.drop_tree()
    for element in list(tree.iter(tag=etree.Element)):
        marks = f"{element.get('class', '')} {element.get('id', '')}"
        if element.getparent() is not None and rules.html_boilerplate_attributes.search(marks):
            element.drop_tree()


def _text_blocks(tree: lxml.html.HtmlElement) -> list[Line]:
    """Lines of the innermost text blocks that are not mostly link text."""
    for line_break in tree.iter("br"):
        line_break.tail = "\n" + (line_break.tail or "")
    lines: list[Line] = []
    for block in tree.iter(*_BLOCK_TAGS):
        if any(inner.tag in _BLOCK_TAGS for inner in block.iterdescendants()):
            continue
        text = block.text_content()
        linked = sum(len(link.text_content()) for link in block.iter("a"))
        if text.strip() and linked <= _MAX_LINK_SHARE * len(text.strip()):
            lines.extend(split_lines(text))
    return lines


def _meta_date(tree: lxml.html.HtmlElement) -> str | None:
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        date = iso_date(meta.get("content") or "")
        if date:
            found.setdefault(key.strip().lower(), date)
    return next((found[name] for name in layout().html_date_meta if name in found), None)


def _visible_date(tree: lxml.html.HtmlElement) -> str | None:
    """A labelled date anywhere in the page text (发布时间：2025年3月12日)."""
    text = " ".join(tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]"))
    for label in layout().html_date_label.finditer(text):
        date = iso_date(text[label.end() : label.end() + 30])
        if date:
            return date
    return None


def _url(tree: lxml.html.HtmlElement) -> str | None:
    """The canonical link, else og:url; a relative one resolved against the page's own
    address (its <base href>, else og:url)."""
    canonical = next(
        (
            link.get("href")
            for link in tree.iter("link")
            if "canonical" in (link.get("rel") or "").lower().split() and link.get("href")
        ),
        None,
    )
    og_url = next(
        (
            meta.get("content")
            for meta in tree.iter("meta")
            if (meta.get("property") or meta.get("name")) == "og:url" and meta.get("content")
        ),
        None,
    )
    base = next((b.get("href") for b in tree.iter("base") if b.get("href")), None) or og_url
    url = canonical or og_url
    return None if url is None else resolved(url, base)
