"""Query results as text: the result formats and their media types, an aligned
table for people, and Turtle (with the graph's prefixes) or N-Triples for CONSTRUCT
and DESCRIBE. CSV, TSV and the SPARQL 1.1 JSON and XML results formats, for
programs, are written by Oxigraph (``OxigraphStore.write``)."""

from __future__ import annotations

import unicodedata

from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.graph.store import QueryResult
from kg.graph.vocab import PREFIXES

SELECT_FORMATS = ("table", "csv", "tsv", "json", "xml")
WRITTEN_FORMATS = SELECT_FORMATS[1:]  # those Oxigraph writes
GRAPH_FORMATS = ("turtle", "nt")

MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
    "nquads": "application/n-quads",
}


def _short(term: Node | None) -> str:
    """Terms for people: IRIs under a known namespace as prefixed names."""
    if isinstance(term, URIRef):
        for prefix, namespace in PREFIXES.items():
            if term.startswith(namespace):
                return f"{prefix}:{term[len(namespace) :]}"
    return "" if term is None else str(term)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# The widest a table's cell is in a terminal (in columns, a Chinese character taking
# two): a list of evidence or of aliases would make a table hundreds of columns wide.
MAX_CELL_WIDTH = 48
_MORE = "…"


def _shortened(text: str) -> str:
    """``text`` on one line, cut to MAX_CELL_WIDTH columns with an ellipsis."""
    text = " ".join(text.split())
    if _width(text) <= MAX_CELL_WIDTH:
        return text
    kept, width = [], _width(_MORE)
    for char in text:
        width += _width(char)
        if width > MAX_CELL_WIDTH:
            break
        kept.append(char)
    return "".join(kept) + _MORE


def _table(result: QueryResult) -> str:
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    full = [[_short(v) for v in row] for row in result.rows]
    rows = [[_shortened(v) for v in row] for row in full]
    widths = [_width(v) for v in result.variables]
    for row in rows:
        widths = [max(w, _width(v)) for w, v in zip(widths, row, strict=True)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True))

    out = [line(result.variables), line(["-" * w for w in widths])]
    out.extend(line(row) for row in rows)
    cut = any(_width(value) > MAX_CELL_WIDTH for row in full for value in row)
    out.append(
        f"({len(rows)} row{'s' if len(rows) != 1 else ''}"
        + ("; long values shortened: --format csv or json has them in full" if cut else "")
        + ")"
    )
    return "\n".join(out)


def _graph(result: QueryResult, fmt: str) -> str:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in result.triples:
        graph.add(triple)
    return graph.serialize(format="turtle" if fmt == "turtle" else "nt")


def format_result(result: QueryResult, fmt: str) -> str:
    """``result`` as a table (SELECT and ASK results), or a CONSTRUCT or DESCRIBE
    result in one of GRAPH_FORMATS (Turtle unless ``fmt`` is one)."""
    if result.kind == "graph":
        return _graph(result, fmt if fmt in GRAPH_FORMATS else "turtle")
    return _table(result)
