"""How often the SpkAtt gold marks a reporting-verb form as a speech Cue when its sentence has no content clause.

Used in issue 19 (eighth round) to check, on open data, which verbs of ``pipeline/resources/reporting_verbs.tsv``
are speech acts on their own (column ``clause`` = act): for every lower-case form of a lexicon verb in a sentence
without a content clause after it (no ", dass/ob/wie/w-word", no colon after it, no quotation mark, no comma right
before it), count the occurrences and how many the gold marks as Cue. Surface only (no parse); forms shared by
several lexicon verbs are reported under all of them joined by "/".

    python benchmarks/spkatt_cue_rates.py ../shared/data/SpkAtt2023-debates/train/task1 [--min 4] [--lemma verweisen]

Data: the SpkAtt-2023 debates (CC BY-SA 4.0) may be used for anything with attribution; the SpkAtt news train split
(CC BY-NC-SA) only to measure, never to derive shipped lists; its dev and test splits never.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.claims import reporting  # noqa: E402

MARKS = set("„“”\"»«‹›‚‘")
CONTENT_STARTS = {"dass", "ob", "wie", "was", "warum", "wer", "wo"}


def rates(folder: Path) -> tuple[collections.Counter, collections.Counter]:
    forms = reporting.verb_forms()
    occurrences: collections.Counter = collections.Counter()
    cues: collections.Counter = collections.Counter()
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold = {t for a in data["Annotations"] for t in a["Cue"]}
        for sent in data["Sentences"]:
            words, sid = sent["Tokens"], sent["SentenceId"]
            if any(w in MARKS for w in words):
                continue
            for i, w in enumerate(words):
                entries = forms.get(w) if w.islower() else None
                if not entries or ":" in words[i + 1:] or (i > 0 and words[i - 1] == ","):
                    continue
                if any(words[j] == "," and j + 1 < len(words) and words[j + 1].lower() in CONTENT_STARTS
                       for j in range(i + 1, len(words))):
                    continue
                key = "/".join(sorted({f"{vf.verb.lemma}:{vf.verb.clause}" for vf in entries}))
                occurrences[key] += 1
                cues[key] += f"{sid}:{i}" in gold
    return occurrences, cues


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--min", type=int, default=4, help="report lemmas with at least this many occurrences")
    ap.add_argument("--lemma", default=None, help="only keys containing this lemma")
    args = ap.parse_args()
    occ, cue = rates(args.folder)
    print("lemma:clause                 cue/occurrences without a content clause")
    for key in sorted(occ, key=lambda k: -occ[k]):
        if occ[key] >= args.min and (args.lemma is None or args.lemma in key):
            print(f"{key:28} {cue[key]:4}/{occ[key]:<4} {cue[key] / occ[key]:.2f}")


if __name__ == "__main__":
    main()
