"""graph.html is byte-identical between two builds of the same input, whatever the hash
seed of the process that drew it (the layout's start positions once depended on it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DEMO, REPO


@pytest.mark.slow
def test_the_page_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        environment = os.environ | {"PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "kg.cli", "build", str(DEMO), "-o", str(out)]
        subprocess.run(command, cwd=REPO, env=environment, check=True, capture_output=True)
        pages.append((out / "graph.html").read_bytes())
    assert pages[0] == pages[1]
