"""Sixteenth real-news round A (issue 19): verbs of informing, the cue side.

The project's schema decision (applied by the collectors of the real-news parts test10 and test11): verbs of
informing (column ``inform`` of reporting_verbs.tsv: "mitteilen", "berichten", "melden", "feststellen",
"informieren", "bekannt geben", "angeben", "bestätigen") with a content object or a prepositional object are
reported events (the sentence is the message); with a content clause they are ``reported`` when the content is in
the indicative and ``indirect`` in Konjunktiv, the message still the content clause without its frame.

Guards: "sich melden" (gets in touch), "sich informieren über" (finds out), an informing act only announced
("will … informieren"), "angeben" without an object (boasts), the polite "Sie" of the reader inside a sentence.

All sentences are written for these tests (agency, police and local-politics German; fictional people). The object
reading asks the parse for an accusative object, checked on hand-built Docs in both label schemes.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

import pipeline.claims  # noqa: F401  (registers the components)

from pipeline.claims import extract, reporting


def _claims(doc):
    return [c for c in doc._.claims if not c.is_nested]


def _with_evidence(doc, tag: str):
    return [c for c in _claims(doc) if tag in c.evidence]


def _claim_at(doc, words: str):
    hits = [c for c in _claims(doc) if words in c.claim_text]
    assert hits, [(c.claim_text, c.speaker_text) for c in doc._.claims]
    return hits[0]


# --------------------------------------------------------------------------- the lexicon column


def test_the_inform_column_is_read():
    by_lemma = {(v.lemma, v.reflexive): v for v in reporting.verbs()}
    assert by_lemma[("berichten", False)].inform == {"clause", "von", "über"}
    assert by_lemma[("melden", False)].inform == {"clause", "object"}
    assert by_lemma[("begründen", False)].inform == {"mit"}  # no verb of informing with a content clause
    assert by_lemma[("sagen", False)].inform == frozenset()


# --------------------------------------------------------------------------- informing without a content clause


@pytest.mark.parametrize("text, words, speaker", [
    ("Bürgermeisterin Anna Roth berichtete am Montag von einem Rückgang des Wasserverbrauchs um zwölf Prozent.",
     "Rückgang des Wasserverbrauchs", "Anna Roth"),
    ("Mehrere Anwohner hatten der Feuerwehr am Morgen den Brand gemeldet.", "den Brand gemeldet", "Mehrere Anwohner"),
    ("Als Grund für die Verspätung gibt das Unternehmen einen Defekt an einem Stellwerk an.", "Defekt",
     "das Unternehmen"),
    ("Ein Sprecher der Stadtwerke bestätigte den Ausfall am Abend.", "den Ausfall", "Ein Sprecher der Stadtwerke"),
    ("Die Ministerin informierte die Abgeordneten am Dienstag über den Stand der Verhandlungen.",
     "Stand der Verhandlungen", "Die Ministerin"),
    ("Landrat Peter Hahn hat heute die Ergebnisse der Prüfung bekannt gegeben.", "Ergebnisse der Prüfung",
     "Peter Hahn"),
])
def test_a_verb_of_informing_with_an_object_is_a_reported_event(project_nlp, text, words, speaker):
    claim = _claim_at(project_nlp(text), words)
    assert claim.form == "reported" and "informing_verb" in claim.evidence
    assert speaker in (claim.speaker_text or "")
    assert claim.claim_text == text  # the whole sentence is the message


def test_a_fronted_participle_is_not_its_own_subject(project_nlp):
    claim = _claim_at(project_nlp("Begründet hat der Verein das mit den gestiegenen Kosten für Energie."),
                      "gestiegenen Kosten")
    assert claim.form == "reported" and claim.speaker_text == "der Verein"


def test_a_paper_named_in_quotation_marks_reports(project_nlp):
    claim = _claim_at(project_nlp("Zuvor hatte der „Kurier“ über die Pläne des Ministers berichtet."), "Pläne")
    assert claim.form == "reported" and "Kurier" in claim.speaker_text


@pytest.mark.parametrize("text", [
    "Der Zeuge meldete sich am Abend bei der Polizei.",  # sich melden = gets in touch
    "Die Besucher konnten sich vor Ort über die Pläne informieren.",  # sich informieren = finds out
    "Die Stadt will am Freitag über die Pläne informieren.",  # announced, nothing passed on yet
    "Der Nachbar gibt gern mit seinem neuen Wagen an.",  # angeben = boasts: no object, no "als"
    "Das Portal informiert Sie hier laufend über die Entwicklungen in der Region.",  # the reader addressed
    "Am Abend lief die Sendung „Fahndung aktuell“, in der die Polizei die Zuschauer um Hinweise bittet.",
])
def test_no_reported_event_for_the_other_readings(project_nlp, text):
    assert not [c for c in _claims(project_nlp(text)) if c.form == "reported"]


# --------------------------------------------------------------------------- content clauses: the mood decides


@pytest.mark.parametrize("text, message, form", [
    ("Die Polizei teilte mit, dass der Fahrer leicht verletzt wurde.", "dass der Fahrer leicht verletzt wurde",
     "reported"),
    ("Wie die Polizei mitteilte, wurde der Fahrer leicht verletzt.", "wurde der Fahrer leicht verletzt", "reported"),
    ("Die Polizei teilte mit, der Fahrer sei leicht verletzt worden.", "der Fahrer sei leicht verletzt worden",
     "indirect"),
    ("Die Ministerin sagte, dass der Fahrer leicht verletzt wurde.", "dass der Fahrer leicht verletzt wurde",
     "indirect"),  # "sagen" is no verb of informing
    ("Eine Anruferin habe gemeldet, einen Knall gehört zu haben, sagte die Polizei.", "einen Knall gehört zu haben",
     None),  # a zu-infinitive has no mood: not made reported
    # a plural equal to the infinitive and a preterite in -ten are the indicative as well: no Konjunktiv to see
    ("Wie die Regierung mitteilte, müssen Restaurants und Kneipen von Samstag an schon um 22 Uhr schließen.",
     "müssen Restaurants und Kneipen von Samstag an schon um 22 Uhr schließen", "reported"),
    ("Die Polizei teilte mit, dass gerade eine neue Angriffswelle laufe.", "dass gerade eine neue Angriffswelle laufe",
     "indirect"),
])
def test_the_mood_of_the_content_decides_between_reported_and_indirect(project_nlp, text, message, form):
    doc = project_nlp(text)
    if form is None:
        assert all(c.form != "reported" for c in _claims(doc) if c.claim_text == message)
        return
    claim = _claim_at(doc, message)
    assert claim.claim_text == message and claim.form == form
    assert ("informing_indicative" in claim.evidence) == (form == "reported")
    assert claim.cue_tokens  # the frame's verb stays the cue: the SpkAtt conventions of the content clause hold


# --------------------------------------------------------------------------- the object reading on hand-built parses


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("de").vocab


WORDS = ["Zeugen", "hatten", "der", "Polizei", "den", "Vorfall", "gemeldet", "."]
POS = ["NOUN", "AUX", "DET", "NOUN", "DET", "NOUN", "VERB", "PUNCT"]
ARCS = {  # (heads, deps) per label scheme
    "ud": ([6, 6, 3, 6, 5, 6, 6, 6], ["nsubj", "aux", "det", "iobj", "det", "obj", "ROOT", "punct"]),
    "tiger": ([1, 1, 3, 6, 5, 6, 1, 1], ["sb", "ROOT", "nk", "da", "nk", "oa", "oc", "punct"]),
}
REFLEXIVE_WORDS = ["Der", "Zeuge", "meldete", "sich", "bei", "der", "Polizei", "."]
REFLEXIVE_POS = ["DET", "NOUN", "VERB", "PRON", "ADP", "DET", "NOUN", "PUNCT"]
REFLEXIVE_ARCS = {
    "ud": ([1, 2, 2, 2, 6, 6, 2, 2], ["det", "nsubj", "ROOT", "obj", "case", "det", "obl", "punct"]),
    "tiger": ([1, 2, 2, 2, 2, 6, 4, 2], ["nk", "sb", "ROOT", "oa", "mo", "nk", "nk", "punct"]),
}


def _cue(doc, i):
    ex = extract._Extractor(doc)
    cue = extract.find_cue(ex.view, i)
    assert cue is not None and cue.lemma == "melden"
    return ex, cue, ex.view.clause_bounds(i)


@pytest.mark.parametrize("scheme", ["ud", "tiger"])
def test_the_parsed_accusative_object_is_the_content(vocab, scheme):
    heads, deps = ARCS[scheme]
    doc = Doc(vocab, words=WORDS, pos=POS, heads=heads, deps=deps, sent_starts=[True] + [False] * 7)
    ex, cue, (left, right) = _cue(doc, 6)
    assert ex._content_object(cue, left, right, [0]) == 5  # "Vorfall", not the dative "Polizei"
    assert ex._informing_reading(cue, left, right, [0])


@pytest.mark.parametrize("scheme", ["ud", "tiger"])
def test_a_reflexive_object_is_no_content(vocab, scheme):
    heads, deps = REFLEXIVE_ARCS[scheme]
    doc = Doc(vocab, words=REFLEXIVE_WORDS, pos=REFLEXIVE_POS, heads=heads, deps=deps,
              sent_starts=[True] + [False] * 7)
    ex, cue, (left, right) = _cue(doc, 2)
    assert not ex._informing_reading(cue, left, right, [0, 1])


def test_no_object_reading_without_a_parse():
    blank_nlp = spacy.blank("de")
    blank_nlp.add_pipe("claimgraph_entities")
    blank_nlp.add_pipe("claimgraph_claims")
    doc = blank_nlp("Mehrere Anwohner hatten der Feuerwehr am Morgen den Brand gemeldet.")
    assert not _with_evidence(doc, "informing_verb")


# --------------------------------------------------------------------------- press-release layouts and quotation marks


def test_a_statement_announced_with_stellung_nehmen_and_a_colon(project_nlp):
    doc = project_nlp('In einer Pressemeldung nimmt Verbandspräsident Heribert Lang zum Treffen Stellung:\n"Am 18. Mai '
                      'hält der Verband in Bonn seine Versammlung ab, auf deren Tagesordnung die Wahl steht."')
    claim = _claim_at(doc, "Versammlung ab")
    assert claim.form == "direct" and claim.speaker_name == "Heribert Lang"


@pytest.mark.parametrize("text, form", [
    ("Ministerin Helga Roth sagte: Wir bauen in diesem Jahr mehr Wohnungen als je zuvor.", "direct"),
    ("Ministerin Helga Roth sagte am Montag: Der Plan sei richtig.", "indirect"),
])
def test_colon_content_in_the_first_person_is_direct(project_nlp, text, form):
    claim = _claim_at(project_nlp(text), text.split(": ")[1][:12])
    assert claim.form == form and claim.claim_text == text.split(": ")[1].rstrip(".")


def test_a_quotation_in_hard_wrapped_copy_goes_on_over_single_line_breaks(project_nlp):
    text = ('Bischof Paul Weber sagte am Montag in Berlin:\n"Die Menschen sind verzweifelt, und wir\nmüssen ihren '
            'Hilferuf ernst nehmen."\n\nDer Senat will am Dienstag beraten.')
    claim = _claim_at(project_nlp(text), "verzweifelt")
    assert claim.form == "direct" and "ernst nehmen" in claim.claim_text
    assert claim.speaker_name == "Paul Weber"


def test_an_unclosed_quotation_still_ends_at_the_blank_line(project_nlp):
    doc = project_nlp('Er sagte: "Wir kommen wieder\nund bleiben lange.\n\nDie Stadt plant "neue Wege".')
    assert not [c for c in _claims(doc) if "neue Wege" in c.claim_text and "bleiben" in c.claim_text]


def test_a_closing_mark_inside_a_compound_closes_the_quote(project_nlp):
    doc = project_nlp('Eine "Heute"-Leserin wandte sich an die Redaktion. Der Bezirksobmann Hermann Brück '
                      'kritisiert das „Community-Policing“-Projekt der Stadt.')
    claim = _claim_at(doc, "Projekt der Stadt")
    assert claim.form == "reported" and claim.speaker_name == "Hermann Brück"
    assert not [c for c in _claims(doc) if "Leserin wandte" in c.claim_text and c.form == "direct"]


def test_a_statement_without_quotation_marks_after_a_colon_line(project_nlp):
    doc = project_nlp("Michael Burmann erklärt im Namen des Aufsichtsrats zu den heutigen Medienberichten:\nDer "
                      "Aufsichtsrat sagt das für morgen geplante Treffen mit dem Präsidium ab.\nEin Grund dafür ist, "
                      "dass öffentlicher Druck einer guten Zusammenarbeit nicht dient.\n\nDer Verein schweigt dazu.")
    claim = _claim_at(doc, "Treffen mit dem Präsidium")
    assert claim.form == "direct" and claim.speaker_name == "Michael Burmann"
    assert "colon_line_statement" in claim.evidence and claim.claim_text.endswith("nicht dient.")


def test_questions_after_a_colon_line_are_no_statement(project_nlp):
    doc = project_nlp("In kurzweiligen 45 Minuten äußerte sich Direktor Paul Kreis zu folgenden Fragen:\nWie sicher "
                      "ist das Land? Wer bezahlt die neuen Stellen?\n\nDanach gab es einen Empfang.")
    assert not _with_evidence(doc, "colon_line_statement")


def test_a_single_line_break_before_a_lower_case_word_is_inside_the_sentence(project_nlp):
    doc = project_nlp("Die Ministerin Helga Roth kündigte am Montag in Berlin\nan, dass die Mittel für Schulen deutlich "
                      "steigen sollen.\n\nDie Opposition schweigt.")
    claim = _claim_at(doc, "Mittel für Schulen")
    assert claim.speaker_name == "Helga Roth" and claim.cue_lemma == "ankündigen"


def test_a_headline_line_still_ends_its_sentence(project_nlp):
    doc = project_nlp("Tierwohl am Sechseläuten\nTierschützer kritisieren den Umgang mit den Pferden.")
    claim = _claim_at(doc, "Umgang mit den Pferden")
    assert claim.claim_text == "Tierschützer kritisieren den Umgang mit den Pferden."
