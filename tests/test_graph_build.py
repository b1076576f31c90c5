"""``kg build`` / ``kg remove``: the store, graph.ttl and graph.trig, incremental and
deterministic, and an interrupted run that loses nothing."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg.article import InputProblem
from kg.folder import BuildError, build, remove
from kg.graph.store import ArticleLoader, OxigraphStore, current_store_path
from kg.graph.vocab import KGO, ONTOLOGY_IRI
from kg.record import ArticleRecord
from tests.conftest import DEMO, REPO, Records, built_before_read_in


def _files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.trig")}


def _copy_output(out: Path, target: Path) -> Path:
    shutil.copytree(out, target, symlinks=True, ignore=shutil.ignore_patterns(".lock"))
    return target


def test_build_writes_a_merged_graph_and_a_named_graph_per_article(demo_built: Path) -> None:
    merged = Graph().parse(demo_built / "graph.ttl")
    dataset = Dataset().parse(demo_built / "graph.trig", format="trig")
    named = [g for g in dataset.graphs() if isinstance(g.identifier, URIRef)]
    articles = set(merged.subjects(predicate=None, object=KGO.NewsArticle))
    assert {g.identifier for g in named} - {dataset.default_graph.identifier} == articles
    union = {t for g in named for t in g}
    assert union == set(merged)


def test_the_same_union_in_two_articles_is_one_node(demo_built: Path) -> None:
    merged = Graph().parse(demo_built / "graph.ttl")
    daxing = list(merged.subjects(SKOS.prefLabel, Literal("大兴区总工会", lang="zh")))
    assert len(daxing) == 1
    assert len(set(merged.subjects(KGO.mentions, daxing[0]))) >= 2


def test_building_again_with_the_same_files_changes_nothing(
    demo_built: Path, demo_copy: Path, records: Records, tmp_path: Path
) -> None:
    out = _copy_output(demo_built, tmp_path / "out")  # the session's graph stays as it is
    before_store, before_files = current_store_path(out), _files(out)
    calls: list[Sequence[Path]] = []

    def counting(files: Sequence[Path]) -> Iterator[ArticleRecord | InputProblem]:
        calls.append(files)
        return records(files)

    report = build([demo_copy], out, counting)
    assert report.added == [] and len(report.unchanged) == len(list(demo_copy.iterdir()))
    assert calls == []  # nothing was even read
    assert current_store_path(out) == before_store
    assert _files(out) == before_files


@pytest.mark.slow  # builds the demo twice more
def test_same_input_gives_byte_identical_files_in_any_order(
    tmp_path: Path, demo_built: Path, demo_copy: Path, records: Records
) -> None:
    files = sorted(demo_copy.iterdir())
    out = tmp_path / "out"
    build(files[8:], out, records)
    build(files[:8], out, records)
    assert _files(out) == _files(demo_built)


@pytest.mark.slow  # builds the demo again
def test_remove_gives_the_graph_built_without_that_file(
    tmp_path: Path, demo_built: Path, demo_copy: Path, records: Records
) -> None:
    files = sorted(demo_copy.iterdir())
    gone = files[0]
    out = _copy_output(demo_built, tmp_path / "removed")
    assert remove([str(gone)], out) == [os.path.relpath(gone)]
    expected = tmp_path / "without"
    build(files[1:], expected, records)
    assert _files(out) == _files(expected)


def test_remove_names_an_unknown_source(demo_built: Path, tmp_path: Path) -> None:
    out = _copy_output(demo_built, tmp_path / "out")
    with pytest.raises(BuildError, match=r"nowhere\.txt: no article from this source"):
        remove(["nowhere.txt"], out)


def _one_article_built(tmp_path: Path, records: Records) -> tuple[Path, Path, Path]:
    """(corpus folder, its one article, output folder) after a first build."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = corpus / "a.txt"
    article.write_text(
        "大兴区总工会开展“送温暖”活动\n近日，大兴区总工会开展“送温暖”活动。\n", "utf-8"
    )
    out = tmp_path / "out"
    build([corpus], out, records)
    return corpus, article, out


def test_a_changed_file_replaces_its_articles(tmp_path: Path, records: Records) -> None:
    corpus, article, out = _one_article_built(tmp_path, records)
    article.write_text(
        "顺义区总工会举办职工技能大赛\n近日，顺义区总工会举办职工技能大赛。\n", "utf-8"
    )
    report = build([corpus], out, records)
    assert report.added == [os.path.relpath(article)]
    names = {str(o) for o in Graph().parse(out / "graph.ttl").objects(None, SKOS.prefLabel)}
    assert "顺义区总工会" in names and "大兴区总工会" not in names


def test_sources_are_named_relative_to_the_working_folder_not_absolute(
    tmp_path: Path, records: Records, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, article, out = _one_article_built(tmp_path, records)
    turtle = (out / "graph.ttl").read_text(encoding="utf-8")
    assert f'"{tmp_path}' not in turtle and '/corpus/a.txt"' in turtle
    sources = {str(o) for o in Graph().parse(out / "graph.ttl").objects(None, KGO.sourceFile)}
    assert sources == {os.path.relpath(article)}
    # The file given alone is the same source as in its folder, and is removed by its
    # absolute path as by its relative one.
    assert build([article], out, records).unchanged == [os.path.relpath(article)]
    assert remove([str(article.absolute())], out) == [os.path.relpath(article)]
    # Inside the working folder (`kg build corpus` typed there) the name is as typed.
    monkeypatch.chdir(tmp_path)
    assert build([Path("corpus")], tmp_path / "here", records).added == ["corpus/a.txt"]


def test_a_failed_file_keeps_what_was_read_from_it_before(tmp_path: Path, records: Records) -> None:
    corpus, article, out = _one_article_built(tmp_path, records)
    before = _files(out)
    article.write_bytes(b"")
    report = build([corpus], out, records)
    assert [p.message for p in report.problems] == ["empty file"]
    assert _files(out) == before


@pytest.mark.slow  # interrupts a build
def test_an_interrupted_build_leaves_the_earlier_graph_intact(
    tmp_path: Path, demo_built: Path, demo_copy: Path, records: Records
) -> None:
    out = _copy_output(demo_built, tmp_path / "out")
    before_store, before_files = current_store_path(out), _files(out)
    extra = tmp_path / "extra"
    shutil.copytree(REPO / "examples" / "articles", extra)

    def interrupted(files: Sequence[Path]) -> Iterator[ArticleRecord | InputProblem]:
        for i, item in enumerate(records(files)):
            if i == 3:
                raise KeyboardInterrupt
            yield item

    with pytest.raises(KeyboardInterrupt):
        build([extra], out, interrupted)
    assert current_store_path(out) == before_store and _files(out) == before_files
    assert sorted(p.name for p in out.iterdir() if p.name.startswith("generation.")) == [
        before_store.parent.name
    ]
    report = build([extra], out, records)
    assert len(report.added) == len(list(extra.iterdir()))


def test_a_second_build_at_the_same_time_is_refused(tmp_path: Path, records: Records) -> None:
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    with (out / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(BuildError, match="another kg build or remove is using it"):
            build([DEMO], out, records)


def test_the_store_holds_the_ontology_and_the_merged_graph(demo_built: Path) -> None:
    store = OxigraphStore(current_store_path(demo_built), read_only=True)
    assert ONTOLOGY_IRI in store.named_graphs()
    merged = Graph().parse(demo_built / "graph.ttl")
    assert {(s, p, o) for s, p, o, g in store.quads() if g is None} == set(merged)


@pytest.mark.usefixtures("cli_shares_the_model")
def test_bad_input_is_reported_and_leaves_no_graph_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kg.cli import main

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "nowhere"), str(empty), "-o", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"kg: {tmp_path / 'nowhere'}: no such file or folder" in err
    assert f"kg: {empty}: empty file" in err
    assert current_store_path(out) is None and not (out / "graph.ttl").exists()


@pytest.mark.slow  # JSON-LD of the whole demo graph
def test_jsonld_on_request_holds_the_merged_graph(tmp_path: Path, demo_built: Path) -> None:
    out = _copy_output(demo_built, tmp_path / "out")
    build([], out, lambda files: iter(()), jsonld=True)
    merged = Graph().parse(out / "graph.ttl")
    assert set(Graph().parse(out / "graph.jsonld", format="json-ld")) == set(merged)


def test_jsonld_once_asked_for_follows_later_builds_and_removes(
    tmp_path: Path, records: Records
) -> None:
    corpus, article, out = _one_article_built(tmp_path, records)
    build([corpus], out, records, jsonld=True)
    second = corpus / "b.txt"
    second.write_text(
        "顺义区总工会举办职工技能大赛\n近日，顺义区总工会举办职工技能大赛。\n", "utf-8"
    )

    def same_as_turtle() -> bool:
        merged = set(Graph().parse(out / "graph.ttl"))
        return set(Graph().parse(out / "graph.jsonld", format="json-ld")) == merged

    build([corpus], out, records)
    assert same_as_turtle()
    remove([str(article)], out)
    assert same_as_turtle()


def test_a_build_sweeps_only_its_own_temporary_files(tmp_path: Path, demo_built: Path) -> None:
    out = _copy_output(demo_built, tmp_path / "out")
    leftover, reports = out / ".graph.ttl.tmp", out / ".report.html.k2x9.tmp"
    leftover.write_text("half", "utf-8")
    reports.write_text("a report being written", "utf-8")
    build([], out, lambda files: iter(()), jsonld=True)  # jsonld is new: a generation is made
    assert not leftover.exists() and reports.exists()


@pytest.mark.slow  # the whole demo graph in rdflib
def test_load_graph_gives_the_built_graph_as_an_rdflib_dataset(demo_built: Path) -> None:
    import kg

    dataset = kg.load_graph(demo_built)
    assert isinstance(dataset, Dataset)
    merged = Graph().parse(demo_built / "graph.ttl")
    assert set(dataset.default_graph) == set(merged)
    named = {g.identifier for g in dataset.graphs()} - {dataset.default_graph.identifier}
    articles = set(merged.subjects(predicate=None, object=KGO.NewsArticle))
    assert named == articles | {ONTOLOGY_IRI}


def test_load_graph_names_a_folder_without_a_graph(tmp_path: Path) -> None:
    import kg

    with pytest.raises(FileNotFoundError, match="no graph built here yet"):
        kg.load_graph(tmp_path)


def test_written_files_use_no_escapes_in_prefixed_names(demo_built: Path) -> None:
    """Entity IRIs (kgr:district/北京市/…) would need escaped slashes as prefixed names,
    which some loaders keep as backslashes: the files write them in full."""
    for name in ("graph.ttl", "graph.trig"):
        text = (demo_built / name).read_text(encoding="utf-8")
        assert "\\/" not in text and "@prefix kgr:" not in text
        assert "<https://w3id.org/union-kg/id/district/" in text


def test_article_urls_that_are_no_iri_do_not_stop_the_build(
    tmp_path: Path, records: Records
) -> None:
    import json

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    bodies = ["丰台区总工会召开全会。", "顺义区总工会召开全会。", "通州区总工会召开全会。"]
    urls = ["http://example.org/a b|c.html", "/news/2.html", "www.workercn.cn/3.html"]
    (corpus / "news.jsonl").write_text(
        "\n".join(
            json.dumps({"title": f"标题{i}", "url": url, "body": body}, ensure_ascii=False)
            for i, (url, body) in enumerate(zip(urls, bodies, strict=True))
        ),
        "utf-8",
    )
    report = build([corpus], out, records)
    assert report.articles == 3
    assert [(p.warning, "/news/2.html" in p.message) for p in report.problems] == [(True, True)]
    merged = Graph().parse(out / "graph.ttl")
    assert set(merged.objects(None, URIRef("https://schema.org/url"))) == {
        URIRef("http://example.org/a%20b%7Cc.html"),
        URIRef("http://www.workercn.cn/3.html"),
    }


def test_a_folder_of_the_layout_before_moves_to_generations(
    tmp_path: Path, demo_built: Path, records: Records
) -> None:
    from tests.conftest import articles_in_store

    out = tmp_path / "out"
    out.mkdir()
    # The layout before: `store` a link to the store `store.3`, plain files beside it.
    shutil.copytree(current_store_path(demo_built), out / "store.3")
    (out / "store").symlink_to("store.3")
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        shutil.copy(demo_built / name, out / name)
    before = articles_in_store(out / "store")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "a.txt").write_text(
        "顺义区总工会举办职工技能大赛\n近日，顺义区总工会举办大赛。\n", "utf-8"
    )

    build([extra], out, records)
    assert articles_in_store(out / "store") == before + 1
    for name in ("store", "graph.ttl", "graph.trig", "graph.html"):
        assert (out / name).is_symlink() and (out / name).readlink() == Path("current", name)
    assert (out / "current").readlink() == Path("generation.4")
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "current",
        "generation.4",
        "graph.html",
        "graph.trig",
        "graph.ttl",
        "store",
    ]
    assert "顺义区总工会" in (out / "graph.ttl").read_text("utf-8")


def test_a_build_in_another_language_redraws_the_page_with_nothing_new(
    tmp_path: Path, records: Records
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(sorted(DEMO.glob("*.txt"))[0], corpus)
    out = tmp_path / "output"
    build([corpus], out, records)
    assert '<html lang="zh-CN">' in (out / "graph.html").read_text(encoding="utf-8")
    turtle = (out / "graph.ttl").read_bytes()
    report = build([corpus], out, records, lang="en")
    assert report.added == [] and report.articles == 0
    assert '<html lang="en">' in (out / "graph.html").read_text(encoding="utf-8")
    assert (out / "graph.ttl").read_bytes() == turtle


def test_articles_loaded_in_bulk_equal_articles_added_one_at_a_time() -> None:
    """As a build replaces a changed file's article while others wait in the loader: the
    merged triple the removed article shared with a waiting one is there in the end."""
    x, y, z = (URIRef(f"https://example.org/article/{n}") for n in "xyz")
    shared = (URIRef("https://example.org/e/1"), SKOS.prefLabel, Literal("工会", lang="zh"))
    own = (URIRef("https://example.org/e/2"), SKOS.prefLabel, Literal("职工", lang="zh"))
    stores = []
    for bulk in (False, True):
        store = OxigraphStore()
        store.add_article(x, [shared, own])
        if bulk:
            loader = ArticleLoader(store, batch_quads=3)  # y waits, z goes with it
            loader.add(y, [shared])
            store.remove_article(x)
            loader.add(z, [own])
            loader.flush()
        else:
            store.add_article(y, [shared])
            store.remove_article(x)
            store.add_article(z, [own])
        stores.append(sorted(store.nquads().splitlines()))
    assert stores[0] == stores[1]
    assert len(stores[1]) == 4  # y and z in their graphs, both triples in the merged one


def test_a_graph_built_before_read_in_gets_it_from_its_evidence(
    demo_built: Path, demo_copy: Path, records: Records, tmp_path: Path
) -> None:
    """A store written before statements named their articles (kgo:readIn) is brought
    up to date by the next build, even one with nothing new to read."""
    out = built_before_read_in(demo_built, tmp_path / "out")
    before_files = _files(out)
    assert OxigraphStore(current_store_path(out), read_only=True).outdated()
    report = build([demo_copy], out, records)
    assert report.added == []
    store = OxigraphStore(current_store_path(out), read_only=True)
    assert not store.outdated()
    assert _files(out) == before_files  # the same graph as a build of today writes
