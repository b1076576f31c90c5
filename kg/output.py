"""Records in the gold format of SCHEMA.md, with evidence, offsets and rule ids added."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from kg.article import Article
from kg.nlp.gazetteer import DivisionInfo
from kg.resolve import Entity, Triple


def _entity_record(entity: Entity) -> dict[str, Any]:
    record: dict[str, Any] = {
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


def _division_record(info: DivisionInfo) -> dict[str, Any]:
    """The division with its coordinates (where known) and its parents up to the province."""
    record: dict[str, Any] = {"level": info.level, "code": info.code, "path": info.path}
    if info.lon is not None and info.lat is not None:
        record["lon"], record["lat"] = info.lon, info.lat
    if info.parent is not None:
        record["parent"] = _division_record(info.parent)
    return record


def _evidence_text(article: Article, start: int, end: int) -> str:
    return article.original[start:end].strip().replace("\n", " ")


def article_record(
    article: Article, entities: Iterable[Entity], triples: Iterable[Triple]
) -> dict[str, Any]:
    record: dict[str, Any] = {"source": article.source, "index": article.index}
    record["headline"] = article.headline
    if article.date:
        record["date"] = article.date
    if article.url:
        record["url"] = article.url
    if article.page is not None:
        record["page"] = article.page
    if article.box is not None:
        record["box"] = list(article.box)
    record["entities"] = [_entity_record(e) for e in sorted(entities, key=lambda e: e.id)]
    record["triples"] = [
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
    ]
    return record


def write_json(records: Iterable[dict[str, Any]], out: IO[str]) -> None:
    out.write('{"articles": [\n')
    for i, record in enumerate(records):
        out.write(",\n" if i else "")
        out.write(json.dumps(record, ensure_ascii=False))
    out.write("\n]}\n")


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
