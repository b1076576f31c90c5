import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from kg.article import InputProblem
from kg.evaluate import (
    Document,
    Evaluation,
    Scores,
    evaluate,
    format_report,
    load_gold,
    normalize_name,
    parse_document,
)
from tests.conftest import SHARED

SEED_GOLD = SHARED / "gold" / "seed.json"
PAGE = "/pages/a.txt"
OTHER_PAGE = "/pages/b.txt"


def ent(name: str, type_: str, *aliases: str, optional: bool = False) -> dict[str, Any]:
    return {"name": name, "type": type_, "aliases": list(aliases), "optional": optional}


def tri(s: str, p: str, o: str, optional: bool = False) -> dict[str, Any]:
    return {"s": s, "p": p, "o": o, "optional": optional}


def art(source: str = PAGE, entities=(), triples=(), **extra: Any) -> dict[str, Any]:
    return {"source": source, "entities": list(entities), "triples": list(triples), **extra}


def doc(*articles: dict[str, Any]) -> Document:
    parsed = parse_document({"articles": list(articles)}, "test")
    assert isinstance(parsed, Document), parsed
    return parsed


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> Evaluation:
    return evaluate(doc(*gold), doc(*predicted))


def counts(scores: Scores) -> tuple[int, int, int]:
    return scores.tp, scores.fp, scores.fn


# --- normalisation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("大兴区总工会", "大兴区总工会"),
        ("“慧企学堂”学历提升班", "慧企学堂学历提升班"),
        ("‘产改’", "产改"),
        ("「产改」『纲要』", "产改纲要"),
        ("《实施纲要》〈附件〉", "实施纲要附件"),
        ("\"quoted\" 'x'", "quotedx"),
        ("＂全角＂", "全角"),  # NFKC turns the full-width mark into ", which is then removed
        ("大兴 区\t总工会\n", "大兴区总工会"),
        ("大兴区\u3000总工会", "大兴区总工会"),
        ("纲要（2025-2027）", "纲要(2025-2027)"),
        ("ＡＢＣ１２３", "ABC123"),
        ("門頭溝區總工會", "门头沟区总工会"),
        ("「產改」", "产改"),
        ("工會驛站·司機之家", "工会驿站·司机之家"),
        ("", ""),
    ],
)
def test_normalize_name(name: str, expected: str) -> None:
    assert normalize_name(name) == expected


# --- entities ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        pytest.param(
            [ent("大兴区总工会", "Union", "区总工会")],
            [ent("区总工会", "Union")],
            (1, 0, 0),
            id="alias",
        ),
        pytest.param(
            [ent("大兴区总工会", "Union")],
            [ent("“大兴区总工会”", "Union")],
            (1, 0, 0),
            id="quote-marks-ignored",
        ),
        pytest.param(
            [ent("大兴区", "District")],
            [ent("大兴区", "Organization")],
            (0, 1, 1),
            id="type-mismatch",
        ),
        pytest.param(
            [ent("大兴区总工会", "Union", "区总工会")],
            [ent("大兴区总工会", "Union"), ent("区总工会", "Union")],
            (1, 1, 0),
            id="gold-matches-once",
        ),
        pytest.param(
            # Greedy in prediction order would give 区总工会 to the first union and
            # leave 大兴区总工会 without a partner; maximum matching finds both.
            [ent("大兴区总工会", "Union", "区总工会"), ent("顺义区总工会", "Union", "区总工会")],
            [ent("区总工会", "Union"), ent("大兴区总工会", "Union")],
            (2, 0, 0),
            id="maximum-matching",
        ),
        pytest.param(
            [ent("门头沟区总工会", "Union")],
            [ent("門頭溝區總工會", "Union")],
            (1, 0, 0),
            id="traditional-prediction",
        ),
        pytest.param(
            [ent("大兴区总工会", "Union")],
            [ent("大兴区总工会", "Union"), ent("大兴区 总工会", "Union")],
            (1, 0, 0),
            id="predicted-duplicates-deduped",
        ),
        pytest.param(
            [ent("王路曼", "Person", optional=True)],
            [ent("王路曼", "Person")],
            (0, 0, 0),
            id="optional-found",
        ),
        pytest.param(
            [ent("王路曼", "Person", optional=True)],
            [],
            (0, 0, 0),
            id="optional-missed",
        ),
        pytest.param(
            # The optional union is listed first and shares the alias, but the
            # prediction must go to the required one.
            [
                ent("顺义区总工会", "Union", "区总工会", optional=True),
                ent("大兴区总工会", "Union", "区总工会"),
            ],
            [ent("区总工会", "Union")],
            (1, 0, 0),
            id="required-before-optional",
        ),
        pytest.param(
            # Two predictions for one optional item: the second is an unresolved
            # duplicate, counted like a duplicate of a required item.
            [ent("北京市", "District", "首都", optional=True)],
            [ent("北京市", "District"), ent("首都", "District")],
            (0, 1, 0),
            id="optional-matches-once",
        ),
    ],
)
def test_entity_matching(gold, predicted, expected) -> None:
    report = score([art(entities=gold)], [art(entities=predicted)])
    assert counts(report.entities) == expected


@pytest.mark.parametrize("required_first", [True, False])
def test_entities_of_one_page_merge_across_articles(required_first: bool) -> None:
    articles = [
        art(entities=[ent("大兴区总工会", "Union", "区总工会")], headline="required"),
        art(entities=[ent("大兴区总工会", "Union", optional=True)], headline="optional"),
    ]
    gold = articles if required_first else articles[::-1]
    assert counts(score(gold, []).entities) == (0, 0, 1)  # one entity, required somewhere
    found = score(gold, [art(entities=[ent("区总工会", "Union")])])
    assert counts(found.entities) == (1, 0, 0)


def test_predictions_of_one_page_merge_across_articles() -> None:
    gold = [art(entities=[ent("大兴区", "District")])]
    predicted = [art(entities=[ent("大兴区", "District")]) for _ in range(2)]
    assert counts(score(gold, predicted).entities) == (1, 0, 0)


def test_pages_are_scored_separately() -> None:
    gold = [art(PAGE, [ent("大兴区", "District")]), art(OTHER_PAGE, [ent("大兴区", "District")])]
    report = score(gold, [art(PAGE, [ent("大兴区", "District"), ent("朝阳区", "District")])])
    assert counts(report.entities) == (1, 1, 1)
    assert [(m.source, m.text) for m in report.misses] == [(OTHER_PAGE, "大兴区 (District)")]
    assert [(f.source, f.text) for f in report.false_positives] == [(PAGE, "朝阳区 (District)")]


@pytest.mark.parametrize(
    ("order", "left_over"),
    [
        (["北京市总工会", "市总工会"], "市总工会 (Union)"),
        (["市总工会", "北京市总工会"], "北京市总工会 (Union)"),
    ],
)
def test_of_two_predictions_of_one_gold_entity_the_later_is_the_false_positive(
    order: list[str], left_over: str
) -> None:
    gold = [art(entities=[ent("北京市总工会", "Union", "市总工会")])]
    report = score(gold, [art(entities=[ent(name, "Union") for name in order])])
    assert counts(report.entities) == (1, 1, 0)
    assert [f.text for f in report.false_positives] == [left_over]


def test_of_two_gold_entities_one_prediction_fits_the_earlier_is_found() -> None:
    gold = [
        art(
            entities=[
                ent("东城区总工会", "Union", "区总工会"),
                ent("西城区总工会", "Union", "区总工会"),
            ]
        )
    ]
    report = score(gold, [art(entities=[ent("区总工会", "Union")])])
    assert [m.text for m in report.misses] == ["西城区总工会 (Union)"]


def test_prediction_for_a_page_without_gold_is_not_scored() -> None:
    gold = [art(PAGE, [ent("大兴区", "District")])]
    report = score(gold, [art(OTHER_PAGE, [ent("朝阳区", "District")])])
    assert counts(report.entities) == (0, 0, 1)
    assert report.unscored_sources == (OTHER_PAGE,)
    assert report.false_positives == ()


# --- triples -------------------------------------------------------------------------

PAGE_ENTITIES = [
    ent("大兴区总工会", "Union", "区总工会"),
    ent("大兴区", "District", "大兴"),
    ent("产业工人队伍建设改革", "Initiative", "产改"),
]


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        pytest.param(
            [tri("大兴区总工会", "organizes", "产业工人队伍建设改革")],
            [tri("区总工会", "organizes", "“产改”")],
            (1, 0, 0),
            id="aliases-on-both-ends",
        ),
        pytest.param(
            [tri("区总工会", "locatedIn", "大兴")],
            [tri("大兴区总工会", "locatedIn", "大兴区")],
            (1, 0, 0),
            id="gold-written-with-aliases",
        ),
        pytest.param(
            [tri("大兴区总工会", "locatedIn", "大兴区")],
            [tri("大兴区总工会", "operates", "大兴区")],
            (0, 1, 1),
            id="predicate-mismatch",
        ),
        pytest.param(
            [tri("大兴区总工会", "locatedIn", "大兴区")],
            [tri("大兴区", "locatedIn", "大兴区总工会")],
            (0, 1, 1),
            id="direction-matters",
        ),
        pytest.param(
            [tri("大兴区总工会", "locatedIn", "大兴区")],
            [tri("大兴区总工会", "locatedIn", "大兴区"), tri("大兴区总工会", "locatedIn", "大兴")],
            (1, 1, 0),
            id="gold-triple-matches-once",
        ),
        pytest.param(
            [tri("大兴区总工会", "locatedIn", "大兴区")],
            [
                tri("大兴区总工会", "locatedIn", "大兴区"),
                tri("大兴区 总工会", "locatedIn", "大兴区"),
            ],
            (1, 0, 0),
            id="predicted-duplicates-deduped",
        ),
        pytest.param(
            [tri("大兴区总工会", "locatedIn", "大兴区")],
            [tri("大興區總工會", "locatedIn", "大興區")],
            (1, 0, 0),
            id="traditional-prediction",
        ),
        pytest.param(
            # 职工 is no gold entity: only the name itself is accepted.
            [tri("产业工人队伍建设改革", "serves", "职工")],
            [tri("产改", "serves", "职工"), tri("产改", "serves", "一线职工")],
            (1, 1, 0),
            id="endpoint-without-entity",
        ),
        pytest.param(
            [tri("大兴区总工会", "organizes", "产业工人队伍建设改革", optional=True)],
            [tri("区总工会", "organizes", "产改")],
            (0, 0, 0),
            id="optional-found",
        ),
        pytest.param(
            [tri("大兴区总工会", "organizes", "产业工人队伍建设改革", optional=True)],
            [],
            (0, 0, 0),
            id="optional-missed",
        ),
    ],
)
def test_triple_matching(gold, predicted, expected) -> None:
    report = score([art(entities=PAGE_ENTITIES, triples=gold)], [art(triples=predicted)])
    assert counts(report.triples) == expected


def test_triple_endpoint_prefers_the_entity_with_that_canonical_name() -> None:
    # 大兴 is the canonical name of one entity and an alias of another; the
    # triple names the former, so the latter's names do not count.
    entities = [ent("大兴", "Place"), ent("大兴区", "District", "大兴")]
    gold = [art(entities=entities, triples=[tri("大兴", "locatedIn", "大兴")])]
    report = score(gold, [art(triples=[tri("大兴区", "locatedIn", "大兴")])])
    assert counts(report.triples) == (0, 1, 1)


def test_triples_of_one_page_merge_across_articles() -> None:
    # The same statement, written with different names in two articles of the
    # page, is one gold triple: required because one article requires it.
    gold = [
        art(entities=PAGE_ENTITIES, triples=[tri("大兴区总工会", "locatedIn", "大兴区")]),
        art(triples=[tri("区总工会", "locatedIn", "大兴")]),
        art(triples=[tri("区总工会", "locatedIn", "大兴区", optional=True)]),
    ]
    assert counts(score(gold, []).triples) == (0, 0, 1)
    found = score(gold, [art(triples=[tri("区总工会", "locatedIn", "大兴")])])
    assert counts(found.triples) == (1, 0, 0)


# --- figures -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        (Scores(tp=2, fp=1, fn=2), (2 / 3, 1 / 2, 4 / 7)),
        (Scores(tp=3, fp=0, fn=0), (1.0, 1.0, 1.0)),
        (Scores(tp=0, fp=0, fn=4), (0.0, 0.0, 0.0)),
        (Scores(tp=0, fp=5, fn=0), (0.0, 0.0, 0.0)),
        (Scores(tp=0, fp=0, fn=0), (0.0, 0.0, 0.0)),
    ],
)
def test_precision_recall_f1(scores: Scores, expected: tuple[float, float, float]) -> None:
    assert (scores.precision, scores.recall, scores.f1) == pytest.approx(expected)


def test_figures_per_type_and_predicate() -> None:
    gold = [
        art(
            entities=[*PAGE_ENTITIES, ent("朝阳区", "District")],
            triples=[
                tri("大兴区总工会", "locatedIn", "大兴区"),
                tri("大兴区总工会", "organizes", "产改"),
            ],
        )
    ]
    predicted = [
        art(
            entities=[ent("区总工会", "Union"), ent("大兴", "District"), ent("产改", "Union")],
            triples=[tri("区总工会", "locatedIn", "大兴"), tri("产改", "locatedIn", "大兴")],
        )
    ]
    report = score(gold, predicted)
    assert {k: counts(v) for k, v in report.by_type.items()} == {
        "District": (1, 0, 1),
        "Initiative": (0, 0, 1),
        "Union": (1, 1, 0),
    }
    assert {k: counts(v) for k, v in report.by_predicate.items()} == {
        "locatedIn": (1, 1, 0),
        "organizes": (0, 0, 1),
    }
    assert counts(report.entities) == (2, 1, 2)
    assert counts(report.triples) == (1, 1, 1)


# --- documents -----------------------------------------------------------------------


def test_extra_keys_are_ignored() -> None:
    predicted = art(
        entities=[{"name": "大兴区", "type": "District", "offsets": [[0, 3]], "evidence": "…"}],
        triples=[{"s": "a", "p": "locatedIn", "o": "b", "rule": "prefix", "date": "2025-01-01"}],
        date="2025-01-01",
    )
    assert doc(predicted).articles[0].entities[0].name == "大兴区"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "the document: expected a JSON object"),
        ({}, "the document: 'articles' is missing"),
        ({"articles": [{"entities": []}]}, "article 1: 'source' is missing"),
        ({"articles": [art(entities=[{"type": "Union"}])]}, "article 1, entity 1: 'name'"),
        ({"articles": [art(entities=[ent("a", "Union") | {"aliases": [1]}])]}, "'aliases'"),
        ({"articles": [art(triples=[{"s": "a", "p": "x"}])]}, "article 1, triple 1: 'o'"),
        ({"articles": [art(triples=[tri("a", "x", "b") | {"optional": "yes"}])]}, "'optional'"),
        ({"articles": [art(entities=[ent("a", "Facilty")])]}, "unknown type 'Facilty'"),
        ({"articles": [art(triples=[tri("a", "runs", "b")])]}, "unknown predicate 'runs'"),
    ],
)
def test_bad_documents_are_reported(data: Any, message: str) -> None:
    problem = parse_document(data, "pred.json")
    assert isinstance(problem, InputProblem)
    assert problem.source == "pred.json"
    assert message in problem.message
    assert "\n" not in str(problem)


def test_load_gold_resolves_sources_against_its_folder(tmp_path: Path, monkeypatch) -> None:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    gold_file = gold_dir / "g.json"
    entities = [ent("大兴区", "District")]
    gold_file.write_text(json.dumps({"articles": [art("../corpus/p.txt", entities)]}))
    gold = load_gold(gold_file)
    assert isinstance(gold, Document)
    assert gold.articles[0].source == (tmp_path / "corpus" / "p.txt").resolve()
    # The pipeline's paths are relative to where it runs.
    monkeypatch.chdir(tmp_path)
    report = evaluate(gold, doc(art("corpus/p.txt", entities)))
    assert counts(report.entities) == (1, 0, 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read gold file"),
        ("{not json", "not valid JSON"),
        ('{"articles": [{"source": 3}]}', "article 1: 'source' must be a str"),
    ],
)
def test_load_gold_problems(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "gold.json"
    if content is not None:
        path.write_text(content)
    problem = load_gold(path)
    assert isinstance(problem, InputProblem)
    assert problem.source == str(path)
    assert message in problem.message


# --- report --------------------------------------------------------------------------


def test_format_report() -> None:
    gold = [
        art(entities=[ent("大兴区总工会", "Union"), ent("大兴区", "District")]),
        art(OTHER_PAGE, [ent("朝阳区", "District")]),
    ]
    predicted = [art(entities=[ent("大兴区总工会", "Union"), ent("大兴", "Union")])]
    text = format_report(score(gold, predicted))
    lines = text.splitlines()
    assert lines[-2] == "entities  P=0.500 R=0.333 F1=0.400"
    assert lines[-1] == "triples   P=0.000 R=0.000 F1=0.000"
    assert re.search(r"^entities\s+1\s+1\s+2\s+0\.500\s+0\.333\s+0\.400$", text, re.M)
    assert re.search(r"^  District\s+0\s+0\s+2\s", text, re.M)
    misses = text[text.index("misses") : text.index("false positives")]
    assert misses.index(PAGE) < misses.index("大兴区 (District)") < misses.index(OTHER_PAGE)
    assert misses.index(OTHER_PAGE) < misses.index("朝阳区 (District)")
    assert "大兴 (Union)" in text[text.index("false positives") :]


# --- the seed page -------------------------------------------------------------------


def seed_as_predicted() -> dict[str, Any]:
    """The seed gold's required items, with sources as the pipeline would name them."""
    data = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    for article in data["articles"]:
        page = (SEED_GOLD.parent / article["source"]).resolve()
        article["source"] = os.path.relpath(page)
        article["entities"] = [
            {"name": e["name"], "type": e["type"]}
            for e in article["entities"]
            if not e.get("optional")
        ]
        article["triples"] = [t for t in article["triples"] if not t.get("optional")]
    return data


@pytest.mark.shared
def test_seed_against_itself() -> None:
    gold = load_gold(SEED_GOLD)
    assert isinstance(gold, Document)
    predicted = parse_document(seed_as_predicted(), "seed")
    assert isinstance(predicted, Document)
    report = evaluate(gold, predicted)
    for scores in (report.entities, report.triples):
        assert scores.tp > 0
        assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)
    assert report.misses == report.false_positives == report.unscored_sources == ()


@pytest.mark.shared
def test_seed_against_nothing() -> None:
    gold = load_gold(SEED_GOLD)
    assert isinstance(gold, Document)
    report = evaluate(gold, doc())
    assert report.entities.recall == report.triples.recall == 0.0
    assert report.entities.fn > 0 and report.triples.fn > 0
    assert format_report(report).splitlines()[-2:] == [
        "entities  P=0.000 R=0.000 F1=0.000",
        "triples   P=0.000 R=0.000 F1=0.000",
    ]
