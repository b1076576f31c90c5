"""Article records (the output of extraction) as RDF triples, one graph per article.

Every IRI is derived from content, never from a counter or a clock, so the same
input gives the same triples and the same entity read in two articles or two
runs gets the same IRI.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg import __version__
from kg.graph.vocab import ENTITY_CLASSES, GEO, KGO, KGR, RELATION_PROPERTIES
from kg.record import ArticleRecord, DivisionRecord, EntityRecord, TripleRecord

RdfTriple = tuple[URIRef, URIRef, URIRef | Literal]

_SCHEMA_URL = URIRef("https://schema.org/url")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Characters kept as they are in an IRI path; everything else is percent-encoded,
# '%' included, so that two different ids never give the same IRI.
_IRI_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/@()")


def iri_path(text: str) -> str:
    """``text`` as an IRI path: Chinese stays readable, delimiters are escaped."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in _IRI_ASCII or (ord(char) > 0x7F and unicodedata.category(char)[0] not in "ZC"):
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8"))
    return "".join(out)


def _digest(*parts: object) -> str:
    joined = "\x1f".join(str(part) for part in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:20]


def entity_iri(entity_id: str) -> URIRef:
    """``Union:大兴区总工会@北京市/大兴区`` → ``…/id/union/大兴区总工会@北京市/大兴区``."""
    label, _, rest = entity_id.partition(":")
    return KGR[f"{label.lower()}/{iri_path(rest)}"]


def district_iri(path: str) -> URIRef:
    return entity_iri(f"District:{path}")


def article_iri(source: str, index: int) -> URIRef:
    return KGR[f"article/{_digest(source, index)}"]


def statement_iri(subject: URIRef, predicate: URIRef, obj: URIRef) -> URIRef:
    return KGR[f"statement/{_digest(subject, predicate, obj)}"]


def rule_iri(rule: str) -> URIRef:
    return KGR[f"rule/{iri_path(rule)}"]


def article_triples(record: ArticleRecord, source: str, content_hash: str) -> Iterator[RdfTriple]:
    """Everything read in one article: the article, its entities, its statements and
    their evidence. ``source`` is the file path as the store keeps it."""
    article = article_iri(source, record["index"])
    yield from _article(article, record, source, content_hash)
    run = KGR[f"run/{_digest(article, content_hash, __version__)}"]
    agent = KGR[f"agent/kg-{iri_path(__version__)}"]
    yield run, RDF.type, KGO.ExtractionRun
    yield run, PROV.used, article
    yield run, PROV.wasAssociatedWith, agent
    yield agent, RDF.type, KGO.Extractor
    yield agent, RDFS.label, Literal(f"kg {__version__}")
    yield agent, KGO.softwareVersion, Literal(__version__)
    for entity in record["entities"]:
        iri = entity_iri(entity["id"])
        yield article, KGO.mentions, iri
        yield from _entity(iri, entity)
    for triple in record["triples"]:
        yield from _statement(triple, article, run)


def _article(
    article: URIRef, record: ArticleRecord, source: str, content_hash: str
) -> Iterator[RdfTriple]:
    yield article, RDF.type, KGO.NewsArticle
    yield article, DCTERMS.title, Literal(record["headline"], lang="zh")
    date = record.get("date")
    if date:
        literal = Literal(date, datatype=XSD.date) if _ISO_DATE.fullmatch(date) else Literal(date)
        yield article, DCTERMS.issued, literal
    if record.get("url"):
        yield article, _SCHEMA_URL, URIRef(record["url"])
    yield article, KGO.sourceFile, Literal(source)
    yield article, KGO.articleIndex, Literal(record["index"])
    if record.get("page") is not None:
        yield article, KGO.pageNumber, Literal(record["page"])
    if record.get("box"):
        yield article, KGO.pageBox, Literal(" ".join(f"{v:g}" for v in record["box"]))
    yield article, KGO.contentHash, Literal(content_hash)


def _labels(iri: URIRef, name: str, aliases: list[str]) -> Iterator[RdfTriple]:
    yield iri, SKOS.prefLabel, Literal(name, lang="zh")
    yield iri, RDFS.label, Literal(name, lang="zh")
    for alias in aliases:
        yield iri, SKOS.altLabel, Literal(alias, lang="zh")


def _entity(iri: URIRef, entity: EntityRecord) -> Iterator[RdfTriple]:
    yield iri, RDF.type, ENTITY_CLASSES[entity["type"]]
    # One preferred label in every article; this article's fuller name is an alias, its
    # forms that name the entity only in context (区总工会) are not: they stay in the
    # article's evidence sentences.
    preferred = entity.get("preferred_name", entity["name"])
    context = set(entity.get("context_forms", ()))
    aliases = sorted({entity["name"], *entity["aliases"]} - {preferred} - context)
    yield from _labels(iri, preferred, aliases)
    if entity.get("division"):
        yield from _division(iri, entity["division"])


def _division(iri: URIRef, division: DivisionRecord) -> Iterator[RdfTriple]:
    yield iri, KGO.divisionLevel, Literal(division["level"])
    yield iri, KGO.divisionPath, Literal(division["path"])
    if division["code"]:
        yield iri, KGO.divisionCode, Literal(division["code"])
    if "lat" in division:
        yield iri, GEO.lat, Literal(f"{division['lat']:.6f}", datatype=XSD.decimal)
        yield iri, GEO.long, Literal(f"{division['lon']:.6f}", datatype=XSD.decimal)
    parent = division.get("parent")
    if parent:
        parent_iri = district_iri(parent["path"])
        yield iri, KGO.parentDivision, parent_iri
        yield parent_iri, RDF.type, KGO.District
        yield from _labels(parent_iri, parent["path"].rsplit("/", 1)[-1], [])
        yield from _division(parent_iri, parent)


def _statement(triple: TripleRecord, article: URIRef, run: URIRef) -> Iterator[RdfTriple]:
    subject, obj = entity_iri(triple["s_id"]), entity_iri(triple["o_id"])
    predicate = RELATION_PROPERTIES[triple["p"]]
    yield subject, predicate, obj
    statement = statement_iri(subject, predicate, obj)
    yield statement, RDF.type, KGO.ExtractedStatement
    yield statement, RDF.subject, subject
    yield statement, RDF.predicate, predicate
    yield statement, RDF.object, obj
    yield statement, KGO.readIn, article
    for evidence in triple["evidence"]:
        start, end, rule_id = evidence["start"], evidence["end"], evidence["rule"]
        node = KGR[f"evidence/{_digest(statement, article, start, end, rule_id)}"]
        rule = rule_iri(rule_id)
        yield statement, KGO.hasEvidence, node
        yield node, RDF.type, KGO.Evidence
        yield node, KGO.sentence, Literal(evidence["text"], lang="zh")
        yield node, KGO.startOffset, Literal(evidence["start"])
        yield node, KGO.endOffset, Literal(evidence["end"])
        yield node, KGO.extractedBy, rule
        yield node, PROV.wasQuotedFrom, article
        yield node, PROV.wasGeneratedBy, run
        yield rule, RDF.type, KGO.ExtractionRule
        yield rule, RDFS.label, Literal(evidence["rule"])
