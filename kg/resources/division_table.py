"""The table of China's administrative divisions that `kg setup` builds, down to towns and
subdistricts (kg.nlp.gazetteer looks names up in it).

Built from two files that installed packages ship: jionlp's china_location.zip (the
division tree, tab-indented, with 6-digit codes and short names down to county
level) and cpca's adcodes.csv (longitude and latitude by code). Villages and
communities are left out: there are 650,000 of them.

Choices the source forces:

* A municipality or special administrative region (北京市, 香港) is listed both as
  province and as city under the same code. It is one division, so it is kept once,
  as a province, and its districts hang directly under it.
* Rows named ``…直辖行政区划`` (counties governed directly by a province, towns
  governed directly by a city such as 东莞) are bookkeeping, not places: they are
  dropped and their children hang under the nearest real ancestor.
* Hong Kong and Macau districts carry their region's code; a code that belongs to
  an ancestor is not the row's own, so it is left empty there (and no coordinates
  are borrowed from the region).
* A county renamed with a new code (晋宁县 530122 → 晋宁区 530115) takes the
  coordinates cpca still lists under its old name in the same city.
* ``short`` is jionlp's short name down to county level, and for towns the name
  without 街道/镇/乡/地区(办事处) when two characters remain. It is left empty
  rather than repeat the name (jionlp keeps 天津's 河北区 whole, apart from 河北).
* Former names (jionlp's china_location_change.txt) are not kept as aliases: the
  file has no codes, covers few changes, and holds generic old names (城区, 郊区,
  矿区) that would match text all over the country.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from kg.resources.cache import (
    ResourceError,
    ResourceMissing,
    atomic_file,
    cache_dir,
    read_manifest,
    sha256_file,
)

LEVELS = ("province", "city", "county", "town")
COLUMNS = ("id", "parent_id", "level", "name", "short", "code", "lon", "lat")
FORMAT_VERSION = 1
GAZETTEER_DIRNAME = "gazetteer"
DIVISIONS_FILE = "divisions.tsv"
# Beijing's 地区办事处 are listed as 小红门地区 and the like, hence 地区.
TOWN_SUFFIXES = ("地区办事处", "街道办事处", "街道", "地区", "镇", "乡")
# What a county renamed with a new code was called before (晋宁县 → 晋宁区, 赣县 → 赣县区).
COUNTY_SUFFIXES = ("县", "市", "区", "旗", "")
PLACEHOLDER_SUFFIX = "直辖行政区划"
MIN_SHORT_LENGTH = 2


@dataclass(frozen=True, slots=True)
class Division:
    """One division. ``short`` is a shorter name it goes by (大兴区 → 大兴), or empty;
    ``code`` is its 6-digit code, empty for towns; ``parent_id`` is None for provinces."""

    id: int
    parent_id: int | None
    level: str
    name: str
    short: str
    code: str
    lon: float | None
    lat: float | None


def default_gazetteer_path() -> Path:
    return cache_dir() / GAZETTEER_DIRNAME / DIVISIONS_FILE


def manifest_path(target: Path) -> Path:
    return target.with_suffix(".manifest.json")


def source_files() -> dict[str, Path]:
    """The installed files the gazetteer is built from, located without importing them."""
    return {
        "china_location.zip": _package_dir("jionlp") / "dictionary" / "china_location.zip",
        "adcodes.csv": _package_dir("cpca") / "resources" / "adcodes.csv",
    }


def gazetteer_is_current(target: Path | None = None) -> bool:
    """Whether ``target`` was built by this code from the installed sources, untouched since."""
    target = target or default_gazetteer_path()
    manifest = read_manifest(manifest_path(target))
    return (
        manifest is not None
        and target.is_file()
        and manifest.get("format") == FORMAT_VERSION
        and manifest.get("sources") == _source_sums()
        and manifest.get("sha256") == sha256_file(target)
    )


def build_gazetteer(target: Path | None = None) -> Path:
    """Build the divisions table into ``target`` (default: the cache) and return its path."""
    target = target or default_gazetteer_path()
    sources = source_files()
    divisions = parse_divisions(
        _read_location_lines(sources["china_location.zip"]),
        _read_coordinates(sources["adcodes.csv"]),
    )
    with atomic_file(target) as out:
        write_divisions(divisions, out)
    manifest = {"format": FORMAT_VERSION, "sources": _source_sums(), "sha256": sha256_file(target)}
    with atomic_file(manifest_path(target)) as out:
        out.write(json.dumps(manifest, indent=2) + "\n")
    return target


def load_divisions(path: Path | None = None) -> list[Division]:
    """Every division of the gazetteer, in file order (each parent before its children)."""
    path = path or default_gazetteer_path()
    try:
        f = path.open(encoding="utf-8", newline="")
    except FileNotFoundError:
        raise ResourceMissing(
            f"divisions gazetteer not found in {path.parent}: run `kg setup`"
        ) from None
    with f:
        if tuple(f.readline().rstrip("\n").split("\t")) != COLUMNS:
            raise ResourceError(f"{path}: not a divisions gazetteer; run `kg setup` to rebuild it")
        return [_parse_row(path, number, line) for number, line in enumerate(f, start=2)]


def town_short(name: str) -> str:
    """建外街道 → 建外; empty when no suffix comes off or fewer than two characters remain."""
    for suffix in TOWN_SUFFIXES:
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            return stem if len(stem) >= MIN_SHORT_LENGTH else ""
    return ""


def parse_divisions(
    lines: list[str], coordinates: dict[str, tuple[str, float, float]]
) -> list[Division]:
    """The divisions of jionlp's tab-indented tree, with coordinates from ``coordinates``.

    ``coordinates`` maps a 6-digit code to (cpca's name, longitude, latitude).
    """
    divisions: list[Division] = []
    # Per depth: the id and the code a child at the next depth hangs under.
    anchors: list[tuple[int | None, str]] = [(None, "")] * len(LEVELS)
    for line in lines:
        depth = len(line) - len(line.lstrip("\t"))
        if depth >= len(LEVELS) or not line.strip():
            continue
        name, code, short = ([*line.strip().split("\t"), "", ""])[:3]
        parent_id, parent_code = anchors[depth - 1] if depth else (None, "")
        if name.endswith(PLACEHOLDER_SUFFIX) or (depth == 1 and code == parent_code):
            anchors[depth] = (parent_id, parent_code)
            continue
        if code == parent_code:
            code = ""
        level = LEVELS[depth]
        short = town_short(name) if level == "town" else short
        division = Division(
            id=len(divisions) + 1,
            parent_id=parent_id,
            level=level,
            name=name,
            short="" if short == name else short,
            code=code,
            lon=None,
            lat=None,
        )
        divisions.append(division)
        anchors[depth] = (division.id, code or parent_code)
    return _with_coordinates(divisions, coordinates)


def write_divisions(divisions: list[Division], out: TextIO) -> None:
    out.write("\t".join(COLUMNS) + "\n")
    for d in divisions:
        fields = (d.id, d.parent_id, d.level, d.name, d.short, d.code, d.lon, d.lat)
        cells = ["" if value is None else str(value) for value in fields]
        if any("\t" in cell or "\n" in cell for cell in cells):
            raise ResourceError(f"division {d.name!r}: a field holds a tab or a line break")
        out.write("\t".join(cells) + "\n")


def _with_coordinates(
    divisions: list[Division], coordinates: dict[str, tuple[str, float, float]]
) -> list[Division]:
    own_codes = {d.code for d in divisions if d.code}
    # cpca rows whose code no current division has: old codes of renamed counties.
    by_old_name = {
        (code[:4], name): (lon, lat)
        for code, (name, lon, lat) in coordinates.items()
        if code not in own_codes
    }
    placed = []
    for d in divisions:
        if d.code in coordinates:
            _, lon, lat = coordinates[d.code]
            d = replace(d, lon=lon, lat=lat)
        elif d.code and d.level == "county" and len(d.short) >= MIN_SHORT_LENGTH:
            for suffix in COUNTY_SUFFIXES:
                found = by_old_name.pop((d.code[:4], d.short + suffix), None)
                if found:
                    d = replace(d, lon=found[0], lat=found[1])
                    break
        placed.append(d)
    return placed


def _parse_row(path: Path, number: int, line: str) -> Division:
    try:
        id_, parent, level, name, short, code, lon, lat = line.rstrip("\n").split("\t")
        return Division(
            int(id_),
            int(parent) if parent else None,
            level,
            name,
            short,
            code,
            float(lon) if lon else None,
            float(lat) if lat else None,
        )
    except ValueError:
        raise ResourceError(
            f"{path}, line {number}: malformed row; run `kg setup` to rebuild it"
        ) from None


def _read_location_lines(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            text = archive.read("china_location.txt").decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError) as error:
        raise ResourceError(f"{path}: cannot read the division list ({error})") from None
    return text.splitlines()


def _read_coordinates(path: Path) -> dict[str, tuple[str, float, float]]:
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return {
                row["adcode"][:6]: (row["name"], float(row["longitude"]), float(row["latitude"]))
                for row in csv.DictReader(f)
                if row["longitude"] and row["latitude"]  # 市辖区 rows have none
            }
    except (OSError, KeyError, ValueError) as error:
        raise ResourceError(f"{path}: cannot read coordinates ({error})") from None


def _source_sums() -> dict[str, str]:
    return {name: sha256_file(path) for name, path in source_files().items() if path.is_file()}


def _package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ResourceError(f"package {package} is not installed; reinstall kg")
    return Path(next(iter(spec.submodule_search_locations)))
