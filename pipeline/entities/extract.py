"""Stage: people and organisations -> ``doc._.mentions`` and ``doc._.entities``.

Steps, each a pure function over the ``Doc``:

1. **Names** (``find_names``): the statistical NER spans, cleaned (titles and "MdB" trimmed off persons),
   combined with rules where the models are weak: the patterns file (spaCy EntityRuler JSONL; shipped
   gazetteer plus the user's own files), legal-form suffixes ("GmbH", "e.V."), institution nouns
   ("-amt", "-ministerium", "Internationale Energieagentur"), company-style names ("Mistral AI",
   "OVHcloud"), persons found by a first-name lexicon, initials ("J.D. Vance") or a title before the
   name ("UN-Generalsekretär António Guterres"). Rules win over the model where they overlap, because
   they only fire on strong surface evidence. ``doc.ents`` is replaced by the result.
2. **Linking** (``_link``): persons by full name, later surname-only mentions to the full name (never
   when two people share the surname and nothing disambiguates); organisations by a normalised name
   key, by the patterns file's ``id`` and by "Name (ACRONYM)" definitions; untagged repetitions of a
   known name or acronym are added as mentions.
3. **Roles and affiliations** (``pipeline.entities.roles``), **gender** (text first: female/male role nouns and
   pronouns; then the first-name lexicon) and a cross-document ``global_id``.
4. **Pronouns and descriptions** (``pipeline.entities.coref``): a third-person "er"/"sie" in subject position
   and a definite description such as "der UN-Chef" become mentions when their antecedent is
   unambiguous.

Configuration: ``nlp.add_pipe("claimgraph_entities", config={"patterns": ["my_names.jsonl"]})`` or the
environment variable ``CLAIMGRAPH_ENTITY_PATTERNS`` (paths separated by ``os.pathsep``); see docs/entities.md.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.attrs import ENT_TYPE
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .. import resources
from ..layer import syntax
from ..layer.document import layer_of
from ..layer.extensions import make_id
from . import coref
from .identity import global_id  # issue 21: umlauts as ae/oe/ue, so Köhn and Kohn stay apart
from . import roles as R
from .records import Entity, Mention
from ..layer.spanindex import overlapping


PATTERNS_ENV = "CLAIMGRAPH_ENTITY_PATTERNS"
DEFAULT_PATTERNS = "entity_patterns.jsonl"  # in pipeline/resources
LABELS = ("PER", "ORG", "LOC", "MISC")
# Labels of other NER schemes mapped onto ours (GermEval OTH, OntoNotes-style names).
LABEL_MAP = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "MISC": "MISC", "OTH": "MISC"}
TITLE_ABBREVIATIONS = R.TITLES
INDEFINITE_DETERMINERS = resources.words("names_indefinite_determiners")
PLURAL_NAMES = resources.words("names_plural")
INITIALS = re.compile(r"^(?:[A-ZÄÖÜ]\.){1,3}$|^[A-ZÄÖÜ]\.(?:-[A-ZÄÖÜ]\.)?$")
ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ0-9&]{1,7}$")
# An acronym a name defines in brackets: also mixed case with at least two capitals ("BaFin", "KfW", "GfK")
DEFINED_ACRONYM = re.compile(r"^(?=(?:[^A-ZÄÖÜ]*[A-ZÄÖÜ]){2})[A-ZÄÖÜ][A-Za-zäöüÄÖÜ0-9&]{1,7}$")
CAMEL = re.compile(r"^(?:[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z]{2,}[a-z]{2,}[A-Za-z]*)$")


# --------------------------------------------------------------------------- patterns file


@dataclass
class EntityPatterns:
    """EntityRuler-format patterns: phrase patterns matched on token text, token patterns via spaCy's Matcher."""

    phrases: dict[tuple[str, ...], tuple[str, str | None, int]] = field(default_factory=dict)  # words -> (label, id, priority)
    token_patterns: list[tuple[str, str | None, list[dict], int]] = field(default_factory=list)
    _matchers: dict[int, Matcher] = field(default_factory=dict, repr=False)
    _phrase_matchers: dict[int, tuple[int, PhraseMatcher]] = field(default_factory=dict, repr=False)

    def add_file(self, path: Path, priority: int) -> None:
        with open(path, encoding="utf-8") as fh:
            self.add_lines(fh, path, priority)

    def add_lines(self, lines: Iterable[str], path: Path | str, priority: int) -> None:
        """EntityRuler JSONL lines; ``path`` names their file in errors."""
        tokenizer = _tokenizer()
        for n, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not a JSON object: {exc}") from None
            if "comment" in row and "pattern" not in row:
                continue
            label = LABEL_MAP.get(str(row.get("label", "")).upper())
            if label is None or "pattern" not in row:
                raise ValueError(f"{path}:{n}: needs 'label' (PER, ORG, LOC, MISC) and 'pattern'")
            pattern = row["pattern"]
            if isinstance(pattern, str):
                words = tuple(t.text for t in tokenizer(pattern))
                if words:
                    self.phrases[words] = (label, row.get("id"), priority)
            else:
                self.token_patterns.append((label, row.get("id"), pattern, priority))

    def matches(self, doc: Doc) -> list[tuple[int, int, str, str | None, int]]:
        """Phrase hits (the longest phrase starting at each token), then token-pattern hits, in text order."""
        longest: dict[int, int] = {}
        for _, s, e in self._phrase_matcher(doc.vocab)(doc):
            if e > longest.get(s, s):
                longest[s] = e
        out = [(s, e, *self.phrases[tuple(t.text for t in doc[s:e])]) for s, e in sorted(longest.items())]
        if self.token_patterns:
            matcher = self._matchers.get(id(doc.vocab))
            if matcher is None:
                matcher = Matcher(doc.vocab)
                for k, (_, _, pattern, _) in enumerate(self.token_patterns):
                    matcher.add(f"claimgraph_pattern_{k}", [pattern])
                self._matchers[id(doc.vocab)] = matcher
            for match_id, s, e in matcher(doc):
                k = int(doc.vocab.strings[match_id].rsplit("_", 1)[1])
                label, cid, _, prio = self.token_patterns[k]
                out.append((s, e, label, cid, prio))
        return out


    def _phrase_matcher(self, vocab) -> PhraseMatcher:
        """spaCy's PhraseMatcher over the phrases' token texts, built once per vocab (rebuilt if phrases were added)."""
        cached = self._phrase_matchers.get(id(vocab))
        if cached is not None and cached[0] == len(self.phrases):
            return cached[1]
        matcher = PhraseMatcher(vocab, attr="ORTH")
        for words in self.phrases:
            matcher.add("claimgraph_phrase", [Doc(vocab, words=list(words))])
        self._phrase_matchers[id(vocab)] = (len(self.phrases), matcher)
        return matcher


@functools.lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("de").tokenizer


def pattern_paths(extra: Sequence[str | Path] = (), environ: dict[str, str] | None = None) -> list[Path]:
    """User pattern files: the component config's ``patterns`` plus ``CLAIMGRAPH_ENTITY_PATTERNS``."""
    environ = os.environ if environ is None else environ
    paths = [Path(p) for p in extra]
    paths += [Path(p) for p in environ.get(PATTERNS_ENV, "").split(os.pathsep) if p.strip()]
    for path in paths:
        if not path.is_file():
            raise FileNotFoundError(f"entity patterns file {path} not found (component config 'patterns' or ${PATTERNS_ENV})")
    return paths


def load_patterns(extra: Sequence[str | Path] = (), use_default: bool = True, environ: dict[str, str] | None = None) -> EntityPatterns:
    patterns = EntityPatterns()
    if use_default:
        patterns.add_lines(resources.text(DEFAULT_PATTERNS).split("\n"), resources.RESOURCES / DEFAULT_PATTERNS, priority=3)
        for party in R.lexicons().parties:
            for name in party.names:
                words = tuple(t.text for t in _tokenizer()(name))
                patterns.phrases.setdefault(words, ("ORG", party.canonical, 3))
    for path in pattern_paths(extra, environ):
        patterns.add_file(path, priority=4)  # the user's own names beat everything
    return patterns


@resources.memoised_by_argument(4)
def _cached_patterns(extra: tuple[str, ...], env_value: str) -> EntityPatterns:
    return load_patterns(extra, environ={PATTERNS_ENV: env_value})


@resources.memoised
def _pattern_aliases() -> dict[str, set[tuple[str, ...]]]:
    """Patterns-file id -> every written form with that id (shipped file and user files)."""
    out: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for words, (_, cid, _) in default_patterns().phrases.items():
        if cid:
            out[cid].add(words)
    return out


def default_patterns() -> EntityPatterns:
    return _cached_patterns((), os.environ.get(PATTERNS_ENV, ""))


# --------------------------------------------------------------------------- sentences


def sentence_index(doc: Doc) -> list[int]:
    """Sentence number of every token: the shared layer's one segmentation (``pipeline.layer.sentences``)."""
    return layer_of(doc).sent_of


# --------------------------------------------------------------------------- names


@dataclass
class NameSpan:
    start: int
    end: int
    label: str
    source: str  # ner | patterns | user_patterns | rule:<name> | scan
    cid: str | None = None  # patterns-file id: canonical key across documents
    priority: int = 2


def _is_name_word(tok: Token) -> bool:
    return _name_word_text(tok.text) and tok.pos_ not in _NOT_NAME_POS


def _is_name_word_at(layer, i: int) -> bool:
    """``_is_name_word(doc[i])`` from the layer's token facts (no Token view)."""
    return _name_word_text(layer.text[i]) and layer.pos[i] not in _NOT_NAME_POS


def _span_text(doc: Doc, s: int, e: int) -> str:
    """``doc[s:e].text`` read from the layer's ``doc_text`` and offsets (no Span or Token views)."""
    if s >= e:
        return doc[s:e].text
    return layer_of(doc).span_text(s, e)


_NOT_NAME_POS = ("VERB", "AUX", "ADP", "DET", "PRON", "ADV", "NUM", "PUNCT", "SCONJ", "CCONJ")  # "" without a tagger


@resources.memoised_by_argument(65536)
def _name_word_text(t: str) -> bool:
    """The part of ``_is_name_word`` that depends on the word alone (``Token.lower_`` is ``text.lower()``)."""
    if not t[:1].isupper() or t.lower() in R.FUNCTION_WORDS or t in R.MONTHS or t in TITLE_ABBREVIATIONS:
        return False
    if not re.fullmatch(r"[\w'’.\-]+", t) or any(c.isdigit() for c in t):
        return False
    if t.endswith("-"):
        return False  # a truncated compound ("Vor- und Nachteile") is no name word
    if "-" in t and re.fullmatch(r"[A-ZÄÖÜ]{2,}", t.split("-")[0]):
        return False  # "EU-Austrittsabkommen", "KI-Strategie": a compound noun, not a surname
    if R.match_role_word(t) or R.org_keyword(t) or t in R.lexicons().org_suffixes:
        return False
    return True


def _name_extent(doc: Doc, s: int, blocked: set[int], max_tokens: int = 5, given: int = 0) -> int:
    """End of a person name starting at ``s``: capitalised words, initials and particles ("von der").

    ``given``: how many leading words are known to be given names by position (the word right after a
    title), so "Ministerpräsident Jeroen de Vries" keeps its particle although "Jeroen" is not in the list.
    """
    layer = layer_of(doc)
    text, lower, n = layer.text, layer.lower, layer.n
    j = s
    while j < n and j - s < max_tokens and j not in blocked:
        if INITIALS.match(text[j]) or _is_name_word_at(layer, j):
            j += 1
        elif lower[j] in R.NAME_PARTICLES and lower[j] not in R.INNER_PARTICLES and j > s and j + 1 < n and all(
            k - s < given or R.is_first_name(text[k]) or INITIALS.match(text[k]) for k in range(s, j)
        ):
            # "Ursula von der Leyen", but "Meike Sommer von der Charité" is a person and a place of work
            k = j
            while k < n and lower[k] in R.NAME_PARTICLES and k - j < 3:
                k += 1
            if k < n and k not in blocked and _is_name_word_at(layer, k):
                j = k
            else:
                break
        else:
            break
    return j


def _clean_model_span(doc: Doc, span: Span) -> tuple[int, int] | None:
    s, e = span.start, span.end
    label = LABEL_MAP.get(span.label_)
    layer = layer_of(doc)  # lexical facts: the same whatever the stages did to doc.ents
    text, lower, punct, space, is_lower = layer.text, layer.lower, layer.is_punct, layer.is_space, layer.is_lower

    def particle_surname(i: int) -> bool:  # "von der Leyen" as a mention on its own
        return label == "PER" and lower[i] in R.NAME_PARTICLES and i + 1 < e and (lower[i + 1] in R.NAME_PARTICLES or text[i + 1][:1].isupper())

    while s < e and not particle_surname(s) and (punct[s] or space[s] or lower[s] in R.ARTICLES or text[s] in TITLE_ABBREVIATIONS
                                                or (label == "PER" and (R.match_role_word(text[s]) or is_lower[s]))):
        s += 1
    while e > s and (punct[e - 1] and text[e - 1] not in (".",) or space[e - 1]
                     or (label == "PER" and (R.match_role_word(text[e - 1]) or is_lower[e - 1]))):
        e -= 1
    if s >= e or not any(t[:1].isupper() for t in text[s:e]):
        return None
    if label == "PER" and (all(lower[k] in R.FUNCTION_WORDS or text[k] in R.MONTHS for k in range(s, e)) or any(layer.like_num[s:e])):
        return None
    if text[e - 1] == "." and not INITIALS.match(text[e - 1]) and e - 1 > s:
        e -= 1
    return s, e


def _model_names(doc: Doc) -> list[NameSpan]:
    """The statistical NER's names, cleaned, without the systematic errors of weak German models."""
    lex = R.lexicons()
    layer = layer_of(doc)  # token facts instead of Token views
    text, lower, n = layer.text, layer.lower, layer.n
    out = []
    for ent in doc.ents:
        label = LABEL_MAP.get(ent.label_)
        if label is None:
            continue
        cleaned = _clean_model_span(doc, ent)
        if not cleaned:
            continue
        s, e = cleaned
        if all(text[k] in lex.non_names for k in range(s, e)):
            continue  # "Euro", "KI"
        if text[e - 1].endswith("-") and len(text[e - 1]) > 1:
            continue  # a truncated compound ("Vor- und Nachteile", "Bundes- und Landesbehörden") is no name
        if e - s == 1 and layer.pos[s] == "NOUN" and layer.tag[s] == "NN":
            continue  # tagger and morphologizer agree on a common noun ("Fachbücher", "Marketingzwecken")
        first_role = R.match_role_word(text[s])
        if label != "PER" and first_role is not None and "exact" in first_role.classes:
            continue  # "Head of International Product" inside a title
        if e < n - 1 and lower[e - 1] in R.NAME_PARTICLES and text[e][:1].isupper():
            e += 1  # "Rio de" + "Janeiro"
        if label == "PER" and not _person_evidence(doc, s, e):
            continue
        if label != "PER" and _role_with_place_adjective(text, s, e):
            continue
        out.append(NameSpan(s, e, label, "ner", priority=1))
    return out


def _role_with_place_adjective(text: list[str], s: int, e: int) -> bool:
    """A model place or organisation that is a person named by role: "der Limburger Bischof", "die Berliner
    Innensenatorin", "der französische Präsident" — place or nationality adjectives, then a role noun of known
    grammatical gender (a person, not a body: "Vorstand" has none). The description is left to coreference and
    salience, which resolve it to the person holding the role; as a place it took the claim from that person."""
    if e - s < 2:
        return False
    role = R.match_role_word(text[e - 1])
    if role is None or role.gender not in ("male", "female") or "exact" in role.classes or R.org_keyword(text[e - 1]):
        return False
    return all(text[k][:1].isupper() and text[k].isalpha() and (text[k].endswith("er") or R.nationality_of_adjective(text[k]))
               for k in range(s, e - 1))


def _person_evidence(doc: Doc, s: int, e: int) -> bool:
    """Whether a model PER span looks like a person's name and not a capitalised phrase.

    Evidence: a known given name or initials; a title before it or a role or party in parentheses
    after it; or, with a tagger, proper-noun tags and no adjective ("Künstlicher Intelligenz" is not a
    person, "Abhisit Vejjajiva" is). A single word is kept (it may be a surname of a person named earlier).
    """
    words = doc[s:e]
    if any(R.is_first_name(t.text) or INITIALS.match(t.text) for t in words) or e - s == 1:
        return True
    before = s - 1
    while before >= 0 and doc[before].text in TITLE_ABBREVIATIONS:
        before -= 1
    if before >= 0 and R.match_role_word(doc[before].text):
        return True
    if e + 1 < len(doc) and doc[e].text == "(" and (R.match_role_word(doc[e + 1].text) or R.lexicons().party(doc[e + 1].text)):
        return True
    if any(t.pos_ for t in words):
        return all(t.pos_ == "PROPN" for t in words if t.is_alpha) and not any(t.pos_ == "ADJ" for t in words)
    return True


def _may_start_person_rule(t: str) -> bool:
    """Whether one of the rules of ``_person_rules`` can fire at a word ``t`` (the word tests of each)."""
    if t == ",":
        return True
    if not t[:1].isupper():
        return False
    if R.is_first_name(t) or INITIALS.match(t):
        return True
    role = R.match_role_word(t)
    return bool(role) and "exact" not in role.classes


@resources.memoised
def _person_rule_gate() -> dict[str, bool]:
    return {}


def _person_rules(doc: Doc, blocked: set[int]) -> list[NameSpan]:
    out = []
    layer = layer_of(doc)
    texts, n = layer.text, layer.n
    gate = _person_rule_gate()  # _may_start_person_rule per word, one dict look-up per token
    if len(gate) > 65536:
        gate.clear()
    i = 0
    while i < n:
        t = texts[i]
        may = gate.get(t)
        if may is None:
            may = gate[t] = _may_start_person_rule(t)
        if not may:
            i += 1  # every rule below starts at a capitalised word (first name, initial, role noun) or a comma
            continue
        span = None
        if i not in blocked and t[:1].isupper() and (R.is_first_name(t) or INITIALS.match(t)) and (INITIALS.match(t) or _is_name_word_at(layer, i)):
            end = _name_extent(doc, i, blocked)
            if end - i >= 2 and not INITIALS.match(texts[end - 1]):
                span = NameSpan(i, end, "PER", "rule:first_name")
        if span is None and (role := R.match_role_word(t)) and "exact" not in role.classes and i + 1 < n:
            start = i + 1
            while start < n and texts[start] in TITLE_ABBREVIATIONS:
                start += 1
            end = _name_extent(doc, start, blocked, given=1)
            if end > start and not all(INITIALS.match(w) for w in texts[start:end]) and not R.nationality_of_genitive(texts[start]):
                span = NameSpan(start, end, "PER", "rule:title")
        if span is None and t == "," and i + 2 < n and i + 1 not in blocked and _after_role_phrase(doc, i):
            # "Der Präsident der Weltbank, Ajay Verma, warnte": a name set off by commas after a role phrase
            end = _name_extent(doc, i + 1, blocked, max_tokens=4, given=1)
            if 2 <= end - (i + 1) <= 4 and end < n and texts[end] in (",", ")", "–"):
                span = NameSpan(i + 1, end, "PER", "rule:apposition_name")
            elif end - (i + 1) == 1 and _apposed_surname(doc, i + 1):
                span = NameSpan(i + 1, end, "PER", "rule:apposition_surname")
        if span is not None:
            out.append(span)
            i = span.end
        else:
            i += 1
    return out


def _apposed_surname(doc: Doc, i: int) -> bool:
    """"Der designierte Präsident des Diakonischen Werkes, Kottnik, will …": one word between the commas after a
    definite role phrase is the person's surname when the tagger calls it a proper noun, no organisation keyword,
    non-name, role or place genitive, and the clause goes on with a finite verb in lower case after the second comma
    (not an enumeration "…, Bayern, Hessen und …"). Without a tagger (blank pipeline) nothing is read."""
    tok = doc[i]
    if tok.tag_ != "NE" and tok.pos_ != "PROPN" or tok.ent_type_ in ("ORG", "LOC") or not tok.is_alpha:
        return False
    if R.org_keyword(tok.text) or tok.text in R.lexicons().non_names or R.match_role_word(tok.text) \
            or R.nationality_of_genitive(tok.text) or tok.text.isupper():
        return False
    if i + 2 >= len(doc) or doc[i + 1].text != ",":
        return False
    verb = doc[i + 2]
    return verb.text[:1].islower() and "Fin" in verb.morph.get("VerbForm")


def _after_role_phrase(doc: Doc, comma: int) -> bool:
    """A definite role phrase ends at ``comma``: "die Generalsekretärin der WMO", "der Direktor der IEA (IEA)"."""
    layer = layer_of(doc)
    text, lower = layer.text, layer.lower
    for r in range(comma - 1, max(-1, comma - 10), -1):
        if text[r] in (".", "!", "?", ";", ",") or layer.is_space[r]:
            return False
        role = R.match_role_word(text[r])
        if role is not None and "exact" not in role.classes:
            return r > 0 and lower[r - 1] in R.ARTICLES | {"ein", "eine"} or r > 1 and lower[r - 2] in R.ARTICLES
    return False


def _is_name_word_or_initial(tok: Token) -> bool:
    return bool(INITIALS.match(tok.text)) or _is_name_word(tok)


def _adjective_like(tok: Token) -> bool:
    t = tok.text
    if not t[:1].isupper() or tok.lower_ in R.FUNCTION_WORDS or tok.is_sent_start and tok.lower_ in R.ARTICLES:
        return False
    if tok.pos_ == "ADJ":
        return True
    return bool(R.lexicons().party(t)) or t.lower().endswith(("e", "en", "er", "es", "em")) and t.isalpha() and not R.match_role_word(t)


def _may_start_org_rule(t: str) -> bool:
    """Whether one of the word rules of ``_org_rules`` can fire at a word ``t`` (the first condition of each)."""
    lex = R.lexicons()
    return t in lex.org_suffixes or bool(R.org_keyword(t)) or t in lex.org_product or bool(CAMEL.match(t))


@resources.memoised
def _org_rule_gate() -> dict[str, bool]:
    return {}


def _org_rules(doc: Doc, blocked: set[int]) -> list[NameSpan]:
    lex = R.lexicons()
    out = []
    gate = _org_rule_gate()  # _may_start_org_rule per word, one dict look-up per token
    if len(gate) > 65536:
        gate.clear()
    for i, t in enumerate(layer_of(doc).text):
        if i in blocked:
            continue
        may = gate.get(t)
        if may is None:
            may = gate[t] = _may_start_org_rule(t)
        if not may:
            continue
        if t in lex.org_suffixes and i > 0:
            s = i
            while s > 0 and i - s < 5 and (s - 1) not in blocked and (doc[s - 1].text[:1].isupper() or doc[s - 1].text == "&") and doc[s - 1].lower_ not in R.FUNCTION_WORDS:
                s -= 1
            if s < i:
                out.append(NameSpan(s, i + 1, "ORG", "rule:legal_form"))
            continue
        kind = R.org_keyword(t)
        if kind:
            s = i
            while s > 0 and i - s < 3 and (s - 1) not in blocked and _adjective_like(doc[s - 1]):
                s -= 1
            e = i + 1
            if e + 1 < len(doc) and t.lower().endswith("ministerium") and doc[e].lower_ in ("des", "der") and doc[e + 1].text[:1].isupper():
                e += 2  # "Bundesministerium des Innern", "Bundesministerium der Finanzen"
            if e + 1 < len(doc) and doc[e].lower_ == "für" and doc[e + 1].text[:1].isupper() and doc[e + 1].lower_ not in R.FUNCTION_WORDS:
                e += 2
                while e + 1 < len(doc) and doc[e].lower_ in ("und", "in", "der", "des") and doc[e + 1].text[:1].isupper() and doc[e + 1].lower_ not in R.FUNCTION_WORDS:
                    e += 2
            head = t.split("-")[-1]
            prefix = t[: -len(head) - 1] if "-" in t else ""
            proper_prefix = bool(prefix) and (prefix.isupper() or prefix.count("-") >= 1 or bool(lex.party(prefix)))
            bare = {head.lower(), head.lower()[:-1], head.lower()[:-2]} & lex.org_strong  # "Amt", "Amts", "Amtes"
            strong_alone = kind == "strong" and not bare
            indefinite = i > 0 and doc[i - 1].lower_ in INDEFINITE_DETERMINERS
            if s < i or e > i + 1 or proper_prefix or strong_alone and not indefinite:
                out.append(NameSpan(s, e, "ORG", f"rule:org_{kind}"))
            continue
        if t in lex.org_product and i > 0 and (i - 1) not in blocked and _is_name_word(doc[i - 1]) and doc[i - 1].text not in lex.org_product:
            out.append(NameSpan(i - 1, i + 1, "ORG", "rule:company_name"))
            continue
        # "OpenAI", "OVHcloud", "DeepMind"; not law abbreviations such as "AktG", "UrhG"
        if CAMEL.match(t) and len(t) >= 5 and not re.search(r"[a-z]G$", t) and not R.match_role_word(t) and t not in lex.org_suffixes:
            out.append(NameSpan(i, i + 1, "ORG", "rule:camel_case"))
    out += _parenthesis_orgs(doc, blocked)
    out += _acronym_definitions(doc, blocked)
    return out


def _acronym_definitions(doc: Doc, blocked: set[int]) -> list[NameSpan]:
    """"Deutschen Umwelthilfe (DUH)": a capitalised name defining an acronym is an organisation when the
    name has an institution word, or the acronym heads a title elsewhere ("DUH-Bundesgeschäftsführer").

    "Künstliche Intelligenz (KI)" stays out: no institution word and no "KI-Chef".
    """
    lex = R.lexicons()
    out = []
    text = layer_of(doc).text
    title_prefixes = None  # acronyms heading a title somewhere in the document, computed on first need
    for i in range(1, len(doc) - 2):
        if text[i] != "(" or text[i + 2] != ")" or not DEFINED_ACRONYM.match(text[i + 1]) or text[i + 1] in lex.non_names:
            continue
        if title_prefixes is None:
            title_prefixes = {m.prefix for t in text if "-" in t and (m := R.match_role_word(t)) is not None and m.prefix}
        acr = doc[i + 1].text
        s = i
        while s > 0 and i - s < 8 and (s - 1) not in blocked and (doc[s - 1].text[:1].isupper() or doc[s - 1].lower_ in ("für", "der", "des", "und", "in", "von")):
            s -= 1
        # the name starts at the farthest capitalised word with the acronym's initial ("Klage der Deutschen Umwelthilfe")
        s = next((k for k in range(s, i) if doc[k].text[:1] == acr[0] and doc[k].lower_ not in R.FUNCTION_WORDS), i)
        if s >= i:
            continue
        words = [t.text for t in doc[s:i]]
        titled = acr in title_prefixes
        if any(R.org_keyword(w) for w in words) or titled or any(w in lex.org_suffixes or w in lex.org_product for w in words):
            out.append(NameSpan(s, i, "ORG", "rule:acronym_definition"))
    return out


def _defined_acronym(doc: Doc, n: NameSpan) -> str | None:
    """The acronym a name defines right after it: "Internationale Energieagentur (IEA)" -> "IEA".

    The acronym must start with the initial of one of the name's words or hyphen parts ("Bundesamt für
    Sicherheit in der Informationstechnik (BSI)", "Kombi-Massiv-Bau (KMB)"; capitalised words just before the
    name count too, for names a model cut short), so that a bracketed source or
    picture credit ("Commerz Real AG (FOTO)", "Barcelona (DPA)") is not taken for one; words that are never
    names ("Bruttoinlandsprodukt (BIP)", non_names.tsv) are not acronyms of a name either.
    """
    e = n.end
    if e < len(doc) and doc[e].text in R.lexicons().org_suffixes:
        e += 1  # "Deutsche Gesellschaft für Krisenmanagement e.V. (DGfKM)" with the name tagged without "e.V."
    if e + 2 >= len(doc) or doc[e].text != "(" or doc[e + 2].text != ")":
        return None
    acr = doc[e + 1].text
    if not DEFINED_ACRONYM.match(acr) or acr in R.lexicons().non_names or ACRONYM.match(doc[n.start].text):
        return None
    s = n.start  # a name the model cut short: "der Jungen Union (JU)" with only "Union" tagged
    while s > 0 and n.start - s < 3 and doc[s - 1].text[:1].isupper() and doc[s - 1].lower_ not in R.FUNCTION_WORDS:
        s -= 1
    initials = {part[0].upper() for t in doc[s : n.end] for part in t.text.split("-")
                if part[:1].isalpha() and part.lower() not in R.FUNCTION_WORDS}
    return acr if acr[0] in initials else None


def _acronym_labels(doc: Doc, names: list[NameSpan]) -> None:
    """"Organisation (ACRONYM)": the acronym, and its later bare mentions in the document, are ORG also
    when a model labelled them otherwise ("Landesverband Nordfriesischer Imker (LNI)" ORG, "LNI" LOC).
    Only organisations pass their label on: a name a model calls a place or MISC is less often right than
    its acronym ("Hewlett-Packard (HP)" with "Hewlett-Packard" as LOC)."""
    defined_at: dict[str, int] = {}
    for n in sorted(names, key=lambda n: n.start):
        acr = _defined_acronym(doc, n) if n.label == "ORG" else None
        if acr and acr not in defined_at:
            defined_at[acr] = n.end
    if not defined_at:
        return
    for n in names:
        if n.end - n.start == 1 and n.priority < 4 and n.start >= defined_at.get(doc[n.start].text, len(doc)):
            n.label = "ORG"


def _parenthesis_orgs(doc: Doc, blocked: set[int]) -> list[NameSpan]:
    """"(Head of Marketing, OVHcloud)": a capitalised part after a role inside parentheses is the employer."""
    out = []
    text = layer_of(doc).text
    for i, t in enumerate(text):
        if t != "(" or i + 1 >= len(doc) or not R.match_role_word(text[i + 1]):
            continue
        close = next((k for k in range(i + 1, min(len(doc), i + 20)) if doc[k].text == ")"), None)
        if close is None:
            continue
        commas = [k for k in range(i + 1, close) if doc[k].text == ","]
        if not commas:
            continue
        s, e = commas[-1] + 1, close
        if e - s <= 4 and all(doc[k].text[:1].isupper() or doc[k].text in ("&", "-") for k in range(s, e)) and not (set(range(s, e)) & blocked):
            if not R.match_role_word(doc[s].text) and not R.lexicons().party(doc[s:e].text):
                out.append(NameSpan(s, e, "ORG", "rule:parenthesis_employer"))
    return out


def _genitive_locations(doc: Doc, patterns: EntityPatterns, blocked: set[int]) -> list[NameSpan]:
    """'Frankreichs', 'Europas': the genitive of a single-word place from the patterns file."""
    out = []
    for i, t in enumerate(layer_of(doc).text):
        if i in blocked or len(t) < 4 or not t.endswith("s") or not t[:1].isupper():
            continue
        hit = patterns.phrases.get((t[:-1],))
        if hit and hit[0] == "LOC":
            out.append(NameSpan(i, i + 1, "LOC", "rule:genitive_place", hit[1] or t[:-1]))
    return out


def _select(candidates: Iterable[NameSpan]) -> list[NameSpan]:
    """Non-overlapping spans: longest first, then the higher priority."""
    chosen: list[NameSpan] = []
    occupied: set[int] = set()
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if not any(i in occupied for i in range(cand.start, cand.end)):
            chosen.append(cand)
            occupied.update(range(cand.start, cand.end))
    return sorted(chosen, key=lambda c: c.start)


def find_names(doc: Doc, patterns: EntityPatterns | None = None) -> list[NameSpan]:
    """Named-entity spans after the rule-based corrections (see module docstring)."""
    patterns = patterns or default_patterns()
    gaz = [NameSpan(s, e, label, "user_patterns" if prio >= 4 else "patterns", cid, prio) for s, e, label, cid, prio in patterns.matches(doc)]
    # User patterns are authoritative: they win even over longer spans.
    user = _select(g for g in gaz if g.priority >= 4)
    blocked = {i for g in user for i in range(g.start, g.end)}
    gaz_sel = _select(g for g in gaz if g.priority < 4 and not any(i in blocked for i in range(g.start, g.end)))
    gaz_tokens = blocked | {i for g in gaz_sel for i in range(g.start, g.end)}
    rules = _org_rules(doc, blocked) + _genitive_locations(doc, patterns, gaz_tokens)
    rules += _person_rules(doc, gaz_tokens | {i for r in rules for i in range(r.start, r.end)})
    ruled = user + _select([*gaz_sel, *rules])
    ruled = _select(ruled) if user else ruled
    final = list(ruled)
    # final's spans by token, so that finding the ones a model name overlaps is not a scan of all (quadratic)
    at_token: dict[int, list[NameSpan]] = {}
    removed: set[int] = set()

    def add(span: NameSpan) -> None:
        final.append(span)
        for i in range(span.start, span.end):
            at_token.setdefault(i, []).append(span)

    for r in ruled:
        for i in range(r.start, r.end):
            at_token.setdefault(i, []).append(r)
    for m in _merge_name_keyword(doc, _model_names(doc)):
        overlapping = list({id(r): r for i in range(m.start, m.end) for r in at_token.get(i, ()) if id(r) not in removed}.values())
        if not overlapping:
            add(m)
        elif all(r.start >= m.start and r.end <= m.end and r.label == m.label and r.priority < 4 for r in overlapping) and m.label != "PER":
            # the model found a longer name of the same kind ("Christlich Demokratische Union Deutschlands")
            removed.update(id(r) for r in overlapping)
            add(NameSpan(m.start, m.end, m.label, "ner", overlapping[0].cid if len(overlapping) == 1 and m.end - m.start == overlapping[0].end - overlapping[0].start else None, 1))
    final = [r for r in final if id(r) not in removed]
    final = [_extend_by_name_part(doc, n) for n in sorted(final, key=lambda n: n.start)]
    return _merge_name_keyword(doc, _relabel_surnames(doc, _join_person_parts(doc, _select(final))))


def _join_person_parts(doc: Doc, names: list[NameSpan]) -> list[NameSpan]:
    """A person's name the model cut in two: two person spans side by side ("Kamel" "Morjane", with nothing but a
    space between) are one name, and a full name goes on over a nobiliary particle to a surname that is no other
    name ("Charlotte Cary" + "von Buttlar"; "Hans Müller von Siemens" stays a person and an employer)."""
    lex = R.lexicons()
    names = sorted(names, key=lambda n: n.start)
    starts = {n.start: n for n in names}
    out: list[NameSpan] = []
    skip: set[int] = set()
    for k, n in enumerate(names):
        if id(n) in skip:
            continue
        if n.label == "PER":
            nxt = starts.get(n.end)
            if (nxt is not None and nxt.label == "PER" and "\n" not in doc[n.end - 1].whitespace_
                    and doc[n.end - 1].whitespace_ and nxt.end - n.start <= 5):
                skip.add(id(nxt))
                n = NameSpan(n.start, nxt.end, "PER", n.source, None, max(n.priority, nxt.priority))
            # one particle, no article: "von der Charité" after a full name is an affiliation (an institution)
            j = n.end + 1
            if (n.end < len(doc) and doc[n.end].lower_ in R.NAME_PARTICLES and doc[n.end].text.islower()
                    and doc[n.end].lower_ not in R.ARTICLES
                    and j < len(doc) and n.end - n.start >= 2 and j not in starts and doc[j].text[:1].isupper()
                    and _is_name_word(doc[j]) and doc[j].ent_type_ in ("", "PER") and not R.org_keyword(doc[j].text)
                    and doc[j].text not in lex.non_names and doc[j].lower_ not in R.ARTICLES
                    and not any(o.start <= j < o.end for o in names)):
                n = NameSpan(n.start, j + 1, "PER", n.source, None, n.priority)
            else:
                n = _over_particle(doc, n, starts.get(j), j, skip)
        out.append(n)
    return out


def _over_particle(doc: Doc, n: NameSpan, nxt: NameSpan | None, j: int, skip: set[int]) -> NameSpan:
    """A particle between a person's name and a surname the model took for a name of its own: "Max v. Elverfeldt"
    ("Max" and "Elverfeldt" two person spans), "Charlotte Cary von Buttlar" ("Buttlar" a place). The name before
    the particle is a full name or a known given name (so "Peter von Siemens" needs the lexicon's "Peter"); the
    surname is one word the model found (a gazetteer place or an organisation after "von" is an affiliation), and
    no line break or comma lies between."""
    if nxt is None or nxt.end != j + 1 or nxt.source != "ner" or nxt.label not in ("PER", "LOC", "MISC"):
        return n
    particle = doc[n.end]
    if not (particle.lower_ in R.NAME_PARTICLES and particle.text[:1].islower() and particle.lower_ not in R.ARTICLES):
        return n
    if "\n" in doc[n.end - 1].whitespace_ or "\n" in particle.whitespace_ or not _is_name_word(doc[j]):
        return n
    if R.org_keyword(doc[j].text) or doc[j].text in R.lexicons().non_names:
        return n
    if n.end - n.start < 2 and not R.is_first_name(doc[n.start].text):
        return n
    skip.add(id(nxt))
    return NameSpan(n.start, j + 1, "PER", n.source, None, max(n.priority, nxt.priority))


def _relabel_surnames(doc: Doc, names: list[NameSpan]) -> list[NameSpan]:
    """A one-word model LOC/ORG/MISC that is the surname of a person named in full is that person ("Vollmer")."""
    surnames = set()
    for n in names:
        words = _person_tokens(doc, n) if n.label == "PER" else []
        split = _split_person(words)
        if split:
            surnames.add(split[1])
    out = []
    for n in names:
        if n.source == "ner" and n.label != "PER" and (_span_text(doc, n.start, n.end),) in surnames:
            n = NameSpan(n.start, n.end, "PER", "ner", None, n.priority)
        out.append(n)
    return out


def _merge_name_keyword(doc: Doc, names: list[NameSpan]) -> list[NameSpan]:
    """"Robert Bosch Stiftung", "Bertelsmann Stiftung": a name followed by a bare institution word is one organisation."""
    out: list[NameSpan] = []
    text = layer_of(doc).text
    for n in names:
        k = n.end
        head = text[k].lower() if k < len(doc) else ""
        if (n.label in ("PER", "ORG") and head and R.org_keyword(text[k]) and (head in R.lexicons().org_weak or head in R.lexicons().org_strong)
                and not any(o.start == k for o in names)):
            out.append(NameSpan(n.start, k + 1, "ORG", "rule:name_institution", None, n.priority))
        else:
            out.append(n)
    return out


def _extend_by_name_part(doc: Doc, name: NameSpan) -> NameSpan:
    """Parser evidence: a capitalised token attached to the name as a name part (TIGER pnc, UD flat) belongs to it."""
    if name.label != "PER" or name.end >= len(doc) or not R.has_parse(doc):
        return name
    nxt = doc[name.end]
    if not (nxt.text[:1].isupper() and _is_name_word(nxt)):
        return name
    # UD: "Mensah" is flat of "Kwame"; TIGER: "Kwame" is pnc of "Mensah"
    joined = syntax.has_role(nxt, syntax.NAME_PART) and name.start <= nxt.head.i < name.end
    joined = joined or any(syntax.has_role(t, syntax.NAME_PART) and t.head.i == nxt.i for t in doc[name.start : name.end])
    if joined:
        return NameSpan(name.start, name.end + 1, name.label, name.source, name.cid, name.priority)
    return name


# --------------------------------------------------------------------------- linking


@dataclass
class _Cluster:
    label: str
    key: str
    names: list[NameSpan] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    cid: str | None = None
    acronym: str | None = None
    surname: tuple[str, ...] = ()
    full: tuple[str, ...] = ()


def _person_tokens(doc: Doc, n: NameSpan) -> list[str]:
    words = [t.text for t in doc[n.start : n.end] if t.text not in TITLE_ABBREVIATIONS]
    if words and words[-1].endswith(("'", "’")):
        words[-1] = words[-1][:-1]
    return [w for w in words if w not in ("'", "’")]


def _split_person(words: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(full name, surname) of a name with a given name; None for a surname-only mention."""
    if len(words) < 2 or words[0].lower() in R.NAME_PARTICLES:
        return None
    for k in range(1, len(words)):
        if words[k].lower() in R.NAME_PARTICLES:
            return tuple(words), tuple(words[k:])
    return tuple(words), (words[-1],)


def _key(words: Iterable[str]) -> str:
    return re.sub(r"[^a-z0-9]+", "", R.fold("".join(words)))


def _person_clusters(doc: Doc, names: list[NameSpan], sent_of: list[int]) -> list[_Cluster]:
    clusters: dict[str, _Cluster] = {}
    singles: list[tuple[NameSpan, list[str]]] = []
    for n in (n for n in names if n.label == "PER"):
        words = _person_tokens(doc, n)
        split = _split_person(words)
        if split is None:
            singles.append((n, words))
            continue
        full, surname = split
        c = clusters.setdefault(_key(full), _Cluster("PER", _key(full), full=full, surname=surname))
        if len(full) > len(c.full):
            c.full, c.surname = full, surname
        c.names.append(n)
        c.methods.append("full_name")
    by_surname: dict[str, list[_Cluster]] = defaultdict(list)
    for c in clusters.values():
        by_surname[_key(c.surname)].append(c)
    standalone: dict[str, _Cluster] = {}
    for n, words in singles:
        key = _key(words)
        cands = by_surname.get(key) or (by_surname.get(key[:-1]) if key.endswith("s") else None) or []
        target = _pick_surname_cluster(cands, n, sent_of)
        if target is not None:
            target.names.append(n)
            target.methods.append("surname_alias")
        else:
            c = standalone.setdefault(key, _Cluster("PER", key, full=tuple(words), surname=tuple(words)))
            c.names.append(n)
            c.methods.append("full_name")
    return [*clusters.values(), *standalone.values()]


def _pick_surname_cluster(cands: list[_Cluster], n: NameSpan, sent_of: list[int]) -> _Cluster | None:
    """The person a surname-only mention refers to; with two candidates only if one was named just before."""
    if len(cands) == 1:
        return cands[0]
    if not cands:
        return None
    recent = []
    for c in cands:
        before = [m.start for m in c.names if m.start < n.start]
        if before:
            recent.append((sent_of[n.start] - sent_of[max(before)], c))
    recent.sort(key=lambda x: x[0])
    # evidence: the closest namesake was named in this or the previous sentence, the other one not within 3 sentences
    if recent and recent[0][0] <= 1 and (len(recent) == 1 or recent[1][0] > 3):
        return recent[0][1]
    return None


def _org_form(doc: Doc, n: NameSpan) -> str:
    text = layer_of(doc).text
    prev = text[n.start - 1] if n.start > 0 else None
    words = text[n.start : n.end]
    return R.nominative_org_name(words, prev) if n.label == "ORG" else " ".join(words)


def _other_clusters(doc: Doc, names: list[NameSpan]) -> list[_Cluster]:
    """ORG/LOC/MISC: same normalised name, same patterns-file id, or 'Name (ACRONYM)' are one entity."""
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    others = [n for n in names if n.label != "PER"]
    keys = []
    suffixes = R.lexicons().org_suffixes
    for n in others:
        words = _org_form(doc, n).split()
        while len(words) > 1 and words[-1] in suffixes:
            words = words[:-1]  # "Nordwind Energie GmbH" and "Nordwind Energie" are one company
        k = "n:" + _key(words)
        find(k)
        if n.cid:
            union("id:" + _key(n.cid.split()), k)
            union("id:" + _key(n.cid.split()), "n:" + _key(n.cid.split()))
        keys.append(k)
    acronyms: dict[str, str] = {}
    for n, k in zip(others, keys):
        acr = _defined_acronym(doc, n)
        if acr:
            acronyms[acr] = k
            union(k, "n:" + _key([acr]))
    groups: dict[str, _Cluster] = {}
    for n, k in zip(others, keys):
        root = find(k)
        c = groups.setdefault(root, _Cluster(n.label, root))
        c.names.append(n)
        c.cid = c.cid or n.cid
    for acr, k in acronyms.items():
        groups[find(k)].acronym = acr
    return list(groups.values())


def _scan_repeats(doc: Doc, clusters: list[_Cluster], names: list[NameSpan], sent_of: list[int]) -> None:
    """Occurrences of a known name, surname or acronym that the NER missed become mentions."""
    taken = {i for n in names for i in range(n.start, n.end)}
    texts = layer_of(doc).text
    forms: dict[tuple[str, ...], tuple[_Cluster, str]] = {}
    namesakes: dict[tuple[str, ...], list[_Cluster]] = defaultdict(list)
    suffixes = R.lexicons().org_suffixes
    for c in clusters:
        if c.label == "PER":
            if len(c.full) >= 2:
                forms.setdefault(c.full, (c, "full_name"))
                namesakes[c.surname].append(c)
                forms.setdefault(c.surname, (c, "surname_alias"))
                if c.surname[0].lower() in R.NAME_PARTICLES:  # "De Vries" opening a sentence
                    upper = (c.surname[0][:1].upper() + c.surname[0][1:], *c.surname[1:])
                    namesakes[upper].append(c)
                    forms.setdefault(upper, (c, "surname_alias"))
        else:
            for n in c.names:
                words = tuple(texts[n.start : n.end])
                if any(w[:1].isupper() for w in words) and len("".join(words)) >= 2:
                    forms.setdefault(words, (c, "scan"))
                    if len(words) > 1 and words[-1] in suffixes:
                        forms.setdefault(words[:-1], (c, "scan"))  # "Nordwind Energie" after "Nordwind Energie GmbH"
            if c.acronym:
                forms.setdefault((c.acronym,), (c, "acronym"))
    if not forms:
        return
    lengths: dict[str, list[int]] = defaultdict(list)  # first word -> lengths of forms starting with it, longest first
    for f in forms:
        lengths[f[0]].append(len(f))
    for v in lengths.values():
        v.sort(reverse=True)
    size = len(texts)
    i = 0
    while i < size:
        options = lengths.get(texts[i])
        if options is None:
            i += 1  # no known form starts with this word
            continue
        hit = None
        for n in options:
            words = tuple(texts[i : i + n])
            if words in forms and not any(k in taken for k in range(i, i + n)):
                hit = (n, *forms[words])
                break
        if hit and hit[2] == "surname_alias" and len(namesakes[tuple(texts[i : i + hit[0]])]) > 1:
            owner = _pick_surname_cluster(namesakes[tuple(texts[i : i + hit[0]])], NameSpan(i, i + hit[0], "PER", "scan"), sent_of)
            hit = (hit[0], owner, "surname_alias") if owner is not None else None
            if hit is None:
                i += 1
                continue
        if hit:
            n, c, method = hit
            prev = doc[i - 1].lower_ if i else ""
            # a bare surname after an article is a common noun ("der Schäfer"), not the person
            if not (method == "surname_alias" and prev in R.ARTICLES | {"ein", "eine", "einen", "einem"}):
                span = NameSpan(i, i + n, c.label, "scan", c.cid, 0)
                c.names.append(span)
                if c.label == "PER":
                    c.methods.append(method)
                names.append(span)
                taken.update(range(i, i + n))
            i += n
        else:
            i += 1


# --------------------------------------------------------------------------- assembly


def _canonical_other(doc: Doc, c: _Cluster) -> str:
    forms = [_org_form(doc, n) for n in c.names]
    long_forms = [f for f in forms if not ACRONYM.match(f) or f == c.acronym and len(forms) == 1] or forms
    best = max(long_forms, key=lambda f: (len(f.split()), len(f), -forms.index(f)))
    if c.cid and _same_name(c.cid, best):
        return c.cid
    return best


def _same_name(a: str, b: str) -> bool:
    """Equal up to inflection endings: 'Niedersachsen'/'Niedersachsens', 'Internationale'/'Internationalen'."""
    wa, wb = R.fold(a).split(), R.fold(b).split()
    if len(wa) != len(wb):
        return False
    endings = ("", "s", "es", "e", "en", "er", "n", "em")
    return all(x == y or any(x + e == y or y + e == x for e in endings) or x.rstrip("nsrme") == y.rstrip("nsrme") for x, y in zip(wa, wb))



@dataclass
class _Built:
    cluster: _Cluster
    entity: Entity


def extract_entities(doc: Doc, patterns: EntityPatterns | None = None) -> tuple[list[Mention], list[Entity]]:
    """Mentions and entities of one Doc (also replaces ``doc.ents`` with the corrected names)."""
    if len(doc) == 0:
        return [], []
    doc.user_data.pop(_INDEX_KEY, None)  # sentence boundaries may have changed since the last call
    sent_of = sentence_index(doc)
    names = find_names(doc, patterns)
    _acronym_labels(doc, names)
    clusters = _person_clusters(doc, names, sent_of) + _other_clusters(doc, names)
    _scan_repeats(doc, clusters, names, sent_of)
    _set_ents(doc, names)
    ctx = R.NameContext()
    for n in names:
        for i in range(n.start, n.end):
            ctx.label_at[i] = n.label
            ctx.span_at[i] = (n.start, n.end)
    clusters.sort(key=lambda c: min(n.start for n in c.names))
    built = [_Built(c, _entity(doc, c, k + 1)) for k, c in enumerate(clusters)]
    org_by_span = {(n.start, n.end): b.entity for b in built if b.cluster.label != "PER" for n in b.cluster.names}
    for b in built:
        if b.cluster.label == "PER":
            _attach_roles(doc, b, ctx, sent_of, org_by_span, [x.entity for x in built if x.cluster.label != "PER"])
    mentions = []
    for b in built:
        methods = b.cluster.methods or []
        for k, n in enumerate(b.cluster.names):
            method = methods[k] if k < len(methods) and b.cluster.label == "PER" else _method_other(doc, n, b)
            mentions.append(_mention(doc, n.start, n.end, b.entity, n.label, method, sent_of, n.source))
    entities = [b.entity for b in built]
    _gender_from_pronouns(doc, entities, mentions, sent_of)
    mentions += coref.reference_mentions(doc, mentions, entities, sent_of)
    mentions.sort(key=lambda m: (m.start_char, m.end_char))
    for k, m in enumerate(mentions, 1):
        m.mention_id = make_id(doc, "M", k)
    counts = Counter(m.entity_id for m in mentions)
    for e in entities:
        e.n_mentions = counts[e.entity_id]
    return mentions, entities


def _method_other(doc: Doc, n: NameSpan, b: _Built) -> str:
    text = _span_text(doc, n.start, n.end)
    if b.entity.acronym and text == b.entity.acronym:
        return "acronym"
    return "full_name" if _org_form(doc, n) == b.entity.canonical_name or n.cid == b.entity.canonical_name else "name_variant"


def _mention(doc: Doc, start: int, end: int, entity: Entity, label: str, method: str, sent_of: list[int], evidence: str = "") -> Mention:
    if start >= end:
        span = doc[start:end]
        return Mention("", entity.entity_id, span.text, label, span.start_char, span.end_char, sent_of[start], method, start, end, evidence)
    layer = layer_of(doc)  # offsets and text from the layer (no Span or Token views)
    start_char, end_char = layer.char_span(start, end)
    return Mention("", entity.entity_id, layer.doc_text[start_char:end_char], label, start_char, end_char, sent_of[start], method, start, end, evidence)


def _has_other_entity_types(doc: Doc) -> bool:
    """Whether a token carries an entity type other than ours (``LABEL_MAP``), read from the ENT_TYPE array."""
    strings = doc.vocab.strings
    return any(h and strings[h] not in LABEL_MAP for h in set(doc.to_array(ENT_TYPE).tolist()))


def _set_ents(doc: Doc, names: list[NameSpan]) -> None:
    """Replace ``doc.ents`` with the corrected names; entities of other kinds (DATE ...) a model found stay."""
    spans = [Span(doc, n.start, n.end, label=n.label) for n in names]
    taken = {i for n in names for i in range(n.start, n.end)}
    if _has_other_entity_types(doc):  # building doc.ents makes a Span per entity: only when one can stay
        spans += [e for e in doc.ents if e.label_ not in LABEL_MAP and not taken & set(range(e.start, e.end))]
    spans.sort(key=lambda sp: sp.start)
    try:
        doc.set_ents(spans, default="outside")
    except ValueError:  # overlapping spans cannot happen after _select; keep the model's ents if they do
        pass


def _entity(doc: Doc, c: _Cluster, number: int) -> Entity:
    eid = make_id(doc, "E", number)
    if c.label == "PER":
        canonical = " ".join(c.full)
        aliases = frozenset({_key(c.full), _key(c.surname)})
        return Entity(eid, "PER", canonical, None, 0, global_id=global_id("PER", canonical), aliases=aliases)
    canonical = _canonical_other(doc, c)
    label = Counter(n.label for n in c.names).most_common(1)[0][0]
    acronym = c.acronym
    if acronym is None:
        caps = {t for t in (_span_text(doc, n.start, n.end) for n in c.names) if ACRONYM.match(t)}
        caps.discard(canonical)
        acronym = sorted(caps)[0] if len(caps) == 1 else None
    forms = {_key(_org_form(doc, n).split()) for n in c.names} | {_key(canonical.split())}
    if acronym:
        forms.add(_key([acronym]))
    if c.cid:
        forms.add(_key(c.cid.split()))
        forms |= {_key(f) for f in _pattern_aliases().get(c.cid, ())}  # "VW" answers for Volkswagen
    number_ = "plur" if R.fold(canonical) in PLURAL_NAMES else "sing"
    return Entity(eid, label, canonical, acronym, 0, number=number_, global_id=global_id(label, c.cid or canonical), aliases=frozenset(forms))


def _resolve_affiliation(att: R.Attachment, org_by_span: dict, orgs: list[Entity]) -> tuple[str, frozenset[str]]:
    """Affiliation text as the organisation's canonical name when it is a known entity, with match keys."""
    ent = org_by_span.get(att.org_span) if att.org_span else None
    if ent is None:
        key = _key(att.text.split())
        ent = next((o for o in orgs if key in o.aliases), None)
    if ent is not None:
        return ent.canonical_name, ent.aliases | {_key(ent.canonical_name.split())}
    return att.text, frozenset({_key(att.text.split())})


def _attach_roles(doc: Doc, b: _Built, ctx: R.NameContext, sent_of: list[int], org_by_span: dict, orgs: list[Entity]) -> None:
    e = b.entity
    roles_, affs, matches, keys, nats, parties = [], [], [], set(), set(), set()
    genders = []
    for n in b.cluster.names:
        for att in R.attachments_for_name(doc, doc[n.start : n.end], ctx, sent_of):
            if att.kind == "role":
                if R.fold(att.text) not in {R.fold(r) for r in roles_}:
                    roles_.append(att.text)
                if att.role is None and not e.role_ending_gender:
                    e.role_ending_gender = _role_ending_gender(att.text)
                if att.role is not None:
                    matches.append(att.role)
                    genders.append(att.role.gender)
                    if att.role.nationality:
                        nats.add(att.role.nationality)
                    if att.role.prefix:
                        keys.add(_key([att.role.prefix]))
                    if att.role.party:
                        parties.add(att.role.party)
            else:
                text, k = _resolve_affiliation(att, org_by_span, orgs)
                if R.fold(text) not in {R.fold(a) for a in affs}:
                    affs.append(text)
                keys |= k
                party = R.lexicons().party(text)
                if party:
                    parties.add(party.canonical)
    e.roles, e.affiliation = tuple(roles_), tuple(affs)
    e.role_matches, e.org_keys, e.nationalities, e.parties = tuple(matches), frozenset(keys), frozenset(nats), frozenset(parties)
    if "female" in genders:
        e.gender, e.gender_evidence = "female", "role noun"
    elif "male" in genders:
        e.gender, e.gender_evidence = "male", "role noun"


def _gender_from_pronouns(doc: Doc, entities: list[Entity], mentions: list[Mention], sent_of: list[int]) -> None:
    """Text evidence: 'er' / singular 'sie' opening the sentence after the only person of the previous one.

    Then the first-name lexicon for persons the text says nothing about. Role nouns were applied before.
    """
    per_sent: dict[int, set[str]] = defaultdict(set)
    for m in mentions:
        if m.label == "PER":
            per_sent[m.sent_index].add(m.entity_id)
    votes: dict[str, set[str]] = defaultdict(set)
    for i, low in enumerate(layer_of(doc).lower):
        if low not in ("er", "sie"):
            continue
        tok = doc[i]
        if not _sentence_initial(doc, tok, sent_of):
            continue
        if tok.lower_ == "sie" and coref.verb_number(tok) != "sing":
            continue  # "Sie hatten ...": a group, or no evidence for the singular
        prev = per_sent.get(sent_of[tok.i] - 1, set())
        if len(prev) == 1 and not per_sent.get(sent_of[tok.i]):
            votes[next(iter(prev))].add("male" if tok.lower_ == "er" else "female")
    for e in entities:
        if e.label != "PER" or e.gender:
            continue
        if len(votes.get(e.entity_id, ())) == 1:
            e.gender, e.gender_evidence = next(iter(votes[e.entity_id])), "pronoun"
            continue
        first = e.canonical_name.split()[0] if " " in e.canonical_name else None
        if first and not INITIALS.match(first):
            gender = R.first_name_gender(first.split("-")[0])
            if gender:
                e.gender, e.gender_evidence = gender, "first-name lexicon"
                continue
        if e.role_ending_gender:
            # "Mitorganisator Donatus Schmidt": no lexicon knows the role noun or the given name, the noun's
            # agent suffix still shows the gender (so a later "er" can reach him over another man)
            e.gender, e.gender_evidence = e.role_ending_gender, "role noun ending"


ROLE_ENDINGS_FEMALE = resources.word_list("names_role_endings_female")
ROLE_ENDINGS_MALE = resources.word_list("names_role_endings_male")


def _role_ending_gender(role_text: str) -> str | None:
    """Gender of a role noun by its agent suffix ("Mitorganisator" male, "Aktivistin" female); None for other words."""
    words = role_text.split()
    word = words[-1].split("-")[-1] if words else ""
    if len(word) < 5 or not word[:1].isupper() or not word.isalpha():
        return None
    low = word.lower()
    if any(low.endswith(x) for x in ROLE_ENDINGS_FEMALE):
        return "female"
    if any(low.endswith(x) for x in ROLE_ENDINGS_MALE):
        return "male"
    return None


def _sentence_initial(doc: Doc, tok: Token, sent_of: list[int]) -> bool:
    i = tok.i - 1
    while i >= 0 and sent_of[i] == sent_of[tok.i] and (doc[i].is_space or doc[i].is_punct):
        i -= 1
    return i < 0 or sent_of[i] != sent_of[tok.i]


# --------------------------------------------------------------------------- API for the claims stage


class MissingEntitiesError(ValueError):
    """The Doc has no entity annotation: ``claimgraph_entities`` did not run before the stage that asks."""


def require_entities(doc: Doc, asking: str = "the claims stage") -> tuple[list[Mention], list[Entity]]:
    """``doc._.mentions`` and ``doc._.entities``; a Doc without them is an error, never a silent re-run."""
    if doc._.entities is None or doc._.mentions is None:
        raise MissingEntitiesError(
            f"{asking} needs doc._.entities, but the Doc has none: add 'claimgraph_entities' to the pipeline "
            "before it (nlp.add_pipe('claimgraph_entities'))"
        )
    return doc._.mentions, doc._.entities


_INDEX_KEY = "claimgraph_entities_indices"


def _indices(doc: Doc) -> tuple[list[int], list[int]]:
    """Sentence and narrative-sentence indices, computed once per Doc: the claims stage asks per speaker."""
    cached = doc.user_data.get(_INDEX_KEY)
    if cached is None or len(cached[0]) != len(doc):
        sent_of = sentence_index(doc)
        cached = (sent_of, coref.narrative_index(doc, sent_of))
        doc.user_data[_INDEX_KEY] = cached
    return cached


def entity_for_span(doc: Doc, start_char: int, end_char: int) -> Entity | None:
    """The entity of a mention overlapping the given character range, if any (names before pronouns)."""
    mentions, entities = require_entities(doc)
    by_id = {e.entity_id: e for e in entities}
    hits = overlapping(mentions, start_char, end_char)  # indexed: asked once per claim
    if not hits:
        return None
    rank = {"full_name": 0, "surname_alias": 0, "acronym": 1, "name_variant": 1, "role_description": 2, "pronoun": 3}
    best = min(hits, key=lambda m: (rank.get(m.link_method, 4), m.label != "PER", abs(m.start_char - start_char)))
    return by_id.get(best.entity_id)


def resolve_pronoun(doc: Doc, token: Token, features: tuple[str | None, str | None] | None = None) -> tuple[Entity | None, str]:
    """Antecedent of a personal pronoun used as a speaker (or of a possessive with known ``features``), with evidence text."""
    mentions, entities = require_entities(doc)
    sent_of, narrative = _indices(doc)
    entity, evidence, _ = coref.rank_pronoun(doc, token, mentions, entities, sent_of, narrative, features)
    return entity, evidence


def resolve_description(doc: Doc, span: Span) -> tuple[Entity | None, str]:
    """Person matching a description ("der UN-Chef") by role, party or affiliation, with evidence."""
    mentions, entities = require_entities(doc)
    entity, evidence, _ = coref.match_description(doc, span, mentions, entities)
    return entity, evidence
