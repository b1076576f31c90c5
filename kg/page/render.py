"""The graph page as one self-contained HTML file: vis-network (from pyvis's package
data), the page's script and style inline, the data as an escaped JSON block.

pyvis's own template is not used: it loads Bootstrap and tom-select from a CDN even
with inline resources, and writes node ids into the page unescaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Hashable
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from kg.page.data import DEFAULT_LANG, SUMMARY_ABOVE, page_data, page_words

HERE = Path(__file__).parent
VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)
# Inside <script>, these could end the element or open a comment; \uXXXX reads the same
# to JSON.parse. U+2028/2029 are escaped for scripts that eval JSON as JavaScript.
_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(data: Any) -> str:
    """``data`` as JSON that can stand inside a <script> element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


def _inline(path: Path, closing: str) -> Markup:
    """A script or style file's text for an inline element (without its source map)."""
    text = _SOURCE_MAP.sub("", path.read_text(encoding="utf-8"))
    if closing in text.lower():
        raise ValueError(f"{path}: contains {closing}, cannot be inlined")
    return Markup(text)


@cache
def _assets() -> dict[str, Markup]:
    return {
        "vis_css": _inline(VIS_DIR / "vis-network.css", "</style"),
        "vis_js": _inline(VIS_DIR / "vis-network.min.js", "</script"),
        "page_css": _inline(HERE / "page.css", "</style"),
        "page_js": _inline(HERE / "page.js", "</script"),
    }


def graph_page(
    graph: nx.MultiDiGraph,
    *,
    title: str,
    focus: Hashable | None = None,
    summary_above: int = SUMMARY_ABOVE,
    lang: str = DEFAULT_LANG,
) -> str:
    """The HTML page of ``graph`` (from ``kg.graph.network.to_networkx``) in ``lang``
    (kg/page/words.toml)."""
    data = page_data(graph, title=title, focus=focus, summary_above=summary_above, lang=lang)
    environment = Environment(loader=FileSystemLoader(HERE), autoescape=True)
    return environment.get_template("template.html").render(
        title=title,
        words=page_words(lang),
        data=Markup(script_json(data)),
        **_assets(),
    )
