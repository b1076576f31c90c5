"""Answers over the networkx graph of ``kg.graph.network.to_networkx``: plain
functions that take the graph and return data (no I/O), for the report, the
notebooks and anyone at a Python prompt."""

from kg.analysis.activity import (
    Activity,
    Service,
    co_organisers,
    most_active,
    worker_groups_served,
)
from kg.analysis.centrality import Centrality, centrality_by_type, communities, undirected
from kg.analysis.places import DistrictCounts, per_district
from kg.analysis.timeline import Month, monthly_counts

__all__ = [
    "Activity",
    "Centrality",
    "DistrictCounts",
    "Month",
    "Service",
    "centrality_by_type",
    "co_organisers",
    "communities",
    "monthly_counts",
    "most_active",
    "per_district",
    "undirected",
    "worker_groups_served",
]
