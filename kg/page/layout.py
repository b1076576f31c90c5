"""Node positions for the graph page, computed before the page opens so that its first
view is stable without running the browser's physics.

Positions are in vis-network pixels. Small connected components get a force layout
(networkx) given room for their names (each node and the name drawn under it a box; the
layout scaled to their total area, then boxes that still overlap pushed apart), packed
on shelves, the entities without a relation last, set in lines like words. A component
too large for networkx's dense solver, and the whole graph of a summary page, are drawn
as a grid of groups (a row per district, a cell per entity type) in which members sit
on a sunflower spiral, hubs in the middle.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence

import networkx as nx
import numpy as np

Position = tuple[float, float]

# networkx's spring layout needs scipy from 500 nodes on; larger components use the grid.
FORCE_LAYOUT_LIMIT = 499
# Nodes of a sunflower sit about this far apart: roughly one short Chinese label.
SPACING = 80.0
GAP = 50.0
# The page's font size for names (kg/page/data.py), in pixels at zoom 1: a Chinese
# character is about that wide. A name is drawn under its node, LABEL_GAP below it.
FONT = 14
LABEL_GAP = 4.0
# Room around each box, in pixels, so that neighbouring names read apart.
MARGIN = 6.0
# A force layout is scaled so that its disc is ROOM times the area of its boxes: the
# spring layout leaves gaps and clusters, which the overlap pass then evens out.
ROOM = 2.5
# Rounds of pushing overlapping boxes apart: enough for the demo's densest component to
# settle (no overlap left after 60), bounded for a dense 499-node one.
OVERLAP_ROUNDS = 100
# spring_layout's ideal edge length, in multiples of its default (1 / sqrt(n)): longer
# springs spread a hub's leaves around it instead of piling them up, which leaves the
# overlap pass little to do (demo's largest component: 247 overlapping boxes before the
# pass with the default, 135 with 3; none after it with 3, 36 with the default).
SPREAD = 3.0
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def node_size(degree: int) -> float:
    """A node's radius on the page, in pixels at zoom 1: larger for more relations."""
    return round(min(12 + 4 * math.sqrt(degree), 48), 1)


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


def label_boxes(graph: nx.MultiDiGraph, nodes: Sequence[Hashable]) -> np.ndarray:
    """For each node, the box that holds its disc and its name under it, relative to the
    node's centre: rows of (half width, top, bottom), margin included."""
    rows = []
    for node in nodes:
        size = node_size(graph.degree(node))
        half = max(FONT * _text_width(graph.nodes[node].get("name", "")) / 2, size)
        rows.append((half + MARGIN, -size - MARGIN, size + LABEL_GAP + 1.25 * FONT + MARGIN))
    return np.array(rows, dtype=float).reshape(-1, 3)


def _text_width(text: str) -> float:
    """The width of ``text`` in font sizes: a Chinese character is one, a Latin letter or
    digit about half."""
    return sum(0.55 if ord(c) < 0x2E80 else 1.0 for c in text)


def separate(points: np.ndarray, boxes: np.ndarray, rounds: int = OVERLAP_ROUNDS) -> np.ndarray:
    """``points`` moved so that their ``boxes`` (see label_boxes) overlap less: in each of
    at most ``rounds`` rounds, every overlapping pair is pushed apart, each by half the
    overlap, along the axis where the overlap is smaller. Deterministic: numpy's sums
    over a fixed order; ties go by index."""
    points = points.copy()
    n = len(points)
    if n < 2:
        return points
    half, top, bottom = boxes[:, 0], boxes[:, 1], boxes[:, 2]
    centre_offset = (top + bottom) / 2
    half_height = (bottom - top) / 2
    reach_x = half[:, None] + half[None, :]
    reach_y = half_height[:, None] + half_height[None, :]
    order = np.sign(np.arange(n)[None, :] - np.arange(n)[:, None])  # j after i: +1
    for _ in range(rounds):
        cy = points[:, 1] + centre_offset
        dx = points[None, :, 0] - points[:, None, 0]  # from i to j
        dy = cy[None, :] - cy[:, None]
        over_x = reach_x - np.abs(dx)
        over_y = reach_y - np.abs(dy)
        overlap = (over_x > 0) & (over_y > 0)
        np.fill_diagonal(overlap, False)
        if not overlap.any():
            break
        along_x = overlap & (over_x <= over_y)
        along_y = overlap & ~along_x
        sx = np.where(dx != 0, np.sign(dx), order)
        sy = np.where(dy != 0, np.sign(dy), order)
        # Each of a pair moves away from the other by half their overlap (+ a pixel, so
        # that touching boxes part).
        push_x = np.where(along_x, -(over_x / 2 + 0.5) * sx, 0.0).sum(axis=1)
        push_y = np.where(along_y, -(over_y / 2 + 0.5) * sy, 0.0).sum(axis=1)
        points[:, 0] += push_x
        points[:, 1] += push_y
    return points


def _force_layout(graph: nx.MultiDiGraph, nodes: set[Hashable]) -> tuple[dict, float]:
    if len(nodes) == 1:
        return {next(iter(nodes)): (0.0, 0.0)}, SPACING / 3
    # Nodes and edges in a fixed order: spring_layout's start positions follow the order
    # of the nodes, and the order of a subgraph's nodes the order of a set, which the
    # hash seed changes from one run to the next.
    order = sorted(nodes, key=str)
    simple = nx.Graph()
    simple.add_nodes_from(order)
    simple.add_edges_from(
        sorted(((u, v) for u, v in graph.subgraph(nodes).edges() if u != v), key=str)
    )
    boxes = label_boxes(graph, order)
    area = float((2 * boxes[:, 0] * (boxes[:, 2] - boxes[:, 1])).sum())
    raw = nx.spring_layout(
        simple, k=SPREAD / math.sqrt(len(order)), seed=7, scale=math.sqrt(ROOM * area / math.pi)
    )
    points = separate(np.array([raw[node] for node in order], dtype=float), boxes)
    return _centred(order, points, boxes)


def _centred(
    order: Sequence[Hashable], points: np.ndarray, boxes: np.ndarray
) -> tuple[dict[Hashable, Position], float]:
    """The nodes of ``order`` at ``points`` centred on (0, 0); and the radius of the disc
    that holds every box, for packing on shelves."""
    points = points - (points.min(axis=0) + points.max(axis=0)) / 2
    corners = np.hypot(
        np.abs(points[:, 0]) + boxes[:, 0],
        np.maximum(np.abs(points[:, 1] + boxes[:, 1]), np.abs(points[:, 1] + boxes[:, 2])),
    )
    positions = {node: (float(x), float(y)) for node, (x, y) in zip(order, points, strict=True)}
    return positions, float(corners.max())


def _flow(graph: nx.MultiDiGraph, nodes: Sequence[Hashable]) -> tuple[dict, float]:
    """The nodes' boxes (see label_boxes) set in order like words of a text, in lines
    about as wide as the block is high, so that no name overlaps another; centred on
    (0, 0), with the radius of the disc that holds them. Linear in the nodes, where
    ``separate`` is quadratic: the isolated block of 10,000 entities has thousands."""
    boxes = label_boxes(graph, nodes)
    width = math.sqrt(float((2 * boxes[:, 0] * (boxes[:, 2] - boxes[:, 1])).sum()))
    points = np.zeros((len(nodes), 2))
    x = line_top = line_height = 0.0
    for k, (half, top, bottom) in enumerate(boxes):
        if x and x + 2 * half > width:
            x, line_top, line_height = 0.0, line_top + line_height, 0.0
        points[k] = (x + half, line_top - top)
        x += 2 * half
        line_height = max(line_height, bottom - top)
    return _centred(nodes, points, boxes)


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
        laid.append(_flow(graph, by_type))
    centres = _place_rows(_shelves([(k, radius) for k, (_, radius) in enumerate(laid)]))
    result: dict[Hashable, Position] = {}
    for k, (positions, _) in enumerate(laid):
        cx, cy = centres[k]
        for node, (x, y) in positions.items():
            result[node] = (round(cx + x, 1), round(cy + y, 1))
    return result
