"""The nlp stage: a spaCy ``Chinese`` pipeline that segments text and tags entities.

``load_pipeline()`` builds it from ``pipeline.cfg`` (spaCy config), loads the
segmentation model from the cache that ``kg setup`` fills, and gives the
segmenter a user dictionary of every name the components know, so that union,
district and facility names are neither split nor glued to their neighbours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.util import load_config

from kg import resources
from kg.nlp import (  # noqa: F401  (importing registers the factories)
    divisions,
    entities,
    lexicon_entities,
    listed,
    names,
    persons,
    quoted,
    sentences,
    tokenizer,
)
from kg.nlp.mentions import Mention, register_extensions

CONFIG_PATH = Path(__file__).with_name("pipeline.cfg")
SEGMENTERS = ("pkuseg", "jieba", "char")

__all__ = ["SEGMENTERS", "Mention", "load_pipeline"]


def load_pipeline(overrides: Mapping[str, Any] | None = None) -> Language:
    """The entity pipeline; ``overrides`` are dotted config keys, as in ``spacy train``."""
    register_extensions()
    config = load_config(CONFIG_PATH, overrides=dict(overrides or {}), interpolate=True)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    user_words = sorted(
        {
            word
            for _, pipe in nlp.pipeline
            if hasattr(pipe, "user_words")
            for word in pipe.user_words()
        }
    )
    _initialize_segmenter(nlp, user_words)
    return nlp


def _initialize_segmenter(nlp: Language, user_words: Iterable[str]) -> None:
    segmenter = nlp.tokenizer.segmenter
    if segmenter == "pkuseg":
        nlp.tokenizer.initialize(
            pkuseg_model=str(resources.pkuseg_model_dir()), pkuseg_user_dict="default"
        )
        nlp.tokenizer.pkuseg_update_user_dict(list(user_words))
    elif segmenter == "jieba":
        import jieba

        for word in user_words:
            jieba.add_word(word)
