"""Evaluate the entities stage on ``eval/entities_gold.jsonl`` (``python cli.py evaluate entities``).

Gold format (one JSON object per line; lines with only a "comment" key are skipped)::

    {"id": "g01", "text": "...",
     "entities": [{"name": "Katharina Lindner", "label": "PER", "mentions": ["Katharina Lindner", "Lindner"],
                   "roles": ["Bundeswirtschaftsministerin"], "affiliation": ["SPD"], "gender": "female"}, ...],
     "pronouns": [{"text": "Sie", "nth": 1, "antecedent": "Katharina Lindner"}],      # antecedent null = a group
     "descriptions": [{"text": "die Wissenschaftlerin", "antecedent": "Lea Hoffmann"}]}

Every occurrence of a mention string counts as a gold mention (longest strings first, whole words
only, a string glued to a hyphen such as "WMO" in "WMO-Chefin" does not count). Scores:

* name mentions: exact span and label, per label (pronoun/description mentions excluded);
* entities: (label, canonical name) per paragraph, per label; canonical-name accuracy over gold entities;
* linking: pairwise, over gold mentions that were found (same gold entity <-> same predicted entity);
* roles and affiliations: (person, text) pairs, case- and accent-insensitive; a predicted person is
  identified with the gold person whose mentions it shares;
* gender accuracy over gold persons; pronoun and description resolution accuracy via
  ``resolve_pronoun`` / ``resolve_description`` on the gold tokens.

Run with the project's pipeline when ``models/de_pipeline_open`` exists, and always with a blank
German pipeline (rules and patterns only) to show what the rules alone achieve. Paragraphs carry a
``split``: ``dev`` (the rules were developed against it: optimistic) and ``test`` (written after
the rules were frozen); each is scored separately.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language

from .. import entities as ents
from ..nlp.model import PROJECT_MODEL_DIR, is_pipeline_dir
from ..entities.roles import fold

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "eval" / "entities_gold.jsonl"


def load_gold(path: Path) -> list[dict]:
    if not path.exists():
        raise FileNotFoundError(f"{path} not found")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if "text" not in row:
            continue
        if "entities" not in row:
            raise ValueError(f"{path}:{n}: paragraph without 'entities'")
        rows.append(row)
    return rows


def gold_spans(text: str, entities: list[dict]) -> list[tuple[int, int, str, str]]:
    """(start, end, label, entity name) for every occurrence of every mention string, longest first."""
    items = sorted(((m, e) for e in entities for m in set(e["mentions"])), key=lambda x: -len(x[0]))
    taken: set[int] = set()
    out = []
    for mention, e in items:
        for match in re.finditer(r"(?<![\w-])" + re.escape(mention) + r"(?![\w-])", text):
            rng = set(range(match.start(), match.end()))
            if rng & taken:
                continue
            taken |= rng
            out.append((match.start(), match.end(), e["label"], e["name"]))
    return sorted(out)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Scores:
    mentions: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    entities: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    links: Counts = field(default_factory=Counts)
    roles: Counts = field(default_factory=Counts)
    affiliations: Counts = field(default_factory=Counts)
    canonical: Counter = field(default_factory=Counter)
    gender: Counter = field(default_factory=Counter)
    pronouns: Counter = field(default_factory=Counter)
    descriptions: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)


def _identify(pred_entities, pred_mentions, spans) -> dict[str, str]:
    """Predicted entity id -> gold entity name (majority of its exactly matching mentions)."""
    gold_at = {(s, e): name for s, e, _, name in spans}
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in pred_mentions:
        name = gold_at.get((m.start_char, m.end_char))
        if name:
            votes[m.entity_id][name] += 1
    out = {}
    for e in pred_entities:
        out[e.entity_id] = votes[e.entity_id].most_common(1)[0][0] if votes.get(e.entity_id) else e.canonical_name
    return out


def score_paragraph(nlp: Language, para: dict, scores: Scores) -> None:
    doc = nlp.make_doc(para["text"])
    doc._.doc_id = para["id"]
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    names = [m for m in doc._.mentions if m.link_method not in ("pronoun", "role_description")]
    spans = gold_spans(para["text"], para["entities"])
    for label in ents.LABELS:
        gold = {(s, e) for s, e, lab, _ in spans if lab == label}
        pred = {(m.start_char, m.end_char) for m in names if m.label == label}
        scores.mentions[label].add(gold, pred)
        for s, e in sorted(pred - gold):
            scores.errors.append(f"{para['id']} FP {label} mention {para['text'][s:e]!r}")
        for s, e in sorted(gold - pred):
            scores.errors.append(f"{para['id']} FN {label} mention {para['text'][s:e]!r}")
        gold_e = {fold(e["name"]) for e in para["entities"] if e["label"] == label}
        pred_e = {fold(e.canonical_name) for e in doc._.entities if e.label == label}
        scores.entities[label].add(gold_e, pred_e)
    ident = _identify(doc._.entities, names, spans)
    by_id = {e.entity_id: e for e in doc._.entities}
    # canonical names
    pred_at = {(m.start_char, m.end_char): m.entity_id for m in names}
    for g in para["entities"]:
        found = [pred_at[(s, e)] for s, e, _, name in spans if name == g["name"] and (s, e) in pred_at]
        ok = bool(found) and fold(by_id[found[0]].canonical_name) == fold(g["name"])
        scores.canonical["correct" if ok else "wrong"] += 1
        if found and not ok:
            scores.errors.append(f"{para['id']} canonical {by_id[found[0]].canonical_name!r} != {g['name']!r}")
    # pairwise linking over found gold mentions
    found = [(name, pred_at[(s, e)]) for s, e, _, name in spans if (s, e) in pred_at]
    for i in range(len(found)):
        for j in range(i + 1, len(found)):
            same_gold, same_pred = found[i][0] == found[j][0], found[i][1] == found[j][1]
            scores.links.tp += same_gold and same_pred
            scores.links.fn += same_gold and not same_pred
            scores.links.fp += same_pred and not same_gold
    # roles, affiliations, gender
    gold_roles = {(fold(g["name"]), fold(r)) for g in para["entities"] if g["label"] == "PER" for r in g.get("roles", ())}
    gold_affs = {(fold(g["name"]), fold(a)) for g in para["entities"] if g["label"] == "PER" for a in g.get("affiliation", ())}
    pred_roles = {(fold(ident[e.entity_id]), fold(r)) for e in doc._.entities if e.label == "PER" for r in e.roles}
    pred_affs = {(fold(ident[e.entity_id]), fold(a)) for e in doc._.entities if e.label == "PER" for a in e.affiliation}
    scores.roles.add(gold_roles, pred_roles)
    scores.affiliations.add(gold_affs, pred_affs)
    for kind, gold, pred in (("role", gold_roles, pred_roles), ("affiliation", gold_affs, pred_affs)):
        scores.errors += [f"{para['id']} FP {kind} {x}" for x in sorted(pred - gold)]
        scores.errors += [f"{para['id']} FN {kind} {x}" for x in sorted(gold - pred)]
    for g in para["entities"]:
        if g["label"] == "PER" and g.get("gender"):
            pred = next((e for e in doc._.entities if ident[e.entity_id] == g["name"]), None)
            ok = pred is not None and pred.gender == g["gender"]
            scores.gender["correct" if ok else "wrong"] += 1
            if not ok:
                scores.errors.append(f"{para['id']} gender of {g['name']}: {pred.gender if pred else 'not found'} != {g['gender']}")
    # pronouns and descriptions
    for p in para.get("pronouns", ()):
        toks = [t for t in doc if t.text == p["text"]]
        tok = toks[p.get("nth", 1) - 1]
        entity, evidence = ents.resolve_pronoun(doc, tok)
        got = ident.get(entity.entity_id) if entity else None
        ok = (got is None and p["antecedent"] is None) or (got is not None and p["antecedent"] is not None and fold(got) == fold(p["antecedent"]))
        scores.pronouns["correct" if ok else "wrong"] += 1
        if not ok:
            scores.errors.append(f"{para['id']} pronoun {p['text']!r}: {evidence}")
    for d in para.get("descriptions", ()):
        start = para["text"].index(d["text"])
        span = doc.char_span(start, start + len(d["text"]), alignment_mode="expand")
        entity, evidence = ents.resolve_description(doc, span)
        got = ident.get(entity.entity_id) if entity else None
        ok = got is not None and fold(got) == fold(d["antecedent"])
        scores.descriptions["correct" if ok else "wrong"] += 1
        if not ok:
            scores.errors.append(f"{para['id']} description {d['text']!r}: {evidence}")


def evaluate(nlp: Language, paragraphs: list[dict]) -> Scores:
    scores = Scores()
    for para in paragraphs:
        score_paragraph(nlp, para, scores)
    return scores


def _acc(c: Counter) -> str:
    n = c["correct"] + c["wrong"]
    return f"{c['correct'] / n:.2f} ({c['correct']}/{n})" if n else "n/a"


def format_scores(name: str, s: Scores) -> str:
    lines = [f"## {name}", "", "| what | P | R | F1 | tp/fp/fn |", "|---|---:|---:|---:|---|"]

    def row(what: str, c: Counts) -> None:
        p, r, f = c.prf()
        lines.append(f"| {what} | {p:.2f} | {r:.2f} | {f:.2f} | {c.tp}/{c.fp}/{c.fn} |")

    for kind, per_label in (("mentions", s.mentions), ("entities", s.entities)):
        total = Counts()
        for label in ents.LABELS:
            row(f"{kind} {label}", per_label[label])
            total.tp, total.fp, total.fn = total.tp + per_label[label].tp, total.fp + per_label[label].fp, total.fn + per_label[label].fn
        row(f"{kind} all", total)
    row("mention linking (pairwise)", s.links)
    row("role attachments", s.roles)
    row("affiliation attachments", s.affiliations)
    lines += [
        "",
        f"- canonical name of gold entities: {_acc(s.canonical)}",
        f"- gender of gold persons: {_acc(s.gender)}",
        f"- pronoun resolution: {_acc(s.pronouns)}",
        f"- description resolution: {_acc(s.descriptions)}",
    ]
    return "\n".join(lines)


def pipelines() -> list[tuple[str, Language]]:
    out = []
    if is_pipeline_dir(PROJECT_MODEL_DIR):
        nlp = spacy.load(PROJECT_MODEL_DIR)
        nlp.add_pipe("claimgraph_entities")
        out.append((f"{PROJECT_MODEL_DIR.name} {nlp.meta.get('version', '')} + claimgraph_entities", nlp))
    blank = spacy.blank("de")
    blank.add_pipe("sentencizer")
    blank.add_pipe("claimgraph_entities")
    out.append(("blank German pipeline (rules and patterns only, no statistical NER/parse)", blank))
    return out


def report(corpus: Path | None = None, *, show_errors: bool = False) -> str:
    paragraphs = load_gold(corpus or DEFAULT_CORPUS)
    n_ent = sum(len(p["entities"]) for p in paragraphs)
    parts = [f"Entities evaluation on {corpus or DEFAULT_CORPUS} ({len(paragraphs)} paragraphs, {n_ent} gold entities)", ""]
    if not is_pipeline_dir(PROJECT_MODEL_DIR):
        parts += [f"(no trained pipeline at {PROJECT_MODEL_DIR}: only the rules-only run is shown)", ""]
    splits: dict[str, list[dict]] = defaultdict(list)
    for para in paragraphs:
        splits[para.get("split", "all")].append(para)
    for name, nlp in pipelines():
        for split, rows in splits.items():
            scores = evaluate(nlp, rows)
            label = f"{name} — {split} split ({len(rows)} paragraphs)" if len(splits) > 1 else name
            parts += [format_scores(label, scores), ""]
            if show_errors:
                parts += ["errors:", *[f"  {e}" for e in scores.errors], ""]
    return "\n".join(parts).rstrip() + "\n"


if __name__ == "__main__":
    import sys

    print(report(Path(sys.argv[1]) if len(sys.argv) > 1 else None, show_errors=True))
