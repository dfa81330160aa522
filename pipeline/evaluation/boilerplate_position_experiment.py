"""Eighth round of issue 18: position and shape signals for the block classifier, measured and NOT merged.

    python -m pipeline.evaluation.boilerplate_position_experiment

Fourteen page-level features (``SIGNALS``) are appended to the shipped feature rows of every development block:
above the headline (the title slot), depth in the page head and foot, verbless fragments (no finite verb, no final
punctuation; ``fragment``), runs and windows of fragments, link-like title case (``title_case``), contact shapes
within three blocks, the share of sentences around the block, and furniture evidence (lexicon, reader address,
fragment runs) at the head and foot. The script prints the site-grouped out-of-fold frontier (rules OR model,
L2 1 and 10) and leave one part out with the shipped configuration, with and without the signals, and counts how
often position rules built from them would take junk against content. Results are in docs/boilerplate.md
("Eighth round"): no gain, so the shipped features and weights are unchanged. Needs numpy (as the training).
"""

from __future__ import annotations

import collections
import functools
import math
import re
from collections.abc import Sequence

from ..boilerplate import rules, train
from ..boilerplate.classifier import Model, load_model
from ..boilerplate.features import FEATURES

FINITE_VERBS_FILE = rules.RESOURCES / "boilerplate_finite_verbs.txt"
SIGNALS = (
    "above_title", "head_depth_log", "foot_depth_log", "fragment", "fragment_run_log", "fragment_window",
    "title_case", "title_case_window", "contact_window", "window_sentence_share", "head_lexicon", "foot_lexicon",
    "foot_address", "foot_fragment_run",
)
WINDOW = 3  # blocks on each side that the window features look at
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß][\w-]*")
# a lower-case word with the ending of a finite lexical verb in the 3rd person or the past ("sucht", "fordert",
# "meldete", "warnten"); "-en" is left out (infinitives, plurals and adjectives: "Aktien handeln", "neuen")
_FINITE_ENDING = re.compile(r"^[a-zäöüß]{2,}(?:t|te|ten|tet|st)$")
_ADDRESS = ("formal_address", "first_person", "publisher_voice")


@functools.lru_cache(maxsize=1)
def finite_verbs() -> frozenset[str]:
    """``resources/boilerplate_finite_verbs.txt``: finite auxiliary, modal and copula forms."""
    lines = FINITE_VERBS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@functools.lru_cache(maxsize=65536)
def fragment(text: str) -> bool:
    """A verbless fragment of at most 12 words: no final punctuation and no finite verb form (a menu item, tag,
    link text, rubric or name); "Polizei sucht Zeugen" has a finite verb, "Aktien handeln" has none."""
    stripped = rules._BULLET.sub("", text).strip()
    if not stripped or stripped.endswith((".", "!", "?", "…", ".“", "?“", "!“", ".\"", ";")):
        return False
    tokens = _WORD.findall(stripped)
    if not tokens or len(stripped.split()) > 12:
        return False
    finite, stop = finite_verbs(), rules._stopwords()
    for k, token in enumerate(tokens):
        lowered = token.lower()
        if lowered in finite or (k and token[0].islower() and lowered not in stop and _FINITE_ENDING.match(token)):
            return False
    return True


@functools.lru_cache(maxsize=65536)
def title_case(text: str) -> bool:
    """Link-like title case: two or more words besides function words, every one capitalised ("Kirchliche
    Zeitschriften", "Landtag Rheinland-Pfalz"); running text and headlines have lower-case verbs and adjectives."""
    tokens = _WORD.findall(text)
    stop = rules._stopwords()
    content = [t for t in tokens if t.lower() not in stop]
    return len(content) >= 2 and len(tokens) <= 10 and all(t[0].isupper() for t in content)


def _runs(flags: Sequence[bool]) -> list[int]:
    run, i, n = [0] * len(flags), 0, len(flags)
    while i < n:
        j = i
        while j < n and flags[j]:
            j += 1
        for k in range(i, j):
            run[k] = j - i
        i = max(j, i + 1)
    return run


def page_signals(blocks: Sequence[rules._Scored], shapes: Sequence[rules.Shape]) -> list[list[float]]:
    """``SIGNALS`` for every block of a page decided by the rule layer."""
    n = len(blocks)
    paragraphs = [i for i, s in enumerate(shapes) if s.sentence_like and s.words >= 12]
    first, last = (paragraphs[0], paragraphs[-1]) if paragraphs else (n, -1)
    top = rules._first_paragraph(list(shapes), blocks)
    title = rules._title_slot(list(blocks), list(shapes), top) if top < n else -1
    frag = [fragment(b.text) for b in blocks]
    titled = [title_case(b.text) for b in blocks]
    contact = [bool(s.contact_strong or s.contact_weak or s.name) for s in shapes]
    sentence = [s.sentence_like for s in shapes]
    run = _runs(frag)

    def window(values: Sequence[bool], i: int) -> float:
        around = [values[k] for k in range(max(0, i - WINDOW), min(n, i + WINDOW + 1)) if k != i]
        return sum(around) / len(around) if around else 0.0

    rows = []
    for i, b in enumerate(blocks):
        head, foot = i < first, i > last
        lexicon = min(sum(v for name, v in b.signals if name.startswith("lexicon:")), 8.0) / 8
        address = min(sum(v for name, v in b.signals if name in _ADDRESS), 4.0) / 4
        rows.append([
            float(0 <= title and i < title), math.log1p(first - i) / 3 if head and first < n else 0.0,
            math.log1p(i - last) / 3 if foot and last >= 0 else 0.0, float(frag[i]), math.log1p(run[i]) / 3,
            window(frag, i), float(titled[i]), window(titled, i),
            min(sum(contact[max(0, i - WINDOW):i + WINDOW + 1]), 4) / 4, window(sentence, i),
            lexicon * head, lexicon * foot, address * foot, math.log1p(run[i]) / 3 * foot,
        ])
    return rows


def _score(docs: list[train.Doc], weights, tau: float, names: tuple[str, ...]) -> dict:
    pages = [d for d in docs if d.source == "pages"]
    decisions = [train.decide(d, Model(names, tuple(weights[d.fold()][0]), weights[d.fold()][1], tau, False, True)) for d in pages]
    return train.metrics(pages, decisions)


def _lopo(docs: list[train.Doc], names: tuple[str, ...]) -> None:
    shipped = load_model()
    config = {"l2": shipped.l2, "features": "all", "threshold": shipped.threshold, "smoothing": shipped.smoothing,
              "rules_or_model": shipped.rules_or_model}
    total, hit, cats = collections.Counter(), collections.Counter(), collections.Counter()
    for part, (held, decisions) in train.leave_one_part_out(docs, config).items():
        m = train.metrics(held, decisions)
        print(f"  {part:<8} junk {m['junk_hit']}/{m['junk']} content lines removed {m['content_removed']} "
              f"paragraphs lost {m['paragraphs_lost']}")
        for key in ("junk_hit", "junk", "content_removed", "paragraphs_lost"):
            total[key] += m[key]
        for doc, removed in zip(held, decisions):
            for (label, _, _), r in zip(doc.lines, removed):
                if label != "content":
                    cats[label] += 1
                    hit[label] += r
    print(f"  all      junk {total['junk_hit']}/{total['junk']} content lines removed {total['content_removed']} "
          f"paragraphs lost {total['paragraphs_lost']}")
    print("  per category: " + "; ".join(f"{c} {hit[c]}/{cats[c]}" for c in sorted(cats)))


def _rule_counts(docs: list[train.Doc]) -> None:
    """Blocks the rules keep that position rules built from the signals would take: junk against content."""
    counts = collections.Counter()
    for d in (d for d in docs if d.source == "pages"):
        labels, blocks, n = d.block_labels(), d.scored, len(d.scored)
        rows = page_signals(blocks, d.shapes)
        for i, b in enumerate(blocks):
            if b.is_boilerplate or rules.PROTECTED_FLAGS & set(b.flags) or not rows[i][3]:
                continue
            tail = all(blocks[k].is_boilerplate or fragment(blocks[k].text) for k in range(i, n))
            head = all(blocks[k].is_boilerplate or fragment(blocks[k].text) for k in range(i + 1))
            if rows[i][2] and i == n - 1:
                counts[("last line of the page, a fragment below the last paragraph", labels[i])] += 1
            if rows[i][2] and tail:
                counts[("fragments (or removed lines) to the end of the page", labels[i])] += 1
            if rows[i][0] and head:
                counts[("above the headline, fragments (or removed lines) from the top", labels[i])] += 1
            if rows[i][0] and head and rows[i][6]:
                counts[("... and in title case", labels[i])] += 1
    for rule in dict.fromkeys(k for k, _ in counts):
        print(f"  {rule}: junk {counts[(rule, 1)]}, content {counts[(rule, 0)]}")


def main() -> int:
    docs = train.development_docs()
    names = FEATURES + SIGNALS
    print("candidate position rules (blocks the shipped rules keep):")
    _rule_counts(docs)
    for label, extended in (("shipped features", False), ("with the eighth-round signals", True)):
        if extended:
            for d in docs:
                d.rows = [row + extra for row, extra in zip(d.rows, page_signals(d.scored, d.shapes))]
        print(f"{label}: out-of-fold frontier (rules OR model, site-grouped 5 folds, pages)")
        for l2 in train.L2_GRID:
            weights = train.out_of_fold_weights(docs, l2, frozenset(names))
            for tau in (0.7, 0.8, 0.85, 0.9, 0.95):
                m = _score(docs, weights, tau, names if extended else FEATURES)
                print(f"  l2={l2:g} tau={tau:.2f}: content lines removed {m['content_removed']} of {m['content']}, "
                      f"paragraphs lost {m['paragraphs_lost']}, junk {m['junk_hit']}/{m['junk']}")
        print(f"{label}: leave one part out, shipped configuration")
        _lopo(docs, names if extended else FEATURES)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
