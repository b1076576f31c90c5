"""kg/schema.py is the one registry of types and predicates: the files that must
agree with it are checked when loaded, and the README's recipe names exactly those."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kg import schema
from kg.extract.relations import RULES_PATH
from kg.extract.rule_schema import BUILTIN_MACROS
from kg.graph.vocab import load_ontology, load_shapes
from kg.page.data import load_style, style_problems
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


def test_each_type_macro_matches_the_slots_of_its_type_only() -> None:
    for t in schema.TYPES:
        slots = {f"⟨{other.letter}12⟩": other is t for other in schema.TYPES}
        assert {slot: bool(re.fullmatch(BUILTIN_MACROS[t.macro], slot)) for slot in slots} == slots
        assert re.fullmatch(BUILTIN_MACROS["SLOT"], f"⟨{t.letter}0⟩")


def _changed(entries: tuple[Any, ...], name: str, **fields: Any) -> tuple[Any, ...]:
    return tuple(replace(e, **fields) if e.name == name else e for e in entries)


@pytest.mark.parametrize(
    ("table", "name", "fields", "loader", "message"),
    [
        (
            "TYPES",
            "Union",
            {"zh": "工会组织"},
            load_ontology,
            'kgo:Union lacks rdfs:label "工会组织"@zh',
        ),
        (
            "PREDICATES",
            "heldAt",
            {"subjects": frozenset({"Initiative", "Union"})},
            load_ontology,
            "kgo:heldAt needs rdfs:domain kgo:Entity",
        ),
        (
            "PREDICATES",
            "memberOf",
            {"objects": frozenset({"Union"})},
            load_shapes,
            "no shape kgs:memberOfShape",
        ),
    ],
)
def test_a_file_that_disagrees_is_named_with_what_it_lacks(
    monkeypatch: pytest.MonkeyPatch,
    fresh_loaders: None,
    table: str,
    name: str,
    fields: dict[str, Any],
    loader: Callable[[], Any],
    message: str,
) -> None:
    monkeypatch.setattr(schema, table, _changed(getattr(schema, table), name, **fields))
    with pytest.raises(RegistryError, match=re.escape(message)):
        loader()


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


def test_a_style_for_a_name_the_registry_lacks_is_a_typo() -> None:
    style = load_style()
    typo = {**style, "types": {**style["types"], "Facilty": {"color": "#000", "shape": "dot"}}}
    assert style_problems(typo) == ["[types.Facilty] is not in the registry"]
