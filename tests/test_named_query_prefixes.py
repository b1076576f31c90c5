"""Named queries run anywhere: each declares its prefixes, so a store or client that
knows none of kg's (Oxigraph server, Jena, Virtuoso) parses it as it stands."""

from __future__ import annotations

import pyoxigraph
import pytest

from kg.graph.query import QUERIES_DIR, named_queries

QUERIES = sorted(named_queries())


def test_there_are_named_queries() -> None:
    assert len(QUERIES) >= 10


@pytest.mark.parametrize("name", QUERIES)
def test_named_query_parses_without_known_prefixes(name: str) -> None:
    text = (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
    # An empty store with no prefixes given: parsing fails on any undeclared prefix.
    list(pyoxigraph.Store().query(text))
