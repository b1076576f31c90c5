"""Inputs that used to take a run or the server down (issue 13): each gets one line or
a 4xx, and nothing is left running."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode

import pytest

from kg.cli import main
from kg.graph.query import MalformedQuery, run_query
from kg.graph.server import MAX_CONNECTIONS
from tests.conftest import REPO
from tests.test_serve import CROSS_PRODUCT, serving

DEEP = "SELECT * WHERE { BIND(" + "(" * 50_000 + "1" + ")" * 50_000 + " AS ?x) }"
UNIONS = "SELECT * WHERE {" + " UNION ".join(["{ ?s ?p ?o }"] * 40_000) + "}"


@pytest.mark.parametrize("sparql", [DEEP, UNIONS], ids=["nested", "unions"])
def test_a_query_too_deep_for_the_parser_is_refused(demo_store: Path, sparql: str) -> None:
    with pytest.raises(MalformedQuery):
        run_query(demo_store, sparql)


@pytest.mark.parametrize("value", ["nan", "inf", "0", "-1", "soon"])
def test_a_time_limit_must_be_seconds_above_zero(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["query", "ASK {}", "--timeout", value])
    assert exit_.value.code == 2
    assert "is not a number of seconds above 0" in capsys.readouterr().err


def test_a_push_endpoint_that_is_no_url_is_one_line(
    demo_built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["push", "--endpoint", "http://[::1", "-o", str(demo_built)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kg: error: http://[::1: not a valid URL") and err.count("\n") == 1


@pytest.mark.slow
def test_the_server_answers_400_to_a_parser_bomb_and_goes_on(
    demo_built: Path, tmp_path: Path
) -> None:
    with serving(demo_built, tmp_path / "stderr.log") as server:
        request = urllib.request.Request(
            server.url, urlencode({"query": DEEP}).encode(), method="POST"
        )
        with pytest.raises(HTTPError) as refused:
            urllib.request.urlopen(request, timeout=60)
        assert refused.value.code == 400
        started = time.monotonic()
        ask = f"{server.url}?{urlencode({'query': 'ASK { ?s ?p ?o }'})}"
        with urllib.request.urlopen(ask, timeout=60) as response:
            assert response.status == 200
        assert time.monotonic() - started < 5  # no new copy of the store was needed
        server.stop()


@pytest.mark.slow
def test_idle_connections_are_capped(demo_built: Path, tmp_path: Path) -> None:
    with serving(demo_built, tmp_path / "stderr.log") as server:
        host, port = server.url.split("//")[1].split("/")[0].split(":")
        idle = [socket.create_connection((host, int(port))) for _ in range(MAX_CONNECTIONS)]
        try:
            time.sleep(1)
            extra = socket.create_connection((host, int(port)))
            extra.settimeout(30)
            assert extra.recv(100).startswith(b"HTTP/1.1 503")
            extra.close()
        finally:
            for connection in idle:
                connection.close()
        time.sleep(1)
        ask = f"{server.url}?{urlencode({'query': 'ASK { ?s ?p ?o }'})}"
        with urllib.request.urlopen(ask, timeout=60) as response:
            assert response.status == 200
        server.stop()


def _descendants(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


@pytest.mark.slow
def test_a_query_process_dies_with_kg_query(demo_built: Path) -> None:
    command = [sys.executable, "-m", "kg.cli", "query", CROSS_PRODUCT, "-o", str(demo_built)]
    parent = subprocess.Popen(command, cwd=REPO, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while not (children := _descendants(parent.pid)):
        assert time.monotonic() < deadline and parent.poll() is None
        time.sleep(0.1)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{child}").exists() for child in children):
        assert time.monotonic() < deadline, "the query process outlived kg query"
        time.sleep(0.1)
