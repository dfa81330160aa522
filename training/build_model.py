#!/usr/bin/env python
"""Build the project's own German spaCy pipeline (models/de_pipeline_open) from openly licensed data.

Steps (all deterministic, seed 0):
  1. convert   corpora from --data-dir into training/corpus/*.spacy (git-ignored), splits in training/corpora.py
  2. train-ud  `python -m spacy train training/configs/ud.cfg`  -> tok2vec, tagger, morphologizer, parser
  3. train-ner `python -m spacy train training/configs/ner.cfg` -> ner (own embedded tok2vec)
  4. assemble  UD pipeline + lookup lemmatizer (table from spacy-lookups-data, stored in the model)
               + ner sourced from the NER pipeline; meta.json; held-out evaluation -> meta + README.md

Usage: python training/build_model.py --data-dir ../shared/data --output models/de_pipeline_open [--quick]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

VERSION = "0.2.0"


def log(msg, t0=None):
    extra = f"  [{time.time() - t0:.0f}s]" if t0 else ""
    print(f"[build] {time.strftime('%H:%M:%S')} {msg}{extra}", flush=True)


def convert(data_dir, corpus_dir, ner_sources, germeval_repeats=1):
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
    db = DocBin(store_user_data=False)
    for name in ["germeval_train"] * germeval_repeats + list(ner_sources):
        part = DocBin().from_disk(corpus_dir / f"{name}.spacy")
        for d in part.get_docs(nlp.vocab):
            db.add(d)
    db.to_disk(corpus_dir / "ner_train.spacy")
    build_cluster_vectors(corpus_dir / "cluster_vectors")
    log(f"wrote ner_train.spacy from germeval_train x{germeval_repeats} + {', '.join(ner_sources)}: {len(db)} docs")
    (corpus_dir / "stats.json").write_text(json.dumps(stats, indent=2))
    return stats


def build_cluster_vectors(out_dir, max_rank=400000):
    """Static "vectors" that encode Brown clusters: one row per cluster (one-hot), many words share a row.

    Source: spacy-lookups-data 1.0.5 (MIT), tables de_lexeme_cluster (Brown cluster id per word, 750 clusters)
    and de_lexeme_prob (to keep the `max_rank` most frequent words). Words without a cluster (id 0) get no vector.
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
    ranked = sorted(probs, key=lambda w: -probs[w])[:max_rank]
    ids = sorted({c for c in clusters.values() if c})
    row_of = {c: i for i, c in enumerate(ids)}
    nlp = spacy.blank("de")
    vectors = Vectors(strings=nlp.vocab.strings, data=numpy.eye(len(ids), dtype="float32"), name="de_brown_clusters")
    n = 0
    for w in ranked:
        c = clusters.get(w, 0)
        if c:
            vectors.add(get_string_id(w), row=row_of[c])
            n += 1
    nlp.vocab.vectors = vectors
    nlp.to_disk(out_dir)
    log(f"cluster vectors: {len(ids)} clusters, {n} words -> {out_dir}")


def spacy_train(cfg, out_dir, train, dev, overrides):
    cmd = ["nice", "-n", "10", sys.executable, "-m", "spacy", "train", str(cfg), "--output", str(out_dir),
           "--paths.train", str(train), "--paths.dev", str(dev), "--code", str(HERE / "de_tokenizer.py"),
           "--paths.vectors", str(HERE / "corpus" / "cluster_vectors")]
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


def assemble(ud_model, ner_model, output, data_dir, stats, ner_sources, quick, build_seconds, name_ruler=False):
    import spacy
    from spacy.lookups import load_lookups

    nlp = spacy.load(ud_model)
    ner_nlp = spacy.load(ner_model)
    lem = nlp.add_pipe("lemmatizer", config={"mode": "lookup", "overwrite": False})
    lem.initialize(lookups=load_lookups("de", ["lemma_lookup"]))
    import lemma_fixes

    fixes = lemma_fixes.build_patterns(nlp.vocab, lem.lookups.get_table("lemma_lookup"), data_dir)
    ruler = nlp.add_pipe("attribute_ruler", name="lemma_fixes", after="lemmatizer", config={"validate": True})
    ruler.add_patterns(fixes)
    log(f"lemma_fixes: {len(fixes)} attribute_ruler patterns from the UD train slices")
    nlp.add_pipe("ner", source=ner_nlp)
    if name_ruler:
        add_name_ruler(nlp, data_dir)
        nlp.meta.setdefault("sources", [])
    nlp.meta.update({
        "lang": "de",
        "name": "de_pipeline_open",
        "version": VERSION,
        "description": "claimgraph-de's own German pipeline trained only on openly licensed data: "
                       "tok2vec + tagger (STTS) + morphologizer (UPOS, UD features) + parser (UD v2 labels) "
                       "+ lookup lemmatizer + ner (PER, ORG, LOC, MISC). Static 'vectors' = one-hot Brown clusters "
                       "(spacy-lookups-data), no word embeddings."
                       + (" QUICK BUILD (few training steps)." if quick else ""),
        "author": "claimgraph-de",
        "license": "CC BY-SA 4.0",
        "sources": SOURCES,
        "spacy_version": f">={spacy.about.__version__},<3.9.0",
        "requirements": [],
        "training": {"corpus_stats": stats, "ner_extra_sources": list(ner_sources), "quick": quick,
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
             "static vectors table: 749 one-hot cluster rows shared by the 400k most frequent words)",
     "url": "https://github.com/explosion/spacy-lookups-data", "license": "MIT", "author": "Explosion"},
    {"name": "german-nouns 1.2.5 (build time only: spots nominal mentions in MobIE/SmartData labels; not shipped)",
     "url": "https://github.com/gambolputty/german-nouns", "license": "CC BY-SA 4.0",
     "author": "Gregor Weichbrodt; data from de.wiktionary"},
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
    ap.add_argument("--skip-eval", action="store_true", help="development: do not score the held-out slices")
    ap.add_argument("--name-ruler", action="store_true",
                    help="add the first-name PER entity_ruler (off by default: no effect on the dev slice)")
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
        stats = convert(data_dir, corpus_dir, ner_sources, args.germeval_repeats)
        log("conversion done", t0)
    elif (corpus_dir / "stats.json").exists():
        stats = json.loads((corpus_dir / "stats.json").read_text())

    quick_ud = {"training.max_steps": 600, "training.eval_frequency": 200} if args.quick else {}
    quick_ner = {"training.max_steps": 1200, "training.eval_frequency": 400} if args.quick else {}
    if not (corpus_dir / "cluster_vectors").exists():
        build_cluster_vectors(corpus_dir / "cluster_vectors")
    if "ud" in stages:
        log("training UD components (tagger, morphologizer, parser)")
        spacy_train(HERE / "configs" / "ud.cfg", work / "ud", corpus_dir / "ud_train.spacy",
                    corpus_dir / "ud_dev.spacy", quick_ud)
        log("UD training done", t0)
    if "ner" in stages:
        log("training NER")
        spacy_train(HERE / "configs" / "ner.cfg", work / "ner", corpus_dir / "ner_train.spacy",
                    corpus_dir / "germeval_dev.spacy", quick_ner)
        log("NER training done", t0)
    if "assemble" in stages:
        log("assembling final pipeline")
        out = assemble(Path(args.ud_model or work / "ud" / "model-best"),
                       Path(args.ner_model or work / "ner" / "model-best"), args.output, data_dir, stats,
                       ner_sources, args.quick, time.time() - t0, name_ruler=args.name_ruler)
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
