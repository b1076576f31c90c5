"""rdflib's in-memory dataset behind kg.graph.store's interface: the reference that the
query tests and benchmarks/bench_store.py compare Oxigraph with."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rdflib import Dataset
from rdflib.term import Node

from kg.graph.store import QueryResult, QuerySyntaxError
from kg.graph.vocab import PREFIXES


class MemoryStore:
    """rdflib's in-memory graph: the reference that tests and the benchmark compare
    Oxigraph with."""

    def __init__(self) -> None:
        self.dataset = Dataset()
        for prefix, namespace in PREFIXES.items():
            self.dataset.bind(prefix, namespace)

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        from pyparsing import ParseException

        try:
            result = self.dataset.query(sparql, initNs=PREFIXES, initBindings=dict(bindings or {}))
        except ParseException as error:
            raise QuerySyntaxError(f"error at {error.lineno}:{error.col}: {error.msg}") from None
        if result.type == "ASK":
            return QueryResult("ask", boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return QueryResult("graph", triples=list(result.graph or []))
        variables = [str(v) for v in result.vars or []]
        return QueryResult("select", variables, [tuple(row) for row in result])

    def load(self, path: Path, fmt: str) -> None:
        self.dataset.default_graph.parse(str(path), format=fmt)  # rdflib's names are ours

    def serialize_turtle(self, path: Path) -> None:
        self.dataset.default_graph.serialize(str(path), format="turtle", encoding="utf-8")

    def __len__(self) -> int:
        return len(self.dataset.default_graph)
