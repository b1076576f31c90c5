"""One entity and its surroundings, for a page centred on it (``kg view``)."""

from __future__ import annotations

import re
from collections.abc import Hashable

import networkx as nx


class NoSuchEntity(LookupError):
    """A one-line reason why a name picks out no single entity."""


def find_entity(graph: nx.MultiDiGraph, name: str) -> Hashable:
    """The entity whose IRI or name is ``name``, else the one entity with that alias."""
    if name in graph:
        return name
    for attribute in ("name", "aliases"):
        found = sorted(
            node
            for node, value in graph.nodes(data=attribute)
            if value == name or (attribute == "aliases" and name in (value or ()))
        )
        if len(found) == 1:
            return found[0]
        if found:
            shown = "; ".join(f"{graph.nodes[n]['name']} <{n}>" for n in found[:5])
            more = f" and {len(found) - 5} more" if len(found) > 5 else ""
            raise NoSuchEntity(
                f"{name!r} names {len(found)} entities: {shown}{more}; give the IRI or full name"
            )
    raise NoSuchEntity(f"no entity named {name!r} in the graph")


def neighbourhood(graph: nx.MultiDiGraph, centre: Hashable, depth: int) -> nx.MultiDiGraph:
    """The entities at most ``depth`` relations away from ``centre`` (either direction),
    with the relations among them and the graph's article table."""
    reached = nx.single_source_shortest_path_length(
        graph.to_undirected(as_view=True), centre, cutoff=depth
    )
    return graph.subgraph(reached).copy()


_UNSAFE_IN_FILE_NAMES = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|\s]+')


def page_file_name(name: str) -> str:
    """``view-NAME.html`` with characters that file systems refuse replaced by ``_``."""
    return f"view-{_UNSAFE_IN_FILE_NAMES.sub('_', name).strip('._') or 'entity'}.html"
