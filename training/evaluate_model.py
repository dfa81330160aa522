#!/usr/bin/env python
"""Evaluate a German pipeline on the HELD-OUT slices (never used for training or model selection).

Held-out = sentence index i % 10 == 0 of (a) UD German GSD dev+test, (b) UD German PUD, (c) GermEval 2014
dev+test (see training/corpora.py). `--split dev` scores the model-selection slice (i % 10 == 5) instead.

The pipeline runs on raw text (its own tokenizer); gold annotations are aligned to the predicted tokens by
spaCy's Example alignment. STTS tag accuracy is measured on GSD only (PUD has no STTS tags).
"Mood (finite verbs)" = share of gold VerbForm=Fin tokens whose predicted Mood value equals the gold one.

Usage: python training/evaluate_model.py --model models/de_pipeline_open --data-dir ../shared/data
       python training/evaluate_model.py --model <pipeline> --ner-corpus training/corpus/smartdata.spacy \
           [--exclude org_ruler] [--add-pipe claimgraph_entities]
       (NER per label on one whole converted corpus, plus acronyms defined in brackets and their later mentions)
"""
import argparse
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

LABELS = ["PER", "ORG", "LOC", "MISC"]


def _prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def ud_scores(nlp, ref_docs):
    from spacy.scorer import Scorer
    from spacy.training import Example

    preds = nlp.pipe([d.text for d in ref_docs], batch_size=32)
    examples = [Example(p, d) for p, d in zip(preds, ref_docs)]
    scores = Scorer(nlp).score(examples)
    # Mood on finite verbs, and lemma accuracy, over aligned tokens
    mood_ok = mood_n = lem_ok = lem_n = 0
    sub_tp = sub_fp = sub_fn = 0
    for eg in examples:
        gold_morph = eg.get_aligned("MORPH", as_string=True)
        gold_lemma = eg.get_aligned("LEMMA", as_string=True)
        for tok, gm, gl in zip(eg.predicted, gold_morph, gold_lemma):
            if gm is not None:
                gfe = dict(f.split("=", 1) for f in gm.split("|") if "=" in f)
                if gfe.get("VerbForm") == "Fin":
                    mood_n += 1
                    pm = tok.morph.get("Mood")
                    mood_ok += int((pm[0] if pm else None) == gfe.get("Mood"))
            gsub = gm is not None and "Mood=Sub" in gm
            psub = "Sub" in tok.morph.get("Mood")
            sub_tp += int(gsub and psub)
            sub_fp += int(psub and not gsub and gm is not None)
            sub_fn += int(gsub and not psub)
            if gl:
                lem_n += 1
                lem_ok += int(tok.lemma_ == gl)
    return {
        "tokens": sum(len(d) for d in ref_docs),
        "token_acc": scores.get("token_acc"),
        "pos_acc": scores.get("pos_acc"),
        "tag_acc": scores.get("tag_acc"),
        "morph_acc": scores.get("morph_acc"),
        "mood_fin_acc": mood_ok / mood_n if mood_n else None,
        "mood_fin_n": mood_n,
        "lemma_acc": lem_ok / lem_n if lem_n else None,
        "mood_sub_p": _prf(sub_tp, sub_fp, sub_fn)[0] if sub_tp + sub_fn else None,
        "mood_sub_r": _prf(sub_tp, sub_fp, sub_fn)[1] if sub_tp + sub_fn else None,
        "mood_sub_f": _prf(sub_tp, sub_fp, sub_fn)[2] if sub_tp + sub_fn else None,
        "mood_sub_n": sub_tp + sub_fn,
        "dep_uas": scores.get("dep_uas"),
        "dep_las": scores.get("dep_las"),
        "sents_f": scores.get("sents_f"),
    }


def ner_scores(nlp, ref_docs):
    gold, pred = set(), set()
    texts = [d.text for d in ref_docs]
    for k, (ref, doc) in enumerate(zip(ref_docs, nlp.pipe(texts, batch_size=64))):
        gold |= {(k, e.start_char, e.end_char, e.label_) for e in ref.ents}
        pred |= {(k, e.start_char, e.end_char, e.label_) for e in doc.ents}
    res = {}
    for lab in LABELS:
        g = {x for x in gold if x[3] == lab}
        p = {x for x in pred if x[3] == lab}
        res[lab] = _prf(len(g & p), len(p - g), len(g - p)) + (len(g),)
    for name, labs in (("micro PER/ORG/LOC", {"PER", "ORG", "LOC"}), ("micro all 4", set(LABELS))):
        g = {x for x in gold if x[3] in labs}
        p = {x for x in pred if x[3] in labs}
        res[name] = _prf(len(g & p), len(p - g), len(g - p)) + (len(g),)
    return res


def ner_corpus_scores(nlp, ref_docs, labels=("PER", "ORG", "LOC"), preds=None):
    """Per-label P/R/F on a whole NER corpus (e.g. SmartData, left out of training). Gold tokens with *missing*
    annotation (nominal mentions the conversion left unlabelled, docs/model.md) are neither right nor wrong:
    a predicted entity touching one is ignored, as spaCy's own NER scorer does. Labels outside `labels` are
    ignored on both sides (SmartData/MobIE have no MISC). `preds`: the pipeline's docs, if already run."""
    gold, pred = set(), set()
    if preds is None:
        preds = nlp.pipe([d.text for d in ref_docs], batch_size=32)
    for k, (ref, doc) in enumerate(zip(ref_docs, preds)):
        missing = [t for t in ref if t.ent_iob == 0]
        gold |= {(k, e.start_char, e.end_char, e.label_) for e in ref.ents if e.label_ in labels}
        for e in doc.ents:
            if e.label_ not in labels:
                continue
            if any(t.idx < e.end_char and e.start_char < t.idx + len(t) for t in missing):
                continue
            pred.add((k, e.start_char, e.end_char, e.label_))
    res = {}
    for lab in labels:
        g = {x for x in gold if x[3] == lab}
        p = {x for x in pred if x[3] == lab}
        res[lab] = _prf(len(g & p), len(p - g), len(g - p)) + (len(g),)
    res["micro " + "/".join(labels)] = _prf(len(gold & pred), len(pred - gold), len(gold - pred)) + (len(gold),)
    return res


# a word in brackets that may abbreviate the name before it: "(IEA)", "(BSI)", "(BaFin)", "(KfW)"
BRACKETED_ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-Za-zäöüÄÖÜ0-9&]{0,6}[A-ZÄÖÜ0-9]$")


def acronym_scores(ref_docs, preds):
    """Acronyms in brackets ("Internationale Energieagentur (IEA)") and their later bare mentions in the same
    document: for each kind, how many gold ORG occurrences are predicted as exactly that ORG span, and how
    many occurrences that are no gold ORG (O, or inside a longer gold name) are predicted as ORG."""
    out = {"in brackets": [0, 0, 0], "later mentions": [0, 0, 0]}  # gold ORG, found as ORG, ORG where gold not ORG
    for ref, doc in zip(ref_docs, preds):
        predicted = {(e.start_char, e.end_char): e.label_ for e in doc.ents}
        first = {}
        for i in range(1, len(ref) - 2):
            if ref[i].text == "(" and ref[i + 2].text == ")" and BRACKETED_ACRONYM.match(ref[i + 1].text):
                first.setdefault(ref[i + 1].text, i + 1)
        for acr, k in first.items():
            for t in ref[k:]:
                if t.text != acr or t.ent_iob == 0:  # missing annotation: neither right nor wrong
                    continue
                row = out["in brackets" if t.i == k else "later mentions"]
                whole = t.ent_iob_ == "B" and (t.i + 1 == len(ref) or ref[t.i + 1].ent_iob_ != "I")
                is_org = predicted.get((t.idx, t.idx + len(t))) == "ORG"
                if whole and t.ent_type_ == "ORG":
                    row[0] += 1
                    row[1] += int(is_org)
                else:
                    row[2] += int(is_org)
    return out


def acronym_table(res):
    lines = ["| acronyms defined in brackets | gold ORG | found as ORG | ORG where gold is not ORG |",
             "|---|---:|---:|---:|"]
    for kind, (n, found, wrong) in res.items():
        lines.append(f"| {kind} | {n} | {found} | {wrong} |")
    return "\n".join(lines)


def corpus_table(name, res, docs):
    lines = [f"| NER on {name} ({docs} docs) | P | R | F | gold ents |", "|---|---:|---:|---:|---:|"]
    for lab, (p, r, f, n) in res.items():
        lab = f"**{lab}**" if lab.startswith("micro") else lab
        lines.append(f"| {lab} | {p:.3f} | {r:.3f} | {f:.3f} | {n} |")
    return "\n".join(lines)


def load_ref(data_dir, split, nlp):
    """Gold docs built in the evaluated pipeline's own vocab (so the scorer can resolve all strings)."""
    import corpora

    ud = {"gsd": [], "pud": []}
    for tb, d in corpora.ud_docs(nlp.vocab, data_dir, split):
        ud[tb].append(d)
    ner = list(corpora.germeval_docs(nlp.vocab, data_dir, split))
    return ud, ner


def evaluate(model, data_dir, split="heldout"):
    import spacy

    nlp = spacy.load(model)
    ud, ner = load_ref(data_dir, split, nlp)
    t = time.time()
    res = {"split": split, "ud": {}, "ner": None}
    res["ud"]["GSD"] = ud_scores(nlp, ud["gsd"])
    res["ud"]["PUD"] = ud_scores(nlp, ud["pud"])
    res["ud"]["GSD+PUD"] = ud_scores(nlp, ud["gsd"] + ud["pud"])
    res["ner"] = ner_scores(nlp, ner)
    res["ner_sents"] = len(ner)
    res["ud_sents"] = {k: sum(len(list(d.sents)) for d in v) for k, v in ud.items()}
    res["seconds"] = time.time() - t
    flat = {}
    for tb, s in res["ud"].items():
        for k, v in s.items():
            if v is not None and k != "tokens" and not k.endswith("_n"):
                flat[f"{tb}_{k}".lower().replace("+", "_")] = round(v, 4)
    for lab, (p, r, f, n) in res["ner"].items():
        key = lab.lower().replace(" ", "_").replace("/", "_")
        flat[f"germeval_ents_{key}_p"] = round(p, 4)
        flat[f"germeval_ents_{key}_r"] = round(r, 4)
        flat[f"germeval_ents_{key}_f"] = round(f, 4)
    flat["eval_split"] = f"{split} (sentence index % 10 == {0 if split == 'heldout' else 5})"
    res["flat"] = flat
    return res


def _fmt(v):
    return "–" if v is None else f"{v:.3f}"


def markdown_table(res):
    ud = res["ud"]
    cols = ["GSD", "PUD", "GSD+PUD"]
    s = res["ud_sents"]
    lines = [
        f"Split: **{res['split']}** slices (sentence index i % 10 == {0 if res['split'] == 'heldout' else 5}); "
        f"UD: {s['gsd']} GSD + {s['pud']} PUD sentences, NER: {res['ner_sents']} GermEval 2014 sentences. "
        "Raw text through the full pipeline (own tokenizer), gold aligned to predicted tokens.",
        "",
        "| metric | " + " | ".join(cols) + " |",
        "|---|" + "---:|" * len(cols),
    ]
    rows = [("UPOS acc", "pos_acc"), ("STTS tag_ acc", "tag_acc"), ("Mood acc (gold VerbForm=Fin)", "mood_fin_acc"),
            ("Mood=Sub precision", "mood_sub_p"), ("Mood=Sub recall", "mood_sub_r"), ("Mood=Sub F", "mood_sub_f"),
            ("morph acc (all UD feats)", "morph_acc"), ("UAS", "dep_uas"), ("LAS", "dep_las"),
            ("sentence F", "sents_f"), ("lemma acc (lookup + UD exceptions)", "lemma_acc"), ("token acc", "token_acc")]
    for name, key in rows:
        lines.append(f"| {name} | " + " | ".join(_fmt(ud[c][key]) for c in cols) + " |")
    lines.append("| tokens | " + " | ".join(str(ud[c]["tokens"]) for c in cols) + " |")
    lines.append("| gold Mood=Sub tokens | " + " | ".join(str(ud[c]["mood_sub_n"]) for c in cols) + " |")
    lines += ["", f"| NER (GermEval 2014 {res['split']} slice) | P | R | F | gold ents |", "|---|---:|---:|---:|---:|"]
    for lab, (p, r, f, n) in res["ner"].items():
        name = f"**{lab}**" if lab.startswith("micro") else lab
        lines.append(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {n} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="models/de_pipeline_open")
    ap.add_argument("--data-dir", default="../shared/data")
    ap.add_argument("--split", default="heldout", choices=["heldout", "dev"],
                    help="heldout = final numbers; dev = model-selection slice")
    ap.add_argument("--ner-corpus", default=None,
                    help="instead: score NER per label on a whole converted corpus, e.g. "
                         "training/corpus/smartdata.spacy, for a model trained without it "
                         "(build_model.py --ner-train training/corpus/ner_train_without_smartdata.spacy)")
    ap.add_argument("--exclude", action="append", default=[],
                    help="with --ner-corpus: leave this component out, e.g. org_ruler (repeatable)")
    ap.add_argument("--add-pipe", action="append", default=[],
                    help="with --ner-corpus: append this component, e.g. claimgraph_entities (the project's "
                         "entity stage; needs the claimgraph-de package installed) (repeatable)")
    args = ap.parse_args()
    if args.ner_corpus:
        import spacy
        from spacy.tokens import DocBin

        nlp = spacy.load(args.model, exclude=args.exclude)
        for name in args.add_pipe:
            nlp.add_pipe(name)
        path = Path(args.ner_corpus)
        if not path.exists():
            sys.exit(f"{path}: no such corpus file (run `python training/build_model.py --stages convert` first)")
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        preds = list(nlp.pipe([d.text for d in docs], batch_size=32))
        print(f"pipeline: {', '.join(nlp.pipe_names)}\n")
        print(corpus_table(path.stem, ner_corpus_scores(nlp, docs, preds=preds), len(docs)))
        print()
        print(acronym_table(acronym_scores(docs, preds)))
        return
    if args.exclude or args.add_pipe:
        sys.exit("--exclude/--add-pipe only work with --ner-corpus")
    res = evaluate(args.model, Path(args.data_dir).resolve(), args.split)
    print(markdown_table(res))


if __name__ == "__main__":
    main()
