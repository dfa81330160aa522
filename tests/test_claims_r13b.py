"""Thirteenth real-news round, part B (issue 19): the speaker of found claims.

- a possessive or dative pronoun as the source of an according-to claim ("Seines Erachtens …", "nach ihren Worten",
  "Ihm zufolge …") is the speaker of the claim directly before it, when gender agrees and nobody else is named;
- a source noun that names no author ("Gemäss den bisherigen Erkenntnissen", "Nach derzeitigem Stand der
  Ermittlungen", "Der Mitteilung zufolge") has the author the text just gave: the source of the claim before, else
  the one organisation named in the sentence before;
- "laut eigenen Angaben" in a clause without a subject is the last salient speaker; a pronoun subject ("Sie ist
  nach eigenen Angaben …") is resolved like a speaker pronoun;
- coordinated speakers without a name ("Polizei und Staatsanwaltschaft") are one plural group, which a later "sie"
  refers to;
- an organisation class noun ("die Polizei") is no person description.

All sentences are written for these tests (agency and regional German; fictional people and firms). The new rules
read word forms, tags, morphology, entity mentions and sentence boundaries, no dependency labels; the coordination
reader is checked on hand-built Docs carrying a parse in both label schemes (UD and TIGER) to show that it does not
depend on it.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.claims import salience, speakers


def _claim_at(doc, words: str):
    hits = [c for c in doc._.claims if not c.is_nested and words in c.claim_text]
    assert hits, [(c.claim_text, c.speaker_text) for c in doc._.claims]
    return hits[0]


def _evidence(claim) -> str:
    return ";".join(claim.evidence)


# --------------------------------------------------------------------------- possessive and dative owners


def test_a_possessive_source_is_the_described_speaker_before(project_nlp):
    doc = project_nlp("Die Bauarbeiten am Hafen verzögern sich, schreibt der zuständige Analyst in einem Kommentar an "
                      "seine Kunden. Seines Erachtens reichen die Mittel für das laufende Jahr nicht aus.")
    claim = _claim_at(doc, "reichen die Mittel")
    assert claim.form == "according_to" and claim.speaker_text == "Seines"  # the source as written is kept
    assert claim.speaker_name.startswith("der zuständige Analyst") and claim.speaker_resolution == "pronoun"
    assert "speaker of" in _evidence(claim) and "male owner" in _evidence(claim)


def test_a_masculine_possessive_does_not_take_a_woman(project_nlp):
    doc = project_nlp("Die Bauarbeiten am Hafen verzögern sich, schreibt die zuständige Analystin in einem Kommentar an "
                      "ihre Kunden. Seines Erachtens reichen die Mittel für das laufende Jahr nicht aus.")
    claim = _claim_at(doc, "reichen die Mittel")
    assert claim.speaker_name is None and "speaker of" not in _evidence(claim)


def test_a_feminine_possessive_is_the_woman_who_spoke_before(project_nlp):
    doc = project_nlp("Die Landesbischöfin Katrin Albers sagte, dass die Gemeinden mehr Unterstützung brauchen. "
                      "Die Pandemie hat nach ihren Worten viele Ehrenamtliche erschöpft.")
    claim = _claim_at(doc, "viele Ehrenamtliche")
    assert claim.speaker_name == "Katrin Albers" and claim.speaker_resolution == "pronoun"
    assert claim.speaker_text == "ihren Worten"


def test_a_dative_pronoun_source_skips_a_headline_between(project_nlp):
    doc = project_nlp("\"Wir wissen noch nicht, was genau passiert ist\", sagte Bürgermeister Tobias Reinholz.\n\n"
                      "Brand in der Altstadt\n\nIhm zufolge kenne jeder im Ort die betroffene Familie.")
    claim = _claim_at(doc, "kenne jeder im Ort")
    assert claim.speaker_name == "Tobias Reinholz"
    assert "1 sentence(s) back" in _evidence(claim)


def test_an_owner_is_not_taken_over_a_person_named_between(project_nlp):
    doc = project_nlp("Bürgermeisterin Karla Brandt sagte, die Stadt werde helfen. Landrätin Petra Jung war anderer "
                      "Ansicht. Nach ihren Worten fehlt das Geld.")
    claim = _claim_at(doc, "fehlt das Geld")
    assert claim.speaker_name != "Karla Brandt"


# --------------------------------------------------------------------------- source nouns without an author


def test_knowledge_without_an_author_is_the_organisation_named_before(project_nlp):
    doc = project_nlp("Der Notruf ging am Sonntag kurz nach 14 Uhr bei der Kantonspolizei Luzern ein. Gemäss den "
                      "bisherigen Erkenntnissen geriet ein Lieferwagen auf die Gegenfahrbahn.")
    claim = _claim_at(doc, "geriet ein Lieferwagen")
    assert claim.speaker_name == "Kantonspolizei Luzern" and claim.speaker_text == "den bisherigen Erkenntnissen"
    assert "names no author" in _evidence(claim)


def test_a_state_of_the_investigation_continues_the_source_before(project_nlp):
    doc = project_nlp("Nach Angaben der Polizei wurde ein Radfahrer schwer verletzt. Er sei von einem Transporter "
                      "erfasst worden. Nach derzeitigem Stand der Ermittlungen habe der Fahrer das Rotlicht übersehen.")
    claim = _claim_at(doc, "das Rotlicht übersehen")
    assert "Polizei" in claim.speaker_name and claim.speaker_resolution == "continuation"


def test_a_study_is_a_source_of_its_own(project_nlp):
    doc = project_nlp("Bürgermeister Tobias Reinholz sagte, die Stadt werde helfen. Laut einer Studie leiden viele "
                      "Kinder unter Lärm.")
    claim = _claim_at(doc, "leiden viele Kinder")
    assert claim.speaker_name != "Tobias Reinholz"
    assert "names no author" not in _evidence(claim)


# --------------------------------------------------------------------------- "nach eigenen Angaben"


def test_eigene_angaben_without_a_subject_is_the_last_salient_speaker(project_nlp):
    doc = project_nlp("\"Wir haben uns die Entscheidung nicht leicht gemacht\", schreiben die Geschäftsführer der "
                      "Druckerei Lenz, Anna Lenz und Peter Brand.\nKeine Änderungen für Kunden\n"
                      "Für die Kunden werde sich laut eigenen Angaben nichts ändern.")
    claim = _claim_at(doc, "nichts ändern")
    assert claim.speaker_name == "Anna Lenz" and claim.speaker_resolution == "continuation"
    assert "without a subject in its clause" in _evidence(claim)


def test_eigene_angaben_with_a_pronoun_subject_resolves_the_pronoun(project_nlp):
    doc = project_nlp("Betrieben wird die Anlage von der Firma Solartec AG. Sie ist nach eigenen Angaben in zwölf "
                      "Ländern tätig.")
    claim = _claim_at(doc, "in zwölf")
    assert "Solartec" in claim.speaker_name and claim.speaker_resolution == "pronoun"
    assert "subject 'Sie'" in _evidence(claim)


def test_eigene_angaben_after_a_named_subject_keeps_it(project_nlp):
    doc = project_nlp("Der Maschinenbauer Kessler hat nach eigenen Angaben im Sommer 300 Stellen geschaffen.")
    claim = _claim_at(doc, "300 Stellen")
    assert "Kessler" in (claim.speaker_name or claim.speaker_text)
    assert "without a subject" not in _evidence(claim)


# --------------------------------------------------------------------------- coordinated groups


def test_coordinated_organisations_are_a_group_a_plural_sie_refers_to(project_nlp):
    doc = project_nlp("Der Mann sei in Behandlung gewesen, teilten Polizei und Staatsanwaltschaft mit. Der Mitteilung "
                      "zufolge gehen sie davon aus, dass er allein gehandelt habe.")
    first = _claim_at(doc, "in Behandlung")
    assert first.speaker_resolution == "group" and "coordination" in _evidence(first)
    later = _claim_at(doc, "allein gehandelt")
    assert later.speaker_name == "Polizei und Staatsanwaltschaft" and later.speaker_resolution == "pronoun"


def test_a_coordination_inside_an_attribute_is_one_person(project_nlp):
    doc = project_nlp("Der Sprecher von Polizei und Staatsanwaltschaft sagte, die Ermittlungen dauerten an.")
    claim = _claim_at(doc, "die Ermittlungen dauerten an")
    assert claim.speaker_resolution != "group"


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("de").vocab


SCHEMES = pytest.mark.parametrize("scheme", ["nsubj", "sb"], ids=["ud", "tiger"])


def _doc(vocab, rows, scheme):
    """rows: (word, pos, tag); one sentence; every arc to the last verb, labelled in the given scheme."""
    words = [r[0] for r in rows]
    verb = max(i for i, r in enumerate(rows) if r[1] in ("VERB", "AUX"))
    return Doc(vocab, words=words, pos=[r[1] for r in rows], tags=[r[2] for r in rows],
               heads=[verb] * len(words), deps=["ROOT" if i == verb else scheme for i in range(len(words))],
               sent_starts=[True] + [False] * (len(words) - 1))


@SCHEMES
def test_the_coordination_reader(vocab, scheme):
    rows = [("Die", "DET", "ART"), ("Gewerkschaft", "NOUN", "NN"), ("und", "CCONJ", "KON"), ("der", "DET", "ART"),
            ("Betriebsrat", "NOUN", "NN"), ("kritisierten", "VERB", "VVFIN")]
    doc = _doc(vocab, rows, scheme)
    assert speakers._is_coordination(doc, [0, 1, 2, 3, 4])
    rows = [("Der", "DET", "ART"), ("Sprecher", "NOUN", "NN"), ("von", "ADP", "APPR"), ("Polizei", "NOUN", "NN"),
            ("und", "CCONJ", "KON"), ("Staatsanwaltschaft", "NOUN", "NN"), ("sagte", "VERB", "VVFIN")]
    doc = _doc(vocab, rows, scheme)
    assert not speakers._is_coordination(doc, [0, 1, 2, 3, 4, 5])


# --------------------------------------------------------------------------- organisations are no persons


def test_an_organisation_class_noun_is_no_person_description():
    assert not salience._is_person_description(["die", "Polizei"])
    assert not salience._is_person_description(["die", "Kantonspolizei"])
    assert not salience._is_person_description(["das", "Unternehmen"])
    assert salience._is_person_description(["der", "Polizeisprecher"])
    assert salience._is_person_description(["die", "Ministerin"])


# --------------------------------------------------------------------------- a name right after a role noun


def test_a_name_after_a_role_and_a_title_beats_the_organisation_before_the_role(project_nlp):
    doc = project_nlp("„Der Abbau von Stellen ist leider unumgänglich“, erklärt Lindtec Vorstandssprecher Dr. Markus "
                      "Feldhaus. „Wir wollen den Umbau sozialverträglich gestalten.“")
    first = _claim_at(doc, "unumgänglich")
    assert first.speaker_name == "Markus Feldhaus" and first.speaker_resolution == "explicit"
    assert "right after the role" in _evidence(first)
    assert _claim_at(doc, "sozialverträglich").speaker_name == "Markus Feldhaus"
