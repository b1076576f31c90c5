"""The ``kg`` command."""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.article import InputProblem
from kg.errors import KgError, did_you_mean

if TYPE_CHECKING:
    import networkx as nx

    from kg.graph.push import ArticleGraph
    from kg.pipeline import Extractor
    from kg.progress import Progress
    from kg.record import ArticleRecord
    from kg.runs import RunReport, Shard

DEFAULT_MAX_FILE_MB = 20
QUERY_FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "nt")
EXPORT_FORMATS = ("graphml", "gexf", "csv")  # kg.export.FORMATS, without importing networkx
LANGUAGES = ("zh", "en")  # those of kg/report/words.toml and kg/page/words.toml


class Failure(KgError):
    """A one-line error in the command line's own arguments."""


_CHOICE = re.compile(r"invalid choice: '(.*)' \(choose from (.*)\)")


class _Parser(argparse.ArgumentParser):
    """argparse with a "did you mean" for a misspelt command, choice or option (Python
    3.14's suggest_on_error, for the versions before it)."""

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        # Each command's parser refuses an option it does not know, knowing its own
        # options, instead of handing it back to `kg`'s, which could only list it.
        namespace, extras = super().parse_known_args(args, namespace)
        unknown = [extra for extra in extras if extra.startswith("-")]
        if extras:
            options = [o for action in self._actions for o in action.option_strings]
            hint = did_you_mean(unknown[0].partition("=")[0], options) if unknown else ""
            self.error(f"unrecognized arguments: {' '.join(extras)}{hint}")
        return namespace, extras

    def error(self, message: str) -> Any:
        choice = _CHOICE.search(message)
        if choice:
            message += did_you_mean(choice.group(1), re.findall(r"'([^']*)'", choice.group(2)))
        return super().error(message)


def _pipeline_overrides(args: argparse.Namespace) -> dict[str, Any]:
    overrides: dict[str, Any] = {"nlp.tokenizer.segmenter": args.segmenter}
    if args.home_region is not None:
        overrides["components.kg_divisions.home_region"] = args.home_region
    return overrides


def _load_extractor(args: argparse.Namespace) -> Extractor:
    from kg.pipeline import Extractor

    return Extractor(_pipeline_overrides(args))


def _records(
    extractor: Extractor, args: argparse.Namespace, paths: Sequence[str], problems: list[str]
) -> Iterator[ArticleRecord]:
    """Records as they are made (so output streams in bounded memory); problems are
    reported on stderr as they come and collected in ``problems``."""
    from kg.pipeline import run

    for item in run(paths, extractor, jobs=args.jobs, **_read_options(args)):
        if isinstance(item, InputProblem):
            if not item.warning:
                problems.append(str(item))
            _report_problem(item)
        else:
            yield item


def _read_options(args: argparse.Namespace) -> dict[str, Any]:
    return {"max_file_bytes": int(args.max_file_size * 1_000_000), "ocr": args.ocr}


def _report_problem(problem: InputProblem) -> None:
    print(f"kg: {problem}", file=sys.stderr)


def cmd_setup(args: argparse.Namespace) -> int:
    from kg.resources import setup

    setup(lambda message: print(f"kg setup: {message}", file=sys.stderr))
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from kg.record import write_json, write_jsonl
    from kg.resources.cache import atomic_file

    problems: list[str] = []
    if args.run_dir:
        records = _run_records(args, problems)
    elif args.scheduler:
        raise Failure("--scheduler goes with --run DIR (the shards are kept there)")
    else:
        records = _records(_load_extractor(args), args, args.paths, problems)
    writer = write_json if args.format == "json" else write_jsonl
    if args.output:
        with atomic_file(Path(args.output)) as out:
            writer(records, out)
    elif args.format == "json":
        # One document: held back (on disk, not in memory) until it is whole, so that a
        # run stopped half-way prints nothing rather than the start of one.
        with tempfile.TemporaryFile("w+", encoding="utf-8") as held:
            writer(records, held)
            held.seek(0)
            shutil.copyfileobj(held, sys.stdout)
    else:
        writer(records, sys.stdout)  # JSON Lines: whole lines as they come
    return 1 if problems else 0


def _run_records(args: argparse.Namespace, problems: list[str]) -> Iterator[dict[str, Any]]:
    """kg extract --run DIR: the shards of the run not yet done are extracted (here, or on
    the Dask cluster of --scheduler) and kept in DIR; then the records of the whole run."""
    from kg.progress import Progress
    from kg.runs import Run

    report = _bring_run_up_to_date(args, args.paths, Progress("kg extract", quiet=args.quiet))
    problems.extend(str(problem) for problem in report.problems if not problem.warning)
    # Named as the paths given name them, as without --run, wherever the run was made.
    yield from Run.open(Path(args.run_dir), report.names).records()


def _bring_run_up_to_date(
    args: argparse.Namespace,
    paths: Sequence[str | Path],
    progress: Progress,
    on_problem: Callable[[InputProblem], None] | None = None,
    final_line: bool = True,
) -> RunReport:
    """The shards of the run --run DIR of ``paths`` not yet done extracted (here, or on
    the Dask cluster of --scheduler) and kept in DIR."""
    from kg.pipeline import Extractor, run
    from kg.runs import local_extract, run_shards

    scheduler = args.scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS")
    if args.shard_size <= 0:
        raise Failure(f"--shard-size {args.shard_size}: must be above 0")
    overrides = _pipeline_overrides(args)
    folder = Path(args.run_dir)
    shards = dict(
        shard_bytes=int(args.shard_size * 1_000_000),
        options=overrides | _read_options(args),
        progress=progress,
        on_problem=on_problem,
        final_line=final_line,
    )
    if scheduler:
        from kg.cluster import connect, dask_extract

        with connect(scheduler) as client:
            load = partial(Extractor, overrides)
            produce = partial(run, **_read_options(args))
            key = json.dumps(sorted(overrides.items()), ensure_ascii=False)
            return run_shards(folder, paths, dask_extract(client, load, produce, key), **shards)
    produce = partial(run, jobs=args.jobs, **_read_options(args))
    extract = local_extract(lambda: _load_extractor(args), produce)
    return run_shards(folder, paths, extract, **shards)


def cmd_eval(args: argparse.Namespace) -> int:
    from kg.evaluate import evaluate, format_report, load_gold, parse_document

    gold = load_gold(Path(args.gold))
    if isinstance(gold, InputProblem):
        raise Failure(str(gold))
    sources = sorted({str(article.source) for article in gold.articles})
    problems: list[str] = []
    records = list(_records(_load_extractor(args), args, sources, problems))
    predicted = parse_document({"articles": records}, "the extraction")
    if isinstance(predicted, InputProblem):
        raise Failure(str(predicted))
    report = evaluate(gold, predicted)
    print(format_report(report))
    below = []
    if args.min_entity_f1 is not None and report.entities.f1 < args.min_entity_f1:
        below.append(f"entity F1 {report.entities.f1:.3f} < {args.min_entity_f1}")
    if args.min_triple_f1 is not None and report.triples.f1 < args.min_triple_f1:
        below.append(f"triple F1 {report.triples.f1:.3f} < {args.min_triple_f1}")
    for line in below:
        print(f"kg eval: below the bar: {line}", file=sys.stderr)
    return 1 if below or problems else 0


DEMO_CORPUS = Path(__file__).resolve().parents[1] / "examples" / "articles"
DEFAULT_OUTPUT = Path("output")


def cmd_build(args: argparse.Namespace) -> int:
    from kg.folder import build
    from kg.graph.store import current_store_path
    from kg.pipeline import run
    from kg.progress import Progress

    def records(files: Sequence[Path]) -> Iterator[ArticleRecord | InputProblem]:
        # The model loads only when some file is new or changed.
        extractor = _load_extractor(args)
        yield from run(files, extractor, jobs=args.jobs, **_read_options(args))

    if not args.paths and not DEMO_CORPUS.is_dir():
        # An installed kg has no examples/: the demo corpus comes with the source checkout.
        raise Failure("no files or folders given: pass some, e.g. `kg build ARTICLES_DIR`")
    paths = args.paths or [DEMO_CORPUS]
    out_dir = _output_folder(args)
    missing = [str(path) for path in paths if not Path(path).exists()]
    if len(missing) == len(paths):
        raise Failure(f"no such file or folder: {', '.join(missing)} (nothing built)")
    progress = Progress("kg build", quiet=args.quiet)
    run_line = ""
    if args.run_dir:
        records, run_line = _records_of_run(args, paths, progress)
    elif args.scheduler:
        raise Failure("--scheduler goes with --run DIR (the shards are kept there)")
    report = build(
        paths,
        out_dir,
        records,
        jsonld=args.jsonld,
        on_problem=lambda problem: progress.tell(f"kg: {problem}"),
        lang=args.lang,
        progress=progress,
    )
    errors = [problem for problem in report.problems if not problem.warning]
    warnings = len(report.problems) - len(errors)
    progress.finish(
        run_line + f"{len(report.added)} file(s) read ({report.articles} articles), "
        f"{len(report.unchanged)} unchanged, {len(errors)} problem(s)"
        + (f", {warnings} warning(s)" if warnings else "")
        + (_graph_totals(out_dir) if current_store_path(out_dir) else "; no graph written"),
    )
    return 1 if errors else 0


def _records_of_run(
    args: argparse.Namespace, paths: Sequence[str | Path], progress: Progress
) -> tuple[Callable[[Sequence[Path]], Iterator[ArticleRecord | InputProblem]], str]:
    """kg build --run DIR: the run of ``paths`` brought up to date, and what the build
    reads the new and changed files through (their records from the run's shards), with
    the run's part of the final line. The build tells the problems, as without a run."""
    from kg.runs import Run, summary

    # The run's summary goes into the build's line.
    report = _bring_run_up_to_date(args, paths, progress, lambda problem: None, final_line=False)
    if not report.complete:
        raise Failure(f"{summary(report)}: run the same command again to finish it")
    run = Run.open(Path(args.run_dir), report.names)
    done = f"{report.skipped} done before, {report.done} now"
    return run.items, f"run {args.run_dir}: {report.shards} shard(s), {done}; "


def _graph_totals(out_dir: Path) -> str:
    """What the graph holds, counted as the page, the report and the named queries count:
    a relation that several articles state is one relation (one edge, its evidence from
    each of them)."""
    graph = _network(out_dir)
    return (
        f"; graph in {out_dir}: {len(graph.graph['articles'])} articles, "
        f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} relations"
    )


def _output_folder(args: argparse.Namespace) -> Path:
    """The folder ``-o`` names, refused in one line when it is a file."""
    out_dir = Path(args.output)
    if out_dir.exists() and not out_dir.is_dir():
        raise Failure(f"-o {out_dir}: a file, not a folder (-o names the graph's folder)")
    return out_dir


def cmd_remove(args: argparse.Namespace) -> int:
    from kg.folder import remove

    removed = remove(args.sources, _output_folder(args), jsonld=args.jsonld, lang=args.lang)
    for source in removed:
        print(f"kg remove: removed {source}", file=sys.stderr)
    return 0


def _network(out_dir: Path) -> nx.MultiDiGraph:
    """The networkx view of the graph built in ``out_dir`` (kg.graph.network)."""
    from kg.graph.network import to_networkx
    from kg.graph.store import OxigraphStore

    return to_networkx(OxigraphStore(_store_path(out_dir), read_only=True))


def _store_path(out_dir: Path) -> Path:
    from kg.graph.store import current_store_path

    path = current_store_path(out_dir)
    if path is None:
        raise Failure(f"{out_dir}: no graph built here yet (run `kg build -o {out_dir}`)")
    return path


def cmd_report(args: argparse.Namespace) -> int:
    from kg.page.data import page_words
    from kg.report import render_report
    from kg.report.content import load_words
    from kg.resources.cache import atomic_file

    out_dir = Path(args.output)
    graph = _network(out_dir)
    page = page_words(args.lang)["graph_title"]
    title = load_words(args.lang).text["title"].format(page=page, folder=out_dir)
    html, markdown = render_report(
        graph,
        title=title,
        warn=lambda message: print(f"kg report: warning: {message}", file=sys.stderr),
        lang=args.lang,
    )
    for name, text in (("report.html", html), ("report.md", markdown)):
        with atomic_file(out_dir / name) as out:
            out.write(text)
    print(f"kg report: wrote report.html and report.md in {out_dir}", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kg import export
    from kg.resources.cache import atomic_file

    out_dir = Path(args.output)
    graph = _network(out_dir)
    names = []
    for fmt in [args.format] if args.format else export.FORMATS:
        for name, write in export.file_writers(graph, fmt).items():
            with atomic_file(out_dir / name) as out:
                write(out)
            names.append(name)
    print(f"kg export: wrote {', '.join(names)} in {out_dir}", file=sys.stderr)
    return 0


def _parse_params(pairs: Sequence[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name:
            raise Failure(f"--param {pair!r}: expected NAME=VALUE")
        params[name] = value
    return params


def cmd_query(args: argparse.Namespace) -> int:
    from kg.graph.query import check_names, in_child, named_queries, run_query
    from kg.graph.results import GRAPH_FORMATS, SELECT_FORMATS, WRITTEN_FORMATS, format_result
    from kg.graph.store import is_update

    queries = named_queries()
    if args.list:
        for query in queries.values():
            params = "".join(f" --param {p.name}=…" for p in query.params)
            print(f"{query.name}{params}\n    {query.title}")
        return 0
    if (args.sparql is None) == (args.name is None):
        raise Failure("give either a SPARQL query or --name NAME (see --list)")
    params = _parse_params(args.param)
    if args.name is not None:
        if args.name not in queries:
            raise Failure(
                f"no named query {args.name!r}{did_you_mean(args.name, queries)}; "
                f"known: {', '.join(queries)}"
            )
        sparql, bindings = queries[args.name].text, queries[args.name].bindings(params)
    else:
        if params:
            raise Failure("--param goes with --name")
        sparql, bindings = args.sparql, None
        if is_update(sparql):
            raise Failure(
                "SPARQL updates are refused: kg query only reads the graph "
                "(it changes through kg build and kg remove)"
            )
    store = _store_path(Path(args.output))
    if args.format in WRITTEN_FORMATS:
        # Oxigraph writes the answer; whether it is empty is not known here.
        check_names(store, bindings or {}, timeout=args.timeout)
        formats = {"solutions": args.format, "graph": None}
        written = in_child(
            store, lambda s: s.write(sparql, formats.get, bindings), timeout=args.timeout
        )
        if written.fmt is None:
            raise Failure(
                f"--format {args.format}: a CONSTRUCT or DESCRIBE query answers with "
                "triples, which are written as turtle or nt (or a table: turtle)"
            )
        text = written.body.decode("utf-8")
    else:
        result = run_query(store, sparql, bindings, timeout=args.timeout)
        if args.format in GRAPH_FORMATS and result.kind != "graph":
            raise Failure(
                f"--format {args.format}: "
                + (
                    "a SELECT query answers with rows"
                    if result.kind == "select"
                    else "an ASK query answers with yes or no"
                )
                + f", not triples; "
                f"use {', '.join(SELECT_FORMATS)} (turtle and nt are for CONSTRUCT and DESCRIBE)"
            )
        if result.kind == "select" and not result.rows:
            # Nothing found: say so if it is because no entity has the name given.
            check_names(store, bindings or {}, timeout=args.timeout)
        text = format_result(result, args.format)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def cmd_view(args: argparse.Namespace) -> int:
    from kg.page import NoSuchEntity, find_entity, graph_page, neighbourhood, page_file_name
    from kg.page.data import page_words
    from kg.resources.cache import atomic_file

    if args.depth < 0:
        raise Failure(f"--depth {args.depth}: must be 0 or more")
    out_dir = Path(args.output)
    graph = _network(out_dir)
    try:
        centre = find_entity(graph, args.entity)
    except NoSuchEntity as error:
        raise Failure(f"{out_dir}: {error}") from None
    name = graph.nodes[centre]["name"]
    around = neighbourhood(graph, centre, args.depth)
    target = Path(args.out) if args.out else out_dir / page_file_name(name)
    title = page_words(args.lang)["view_title"].format(name=name, depth=args.depth)
    page = graph_page(around, title=title, focus=centre, lang=args.lang)
    with atomic_file(target) as out:
        out.write(page)
    print(
        f"kg view: {around.number_of_nodes()} entities, {around.number_of_edges()} relations "
        f"in {target}",
        file=sys.stderr,
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.graph.server import SparqlServer
    from kg.graph.store import OxigraphStore

    out_dir = Path(args.output)
    # A graph must be there before anyone is told to ask.
    if OxigraphStore(_store_path(out_dir), read_only=True).outdated():
        print(
            f"kg serve: warning: {out_dir}: built by an earlier version of kg; until "
            f"`kg build -o {out_dir}` brings it up to date, activity-per-month counts "
            "no relations",
            file=sys.stderr,
        )
    try:
        server = SparqlServer(
            out_dir,
            (args.host, args.port),
            timeout=args.timeout,
            in_memory=not args.on_disk,
            cors=args.cors,
        )
    except (OSError, OverflowError) as error:  # OverflowError: a port above 65535
        reason = getattr(error, "strerror", None) or error
        raise Failure(f"cannot listen on {args.host}:{args.port}: {reason}") from None
    print(f"kg serve: SPARQL endpoint at {server.url} (graph in {out_dir})", file=sys.stderr)
    try:
        server.run()
    except KeyboardInterrupt:
        print("kg serve: stopped", file=sys.stderr)
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from kg.graph.push import push, push_shards

    if args.run_dir:
        report = push_shards(
            _run_article_graphs(Path(args.run_dir)), args.endpoint, timeout=args.timeout
        )
    else:
        report = push(_store_path(Path(args.output)), args.endpoint, timeout=args.timeout)
    print(
        f"kg push: {report.graphs} named graphs ({report.triples} triples) and the merged "
        f"graph ({report.merged} triples) to {args.endpoint}; "
        f"{len(report.deleted)} graph(s) of removed articles deleted",
        file=sys.stderr,
    )
    return 0


def _run_article_graphs(folder: Path) -> Iterator[Iterator[ArticleGraph]]:
    """The article graphs of a complete run, a shard at a time, as kg build stores them:
    each named by its file's source name from the folder the run was made in (what a
    build there names it, from wherever the push is run) and carrying the SHA-256 the
    run's manifest holds of its file."""
    from kg.folder import source_name
    from kg.graph.rdf import article_iri, article_triples
    from kg.runs import Run

    run = Run.open(folder)
    if run.pending:
        done = len(run.shards) - len(run.pending)
        raise Failure(
            f"{folder}: {done} of {len(run.shards)} shards done; finish the run first "
            "(the kg extract --run or kg build --run that made it, again)"
        )
    hashes = {file.path: file.sha256 for shard in run.shards for file in shard.files}

    def graphs(shard: Shard) -> Iterator[ArticleGraph]:
        for record in run.shard_records(shard):
            source = source_name(Path(run.base, record["source"]), Path(run.base))
            triples = article_triples(record, source, hashes[record["source"]])
            yield article_iri(source, record["index"]), triples

    return (graphs(shard) for shard in run.shards)


def _add_output_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        default=str(DEFAULT_OUTPUT),
        metavar="DIR",
        help=f"folder of the graph (default {DEFAULT_OUTPUT}/)",
    )


def _port(value: str) -> int:
    """A TCP port number (0: any free one)."""
    if not (value.isascii() and value.isdigit() and int(value) <= 65535):
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (0 to 65535)")
    return int(value)


def _add_lang_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=LANGUAGES[0],
        help=f"language of {what}: zh (default, that of the articles) or en",
    )


def _seconds(value: str) -> float:
    """A time limit: a finite number of seconds above 0."""
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds above 0")
    return seconds


def _add_pipeline_options(parser: argparse.ArgumentParser) -> None:
    from kg.nlp import SEGMENTERS

    parser.add_argument(
        "--segmenter",
        choices=SEGMENTERS,
        default="pkuseg",
        help="word segmenter (default pkuseg, whose model is for research use; see README)",
    )
    parser.add_argument(
        "--home-region",
        help="division that places namesakes with no other clue (default: 北京市)",
    )
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument(
        "--max-file-size",
        type=float,
        default=DEFAULT_MAX_FILE_MB,
        metavar="MB",
        help=f"refuse input files larger than this (default {DEFAULT_MAX_FILE_MB} MB)",
    )
    parser.add_argument(
        "--ocr",
        action="store_true",
        help="read PDF pages without a text layer (scans) with Tesseract",
    )


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--run",
        dest="run_dir",
        metavar="DIR",
        help="a resumable run kept in DIR: shards of the inputs are extracted and kept as "
        "they finish; the same command again does only the shards not done",
    )
    parser.add_argument(
        "--shard-size",
        type=float,
        default=1.0,
        metavar="MB",
        help="with --run: input megabytes per shard (default 1; a larger file is one shard)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --run: extract the shards on the Dask cluster of this scheduler, e.g. "
        "tcp://host:8786 (default: $DASK_SCHEDULER_ADDRESS, else this machine)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kg", description="Knowledge graphs from Chinese trade-union news.")
    commands = parser.add_subparsers(dest="command", required=True)

    setup = commands.add_parser(
        "setup", help="fetch and verify the segmentation model and gazetteer"
    )
    setup.set_defaults(run=cmd_setup)

    extract = commands.add_parser("extract", help="entities and relations of articles")
    extract.add_argument("paths", nargs="+", help="files and folders (recursing)")
    extract.add_argument(
        "--format",
        choices=("json", "jsonl"),
        default="json",
        help="one JSON document, or JSON Lines: one article a line (default json)",
    )
    extract.add_argument("-o", "--output", help="write here instead of standard output")
    _add_pipeline_options(extract)
    _add_run_options(extract)
    extract.add_argument(
        "--quiet", action="store_true", help="with --run: no progress bar and no summary"
    )
    extract.set_defaults(run=cmd_extract)

    evaluate = commands.add_parser("eval", help="score extraction against gold annotations")
    evaluate.add_argument("gold", help="gold file (see ../shared/gold/SCHEMA.md)")
    evaluate.add_argument(
        "--min-entity-f1", type=float, metavar="F1", help="exit with 1 when entity F1 is below"
    )
    evaluate.add_argument(
        "--min-triple-f1", type=float, metavar="F1", help="exit with 1 when triple F1 is below"
    )
    _add_pipeline_options(evaluate)
    evaluate.set_defaults(run=cmd_eval)

    build = commands.add_parser(
        "build", help="add articles to the RDF graph (store, graph.ttl, graph.trig)"
    )
    build.add_argument(
        "paths",
        nargs="*",
        help="files and folders (default: examples/articles of a source checkout)",
    )
    _add_output_option(build)
    build.add_argument("--jsonld", action="store_true", help="also write graph.jsonld")
    _add_lang_option(build, "the graph page, graph.html")
    _add_pipeline_options(build)
    _add_run_options(build)
    build.add_argument(
        "--quiet", action="store_true", help="no progress bars and no summary (problems still)"
    )
    build.set_defaults(run=cmd_build)

    remove = commands.add_parser("remove", help="remove articles of a source from the graph")
    remove.add_argument("sources", nargs="+", help="source file paths (as built) or article IRIs")
    _add_output_option(remove)
    remove.add_argument("--jsonld", action="store_true", help="also write graph.jsonld")
    _add_lang_option(remove, "the graph page written again")
    remove.set_defaults(run=cmd_remove)

    report = commands.add_parser(
        "report", help="a report on the built graph: DIR/report.html and DIR/report.md"
    )
    _add_lang_option(report, "the report")
    _add_output_option(report)
    report.set_defaults(run=cmd_report)

    export = commands.add_parser(
        "export", help="the graph as GraphML, GEXF (Gephi) or CSV for Neo4j's import"
    )
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        help="graph.graphml, graph.gexf or nodes.csv + edges.csv (default: all)",
    )
    _add_output_option(export)
    export.set_defaults(run=cmd_export)

    query = commands.add_parser("query", help="run a SPARQL query over the built graph")
    query.add_argument("sparql", nargs="?", help="the SPARQL query")
    query.add_argument("--name", help="a named query of ontology/queries (see --list)")
    query.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter of the named query, e.g. name=某区总工会 (repeatable; see --list)",
    )
    query.add_argument("--list", action="store_true", help="list the named queries")
    query.add_argument(
        # kg.graph.results.SELECT_FORMATS + GRAPH_FORMATS, spelt out so that the
        # parser does not import rdflib (a test keeps them equal).
        "--format",
        choices=QUERY_FORMATS,
        default="table",
        help="SELECT and ASK: table (default), csv, tsv, json or xml; "
        "CONSTRUCT and DESCRIBE: turtle (also for table) or nt",
    )
    query.add_argument(
        "--timeout",
        type=_seconds,
        default=30.0,
        metavar="SECONDS",
        help="stop after (default 30)",
    )
    _add_output_option(query)
    query.set_defaults(run=cmd_query)

    view = commands.add_parser("view", help="a graph page centred on one entity")
    view.add_argument("entity", help="name, alias or IRI of the entity")
    view.add_argument(
        "--depth", type=int, default=2, help="relations away from it to show (default 2)"
    )
    view.add_argument("--out", metavar="FILE", help="page to write (default DIR/view-NAME.html)")
    _add_lang_option(view, "the page")
    _add_output_option(view)
    view.set_defaults(run=cmd_view)

    serve = commands.add_parser("serve", help="a read-only SPARQL endpoint over the graph")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine)"
    )
    serve.add_argument("--port", type=_port, default=7878, help="0: a free port (default 7878)")
    serve.add_argument(
        "--timeout", type=_seconds, default=30.0, metavar="SECONDS", help="per query (default 30)"
    )
    serve.add_argument(
        "--on-disk",
        action="store_true",
        help="answer from the store on disk, not from a copy in memory (several times "
        "slower; for graphs larger than memory: about 0.5 GB per million quads)",
    )
    serve.add_argument(
        "--cors",
        metavar="ORIGIN",
        help="let pages of ORIGIN (or * for any) query from a browser (default: none)",
    )
    _add_output_option(serve)
    serve.set_defaults(run=cmd_serve)

    push = commands.add_parser(
        "push", help="put the graph into a SPARQL Graph Store Protocol server"
    )
    push.add_argument(
        "--endpoint", required=True, metavar="URL", help="e.g. Oxigraph's http://host:port/store"
    )
    push.add_argument(
        "--timeout",
        type=_seconds,
        default=60.0,
        metavar="SECONDS",
        help="per request (default 60)",
    )
    push.add_argument(
        "--run",
        dest="run_dir",
        metavar="DIR",
        help="push the article graphs of the run kept in DIR (kg extract --run), a shard at "
        "a time, instead of a built graph (-o)",
    )
    _add_output_option(push)
    push.set_defaults(run=cmd_push)
    return parser


def main(argv: Iterable[str] | None = None) -> int:
    args = build_parser().parse_args(list(argv) if argv is not None else None)
    try:
        return args.run(args)
    except KgError as error:
        # One line, whatever the message holds (a parser's message can span lines).
        print(f"kg: error: {' '.join(str(error).split())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
