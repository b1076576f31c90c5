"""Where things are: facilities and initiatives per district.

An entity counts for every district it lies in, directly or through a place
(``locatedIn`` followed as far as it goes), and for every district above those
on the ``parent`` chain: a facility in 望京街道 counts for 望京街道, 朝阳区 and
北京市. An initiative counts where it is held (``heldAt`` a facility or place,
then as that one) and, separately, where its organisers are (an organiser that is
itself a district counts for that district).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from kg.analysis.edges import sources, targets
from kg.graph.network import districts_of


@dataclass
class DistrictCounts:
    district: str
    facilities: list[str] = field(default_factory=list)  # located in it
    initiatives_held: list[str] = field(default_factory=list)  # held at a site in it
    initiatives_organised: list[str] = field(default_factory=list)  # by a body in it


def per_district(graph: nx.MultiDiGraph) -> list[DistrictCounts]:
    """Every district with at least one facility or initiative, in the order of its
    path (so a district comes right before its subdistricts); each list sorted."""
    counts: dict[str, DistrictCounts] = {}

    def count(node: str, starts: Iterable[str], attribute: str) -> None:
        for district in districts_of(graph, starts):
            getattr(counts.setdefault(district, DistrictCounts(district)), attribute).append(node)

    for node, data in graph.nodes(data=True):
        if data["type"] == "Facility":
            count(node, [node], "facilities")
        elif data["type"] == "Initiative":
            count(node, targets(graph, node, "heldAt"), "initiatives_held")
            organisers = sources(graph, node, "organizes")
            count(node, organisers, "initiatives_organised")
    for row in counts.values():
        row.facilities.sort()
        row.initiatives_held.sort()
        row.initiatives_organised.sort()
    return sorted(
        counts.values(), key=lambda r: (graph.nodes[r.district].get("path") or "", r.district)
    )
