"""Stage: attributed claims (INTERFACE CONTRACT; implementation in progress)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import register_extensions

register_extensions()

FORMS = ("direct", "indirect", "free_indirect", "reported", "according_to", "mixed")


@dataclass
class Claim:
    claim_id: str
    sent_index: int
    form: str
    claim_text: str
    start_char: int
    end_char: int
    cue_lemma: str
    cue_text: str
    cue_start_char: int | None
    cue_end_char: int | None
    speaker_text: str | None
    speaker_start_char: int | None
    speaker_end_char: int | None
    speaker_entity_id: str | None
    speaker_name: str | None
    speaker_resolution: str  # explicit alias pronoun description group unattributed
    addressee_text: str | None
    confidence: float
    evidence: tuple[str, ...]
    # token indices in the Doc (may be discontinuous) for token-level evaluation (SpkAtt)
    message_tokens: tuple[int, ...] = ()
    cue_tokens: tuple[int, ...] = ()
    speaker_tokens: tuple[int, ...] = ()
    addressee_tokens: tuple[int, ...] = ()
    frame_tokens: tuple[int, ...] = ()
    stwr: str = "Speech"  # Speech Thought Writing ...
    is_nested: bool = False


def extract_claims(doc: Doc) -> list[Claim]:
    return []


@Language.component("claimgraph_claims")
def claims_component(doc: Doc) -> Doc:
    doc._.claims = extract_claims(doc)
    return doc
