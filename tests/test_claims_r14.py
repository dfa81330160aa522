"""Fourteenth real-news round (issue 19): causes found in the errors of test10, fixed where they are general.

- a description of a woman by a nominalised adjective or participle ("die amtierende Ratsvorsitzende", "die
  Abgeordnete") has female gender, so it is never resolved to a man;
- a person named inside the claim's own message ("…, mit Rüdiger Schuch jemanden gewonnen zu haben“, so die
  Vorsitzende") is what the speaker talks about, not the speaker the description refers to.

All sentences are written for these tests (church, regional and agency German; fictional people). The rules read
word forms and entity mentions, no dependency labels.
"""

from __future__ import annotations

import pytest
import spacy

import pipeline.claims  # noqa: F401  (registers the components)

from pipeline.claims import salience


def _claim_at(doc, words: str):
    hits = [c for c in doc._.claims if not c.is_nested and words in c.claim_text]
    assert hits, [(c.claim_text, c.speaker_text) for c in doc._.claims]
    return hits[0]


# --------------------------------------------------------------------------- descriptions of women, names in the message


@pytest.mark.parametrize("phrase, gender", [
    ("die amtierende Ratsvorsitzende", "female"),
    ("die Abgeordnete", "female"),
    ("die Vorsitzende", "female"),
    ("die Abgeordneten", None),  # plural
    ("die Gäste", None),  # plural of a noun in -ste
    ("die Sprecherin", "female"),
    ("der Vorsitzende", "male"),
])
def test_gender_of_a_nominalised_adjective_description(phrase, gender):
    assert salience._gender_of_phrase(phrase.split()) == gender


def test_a_female_description_is_not_the_man_named_in_her_message(project_nlp):
    doc = project_nlp("Die Synode wählte am Samstag einen neuen Präsidenten. Die Vorsitzende des Kirchenkreises, "
                      "Bischöfin Hanna Lorenz, lobte die Wahl. „Mit Jonas Brandt haben wir jemanden gewonnen, der "
                      "zuhören kann“, so die amtierende Ratsvorsitzende.")
    claim = _claim_at(doc, "jemanden gewonnen")
    assert claim.speaker_text == "die amtierende Ratsvorsitzende"
    assert claim.speaker_name == "Hanna Lorenz" and "Jonas Brandt" not in ";".join(claim.evidence)


def test_a_female_description_takes_the_woman_named_before(project_nlp):
    doc = project_nlp("Die Synode eröffnete am Samstag Bischöfin Hanna Lorenz. „Wir müssen zuhören lernen“, so die "
                      "amtierende Ratsvorsitzende.")
    claim = _claim_at(doc, "zuhören lernen")
    assert claim.speaker_name == "Hanna Lorenz"


def test_a_female_description_is_never_a_man(project_nlp):
    doc = project_nlp("Die Synode eröffnete am Samstag Bischof Paul Weber. „Wir müssen zuhören lernen“, so die "
                      "amtierende Ratsvorsitzende.")
    claim = _claim_at(doc, "zuhören lernen")
    assert claim.speaker_name != "Paul Weber"


# --------------------------------------------------------------------------- a name with apposition in the Vorfeld


def test_a_name_with_apposition_before_the_auxiliary_is_the_subject(project_nlp):
    doc = project_nlp("Hannover (dpa) - Petra Winkler, Vorsitzende des Landeselternrats, hat eine aus ihrer Sicht "
                      "unzureichende Ausstattung der Schulen kritisiert.")
    claim = _claim_at(doc, "Ausstattung der Schulen")
    assert claim.form == "reported"
    assert claim.speaker_text.startswith("Petra Winkler")



def test_a_name_with_apposition_after_a_dateline_without_ner():
    blank_nlp = spacy.blank("de")
    blank_nlp.add_pipe("claimgraph_entities")
    blank_nlp.add_pipe("claimgraph_claims")
    doc = blank_nlp("Hannover (dpa) - Petra Winkler, Vorsitzende des Landeselternrats, hat eine aus ihrer Sicht "
                    "unzureichende Ausstattung der Schulen kritisiert.")
    hits = [c for c in doc._.claims if "Ausstattung der Schulen" in c.claim_text]
    assert all(not (c.speaker_text or "").startswith("eine") for c in hits)


# --------------------------------------------------------------------------- "Name, Rolle: "…"" in press releases


def test_a_name_and_apposition_label_before_a_colon_quote(project_nlp):
    doc = project_nlp('Die Gebühren steigen im Januar um fünf Prozent. Anna Berger, Sprecherin der Mieterinitiative: '
                      '"Die Stadt belastet damit vor allem Familien mit kleinem Einkommen."')
    claim = _claim_at(doc, "belastet damit")
    assert claim.form == "direct" and claim.speaker_text.startswith("Anna Berger")


def test_a_surname_label_after_a_paragraph_break(project_nlp):
    doc = project_nlp('Die Partei Neue Mitte hat ihre Liste vorgestellt.\n\nBerger: "Wir treten in allen Bezirken an '
                      'und wollen die Mehrheit im Rat."')
    claim = _claim_at(doc, "allen Bezirken")
    assert claim.form == "direct" and claim.speaker_text == "Berger"


def test_the_opening_mark_after_a_colon_opens_the_next_sentence(project_nlp):
    from pipeline.layer.sentences import sentence_bounds

    doc = project_nlp('Anna Berger, Sprecherin der Mieterinitiative: "Die Stadt belastet vor allem Familien."')
    for s, e in sentence_bounds(doc):
        assert doc[e - 1].text != '"' or e == len(doc)  # no sentence ends in the opening mark


def test_an_interviewer_question_after_its_label_is_no_claim(project_nlp):
    doc = project_nlp("Unser Gespräch mit der Bürgermeisterin\nFrage 1: ,,Sind Sie jeden Tag im Rathaus?''\n"
                      ",,Nein, ich bin oft draußen bei den Leuten, das gehört zu meiner Arbeit.''")
    assert not any("jeden Tag im Rathaus" in c.claim_text for c in doc._.claims)
