"""A graph folder given by a relative path (``kg build -o output``, the notebooks'
``Path("output")``) keeps its store from one build to the next."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.folder import build, remove
from kg.graph.store import current_store_path
from tests.conftest import DEMO, Records, articles_in_store

ARTICLES = ("dongcheng_2025-01-20.html", "yanqing_2025-10-15.html")


def test_a_relative_folder_keeps_its_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, records: Records
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DEMO / ARTICLES[0], corpus)
    monkeypatch.chdir(tmp_path)
    out = Path("output")
    build([Path("corpus")], out, records)
    first = current_store_path(out)
    assert first is not None and articles_in_store(first) == 1
    shutil.copy(DEMO / ARTICLES[1], corpus)
    build([Path("corpus")], out, records)  # a new generation beside the current one
    second = current_store_path(out)
    assert second is not None and second != first and articles_in_store(second) == 2
    assert not first.exists()  # the old generation is cleared away, the new one kept
    remove([f"corpus/{ARTICLES[0]}"], out)
    third = current_store_path(out)
    assert third is not None and articles_in_store(third) == 1
    assert [p.name for p in out.glob("generation.*")] == [third.parent.name]
