"""The pkuseg default segmentation model: fetched from PyPI, verified, stored in the cache.

The model is not published on its own; it ships inside the pkuseg 0.0.25 source
distribution. Only its two model files are read from that tarball, each checked
against a pinned SHA-256. The feature table is then rewritten as msgpack, which
spacy-pkuseg loads first: loading the model then never unpickles a file from the
cache, and spacy-pkuseg prints no fallback warning. The price, measured with
benchmarks/bench_load.py, is about 0.3-0.8 s more per load (msgpack interns the
2.6 million feature keys); STORED_FEATURES_FORMAT = "pkl" would trade it back.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import pickle
import subprocess
import sys
import tarfile
import tempfile
import zlib
from pathlib import Path
from typing import BinaryIO

import srsly

from kg.resources.cache import (
    ResourceError,
    ResourceMissing,
    atomic_dir,
    cache_dir,
    check_sha256,
    files_match,
    read_manifest,
    sha256_file,
)

REQUIREMENT = "pkuseg==0.0.25"
SDIST_NAME = "pkuseg-0.0.25.tar.gz"
SDIST_SHA256 = "dd012bf93689721c9574bc2b2ba98fb4ac22790cec0af354a78e217828b81e91"
MEMBER_DIR = "pkuseg-0.0.25/pkuseg/models/default"
MEMBER_SHA256 = {
    "features.pkl": "265dcf5534a11d6429776f7e7450a9eef8e075b1a4bedb82ef996994d9c721ac",
    "weights.npz": "95d1632a1fed45993b5006d8ba85939cb110fae71313987673582d24669811dd",
}
MODEL_DIRNAME = "pkuseg-default"
MANIFEST = "manifest.json"
FEATURES_FORMATS = ("msgpack", "pkl")
STORED_FEATURES_FORMAT = "msgpack"
_CHUNK = 1 << 20


def pkuseg_model_dir() -> Path:
    """The prepared model directory, ready for ``spacy_pkuseg.pkuseg(str(dir))``."""
    directory = cache_dir() / MODEL_DIRNAME
    manifest = read_manifest(directory / MANIFEST)
    files = manifest.get("files") if manifest else None
    if not isinstance(files, dict) or not all((directory / name).is_file() for name in files):
        raise ResourceMissing(f"segmentation model not found in {directory}: run `kg setup`")
    return directory


def model_is_current() -> bool:
    """Whether the cached model is complete and every stored file has its recorded sum."""
    directory = cache_dir() / MODEL_DIRNAME
    manifest = read_manifest(directory / MANIFEST)
    return (
        manifest is not None
        and manifest.get("sdist_sha256") == SDIST_SHA256
        and files_match(directory, manifest.get("files"))
    )


def download_sdist(dest: Path) -> Path:
    """Download the pkuseg source distribution into ``dest`` with pip; return its path."""
    command = [
        sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
        "--no-deps", "--no-binary", ":all:", "--no-build-isolation", REQUIREMENT,
        "-d", str(dest),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    sdist = dest / SDIST_NAME
    if done.returncode != 0 or not sdist.is_file():
        lines = (done.stderr or done.stdout).strip().splitlines()
        reason = lines[-1] if lines else f"exit status {done.returncode}"
        raise ResourceError(f"pip could not download {REQUIREMENT}: {reason}")
    return sdist


def fetch_pkuseg_model(sdist: Path | None = None) -> Path:
    """Put the verified model into the cache; ``sdist`` skips the download (tests, offline)."""
    target = cache_dir() / MODEL_DIRNAME
    with tempfile.TemporaryDirectory() as work:
        source = sdist if sdist is not None else download_sdist(Path(work))
        if not source.is_file():
            raise ResourceMissing(f"{source}: no such source distribution")
        check_sha256(str(source), sha256_file(source), SDIST_SHA256)
        with atomic_dir(target) as staging:
            files = write_model(source, staging)
            manifest = {
                "requirement": REQUIREMENT,
                "sdist_sha256": SDIST_SHA256,
                "source_sha256": MEMBER_SHA256,
                "files": files,
            }
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    return target


def write_model(
    sdist: Path, dest: Path, features_format: str = STORED_FEATURES_FORMAT
) -> dict[str, str]:
    """Write the model files from ``sdist`` into ``dest``; return ``{file name: sha256}``."""
    if features_format not in FEATURES_FORMATS:
        raise ValueError(f"features format must be one of {FEATURES_FORMATS}")
    extract_model_files(sdist, dest)
    if features_format == "msgpack":
        pkl = dest / "features.pkl"
        srsly.write_msgpack(dest / "features.msgpack", load_plain_pickle(pkl))
        pkl.unlink()
    return {path.name: sha256_file(path) for path in sorted(dest.iterdir()) if path.is_file()}


def extract_model_files(sdist: Path, dest: Path) -> None:
    """Copy the two model members of ``sdist`` into ``dest``, verifying each one's sum.

    Members are looked up by exact name and copied as byte streams, so nothing else
    in the tarball (links, absolute or ``..`` paths) is ever written anywhere.
    """
    wanted = {f"{MEMBER_DIR}/{name}": name for name in MEMBER_SHA256}
    try:
        with tarfile.open(sdist, "r:gz") as tar:
            for member in tar:
                name = wanted.pop(member.name, None)
                if name is None:
                    continue
                stream = tar.extractfile(member) if member.isfile() else None
                if stream is None:
                    raise ResourceError(f"{sdist}: {member.name} is not a regular file")
                with stream:
                    digest = _copy_hashing(stream, dest / name)
                check_sha256(f"{name} in {sdist}", digest, MEMBER_SHA256[name])
    except (tarfile.TarError, EOFError, gzip.BadGzipFile, zlib.error) as error:
        raise ResourceError(f"{sdist}: not a readable source distribution ({error})") from None
    if wanted:
        raise ResourceError(f"{sdist}: has no {', '.join(sorted(wanted))}")


def load_plain_pickle(path: Path) -> object:
    """Unpickle ``path`` allowing only built-in containers and scalars, never any class."""
    with path.open("rb") as f:
        return _PlainDataUnpickler(f).load()


class _PlainDataUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        # Refusing every global makes loading unable to run code, whatever the file holds.
        raise pickle.UnpicklingError(f"refusing to load {module}.{name}: only plain data")


def _copy_hashing(stream: BinaryIO, dest: Path) -> str:
    digest = hashlib.sha256()
    with dest.open("wb") as out:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()
