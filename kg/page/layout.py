"""Node positions for the graph page, computed before the page opens so that its first
view is stable without running the browser's physics.

Positions are in vis-network pixels. Small connected components get a force layout
(networkx), packed on shelves; a component too large for networkx's dense solver, and
the whole graph of a summary page, are drawn as a grid of groups (a row per district,
a cell per entity type) in which members sit on a sunflower spiral, hubs in the middle.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence

import networkx as nx

Position = tuple[float, float]

# networkx's spring layout needs scipy from 500 nodes on; larger components use the grid.
FORCE_LAYOUT_LIMIT = 499
# Nodes of a sunflower sit about this far apart: roughly one short Chinese label.
SPACING = 80.0
# A force-laid component of n nodes gets a radius of EDGE_LENGTH * sqrt(n).
EDGE_LENGTH = 80.0
GAP = 50.0
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def sunflower(nodes: Sequence[Hashable]) -> tuple[dict[Hashable, Position], float]:
    """The nodes on a spiral around (0, 0), the first in the middle; and its radius."""
    positions = {
        node: (
            SPACING * math.sqrt(k) * math.cos(k * _GOLDEN_ANGLE),
            SPACING * math.sqrt(k) * math.sin(k * _GOLDEN_ANGLE),
        )
        for k, node in enumerate(nodes)
    }
    return positions, SPACING * math.sqrt(max(len(nodes) - 1, 0)) + SPACING / 2


def _place_rows(rows: Iterable[Sequence[tuple[Hashable, float]]]) -> dict[Hashable, Position]:
    """Centres for discs (key, radius) laid left to right in the given rows, top to bottom,
    the whole centred on (0, 0)."""
    centres: dict[Hashable, Position] = {}
    y = 0.0
    width = 0.0
    for row in rows:
        if not row:
            continue
        height = 2 * max(radius for _, radius in row)
        x = 0.0
        for key, radius in row:
            centres[key] = (x + radius, y + height / 2)
            x += 2 * radius + GAP
        width = max(width, x - GAP)
        y += height + GAP
    height = y - GAP
    return {key: (cx - width / 2, cy - height / 2) for key, (cx, cy) in centres.items()}


def _shelves(
    discs: Sequence[tuple[Hashable, float]],
) -> list[list[tuple[Hashable, float]]]:
    """Discs (largest first) cut into rows about as wide as the square of their total area."""
    area = sum((2 * radius + GAP) ** 2 for _, radius in discs)
    row_width = max(math.sqrt(area) * 1.5, max((2 * r for _, r in discs), default=0.0))
    rows: list[list[tuple[Hashable, float]]] = [[]]
    used = 0.0
    for key, radius in discs:
        if rows[-1] and used + 2 * radius > row_width:
            rows.append([])
            used = 0.0
        rows[-1].append((key, radius))
        used += 2 * radius + GAP
    return rows


def _ranked(graph: nx.MultiDiGraph, nodes: Iterable[Hashable]) -> list[Hashable]:
    """Most connected first, then by name: the order in which a sunflower fills."""
    return sorted(nodes, key=lambda n: (-graph.degree(n), graph.nodes[n].get("name", ""), n))


def grid_layout(
    graph: nx.MultiDiGraph, groups: Mapping[Hashable, tuple[Hashable, int]]
) -> tuple[dict[Hashable, Position], dict[Hashable, tuple[Position, float]]]:
    """Positions of the nodes of ``groups`` (node → (row, column)): a row per distinct
    row value, the fullest on top; cells left to right by column. Returns the node
    positions and each cell's centre and radius."""
    members: dict[tuple[Hashable, int], list[Hashable]] = {}
    for node, cell in groups.items():
        members.setdefault(cell, []).append(node)
    spirals = {cell: sunflower(_ranked(graph, nodes)) for cell, nodes in members.items()}
    rows: dict[Hashable, list[tuple[Hashable, float]]] = {}
    for cell in sorted(members, key=lambda c: c[1]):
        rows.setdefault(cell[0], []).append((cell, spirals[cell][1]))
    sizes = {row: sum(len(members[cell]) for cell, _ in cells) for row, cells in rows.items()}
    order = sorted(rows, key=lambda row: (-sizes[row], str(row)))
    centres = _place_rows(rows[row] for row in order)
    positions: dict[Hashable, Position] = {}
    for cell, (spiral, _) in spirals.items():
        cx, cy = centres[cell]
        for node, (x, y) in spiral.items():
            positions[node] = (round(cx + x, 1), round(cy + y, 1))
    return positions, {cell: (centres[cell], spirals[cell][1]) for cell in spirals}


def _force_layout(graph: nx.MultiDiGraph, nodes: set[Hashable]) -> tuple[dict, float]:
    if len(nodes) == 1:
        return {next(iter(nodes)): (0.0, 0.0)}, SPACING / 3
    # Nodes and edges in a fixed order: spring_layout's start positions follow the order
    # of the nodes, and the order of a subgraph's nodes the order of a set, which the
    # hash seed changes from one run to the next.
    simple = nx.Graph()
    simple.add_nodes_from(sorted(nodes, key=str))
    simple.add_edges_from(
        sorted(((u, v) for u, v in graph.subgraph(nodes).edges() if u != v), key=str)
    )
    radius = EDGE_LENGTH * math.sqrt(len(nodes))
    raw = nx.spring_layout(simple, seed=7, scale=radius)
    return {node: (float(x), float(y)) for node, (x, y) in raw.items()}, radius + SPACING / 2


def isolated(graph: nx.MultiDiGraph) -> list[Hashable]:
    """The entities without a relation."""
    return [n for n in graph if graph.degree(n) == 0]


def component_layout(
    graph: nx.MultiDiGraph, groups: Mapping[Hashable, tuple[Hashable, int]]
) -> dict[Hashable, Position]:
    """Each weakly connected component laid out on its own, largest first on shelves:
    force-directed up to FORCE_LAYOUT_LIMIT nodes, larger ones as a grid of ``groups``.
    The entities without a relation are one block, last, so that they neither fill rows
    of their own nor sit between the components (the page can hide them)."""
    alone = isolated(graph)
    components = sorted(
        (sorted(c) for c in nx.weakly_connected_components(graph) if len(c) > 1),
        key=lambda c: (-len(c), c),
    )
    laid: list[tuple[dict[Hashable, Position], float]] = []
    for component in components:
        if len(component) <= FORCE_LAYOUT_LIMIT:
            laid.append(_force_layout(graph, set(component)))
        else:
            positions, _ = grid_layout(graph, {n: groups[n] for n in component})
            radius = max(math.hypot(x, y) for x, y in positions.values()) + SPACING / 2
            laid.append((positions, radius))
    if alone:
        # By type (the column of ``groups``), then name: each type's entities together.
        by_type = sorted(
            alone, key=lambda n: (groups[n][1], graph.nodes[n].get("name", ""), str(n))
        )
        laid.append(sunflower(by_type))
    centres = _place_rows(_shelves([(k, radius) for k, (_, radius) in enumerate(laid)]))
    result: dict[Hashable, Position] = {}
    for k, (positions, _) in enumerate(laid):
        cx, cy = centres[k]
        for node, (x, y) in positions.items():
            result[node] = (round(cx + x, 1), round(cy + y, 1))
    return result
