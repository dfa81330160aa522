"""The ``claimgraph_claims`` component: attributed claims -> ``doc._.claims`` (needs ``claimgraph_entities``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..entities.component import RESOURCE_FILES as ENTITY_RESOURCE_FILES
from ..layer.component import StageComponent
from . import interviews, salience
from .extract import extract_claims

# The claims stage's own lexicons (the recognisers', the interview reader's and the salience pass's), plus the
# entity stage's: speaker resolution asks the entity stage's linking.
RESOURCE_FILES = tuple(dict.fromkeys(
    ("according_to.tsv", "reporting_nouns.tsv", "reporting_verbs.tsv") + interviews.RESOURCE_FILES
    + salience.RESOURCE_FILES + ENTITY_RESOURCE_FILES))


class ClaimsComponent(StageComponent):
    resource_files = RESOURCE_FILES

    def process(self, doc: Doc) -> Doc:
        doc._.claims = extract_claims(doc)
        return doc


@Language.factory(
    "claimgraph_claims",
    default_config={},
    requires=["doc._.mentions", "doc._.entities"],
    assigns=["doc._.claims", "doc.spans"],
)
def make_claims_component(nlp: Language, name: str) -> ClaimsComponent:
    return ClaimsComponent()
