"""Lexicons for people and organisations, and role/affiliation extraction around a person's name.

Everything here reads surface patterns first (capitalisation, punctuation, parentheses, the title
lexicon) because the statistical parser is weak on appositions; dependency arcs, read through
``pipeline.layer.syntax``, only add evidence (an out-of-lexicon noun becomes a role when the parser says it
is an apposition of the name).

Patterns covered (each returns :class:`Attachment` objects with the rule name as evidence):

* title before the name: "Bundeskanzler Olaf Scholz", "der französische Präsident Emmanuel Macron",
  "IEA-Direktor Fatih Birol" (the prefix "IEA" becomes an affiliation when it names an organisation)
* parentheses after the name: "Marina Köhn (Wissenschaftlerin, Umweltbundesamt)", "Olaf Scholz (SPD)"
* apposition after the name: "Maik Außendorf MdB, Sprecher für Digitalpolitik der Grünen Bundestagsfraktion"
* apposition before the name: "der Direktor der Internationalen Energieagentur (IEA), Fatih Birol"
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .. import resources
from ..layer import syntax

RESOURCES = resources.RESOURCES

# Words that never start or continue a name although capitalised (sentence-initial function words, months ...).
FUNCTION_WORDS = resources.words("names_function_words")
# Month and weekday names, capitalised words that never start a name: the calendar table's full forms.
MONTHS = frozenset(row[0] for row in resources.rows("figures_time.tsv") if row[1] in ("month", "weekday") and "." not in row[0])
NAME_PARTICLES = resources.words("names_particles")
# particles that only continue a particle run ("von der Leyen", "de la Cruz"), never open one ("Oliver der ...")
INNER_PARTICLES = resources.words("names_inner_particles")
ARTICLES = resources.words("names_articles")
ORG_LINKERS = resources.words("names_org_linkers")
OBLIQUE_DETERMINERS = resources.words("names_oblique_determiners")
TITLES = frozenset(title for title, _ in resources.rows("titles.tsv"))  # before a name, never part of it
ACADEMIC_TITLES = frozenset(title for title, group in resources.rows("titles.tsv") if group == "academic")


@functools.lru_cache(maxsize=65536)  # a pure function of the text, asked for the same names again and again
def fold(text: str) -> str:
    """Lowercase ASCII key: 'António Guterres' -> 'antonio guterres', 'Außendorf' -> 'aussendorf'."""
    text = text.replace("ß", "ss").replace("ẞ", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def has_parse(doc: Doc) -> bool:
    """Whether the Doc has dependency arcs to read (``syntax.roles`` maps both label schemes).

    Cheaper than ``syntax.is_parsed`` (which collects every label to name the scheme) and the same
    for our purpose: labels of neither scheme have no roles anyway.
    """
    # a parse is all or nothing, so the first token answers in O(1) (has_annotation walks the Doc)
    return len(doc) > 0 and bool(doc[0].dep_)


def _data_lines(name: str) -> list[list[str]]:
    return resources.rows(name)


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class RoleNoun:
    form: str
    gender: str | None
    base: str
    classes: frozenset[str]

    @property
    def exact(self) -> bool:
        return "exact" in self.classes


@dataclass(frozen=True)
class Party:
    canonical: str
    country: str
    names: tuple[str, ...]
    members: tuple[str, ...]
    adjectives: tuple[str, ...]


@dataclass(frozen=True)
class Lexicons:
    roles: dict[str, RoleNoun]  # lowercase form -> noun
    blocked_roles: frozenset[str]
    first_names: dict[str, str]  # folded first name -> female|male
    org_suffixes: frozenset[str]
    org_strong: frozenset[str]  # lowercase head nouns of institutions ("amt", "ministerium")
    org_weak: frozenset[str]
    org_product: frozenset[str]
    org_exclude: frozenset[str]
    org_gender: dict[str, str]  # head noun ending -> masculine | neuter
    non_names: frozenset[str]  # words a NER model tags although they are no names ("Euro", "KI")
    parties: tuple[Party, ...]
    party_by_name: dict[str, Party]  # folded written name or member noun -> party
    nationality_adjectives: dict[str, str]  # adjective stem -> country code
    nationality_names: dict[str, str]  # folded country name -> code
    nationality_prefixes: dict[str, str]  # "US" -> "US"

    def party(self, text: str) -> Party | None:
        return self.party_by_name.get(fold(text))


@resources.memoised
def lexicons() -> Lexicons:
    roles, blocked = {}, set()
    for row in _data_lines("role_nouns.tsv"):
        if row[0].startswith("!"):
            blocked.add(row[0][1:].lower())
            continue
        form, gender, base, classes = row[:4]
        noun = RoleNoun(form, None if gender == "-" else gender, base, frozenset(classes.split(",")))
        # An English "Manager" must not shadow the German one with gender: first entry wins.
        roles.setdefault(form.lower(), noun)
    first_names = {fold(r[0]): r[1] for r in _data_lines("first_names_gender.tsv")}
    kinds: dict[str, list[str]] = {}
    for kind, value in _data_lines("org_keywords.tsv"):
        kinds.setdefault(kind, []).append(value)
    parties, by_name = [], {}
    for row in _data_lines("parties.tsv"):
        row += [""] * (5 - len(row))
        split = lambda s: tuple(x for x in s.split("|") if x)  # noqa: E731
        party = Party(row[0], row[1], split(row[2]), split(row[3]), split(row[4]))
        parties.append(party)
        for name in (party.canonical, *party.names, *party.members):
            by_name.setdefault(fold(name), party)
    adjectives, names, prefixes = {}, {}, {}
    for code, adjs, countries, pref in _data_lines("nationalities.tsv"):
        for a in adjs.split("|"):
            adjectives[a] = code
        for c in countries.split("|"):
            names[fold(c)] = code
        for p in pref.split("|"):
            prefixes[p] = code
    return Lexicons(
        roles=roles,
        blocked_roles=frozenset(blocked),
        first_names=first_names,
        org_suffixes=frozenset(kinds.get("suffix", ())),
        org_strong=frozenset(kinds.get("strong", ())),
        org_weak=frozenset(kinds.get("weak", ())),
        org_product=frozenset(kinds.get("product", ())),
        org_exclude=frozenset(kinds.get("exclude", ())),
        org_gender={**{k: "masculine" for k in kinds.get("masculine", ())}, **{k: "neuter" for k in kinds.get("neuter", ())}},
        non_names=frozenset(r[0] for r in _data_lines("non_names.tsv")),
        parties=tuple(parties),
        party_by_name=by_name,
        nationality_adjectives=adjectives,
        nationality_names=names,
        nationality_prefixes=prefixes,
    )


def first_name_gender(word: str) -> str | None:
    return lexicons().first_names.get(fold(word))


@resources.memoised_by_argument(65536)  # asked of every capitalised word by several rules
def is_first_name(word: str) -> bool:
    """In the first-name list; a hyphenated given name ("Karl-Heinz", "Marie-Agnes") when all parts are."""
    names = lexicons().first_names
    return fold(word) in names or "-" in word and all(fold(p) in names for p in word.split("-") if p)


def nationality_of_adjective(word: str) -> str | None:
    """'französische' -> 'FR' (the adjective stem with any inflection ending)."""
    w = word.lower()
    adj = lexicons().nationality_adjectives
    for ending in ("", "e", "en", "er", "es", "em"):
        if ending and not w.endswith(ending):
            continue
        stem = w[: len(w) - len(ending)] if ending else w
        if stem in adj:
            return adj[stem]
    return None


def nationality_of_genitive(word: str) -> str | None:
    """'Frankreichs' -> 'FR' (a country name in the genitive before a title)."""
    if len(word) > 3 and word.endswith("s"):
        return lexicons().nationality_names.get(fold(word[:-1]))
    return None


# --------------------------------------------------------------------------- role nouns


@dataclass(frozen=True)
class RoleMatch:
    """A title word analysed: "EU-Kommissionspräsidentin" -> prefix EU, base präsident, female."""

    text: str
    base: str
    gender: str | None
    classes: frozenset[str]
    prefix: str | None = None  # part before the last hyphen: "UN", "IEA", "SPD", "US"
    nationality: str | None = None  # country code from the prefix or an adjective
    party: str | None = None  # canonical party from a prefix ("SPD-Politiker") or a member noun


def _analyse_word(word: str) -> tuple[str | None, str]:
    if "-" in word.strip("-") and not word.lower().startswith("co-"):
        prefix, rest = word.rsplit("-", 1)
        return prefix, rest
    return None, word


def _ends_with_any(word: str, endings: frozenset[str]) -> bool:
    """``any(word.endswith(e) for e in endings)`` in len(word) set look-ups instead of len(endings) comparisons."""
    return any(word[k:] in endings for k in range(len(word)))


@resources.memoised_by_argument(65536)
def match_role_word(word: str) -> RoleMatch | None:
    """The role noun a (possibly compound, possibly hyphen-prefixed) word ends with, if any."""
    if not word or not word[0].isupper():
        return None
    lex = lexicons()
    if word.lower() in lex.blocked_roles:
        return None
    prefix, rest = _analyse_word(word)
    if not rest or not rest[0].isupper():
        return None
    low = rest.lower()
    if _ends_with_any(low, lex.blocked_roles):
        return None
    noun = lex.roles.get(low) or (lex.roles.get(word.lower()) if prefix and word.lower().startswith("co-") else None)
    if noun is None:
        # longest lexicon form that ends the compound, leaving a modifier of at least 3 letters: the suffixes of
        # the word are looked up from the longest down (a scan of the whole lexicon per word was a hot spot)
        noun = next((cand for k in range(3, len(low)) if (cand := lex.roles.get(low[k:])) and not cand.exact), None)
    elif noun.exact and rest != noun.form:
        return None
    if noun is None:
        return None
    nationality = lex.nationality_prefixes.get(prefix) if prefix else None
    party = lex.party(prefix).canonical if prefix and lex.party(prefix) else None
    return RoleMatch(word, noun.base, noun.gender, noun.classes, prefix, nationality, party)


def match_party_member(word: str) -> tuple[RoleMatch, str] | None:
    """'Republikaner' -> (role match, party canonical); member nouns stand for a party politician."""
    lex = lexicons()
    for party in lex.parties:
        for member in party.members:
            if word == member:
                gender = "female" if member.endswith("in") else None if member.endswith(("e", "y")) else "male"
                return RoleMatch(word, "politiker", gender, frozenset({"politics"}), None, party.country, party.canonical), party.canonical
    return None


# --------------------------------------------------------------------------- organisations


@resources.memoised_by_argument(65536)
def org_keyword(word: str) -> str | None:
    """'strong' or 'weak' when a capitalised word ends like an institution ("Umweltbundesamt")."""
    if not word or not word[0].isupper() or word in lexicons().org_exclude:
        return None
    low = word.split("-")[-1].lower()
    forms = [low] + ([low[:-1]] if low.endswith("s") else []) + ([low[:-2]] if low.endswith("es") else [])  # genitive
    for kind, keywords in (("strong", lexicons().org_strong), ("weak", lexicons().org_weak)):
        # the bare keyword or a real compound ("Murat" would not end in a keyword "rat"): the form itself or one of
        # its suffixes that leaves at least 3 letters in front
        if any(f in keywords or any(f[k:] in keywords for k in range(3, len(f))) for f in forms):
            return kind
    return None


@resources.memoised
def _org_gender_keywords() -> tuple[str, ...]:
    """The keywords of ``org_gender``, longest first (sorted once per resource set, not per word)."""
    return tuple(sorted(lexicons().org_gender, key=len, reverse=True))


def org_head_gender(word: str) -> str:
    low = word.split("-")[-1].lower()
    genders = lexicons().org_gender
    for kw in _org_gender_keywords():
        if low.endswith(kw):
            return genders[kw]
    return "feminine"


def nominative_org_name(tokens: list[str], preceded_by: str | None) -> str:
    """Citation form of an organisation name written after an article or contracted preposition.

    "der Internationalen Energieagentur" -> "Internationale Energieagentur", "des Umweltbundesamts" ->
    "Umweltbundesamt", "Der Deutsche Journalisten-Verband" -> "Deutscher Journalisten-Verband",
    "den Europäischen Gerichtshof" -> "Europäischer Gerichtshof". The leading adjectives get the
    strong ending that the head noun's gender (org_keywords.tsv; feminine by default) asks for; names
    from the patterns file with an ``id`` keep that spelling instead.
    """
    return _nominative_org_name(tuple(tokens), preceded_by)


@resources.memoised_by_argument(65536)  # asked several times per organisation mention (forms, canonical name)
def _nominative_org_name(tokens: tuple[str, ...], preceded_by: str | None) -> str:
    words = list(tokens)
    if not words or not preceded_by:
        return " ".join(words)
    art = preceded_by.lower()
    n_adj = 0
    while n_adj < len(words) - 1 and words[n_adj][:1].isupper() and words[n_adj].isalpha() and words[n_adj].endswith(("e", "en")) and words[n_adj + 1][:1].isupper():
        n_adj += 1
    head = next((w for w in words[n_adj:] if w[:1].isupper()), words[-1])
    genitive = art in ("des", "eines", "im", "beim", "vom", "am")
    if genitive and len(head) > 3 and head.endswith("s") and not head.isupper():
        stem = head[:-2] if head.endswith("es") and org_keyword(head[:-2]) else head[:-1]
        if org_keyword(stem):
            words[words.index(head)] = stem
            head = stem
    gender = org_head_gender(head)
    ending = {"masculine": "er", "neuter": "es", "feminine": "e"}[gender]
    oblique = art in OBLIQUE_DETERMINERS
    nominative_weak = art in ("der", "das", "die") and all(w.endswith("e") for w in words[:n_adj])
    if art == "der" and nominative_weak and gender == "feminine":
        return " ".join(words)  # "der" before "-e": nominative masculine, but the head says feminine; leave it
    for i in range(n_adj):
        w = words[i]
        if w.endswith("en") and oblique:
            words[i] = w[:-2] + ending
        elif w.endswith("e") and nominative_weak:
            words[i] = w[:-1] + ending
    return " ".join(words)


# --------------------------------------------------------------------------- attachments


@dataclass(frozen=True)
class Attachment:
    kind: str  # role | affiliation
    text: str  # as it will appear in the table
    rule: str
    start_char: int
    end_char: int
    role: RoleMatch | None = None
    org_span: tuple[int, int] | None = None  # token range of the affiliation's name, when it is a mention


@dataclass
class NameContext:
    """What role extraction needs to know about the document's name spans."""

    label_at: dict[int, str] = field(default_factory=dict)  # token index -> label of the name span covering it
    span_at: dict[int, tuple[int, int]] = field(default_factory=dict)  # token index -> (start, end) of that span

    def span_starting(self, i: int, label: str | None = None) -> tuple[int, int] | None:
        sp = self.span_at.get(i)
        if sp and sp[0] == i and (label is None or self.label_at.get(i) == label):
            return sp
        return None


def _affiliation_from_prefix(role: RoleMatch, tok: Token) -> list[Attachment]:
    if role.party:
        return [Attachment("affiliation", role.party, "title_prefix_party", tok.idx, tok.idx + len(role.prefix or ""), role)]
    if role.prefix and not role.nationality and (role.prefix.isupper() or role.prefix[:1].isupper()):
        # "IEA-Direktor", "EU-Kommissionspräsidentin", "Microsoft-Chef": the prefix names the organisation
        if len(role.prefix) >= 2 and not re.search(r"\d", role.prefix):
            return [Attachment("affiliation", role.prefix, "title_prefix_org", tok.idx, tok.idx + len(role.prefix), role)]
    return []


def _org_after(doc: Doc, i: int, ctx: NameContext, limit: int) -> tuple[int, int] | None:
    """Token range of an organisation name starting at ``i`` (a known span, or a party name)."""
    if i >= limit:
        return None
    sp = ctx.span_starting(i)
    if sp and ctx.label_at.get(i) in ("ORG", "LOC", "MISC") and sp[1] <= limit:
        return sp
    if lexicons().party(doc[i].text):
        return (i, i + 1)
    return None


def _acronym_after(doc: Doc, i: int) -> int:
    """Skip a parenthesised acronym "(IEA)" at ``i``; returns the index after it."""
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and re.fullmatch(r"[A-ZÄÖÜ][A-ZÄÖÜ0-9&]{1,7}", doc[i + 1].text):
        return i + 3
    return i


def _role_phrase(doc: Doc, i: int, limit: int, ctx: NameContext) -> tuple[int, int, RoleMatch | None]:
    """Extent of a role phrase whose head is at ``i``: "Sprecher für Digitalpolitik"; stops before 'der ORG'."""
    role = match_role_word(doc[i].text)
    end = i + 1
    # English titles: "Head of International Product Marketing", "Chief Technology Officer"
    if role and ("exact" in role.classes) and role.base not in ("mdb", "mdl", "mdep"):
        while end < limit and (doc[end].text[:1].isupper() or doc[end].lower_ in ("of", "and", "for", "&")) and doc[end].text not in (",", ")"):
            end += 1
        while end > i + 1 and doc[end - 1].lower_ in ("of", "and", "for", "&"):
            end -= 1
        return i, end, role
    if end + 1 < limit and doc[end].lower_ in ("der", "des") and doc[end + 1].text[:1].isupper() and ctx.label_at.get(end + 1) is None:
        # the genitive is part of the role unless it is a name: "Leiter der Arbeitsgruppe Hydrologie"
        j = end + 1
        while j < limit and doc[j].text[:1].isupper() and ctx.label_at.get(j) is None and doc[j].lower_ not in FUNCTION_WORDS:
            j += 1
        end = j
    if end < limit and doc[end].lower_ == "für":
        j = end + 1
        while j < limit and (doc[j].text[:1].isupper() and not ctx.label_at.get(j) == "PER" or doc[j].lower_ in ("und",)):
            if doc[j].lower_ == "und" and not (j + 1 < limit and doc[j + 1].text[:1].isupper()):
                break
            j += 1
        if j > end + 1:
            end = j
    return i, end, role


def _collect_orgs(doc: Doc, i: int, limit: int, ctx: NameContext) -> tuple[list[tuple[int, int, str | None]], int]:
    """Organisations linked to a role by 'der'/'des'/'bei'/'von'/'im': returns [(start, end, preceding word)], next index."""
    out = []
    while i < limit and doc[i].lower_ in ORG_LINKERS:
        sp = _org_after(doc, i + 1, ctx, limit)
        if sp is None:
            break
        out.append((sp[0], sp[1], doc[i].lower_))
        i = _acronym_after(doc, sp[1])
    return out, i


def _affiliation(doc: Doc, start: int, end: int, preceded_by: str | None, rule: str) -> Attachment:
    text = nominative_org_name([t.text for t in doc[start:end]], preceded_by)
    party = lexicons().party(text)
    if party:
        text = party.canonical
    return Attachment("affiliation", text, rule, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), org_span=(start, end))


def _role_attachment(doc: Doc, start: int, end: int, rule: str, role: RoleMatch | None, adjectives: list[Token] = ()) -> list[Attachment]:
    first = adjectives[0].i if adjectives else start
    text = doc[first:end].text
    nat = role.nationality if role else None
    for adj in adjectives:
        nat = nat or nationality_of_adjective(adj.text) or nationality_of_genitive(adj.text)
    if role is not None and nat != role.nationality:
        role = dataclasses.replace(role, nationality=nat)
    out = [Attachment("role", text, rule, doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text), role)]
    if role is not None:
        out += _affiliation_from_prefix(role, doc[start])
    return out


def _is_appositive_noun(tok: Token, name: Span) -> bool:
    """Parser evidence: ``tok`` is an apposition of the name (or the name of ``tok``), and a noun."""
    if not has_parse(tok.doc) or tok.pos_ not in ("NOUN", "PROPN") or not tok.text[:1].isupper():
        return False
    if _ends_with_any(tok.lower_, lexicons().blocked_roles):
        return False  # kinship and relational nouns: "Ihr Kollege Jonas Weber"
    if syntax.has_role(tok, syntax.APPOSITION) and tok.head.i in range(name.start, name.end):
        return True
    return any(syntax.has_role(t, syntax.APPOSITION) and t.head.i == tok.i for t in name)


def _sentence_bounds(doc: Doc, span: Span, sent_of: list[int]) -> tuple[int, int]:
    s = sent_of[span.start]
    a = span.start
    while a > 0 and sent_of[a - 1] == s:
        a -= 1
    b = span.end
    while b < len(doc) and sent_of[b] == s:
        b += 1
    return a, b


def attachments_for_name(doc: Doc, name: Span, ctx: NameContext, sent_of: list[int]) -> list[Attachment]:
    """Roles and affiliations written around one person-name mention."""
    lo, hi = _sentence_bounds(doc, name, sent_of)
    out: list[Attachment] = []
    out += _title_before(doc, name, ctx, lo)
    out += _after_name(doc, name, ctx, hi)
    out += _apposition_before(doc, name, ctx, lo)
    return out


def _is_attributive(tok: Token) -> bool:
    if not (tok.is_lower and tok.is_alpha) or tok.lower_ in FUNCTION_WORDS:
        return False
    if tok.pos_ and tok.pos_ != "ADJ":  # tagged, and not as an adjective
        return False
    return tok.lower_.endswith(("e", "en", "er", "es", "em"))


def _adjectives_before(doc: Doc, i: int, lo: int) -> list[Token]:
    """Adjectives of a title ("der französische Präsident", "Frankreichs Präsident").

    Lowercase words count only between an article and the title, so a verb before a bare title
    ("betonte Bundeskanzler Olaf Scholz") is never taken for an adjective.
    """
    if i - 1 >= lo and doc[i - 1].text.endswith("s") and (nationality_of_genitive(doc[i - 1].text) or doc[i - 1].ent_type_ == "LOC"):
        return [doc[i - 1]]  # "Frankreichs Präsident", "Niedersachsens Ministerpräsident"
    if i - 2 >= lo and match_role_word(doc[i - 1].text) and doc[i - 2].lower_ in ARTICLES and doc[i - 1].text.endswith("e"):
        return [doc[i - 1]]  # "Der Vorsitzende Richter": an adjectival role noun used as adjective
    j = i - 1
    while j >= lo and _is_attributive(doc[j]):
        j -= 1
    if j < i - 1 and j >= lo and doc[j].lower_ in ARTICLES | {"ein", "eine", "einer", "eines", "einem", "einen"}:
        return list(doc[j + 1 : i])
    return []


def _title_before(doc: Doc, name: Span, ctx: NameContext, lo: int) -> list[Attachment]:
    i = name.start - 1
    while i >= lo and doc[i].text in ACADEMIC_TITLES:  # "die Klimaforscherin Dr. Lea Hoffmann"
        i -= 1
    if i < lo:
        return []
    tok = doc[i]
    role = match_role_word(tok.text)
    if role is None and not (ctx.label_at.get(i) is None and tok.text[:1].isupper() and _is_appositive_noun(tok, name)):
        return []
    if role is not None and "exact" in role.classes:
        return []
    adjectives = _adjectives_before(doc, i, lo)
    rule = "title_before_name" if role else "apposition_arc_before_name"
    article = (adjectives[0].i if adjectives else i) - 1
    if role is not None and role.gender is None and article >= lo and tok.text.endswith("e"):
        # adjectival nouns show gender only through the article: "die Abgeordnete", "eine Vorsitzende"
        if doc[article].lower_ in ("die", "eine"):
            role = dataclasses.replace(role, gender="female")
        elif doc[article].lower_ == "der":
            role = dataclasses.replace(role, gender="male")
    return _role_attachment(doc, i, i + 1, rule, role, adjectives)


def _after_name(doc: Doc, name: Span, ctx: NameContext, hi: int) -> list[Attachment]:
    out: list[Attachment] = []
    i = name.end
    # honorific abbreviations written right after the name: "Maik Außendorf MdB"
    while i < hi and (r := match_role_word(doc[i].text)) is not None and "exact" in r.classes and r.base in ("mdb", "mdl", "mdep"):
        out.append(Attachment("role", doc[i].text, "abbreviation_after_name", doc[i].idx, doc[i].idx + len(doc[i].text), r))
        i += 1
    if i >= hi:
        return out
    if doc[i].text == "(":
        close = next((k for k in range(i + 1, min(hi, i + 25)) if doc[k].text == ")"), None)
        if close is not None:
            out += _parenthetical(doc, i + 1, close, ctx)
        return out
    if doc[i].lower_ in ("vom", "von", "bei", "beim", "am", "an"):
        # "Lea Hoffmann vom Potsdam-Institut", "Meike Sommer von der Charité"
        j = i + 1 + (1 if i + 1 < hi and doc[i + 1].lower_ in ("der", "dem", "den") else 0)
        org = _org_after(doc, j, ctx, hi)
        if org is not None and ctx.label_at.get(j) == "ORG":
            out.append(_affiliation(doc, org[0], org[1], doc[j - 1].lower_, "name_from_org"))
        return out
    if doc[i].text in (",", "–", "—", "-"):
        j = i + 1
        adjectives = []
        while j < hi and doc[j].is_lower and doc[j].is_alpha and doc[j].lower_ not in FUNCTION_WORDS:
            adjectives.append(doc[j])
            j += 1
        if j < hi and doc[j].lower_ in ("die", "der", "das", "ein", "eine") and j == i + 1:
            j += 1  # "Anna Berger, die Präsidentin des Verbands, ..."
            while j < hi and doc[j].is_lower and doc[j].is_alpha and doc[j].lower_ not in FUNCTION_WORDS:
                adjectives.append(doc[j])
                j += 1
        if j >= hi:
            return out
        role = match_role_word(doc[j].text)
        if role is None and not _is_appositive_noun(doc[j], name):
            return out
        if ctx.label_at.get(j) in ("PER", "LOC"):
            return out
        start, end, role = _role_phrase(doc, j, hi, ctx)
        out += _role_attachment(doc, start, end, "apposition_after_name" if role else "apposition_arc_after_name", role, adjectives)
        orgs, _ = _collect_orgs(doc, end, hi, ctx)
        out += [_affiliation(doc, a, b, prev, "apposition_org") for a, b, prev in orgs]
    return out


def _parenthetical(doc: Doc, start: int, end: int, ctx: NameContext) -> list[Attachment]:
    """"(Wissenschaftlerin, Umweltbundesamt)", "(SPD)", "(Head of ..., OVHcloud)", "(M.)" (ignored)."""
    parts, a = [], start
    for k in range(start, end + 1):
        if k == end or doc[k].text in (",", ";", "/") and not (doc[k].text == "/" and lexicons().party(doc[a:end].text)):
            if k > a:
                parts.append((a, k))
            a = k + 1
    has_role = any(match_role_word(doc[p].text) for p, _ in parts)
    out: list[Attachment] = []
    for a, b in parts:
        text = doc[a:b].text
        if lexicons().party(text):
            out.append(Attachment("affiliation", lexicons().party(text).canonical, "parenthesis_party", doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)))
            continue
        role = match_role_word(doc[a].text)
        if role is not None:
            s, e, role = _role_phrase(doc, a, b, ctx)
            out += _role_attachment(doc, s, e, "parenthesis_role", role)
            orgs, _ = _collect_orgs(doc, e, b, ctx)
            out += [_affiliation(doc, x, y, prev, "parenthesis_role_org") for x, y, prev in orgs]
            continue
        if ctx.label_at.get(a) == "ORG" or (has_role and doc[a].text[:1].isupper() and not re.fullmatch(r"[A-ZÄÖÜ]\.|\d+", text)):
            # after a role in the same parentheses, a capitalised part is where the person works
            out.append(_affiliation(doc, a, b, None, "parenthesis_org"))
    return out


def _apposition_before(doc: Doc, name: Span, ctx: NameContext, lo: int) -> list[Attachment]:
    """"der Direktor der Internationalen Energieagentur (IEA), Fatih Birol": role and organisation, then comma, name."""
    if name.start - 2 < lo or doc[name.start - 1].text != ",":
        return []
    for r in range(name.start - 2, max(lo, name.start - 14) - 1, -1):
        role = match_role_word(doc[r].text)
        if role is None or "exact" in role.classes:
            continue
        if not (r - 1 < lo or doc[r - 1].lower_ in ARTICLES or doc[r - 1].is_lower or doc[r - 1].is_punct):
            continue
        start, end, role = _role_phrase(doc, r, name.start - 1, ctx)
        orgs, nxt = _collect_orgs(doc, end, name.start - 1, ctx)
        if nxt != name.start - 1:
            continue
        adjectives = _adjectives_before(doc, r, lo)
        out = _role_attachment(doc, start, end, "apposition_before_name", role, adjectives)
        out += [_affiliation(doc, a, b, prev, "apposition_before_name_org") for a, b, prev in orgs]
        return out
    return []
