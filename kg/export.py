"""The networkx graph in the formats other tools read: GraphML and GEXF (Gephi, yEd,
Cytoscape) and CSV node and edge lists in the layout of Neo4j's bulk import
(``neo4j-admin database import full --nodes=nodes.csv --relationships=edges.csv``).

These formats hold flat values only: lists become strings joined with ``;`` (Neo4j's
array separator), absent values are left out, and each relation's evidence is
summed up as the number of sentences, the articles and the rules behind it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any, TextIO
from xml.etree import ElementTree

import networkx as nx

FORMATS = ("graphml", "gexf", "csv")
SEPARATOR = ";"

# Node properties in export order, with their Neo4j header types ("" for string).
_NODE_FIELDS = {
    "name": "",
    "aliases": "string[]",
    "articles": "string[]",
    "code": "",
    "level": "",
    "path": "",
    "lat": "float",
    "lon": "float",
    "parent": "",
}
_EDGE_FIELDS = {"evidence": "int", "articles": "string[]", "rules": "string[]"}


def _flat(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return SEPARATOR.join(str(v) for v in value)
    return value


def _node_properties(data: dict[str, Any]) -> dict[str, Any]:
    properties = {field: _flat(data.get(field)) for field in _NODE_FIELDS}
    return {k: v for k, v in properties.items() if v is not None and v != ""}


def _edge_properties(data: dict[str, Any]) -> dict[str, Any]:
    evidence = data["evidence"]
    return {
        "evidence": len(evidence),
        "articles": _flat(sorted({e["article"] for e in evidence})),
        "rules": _flat(sorted({e["rule"] for e in evidence})),
    }


def _sorted_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, str, dict[str, Any]]]:
    return sorted(graph.edges(keys=True, data=True), key=lambda edge: edge[:3])


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy holding only strings and numbers: nodes with ``label`` (the name, which
    Gephi shows), ``type`` and the flattened properties; edges keyed ``e0``, ``e1``…
    (ids unique in the file) with ``label`` and ``relation`` (the relation) and the
    evidence summed up. Nodes and edges in a fixed order, so the same graph gives
    the same file."""
    flat = nx.MultiDiGraph()
    for node in sorted(graph):
        data = graph.nodes[node]
        flat.add_node(node, label=data["name"], type=data["type"], **_node_properties(data))
    for i, (subject, obj, relation, data) in enumerate(_sorted_edges(graph)):
        flat.add_edge(
            subject, obj, key=f"e{i}", label=relation, relation=relation, **_edge_properties(data)
        )
    return flat


def graphml_text(graph: nx.MultiDiGraph) -> str:
    """The graph as GraphML (UTF-8 text), attributes as ``flat_graph`` makes them."""
    # Written as bytes: networkx's text generators turn every CJK character into &#…;.
    out = io.BytesIO()
    nx.write_graphml(flat_graph(graph), out, encoding="utf-8")
    return out.getvalue().decode("utf-8")


def gexf_text(graph: nx.MultiDiGraph) -> str:
    """The graph as GEXF 1.2 for Gephi (UTF-8 text): nodes labelled by name, edges by
    relation."""
    out = io.BytesIO()
    nx.write_gexf(flat_graph(graph), out, encoding="utf-8")
    return _without_writer_details(out.getvalue())


_GEXF = "{http://www.gexf.net/1.2draft}"


def _without_writer_details(gexf: bytes) -> str:
    """The GEXF without what networkx adds of its own: the day of writing and its
    version (``<meta>``), and its edge keys (a ``networkx_key`` attribute), so that
    two exports of one graph are the same file."""
    ElementTree.register_namespace("", _GEXF[1:-1])
    ElementTree.register_namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")
    root = ElementTree.fromstring(gexf)
    for meta in root.findall(f"{_GEXF}meta"):
        root.remove(meta)
    for attributes in root.iter(f"{_GEXF}attributes"):
        for attribute in attributes.findall(f"{_GEXF}attribute[@title='networkx_key']"):
            attributes.remove(attribute)
            for values in root.iter(f"{_GEXF}attvalues"):
                for value in values.findall(f"{_GEXF}attvalue[@for='{attribute.get('id')}']"):
                    values.remove(value)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _header(name: str, kind: str) -> str:
    return f"{name}:{kind}" if kind else name


def write_neo4j_nodes(graph: nx.MultiDiGraph, out: TextIO) -> None:
    """``id:ID``, ``:LABEL`` (the entity type) and the properties, one node a row."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id:ID", ":LABEL", *(_header(f, k) for f, k in _NODE_FIELDS.items())])
    for node in sorted(graph):
        data = graph.nodes[node]
        properties = _node_properties(data)
        writer.writerow([node, data["type"], *(properties.get(f, "") for f in _NODE_FIELDS)])


def write_neo4j_edges(graph: nx.MultiDiGraph, out: TextIO) -> None:
    """``:START_ID``, ``:END_ID``, ``:TYPE`` (the relation) and the evidence summed up."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [":START_ID", ":END_ID", ":TYPE", *(_header(f, k) for f, k in _EDGE_FIELDS.items())]
    )
    for subject, obj, relation, data in _sorted_edges(graph):
        properties = _edge_properties(data)
        writer.writerow([subject, obj, relation, *(properties[f] for f in _EDGE_FIELDS)])


def file_writers(graph: nx.MultiDiGraph, fmt: str) -> dict[str, Callable[[TextIO], None]]:
    """The files of one of ``FORMATS``, each with the function that writes it."""
    return {
        "graphml": {"graph.graphml": lambda out: out.write(graphml_text(graph))},
        "gexf": {"graph.gexf": lambda out: out.write(gexf_text(graph))},
        "csv": {
            "nodes.csv": lambda out: write_neo4j_nodes(graph, out),
            "edges.csv": lambda out: write_neo4j_edges(graph, out),
        },
    }[fmt]
