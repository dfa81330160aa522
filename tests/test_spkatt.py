"""SpkAtt adapter: Doc building, claims -> annotations, predict_dir, and the scorer on hand-computed cases.

Every document here is written for the test (the SpkAtt data is CC BY-NC-SA and never enters the repository).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.claims import component as claims_component
from pipeline.run import runner
from pipeline.evaluation import spkatt
from pipeline.claims import Claim
from pipeline.nlp.model import BLANK_MODEL_NAME, ModelChoice

# --------------------------------------------------------------------------- helpers


def ids(sent: int, *tokens: int) -> list[str]:
    return [f"{sent}:{t}" for t in tokens]


def annotation(message, *, cue=(), source=(), addr=(), frame=(), form="Indirect", nested=False, has_nested=False, stwr="Speech"):
    return {
        "Addr": list(addr), "Cue": list(cue), "Form": form, "Frame": list(frame), "HasNested": has_nested,
        "IsNested": nested, "Message": list(message), "STWR": stwr, "Source": list(source),
    }


SENTENCES = [
    {"SentenceId": 0, "Tokens": ["Die", "Ministerin", "sagte", ",", "die", "Preise", "würden", "im", "Herbst", "sinken", "."]},
    {"SentenceId": 1, "Tokens": ["„", "Wir", "haben", "die", "Lage", "im", "Griff", "“", ",", "betonte", "sie", "."]},
    {"SentenceId": 2, "Tokens": ["Die", "Opposition", "sprach", "von", "Schönfärberei", "."]},
]


def article(annotations, sentences=SENTENCES, name="Testartikel"):
    return {"Annotations": annotations, "DocumentName": name, "Sentences": sentences}


def write(directory: Path, name: str, data) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def events(*annotations):
    art = spkatt.Article(Path("t.json"), "t", SENTENCES, list(annotations))
    return spkatt.events_of(art)


def scores(gold, pred, variant="full"):
    doc = spkatt.score_article("t", events(*gold), events(*pred))
    units = doc.units if variant == "full" else doc.simplified_units
    return spkatt.variant_scores(units, variant), doc


INDIRECT = annotation(ids(0, 4, 5, 6, 7, 8, 9), cue=ids(0, 2), source=ids(0, 0, 1), frame=ids(0, 0, 1, 2, 3))
DIRECT = annotation(ids(1, 0, 1, 2, 3, 4, 5, 6, 7), cue=ids(1, 9), source=ids(1, 10), frame=ids(1, 8, 9, 10), form="Direct")
REPORTED = annotation(ids(2, 0, 1, 2, 3, 4, 5), source=ids(2, 0, 1), form="Reported")


# --------------------------------------------------------------------------- scorer


def test_perfect_prediction_scores_one_everywhere():
    gold = [INDIRECT, DIRECT, REPORTED]
    for variant in ("full", "simplified"):
        s, _ = scores(gold, gold, variant)
        for group in ("Messages", "Roles", "Joint"):
            assert (s[group]["precision"], s[group]["recall"], s[group]["f1"]) == (1.0, 1.0, 1.0)


def test_empty_prediction_scores_zero_recall_and_undefined_precision_counts_as_zero():
    s, doc = scores([INDIRECT, DIRECT], [])
    assert doc.pairs == []
    joint = s["Joint"]
    assert (joint["precision"], joint["recall"], joint["f1"], joint["n_precision"], joint["n_recall"]) == (0.0, 0.0, 0.0, 0, 2)
    assert (joint["tp"], joint["fp"], joint["micro_f1"]) == (0, 0, 0.0)


def test_partial_overlap_token_counts():
    gold = [annotation(ids(0, 0, 1, 2, 3), cue=ids(0, 6), source=ids(0, 7, 8))]
    pred = [annotation(ids(0, 2, 3, 4, 5), cue=ids(0, 6), source=ids(0, 8))]
    s, _ = scores(gold, pred)
    assert s["Messages"]["precision"] == pytest.approx(0.5) and s["Messages"]["recall"] == pytest.approx(0.5)
    # Roles pooled: cue 1 TP, source 1 TP + 1 FN -> P = 2/2, R = 2/3
    assert s["Roles"]["precision"] == pytest.approx(1.0)
    assert s["Roles"]["recall"] == pytest.approx(2 / 3)
    assert s["Roles"]["f1"] == pytest.approx(0.8)
    # Joint pooled: TP 4, FP 2, FN 3
    assert s["Joint"]["precision"] == pytest.approx(4 / 6)
    assert s["Joint"]["recall"] == pytest.approx(4 / 7)
    assert s["Joint"]["f1"] == pytest.approx(16 / 26)
    assert s["Joint"]["micro_f1"] == pytest.approx(8 / 13)  # one unit: micro = 2*4 / (2*4 + 2 + 3)
    assert s["roles"]["Source"]["recall"] == pytest.approx(0.5)
    assert s["roles"]["Addr"]["f1"] is None  # nobody marked an addressee: nothing to score


def test_two_messages_are_paired_optimally_not_greedily():
    g1, g2 = annotation(ids(0, 0, 1, 2, 3, 4)), annotation(ids(0, 5, 6))
    p1, p2 = annotation(ids(0, 2, 3, 4, 5, 6)), annotation(ids(0, 0, 1))
    # greedy would take g1-p1 (overlap 3) and leave g2, p2 unpaired (total 3); optimal is g1-p2 + g2-p1 (total 4)
    s, doc = scores([g1, g2], [p1, p2])
    assert sorted(doc.pairs) == [(0, 1), (1, 0)]
    # pair g1-p2: P 2/2, R 2/5; pair g2-p1: P 2/5, R 2/2 -> macro P = R = 0.7
    assert s["Messages"]["precision"] == pytest.approx(0.7)
    assert s["Messages"]["recall"] == pytest.approx(0.7)
    assert s["Messages"]["f1"] == pytest.approx(0.7)


def test_unpaired_prediction_lowers_precision_only_and_zero_overlap_is_no_pair():
    spurious = annotation(ids(2, 0, 1, 2), form="Reported")
    s, doc = scores([INDIRECT], [INDIRECT, spurious])
    assert doc.pairs == [(0, 0)]
    assert s["Messages"]["precision"] == pytest.approx(0.5)  # (1 + 0) / 2 units with system tokens
    assert s["Messages"]["recall"] == pytest.approx(1.0)  # the spurious unit has no gold tokens
    assert s["Messages"]["f1"] == pytest.approx(2 / 3)


def test_nested_events_are_ignored_in_the_simplified_variant():
    outer = annotation(ids(0, 4, 5, 6, 7, 8, 9), cue=ids(0, 2), source=ids(0, 0, 1), has_nested=True)
    inner = annotation(ids(0, 6, 7), cue=ids(0, 2), source=ids(0, 0, 1), form="Direct", nested=True)
    spurious_nested = annotation(ids(0, 8, 9), source=ids(0, 5), form="Direct", nested=True)
    full, _ = scores([outer, inner], [outer, spurious_nested])
    # full: outer perfect; gold inner vs system nested event share no token -> two unpaired units
    assert full["Messages"]["precision"] == pytest.approx(0.5)
    assert full["Messages"]["recall"] == pytest.approx(0.5)
    simple, doc = scores([outer, inner], [outer, spurious_nested], "simplified")
    assert (simple["Joint"]["precision"], simple["Joint"]["recall"]) == (1.0, 1.0)
    # simplified scores Message and Source only: a wrong cue does not matter there
    wrong_cue = dict(outer, Cue=ids(0, 3))
    simple, _ = scores([outer], [wrong_cue], "simplified")
    assert simple["Joint"]["f1"] == 1.0
    assert scores([outer], [wrong_cue])[0]["Roles"]["f1"] < 1.0


def test_per_form_recall_uses_half_of_the_message_tokens():
    gold = [INDIRECT, DIRECT]
    half_direct = annotation(ids(1, 0, 1, 2, 3), form="Direct")  # 4 of 8 tokens
    quarter_indirect = annotation(ids(0, 4, 5), form="Indirect")  # 2 of 6 tokens
    invented = annotation(ids(2, 0, 1, 2), form="Reported")
    _, doc = scores(gold, [half_direct, quarter_indirect, invented])
    forms = spkatt.form_recall([doc])
    assert forms["Direct"]["found"] == 1 and forms["Direct"]["gold"] == 1
    assert forms["Indirect"]["found"] == 0 and forms["Indirect"]["mean_message_recall"] == pytest.approx(1 / 3)
    # system side: both paired predictions lie inside their gold message (precision 1); the invented one is wrong
    assert (forms["Indirect"]["correct"], forms["Indirect"]["system"]) == (1, 1)
    assert forms["Reported"] == {"gold": 0, "found": 0, "recall": None, "mean_message_recall": None,
                                 "system": 1, "correct": 0, "precision": 0.0}
    assert list(forms) == ["Direct", "Indirect", "Reported"]
    assert spkatt.form_confusion([doc]) == {"Indirect": {"Indirect": 1}, "Direct": {"Direct": 1}}


def test_score_dirs_pools_articles_and_handles_empty_and_missing_files(tmp_path):
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    write(gold_dir, "a.json", article([INDIRECT, DIRECT]))
    write(gold_dir, "b.json", article([]))  # no gold, no prediction: contributes nothing
    write(gold_dir, "c.json", article([]))  # no gold, but an invented event
    write(gold_dir, "d.json", article([REPORTED]))  # no prediction file at all
    write(pred_dir, "a.json", article([INDIRECT]))
    write(pred_dir, "b.json", article([]))
    write(pred_dir, "c.json", article([REPORTED]))
    write(pred_dir, "zzz.json", article([]))
    s = spkatt.score_dirs(gold_dir, pred_dir)
    assert s["missing_predictions"] == ["d.json"] and s["extra_predictions"] == ["zzz.json"]
    assert (s["false_alarm_documents"], s["false_alarm_events"]) == (1, 1)
    # units: a/INDIRECT pair (1, 1), a/DIRECT missed (-, 0), c invented (0, -), d missed (-, 0)
    m = s["full"]["Messages"]
    assert m["precision"] == pytest.approx(0.5) and m["recall"] == pytest.approx(1 / 3)
    by_name = {d["name"]: d for d in s["documents"]}
    assert by_name["b.json"]["joint"]["f1"] is None
    assert by_name["d.json"]["missing_prediction"]
    worst = [d["name"] for d in spkatt.worst_documents(s, 10)]
    assert worst[-1] == "a.json" and "b.json" not in worst
    assert worst[:2] == ["d.json", "c.json"] or worst[:2] == ["c.json", "d.json"]
    report = spkatt.score_report(gold_dir, pred_dir, worst=2)
    assert "1 gold files have no prediction file, scored as empty predictions: d.json" in report
    assert "Joint" in report and "IndirectFreeIndirect" not in report and "Reported" in report
    assert len([line for line in report.splitlines() if line.rstrip().endswith(".json")]) == 2


def test_scorer_rejects_unusable_input(tmp_path):
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    with pytest.raises(runner.StageError, match="not found"):
        spkatt.score_dirs(gold_dir, pred_dir)
    gold_dir.mkdir()
    with pytest.raises(runner.StageError, match="no .json files"):
        spkatt.score_dirs(gold_dir, pred_dir)
    write(gold_dir, "a.json", article([INDIRECT]))
    write(pred_dir, "a.json", article([INDIRECT], sentences=SENTENCES[:2]))
    with pytest.raises(ValueError, match="a.json: its Sentences differ"):
        spkatt.score_dirs(gold_dir, pred_dir)
    write(pred_dir, "a.json", {"Annotations": [INDIRECT]})  # a prediction may leave out the sentences
    assert spkatt.score_dirs(gold_dir, pred_dir)["full"]["Joint"]["f1"] == 1.0
    write(pred_dir, "a.json", article([annotation(["0-4"])]))
    with pytest.raises(ValueError, match=r"a.json: Annotations\[0\]: token id '0-4'"):
        spkatt.score_dirs(gold_dir, pred_dir)
    write(pred_dir, "a.json", '{"Annotations": [')
    with pytest.raises(ValueError, match="a.json: not valid JSON"):
        spkatt.score_dirs(gold_dir, pred_dir)


# --------------------------------------------------------------------------- Doc building and annotations


def test_spaces_follow_german_punctuation():
    words = ["Er", "sagte", ":", "„", "Das", "ist", "gut", "(", "sehr", ")", ".", "“", "Dann", "»", "Ja", "«", "."]
    spaces = spkatt.token_spaces(words)
    text = "".join(w + (" " if s else "") for w, s in zip(words, spaces))
    assert text == "Er sagte: „Das ist gut (sehr).“ Dann »Ja«."


def test_build_doc_keeps_tokens_sentences_and_original_ids():
    import spacy

    art = spkatt.Article(Path("x.json"), "x", [{"SentenceId": 0, "Tokens": ["Er", "sagte", ":", "„", "Gut", ".", "“"]},
                                               {"SentenceId": 1, "Tokens": ["Ja", "."]}], [])
    built = spkatt.build_doc(spacy.blank("de").vocab, art)
    assert [t.text for t in built.doc] == ["Er", "sagte", ":", "„", "Gut", ".", "“", "Ja", "."]
    assert [s.text for s in built.doc.sents] == ["Er sagte: „Gut.“", "Ja."]
    assert built.token_ids[7] == (1, 0) and built.doc._.doc_id == "x"


def make_claim(message, form="indirect", cue=(), speaker=(), addressee=(), frame=(), nested=False, stwr="Speech"):
    return Claim(
        claim_id="t:C1", sent_index=0, form=form, claim_text="", start_char=0, end_char=0, cue_lemma="", cue_text="",
        cue_start_char=None, cue_end_char=None, speaker_text=None, speaker_start_char=None, speaker_end_char=None,
        speaker_entity_id=None, speaker_name=None, speaker_resolution="unattributed", addressee_text=None,
        confidence=1.0, evidence=(), message_tokens=tuple(message), cue_tokens=tuple(cue), speaker_tokens=tuple(speaker),
        addressee_tokens=tuple(addressee), frame_tokens=tuple(frame), stwr=stwr, is_nested=nested,
    )


def test_claims_become_gold_shaped_annotations():
    # Doc tokens 0-4 are sentence 3 of the input, 5-9 sentence 4 (ids come from the input, not from the Doc)
    token_ids = [(3, k) for k in range(5)] + [(4, k) for k in range(5)]
    claims = [
        make_claim([6, 7, 8], form="direct", nested=True),
        make_claim([5, 6, 7, 8, 9], form="mixed", cue=[1], speaker=[0], frame=[0, 1, 2], stwr="writing"),
        make_claim([2, 3], form="according_to", cue=[0], speaker=[1], addressee=[4]),
        make_claim([0], form="free_indirect"),
        make_claim([], form="reported"),  # no message: cannot be scored, left out
    ]
    out = spkatt.claims_to_annotations(claims, token_ids)
    assert [a["Form"] for a in out] == ["IndirectFreeIndirect", "Indirect", "Indirect", "Direct"]
    assert list(out[0]) == ["Addr", "Cue", "Form", "Frame", "HasNested", "IsNested", "Message", "STWR", "Source"]
    according, mixed, inner = out[1], out[2], out[3]
    assert according == annotation(["3:2", "3:3"], cue=["3:0"], source=["3:1"], addr=["3:4"])
    assert mixed["Message"] == ids(4, 0, 1, 2, 3, 4) and mixed["Frame"] == ids(3, 0, 1, 2)
    assert (mixed["HasNested"], mixed["IsNested"], mixed["STWR"]) == (True, False, "Writing")
    assert (inner["HasNested"], inner["IsNested"]) == (False, True)


def test_an_anaphoric_source_adverb_is_source_and_cue_when_no_speaker_is_named():
    # "Demnach sind drei Menschen verletzt worden." after a report: SpkAtt marks "Demnach" as Cue and Source
    token_ids = [(0, k) for k in range(6)]
    alone = replace(make_claim([1, 2, 3, 4], form="according_to", cue=[0]), cue_text="Demnach")
    (out,) = spkatt.claims_to_annotations([alone], token_ids)
    assert out["Cue"] == ["0:0"] and out["Source"] == ["0:0"]
    named = replace(make_claim([1, 2, 3, 4], form="according_to", cue=[0], speaker=[5]), cue_text="Demnach")
    assert spkatt.claims_to_annotations([named], token_ids)[0]["Source"] == ["0:5"]
    other = replace(make_claim([1, 2, 3, 4], form="according_to", cue=[0]), cue_text="laut")
    assert spkatt.claims_to_annotations([other], token_ids)[0]["Source"] == []


# --------------------------------------------------------------------------- predict_dir


@pytest.fixture
def blank_pipeline(monkeypatch):
    """Fast and independent of which German pipeline is installed."""
    monkeypatch.setattr(runner, "resolve_model", lambda requested=None: ModelChoice("test", BLANK_MODEL_NAME, "blank", False))


def config(**kw):
    warnings: list[str] = []
    return runner.RunConfig(on_warning=warnings.append, **kw), warnings


def test_predict_dir_maps_claims_back_to_input_ids(tmp_path, blank_pipeline, monkeypatch):
    seen = {}

    def fake_extract(doc):
        seen[doc._.doc_id] = [s.text for s in doc.sents]
        if "boom" in doc.text:
            raise RuntimeError("rule failed")
        # the quotation of the second input sentence, with the verb and pronoun after it
        return [make_claim(range(11, 19), form="direct", cue=[20], speaker=[21], frame=[19, 20, 21])]

    monkeypatch.setattr(claims_component, "extract_claims", fake_extract)
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    write(in_dir, "eins.json", {"DocumentName": "Eins", "Sentences": SENTENCES})
    for name in ("b.json", "dx.json", "zwei.json"):  # failing first, in between and last
        write(in_dir, name, {"DocumentName": "Zwei", "Sentences": [{"SentenceId": 0, "Tokens": ["boom", "."]}]})
    write(in_dir, "drei.json", article([INDIRECT], name="Drei"))
    cfg, warnings = config()
    summary = spkatt.predict_dir(in_dir, out_dir, cfg)
    assert sorted(p.name for p in out_dir.iterdir()) == ["drei.json", "eins.json"]  # no temp files left
    assert summary.failed == ["b.json", "dx.json", "zwei.json"] and any("zwei.json" in w and "rule failed" in w for w in warnings)
    # the blank pipeline's sentencizer must not re-split the given sentences (". “" inside the quote)
    assert seen["eins"] == ["Die Ministerin sagte, die Preise würden im Herbst sinken.", "„Wir haben die Lage im Griff“, betonte sie.", "Die Opposition sprach von Schönfärberei."]
    raw = (out_dir / "eins.json").read_text(encoding="utf-8")
    assert raw.startswith('{"Annotations":[{"Addr":[],"Cue":["1:9"],"Form":"Direct"') and "„" in raw
    data = json.loads(raw)
    assert data["DocumentName"] == "Eins" and data["Sentences"] == SENTENCES
    assert data["Annotations"] == [annotation(ids(1, 0, 1, 2, 3, 4, 5, 6, 7), cue=["1:9"], source=["1:10"], frame=ids(1, 8, 9, 10), form="Direct")]
    # the written predictions score against a gold file with the same sentences
    gold_dir = tmp_path / "gold"
    write(gold_dir, "eins.json", article([DIRECT]))
    assert spkatt.score_dirs(gold_dir, out_dir)["full"]["Joint"]["f1"] == 1.0


def test_predict_dir_errors_are_clear(tmp_path, blank_pipeline):
    cfg, _ = config()
    with pytest.raises(runner.StageError, match="input directory .* not found"):
        spkatt.predict_dir(tmp_path / "nope", tmp_path / "out", cfg)
    (tmp_path / "empty").mkdir()
    with pytest.raises(runner.StageError, match="no .json files"):
        spkatt.predict_dir(tmp_path / "empty", tmp_path / "out", cfg)
    in_dir = tmp_path / "in"
    write(in_dir, "ok.json", article([]))
    with pytest.raises(runner.StageError, match="must differ"):
        spkatt.predict_dir(in_dir, in_dir, cfg)
    strict, _ = config(strict=True)  # --strict: the first invalid file stops the run before anything is written
    write(in_dir, "kaputt.json", '{"Sentences": [{"SentenceId": 0, "Tokens": ["a"]}')
    with pytest.raises(ValueError, match="kaputt.json: not valid JSON"):
        spkatt.predict_dir(in_dir, tmp_path / "out", strict)
    write(in_dir, "kaputt.json", {"Sentences": [{"SentenceId": 0, "Tokens": "a b"}]})
    with pytest.raises(ValueError, match=r"kaputt.json: Sentences\[0\] has no 'Tokens' list"):
        spkatt.predict_dir(in_dir, tmp_path / "out", strict)
    assert not (tmp_path / "out").exists()  # validated before anything is written
    (in_dir / "ok.json").unlink()
    with pytest.raises(runner.StageError, match="no valid SpkAtt file"):
        spkatt.predict_dir(in_dir, tmp_path / "out", cfg)
    assert not (tmp_path / "out").exists()


def _pipeline_never_loaded(cfg, components=()):
    raise AssertionError("the model was loaded before every file was validated")


@pytest.mark.parametrize(
    "content, problem",
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"Sentences": [{"SentenceId": 0, "Tokens": ["Er", "sagte", "\\ud800", "."]}]}', r"Sentences\[0\]\.Tokens\[2\] contains a lone surrogate"),
        ('{"DocumentName": "\\udce9", "Sentences": []}', "DocumentName contains a lone surrogate"),
        ('{"DocumentName": 7, "Sentences": []}', "'DocumentName' must be a string"),
        ('{"Sentences": [{"SentenceId": 0, "Tokens": ["a", 5]}]}', "token that is not a string"),
        ('{"Sentences": [{"SentenceId": 0, "Tokens": [["a"]]}]}', "token that is not a string"),
        ('{"Sentences": [{"SentenceId": 0, "Tokens": ["a"], "x": [[[[[[[[1]]]]]]]]}]}', "nested too deeply"),
    ],
)
def test_every_invalid_file_is_found_before_the_model_is_loaded(tmp_path, monkeypatch, content, problem):
    in_dir = tmp_path / "in"
    write(in_dir, "kaputt.json", content)
    cfg, _ = config(strict=True)
    monkeypatch.setattr(runner, "load_pipeline", _pipeline_never_loaded)
    with pytest.raises(ValueError, match=f"kaputt.json: .*{problem}"):
        spkatt.predict_dir(in_dir, tmp_path / "out", cfg)


def test_invalid_files_are_left_out_and_the_good_ones_predicted(tmp_path, blank_pipeline):
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    write(in_dir, "gut.json", article([]))
    write(in_dir, "tief.json", "[" * 100_000 + "]" * 100_000)
    write(in_dir, "surrogat.json", '{"Sentences": [{"SentenceId": 0, "Tokens": ["\\ud800"]}]}')
    cfg, warnings = config()
    summary = spkatt.predict_dir(in_dir, out_dir, cfg)
    assert [p.name for p in out_dir.iterdir()] == ["gut.json"]
    assert sorted(summary.failed) == ["surrogat.json", "tief.json"] and summary.written == 1
    assert any("tief.json" in w and "nested too deeply" in w for w in warnings)
    assert any("surrogat.json" in w and "lone surrogate" in w for w in warnings)


def test_a_batch_failure_loses_only_the_article_that_causes_it(tmp_path, blank_pipeline, monkeypatch):
    """A MemoryError for the batch: each article is retried alone; only the one failing alone is lost."""
    original = claims_component.extract_claims

    def extract(doc):
        if "Riesig" in doc.text:
            raise MemoryError("Unable to allocate 19.0 GiB")
        return original(doc)

    monkeypatch.setattr(claims_component, "extract_claims", extract)
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    write(in_dir, "a.json", article([]))
    write(in_dir, "b.json", article([], sentences=[{"SentenceId": 0, "Tokens": ["Riesig", "."]}]))
    write(in_dir, "c.json", article([]))
    cfg, warnings = config()
    summary = spkatt.predict_dir(in_dir, out_dir, cfg)
    assert sorted(p.name for p in out_dir.iterdir()) == ["a.json", "c.json"]
    assert summary.failed == ["b.json"]
    assert any("b.json" in w and "MemoryError" in w for w in warnings)


def test_cli_exit_code_says_the_predict_run_was_partial(tmp_path, blank_pipeline):
    from typer.testing import CliRunner

    from cli import PARTIAL_EXIT_CODE, app

    in_dir = tmp_path / "in"
    write(in_dir, "gut.json", article([]))
    write(in_dir, "kaputt.json", '{"Sentences": [{"SentenceId": 0, "Tokens": ["\\ud800"]}]}')
    result = CliRunner().invoke(app, ["spkatt", "predict", str(in_dir), str(tmp_path / "out"), "-q"])
    assert result.exit_code == PARTIAL_EXIT_CODE, result.output
    assert (tmp_path / "out" / "gut.json").exists()


def test_predict_dir_with_a_statistical_parser_keeps_the_given_sentences(tmp_path, monkeypatch):
    """A (tiny, untrained) compiled parser: spaCy 3.8 cannot give it an error handler, and it must not re-split."""
    import spacy

    def tiny_pipeline(cfg, components=()):
        nlp = spacy.blank("de")
        parser = nlp.add_pipe("parser")
        for label in ("nsubj", "ccomp", "punct"):
            parser.add_label(label)
        nlp.initialize()
        for name in components:
            nlp.add_pipe(name)
        return nlp, ModelChoice("tiny", "tiny", "custom", False)

    monkeypatch.setattr(runner, "load_pipeline", tiny_pipeline)
    in_dir = tmp_path / "in"
    write(in_dir, "eins.json", article([], name="Eins"))
    summary = spkatt.predict_dir(in_dir, tmp_path / "out", config()[0])
    assert (summary.written, summary.failed, summary.sentence_boundaries_changed) == (1, [], 0)
    assert json.loads((tmp_path / "out" / "eins.json").read_text(encoding="utf-8"))["Sentences"] == SENTENCES


def test_predict_dir_with_the_real_claim_stage_on_a_blank_pipeline(tmp_path, blank_pipeline):
    sentences = [
        {"SentenceId": 0, "Tokens": ["Der", "Streik", "geht", "weiter", "."]},
        {"SentenceId": 1, "Tokens": ["„", "Wir", "werden", "nicht", "nachgeben", "“", ",", "sagte", "die", "Gewerkschaftschefin", "am", "Montag", "."]},
        {"SentenceId": 2, "Tokens": ["Sie", "betonte", ",", "die", "Löhne", "müssten", "steigen", "."]},
    ]
    write(tmp_path / "in", "streik.json", {"DocumentName": "Streik", "Sentences": sentences})
    spkatt.predict_dir(tmp_path / "in", tmp_path / "out", config()[0])
    predicted = json.loads((tmp_path / "out" / "streik.json").read_text(encoding="utf-8"))["Annotations"]
    by_form = {a["Form"]: a for a in predicted}
    assert by_form["Direct"]["Message"] == ids(1, 0, 1, 2, 3, 4, 5) and "1:7" in by_form["Direct"]["Cue"]
    assert "1:9" in by_form["Direct"]["Source"]
    assert by_form["Indirect"]["Message"] == ids(2, 3, 4, 5, 6) and by_form["Indirect"]["Cue"] == ["2:1"]
    gold = [
        annotation(ids(1, 0, 1, 2, 3, 4, 5), cue=["1:7"], source=ids(1, 8, 9), frame=ids(1, 6, 7, 8, 9, 10, 11), form="Direct"),
        annotation(ids(2, 3, 4, 5, 6), cue=["2:1"], source=["2:0"], frame=ids(2, 0, 1, 2)),
    ]
    write(tmp_path / "gold", "streik.json", article(gold, sentences=sentences))
    assert spkatt.score_dirs(tmp_path / "gold", tmp_path / "out")["full"]["Messages"]["f1"] == 1.0
