"""The namespaces of the graph, with ``KGO`` built from the ontology file.

``KGO`` is a closed namespace holding exactly the terms that ``ontology/kg.ttl``
defines, so code that writes a term the ontology lacks fails at once instead of
writing an undocumented predicate. The ontology and the SHACL shapes are checked
against the registry of kg/schema.py when loaded (``ontology_problems``,
``shapes_problems``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, ClosedNamespace
from rdflib.term import Node

from kg import schema
from kg.schema import ENTITY_TYPES, RELATIONS, EntityType, Predicate, refuse_disagreement


def _ontology_dir() -> Path:
    """``kg/ontology`` in an installed wheel, where the build puts the top-level
    ``ontology/`` (pyproject.toml); in a source checkout, that folder itself."""
    package = Path(str(resources.files("kg")))
    installed = package / "ontology"
    return installed if installed.is_dir() else package.parent / "ontology"


ONTOLOGY_DIR = _ontology_dir()
ONTOLOGY_FILE = ONTOLOGY_DIR / "kg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
QUERIES_DIR = ONTOLOGY_DIR / "queries"

ONTOLOGY_IRI = URIRef("https://w3id.org/union-kg/ontology")
KGO_IRI = "https://w3id.org/union-kg/ontology#"
# Entities, articles, statements and evidence live under one base.
KGR = Namespace("https://w3id.org/union-kg/id/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")

PREFIXES = {
    "kgo": KGO_IRI,
    "kgr": str(KGR),
    "rdf": str(RDF),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "geo": str(GEO),
}
# The prefixes of the files written (graph.ttl, graph.trig, graph.jsonld): not kgr:,
# whose local names (district/北京市/大兴区, union/…@…) would need escaped slashes,
# which some loaders (Virtuoso's) keep as backslashes; those IRIs are written in full.
FILE_PREFIXES = {prefix: iri for prefix, iri in PREFIXES.items() if prefix != "kgr"}

_TERM_CLASSES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@cache
def load_ontology() -> Graph:
    """The ontology, parsed once per process (callers only read it) and checked
    against kg/schema.py."""
    graph = Graph()
    graph.parse(ONTOLOGY_FILE, format="turtle")
    refuse_disagreement(ONTOLOGY_FILE, ontology_problems(graph))
    return graph


@cache
def load_shapes() -> Graph:
    """The SHACL shapes, checked against kg/schema.py."""
    graph = Graph()
    graph.parse(SHAPES_FILE, format="turtle")
    refuse_disagreement(SHAPES_FILE, shapes_problems(graph))
    return graph


def _term(name: str) -> URIRef:
    return URIRef(KGO_IRI + name)


def _local(terms: Iterable[Node]) -> set[str]:
    """The local names of the kgo: terms among ``terms``."""
    return {str(t)[len(KGO_IRI) :] for t in terms if str(t).startswith(KGO_IRI)}


def _label_problems(ontology: Graph, entry: EntityType | Predicate) -> list[str]:
    labels = {(o.language, str(o)) for o in ontology.objects(_term(entry.name), RDFS.label)}
    wanted = {("zh", entry.zh), ("en", entry.en)}
    return [f'kgo:{entry.name} lacks rdfs:label "{text}"@{lang}' for lang, text in wanted - labels]


def ontology_problems(ontology: Graph) -> list[str]:
    """Where the ontology disagrees with the registry. Each type is a class under
    kgo:Entity, and no other class is; each predicate is an object property whose
    rdfs:domain and rdfs:range are its one type, or kgo:Entity when it has several
    (the shapes give the exact sets); both have the registry's labels."""
    problems = []
    entity, names = _term("Entity"), {t.name for t in schema.TYPES}
    for t in schema.TYPES:
        term = _term(t.name)
        if (term, RDF.type, OWL.Class) in ontology and (term, RDFS.subClassOf, entity) in ontology:
            problems += _label_problems(ontology, t)
        else:
            problems.append(f"no class kgo:{t.name} (a owl:Class ; rdfs:subClassOf kgo:Entity)")
    subclasses = _local(ontology.subjects(RDFS.subClassOf, entity))
    problems += [f"kgo:{n} is under kgo:Entity but no type" for n in sorted(subclasses - names)]
    for p in schema.PREDICATES:
        term = _term(p.name)
        if (term, RDF.type, OWL.ObjectProperty) not in ontology:
            problems.append(f"no property kgo:{p.name} (a owl:ObjectProperty)")
            continue
        problems += _label_problems(ontology, p)
        for axis, allowed in ((RDFS.domain, p.subjects), (RDFS.range, p.objects)):
            wanted = next(iter(allowed)) if len(allowed) == 1 else "Entity"
            if _local(ontology.objects(term, axis)) != {wanted}:
                problems.append(f"kgo:{p.name} needs {ontology.qname(axis)} kgo:{wanted}")
    return problems


def _shape_classes(shapes: Graph, node: Node) -> set[str]:
    """The classes a shape node allows: its sh:class, or those of its sh:or list."""
    found = _local(shapes.objects(node, SH["class"]))
    for members in shapes.objects(node, SH["or"]):
        for member in shapes.items(members):
            found |= _local(shapes.objects(member, SH["class"]))
    return found


def shapes_problems(shapes: Graph) -> list[str]:
    """Where the shapes disagree with the registry: every list that names several
    types or predicates (an sh:in, the targets of one shape, the IN (…) of a SPARQL
    check) names them all, and each predicate has a shape of its domain and range."""
    lists = [_local(shapes.items(node)) for node in shapes.objects(None, SH["in"])]
    lists += [
        _local(shapes.objects(shape, SH.targetSubjectsOf))
        for shape in set(shapes.subjects(SH.targetSubjectsOf, None))
    ]
    lists += [
        set(re.findall(r"kgo:(\w+)", listed))
        for select in shapes.objects(None, SH.select)
        for listed in re.findall(r"\bIN\s*\(([^)]*)\)", str(select))
    ]
    problems = []
    for kind, names in (
        ("types", {t.name for t in schema.TYPES}),
        ("predicates", {p.name for p in schema.PREDICATES}),
    ):
        for listed in lists:
            if len(listed) > 1 and listed & names and listed != names:
                wrong = [f"lacks {n}" for n in sorted(names - listed)]
                wrong += [f"has {n}" for n in sorted(listed - names)]
                problems.append(f"a list of the {kind} {', '.join(wrong)}")
    for p in schema.PREDICATES:
        shapes_of_p = [
            (
                _shape_classes(shapes, s),
                [_shape_classes(shapes, o) for o in shapes.objects(s, SH.property)],
            )
            for s in shapes.subjects(SH.targetSubjectsOf, _term(p.name))
        ]
        if (p.subjects, [p.objects]) not in shapes_of_p:
            problems.append(f"no shape kgs:{p.name}Shape of the domain and range of kgo:{p.name}")
    return list(dict.fromkeys(problems))  # several lists may lack the same name


def _defined_terms(ontology: Graph) -> list[str]:
    return sorted(
        str(term)[len(KGO_IRI) :]
        for kind in _TERM_CLASSES
        for term in ontology.subjects(RDF.type, kind)
        if str(term).startswith(KGO_IRI)
    )


KGO = ClosedNamespace(KGO_IRI, _defined_terms(load_ontology()))

# The schema's names are the ontology's local names (load_ontology checked them).
ENTITY_CLASSES: dict[str, URIRef] = {name: KGO[name] for name in ENTITY_TYPES}
RELATION_PROPERTIES: dict[str, URIRef] = {name: KGO[name] for name in RELATIONS}
TYPE_OF_CLASS: dict[URIRef, str] = {uri: name for name, uri in ENTITY_CLASSES.items()}
RELATION_OF_PROPERTY: dict[URIRef, str] = {uri: name for name, uri in RELATION_PROPERTIES.items()}
