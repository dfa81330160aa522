"""The labelled corpora of the clean stage: hand-written snippets and real pages (formats: see
``pipeline/evaluation/boilerplate.py``). Read by the evaluation and by the classifier's training command."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import boilerplate as bp
from .gold_files import json_lines

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "eval" / "boilerplate_snippets.jsonl"
LABELS = ("content",) + bp.CATEGORIES


@dataclass(frozen=True)
class Record:
    id: str
    doc: str
    label: str
    split: str
    text: str
    note: str = ""


def load_corpus(path: Path | None = None) -> list[Record]:
    path = Path(path or DEFAULT_CORPUS)
    records = []
    for number, row in json_lines(path):
        label, text = row.get("label"), row.get("text", "")
        if label not in LABELS:
            raise ValueError(f"{path}:{number}: label {label!r} is not one of {', '.join(LABELS)}")
        if not text.strip() or "\n" in text:
            raise ValueError(f"{path}:{number}: text must be one non-empty line")
        rid = str(row.get("id") or f"line{number}")
        records.append(Record(rid, str(row.get("doc") or f"_{rid}"), label, row.get("split") or "dev", text, row.get("note", "")))
    return records


REALPAGES_DIR = Path(__file__).resolve().parents[2] / "eval" / "realpages"
REAL_LABELS = ("content",) + bp.CATEGORIES
HELDOUT_SHARE = 3  # of 10 hash buckets: a site (never a page) goes to the held-out part


@dataclass(frozen=True)
class Page:
    id: str
    kind: str
    site: str
    url: str
    split: str  # "dev" or "heldout", decided by the site alone (see split_of); "test" for test_*.txt files
    blocks: tuple[tuple[str, str], ...]  # (label, text), one per line of the page


def split_of(site: str) -> str:
    """The corpus part of a site: a fixed hash of its domain, so one site is never in both parts and the split
    was decided before any rule was written (10 buckets, 3 held out)."""
    import hashlib

    return "heldout" if int(hashlib.sha1(site.encode("utf-8")).hexdigest(), 16) % 10 < HELDOUT_SHARE else "dev"


# the files of the corpus, <prefix>_*.txt in this order; "pages" files are split by site (dev / heldout,
# ``split_of``), every other prefix names its part
PART_FILE_PREFIXES = ("pages", "test", "fresh", "round3", "round4", "round5", "round6", "round7", "round8", "round9",
                      "round10", "round11", "round12", "round13", "round14", "round15")


def load_pages(directory: Path | None = None) -> list[Page]:
    """The labelled pages of ``eval/realpages/pages_*.txt`` (format: see the head of pages_a.txt)."""
    directory = Path(directory or REALPAGES_DIR)
    # pages_*.txt: dev and held-out by site hash; test_*.txt: a fresh part collected after the freeze ("test")
    # fresh_*.txt: round 2 of issue 18, collected after the round-2 rules were frozen ("fresh")
    # round3_*.txt: round 3 of issue 18, held out from the block classifier's development ("round3"; looked at
    # since, development data of the second round)
    # round4_*.txt: second round of issue 18, held out from its development ("round4"; looked at since,
    # development data of the third round)
    # round5_*.txt: third round of issue 18, collected before it and held out from its development ("round5";
    # measured and looked at since, development data of the fourth round)
    # round6_*.txt: fourth round of issue 18, collected before it and held out from its development ("round6";
    # measured and looked at since, development data of the fifth round)
    # round7_*.txt: held out from the fifth round ("round7"; collected by a helper who does not develop the stage;
    # measured once by the lead, development data since)
    # round8_*.txt: held out from the sixth round ("round8"; collected after round 7 was measured, by a helper who
    # does not develop the stage; measured once by the lead, development data of the seventh round)
    # round9_*.txt: held out after the seventh round ("round9"; collected by a helper who does not develop the stage,
    # from sites in no other part; measured once by the lead, development data of the eighth round)
    # round10_*.txt: held out after the eighth round ("round10"; collected by a helper who does not develop the stage)
    # round11_*.txt: held out after the ninth round ("round11"; collected by a helper who does not develop the stage)
    # round12_*.txt: collected to be held out ("round12"; collected on 2026-12-04 evening by a helper who does not
    # develop the stage; measured once by the lead, development data since the eleventh round)
    # round13_*.txt: held out ("round13"; collected on 2026-12-05 by a helper who does not develop the stage, from
    # sites in no other part; neither a development part nor fitted by the training command until the lead measured it)
    # round14_*.txt: held out ("round14"; collected on 2026-12-07 by a helper who does not develop the stage, from
    # sites in no other part; neither a development part nor fitted by the training command until the lead measured it)
    # round15_*.txt: held out ("round15"; collected on 2026-12-08 by a helper who does not develop the stage, from
    # sites in no other part; neither a development part nor fitted by the training command until the lead measured it)
    files = [f for prefix in PART_FILE_PREFIXES for f in sorted(directory.glob(f"{prefix}_*.txt"))]
    if not files:
        raise FileNotFoundError(f"no real-page files (pages_*.txt) in {directory}")
    pages: list[Page] = []
    seen: set[str] = set()
    for path in files:
        header, blocks = None, []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("### "):
                if header:
                    pages.append(Page(*header, tuple(blocks)))
                parts = [p.strip() for p in line[4:].split("|", 3)]
                if len(parts) != 4 or not all(parts):
                    raise ValueError(f"{path}:{number}: page header must be '### id | kind | site | url'")
                if parts[0] in seen:
                    raise ValueError(f"{path}:{number}: duplicate page id {parts[0]!r}")
                seen.add(parts[0])
                prefix = path.name.split("_", 1)[0]
                split = split_of(parts[2]) if prefix == "pages" else prefix
                header, blocks = (parts[0], parts[1], parts[2], parts[3], split), []
            elif not line.strip() or line.startswith("#"):
                continue
            else:
                label, sep, text = line.partition("\t")
                if not sep or not text.strip():
                    raise ValueError(f"{path}:{number}: expected 'label<TAB>text'")
                if label not in REAL_LABELS:
                    raise ValueError(f"{path}:{number}: label {label!r} is not one of {', '.join(REAL_LABELS)}")
                if header is None:
                    raise ValueError(f"{path}:{number}: block before the first page header")
                blocks.append((label, text))
        if header:
            pages.append(Page(*header, tuple(blocks)))
    return pages


