"""The ``claimgraph_figures`` component: figures, normalised and linked to claims -> ``doc._.figures``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .scanner import extract_figures


@Language.component("claimgraph_figures")
def figures_component(doc: Doc) -> Doc:
    doc._.figures = extract_figures(doc)
    return doc
