"""The ``claimgraph_claims`` component: attributed claims -> ``doc._.claims`` (needs ``claimgraph_entities``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .extract import extract_claims


@Language.component("claimgraph_claims")
def claims_component(doc: Doc) -> Doc:
    doc._.claims = extract_claims(doc)
    return doc
