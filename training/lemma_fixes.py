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
