"""The notebooks run top to bottom with a fresh kernel, in a working copy that holds
only the notebooks and the demo corpus (so they use no hidden state and no path of
this checkout), and are kept in git without outputs."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import DEMO, REPO

pytestmark = pytest.mark.slow  # runs the notebooks with a fresh kernel

NOTEBOOKS = REPO / "notebooks"
NAMES = ("01-build-and-query.ipynb", "02-analysis.ipynb")
# A path of this machine in a string: "/…" or "~/…".
_ABSOLUTE = re.compile(r"""["'](?:/|~/|[A-Za-z]:\\)""")


def _execute(name: str, root: Path) -> tuple[Any, Path]:
    """Run one notebook in a copy laid out as the repository is (notebooks/ beside
    examples/articles/); returns the executed notebook and its folder."""
    folder = root / "notebooks"
    folder.mkdir(parents=True)
    shutil.copy(NOTEBOOKS / name, folder / name)
    shutil.copytree(DEMO, root / "examples" / "articles")
    notebook = nbformat.read(folder / name, as_version=4)
    NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    ).execute()
    return notebook, folder


def _outputs(notebook: Any, mime: str) -> list[str]:
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if mime == "stream" and output.get("output_type") == "stream":
                found.append(output["text"])
            elif mime in output.get("data", {}):
                found.append(output["data"][mime])
    return found


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_are_stored_without_outputs_or_absolute_paths(name: str) -> None:
    notebook = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code
    for cell in code:
        assert cell["outputs"] == [] and cell["execution_count"] is None
        assert not _ABSOLUTE.search("".join(cell["source"])), "".join(cell["source"])


def test_notebook_build_look_and_query(tmp_path: Path) -> None:
    notebook, folder = _execute(NAMES[0], tmp_path)
    assert (folder / "output" / "graph.ttl").exists()
    printed = "".join(_outputs(notebook, "stream"))
    assert "17 file(s) read" in printed and "0 problem(s)" in printed
    # displaCy drew the entities of the article, with their types.
    (entities,) = [html for html in _outputs(notebook, "text/html") if 'class="entities"' in html]
    assert "东城区总工会" in entities and "Union" in entities
    # The named queries answered: a table of unions per district, the one entity.
    assert "unions-per-district" in printed
    assert re.search(r"东城区\s+110101", printed)
    assert re.search(
        r"东城区总工会\s+kgr:union/\S+\s+kgo:Union\s+→\s+kgo:locatedIn\s+东城区", printed
    )


def test_notebook_analysis_and_charts(tmp_path: Path) -> None:
    notebook, folder = _execute(NAMES[1], tmp_path)
    images = _outputs(notebook, "image/png")
    assert len(images) == 3  # districts, co-organisers, timeline
    (frame,) = [html for html in _outputs(notebook, "text/html") if "<iframe" in html]
    assert "srcdoc=" in frame and "vis-network" in frame
    printed = "".join(_outputs(notebook, "stream"))
    assert "MultiDiGraph with" in printed and "initiatives facilities articles" in printed
    for name in ("report.html", "report.md", "graph.graphml", "graph.gexf", "nodes.csv"):
        assert (folder / "output" / name).exists(), name
