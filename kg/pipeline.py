"""The whole flow for a set of inputs: ingest → nlp → extract → resolve → records."""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from kg.article import Article, InputProblem
from kg.extract.relations import extract, load_rules
from kg.ingest import read_paths
from kg.nlp import load_pipeline
from kg.output import article_record
from kg.resolve import ArticleResolver


class Extractor:
    """Loads the pipeline once; turns one Article into its output record."""

    def __init__(self, overrides: Mapping[str, Any] | None = None) -> None:
        self.nlp = load_pipeline(overrides)
        self.rules = load_rules()
        self.divisions = self.nlp.get_pipe("kg_divisions").gazetteer.info
        # The segmentation model and gazetteer are millions of long-lived objects;
        # frozen, the garbage collector stops walking them on every full pass.
        gc.freeze()

    def __call__(self, article: Article) -> dict[str, Any]:
        doc = self.nlp(article.text)
        relations = extract(doc, self.divisions, self.rules)
        resolver = ArticleResolver(doc._.mentions, self.divisions)
        triples = resolver.triples(relations)
        return article_record(article, resolver.mentioned_entities(triples), triples)


_worker: Extractor | None = None


def _extract_in_worker(article: Article) -> dict[str, Any]:
    assert _worker is not None
    return _worker(article)


def run(
    paths: Sequence[str | Path],
    extractor: Extractor,
    *,
    jobs: int = 1,
    max_file_bytes: int,
) -> Iterator[dict[str, Any] | InputProblem]:
    """Records (gold format, one per article) and input problems, in input order.

    With ``jobs`` > 1 the articles are shared out to forked worker processes
    that inherit the loaded pipeline, so nothing is loaded twice.
    """
    items = read_paths(paths, max_file_bytes=max_file_bytes)
    if jobs <= 1:
        for item in items:
            yield item if isinstance(item, InputProblem) else extractor(item)
        return
    global _worker
    _worker = extractor
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs) as pool:
        pending: list[InputProblem] = []

        def articles() -> Iterator[Article]:
            for item in items:
                if isinstance(item, InputProblem):
                    pending.append(item)
                else:
                    yield item

        for record in pool.imap(_extract_in_worker, articles(), chunksize=4):
            while pending:
                yield pending.pop(0)
            yield record
        yield from pending
