"""SPARQL over the built store: named queries, parameters and a time limit.

A query runs in another process, so that a query past its time limit is stopped
for real (killed), not merely abandoned: a forked child that opens the store
read-only, or a reader forked from a process that holds a copy of the store in
memory (``CopyLanes``).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import select
import signal
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import recv_handle, send_handle
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


@dataclass(frozen=True)
class Deadline:
    """When a query must have been answered: its time limit counted from its arrival,
    so that the time it waits for its turn counts too."""

    limit: float
    at: float  # time.monotonic()

    @classmethod
    def start(cls, limit: float) -> Deadline:
        return cls(limit, time.monotonic() + limit)

    def left(self) -> float:
        return max(0.0, self.at - time.monotonic())

    def stopped(self) -> QueryTimeout:
        return QueryTimeout(f"query stopped after the time limit of {self.limit:g} s")

    def no_turn(self) -> QueryTimeout:
        return QueryTimeout(
            f"no turn to run within the time limit of {self.limit:g} s: the server is busy"
        )


_DIED = "the query process died without an answer"


def _receive(receive: Connection, deadline: Deadline) -> object:
    if not receive.poll(deadline.left()):
        raise deadline.stopped()
    try:
        return receive.recv()
    except EOFError:
        raise QueryError(_DIED) from None


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
    return in_child_until(store_path, work, Deadline.start(timeout))


def in_child_until(store_path: Path, work: Callable[[OxigraphStore], T], deadline: Deadline) -> T:
    """``in_child``, killed at ``deadline``."""
    receive, send = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_answer, args=(store_path, work, send), daemon=True)
    child.start()
    send.close()
    try:
        result = _receive(receive, deadline)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    return _raised(result)


# Every query first runs in the fast lane, one at a time. One not answered within
# YIELD_S while other queries wait for the lane, or within FAST_BUDGET_S, moves on to
# the slow lane, where at most SLOW_LANE queries run at once at a lower CPU priority:
# a query waits behind a slow one for YIELD_S while there is room there, and for
# FAST_BUDGET_S at most when there is none (the slow one is then stopped and waits
# there for room; stopped after YIELD_S, it could have been a cheap one starved of
# CPU for a moment). At the same priority, on a busy host, the fast queries' p95 went
# from 0.16 s to 5.5 s (benchmarks/bench_serve.py); the price: on such a host a query
# that outgrows the fast lane's budget may not end before its deadline.
FAST_BUDGET_S = 1.0
YIELD_S = 0.25
SLOW_LANE = 2
SLOW_NICENESS = 10
# How long a killed process may take to be gone.
_KILL_WAIT_S = 5.0
# How often the fast lane looks whether other queries wait for it.
_WAITERS_CHECK_S = 0.05


def _hold_copy(store_path: Path, control: Connection) -> None:
    """The holder: copies the store into memory (and says whether it could), then, for
    each connection end it is sent, forks a reader that answers on it and sends back
    the reader's pid, until its parent closes the control connection."""
    # Sockets of the server's clients, forked along with it, would keep connections
    # the server closed open for their clients.
    os.closerange(3, control.fileno())
    os.closerange(control.fileno() + 1, os.sysconf("SC_OPEN_MAX"))
    _leave_signals_to_the_parent()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # ended readers are reaped at once
    copy = _attempt(lambda: OxigraphStore.in_memory_copy(store_path))
    control.send(copy if isinstance(copy, Exception) else None)
    while not isinstance(copy, Exception):
        try:
            handle = recv_handle(control)
        except EOFError:
            return
        pid = os.fork()
        if pid == 0:  # the reader
            try:
                control.close()
                _die_with_parent()
                _answer_queries(copy, Connection(handle))
            finally:
                os._exit(0)
        os.close(handle)
        control.send(pid)


def _answer_queries(copy: OxigraphStore, requests: Connection) -> None:
    """Answers (sparql, formats, dataset, base IRI) requests with ``OxigraphStore.write``
    until the other end closes the connection."""
    while True:
        try:
            sparql, formats, dataset, base_iri = requests.recv()
        except EOFError:
            return
        answer = partial(copy.write, sparql, formats.get, dataset=dataset, base_iri=base_iri)
        requests.send(_attempt(answer))


class _Reader:
    """A reader forked from the holder: it shares the holder's copy of the store (copy
    on write), answers queries one at a time and is forked anew in milliseconds."""

    def __init__(self, pid: int, connection: Connection) -> None:
        self.pid = pid
        self.connection = connection
        # Kills through a pidfd reach this process, never a later one with its pid.
        try:
            self._pidfd: int | None = os.pidfd_open(pid)
        except ProcessLookupError:
            connection.close()
            raise QueryError(_DIED) from None
        self._ending = threading.Lock()  # its owner and CopyLanes.close may end it at once

    def alive(self) -> bool:
        """Whether it can still answer (a pidfd turns readable when its process ends)."""
        return self._pidfd is not None and not select.select([self._pidfd], [], [], 0)[0]

    def ask(self, request: tuple[str, dict[str, str | None], QueryDataset | None]) -> None:
        try:
            self.connection.send(request)
        except OSError:
            raise QueryError(_DIED) from None

    def answer(self, seconds: float) -> object:
        """Its answer, or _PENDING when there is none after ``seconds``."""
        try:
            if not self.connection.poll(seconds):
                return _PENDING
            return self.connection.recv()
        except (EOFError, OSError):
            raise QueryError(_DIED) from None

    def lower_priority(self, niceness: int) -> None:
        with contextlib.suppress(ProcessLookupError):  # ended: its answer will say so
            os.setpriority(os.PRIO_PROCESS, self.pid, niceness)

    def kill(self) -> None:
        """Ends the process and waits until it is gone (the connection stays open)."""
        with self._ending:
            if self._pidfd is not None and self.alive():
                with contextlib.suppress(ProcessLookupError):
                    signal.pidfd_send_signal(self._pidfd, signal.SIGKILL)
                select.select([self._pidfd], [], [], _KILL_WAIT_S)

    def close(self) -> None:
        self.kill()
        with self._ending:
            if self._pidfd is not None:
                os.close(self._pidfd)
                self._pidfd = None
            self.connection.close()


_PENDING = object()  # no answer yet
_MOVED = object()  # no answer yet, and a place in the slow lane taken
_COPY_LOST = "the copy of the store was lost; the next query makes another"


class CopyLanes:
    """Queries answered from a copy of one store in memory, where Oxigraph answers
    three to five times faster than on disk.

    A holder process copies the store once (it starts at once) and forks readers that
    share its memory. The fast lane is one reader, one query at a time; a query it has
    not answered within its budget moves with its reader to the slow lane (the next
    query gets a new fast reader), or, when the slow lane is full, is stopped and waits
    there for room. A query's deadline runs from its arrival: the time it waits for a
    turn, or for the copy, counts. A reader past the deadline is killed; the copy is
    never lost to a query."""

    def __init__(self, store_path: Path) -> None:
        self.store_path = store_path
        self._holding = threading.Lock()  # the holder and its connection
        self._holder: BaseProcess | None = None
        self._control: Connection | None = None
        self._copied = False
        self._closed = False
        self._fast = threading.Lock()
        self._waiting = 0  # queries waiting for the fast lane
        self._fast_reader: _Reader | None = None
        self._slow = threading.BoundedSemaphore(SLOW_LANE)
        self._tracking = threading.Lock()
        self._readers: set[_Reader] = set()  # every reader not closed, for close()
        with self._holding:
            self._start_holder()

    def write(
        self,
        sparql: str,
        formats: Mapping[str, str | None],
        *,
        deadline: Deadline,
        dataset: QueryDataset | None = None,
        base_iri: str | None = None,
    ) -> WrittenResult:
        """The answer as ``OxigraphStore.write`` gives it, with the format ``formats``
        names for each kind of result, over ``dataset`` where given."""
        request = (sparql, dict(formats), dataset, base_iri)
        with self._tracking:
            self._waiting += 1
        try:
            turn = self._fast.acquire(timeout=deadline.left())
        finally:
            with self._tracking:
                self._waiting -= 1
        if not turn:
            raise deadline.no_turn()
        try:
            reader = self._fast_reader
            self._fast_reader = None  # given back when it answers within the budget
            if reader is None or not reader.alive():
                reader = self._fork(deadline)
            result = self._ask_in_fast_lane(reader, request, deadline)
            moved = result is _MOVED
            if result is not _PENDING and not moved:
                self._fast_reader = reader
                return _raised(result)
        finally:
            self._fast.release()
        if moved:
            reader.lower_priority(SLOW_NICENESS)
        else:  # the slow lane is full: wait for room, then run the query again there
            self._close(reader)  # out of the fast lane: a process takes a while to end
            if deadline.left() == 0 or not self._slow.acquire(timeout=deadline.left()):
                raise deadline.stopped()
            try:
                reader = self._fork(deadline, SLOW_NICENESS)
            except BaseException:
                self._slow.release()
                raise
        try:
            result = self._ask(reader, None if moved else request, deadline.left())
            if result is _PENDING:
                raise deadline.stopped()
            return _raised(result)
        finally:
            self._close(reader)
            self._slow.release()

    def _ask_in_fast_lane(
        self,
        reader: _Reader,
        request: tuple[str, dict[str, str | None], QueryDataset | None],
        deadline: Deadline,
    ) -> object:
        """The answer; _MOVED, with a place taken in the slow lane, once past YIELD_S
        while others wait or past the budget; _PENDING past the budget with no room
        there, or past the deadline."""
        started = time.monotonic()
        result = self._ask(reader, request, 0)
        while result is _PENDING and deadline.left() > 0:
            spent = time.monotonic() - started
            if (spent >= FAST_BUDGET_S or (spent >= YIELD_S and self._waiting)) and (
                self._slow.acquire(blocking=False)
            ):
                return _MOVED
            if spent >= FAST_BUDGET_S:
                break
            result = self._ask(reader, None, min(_WAITERS_CHECK_S, deadline.left()))
        return result

    def _ask(
        self,
        reader: _Reader,
        request: tuple[str, dict[str, str | None], QueryDataset | None] | None,
        seconds: float,
    ) -> object:
        """The reader's answer to ``request`` (None: to the request it has) within
        ``seconds``, or _PENDING; a reader that died is closed."""
        try:
            if request is not None:
                reader.ask(request)
            return reader.answer(seconds)
        except QueryError:
            self._close(reader)
            raise

    def _start_holder(self) -> None:
        here, there = _CONTEXT.Pipe()
        self._holder = _CONTEXT.Process(
            target=_hold_copy, args=(self.store_path, there), daemon=True
        )
        self._holder.start()
        there.close()
        self._control, self._copied = here, False

    def _stop_holder(self) -> None:
        if self._holder is not None:
            self._holder.kill()
            self._holder.join()
            self._holder = None
        if self._control is not None:
            self._control.close()
            self._control = None

    def _fork(self, deadline: Deadline, niceness: int = 0) -> _Reader:
        """A new reader, once the holder has copied the store (within the deadline). A
        holder that could not copy, or died, is replaced by the next query."""
        if not self._holding.acquire(timeout=deadline.left()):
            raise deadline.no_turn()
        try:
            if self._closed:
                raise QueryError("the server is stopping, or the store changed")
            if self._holder is None:
                self._start_holder()
            self._await_copy(deadline)
            assert self._control is not None and self._holder is not None
            here, there = _CONTEXT.Pipe()
            try:
                send_handle(self._control, there.fileno(), self._holder.pid)
                pid = self._control.recv()
            except (EOFError, OSError):
                here.close()
                self._stop_holder()
                raise QueryError(_COPY_LOST) from None
            finally:
                there.close()
            reader = _Reader(pid, here)
            if niceness:
                reader.lower_priority(niceness)
            with self._tracking:
                self._readers.add(reader)
            return reader
        finally:
            self._holding.release()

    def _await_copy(self, deadline: Deadline) -> None:
        assert self._control is not None
        if self._copied:
            return
        if not self._control.poll(deadline.left()):
            raise QueryTimeout(
                f"the store is still being copied into memory after the time limit of "
                f"{deadline.limit:g} s; try again shortly"
            )
        try:
            copied = self._control.recv()
        except EOFError:
            copied = QueryError(_COPY_LOST)
        if copied is not None:
            self._stop_holder()
            _raised(copied)
        self._copied = True

    def _close(self, reader: _Reader) -> None:
        reader.close()
        with self._tracking:
            self._readers.discard(reader)

    def close(self) -> None:
        """Kills every reader and the holder; queries running get QueryError."""
        with self._holding:
            self._closed = True
            with self._tracking:
                for reader in self._readers:
                    reader.kill()
            self._stop_holder()
        with self._fast:
            if self._fast_reader is not None:
                self._close(self._fast_reader)
                self._fast_reader = None


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
