"""Speaker-attribution audit: a self-contained HTML report and a verdict sheet for reviewers.

``write_audit(output_dir)`` reads the tables of a run (``pipeline.load``) and writes, atomically:

``audit.html``  per document the text with messages, cues and speaker mentions highlighted, a side
                panel per claim (speaker mention, resolved entity, resolution method, antecedent,
                evidence, confidence), filters, a speaker overview and the removed boilerplate
                collapsed in place. One file: CSS and JS are inlined from ``resources/audit/``,
                nothing is fetched (a Content-Security-Policy forbids any network access).
``audit.csv``   one row per claim with an empty ``verdict`` column (see ``VERDICTS``).

Scoring the filled-in verdicts (attribution accuracy with confidence intervals) is evaluation:
``pipeline.evaluation.audit.score_report``.

Safety: every piece of document or table text reaches the page either through ``html.escape``
(text and attributes) or through a JSON island whose ``<``, ``>`` and ``&`` are escaped; the JS
only ever writes ``textContent``. Highlights are built from offsets over escaped segments, never by
inserting markup into text, so overlapping and nested spans cannot break the markup.
"""

from __future__ import annotations

import base64
import csv
import dataclasses
import hashlib
import html
import io
import json
import math
import random
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from .. import __version__
from ..output.export import TEXT_DTYPES, OutputBatch, format_cell, neutralise_formula
from ..output.tables import Tables, entity_first_mentions, load, speaker_label
from ..output.schema import Column, Table

AUDIT_HTML = "audit.html"
AUDIT_CSV = "audit.csv"
PREVIOUS_CSV = "audit.previous.csv"

# A reviewer picks the first that applies: a non-claim cannot have a wrong speaker, and a span
# error only matters when the speaker is right.
# The order is the report's button and key order (1..5).
VERDICTS = {
    "correct": "message, cue, speaker and form are right",
    "wrong_speaker": "a real claim, but attributed to the wrong person (or wrongly unattributed)",
    "wrong_span": "right speaker, but the message span is clearly too short or too long",
    "wrong_form": "right speaker and span, but the form (direct, indirect, reported ...) is wrong",
    "not_a_claim": "no speech, thought or writing event here",
}
# Verdicts whose speaker is right: they count for attribution accuracy.
SPEAKER_RIGHT = ("correct", "wrong_span", "wrong_form")
SAMPLE_STRATA = ("form", "confidence", "speaker")
CSV_DELIMITERS = (",", ";")
# Resolution methods whose speaker mention does not name anyone: the report shows the antecedent.
ANAPHORIC = ("pronoun", "description")
UNATTRIBUTED = "(unattributed)"

AUDIT = Table(
    "audit",
    "One row per claim for reviewers: fill in `verdict`, then run `python cli.py audit score audit.csv`.",
    tuple(
        Column(*spec)
        for spec in (
            ("claim_id", "string", "claim (claims.claim_id)"),
            ("doc_id", "string", "document"),
            ("sent_index", "Int64", "sentence index of the message"),
            ("form", "category", "direct, indirect, free_indirect, reported, according_to or mixed"),
            ("speaker", "string", "who the claim is attributed to: canonical name, else the mention as written"),
            ("speaker_text", "string", "the speaker mention as written"),
            ("speaker_resolution", "category", "explicit, alias, pronoun, description, group, continuation (speaker inherited from the claim before: a quote or Konjunktiv sentence without a cue of its own) or unattributed"),
            ("antecedent", "string", "for pronoun and description speakers: the entity's first mention by name"),
            ("cue_text", "string", "the cue as written"),
            ("claim_text", "string", "the message"),
            ("context", "string", "the message with its frame and some text around it, on one line"),
            ("confidence", "Float64", "0..1, how sure the rules are"),
            ("evidence", "string", "the rules that fired"),
            ("start_char", "Int64", "start of the message in the raw text"),
            ("end_char", "Int64", "end of the message in the raw text"),
            ("verdict", "category", "for the reviewer: " + ", ".join(VERDICTS)),
            ("note", "string", "for the reviewer: free text"),
        )
    ),
    primary_key=("claim_id",),
)
# Claims whose verdict can be carried over to a new run: same message, cue and speaker.
_IDENTITY = ("doc_id", "start_char", "end_char", "speaker_text", "speaker")
_CONTEXT_CHARS = 80


def _text(value: Any) -> str:
    """A table cell as display text ('' for missing)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _int(value: Any) -> int | None:
    return None if value is None or value is pd.NA or pd.isna(value) else int(value)


def _float(value: Any) -> float | None:
    return None if value is None or value is pd.NA or pd.isna(value) else float(value)


# --------------------------------------------------------------------------- claim records


@dataclass
class ClaimView:
    """Everything the report and the sheet show about one claim."""

    index: int
    row: dict[str, Any]
    speaker: str
    entity: dict[str, Any] | None
    antecedent: dict[str, Any] | None
    speaker_mention: dict[str, Any] | None
    figures: list[str]

    @property
    def doc_id(self) -> str:
        return self.row["doc_id"]

    def span(self, start: str, end: str) -> tuple[int, int] | None:
        s, e = _int(self.row.get(start)), _int(self.row.get(end))
        return (s, e) if s is not None and e is not None and e > s else None


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: (None if v is pd.NA or (not isinstance(v, str) and pd.isna(v)) else v) for k, v in r.items()} for r in frame.to_dict("records")]


def claim_views(tables: Tables) -> list[ClaimView]:
    claims = tables.claims.sort_values(["doc_id", "start_char", "end_char"], kind="stable").reset_index(drop=True)
    claims = claims.assign(speaker=speaker_label(claims))
    entities = {r["entity_id"]: r for r in _records(tables.entities)}
    mentions = _records(tables.mentions)
    first = {r["entity_id"]: r for r in _records(entity_first_mentions(tables))}
    by_offsets = {(m["doc_id"], m["start_char"], m["end_char"]): m for m in mentions}
    figures: dict[str, list[str]] = {}
    for fig in _records(tables.figures.sort_values(["doc_id", "start_char"])):
        if fig["claim_id"]:
            figures.setdefault(fig["claim_id"], []).append(fig["text"] or "")
    views = []
    for i, row in enumerate(_records(claims)):
        entity = entities.get(row["speaker_entity_id"]) if row["speaker_entity_id"] else None
        antecedent = None
        if entity is not None and _text(row["speaker_resolution"]) in ANAPHORIC:
            antecedent = first.get(entity["entity_id"])
        mention = by_offsets.get((row["doc_id"], row["speaker_start_char"], row["speaker_end_char"]))
        views.append(ClaimView(i, row, _text(row["speaker"]) or UNATTRIBUTED, entity, antecedent, mention, figures.get(row["claim_id"], [])))
    return views


def _context(text: str, start: int, end: int) -> str:
    """The span widened by about ``_CONTEXT_CHARS`` on each side to word boundaries, on one line."""
    left = max(0, start - _CONTEXT_CHARS)
    right = min(len(text), end + _CONTEXT_CHARS)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    snippet = ("… " if left > 0 else "") + text[left:right] + (" …" if right < len(text) else "")
    return re.sub(r"\s+", " ", snippet).strip()


def sheet_rows(views: Sequence[ClaimView], texts: Mapping[str, str]) -> list[dict[str, Any]]:
    rows = []
    for v in views:
        r = v.row
        spans = [s for s in (v.span("start_char", "end_char"), v.span("cue_start_char", "cue_end_char"), v.span("speaker_start_char", "speaker_end_char")) if s]
        text = texts.get(v.doc_id, "")
        context = _context(text, min(s for s, _ in spans), max(e for _, e in spans)) if spans and text else ""
        rows.append(
            {
                **{c: r.get(c) for c in ("claim_id", "doc_id", "sent_index", "form", "speaker_text", "speaker_resolution", "cue_text", "claim_text", "confidence", "evidence", "start_char", "end_char")},
                "speaker": v.speaker,
                "antecedent": (v.antecedent or {}).get("text"),
                "context": context,
                "verdict": None,
                "note": None,
            }
        )
    return rows


# --------------------------------------------------------------------------- reading a reviewed sheet


def read_sheet(path: Path) -> list[dict[str, str]]:
    """Rows of an audit.csv, also after a round trip through a spreadsheet program.

    Spreadsheets may save with a BOM, in cp1252, or with ';' as separator (German locale); the
    apostrophe ``--excel-safe`` puts before formula-like cells is removed again.
    """
    data = Path(path).read_bytes()
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        content = data.decode("cp1252")
    header = content.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(content, newline=""), delimiter=delimiter)
    missing = {"claim_id", "verdict"} - set(reader.fieldnames or ())
    if missing:
        raise ValueError(f"{path}: not an audit sheet, missing column(s) {sorted(missing)}")
    unquote = lambda cell: cell[1:] if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@") else cell  # noqa: E731
    return [{k: unquote((v or "").strip()) for k, v in row.items() if k is not None} for row in reader]


def normalise_verdict(value: str) -> str:
    return re.sub(r"[\s\-]+", "_", value.strip().lower())


def _identity(row: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(_text(row.get(c)) for c in _IDENTITY)


def _carry_over(previous: Path, rows: list[dict[str, Any]]) -> tuple[int, list[dict[str, str]]]:
    """Copy verdicts of an existing sheet onto unchanged claims; returns (kept, reviewed rows left over)."""
    if not previous.exists():
        return 0, []
    try:
        old = read_sheet(previous)
    except ValueError:
        return 0, []
    reviewed = {_identity(r): r for r in old if r.get("verdict") or r.get("note")}
    kept = 0
    for row in rows:
        match = reviewed.pop(_identity(row), None)
        if match is not None:
            row["verdict"], row["note"] = match.get("verdict") or None, match.get("note") or None
            kept += 1
    return kept, list(reviewed.values())


# --------------------------------------------------------------------------- highlighting


@dataclass(frozen=True)
class Mark:
    """One highlighted range: ``kind`` m(essage), c(ue), s(peaker) of claim ``ref``, or e(ntity mention)."""

    start: int
    end: int
    kind: str
    ref: int


def segments(start: int, end: int, marks: Iterable[Mark]) -> Iterator[tuple[int, int, tuple[Mark, ...]]]:
    """Cut ``[start, end)`` at every mark boundary: flat pieces, each with the marks covering it.

    Flat pieces instead of nested elements is what keeps overlapping spans (a quote inside an
    indirect claim, a speaker inside another claim's message) valid markup.
    """
    inside = [m for m in marks if m.start < end and m.end > start and m.end > m.start]
    cuts = sorted({start, end} | {max(start, min(end, p)) for m in inside for p in (m.start, m.end)})
    opening: dict[int, list[Mark]] = {}
    for m in inside:
        opening.setdefault(max(start, m.start), []).append(m)
    active: list[Mark] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > a] + opening.get(a, [])
        yield a, b, tuple(active)


def _render_piece(text: str, covering: tuple[Mark, ...]) -> str:
    if not covering:
        return html.escape(text, quote=True)
    claims = [m for m in covering if m.kind != "e"]
    mentions = [m for m in covering if m.kind == "e"]
    kinds = {"m": "msg", "c": "cue", "s": "spk"}
    classes = ["seg"] + sorted({kinds[m.kind] for m in claims}) + (["msg2"] if sum(m.kind == "m" for m in claims) > 1 else [])
    attrs = f' class="{" ".join(classes)}"'
    if claims:
        attrs += f' data-a="{" ".join(f"{m.kind}{m.ref}" for m in claims)}"'
    if mentions:
        attrs += f' data-m="{" ".join(str(m.ref) for m in mentions)}"'
    return f"<span{attrs}>{html.escape(text, quote=True)}</span>"


def render_text(text: str, marks: Sequence[Mark], removed: Sequence[dict[str, Any]]) -> str:
    """The document text as HTML: highlighted content, boilerplate blocks collapsed where they were."""
    parts = []
    position = 0
    blocks = sorted((b for b in removed if _int(b["start_char"]) is not None), key=lambda b: b["start_char"])
    for block in blocks + [None]:
        stop = len(text) if block is None else max(position, min(len(text), int(block["start_char"])))
        parts += [_render_piece(text[a:b], cover) for a, b, cover in segments(position, stop, marks)]
        if block is None:
            break
        b_end = max(stop, min(len(text), int(block["end_char"])))
        label = f"removed as boilerplate: {_text(block['category']) or 'other'} · {b_end - stop} characters"
        title = _text(block["signals"])
        parts.append(
            f'<details class="boilerplate"><summary title="{html.escape(title, quote=True)}">{html.escape(label)}</summary>'
            f'<div class="bp-text">{html.escape(text[stop:b_end], quote=True)}</div></details>'
        )
        position = b_end
    return "".join(parts)


# --------------------------------------------------------------------------- page


def _resource(name: str) -> str:
    return resources.files("pipeline.resources").joinpath("audit", name).read_text(encoding="utf-8")


def _json_island(data: Any) -> str:
    """JSON that is safe inside <script type="application/json">: no '<', '>' or '&' survives."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _fill(template: str, parts: Mapping[str, str]) -> str:
    """Replace ``{{name}}`` placeholders in one pass, so inserted content is never scanned again."""
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], template)


def _form(row: Mapping[str, Any]) -> str:
    return _text(row["form"]) or "unknown"


def _resolution(row: Mapping[str, Any]) -> str:
    return _text(row["speaker_resolution"]) or "unattributed"


def _claim_json(v: ClaimView) -> dict[str, Any]:
    r = v.row
    entity = v.entity
    antecedent = v.antecedent
    return {
        "id": r["claim_id"],
        "doc": r["doc_id"],
        "form": _form(r),
        "message": _text(r["claim_text"]),
        "span": [r["start_char"], r["end_char"]],
        "cue": _text(r["cue_text"]),
        "cueLemma": _text(r["cue_lemma"]),
        "speaker": v.speaker,
        "speakerText": _text(r["speaker_text"]),
        "speakerLink": _text((v.speaker_mention or {}).get("link_method")),
        "resolution": _resolution(r),
        "entity": None
        if entity is None
        else {
            "id": entity["entity_id"],
            "name": _text(entity["canonical_name"]),
            "label": _text(entity["label"]),
            "roles": _text(entity["roles"]),
            "affiliation": _text(entity["affiliation"]),
            "acronym": _text(entity["acronym"]),
        },
        "antecedent": None if antecedent is None else {"text": _text(antecedent["text"]), "mention": antecedent["mention_id"]},
        "addressee": _text(r["addressee_text"]),
        "confidence": _float(r["confidence"]),
        # The schema separates rules with '; '; ' | ' (the list separator of export) is accepted too.
        "evidence": [e for e in re.split(r"\s*;\s+|\s+\|\s+", _text(r["evidence"])) if e],
        "figures": v.figures,
    }


def _options(counts: Counter, name: str, values: Iterable[str]) -> str:
    return "".join(
        f'<label><input type="checkbox" name="{name}" value="{html.escape(v, quote=True)}" checked> '
        f'{html.escape(v)} <small class="count" data-count="{html.escape(v, quote=True)}">({counts[v]})</small></label>'
        for v in values
    )


def _speaker_chart(counts: Counter, speaker_ids: Mapping[str, int], top: int = 15) -> str:
    """The initial speaker overview (the JS redraws it whenever a filter changes)."""
    if not counts:
        return "<p class=\"muted\">No claims.</p>"
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    most = ranked[0][1]
    rows = "".join(
        f'<li><button type="button" class="bar" data-speaker="{speaker_ids[name]}" title="show only {html.escape(name, quote=True)}">'
        f'<span class="bar-name">{html.escape(name)}</span><span class="bar-track"><span class="bar-fill" style="width:{100 * n / most:.1f}%"></span></span>'
        f'<span class="bar-n">{n}</span></button></li>'
        for name, n in ranked[:top]
    )
    more = f'<li class="muted">and {len(ranked) - top} more speakers</li>' if len(ranked) > top else ""
    return f'<ol class="chart">{rows}{more}</ol>'


def _verdict_buttons() -> str:
    return "".join(
        f'<button type="button" class="verdict v-{v}" data-verdict="{v}" title="{html.escape(d, quote=True)} (key {k})">'
        f"<kbd>{k}</kbd> {v.replace('_', ' ')}</button>"
        for k, (v, d) in enumerate(VERDICTS.items(), start=1)
    )


def _document_template(doc_id: str, meta: Mapping[str, Any], text: str, doc_views: Sequence[ClaimView], mentions: Sequence[dict[str, Any]], mention_index: Mapping[str, int], removed: Sequence[dict[str, Any]]) -> str:
    """One document as an inert ``<template>``: parsed once, rendered only when a reviewer opens it."""
    marks = []
    for v in doc_views:
        for kind, (s, e) in (("m", ("start_char", "end_char")), ("c", ("cue_start_char", "cue_end_char")), ("s", ("speaker_start_char", "speaker_end_char"))):
            span = v.span(s, e)
            if span:
                marks.append(Mark(span[0], span[1], kind, v.index))
    marks += [Mark(m["start_char"], m["end_char"], "e", mention_index[m["mention_id"]]) for m in mentions if _int(m["start_char"]) is not None]
    info = " · ".join(x for x in (_text(meta.get("path")), _text(meta.get("date"))[:10], f"{len(doc_views)} claim" + ("" if len(doc_views) == 1 else "s")) if x)
    attr = html.escape(doc_id, quote=True)
    return (
        f'<template class="doctpl" data-doc="{attr}"><section class="doc" id="doc-{attr}" data-doc="{attr}">'
        f"<h2>{html.escape(doc_id)}</h2><p class=\"muted\">{html.escape(info)}</p>"
        f'<div class="doctext">{render_text(text, marks, removed)}</div></section></template>'
    )


def sheet_cells(row: Mapping[str, Any]) -> list[str]:
    """A sheet row as the cells ``audit.csv`` holds (formula-like text neutralised), in ``AUDIT`` order."""
    cells = []
    for column in AUDIT.columns:
        cell = format_cell(row.get(column.name))
        cells.append(neutralise_formula(cell) if column.dtype in TEXT_DTYPES else cell)
    return cells


def _stored_verdict(value: Any) -> str:
    """A verdict from a sheet as the report shows it: the canonical key when it is one."""
    text = _text(value)
    return normalise_verdict(text) if normalise_verdict(text) in VERDICTS else text


def build_html(tables: Tables, views: Sequence[ClaimView], sheet: Sequence[Mapping[str, Any]] | None = None, sample: Mapping[str, Any] | None = None) -> str:
    """The report page. ``sheet`` (rows of ``sheet_rows`` with carried-over verdicts) feeds the export."""
    texts = tables.texts
    sheet = list(sheet) if sheet is not None else sheet_rows(views, texts)
    mentions = _records(tables.mentions.sort_values(["doc_id", "start_char"]))
    mention_index = {m["mention_id"]: i for i, m in enumerate(mentions)}
    removed = _records(tables.boilerplate)
    speaker_counts = Counter(v.speaker for v in views)
    speaker_ids = {name: i for i, name in enumerate(sorted(speaker_counts, key=lambda s: (-speaker_counts[s], s)))}
    form_counts = Counter(_form(v.row) for v in views)
    res_counts = Counter(_resolution(v.row) for v in views)

    documents = _records(tables.documents)
    doc_meta = {d["doc_id"]: d for d in documents}
    views_by_doc: dict[str, list[ClaimView]] = {}
    for v in views:
        views_by_doc.setdefault(v.doc_id, []).append(v)
    doc_ids = [d["doc_id"] for d in documents] + sorted(set(texts) - set(doc_meta))
    if sample is not None:
        # A sample report carries only the documents its claims come from.
        doc_ids = [d for d in doc_ids if d in views_by_doc]
    doc_ids = [d for d in doc_ids if d in texts]
    mentions_by_doc: dict[str, list[dict[str, Any]]] = {}
    for m in mentions:
        mentions_by_doc.setdefault(m["doc_id"], []).append(m)
    removed_by_doc: dict[str, list[dict[str, Any]]] = {}
    for b in removed:
        removed_by_doc.setdefault(b["doc_id"], []).append(b)
    templates = [
        _document_template(d, doc_meta.get(d, {}), texts[d], views_by_doc.get(d, []), mentions_by_doc.get(d, []), mention_index, removed_by_doc.get(d, []))
        for d in doc_ids
    ]

    claims_json = []
    for v, row in zip(views, sheet):
        record = _claim_json(v)
        meta = doc_meta.get(v.doc_id, {})
        record.update(
            speakerId=speaker_ids[v.speaker],
            path=_text(meta.get("path")),
            date=_text(meta.get("date"))[:10],
            sheet=sheet_cells({**row, "verdict": None, "note": None})[:-2],
            verdict=_stored_verdict(row.get("verdict")),
            note=_text(row.get("note")),
        )
        claims_json.append(record)
    data = {
        "claims": claims_json,
        "sheetColumns": AUDIT.column_names,
        "identity": [AUDIT.column_names.index(c) for c in _IDENTITY],
        "verdicts": list(VERDICTS),
        "speakerRight": list(SPEAKER_RIGHT),
        "speakers": {str(speaker_ids[v.speaker]): v.speaker for v in views},
        "claimSpeaker": [speaker_ids[v.speaker] for v in views],
        "mentions": [{"id": m["mention_id"], "entity": m["entity_id"], "text": _text(m["text"]), "link": _text(m["link_method"])} for m in mentions],
        "docs": [{"id": d, "claims": len(views_by_doc.get(d, []))} for d in doc_ids],
        "sample": dict(sample) if sample is not None else None,
    }
    speaker_select = '<option value="">all speakers</option>' + "".join(
        f'<option value="{i}">{html.escape(name)} ({speaker_counts[name]})</option>' for name, i in speaker_ids.items()
    )
    doc_select = '<option value="">all documents</option>' + "".join(
        f'<option value="{html.escape(d, quote=True)}">{html.escape(d)} ({len(views_by_doc.get(d, []))})</option>' for d in doc_ids
    )
    errors = _records(tables.errors)
    skipped = (
        '<details class="skipped"><summary>' + f"{len(errors)} input problems</summary><ul>"
        + "".join(f"<li>{html.escape(_text(e['path']))}: {html.escape(_text(e['problem']))} ({html.escape(_text(e['message']))})</li>" for e in errors)
        + "</ul></details>"
        if errors
        else ""
    )
    pipeline_info = tables.manifest.get("pipeline") or {}
    script = _resource("audit.js")
    if "</script" in script.lower():
        raise ValueError("audit.js must not contain '</script'")
    script_hash = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    sample_note = ""
    if sample is not None:
        sample_note = (
            f' · <strong class="sample">stratified sample of {sample["n"]} of {sample["population"]} claims'
            f' by {html.escape(str(sample["by"]))}, seed {html.escape(str(sample["seed"]))}</strong>'
        )
    return _fill(
        _resource("template.html"),
        {
            "csp": f"default-src 'none'; script-src 'sha256-{script_hash}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
            "css": _resource("audit.css"),
            "script": script,
            "data": _json_island(data),
            "version": html.escape(__version__),
            "pipeline": html.escape(_text(pipeline_info.get("name")) or "unknown pipeline"),
            "n_docs": str(len(doc_ids)),
            "n_claims": str(len(views)),
            "n_speakers": str(len(speaker_counts)),
            "sample": sample_note,
            "skipped": skipped,
            "chart": _speaker_chart(speaker_counts, speaker_ids),
            "speaker_options": speaker_select,
            "doc_options": doc_select,
            "form_options": _options(form_counts, "form", sorted(form_counts)),
            "resolution_options": _options(res_counts, "resolution", sorted(res_counts)),
            "status_options": '<option value="">all</option><option value="unreviewed">not reviewed yet</option><option value="reviewed">reviewed</option>'
            + "".join(f'<option value="{v}">{v.replace("_", " ")}</option>' for v in VERDICTS),
            "verdict_buttons": _verdict_buttons(),
            "templates": "".join(templates),
        },
    )


# --------------------------------------------------------------------------- sampling


def confidence_band(value: str) -> str:
    """The confidence band a claim is sampled and scored by: <0.5, 0.5-0.8, >=0.8 (unknown when not a number)."""
    try:
        c = float(value)
    except ValueError:
        return "unknown"
    return "<0.5" if c < 0.5 else "0.5-0.8" if c < 0.8 else ">=0.8"


def stratum(view: ClaimView, by: str | None) -> str:
    """The stratum a claim is sampled in: its form, confidence band (as ``audit score``) or speaker."""
    if by is None:
        return "all"
    if by == "form":
        return _form(view.row)
    if by == "confidence":
        return confidence_band(_text(view.row["confidence"]))
    if by == "speaker":
        return view.speaker
    raise ValueError(f"--by must be one of {', '.join(SAMPLE_STRATA)}, not {by!r}")


def stratified_sample(views: Sequence[ClaimView], n: int, by: str | None = None, seed: int = 0) -> tuple[list[ClaimView], dict[str, tuple[int, int]]]:
    """A random sample of ``n`` claims, allocated to the strata in proportion to their size.

    Proportional allocation (largest remainders) keeps the sample self-weighting: every claim has
    about the same chance ``n / N`` to be drawn, so the plain rates and Wilson intervals that
    ``audit score`` prints estimate the whole run. Deterministic for a given ``seed``. Returns the
    sample (re-indexed, in report order) and per stratum (drawn, size).
    """
    if n <= 0:
        raise ValueError(f"--sample must be a positive number of claims, not {n}")
    groups: dict[str, list[ClaimView]] = {}
    for v in views:
        groups.setdefault(stratum(v, by), []).append(v)
    total = len(views)
    n = min(n, total)
    exact = {k: n * len(g) / total for k, g in groups.items()} if total else {}
    quota = {k: int(math.floor(x)) for k, x in exact.items()}
    for k in sorted(exact, key=lambda k: (-(exact[k] - quota[k]), -len(groups[k]), k))[: n - sum(quota.values())]:
        quota[k] += 1
    rng = random.Random(seed)
    chosen: set[int] = set()
    for k in sorted(groups):
        members = sorted(groups[k], key=lambda v: _text(v.row["claim_id"]))
        chosen.update(v.index for v in rng.sample(members, quota[k]))
    sample = [dataclasses.replace(v, index=i) for i, v in enumerate(v for v in views if v.index in chosen)]
    return sample, {k: (quota[k], len(groups[k])) for k in sorted(groups)}


# --------------------------------------------------------------------------- verdict sheet file


def sheet_bytes(rows: Sequence[Mapping[str, Any]], delimiter: str = ",") -> bytes:
    """``audit.csv`` as bytes: UTF-8 with BOM (so Excel picks the encoding), ``,`` or ``;`` between cells.

    German Excel splits a double-clicked CSV on ``;``; with ``delimiter=";"`` the sheet opens in
    columns there. ``read_sheet`` reads both back.
    """
    if delimiter not in CSV_DELIMITERS:
        raise ValueError(f"--delimiter must be one of {' '.join(repr(d) for d in CSV_DELIMITERS)}, not {delimiter!r}")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(AUDIT.column_names)
    for row in rows:
        writer.writerow(sheet_cells(row))
    return buffer.getvalue().encode("utf-8-sig")


# --------------------------------------------------------------------------- entry points


def write_audit(
    output_dir: Path,
    *,
    sample: int | None = None,
    by: str | None = None,
    seed: int = 0,
    delimiter: str = ",",
    verdicts: Path | None = None,
) -> str:
    """Write ``audit.html`` and ``audit.csv`` into ``output_dir`` (one atomic batch); a one-line summary.

    ``sample``/``by``/``seed``: report only a stratified random sample (see ``stratified_sample``).
    ``verdicts``: a verdict file exported from the report (or any filled-in sheet) whose verdicts
    are carried over onto unchanged claims, after those of the existing ``audit.csv``.
    """
    output_dir = Path(output_dir)
    if by is not None and by not in SAMPLE_STRATA:
        raise ValueError(f"--by must be one of {', '.join(SAMPLE_STRATA)}, not {by!r}")
    if by is not None and sample is None:
        raise ValueError("--by needs --sample N (the number of claims to draw)")
    if verdicts is not None and not Path(verdicts).is_file():
        raise FileNotFoundError(f"{verdicts}: verdict file not found (export it from audit.html)")
    sheet_bytes([], delimiter)  # reject a bad delimiter before any work
    tables = load(output_dir)
    views = claim_views(tables)
    population = len(views)
    sample_info = None
    if sample is not None:
        views, strata = stratified_sample(views, sample, by, seed)
        sample_info = {"n": len(views), "population": population, "by": by or "none", "seed": seed, "strata": {k: list(v) for k, v in strata.items()}}
    all_claims = {_identity({**v.row, "speaker": v.speaker}) for v in claim_views(tables)} if sample_info is not None else set()
    rows = sheet_rows(views, tables.texts)
    kept, left_over = _carry_over(output_dir / AUDIT_CSV, rows)
    # With a sample, reviewed claims outside it still exist: they are kept, not reported as changed.
    outside = sum(1 for r in left_over if _identity(r) in all_claims)
    dropped = len(left_over) - outside
    imported = 0
    if verdicts is not None:
        imported, _ = _carry_over(Path(verdicts), rows)
    page = build_html(tables, views, rows, sample_info)
    with OutputBatch(output_dir) as out:
        if left_over:
            # Reviewed rows whose claim changed (or lies outside the sample) are never thrown away silently.
            out.write_bytes(PREVIOUS_CSV, (output_dir / AUDIT_CSV).read_bytes())
        # Reviewers open the sheet in spreadsheet programs: formula-like cells are neutralised.
        out.write_bytes(AUDIT_CSV, sheet_bytes(rows, delimiter))
        out.write_bytes(AUDIT_HTML, page.encode("utf-8"))
    n_docs = len({v.doc_id for v in views})
    summary = f"wrote {output_dir / AUDIT_HTML} and {AUDIT_CSV}: {len(views)} claims, {len({v.speaker for v in views})} speakers, {n_docs} documents with claims"
    if sample_info is not None:
        summary += f" (stratified sample of {len(views)} of {population} claims by {sample_info['by']}, seed {seed})"
    if kept or left_over:
        summary += f"; {kept} verdicts carried over"
        if dropped:
            summary += f", {dropped} no longer match a claim (kept in {PREVIOUS_CSV})"
        if outside:
            summary += f", {outside} belong to claims outside the sample (kept in {PREVIOUS_CSV}; `--verdicts {PREVIOUS_CSV}` brings them back)"
    if verdicts is not None:
        summary += f"; {imported} verdicts imported from {verdicts}"
    return summary
