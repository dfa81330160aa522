"""The ``claimgraph_entities`` component: names, linking, roles and coreference -> ``doc._.mentions``/``doc._.entities``."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ..layer.component import StageComponent
from .extract import EntityPatterns, extract_entities, load_patterns, pattern_paths

# The lexicon files the stage reads (saved with the pipeline).
RESOURCE_FILES = (
    "entity_patterns.jsonl", "first_names_gender.tsv", "nationalities.tsv", "non_names.tsv", "org_keywords.tsv",
    "parties.tsv", "role_nouns.tsv",
)


class EntitiesComponent(StageComponent):
    resource_files = RESOURCE_FILES

    def __init__(self, patterns: Sequence[str] = (), use_default_patterns: bool = True):
        super().__init__()
        self.pattern_files = tuple(str(p) for p in patterns)
        self.use_default_patterns = use_default_patterns
        pattern_paths(self.pattern_files, environ={})  # a missing file is an error now, not at the first document
        self._patterns: tuple[object, EntityPatterns | None] | None = None

    def _patterns_for_this_set(self) -> EntityPatterns | None:
        """The user's patterns (config) merged with the lexicons of the current resource set; ``None``: the defaults."""
        if not self.pattern_files and self.use_default_patterns:
            return None  # the shipped patterns plus $CLAIMGRAPH_ENTITY_PATTERNS, memoised per set
        if self._patterns is None or self._patterns[0] is not self.resources:
            self._patterns = (self.resources, load_patterns(self.pattern_files, self.use_default_patterns))
        return self._patterns[1]

    def process(self, doc: Doc) -> Doc:
        doc._.mentions, doc._.entities = extract_entities(doc, self._patterns_for_this_set())
        return doc


@Language.factory(
    "claimgraph_entities",
    default_config={"patterns": [], "use_default_patterns": True},
    assigns=["doc.ents", "token.ent_type", "token.ent_iob", "doc._.mentions", "doc._.entities", "doc.spans"],
)
def make_entities_component(nlp: Language, name: str, patterns: list[str], use_default_patterns: bool) -> EntitiesComponent:
    """``patterns``: extra EntityRuler-format JSONL files (also ``CLAIMGRAPH_ENTITY_PATTERNS``)."""
    return EntitiesComponent(patterns, use_default_patterns)
