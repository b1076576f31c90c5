"""What the report says, as data: sections of tables whose cells name entities by
reference, so that the HTML and the Markdown render the same content.

Every count is a ``Count``: the number and the entities (or articles) behind it.
Every section names the query of ``ontology/queries`` that reproduces its table.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kg import analysis
from kg.page.data import type_labels
from kg.schema import ENTITY_TYPES, RELATIONS

DEFAULT_LANG = "zh"  # the language of the articles and of the graph page
TOP_ACTIVE = 15
TOP_CENTRAL = 5
MIN_COMMUNITY = 3


@dataclass(frozen=True)
class Ref:
    """A link to an entry of the report: an entity, an article or a type."""

    text: str
    anchor: str


@dataclass(frozen=True)
class Count:
    """A number and what it counts."""

    refs: tuple[Ref, ...]

    @property
    def number(self) -> int:
        return len(self.refs)


Cell = str | int | float | Ref | Count | tuple[Ref, ...]


@dataclass
class Section:
    anchor: str
    title: str
    intro: str
    columns: list[str]
    rows: list[list[Cell]]
    query: str  # the named query that reproduces the table
    query_note: str = ""  # how the query relates to the table, when it is not the table itself
    chart: str = ""  # which chart goes with it (see charts.py)


@dataclass
class EntryRelation:
    label: str  # "organizes →" or "← organizes"
    other: Ref
    sentences: list[tuple[str, Ref]]  # (sentence, article)


@dataclass
class Entry:
    ref: Ref
    type: str
    aliases: list[str]
    path: str | None
    articles: list[Ref]
    relations: list[EntryRelation] = field(default_factory=list)


@dataclass
class ArticleEntry:
    ref: Ref
    date: str | None
    source: str
    url: str | None  # only http(s) addresses
    mentions: int


@dataclass
class ReportContent:
    sections: list[Section]
    entries: dict[str, list[Entry]]  # by type, in ENTITY_TYPES order
    articles: list[ArticleEntry]
    summary: dict[str, int]  # articles, entities, relations


def _anchor(prefix: str, key: str) -> str:
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


def entity_ref(graph: nx.MultiDiGraph, node: str) -> Ref:
    """A link to the entity's entry; anchors are hashes of the IRI (stable, plain ASCII)."""
    return Ref(graph.nodes[node]["name"], _anchor("e", node))


def article_ref(graph: nx.MultiDiGraph, article: str) -> Ref:
    """A link to the article's row under Articles, shown by its headline."""
    data = graph.graph["articles"].get(article)
    return Ref(data["headline"] if data else article, _anchor("a", article))


@dataclass(frozen=True)
class Words:
    """The report's words in one language (kg/report/words.toml) with the ontology's
    names of types and relations in it."""

    lang: str
    text: dict[str, Any]
    labels: dict[str, str]

    def section(
        self, anchor: str, rows: list[list[Cell]], query: str, chart: str = "", **values: int
    ) -> Section:
        words = self.text["sections"][anchor]
        return Section(
            anchor,
            words["title"],
            words["intro"].format(**values),
            list(words["columns"]),
            rows,
            query,
            words.get("query_note", ""),
            chart,
        )

    def type_ref(self, kind: str) -> Ref:
        """A link to the entries of one entity type."""
        return Ref(self.labels[kind], f"t-{kind}")


def load_words(lang: str) -> Words:
    with (Path(__file__).parent / "words.toml").open("rb") as file:
        text = tomllib.load(file)
    if lang not in text:
        raise ValueError(f"no report words for language {lang!r}")
    return Words(lang, text[lang], type_labels(lang))


def _entities(graph: nx.MultiDiGraph, nodes: list[str] | tuple[str, ...]) -> Count:
    return Count(tuple(entity_ref(graph, n) for n in nodes))


def _articles(graph: nx.MultiDiGraph, articles: list[str] | tuple[str, ...]) -> Count:
    return Count(tuple(article_ref(graph, a) for a in articles))


def _overview(graph: nx.MultiDiGraph, words: Words) -> Section:
    by_type: dict[str, list[str]] = {kind: [] for kind in ENTITY_TYPES}
    for node, kind in graph.nodes(data="type"):
        by_type[kind].append(node)
    relations = {name: 0 for name in RELATIONS}
    for _, _, key in graph.edges(keys=True):
        relations[key] += 1
    entities, related = words.text["counted_entities"], words.text["counted_relations"]
    rows: list[list[Cell]] = [[entities, words.type_ref(k), len(v)] for k, v in by_type.items()]
    rows += [[related, words.labels[name], n] for name, n in relations.items()]
    articles = words.text["articles"]
    rows.append([articles, Ref(articles, "articles"), len(graph.graph["articles"])])
    return words.section("overview", rows, "entities-per-type")


def _activity(graph: nx.MultiDiGraph, words: Words) -> Section:
    rows: list[list[Cell]] = [
        [
            entity_ref(graph, a.entity),
            words.labels[a.type],
            _entities(graph, a.initiatives),
            _entities(graph, a.facilities),
            _articles(graph, a.articles),
        ]
        for a in analysis.most_active(graph, top=TOP_ACTIVE)
    ]
    return words.section("most-active", rows, "most-active-organisers", top=TOP_ACTIVE)


def _districts(
    graph: nx.MultiDiGraph, districts: list[analysis.DistrictCounts], words: Words
) -> Section:
    levels = words.text["levels"]
    rows: list[list[Cell]] = [
        [
            Ref(
                graph.nodes[r.district].get("path") or graph.nodes[r.district]["name"],
                entity_ref(graph, r.district).anchor,
            ),
            levels.get(graph.nodes[r.district].get("level") or "", ""),
            _entities(graph, r.facilities),
            _entities(graph, r.initiatives_held),
            _entities(graph, r.initiatives_organised),
        ]
        for r in districts
    ]
    return words.section(
        "districts", rows, "facilities-and-initiatives-per-district", chart="districts"
    )


def _worker_groups(graph: nx.MultiDiGraph, words: Words) -> Section:
    rows: list[list[Cell]] = [
        [
            entity_ref(graph, s.worker_group),
            entity_ref(graph, s.served_by),
            words.labels[graph.nodes[s.served_by]["type"]],
            tuple(entity_ref(graph, p) for p in s.providers),
        ]
        for s in analysis.worker_groups_served(graph)
    ]
    return words.section("worker-groups", rows, "worker-groups-served")


def _co_organisers(graph: nx.MultiDiGraph, network: nx.Graph, words: Words) -> Section:
    edges = sorted(
        network.edges(data=True),
        key=lambda e: (
            -e[2]["weight"],
            *sorted((graph.nodes[e[0]]["name"], graph.nodes[e[1]]["name"])),
        ),
    )
    rows: list[list[Cell]] = []
    for u, v, data in edges:
        first, second = sorted((u, v), key=lambda n: (graph.nodes[n]["name"], n))
        rows.append(
            [
                entity_ref(graph, first),
                entity_ref(graph, second),
                _entities(graph, data["initiatives"]),
            ]
        )
    return words.section("co-organisers", rows, "co-organisers", chart="co-organisers")


def _centrality(graph: nx.MultiDiGraph, simple: nx.Graph, words: Words) -> Section:
    rows: list[list[Cell]] = []
    for kind, ranked in analysis.centrality_by_type(simple, top=TOP_CENTRAL).items():
        for c in ranked:
            rows.append(
                [
                    words.type_ref(kind),
                    entity_ref(graph, c.entity),
                    c.degree,
                    round(c.betweenness, 4),
                ]
            )
    return words.section("centrality", rows, "relations", top=TOP_CENTRAL)


def _communities(graph: nx.MultiDiGraph, simple: nx.Graph, words: Words) -> Section:
    found = [c for c in analysis.communities(simple) if len(c) >= MIN_COMMUNITY]
    rows: list[list[Cell]] = [
        [
            i,
            _entities(
                graph, sorted(c, key=lambda n: (graph.nodes[n]["type"], graph.nodes[n]["name"]))
            ),
        ]
        for i, c in enumerate(found, 1)
    ]
    return words.section("communities", rows, "relations", least=MIN_COMMUNITY)


def _timeline(graph: nx.MultiDiGraph, months: list[analysis.Month], words: Words) -> Section:
    rows: list[list[Cell]] = [
        [m.month, _articles(graph, m.articles), _entities(graph, m.new_entities), len(m.relations)]
        for m in months
    ]
    return words.section("timeline", rows, "activity-per-month", chart="timeline")


def _entry(graph: nx.MultiDiGraph, node: str, words: Words) -> Entry:
    data = graph.nodes[node]
    relations = []
    for edges, arrow in (
        (graph.out_edges(node, keys=True, data=True), "out"),
        (graph.in_edges(node, keys=True, data=True), "in"),
    ):
        for subject, obj, key, edge in sorted(edges, key=lambda e: (e[2], e[0], e[1])):
            other = obj if arrow == "out" else subject
            name = words.labels[key]
            label = f"{name} →" if arrow == "out" else f"← {name}"
            sentences = [
                (e["sentence"], article_ref(graph, e["article"])) for e in edge["evidence"]
            ]
            relations.append(EntryRelation(label, entity_ref(graph, other), sentences))
    return Entry(
        entity_ref(graph, node),
        words.labels[data["type"]],
        list(data["aliases"]),
        data.get("path"),
        [article_ref(graph, a) for a in data["articles"]],
        relations,
    )


def _article_entries(graph: nx.MultiDiGraph) -> list[ArticleEntry]:
    mentions: dict[str, int] = {}
    for _, articles in graph.nodes(data="articles"):
        for article in articles:
            mentions[article] = mentions.get(article, 0) + 1
    entries = []
    for article, data in graph.graph["articles"].items():
        url = (
            data["url"] if data["url"] and data["url"].startswith(("http://", "https://")) else None
        )
        entries.append(
            ArticleEntry(
                article_ref(graph, article),
                data["date"],
                data["source"],
                url,
                mentions.get(article, 0),
            )
        )
    return sorted(entries, key=lambda e: (e.date or "", e.source, e.ref.text))


@dataclass
class Charted:
    """The analyses that both a table and a chart show, computed once."""

    districts: list[analysis.DistrictCounts]
    months: list[analysis.Month]
    co_organisers: nx.Graph


def report_content(graph: nx.MultiDiGraph, words: Words) -> tuple[ReportContent, Charted]:
    """The report's content in ``words``' language, and the analyses its charts draw."""
    charted = Charted(
        analysis.per_district(graph), analysis.monthly_counts(graph), analysis.co_organisers(graph)
    )
    simple = analysis.undirected(graph)  # for centrality and communities both
    sections = [
        _overview(graph, words),
        _activity(graph, words),
        _districts(graph, charted.districts, words),
        _worker_groups(graph, words),
        _co_organisers(graph, charted.co_organisers, words),
        _centrality(graph, simple, words),
        _communities(graph, simple, words),
        _timeline(graph, charted.months, words),
    ]
    entries: dict[str, list[Entry]] = {kind: [] for kind in ENTITY_TYPES}
    for node in sorted(graph, key=lambda n: (graph.nodes[n]["name"], n)):
        entries[graph.nodes[node]["type"]].append(_entry(graph, node, words))
    summary = {
        "articles": len(graph.graph["articles"]),
        "entities": graph.number_of_nodes(),
        "relations": graph.number_of_edges(),
    }
    return ReportContent(sections, entries, _article_entries(graph), summary), charted
