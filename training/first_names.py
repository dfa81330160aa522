"""First-name gazetteer for a PER entity_ruler (derived data, shipped inside the model).

Source: "Liste der häufigen Vornamen" Berlin 2012-2023, data/cleaned, https://github.com/berlinonline/haeufige-vornamen-berlin
Licence CC BY 3.0 DE; attribution: Berliner Landesamt für Bürger- und Ordnungsangelegenheiten (LABO) /
BerlinOnline Stadtportal GmbH & Co. KG. We ship only a derived list (names given to >= MIN_COUNT children in total,
alphabetic, capitalized, >= 3 letters, not a German common-noun form, not a known place/organisation word).
"""
import csv
from collections import Counter
from pathlib import Path

MIN_COUNT = 30


def load_first_names(data_dir, exclude=(), min_count=MIN_COUNT):
    counts = Counter()
    for path in sorted((Path(data_dir) / "Vornamen-Berlin" / "data" / "cleaned").glob("*/*.csv")):
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                try:
                    counts[row["vorname"].strip()] += int(row["anzahl"])
                except (KeyError, ValueError):
                    continue
    names = set()
    for name, n in counts.items():
        if n < min_count or len(name) < 3 or not name.isalpha() or not name[0].isupper() or name.isupper():
            continue
        if name in exclude:
            continue
        names.add(name)
    return sorted(names)


def germeval_non_person_words(data_dir):
    """Words that occur in GermEval TRAIN-slice LOC/ORG/OTH entities more often than in PER ones ("Berlin")."""
    import corpora

    per, other = Counter(), Counter()
    for i, words, tags in corpora.read_germeval(data_dir):
        if corpora.split_of(i) != corpora.TRAIN:
            continue
        for w, t in zip(words, tags):
            if t[:2] in ("B-", "I-"):
                (per if t[2:] == "PER" else other)[w] += 1
    return {w for w in other if other[w] > per[w]}


def ruler_patterns(names):
    """First name + capitalized proper noun (+ optional second proper noun) -> PER.
    Added after the statistical ner with overwrite_ents=False, so it only fills gaps."""
    first = {"ORTH": {"IN": names}}
    last = {"IS_TITLE": True, "POS": "PROPN", "LENGTH": {">=": 2}}
    return [
        {"label": "PER", "pattern": [first, last, last], "id": "vorname+2"},
        {"label": "PER", "pattern": [first, last], "id": "vorname+1"},
        {"label": "PER", "pattern": [first, first, last], "id": "2vornamen+1"},
    ]
