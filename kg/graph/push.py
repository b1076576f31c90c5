"""Mirror the built graph into a SPARQL 1.1 Graph Store Protocol server.

Every named graph of the store (one per article, and the ontology) replaces the
server's graph of the same IRI (HTTP PUT). Article graphs an earlier push left on
the server whose articles are gone here (found as articles in the server's default
graph) are deleted, and the merged graph replaces the server's default graph last,
so that plain queries on the server see what ``kg query`` sees. The local store is
only read.

Article graphs can also come a shard at a time, with no local store (``push_shards``,
for ``kg push --run``): the server then holds the same graphs, its merged graph
made a shard at a time (replaced by the first shard's triples, the next ones added).
"""

from __future__ import annotations

import io
import socket
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.client import HTTPResponse
from pathlib import Path
from typing import BinaryIO, TypeVar
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlsplit
from urllib.request import Request, urlopen

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF

from kg.errors import KgError
from kg.graph.rdf import RdfTriple
from kg.graph.store import OxigraphStore, to_ox
from kg.graph.vocab import KGO, ONTOLOGY_IRI, load_ontology

DEFAULT_TIMEOUT_S = 60.0
_NTRIPLES = "application/n-triples"

Answer = TypeVar("Answer")


class PushError(KgError):
    """The server cannot be reached or refused a request; one line for the user."""


@dataclass
class PushReport:
    graphs: int = 0  # named graphs put
    triples: int = 0  # in those graphs
    merged: int = 0  # triples of the default graph
    deleted: list[str] = field(default_factory=list)  # graphs of articles removed here


class _GraphStoreClient:
    def __init__(self, endpoint: str, timeout: float) -> None:
        try:
            parts = urlsplit(endpoint)
            parts.port  # noqa: B018  (reading it checks it)
        except ValueError as error:
            raise PushError(f"{endpoint}: not a valid URL ({error})") from None
        if parts.scheme not in ("http", "https"):
            raise PushError(f"{endpoint}: not an http:// or https:// URL")
        self.endpoint = endpoint
        self.timeout = timeout
        self.written = 0  # graphs put or deleted, for the message when a request fails

    def _url(self, graph: str | None) -> str:
        joiner = "&" if "?" in self.endpoint else "?"
        target = "default" if graph is None else f"graph={quote(graph, safe='')}"
        return f"{self.endpoint}{joiner}{target}"

    def _send(self, request: Request, read: Callable[[HTTPResponse], Answer]) -> Answer | None:
        """``read``'s answer to the response; None for a graph to delete that is not there."""
        try:
            with urlopen(request, timeout=self.timeout) as response:
                answer = read(response)
        except HTTPError as error:
            method = request.get_method()
            if method == "DELETE" and error.code == 404:
                return None
            if method == "GET" and (error.code == 404 or error.code >= 500):
                # An empty graph (404), or a store that cannot read its default graph
                # back (Virtuoso): nothing known to be there from an earlier push.
                return None
            raise PushError(self._failure(_http_status(error))) from None
        except (URLError, OSError) as error:
            raise PushError(self._failure(self._reason(error))) from None
        if request.get_method() != "GET":
            self.written += 1
        return answer

    def _failure(self, why: str) -> str:
        partial = f" (after {self.written} graphs written: the server holds part of this push)"
        partial = partial if self.written else ""
        return f"cannot push to {self.endpoint}: {why}{partial}"

    def _reason(self, error: OSError) -> str:
        reason = error.reason if isinstance(error, URLError) else error
        if isinstance(reason, ConnectionRefusedError):
            return "connection refused"
        if isinstance(reason, TimeoutError):
            return f"no answer within {self.timeout:g} s"
        if isinstance(reason, socket.gaierror):
            return f"unknown host {urlsplit(self.endpoint).hostname}"
        return str(getattr(reason, "strerror", None) or reason)

    def articles_in_default_graph(self) -> set[str]:
        """The articles of the server's default graph: what an earlier push put there."""
        article_type, is_a = ox.NamedNode(str(KGO.NewsArticle)), ox.NamedNode(str(RDF.type))

        def articles(response: HTTPResponse) -> set[str]:
            media_type = response.headers.get_content_type()
            fmt = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
            triples = ox.parse(response, format=fmt)
            return {
                t.subject.value for t in triples if t.predicate == is_a and t.object == article_type
            }

        try:
            found = self._send(Request(self._url(None), headers={"Accept": _NTRIPLES}), articles)
        except SyntaxError as error:
            raise PushError(self._failure(f"its default graph does not parse ({error})")) from None
        return found or set()

    def put(self, graph: str | None, body: BinaryIO, size: int) -> None:
        headers = {"Content-Type": _NTRIPLES, "Content-Length": str(size)}
        self._send(Request(self._url(graph), data=body, headers=headers, method="PUT"), _ignore)

    def post(self, graph: str | None, body: BinaryIO, size: int) -> None:
        """Add the triples of ``body`` to the graph (the protocol's merge)."""
        headers = {"Content-Type": _NTRIPLES, "Content-Length": str(size)}
        self._send(Request(self._url(graph), data=body, headers=headers, method="POST"), _ignore)

    def delete(self, graph: str) -> None:
        self._send(Request(self._url(graph), method="DELETE"), _ignore)


def _ignore(response: HTTPResponse) -> None:
    response.read()


# What a store needs configured before it takes a push, told by what it answers.
_CONFIGURE = {
    "default graph": "the store has no default graph to write to; map one to its Graph "
    "Store endpoint (Virtuoso: a default graph IRI for /sparql-graph-crud)",
}


def _http_status(error: HTTPError) -> str:
    detail = " ".join(error.read(300).decode("utf-8", "replace").split())
    hint = next((h for cue, h in _CONFIGURE.items() if cue in detail.lower()), None)
    return (
        f"HTTP {error.code} {error.reason}"
        + (f" ({detail})" if detail else "")
        + (f": {hint}" if hint else "")
    )


def _put_graph(client: _GraphStoreClient, store: OxigraphStore, graph: URIRef | None) -> int:
    """Put one graph (the merged graph with ``graph`` None); its number of triples."""
    with tempfile.TemporaryFile() as body:
        store.write_ntriples(body, graph)
        size = body.tell()
        body.seek(0)
        # N-Triples: one triple a line (newlines in literals are escaped).
        triples = sum(block.count(b"\n") for block in iter(lambda: body.read(1 << 20), b""))
        body.seek(0)
        client.put(None if graph is None else str(graph), body, size)
    return triples


def push(store_path: Path, endpoint: str, *, timeout: float = DEFAULT_TIMEOUT_S) -> PushReport:
    """Put the graph of the store at ``store_path`` into the Graph Store Protocol
    ``endpoint`` (for Oxigraph: http://host:port/store)."""
    client = _GraphStoreClient(endpoint, timeout)
    # One read-only handle for the whole push: a build that replaces the store
    # meanwhile does not mix two versions into what is sent.
    store = OxigraphStore(store_path, read_only=True)
    report = PushReport()
    earlier = client.articles_in_default_graph()
    graphs = store.named_graphs()
    for graph in graphs:
        report.triples += _put_graph(client, store, graph)
        report.graphs += 1
    for article in sorted(earlier - {str(g) for g in graphs}):
        client.delete(article)
        report.deleted.append(article)
    report.merged = _put_graph(client, store, None)
    return report


ArticleGraph = tuple[URIRef, Iterable[RdfTriple]]  # an article's graph IRI and its triples


def _ntriples(triples: Iterable[RdfTriple]) -> bytes:
    return bytes(
        ox.serialize(
            (ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples),
            format=ox.RdfFormat.N_TRIPLES,
        )
    )


def _send_triples(
    send: Callable[[str | None, BinaryIO, int], None], graph: str | None, triples: list[RdfTriple]
) -> int:
    body = _ntriples(triples)
    send(graph, io.BytesIO(body), len(body))
    return len(triples)


def push_shards(
    shards: Iterable[Iterable[ArticleGraph]],
    endpoint: str,
    *,
    timeout: float = DEFAULT_TIMEOUT_S,
    on_shard: Callable[[int], None] = lambda articles: None,
) -> PushReport:
    """Put article graphs into the Graph Store Protocol ``endpoint`` a shard at a time,
    as kg.graph.rdf.article_triples gives them, holding one shard's triples at most:
    the server ends with what ``push`` of a store built from them gives it. Until the
    last shard its merged graph holds only the shards sent. ``on_shard`` is told the
    articles of each shard sent. ``merged`` counts the triples sent to the merged graph
    (one shard's once, though another shard sent them too)."""
    client = _GraphStoreClient(endpoint, timeout)
    report = PushReport()
    earlier = client.articles_in_default_graph()
    report.triples += _send_triples(client.put, str(ONTOLOGY_IRI), list(load_ontology()))
    report.graphs += 1
    pushed: set[str] = set()
    shards_sent = 0
    for shard in shards:
        merged: dict[RdfTriple, None] = {}
        articles = 0
        for graph, triples in shard:
            unique = list(dict.fromkeys(triples))  # a graph is a set: each triple once
            report.triples += _send_triples(client.put, str(graph), unique)
            report.graphs += 1
            pushed.add(str(graph))
            merged.update(dict.fromkeys(unique))
            articles += 1
        # The first shard's triples replace the merged graph, the next ones' add to it.
        merge = client.post if shards_sent else client.put
        report.merged += _send_triples(merge, None, list(merged))
        shards_sent += 1
        on_shard(articles)
    if not shards_sent:  # the merged graph of no article: empty
        _send_triples(client.put, None, [])
    for article in sorted(earlier - pushed):
        client.delete(article)
        report.deleted.append(article)
    return report
