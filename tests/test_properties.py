"""Invariants over arbitrary input (hypothesis) and over the samples: no exception escapes a stage,
every offset points at its text, runs are deterministic, an interrupted run heals on rerun."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import boilerplate

from pipeline.run import backends, runner
from pipeline.output.schema import BOILERPLATE, CLAIMS, FIGURES, MENTIONS, TABLES
from tests.conftest import SAMPLES

EXTRACTION_TABLES = (MENTIONS, CLAIMS, FIGURES)

# Text that looks enough like German news to wake up every rule, mixed with arbitrary Unicode.
GERMAN_PIECES = st.sampled_from(
    [
        "„", "“", "»", "«", "‚", "‘", '"', ":", ", sagte er.", " sagte die Ministerin ", "Laut ", " zufolge ", "Olaf Scholz",
        " (SPD) ", "Sie betonte, dass ", " müsse ", " rund ", "1.500", " Mrd. Euro", " Prozent", "11. Dezember 2024", "\n",
        "\n\n", " Ich bin damit einverstanden, dass ", "Datenschutzerklärung", " hieß es. ", "Er ", " der UN-Chef ", "IEA", ".",
    ]
)
TEXTS = st.one_of(
    st.lists(st.one_of(GERMAN_PIECES, st.text(max_size=12)), max_size=40).map("".join),
    st.text(max_size=300),
)


@pytest.fixture(scope="module")
def nlp(project_nlp):
    return project_nlp  # the session's one loaded pipeline (conftest)


def _check_spans(raw_text: str, row: dict, table) -> None:
    for text_col, start_col, end_col in table.spans:
        start, end = row[start_col], row[end_col]
        if start is None and end is None:
            continue
        assert 0 <= start <= end <= len(raw_text), (table.name, row)
        assert raw_text[start:end] == row[text_col], (table.name, text_col, row)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(raw_text=TEXTS)
def test_no_stage_raises_and_every_offset_points_at_its_text(nlp, raw_text):
    cleaned = boilerplate.clean_document(raw_text)
    assert len(cleaned.clean_text) == len(raw_text)
    for block in cleaned.removed_blocks:
        _check_spans(raw_text, {"text": block.text, "start_char": block.start_char, "end_char": block.end_char}, BOILERPLATE)
    doc = nlp.make_doc(cleaned.clean_text)
    doc._.doc_id = "prop"
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    cells = backends.extraction_cells(doc, [name for name, _ in nlp.pipeline])
    for table in EXTRACTION_TABLES:
        for row_cells in cells[table.name]:
            row = dict(zip(table.column_names, row_cells))
            for _, start_col, end_col in table.spans:
                row[start_col] = int(row[start_col]) if row[start_col] else None
                row[end_col] = int(row[end_col]) if row[end_col] else None
            _check_spans(raw_text, row, table)


def _run_samples(tmp_path, name):
    raw = tmp_path / "raw"
    if not raw.exists():
        shutil.copytree(SAMPLES, raw)
    cfg = runner.RunConfig(input_dir=raw, output_dir=tmp_path / name, interim_dir=tmp_path / f"{name}-interim", on_warning=lambda m: None)
    runner.run_all(cfg)
    return cfg


def _csv_bytes(cfg) -> dict[str, bytes]:
    return {t.file_name: (cfg.output_dir / t.file_name).read_bytes() for t in TABLES.values()}


def test_same_input_gives_byte_identical_tables(tmp_path):
    first = _csv_bytes(_run_samples(tmp_path, "first"))
    second = _csv_bytes(_run_samples(tmp_path, "second"))
    assert first == second


def test_sample_offsets_point_at_their_text(tmp_path):
    import csv
    import json

    cfg = _run_samples(tmp_path, "out")
    texts = {r["doc_id"]: r["text"] for r in map(json.loads, (cfg.output_dir / "texts.jsonl").read_text().splitlines())}
    for table in TABLES.values():
        with open(cfg.output_dir / table.file_name, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                for text_col, start_col, end_col in table.spans:
                    if row[start_col]:
                        assert texts[row["doc_id"]][int(row[start_col]) : int(row[end_col])] == row[text_col]


def test_rerun_after_a_kill_between_tables_leaves_complete_consistent_tables(tmp_path, monkeypatch):
    reference = _csv_bytes(_run_samples(tmp_path, "reference"))
    original = runner.OutputBatch.write_table
    calls = {"n": 0}

    def killed_on_third_table(self, table, rows):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt("simulated kill")
        return original(self, table, rows)

    monkeypatch.setattr(runner.OutputBatch, "write_table", killed_on_third_table)
    with pytest.raises(KeyboardInterrupt):
        _run_samples(tmp_path, "interrupted")
    out = tmp_path / "interrupted"
    assert not list(out.glob("*.tmp")), "no half-written temporaries are left behind"
    monkeypatch.setattr(runner.OutputBatch, "write_table", original)
    assert _csv_bytes(_run_samples(tmp_path, "interrupted")) == reference
