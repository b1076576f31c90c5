"""graph.ttl and graph.trig as another toolchain reads them: rapper (Raptor, Debian's
raptor2-utils; ``make test`` installs it) parses both without a warning and finds as
many triples as the store holds: the merged graph in graph.ttl, the article graphs
(not the ontology's, which is ontology/kg.ttl) in graph.trig."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.folder import TRIG_FILE, TURTLE_FILE
from kg.graph.store import OxigraphStore
from kg.graph.vocab import ONTOLOGY_IRI

pytestmark = pytest.mark.skipif(
    shutil.which("rapper") is None,
    reason="rapper is not installed (Debian raptor2-utils; `make rapper` installs it)",
)

COUNTED = re.compile(r"rapper: Parsing returned (\d+) triples")


def _rapper(path: Path, syntax: str) -> int:
    """The triples rapper counts in ``path``; fails on any warning or error it gives."""
    done = subprocess.run(
        ["rapper", "--input", syntax, "--count", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    told = [line for line in done.stderr.splitlines() if not line.startswith("rapper: Parsing ")]
    assert told == [], "\n".join(told)
    counted = COUNTED.search(done.stderr)
    assert counted, done.stderr
    return int(counted.group(1))


def test_rapper_reads_the_turtle_and_trig_as_the_store_holds_them(
    demo_built: Path, demo_store: Path
) -> None:
    store = OxigraphStore(demo_store, read_only=True)
    merged = sum(1 for *_, graph in store.quads() if graph is None)
    articles = sum(1 for *_, graph in store.quads() if graph not in (None, ONTOLOGY_IRI))
    assert merged and articles
    assert _rapper(demo_built / TURTLE_FILE, "turtle") == merged
    assert _rapper(demo_built / TRIG_FILE, "trig") == articles
