"""Stage 2: split a document into blocks and remove boilerplate (consent, newsletter, cookies ...).

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

Metadata lines are recognised and kept: date lines ("Stand: 08.12.2025") set ``CleanResult.date``; date lines,
bylines and photo captions are flagged and never removed.

``clean_text`` has exactly the length of the raw text, boilerplate characters replaced by spaces (line breaks
kept), so that character offsets in the cleaned text are raw-text offsets.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

try:  # the regex parser behind re.compile, to find literal text a regex needs (phrase_anchor)
    from re import _parser as _sre_parser  # Python >= 3.11
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parser

CATEGORIES = (
    "consent", "newsletter", "privacy", "cookie", "advertising", "navigation", "social", "credit", "subscription", "other",
    "teaser", "contact", "about",  # related-article lists, press contact boxes, "Über uns" blurbs (issue 18)
)
COUNTER = "content"  # lexicon category of counter-evidence (negative weights)

RESOURCES = Path(__file__).resolve().parent / "resources"
PHRASES_FILE = RESOURCES / "boilerplate_phrases.tsv"
METADATA_FILE = RESOURCES / "boilerplate_metadata.tsv"

THRESHOLD = 3.0  # total score from which a block is boilerplate
MIN_KINDS = 2  # distinct kinds of positive evidence required (lexicon plus at least one other)
MIN_LEXICON = 1.5  # weight of the strongest phrase required: a typical phrase, never topical words alone
LEXICON_CAP = 6.0  # per category: a long consent paragraph should not drown every counter-signal
LEXICON_TOTAL_CAP = 8.0  # over all categories: many topic words in one paragraph are still one kind of evidence
COUNTER_CAP = -4.0
SENTENCE_MODE_MIN_CHARS = 300  # a text without line breaks longer than this is split into sentences
PROTECTED_FLAGS = frozenset({"date", "byline", "caption"})
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
        phrases.append(Phrase(category, value, pattern, regex, where, phrase_anchor(pattern)))
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
    return bool(line) and line[-1] not in '.!?:;"“”»«)…' and following[:1].islower()


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Block spans (start, end) in ``text``: one per line (hard-wrapped lines joined), or per sentence when the
    text is a single long line. Spans are trimmed of whitespace and cover every non-whitespace character."""
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
    r"|!\s*$",
    re.M,
)
_LINKS = re.compile(r"https?://\S+|\bwww\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|(?<!\w)@[A-Za-z_]\w{2,}")
_LEGAL = re.compile(r"§§?\s*\d+|\bArt\.\s*\d+|\bAbs\.\s*\d+|\bff\.|\b(?:AktG|DSGVO|DS-GVO|BDSG|TTDSG|TDDDG|UWG|TMG|BGB)\b")
_POSTAL = re.compile(r"\b\d{5}\s+[A-ZÄÖÜ][a-zäöüß]+|\b\w+(?:straße|str\.|platz|weg|allee)\s+\d+\b|\b(?:GmbH|AG|KG|e\.\s?V\.)(?=[,.\s)]|$)")
_TERMINAL = '.!?:;"“”»«)…'

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
}


def _unquoted(text: str) -> str:
    """The block with balanced quotations blanked: what an article quotes is not the page talking to the reader."""
    return _QUOTE_PAIRS.sub(lambda m: " " * len(m.group()), text)


def _count_score(n: int, first: float, step: float, cap: float) -> float:
    return 0.0 if n <= 0 else min(cap, first + step * (n - 1))


def _lexicon_hits(text: str, lexicon: Lexicon) -> list[tuple[int, int, Phrase]]:
    """Phrase matches, strongest first; a match inside a stronger one's span of the same polarity is dropped (no
    double counting of "Datenschutz" inside "Datenschutzerklärung"), each phrase counts once per block.
    Evidence and counter-evidence are deduplicated separately so that neither can hide the other."""
    hits = []
    lowered = text.lower()
    for phrase in lexicon.phrases:
        if phrase.anchor is not None and phrase.anchor not in lowered:
            continue
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
_MENU_SEPARATORS = re.compile(r"\s+[|·•›>»/]\s+|\s*[|·•›»]\s*|,\s+")


def _menu_line(text: str) -> bool:
    """A line of short items separated by bars, arrows or commas (share bar, breadcrumb, footer, tag list)."""
    body = _LABEL_PREFIX.sub(lambda m: m.group()[-1], text, count=1)
    if re.search(r"[.!?]\s", body + " ") and not re.search(r"\bE-Mail\b", body):
        return False
    items = [i for i in _MENU_SEPARATORS.split(body.strip(" :")) if i.strip()]
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
    formal = len(_FORMAL.findall(plain)) + len(_FORMAL_START.findall(plain))
    features = [
        ("formal_address", _count_score(formal, 1.0, 0.5, 2.0)),
        ("first_person", _count_score(len(_FIRST_PERSON.findall(plain)), 1.0, 0.5, 2.0)),
        ("publisher_voice", _count_score(len(_PUBLISHER.findall(plain)), 0.5, 0.25, 1.0)),
        ("imperative", _count_score(len(_IMPERATIVE.findall(plain)), 1.5, 0.5, 2.0)),
        ("links", _count_score(len(_LINKS.findall(plain)), 1.0, 0.5, 2.0)),
        ("legal_reference", _count_score(len(set(_LEGAL.findall(plain))), 0.5, 0.5, 1.0)),
        ("postal_address", _count_score(len(_POSTAL.findall(plain)), 0.5, 0.5, 1.0)),
    ]
    # A short line that is (almost) nothing but a strong formula is boilerplate on its own: "Artikel teilen".
    strongest = max((h[2].weight for h in hits), default=0.0)
    if hits and words <= 10 and strongest >= 2.5:
        covered = sum(e - s for s, e, p in hits if p.weight > 0)
        coverage = min(1.0, covered / max(1, len("".join(plain.split()))))
        if coverage >= 0.6:
            features.append(("formula_line", round(2.0 * coverage, 2)))
    if _menu_line(plain):
        features.append(("menu_line", 1.5))
    # "Lesen Sie auch: ...", "Über die Autorin: ...": a box label, known to the lexicon, before a colon. A news
    # heading "Datenschutz: Was Sie wissen müssen" has the same shape, hence the strong phrase inside the label.
    label = _LABEL_PREFIX.match(plain)
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


def _decide(block: _Scored) -> bool:
    if PROTECTED_FLAGS & set(block.flags):
        return False
    kinds = block.kinds()
    # A bare heading inside a boilerplate run ("Newsletter", "Recht auf Widerruf") has one topical word at most.
    minimum = 1.0 if "neighbours" in kinds and _heading_like(block.text) else MIN_LEXICON
    return block.strongest >= minimum and len(kinds) >= MIN_KINDS and block.score >= THRESHOLD


def _heading_like(text: str) -> bool:
    return len(text.split()) <= 12 and text[-1] not in _TERMINAL and text[:1].isupper()


def _neighbour_pass(blocks: list[_Scored]) -> None:
    """Promote blocks with some boilerplate evidence of their own that sit inside a run of boilerplate.

    Consent notices come as runs: paragraphs with short headings in between ("Recht auf Widerruf"); the heading
    alone is too weak (it could head an article section), inside the run it belongs to the notice."""
    changed = True
    while changed:
        changed = False
        for i, block in enumerate(blocks):
            if block.is_boilerplate or PROTECTED_FLAGS & set(block.flags) or "lexicon" not in block.kinds():
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
            if _decide(block):
                block.is_boilerplate = changed = True
            else:
                block.signals = [s for s in block.signals if s[0] != "neighbours"]


# --------------------------------------------------------------------------- metadata

_MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "mär": 3, "april": 4, "apr": 4, "mai": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}


def parse_date(text: str) -> str | None:
    """ISO date of "08.12.2025", "8. Dezember 2025", "8.12.25" or "2025-12-08"; None if it is no valid date."""
    text = text.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = re.fullmatch(r"(\d{1,2})\.\s*(?:(\d{1,2})\.|([A-Za-zÄäÖöÜü]+)\.?)\s*(\d{2}|\d{4})", text)
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
        if pattern.flag in ("date", "dateline"):
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


# --------------------------------------------------------------------------- entry point


def clean_document(raw_text: str, *, strip: bool = True, lexicon: Lexicon | None = None) -> CleanResult:
    """Blocks of ``raw_text`` with their boilerplate decision, the cleaned text and the document date.

    With ``strip=False`` every block is content (signals and flags are still computed and reported)."""
    lexicon = lexicon or load_lexicon()
    spans = split_blocks(raw_text)
    n_chars = max(1, len(raw_text))
    scored: list[_Scored] = []
    date = dateline = None
    for start, end in spans:
        text = raw_text[start:end]
        flags, block_date, block_dateline = _metadata(text, lexicon)
        date = date or block_date
        if start < 400:
            dateline = dateline or block_dateline
        at_end = len(spans) >= 3 and start >= 0.7 * n_chars
        key = (text, at_end)
        if key not in lexicon.cache:
            if len(lexicon.cache) > 50_000:
                lexicon.cache.clear()
            lexicon.cache[key] = _score(text, lexicon, at_end=at_end)
        signals, category, strongest = lexicon.cache[key]
        item = _Scored(start, end, text, tuple(flags), list(signals), category, own_score=0.0, strongest=strongest)
        item.own_score = item.score
        item.is_boilerplate = strip and _decide(item)
        scored.append(item)
    if strip:
        _neighbour_pass(scored)

    blocks = tuple(
        Block(
            block_index=i,
            start_char=s.start,
            end_char=s.end,
            text=s.text,
            category=s.category if s.is_boilerplate else "content",
            is_boilerplate=s.is_boilerplate,
            score=s.score,
            signals=tuple(s.signals),
            flags=s.flags,
        )
        for i, s in enumerate(scored)
    )
    chars = list(raw_text)
    for block in blocks:
        if block.is_boilerplate:
            for i in range(block.start_char, block.end_char):
                if chars[i] not in LINE_BREAKS:
                    chars[i] = " "
    return CleanResult(blocks=blocks, clean_text="".join(chars), date=date or dateline)
