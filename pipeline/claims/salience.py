"""Discourse salience for speakers: who a continuation, a description or an organisation noun refers to.

News names a speaker once and then goes on without a name: a quote or a Konjunktiv sentence with no cue
("…, sagte Weber. „Wir sind vorbereitet.“"), a description ("der Kassenchef", "der 44-Jährige", "der
CSU-Politiker"), an organisation noun ("die Gewerkschaft", "das Amt"). The entity stage links descriptions by
role, party and affiliation (``entities.resolve_description``); what it cannot link, this pass resolves from the
discourse, claim by claim in text order, and says how it decided (``evidence``):

- **continuation**: a claim whose speaker was inherited from the claim before it (a standalone quote, a free
  indirect Konjunktiv continuation) takes that claim's *resolved* speaker and ``speaker_resolution =
  continuation`` (it is not a second explicit mention). A Konjunktiv continuation without any speaker takes the
  speaker of the claim directly before it when that claim lies at most two sentences back.
- **person description** (a singular phrase headed by a role or person noun, or "der/die NN-Jährige"): the most
  salient person, i.e. the speaker of the most recent claim within four sentences, else the person named last
  within the two sentences before, provided grammatical gender does not contradict ("die Ministerin" is not a
  man). ``evidence``: ``speaker:salience …``.
- **organisation noun** ("die Gewerkschaft", "das Amt", "die Behörde" = head nouns of organisation names,
  ``resources/org_keywords.tsv``): the organisation mentioned last before the claim (within six sentences) whose
  name, or the word right before its name ("die Dienstleistungsgewerkschaft Verdi"), ends with that noun.
- **a name in an apposition beats an organisation**: "der Chef der Brandenburger CDU, Ingo Senftleben" is
  Senftleben, not the CDU.
"""

from __future__ import annotations

import re
from dataclasses import replace
from spacy.tokens import Doc

from .. import resources

# Lexicon files read here (through the active resource set: a claims component carries them in its saved pipeline).
RESOURCE_FILES = ("org_keywords.tsv", "org_class_nouns.tsv", "parties.tsv")
INHERITING = ("standalone_quote+previous_speaker", "konjunktiv_continuation", "konjunktiv_i_sentence")
PERSON_WINDOW = 4  # sentences back for the last speaker
MENTION_WINDOW = 2  # sentences back for the last named person
ORG_WINDOW = 6
AGE_NOUN = re.compile(r"^\d+-[Jj]ährige[rn]?$")
MEDIA_NOUNS = resources.word_list("claims_media_nouns")
# "französin" -> "FR": singular nouns for a person of a nationality (``lexicons/salience_nationality_nouns.txt``)
NATIONALITY_NOUNS = dict(e.split() for e in resources.word_list("salience_nationality_nouns"))
# "dieser" -> "male": demonstratives standing alone as a speaker (``lexicons/salience_demonstratives.txt``)
DEMONSTRATIVES = dict(e.split() for e in resources.word_list("salience_demonstratives"))


@resources.memoised
def org_heads() -> tuple[str, ...]:
    """Head nouns of organisation names ("gewerkschaft", "amt", "ministerium"), longest first."""
    heads = set()
    for row in resources.rows("org_keywords.tsv"):
        kind, value = row[:2]
        if kind in ("strong", "weak", "masculine", "neuter"):
            heads.add(value.lower())
    return tuple(sorted(heads, key=len, reverse=True))


@resources.memoised
def org_class_members() -> dict[str, tuple[str, ...]]:
    """Class noun -> name endings of its members ("verband" -> "bund", "verband", …; "=ag": the whole last word;
    ``org_class_nouns.tsv``)."""
    return {row[0].lower(): tuple(m.lower() for m in row[1].split("|") if m) for row in resources.rows("org_class_nouns.tsv")}


@resources.memoised
def party_names() -> frozenset[str]:
    """Every way a party is written ("SPD", "Sozialdemokratische Partei Deutschlands", "Grüne"), lower case."""
    names = set()
    for row in resources.rows("parties.tsv"):
        names.add(row[0].lower())
        if len(row) > 2:
            names.update(n.lower() for n in row[2].split("|") if n)
    return frozenset(names)


def _sent_index(doc: Doc, char: int) -> int:
    starts = doc.user_data.get("claimgraph_salience_starts")
    if starts is None:
        starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        doc.user_data["claimgraph_salience_starts"] = starts
    k = 0
    for n, s in enumerate(starts):
        if s <= char:
            k = n
        else:
            break
    return k


def _phrase_words(claim) -> list[str]:
    return (claim.speaker_text or "").split()


def _gender_of_phrase(words: list[str]) -> str | None:
    if not words:
        return None
    head = (_head_noun(words) or words[-1]).lower()
    first = words[0].lower()
    if head.endswith("in") and len(head) > 4 or first in ("die", "eine") and not head.endswith(("e", "er")):
        return "female" if head.endswith("in") else None
    if first in ("der", "ein", "dem", "des"):
        return "male"
    if first in ("die", "eine") and len(words) <= 4 and _nominalised_adjective(head):
        # "die amtierende Ratsvorsitzende", "eine Abgeordnete": a nominalised adjective or participle in the
        # singular (its plural after "die" ends in -n: "die Abgeordneten") names a woman
        return "female"
    return None


def _nominalised_adjective(head: str) -> bool:
    """"vorsitzende", "abgeordnete", "beauftragte", "angestellte": a person noun that is an adjective or participle
    in the weak singular (-nde, -te; not the plural of a noun in -ste such as "Gäste")."""
    from .speakers import is_person_noun

    return (head.endswith("nde") or head.endswith("te") and not head.endswith("ste")) and (
        is_person_noun(head) or is_person_noun(head + "n"))


def _head_noun(words: list[str]) -> str | None:
    """The head of "der nordrhein-westfälische Ministerpräsident am Rande …": the first capitalised word after
    the article (attributes before it are lower case; what follows it is a complement)."""
    from .speakers import is_person_noun

    for n, w in enumerate(words[1:], 1):
        if not (w[:1].isupper() or AGE_NOUN.match(w)):
            continue
        nxt = words[n + 1] if n + 1 < len(words) else ""
        # a place adjective or an abbreviation before the head ("die St. Galler FDP-Magistratin", "der Berliner
        # Landesvorsitzende") is an attribute, unless it is itself a role noun ("der Sprecher Müller")
        if nxt[:1].isupper() and (w.endswith(".") or w.endswith("er") and not is_person_noun(w)):
            continue
        return w
    return None


def _is_person_description(words: list[str]) -> bool:
    from .speakers import is_person_noun

    if len(words) < 2 or words[0].lower() not in ("der", "die", "ein", "eine", "dem", "den", "des"):
        return False
    head = _head_noun(words)
    if head is None:
        return False
    if AGE_NOUN.match(head):
        return True
    # a genitive head ("des Staatschefs") is the noun plus -s/-es
    forms = [head] + [head[:-len(e)] for e in ("es", "s") if head.endswith(e) and words[0].lower() == "des"]
    if not head[:1].isupper() or _org_head(head) is not None or head.lower().endswith(ABSTRACT_SUFFIXES) \
            or _org_class_noun(head):
        return False  # "die Landesregierung", "die Gewerkschaft", "die Polizei": abstract and collective nouns name no person
    return any(is_person_noun(f) or _is_role_word(f) or f.lower().endswith(AGENT_SUFFIXES) or f.lower() in NATIONALITY_NOUNS
               for f in forms)


def _nationality_of_phrase(words: list[str]) -> str | None:
    """"die Französin" -> "FR": the country of a description headed by a nationality noun."""
    head = _head_noun(words)
    return NATIONALITY_NOUNS.get(head.lower()) if head else None


# Suffixes of abstract and collective nouns (-ung, -schaft, -heit, -keit, -ion): never a person.
ABSTRACT_SUFFIXES = ("ung", "schaft", "heit", "keit", "ion")
# Feminine agent nouns are persons whatever their stem ("Gewerkschafterin", "Studienleiterin", "Reederin").
AGENT_SUFFIXES = ("erin", "istin", "entin", "antin", "orin", "eurin", "ikerin")


def _is_role_word(word: str) -> bool:
    from ..entities import roles

    return bool(roles.match_role_word(word))


def _org_head(word: str) -> str | None:
    low = word.lower()
    return next((h for h in org_heads() if low == h or (low.endswith(h) and len(low) - len(h) >= 2)), None)


def _org_class_noun(word: str) -> bool:
    """A class noun of organisations or a noun ending in one of its members' endings ("Polizei", "Kantonspolizei",
    "Unternehmen", "Verband": ``org_class_nouns.tsv``): an institution, never one person."""
    low = word.lower().strip(",;:()")
    classes = org_class_members()
    return low in classes or any(low.endswith(e) for members in classes.values() for e in members if not e.startswith("="))


def _org_description_head(words: list[str]) -> str | None:
    if len(words) < 2 or words[0].lower() not in ("der", "die", "das", "dem", "den", "des"):
        return None
    head = _head_noun(words)
    return _org_head(head) if head is not None and head == words[-1] else None


class _Discourse:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.mentions = list(doc._.mentions or ())
        self.entities = {e.entity_id: e for e in (doc._.entities or ())}
        self.speakers: list[tuple[int, object]] = []  # (sentence index, claim) of resolved person speakers
        self.collective: list[tuple[int, object]] = []  # (sentence index, claim) of group and organisation speakers
        self.unlinked_names: list[tuple[int, object, str]] = []  # (sentence, claim, name) of names the NER missed
        self.claim_sents: set[int] = set()  # sentences holding a claim's message start or its cue
        self.messages: list[tuple[int, int]] = []  # message spans of the claims resolved so far
        self.moved: dict[int, object] = {}  # old speaker start -> the claim whose inherited speaker was re-read
        self.speaking: dict[str, str] = {}  # entity id -> claim id of every entity a claim's phrase names (whole document)

    def entity(self, entity_id):
        return self.entities.get(entity_id)

    def last_person(self, before_char: int, gender: str | None, skip: tuple[int, int] | None = None,
                    nationality: str | None = None):
        """The last person speaker or named person before ``before_char``; a person named inside ``skip`` (the
        claim's own message: "„…, mit Rüdiger Schuch jemanden gewonnen zu haben“, so die Ratsvorsitzende") is
        what the speaker talks about, not the speaker. ``nationality``: a person whose known nationalities do not
        include it is passed over ("die Französin" is not the US-Präsident)."""
        k = _sent_index(self.doc, before_char)
        for sent, claim in reversed(self.speakers):
            if k - sent > PERSON_WINDOW:
                break
            ent = self.entity(claim.speaker_entity_id)
            if ent is not None and ent.label == "PER" and _gender_ok(ent, gender) and _nationality_ok(ent, nationality):
                return ent, f"last speaker {k - sent} sentence(s) back"
        people = [m for m in self.mentions if m.label == "PER" and m.end_char <= before_char
                  and self.narrative_distance(m, before_char) <= MENTION_WINDOW
                  and not (skip and skip[0] <= m.start_char < skip[1])]
        for m in reversed(people):
            ent = self.entity(m.entity_id)
            if ent is not None and _gender_ok(ent, gender) and _nationality_ok(ent, nationality):
                return ent, f"last named person {k - _sent_index(self.doc, m.start_char)} sentence(s) back"
        return None, ""

    def narrative_distance(self, mention, before_char: int) -> int:
        """Sentences from ``mention`` to the one holding ``before_char``, not counting sentences entirely inside a
        quotation (the entity stage's narrative index): "Bischöfin Kirsten Fehrs … „Zwei Sätze Zitat.“ Umso wichtiger
        sei es …, so die amtierende Ratsvorsitzende" keeps Fehrs within reach."""
        from ..entities import extract as entity_extract

        sent_of, narrative = entity_extract._indices(self.doc)
        if not sent_of or mention.sent_index < 0 or mention.sent_index >= len(narrative):
            return _sent_index(self.doc, before_char) - _sent_index(self.doc, mention.start_char)
        span = self.doc.char_span(before_char, before_char + 1, alignment_mode="expand")
        here = sent_of[span.start] if span is not None and len(span) else sent_of[-1]
        return narrative[here] - narrative[mention.sent_index]

    def last_unlinked_name(self, before_char: int, window: int = PERSON_WINDOW):
        """The last speaker named by a name the entity stage does not know ("Keller-Sutter", "EZB-Ratsmitglied
        Gediminas Simkus"), within ``window`` sentences before ``before_char``: (name, sentences back)."""
        k = _sent_index(self.doc, before_char)
        for sent, claim, name in reversed(self.unlinked_names):
            if k - sent > window:
                break
            if claim.speaker_start_char is not None and claim.speaker_start_char < before_char:
                return name, k - sent
        return None, None

    def last_collective(self, before_char: int, number: str | None):
        """The group (plural: "die Unionsvertreter") or organisation (singular: "die Bahn") that spoke last, within
        ``PERSON_WINDOW`` sentences: what an unresolved "sie" of a speech verb refers to."""
        k = _sent_index(self.doc, before_char)
        for sent, claim in reversed(self.collective):
            if k - sent > PERSON_WINDOW:
                break
            if claim.speaker_start_char is not None and claim.speaker_start_char >= before_char:
                continue
            ent = self.entity(claim.speaker_entity_id) if claim.speaker_entity_id else None
            plural = ent is None
            if number is None or (number == "plur") == plural:
                return claim, ent, f"last {'group' if plural else 'organisation'} speaker {k - sent} sentence(s) back"
        return None, None, ""

    def last_org(self, before_char: int, head: str):
        k = _sent_index(self.doc, before_char)
        orgs = [m for m in self.mentions if m.label == "ORG" and m.end_char <= before_char
                and k - _sent_index(self.doc, m.start_char) <= ORG_WINDOW]
        for m in reversed(orgs):
            ent = self.entity(m.entity_id)
            if ent is None:
                continue
            before = self.doc.text[max(0, m.start_char - 40):m.start_char].split()
            words = ent.canonical_name.split() + m.text.split() + ([before[-1]] if before else [])
            if any(w.lower().rstrip(".,;:").endswith(head) for w in words if w):
                return ent
        return None


def _org_short_form(doc: Doc, disc: _Discourse, claim, words: list[str]):
    """"Die Deutsche Bahn … Die Bahn teilte mit", "Der Deutsche Mieterbund … Der Verband erklärte", "die Grünen … die
    Partei": a definite singular description of article, lower-case attributes and one noun refers to the
    organisation named last (within ``ORG_WINDOW`` sentences) whose name ends in that noun (a short form), or
    that belongs to the class the noun names (``org_class_nouns.tsv``; "Partei": a party of ``parties.tsv``).
    A person noun, a plural group or an indefinite article ("ein Verband": a new one) is never resolved so."""
    from .speakers import is_person_noun

    if len(words) < 2 or words[0].lower() not in ("der", "die", "das") or claim.speaker_resolution == "group":
        return None
    noun = words[-1]
    low = noun.lower()
    members = org_class_members().get(low, ())
    if not noun[:1].isupper() or any(w[:1].isupper() for w in words[1:-1]):
        return None
    if not members and low != "partei" and (is_person_noun(noun) or _is_role_word(noun)):
        return None  # a short form is never a person noun ("Die Ministerin" is not "Deutsche Ministerin")
    k = _sent_index(doc, claim.speaker_start_char)
    for m in reversed(disc.mentions):
        if m.label != "ORG" or m.link_method == "pronoun" or m.end_char > claim.speaker_start_char:
            continue
        if k - _sent_index(doc, m.start_char) > ORG_WINDOW:
            break
        ent = disc.entity(m.entity_id)
        if ent is None or not ent.canonical_name:
            continue
        name = ent.canonical_name.lower()
        last = name.split()[-1].strip(".,;:()")
        if len(name.split()) > 1 and last in (low, low + "s"):
            why = "short form"
        elif any(last == e[1:] if e.startswith("=") else last.endswith(e) for e in members):
            why = f"a {noun} by its name"
        elif low == "partei" and (name in party_names() or m.text.lower() in party_names()):
            why = "a party"
        else:
            continue
        return _with(claim, ent, "description",
                     f"salience: '{claim.speaker_text}' -> last organisation '{ent.canonical_name}' ({why})")
    if any(e.startswith("=") for e in members):
        return _company_just_named(doc, disc, claim)
    return None


def _company_just_named(doc: Doc, disc: _Discourse, claim):
    """"HP hat jetzt ein Update bereitgestellt. Das Unternehmen fordert alle Besitzer auf, …": a company class noun
    ("das Unternehmen", "der Konzern", "die Firma": classes whose members include legal forms) that no name ending
    matches refers to the one organisation named in the sentence before, when that name shows no kind of its own:
    no member ending of any class (not "Kantonspolizei", "Bauernverband", "Finanzministerium"), no party, no acronym
    of such a name. A name without legal form or institution word is taken for the company."""
    org = _organisation_just_named(doc, disc, claim)
    if org is None or org.canonical_name.lower() in party_names() or (org.acronym or "").lower() in party_names():
        return None
    last = org.canonical_name.lower().split()[-1].strip(".,;:()")
    if any(last == e[1:] if e.startswith("=") else last.endswith(e) for members in org_class_members().values() for e in members) \
            or _org_head(last):
        return None
    return _with(claim, org, "description", f"salience: '{claim.speaker_text}' -> '{org.canonical_name}' (the one "
                 "organisation named in the sentence before; its name shows no other kind of organisation)")


SUBJUNCTIVE_FORMS = resources.words("claims_subjunctive_forms")
THING_NOUNS = resources.word_list("salience_thing_nouns")


def _thing_reported_before(doc: Doc, disc: _Discourse, claim, previous, words: list[str]):
    """"Weber sagte, … . Anfragen an alle Ämter hätten ergeben, dass …": a verb of showing or saying in Konjunktiv
    (the mood of reported speech) whose subject is a thing that cannot speak (a query, a measurement, a device;
    ``lexicons/salience_thing_nouns.txt``) is reported by the speaker of the claim right before it, so the claim
    is that speaker's (a continuation). Names, persons, organisations, groups and pronouns keep their own claim."""
    if claim.is_nested or previous is None or claim.speaker_entity_id or claim.cue_start_char is None or not words:
        return None
    if not previous.speaker_text or _is_pronoun(claim) or claim.speaker_resolution == "group":
        return None
    if _sent_index(doc, claim.start_char) - _sent_index(doc, max(previous.start_char, previous.end_char - 1)) > 1:
        return None
    tokens = [i for i in claim.speaker_tokens if i < len(doc)]
    if not tokens or any(doc[i].ent_type_ for i in tokens) or any(doc[i].pos_ in ("PROPN", "PRON") for i in tokens):
        return None
    cue = [i for i in claim.cue_tokens if i < len(doc)] or [t.i for t in (doc.char_span(
        claim.cue_start_char, claim.cue_end_char, alignment_mode="expand") or [])]
    finite = [doc[i] for i in cue if doc[i].pos_ in ("VERB", "AUX") and "Fin" in doc[i].morph.get("VerbForm")
              or doc[i].lower_ in SUBJUNCTIVE_FORMS]
    if not finite or not ("Sub" in finite[0].morph.get("Mood") or finite[0].lower_ in SUBJUNCTIVE_FORMS):
        return None
    head = _head_noun(words) if words[0].lower() in ARTICLE_WORDS else (words[0] if words[0][:1].isupper() else None)
    if head is None:
        return None
    bare = head.strip(",;:").lower()
    if not any(bare == n or bare.endswith(n) and len(bare) - len(n) >= 3 for n in THING_NOUNS):
        return None  # only things that cannot speak (a queried office, a study, an army can be sources)
    return replace(claim, speaker_text=previous.speaker_text, speaker_start_char=previous.speaker_start_char,
                   speaker_end_char=previous.speaker_end_char, speaker_entity_id=previous.speaker_entity_id,
                   speaker_name=previous.speaker_name, speaker_resolution="continuation",
                   speaker_tokens=previous.speaker_tokens,
                   evidence=tuple(e for e in claim.evidence if not e.startswith("speaker:"))
                   + (f"speaker:continuation of {previous.claim_id} ('{claim.speaker_text}' is a thing that does not speak; "
                      f"its verb is in Konjunktiv)",))


def _gender_ok(entity, gender: str | None) -> bool:
    return gender is None or entity.gender is None or entity.gender == gender


def _nationality_ok(entity, nationality: str | None) -> bool:
    return nationality is None or not entity.nationalities or nationality in entity.nationalities


def resolve(doc: Doc, claims: list) -> list:
    """The claims with speakers resolved through the discourse (see the module docstring)."""
    if not claims or doc._.mentions is None:
        return claims
    disc = _Discourse(doc)
    disc.speaking = {c.speaker_entity_id: c.claim_id for c in reversed(claims) if c.speaker_entity_id and not c.is_nested}
    disc.claim_sents = {_sent_index(doc, c.start_char) for c in claims if not c.is_nested} | {
        _sent_index(doc, c.cue_start_char) for c in claims if c.cue_start_char is not None}
    out = []
    previous = None
    for claim in claims:
        origin = claim.speaker_start_char
        claim = _subject_before_quote(doc, disc, claim) or _person_named_before(doc, disc, claim, previous) or claim
        if claim.speaker_start_char != origin and origin is not None:
            disc.moved[origin] = claim
        claim = _follow_moved(disc, claim, previous)
        claim = _resolve_one(doc, disc, claim, previous)
        ent = disc.entity(claim.speaker_entity_id) if claim.speaker_entity_id else None
        if ent is not None and ent.label == "PER":
            disc.speakers.append((_sent_index(doc, claim.start_char), claim))
        elif not claim.is_nested and (ent is not None and ent.label == "ORG" or ent is None and claim.speaker_resolution == "group"
                                      and not _is_pronoun(claim)):
            disc.collective.append((_sent_index(doc, claim.start_char), claim))
        elif not claim.is_nested and ent is None and claim.speaker_resolution in ("explicit", "continuation", "description") \
                or ent is None and any(e.startswith(BARE_NAME_EVIDENCE) for e in claim.evidence):
            name = _unlinked_name(doc, claim)
            if name is not None:
                disc.unlinked_names.append((_sent_index(doc, claim.speaker_start_char), claim, name))
        out.append(claim)
        if not claim.is_nested:
            previous = claim
            disc.messages.append((claim.start_char, claim.end_char))
    return out


STANDALONE = ("standalone_quote+previous_speaker", "standalone_quote")


def _subject_before_quote(doc: Doc, disc: _Discourse, claim):
    """"Tieranwalt Anton Gerber selbst ist vom Entscheid überrascht. «Ich kann nur hoffen, …»": a quotation
    without a frame right after a sentence that makes no claim but has a named person as its subject (the Vorfeld
    before the finite verb) is that person's; the person a sentence is about is more salient than a speaker
    quoted before it. Only a name (no pronoun, no description), only the sentence directly before, only with a
    tagger (the Vorfeld needs the finite verb)."""
    if claim.is_nested or not claim.evidence or claim.evidence[0] not in STANDALONE:
        return None
    if not (doc.has_annotation("POS") and doc.has_annotation("SENT_START")):
        return None
    k = _sent_index(doc, claim.start_char)
    if k == 0 or k - 1 in disc.claim_sents:
        return None
    sents = list(doc.sents)
    before = sents[k - 1]
    words = [t for t in before if not t.is_space]
    if not words or words[-1].text not in (".", "!") or "\n\n" in doc.text[before.end_char:claim.start_char]:
        return None  # a question, a headline, or a new paragraph between them
    finite = next((t for t in words if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")), None)
    if finite is None or finite.i == words[0].i:
        return None
    people = [m for m in disc.mentions if m.label == "PER" and m.link_method not in ("pronoun", "role_description")
              and before.start_char <= m.start_char and m.end_char <= finite.idx]
    if len({m.entity_id for m in people}) != 1 or any(t.text in (",", ":") for t in words if t.i < finite.i):
        return None
    ent = disc.entity(people[0].entity_id)
    if ent is None or ent.entity_id == claim.speaker_entity_id:
        return None
    span = doc.char_span(people[0].start_char, people[0].end_char, alignment_mode="expand")
    if span is None:
        return None
    return replace(claim, speaker_text=span.text, speaker_start_char=span.start_char, speaker_end_char=span.end_char,
                   speaker_tokens=tuple(t.i for t in span), speaker_entity_id=ent.entity_id,
                   speaker_name=ent.canonical_name, speaker_resolution="continuation",
                   evidence=(claim.evidence[0].split("+")[0] + "+subject_before",)
                   + tuple(e for e in claim.evidence[1:] if not e.startswith("speaker:"))
                   + (f"speaker:subject of the sentence before ({ent.canonical_name})",))


KONJUNKTIV_CONTINUATIONS = ("konjunktiv_continuation", "konjunktiv_i_sentence")
NAME_LINKS_EXCLUDED = ("pronoun", "role_description")


def _sentence_bounds(doc: Doc, k: int) -> tuple[int, int]:
    _sent_index(doc, 0)
    starts = doc.user_data["claimgraph_salience_starts"]
    end = starts[k + 1] if k + 1 < len(starts) else len(doc.text)
    return starts[k], end


def _person_named_before(doc: Doc, disc: _Discourse, claim, previous):
    """"Gerade spricht Ottilie Klein für die Union. Scholz versetze das Land in den Stillstand.": a Konjunktiv
    sentence without a cue reports the person the narrative sentence before it is about, not the speaker of a claim
    further back. Walks back at most two sentences that make no claim, in the same paragraph and after the claim
    before; the nearest one naming a person decides, and only when it names exactly one person (by name, not by
    pronoun or role). Names inside the Konjunktiv sentence itself are its content and do not count. Limit: the
    person may be an object ("Am Abend traf sie Macron.") — one sentence with one name is taken as the topic."""
    if claim.is_nested or not claim.evidence or claim.evidence[0] not in KONJUNKTIV_CONTINUATIONS:
        return None
    if not doc.has_annotation("SENT_START"):
        return None
    k = _sent_index(doc, claim.start_char)
    prev_k = _sent_index(doc, max(previous.start_char, previous.end_char - 1)) if previous is not None else -1
    for j in (k - 1, k - 2):
        if j < 0 or j <= prev_k or j in disc.claim_sents:
            return None
        start, end = _sentence_bounds(doc, j)
        if "\n\n" in doc.text[start:claim.start_char].strip():
            return None
        people = [m for m in disc.mentions if m.label == "PER" and m.link_method not in NAME_LINKS_EXCLUDED
                  and start <= m.start_char and m.end_char <= end]
        if not people:
            continue
        if len({m.entity_id for m in people}) != 1:
            return None
        ent = disc.entity(people[0].entity_id)
        if ent is None or ent.label != "PER" or ent.entity_id == claim.speaker_entity_id:
            return None
        span = doc.char_span(people[0].start_char, people[0].end_char, alignment_mode="expand")
        if span is None:
            return None
        return replace(claim, speaker_text=span.text, speaker_start_char=span.start_char,
                       speaker_end_char=span.end_char, speaker_tokens=tuple(t.i for t in span),
                       speaker_entity_id=ent.entity_id, speaker_name=ent.canonical_name,
                       speaker_resolution="continuation",
                       evidence=tuple(e for e in claim.evidence if not e.startswith("speaker:"))
                       + (f"speaker:person named {k - j} sentence(s) before ({ent.canonical_name})",))
    return None


PRONOUN_GENDER = {"er": "male", "sie": "female"}


def _speaker_over_content(doc: Doc, disc: _Discourse, claim, previous, linked, words: list[str]):
    """"Fechner meint, Scholz klebe nicht an seinem Stuhl. Als Begründung nennt er …": a person named only inside
    what somebody said is part of the message, not a participant of the narrative; the subject pronoun of the next
    speech verb is the speaker of that claim (same gender, the claim at most one sentence back), not the person in
    its content whom the entity stage took as the last subject. Only when every name mention of that person within
    the last three sentences lies inside a claim's message. Limit: a reply ("Merkel sagte, Scholz habe gelogen. Er
    wies das zurück.") needs a person named outside the message to keep the pronoun's reading."""
    if len(words) != 1 or words[0].lower() not in PRONOUN_GENDER:
        return None
    prev = disc.entity(previous.speaker_entity_id) if previous.speaker_entity_id else None
    if prev is None or prev.label != "PER" or prev.entity_id == linked.entity_id:
        return None
    gender = PRONOUN_GENDER[words[0].lower()]
    if not _gender_ok(prev, gender) or (linked.gender is not None and linked.gender != gender):
        return None
    k = _sent_index(doc, claim.start_char)
    if k - _sent_index(doc, max(previous.start_char, previous.end_char - 1)) > 1:
        return None
    named = [m for m in disc.mentions if m.entity_id == linked.entity_id and m.link_method not in NAME_LINKS_EXCLUDED
             and m.end_char <= claim.speaker_start_char and k - _sent_index(doc, m.start_char) <= 3]
    if not named or not all(any(s <= m.start_char and m.end_char <= e for s, e in disc.messages) for m in named):
        return None
    return _with(claim, prev, "pronoun", f"pronoun '{claim.speaker_text}' -> {prev.canonical_name} (speaker of "
                 f"{previous.claim_id}; {linked.canonical_name} is named only inside a message)")


KONJUNKTIV_I = resources.words("claims_konjunktiv_i")
REPORTED_FORMS = ("indirect", "free_indirect", "mixed")


def _konjunktiv_i_next_to(doc: Doc, i: int) -> str | None:
    """The finite verb right after or before the pronoun at ``i`` when it is in Konjunktiv I: an unambiguous form
    of the lexicon ("sei", "habe", "wolle") or a present subjunctive of the tagger whose third person singular ends
    in -e, not the preterite -te ("denke", "sage"; the indicative is "denkt", "sagt")."""
    for j in (i + 1, i - 1):
        if not 0 <= j < len(doc):
            continue
        tok = doc[j]
        if not tok.is_alpha or not tok.text.islower() or "Fin" not in tok.morph.get("VerbForm"):
            continue
        low = tok.lower_
        if low in KONJUNKTIV_I or "Sub" in tok.morph.get("Mood") and "Pres" in tok.morph.get("Tense") \
                and low.endswith("e") and not low.endswith("te"):
            return tok.text
        return None
    return None


def _reported_frame(doc: Doc, disc: _Discourse, claim, previous, linked, words: list[str]):
    """"Sie freue sich auf die Zusammenarbeit mit ihm. Er denke genau darüber nach, was die Gesellschaft brauche.":
    a frame whose own verb is in Konjunktiv I is itself reported, so after a reported claim (indirect, free indirect
    or mixed, at most one narrative sentence back, its speaker a person) it goes on with that speaker's words; its
    pronoun subject ("Er" -> Schuch) is what the speaker talks about. Only for a pronoun in a main clause (no comma
    before it in its sentence) whose person is not the speaker before."""
    if len(words) != 1 or words[0].lower() not in PRONOUN_GENDER or claim.is_nested or previous.form not in REPORTED_FORMS:
        return None
    prev = disc.entity(previous.speaker_entity_id) if previous.speaker_entity_id else None
    if prev is None or prev.label != "PER" or linked is not None and linked.entity_id == prev.entity_id:
        return None
    if _narrative_gap(doc, previous, claim) > 1:
        return None
    tokens = [i for i in claim.speaker_tokens if i < len(doc)]
    if len(tokens) != 1:
        return None
    pron = doc[tokens[0]]
    start, _ = _sentence_bounds(doc, _sent_index(doc, pron.idx))
    if "," in doc.text[start:pron.idx]:
        return None
    verb = _konjunktiv_i_next_to(doc, pron.i)
    if verb is None:
        return None
    return _with(claim, prev, "continuation",
                 f"frame '{claim.speaker_text} {verb}' in Konjunktiv I is itself reported: continues {previous.claim_id} "
                 f"({prev.canonical_name}); '{claim.speaker_text}' is its content")


IMPERSONAL_FRAME_LEMMAS = ("heißen", "verlauten")
# frames after their message (", hieß es.", "„…“, hieß es."); a V2 frame ("In Finanzkreisen hieß es dagegen, …") or
# "wie es heißt" brings a source or a rumour of its own
FRAMES_AFTER_MESSAGE = ("inserted_frame", "quote_then_frame")


def _impersonal_frame_continuation(doc: Doc, claim, previous):
    """"Die beiden blieben unverletzt, wie die Feuerwehr berichtete. … Auch dabei sei niemand verletzt worden,
    hieß es.": an impersonal frame without a source ("hieß es", "verlautete") goes on with the source of the claim
    just before it (at most two sentences back), as a Konjunktiv continuation does; the reader is told nothing
    else. Only frames after their message (", hieß es."); with a narrative sentence between, only inside one
    paragraph; only with sentence boundaries. Limit: a bare "hieß es" that opens a new source (a rumour
    after a refusal to comment) is given the source before it too."""
    if claim.is_nested or claim.cue_lemma not in IMPERSONAL_FRAME_LEMMAS or previous is None \
            or previous.speaker_text is None or not claim.evidence or claim.evidence[0] not in FRAMES_AFTER_MESSAGE \
            or not doc.has_annotation("SENT_START"):
        return None  # without sentence boundaries the distance to the claim before is unknown
    gap = _sent_index(doc, claim.start_char) - _sent_index(doc, max(previous.start_char, previous.end_char - 1))
    if gap > 2 or gap == 2 and "\n" in doc.text[previous.end_char:claim.start_char]:
        return None  # a narrative sentence and a new paragraph (or a headline) between: the source has changed
    pw = _phrase_words(previous)
    if previous.speaker_entity_id is None and pw and pw[0].lower() in REFLEXIVE_SOURCES:
        return None  # "laut eigenen Angaben" that nobody could resolve is no source to go on with
    return _speaker_of(previous, claim, speaker_resolution="continuation",
                       evidence=claim.evidence + (f"speaker:impersonal frame continues {previous.claim_id}",))


DOCUMENT_ANAPHORS = resources.words("claims_document_anaphors")


def _document_named_before(doc: Doc, disc: _Discourse, claim):
    """"Bundeskanzler Karl Nehammer sieht in seinem Weihnachtsbrief große Herausforderungen. Österreich habe …
    bewiesen, ein krisenfestes Land zu sein, heißt es darin.": an impersonal frame that points back to a document
    ("darin", "dort", "in dem Papier") quotes the document's author, the one person or organisation the sentence
    right before names (making no claim itself, same paragraph). Two or no names there: no speaker."""
    if claim.is_nested or claim.cue_lemma not in IMPERSONAL_FRAME_LEMMAS or not claim.frame_tokens \
            or not claim.evidence or claim.evidence[0] not in FRAMES_AFTER_MESSAGE or not doc.has_annotation("SENT_START"):
        return None
    words = [doc[i].lower_ for i in claim.frame_tokens if i < len(doc)]
    pairs = {f"{a}+{b}" for a, b in zip(words, words[1:])}
    if not (set(words) | pairs) & DOCUMENT_ANAPHORS:
        return None
    k = _sent_index(doc, claim.start_char)
    if k == 0 or k - 1 in disc.claim_sents:
        return None
    start, end = _sentence_bounds(doc, k - 1)
    if "\n" in doc.text[start:claim.start_char].strip():
        return None
    named = [m for m in disc.mentions if m.label in ("PER", "ORG") and m.link_method not in NAME_LINKS_EXCLUDED
             and start <= m.start_char and m.end_char <= end]
    if len({m.entity_id for m in named}) != 1:
        return None
    ent = disc.entity(named[0].entity_id)
    span = doc.char_span(named[0].start_char, named[0].end_char, alignment_mode="expand")
    if ent is None or span is None:
        return None
    return replace(claim, speaker_text=span.text, speaker_start_char=span.start_char, speaker_end_char=span.end_char,
                   speaker_tokens=tuple(t.i for t in span), speaker_entity_id=ent.entity_id,
                   speaker_name=ent.canonical_name, speaker_resolution="explicit" if ent.label == "PER" else "description",
                   evidence=tuple(e for e in claim.evidence if not e.startswith("speaker:"))
                   + (f"speaker:author of the document named the sentence before ({ent.canonical_name})",))


def _speaker_of(source, claim, **changes):
    """``claim`` with the speaker (phrase, offsets, tokens, entity, name) of ``source``, and ``changes``."""
    return replace(claim, speaker_text=source.speaker_text, speaker_start_char=source.speaker_start_char,
                   speaker_end_char=source.speaker_end_char, speaker_tokens=source.speaker_tokens,
                   speaker_entity_id=source.speaker_entity_id, speaker_name=source.speaker_name, **changes)


def _follow_moved(disc: _Discourse, claim, previous):
    """A continuation that inherited the speaker phrase of a claim whose speaker was re-read (a quotation after a
    sentence about a new person, a Konjunktiv sentence after a sentence naming one) follows the new speaker."""
    if previous is None or claim.is_nested or not claim.evidence or claim.evidence[0] not in INHERITING:
        return claim
    if claim.speaker_start_char is None or disc.moved.get(claim.speaker_start_char) is not previous:
        return claim
    return _speaker_of(previous, claim)


def _unlinked_name(doc: Doc, claim) -> str | None:
    """The name in a speaker phrase the entity stage did not link, read from the surface: capitalised words after
    the role nouns that precede them, no article, no pronoun ("EZB-Ratsmitglied Gediminas Simkus" -> "Gediminas
    Simkus", "Keller-Sutter"); a continuation keeps the name its speaker phrase had."""
    from .speakers import is_person_noun

    if claim.speaker_name and (claim.speaker_resolution in ("continuation", "description")
                               or "speaker:name_before_affiliation" in claim.evidence
                               or any(e.startswith(BARE_NAME_EVIDENCE) for e in claim.evidence)):
        return claim.speaker_name
    words = [w.strip(",;:()") for w in _phrase_words(claim)]
    words = [w for w in words if w]
    if not words or words[0].lower() in ARTICLE_WORDS or len(words) > 4 or len(words) == 1 and words[0].lower() in DEMONSTRATIVES:
        return None
    while words and (is_person_noun(words[0]) or _is_role_word(words[0])):
        words = words[1:]
    if not words or not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
        return None
    if any(is_person_noun(w) or _org_head(w) for w in words) or _is_pronoun(claim):
        return None
    if claim.speaker_tokens and any(doc[i].ent_type_ in ("LOC", "ORG") for i in claim.speaker_tokens if i < len(doc)):
        return None
    return " ".join(words)


ARTICLE_WORDS = resources.words("salience_phrase_openers")


def _with(claim, entity, resolution: str, why: str):
    return replace(claim, speaker_entity_id=entity.entity_id, speaker_name=entity.canonical_name,
                   speaker_resolution=resolution,
                   evidence=tuple(e for e in claim.evidence if not e.startswith("speaker:")) + (f"speaker:{why}",))


def _previous_within_reach(doc: Doc, disc: _Discourse, previous, claim) -> bool:
    """The claim before is at most one narrative sentence back and nobody else is named between its speaker and
    ``claim``'s source phrase (the condition for handing a source without its own author to that speaker)."""
    return _narrative_gap(doc, previous, claim) <= 1 and not _names_between(
        disc, max(previous.end_char, previous.speaker_end_char or 0), claim.speaker_start_char, previous.speaker_entity_id)


def _inherit_speaker_name(disc: _Discourse, claim, previous, why):
    """``claim`` keeps its own source phrase and offsets but takes the speaker of ``previous`` (its entity when it has
    one, else its name or phrase) as a continuation; ``why(name)`` is the evidence text."""
    ent = disc.entity(previous.speaker_entity_id) if previous.speaker_entity_id else None
    name = ent.canonical_name if ent is not None else (previous.speaker_name or previous.speaker_text)
    if ent is not None:
        return _with(claim, ent, "continuation", why(name))
    return replace(claim, speaker_name=name, speaker_resolution="continuation",
                   evidence=tuple(e for e in claim.evidence if not e.startswith("speaker:")) + (f"speaker:{why(name)}",))


def _resolve_one(doc: Doc, disc: _Discourse, claim, previous):
    inherited = bool(claim.evidence) and claim.evidence[0] in INHERITING
    if inherited and previous is not None and claim.speaker_text is not None \
            and claim.speaker_start_char == previous.speaker_start_char:
        if previous.speaker_entity_id:
            ent = disc.entity(previous.speaker_entity_id)
            if ent is not None:
                return _with(claim, ent, "continuation", f"continuation of {previous.claim_id} ({ent.canonical_name})")
        # the speaker before may have been resolved to a name the NER missed: that name, not the phrase's old link
        name = previous.speaker_name or claim.speaker_name
        return replace(claim, speaker_resolution="continuation", speaker_entity_id=None, speaker_name=name,
                       evidence=tuple(e for e in claim.evidence if not e.startswith("speaker:"))
                       + ((f"speaker:continuation of {previous.claim_id} ({name})",) if name else ()))
    if inherited and claim.speaker_text is None and previous is not None and previous.speaker_text is not None \
            and _sent_index(doc, claim.start_char) - _sent_index(doc, max(previous.start_char, previous.end_char - 1)) <= 2:
        moved = replace(claim, speaker_text=previous.speaker_text, speaker_start_char=previous.speaker_start_char,
                        speaker_end_char=previous.speaker_end_char, speaker_entity_id=previous.speaker_entity_id,
                        speaker_name=previous.speaker_name, speaker_resolution="continuation",
                        speaker_tokens=previous.speaker_tokens,
                        evidence=claim.evidence + (f"speaker:continuation of {previous.claim_id}",))
        return moved
    if claim.speaker_text is None:
        return _impersonal_frame_continuation(doc, claim, previous) or _document_named_before(doc, disc, claim) or claim
    words = _phrase_words(claim)
    reported = _thing_reported_before(doc, disc, claim, previous, words)
    if reported is not None:
        return reported
    ent = disc.entity(claim.speaker_entity_id) if claim.speaker_entity_id else None
    if ent is None and _is_pronoun(claim) and words[0].lower() == "sie":
        resolved = _collective_pronoun(doc, disc, claim)
        if resolved is not None:
            return resolved
    if ent is not None and (ent.label == "ORG" or ent.label == "PER" and _person_attribute_link(doc, disc, claim, words)):
        # "der Chef der Brandenburger CDU, Ingo Senftleben": the person in the apposition is the speaker (the
        # phrase reader may have stopped at the comma; a markdown link may open the name: ", [Ingo Senftleben](…)");
        # so in "der Pressesprecher von Kardinal Schönborn, Michael Prüller", where the cardinal is an attribute
        people = [m for m in disc.mentions if m.label == "PER" and m.link_method != "pronoun" and m.entity_id != ent.entity_id
                  and claim.speaker_start_char <= m.start_char <= claim.speaker_end_char + 3
                  and re.search(r",\s*\[?$", doc.text[claim.speaker_start_char:m.start_char])]
        if people and disc.entity(people[0].entity_id) is not None:
            person = disc.entity(people[0].entity_id)
            return _with(claim, person, "explicit", f"apposition name '{people[0].text}' over organisation")
        named = _name_after_role(doc, disc, claim, words) if ent.label == "ORG" else None
        if named is not None:
            return named
    if ent is not None and ent.label == "PER" and claim.speaker_resolution == "description" and previous is not None:
        salient = _previous_person(doc, disc, claim, previous, ent)
        if salient is not None:
            return salient
    if ent is not None and ent.label != "PER" and _person_head_over_modifier(doc, disc, claim, words):
        # "die Chefin der Europäischen Zentralbank", "die St. Galler FDP-Magistratin": the phrase names a person
        # by role; the organisation or place it was linked to is only a modifier of that role
        person, why = disc.last_person(claim.speaker_start_char, _gender_of_phrase(words), (claim.start_char, claim.end_char))
        if person is not None:
            return _with(claim, person, "description",
                         f"salience: '{claim.speaker_text}' -> {person.canonical_name} ({why}; role over '{ent.canonical_name}')")
        named = _salient_unlinked_name(doc, disc, claim, None) or _speaking_place_name(doc, disc, claim)
        if named is not None:
            return named
    if _is_pronoun(claim) and previous is not None and (ent is None or ent.label == "PER"):
        reported = _reported_frame(doc, disc, claim, previous, ent, words)
        if reported is not None:
            return reported
    if ent is not None and ent.label == "PER" and claim.speaker_resolution == "pronoun" and previous is not None:
        speaker = _speaker_over_content(doc, disc, claim, previous, ent, words)
        if speaker is not None:
            return speaker
    if ent is not None and ent.label == "PER" and _is_pronoun(claim) and previous is not None:
        # "Ähnlich äußerte sich EZB-Ratsmitglied Gediminas Simkus. «…», sagte er.": the name the NER missed in the
        # claim directly before is closer than the person the entity stage linked the pronoun to
        named = _salient_unlinked_name(doc, disc, claim, ent, window=1)
        if named is not None:
            return named
    if ent is not None:
        return claim
    demonstrative = _demonstrative(doc, disc, claim, words) or _speech_subject_over_document(doc, claim, words)
    if demonstrative is not None:
        return demonstrative
    media = _media_head(words)
    if media is not None:
        named = _last_medium(doc, disc, claim)
        if named is not None:
            return replace(claim, speaker_name=named, speaker_resolution="description",
                           evidence=tuple(e for e in claim.evidence if not e.startswith("speaker:"))
                           + (f"speaker:salience: '{claim.speaker_text}' -> medium '{named}' named last (…{media})",))
    if claim.form == "according_to" and not claim.is_nested:
        # "Seines Erachtens …", "Ihm zufolge …", "Gemäss den bisherigen Erkenntnissen …": an owner or no author
        resolved = _owner_source(doc, disc, claim, previous, words) or _authorless_source(doc, disc, claim, previous, words)
        if resolved is not None:
            return resolved
    if claim.form == "according_to" or words and words[0].lower() in REFLEXIVE_SOURCES:
        resolved = _according_to_source(doc, disc, claim, words, previous)
        if resolved is not None:
            return resolved
    named = _name_after_role(doc, disc, claim, words)
    if named is not None:
        return named
    following = _name_right_after(disc, claim)
    if following is not None:
        return _with(claim, following, "explicit" if following.label == "PER" else "description",
                     f"name '{following.canonical_name}' right after '{claim.speaker_text}'")
    short = _org_short_form(doc, disc, claim, words)
    if short is not None:
        return short
    head = _org_description_head(words)
    if head is not None:
        org = disc.last_org(claim.speaker_start_char, head)
        if org is not None:
            return _with(claim, org, "description", f"salience: '{claim.speaker_text}' -> last organisation '{org.canonical_name}' named ...{head}")
        return claim
    if _is_person_description(words) and not _is_plural_group(doc, claim) and words[0].lower() not in INDEFINITE:
        # an indefinite description ("ein Konzernsprecher", "eine Sprecherin") introduces a new person
        nationality = _nationality_of_phrase(words)
        person, why = disc.last_person(claim.speaker_start_char, _gender_of_phrase(words), (claim.start_char, claim.end_char),
                                       nationality)
        if person is not None:
            why += f", nationality {nationality} not contradicted" if nationality else ""
            return _with(claim, person, "description", f"salience: '{claim.speaker_text}' -> {person.canonical_name} ({why})")
        named = _salient_unlinked_name(doc, disc, claim, None) or _speaking_place_name(doc, disc, claim)
        if named is not None:
            return named
    if _is_pronoun(claim) and words[0].lower() in ("er", "sie") and previous is not None:
        named = _salient_unlinked_name(doc, disc, claim, None, window=1)
        if named is not None:
            return named
        described = _previous_description(doc, claim, previous, "female" if words[0].lower() == "sie" else "male")
        if described is not None:
            return described
    if _is_pronoun(claim) and words[0].lower() in PRONOUN_GENDER:
        bare = _bare_name_subject(doc, disc, claim)
        if bare is not None:
            return bare
    return claim


BARE_NAME_EVIDENCE = "speaker:salience: bare name"


def _speech_subject_over_document(doc: Doc, claim, words: list[str]):
    """"Zur EU sagten die beiden FPÖ-Abgeordneten laut einer Aufnahme eines Stammtisch-Gesprächs, …": an
    according-to source that is an indefinite document ("laut einer Aufnahme", "nach einem Bericht") inside a clause
    whose own finite verb of saying has its subject right after it (V2 inversion) is how the words are known, not who
    said them: the subject is the speaker. The subject is a short noun phrase (articles, numerals, adjectives and
    nouns, no comma) between the verb and the preposition; it is resolved like any speaker phrase."""
    from . import reporting
    from .speakers import resolve_speaker

    if not words or words[0].lower() not in INDEFINITE or not any(e.startswith("according_to:") for e in claim.evidence):
        return None
    if claim.speaker_tokens is None or not claim.speaker_tokens:
        return None
    first = min(i for i in claim.speaker_tokens if i < len(doc))
    prep = first - 1
    if prep < 1 or doc[prep].lower_ not in ("laut", "nach", "gemäß", "gemäss"):
        return None
    start, _ = _sentence_bounds(doc, _sent_index(doc, doc[prep].idx))
    forms = reporting.verb_forms()
    verb = next((t for t in doc[:prep] if t.idx >= start and t.text.islower() and "Fin" in t.morph.get("VerbForm")
                 and any(f.kind == "finite" for f in forms.get(t.lower_, ()))), None)
    if verb is None:
        return None
    phrase = list(doc[verb.i + 1:prep])
    if not 1 <= len(phrase) <= 6 or any(t.pos_ not in ("DET", "NUM", "ADJ", "NOUN", "PROPN") or t.is_punct for t in phrase) \
            or not any(t.text[:1].isupper() for t in phrase):
        return None
    info = resolve_speaker(doc, [t.i for t in phrase])
    text = doc.text[phrase[0].idx:phrase[-1].idx + len(phrase[-1].text)]
    return replace(claim, speaker_text=text, speaker_start_char=phrase[0].idx,
                   speaker_end_char=phrase[-1].idx + len(phrase[-1].text), speaker_tokens=tuple(t.i for t in phrase),
                   speaker_entity_id=info.entity_id, speaker_name=info.name, speaker_resolution=info.resolution,
                   evidence=tuple(e for e in claim.evidence if not e.startswith("speaker:"))
                   + (f"speaker:'{claim.speaker_text}' is the document the words are known from; the subject of "
                      f"'{verb.text}' is '{text}'",))


def _demonstrative(doc: Doc, disc: _Discourse, claim, words: list[str]):
    """"Liebi griff den zuständigen Stadtrat Gerold Lauber frontal an. Dieser konterte und meinte, …": a demonstrative
    alone as the speaker refers to the person named last in the sentence before (the most recent mention, which the
    demonstrative prefers over the sentence's subject), of its gender; a plural verb makes it a group (left alone)."""
    gender = DEMONSTRATIVES.get(words[0].lower()) if len(words) == 1 else None
    tokens = [i for i in claim.speaker_tokens if i < len(doc)]
    if gender is None or len(tokens) != 1 or _finite_number_next_to(doc, tokens[0], claim.cue_start_char) == "plur":
        return None
    k = _sent_index(doc, claim.speaker_start_char)
    people = [m for m in disc.mentions if m.label == "PER" and m.link_method not in ("pronoun", "role_description")
              and m.end_char <= claim.speaker_start_char and k - _sent_index(doc, m.start_char) == 1]
    if not people:
        return None
    last = max(people, key=lambda m: m.start_char)
    ent = disc.entity(last.entity_id)
    if ent is None or not _gender_ok(ent, gender):
        return None
    return _with(claim, ent, "pronoun", f"salience: demonstrative '{claim.speaker_text}' -> {ent.canonical_name} "
                 f"(the person named last in the sentence before, {gender})")


def _speaking_place_name(doc: Doc, disc: _Discourse, claim):
    """"Lagarde signalisiert höhere Wachstumsprognose … «…», sagte die Chefin der Europäischen Zentralbank. … Zudem
    bekräftigte Lagarde ihre Einschätzung, …": a person description that no person can take refers to a one-word
    name the NER labelled a place when no place of that name is known (neither the patterns file nor the country
    names of nationalities.tsv list it) and a claim of the document names it as its speaker: places that speak are
    capitals and countries, which the gazetteer knows; an unknown "place" that speaks is a surname. The name is
    mentioned within ``PERSON_WINDOW`` sentences before the description; the last such name wins."""
    from ..entities import extract as entity_extract, roles

    k = _sent_index(doc, claim.speaker_start_char)
    known = entity_extract.default_patterns().phrases
    for m in reversed(disc.mentions):
        if m.end_char > claim.speaker_start_char or m.label != "LOC" or m.link_method in ("pronoun", "role_description"):
            continue
        if k - _sent_index(doc, m.start_char) > PERSON_WINDOW:
            break
        ent = disc.entity(m.entity_id)
        name = ent.canonical_name if ent is not None else ""
        if ent is None or ent.label != "LOC" or not name.isalpha() or not name[:1].isupper() or name.isupper() \
                or ent.entity_id not in disc.speaking:
            continue
        if known.get((name,), ("",))[0] == "LOC" or roles.lexicons().nationality_names.get(roles.fold(name)):
            continue
        return _with(claim, ent, "description",
                     f"salience: '{claim.speaker_text}' -> '{name}' (labelled a place, but no place of that name is known "
                     f"and {disc.speaking[ent.entity_id]} names it as its speaker; no person named before)")
    return None


def _bare_name_subject(doc: Doc, disc: _Discourse, claim):
    """"Hafenecker bemühte sich, die Wogen zu glätten. Er zeigte sich sicher, dass …": a speaker pronoun that neither
    the entity stage nor an earlier speaker can take refers to a surname the NER missed when the surname opens one of
    the two sentences before, bare (German needs an article before a singular common noun in subject position),
    directly followed by a singular finite verb. The word is unknown to the model's vocabulary (the Brown-cluster
    vectors hold about 360,000 frequent words: "Geld", "Kritik", "Wasser" are in it, a rare surname is not; a model
    without vectors gives no reading), a proper or common noun by the tagger, capitalised, no
    acronym, no person, role, organisation or abstract noun of the lexicons, not inside any entity mention, its
    grammatical gender (when tagged masculine or feminine) agrees with the pronoun, and no person is named between it
    and the pronoun. Weakest evidence: only after every other reading of the pronoun failed."""
    from .speakers import is_person_noun

    tokens = [i for i in claim.speaker_tokens if i < len(doc)]
    if len(tokens) != 1:
        return None
    pron = doc[tokens[0]]
    gender = PRONOUN_GENDER.get(pron.lower_)
    if gender is None or gender == "female" and _finite_number_next_to(doc, pron.i, claim.cue_start_char) != "sing":
        return None
    k = _sent_index(doc, pron.idx)
    for back in (1, 2):
        if k - back < 0:
            break
        start, end = _sentence_bounds(doc, k - back)
        if not doc.text[start:end].rstrip().endswith(SENTENCE_FINAL):
            continue  # a headline or teaser line
        span = doc.char_span(start, end, alignment_mode="expand")
        words = [t for t in span if not t.is_space] if span is not None else []
        dash = next((n for n in range(2, min(len(words), 9)) if words[n].text in ("-", "–", "—")
                     and words[n - 1].text == ")"), None)
        if dash is not None and words[0].text[:1].isupper():
            words = words[dash + 1:]  # a dateline "Hamburg (dpa) - Scheller bemühte sich …" opens the sentence
        if len(words) < 3:
            continue
        t, verb = words[0], words[1]
        word = t.text
        if not (word[:1].isupper() and word.replace("-", "").isalpha() and len(word) >= 3 and not word.isupper()):
            continue
        if not len(doc.vocab.vectors) or t.has_vector:
            continue  # a word of the model's word clusters is a common word ("Geld", "Kritik") or a name the NER knows
        if t.pos_ not in ("PROPN", "NOUN") or t.ent_type_ or "Fin" not in verb.morph.get("VerbForm") \
                or verb.morph.get("Number") not in (["Sing"], []) or not verb.text.islower():
            continue
        if is_person_noun(word) or _is_role_word(word) or _org_head(word) or _org_class_noun(word) \
                or word.lower().endswith(ABSTRACT_SUFFIXES) or word.lower() in ARTICLE_WORDS:
            continue
        tagged = t.morph.get("Gender")
        if tagged and tagged[0] in ("Masc", "Fem") and tagged[0] != ("Masc" if gender == "male" else "Fem"):
            continue
        if any(m.start_char <= t.idx < m.end_char or m.label == "PER" and t.idx < m.start_char < pron.idx
               for m in disc.mentions):
            continue
        return replace(claim, speaker_name=word, speaker_entity_id=None, speaker_resolution="pronoun",
                       evidence=tuple(e for e in claim.evidence if not e.startswith("speaker:"))
                       + (f"{BARE_NAME_EVIDENCE} '{word}' opens the sentence {back} back as the subject of "
                          f"'{verb.text}' ('{claim.speaker_text}' -> '{word}'; a word the model's vocabulary and NER do not know)",))
    return None


def _previous_description(doc: Doc, claim, previous, gender: str):
    """"Die Wienerin berichtete, dass … Sie erzählte, dass …": a pronoun nobody else can take refers to the person
    the claim directly before described without a name (same gender, within two sentences)."""
    if previous.speaker_entity_id or not previous.speaker_text or _is_pronoun(previous):
        return None
    pw = _phrase_words(previous)
    if not _is_person_description(pw) or _gender_of_phrase(pw) != gender or _is_plural_group(doc, previous):
        return None
    if _sent_index(doc, claim.start_char) - _sent_index(doc, max(previous.start_char, previous.end_char - 1)) > 2:
        return None
    name = previous.speaker_name or previous.speaker_text
    return replace(claim, speaker_name=name, speaker_resolution="pronoun",
                   evidence=tuple(e for e in claim.evidence if not e.startswith("speaker:"))
                   + (f"speaker:salience: '{claim.speaker_text}' -> '{name}' (the unnamed person of {previous.claim_id})",))


def _salient_unlinked_name(doc: Doc, disc: _Discourse, claim, linked, window: int = PERSON_WINDOW):
    """A description or pronoun resolved to the last speaker named by a name the NER missed (the entity stage knows
    no such person, so the name is the resolution); ``linked``: the person the entity stage chose, which must have
    been mentioned before that name."""
    name, back = disc.last_unlinked_name(claim.speaker_start_char, window)
    if name is None:
        return None
    if linked is not None:
        last = [m.end_char for m in disc.mentions if m.entity_id == linked.entity_id and m.end_char <= claim.speaker_start_char
                and m.link_method != "pronoun"]
        named_at = next((c.speaker_start_char for _, c, n in reversed(disc.unlinked_names) if n == name), None)
        if not last or named_at is None or max(last) > named_at:
            return None
    return replace(claim, speaker_name=name, speaker_entity_id=None,
                   speaker_resolution="pronoun" if _is_pronoun(claim) else "description",
                   evidence=tuple(e for e in claim.evidence if not e.startswith("speaker:"))
                   + (f"speaker:salience: '{claim.speaker_text}' -> '{name}' (unlinked name of the speaker {back} sentence(s) back)",))


INDEFINITE = ("ein", "eine", "einer", "eines", "einem", "einen")


def _person_head_over_modifier(doc: Doc, disc: _Discourse, claim, words: list[str]) -> bool:
    """A definite person description whose head role noun lies outside the linked name mention: the name is a
    genitive or an attribute of the role ("die Chefin der EZB", "die St. Galler FDP-Magistratin"). Spokespersons
    speak for their organisation ("der Sprecher des Ministeriums") and stay with it."""
    if words[0].lower() in INDEFINITE or not _is_person_description(words):
        return False
    head = _head_noun(words)
    if head is None or AGE_NOUN.match(head) or head.lower().rstrip("s").endswith(("sprecher", "sprecherin")):
        return False
    start = claim.speaker_start_char + doc.text[claim.speaker_start_char:claim.speaker_end_char].find(head)
    end = start + len(head)
    ment = [m for m in disc.mentions if m.entity_id == claim.speaker_entity_id
            and claim.speaker_start_char <= m.start_char and m.end_char <= claim.speaker_end_char]
    return bool(ment) and not any(m.start_char <= start and end <= m.end_char for m in ment) \
        and not any(m.start_char <= start < m.end_char or m.start_char < end <= m.end_char for m in ment)


def _person_attribute_link(doc: Doc, disc: _Discourse, claim, words: list[str]) -> bool:
    """The phrase is a definite description headed by a person noun ("der Pressesprecher von Kardinal
    Schönborn") and the person it was linked to is named only after that head, inside its attribute."""
    from .speakers import is_person_noun

    if len(words) < 3 or words[0].lower() not in ("der", "die", "dem", "des"):
        return False
    head = _head_noun(words)
    if head is None or not is_person_noun(head.strip(",")):
        return False
    head_end = claim.speaker_start_char + doc.text[claim.speaker_start_char:claim.speaker_end_char].find(head) + len(head)
    linked = [m for m in disc.mentions if m.entity_id == claim.speaker_entity_id
              and claim.speaker_start_char <= m.start_char < claim.speaker_end_char]
    return bool(linked) and all(m.start_char >= head_end and not doc.text[:m.start_char].rstrip().endswith(",")
                                for m in linked)


def _previous_person(doc: Doc, disc: _Discourse, claim, previous, matched):
    """"Senftleben sagte, … „…“, so der CDU-Politiker weiter": a description right after another person's claim
    (same or next sentence) refers to that person, the most salient one, unless it contradicts what is known of
    them (gender; a party they are not known to belong to). The entity stage's match by role or party (here the
    CDU politician Pfeiffer named earlier) is a weaker cue than salience."""
    from ..entities.coref import analyse_description

    prev = disc.entity(previous.speaker_entity_id) if previous.speaker_entity_id else None
    if prev is None or prev.label != "PER" or prev.entity_id == matched.entity_id:
        return None
    if _sent_index(doc, claim.start_char) - _sent_index(doc, max(previous.start_char, previous.end_char - 1)) > 1:
        return None
    span = doc.char_span(claim.speaker_start_char, claim.speaker_end_char, alignment_mode="expand")
    desc = analyse_description(span) if span is not None else None
    if desc is None:
        return None
    gender = desc.gender or _gender_of_phrase(_phrase_words(claim))
    if gender and prev.gender and gender != prev.gender:
        return None
    if desc.party and getattr(prev, "parties", None) and desc.party not in prev.parties:
        return None
    return _with(claim, prev, "description",
                 f"salience: '{claim.speaker_text}' -> {prev.canonical_name} (speaker of the claim before; "
                 f"preferred to the match {matched.canonical_name})")


def _media_head(words: list[str]) -> str | None:
    """"die Pendlerzeitung", "das Blatt", "der Sender": a singular description headed by a media noun."""
    if len(words) < 2 or words[0].lower() not in ("der", "die", "das", "dem", "des"):
        return None
    head = _head_noun(words)
    if head is None or head != words[-1]:
        return None
    low = head.lower()
    return next((m for m in MEDIA_NOUNS if low.endswith(m)), None)


def _last_medium(doc: Doc, disc: _Discourse, claim) -> str | None:
    """The medium named last before the claim (within ``ORG_WINDOW`` sentences): a short quoted name
    («20 Minuten», „Stern“) or an organisation whose name ends in a media noun ("Süddeutsche Zeitung")."""
    k = _sent_index(doc, claim.speaker_start_char)
    best: tuple[int, str] | None = None
    for span in doc.spans.get("quotes", ()):
        if span.end_char > claim.speaker_start_char or k - _sent_index(doc, span.start_char) > ORG_WINDOW:
            continue
        words = [t for t in span if not t.is_punct]
        if 1 <= len(words) <= 4 and all(t.text[:1].isupper() or t.like_num for t in words):
            name = doc.text[words[0].idx:words[-1].idx + len(words[-1].text)]
            if best is None or span.start_char > best[0]:
                best = (span.start_char, name)
    for m in disc.mentions:
        if m.label != "ORG" or m.end_char > claim.speaker_start_char or k - _sent_index(doc, m.start_char) > ORG_WINDOW:
            continue
        ent = disc.entity(m.entity_id)
        if ent is not None and any(ent.canonical_name.lower().endswith(n) for n in MEDIA_NOUNS):
            if best is None or m.start_char > best[0]:
                best = (m.start_char, ent.canonical_name)
    return best[1] if best else None


def _is_pronoun(claim) -> bool:
    words = _phrase_words(claim)
    return len(words) == 1 and words[0].lower() in ("sie", "er", "es", "wir", "ihr")


def _collective_pronoun(doc: Doc, disc: _Discourse, claim):
    """"Die Unionsvertreter hatten … bezeichnet. Zudem verlangen sie …": a "sie" the entity stage could not link to a
    person (plural, or no woman in reach) is the group or organisation that spoke last; the verb's number decides
    between a group (plural verb) and an organisation (singular verb: "Die Bahn wies … zurück. Sie nannte …")."""
    tokens = list(claim.speaker_tokens)
    number = _finite_number_next_to(doc, tokens[0], claim.cue_start_char) if tokens else None
    antecedent, ent, why = disc.last_collective(claim.speaker_start_char, number)
    if antecedent is None:
        org = _organisation_just_named(doc, disc, claim) if number == "sing" else None
        if org is not None:
            return _with(claim, org, "pronoun", f"salience: '{claim.speaker_text}' -> {org.canonical_name} (the one "
                         "organisation named in the sentence before)")
        return None
    if ent is not None:
        return _with(claim, ent, "pronoun", f"salience: '{claim.speaker_text}' -> {ent.canonical_name} ({why})")
    return replace(claim, speaker_name=antecedent.speaker_name or antecedent.speaker_text, speaker_resolution="pronoun",
                   evidence=tuple(e for e in claim.evidence if not e.startswith("speaker:"))
                   + (f"speaker:salience: '{claim.speaker_text}' -> '{antecedent.speaker_text}' ({why})",))


def _organisation_just_named(doc: Doc, disc: _Discourse, claim):
    """"Hinweise hat die Polizei bisher nicht erhalten. Sie geht davon aus, dass …": a singular "sie", when no group
    or organisation spoke before it, is the organisation named in the sentence directly before it (or earlier in its own sentence), when
    exactly one organisation is named there. Needs sentence boundaries. Limit: a feminine thing ("die Studie …
    Sie zeigt") is taken for the organisation named with it."""
    if not doc.has_annotation("SENT_START"):
        return None
    k = _sent_index(doc, claim.speaker_start_char)
    if k == 0:
        return None
    start, _ = _sentence_bounds(doc, k - 1)
    orgs = [m for m in disc.mentions if m.label == "ORG" and m.link_method not in NAME_LINKS_EXCLUDED
            and start <= m.start_char and m.end_char <= claim.speaker_start_char]
    if len({m.entity_id for m in orgs}) != 1 or "\n\n" in doc.text[start:claim.speaker_start_char]:
        return None
    return disc.entity(orgs[0].entity_id)


AUXILIARIES = resources.words("claims_auxiliaries")


def _finite_number_next_to(doc: Doc, i: int, cue_char: int | None) -> str | None:
    """Number of the finite verb agreeing with the pronoun at ``i``: the verb right before it ("verlangen sie") or
    right after it ("sie verlangen"), else the cue; morphology when the tagger gives it, else the ending (plural
    finite forms end in -n: "verlangen", "hatten", "sind" is listed)."""
    from . import reporting

    forms = reporting.verb_forms()
    candidates = [j for j in (i - 1, i + 1) if 0 <= j < len(doc)]
    if cue_char is not None:
        cue = doc.char_span(cue_char, cue_char + 1, alignment_mode="expand")
        if cue is not None:
            candidates.append(cue.start)
    for j in candidates:
        tok = doc[j]
        low = tok.text.lower()
        if not (tok.is_alpha and tok.text.islower()):
            continue
        finite = low in AUXILIARIES or any(f.kind == "finite" for f in forms.get(low, ())) or (
            tok.pos_ in ("VERB", "AUX") and "Fin" in tok.morph.get("VerbForm"))
        if not finite:
            continue
        number = tok.morph.get("Number")
        if number:
            return "plur" if number[0] == "Plur" else "sing"
        if low in ("sind", "seien"):
            return "plur"
        return "plur" if low.endswith("n") else "sing"
    return None


def _name_right_after(disc: _Discourse, claim):
    """"die Dienstleistungsgewerkschaft Verdi": the phrase reader stopped before the name that closes it."""
    end = claim.speaker_end_char
    for m in disc.mentions:
        if m.label in ("PER", "ORG") and m.link_method != "pronoun" and end <= m.start_char <= end + 1 \
                and not disc.doc.text[end:m.start_char].strip():
            return disc.entity(m.entity_id)
    # "so der Generalsekretär des Bauernverbandes, Bernhard Krüsken.": a person description with the name in an
    # apposition that closes the clause
    if _is_person_description(_phrase_words(claim)):
        text = disc.doc.text
        for m in disc.mentions:
            if m.label == "PER" and m.link_method != "pronoun" and end < m.start_char <= end + 120 \
                    and text[end:m.start_char].rstrip().endswith(",") and m.start_char - len(text[end:m.start_char].rstrip()) - end <= 2 \
                    and _attribute_only(disc.doc, end, end + len(text[end:m.start_char].rstrip()) - 1) \
                    and text[m.end_char:m.end_char + 1] in ("", ".", ",", ";", "\n", " ") \
                    and text[m.end_char:m.end_char + 2].strip()[:1] in ("", ".", ",", ";"):
                return disc.entity(m.entity_id)
    return None


def _attribute_only(doc: Doc, start: int, end: int) -> bool:
    """Nothing, or only a prepositional or genitive attribute of the role noun, lies between ``start`` and ``end``:
    "der Staatssekretär| im Kabinett des Ministerpräsidenten|, Bence Tuzson" (a preposition or article first, then
    articles, adjectives and nouns; no verb, no punctuation, at most eight words, no line break)."""
    between = doc.text[start:end]
    if not between.strip():
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    words = [t for t in span if not t.is_space] if span is not None else []
    if not words or len(words) > 8 or "\n" in between or words[0].pos_ not in ("ADP", "DET") or not words[0].text.islower():
        return False
    return all(t.pos_ in ("ADP", "DET", "ADJ", "NOUN", "PROPN") and t.is_alpha for t in words)


REFLEXIVE_SOURCES = ("eigenen", "eigener", "eigenem", "eigene")


def _according_to_source(doc: Doc, disc: _Discourse, claim, words: list[str], previous=None):
    """"X verbucht nach eigenen Angaben …": the source is the subject (a name before the phrase in its sentence, a
    name right after the finite verb, a pronoun or a phrase in the Vorfeld); a clause without one ("… werde sich laut
    eigenen Angaben nichts ändern") reports the last salient speaker, the speaker of the claim directly before it.
    "nach Angaben des Staatschefs": the genitive after the reporting noun is the speaker phrase, resolved like any
    description."""
    if words and words[0].lower() in REFLEXIVE_SOURCES:
        k = _sent_index(doc, claim.speaker_start_char)
        subjects = [m for m in disc.mentions if m.label in ("PER", "ORG") and m.end_char <= claim.speaker_start_char
                    and _sent_index(doc, m.start_char) == k]
        if subjects and disc.entity(subjects[0].entity_id) is not None:
            ent = disc.entity(subjects[0].entity_id)
            return _with(claim, ent, "explicit", f"'{claim.speaker_text}' -> subject '{subjects[0].text}'")
        inverted = _subject_after_finite_verb(doc, disc, claim, k)
        if inverted is not None:
            return inverted
        vorfeld = _vorfeld_subject(doc, claim)
        if vorfeld is not None:
            return _pronoun_subject(doc, disc, vorfeld) or vorfeld
        return _reflexive_without_subject(doc, disc, claim, previous)
    return _genitive_source(disc, claim, words)


def _subject_after_finite_verb(doc: Doc, disc: _Discourse, claim, k: int):
    """"Nach eigenen Angaben sieht Lagarde die Inflation …": the source phrase fills the Vorfeld, so the subject
    follows the finite verb (V2 inversion): a name mention right after it."""
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    if k >= len(sents) or not (doc.has_annotation("POS") or doc.has_annotation("TAG")):
        return None
    sent = sents[k]
    words = [t for t in sent if not t.is_space and not t.is_punct]
    if not words or words[0].idx != claim.speaker_start_char - len("nach ") and words[0].lower_ != "nach":
        return None
    after = [t for t in sent if t.idx >= claim.speaker_end_char and not t.is_space]
    verb = next((t for t in after[:2] if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")), None)
    if verb is None:
        return None
    window_end = verb.idx + len(verb.text) + 1
    nxt = [t for t in after if t.i > verb.i][:3]
    if not nxt:
        return None
    names = [m for m in disc.mentions if m.label in ("PER", "ORG") and m.link_method != "pronoun"
             and window_end <= m.start_char <= nxt[-1].idx]
    if names and disc.entity(names[0].entity_id) is not None:
        ent = disc.entity(names[0].entity_id)
        return _with(claim, ent, "explicit", f"'{claim.speaker_text}' -> subject '{names[0].text}' after the verb")
    return None


def _vorfeld_subject(doc: Doc, claim):
    """"Die ukrainische Armee kommt nach eigenen Angaben voran": the phrase before the finite verb of the sentence
    (an article or a capitalised word first, no comma) is the subject the reflexive source refers to."""
    k = _sent_index(doc, claim.speaker_start_char)
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    if k >= len(sents):
        return None
    sent = sents[k]
    if not (doc.has_annotation("POS") or doc.has_annotation("TAG")):
        return None  # without a tagger the end of the phrase is a guess
    phrase = []
    for tok in sent:
        if tok.idx >= claim.speaker_start_char or tok.text in (",", ":", ";") or tok.is_space and "\n" in tok.text:
            return None
        if tok.pos_ in ("VERB", "AUX"):
            break
        phrase.append(tok)
    if not phrase or not (phrase[0].text[:1].isupper() and any(t.text[:1].isupper() for t in phrase[1:] or phrase)):
        return None
    if phrase[0].pos_ == "ADP" or phrase[0].tag_ in ("APPR", "APPRART"):
        return None  # "Für die Kunden werde sich laut eigenen Angaben nichts ändern": an adverbial, no subject
    text = doc.text[phrase[0].idx:phrase[-1].idx + len(phrase[-1].text)]
    return replace(claim, speaker_text=text, speaker_start_char=phrase[0].idx, speaker_end_char=phrase[-1].idx + len(phrase[-1].text),
                   speaker_tokens=tuple(t.i for t in phrase), speaker_entity_id=None, speaker_name=None,
                   speaker_resolution="group",
                   evidence=tuple(e for e in claim.evidence if not e.startswith("speaker:"))
                   + (f"speaker:'{claim.speaker_text}' -> subject '{text}'",))


def _genitive_source(disc: _Discourse, claim, words: list[str]):
    if len(words) >= 3 and words[1].lower() in ("des", "der"):
        genitive = words[1:]
        if _is_person_description(genitive):
            person, why = disc.last_person(claim.speaker_start_char, None)
            if person is not None:
                return _with(claim, person, "description",
                             f"salience: '{' '.join(genitive)}' -> {person.canonical_name} ({why})")
    return None


def _is_plural_group(doc: Doc, claim) -> bool:
    """"Die Unionsvertreter", "die Arbeitgeber": a group is never forced onto one person of the discourse."""
    from .speakers import is_group_phrase

    tokens = list(claim.speaker_tokens) or [t.i for t in (doc.char_span(claim.speaker_start_char, claim.speaker_end_char,
                                                                          alignment_mode="expand") or [])]
    return bool(tokens) and (claim.speaker_resolution == "group" or is_group_phrase(doc, tokens))


# --------------------------------------------------------------------------- sources of according-to claims (13th round)

POSSESSIVES = resources.words("claims_possessive_determiners")
OWNER_DATIVES = resources.words("salience_owner_pronouns")
AUTHORLESS_SOURCES = resources.words("salience_authorless_sources")
SENTENCE_FINAL = (".", "!", "?", "\"", "“", "”", "«", "»", "'")


def _narrative_gap(doc: Doc, previous, claim) -> int:
    """Sentences from the last sentence of ``previous`` (its message or its frame) to the sentence of ``claim``,
    not counting lines without sentence-final punctuation between them (headlines, teasers, captions)."""
    ends = [max(previous.start_char, previous.end_char - 1)]
    if previous.speaker_end_char is not None and previous.speaker_start_char is not None \
            and previous.speaker_start_char >= previous.start_char - 300:
        ends.append(previous.speaker_end_char - 1)
    a = max(_sent_index(doc, c) for c in ends)
    b = _sent_index(doc, claim.start_char if claim.speaker_start_char is None else min(claim.start_char, claim.speaker_start_char))
    gap = b - a
    for k in range(a + 1, b):
        start, end = _sentence_bounds(doc, k)
        text = doc.text[start:end].strip()
        if text and not text.endswith(SENTENCE_FINAL):
            gap -= 1
    return gap


def _owner_kind(word: str) -> str | None:
    """"male" for the owner of "seines", "seiner", "ihm" (a man, or a masculine or neuter noun); "female_or_plural"
    for "ihren", "ihrer", "ihr", "ihnen"; None for any other word."""
    low = word.lower()
    if low not in POSSESSIVES and low not in OWNER_DATIVES:
        return None
    return "male" if low.startswith("sein") or low == "ihm" else "female_or_plural"


def _names_between(disc: _Discourse, start: int, end: int, keep: str | None) -> bool:
    """A person or organisation other than ``keep`` is named (by name, not pronoun or role) between two offsets."""
    return any(m.label in ("PER", "ORG") and m.link_method not in NAME_LINKS_EXCLUDED and start <= m.start_char < end
               and m.entity_id != keep for m in disc.mentions)


def _owner_source(doc: Doc, disc: _Discourse, claim, previous, words: list[str]):
    """"…, schreibt der zuständige Analyst des Brokers. Seines Erachtens decken sich die Aussagen …", "Noller sagte,
    dass … . Der Lockdown hat nach ihren Worten …", "Ihm zufolge kenne jeder …": a possessive or a dative pronoun as
    the source of an according-to claim that the entity stage could not link refers to the speaker of the claim
    directly before it (at most one narrative sentence back; headlines between do not count), when nobody else is
    named between them and gender and number agree: "sein"/"ihm" a man or an organisation written without a
    feminine article, "ihr"/"ihnen" a woman, a plural group or an organisation written without a masculine or neuter
    article. The phrase as written ("ihren Worten") is kept: it is what the text marks as the source."""
    if claim.speaker_entity_id or claim.speaker_name or not words or previous is None or previous.is_nested:
        return None
    owner = _owner_kind(words[0])
    if owner is None or not previous.speaker_text or previous.speaker_start_char is None or _is_pronoun(previous) \
            and not previous.speaker_entity_id:
        return None
    if _narrative_gap(doc, previous, claim) > 1:
        return None
    if _names_between(disc, max(previous.end_char, previous.speaker_end_char or 0), claim.speaker_start_char,
                      previous.speaker_entity_id):
        return None
    article = _phrase_words(previous)[0].lower()
    ent = disc.entity(previous.speaker_entity_id) if previous.speaker_entity_id else None
    back = _narrative_gap(doc, previous, claim)
    why = f"'{claim.speaker_text}' -> speaker of {previous.claim_id} ({{}}; {back} sentence(s) back, {owner.replace('_', ' ')} owner)"
    if ent is not None:
        if ent.label == "PER" and not _gender_ok(ent, "male" if owner == "male" else "female"):
            return None
        if ent.label == "ORG" and article in (("die", "eine") if owner == "male" else ("der", "das", "ein")):
            return None
        if ent.label not in ("PER", "ORG"):
            return None
        return _with(claim, ent, "pronoun", why.format(ent.canonical_name))
    pw = _phrase_words(previous)
    if _is_plural_group(doc, previous):
        if owner != "female_or_plural":
            return None
    elif not _is_person_description(pw) or _gender_of_phrase(pw) != ("male" if owner == "male" else "female"):
        return None
    name = previous.speaker_name or previous.speaker_text
    return replace(claim, speaker_name=name, speaker_resolution="pronoun",
                   evidence=tuple(e for e in claim.evidence if not e.startswith("speaker:"))
                   + (f"speaker:{why.format(repr(name))}",))


def _authorless_source(doc: Doc, disc: _Discourse, claim, previous, words: list[str]):
    """"Gemäss den bisherigen Erkenntnissen fuhr …", "Nach derzeitigem Stand der Ermittlungen habe …", "Der Mitteilung
    zufolge …": a definite or bare source phrase headed by a noun of reported content that names no author
    (``lexicons/salience_authorless_sources.txt``; whole words only, no name, person, group or organisation noun
    in the phrase, at most a thing as genitive attribute) has the author the text just gave:

    - the speaker of the claim directly before it (at most one narrative sentence back, nobody else named between);
    - else the one organisation named in the sentence right before it (which makes no claim; same paragraph).

    Otherwise nothing changes. The phrase as written is kept (SpkAtt marks it as the source); the resolved author is
    the speaker's name and entity."""
    if claim.speaker_entity_id or claim.speaker_name or not words or claim.speaker_start_char is None:
        return None
    tokens = [i for i in claim.speaker_tokens if i < len(doc)]
    if not tokens or any(doc[i].ent_type_ in ("PER", "ORG") or doc[i].pos_ in ("PROPN", "PRON") for i in tokens):
        return None
    if words[0].lower() in INDEFINITE or words[-1].lower() in ARTICLE_WORDS:
        return None  # "einer Mitteilung": a new document; "einem Bericht des": the author follows, cut off
    if words[0].lower() in REFLEXIVE_SOURCES or _owner_kind(words[0]) is not None:
        return None  # "eigenen Angaben", "ihren Angaben": the phrase names its owner
    nouns = [w.strip(",;:()") for w in words if w[:1].isupper()]
    if not nouns or nouns[0].lower() not in AUTHORLESS_SOURCES:
        return None
    if any(not any(n.lower() == t or n.lower().endswith(t) for t in THING_NOUNS) for n in nouns[1:]):
        return None
    if previous is not None and not previous.is_nested and previous.speaker_text and not _is_pronoun(previous) \
            and not (_phrase_words(previous)[0].lower() in REFLEXIVE_SOURCES and not previous.speaker_entity_id) \
            and _previous_within_reach(doc, disc, previous, claim):
        return _inherit_speaker_name(disc, claim, previous,
                                     lambda name: f"'{claim.speaker_text}' names no author -> source of {previous.claim_id} ({name})")
    if not doc.has_annotation("SENT_START"):
        return None
    k = _sent_index(doc, claim.speaker_start_char)
    if k == 0 or k - 1 in disc.claim_sents:
        return None
    start, end = _sentence_bounds(doc, k - 1)
    if "\n" in doc.text[start:claim.speaker_start_char].strip():
        return None
    orgs = [m for m in disc.mentions if m.label == "ORG" and m.link_method not in NAME_LINKS_EXCLUDED
            and start <= m.start_char and m.end_char <= end]
    if len({m.entity_id for m in orgs}) != 1 or _names_between(disc, start, claim.speaker_start_char, orgs[0].entity_id):
        return None
    ent = disc.entity(orgs[0].entity_id)
    if ent is None:
        return None
    return _with(claim, ent, "description",
                 f"'{claim.speaker_text}' names no author -> the one organisation named the sentence before ({ent.canonical_name})")


def _pronoun_subject(doc: Doc, disc: _Discourse, claim):
    """"Betrieben werden die Bildschirme von der Firma Livesystems AG. Sie ist nach eigenen Angaben in 23 Kantonen
    präsent.": a personal pronoun as the subject a reflexive source refers to is resolved like a speaker pronoun
    (the entity stage's antecedent; a singular "sie" it cannot link is the one organisation named in the sentence
    before; a plural one the group or organisation that spoke last)."""
    from .. import entities

    tokens = [i for i in claim.speaker_tokens if i < len(doc)]
    if len(tokens) != 1 or doc[tokens[0]].lower_ not in PRONOUN_GENDER:
        return None
    tok = doc[tokens[0]]
    number = _finite_number_next_to(doc, tok.i, None)
    if tok.lower_ == "er" or number == "sing":
        ent, why = entities.resolve_pronoun(doc, tok)
        if ent is not None and ent.label in ("PER", "ORG"):
            return _with(claim, ent, "pronoun", f"'eigenen Angaben' -> subject '{tok.text}' -> {ent.canonical_name} ({why or 'pronoun antecedent'})")
        if tok.lower_ == "sie":
            org = _organisation_just_named(doc, disc, claim)
            if org is not None:
                return _with(claim, org, "pronoun", f"'eigenen Angaben' -> subject '{tok.text}' -> {org.canonical_name} "
                             "(the one organisation named in the sentence before)")
        return None
    if number == "plur":
        antecedent, ent, why = disc.last_collective(claim.speaker_start_char, "plur")
        if antecedent is not None and ent is None:
            return replace(claim, speaker_name=antecedent.speaker_name or antecedent.speaker_text, speaker_resolution="pronoun",
                           evidence=tuple(e for e in claim.evidence if not e.startswith("speaker:"))
                           + (f"speaker:'eigenen Angaben' -> subject '{tok.text}' -> '{antecedent.speaker_text}' ({why})",))
    return None


def _reflexive_without_subject(doc: Doc, disc: _Discourse, claim, previous):
    """"… schreiben die Geschäftsführer, Oliver Naumann und Jochen Grossmann. Löhne und Gehälter seien gesichert - für
    Mitarbeiter werde sich laut eigenen Angaben nichts ändern.": a reflexive source ("eigenen Angaben") whose clause
    names no subject it could refer to (no name before it in its sentence, none after the finite verb, no phrase in
    the Vorfeld) is the speaker of the claim directly before it (at most one narrative sentence back, nobody else
    named between, not itself an unresolved reflexive source or pronoun)."""
    if previous is None or previous.is_nested or not previous.speaker_text or claim.speaker_start_char is None:
        return None
    pw = _phrase_words(previous)
    if _is_pronoun(previous) and not previous.speaker_entity_id or pw[0].lower() in REFLEXIVE_SOURCES and not previous.speaker_entity_id:
        return None
    if not _previous_within_reach(doc, disc, previous, claim):
        return None
    return _inherit_speaker_name(
        disc, claim, previous,
        lambda name: f"'{claim.speaker_text}' without a subject in its clause -> last salient speaker, of {previous.claim_id} ({name})")



def _name_after_role(doc: Doc, disc: _Discourse, claim, words: list[str]):
    """"…“, erklärt SMA Vorstandssprecher Dr. Jürgen Reinert.": a phrase ending in a person noun or role
    ("Vorstandssprecher", "Konzernchefin") that the phrase reader closed before the name following it (directly, or
    after academic and other titles, ``titles.tsv``) names that person; the organisation before the role is only its
    modifier. Only a person's name right after the role noun, nothing else between."""
    from ..entities import roles
    from .speakers import is_person_noun

    if not words or claim.speaker_end_char is None:
        return None
    last = words[-1].strip(",;:()")
    if not last[:1].isupper() or not (is_person_noun(last) or _is_role_word(last)):
        return None
    text = doc.text
    for m in disc.mentions:
        if m.label != "PER" or m.link_method in NAME_LINKS_EXCLUDED or not claim.speaker_end_char < m.start_char <= claim.speaker_end_char + 30:
            continue
        between = text[claim.speaker_end_char:m.start_char].split()
        if "\n" in text[claim.speaker_end_char:m.start_char] or any(w not in roles.TITLES for w in between):
            continue
        person = disc.entity(m.entity_id)
        if person is None:
            return None
        over = f" (over the organisation '{claim.speaker_name}')" if claim.speaker_name else ""
        return _with(claim, person, "explicit", f"name '{m.text}' right after the role '{last}'{over}")
    return None
