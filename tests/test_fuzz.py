"""Fuzzing the doors a user can push on (issue 13): whatever the bytes of a file, the
text of a query or the value of a ``--param``, the answer is an article, a result or one
line saying what is wrong; never a traceback, a hang, a half-written output, or a
build that loses what was built before.

Seeded (``derandomize``) and bounded so that the suite stays a few minutes in CI;
``python benchmarks/fuzz.py`` runs the same properties with many more examples.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.article import Article, InputProblem
from kg.cli import main
from kg.graph.query import named_queries
from kg.ingest import read_paths
from kg.pipeline import Extractor
from tests.conftest import articles_in_store
from tests.test_serve import Server, serving

pytestmark = pytest.mark.slow

# Examples per property: "ci" in the test run (seeded: the same examples every run),
# "long" from benchmarks/fuzz.py (new examples each run, many more of them).
settings.register_profile(
    "ci",
    max_examples=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "long",
    settings.get_profile("ci"),
    max_examples=int(os.environ.get("KG_FUZZ_EXAMPLES", "1000")),
    derandomize=False,
)
settings.load_profile(os.environ.get("KG_FUZZ_PROFILE", "ci"))
# A build costs a second or more: a fifth as many of them.
_BUILDS = max(6, settings.default.max_examples // 5)

# Characters that make the readers' choices: Chinese text and its punctuation in both
# widths, markup and JSON syntax, line breaks, controls and a BOM.
_CHARS = st.sampled_from(
    list("朝阳区总工会街道职工驿站举办活动。，、：；！？“”（）《》【】")
    + list("<>/=\"'{}[],:;!?() \t\n\r#&%\\")
    + ["\x00", "\x0c", "\ufeff", "\u3000", "é", "𠀀"]
)
_TEXT = st.text(_CHARS, max_size=400) | st.text(max_size=200)
_ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "latin-1"])
_TAGS = st.sampled_from(["div", "p", "span", "table", "td", "h1", "script", "a", "b", "html"])


@st.composite
def _html(draw: st.DrawFn) -> str:
    """A page: elements nested at a depth drawn up to well past the parser's limit,
    text at random places, tags left open or closed twice."""
    depth = draw(st.integers(0, 400))
    tags = draw(st.lists(_TAGS, min_size=1, max_size=8))
    opening = "".join(f"<{tags[i % len(tags)]}>" for i in range(depth))
    closing = "".join(f"</{tags[i % len(tags)]}>" for i in reversed(range(depth)))
    if draw(st.booleans()):
        closing = closing[: draw(st.integers(0, len(closing)))]
    title, before, inside = draw(_TEXT), draw(_TEXT), draw(_TEXT)
    body = f"{before}{opening}<p>{inside}</p>{closing}"
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=12,
)
_RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "title": _JSON_VALUES,
        "text": _TEXT | _JSON_VALUES,
        "content": _TEXT,
        "url": _TEXT | st.just("/news/1.html") | st.just("http://例子.中国/a b"),
        "date": _TEXT | st.just("2026-02-30"),
    },
)


@st.composite
def _json_file(draw: st.DrawFn) -> str:
    records = draw(st.lists(_RECORDS | _JSON_VALUES, max_size=5))
    if draw(st.booleans()):
        lines = [json.dumps(record, ensure_ascii=draw(st.booleans())) for record in records]
        text = "\n".join(lines)
        cut = draw(st.integers(0, len(text)))
        return text[:cut] if draw(st.booleans()) else text
    return json.dumps(records, ensure_ascii=False)


@st.composite
def _file_bytes(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["bytes", "text", "html", "json"]))
    if kind == "bytes":
        return draw(st.binary(max_size=3000))
    text = {"text": _TEXT, "html": _html(), "json": _json_file()}[kind]
    return draw(text).encode(draw(_ENCODINGS), errors="replace")


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="kg-fuzz-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _one_line(text: str) -> bool:
    return text.count("\n") <= 1 and "Traceback" not in text


def _problem_lines(err: str) -> bool:
    """Whether standard error holds nothing but one-line problems (one per bad input or
    record), each from kg."""
    return "Traceback" not in err and all(
        line.startswith(("kg: ", "kg build: ")) for line in err.splitlines()
    )


@given(data=_file_bytes(), suffix=st.sampled_from([".txt", ".html", ".json", ".jsonl", ".pdf"]))
def test_any_file_reads_as_articles_or_one_line_problems(
    data: bytes, suffix: str, scratch: Path, extractor: Extractor
) -> None:
    path = scratch / f"input{suffix}"
    path.write_bytes(data)
    for item in read_paths([path], max_file_bytes=2000):
        if isinstance(item, InputProblem):
            assert _one_line(str(item)) and item.source == str(path)
            continue
        assert isinstance(item, Article) and len(item.text) == len(item.original)
        record = extractor(item)
        json.dumps(record, ensure_ascii=False)  # what kg extract writes
        for triple in record["triples"]:
            start, end = triple["offsets"]
            assert 0 <= start < end <= len(item.text)


@given(data=_file_bytes())
def test_kg_extract_writes_its_output_whole_or_not_at_all(
    data: bytes, scratch: Path, cli_shares_the_model: None, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = scratch / "input.txt", scratch / "out.json"
    source.write_bytes(data)
    out.write_text("earlier\n", encoding="utf-8")
    status = main(["extract", str(source), "-o", str(out)])
    assert status in (0, 1)
    assert _problem_lines(capsys.readouterr().err)
    written = out.read_text(encoding="utf-8")
    assert written == "earlier\n" or "articles" in json.loads(written)


def _mutated(text: str, cuts: list[tuple[int, int, str]]) -> str:
    for at, length, insert in cuts:
        at %= len(text) + 1
        text = text[:at] + insert + text[at + length :]
    return text


_SPARQL_BITS = st.sampled_from(
    ["{", "}", "(", ")", "<", ">", '"', "'", "#", "?x", ".", ";", "*", "UNION", "SELECT",
     "WHERE", "FILTER(", "SERVICE <http://127.0.0.1:1/>", "INSERT DATA {", "\\", "\n", "kgo:"]
)  # fmt: skip


@st.composite
def _queries(draw: st.DrawFn) -> str:
    """A named query with pieces cut out and syntax dropped in, or text from nowhere."""
    if draw(st.booleans()):
        return draw(st.text(max_size=300) | st.lists(_SPARQL_BITS, max_size=30).map(" ".join))
    query = draw(st.sampled_from(sorted(named_queries().values(), key=lambda q: q.name)))
    cuts = draw(
        st.lists(
            st.tuples(st.integers(0, 5000), st.integers(0, 20), _SPARQL_BITS | st.text(max_size=5)),
            max_size=4,
        )
    )
    return _mutated(query.text, cuts)


@given(sparql=_queries())
def test_kg_query_answers_or_says_why_in_one_line(
    sparql: str, demo_built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["query", "-o", str(demo_built), "--timeout", "20", "--", sparql])
    err = capsys.readouterr().err
    assert status in (0, 2), err
    assert _one_line(err)


_PARAM_VALUES = st.text(max_size=60) | st.sampled_from(['"} UNION { ?s ?p ?o }', "> <x", "\\", ""])


@given(value=_PARAM_VALUES)
def test_a_param_value_is_a_value_never_a_piece_of_query(
    value: str, demo_built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["query", "-o", str(demo_built), "--name", "entity", "--param", f"name={value}"])
    out, err = capsys.readouterr()
    assert _one_line(err)
    if status == 0:
        # Rows only for an entity of exactly that name: the value never widened the query.
        assert value.strip() and value.strip() in out
    else:
        assert status in (1, 2)


@pytest.fixture(scope="module")
def served(demo_built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serving(demo_built, tmp_path_factory.mktemp("fuzz-serve") / "log") as server:
        yield server


def _status(request: urllib.request.Request) -> int:
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            return response.status
    except HTTPError as error:
        return error.code


@given(sparql=_queries(), post=st.booleans())
def test_kg_serve_answers_every_query_with_a_status_never_500(
    sparql: str, post: bool, served: Server
) -> None:
    if post:
        body = urlencode({"query": sparql}).encode()
        request = urllib.request.Request(
            served.url,
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    else:
        request = urllib.request.Request(f"{served.url}?{urlencode({'query': sparql})}")
    assert _status(request) in (200, 400, 403, 406, 414, 503)


def test_kg_serve_still_answers_after_the_fuzzing(served: Server) -> None:
    ask = urlencode({"query": "ASK { ?s ?p ?o }"})
    assert _status(urllib.request.Request(f"{served.url}?{ask}")) == 200


@pytest.fixture(scope="module")
def build_copy(demo_built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fuzz-build") / "output"
    shutil.copytree(demo_built, out, symlinks=True)
    assert _demo_articles(out) == articles_in_store(demo_built / "store") > 0
    return out


# A fuzz file's name: the articles of the demo build are those without it.
_FUZZ_NAME = "模糊"
_DEMO_ARTICLES = f"""
SELECT (COUNT(?article) AS ?n) WHERE {{
  GRAPH ?article {{ ?article kgo:sourceFile ?source }}
  FILTER(!CONTAINS(STR(?source), "{_FUZZ_NAME}"))
}}"""


def _demo_articles(out: Path) -> int:
    from kg.graph.store import OxigraphStore

    store = OxigraphStore(out / "store", read_only=True)
    return int(store.query(_DEMO_ARTICLES).rows[0][0])


@settings(max_examples=_BUILDS)
@given(files=st.lists(_file_bytes(), min_size=1, max_size=3))
def test_a_build_of_any_files_keeps_what_was_built_before(
    files: list[bytes],
    build_copy: Path,
    scratch: Path,
    cli_shares_the_model: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = _demo_articles(build_copy)
    folder = scratch / "new"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for number, data in enumerate(files):
        (folder / f"{_FUZZ_NAME}{number}.txt").write_bytes(data)
    status = main(["build", str(folder), "-o", str(build_copy)])
    assert status in (0, 1)
    assert _problem_lines(capsys.readouterr().err)
    assert _demo_articles(build_copy) == before
    assert (build_copy / "graph.ttl").exists() and (build_copy / "graph.html").exists()
