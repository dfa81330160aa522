#!/usr/bin/env python
"""Build the project's own German spaCy pipeline (models/de_pipeline_open) from openly licensed data.

Steps (all deterministic, seed 0):
  1. convert   corpora from --data-dir into training/corpus/*.spacy (git-ignored), splits in training/corpora.py
  2. train-ud  `python -m spacy train training/configs/ud.cfg`  -> tok2vec, tagger, morphologizer, parser
               (static features: one-hot Brown clusters, --ud-static-features)
  3. train-ner `python -m spacy train training/configs/ner.cfg` -> ner (own embedded tok2vec; static features:
               clusters + cluster prefixes + frequency classes of ~1M forms, --static-features)
  4. assemble  UD pipeline + lookup lemmatizer (table from spacy-lookups-data + gender-inclusive forms, stored in
               the model) + lemma_fixes + ner sourced from the NER pipeline (the two static tables merged exactly,
               training/merge_vectors.py) + org_ruler (training/org_ruler.py); meta.json; held-out evaluation
               -> meta + README.md

Usage: python training/build_model.py --data-dir ../shared/data --output models/de_pipeline_open [--quick]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

VERSION = "0.3.0"
# sentences for the build-time check that merging vector tables leaves UD and NER output unchanged
CHECK_TEXTS = [
    "Das Bundeskartellamt prüft die Übernahme, teilte eine Sprecherin am Dienstag in Bonn mit.",
    "Nach Angaben der Deutschen Bundesbank könnte die Inflation 2025 auf 2,1 Prozent sinken.",
    "„Wir sind sehr zufrieden“, sagte Siemens-Chef Roland Busch der Süddeutschen Zeitung.",
    "Die IG Metall fordert acht Prozent mehr Lohn; die Arbeitgeber lehnten das ab.",
    "Teilnehmer:innen aus Köln und Hamburg diskutierten mit Expert*innen der Stiftung Warentest.",
]


def log(msg, t0=None):
    extra = f"  [{time.time() - t0:.0f}s]" if t0 else ""
    print(f"[build] {time.strftime('%H:%M:%S')} {msg}{extra}", flush=True)


def convert(data_dir, corpus_dir, ner_sources, germeval_repeats=1, static_features=("clusters", "lexeme")):
    import spacy
    from spacy.tokens import DocBin

    import corpora
    from de_tokenizer import customize_tokenizer

    nlp = customize_tokenizer(spacy.blank("de"))
    corpus_dir.mkdir(parents=True, exist_ok=True)
    stats = {}

    def save(name, docs):
        db = DocBin(store_user_data=False)
        n_tok = 0
        n_ent = 0
        for d in docs:
            db.add(d)
            n_tok += len(d)
            n_ent += len(d.ents)
        db.to_disk(corpus_dir / f"{name}.spacy")
        stats[name] = {"docs": len(db), "tokens": n_tok, "ents": n_ent}
        log(f"wrote {name}.spacy: {len(db)} docs, {n_tok} tokens, {n_ent} ents")

    for split in (corpora.TRAIN, corpora.DEV, corpora.HELDOUT):
        save(f"ud_{split}", (d for _, d in corpora.ud_docs(nlp.vocab, data_dir, split)))
    for tb in ("gsd", "pud"):
        save(f"ud_heldout_{tb}", (d for _, d in corpora.ud_docs(nlp.vocab, data_dir, corpora.HELDOUT, treebanks=(tb,))))
    for split in (corpora.TRAIN, corpora.DEV, corpora.HELDOUT):
        save(f"germeval_{split}", corpora.germeval_docs(nlp.vocab, data_dir, split))
    noun_forms = corpora.NominalFilter(corpora.load_noun_forms(data_dir), data_dir)
    log(f"{len(noun_forms.noun_forms)} common-noun forms (german-nouns) for cleaning MobIE/SmartData nominal mentions")
    save("mobie", corpora.mobie_docs(nlp.vocab, data_dir, noun_forms))
    save("smartdata", corpora.smartdata_docs(nlp, data_dir, noun_forms))
    save("europeana", corpora.europeana_docs(nlp.vocab, data_dir))
    # combined NER training set; --germeval-repeats > 1 weighs GermEval (news/wiki, the target domain) against the
    # larger MobIE and SmartData sets (an ablation in docs/model.md: better on the dev slice, not adopted)
    def combine(names, out_name):
        db = DocBin(store_user_data=False)
        for name in names:
            part = DocBin().from_disk(corpus_dir / f"{name}.spacy")
            for d in part.get_docs(nlp.vocab):
                db.add(d)
        db.to_disk(corpus_dir / out_name)
        return db

    db = combine(["germeval_train"] * germeval_repeats + list(ner_sources), "ner_train.spacy")
    # leave-one-corpus-out training sets: the left-out corpus is then an unseen test set (docs/model.md)
    for left_out in ner_sources:
        combine(["germeval_train"] * germeval_repeats + [s for s in ner_sources if s != left_out],
                f"ner_train_without_{left_out}.spacy")
    for mode in sorted(set(static_features)):
        build_cluster_vectors(vectors_dir(corpus_dir, mode), mode)
    log(f"wrote ner_train.spacy from germeval_train x{germeval_repeats} + {', '.join(ner_sources)}: {len(db)} docs")
    (corpus_dir / "stats.json").write_text(json.dumps(stats, indent=2))
    return stats


STATIC_FEATURES = ("lexeme", "clusters")
# Brown-cluster path prefixes used as extra features (depth in bits below the root): the hierarchy groups similar
# clusters, so a rare word in a small cluster still shares its coarse prefixes with related words (spaCy v2 used
# cluster prefixes the same way in its feature templates).
CLUSTER_PREFIX_DEPTHS = (2, 4, 6, 8)
PROJECTED_WIDTH = 300


def _prob_bucket(logprob, floor):
    """Frequency class of a word: 0 = most frequent ... 14; words at the table's floor value get their own class."""
    if logprob is None:
        return None
    if logprob <= floor + 1e-6:
        return 15
    return min(14, max(0, int(-logprob) - 3))


def build_cluster_vectors(out_dir, mode="lexeme", max_rank=400000):
    """Static "vectors" from spacy-lookups-data 1.0.5 (MIT): de_lexeme_cluster (Brown cluster id per word form,
    750 clusters, ~1M forms) and de_lexeme_prob (unigram log-probability per form).

    mode "clusters" (0.2.0): one one-hot row per cluster, only the `max_rank` most frequent words.
    mode "lexeme" (0.3.0): every form with a cluster or a non-floor probability; its row is the multi-hot
      feature set {cluster, cluster path prefixes (CLUSTER_PREFIX_DEPTHS), frequency class} projected to
      PROJECTED_WIDTH dimensions with a fixed seeded random Gaussian matrix (keeps the table small: one row per
      distinct feature set, a few thousand rows, instead of ~1,300 one-hot columns). The tok2vec learns its own
      linear layer on top, as for any static vectors.
    """
    import gzip

    import numpy
    import spacy
    import spacy_lookups_data
    from spacy.strings import get_string_id
    from spacy.vectors import Vectors

    data = Path(spacy_lookups_data.__file__).parent / "data"
    clusters = json.load(gzip.open(data / "de_lexeme_cluster.json.gz", "rt", encoding="utf-8"))
    probs = json.load(gzip.open(data / "de_lexeme_prob.json.gz", "rt", encoding="utf-8"))
    nlp = spacy.blank("de")
    ids = sorted({c for c in clusters.values() if c})
    if mode == "clusters":
        ranked = sorted(probs, key=lambda w: -probs[w])[:max_rank]
        row_of = {c: i for i, c in enumerate(ids)}
        vectors = Vectors(strings=nlp.vocab.strings, data=numpy.eye(len(ids), dtype="float32"),
                          name="de_brown_clusters")
        n = 0
        for w in ranked:
            c = clusters.get(w, 0)
            if c:
                vectors.add(get_string_id(w), row=row_of[c])
                n += 1
        nlp.vocab.vectors = vectors
        nlp.to_disk(out_dir)
        log(f"cluster vectors: {len(ids)} clusters, {n} words -> {out_dir}")
        return
    if mode not in STATIC_FEATURES:
        raise ValueError(f"unknown static feature mode {mode!r} (expected one of {STATIC_FEATURES})")
    floor = min(probs.values())
    # feature columns: cluster leaves, prefix nodes per depth, frequency classes
    columns = {}
    def col(key):
        return columns.setdefault(key, len(columns))
    for c in ids:
        col(("leaf", c))
        for depth in CLUSTER_PREFIX_DEPTHS:
            col(("prefix", depth, c >> max(0, c.bit_length() - 1 - depth)))
    for b in range(16):
        col(("freq", b))
    feature_sets = {}
    word_rows = []
    for w in sorted(set(clusters) | set(probs)):
        c = clusters.get(w, 0)
        b = _prob_bucket(probs.get(w), floor)
        if not c and (b is None or b == 15):
            continue  # nothing known about this form
        feats = []
        if c:
            feats.append(col(("leaf", c)))
            feats += [col(("prefix", d, c >> max(0, c.bit_length() - 1 - d))) for d in CLUSTER_PREFIX_DEPTHS]
        if b is not None:
            feats.append(col(("freq", b)))
        key = tuple(feats)
        word_rows.append((w, feature_sets.setdefault(key, len(feature_sets))))
    multi_hot = numpy.zeros((len(feature_sets), len(columns)), dtype="float32")
    for key, row in feature_sets.items():
        multi_hot[row, list(key)] = 1.0
    rng = numpy.random.default_rng(0)
    projection = rng.standard_normal((len(columns), PROJECTED_WIDTH)).astype("float32") / numpy.sqrt(PROJECTED_WIDTH)
    table = numpy.ascontiguousarray(multi_hot @ projection, dtype="float32")
    vectors = Vectors(strings=nlp.vocab.strings, data=table, name="de_lexeme_clusters_prob")
    for w, row in word_rows:
        vectors.add(get_string_id(w), row=row)
    nlp.vocab.vectors = vectors
    nlp.to_disk(out_dir)
    log(f"lexeme vectors: {len(columns)} features (clusters, prefixes {CLUSTER_PREFIX_DEPTHS}, 16 frequency "
        f"classes) -> {len(feature_sets)} rows x {PROJECTED_WIDTH}, {len(word_rows)} words -> {out_dir}")


def vectors_dir(corpus_dir, static_features):
    return corpus_dir / ("cluster_vectors" if static_features == "clusters" else f"{static_features}_vectors")


def spacy_train(cfg, out_dir, train, dev, overrides, vectors):
    cmd = ["nice", "-n", "10", sys.executable, "-m", "spacy", "train", str(cfg), "--output", str(out_dir),
           "--paths.train", str(train), "--paths.dev", str(dev), "--code", str(HERE / "de_tokenizer.py"),
           "--paths.vectors", str(vectors)]
    for k, v in overrides.items():
        cmd += [f"--{k}", str(v)]
    log("running: " + " ".join(cmd))
    subprocess.run(cmd, check=True, cwd=ROOT)


def add_name_ruler(nlp, data_dir):
    import corpora
    import first_names

    exclude = corpora.load_noun_forms(data_dir) | first_names.germeval_non_person_words(data_dir)
    names = first_names.load_first_names(data_dir, exclude=exclude)
    ruler = nlp.add_pipe("entity_ruler", name="name_ruler", after="ner",
                         config={"overwrite_ents": False, "validate": True})
    ruler.add_patterns(first_names.ruler_patterns(names))
    log(f"name_ruler: {len(names)} first names (Vornamen Berlin, CC BY 3.0 DE)")
    return len(names)


def add_org_ruler(nlp):
    """span_ruler after `ner` for organisation shapes (training/org_ruler.py, word lists in training/resources/),
    writing doc.ents. Overlaps between NER entities and ruler matches keep the longest span, so the ruler adds
    names the NER missed and repairs cut-off ones ("Bundesamt für Migration und" -> "... und Flüchtlinge") but never
    shortens a longer NER entity. On the GermEval dev slice this scored like "add only where NER found nothing"
    and better than "ruler always wins" and "ruler before ner" (docs/model.md)."""
    import org_ruler

    ruler = nlp.add_pipe("span_ruler", name="org_ruler", after="ner",
                         config={"spans_key": None, "annotate_ents": True, "overwrite": False, "validate": True,
                                 "ents_filter": {"@misc": "spacy.first_longest_spans_filter.v1"}})
    patterns = org_ruler.build_patterns()
    ruler.add_patterns(patterns)
    log(f"org_ruler: {len(patterns)} organisation-shape patterns")
    return len(patterns)


def assemble(ud_model, ner_model, output, data_dir, stats, ner_sources, quick, build_seconds, name_ruler=False,
             org_ruler=True):
    import spacy
    from spacy.lookups import load_lookups

    # --ud-model may be a finished pipeline (e.g. the shipped 0.2.0): keep only its UD components
    nlp = spacy.load(ud_model, exclude=["lemmatizer", "lemma_fixes", "ner", "org_ruler", "name_ruler"])
    ner_nlp = spacy.load(ner_model)
    merge = nlp.vocab.vectors.shape != ner_nlp.vocab.vectors.shape
    if merge:
        import merge_vectors

        ud_before = [merge_vectors.annotations(d)[0] for d in nlp.pipe(CHECK_TEXTS)]
        ner_before = [merge_vectors.annotations(d)[1] for d in ner_nlp.pipe(CHECK_TEXTS)]
    lem = nlp.add_pipe("lemmatizer", config={"mode": "lookup", "overwrite": False})
    lem.initialize(lookups=load_lookups("de", ["lemma_lookup"]))
    import lemma_fixes

    lookup = lem.lookups.get_table("lemma_lookup")
    fixes = lemma_fixes.build_patterns(nlp.vocab, lookup, data_dir)
    gender = lemma_fixes.gender_inclusive_lemmas(data_dir)
    for form, lemma in gender.items():
        if form not in lookup:
            lookup[form] = lemma
    ruler = nlp.add_pipe("attribute_ruler", name="lemma_fixes", after="lemmatizer", config={"validate": True})
    ruler.add_patterns(fixes + lemma_fixes.gender_form_patterns())
    log(f"lemma_fixes: {len(fixes)} attribute_ruler patterns from the UD train slices + gender-inclusive forms "
        f"as NOUN; {len(gender)} gender-inclusive forms added to the lemma lookup table (german-nouns)")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W113\]")  # different vectors: merged right below
        nlp.add_pipe("ner", source=ner_nlp)
    if merge:
        merged = merge_vectors.merge_into(nlp, "tok2vec", "ner", ner_nlp.vocab.vectors)
        with nlp.select_pipes(disable=["lemma_fixes"]):  # it sets POS/TAG of gender forms on purpose
            after = [merge_vectors.annotations(d) for d in nlp.pipe(CHECK_TEXTS)]
        for text, (ud, ents), ud0, ents0 in zip(CHECK_TEXTS, after, ud_before, ner_before):
            if ud != ud0 or ents != ents0:
                raise SystemExit(f"merging the static-vector tables changed the output on {text!r}:\n"
                                 f"UD {ud0}\n-> {ud}\nNER {ents0} -> {ents}")
        log(f"static vectors merged (UD table of {ud_model} + NER table): {merged.shape[0]} rows x "
            f"{merged.shape[1]}, {len(merged.key2row)} words; UD and NER output unchanged on {len(CHECK_TEXTS)} texts")
    n_org = add_org_ruler(nlp) if org_ruler else 0
    if name_ruler:
        add_name_ruler(nlp, data_dir)
        nlp.meta.setdefault("sources", [])
    nlp.meta.update({
        "lang": "de",
        "name": "de_pipeline_open",
        "version": VERSION,
        "description": "claimgraph-de's own German pipeline trained only on openly licensed data: "
                       "tok2vec + tagger (STTS) + morphologizer (UPOS, UD features) + parser (UD v2 labels) "
                       "+ lookup lemmatizer (+ gender-inclusive forms) + ner (PER, ORG, LOC, MISC) + organisation-shape "
                       "span_ruler. Static 'vectors' = one-hot Brown clusters (spacy-lookups-data), no word embeddings."
                       + (" QUICK BUILD (few training steps)." if quick else ""),
        "author": "claimgraph-de",
        "license": "CC BY-SA 4.0",
        "sources": SOURCES,
        "spacy_version": f">={spacy.about.__version__},<3.9.0",
        "requirements": [],
        "training": {"corpus_stats": stats, "ner_extra_sources": list(ner_sources), "quick": quick,
                     "org_ruler_patterns": n_org,
                     "build_seconds": round(build_seconds)},
    })
    out = Path(output)
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    return out


SOURCES = [
    {"name": "UD German GSD v2.15 (dev+test files; train file unavailable)",
     "url": "https://github.com/UniversalDependencies/UD_German-GSD", "license": "CC BY-SA 4.0",
     "author": "Google / UD contributors (McDonald et al. 2013; Universal Dependencies)"},
    {"name": "UD German PUD (test-only treebank, UPOS/morph/deps only)",
     "url": "https://github.com/UniversalDependencies/UD_German-PUD", "license": "CC BY-SA 3.0",
     "author": "Google / CoNLL 2017 shared task (Zeman et al. 2017)"},
    {"name": "GermEval 2014 NER / NoSta-D (dev+test files; train file unavailable)",
     "url": "https://sites.google.com/site/germeval2014ner/", "license": "CC BY 4.0",
     "author": "D. Benikova, C. Biemann, M. Reznicek: NoSta-D Named Entity Annotation for German, LREC 2014"},
    {"name": "DFKI MobIE NER (CoNLL-2003 version)", "url": "https://github.com/DFKI-NLP/MobIE",
     "license": "CC BY 4.0", "author": "Hennig, Truong, Gabryszak: MobIE, KONVENS 2021"},
    {"name": "DFKI SmartData corpus v1", "url": "https://github.com/DFKI-NLP/smartdata-corpus",
     "license": "CC BY 4.0", "author": "Schiersch et al., LREC 2018"},
    {"name": "Europeana Newspapers NER corpora (German)", "url": "https://github.com/EuropeanaNewspapers/ner-corpora",
     "license": "CC0", "author": "Europeana Newspapers Project 2012-2015; Neudecker, LREC 2016"},
    {"name": "spacy-lookups-data 1.0.5 de_lemma_lookup (lemmatizer table)",
     "url": "https://github.com/explosion/spacy-lookups-data", "license": "MIT", "author": "Explosion"},
    {"name": "spacy-lookups-data 1.0.5 de_lexeme_cluster + de_lexeme_prob (Brown clusters, shipped as the "
             "static vectors table: 749 one-hot cluster rows shared by the 400k most frequent words by log-probability)",
     "url": "https://github.com/explosion/spacy-lookups-data", "license": "MIT", "author": "Explosion"},
    {"name": "german-nouns 1.2.5 (spots nominal mentions in MobIE/SmartData labels at build time; the "
             "gender-inclusive lemma entries 'Teilnehmer:innen' -> 'Teilnehmer' in the lemmatizer table are derived "
             "from its feminine/masculine noun pairs)",
     "url": "https://github.com/gambolputty/german-nouns", "license": "CC BY-SA 4.0",
     "author": "Gregor Weichbrodt; data from de.wiktionary"},
    {"name": "organisation-shape patterns (org_ruler): word lists written for claimgraph-de "
             "(training/resources/org_*.tsv; legal-form names from German/EU company law)",
     "url": "training/resources/ in the claimgraph-de repository", "license": "CC BY-SA 4.0",
     "author": "claimgraph-de"},
    {"name": "spaCy German tokenizer rules (spacy/lang/de)", "url": "https://github.com/explosion/spaCy",
     "license": "MIT", "author": "Explosion"},
]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default="../shared/data")
    ap.add_argument("--output", default="models/de_pipeline_open")
    ap.add_argument("--quick", action="store_true", help="few training steps (smoke build, ~10 min)")
    ap.add_argument("--stages", default="convert,ud,ner,assemble",
                    help="comma list of convert,ud,ner,assemble (default: all)")
    ap.add_argument("--ner-sources", default="mobie,smartdata",
                    help="extra NER corpora besides GermEval train (any of mobie,smartdata,europeana)")
    ap.add_argument("--germeval-repeats", type=int, default=1,
                    help="how often GermEval train enters the NER training set (default 1; see docs/model.md)")
    ap.add_argument("--static-features", default="clusters", choices=STATIC_FEATURES,
                    help="static features of the NER tok2vec: 'lexeme' = Brown clusters + cluster prefixes + "
                         "frequency classes of ~1M forms (tried for 0.3.0, not adopted: worse ORG, docs/model.md), "
                         "'clusters' = one-hot clusters of the 400k most frequent forms (default)")
    ap.add_argument("--ud-static-features", default="clusters", choices=STATIC_FEATURES,
                    help="static features of the UD tok2vec (default 'clusters', the 0.2.0 recipe: a UD training on "
                         "'lexeme' could not be completed for 0.3.0, docs/model.md). When UD and NER use different "
                         "tables, the assembly merges them exactly (training/merge_vectors.py)")
    ap.add_argument("--ner-train", default=None,
                    help="NER training set instead of training/corpus/ner_train.spacy, e.g. "
                         "training/corpus/ner_train_without_smartdata.spacy (leave-one-corpus-out test)")
    ap.add_argument("--ner-run", default="ner", help="name of the NER training output under --work-dir")
    ap.add_argument("--skip-eval", action="store_true", help="development: do not score the held-out slices")
    ap.add_argument("--name-ruler", action="store_true",
                    help="add the first-name PER entity_ruler (off by default: no effect on the dev slice)")
    ap.add_argument("--no-org-ruler", action="store_true",
                    help="leave out the organisation-shape entity_ruler after ner (for ablations)")
    ap.add_argument("--ner-model", default=None, help="use this trained NER pipeline instead of <work-dir>/ner")
    ap.add_argument("--ud-model", default=None, help="use this trained UD pipeline instead of <work-dir>/ud")
    ap.add_argument("--work-dir", default=str(HERE / "runs"), help="training outputs (git-ignored)")
    args = ap.parse_args()

    t0 = time.time()
    data_dir = Path(args.data_dir).resolve()
    corpus_dir = HERE / "corpus"
    work = Path(args.work_dir)
    stages = set(args.stages.split(","))
    ner_sources = [s for s in args.ner_sources.split(",") if s]
    os.chdir(ROOT)

    stats = {}
    if "convert" in stages:
        log("converting corpora")
        stats = convert(data_dir, corpus_dir, ner_sources, args.germeval_repeats,
                        (args.ud_static_features, args.static_features))
        log("conversion done", t0)
    elif (corpus_dir / "stats.json").exists():
        stats = json.loads((corpus_dir / "stats.json").read_text())

    quick_ud = {"training.max_steps": 600, "training.eval_frequency": 200} if args.quick else {}
    quick_ner = {"training.max_steps": 1200, "training.eval_frequency": 400} if args.quick else {}
    vectors = vectors_dir(corpus_dir, args.static_features)
    ud_vectors = vectors_dir(corpus_dir, args.ud_static_features)
    for mode, path in ((args.static_features, vectors), (args.ud_static_features, ud_vectors)):
        if not path.exists():
            build_cluster_vectors(path, mode)
    if "ud" in stages:
        log("training UD components (tagger, morphologizer, parser)")
        spacy_train(HERE / "configs" / "ud.cfg", work / "ud", corpus_dir / "ud_train.spacy",
                    corpus_dir / "ud_dev.spacy", quick_ud, ud_vectors)
        log("UD training done", t0)
    if "ner" in stages:
        log("training NER")
        spacy_train(HERE / "configs" / "ner.cfg", work / args.ner_run, Path(args.ner_train or corpus_dir / "ner_train.spacy"),
                    corpus_dir / "germeval_dev.spacy", quick_ner, vectors)
        log("NER training done", t0)
    if "assemble" in stages:
        log("assembling final pipeline")
        out = assemble(Path(args.ud_model or work / "ud" / "model-best"),
                       Path(args.ner_model or work / args.ner_run / "model-best"), args.output, data_dir, stats,
                       ner_sources, args.quick, time.time() - t0, name_ruler=args.name_ruler,
                       org_ruler=not args.no_org_ruler)
        if args.skip_eval:
            log(f"assembled {out} (evaluation skipped)", t0)
            return
        log(f"evaluating {out} on the held-out slices")
        import evaluate_model
        results = evaluate_model.evaluate(str(out), data_dir)
        table = evaluate_model.markdown_table(results)
        print(table)
        meta_path = out / "meta.json"
        meta = json.loads(meta_path.read_text())
        meta["performance"] = results["flat"]
        meta["training"]["build_seconds"] = round(time.time() - t0)
        meta["training"]["build_stages"] = sorted(stages, key="convert,ud,ner,assemble".split(",").index)
        meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False))
        write_model_readme(out, table, meta)
    log(f"build finished in {(time.time() - t0) / 60:.1f} min", t0)


def write_model_readme(out, table, meta):
    tmpl = (HERE / "MODEL_README.template.md").read_text(encoding="utf-8")
    text = tmpl.replace("{{VERSION}}", meta["version"]).replace("{{EVAL_TABLE}}", table)
    stages = meta["training"].get("build_stages", ["convert", "ud", "ner", "assemble"])
    text = text.replace("{{BUILD_MINUTES}}", f"{meta['training']['build_seconds'] / 60:.0f}")
    text = text.replace("{{BUILD_STAGES}}", ", ".join(stages))
    (out / "README.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
