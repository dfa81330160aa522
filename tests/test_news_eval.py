"""The real-news claims evaluation (pipeline/evaluation/news.py): corpus checks, speaker and span matching."""

import json

import pytest

from pipeline.evaluation import news


def _write(tmp_path, rows):
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


TEXT = "Berlin (dpa) - „Wir sind vorbereitet“, sagte Weber. Das sei aber kein Grund zur Entwarnung."


def _doc(**claim):
    base = {"message": "„Wir sind vorbereitet“", "start": 15, "end": 37, "speaker": "Lena Weber",
            "accept": ["Lena Weber", "Weber"], "form": "direct", "cue": "sagen", "ref": "alias"}
    base.update(claim)
    return {"id": "x1", "split": "dev", "kind": "agency", "url": "", "text": TEXT, "claims": [base]}


def test_corpus_of_the_project_loads_with_both_splits():
    docs = news.load_corpus()
    assert len(docs) >= 40
    assert {d.split for d in docs} == {"dev", "test"}
    assert all(d.text[c.start:c.end] == c.message for d in docs for c in d.claims)


@pytest.mark.parametrize("split", ["test2", "test3", "test4"])
def test_unseen_parts_load_from_their_own_files_and_stay_out_of_all(split):
    docs = news.load_corpus(news.UNSEEN_CORPORA[split])
    assert len(docs) >= 20 and {d.split for d in docs} == {split}
    assert sum(len(d.claims) for d in docs) >= 100
    seen_urls = {d.url for d in news.load_corpus()}
    assert not seen_urls & {d.url for d in docs}
    with pytest.raises(ValueError):
        # an unregistered split name: raises before anything is loaded or run (test9 is registered since it exists,
        # and must never be run by a test)
        news.report(split="test99")


def _site(url):
    host = url.split("//", 1)[-1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].lower()
    # a fully qualified name may end in a dot ("wz.de." is wz.de), before or without a port
    name, colon, port = host.partition(":")
    host = name.rstrip(".") + colon + port
    return host[4:] if host.startswith("www.") else host


def test_site_names_are_normalised_before_comparison():
    assert _site("https://www.wz.de./x") == "wz.de"
    assert _site("http://wz.de.:8080/x") == "wz.de:8080"
    assert _site("https://WWW.WZ.DE/x") == "wz.de"
    assert _site("https://www.wz.de?page=2") == "wz.de"  # a query right after the host is no part of it
    assert _registered_domain("https://www.lokales.wz.de./x") == "wz.de"
    assert _registered_domain("https://www.parlament.gv.at.:443/x") == "parlament.gv.at"


def test_the_fifth_unseen_part_loads_from_its_own_file_and_stays_out_of_all():
    docs = news.load_corpus(news.TEST5_CORPUS)
    assert len(docs) >= 15 and {d.split for d in docs} == {"test5"}
    assert sum(len(d.claims) for d in docs) >= 50
    assert not {d.url for d in news.load_corpus()} & {d.url for d in docs}


def test_the_sixth_unseen_part_loads_from_its_own_file_and_stays_out_of_all():
    docs = news.load_corpus(news.TEST6_CORPUS)
    assert len(docs) >= 30 and {d.split for d in docs} == {"test6"}
    assert sum(len(d.claims) for d in docs) >= 120
    assert not {d.url for d in news.load_corpus()} & {d.url for d in docs}


def test_the_seventh_unseen_part_loads_from_its_own_file_and_stays_out_of_all():
    docs = news.load_corpus(news.TEST7_CORPUS)
    assert len(docs) >= 25 and {d.split for d in docs} == {"test7"}
    assert sum(len(d.claims) for d in docs) >= 100
    assert not {d.url for d in news.load_corpus()} & {d.url for d in docs}


def test_the_eighth_unseen_part_loads_from_its_own_file_and_stays_out_of_all():
    docs = news.load_corpus(news.TEST8_CORPUS)
    assert len(docs) >= 40 and {d.split for d in docs} == {"test8"}
    assert sum(len(d.claims) for d in docs) >= 150
    assert not {d.url for d in news.load_corpus()} & {d.url for d in docs}
    assert "test8" in news.UNSEEN_CORPORA and "test8" in news.SPLITS


# split -> (corpus, minimum pages, minimum claims); test10 was completed on 2026-12-04 evening (56 pages, 197 claims),
# test11 on 2026-12-07 (48 pages, 144 claims), test12 on 2026-12-07 (44 pages, 191 claims), test13 on 2026-12-08
# (36 pages, 114 claims); the minimums are floored to the nearest 5
NEWEST_PARTS = {"test9": (news.TEST9_CORPUS, 40, 140), "test10": (news.TEST10_CORPUS, 55, 195),
                "test11": (news.TEST11_CORPUS, 45, 140), "test12": (news.TEST12_CORPUS, 40, 190),
                "test13": (news.TEST13_CORPUS, 35, 110)}


@pytest.mark.parametrize("split", sorted(NEWEST_PARTS))
def test_the_newest_unseen_parts_load_from_their_own_files_and_stay_out_of_all(split):
    corpus, min_pages, min_claims = NEWEST_PARTS[split]
    docs = news.load_corpus(corpus)
    assert len(docs) >= min_pages and {d.split for d in docs} == {split}
    assert sum(len(d.claims) for d in docs) >= min_claims
    assert not {d.url for d in news.load_corpus()} & {d.url for d in docs}
    assert split in news.UNSEEN_CORPORA and split in news.SPLITS
    assert len({d.id for d in docs}) == len(docs)


@pytest.mark.parametrize("split", ["test8", "test9", "test10", "test11", "test12", "test13"])
def test_gold_messages_of_the_newest_parts_do_not_overlap(split):
    for doc in news.load_corpus(news.UNSEEN_CORPORA[split]):
        spans = sorted((c.start, c.end) for c in doc.claims)
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:])), doc.id


@pytest.mark.parametrize("newest", ["test5", "test6", "test7", "test8", "test9", "test10", "test11",
                                    "test12", "test13"])
def test_the_newest_unseen_parts_come_from_sites_in_no_other_part(newest):
    others = news.load_corpus() + [d for split, path in news.UNSEEN_CORPORA.items() if split != newest
                                    for d in news.load_corpus(path)]
    new_sites = {_site(d.url) for d in news.load_corpus(news.UNSEEN_CORPORA[newest])}
    assert not new_sites & {_site(d.url) for d in others}


def _registered_domain(url):
    labels = _site(url).split(":", 1)[0].split(".")
    # second-level registries such as gv.at, co.uk, com.au keep three labels
    keep = 3 if len(labels) >= 3 and labels[-2] in {"ac", "co", "com", "gv", "net", "or", "org"} else 2
    return ".".join(labels[-keep:])


@pytest.mark.parametrize("newest", ["test7", "test8", "test9", "test10", "test11", "test12", "test13"])
def test_the_newest_unseen_parts_share_no_registered_domain_with_another_part(newest):
    others = news.load_corpus() + [d for split, path in news.UNSEEN_CORPORA.items() if split != newest
                                    for d in news.load_corpus(path)]
    assert _registered_domain("https://www.zeitung.suedostschweiz.ch/x") == "suedostschweiz.ch"
    assert _registered_domain("https://www.parlament.gv.at/x") == "parlament.gv.at"
    new = {_registered_domain(d.url) for d in news.load_corpus(news.UNSEEN_CORPORA[newest])}
    assert not new & {_registered_domain(d.url) for d in others}


def test_offsets_that_do_not_point_at_the_message_are_rejected(tmp_path):
    path = _write(tmp_path, [{"comment": "x"}, _doc(start=14)])
    with pytest.raises(ValueError, match="claim 1: start/end"):
        news.load_corpus(path)


def test_unknown_form_and_reference_kind_are_rejected(tmp_path):
    with pytest.raises(ValueError, match="form 'quote'"):
        news.load_corpus(_write(tmp_path, [_doc(form="quote")]))
    with pytest.raises(ValueError, match="ref 'name'"):
        news.load_corpus(_write(tmp_path, [_doc(ref="name")]))


def test_speaker_names_match_token_wise_with_inflection_endings():
    assert news.names_speaker("der Präsident des Mieterbundes", ("Mieterbund",))
    assert news.names_speaker("Verdi-Chef Frank Werneke", ("Frank Werneke", "Werneke"))
    assert not news.names_speaker("der Kassenchef", ("Lena Weber", "Weber"))
    assert not news.names_speaker("Webereibesitzer", ("Weber",))
    assert not news.names_speaker(None, ("Weber",))


def test_scoring_finds_the_claim_checks_speaker_and_form_and_counts_spurious(tmp_path):
    doc = news.load_corpus(_write(tmp_path, [_doc()]))[0]
    quote = {"start": 15, "end": 37, "form": "direct", "text": "„Wir sind vorbereitet“", "speaker_text": "Weber",
             "speaker_name": "Lena Weber", "resolution": "alias", "cue": "sagen", "evidence": "quote_then_frame"}
    dateline = dict(quote, start=0, end=6, text="Berlin", form="reported")
    scores = news.Scores()
    news.score_document(doc, [quote, dateline], scores)
    (out,) = scores.outcomes
    assert out.found and out.speaker_ok and out.form_ok
    assert scores.predicted == 2 and scores.predicted_ok == 1 and "SPURIOUS" in scores.spurious[0]


def test_unlinked_description_is_not_the_right_speaker_and_mixed_counts_as_indirect(tmp_path):
    doc = news.load_corpus(_write(tmp_path, [_doc(form="indirect")]))[0]
    pred = {"start": 15, "end": 37, "form": "mixed", "text": "", "speaker_text": "der Kassenchef", "speaker_name": None,
            "resolution": "description", "cue": "sagen", "evidence": ""}
    scores = news.Scores()
    news.score_document(doc, [pred], scores)
    (out,) = scores.outcomes
    assert out.found and out.form_ok and not out.speaker_ok
    assert "SPEAKER" in news.format_scores("t", scores)


def _perfect_predictions(nlp, doc):
    """A stand-in for the pipeline: every gold claim predicted with its own span, speaker and form."""
    return [{"start": c.start, "end": c.end, "form": c.form, "text": c.message, "speaker_text": c.speaker,
             "speaker_name": c.speaker, "resolution": "explicit", "cue": c.cue, "evidence": "gold"}
            for c in doc.claims]


def test_development_split_scores_every_measured_part_and_leaves_out_the_waiting_ones(monkeypatch):
    waiting = news.SPLITS[-1]
    monkeypatch.setattr(news, "NOT_YET_MEASURED", (waiting,))
    monkeypatch.setattr(news, "load_nlp", lambda: (None, "stand-in"))
    monkeypatch.setattr(news, "predict", _perfect_predictions)
    out = news.report(split="development", show_errors=True)
    rows = {line.split()[0]: line for line in out.splitlines()[3:] if line and line.split()[0] in news.SPLITS + ("ALL",)}
    assert set(rows) == set(news.development_parts()) | {"ALL"} and waiting not in rows
    assert f"not included (registered, not yet measured): {waiting}" in out
    expected = sum(len(d.claims) for s in news.development_parts()
                   for d in news.load_corpus(news.UNSEEN_CORPORA.get(s)) if d.split == s)
    assert rows["ALL"].split()[1] == str(expected) and f"({expected}/{expected})" in rows["ALL"]
    # each part's errors under its own heading (ids repeat across parts); perfect spans: nothing missed or spurious
    assert all(f"errors of part {s}:" in out for s in news.development_parts())
    assert "MISSED" not in out and "SPURIOUS" not in out

def test_development_split_takes_no_foreign_corpus(tmp_path):
    with pytest.raises(ValueError, match="takes no --corpus"):
        news.report(tmp_path / "other.jsonl", split="development")


def test_parts_waiting_for_their_measurement_are_registered_parts():
    assert set(news.NOT_YET_MEASURED) <= set(news.SPLITS) and set(news.NOT_YET_MEASURED) <= set(news.UNSEEN_CORPORA)
    assert not set(news.NOT_YET_MEASURED) & set(news.development_parts())
