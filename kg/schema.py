"""The one registry of entity types and predicates (../shared/gold/SCHEMA.md).

Everything else that names the types or predicates derives from the two tables
below, or is checked against them when loaded and stops with one line naming the
file to change:

* the rules (kg/extract): a Union mention is the slot ⟨U3⟩ of a sentence template,
  and the macro {UNION} matches one such slot; gold files name only these;
* the ontology, ontology/kg.ttl (``kg.graph.vocab.load_ontology``): a class or an
  object property of each name, with the same labels;
* the SHACL shapes, ontology/shapes.ttl (``kg.graph.vocab.load_shapes``): the types
  and the predicates, and the domain and range of each predicate;
* the graph page's style, kg/page/style.toml (``kg.page.data.load_style``): a colour,
  and a type's shape.

The README's "Add an entity type or predicate" gives the order to touch them in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError

# Quotation and book-title marks: never part of a name (“慧企学堂” is 慧企学堂).
QUOTE_MARKS = "“”‘’「」『』《》〈〉\"'"
_WITHOUT_QUOTES = str.maketrans("", "", QUOTE_MARKS)


def strip_quotes(text: str) -> str:
    return text.translate(_WITHOUT_QUOTES)


class RegistryError(KgError):
    """A file that disagrees with this registry; the message names the file and what
    to add or change there."""


def refuse_disagreement(path: Path, problems: list[str]) -> None:
    """RegistryError naming ``path`` and every one of its ``problems``, if any."""
    if problems:
        raise RegistryError(f"{path}: {'; '.join(problems)} (the registry is kg/schema.py)")


@dataclass(frozen=True)
class EntityType:
    name: str  # as in the gold files and the ontology (kgo:Union)
    letter: str  # its slot in a rule template: ⟨U3⟩ is the mention 3, a Union
    macro: str  # the rules' {UNION}: one slot of this type
    zh: str  # labels, on the graph page and in the ontology
    en: str


@dataclass(frozen=True)
class Predicate:
    name: str
    subjects: frozenset[str]  # the types a subject may have (its domain)
    objects: frozenset[str]  # the types an object may have (its range)
    zh: str
    en: str


TYPES = (
    EntityType("Union", "U", "UNION", "工会", "trade union"),
    EntityType("District", "D", "DIST", "行政区划", "administrative division"),
    EntityType("Place", "P", "PLACE", "地点", "place"),
    EntityType("Initiative", "I", "INIT", "工作项目", "initiative"),
    EntityType("Facility", "F", "FAC", "服务阵地", "facility"),
    EntityType("Organization", "O", "ORG", "组织机构", "organisation"),
    EntityType("WorkerGroup", "W", "GROUP", "职工群体", "worker group"),
    EntityType("Person", "H", "PERSON", "人物", "person"),
)


def _of(*names: str) -> frozenset[str]:
    return frozenset(names)


PREDICATES = (
    # name, subject types, object types, labels
    Predicate(
        "locatedIn",
        _of("Union", "Organization", "Facility", "Place", "District"),
        _of("District", "Place"),
        "位于",
        "located in",
    ),
    Predicate(
        "organizes",
        _of("Union", "Organization", "District"),
        _of("Initiative"),
        "组织开展",
        "organizes",
    ),
    Predicate(
        "operates",
        _of("Union", "Organization", "District"),
        _of("Facility", "Place"),
        "建设运营",
        "operates",
    ),
    Predicate("serves", _of("Facility", "Initiative"), _of("WorkerGroup"), "服务", "serves"),
    Predicate("heldAt", _of("Initiative"), _of("Facility", "Place"), "举办地点", "held at"),
    # An initiative is part of an initiative, a body part of a body (see allows).
    Predicate(
        "partOf",
        _of("Initiative", "Union", "Organization"),
        _of("Initiative", "Union", "Organization"),
        "隶属",
        "part of",
    ),
    Predicate("memberOf", _of("Person"), _of("Union", "Organization"), "任职于", "member of"),
)

# Derived views, in the tables' order.
ENTITY_TYPES = tuple(t.name for t in TYPES)
# predicate -> (subject types, object types)
RELATIONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    p.name: (p.subjects, p.objects) for p in PREDICATES
}
TYPE_LETTERS = {t.name: t.letter for t in TYPES}


def check_registry() -> None:
    """A letter or macro used twice, or a domain or range naming no type, would make
    rules match the wrong mentions: stop at import."""
    for field in ("name", "letter", "macro"):
        values = [getattr(t, field) for t in TYPES]
        twice = sorted({v for v in values if values.count(v) > 1})
        if twice:
            raise RegistryError(f"{__file__}: two entity types with the {field} {twice[0]!r}")
    for t in TYPES:
        if not (len(t.letter) == 1 and "A" <= t.letter <= "Z"):
            raise RegistryError(f"{__file__}: {t.name}: a slot letter is one of A to Z")
    for p in PREDICATES:
        unknown = sorted((p.subjects | p.objects) - set(ENTITY_TYPES))
        if unknown:
            raise RegistryError(f"{__file__}: {p.name} names an unknown type {unknown[0]!r}")


check_registry()


def allows(predicate: str, subject_type: str, object_type: str) -> bool:
    subjects, objects = RELATIONS[predicate]
    if predicate == "partOf" and (subject_type == "Initiative") != (object_type == "Initiative"):
        return False  # an initiative is part of an initiative, a body part of a body
    return subject_type in subjects and object_type in objects
