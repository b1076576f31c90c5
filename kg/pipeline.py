"""The whole flow for a set of inputs: ingest → nlp → extract → resolve → records."""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from kg.article import Article, InputProblem
from kg.extract.relations import Clause, Relation, extract, load_rules
from kg.ingest import read_paths
from kg.nlp import Mention, load_pipeline
from kg.nlp.gazetteer import DivisionInfo
from kg.record import ArticleRecord, DivisionRecord, EntityRecord, Publication
from kg.resolve import ArticleResolver, Entity, Triple

# The longest text the pipeline takes at once: long enough that only collections of
# articles (a whole e-paper issue in one file) are cut, short enough that spaCy's token
# splits in kg.nlp.entities.align, each of which costs the length of the doc, do not make
# a long article slower per character (at 100,000 a 100 k article ran at 0.65x a 10 k one).
PIECE_CHARS = 20_000
_SENTENCE_ENDS = "。！？!?"


class Extractor:
    """Loads the pipeline once; turns Articles into their output records."""

    piece_chars = PIECE_CHARS

    def __init__(self, overrides: Mapping[str, Any] | None = None) -> None:
        self.nlp = load_pipeline(overrides)
        self.rules = load_rules()
        self.divisions = self.nlp.get_pipe("kg_divisions").gazetteer.info
        # The segmentation model and gazetteer are millions of long-lived objects;
        # frozen, the garbage collector stops walking them on every full pass.
        gc.freeze()

    def __call__(self, article: Article) -> ArticleRecord:
        return self.records([article])[0]

    def records(self, articles: Sequence[Article]) -> list[ArticleRecord]:
        """The records of ``articles``, which the pipeline takes as one batch.

        A long article goes through the pipeline in pieces (see ``pieces``); its
        mentions and relations are moved back to their places in the whole article,
        which is resolved as one.
        """
        found: list[tuple[list[Mention], list[Relation]]] = [([], []) for _ in articles]
        openings: dict[int, Clause | None] = {}  # each article's opening clause so far
        texts = (
            (text, (index, offset))
            for index, article in enumerate(articles)
            for offset, text in pieces(article.text, self.piece_chars)
        )
        # Docs are dropped as they come out, so a long article's pieces are not all held
        # at once.
        for doc, (index, offset) in self.nlp.pipe(
            texts, as_tuples=True, batch_size=max(1, len(articles))
        ):
            earlier = openings.get(index)
            relations, opening = extract(doc, self.divisions, self.rules, earlier)
            mentions, relations, moved = _moved(doc._.mentions or [], relations, offset)
            if opening is not earlier:
                openings[index] = _moved_clause(opening, moved, offset)
            found[index][0].extend(mentions)
            found[index][1].extend(relations)
        return [self._record(article, *made) for article, made in zip(articles, found, strict=True)]

    def _record(
        self, article: Article, mentions: list[Mention], relations: list[Relation]
    ) -> ArticleRecord:
        resolver = ArticleResolver(mentions, self.divisions)
        triples = resolver.triples(relations)
        return article_record(article, resolver.mentioned_entities(triples), triples)


def article_record(
    article: Article, entities: Iterable[Entity], triples: Iterable[Triple]
) -> ArticleRecord:
    return {
        "source": article.source,
        "index": article.index,
        "headline": article.headline,
        **_publication(article),
        "entities": [_entity_record(e) for e in sorted(entities, key=lambda e: e.id)],
        "triples": [
            {
                "s": t.subject.name,
                "p": t.predicate,
                "o": t.object.name,
                "s_id": t.subject.id,
                "o_id": t.object.id,
                "evidence": [
                    {
                        "text": _evidence_text(article, start, end),
                        "start": start,
                        "end": end,
                        "rule": rule,
                    }
                    for start, end, rule in t.evidence
                ],
            }
            for t in triples
        ],
    }


def _publication(article: Article) -> Publication:
    publication: Publication = {}
    if article.date:
        publication["date"] = article.date
    if article.url:
        publication["url"] = article.url
    if article.page is not None:
        publication["page"] = article.page
    if article.box is not None:
        publication["box"] = list(article.box)
    return publication


def _entity_record(entity: Entity) -> EntityRecord:
    record: EntityRecord = {
        "id": entity.id,
        "name": entity.name,
        "type": entity.label,
        "aliases": sorted(entity.aliases - {entity.name}),
    }
    if entity.context_forms:
        record["context_forms"] = sorted(entity.context_forms)
    if entity.preferred:
        record["preferred_name"] = entity.preferred
    if entity.division is not None:
        record["division"] = _division_record(entity.division)
    return record


def _division_record(info: DivisionInfo) -> DivisionRecord:
    """The division with its coordinates (where known) and its parents up to the province."""
    record: DivisionRecord = {"level": info.level, "code": info.code, "path": info.path}
    if info.lon is not None and info.lat is not None:
        record["lon"], record["lat"] = info.lon, info.lat
    if info.parent is not None:
        record["parent"] = _division_record(info.parent)
    return record


def _evidence_text(article: Article, start: int, end: int) -> str:
    return article.original[start:end].strip().replace("\n", " ")


def pieces(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """(offset, text) pieces of ``text`` of at most ``limit`` characters, cut after the
    last paragraph that fits, else after the last sentence, else at the limit."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = (
            window.rfind("\n") + 1
            or max(window.rfind(mark) for mark in _SENTENCE_ENDS) + 1
            or limit
        )
        yield start, window[:cut]
        start += cut
    yield start, text[start:]


def _moved(
    mentions: list[Mention], relations: list[Relation], offset: int
) -> tuple[list[Mention], list[Relation], dict[int, Mention]]:
    """A piece's mentions and relations with offsets in the whole article, and each
    mention's moved copy by the ``id`` of the piece's own. A relation may take its
    subject from an earlier piece's opening clause, already in the article's offsets."""
    if not offset:
        return mentions, relations, {id(m): m for m in mentions}
    moved = {id(m): replace(m, start=m.start + offset, end=m.end + offset) for m in mentions}
    return (
        list(moved.values()),
        [
            replace(
                r,
                subject=moved.get(id(r.subject), r.subject),
                object=moved.get(id(r.object), r.object),
                evidence_start=r.evidence_start + offset,
                evidence_end=r.evidence_end + offset,
            )
            for r in relations
        ],
        moved,
    )


def _moved_clause(clause: Clause | None, moved: dict[int, Mention], offset: int) -> Clause | None:
    """A piece's clause in the whole article's offsets, with the moved mentions."""
    if clause is None:
        return None
    mentions = [moved[id(m)] for m in clause.mentions]
    return replace(clause, start=clause.start + offset, end=clause.end + offset, mentions=mentions)


_worker: Extractor | None = None


def _extract_in_worker(articles: list[Article]) -> list[ArticleRecord]:
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


def _told(
    items: Iterator[Article | InputProblem], on_article: Callable[[Article], None]
) -> Iterator[Article | InputProblem]:
    for item in items:
        if isinstance(item, Article):
            on_article(item)
        yield item


def _articles(batch: Batch) -> list[Article]:
    return [item for item in batch if isinstance(item, Article)]


def _in_order(batch: Batch, records: list[ArticleRecord]) -> Iterator[ArticleRecord | InputProblem]:
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
    on_article: Callable[[Article], None] | None = None,
) -> Iterator[ArticleRecord | InputProblem]:
    """Records (gold format, one per article) and input problems, in input order.

    Articles go through the pipeline in batches of the pipeline's ``batch_size``.
    With ``jobs`` > 1 smaller batches are shared out to forked worker processes that
    inherit the loaded pipeline, so nothing is loaded twice. ``on_article`` is told of
    every article as it is read (kg.runs counts their characters).
    """
    # Workers take batch_size / (4 x jobs) articles at a time, so that a few hundred
    # articles already keep every worker busy.
    size = extractor.nlp.batch_size if jobs <= 1 else max(1, extractor.nlp.batch_size // (4 * jobs))
    items = read_paths(paths, max_file_bytes=max_file_bytes, ocr=ocr)
    if on_article is not None:
        items = _told(items, on_article)
    batches = _batches(items, size)
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
