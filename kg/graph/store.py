"""Triple stores behind one small interface: Oxigraph, embedded and persistent (the
tests and benchmarks hold a second one, rdflib's in-memory dataset, to compare with).

The default graph of a store holds the merged graph (what ``graph.ttl`` holds);
each article also has a named graph of its own (what ``graph.trig`` holds), so one
article can be removed without touching what other articles say about the same
entities. Terms cross the interface as rdflib terms: rdflib is the Python API.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Protocol, Self

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import did_you_mean
from kg.graph.rdf import RdfTriple
from kg.graph.vocab import FILE_PREFIXES, PREFIXES

Quad = tuple[Node, Node, Node, URIRef | None]  # graph None: the default graph

# A folder built by kg build holds its store at DIR/store (a link that kg.folder moves
# from one generation to the next); readers find the store there and nowhere else.
STORE_LINK = "store"


def current_store_path(out_dir: Path) -> Path | None:
    """The store in use in the folder ``out_dir``; None where no graph was built."""
    link = out_dir / STORE_LINK
    return link.resolve() if link.exists() else None


class QuerySyntaxError(ValueError):
    """A malformed SPARQL query or update; the message gives the position."""


# Oxigraph's parser recurses on nesting and on chains of UNION: a query nested deeper,
# or longer, than any query of people or tools overflows its stack and kills the
# process. Such queries are refused before they reach it.
MAX_QUERY_CHARS = 1_000_000
MAX_NESTING = 200
MAX_UNIONS = 2_000
# Literals, IRIs and comments: the parts of a query whose words and brackets are no
# part of its structure.
_NOT_NEWLINE = re.compile(r"[^\n]")
_NOT_STRUCTURE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*'
)


def query_structure(sparql: str) -> str:
    """``sparql`` with its literals, IRIs and comments blanked out: what is left are its
    keywords, variables and brackets, each at its place (blanked character by character,
    newlines kept, so that offsets still fall on the same lines and columns)."""
    return _NOT_STRUCTURE.sub(lambda m: _NOT_NEWLINE.sub(" ", m.group()), sparql)


# An update names its operation first, after the prologue (comments, BASE, PREFIX).
# Possessive repetition: a long prologue cannot make the match backtrack.
_UPDATE = re.compile(
    r"(?:\s|#[^\n]*\n|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*+"
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)


def is_update(sparql: str) -> bool:
    """Whether ``sparql`` is a SPARQL update rather than a query."""
    return _UPDATE.match(sparql) is not None


_UNION = re.compile(r"\bUNION\b", re.IGNORECASE)


def check_shape(sparql: str) -> None:
    """QuerySyntaxError for a query too long, too deeply nested or with too many UNIONs
    to be parsed safely."""
    if len(sparql) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(f"query of {len(sparql)} characters: at most {MAX_QUERY_CHARS}")
    structure = query_structure(sparql)
    depth = deepest = 0
    for char in structure:
        if char in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")}]":
            depth -= 1
    if deepest > MAX_NESTING:
        raise QuerySyntaxError(f"brackets nested {deepest} deep: at most {MAX_NESTING}")
    unions = len(_UNION.findall(structure))
    if unions > MAX_UNIONS:
        raise QuerySyntaxError(f"{unions} UNIONs: at most {MAX_UNIONS}")


_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
# Outside literals, IRIs and comments, a colon is that of a prefixed name.
_PREFIXED = re.compile(r"(?<![\w?$.-])([A-Za-z][\w.-]*)?:")
_CHARACTER_CLASSES = re.compile(r",?\s*\[[^\]]*\]")


def syntax_message(sparql: str, message: str) -> str:
    """Oxigraph's ``message`` on ``sparql``; for a prefix never declared, one line that
    names it (Oxigraph's message may list the whole grammar it expected there, or some
    other part of it)."""
    structure = query_structure(sparql)
    declared = set(PREFIXES) | {m.group(1) or "" for m in _DECLARED.finditer(structure)}
    for used in _PREFIXED.finditer(structure):
        prefix = used.group(1) or ""
        if prefix not in declared:
            line = structure.count("\n", 0, used.start()) + 1
            column = used.start() - structure.rfind("\n", 0, used.start())
            return (
                f"undeclared prefix {prefix}: at {line}:{column}"
                + did_you_mean(prefix, PREFIXES)
                + f"; declare it (PREFIX {prefix}: <IRI>) or use one of those declared "
                f"for you: {', '.join(PREFIXES)}"
            )
    # Oxigraph lists the classes of characters it expected over several lines: one
    # line, with the words it expected.
    classes = _CHARACTER_CLASSES.subn("", message)
    return " ".join(classes[0].split()) + (", …" if classes[1] else "")


@dataclass
class QueryResult:
    """A SELECT (``variables`` and ``rows``), ASK (``boolean``) or CONSTRUCT/DESCRIBE
    (``triples``) result."""

    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)


@dataclass(frozen=True)
class QueryDataset:
    """The graphs a query runs over, as the SPARQL protocol's default-graph-uri and
    named-graph-uri name them. As the protocol has it, they replace the query's own
    dataset (FROM, FROM NAMED) and the store's: a side not named is empty."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()


@dataclass(frozen=True)
class WrittenResult:
    """A query's answer as Oxigraph writes it; ``fmt`` None (and no body) when the
    caller takes no format for this kind of result."""

    kind: str  # "solutions" (SELECT, ASK) or "graph" (CONSTRUCT, DESCRIBE)
    fmt: str | None
    body: bytes = b""


class GraphStore(Protocol):
    """What readers of a graph need; ``OxigraphStore`` also writes article graphs."""

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult: ...

    def load(self, path: Path, fmt: str) -> None:
        """Bulk-load a Turtle/N-Triples file into the merged graph."""

    def serialize_turtle(self, path: Path) -> None:
        """The merged graph as Turtle, in the store's native way."""

    def __len__(self) -> int: ...


# --- Oxigraph ---------------------------------------------------------------

_OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
}
_XSD_STRING = str(XSD.string)
# Result formats Oxigraph writes itself, by the names kg.graph.results uses.
_WRITTEN_FORMATS: dict[str, ox.QueryResultsFormat | ox.RdfFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nquads": ox.RdfFormat.N_QUADS,
}


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def _article_quads(graph: URIRef, triples: Iterable[RdfTriple]) -> list[ox.Quad]:
    """An article's triples in its own graph and in the merged graph."""
    name = to_ox(graph)
    quads = []
    for s, p, o in triples:
        subject, predicate, obj = to_ox(s), to_ox(p), to_ox(o)
        quads.append(ox.Quad(subject, predicate, obj, name))
        quads.append(ox.Quad(subject, predicate, obj, ox.DefaultGraph()))
    return quads


def from_ox(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else datatype)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"not an RDF term: {term!r}")


def with_bindings(sparql: str, bindings: Mapping[str, Node]) -> str:
    """``sparql`` with ``bindings`` as a VALUES row at the top of its WHERE pattern.

    Oxigraph (pyoxigraph 0.5) joins ``substitutions``, like a trailing VALUES clause,
    only after evaluating the whole pattern; a VALUES row at the top is planned as a
    binding: a look-up by name takes a millisecond instead of a second at 1 M triples.
    """
    where = _WHERE.search(sparql) if bindings else None
    if where is None:
        return sparql
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(str(to_ox(term)) for term in bindings.values())
    values = f" VALUES ({names}) {{ ({row}) }} "
    return sparql[: where.end()] + values + sparql[where.end() :]


class OxigraphStore:
    """Oxigraph on disk (``path``) or in memory (``path`` None)."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        if path is None:
            self._store = ox.Store()
        elif read_only:
            self._store = ox.Store.read_only(str(path))
        else:
            self._store = ox.Store(str(path))

    @classmethod
    def in_memory_copy(cls, path: Path) -> Self:
        """Every quad of the store on disk at ``path``, held in memory, where Oxigraph
        answers queries three to five times faster (about 0.5 GB and 8 s to copy per
        million quads).

        The copy is made in a thread of its own, so that glibc keeps its memory in
        that thread's arena, away from the main thread's, where CopyLanes' readers
        answer: a query whose working memory comes from the arena that holds half a
        gigabyte of the store's quads runs up to 1.8 times slower (at a million
        quads, activity-per-month 263 ms against 146 ms, the named query per district
        350 ms against 260 ms: benchmarks/bench_serve.py)."""
        copy = cls()

        def fill() -> None:
            source = ox.Store.read_only(str(path))
            copy._store.bulk_extend(source.quads_for_pattern(None, None, None, None))

        with ThreadPoolExecutor(max_workers=1) as copier:
            copier.submit(fill).result()
        return copy

    def add_article(self, graph: URIRef, triples: Iterable[RdfTriple]) -> None:
        self._store.extend(_article_quads(graph, triples))

    def bulk_add(self, quads: Iterable[ox.Quad]) -> None:
        """``quads`` through Oxigraph's bulk loader: not atomic (see ArticleLoader)."""
        self._store.bulk_extend(quads)

    def remove_article(self, graph: URIRef) -> None:
        # Our IRIs are percent-escaped (kg.graph.rdf.iri_path): safe inside <…>.
        self._store.update(_REMOVE_ARTICLE.replace("?g", f"<{graph}>"))

    def add_graph(self, graph: URIRef, triples: Iterable[RdfTriple]) -> None:
        name = to_ox(graph)
        self._store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in triples)

    def _evaluate(
        self,
        sparql: str,
        bindings: Mapping[str, Node] | None,
        dataset: QueryDataset | None = None,
        base_iri: str | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """``dataset`` replaces the default graph and the named graphs the query sees
        (the protocol's default-graph-uri and named-graph-uri); ``base_iri`` resolves
        the query's relative IRIs where it declares no BASE."""
        check_shape(sparql)
        bindings = bindings or {}
        options: dict[str, Any] = {"base_iri": base_iri} if base_iri else {}
        if dataset is not None:
            options["default_graph"] = [ox.NamedNode(iri) for iri in dataset.default]
            options["named_graphs"] = [ox.NamedNode(iri) for iri in dataset.named]
        text = with_bindings(sparql, bindings)
        # A query without WHERE keyword gets the bindings the slow way.
        substitutions = (
            {} if text != sparql else {ox.Variable(k): to_ox(v) for k, v in bindings.items()}
        )
        try:
            return self._store.query(
                text, prefixes=PREFIXES, substitutions=substitutions, **options
            )
        except SyntaxError as error:
            raise QuerySyntaxError(syntax_message(sparql, str(error))) from None

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        result = self._evaluate(sparql, bindings)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            return QueryResult(
                "graph",
                triples=[
                    (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in result
                ],
            )
        variables = [v.value for v in result.variables]
        rows = [
            tuple(None if solution[v] is None else from_ox(solution[v]) for v in variables)
            for solution in result
        ]
        return QueryResult("select", variables, rows)

    def write(
        self,
        sparql: str,
        choose: Callable[[str], str | None],
        bindings: Mapping[str, Node] | None = None,
        dataset: QueryDataset | None = None,
        base_iri: str | None = None,
    ) -> WrittenResult:
        """The answer written by Oxigraph in the format ``choose`` picks for its kind
        ("solutions" or "graph"): for large results many times faster than ``query``,
        which makes a Python term of every value."""
        result = self._evaluate(sparql, bindings, dataset, base_iri)
        kind = "graph" if isinstance(result, ox.QueryTriples) else "solutions"
        fmt = choose(kind)
        if fmt is None:
            return WrittenResult(kind, None)
        return WrittenResult(kind, fmt, bytes(result.serialize(format=_WRITTEN_FORMATS[fmt])))

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        pattern_graph = None if graph is None else to_ox(graph)
        for quad in self._store.quads_for_pattern(None, None, None, pattern_graph):
            name = quad.graph_name
            yield (
                from_ox(quad.subject),
                from_ox(quad.predicate),
                from_ox(quad.object),
                None if isinstance(name, ox.DefaultGraph) else URIRef(name.value),
            )

    def load(self, path: Path, fmt: str) -> None:
        self._store.bulk_load(path=str(path), format=_OX_FORMATS[fmt], to_graph=ox.DefaultGraph())

    def serialize_turtle(self, path: Path) -> None:
        self._store.dump(
            str(path),
            format=ox.RdfFormat.TURTLE,
            from_graph=ox.DefaultGraph(),
            prefixes=FILE_PREFIXES,
        )

    def serialize_trig(self, path: Path, graphs: Iterable[URIRef]) -> None:
        """The named ``graphs``, in the order given."""
        names = [to_ox(g) for g in graphs]
        with path.open("wb") as out:
            ox.serialize(
                (q for g in names for q in self._store.quads_for_pattern(None, None, None, g)),
                out,
                format=ox.RdfFormat.TRIG,
                prefixes=FILE_PREFIXES,
            )

    def serialize_jsonld(self, path: Path) -> None:
        self._store.dump(
            str(path),
            format=ox.RdfFormat.JSON_LD,
            from_graph=ox.DefaultGraph(),
            prefixes=FILE_PREFIXES,
        )

    def write_ntriples(self, out: BinaryIO, graph: URIRef | None = None) -> None:
        """One named graph, or the merged graph with ``graph`` None, as N-Triples."""
        name = ox.DefaultGraph() if graph is None else to_ox(graph)
        self._store.dump(out, format=ox.RdfFormat.N_TRIPLES, from_graph=name)

    def nquads(self) -> bytes:
        """Every quad of the store as N-Quads."""
        return bytes(self._store.dump(format=ox.RdfFormat.N_QUADS))

    def outdated(self) -> bool:
        """Whether articles written by an earlier version lack what the graph now holds
        (statements from before kgo:readIn)."""
        return bool(self._store.query(_BEFORE_READ_IN, prefixes=PREFIXES))

    def upgrade(self) -> None:
        """Bring outdated articles up to the graph's present form: statements from
        before kgo:readIn get it from their evidence."""
        if self.outdated():
            self._store.update(_ADD_READ_IN, prefixes=PREFIXES)

    def clear_graph(self, graph: URIRef) -> None:
        self._store.clear_graph(to_ox(graph))

    def named_graphs(self) -> list[URIRef]:
        return [URIRef(g.value) for g in self._store.named_graphs()]

    def flush(self) -> None:
        self._store.flush()

    def backup(self, target: Path) -> None:
        self._store.backup(str(target))

    def __len__(self) -> int:
        return len(self._store)


class ArticleLoader:
    """Articles added as ``OxigraphStore.add_article`` adds them, but a batch at a time
    through Oxigraph's bulk loader: eight times faster than a transaction per article
    at 1 M triples (benchmarks/bench_bulk_load.py). Not atomic, so only for a store
    that no one else uses meanwhile and that is thrown away if the work stops (a
    build's new generation). Removing an article meanwhile is safe: a merged triple
    it drops that a waiting article also holds comes back with that article."""

    def __init__(self, store: OxigraphStore, batch_quads: int = 500_000) -> None:
        self.store = store
        self.batch_quads = batch_quads
        self._waiting: list[ox.Quad] = []

    def add(self, graph: URIRef, triples: Iterable[RdfTriple]) -> None:
        self._waiting.extend(_article_quads(graph, triples))
        if len(self._waiting) >= self.batch_quads:
            self.flush()

    def flush(self) -> None:
        if self._waiting:
            self.store.bulk_add(self._waiting)
            self._waiting = []


# Articles built before kgo:readIn: their statements have evidence and no readIn. One
# statement tells: every build and remove upgrades the whole store (kg.folder), so a
# store is all of one form.
_BEFORE_READ_IN = """
ASK {
  { SELECT ?statement WHERE { GRAPH ?g { ?statement kgo:hasEvidence ?e } } LIMIT 1 }
  FILTER NOT EXISTS { GRAPH ?h { ?statement kgo:readIn ?a } }
}
"""
_ADD_READ_IN = """
INSERT { GRAPH ?g { ?statement kgo:readIn ?article } ?statement kgo:readIn ?article }
WHERE { GRAPH ?g { ?statement kgo:hasEvidence/prov:wasQuotedFrom ?article } }
"""

_SOURCES = """
SELECT ?article ?source ?hash WHERE {
  GRAPH ?article { ?article kgo:sourceFile ?source ; kgo:contentHash ?hash }
}
"""


def stored_articles(store: GraphStore) -> dict[str, tuple[str, list[str]]]:
    """source → (content hash, article graph IRIs): the files a store's articles were read
    from, as kg.graph.rdf.article_triples records them."""
    sources: dict[str, tuple[str, list[str]]] = {}
    for article, source, digest in store.query(_SOURCES).rows:
        _, graphs = sources.setdefault(str(source), (str(digest), []))
        graphs.append(str(article))
    return sources


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)

# A merged triple stays while another article's graph still holds it.
_REMOVE_ARTICLE = """
DELETE { ?s ?p ?o }
WHERE {
  GRAPH ?g { ?s ?p ?o }
  FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } FILTER(?other != ?g) }
} ;
DROP SILENT GRAPH ?g
"""
