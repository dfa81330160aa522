"""Inputs that used to hang, abort or silently shrink a run: special files, odd names, unreadable folders,
binary data that decodes as latin-1. Each gives one errors.csv row; every other file is processed."""

from __future__ import annotations

import csv
import os
import random
from pathlib import Path

import pytest

from pipeline.run import runner
from pipeline.ingest.files import IngestProblem, detect_binary, ingest_directory, read_document

GERMAN = "Die Ministerin sagte am Montag in Berlin, die Kosten würden um fünf Prozent steigen. " * 3


def _cfg(tmp_path: Path) -> runner.RunConfig:
    return runner.RunConfig(
        input_dir=tmp_path / "raw", output_dir=tmp_path / "out", interim_dir=tmp_path / "interim", on_warning=lambda m: None
    )


def _errors(cfg: runner.RunConfig) -> dict[str, dict[str, str]]:
    with open(cfg.output_dir / "errors.csv", encoding="utf-8") as fh:
        return {row["path"]: row for row in csv.DictReader(fh)}


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    directory = tmp_path / "raw"
    directory.mkdir()
    (directory / "gut.txt").write_text(GERMAN, encoding="utf-8")
    return directory


def test_a_fifo_is_skipped_not_opened(raw):
    os.mkfifo(raw / "pipe.txt")  # opening it for reading would block until a writer comes: forever
    result = ingest_directory(raw)
    assert [d.path for d in result.documents] == ["gut.txt"]
    assert [(p.path, p.problem) for p in result.problems] == [("pipe.txt", "special_file")]
    assert "FIFO" in result.problems[0].message


def test_a_fifo_that_appears_after_discovery_is_not_opened_blocking(raw):
    os.mkfifo(raw / "pipe.txt")
    outcome = read_document(raw / "pipe.txt", raw, "pipe")
    assert isinstance(outcome, IngestProblem) and outcome.problem == "special_file"


def test_a_device_is_skipped(raw):
    (raw / "null.txt").symlink_to("/dev/null")  # a link inside the input to a device outside it
    (raw / "sub").mkdir()
    os.symlink("/dev/zero", raw / "sub" / "zero.txt")
    problems = {p.path: p.problem for p in ingest_directory(raw).problems}
    assert problems == {"null.txt": "outside_input", "sub/zero.txt": "outside_input"}


def test_symlink_loops_give_one_row_each_and_the_run_goes_on(tmp_path, raw):
    (raw / "a.txt").symlink_to(raw / "b.txt")
    (raw / "b.txt").symlink_to(raw / "a.txt")
    (raw / "selbst.md").symlink_to(raw / "selbst.md")
    cfg = _cfg(tmp_path)
    summary = runner.run_all(cfg)
    assert summary.processed == ["gut"]
    assert {path: row["problem"] for path, row in _errors(cfg).items()} == {
        "a.txt": "symlink_loop",
        "b.txt": "symlink_loop",
        "selbst.md": "symlink_loop",
    }


def test_a_dangling_symlink_is_unreadable(raw):
    (raw / "weg.txt").symlink_to(raw / "gibt-es-nicht.txt")
    assert [(p.path, p.problem) for p in ingest_directory(raw).problems] == [("weg.txt", "unreadable")]


def test_a_file_name_that_is_not_utf8_is_recorded_escaped(tmp_path, raw):
    name = os.fsencode(raw) + b"/caf\xe9.txt"  # latin-1 é from an old archive
    with open(name, "wb") as fh:
        fh.write(GERMAN.encode())
    os.mkdir(os.fsencode(raw) + b"/Gr\xfc\xdfe")
    with open(os.fsencode(raw) + b"/Gr\xfc\xdfe/brief.txt", "wb") as fh:
        fh.write(GERMAN.encode())
    cfg = _cfg(tmp_path)
    summary = runner.run_all(cfg)
    assert summary.processed == ["gut"]
    errors = _errors(cfg)
    assert {path: row["problem"] for path, row in errors.items()} == {"caf\\xe9.txt": "invalid_name", "Gr\\xfc\\xdfe/": "invalid_name"}
    assert "not valid UTF-8" in errors["caf\\xe9.txt"]["message"]


def test_an_unreadable_folder_gives_a_row(tmp_path, raw, monkeypatch):
    (raw / "gesperrt").mkdir()
    (raw / "gesperrt" / "geheim.txt").write_text(GERMAN)
    original = os.scandir

    def scandir(path="."):  # tests run as root, where chmod 000 does not stop listing
        # shutil.rmtree lists by file descriptor: only paths can be the folder in question
        if not isinstance(path, int) and Path(os.fsdecode(path)).name == "gesperrt":
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return original(path)

    monkeypatch.setattr(os, "scandir", scandir)
    cfg = _cfg(tmp_path)
    summary = runner.run_all(cfg)
    assert summary.partial and summary.processed == ["gut"]
    row = _errors(cfg)["gesperrt/"]
    assert row["problem"] == "unreadable" and "Permission denied" in row["message"]


def test_random_bytes_are_binary_and_not_mined(tmp_path, raw):
    (raw / "zufall.txt").write_bytes(random.Random(15).randbytes(8192))
    cfg = _cfg(tmp_path)
    summary = runner.run_all(cfg)
    assert summary.processed == ["gut"]
    assert _errors(cfg)["zufall.txt"]["problem"] == "binary"


def test_random_bytes_without_control_bytes_are_binary_by_their_letter_share():
    rng = random.Random(15)
    data = bytes(rng.choice(range(0x20, 0x100)) for _ in range(8192))
    assert detect_binary(data.replace(b"\x7f", b" ")) is not None


def test_nul_bytes_after_the_first_8_kb_are_seen(raw):
    data = GERMAN.encode() * 40 + b"\x00" * 2000 + GERMAN.encode() * 10  # 14 % NUL, all behind the first 8 KB
    (raw / "halb.txt").write_bytes(data)
    outcome = read_document(raw / "halb.txt", raw, "halb")
    assert isinstance(outcome, IngestProblem) and outcome.problem == "binary" and "NUL" in outcome.message


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "latin-1", "utf-16"])
def test_german_text_in_any_supported_encoding_is_not_binary(raw, encoding):
    text = "Überraschung in Köln: »Wir schließen 5 % der Filialen«, sagte die Geschäftsführerin Ärger. " * 200
    (raw / "brief.txt").write_bytes(text.encode(encoding))
    outcome = read_document(raw / "brief.txt", raw, "brief")
    assert not isinstance(outcome, IngestProblem), outcome
    assert outcome.text == text


def test_cyrillic_in_an_8_bit_code_page_is_text_not_binary():
    text = "Министр заявил в понедельник в Берлине, что расходы вырастут на пять процентов. " * 50
    assert detect_binary(text.encode("cp1251")) is None


def test_a_number_table_is_text_not_binary():
    assert detect_binary(b"Jahr;Umsatz;Anteil\n2023;12,5;3,1\n2024;13,7;3,4\n" * 100) is None


def test_a_literal_replacement_character_in_valid_utf8_is_not_reported_as_replaced(raw):
    (raw / "zeichen.txt").write_text("Das Zeichen \ufffd steht für unlesbare Bytes. " + GERMAN, encoding="utf-8")
    result = ingest_directory(raw)
    assert [d.path for d in result.documents] == ["gut.txt", "zeichen.txt"]
    assert result.problems == []


def test_replacements_are_counted_exactly_next_to_a_literal_one(raw):
    data = "Das Zeichen \ufffd und ".encode() + b"\xff" + b" und ein NUL \x00. " + GERMAN.encode()
    (raw / "gemischt.txt").write_bytes(data)
    (warning,) = ingest_directory(raw).problems
    assert warning.problem == "invalid_bytes" and warning.message.startswith("2 undecodable or NUL byte(s)")
