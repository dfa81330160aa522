"""Doc extensions shared by the pipeline's components (the annotation layer between stages).

``doc._.doc_id``    document id set by the runner (``None`` for a user's own Doc)
``doc._.mentions``  list[entities.Mention], set by ``claimgraph_entities``
``doc._.entities``  list[entities.Entity], set by ``claimgraph_entities``
``doc._.claims``    list[claims.Claim], set by ``claimgraph_claims``
``doc._.figures``   list[figures.Figure], set by ``claimgraph_figures``
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = ("doc_id", "mentions", "entities", "claims", "figures")


def register_extensions() -> None:
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def make_id(doc: Doc, prefix: str, number: int) -> str:
    """Table-wide unique id such as ``ki-aktionsgipfel-paris:C3``."""
    return f"{doc._.doc_id or 'doc'}:{prefix}{number}"


register_extensions()
