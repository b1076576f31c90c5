from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from kg.article import Article, InputProblem
from kg.pipeline import Extractor, run
from kg.record import ArticleRecord

REPO = Path(__file__).resolve().parents[1]
# The shared corpus and gold beside the repository (not in it): tests that read it are
# marked `shared` and skipped without it; .ci/run refuses to run without it.
SHARED = REPO.parent / "shared"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if SHARED.is_dir():
        return
    skip = pytest.mark.skip(reason=f"needs ../shared ({SHARED}), which is absent")
    for item in items:
        if item.get_closest_marker("shared"):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    skipped = terminalreporter.stats.get("skipped", [])
    if not SHARED.is_dir() and skipped:
        terminalreporter.write_line(
            f"kg: tests that read ../shared skipped: the folder {SHARED} is absent"
        )


DEMO = REPO / "examples" / "articles"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture
def cli_shares_the_model(monkeypatch: pytest.MonkeyPatch, extractor: Extractor) -> None:
    """``kg`` commands run in the test process use the session's model when their options
    are the defaults, instead of loading their own (over ten seconds each)."""
    import kg.cli

    load = kg.cli._load_extractor
    defaults = kg.cli._pipeline_overrides(kg.cli.build_parser().parse_args(["extract", "x"]))

    def shared(args: Any) -> Extractor:
        return extractor if kg.cli._pipeline_overrides(args) == defaults else load(args)

    monkeypatch.setattr(kg.cli, "_load_extractor", shared)


def make_article(text: str) -> Article:
    headline = text.splitlines()[0]
    return Article("test.txt", 0, headline, text, text)


@pytest.fixture(scope="session")
def extract(extractor: Extractor):
    """text -> (set of (type, name), set of (s, p, o)) as the pipeline outputs them."""

    def run(text: str) -> tuple[set[tuple[str, str]], set[tuple[str, str, str]]]:
        record = extractor(make_article(text))
        entities = {(e["type"], e["name"]) for e in record["entities"]}
        triples = {(t["s"], t["p"], t["o"]) for t in record["triples"]}
        return entities, triples

    return run


def network_of(out: Path) -> Any:
    """The networkx view (kg.graph.network.to_networkx) of the graph built in ``out``."""
    from kg.graph.network import to_networkx
    from kg.graph.store import OxigraphStore, current_store_path

    path = current_store_path(out)
    assert path is not None, f"no graph built in {out}"
    return to_networkx(OxigraphStore(path, read_only=True))


def articles_in_store(store: Path) -> int:
    """How many articles the Oxigraph store at ``store`` holds."""
    from kg.graph.store import OxigraphStore

    answer = OxigraphStore(store, read_only=True).query(
        "SELECT (COUNT(?a) AS ?n) WHERE { ?a a kgo:NewsArticle }"
    )
    return int(answer.rows[0][0])


def built_before_read_in(built: Path, target: Path) -> Path:
    """A copy in ``target`` of the output folder ``built`` as a version of kg before
    kgo:readIn wrote it: the same store without the readIn links."""
    import pyoxigraph as ox

    from kg.graph.store import current_store_path
    from kg.graph.vocab import KGO

    shutil.copytree(built, target, symlinks=True, ignore=shutil.ignore_patterns(".lock"))
    store = ox.Store(str(current_store_path(target)))
    store.update(
        f"DELETE WHERE {{ GRAPH ?g {{ ?s <{KGO.readIn}> ?a }} }} ;"
        f"DELETE WHERE {{ ?s <{KGO.readIn}> ?a }}"
    )
    store.flush()
    return target


def concat_as_sets(rows: Iterable[Sequence[object]]) -> list[tuple[object, ...]]:
    """Query rows in order, each value as its sorted 、-separated parts: GROUP_CONCAT
    orders its parts as it meets them, which differs between stores."""
    return sorted(
        tuple(() if v is None else tuple(sorted(str(v).split("、"))) for v in row) for row in rows
    )


Records = Callable[[Sequence[Path]], Iterator[ArticleRecord | InputProblem]]


@pytest.fixture(scope="session")
def records(extractor: Extractor) -> Records:
    def read(files: Sequence[Path]) -> Iterator[ArticleRecord | InputProblem]:
        return run(files, extractor, max_file_bytes=20_000_000)

    return read


@pytest.fixture(scope="session")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus in a session folder: one set of source paths for every test
    that builds it. Do not change its files."""
    target = tmp_path_factory.mktemp("corpus") / "articles"
    shutil.copytree(DEMO, target)
    return target


@pytest.fixture(scope="session")
def demo_built(tmp_path_factory: pytest.TempPathFactory, records: Records, demo_copy: Path) -> Path:
    """The graph of the demo corpus (``kg build`` into a session folder): do not change it,
    copy it first."""
    from kg.folder import build

    out = tmp_path_factory.mktemp("demo") / "output"
    build([demo_copy], out, records)
    return out


@pytest.fixture(scope="session")
def demo_store(demo_built: Path) -> Path:
    """The current Oxigraph store of ``demo_built``."""
    from kg.graph.store import current_store_path

    path = current_store_path(demo_built)
    assert path is not None
    return path
