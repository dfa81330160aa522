#!/usr/bin/env python
"""Organisation-shape patterns for an entity_ruler inside de_pipeline_open (component `org_ruler`).

The statistical NER misses organisation names whose shape is regular German naming (docs/model.md, ORG error
analysis): unique public bodies ("Bundeskartellamt", "Umweltbundesamt"), national adjective + body ("Deutsche
Bundesbank", "Europäische Zentralbank"), head noun + proper name or "für" + subject ("Stiftung Warentest",
"IG Metall", "Bundesamt für Migration und Flüchtlinge") and company names with a legal form ("Siemens AG",
"ADAC e.V."). The word lists are data files in training/resources/ (org_*.tsv, with their sources); this module
turns them into entity_ruler patterns, which are saved in the model (org_ruler/patterns.jsonl).

`python training/org_ruler.py --check-train` prints, per pattern family, how often its matches are ORG in the
GermEval 2014 TRAIN slice (the only slice used to choose patterns; dev scores the ruler, held-out never).
"""
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESOURCES = HERE / "resources"
INFLECTION = "(?:es|s|e|en|n)?"
# capitalised function words and pronouns are never part of a name before a legal form ("Die Siemens AG")
NAME_TOKEN = {"TEXT": {"REGEX": r"^[A-ZÄÖÜ0-9][\w&.\-+']*$"},
              "POS": {"NOT_IN": ["DET", "ADP", "PRON", "CCONJ", "SCONJ", "ADV", "VERB", "AUX", "PUNCT", "PART"]}}


def read_tsv(name):
    rows = []
    for line in (RESOURCES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def _alt(words):
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def body_word_regex():
    """A capitalised word ending in a body suffix (any prefix): 'Zentralbank', 'Energieagentur'."""
    suffixes = [r[0] for r in read_tsv("org_head_suffixes.tsv") if r[1] == "yes"]
    return rf"^[A-ZÄÖÜ][a-zäöüß\-]*(?:{_alt(suffixes)}){INFLECTION}$"


def unique_body_regex():
    rows = read_tsv("org_head_suffixes.tsv")
    prefixes = [r[0] for r in read_tsv("org_unique_prefixes.tsv")]
    compound = [r[0] for r in rows if r[1] == "yes"]
    exact = [r[0] for r in rows if r[1] == "no"]
    return (rf"^(?:{_alt(prefixes)})(?:[a-zäöüß\-]*(?:{_alt(compound)})|(?:{_alt(exact)})){INFLECTION}$")


def build_patterns():
    patterns = []
    TIME_NOUNS = [r[0] for r in read_tsv("org_not_names.tsv")]

    def add(family, pattern):
        patterns.append({"label": "ORG", "pattern": pattern, "id": family})

    unique_body = {"TEXT": {"REGEX": unique_body_regex()}}
    body_word = {"TEXT": {"REGEX": body_word_regex()}}
    # 1. unique public bodies as one word: "Bundeskartellamt", "Bundestages", "Umweltbundesamt"
    add("unique_body", [unique_body])
    # 2. national/territorial adjective + body word or known head: "Deutsche Bundesbank", "Europäische Union"
    adjectives = _alt(r[0] for r in read_tsv("org_adjectives.tsv"))
    adjective = {"TEXT": {"REGEX": rf"^(?:{adjectives})(?:e|en|er|es)$"}}
    add("adjective_body", [adjective, body_word])
    add("adjective_head", [adjective, {"TEXT": {"IN": [r[0] for r in read_tsv("org_adjective_heads.tsv")]}}])
    # 3. head noun + proper name ("Stiftung Warentest", "IG Metall") or + für + subject(s)
    heads = [r[0] for r in read_tsv("org_heads.tsv")]
    # a capitalised noun right after the head is its name ("Stiftung Warentest", "Gewerkschaft Verdi"); time nouns
    # ("das Institut Ende Mai") are not
    proper = {"TEXT": {"REGEX": r"^[A-ZÄÖÜ][\w\-]+$", "NOT_IN": TIME_NOUNS}, "POS": {"IN": ["PROPN", "X", "NOUN"]}}
    add("head_name", [{"TEXT": {"IN": heads}}, proper])
    subject = {"TEXT": {"REGEX": r"^[A-ZÄÖÜ][a-zäöüß\-]+$"}, "POS": {"IN": ["NOUN", "PROPN"]}}
    for tail in ([subject], [subject, {"LOWER": "und"}, subject],
                 [subject, {"ORTH": ","}, subject, {"LOWER": "und"}, subject]):
        add("head_fuer", [{"TEXT": {"IN": heads}}, {"LOWER": "für"}] + tail)
        add("head_fuer", [unique_body, {"LOWER": "für"}] + tail)
    # 4. name + legal form: "Siemens AG", "Volkswagen Financial Services GmbH", "ADAC e.V.", "Müller GmbH & Co. KG"
    forms = [r[0] for r in read_tsv("org_legal_forms.tsv")]
    for form in forms:
        form_tokens = [{"ORTH": t} for t in form.split(" ")]
        if form.startswith("&"):
            form_tokens = [{"ORTH": "GmbH"}] + form_tokens
        add("legal_form", [dict(NAME_TOKEN, OP="{1,4}")] + form_tokens)
    return patterns


def check_train(data_dir, model="models/de_pipeline_open"):
    """Precision of each pattern family against the GermEval 2014 TRAIN slice gold (exact ORG span)."""
    from collections import Counter, defaultdict

    import spacy

    sys.path.insert(0, str(HERE))
    import corpora

    nlp = spacy.load(model, exclude=["ner"])
    ruler = nlp.add_pipe("entity_ruler", name="org_ruler", config={"validate": True})
    ruler.add_patterns(build_patterns())
    refs = list(corpora.germeval_docs(nlp.vocab, Path(data_dir), corpora.TRAIN))
    hits, examples = Counter(), defaultdict(Counter)
    for ref, doc in zip(refs, nlp.pipe([r.text for r in refs], batch_size=64)):
        gold = {(e.start_char, e.end_char): e.label_ for e in ref.ents}
        for e in doc.ents:
            g = gold.get((e.start_char, e.end_char), "O")
            hits[(e.ent_id_, g)] += 1
            examples[(e.ent_id_, g)][e.text] += 1
    for fam in sorted({f for f, _ in hits}):
        n = sum(v for (f, _), v in hits.items() if f == fam)
        print(f"{fam:15s} matches {n:4d}  ORG {hits[(fam, 'ORG')] / n:.2f}  "
              + "  ".join(f"{g}:{v}" for (f, g), v in sorted(hits.items()) if f == fam))
        for (f, g), c in sorted(examples.items()):
            if f == fam and g != "ORG":
                print(f"    not ORG ({g}): " + ", ".join(f"{t} {k}" for t, k in c.most_common(12)))


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check-train", action="store_true")
    ap.add_argument("--data-dir", default="../shared/data")
    ap.add_argument("--model", default="models/de_pipeline_open")
    args = ap.parse_args()
    if args.check_train:
        check_train(args.data_dir, args.model)
    else:
        print(f"{len(build_patterns())} patterns")
