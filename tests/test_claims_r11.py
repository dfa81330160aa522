"""Eleventh real-news round (issue 19): classes that recur across the parts of the real-news set.

- a cue clause in Konjunktiv I is itself reported ("Mit dem Angebot habe die Bahn bewiesen, dass …"), so it continues
  the report before it instead of making its subject a speaker;
- "nach" closing a main clause after its full verb is a separable particle ("gehen … Hinweisen nach"), no source;
- a separable reporting verb the tagger reads as an adjective frames a quote when its particle closes the sentence
  ("…, teilten Polizei und Staatsanwaltschaft mit.");
- ",," typed for an opening quotation mark, closed by '' or “;
- a quotation that ends with its own full stop, then the frame (",“, das erklärte X"): no sentence starts with a comma;
- impersonal frames pointing to a document ("heißt es in einer Mitteilung der Polizei", "heißt es darin").

All sentences are written for these tests (realistic agency and regional German; fictional people). None of the new
rules reads dependency labels (they read word forms, tags, morphology, entity mentions and sentence boundaries), so
they are checked with the project's pipeline (``project_nlp``) and, where they are text functions, on a blank
pipeline too.
"""

from __future__ import annotations

import spacy

from pipeline.layer.quotes import find_quotes
from pipeline.layer.sentences import sentence_bounds
from pipeline.nlp.tokenizer_rules import split_markdown_links


def _claim_at(doc, words: str):
    hits = [c for c in doc._.claims if not c.is_nested and words in c.claim_text]
    assert hits, [(c.claim_text, c.speaker_text) for c in doc._.claims]
    return hits[0]


def _blank():
    nlp = spacy.blank("de")
    split_markdown_links(nlp)
    return nlp


# --------------------------------------------------------------------------- Konjunktiv cue clauses


def test_a_weak_cue_verb_in_konjunktiv_continues_the_speaker_before(project_nlp):
    doc = project_nlp("Gewerkschaftschef Claus Berger sprach von einer „Arroganz der Macht“ in der Konzernspitze. "
                      "Mit dem dritten Angebot habe die Bahn erneut bewiesen, dass sie ihren Kurs unbeirrt fortsetze.")
    claim = _claim_at(doc, "Mit dem dritten Angebot")
    assert claim.form == "free_indirect"
    assert claim.speaker_name == "Claus Berger" and claim.speaker_resolution == "continuation"
    assert "konjunktiv_cue_clause" in claim.evidence
    assert claim.claim_text.startswith("Mit dem dritten Angebot habe die Bahn")  # the whole sentence


def test_a_thinking_verb_of_a_thing_in_konjunktiv_is_part_of_the_continuation(project_nlp):
    doc = project_nlp("Der Hersteller Kamerawerk Lindner hat alle Besitzer der Kamera aufgerufen, die Software zu "
                      "aktualisieren. Die derzeitige Software der Kamera erkenne nicht, ob Akkus eingelegt seien.")
    claim = _claim_at(doc, "Die derzeitige Software")
    assert claim.form == "free_indirect"
    assert "Kamerawerk Lindner" in (claim.speaker_name or claim.speaker_text)


def test_a_reported_event_in_konjunktiv_continues_the_speaker_before(project_nlp):
    doc = project_nlp("Die Gewerkschaft Metall Nord bemängelte am Montag eine fehlende Mitbestimmung. "
                      "Statt den Betriebsrat zu informieren, habe das Unternehmen mit der Insolvenz gedroht.")
    claim = _claim_at(doc, "mit der Insolvenz gedroht")
    if claim.form != "reported":  # the weak parser may miss the event; when it reads one, it is the continuation
        assert claim.form == "free_indirect"
        assert "Gewerkschaft" in (claim.speaker_name or claim.speaker_text)


def test_a_person_saying_something_in_konjunktiv_keeps_the_event(project_nlp):
    doc = project_nlp("Bürgermeisterin Karla Fenstermacher sprach von einem guten Jahr. "
                      "Der Landrat Holger Brandt habe betont, dass die Kreisumlage stabil bleibe.")
    claim = _claim_at(doc, "dass die Kreisumlage stabil bleibe")
    assert "konjunktiv_cue_clause" not in claim.evidence
    assert "Brandt" in (claim.speaker_name or claim.speaker_text)


def test_a_konjunktiv_cue_clause_without_a_report_before_is_not_made_a_continuation(project_nlp):
    doc = project_nlp("Die Lage im Hafen bleibt angespannt.\n\n"
                      "Die neue Software erkenne nicht, ob Akkus eingelegt seien.")
    assert not any("konjunktiv_cue_clause" in c.evidence for c in doc._.claims)


def test_a_konjunktiv_cue_clause_after_a_new_paragraph_is_not_made_a_continuation(project_nlp):
    doc = project_nlp("Gewerkschaftschef Claus Berger sprach von einer „Arroganz der Macht“.\n\n"
                      "Mit dem dritten Angebot habe die Bahn bewiesen, dass sie ihren Kurs fortsetze.")
    assert not any("konjunktiv_cue_clause" in c.evidence for c in doc._.claims)


# --------------------------------------------------------------------------- "nach" as a particle


def test_nach_closing_a_main_clause_is_a_particle_not_a_source(project_nlp):
    doc = project_nlp("Nach der Gewalttat in Albstadt gehen die Ermittler neuen Hinweisen nach.")
    assert not [c for c in doc._.claims if c.form == "according_to"]
    doc = project_nlp("Der Verein kam der Bitte der Stadt nach.")
    assert not [c for c in doc._.claims if c.form == "according_to"]


def test_nach_as_a_postposition_of_a_source_still_counts(project_nlp):
    doc = project_nlp("Seiner Meinung nach ist die Lage im Hafen ernst.")
    assert [c for c in doc._.claims if c.form == "according_to"]
    doc = project_nlp("Die Lage ist nach Angaben der Polizei ernst.")
    assert [c for c in doc._.claims if c.form == "according_to"]


# --------------------------------------------------------------------------- separable frame verbs


def test_a_separable_frame_verb_read_as_adjective_frames_when_its_particle_closes_the_sentence(project_nlp):
    doc = project_nlp("Nach der Gewalttat gehen die Ermittler Hinweisen nach. Er habe sich in stationärer "
                      "Behandlung befunden, teilten Polizei und Staatsanwaltschaft mit.")
    claim = _claim_at(doc, "in stationärer Behandlung befunden")
    assert claim.form == "indirect" and claim.speaker_text == "Polizei und Staatsanwaltschaft"
    assert claim.cue_lemma == "mitteilen"


def test_an_attributive_past_form_without_the_particle_is_no_frame(project_nlp):
    doc = project_nlp("Die Bauern protestierten, teilten Flugblätter aus und zogen weiter.")
    assert not [c for c in doc._.claims if c.cue_lemma == "mitteilen"]


# --------------------------------------------------------------------------- ",," as an opening mark


def test_double_comma_is_one_token_and_opens_a_quote_closed_by_two_apostrophes():
    for nlp in (_blank(),):
        doc = nlp(",,Nein, in meinem Büro bin ich nur zwei Stunden am Tag.''\nFrage 3:,, Wächst Ihnen das über den Kopf?''")
        words = [t.text for t in doc]
        assert words[0] == ",," and ",," in words[words.index(":") + 1:]
        quotes = find_quotes(doc)
        assert [(doc[q.start].text, doc[q.end].text, q.balanced) for q in quotes] == [(",,", "''", True), (",,", "''", True)]


def test_double_comma_closed_by_a_high_mark(project_nlp):
    doc = project_nlp("Peter Brenner sagte, ,,dass die Landrätin wieder gegen das Land wettert“. Dabei habe sich die "
                      "Kreisverwaltung nur einmal an das Land gewandt.")
    (quote,) = find_quotes(doc)
    assert doc[quote.start].text == ",," and doc[quote.end].text == "“" and quote.balanced
    claim = _claim_at(doc, "Kreisverwaltung nur einmal")
    assert claim.speaker_name == "Peter Brenner"


def test_double_comma_without_a_closing_mark_stays_two_commas():
    doc = _blank()("Das Ergebnis ist gut,, und die Stimmung auch. Es gab ,, keine Beschwerden.")
    assert find_quotes(doc) == []


def test_an_interviewer_label_with_a_number_makes_no_claim(project_nlp):
    doc = project_nlp("Unser Interview mit dem Oberbürgermeister\nFrage 1: ,,Sind Sie den ganzen Tag im Rathaus?''\n"
                      ",,Nein, in meinem Büro bin ich nur zwei Stunden, wegen vieler Termine in der Stadt.''\n")
    assert not any(c.speaker_text and c.speaker_text.startswith("Frage") for c in doc._.claims)
    assert not any("Sind Sie den ganzen Tag" in c.claim_text for c in doc._.claims)


# --------------------------------------------------------------------------- frame after a closed quotation


def test_no_sentence_starts_with_a_comma_after_a_quotation_ending_in_its_full_stop(project_nlp):
    text = ("„Am 15. Juli ist bei uns eine Beschwerde eingegangen. Mehr kann ich dazu nicht sagen.“, das erklärte "
            "Pressesprecherin Heidrun Falk auf Anfrage. Die Fraktion schweigt.")
    doc = project_nlp(text)
    starts = [doc[s].text for s, _ in sentence_bounds(doc)]
    assert "," not in starts
    claim = _claim_at(doc, "Mehr kann ich dazu nicht sagen")
    assert claim.form == "direct" and claim.speaker_name == "Heidrun Falk"


def test_das_before_the_frame_verb_after_a_quotation_is_not_the_speaker(project_nlp):
    doc = project_nlp("„Wir prüfen den Antrag sorgfältig“, das erklärte die Sprecherin des Landratsamts.")
    claim = _claim_at(doc, "Wir prüfen den Antrag")
    assert claim.speaker_text.startswith("die Sprecherin")


# --------------------------------------------------------------------------- documents in impersonal frames


def test_hiess_es_in_a_document_takes_its_genitive_author(project_nlp):
    doc = project_nlp("Die Lage an der Grenze habe sich verschlechtert, heißt es in einer Mitteilung der Bundespolizei.")
    claim = _claim_at(doc, "Die Lage an der Grenze")
    assert "Bundespolizei" in claim.speaker_text


def test_hiess_es_in_a_document_without_author_names_nobody_by_itself(project_nlp):
    doc = project_nlp("Die Lage an der Grenze habe sich verschlechtert, heißt es in einer Mitteilung.")
    claim = _claim_at(doc, "Die Lage an der Grenze")
    assert claim.speaker_text is None


def test_hiess_es_darin_is_the_author_named_the_sentence_before(project_nlp):
    doc = project_nlp("Bundeskanzler Karl Neubauer sieht in seinem Weihnachtsbrief große Herausforderungen. "
                      "Österreich habe aber bewiesen, ein krisenfestes Land zu sein, heißt es darin.")
    claim = _claim_at(doc, "ein krisenfestes Land zu sein")
    assert claim.speaker_name == "Karl Neubauer"
    assert any("author of the document" in e for e in claim.evidence)


def test_hiess_es_darin_after_a_sentence_naming_two_people_stays_unattributed(project_nlp):
    doc = project_nlp("Karl Neubauer und Anna Sommer haben einen gemeinsamen Brief geschrieben. "
                      "Österreich habe aber bewiesen, ein krisenfestes Land zu sein, heißt es darin.")
    claim = _claim_at(doc, "ein krisenfestes Land zu sein")
    assert claim.speaker_text is None


# --------------------------------------------------------------------------- inserted frame after a relative clause


def test_an_inserted_frame_after_a_relative_clause_frames_the_statement_before(project_nlp):
    doc = project_nlp("Das Amt des Präsidenten sei eine grosse Aufgabe, die er aber gern übernehme, sagte Urs Weidmann "
                      "in einer kurzen Rede.")
    claim = _claim_at(doc, "eine grosse Aufgabe")
    assert claim.form == "indirect" and claim.speaker_name == "Urs Weidmann"
    assert claim.claim_text.endswith("gern übernehme")


def test_a_relative_clause_after_the_subject_still_belongs_to_the_frame(project_nlp):
    doc = project_nlp("Der Minister, der gestern in Bern eintraf, sagte, die Lage sei ernst.")
    claim = _claim_at(doc, "die Lage sei ernst")
    assert claim.speaker_text.startswith("Der Minister")


def test_a_possessive_after_a_relative_clause_is_no_frame_verb(project_nlp):
    doc = project_nlp("Das ist der Auftrag, den wir zu erfüllen haben, meine Damen und Herren.")
    assert not [c for c in doc._.claims if c.cue_lemma == "meinen"]
