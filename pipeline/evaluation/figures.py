"""Evaluate the figures stage on ``eval/figures_table.tsv`` (``python cli.py evaluate figures``).

Table format (tab-separated, ``#`` lines are comments, one header line)::

    sentence  text  value  value_max  unit  counted  qualifier  kind  [split]

One row per expected figure. ``sentence`` may contain ``\\n`` for a line break; ``text`` is the expected span
(its first occurrence in the sentence). ``kind`` ``none`` means no figure may overlap the span (a false-positive
check: post codes, paragraph numbers, "CO2", the article "ein"). ``split`` is ``dev`` (written while the rules
were developed: optimistic) or ``test`` (written after they were frozen); a missing split counts as dev.

A gold row is matched to the predicted figure that overlaps its span most. Per field the score is the share of
gold rows whose matched figure has the expected value (numbers equal to 1e-6 relative), and ``all-exact`` needs
span, value, value_max, unit, counted, qualifier and kind all right. ``value+unit+qualifier`` is the issue's
acceptance measure (target >= 0.95). Rows of kind ``none`` score 1 on every field when nothing overlaps.

Every sentence is run through a blank German pipeline (tokenizer + sentencizer: the rules alone) and, when
``models/de_pipeline_open`` exists, through the project's pipeline too (POS and lemmas from the model).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

from .. import figures as fig
from ..nlp.model import PROJECT_MODEL_DIR, is_pipeline_dir

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "eval" / "figures_table.tsv"
FIELDS = ("span", "value", "value_max", "unit", "counted", "qualifier", "kind")
COLUMNS = ("sentence", "text", "value", "value_max", "unit", "counted", "qualifier", "kind")


@dataclass
class GoldRow:
    line: int
    sentence: str
    text: str
    value: float | None
    value_max: float | None
    unit: str | None
    counted: str | None
    qualifier: str | None
    kind: str
    split: str = "dev"

    @property
    def start(self) -> int:
        return self.sentence.index(self.text)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _number(cell: str, path: Path, line: int) -> float | None:
    if not cell:
        return None
    try:
        return float(cell)
    except ValueError:
        raise ValueError(f"{path}:{line}: not a number: {cell!r}") from None


def load_table(path: Path) -> list[GoldRow]:
    if not path.exists():
        raise FileNotFoundError(f"{path} not found")
    rows: list[GoldRow] = []
    header_seen = False
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if not header_seen:
            if tuple(cells[: len(COLUMNS)]) != COLUMNS:
                raise ValueError(f"{path}:{n}: header must start with {' '.join(COLUMNS)}")
            header_seen = True
            continue
        if len(cells) < len(COLUMNS):
            raise ValueError(f"{path}:{n}: expected {len(COLUMNS)} tab-separated cells, got {len(cells)}")
        sentence = cells[0].replace("\\n", "\n")
        if cells[1] not in sentence:
            raise ValueError(f"{path}:{n}: span {cells[1]!r} not in the sentence")
        rows.append(
            GoldRow(
                line=n,
                sentence=sentence,
                text=cells[1],
                value=_number(cells[2], path, n),
                value_max=_number(cells[3], path, n),
                unit=cells[4] or None,
                counted=cells[5] or None,
                qualifier=cells[6] or None,
                kind=cells[7],
                split=(cells[8] if len(cells) > 8 and cells[8] else "dev"),
            )
        )
    if not rows:
        raise ValueError(f"{path}: no rows")
    return rows


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _best_match(row: GoldRow, figures: list[fig.Figure]) -> fig.Figure | None:
    best, best_overlap = None, 0
    for f in figures:
        overlap = min(f.end_char, row.end) - max(f.start_char, row.start)
        if overlap > best_overlap:
            best, best_overlap = f, overlap
    return best


def score_row(row: GoldRow, figures: list[fig.Figure]) -> tuple[dict[str, bool], fig.Figure | None]:
    """Per-field correctness of the figure matched to one gold row."""
    match = _best_match(row, figures)
    if row.kind == "none":
        return {name: match is None for name in FIELDS}, match
    if match is None:
        return {name: False for name in FIELDS}, None
    return {
        "span": match.text == row.text,
        "value": _same_number(match.value, row.value),
        "value_max": _same_number(match.value_max, row.value_max),
        "unit": match.unit == row.unit,
        "counted": match.counted == row.counted,
        "qualifier": match.qualifier == (row.qualifier or "exact"),
        "kind": match.kind == row.kind,
    }, match


def pipelines() -> list[tuple[str, Language]]:
    out = []
    if is_pipeline_dir(PROJECT_MODEL_DIR):
        out.append((f"project pipeline ({PROJECT_MODEL_DIR.name}: POS, lemmas)", spacy.load(PROJECT_MODEL_DIR)))
    blank = spacy.blank("de")
    blank.add_pipe("sentencizer")
    out.append(("blank German pipeline (tokenizer + sentencizer: rules and resources only)", blank))
    return out


def evaluate(rows: list[GoldRow], nlp: Language) -> list[tuple[GoldRow, dict[str, bool], fig.Figure | None]]:
    results = []
    cache: dict[str, list[fig.Figure]] = {}
    for row in rows:
        if row.sentence not in cache:
            cache[row.sentence] = fig.extract_figures(nlp(row.sentence))
        ok, match = score_row(row, cache[row.sentence])
        results.append((row, ok, match))
    return results


def _describe(f: fig.Figure | None) -> str:
    if f is None:
        return "no figure"
    return f"{f.text!r} value={f.value} max={f.value_max} unit={f.unit} counted={f.counted} qualifier={f.qualifier} kind={f.kind}"


def summarise(results) -> list[str]:
    lines = []
    splits = list(dict.fromkeys(row.split for row, _, _ in results))  # in table order: dev, test, heldout
    for split in splits + (["all"] if len(splits) > 1 else []):
        subset = [(row, ok) for row, ok, _ in results if split in ("all", row.split)]
        n = len(subset)
        totals = Counter()
        for _, ok in subset:
            totals.update(name for name, good in ok.items() if good)
            totals["value+unit+qualifier"] += ok["value"] and ok["unit"] and ok["qualifier"]
            totals["all-exact"] += all(ok.values())
        cells = "  ".join(f"{name} {totals[name] / n:.3f}" for name in ("value", "unit", "qualifier", "kind", "counted"))
        lines.append(
            f"  {split:<5} n={n:<4} {cells}  value_max {totals['value_max'] / n:.3f}  span {totals['span'] / n:.3f}\n"
            f"        value+unit+qualifier {totals['value+unit+qualifier'] / n:.3f}  all-exact {totals['all-exact'] / n:.3f}"
        )
    return lines


def report(corpus: Path | None = None) -> str:
    path = Path(corpus) if corpus else DEFAULT_CORPUS
    rows = load_table(path)
    out = [f"Figures: {len(rows)} gold figures in {path.name} "
           f"({sum(r.kind == 'none' for r in rows)} of them 'none' false-positive checks)"]
    for name, nlp in pipelines():
        results = evaluate(rows, nlp)
        out.append(f"\n{name}")
        out.extend(summarise(results))
        failures = [(row, ok, match) for row, ok, match in results if not all(ok.values())]
        out.append(f"  failures ({len(failures)}):")
        for row, ok, match in failures:
            wrong = ", ".join(name for name, good in ok.items() if not good)
            expected = (f"value={row.value} max={row.value_max} unit={row.unit} counted={row.counted} "
                        f"qualifier={row.qualifier} kind={row.kind}")
            out.append(f"    line {row.line} [{row.split}] {row.text!r} wrong: {wrong}\n"
                       f"      expected {expected}\n      got      {_describe(match)}")
    return "\n".join(out)
