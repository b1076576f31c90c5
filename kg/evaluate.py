"""Score extracted entities and triples against hand-annotated gold.

The rules are those of the gold SCHEMA.md ("Scoring"): everything is compared
per source file, on normalised names, with aliases, and optional gold items
count neither way. Gold and predictions share one JSON format, read by
:func:`parse_document`; :func:`evaluate` compares two parsed documents and
:func:`format_report` renders the result for the terminal.

Precision, recall and F1 are 0.0 when their denominator is 0 (nothing
predicted, nothing to find, or both), so an empty run never scores as perfect.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

import networkx as nx

from kg.article import InputProblem
from kg.ingest.script import converter
from kg.schema import ENTITY_TYPES, RELATIONS, strip_quotes


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """The form in which names are compared: NFKC, no quotation or book-title
    marks, no white space, Simplified characters."""
    text = strip_quotes(unicodedata.normalize("NFKC", name))
    # Marks and spaces go before conversion so that the converter sees whole
    # phrases (“產改” → 产改, not 產 + 改 looked up separately).
    return converter().convert("".join(text.split()))


# --- documents ---------------------------------------------------------------


@dataclass(frozen=True)
class AnnotatedEntity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    optional: bool = False


@dataclass(frozen=True)
class AnnotatedTriple:
    s: str
    p: str
    o: str
    optional: bool = False


@dataclass(frozen=True)
class AnnotatedArticle:
    source: Path  # resolved, absolute
    entities: tuple[AnnotatedEntity, ...]
    triples: tuple[AnnotatedTriple, ...]


@dataclass(frozen=True)
class Document:
    """Gold or predicted annotations; only what scoring needs is kept."""

    articles: tuple[AnnotatedArticle, ...]


class _BadDocument(Exception):
    """Internal: carries a one-line description of malformed input."""


def load_gold(path: str | Path) -> Document | InputProblem:
    """Read a gold file; its ``source`` paths are relative to its folder."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return InputProblem(str(path), f"cannot read gold file: {error}")
    except json.JSONDecodeError as error:
        return InputProblem(str(path), f"not valid JSON: {error}")
    return parse_document(data, str(path), base=path.parent)


def parse_document(data: Any, origin: str, base: Path | None = None) -> Document | InputProblem:
    """Check and convert a document in the gold format.

    ``base`` is the folder relative ``source`` paths start from; without it
    they are taken as the pipeline gave them, i.e. relative to the working
    folder. Keys other than those of the gold format are ignored.
    """
    try:
        articles = _field(data, "articles", list, "the document")
        return Document(
            tuple(_article(item, f"article {i + 1}", base) for i, item in enumerate(articles))
        )
    except _BadDocument as error:
        return InputProblem(origin, str(error))


def _article(data: Any, where: str, base: Path | None) -> AnnotatedArticle:
    source = Path(_field(data, "source", str, where))
    if base is not None:
        source = base / source
    entities = _field(data, "entities", list, where, default=[])
    triples = _field(data, "triples", list, where, default=[])
    return AnnotatedArticle(
        source=source.resolve(),
        entities=tuple(_entity(e, f"{where}, entity {i + 1}") for i, e in enumerate(entities)),
        triples=tuple(_triple(t, f"{where}, triple {i + 1}") for i, t in enumerate(triples)),
    )


def _entity(data: Any, where: str) -> AnnotatedEntity:
    aliases = _field(data, "aliases", list, where, default=[])
    if not all(isinstance(alias, str) for alias in aliases):
        raise _BadDocument(f"{where}: 'aliases' must be a list of strings")
    entity = AnnotatedEntity(
        name=_field(data, "name", str, where),
        type=_field(data, "type", str, where),
        aliases=tuple(aliases),
        optional=_field(data, "optional", bool, where, default=False),
    )
    _known(entity.type, ENTITY_TYPES, "type", where)
    return entity


def _triple(data: Any, where: str) -> AnnotatedTriple:
    triple = AnnotatedTriple(
        s=_field(data, "s", str, where),
        p=_field(data, "p", str, where),
        o=_field(data, "o", str, where),
        optional=_field(data, "optional", bool, where, default=False),
    )
    _known(triple.p, RELATIONS, "predicate", where)
    return triple


def _known(name: str, registry: Iterable[str], what: str, where: str) -> None:
    """A misspelt type or predicate would only be scored as misses: say so instead."""
    if name not in registry:
        raise _BadDocument(f"{where}: unknown {what} {name!r} (kg/schema.py)")


_MISSING = object()


def _field(data: Any, key: str, kind: type, where: str, default: Any = _MISSING) -> Any:
    if not isinstance(data, dict):
        raise _BadDocument(f"{where}: expected a JSON object")
    value = data.get(key, default)
    if value is _MISSING:
        raise _BadDocument(f"{where}: '{key}' is missing")
    if not isinstance(value, kind):
        raise _BadDocument(f"{where}: '{key}' must be a {kind.__name__}")
    return value


# --- report ------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class Finding:
    """A missed gold item or a false prediction, as printed."""

    source: str
    kind: str  # "entity" or "triple"
    text: str


@dataclass(frozen=True)
class Evaluation:
    entities: Scores
    triples: Scores
    by_type: dict[str, Scores]
    by_predicate: dict[str, Scores]
    misses: tuple[Finding, ...]
    false_positives: tuple[Finding, ...]
    # Predicted sources that no gold article covers: not scored, listed so
    # that a path mismatch does not pass silently as "nothing to compare".
    unscored_sources: tuple[str, ...]


# --- one source file, normalised ---------------------------------------------


@dataclass(frozen=True)
class _GoldEntity:
    name: str  # as written, for printing
    type: str
    canonical: str
    keys: frozenset[str]  # normalised name and aliases
    optional: bool


@dataclass(frozen=True)
class _GoldTriple:
    s: str
    p: str
    o: str
    s_keys: frozenset[str]
    o_keys: frozenset[str]
    optional: bool


@dataclass(frozen=True)
class _PredEntity:
    name: str
    type: str
    key: str


@dataclass(frozen=True)
class _PredTriple:
    s: str
    p: str
    o: str
    s_key: str
    o_key: str


def _gold_entities(entities: Iterable[AnnotatedEntity]) -> list[_GoldEntity]:
    """One entity per normalised canonical name and type; aliases pooled.

    A merged entity is optional only if every article marked it optional:
    being required anywhere on the page means it must be found.
    """
    merged: dict[tuple[str, str], _GoldEntity] = {}
    for entity in entities:
        canonical = normalize_name(entity.name)
        keys = frozenset({canonical, *map(normalize_name, entity.aliases)})
        seen = merged.get((canonical, entity.type))
        if seen is not None:
            keys |= seen.keys
        merged[(canonical, entity.type)] = _GoldEntity(
            name=seen.name if seen else entity.name,
            type=entity.type,
            canonical=canonical,
            keys=keys,
            optional=entity.optional and (seen is None or seen.optional),
        )
    return list(merged.values())


def _endpoint_keys(name: str, entities: Sequence[_GoldEntity]) -> frozenset[str]:
    """The names a prediction may use for a gold triple's subject or object.

    The gold name resolves to the file's entities with that canonical name,
    failing that to those with it as an alias; if several, any of their names
    is accepted. A name no gold entity carries is accepted only as itself.
    """
    key = normalize_name(name)
    named = [e for e in entities if e.canonical == key] or [e for e in entities if key in e.keys]
    return frozenset().union(*(e.keys for e in named)) if named else frozenset({key})


def _gold_triples(
    triples: Iterable[AnnotatedTriple], entities: Sequence[_GoldEntity]
) -> list[_GoldTriple]:
    """One triple per statement about the same resolved entities, however the
    articles wrote their names; optional only if optional everywhere."""
    merged: dict[tuple[frozenset[str], str, frozenset[str]], _GoldTriple] = {}
    for triple in triples:
        s_keys = _endpoint_keys(triple.s, entities)
        o_keys = _endpoint_keys(triple.o, entities)
        seen = merged.get((s_keys, triple.p, o_keys))
        merged[(s_keys, triple.p, o_keys)] = _GoldTriple(
            s=seen.s if seen else triple.s,
            p=triple.p,
            o=seen.o if seen else triple.o,
            s_keys=s_keys,
            o_keys=o_keys,
            optional=triple.optional and (seen is None or seen.optional),
        )
    return list(merged.values())


def _pred_entities(entities: Iterable[AnnotatedEntity]) -> list[_PredEntity]:
    unique: dict[tuple[str, str], _PredEntity] = {}
    for entity in entities:
        key = normalize_name(entity.name)
        unique.setdefault((key, entity.type), _PredEntity(entity.name, entity.type, key))
    return list(unique.values())


def _pred_triples(triples: Iterable[AnnotatedTriple]) -> list[_PredTriple]:
    unique: dict[tuple[str, str, str], _PredTriple] = {}
    for t in triples:
        s_key, o_key = normalize_name(t.s), normalize_name(t.o)
        unique.setdefault((s_key, t.p, o_key), _PredTriple(t.s, t.p, t.o, s_key, o_key))
    return list(unique.values())


# --- matching ----------------------------------------------------------------

P = TypeVar("P")
G = TypeVar("G", _GoldEntity, _GoldTriple)


def _maximum_matching(edges: Sequence[Sequence[int]]) -> dict[int, int]:
    """Maximum bipartite matching, left index → right index (``edges[left]`` lists the
    right indices that ``left`` fits).

    Maximum rather than greedy: a short form shared by two gold entities of a
    page (区总工会 for two district unions) must not take the gold entity that
    another prediction names in full, or the score would depend on the order
    of the predictions. Among maximum matchings, the one that leaves out the
    latest lefts and rights is taken (weights falling with the index: a matching
    can cover the best left set and the best right set at once), so the
    predictions left over, and the gold missed, are the same whatever the
    algorithm's own order.
    """
    n_left, n_right = len(edges), 1 + max((j for rights in edges for j in rights), default=0)
    graph = nx.Graph()
    graph.add_weighted_edges_from(
        (("left", i), ("right", j), (n_left - i) + (n_right - j))
        for i, rights in enumerate(edges)
        for j in rights
    )
    pairs = nx.max_weight_matching(graph, maxcardinality=True)
    return dict(sorted((a[1], b[1]) if a[0] == "left" else (b[1], a[1]) for a, b in pairs))


@dataclass(frozen=True)
class _Pairing(Generic[P, G]):
    true_positives: list[G]
    misses: list[G]
    false_positives: list[P]


def _pair(preds: Sequence[P], golds: Sequence[G], fits: Callable[[P, G], bool]) -> _Pairing[P, G]:
    """Match required gold first, then let left-over predictions absorb optional gold.

    Both rounds are one-to-one: each gold item matches at most once, so a
    second prediction of the same (optional or required) item is a false
    positive. Predictions taken by optional items are neither right nor wrong.
    """
    required = [g for g in golds if not g.optional]
    optional = [g for g in golds if g.optional]
    first = _maximum_matching([[j for j, g in enumerate(required) if fits(p, g)] for p in preds])
    rest = [i for i in range(len(preds)) if i not in first]
    second = _maximum_matching(
        [[j for j, g in enumerate(optional) if fits(preds[i], g)] for i in rest]
    )
    matched = set(first.values())
    return _Pairing(
        true_positives=[required[j] for j in sorted(matched)],
        misses=[g for j, g in enumerate(required) if j not in matched],
        false_positives=[preds[i] for k, i in enumerate(rest) if k not in second],
    )


def _entity_fits(pred: _PredEntity, gold: _GoldEntity) -> bool:
    return pred.type == gold.type and pred.key in gold.keys


def _triple_fits(pred: _PredTriple, gold: _GoldTriple) -> bool:
    return pred.p == gold.p and pred.s_key in gold.s_keys and pred.o_key in gold.o_keys


# --- scoring -----------------------------------------------------------------


@dataclass
class _Tally:
    """Counts per category (entity type or predicate) plus findings."""

    tp: Counter[str]
    fp: Counter[str]
    fn: Counter[str]
    misses: list[Finding]
    false_positives: list[Finding]

    @classmethod
    def empty(cls) -> _Tally:
        return cls(Counter(), Counter(), Counter(), [], [])

    def add(
        self,
        source: str,
        kind: str,
        pairing: _Pairing,
        category: Callable[[Any], str],
        describe: Callable[[Any], str],
    ) -> None:
        self.tp.update(category(g) for g in pairing.true_positives)
        self.fn.update(category(g) for g in pairing.misses)
        self.fp.update(category(p) for p in pairing.false_positives)
        self.misses += [Finding(source, kind, describe(g)) for g in pairing.misses]
        self.false_positives += [
            Finding(source, kind, describe(p)) for p in pairing.false_positives
        ]

    def total(self) -> Scores:
        return Scores(self.tp.total(), self.fp.total(), self.fn.total())

    def by_category(self) -> dict[str, Scores]:
        names = sorted(self.tp.keys() | self.fp.keys() | self.fn.keys())
        return {name: Scores(self.tp[name], self.fp[name], self.fn[name]) for name in names}


def _describe_entity(item: _GoldEntity | _PredEntity) -> str:
    return f"{item.name} ({item.type})"


def _describe_triple(item: _GoldTriple | _PredTriple) -> str:
    return f"{item.s} {item.p} {item.o}"


def _by_source(document: Document) -> dict[Path, list[AnnotatedArticle]]:
    grouped: dict[Path, list[AnnotatedArticle]] = {}
    for article in document.articles:
        grouped.setdefault(article.source, []).append(article)
    return grouped


def evaluate(gold: Document, predicted: Document) -> Evaluation:
    """Score ``predicted`` against ``gold``, file by file, micro-averaged."""
    gold_files = _by_source(gold)
    predicted_files = _by_source(predicted)
    entities, triples = _Tally.empty(), _Tally.empty()
    for source, gold_articles in gold_files.items():
        found = predicted_files.get(source, [])
        gold_entities = _gold_entities(e for a in gold_articles for e in a.entities)
        entity_pairing = _pair(
            _pred_entities(e for a in found for e in a.entities), gold_entities, _entity_fits
        )
        triple_pairing = _pair(
            _pred_triples(t for a in found for t in a.triples),
            _gold_triples((t for a in gold_articles for t in a.triples), gold_entities),
            _triple_fits,
        )
        name = str(source)
        entities.add(name, "entity", entity_pairing, lambda e: e.type, _describe_entity)
        triples.add(name, "triple", triple_pairing, lambda t: t.p, _describe_triple)
    return Evaluation(
        entities=entities.total(),
        triples=triples.total(),
        by_type=entities.by_category(),
        by_predicate=triples.by_category(),
        misses=tuple(entities.misses + triples.misses),
        false_positives=tuple(entities.false_positives + triples.false_positives),
        unscored_sources=tuple(str(s) for s in predicted_files if s not in gold_files),
    )


# --- printing ----------------------------------------------------------------


def _row(label: str, scores: Scores) -> str:
    return (
        f"{label:<16}{scores.tp:>6}{scores.fp:>6}{scores.fn:>6}"
        f"{scores.precision:>8.3f}{scores.recall:>8.3f}{scores.f1:>8.3f}"
    )


def _summary(label: str, scores: Scores) -> str:
    return f"{label:<10}P={scores.precision:.3f} R={scores.recall:.3f} F1={scores.f1:.3f}"


def _findings(title: str, findings: Sequence[Finding]) -> list[str]:
    lines = [f"{title} ({len(findings)})"]
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.source, []).append(finding)
    for source, items in grouped.items():
        lines.append(f"  {source}")
        lines += [f"    {item.kind:<8}{item.text}" for item in items]
    return lines


def _table(report: Evaluation) -> list[str]:
    lines = [f"{'':<16}{'tp':>6}{'fp':>6}{'fn':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    sections: Sequence[tuple[str, Scores, Mapping[str, Scores]]] = (
        ("entities", report.entities, report.by_type),
        ("triples", report.triples, report.by_predicate),
    )
    for label, total, parts in sections:
        lines.append(_row(label, total))
        lines += [_row(f"  {name}", scores) for name, scores in parts.items()]
    return lines


def format_report(report: Evaluation) -> str:
    """A table, the misses and false positives per source, then the two overall
    lines, which come last because tools read the tail of the output."""
    lines = _table(report)
    lines += ["", *_findings("misses", report.misses)]
    lines += ["", *_findings("false positives", report.false_positives)]
    if report.unscored_sources:
        lines += ["", f"not in gold, not scored ({len(report.unscored_sources)})"]
        lines += [f"  {source}" for source in report.unscored_sources]
    lines += ["", _summary("entities", report.entities), _summary("triples", report.triples)]
    return "\n".join(lines)
