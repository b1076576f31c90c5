"""The interactive graph page: one self-contained HTML file over vis-network."""

from __future__ import annotations

from kg.page.data import SUMMARY_ABOVE
from kg.page.focus import NoSuchEntity, find_entity, neighbourhood, page_file_name
from kg.page.render import graph_page

__all__ = [
    "SUMMARY_ABOVE",
    "NoSuchEntity",
    "find_entity",
    "graph_page",
    "neighbourhood",
    "page_file_name",
]
