"""The output folder of ``kg build`` and ``kg remove``: which input files are new or
changed, the store and the files written from it, in generations, under a lock.

A generation ``DIR/generation.N`` holds a store and every file written from it
(graph.ttl, graph.trig, graph.html, graph.jsonld). ``DIR/current`` is a symbolic link
to the generation in use, and the names users open (``DIR/store``, ``DIR/graph.ttl``
…) are links through it (``current/store``). A build or a removal makes the next
generation from a hard-linked copy of the store (``Store.backup``), writes its
files inside it, and then replaces the one ``current`` link: store and files switch
together, in one rename. Killed at any point, the folder keeps a usable store with
the files written from it; whatever a killed run left half-done is swept away by
the next one, which redoes the work because the old store does not have it.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from kg.article import InputProblem
from kg.errors import KgError
from kg.graph.network import to_networkx
from kg.graph.rdf import article_iri, article_triples
from kg.graph.store import (
    STORE_LINK,
    ArticleLoader,
    OxigraphStore,
    current_store_path,
    stored_articles,
)
from kg.graph.vocab import ONTOLOGY_IRI, load_ontology
from kg.ingest import input_files
from kg.page import graph_page
from kg.page.data import page_words
from kg.progress import Progress
from kg.record import ArticleRecord
from kg.resources.cache import sha256_file as file_hash

CURRENT_LINK = "current"
TURTLE_FILE = "graph.ttl"
TRIG_FILE = "graph.trig"
JSONLD_FILE = "graph.jsonld"
PAGE_FILE = "graph.html"
# store.N: a generation of the layout before, where it was the store alone.
_GENERATION = re.compile(r"(?:generation|store)\.(\d+)")

# Reads the files it is given (new or changed ones) into records; the caller's choice of
# pipeline, so that this module runs none of its own.
Records = Callable[[Sequence[Path]], Iterable[ArticleRecord | InputProblem]]


class BuildError(KgError):
    """A one-line reason the output folder cannot be used."""


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)  # sources read (new or changed)
    unchanged: list[str] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    articles: int = 0


def source_name(path: Path, folder: Path | None = None) -> str:
    """How the store names a file (kgo:sourceFile): its path relative to the working
    folder (or ``folder``: where a run was made), as the input was given
    (``articles/a.txt``, ``../corpus/a.txt``), whether a folder or the file itself was
    given; never the absolute path of the machine that built the graph, which the
    graph's files would carry wherever they are shared."""
    return Path(os.path.relpath(path.absolute(), folder or Path.cwd())).as_posix()


def _stored_names(stored: dict[str, tuple[str, list[str]]]) -> dict[str, tuple[str, list[str]]]:
    """``stored`` with the absolute names that earlier versions gave files outside the
    working folder named as now, and no hash: they are read again under their new name."""
    return {
        (source_name(Path(name)) if Path(name).is_absolute() else name): (
            ("" if Path(name).is_absolute() else digest),
            graphs,
        )
        for name, (digest, graphs) in stored.items()
    }


def _generation_of(store: Path) -> Path:
    """The generation folder that holds ``store`` (in the layout before: the store)."""
    return store.parent if store.name == STORE_LINK else store


@contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / ".lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"{out_dir}: another kg build or remove is using it") from None
        yield


class _Generation:
    """A new generation of the store and its files, used as a context: committed by
    ``commit``, swept away when the block ends without it (an error, Ctrl-C, nothing
    to do)."""

    def __init__(self, out_dir: Path) -> None:
        # Resolved as the store link's target is: with a relative folder (`-o output`)
        # the current generation would otherwise look stale and be swept away.
        self.out_dir = out_dir = out_dir.resolve()
        self.previous = current_store_path(out_dir)
        self._sweep()
        numbers = [
            int(m.group(1)) for p in out_dir.iterdir() if (m := _GENERATION.fullmatch(p.name))
        ]
        self.folder = out_dir / f"generation.{max(numbers, default=0) + 1}"
        self.folder.mkdir()
        self.path = self.folder / STORE_LINK
        if self.previous is not None:
            OxigraphStore(self.previous, read_only=True).backup(self.path)
        # In the present form whatever an earlier version wrote: today's ontology, and
        # what its articles lack (OxigraphStore.upgrade).
        self.store = OxigraphStore(self.path)
        try:
            _replace_ontology(self.store)
            self.store.upgrade()
        except BaseException:  # Ctrl-C while upgrading: no half-made generation left
            self._abandon()
            raise
        self._outputs: tuple[str, ...] = ()
        self._committed = False

    def __enter__(self) -> _Generation:
        return self

    def __exit__(self, *_: object) -> None:
        if not self._committed:
            self._abandon()

    def _sweep(self) -> None:
        """Remove what an interrupted run left: generations not in use and the build's own
        temporary links (not the files of a kg report or kg view writing beside them)."""
        in_use = _generation_of(self.previous) if self.previous is not None else None
        names = (*_outputs(self.out_dir, True), STORE_LINK, CURRENT_LINK)
        own = {f".{name}.tmp" for name in names}
        for child in self.out_dir.iterdir():
            if _GENERATION.fullmatch(child.name) and child != in_use:
                shutil.rmtree(child, ignore_errors=True)
            elif child.name in own:
                child.unlink(missing_ok=True)

    def write_outputs(self, jsonld: bool, lang: str, progress: Progress | None = None) -> None:
        self.store.flush()
        self._outputs = _outputs(self.out_dir, jsonld)
        write_outputs(self.store, self.folder, JSONLD_FILE in self._outputs, lang, progress)

    def commit(self) -> None:
        del self.store
        self._link(CURRENT_LINK, self.folder.name)  # the switch, store and files at once
        # The names users open go through `current`: made once (here for a new folder,
        # or one of the layout before), the store last, as it tells that a graph is there.
        for name in (*self._outputs, STORE_LINK):
            through = f"{CURRENT_LINK}/{name}"
            path = self.out_dir / name
            if not (path.is_symlink() and os.readlink(path) == through):
                self._link(name, through)
        if self.previous is not None:
            old = _generation_of(self.previous)
            if old.parent == self.out_dir:
                shutil.rmtree(old, ignore_errors=True)
        self._committed = True

    def _link(self, name: str, target: str) -> None:
        """``DIR/name`` made a link to ``target``, in one rename."""
        temporary = self.out_dir / f".{name}.tmp"
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(target)
        os.replace(temporary, self.out_dir / name)

    def _abandon(self) -> None:
        self.__dict__.pop("store", None)
        shutil.rmtree(self.folder, ignore_errors=True)


def write_outputs(
    store: OxigraphStore,
    folder: Path,
    jsonld: bool,
    lang: str,
    progress: Progress | None = None,
) -> None:
    """graph.ttl (the merged graph), graph.trig (a named graph per article), graph.html
    (the interactive page, in ``lang``) and, on request, graph.jsonld, into ``folder``;
    a stage of ``progress``, a file at a time."""
    progress = progress if progress is not None else Progress("kg", quiet=True)
    progress.start(4 if jsonld else 3, stage="drawing", unit="file")
    store.serialize_turtle(folder / TURTLE_FILE)
    progress.advance(1, TURTLE_FILE)
    articles = sorted(g for g in store.named_graphs() if g != ONTOLOGY_IRI)
    store.serialize_trig(folder / TRIG_FILE, articles)
    progress.advance(1, TRIG_FILE)
    title = page_words(lang)["graph_title"]
    page = graph_page(to_networkx(store), title=title, lang=lang)
    (folder / PAGE_FILE).write_text(page, encoding="utf-8")
    progress.advance(1, PAGE_FILE)
    if jsonld:
        store.serialize_jsonld(folder / JSONLD_FILE)
        progress.advance(1, JSONLD_FILE)


def _outputs(out_dir: Path, jsonld: bool) -> tuple[str, ...]:
    """The files a build writes: graph.jsonld once asked for is kept up to date too."""
    wanted = jsonld or (out_dir / JSONLD_FILE).exists()
    return (TURTLE_FILE, TRIG_FILE, PAGE_FILE) + ((JSONLD_FILE,) if wanted else ())


def _page_in(page: Path, lang: str) -> bool:
    """Whether the page is in ``lang``: a build asked for another language redraws it
    even when there is nothing new to read."""
    with page.open("rb") as file:
        opening = file.read(200).decode("utf-8", errors="replace")
    return f'<html lang="{page_words(lang)["html_lang"]}">' in opening


def _replace_ontology(store: OxigraphStore) -> None:
    store.clear_graph(ONTOLOGY_IRI)
    store.add_graph(ONTOLOGY_IRI, load_ontology())


def build(
    paths: Sequence[str | Path],
    out_dir: Path,
    records: Records,
    *,
    jsonld: bool = False,
    on_problem: Callable[[InputProblem], None] = lambda problem: None,
    lang: str = "zh",
    progress: Progress | None = None,
) -> BuildReport:
    """Add the articles of ``paths`` to the graph in ``out_dir``: new and changed files
    are read (by ``records``), unchanged ones skipped, others already there kept.
    Reading and loading, then drawing the files, are stages of ``progress``."""
    progress = progress if progress is not None else Progress("kg build", quiet=True)
    report = BuildReport()
    with _locked(out_dir):
        previous = current_store_path(out_dir)
        previous_store = OxigraphStore(previous, read_only=True) if previous else None
        stored = _stored_names(stored_articles(previous_store)) if previous_store else {}
        to_read: dict[str, tuple[Path, str]] = {}  # path as the pipeline names it → (file, source)
        hashes: dict[str, str] = {}
        for item in input_files(paths):
            if isinstance(item, InputProblem):
                report.problems.append(item)
                on_problem(item)
                continue
            source = source_name(item)
            hashes[source] = file_hash(item)
            if source in stored and stored[source][0] == hashes[source]:
                report.unchanged.append(source)
            elif str(item) not in to_read:
                to_read[str(item)] = (item, source)
        up_to_date = (
            previous_store is not None
            and all((out_dir / name).exists() for name in _outputs(out_dir, jsonld))
            and _page_in(out_dir / PAGE_FILE, lang)
            and not previous_store.outdated()
        )
        del previous_store  # the new generation copies the store: no reader left open
        if not to_read and up_to_date:
            return report

        with _Generation(out_dir) as generation:
            replaced: set[str] = set()
            files = [file for file, _ in to_read.values()]
            progress.start(len(files), stage="loading", unit="file")
            met: set[str] = set()  # files whose records or problems came
            # The new generation is thrown away if the build stops: loaded in bulk.
            loader = ArticleLoader(generation.store)
            for record in records(files) if files else ():
                given = record.source if isinstance(record, InputProblem) else record["source"]
                if given not in met and given in to_read:
                    met.add(given)
                    progress.advance(1, f"{report.articles:,} articles")
                if isinstance(record, InputProblem):
                    report.problems.append(record)
                    on_problem(record)
                    continue
                _, source = to_read[record["source"]]
                if source not in replaced:
                    for graph in stored.get(source, ("", []))[1]:
                        generation.store.remove_article(URIRef(graph))
                    replaced.add(source)
                    report.added.append(source)
                loader.add(
                    article_iri(source, record["index"]),
                    article_triples(record, source, hashes[source]),
                )
                report.articles += 1
            loader.flush()
            if not report.articles and (previous is None or up_to_date):
                return report  # nothing was read: what is there stays as it is
            generation.write_outputs(jsonld, lang, progress)
            generation.commit()
    return report


def remove(
    sources: Sequence[str], out_dir: Path, *, jsonld: bool = False, lang: str = "zh"
) -> list[str]:
    """Remove every article read from each of ``sources`` (file paths as given to
    ``build``, or article IRIs); returns the sources removed."""
    with _locked(out_dir):
        previous = current_store_path(out_dir)
        if previous is None:
            raise BuildError(f"{out_dir}: no graph built here yet (run `kg build`)")
        stored = _stored_names(stored_articles(OxigraphStore(previous, read_only=True)))
        articles = {g for _, graphs in stored.values() for g in graphs}
        targets: dict[str, list[str]] = {}
        for given in sources:
            name = source_name(Path(given))
            if name in stored:
                targets[name] = stored[name][1]
            elif given in articles:
                targets[given] = [given]
            else:
                raise BuildError(f"{given}: no article from this source in {out_dir}")
        with _Generation(out_dir) as generation:
            for graphs in targets.values():
                for graph in graphs:
                    generation.store.remove_article(URIRef(graph))
            generation.write_outputs(jsonld, lang)
            generation.commit()
    return list(targets)
