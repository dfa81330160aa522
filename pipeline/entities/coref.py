"""Pronouns and definite descriptions that refer to a person named earlier in the document.

Pronouns ("er", "sie", "ihr"): the candidates are persons mentioned (by name, or by an already
resolved pronoun or description) in the pronoun's sentence before it or in the ``WINDOW`` previous
sentences. Gender must not conflict (a person's gender comes from role nouns, pronouns and the
first-name lexicon, see ``entities``); among the rest the ranking is: known matching gender, then
recency in sentences, then being a subject (parser SUBJECT role, or the first name in its sentence
when there is no parse), then the later mention. The result is *ambiguous* when the runner-up ties on
all of these.

Descriptions ("der UN-Chef", "die deutsche Spitzenpolitikerin", "der Republikaner", "der IEA-Chef",
"der französische Präsident"): the description is analysed into a role head (from the title lexicon:
base noun, gender, classes), a prefix ("UN", "IEA", "US"), nationality adjectives and party member
nouns, and compared with every person's roles, affiliations (with their acronyms), parties and
nationalities. See ``match_description`` for the exact rules.

Which references become rows of mentions.csv (``reference_mentions``): every third-person singular
"er"/"sie" in subject position whose antecedent is unambiguous, and every definite singular
description that is not a title or apposition of a name and matches exactly one most recent person.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .. import resources
from ..layer import syntax
from ..layer.document import layer_of
from . import roles as R
from .records import Mention

WINDOW = 3  # previous sentences searched for a pronoun's antecedent
SUBORDINATORS = resources.words("coref_subordinators")
GENERIC_CLASS_NOUNS = resources.words("coref_generic_class_nouns")
SING_IRREGULAR = resources.words("coref_singular_verbs")
PLUR_IRREGULAR = resources.words("coref_plural_verbs")


def pronoun_features(tok: Token) -> tuple[str | None, str | None] | None:
    """(gender, number) of a third-person personal pronoun, None for other words.

    "sie" is singular female or plural: the number comes from the finite verb next to it (morphology
    when the pipeline has it, else the ending: plural finite verbs end in -n). Capitalised "Sie"
    inside a sentence is the polite second person and is not resolved.
    """
    low = tok.lower_
    if low in ("er", "ihm", "ihn"):
        return "male", "sing"
    if low == "ihr" and not tok.dep_.startswith("det") and tok.pos_ != "DET" and tok.tag_ != "PPOSAT":
        return "female", "sing"
    if low == "es":
        return "neuter", "sing"
    if low != "sie":
        return None
    if tok.text == "Sie" and tok.i > 0 and not tok.is_sent_start and tok.doc[tok.i - 1].text not in ("„", '"', "»", "«", "(", "–", ":"):
        return None
    number = verb_number(tok)
    return ("female", "sing") if number != "plur" else (None, "plur")


def verb_number(tok: Token) -> str | None:
    """Number of the finite verb that agrees with a subject pronoun: the parser's head (or its finite
    auxiliary), else the neighbouring word's ending (plural finite verbs end in -n), else the pronoun's
    own morphology (least reliable: "sie" is ambiguous by form)."""
    doc = tok.doc
    if R.has_parse(doc) and tok.head is not tok:
        head = tok.head
        for verb in [head, *[c for c in head.children if c.pos_ == "AUX"]]:
            if verb.pos_ in ("VERB", "AUX") and "Fin" in verb.morph.get("VerbForm") and verb.morph.get("Number"):
                return "sing" if verb.morph.get("Number")[0] == "Sing" else "plur"
    # neighbouring finite verb: "Sie kündigte", "sagte sie"
    for j in (tok.i + 1, tok.i - 1):
        if 0 <= j < len(doc) and doc[j].is_lower and doc[j].is_alpha and doc[j].lower_ not in R.FUNCTION_WORDS | SUBORDINATORS:
            w = doc[j].lower_
            if w in SING_IRREGULAR:
                return "sing"
            if w in PLUR_IRREGULAR or w.endswith("n"):
                return "plur"
            if w.endswith(("t", "te", "e")):
                return "sing"
    number = tok.morph.get("Number")
    if len(number) == 1:
        return "sing" if number[0] == "Sing" else "plur"
    return None


def _is_subject(doc: Doc, start: int, end: int, sent_of: list[int]) -> bool:
    if R.has_parse(doc):
        # a name in apposition to a subject role noun is the subject too: "trug Mitorganisator Donatus Schmidt die
        # Fragen vor" (UD: the role noun is nsubj, the name its appos; TIGER: the name heads the subject)
        return any(syntax.has_role(t, syntax.SUBJECT)
                   or syntax.has_role(t, syntax.APPOSITION) and not start <= t.head.i < end and t.head.i == t.i - 1
                   and syntax.has_role(t.head, syntax.SUBJECT) and t.head.pos_ == "NOUN"
                   for t in doc[start:end])
    s = sent_of[start]
    i = start - 1
    while i >= 0 and sent_of[i] == s:
        t = doc[i]
        # only a title, article, adjectives or a conjunction before the name: it opens its sentence
        if not (t.is_space or t.is_punct or t.lower_ in R.ARTICLES or t.is_lower or R.match_role_word(t.text)):
            return False
        if t.text == ",":
            return False
        i -= 1
    return True


def _subject_like_position(tok: Token, sent_of: list[int]) -> bool:
    """A pronoun in subject position: parser SUBJECT role, or without parse sentence-initial / after a verb or 'dass'."""
    doc = tok.doc
    if R.has_parse(doc):
        return syntax.has_role(tok, syntax.SUBJECT)
    i = tok.i - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in ("„", '"', "»", "(")):
        i -= 1
    if i < 0 or sent_of[i] != sent_of[tok.i]:
        return True
    prev = doc[i]
    return prev.lower_ in SUBORDINATORS or prev.text in (",", "–", ":") or (prev.is_lower and prev.is_alpha and prev.lower_ not in R.FUNCTION_WORDS)


@dataclass
class _Candidate:
    entity: object
    distance: int
    subject: bool
    gender_match: bool
    position: int

    def key(self):
        return (self.gender_match, -self.distance, self.subject, self.position)


def narrative_index(doc: Doc, sent_of: list[int]) -> list[int]:
    """Per sentence, how many sentences up to it are narrative, i.e. not entirely inside a quotation.

    Sentence distances for pronouns are counted in narrative sentences: a quote of seven sentences
    between "will von der Leyen ..." and "..., sagte sie." does not push her out of reach. The quotes are
    the document layer's (every German and Swiss quotation style, multi-paragraph quotes).
    """
    if not len(doc):
        return []
    outside = [False] * (sent_of[-1] + 1)
    facts = layer_of(doc)
    for i, quote in enumerate(facts.quote_of):
        if quote is None and not facts.is_punct[i] and not facts.is_space[i]:
            outside[sent_of[i]] = True
    out, n = [], 0
    for is_narrative in outside:
        n += is_narrative
        out.append(n)
    return out


def rank_pronoun(doc: Doc, tok: Token, mentions, entities, sent_of: list[int], narrative: list[int] | None = None,
                 features: tuple[str | None, str | None] | None = None):
    """(entity, evidence, ambiguous) for a personal pronoun; ``features`` (gender, number) for a word whose
    features are known from elsewhere (a possessive determiner: "seiner Ansicht nach" is male singular)."""
    feats = features or pronoun_features(tok)
    if feats is None:
        return None, f"'{tok.text}' is not a third-person personal pronoun", False
    gender, number = feats
    if number == "plur":
        return None, f"pronoun '{tok.text}' is plural (a group), not resolved to one entity", False
    by_id = {e.entity_id: e for e in entities}
    narrative = narrative if narrative is not None else narrative_index(doc, sent_of)
    s = sent_of[tok.i]
    labels = ("ORG", "MISC", "LOC") if gender == "neuter" else ("PER",)
    latest: dict[str, _Candidate] = {}
    for m in mentions:
        if m.label not in labels or m.start < 0 or m.start >= tok.i or narrative[s] - narrative[m.sent_index] > WINDOW:
            continue
        e = by_id.get(m.entity_id)
        if e is None:
            continue
        eg = getattr(e, "gender", None)
        if gender in ("female", "male") and eg and eg != gender:
            continue
        if gender == "neuter" and e.number != "sing":
            continue
        distance = narrative[s] - narrative[m.sent_index]
        cand = _Candidate(e, distance, _is_subject(doc, m.start, m.end, sent_of), bool(eg) and eg == gender, m.start)
        old = latest.get(e.entity_id)
        if old is None or cand.position > old.position:
            latest[e.entity_id] = cand
    if not latest:
        return None, f"pronoun '{tok.text}': no compatible {'person' if labels == ('PER',) else 'organisation'} within {WINDOW} sentences", False
    ranked = sorted(latest.values(), key=lambda c: c.key(), reverse=True)
    best = ranked[0]
    ambiguous = len(ranked) > 1 and ranked[1].key()[:3] == best.key()[:3]
    if gender == "neuter":
        ambiguous = ambiguous or best.distance > 1
    e = best.entity
    what = "last subject" if best.subject else "last mention"
    back = "same sentence" if best.distance == 0 else f"{best.distance} sentence{'s' if best.distance > 1 else ''} back"
    if best.distance != s - sent_of[best.position]:
        back += " (quotation skipped)"
    g = e.gender or ("gender unknown" if e.label == "PER" else e.label)
    evidence = f"pronoun '{tok.text}' -> {e.canonical_name} ({g}, {what} {back})"
    if ambiguous:  # a neuter "es" is ambiguous alone when its one organisation lies more than a sentence back
        evidence += f"; ambiguous with {ranked[1].entity.canonical_name}" if len(ranked) > 1 else "; too far back for 'es'"
    return e, evidence, ambiguous


# --------------------------------------------------------------------------- descriptions


@dataclass
class Description:
    head: R.RoleMatch
    gender: str | None
    nationality: str | None
    party: str | None
    text: str


def analyse_description(span: Span) -> Description | None:
    """'der französische Präsident' -> head Präsident (male), nationality FR; None if no role head."""
    words = [t for t in span if not t.is_punct]
    if not words:
        return None
    head_tok = words[-1]
    role = R.match_role_word(head_tok.text)
    party = None
    if role is None:
        member = R.match_party_member(head_tok.text)
        if member is None:
            return None
        role, party = member
    nationality = role.nationality
    gender = role.gender
    article = words[0].lower_ if words[0].lower_ in R.ARTICLES else None
    if gender is None and article in ("die",):
        gender = "female"
    elif gender is None and article == "der":
        gender = "male"
    for t in words[:-1]:
        nationality = nationality or R.nationality_of_adjective(t.text) or R.nationality_of_genitive(t.text)
        for p in R.lexicons().parties:
            if any(t.lower_.startswith(a) for a in p.adjectives):
                party = party or p.canonical
    return Description(role, gender, nationality, party or role.party, span.text)


def _entity_prefix_keys(e) -> set[str]:
    keys = set(e.org_keys)
    for r in e.role_matches:
        if r.prefix:
            keys.add(re.sub(r"[^a-z0-9]", "", R.fold(r.prefix)))
    return keys


def _match(d: Description, e) -> tuple[bool, str]:
    """Whether a person fits a description, with the reason."""
    if e.label != "PER":
        return False, ""
    if d.gender and e.gender and d.gender != e.gender:
        return False, ""
    if d.nationality and e.nationalities and d.nationality not in e.nationalities:
        return False, ""
    head = d.head
    roles_ = list(e.role_matches)
    prefix_key = re.sub(r"[^a-z0-9]", "", R.fold(head.prefix)) if head.prefix and not head.nationality and not head.party else None
    if prefix_key and prefix_key not in _entity_prefix_keys(e):
        return False, ""
    if d.party:
        if d.party in e.parties:
            return True, f"party {d.party}"
        country = next((p.country for p in R.lexicons().parties if p.canonical == d.party), None)
        if head.base == "politiker" and country and country in e.nationalities and any("politics" in r.classes for r in roles_):
            return True, f"{d.party} is a {country} party and the person holds a {country} political office"
        if head.base == "politiker":
            return False, ""
    if "generic" in head.classes:
        leader = [r for r in roles_ if "leader" in r.classes]
        if leader:
            return True, f"role {leader[0].text}" + (f", {head.prefix}" if prefix_key else "")
        return False, ""
    if head.base in GENERIC_CLASS_NOUNS:
        classes = head.classes - {"exact", "generic"}
        hit = [r for r in roles_ if r.base == head.base or r.classes & classes]
        if hit:
            return True, f"role {hit[0].text} ({'/'.join(sorted(classes))})"
        if "politics" in classes and e.parties:
            return True, f"party {sorted(e.parties)[0]}"
        return False, ""
    hit = [r for r in roles_ if r.base == head.base]
    if hit:
        return True, f"role {hit[0].text}"
    return False, ""


def match_description(doc: Doc, span: Span, mentions, entities):
    """(entity, evidence, ambiguous): the most recent person before ``span`` that fits the description."""
    d = analyse_description(span)
    if d is None:
        return None, f"description '{span.text}' has no role, title or party noun", False
    by_id = {e.entity_id: e for e in entities}
    last: dict[str, int] = {}
    for m in mentions:
        # recency over names only: a resolved description must not make its person "more recent"
        if m.label == "PER" and 0 <= m.start < span.start and m.link_method not in ("pronoun", "role_description"):
            last[m.entity_id] = max(last.get(m.entity_id, -1), m.start)
    fits = []
    for eid, pos in last.items():
        ok, why = _match(d, by_id[eid])
        if ok:
            fits.append((pos, by_id[eid], why))
    if not fits:
        return None, f"description '{span.text}': no earlier person with a matching role, party or affiliation", False
    fits.sort(key=lambda x: x[0], reverse=True)
    pos, e, why = fits[0]
    g = f", {d.gender}" if d.gender else ""
    evidence = f"description '{span.text}' -> {e.canonical_name} ({why}{g}, most recent match)"
    return e, evidence, False


# --------------------------------------------------------------------------- mentions from references


def _description_spans(doc: Doc, name_starts: dict[int, str]) -> list[Span]:
    """Definite singular descriptions not glued to a name: 'der UN-Chef', 'die deutsche Spitzenpolitikerin'."""
    out = []
    layer = layer_of(doc)  # token facts instead of Token views
    lower, text, is_lower, is_alpha, n = layer.lower, layer.text, layer.is_lower, layer.is_alpha, layer.n
    for i, low in enumerate(lower):
        if low not in ("der", "die"):
            continue
        j = i + 1
        while j < n and is_lower[j] and is_alpha[j] and lower[j] not in R.FUNCTION_WORDS:
            j += 1
        if j >= n or j in name_starts:
            continue
        role = R.match_role_word(text[j])
        member = R.match_party_member(text[j]) if role is None else None
        if role is None and member is None:
            continue
        if role is not None and "exact" in role.classes:
            continue
        g = (role or member[0]).gender
        if low == "die" and g == "male":
            continue  # "die Republikaner", "die Direktoren": plural
        nxt = j + 1
        if nxt < n and (nxt in name_starts or (text[nxt] in TITLE_NAMEISH and nxt + 1 in name_starts)):
            continue  # a title: "der französische Präsident Emmanuel Macron"
        if _before_apposition(doc, nxt, name_starts):
            continue
        out.append(doc[i : j + 1])
    return out


TITLE_NAMEISH = frozenset(t for t in R.ACADEMIC_TITLES if t.endswith("."))  # "Dr." between "der" and a name


def _before_apposition(doc: Doc, i: int, name_starts: dict[int, str]) -> bool:
    """'der Direktor der IEA, Fatih Birol': role, organisation, comma, then the person's name."""
    layer = layer_of(doc)
    text, lower, is_lower, is_alpha = layer.text, layer.lower, layer.is_lower, layer.is_alpha
    for k in range(i, min(len(doc), i + 14)):
        if text[k] == "," and k + 1 in name_starts and name_starts[k + 1] == "PER":
            return True
        if text[k] in (".", "!", "?", ";") or (is_lower[k] and lower[k] not in R.ORG_LINKERS and is_alpha[k]):
            return False
    return False


def reference_mentions(doc: Doc, mentions, entities, sent_of: list[int]):
    """Mentions for resolved descriptions and subject pronouns (see module docstring for the rule)."""

    name_starts = {m.start: m.label for m in mentions}
    taken = {i for m in mentions for i in range(m.start, m.end)}
    pool = sorted(mentions, key=lambda m: m.start)  # names, then resolved references inserted in order
    starts = [m.start for m in pool]
    narrative = narrative_index(doc, sent_of)
    first_token: dict[int, int] = {}
    for i, s in enumerate(sent_of):
        first_token.setdefault(s, i)
    refs: list = []
    pending = sorted(
        [("description", s.start, s) for s in _description_spans(doc, name_starts) if not taken & set(range(s.start, s.end))]
        + [("pronoun", i, doc[i]) for i, low in enumerate(layer_of(doc).lower) if low in ("er", "sie") and i not in taken],
        key=lambda x: x[1],
    )
    for kind, position, obj in pending:
        if kind == "description":
            e, evidence, ambiguous = match_description(doc, obj, pool[: bisect.bisect_left(starts, position)], entities)
            if e is not None and not ambiguous:
                ref = Mention("", e.entity_id, obj.text, "PER", obj.start_char, obj.end_char, sent_of[obj.start], "role_description", obj.start, obj.end, evidence)
            else:
                continue
        else:
            feats = pronoun_features(obj)
            if feats is None or feats[1] != "sing" or not _subject_like_position(obj, sent_of):
                continue
            s = sent_of[position]
            s0 = bisect.bisect_left(narrative, narrative[s] - WINDOW)  # earliest sentence within the narrative window
            window = first_token.get(s0, 0)
            candidates = pool[bisect.bisect_left(starts, window) : bisect.bisect_left(starts, position)]
            e, evidence, ambiguous = rank_pronoun(doc, obj, candidates, entities, sent_of, narrative)
            if e is None or ambiguous:
                continue
            ref = Mention("", e.entity_id, obj.text, "PER", obj.idx, obj.idx + len(obj.text), sent_of[obj.i], "pronoun", obj.i, obj.i + 1, evidence)
        k = bisect.bisect_left(starts, ref.start)
        pool.insert(k, ref)
        starts.insert(k, ref.start)
        refs.append(ref)
    return refs
