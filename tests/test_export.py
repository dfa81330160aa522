import csv
import io

import pytest

from pipeline.output.export import OutputBatch, format_cell, record_to_row
from pipeline.output.schema import BOILERPLATE, ERRORS


def _errors(n):
    return [{"path": f"f{i}.txt", "doc_id": None, "stage": "ingest", "problem": "empty", "message": "leer, „leer“"} for i in range(n)]


def test_cells_are_rendered_for_csv():
    assert format_cell(None) == ""
    assert format_cell(5e10) == "50000000000"
    assert format_cell(0.25) == "0.25"
    assert format_cell(("Sprecher", "MdB")) == "Sprecher | MdB"
    assert format_cell((("phrase:einwilligung", 2.0), ("position_end", 0.5))) == "phrase:einwilligung=2; position_end=0.5"
    assert format_cell(True) == "true"


def test_record_to_row_follows_the_schema_order():
    row = record_to_row({"text": "x", "category": "consent", "extra": 1}, BOILERPLATE, doc_id="d")
    assert list(row) == BOILERPLATE.column_names
    assert row["doc_id"] == "d" and row["category"] == "consent" and row["score"] is None


def test_batch_writes_all_tables_with_header(tmp_path):
    with OutputBatch(tmp_path) as out:
        out.write_table(ERRORS, _errors(2))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "errors.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 2 and rows[0]["message"] == "leer, „leer“"
    assert out.row_counts == {"errors": 2}
    assert not list(tmp_path.glob("*.tmp"))


def test_crash_while_writing_leaves_previous_outputs_intact(tmp_path):
    with OutputBatch(tmp_path) as out:
        out.write_table(ERRORS, _errors(1))
        out.write_json("manifest.json", {"run": 1})
    before_errors = (tmp_path / "errors.csv").read_bytes()
    before_manifest = (tmp_path / "manifest.json").read_bytes()

    def exploding_rows():
        yield from _errors(3)
        raise RuntimeError("killed while writing")

    with pytest.raises(RuntimeError):
        with OutputBatch(tmp_path) as out:
            out.write_json("manifest.json", {"run": 2})
            out.write_table(ERRORS, exploding_rows())
    assert (tmp_path / "errors.csv").read_bytes() == before_errors
    assert (tmp_path / "manifest.json").read_bytes() == before_manifest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["errors.csv", "manifest.json"]
