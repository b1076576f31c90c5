"""Resumable batch runs: a corpus cut into shards whose records are kept in a run folder.

A run folder holds

* ``manifest.json``: the folder the run was made in (its base), the inputs (path as
  first given, size, modification time, SHA-256) and the shards they are cut into,
  rewritten only when the listing changes;
* ``done.jsonl``: one line per finished shard (its digest, articles, characters,
  problems), appended as each one finishes;
* ``shards/NNNNNN.jsonl.gz``: a finished shard's records as gzip JSON Lines, in input
  order, written whole under a temporary name and then renamed into place.

Running again lists the inputs anew. A shard is done when its line in ``done.jsonl``
carries the digest of its files' current contents and of the options that shape records,
so a changed file's shard is redone and every other finished shard is skipped. Files
keep the shard they were first put in; new files go into new shards after the others.

A file keeps the name it was first given by (relative to the base, or absolute) in the
run, in its shard's records and digest, wherever the run is taken up from: a file
listed from another folder is known by where it is, read from there, and given back to
the caller under the name it was listed by this time.

Who extracts is the caller's choice (``run_shards`` takes the function): this process
(``local_extract``), or the workers of a Dask cluster (``kg.cluster``). Either way only
this process writes the run folder, once per shard.
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import io
import json
import os
import secrets
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kg.article import Article, InputProblem
from kg.errors import KgError
from kg.ingest import input_files
from kg.progress import Progress
from kg.record import ArticleRecord
from kg.resources.cache import sha256_file

MANIFEST = "manifest.json"
JOURNAL = "done.jsonl"
LOCK = ".lock"
SHARDS = "shards"
FORMAT = 1
DEFAULT_SHARD_BYTES = 1_000_000


@dataclass(frozen=True)
class InputFile:
    path: str
    size: int
    mtime_ns: int
    sha256: str


@dataclass(frozen=True)
class Shard:
    id: int
    files: tuple[InputFile, ...]
    digest: str
    base: str
    """The absolute folder the files' paths are relative to: the run's base."""

    @property
    def paths(self) -> list[str]:
        return [file.path for file in self.files]

    @property
    def bytes(self) -> int:
        return sum(file.size for file in self.files)

    @property
    def name(self) -> str:
        return f"{self.id:06d}.jsonl.gz"


@dataclass(frozen=True)
class ShardResult:
    """What extracting a shard gave: its records as gzip JSON Lines (made where the work
    was done, so that a cluster sends back compressed bytes), and its counts."""

    data: bytes
    articles: int
    chars: int
    problems: tuple[InputProblem, ...]


Extract = Callable[[Sequence[Shard]], Iterator[tuple[Shard, ShardResult]]]
"""Takes the shards to do and yields each with its result as it finishes, in any order."""


@dataclass
class RunReport:
    folder: Path
    shards: int
    skipped: int = 0
    done: int = 0
    articles: int = 0
    chars: int = 0
    seconds: float = 0.0
    problems: list[InputProblem] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    """Files by their name in the run, as this call's paths named them (where they differ)."""

    @property
    def complete(self) -> bool:
        return self.skipped + self.done == self.shards


class Run:
    """A run folder's plan (its shards) and which of them are done; its files given back
    under ``names`` (a file's name in the run → the caller's) where those differ."""

    def __init__(
        self,
        folder: Path,
        base: str,
        shards: list[Shard],
        done: dict[int, dict[str, Any]],
        names: Mapping[str, str] | None = None,
    ):
        self.folder = folder
        self.base = base
        self.shards = shards
        self._done = done
        self.names = dict(names or {})

    @classmethod
    def plan(
        cls,
        folder: Path,
        paths: Sequence[str | Path],
        *,
        shard_bytes: int,
        options: Mapping[str, Any],
    ) -> tuple[Run, list[InputProblem]]:
        """The run of ``paths`` in ``folder`` (made, or taken up where it was left), and
        the problems met listing the inputs."""
        if shard_bytes <= 0:
            raise KgError(f"shard size {shard_bytes} bytes: must be above 0")
        recorded, previous = _read_manifest(folder)
        here = os.getcwd()
        base = recorded or here
        known = {_location(base, file.path): file for shard in previous for file in shard.files}
        problems: list[InputProblem] = []
        current: dict[str, InputFile] = {}
        names: dict[str, str] = {}
        for item in input_files(paths):
            if isinstance(item, InputProblem):
                problems.append(item)
                continue
            location = _location(here, str(item))
            file = known.get(location)
            if file is not None:
                name = file.path
            elif here == base or item.is_absolute():
                name = str(item)
            else:  # a file new to a run made elsewhere: named from the run's base
                name = os.path.relpath(location, base)
            described = _described(item, name, file)
            if isinstance(described, InputProblem):
                problems.append(described)
                continue
            current.setdefault(name, described)
            if str(item) != name:
                names.setdefault(name, str(item))
        shards = _shards(previous, current, shard_bytes, options, base)
        run = cls(folder, base, shards, {}, names)
        if shards != previous or recorded is None:
            run._write_manifest(shard_bytes)
        run._done = run._read_journal()
        run._sweep()
        return run, problems

    @classmethod
    def open(cls, folder: Path, names: Mapping[str, str] | None = None) -> Run:
        """The run in ``folder`` as last planned, to read; its files given back under
        ``names`` (a RunReport's), by default under their names in the run."""
        if not (folder / MANIFEST).is_file():
            raise KgError(f"{folder}: not a kg run folder (no {MANIFEST} in it)")
        recorded, shards = _read_manifest(folder)
        run = cls(folder, recorded or os.getcwd(), shards, {}, names)
        run._done = run._read_journal()
        return run

    @property
    def pending(self) -> list[Shard]:
        return [shard for shard in self.shards if not self.is_done(shard)]

    def is_done(self, shard: Shard) -> bool:
        entry = self._done.get(shard.id)
        return (
            entry is not None
            and entry["digest"] == shard.digest
            and (self.folder / SHARDS / shard.name).exists()
        )

    def complete(self, shard: Shard, result: ShardResult) -> None:
        """Keep a finished shard: its records first (whole, under their final name only
        once written), then its line in the journal, which is what makes it done."""
        _write_atomically(self.folder / SHARDS / shard.name, result.data)
        entry = {
            "id": shard.id,
            "digest": shard.digest,
            "articles": result.articles,
            "chars": result.chars,
            "problems": [[p.source, p.message, p.warning] for p in result.problems],
        }
        with (self.folder / JOURNAL).open("a", encoding="utf-8") as journal:
            journal.write(json.dumps(entry, ensure_ascii=False) + "\n")
            journal.flush()
            os.fsync(journal.fileno())
        self._done[shard.id] = entry

    def counts(self, shard: Shard) -> tuple[int, int]:
        """(articles, characters) of a done shard."""
        entry = self._done[shard.id]
        return entry["articles"], entry["chars"]

    def problems(self, shard: Shard) -> list[InputProblem]:
        """The input problems a done shard met."""
        return [InputProblem(*problem) for problem in self._done[shard.id]["problems"]]

    def records(self) -> Iterator[ArticleRecord]:
        """The records of the done shards, in input order (what ``kg extract`` of the
        same inputs gives, without the problems)."""
        for item in self.items():
            if not isinstance(item, InputProblem):
                yield item

    def items(
        self, files: Collection[str | Path] | None = None
    ) -> Iterator[ArticleRecord | InputProblem]:
        """The problems and records of the done shards, shard by shard in input order, of
        ``files`` only if given (as the paths were listed), each under the name its file
        was listed by (``names``). The boundary a graph build (kg.graph.build's
        ``records``) reads a run through."""
        wanted = None if files is None else {str(file) for file in files}
        for shard in self.shards:
            given = {path: self.names.get(path, path) for path in shard.paths}
            if not self.is_done(shard) or (
                wanted is not None and wanted.isdisjoint(given.values())
            ):
                continue
            for problem in self.problems(shard):
                source = given.get(problem.source, problem.source)
                if wanted is None or source in wanted:
                    yield replace(problem, source=source)
            for record in self.shard_records(shard):
                source = given.get(record["source"], record["source"])
                if wanted is None or source in wanted:
                    yield record | {"source": source}

    def shard_records(self, shard: Shard) -> Iterator[ArticleRecord]:
        """The records of a done shard, in input order."""
        with gzip.open(self.folder / SHARDS / shard.name, "rt", encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)

    def _write_manifest(self, shard_bytes: int) -> None:
        manifest = {
            "kg_run": FORMAT,
            "base": self.base,
            "shard_bytes": shard_bytes,
            "shards": [
                {
                    "id": shard.id,
                    "digest": shard.digest,
                    "files": [
                        {"path": f.path, "size": f.size, "mtime_ns": f.mtime_ns, "sha256": f.sha256}
                        for f in shard.files
                    ],
                }
                for shard in self.shards
            ],
        }
        data = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
        _write_atomically(self.folder / MANIFEST, data.encode("utf-8"))

    def _read_journal(self) -> dict[int, dict[str, Any]]:
        """The last line of each shard in the journal. A line cut short by a kill is cut
        off, so that the next line appended starts on a line of its own."""
        path = self.folder / JOURNAL
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return {}
        whole = data[: data.rfind(b"\n") + 1]
        if len(whole) != len(data):
            with path.open("r+b") as journal:
                journal.truncate(len(whole))
        done: dict[int, dict[str, Any]] = {}
        for number, line in enumerate(whole.decode("utf-8").splitlines(), 1):
            try:
                entry = json.loads(line)
                done[int(entry["id"])] = entry
            except (ValueError, KeyError, TypeError):
                raise KgError(f"{path}, line {number}: not a line of a kg run journal") from None
        return done

    def _sweep(self) -> None:
        """Remove the records of shards no longer in the plan, and files a kill left
        half-written."""
        folder = self.folder / SHARDS
        keep = {shard.name for shard in self.shards}
        if folder.is_dir():
            for path in folder.iterdir():
                if path.name not in keep:
                    path.unlink()


def _location(folder: str, path: str) -> str:
    """Where ``path`` (relative to ``folder``, or absolute) is: how a file is known
    whatever folder it is listed from."""
    return os.path.normpath(os.path.join(folder, path))


def _described(path: Path, name: str, known: InputFile | None) -> InputFile | InputProblem:
    """``path``, named ``name`` in the run, with its size and SHA-256; the sum is taken
    again only when the size or the modification time changed (as make and rsync judge)."""
    try:
        stat = path.stat()
        if known is not None and (known.size, known.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            return known
        return InputFile(name, stat.st_size, stat.st_mtime_ns, sha256_file(path))
    except OSError as error:
        return InputProblem(str(path), f"cannot read file ({error.strerror or error})")


def _shards(
    previous: list[Shard],
    current: dict[str, InputFile],
    shard_bytes: int,
    options: Mapping[str, Any],
    base: str,
) -> list[Shard]:
    """Files stay in the shard they were put in (less those gone); files new to the run
    are cut into new shards of up to ``shard_bytes`` (a larger file is one shard)."""
    placed: set[str] = set()
    groups: list[tuple[int, list[InputFile]]] = []
    for shard in previous:
        members = [current[path] for path in shard.paths if path in current]
        placed.update(file.path for file in members)
        if members:
            groups.append((shard.id, members))
    next_id = max((shard.id for shard in previous), default=-1) + 1
    group: list[InputFile] = []
    for file in current.values():
        if file.path in placed:
            continue
        if group and sum(f.size for f in group) + file.size > shard_bytes:
            groups.append((next_id, group))
            next_id, group = next_id + 1, []
        group.append(file)
    if group:
        groups.append((next_id, group))
    return [Shard(id, tuple(files), _digest(files, options), base) for id, files in groups]


def _digest(files: Iterable[InputFile], options: Mapping[str, Any]) -> str:
    """What a shard's records depend on: its files' paths and contents, and the options."""
    key = [dict(sorted(options.items())), [[f.path, f.sha256] for f in files]]
    return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()


def _read_manifest(folder: Path) -> tuple[str | None, list[Shard]]:
    """The run's base folder as recorded (None: no manifest yet, or one written before
    runs kept it), and its shards.

    A manifest without a base was made by a kg that named files from the working folder
    and could only be used from the folder the run was made in: it is read as made in
    the working folder, and gets that base when next written. Refusing it would mean
    extracting the whole run again; taken up from elsewhere, its files are not found
    where it says (each is then a new file, extracted again), which is all that can
    go wrong."""
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, []
    except (OSError, ValueError) as error:
        raise KgError(f"{path}: not a kg run manifest ({error})") from None
    try:
        if manifest["kg_run"] != FORMAT:
            raise KgError(f"{path}: a run of format {manifest['kg_run']}, this kg reads {FORMAT}")
        recorded = manifest.get("base")
        if recorded is not None and not (isinstance(recorded, str) and os.path.isabs(recorded)):
            raise ValueError("absolute base folder")
        base = recorded or os.getcwd()
        return recorded, [
            Shard(
                int(shard["id"]),
                tuple(
                    InputFile(f["path"], int(f["size"]), int(f["mtime_ns"]), f["sha256"])
                    for f in shard["files"]
                ),
                shard["digest"],
                base,
            )
            for shard in manifest["shards"]
        ]
    except (KeyError, TypeError, ValueError) as error:
        raise KgError(f"{path}: not a kg run manifest (no {error})") from None


def _write_atomically(target: Path, data: bytes) -> None:
    """``data`` as ``target``, whole or not at all: written and synced under a fresh
    hidden name beside it, then renamed (readable as any file is, by the umask)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        descriptor = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


Produce = Callable[..., Iterable[ArticleRecord | InputProblem]]
"""``produce(paths, pipeline, on_article=told)``: the records and input problems of the
files ``paths`` in input order, telling ``told`` of every article read; kg.pipeline.run
with its options bound. Given by the caller, so that this module, which keeps runs, does
not run the pipeline itself."""


def extract_shard(
    paths: Sequence[str], pipeline: Any, produce: Produce, base: str = ""
) -> ShardResult:
    """The records of the articles in ``paths`` as gzip JSON Lines, with their counts:
    the files read from ``base`` (by default the working folder), named by ``paths``."""
    located = {str(Path(base, path)): path for path in paths}
    chars = 0

    def seen(article: Article) -> None:
        nonlocal chars
        chars += len(article.text)

    problems: list[InputProblem] = []
    articles = 0
    buffer = io.BytesIO()
    # mtime=0: the same records give the same bytes, run after run. Level 1: records are
    # some six times the bytes of their input, and at level 6 compressing them took 2%
    # of the extraction's time (1% at level 1, for files a third larger).
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=1, mtime=0) as out:
        for item in produce(list(located), pipeline, on_article=seen):
            if isinstance(item, InputProblem):
                problems.append(replace(item, source=located.get(item.source, item.source)))
            else:
                item["source"] = located.get(item["source"], item["source"])
                out.write(json.dumps(item, ensure_ascii=False).encode("utf-8") + b"\n")
                articles += 1
    return ShardResult(buffer.getvalue(), articles, chars, tuple(problems))


def local_extract(load: Callable[[], Any], produce: Produce) -> Extract:
    """Shards extracted in this process (and the worker processes ``produce`` may fork);
    the pipeline is loaded by ``load`` only when some shard is left to do."""

    def extract(shards: Sequence[Shard]) -> Iterator[tuple[Shard, ShardResult]]:
        pipeline = load()
        for shard in shards:
            yield shard, extract_shard(shard.paths, pipeline, produce, shard.base)

    return extract


def summary(report: RunReport) -> str:
    errors = sum(not problem.warning for problem in report.problems)
    rate = report.chars / report.seconds if report.seconds else 0.0
    state = "complete" if report.complete else "stopped"
    return (
        f"run {report.folder} {state}: {report.shards} shard(s), {report.skipped} done "
        f"before, {report.done} now ({report.articles:,} articles, {report.chars:,} chars "
        f"in {report.seconds:.1f} s, {rate:,.0f} chars/s), {errors} problem(s)"
    )


def run_shards(
    folder: Path,
    paths: Sequence[str | Path],
    extract: Extract,
    *,
    shard_bytes: int = DEFAULT_SHARD_BYTES,
    options: Mapping[str, Any],
    progress: Progress | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
    final_line: bool = True,
) -> RunReport:
    """Extract the shards of ``paths`` not yet done in the run ``folder``, keeping each
    as it finishes; a run stopped at any point is taken up by calling again.

    ``options`` are whatever else shapes the records (the pipeline's settings): a
    change in them redoes every shard. Problems are given to ``on_problem`` as they
    come (those of shards done before first; by default told through ``progress``) and
    listed in the report. ``progress`` ends with the run's summary; with ``final_line``
    False only if the run stopped (the caller tells the rest in a line of its own).
    """
    progress = progress if progress is not None else Progress("kg run", quiet=True)
    if on_problem is None:
        on_problem = lambda problem: progress.tell(f"kg: {problem}")  # noqa: E731
    with _locked(folder):
        report = RunReport(folder, 0)
        _run_shards(report, paths, extract, shard_bytes, options, progress, on_problem, final_line)
        return report


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """The run folder to this process alone: two at once would do shards twice."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / LOCK).open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise KgError(f"{folder}: another kg process is working on this run") from None
        yield


def _run_shards(
    report: RunReport,
    paths: Sequence[str | Path],
    extract: Extract,
    shard_bytes: int,
    options: Mapping[str, Any],
    progress: Progress,
    on_problem: Callable[[InputProblem], None],
    final_line: bool,
) -> None:
    run, problems = Run.plan(report.folder, paths, shard_bytes=shard_bytes, options=options)
    report.shards = len(run.shards)
    report.names = run.names
    report.problems.extend(problems)
    for problem in problems:
        on_problem(problem)
    pending = run.pending
    for shard in run.shards:
        if run.is_done(shard):
            report.skipped += 1
            for problem in run.problems(shard):
                report.problems.append(problem)
                on_problem(problem)
    progress.start(sum(shard.bytes for shard in pending), stage="shards")
    started = time.perf_counter()
    try:
        if pending:
            for shard, result in extract(pending):
                run.complete(shard, result)
                report.done += 1
                report.articles += result.articles
                report.chars += result.chars
                report.problems.extend(result.problems)
                for problem in result.problems:
                    on_problem(problem)
                rate = report.chars / max(time.perf_counter() - started, 1e-9)
                status = f"{report.articles:,} articles, {rate:,.0f} chars/s"
                progress.advance(shard.bytes, status)
    finally:
        report.seconds = time.perf_counter() - started
        progress.finish(summary(report) if final_line or not report.complete else None)


def run_records(folder: Path) -> Iterator[ArticleRecord]:
    """The records of a run folder as last planned (its done shards, in input order):
    what a graph build or a push of the run reads."""
    return Run.open(folder).records()
