"""Experiment (issue 18, sixth round): do lexical features of short lines help the block classifier?

Position and shape cannot tell a site's menu word ("Aktuelles", "Service", "Mediathek") from a short title or
kicker ("Rechtsprechung", "Haushalt 2025"). German site furniture shares a closed-ish vocabulary across sites,
short titles use open-class content words. This script adds lexical features for *short lines only*
(``features._short``: at most 6 words, not running text) to the shipped feature set and measures them the way
``python -m pipeline.boilerplate.train --leave-one-part-out`` measures the shipped model (same L2, feature set,
combination with the rules, smoothing and threshold, read from ``resources/boilerplate_model.tsv``).

Variants (``--variant``):

* ``vocab``: a furniture vocabulary **learned inside the fold** from the training documents' short blocks: per
  lower-cased word, the number of *sites* (not lines, so one site's menu repeated on ten pages counts once) where
  it occurs in a junk short block and in a content short block; smoothed log-odds
  ``log((junk_sites + 1) / (content_sites + 1))`` for words seen on at least ``MIN_SITES`` sites. Features: share
  of the line's words with log-odds > 0, the largest and the smallest log-odds (scaled), share of words the
  vocabulary does not know (open-class words of one title are mostly unseen).
* ``hash``: hashed lower-cased word unigrams of short lines in ``HASH_BUCKETS`` buckets (count / words); their
  weights are fitted by the logistic regression on the training parts only.
* ``both``: both groups.
* ``vocab_outside``: the ``vocab`` features only for short lines outside the main-content region (above the first
  or below the last paragraph, feature ``in_region`` = 0), where menus sit; 0 inside it.

Leave one part out: for each real-page part, the vocabulary and the weights are fitted on every other part and the
snippets; the held-out part never enters either. ``--cv`` additionally prints the site-grouped 5-fold
cross-validation of the training command (vocabulary fitted per fold as well). ``--thresholds`` sweeps tau.

Run: ``python eval/realpages/lexical_features_experiment.py [--variant none|vocab|hash|both|vocab_outside] [--cv] [--thresholds]``.
Result (2026-12-02): see docs/boilerplate.md, "Lexical features experiment".
"""

from __future__ import annotations

import argparse
import hashlib
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pipeline.boilerplate import rules, train  # noqa: E402
from pipeline.boilerplate.classifier import MODEL_FILE, Model, fit, read_model  # noqa: E402
from pipeline.boilerplate.features import FEATURES, _short  # noqa: E402

_WORD = re.compile(r"[A-Za-zÄÖÜäöüß][\w-]*")
MIN_SITES = 2
HASH_BUCKETS = 64
VOCAB_FEATURES = ("bow_furniture_share", "bow_max_logodds", "bow_min_logodds", "bow_unknown_share")


def _words(text: str) -> list[str]:
    stop = rules._stopwords()
    return [w.lower() for w in _WORD.findall(text) if w.lower() not in stop]


def learn_vocabulary(docs: list[train.Doc]) -> dict[str, float]:
    """Smoothed junk-vs-content log-odds per word, counted in sites, over the short blocks of ``docs``."""
    junk: dict[str, set[str]] = defaultdict(set)
    content: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        for block, shape, label in zip(d.scored, d.shapes, d.block_labels()):
            if not _short(shape):
                continue
            for w in set(_words(block.text)):
                (junk if label else content)[w].add(d.group)
    vocab = {}
    for w in set(junk) | set(content):
        j, c = len(junk.get(w, ())), len(content.get(w, ()))
        if j + c >= MIN_SITES:
            vocab[w] = math.log((j + 1) / (c + 1))
    return vocab


def vocab_row(text: str, shape, vocab: dict[str, float]) -> list[float]:
    if not _short(shape):
        return [0.0] * len(VOCAB_FEATURES)
    words = _words(text)
    if not words:
        return [0.0] * len(VOCAB_FEATURES)
    scores = [vocab[w] for w in words if w in vocab]
    return [
        sum(s > 0 for s in scores) / len(words),
        max(min(max(scores, default=0.0), 3.0), 0.0) / 3,
        max(min(min(scores, default=0.0), 0.0), -3.0) / -3,
        sum(w not in vocab for w in words) / len(words),
    ]


def hash_row(text: str, shape) -> list[float]:
    row = [0.0] * HASH_BUCKETS
    if not _short(shape):
        return row
    words = _words(text)
    for w in words:
        row[int(hashlib.md5(w.encode("utf-8")).hexdigest(), 16) % HASH_BUCKETS] += 1.0 / len(words)
    return row


def extra_names(variant: str) -> tuple[str, ...]:
    names: tuple[str, ...] = ()
    if variant in ("vocab", "both", "vocab_outside"):
        names += VOCAB_FEATURES
    if variant in ("hash", "both"):
        names += tuple(f"bow_hash_{i}" for i in range(HASH_BUCKETS))
    return names


def augmented(doc: train.Doc, variant: str, vocab: dict[str, float]) -> list[list[float]]:
    out = []
    region = FEATURES.index("in_region")
    for row, block, shape in zip(doc.rows, doc.scored, doc.shapes):
        extra: list[float] = []
        if variant in ("vocab", "both"):
            extra += vocab_row(block.text, shape, vocab)
        if variant == "vocab_outside":
            extra += [0.0 if row[region] else v for v in vocab_row(block.text, shape, vocab)]
        if variant in ("hash", "both"):
            extra += hash_row(block.text, shape)
        out.append(list(row) + extra)
    return out


def _fit(docs, rows_of, l2):
    rows, labels = [], []
    for d in docs:
        rows += rows_of[id(d)]
        labels += d.block_labels()
    return fit(rows, labels, l2=l2)


def _decide(doc, rows, model):
    saved = doc.rows
    doc.rows = rows
    try:
        return train.decide(doc, model)
    finally:
        doc.rows = saved


def run_split(train_docs, held_docs, variant, config, thresholds):
    """Decisions on ``held_docs`` per threshold, vocabulary and weights from ``train_docs`` only."""
    names = FEATURES + extra_names(variant)
    if variant == "none":
        rows_of = {id(d): d.rows for d in train_docs + held_docs}
    else:
        vocab = learn_vocabulary(train_docs) if variant in ("vocab", "both", "vocab_outside") else {}
        rows_of = {id(d): augmented(d, variant, vocab) for d in train_docs + held_docs}
    w, b = _fit(train_docs, rows_of, config["l2"])
    out = {}
    for tau in thresholds:
        model = Model(names, tuple(w), b, tau, config["smoothing"], config["rules_or_model"])
        out[tau] = [_decide(d, rows_of[id(d)], model) for d in held_docs]
    return out


def ceiling(docs, config, tau) -> None:
    """Short labelled lines that the shipped feature set keeps out of part, by what the fold vocabulary knows of
    their words: 'furniture' (a word with log-odds > 0), 'content' (known words, all <= 0), 'unknown' (no word
    seen on MIN_SITES sites). Only the first group can be reached by the vocabulary."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for part in sorted({d.part for d in docs if d.source == "pages"}):
        held = [d for d in docs if d.part == part]
        rest = [d for d in docs if d.part != part]
        vocab = learn_vocabulary(rest)
        decisions = run_split(rest, held, "none", config, (tau,))[tau]
        for d, removed in zip(held, decisions):
            for (label, s, e), r in zip(d.lines, removed):
                text = d.text[s:e]
                if r or not _short(rules.block_shape(text)):
                    continue
                words = _words(text)
                kind = ("furniture" if any(vocab.get(w, 0.0) > 0 for w in words)
                        else "content" if any(w in vocab for w in words) else "unknown")
                counts[("junk" if label != "content" else "content", kind)] += 1
    for label in ("junk", "content"):
        print(f"kept short {label} lines (LOPO, shipped features): "
              + ", ".join(f"{k} {counts[(label, k)]}" for k in ("furniture", "content", "unknown")))


def main(argv: list[str] | None = None) -> int:
    global MIN_SITES
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variant", default="vocab", choices=("none", "vocab", "hash", "both", "vocab_outside"))
    parser.add_argument("--cv", action="store_true", help="also the site-grouped 5-fold cross-validation")
    parser.add_argument("--thresholds", action="store_true", help="sweep tau (0.95 ... 0.50)")
    parser.add_argument("--min-sites", type=int, default=MIN_SITES, help="sites a word needs to enter the vocabulary")
    parser.add_argument("--ceiling", action="store_true",
                        help="short lines the shipped features keep (LOPO): how many carry a furniture word of the fold vocabulary")
    parser.add_argument("--show-vocabulary", type=int, default=0, help="print the N most furniture-like words (all data)")
    args = parser.parse_args(argv)
    MIN_SITES = args.min_sites
    shipped = read_model(MODEL_FILE)
    config = {"l2": shipped.l2, "smoothing": shipped.smoothing, "rules_or_model": shipped.rules_or_model}
    if not shipped.rule_evidence:
        raise SystemExit("the shipped model is fitted without rule evidence; this script assumes all features")
    taus = (0.95, 0.9, 0.8, 0.7, 0.6, 0.5) if args.thresholds else (shipped.threshold,)
    docs = train.development_docs()
    if args.show_vocabulary:
        vocab = learn_vocabulary(docs)
        top = sorted(vocab.items(), key=lambda kv: -kv[1])[: args.show_vocabulary]
        print("furniture-like:", ", ".join(f"{w} {s:.2f}" for w, s in top))
        low = sorted(vocab.items(), key=lambda kv: kv[1])[: args.show_vocabulary]
        print("content-like:", ", ".join(f"{w} {s:.2f}" for w, s in low))
    print(f"variant {args.variant} (min sites {MIN_SITES}); l2={config['l2']:g} smoothing={config['smoothing']} rules_or_model={config['rules_or_model']}")
    parts = sorted({d.part for d in docs if d.source == "pages"})
    total: dict[float, list] = defaultdict(lambda: [[], []])
    for part in parts:
        held = [d for d in docs if d.part == part]
        rest = [d for d in docs if d.part != part]
        for tau, decisions in run_split(rest, held, args.variant, config, taus).items():
            m = train.metrics(held, decisions)
            total[tau][0] += held
            total[tau][1] += decisions
            print(f"LOPO tau={tau:.2f} {part:<8}: content kept {m['content_kept']:.4f} ({m['content_removed']} of {m['content']} "
                  f"lines removed, chars {m['chars_kept']:.4f}, paragraphs lost {m['paragraphs_lost']}), junk removed "
                  f"{m['junk_removed']:.3f} ({m['junk_hit']}/{m['junk']})")
    for tau, (held, decisions) in sorted(total.items(), reverse=True):
        m = train.metrics(held, decisions)
        print(f"LOPO tau={tau:.2f} all parts: content kept {m['content_kept']:.4f} ({m['content_removed']} of {m['content']} lines "
              f"removed, chars {m['chars_kept']:.4f}, paragraphs lost {m['paragraphs_lost']}), junk removed "
              f"{m['junk_removed']:.3f} ({m['junk_hit']}/{m['junk']})")
    if args.ceiling:
        ceiling(docs, config, shipped.threshold)
    if args.cv:
        cv: dict[float, list] = defaultdict(lambda: [[], []])
        for k in range(train.FOLDS):
            held = [d for d in docs if d.fold() == k]
            rest = [d for d in docs if d.fold() != k]
            for tau, decisions in run_split(rest, held, args.variant, config, taus).items():
                cv[tau][0] += held
                cv[tau][1] += decisions
        for tau, (held, decisions) in sorted(cv.items(), reverse=True):
            pages = [i for i, d in enumerate(held) if d.source == "pages"]
            snips = [i for i, d in enumerate(held) if d.source == "snippets"]
            m = train.metrics([held[i] for i in pages], [decisions[i] for i in pages])
            s = train.metrics([held[i] for i in snips], [decisions[i] for i in snips])
            print(f"CV tau={tau:.2f}: content kept {m['content_kept']:.4f} ({m['content_removed']} lines removed, paragraphs lost "
                  f"{m['paragraphs_lost']}), junk removed {m['junk_removed']:.3f} ({m['junk_hit']}/{m['junk']}); snippets content "
                  f"kept {s['content_kept']:.3f} (paragraphs lost {s['paragraphs_lost']}), junk {s['junk_removed']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
