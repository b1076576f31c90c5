"""The record of one article: what extraction hands to the graph and ``kg extract`` writes.

It is the gold format of SCHEMA.md with evidence, offsets and rule ids added, typed here
so that its makers (``kg.pipeline``) and readers (``kg.graph.rdf``, ``kg.folder``) agree
on its keys. The record stays a JSON object (a TypedDict is a dict): it is written as
it is made, and what ``kg eval`` reads back is the same document. This module imports
nothing of ``kg``, so that the graph can read records without loading extraction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, NotRequired, TypedDict


class EvidenceRecord(TypedDict):
    text: str  # the sentence as written (Traditional stays Traditional)
    start: int  # character offsets in the article
    end: int
    rule: str  # id of the rule of kg/extract/rules.toml that found it


class TripleRecord(TypedDict):
    s: str  # the names as read in this article
    p: str  # a relation of kg.schema.RELATIONS
    o: str
    s_id: str  # the entities' ids (EntityRecord.id)
    o_id: str
    evidence: list[EvidenceRecord]


class DivisionRecord(TypedDict):
    level: str
    code: str  # empty for towns and subdistricts, which have none
    path: str  # names from the province down, e.g. 北京市/朝阳区/建外街道
    lon: NotRequired[float]
    lat: NotRequired[float]
    parent: NotRequired[DivisionRecord]  # up to the province


class EntityRecord(TypedDict):
    id: str  # Type:name@division path, the same in every article
    name: str
    type: str  # an entity type of kg.schema.ENTITY_TYPES
    aliases: list[str]
    # Forms that stand for it only in this article's context (区总工会, 该驿站): quoted in
    # the evidence, never an alias of the entity in the graph.
    context_forms: NotRequired[list[str]]
    preferred_name: NotRequired[str]  # the name it goes by in every article, when not name
    division: NotRequired[DivisionRecord]


class Publication(TypedDict, total=False):
    """Where and when the article appeared, as far as its source tells."""

    date: str
    url: str
    page: int  # PDF pages: the page number (from 1) and the article's box on it
    box: list[float]


class ArticleRecord(Publication):
    """One article: in JSON, its source, index and headline, then its Publication keys,
    then its entities and triples."""

    source: str  # the input path as the pipeline was given it
    index: int  # the article's place in its source
    headline: str
    entities: list[EntityRecord]
    triples: list[TripleRecord]


def write_json(records: Iterable[ArticleRecord], out: IO[str]) -> None:
    out.write('{"articles": [\n')
    for i, record in enumerate(records):
        out.write(",\n" if i else "")
        out.write(json.dumps(record, ensure_ascii=False))
    out.write("\n]}\n")


def write_jsonl(records: Iterable[ArticleRecord], out: IO[str]) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
