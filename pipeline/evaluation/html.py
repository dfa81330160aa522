"""Evaluate HTML input on real German news pages (``python cli.py evaluate html [--corpus DIR]``).

Pages: third-party pages, kept out of the repository. ``eval/html_pages.jsonl`` names each page (repository, path,
commit, SHA-256 prefix of the decompressed page) and holds our labels; ``benchmarks/collect_html_pages.py``
writes the pages into ``.cache/html_pages/`` (the default ``--corpus``) from a local clone.

Labels: per page, the lines of the visible text (``html_input.visible_text``) that are article text -- lead,
body paragraphs, sub-headings, lists and tables of the article; not headline, kicker, byline, date, captions,
credits, teasers, embedded-content notices, boxes of other articles, comments or any page furniture. A line is
stored as the first 12 hex digits of the SHA-1 of its text without white space (no third-party text in the
repository). The page's headline is neither article nor junk here (trafilatura reports it as metadata, our stage
keeps it): it is left out of every number.

Numbers, over characters without white space, pooled over all pages (and averaged per page):

* article kept: share of the article text that the system keeps;
* junk removed: share of everything else on the page that the system removes;
* precision: share of the kept text that is article text.

Systems: trafilatura alone (``favor_precision`` and ``favor_recall``; its text output aligned onto the visible
lines as in html_input, a line counts as kept when at least half of it was extracted); our stage (trafilatura
with precision -- the default -- or recall, then the project's classifier on what is left, as in
``python cli.py extract``); the project's plain-text classifier alone on the visible text (what happens when a
page is copied into a .txt file).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .. import boilerplate as bp
from ..ingest import html as html_input

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "eval" / "html_pages.jsonl"
DEFAULT_CORPUS = ROOT / ".cache" / "html_pages"
SYSTEMS = ("trafilatura precision", "trafilatura recall", "our stage", "our stage, --html-favour recall", "classifier alone")


def line_key(text: str) -> str:
    return hashlib.sha1(html_input._compact(text)[0].encode("utf-8")).hexdigest()[:12]


@dataclass
class Tally:
    article: int = 0
    article_kept: int = 0
    junk: int = 0
    junk_removed: int = 0
    pages: list[tuple[float, float]] = field(default_factory=list)

    def add(self, article: int, article_kept: int, junk: int, junk_removed: int) -> None:
        self.article += article
        self.article_kept += article_kept
        self.junk += junk
        self.junk_removed += junk_removed
        self.pages.append((article_kept / max(1, article), junk_removed / max(1, junk)))

    def row(self, name: str) -> str:
        kept_total = self.article_kept + (self.junk - self.junk_removed)
        macro_kept = sum(p[0] for p in self.pages) / max(1, len(self.pages))
        macro_junk = sum(p[1] for p in self.pages) / max(1, len(self.pages))
        return (
            f"| {name} | {self.article_kept / max(1, self.article):.3f} | {self.junk_removed / max(1, self.junk):.3f} | "
            f"{self.article_kept / max(1, kept_total):.3f} | {macro_kept:.3f} | {macro_junk:.3f} | "
            f"{sum(1 for p in self.pages if p[0] < 0.9)} |"
        )


def load_labels(path: Path = LABELS) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _line_removed(visible: html_input.VisibleText, removed_spans: list[tuple[int, int]]) -> list[bool]:
    """Per visible line: is most of it inside removed spans?"""
    flags = []
    for line in visible.lines:
        size = line.end - line.start
        covered = sum(max(0, min(line.end, e) - max(line.start, s)) for s, e in removed_spans)
        flags.append(covered >= 0.5 * size)
    return flags


def evaluate_page(data: bytes, article_keys: set[str], lexicon: bp.Lexicon) -> tuple[dict[str, tuple[int, int, int, int]], int]:
    """Per system (article chars, article kept, junk chars, junk removed) and the number of labelled lines found."""
    text, _, _ = html_input.decode_html(data)
    root, _, _ = html_input.parse_html(text)
    visible = html_input.visible_text(root)
    meta = html_input.page_metadata(text, root)
    lines = [visible.text[l.start : l.end] for l in visible.lines]
    keys = [line_key(l) for l in lines]
    sizes = [len(html_input._compact(l)[0]) for l in lines]
    headline = {line_key(meta["title"])} if meta.get("title") else set()
    headline |= {keys[i] for i, l in enumerate(visible.lines) if l.tag == "h1"}
    decisions: dict[str, list[bool]] = {}
    for mode in ("precision", "recall"):
        main = html_input.extract_main_text(root, mode) or ""
        removed = html_input.removed_lines(visible, html_input.align(visible.text, main), meta.get("title")) if main else []
        decisions[f"trafilatura {mode}"] = _line_removed(visible, [(s, e) for s, e, _ in removed])
        predecided = [(s, e, c, ((html_input.EXTRACTOR_SIGNAL, html_input.EXTRACTOR_WEIGHT),)) for s, e, c in removed]
        ours = bp.clean_document(visible.text, lexicon=lexicon, predecided=predecided)
        decisions["our stage" if mode == "precision" else "our stage, --html-favour recall"] = _line_removed(
            visible, [(b.start_char, b.end_char) for b in ours.removed_blocks]
        )
    alone = bp.clean_document(visible.text, lexicon=lexicon)
    decisions["classifier alone"] = _line_removed(visible, [(b.start_char, b.end_char) for b in alone.removed_blocks])
    results = {}
    for system, removed_flags in decisions.items():
        article = article_kept = junk = junk_removed = 0
        for key, size, removed in zip(keys, sizes, removed_flags):
            if key in headline and key not in article_keys:
                continue
            if key in article_keys:
                article += size
                article_kept += 0 if removed else size
            else:
                junk += size
                junk_removed += size if removed else 0
        results[system] = (article, article_kept, junk, junk_removed)
    return results, len(article_keys & set(keys))


def report(corpus: Path | None = None) -> str:
    pages_dir = Path(corpus) if corpus else DEFAULT_CORPUS
    labels = load_labels()
    missing = [r["page_id"] for r in labels if not (pages_dir / f"{r['page_id']}.html").is_file()]
    if len(missing) == len(labels):
        raise FileNotFoundError(f"no labelled page found in {pages_dir}: run benchmarks/collect_html_pages.py --clone <clone of {labels[0]['repo']}> first")
    lexicon = bp.load_lexicon()
    tallies = {s: Tally() for s in SYSTEMS}
    found = total = 0
    per_page: list[tuple[float, float, str]] = []
    for row in labels:
        path = pages_dir / f"{row['page_id']}.html"
        if not path.is_file():
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest()[:16] != row["sha256"]:
            raise ValueError(f"{path}: not the labelled page (SHA-256 differs)")
        keys = set(row["article_lines"])
        results, matched = evaluate_page(data, keys, lexicon)
        found += matched
        total += len(keys)
        for system, numbers in results.items():
            tallies[system].add(*numbers)
        article, kept, junk, removed = results["our stage"]
        per_page.append((kept / max(1, article), removed / max(1, junk), row["page_id"]))
    n = len(labels) - len(missing)
    lines = [
        f"HTML input on {n} real German news pages ({pages_dir}); labels eval/html_pages.jsonl, {found} of {total} labelled article lines found in today's visible text",
        "",
        "| system | article kept | junk removed | precision | article kept (page mean) | junk removed (page mean) | pages < 0.9 kept |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [tallies[s].row(s) for s in SYSTEMS]
    worst = sorted(per_page)[:5]
    lines += ["", "our stage, pages with the least article text kept: " + ", ".join(f"{p} (kept {k:.2f}, junk removed {j:.2f})" for k, j, p in worst)]
    if missing:
        lines += ["", f"missing pages (not evaluated): {', '.join(missing)}"]
    return "\n".join(lines)
