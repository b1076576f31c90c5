"""Where prepared resources live, how they are written and how they are checked."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from kg.errors import KgError


class ResourceError(KgError):
    """A resource could not be prepared or read; the message is one line."""


class ResourceMissing(ResourceError):
    """A resource that `kg setup` prepares is not in the cache."""


class ChecksumMismatch(ResourceError):
    """A file's SHA-256 is not the one it must have."""


def cache_dir() -> Path:
    """The directory holding everything `kg setup` prepares."""
    explicit = os.environ.get("KG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "kg"
    return Path.home() / ".cache" / "kg"


def sha256_file(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def check_sha256(label: str, actual: str, expected: str) -> None:
    """Raise ChecksumMismatch naming ``label`` unless the sums agree."""
    if actual != expected:
        raise ChecksumMismatch(
            f"{label}: SHA-256 is {actual[:16]}…, expected {expected[:16]}…;"
            " the file is damaged or not the expected one"
        )


def read_manifest(path: Path) -> dict[str, object] | None:
    """The manifest at ``path``, or None when it is absent or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def files_match(directory: Path, sums: object) -> bool:
    """Whether every ``{file name: sha256}`` of ``sums`` holds in ``directory``."""
    if not isinstance(sums, dict) or not sums:
        return False
    for name, expected in sums.items():
        path = directory / name
        if not path.is_file() or sha256_file(path) != expected:
            return False
    return True


@contextmanager
def atomic_file(target: Path) -> Iterator[TextIO]:
    """Write text to a temporary file beside ``target``; it becomes ``target`` only on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _sibling(target, ".tmp")
    try:
        # O_EXCL: the name is never shared; 0o666 lets the umask decide, as open() would.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            yield out
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_dir(target: Path) -> Iterator[Path]:
    """Fill a temporary directory beside ``target``; it replaces ``target`` whole on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _sibling(target, ".tmp")
    try:
        tmp.mkdir()
        yield tmp
        _swap_in(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _sibling(target: Path, suffix: str) -> Path:
    """A fresh hidden name in ``target``'s directory, so that renaming never crosses devices."""
    return target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}{suffix}")


def _swap_in(new: Path, target: Path) -> None:
    # A directory cannot be renamed over a non-empty one, so the old copy is moved
    # aside first; a reader sees either the old complete copy, none, or the new one.
    if not target.exists():
        os.rename(new, target)
        return
    old = _sibling(target, ".old")
    os.rename(target, old)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
