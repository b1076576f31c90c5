"""A read-only SPARQL 1.1 Protocol endpoint over the graph built in a folder.

Queries are answered by readers of a copy of the folder's current store in memory
(several times faster than the store on disk), in a fast lane and a slow lane
(``kg.graph.query.CopyLanes``); with ``in_memory=False``, each in a child process
that opens the store on disk. A query's time limit runs from its arrival: waiting for
its turn counts. Each request looks the current store up afresh, so a build or
removal while the server runs is seen by the next request. Oxigraph writes the
answers. Nothing here writes to the store: updates are refused before anything runs.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
from collections.abc import Callable, Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.graph.query import (
    CopyLanes,
    Deadline,
    MalformedQuery,
    QueryError,
    QueryTimeout,
    in_child_until,
)
from kg.graph.results import MEDIA_TYPES
from kg.graph.store import (
    QueryDataset,
    WrittenResult,
    current_store_path,
    is_update,
    query_structure,
)
from kg.graph.vocab import PREFIXES

ENDPOINT_PATH = "/sparql"
MAX_BODY_BYTES = 1_000_000
# A connection that sends nothing for this long is closed; at most this many are
# served at once, and the next ones are told to come back (503) at once.
IDLE_SECONDS = 30
MAX_CONNECTIONS = 64
_BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Retry-After: 1\r\nConnection: close\r\nContent-Length: 32\r\n\r\n"
    b"too many connections; try again\n"
)

# The formats served for each kind of result, the default first.
OFFERS = {
    "solutions": ("json", "xml", "csv", "tsv"),
    "graph": ("turtle", "nt", "rdfxml", "jsonld", "nquads"),
}
_TEXT = "text/plain"
# Other names clients use for the same media types.
_ALIASES = {
    "application/json": "json",
    "application/turtle": "turtle",
    "application/x-turtle": "turtle",
    "text/plain": "nt",
    "application/xml": "xml",
    "application/json-ld": "jsonld",
}
_FORMAT_OF_MEDIA_TYPE = {MEDIA_TYPES[f]: f for offer in OFFERS.values() for f in offer} | _ALIASES

_READ_ONLY = "this endpoint is read-only: SPARQL updates are refused"
# A federated query would make this server fetch from other hosts on a client's behalf.
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)
_NO_SERVICE = "this endpoint does not run federated queries (SERVICE)"


class HttpError(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


Response = tuple[HTTPStatus, str, bytes]  # status, media type, body (UTF-8)


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """The quality the most specific matching range of an Accept header gives."""
    major = media_type.split("/")[0]
    matches = [
        (specificity, quality)
        for media_range, quality in ranges
        for specificity, pattern in ((2, media_type), (1, f"{major}/*"), (0, "*/*"))
        if media_range == pattern
    ]
    return max(matches)[1] if matches else 0.0


def negotiate(kind: str, accept: str, format_values: list[str]) -> str | None:
    """The format to answer a ``kind`` of result ("solutions" or "graph") in: the first
    ``format`` parameter that names a format served for it, else the best match for the
    Accept header (ties go to the earlier offer); None when nothing acceptable is served."""
    offers = OFFERS[kind]
    for value in format_values:
        name = _FORMAT_OF_MEDIA_TYPE.get(value.split(";")[0].strip().lower(), value)
        if name in offers:
            return name
    if not accept.strip():
        return offers[0]
    ranges = []
    for item in accept.split(","):
        media_range, *params = (part.strip().lower() for part in item.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media_range, quality))
    qualities = {
        name: max(_quality(m, ranges) for m, n in _FORMAT_OF_MEDIA_TYPE.items() if n == name)
        for name in offers
    }
    best = max(offers, key=lambda name: qualities[name])  # the first of the best
    return best if qualities[best] > 0 else None


def describe(out_dir: Path, timeout: float) -> str:
    """What ``/`` answers: how to use the endpoint."""
    kinds = {"solutions": "SELECT and ASK", "graph": "CONSTRUCT and DESCRIBE"}
    lines = [
        f"kg: a read-only SPARQL 1.1 endpoint over the graph built in {out_dir}",
        f"Query: GET {ENDPOINT_PATH}?query=…, or POST {ENDPOINT_PATH} with "
        "application/x-www-form-urlencoded (query=…) or application/sparql-query.",
    ]
    for kind, offer in OFFERS.items():
        types = ", ".join(f"{MEDIA_TYPES[name]} (format={name})" for name in offer)
        lines.append(
            f"{kinds[kind]} results by Accept or format: {types}; the first is the default."
        )
    lines += [
        f"Prefixes known without PREFIX: {', '.join(f'{p}:' for p in PREFIXES)}.",
        f"Each query is stopped {timeout:g} s after it arrives, waiting for its turn "
        "included. Updates are refused.",
    ]
    return "\n".join(lines) + "\n"


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        out_dir: Path,
        address: tuple[str, int],
        *,
        timeout: float,
        in_memory: bool = True,
        cors: str | None = None,
    ) -> None:
        """``cors``: the origin (or ``*``) browsers may call the endpoint from; None
        sends no CORS headers, so only pages of the server's own origin can."""
        self.out_dir = out_dir
        self.cors = cors
        self.query_timeout = timeout
        self.in_memory = in_memory
        self._lanes: CopyLanes | None = None
        self._swapping = threading.Lock()
        self._connections = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._connections.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.sendall(_BUSY)
            self.close_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._connections.release()

    def store_path(self) -> Path:
        path = current_store_path(self.out_dir)
        if path is None:
            raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE, f"no graph built in {self.out_dir}")
        return path

    def lanes(self) -> CopyLanes:
        """The lanes over a copy of the current store (new ones once a build or removal
        has changed the store)."""
        path = self.store_path()
        with self._swapping:
            if self._lanes is None or self._lanes.store_path != path:
                if self._lanes is not None:
                    self._lanes.close()
                self._lanes = CopyLanes(path)
            return self._lanes

    def write(
        self,
        sparql: str,
        formats: Mapping[str, str | None],
        dataset: QueryDataset | None = None,
        deadline: Deadline | None = None,
    ) -> WrittenResult:
        """The answer to ``sparql`` in the format ``formats`` names for its kind, by
        ``deadline`` (default: the time limit from now). The endpoint's URL is the base
        of relative IRIs in a query without BASE (the protocol leaves the base to the
        service and suggests this one)."""
        deadline = deadline or Deadline.start(self.query_timeout)
        if self.in_memory:
            return self.lanes().write(
                sparql, formats, deadline=deadline, dataset=dataset, base_iri=self.url
            )
        return in_child_until(
            self.store_path(),
            lambda store: store.write(sparql, formats.get, dataset=dataset, base_iri=self.url),
            deadline,
        )

    def server_close(self) -> None:
        super().server_close()
        if self._lanes is not None:
            self._lanes.close()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{ENDPOINT_PATH}"

    def run(self) -> None:
        """Answer requests until Ctrl-C or SIGTERM (both raise KeyboardInterrupt)."""
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        if self.in_memory:
            self.lanes()  # the copy starts before the first client asks
        with self:
            self.serve_forever()


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-serve"
    # HTTP/1.1: a client keeps its connection for the next request (keep-alive).
    protocol_version = "HTTP/1.1"
    timeout = IDLE_SECONDS
    deadline: Deadline  # the current request's, from its arrival

    def do_GET(self) -> None:
        self._respond(self._get)

    def do_HEAD(self) -> None:
        """GET's status and headers, without the body."""
        self._respond(self._get, head=True)

    def do_OPTIONS(self) -> None:
        """What a browser asks before a cross-origin POST (CORS preflight)."""
        self._respond(lambda: (HTTPStatus.NO_CONTENT, _TEXT, b""))

    def do_POST(self) -> None:
        self._respond(self._post)

    def do_PUT(self) -> None:
        self._respond(self._not_allowed)

    do_DELETE = do_PATCH = do_PUT

    def _respond(self, answer: Callable[[], Response], *, head: bool = False) -> None:
        self.deadline = Deadline.start(self.server.query_timeout)
        try:
            status, content_type, data = answer()
        except HttpError as error:
            status, content_type = error.status, _TEXT
            data = (" ".join(str(error).split()) + "\n").encode("utf-8")
            # A request whose body was not read cannot leave the connection reusable.
            self.close_connection = self.command == "POST"
        try:
            self.send_response(status)
            self.send_header("Content-Type", f"{content_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Vary", "Accept")
            if status in (HTTPStatus.METHOD_NOT_ALLOWED, HTTPStatus.NO_CONTENT):
                self.send_header("Allow", _ALLOWED)
            if self.server.cors is not None:
                self.send_header("Access-Control-Allow-Origin", self.server.cors)
                self.send_header("Access-Control-Allow-Methods", _ALLOWED)
                self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
                self.send_header("Access-Control-Max-Age", "600")
            self.end_headers()
            if not head:
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client left; nothing to tell it

    def _path(self) -> str:
        path = urlsplit(self.path).path
        if path not in ("/", ENDPOINT_PATH):
            raise HttpError(
                HTTPStatus.NOT_FOUND, f"no {path} here: the endpoint is {ENDPOINT_PATH}"
            )
        return path

    def _not_allowed(self) -> Response:
        self._path()
        raise HttpError(HTTPStatus.METHOD_NOT_ALLOWED, f"{self.command}: {_READ_ONLY}")

    def _get(self) -> Response:
        if self._path() == "/":
            about = describe(self.server.out_dir, self.server.query_timeout)
            return HTTPStatus.OK, _TEXT, about.encode("utf-8")
        return self._query(_parameters(urlsplit(self.path).query))

    def _post(self) -> Response:
        if self._path() == "/":
            raise HttpError(HTTPStatus.METHOD_NOT_ALLOWED, f"POST queries to {ENDPOINT_PATH}")
        params = _parameters(urlsplit(self.path).query)
        content_type = self.headers.get_content_type()
        if content_type == "application/sparql-update":
            raise HttpError(HTTPStatus.FORBIDDEN, _READ_ONLY)
        body = self._body()
        if content_type == "application/x-www-form-urlencoded":
            for name, values in _parameters(body).items():
                params.setdefault(name, []).extend(values)
        elif content_type == "application/sparql-query":
            params.setdefault("query", []).append(body)
        else:
            raise HttpError(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                f"POST {content_type}: send application/x-www-form-urlencoded "
                "or application/sparql-query",
            )
        return self._query(params)

    def _body(self) -> str:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise HttpError(HTTPStatus.LENGTH_REQUIRED, "POST needs a Content-Length")
        if int(length) > MAX_BODY_BYTES:
            raise HttpError(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"request of {length} bytes: at most {MAX_BODY_BYTES} are read",
            )
        body = self.rfile.read(int(length))
        # The protocol has queries sent as UTF-8 only; another charset is refused
        # rather than decoded (as its test bad_query_non_utf8 asks).
        charset = self.headers.get_content_charset("utf-8")
        if charset not in ("utf-8", "utf8"):
            raise HttpError(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"charset={charset}: send the query in UTF-8"
            )
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            raise HttpError(HTTPStatus.BAD_REQUEST, "the body is not UTF-8 text") from None

    def _query(self, params: Mapping[str, list[str]]) -> Response:
        if "update" in params:
            raise HttpError(HTTPStatus.FORBIDDEN, _READ_ONLY)
        queries = params.get("query", [])
        if len(queries) != 1:
            raise HttpError(
                HTTPStatus.BAD_REQUEST,
                f"give one query parameter, not {len(queries)} (see / for how to ask)",
            )
        sparql = queries[0]
        if is_update(sparql):
            raise HttpError(HTTPStatus.FORBIDDEN, _READ_ONLY)
        if _SERVICE.search(query_structure(sparql)):
            raise HttpError(HTTPStatus.FORBIDDEN, _NO_SERVICE)
        dataset = _dataset(params)
        accept, format_values = self.headers.get("Accept", ""), params.get("format", [])
        formats = {kind: negotiate(kind, accept, format_values) for kind in OFFERS}
        try:
            written = self.server.write(sparql, formats, dataset, self.deadline)
        except MalformedQuery as error:
            raise HttpError(HTTPStatus.BAD_REQUEST, str(error)) from None
        except QueryTimeout as error:
            raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE, str(error)) from None
        except QueryError as error:
            raise HttpError(HTTPStatus.INTERNAL_SERVER_ERROR, str(error)) from None
        if written.fmt is None:
            served = ", ".join(MEDIA_TYPES[f] for f in OFFERS[written.kind])
            raise HttpError(
                HTTPStatus.NOT_ACCEPTABLE,
                f"cannot answer in {self.headers.get('Accept')}: this result is served as {served}",
            )
        return HTTPStatus.OK, MEDIA_TYPES[written.fmt], written.body


_ALLOWED = "GET, HEAD, POST, OPTIONS"
_IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\"{}|^`\\\s]*$")


def _dataset(params: Mapping[str, list[str]]) -> QueryDataset | None:
    """The protocol's default-graph-uri and named-graph-uri, as absolute IRIs."""
    default = params.get("default-graph-uri", [])
    named = params.get("named-graph-uri", [])
    for iri in (*default, *named):
        if not _IRI.match(iri):
            raise HttpError(HTTPStatus.BAD_REQUEST, f"not an absolute IRI: {iri}")
    return QueryDataset(tuple(default), tuple(named)) if default or named else None


def _parameters(encoded: str) -> dict[str, list[str]]:
    try:
        return parse_qs(encoded, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise HttpError(HTTPStatus.BAD_REQUEST, "parameters are not UTF-8") from None
