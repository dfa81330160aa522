"""Stage: attributed claims -- who said what, in which form, resolved to an entity.

The rules read surface evidence first (quotation marks, commas and colons, verb position, the reporting
lexicons, ``Mood=Sub``, complementizers, NER) because the project's own parser is weak (LAS about 0.65-0.70);
dependency arcs are used, through ``pipeline.layer.syntax``, only where they are reliable: the subject of the cue
verb and its clausal complement. Without a parse, morphology or NER the same rules run on word forms alone.

Token spans follow the SpkAtt-2023 annotation conventions (see docs/claims.md): a direct message includes its
quotation marks, an indirect message includes "dass"/"ob", the frame is the rest of the cue's sentence without
the final punctuation, reported speech events and free indirect continuations take the whole sentence.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice

from spacy.tokens import Doc, Span, Token

from ..layer import syntax
from ..layer.extensions import make_id
from ..layer.document import layer_of
from ..layer.facts import morph_values
from ..layer.quotes import Quote, is_mark
from ..layer.sentences import SENT_END
from .. import resources
from ..entities.extract import entity_for_span, require_entities, resolve_pronoun
from ..entities.roles import org_keyword
from . import interviews, reporting, salience, spans
from .speakers import SpeakerInfo, is_group_phrase, is_person_noun, resolve_speaker

log = logging.getLogger(__name__)

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


# --------------------------------------------------------------------------- word classes

COMPLEMENTIZERS = resources.words("claims_complementizers")
NON_SPEAKER_PRONOUNS = resources.words("claims_non_speaker_pronouns")
FRAME_CHUNK_STARTS = resources.words("claims_frame_chunk_starts")
# Clauses after a comma that are adjuncts, never the content of a verb of saying.
ADJUNCT_STARTS = resources.words("claims_adjunct_starts")
# Words of ADJUNCT_STARTS that open a main clause when they stand first in the sentence.
SENTENCE_INITIAL_MAIN_CLAUSE = resources.words("claims_sentence_initial_main_clause")
CLAUSE_BREAK = {",", ";", ":", "–", "—", "(", ")"}
AUXILIARIES = resources.words("claims_auxiliaries")
# Finite forms that are unambiguously Konjunktiv (I or II) in third-person news prose.
SUBJUNCTIVE_FORMS = resources.words("claims_subjunctive_forms")
ARTICLES_PRONOUNS = resources.words("claims_articles_pronouns")
# Capitalised at the start of a sentence but never part of a speaker phrase (used when there is no tagger).
CLOSED_CLASS = resources.words("claims_closed_class")
WH_WORDS = resources.words("claims_wh_words")
PREPOSITIONS = resources.words("claims_prepositions")
NOT_NOMINATIVE = resources.words("claims_not_nominative")
QUANTIFIERS = resources.words("claims_quantifiers")
NAME_PARTICLES = resources.words("claims_name_particles")
# separable particles that make a finite reporting-verb stem another verb ("fordert ... heraus"), not the adverbs
# among them ("sagte weiter")
FOREIGN_PARTICLE_WORDS = resources.words("claims_separable_particles") - resources.words("claims_adverbial_particles")
RELATIVE_STARTS = resources.words("claims_relative_starts")
# Unambiguous third-person Konjunktiv I forms: the mood of indirect speech.
KONJUNKTIV_I = resources.words("claims_konjunktiv_i")
# Addressees (docs/claims.md): nouns of a listening audience after "vor", verbs with a dative or accusative
# addressee, appeal verbs with "an"/"zu" (the verbs' addressee column in reporting_verbs.tsv).
AUDIENCE_NOUNS = resources.word_list("claims_audience_nouns")
DATIVE_FORMS = resources.words("claims_dative_forms")
ACCUSATIVE_FORMS = resources.words("claims_accusative_forms")
POSSESSIVE_DETERMINERS = resources.words("claims_possessive_determiners")
OWN_FORMS = resources.words("claims_own_forms")
NOMINAL_POS = {"NOUN", "PROPN", "PRON", "DET", "ADJ", "NUM", "X"}


def _low(tok: Token) -> str:
    return tok.text.lower()


class _View:
    """Token-level facts the rules ask for, computed once per Doc, with fallbacks for missing annotation."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.n = len(doc)
        self.has_pos = doc.has_annotation("POS") or doc.has_annotation("TAG")
        self.has_morph = doc.has_annotation("MORPH")
        self.has_lemma = doc.has_annotation("LEMMA")
        self.parsed = syntax.is_parsed(doc)
        layer = layer_of(doc)
        self.sents = layer.sents
        self.sent_of = layer.sent_of
        self.quotes = layer.quotes
        self.quote_of = layer.quote_of
        self.low = [text.lower() for text in layer.text]  # what _low(doc[i]) gives, without a Token view
        self.layer = layer  # token facts as lists: the predicates below create no Token views
        self._speechlike: dict[Quote, bool] = {}  # asked once per token: uncached it is quadratic in a quote's length
        self._finite_verb: list[bool | None] = [None] * self.n
        self._clause_bounds: dict[int, tuple[int, int]] = {}

    # -- token predicates
    def is_punct(self, i: int) -> bool:
        layer = self.layer
        return layer.is_punct[i] or layer.is_space[i] or is_mark(layer.text[i])

    def is_verb(self, i: int) -> bool:
        layer = self.layer
        pos, tag = layer.pos[i], layer.tag[i]
        if self.has_pos and (pos or tag):
            return pos in ("VERB", "AUX") or tag.startswith("V")
        return layer.text[i].islower() and layer.is_alpha[i]

    def finite_verb(self, i: int) -> bool:
        """A finite verb, from the tagger or, when it disagrees, from closed lists and the reporting lexicon."""
        known = self._finite_verb[i]  # asked about 200 times per document, mostly of the same tokens
        if known is None:
            known = self._finite_verb[i] = self._is_finite_verb(i)
        return known

    def _is_finite_verb(self, i: int) -> bool:
        low = self.low[i]
        if low in AUXILIARIES or low in SUBJUNCTIVE_FORMS:
            return True
        if self.is_verb(i) and self.is_finite(i):
            return True
        return self.layer.text[i].islower() and any(f.kind == "finite" for f in reporting.verb_forms().get(low, ()))

    def is_finite(self, i: int) -> bool:
        layer = self.layer
        if self.has_morph:
            verb_form = morph_values(layer.morph[i], "VerbForm")
            if verb_form:
                return "Fin" in verb_form
        tag = layer.tag[i]
        if tag:
            return tag.endswith("FIN")
        return layer.text[i].islower()

    def is_subjunctive(self, i: int) -> bool:
        tok = self.doc[i]
        low = _low(tok)
        # every Konjunktiv form ends in -e, -en, -et, -est or is a form of "sein": a Mood=Sub on "erfolgt" is a
        # tagger error
        if ("Sub" in tok.morph.get("Mood") and low.endswith(("e", "en", "et", "est"))) or _weak_konjunktiv_i(tok):
            return True
        if low in SUBJUNCTIVE_FORMS:
            return True
        finite_tag = tok.tag_ in ("VVFIN", "VAFIN", "VMFIN") or "Fin" in tok.morph.get("VerbForm")
        # Konjunktiv II of strong verbs: umlaut and -e ("brächten", "käme", "stünden", "gäbe"), the umlaut not
        # already in the infinitive ("stürzten", "müssen", "führten" are indicative: stürzen, müssen, führen)
        lemma = tok.lemma_.lower()
        if finite_tag and any(c in low and c not in lemma for c in "äöü") and low.endswith(("e", "en", "et", "est")) \
                and not low.endswith("te"):
            return True
        # Konjunktiv I of a full verb: third person in -e where the indicative has -t ("brauche", "verbrauche")
        return (
            self.has_pos and tok.tag_ == "VVFIN" and low.endswith("e") and (not low.endswith("te") or _stem_in_t(tok))
            and not any(_low(c) in ("ich",) for c in tok.children)
        )

    def is_nominal(self, i: int) -> bool:
        tok = self.doc[i]
        if tok.like_num:
            return True
        low = tok.text.lower()
        if low in CLOSED_CLASS or tok.tag_ in ("PRELS", "PRELAT", "KOUS", "APPR", "APPRART", "PTKVZ"):
            return False
        if tok.tag_ in ("ADV", "KON") and not (tok.text[:1].isupper() and tok.i + 1 < self.n and self.finite_verb(tok.i + 1)):
            return False  # a capitalised "adverb" before the finite verb is a mis-tagged name ("Vance sagt")
        if self.has_pos and tok.text[:1].isupper() and self._wordlike(tok):
            # German capitalises nouns and names: trust the case over a weak tagger, except at the sentence start
            if self.sents[self.sent_of[tok.i]][0] != tok.i or tok.pos_ in NOMINAL_POS:
                return True
            # at the sentence start a capitalised word right before a finite verb is the Vorfeld ("Teilnehmer:innen betonten")
            return tok.i + 1 < self.n and self.finite_verb(tok.i + 1) and not self.finite_verb(tok.i)
        if self.has_pos and tok.pos_:
            return tok.pos_ in NOMINAL_POS or tok.tag_ in ("NE", "NN", "ART", "PPER", "PPOSAT", "PIAT", "ADJA", "CARD", "PIS", "PDS")
        low = tok.text.lower()
        if low in CLOSED_CLASS:
            return False
        return self._wordlike(tok) and (tok.text[:1].isupper() or low in ARTICLES_PRONOUNS)

    @staticmethod
    def _wordlike(tok: Token) -> bool:
        return tok.is_alpha or any(c.isalpha() for c in tok.text) and not is_mark(tok.text)

    def in_quote(self, i: int) -> bool:
        return self.quote_of[i] is not None and self.speechlike(self.quote_of[i])

    def speechlike(self, q: Quote) -> bool:
        """A quote that can be a message (not a title or a scare-quoted term)."""
        if q not in self._speechlike:
            self._speechlike[q] = self._is_speechlike(q)
        return self._speechlike[q]

    def _is_speechlike(self, q: Quote) -> bool:
        content = [i for i in q.content if not self.is_punct(i)]
        if len(content) >= 6:
            return True
        if len(content) < 3 or not _quoted_words(self, q):
            return False
        return not self.has_pos or any(self.is_verb(i) and self.is_finite(i) for i in content)

    def lemma(self, i: int) -> str:
        lemma = self.layer.lemma[i]
        return lemma.lower() if self.has_lemma and lemma else self.low[i]

    def sentence_end(self, s: int, e: int) -> int:
        """End of the sentence without its final punctuation (and a final closing mark outside a quote)."""
        space = self.layer.is_space
        while e > s and space[e - 1]:
            e -= 1
        if e > s and self.layer.text[e - 1] in SENT_END and self.quote_of[e - 1] is None:
            e -= 1
        return e

    def clause_bounds(self, i: int) -> tuple[int, int]:
        """Surface clause around token ``i``: between the nearest clause punctuation marks or quotes."""
        known = self._clause_bounds.get(i)  # asked by many rules about the same cue and speaker tokens
        if known is None:
            known = self._clause_bounds[i] = self._find_clause_bounds(i)
        return known

    def _find_clause_bounds(self, i: int) -> tuple[int, int]:
        s, e = self.sents[self.sent_of[i]]
        left = i
        while left > s:
            if self.is_break(left - 1):
                opening = self._parenthetical(left - 1, -1, s, e)
                if opening is None:
                    opening = self._relative_clause_before(left - 1, s)
                    if opening is not None and left == i and self.finite_verb(i) and self.low[i] not in POSSESSIVE_DETERMINERS \
                            and (not self.has_pos or self.layer.pos[i] == "VERB") and any(
                            self.finite_verb(k) and not self.in_quote(k) for k in range(s, opening)):
                        # "Das Amt sei eine Aufgabe, die er gern übernehme, sagte Weibel": a finite verb right after
                        # the relative clause, with a main clause before it, opens an inserted frame (V1); the
                        # relative clause ends the statement and is not embedded in the verb's clause
                        opening = None
                if opening is None:
                    break
                left = opening  # "Johanna Wanka (CDU)": a short parenthesis inside a phrase ends no clause
                continue
            left -= 1
        right = i + 1
        while right < e and self.layer.text[right] not in SENT_END:
            if self.is_break(right):
                closing = self._parenthetical(right, 1, s, e)
                if closing is None:
                    break
                right = closing + 1
                continue
            right += 1
        return left, right

    def _relative_clause_before(self, comma: int, s: int) -> int | None:
        """The comma before an embedded relative clause that ends at ``comma`` ("Die Vermieter haben die
        Mietpreisbremse, die die Koalition beschließen will, als «Placebo» bezeichnet"): the clause around the cue
        goes on before it. None unless ", REL … finite verb ," with a nominal phrase before the opening comma."""
        text = self.layer.text  # token texts without Token views
        if text[comma] != "," or comma - 1 <= s or not self.finite_verb(comma - 1) and not (
                comma - 2 > s and self.finite_verb(comma - 2)):
            return None
        j = comma - 1
        while j > s and text[j] not in CLAUSE_BREAK and text[j] not in SENT_END and not is_mark(text[j]):
            j -= 1
        if j <= s or text[j] != "," or self.low[j + 1] not in RELATIVE_STARTS or comma - j > 15:
            return None
        if not (self.is_nominal(j - 1) or text[j - 1][:1].isupper()):
            return None
        return j  # the relative clause and its commas belong to the clause of the verb after it

    def _parenthetical(self, k: int, direction: int, s: int, e: int) -> int | None:
        """The other bracket of a short parenthesis without a verb or comma at bracket ``k`` ("(CDU)", "(44)",
        "(EZB)"), searching right from "(" (direction 1) or left from ")" (direction -1); else None."""
        text, space = self.layer.text, self.layer.is_space  # no Token views
        if text[k] != ("(" if direction == 1 else ")"):
            return None
        other = ")" if direction == 1 else "("
        j = k + direction
        while s <= j < e and abs(j - k) <= 6:
            t = text[j]
            if t == other:
                inner = range(min(j, k) + 1, max(j, k))
                return j if len(inner) and not any(self.is_verb(m) for m in inner) else None
            if t in CLAUSE_BREAK or t in SENT_END or space[j] or is_mark(t):
                return None
            j += direction
        return None

    def is_break(self, k: int) -> bool:
        text, ws = self.layer.text, self.layer.whitespace
        t = text[k]
        if t == ":" and k > 0 and not ws[k - 1] and not ws[k]:
            return False  # gender colon: "Teilnehmer:innen"
        if is_mark(t):
            # the marks of a quoted name ("die Agentur „Xinhua“, die Maschine sei ...") do not end a clause
            q = self.quote_of[k]
            return q is None or self.speechlike(q)
        return t in CLAUSE_BREAK


# --------------------------------------------------------------------------- cues


@dataclass
class Cue:
    index: int  # the lexical verb (or the cue word)
    tokens: list[int]
    lemma: str
    verb: reporting.ReportingVerb | None
    stwr: str = "Speech"


def _verb_entries(view: _View, i: int) -> tuple[reporting.VerbForm, ...]:
    """The reporting-verb forms token ``i`` is, by its form and then by its lemma."""
    lemma = view.layer.lemma[i]
    return _verb_entries_of(view.low[i], lemma.lower() if view.has_lemma and lemma else None)


@resources.memoised_by_argument(65536)  # compared entry by entry (dataclass equality): once per form and lemma
def _verb_entries_of(low: str, lemma: str | None) -> tuple[reporting.VerbForm, ...]:
    table = reporting.verb_forms()
    found = list(table.get(low, ()))
    if lemma is not None:
        for vf in table.get(lemma, ()):
            if vf not in found:
                found.append(vf)
    return tuple(found)


def find_cue(view: _View, i: int) -> Cue | None:
    """A reporting verb at token ``i`` with its verb group (auxiliary, particle, "sich", correlate)."""
    layer = view.layer
    is_title = layer.is_title[i]
    if not layer.is_alpha[i] or (is_title and i > view.sents[view.sent_of[i]][0] and view.low[i] != "wie"):
        return None
    # a lower-case word form of a reporting verb is a verb whatever a weak tagger says; a capitalised one at the
    # sentence start must be tagged as a verb ("Sagen" could be the noun)
    if is_title and view.has_pos and layer.pos[i] and not view.is_verb(i):
        # "Kritisiert wird, dass ...": a fronted participle before its auxiliary
        if not (i + 1 < view.n and view.low[i + 1] in AUXILIARIES):
            return None
    entries = _verb_entries(view, i)
    if not entries:
        return None
    tok = view.doc[i]  # a Token view only for the few words that are reporting-verb forms
    if view.has_pos and (tok.tag_ == "ADJA" or tok.pos_ == "ADJ" and _low(tok) not in reporting.verb_forms()) \
            and not _frame_verb_after_quote(view, i) and not _finite_with_closing_particle(view, i, entries) \
            and not _before_article(view, i):
        return None  # an attributive participle ("die kürzlich beschlossene Reform") reads its lemma, it reports nothing
    left, right = view.clause_bounds(i)
    clause = range(left, right)
    words = {view.low[j]: j for j in clause if j != i}
    if view.low[i] == "geraten" and any(view.low[j] in GERATEN_PREPOSITIONS for j in clause if j < i):
        return None  # "zwei Gruppen waren in Streit geraten": the verb "geraten", not "raten"
    # the participle ("aufgerufen"; "beraten" has the form of its infinitive) with "sein", no "zu" before it
    stative = {vf.verb.lemma for vf in entries if vf.kind in ("participle", "infinitive", "lemma")
               and vf.verb.lemma in STATIVE_PARTICIPLES}
    if stative and (not _stative(view, clause) or (i > 0 and view.low[i - 1] == "zu")):
        stative = set()
    for vf in sorted(entries, key=lambda v: (not v.verb.particle or v.joined, not v.verb.reflexive, v.verb.prep is None)):
        verb = vf.verb
        tokens = [i]
        if not verb.particle and (vf.kind == "finite" or view.is_finite(i)) and _foreign_particle(view, tok, i, right):
            continue  # "Die SP fordert die CVP heraus": the separable particle makes another verb (herausfordern)
        if verb.particle and not vf.joined:
            # the separable particle stands at the end of the V2 clause ("teilte ... mit")
            last = [j for j in clause if j > i and view.low[j] == verb.particle and _is_particle(view, j, right)]
            if not last and vf.kind in ("participle", "infinitive") and i > 0 and view.low[i - 1] == verb.particle \
                    and not view.in_quote(i - 1):
                last = [i - 1]  # the participle or infinitive written apart from its particle: "bekannt gegeben"
            if " " in verb.lemma:  # "stark machen", "infrage stellen": the word may precede a participle
                last = [j for j in clause if j != i and view.low[j] == verb.particle]
            if not last and view.parsed:
                # an apposition with commas between verb and particle ("griff er den Vorstand, Martin Seiler,
                # an"): the parse attaches the particle to the verb within the sentence
                s_k, e_k = view.sents[view.sent_of[i]]
                last = [c.i for c in syntax.children_with_role(tok, syntax.PARTICLE)
                        if s_k <= c.i < e_k and c.i > i and view.low[c.i] == verb.particle and not view.in_quote(c.i)]
            if not last:
                last = _particle_after_apposition(view, i, right, verb.particle)
            if not last:
                continue
            tokens.append(last[-1])
        if verb.reflexive:
            if "sich" not in words:
                continue
            tokens.append(words["sich"])
        if verb.prep:
            corr = [j for w, j in words.items() if w in ("da" + verb.prep, "dar" + verb.prep)]
            if corr:
                tokens.append(corr[0])
            elif verb.prep_required and not (verb.prep in words and (
                    words[verb.prep] > i or vf.kind in ("participle", "infinitive", "lemma"))):
                # "sprach von einem Fehler" has the preposition itself, "geht davon aus" the correlate; before a
                # clause-final participle it precedes the verb ("hat auf die Bibel verwiesen")
                continue
        if verb.lemma in stative:
            continue  # "Die SPÖ sei gut beraten, … zu": a state of the subject, no speech act
        if vf.kind in ("participle", "infinitive", "lemma"):
            aux = [j for j in clause if j < i and view.low[j] in AUXILIARIES]
            aux_after = [j for j in clause if j > i and view.low[j] in AUXILIARIES and (view.is_finite(j))]
            if aux:
                tokens.append(aux[0])
            elif aux_after:
                tokens.append(aux_after[0])
        if verb.lemma == "heißen":
            es = [j for j in clause if view.low[j] == "es"]
            if not es:
                continue
            tokens.append(es[0])
        return Cue(i, sorted(set(tokens)), verb.lemma, verb, verb.stwr)
    return None


def _before_article(view: _View, i: int) -> bool:
    """An article follows (over a line break): no attributive adjective stands before one, so a verb form the tagger
    made one is the verb ("Nach einem Jahr verkündeten\ndie Innenministerin …")."""
    j = i + 1
    while j < view.n and view.layer.is_space[j]:
        j += 1
    return j < view.n and view.low[j] in DEFINITE_ARTICLES | INDEFINITE_ARTICLES and view.layer.text[j].islower()


def _frame_verb_after_quote(view: _View, i: int) -> bool:
    """Token ``i`` opens the frame right after a closing quotation mark and its comma („…“, kommentierte X): the
    position of the finite verb of an inserted frame (V1), never of an attributive adjective, which needs a
    determiner or a noun phrase to stand in. The weak tagger calls such a verb ADJA when a noun follows it
    ("prognostizierte Portfoliomanager Thomas Altmann")."""
    if i < 2 or view.layer.text[i - 1] != "," or not is_mark(view.layer.text[i - 2]):
        return False
    q = view.quote_of[i - 2]
    return q is not None and q.end == i - 2 and view.layer.text[i][:1].islower()


def _finite_with_closing_particle(view: _View, i: int, entries) -> bool:
    """"…, teilten Polizei und Staatsanwaltschaft mit.": a finite form of a separable reporting verb right after a
    comma whose particle is the last word of the sentence is the verb of an inserted frame, whatever the tagger
    says (the weak tagger reads "teilten" before a noun as an attributive adjective; an adjective is never
    followed by the particle of its verb at the end of the sentence)."""
    if i < 1 or view.layer.text[i - 1] != "," or not view.layer.text[i].islower():
        return False
    particles = {vf.verb.particle for vf in entries if vf.kind == "finite" and vf.verb.particle and not vf.joined}
    if not particles:
        return False
    s, e = view.sents[view.sent_of[i]]
    last = e - 1
    while last > i and (view.layer.is_space[last] or view.layer.text[last] in SENT_END):
        last -= 1
    return last > i + 1 and view.low[last] in particles and not view.in_quote(last) and not any(
        view.layer.text[j] in (",", ";", ":") or is_mark(view.layer.text[j]) for j in range(i + 1, last))


def _particle_after_apposition(view: _View, i: int, right: int, particle: str) -> list[int]:
    """The separable particle after an apposition between commas that closes the sentence: "stellt Annette Myska,
    PR-Beauftragte für HP Deutschland, klar." / "teilte der Sprecher, Max Beispiel, mit." (the surface clause of
    the verb ends at the first comma). The apposition holds no verb, quote or further clause; the particle is the
    last word of the sentence."""
    s, e = view.sents[view.sent_of[i]]
    text = view.layer.text
    if right >= e or text[right] != ",":
        return []
    j = right + 1
    while j < e and j - right <= 12 and text[j] != ",":
        if text[j] in SENT_END or text[j] in (";", ":") or is_mark(text[j]):
            return []
        if view.low[j] in AUXILIARIES or (view.finite_verb(j) if view.has_pos else view.is_verb(j) and any(
                f.kind == "finite" for f in reporting.verb_forms().get(view.low[j], ()))):
            return []  # a clause of its own (on a blank pipeline every lower-case word looks like a verb)
        j += 1
    if j >= e or text[j] != "," or j == right + 1:
        return []
    k = j + 1
    if k >= e or view.low[k] != particle or view.in_quote(k):
        return []
    after = k + 1
    while after < e and view.layer.is_space[after]:
        after += 1
    return [k] if after >= e or text[after] in SENT_END else []


def _stative(view: _View, clause: range) -> bool:
    """A form of "sein" and no passive auxiliary in the clause: "ist/sei/wäre … beraten" (not "wurde … gefragt",
    "ist … gefragt worden")."""
    low = [view.low[j] for j in clause]
    return any(w in SEIN_FORMS for w in low) and not any(w in PASSIVE_AUX for w in low)


def _foreign_particle(view: _View, tok, i: int, clause_end: int) -> bool:
    """A separable particle of the finite verb at ``i`` closes its V2 clause ("fordert die CVP heraus", "spricht das
    Problem an"), so the verb is a particle verb (herausfordern, ansprechen), not the particle-less reporting verb of
    the same stem. The particle is a word of claims_separable_particles.txt (the parser also attaches "darauf",
    "sicher" or "für" as particles) that is no adverb after a verb of saying ("sagte weiter"), read from the parse
    (attached to the verb, TIGER ``svp`` / UD ``compound:prt``) or, without one, from the tag PTKVZ on the last word
    of the clause. A particle verb that is itself a reporting verb ("teilte ... mit") is tried before the
    particle-less entry and never reaches this test."""
    def foreign(j: int) -> bool:
        return view.low[j] in FOREIGN_PARTICLE_WORDS and not view.in_quote(j)

    if view.parsed:
        return any(i < c.i < clause_end and foreign(c.i) for c in syntax.children_with_role(tok, syntax.PARTICLE))
    words = [j for j in range(i + 1, clause_end) if not view.is_punct(j)]
    return bool(words) and view.doc[words[-1]].tag_ == "PTKVZ" and foreign(words[-1])


def _is_particle(view: _View, j: int, clause_end: int) -> bool:
    """A separable particle: tagged or attached as one, else the last word of its clause ("teilte ... mit.")."""
    tok = view.doc[j]
    if tok.tag_ == "PTKVZ" or syntax.has_role(tok, syntax.PARTICLE):
        return True
    k = j + 1
    while k < clause_end and (view.is_punct(k) or (view.is_verb(k) and not view.is_finite(k))):
        k += 1
    return k >= clause_end


# --------------------------------------------------------------------------- speaker phrases


def _np_span(view: _View, start: int, limit: int, direction: int = 1) -> list[int]:
    """A surface noun phrase starting at ``start`` going right (direction 1) up to ``limit`` (exclusive)."""
    doc = view.doc
    out: list[int] = []
    i = start
    depth = 0
    seen_head = False
    while i < limit:
        tok = doc[i]
        t = tok.text
        if t == "[" and not out and i + 1 < limit:
            out.append(i)  # a markdown link around the phrase: "[Lena Weber](https://…)" (trimmed in the claim)
        elif t == "](" and out:
            while i < limit and doc[i].text != ")":
                out.append(i)
                i += 1
            if i < limit:
                out.append(i)
        elif t == "(":
            depth += 1
            out.append(i)
        elif t == ")":
            if depth == 0:
                break
            depth -= 1
            out.append(i)
        elif depth > 0:
            out.append(i)
        elif t == "," and seen_head and i + 1 < limit and view.is_nominal(i + 1) and doc[i + 1].pos_ not in ("PRON",) and _apposition_follows(view, i + 1, limit):
            out.append(i)
        elif not out and t.lower() in QUANTIFIERS and any(doc[k].like_num for k in range(i + 1, min(i + 3, limit))):
            out.append(i)  # "rund 60 Staaten", "mehr als 20 Investoren"
        elif seen_head and not _continues_np(view, i, limit):
            break
        elif out and not seen_head and (tok.tag_ in ("APPR", "APPRART") or t.lower() in PREPOSITIONS) and _participial_attribute(view, i, limit):
            # "einer am Dienstag veröffentlichten Pressemitteilung": a PP inside a participle before the noun
            k = _participial_attribute(view, i, limit)
            out += list(range(i, k))
            i = k
            continue
        elif seen_head and _bare_genitive_adjective(view, i, limit):
            out.append(i)
        elif seen_head and t.lower() in ("von", "vom", "für", "dem", "den") and depth == 0:
            out.append(i)  # a prepositional attribute: "Angaben des Ombudsmans für Menschenrechte"
        elif (
            view.is_nominal(i)
            or (t.lower() in NAME_PARTICLES and seen_head and any(doc[k].is_title and doc[k].text.lower() not in NAME_PARTICLES for k in range(i + 1, min(i + 3, limit)))
                and all(doc[k].text.lower() in NAME_PARTICLES for k in range(i, next(k for k in range(i + 1, min(i + 3, limit)) if doc[k].is_title and doc[k].text.lower() not in NAME_PARTICLES))))
            or (not view.has_pos and out and not seen_head and t.isalpha() and t.islower() and t.lower() not in CLOSED_CLASS
                and any(doc[k].text[:1].isupper() for k in range(i + 1, min(i + 3, limit))))
        ):
            if view.has_pos and tok.pos_ == "PRON" and seen_head:
                break
            if view.has_pos and tok.tag_ in ("PRELS", "PRELAT"):
                break
            out.append(i)
            if tok.pos_ in ("NOUN", "PROPN", "PRON") or tok.tag_ in ("NN", "NE", "PPER") or (
                tok.text[:1].isupper() and t.lower() not in ARTICLES_PRONOUNS and view._wordlike(tok)) or (
                not view.has_pos and (tok.text[:1].isupper() and t.lower() not in ARTICLES_PRONOUNS or t.lower() in ("er", "sie"))
            ):
                seen_head = True
                if tok.pos_ == "PRON" or tok.tag_ == "PPER" or (not view.has_pos and t.lower() in ("er", "sie")):
                    break
        elif out and t in ("„", "»", '"', "‚") and view.quote_of[i] is not None and view.quote_of[i].start == i and view.quote_of[i].end < limit \
                and view.quote_of[i].end - i <= 8 and all(doc[k].is_title or not doc[k].is_alpha or doc[k].lower_ in NAME_LINKERS for k in view.quote_of[i].content):
            # a quoted name inside the phrase: der „Polizei von DeLand“, das Magazin „Der Spiegel“
            out += list(range(i, view.quote_of[i].end + 1))
            seen_head = True
            i = view.quote_of[i].end
        elif t in ("’", "'") and out and i + 1 < limit and doc[i + 1].is_title:
            out.append(i)  # O’Keefe
        elif t in (":", "*") and out and not doc[i - 1].whitespace_ and not tok.whitespace_ and i + 1 < limit:
            out += [i, i + 1]  # gender-inclusive forms: "Teilnehmer:innen", "Expert*innen"
            i += 1
        elif t == "-" or (tok.is_punct and t in ("/", "&")):
            out.append(i)
        else:
            break
        i += 1
    while out and view.is_punct(out[-1]) and doc[out[-1]].text != ")":
        out.pop()
    return out if seen_head else []


GENITIVE_ARTICLES = resources.words("claims_genitive_determiners")


def _participial_attribute(view: _View, i: int, limit: int) -> int:
    """End (exclusive) of "am Dienstag veröffentlichten" in "einer am Dienstag veröffentlichten Mitteilung": a
    preposition, a few words and an inflected participle or adjective right before a capitalised noun; else 0."""
    doc = view.doc
    for k in range(i + 2, min(i + 7, limit - 1)):
        word = doc[k].text
        if word in CLAUSE_BREAK:
            return 0
        if word.islower() and word.endswith(("en", "ten", "ene", "enen", "ter", "tes", "te")) and doc[k + 1].text[:1].isupper() \
                and doc[k + 1].is_alpha:
            return k + 1
        if view.finite_verb(k):
            return 0
    return 0


def _bare_genitive_adjective(view: _View, i: int, limit: int) -> bool:
    """A genitive without article after a reporting noun: "Einschätzung britischer Geheimdienste"."""
    doc = view.doc
    tok = doc[i]
    return tok.is_alpha and tok.text.islower() and tok.text.endswith(("er", "en")) and i > 0 \
        and reporting.noun_entry(doc[i - 1].text) is not None \
        and i + 1 < limit and doc[i + 1].text[:1].isupper() and doc[i + 1].is_alpha


def _continues_np(view: _View, i: int, limit: int) -> bool:
    """After the head noun only names, numbers and genitive attributes continue a noun phrase
    ("Präsident Gusmão", "Angaben des ZDF"), not an adverb or a new phrase ("... Gusmão kurz", "... die Jahre")."""
    doc = view.doc
    tok = doc[i]
    low = tok.text.lower()
    if is_mark(tok.text) and view.quote_of[i] is not None and view.quote_of[i].start == i:
        return True  # a quoted name: "ein Bericht der „Frankfurter Allgemeinen Zeitung“"
    if tok.text in ("(", ")"):
        return True
    if tok.text in (":", "*") and not doc[i - 1].whitespace_ and not tok.whitespace_:
        return True  # "Teilnehmer:innen"
    prev = doc[i - 1].text.lower() if i > 0 else ""
    if tok.is_alpha and tok.text.islower() and (prev in GENITIVE_ARTICLES | {"von", "vom", "für", "dem", "den", "einem"} or (
            doc[i - 1].is_alpha and doc[i - 1].text.islower() and doc[i - 1].pos_ == "ADJ")) \
            and tok.pos_ in ("ADJ", "DET", "NUM", "") and any(doc[k].text[:1].isupper() for k in range(i + 1, min(i + 3, limit))):
        return True  # an adjective inside a genitive or "von" attribute: "des künstlerischen Leiters"
    if low in ("von", "vom", "für") and any(doc[k].text[:1].isupper() or doc[k].text.lower() in GENITIVE_ARTICLES | {"dem", "den"}
                                            for k in range(i + 1, min(i + 3, limit))):
        return True  # "Ansicht von ai", "Oberst Franz Polzer vom Landeskriminalamt"
    if low in ("dem", "den") and prev in ("von", "für"):
        return True
    if low in GENITIVE_ARTICLES:
        prev = doc[i - 1]
        if prev.pos_ == "PROPN" or prev.ent_type_ == "PER":
            return False  # "Voznyak der Sprecher": a new phrase, not a genitive
        return any(doc[k].text[:1].isupper() for k in range(i + 1, min(i + 4, limit)))
    if tok.like_num or low in NAME_PARTICLES:
        return True
    if _bare_genitive_adjective(view, i, limit):
        return True
    if tok.text[:1].isupper() and view._wordlike(tok) and low not in CLOSED_CLASS and low not in ARTICLES_PRONOUNS:
        return True
    return False


def _apposition_follows(view: _View, i: int, limit: int) -> bool:
    """", Andreas Huber," after a description: a name (or title + name) closed by a comma or the clause end."""
    doc = view.doc
    j = i
    while j < limit and (doc[j].is_title or doc[j].pos_ in ("PROPN", "NOUN", "ADJ", "DET")) and doc[j].text not in CLAUSE_BREAK:
        j += 1
    if not (j > i and (j >= limit or doc[j].text in (",",) or view.is_verb(j))):
        return False
    if not view.has_pos:  # no tagger: a short run of capitalised words between commas is a name
        return j - i <= 4 and all(doc[k].is_title for k in range(i, j))
    return any(doc[k].pos_ == "PROPN" or doc[k].ent_type_ == "PER" for k in range(i, j))


def _subtree_span(view: _View, tok: Token, exclude: set[int]) -> list[int]:
    """The contiguous part of ``tok``'s subtree around it, without clausal material or punctuation at the edges."""
    idx = {t.i for t in tok.subtree if t.i not in exclude}
    lo = hi = tok.i
    while lo - 1 in idx and view.doc[lo - 1].text not in (";", ":") and not is_mark(view.doc[lo - 1].text):
        lo -= 1
    while hi + 1 in idx and view.doc[hi + 1].text not in (";", ":") and not view.is_verb(hi + 1) and not is_mark(view.doc[hi + 1].text):
        hi += 1
    out = list(range(lo, hi + 1))
    while out and view.is_punct(out[0]):
        out.pop(0)
    while out and view.is_punct(out[-1]) and view.doc[out[-1]].text != ")":
        out.pop()
    # cut a relative clause: ", der ..." inside the subject
    for k, j in enumerate(out):
        if view.doc[j].text == "," and k + 1 < len(out) and view.doc[out[k + 1]].tag_ in ("PRELS", "PRELAT"):
            return out[:k]
    return out


# A dateline opens agency copy and press releases: place(s), optionally the agency in parentheses and a date,
# then a dash, colon or full stop ("Köln (dpa) -", "Berlin/München (AFP).", "Kassel, 14. Januar 2025 –",
# "Reuters FRANKFURT.", "Zürich (AWP) -"). It is metadata: never a speaker, never part of a message's speaker.
_PLACE = r"[A-ZÄÖÜ][\wäöüß.-]*(?:[ /-][A-ZÄÖÜ][\wäöüß.-]*){0,3}"
DATELINE = re.compile(
    rf"\s*(?:(?:dpa|AFP|AP|Reuters|KNA|epd|dts|AWP|SDA|APA|ddp|sid|GDN)\s+)?{_PLACE}"
    r"(?:\s*\((?:[A-Za-z][\w/-]{1,14})\))?"
    r"(?:,\s*(?:den\s+)?\d{1,2}\.\s*(?:[A-ZÄÖÜ][a-zäöü]+|\d{1,2}\.)\s*\d{2,4})?"
    r"\s*(?:[-–—]\s|\.\s|:\s)")


def dateline_tokens(view: _View, k: int) -> set[int]:
    """Tokens of a dateline at the start of sentence ``k`` (empty if it has none)."""
    s, e = view.sents[k]
    layer = view.layer  # its doc_text: Doc.text rebuilds the text from every token on each call
    first = next((i for i in range(s, e) if not layer.is_space[i]), None)
    if first is None or (k > 0 and not _opens_paragraph(view, first)):
        return set()
    m = DATELINE.match(layer.doc_text, *layer.char_span(first, e))
    if not m:
        return set()
    # the dateline needs an agency, a date or a capitalised place followed by a capitalised sentence
    head = m.group(0)
    if "(" not in head and not re.search(r"\d", head) and not re.match(r"\s*(?:dpa|AFP|AP|Reuters)\b", head) \
            and not head.rstrip().endswith((".", "-", "–", "—")):
        return set()
    end = m.end()
    return {i for i in range(first, e) if layer.idx[i] < end}


# Articles that cannot open a genitive attribute: after a noun they open the next phrase (an object).
NON_GENITIVE_ARTICLES = {"die", "den", "dem", "das", "ein", "einen", "einem"}


def _cut_second_phrase(view: _View, span: list[int]) -> list[int]:
    """"CDU-Politiker die CSU": a weak parse puts the object into the subject; a non-genitive article after a
    noun starts a new phrase (inside parentheses or a quoted name it does not)."""
    doc = view.doc
    for k in range(1, len(span)):
        i, prev = span[k], span[k - 1]
        if _low(doc[i]) in NON_GENITIVE_ARTICLES and i == prev + 1 and doc[prev].text[:1].isupper() \
                and any(c.isalpha() for c in doc[prev].text) and _low(doc[prev]) not in ("von", "für") and view.quote_of[i] is None \
                and not any(doc[j].text == "(" for j in span[:k]):
            return span[:k]
    return span


def _opens_paragraph(view: _View, i: int) -> bool:
    j = i - 1
    while j >= 0 and view.doc[j].is_space:
        if "\n" in view.doc[j].text:
            return True
        j -= 1
    return j < 0 or "\n" in view.doc[j].whitespace_


def find_speaker(view: _View, cue: Cue, exclude: set[int]) -> list[int]:
    """The speaker phrase of a verb cue: its subject, from the parse if plausible, else from the surface."""
    dateline = dateline_tokens(view, view.sent_of[cue.index])
    if cue.verb is not None and cue.verb.lemma in SOURCE_FROM_VERBS:
        return _source_from(view, cue, exclude | dateline)
    span = _find_speaker(view, cue, exclude | dateline)
    span = _vorfeld_person_over_parsed_object(view, cue, span, exclude | dateline)
    k = view.sent_of[cue.index]
    if span and any(view.sent_of[i] != k for i in span):
        # a parse across a line break ("Tierwohl am Sechseläuten\nTierschützer kritisieren"): read the surface
        span = [i for i in _surface_subject(view, cue, exclude | dateline) if view.sent_of[i] == k]
    span = _cut_second_phrase(view, span)
    span = _cut_adverbial(view, span)
    after = cue.index + 1
    if span and max(span) < cue.index and after < view.n and view.low[after] in NOMINATIVE_ONLY_PRONOUNS \
            and view.finite_verb(cue.index) and not view.in_quote(after) and after not in exclude:
        span = [after]  # "Die Landwirte sieht er …": "er" is the subject, the Vorfeld phrase the object
    if dateline and any(i in dateline for i in span):
        span = [i for i in span if i not in dateline and not view.is_punct(i)]
        span = span if span and _plausible_speaker(view, span) else []
    if len(span) == 1 and _low(view.doc[span[0]]) in NON_SPEAKER_PRONOUNS:
        return []  # "hieß es", expletive, anaphoric or reflexive words are no speakers
    return span


def _vorfeld_person_over_parsed_object(view: _View, cue: Cue, span: list[int], exclude: set[int]) -> list[int]:
    """"CDU-Chef Friedrich Merz hat Bundesfinanzminister Olaf Scholz vorgeworfen, …": a weak parse takes the
    object after the finite verb for the subject. When the whole Vorfeld is one noun phrase naming a person or an
    organisation, not marked as an object ("Den Vorschlag lehnte er ab"), it is the subject of the V2 clause."""
    if not span or not view.parsed:
        return span
    doc = view.doc
    finite = min(cue.tokens)
    if min(span) <= finite:
        return span  # the parsed subject is the Vorfeld already (or V1 after a quote)
    left, _ = view.clause_bounds(cue.index)
    s, _ = view.sents[view.sent_of[cue.index]]
    if left != s and doc[left - 1].text not in SENT_END:
        return span  # a frame after a comma (", sagte der Minister") has no Vorfeld of its own
    vorfeld = [k for k in range(left, finite) if k not in exclude and not doc[k].is_space and not view.is_punct(k)]
    if not vorfeld or vorfeld[0] + len(vorfeld) != finite:
        return span
    np = _np_span(view, vorfeld[0], finite)
    if np != vorfeld or _is_object_like(view, np):
        return span
    if any(doc[k].ent_type_ in ("PER", "ORG") for k in np) or any(_is_person_noun_form(doc[k].text) for k in np):
        return np
    return span


def _cut_adverbial(view: _View, span: list[int]) -> list[int]:
    """"eine Kommissionssprecherin am Freitag in Brüssel": a prepositional phrase of time or place after the
    head noun is an adverbial of the verb, not part of the speaker (a weekday, a month or a place follows the
    preposition); attributes with "von", "für", "der" stay."""
    doc = view.doc
    for k, j in enumerate(span[1:-1], start=1):
        tok = doc[j]
        if tok.tag_ not in ("APPR", "APPRART") and tok.pos_ != "ADP":
            continue
        if view.low[j] in ATTRIBUTE_PREPOSITIONS:
            continue
        nxt = span[k + 1]
        word = doc[nxt].text
        if any(doc[t].text == "," for t in span[k:]) or doc[span[k - 1]].ent_type_ == "ORG":
            continue  # "der Synode der Evangelischen Kirche in Deutschland, Anna-Nicole Heinrich": a name goes on
        if (word in CALENDAR_WORDS or doc[nxt].ent_type_ == "LOC") and any(view.is_nominal(t) for t in span[:k]):
            return span[:k]
    return span


def _source_from(view: _View, cue: Cue, exclude: set[int]) -> list[int]:
    """"hieß es aus Sicherheitskreisen", "erfuhr die Agentur aus Regierungskreisen": the phrase after the
    preposition of origin in the cue's clause is the speaker; without one there is none."""
    preps = SOURCE_FROM_VERBS[cue.verb.lemma]
    left, right = view.clause_bounds(cue.index)
    for j in range(left, right):
        if view.low[j] in preps and j not in exclude and not view.in_quote(j) and j + 1 < right:
            span = [t for t in _np_span(view, j + 1, right) if t not in exclude]
            if span and view.low[j] in DOCUMENT_PREPOSITIONS:
                span = _document_author(view, span)
            if span and view.doc[span[-1]].text[:1].isupper():
                return span
    return []


DOCUMENT_PREPOSITIONS = resources.words("claims_document_prepositions")
AUTHOR_PREPOSITIONS = resources.words("claims_author_prepositions")


def _document_author(view: _View, span: list[int]) -> list[int]:
    """"in einer Mitteilung der Polizei" -> "der Polizei", "im Bericht des Ministeriums" -> "des Ministeriums",
    "in dem Papier von Greenpeace" -> "Greenpeace": the attribute after the document's head noun; [] without
    one ("in dem Papier" names no author)."""
    head = next((k for k, t in enumerate(span) if view.doc[t].text[:1].isupper()), None)
    if head is None:
        return []
    rest = span[head + 1:]
    if len(rest) >= 2 and view.low[rest[0]] in GENITIVE_ARTICLES:
        return rest
    if len(rest) >= 2 and view.low[rest[0]] in AUTHOR_PREPOSITIONS:
        # "von Greenpeace" -> "Greenpeace"; a fused "vom" carries the article and stays ("vom Bundesamt")
        return rest[1:] if view.low[rest[0]] == "von" else rest
    return []


def _find_speaker(view: _View, cue: Cue, exclude: set[int]) -> list[int]:
    doc = view.doc
    i = cue.index
    left, right = view.clause_bounds(i)
    if _is_passive(view, cue, left, right):
        return _surface_subject(view, cue, exclude)  # only a "von" agent can be the speaker of a passive
    if view.parsed:
        heads = [doc[i]]
        if doc[i].head.i != i:
            heads.append(doc[i].head)
        for j in cue.tokens:
            if j != i:
                heads.append(doc[j])
        for h in heads:
            for child in syntax.children_with_role(h, syntax.SUBJECT):
                if child.i in exclude or child.i in cue.tokens or view.in_quote(child.i):
                    continue  # a fronted participle the parse makes the subject ("Begründet hatte sie das …")
                if child.pos_ in ("VERB", "AUX") or child.tag_ in ("PRELS",):
                    continue
                if abs(child.i - i) > 25:
                    continue
                if "Plur" in child.morph.get("Number") and child.pos_ in ("NOUN", "PROPN") and any(
                        "Sing" in doc[j].morph.get("Number") and view.finite_verb(j) for j in cue.tokens if j in (i, h.i)):
                    continue  # agreement: a plural noun is no subject of a singular verb ("Neue Demonstrationen
                    # schließt der Verbandschef nicht aus": object first, subject after the verb)
                span = _subtree_span(view, child, exclude | set(cue.tokens))
                if span and _plausible_speaker(view, span):
                    return span
            for child in syntax.children_with_role(h, syntax.AGENT):
                span = [j for j in _subtree_span(view, child, exclude | set(cue.tokens)) if _low(doc[j]) != "von" or j != child.left_edge.i]
                if span and _low(doc[span[0]]) == "von":
                    span = span[1:]
                if span:
                    return span
    return _surface_subject(view, cue, exclude)


def _plausible_speaker(view: _View, span: list[int]) -> bool:
    """A parsed subject worth trusting: it has a nominal head and no verb of its own (weak parses attach junk)."""
    doc = view.doc
    if len(span) == 1:
        tok = doc[span[0]]
        return tok.pos_ in ("PRON", "PROPN", "NOUN") and tok.tag_ not in ("PRELS", "PDS", "PIS") or tok.text[:1].isupper() and tok.pos_ != "DET"
    if any(view.finite_verb(j) for j in span if not view.in_quote(j)):
        return False
    return any(doc[j].text[:1].isupper() and view._wordlike(doc[j]) and _low(doc[j]) not in ARTICLES_PRONOUNS for j in span)


def _surface_subject(view: _View, cue: Cue, exclude: set[int]) -> list[int]:
    doc = view.doc
    i = cue.index
    left, right = view.clause_bounds(i)
    if _is_passive(view, cue, left, right):
        # "wurde angemerkt, dass": the speaker is only the "von"-agent, if any
        agent = [j for j in range(left, right) if _low(doc[j]) == "von" and j not in exclude]
        return _np_span(view, agent[0] + 1, right) if agent else []
    finite = min(cue.tokens)  # the finite verb or auxiliary comes first in V2/V1 order
    # V2 with the speaker in the Vorfeld ("Weltweit rund 60 Staaten fordern ..."; leading adverbs skipped)
    vorfeld = [k for k in range(left, finite) if k not in exclude and _low(doc[k]) != "wie" and not doc[k].is_space]
    if vorfeld and (doc[vorfeld[0]].tag_ in ("APPR", "APPRART") or _low(doc[vorfeld[0]]) in PREPOSITIONS):
        vorfeld_starts: list[int] = []  # a prepositional phrase in the Vorfeld: the subject follows the verb
    else:
        vorfeld_starts = vorfeld[:3]
    for start in vorfeld_starts:
        span = _np_span(view, start, finite)
        if span and max(span) >= finite - 1 and not _is_object_like(view, span):
            return span
    # "Hubert Primus, der für X verantwortlich ist, wies ... zurück": the subject precedes a relative clause
    s, _ = view.sents[view.sent_of[i]]
    while s < left and (s in exclude or view.is_punct(s)):
        s += 1  # after a dateline ("Passau (dpa) - Rainer Wendt, der Vorsitzende …, hat")
    if left > s and doc[left - 1].text == "," and not vorfeld:
        head = _np_span(view, s, left)
        if head and max(head) + 2 < left and doc[max(head) + 1].text == "," and _low(doc[max(head) + 2]) in RELATIVE_STARTS:
            if not any(doc[k].text == "," for k in range(max(head) + 2, left - 1)):
                return head
    if left == s and finite - 1 > s and doc[finite - 1].text == ",":
        # the clause reaches back over the relative clause (``clause_bounds``): "Hubert Primus, der …, wies"
        head = _np_span(view, s, finite)
        if head and max(head) + 2 < finite and doc[max(head) + 1].text == "," and _low(doc[max(head) + 2]) in RELATIVE_STARTS:
            if not any(doc[k].text == "," for k in range(max(head) + 2, finite - 1)):
                return head
    # V1 after a comma or quote ("..., sagte der Präsident.") or V2 with the speaker after the verb
    after = [j for j in range(finite + 1, right) if j not in exclude]
    if after and not vorfeld and left > s and doc[left - 1].text == "," and finite == left:
        # "Georg Bätzing, Vorsitzender der Bischofskonferenz, hat … beklagt": a name with its apposition between
        # commas is the one constituent before the finite verb (V2), so it is the subject, not the phrase after
        # the verb; the surface clause of the verb starts only after the apposition's comma
        dateline = dateline_tokens(view, view.sent_of[i])
        start = s
        while start < finite and (start in exclude or start in dateline or view.is_punct(start) or doc[start].is_space):
            start += 1
        head = _np_span(view, start, finite)
        if head and _description_apposition(view, head, finite) and not view.in_quote(head[0]):
            return list(range(head[0], finite - 1))
    if after:
        j = after[0]
        # skip adverbs between the verb and the subject ("sagte später der Minister")
        while j < right and view.has_pos and doc[j].pos_ in ("ADV", "PART") and doc[j].tag_ != "PPER":
            j += 1
        span = _np_span(view, j, right)
        if span and _low(doc[span[0]]) in NOT_NOMINATIVE:
            span = []  # "wies den Vorwurf zurück": an object, not the speaker
        if span:
            vorfeld = [k for k in range(left, finite) if k not in exclude and _low(doc[k]) != "wie" and not doc[k].is_space]
            vorfeld_np = _np_span(view, vorfeld[0], finite) if vorfeld else []
            if vorfeld_np and len(vorfeld_np) == len(vorfeld) and not _is_object_like(view, vorfeld_np):
                return vorfeld_np
            return span
    vorfeld = [k for k in range(left, finite) if k not in exclude and _low(doc[k]) != "wie" and not doc[k].is_space]
    for start in vorfeld[:3]:  # leading adverbs: "Weltweit rund 60 Staaten fordern ..."
        span = _np_span(view, start, finite)
        if span and max(span) >= finite - 1:
            return span
    if vorfeld:
        return _np_span(view, vorfeld[0], finite)
    # a splitter error can leave the subject alone in the "sentence" before ("Marina Köhn (…)" | "hob hervor, …")
    s, _ = view.sents[view.sent_of[i]]
    if left == s and finite == s and s > 0:
        ps, pe = view.sents[view.sent_of[s - 1]]
        if not any(view.finite_verb(k) for k in range(ps, pe)) and not any(view.doc[k].text in SENT_END for k in range(ps, pe)):
            span = _np_span(view, ps, pe)
            if span:
                return span
    # the Vorfeld may hold an apposition with commas: "Der Leiter der WHO, Klaus Stöhr, sagte"
    start = s
    while start < finite and (start in exclude or view.is_punct(start)):
        start += 1
    span = _np_span(view, start, finite)
    if span and max(span) >= finite - 2:
        return span
    if span and _description_apposition(view, span, finite):
        return list(range(span[0], finite - 1))  # "Berlin (dpa) - Lena Weber, Chefin des Verbands, sagte"
    return []


def _description_apposition(view: _View, name: list[int], finite: int) -> bool:
    """", Chefin des Verbands," after a name in the Vorfeld: one noun phrase between two commas, the second right
    before the finite verb. The parse often misses it after a dateline ("Berlin - Lena Weber, Chefin …": the place
    is parsed as the subject), so the surface decides; the phrase before must name someone (a PER/ORG entity, or
    capitalised words when there is no NER)."""
    doc = view.doc
    comma = max(name) + 1
    if comma >= finite - 2 or doc[comma].text != "," or doc[finite - 1].text != ",":
        return False
    if not any(doc[k].ent_type_ in ("PER", "ORG") for k in name) and not (not doc.has_annotation("ENT_IOB") and all(doc[k].is_title for k in name)):
        return False
    inner = range(comma + 1, finite - 1)
    if _low(doc[comma + 1]) in RELATIVE_STARTS or any(
            doc[k].text in CLAUSE_BREAK or view.finite_verb(k) or view.in_quote(k) for k in inner):
        return False
    phrase = _np_span(view, comma + 1, finite - 1)
    return bool(phrase) and max(phrase) == finite - 2


PASSIVE_AUX = resources.words("claims_passive_auxiliaries")


def _is_passive(view: _View, cue: Cue, left: int, right: int) -> bool:
    doc = view.doc
    entries = _verb_entries(view, cue.index)
    if not any(f.kind == "participle" for f in entries):
        return False
    return any(_low(doc[j]) in PASSIVE_AUX for j in range(left, right))


def _is_object_like(view: _View, span: list[int]) -> bool:
    """An article or pronoun marked accusative/dative ("den Vorschlag lehnte er ab"); the case of a bare name
    from a weak morphologizer is not trusted."""
    tok = view.doc[span[0]]
    if _low(tok) in NOT_NOMINATIVE:
        return True
    return view.has_morph and tok.pos_ in ("DET", "PRON") and any(c in tok.morph.get("Case") for c in ("Acc", "Dat")) \
        and "Nom" not in tok.morph.get("Case")


# --------------------------------------------------------------------------- events


@dataclass
class Event:
    form: str
    message: list[int]
    cue: Cue | None
    speaker: list[int]
    frame: list[int] = field(default_factory=list)
    addressee: list[int] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    confidence: float = 0.7
    cue_scored: bool = True  # False: the cue is part of the message in the SpkAtt convention (reported speech)
    speaker_info: SpeakerInfo | None = None
    nested: bool = False


def _sentence_tokens(view: _View, k: int) -> list[int]:
    s, e = view.sents[k]
    space = view.layer.is_space
    return [i for i in range(s, e) if not space[i]]


def _frame_for(view: _View, message: Iterable[int], sents: Iterable[int]) -> list[int]:
    """The rest of the cue's sentence(s): everything but the message and the final punctuation."""
    msg = set(message)
    out = []
    for k in sorted(set(sents)):
        s, e = view.sents[k]
        end = view.sentence_end(s, e)
        out += [i for i in range(s, end) if i not in msg and not view.layer.is_space[i]]
    return out


def _trim(view: _View, tokens: Iterable[int]) -> list[int]:
    out = sorted(set(tokens))
    while out and (view.doc[out[0]].is_space or view.doc[out[0]].text in (",", ";", ":", "–", "—")):
        out.pop(0)
    while out and (view.doc[out[-1]].is_space or view.doc[out[-1]].text in (",", ";", ":", "–", "—")):
        out.pop()
    return out


SEPARABLE_PARTICLES = resources.word_list("claims_separable_particles")


def _is_zu_infinitive(word: str) -> bool:
    """"aufzustocken", "zurückzutreten", "einzurichten": particle + zu + infinitive written as one word."""
    if not word.endswith(("en", "ern", "eln")):
        return False
    k = word.find("zu", 2)
    while k != -1:
        if word[:k] in SEPARABLE_PARTICLES and len(word) - k - 2 >= 4:
            return True
        k = word.find("zu", k + 1)
    return False


def _content_after(view: _View, pos: int, end: int) -> tuple[list[int], str] | None:
    """The content clause starting at ``pos`` (just after a comma or colon): dass/ob clause, zu-infinitive or V2 clause."""
    doc = view.doc
    if pos >= end:
        return None
    first = _low(doc[pos])
    tokens = list(range(pos, end))
    if first in COMPLEMENTIZERS and first not in WH_WORDS:
        return tokens, "complementizer:" + first
    if first in WH_WORDS:
        return tokens, "wh_clause:" + first
    if first in ADJUNCT_STARTS - RELATIVE_STARTS:
        return None
    chunk = [j for j in tokens if not view.in_quote(j)]
    for k, j in enumerate(chunk):
        if doc[j].text in (",", ";", ":", "–", "("):
            chunk = chunk[:k]
            break
    if not chunk:
        return None
    if view.has_pos and view.is_nominal(pos) and not any(view.finite_verb(j) for j in chunk):
        # "…, die Bereitschaft der Beschäftigten, bei Aktionen mitzumachen, sei so groß …": the subject carries an
        # inserted infinitive or relative clause; the Konjunktiv verb opening the chunk after it makes it reported
        got = _subject_with_insertion(view, pos, end, chunk)
        if got is not None:
            return tokens, got
    # a weak Konjunktiv I the tagger read as an adjective or adverb ("…, das reiche nicht", "es herrsche Frust") is
    # the clause's finite verb
    finite = [j for j in chunk if view.finite_verb(j) or (
        _weak_konjunktiv_i_form(view.layer, j) and _weak_konjunktiv_i(doc[j]))] if view.has_pos else [
        j for j in chunk if _low(doc[j]) in AUXILIARIES | SUBJUNCTIVE_FORMS
    ]
    words = [j for j in chunk if not view.is_punct(j)]
    last = words[-1] if words else chunk[-1]
    quoted_after = any(view.in_quote(j) for j in range(last + 1, end))
    zu = doc[last].tag_ == "VVIZU" or (pos < last and _low(doc[last - 1]) == "zu") or _is_zu_infinitive(_low(doc[last]))
    if zu and not finite:
        return tokens, "zu_infinitive"
    if not finite or finite[0] == pos:  # a verb right after the comma continues the frame's clause
        return None
    verb = finite[0]
    if first in RELATIVE_STARTS and (verb == last and not quoted_after or verb - pos == 1 and first in ("die", "das") and view.has_pos and doc[pos].tag_ in ("PRELS",)):
        return None  # a relative clause ("..., die das bestätigten")
    if verb - pos > 7 and not (verb - pos <= 10 and view.is_subjunctive(verb)):
        return None  # a long Vorfeld only with the Konjunktiv of indirect speech ("die Gespräche mit der Politik
        # über den Agrardiesel würden fortgesetzt")
    if view.is_subjunctive(verb):
        return tokens, "v2_subjunctive"
    if view.is_nominal(pos) and verb != last:
        return tokens, "v2_clause"
    return None


def _subject_with_insertion(view: _View, pos: int, end: int, chunk: list[int]) -> str | None:
    """"v2_subjunctive" when the noun phrase ``chunk`` is followed by one or two comma-delimited insertions and then
    a finite Konjunktiv verb right after a comma; else None."""
    doc = view.doc
    j = chunk[-1] + 1
    for _ in range(2):
        if j >= end or doc[j].text != ",":
            return None
        k = j + 1
        while k < end and doc[k].text not in (",", ";", ":", "–", "(") and not view.in_quote(k):
            k += 1
        if k + 1 < end and doc[k].text == "," and view.finite_verb(k + 1) and view.is_subjunctive(k + 1):
            return "v2_subjunctive"
        j = k
    return None


@dataclass(frozen=True)
class Recogniser:
    """One claim rule: ``run`` adds events to the extractor; tokens and quotes an earlier one took are off limits."""

    name: str
    run: Callable[[_Extractor], None]
    finds: str


class _Extractor:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.view = _View(doc)
        self.events: list[Event] = []
        self.used_quotes: set[int] = set()
        self.covered: set[int] = set()  # message tokens already claimed

    # -- helpers
    def add(self, ev: Event) -> None:
        space = self.view.layer.is_space
        ev.message = [i for i in ev.message if not space[i]]
        if ev.message:
            dateline = dateline_tokens(self.view, self.view.sent_of[min(ev.message)])
            ev.message = [i for i in ev.message if i not in dateline]
        if not ev.message:
            return
        if ev.form != "direct" and any(self.view.low[i] == "ich" and not self.view.in_quote(i) for i in ev.message):
            # news reports others' words in the third person; a first-person "ich" outside quotes is the
            # writer's own voice (consent notices, columns), not an attributed claim
            return
        self.covered.update(ev.message)
        self.events.append(ev)

    def run(self) -> list[Event]:
        v = self.view
        if v.n == 0:
            return []
        self.cues: dict[int, Cue] = {}
        layer = layer_of(self.doc)
        alpha, lemma, table = layer.is_alpha, layer.lemma, reporting.verb_forms()
        for i in range(v.n):
            if not alpha[i] or v.in_quote(i):
                continue  # find_cue wants a word; words in quotes are the quoted speaker's
            if not table.get(v.low[i]) and not (v.has_lemma and lemma[i] and table.get(lemma[i].lower())):
                continue  # no form or lemma of a reporting verb: find_cue's _verb_entries would be empty
            cue = find_cue(v, i)
            if cue:
                self.cues[i] = cue
        for recogniser in PRECEDENCE:
            recogniser.run(self)
        for ev in self.events:
            self._informing_form(ev)
        self.events.sort(key=lambda ev: (min(ev.message), ev.nested))
        return self.events

    def _informing_form(self, ev: Event) -> None:
        """A verb of informing (column ``inform`` = ``clause`` in reporting_verbs.tsv: "mitteilen", "berichten",
        "melden" …) with content in the indicative passes on a fact: the event is ``reported``, its message still the
        content clause without the frame ("Die Polizei teilte mit, dass der Mann festgenommen wurde", "Wie die
        Polizei mitteilte, wurde der Mann festgenommen"); in Konjunktiv it stays ``indirect``. The mood is read from
        the finite verbs of the message outside quotations; a message without one (a zu-infinitive: "…, ganz in der
        Nähe Einschläge wahrgenommen zu haben") stays ``indirect``."""
        verb = ev.cue.verb if ev.cue is not None else None
        if ev.form != "indirect" or verb is None or INFORM_CLAUSE not in verb.inform \
                or not ev.evidence or ev.evidence[0] not in INFORMING_CONTENT:
            return
        v = self.view
        finite = [i for i in ev.message if v.finite_verb(i) and not v.in_quote(i) and not (i > 0 and v.low[i - 1] == "zu")]
        if finite and not any(self._distinct_subjunctive(i) for i in finite):
            ev.form = "reported"
            ev.evidence.append("informing_indicative")

    def _distinct_subjunctive(self, i: int) -> bool:
        """A Konjunktiv form that differs from the indicative: not a plural equal to the infinitive ("müssen",
        "vorbeikommen"), not a form in -te/-ten without umlaut ("sollten", the preterite as well), which the
        morphologizer may call subjunctive; "sei", "habe", "werde", "könne", "hätten", "würden" are distinct."""
        v = self.view
        if not v.is_subjunctive(i):
            return False
        low = v.low[i]
        if low.endswith("n") and v.has_lemma and v.layer.lemma[i] and low == v.layer.lemma[i].lower():
            return False
        return not (low.endswith(("te", "ten", "tet", "test")) and not any(c in low for c in "äöü"))

    # -- direct speech with a frame
    def _direct_quotes(self) -> None:
        v = self.view
        doc = self.doc
        for q in v.quotes:
            if q.start in self.used_quotes:
                continue
            if not v.speechlike(q):
                # a short quote is speech only with an explicit frame after it („Wir kommen“, sagte sie.)
                if _quoted_words(v, q) and self._frame_after_quote(q):
                    for i in range(q.start, q.end + 1):
                        v.quote_of[i] = q
                continue
            if self._frame_after_quote(q):
                continue
            self._frame_before_quote(q)

    def _frame_after_quote(self, q: Quote) -> bool:
        """„…“, sagte X.  /  „…“, so X.  /  „…“, sagte X, „…“"""
        v, doc = self.view, self.doc
        k = v.sent_of[q.end]
        s, e = v.sents[k]
        j = q.end + 1
        if j < v.n and doc[j].text == "," :
            j += 1
        elif not (j < e and q.end > 0 and doc[q.end - 1].text == ","):  # „…,“ sagte er
            if not (j < e and doc[q.end - 1].text in (",", "?", "!")):
                return False
        # the frame clause: up to the next comma / quote / sentence end
        end = v.sentence_end(s, e)
        frame_end = j
        while frame_end < end and doc[frame_end].text not in (",", ";", ":") and not is_mark(doc[frame_end].text):
            frame_end += 1
        frame_clause = range(j, frame_end)
        cue = None
        for c in frame_clause:
            if c in self.cues and c - j <= 3:
                cue = self.cues[c]
                break
        if cue is None and j < frame_end and _low(doc[j]) == "so":
            speaker = _np_span(v, j + 1, frame_end)
            if not speaker:
                return False
            cue = Cue(j, [j], "so", None, "Speech")
        construction_speaker: list[int] = []
        if cue is None and j < frame_end and v.speechlike(q):
            # „…“, analysierte Trainer X. / „…“, freute sich X.: a finite verb right after the quote and its comma
            # (V1) with a person after it is an inserted frame whatever the verb: the quote fills its Vorfeld
            construction_speaker = self._person_after_frame_verb(j, frame_end)
            if construction_speaker:
                lemma = (v.layer.lemma[j] or v.low[j]).lower()
                cue = Cue(j, [j] + ([j + 1] if v.low[j + 1] == "sich" else []), lemma, None, "Speech")
        if cue is None:
            return False
        message = list(range(q.start, q.end + 1))
        used = [q]
        # „A“, sagte X, „B“: the quote goes on after the frame
        if frame_end < end and doc[frame_end].text == "," and frame_end + 1 < v.n:
            nq = v.quote_of[frame_end + 1]
            if nq is not None and nq.start == frame_end + 1:
                message += list(range(nq.start, nq.end + 1))
                used.append(nq)
        speaker = find_speaker(v, cue, set(message)) if cue.verb else (
            construction_speaker or _np_span(v, cue.index + 1, frame_end))
        if cue.verb and _low(doc[j]) in ANAPHORIC_FRAME_STARTS and min(cue.tokens) == j + 1 \
                and (not speaker or min(speaker) <= j):
            # „…“, das erklärte die Sprecherin: the quotation taken up by "das" in the Vorfeld, the subject after
            # the verb (as in the inserted frame "…, das erklärte X")
            after = [t for t in range(j + 2, frame_end) if t not in cue.tokens]
            speaker = _np_span(v, after[0], frame_end) if after else []
            if speaker and not _plausible_speaker(v, speaker):
                speaker = []
        frame = [i for i in range(q.end + 1, frame_end) if not doc[i].is_space]
        if frame_end < end and doc[frame_end].text == "," and len(used) == 1:
            pass
        for uq in used:
            self.used_quotes.add(uq.start)
        evidence = ["quote_then_frame"] + (["frame_verb_outside_lexicon"] if construction_speaker else [])
        self.add(Event("direct", message, cue, speaker, frame=frame, evidence=evidence, confidence=0.9,
                       addressee=self._addressee(cue, frame, speaker)))
        return True

    def _person_after_frame_verb(self, j: int, frame_end: int) -> list[int]:
        """The person phrase after a finite full verb at ``j`` that opens an inserted frame ("analysierte Trainer
        Daniel Brinkmann", "freute sich die Ministerin"); [] unless the tagger calls ``j`` a finite full verb (no
        auxiliary or modal, lower case) and the phrase is a person: a person entity or a role noun."""
        v, doc = self.view, self.doc
        if not v.has_pos or not v.layer.text[j].islower() or v.low[j] in AUXILIARIES:
            return []
        if not (v.is_verb(j) and v.is_finite(j)) or v.layer.tag[j] in ("VAFIN", "VMFIN") or v.layer.pos[j] == "AUX":
            return []
        start = j + 2 if j + 1 < frame_end and v.low[j + 1] == "sich" else j + 1
        if start >= frame_end:
            return []
        speaker = _np_span(v, start, frame_end)
        if not speaker or speaker[0] != start:
            return []
        if any(doc[i].ent_type_ == "PER" for i in speaker) or any(
                not doc[i].ent_type_ and _is_person_noun_form(doc[i].text) for i in speaker):
            return speaker
        return []

    def _verb_after_person_vorfeld(self, lo: int, last: int) -> int | None:
        """The finite full verb right after a person phrase that opens the frame sentence ``lo``..``last`` (the
        phrase covers everything before the verb; a person entity or a role noun), else None."""
        v, doc = self.view, self.doc
        for k in range(lo + 1, min(last, lo + 8) + 1):
            if v.is_verb(k) and v.is_finite(k) and v.layer.text[k].islower():
                if v.low[k] in AUXILIARIES or v.layer.tag[k] in ("VAFIN", "VMFIN") or v.layer.pos[k] == "AUX":
                    return None  # "Der Minister hat …:" a participle decides, a lexicon cue handles it
                speaker = _np_span(v, lo, k)
                if not speaker or speaker[0] != lo or speaker[-1] != k - 1:
                    return None
                person = any(doc[i].ent_type_ == "PER" for i in speaker) or any(
                    not doc[i].ent_type_ and _is_person_noun_form(doc[i].text) for i in speaker)
                return k if person else None
        return None

    def _frame_before_quote(self, q: Quote) -> bool:
        """X sagte: „…“  /  Er sagte „…“"""
        v, doc = self.view, self.doc
        k = v.sent_of[q.start]
        s, e = v.sents[k]
        j = q.start - 1
        while j >= 0 and doc[j].is_space and "\n" in doc[j].text and j - 1 >= 0 and doc[j - 1].text == ":":
            j -= 1  # "Der Minister erklärte:" and the quote in the next paragraph
        colon = j >= 0 and doc[j].text in (":", "):")  # the tokenizer keeps "):" of "X (Team):" together
        closing_paren = colon and doc[j].text == "):"
        colon_at = j
        if colon and j < s:  # the frame sentence ends with the colon: "Er sagte:" | "„…“"
            s, e = v.sents[v.sent_of[j]]
        if colon and not closing_paren:
            j -= 1
        if j < s:
            return False
        # the frame: back to the sentence start or the previous quote
        lo = j
        while lo > s and not is_mark(doc[lo - 1].text):
            lo -= 1
        while lo < j and doc[lo].is_space:
            lo += 1  # "\n\nPetzner: "…"": the paragraph break before a label is no part of it
        frame_range = range(lo, j + 1)
        cues = [self.cues[c] for c in frame_range if c in self.cues]
        if not cues and not colon:
            return False
        if not cues:
            # a colon after a speaker-like phrase ("Der Minister: „…“") still frames a quote
            # a label with a parenthesis ("Adi Hütter (Gladbach): „…“", post-match and press statements)
            last = j
            if doc[j].text in (")", "):"):
                opening = next((t for t in range(j - 1, max(lo, j - 8) - 1, -1) if doc[t].text == "("), None)
                if opening is not None and opening > lo:
                    last = opening - 1
                    while last > lo and doc[last].is_space:
                        last -= 1
            speaker = _np_span(v, lo, last + 1)
            colon_cue = [colon_at]
            if speaker and self._interviewer_label(speaker):
                # "Frage 1: „…?“": the interviewer's turn (pipeline/claims/interviews.py), no speaker, and no
                # quotation the last speaker goes on with either
                self.used_quotes.add(q.start)
                return False
            if speaker and len(speaker) != last + 1 - lo and colon and not closing_paren and v.speechlike(q):
                # "Didi Zach, Landessprecher der KPÖ-Wien: "…"": a person's name and its apposition label the quote
                comma = max(speaker) + 1
                rest = _np_span(v, comma + 1, last + 1) if comma < last and doc[comma].text == "," else []
                if rest and max(rest) == last and any(doc[t].ent_type_ == "PER" for t in speaker) \
                        and not any(doc[t].text in (",", ";") or v.finite_verb(t) for t in range(comma + 1, last + 1)):
                    speaker = list(range(lo, last + 1))
            if not speaker or len(speaker) != last + 1 - lo:
                # "Minister Johannes Remmel freute sich über das Wetter: „…“": a person subject and a finite
                # full verb before a colon and a quote frame it whatever the verb (the quote is its colon object)
                verb_at = self._verb_after_person_vorfeld(lo, j) if colon and not closing_paren and v.speechlike(q) else None
                if verb_at is None:
                    return False
                speaker = _np_span(v, lo, verb_at)
                colon_cue = [verb_at] + ([verb_at + 1] if v.low[verb_at + 1] == "sich" else [])
            elif last != j and not self._label_name(speaker):
                return False
            cue = Cue(colon_cue[0], colon_cue if len(colon_cue) > 1 or colon_cue[0] != colon_at else [colon_at],
                      ":" if colon_cue == [colon_at] else (v.layer.lemma[colon_cue[0]] or v.low[colon_cue[0]]).lower(),
                      None, "Speech")
        else:
            cue = cues[-1]
            if not colon and q.start - max(cue.tokens) > 4:
                return False
            if any(doc[t].text in SENT_END for t in range(max(cue.tokens) + 1, q.start)):
                return False  # "…, sagte Weber. «…»": the cue's sentence ended; the quote stands alone
            speaker = find_speaker(v, cue, set(range(q.start, q.end + 1)))
        message = list(range(q.start, q.end + 1))
        # a quote that is only part of the sentence inside an indirect clause is handled as mixed speech
        tail = v.sentence_end(s, e) if v.sent_of[q.end] == k else None
        frame = [i for i in frame_range if not doc[i].is_space]
        if colon:
            frame.append(colon_at)
        if q.end + 1 < v.n and v.sent_of[q.end] == v.sent_of[min(q.end + 1, v.n - 1)]:
            s2, e2 = v.sents[v.sent_of[q.end]]
            frame += [i for i in range(q.end + 1, v.sentence_end(s2, e2)) if not doc[i].is_space]
        self.used_quotes.add(q.start)
        evidence = ["frame_then_quote" + ("_colon" if colon else "")]
        if cue.verb is None and cue.lemma != ":":
            evidence.append("frame_verb_outside_lexicon")
        self.add(Event("direct", message, cue, speaker, frame=sorted(set(frame)), evidence=evidence,
                       confidence=0.85 if cue.verb else 0.7, addressee=self._addressee(cue, frame, speaker)))
        return True

    def _interviewer_label(self, speaker: list[int]) -> bool:
        """A colon label that is the interviewer's ("Frage:", "Frage 2:", "Interviewer:"; kind ``interviewer`` in
        ``resources/interview_labels.tsv``), with an optional number."""
        words = [self.view.layer.text[i] for i in speaker if not self.view.is_punct(i)]
        while words and words[-1].isdigit():
            words = words[:-1]
        return bool(words) and " ".join(words).lower() in interviews.interviewer_labels()

    def _label_name(self, speaker: list[int]) -> bool:
        """A label before a parenthesis is a person's name: two or more capitalised words or a person entity."""
        doc = self.doc
        words = [doc[i] for i in speaker if not self.view.is_punct(i)]
        if any(t.ent_type_ == "PER" for t in words):
            return True
        return 2 <= len(words) <= 4 and all(t.text[:1].isupper() for t in words) \
            and not any(t.ent_type_ in ("LOC", "ORG", "MISC") for t in words)

    def _addressee(self, cue: Cue | None, frame: Sequence[int], speaker: Sequence[int] = ()) -> list[int]:
        """Whom the words were addressed to: "gegenüber X" (either order), "vor Journalisten", "an X" after
        appeal verbs, the dative object of verbs of telling, the accusative object of verbs of urging."""
        if cue is None:
            return []
        v, doc = self.view, self.doc
        fr = sorted(set(frame))
        inside = set(fr)
        taken = set(speaker) | set(cue.tokens)
        for i in fr:
            low = _low(doc[i])
            if low == "gegenüber":
                np = _np_span(v, i + 1, v.n) if i + 1 < v.n else []
                if np and set(np) <= inside and not set(np) & taken:
                    return np
                if i > 0 and _low(doc[i - 1]) in ("ihm", "ihr", "ihnen", "uns") and i - 1 in inside:
                    return [i - 1]
            if low == "vor" and i + 1 < v.n:
                np = _np_span(v, i + 1, v.n)
                if np and set(np) <= inside and any(_low(doc[j]) in AUDIENCE_NOUNS or any(_low(doc[j]).endswith(a) for a in AUDIENCE_NOUNS) for j in np):
                    return np
            if low in ("an", "zu") and cue.verb is not None and "appeal" in cue.verb.addressee and i + 1 < v.n:
                np = _np_span(v, i + 1, v.n)
                if np and set(np) <= inside and not set(np) & taken:
                    return np
        verb = cue.verb
        if verb is not None and ("dative" in verb.addressee or "accusative" in verb.addressee):
            wanted = DATIVE_FORMS if "dative" in verb.addressee else ACCUSATIVE_FORMS
            start = min(cue.tokens)
            for j in range(start + 1, min(start + 8, v.n)):
                if j not in inside or j in taken or v.is_break(j) or j in cue.tokens:
                    if j in taken or j in cue.tokens:
                        continue
                    break
                if _low(doc[j]) in wanted or ("Dat" in doc[j].morph.get("Case") and "dative" in verb.addressee
                                              and doc[j].pos_ in ("DET", "PRON") and _low(doc[j]) not in ("der", "die", "das")):
                    if j > 0 and (doc[j - 1].tag_ in ("APPR", "APPRART") or _low(doc[j - 1]) in PREPOSITIONS):
                        break
                    np = _np_span(v, j, v.n) if _low(doc[j]) not in ("ihm", "ihr", "ihnen", "uns", "mir") else [j]
                    if np and set(np) <= inside and not set(np) & taken:
                        return np
                    break
        if v.parsed:
            for child in syntax.children_with_role(doc[cue.index], syntax.DATIVE):
                span = _subtree_span(v, child, set())
                if span and set(span) <= inside and not set(span) & taken:
                    return span
        return []

    # -- verb cues outside quotes
    def _verb_cues(self) -> None:
        v, doc = self.view, self.doc
        # a frame closing the sentence (", sagte er.") frames everything before it, a content clause of another
        # verb inside included ("Die Landwirte wollten wissen, ob sich etwas bewege, sagte er."): it goes first
        for i, cue in sorted(self.cues.items()):
            if i in self.covered or any(t in self.covered for t in cue.tokens):
                continue
            s, e = v.sents[v.sent_of[i]]
            end = v.sentence_end(s, e)
            left, right = v.clause_bounds(i)
            if right < end or left <= s or doc[left - 1].text != ",":
                continue
            if not any(c != i and s <= c < left and c not in self.covered for c in self.cues):
                continue  # nothing to take precedence over: the usual order decides
            ev = self._inserted_frame(cue, s, end, left, right)
            if ev:
                self.add(ev)
        for i, cue in sorted(self.cues.items()):
            if i in self.covered or any(t in self.covered for t in cue.tokens):
                continue
            if any(ev.cue is cue for ev in self.events):
                continue
            k = v.sent_of[i]
            s, e = v.sents[k]
            end = v.sentence_end(s, e)
            left, right = v.clause_bounds(i)
            ev = (
                self._wie_frame(cue, s, end, left, right)
                or self._content_clause(cue, s, end, left, right)
                or self._inserted_frame(cue, s, end, left, right)
                or self._anaphoric_frame(cue, s, end, left, right)
                or self._colon_line_statement(cue, s, e, right)
            )
            if ev:
                self.add(ev)
        self._coordinated_cues()

    def _colon_line_statement(self, cue: Cue, s: int, e: int, right: int) -> Event | None:
        """"Michael Burmester erklärt im Namen des Aufsichtsrats zu den Medienberichten:" closing its line, the
        statement without quotation marks in the lines after it (press releases): the paragraph up to the next
        blank line is a ``direct`` claim of the frame's speaker. Only for a verb of saying that takes a content
        clause (`yes`/`act`), a colon that closes the cue's clause and line, an animate speaker, and a statement
        of at most eight sentences that ends in sentence punctuation, holds no quotation, no question and nothing
        claimed."""
        v, doc = self.view, self.doc
        verb = cue.verb
        if verb is None or verb.clause not in ("yes", "act") or "S" not in verb.stwr:
            return None
        last = next((j for j in range(e - 1, s - 1, -1) if not doc[j].is_space), None)
        if last is None or right < last or doc[last].text != ":" or v.in_quote(last) \
                or not ("\n" in doc[last].whitespace_ or last + 1 < v.n and doc[last + 1].is_space and "\n" in doc[last + 1].text):
            return None
        k = v.sent_of[last] + 1
        message: list[int] = []
        while k < len(v.sents) and len({v.sent_of[i] for i in message}) < 8:
            ks, ke = v.sents[k]
            words = [i for i in range(ks, ke) if not doc[i].is_space]
            if not words:
                break
            if message and sum(doc[i].whitespace_.count("\n") + (doc[i].text.count("\n") if doc[i].is_space else 0)
                               for i in range(message[-1], words[0])) >= 2:
                break  # a blank line ends the statement
            message += words
            k += 1
        if not message or not doc[message[0]].text[:1].isupper() or doc[message[-1]].text not in SENT_END:
            return None
        if len(message) < 4 or any(v.in_quote(i) or i in self.covered or doc[i].text == "?" for i in message):
            return None  # "… äußerte sich Kreissl zu folgenden Fragen:" announces questions, not a statement
        speaker = find_speaker(v, cue, set(message))
        if not speaker or not self._animate(speaker):
            return None
        frame = [i for i in range(s, e) if not doc[i].is_space]
        return Event("direct", message, cue, speaker, frame=frame, evidence=["colon_line_statement"], confidence=0.6,
                     addressee=self._addressee(cue, frame, speaker))

    def _coordinated_cues(self) -> None:
        """"Werneke fordert von den Arbeitgebern ein Angebot und warnt davor, dass …": two coordinated verbs of
        saying share one subject, and the content clause after the second belongs to the second only. Both were
        given the content; the first keeps its own object instead: a speech act on its own (`act`/`no` in
        reporting_verbs.tsv) with an object before the coordinator is a reported event of the first conjunct
        ("fordert … ein Angebot") instead of the content; any other ("konterte gelassen und meinte, …") keeps it."""
        v, doc = self.view, self.doc
        by_message: dict[tuple[int, ...], list[Event]] = {}
        for ev in self.events:
            if ev.cue is not None and ev.form in ("indirect", "mixed") and not ev.nested:
                by_message.setdefault(tuple(ev.message), []).append(ev)
        for events in by_message.values():
            if len(events) != 2:
                continue
            first, second = sorted(events, key=lambda ev: ev.cue.index)
            k = v.sent_of[first.cue.index]
            last = max(first.cue.tokens)
            if v.sent_of[second.cue.index] != k or second.cue.index <= last or second.cue.index >= min(first.message):
                continue
            # the auxiliary of both participles ("hat … gemahnt und dazu aufgerufen") is a token of both cues
            between = range(last + 1, min(t for t in second.cue.tokens if t > last))
            joints = [j for j in between if _low(doc[j]) in COORDINATORS and not v.in_quote(j)]
            if len(joints) != 1 or any(doc[j].text in CLAUSE_BREAK for j in between):
                continue  # one coordinator and no comma between the verbs: one clause, two conjuncts
            reported = self._first_conjunct(first, k, joints[0])
            if reported is not None:
                self.events.remove(first)
                self.events.append(reported)

    def _first_conjunct(self, ev: Event, k: int, joint: int) -> Event | None:
        v, doc = self.view, self.doc
        cue, speaker = ev.cue, ev.speaker
        if cue.verb is None or cue.verb.clause not in ("act", "no") or not speaker or not self._animate(speaker):
            return None
        s, _ = v.sents[k]
        left, right = v.clause_bounds(cue.index)
        if self._passive(cue) or self._no_comment(cue, left, right):
            return None
        message = _trim(v, [i for i in range(s, joint) if not doc[i].is_space])
        if not message or not set(speaker) <= set(message) or not set(cue.tokens) <= set(message):
            return None
        rest = [i for i in message if i not in speaker and i not in cue.tokens and not v.is_punct(i)]
        if not rest:
            return None  # "Er sagte und betonte, dass …": no object of its own
        self.covered.update(message)
        return Event("reported", message, cue, list(speaker), evidence=["reported_event", "coordinated_cue"],
                     confidence=0.5, cue_scored=False)
    def _reported_events(self) -> None:
        """Reported speech events, the weakest reading: only in sentences without an event with a content (", hieß
        es" beats "zugesagt"; "Laut ihren Aussagen schließt sie keine Koalition aus" is the content of "laut")."""
        v = self.view
        taken = {v.sent_of[i] for ev in self.events for i in ev.message}
        for i, cue in sorted(self.cues.items()):
            k = v.sent_of[i]
            if k in taken or i in self.covered or any(ev.cue is cue for ev in self.events):
                continue
            s, e = v.sents[k]
            ev = self._reported(cue, s, e, v.sentence_end(s, e))
            if ev:
                self.add(ev)
                taken.add(k)

    def _wie_frame(self, cue: Cue, s: int, end: int, left: int, right: int) -> Event | None:
        v, doc = self.view, self.doc
        if max(cue.tokens) != max(t for t in range(left, right) if not v.is_punct(t)):
            return None
        if _low(doc[left]) != "wie":
            # "Wie der Direktor der IEA, Fatih Birol, sagte, ...": the frame holds an apposition with commas
            wie = [j for j in range(max(s, cue.index - 15), cue.index) if _low(doc[j]) == "wie" and (j == s or doc[j - 1].text == ",")]
            if not wie or any(v.is_verb(k) and v.is_finite(k) and v.has_pos for k in range(wie[-1] + 1, min(cue.tokens))):
                return None
            left = wie[-1]
        frame = list(range(left, right))
        cue.tokens = sorted(set(cue.tokens) | {left})
        if right < end and doc[right].text == ",":
            frame.append(right)
        if left > s and doc[left - 1].text == ",":
            frame.append(left - 1)
        message = [i for i in range(s, end) if i not in frame and not doc[i].is_space]
        message = _trim(v, message)
        if not message:
            return None
        speaker = _np_span(v, left + 1, min(cue.tokens[1:] or [right]))
        if not speaker:
            speaker = find_speaker(v, cue, set(message))
        return Event("indirect", message, cue, speaker, frame=frame, evidence=["wie_frame"], confidence=0.85)

    def _content_clause(self, cue: Cue, s: int, end: int, left: int, right: int) -> Event | None:
        v, doc = self.view, self.doc
        verb = cue.verb
        if verb is None:
            return None
        antecedent = None
        if left > s and doc[left - 1].text == "," and _low(doc[left]) in RELATIVE_STARTS:
            # "Es gibt Leute, die sagen, Patzelt sei …": a relative clause of pronoun and verb of saying alone,
            # with a content clause after it, frames that content; its antecedent noun is the speaker
            head = left - 2
            if not (min(cue.tokens) == left + 1 and right == max(cue.tokens) + 1 and head >= s
                    and doc[head].pos_ == "NOUN" and doc[head].text[:1].isupper()):
                return None  # "Länder, die darüber verfügten, seien ...": a relative clause is no frame
            antecedent = [head]
        if left == s and _low(doc[s]) in CONDITIONAL_STARTS:
            # "Wenn die Portale den Hotels untersagten, anderswo billiger zu sein, sei das …": the verb of a
            # conditional or concessive clause opening the sentence frames nothing; the main clause follows
            return None
        # the clause of the cue ends at a comma or colon followed by the content
        j = right
        # skip to the end of the cue's verb group (particle after a comma is impossible; the frame ends here)
        if j >= end or doc[j].text not in (",", ":"):
            return None
        if doc[j].text == ":":
            message = [i for i in range(j + 1, end) if not doc[i].is_space]
            if not message or v.quote_of[j + 1] is not None:
                return None
            evidence = "colon_content"
        else:
            got = _content_after(v, j + 1, end)
            if got is None:
                return None
            message, evidence = got
            if evidence == "v2_clause" and verb.clause == "only":
                return None
            if antecedent and not (evidence.startswith("complementizer") or evidence == "v2_subjunctive"):
                return None  # "Die Bürger, die sagen, was sie denken, werden gehört": the relative clause is an attribute
            if evidence == "wh_clause:wie" and any(m in self.cues for m in message[-2:]):
                return None  # "…, ohne es zu bemerken, wie die Pendlerzeitung schreibt": a wie frame follows
            # "…, dass A, und betonte, dass B": a second, coordinated frame ends the first message
            for k, m in enumerate(message):
                if _low(doc[m]) in ("und", "sowie") and k > 0 and any(
                        c in self.cues and c not in self.covered for c in (m + 1, m + 2)) and not v.in_quote(m):
                    message = _trim(v, message[:k])
                    break
        if any(v.quote_of[i] is not None and v.speechlike(v.quote_of[i]) for i in message):
            form = "mixed"
        elif evidence == "colon_content" and interviews._first_person(" ".join(v.low[i] for i in message)):
            form = "direct"  # "Hubertz sagte: Wir bauen mehr.": the speaker's own words without quotation marks
        else:
            form = "indirect"
        speaker = antecedent or find_speaker(v, cue, set(message))
        if not speaker and _low(doc[left]) in ("und", "sowie") and self.events and self.events[-1].speaker \
                and v.sent_of[min(self.events[-1].message)] == v.sent_of[cue.index]:
            speaker = list(self.events[-1].speaker)  # the coordinated frame shares the subject
        frame = _frame_for(v, message, [v.sent_of[cue.index]])
        conf = 0.85 if evidence.startswith("complementizer") or evidence == "v2_subjunctive" else 0.7
        return Event(form, message, cue, speaker, frame=frame, evidence=[evidence], confidence=conf,
                     addressee=self._addressee(cue, frame, speaker))

    def _inserted_frame(self, cue: Cue, s: int, end: int, left: int, right: int) -> Event | None:
        """"…, sagte der Präsident (, …)." -- the verb opens a clause after a comma (V1)."""
        v, doc = self.view, self.doc
        if left <= s or doc[left - 1].text != ",":
            return None
        first = min(cue.tokens)
        # "…, das erklärte Konferenzsprecher Matthias Kopp am Freitag.": the statement taken up by "das"/"dies"
        # in the Vorfeld of the frame (V2 with the speaker after the verb; a relative clause is verb-final)
        taken_up = _low(doc[left]) in ANAPHORIC_FRAME_STARTS and first == left + 1
        # "Nach den Wahlen, so meint Morjane, sitze …": "so" in the Vorfeld of the inserted frame, its subject after
        # the verb, like "…, so X" without a verb
        so_first = _low(doc[left]) == "so" and first == left + 1
        if (first != left and not taken_up and not so_first) or not v.finite_verb(first):
            return None
        # the statement before the comma must be a main clause: no subordinator first, and a finite verb in
        # its first chunk ("Europa müsse mehr tun, sagte er", not "Falls ..., droht"; not "X, der ..., wies")
        conditional_main = _low(doc[s]) in CONDITIONAL_STARTS and _main_clause_after_subordinate(v, s, left - 1)
        if (_low(doc[s]) in ADJUNCT_STARTS - FRAME_CHUNK_STARTS or _low(doc[s]) in COMPLEMENTIZERS) and not conditional_main:
            return None
        chunk_end = s
        while chunk_end < left - 1 and doc[chunk_end].text not in (",", ";", ":") :
            chunk_end += 1
        # the frame inserted after the Vorfeld of the statement: the statement's finite verb follows the frame's
        # closing comma ("Nach den Wahlen, sagte er, sitze kein Vertreter von früher mehr in der Regierung")
        after_vorfeld = right + 1 < end and doc[right].text == "," and v.finite_verb(right + 1) \
            and not v.in_quote(right + 1) and right + 1 not in cue.tokens
        if not any(v.finite_verb(j) and not v.in_quote(j) for j in range(s, chunk_end)) and not v.in_quote(s) \
                and not conditional_main and not after_vorfeld:
            return None
        message = [i for i in range(s, left - 1)]
        frame = [left - 1] + list(range(left, right))
        if right < end and doc[right].text == ",":
            frame.append(right)
            message += list(range(right + 1, end))
        message = _trim(v, [i for i in message if not doc[i].is_space])
        if len([i for i in message if not v.is_punct(i)]) < 3:
            return None
        speaker = find_speaker(v, cue, set(message))
        if speaker and min(speaker) < left:
            return None
        if taken_up and any(v.finite_verb(j) for j in range(first + 1, right) if j not in cue.tokens):
            return None  # "…, das erklärte Ziel der Koalition ist": a relative clause, its verb last
        needs_subject_after = after_vorfeld and not any(v.finite_verb(j) and not v.in_quote(j) for j in range(s, chunk_end))
        if needs_subject_after and not so_first and (not speaker or not left <= min(speaker) < right):
            # an inserted frame names its speaker after its verb; without one the "Vorfeld" is a subject with an
            # apposition ("Der Direktor des Mieterbundes, Lukas Siebenkotten, begrüßte …, bedauerte aber …")
            return None
        if (taken_up or so_first) and (not speaker or min(speaker) < first):
            # the parse takes "das" for the subject: the subject follows the verb (V2 after the Vorfeld "das")
            after = [j for j in range(first + 1, right) if j not in cue.tokens]
            speaker = _np_span(v, after[0], right) if after else []
            if not speaker or not _plausible_speaker(v, speaker):
                return None
        return Event("indirect", message, cue, speaker, frame=frame, evidence=["inserted_frame"], confidence=0.8,
                     addressee=self._addressee(cue, frame, speaker))

    def _anaphoric_frame(self, cue: Cue, s: int, end: int, left: int, right: int) -> Event | None:
        """"Das erklärte ein Sprecher." -- the statement is the previous sentence, taken up by "das"/"dies"."""
        v, doc = self.view, self.doc
        k = v.sent_of[cue.index]
        while s < end and doc[s].is_space:
            s += 1  # the blank line of a new paragraph ("… «nichts Neues zu sagen».\n\nDas sagte eine Sprecherin.")
        left = max(left, s) if left <= s and all(doc[j].is_space for j in range(left, s)) else left
        if k == 0 or left != s or _low(doc[s]) not in ANAPHORIC_FRAME_STARTS or min(cue.tokens) != s + 1:
            return None
        previous: list[int] = []
        p = k - 1
        while p >= 0 and not previous:  # the sentence before, over a blank line
            ps, pe = v.sents[p]
            previous = [i for i in range(ps, pe) if not doc[i].is_space]
            p -= 1
        if len(previous) < 4 or any(i in self.covered for i in previous):
            return None
        if v.quote_of[previous[0]] is not None:
            return None  # a quote before the frame is direct speech, handled with the quotes
        message = previous + [s]
        speaker = find_speaker(v, cue, set(message))
        if not speaker:
            return None
        frame = [i for i in range(s + 1, end) if not doc[i].is_space]
        return Event("indirect", message, cue, speaker, frame=frame, evidence=["anaphoric_frame"], confidence=0.7)

    def _reported(self, cue: Cue, s: int, e: int, end: int) -> Event | None:
        """A speech event without a content clause ("sprach sich für klare Regeln aus"): the sentence is the message."""
        v, doc = self.view, self.doc
        verb = cue.verb
        if verb is None:
            return None
        left, right = v.clause_bounds(cue.index)
        stance = verb.clause not in ("act", "no")
        stance_reading = stance and (self._stance_reading(cue, left, right) or self._predicative_stance(
            cue, left, right) or self._predicative_adjective(cue, left, right))
        if stance and not stance_reading and not verb.inform - {INFORM_CLAUSE}:
            return None
        words = [j for j in range(left, right) if not v.is_punct(j)]
        verb_last = max(cue.tokens) >= words[-1] if words else True
        starts = ADJUNCT_STARTS | {"dass", "ob", "wie"}
        if left == s:
            # a sentence cannot open with a relative clause, and "So"/"Und" first are V2 main clauses
            # ("Der Minister hat ... gefordert.", "So kündigte X ... an.")
            starts = starts - SENTENCE_INITIAL_MAIN_CLAUSE
        # a separable particle apart from its finite verb closes a V2 main clause ("Als Grund gibt die UN … an"):
        # a subordinate clause joins them ("als sie … angab")
        split_particle = verb.particle is not None and v.finite_verb(cue.index) and any(
            j > cue.index and v.low[j] == verb.particle for j in cue.tokens)
        if verb_last and _low(doc[left]) in starts and not split_particle:
            return None  # a subordinate or relative clause ("weil er ... forderte")
        if verb_last and left > s and _low(doc[left]) in PREPOSITIONS and left + 1 < right \
                and v.low[left + 1] in RELATIVE_STARTS:
            return None  # a relative clause after its preposition ("…, in der die Polizei um Mithilfe bittet")
        if self._passive(cue):
            return None
        if self._no_comment(cue, left, right):
            return None
        if any(v.in_quote(i) and not self._quoted_name(v.quote_of[i]) for i in range(s, e)):
            return None  # a quotation in the sentence is someone's words (a direct or mixed claim), not a report
        last = next((j for j in range(e - 1, s - 1, -1) if not doc[j].is_space), None)
        # "… äußerte sich Kreissl zu folgenden Fragen:" closing its line introduces what follows, like a full stop
        colon_line = last is not None and doc[last].text == ":" and (
            last + 1 >= len(doc) or "\n" in doc[last].whitespace_ or (doc[last + 1].is_space and "\n" in doc[last + 1].text))
        if last is None or (doc[last].text not in SENT_END and not is_mark(doc[last].text) and not colon_line):
            return None  # a headline ("Tierschützer kritisieren Umgang mit Pferden") announces, it reports nothing
        speaker = find_speaker(v, cue, set())
        if not speaker:
            return None
        message = [i for i in range(s, e) if not doc[i].is_space]
        rest = [i for i in message if i not in speaker and i not in cue.tokens and not v.is_punct(i)]
        if len(rest) < (2 if doc[last].text == ":" else 1):
            # "Er sagte:" alone is a frame, not an event; "Ähnlich äußerte sich X." is one
            return None
        if not self._animate(speaker):
            return None  # "Der Antrieb stellt eine Voraussetzung dar": things do not make speech events
        if len(speaker) == 1 and v.layer.text[speaker[0]] == "Sie" and speaker[0] > s:
            return None  # "NDR.de informiert Sie hier …": the polite "Sie" inside the sentence is the reader addressed
        if self._nobody(speaker) and self._reported_in_konjunktiv(cue):
            return None  # "Man rede mit allen Strömungen.": reported itself, it continues the speaker before
        if stance_reading and not self._event_object(cue, left, right, speaker):
            return None  # "konnte viele Zuhörer begrüßen" greets, "konnte nur gratulieren" says nothing
        informing = stance and not stance_reading
        if informing and not self._informing_reading(cue, left, right, speaker):
            return None  # no reading of column `alone` or `inform` holds
        evidence = ["reported_event", "informing_verb"] if informing else (
            ["reported_event", "stance_verb"] if stance else ["reported_event"])
        return Event("reported", message, cue, speaker, evidence=evidence, confidence=0.5, cue_scored=False)

    def _event_object(self, cue: Cue, left: int, right: int, speaker: Sequence[int]) -> bool:
        """Whether the object fits the verb's reading without a clause (column ``alone`` of reporting_verbs.tsv):
        ``thing`` = no person is its object, neither a nominal argument of the verb in the parse (either label
        scheme; not a modifier, outside the speaker phrase) that is a PER entity, a role noun or a noun of
        lexicons/claims_greeted_persons.txt ("begrüßte die Gäste"), nor a name opened by an oblique form of address
        (lexicons/claims_oblique_titles.txt: "konnte Bürgermeister Maier Herrn Gruber begrüßen", also where a weak
        parse joins it to the speaker); ``addressee`` = an addressee or occasion stands in the clause: a nominal
        argument of the verb, a dative form (lexicons/claims_dative_forms.txt) after no preposition, or "zu" ("gratulierte dem Sieger",
        "zum Titel"; not "konnte nach dem Spiel nur gratulieren"). Other readings always fit."""
        verb, v, doc = cue.verb, self.view, self.doc
        if verb is None or not verb.alone & {THING_OBJECT, ADDRESSEE}:
            return True
        clause = [j for j in range(left, right) if j not in cue.tokens and not v.in_quote(j)]
        arguments = [j for j in clause if j not in speaker and v.parsed and doc[j].head.i in cue.tokens
                     and v.layer.pos[j] in ("NOUN", "PROPN", "PRON") and syntax.MODIFIER not in syntax.roles(doc[j])]
        if THING_OBJECT in verb.alone:
            if any(v.low[j] in OBLIQUE_TITLES and j + 1 < right and v.layer.text[j + 1][:1].isupper()
                   for j in clause if j != left):
                return False
            return not any(doc[j].ent_type_ == "PER" or _is_person_noun_form(doc[j].text) or any(
                v.low[j].endswith(g) for g in GREETED_PERSONS) for j in arguments)
        return bool(arguments) or any(j not in speaker and (v.low[j] in {"zu", "zum", "zur"} or (
            v.low[j] in DATIVE_FORMS and not (j > left and v.low[j - 1] in PREPOSITIONS))) for j in clause)

    def _informing_reading(self, cue: Cue, left: int, right: int, speaker: Sequence[int] = ()) -> bool:
        """A verb of informing without a content clause in a reading that column ``inform`` of reporting_verbs.tsv
        lists: ``object`` = an accusative object in the verb's clause is the content ("Zeugen hatten der Polizei den
        Vorfall gemeldet", "Er bestätigte einen Bericht"), read from the parse only (no parse, no object); a
        preposition = it stands in the clause, also as a pronominal adverb ("berichtete von 146 Verletzten",
        "darüber", "begründete das mit"). Never with "sich" in the clause for a verb whose row is not reflexive
        ("meldete sich bei der Polizei" gets in touch, "informierte sich über" finds out)."""
        verb = cue.verb
        if verb is None or not verb.inform - {INFORM_CLAUSE}:
            return False
        v = self.view
        words = {v.low[j] for j in range(left, right) if j not in cue.tokens and not v.in_quote(j)}
        if not verb.reflexive and "sich" in words:
            return False
        kinds = {vf.kind for vf in reporting.verb_forms().get(v.low[cue.index], ()) if vf.verb == verb}
        if "infinitive" in kinds and "participle" not in kinds and any(j != cue.index and (
                v.low[j] in AUXILIARIES or v.layer.tag[j] in ("VMFIN", "VAFIN")) for j in range(left, right)):
            return False  # "wollten auf einer Pressekonferenz über … informieren": an act announced, nothing passed on
        preps = verb.inform - {INFORM_CLAUSE, INFORM_OBJECT}
        if any(p in words or ("dar" + p if p[:1] in "aeiouäöü" else "da" + p) in words for p in preps):
            return True
        return INFORM_OBJECT in verb.inform and self._content_object(cue, left, right, speaker) is not None

    def _content_object(self, cue: Cue, left: int, right: int, speaker: Sequence[int]) -> int | None:
        """The first token of the clause the parse makes an accusative object (either label scheme), a noun or a
        demonstrative/personal pronoun, outside the speaker phrase, cue and quotes; None without a parse."""
        v = self.view
        if not v.parsed:
            return None
        for j in range(left, right):
            if j in cue.tokens or j in speaker or v.in_quote(j) or v.low[j] == "sich":
                continue
            if syntax.OBJECT in syntax.roles(self.doc[j]) and v.layer.pos[j] in ("NOUN", "PROPN", "PRON"):
                return j
        return self._object_after_verb(cue, right, speaker)

    def _object_after_verb(self, cue: Cue, right: int, speaker: Sequence[int]) -> int | None:
        """"Die Ratspräsidentin stellt die Kenntnisnahme … fest": with the subject in the Vorfeld, the noun phrase
        right after the finite verb or auxiliary (adverbs skipped) is the object when it is a bare common noun or
        opens with an accusative determiner (lexicons/claims_accusative_forms.txt) that is not also dative, whatever
        a weak parse labels it (there a second subject). Not a pronoun alone, a preposition or a name."""
        v = self.view
        finite = [j for j in cue.tokens if v.finite_verb(j)]
        if not speaker or not finite or max(speaker) > finite[0]:
            return None
        j = finite[0] + 1
        while j < right and v.layer.pos[j] in ("ADV", "PART") and v.layer.text[j].islower():
            j += 1
        if j < right and j not in speaker and v.layer.pos[j] == "NOUN" and v.layer.text[j][:1].isupper() \
                and not v.layer.ent_type[j]:
            return j  # a bare plural or mass noun: "hat heute Förderentscheidungen … bekannt gegeben"
        if j + 1 >= right or j in speaker or v.low[j] not in ACCUSATIVE_FORMS or v.low[j] in DATIVE_FORMS:
            return None
        k = j + 1
        while k < right and v.layer.pos[k] == "ADJ":
            k += 1
        return j if k < right and v.layer.pos[k] == "NOUN" and v.layer.text[k][:1].isupper() else None

    def _quoted_name(self, q: Quote | None) -> bool:
        """A short balanced quotation that names something (der "Standard", das „Community-Policing“-Projekt, die
        Initiative „Wir sind Kirche“): no message, at most four words, the first capitalised."""
        v = self.view
        if q is None or not q.balanced or v.speechlike(q):
            return False
        words = [i for i in q.content if not v.is_punct(i)] or [q.end]  # or the compound the mark closes in
        return len(words) <= 4 and v.layer.text[words[0]].lstrip("„“”\"«»‚‘’›‹")[:1].isupper()

    def _no_comment(self, cue: Cue, left: int, right: int) -> bool:
        """"wollte sich nicht äußern", "kommentierte den Bericht nicht": a refusal to comment reports no claim."""
        if cue.verb is None or cue.verb.lemma not in NO_COMMENT_VERBS:
            return False
        return any(_low(self.doc[j]) in NEGATIONS for j in range(left, right))

    def _predicative_stance(self, cue: Cue, left: int, right: int) -> bool:
        """"Kretschmann sieht das Land gut gerüstet.": a finite verb whose reading without a clause is
        ``participle`` (column ``alone`` of reporting_verbs.tsv) and whose clause ends, after its object, in a past
        participle ("ge…t"/"ge…en", or tagged VVPP) as the object's predicative."""
        v = self.view
        if cue.verb is None or "participle" not in cue.verb.alone or not v.finite_verb(cue.index):
            return False
        words = [j for j in range(cue.index + 1, right) if not v.is_punct(j) and j not in cue.tokens]
        if len(words) < 2 or v.low[words[0]] == "sich":
            return False  # "sieht sich Kritik ausgesetzt", "sieht sich gezwungen": the subject's situation
        last, text = words[-1], v.low[words[-1]]
        participle = v.layer.text[last].islower() and (v.layer.tag[last] == "VVPP" or (
            text.startswith("ge") and len(text) > 5 and (text.endswith("t") or text.endswith("en"))))
        return participle and not v.finite_verb(last) and not v.in_quote(last)

    def _predicative_adjective(self, cue: Cue, left: int, right: int) -> bool:
        """"Der Minister zeigte sich zuversichtlich.", "Weniger angetan zeigten sich die Beamten vom Vorgehen …": a
        verb whose reading without a clause is ``adjective`` (column ``alone`` of reporting_verbs.tsv: "sich zeigen")
        with an adjective of attitude (lexicons/claims_stance_adjectives.txt, a comparative read as its positive) in
        its clause, before or after the verb, not attributive (no noun right after it)."""
        v = self.view
        if cue.verb is None or "adjective" not in cue.verb.alone or not v.finite_verb(cue.index):
            return False
        for j in range(left, right):
            word = v.low[j]
            if j in cue.tokens or not v.layer.text[j][:1].islower():
                continue
            if word in STANCE_ADJECTIVES or (word.endswith("er") and word[:-2] in STANCE_ADJECTIVES):
                if not (j + 1 < right and v.is_nominal(j + 1) and v.layer.text[j + 1][:1].isupper()):
                    return True
        return False

    def _stance_reading(self, cue: Cue, left: int, right: int) -> bool:
        """A verb in the reading without a clause that column ``alone`` of reporting_verbs.tsv lists: "hält die
        Pläne für falsch" (with its preposition, also as a pronominal adverb "dafür"), "verteidigte die Entlassung"
        (``any``)."""
        verb = cue.verb
        preps = verb.alone - STANCE_READINGS if verb is not None else frozenset()
        if verb is not None and verb.alone & {"any", THING_OBJECT, ADDRESSEE}:
            return True  # THING_OBJECT and ADDRESSEE are checked once the speaker is known (_event_object)
        if verb is not None and OBJECT_ALS in verb.alone and self._als_predicative(cue, left, right):
            return True
        if not preps:
            return False
        words = {_low(self.doc[j]) for j in range(left, right) if j not in cue.tokens}
        return any(p in words or ("dar" + p if p[:1] in "aeiouäöü" else "da" + p) in words for p in preps)

    def _als_predicative(self, cue: Cue, left: int, right: int) -> bool:
        """"sieht die alternde Bevölkerung als Chance", "sieht sich als Vermittler": "als" after the object (a noun
        or pronoun) and before a noun phrase is the object's predicative; "sah mehr als 20 Personen" compares."""
        v, doc = self.view, self.doc
        for j in range(max(left + 1, cue.index + 1), right - 1):
            if _low(doc[j]) != "als" or j in cue.tokens or v.in_quote(j):
                continue
            before, after = doc[j - 1], doc[j + 1]
            if before.pos_ in ("NOUN", "PROPN", "PRON") and not after.like_num and after.pos_ in ("NOUN", "PROPN", "DET", "ADJ"):
                return True
        return False

    def _animate(self, speaker: list[int]) -> bool:
        """A speaker phrase that can denote a person, group or organisation."""
        doc = self.doc
        span = doc[speaker[0]:speaker[-1] + 1]
        if len(speaker) == 1 and _low(doc[speaker[0]]) in ("er", "sie", "wir", "ich", "man"):
            return True
        named = [i for i in speaker if _low(doc[i]) not in ARTICLES_PRONOUNS and not self.view.is_punct(i)]
        if named and all(self._quoted_name(self.view.quote_of[i]) for i in named):
            return True  # a name in quotation marks as subject: a paper, a programme, an initiative (der "Standard")
        if any(doc[i].ent_type_ in ("PER", "ORG") for i in speaker):
            return True
        if any(not doc[i].ent_type_ and _is_person_noun_form(doc[i].text) for i in speaker):
            # a role noun decides before a place or a name the NER mislabels: "Baden-Württembergs
            # Ministerpräsident", "EZB-Ratsmitglied Gediminas Simkus", plural "die Regierungschefs"
            return True
        named = [i for i in speaker if _low(doc[i]) not in ARTICLES_PRONOUNS and not self.view.is_punct(i)]
        if named and all(doc[i].ent_type_ == "LOC" for i in named) and doc[named[0]].text[:1].isupper():
            return True  # a state for its government ("Dänemark hat ein Hilfspaket angekündigt")
        if self._institution_of_place(speaker):
            return True
        if any(doc[i].ent_type_ in ("LOC", "MISC") for i in speaker):
            return False
        entity = entity_for_span(doc, span.start_char, span.end_char)
        if entity is not None:
            return entity.label in ("PER", "ORG")
        if is_group_phrase(doc, speaker) or any(is_person_noun(doc[i].text) for i in speaker):
            return True
        if self._short_form_of_organisation(speaker):
            return True
        if self._organisation_noun_phrase(speaker):
            return True
        if any(doc[i].pos_ == "PROPN" for i in speaker):
            return True
        # without a tagger a bare capitalised phrase (no article) is most likely a name
        return not self.view.has_pos and _low(doc[speaker[0]]) not in ARTICLES_PRONOUNS

    def _organisation_noun_phrase(self, speaker: list[int]) -> bool:
        """A definite phrase headed by an institution noun, singular or plural: "Die Organisationen unterstreichen
        ...", "Die Brandenburger Behörden gehen ... aus", "Der Konzern rechnet mit ..." (the plural endings -en/-n
        are taken off before the lexicon is asked)."""
        doc = self.doc
        words = [doc[i] for i in speaker if not self.view.is_punct(i)]
        if len(words) < 2 or len(words) > 4 or _low(words[0]) not in DEFINITE_ARTICLES:
            return False
        head = words[-1].text
        if not head[:1].isupper() or (self.view.has_pos and words[-1].pos_ not in ("NOUN", "PROPN")):
            return False
        forms = [head] + [head[:-k] for k in (1, 2) if head.endswith("en"[-k:]) and len(head) - k > 3]
        return any(org_keyword(f) for f in forms)

    def _institution_of_place(self, speaker: list[int]) -> bool:
        """"Die Diakonie Mitteldeutschland fordert …", "Die Polizei Krefeld teilte mit …": a definite article, one
        common noun and a place name right after it (no genitive, no preposition) is the name of an institution
        of that place, not the place. A person noun ("Die Ministerin Berlins") is decided elsewhere."""
        doc, v = self.doc, self.view
        words = [i for i in speaker if not v.is_punct(i)]
        if not v.has_pos or len(words) not in (3, 4) or _low(doc[words[0]]) not in DEFINITE_ARTICLES:
            return False
        noun, place = doc[words[1]], [doc[i] for i in words[2:]]
        if noun.pos_ != "NOUN" or noun.ent_type_ or not noun.text[:1].isupper() or is_person_noun(noun.text):
            return False
        return all(t.ent_type_ == "LOC" and t.pos_ == "PROPN" and not t.text.endswith("s") for t in place) \
            and doc[words[1] + 1].i == words[2]

    def _short_form_of_organisation(self, speaker: list[int]) -> bool:
        """"Die Bahn wies die Vorwürfe zurück." after "die Deutsche Bahn": a definite phrase whose head is the last
        word of an organisation named earlier in the text is that organisation."""
        doc = self.doc
        words = [doc[i] for i in speaker if not self.view.is_punct(i)]
        if len(words) != 2 or _low(words[0]) not in ("der", "die", "das") or not words[1].text[:1].isupper():
            return False
        head = words[1].text.lower()
        start = words[0].idx
        return any(m.label == "ORG" and m.end_char <= start and len(m.text.split()) > 1
                   and m.text.split()[-1].lower().rstrip(".,") in (head, head + "s", head + "es")
                   for m in (doc._.mentions or ()))

    def _passive(self, cue: Cue) -> bool:
        """"wurden ... angekündigt": an agentless passive reports no speaker."""
        v, doc = self.view, self.doc
        left, right = v.clause_bounds(cue.index)
        if not _is_passive(v, cue, left, right):
            return False
        return not any(_low(doc[j]) == "von" for j in range(left, right))

    # -- "laut X", "X zufolge", "nach Angaben von X", ", so X."
    def _according_to(self) -> None:
        v, doc = self.view, self.doc
        by_first_word = reporting.according_to_by_first_word()
        for s, e in v.sents:
            end = v.sentence_end(s, e)
            for i in range(s, end):
                entries = by_first_word.get(v.low[i])
                if not entries or v.in_quote(i):
                    continue
                for entry in entries:
                    n = len(entry.words)
                    if n > 1 and tuple(v.low[i:i + n]) != entry.words:
                        continue
                    ev = self._according_event(entry, i, n, s, e, end)
                    if ev:
                        self.add(ev)
                        break

    def _separable_particle_nach(self, i: int, s: int, end: int) -> bool:
        """"nach" closing a main clause after its finite full verb is the verb's separable particle ("gehen die
        Ermittler Hinweisen nach", "kam der Aufforderung nach"), not the postposition of a source ("seiner Meinung
        nach"), which stands before the rest of its clause. Auxiliaries ("ist seiner Ansicht nach.") do not count."""
        v = self.view
        j = i + 1
        while j < end and v.layer.is_space[j]:
            j += 1
        if j < end and v.layer.text[j] not in SENT_END | {",", ";", ":", "–", "—"}:
            return False
        left, _ = v.clause_bounds(i)
        return any(v.finite_verb(k) and not v.in_quote(k) and v.low[k] not in AUXILIARIES
                   and v.layer.tag[k] not in ("VAFIN", "VMFIN") and v.layer.pos[k] != "AUX" for k in range(max(left, s), i))

    def _according_event(self, entry: reporting.AccordingTo, i: int, n: int, s: int, e: int, end: int) -> Event | None:
        v, doc = self.view, self.doc
        if any(i in ev.message and ev.form != "according_to" or i in ev.frame or i in ev.speaker for ev in self.events):
            return None
        cue_tokens = list(range(i, i + n))
        if entry.words == ("nach",) and entry.position == "pre" and i > s and self._noun_before(i - 1) \
                and i + 1 < end and v.low[i + 1] in INDEFINITE_ARTICLES:
            return None  # "die Forderung nach einem Wort des Papstes": the noun's complement, no source
        if entry.words == ("nach",) and entry.position == "post" and i + 1 < end and self._noun_phrase_starts(i + 1) \
                and not self._owned_reporting_noun(i - 1, s):
            # ("seiner Ansicht nach keine Kürzungen": a possessive and a reporting noun make "nach" a postposition)
            return None  # "mit einem Ergebnis nach Steuern": a preposition before its noun, no postposition
        if entry.words == ("nach",) and entry.position == "post" and self._separable_particle_nach(i, s, end):
            return None  # "Die Ermittler gehen Hinweisen nach.", "Er kam ihrer Bitte nach.": the verb's particle
        if entry.position == "pre" and i > s and self._speech_act_of_subject_before(i, s, e, end):
            return None  # "Die Türkei verurteilte die Durchsuchung laut Anadolu": Anadolu is the channel
        if entry.position == "possessive":
            # "Seines Erachtens decken sich …": the possessive of the fixed phrase is the source
            source = [i]
        elif entry.position == "pre":
            source = _np_span(v, i + n, end)
            if not source and entry.needs == "any" and i + n < end and v._wordlike(doc[i + n]) and not v.finite_verb(i + n) \
                    and _low(doc[i + n]) not in CLOSED_CLASS and ("." in doc[i + n].text or "-" in doc[i + n].text):
                source = [i + n]  # "laut ai-Bericht", "laut bildblog.de"
            if not source:
                return None
            if entry.needs == "noun" and not self._source_ok(source) \
                    and not (entry.words != ("nach",) and doc[source[0]].ent_type_ == "PER"):
                # "gemäß Anna Roth": a person's name is a source of "gemäß" ("nach Merkel" is mostly temporal)
                return None
        elif entry.position == "post" and self._owned_reporting_noun(i - 1, s):
            # "darf es seiner Ansicht nach …", "eigener Aussage zufolge": the possessive (or "eigen") and the noun
            # are the whole source; the words before them belong to the statement
            source = [i - 2, i - 1]
        elif entry.position == "post":
            # the source phrase ends right before the cue
            lo = i - 1
            while lo >= s and (v.is_nominal(lo) or doc[lo].text in ("(", ")", "-")) and not view_is_verb_strict(v, lo):
                lo -= 1
            source = _np_span(v, lo + 1, i) if lo + 1 < i else []
            if not source:
                return None
            if entry.needs == "noun" and not self._source_ok(source):
                return None
            if entry.words == ("nach",) and not reporting.noun_entry(doc[source[-1]].text):
                return None
        elif entry.position == "final":
            if i == s or doc[i - 1].text != ",":
                return None
            source = _np_span(v, i + n, end)
            if not source:
                return None
            message = _trim(v, range(s, i - 1))
            if len(message) < 3 or any(v.quote_of[j] is not None and v.quote_of[j].start in self.used_quotes for j in message):
                return None
            frame = [i - 1] + [j for j in range(i, end) if not doc[j].is_space]
            comma = max(source) + 1
            if comma + 1 < end and doc[comma].text == "," and v.finite_verb(comma + 1) and not v.in_quote(comma + 1):
                # "Nach den Wahlen, so Morjane, sitze …": the frame is inserted after the Vorfeld, the statement
                # goes on after it
                frame = [i - 1] + [j for j in range(i, comma + 1) if not doc[j].is_space]
                message = _trim(v, [j for j in range(s, end) if j not in frame and not doc[j].is_space])
            cue = Cue(i, cue_tokens, entry.words[0], None, "Speech")
            form = "direct" if v.quote_of[message[0]] is not None and v.quote_of[message[0]].end >= message[-1] else "indirect"
            return Event(form, message, cue, source, frame=frame, evidence=["so_final"], confidence=0.8)
        else:  # anaphoric: demnach / wonach -- speaker from the previous event, if any
            if entry.words == ("wonach",):
                message = _trim(v, [j for j in range(i + n, end) if not doc[j].is_space])
                frame = [j for j in range(s, i) if not doc[j].is_space]
            else:
                # "Der größte Teil soll demnach … ankommen.": the sentence without the adverb is the message
                message = _trim(v, [j for j in range(s, end) if j not in cue_tokens and not doc[j].is_space])
                frame = []
            if len(message) < 3:
                return None
            # the event closest before (the list is in recogniser order, not text order)
            prev = sorted((ev for ev in self.events if ev.speaker and v.sent_of[min(ev.message)] < v.sent_of[i]),
                          key=lambda ev: max(ev.message))
            speaker = prev[-1].speaker if prev and v.sent_of[i] - v.sent_of[max(prev[-1].message)] <= 2 else []
            if not speaker:
                speaker = self._source_of_previous_sentence(v.sent_of[i])
            cue = Cue(i, cue_tokens, entry.words[0], None, "Speech")
            return Event("according_to", message, cue, speaker, frame=frame, evidence=["according_to:" + entry.words[0]], confidence=0.6)
        owned = self._owned_source(source)
        if owned is not None and v.low[owned[0]] in POSSESSIVE_DETERMINERS and not self._possessive_source_ok(owned[0]):
            owned = None  # read as before this rule: the phrase as written, resolved as a description
        if owned is not None:
            source = owned
        message = [j for j in range(s, end) if j not in cue_tokens and j not in source and not doc[j].is_space]
        message = _trim(v, message)
        if len([j for j in message if not v.is_punct(j)]) < 3:
            return None
        cue = Cue(i, cue_tokens, " ".join(entry.words), None, "Speech")
        info = None
        if owned is not None and len(owned) == 2 and v.low[owned[0]] in OWN_FORMS \
                and min(cue_tokens + owned) == next(j for j in range(s, end) if not doc[j].is_space):
            # "Nach eigenen Angaben will der Konzern …": the source fills the Vorfeld, "eigen" refers to the subject
            # after the finite verb. (A source after the verb, "Die Armee kommt nach eigenen Angaben voran", is
            # referred to the Vorfeld subject by pipeline/claims/salience.py.)
            subject = self._subject_of_clause(message, set(cue_tokens) | set(owned))
            if not subject or not self._animate(subject):
                # no one to refer to ("Nach eigenen Angaben sind die Zahlen gestiegen": the subject is a thing):
                # a missing row, never the speaker "eigenen Angaben" or "die Zahlen"
                return None
            source = subject
        elif owned is not None and v.low[owned[0]] in POSSESSIVE_DETERMINERS:
            # the source tokens keep the noun ("seiner Meinung", as SpkAtt marks it); the possessive is resolved
            info = self._possessive_speaker(owned[0])
        elif entry.position == "possessive":
            if not self._possessive_source_ok(i):
                return None
            info = self._possessive_speaker(i)
        # the frame is what is not the message: the cue and source phrase ("Laut Polizei") themselves
        frame = _frame_for(v, message, [v.sent_of[i]])
        return Event("according_to", message, cue, source, frame=frame, evidence=["according_to:" + " ".join(entry.words)],
                     confidence=0.8, speaker_info=info)

    def _owned_reporting_noun(self, j: int, s: int) -> bool:
        """Token ``j`` is a reporting noun with a possessive or "eigen" right before it ("seiner Ansicht")."""
        v = self.view
        if j - 1 < s or v.in_quote(j):
            return False
        entry = reporting.noun_entry(self.doc[j].text)
        if v.low[j - 1] in POSSESSIVE_DETERMINERS:
            return bool(entry and entry.source) and self._possessive_source_ok(j - 1)
        return bool(entry and entry.source) and v.low[j - 1] in OWN_FORMS

    def _owned_source(self, source: list[int]) -> list[int] | None:
        """[possessive or "eigen", reporting noun] when the source phrase starts with them ("eigenen Angaben", "ihren
        Aussagen", "seinen Worten"; "ihren eigenen Angaben" keeps the possessive), else None. The phrase reader may
        run past the noun ("eigenen Angaben 500 Stellen"): the noun ends the source."""
        v = self.view
        words = [j for j in source if not self.doc[j].is_space]
        if len(words) >= 3 and v.low[words[0]] in POSSESSIVE_DETERMINERS and v.low[words[1]] in OWN_FORMS:
            words = [words[0]] + words[2:]
        if len(words) < 2 or not (v.low[words[0]] in POSSESSIVE_DETERMINERS or v.low[words[0]] in OWN_FORMS):
            return None
        entry = reporting.noun_entry(self.doc[words[1]].text)
        if not (entry and entry.source):
            return None
        return words[:2]

    def _subject_of_clause(self, message: list[int], exclude: set[int]) -> list[int]:
        """The subject of the first finite verb of ``message`` outside quotes, read like the speaker of a cue."""
        v = self.view
        for j in message:
            if v.in_quote(j) or not v.finite_verb(j):
                continue
            span = find_speaker(v, Cue(j, [j], v.low[j], None, "Speech"), exclude | {j})
            span = [t for t in span if t not in exclude]
            if span and _plausible_speaker(v, span) and not (len(span) == 1 and v.low[span[0]] in OWN_FORMS):
                return span
            return []
        return []

    def _possessive_source_ok(self, j: int) -> bool:
        """A possessive that names the source of the sentence: not the polite "Ihrer Meinung nach" of an interview
        question, not inside a noun phrase ("Die seiner Ansicht nach fragwürdige Rolle"), not in a sentence with a
        verb of saying ("erklärte X, Nordkorea besitze seiner Meinung nach …": the possessive refers to the
        speaker of that event, whose message it is part of)."""
        v, doc = self.view, self.doc
        s, e = v.sents[v.sent_of[j]]
        if doc[j].text[:1].isupper() and (j > s or any(doc[k].text == "?" for k in range(j, e))):
            return False
        if j > s and (v.low[j - 1] in DEFINITE_ARTICLES or v.low[j - 1] in INDEFINITE_ARTICLES or doc[j - 1].tag_ == "ART"):
            return False
        return not any(s <= k < e and c.verb is not None and not v.in_quote(k) for k, c in self.cues.items())

    def _possessive_speaker(self, j: int) -> SpeakerInfo:
        """A possessive source resolved like a pronoun: forms of "sein" refer to a male person; "ihr" may be a woman
        or a plural, which is left unresolved rather than guessed."""
        low = self.view.low[j]
        if low.startswith("sein"):
            entity, why = resolve_pronoun(self.doc, self.doc[j], ("male", "sing"))
            if entity is not None:
                return SpeakerInfo("pronoun", entity.entity_id, entity.canonical_name, why or "possessive_antecedent")
        return SpeakerInfo("pronoun", evidence="possessive_unresolved")

    def _noun_before(self, j: int) -> bool:
        """A common noun right before ``j+1`` ("Forderung", "Ruf"): a preposition after it is its complement."""
        tok = self.doc[j]
        return tok.pos_ == "NOUN" or tok.tag_ == "NN"

    def _noun_phrase_starts(self, j: int) -> bool:
        """A determiner, adjective or noun at ``j``: the word before it is a preposition, not a postposition."""
        tok = self.doc[j]
        return tok.pos_ in ("DET", "NOUN", "PROPN", "ADJ", "NUM") or tok.tag_ in ("ART", "NN", "NE", "ADJA", "CARD")

    def _speech_act_of_subject_before(self, i: int, s: int, e: int, end: int) -> bool:
        """A speech act verb before the cue at ``i`` whose subject opens the sentence ("Die Türkei verurteilte die
        Durchsuchung laut Anadolu ...", "Der Verband kritisierte nach Angaben der Zeitung ..."): the sentence is
        that subject's reported event, the source phrase names the channel it was reported through."""
        for c, cue in self.cues.items():
            if not (s <= c < end) or cue.verb is None or self.view.in_quote(c):
                continue
            ev = self._reported(cue, s, e, end)
            if ev is not None and ev.speaker and max(ev.speaker) < min(c, i) and min(ev.speaker) == s:
                return True
        return False

    def _source_of_previous_sentence(self, k: int) -> list[int]:
        """"Das ist das Ergebnis einer Analyse der DSW. Demnach …": without an event before it, "demnach" refers to
        the source document of the sentence before; its author is the genitive or "von" phrase after the reporting
        noun ("Analyse", "Bericht", "Studie", "Angaben")."""
        v, doc = self.view, self.doc
        if k == 0:
            return []
        ps, pe = v.sents[k - 1]
        for j in range(ps, pe - 1):
            entry = reporting.noun_entry(doc[j].text)
            if entry is None or not entry.source or not doc[j].text[:1].isupper():
                continue
            start = j + 1
            if _low(doc[start]) in AUTHOR_PREPOSITIONS:
                start += 1
            if _low(doc[start]) not in GENITIVE_ARTICLES | {"dem", "den"} and not doc[start].text[:1].isupper():
                continue
            span = _np_span(v, start, v.sentence_end(ps, pe))
            if any(reporting.noun_entry(doc[t].text) for t in span):
                continue  # "das Ergebnis einer Analyse der DSW": the author is inside the inner source phrase
            if span and (self._animate(span) or any(org_keyword(doc[t].text) for t in span)):
                return span
        return []

    def _source_ok(self, source: list[int]) -> bool:
        v, doc = self.view, self.doc
        return any(reporting.noun_entry(doc[j].text) and reporting.noun_entry(doc[j].text).source for j in source[:4])

    # -- a quotation inside a clause with a verb of saying: "nannte sie „fahrlässig“", "bezeichnete X als „…“"
    def _quotes_with_cue(self) -> None:
        """A quotation in the clause of a reporting verb: after it ("nannte den Bericht eine „Zeitungsente“") or
        before it in the same clause ("Von einer „gezielten Indiskredition“ sprach X", "Als »sehr angespannt«
        beschreibt X die Lage"). A whole statement is a direct claim; a quoted phrase (not a statement of its own)
        is a partial quotation inside a reported event, which is the whole sentence."""
        v, doc = self.view, self.doc
        for q in v.quotes:
            if q.start in self.used_quotes or q.start in self.covered or not q.balanced or not self._quoted_phrase(q):
                continue
            k = v.sent_of[q.start]
            s, e = v.sents[k]
            free = [c for i, c in sorted(self.cues.items()) if s <= i < e and v.sent_of[i] == k
                    and i not in self.covered and not any(ev.cue is c for ev in self.events)
                    and c.verb is not None and c.verb.clause != "only" and not (q.start <= i <= q.end)]
            before = [c for c in free if c.index < q.start
                      and not any(doc[j].text in (".", "!", "?", ";") for j in range(max(c.tokens), q.start))]
            after = [c for c in free if c.index > q.end and not any(doc[j].text in (".", "!", "?", ";", ",", ":")
                                                                    for j in range(q.end + 1, c.index))
                     and v.clause_bounds(c.index)[0] <= q.start]
            cue = before[-1] if before else (after[0] if after else None)
            if cue is None:
                continue
            speaker = find_speaker(v, cue, set(range(q.start, q.end + 1)))
            if not speaker:
                continue
            message = list(range(q.start, q.end + 1))
            if cue.index > q.end:
                frame = [j for j in range(s, e) if not doc[j].is_space and j not in message and doc[j].text not in SENT_END]
            else:
                # the frame: the cue's clause up to the quotation (the rest of the sentence may say other things)
                frame = [j for j in range(s, q.start) if not doc[j].is_space]
            self.used_quotes.add(q.start)
            sentence = [i for i in range(s, e) if not doc[i].is_space]
            if not v.speechlike(q) and not any(i in self.covered for i in sentence) and self._animate(speaker) \
                    and not self._passive(cue):
                outer = Event("reported", sentence, cue, speaker, evidence=["reported_event", "partial_quote"],
                              confidence=0.5, cue_scored=False)
                self.add(outer)  # the quotation becomes its nested direct claim (_nested_quotes)
                continue
            self.add(Event("direct", message, cue, speaker, frame=frame, evidence=["quote_in_cue_clause"], confidence=0.7,
                           addressee=self._addressee(cue, frame, speaker)))

    def _quoted_phrase(self, q: Quote) -> bool:
        """Quoted words, or a quoted common noun after an indefinite article or an adjective ("eine
        „Zeitungsente“", "einen gezielten „Informationsterror“"); a name is neither ("der „Spiegel“")."""
        v, doc = self.view, self.doc
        if _quoted_words(v, q):
            return True
        words = [doc[i] for i in q.content if doc[i].is_alpha]
        if not words or len(words) > 3 or any(t.ent_type_ for t in words) or q.start == 0:
            return False
        before = doc[q.start - 1]
        return before.is_alpha and before.text.islower() and _low(before) in INDEFINITE_OR_ATTRIBUTIVE_BEFORE_NOUN \
            or before.is_alpha and before.text.islower() and before.pos_ == "ADJ"

    # -- quotes without a frame: the last speaker goes on
    def _standalone_quotes(self) -> None:
        v, doc = self.view, self.doc
        for q in v.quotes:
            if q.start in self.used_quotes or not v.speechlike(q) or q.start in self.covered:
                continue
            k = v.sent_of[q.start]
            s, e = v.sents[k]
            end = v.sentence_end(*v.sents[v.sent_of[q.end]])
            # the quote must be (nearly) the whole sentence; a weak splitter may have glued it to the sentence
            # before it (". „…“") or cut its closing mark off ("… Herbst. | “"): then the punctuation decides
            before = [i for i in range(s, q.start) if not doc[i].is_space]
            if (before and not _opens_sentence(v, q.start)) or (q.end < end - 1 and not _closes_sentence(v, q)):
                continue
            last = doc[q.end - 1].text if q.balanced else doc[q.end].text
            closes_sentence = q.end + 1 < v.n and doc[q.end + 1].text in SENT_END
            if last not in SENT_END and last not in ("“",) and not closes_sentence:
                continue
            prev = sorted((ev for ev in self.events if max(ev.message) < q.start and k - v.sent_of[max(ev.message)] <= 3
                           and ev.speaker), key=lambda ev: max(ev.message))
            speaker = prev[-1].speaker if prev else []
            message = list(range(q.start, q.end + 1))
            self.used_quotes.add(q.start)
            self.add(Event("direct", message, None, speaker, evidence=["standalone_quote" + ("+previous_speaker" if speaker else "")],
                           confidence=0.6 if speaker else 0.4))

    # -- quotes embedded in an indirect or reported message: a nested direct event with the same cue and speaker
    def _nested_quotes(self) -> None:
        v = self.view
        for ev in list(self.events):
            if ev.form == "direct" or ev.nested:
                continue
            msg = set(ev.message)
            for q in v.quotes:
                inner = set(range(q.start, q.end + 1))
                if not inner <= msg or inner == msg or len(q.content) == 0 or not q.balanced:
                    continue
                if not self._quoted_phrase(q):
                    continue
                if ev.form in ("indirect", "according_to"):
                    ev.form = "mixed"
                ev.evidence.append("embedded_quote")
                self.events.append(Event("direct", sorted(inner), ev.cue, list(ev.speaker), frame=list(ev.frame),
                                         evidence=["quote_in_message"], confidence=ev.confidence * 0.9,
                                         cue_scored=ev.cue_scored, speaker_info=ev.speaker_info, nested=True))

    # -- a cue clause in Konjunktiv I is itself reported
    def _konjunktiv_cue_continuations(self) -> None:
        """"Weselsky sprach von einer „Arroganz der Macht“. Mit dem dritten Angebot habe die Bahn bewiesen, dass
        sie ihren Kurs fortsetze.": a main clause whose finite verb is in Konjunktiv I is indirect speech of the
        report before it, also when its verb is in the reporting lexicon. Its subject is then part of what was
        reported, not the speaker: the sentence continues the event before it (form ``free_indirect``, the whole
        sentence as message). Only for verbs of showing and knowing ("beweisen", "zeigen", "erkennen";
        ``lexicons/claims_evidential_verbs.txt``) and for speech-act events without a content clause ("habe das
        Unternehmen mit der Insolvenz gedroht"); a verb of saying in Konjunktiv ("Der Minister habe betont, dass …", "Der Generalstab habe gemeldet, dass …")
        keeps its subject as the speaker (``salience`` decides about things that cannot speak). Only with an event
        with a speaker at most two sentences before in the same paragraph, and no other event in the sentence."""
        v, doc = self.view, self.doc
        text = v.layer.doc_text
        for ev in list(self.events):
            if ev.nested or ev.cue is None or ev.cue.verb is None or not ev.evidence:
                continue
            reported = ev.form == "reported"
            if not reported and (ev.form not in ("indirect", "mixed") or not (
                    ev.evidence[0].startswith("complementizer") or ev.evidence[0] in ("zu_infinitive", "v2_subjunctive"))):
                continue
            if min(ev.cue.tokens) > min(ev.message) and not reported:
                continue  # the frame after its message ("…, habe er gesagt") is a frame
            k = v.sent_of[ev.cue.index]
            s, e = v.sents[k]
            toks = _sentence_tokens(v, k)
            if not toks or doc[toks[-1]].text not in SENT_END or _has_line_break(doc, toks) or v.in_quote(toks[0]):
                continue
            finite = next((i for i in range(s, max(ev.cue.tokens) + 1) if not v.in_quote(i) and (
                v.finite_verb(i) or (_weak_konjunktiv_i_form(v.layer, i) and _weak_konjunktiv_i(doc[i])))), None)
            if finite is None or _in_subordinate_clause(v, finite) or _in_subordinate_clause(v, ev.cue.index) \
                    or not _konjunktiv_i(doc[finite]) or _low(doc[s]) in (ADJUNCT_STARTS | COMPLEMENTIZERS) - RELATIVE_STARTS:
                continue
            if v.clause_bounds(finite)[0] != v.clause_bounds(ev.cue.index)[0]:
                continue  # the Konjunktiv verb belongs to another clause than the cue
            if not reported and ev.cue.verb.lemma not in EVIDENTIAL_VERBS:
                continue  # "Der Generalstab habe gemeldet, dass …": a verb of saying keeps its subject as speaker
            others = [o for o in self.events if o is not ev and not o.nested and v.sent_of[min(o.message)] <= k <= v.sent_of[max(o.message)]]
            if others:
                continue
            before = [o for o in self.events if o is not ev and not o.nested and o.speaker and max(o.message) < s]
            if not before:
                continue
            prev = max(before, key=lambda o: max(o.message))
            if k - v.sent_of[max(prev.message)] > 2:
                continue
            lo, hi = doc[max(prev.message)].idx, doc[toks[0]].idx
            if "\n\n" in text[lo:hi] or "\n" in text[lo:hi].strip():
                continue  # a new paragraph (or a headline) between: not the same report
            message = [i for i in toks if not doc[i].is_space]
            dateline = dateline_tokens(v, k)
            message = [i for i in message if i not in dateline]
            if not message or any(v.low[i] == "ich" and not v.in_quote(i) for i in message):
                continue
            ev.form, ev.message, ev.cue, ev.frame, ev.addressee = "free_indirect", message, None, [], []
            ev.speaker, ev.speaker_info = list(prev.speaker), prev.speaker_info
            ev.evidence = ["konjunktiv_continuation", "konjunktiv_cue_clause"]
            ev.confidence, ev.cue_scored = 0.55, True
            self.covered.update(message)

    # -- free indirect continuation in Konjunktiv
    def _free_indirect(self) -> None:
        self._konjunktiv_cue_continuations()
        v, doc = self.view, self.doc
        by_sent: dict[int, list[Event]] = {}
        for ev in self.events:
            by_sent.setdefault(v.sent_of[max(ev.message)], []).append(ev)
        cue_sents = {v.sent_of[i] for i in self.cues}
        new: list[Event] = []
        # both tests are pure and asked several times per cue below: once each (nothing changes the cues here)
        in_konjunktiv = {i: self._reported_in_konjunktiv(cue) for i, cue in self.cues.items()}
        speakers: dict[int, list[int]] = {}

        def speaker_of(i: int, cue: Cue) -> list[int]:
            if i not in speakers:
                speakers[i] = find_speaker(v, cue, set())
            return speakers[i]

        # a sentence with a reporting verb and its subject can also be continued ("X wies den Vorwurf zurück.
        # In Zeiten knapper Kassen sei die Studie richtig.") even when it holds no event of its own
        cue_speaker: dict[int, list[int]] = {}
        cue_of: dict[int, Cue] = {}
        for i, cue in sorted(self.cues.items()):
            if v.sent_of[i] not in by_sent and cue.verb is not None and not in_konjunktiv[i]:
                spk = speaker_of(i, cue)
                if spk and self._animate(spk) and not self._passive(cue) and not self._nobody(spk):
                    cue_speaker[v.sent_of[i]] = spk
                    cue_of[v.sent_of[i]] = cue
        # a reporting verb in Konjunktiv I is itself reported ("Die Kanzlerin wünsche sich einen Neuanfang."):
        # such a sentence continues the report before it
        konjunktiv_cue_sents = {v.sent_of[i] for i in self.cues if in_konjunktiv[i]}
        konjunktiv_cue_sents -= {v.sent_of[i] for i in self.cues if not in_konjunktiv[i]}
        for k in konjunktiv_cue_sents:
            cue_speaker.pop(k, None)
        # a reporting verb inside a relative or content clause opens no event of the sentence when it made none
        # ("Eine Verordnung, über die jedes Land selbst entscheide, genüge nicht.", "Dem Konzern sei nicht
        # bekannt, dass die Bafin eine Untersuchung erwäge."): the main clause's mood decides, as without the verb
        main_cue_sents = {v.sent_of[i] for i in self.cues if not _in_subordinate_clause(v, i)}
        subordinate_cue_sents = cue_sents - main_cue_sents
        k = 0
        while k < len(v.sents):
            evs = [ev for ev in by_sent.get(k, []) if ev.speaker and not ev.nested]
            if not evs and k not in cue_speaker:
                k += 1
                continue
            source = evs[-1] if evs else Event("reported", [], None, cue_speaker[k])
            run: list[int] = []
            j = k + 1
            # a sentence with a reporting verb but no speaker of its own ("Jetzt sei Verantwortung gefragt.",
            # "Niemand wünsche sich einen Streik.") does not open a new event: it may continue this one
            while j < len(v.sents) and j not in by_sent and (j not in cue_sents or j in konjunktiv_cue_sents
                                                             or j in subordinate_cue_sents
                                                             or (j not in cue_speaker and self._no_speaker_cue(j, speaker_of))):
                toks = _sentence_tokens(v, j)
                while toks and v.quote_of[toks[0]] is not None and v.quote_of[toks[0]].end == toks[0] \
                        and v.quote_of[toks[0]].start < toks[0]:
                    toks = toks[1:]  # the closing mark of the quote before, split off by the splitter ("” Die SPÖ sei …")
                if all(v.is_punct(i) for i in toks):
                    j += 1  # a stray punctuation "sentence" from the splitter, or the blank line of a paragraph
                    continue
                if not toks or v.in_quote(toks[0]) or doc[toks[-1]].text not in SENT_END | {"“", "”", "«", "»", '"'} \
                        or _has_line_break(doc, toks):
                    break  # a quote opens a new event; a headline (no final punctuation) ends the report
                # a quotation's verbs are its speaker's own words ("… nach dem Spiel: „Ich habe …"), no reported mood
                finite = [i for i in toks if not v.in_quote(i) and ((v.is_verb(i) and v.is_finite(i)) or (
                    _weak_konjunktiv_i_form(v.layer, i) and _weak_konjunktiv_i(doc[i])))]
                # the mood of the main clause decides: "X lenkte den Blick auf Innovationen, die Europa helfen
                # könnten." is narrative although its relative clause is in Konjunktiv (its first two finite verbs
                # are all that is asked, so the clause test stops there)
                main = list(islice((i for i in finite if not _in_subordinate_clause(v, i)), 2)) or finite[:2]
                if not main or not any(v.is_subjunctive(i) for i in main):
                    break
                run += toks
                j += 1
            if run:
                if not evs and k in cue_of:
                    # the reporting sentence the continuation proves to be speech ("Der Sprecher verteidigte die
                    # Entlassung. Die Kanzlerin wünsche sich einen Neuanfang.") is a reported event itself
                    reported = self._reported_before_continuation(cue_of[k], cue_speaker[k])
                    if reported is not None:
                        new.append(reported)
                new.append(Event("free_indirect", run, None, list(source.speaker), evidence=["konjunktiv_continuation"],
                                 confidence=0.6, speaker_info=source.speaker_info))
            k = max(j, k + 1)
        for ev in new:
            self.add(ev)
        self._konjunktiv_sentences(cue_sents)

    def _reported_in_konjunktiv(self, cue: Cue) -> bool:
        """The finite reporting verb is in Konjunktiv I in a main clause ("Sie wünsche sich einen Neuanfang")."""
        v, doc = self.view, self.doc
        finite = [i for i in sorted(cue.tokens) if v.finite_verb(i)]
        if not finite:
            return False
        i = finite[0]  # "wünsche sich", "habe ... gefordert"
        return _konjunktiv_i(doc[i]) and not _in_subordinate_clause(v, i) and not v.in_quote(i)

    def _reported_before_continuation(self, cue: Cue, speaker: list[int]) -> Event | None:
        v, doc = self.view, self.doc
        s, e = v.sents[v.sent_of[cue.index]]
        if any(v.in_quote(i) for i in range(s, e)) or any(i in self.covered for i in range(s, e)):
            return None
        if self._no_comment(cue, *v.clause_bounds(cue.index)):
            return None
        last = next((j for j in range(e - 1, s - 1, -1) if not doc[j].is_space), None)
        if last is None or doc[last].text not in SENT_END:
            return None
        message = [i for i in range(s, e) if not doc[i].is_space]
        return Event("reported", message, cue, list(speaker), evidence=["reported_event", "reported_before_continuation"],
                     confidence=0.5, cue_scored=False)

    def _no_speaker_cue(self, k: int, speaker_of: Callable[[int, Cue], list[int]]) -> bool:
        """Every reporting verb of sentence ``k`` lacks an animate subject (it cannot open an event).
        ``speaker_of(i, cue)`` is ``find_speaker(view, cue, set())`` (from the caller's memo)."""
        v = self.view
        for i, cue in self.cues.items():
            if v.sent_of[i] != k:
                continue
            spk = speaker_of(i, cue)
            if spk and self._animate(spk) and not self._nobody(spk):
                return False
        return True

    def _nobody(self, speaker: list[int]) -> bool:
        return len(speaker) == 1 and _low(self.doc[speaker[0]]) in ("niemand", "man", "keiner")

    def _konjunktiv_sentences(self, cue_sents: set[int]) -> None:
        """A sentence whose main verb is in Konjunktiv I ("Der Airbus sei zu spät aufgesetzt worden.") is reported
        speech in German news even when the sentence before it names no speaker: the indirect-speech mood is the
        evidence. The speaker is the one of the nearest preceding event, if there is one close by."""
        v = self.view
        taken = {v.sent_of[i] for ev in self.events for i in ev.message}
        run: list[int] = []
        for k in range(len(v.sents)):
            toks = _sentence_tokens(v, k)
            usable = k not in taken and k not in cue_sents and toks and not v.in_quote(toks[0]) \
                and self.doc[toks[-1]].text in SENT_END and not _has_line_break(self.doc, toks)
            if usable:
                # the first finite verb outside a quote (the tests are pure: stopping at the first one changes nothing)
                first = next((i for i in toks if (v.finite_verb(i) or (_weak_konjunktiv_i_form(v.layer, i) and _weak_konjunktiv_i(self.doc[i])))
                              and not v.in_quote(i)), None)
                usable = first is not None and _konjunktiv_i(self.doc[first]) and first - toks[0] <= 6 \
                    and _low(self.doc[toks[0]]) not in (ADJUNCT_STARTS | COMPLEMENTIZERS) - RELATIVE_STARTS
            if usable:
                run += toks
                continue
            if run:
                self._add_konjunktiv_run(run)
                run = []
        if run:
            self._add_konjunktiv_run(run)

    def _add_konjunktiv_run(self, run: list[int]) -> None:
        v = self.view
        k = v.sent_of[run[0]]
        before = sorted((ev for ev in self.events if ev.speaker and not ev.nested and v.sent_of[max(ev.message)] < k),
                        key=lambda ev: max(ev.message))  # text order: the list is in recogniser order
        speaker = list(before[-1].speaker) if before and k - v.sent_of[max(before[-1].message)] <= 3 else []
        info = before[-1].speaker_info if speaker else None
        self.add(Event("free_indirect", run, None, speaker, evidence=["konjunktiv_i_sentence"], confidence=0.5,
                       speaker_info=info))


# Claim rules in precedence order. Each later recogniser only takes message tokens (``covered``) and quotes
# (``used_quotes``) that the earlier ones left, so the order decides overlaps: a quote with its frame beats a
# content clause of the same verb, a verb cue beats "laut X", and free indirect speech only continues what a
# speaker already said. Nested quotes come last because they split messages already found.
PRECEDENCE: tuple[Recogniser, ...] = (
    Recogniser("direct_quote_with_frame", _Extractor._direct_quotes, 'a quotation with its frame: "„…“, sagte X" / "X sagte: „…“"'),
    Recogniser("verb_cue", _Extractor._verb_cues, 'a reporting verb with a content clause or an inserted frame'),
    Recogniser("according_to", _Extractor._according_to, '"laut X", "X zufolge", "nach Angaben von X"'),
    Recogniser("reported_event", _Extractor._reported_events, 'a speech act without a content clause: the sentence is the message'),
    Recogniser("quote_after_cue", _Extractor._quotes_with_cue, "a quotation after a cue in the same sentence"),
    Recogniser("standalone_quote", _Extractor._standalone_quotes, "a quotation that is (nearly) a whole sentence, speaker from the context"),
    Recogniser("free_indirect", _Extractor._free_indirect, "sentences continuing a speaker's words in Konjunktiv I, and Konjunktiv I runs"),
    Recogniser("nested_quote", _Extractor._nested_quotes, "a quotation inside an indirect message (mixed speech)"),
)


NAME_LINKERS = resources.words("claims_name_linkers")
INDEFINITE_OR_ATTRIBUTIVE_BEFORE_NOUN = resources.words("claims_indefinite_before_noun")
INDEFINITE_ARTICLES = resources.words("claims_indefinite_articles")
# weekdays and month names ("am Freitag", "im Januar"): after a preposition they open an adverbial of time
ATTRIBUTE_PREPOSITIONS = resources.words("claims_attribute_prepositions")
STATIVE_PARTICIPLES = resources.words("claims_stative_participles")
SEIN_FORMS = resources.words("claims_sein_forms")
CALENDAR_WORDS = frozenset(row[0] for row in resources.rows("figures_time.tsv") if row[1] in ("weekday", "month"))
# lemma -> prepositions of origin that introduce the source of "heißen", "verlauten", "erfahren"
EVIDENTIAL_VERBS = resources.words("claims_evidential_verbs")
SOURCE_FROM_VERBS: dict[str, frozenset[str]] = {}
for _entry in resources.word_list("claims_source_from_verbs"):
    _lemma, _, _prep = _entry.partition(" ")
    SOURCE_FROM_VERBS[_lemma] = SOURCE_FROM_VERBS.get(_lemma, frozenset()) | {_prep}
DEFINITE_ARTICLES = resources.words("claims_definite_articles")
NO_COMMENT_VERBS = resources.words("claims_no_comment_verbs")
GERATEN_PREPOSITIONS = resources.words("claims_geraten_prepositions")
NEGATIONS = resources.words("claims_negations")
GREETED_PERSONS = resources.word_list("claims_greeted_persons")
OBLIQUE_TITLES = resources.words("claims_oblique_titles")
# Values of column `alone` of reporting_verbs.tsv that name no preposition: every use, a participle predicative
# of the object, a predicative adjective of the subject.
STANCE_ADJECTIVES = resources.words("claims_stance_adjectives")
# Values of column `inform` of reporting_verbs.tsv that name no preposition: a content clause, an accusative object
INFORM_CLAUSE, INFORM_OBJECT = "clause", "object"
# the rules whose message is the content of a verb of informing ("dass …", V2, "wie X mitteilte", inserted, "das")
INFORMING_CONTENT = frozenset(("complementizer:dass", "v2_clause", "wie_frame", "inserted_frame", "colon_content",
                               "anaphoric_frame"))
OBJECT_ALS = "object-als"  # "als" after the object: "sieht die Bevölkerung als Chance"
# every use whose object is no person ("begrüßte den Beschluss", not "begrüßte die Gäste": a greeting)
THING_OBJECT = "thing"
# every use with an addressee or an occasion ("gratulierte dem Sieger", "zum Titel"; not "konnte nur gratulieren")
ADDRESSEE = "addressee"
STANCE_READINGS = frozenset(("any", "participle", "adjective", OBJECT_ALS, THING_OBJECT, ADDRESSEE))
# Demonstratives that take up the statement before a frame ("Das erklärte ein Sprecher.", "…, das sagte sie").
ANAPHORIC_FRAME_STARTS = frozenset(("das", "dies", "dieses"))


# Plural and genitive endings of role nouns ("Regierungschefs", "Sprecherinnen", "Experten", "Abgeordneten").
_ROLE_NOUN_ENDINGS = ("", "s", "n", "en", "nen")


def _is_person_noun_form(word: str) -> bool:
    """A role noun of the person-noun lexicon, or one of its plural or genitive forms."""
    if not word[:1].isupper():
        return False
    return any(is_person_noun(word[:len(word) - len(e)]) for e in _ROLE_NOUN_ENDINGS if word.lower().endswith(e))


HEADLINE_MAX_WORDS = 20


def _in_headline(doc: Doc, tokens: Sequence[int]) -> bool:
    """Whether the tokens lie in a headline: a short line of its own (a line break or the text's start before it,
    a line break after it) without sentence-final punctuation ("GDL kündigt „längere und intensivere“ Streiks an",
    "Anton Hofreiter: „Ich finde es richtig, …“", "14:45 Uhr: Söder: Lage bleibt "ernst""). A quotation that ends
    with its own full stop ("„Wir schaffen das.“") is a sentence, not a headline."""
    layer = layer_of(doc)  # its doc_text: Doc.text rebuilds the text from every token on each call (once per claim here)
    text = layer.doc_text
    lo, hi = layer.char_span(min(tokens), max(tokens) + 1)
    start = text.rfind("\n", 0, lo) + 1
    end = text.find("\n", hi)
    if end < 0:
        return False  # the last line of a text is no headline
    line = text[start:end].strip()
    if not line or len(line.split()) > HEADLINE_MAX_WORDS:
        return False
    bare = line.rstrip("“”\"»«'’‘›‹ )")
    return not bare.endswith((".", "!", "?", ":", ";", ",", "…"))


def _main_clause_after_subordinate(v: _View, s: int, limit: int) -> bool:
    """"Wenn sich nichts bewege, würden sie …": after the comma that closes a sentence-initial subordinate clause
    the main clause opens with its finite verb."""
    comma = next((j for j in range(s + 1, limit) if v.doc[j].text == ","), None)
    return comma is not None and comma + 1 < limit and v.finite_verb(comma + 1) and not v.in_quote(comma + 1)


def _opens_sentence(v: _View, i: int) -> bool:
    """Token ``i`` starts a sentence by its punctuation: sentence-final mark (and closing quote) before it."""
    j = i - 1
    while j >= 0 and v.doc[j].is_space:
        j -= 1
    if j < 0 or "\n" in v.doc[j].whitespace_:
        return True
    prev = v.doc[j].text
    return prev in SENT_END or (is_mark(prev) and j > 0 and v.doc[j - 1].text in SENT_END)


def _closes_sentence(v: _View, q: Quote) -> bool:
    """The quote ends its sentence: sentence punctuation inside or right after it, then a new sentence."""
    j = q.end + 1
    if j < v.n and v.doc[j].text in SENT_END:
        j += 1
    elif v.doc[q.end - 1].text not in SENT_END:
        return False
    while j < v.n and v.doc[j].is_space:
        j += 1
    return j >= v.n or v.doc[j].text[:1].isupper() or is_mark(v.doc[j].text) or "\n" in v.doc[j - 1].whitespace_


def _quoted_words(v: _View, q: Quote) -> bool:
    """A quote of someone's words rather than a name or title ("Der Spiegel", "Grand Theft Auto")."""
    words = [v.doc[i] for i in q.content if v.doc[i].is_alpha]
    if not words:
        return False
    if all(t.lower_ in ANSWER_PARTICLES for t in words):
        return True  # „Ja“, sagt der Kommissar. / „Nein, nein“, sagte sie.
    if any(t.ent_type_ in ("ORG", "MISC", "LOC", "PER") for t in words) and all(t.is_title or t.lower_ in NAME_LINKERS for t in words):
        return False
    return any(t.text.islower() and t.lower_ not in NAME_LINKERS for t in words)


ANSWER_PARTICLES = resources.words("claims_answer_particles")
KONJUNKTIV_II = resources.words("claims_konjunktiv_ii")


def _konjunktiv_i(tok: Token) -> bool:
    """Konjunktiv I, the mood of indirect speech ("sei", "habe", "brauche"), not the hypothetical Konjunktiv II."""
    low = tok.text.lower()
    if low in KONJUNKTIV_I:
        return True
    if _stem_in_t(tok) and tok.tag_ == "VVFIN" and tok.text.islower() and not any(c.lower_ == "ich" for c in tok.children):
        return True
    if _weak_konjunktiv_i(tok):
        return True
    return ("Sub" in tok.morph.get("Mood") and low.endswith("e") and not low.endswith("te") and low not in KONJUNKTIV_II
            and tok.text.islower())


SUBJECT_PRONOUNS = resources.words("claims_subject_pronouns")
NOMINATIVE_ONLY_PRONOUNS = resources.words("claims_nominative_only_pronouns")
_FINITE_OR_MISTAGGED = ("VVFIN", "VMFIN", "VAFIN", "ADJD", "ADJA", "ADV")


def _weak_konjunktiv_i(tok: Token) -> bool:
    """The infinitive minus its -n, lower case, as a finite verb: Konjunktiv I of the third person ("das genüge",
    "die Lösung fehle", "der Plan gelte", "es reiche"; the indicative is "genügt", the preterite "genügte"), which
    the tagger often reads as an adjective or as an indicative. Only the first person singular has the same form
    ("ich prüfe"), so an "ich" next to the verb rules it out; an attributive adjective before a noun ("die reiche
    Stadt") has an adjective lemma, and a word before a noun or adjective is no verb."""
    if not (tok.text.islower() and _infinitive_minus_n(tok.text, tok.lemma_)):
        return False
    if tok.tag_ not in _FINITE_OR_MISTAGGED:
        return False
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    after_subject_pronoun = prev is not None and prev.text in SUBJECT_PRONOUNS and (
        prev.i == 0 or doc[prev.i - 1].text in (",", ":") or doc[prev.i - 1].is_sent_start is True
        or doc[prev.i - 1].text in SENT_END)
    if tok.tag_ in ("ADJA", "ADJD") and nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ") \
            and not after_subject_pronoun:
        return False  # a pronoun subject takes no adjective: "…, es herrsche Frust" is verb and object
    near = doc[max(0, tok.i - 3):min(len(doc), tok.i + 3)]
    return not any(t.lower_ == "ich" for t in near)


def _weak_konjunktiv_i_form(layer, i: int) -> bool:
    """The first test of ``_weak_konjunktiv_i(doc[i])`` (form = lemma minus -n), from the layer's token facts: a
    token failing it is no weak Konjunktiv I, and no Token view is made for it."""
    text = layer.text[i]
    return text.islower() and _infinitive_minus_n(text, layer.lemma[i])


def _infinitive_minus_n(text: str, lemma: str) -> bool:
    """The form is its infinitive minus the final -n ("genüge" of "genügen"), compared in lower case; words of
    at most three letters are left out."""
    low, lemma = text.lower(), (lemma or "").lower()
    return len(low) > 3 and lemma.endswith("en") and low == lemma[:-1]


def _stem_in_t(tok: Token) -> bool:
    """The infinitive minus its -n for a verb whose stem ends in -t or -d ("entfalte" of "entfalten", "halte",
    "biete", "bedeute"): the form is Konjunktiv I (the preterite is "entfaltete", the indicative "entfaltet")."""
    return _infinitive_minus_n(tok.text, tok.lemma_) and (tok.lemma_ or "").lower().endswith(("ten", "den"))


COORDINATORS = resources.words("claims_coordinators")
# Subordinators of conditional and concessive clauses ("wenn", "falls", "obwohl"): a clause they open is no frame.
CONDITIONAL_STARTS = resources.words("claims_conditional_starts")
SUBORDINATE_STARTS = (COMPLEMENTIZERS | RELATIVE_STARTS | ADJUNCT_STARTS) - COORDINATORS
# at the start of a sentence "der/die/das" are articles, not relative pronouns
INITIAL_SUBORDINATORS = SUBORDINATE_STARTS - RELATIVE_STARTS


def _in_subordinate_clause(v: _View, i: int) -> bool:
    """Token ``i`` lies in a clause opened after a comma by a relative pronoun, a complementizer or a
    subordinating conjunction (", die ...", ", in der ...", ", weil ...", ", dass ..."); a sentence-initial
    "Dass ..." clause counts too. Surface evidence only, so it works without a parse."""
    left, _ = v.clause_bounds(i)
    s = v.sents[v.sent_of[i]][0]
    doc = v.doc
    first = _low(doc[left])
    if left == s:
        return first in INITIAL_SUBORDINATORS
    if doc[left - 1].text != ",":
        return False
    if first in SUBORDINATE_STARTS:
        return True
    # preposition + relative pronoun: ", in der ...", ", mit denen ..."
    return left + 1 < i and _low(doc[left + 1]) in RELATIVE_STARTS and (doc[left].pos_ == "ADP" or doc[left].tag_.startswith("APPR"))


def _has_line_break(doc: Doc, toks: Sequence[int]) -> bool:
    """A line break inside the tokens: a headline glued to the next sentence by the splitter."""
    layer = layer_of(doc)
    ws, space, text = layer.whitespace, layer.is_space, layer.text
    return any("\n" in ws[i] or (space[i] and "\n" in text[i]) for i in range(toks[0], toks[-1]))


def view_is_verb_strict(v: _View, i: int) -> bool:
    tok = v.doc[i]
    return bool(v.has_pos and tok.pos_ in ("VERB", "AUX"))


# --------------------------------------------------------------------------- records


def _chars(doc: Doc, tokens: Sequence[int]) -> tuple[str | None, int | None, int | None]:
    if not tokens:
        return None, None, None
    layer = layer_of(doc)  # Span.text and offsets from the layer: no Token view per token, no Doc.text join
    start, end = layer.char_span(min(tokens), max(tokens) + 1)
    return layer.doc_text[start:end], start, end


def extract_claims(doc: Doc) -> list[Claim]:
    """All attributed claims of ``doc`` in text order (pure: reads the Doc and its entity annotations).

    The Doc must carry the entity stage's annotation (``claimgraph_entities`` ran before); otherwise
    ``MissingEntitiesError``.
    """
    require_entities(doc)
    extractor = _Extractor(doc)
    events = extractor.run()
    claims: list[Claim] = []
    for n, ev in enumerate(events, start=1):
        message = sorted(set(ev.message))
        text, start, end = _chars(doc, message)
        cue_tokens = sorted(set(ev.cue.tokens)) if ev.cue else []
        # the table shows the cue word itself (a discontinuous verb group would drag the Mittelfeld along)
        shown = [ev.cue.index] if ev.cue and ev.cue.verb is not None else cue_tokens
        cue_text, cue_start, cue_end = _chars(doc, shown)
        info = ev.speaker_info or resolve_speaker(doc, ev.speaker)
        spk = _without_link_markup(doc, sorted(set(ev.speaker)))
        speaker_text, sp_start, sp_end = _chars(doc, spk)
        addressee = sorted(set(ev.addressee))
        addressee_text = _chars(doc, addressee)[0]
        evidence = list(ev.evidence) + ([f"speaker:{info.evidence}"] if info.evidence else [])
        confidence = ev.confidence * (1.0 if info.entity_id or info.resolution in ("group", "explicit") else 0.85)
        if ev.cue and ev.cue.verb is None and ev.cue.lemma == ":":
            cue_lemma = ":"
        elif ev.cue and ev.cue.verb is not None:
            verb = ev.cue.verb
            cue_lemma = " ".join(p for p in ("sich" if verb.reflexive else "", verb.lemma, verb.prep or "") if p)
        else:
            cue_lemma = ev.cue.lemma if ev.cue else ""
        claims.append(
            Claim(
                claim_id=make_id(doc, "C", n),
                sent_index=extractor.view.sent_of[message[0]],
                form=ev.form,
                claim_text=text or "",
                start_char=start,
                end_char=end,
                cue_lemma=cue_lemma,
                cue_text=cue_text or "",
                cue_start_char=cue_start,
                cue_end_char=cue_end,
                speaker_text=speaker_text,
                speaker_start_char=sp_start,
                speaker_end_char=sp_end,
                speaker_entity_id=info.entity_id,
                speaker_name=info.name,
                speaker_resolution=info.resolution,
                addressee_text=addressee_text,
                confidence=round(min(max(confidence, 0.0), 1.0), 2),
                evidence=tuple(evidence),
                message_tokens=tuple(message),
                cue_tokens=tuple(cue_tokens) if ev.cue_scored else (),
                speaker_tokens=tuple(spk),
                addressee_tokens=tuple(addressee),
                frame_tokens=tuple(sorted(set(ev.frame) - set(message))),
                stwr=(ev.cue.stwr if ev.cue else "Speech"),
                is_nested=ev.nested,
            )
        )
    resolved = salience.resolve(doc, _without_sources_inside_frames(claims))
    # a headline announces what the text reports, the claim is made in the text; its speaker still introduced a
    # name the discourse refers back to ("Keller-Sutter ruft … auf" | "…, sagte die Bundesrätin"), so it is
    # dropped only after salience
    resolved = [c for c in resolved if not (c.message_tokens and _in_headline(doc, c.message_tokens))]
    # the whole speaker phrase (appositions, a name after its role noun) as SpkAtt marks it, after resolution
    return _with_interview_answers(doc, spans.complete(doc, resolved))


def _without_sources_inside_frames(claims: list[Claim]) -> list[Claim]:
    """"„…“, sagte der Vorsitzende laut der Agentur Interfax": a "laut X" inside the frame of another claim names
    the channel of that claim, not a claim of its own (nor its quotation a second direct claim)."""
    dropped: set[str] = set()
    for c in claims:
        if c.is_nested or not c.evidence or not c.evidence[0].startswith("according_to:"):
            continue
        for d in claims:
            if d is c or d.is_nested or d.cue_start_char is None or d.evidence[0].startswith("according_to:"):
                continue
            if c.start_char <= d.start_char and d.end_char <= c.end_char and c.start_char <= d.cue_start_char < c.end_char:
                dropped.add(c.claim_id)
                dropped.update(n.claim_id for n in claims if n.is_nested and n.speaker_start_char == c.speaker_start_char
                               and c.start_char <= n.start_char and n.end_char <= c.end_char)
                break
    return [c for c in claims if c.claim_id not in dropped]


def _without_link_markup(doc: Doc, tokens: list[int]) -> list[int]:
    """A speaker phrase without markdown link syntax: "[Lena Weber](https://…)" -> "Lena Weber"."""
    for k, i in enumerate(tokens):
        if doc[i].text == "](":
            tokens = tokens[:k]
            break
    while tokens and doc[tokens[0]].text == "[":
        tokens = tokens[1:]
    return tokens


def _interviewee_mention(doc: Doc) -> Span | None:
    """The person an unlabelled interview is with: the first person name of its introduction."""
    end = interviews.first_question_start(layer_of(doc).doc_text)
    if end is None:
        return None
    people = [e for e in doc.ents if e.label_ == "PER" and e.end_char <= end]
    # the person a vocative question addresses ("Herr Huber, ...?") is the interviewee
    surname = interviews.vocative_surname(layer_of(doc).doc_text)
    named = [e for e in people if surname and e[-1].text == surname]
    if named:
        return max(named, key=len)
    if people:
        return max(people[:3], key=len, default=None)
    return _interviewee_role(doc)


def _interviewee_role(doc: Doc) -> Span | None:
    """An interview that names nobody: the role its questions give the person they address ("Erinnern Sie sich
    an Ihren ersten Tag als Bürgermeister?" -> "Bürgermeister"): a role noun after "als" or "außer" in a
    question that uses the polite "Sie"/"Ihr"."""
    for qs, qe in interviews.question_spans(layer_of(doc).doc_text):
        span = doc.char_span(qs, qe, alignment_mode="expand")
        if span is None or not any(t.text in ("Sie", "Ihnen", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer")
                                   and t.i > span.start for t in span):
            continue
        for t in span[1:]:
            if _low(doc[t.i - 1]) in ("als", "außer") and _is_person_noun_form(t.text):
                return doc[t.i:t.i + 1]
    return None


def _with_interview_answers(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """Answers of a question/answer interview as direct claims of the interviewee (pipeline/interviews.py).

    The claims the rules found inside an answer (its "dass" clauses, its quotations of others) are replaced by the
    answer: in an interview the whole answer is the interviewee's speech.
    """
    mention = _interviewee_mention(doc)
    text = layer_of(doc).doc_text  # == doc.text, which is rebuilt from every token on each access
    answers = interviews.find_answers(text, mention.text if mention is not None else None)
    if not answers:
        return claims
    # the interviewer's questions are no claims either ("Herr Mundt, wissen Sie, was ... kostet?")
    questions = [(s, e) for s, e in interviews.question_spans(text) if s >= answers[0].start - 2000]
    # a paragraph that is one quotation alone repeats an answer (a pull quote), no claim of its own
    pull_quotes = interviews.pull_quote_spans(text)
    kept = [c for c in claims if not any(a.start <= c.start_char and c.end_char <= a.end + 1 for a in answers)
            and not any(s <= c.start_char < e for s, e in questions)
            and not any(s <= c.start_char and c.end_char <= e for s, e in pull_quotes)]
    added = []
    for a in answers:
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        message = [t.i for t in span if not t.is_space]
        if a.inherited:
            # an unlabelled answer in a labelled interview: the only interviewee's, named by their last label
            sp_start, sp_end, resolution, cue = a.label_start, a.label_end, "continuation", []
        elif a.label is not None:
            sp_start, sp_end, resolution = a.label_start, a.label_end, "explicit"
            colon = doc.char_span(a.label_end, a.start, alignment_mode="expand")
            cue = [t.i for t in colon if t.text == ":"] if colon is not None else []
        elif mention is not None:
            sp_start, sp_end, resolution, cue = mention.start_char, mention.end_char, "continuation", []
        else:
            continue
        entity = entity_for_span(doc, sp_start, sp_end)
        name = a.speaker
        if entity is not None and not entity.canonical_name.isupper() and len(entity.canonical_name) >= len(a.speaker):
            name = entity.canonical_name  # the entity stage may know more ("Mundt" -> "Andreas Mundt")
        if a.label is not None and not a.inherited and name != a.label:
            resolution = "alias"
        speaker_span = doc.char_span(sp_start, sp_end, alignment_mode="expand")
        speaker_tokens = tuple(t.i for t in speaker_span) if speaker_span is not None else ()
        cue_start = doc[cue[0]].idx if cue else None
        added.append(Claim(
            claim_id="", sent_index=syntax_sentence_index(doc, message[0]), form="direct",
            claim_text=text[a.start:a.end], start_char=a.start, end_char=a.end,
            cue_lemma=":" if cue else "", cue_text=":" if cue else "", cue_start_char=cue_start,
            cue_end_char=cue_start + 1 if cue_start is not None else None,
            speaker_text=text[sp_start:sp_end], speaker_start_char=sp_start, speaker_end_char=sp_end,
            speaker_entity_id=entity.entity_id if entity is not None else None, speaker_name=name,
            speaker_resolution=resolution, addressee_text=None, confidence=0.8 if cue else 0.6,
            evidence=(a.evidence, f"speaker:interview '{a.speaker}'"), message_tokens=tuple(message),
            cue_tokens=tuple(cue), speaker_tokens=speaker_tokens,
            frame_tokens=tuple(sorted(set(speaker_tokens) | set(cue))), stwr="Speech"))
    merged = sorted(kept + added, key=lambda c: (c.start_char, c.is_nested))
    return [replace(c, claim_id=make_id(doc, "C", n)) for n, c in enumerate(merged, start=1)]


def syntax_sentence_index(doc: Doc, i: int) -> int:
    return layer_of(doc).sent_of[i]
