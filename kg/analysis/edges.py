"""The entities one entity is related to by one relation."""

from __future__ import annotations

import networkx as nx


def targets(graph: nx.MultiDiGraph, node: str, relation: str) -> tuple[str, ...]:
    """What ``node`` has ``relation`` to (its objects), sorted."""
    return tuple(sorted(o for _, o, key in graph.out_edges(node, keys=True) if key == relation))


def sources(graph: nx.MultiDiGraph, node: str, relation: str) -> tuple[str, ...]:
    """What has ``relation`` to ``node`` (its subjects), sorted."""
    return tuple(sorted(s for s, _, key in graph.in_edges(node, keys=True) if key == relation))
