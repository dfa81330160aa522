"""Rule layer of the clean stage: blocks, lexicon, phrase scores and page-structure rules (consent, menus ...).

The entry points (``clean_document``, ``clean_documents``) are in ``orchestrator.py``: they run this layer and
then the block classifier (``classifier.py``) over the features of ``features.py``.

Texts arrive as copied from web pages: the article plus consent notices, cookie banners, share bars, image
credits, paywall prompts. This stage splits the raw text into blocks (lines/paragraphs; sentences when the text
has no line breaks at all), scores every block from several independent signals and removes a block only when
the evidence is both strong and varied:

* weighted phrases from ``resources/boilerplate_phrases.tsv`` (plus user files), per category;
* the reader addressed as "Sie/Ihre" in mid-sentence, a first person "ich/meine" or publisher "wir/unser" --
  always outside quotations, so an article quoting a consent form is not mistaken for one;
* calls to action ("Klicken Sie hier", "Jetzt abonnieren"), links and e-mail addresses, legal references
  ("§§ 15 ff. AktG") and postal addresses;
* short lines made almost entirely of a formula ("Artikel teilen", "Foto: dpa");
* position in the last part of the text, and neighbouring boilerplate (a short heading such as "Recht auf
  Widerruf" between two consent paragraphs goes with them);
* counter-evidence: the vocabulary of news reporting (reporting verbs, authorities, fines, courts) lowers a score.

A block is boilerplate when its total score reaches ``THRESHOLD`` and at least ``MIN_KINDS`` different kinds of
positive signal fired, one of them a lexicon phrase (the category comes from the lexicon). A single keyword
never suffices, so an article about GDPR fines or cookie banners keeps every paragraph.

A second, structural layer (``_structure_pass``, issue 18) then judges the page as a browser copy gives it: the
plain-text shape of each block (length, function words, sentence-likeness, contact data) and runs of blocks:
menus and breadcrumbs, the page head above the first paragraph, price tickers and counters, press contact boxes,
"about us" blurbs, teaser lists, lines repeated across the documents of a run (``clean_documents``,
``repeated_lines``) and context smoothing. It never takes a block that reads as a sentence (except about blurbs
next to removed furniture) nor a date line, byline or caption.

Metadata lines are recognised and kept: date lines ("Stand: 08.12.2025") set ``CleanResult.date``; date lines,
bylines and photo captions are flagged and never removed.

``clean_text`` has exactly the length of the raw text, boilerplate characters replaced by spaces (line breaks
kept), so that character offsets in the cleaned text are raw-text offsets.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import resources

try:  # the regex parser behind re.compile, to find literal text a regex needs (phrase_anchor)
    from re import _parser as _sre_parser  # Python >= 3.11
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parser

CATEGORIES = (
    "consent", "newsletter", "privacy", "cookie", "advertising", "navigation", "social", "credit", "subscription", "other",
    "teaser", "contact", "about",  # related-article lists, press contact boxes, "Über uns" blurbs (issue 18)
)
COUNTER = "content"  # lexicon category of counter-evidence (negative weights)

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
PHRASES_FILE = RESOURCES / "boilerplate_phrases.tsv"
METADATA_FILE = RESOURCES / "boilerplate_metadata.tsv"
STOPWORDS_FILE = RESOURCES / "boilerplate_stopwords.txt"
WRAP_WORDS_FILE = RESOURCES / "boilerplate_wrap_words.tsv"
GENRE_LABELS_FILE = RESOURCES / "boilerplate_genre_labels.txt"

THRESHOLD = 3.0  # total score from which a block is boilerplate
MIN_KINDS = 2  # distinct kinds of positive evidence required (lexicon plus at least one other)
MIN_LEXICON = 1.5  # weight of the strongest phrase required: a typical phrase, never topical words alone
LEXICON_CAP = 6.0  # per category: a long consent paragraph should not drown every counter-signal
LEXICON_TOTAL_CAP = 8.0  # over all categories: many topic words in one paragraph are still one kind of evidence
COUNTER_CAP = -4.0
LONG_BLOCK_WORDS = 40  # from this length a block needs LONG_BLOCK_LEXICON of phrase evidence on its own
LONG_BLOCK_LEXICON = 3.0
SENTENCE_MODE_MIN_CHARS = 300  # a text without line breaks longer than this is split into sentences
PROTECTED_FLAGS = frozenset({"date", "byline", "caption", "office", "table", "title"})
# Against a pre-decided removal (HTML extractor) only date lines and bylines are kept: a caption left out by the
# extractor is page furniture (measured on 53 news pages: keeping captions too cost 1.1 points of junk removed).
PREDECIDED_PROTECTED = frozenset({"date", "byline"})
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


@dataclass(frozen=True)
class Block:
    block_index: int
    start_char: int
    end_char: int
    text: str
    category: str  # "content" or one of CATEGORIES
    is_boilerplate: bool
    score: float
    signals: tuple[tuple[str, float], ...] = ()
    flags: tuple[str, ...] = ()  # metadata about content blocks: date, byline, caption, heading


@dataclass(frozen=True)
class CleanResult:
    blocks: tuple[Block, ...]
    clean_text: str
    date: str | None = None  # ISO date found in a metadata line ("Stand: 08.12.2025")

    @property
    def chars_removed(self) -> int:
        return sum(b.end_char - b.start_char for b in self.blocks if b.is_boilerplate)

    @property
    def chars_kept(self) -> int:
        return sum(b.end_char - b.start_char for b in self.blocks if not b.is_boilerplate)

    @property
    def removed_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.is_boilerplate]


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Phrase:
    category: str  # one of CATEGORIES or COUNTER
    weight: float
    pattern: str  # as written in the file (the key a user file overrides)
    regex: re.Pattern = field(compare=False, repr=False)
    source: str = ""  # "file:line", for error messages and the docs
    # A lowercase fragment every match contains: a cheap substring test skips the regex for most blocks (the
    # lexicon has ~140 patterns, most of them regexes). None where no such fragment is known.
    anchor: str | None = field(default=None, compare=False, repr=False)
    # Without such a fragment: lowercase fragments one of which every match contains (the alternatives of
    # "re:\b(?:sagte|erklärte|…)"), tested on blocks in the plain alphabet (``_CASE_PLAIN``) only.
    anchors: tuple[str, ...] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class MetaPattern:
    flag: str  # date, dateline, byline, caption
    scope: str  # line (whole block) or search (anywhere)
    regex: re.Pattern


@dataclass(frozen=True)
class Lexicon:
    phrases: tuple[Phrase, ...] = ()
    metadata: tuple[MetaPattern, ...] = ()
    # Scores of block texts already seen: a publisher appends the same consent notice to every article.
    cache: dict = field(default_factory=dict, compare=False, repr=False)


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    """Non-comment rows of a tab-separated resource file after its header line, with 1-based line numbers."""
    rows = []
    header_seen = False
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        rows.append((number, line.rstrip("\r").split("\t")))
    return rows


def compile_phrase(pattern: str) -> re.Pattern:
    """A lexicon pattern as a regex: ``re:`` prefix = regex; else a literal phrase where ``*`` extends a word."""
    if pattern.startswith("re:"):
        return re.compile(pattern[3:], re.IGNORECASE)
    body = pattern.strip()
    words = [re.escape(w).replace(r"\*", r"\w*") for w in body.strip("*").split()]
    core = r"\s+".join(words)
    lead = r"\b\w*" if body.startswith("*") else r"(?<!\w)"
    trail = r"\w*" if body.endswith("*") else r"(?!\w)"
    return re.compile(lead + core + trail, re.IGNORECASE)


def phrase_anchor(pattern: str) -> str | None:
    """A lowercase fragment that every match of the pattern contains, or None when none is known.

    Literal patterns: their longest literal fragment. ``re:`` patterns: the longest run of literal characters in
    the regex's top-level sequence (outside groups, alternatives and repeats), which any match must contain."""
    if pattern.startswith("re:"):
        return _regex_anchor(pattern[3:])
    fragments = [f for word in pattern.split() for f in word.split("*") if f]
    return max(fragments, key=len).lower() if fragments else None


def _regex_anchor(regex: str) -> str | None:
    try:
        parsed = _sre_parser.parse(regex, re.IGNORECASE)
    except re.error:
        return None
    runs, run = [], []
    for op, arg in parsed:
        if op == _sre_parser.LITERAL:
            run.append(chr(arg))
        else:
            runs.append("".join(run))
            run = []
    runs.append("".join(run))
    best = max(runs, key=len)
    return best.lower() if len(best) >= 2 else None


# Characters whose case-insensitive regex match is the same as equality after ``str.lower()``: ASCII, the German
# and common Latin-1 letters and uncased punctuation. (Outside them ``re.IGNORECASE`` has extra equivalences,
# "ſ" = "s", "K" (Kelvin) = "k", and ``str.lower`` may change length, "İ"; such blocks skip the alternatives test.)
_CASE_PLAIN_LETTERS = "äöüÄÖÜßàáâãåçèéêëìíîïñòóôõøùúûýÿÀÁÂÃÅÇÈÉÊËÌÍÎÏÑÒÓÔÕØÙÚÛÝ"
_CASE_PLAIN_OTHER = "\u00a0„“”»«‚‘’–—…·•€§°²³½¼¾×"
_CASE_UNPLAIN = re.compile(f"[^\\x00-\\x7f{_CASE_PLAIN_LETTERS}{_CASE_PLAIN_OTHER}]")
_CASE_PLAIN = frozenset(map(chr, range(128))) | frozenset(_CASE_PLAIN_LETTERS) | frozenset(_CASE_PLAIN_OTHER)


def _regex_alternatives(regex: str, *, flags: int = re.IGNORECASE, min_chars: int = 2, fold: bool = True) -> tuple[str, ...] | None:
    """Lowercase literal fragments one of which every match of the regex contains, or None.

    From the parse tree: a run of literals in a sequence, the alternatives of a group or branch (each must have
    such fragments), a group repeated at least once; lookarounds, classes and optional parts give none. The
    sequence item with the longest shortest fragment is taken; fragments shorter than ``min_chars`` characters
    or (with ``fold``, for a case-insensitive regex) outside the plain alphabet make the answer None. Without
    ``fold`` (a case-sensitive regex) the fragments keep their case."""
    try:
        parsed = _sre_parser.parse(regex, flags)
    except re.error:
        return None

    def of_sequence(items) -> tuple[str, ...] | None:
        candidates, run = [], []
        for op, arg in list(items) + [(None, None)]:
            if op == _sre_parser.LITERAL:
                run.append(chr(arg))
                continue
            if run:
                candidates.append(("".join(run),))
                run = []
            if op is None:
                break
            found = of_item(op, arg)
            if found:
                candidates.append(found)
        good = [c for c in candidates if all(len(f) >= min_chars and (not fold or set(f) <= _CASE_PLAIN) for f in c)]
        if not good:
            return None
        return tuple(f.lower() if fold else f for f in max(good, key=lambda c: (min(map(len, c)), -len(c))))

    def of_item(op, arg) -> tuple[str, ...] | None:
        if op == _sre_parser.SUBPATTERN:
            return of_sequence(arg[3])
        if op == _sre_parser.BRANCH:
            parts = [of_sequence(branch) for branch in arg[1]]
            return None if any(p is None for p in parts) else tuple(dict.fromkeys(f for p in parts for f in p))
        if op in (_sre_parser.MAX_REPEAT, _sre_parser.MIN_REPEAT) and arg[0] >= 1:
            return of_sequence(arg[2])
        return None

    return of_sequence(parsed)


def _read_phrases(path: Path) -> list[Phrase]:
    phrases = []
    for number, cols in _rows(path):
        where = f"{path}:{number}"
        if len(cols) < 3:
            raise ValueError(f"{where}: expected 3 tab-separated columns (category, weight, pattern), got {cols!r}")
        category, weight, pattern = cols[0].strip(), cols[1].strip(), cols[2].strip()
        if category not in CATEGORIES and category != COUNTER:
            raise ValueError(f"{where}: unknown category {category!r}; use one of {', '.join(CATEGORIES + (COUNTER,))}")
        try:
            value = float(weight)
        except ValueError:
            raise ValueError(f"{where}: weight {weight!r} is not a number") from None
        if not pattern:
            raise ValueError(f"{where}: empty pattern")
        try:
            regex = compile_phrase(pattern)
        except re.error as exc:
            raise ValueError(f"{where}: bad regular expression {pattern!r}: {exc}") from None
        anchor = phrase_anchor(pattern)
        # one-character alternatives too ("@", "x"): a test of a character is cheaper than a search of the regex
        anchors = None if anchor is not None or not pattern.startswith("re:") else _regex_alternatives(pattern[3:], min_chars=1)
        phrases.append(Phrase(category, value, pattern, regex, where, anchor, anchors))
    return phrases


def _read_metadata(path: Path) -> list[MetaPattern]:
    patterns = []
    for number, cols in _rows(path):
        if len(cols) < 3 or cols[1] not in ("line", "search"):
            raise ValueError(f"{path}:{number}: expected flag, scope (line|search), pattern")
        patterns.append(MetaPattern(cols[0].strip(), cols[1], re.compile(cols[2])))
    return patterns


@functools.lru_cache(maxsize=8)
def _load(paths: tuple[Path, ...]) -> Lexicon:
    merged: dict[str, Phrase] = {}
    for path in (PHRASES_FILE, *paths):
        for phrase in _read_phrases(path):
            merged[phrase.pattern] = phrase  # a later file replaces a shipped row with the same pattern
    return Lexicon(
        phrases=tuple(p for p in merged.values() if p.weight != 0),
        metadata=tuple(_read_metadata(METADATA_FILE)),
    )


def load_lexicon(extra_phrase_files: Sequence[Path] = ()) -> Lexicon:
    """The shipped lexicon plus user phrase files (same format as ``resources/boilerplate_phrases.tsv``)."""
    for path in extra_phrase_files:
        if not Path(path).is_file():
            raise FileNotFoundError(f"boilerplate phrase file not found: {path}")
    return _load(tuple(Path(p).resolve() for p in extra_phrase_files))


# --------------------------------------------------------------------------- blocks

_ABBREVIATIONS = frozenset(
    "z b bzw ca dr prof nr str usw vgl etc inkl ggf u a d h s o st abs art mio mrd jh hr fr mr ms sog evtl bzgl "
    "ff gem lt max min mind rd zzgl vs v l r m okt nov dez jan feb mär apr aug sep sept".split()
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"“”»«’')\]]*(?=\s+[\"„“»«(]?[A-ZÄÖÜ0-9])")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` by punctuation, not splitting after abbreviations, initials or ordinals."""
    spans, begin = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        word = re.search(r"([\w.]*)[.!?…]*$", text[max(begin, m.start() - 12) : m.start() + 1])
        token = (word.group(1) if word else "").rstrip(".").lower()
        last = token.split(".")[-1] if token else ""
        if text[m.start()] == "." and (last in _ABBREVIATIONS or len(last) == 1 or (last.isdigit() and len(last) <= 2)):
            continue
        spans.append((begin, m.end()))
        begin = m.end()
    spans.append((begin, end))
    return [s for s in (_trimmed(text, a, b) for a, b in spans) if s]


def _is_soft_wrap(line: str, following: str) -> bool:
    """A hard-wrapped paragraph: the line stops mid-sentence and the next one continues in lower case."""
    # Hard-wrapped text has long lines; a short line before a lower-case one is a menu item or widget
    # ("Kommentare" / "null", "56plus" / "lesen-oder-vorlesen") and stays a block of its own.
    if len(line) < 35 or len(line.split()) < 5:
        return False
    last = line.split()[-1]
    open_end = line[-1] not in '.!?:;"“”»«)…' or last.lower().rstrip(".") in _wrap_words()["abbreviation"]
    # German nouns are capitalised: a long line that stops on a function word, a comma or a hyphen ("Zu den",
    # "Vermittlung von", "Nord-") continues on the next line whatever its first letter. (A title may end on a
    # verb, "… was uns verbindet", so a content word at the end is not enough.)
    # (an abbreviation at the end, "beschäftigt insgesamt ca." / "2600 Mitarbeiter", continues the sentence too)
    mid_sentence = len(line) >= 40 and (
        last[-1] in ",-" or last.lower() in _wrap_words()["function"]
        or last.endswith(".") and last.lower().rstrip(".") in _wrap_words()["abbreviation"]
    )
    # a file name, slug or identifier on the next line ("06935203e8c6.jpg", "dsgvo_online_marketing") is an
    # image's or link's text of its own, not the rest of the sentence (sixth round)
    # (an image's alternative text, "author avatar", likewise)
    if _CODE_TOKEN.fullmatch(following.strip()) or alt_text_line(following):
        return False
    return open_end and (following[:1].islower() or mid_sentence and following[:1].isalnum())


# how an "@" is written to fool address harvesters (the cheap test before _EMAIL runs)
_HIDDEN_AT = ("[at]", "(at)", "{at}", "[ät]", "(ät)")
# a single token with an underscore, a file extension or four or more hyphens: a file name, slug or identifier
_CODE_TOKEN = re.compile(r"\S*_\S*|\S+\.(?:png|jpe?g|gif|svg|webp|pdf|docx?|html?|php)|[\wäöüß]+(?:-[\wäöüß]+){4,}", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _wrap_words() -> dict[str, frozenset[str]]:
    """``resources/boilerplate_wrap_words.tsv``: line-final words that continue a hard-wrapped paragraph."""
    kinds: dict[str, set[str]] = {"function": set(), "abbreviation": set()}
    for number, cols in _rows(WRAP_WORDS_FILE):
        if len(cols) < 2 or cols[0] not in kinds:
            raise ValueError(f"{WRAP_WORDS_FILE}:{number}: expected 'function|abbreviation<TAB>word'")
        kinds[cols[0]].add(cols[1].strip().lower())
    return {k: frozenset(v) for k, v in kinds.items()}


# a read-on link glued to the end of a paragraph: "… Auch deshalb machen… Weiterlesen", "… Read More", "… - mehr..."
# (seventh round: the link went, and the paragraph with it)
_GLUED_READ_ON = re.compile(
    r"(?<=[.!?…\]»“”\"])\s*[-–|]?\s*(?:weiterlesen|mehr lesen|read more|mehr\s*(?:\.{3}|…|»|›)|\[mehr\]|\[weiterlesen\])\s*[»›>]*\s*$",
    re.IGNORECASE,
)
GLUED_READ_ON_MIN_WORDS = 12  # the text before the link is a paragraph (an excerpt), not a teaser headline


def _split_glued_read_on(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """A paragraph with a read-on link at its end is two blocks: the text (judged as text) and the link."""
    start, end = span
    m = _GLUED_READ_ON.search(text, start, end)
    if not m or len(text[start : m.start()].split()) < GLUED_READ_ON_MIN_WORDS:
        return [span]
    return [s for s in (_trimmed(text, start, m.start()), _trimmed(text, m.start(), end)) if s]


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Block spans (start, end) in ``text``: one per line (hard-wrapped lines joined), or per sentence when the
    text is a single long line; a read-on link glued to a paragraph is a block of its own. Spans are trimmed of
    whitespace and cover every non-whitespace character."""
    return [part for span in _line_blocks(text) for part in _split_glued_read_on(text, span)]


def _line_blocks(text: str) -> list[tuple[int, int]]:
    lines = [s for s in (_trimmed(text, m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)) if s]
    if not lines:
        return []
    if len(lines) == 1 and lines[0][1] - lines[0][0] > SENTENCE_MODE_MIN_CHARS:
        return _sentence_spans(text, *lines[0])
    blocks = [lines[0]]
    for start, end in lines[1:]:
        prev_start, prev_end = blocks[-1]
        gap = text[prev_end:start]
        if gap.count("\n") == 1 and _is_soft_wrap(text[prev_start:prev_end], text[start:end]):
            blocks[-1] = (prev_start, end)
        else:
            blocks.append((start, end))
    return blocks


# --------------------------------------------------------------------------- signals

_QUOTE_PAIRS = re.compile(r"„[^„“”\n]*[“”]|“[^“”\n]*”|\"[^\"\n]*\"|»[^»«\n]*«|«[^«»\n]*»")
_FORMAL = re.compile(r"(?<=[\w,;)–-] )(?:Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres)\b")
# At a sentence start "Sie" may be "they": only with verbs and nouns that address a reader.
_FORMAL_START = re.compile(
    r"(?:^|[.!?:]\s+)(?:Sie (?:können|erhalten|haben|finden|möchten|müssen|sollten|wollen)"
    r"|Ihre?n?m?r?s? (?:Daten|E-Mail|Anmeldung|Abo|Zugang|Konto|Vorteile))\b"
)
_FIRST_PERSON = re.compile(r"\b(?:ich|mich|mir|mein|meine|meinen|meinem|meiner|meines)\b|^(?:Ich|Mir|Mein\w*)\b", re.M)
_PUBLISHER = re.compile(r"\b(?:wir|uns|unser|unsere|unseren|unserem|unserer|unseres)\b|(?:^|[.!?]\s+)(?:Wir|Unser\w*)\b")
_IMPERATIVE = re.compile(
    r"(?:^|[.!?]\s+)(?:Jetzt\s+|Bitte\s+|Hier\s+)?(?!Wie\b|Was\b|Wer\b|Wo\b|Warum\b|Wann\b|Sind\b|Haben\b|Werden\b|Können\b)"
    r"[A-ZÄÖÜ][a-zäöüß]+(?:en|ern|eln)\s+Sie\b"
    r"|\b(?:jetzt|hier|gleich)\s+(?:\w+\s+)?[a-zäöüß]+(?:en|ern|eln)\s*!?\s*$"
    r"|(?:^|[.!?:]\s+)(?:Jetzt|Hier|Gleich)\s+(?:\w+\s+)?[a-zäöüß]+(?:en|ern|eln)\b"
    r"|\bbitte\s+[a-zäöüß]+(?:en|ern|eln)\b"
    r"|\s[–—-]\s+(?:jetzt|hier|gleich)\s+[a-zäöüß]+(?:en|ern|eln)\b"  # "… zum Jubiläumspreis – jetzt abonnieren (…)"
    r"|!\s*$",
    re.M,
)
_LINKS = re.compile(r"https?://\S+|\bwww\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|(?<!\w)@[A-Za-z_]\w{2,}")
_LEGAL = re.compile(r"§§?\s*\d+|\bArt\.\s*\d+|\bAbs\.\s*\d+|\bff\.|\b(?:AktG|DSGVO|DS-GVO|BDSG|TTDSG|TDDDG|UWG|TMG|BGB)\b")
_POSTAL = re.compile(r"\b\d{5}\s+[A-ZÄÖÜ][a-zäöüß]+|\b\w+(?:straße|str\.|platz|weg|allee)\s+\d+\b|\b(?:GmbH|AG|KG|e\.\s?V\.)(?=[,.\s)]|$)")
_TERMINAL = '.!?:;"“”»«)…'


def _required_fragments(regex: re.Pattern) -> tuple[str, ...] | None:
    """Literal fragments (case kept) one of which every match of a case-sensitive regex contains, or None; a
    fragment that contains another one is left out (where it occurs, the shorter one does too)."""
    if regex.flags & re.IGNORECASE:
        return None
    fragments = _regex_alternatives(regex.pattern, flags=regex.flags, min_chars=1, fold=False)
    if fragments is None:
        return None
    return tuple(f for f in fragments if not any(g != f and g in f for g in fragments))


# The count regexes of ``_score`` scan every block; a block without any of the literal text a regex needs has
# no match and is not scanned (speed only, issue 16: same results).
_GATES = {
    regex: _required_fragments(regex)
    for regex in (_FORMAL, _FORMAL_START, _FIRST_PERSON, _PUBLISHER, _IMPERATIVE, _LINKS, _LEGAL, _POSTAL)
}


def _findall(regex: re.Pattern, text: str) -> list:
    """``regex.findall(text)`` of a regex in ``_GATES``."""
    gate = _GATES[regex]
    if gate is not None and not any(map(text.__contains__, gate)):
        return []
    return regex.findall(text)


def _search(regex: re.Pattern, text: str) -> re.Match | None:
    """``regex.search(text)`` of a regex in ``_GATES``."""
    gate = _GATES[regex]
    if gate is not None and not any(map(text.__contains__, gate)):
        return None
    return regex.search(text)

KINDS = {
    "lexicon": "lexicon",
    "formal_address": "address",
    "first_person": "address",
    "publisher_voice": "address",
    "imperative": "imperative",
    "links": "links",
    "legal_reference": "legal",
    "postal_address": "legal",
    "formula_line": "formula",
    "menu_line": "layout",
    "label_prefix": "layout",
    "neighbours": "neighbours",
    # structure of the page (issue 18): each of these decides a block by itself, see _structure_pass
    "contact_box": "structure",
    "menu_run": "structure",
    "teaser_run": "structure",
    "widget": "structure",
    "about_run": "structure",
    "repeated": "structure",
    "sandwiched": "structure",
    "page_head": "structure",
    "scrambled": "structure",
    "counter_tail": "structure",
    "glued_run": "structure",
    "repeated_in_page": "structure",
}


def _unquoted(text: str) -> str:
    """The block with balanced quotations blanked: what an article quotes is not the page talking to the reader."""
    return _QUOTE_PAIRS.sub(lambda m: " " * len(m.group()), text)


def _count_score(n: int, first: float, step: float, cap: float) -> float:
    return 0.0 if n <= 0 else min(cap, first + step * (n - 1))


FRAGMENT_KEY_CHARS = 4  # fragments of this length or longer are looked up by their first characters


def _fragment_index(lexicon: Lexicon) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]], dict[str, tuple[int, ...]], tuple[int, ...], tuple[int, ...]]:
    """The lexicon's short anchors and alternatives (tested one by one), the longer ones grouped by their first
    ``FRAGMENT_KEY_CHARS`` characters, the phrases (by position) that own each fragment, the phrases with neither
    and the phrases with alternatives; built once per lexicon (kept in its cache)."""
    index = lexicon.cache.get("fragment index")
    if index is None:
        owners: dict[str, list[int]] = {}
        unanchored, alternatives = [], []
        for i, phrase in enumerate(lexicon.phrases):
            if phrase.anchor is not None:
                owners.setdefault(phrase.anchor, []).append(i)
            elif phrase.anchors is not None:
                alternatives.append(i)
                for fragment in phrase.anchors:
                    owners.setdefault(fragment, []).append(i)
            else:
                unanchored.append(i)
        short = tuple(f for f in owners if len(f) < FRAGMENT_KEY_CHARS)
        groups: dict[str, list[str]] = {}
        for fragment in owners:
            if len(fragment) >= FRAGMENT_KEY_CHARS:
                groups.setdefault(fragment[:FRAGMENT_KEY_CHARS], []).append(fragment)
        index = (
            short, {k: tuple(v) for k, v in groups.items()}, {f: tuple(v) for f, v in owners.items()},
            tuple(unanchored), tuple(alternatives),
        )
        lexicon.cache["fragment index"] = index
    return index


def _fragments_in(lowered: str, short: tuple[str, ...], groups: dict[str, tuple[str, ...]]) -> list[str]:
    """The fragments of the index that occur in ``lowered``: every short one is tested, a longer one only when
    its first ``FRAGMENT_KEY_CHARS`` characters occur (one set of the text's character n-grams instead of a
    substring search per fragment)."""
    found = list(filter(lowered.__contains__, short))
    grams = set(map("".join, zip(*(lowered[i:] for i in range(FRAGMENT_KEY_CHARS)))))
    for key in grams.intersection(groups):
        group = groups[key]
        found.extend(filter(lowered.__contains__, group) if len(group) > 1 or len(group[0]) > FRAGMENT_KEY_CHARS else group)
    return found


def _lexicon_hits(text: str, lexicon: Lexicon) -> list[tuple[int, int, Phrase]]:
    """Phrase matches, strongest first; a match inside a stronger one's span of the same polarity is dropped (no
    double counting of "Datenschutz" inside "Datenschutzerklärung"), each phrase counts once per block.
    Evidence and counter-evidence are deduplicated separately so that neither can hide the other."""
    hits = []
    lowered = text.lower()
    short, groups, owners, unanchored, alternatives = _fragment_index(lexicon)
    # the phrases that can match: an anchor or (in the plain alphabet) one of the alternatives occurs in the block
    candidates = set(unanchored)
    for fragment in _fragments_in(lowered, short, groups):
        candidates.update(owners[fragment])
    if _CASE_UNPLAIN.search(text):
        candidates.update(alternatives)
    for i in sorted(candidates):  # lexicon order, as the ties of the sort below need
        phrase = lexicon.phrases[i]
        m = phrase.regex.search(text)
        if m and m.end() > m.start():
            hits.append((m.start(), m.end(), phrase))
    hits.sort(key=lambda h: (-abs(h[2].weight), h[0]))
    kept: list[tuple[int, int, Phrase]] = []
    for start, end, phrase in hits:
        positive = phrase.weight > 0
        if not any(s <= start and end <= e and (p.weight > 0) == positive for s, e, p in kept):
            kept.append((start, end, phrase))
    return kept


_LABEL_PREFIX = re.compile(r"^[A-ZÄÖÜ©][\w-]*(?:\s+[\w-]+){0,3}\s*:\s+\S")
_MENU_SEPARATORS = re.compile(r"\s+[|·•›>»/→⟩]\s+|\s*[|·•›»→]\s*|,\s+")


_LEADING_DATE = re.compile(r"^\s*(?:\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})\b|\d{4}-\d{2}-\d{2}\b|\d{1,2}\.\s*[A-ZÄÖÜ][a-zäöü]+\s+\d{4}\b)")
# a cell of a table row: a decimal figure ("46,82", "-3,42", "10,27 %"), never a date or a phone extension
_DECIMAL_CELL = re.compile(r"[+\-−]?\d{1,3}(?:\.\d{3})*,\d+\s*%?|[+\-−]?\d+\.\d+\s*%")


AGENDA_MIN_WORDS = 12  # a label's value of this length ...
AGENDA_MIN_STOP_DENSITY = 0.3  # ... and this share of function words is running text, not a tag list


def _agenda(value: str) -> bool:
    """The value after a label reads as running text ("Themen: Kontrolle und Vernichtung von Chemiewaffen in
    Syrien, Einsatz einer Drohne auf einer Wahlkampfveranstaltung, …"): an agenda of the article, not the items of
    a tag box ("Themen: Bundestag, Haushalt, Rente")."""
    shape = block_shape(value)
    return shape.words >= AGENDA_MIN_WORDS and shape.stop_density >= AGENDA_MIN_STOP_DENSITY


def _menu_line(text: str) -> bool:
    """A line of short items separated by bars, arrows or commas (share bar, breadcrumb, footer, tag list).

    Not a menu: a line that starts with a date (a dateline followed by author and share links, "21.11.2011,
    09.47 Uhr | Helmut Brandt | Artikel drucken") and a table row with decimal figures ("Ziel | 46,82 | TARGET")."""
    body = _LABEL_PREFIX.sub(lambda m: m.group()[-1], text, count=1)
    if re.search(r"[.!?]\s", body + " ") and not re.search(r"\bE-Mail\b", body):
        return False
    if _LEADING_DATE.match(text):
        return False
    items = [i for i in _MENU_SEPARATORS.split(body.strip(" :")) if i.strip()]
    if any(_DECIMAL_CELL.fullmatch(i.strip()) for i in items):
        return False
    return len(items) >= 3 and all(len(i.split()) <= 4 for i in items) and sum(len(i.split()) for i in items) / len(items) <= 3


@dataclass
class _Scored:
    start: int
    end: int
    text: str
    flags: tuple[str, ...]
    signals: list[tuple[str, float]]
    category: str
    own_score: float  # score before the neighbour pass
    strongest: float = 0.0  # weight of the strongest boilerplate phrase
    is_boilerplate: bool = False
    predecided: bool = False  # removed by a decision made before this stage (html_input)

    @property
    def score(self) -> float:
        return round(sum(v for _, v in self.signals), 2)

    def kinds(self) -> set[str]:
        return {KINDS.get(name.split(":")[0], "") for name, v in self.signals if v > 0} - {""}


def _score(text: str, lexicon: Lexicon, *, at_end: bool) -> tuple[list[tuple[str, float]], str, float]:
    """Signals of one block, its best category and the weight of its strongest boilerplate phrase."""
    plain = _unquoted(text)
    hits = _lexicon_hits(plain, lexicon)
    per_category: dict[str, float] = {}
    counter = 0.0
    for _, _, phrase in hits:
        if phrase.category == COUNTER or phrase.weight < 0:
            counter += phrase.weight
        else:
            per_category[phrase.category] = per_category.get(phrase.category, 0.0) + phrase.weight
    signals: list[tuple[str, float]] = []
    budget = LEXICON_TOTAL_CAP
    for cat, weight in sorted(per_category.items(), key=lambda kv: (-kv[1], CATEGORIES.index(kv[0]))):
        value = round(min(LEXICON_CAP, weight, budget), 2)
        if value > 0:
            signals.append((f"lexicon:{cat}", value))
            budget -= value
    category = signals[0][0].split(":")[1] if signals else "other"

    words = len(plain.split())
    formal = len(_findall(_FORMAL, plain)) + len(_findall(_FORMAL_START, plain))
    features = [
        ("formal_address", _count_score(formal, 1.0, 0.5, 2.0)),
        ("first_person", _count_score(len(_findall(_FIRST_PERSON, plain)), 1.0, 0.5, 2.0)),
        ("publisher_voice", _count_score(len(_findall(_PUBLISHER, plain)), 0.5, 0.25, 1.0)),
        ("imperative", _count_score(len(_findall(_IMPERATIVE, plain)), 1.5, 0.5, 2.0)),
        ("links", _count_score(len(_findall(_LINKS, plain)), 1.0, 0.5, 2.0)),
        ("legal_reference", _count_score(len(set(_findall(_LEGAL, plain))), 0.5, 0.5, 1.0)),
        ("postal_address", _count_score(len(_findall(_POSTAL, plain)), 0.5, 0.5, 1.0)),
    ]
    # A short line that is (almost) nothing but a strong formula is boilerplate on its own: "Artikel teilen".
    strongest = max((h[2].weight for h in hits), default=0.0)
    # A longer line counts only when a formula of weight >= 3 fills all of it (a share bar of 14 words).
    if hits and strongest >= 2.5 and (words <= 10 or words <= 24 and strongest >= 3.0):
        covered = sum(e - s for s, e, p in hits if p.weight > 0)
        coverage = min(1.0, covered / max(1, len("".join(plain.split()))))
        if coverage >= (0.6 if words <= 10 else 0.95):
            features.append(("formula_line", round(2.0 * coverage, 2)))
    if _menu_line(plain):
        features.append(("menu_line", 1.5))
    # "Lesen Sie auch: ...", "Über die Autorin: ...": a box label, known to the lexicon, before a colon. A news
    # heading "Datenschutz: Was Sie wissen müssen" has the same shape, hence the strong phrase inside the label.
    label = _LABEL_PREFIX.match(plain) if words <= 20 else None  # "Themen: <long list>" is an agenda, not a box label
    if label and _agenda(plain[label.end() - 1:]) and all(
            p.category in ("navigation", "social") for s, _, p in hits if s < label.end() - 1 and p.weight >= 2.0):
        label = None  # a tag label ("Themen:") before running text; an "Über die Autorin:" box is running text
    if label and any(s < label.end() - 1 and p.weight >= 2.0 for s, _, p in hits):
        features.append(("label_prefix", 1.0))
    if at_end:
        features.append(("position_end", 0.5))
    if counter:
        features.append(("news_reporting", round(max(COUNTER_CAP, counter), 2)))
    quoted = sum(len(m.group()) for m in _QUOTE_PAIRS.finditer(text))
    if quoted > 0.3 * len(text):
        features.append(("quotation", -1.0))
    signals.extend((name, round(value, 2)) for name, value in features if value)
    return signals, category, strongest


# Article prose (issue 18, fourth round): a paragraph of several sentences of running text is removed only when
# boilerplate phrases run through it or it holds an exact formula (a consent notice, a risk warning), not when
# some sentences of a text *about* subscriptions or cookies use prompt words ("Ein LVZ+-Abo gibt Ihnen
# unbegrenzten Zugang …").
PROSE_MIN_CHARS = 150
PROSE_MIN_SENTENCES = 3  # sentences of at least 4 words with a function word
PROSE_PHRASE_WEIGHT = 1.5  # a typical boilerplate phrase, not a topic word
PROSE_PHRASE_SHARE = 0.5  # more than this share of the block's sentences must carry such a phrase ...
PROSE_FORMULA_WEIGHT = 3.0  # ... or the block holds a formula only boilerplate uses ("Diese Website verwendet Cookies")
PROSE_MAX_SYMBOL_SHARE = 0.08  # link lists, tables and code have more symbols than running text
# structure rules specific enough to take prose: scrambled paywall text, a press release's "about us" blurb
PROSE_STRUCTURE_SIGNALS = frozenset({"scrambled", "about_run", "contact_box"})


def prose_sentences(text: str) -> list[str]:
    """The sentences of running text in a block (at least 4 words and a function word each)."""
    out = []
    for start, end in _sentence_spans(text, 0, len(text)):
        sentence = text[start:end]
        if len(sentence.split()) >= 4 and block_shape(sentence).stopwords >= 1:
            out.append(sentence)
    return out


def _prose_guard(text: str, lexicon: "Lexicon") -> bool:
    """True when ``text`` has the shape of article prose (>= 150 characters, >= 3 sentences of running text, few
    symbols and no links), no formula of weight >= 3 occurs in it and at most half of its sentences carry a
    boilerplate phrase of weight >= 1.5: such a block is article text whatever its topic, reader address or calls
    to action."""
    if len(text) < PROSE_MIN_CHARS or _search(_LINKS, text):
        return False
    key = ("prose", text)
    if key not in lexicon.cache:
        lexicon.cache[key] = _prose_shape_unmarked(text, lexicon)
    return lexicon.cache[key]


def _prose_shape_unmarked(text: str, lexicon: "Lexicon") -> bool:
    dense = "".join(text.split())  # the characters but whitespace
    if len(dense) - sum(map(str.isalnum, dense)) > PROSE_MAX_SYMBOL_SHARE * max(1, len(dense)):
        return False
    sentences = prose_sentences(text)
    if len(sentences) < PROSE_MIN_SENTENCES and not (len(sentences) == 2 and _plain_report(text)):
        return False
    weights = [
        max((p.weight for _, _, p in _lexicon_hits(_unquoted(s), lexicon) if p.category != COUNTER and p.weight > 0), default=0.0)
        for s in sentences
    ]
    # a formula counts in a statement or a prompt, not inside a question the text asks about it ("Und was ist mit
    # Angeboten, die über Cookies informieren, ohne meine Einwilligung einzuholen?")
    if any(w >= PROSE_FORMULA_WEIGHT and not s.rstrip(" “”\"»«)").endswith("?") for w, s in zip(weights, sentences)):
        return False
    return sum(w >= PROSE_PHRASE_WEIGHT for w in weights) <= PROSE_PHRASE_SHARE * len(sentences)


def _plain_report(text: str) -> bool:
    """Two sentences of running text in a calm voice (fifth round): no first person, no exclamation mark, no legal
    reference, no link. A consent declaration ("Hiermit willige ich ein …"), a form's thanks ("Vielen Dank für Ihre
    Anmeldung! Bitte …") and a privacy note ("Ihre Angaben nutzen wir … gem. Art. 6 DSGVO") have one of them; a
    paragraph explaining a paywall or how to reach an office ("Über das Kontaktformular erreichen Sie uns …") has
    none."""
    plain = _unquoted(text)
    return not (_search(_FIRST_PERSON, plain) or "!" in plain or _search(_LEGAL, plain) or _search(_LINKS, plain))


def prose_protected(block: "_Scored", lexicon: "Lexicon") -> bool:
    """The block reads as article prose (``_prose_guard``) and no prose-specific structure rule took it."""
    if any(name in PROSE_STRUCTURE_SIGNALS for name, _ in block.signals):
        return False
    if _prose_guard(block.text, lexicon):
        return True
    # a report paragraph that ends with where to send tips (eleventh round)
    if len(block.text) < 2 * PROSE_MIN_CHARS:
        return False
    key = ("report_contact", block.text)
    if key not in lexicon.cache:
        lexicon.cache[key] = report_then_contact(block.text, lexicon)
    return lexicon.cache[key]


def _decide(block: _Scored, lexicon: "Lexicon | None" = None) -> bool:
    if PROTECTED_FLAGS & set(block.flags):
        return False
    if lexicon is not None and prose_protected(block, lexicon):
        return False
    kinds = block.kinds()
    # A bare heading inside a boilerplate run ("Newsletter", "Recht auf Widerruf") has one topical word at most.
    minimum = 1.0 if "neighbours" in kinds and _heading_like(block.text) else MIN_LEXICON
    # A long paragraph (a service article addressing the reader: "Dieser Artikel zeigt Ihnen, wo Sie …") needs
    # as much phrase evidence as a consent notice has, not one typical phrase plus the way it addresses people.
    if len(block.text.split()) >= LONG_BLOCK_WORDS:
        lexical = sum(v for name, v in block.signals if name.startswith("lexicon:"))
        if lexical < LONG_BLOCK_LEXICON and not {"neighbours", "structure"} & kinds:
            return False
    return block.strongest >= minimum and len(kinds) >= MIN_KINDS and block.score >= THRESHOLD


def _heading_like(text: str) -> bool:
    return len(text.split()) <= 12 and text[-1] not in _TERMINAL and text[:1].isupper()


# signals of blocks a structure rule decided to keep: the neighbour pass does not take them (the first heading of
# the text after its table of contents, sixth round)
# (and the lines of a board list inside a menu run: its people with their role and party lines, eleventh round)
KEPT_BY_STRUCTURE = frozenset({"contents_heading", "board_label"})


def _neighbour_pass(blocks: list[_Scored], lexicon: "Lexicon | None" = None) -> None:
    """Promote blocks with some boilerplate evidence of their own that sit inside a run of boilerplate.

    Consent notices come as runs: paragraphs with short headings in between ("Recht auf Widerruf"); the heading
    alone is too weak (it could head an article section), inside the run it belongs to the notice."""
    changed = True
    while changed:
        changed = False
        for i, block in enumerate(blocks):
            if block.is_boilerplate or PROTECTED_FLAGS & set(block.flags) or "lexicon" not in block.kinds():
                continue
            if any(n in KEPT_BY_STRUCTURE for n, _ in block.signals):
                continue
            before = i > 0 and blocks[i - 1].is_boilerplate
            after = i + 1 < len(blocks) and blocks[i + 1].is_boilerplate
            long_block = len(block.text.split()) > 25
            if long_block and block.own_score < 2.0 or block.own_score < 1.0:
                continue
            bonus = 2.0 if before and after else 1.5 if after and _heading_like(block.text) else 1.0 if before or after else 0.0
            if not bonus:
                continue
            block.signals = [s for s in block.signals if s[0] != "neighbours"] + [("neighbours", bonus)]
            if _decide(block, lexicon):
                block.is_boilerplate = changed = True
            else:
                block.signals = [s for s in block.signals if s[0] != "neighbours"]


# --------------------------------------------------------------------------- metadata

_MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "mär": 3, "april": 4, "apr": 4, "mai": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
    # English date lines of international sites ("Jun 12 2023", "March 3, 2024")
    "january": 1, "february": 2, "march": 3, "mar": 3, "may": 5, "june": 6, "july": 7, "october": 10, "oct": 10,
    "december": 12, "dec": 12,
}


def parse_date(text: str) -> str | None:
    """ISO date of "08.12.2025", "8. Dezember 2025", "8.12.25" or "2025-12-08"; None if it is no valid date."""
    text = text.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := re.fullmatch(r"([A-Za-zÄäÖöÜü]+)\.?\s+(\d{1,2}),?\s+(\d{4})", text):
        day, year, month = int(m.group(2)), int(m.group(3)), _MONTHS.get(m.group(1).lower(), 0)
    else:
        # (the day's period may be missing before a month name: "7 Februar 2023", twelfth round)
        m = re.fullmatch(r"(\d{1,2})(?:\.\s*(\d{1,2})\.|\.?\s*([A-Za-zÄäÖöÜü]+)\.?)\s*(\d{2}|\d{4})", text)
        if not m:
            return None
        day, year = int(m.group(1)), int(m.group(4))
        month = int(m.group(2)) if m.group(2) else _MONTHS.get(m.group(3).lower(), 0)
        year += 2000 if year < 100 else 0
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _metadata(text: str, lexicon: Lexicon) -> tuple[list[str], str | None, str | None]:
    """Flags of a block, the date of a date line and the date of a head dateline (used only without date line)."""
    flags, date, dateline = [], None, None
    for pattern in lexicon.metadata:
        m = pattern.regex.fullmatch(text) if pattern.scope == "line" else pattern.regex.search(text)
        if not m:
            continue
        if pattern.flag == "date" and "date" not in pattern.regex.groupindex:
            pass  # a time stamp of the day ("Stand: 09:14 Uhr"): kept and flagged like a date line, no document date
        elif pattern.flag in ("date", "dateline"):
            parsed = parse_date(m.group("date")) if "date" in pattern.regex.groupindex else None
            if not parsed:
                continue
            if pattern.flag == "date":
                date = date or parsed
            else:
                dateline = dateline or parsed
                continue  # a dateline inside a sentence does not make the block a metadata line
        if pattern.flag not in flags:
            flags.append(pattern.flag)
    if not flags and _heading_like(text) and len(text.split()) <= 10:
        flags.append("heading")
    return flags, date, dateline


# --------------------------------------------------------------------------- page structure (issue 18)
#
# Browser copies of real pages bring furniture the phrase lexicon cannot know word by word: menus and
# breadcrumbs, author widgets, price tickers, press contact boxes, "about us" blurbs, teaser lists. They are found
# from the shape of blocks and of their runs (jusText-style: length, stop-word density, sentence-likeness) and
# from their place on the page. Every rule below is conservative about running text: a block that reads as a
# sentence (final punctuation, function words) is never taken by a run rule, and dates, bylines and captions are
# never touched.

_WORD_RE = re.compile(r"[A-Za-zÄÖÜäöüß]+")
_DATE_IN_LINE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")
_DATED_ENTRY = re.compile(r"\W*\d{1,2}\.\d{1,2}\.\d{2,4}\b")
_SECTION_NUMBER = re.compile(r"(?:§{1,2}|Art\.|Artikel)\s*\d{1,3}\s?[a-z]?\.?")
# A clause of an enumerated document body: "01.1 Der Verein heißt …", "§ 3 Zweck", "(2) Mitglied kann …". Statutes,
# rules and terms number their clauses; an "about us" blurb never does (round 10: a club statute lost as a blurb).
_NUMBERED_CLAUSE = re.compile(r"^\s*(?:§{1,2}\s*\d{1,3}[a-z]?\.?|\(\d{1,2}\)|\d{1,2}(?:\.\d{1,2})+\.?)\s+[A-ZÄÖÜ\"„]")
# A row of a table, not a headline: two amounts with cents ("PayPal (EU) 17,00€ 17,00€", "bis 99,00 Euro ab 99,01
# Euro") or a numbered issue reference ("LGBl. Nr. 75/2008", "Nr. 12/2024"); round 10: a shop's shipping costs and a
# list of law-gazette references taken as teaser runs.
_AMOUNT_WITH_CENTS = re.compile(r"\d,\d{2}\b")
_ISSUE_REFERENCE = re.compile(r"\bNr\.\s?\d{1,4}/\d{2,4}(?!\d)")
# a result row of a fixture list: two sides joined by a dash and the score at the end, with the half-time score in
# brackets ("FSV Musterdorf - SG Beispielstadt 2:3 (0:1)", "TSV Nord II – FC Süd 0:0"); twelfth round: round 13's
# matchday results taken as a teaser run (all 6 such lines of the fifteen parts are content)
_RESULT_ROW = re.compile(r"\S\s[-–]\s.*\S\s+\d{1,2}:\d{1,2}(?:\s*\(\d{1,2}:\d{1,2}\))?\s*$")
_BULLET = re.compile(r"^\s*(?:[•·▪►*–-]|\d{1,2}[.)])\s+")
# A phone number after "Tel.", "Fax" ... may use dots ("+49 (0)30.27 48 83-1410"); without a label only spaces,
# "/" and "-" separate its groups, so that dates ("07.08.2025") and amounts never count as phone numbers.
_PHONE = re.compile(
    r"\b(?:tel(?:efon)?|fax|mobil|handy|fon)\b\.?\s*:?\s*(?:\+\d{2}\s?(?:\(0\)\s?)?|\(0\d+\)\s?|0)\d{1,5}[\d\s./()-]{4,}\d"
    r"|(?<![\w.,/])(?:\+\d{2}\s?(?:\(0\)\s?)?\d{2,5}|0[1-9]\d{1,4})(?:\s?[/-]\s?|\s)\d[\d\s-]{3,}\d(?![.,]?\d)"
    # the area code in brackets without a label: "(069) 5550-7035", "(069)-5550-7035" (sixth round)
    r"|(?<![\w.,/])\(0[1-9]\d{1,4}\)\s?[/-]?\s?\d[\d\s-]{3,}\d(?![.,]?\d)",
    re.IGNORECASE,
)
_PHONE_BARE = re.compile(r"\btel:\+?\d{7,}")
# An e-mail address, also written to fool address harvesters: "name (at) domain (dot) de", "name[at]domain.de",
# "name @ domain . de", "name AT domain PUNKT de" (sixth round)
_EMAIL = re.compile(
    r"\S+@\S+\.\w{2,}|\b\w[\w.-]*\s+(?:AT|\[at\]|\(at\))\s+[\w-]+\s+(?:PUNKT|DOT|\[dot\]|\(dot\))\s+\w+\b"
    r"|\b\w[\w.+-]*\s*(?:\[at\]|\(at\)|\{at\}|\[ät\]|\(ät\))\s*[\w-]+(?:\s*(?:\.|\[dot\]|\(dot\)|\[punkt\]|\(punkt\))\s*[\w-]+)+"
    r"|\b\w[\w.+-]*\s@\s[\w-]+(?:\s?\.\s?[\w-]+)*\s?\.\s?[a-z]{2,4}\b",
    re.IGNORECASE,
)
_STREET = re.compile(
    r"\b[A-ZÄÖÜ][\w-]*(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer|hof|markt|chaussee)\s+\d{1,4}\s?[a-z]?\b"
    r"|\b(?:Am|An der|Im|In der|Auf dem)\s+[A-ZÄÖÜ][\w-]+\s+\d{1,4}[a-z]?\b"
)
_POSTCODE = re.compile(r"\b\d{5}\s+[A-ZÄÖÜ][a-zäöüß]+")
_NAME = re.compile(
    r"(?:(?:Frau|Herr|Dr\.|Prof\.)\s+)*[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
    r"(?:\s+(?:von\s+|van\s+|de\s+)?[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?){1,2}"
)
_NUMBER_TOKEN = re.compile(r"[+-]?\d[\d.,]*%?|EUR|USD|CHF|GBP|PKT|Pkt\.?|Punkte|%|[-–+|/$€£]+")
# "22:16 Uhr", "11:09"; a range of times ("13:00 - 17:00", "9.00–12.00 Uhr": the hours of an event or an office,
# eleventh round) is a time too
_TIME_ONLY = re.compile(r"(?:\d{1,2}[:.]\d{2}\s*(?:Uhr\s*)?[-–]\s*)?(?:\d{1,2}[:.]\d{2}\s*Uhr|\d{1,2}:\d{2}(?::\d{2})?)")
_CODE_LIKE = re.compile(r"\S*_\S*|\S+\.(?:png|jpe?g|gif|svg|webp)|\[\{.*|\[\]|\{.*\}|[\w-]+-|!\[.*\]\(.*\)")


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    lines = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@functools.lru_cache(maxsize=1)
def _genre_labels() -> frozenset[str]:
    """``resources/boilerplate_genre_labels.txt``: labels naming the kind of document ("Pressemitteilung")."""
    lines = GENRE_LABELS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def genre_label(text: str) -> bool:
    """The line is a label naming the document's kind ("Pressemitteilung", "Satzung"), a kicker of its title."""
    return text.strip().strip(":").strip().lower() in _genre_labels()


@dataclass(frozen=True)
class Shape:
    """Plain-text shape of a block: what a reader sees at a glance (length, running text or not, contact data)."""

    words: int
    stopwords: int
    stop_density: float
    sentence_like: bool  # running text: final punctuation and function words, or long with function words
    short_item: bool  # menu/list item: at most 4 words, no sentence end, at most one function word
    headline: bool  # 3-16 words, no final full stop: a title or a teaser headline
    widget: str  # "", "no_text", "quote", "time", "code": lines without words (counters, price tickers, rules)
    contact_strong: int  # phone numbers and e-mail addresses
    contact_weak: int  # street + number, postcode + town
    name: bool  # the whole block is a person's name (or a "|"-separated list of names)


@functools.lru_cache(maxsize=65536)
def block_shape(text: str) -> Shape:
    stripped = _BULLET.sub("", text).strip()
    tokens = _WORD_RE.findall(stripped)
    words = len([w for w in stripped.split() if w not in "|·•/"])
    stop = sum(map(_stopwords().__contains__, map(str.lower, tokens)))
    density = stop / len(tokens) if tokens else 0.0
    final = bool(re.search(r"[.!?…][\"“”»«’')\]]*$", stripped))  # a closing quote alone ends no sentence
    sentence_like = bool(tokens) and ((final and words >= 6 and stop >= 1) or (words >= 15 and density >= 0.15))
    # a "Label: value" row ("Anlass: keine wesentlichen Auswirkungen", "Verantwortlich:Lange, Birte") is a
    # metadata line of the document, not a menu item
    key_value = bool(re.match(r"^[A-ZÄÖÜ][\w/-]*\s?:\s?\S", stripped)) and not re.match(r"^\d", stripped)
    short_item = (
        0 < words <= 4 and not stripped.endswith((".", "!", "?", "…")) and stop <= 1 and len(tokens) >= 1 and not key_value
    )
    headline = 3 <= words <= 16 and not stripped.endswith((".", "…", ";", ",", ":")) and stripped[:1].isupper()
    letters = sum(map(str.isalpha, stripped))
    widget = ""
    if _DATE_IN_LINE.search(stripped):
        pass  # a date line ("26.04.2023 |") dates the text next to it: never a widget
    elif _SECTION_NUMBER.fullmatch(stripped):
        pass  # the number of a statute's or contract's section ("§1", "§ 12a", "Art. 3") heads its text
    elif _TIME_ONLY.fullmatch(stripped):
        widget = "time"
    elif price_or_rate(stripped):
        pass  # a price or rate with its unit sign ("19,99 €", "3,00 %") is a data value, as "57,28 EUR" (eighth round)
    elif letters < 2 or words >= 5 and all(len(t) == 1 for t in stripped.split()):
        widget = "no_text"  # (a calendar's header row "M D M D F S S" has no words either)
    elif all(_NUMBER_TOKEN.fullmatch(t) for t in stripped.split()) and sum(any(c.isdigit() for c in t) for t in stripped.split()) >= 2:
        # a ticker row has a price and its change ("332,40 EUR 5,30 EUR 1,62%"); a single figure with its unit
        # ("57,28 EUR" under "Geld in EUR") is a data value of the page
        widget = "quote"
    elif re.fullmatch(r"(?:PKT\s*)+|(?:EUR\s*)+", stripped):
        widget = "quote"
    elif _TIME_ONLY.fullmatch(stripped):
        widget = "time"
    elif words <= 2 and (_CODE_LIKE.fullmatch(stripped) or words == 1 and _CODE_TOKEN.fullmatch(stripped)) or stripped.startswith("[{") or stripped.startswith("!["):
        widget = "code"
    strong = weak = 0
    if any(map(str.isdigit, stripped)):  # every phone number, street number and postcode has digits
        strong = len(_PHONE.findall(stripped)) + len(_PHONE_BARE.findall(stripped))
        weak = len(_STREET.findall(stripped)) + len(_POSTCODE.findall(stripped))
    lowered = stripped.lower()
    if "@" in stripped or " AT " in stripped or any(m in lowered for m in _HIDDEN_AT):
        strong += len(_EMAIL.findall(stripped))
    parts = [x.strip() for x in re.split(r"\s*\|\s*", stripped) if x.strip()]
    name = bool(parts) and words <= 12 and all(_NAME.fullmatch(x) for x in parts)
    return Shape(words, stop, density, sentence_like, short_item, headline, widget, strong, weak, name)


def _lexicon_weight(block: "_Scored", category: str) -> float:
    return sum(v for n, v in block.signals if n == f"lexicon:{category}")


def _lexicon_positive(block: "_Scored") -> bool:
    return any(n.startswith("lexicon:") and v > 0 for n, v in block.signals)


def _mark(block: "_Scored", category: str, signal: str, value: float) -> None:
    block.signals = [s for s in block.signals if s[0] != signal] + [(signal, value)]
    block.category = category
    block.is_boilerplate = True


def _free(block: "_Scored") -> bool:
    """A block a structure rule may take: not yet removed, no date/byline/caption."""
    return not block.is_boilerplate and not (PROTECTED_FLAGS & set(block.flags))


def _first_paragraph(shapes: list[Shape], blocks: Sequence["_Scored"] = ()) -> int:
    """Index of the first block of running text (>= 12 words, sentence-like) not already removed as
    boilerplate: where the article starts."""
    return next(
        (
            i for i, s in enumerate(shapes)
            if s.sentence_like and s.words >= 12 and not (i < len(blocks) and blocks[i].is_boilerplate)
        ),
        len(shapes),
    )


def _title_slot(blocks: list["_Scored"], shapes: list[Shape], top: int) -> int:
    """The line that titles the first paragraph: the last block above it that is not removed, not a date,
    byline or caption and not a widget ("Verlängerte Winterferien" above "Lesezeit: 4 min" and the first
    paragraph). Page-head rules never take it, however short it is; -1 without a paragraph."""
    k = top - 1
    while k >= 0 and (blocks[k].is_boilerplate or PROTECTED_FLAGS & set(blocks[k].flags) or shapes[k].widget):
        k -= 1
    return k if top > 0 else -1


def _widgets(blocks: list["_Scored"], shapes: list[Shape]) -> None:
    # A line without words (counters "0", rules "____", "$"), a price ticker row, a bare time stamp or a code
    # fragment ("spot_img", "pingdom.png") carries no statement; figures read from it would be fake.
    # A bare time stamp ("22:16 Uhr") stays: in a news ticker it dates the entry below it (the classifier
    # still sees its shape).
    # (the cells of a table copied cell by cell are the page's data; a counter after a label, "Beiträge:" /
    # "2", stays a widget)
    # (the number of a section on a line of its own, "I.", "2. 1.", "§ 3", heads the text below it: seventh round)
    rows = _split_table(blocks, shapes)
    for i, (block, shape) in enumerate(zip(blocks, shapes)):
        numbered_section = bool(_SECTION_NUMBER.fullmatch(block.text.strip())) and i + 1 < len(blocks) and (
            shapes[i + 1].sentence_like and shapes[i + 1].words >= 8)
        if shape.widget and shape.widget != "time" and _free(block) and i not in rows and not numbered_section:
            _mark(block, "other", "widget", 3.0)


# a section number alone: a roman numeral with its period ("IV."), numbers with periods ("2.", "2. 1.", "3.2."),
# a section sign with its number ("§ 3")
_SECTION_NUMBER = re.compile(r"[IVX]{1,5}\.|\d{1,2}\.(?:\s?\d{1,2}\.)*|§\s?\d{1,3}[a-z]?")


def _split_dates(blocks: list["_Scored"]) -> None:
    """A date printed in three lines ("1" / "03" / "2023", a page layout's date badge): day, month and year
    in a row are a date line, flagged and kept like one."""
    values = [b.text.strip().strip("/.-| ") for b in blocks]
    for i in range(len(blocks) - 2):
        day, month, year = values[i : i + 3]
        if (
            day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4 and 1 <= int(day) <= 31
            and 1 <= int(month) <= 12 and 1900 <= int(year) <= 2100 and len(day) <= 2 and len(month) <= 2
        ):
            for k in range(i, i + 3):
                if "date" not in blocks[k].flags and not blocks[k].is_boilerplate:
                    blocks[k].flags = (*blocks[k].flags, "date")


def _split_table_pass(blocks: Sequence["_Scored"], shapes: Sequence[Shape], widths: set[int]) -> set[int]:
    n = len(blocks)

    def figure(k: int) -> bool:
        return bool(_DECIMAL_CELL.fullmatch(blocks[k].text.strip()))

    def group(k: int) -> int:
        # figure cells after the name line k (0 when k is no name line)
        if k >= n or figure(k) or not any(map(str.isalpha, blocks[k].text)) or shapes[k].words > 4 or shapes[k].sentence_like:
            return 0
        j = k + 1
        while j < n and figure(j) and j - k <= 4:
            j += 1
        return j - k - 1 if 1 <= j - k - 1 <= 4 else 0

    rows: set[int] = set()
    i = 0
    while i < n:
        width = group(i)
        if not width:
            i += 1
            continue
        j, groups = i, 0
        while j < n and group(j) == width:
            j += width + 1
            groups += 1
        if groups >= 2 or width in widths:
            if j < n and _DATE_IN_LINE.search(blocks[j].text) and shapes[j].words <= 3:
                j += 1
            rows.update(range(i, j))
            widths.add(width)
            i = j
        else:
            i += 1
    return rows


def _split_table(blocks: Sequence["_Scored"], shapes: Sequence[Shape]) -> set[int]:
    """A table copied cell by cell: a name line ("TecDAX") followed by the same number of figure cells ("0,19%",
    "1.584,79") at least twice in a row, plus a time stamp right after the last group ("02.03.2015 13:38:51");
    once the page has such a table, a single group of the same width elsewhere on it is a table too (a second
    index table with one row). The page's data (a market overview), not a ticker widget: a ticker prints its
    row on one line."""
    widths: set[int] = set()
    _split_table_pass(blocks, shapes, widths)
    return _split_table_pass(blocks, shapes, widths) if widths else set()


def _contact_line(block: "_Scored", shape: Shape) -> bool:
    # (office hours next to a phone number belong to the box: "Servicezeiten: Montag bis Freitag …", sixth round)
    return (shape.contact_strong > 0 or shape.contact_weak > 0 or _lexicon_weight(block, "contact") > 0
            or not shape.sentence_like and office_hours(block.text))


_WEB_LINE = re.compile(r"\s*(?:[\w-]+(?:\s[\w-]+)?\s?:\s*)?(?:https?://|www\.)\S+\s*")


def _contact_boxes(blocks: list["_Scored"], shapes: list[Shape]) -> None:
    """Press contact boxes: a label ("Pressekontakt", "Rückfragen bitte an:") or the first address/phone line,
    then name, role, organisation, street, phone and e-mail lines. A box needs a phone number or an e-mail
    address, and a label or a second contact line; none of its lines may read as a sentence (a police appeal
    "Hinweise unter 0711 8990-0" is kept)."""
    n = len(blocks)

    def box_line(i: int) -> bool:
        b, s = blocks[i], shapes[i]
        if PROTECTED_FLAGS & set(b.flags) or s.sentence_like or s.words > 30:
            return False
        return s.words <= 8 or s.name or _contact_line(b, s)

    i = 0
    while i < n:
        b, s = blocks[i], shapes[i]
        # a label names the box ("Pressekontakt"); a phone or e-mail line is evidence, not a label, so that the
        # organisation lines above it ("Staatskanzlei:", "Büro Regierungssprecher") are still taken
        label = _lexicon_weight(b, "contact") >= 2.0 and s.words <= 12 and not s.sentence_like and not s.contact_strong
        if not (label or (_contact_line(b, s) and box_line(i))):
            i += 1
            continue
        end = i
        last_evidence = i if _contact_line(b, s) else -1
        gap = 5 if label else 3  # a labelled box may list name, role and organisation before the address
        while end + 1 < n and box_line(end + 1) and (last_evidence < 0 or end + 1 - last_evidence <= gap):
            end += 1
            # under a label, the names of the contact persons are the box's content even without a phone line
            # ("Pressekontakt" / "Sabine Lorenz" / "Nadine Kruse"; fifth round)
            if _contact_line(blocks[end], shapes[end]) or label and _person_line(blocks[end], shapes[end]):
                last_evidence = end
        if last_evidence < 0:
            i += 1
            continue
        end = last_evidence
        # trailing web address or handle lines belong to the box
        # (also after a label: "Internet: http://www.verband.example", sixth round)
        while end + 1 < n and box_line(end + 1) and _WEB_LINE.fullmatch(blocks[end + 1].text):
            end += 1
        start = i
        if not label:  # an unlabelled box may start with the organisation's name one or two lines above
            while start > 0 and (i - start < 2 or shapes[start - 1].name) and _free(blocks[start - 1]) and box_line(start - 1):
                prev = shapes[start - 1]
                # a person with their role ("Marlene Voss, Leiterin Geschäftsstelle Süd") opens the box too
                if not (prev.name or _person_line(blocks[start - 1], prev)) and (
                        prev.words > 5 or prev.stopwords or prev.headline and prev.words > 4):
                    break
                start -= 1
        # the person a role label belongs to stands above it ("Jonas Reimers" / "Pressesprecher" / phone)
        elif start > 0 and _free(blocks[start - 1]) and _person_line(blocks[start - 1], shapes[start - 1]):
            start -= 1
        # a bare contact label above the box ("Kontakt:"): ambiguous alone, a label of the box right above it
        if start > 0 and _free(blocks[start - 1]) and _is_label(blocks[start - 1], shapes[start - 1]) and (
                _lexicon_weight(blocks[start - 1], "contact") > 0 or _lexicon_weight(blocks[start - 1], "navigation") > 0):
            start -= 1
        strong = sum(shapes[k].contact_strong for k in range(start, end + 1))
        evidence_lines = sum(_contact_line(blocks[k], shapes[k]) for k in range(start, end + 1))
        names = any(shapes[k].name for k in range(start, end + 1))
        weak = sum(shapes[k].contact_weak for k in range(start, end + 1))
        persons = sum(_person_line(blocks[k], shapes[k]) for k in range(start, end + 1))
        if (strong and (label or evidence_lines >= 2 or names or re.search(r":\s", b.text)) or label and weak >= 2
                or label and persons >= 1 and end > i):
            for k in range(start, end + 1):
                if _free(blocks[k]):
                    _mark(blocks[k], "contact", "contact_box", 3.0)
            i = end + 1
        else:
            i += 1


def _person_line(block: "_Scored", shape: Shape) -> bool:
    """A contact person's line: a name alone ("Sabine Lorenz") or a name and a role after a comma ("Marlene Voss,
    Leiterin Geschäftsstelle Regionalverband Süd"); never a sentence, a date line or a byline."""
    if PROTECTED_FLAGS & set(block.flags) or shape.sentence_like or shape.words > 12:
        return False
    head = block.text.split(",", 1)[0].strip()
    return shape.name or ("," in block.text and bool(_NAME.fullmatch(head)) and len(head.split()) >= 2)


def _is_label(block: "_Scored", shape: Shape) -> bool:
    return shape.words <= 4 and block.text.rstrip().endswith(":") and not shape.sentence_like


def _data_rows(blocks: Sequence["_Scored"], shapes: Sequence[Shape]) -> set[int]:
    """Blocks of a table: at least two pairs of a label line ending in ":" ("Förderart:") and the value line
    below it ("Beteiligung, Bürgschaft") in a row, and rows of a bar-separated table (``_table_row``). The
    page's data, not a menu (a list of labels without values, "Sprachauswahl:" / "Schriftgröße:", is a widget)."""
    n = len(blocks)
    pair = [
        i + 1 < n and _is_label(blocks[i], shapes[i]) and not _is_label(blocks[i + 1], shapes[i + 1])
        and not shapes[i + 1].sentence_like and shapes[i + 1].words <= 12
        for i in range(n)
    ]
    rows: set[int] = set()
    for i in range(n):
        if pair[i] and (i + 2 < n and pair[i + 2] or i >= 2 and pair[i - 2]):
            rows.update((i, i + 1))
        elif _table_row(blocks[i].text):
            rows.add(i)
    return rows | _split_table(blocks, shapes)


def _table_row(text: str) -> bool:
    """A row of a table copied as text: cells between bars, some empty ("Kursziele | |||") or holding a decimal
    figure ("Ziel | 46,82 | TARGET | |")."""
    if text.count("|") < 2:
        return False
    cells = [c.strip() for c in text.split("|")]
    inner_empty = any(not c for c in cells[1:-1])
    return inner_empty or any(_DECIMAL_CELL.fullmatch(c) for c in cells if c)


# a word long enough to name a topic (six letters or more), and how much of its end an inflection may change
_TOPIC_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{6,}")
TOPIC_STEM_MIN = 6
TOPIC_INFLECTION_MAX = 2


def _echoed_in(item: str, paragraph: str) -> bool:
    """Whether a word of six letters or more of ``item`` recurs at a word start of ``paragraph`` (case folded, its
    last two letters free: "Gemeindeversammlungen" / "Gemeindeversammlung")."""
    lowered = paragraph.lower()
    for word in _TOPIC_WORD.findall(item):
        stem = word.lower()[:max(TOPIC_STEM_MIN, len(word) - TOPIC_INFLECTION_MAX)]
        if re.search(r"(?<![a-zäöüß])" + re.escape(stem), lowered):
            return True
    return False


def _menu_runs(blocks: list["_Scored"], shapes: list[Shape], top: int, title: int = -1) -> None:
    """Runs of short items without sentence end or function words: menus, breadcrumbs, footer links, author
    widgets, share bars. At the top of the page (before the first paragraph) three items suffice; inside the
    page a run needs five items or menu words from the lexicon. A run introduced by a line ending in ":" or by
    an unfinished sentence is an enumeration of the article and is kept."""
    n, i = len(blocks), 0
    rows = _data_rows(blocks, shapes)

    def member(k: int) -> bool:
        # items the phrase layer already removed ("Startseite") still belong to the run; the page title never
        b = blocks[k]
        taken = b.is_boilerplate and b.category in ("navigation", "social")
        # a one-word item or a known menu word right above the paragraph ("Impressum", "Mail") ends the menu;
        # a title of two or more words ("Verlängerte Winterferien") is never taken
        titled = k == title and shapes[k].words >= 2 and not (_lexicon_weight(b, "navigation") or _lexicon_weight(b, "social"))
        # a statute reference ("§ 59e WStV") heads the statute's text, it is no menu entry
        statute = bool(re.match(r"\s*§", b.text))
        # a table of contents is its own run: the title above it is no menu item (sixth round)
        contents = any(n == "contents" for n, _ in b.signals)
        # an entry that starts with a full date ("24.01.2018: Informationsanlass") is a step of a timeline or an
        # agenda, no menu item (twelfth round: 60 such lines of the fifteen parts are content, 5 other, 0 navigation)
        dated = bool(_DATED_ENTRY.match(b.text))
        return (shapes[k].short_item and (_free(b) or taken) and not titled and k not in rows and not statute
                and not contents and not dated)

    while i < n:
        if not member(i):
            i += 1
            continue
        j = i
        while j + 1 < n and member(j + 1):
            j += 1
        run = range(i, j + 1)
        if not any(_free(blocks[k]) for k in run):
            i = j + 1
            continue
        before = blocks[i - 1].text.rstrip() if i > 0 else ""
        # "…, wenn Sie" / "folgende Ziele:" introduce an enumeration of the article (dates and bylines do not)
        # (a removed label such as "Sie befinden sich hier:" or "Folge uns:" introduces furniture, not an enumeration)
        introduced = i > 0 and not blocks[i - 1].is_boilerplate and not (PROTECTED_FLAGS & set(blocks[i - 1].flags)) and (
            before.endswith(":") or ("," in before and shapes[i - 1].stopwords >= 1 and before[-1:].isalpha())
        )
        lexical = sum(
            1 for k in run if _lexicon_weight(blocks[k], "navigation") + _lexicon_weight(blocks[k], "social") > 0
        )
        # a title stack (rubric, title, subtitle, author) has longer items than a menu: at the top, two thirds
        # of the items must have one or two words
        tiny = sum(shapes[k].words <= 2 for k in run) * 3 >= 2 * len(run)
        long_enough = len(run) >= 3 and j < top and tiny or len(run) >= 5 and tiny or len(run) >= 3 and lexical >= 2
        # a short run at the top with a label naming the document's kind ("Pressedienst", "Pressemitteilung") is
        # the document's title stack (kicker, title, reference), not a menu
        title_stack = j < top and len(run) <= 4 and any(genre_label(blocks[k].text) for k in run)
        # a numbered list inside the article ("1. Mindestlohn", "2. Kindergeld") is its enumeration (numbered
        # breadcrumbs stand above the first paragraph; a table of contents was taken before, sixth round)
        # (its label may head it: "Übersicht:" above "1. Mindestlohn", seventh round)
        items = run[1:] if len(run) > 2 and blocks[run[0]].text.rstrip().endswith(":") else run
        enumeration = i > top >= 0 and all(re.match(r"\s*\d{1,2}[.)]\s", blocks[k].text) for k in items)
        # list context (eighth round): inside the article, a run that a longer bulleted list of the text continues
        # is part of that list; a run listing people with their roles is the page's team or board
        in_list = i > top >= 0 and list_continues(blocks, shapes, i, j)
        people = people_list([blocks[k].text for k in run])
        # a fact table printed as label and value lines ("Gericht" / "BayObLG" / … / "Datum" / "31. 08. 1993" /
        # "Aktenzeichen" / "3 REMiet 2/93"): the run stops at a date line that is the value of its last label, and
        # label and value lines go on below it; a menu above a date line is followed by the title (twelfth round)
        people = people or _fact_table_continues(blocks, shapes, j)
        # two people or more of the run with their role or party lines: the board list's lines stay, the menu items
        # between them go (eleventh round)
        texts = [blocks[k].text for k in run]
        labelled = [run[x] for x in person_labels(texts) if person_line(texts[x])]
        board = {run[x] for x in person_labels(texts)} if len(labelled) >= 2 else set()
        # (a line of the run that repeats one of the board's role or party lines, "Bürgermeister" above the list, is
        # one of its labels too)
        board_keys = {normalise_line(blocks[k].text) for k in board if not person_line(blocks[k].text)}
        board |= {k for k in run if normalise_line(blocks[k].text) in board_keys}
        for k in board:
            if _free(blocks[k]) and not any(name == "board_label" for name, _ in blocks[k].signals):
                blocks[k].signals = blocks[k].signals + [("board_label", 0.0)]
        if long_enough and not introduced and not title_stack and not enumeration and not in_list and not people:
            social = sum(_lexicon_weight(blocks[k], "social") > 0 for k in run) * 2 > len(run)
            # a run right above the first paragraph: an item that names what the paragraph is about (one of its words
            # recurs there: "BRAND IM MEHRFAMILIENHAUS" above "… zu einem Wohnungsbrand in einem Mehrfamilienhaus …",
            # "Volksvorschlag" above "Ein städtischer Volksvorschlag ist …") is the page's title, no menu item
            # (thirteenth round: 5 such items over the sixteen parts, all content)
            titles = {k for k in run if j + 1 == top < n and _echoed_in(blocks[k].text, blocks[top].text)}
            for k in run:
                if k in titles:
                    continue
                # a run found by its menu words does not take a headline among its items (three words or more
                # with a function word: "Hörfelsen als sichtbare Meilensteine" between a rubric and "Veröffentlicht")
                headline_item = not (len(run) >= 3 and j < top and tiny or len(run) >= 5 and tiny) and (
                    shapes[k].words >= 3 and shapes[k].stopwords >= 1
                )
                if _free(blocks[k]) and not headline_item and k not in board:
                    _mark(blocks[k], "social" if social else "navigation", "menu_run", float(len(run)))
        i = j + 1


def _page_head(blocks: list["_Scored"], shapes: list[Shape], top: int, title: int = -1) -> None:
    """The head of a page before its title: skip links, site names and breadcrumbs. Three shapes, only before
    the first paragraph: an item the lexicon knows as a menu word ("Inhalt", "Suche") while everything above
    it was removed; a numbered breadcrumb ("1. rosenheim24-de", "2. Bayern"); a rubric in capitals of at most
    three words ("UNTERNEHMENSFÜHRUNG")."""
    rows = _data_rows(blocks, shapes)
    for i in range(max(0, top)):
        b, s = blocks[i], shapes[i]
        if not _free(b) or not s.short_item or i in rows:
            continue
        head = all(blocks[k].is_boilerplate for k in range(i))
        numbered = re.match(r"\s*(\d)\.\s", b.text)
        sequence = numbered and (
            i + 1 < len(blocks) and re.match(rf"\s*{int(numbered.group(1)) + 1}\.\s", blocks[i + 1].text)
            or i > 0 and re.match(rf"\s*{int(numbered.group(1)) - 1}\.\s", blocks[i - 1].text)
        )
        letters = [c for c in b.text if c.isalpha()]
        # (a rubric has no figures: "TÄTIGKEITSBERICHT 2004" is the title of a document)
        capitals = s.words <= 3 and len(letters) >= 4 and all(c.isupper() for c in letters) and not any(c.isdigit() for c in b.text)
        # (a label naming the document's kind in capitals, "SATZUNG", "STATUTEN", is its title: eighth round)
        capitals = capitals and not genre_label(b.text)
        # (a label in capitals with its colon, "EINSATZBERICHT:", heads the text under it: twelfth round; both such
        # lines of the fifteen parts are content)
        capitals = capitals and not b.text.rstrip().endswith(":")
        # (a headline in capitals, with a function word, that names what the first paragraph is about, "BRAND IM
        # MEHRFAMILIENHAUS" above "… in einem Mehrfamilienhaus …", is the page's title: thirteenth round; a rubric,
        # "WISSENSCHAFT & MANAGEMENT", has no function word and may echo its article too)
        capitals = capitals and not (s.stopwords >= 1 and 0 <= top < len(blocks) and _echoed_in(b.text, blocks[top].text))
        # a menu word with only removed furniture above it, unless it is the line right above the first
        # paragraph (a topic page titled "Polizei", a kicker): that line heads the article
        menu_word = head and _lexicon_weight(b, "navigation") > 0 and i != top - 1
        # (a numbered item is a breadcrumb only next to its neighbour number: "4. Stifterversammlung" alone on top
        # of a page titles a report of that assembly; eighth round)
        menu_word = menu_word and not (numbered and not sequence)
        # the same short line twice in a row at the head: the first is the site's menu entry, the second the
        # page title ("Polizei" / "Polizei", "HASEPOST" / "HASEPOST")
        doubled = s.words <= 2 and i + 1 < top and normalise_line(blocks[i + 1].text) == normalise_line(b.text)
        if (menu_word or sequence or doubled) and i != title or capitals:
            _mark(b, "navigation", "page_head", 2.0)


def _teaser_runs(blocks: list["_Scored"], shapes: list[Shape], top: int) -> None:
    """Three or more headlines in a row after the article has begun: a list of links to other articles
    ("Mehr zum Thema", the table of contents of a news blog). The heading stack at the top of a page (kicker,
    title, subtitle) is never taken."""
    n, i = len(blocks), (top + 1 if top >= 0 else len(blocks))  # no article, no teasers of other articles
    while i < n:
        def teaser_like(k: int) -> bool:
            # a headline of at least four words; bulleted lines are the article's own enumerations
            # (a line with a date is the source line of an entry, "PM der Polizeidirektion vom 10.12.2018")
            return (
                shapes[k].headline and shapes[k].words >= 4 and not shapes[k].sentence_like and _free(blocks[k])
                and not _BULLET.match(blocks[k].text) and not _DATE_IN_LINE.search(blocks[k].text)
                and not _price_or_reference_row(blocks[k].text)
            )

        if not teaser_like(i):
            i += 1
            continue
        j = i
        while j + 1 < n and teaser_like(j + 1):
            j += 1
        # a removed list heading ("Mehr zum Thema", "Lesen Sie auch") directly above: one headline suffices
        prev = blocks[i - 1] if i > 0 else None
        heading = bool(prev and prev.is_boilerplate and shapes[i - 1].words <= 5) and (
            _lexicon_weight(prev, "teaser") > 0 or _lexicon_weight(prev, "navigation") >= 2.5
        )
        # a single headline right above a paragraph is that paragraph's title, not a teaser
        # (a picture's caption between the title and its paragraph does not count: twelfth round)
        below = j + 1
        while below < n and "caption" in blocks[below].flags:
            below += 1
        titles_paragraph = below < n and shapes[below].sentence_like and shapes[below].words >= 12
        # (so is the last headline of a run without a list heading: it titles the paragraph below it, and a run
        # of three with it is two lines of text above a section of the article; seventh round)
        last = j - 1 if titles_paragraph and not heading else j
        # a run that a kept clause of the text announces ("Aktuelle Elternbeiräte im Schuljahr 2022/2023 sind:", with
        # a finite verb) is the article's list (eleventh round; as in the menu runs); a label of a link list
        # ("Details nach Schlagworten:") announces furniture
        announced = prev is not None and not prev.is_boilerplate and prev.text.rstrip().endswith(":") and (
            shapes[i - 1].words >= 3 and any(_finite_verb(w.strip(_TERMINAL + ",")) for w in prev.text.split()))
        if announced:
            i = j + 1
            continue
        if last - i + 1 >= 3 or heading and not titles_paragraph:
            for k in range(i, last + 1):
                _mark(blocks[k], "teaser", "teaser_run", float(j - i + 1))
        i = j + 1


def _price_or_reference_row(text: str) -> bool:
    """Two amounts with cents, a numbered issue reference or a match result: a row of a price table, a reference
    list or a fixture list."""
    return len(_AMOUNT_WITH_CENTS.findall(text)) >= 2 or bool(_ISSUE_REFERENCE.search(text) or _RESULT_ROW.search(text))


def _reports(text: str, lexicon: Lexicon) -> bool:
    """The block reports (reporting verbs, fines, courts: counter-evidence rows of weight <= -1.5)."""
    return any(p.weight <= -1.5 and p.category == COUNTER and p.regex.search(text) for p in lexicon.phrases)


def _after_contact_box(blocks: list["_Scored"], shapes: list[Shape], top: int, lexicon: Lexicon) -> None:
    """The self-description a press release prints after its contact box ("Die Bundespolizeidirektion … nimmt
    … wahr"): paragraphs directly after a contact box below the article, up to the next headline, without
    reporting verbs or quotations (a following press release starts with a headline and reports)."""
    n = len(blocks)
    for i in range(max(top, 0) + 1, n):
        # the box may end on its social handles ("Twitter: @…"); the blurb may run over several paragraphs
        if not (blocks[i - 1].is_boilerplate and blocks[i - 1].category in ("contact", "about", "social")):
            continue
        b, s = blocks[i], shapes[i]
        quoted = any(name == "quotation" for name, _ in b.signals)
        # running text: a paragraph, or a short sentence between the blurb's paragraphs ("So ist es festgelegt.")
        text_like = s.sentence_like or s.stopwords >= 1 and b.text.rstrip().endswith(".") and blocks[i - 1].category == "about"
        # a blurb describes the organisation in the third person; a paragraph telling the reader how to reach it
        # ("Über das Kontaktformular erreichen Sie uns …") is the text of a contact page (fifth round)
        addressed = any(name == "formal_address" for name, _ in b.signals)
        numbered = bool(_NUMBERED_CLAUSE.match(b.text))
        if (_free(b) and text_like and not s.headline and not quoted and not addressed and not numbered
                and not _reports(b.text, lexicon)):
            if any(blocks[k].category == "contact" and blocks[k].is_boilerplate for k in range(max(0, i - 3), i)) or (
                blocks[i - 1].category == "about" and "about_run" in {name for name, _ in blocks[i - 1].signals}
            ):
                _mark(b, "about", "about_run", 2.0)


def _about_blocks(blocks: list["_Scored"], shapes: list[Shape]) -> None:
    """"About us" blurbs of press releases: a paragraph with self-description phrases (founded in, employs N,
    "Mehr Infos:") next to removed furniture (contact box, distribution line), and the paragraphs between an
    "Über <Name>" heading and the contact box or end of page."""
    n = len(blocks)
    for i, (b, s) in enumerate(zip(blocks, shapes)):
        if not _free(b) or _lexicon_weight(b, "about") < 1.5 or _NUMBERED_CLAUSE.match(b.text):
            continue
        # (nor is a clause under its section number printed alone, "§ 1" / "Name und Sitz" / "Der Verein wurde 1920
        # gegründet …": twelfth round)
        if any(k >= 0 and not blocks[k].is_boilerplate and _bare_number(blocks[k].text, alone=True) for k in (i - 1, i - 2)):
            continue
        near = [k for k in (i - 3, i - 2, i - 1, i + 1, i + 2, i + 3) if 0 <= k < n and blocks[k].is_boilerplate]
        if near:
            _mark(b, "about", "about_run", 2.0)
    for i, b in enumerate(blocks):
        if not (b.is_boilerplate and b.category == "about" and shapes[i].words <= 8):
            continue
        j = i + 1
        while j < n and _free(blocks[j]) and j - i <= 4:
            j += 1
        if j - i > 1 and j < n and blocks[j].is_boilerplate:
            for k in range(i + 1, j):
                if not _NUMBERED_CLAUSE.match(blocks[k].text):
                    _mark(blocks[k], "about", "about_run", 2.0)


def _repeated_lines(blocks: list["_Scored"], shapes: list[Shape], repeated: frozenset[str], top: int) -> None:
    # A short line that occurs in many documents of the same run is site furniture ("Werte in diesem Artikel",
    # "Erstellt: Aktualisiert:"). Never a sentence, and never the line right before the first paragraph (a
    # title shared by agency copies on several portals).
    if not repeated:
        return
    for i, (b, s) in enumerate(zip(blocks, shapes)):
        if _free(b) and not s.sentence_like and s.words <= 8 and i != top - 1 and normalise_line(b.text) in repeated:
            _mark(b, "navigation" if s.short_item else "other", "repeated", 2.0)


BANNER_CATEGORIES = frozenset({"consent", "cookie", "privacy"})


def _sandwiched(blocks: list["_Scored"], shapes: list[Shape], title: int = -1) -> None:
    # jusText context smoothing: a short non-sentence block between two removed blocks goes with them
    # ("Kontakt" inside a footer menu, a name line inside a contact box).
    rows = _data_rows(blocks, shapes)
    changed = True
    while changed:
        changed = False
        for i in range(1, len(blocks) - 1):
            b, s = blocks[i], shapes[i]
            if (
                i != title and _free(b) and s.words <= 3 and not s.sentence_like and s.stopwords <= 1 and not b.text.rstrip().endswith((":", ","))
                and blocks[i - 1].is_boilerplate and blocks[i + 1].is_boilerplate and i not in rows
                and not _DATE_IN_LINE.search(b.text)
                and not any(name in KEPT_BY_STRUCTURE for name, _ in b.signals)
                # a heading numbered on two levels ("1.1. Kursiver Text") is a section of the text; a breadcrumb
                # counts on one level ("1. Bayern"; seventh round)
                and not _SUBSECTION_HEADING.match(b.text)
                # between two bare separators ("|" / "Bernd Lachmann Kolkwitz" / "|") only a line with phrase
                # evidence of its own ("Impressum", "Datenschutz"): a layout draws rules around the signature too
                and not (shapes[i - 1].widget == shapes[i + 1].widget == "no_text" and not _lexicon_positive(b))
                # a consent banner above and a page control below frame the page's title ("Unsere aktuellen
                # Pressetermine"), not a menu item (the neighbour pass takes the headings inside a notice)
                and not (blocks[i - 1].category in BANNER_CATEGORIES and not _lexicon_positive(b))
            ):
                _mark(b, blocks[i - 1].category, "sandwiched", 1.5)
                changed = True


_SUBSECTION_HEADING = re.compile(r"\s*\d{1,2}\.\d{1,2}(?:\.\d{1,2})*\.?\s+[^\W\d]")
RUN_GAP_MAX_LINES = 2  # short kept lines a run of furniture continues across (hysteresis)
RUN_GAP_MAX_WORDS = 6
RUN_CATEGORIES = frozenset({"navigation", "social", "teaser", "other"})  # furniture that comes in runs of short lines


def _run_hysteresis(blocks: list["_Scored"], shapes: list[Shape], title: int = -1) -> None:
    """Hysteresis of the context smoothing (sixth round): a run of menu, teaser or widget lines continues across
    two short lines that are neither sentences nor labels when furniture of such a run closes it on both sides
    ("Startseite" / "Unternehmen Presse" / "Karriere Standorte" / "Kontakt"). Credits and contact boxes alternate
    with captions and names that stay: no run continues across them. A one-line gap is _sandwiched's."""
    n = len(blocks)

    def gap_line(k: int) -> bool:
        b, s = blocks[k], shapes[k]
        return (k != title and _free(b) and 0 < s.words <= RUN_GAP_MAX_WORDS and not s.sentence_like
                and not b.text.rstrip().endswith((":", ",", ".")) and not _DATE_IN_LINE.search(b.text)
                and not any(name in KEPT_BY_STRUCTURE for name, _ in b.signals))

    i = 1
    while i < n - 1:
        if not (blocks[i - 1].is_boilerplate and blocks[i - 1].category in RUN_CATEGORIES and gap_line(i)):
            i += 1
            continue
        j = i
        while j + 1 < n and j - i + 1 < RUN_GAP_MAX_LINES and gap_line(j + 1):
            j += 1
        if j > i and j + 1 < n and blocks[j + 1].is_boilerplate and blocks[j + 1].category in RUN_CATEGORIES:
            for k in range(i, j + 1):
                _mark(blocks[k], blocks[i - 1].category, "run_gap", 1.5)
        i = j + 1


def _topic_word_headings(blocks: list["_Scored"]) -> None:
    # A one-word ad marker ("Werbung", "Anzeige") that the next paragraph takes up as its topic is a section
    # heading of an article about advertising, not a marker.
    for i, b in enumerate(blocks[:-1]):
        word = b.text.strip().lower()
        if b.is_boilerplate and len(word.split()) == 1 and len(word) >= 5 and word.isalpha():
            following = blocks[i + 1]
            if not following.is_boilerplate and re.search(rf"\b{re.escape(word)}\b", following.text.lower()):
                b.is_boilerplate = False
                b.category = "other"
                b.signals = b.signals + [("topic_of_next_paragraph", 0.0)]


# --------------------------------------------------------------------------- third round (issue 18)
# General shapes that no development site taught word by word: text a paywall scrambles letter by letter,
# teaser entries followed by their (share/comment/like) counters, fact boxes whose labels are glued to their
# values, and interface lines a page prints several times.

# a word that starts in lower case and has a capital inside ("iWr", "rEgnbuu"): letters shuffled within words
_SCRAMBLED_WORD = re.compile(r"^[a-zäöüß]+[A-ZÄÖÜ][\wäöüß]*[,.;:!?]?$")
_LOWER_THEN_UPPER = re.compile(r"[a-zäöüß][A-ZÄÖÜ]")  # the letter pair every _SCRAMBLED_WORD contains
SCRAMBLED_MIN_WORDS = 8
SCRAMBLED_MIN_SHARE = 0.10
SCRAMBLED_MIN_COUNT = 3
SCRAMBLED_MAX_STOP_DENSITY = 0.15
# a teaser headline with its counters at the end ("… eingestuft 0 0 0"): three or more bare numbers after text
# (two could be a score, "Ergebnis vom Sonntag 2 1")
_COUNTER_TAIL = re.compile(r"^(?P<body>.*[A-Za-zÄÖÜäöüß\"“”»«)!?].*?)(?:\s+\d{1,4}){3,}\s*$")
# what every match of _COUNTER_TAIL ends in (checked first: _COUNTER_TAIL backtracks quadratically on a long
# paragraph, and almost no block ends in three bare numbers)
_COUNTER_TAIL_END = re.compile(r"(?:\s+\d{1,4}){3}\Z")
# a label glued to its value in a fact box ("LandDeutschland", "Bevölkerung83,02 Millionen"): a lower-case
# run of three letters or more directly followed by a capitalised word or a figure
_GLUED = re.compile(r"[a-zäöüß]{3,}(?:[A-ZÄÖÜ][a-zäöüß]|\d)")
GLUED_RUN_MIN = 3
REPEATED_IN_PAGE_MIN = 3


def scrambled(text: str) -> bool:
    """Running text whose letters are shuffled within each word (a paywall that hides the rest of the article):
    at least 8 words, of which at least 3 and 10 % start in lower case with a capital inside, and few function
    words."""
    words = text.split()
    if len(words) < SCRAMBLED_MIN_WORDS:
        return False
    if len(_LOWER_THEN_UPPER.findall(text)) < SCRAMBLED_MIN_COUNT:
        return False  # every odd word holds one such pair, so there are too few of them (no test per word)
    odd = sum(1 for w in words if _SCRAMBLED_WORD.match(w.strip("„“\"()")))
    if odd < SCRAMBLED_MIN_COUNT or odd < SCRAMBLED_MIN_SHARE * len(words):
        return False
    # shuffled letters also hide the function words ("der" -> "red"): German running text has many, brand names
    # with inner capitals ("iPhone", "eBay") leave them alone
    return block_shape(text).stop_density < SCRAMBLED_MAX_STOP_DENSITY


_VOWELS = frozenset("aeiouyäöü")
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxzß]{5,}")
GARBLED_MIN_SHARE = 0.3  # of the words: no vowel, or five consonants in a row ("wzrghau", "hrdtnbvz")
GARBLED_MAX_STOP_DENSITY = 0.05


def garbled(text: str) -> bool:
    """Running text replaced by random letters (a paywall that hides the article: "pe wzrghau dkm hgvfekdrqtlogx
    rtha gdf …"): at least 8 words, almost no function word, and a third of the words unpronounceable (no vowel,
    or five consonants in a row; German clusters such as "Angstschweiß" are rare, not a third of a paragraph).
    Random letters of a paywall are lower case, so only words in lower case count: abbreviations in capitals ("SG",
    "TSG", "MTV" of a fixture list, twelfth round), abbreviations in mixed case ("MStV", "AktG", "GmbH" of a legal
    reference or a byline) and capitalised compounds whose joints stack consonants ("Wirtschaftsprüfer",
    "Rechtsstreit", thirteenth round) are no garbled words and do not count."""
    words = [w.strip(".,;:!?„“\"()") for w in text.split()]
    words = [w for w in words if w.isalpha() and w.islower()]
    if len(words) < SCRAMBLED_MIN_WORDS:
        return False
    odd = sum(1 for w in words if len(w) >= 2 and (not _VOWELS & set(w) or _CONSONANT_RUN.search(w.replace("sch", "s"))))
    return odd >= GARBLED_MIN_SHARE * len(words) and block_shape(text).stop_density < GARBLED_MAX_STOP_DENSITY


def counter_tail(text: str) -> str | None:
    """The headline of a teaser entry that ends in three or more bare counters ("… Familie 0 0 0"), or None."""
    stripped = text.strip()
    if not stripped[-1:].isdigit() or not _COUNTER_TAIL_END.search(stripped):
        return None
    m = _COUNTER_TAIL.match(stripped)
    if not m:
        return None
    body = m.group("body").strip()
    tail = stripped[len(m.group("body")):].split()
    # "… auf 12 000" is a figure with a thousands gap, not two counters
    if any(len(t) == 3 for t in tail[1:]) or re.search(r"\d\s*$", body):
        return None
    shape = block_shape(body)
    return body if 3 <= shape.words <= 20 and not body.endswith((".", ":")) else None


def _scrambled_blocks(blocks: list["_Scored"]) -> None:
    for b in blocks:
        if _free(b) and (scrambled(b.text) or garbled(b.text)):
            _mark(b, "subscription", "scrambled", 3.0)


def _counter_tails(blocks: list["_Scored"], top: int) -> None:
    # after the article has begun (a headline stack at the top never ends in counters, but stay safe)
    for i in range(max(top, 0) + 1 if top >= 0 else len(blocks), len(blocks)):
        b = blocks[i]
        if _free(b) and counter_tail(b.text):
            _mark(b, "teaser", "counter_tail", 3.0)


def _glued_runs(blocks: list["_Scored"], shapes: list[Shape]) -> None:
    """Three or more short lines in a row, each with a label glued to its value: an auto-generated fact box."""
    n, i = len(blocks), 0

    def glued(k: int) -> bool:
        s = shapes[k]
        return _free(blocks[k]) and s.words <= 5 and not s.sentence_like and bool(_GLUED.search(blocks[k].text))

    while i < n:
        if not glued(i):
            i += 1
            continue
        j = i
        while j + 1 < n and glued(j + 1):
            j += 1
        if j - i + 1 >= GLUED_RUN_MIN:
            for k in range(i, j + 1):
                _mark(blocks[k], "other", "glued_run", 2.0)
        i = j + 1


def _repeated_in_page(blocks: list["_Scored"], shapes: list[Shape], title: int) -> None:
    """A short item (one to three words, no colon) printed three times or more on one page: a control or a
    label of the page's widgets ("Abbrechen", "Artikel", "nach oben"), never the page title."""
    keys = [normalise_line(b.text) for b in blocks]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    # a role or party printed with each person of a board list ("SPÖ" / "Bürgermeister" / "Alexander ERNST, BA")
    # repeats because the people share it, it is no control (eleventh round)
    labels = {keys[k] for k in person_labels([b.text for b in blocks])}
    for i, (b, s) in enumerate(zip(blocks, shapes)):
        if (
            i != title and _free(b) and counts[keys[i]] >= REPEATED_IN_PAGE_MIN and s.short_item and s.words <= 3
            and keys[i] not in labels
            and not b.text.rstrip().endswith(":") and not _DATE_IN_LINE.search(b.text)
        ):
            _mark(b, "navigation", "repeated_in_page", 2.0)


# --------------------------------------------------------------------------- sixth round (issue 18)
# The grammar of link lines rather than their phrases: read-on links, image alternative texts, download links
# with a file size, tables of contents that repeat the page's own headings. The closed classes of words they use
# are data (resources/boilerplate_link_words.tsv).

LINK_WORDS_FILE = RESOURCES / "boilerplate_link_words.tsv"
READ_ON_MAX_WORDS = 16  # a read-on link with a headline ("Merkel übt Kritik … weiterlesen")
DOWNLOAD_LABEL_MAX_WORDS = 8  # the link text of a download printed above it (twelfth round)
READ_ON_IMPERATIVE_MAX_WORDS = 20  # "Lesen Sie in unserem Live-Ticker die aktuellen Meldungen aus …"
LEAD_LINK_MAX_WORDS = 7  # "Zum vollständigen Original-Artikel"
ALT_TEXT_MAX_WORDS = 8  # "Logo Bundesministerium für Bildung und Forschung"
COMPOUND_NOUN_MIN_CHARS = 6  # a link noun this long also ends a compound ("Gemeinderatsberichte")
CONTENTS_MIN_ITEMS = 3  # numbered lines in a row that repeat the page's headings: a table of contents
_LINK_END = re.compile(r"(?:\s*(?:[»›>→…|]+|\.{3,}))+\s*$")
_DOMAIN_IN_LINE = re.compile(r"\b[\w-]+\.(?:de|com|net|org|at|ch|eu|info|online|io)\b", re.IGNORECASE)
# a file size after a download link: "(PDF, 232 KB)", "(84 KB)", "PDF | 1,2 MB"
_FILE_SIZE = re.compile(
    r"\(\s*(?:[A-Za-z]{2,5}\s*[,|/-]?\s*)?\d+(?:[.,]\d+)?\s*(?:[kKMG]i?B|K?Byte|MByte)\s*\)"
    r"|\b(?:PDF|DOCX?|XLSX?|PPTX?|ZIP|MP3)\s*[,|/(-]\s*\d+(?:[.,]\d+)?\s*(?:[kKMG]i?B)\b"
)
_NUMBERED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.*)$")
# the item of a table of contents: "1. Einleitung", "2 Anwendungsbereich", "3) Austritt", "§ 4 Vorstand", "§ 5) Ausschluss"
# (seventh round: statutes number their sections with a section sign)
_CONTENTS_ITEM = re.compile(r"^\s*(?:§\s*)?(\d{1,3})((?:\.\d{1,2})*)[a-z]?(?:\.|\))?\s+(\S.*)$")
_LISTED = re.compile(r"^\s*[-–•·*▪]\s+(\S.*)$")
_DECORATION = re.compile(r"^(?:[+*•·▪►#=~-]\s*)+|(?:\s*[+*•·▪◄#=~-])+$")
# skip links: "Zum Hauptinhalt Zur Suche Zur Sitemap", "Zur Navigation springen", "Zu Artikeldetails zurückkehren"
_SKIP_ITEM = re.compile(r"(?:zum|zur|zu|direkt zum|direkt zur)\s+[\wÄÖÜäöüß-]+(?:\s+[\wÄÖÜäöüß-]+)?", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _link_words() -> dict[str, tuple[str, ...]]:
    """``resources/boilerplate_link_words.tsv``: the closed classes of the link-line grammar, by kind."""
    kinds: dict[str, list[str]] = {
        k: [] for k in ("verb", "always", "noun", "lead", "imperative", "pointer", "subject", "alt", "control", "weekday", "jump",
                        "contents", "home", "goes", "click", "back", "tags")
    }
    for number, cols in _rows(LINK_WORDS_FILE):
        if len(cols) < 2 or cols[0] not in kinds:
            raise ValueError(f"{LINK_WORDS_FILE}:{number}: expected '<kind><TAB>word' with a kind of {', '.join(kinds)}")
        kinds[cols[0]].append(cols[1].strip().lower())
    return {k: tuple(v) for k, v in kinds.items()}


def _link_noun(word: str) -> bool:
    nouns = _link_words()["noun"]
    return word in nouns or any(
        len(n) >= COMPOUND_NOUN_MIN_CHARS and word.endswith(n) or word.endswith("-" + n) for n in nouns
    )


def read_on_link(text: str) -> bool:
    """A line that only points to more text: a reading verb at its end after what it opens ("komplette Meldung
    auf example.de lesen", "Gemeinderatsberichte lesen", "… weiterlesen"), "zum"/"zur" and what it opens
    ("Zum vollständigen Original-Artikel", "Link zum Beitrag"), a reading imperative at its start ("Lesen Sie in
    unserem Live-Ticker …"), or a pointer before a final arrow ("… finden Sie hier >"). A sentence (final full
    stop, question or exclamation mark) and a clause with a subject ("Warum wir wieder mehr Bücher lesen") are
    never a link."""
    # decorations around the link text ("+ + + Lesen Sie hier die vollständige Pressemitteilung + + +", "• …")
    stripped = _DECORATION.sub("", text.strip())
    # the site a link names after a colon ("Den ganzen Artikel lesen: welt.de")
    head, colon, tail = stripped.partition(":")
    if colon and head.strip() and _DOMAIN_IN_LINE.fullmatch(tail.strip()):
        stripped = head.strip()
    core = _LINK_END.sub("", stripped)
    arrow = core != stripped
    if not core or core.endswith(("!", "?", ",")) or core.endswith(".") and not arrow:
        return False
    # a sentence cut off by a teaser's link ("Für Vereine heißt das, Weiterlesen …") is the article's text
    if block_shape(core).sentence_like or block_shape(stripped).sentence_like:
        return False
    words = core.split()
    if len(words) > READ_ON_IMPERATIVE_MAX_WORDS:
        return False
    lowered = [w.strip("„“”\"'()[]:,;").lower() for w in words]
    joined = " ".join(lowered)
    kinds = _link_words()
    subject = any(w in kinds["subject"] for w in lowered)
    if any(joined == i or joined.startswith(i + " ") for i in kinds["imperative"]) and not words[0].startswith(("„", '"')):
        return True
    if len(words) > READ_ON_MAX_WORDS:
        return False
    if arrow and any(w in kinds["pointer"] for w in lowered[-3:]):
        return True  # "… finden Sie hier >", "Mehr »"
    if subject:
        return False
    last = lowered[-1]
    if last in kinds["always"] and len(words) >= 2:
        return True
    if last in kinds["verb"] and len(words) >= 2 and (any(map(_link_noun, lowered[:-1])) or _DOMAIN_IN_LINE.search(core)):
        return True
    if len(words) <= LEAD_LINK_MAX_WORDS and _link_noun(last) and any(joined.startswith(l + " ") for l in kinds["lead"]):
        return True
    return False


def alt_text_line(text: str) -> bool:
    """An image's alternative text copied with the page: a short line that starts or ends with a word naming
    an image ("Logo Bundesministerium für Bildung und Forschung", "Finanz Tip logo", "author avatar"); an
    article's phrase starts with an article or another function word ("Das neue Logo") and stays."""
    words = [w.strip("„“”\"'()[]:,;!.").lower() for w in text.split()]
    words = [w for w in words if w]
    # (a period of an abbreviation at the end is no sentence end: "Logo Mieterverein e.V.", twelfth round)
    ends_sentence = text.rstrip().endswith((".", "?", ":")) and not _ABBREVIATION_END.search(text.rstrip())
    if not words or len(words) > ALT_TEXT_MAX_WORDS or ends_sentence:
        return False
    alt = _link_words()["alt"]
    first = words[0]
    return (first in alt or words[-1] in alt or first.split("-")[0] in alt and len(words) <= 2) and first not in _stopwords()


CONTROL_MAX_WORDS = 6
_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:[A-Za-zÄÖÜäöü]\.){2,}$")  # "e.V.", "u.a." at the end of a line
DOWNLOAD_SENTENCE_MAX_WORDS = 12
DOUBLED_MIN_CHARS = 5  # "Laravel Laravel", "Download Download" (a name such as "Bora Bora" is shorter)


def doubled_line(text: str) -> bool:
    """A line that is one text twice ("Laravel Laravel", "Quelle: eigene Darstellung Quelle: eigene Darstellung"):
    an image's alternative text and its caption, or a link's icon label and its text, copied together."""
    words = text.split()
    half = len(words) // 2
    if not words or len(words) % 2 or half > 8:
        return False
    first, second = words[:half], words[half:]
    return first == second and len(" ".join(first)) >= DOUBLED_MIN_CHARS and (first[0][:1].isupper() or first[0][:1].isdigit())
_TIME_RANGE = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:Uhr\s*)?(?:-|–|bis)\s*\d{1,2}(?:[:.]\d{2})?\s*Uhr\b"
    r"|\b\d{1,2}[:.]\d{2}\s*(?:-|–|bis)\s*\d{1,2}[:.]\d{2}\b"
)


def control_line(text: str) -> bool:
    """The label of a page control: a short line ending in a control verb ("// Excerpt anzeigen", "Alle Beiträge
    auf- oder zuklappen", "Ab Seite anzeigen:"), not a clause with a subject or a modal ("Wer muss Schäden anzeigen")."""
    words = [w.strip("„“”\"'()[]:,;/").lower() for w in text.split()]
    words = [w for w in words if w]
    if not words or len(words) > CONTROL_MAX_WORDS or text.rstrip().endswith((".", "?", "!")):
        return False
    kinds = _link_words()
    return words[-1] in kinds["control"] and not any(w in kinds["subject"] for w in words)


def office_hours(text: str) -> bool:
    """Office hours of a contact box: a time range with a day ("Mo–Fr 8–17 Uhr", "Montag bis Freitag von 08:30 Uhr
    bis 17:30 Uhr") or a bare time range line ("08.00 bis 12.00 / 13.30 bis 17.00 Uhr")."""
    if not _TIME_RANGE.search(text):
        return False
    words = [w.strip(".,:;()–-").lower() for w in re.split(r"[\s–/-]+", text)]
    days = _link_words()["weekday"]
    return any(w in days for w in words) or not any(c.isalpha() for c in _TIME_RANGE.sub("", text).replace("Uhr", "").replace("bis", ""))


def _link_lines(blocks: list["_Scored"], shapes: list[Shape], title: int) -> None:
    for i, (b, s) in enumerate(zip(blocks, shapes)):
        if not _free(b):
            continue
        if read_on_link(b.text) and not (i == title and s.words >= 2):
            _mark(b, "navigation", "read_on", 3.0)
        elif not s.sentence_like and alt_text_line(b.text):
            _mark(b, "other", "alt_text", 3.0)
        elif (not s.sentence_like and s.words <= READ_ON_IMPERATIVE_MAX_WORDS or s.words <= DOWNLOAD_SENTENCE_MAX_WORDS) and _FILE_SIZE.search(b.text):
            # (also a short sentence: "Hintergrundinformationen (pdf, 642 KB) stehen zum Download bereit.")
            _mark(b, "navigation", "download_link", 3.0)
        elif skip_links(b.text):
            _mark(b, "navigation", "skip_links", 3.0)
        elif _DOMAIN_IN_LINE.fullmatch(b.text.strip()) and i != title:
            _mark(b, "navigation", "domain_line", 2.0)  # a bare site name under a teaser: the link to its source
        elif not s.sentence_like and doubled_line(b.text):
            _mark(b, "other", "doubled", 2.0)
        elif not s.sentence_like and control_line(b.text):
            _mark(b, "other", "control", 3.0)
    # the link text of a download printed once more right above it ("Grundlagenbericht Gemeindeorganisation" above
    # "Grundlagenbericht Gemeindeorganisation.pdf (460.06KB)"): the same link (twelfth round)
    for i in range(len(blocks) - 1):
        b, following = blocks[i], blocks[i + 1]
        if (_free(b) and not shapes[i].sentence_like and shapes[i].words <= DOWNLOAD_LABEL_MAX_WORDS and i != title
                and any(name == "download_link" for name, _ in following.signals)
                and normalise_line(following.text).startswith(normalise_line(b.text))):
            _mark(b, "navigation", "download_label", 3.0)


def skip_links(text: str) -> bool:
    """Skip links of a page head: two or more "Zum/Zur <target>" items on one line ("Zum Hauptinhalt Zur Suche
    Zur Sitemap"), or one that ends in a jump verb ("Zur Navigation springen", "Zu Artikeldetails zurückkehren")."""
    stripped = text.strip()
    if stripped.endswith((".", "?", "!", ":")) or len(stripped.split()) > 12:
        return False
    starts = [m.start() for m in re.finditer(r"(?:^|\s)(?=(?:zum|zur|zu)\s)", stripped, re.IGNORECASE)]
    if not starts or starts[0] != 0:
        return False
    items = [stripped[a:b].strip() for a, b in zip(starts, starts[1:] + [len(stripped)])]
    jump = _link_words()["jump"]
    if not all(_SKIP_ITEM.fullmatch(x) or _SKIP_ITEM.fullmatch(" ".join(x.split()[:-1])) and x.split()[-1].lower() in jump
               for x in items):
        return False
    return len(items) >= 2 and all(x.split()[1][:1].isupper() for x in items) or items[-1].split()[-1].lower() in jump


CONTACT_SENTENCE_MAX_WORDS = 25


def _contact_sentences(blocks: list["_Scored"], shapes: list[Shape], lexicon: Lexicon) -> None:
    """A short sentence that gives the publisher's phone number to the reader: a phone number or e-mail address
    together with the publisher's voice or a call ("… sind wir unter der Nummer (069) 5550-7035 für Sie da",
    "Rufen Sie an 01577 555 72 428"). A report naming a number ("Die Polizei bittet um Hinweise unter 0711
    8990-3600", reporting verbs, authorities) has no publisher's voice and stays."""
    for b, s in zip(blocks, shapes):
        if not _free(b) or not s.contact_strong or s.words > CONTACT_SENTENCE_MAX_WORDS or _reports(b.text, lexicon):
            continue
        signals = {n for n, _ in b.signals}
        if "publisher_voice" in signals or "imperative" in signals:
            _mark(b, "contact", "contact_sentence", 2.5)


# the second column of a table of contents printed in two columns: "§ 1 Name und Sitz § 12 Vorstand" (tenth round)
_SECOND_COLUMN = re.compile(r"\s+§\s*(\d{1,3})[a-z]?\.?\s+[A-ZÄÖÜ][a-zäöüß]{2,}\b(?!\.)")


def _first_column(text: str) -> str:
    """The first item of a line that holds two section-numbered items, the second with the higher number ("§ 1 Name
    und Sitz § 12 Vorstand" -> "§ 1 Name und Sitz"); any other line as it is ("§ 3 gilt nach § 5 Abs. 2" has no
    title after its second number)."""
    m = _CONTENTS_ITEM.match(text)
    second = _SECOND_COLUMN.search(text)
    if m and second and text.lstrip().startswith("§") and int(second.group(1)) > int(m.group(1)):
        return text[: second.start()]
    return text


def _contents_key(text: str) -> str | None:
    text = _first_column(text)
    m = _CONTENTS_ITEM.match(text) or _LISTED.match(text)
    if not m:
        return None
    title = m.group(m.lastindex).strip()
    shape = block_shape(title)
    # a numbered headline may be a quotation or a question ("2. „Wir haben großes Glück …”", "4. Welcher Schutz
    # gilt …?"): a title, as long as it does not end on a full stop (seventh round)
    headline = _CONTENTS_ITEM.match(text) is not None and shape.words <= 12 and not title.rstrip("“”\"»« ").endswith(".")
    return normalise_line(title) if 1 <= shape.words <= 10 and not shape.sentence_like or headline else None


CONTENTS_BARE_MIN_ITEMS = 5


def _bare_number(text: str, *, alone: bool = False) -> str | None:
    """The section number an item starts with ("§ 1 Name und Sitz" -> "§1"); with ``alone`` only a line that is
    nothing but the number ("§ 1")."""
    m = _SECTION_NUMBER.match(text.strip())
    if not m or alone and m.end() != len(text.strip()):
        return None
    return m.group(0).replace(" ", "")


def _item_number(text: str) -> int | None:
    """The top-level number of a numbered item ("§ 4) Austritt" -> 4, "2.1 Ziele" -> 2), None for a bullet."""
    m = _CONTENTS_ITEM.match(_first_column(text))
    return int(m.group(1)) if m else None


def _numbered_in_sequence(texts: Sequence[str]) -> bool:
    """Numbered items that count on without a gap (1, 2, 2.1, 3 ...): the sections of one text. A list that skips
    numbers (an agenda "1, 2, 3, 8, 9" without its closed items, a ranking's excerpt) is a selection, no table of
    contents of the page."""
    numbers = [_item_number(t) for t in texts]
    if any(n is None for n in numbers):
        return False
    return all(b in (a, a + 1) for a, b in zip(numbers, numbers[1:]))


def _contents_label(block: "_Scored", shape: Shape) -> bool:
    """"Inhaltsverzeichnis", "Inhaltsübersicht", "Inhaltsverzeichnis der Satzung", "Inhalt:": the label of a table of
    contents, by its first word (resources/boilerplate_link_words.tsv, kind contents)."""
    words = block.text.strip().rstrip(":").split()
    return (_free(block) and 1 <= len(words) <= 4 and not shape.sentence_like
            and words[0].lower().rstrip(":") in _link_words()["contents"])


def _tables_of_contents(blocks: list["_Scored"], shapes: list[Shape]) -> None:
    """Three or more numbered lines in a row ("1. Einleitung", "2 Anwendungsbereich") whose titles the page
    prints again further down as its headings: the table of contents, a navigation of the page. Section
    headings in the text are kept (they are the second occurrence)."""
    n = len(blocks)
    keys = [_contents_key(b.text) for b in blocks]
    i = 0
    while i < n:
        if keys[i] is None or not _free(blocks[i]):
            i += 1
            continue
        j = i
        seen = {keys[i]}
        # (the first heading of the text may follow the contents directly: "1. Einführung" twice ends the list)
        while j + 1 < n and keys[j + 1] is not None and _free(blocks[j + 1]) and keys[j + 1] not in seen:
            j += 1
            seen.add(keys[j])
        later = {keys[k] for k in range(j + 1, n) if keys[k]} | {normalise_line(blocks[k].text) for k in range(j + 1, n)}
        found = [k for k in range(i, j + 1) if keys[k] in later]
        # the label of the list ("Übersicht:", "Inhalt", "Inhaltsverzeichnis der Satzung")
        label = blocks[i - 1] if i > 0 else None
        toc_label = label is not None and _contents_label(label, shapes[i - 1])
        labelled = toc_label or label is not None and _free(label) and shapes[i - 1].words <= 2 and not shapes[i - 1].sentence_like and (
            label.text.rstrip().endswith(":") or _lexicon_weight(label, "navigation") > 0)
        items = [blocks[k].text for k in range(i, j + 1)]
        numbered = _item_number(items[0]) is not None
        # numbers with a gap are a selection (an agenda without its closed items), not the sections of the page
        in_sequence = not numbered or _numbered_in_sequence(items)
        # half of the items recur as headings further down, or the first one (where the text begins) when the items
        # are numbered or the list has a label; or the list is numbered from 1 without a gap under a contents
        # label: the page may be cut before its sections, or print them in other words (seventh round)
        first_recurs = i in found and (numbered or labelled)
        counted_from_one = numbered and in_sequence and _item_number(items[0]) == 1 and toc_label
        # (or the text prints the numbers of its first two items again as headings of their own, "§ 1" and "§ 2"
        # each on its line, with the titles under them in other punctuation: twelfth round, a club statute)
        bare_recurs = numbered and in_sequence and j - i + 1 >= CONTENTS_BARE_MIN_ITEMS and all(
            _bare_number(items[x]) in {_bare_number(blocks[k].text, alone=True) for k in range(j + 1, n)} - {None}
            for x in (0, 1))
        if j - i + 1 >= CONTENTS_MIN_ITEMS and in_sequence and (len(found) * 2 >= j - i + 1 or first_recurs or counted_from_one
                                                               or bare_recurs):
            if labelled:
                _mark(label, "navigation", "contents", 2.0)
            # the headings the contents list are the text's own: they stay, next to removed furniture too
            titles = {keys[k] for k in range(i, j + 1)}
            for k in range(j + 1, n):
                if (keys[k] in titles or normalise_line(blocks[k].text) in titles) and not blocks[k].is_boilerplate:
                    blocks[k].signals = blocks[k].signals + [("contents_heading", 0.0)]
            for k in range(i, j + 1):
                _mark(blocks[k], "navigation", "contents", 2.0)
        elif numbered and j - i >= CONTENTS_MIN_ITEMS and not _numbered_in_sequence(items[:2]) and _numbered_in_sequence(items[1:]):
            # a numbered heading of the section above its own list ("07. Abschnitt: Aufgaben …" above "§ 35 Aufgaben",
            # "§ 36 …"): not an item; the list is judged from the next line on (tenth round)
            i += 1
            continue
        i = j + 1


# --------------------------------------------------------------------------- seventh round (issue 18)

# a row of a price widget: a short name, a price and its signed change in per cent ("BAYWA 39,93 -0,15%",
# "BHS tabletop 10,80 ±0,00%", "34,30 EUR -0,70 EUR -2,00%")
_QUOTE_ROW = re.compile(
    r"^(?:\S+(?:\s+\S+){0,3}\s+)?\d{1,6}(?:[.,]\d{1,4})?(?:\s*(?:€|EUR))?(?:\s+[+\-−±]?\d{1,6}(?:[.,]\d{1,4})?(?:\s*(?:€|EUR))?)?"
    r"\s+[+\-−±]\s?\d{1,3}[.,]\d{1,3}\s?%$"
)
QUOTE_ROWS_MIN = 3  # price rows in a row: a price widget, not a figure in a text


def _price_widgets(blocks: list["_Scored"]) -> None:
    """Three or more lines in a row of a name, a price and its signed change in per cent: the price list of a
    widget ("Aktienkurse regionaler Unternehmen"). A sentence reporting a price ("Die Aktie schloss bei 39,93 Euro,
    ein Minus von 0,15 Prozent") has words around its figures and is no row."""
    rows = [bool(_QUOTE_ROW.match(b.text.strip())) and _free(b) for b in blocks]
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and rows[j]:
            j += 1
        if j - i >= QUOTE_ROWS_MIN:
            for k in range(i, j):
                _mark(blocks[k], "other", "price_widget", 2.5)
        i = max(j, i + 1)


def _structure_pass(blocks: list["_Scored"], lexicon: Lexicon, repeated: frozenset[str] = frozenset()) -> None:
    shapes = [block_shape(b.text) for b in blocks]
    _scrambled_blocks(blocks)  # a scrambled paragraph is no article paragraph: before the article start is found
    # Where the article starts; a text without any paragraph has no page head (top-of-page rules stay off)
    # (a cookie banner or site notice the phrase layer removed is no article paragraph)
    top = _first_paragraph(shapes, blocks)
    top = top if top < len(blocks) else -1
    _topic_word_headings(blocks)
    _bar_tables(blocks)
    _office_phones(blocks, shapes)
    _split_dates(blocks)
    _widgets(blocks, shapes)
    _price_widgets(blocks)
    _counter_tails(blocks, top)
    _glued_runs(blocks, shapes)
    _contact_boxes(blocks, shapes)
    _contact_sentences(blocks, shapes, lexicon)
    _repeated_lines(blocks, shapes, repeated, top)
    _page_title_copies(blocks, shapes, top)
    title = _title_slot(blocks, shapes, top)
    _repeated_in_page(blocks, shapes, title)
    _link_lines(blocks, shapes, title)
    _tenth_round_links(blocks, shapes, top, title)
    _link_targets(blocks, shapes, title)
    _stamped_file_names(blocks)
    _tag_lists(blocks, shapes, top, title)
    _tables_of_contents(blocks, shapes)
    _lone_contents_labels(blocks, shapes)
    _menu_runs(blocks, shapes, top, title)
    _page_head(blocks, shapes, top, title)
    _teaser_runs(blocks, shapes, top)
    _about_blocks(blocks, shapes)
    _after_contact_box(blocks, shapes, top, lexicon)
    _offer_boxes(blocks, shapes)
    _run_hysteresis(blocks, shapes, title)
    _sandwiched(blocks, shapes, title)


_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=8192)
def normalise_line(text: str) -> str:
    """Key for cross-document repetition: case-folded, digits as 0, whitespace collapsed.

    Memoised: the rule layer and the classifier's features both key every block of a page."""
    return _SPACES.sub(" ", _DIGIT.sub("0", text.strip().casefold()))


def repeated_lines(texts: Sequence[str], *, min_documents: int = 3, min_share: float = 0.2) -> frozenset[str]:
    """Short lines (at most 8 words) that occur in at least ``min_documents`` documents and ``min_share`` of all
    documents of a run: the furniture of the sites the run was copied from."""
    if len(texts) < min_documents:
        return frozenset()
    counts: dict[str, int] = {}
    for text in texts:
        for line in {normalise_line(m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()}:
            if len(line.split()) <= 8:
                counts[line] = counts.get(line, 0) + 1
    needed = max(min_documents, min_share * len(texts))
    return frozenset(line for line, c in counts.items() if c >= needed)




# --------------------------------------------------------------------------- eighth round (issue 18, r8b)
# Round 9 became development data. Its removed content lines were short list lines that are the page's own subject
# (a council's committees, a parish team), so the first rules here are list context: a run of short items is no menu
# when it is part of a longer list of the text, or when it lists people with their roles. The junk rules name
# furniture that recurs across parts: the offer box of a paywall prompt, advertising markers in dashes.

PEOPLE_LIST_MIN_PAIRS = 3  # name lines each followed by a role line: a team or board list, not a menu
ROLE_MAX_WORDS = 3  # "Pfarrer", "Stellvertretende Vorsitzende", "Leiterin der Kita"
OFFER_BOX_MAX_LINES = 10  # short lines after a paywall prompt that can belong to its offer
OFFER_LINE_MAX_WORDS = 16  # a line of the offer: a slogan or a benefit, no running text
_BULLET_MARK = re.compile(r"^\s*([•·▪►*–-])\s+")
_TITLES = re.compile(r"^(?:(?:Frau|Herr|Dr\.|Prof\.|Dipl\.-\w+\.?)\s+)+")
# a surname: capitalised ("Beispiel", "Probe-Muster") or in capitals ("ERNST", Austrian and Swiss lists; eleventh round)
_SURNAME = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?|[A-ZÄÖÜ]{2,}(?:-[A-ZÄÖÜ]{2,})?")
# an academic degree after the name: ", BA", ", MSc", ", B.Sc.", ", MBA" (one or two abbreviations of up to six
# characters with a second capital or a period; a place after the comma, ", Wien", is no degree)
_DEGREE_TAIL = re.compile(r",\s*(?:(?=[A-Z][A-Za-z.]*(?:[A-Z]|\.))[A-Z][A-Za-z.]{1,5}\s*){1,2}$")
# an unsigned price or rate with decimals and its unit sign ("19,99 €", "3,00 %", "0,19%"): a data value of the
# page like "57,28 EUR" (a ticker's change is signed, a counter "100%" has no decimals)
_PRICE_OR_RATE = re.compile(r"\d{1,3}(?:\.\d{3})*,\d{1,2}\s?(?:€|%|\$|£)|(?:€|\$|£)\s?\d{1,3}(?:\.\d{3})*,\d{1,2}")
# a price of an offer: "*anschließend 5,99 € mtl.", "11,99 € im Monat", "ab 4,99 €/Monat"
_OFFER_PRICE = re.compile(r"\d+(?:,\d{2})?\s?(?:€|EUR|Euro)\s?(?:/\s?|im |pro |je )?(?:mtl\.|monatl\w*|Monat|Woche|Jahr|mon\.)"
                          r"|\b(?:mtl\.|monatlich)\s+\d+(?:,\d{2})?\s?(?:€|EUR|Euro)", re.IGNORECASE)


@resources.memoised
def _first_names() -> frozenset[str]:
    """First names of ``resources/first_names_gender.tsv`` (the entity stage's list, Berlin first-name statistics)."""
    return frozenset(row[0] for row in resources.rows("first_names_gender.tsv"))


def person_line(text: str) -> bool:
    """The line is a person's name: an optional title, a known first name and one or two capitalised names
    ("Stefan Beispiel", "Dr. Bernd Exempel", "Tanja Probe-Muster"); the surname may be printed in capitals and an
    academic degree may follow after a comma ("Alexander ERNST, BA", "Christoph REINBACHER", eleventh round)."""
    rest = _DEGREE_TAIL.sub("", _TITLES.sub("", text.strip()))
    words = rest.split()
    return (2 <= len(words) <= 3 and words[0] in _first_names()
            and all(_SURNAME.fullmatch(w) for w in words[1:]))


def _role_line(text: str) -> bool:
    """A short line without figures under a name: the person's role ("Pfarrer", "Gemeindereferentin")."""
    stripped = text.strip()
    words = stripped.split()
    return (1 <= len(words) <= ROLE_MAX_WORDS and stripped[:1].isupper() and not any(c.isdigit() for c in stripped)
            and "@" not in stripped and not person_line(stripped) and not stripped.endswith((".", "!", "?", ":")))


def people_list(texts: Sequence[str]) -> bool:
    """Three or more names each followed by a role line: the team or board of the page ("Stefan Beispiel" /
    "Pfarrer" / "Rainer Muster" / "Diakon" ...), its content. An author box names one person; a contact box has
    a phone number or an e-mail address and is taken before the menu runs."""
    pairs, k = 0, 0
    while k + 1 < len(texts):
        if person_line(texts[k]) and _role_line(texts[k + 1]):
            pairs += 1
            k += 2
        else:
            k += 1
    return pairs >= PEOPLE_LIST_MIN_PAIRS


def person_labels(texts: Sequence[str]) -> set[int]:
    """Indices of person lines that have a role line right above or below them, and of those role lines (with a
    second role line above the first: a party above the office, "SPÖ" / "Bürgermeister" / "Alexander ERNST, BA")."""
    out: set[int] = set()
    n = len(texts)
    for k in range(n):
        if not person_line(texts[k]):
            continue
        stack = []
        if k + 1 < n and _role_line(texts[k + 1]):
            stack.append(k + 1)
        if k >= 1 and _role_line(texts[k - 1]):
            stack.append(k - 1)
            if k >= 2 and _role_line(texts[k - 2]):
                stack.append(k - 2)
        if stack:
            out.update([k, *stack])
    return out


def _bullet_mark(text: str) -> str | None:
    m = _BULLET_MARK.match(text)
    return m.group(1) if m else None


def list_continues(blocks: Sequence["_Scored"], shapes: Sequence[Shape], i: int, j: int) -> bool:
    """The run of short items blocks[i..j] is part of a longer bulleted list of the text: the list goes on, on
    one side, with kept items of the same bullet of which one is longer than a menu item ("- Ausschuss für Soziales,
    Integration und Demografie" after "- Integrationsrat", "- Jugendhilfeausschuss"), and the line beyond the list on
    that side is kept too (or the page ends). A menu next to a list of the article has its own bullets or none."""
    marks = {m for k in range(i, j + 1) if (m := _bullet_mark(blocks[k].text))}
    if not marks:
        return False
    n = len(blocks)
    for step, start in ((1, j + 1), (-1, i - 1)):
        k, longer, extended = start, False, False
        while 0 <= k < n and _bullet_mark(blocks[k].text) in marks and not blocks[k].is_boilerplate:
            extended = True
            longer = longer or shapes[k].words > 4
            k += step
        if extended and longer and not (0 <= k < n and blocks[k].is_boilerplate):
            return True
    return False


def price_or_rate(text: str) -> bool:
    """The whole line is an unsigned price or rate with decimals ("19,99 €", "3,00 %")."""
    return bool(_PRICE_OR_RATE.fullmatch(text.strip()))


def _offer_boxes(blocks: list["_Scored"], shapes: list[Shape]) -> None:
    """The offer box of a paywall prompt: after a removed subscription prompt ("Weiterlesen mit", "Jetzt
    weiterlesen mit stock3 Plus", "Jetzt bestellen"), the short lines of the offer — its slogan, the bulleted
    benefits ("• Zugriff auf alle K+ Inhalte", "• Monatlich kündbar"), its prices ("*anschließend 5,99 € mtl.") —
    up to the next paragraph. Taken only when the stretch shows the offer again (a price per month, another removed
    subscription line or a subscription phrase), and only up to the last line that shows it; a date, byline or
    caption, a sentence, a line of 16 words or more or a reporting verb ends the stretch (the article goes on)."""
    n = len(blocks)
    for i, b in enumerate(blocks):
        if not (b.is_boilerplate and b.category == "subscription"):
            continue
        k, stretch = i + 1, []
        while k < n and len(stretch) < OFFER_BOX_MAX_LINES:
            s = shapes[k]
            if blocks[k].is_boilerplate:
                if blocks[k].category not in ("subscription", "other"):
                    break
            elif PROTECTED_FLAGS & set(blocks[k].flags) or s.sentence_like or s.words >= OFFER_LINE_MAX_WORDS or _lexicon_weight(blocks[k], COUNTER) < 0:
                break
            stretch.append(k)
            k += 1
        free = [k for k in stretch if _free(blocks[k])]
        offer = any(
            blocks[k].is_boilerplate and blocks[k].category == "subscription"
            or _OFFER_PRICE.search(blocks[k].text) or _lexicon_weight(blocks[k], "subscription") > 0
            for k in stretch
        )
        if free and offer:
            last = max(k for k in stretch if blocks[k].is_boilerplate or _OFFER_PRICE.search(blocks[k].text)
                       or _lexicon_weight(blocks[k], "subscription") > 0)
            for k in free:
                if k <= last:
                    _mark(blocks[k], "subscription", "offer_box", 2.0)


def _lone_contents_labels(blocks: list["_Scored"], shapes: list[Shape]) -> None:
    """A contents label alone ("Inhalt", "Inhaltsverzeichnis:") with no list under it: the next line is a headline,
    a paragraph or a metadata line, not a short item. It is the jump target of a skip link or the label of a
    collapsed table of contents, page furniture; with short items under it ("Inhalt" / "Zehn Jahre pressesprecher" /
    "Seite 20": the contents of a magazine issue) it heads a list of the page and stays. The tables of contents
    that the page's headings repeat are taken before (``_tables_of_contents``)."""
    for i, (b, s) in enumerate(zip(blocks, shapes)):
        if len(b.text.strip().rstrip(":").split()) == 1 and _contents_label(b, s):
            if i + 1 == len(blocks) or not shapes[i + 1].short_item and not blocks[i + 1].is_boilerplate:
                _mark(b, "navigation", "contents_label", 2.0)


# --------------------------------------------------------------------------- tenth round (issue 18)
# Round 11 became development data. Its menus, like round 10's, are single short lines in the page body, most of them
# the only one of their kind on a page, so phrase lists do not reach them. The rules here are link grammar of shapes
# found in three or more parts: a line that only points elsewhere ("Hier geht's zum Artikel", "bitte hier klicken",
# "[nach oben]"), a breadcrumb trail that starts at the home page ("Startseite > Behörden", "StartseiteBehörden…") or
# ends in the title printed below it, and two shapes of tables of contents (a numbered section heading above its
# list, two columns of section-numbered items on one line). Word classes: resources/boilerplate_link_words.tsv
# (kinds home, goes, click, back).

POINTER_MAX_WORDS = 16  # "Sie möchten direkt in die Praxis springen? Hier geht es zum nächsten Kapitel."
POINTER_TARGET_MAX_WORDS = 5  # what "hier geht's zum" opens: "Artikel auf der shz-Seite"
BACK_MAX_WORDS = 8  # "Zurück zur ersten Seite der aktuellen Ausgabe"
BREADCRUMB_MAX_WORDS = 20
BREADCRUMB_TITLE_MIN_WORDS = 3  # the title a breadcrumb ends in, repeated on the next line
BREADCRUMB_TITLE_MIN_CHARS = 15
_CLAUSES = re.compile(r"(?<=[.!?])\s+")
_HERE_GOES = re.compile(r"^(?:und\s+)?hier\s+(\S+)(?:\s+es)?\s+(?:zum|zur|zu)\s+(.+?)[\s.:!]*$", re.IGNORECASE)
_TRAIL_SEPARATOR = re.compile(r"^[>»›/|→⟩:]")


def _words_lower(text: str) -> list[str]:
    return [w for w in (w.strip("„“”\"'()[]{}:,;.!?").lower() for w in text.split()) if w]


def pointer_line(text: str) -> bool:
    """A line that only points the reader elsewhere: its last clause is "hier geht's zum <what a link opens>"
    ("Hier gehts zum Artikel auf der shz-Seite", "Und hier geht´s zur Plattform:", "Sie möchten direkt in die Praxis
    springen? Hier geht es zum nächsten Kapitel."), it ends in a click request after at most a short link text ("Als
    PDF herunterladen - bitte hier klicken."), or it is a jump within the page or back ("[nach oben]", "Zurück zur
    ersten Seite der aktuellen Ausgabe", "Go to the top of the page"). "Hier geht es zum Beispiel um Mieten" opens
    nothing a link opens (no link noun) and stays; a clause with a subject before a click request stays."""
    stripped = _DECORATION.sub("", text.strip()).strip("[]() ")
    words = _words_lower(stripped)
    if not words or len(words) > POINTER_MAX_WORDS:
        return False
    kinds = _link_words()
    joined = " ".join(words)
    if joined in kinds["back"]:
        return True
    if len(words) <= BACK_MAX_WORDS and words[0] == "zurück" and len(words) >= 3 and words[1] in ("zum", "zur", "zu") and any(
            map(_link_noun, words[2:])):
        return True
    clauses = _CLAUSES.split(stripped)
    m = _HERE_GOES.match(clauses[-1].strip())
    if m and m.group(1).lower() in kinds["goes"]:
        target = _words_lower(m.group(2))
        # what a link opens ("zum Artikel auf der shz-Seite"), or a short target after a question or before a colon
        # ("Hier geht es zum nächsten Kapitel." after "Sie möchten … springen?", "Und hier geht´s zur Plattform:");
        # "Hier geht es zur Sache." alone is an idiom of the text
        short = len(target) <= 2 and not any(w in _stopwords() for w in target) and (len(clauses) > 1 or stripped.endswith(":"))
        if 1 <= len(target) <= POINTER_TARGET_MAX_WORDS and (any(map(_link_noun, target)) or short):
            return True
    # a click request after the link text in the same clause ("Als PDF herunterladen - bitte hier klicken."), or
    # alone; after a question ("Das Wichtigste vom Tag als Push-Mitteilung? Hier klicken.") it closes an offer,
    # which the phrase layer or a user's phrase file judges
    for click in kinds["click"]:
        before = words[: len(words) - len(click.split())]
        if len(clauses) > 1 or not (joined == click or joined.endswith(" " + click)) or len(before) > 6:
            continue
        linked = any(w in kinds["verb"] or w in kinds["always"] or _link_noun(w) for w in before)
        if not before or linked and not any(w in kinds["subject"] for w in before):
            return True
    return False


def _home_start(text: str) -> str | None:
    """The rest of a line that starts with the home page's item ("Startseite", "Home", "Start"), glued to the next
    item ("StartseiteBehördenGemeindeversammlung") or followed by a separator or a capitalised item."""
    stripped = text.strip()
    m = re.match(r"[A-Za-zÄÖÜäöüß]+", stripped)
    if not m:
        return None
    head = m.group()
    for home in sorted(_link_words()["home"], key=len, reverse=True):
        if head.lower().startswith(home) and head[: len(home)].lower() == home and head[:1].isupper():
            rest = stripped[len(home):]
            if rest[:1].isupper() and rest[:2].isalpha():  # glued: "StartseiteBehörden…"
                return rest
            if head.lower() == home:
                return rest
    return None


def breadcrumb_trail(text: str) -> bool:
    """A breadcrumb trail from the home page: "Startseite > Behörden > Gemeindeversammlung",
    "StartseiteBehördenGemeindeversammlung", "Home Glauben Glossar 10516", "Start Blog Seite 198". The items after the
    home word are capitalised words or numbers, the first one no function word and no finite verb ("Start der
    Zugvogelkampagne", "Start frei für den Umbau" and "Home Office spart Wege" are headlines, not trails)."""
    rest = _home_start(text)
    if rest is None or text.rstrip().endswith((".", "!", "?", ",")) or len(text.split()) > BREADCRUMB_MAX_WORDS:
        return False
    glued = bool(rest[:1].isupper() and not rest[:1].isspace())
    rest = rest.strip()
    separated = bool(_TRAIL_SEPARATOR.match(rest))
    items = [w for w in re.split(r"[\s>»›/|→⟩]+", rest) if w]
    if not items:
        return False
    first = items[0].strip("„“”\"'()")
    if first.lower() in _stopwords() or _finite_verb(first) or not (first[:1].isupper() or first[:1].isdigit()):
        return False
    # a headline after the home word needs the trail's shape: glued, a separator, or two or three capitalised items
    # without a verb
    lead = items[:3]
    return glued or separated or len(items) >= 2 and not any(_finite_verb(w) for w in lead) and all(
        w[:1].isupper() or w[:1].isdigit() for w in lead)


@functools.lru_cache(maxsize=1)
def _finite_verb_forms() -> frozenset[str]:
    path = RESOURCES / "boilerplate_finite_verbs.txt"
    return frozenset(line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def _finite_verb(word: str) -> bool:
    """A finite auxiliary, modal or copula form (resources/boilerplate_finite_verbs.txt) or a lower-case word with a
    finite ending ("spart", "sucht", "kündigte"); a capitalised word ("Seite", "Arbeit") is a noun."""
    return word.lower() in _finite_verb_forms() or word.islower() and len(word) > 3 and word.endswith(("t", "te", "ten", "st"))


def trail_ending_in_title(text: str, following: str) -> bool:
    """A breadcrumb trail that ends in the page's title, which the next line prints again ("Blog Allgemein So startet
    Ihr WordPress-Shop 2021 richtig durch!" above "So startet Ihr WordPress-Shop 2021 richtig durch!"; "Start
    Kirchenkreis … Artikel: Bericht des Superintendenten zur Kreissynode" above "Bericht des Superintendenten zur
    Kreissynode am 3. und 4. September 2021"). The trail before the title has two or more words and no sentence
    end; a title and its site after a dash ("Satzung & Geschäftsordnung - EKG …" above "EKG …") is no trail."""
    words, nxt = normalise_line(text).split(), normalise_line(following).split()
    if len(words) > BREADCRUMB_MAX_WORDS or not nxt:
        return False
    original = text.split()
    if len(original) != len(words):
        return False
    for k in range(2, len(words) - BREADCRUMB_TITLE_MIN_WORDS + 1):
        tail = words[k:]
        if nxt[: len(tail)] != tail or len(" ".join(tail)) < BREADCRUMB_TITLE_MIN_CHARS:
            continue
        before = original[:k]
        if any(w in ("-", "–", "—", "|") or w.endswith((".", "!", "?")) for w in before):
            return False
        first_of_title = original[k]
        return first_of_title[:1].isupper() or first_of_title[:1].isdigit() or first_of_title[:1] in "„\"»"
    return False


def _tenth_round_links(blocks: list["_Scored"], shapes: list[Shape], top: int, title: int) -> None:
    n = len(blocks)
    for i, (b, s) in enumerate(zip(blocks, shapes)):
        if not _free(b):
            continue
        if pointer_line(b.text):
            _mark(b, "navigation", "pointer_line", 3.0)
            continue
        following = next((blocks[k].text for k in range(i + 1, n) if not blocks[k].is_boilerplate), "")
        if trail_ending_in_title(b.text, following):
            _mark(b, "navigation", "breadcrumb_title", 3.0)
        elif (i < top or top == -1 and i == 0) and breadcrumb_trail(b.text) and (i != title or _home_start(b.text)[:1].isupper()):
            # (in the title slot only when glued: "StartseiteBehördenGemeindeversammlung" is no headline)
            _mark(b, "navigation", "breadcrumb", 3.0)


OFFICE_PHONE_MAX_WORDS = 4  # "Tel: 05337-10001", "Telefon 0531 / 55 66 77"


def _office_phones(blocks: list["_Scored"], shapes: list[Shape]) -> None:
    """The phone line of an office holder printed under the office line ("1. Vorsitzende: Maria Muster" / "Tel:
    05337-10001"): part of the board list of the association's own page, kept and protected like the office line
    (the office line itself may carry the number: "Schriftführerin: Anke Probe Tel: 05337-10003"). A press contact's
    number under "Pressesprecherin: …" has no office line above it and goes with its box (ninth round's office flag,
    tenth round)."""
    for i in range(1, len(blocks)):
        b, s = blocks[i], shapes[i]
        if "office" not in blocks[i - 1].flags or not s.contact_strong or s.words > OFFICE_PHONE_MAX_WORDS or s.sentence_like:
            continue
        if b.is_boilerplate and b.category not in ("contact", "other") or b.predecided:
            continue
        b.is_boilerplate = False
        b.category = "other"
        b.flags = (*b.flags, "office")
        b.signals = b.signals + [("office_phone", 0.0)]


TAG_ITEMS_MAX = 8  # tags under one label


def _tag_label(text: str) -> bool:
    """"Themen:", "- Themen:", "Kategorien", "Schlagwörter:": the label of a tag or category list (link words, kind tags)."""
    core = _DECORATION.sub("", text.strip()).strip().rstrip(":").strip()
    return core.lower() in _link_words()["tags"]


def _tag_lists(blocks: list["_Scored"], shapes: list[Shape], top: int, title: int) -> None:
    """The tags or categories of an article under their label ("- Themen:" / "- Polizei" / "- Polizeipräsidium
    München"; "Kategorien" / "Norden Radfahrer Soziales Verkehr"): the label and the short items right under it, up to
    eight. Items are short (at most four words, at most one function word, no sentence end); a list of the text's
    topics under "Themen" ("• Termine des Bundeskanzlers im Mai", "• Kabinettssitzung vom 3. Mai") has longer items
    and stays, and so does a label with no short item under it. Above the first paragraph only under a label the
    phrase layer removed, and never the title slot (a short title under "Themen" is the page's title)."""
    n = len(blocks)
    for i, b in enumerate(blocks):
        if not _tag_label(b.text) or shapes[i].sentence_like or i <= top and not b.is_boilerplate:
            continue
        k = i + 1
        while k < n and k - i <= TAG_ITEMS_MAX and shapes[k].short_item and not shapes[k].widget and k != title and (
                _free(blocks[k]) or blocks[k].is_boilerplate and blocks[k].category in ("navigation", "social")):
            k += 1
        items = [x for x in range(i + 1, k) if _free(blocks[x])]
        if not items and not (k > i + 1):
            continue
        if _free(b):
            _mark(b, "navigation", "tag_list", 2.5)
        for x in items:
            _mark(blocks[x], "navigation", "tag_list", 2.5)


# --------------------------------------------------------------------------- eleventh round (issue 18)
# Round 12 became development data. Its removed content lines were, by cause: rows of tables that the page's text
# version prints with bars ("Versandart | Kosten | Lieferdauer |", "---|---|---|"), taken as menu lines, widgets and
# menu runs; a board list whose surnames are printed in capitals ("Alexander ERNST, BA", Austrian municipal pages),
# whose repeated role and party lines ("Bürgermeister", "SPÖ") were taken as repeated controls; a list of a school's
# parent representatives under its announcing line ("… sind:") taken as teasers; and a police report paragraph that
# ends with where to send tips (phone and e-mail), taken by its contact phrases. The rules here keep those shapes;
# each one was checked to hold only content lines across all fourteen parts.

# a separator row of a table printed with bars: "---|---|---|", "| :--- | ---: |"
_BAR_SEPARATOR = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?")


def _bar_row(text: str) -> bool:
    """A row of a table the page's text version prints with bars: the row ends in a bar ("Standardversand |",
    "4,95 € | 4,95 € |"), or it is the separator row under the header ("---|---|---|")."""
    stripped = text.strip()
    return bool(_BAR_SEPARATOR.fullmatch(stripped)) or (len(stripped) > 1 and stripped.endswith("|"))


def _bar_cells(text: str) -> list[str]:
    return [c.strip() for c in text.split("|") if c.strip()]


def bar_table(texts: Sequence[str]) -> bool:
    """Consecutive bar rows that form a table: two rows or more, with a separator row, or with two rows of two cells
    or more and a figure in a cell ("Versandart | Kosten | Lieferdauer |" / "Standardversand | kostenlos | 8 – 25 Tage
    |"). One bar-separated line of links ("Archiv 2017/18 |Archiv 2015/16 |…") is no table, nor are separator lines
    between menu items ("• |"), which are not consecutive."""
    if len(texts) < 2 or not all(_bar_row(t) for t in texts):
        return False
    if any(_BAR_SEPARATOR.fullmatch(t.strip()) for t in texts):
        return True
    wide = sum(len(_bar_cells(t)) >= 2 for t in texts)
    return wide >= 2 and any(c[:1].isdigit() or any(ch.isdigit() for ch in c) for t in texts for c in _bar_cells(t))


def _bar_tables(blocks: list["_Scored"]) -> None:
    """The rows of a bar-printed table (``bar_table``) are the page's data: kept and protected (flag ``table``), also
    against a menu or widget decision of the phrase layer; a row a decision made before this stage removed stays
    removed."""
    n, i = len(blocks), 0
    while i < n:
        if not _bar_row(blocks[i].text):
            i += 1
            continue
        j = i
        while j + 1 < n and _bar_row(blocks[j + 1].text):
            j += 1
        if bar_table([blocks[k].text for k in range(i, j + 1)]):
            for k in range(i, j + 1):
                b = blocks[k]
                if b.predecided or b.is_boilerplate and b.category not in ("navigation", "other"):
                    continue
                b.is_boilerplate = False
                b.category = "other"
                b.flags = (*b.flags, "table")
                b.signals = b.signals + [("bar_table", 0.0)]
        i = j + 1


def report_then_contact(text: str, lexicon: Lexicon) -> bool:
    """A report paragraph that ends with where to send tips: two sentences or more of plain report (150 characters
    or more, no first person or publisher's voice, no call, no boilerplate phrase), then the sentence(s) with the
    phone number or e-mail address, no longer than the report ("Für ihre Ermittlungen braucht die Polizei … Hinweise.
    Wer kann etwas … sagen? Hinweise an die Polizei Landau, Telefon …"). Article text; a publisher's contact paragraph
    ("Sie haben Fragen? Wir helfen gern …") has the publisher's voice or a call."""
    spans = _sentence_spans(text, 0, len(text))
    sentences = [text[a:b] for a, b in spans]
    k = next((i for i, s in enumerate(sentences) if _search(_LINKS, s) or block_shape(s).contact_strong), None)
    if not k:
        return False
    report, tail = " ".join(sentences[:k]), " ".join(sentences[k:])
    if len(report) < PROSE_MIN_CHARS or len(tail) > len(report) or len(prose_sentences(report)) < 2:
        return False
    if not _plain_report(report) or _search(_PUBLISHER, report) or _search(_IMPERATIVE, report):
        return False
    return not any(p.weight >= PROSE_PHRASE_WEIGHT and p.category != COUNTER for _, _, p in _lexicon_hits(report, lexicon))


# --------------------------------------------------------------------------- twelfth round (issue 18)
# Round 13 became development data. Labelling policy for page titles (docs/boilerplate.md, "Twelfth round"): a page
# title printed two or more times at the page head (the heading and its copy from the tab, the image or the
# breadcrumb end: "Bern" / "Bern", "Internationaler Museumstag" twice) is content, every copy above the first
# paragraph; a site name, section or menu word printed twice (logo and text: "HASEPOST" twice, "Suche" twice) is
# navigation. The first are kept and protected (flag ``title``); the second stay for the page-head rules.
PAGE_TITLE_MAX_WORDS = 8
SITE_TITLE_MIN_WORDS = 4  # the headline under a doubled site name: the page's real title


def _page_title_copies(blocks: list["_Scored"], shapes: list[Shape], top: int) -> None:
    """The page title printed twice in a row as the first kept line of the page: kept with the flag ``title``,
    and so is every later copy of it above the first paragraph. Not a line in capitals of at most three words
    (a site name or rubric: "HASEPOST", "BLOG"), not a menu word of the lexicon ("Suche", "Inhalt"), not a widget,
    and not when a headline of four words or more follows the copies (then they are the site's name above the
    page's title)."""
    if top <= 0:
        return
    first = next((k for k in range(top) if not blocks[k].is_boilerplate), top)
    if first + 1 >= top:
        return
    b, s = blocks[first], shapes[first]

    def same(text: str) -> bool:  # the same line, digits included ("Lektion 1" / "Lektion 2" are a menu)
        return " ".join(text.split()).casefold() == key

    key = " ".join(b.text.split()).casefold()
    last = first
    while last + 1 < top and same(blocks[last + 1].text):
        last += 1
    if last == first or not _free(b) or s.widget or s.sentence_like or not 1 <= s.words <= PAGE_TITLE_MAX_WORDS:
        return
    letters = [c for c in b.text if c.isalpha()]
    if not letters or s.words <= 3 and all(c.isupper() for c in letters):
        return
    if _lexicon_weight(b, "navigation") or _lexicon_weight(b, "social"):
        return
    after = next((k for k in range(last + 1, len(blocks)) if not blocks[k].is_boilerplate), len(blocks))
    if after < len(blocks) and shapes[after].headline and shapes[after].words >= SITE_TITLE_MIN_WORDS:
        return
    for k in range(first, top):
        if same(blocks[k].text) and _free(blocks[k]):
            blocks[k].flags = (*blocks[k].flags, "title")


LINK_TARGET_MAX_WORDS = 6
_LINK_CLAUSE_END = (".", "!", "?", ":", ";", "…")


def link_target_line(text: str, *, after_sentence: bool) -> bool:
    """A link text that names where it leads, not a heading: a lead word in lower case at the line's start ("zur
    Mitteilung des Gemeinderates", "zum Mitteilungsblatt": German lines start in capitals, a link text after a
    paragraph does not) when the line before ended a sentence (a wrapped title, "Mut" / "zur Wildnis", continues
    its line); or a pointer word with a colon before the target ("Mehr: Archiv der Sonderausstellungen", "Mehr:
    Kataloge (Shop)"). At most six words, no sentence end, no finite verb, no figure (twelfth round)."""
    stripped = _BULLET.sub("", text).strip()
    words = stripped.split()
    if not 2 <= len(words) <= LINK_TARGET_MAX_WORDS or stripped.endswith(_LINK_CLAUSE_END) or any(c.isdigit() for c in stripped):
        return False
    if any(_finite_verb(w.strip(_TERMINAL + ",()")) for w in words[1:]):
        return False
    kinds = _link_words()
    head, _, rest = stripped.partition(":")
    if rest.strip() and head.strip().lower() in kinds["pointer"] and " " not in head.strip() and ":" not in rest:
        return True
    lowered = " ".join(words).lower()
    return after_sentence and stripped[0].islower() and any(lowered.startswith(l + " ") for l in kinds["lead"])


def _link_targets(blocks: list["_Scored"], shapes: list[Shape], title: int) -> None:
    for i, b in enumerate(blocks):
        if not _free(b) or i == title or shapes[i].sentence_like:
            continue
        before = blocks[i - 1] if i > 0 else None
        after_sentence = before is None or before.is_boilerplate or before.text.rstrip().endswith(_LINK_CLAUSE_END)
        if link_target_line(b.text, after_sentence=after_sentence):
            _mark(b, "navigation", "link_target", 3.0)


# the file name of a gallery picture that starts with its date stamp ("20130306 brand scheune 001", "20130717-225424.jpg"):
# a compact date (year, month, day), an optional time stamp, then at most four name or number parts
_STAMPED_FILE_NAME = re.compile(
    r"^\W*(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[-_]\d{4,6})?(?:\.(?:jpe?g|png|gif|webp))?"
    r"(?:\s+[\w.-]+){0,4}\s*$", re.IGNORECASE)


def _stamped_file_names(blocks: list["_Scored"]) -> None:
    for b in blocks:
        if _free(b) and _STAMPED_FILE_NAME.match(b.text):
            _mark(b, "other", "file_name", 3.0)


def _fact_table_continues(blocks: Sequence["_Scored"], shapes: Sequence[Shape], j: int) -> bool:
    """The line after a run of short items is a date line (a value), and the two lines after it are short items
    again (the next label and its value): the run is the first part of a fact table."""
    return (j + 3 < len(blocks) and "date" in blocks[j + 1].flags and shapes[j + 1].words <= 4
            and shapes[j + 2].short_item and not blocks[j + 2].is_boilerplate
            and (shapes[j + 3].short_item or shapes[j + 3].widget))
