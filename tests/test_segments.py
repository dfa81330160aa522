"""Long documents are parsed in bounded segments and joined with unchanged offsets; batch failures are isolated."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import spacy

from pipeline.run import runner

from pipeline.nlp import segments
from pipeline.output.schema import CLAIMS, FIGURES, MENTIONS

PARAGRAPH = (
    "Die Ministerin sagte am Montag in Berlin, die Kosten würden um fünf Prozent steigen. "
    "„Das ist nicht akzeptabel“, erklärte Gewerkschaftschef Peter Müller am Dienstag in Hamburg."
)


def _cfg(tmp_path: Path, **kwargs) -> runner.RunConfig:
    return runner.RunConfig(
        input_dir=tmp_path / "raw", output_dir=tmp_path / "out", interim_dir=tmp_path / "interim", on_warning=lambda m: None, **kwargs
    )


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _texts(cfg: runner.RunConfig) -> dict[str, str]:
    with open(cfg.output_dir / "texts.jsonl", encoding="utf-8") as fh:
        return {row["doc_id"]: row["text"] for row in map(json.loads, fh)}


def _covers(text: str, bounds: list[tuple[int, int]], limit: int) -> None:
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a < b <= a + limit for a, b in bounds)
    assert all(b == c for (_, b), (c, _) in zip(bounds, bounds[1:]))


def test_short_text_is_one_segment():
    assert segments.segment_bounds(PARAGRAPH, 10_000) == [(0, len(PARAGRAPH))]


def test_segments_end_at_paragraph_breaks():
    text = "\n\n".join([PARAGRAPH] * 40)
    bounds = segments.segment_bounds(text, 1000)
    _covers(text, bounds, 1000)
    assert all(text[b - 2 : b] == "\n\n" for _, b in bounds[:-1])


def test_single_line_is_cut_after_a_sentence_end():
    text = " ".join([PARAGRAPH] * 40)
    bounds = segments.segment_bounds(text, 1000)
    _covers(text, bounds, 1000)
    assert all(text[:b].rstrip()[-1] in ".“" for _, b in bounds[:-1])


def test_text_without_any_whitespace_is_cut_hard():
    text = "x" * 2500
    assert segments.segment_bounds(text, 1000) == [(0, 1000), (1000, 2000), (2000, 2500)]


def test_ten_thousand_opening_quotes_are_tokenised_in_pieces_with_the_text_unchanged():
    nlp = spacy.blank("de")
    text = "Er sagte " + "„" * 10_000 + " und ging."
    doc = segments.tokenize(nlp, text)
    assert doc.text == text
    assert sum(1 for t in doc if t.text == "„") == 10_000
    assert [t.text for t in doc[:2]] == ["Er", "sagte"]


def test_long_url_is_one_token_up_to_the_run_limit():
    nlp = spacy.blank("de")
    url = "https://example.org/" + "a" * 200
    assert [t.text for t in segments.tokenize(nlp, f"Siehe {url} dazu.")] == ["Siehe", url, "dazu", "."]


def test_segmented_document_keeps_offsets_and_finds_what_a_short_one_finds(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "kurz.txt").write_text(PARAGRAPH, encoding="utf-8")
    (raw / "lang.txt").write_text("\n\n".join([PARAGRAPH] * 30), encoding="utf-8")
    monkeypatch.setattr(segments, "SEGMENT_CHARS", 1000)
    monkeypatch.setattr(segments, "BATCH_CHARS", 3000)
    cfg = _cfg(tmp_path, use_cache=False)
    summary = runner.run_all(cfg)
    assert not summary.failures
    texts = _texts(cfg)
    for table in (CLAIMS, MENTIONS, FIGURES):
        rows = _rows(cfg.output_dir / table.file_name)
        for row in rows:
            for text_column, start_column, end_column in table.spans:
                if row[start_column]:
                    assert texts[row["doc_id"]][int(row[start_column]) : int(row[end_column])] == row[text_column]
        per_doc = {doc_id: sum(r["doc_id"] == doc_id for r in rows) for doc_id in texts}
        assert per_doc["kurz"] > 0
        assert per_doc["lang"] == 30 * per_doc["kurz"], table.name
    documents = {row["doc_id"]: row for row in _rows(cfg.output_dir / "documents.csv")}
    assert int(documents["lang"]["n_sentences"]) == 30 * int(documents["kurz"]["n_sentences"])


def test_cached_parse_of_a_segmented_document_gives_the_same_tables(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "lang.txt").write_text(" ".join([PARAGRAPH] * 12), encoding="utf-8")
    monkeypatch.setattr(segments, "SEGMENT_CHARS", 600)
    cfg = _cfg(tmp_path)
    runner.run_all(cfg)
    first = (cfg.output_dir / "claims.csv").read_bytes()
    runner.run_extraction_stage(cfg, "claims")
    assert (cfg.output_dir / "claims.csv").read_bytes() == first


def test_a_memory_error_in_a_batch_loses_only_the_document_that_causes_it(tmp_path, monkeypatch):
    """The tok2vec fails for the whole batch; the innocent neighbour is retried alone and processed."""
    from spacy.pipeline import Tok2Vec

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(PARAGRAPH, encoding="utf-8")
    (raw / "b.txt").write_text("Riesig. " + PARAGRAPH, encoding="utf-8")
    (raw / "c.txt").write_text(PARAGRAPH + " Ende.", encoding="utf-8")
    original = Tok2Vec.predict

    def predict(self, docs):
        if any(doc.text.startswith("Riesig") for doc in docs):
            raise MemoryError("Unable to allocate 19.0 GiB")
        return original(self, docs)

    monkeypatch.setattr(Tok2Vec, "predict", predict)
    cfg = _cfg(tmp_path, use_cache=False)
    summary = runner.run_all(cfg)
    assert summary.processed == ["a", "c"]
    assert [(f["doc_id"], f["stage"]) for f in summary.failures] == [("b", "nlp:tok2vec")]
    errors = {row["path"]: row for row in _rows(cfg.output_dir / "errors.csv")}
    assert set(errors) == {"b.txt"}
    assert errors["b.txt"]["problem"] == "failed"
    assert errors["b.txt"]["message"].startswith("MemoryError: Unable to allocate")
    claims = {row["doc_id"] for row in _rows(cfg.output_dir / "claims.csv")}
    assert claims == {"a", "c"}


def test_pipe_isolated_retries_each_document_of_a_failed_batch():
    nlp = spacy.blank("de")

    @spacy.Language.component("test_fails_on_boom")
    def fails_on_boom(doc):
        if "Boom" in doc.text:
            raise ValueError("kaputt")
        return doc

    nlp.add_pipe("test_fails_on_boom")
    docs = [nlp.make_doc(t) for t in ("Eins.", "Boom.", "Drei.")]
    outcomes = segments.pipe_isolated(nlp, docs)
    assert [o.text if not isinstance(o, segments.Failure) else o.component for o in outcomes] == ["Eins.", "test_fails_on_boom", "Drei."]
    assert isinstance(outcomes[1].exception, ValueError)


@pytest.mark.parametrize("failing_segment", [0, 2])
def test_a_failing_segment_fails_its_document_only(monkeypatch, failing_segment):
    nlp = spacy.blank("de")
    texts = ["\n\n".join(f"Absatz {i} von Text eins." for i in range(6)), "Text zwei."]
    marker = f"Absatz {failing_segment} "

    @spacy.Language.component(f"test_fails_on_segment_{failing_segment}")
    def fails(doc):
        if doc.text.startswith(marker):
            raise MemoryError("zu groß")
        return doc

    nlp.add_pipe(f"test_fails_on_segment_{failing_segment}")
    outcomes = segments.parse_texts(nlp, texts, segment_chars=40)
    assert isinstance(outcomes[0], segments.Failure)
    assert outcomes[1].text == "Text zwei."



def test_span_index_gives_what_a_scan_of_all_records_gives():
    import random
    from dataclasses import dataclass

    from pipeline.layer.spanindex import overlapping

    @dataclass
    class Mention:
        start_char: int
        end_char: int

    rng = random.Random(15)
    mentions = [Mention(s, s + rng.randint(1, 40)) for s in (rng.randint(0, 5000) for _ in range(800))]
    for _ in range(300):
        a = rng.randint(-50, 5100)
        b = a + rng.randint(0, 120)
        assert overlapping(mentions, a, b) == [m for m in mentions if m.start_char < b and a < m.end_char]
    mentions.append(Mention(10, 20))  # the index follows a list that grew
    assert mentions[-1] in overlapping(mentions, 15, 16)
