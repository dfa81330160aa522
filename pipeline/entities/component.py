"""The ``claimgraph_entities`` component: names, linking, roles and coreference -> ``doc._.mentions``/``doc._.entities``."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from .extract import extract_entities, load_patterns


class EntitiesComponent:
    def __init__(self, patterns: Sequence[str] = (), use_default_patterns: bool = True):
        self.patterns = load_patterns(patterns, use_default_patterns) if (patterns or not use_default_patterns) else None

    def __call__(self, doc: Doc) -> Doc:
        doc._.mentions, doc._.entities = extract_entities(doc, self.patterns)
        return doc


@Language.factory("claimgraph_entities", default_config={"patterns": [], "use_default_patterns": True})
def make_entities_component(nlp: Language, name: str, patterns: list[str], use_default_patterns: bool) -> EntitiesComponent:
    """``patterns``: extra EntityRuler-format JSONL files (also ``CLAIMGRAPH_ENTITY_PATTERNS``)."""
    return EntitiesComponent(patterns, use_default_patterns)
