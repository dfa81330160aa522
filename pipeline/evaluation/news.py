"""Evaluate the claims stage on real news (``python cli.py evaluate claims-news``).

Corpus: ``eval/claims_news.jsonl`` (first line a ``comment`` record, then one document a line)::

    {"id": "n01", "split": "dev", "kind": "agency", "url": "...", "text": "...",
     "claims": [{"message": "...", "start": 0, "end": 42, "speaker": "Frank Werneke",
                 "accept": ["Frank Werneke", "Werneke"], "form": "direct", "cue": "sagen", "ref": "pronoun"}]}

The documents are paraphrases of German news pages (the originals are third-party text and stay out of the
repository; ``url`` says where each one is): see the comment record and docs/claims.md.

Scoring, per gold claim:

- **found**: a predicted (non-nested) claim overlaps the gold message by at least half of the gold message, or
  lies at least half inside it while covering at least a quarter of it (a system that splits a three-sentence
  interview answer into sentences still finds it). The best-overlapping prediction is the gold claim's match.
- **right speaker**: the match's speaker, read from its resolved entity name if it has one, else from the speaker
  phrase as written, contains one of the gold ``accept`` names (token-wise, a token may carry an inflection ending:
  "Mieterbundes" for "Mieterbund"). A gold claim without speaker (``speaker`` null) is right when the match has
  none. A speaker phrase that was not linked ("der Kassenchef") is wrong unless it names the speaker.
- **right form**: the match's form equals the gold form; ``mixed`` counts as ``indirect``.

Precision: the share of predicted (non-nested) claims that lie at least half inside some gold message.
Nested claims (quotations inside an indirect message) are not scored. Numbers are broken down by how the speaker
is referred to (``ref``), by document kind and by gold form, and every error is listed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .gold_files import json_lines

from ..nlp.tokenizer_rules import split_markdown_links
from ..nlp.model import PROJECT_MODEL_DIR, is_pipeline_dir

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "eval" / "claims_news.jsonl"
# The unseen test part (split ``test2``): pages collected and annotated before the rule changes it measures, kept in
# a file of its own so that ``--split all`` (development data) never includes it.
TEST2_CORPUS = DEFAULT_CORPUS.with_name("claims_news_test2.jsonl")
# The second unseen part (split ``test3``, issue 19 second round): collected and committed before that round's rule
# changes, measured once at its end; never part of ``all``.
TEST3_CORPUS = DEFAULT_CORPUS.with_name("claims_news_test3.jsonl")
# The third unseen part (split ``test4``, issue 19): collected and annotated on 2026-12-02 before the third round of
# rules, from sites in no other part; measured once; never part of ``all``.
TEST4_CORPUS = DEFAULT_CORPUS.with_name("claims_news_test4.jsonl")
# The fourth unseen part (split ``test5``, issue 19): collected and annotated on 2026-12-02 before the fifth round of
# rules, from sites in no other part; measured once; never part of ``all``.
TEST5_CORPUS = DEFAULT_CORPUS.with_name("claims_news_test5.jsonl")
# The fifth unseen part (split ``test6``, issue 19): collected and annotated on 2026-12-02 before the sixth round of
# rules, from sites in no other part; measured once; never part of ``all``.
TEST6_CORPUS = DEFAULT_CORPUS.with_name("claims_news_test6.jsonl")
# The sixth unseen part (split ``test7``, issue 19): collected and annotated on 2026-12-02 after test6 was measured,
# from sites in no other part; never opened by a rule round; measured once; never part of ``all``.
TEST7_CORPUS = DEFAULT_CORPUS.with_name("claims_news_test7.jsonl")
# The seventh unseen part (split ``test8``, issue 19): collected and annotated on 2026-12-02 after test7 was measured,
# from sites in no other part, by a helper who neither develops nor ran the stage; measured once; never part of ``all``.
TEST8_CORPUS = DEFAULT_CORPUS.with_name("claims_news_test8.jsonl")
# The eighth unseen part (split ``test9``, issue 19): collected and annotated on 2026-12-04 during the tenth round, by
# a helper who neither develops nor ran the stage, from sites in no other part; measured once; never part of ``all``.
TEST9_CORPUS = DEFAULT_CORPUS.with_name("claims_news_test9.jsonl")
# The ninth unseen part (split ``test10``, issue 19): collected and annotated on 2026-12-04 after test9 was measured, by
# a helper who neither develops nor ran the stage, from sites in no other part; its first 10 pages were measured once
# while incomplete, and a second such helper completed it the same evening (56 pages); never part of ``all``.
TEST10_CORPUS = DEFAULT_CORPUS.with_name("claims_news_test10.jsonl")
# The tenth unseen part (split ``test11``, issue 19): 23 pages collected and annotated on 2026-12-05 and 25 more on
# 2026-12-07 (48 pages), by two helpers who neither develop nor ran the stage, from sites in no other part; to be
# measured once; never part of ``all``.
TEST11_CORPUS = DEFAULT_CORPUS.with_name("claims_news_test11.jsonl")
# The eleventh unseen part (split ``test12``, issue 19): 44 pages collected and annotated on 2026-12-07 by a helper who
# neither develops nor ran the stage, from sites in no other part (host and registered domain); to be measured once;
# never part of ``all``.
TEST12_CORPUS = DEFAULT_CORPUS.with_name("claims_news_test12.jsonl")
# The twelfth unseen part (split ``test13``, issue 19): pages collected and annotated on 2026-12-08 by a helper who
# neither develops nor ran the stage, from sites in no other part, test11 and test12 included (host and registered
# domain); to be measured once; never part of ``all``.
TEST13_CORPUS = DEFAULT_CORPUS.with_name("claims_news_test13.jsonl")
UNSEEN_CORPORA = {"test2": TEST2_CORPUS, "test3": TEST3_CORPUS, "test4": TEST4_CORPUS, "test5": TEST5_CORPUS,
                  "test6": TEST6_CORPUS, "test7": TEST7_CORPUS, "test8": TEST8_CORPUS,
                  "test9": TEST9_CORPUS, "test10": TEST10_CORPUS, "test11": TEST11_CORPUS,
                  "test12": TEST12_CORPUS, "test13": TEST13_CORPUS}
FORMS = {"direct", "indirect", "reported", "free_indirect", "according_to", "mixed"}
REFS = ("explicit", "alias", "pronoun", "description", "group", "continuation", "interview", "unattributed")
SPLITS = ("dev", "test", "test2", "test3", "test4", "test5", "test6", "test7", "test8", "test9", "test10", "test11",
          "test12", "test13")
# Parts that are registered but not yet measured: collected by someone who never ran the stage and waiting for the
# lead's single measurement. ``--split development`` leaves them out, so no development run prints their scores; the
# lead empties this after the measurement, and from then on the part is development data like every other.
# test11 and test12 were measured once on 2026-12-08 (docs/claims.md); test13 waits for its measurement.
NOT_YET_MEASURED: tuple[str, ...] = ("test13",)
# ``--split development``: every measured part, each scored on its own and then together (what a rule round
# measures; ``all`` is only the first file's dev + test).
DEVELOPMENT = "development"


def development_parts() -> tuple[str, ...]:
    """The registered parts a rule round may run on: all of ``SPLITS`` except ``NOT_YET_MEASURED``."""
    return tuple(s for s in SPLITS if s not in NOT_YET_MEASURED)


@dataclass(frozen=True)
class GoldClaim:
    doc_id: str
    start: int
    end: int
    message: str
    speaker: str | None
    accept: tuple[str, ...]
    form: str
    cue: str
    ref: str


@dataclass(frozen=True)
class NewsDoc:
    id: str
    split: str
    kind: str
    url: str
    text: str
    claims: tuple[GoldClaim, ...]


def load_corpus(path: Path | None = None) -> list[NewsDoc]:
    path = Path(path or DEFAULT_CORPUS)
    docs: list[NewsDoc] = []
    for number, row in json_lines(path):
        if "comment" in row and "text" not in row:
            continue
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{path}:{number}: document without text")
        doc_id = str(row.get("id") or f"line{number}")
        split = row.get("split") or "dev"
        if split not in SPLITS:
            raise ValueError(f"{path}:{number}: split {split!r} is not one of {', '.join(SPLITS)}")
        claims = []
        for k, c in enumerate(row.get("claims", []), 1):
            where = f"{path}:{number}: claim {k}"
            start, end = c.get("start"), c.get("end")
            if not isinstance(start, int) or not isinstance(end, int) or text[start:end] != c.get("message"):
                raise ValueError(f"{where}: start/end do not point at the message text")
            if c.get("form") not in FORMS:
                raise ValueError(f"{where}: form {c.get('form')!r} is not one of {', '.join(sorted(FORMS))}")
            if c.get("ref") not in REFS:
                raise ValueError(f"{where}: ref {c.get('ref')!r} is not one of {', '.join(REFS)}")
            claims.append(GoldClaim(doc_id, start, end, c["message"], c.get("speaker"), tuple(c.get("accept") or ()),
                                    c["form"], c.get("cue", ""), c["ref"]))
        docs.append(NewsDoc(doc_id, split, row.get("kind", ""), row.get("url", ""), text, tuple(claims)))
    return docs


# --------------------------------------------------------------------------- matching

_TOKEN = re.compile(r"\w+", re.UNICODE)
# Inflection endings a name may carry in a speaker phrase ("des Mieterbundes", "Mundts").
_ENDINGS = ("", "s", "es", "n", "en", "e", "er", "ern")


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text or "")]


def names_speaker(candidate: str | None, accept: tuple[str, ...]) -> bool:
    """Whether a speaker string contains one of the accepted names as a token sequence."""
    have = _tokens(candidate or "")
    for name in accept:
        want = _tokens(name)
        if not want:
            continue
        for i in range(len(have) - len(want) + 1):
            if all(any(h == w + e for e in _ENDINGS) for h, w in zip(have[i:i + len(want)], want)):
                return True
    return False


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _matches(gold: GoldClaim, start: int, end: int) -> bool:
    ov = _overlap(gold.start, gold.end, start, end)
    glen, plen = gold.end - gold.start, max(1, end - start)
    return ov >= 0.5 * glen or (ov >= 0.5 * plen and ov >= 0.25 * glen)


def _norm_form(form: str) -> str:
    return "indirect" if form == "mixed" else form


@dataclass
class Outcome:
    gold: GoldClaim
    found: bool = False
    speaker_ok: bool = False
    form_ok: bool = False
    predicted: dict | None = None


@dataclass
class Scores:
    outcomes: list[Outcome] = field(default_factory=list)
    predicted: int = 0
    predicted_ok: int = 0
    spurious: list[str] = field(default_factory=list)

    def precision(self) -> float:
        return self.predicted_ok / self.predicted if self.predicted else 0.0


def _claim_row(claim) -> dict:
    return {
        "start": claim.start_char, "end": claim.end_char, "form": claim.form, "text": claim.claim_text,
        "speaker_text": claim.speaker_text, "speaker_name": claim.speaker_name,
        "resolution": claim.speaker_resolution, "cue": claim.cue_lemma, "evidence": ";".join(claim.evidence),
    }


def score_document(doc: NewsDoc, predictions: list[dict], scores: Scores) -> None:
    for gold in doc.claims:
        best, best_ov = None, 0
        for p in predictions:
            if _matches(gold, p["start"], p["end"]):
                ov = _overlap(gold.start, gold.end, p["start"], p["end"])
                if ov > best_ov:
                    best, best_ov = p, ov
        out = Outcome(gold)
        if best is not None:
            out.found, out.predicted = True, best
            candidate = best["speaker_name"] or best["speaker_text"]
            if gold.speaker is None:
                out.speaker_ok = not (best["speaker_name"] or best["speaker_text"])
            else:
                out.speaker_ok = names_speaker(candidate, gold.accept)
            out.form_ok = _norm_form(best["form"]) == _norm_form(gold.form)
        scores.outcomes.append(out)
    for p in predictions:
        scores.predicted += 1
        inside = any(_overlap(g.start, g.end, p["start"], p["end"]) >= 0.5 * max(1, p["end"] - p["start"])
                     for g in doc.claims)
        if inside:
            scores.predicted_ok += 1
        else:
            scores.spurious.append(f"{doc.id} SPURIOUS {p['form']} speaker={p['speaker_text']!r}: {p['text'][:90]!r}")


def predict(nlp, doc: NewsDoc) -> list[dict]:
    spacy_doc = nlp(doc.text)
    return [_claim_row(c) for c in spacy_doc._.claims if not c.is_nested]


def load_nlp():
    import spacy

    from .. import claims  # noqa: F401  registers the components
    from .. import entities  # noqa: F401

    if is_pipeline_dir(PROJECT_MODEL_DIR):
        nlp = spacy.load(PROJECT_MODEL_DIR)
        name = f"{PROJECT_MODEL_DIR.name} {nlp.meta.get('version', '')}"
    else:
        nlp, name = spacy.blank("de"), "blank German pipeline (no trained pipeline found)"
        nlp.add_pipe("sentencizer")
    split_markdown_links(nlp)  # as model.load_model does for every run
    nlp.add_pipe("claimgraph_entities")
    nlp.add_pipe("claimgraph_claims")
    return nlp, name


def evaluate(nlp, docs: list[NewsDoc]) -> Scores:
    scores = Scores()
    for doc in docs:
        score_document(doc, predict(nlp, doc), scores)
    return scores


# --------------------------------------------------------------------------- report

def _rate(k: int, n: int) -> str:
    return f"{k / n:5.2f} ({k}/{n})" if n else "  n/a"


def _table(title: str, groups: dict[str, list[Outcome]]) -> list[str]:
    lines = [f"{title:<14} {'claims':>6}  {'found':>13}  {'right speaker':>13}  {'right form':>13}  speaker|found"]
    for key, outs in groups.items():
        n = len(outs)
        found = sum(o.found for o in outs)
        spk = sum(o.speaker_ok for o in outs)
        frm = sum(o.form_ok for o in outs)
        lines.append(f"{key:<14} {n:>6}  {_rate(found, n):>13}  {_rate(spk, n):>13}  {_rate(frm, n):>13}  {_rate(spk, found)}")
    return lines


def error_lines(scores: Scores) -> list[str]:
    """One line per missed claim, wrong speaker, wrong form and spurious prediction, in document order."""
    lines: list[str] = []
    outs = scores.outcomes
    for o in outs:
        g = o.gold
        head = f"{g.doc_id} [{g.ref}/{g.form}] {g.message[:70]!r}"
        if not o.found:
            lines.append(f"  MISSED   {head} (speaker {g.speaker})")
            continue
        p = o.predicted
        if not o.speaker_ok:
            lines.append(f"  SPEAKER  {head}: want {g.speaker!r}, got {p['speaker_text']!r} -> {p['speaker_name']!r}"
                         f" ({p['resolution']}; {p['evidence']})")
        if not o.form_ok:
            lines.append(f"  FORM     {head}: want {g.form}, got {p['form']}")
    lines += [f"  {s}" for s in scores.spurious]
    return lines


def format_scores(label: str, scores: Scores, *, show_errors: bool = True) -> str:
    outs = scores.outcomes
    by_ref: dict[str, list[Outcome]] = defaultdict(list)
    by_form: dict[str, list[Outcome]] = defaultdict(list)
    for o in outs:
        by_ref[o.gold.ref].append(o)
        by_form[o.gold.form].append(o)
    ref_groups = {r: by_ref[r] for r in REFS if r in by_ref}
    ref_groups["ALL"] = outs
    lines = [label, "", *_table("speaker ref", ref_groups), "", *_table("gold form", dict(sorted(by_form.items()))), "",
             f"precision (predicted claims inside a gold message): {_rate(scores.predicted_ok, scores.predicted)}"]
    if show_errors:
        lines += ["", "errors:", *error_lines(scores)]
    return "\n".join(lines)


def _chosen(docs: list[NewsDoc], split: str) -> list[NewsDoc]:
    return [d for d in docs if (split == "all" and d.split not in UNSEEN_CORPORA) or d.split == split]


def _summary_line(split: str, scores: Scores) -> str:
    outs = scores.outcomes
    n = len(outs)
    return (f"{split:<12} {n:>6}  {_rate(sum(o.found for o in outs), n):>16}  "
            f"{_rate(sum(o.speaker_ok for o in outs), n):>16}  {_rate(sum(o.form_ok for o in outs), n):>16}  "
            f"{_rate(scores.predicted_ok, scores.predicted)}")


def development_report(*, show_errors: bool = True) -> str:
    """Every measured part (``development_parts()``) scored with one pipeline: a line per part, then the breakdown of
    all parts together and, with ``show_errors``, each part's errors under its name (document ids repeat across
    parts). A part's numbers are the same as ``--split PART`` gives."""
    nlp, name = load_nlp()
    total = Scores()
    per_part: list[tuple[str, Scores]] = []
    n_docs = 0
    for split in development_parts():
        docs = _chosen(load_corpus(UNSEEN_CORPORA.get(split)), split)
        n_docs += len(docs)
        scores = evaluate(nlp, docs)
        per_part.append((split, scores))
        total.outcomes += scores.outcomes
        total.predicted += scores.predicted
        total.predicted_ok += scores.predicted_ok
        total.spurious += scores.spurious
    lines = [f"Claims on real news: every measured part ({', '.join(s for s, _ in per_part)}; {n_docs} documents, "
             f"{len(total.outcomes)} gold claims), pipeline {name} + claimgraph_entities + claimgraph_claims"]
    if NOT_YET_MEASURED:
        lines.append(f"not included (registered, not yet measured): {', '.join(NOT_YET_MEASURED)}")
    lines += ["", f"{'part':<12} {'claims':>6}  {'found':>16}  {'right speaker':>16}  {'right form':>16}  precision"]
    lines += [_summary_line(split, scores) for split, scores in per_part]
    lines += [_summary_line("ALL", total), ""]
    lines.append(format_scores("all measured parts together", total, show_errors=False))
    if show_errors:
        for split, scores in per_part:
            lines += ["", f"errors of part {split}:", *error_lines(scores)]
    return "\n".join(lines) + "\n"


def report(corpus: Path | None = None, *, split: str = "dev", show_errors: bool = True) -> str:
    if split == DEVELOPMENT:
        if corpus is not None:
            raise ValueError(f"--split {DEVELOPMENT} scores the project's own parts in eval/; it takes no --corpus ({corpus})")
        return development_report(show_errors=show_errors)
    if split not in SPLITS + ("all",):
        raise ValueError(f"split {split!r} is not one of {', '.join(SPLITS)}, all, {DEVELOPMENT}")
    if corpus is None and split in UNSEEN_CORPORA:
        corpus = UNSEEN_CORPORA[split]
    docs = load_corpus(corpus)
    chosen = _chosen(docs, split)
    nlp, name = load_nlp()
    n_claims = sum(len(d.claims) for d in chosen)
    label = (f"Claims on real news: {corpus or DEFAULT_CORPUS}, split {split} ({len(chosen)} documents, "
             f"{n_claims} gold claims), pipeline {name} + claimgraph_entities + claimgraph_claims")
    return format_scores(label, evaluate(nlp, chosen), show_errors=show_errors) + "\n"

if __name__ == "__main__":
    import sys

    print(report(Path(sys.argv[1]) if len(sys.argv) > 1 else None, split=sys.argv[2] if len(sys.argv) > 2 else "dev"))
