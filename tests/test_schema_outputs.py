"""Every CSV an end-to-end run writes over the samples matches pipeline/output/schema.py, and the README's
table reference is the markdown generated from it."""

from __future__ import annotations

import csv
import re

import pytest

from pipeline.load import OFFSET_TEXT_COLUMNS, check_tables, load, read_table
from pipeline.output.schema import TABLES, markdown_table
from tests.conftest import ROOT
from tests.sample_run import copy_outputs


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    return copy_outputs(tmp_path_factory.mktemp("schema") / "processed")


@pytest.fixture(scope="module")
def tables(outputs):
    return load(outputs)


@pytest.mark.parametrize("name", list(TABLES))
def test_header_is_the_schema_column_order(outputs, name):
    with open(outputs / TABLES[name].file_name, encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == TABLES[name].column_names


@pytest.mark.parametrize("name", list(TABLES))
def test_every_cell_parses_as_its_schema_dtype(outputs, name):
    frame = read_table(outputs / TABLES[name].file_name, TABLES[name])  # raises SchemaError otherwise
    with open(outputs / TABLES[name].file_name, encoding="utf-8", newline="") as fh:
        assert len(frame) == sum(1 for _ in csv.reader(fh)) - 1


@pytest.mark.parametrize("name", list(TABLES))
def test_primary_keys_unique_and_complete(tables, name):
    key = list(TABLES[name].primary_key)
    frame = tables[name]
    assert not frame[key].isna().any(axis=None), f"{name}: empty key cells"
    assert not frame.duplicated(subset=key).any(), f"{name}: duplicate {key}"


@pytest.mark.parametrize(("name", "column", "target"), [(n, c, t) for n, tb in TABLES.items() for c, t in tb.foreign_keys.items()])
def test_foreign_keys_resolve(tables, name, column, target):
    target_table, target_column = target.split(".")
    values = set(tables[name][column].dropna())
    assert values <= set(tables[target_table][target_column].dropna()), f"{name}.{column} -> {target}: {sorted(values - set(tables[target_table][target_column]))[:5]}"


def test_offsets_point_at_their_text(tables):
    for name, frame in tables.items():
        for text_col, start_col, end_col in OFFSET_TEXT_COLUMNS:
            if not {text_col, start_col, end_col} <= set(frame.columns):
                continue
            for row in frame[["doc_id", text_col, start_col, end_col]].dropna().itertuples(index=False):
                raw = tables.texts[row.doc_id]
                assert raw[getattr(row, start_col) : getattr(row, end_col)] == getattr(row, text_col), (name, row)
    assert check_tables(tables) == []


def test_readme_table_reference_is_generated_from_the_schema():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Table reference\n(.*?)(?=^## |\Z)", readme, flags=re.S | re.M)
    assert match, "README.md has no '## Table reference' section"
    section = match.group(1)
    missing = [name for name, table in TABLES.items() if markdown_table(table) not in section]
    assert not missing, f"README 'Table reference' is out of date for {missing}: paste the output of `python cli.py schema`"


def test_sentence_indices_of_claims_fall_within_the_documents_sentence_count(tables):
    """documents.n_sentences counts the sentences the claim stage numbers (the layer's segmentation)."""
    claims = tables.claims.dropna(subset=["sent_index"])
    assert len(claims)
    n_sentences = tables.documents.set_index("doc_id")["n_sentences"]
    highest = claims.groupby("doc_id")["sent_index"].max()
    for doc_id, sent_index in highest.items():
        assert 0 <= sent_index < n_sentences[doc_id], (doc_id, sent_index, n_sentences[doc_id])
