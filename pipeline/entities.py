"""Stage: people and organisations (INTERFACE CONTRACT; implementation in progress)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .extensions import register_extensions

register_extensions()


@dataclass
class Mention:
    mention_id: str
    entity_id: str
    text: str
    label: str  # PER ORG LOC MISC
    start_char: int
    end_char: int
    sent_index: int
    link_method: str  # full_name surname_alias acronym name_variant pronoun role_description
    start: int = -1  # token index in the Doc
    end: int = -1


@dataclass
class Entity:
    entity_id: str
    label: str
    canonical_name: str
    acronym: str | None = None
    n_mentions: int = 0
    roles: tuple[str, ...] = ()
    affiliation: tuple[str, ...] = ()
    gender: str | None = None  # female | male | None
    number: str = "sing"  # sing | plur
    global_id: str = ""


def extract_entities(doc: Doc) -> tuple[list[Mention], list[Entity]]:
    return [], []


def entity_for_span(doc: Doc, start_char: int, end_char: int) -> Entity | None:
    """The entity of a mention overlapping the given character range, if any."""
    return None


def resolve_pronoun(doc: Doc, token: Token) -> tuple[Entity | None, str]:
    """Antecedent of a personal pronoun used as a speaker, with evidence text."""
    return None, ""


def resolve_description(doc: Doc, span: Span) -> tuple[Entity | None, str]:
    """Person matching a description ("der UN-Chef") by role, party or affiliation, with evidence."""
    return None, ""


@Language.component("claimgraph_entities")
def entities_component(doc: Doc) -> Doc:
    doc._.mentions, doc._.entities = extract_entities(doc)
    return doc
