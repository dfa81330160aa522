"""The ``claimgraph_figures`` component: figures, normalised and linked to claims -> ``doc._.figures``.

Links to claims when ``doc._.claims`` is set (``claimgraph_claims`` earlier in the pipeline); without it the
figures have no ``claim_id``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..layer.component import StageComponent
from .scanner import extract_figures

RESOURCE_FILES = (
    "figures_context.tsv", "figures_currencies.tsv", "figures_noun_lemmas.tsv", "figures_number_words.tsv",
    "figures_qualifiers.tsv", "figures_scales.tsv", "figures_time.tsv", "figures_units.tsv", "figures_unquantified.tsv",
)


class FiguresComponent(StageComponent):
    resource_files = RESOURCE_FILES

    def process(self, doc: Doc) -> Doc:
        doc._.figures = extract_figures(doc)
        return doc


@Language.factory("claimgraph_figures", default_config={}, assigns=["doc._.figures", "doc.spans"])
def make_figures_component(nlp: Language, name: str) -> FiguresComponent:
    return FiguresComponent()
