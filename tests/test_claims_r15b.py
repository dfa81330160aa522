"""Fifteenth real-news round, part B (issue 19): the right speaker for found claims (entity stage).

- a person's name goes on over a nobiliary particle when the model cut it there ("Max v. Ehrenfeld": two person
  spans; "Clara Mertens von Halberg": the surname taken for a place);
- place or nationality adjectives before a role noun of known gender are a person named by role, not a place
  ("der Passauer Bischof"), so salience gives the claim to the person holding the role;
- a role noun the lexicon lacks still shows its person's gender by its agent suffix ("Mitveranstalter"), when the
  first-name lexicon does not know the given name; the weakest text evidence;
- a name in apposition to a subject role noun is the subject for pronoun ranking (UD: the role noun is nsubj and
  the name its appos; TIGER: the name is sb), checked on hand-built Docs in both label schemes.

All sentences are written for these tests (fictional people and associations).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.entities import coref, extract
from pipeline.entities.extract import require_entities


def _claim_at(doc, words: str):
    hits = [c for c in doc._.claims if not c.is_nested and words in c.claim_text]
    assert hits, [(c.claim_text, c.speaker_text) for c in doc._.claims]
    return hits[0]


def test_an_abbreviated_particle_joins_given_name_and_surname(project_nlp):
    doc = project_nlp("„Die Entscheidung zeigt, dass die Sorgen der Betriebe ernst genommen werden“, betont "
                      "Max v. Ehrenfeld, der Vorsitzende des Waldbesitzerverbands.")
    claim = _claim_at(doc, "Die Entscheidung zeigt")
    assert claim.speaker_name == "Max v. Ehrenfeld"


def test_a_particle_joins_a_surname_the_model_took_for_a_place(project_nlp):
    doc = project_nlp('"Bei der Jugendarbeit wird nicht gespart", versichert dagegen Charlotte Cary von Buttlar, '
                      "Pressereferentin des Ministeriums, gegenüber der Zeitung.")
    claim = _claim_at(doc, "Bei der Jugendarbeit")
    assert claim.speaker_name == "Charlotte Cary von Buttlar"


def test_a_name_before_von_and_an_institution_stays_apart(project_nlp):
    _, entities = require_entities(project_nlp("Hans Müller von Siemens sagte, die Lage sei ernst."))
    assert "Hans Müller" in [e.canonical_name for e in entities if e.label == "PER"]


def test_a_place_adjective_before_a_role_noun_is_the_person_holding_the_role(project_nlp):
    doc = project_nlp("Passau (dpa) - Stefan Obermaier, Vorsitzender der Bischofskonferenz, hat die Kritik "
                      "zurückgewiesen. «Wir nehmen die Sorgen der Gläubigen ernst», sagte der Passauer Bischof am "
                      "Donnerstag. Das sei aber kein Grund zur Eile.")
    _, entities = require_entities(doc)
    assert not any(e.canonical_name == "Passauer Bischof" for e in entities)
    claim = _claim_at(doc, "Wir nehmen die Sorgen")
    assert claim.speaker_name == "Stefan Obermaier"


def test_the_role_ending_gives_the_gender_when_no_lexicon_knows_the_name():
    assert extract._role_ending_gender("Mitorganisator") == "male"
    assert extract._role_ending_gender("Mitorganisatorin") == "female"
    assert extract._role_ending_gender("Aktivistin") == "female"
    assert extract._role_ending_gender("Opfer") is None  # the native -er is either sex
    assert extract._role_ending_gender("umstrittene T-Shirt-Händler") is None


def test_a_pronoun_goes_to_the_subject_over_a_genitive_owner(project_nlp):
    doc = project_nlp("Anlass ist der umstrittene Händler Sven Liebig. Er war zur Sitzung gekommen. An Liebigs "
                      "Stelle trug Mitorganisator Donatus Schmied die Fragen vor. Wie er sagte, wolle er eine faire "
                      "Rechnung der Kosten haben.")
    _, entities = require_entities(doc)
    schmied = next(e for e in entities if e.canonical_name == "Donatus Schmied")
    assert schmied.gender == "male" and schmied.gender_evidence == "role noun ending"
    claim = _claim_at(doc, "eine faire Rechnung")
    assert claim.speaker_name == "Donatus Schmied"


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("de").vocab


@pytest.mark.parametrize("scheme", ["ud", "tiger"])
def test_a_name_in_apposition_to_a_subject_role_noun_is_the_subject(vocab, scheme):
    words = ["Dann", "trug", "Mitorganisator", "Donatus", "Schmied", "die", "Fragen", "vor", "."]
    pos = ["ADV", "VERB", "NOUN", "PROPN", "PROPN", "DET", "NOUN", "ADP", "PUNCT"]
    if scheme == "ud":  # the role noun is the subject, the name its apposition
        heads = [1, 1, 1, 2, 3, 6, 1, 1, 1]
        deps = ["advmod", "ROOT", "nsubj", "appos", "flat", "det", "obj", "compound:prt", "punct"]
    else:  # TIGER: the surname heads the subject, the role noun and given name are its parts
        heads = [1, 1, 4, 4, 1, 6, 1, 1, 1]
        deps = ["mo", "ROOT", "nk", "pnc", "sb", "nk", "oa", "svp", "punct"]
    doc = Doc(vocab, words=words, pos=pos, heads=heads, deps=deps, sent_starts=[True] + [False] * 8)
    assert coref._is_subject(doc, 3, 5, [0] * len(doc))
    assert not coref._is_subject(doc, 5, 7, [0] * len(doc))  # the object
