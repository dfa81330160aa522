"""Stage: figures (INTERFACE CONTRACT; implementation in progress)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import register_extensions

register_extensions()


@dataclass
class Figure:
    figure_id: str
    sent_index: int
    text: str
    start_char: int
    end_char: int
    value: float | None
    value_max: float | None
    unit: str | None
    counted: str | None
    qualifier: str
    kind: str
    claim_id: str | None = None


def extract_figures(doc: Doc) -> list[Figure]:
    return []


@Language.component("claimgraph_figures")
def figures_component(doc: Doc) -> Doc:
    doc._.figures = extract_figures(doc)
    return doc
