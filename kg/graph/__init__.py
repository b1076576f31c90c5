"""The knowledge graph as RDF, a library: ontology terms, article graphs, the store,
queries, the SPARQL server and push. It runs no stage of its own: kg.folder builds the
output folder with it (tests/test_layout.py keeps it so)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from kg.graph.store import OxigraphStore, current_store_path

__all__ = ["load_graph"]


def load_graph(out_dir: str | Path = "output") -> Dataset:
    """The graph built in ``out_dir`` as an rdflib dataset: the merged graph is its
    default graph, and each article's graph (and the ontology) a named graph."""
    path = current_store_path(Path(out_dir))
    if path is None:
        raise FileNotFoundError(f"{out_dir}: no graph built here yet (run `kg build`)")
    dataset = Dataset()
    dataset.parse(data=OxigraphStore(path, read_only=True).nquads(), format="nquads")
    return dataset
