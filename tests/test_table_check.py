"""The run's own table check and corpus-table reader (issue 16): the same answers as the typed pandas path.

``check_table_files`` is what a run asks before switching its staged tables in; it must say exactly what
``check_tables(load(..., allow_missing=True, verify=False))`` says (or raise what it raises), on consistent
tables and on every kind of damage. ``plain_records`` must give the corpus tables the records the loaded
frames give.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from pipeline.output.corpus import corpus_rows, doc_dates, frame_records, text_cell
from pipeline.output.schema import CLAIMS, DOCUMENTS, ENTITIES, TABLES
from pipeline.output.tables import _plain_problems, check_table_files, check_tables, load, plain_doc_dates, plain_records, read_or_empty
from pipeline.run.runner import write_corpus_tables
from tests.sample_run import copy_outputs
from tests.tables_fixture import write_tables


def _typed(path: Path):
    try:
        return check_tables(load(path, allow_missing=True, verify=False))
    except Exception as exc:  # noqa: BLE001 - the very exception is what must match
        return (type(exc), str(exc))


def _plain(path: Path):
    try:
        return check_table_files(path)
    except Exception as exc:  # noqa: BLE001
        return (type(exc), str(exc))


@pytest.fixture(scope="module")
def hand_built(tmp_path_factory) -> Path:
    folder = write_tables(tmp_path_factory.mktemp("hand") / "out")
    write_corpus_tables(folder)
    return folder


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> Path:
    return copy_outputs(tmp_path_factory.mktemp("samples") / "out")


def _edit(folder: Path, target: Path, table: str, edit) -> Path:
    """A copy of ``folder`` with ``edit(header, rows)`` applied to one table's cells."""
    shutil.copytree(folder, target)
    path = target / f"{table}.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    header, rows = edit(header, rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return target


def _set(table: str, column: str, value, row: int = 0):
    def edit(header, rows):
        rows[row][header.index(column)] = value(rows[row][header.index(column)]) if callable(value) else value
        return header, rows

    return table, edit


def _duplicate_first(table: str):
    return table, lambda header, rows: (header, rows + rows[:1])


DAMAGE = {
    "duplicate claim id": _duplicate_first("claims"),
    "duplicate document": _duplicate_first("documents"),
    "empty primary key": _set("mentions", "mention_id", ""),
    "dangling entity of a mention": _set("mentions", "entity_id", "nobody:E99"),
    "dangling speaker entity": _set("claims", "speaker_entity_id", "nobody:E1"),
    "dangling claim of a quote cluster": _set("quote_clusters", "claim_id", "nobody:C1"),
    "doc_id not in texts": _set("entities", "doc_id", "unbekannt"),
    "offset outside the text": _set("claims", "end_char", "999999"),
    "start after end": _set("mentions", "start_char", lambda v: str(int(v) + 1000)),
    "text not at its offsets": _set("claims", "claim_text", lambda v: v + " (ergänzt)"),
    "cue text not at its offsets": _set("claims", "cue_text", "meinte"),
    "int with a leading zero": _set("documents", "n_chars", lambda v: "0" + v),
    "int written as float": _set("mentions", "start_char", lambda v: v + ".0"),
    "not an int": _set("documents", "n_bytes", "viele"),
    "a float in exponent form": _set("claims", "confidence", "8.5e-01"),
    "not a float": _set("claims", "confidence", "hoch"),
    "a date with a time": _set("documents", "date", "2025-02-11T10:00:00"),
    "not a date": _set("documents", "date", "2025-02-30"),
    "columns out of order": ("claims", lambda header, rows: (header[::-1], [r[::-1] for r in rows])),
    "a short row": ("figures", lambda header, rows: (header, [r[:-1] for r in rows])),
}


def test_consistent_tables_pass_both_checks_without_pandas(hand_built, samples, monkeypatch):
    from pipeline.output import tables

    for folder in (hand_built, samples):
        assert _typed(folder) == []
        assert _plain_problems(folder) == []  # the plain path itself vouches for them
        monkeypatch.setattr(tables, "load", lambda *a, **k: pytest.fail("the typed path ran"))
        assert check_table_files(folder) == []
        monkeypatch.undo()


# One case per kind of answer runs in the fast suite; the variants of a kind run in `make test` (each case loads the
# tables with pandas twice).
FAST_DAMAGE = {"duplicate claim id", "empty primary key", "dangling entity of a mention", "doc_id not in texts",
               "offset outside the text", "text not at its offsets", "int with a leading zero", "not a date", "columns out of order"}


@pytest.mark.parametrize("damage", [d if d in FAST_DAMAGE else pytest.param(d, marks=pytest.mark.slow) for d in DAMAGE])
def test_every_kind_of_damage_gets_the_typed_check_answer(hand_built, tmp_path, damage):
    table, edit = DAMAGE[damage]
    folder = _edit(hand_built, tmp_path / "out", table, edit)
    assert _plain(folder) == _typed(folder)


def test_damage_on_the_sample_run_is_found(samples, tmp_path):
    folder = _edit(samples, tmp_path / "out", *_set("claims", "claim_text", lambda v: v.upper()))
    problems = check_table_files(folder)
    assert problems and problems == _typed(folder)
    assert "bad offsets" in problems[0]


def test_tables_of_a_stage_run_alone_and_without_corpus_tables(hand_built, tmp_path):
    folder = tmp_path / "partial"
    shutil.copytree(hand_built, folder)
    for name in ("speakers", "quote_clusters"):  # an older run: load() derives them
        (folder / f"{name}.csv").unlink()
    assert _plain(folder) == _typed(folder) == []
    (folder / "entities.csv").unlink()  # a stage run alone: foreign keys into a missing table are not checked
    assert _plain(folder) == _typed(folder)


def test_plain_records_are_the_loaded_frames_records(hand_built, samples):
    for folder in (hand_built, samples):
        for table in (CLAIMS, ENTITIES, DOCUMENTS):
            typed = frame_records(read_or_empty(folder, table))
            plain = plain_records(folder, table)
            assert [{k: text_cell(v) for k, v in r.items()} for r in plain] == [{k: text_cell(v) for k, v in r.items()} for r in typed]
            assert [{k: (v is None, type(v).__name__ == "NaTType") for k, v in r.items()} for r in plain] == [
                {k: (v is None, type(v).__name__ == "NaTType") for k, v in r.items()} for r in typed
            ]
        by_plain = corpus_rows(*(plain_records(folder, t) for t in (CLAIMS, ENTITIES)), doc_dates(plain_records(folder, DOCUMENTS)))
        frames = {t.name: read_or_empty(folder, t) for t in (CLAIMS, ENTITIES, DOCUMENTS)}
        by_frames = corpus_rows(frame_records(frames["claims"]), frame_records(frames["entities"]), doc_dates(frames["documents"]))
        assert by_plain == by_frames
    assert plain_records(hand_built / "nowhere", TABLES["claims"]) == []


def test_plain_doc_dates_are_those_of_the_loaded_documents(hand_built, samples, tmp_path):
    """The run's document dates without pandas: the same mapping, an undated document included."""
    undated = _edit(samples, tmp_path / "undated", *_set("documents", "date", ""))
    for folder in (hand_built, samples, undated):
        typed = doc_dates(read_or_empty(folder, DOCUMENTS))
        assert plain_doc_dates(folder) == typed == doc_dates(plain_records(folder, DOCUMENTS))
    assert "NaT" in plain_doc_dates(undated).values()  # what the typed records give an empty date (pd.NaT)
    assert plain_doc_dates(hand_built / "nowhere") == {}


def test_a_run_imports_no_pandas():
    """Importing pandas is about half a CPU second of a cold run; the run's own table check does without it."""
    import subprocess
    import sys

    code = "import sys; from pipeline.run import runner; import pipeline.output.tables; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("cell", "kind", "value"),
    [("12", "Int64", 12), ("-3", "Int64", -3), ("0.85", "Float64", 0.85), ("5e-05", "Float64", 5e-05), ("true", "boolean", True),
     ("No", "boolean", False), ("Wort", "string", "Wort")],
)
def test_plain_cells_get_the_typed_value(cell, kind, value):
    from pipeline.output.tables import _plain_value

    assert _plain_value(cell, kind) == value


@pytest.mark.parametrize(("cell", "kind"), [("007", "Int64"), ("1.0", "Int64"), ("1e3", "Int64"), ("1,5", "Float64"), ("ja!", "boolean"),
                                            ("2025-13-01", "datetime"), ("1500-01-01", "datetime"), ("11.02.2025", "datetime")])
def test_cells_not_in_the_exporters_form_go_to_the_typed_path(cell, kind):
    from pipeline.output.tables import NotPlain, _plain_value

    with pytest.raises(NotPlain):
        _plain_value(cell, kind)
