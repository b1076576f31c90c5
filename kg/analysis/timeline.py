"""How the graph grows over time, by the dates of the articles."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx


@dataclass
class Month:
    month: str  # YYYY-MM
    articles: list[str] = field(default_factory=list)  # dated in the month
    new_entities: list[str] = field(default_factory=list)  # first mentioned in the month
    relations: list[tuple[str, str, str]] = field(default_factory=list)  # read in the month


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def monthly_counts(graph: nx.MultiDiGraph) -> list[Month]:
    """Per month from the first article's to the last one's (months without articles
    included, empty): the articles dated in it, the entities whose earliest
    mentioning article is dated in it, and the relations (subject, relation,
    object) with a sentence read in an article of the month (a relation read in two
    months is in both). Undated articles, and what only they mention, are left out."""
    month_of = {
        article: data["date"][:7]
        for article, data in graph.graph["articles"].items()
        if data["date"] is not None
    }
    if not month_of:
        return []
    months = {m: Month(m) for m in _months(min(month_of.values()), max(month_of.values()))}
    for article, month in month_of.items():
        months[month].articles.append(article)
    for node, data in graph.nodes(data=True):
        dated = [month_of[a] for a in data["articles"] if a in month_of]
        if dated:
            months[min(dated)].new_entities.append(node)
    for subject, obj, key, evidence in graph.edges(keys=True, data="evidence"):
        for month in sorted({month_of[e["article"]] for e in evidence if e["article"] in month_of}):
            months[month].relations.append((subject, key, obj))
    for row in months.values():
        row.articles.sort()
        row.new_entities.sort()
        row.relations.sort()
    return list(months.values())
