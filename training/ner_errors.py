#!/usr/bin/env python
"""Error analysis of one NER label on a GermEval 2014 slice: missed and spurious entities, grouped by shape.

Shapes (first match wins): acronym ("BKA", "IG Metall" counts as acronym+name), legal form ("... GmbH", "AG"),
public body by suffix (-amt, -ministerium, -agentur, -verband, -zentrale, -behörde, -bank, ...), "Bundes-"/"Landes-"
body, party/union/club, media title, multi-word name, single word. A missed entity is also marked
"label confusion" when the model found the same span with another label, "boundary" when it overlaps a predicted
span of the same label.

Usage: python training/ner_errors.py --model models/de_pipeline_open --split dev [--label ORG] [--show 40]
The held-out slice may be analysed (descriptive counts for docs/model.md), never used to choose patterns.
"""
import argparse
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

LEGAL = re.compile(r"\b(GmbH|AG|SE|KG|KGaA|OHG|e\.\s?V\.|eG|Inc\.?|Ltd\.?|LLC|Corp\.?|S\.A\.|plc|N\.V\.|Co\.)$|\b(GmbH|AG)\b")
BODY = re.compile(r"(amt|ämter|ministerium|agentur|verband|verbände|zentrale|behörde|bank|kammer|gericht|gerichtshof|"
                  r"anstalt|institut|stiftung|kommission|rat|bund|gewerkschaft|polizei|konzern|gruppe|verein|"
                  r"partei|akademie|universität|hochschule|klinik|klinikum|werk|werke|zeitung|rundfunk|fernsehen)s?$",
                  re.I)
PREFIX = re.compile(r"^(Bundes|Landes|Staats|Europäische|Deutsche|Internationale|Vereinte)", re.I)
MEDIA = re.compile(r"(Zeitung|Spiegel|Welt|Zeit|Bild|Tagesschau|heute|Allgemeine|Rundschau|Post|Kurier|Anzeiger|"
                   r"Blatt|Magazin|Times|News|Radio|TV|ARD|ZDF|RTL|SAT\.1|dpa|AFP|Reuters)", re.I)
ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ0-9&\-]{1,7}$")


def shape(text):
    words = text.split()
    if LEGAL.search(text):
        return "legal form"
    if any(ACRONYM.match(w) for w in words):
        return "acronym"
    if any(PREFIX.match(w) for w in words) and any(BODY.search(w) for w in words):
        return "Bundes-/Landes-/... body"
    if any(BODY.search(w) for w in words):
        return "body suffix (-amt, -verband, ...)"
    if MEDIA.search(text):
        return "media"
    return "multi-word name" if len(words) > 1 else "single word"


def main():
    import spacy

    import corpora

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="models/de_pipeline_open")
    ap.add_argument("--data-dir", default="../shared/data")
    ap.add_argument("--split", default="dev", choices=["dev", "heldout"])
    ap.add_argument("--label", default="ORG")
    ap.add_argument("--show", type=int, default=30)
    args = ap.parse_args()
    nlp = spacy.load(args.model)
    split = corpora.DEV if args.split == "dev" else corpora.HELDOUT
    refs = list(corpora.germeval_docs(nlp.vocab, Path(args.data_dir), split))
    missed, spurious, n_gold, n_pred, tp = [], [], 0, 0, 0
    for ref, doc in zip(refs, nlp.pipe([r.text for r in refs], batch_size=64)):
        gold = {(e.start_char, e.end_char): e.label_ for e in ref.ents}
        pred = {(e.start_char, e.end_char): e.label_ for e in doc.ents}
        for (s, e), lab in gold.items():
            if lab != args.label:
                continue
            n_gold += 1
            if pred.get((s, e)) == lab:
                tp += 1
                continue
            why = "not found"
            if (s, e) in pred:
                why = f"labelled {pred[(s, e)]}"
            elif any(ps < e and s < pe for (ps, pe) in pred):
                why = "boundary"
            missed.append((shape(ref.text[s:e]), why, ref.text[s:e], ref.text))
        for (s, e), lab in pred.items():
            if lab != args.label:
                continue
            n_pred += 1
            if gold.get((s, e)) != lab:
                g = gold.get((s, e))
                why = f"gold {g}" if g else ("boundary" if any(gs < e and s < ge for (gs, ge) in gold) else "no entity")
                spurious.append((shape(doc.text[s:e]), why, doc.text[s:e], doc.text))
    p = tp / n_pred if n_pred else 0
    r = tp / n_gold if n_gold else 0
    print(f"{args.label} on GermEval {args.split}: gold {n_gold}, predicted {n_pred}, correct {tp}, "
          f"P {p:.3f} R {r:.3f} F {2 * p * r / (p + r) if p + r else 0:.3f}")
    for name, errs in (("missed (false negatives)", missed), ("spurious (false positives)", spurious)):
        print(f"\n## {name}: {len(errs)}")
        by = Counter(x[0] for x in errs)
        for k, v in by.most_common():
            whys = Counter(x[1] for x in errs if x[0] == k)
            print(f"  {k:38s} {v:4d}   " + ", ".join(f"{w} {c}" for w, c in whys.most_common()))
        for x in errs[: args.show]:
            print(f"    [{x[0]} | {x[1]}] {x[2]!r}")


if __name__ == "__main__":
    main()
