"""Incremental runs and the parallel backends produce exactly the tables of a plain run."""

from __future__ import annotations

import shutil
import zlib

import pytest

from pipeline.run import backends, runner
from pipeline.output.schema import TABLES
from tests.conftest import SAMPLES


def _cfg(tmp_path, name="out", **kwargs):
    raw = tmp_path / "raw"
    if not raw.exists():
        shutil.copytree(SAMPLES, raw)
        (raw / "dritter.txt").write_text("Der Minister sagte, die Kosten würden um rund 5 Prozent steigen. " * 4, encoding="utf-8")
    return runner.RunConfig(
        input_dir=raw, output_dir=tmp_path / name, interim_dir=tmp_path / f"{name}-interim", on_warning=lambda m: None, **kwargs
    )


def _tables(cfg) -> dict[str, bytes]:
    return {t.file_name: (cfg.output_dir / t.file_name).read_bytes() for t in TABLES.values()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    cfg = _cfg(tmp_path_factory.mktemp("ref"), use_cache=False)
    runner.run_all(cfg)
    return _tables(cfg)


def test_second_run_on_unchanged_input_parses_nothing_and_writes_identical_tables(tmp_path, reference, monkeypatch):
    cfg = _cfg(tmp_path)
    runner.run_all(cfg)
    assert _tables(cfg) == reference

    def must_not_run(*args, **kwargs):
        raise AssertionError("a cached document was processed again")

    monkeypatch.setattr(runner, "run_tasks", lambda tasks, *a, **k: (must_not_run() for _ in tasks))
    runner.run_all(cfg)
    assert _tables(cfg) == reference


def test_only_changed_documents_are_reprocessed(tmp_path, monkeypatch):
    cfg = _cfg(tmp_path)
    runner.run_all(cfg)
    (cfg.input_dir / "dritter.txt").write_text("Die Ministerin sagte, es gebe 3 Probleme. " * 4, encoding="utf-8")
    seen = []
    original = backends.annotate

    def spy(settings, tasks):
        seen.extend(t.doc_id for t in tasks)
        return original(settings, tasks)

    monkeypatch.setattr(backends, "annotate", spy)
    runner.run_all(cfg)
    assert seen == ["dritter"]


def test_no_cache_recomputes_everything(tmp_path, reference):
    cfg = _cfg(tmp_path, use_cache=False)
    runner.run_all(cfg)
    runner.run_all(cfg)
    assert _tables(cfg) == reference


def test_extraction_stage_alone_matches_full_run(tmp_path, reference):
    cfg = _cfg(tmp_path, use_cache=False)
    runner.run_ingest(cfg)
    runner.run_clean(cfg)
    runner.run_parse(cfg)
    for stage in ("entities", "claims", "figures"):
        runner.run_extraction_stage(cfg, stage)
    for name in ("mentions.csv", "entities.csv", "claims.csv", "figures.csv", "documents.csv"):
        assert (cfg.output_dir / name).read_bytes() == reference[name], name


@pytest.mark.slow  # starts worker processes that each load the pipeline
def test_two_local_processes_give_identical_tables(tmp_path, reference):
    cfg = _cfg(tmp_path, use_cache=False, backend="processes", workers=2, chunk_size=1)
    runner.run_all(cfg)
    assert _tables(cfg) == reference


@pytest.mark.slow  # starts worker processes that each load the pipeline
def test_dask_local_cluster_of_two_workers_gives_identical_tables(tmp_path, reference):
    pytest.importorskip("distributed")
    cfg = _cfg(tmp_path, use_cache=False, backend="dask", workers=2, chunk_size=1)
    runner.run_all(cfg)
    assert _tables(cfg) == reference


def test_unknown_backend_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unknown backend 'spark'"):
        list(backends.run_tasks([backends.Task("a", "Text.")], backends.WorkerSettings("x", "blank", ()), backend="spark"))


def _serialisable_docs():
    import spacy
    from spacy.tokens import Span

    from tests.test_layer import _annotated_doc

    parsed = _annotated_doc()
    parsed.spans["quotes"] = [parsed[0:7]]
    parsed.spans["ruler"] = [Span(parsed, 12, 14, label="ORG", kb_id="Q458", span_id="eu")]
    parsed.cats = {"news": 1.0}
    blank = spacy.blank("de")
    # a token "_" next to an empty morphological analysis (whose string is also "_", but counts as "")
    underscore = blank("Der Platzhalter _ bleibt leer.")
    underscore[0].set_morph("Case=Nom")
    underscore[2].set_morph("")
    return [parsed, _annotated_doc(), blank("Nur Wörter,  ohne \n\n Analyse."), blank(""), underscore]


@pytest.mark.parametrize("k", range(5))
def test_the_parse_cache_bytes_are_those_of_docbin(k):
    """backends._serialise is a faster DocBin(...).to_bytes(): cached parses must not change."""
    from spacy.tokens import DocBin

    doc = _serialisable_docs()[k]
    ours = backends._serialise(doc)
    # the same message byte for byte; only the compression level differs (backends.PARSE_ZLIB_LEVEL)
    assert zlib.decompress(ours) == zlib.decompress(DocBin(store_user_data=False, docs=[doc]).to_bytes())
    assert next(DocBin().from_bytes(ours).get_docs(doc.vocab)).to_json() == doc.to_json()
