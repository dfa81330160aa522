"""Speaker resolution: from the speaker phrase as written to an entity of the people/organisations stage.

The linking itself (names, aliases, pronoun antecedents, role descriptions) belongs to ``pipeline.entities``;
this module decides which of its functions applies to a phrase and records honestly how the speaker was found
(``speaker_resolution``): a phrase that could not be linked keeps its text and says what kind of phrase it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from . import entities

PERSONAL_PRONOUNS = {"er", "sie", "ihr", "wir", "ich", "es"}
# Pronoun-like words that never resolve to one person.
IMPERSONAL = {"man", "jemand", "niemand", "alle", "viele", "einige", "manche"}
GROUP_HEADS = {
    "staaten", "länder", "teilnehmer", "teilnehmerinnen", "teilnehmer:innen", "teilnehmer*innen", "teilnehmende",
    "experten", "expertinnen", "expert*innen", "expert:innen", "kritiker", "kritikerinnen", "demonstranten",
    "beobachter", "medien", "analysten", "ökonomen", "wissenschaftler", "forscher", "forscherinnen", "ärzte",
    "politiker", "abgeordnete", "bürger", "anwohner", "zeugen", "augenzeugen", "mitglieder", "gewerkschaften",
    "verbände", "unternehmen", "firmen", "regierungen", "behörden", "umweltschützer", "aktivisten", "befürworter",
    "gegner", "fans", "eltern", "schüler", "studenten", "lehrer", "bewohner", "einwohner", "menschen", "leute",
    "vertreter", "vertreterinnen", "delegierte", "minister", "ministerinnen", "richter", "ermittler", "helfer",
}


@dataclass(frozen=True)
class SpeakerInfo:
    resolution: str  # explicit alias pronoun description group unattributed
    entity_id: str | None = None
    name: str | None = None
    evidence: str = ""


def _head(doc: Doc, tokens: Sequence[int]) -> int:
    """The nominal head of a speaker phrase: the first name or noun, else the last token."""
    for i in tokens:
        if doc[i].pos_ in ("PROPN",) or doc[i].ent_type_ in ("PER", "ORG"):
            return i
    nouns = [i for i in tokens if doc[i].pos_ in ("NOUN", "PRON") or doc[i].text[:1].isupper()]
    return nouns[0] if nouns else tokens[-1]


def _is_group(doc: Doc, tokens: Sequence[int]) -> bool:
    words = [doc[i].text.lower() for i in tokens]
    if any(w in GROUP_HEADS or any(w.endswith(g) and len(w) - len(g) >= 3 for g in GROUP_HEADS if len(g) > 6) for w in words):
        # a named person with a plural-looking role word ("Minister X") is not a group
        return not any(doc[i].ent_type_ == "PER" or doc[i].pos_ == "PROPN" for i in tokens)
    return any(doc[i].like_num for i in tokens) and not any(doc[i].ent_type_ == "PER" for i in tokens)


def resolve_speaker(doc: Doc, tokens: Sequence[int]) -> SpeakerInfo:
    """How the speaker phrase refers, and to which entity (the entity stage does the linking)."""
    tokens = sorted(set(tokens))
    if not tokens:
        return SpeakerInfo("unattributed")
    span = doc[tokens[0]:tokens[-1] + 1]
    first = doc[tokens[0]]
    if len(tokens) == 1 and first.text.lower() in IMPERSONAL:
        return SpeakerInfo("group", evidence="impersonal")
    if len(tokens) == 1 and (first.text.lower() in PERSONAL_PRONOUNS or first.tag_ == "PPER"):
        entity, why = _safe(entities.resolve_pronoun, doc, first)
        if entity is not None:
            return SpeakerInfo("pronoun", entity.entity_id, entity.canonical_name, why or "pronoun_antecedent")
        if first.text.lower() in ("wir", "ihr") or (first.text.lower() == "sie" and "Plur" in first.morph.get("Number")):
            return SpeakerInfo("group", evidence="plural_pronoun")
        return SpeakerInfo("pronoun", evidence="pronoun_unresolved")
    entity = _safe_entity(doc, span.start_char, span.end_char)
    has_name = any(doc[i].pos_ == "PROPN" or doc[i].ent_type_ in ("PER", "ORG") for i in tokens)
    if entity is not None:
        name = entity.canonical_name
        kind = "explicit" if name and name.lower() in span.text.lower() else "alias"
        if not has_name and kind == "alias":
            kind = "description"
        return SpeakerInfo(kind, entity.entity_id, name, "entity_link")
    if _is_group(doc, tokens):
        return SpeakerInfo("group", evidence="group_phrase")
    if has_name:
        return SpeakerInfo("explicit", evidence="name_not_linked")
    entity, why = _safe(entities.resolve_description, doc, span)
    if entity is not None:
        return SpeakerInfo("description", entity.entity_id, entity.canonical_name, why or "description_match")
    if first.text.lower() in ("der", "die", "das", "dem", "den", "des") or first.pos_ == "DET":
        return SpeakerInfo("description", evidence="description_unresolved")
    # a capitalised phrase without NER (blank pipeline) is taken as written
    return SpeakerInfo("explicit", evidence="phrase_not_linked")


def _safe(func, doc, arg):
    """The entity stage's linking functions; a failure there must not lose the claim."""
    try:
        result = func(doc, arg)
    except Exception:  # noqa: BLE001 - logged by the caller's evidence, never fatal for a claim
        return None, ""
    if result is None:
        return None, ""
    return result


def _safe_entity(doc: Doc, start: int, end: int):
    try:
        return entities.entity_for_span(doc, start, end)
    except Exception:  # noqa: BLE001
        return None
