"""The namespaces of the graph, with ``KGO`` built from the ontology file.

``KGO`` is a closed namespace holding exactly the terms that ``ontology/kg.ttl``
defines, so code that writes a term the ontology lacks fails at once instead of
writing an undocumented predicate.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF, ClosedNamespace

from kg.schema import ENTITY_TYPES, RELATIONS


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
    """The ontology, parsed once per process (callers only read it)."""
    graph = Graph()
    graph.parse(ONTOLOGY_FILE, format="turtle")
    return graph


def _defined_terms(ontology: Graph) -> list[str]:
    return sorted(
        str(term)[len(KGO_IRI) :]
        for kind in _TERM_CLASSES
        for term in ontology.subjects(RDF.type, kind)
        if str(term).startswith(KGO_IRI)
    )


KGO = ClosedNamespace(KGO_IRI, _defined_terms(load_ontology()))

# The schema's names are the ontology's local names; a missing one fails here, at import.
ENTITY_CLASSES: dict[str, URIRef] = {name: KGO[name] for name in ENTITY_TYPES}
RELATION_PROPERTIES: dict[str, URIRef] = {name: KGO[name] for name in RELATIONS}
TYPE_OF_CLASS: dict[URIRef, str] = {uri: name for name, uri in ENTITY_CLASSES.items()}
RELATION_OF_PROPERTY: dict[URIRef, str] = {uri: name for name, uri in RELATION_PROPERTIES.items()}
