"""SPARQL over the built store: named queries, parameters and a time limit.

A query runs in a forked child process, which opens the store read-only or shares
the parent's copy of it in memory, so that a query past its time limit is stopped
for real (killed), not merely abandoned.
"""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import KgError
from kg.graph.store import OxigraphStore, QueryResult, QuerySyntaxError
from kg.graph.vocab import QUERIES_DIR

DEFAULT_TIMEOUT_S = 30.0

T = TypeVar("T")

_HEADER = re.compile(r"#\s*(title|param):\s*(.*)")


class QueryError(KgError):
    """A query that cannot be answered: malformed, too slow, or naming nothing."""


class MalformedQuery(QueryError):
    """Not SPARQL query syntax; the message gives the position."""


class QueryTimeout(QueryError):
    """Stopped at its time limit."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # "zh" (a Chinese label), "string" or "iri"
    help: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    params: tuple[Param, ...]
    text: str

    def bindings(self, given: Mapping[str, str]) -> dict[str, Node]:
        unknown = set(given) - {p.name for p in self.params}
        if unknown:
            raise QueryError(f"query {self.name} has no parameter {sorted(unknown)[0]!r}")
        bound: dict[str, Node] = {}
        for param in self.params:
            if param.name not in given:
                raise QueryError(f"query {self.name} needs --param {param.name}=… ({param.help})")
            value = given[param.name]
            if param.kind == "iri":
                bound[param.name] = URIRef(value)
            else:
                bound[param.name] = Literal(value, lang="zh" if param.kind == "zh" else None)
        return bound


def _parse_named(path: Path) -> NamedQuery:
    title, params = "", []
    text = path.read_text(encoding="utf-8")
    for line in text.splitlines():
        header = _HEADER.match(line)
        if header and header.group(1) == "title":
            title = header.group(2).strip()
        elif header:
            name, kind, help_text = [*header.group(2).split(None, 2), "", ""][:3]
            params.append(Param(name, kind, help_text))
    return NamedQuery(path.stem, title, tuple(params), text)


def named_queries(folder: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    return {path.stem: _parse_named(path) for path in sorted(folder.glob("*.rq"))}


_NAMED = "ASK WHERE { { ?entity skos:prefLabel ?name } UNION { ?entity skos:altLabel ?name } }"


def check_names(store_path: Path, bindings: Mapping[str, Node], *, timeout: float) -> None:
    """QueryError naming the ``name`` binding when no entity has it as a name."""
    name = bindings.get("name")
    if (
        name is not None
        and not run_query(store_path, _NAMED, {"name": name}, timeout=timeout).boolean
    ):
        raise QueryError(f"no entity named {name} in the graph")


# A store on disk, opened read-only by the child; or one in memory, which the
# forked child shares with its parent.
Source = Path | OxigraphStore


def _answer(source: Source, work: Callable[[OxigraphStore], object], out: Connection) -> None:
    try:
        if not isinstance(source, OxigraphStore):
            source = OxigraphStore(source, read_only=True)
        result = work(source)
    except QuerySyntaxError as error:
        result = error
    except OSError as error:
        result = QueryError(f"cannot read the store: {error}")
    except RuntimeError as error:  # Oxigraph's evaluation errors
        result = QueryError(str(error))
    out.send(result)
    out.close()


def in_child(source: Source, work: Callable[[OxigraphStore], T], *, timeout: float) -> T:
    """``work(store)`` in a forked child process, killed after ``timeout`` seconds
    (QueryTimeout); QueryError when the query in it is malformed or fails."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_answer, args=(source, work, send), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise QueryTimeout(f"query stopped after the time limit of {timeout:g} s")
        result = receive.recv()
    except EOFError:
        raise QueryError("the query process died without an answer") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if isinstance(result, QuerySyntaxError):
        raise MalformedQuery(f"malformed SPARQL: {result}")
    if isinstance(result, Exception):
        raise QueryError(str(result))
    return result


def run_query(
    source: Source,
    sparql: str,
    bindings: Mapping[str, Node] | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT_S,
) -> QueryResult:
    """The answer to ``sparql`` (with ``bindings`` substituted for its variables);
    QueryError when it is malformed or takes longer than ``timeout`` seconds."""
    return in_child(source, lambda store: store.query(sparql, bindings), timeout=timeout)
