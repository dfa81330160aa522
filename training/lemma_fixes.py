"""Lemma exceptions for an attribute_ruler that runs after the lookup lemmatizer.

The spacy-lookups-data German table maps e.g. "sie"/"er"/"wir" -> "ich", "sein" -> "mein", "habe" -> "habe" and
misses sentence-initial capitalised function words ("In", "Diese"). From the UD TRAIN slices (GSD+PUD, see
corpora.py) we collect (lower-cased form, UPOS) pairs seen >= MIN_COUNT times whose gold lemma is consistent
(>= 90 %) and differs from the lookup result; each becomes a pattern {LOWER, POS} -> LEMMA.
Source of the derived patterns: UD German GSD (CC BY-SA 4.0) and PUD (CC BY-SA 3.0) lemmas.
"""
from collections import Counter, defaultdict

MIN_COUNT = 3


def build_patterns(vocab, table, data_dir, min_count=MIN_COUNT):
    import corpora

    seen = defaultdict(Counter)
    for _, doc in corpora.ud_docs(vocab, data_dir, corpora.TRAIN):
        for t in doc:
            if t.lemma_ and " " not in t.lemma_:
                seen[(t.text.lower(), t.pos_)][t.lemma_] += 1
    patterns = []
    for (form, pos), lemmas in sorted(seen.items()):
        n = sum(lemmas.values())
        lemma, k = lemmas.most_common(1)[0]
        if n < min_count or k / n < 0.9 or pos in ("PROPN", "NOUN", "NUM", "X", "PUNCT", "SYM"):
            continue
        lookup_lower = table.get(form, form)
        lookup_title = table.get(form.capitalize(), form.capitalize())
        if lookup_lower == lemma and lookup_title == lemma:
            continue
        patterns.append({"patterns": [[{"LOWER": form, "POS": pos}]], "attrs": {"LEMMA": lemma}})
    return patterns


# Gender-inclusive person nouns: "Teilnehmer:innen", "Expert*innen", "Kolleg_innen", "LehrerInnen", "Bürger:in".
# The lookup table does not know them, so they kept their surface form as lemma (and were often tagged PROPN/NUM).
# They get the generic (masculine) lemma, the convention of the project's figures stage ("Teilnehmer:innen" ->
# Teilnehmer, "Expert*innen" -> Experte; docs/figures.md).
GENDER_MARKS = (":", "*", "_")
GENDER_FORM_REGEX = r"^[A-ZÄÖÜ][a-zäöüß]+(?:[:*_](?:innen|in)|Innen)$"
_DEUMLAUT = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U"})


def _read_nouns(data_dir):
    import csv
    from pathlib import Path

    path = Path(data_dir) / "german-nouns" / "nouns.csv"
    with open(path, encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for row in reader:
            genders = {g for g in row[2:7] if g}
            yield row[0], row[1], genders


def gender_inclusive_lemmas(data_dir):
    """{gender-inclusive form: generic lemma} from german-nouns (CC BY-SA 4.0, de.wiktionary; build time only).

    A feminine noun in -in ("Expertin", "Ärztin", "Teilnehmerin") whose stem, stem + "e" or de-umlauted stem is a
    masculine noun ("Experte", "Arzt", "Teilnehmer") yields the forms stem + {:,*,_} + {in, innen} and
    stem + "Innen"/"In", all mapped to the masculine lemma.
    """
    masculine, feminine = set(), []
    for lemma, pos, genders in _read_nouns(data_dir):
        if "Substantiv" not in pos or any(x in pos for x in ("Eigenname", "Toponym", "Nachname", "Vorname")):
            continue
        if "m" in genders:
            masculine.add(lemma)
        if "f" in genders and lemma.endswith("in") and len(lemma) > 4:
            feminine.append(lemma)
    table = {}
    for fem in feminine:
        stem = fem[:-2]
        for cand in (stem, stem + "e", stem.translate(_DEUMLAUT), stem.translate(_DEUMLAUT) + "e"):
            if cand in masculine:
                break
        else:
            continue
        for mark in GENDER_MARKS:
            table[f"{stem}{mark}innen"] = cand
            table[f"{stem}{mark}in"] = cand
        table[f"{stem}Innen"] = cand
        table[f"{stem}In"] = cand
    return table


def gender_form_patterns():
    """attribute_ruler patterns: a gender-inclusive form is a common noun (NOUN/NN), whatever the tagger guessed."""
    return [{"patterns": [[{"TEXT": {"REGEX": GENDER_FORM_REGEX}}]], "attrs": {"POS": "NOUN", "TAG": "NN"}}]
