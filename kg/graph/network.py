"""The merged graph as a networkx graph: entities as nodes, relations as edges.

Read with a handful of SPARQL queries (not a triple-by-triple walk), for the
analysis functions and the graph page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.graph.store import GraphStore
from kg.graph.vocab import ENTITY_CLASSES, RELATION_OF_PROPERTY, TYPE_OF_CLASS

_ENTITIES = """
SELECT ?entity ?type ?name ?code ?level ?path ?lat ?long ?parent WHERE {
  ?entity a ?type ; skos:prefLabel ?name .
  VALUES ?type { ENTITY_CLASSES }
  OPTIONAL { ?entity kgo:divisionCode ?code }
  OPTIONAL { ?entity kgo:divisionLevel ?level }
  OPTIONAL { ?entity kgo:divisionPath ?path }
  OPTIONAL { ?entity geo:lat ?lat ; geo:long ?long }
  OPTIONAL { ?entity kgo:parentDivision ?parent }
}
"""

_ENTITIES = _ENTITIES.replace("ENTITY_CLASSES", " ".join(f"<{c}>" for c in ENTITY_CLASSES.values()))

_ALIASES = "SELECT ?entity ?alias WHERE { ?entity skos:altLabel ?alias }"

_ARTICLES = """
SELECT ?article ?headline ?date ?source ?url ?page ?box WHERE {
  ?article a kgo:NewsArticle ; dcterms:title ?headline ; kgo:sourceFile ?source .
  OPTIONAL { ?article dcterms:issued ?date }
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?article kgo:pageNumber ?page }
  OPTIONAL { ?article kgo:pageBox ?box }
}
"""

_MENTIONS = "SELECT ?article ?entity WHERE { ?article kgo:mentions ?entity }"

_EVIDENCE = """
SELECT ?subject ?relation ?object ?sentence ?start ?end ?rule ?article WHERE {
  ?statement a kgo:ExtractedStatement ;
             rdf:subject ?subject ; rdf:predicate ?relation ; rdf:object ?object ;
             kgo:hasEvidence ?evidence .
  ?evidence kgo:sentence ?sentence ; kgo:startOffset ?start ; kgo:endOffset ?end ;
            kgo:extractedBy/rdfs:label ?rule ; prov:wasQuotedFrom ?article .
}
"""


def _value(term: Any) -> Any:
    return None if term is None else term.toPython()


def to_networkx(store: GraphStore) -> nx.MultiDiGraph:
    """Nodes keyed by entity IRI with ``name``, ``type``, ``aliases``, ``articles`` and,
    for districts, ``code``, ``level``, ``path``, ``lat``, ``lon``, ``parent``; one edge per
    (subject, relation, object), keyed by the relation name, with its ``evidence``: a
    list of dicts (sentence, start, end, rule, article). ``graph.graph["articles"]``
    maps article IRIs to their headline, date, source, url and, for PDF pages, page
    number and box."""
    graph = nx.MultiDiGraph()
    articles: dict[str, dict[str, Any]] = {}
    for article, headline, date, source, url, page, box in store.query(_ARTICLES).rows:
        articles[str(article)] = {
            "headline": str(headline),
            "date": None if date is None else str(date),
            "source": str(source),
            "url": None if url is None else str(url),
            "page": None if page is None else int(page.value),
            "box": None if box is None else str(box),
        }
    graph.graph["articles"] = articles
    for entity, kind, name, code, level, path, lat, long, parent in store.query(_ENTITIES).rows:
        attributes: dict[str, Any] = {
            "name": str(name),
            "type": TYPE_OF_CLASS[kind],
            "aliases": [],
            "articles": [],
        }
        if level is not None:
            attributes.update(
                code=_value(code) or "",
                level=str(level),
                path=_value(path),
                lat=None if lat is None else float(lat),
                lon=None if long is None else float(long),
                parent=None if parent is None else str(parent),
            )
        graph.add_node(str(entity), **attributes)
    for entity, alias in store.query(_ALIASES).rows:
        if str(entity) in graph:
            graph.nodes[str(entity)]["aliases"].append(str(alias))
    for article, entity in store.query(_MENTIONS).rows:
        if str(entity) in graph:
            graph.nodes[str(entity)]["articles"].append(str(article))
    for node in graph.nodes.values():
        node["aliases"].sort()
        node["articles"].sort()
    for subject, relation, obj, sentence, start, end, rule, article in store.query(_EVIDENCE).rows:
        key = RELATION_OF_PROPERTY[relation]
        s, o = str(subject), str(obj)
        if not graph.has_edge(s, o, key):
            graph.add_edge(s, o, key=key, relation=key, evidence=[])
        graph.edges[s, o, key]["evidence"].append(
            {
                "sentence": str(sentence),
                "start": int(start),
                "end": int(end),
                "rule": str(rule),
                "article": str(article),
            }
        )
    for _, _, data in graph.edges(data=True):
        data["evidence"].sort(key=lambda e: (e["article"], e["start"], e["rule"]))
    return graph


def _ancestors_or_self(graph: nx.MultiDiGraph, district: str) -> Iterable[str]:
    seen = set()
    while district is not None and district in graph and district not in seen:
        seen.add(district)
        yield district
        district = graph.nodes[district].get("parent")


def districts_of(graph: nx.MultiDiGraph, starts: Iterable[str]) -> set[str]:
    """The districts that ``starts`` are, or lie in through ``locatedIn`` (followed
    transitively), with all their ancestors on the ``parent`` chain."""
    reached = set(starts)
    frontier = list(reached)
    while frontier:
        node = frontier.pop()
        for _, target, key in graph.out_edges(node, keys=True):
            if key == "locatedIn" and target not in reached:
                reached.add(target)
                frontier.append(target)
    return {
        district
        for node in reached
        if graph.nodes[node]["type"] == "District"
        for district in _ancestors_or_self(graph, node)
    }
