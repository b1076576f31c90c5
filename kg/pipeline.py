"""The whole flow for a set of inputs: ingest → nlp → extract → resolve → records."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from kg.article import Article, InputProblem
from kg.extract.relations import extract, load_rules
from kg.nlp import load_pipeline
from kg.nlp.gazetteer import Gazetteer
from kg.output import article_record
from kg.resolve import ArticleResolver, DivisionInfo


class DivisionIndex(Mapping[str, DivisionInfo]):
    """Division key (as the kg_divisions component writes it) -> what the graph says of it."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[str, DivisionInfo] = {}

    def __getitem__(self, key: str) -> DivisionInfo:
        if key not in self._cache:
            if not key.isdigit() or int(key) not in self.gazetteer.divisions:
                raise KeyError(key)
            division = self.gazetteer.divisions[int(key)]
            chain = [
                self.gazetteer.divisions[i].name for i in self.gazetteer.ancestors(division.id)
            ]
            path = "/".join([*reversed(chain), division.name])
            self._cache[key] = DivisionInfo(division.name, division.level, division.code, path)
        return self._cache[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.isdigit() and int(key) in self.gazetteer.divisions

    def __iter__(self) -> Iterator[str]:
        return (str(i) for i in self.gazetteer.divisions)

    def __len__(self) -> int:
        return len(self.gazetteer.divisions)

    def levels(self) -> Mapping[str, str]:
        return _Levels(self.gazetteer)


class _Levels(Mapping[str, str]):
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __getitem__(self, key: str) -> str:
        if not key.isdigit() or int(key) not in self.gazetteer.divisions:
            raise KeyError(key)
        return self.gazetteer.divisions[int(key)].level

    def __iter__(self) -> Iterator[str]:
        return (str(i) for i in self.gazetteer.divisions)

    def __len__(self) -> int:
        return len(self.gazetteer.divisions)


class Extractor:
    """Loads the pipeline once; turns one Article into its output record."""

    def __init__(self, overrides: Mapping[str, Any] | None = None) -> None:
        self.nlp = load_pipeline(overrides)
        self.rules = load_rules()
        self.divisions = DivisionIndex(self.nlp.get_pipe("kg_divisions").gazetteer)
        self.levels = self.divisions.levels()

    def __call__(self, article: Article) -> dict[str, Any]:
        doc = self.nlp(article.text)
        relations = extract(doc, self.levels, self.rules)
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
    from kg.ingest import read_paths  # the nlp stages do not need ingest loaded

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
