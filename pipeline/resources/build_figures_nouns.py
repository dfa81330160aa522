"""Derive ``figures_noun_lemmas.tsv`` from the german-nouns lexicon (run once; the output is committed).

    python -m pipeline.resources.build_figures_nouns /work/shared/data/german-nouns/nouns.csv

The figures stage needs the lemma of the counted noun ("rund 1.500 Teilnehmern" -> "Teilnehmer") even with
a blank pipeline that has no lemmatizer. Shipping every inflected form would be ~2.6 MB, so only the forms
that the runtime cannot derive are kept: ``pipeline.figures.noun_lemma`` first looks a form up, then takes
the longest known compound head ("Großunternehmen" -> head "Unternehmen"), then applies suffix-stripping
rules. This script keeps a form exactly when that procedure, run over the entries kept so far (shortest
first), would get it wrong -- so every plural and nominative singular form in the lexicon is lemmatised
as the lexicon says by construction (ambiguous forms: see ``preferred_lemma``), in ~28k lines.
"""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

HEADER = """\
# Noun form -> lemma for the counted noun of figures ("Teilnehmern" -> "Teilnehmer"), used when the pipeline
# has no lemmatizer. Derived from german-nouns 1.2.5 (https://github.com/gambolputty/german-nouns, data from
# de.wiktionary.org), licence CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/); this derived
# list is distributed under the same licence. Attribution: Gregor Weichbrodt and the Wiktionary contributors.
# Changes: only plural forms and nominative singulars of capitalised single-word lemmas; nominalised adjectives
# lemmatised to their -e form ("Beschäftigten" -> "Beschäftigte"); a form of several lemmas gets a lemma it is the
# plural of, sharing its longest prefix ("Schiffe" -> "Schiff", "Gemeinden" -> "Gemeinde"); only the forms that pipeline.figures.noun_lemma cannot derive from a shorter entry or
# its suffix rules are kept. Produced by pipeline/resources/build_figures_nouns.py. Columns: form, lemma.
"""


def collect_forms(nouns_csv: Path) -> dict[str, dict[str, bool]]:
    """form -> {lemma: True if the form is a plural of that lemma}."""
    forms: dict[str, dict[str, bool]] = {}
    with nouns_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            lemma = row["lemma"]
            if not lemma or not lemma[0].isupper() or " " in lemma or "-" in lemma[1:]:
                continue
            if "adjektivische Deklination" in row["pos"] and lemma.endswith("er"):
                # nominalised adjectives ("Beschäftigter"/"Beschäftigte"): one gender-neutral lemma, the
                # plural/feminine form, which is what a count names ("15 Beschäftigte")
                lemma = lemma[:-1]
            forms.setdefault(lemma, {}).setdefault(lemma, False)
            for column, form in row.items():
                if "plural" in column and form and " " not in form:
                    forms.setdefault(form, {})[lemma] = True
    return forms


def preferred_lemma(form: str, lemmas: dict[str, bool]) -> str:
    """One lemma for an ambiguous form. A counted noun is almost always plural, so lemmas the form is a plural
    of come first ("Schiffe" -> "Schiff", not the rare homograph lemma "Schiffe"), and among those a lemma other
    than the form itself ("Platten" -> "Platte", not the rare "der Platten"); then the lemma sharing the longest prefix ("Gemeinden" -> "Gemeinde", not "Gemein"); then alphabetical order for determinism."""
    return min(lemmas, key=lambda lemma: (not lemmas[lemma], lemma == form and len(lemmas) > 1,
                                          -len(os.path.commonprefix([form, lemma])), lemma))


def build(nouns_csv: Path) -> dict[str, str]:
    from pipeline.figures import derive_noun_lemma

    kept: dict[str, str] = {}
    for form in sorted(forms := collect_forms(nouns_csv), key=lambda f: (len(f), f)):
        lemma = preferred_lemma(form, forms[form])
        if derive_noun_lemma(form, kept) != lemma:
            kept[form] = lemma
    return kept


def main(argv: list[str]) -> None:
    source = Path(argv[0]) if argv else Path("/work/shared/data/german-nouns/nouns.csv")
    target = Path(__file__).with_name("figures_noun_lemmas.tsv")
    kept = build(source)
    with target.open("w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        for form in sorted(kept):
            out.write(f"{form}\t{kept[form]}\n")
    print(f"{target}: {len(kept)} forms")


if __name__ == "__main__":
    main(sys.argv[1:])
