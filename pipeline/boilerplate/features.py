"""Per-block features of the block classifier (issue 18): jusText-style shape, position, neighbours, repetition.

The rule layer (``rules.py``) has already scored and decided every block; its evidence enters the classifier as
features next to plain-text shape features that no phrase list knows word by word:

* **shape** (jusText): length class, function-word (stop-word) density, sentence-likeness, final punctuation,
  a final colon, share of lower-case and capitalised words, digits and symbols, a verb-like lower-case word
  (German nouns are capitalised, so a line without any lower-case word other than function words is a name,
  a menu entry or a title), bullets, all capitals, contact data (phone, e-mail, street, postcode, a name);
* **rules**: the phrase layer's score parts (lexicon weight, strongest phrase, counter-evidence of news
  reporting, reader address, calls to action, links, formula lines) and which structure rule fired;
* **position**: relative offset, above the first paragraph, below the last one, first/last blocks;
* **neighbours**: the shape and rule decision of the blocks before and after, and the length of the run of
  short non-sentence blocks the block sits in (menus are runs of short items);
* **repetition**: the line recurs in other documents of the run (site furniture) or twice in the document.

``FEATURES`` names the columns in order; the weights file names the same features, so a feature added here
without retraining is an error at load time (``classifier.load_model``)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from operator import itemgetter

from . import rules
from .rules import PROTECTED_FLAGS, Shape, _Scored

STRUCTURE_SIGNALS = ("contact_box", "menu_run", "page_head", "teaser_run", "widget", "about_run", "repeated", "sandwiched",
                     # third round (issue 18): scrambled paywall text, teaser counters, glued fact boxes, in-page repeats
                     "scrambled", "counter_tail", "glued_run", "repeated_in_page",
                     # sixth round: read-on links, image alternative texts, download links, tables of contents
                     "read_on", "alt_text", "download_link", "contents", "control", "skip_links", "doubled", "domain_line", "run_gap", "contact_sentence")

# phrase evidence per family of categories (the lexicon weight alone does not say a paywall from a menu word)
LEXICON_GROUPS: dict[str, tuple[str, ...]] = {
    "subscription": ("subscription",),
    "consent": ("consent", "cookie", "privacy"),
    "navigation": ("navigation", "social"),
    "teaser": ("teaser",),
    "advertising": ("advertising", "newsletter"),
    "contact": ("contact", "about"),
    "other": ("other", "credit"),
}

FEATURES: tuple[str, ...] = (
    # shape of the block itself
    "words_log", "chars_lt_40", "chars_40_150", "stop_density", "no_function_word", "sentence_like",
    "final_punctuation", "final_colon", "short_item", "headline", "widget", "lower_share", "capital_share",
    "digit_share", "symbol_share", "verb_like", "contact_strong", "contact_weak", "person_name", "bullet",
    "all_capitals", "heading_flag",
    # repetition
    "repeated_in_run", "repeated_in_document",
    # rule layer
    "rule_removed", "phrase_removed", "lexicon_weight", "strongest_phrase", "news_reporting", "reader_address",
    "imperative", "links", "formula_line", "menu_line", "label_prefix", "quotation",
    *(f"rule_{name}" for name in STRUCTURE_SIGNALS),
    # position
    "relative_position", "above_first_paragraph", "below_last_paragraph", "first_block", "last_block", "title_slot",
    # neighbours
    "prev_short", "next_short", "prev_sentence", "next_sentence", "prev_removed", "next_removed",
    "short_run_log", "prev_words_log", "next_words_log",
    # second round (issue 18): which kind of phrase evidence, the main-content region, run shape, data rows,
    # link-text shape, the kind of page
    *(f"lex_{name}" for name in LEXICON_GROUPS),
    "in_region", "paragraph_distance_log", "run_tiny_share", "run_headline_share", "separators", "link_tail",
    "domain_like", "label_line", "data_row", "after_label", "page_sentence_share", "block_index_log",
)

_WORD = re.compile(r"[A-Za-zÄÖÜäöüß][\w-]*")
_VERB_LIKE = re.compile(r"^[a-zäöüß][a-zäöüß]{2,}(?:t|te|ten|tet|en)$")  # "sagte", "berichtet", "gewinnen"
_LINK_SIGNALS = ("links",)
_ADDRESS_SIGNALS = ("formal_address", "first_person", "publisher_voice")


def _short(shape: Shape) -> bool:
    return shape.words <= 6 and not shape.sentence_like


def _own(block: _Scored, shape: Shape) -> list[float]:
    text = block.text.strip()
    tokens = _WORD.findall(text)
    stop = rules._stopwords()
    lower = sum(map(str.islower, map(itemgetter(0), tokens)))
    capital = len(tokens) - lower
    # the characters but whitespace (str.split() splits at exactly the str.isspace characters)
    dense = "".join(text.split()) or " "
    digits = sum(map(str.isdigit, dense))
    symbols = len(dense) - sum(map(str.isalnum, dense))
    verb_like = sum(t.lower() not in stop for t in filter(_VERB_LIKE.match, tokens[1:]))
    letters = "".join(filter(str.isalpha, text))
    return [
        math.log1p(shape.words) / 5,
        float(len(text) < 40),
        float(40 <= len(text) < 150),
        shape.stop_density,
        float(shape.stopwords == 0),
        float(shape.sentence_like),
        float(text.endswith((".", "!", "?", "…", ".“", ".\"", "!“", "?“"))),
        float(text.endswith(":")),
        float(shape.short_item),
        float(shape.headline),
        float(bool(shape.widget)),
        lower / len(tokens) if tokens else 0.0,
        capital / len(tokens) if tokens else 0.0,
        digits / len(dense),
        symbols / len(dense),
        min(verb_like, 3) / 3,
        float(shape.contact_strong > 0),
        float(shape.contact_weak > 0),
        float(shape.name),
        float(bool(rules._BULLET.match(text))),
        float(len(letters) >= 3 and all(map(str.isupper, letters))),
        float("heading" in block.flags),
    ]


def _rule_part(block: _Scored, phrase_removed: bool) -> list[float]:
    lexicon = sum(v for n, v in block.signals if n.startswith("lexicon:"))
    # per signal name the sum of its values, added in signal order (one pass instead of one per name)
    totals: dict[str, float] = {}
    for n, v in block.signals:
        totals[n] = totals.get(n, 0) + v
    signal = totals.get
    return [
        float(block.is_boilerplate),
        float(phrase_removed),
        min(lexicon, 8.0) / 8,
        min(block.strongest, 4.0) / 4,
        min(-signal("news_reporting", 0), 4.0) / 4,
        min(sum(signal(n, 0) for n in _ADDRESS_SIGNALS), 4.0) / 4,
        min(signal("imperative", 0), 2.0) / 2,
        min(sum(signal(n, 0) for n in _LINK_SIGNALS), 2.0) / 2,
        min(signal("formula_line", 0), 2.0) / 2,
        float(signal("menu_line", 0) > 0),
        float(signal("label_prefix", 0) > 0),
        float(signal("quotation", 0) < 0),
        *(float(name in totals) for name in STRUCTURE_SIGNALS),
    ]


_SEPARATOR = re.compile(r"\s[|·•›»/>]\s|>>>|\s\|\s?|»\s*$")
_LINK_TAIL = re.compile(r"(?:…|\.\.\.|»|>>>|→|›)\s*$|\b(?:weiterlesen|mehr|read more)\s*[»›>…]*\s*$", re.IGNORECASE)
_DOMAIN = re.compile(r"\b[\w-]+\.(?:de|com|net|org|at|ch|eu|info|online)\b", re.IGNORECASE)


def _lexicon_groups(block: _Scored) -> list[float]:
    weights: dict[str, float] = {}
    for name, value in block.signals:
        if name.startswith("lexicon:"):
            weights[name.split(":", 1)[1]] = value
    if not weights:
        return [0.0] * len(LEXICON_GROUPS)
    return [min(sum(weights.get(c, 0.0) for c in cats), 4.0) / 4 for cats in LEXICON_GROUPS.values()]


def page_features(
    blocks: Sequence[_Scored],
    shapes: Sequence[Shape],
    phrase_removed: Sequence[bool],
    n_chars: int,
    repeated: frozenset[str] = frozenset(),
) -> list[list[float]]:
    """One feature row (in ``FEATURES`` order) per block of a document, after the rule layer has run."""
    n = len(blocks)
    paragraphs = [i for i, s in enumerate(shapes) if s.sentence_like and s.words >= 12]
    first = paragraphs[0] if paragraphs else n
    last = paragraphs[-1] if paragraphs else -1
    top = rules._first_paragraph(list(shapes), blocks)
    title = rules._title_slot(list(blocks), list(shapes), top) if top < n else -1
    keys = [rules.normalise_line(b.text) for b in blocks]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    # the run of short non-sentence blocks each block belongs to: its length, and its share of one-or-two-word
    # items (menus) and of headlines (teaser lists)
    run = [0] * n
    run_tiny = [0.0] * n
    run_headline = [0.0] * n
    i = 0
    while i < n:
        if not _short(shapes[i]):
            i += 1
            continue
        j = i
        while j < n and _short(shapes[j]):
            j += 1
        tiny = sum(shapes[k].words <= 2 for k in range(i, j)) / (j - i)
        heads = sum(shapes[k].headline for k in range(i, j)) / (j - i)
        for k in range(i, j):
            run[k], run_tiny[k], run_headline[k] = j - i, tiny, heads
        i = j
    data_rows = rules._data_rows(blocks, shapes)
    labels = [rules._is_label(b, s) for b, s in zip(blocks, shapes)]
    sentence_share = sum(s.sentence_like for s in shapes) / max(1, n)
    rows = []
    for i, (block, shape) in enumerate(zip(blocks, shapes)):
        prev = shapes[i - 1] if i > 0 else None
        nxt = shapes[i + 1] if i + 1 < n else None
        row = _own(block, shape)
        row += [float(keys[i] in repeated), float(counts[keys[i]] > 1)]
        row += _rule_part(block, phrase_removed[i])
        row += [
            block.start / max(1, n_chars),
            float(i < first),
            float(i > last),
            float(i == 0),
            float(i == n - 1),
            float(i == title),
        ]
        row += [
            float(prev is not None and _short(prev)),
            float(nxt is not None and _short(nxt)),
            float(prev is not None and prev.sentence_like),
            float(nxt is not None and nxt.sentence_like),
            float(i > 0 and blocks[i - 1].is_boilerplate),
            float(i + 1 < n and blocks[i + 1].is_boilerplate),
            math.log1p(run[i]) / 3,
            math.log1p(prev.words) / 5 if prev else 0.0,
            math.log1p(nxt.words) / 5 if nxt else 0.0,
        ]
        text = block.text.strip()
        distance = min((abs(i - k) for k in paragraphs), default=n)
        row += _lexicon_groups(block)
        row += [
            float(first < i < last),
            math.log1p(distance) / 3,
            run_tiny[i],
            run_headline[i],
            min(len(_SEPARATOR.findall(text)), 4) / 4,
            float(bool(_LINK_TAIL.search(text))),
            float(bool(_DOMAIN.search(text)) and shape.words <= 6),
            float(labels[i]),
            float(i in data_rows),
            float(i > 0 and labels[i - 1]),
            sentence_share,
            math.log1p(i) / 5,
        ]
        rows.append(row)
    assert not rows or len(rows[0]) == len(FEATURES)
    return rows


def protected(block: _Scored) -> bool:
    return bool(PROTECTED_FLAGS & set(block.flags))
