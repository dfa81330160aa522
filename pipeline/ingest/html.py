"""HTML pages as input: visible text, page metadata and trafilatura's main-text decision.

A saved page (``.html``/``.htm``) becomes a document like any text file. Its *raw text* -- the reference of every
character offset -- is the page's visible text as a browser copy gives it, produced here deterministically from
the markup (``visible_text``): block elements on their own lines (paragraphs, headings, lists and tables set off
by a blank line), inline white space collapsed, ``<br>`` a line break, ``<pre>`` verbatim, scripts, styles,
templates, embedded objects and hidden elements (``hidden``, ``display:none``, ``visibility:hidden``) dropped.

The decision what is article text comes from trafilatura (Apache-2.0), by default with ``favor_precision``
(``recall`` favours recall). Its plain-text output is not our raw text (it drops, re-wraps and prefixes lines), so
it is *aligned* back onto the visible text (``align``): every extracted line is looked up in the white-space-free
visible text, unique matches first as anchors, repeated lines between their anchors, the rest by a fuzzy match
inside the gap. Lines of the visible text that the extractor does not keep become pre-decided boilerplate blocks
(signal ``html_extractor``, category from the page region they sit in, ``resources/html_regions.tsv``); the
project's own classifier (pipeline/boilerplate/) still runs on every block, and decides alone on what was kept.

Nothing is fetched, ever: links, frames, images and scripts are not followed or run. Problems become
``IngestProblem`` rows (errors.csv): fatal for pages without readable content (frames, no body, only scripts,
not HTML at all), warnings for pages that are read with a caveat (broken markup repaired, huge inline scripts).
"""

from __future__ import annotations

import bisect
import datetime as dt
import codecs
import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html

from .decoding import decode_bytes

HTML_SUFFIXES = (".html", ".htm")
EXTRACTOR_MODES = ("precision", "recall")
DEFAULT_MODE = "precision"
REGIONS_FILE = Path(__file__).resolve().parents[1] / "resources" / "html_regions.tsv"
EXTRACTOR_SIGNAL = "html_extractor"
EXTRACTOR_WEIGHT = 3.0  # recorded score of a pre-decided block (the classifier's threshold: decided on its own)
KEEP_FRACTION = 0.5  # a visible line is article text when at least this share of its characters was extracted
HUGE_SCRIPT_CHARS = 1_000_000  # inline script/style above this is reported (the page is still read)
SCRIPT_ONLY_TEXT = 200  # a page with huge scripts and less visible text than this is a script application
BROKEN_MARKUP_ERRORS = 25  # parser repairs (mismatched or unexpected tags) from which a page is reported
DEPTH_EXCEEDED = 1_000_000  # repair count standing for "nesting too deep: the parser dropped content"
MAX_FUZZY_WINDOW = 20_000  # characters of visible text a non-exact line is matched against

# Elements whose content a browser does not show as text.
_SKIPPED = frozenset(
    "head script style noscript template svg math iframe frame frameset object embed applet canvas audio video "
    "source track map area select option optgroup datalist input textarea img picture meta link base param".split()
)
# Block-level elements: their own line. Those in _PARAGRAPH_LIKE are also set off by a blank line, so that the
# boilerplate stage never joins them with a neighbour as a hard-wrapped paragraph.
_BLOCKS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p pre section summary table tbody thead "
    "tfoot tr ul caption".split()
)
_PARAGRAPH_LIKE = frozenset("p h1 h2 h3 h4 h5 h6 blockquote pre ul ol dl table figure hr".split())
_CELLS = frozenset(("td", "th"))
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)", re.I)
_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")
_IGNORABLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""", re.I)
_HTML_MARKERS = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title[\s>]|<(?:p|div|span|a|h[1-6]|article|section|table|br)[\s>/]", re.I
)
# "</meta>", "</br>": end tags of void elements, common in XHTML-style templates, change nothing.
_HARMLESS_END_TAG = re.compile(r"Unexpected end tag : (?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)\b", re.I)
_REPAIR_MESSAGES = re.compile(r"mismatch|unexpected end tag|invalid element name|misplaced|Couldn't find end of|chunk is not well balanced", re.I)


@dataclass(frozen=True)
class Line:
    """One line of the visible text with the page region it belongs to."""

    start: int
    end: int
    region: str  # boilerplate category from html_regions.tsv, "" outside any region
    tag: str  # nearest block element (h1, p, li ...)


@dataclass(frozen=True)
class VisibleText:
    text: str
    lines: tuple[Line, ...]
    script_chars: int  # characters of inline <script>/<style> content (dropped)
    has_frames: bool
    has_body: bool


@dataclass(frozen=True)
class Region:
    category: str
    match: str  # tag | role | token
    regex: re.Pattern


@dataclass(frozen=True)
class PageProblem:
    problem: str
    message: str
    fatal: bool


@dataclass(frozen=True)
class Page:
    """Everything ingest needs from an HTML file."""

    text: str
    encoding: str
    metadata: dict[str, str | None]  # title, author, page_date, site_name, canonical_url, page_language
    removed: tuple[tuple[int, int, str], ...]  # (start, end, category) of lines the extractor did not keep
    main_text: str  # what trafilatura extracted (for language detection and the evaluation)
    problems: tuple[PageProblem, ...] = ()


class NotReadable(Exception):
    """An HTML file without readable content: one errors.csv row, the file is skipped."""

    def __init__(self, problem: str, message: str):
        super().__init__(message)
        self.problem = problem
        self.message = message


# --------------------------------------------------------------------------- decoding


def _codec(name: str) -> str | None:
    name = name.strip().lower()
    # WHATWG Encoding Standard: pages labelled ISO-8859-1/ASCII are decoded as windows-1252.
    if name in ("iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252"):
        return "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset of ``<meta charset>``, ``<meta http-equiv="Content-Type" content="...; charset=...">`` or the
    XML declaration, looked for in the first 4 KB as browsers do; None if there is none."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def _is_utf8_with_multibyte(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(b >= 0x80 for b in data)


def decode_html(data: bytes) -> tuple[str, str, list[PageProblem]]:
    """``(text, encoding, warnings)``: byte order mark, then the declared charset, then detection (ingest)."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = decode_bytes(data)
        return text, encoding, []
    declared = declared_charset(data)
    if declared:
        codec = _codec(declared)
        if codec is None:
            text, encoding = decode_bytes(data)
            return text, encoding, [PageProblem("html_charset", f"unknown charset {declared!r} declared; decoded as {encoding}", False)]
        if codec != "utf-8" and _is_utf8_with_multibyte(data):
            # Mislabelled pages are common: a server that sends UTF-8 under an old ISO-8859-1 template. Bytes that
            # are valid UTF-8 with multi-byte sequences are (almost) never meaningful single-byte text.
            return data.decode("utf-8"), "utf-8", [PageProblem("html_charset", f"declared charset {declared} but the bytes are UTF-8; decoded as utf-8", False)]
        try:
            return data.decode(codec), codec, []
        except UnicodeDecodeError:
            text, encoding = decode_bytes(data)
            return text, encoding, [PageProblem("html_charset", f"bytes are not valid {declared} as declared; decoded as {encoding}", False)]
    text, encoding = decode_bytes(data)
    return text, encoding, []


# --------------------------------------------------------------------------- regions


@functools.lru_cache(maxsize=1)
def load_regions(path: Path = REGIONS_FILE) -> tuple[Region, ...]:
    regions = []
    header = False
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header:
            header = True
            continue
        cols = line.split("\t")
        if len(cols) != 3 or cols[1] not in ("tag", "role", "token"):
            raise ValueError(f"{path}:{number}: expected category, match (tag|role|token), pattern")
        regions.append(Region(cols[0], cols[1], re.compile(cols[2], re.I)))
    return tuple(regions)


def _region_of(element: Any, regions: tuple[Region, ...]) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    role = (element.get("role") or "").strip().lower()
    tokens = (element.get("class") or "").lower().split() + (element.get("id") or "").lower().split()
    for region in regions:
        if region.match == "tag" and region.regex.fullmatch(tag):
            return region.category
        if region.match == "role" and role and region.regex.fullmatch(role):
            return region.category
        if region.match == "token" and any(region.regex.fullmatch(t) for t in tokens):
            return region.category
    return ""


# --------------------------------------------------------------------------- visible text


def _hidden(element: Any) -> bool:
    if element.get("hidden") is not None:
        return True
    if element.tag == "dialog" and element.get("open") is None:
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


class _Writer:
    """Collects text runs and required line breaks, browser-style: breaks between runs are the maximum asked."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.pending_breaks = 0
        self.pending_space = False
        self.line_start = 0
        self.line_meta: tuple[str, str] | None = None
        self.lines: list[Line] = []

    def _emit(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)

    def _close_line(self) -> None:
        if self.line_meta is not None and self.length > self.line_start:
            self.lines.append(Line(self.line_start, self.length, *self.line_meta))
        self.line_meta = None

    def text(self, s: str, region: str, tag: str, *, preformatted: bool = False) -> None:
        # A browser's plain-text copy turns no-break spaces into spaces; so do we (figures and names expect them).
        s = s.replace("\u00a0", " ")
        if not preformatted:
            s = _COLLAPSIBLE.sub(" ", s)
            if not s.strip(" "):
                if s and self.length and not self.pending_breaks:
                    self.pending_space = True
                return
            if s.startswith(" "):
                self.pending_space = True
                s = s.lstrip(" ")
            trailing = s.endswith(" ")
            s = s.rstrip(" ")
        else:
            trailing = False
        if self.pending_breaks and self.length:
            self._close_line()
            self._emit("\n" * self.pending_breaks)
            self.line_start = self.length
        elif self.pending_space and self.length and self.line_meta is not None:
            self._emit(" ")
        self.pending_breaks = 0
        self.pending_space = trailing
        if self.line_meta is None:
            self.line_start = self.length
            self.line_meta = (region, tag)
        if preformatted and "\n" in s:
            for i, piece in enumerate(s.split("\n")):
                if i:
                    self._close_line()
                    self._emit("\n")
                    self.line_start = self.length
                    self.line_meta = (region, tag)
                self._emit(piece)
        else:
            self._emit(s)

    def line_break(self, n: int = 1) -> None:
        self.pending_breaks = max(self.pending_breaks, n)
        self.pending_space = False

    def hard_break(self) -> None:
        """``<br>``: a line break even between two breaks already asked for (an empty line), like a browser."""
        if self.length and not self.pending_breaks:
            self.pending_breaks = 1
        elif self.length:
            self.pending_breaks += 1
        self.pending_space = False

    def finish(self) -> tuple[str, tuple[Line, ...]]:
        self._close_line()
        return "".join(self.parts), tuple(l for l in self.lines if l.end > l.start)


def visible_text(root: Any, regions: tuple[Region, ...] | None = None) -> VisibleText:
    """The visible text of a parsed page and its lines (with region and block tag)."""
    regions = load_regions() if regions is None else regions
    writer = _Writer()
    body = root.find("body") if root.tag == "html" else (root if root.tag == "body" else None)
    # An explicit stack instead of recursion: deeply nested (or broken) markup must not exhaust Python's stack.
    stack: list[tuple[str, Any, str, str, bool]] = [("open", root, "", "", False)]
    while stack:
        action, element, region, tag, pre = stack.pop()
        if action == "tail":
            if element.tail:
                writer.text(element.tail, region, tag, preformatted=pre)
            continue
        if action == "close":
            name = element.tag
            if name in _BLOCKS:
                writer.line_break(2 if name in _PARAGRAPH_LIKE else 1)
            elif name in _CELLS:
                writer.pending_space = True
            continue
        name = element.tag if isinstance(element.tag, str) else None
        if name is None:  # comments and processing instructions (their tail is still text)
            continue
        name = name.lower()
        if name in _SKIPPED or _hidden(element):
            continue
        own_region = _region_of(element, regions) or region
        own_tag = name if name in _BLOCKS or name in _CELLS else tag
        own_pre = pre or name in ("pre", "textarea", "listing", "plaintext")
        if name == "br":
            writer.hard_break()
            continue
        if name in _BLOCKS:
            writer.line_break(2 if name in _PARAGRAPH_LIKE else 1)
        stack.append(("close", element, region, tag, pre))
        for child in reversed(element):
            stack.append(("tail", child, own_region, own_tag, own_pre))
            stack.append(("open", child, own_region, own_tag, own_pre))
        if element.text:
            writer.text(element.text, own_region, own_tag, preformatted=own_pre)
    script_chars = sum(len(e.text or "") for e in root.iter("script", "style"))
    has_frames = root.find(".//frameset") is not None or root.find(".//iframe") is not None or root.find(".//frame") is not None
    text, lines = writer.finish()
    return VisibleText(text, lines, script_chars, has_frames, body is not None)


# --------------------------------------------------------------------------- parsing and checks


def parse_html(text: str) -> tuple[Any, int, str]:
    """The parsed page, the number of markup repairs the parser made, and the first such repair.

    Elements nested deeper than libxml2's limit (2048 with ``huge_tree``) are cut off by the parser: reported as a
    repair count of ``DEPTH_EXCEEDED`` so that read_page names the problem."""
    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses str input with an encoding declaration
    parser = lxml.html.HTMLParser(
        recover=True, remove_comments=True, remove_pis=True, no_network=True, default_doctype=False, huge_tree=True
    )
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise NotReadable("html_broken", f"markup cannot be parsed: {exc}") from None
    depth = [e for e in parser.error_log if "Excessive depth" in (e.message or "")]
    if depth:
        return root, DEPTH_EXCEEDED, f"line {depth[0].line}: elements nested deeper than the parser's limit; what is inside is lost"
    repairs = [e for e in parser.error_log if _REPAIR_MESSAGES.search(e.message or "") and not _HARMLESS_END_TAG.search(e.message or "")]
    first = f"line {repairs[0].line}: {repairs[0].message.strip()}" if repairs else ""
    return root, len(repairs), first


def looks_like_html(text: str) -> bool:
    return bool(_HTML_MARKERS.search(text[:20_000]))


def _describe_non_html(text: str) -> str:
    head = text.lstrip()[:200]
    if head.startswith(("{", "[")):
        return "looks like JSON"
    if head.startswith("<?xml") or head.startswith("<rss") or head.startswith("<feed"):
        return "looks like XML (not XHTML)"
    return "looks like plain text"


# --------------------------------------------------------------------------- metadata


_LANG_META = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*$")


def page_language(root: Any) -> str | None:
    """The declared language: ``<html lang>``, ``<meta http-equiv="content-language">`` or og:locale."""
    candidates = [root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for meta in root.iter("meta"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in ("content-language", "og:locale", "language", "dc.language"):
            candidates.append(meta.get("content"))
    for value in candidates:
        value = (value or "").strip().split(",")[0].strip()
        if value and _LANG_META.match(value):
            return value.replace("_", "-").lower()
    return None


def _clean_meta(value: Any) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value[:500] or None


def page_metadata(text: str, root: Any) -> dict[str, str | None]:
    """Title, author, date, site name, canonical URL and language of a page (trafilatura + htmldate, offline)."""
    from trafilatura import extract_metadata

    try:
        meta = extract_metadata(_copy(root), extensive=False)  # no guessing from copyright years or link dates
    except Exception:  # noqa: BLE001 - metadata is optional; a failure must not lose the page
        meta = None
    get = (lambda name: getattr(meta, name, None)) if meta is not None else (lambda name: None)
    canonical = None
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            canonical = link.get("href")
            break
    return {
        "title": _clean_meta(get("title")),
        "author": _clean_meta(get("author")),
        "page_date": _clean_meta(get("date")),
        "site_name": _clean_meta(get("sitename")),
        "canonical_url": _clean_meta(canonical or get("url")),
        "page_language": page_language(root),
    }


def _copy(root: Any) -> Any:
    # trafilatura prunes the tree it is given: hand it a copy, our tree is still needed.
    return lxml.html.fromstring(lxml.html.tostring(root, encoding="unicode"))


# --------------------------------------------------------------------------- main text and alignment


def extract_main_text(root: Any, mode: str = DEFAULT_MODE) -> str | None:
    """trafilatura's main text (plain text, comments excluded, tables included) or None if it found none."""
    from trafilatura import extract

    if mode not in EXTRACTOR_MODES:
        raise ValueError(f"unknown extractor mode {mode!r}; use one of {', '.join(EXTRACTOR_MODES)}")
    settings = dict(include_comments=False, include_tables=True, include_images=False, include_links=False, deduplicate=False, output_format="txt")
    result = extract(_copy(root), favor_precision=mode == "precision", favor_recall=mode == "recall", **settings)
    if not result and mode == "precision":
        result = extract(_copy(root), **settings)  # short pages: the balanced setting finds what precision refused
    return result or None


def _compact(text: str, start: int = 0, end: int | None = None) -> tuple[str, list[int]]:
    """``text`` without white space and ignorable characters, NFKC-normalised, with the offset of every char."""
    end = len(text) if end is None else end
    chars: list[str] = []
    offsets: list[int] = []
    for i in range(start, end):
        c = text[i]
        if c.isspace() or c in _IGNORABLE:
            continue
        norm = unicodedata.normalize("NFKC", c) if ord(c) > 127 else c
        for n in norm:
            if not n.isspace():
                chars.append(n)
                offsets.append(i)
    return "".join(chars), offsets


_LIST_MARKER = re.compile(r"^\s*(?:[-*•]|\d+\.)\s+")
_TABLE_BARS = re.compile(r"\s*\|\s*")


def _extracted_lines(main_text: str) -> list[str]:
    """trafilatura's lines without the markers its text output adds (list dashes, table bars)."""
    lines = []
    for line in main_text.splitlines():
        line = _LIST_MARKER.sub("", line)
        if "|" in line:
            line = _TABLE_BARS.sub(" ", line)
        compact, _ = _compact(line)
        if compact:
            lines.append(compact)
    return lines


def _occurrences(haystack: str, needle: str, start: int, end: int, limit: int = 50) -> list[int]:
    found, i = [], haystack.find(needle, start, end)
    while i >= 0 and len(found) < limit:
        found.append(i)
        i = haystack.find(needle, i + 1, end)
    return found


def _increasing_anchors(anchors: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The heaviest subsequence of (line, position, length) anchors whose positions increase without overlap."""
    if not anchors:
        return []
    best = [a[2] for a in anchors]
    previous = [-1] * len(anchors)
    for j, (_, pos_j, len_j) in enumerate(anchors):
        for i in range(j):
            _, pos_i, len_i = anchors[i]
            if pos_i + len_i <= pos_j and best[i] + len_j > best[j]:
                best[j], previous[j] = best[i] + len_j, i
    j = max(range(len(anchors)), key=best.__getitem__)
    chain = []
    while j >= 0:
        chain.append(anchors[j])
        j = previous[j]
    return chain[::-1]


def align(visible: str, main_text: str) -> list[bool]:
    """Per character of ``visible``: was it part of what the extractor kept?

    Matching ignores white space (the extractor re-wraps lines) and normalises compatibility characters
    (entities are already characters on both sides). Lines found exactly once are anchors (their largest
    increasing chain, so a line repeated in a menu cannot pull the alignment out of order); the other lines
    are searched between the anchors around them, first exactly, then by a fuzzy match of blocks of at least
    four characters, so a line the extractor changed slightly is still found."""
    compact, offsets = _compact(visible)
    kept_compact = [False] * len(compact)
    lines = _extracted_lines(main_text)
    placed: dict[int, tuple[int, int]] = {}
    anchors = []
    for k, line in enumerate(lines):
        occurrences = _occurrences(compact, line, 0, len(compact), limit=2)
        if len(occurrences) == 1 and len(line) >= 8:
            anchors.append((k, occurrences[0], len(line)))
    for k, pos, length in _increasing_anchors(anchors):
        placed[k] = (pos, pos + length)
    anchor_lines = sorted(placed)

    def window(k: int) -> tuple[int, int]:
        i = bisect.bisect_left(anchor_lines, k)
        lo = placed[anchor_lines[i - 1]][1] if i > 0 else 0
        hi = placed[anchor_lines[i]][0] if i < len(anchor_lines) else len(compact)
        return lo, hi

    cursor_after: dict[int, int] = {}
    last_end = 0
    for k, line in enumerate(lines):
        if k in placed:
            last_end = placed[k][1]
            continue
        lo, hi = window(k)
        lo = max(lo, last_end if last_end <= hi else lo)
        found = _occurrences(compact, line, lo, hi, limit=1)
        if found:
            placed[k] = (found[0], found[0] + len(line))
            last_end = placed[k][1]
            continue
        cursor_after[k] = lo
        segment_end = min(hi, lo + max(MAX_FUZZY_WINDOW // 4, 4 * len(line)), lo + MAX_FUZZY_WINDOW)
        segment = compact[lo:segment_end]
        if not segment:
            continue
        matcher = SequenceMatcher(None, segment, line, autojunk=False)
        matched = [(a, size) for a, _, size in matcher.get_matching_blocks() if size >= 4]
        if sum(size for _, size in matched) >= 0.5 * len(line):
            for a, size in matched:
                for i in range(lo + a, lo + a + size):
                    kept_compact[i] = True
            last_end = lo + matched[-1][0] + matched[-1][1]
    for start, end in placed.values():
        for i in range(start, end):
            kept_compact[i] = True
    kept = [False] * len(visible)
    for flag, offset in zip(kept_compact, offsets):
        if flag:
            kept[offset] = True
    return kept


def removed_lines(visible: VisibleText, kept: list[bool], title: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, category) of the visible lines the extractor did not keep.

    The page's headline (its title, or the first ``<h1>``) is never among them: trafilatura reports it as
    metadata rather than text, but for the reader it is part of the article."""
    title_key = _compact(title)[0] if title else ""
    h1_seen = False
    removed = []
    for line in visible.lines:
        compact, offsets = _compact(visible.text, line.start, line.end)
        if not compact:
            continue
        share = sum(kept[o] for o in offsets) / len(offsets)
        if share >= KEEP_FRACTION:
            continue
        is_headline = (line.tag == "h1" and not h1_seen) or (title_key and compact == title_key)
        h1_seen = h1_seen or line.tag == "h1"
        if is_headline:
            continue
        removed.append((line.start, line.end, line.region or "other"))
    return removed


# --------------------------------------------------------------------------- entry point


def read_page(data: bytes, mode: str = DEFAULT_MODE) -> Page:
    """Decode, parse and extract one HTML file. Raises NotReadable for pages without readable content."""
    if mode not in EXTRACTOR_MODES:  # a wrong option is the user's error, not a problem of this page
        raise ValueError(f"unknown HTML extractor setting {mode!r}; use one of {', '.join(EXTRACTOR_MODES)}")
    text, encoding, problems = decode_html(data)
    if not looks_like_html(text):
        raise NotReadable("not_html", f"no HTML markup found under an HTML file name: {_describe_non_html(text)}")
    root, repairs, first_repair = parse_html(text)
    if root.find(".//frameset") is not None:
        raise NotReadable("html_frames", "page is a frameset: its text is in other files, which are never fetched")
    visible = visible_text(root)
    if not visible.text.strip():
        if repairs == DEPTH_EXCEEDED:
            raise NotReadable("html_broken", f"broken markup: {first_repair}")
        if visible.has_frames:
            raise NotReadable("html_frames", "page shows its text only in frames (<iframe>), which are never fetched")
        if visible.script_chars >= SCRIPT_ONLY_TEXT:
            raise NotReadable("html_script_only", f"page has no text, only {visible.script_chars:,} characters of script: its content would be made by scripts, which are never run")
        raise NotReadable("html_no_body", "page has no body text (nothing visible after removing markup)")
    if visible.script_chars >= HUGE_SCRIPT_CHARS:
        if len(visible.text.strip()) < SCRIPT_ONLY_TEXT:
            raise NotReadable("html_script_only", f"page is a script application ({visible.script_chars:,} characters of inline script, {len(visible.text.strip())} characters of text); scripts are never run")
        problems.append(PageProblem("html_huge_scripts", f"{visible.script_chars:,} characters of inline script/style skipped (not run, not read)", False))
    if repairs == DEPTH_EXCEEDED:
        problems.append(PageProblem("html_broken_markup", f"broken markup: {first_repair}; the text may be incomplete", False))
    elif repairs >= BROKEN_MARKUP_ERRORS:
        problems.append(PageProblem("html_broken_markup", f"broken markup: the parser repaired {repairs} tag errors (first at {first_repair}); text may be out of order or incomplete", False))
    metadata = page_metadata(text, root)
    try:
        main_text = extract_main_text(root, mode) or ""
    except Exception as exc:  # noqa: BLE001 - the classifier can still decide alone
        main_text = ""
        problems.append(PageProblem("html_extractor_failed", f"trafilatura failed ({type(exc).__name__}: {exc}); the plain-text classifier decided alone", False))
    if main_text:
        removed = removed_lines(visible, align(visible.text, main_text), metadata.get("title"))
    else:
        removed = []
        if not any(p.problem == "html_extractor_failed" for p in problems):
            problems.append(PageProblem("html_no_main_text", "trafilatura found no main text; the plain-text classifier decided alone", False))
    return Page(visible.text, encoding, metadata, tuple(removed), main_text, tuple(problems))


def page_fields(page: Page) -> dict[str, Any]:
    """What a Document carries for an HTML page (``Document.page``): JSON-serialisable."""
    return {
        **page.metadata,
        "removed": [list(r) for r in page.removed],
        "warnings": [[p.problem, p.message] for p in page.problems if not p.fatal],
        "main_text_sha256": hashlib.sha256(page.main_text.encode("utf-8")).hexdigest(),
    }


PAGE_COLUMNS = ("title", "author", "page_date", "site_name", "canonical_url", "page_language")


def page_columns(page: dict[str, Any] | None) -> dict[str, Any]:
    """The documents.csv columns of a page (all empty for text input)."""
    page = page or {}
    return {**{name: page.get(name) for name in PAGE_COLUMNS}, "page_date": page_date(page)}


def predecided_blocks(page: dict[str, Any] | None) -> list[tuple[int, int, str, tuple[tuple[str, float], ...]]]:
    """Pre-decided boilerplate spans for boilerplate.clean_document: (start, end, category, signals)."""
    return [(int(s), int(e), str(c), ((EXTRACTOR_SIGNAL, EXTRACTOR_WEIGHT),)) for s, e, c in (page or {}).get("removed", ())]


def page_date(page: dict[str, Any] | None) -> str | None:
    """The page's publication date as an ISO date, if the metadata has a valid one."""
    value = (page or {}).get("page_date")
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None
