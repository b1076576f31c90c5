"""The README's guide to writing a query stays true: its table of prefixes is the one
kg declares, every kgo: term it names is in the ontology, and its worked queries,
written without PREFIX lines, find rows in the demo graph."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.graph.query import run_query
from kg.graph.vocab import KGO_IRI, PREFIXES, load_ontology
from tests.conftest import REPO

SECTION = re.search(
    r"^### Writing a query\n(.*?)^###? ",
    (REPO / "README.md").read_text(encoding="utf-8"),
    re.MULTILINE | re.DOTALL,
)
assert SECTION, "README.md has no section 'Writing a query'"
GUIDE = SECTION.group(1)
QUERIES = re.findall(r"^```sparql\n(.*?)^```", GUIDE, re.MULTILINE | re.DOTALL)


def test_the_prefix_table_is_the_one_kg_declares() -> None:
    table = dict(re.findall(r"^\| `(\w+):` \| `([^`]+)` \|$", GUIDE, re.MULTILINE))
    assert table == PREFIXES


def test_every_kgo_term_it_names_is_in_the_ontology() -> None:
    named = set(re.findall(r"\bkgo:(\w+)", GUIDE))
    defined = {
        str(s)[len(KGO_IRI) :] for s in load_ontology().subjects() if str(s).startswith(KGO_IRI)
    }
    assert named and named <= defined, named - defined


def test_there_are_three_worked_queries() -> None:
    assert len(QUERIES) == 3


@pytest.mark.parametrize("sparql", QUERIES, ids=[q.splitlines()[0] for q in QUERIES])
def test_a_worked_query_needs_no_prefixes_and_finds_rows(sparql: str, demo_store: Path) -> None:
    assert re.search(r"^\s*PREFIX\b", sparql, re.IGNORECASE | re.MULTILINE) is None
    assert run_query(demo_store, sparql).rows
