"""Speaker-attribution audit: a self-contained HTML report and a verdict sheet for reviewers.

``write_audit(output_dir)`` reads the tables of a run (``pipeline.load``) and writes, atomically:

``audit.html``  per document the text with messages, cues and speaker mentions highlighted, a side
                panel per claim (speaker mention, resolved entity, resolution method, antecedent,
                evidence, confidence), filters, a speaker overview and the removed boilerplate
                collapsed in place. One file: CSS and JS are inlined from ``resources/audit/``,
                nothing is fetched (a Content-Security-Policy forbids any network access).
``audit.csv``   one row per claim with an empty ``verdict`` column (see ``VERDICTS``).

``score_report(csv_path)`` turns filled-in verdicts into attribution accuracy with confidence
intervals, broken down by resolution method, form and confidence band.

Safety: every piece of document or table text reaches the page either through ``html.escape``
(text and attributes) or through a JSON island whose ``<``, ``>`` and ``&`` are escaped; the JS
only ever writes ``textContent``. Highlights are built from offsets over escaped segments, never by
inserting markup into text, so overlapping and nested spans cannot break the markup.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from . import __version__
from .export import OutputBatch
from .load import Tables, entity_first_mentions, load, speaker_label
from .schema import Column, Table

AUDIT_HTML = "audit.html"
AUDIT_CSV = "audit.csv"
PREVIOUS_CSV = "audit.previous.csv"

# A reviewer picks the first that applies: a non-claim cannot have a wrong speaker, and a span
# error only matters when the speaker is right.
VERDICTS = {
    "correct": "message, cue and speaker are right",
    "wrong_speaker": "a real claim, but attributed to the wrong person (or wrongly unattributed)",
    "not_a_claim": "no speech, thought or writing event here",
    "wrong_span": "right speaker, but the message span is clearly too short or too long",
}
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


def _carry_over(previous: Path, rows: list[dict[str, Any]]) -> tuple[int, int]:
    """Copy verdicts of an existing sheet onto unchanged claims; returns (kept, dropped)."""
    if not previous.exists():
        return 0, 0
    try:
        old = read_sheet(previous)
    except ValueError:
        return 0, 0
    key = lambda r: tuple(_text(r.get(c)) for c in _IDENTITY)  # noqa: E731
    reviewed = {key(r): r for r in old if r.get("verdict") or r.get("note")}
    kept = 0
    for row in rows:
        match = reviewed.pop(key(row), None)
        if match is not None:
            row["verdict"], row["note"] = match.get("verdict") or None, match.get("note") or None
            kept += 1
    return kept, len(reviewed)


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
        f"{html.escape(v)} <small>({counts[v]})</small></label>"
        for v in values
    )


def _speaker_chart(counts: Counter, speaker_ids: Mapping[str, int]) -> str:
    if not counts:
        return "<p class=\"muted\">No claims.</p>"
    top = counts.most_common()
    most = top[0][1]
    rows = "".join(
        f'<li><button type="button" class="bar" data-speaker="{speaker_ids[name]}" title="show only {html.escape(name, quote=True)}">'
        f'<span class="bar-name">{html.escape(name)}</span><span class="bar-track"><span class="bar-fill" style="width:{100 * n / most:.1f}%"></span></span>'
        f'<span class="bar-n">{n}</span></button></li>'
        for name, n in top
    )
    return f'<ol class="chart">{rows}</ol>'


def _claim_list(views: Sequence[ClaimView]) -> str:
    if not views:
        return '<p class="muted">No claims in this document.</p>'
    items = []
    for v in views:
        conf = _float(v.row["confidence"])
        items.append(
            f'<li class="claimrow" data-claim="{v.index}" tabindex="0">'
            f'<span class="tag form">{html.escape(_text(v.row["form"]))}</span> '
            f'<span class="who">{html.escape(v.speaker)}</span> '
            f'<span class="tag res">{html.escape(_text(v.row["speaker_resolution"]))}</span> '
            f'<span class="conf">{"" if conf is None else f"{conf:.2f}"}</span> '
            f'<span class="preview">{html.escape(_text(v.row["claim_text"])[:160])}</span></li>'
        )
    return f'<ol class="claimlist">{"".join(items)}</ol>'


def build_html(tables: Tables, views: Sequence[ClaimView]) -> str:
    texts = tables.texts
    mentions = _records(tables.mentions.sort_values(["doc_id", "start_char"]))
    mention_index = {m["mention_id"]: i for i, m in enumerate(mentions)}
    removed = _records(tables.boilerplate)
    speaker_counts = Counter(v.speaker for v in views)
    speaker_ids = {name: i for i, name in enumerate(sorted(speaker_counts, key=lambda s: (-speaker_counts[s], s)))}
    form_counts = Counter(_form(v.row) for v in views)
    res_counts = Counter(_resolution(v.row) for v in views)

    sections = []
    documents = _records(tables.documents)
    doc_ids = [d["doc_id"] for d in documents] + sorted(set(texts) - {d["doc_id"] for d in documents})
    doc_meta = {d["doc_id"]: d for d in documents}
    views_by_doc: dict[str, list[ClaimView]] = {}
    for v in views:
        views_by_doc.setdefault(v.doc_id, []).append(v)
    mentions_by_doc: dict[str, list[dict[str, Any]]] = {}
    for m in mentions:
        mentions_by_doc.setdefault(m["doc_id"], []).append(m)
    removed_by_doc: dict[str, list[dict[str, Any]]] = {}
    for b in removed:
        removed_by_doc.setdefault(b["doc_id"], []).append(b)
    for doc_id in doc_ids:
        text = texts.get(doc_id)
        if text is None:
            continue
        doc_views = views_by_doc.get(doc_id, [])
        marks = []
        for v in doc_views:
            for kind, (s, e) in (("m", ("start_char", "end_char")), ("c", ("cue_start_char", "cue_end_char")), ("s", ("speaker_start_char", "speaker_end_char"))):
                span = v.span(s, e)
                if span:
                    marks.append(Mark(span[0], span[1], kind, v.index))
        marks += [Mark(m["start_char"], m["end_char"], "e", mention_index[m["mention_id"]]) for m in mentions_by_doc.get(doc_id, []) if _int(m["start_char"]) is not None]
        meta = doc_meta.get(doc_id, {})
        info = " · ".join(x for x in (_text(meta.get("path")), _text(meta.get("date")), f"{len(doc_views)} claim" + ("" if len(doc_views) == 1 else "s")) if x)
        sections.append(
            f'<section class="doc" id="doc-{html.escape(doc_id, quote=True)}" data-doc="{html.escape(doc_id, quote=True)}">'
            f"<h2>{html.escape(doc_id)}</h2><p class=\"muted\">{html.escape(info)}</p>"
            f'<div class="doctext">{render_text(text, marks, removed_by_doc.get(doc_id, []))}</div>'
            f"<details open class=\"claims\"><summary>Claims in this document</summary>{_claim_list(doc_views)}</details></section>"
        )

    data = {
        "claims": [_claim_json(v) for v in views],
        "speakers": {str(speaker_ids[v.speaker]): v.speaker for v in views},
        "claimSpeaker": [speaker_ids[v.speaker] for v in views],
        "mentions": [{"id": m["mention_id"], "entity": m["entity_id"], "text": _text(m["text"]), "link": _text(m["link_method"])} for m in mentions],
    }
    speaker_select = '<option value="">all speakers</option>' + "".join(
        f'<option value="{i}">{html.escape(name)} ({speaker_counts[name]})</option>' for name, i in speaker_ids.items()
    )
    nav = "".join(f'<li><a href="#doc-{html.escape(d, quote=True)}">{html.escape(d)}</a></li>' for d in doc_ids if d in texts)
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
    return _fill(
        _resource("template.html"),
        {
            "csp": f"default-src 'none'; script-src 'sha256-{script_hash}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
            "css": _resource("audit.css"),
            "script": script,
            "data": _json_island(data),
            "version": html.escape(__version__),
            "pipeline": html.escape(_text(pipeline_info.get("name")) or "unknown pipeline"),
            "n_docs": str(len(sections)),
            "n_claims": str(len(views)),
            "n_speakers": str(len(speaker_counts)),
            "nav": nav,
            "skipped": skipped,
            "chart": _speaker_chart(speaker_counts, speaker_ids),
            "speaker_options": speaker_select,
            "form_options": _options(form_counts, "form", sorted(form_counts)),
            "resolution_options": _options(res_counts, "resolution", sorted(res_counts)),
            "documents": "".join(sections) or '<p class="muted">No documents.</p>',
        },
    )


# --------------------------------------------------------------------------- entry points


def write_audit(output_dir: Path) -> str:
    """Write ``audit.html`` and ``audit.csv`` into ``output_dir`` (one atomic batch); a one-line summary."""
    output_dir = Path(output_dir)
    tables = load(output_dir)
    views = claim_views(tables)
    rows = sheet_rows(views, tables.texts)
    kept, dropped = _carry_over(output_dir / AUDIT_CSV, rows)
    page = build_html(tables, views)
    # Reviewers open the sheet in spreadsheet programs: neutralise cells that would run as formulas.
    with OutputBatch(output_dir, excel_safe=True) as out:
        if dropped:
            # Reviewed rows whose claim changed are never thrown away silently.
            out.write_bytes(PREVIOUS_CSV, (output_dir / AUDIT_CSV).read_bytes())
        out.write_table(AUDIT, rows)
        out.write_bytes(AUDIT_HTML, page.encode("utf-8"))
    n_docs = len({v.doc_id for v in views})
    summary = f"wrote {output_dir / AUDIT_HTML} and {AUDIT_CSV}: {len(views)} claims, {len({v.speaker for v in views})} speakers, {n_docs} documents with claims"
    if kept or dropped:
        summary += f"; {kept} verdicts carried over"
        if dropped:
            summary += f", {dropped} no longer match a claim (kept in {PREVIOUS_CSV})"
    return summary


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


def _confidence_band(value: str) -> str:
    try:
        c = float(value)
    except ValueError:
        return "unknown"
    return "<0.5" if c < 0.5 else "0.5-0.8" if c < 0.8 else ">=0.8"


def score_verdicts(rows: Sequence[Mapping[str, str]]) -> dict[str, Any]:
    """Counts and rates from reviewed rows; raises ``ValueError`` on verdicts outside ``VERDICTS``."""
    reviewed = [(r, normalise_verdict(r["verdict"])) for r in rows if r.get("verdict", "").strip()]
    invalid = [f"{r.get('claim_id', '?')}: {r['verdict']!r}" for r, v in reviewed if v not in VERDICTS]
    if invalid:
        raise ValueError(f"unknown verdict(s) {invalid[:5]}; allowed: {', '.join(VERDICTS)}")
    counts = Counter(v for _, v in reviewed)
    real = len(reviewed) - counts["not_a_claim"]
    right_speaker = counts["correct"] + counts["wrong_span"]
    groups: dict[str, dict[str, list[int]]] = {}
    for column, key in (("speaker_resolution", lambda r: r.get("speaker_resolution") or "unknown"), ("form", lambda r: r.get("form") or "unknown"), ("confidence", lambda r: _confidence_band(r.get("confidence", "")))):
        table = groups.setdefault(column, {})
        for r, v in reviewed:
            if v != "not_a_claim":
                cell = table.setdefault(key(r), [0, 0])
                cell[0] += v in ("correct", "wrong_span")
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
