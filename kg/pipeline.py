"""The whole flow for a set of inputs: ingest → nlp → extract → resolve → records."""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from kg.article import Article, InputProblem
from kg.extract.relations import extract, load_rules
from kg.ingest import read_paths
from kg.nlp import load_pipeline
from kg.output import article_record
from kg.resolve import ArticleResolver


class Extractor:
    """Loads the pipeline once; turns Articles into their output records."""

    def __init__(self, overrides: Mapping[str, Any] | None = None) -> None:
        self.nlp = load_pipeline(overrides)
        self.rules = load_rules()
        self.divisions = self.nlp.get_pipe("kg_divisions").gazetteer.info
        # The segmentation model and gazetteer are millions of long-lived objects;
        # frozen, the garbage collector stops walking them on every full pass.
        gc.freeze()

    def __call__(self, article: Article) -> dict[str, Any]:
        return self.records([article])[0]

    def records(self, articles: Sequence[Article]) -> list[dict[str, Any]]:
        """The records of ``articles``, which the pipeline takes as one batch."""
        docs = self.nlp.pipe((a.text for a in articles), batch_size=max(1, len(articles)))
        return [self._record(article, doc) for article, doc in zip(articles, docs, strict=True)]

    def _record(self, article: Article, doc: Doc) -> dict[str, Any]:
        relations = extract(doc, self.divisions, self.rules)
        resolver = ArticleResolver(doc._.mentions, self.divisions)
        triples = resolver.triples(relations)
        return article_record(article, resolver.mentioned_entities(triples), triples)


_worker: Extractor | None = None


def _extract_in_worker(articles: list[Article]) -> list[dict[str, Any]]:
    assert _worker is not None
    return _worker.records(articles)


Batch = list[Article | InputProblem]


def _batches(items: Iterator[Article | InputProblem], size: int) -> Iterator[Batch]:
    """Runs of input items, each holding ``size`` articles (fewer at the end)."""
    batch: Batch = []
    articles = 0
    for item in items:
        batch.append(item)
        articles += isinstance(item, Article)
        if articles == size:
            yield batch
            batch, articles = [], 0
    if batch:
        yield batch


def _articles(batch: Batch) -> list[Article]:
    return [item for item in batch if isinstance(item, Article)]


def _in_order(
    batch: Batch, records: list[dict[str, Any]]
) -> Iterator[dict[str, Any] | InputProblem]:
    """The batch's problems, and its articles' records in place of the articles."""
    made = iter(records)
    for item in batch:
        yield item if isinstance(item, InputProblem) else next(made)


def run(
    paths: Sequence[str | Path],
    extractor: Extractor,
    *,
    jobs: int = 1,
    max_file_bytes: int,
    ocr: bool = False,
) -> Iterator[dict[str, Any] | InputProblem]:
    """Records (gold format, one per article) and input problems, in input order.

    Articles go through the pipeline in batches of the pipeline's ``batch_size``.
    With ``jobs`` > 1 smaller batches are shared out to forked worker processes that
    inherit the loaded pipeline, so nothing is loaded twice.
    """
    # Workers take batch_size / (4 x jobs) articles at a time, so that a few hundred
    # articles already keep every worker busy.
    size = extractor.nlp.batch_size if jobs <= 1 else max(1, extractor.nlp.batch_size // (4 * jobs))
    batches = _batches(read_paths(paths, max_file_bytes=max_file_bytes, ocr=ocr), size)
    if jobs <= 1:
        for batch in batches:
            yield from _in_order(batch, extractor.records(_articles(batch)))
        return
    global _worker
    _worker = extractor
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs) as pool:
        # The pool reads ahead; the batches it was given wait here for their records.
        given: deque[Batch] = deque()

        def articles() -> Iterator[list[Article]]:
            for batch in batches:
                given.append(batch)
                yield _articles(batch)

        for records in pool.imap(_extract_in_worker, articles()):
            yield from _in_order(given.popleft(), records)
