"""Derive ``first_names_gender.tsv`` from the Berlin first-name lists (run once; the output is committed).

    python -m pipeline.resources.build_first_names /work/shared/data/Vornamen-Berlin [german-nouns.csv]

Why these filters: the lists count newborns per name and sex, so a name's gender is only a guess
when one sex clearly dominates (share >= MIN_SHARE) and the name is frequent enough that the share
means something (count >= MIN_COUNT). Names that are also ordinary German nouns ("Sonne", "Paris"
is not a noun but "Europa" would hurt) are dropped when a noun list is given, because the name
lexicon is also used to spot person names in text; the noun list is only a filter and nothing of
it is shipped.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

MIN_COUNT = 20
MIN_SHARE = 0.95
HEADER = """\
# First name -> grammatical gender guess, derived from "Liste der häufigen Vornamen" Berlin 2012-2023.
# Source: https://github.com/berlinonline/haeufige-vornamen-berlin (data/cleaned, commit e8760a76)
# Data licence: CC BY 3.0 DE (https://creativecommons.org/licenses/by/3.0/de/).
# Attribution: Berliner Landesamt für Bürger- und Ordnungsangelegenheiten (LABO) / BerlinOnline Stadtportal GmbH & Co. KG
# Changes: counts summed over all years and districts; kept names with >= {min_count} newborns whose majority
# sex has a share >= {share:.0%}; names that are common German nouns or single letters removed.
# Produced by pipeline/resources/build_first_names.py. Columns: name, gender (female|male), count.
"""
# Never a first name in running text even if parents chose it (kept short: the noun filter does most).
STOP = {"Von", "Zu", "De", "Da", "Al", "Bin", "Kein", "Noch", "Nicht", "Vorname", "Europa", "Paris", "Berlin", "China", "India", "Amerika", "America"}


def aggregate(root: Path) -> dict[str, Counter]:
    counts: dict[str, Counter] = {}
    for path in sorted(root.glob("data/cleaned/*/*.csv")):
        with open(path, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                name = (row.get("vorname") or "").strip()
                sex = (row.get("geschlecht") or "").strip()
                if not name or sex not in ("m", "w"):
                    continue
                try:
                    n = int(row.get("anzahl") or 0)
                except ValueError:
                    continue
                counts.setdefault(name, Counter())[sex] += n
    return counts


def load_nouns(path: Path | None) -> set[str]:
    if path is None or not path.exists():
        return set()
    nouns, given = set(), set()
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            (given if "Vorname" in (row.get("pos") or "") else nouns).add(row.get("lemma") or "")
    # A word that Wiktionary also lists as a first name stays ("Marina", "Jan").
    return nouns - given


def main(root: str, nouns_csv: str | None = None) -> None:
    nouns = load_nouns(Path(nouns_csv) if nouns_csv else None)
    rows = []
    for name, c in aggregate(Path(root)).items():
        total = c["m"] + c["w"]
        if total < MIN_COUNT or len(name) < 2 or not name[0].isupper() or not name.replace("-", "").isalpha():
            continue
        if name in STOP or name in nouns:
            continue
        sex, n = c.most_common(1)[0]
        if n / total >= MIN_SHARE:
            rows.append((name, "female" if sex == "w" else "male", total))
    out = Path(__file__).with_name("first_names_gender.tsv")
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(HEADER.format(min_count=MIN_COUNT, share=MIN_SHARE))
        for name, gender, total in sorted(rows):
            fh.write(f"{name}\t{gender}\t{total}\n")
    print(f"{len(rows)} names -> {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
