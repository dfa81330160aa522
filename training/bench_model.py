#!/usr/bin/env python
"""Size, load time and nlp.pipe speed of a pipeline on German text.

Text: the raw text of the UD German GSD/PUD and GermEval held-out slices (news/wiki/web German), cut to
--sentences sentences. Speed = words (tokens) per second of `nlp.pipe(texts, batch_size=64)`, single process,
after one warm-up batch. Falls back to a built-in German sample if --data-dir is missing.

Usage: python training/bench_model.py --model models/de_pipeline_open [--data-dir ../shared/data]
"""
import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

FALLBACK = [
    "„Wir werden die Gespräche fortsetzen“, sagte Bundeskanzler Friedrich Merz am Montag in Berlin.",
    "Die EU-Kommission will bis 2030 rund 20 Mrd. Euro in KI-Gigafabriken investieren, z.B. in Bayern.",
    "US-Vizepräsident J.D. Vance erklärte, die Vereinigten Staaten seien bereit, 1.500 Soldaten zu entsenden.",
    "Nach Angaben der Polizei wurden drei Teilnehmer:innen der Demonstration leicht verletzt.",
    "Der Vorstandschef der Deutschen Bahn, Richard Lutz, sprach von einem schwierigen Jahr.",
]


def dir_size_mb(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total / 1e6


def load_texts(data_dir, n):
    try:
        import spacy

        import corpora

        nlp = spacy.blank("de")
        texts = []
        for _, d in corpora.ud_docs(nlp.vocab, data_dir, corpora.HELDOUT, group=1):
            texts.append(d.text.strip())
        for i, words, _ in corpora.read_germeval(data_dir):
            if corpora.split_of(i) == corpora.HELDOUT:
                texts.append(" ".join(words))
        return texts[:n]
    except (OSError, FileNotFoundError):
        return (FALLBACK * (n // len(FALLBACK) + 1))[:n]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="models/de_pipeline_open")
    ap.add_argument("--data-dir", default=str(HERE.parent.parent / "shared" / "data"))
    ap.add_argument("--sentences", type=int, default=500)
    ap.add_argument("--repeats", type=int, default=2)
    args = ap.parse_args()

    import spacy

    size = dir_size_mb(args.model)
    t = time.time()
    nlp = spacy.load(args.model)
    load_s = time.time() - t
    texts = load_texts(Path(args.data_dir), args.sentences)
    list(nlp.pipe(texts[:32]))  # warm-up
    best = None
    for _ in range(args.repeats):
        t = time.time()
        n_words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
        dt = time.time() - t
        wps = n_words / dt
        best = wps if best is None else max(best, wps)
    print(f"| model | {args.model} ({nlp.meta.get('name')} {nlp.meta.get('version')}) |")
    print("|---|---:|")
    print(f"| directory size | {size:.1f} MB |")
    print(f"| load time (spacy.load) | {load_s:.2f} s |")
    print(f"| nlp.pipe speed | {best:,.0f} words/s ({len(texts)} sentences, {n_words} words, best of {args.repeats}) |")
    print(f"| pipeline | {', '.join(nlp.pipe_names)} |")


if __name__ == "__main__":
    main()
