"""Resources that `kg setup` prepares once and the pipeline then reads from the cache.

Nothing here downloads at import time or when a resource is looked up: only
``setup`` (and ``fetch_pkuseg_model`` without a local sdist) reaches PyPI.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.resources.cache import ChecksumMismatch, ResourceError, ResourceMissing, cache_dir
from kg.resources.division_table import (
    Division,
    build_gazetteer,
    default_gazetteer_path,
    gazetteer_is_current,
    load_divisions,
)
from kg.resources.pkuseg_model import (
    fetch_pkuseg_model,
    model_is_current,
    pkuseg_model_dir,
)

__all__ = [
    "ChecksumMismatch",
    "Division",
    "ResourceError",
    "ResourceMissing",
    "build_gazetteer",
    "cache_dir",
    "fetch_pkuseg_model",
    "load_divisions",
    "pkuseg_model_dir",
    "setup",
]


def setup(progress: Callable[[str], None]) -> None:
    """Prepare every resource that is missing or fails verification; report each step."""
    if model_is_current():
        progress(f"segmentation model: already in place in {pkuseg_model_dir()}")
    else:
        progress("segmentation model: downloading pkuseg 0.0.25 from PyPI (49 MB) and verifying")
        progress(f"segmentation model: stored in {fetch_pkuseg_model()}")
    if gazetteer_is_current():
        progress(f"divisions gazetteer: already in place in {default_gazetteer_path()}")
    else:
        progress("divisions gazetteer: building from jionlp and cpca data")
        progress(f"divisions gazetteer: stored in {build_gazetteer()}")
