"""The core schema (../shared/gold/SCHEMA.md): entity types and the relations between them."""

from __future__ import annotations

# Quotation and book-title marks: never part of a name (“慧企学堂” is 慧企学堂).
QUOTE_MARKS = "“”‘’「」『』《》〈〉\"'"
_WITHOUT_QUOTES = str.maketrans("", "", QUOTE_MARKS)


def strip_quotes(text: str) -> str:
    return text.translate(_WITHOUT_QUOTES)


ENTITY_TYPES = (
    "Union",
    "District",
    "Place",
    "Initiative",
    "Facility",
    "Organization",
    "WorkerGroup",
    "Person",
)

# predicate -> (subject types, object types)
RELATIONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "locatedIn": (
        frozenset({"Union", "Facility", "Organization", "Place", "District"}),
        frozenset({"District", "Place"}),
    ),
    "organizes": (
        frozenset({"Union", "Organization", "District"}),
        frozenset({"Initiative"}),
    ),
    "operates": (
        frozenset({"Union", "Organization", "District"}),
        frozenset({"Facility", "Place"}),
    ),
    "serves": (frozenset({"Facility", "Initiative"}), frozenset({"WorkerGroup"})),
    "heldAt": (frozenset({"Initiative"}), frozenset({"Facility", "Place"})),
    "partOf": (
        frozenset({"Initiative", "Union", "Organization"}),
        frozenset({"Initiative", "Union", "Organization"}),
    ),
    "memberOf": (frozenset({"Person"}), frozenset({"Union", "Organization"})),
}


def allows(predicate: str, subject_type: str, object_type: str) -> bool:
    subjects, objects = RELATIONS[predicate]
    if predicate == "partOf" and (subject_type == "Initiative") != (object_type == "Initiative"):
        return False  # an initiative is part of an initiative, a body part of a body
    return subject_type in subjects and object_type in objects
