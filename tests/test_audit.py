"""Audit report and verdict sheet: escaping, highlight markup over overlapping spans, audit.csv,
verdict carry-over and scoring."""

import base64
import csv
import hashlib
import html
import json
import io
import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from pipeline.audit.report import (
    AUDIT,
    AUDIT_CSV,
    AUDIT_HTML,
    PREVIOUS_CSV,
    Mark,
    read_sheet,
    render_text,
    segments,
    write_audit,
)
from pipeline.evaluation.audit import score_report, score_verdicts, wilson_interval
from tests.tables_fixture import HOSTILE_MESSAGE, HOSTILE_NAME, PARIS, TEXTS, write_tables


class Page(HTMLParser):
    """Start tags, the text of the document sections and whether every element was closed."""

    VOID = {"meta", "input", "br", "img", "link"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.stack, self.doctext, self.scripts = [], [], [], []
        self.depth_in_doctext = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.VOID:
            return
        self.stack.append(tag)
        if self.depth_in_doctext or ("class", "doctext") in attrs:
            self.depth_in_doctext += 1

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()
        if self.depth_in_doctext:
            self.depth_in_doctext -= 1

    def handle_data(self, data):
        if self.depth_in_doctext and self.stack[-1] != "summary":
            self.doctext.append(data)
        if self.stack and self.stack[-1] == "script":
            self.scripts.append(data)


@pytest.fixture
def audited(tmp_path):
    out = write_tables(tmp_path / "processed")
    summary = write_audit(out)
    return out, summary


def _page(out):
    page = Page()
    page.feed((out / AUDIT_HTML).read_text(encoding="utf-8"))
    page.close()
    return page


def test_summary_and_files(audited):
    out, summary = audited
    assert summary.startswith(f"wrote {out / AUDIT_HTML} and audit.csv: 6 claims, 5 speakers, 2 documents")
    assert not list(out.glob(".*.tmp"))


def test_hostile_text_and_speaker_names_are_escaped_everywhere(audited):
    out, _ = audited
    source = (out / AUDIT_HTML).read_text(encoding="utf-8")
    page = _page(out)
    assert page.stack == [], "unclosed elements"
    # Exactly the data island and the report's own script; no <img> from the boilerplate block.
    assert [t for t, _ in page.tags if t in ("script", "img", "iframe", "object")] == ["script", "script"]
    assert "__pwned" not in page.scripts[1]
    assert "<script>window.__pwned" not in source and "<img src=x" not in source
    assert html.escape(HOSTILE_MESSAGE) in source and html.escape(HOSTILE_NAME) in source
    # Attribute values cannot be broken out of either.
    titles = [a.get("title", "") for _, a in page.tags if "title" in a]
    assert any(HOSTILE_NAME in t for t in titles)
    # The data island parses back to the original strings and contains no raw '<'.
    island = page.scripts[0]
    assert "<" not in island and ">" not in island
    data = json.loads(island)
    assert {c["message"] for c in data["claims"]} >= {HOSTILE_MESSAGE}
    assert HOSTILE_NAME in data["speakers"].values()


def test_document_text_is_reproduced_exactly_around_highlights_and_boilerplate(audited):
    out, _ = audited
    text = "".join(_page(out).doctext)
    # Both documents, in order, character for character (the boilerplate text sits in <details>).
    assert text == TEXTS[PARIS] + TEXTS["fachgespraech-test"] or text == TEXTS["fachgespraech-test"] + TEXTS[PARIS]


def test_highlight_markup_for_nested_claims(audited):
    out, _ = audited
    source = (out / AUDIT_HTML).read_text(encoding="utf-8")
    data = json.loads(_page(out).scripts[0])
    ids = [c["id"] for c in data["claims"]]
    c2, c3 = ids.index(f"{PARIS}:C2"), ids.index(f"{PARIS}:C3")
    # The quote inside Vance's indirect claim belongs to both messages and is marked as nested.
    nested = re.search(r'<span class="([^"]*)" data-a="([^"]*)">mit Optimismus statt Beklommenheit</span>', source)
    assert nested and {"msg", "msg2"} <= set(nested.group(1).split())
    assert set(nested.group(2).split()) == {f"m{c2}", f"m{c3}"}
    assert re.search(rf'<span class="seg spk" data-a="s{c2} s{c3}" data-m="\d+">J\.D\. Vance</span>', source)
    assert '<details class="boilerplate"><summary' in source and "newsletter" in source


def test_panel_data_splits_evidence_and_links_the_antecedent(audited):
    out, _ = audited
    data = json.loads(_page(out).scripts[0])
    claims = {c["id"]: c for c in data["claims"]}
    c1, c2 = claims[f"{PARIS}:C1"], claims[f"{PARIS}:C2"]
    assert c1["evidence"] == ["quote", "cue=sagen", "speaker=pronoun(sie)->Ursula von der Leyen"]
    assert c2["evidence"] == ["subject+ccomp", "cue=sagen", "Mood=Sub"]
    assert (c1["speakerLink"], c1["resolution"], c1["entity"]["roles"]) == ("pronoun", "pronoun", "EU-Kommissionspräsidentin")
    assert c1["antecedent"] == {"text": "Ursula von der Leyen", "mention": f"{PARIS}:M1"}
    assert c2["antecedent"] is None and c1["figures"] == ["50 Milliarden Euro"]


def test_content_security_policy_allows_only_the_inlined_script(audited):
    out, _ = audited
    page = _page(out)
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    digest = base64.b64encode(hashlib.sha256(page.scripts[1].encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp
    source = (out / AUDIT_HTML).read_text(encoding="utf-8")
    assert not re.search(r"(src|href)=\"(https?:)?//", source), "the report must not reference anything remote"


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet="ab <>&\"'„“\n", min_size=1, max_size=40),
    spans=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.sampled_from("mcse"), st.integers(0, 3)), max_size=8),
)
def test_any_overlap_gives_flat_valid_markup_with_the_exact_text(text, spans):
    marks = [Mark(min(a, b), max(a, b), kind, ref) for a, b, kind, ref in spans]
    pieces = list(segments(0, len(text), marks))
    assert "".join(text[a:b] for a, b, _ in pieces) == text
    for a, b, covering in pieces:
        assert {m for m in marks if m.start < b and m.end > a and m.end > m.start} == set(covering)
    page = Page()
    page.feed(f'<div class="doctext">{render_text(text, marks, [])}</div>')
    assert page.stack == [] and "".join(page.doctext) == text
    assert {t for t, _ in page.tags} <= {"div", "span"}


def test_audit_csv_has_one_row_per_claim_and_an_empty_verdict(audited):
    out, _ = audited
    with open(out / AUDIT_CSV, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == AUDIT.column_names
    assert len(rows) == 6 and all(r["verdict"] == "" for r in rows)
    by_id = {r["claim_id"]: r for r in rows}
    c1 = by_id[f"{PARIS}:C1"]
    assert (c1["speaker"], c1["speaker_text"], c1["antecedent"]) == ("Ursula von der Leyen", "sie", "Ursula von der Leyen")
    assert "„Wir stellen 50 Milliarden Euro zur Verfügung“, sagte sie." in c1["context"]
    assert by_id[f"{PARIS}:C5"]["speaker"] == "Beobachtern" and by_id[f"{PARIS}:C5"]["antecedent"] == ""


def _fill(path, verdicts):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row["verdict"] = verdicts.get(row["claim_id"].split(":")[-1] + "@" + row["doc_id"][:4], "")
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


VERDICTS = {"C1@ki-g": "correct", "C2@ki-g": "Correct", "C3@ki-g": "wrong span", "C4@ki-g": "wrong_speaker", "C5@ki-g": "not_a_claim"}


def test_score_from_filled_verdicts(audited):
    out, _ = audited
    _fill(out / AUDIT_CSV, VERDICTS)
    report = score_report(out / AUDIT_CSV)
    assert "5 of 6 claims reviewed" in report
    assert "verdicts: correct 2, wrong_speaker 1, wrong_span 1, wrong_form 0, not_a_claim 1" in report
    lo, hi = wilson_interval(3, 4)
    assert f"attribution accuracy (speaker right, of real claims): 3/4 = 75.0% (95% CI {100 * lo:.1f}-{100 * hi:.1f}%)" in report
    assert "claim precision (real claims, of reviewed): 4/5 = 80.0%" in report
    assert "exactly correct (of reviewed): 2/5 = 40.0%" in report
    assert "  description    0/1 = 0.0%" in report and "  pronoun        1/1 = 100.0%" in report


def test_wilson_interval_known_value():
    lo, hi = wilson_interval(3, 4)
    assert (round(lo, 3), round(hi, 3)) == (0.301, 0.954)
    assert wilson_interval(0, 0) == (0.0, 0.0)


def test_sheet_saved_by_a_german_spreadsheet_program_is_read(audited):
    out, _ = audited
    rows = [r for r in csv.DictReader(open(out / AUDIT_CSV, encoding="utf-8-sig"))]
    rows[0]["verdict"] = "correct"
    rows[1]["verdict"] = "not a claim"
    path = out / "reviewed.csv"
    with open(path, "w", encoding="cp1252", errors="replace", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    s = score_verdicts(read_sheet(path))
    assert (s["reviewed"], s["counts"]) == (2, {"correct": 1, "not_a_claim": 1})


def test_unknown_or_missing_verdicts_are_clear_errors(audited):
    out, _ = audited
    with pytest.raises(ValueError, match="no verdicts filled in"):
        score_report(out / AUDIT_CSV)
    _fill(out / AUDIT_CSV, {"C1@ki-g": "stimmt"})
    with pytest.raises(ValueError, match=r"unknown verdict.*'stimmt'.*allowed: correct, wrong_speaker, wrong_span, wrong_form, not_a_claim"):
        score_report(out / AUDIT_CSV)
    with pytest.raises(ValueError, match="not an audit sheet"):
        score_report(out / "claims.csv")


def test_rerun_keeps_verdicts_of_unchanged_claims_and_saves_the_rest(tmp_path):
    out = write_tables(tmp_path / "processed")
    write_audit(out)
    _fill(out / AUDIT_CSV, VERDICTS)
    from tests.tables_fixture import build_rows

    rows = build_rows()
    rows["claims"][1]["speaker_text"] = "Vance"  # the claim changed: its verdict no longer applies
    rows["claims"][1]["speaker_start_char"] += len("J.D. ")
    write_tables(out, rows)
    summary = write_audit(out)
    assert "4 verdicts carried over, 1 no longer match a claim" in summary
    verdicts = {r["claim_id"]: r["verdict"] for r in csv.DictReader(open(out / AUDIT_CSV, encoding="utf-8-sig"))}
    assert verdicts[f"{PARIS}:C1"] == "correct" and verdicts[f"{PARIS}:C2"] == ""
    assert "Correct" in (out / PREVIOUS_CSV).read_text(encoding="utf-8-sig")


def test_cli_audit_and_score(tmp_path):
    out = write_tables(tmp_path / "processed")
    runner = CliRunner()
    result = runner.invoke(app, ["audit", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "6 claims" in result.output and (out / AUDIT_HTML).exists()
    _fill(out / AUDIT_CSV, VERDICTS)
    result = runner.invoke(app, ["audit", "score", str(out / AUDIT_CSV)])
    assert result.exit_code == 0 and "3/4 = 75.0%" in result.output
    result = runner.invoke(app, ["audit", "--output", str(tmp_path / "nothing")])
    assert result.exit_code == 1 and "cli.py extract" in result.output


# --------------------------------------------------------------------------- spreadsheets, sampling, imported verdicts


def test_audit_csv_has_a_bom_and_a_semicolon_option_that_round_trip(tmp_path):
    out = write_tables(tmp_path / "processed")
    write_audit(out)
    comma = (out / AUDIT_CSV).read_bytes()
    assert comma.startswith(b"\xef\xbb\xbfclaim_id,doc_id,")  # UTF-8 BOM: Excel picks the encoding
    write_audit(out, delimiter=";")
    semicolon = (out / AUDIT_CSV).read_bytes()
    assert semicolon.startswith(b"\xef\xbb\xbfclaim_id;doc_id;sent_index;")
    a, b = read_sheet_bytes(comma, tmp_path / "a.csv"), read_sheet_bytes(semicolon, tmp_path / "b.csv")
    assert a == b and len(a) == 6
    hostile = next(r for r in a if r["claim_id"] == f"{PARIS}:C4")
    assert hostile["claim_text"] == HOSTILE_MESSAGE and hostile["speaker"] == HOSTILE_NAME
    # what a spreadsheet gives back after a verdict was typed in is read and scored
    rows = list(csv.DictReader(io.StringIO(semicolon.decode("utf-8-sig"), newline=""), delimiter=";"))
    rows[0]["verdict"], rows[1]["verdict"] = "correct", "wrong form"
    reviewed = tmp_path / "reviewed.csv"
    with open(reviewed, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    s = score_verdicts(read_sheet(reviewed))
    assert s["counts"] == {"correct": 1, "wrong_form": 1} and s["attribution_accuracy"] == 1.0 and s["exact"] == 0.5
    with pytest.raises(ValueError, match="--delimiter"):
        write_audit(out, delimiter="\t")


def read_sheet_bytes(data: bytes, path):
    path.write_bytes(data)
    return read_sheet(path)


def _views(n_per_form):
    from pipeline.audit.report import ClaimView

    views = []
    for form, n in n_per_form.items():
        for k in range(n):
            row = {"claim_id": f"d{len(views) % 7}:C{len(views)}", "doc_id": f"d{len(views) % 7}", "form": form, "confidence": (k % 10) / 10, "speaker_resolution": "explicit"}
            views.append(ClaimView(len(views), row, f"Sprecher {k % 3}", None, None, None, []))
    return views


def test_stratified_sample_is_proportional_deterministic_and_reindexed():
    from pipeline.audit import stratified_sample

    views = _views({"direct": 500, "indirect": 300, "reported": 150, "according_to": 50})
    sample, strata = stratified_sample(views, 100, "form", seed=7)
    assert strata == {"according_to": (5, 50), "direct": (50, 500), "indirect": (30, 300), "reported": (15, 150)}
    assert len(sample) == 100 and [v.index for v in sample] == list(range(100))
    assert Counter(v.row["form"] for v in sample) == {"direct": 50, "indirect": 30, "reported": 15, "according_to": 5}
    again, _ = stratified_sample(views, 100, "form", seed=7)
    other, _ = stratified_sample(views, 100, "form", seed=8)
    ids = [v.row["claim_id"] for v in sample]
    assert ids == [v.row["claim_id"] for v in again] and ids != [v.row["claim_id"] for v in other]
    assert len(set(ids)) == 100
    # largest remainders: 7 claims over strata of 500/300/150/50 -> 3.5, 2.1, 1.05, 0.35 -> 4, 2, 1, 0
    _, small = stratified_sample(views, 7, "form", seed=1)
    assert {k: n for k, (n, _) in small.items()} == {"according_to": 0, "direct": 4, "indirect": 2, "reported": 1}
    _, bands = stratified_sample(views, 10, "confidence", seed=1)
    assert set(bands) == {"<0.5", "0.5-0.8", ">=0.8"} and sum(n for n, _ in bands.values()) == 10
    _, speakers = stratified_sample(views, 9, "speaker", seed=1)
    assert set(speakers) == {"Sprecher 0", "Sprecher 1", "Sprecher 2"}


def test_sample_report_and_sheet_hold_only_the_sample(tmp_path):
    out = write_tables(tmp_path / "processed")
    summary = write_audit(out, sample=3, by="form", seed=1)
    assert "3 claims" in summary and "stratified sample of 3 of 6 claims by form, seed 1" in summary
    rows = read_sheet(out / AUDIT_CSV)
    data = json.loads(_page(out).scripts[0])
    assert len(rows) == 3 and [c["id"] for c in data["claims"]] == [r["claim_id"] for r in rows]
    assert data["sample"]["population"] == 6 and data["sample"]["by"] == "form"
    assert data["claimSpeaker"] == [c["speakerId"] for c in data["claims"]]
    docs = {c["doc"] for c in data["claims"]}
    assert {d["id"] for d in data["docs"]} == docs  # only the documents of sampled claims are embedded
    assert "stratified sample of 3 of 6 claims" in (out / AUDIT_HTML).read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="--by needs --sample"):
        write_audit(out, by="form")
    with pytest.raises(ValueError, match="--by must be one of form, confidence, speaker"):
        write_audit(out, sample=2, by="colour")


def test_verdicts_exported_from_the_report_are_carried_over_by_a_rerun(tmp_path):
    out = write_tables(tmp_path / "processed")
    write_audit(out)
    exported = tmp_path / "audit-verdicts.csv"
    exported.write_bytes((out / AUDIT_CSV).read_bytes())
    _fill(exported, {"C1@ki-g": "correct", "C4@ki-g": "wrong_speaker"})
    summary = write_audit(out, verdicts=exported)
    assert "2 verdicts imported" in summary
    verdicts = {r["claim_id"]: r["verdict"] for r in read_sheet(out / AUDIT_CSV)}
    assert verdicts[f"{PARIS}:C1"] == "correct" and verdicts[f"{PARIS}:C4"] == "wrong_speaker" and verdicts[f"{PARIS}:C2"] == ""
    # the verdicts are in the page too, so the report shows them as reviewed
    data = json.loads(_page(out).scripts[0])
    assert {c["id"]: c["verdict"] for c in data["claims"]}[f"{PARIS}:C1"] == "correct"
    with pytest.raises(FileNotFoundError, match="verdict file not found"):
        write_audit(out, verdicts=tmp_path / "missing.csv")


def test_cli_sample_options(tmp_path):
    out = write_tables(tmp_path / "processed")
    result = CliRunner().invoke(app, ["audit", "--output", str(out), "--sample", "4", "--by", "confidence", "--seed", "3", "--delimiter", ";"])
    assert result.exit_code == 0, result.output
    assert "stratified sample of 4 of 6 claims by confidence, seed 3" in result.output
    assert (out / AUDIT_CSV).read_bytes().startswith(b"\xef\xbb\xbfclaim_id;")
    result = CliRunner().invoke(app, ["audit", "--output", str(out), "--sample", "4", "--by", "mood"])
    assert result.exit_code == 1 and "--by must be one of" in result.output


def test_a_sample_after_a_full_review_keeps_the_other_verdicts(tmp_path):
    out = write_tables(tmp_path / "processed")
    write_audit(out)
    _fill(out / AUDIT_CSV, VERDICTS)
    summary = write_audit(out, sample=2, by="form", seed=4)
    sampled = {r["claim_id"] for r in read_sheet(out / AUDIT_CSV)}
    reviewed_in_sample = sum(1 for c in sampled if c.startswith(PARIS) and c != f"{PARIS}:C6")
    assert f"{reviewed_in_sample} verdicts carried over" in summary
    assert f"{5 - reviewed_in_sample} belong to claims outside the sample" in summary and "no longer match" not in summary
    # the full sheet comes back with every verdict
    summary = write_audit(out, verdicts=out / PREVIOUS_CSV)
    assert sum(1 for r in read_sheet(out / AUDIT_CSV) if r["verdict"]) == 5
