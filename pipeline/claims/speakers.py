"""Speaker resolution: from the speaker phrase as written to an entity of the people/organisations stage.

The linking itself (names, aliases, pronoun antecedents, role descriptions) belongs to ``pipeline.entities``;
this module decides which of its functions applies to a phrase and records honestly how the speaker was found
(``speaker_resolution``): a phrase that could not be linked keeps its text and says what kind of phrase it was.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from .. import entities, resources
from ..layer.spanindex import overlapping

PERSONAL_PRONOUNS = resources.words("speakers_personal_pronouns")
# Pronoun-like words that never resolve to one person.
IMPERSONAL = resources.words("speakers_impersonal")
GROUP_HEADS = resources.words("speakers_group_heads")
SINGULAR_DETERMINERS = resources.words("speakers_singular_determiners")
DESCRIPTION_DETERMINERS = resources.words("speakers_description_determiners")
PLURAL_COORDINATORS = resources.words("speakers_plural_coordinators")


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


# Nouns for people by role or occupation (speaker descriptions "der Minister", "die Sprecherin"); compounds
# ending in one of them ("Regierungssprecher", "UN-Chef") count too.
PERSON_NOUNS = resources.word_list("speakers_person_nouns")


@functools.lru_cache(maxsize=65536)  # a scan of the whole list, asked for the same words again and again
def is_person_noun(word: str) -> bool:
    low = word.lower()
    return any(low == n or (low.endswith(n) and len(low) - len(n) >= 2) for n in PERSON_NOUNS)


def is_group_phrase(doc: Doc, tokens: Sequence[int]) -> bool:
    return _is_group(doc, tokens)


@resources.memoised_by_argument(65536)  # a test against every long group head: once per word form
def _is_group_word(w: str) -> bool:
    """A group head ("Demonstranten") or a compound ending in a long one ("Klimademonstranten")."""
    return w in GROUP_HEADS or any(w.endswith(g) and len(w) - len(g) >= 3 for g in GROUP_HEADS if len(g) > 6)


def _is_group(doc: Doc, tokens: Sequence[int]) -> bool:
    words = [doc[i].text.lower() for i in tokens]
    if words[0] in SINGULAR_DETERMINERS:
        return False  # singular: "der Minister" is one person although "Minister" is also a plural
    if any(_is_group_word(w) for w in words):
        # a named person with a plural-looking role word ("Minister X") is not a group
        return not any(doc[i].ent_type_ == "PER" or doc[i].pos_ == "PROPN" for i in tokens)
    return any(doc[i].like_num for i in tokens) and not any(doc[i].ent_type_ == "PER" for i in tokens)


def _name_mentions(doc: Doc, tokens: Sequence[int]):
    """Name mentions (not pronouns or descriptions) of the entity stage that cover whole tokens of the phrase."""
    lo, hi = doc[tokens[0]].idx, doc[tokens[-1]].idx + len(doc[tokens[-1]].text)
    starts = {doc[i].idx for i in tokens}
    ends = {doc[i].idx + len(doc[i].text) for i in tokens}
    return [
        m for m in overlapping(doc._.mentions or (), lo, hi)  # indexed: asked once per speaker phrase
        if m.link_method not in ("pronoun", "role_description") and m.start_char in starts and m.end_char in ends
    ]


def _noun_before(doc: Doc, tokens: Sequence[int], start_char: int) -> bool:
    """A common noun outside every entity heads the phrase before ``start_char``."""
    return any(doc[i].idx < start_char and doc[i].pos_ == "NOUN" and not doc[i].ent_type_
               and doc[i].text[:1].isupper() for i in tokens)


def resolve_speaker(doc: Doc, tokens: Sequence[int]) -> SpeakerInfo:
    """How the speaker phrase refers, and to which entity (the entity stage does the linking)."""
    tokens = sorted(set(tokens))
    if not tokens:
        return SpeakerInfo("unattributed")
    span = doc[tokens[0]:tokens[-1] + 1]
    first = doc[tokens[0]]
    low = first.text.lower()
    if len(tokens) == 1 and low in IMPERSONAL:
        return SpeakerInfo("group", evidence="impersonal")
    if len(tokens) == 1 and low in PERSONAL_PRONOUNS:
        entity, why = entities.resolve_pronoun(doc, first)
        if entity is not None:
            return SpeakerInfo("pronoun", entity.entity_id, entity.canonical_name, why or "pronoun_antecedent")
        if low in ("wir", "ihr") or (low == "sie" and "Plur" in first.morph.get("Number")):
            return SpeakerInfo("group", evidence="plural_pronoun")
        return SpeakerInfo("pronoun", evidence="pronoun_unresolved")
    names = _name_mentions(doc, tokens)
    if names and all(m.label == "LOC" for m in names) and _noun_before(doc, tokens, min(m.start_char for m in names)):
        # "eine Sprecherin der Bezirksregierung Köln", "die Kantonspolizei im Kanton Tessin": a place after the
        # head noun is an attribute of the role or organisation, not the speaker
        names = []
    if names and _agent_attribute_group(doc, tokens, names):
        # "die von Bloomberg befragten Experten", "14 der 25 vom Unternehmen erfassten Analysten": the name is the
        # agent of a participle attribute; the group it modifies is the speaker
        return SpeakerInfo("group", evidence="group_phrase;agent_attribute")
    has_name = bool(names) or any(doc[i].ent_type_ in ("PER", "ORG") for i in tokens)
    if has_name:
        entity = None
        if not any(m.label == "PER" for m in names):
            orgs = [m for m in overlapping(doc._.mentions or (), span.start_char, span.end_char)
                    if m.label == "ORG" and span.start_char < m.start_char < span.end_char]
            person = _person_before_affiliation(doc, tokens, orgs[0]) if orgs else None
            if person is not None:
                # "Gieri Bolliger von der Stiftung Tier im Recht": the person, not the foundation, is speaking
                return SpeakerInfo("explicit", None, person, "name_before_affiliation")
        if names:
            best = _apposed_name(doc, tokens, names) or sorted(names, key=lambda m: (m.label != "PER", m.start_char))[0]
            entity = next((e for e in (doc._.entities or ()) if e.entity_id == best.entity_id), None)
        if entity is None:
            entity = entities.entity_for_span(doc, span.start_char, span.end_char)
        if entity is not None:
            kind = "explicit" if entity.canonical_name and entity.canonical_name.lower() in span.text.lower() else "alias"
            return SpeakerInfo(kind, entity.entity_id, entity.canonical_name, "entity_link")
        return SpeakerInfo("explicit", evidence="name_not_linked")
    if _is_group(doc, tokens):
        return SpeakerInfo("group", evidence="group_phrase")
    if _is_coordination(doc, tokens):
        return SpeakerInfo("group", evidence="group_phrase;coordination")
    entity, why = entities.resolve_description(doc, span)
    if entity is not None:
        return SpeakerInfo("description", entity.entity_id, entity.canonical_name, why or "description_match")
    entity = entities.entity_for_span(doc, span.start_char, span.end_char)
    if entity is not None and entity.label == "PER":
        return SpeakerInfo("description", entity.entity_id, entity.canonical_name, "entity_link")
    if low in DESCRIPTION_DETERMINERS or first.pos_ == "DET":
        return SpeakerInfo("description", evidence="description_unresolved")
    # a capitalised phrase the entity stage did not find (blank pipeline, unknown name) is taken as written
    return SpeakerInfo("explicit", evidence="phrase_not_linked")


def _agent_attribute_group(doc: Doc, tokens: Sequence[int], names) -> bool:
    """A plural group head at the end of the phrase, every name inside a prenominal participle attribute opened by
    "von"/"vom"/"bei" ("die von der Agentur Bloomberg befragten Experten"): German puts the agent of an attributive
    participle between the article and its noun, so the name only says who asked the group. Limits: needs the
    group head last ("Experten von Bloomberg" is an affiliation and stays with the name) and a lower-case word (the
    participle) between the last name and the head."""
    last = doc[tokens[-1]]
    if not _is_group_word(last.text.lower()):
        return False
    words = [doc[i] for i in tokens]
    for m in names:
        before = [t for t in words if t.idx < m.start_char]
        between = [t for t in words if t.idx >= m.end_char and t.i < last.i]
        if not before or not any(t.text.lower() in AFFILIATION_PREPOSITIONS for t in before) \
                or not any(t.text[:1].islower() and t.is_alpha for t in between):
            return False
    return True


# Prepositions that attach a person to an organisation ("X von der Stiftung", "X vom Verband", "X bei Siemens").
AFFILIATION_PREPOSITIONS = ("von", "vom", "bei", "beim")


def _person_before_affiliation(doc: Doc, tokens: Sequence[int], org) -> str | None:
    """The name the entity stage missed before an affiliation: two or three capitalised name words, then "von
    der"/"vom"/"bei" and the organisation mention ("Gieri Bolliger von der Stiftung Tier im Recht")."""
    head = []
    for i in tokens:
        if doc[i].idx >= org.start_char:
            return None
        if doc[i].lower_ in AFFILIATION_PREPOSITIONS:
            break
        head.append(doc[i])
    else:
        return None
    if not 2 <= len(head) <= 3 or any(not t.is_alpha or not t.text[:1].isupper() or is_person_noun(t.text)
                                      or t.ent_type_ in ("ORG", "LOC") for t in head):
        return None
    from ..entities import roles

    if any(roles.match_role_word(t.text) for t in head):
        return None
    return " ".join(t.text for t in head)


def _apposed_name(doc: Doc, tokens: Sequence[int], names):
    """"der Pressesprecher von Kardinal Schönborn, Michael Prüller": a description headed by a person noun, then a
    name in apposition after a comma; the apposition names the head, a name inside the description's attribute
    ("von Kardinal Schönborn", "des Ministers Weber") is someone else."""
    first = doc[tokens[0]]
    if first.lower_ not in DESCRIPTION_DETERMINERS and first.pos_ != "DET":
        return None
    head = next((doc[i] for i in tokens[1:] if doc[i].text[:1].isupper()), None)
    if head is None or head.ent_type_ or not is_person_noun(head.text):
        return None
    for m in sorted((m for m in names if m.label == "PER"), key=lambda m: m.start_char, reverse=True):
        before = doc.text[first.idx:m.start_char].rstrip()
        if before.endswith(",") and m.start_char > head.idx:
            return m
    return None


def _is_coordination(doc: Doc, tokens: Sequence[int]) -> bool:
    """"Polizei und Staatsanwaltschaft", "die Gewerkschaft und der Betriebsrat": two noun phrases joined by "und" or
    "sowie" (``lexicons/speakers_plural_coordinators.txt``) are one plural speaker. Each conjunct is a short noun
    phrase of its own (determiners or adjectives in lower case and one capitalised noun), so a coordination inside an
    attribute ("der Sprecher von Polizei und Staatsanwaltschaft", one person) is not read as one. Only for phrases
    without a name (names are linked to their entities first)."""
    words = [doc[i] for i in tokens]
    for n, tok in enumerate(words):
        if tok.lower_ not in PLURAL_COORDINATORS or n == 0 or n == len(words) - 1:
            continue
        left, right = words[:n], words[n + 1:]
        if all(_one_noun_phrase(part) for part in (left, right)):
            return True
    return False


def _one_noun_phrase(words) -> bool:
    capitalised = [t for n, t in enumerate(words) if t.text[:1].isupper()
                   and not (n == 0 and (t.pos_ == "DET" or t.lower_ in DESCRIPTION_DETERMINERS))]
    if len(capitalised) != 1 or not capitalised[0].is_alpha or capitalised[0] is not words[-1]:
        return False
    return capitalised[0].pos_ in ("NOUN", "PROPN") or not capitalised[0].pos_ \
        or all(t.is_alpha and t.text.islower() for t in words[:-1])
