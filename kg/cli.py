"""The ``kg`` command."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.article import InputProblem

if TYPE_CHECKING:
    from kg.pipeline import Extractor

DEFAULT_MAX_FILE_MB = 20


class Failure(Exception):
    """A one-line error for the user; main() prints it and exits non-zero."""


def _pipeline_overrides(args: argparse.Namespace) -> dict[str, Any]:
    overrides: dict[str, Any] = {"nlp.tokenizer.segmenter": args.segmenter}
    if args.home_region is not None:
        overrides["components.kg_divisions.home_region"] = args.home_region
    return overrides


def _load_extractor(args: argparse.Namespace) -> Extractor:
    from kg.pipeline import Extractor
    from kg.resources import ResourceError

    try:
        return Extractor(_pipeline_overrides(args))
    except ResourceError as error:
        raise Failure(str(error)) from None


def _records(
    extractor: Extractor, args: argparse.Namespace, paths: Sequence[str], problems: list[str]
) -> Iterator[dict[str, Any]]:
    """Records as they are made (so output streams in bounded memory); problems are
    reported on stderr as they come and collected in ``problems``."""
    from kg.pipeline import run

    max_file_bytes = int(args.max_file_size * 1_000_000)
    for item in run(paths, extractor, jobs=args.jobs, max_file_bytes=max_file_bytes):
        if isinstance(item, InputProblem):
            problems.append(str(item))
            print(f"kg: {item}", file=sys.stderr)
        else:
            yield item


def _write_atomically(target: Path, write: Callable[[Any], None]) -> None:
    """Write to a temporary file beside ``target`` and rename: never a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            write(out)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def cmd_setup(args: argparse.Namespace) -> int:
    from kg.resources import ResourceError, setup

    try:
        setup(lambda message: print(f"kg setup: {message}", file=sys.stderr))
    except ResourceError as error:
        raise Failure(str(error)) from None
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from kg.output import write_json, write_jsonl

    extractor = _load_extractor(args)
    problems: list[str] = []
    records = _records(extractor, args, args.paths, problems)
    writer = write_json if args.format == "json" else write_jsonl
    if args.output:
        _write_atomically(Path(args.output), lambda out: writer(records, out))
    else:
        writer(records, sys.stdout)
    return 1 if problems else 0


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


def _add_pipeline_options(parser: argparse.ArgumentParser) -> None:
    from kg.nlp import SEGMENTERS

    parser.add_argument("--segmenter", choices=SEGMENTERS, default="pkuseg")
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Knowledge graphs from Chinese trade-union news."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    setup = commands.add_parser(
        "setup", help="fetch and verify the segmentation model and gazetteer"
    )
    setup.set_defaults(run=cmd_setup)

    extract = commands.add_parser("extract", help="entities and relations of articles")
    extract.add_argument("paths", nargs="+", help="files and folders (recursing)")
    extract.add_argument("--format", choices=("json", "jsonl"), default="json")
    extract.add_argument("-o", "--output", help="write here instead of standard output")
    _add_pipeline_options(extract)
    extract.set_defaults(run=cmd_extract)

    evaluate = commands.add_parser("eval", help="score extraction against gold annotations")
    evaluate.add_argument("gold", help="gold file (see ../shared/gold/SCHEMA.md)")
    evaluate.add_argument("--min-entity-f1", type=float)
    evaluate.add_argument("--min-triple-f1", type=float)
    _add_pipeline_options(evaluate)
    evaluate.set_defaults(run=cmd_eval)
    return parser


def main(argv: Iterable[str] | None = None) -> int:
    args = build_parser().parse_args(list(argv) if argv is not None else None)
    try:
        return args.run(args)
    except Failure as error:
        print(f"kg: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
