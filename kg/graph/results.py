"""Query results as text: an aligned table for people; CSV, TSV and the SPARQL 1.1
JSON and XML results formats for programs; Turtle or N-Triples for CONSTRUCT and DESCRIBE."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
import xml.etree.ElementTree as ET
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.graph.store import QueryResult
from kg.graph.vocab import PREFIXES

SELECT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "nt")

MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
}


def _plain(term: Node | None) -> str:
    return "" if term is None else str(term)


def _short(term: Node | None) -> str:
    """Terms for people: IRIs under a known namespace as prefixed names."""
    if isinstance(term, URIRef):
        for prefix, namespace in PREFIXES.items():
            if term.startswith(namespace):
                return f"{prefix}:{term[len(namespace) :]}"
    return _plain(term)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(result: QueryResult) -> str:
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    rows = [[_short(v) for v in row] for row in result.rows]
    widths = [_width(v) for v in result.variables]
    for row in rows:
        widths = [max(w, _width(v)) for w, v in zip(widths, row, strict=True)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True))

    out = [line(result.variables), line(["-" * w for w in widths])]
    out.extend(line(row) for row in rows)
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _delimited(result: QueryResult, tsv: bool) -> str:
    buffer = io.StringIO()
    if tsv:
        # SPARQL TSV writes terms in their Turtle form, so types and languages survive.
        buffer.write("\t".join(f"?{v}" for v in result.variables) + "\n")
        for row in result.rows:
            buffer.write("\t".join("" if t is None else t.n3() for t in row) + "\n")
        return buffer.getvalue()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    writer.writerows([_plain(v) for v in row] for row in result.rows)
    return buffer.getvalue()


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    value: dict[str, str] = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype is not None:
        value["datatype"] = str(term.datatype)
    return value


def _json(result: QueryResult) -> str:
    document: dict[str, Any] = {"head": {"vars": result.variables}}
    if result.kind == "ask":
        document = {"head": {}, "boolean": bool(result.boolean)}
    else:
        document["results"] = {
            "bindings": [
                {
                    v: _json_term(t)
                    for v, t in zip(result.variables, row, strict=True)
                    if t is not None
                }
                for row in result.rows
            ]
        }
    return json.dumps(document, ensure_ascii=False, indent=1)


_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _xml_term(parent: ET.Element, term: Node) -> None:
    if isinstance(term, URIRef):
        ET.SubElement(parent, "uri").text = str(term)
    elif isinstance(term, BNode):
        ET.SubElement(parent, "bnode").text = str(term)
    else:
        assert isinstance(term, Literal)
        attributes = {}
        if term.language:
            attributes[_XML_LANG] = term.language
        elif term.datatype is not None:
            attributes["datatype"] = str(term.datatype)
        ET.SubElement(parent, "literal", attributes).text = str(term)


def _xml(result: QueryResult) -> str:
    """The SPARQL Query Results XML Format: what many clients ask for by default."""
    document = ET.Element("sparql", xmlns=_RESULTS_NS)
    head = ET.SubElement(document, "head")
    if result.kind == "ask":
        ET.SubElement(document, "boolean").text = "true" if result.boolean else "false"
    else:
        for variable in result.variables:
            ET.SubElement(head, "variable", name=variable)
        results = ET.SubElement(document, "results")
        for row in result.rows:
            solution = ET.SubElement(results, "result")
            for variable, term in zip(result.variables, row, strict=True):
                if term is not None:
                    _xml_term(ET.SubElement(solution, "binding", name=variable), term)
    return ET.tostring(document, encoding="unicode", xml_declaration=True)


def _graph(result: QueryResult, fmt: str) -> str:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in result.triples:
        graph.add(triple)
    return graph.serialize(format="turtle" if fmt == "turtle" else "nt")


def format_result(result: QueryResult, fmt: str) -> str:
    """``result`` in ``fmt``: one of SELECT_FORMATS for SELECT and ASK results, one of
    GRAPH_FORMATS for CONSTRUCT and DESCRIBE results."""
    if result.kind == "graph":
        return _graph(result, fmt if fmt in GRAPH_FORMATS else "turtle")
    if fmt == "table":
        return _table(result)
    if fmt in ("csv", "tsv"):
        if result.kind == "ask":
            return f"{'true' if result.boolean else 'false'}\n"
        return _delimited(result, fmt == "tsv")
    if fmt == "xml":
        return _xml(result)
    return _json(result)
