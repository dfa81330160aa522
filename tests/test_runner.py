"""End-to-end: the stages over copies of the two sample texts."""

import csv
import json

import pytest

from pipeline.run import runner
from pipeline.output.schema import TABLES


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    base = tmp_path_factory.mktemp("run")
    import shutil

    from tests.conftest import SAMPLES

    shutil.copytree(SAMPLES, base / "raw")
    cfg = runner.RunConfig(
        input_dir=base / "raw", output_dir=base / "processed", interim_dir=base / "interim", on_warning=lambda m: None, keep_docs=True
    )
    summary = runner.run_all(cfg)
    assert not summary.partial
    return cfg, summary.docs


def _read(cfg, table):
    with open(cfg.output_dir / f"{table}.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_table_is_written_with_schema_columns(extracted):
    cfg, _ = extracted
    for table in TABLES.values():
        with open(cfg.output_dir / table.file_name, encoding="utf-8") as fh:
            assert next(csv.reader(fh)) == table.column_names


def test_manifest_names_pipeline_and_both_inputs(extracted):
    cfg, _ = extracted
    manifest = json.loads((cfg.output_dir / "manifest.json").read_text())
    assert {i["path"] for i in manifest["inputs"]} == {"fachgespraech-nachhaltige-ki.txt", "ki-aktionsgipfel-paris.txt"}
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    assert manifest["pipeline"]["name"] and manifest["pipeline"]["components"]
    assert manifest["tables"]["documents"] == 2
    assert manifest["started"] <= manifest["finished"]


def test_doc_offsets_are_raw_offsets(extracted):
    cfg, docs = extracted
    texts = {row["doc_id"]: row["text"] for row in map(json.loads, (cfg.output_dir / "texts.jsonl").read_text().splitlines())}
    for doc in docs:
        assert len(doc.text) == len(texts[doc._.doc_id])
        for token in doc:
            if not token.is_space:
                assert texts[doc._.doc_id][token.idx : token.idx + len(token.text)] == token.text


def test_stage_alone_reruns_from_saved_parse(extracted):
    cfg, _ = extracted
    before = (cfg.output_dir / "claims.csv").read_bytes()
    runner.run_extraction_stage(cfg, "claims")
    assert (cfg.output_dir / "claims.csv").read_bytes() == before
    assert "claims" in json.loads((cfg.output_dir / "manifest.json").read_text())["stages"]


def test_stage_without_previous_output_says_what_to_run(tmp_path):
    cfg = runner.RunConfig(interim_dir=tmp_path / "interim", output_dir=tmp_path / "out")
    with pytest.raises(runner.StageError, match="python cli.py ingest"):
        runner.run_clean(cfg)


def test_no_readable_files_is_a_clear_error(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "empty.txt").write_bytes(b"")
    cfg = runner.RunConfig(input_dir=tmp_path / "raw", output_dir=tmp_path / "out", interim_dir=tmp_path / "i", on_warning=lambda m: None)
    with pytest.raises(runner.StageError, match="no readable"):
        runner.run_ingest(cfg)
