"""kg/schema.py is the one registry of types and predicates: the files that must
agree with it are checked when loaded, and the README's recipe names exactly those."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kg import schema
from kg.extract.relations import RULES_PATH, load_rules
from kg.extract.rule_schema import BUILTIN_MACROS
from kg.graph.vocab import load_ontology, load_shapes
from kg.page.data import load_style
from kg.schema import EntityType, Predicate, RegistryError

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
# Every loader that checks a file against the registry.
LOADERS: list[Callable[[], Any]] = [load_ontology, load_shapes, load_style]

ROBOT = EntityType("Robot", "R", "ROBOT", "机器人", "robot")
REPAIRS = Predicate("repairs", frozenset({"Union"}), frozenset({"Facility"}), "维修", "repairs")


def _recipe(title: str) -> list[str]:
    """The files of one recipe of the README: the `path` opening each numbered step."""
    section = README.read_text(encoding="utf-8").split(f"### {title}\n", 1)[1]
    section = section.split("\n#", 1)[0]
    return re.findall(r"^\d+\. `([^`]+)`", section, re.MULTILINE)


def _relative(path: Path) -> str:
    return str(path.resolve().relative_to(ROOT))


@pytest.fixture
def fresh_loaders() -> Iterator[None]:
    """The loaders read the registry again (they cache what they load)."""
    for loader in LOADERS:
        loader.cache_clear()
    yield
    for loader in LOADERS:
        loader.cache_clear()


def test_the_shipped_files_agree_with_the_registry(fresh_loaders: None) -> None:
    for loader in LOADERS:
        loader()


@pytest.mark.parametrize(
    ("new_type", "new_predicate", "name"),
    [(ROBOT, None, "Robot"), (None, REPAIRS, "repairs")],
    ids=["type", "predicate"],
)
def test_the_recipe_names_the_files_that_a_new_name_makes_fail(
    monkeypatch: pytest.MonkeyPatch,
    fresh_loaders: None,
    new_type: EntityType | None,
    new_predicate: Predicate | None,
    name: str,
) -> None:
    """With a type or predicate that only the registry has, every check stops naming
    its file and the new name; those files, after kg/schema.py, are the recipe."""
    if new_type is not None:
        monkeypatch.setattr(schema, "TYPES", (*schema.TYPES, new_type))
    if new_predicate is not None:
        monkeypatch.setattr(schema, "PREDICATES", (*schema.PREDICATES, new_predicate))
    named = []
    for loader in LOADERS:
        with pytest.raises(RegistryError) as error:
            loader()
        path, message = str(error.value).split(": ", 1)
        assert name in message
        named.append(_relative(Path(path)))
    assert _recipe("Add an entity type or predicate") == ["kg/schema.py", *named]


def test_the_rule_recipe_starts_with_the_rule_file() -> None:
    files = _recipe("Add a rule")
    assert files[0] == _relative(RULES_PATH)
    assert all((ROOT / f).exists() for f in files)


def test_every_type_has_a_macro_for_its_slot() -> None:
    for t in schema.TYPES:
        assert re.fullmatch(BUILTIN_MACROS[t.macro], f"⟨{t.letter}12⟩")
    assert {rule.id for rule in load_rules()}  # the shipped rules use only these macros


@pytest.mark.parametrize(
    ("letter", "macro", "message"),
    [
        ("U", "ROBOT", "two entity types with the letter 'U'"),
        ("R", "UNION", "two entity types with the macro 'UNION'"),
        ("r", "ROBOT", "Robot: a slot letter is one of A to Z"),
    ],
)
def test_a_registry_that_would_confuse_slots_is_refused(
    monkeypatch: pytest.MonkeyPatch, letter: str, macro: str, message: str
) -> None:
    robot = EntityType("Robot", letter, macro, "机器人", "robot")
    monkeypatch.setattr(schema, "TYPES", (*schema.TYPES, robot))
    with pytest.raises(RegistryError, match=message):
        schema.check_registry()
