"""The schema of ``rules.toml``, checked when the rules are loaded (as spaCy checks its
Matcher patterns): an unknown key, predicate, entity type, lexicon or macro is an error
that names the file, the rule and the key, instead of a rule that silently never fires.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from kg.errors import KgError
from kg.lexicons import LEXICON_DIR
from kg.schema import ENTITY_TYPES, RELATIONS, TYPES

# {NAME} in a pattern or macro: upper-case letters only.
MACRO_NAME = re.compile(r"^[A-Z]+$")
MACRO_USE = re.compile(r"\{([A-Za-z_]\w*)\}")
# The macros every rule file has, from kg/schema.py: one slot of a type ({UNION} is
# ⟨U\d+⟩), and {SLOT}, one of any type. A rule names slots only through them, so
# that the letters live in the schema alone.
BUILTIN_MACROS = {t.macro: f"⟨{t.letter}\\d+⟩" for t in TYPES} | {"SLOT": "⟨[A-Z]\\d+⟩"}
# A slot written by hand: ⟨ then a letter or a class of letters (⟨U, ⟨[UO]).
RAW_SLOT = re.compile(r"⟨[A-Z\[]")


class RulesError(KgError):
    """A rule file that does not follow the schema; the message names file, rule and key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Example(_Strict):
    """A sentence and the triples (subject, predicate, object) the rule finds in it."""

    text: str
    triples: list[tuple[str, str, str]]


class LexiconMacro(_Strict):
    lexicons: list[str]

    @field_validator("lexicons")
    @classmethod
    def _lexicons_exist(cls, names: list[str]) -> list[str]:
        missing = [n for n in names if not (LEXICON_DIR / f"{n}.txt").is_file()]
        if missing:
            raise ValueError(f"no lexicon {', '.join(missing)} in {LEXICON_DIR}")
        return names


class RuleSpec(_Strict):
    id: str
    predicate: str | dict[str, str]
    pattern: str
    topic: Literal["", "subject", "object"] = ""
    topic_types: list[str] = []
    # With no topic in the sentence or the one before, the article's opening (its
    # headline) gives it.
    article_topic: bool = False
    # The site a heldAt of this rule names serves whom its event serves in the same
    # sentence (a body goes to a site and holds an event there for its people).
    venue_serves: bool = False
    examples: list[Example] = []

    @field_validator("predicate")
    @classmethod
    def _known_predicate(cls, value: str | dict[str, str]) -> str | dict[str, str]:
        table = value if isinstance(value, dict) else {"*": value}
        for entity_type, predicate in table.items():
            if entity_type != "*" and entity_type not in ENTITY_TYPES:
                raise ValueError(f"unknown entity type {entity_type!r}")
            if predicate not in RELATIONS:
                raise ValueError(f"unknown predicate {predicate!r}")
        return value

    @field_validator("topic_types")
    @classmethod
    def _known_types(cls, value: list[str]) -> list[str]:
        unknown = [t for t in value if t not in ENTITY_TYPES]
        if unknown:
            raise ValueError(f"unknown entity type {unknown[0]!r}")
        return value


class RuleFile(_Strict):
    macros: dict[str, str | LexiconMacro]
    rules: list[RuleSpec]


def _where(loc: tuple[int | str, ...], data: dict) -> str:
    """rules[3] (held-at).predicate, or macros.RUNS: the path to the bad key."""
    parts: list[str] = []
    for i, key in enumerate(loc):
        if isinstance(key, int):
            parts[-1] += f"[{key}]"
            if loc[:i] == ("rules",):
                rules = data.get("rules")
                if isinstance(rules, list) and key < len(rules) and isinstance(rules[key], dict):
                    parts[-1] += f" ({rules[key].get('id', '?')})"
        elif key not in ("str", "LexiconMacro", "dict[str,str]") and not key.startswith("tuple"):
            parts.append(str(key))
    return ".".join(parts)


def validate(data: dict, path: Path) -> RuleFile:
    """The parsed rule file, or RulesError naming ``path`` and the first problem."""
    try:
        parsed = RuleFile.model_validate(data)
    except ValidationError as error:
        # The deepest error: of a value that fits neither form of a union, the one
        # about the form it was written in (a table's bad key, not "not a string").
        first = max(error.errors(), key=lambda e: len(e["loc"]))
        raise RulesError(f"{path}: {_where(first['loc'], data)}: {first['msg']}") from None
    for name, value in parsed.macros.items():
        if not MACRO_NAME.match(name):
            raise RulesError(f"{path}: macros.{name}: a macro name is upper-case letters only")
        if name in BUILTIN_MACROS:
            raise RulesError(f"{path}: macros.{name}: given by kg/schema.py, not by the rules")
        if isinstance(value, str):
            _check_uses(
                value,
                [*BUILTIN_MACROS, *list(parsed.macros)[: list(parsed.macros).index(name)]],
                path,
                f"macros.{name}",
            )
    seen: set[str] = set()
    for index, rule in enumerate(parsed.rules):
        where = f"rules[{index}] ({rule.id})"
        if rule.id in seen:
            raise RulesError(f"{path}: {where}.id: a second rule with this id")
        seen.add(rule.id)
        _check_uses(rule.pattern, [*BUILTIN_MACROS, *parsed.macros], path, f"{where}.pattern")
    return parsed


def _check_uses(pattern: str, known: list[str], path: Path, where: str) -> None:
    if RAW_SLOT.search(pattern):
        raise RulesError(
            f"{path}: {where}: write slots with the macros of kg/schema.py ({{UNION}}…)"
        )
    for use in MACRO_USE.finditer(pattern):
        if use.group(1) not in known:
            raise RulesError(f"{path}: {where}: unknown macro {{{use.group(1)}}}")
