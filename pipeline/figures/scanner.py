"""Stage: figures -- every amount, count, percentage, measure, date and ordinal, normalised and linked to its claim.

A left-to-right scanner over spaCy tokens. At each token it tries, in order: dates ("08.12.2025",
"11. Dezember 2024", "Dezember 2024", "12 Uhr"), ordinals and list numbering ("3. Platz", "1. ..."),
amounts (a number core -- digits, number words, "eine Milliarde", "ein Drittel" -- extended by a range,
a scale, a unit or currency and the counted noun, and qualified by the words before it), indefinite plural
quantities ("Tausende"), unquantified magnitude compounds ("Milliardenhöhe") and number-word compound
adjectives ("zweitägig"). All vocabulary lives in ``resources/figures_*.tsv``; this module holds only the
grammar of how the pieces combine.

Only token text is required, so the stage works on a blank ``spacy.blank("de")`` Doc. Where a tagger or
lemmatizer ran, POS tags refine the counted-noun search and ``token.lemma_`` gives the counted lemma; without
them capitalisation and the derived noun lexicon (``figures_noun_lemmas.tsv``) stand in.

Conventions (documented in docs/figures.md):
- ``text`` is the expression as written from the qualifier to the counted noun: "rund 1.500 Teilnehmern",
  "mehr als 60 namhafte europäische Unternehmen", "zwischen 10 und 20 Prozent", "€ 5".
- ``value`` is in base units for money and scale words (5e10 for "50 Milliarden Euro"), in the written
  unit for measures and durations, in percent for percentages and fractions ("ein Drittel" = 33.33...).
  A change that a decrease word marks as negative is signed ("um 3 Prozent gesunken" -> -3).
- Dates have no value (the text is the date); years and ordinals carry their number; units stay empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .. import resources
from ..layer.document import layer_of
from ..layer.extensions import make_id


RESOURCES = resources.RESOURCES

KINDS = ("money", "percent", "count", "measure", "date", "year", "duration", "ordinal")
QUALIFIERS = ("exact", "approximately", "at_least", "more_than", "at_most", "less_than", "up_to", "range")


@dataclass
class Figure:
    figure_id: str
    sent_index: int
    text: str
    start_char: int
    end_char: int
    value: float | None
    value_max: float | None
    unit: str | None
    counted: str | None
    qualifier: str
    kind: str
    claim_id: str | None = None
    # token span [start_token, end_token) in the Doc, for linking and audits (not a table column)
    start_token: int = 0
    end_token: int = 0


# --------------------------------------------------------------------------- resources


def _rows(name: str) -> Iterable[list[str]]:
    """Data lines of a tab-separated resource file (``#`` lines are comments)."""
    return resources.rows(name)


@dataclass(frozen=True)
class Lexicon:
    scales: dict[str, tuple[float, bool]]  # surface -> (factor, usable bare)
    currencies: dict[tuple[str, ...], tuple[str, float]]  # lower-cased tokens -> (ISO code, factor)
    currency_symbols: frozenset[str]
    qualifiers: dict[tuple[str, ...], str]  # lower-cased tokens -> qualifier
    units: dict[str, tuple[str, str, float]]  # surface -> (unit, kind, factor)
    atoms: dict[str, float]
    multipliers: dict[str, float]
    articles: frozenset[str]
    fractions: dict[str, float]  # lower-cased -> percent
    months: dict[str, int]  # lower-cased -> month
    year_cues: frozenset[str]
    clock: frozenset[str]
    adj_suffixes: dict[str, str]  # "tägigen" -> day
    context: dict[str, frozenset[str]]  # type -> words
    unquantified_prefixes: tuple[str, ...]
    money_heads: frozenset[str]
    noun_lemmas: dict[str, str]

    @property
    def max_currency_len(self) -> int:
        return max(len(k) for k in self.currencies)


@resources.memoised
def load_lexicon() -> Lexicon:
    scales = {s: (float(f), bare == "yes") for s, f, bare in _rows("figures_scales.tsv")}
    currencies = {tuple(s.lower().split(" ")): (code, float(f)) for s, code, f in _rows("figures_currencies.tsv")}
    symbols = frozenset(s for s, *_ in _rows("figures_currencies.tsv") if not any(c.isalpha() for c in s) or s in {"US$", "US-$"})
    qualifiers = {tuple(s.lower().split(" ")): q for s, q in _rows("figures_qualifiers.tsv")}
    units = {s: (u, k, float(f)) for s, u, k, f in _rows("figures_units.tsv")}
    atoms, multipliers, articles, fractions = {}, {}, set(), {}
    for word, value, kind in _rows("figures_number_words.tsv"):
        {"atom": atoms, "multiplier": multipliers, "fraction": fractions}.get(kind, {})[word.lower()] = float(value)
        if kind == "article":
            articles.add(word)
    months, year_cues, clock, adj = {}, set(), set(), {}
    for word, kind, value in (row + [""] * (3 - len(row)) for row in _rows("figures_time.tsv")):
        if kind == "month":
            months[word.lower()] = int(value)
        elif kind == "year_cue":
            year_cues.add(word.lower())
        elif kind == "clock":
            clock.add(word.lower())
        elif kind == "adj_suffix":
            adj[word] = value
    context: dict[str, set[str]] = {}
    for word, kind in _rows("figures_context.tsv"):
        context.setdefault(kind, set()).add(word)
    prefixes, heads = [], set()
    for word, kind in _rows("figures_unquantified.tsv"):
        (prefixes.append(word) if kind == "prefix" else heads.add(word))
    return Lexicon(
        scales=scales,
        currencies=currencies,
        currency_symbols=symbols,
        qualifiers=qualifiers,
        units=units,
        atoms=atoms,
        multipliers=multipliers,
        articles=frozenset(articles),
        fractions=fractions,
        months=months,
        year_cues=frozenset(year_cues),
        clock=frozenset(clock),
        adj_suffixes=adj,
        context={k: frozenset(v) for k, v in context.items()},
        unquantified_prefixes=tuple(prefixes),
        money_heads=frozenset(heads),
        noun_lemmas=dict(_rows("figures_noun_lemmas.tsv")),
    )


# --------------------------------------------------------------------------- numbers

# German notation only: a dot groups thousands, a comma marks decimals. "17.2" or "4.13" in German text are
# version numbers ("Kernel 4.13"), not amounts, so an English decimal point is not read as a number.
_NUM = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+)"
NUMBER_RE = re.compile(rf"^(?P<sign>[+\-−]?)(?P<num>{_NUM})(?:,[-–])?$")
RANGE_TOKEN_RE = re.compile(rf"^(?P<a>{_NUM})[-–—](?P<b>{_NUM})$")
DATE_RE = re.compile(r"^(?:\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})?|\d{4}-\d{2}-\d{2})$")
ORDINAL_RE = re.compile(r"^\d{1,4}\.$")
NUMBER_DOT_RE = re.compile(rf"^({_NUM})\.$")
CLOCK_RE = re.compile(r"^\d{1,2}[:.]\d{2}$")
DECADE_RE = re.compile(r"^(?P<digits>(?:19|20)?\d0)-?er(?:n)?$")
NUMBER_COMPOUND_RE = re.compile(rf"^(?P<num>{_NUM})-(?P<rest>[^\W\d_][\w-]*)$")
GENDER_RE = re.compile(r"(?:[:*_/]innen|[:*_/]in|Innen)$")
ADJ_ENDINGS = ("e", "en", "er", "es", "em")
# Closed-class words that can stand between a number and nothing countable; never adjectives or nouns.
FUNCTION_WORDS = resources.words("figures_function_words")
# Words that open a sentence after a number with a full stop, which makes "30." a cardinal, not an ordinal.
SENTENCE_OPENERS = resources.words("figures_sentence_openers")
CLOSED_POS = frozenset({"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "ADV", "PART", "PUNCT", "SYM", "NUM", "INTJ"})
# Determiners of the genitive that names what a share is of ("20 Prozent der Unternehmen", "ihres Bedarfs").
GENITIVE_DETERMINERS = resources.words("figures_genitive_determiners")
HALF_PRECEDERS = resources.words("figures_half_preceders")
DASHES = frozenset({"-", "–", "—"})
CLAUSE_PUNCT = frozenset({",", ";", ":", "(", ")", "–", "—", ".", "!", "?"})


def parse_number(text: str) -> float | None:
    """Value of a digit string in German notation ("1.500" = 1500, "2,5" = 2.5, "-3,5", "5,-"); else None."""
    m = NUMBER_RE.match(text)
    if not m:
        return None
    return _num_value(m.group("num")) * (-1.0 if m.group("sign") in ("-", "−") else 1.0)


def _num_value(num: str) -> float:
    if "," in num:
        return float(num.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", num):
        return float(num.replace(".", ""))
    return float(num)


def parse_number_word(word: str, lex: Lexicon | None = None) -> float | None:
    """Value of a German cardinal written as one word ("zwölf", "zweihundertfünfzig", "dreitausend")."""
    lex = lex or load_lexicon()
    word = word.lower()
    if not word or not word.isalpha():
        return None
    if word in lex.atoms:
        return lex.atoms[word]
    if not any(c in word for c in "nrsvz"):  # every German number word has one of these letters
        return None
    for mult_word, mult in sorted(lex.multipliers.items(), key=lambda kv: -kv[1]):
        if mult_word in word:
            head, _, tail = word.partition(mult_word)
            left = 1.0 if head in ("", "ein") else parse_number_word(head, lex)
            right = 0.0 if tail == "" else parse_number_word(tail, lex)
            if left is None or right is None or left >= 1000 or (mult == 100 and left >= 10):
                return None
            return left * mult + right
    if "und" in word[1:]:
        unit, _, ten = word.partition("und")
        u = 1.0 if unit == "ein" else lex.atoms.get(unit)
        t = lex.atoms.get(ten)
        if u is not None and t is not None and 1 <= u <= 9 and t >= 20 and t % 10 == 0:
            return t + u
    return None


# --------------------------------------------------------------------------- noun lemmas

_LEMMA_RULES = (("innen", "in"), ("ern", "er"), ("eln", "el"), ("en", ""), ("e", ""), ("s", ""), ("n", ""))


def _suffix_rule(word: str) -> str:
    for suffix, replacement in _LEMMA_RULES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + replacement
    return word


def derive_noun_lemma(form: str, table: dict[str, str], min_head: int = 3) -> str:
    """Lemma of a noun form from a form->lemma table: exact entry, else longest known compound head, else rules."""
    if form in table:
        return table[form]
    for i in range(1, len(form) - min_head + 1):
        head = form[i].upper() + form[i + 1 :]
        if head in table:
            lemma = table[head]
            return form[:i] + (lemma[0].lower() + lemma[1:] if form[i].islower() else lemma)
    return _suffix_rule(form)


def noun_lemma(token: Token, lex: Lexicon | None = None) -> str:
    """Lemma of a counted noun: the pipeline's lemma when it has one, else the derived lexicon.

    Gender-inclusive forms ("Teilnehmer:innen", "Expert*innen") are reduced to the masculine/generic lemma.
    """
    lex = lex or load_lexicon()
    text = token.text
    gender = GENDER_RE.search(text)
    if gender:
        base = text[: gender.start()]
        for candidate in (base + "en", base + "e", base + "n"):
            if candidate in lex.noun_lemmas:
                return lex.noun_lemmas[candidate]
        return base
    lemma = token.lemma_
    # A lookup lemmatizer returns unknown words unchanged, so an unchanged lemma says nothing: the lexicon decides.
    if lemma and lemma != text and lemma[0].isupper() and token.doc.has_annotation("LEMMA"):
        if lemma.endswith("er") and text in (lemma[:-1], lemma[:-1] + "n"):
            return lemma[:-1]  # nominalised adjective: "Geflüchtete(n)" -> "Geflüchtete", as in the lexicon
        return lemma
    return derive_noun_lemma(text, lex.noun_lemmas)


# --------------------------------------------------------------------------- scanner


@dataclass
class _Core:
    value: float
    end: int  # token index after the core
    digits: str | None = None  # the digit string when written in digits
    explicit_sign: bool = False


class _Scanner:
    def __init__(self, doc: Doc, lex: Lexicon):
        self.doc = doc
        facts = layer_of(doc)
        self.texts = facts.text
        self.raw = facts.doc_text  # == doc.text, without a Token view per token
        self.lows = [t.lower() for t in self.texts]
        # token facts as lists (no Token views in the per-token loop)
        self.idx, self.is_space, self.ws = facts.idx, facts.is_space, facts.whitespace
        self.lex = lex
        self.n = len(doc)
        self.has_lemma = doc.has_annotation("LEMMA")
        layer = layer_of(doc)
        self.sent_of, self.sent_bounds = layer.sent_of, layer.sents
        self.floor = 0  # tokens before this index belong to an earlier figure
        self.trim_dot_at = -1  # a unit token whose last character is the sentence's full stop
        self.figures: list[Figure] = []

    # ---- token helpers
    def text(self, i: int) -> str:
        return self.texts[i] if 0 <= i < self.n else ""

    def low(self, i: int) -> str:
        return self.lows[i] if 0 <= i < self.n else ""

    def same_line(self, i: int, j: int) -> bool:
        """No newline between tokens i < j (headings and list items end at a line break)."""
        return "\n" not in self.raw[self.idx[i] : self.idx[j]]

    def adjacent(self, i: int) -> bool:
        """Token i+1 exists and is on the same line.

        Sentence boundaries are deliberately not checked: sentencizers split after abbreviation dots the
        tokenizer leaves alone ("2,4 Bio. Euro", "Ca. 20"), and a number that really ends a sentence carries
        the full stop on its own token ("stieg auf 30.").
        """
        return i + 1 < self.n and self.same_line(i, i + 1) and not self.is_space[i + 1]

    def glued(self, j: int, table) -> tuple[str, int] | None:
        """Surface of token j found in ``table``, also when the tokenizer split off its abbreviation dot ("Bio", ".")."""
        t = self.text(j)
        if t and j + 1 < self.n and self.text(j + 1) == "." and not self.ws[j] and t + "." in table:
            return t + ".", j + 2
        if t in table:
            return t, j + 1
        return None

    # ---- main loop
    def run(self) -> list[Figure]:
        may_start = _start_gate(self.lex)
        i = 0
        while i < self.n:
            t = self.texts[i]
            if t.isspace():
                i += 1
                continue
            starts = may_start.get(t)
            if starts is None:
                starts = may_start[t] = _may_start_figure(t, self.lex)
            if not starts:
                i += 1  # no matcher below can fire on this word, whatever its neighbours
                continue
            end = (
                self.match_date(i)
                or self.match_ordinal(i)
                or self.match_amount(i)
                or self.match_bare_quantity(i)
                or self.match_unquantified(i)
                or self.match_number_adjective(i)
            )
            if end:
                self.floor = end
                i = end
            else:
                i += 1
        return self.figures

    def emit(self, start: int, end: int, *, value, value_max=None, unit=None, counted=None, qualifier="exact", kind="count",
             start_char: int | None = None, end_char: int | None = None) -> int:
        s_char = self.idx[start] if start_char is None else start_char
        e_char = self.idx[end - 1] + len(self.texts[end - 1]) if end_char is None else end_char
        if end_char is None and self.trim_dot_at == end - 1:
            e_char -= 1
        self.trim_dot_at = -1
        self.figures.append(
            Figure(
                figure_id="",
                sent_index=self.sent_of[start],
                text=self.raw[s_char:e_char],
                start_char=s_char,
                end_char=e_char,
                value=None if value is None else _clean_float(value),
                value_max=None if value_max is None else _clean_float(value_max),
                unit="count" if unit is None and kind == "count" else unit,  # the schema's unit of plain counts
                counted=counted,
                qualifier=qualifier,
                kind=kind,
                start_token=start,
                end_token=end,
            )
        )
        return end

    # ---- dates
    def match_date(self, i: int) -> int | None:
        t, lex = self.text(i), self.lex
        if DATE_RE.match(t):
            return self.emit(i, i + 1, value=None, kind="date")
        if ORDINAL_RE.match(t) and int(t[:-1]) <= 31 and self.adjacent(i) and self.low(i + 1) in lex.months:
            end = i + 2
            if self.adjacent(i + 1) and re.fullmatch(r"\d{4}", self.text(i + 2)):
                end = i + 3
            return self.emit(i, end, value=None, kind="date")
        if t.lower() in lex.months and t[0].isupper() and self.adjacent(i) and re.fullmatch(r"\d{4}", self.text(i + 1)):
            return self.emit(i, i + 2, value=None, kind="date")
        if CLOCK_RE.match(t) and self.adjacent(i) and self.low(i + 1) in lex.clock:
            return self.emit(i, i + 2, value=None, kind="date")
        m = DECADE_RE.match(t)
        if m:
            digits = m.group("digits")
            start_year = int(digits) + (1900 if len(digits) == 2 else 0)
            end = i + 2 if self.adjacent(i) and self.low(i + 1) in {"jahre", "jahren", "jahrzehnt"} else i + 1
            return self.emit(i, end, value=start_year, value_max=start_year + 9, qualifier="range", kind="year")
        return None

    def match_ordinal(self, i: int) -> int | None:
        """"3. Platz", list numbering "1." at a line start -- or a cardinal before a full stop ("stieg auf 30.")."""
        t = self.text(i)
        m = NUMBER_DOT_RE.match(t)
        if not m or self.identifier_before(i):
            return None
        start_char = self.idx[i]
        if not ORDINAL_RE.match(t):
            return self.match_amount(i, override_end_char=start_char + len(t) - 1, override_digits=m.group(1))
        value = int(t[:-1])
        at_line_start = i == 0 or "\n" in self.raw[self.idx[i - 1] + len(self.text(i - 1)) : self.idx[i]]
        if at_line_start:
            return self.emit(i, i + 1, value=value, kind="ordinal")
        # "der 3. Platz" vs. a cardinal that ends the sentence ("Es kamen 30. Dann ..."): an ordinal needs a
        # determiner or preposition before it, or a lower-case word after it.
        # An ordinal unless the next word typically opens a new sentence ("Es kamen 30. Dann ...").
        # A lower-case word cannot open a German sentence, so it always makes an ordinal ("wurde 3. und").
        following = self.text(i + 1) if self.adjacent(i) else ""
        if following[:1].islower() or following and following.lower() not in SENTENCE_OPENERS | FUNCTION_WORDS:
            return self.emit(i, i + 1, value=value, kind="ordinal")
        # the dot ends the sentence: a cardinal without the dot
        return self.match_amount(i, override_end_char=start_char + len(t) - 1, override_digits=t[:-1])

    def identifier_before(self, i: int) -> bool:
        """A label number ("§ 15", "Nr. 3") or a house number ("Hauptstraße 21")."""
        if i == 0:
            return False
        before = self.text(i - 1)
        if before in self.lex.context.get("identifier", ()):
            return True
        if len(before) == 1 and before.isupper():
            return True  # a road, line or group label: "B 500", "A 7"
        return before[:1].isupper() and before.lower().endswith(tuple(self.lex.context.get("identifier_suffix", ())))

    # ---- amounts
    def number_core(self, i: int, allow_article: bool = True) -> _Core | None:
        """The number starting at token i: digits (incl. "50 000"), a number word, or "ein(e)" before a scale/fraction."""
        if i >= self.n:
            return None
        t = self.text(i)
        value = parse_number(t)
        if value is not None:
            digits = t
            end = i + 1
            # "50 000": a space as thousands separator
            while re.fullmatch(r"[+\-−]?\d{1,3}", digits.replace(" ", "")[-3:] if " " in digits else digits) and end < self.n \
                    and re.fullmatch(r"\d{3}", self.text(end)) and self.ws[end - 1] == " " and self.adjacent(end - 1) \
                    and not re.fullmatch(r"\d{4}", t):
                digits += " " + self.text(end)
                value = value * 1000 + (1 if value >= 0 else -1) * float(self.text(end))
                end += 1
            return _Core(value, end, digits, t[:1] in "+-−")
        low = t.lower()
        if low in self.lex.articles:
            if allow_article and self.adjacent(i) and (self.text(i + 1) in self.lex.scales or self.low(i + 1) in self.lex.fractions):
                return _Core(1.0, i + 1)
            return None
        word_value = parse_number_word(low, self.lex)
        if word_value is not None and (t.islower() or self.doc[i].is_sent_start or i == 0 or low in self.lex.atoms):
            return _Core(word_value, i + 1)
        return None

    def scale_at(self, j: int) -> tuple[float, str | None, int] | None:
        """Scale after a number at token j: (factor, a currency symbol glued to it as in "Mrd.€", end index)."""
        if j >= self.n:
            return None
        found = self.glued(j, self.lex.scales)
        if found and not (self.lex.scales[found[0]][1] and found[0].endswith(("e", "en")) and found[0][0].isupper()
                          and found[0] not in ("Millionen", "Milliarden", "Billionen")):
            return self.lex.scales[found[0]][0], None, found[1]
        t = self.text(j)
        for symbol in self.lex.currency_symbols:
            if t.endswith(symbol) and t[: -len(symbol)] in self.lex.scales:
                return self.lex.scales[t[: -len(symbol)]][0], symbol, j + 1
        return None

    def currency_at(self, j: int) -> tuple[int, str, float] | None:
        """Longest currency name starting at token j: (end index, code, factor)."""
        for length in range(self.lex.max_currency_len, 0, -1):
            if j + length > self.n or not all(self.adjacent(k) for k in range(j, j + length - 1)):
                continue
            key = tuple(self.low(k) for k in range(j, j + length))
            if key in self.lex.currencies:
                return j + length, *self.lex.currencies[key]
        return None

    def unit_at(self, j: int) -> tuple[int, str, str, float] | None:
        """Unit starting at token j (also "km/h" split into three tokens): (end, unit, kind, factor)."""
        if j >= self.n:
            return None
        if j + 2 < self.n and self.adjacent(j) and self.adjacent(j + 1):
            spaced = " ".join(self.texts[j : j + 3])  # "Kilometer pro Stunde"
            if spaced in self.lex.units:
                return j + 3, *self.lex.units[spaced]
        for length in (3, 2, 1):
            if j + length > self.n:
                continue
            if length > 1 and any(self.ws[j : j + length - 1]):
                continue
            surface = "".join(self.texts[j : j + length])
            if surface in self.lex.units:
                return j + length, *self.lex.units[surface]
            if surface.endswith(".") and self.texts[j + length - 1] != "." and surface[:-1] in self.lex.units and len(surface) > 2:
                # the sentence's full stop glued to a one-letter unit ("150 km/h.", "2 t.")
                self.trim_dot_at = j + length - 1
                return j + length, *self.lex.units[surface[:-1]]
        if (g := self.glued(j, self.lex.units)) and g[1] == j + 2:
            return g[1], *self.lex.units[g[0]]
        return None

    def match_amount(self, i: int, override_end_char: int | None = None, override_digits: str | None = None) -> int | None:
        lex = self.lex
        if self.identifier_before(i):
            return None
        range_token = RANGE_TOKEN_RE.match(self.text(i))
        if override_digits is not None:
            core = _Core(_num_value(override_digits), i + 1, override_digits)
        elif range_token:
            core = _Core(_num_value(range_token.group("a")), i + 1, range_token.group("a"))
        else:
            core = self.number_core(i)
        if core is None:
            return None
        value, value_max, j = core.value, None, core.end
        if range_token:
            value_max = _num_value(range_token.group("b"))
        end_char = override_end_char
        if end_char is not None:
            # a sentence-final cardinal: nothing after it belongs to the figure
            return self.finish_amount(i, j, value, None, None, None, None, core, end_char=end_char)

        unit = kind = None
        scaled = False
        glued_currency = None
        if self.adjacent(j - 1) and self.low(j) in lex.fractions:
            # a fraction: "ein Drittel", "zwei Drittel" ("die Hälfte" is handled in match_bare_quantity)
            value *= lex.fractions[self.low(j)]
            j += 1
            unit, kind = "percent", "percent"
        else:
            scale = self.scale_at(j) if self.adjacent(j - 1) else None
            if scale:
                value *= scale[0]
                glued_currency, j, scaled = scale[1], scale[2], True
            # a range: "10 bis 20", "10-20", "zwischen 10 und 20"; a scale after the second number
            # applies to the first too when it has none ("2 bis 3 Milliarden")
            if value_max is None and self.adjacent(j - 1):
                joiner = self.low(j)
                between = self.low(self._qualifier_start(i)[0] - 1) == "zwischen" or self.low(i - 1) == "zwischen"
                if joiner in DASHES or joiner == "bis" and self.low(j + 1) != "zu" or joiner == "und" and between:
                    second = self.number_core(j + 1, allow_article=False) if self.adjacent(j) else None
                    if second is not None:
                        value_max, j = second.value, second.end
                        second_scale = self.scale_at(j) if self.adjacent(j - 1) else None
                        if second_scale:
                            value_max *= second_scale[0]
                            if not scale:
                                value *= second_scale[0]
                            glued_currency, j, scaled = second_scale[1] or glued_currency, second_scale[2], True
                        elif scale:
                            value_max *= scale[0]
            # unit or currency after the number
            multiplier = 1.0
            if glued_currency:
                unit, multiplier = lex.currencies[(glued_currency.lower(),)]
                kind = "money"
            elif self.adjacent(j - 1) and (cur := self.currency_at(j)):
                j, unit, multiplier = cur
                kind = "money"
            elif self.adjacent(j - 1) and (u := self.unit_at(j)):
                j, unit, kind, multiplier = u
            value *= multiplier
            value_max = value_max * multiplier if value_max is not None else None
        return self.finish_amount(i, j, value, value_max, unit, kind, None, core, scaled=scaled)

    def _qualifier_start(self, i: int) -> tuple[int, str | None]:
        """Start of the longest qualifier phrase ending right before token i (not crossing the previous figure)."""
        for length in (3, 2, 1):
            s = i - length
            if s < self.floor or s < 0:
                continue
            # same line suffices: a sentencizer may split after the abbreviation dot of "Ca. 20"
            if not self.same_line(s, i) or any(self.is_space[s:i]):
                continue
            key = tuple(self.low(k) for k in range(s, i))
            if key in self.lex.qualifiers:
                return s, self.lex.qualifiers[key]
        return i, None

    def finish_amount(self, i, j, value, value_max, unit, kind, counted, core: _Core, *, end_char=None, scaled=False) -> int | None:
        lex = self.lex
        start = i
        # a currency written before the number: "€ 5", "$5", "EUR 1,2 Mio."
        if unit is None and i - 1 >= self.floor and i > 0 and self.adjacent(i - 1):
            before = (self.low(i - 1),)
            if before in lex.currencies and (self.text(i - 1) in lex.currency_symbols or self.text(i - 1).isupper()):
                unit, factor = lex.currencies[before]
                kind = "money"
                value *= factor
                value_max = value_max * factor if value_max is not None else None
                start = i - 1
        digits = core.digits
        # four digits without a separator between 1000 and 2199 (and a range of two such) may be a year;
        # "1.500" or "2,025" never are
        plain_year = (
            digits is not None and re.fullmatch(r"\d{4}", digits) is not None and 1000 <= core.value <= 2199
            and unit is None and not scaled and (value_max is None or 1000 <= value_max <= 2199)
        )
        qual_start, qualifier = self._qualifier_start(start)
        year_cue = self.low(qual_start - 1) in lex.year_cues or self.low(start - 1) in lex.year_cues
        if kind is None and plain_year:
            # "2024/25": a season or fiscal year
            if self.text(j) == "/" and self.adjacent(j - 1) and self.adjacent(j) and re.fullmatch(r"\d{2}|\d{4}", self.text(j + 1)):
                second = self.text(j + 1)
                value_max = float(second) if len(second) == 4 else float(digits[:2] + second)
                j += 2
            # a year-like number counts only a noun right after it ("2024 Teilnehmer"): in "1945 waren viele
            # Deutsche" or "2009 veröffentlichten Roman" the words in between show it is a year
            counted_at = self.counted_noun(j, max_adjectives=0) if not year_cue and end_char is None else None
            if year_cue or counted_at is None:
                if value_max is not None and self.low(start - 1) in ("zwischen", "von") and start - 1 >= self.floor:
                    start -= 1
                return self.emit(start, j, value=value, value_max=value_max, qualifier="range" if value_max is not None else "exact", kind="year",
                                 end_char=end_char)
        if kind is None and self.adjacent(j - 1) and self.low(j) in lex.clock and end_char is None:
            return self.emit(start, j + 1, value=None, kind="date")
        # a bare integer of five or more digits without separators is an id or a post code, and a leading
        # zero marks a label ("Schalke 04"): not amounts
        if unit is None and digits is not None and value_max is None and re.fullmatch(r"\d{5,}|0\d+", digits):
            return None
        if kind is None:
            counted_at = self.counted_noun(j) if end_char is None else None
            if counted_at is not None:
                counted = noun_lemma(self.doc[counted_at], lex)
                j = self.noun_end(counted_at)
            kind = "count"
        elif kind == "percent" and end_char is None:
            # "20 Prozent der Unternehmen", "ein Drittel aller Haushalte"
            if self.adjacent(j - 1) and self.low(j) in GENITIVE_DETERMINERS and self.adjacent(j):
                counted_at = self.counted_noun(j + 1)
                if counted_at is not None:
                    counted = noun_lemma(self.doc[counted_at], lex)
                    j = self.noun_end(counted_at)
        # sign and range words before the number
        if value_max is not None:
            # "zwischen" belongs to the range; "von" before an amount is the noun's preposition
            # ("Einbußen von 20 bis 30 Prozent"), it is included only for time spans ("von 2020 bis 2024")
            if start - 1 >= self.floor and self.low(start - 1) == "zwischen":
                qual_start = start - 1
            qualifier = "range"
        elif qualifier is None:
            qualifier = "exact"
        signed = self.apply_sign(qual_start, j, value, core)
        if signed != value and value_max is not None:
            value_max = -value_max
        if signed != value and self.text(qual_start - 1) in lex.context.get("sign_negative", ()):
            qual_start -= 1  # "minus 12 Grad": the sign word is part of the expression
        value = signed
        return self.emit(qual_start, j, value=value, value_max=value_max, unit=unit, counted=counted, qualifier=qualifier, kind=kind,
                         end_char=end_char)

    def apply_sign(self, start: int, end: int, value: float, core: _Core) -> float:
        """Negative for "minus 3" and for a change marked as a decrease ("um 3 Prozent gesunken")."""
        if core.explicit_sign or value < 0:
            return value
        ctx = self.lex.context
        before = self.text(start - 1)
        if before in ctx.get("sign_negative", ()) and self.low(start - 2) not in ("ein", "einem", "einen", "im"):
            return -value
        if before in ctx.get("sign_positive", ()):
            return value
        if before.lower() in ctx.get("change_prep", ()):
            direction = self.change_direction(start - 1, end)
            return -value if direction == "decrease" else value
        if before.lower() == "von" and self.text(start - 2) in ctx.get("decrease", ()):
            return -value
        return value

    def change_direction(self, prep: int, end: int) -> str | None:
        """Nearest increase/decrease word in the clause around a change figure."""
        sent = self.sent_of[prep]
        lo, hi = self.sent_bounds[sent]
        best: tuple[int, str] | None = None
        for k in range(lo, hi):
            if prep <= k < end:
                continue
            between = range(min(k, prep) + 1, max(k, end))
            if any(self.text(b) in CLAUSE_PUNCT for b in between if b != k):
                continue
            words = {self.text(k)}
            if self.has_lemma:
                words.add(self.doc[k].lemma_)
            for direction in ("decrease", "increase"):
                if words & self.lex.context.get(direction, frozenset()):
                    distance = abs(k - prep)
                    if best is None or distance < best[0]:
                        best = (distance, direction)
        return best[1] if best else None

    def counted_noun(self, j: int, max_adjectives: int = 3) -> int | None:
        """Index of the noun the number counts: up to three adjectives may come first."""
        k, adjectives = j, 0
        while k < self.n and adjectives <= max_adjectives:
            if not self.adjacent(k - 1):
                return None
            tok = self.doc[k]
            t = tok.text
            if self.is_adjective(tok) and adjectives < max_adjectives:
                k += 1
                adjectives += 1
                continue
            if self.is_noun(tok):
                return k
            return None
        return None

    def noun_end(self, k: int) -> int:
        """End of the noun at k, including a gender suffix the tokenizer split off ("Teilnehmer", ":", "innen")."""
        if (k + 2 < self.n and self.text(k + 1) in (":", "*", "_", "/") and self.low(k + 2) in ("innen", "in")
                and not self.ws[k] and not self.ws[k + 1]):
            return k + 3
        return k + 1

    def is_adjective(self, tok: Token) -> bool:
        """An attributive adjective between number and noun ("60 namhafte europäische Unternehmen").

        The STTS tag (ADJA/ADJD) or UPOS ADJ decides when either says so: small models' tagger and
        morphologizer disagree often, and either being right is enough. Otherwise the surface decides.
        """
        t = tok.text
        if not (t.isalpha() and t.islower()):
            return False
        if tok.tag_ in ("ADJA", "ADJD") or tok.pos_ == "ADJ":
            return True
        if tok.pos_ in CLOSED_POS or tok.pos_ == "VERB":
            return False
        return t.endswith(ADJ_ENDINGS) and t not in FUNCTION_WORDS

    def is_noun(self, tok: Token) -> bool:
        t = tok.text
        lex = self.lex
        if not (t[:1].isupper() and any(c.isalpha() for c in t)) or t.endswith("-"):
            return False  # "Diagnose-" in "Diagnose- und Heilmethoden" is only the first half of a compound
        if t in lex.units or t in lex.scales or t.lower() in lex.months or (t.lower(),) in lex.currencies:
            return False
        if t.lower() in FUNCTION_WORDS:
            return False
        if tok.pos_ in CLOSED_POS and tok.tag_ not in ("NN", "NE"):
            return False
        return True

    # ---- indefinite quantities, unquantified compounds, number adjectives
    def match_bare_quantity(self, i: int) -> int | None:
        """"Tausende Teilnehmer", "Milliarden Euro", "die Hälfte der Haushalte"."""
        t, lex = self.text(i), self.lex
        if t == "Hälfte" and self.low(i - 1) in HALF_PRECEDERS:
            j = i + 1
            counted = None
            if self.adjacent(i) and self.low(j) in GENITIVE_DETERMINERS:
                at = self.counted_noun(j + 1)
                if at is not None:
                    counted, j = noun_lemma(self.doc[at], lex), self.noun_end(at)
            qual_start, qualifier = self._qualifier_start(i)
            if qualifier is None and self.low(i - 1) in ("die", "der", "eine"):
                # "über die Hälfte", "knapp die Hälfte"
                qual_start, qualifier = self._qualifier_start(i - 1)
                qual_start = qual_start if qualifier else i
            return self.emit(qual_start, j, value=50.0, unit="percent", counted=counted, qualifier=qualifier or "exact", kind="percent")
        if t not in lex.scales or not lex.scales[t][1]:
            return None
        if self.number_core(i - 1) is not None and i - 1 >= self.floor:
            return None
        value = 2 * lex.scales[t][0]
        j = i + 1
        unit, kind, counted = None, "count", None
        if self.adjacent(i) and (cur := self.currency_at(j)):
            j, unit, factor = cur
            value *= factor
            kind = "money"
        elif self.adjacent(i) and (u := self.unit_at(j)):
            j, unit, kind, factor = u
            value *= factor
        else:
            if self.adjacent(i) and self.low(j) in ("von",):
                at = self.counted_noun(j + 1)
                if at is not None:
                    counted, j = noun_lemma(self.doc[at], lex), self.noun_end(at)
            else:
                at = self.counted_noun(j)
                if at is not None:
                    counted, j = noun_lemma(self.doc[at], lex), self.noun_end(at)
        return self.emit(i, j, value=value, unit=unit, counted=counted, qualifier="at_least", kind=kind)

    def match_unquantified(self, i: int) -> int | None:
        t = self.text(i)
        low = t.lower()
        for prefix in self.lex.unquantified_prefixes:
            if low.startswith(prefix) and len(low) > len(prefix) + 2 and low.isalpha():
                head = low[len(prefix):]
                money = any(head.endswith(h) for h in self.lex.money_heads)
                return self.emit(i, i + 1, value=None, qualifier="approximately", kind="money" if money else "count")
        return None

    def match_number_adjective(self, i: int) -> int | None:
        """"zweitägigen", "24-stündige", "dreijährige": a duration written as a compound adjective."""
        t = self.text(i)
        if not t[:1].isalpha() and not t[:1].isdigit():
            return None
        m = _adj_suffix_re().search(self.low(i))
        if m and m.start() > 0:
            stem = t[: m.start()].rstrip("-")
            value = parse_number(stem) if stem[:1].isdigit() else parse_number_word(stem.lower(), self.lex)
            if value is not None:
                return self.emit(i, i + 1, value=value, unit=self.lex.adj_suffixes[m.group(0)], kind="duration")
            return None
        m = NUMBER_COMPOUND_RE.match(t)
        if m:
            value = _num_value(m.group("num"))
            parts = m.group("rest").split("-")
            unit, kind, counted = None, "count", None
            for part in parts:
                if part in self.lex.scales:
                    value *= self.lex.scales[part][0]
                elif (part.lower(),) in self.lex.currencies:
                    unit, factor = self.lex.currencies[(part.lower(),)]
                    value *= factor
                    kind = "money"
                elif part in self.lex.units:
                    unit, kind, factor = self.lex.units[part]
                    value *= factor
                elif counted is None and kind == "count" and part[:1].isupper():
                    counted = derive_noun_lemma(part, self.lex.noun_lemmas)
                    break
            return self.emit(i, i + 1, value=value, unit=unit, counted=counted if kind == "count" else None, kind=kind)
        return None


_GATES: dict[int, tuple[Lexicon, dict[str, bool]]] = {}


def _start_gate(lex: Lexicon) -> dict[str, bool]:
    """Memo of ``_may_start_figure`` per token text, one per lexicon."""
    entry = _GATES.get(id(lex))
    if entry is None or entry[0] is not lex or len(entry[1]) > 200_000:
        if len(_GATES) > 8:
            _GATES.clear()
        entry = _GATES[id(lex)] = (lex, {})
    return entry[1]


def _may_start_figure(t: str, lex: Lexicon) -> bool:
    """Whether any matcher of ``_Scanner.run`` can fire at a token with text ``t``: the disjunction of the
    conditions on the token's own text that each matcher checks before it looks at the neighbours (a
    superset: False means every matcher returns None, whatever the context)."""
    low = t.lower()
    if DATE_RE.match(t) or ORDINAL_RE.match(t) or low in lex.months or CLOCK_RE.match(t) or DECADE_RE.match(t):
        return True  # match_date
    if NUMBER_DOT_RE.match(t):
        return True  # match_ordinal
    if RANGE_TOKEN_RE.match(t) or parse_number(t) is not None or low in lex.articles or parse_number_word(low, lex) is not None:
        return True  # match_amount (number_core)
    if t == "Hälfte" or (t in lex.scales and lex.scales[t][1]):
        return True  # match_bare_quantity
    if any(low.startswith(prefix) for prefix in lex.unquantified_prefixes):
        return True  # match_unquantified
    m = _adj_suffix_re().search(low)
    return bool(m and m.start() > 0) or bool(NUMBER_COMPOUND_RE.match(t))  # match_number_adjective


@resources.memoised
def _adj_suffix_re() -> re.Pattern:
    """One pattern for the compound-adjective endings of the lexicon, longest first."""
    suffixes = sorted(load_lexicon().adj_suffixes, key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(x) for x in suffixes) + ")$")


def _clean_float(value: float) -> float:
    """Round away binary noise from scaling ("1,2 Mio." -> 1200000.0, not 1199999.9999999998)."""
    return float(f"{value:.12g}")


def claim_for(figure: Figure, claims: Sequence) -> str | None:
    """The innermost claim whose message contains the figure.

    A figure belongs to a claim when all its tokens are message tokens (messages may be discontinuous,
    e.g. a direct quote split by its frame); claims without token indices are matched by character span.
    A figure inside the claim's speaker or cue ("Rund 60 Staaten fordern ...", where a reported speech
    event's message is the whole sentence) describes the speaker, not what was said, and is not linked.
    """
    best = None
    figure_tokens = set(range(figure.start_token, figure.end_token))
    for claim in claims or ():
        tokens = getattr(claim, "message_tokens", ()) or ()
        frame = set(getattr(claim, "speaker_tokens", ()) or ()) | set(getattr(claim, "cue_tokens", ()) or ())
        if figure_tokens & frame:
            continue
        if tokens:
            inside = figure_tokens <= set(tokens)
            size = len(tokens)
        else:
            inside = claim.start_char <= figure.start_char and figure.end_char <= claim.end_char
            size = claim.end_char - claim.start_char
        if inside and (best is None or size < best[0]):
            best = (size, claim.claim_id)
    return best[1] if best else None


# --------------------------------------------------------------------------- API


def extract_figures(doc: Doc) -> list[Figure]:
    """Every figure in ``doc`` in text order, with ids and, when ``doc._.claims`` is set, claim links."""
    figures = _Scanner(doc, load_lexicon()).run()
    claims = doc._.claims if Doc.has_extension("claims") else None
    # the claims whose message holds a token, so that each figure is compared with those only, not with
    # every claim of the document (quadratic in long documents); claims without tokens are always candidates
    by_token: dict[int, list[int]] = {}
    untokenised = []
    starts = {figure.start_token for figure in figures}  # only the tokens a figure starts at are looked up
    for k, claim in enumerate(claims or ()):
        tokens = getattr(claim, "message_tokens", ()) or ()
        for i in starts.intersection(tokens):
            by_token.setdefault(i, []).append(k)
        if not tokens:
            untokenised.append(k)
    for n, figure in enumerate(figures, start=1):
        figure.figure_id = make_id(doc, "F", n)
        candidates = sorted({*by_token.get(figure.start_token, ()), *untokenised})
        figure.claim_id = claim_for(figure, [claims[k] for k in candidates]) if claims else None
    return figures
