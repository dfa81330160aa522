"""The clean stage's entry points: blocks, rule layer, block classifier, context smoothing (issue 18).

For every document: ``rules.split_blocks`` cuts the raw text into blocks; the phrase layer and the structure
layer of ``rules.py`` score and decide each block; ``features.page_features`` turns the page into one feature
row per block; the logistic regression of ``classifier.py`` gives each block a probability of being page
furniture, and a block is removed when that probability reaches the model's threshold (and, with a model fitted
in ``rules_or_model`` mode, also when the rules removed it). A jusText-style context pass then smooths the
decisions: a short non-sentence block between two removed blocks goes with them; a sentence only the model
(not the rules) removed stays when both neighbours are article text. Date lines, bylines and captions are never
removed; blocks an HTML extractor decided before this stage stay removed.

Every decision is explained in the block's signals (``boilerplate.csv``): the rule signals, ``classifier=<p>``
and the three features that pushed the block most towards its side (``f:short_run_log=1.2``).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from . import rules
from .classifier import Model, load_model
from .features import FEATURES, page_features
from .rules import LINE_BREAKS, PREDECIDED_PROTECTED, PROTECTED_FLAGS, Block, CleanResult, Lexicon, _Scored

_SHIPPED = object()
# rule decisions for content that the classifier never overrides: a one-word marker the next paragraph takes up
KEEP_SIGNALS = frozenset({"topic_of_next_paragraph"}) | rules.KEPT_BY_STRUCTURE
# the model alone removes no sentence of this length or longer (an article paragraph, as the evaluation counts them)
MODEL_MAX_SENTENCE_CHARS = 100
_ABOVE = FEATURES.index("above_first_paragraph")
_BELOW = FEATURES.index("below_last_paragraph")
_TITLE = FEATURES.index("title_slot")

# A decision made before this stage (an HTML page's main-text extractor): (start, end, category, signals);
# spans do not overlap.
Predecided = tuple[int, int, str, Sequence[tuple[str, float]]]


def _predecided_for(start: int, end: int, text: str, predecided: Sequence[Predecided], ends: Sequence[int]) -> Predecided | None:
    """The pre-decided span covering most of the block, if together they cover at least half its characters.

    ``predecided`` is sorted by position and ``ends`` holds the end of each span, so only overlapping spans are seen."""
    size = len(text) - sum(map(str.isspace, text)) or 1
    covered, best, best_overlap = 0, None, 0
    for i in range(bisect.bisect_right(ends, start), len(predecided)):
        span = predecided[i]
        if span[0] >= end:
            break
        overlap = min(end, span[1]) - max(start, span[0])
        if overlap > 0:
            covered += overlap
            if overlap > best_overlap:
                best, best_overlap = span, overlap
    return best if best is not None and covered >= 0.5 * size else None


def rule_layer(
    raw_text: str,
    *,
    strip: bool = True,
    lexicon: Lexicon,
    repeated: frozenset[str] = frozenset(),
    predecided: Sequence[Predecided] = (),
) -> tuple[list[_Scored], list[bool], str | None]:
    """Blocks of ``raw_text`` decided by the rule layer (phrase layer, neighbours, page structure), the phrase
    layer's own decisions before the context passes, and the document date."""
    predecided = sorted(predecided, key=lambda span: (span[0], span[1]))
    predecided_ends = [span[1] for span in predecided]
    spans = rules.split_blocks(raw_text)
    n_chars = max(1, len(raw_text))
    scored: list[_Scored] = []
    date = dateline = None
    for start, end in spans:
        text = raw_text[start:end]
        flags, block_date, block_dateline = rules._metadata(text, lexicon)
        date = date or block_date
        if start < 400:
            dateline = dateline or block_dateline
        at_end = len(spans) >= 3 and start >= 0.7 * n_chars
        key = (text, at_end)
        if key not in lexicon.cache:
            if len(lexicon.cache) > 50_000:
                lexicon.cache.clear()
            lexicon.cache[key] = rules._score(text, lexicon, at_end=at_end)
        signals, category, strongest = lexicon.cache[key]
        item = _Scored(start, end, text, tuple(flags), list(signals), category, own_score=0.0, strongest=strongest)
        item.own_score = item.score
        item.is_boilerplate = strip and rules._decide(item, lexicon)
        decided = _predecided_for(start, end, text, predecided, predecided_ends) if strip and predecided else None
        if decided is not None and not PREDECIDED_PROTECTED & set(flags):
            verdict = "classifier_boilerplate" if item.is_boilerplate else "classifier_content"
            item.flags = (*item.flags, verdict)
            item.category = category if item.is_boilerplate and category != "other" else decided[2]
            item.signals = [*decided[3], *item.signals]
            item.is_boilerplate = True
            item.predecided = True
        scored.append(item)
    phrase_removed = [b.is_boilerplate for b in scored]
    if strip:
        rules._neighbour_pass(scored, lexicon)
        rules._structure_pass(scored, lexicon, repeated)
        rules._neighbour_pass(scored, lexicon)
        for item in scored:
            # the context passes may turn a short block into content; an HTML extractor's decision stands
            if item.predecided:
                item.is_boilerplate = True
    return scored, phrase_removed, date or dateline


def clean_documents(
    raw_texts: Sequence[str],
    *,
    strip: bool = True,
    lexicon: Lexicon | None = None,
    predecided: Sequence[Sequence[Predecided]] | None = None,
    model: Model | None | object = _SHIPPED,
) -> list[CleanResult]:
    """``clean_document`` for every text of a run, with the lines repeated across the run's documents as extra
    evidence of site furniture (see ``rules.repeated_lines``)."""
    repeated = rules.repeated_lines(raw_texts) if strip else frozenset()
    spans = predecided if predecided is not None else [()] * len(raw_texts)
    return [
        clean_document(text, strip=strip, lexicon=lexicon, repeated=repeated, predecided=p, model=model)
        for text, p in zip(raw_texts, spans)
    ]


def _category_for(block: _Scored, shape: rules.Shape, row_above_first: bool, row_below_last: bool) -> str:
    lexical = [n.split(":", 1)[1] for n, v in block.signals if n.startswith("lexicon:") and v > 0]
    if lexical:
        return lexical[0]
    if shape.contact_strong or shape.contact_weak:
        return "contact"
    if shape.widget:
        return "other"
    if shape.headline and row_below_last:
        return "teaser"
    if shape.short_item or row_above_first:
        return "navigation"
    return "other"


def _classify(
    scored: list[_Scored], phrase_removed: list[bool], n_chars: int, repeated: frozenset[str], model: Model,
    shapes: list[rules.Shape] | None = None, rows: list[list[float]] | None = None, lexicon: Lexicon | None = None,
) -> list[float]:
    """Decide every block by the model (and the context pass); ``shapes``/``rows`` may be given precomputed
    (the training command scores the same page many times)."""
    lexicon = lexicon or rules.load_lexicon()
    shapes = shapes if shapes is not None else [rules.block_shape(b.text) for b in scored]
    rows = rows if rows is not None else page_features(scored, shapes, phrase_removed, n_chars, repeated)
    probabilities = []
    model_only = [False] * len(scored)
    for i, (block, shape, row) in enumerate(zip(scored, shapes, rows)):
        p = model.probability(row)
        probabilities.append(p)
        if block.predecided:
            continue
        signals = [s for s in block.signals if not s[0].startswith("f:")] + [("classifier", round(p, 3))]
        signals += [(f"f:{name}", value) for name, value in model.explain(row)]
        block.signals = signals
        if PROTECTED_FLAGS & set(block.flags) or any(n in KEEP_SIGNALS for n, _ in block.signals):
            block.is_boilerplate = False
            continue
        if row[_TITLE] and not block.is_boilerplate:
            continue  # the line that titles the first paragraph stays, however short (as in the rules)
        if not block.is_boilerplate and rules.prose_protected(block, lexicon):
            continue  # article prose the rules kept: only phrases running through it remove it, never the model
        if not block.is_boilerplate and shape.sentence_like and len(block.text) >= MODEL_MAX_SENTENCE_CHARS:
            continue  # an article paragraph (a sentence of 100 characters or more) goes only by the rules' evidence
        if not block.is_boilerplate and _unfinished(block, shape):
            continue  # "Liebe Leserinnen, liebe Leser," continues in the next block: running text
        if not block.is_boilerplate and shape.widget == "time" and i > 0 and "date" in scored[i - 1].flags:
            continue  # the time under a date line ("Jun 12 2023" / "11:09") is part of the dateline
        removed = p >= model.threshold or (model.rules_or_model and block.is_boilerplate)
        if removed and not block.is_boilerplate:
            model_only[i] = True
            block.category = _category_for(block, shape, row[_ABOVE], row[_BELOW])
        block.is_boilerplate = removed
    if model.smoothing:
        _smooth(scored, shapes, model_only, [bool(row[_TITLE]) for row in rows])
    return probabilities


def _unfinished(block: _Scored, shape: rules.Shape) -> bool:
    """A line of two words or more that ends in a comma: a salutation or the first part of a sentence."""
    return shape.words >= 2 and block.text.rstrip().endswith(",")


def _smooth(scored: list[_Scored], shapes: list[rules.Shape], model_only: list[bool], title: list[bool]) -> None:
    """jusText-style context: a short block between junk is junk; a sentence the model alone removed between two
    article blocks is article text."""
    n = len(scored)
    for i in range(1, n - 1):
        block, shape = scored[i], shapes[i]
        if block.predecided or PROTECTED_FLAGS & set(block.flags) or title[i]:
            continue
        if any(n in KEEP_SIGNALS for n, _ in block.signals):
            continue
        before, after = scored[i - 1].is_boilerplate, scored[i + 1].is_boilerplate
        # (a consent banner above frames the page's title, as in rules._sandwiched)
        banner = scored[i - 1].category in rules.BANNER_CATEGORIES and not rules._lexicon_positive(block)
        if not block.is_boilerplate and before and after and shape.words <= 4 and not shape.sentence_like and not _unfinished(block, shape) and not banner:
            block.is_boilerplate = True
            block.category = scored[i - 1].category
            block.signals = block.signals + [("context_junk", 1.0)]
        elif block.is_boilerplate and model_only[i] and not before and not after and shape.sentence_like:
            block.is_boilerplate = False
            block.signals = block.signals + [("context_content", -1.0)]


def clean_document(
    raw_text: str,
    *,
    strip: bool = True,
    lexicon: Lexicon | None = None,
    repeated: frozenset[str] = frozenset(),
    predecided: Sequence[Predecided] = (),
    model: Model | None | object = _SHIPPED,
) -> CleanResult:
    """Blocks of ``raw_text`` with their boilerplate decision, the cleaned text and the document date.

    With ``strip=False`` every block is content (signals and flags are still computed and reported).
    ``repeated``: normalised lines that recur across the documents of the run (``rules.repeated_lines``).
    ``model``: the block classifier (default: the shipped weights); ``None`` decides by the rules alone.
    ``predecided`` spans (from html_input) make the blocks they mostly cover boilerplate with the given category
    and signals; this classifier still scores those blocks, its own verdict is kept in their flags
    (``classifier_boilerplate`` / ``classifier_content``), and it alone decides every other block. Date lines
    and bylines stay content (``PREDECIDED_PROTECTED``)."""
    lexicon = lexicon or rules.load_lexicon()
    if model is _SHIPPED:
        model = load_model()
    scored, phrase_removed, date = rule_layer(raw_text, strip=strip, lexicon=lexicon, repeated=repeated, predecided=predecided)
    if strip and model is not None:
        _classify(scored, phrase_removed, max(1, len(raw_text)), repeated, model, lexicon=lexicon)
        for item in scored:
            # the classifier and the context pass may turn a short block into content; an HTML extractor's
            # decision stands
            if item.predecided:
                item.is_boilerplate = True
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
    return CleanResult(blocks=blocks, clean_text="".join(chars), date=date)
