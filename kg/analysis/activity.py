"""Who does what: the most active bodies, who organises with whom, and who is served."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from kg.analysis.edges import sources, targets

ORGANISER_TYPES = ("Union", "Organization")


@dataclass(frozen=True)
class Activity:
    entity: str
    name: str
    type: str
    initiatives: tuple[str, ...]  # organised
    facilities: tuple[str, ...]  # operated
    articles: tuple[str, ...]  # mentioning it


def most_active(
    graph: nx.MultiDiGraph, types: tuple[str, ...] = ORGANISER_TYPES, top: int | None = None
) -> list[Activity]:
    """Entities of ``types`` (unions and organisations by default) that organise or
    operate anything, by the number of initiatives organised plus facilities
    operated, then by the number of articles mentioning them, then by name."""
    rows = []
    for node, data in graph.nodes(data=True):
        if data["type"] not in types:
            continue
        activity = Activity(
            node,
            data["name"],
            data["type"],
            targets(graph, node, "organizes"),
            targets(graph, node, "operates"),
            tuple(data["articles"]),
        )
        if activity.initiatives or activity.facilities:
            rows.append(activity)
    rows.sort(
        key=lambda a: (-len(a.initiatives) - len(a.facilities), -len(a.articles), a.name, a.entity)
    )
    return rows[:top]


def co_organisers(graph: nx.MultiDiGraph) -> nx.Graph:
    """Who organises the same initiative with whom: organisers that share at least one
    initiative, with their ``name`` and ``type``; an edge per pair, its ``weight`` the
    number of initiatives they share and ``initiatives`` those initiatives (sorted)."""
    network = nx.Graph()
    for node, data in graph.nodes(data=True):
        if data["type"] != "Initiative":
            continue
        for first, second in combinations(sources(graph, node, "organizes"), 2):
            network.add_edge(first, second)
            network.edges[first, second].setdefault("initiatives", []).append(node)
    for organiser, data in network.nodes(data=True):
        data.update(name=graph.nodes[organiser]["name"], type=graph.nodes[organiser]["type"])
    for _, _, data in network.edges(data=True):
        data["initiatives"].sort()
        data["weight"] = len(data["initiatives"])
    return network


@dataclass(frozen=True)
class Service:
    worker_group: str
    served_by: str  # a facility or an initiative
    providers: tuple[str, ...]  # who operates the facility or organises the initiative


def worker_groups_served(graph: nx.MultiDiGraph) -> list[Service]:
    """Each worker group with each facility or initiative said to serve it, and the
    operators (of a facility) or organisers (of an initiative) behind that; ordered
    by worker group name, then by the name of what serves it."""
    services = []
    for server, group, key in graph.edges(keys=True):
        if key != "serves":
            continue
        behind = "operates" if graph.nodes[server]["type"] == "Facility" else "organizes"
        services.append(Service(group, server, sources(graph, server, behind)))

    def name(node: str) -> str:
        return graph.nodes[node]["name"]

    services.sort(key=lambda s: (name(s.worker_group), s.worker_group, name(s.served_by)))
    return services
