"""The bad-input policy (README, 'Robustness'), file by file: nothing crashes the run, nothing is lost."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import PARTIAL_EXIT_CODE, app
from pipeline.run import runner
from pipeline.output.export import neutralise_formula
from pipeline.ingest.files import ingest_directory

GERMAN = "Die Ministerin sagte am Montag in Berlin, die Kosten würden um fünf Prozent steigen. " * 3


def _cfg(tmp_path: Path, **kwargs) -> runner.RunConfig:
    return runner.RunConfig(
        input_dir=tmp_path / "raw", output_dir=tmp_path / "out", interim_dir=tmp_path / "interim", on_warning=lambda m: None, **kwargs
    )


def _errors(cfg: runner.RunConfig) -> dict[str, str]:
    with open(cfg.output_dir / "errors.csv", encoding="utf-8") as fh:
        return {row["path"]: row["problem"] for row in csv.DictReader(fh)}


@pytest.fixture
def mixed_input(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "gut.txt").write_text(GERMAN, encoding="utf-8")
    (raw / "leer.txt").write_bytes(b"")
    (raw / "nur leerzeichen.md").write_bytes(b" \n\t \n")
    (raw / "scan.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (raw / "bild.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (raw / "archiv.md").write_bytes(b"PK\x03\x04" + bytes(64))
    (raw / "kaputt.txt").write_bytes(GERMAN.encode() + b"\xff\xfe" + "Überall Grüße.".encode())
    (raw / "nul.txt").write_bytes(GERMAN.encode() + b"\x00" + GERMAN.encode())
    (raw / "english.txt").write_text("The minister said that the costs would rise and that this was not a surprise for the industry. " * 3)
    (raw / "français.txt").write_text("Le ministre a dit que les coûts vont augmenter et que ce n'est pas une surprise pour la France. " * 3)
    (raw / "Über uns – Bericht 2025.txt").write_text(GERMAN, encoding="utf-8")
    outside = tmp_path / "geheim.txt"
    outside.write_text("geheim")
    (raw / "link.txt").symlink_to(outside)
    return raw


def test_every_bad_file_is_recorded_and_the_rest_processed(tmp_path, mixed_input):
    cfg = _cfg(tmp_path)
    summary = runner.run_all(cfg)
    assert summary.partial
    errors = _errors(cfg)
    assert errors["leer.txt"] == "empty"
    assert errors["nur leerzeichen.md"] == "empty"
    assert errors["scan.txt"] == errors["bild.txt"] == errors["archiv.md"] == "binary"
    assert errors["link.txt"] == "outside_input"
    assert errors["kaputt.txt"] == "invalid_bytes"
    assert errors["nul.txt"] == "invalid_bytes"
    assert errors["english.txt"] == errors["français.txt"] == "not_german"
    with open(cfg.output_dir / "documents.csv", encoding="utf-8") as fh:
        documents = {row["path"]: row for row in csv.DictReader(fh)}
    assert set(documents) == {"gut.txt", "kaputt.txt", "nul.txt", "english.txt", "français.txt", "Über uns – Bericht 2025.txt"}
    assert documents["english.txt"]["language"] == "en" and documents["français.txt"]["language"] == "fr"
    assert documents["gut.txt"]["language"] == "de"
    assert documents["Über uns – Bericht 2025.txt"]["doc_id"].startswith("ueber-uns-bericht-2025-")
    manifest = json.loads((cfg.output_dir / "manifest.json").read_text())
    assert {s["path"] for s in manifest["skipped"]} >= {"leer.txt", "scan.txt", "link.txt"}


def test_non_german_documents_are_not_mined(tmp_path, mixed_input):
    cfg = _cfg(tmp_path)
    summary = runner.run_all(cfg)
    mined = set(summary.processed)
    assert "english" not in mined and "francais" not in mined and "gut" in mined


def test_nul_bytes_keep_offsets_valid(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "nul.txt").write_bytes(b"Vorher\x00nachher sagte er.")
    doc = ingest_directory(raw).documents[0]
    assert doc.text == "Vorher\ufffdnachher sagte er."


def test_strict_stops_at_first_problem_and_writes_nothing(tmp_path, mixed_input):
    cfg = _cfg(tmp_path, strict=True)
    with pytest.raises(runner.StageError, match="--strict"):
        runner.run_all(cfg)
    assert not (cfg.output_dir / "documents.csv").exists()


def test_cli_exit_code_says_the_run_was_partial(tmp_path, mixed_input):
    result = CliRunner().invoke(
        app, ["extract", "-i", str(mixed_input), "-o", str(tmp_path / "out"), "--interim", str(tmp_path / "interim"), "-q"]
    )
    assert result.exit_code == PARTIAL_EXIT_CODE, result.output
    assert "partial run" in result.output


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "gesperrt.txt").write_text(GERMAN)
    (raw / "gut.txt").write_text(GERMAN)
    original = os.open

    def deny(path, *args, **kwargs):  # tests run as root, so chmod 000 would not stop the read
        if Path(path).name == "gesperrt.txt":
            raise PermissionError(13, "Permission denied")
        return original(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    result = ingest_directory(raw)
    assert [d.path for d in result.documents] == ["gut.txt"]
    assert result.problems[0].problem == "unreadable" and "Permission denied" in result.problems[0].message


def test_file_over_the_size_limit_is_skipped_with_the_limit_named(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "riesig.txt").write_text("Wort " * 2000)
    (raw / "gut.txt").write_text(GERMAN)
    cfg = _cfg(tmp_path, max_doc_bytes=5000)
    runner.run_all(cfg)
    assert _errors(cfg)["riesig.txt"] == "too_large"


def test_one_very_long_sentence_and_unbalanced_quotes_do_not_crash(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    long_sentence = "Die Ministerin sagte, " + ", ".join(["die Kosten würden steigen"] * 1000) + "."
    (raw / "lang.txt").write_text(long_sentence)
    (raw / "zitate.txt").write_text("„Das ist »falsch«, sagte sie. ‚Und dann “ sagte er. \"Offen")
    summary = runner.run_all(_cfg(tmp_path))
    assert set(summary.processed) == {"lang", "zitate"}
    assert not summary.failures


def test_a_failing_component_loses_one_document_not_the_run(tmp_path, monkeypatch):
    from pipeline.figures import component as figures  # the component calls extract_figures

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(GERMAN)
    (raw / "b.txt").write_text("Explodiert. " + GERMAN)
    original = figures.extract_figures

    def flaky(doc):
        if doc.text.startswith("Explodiert"):
            raise RuntimeError("kaputt")
        return original(doc)

    monkeypatch.setattr(figures, "extract_figures", flaky)
    cfg = _cfg(tmp_path)
    summary = runner.run_all(cfg)
    assert summary.partial
    assert [f["doc_id"] for f in summary.failures] == ["b"]
    assert _errors(cfg)["b.txt"] == "failed"
    assert summary.processed == ["a"]


@pytest.mark.parametrize("cell, expected", [("=1+1", "'=1+1"), ("+49 30", "'+49 30"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"), ("Scholz", "Scholz")])
def test_excel_safe_neutralises_formulas(cell, expected):
    assert neutralise_formula(cell) == expected


def test_excel_safe_export_neutralises_text_cells_but_not_numbers(tmp_path):
    from pipeline.output.export import OutputBatch
    from pipeline.output.schema import BOILERPLATE

    block = {"doc_id": "d", "block_index": 0, "start_char": 0, "end_char": 4, "category": "other", "score": -1.5, "signals": "", "text": "=cmd"}
    with OutputBatch(tmp_path, excel_safe=True) as out:
        out.write_table(BOILERPLATE, [block])
    row = next(csv.DictReader((tmp_path / "boilerplate.csv").read_text(encoding="utf-8").splitlines()))
    assert row["text"] == "'=cmd" and row["score"] == "-1.5"
