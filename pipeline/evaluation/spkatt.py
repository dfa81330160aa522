"""SpkAtt-2023 (news, task 2) adapter: read the tokenised JSON, predict with the claim stage, write, score.

The adapter is deliberately thin (see ../shared/docs/architecture.md): it builds a ``Doc`` from the given
tokens -- never re-tokenising, so every predicted token id refers to the gold tokenisation --, runs the very
same ``claimgraph_entities`` + ``claimgraph_claims`` components as ``extract``, and turns ``doc._.claims``
back into SpkAtt annotations. The scorer is our own implementation of the shared task's description in
``../shared/data/SpkAtt2023-news/README.md``; the choices that description leaves open are documented in
``docs/spkatt.md`` and in the docstrings below.

File format (one article per file)::

    {"Annotations": [{"Addr": [], "Cue": ["2:0"], "Form": "Indirect", "Frame": ["2:0"], "HasNested": false,
                      "IsNested": false, "Message": ["2:1", ...], "STWR": "Speech", "Source": ["2:0"]}, ...],
     "DocumentName": "...", "Sentences": [{"SentenceId": 0, "Tokens": ["Die", ...]}, ...]}

Span roles are lists of ``"sentence:token"`` ids (discontinuous, possibly across sentences).
"""

from __future__ import annotations

import json
import logging
import math
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .. import resources
from ..layer.extensions import register_extensions
from ..layer.sentences import GIVEN_SENTENCES
from ..output.export import write_file_atomically

register_extensions()
log = logging.getLogger(__name__)

ROLES = ("Message", "Cue", "Source", "Addr", "Frame")
SPKATT_FORMS = ("Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported")
STWR_VALUES = ("Speech", "Thought", "Writing", "ST", "SW", "TW", "none")

# Claim forms of pipeline.claims -> the SpkAtt inventory. How the gold data annotates the two forms SpkAtt
# has no name for (counted on the 700 train articles, see docs/spkatt.md):
#   "laut X" / "X zufolge" / "demnach" / "wonach" are Indirect events whose Cue is the preposition or adverb
#   (138 of the 140 non-nested "laut" events, 48 of 48 "zufolge", all 19 "demnach", all 9 "wonach");
#   an indirect message with an embedded quotation is an Indirect event with HasNested=true plus a separate
#   nested Direct event for the quotation (147 nested Direct events sit inside an Indirect one).
#   A Konjunktiv continuation without a cue of its own is "IndirectFreeIndirect" (316 events); plain
#   "FreeIndirect" is the rarer continuation in the indicative/with "soll" (119), which the claim rules do not
#   produce.
FORM_MAP = {
    "direct": "Direct",
    "indirect": "Indirect",
    "according_to": "Indirect",
    "mixed": "Indirect",
    "free_indirect": "IndirectFreeIndirect",
    "reported": "Reported",
}

# Scored role groups. "simplified" follows the shared task: nested events left out, Message and Source only.
VARIANTS: dict[str, dict[str, tuple[str, ...]]] = {
    "full": {"Messages": ("Message",), "Roles": ("Cue", "Source", "Addr", "Frame"), "Joint": ROLES},
    "simplified": {"Messages": ("Message",), "Roles": ("Source",), "Joint": ("Message", "Source")},
}
# Claims the project extracts but SpkAtt-2023 does not annotate as events (counted on the train split, see
# docs/claims.md): a reported position taken with a verb of the stance lexicon ("verteidigte die Entlassung": the
# gold marks "verteidigen" 0 of 51 times, "ablehnen" 5 of 42), and the reporting sentence before a Konjunktiv
# continuation ("X wies den Vorwurf zurück. In Zeiten knapper Kassen sei die Studie richtig."; of the 316
# IndirectFreeIndirect continuations 94 follow a sentence without any event, 31 one with a Reported event).
# A verb of informing with an object and no content clause ("gab die Festnahme bekannt", "bestätigte den Vorfall",
# "berichtete von einem Knall"; evidence `informing_verb`, sixteenth round A) is a reported event in the project's
# schema, but the train split marks only 17 of the 39 such events the rules find (measured only, docs/claims.md):
# left out, so SpkAtt precision holds.
SPKATT_UNANNOTATED = frozenset({"stance_verb", "reported_before_continuation", "informing_verb"})
# Indicative content of a verb of informing is `reported` in the project's schema; SpkAtt's Reported has no content
# clause, so a content clause stays Indirect there.
SPKATT_INDIRECT = "informing_indicative"
# "Demnach …", "…, wonach …" without another source: SpkAtt marks the adverb as Source as well as Cue (the claim
# table keeps no speaker for it: the adverb names nobody).
ANAPHORIC_SOURCES = resources.words("spkatt_anaphoric_sources")
FORM_FOUND_RECALL = 0.5  # a gold event counts as found when its message is paired with token recall >= this

_TOKEN_ID = re.compile(r"^\s*(\d+)\s*:\s*(\d+)\s*$")
TokenId = tuple[int, int]  # (SentenceId, token index in the sentence)


# --------------------------------------------------------------------------- reading


@dataclass
class Article:
    """One SpkAtt file: its sentences as given and its annotations (if any)."""

    path: Path
    document_name: str
    sentences: list[dict[str, Any]]  # exactly as read, written back unchanged
    annotations: list[dict[str, Any]]
    has_sentences: bool = True  # False for a prediction file without its own copy of the sentences

    @property
    def tokens(self) -> list[tuple[int, list[str]]]:
        return [(int(s["SentenceId"]), list(s["Tokens"])) for s in self.sentences]


def read_article(path: Path, *, require_sentences: bool = True) -> Article:
    """Parse and validate one file; every problem is a ValueError naming the file.

    A prediction file may leave out ``Sentences`` (``require_sentences=False``): its ids then refer to the gold's.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 ({exc.reason})") from None
    except RecursionError:
        raise ValueError(f"{path}: JSON nested too deeply (SpkAtt files are {MAX_JSON_DEPTH} levels deep at most)") from None
    except OSError as exc:
        raise ValueError(f"{path}: cannot read file ({exc.strerror or exc})") from None
    _check_values(data, path)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object with Sentences, got {type(data).__name__}")
    sentences = data.get("Sentences", None if require_sentences else [])
    if not isinstance(sentences, list):
        raise ValueError(f"{path}: missing or invalid 'Sentences' (a list of {{SentenceId, Tokens}} objects)")
    seen: set[int] = set()
    for k, sent in enumerate(sentences):
        if not isinstance(sent, dict) or not isinstance(sent.get("Tokens"), list):
            raise ValueError(f"{path}: Sentences[{k}] has no 'Tokens' list")
        sid = sent.get("SentenceId")
        if not isinstance(sid, int) or isinstance(sid, bool) or sid in seen:
            raise ValueError(f"{path}: Sentences[{k}] has a missing, non-integer or duplicate SentenceId ({sid!r})")
        seen.add(sid)
        if not all(isinstance(t, str) for t in sent["Tokens"]):
            raise ValueError(f"{path}: Sentences[{k}] (SentenceId {sid}) has a token that is not a string")
    annotations = data.get("Annotations", [])
    if not isinstance(annotations, list) or not all(isinstance(a, dict) for a in annotations):
        raise ValueError(f"{path}: 'Annotations' must be a list of objects")
    name = data.get("DocumentName")
    if name is not None and not isinstance(name, str):
        raise ValueError(f"{path}: 'DocumentName' must be a string, got {type(name).__name__}")
    return Article(Path(path), name if isinstance(name, str) else Path(path).stem, sentences, annotations, "Sentences" in data)


MAX_JSON_DEPTH = 8  # object > Sentences/Annotations > list > object > list; a little room for extra fields


def _check_values(data: Any, path: Path) -> None:
    """Reject nesting deeper than ``MAX_JSON_DEPTH`` and strings with lone surrogates (``"\\ud800"``, valid JSON
    but not encodable as UTF-8, so no output could be written), naming where they are. Iterative: no
    recursion limit to hit."""
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, where, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise ValueError(f"{path}: JSON nested too deeply at {where or 'the top'} (SpkAtt files are {MAX_JSON_DEPTH} levels deep at most)")
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError(f"{path}: {where or 'the top'} contains a lone surrogate ({value!a}), not a character") from None
        elif isinstance(value, dict):
            for key, item in value.items():
                stack.append((key, f"{where}.{key!a}" if where else f"{key!a}", depth + 1))
                stack.append((item, f"{where}.{key}" if where else key, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{where}[{k}]", depth + 1) for k, item in enumerate(value))


def parse_token_id(value: Any, where: str) -> TokenId:
    match = _TOKEN_ID.match(value) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"{where}: token id {value!r} is not of the form 'sentence:token'")
    return int(match.group(1)), int(match.group(2))


def format_token_id(tid: TokenId) -> str:
    return f"{tid[0]}:{tid[1]}"


def list_json(directory: Path, what: str) -> list[Path]:
    from ..run.runner import StageError

    directory = Path(directory)
    if not directory.is_dir():
        raise StageError(f"{what} directory {directory} not found")
    files = sorted(p for p in directory.glob("*.json") if p.is_file())
    if not files:
        raise StageError(f"no .json files in {what} directory {directory}")
    return files


# --------------------------------------------------------------------------- Doc building

# German typesetting: no space before closing punctuation, none after opening marks. Only used to give the
# Doc a plausible text (character offsets, the claim rules' look at whitespace); tokens are never changed.
NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "}", "“", "”", "‘", "’", "…", "'s"}
NO_SPACE_AFTER = {"(", "[", "{", "„", "‚", "¿", "¡"}


def token_spaces(words: Sequence[str]) -> list[bool]:
    """Whether each token is followed by a space, guessed from German punctuation conventions."""
    n = len(words)
    # » « are used both ways (»...« in Germany, «...» in Switzerland): the first one seen opens.
    opening_guillemet = next((w for w in words if w in ("»", "«")), "«")
    straight_open = False
    opens = [False] * n
    closes = [False] * n
    for i, w in enumerate(words):
        if w in NO_SPACE_AFTER or w == opening_guillemet:
            opens[i] = True
        elif w in NO_SPACE_BEFORE or w in ("»", "«"):
            closes[i] = True
        elif w == '"':
            straight_open = not straight_open
            (opens if straight_open else closes)[i] = True
    return [i < n - 1 and not opens[i] and not closes[i + 1] for i in range(n)]


@dataclass
class BuiltDoc:
    doc: Doc
    token_ids: list[TokenId]  # Doc token index -> (SentenceId, index in that sentence) of the input


def build_doc(vocab, article: Article, doc_id: str | None = None) -> BuiltDoc:
    """A ``Doc`` over the given tokens with the given sentence starts, and the map back to SpkAtt ids."""
    words: list[str] = []
    ids: list[TokenId] = []
    starts: list[bool] = []
    for sid, tokens in article.tokens:
        for k, tok in enumerate(tokens):
            # spaCy refuses empty words; a placeholder keeps the index alignment (no such token in the corpus)
            words.append(tok if tok.strip() else "_")
            ids.append((sid, k))
            starts.append(k == 0)
    doc = Doc(vocab, words=words, spaces=token_spaces(words), sent_starts=starts if words else None)
    doc._.doc_id = doc_id if doc_id is not None else article.path.stem
    doc.user_data[GIVEN_SENTENCES] = True  # the corpus's sentences are data, not a parser's guess
    return BuiltDoc(doc, ids)


# --------------------------------------------------------------------------- claims -> annotations


def _ids(tokens: Iterable[int], token_ids: Sequence[TokenId]) -> list[str]:
    return [format_token_id(t) for t in sorted({token_ids[i] for i in tokens if 0 <= i < len(token_ids)})]


def map_form(form: str) -> str:
    mapped = FORM_MAP.get(form)
    if mapped is None:
        log.warning("claim form %r has no SpkAtt equivalent; written as Indirect", form)
        return "Indirect"
    return mapped


def map_stwr(value: str | None) -> str:
    if not value:
        return "Speech"
    for v in STWR_VALUES:
        if v.lower() == str(value).lower():
            return v
    return "Speech"


def claims_to_annotations(claims: Sequence[Any], token_ids: Sequence[TokenId]) -> list[dict[str, Any]]:
    """SpkAtt annotations from ``pipeline.claims.Claim`` records, ordered and keyed like the gold files.

    HasNested is derived: an event has a nested event when another, nested, event's message lies inside its
    message. Claims without message tokens cannot be scored and are left out.
    """
    rows = []
    for c in claims:
        message = set(c.message_tokens)
        if not message:
            continue
        if any(tag in SPKATT_UNANNOTATED for tag in (getattr(c, "evidence", None) or ())):
            continue
        rows.append((c, message))
    out = []
    for c, message in rows:
        has_nested = any(o is not c and o.is_nested and oset <= message and oset != message for o, oset in rows)
        out.append(
            {
                "Addr": _ids(c.addressee_tokens, token_ids),
                "Cue": _ids(c.cue_tokens, token_ids),
                "Form": "Indirect" if SPKATT_INDIRECT in (getattr(c, "evidence", None) or ()) else map_form(c.form),
                "Frame": _ids(c.frame_tokens, token_ids),
                "HasNested": bool(has_nested),
                "IsNested": bool(c.is_nested),
                "Message": _ids(message, token_ids),
                "STWR": map_stwr(getattr(c, "stwr", None)),
                "Source": _ids(_source_tokens(c), token_ids),
            }
        )
    out.sort(key=_annotation_order)
    return out


def _source_tokens(c: Any) -> Sequence[int]:
    if c.speaker_tokens or len(c.cue_tokens) != 1 or (getattr(c, "cue_text", "") or "").lower() not in ANAPHORIC_SOURCES:
        return c.speaker_tokens
    return c.cue_tokens


def _annotation_order(a: dict[str, Any]) -> tuple:
    # gold order: by first message token; at the same start the longer (enclosing) event comes first
    first = parse_token_id(a["Message"][0], "annotation") if a["Message"] else (math.inf, math.inf)
    return (first, -len(a["Message"]), a["IsNested"])


def write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    """Write compact UTF-8 JSON with sorted keys (the layout of the gold files) via temp file + rename."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    write_file_atomically(Path(path), text.encode("utf-8"))


# --------------------------------------------------------------------------- predict


@dataclass
class PredictSummary:
    files: int = 0
    written: int = 0
    annotations: int = 0
    failed: list[str] = field(default_factory=list)
    sentence_boundaries_changed: int = 0  # documents whose sentences the pipeline re-split
    seconds: float = 0.0


def annotate_articles(nlp: Language, articles: Sequence[Article], cfg) -> Iterator[tuple[Article, BuiltDoc | None, str | None]]:
    """Run the pipeline over Docs built from the articles; yields (article, built doc or None, error).

    A failing batch is retried article by article (segments.pipe_isolated): only the article that fails
    alone is reported, with the component and the exception.
    """
    yield from cfg.progress(_annotate_batches(nlp, articles, max(1, cfg.batch_size)), len(articles), "spkatt")


def _annotate_batches(nlp: Language, articles: Sequence[Article], batch_size: int) -> Iterator[tuple[Article, BuiltDoc | None, str | None]]:
    from ..nlp.segments import Failure, pipe_isolated

    for start in range(0, len(articles), batch_size):
        batch = articles[start : start + batch_size]
        built: list[BuiltDoc | None] = []
        errors: list[str | None] = []
        for article in batch:
            try:
                built.append(build_doc(nlp.vocab, article))
                errors.append(None)
            except Exception as exc:  # a document spaCy cannot even build must not stop the corpus
                built.append(None)
                errors.append(f"building the Doc: {type(exc).__name__}: {exc}")
        docs = [b.doc for b in built if b is not None]
        outcomes = iter(pipe_isolated(nlp, docs) if docs else ())
        for article, built_doc, error in zip(batch, built, errors):
            if built_doc is not None:
                outcome = next(outcomes)
                if isinstance(outcome, Failure):
                    built_doc, error = None, f"{outcome.component}: {type(outcome.exception).__name__}: {outcome.exception}"
                else:
                    built_doc = BuiltDoc(outcome, built_doc.token_ids)
            yield article, built_doc, error


def predict_dir(in_dir: Path, out_dir: Path, cfg) -> PredictSummary:
    """Predict SpkAtt annotations for every ``*.json`` in ``in_dir``; one file of the same name in ``out_dir``."""
    from ..run.runner import StageError, load_pipeline

    started = time.perf_counter()
    files = list_json(in_dir, "input")
    out_dir = Path(out_dir)
    if out_dir.resolve() == Path(in_dir).resolve():
        raise StageError("the output directory must differ from the input directory (inputs would be overwritten)")
    # every file is validated before the model is loaded; an invalid one is reported and left out
    # (--strict: the first one stops the run, nothing written), the others are predicted
    articles = []
    summary = PredictSummary(files=len(files))
    for p in files:
        try:
            articles.append(read_article(p))
        except ValueError as exc:
            if getattr(cfg, "strict", False):
                raise
            summary.failed.append(p.name)
            cfg.on_warning(f"{exc}; no prediction written")
    if not articles:
        raise StageError(f"no valid SpkAtt file in {in_dir} ({len(files)} invalid)")
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp, _choice = load_pipeline(cfg, components=("claimgraph_entities", "claimgraph_claims"))
    for article, built, error in annotate_articles(nlp, articles, cfg):
        if built is None:
            summary.failed.append(article.path.name)
            cfg.on_warning(f"{article.path}: not annotated, no prediction written ({error})")
            continue
        doc = built.doc
        if [t.is_sent_start for t in doc] != [tid[1] == 0 for tid in built.token_ids]:
            summary.sentence_boundaries_changed += 1
        try:
            annotations = claims_to_annotations(doc._.claims or (), built.token_ids)
            write_json_atomic(
                out_dir / article.path.name,
                {"Annotations": annotations, "DocumentName": article.document_name, "Sentences": article.sentences},
            )
        except (OSError, ValueError) as exc:
            summary.failed.append(article.path.name)
            cfg.on_warning(f"{article.path}: prediction not written ({type(exc).__name__}: {exc})")
            continue
        summary.written += 1
        summary.annotations += len(annotations)
    if summary.sentence_boundaries_changed:
        # harmless for the ids (they come from the input indexing), but claims may then span sentences
        cfg.on_warning(f"the pipeline changed the given sentence boundaries in {summary.sentence_boundaries_changed} documents")
    summary.seconds = time.perf_counter() - started
    # the CLI prints nothing else on success: one line on stderr says what was written
    print(
        f"spkatt predict: {summary.written}/{summary.files} files written to {out_dir}, {summary.annotations} annotations, "
        + (f"{len(summary.failed)} failed (listed above), " if summary.failed else "")
        + f"{summary.seconds:.1f} s",
        file=sys.stderr,
    )
    return summary


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Event:
    roles: dict[str, frozenset[TokenId]]
    form: str
    is_nested: bool

    @property
    def message(self) -> frozenset[TokenId]:
        return self.roles["Message"]


def events_of(article: Article) -> list[Event]:
    events = []
    for k, a in enumerate(article.annotations):
        where = f"{article.path}: Annotations[{k}]"
        roles = {}
        for role in ROLES:
            values = a.get(role, [])
            if not isinstance(values, list):
                raise ValueError(f"{where}: {role} must be a list of 'sentence:token' ids")
            roles[role] = frozenset(parse_token_id(v, where) for v in values)
        events.append(Event(roles, str(a.get("Form") or ""), bool(a.get("IsNested", False))))
    return events


# One scoring unit: a pair, an unpaired gold event (system side empty) or an unpaired system event.
# Per role: (tp, fp, fn) token counts.
Unit = dict[str, tuple[int, int, int]]


def _unit(gold: Event | None, pred: Event | None, roles: Sequence[str]) -> Unit:
    out = {}
    for role in roles:
        g = gold.roles[role] if gold else frozenset()
        p = pred.roles[role] if pred else frozenset()
        tp = len(g & p)
        out[role] = (tp, len(p) - tp, len(g) - tp)
    return out


def pair_events(gold: Sequence[Event], pred: Sequence[Event]) -> list[tuple[int, int]]:
    """Optimal one-to-one pairing by message token overlap; pairs without any overlap are not pairs."""
    if not gold or not pred:
        return []
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    overlap = np.array([[len(g.message & p.message) for p in pred] for g in gold], dtype=float)
    rows, cols = linear_sum_assignment(overlap, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols) if overlap[r, c] > 0]


@dataclass
class DocScore:
    name: str
    n_gold: int
    n_pred: int
    pairs: list[tuple[int, int]]
    units: list[Unit]
    simplified_units: list[Unit]
    missing_prediction: bool
    gold: list[Event]
    pred: list[Event]


def score_article(name: str, gold: Sequence[Event], pred: Sequence[Event], missing: bool = False) -> DocScore:
    pairs, units = _units(gold, pred, ROLES)
    sg = [e for e in gold if not e.is_nested]
    sp = [e for e in pred if not e.is_nested]
    _, simplified = _units(sg, sp, VARIANTS["simplified"]["Joint"])
    return DocScore(name, len(gold), len(pred), pairs, units, simplified, missing, list(gold), list(pred))


def _units(gold: Sequence[Event], pred: Sequence[Event], roles: Sequence[str]) -> tuple[list[tuple[int, int]], list[Unit]]:
    pairs = pair_events(gold, pred)
    paired_g = {g for g, _ in pairs}
    paired_p = {p for _, p in pairs}
    units = [_unit(gold[g], pred[p], roles) for g, p in pairs]
    units += [_unit(gold[g], None, roles) for g in range(len(gold)) if g not in paired_g]
    units += [_unit(None, pred[p], roles) for p in range(len(pred)) if p not in paired_p]
    return pairs, units


def macro_prf(units: Sequence[Unit], roles: Sequence[str]) -> dict[str, Any]:
    """Precision/recall averaged over units, F1 their harmonic mean.

    A unit's precision is defined only if the system marked at least one token in ``roles`` (so a missed gold
    event lowers recall, not precision), its recall only if the gold has one; undefined values are not
    averaged. With no defined value the score is 0.0; with no units at all it is None (nothing to score).
    """
    precisions, recalls = [], []
    total = [0, 0, 0]
    for unit in units:
        tp = sum(unit[r][0] for r in roles)
        fp = sum(unit[r][1] for r in roles)
        fn = sum(unit[r][2] for r in roles)
        total = [total[0] + tp, total[1] + fp, total[2] + fn]
        if tp + fp:
            precisions.append(tp / (tp + fp))
        if tp + fn:
            recalls.append(tp / (tp + fn))
    if not precisions and not recalls:
        return {"precision": None, "recall": None, "f1": None, "n_precision": 0, "n_recall": 0, "micro_f1": None,
                "tp": 0, "fp": 0, "fn": 0}
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    tp, fp, fn = total
    # token-level micro F1 (all tokens of the corpus pooled) as a cross-check: long messages weigh more
    micro = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return {"precision": p, "recall": r, "f1": _f1(p, r), "n_precision": len(precisions), "n_recall": len(recalls),
            "micro_f1": micro, "tp": tp, "fp": fp, "fn": fn}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def variant_scores(units: Sequence[Unit], variant: str) -> dict[str, Any]:
    groups = VARIANTS[variant]
    roles = ROLES if variant == "full" else groups["Joint"]
    out: dict[str, Any] = {name: macro_prf(units, group) for name, group in groups.items()}
    out["roles"] = {role: macro_prf(units, (role,)) for role in roles}
    return out


def form_recall(docs: Sequence[DocScore]) -> dict[str, dict[str, Any]]:
    """Per Form: gold events found and system events correct, both judged on the message of their pair.

    A gold event is found when it is paired and the pair's message token recall is >= FORM_FOUND_RECALL; a
    system event is correct when it is paired and its message token precision is >= the same threshold
    (the Form itself need not agree: see form_confusion).
    """
    gold: Counter = Counter()
    found: Counter = Counter()
    recall_sum: defaultdict[str, float] = defaultdict(float)
    system: Counter = Counter()
    correct: Counter = Counter()
    for d in docs:
        paired = dict(d.pairs)
        for g, event in enumerate(d.gold):
            gold[event.form] += 1
            if g in paired and event.message:
                r = len(event.message & d.pred[paired[g]].message) / len(event.message)
                recall_sum[event.form] += r
                found[event.form] += r >= FORM_FOUND_RECALL
        by_pred = {p: g for g, p in d.pairs}
        for p, event in enumerate(d.pred):
            system[event.form] += 1
            if p in by_pred and event.message:
                precision = len(event.message & d.gold[by_pred[p]].message) / len(event.message)
                correct[event.form] += precision >= FORM_FOUND_RECALL
    seen = set(gold) | set(system)
    forms = [f for f in SPKATT_FORMS if f in seen] + sorted(seen - set(SPKATT_FORMS))
    return {
        f: {
            "gold": gold[f],
            "found": found[f],
            "recall": found[f] / gold[f] if gold[f] else None,
            "mean_message_recall": recall_sum[f] / gold[f] if gold[f] else None,
            "system": system[f],
            "correct": correct[f],
            "precision": correct[f] / system[f] if system[f] else None,
        }
        for f in forms
    }


def form_confusion(docs: Sequence[DocScore]) -> dict[str, dict[str, int]]:
    """Gold Form -> predicted Form counts over the paired events."""
    out: defaultdict[str, Counter] = defaultdict(Counter)
    for d in docs:
        for g, p in d.pairs:
            out[d.gold[g].form][d.pred[p].form] += 1
    return {g: dict(c) for g, c in out.items()}


def score_dirs(gold_dir: Path, pred_dir: Path) -> dict[str, Any]:
    """Score every gold file against the prediction of the same name (a missing prediction = no events).

    Units (pairs and unpaired events) of all articles are pooled before averaging, so every event weighs the
    same whatever its article; an article without gold and without predictions contributes nothing.
    """
    gold_files = list_json(gold_dir, "gold")
    pred_dir = Path(pred_dir)
    if not pred_dir.is_dir():
        from ..run.runner import StageError

        raise StageError(f"prediction directory {pred_dir} not found")
    gold_names = {p.name for p in gold_files}
    extra = sorted(p.name for p in pred_dir.glob("*.json") if p.name not in gold_names)
    docs: list[DocScore] = []
    missing: list[str] = []
    for gpath in gold_files:
        gold_article = read_article(gpath)
        ppath = pred_dir / gpath.name
        if ppath.is_file():
            pred_article = read_article(ppath, require_sentences=False)
            if pred_article.has_sentences and pred_article.tokens != gold_article.tokens:
                raise ValueError(f"{ppath}: its Sentences differ from the gold file {gpath}: token ids are not comparable")
            pred = events_of(pred_article)
        else:
            missing.append(gpath.name)
            pred = []
        docs.append(score_article(gpath.name, events_of(gold_article), pred, missing=not ppath.is_file()))
    all_units = [u for d in docs for u in d.units]
    all_simplified = [u for d in docs for u in d.simplified_units]
    n_pairs = sum(len(d.pairs) for d in docs)
    documents = []
    for d in docs:
        joint = macro_prf(d.units, ROLES)
        documents.append(
            {
                "name": d.name,
                "gold_events": d.n_gold,
                "predicted_events": d.n_pred,
                "paired": len(d.pairs),
                "missed": d.n_gold - len(d.pairs),
                "spurious": d.n_pred - len(d.pairs),
                "missing_prediction": d.missing_prediction,
                "joint": joint,
                "messages": macro_prf(d.units, ("Message",)),
                "simplified_joint": macro_prf(d.simplified_units, VARIANTS["simplified"]["Joint"]),
            }
        )
    return {
        "gold_dir": str(gold_dir),
        "pred_dir": str(pred_dir),
        "n_documents": len(docs),
        "missing_predictions": missing,
        "extra_predictions": extra,
        "gold_events": sum(d.n_gold for d in docs),
        "predicted_events": sum(d.n_pred for d in docs),
        "pairs": n_pairs,
        "documents_without_gold": sum(1 for d in docs if d.n_gold == 0),
        "false_alarm_documents": sum(1 for d in docs if d.n_gold == 0 and d.n_pred > 0),
        "false_alarm_events": sum(d.n_pred for d in docs if d.n_gold == 0),
        "full": variant_scores(all_units, "full"),
        "simplified": variant_scores(all_simplified, "simplified"),
        "forms": form_recall(docs),
        "form_confusion": form_confusion(docs),
        "documents": documents,
    }


def worst_documents(scores: dict[str, Any], n: int = 10) -> list[dict[str, Any]]:
    """The ``n`` scored documents with the lowest Joint F1 (most gold events first among equals)."""
    scored = [d for d in scores["documents"] if d["joint"]["f1"] is not None]
    scored.sort(key=lambda d: (d["joint"]["f1"], -d["gold_events"], -d["predicted_events"], d["name"]))
    return scored[: max(n, 0)]


def _pct(value: float | None) -> str:
    return "  n/a" if value is None else f"{100 * value:5.1f}"


def score_report(gold_dir: Path, pred_dir: Path, worst: int = 10) -> str:
    """A printable report of :func:`score_dirs`: main table, per role, per form, worst documents."""
    s = score_dirs(gold_dir, pred_dir)
    lines = [
        f"SpkAtt scoring: gold {s['gold_dir']}  system {s['pred_dir']}",
        f"documents: {s['n_documents']} ({s['documents_without_gold']} without gold events); "
        f"gold events {s['gold_events']}, system events {s['predicted_events']}, pairs {s['pairs']}",
    ]
    if s["missing_predictions"]:
        shown = ", ".join(s["missing_predictions"][:5]) + (" ..." if len(s["missing_predictions"]) > 5 else "")
        lines.append(f"WARNING: {len(s['missing_predictions'])} gold files have no prediction file, scored as empty predictions: {shown}")
    if s["extra_predictions"]:
        lines.append(f"note: {len(s['extra_predictions'])} prediction files have no gold file and were ignored")
    lines.append(
        f"articles without gold events but with system events: {s['false_alarm_documents']} ({s['false_alarm_events']} invented events)"
    )
    lines += ["", "macro P/R/F1 over pairs and unpaired events of the whole corpus (%)",
              f"{'':<26}{'P':>7}{'R':>7}{'F1':>7}{'microF1':>9}"]
    for variant, label in (("full", ""), ("simplified", "simplified ")):
        for group in ("Messages", "Roles", "Joint"):
            name = label + (group if variant == "full" or group != "Roles" else "Roles (Source)")
            m = s[variant][group]
            lines.append(f"{name:<26}{_pct(m['precision']):>7}{_pct(m['recall']):>7}{_pct(m['f1']):>7}{_pct(m['micro_f1']):>9}")
    lines += ["", "per role (full)", f"{'':<26}{'P':>7}{'R':>7}{'F1':>7}"]
    for role, m in s["full"]["roles"].items():
        lines.append(f"{role:<26}{_pct(m['precision']):>7}{_pct(m['recall']):>7}{_pct(m['f1']):>7}")
    threshold = f"{FORM_FOUND_RECALL:.0%}"
    lines += ["", f"per form: gold found = paired with message token recall >= {threshold} (msg R: mean token recall);",
              f"system correct = paired with message token precision >= {threshold}",
              f"{'Form':<26}{'found':>7}{'gold':>7}{'recall':>8}{'msg R':>7}{'correct':>9}{'system':>8}{'prec':>7}"]
    for form, m in s["forms"].items():
        lines.append(
            f"{form:<26}{m['found']:>7}{m['gold']:>7}{_pct(m['recall']):>8}{_pct(m['mean_message_recall']):>7}"
            f"{m['correct']:>9}{m['system']:>8}{_pct(m['precision']):>7}"
        )
    if s["form_confusion"]:
        lines += ["", "form confusion over pairs (gold -> system: count)"]
        for g, preds in sorted(s["form_confusion"].items()):
            lines.append(f"  {g:<21}" + ", ".join(f"{p or '?'} {n}" for p, n in sorted(preds.items(), key=lambda x: -x[1])))
    rows = worst_documents(s, worst)
    if rows:
        lines += ["", f"{len(rows)} worst documents by Joint F1",
                  f"{'JointF1':>7}{'MsgF1':>7}{'gold':>6}{'sys':>5}{'pair':>5}{'miss':>5}{'spur':>5}  document"]
        for d in rows:
            name = d["name"] + (" [no prediction file]" if d["missing_prediction"] else "")
            lines.append(
                f"{_pct(d['joint']['f1']):>7}{_pct(d['messages']['f1']):>7}{d['gold_events']:>6}{d['predicted_events']:>5}"
                f"{d['paired']:>5}{d['missed']:>5}{d['spurious']:>5}  {name}"
            )
    return "\n".join(lines)
