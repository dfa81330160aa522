"""Stage 2 (``clean``): split a document into blocks and remove page furniture and boilerplate.

A package per stage (issue 18):

``rules.py``         blocks, the lexicon, the phrase layer and the page-structure rules (high-precision evidence)
``features.py``      per-block features: jusText-style shape, rule evidence, position, neighbours, repetition
``classifier.py``    the logistic regression over those features (weights: ``resources/boilerplate_model.tsv``)
``orchestrator.py``  ``clean_document`` / ``clean_documents``: rules -> classifier -> context smoothing
``train.py``         the training command (``python -m pipeline.boilerplate.train``, ``make boilerplate-model``)

``from pipeline.boilerplate import clean_document`` and the other names below keep working for callers of the
former single module.
"""

from .classifier import MODEL_FILE, Model, load_model, read_model
from .features import FEATURES, page_features
from .orchestrator import Predecided, clean_document, clean_documents
from .rules import (
    CATEGORIES,
    COUNTER,
    KINDS,
    LEXICON_CAP,
    LEXICON_TOTAL_CAP,
    LINE_BREAKS,
    METADATA_FILE,
    MIN_KINDS,
    MIN_LEXICON,
    PHRASES_FILE,
    PROTECTED_FLAGS,
    STOPWORDS_FILE,
    THRESHOLD,
    WRAP_WORDS_FILE,
    Block,
    CleanResult,
    Lexicon,
    MetaPattern,
    Phrase,
    Shape,
    block_shape,
    compile_phrase,
    counter_tail,
    load_lexicon,
    normalise_line,
    parse_date,
    phrase_anchor,
    repeated_lines,
    scrambled,
    split_blocks,
)

__all__ = [
    "CATEGORIES", "COUNTER", "FEATURES", "KINDS", "LEXICON_CAP", "LEXICON_TOTAL_CAP", "LINE_BREAKS", "METADATA_FILE",
    "MIN_KINDS", "MIN_LEXICON", "MODEL_FILE", "PHRASES_FILE", "PROTECTED_FLAGS", "STOPWORDS_FILE", "THRESHOLD",
    "WRAP_WORDS_FILE", "Block", "CleanResult", "Lexicon", "MetaPattern", "Model", "Phrase", "Predecided", "Shape",
    "block_shape", "clean_document", "clean_documents", "compile_phrase", "counter_tail", "load_lexicon", "load_model",
    "normalise_line", "page_features", "parse_date", "phrase_anchor", "read_model", "repeated_lines", "scrambled",
    "split_blocks",
]
