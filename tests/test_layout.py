"""The layout of kg/ (issue 14): data flows one way, the graph is a library, and only the
command runs the two orchestrations (the pipeline and the output folder).

Imports are read from the source with ``ast``, wherever they stand: at the top, inside
a function, under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import REPO

KG = REPO / "kg"

# Each unit of kg/ (a subpackage or a top-level module) and its place in the flow: a unit
# imports only units placed before it. Place 0 is the ground every stage stands on (its
# units import one another freely). The package itself, ``kg`` (its version, which the
# graph's provenance names, and ``kg.load_graph``), has no place.
PLACES = {
    "kg.errors": 0,
    "kg.schema": 0,
    "kg.article": 0,
    "kg.record": 0,
    "kg.resources": 0,
    "kg.lexicons": 0,
    "kg.progress": 0,
    "kg.ingest": 1,
    "kg.nlp": 2,
    "kg.extract": 3,
    "kg.resolve": 4,
    "kg.pipeline": 5,
    "kg.evaluate": 5,
    "kg.runs": 5,
    "kg.cluster": 6,
    "kg.graph": 6,
    "kg.analysis": 7,
    "kg.page": 7,
    "kg.export": 7,
    "kg.report": 8,
    "kg.folder": 9,
    "kg.cli": 10,
}
# Run by the command alone: the pipeline (files → records) and the output folder
# (records → store and files).
ORCHESTRATION = {
    "kg.pipeline": {"kg.cli"},
    "kg.runs": {"kg.cli", "kg.cluster"},
    "kg.cluster": {"kg.cli"},
    "kg.folder": {"kg.cli"},
    "kg.cli": set(),
}


def imported_names(source: str) -> set[str]:
    """Every ``kg`` name an import statement of ``source`` names (``kg.graph.store`` for
    ``import kg.graph.store``, ``kg.graph.store.OxigraphStore`` for ``from kg.graph.store
    import OxigraphStore``), wherever the statement stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert not node.level, "kg imports by absolute names only"
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] == "kg"}


def unit_of(name: str) -> str:
    """The unit of kg/ a module (or a name in it) belongs to; ``kg`` for the package's own."""
    parts = name.split(".")
    if len(parts) > 1 and ((KG / parts[1]).is_dir() or (KG / f"{parts[1]}.py").is_file()):
        return f"kg.{parts[1]}"
    return "kg"


def module_of(path: Path) -> str:
    """``kg.graph.store`` for kg/graph/store.py, ``kg.graph`` for kg/graph/__init__.py."""
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def unit_imports() -> dict[str, set[str]]:
    """unit → the other units its modules import."""
    imports: dict[str, set[str]] = defaultdict(set)
    for path in sorted(KG.rglob("*.py")):
        unit = unit_of(module_of(path))
        for name in imported_names(path.read_text(encoding="utf-8")):
            if unit_of(name) != unit:
                imports[unit].add(unit_of(name))
    return imports


def test_the_reader_sees_imports_wherever_they_stand() -> None:
    source = """
from typing import TYPE_CHECKING
import kg.graph.store
from kg import export

if TYPE_CHECKING:
    from kg.record import ArticleRecord

def build():
    from kg.ingest import input_files
"""
    assert {unit_of(name) for name in imported_names(source)} == {
        "kg.graph",
        "kg.export",
        "kg.record",
        "kg.ingest",
    }
    assert unit_of("kg.__version__") == "kg"


def test_every_unit_has_its_place() -> None:
    units = {unit_of(module_of(path)) for path in KG.rglob("*.py")}
    assert units - {"kg"} == set(PLACES), "give each unit of kg/ its place in PLACES"


@pytest.mark.parametrize("unit", sorted(PLACES))
def test_imports_go_against_the_flow_nowhere(unit: str) -> None:
    imports = unit_imports().get(unit, set()) - {"kg"}
    place = PLACES[unit]
    later = {other for other in imports if PLACES[other] >= place and PLACES[other] > 0}
    assert not later, f"{unit} (place {place}) imports {sorted(later)}"


def test_the_graph_is_a_library() -> None:
    """kg.graph (RDF terms, the store, queries, the server, push) stands on the ground
    alone: nothing of extraction, of what is made from the graph, or of the folder."""
    stages = {unit for unit in unit_imports().get("kg.graph", set()) if PLACES.get(unit, 0) > 0}
    assert not stages, f"kg.graph imports {sorted(stages)}"


@pytest.mark.parametrize("orchestration", sorted(ORCHESTRATION))
def test_only_the_command_runs_an_orchestration(orchestration: str) -> None:
    importers = {unit for unit, imports in unit_imports().items() if orchestration in imports}
    assert importers <= ORCHESTRATION[orchestration], f"{sorted(importers)} import {orchestration}"
