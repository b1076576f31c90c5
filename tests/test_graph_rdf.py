"""The ontology, the IRIs, the shapes, and the graph of the demo corpus against them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from kg.graph.rdf import article_triples, entity_iri, iri_path
from kg.graph.vocab import (
    ENTITY_CLASSES,
    GEO,
    KGO,
    KGO_IRI,
    load_ontology,
    load_shapes,
)
from kg.schema import ENTITY_TYPES, RELATIONS


def test_a_term_the_ontology_lacks_cannot_be_written() -> None:
    assert KGO.Union == URIRef(KGO_IRI + "Union")
    with pytest.raises(AttributeError):
        _ = KGO.Unoin


def test_every_ontology_term_has_chinese_and_english_labels_and_a_definition() -> None:
    ontology = load_ontology()
    terms = [
        t
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for t in ontology.subjects(RDF.type, kind)
        if str(t).startswith(KGO_IRI)
    ]
    assert len(terms) > len(ENTITY_TYPES) + len(RELATIONS)
    for term in terms:
        languages = {label.language for label in ontology.objects(term, RDFS.label)}
        assert {"zh", "en"} <= languages, term
        assert list(ontology.objects(term, SKOS.definition)), term


def test_the_entity_classes_align_with_the_vocabularies_people_query() -> None:
    ontology = load_ontology()
    supers = {
        name: {str(o) for o in ontology.objects(cls, RDFS.subClassOf)}
        for name, cls in ENTITY_CLASSES.items()
    }
    assert "http://www.w3.org/ns/org#FormalOrganization" in supers["Union"]
    assert "https://schema.org/Organization" in supers["Organization"]
    assert "https://schema.org/Place" in supers["Place"]
    assert "https://schema.org/Person" in supers["Person"]
    member_of = {str(o) for o in ontology.objects(KGO.memberOf, RDFS.subPropertyOf)}
    assert "http://www.w3.org/ns/org#memberOf" in member_of


@pytest.mark.parametrize(
    "text", ["大兴区总工会", "a b", "50%", "<script>", 'x"y', "中/关/村", "（2025-2027）"]
)
def test_iris_are_valid_and_never_collide(text: str) -> None:
    iri = entity_iri(f"Union:{text}")
    graph = Graph()
    graph.add((iri, RDFS.label, Literal(text)))
    again = Graph().parse(data=graph.serialize(format="nt"), format="nt")
    assert set(again) == set(graph)
    assert not any(c in str(iri) for c in ' <>"{}|^`\\')
    assert entity_iri("Union:50%25") != entity_iri("Union:50%")
    assert iri_path("北京市/大兴区") == "北京市/大兴区"


def _merged(demo_built: Path) -> Graph:
    return Graph().parse(demo_built / "graph.ttl")


def _validate(data: Graph) -> tuple[bool, str]:
    conforms, _, text = validate(
        data,
        shacl_graph=load_shapes(),
        ont_graph=load_ontology(),
        inference="none",
        advanced=True,
    )
    return conforms, text


@pytest.mark.slow  # pyshacl
def test_the_demo_graph_passes_the_shapes(demo_built: Path) -> None:
    conforms, text = _validate(_merged(demo_built))
    assert conforms, text


def _first(graph: Graph, predicate: URIRef) -> tuple:
    return next(iter(graph.triples((None, predicate, None))))


@pytest.mark.slow  # pyshacl
@pytest.mark.parametrize(
    "break_it, message",
    [
        ("second_label", "exactly one preferred label"),
        ("no_evidence", "has no extracted statement with evidence"),
        ("wrong_range", "OrConstraintComponent"),
    ],
)
def test_the_shapes_catch_a_broken_graph(demo_built: Path, break_it: str, message: str) -> None:
    graph = _merged(demo_built)
    if break_it == "second_label":
        entity, _, _ = _first(graph, SKOS.prefLabel)
        graph.add((entity, SKOS.prefLabel, Literal("另一个名字", lang="zh")))
    elif break_it == "no_evidence":
        subject, _, obj = _first(graph, KGO.locatedIn)
        for statement in graph.subjects(RDF.subject, subject):
            if (statement, RDF.object, obj) in graph:
                graph.remove((statement, KGO.hasEvidence, None))
    else:
        person, _, _ = _first(graph, KGO.memberOf)
        district, _, _ = _first(graph, KGO.divisionCode)
        graph.add((person, KGO.memberOf, district))
    conforms, text = _validate(graph)
    assert not conforms
    assert message in text


def test_districts_carry_code_coordinates_and_parent(demo_built: Path) -> None:
    graph = _merged(demo_built)
    daxing = entity_iri("District:北京市/大兴区")
    assert graph.value(daxing, KGO.divisionCode) == Literal("110115")
    assert graph.value(daxing, KGO.parentDivision) == entity_iri("District:北京市")
    assert 39 < float(graph.value(daxing, GEO.lat)) < 40
    assert graph.value(entity_iri("District:北京市"), KGO.divisionCode) == Literal("110000")


def test_every_relation_of_a_record_has_its_evidence_in_rdf() -> None:
    record = {
        "source": "a.txt",
        "index": 0,
        "headline": "标题",
        "date": "2025-03-01",
        "entities": [
            {"id": "Union:甲工会", "name": "甲工会", "type": "Union", "aliases": ["该工会"]},
            {"id": "Initiative:乙活动", "name": "乙活动", "type": "Initiative", "aliases": []},
        ],
        "triples": [
            {
                "s": "甲工会",
                "p": "organizes",
                "o": "乙活动",
                "s_id": "Union:甲工会",
                "o_id": "Initiative:乙活动",
                "evidence": [{"text": "甲工会举办乙活动。", "start": 3, "end": 12, "rule": "r1"}],
            }
        ],
    }
    graph = Graph()
    for triple in article_triples(record, "a.txt", "hash"):
        graph.add(triple)
    union, activity = entity_iri("Union:甲工会"), entity_iri("Initiative:乙活动")
    assert (union, KGO.organizes, activity) in graph
    rows = list(
        graph.query(
            """SELECT ?sentence ?start ?rule ?headline WHERE {
                 ?st rdf:subject ?s ; rdf:predicate kgo:organizes ; rdf:object ?o ;
                     kgo:hasEvidence ?ev .
                 ?ev kgo:sentence ?sentence ; kgo:startOffset ?start ;
                     kgo:extractedBy/rdfs:label ?rule ; prov:wasQuotedFrom/dcterms:title ?headline
               }""",
            initNs={
                "kgo": KGO_IRI,
                "prov": "http://www.w3.org/ns/prov#",
                "dcterms": "http://purl.org/dc/terms/",
            },
            initBindings={"s": union, "o": activity},
        )
    )
    assert [tuple(map(str, r)) for r in rows] == [("甲工会举办乙活动。", "3", "r1", "标题")]
    statement = next(graph.subjects(RDF.subject, union))
    article = next(graph.subjects(RDF.type, KGO.NewsArticle))
    assert list(graph.objects(statement, KGO.readIn)) == [article]
    assert (union, SKOS.altLabel, Literal("该工会", lang="zh")) in graph
    conforms, text = _validate(graph)
    assert conforms, text


def test_one_preferred_label_however_articles_name_the_entity() -> None:
    def record(name: str) -> dict:
        entity = {
            "id": "Union:中关村街道总工会@北京市/海淀区/中关村街道",
            "name": name,
            "type": "Union",
            "aliases": [],
        }
        if name != "中关村街道总工会":
            entity["preferred_name"] = "中关村街道总工会"
        return {"source": name, "index": 0, "headline": "h", "entities": [entity], "triples": []}

    graph = Graph()
    for name in ("海淀区中关村街道总工会", "中关村街道总工会"):
        for triple in article_triples(record(name), name, "hash"):
            graph.add(triple)
    union = entity_iri("Union:中关村街道总工会@北京市/海淀区/中关村街道")
    assert list(graph.objects(union, SKOS.prefLabel)) == [Literal("中关村街道总工会", lang="zh")]
    assert list(graph.objects(union, SKOS.altLabel)) == [
        Literal("海淀区中关村街道总工会", lang="zh")
    ]


def test_a_statement_is_read_in_the_articles_its_evidence_quotes(demo_built: Path) -> None:
    graph = _merged(demo_built)
    statements = set(graph.subjects(RDF.type, KGO.ExtractedStatement))
    assert len(statements) > 100
    for statement in statements:
        quoted = {
            article
            for evidence in graph.objects(statement, KGO.hasEvidence)
            for article in graph.objects(evidence, PROV.wasQuotedFrom)
        }
        assert set(graph.objects(statement, KGO.readIn)) == quoted
    assert any(len(set(graph.objects(s, KGO.readIn))) > 1 for s in statements)
