"""rules.toml and the lexicons are checked when loaded, and every rule's examples hold."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg.lexicons
from kg.extract.relations import RULES_PATH, load_rules, rule_file
from kg.extract.rule_schema import RulesError
from kg.lexicons import LexiconError, table
from tests.conftest import make_article

RULES = rule_file().rules


def test_every_rule_has_examples() -> None:
    assert [rule.id for rule in RULES if not rule.examples] == []


@pytest.mark.parametrize(
    ("rule_id", "text", "triples"),
    [(rule.id, ex.text, ex.triples) for rule in RULES for ex in rule.examples],
)
def test_rule_examples_give_their_triples(
    extractor, rule_id: str, text: str, triples: list[tuple[str, str, str]]
) -> None:
    """Each example's triples are found, and this rule is among the evidence of each."""
    record = extractor(make_article(text))
    rules_of = {
        (t["s"], t["p"], t["o"]): {e["rule"] for e in t["evidence"]} for t in record["triples"]
    }
    for triple in map(tuple, triples):
        assert triple in rules_of, f"{rule_id}: {triple} not found in {sorted(rules_of)}"
        assert rule_id in rules_of[triple], f"{triple} found by {rules_of[triple]}, not {rule_id}"


GOOD_RULE = """
id = "r"
predicate = "organizes"
pattern = '{UNION}举办{INIT}'
"""
MACROS = "[macros]\nRUNS = '举办'\n"


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (
            GOOD_RULE.replace('predicate = "organizes"', 'predicate = "runs"'),
            "rules[0] (r).predicate: Value error, unknown predicate 'runs'",
        ),
        (
            GOOD_RULE.replace('"organizes"', '{ Programme = "organizes" }'),
            "rules[0] (r).predicate: Value error, unknown entity type 'Programme'",
        ),
        (GOOD_RULE + 'topic = "verb"\n', "rules[0] (r).topic: Input should be"),
        (
            GOOD_RULE + 'topic_types = ["Union", "Guild"]\n',
            "rules[0] (r).topic_types: Value error, unknown entity type 'Guild'",
        ),
        (GOOD_RULE + 'pattren = "x"\n', "rules[0] (r).pattren: Extra inputs are not permitted"),
        (
            GOOD_RULE.replace("{INIT}", "{INITIATIVE}"),
            "rules[0] (r).pattern: unknown macro {INITIATIVE}",
        ),
        (GOOD_RULE.replace("{INIT}", "{INIT}(?P<o"), "rules[0] (r).pattern: missing >"),
        (
            GOOD_RULE.replace("{INIT}", "⟨I\\d+⟩"),
            "rules[0] (r).pattern: write slots with the macros of kg/schema.py",
        ),
        (
            GOOD_RULE + 'examples = [{ text = "x" }]\n',
            "rules[0] (r).examples[0].triples: Field required",
        ),
        (GOOD_RULE + GOOD_RULE.replace("[[rules]]", ""), "rules[1] (r).id: a second rule"),
    ],
    ids=[
        "predicate",
        "type",
        "topic",
        "topic-types",
        "key",
        "macro",
        "regex",
        "raw-slot",
        "example",
        "duplicate-id",
    ],
)
def test_bad_rules_are_named(tmp_path: Path, rules: str, message: str) -> None:
    path = tmp_path / "rules.toml"
    blocks = rules.split("\nid = ")
    text = MACROS + "".join(f"\n[[rules]]\nid = {block}" for block in blocks[1:])
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as error:
        load_rules(path)
    assert str(error.value).startswith(f"{path}: {message}")


@pytest.mark.parametrize(
    ("macros", "message"),
    [
        ("RUN_VERBS = 'x'\n", "macros.RUN_VERBS: a macro name is upper-case letters only"),
        (
            'RUNS = { lexicons = ["no_such_list"] }\n',
            "macros.RUNS.lexicons: Value error, no lexicon",
        ),
        ('RUNS = { words = ["举办"] }\n', "macros.RUNS.lexicons: Field required"),
        ("A = '{B}'\nB = 'x'\n", "macros.A: unknown macro {B}"),
        ("UNION = 'x'\n", "macros.UNION: given by kg/schema.py, not by the rules"),
        ("AGENT = '⟨[UO]\\d+⟩'\n", "macros.AGENT: write slots with the macros of kg/schema.py"),
    ],
)
def test_bad_macros_are_named(tmp_path: Path, macros: str, message: str) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(f"rules = []\n[macros]\n{macros}", encoding="utf-8")
    with pytest.raises(RulesError) as error:
        load_rules(path)
    assert str(error.value).startswith(f"{path}: {message}")


def test_the_shipped_rules_load() -> None:
    assert {rule.id for rule in load_rules(RULES_PATH)} == {rule.id for rule in RULES}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "heads",
            "head\ttype\tkind\n驿站\tFacilty\tname\n",
            "line 3: unknown entity type 'Facilty'",
        ),
        ("heads", "head\ttype\tkind\n驿站\tFacility\tnoun\n", "line 3: unknown head kind 'noun'"),
        ("heads", "head\ttype\n驿站\tFacility\n", "the header must be head type kind"),
        (
            "short_forms",
            "short\ttype\texpands_to\tcanonical\n市总\tUnion\ta\tb\tc\n",
            "line 3: expected 4 columns",
        ),
        ("synonyms", "a\tb\n", "not a known table"),
    ],
)
def test_bad_lexicon_tables_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: str, message: str
) -> None:
    (tmp_path / f"{name}.tsv").write_text(f"# a comment\n{content}", encoding="utf-8")
    monkeypatch.setattr(kg.lexicons, "LEXICON_DIR", tmp_path)
    with pytest.raises(LexiconError) as error:
        table.__wrapped__(name)
    assert str(error.value).startswith(f"{tmp_path / (name + '.tsv')}: {message}")
