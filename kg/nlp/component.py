"""What every kg pipeline component shares: it works through a batch at a time.

Segmenting one article walks the segmentation model's large tables and pushes
everything else out of the CPU caches. Run one article at a time, each component
then starts cold and segmentation itself slows down too; a component that takes a
whole batch of Docs before passing them on keeps its own tables warm, and the
segmenter segments a batch of articles in a row. ``benchmarks/bench_extract.py``
measures it: the time spent outside segmentation about halves.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc
from spacy.util import minibatch


class Component(ABC):
    @abstractmethod
    def __call__(self, doc: Doc) -> Doc: ...

    def pipe(self, docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
        """spaCy's ``Language.pipe`` calls this with the pipeline's ``batch_size``; the
        batch is done before any Doc moves on."""
        for batch in minibatch(docs, size=batch_size):
            yield from [self(doc) for doc in batch]
