"""Scoring a reviewed audit sheet: attribution accuracy with confidence intervals.

``score_report(csv_path)`` turns the verdicts reviewers filled into ``audit.csv`` (written by
``pipeline.audit``) into attribution accuracy, claim precision and exact-correct rates, each with a 95 %
Wilson interval, broken down by resolution method, form and confidence band.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..audit.report import SPEAKER_RIGHT, VERDICTS, confidence_band, normalise_verdict, read_sheet


def wilson_interval(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval: honest for the small samples a manual audit produces."""
    if n == 0:
        return 0.0, 0.0
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _rate(label: str, k: int, n: int) -> str:
    if n == 0:
        return f"{label}: n/a (0 claims)"
    lo, hi = wilson_interval(k, n)
    return f"{label}: {k}/{n} = {100 * k / n:.1f}% (95% CI {100 * lo:.1f}-{100 * hi:.1f}%)"


def score_verdicts(rows: Sequence[Mapping[str, str]]) -> dict[str, Any]:
    """Counts and rates from reviewed rows; raises ``ValueError`` on verdicts outside ``VERDICTS``."""
    reviewed = [(r, normalise_verdict(r["verdict"])) for r in rows if r.get("verdict", "").strip()]
    invalid = [f"{r.get('claim_id', '?')}: {r['verdict']!r}" for r, v in reviewed if v not in VERDICTS]
    if invalid:
        raise ValueError(f"unknown verdict(s) {invalid[:5]}; allowed: {', '.join(VERDICTS)}")
    counts = Counter(v for _, v in reviewed)
    real = len(reviewed) - counts["not_a_claim"]
    right_speaker = sum(counts[v] for v in SPEAKER_RIGHT)
    groups: dict[str, dict[str, list[int]]] = {}
    for column, key in (("speaker_resolution", lambda r: r.get("speaker_resolution") or "unknown"), ("form", lambda r: r.get("form") or "unknown"), ("confidence", lambda r: confidence_band(r.get("confidence", "")))):
        table = groups.setdefault(column, {})
        for r, v in reviewed:
            if v != "not_a_claim":
                cell = table.setdefault(key(r), [0, 0])
                cell[0] += v in SPEAKER_RIGHT
                cell[1] += 1
    return {
        "total": len(rows),
        "reviewed": len(reviewed),
        "counts": dict(counts),
        "real_claims": real,
        "speaker_right": right_speaker,
        "attribution_accuracy": right_speaker / real if real else None,
        "claim_precision": real / len(reviewed) if reviewed else None,
        "exact": counts["correct"] / len(reviewed) if reviewed else None,
        "groups": groups,
    }


def score_report(csv_path: Path) -> str:
    """Attribution accuracy from a reviewed audit.csv, with 95% intervals and breakdowns."""
    csv_path = Path(csv_path)
    if not csv_path.exists():
        raise FileNotFoundError(f"{csv_path} not found: run `python cli.py audit` first")
    rows = read_sheet(csv_path)
    s = score_verdicts(rows)
    if not s["reviewed"]:
        raise ValueError(f"{csv_path}: no verdicts filled in yet (column 'verdict': {', '.join(VERDICTS)})")
    lines = [
        f"{csv_path}: {s['reviewed']} of {s['total']} claims reviewed",
        "verdicts: " + ", ".join(f"{v} {s['counts'].get(v, 0)}" for v in VERDICTS),
        _rate("attribution accuracy (speaker right, of real claims)", s["speaker_right"], s["real_claims"]),
        _rate("claim precision (real claims, of reviewed)", s["real_claims"], s["reviewed"]),
        _rate("exactly correct (of reviewed)", s["counts"].get("correct", 0), s["reviewed"]),
    ]
    for column, table in s["groups"].items():
        if table:
            lines.append(f"attribution accuracy by {column}:")
            lines += [f"  {name:<14} {k}/{n} = {100 * k / n:.1f}%" for name, (k, n) in sorted(table.items())]
    return "\n".join(lines)
