"""pipeline.load: typed tables, strict conversion, consistency checks and the join helpers."""

import copy
import subprocess
import sys

import pandas as pd
import pytest

from pipeline.load import (
    SchemaError,
    Tables,
    check_tables,
    claims_with_speakers_and_figures,
    convert_column,
    entity_first_mentions,
    figures_with_speakers,
    load,
    pandas_dtype,
)
from pipeline.output.schema import TABLES, Column
from tests.tables_fixture import FACH, PARIS, TEXTS, build_rows, write_tables


@pytest.fixture
def out_dir(tmp_path):
    return write_tables(tmp_path / "processed")


def test_every_table_has_the_schema_dtypes(out_dir):
    tables = load(out_dir)
    assert isinstance(tables, Tables) and set(tables) == set(TABLES)
    for name, table in TABLES.items():
        frame = tables[name]
        assert list(frame.columns) == table.column_names
        for column in table.columns:
            dtype = frame[column.name].dtype
            if column.dtype == "category":
                assert isinstance(dtype, pd.CategoricalDtype) and dtype.categories.dtype == "string", (name, column.name)
            else:
                assert dtype == pandas_dtype(column), (name, column.name)
    assert tables.claims is tables["claims"]
    assert len(tables.claims) == 6 and len(tables.figures) == 1
    assert tables.texts[PARIS] == TEXTS[PARIS]


def test_missing_cells_are_na_and_na_like_text_stays_text(tmp_path):
    rows = build_rows()
    rows["claims"][0]["addressee_text"] = "NA"  # e.g. the country code of Namibia, not a missing value
    tables = load(write_tables(tmp_path / "p", rows))
    claims = tables.claims.set_index("claim_id")
    assert claims.loc[f"{PARIS}:C1", "addressee_text"] == "NA"
    assert claims.loc[f"{PARIS}:C5", "speaker_entity_id"] is pd.NA
    assert claims["confidence"].dtype == "Float64" and claims.loc[f"{FACH}:C1", "confidence"] == 0.95


def test_a_cell_that_does_not_fit_its_dtype_names_table_column_and_value(out_dir):
    path = out_dir / "claims.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",0.85,", ",hoch,", 1), encoding="utf-8")
    with pytest.raises(SchemaError, match=r"claims\.confidence.*hoch"):
        load(out_dir)


def test_columns_out_of_order_are_rejected(out_dir):
    frame = pd.read_csv(out_dir / "figures.csv", dtype=str, keep_default_na=False)
    frame[list(reversed(frame.columns))].to_csv(out_dir / "figures.csv", index=False)
    with pytest.raises(SchemaError, match="figures.csv: columns do not match.*wrong order"):
        load(out_dir)


def test_missing_table_says_what_to_run_unless_allowed(out_dir):
    (out_dir / "figures.csv").unlink()
    with pytest.raises(FileNotFoundError, match="figures.csv.*cli.py extract"):
        load(out_dir)
    tables = load(out_dir, allow_missing=True)
    assert tables.figures.empty and tables.figures["value"].dtype == "Float64"
    assert claims_with_speakers_and_figures(tables)["n_figures"].eq(0).all()


@pytest.mark.parametrize(
    ("dtype", "cells", "expected"),
    [
        ("Int64", ["3", "", "12345678901234567"], [3, pd.NA, 12345678901234567]),
        ("boolean", ["true", "False", ""], [True, False, pd.NA]),
        ("datetime", ["2025-12-08", ""], [pd.Timestamp("2025-12-08"), pd.NaT]),
        ("category", ["PER", "ORG", ""], ["PER", "ORG", pd.NA]),
    ],
)
def test_convert_column(dtype, cells, expected):
    result = convert_column(pd.Series(cells), Column("x", dtype, ""), "t")
    assert result.isna().tolist() == [e is pd.NA or e is pd.NaT for e in expected]
    assert [v for v, e in zip(result, expected) if not (e is pd.NA or e is pd.NaT)] == [e for e in expected if not (e is pd.NA or e is pd.NaT)]


@pytest.mark.parametrize(("dtype", "cell"), [("Int64", "1.5"), ("Int64", "zwölf"), ("boolean", "vielleicht"), ("datetime", "08.12.2025")])
def test_convert_column_rejects(dtype, cell):
    with pytest.raises(SchemaError, match=f"t.x: .*{cell}"):
        convert_column(pd.Series([cell]), Column("x", dtype, ""), "t")


def test_consistent_tables_have_no_problems(out_dir):
    assert check_tables(load(out_dir)) == []


def test_check_finds_duplicate_keys_dangling_references_and_bad_offsets(tmp_path):
    rows = copy.deepcopy(build_rows())
    rows["claims"][1]["claim_id"] = rows["claims"][0]["claim_id"]
    rows["figures"][0]["claim_id"] = f"{PARIS}:C99"
    rows["mentions"][0]["start_char"] += 1
    rows["entities"].append({**rows["entities"][0], "doc_id": "gibt-es-nicht", "entity_id": "gibt-es-nicht:E1"})
    problems = "\n".join(check_tables(load(write_tables(tmp_path / "p", rows))))
    assert "claims: duplicate primary key ['claim_id']" in problems
    assert f"figures.claim_id: 1 values not in claims.claim_id: ['{PARIS}:C99']" in problems
    assert "mentions.start_char/end_char: 1 bad offsets" in problems and "'rsula von der Leyen" in problems
    assert "entities.doc_id: 1 values not in documents.doc_id" in problems


def test_claims_join_adds_speaker_entity_document_and_figures(out_dir):
    tables = load(out_dir)
    joined = claims_with_speakers_and_figures(tables)
    assert len(joined) == len(tables.claims) and joined["claim_id"].is_unique
    c1 = joined.set_index("claim_id").loc[f"{PARIS}:C1"]
    assert (c1["speaker"], c1["speaker_text"], c1["speaker_roles"]) == ("Ursula von der Leyen", "sie", "EU-Kommissionspräsidentin")
    assert (c1["n_figures"], c1["figures"], c1["date"]) == (1, "50 Milliarden Euro", pd.Timestamp("2025-02-11"))
    # No resolved entity: the mention as written is the speaker, entity columns stay empty.
    c5 = joined.set_index("claim_id").loc[f"{PARIS}:C5"]
    assert c5["speaker"] == "Beobachtern" and pd.isna(c5["speaker_label"]) and c5["n_figures"] == 0
    assert joined["speaker"].value_counts().to_dict()["J.D. Vance"] == 2


def test_figures_with_speakers_and_first_mentions(out_dir):
    tables = load(out_dir)
    figures = figures_with_speakers(tables)
    assert figures[["text", "speaker", "form"]].values.tolist() == [["50 Milliarden Euro", "Ursula von der Leyen", "direct"]]
    first = entity_first_mentions(tables).set_index("entity_id")["text"]
    assert first[f"{PARIS}:E1"] == "Ursula von der Leyen" and first[f"{FACH}:E1"] == "Marina Köhn"


def test_import_pipeline_does_not_import_pandas_and_both_load_spellings_work(out_dir):
    code = (
        "import sys, pipeline\n"
        "assert 'pandas' not in sys.modules, 'import pipeline pulled in pandas'\n"
        "from pipeline import load\n"
        f"assert len(load({str(out_dir)!r}).claims) == 6\n"
        "from pipeline.load import check_tables\n"  # rebinds pipeline.load to the module ...
        "from pipeline import load\n"
        f"assert check_tables(load({str(out_dir)!r})) == []\n"  # ... which must still be callable
    )
    subprocess.run([sys.executable, "-c", code], check=True)
