"""Who holds the graph together: centrality per entity type, and communities."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

# Louvain is randomised; a fixed seed gives the same communities on every run.
COMMUNITY_SEED = 7


@dataclass(frozen=True)
class Centrality:
    entity: str
    name: str
    degree: int  # distinct neighbours, whatever the relation or its direction
    betweenness: float  # normalised, on the undirected graph


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """The entities with one undirected edge per related pair; ``weight`` is the number
    of relations between the two (either direction); self-relations are dropped."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for subject, obj in graph.edges():
        if subject == obj:
            continue
        if simple.has_edge(subject, obj):
            simple.edges[subject, obj]["weight"] += 1
        else:
            simple.add_edge(subject, obj, weight=1)
    return simple


def centrality_by_type(
    graph: nx.Graph | nx.MultiDiGraph, top: int | None = None
) -> dict[str, list[Centrality]]:
    """For each entity type, its entities by betweenness (then degree, then name),
    highest first, at most ``top`` of each. Betweenness is counted over unweighted
    shortest paths of the undirected graph: an entity scores when it is the link
    between others, whichever way the relations point. A graph that is not a
    multigraph is taken as already undirected (``undirected`` gives one)."""
    simple = undirected(graph) if graph.is_multigraph() else graph
    betweenness = nx.betweenness_centrality(simple, weight=None)
    by_type: dict[str, list[Centrality]] = {}
    for node, data in simple.nodes(data=True):
        by_type.setdefault(data["type"], []).append(
            Centrality(node, data["name"], simple.degree(node), betweenness[node])
        )
    return {
        kind: sorted(rows, key=lambda r: (-r.betweenness, -r.degree, r.name, r.entity))[:top]
        for kind, rows in sorted(by_type.items())
    }


def communities(graph: nx.Graph | nx.MultiDiGraph, seed: int = COMMUNITY_SEED) -> list[set[str]]:
    """Louvain communities of the undirected, weighted graph (``undirected`` for a
    MultiDiGraph, the graph itself otherwise, e.g. the co-organiser network), largest
    first, then by their smallest member; the same on every run for the same seed."""
    simple = undirected(graph) if graph.is_multigraph() else graph
    found = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))
