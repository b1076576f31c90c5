"""Knowledge graphs from Chinese trade-union news."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Dataset

__version__ = "0.1.0"


def load_graph(out_dir: str | Path = "output") -> Dataset:
    """The graph that ``kg build`` wrote to ``out_dir``, as an rdflib Dataset.

    Imported on use: ``import kg`` stays light for the extraction workers.
    """
    from kg.graph import load_graph as load

    return load(out_dir)
