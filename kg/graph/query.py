"""SPARQL over the built store: named queries, parameters and a time limit.

A query runs in another process, so that a query past its time limit is stopped
for real (killed), not merely abandoned: a forked child that opens the store
read-only, or a worker that holds a copy of the store in memory (``CopyWorker``).
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, TypeVar

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import KgError, did_you_mean
from kg.graph.store import (
    OxigraphStore,
    QueryDataset,
    QueryResult,
    QuerySyntaxError,
    WrittenResult,
)
from kg.graph.vocab import QUERIES_DIR

DEFAULT_TIMEOUT_S = 30.0

T = TypeVar("T")

_CONTEXT = multiprocessing.get_context("fork")

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
            first = sorted(unknown)[0]
            raise QueryError(
                f"query {self.name} has no parameter {first!r}"
                + did_you_mean(first, [p.name for p in self.params])
            )
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


def _attempt(work: Callable[[], T]) -> T | Exception:
    """What ``work`` gives, or the error to raise in the parent process."""
    try:
        return work()
    except QuerySyntaxError as error:
        return error
    except OSError as error:
        return QueryError(f"cannot read the store: {error}")
    except RuntimeError as error:  # Oxigraph's evaluation errors
        return QueryError(str(error))


def _raised(result: object) -> Any:
    """``result``, or the QueryError it stands for raised."""
    if isinstance(result, QuerySyntaxError):
        raise MalformedQuery(f"malformed SPARQL: {result}")
    if isinstance(result, Exception):
        raise QueryError(str(result))
    return result


def _receive(receive: Connection, timeout: float | None) -> object:
    if not receive.poll(timeout):
        raise QueryTimeout(f"query stopped after the time limit of {timeout:g} s")
    try:
        return receive.recv()
    except EOFError:
        raise QueryError("the query process died without an answer") from None


def _leave_signals_to_the_parent() -> None:
    """A child ignores Ctrl-C and dies quietly on SIGTERM: the parent (which may turn
    SIGTERM into KeyboardInterrupt, as kg serve does) stops it and tells the user. It
    dies with its parent, however the parent ends (kill -9 included)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()


# How often a child looks whether its parent is still there.
_PARENT_CHECK_SECONDS = 0.5


def _die_with_parent() -> None:
    """A thread of the child that ends it once its parent is gone (killed with -9
    included), so that no query goes on burning a core for nobody. (Linux's
    PR_SET_PDEATHSIG would fire when the parent's *thread* ends, and kg serve starts
    its worker from a request's thread.)"""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _answer(store_path: Path, work: Callable[[OxigraphStore], object], out: Connection) -> None:
    _leave_signals_to_the_parent()
    out.send(_attempt(lambda: work(OxigraphStore(store_path, read_only=True))))
    out.close()


def in_child(store_path: Path, work: Callable[[OxigraphStore], T], *, timeout: float) -> T:
    """``work(store)`` in a forked child process that opens the store read-only, killed
    after ``timeout`` seconds (QueryTimeout); QueryError when the query in it is
    malformed or fails."""
    receive, send = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_answer, args=(store_path, work, send), daemon=True)
    child.start()
    send.close()
    try:
        result = _receive(receive, timeout)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    return _raised(result)


def _serve_copy(store_path: Path, requests: Connection) -> None:
    """The worker: copies the store into memory (and says whether it could), then answers
    (sparql, formats, dataset, base IRI) requests with ``OxigraphStore.write`` until its
    parent closes the connection."""
    _leave_signals_to_the_parent()
    copy = _attempt(lambda: OxigraphStore.in_memory_copy(store_path))
    requests.send(copy if isinstance(copy, Exception) else None)
    while not isinstance(copy, Exception):
        try:
            sparql, formats, dataset, base_iri = requests.recv()
        except EOFError:
            return
        answer = partial(copy.write, sparql, formats.get, dataset=dataset, base_iri=base_iri)
        requests.send(_attempt(answer))


class CopyWorker:
    """A process that holds a copy of one store in memory, where Oxigraph answers three
    to five times faster than on disk, and answers queries one at a time. A query past
    its time limit kills the process; the next query starts another."""

    def __init__(self, store_path: Path) -> None:
        self.store_path = store_path
        self._lock = threading.Lock()
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None

    def write(
        self,
        sparql: str,
        formats: Mapping[str, str | None],
        *,
        timeout: float,
        dataset: QueryDataset | None = None,
        base_iri: str | None = None,
    ) -> WrittenResult:
        """The answer as ``OxigraphStore.write`` gives it, with the format ``formats``
        names for each kind of result, over ``dataset`` where given."""
        with self._lock:
            connection = self._started()
            connection.send((sparql, dict(formats), dataset, base_iri))
            try:
                result = _receive(connection, timeout)
            except QueryError:
                self.close()
                raise
        return _raised(result)

    def _started(self) -> Connection:
        if self._process is None or not self._process.is_alive():
            self.close()
            here, there = _CONTEXT.Pipe()
            self._process = _CONTEXT.Process(
                target=_serve_copy, args=(self.store_path, there), daemon=True
            )
            self._process.start()
            there.close()
            self._connection = here
            # Waits for the copy, which the time limit (for the query) leaves out.
            copied = _receive(here, None)
            if copied is not None:
                self.close()  # the next query tries again in a new worker
                _raised(copied)
        assert self._connection is not None
        return self._connection

    def close(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._process = None
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def run_query(
    store_path: Path,
    sparql: str,
    bindings: Mapping[str, Node] | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT_S,
) -> QueryResult:
    """The answer to ``sparql`` (with ``bindings`` substituted for its variables);
    QueryError when it is malformed or takes longer than ``timeout`` seconds."""
    return in_child(store_path, lambda store: store.query(sparql, bindings), timeout=timeout)
