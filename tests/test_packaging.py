"""kg as its users install it: a wheel in a fresh virtual environment, run outside the
checkout, with nothing of the checkout on its path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from kg.resources import cache_dir
from tests.conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))

# Two short articles written for this test: a union, its district, a facility it opens
# and the workers it serves.
CORPUS = {
    "shunyi_2025-03-04.txt": (
        "顺义区总工会为快递员建成暖心驿站\n"
        "2025年3月4日\n"
        "3月3日，顺义区总工会在顺义区胜利街道建成一家暖心驿站，为快递员、外卖送餐员"
        "提供休息、饮水和充电服务。顺义区总工会主席张建国介绍，今年全区还将新建10家驿站。\n"
    ),
    "miyun_2025-06-12.txt": (
        "密云区总工会开展夏送清凉活动\n"
        "2025年6月12日\n"
        "6月11日，密云区总工会走进重点工程工地，开展夏送清凉活动，为建筑工人送去"
        "防暑降温物品。\n"
    ),
}
# What a checkout holds that is no part of the source to build.
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "*.egg-info", "__pycache__", ".*_cache", "output", "notebooks"
)


def test_every_folder_of_kg_is_a_listed_package() -> None:
    """pyproject.toml lists the packages (to map ontology/ to kg/ontology): a new folder
    of kg/ left off the list would be missing from the wheel."""
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    folders = {
        ".".join(init.parent.relative_to(REPO).parts) for init in (REPO / "kg").rglob("__init__.py")
    }
    assert folders <= listed
    mapped = PYPROJECT["tool"]["setuptools"]["package-dir"]
    assert listed - folders == {"kg.ontology", "kg.ontology.queries"}
    assert mapped == {"kg.ontology": "ontology"}


def _run(args: list[str | Path], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


@pytest.mark.slow
def test_the_wheel_installs_and_runs_outside_the_checkout(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=NOT_SOURCE)  # never leave build/ in the checkout
    dist = tmp_path / "dist"
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", dist, source],
        tmp_path,
        {**os.environ},
    )
    (wheel,) = dist.glob("*.whl")
    assert wheel.name.startswith("union_news_kg-")
    names = set(zipfile.ZipFile(wheel).namelist())
    packed = [(REPO / "ontology").rglob(p) for p in ("*.ttl", "*.rq")]
    for path in (p for found in packed for p in found):
        assert f"kg/ontology/{path.relative_to(REPO / 'ontology').as_posix()}" in names

    # Nothing of the checkout or of the test's own environment is seen; the kg setup
    # cache is the one this machine already has (or fills), so setup checks, not fetches.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["KG_CACHE_DIR"] = str(cache_dir())
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], tmp_path, env)
    bin_dir = venv / "bin"
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    _run([bin_dir / "pip", "install", "--quiet", "--no-compile", wheel], tmp_path, env)

    work = tmp_path / "work"
    corpus = work / "corpus"
    corpus.mkdir(parents=True)
    for name, text in CORPUS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    kg = bin_dir / "kg"
    where = _run([bin_dir / "python", "-c", "import kg; print(kg.__file__)"], work, env)
    assert Path(where.strip()).is_relative_to(venv)

    no_path = subprocess.run([kg, "build"], cwd=work, env=env, capture_output=True, text=True)
    assert no_path.returncode == 2
    assert no_path.stderr.strip().splitlines() == [
        "kg: error: no files or folders given: pass some, e.g. `kg build ARTICLES_DIR`"
    ]
    _run([kg, "setup"], work, env)
    _run([kg, "build", "corpus", "-o", "out"], work, env)
    counts = _run([kg, "query", "--name", "entities-per-type", "-o", "out"], work, env)
    assert "Union" in counts and "WorkerGroup" in counts
    _run([kg, "report", "-o", "out"], work, env)
    _run([kg, "export", "-o", "out"], work, env)
    written = {p.name for p in (work / "out").iterdir()}
    expected = {"graph.ttl", "report.html", "report.md", "graph.graphml", "nodes.csv"}
    assert expected <= written
    assert "顺义区总工会" in (work / "out" / "report.md").read_text(encoding="utf-8")
