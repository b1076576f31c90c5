"""Named queries, SPARQL errors and time limits, ``kg query`` output formats, and the
store plugins agreeing with each other."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.query import Result

from kg.cli import main
from kg.graph.query import QueryError, check_names, named_queries, run_query
from kg.graph.store import OxigraphStore
from tests.conftest import concat_as_sets
from tests.reference_store import MemoryStore

NAME_PARAMS = {"name": "大兴区总工会"}


def _bindings(query_name: str) -> dict:
    query = named_queries()[query_name]
    return query.bindings(NAME_PARAMS if query.params else {})


@pytest.fixture(scope="module")
def memory(demo_built: Path) -> MemoryStore:
    store = MemoryStore()
    store.load(demo_built / "graph.ttl", "turtle")
    return store


def test_the_named_queries_cover_the_questions_users_ask() -> None:
    assert {
        "unions-per-district",
        "facilities-and-worker-groups",
        "initiatives-and-organisers",
        "entity",
        "counts-per-district-and-type",
        "articles-mentioning",
    } <= set(named_queries())
    assert all(q.title for q in named_queries().values())


@pytest.mark.slow  # rdflib's query engine
@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_answers_the_same_on_both_stores(
    name: str, demo_store: Path, memory: MemoryStore
) -> None:
    query = named_queries()[name]
    oxigraph = OxigraphStore(demo_store, read_only=True).query(query.text, _bindings(name))
    rdflib = memory.query(query.text, _bindings(name))
    assert oxigraph.variables == rdflib.variables
    assert oxigraph.rows, f"{name} found nothing in the demo graph"
    assert concat_as_sets(oxigraph.rows) == concat_as_sets(rdflib.rows)


def test_entity_query_returns_the_source_sentence_of_every_edge(demo_store: Path) -> None:
    edges = run_query(
        demo_store,
        """SELECT ?name ?sentence WHERE {
             ?st a kgo:ExtractedStatement ; rdf:subject ?s ;
                 kgo:hasEvidence/kgo:sentence ?sentence .
             ?s skos:prefLabel ?name }""",
    ).rows
    assert edges
    answers = run_query(demo_store, named_queries()["entity"].text, _bindings("entity")).rows
    sentences = {str(row[6]) for row in answers}
    expected = {str(s) for name, s in edges if str(name) == "大兴区总工会"}
    assert expected and expected <= sentences


def test_a_malformed_query_gets_its_position(demo_store: Path) -> None:
    with pytest.raises(QueryError, match=r"malformed SPARQL: error at 1:2\d"):
        run_query(demo_store, "SELECT ?x WHERE { ?x ?p }")


def test_a_slow_query_is_stopped(demo_store: Path) -> None:
    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with pytest.raises(QueryError, match=r"time limit of 0\.5 s"):
        run_query(demo_store, cross, timeout=0.5)


def test_an_unknown_entity_is_named(demo_store: Path) -> None:
    with pytest.raises(QueryError, match="no entity named 不存在的工会"):
        check_names(demo_store, {"name": Literal("不存在的工会", lang="zh")}, timeout=10)
    # An alias is a name too (产改: a known short form, which names one programme).
    check_names(demo_store, {"name": Literal("产改", lang="zh")}, timeout=10)


@pytest.mark.parametrize("keyword", ["WHERE ", "where", ""])
def test_bindings_hold_with_or_without_the_where_keyword(demo_store: Path, keyword: str) -> None:
    sparql = f"SELECT ?union ?name {keyword}{{ ?union a kgo:Union ; skos:prefLabel ?name }}"
    name = Literal("大兴区总工会", lang="zh")
    rows = OxigraphStore(demo_store, read_only=True).query(sparql, {"name": name}).rows
    assert [row[1] for row in rows] == [name]


def test_a_named_query_asks_for_its_parameter() -> None:
    with pytest.raises(QueryError, match="needs --param name="):
        named_queries()["entity"].bindings({})


def _query(capsys: pytest.CaptureFixture[str], out: Path, *args: str) -> tuple[int, str, str]:
    status = main(["query", "-o", str(out), *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_kg_query_prints_csv_tsv_and_json(
    demo_built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, text, _ = _query(capsys, demo_built, "--name", "unions-per-district", "--format", "csv")
    assert status == 0
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["district", "districtName", "code", "unions", "names"]
    _, text, _ = _query(capsys, demo_built, "--name", "unions-per-district", "--format", "json")
    document = json.loads(text)
    assert document["head"]["vars"] == rows[0]
    assert len(document["results"]["bindings"]) == len(rows) - 1
    _, text, _ = _query(capsys, demo_built, "--name", "unions-per-district", "--format", "tsv")
    lines = text.splitlines()
    assert lines[0].split("\t")[0] == "?district" and len(lines) == len(rows)
    assert '"北京市"@zh' in text


@pytest.mark.parametrize("fmt", ["xml", "json", "csv", "tsv"])
def test_kg_query_writes_what_run_query_finds(
    fmt: str, demo_built: Path, demo_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = named_queries()["initiatives-and-organisers"]
    expected = run_query(demo_store, query.text)
    status, text, _ = _query(capsys, demo_built, "--name", query.name, "--format", fmt)
    assert status == 0
    if fmt == "csv":
        header, *rows = csv.reader(io.StringIO(text))
        plain = [["" if t is None else str(t) for t in row] for row in expected.rows]
        assert header == expected.variables
        assert concat_as_sets(rows) == concat_as_sets(plain)
        return
    result = Result.parse(io.BytesIO(text.encode("utf-8")), format=fmt)
    assert [str(v) for v in result.vars or []] == expected.variables
    assert concat_as_sets(result) == concat_as_sets(expected.rows)


def test_kg_query_errors_are_one_line(
    demo_built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args, message in [
        (("SELECT ?x WHERE { ?x ?p }",), "malformed SPARQL: error at 1:"),
        (("--name", "entity", "--param", "name=没有这个"), "no entity named 没有这个"),
        (("--name", "entity", "--param", "name=没有这个", "--format", "json"), "no entity named"),
        (("CONSTRUCT WHERE { ?s a kgo:Union }", "--format", "csv"), "written as turtle or nt"),
        (("--name", "nothing"), "no named query 'nothing'"),
        (("--name", "entiy"), "no named query 'entiy' (did you mean 'entity'?)"),
        (("--name", "entity", "--param", "nmae=x"), "(did you mean 'name'?)"),
        (("SELECT * WHERE { ?s ex:p ?o }",), "undeclared prefix ex: at 1:"),
        (("SELECT * WHERE { ?s skso:prefLabel ?o }",), "(did you mean 'skos'?)"),
        (("SELECT * WHERE { ?s ?p ?o }", "--format", "turtle"), "a SELECT query answers with"),
        (("ASK { ?s ?p ?o }", "--format", "nt"), "an ASK query answers with yes or no"),
    ]:
        status, _, err = _query(capsys, demo_built, *args)
        assert status == 2 and err.startswith("kg: error: ") and message in err
        assert len(err.strip().splitlines()) == 1
    status, _, err = _query(capsys, tmp_path, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 2 and "no graph built here yet" in err


@pytest.mark.shared
@pytest.mark.usefixtures("cli_shares_the_model")
def test_kg_build_then_query_the_seed_page_for_its_source_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import SHARED

    out = tmp_path / "out"
    assert main(["build", str(SHARED / "corpus" / "seed"), "-o", str(out)]) == 0
    assert "5 articles" in capsys.readouterr().err
    status, text, _ = _query(
        capsys, out, "--name", "entity", "--param", "name=大兴区总工会", "--format", "json"
    )
    assert status == 0
    rows = json.loads(text)["results"]["bindings"]
    located = [r for r in rows if r["relation"]["value"].endswith("#locatedIn")]
    assert located and all("大兴区总工会" in r["sentence"]["value"] for r in located)
    assert {r["otherName"]["value"] for r in located} == {"大兴区"}


def test_kg_query_offers_every_result_format() -> None:
    from kg.cli import QUERY_FORMATS
    from kg.graph.results import GRAPH_FORMATS, SELECT_FORMATS

    assert set(QUERY_FORMATS) == set(SELECT_FORMATS) | set(GRAPH_FORMATS)


def test_a_declared_prefix_is_no_error_and_a_construct_table_is_turtle(
    demo_built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, text, _ = _query(
        capsys, demo_built, "PREFIX ex: <https://example.org/> ASK { ?s ex:p ?o }"
    )
    assert (status, text) == (0, "no\n")
    construct = "CONSTRUCT WHERE { ?s a kgo:Union } LIMIT 1"
    status, text, _ = _query(capsys, demo_built, construct)
    assert status == 0 and "a kgo:Union" in text


def test_the_terminal_table_shortens_long_values_and_csv_keeps_them(
    demo_built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kg.graph.results import MAX_CELL_WIDTH

    sentence = "SELECT ?text WHERE { ?e kgo:sentence ?text } ORDER BY DESC(STRLEN(?text)) LIMIT 1"
    _, full, _ = _query(capsys, demo_built, sentence, "--format", "csv")
    longest = full.splitlines()[1]
    assert len(longest) * 2 > MAX_CELL_WIDTH
    _, table, _ = _query(capsys, demo_built, sentence)
    _, _, row, footer = table.splitlines()
    assert row.rstrip().endswith("…") and row.rstrip()[:-1] in longest
    assert len(row.rstrip()) * 2 <= MAX_CELL_WIDTH + 1
    assert "shortened" in footer
