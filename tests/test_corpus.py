"""Cross-document post-pass (pipeline/output/corpus.py): the name key, speakers.csv and quote clusters."""

from __future__ import annotations

import csv
import json

import pytest

from pipeline.entities.identity import fold_name, global_id
from pipeline.output.corpus import MIN_WORDS, SIMILARITY, corpus_rows, message_words
from pipeline.load import check_tables, claims_with_speakers_and_figures, load
from pipeline.run.runner import write_corpus_tables
from pipeline.output.schema import QUOTE_CLUSTERS, SPEAKERS
from tests.tables_fixture import FACH, PARIS, write_tables


# --------------------------------------------------------------------------- folding


@pytest.mark.parametrize(
    ("a", "b"),
    [("Köhn", "Kohn"), ("Müller", "Muller"), ("Bär", "Bar"), ("Schröder", "Schroder")],
)
def test_umlaut_names_do_not_merge_with_their_plain_vowel_twins(a, b):
    assert global_id("PER", a) != global_id("PER", b)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Marina Köhn", "per:marina-koehn"),
        ("Marina Koehn", "per:marina-koehn"),  # the usual transliteration is the same person
        ("Marina Ko\u0308hn", "per:marina-koehn"),  # decomposed ö (o + combining diaeresis)
        ("Außendorf", "per:aussendorf"),
        ("AUẞENDORF", "per:aussendorf"),
        ("António Guterres", "per:antonio-guterres"),
        ("Łukasz Pawłowski", "per:lukasz-pawlowski"),
        ("Søren Kierkegaard", "per:soeren-kierkegaard"),
        ("J.D. Vance", "per:j-d-vance"),
    ],
)
def test_global_id_folds_german_letters_consistently(name, key):
    assert global_id("PER", name) == key


def test_fold_name_is_ascii_and_idempotent():
    for name in ("Gülsah Çelik", "Ærø", "Đoković", "Þór", "Straße"):
        folded = fold_name(name)
        assert folded.isascii() and fold_name(folded) == folded


def test_entity_component_uses_the_corrected_key():
    import spacy

    nlp = spacy.blank("de")
    nlp.add_pipe("claimgraph_entities")
    nlp.initialize()
    doc = nlp("Die Ministerin Marina Köhn sagte am Montag in Berlin, die Europäische Union müsse handeln.")
    keys = {e.canonical_name: e.global_id for e in doc._.entities}
    assert keys["Marina Köhn"] == "per:marina-koehn"
    assert keys["Europäische Union"] == "org:europaeische-union"


# --------------------------------------------------------------------------- rows


def _claim(doc, n, text, *, entity=None, name=None, speaker="", resolution="explicit", start=0):
    return {
        "doc_id": doc, "claim_id": f"{doc}:C{n}", "claim_text": text, "start_char": start,
        "speaker_entity_id": entity, "speaker_name": name, "speaker_text": speaker or name, "speaker_resolution": resolution,
    }


def _entity(doc, n, name, label="PER", roles=(), affiliation=()):
    return {"doc_id": doc, "entity_id": f"{doc}:E{n}", "label": label, "canonical_name": name,
            "roles": " | ".join(roles) or None, "affiliation": " | ".join(affiliation) or None, "global_id": global_id(label, name)}


AGENCY = "Die Bundesregierung wird die Förderung für Wärmepumpen im kommenden Jahr deutlich aufstocken"
# The reprint drops one word ("deutlich") and changes nothing else: Jaccard 12/13 >= 0.8.
REPRINT = "Die Bundesregierung wird die Förderung für Wärmepumpen im kommenden Jahr aufstocken"
OTHER = "Die Opposition hält die Pläne der Bundesregierung für unbezahlbar und sozial ungerecht"


def _corpus():
    entities = [
        _entity("a", 1, "Klara Geywitz", roles=("Bauministerin",), affiliation=("SPD",)),
        _entity("b", 1, "Klara Geywitz", roles=("Ministerin",)),
        _entity("c", 1, "Klara Geywitz"),
        _entity("c", 2, "Marina Köhn"),
        _entity("d", 1, "Marina Kohn"),
        _entity("d", 2, "Umweltbundesamt", label="ORG"),
    ]
    claims = [
        _claim("a", 1, AGENCY, entity="a:E1", name="Klara Geywitz"),
        _claim("b", 1, REPRINT, entity="b:E1", name="Klara Geywitz"),
        _claim("c", 1, OTHER, entity="c:E1", name="Klara Geywitz"),
        # the same words from someone else are a different quote
        _claim("c", 2, AGENCY, entity="c:E2", name="Marina Köhn", start=200),
        _claim("d", 1, AGENCY, entity="d:E1", name="Marina Kohn"),
        _claim("d", 2, "Wir brauchen mehr Messstationen in den Städten", entity="d:E2", name="Umweltbundesamt", start=100),
        _claim("d", 3, "die Lage sei ernst", speaker="rund 60 Staaten", resolution="group", start=300),
        _claim("a", 2, "die Lage sei ernst", speaker="rund 60 Staaten", resolution="group", start=300),
        _claim("a", 3, "Das reicht nicht", speaker="sie", resolution="pronoun", start=400),
        _claim("b", 2, "Das reicht nicht", resolution="unattributed", start=400),
    ]
    return claims, entities


def test_reprinted_quote_of_the_same_speaker_is_one_cluster_counted_once():
    claims, entities = _corpus()
    speakers, clusters = corpus_rows(claims, entities, {"a": "2025-03-01", "b": "2025-02-01", "c": "2025-03-05", "d": "2025-01-01"})
    cluster = {r["claim_id"]: r for r in clusters}
    assert len(clusters) == len(claims)
    # earliest document first: b (February) before a (March)
    assert cluster["a:C1"]["quote_cluster_id"] == cluster["b:C1"]["quote_cluster_id"] == "b:C1"
    assert cluster["a:C1"]["cluster_size"] == 2 and cluster["a:C1"]["cluster_documents"] == 2
    assert cluster["c:C1"]["quote_cluster_id"] == "c:C1" and cluster["c:C1"]["cluster_size"] == 1
    # same message, different speakers (and Köhn is not Kohn)
    assert len({cluster[c]["quote_cluster_id"] for c in ("a:C1", "c:C2", "d:C1")}) == 3
    # groups cluster by their words; pronouns without referent and unattributed claims never do
    assert cluster["a:C2"]["quote_cluster_id"] == cluster["d:C3"]["quote_cluster_id"] == "d:C3"
    assert cluster["a:C3"]["speaker_global_id"] is None and cluster["a:C3"]["quote_cluster_id"] == "a:C3"
    assert cluster["b:C2"]["quote_cluster_id"] == "b:C2"

    by_id = {r["global_id"]: r for r in speakers}
    geywitz = by_id["per:klara-geywitz"]
    assert (geywitz["n_claims"], geywitz["n_quotes"], geywitz["n_documents"]) == (3, 2, 3)
    assert geywitz["kind"] == "person" and geywitz["roles"] == "Bauministerin | Ministerin" and geywitz["affiliations"] == "SPD"
    assert by_id["per:marina-koehn"]["name"] == "Marina Köhn" and by_id["per:marina-kohn"]["name"] == "Marina Kohn"
    assert by_id["org:umweltbundesamt"]["kind"] == "organisation"
    group = by_id["group:rund-60-staaten"]
    assert group["kind"] == "group" and group["label"] is None and group["n_documents"] == 2 and group["n_quotes"] == 1
    assert [r["global_id"] for r in speakers][0] == "per:klara-geywitz"  # most claims first


def test_similarity_rule_threshold_and_short_messages():
    assert SIMILARITY == 0.8 and MIN_WORDS == 4
    entities = [_entity(d, 1, "Fatih Birol") for d in "xyz"]
    base = "Die Nachfrage nach Strom wird bis zum Ende des Jahrzehnts stark steigen"
    half = "Die Nachfrage nach Strom wird steigen"  # Jaccard 6/13: a different statement
    claims = [
        _claim("x", 1, base, entity="x:E1", name="Fatih Birol"),
        _claim("y", 1, half, entity="y:E1", name="Fatih Birol"),
        _claim("x", 2, "Ja, genau", entity="x:E1", name="Fatih Birol", start=100),
        _claim("y", 2, "Ja genau!", entity="y:E1", name="Fatih Birol", start=100),
        _claim("z", 1, "Nein, genau", entity="z:E1", name="Fatih Birol"),
    ]
    _, clusters = corpus_rows(claims, entities)
    cluster = {r["claim_id"]: r["quote_cluster_id"] for r in clusters}
    assert cluster["x:C1"] != cluster["y:C1"]
    assert cluster["x:C2"] == cluster["y:C2"] != cluster["z:C1"]  # short: identical words only
    assert message_words("Ja, genau") == message_words("ja genau!")


def test_claims_in_the_same_document_are_not_merged_but_links_are_transitive():
    entities = [_entity(d, 1, "Fatih Birol") for d in "pqr"]
    words = "eins zwei drei vier fünf sechs sieben acht neun zehn".split()
    a = " ".join(words)
    b = " ".join(words[:9] + ["elf"])  # a~b: 9/11
    c = " ".join(words[:8] + ["elf", "zwölf"])  # b~c: 9/11, a~c: 8/12 < 0.8
    claims = [
        _claim("p", 1, a, entity="p:E1", name="Fatih Birol"),
        _claim("p", 2, a, entity="p:E1", name="Fatih Birol", start=50),  # repeated within one document
        _claim("q", 1, b, entity="q:E1", name="Fatih Birol"),
        _claim("r", 1, c, entity="r:E1", name="Fatih Birol"),
    ]
    _, clusters = corpus_rows(claims, entities)
    cluster = {r["claim_id"]: r for r in clusters}
    assert cluster["p:C1"]["quote_cluster_id"] == cluster["q:C1"]["quote_cluster_id"] == cluster["r:C1"]["quote_cluster_id"] == "p:C1"
    # p:C2 reaches the cluster through q (different document), not through p:C1
    assert cluster["p:C2"]["quote_cluster_id"] == "p:C1" and cluster["p:C1"]["cluster_size"] == 4


def test_many_claims_of_one_speaker_cluster_fast_enough_to_finish():
    """Prefix filtering must not degrade to all pairs; 3,000 claims of one speaker must stay correct."""
    entities = [_entity(f"d{i}", 1, "Olaf Scholz") for i in range(1000)]
    claims = []
    for i in range(1000):
        for k in range(3):
            claims.append(_claim(f"d{i}", k, f"Aussage {k} zum Thema {i % 250} mit Wort{i % 250} und Ergänzung{k}", entity=f"d{i}:E1", name="Olaf Scholz", start=k * 100))
    speakers, clusters = corpus_rows(claims, entities)
    # every (k, i % 250) message appears in 4 documents: 750 distinct quotes
    assert speakers[0]["n_claims"] == 3000 and speakers[0]["n_quotes"] == 750
    assert {r["cluster_documents"] for r in clusters} == {4}


# --------------------------------------------------------------------------- files and loader


def test_write_corpus_tables_and_loader(tmp_path):
    out = write_tables(tmp_path / "processed")
    derived = load(out)  # a run without the files: derived on load
    assert not (out / "speakers.csv").exists()
    counts = write_corpus_tables(out)
    assert counts == {"speakers": len(derived.speakers), "quote_clusters": 6}
    with open(out / "speakers.csv", encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == SPEAKERS.column_names
    with open(out / "quote_clusters.csv", encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == QUOTE_CLUSTERS.column_names
    tables = load(out)
    assert check_tables(tables) == []
    for name in ("speakers", "quote_clusters"):
        assert tables[name].astype(str).equals(derived[name].astype(str))
    kinds = dict(zip(tables.speakers["name"], tables.speakers["kind"]))
    assert kinds["Beobachtern"] == "group" and kinds["J.D. Vance"] == "person" and kinds["Marina Köhn"] == "person"
    assert str(tables.speakers["n_claims"].dtype) == "Int64" and str(tables.speakers["kind"].dtype) == "category"
    joined = claims_with_speakers_and_figures(tables)
    assert joined.set_index("claim_id").loc[f"{FACH}:C1", "quote_cluster_id"] == f"{FACH}:C1"
    assert joined["quote_cluster_id"].notna().all() and (joined["cluster_size"] == 1).all()
    assert f"{PARIS}:C5" in set(tables.quote_clusters["claim_id"])


def test_an_extract_run_writes_both_tables_consistent_with_its_entities_and_claims(tmp_path):
    """The runner's post-pass: the files of a real run equal what the loader would derive."""
    from pipeline.load import corpus_frames
    from tests.sample_run import copy_outputs

    out = copy_outputs(tmp_path / "processed")
    assert (out / "speakers.csv").exists() and (out / "quote_clusters.csv").exists()
    tables = load(out)
    derived = corpus_frames(tables.frames)
    for name in ("speakers", "quote_clusters"):
        assert tables[name].astype(str).equals(derived[name].astype(str)), name
    assert len(tables.quote_clusters) == len(tables.claims) and check_tables(tables) == []
    manifest_counts = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["tables"]
    assert manifest_counts["claims"] == len(tables.claims)
    kinds = set(tables.speakers["kind"].astype(str))
    assert "person" in kinds and kinds <= {"person", "organisation", "place", "other", "group", "unlinked"}
