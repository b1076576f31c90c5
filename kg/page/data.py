"""What the graph page shows, computed from the networkx graph of ``kg.graph.network``:
vis-network nodes and edges (made with pyvis), the side panel's facts (aliases,
division codes, evidence with headline and date), the districts of the filter and,
for a large graph, the summary's groups (district × type).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Hashable
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from kg import schema
from kg.graph.network import districts_of
from kg.page.layout import FONT, component_layout, grid_layout, isolated, node_size
from kg.schema import ENTITY_TYPES, RELATIONS, refuse_disagreement

STYLE_FILE = Path(__file__).with_name("style.toml")
WORDS_FILE = Path(__file__).with_name("words.toml")
DEFAULT_LANG = "zh"  # that of the articles
# Above this many entities the page opens on its summary (one node per district and
# type) and draws members on demand. 2,000 entities drawn whole are interactive in
# about 1.3 s (benchmarks/bench_page.py); 10,000 would block the tab for seconds.
SUMMARY_ABOVE = 2500
# The most connected entities whose names the page shows at any zoom (page.js keeps
# their labels readable); the others' names appear as one zooms in.
LABELLED = 30


@cache
def load_style() -> dict[str, Any]:
    """Font, colour and shape of each entity type, colour of each relation (style.toml),
    checked against the registry (kg/schema.py)."""
    with STYLE_FILE.open("rb") as f:
        style = tomllib.load(f)
    refuse_disagreement(STYLE_FILE, style_problems(style))
    return style


def style_problems(style: dict[str, Any]) -> list[str]:
    """Each type needs [types.X] with its colour and shape, each predicate
    [relations.X] with its colour; a table for a name not in the registry is a typo."""
    problems = []
    for table, names, keys in (
        ("types", [t.name for t in schema.TYPES], ("color", "shape")),
        ("relations", [p.name for p in schema.PREDICATES], ("color",)),
    ):
        given = style.get(table, {})
        for name in names:
            missing = [key for key in keys if key not in given.get(name, {})]
            if missing:
                problems.append(f"[{table}.{name}] needs {' and '.join(missing)}")
        problems += [f"[{table}.{n}] is not in the registry" for n in given if n not in names]
    return problems


@cache
def page_words(lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """The page's words in ``lang`` (words.toml)."""
    with WORDS_FILE.open("rb") as f:
        words: dict[str, dict[str, Any]] = tomllib.load(f)
    if lang not in words:
        raise ValueError(f"{WORDS_FILE}: no words for language {lang!r}")
    return words[lang]


def type_labels(lang: str = DEFAULT_LANG) -> dict[str, str]:
    """The registry's label in ``lang`` (zh or en) of every entity type and relation."""
    return {entry.name: getattr(entry, lang) for entry in (*schema.TYPES, *schema.PREDICATES)}


def district_membership(graph: nx.MultiDiGraph) -> dict[Hashable, set[Hashable]]:
    """The districts each entity is in (see ``kg.graph.network.districts_of``)."""
    return {node: districts_of(graph, [node]) for node in graph}


def summary_district(graph: nx.MultiDiGraph, districts: set[Hashable]) -> Hashable | None:
    """The district a node is grouped under in the summary: its county-level district
    (区/县) if it has one, else its most specific district, else none."""
    if not districts:
        return None

    def rank(district: Hashable) -> tuple[bool, int, str]:
        data = graph.nodes[district]
        path = data.get("path") or data["name"]
        return data.get("level") != "county", -path.count("/"), path

    return min(districts, key=rank)


def _network_options(edges: int) -> dict[str, Any]:
    """vis-network options, set through pyvis, plus what pyvis has no setter for."""
    network = Network(directed=True)
    network.barnes_hut(
        gravity=-4000, central_gravity=0.05, spring_length=120, spring_strength=0.02, damping=0.4
    )
    # The layout is precomputed: physics stays off until the reader switches it on.
    network.toggle_physics(False)
    network.toggle_stabilization(False)
    network.toggle_hide_edges_on_drag(edges > 2000)
    network.options.edges.smooth.enabled = False
    options: dict[str, Any] = json.loads(network.options.to_json())
    font = load_style()["font"]
    options["nodes"] = {
        "font": {"face": font, "size": FONT, "strokeWidth": 3, "strokeColor": "#ffffff"},
        "borderWidth": 1,
        "scaling": {"label": {"drawThreshold": 6}},
    }
    options["edges"].update(
        font={"face": font, "size": 11, "align": "middle", "color": "#555555", "strokeWidth": 2},
        arrows={"to": {"enabled": True, "scaleFactor": 0.5}},
        width=1.5,
    )
    options["interaction"].update(hover=True, tooltipDelay=300, hideEdgesOnZoom=edges > 2000)
    options["layout"] = {"improvedLayout": False}
    return options


def page_data(
    graph: nx.MultiDiGraph,
    *,
    title: str,
    focus: Hashable | None = None,
    summary_above: int = SUMMARY_ABOVE,
    lang: str = DEFAULT_LANG,
) -> dict[str, Any]:
    """Everything the page's script needs, as JSON-ready data, in ``lang``; nodes and
    edges are referred to by their index in ``entities`` and ``links``."""
    style, labels, words = load_style(), type_labels(lang), page_words(lang)
    nodes = sorted(graph.nodes)
    index = {node: k for k, node in enumerate(nodes)}
    articles = sorted(graph.graph.get("articles", {}))
    article_index = {iri: k for k, iri in enumerate(articles)}
    membership = district_membership(graph)
    summary = len(nodes) > summary_above

    def article(iri: str) -> int:
        if iri not in article_index:
            article_index[iri] = len(articles)
            articles.append(iri)
        return article_index[iri]

    def path_of(district: Hashable) -> str:
        return graph.nodes[district].get("path") or graph.nodes[district]["name"]

    entities = []
    for node in nodes:
        data = graph.nodes[node]
        entity: dict[str, Any] = {
            "iri": str(node),
            "name": data["name"],
            "type": data["type"],
            "aliases": data.get("aliases", []),
            "in": sorted((index[d] for d in membership[node]), key=lambda k: path_of(nodes[k])),
            "articles": [article(a) for a in data.get("articles", [])],
        }
        if data["type"] == "District":
            entity.update(code=data.get("code") or "", level=data.get("level"), path=path_of(node))
        entities.append(entity)

    sentences: dict[str, int] = {}
    links = []
    for source, target, relation, data in sorted(graph.edges(keys=True, data=True)):
        links.append(
            {
                "from": index[source],
                "to": index[target],
                "relation": relation,
                "evidence": [
                    [
                        sentences.setdefault(e["sentence"], len(sentences)),
                        article(e["article"]),
                        e["rule"],
                    ]
                    for e in data.get("evidence", [])
                ],
            }
        )

    cells = {
        node: (summary_district(graph, membership[node]), ENTITY_TYPES.index(data["type"]))
        for node, data in graph.nodes(data=True)
    }
    if summary:
        positions, discs = grid_layout(graph, cells)
    else:
        positions, discs = component_layout(graph, cells), {}

    vis_nodes = []
    for k, node in enumerate(nodes):
        kind = entities[k]["type"]
        x, y = positions[node]
        vis_nodes.append(
            Node(
                k,
                style["types"][kind]["shape"],
                label=entities[k]["name"],
                color=style["types"][kind]["color"],
                size=node_size(graph.degree(node)),
                x=x,
                y=y,
                title=f"{entities[k]['name']} · {labels[kind]}",
            ).options
        )
    vis_edges = []
    parallel: dict[frozenset[int], int] = {}
    for k, link in enumerate(links):
        pair = frozenset((link["from"], link["to"]))
        nth = parallel[pair] = parallel.get(pair, -1) + 1
        edge = Edge(
            link["from"],
            link["to"],
            directed=True,
            id=k,
            label=labels[link["relation"]],
            color=style["relations"][link["relation"]]["color"],
        )
        if nth:  # a second relation between the same two entities bends away from the first
            edge.options["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2 * nth}
        vis_edges.append(edge.options)

    groups = []
    if summary:
        by_cell: dict[tuple[Hashable, int], list[int]] = {}
        for node, cell in cells.items():
            by_cell.setdefault(cell, []).append(index[node])
        for cell in sorted(by_cell, key=lambda c: (str(c[0]), c[1])):
            district, kind = cell[0], ENTITY_TYPES[cell[1]]
            groups.append(
                {
                    "district": None if district is None else index[district],
                    "label": words["unplaced"]
                    if district is None
                    else graph.nodes[district]["name"],
                    "type": kind,
                    "members": sorted(by_cell[cell]),
                    "x": round(discs[cell][0][0], 1),
                    "y": round(discs[cell][0][1], 1),
                    "radius": round(discs[cell][1], 1),
                }
            )
        for g, group in enumerate(groups):
            for member in group["members"]:
                entities[member]["group"] = g

    article_data = graph.graph.get("articles", {})
    connected = [n for n in nodes if graph.degree(n) > 0]
    hubs = sorted(connected, key=lambda n: (-graph.degree(n), entities[index[n]]["name"]))
    present_types = {data["type"] for _, data in graph.nodes(data=True)}
    present_relations = {relation for _, _, relation in graph.edges(keys=True)}
    return {
        "title": title,
        "words": words,
        "summary": summary,
        "focus": None if focus is None else index[focus],
        # The legends list what is there: no type without entities, no relation without edges.
        "types": [
            {"id": t, "label": labels[t], **style["types"][t]}
            for t in ENTITY_TYPES
            if t in present_types
        ],
        "relations": [
            {"id": r, "label": labels[r], **style["relations"][r]}
            for r in RELATIONS
            if r in present_relations
        ],
        "labelled": [index[n] for n in hubs[:LABELLED]],  # most connected first
        "isolated": sorted(index[n] for n in isolated(graph)),
        "districts": sorted(
            (index[n] for n in nodes if graph.nodes[n]["type"] == "District"),
            key=lambda k: entities[k]["path"],
        ),
        "articles": [
            {
                "headline": article_data.get(iri, {}).get("headline") or iri,
                "date": article_data.get(iri, {}).get("date"),
                "url": article_data.get(iri, {}).get("url"),
                "source": Path(article_data.get(iri, {}).get("source") or "").name,
                "page": article_data.get(iri, {}).get("page"),
                "box": article_data.get(iri, {}).get("box"),
            }
            for iri in articles
        ],
        "sentences": list(sentences),
        "entities": entities,
        "links": links,
        "groups": groups,
        "visNodes": vis_nodes,
        "visEdges": vis_edges,
        "options": _network_options(len(links)),
    }
