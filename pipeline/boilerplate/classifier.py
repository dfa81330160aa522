"""The block classifier of the clean stage (issue 18): a logistic regression over ``features.FEATURES``.

The weights are data (``resources/boilerplate_model.tsv``), fitted on the labelled real pages and hand-written
blocks of ``eval/`` by ``python -m pipeline.boilerplate.train`` (``make boilerplate-model``); nothing here needs
numpy at run time: a block's probability is a dot product. ``fit`` (used by the training command only) is a
plain L2-regularised Newton/IRLS fit on standardised features, folded back into raw-feature weights.
"""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .features import FEATURES

MODEL_FILE = Path(__file__).resolve().parents[1] / "resources" / "boilerplate_model.tsv"


@dataclass(frozen=True)
class Model:
    names: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float  # probability from which a block is boilerplate
    smoothing: bool = True  # the context pass after the model (orchestrator._smooth)
    rules_or_model: bool = False  # remove what the rules removed as well as what the model removes
    l2: float = 1.0  # how it was fitted (the evaluation refits per fold with the same settings)
    rule_evidence: bool = True  # fitted with the rule layer's evidence among the features

    def probability(self, row: Sequence[float]) -> float:
        z = self.bias + sum(map(operator.mul, self.weights, row))
        return 1.0 / (1.0 + math.exp(-z)) if z > -40 else 0.0

    def explain(self, row: Sequence[float], k: int = 3) -> list[tuple[str, float]]:
        """The ``k`` features that pushed the block most towards its side of the decision, with w*x."""
        z = self.bias + sum(map(operator.mul, self.weights, row))
        parts = [(n, w * x) for n, w, x in zip(self.names, self.weights, row) if w * x]
        parts.sort(key=lambda p: -p[1] if z >= 0 else p[1])
        return [(n, round(v, 2)) for n, v in parts[:k]]


def read_model(path: Path) -> Model:
    """Read a weights file: ``#`` header lines, a ``name<TAB>value`` header row, then one row per feature plus
    ``__bias__``, ``__threshold__`` and ``__smoothing__``. Every feature of ``FEATURES`` must be present."""
    values: dict[str, float] = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        name, sep, value = line.partition("\t")
        if not sep:
            raise ValueError(f"{path}:{number}: expected 'name<TAB>value'")
        values[name.strip()] = float(value)
    missing = [n for n in FEATURES if n not in values]
    unknown = [n for n in values if n not in FEATURES and not n.startswith("__")]
    if missing or unknown:
        raise ValueError(f"{path}: weights do not match the feature set (missing {missing}, unknown {unknown}); retrain "
                         "with `python -m pipeline.boilerplate.train`")
    return Model(FEATURES, tuple(values[n] for n in FEATURES), values.get("__bias__", 0.0),
                 values.get("__threshold__", 0.5), bool(values.get("__smoothing__", 1.0)), bool(values.get("__rules_or_model__", 0.0)),
                 values.get("__l2__", 1.0), bool(values.get("__rule_evidence__", 1.0)))


@functools.lru_cache(maxsize=4)
def load_model(path: Path | None = None) -> Model:
    return read_model(Path(path) if path else MODEL_FILE)


def write_model(model: Model, path: Path, header: Sequence[str]) -> None:
    lines = [f"# {h}" if not h.startswith("#") else h for h in header]
    lines.append("name\tvalue")
    lines += [f"__bias__\t{model.bias:.6f}", f"__threshold__\t{model.threshold:.4f}", f"__smoothing__\t{int(model.smoothing)}", f"__rules_or_model__\t{int(model.rules_or_model)}",
              f"__l2__\t{model.l2:g}", f"__rule_evidence__\t{int(model.rule_evidence)}"]
    lines += [f"{n}\t{w:.6f}" for n, w in zip(model.names, model.weights)]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def fit(rows: Sequence[Sequence[float]], labels: Sequence[int], *, l2: float = 1.0, iterations: int = 50) -> tuple[list[float], float]:
    """L2-regularised logistic regression (Newton/IRLS on standardised columns); returns raw-feature weights
    and bias. Deterministic. Needs numpy (the training command only)."""
    import numpy as np

    X = np.asarray(rows, dtype=float)
    y = np.asarray(labels, dtype=float)
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    std[std < 1e-9] = 1.0
    Z = np.hstack([np.ones((len(X), 1)), (X - mean) / std])
    w = np.zeros(Z.shape[1])
    reg = np.full(Z.shape[1], l2)
    reg[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(Z @ w, -40, 40)))
        gradient = Z.T @ (p - y) + reg * w
        hessian = (Z * (p * (1 - p))[:, None]).T @ Z + np.diag(reg) + 1e-9 * np.eye(Z.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    weights = w[1:] / std
    bias = w[0] - float(np.sum(w[1:] * mean / std))
    return [float(v) for v in weights], float(bias)
