"""Seventeenth claims round (issue 19): what the real-news parts test11 and test12 showed.

Greeting and congratulating events without content: "begrüßen" reports a position only with a thing as its object
("begrüßte den Beschluss"); with a person as object (a PER entity, a role noun, a noun of welcomed people, a name
opened by the oblique "Herrn") it is a greeting ("konnte viele Zuhörer begrüßen"). "gratulieren" without an addressee
or an occasion ("konnte nach dem Spiel nur gratulieren") says nothing; with one ("gratulierte dem Sieger", "zum
Titel") it stays a reported event, as the real-news gold counts it.

All sentences are written for these tests (fictional people). The object test runs on hand-built Docs in both label
schemes and on a pipeline without a parse.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

import pipeline.claims  # noqa: F401  (registers the components)

from pipeline.claims import extract


def _claims(doc):
    return [c for c in doc._.claims if not c.is_nested]


def _cues(doc):
    return {c.cue_lemma for c in _claims(doc)}


@pytest.mark.parametrize("text", [
    "Der Vorsitzende des Vereins konnte zur Versammlung im Gemeindehaus viele Zuhörer begrüßen.",
    "Zu diesem Punkt konnte Bürgermeister Maier Herrn Gruber vom Planungsbüro aus Ulm begrüßen.",
    "Die Bürgermeisterin begrüßte Anna Berger als neue Leiterin des Amtes.",
    "Der Landrat begrüßte am Abend die Ehrengäste im Festsaal.",
    "Die Trainerin konnte nach dem Spiel nur gratulieren.",
    "Die Gegnerin konnte am Ende kaum mehr tun als gratulieren.",
])
def test_greetings_and_bare_congratulations_are_no_claims(project_nlp, text):
    assert not _cues(project_nlp(text)) & {"begrüßen", "gratulieren"}, text


@pytest.mark.parametrize("text, cue", [
    ("Die Ministerin begrüßte die Entscheidung des Gerichts.", "begrüßen"),
    ("Der Verband begrüßt die Pläne der Bürgermeisterin.", "begrüßen"),
    ("Der Minister hat dem neuen Präsidenten persönlich gratuliert.", "gratulieren"),
    ("Die Ministerin gratulierte ihm zum Wahlsieg.", "gratulieren"),
    ("Die Vorsitzende gratulierte der Stiftung zu ihrem Jubiläum.", "gratulieren"),
])
def test_positions_and_addressed_congratulations_stay(project_nlp, text, cue):
    assert cue in _cues(project_nlp(text)), text


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("de").vocab


# "Die Leiterin begrüßte die Gäste ." / "Die Leiterin begrüßte die Pläne ."
WORDS = ["Die", "Leiterin", "begrüßte", "die", "Gäste", "."]
POS = ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"]
ARCS = {
    "ud": ([1, 2, 2, 4, 2, 2], ["det", "nsubj", "ROOT", "det", "obj", "punct"]),
    "tiger": ([1, 2, 2, 4, 2, 2], ["nk", "sb", "ROOT", "nk", "oa", "punct"]),
}


@pytest.mark.parametrize("scheme", ["ud", "tiger"])
@pytest.mark.parametrize("noun, fits", [("Gäste", False), ("Besucher", False), ("Pläne", True)])
def test_a_person_object_makes_begruessen_a_greeting(vocab, scheme, noun, fits):
    heads, deps = ARCS[scheme]
    words = WORDS[:4] + [noun, "."]
    doc = Doc(vocab, words=words, pos=POS, heads=heads, deps=deps, sent_starts=[True] + [False] * 5)
    ex = extract._Extractor(doc)
    cue = extract.find_cue(ex.view, 2)
    assert cue is not None and cue.lemma == "begrüßen"
    left, right = ex.view.clause_bounds(2)
    assert ex._event_object(cue, left, right, [0, 1]) is fits


@pytest.mark.parametrize("scheme", ["ud", "tiger"])
def test_a_modifier_is_no_addressee_of_gratulieren(vocab, scheme):
    # "Die Trainerin gratulierte nach dem Spiel ." : "nach dem Spiel" is a modifier, no addressee
    words = ["Die", "Trainerin", "gratulierte", "nach", "dem", "Spiel", "."]
    pos = ["DET", "NOUN", "VERB", "ADP", "DET", "NOUN", "PUNCT"]
    heads = {"ud": [1, 2, 2, 5, 5, 2, 2], "tiger": [1, 2, 2, 2, 5, 3, 2]}[scheme]
    deps = {"ud": ["det", "nsubj", "ROOT", "case", "det", "obl", "punct"],
            "tiger": ["nk", "sb", "ROOT", "mo", "nk", "nk", "punct"]}[scheme]
    doc = Doc(vocab, words=words, pos=pos, heads=heads, deps=deps, sent_starts=[True] + [False] * 6)
    ex = extract._Extractor(doc)
    cue = extract.find_cue(ex.view, 2)
    assert cue is not None and cue.lemma == "gratulieren"
    left, right = ex.view.clause_bounds(2)
    assert not ex._event_object(cue, left, right, [0, 1])
    # with a dative addressee it fits: "Die Trainerin gratulierte dem Gegner ."
    words2 = ["Die", "Trainerin", "gratulierte", "dem", "Gegner", "."]
    heads2, deps2 = [1, 2, 2, 4, 2, 2], {"ud": ["det", "nsubj", "ROOT", "det", "iobj", "punct"],
                                         "tiger": ["nk", "sb", "ROOT", "nk", "da", "punct"]}[scheme]
    doc2 = Doc(vocab, words=words2, pos=POS, heads=heads2, deps=deps2, sent_starts=[True] + [False] * 5)
    ex2 = extract._Extractor(doc2)
    cue2 = extract.find_cue(ex2.view, 2)
    left2, right2 = ex2.view.clause_bounds(2)
    assert ex2._event_object(cue2, left2, right2, [0, 1])


def test_without_a_parse_herrn_and_dative_forms_still_decide():
    blank_nlp = spacy.blank("de")
    blank_nlp.add_pipe("claimgraph_entities")
    blank_nlp.add_pipe("claimgraph_claims")
    assert "begrüßen" not in _cues(blank_nlp("Zu Beginn konnte die Vorsitzende Herrn Gruber vom Planungsbüro begrüßen."))
    assert "gratulieren" not in _cues(blank_nlp("Die Trainerin konnte nach dem Spiel nur gratulieren."))


# --------------------------------------------------------------------------- labelled lines that are no turns

from pipeline.claims import interviews  # noqa: E402

COLLECTION = (
    "26.03.2025 18:40 Uhr\n\n"
    "PK: Die Stimmen der Trainer nach dem Spiel (Video)\n\n"
    "Jonas Reimer:\n"
    "Wir haben heute in der ersten Hälfte zu viele Chancen liegen lassen. Nach der Pause war die Mannschaft besser, "
    "aber das Tor kam zu spät.\n\n"
    "Stefan Kolbe:\n"
    "Ich bin sehr zufrieden mit der Leistung, meine Spieler haben bis zur letzten Minute gekämpft und verdient "
    "gewonnen.\n"
)


@pytest.mark.parametrize("rest, headline", [
    ("Die Stimmen der Trainer nach dem Spiel (Video)", True),
    ("Neue Bilder vom Umzug (mit Fotostrecke)", True),
    ("Das war ein schöner Abend. (lacht)", False),
    ("Wir haben alles gegeben.", False),
])
def test_a_title_with_a_bracketed_note_is_a_headline(rest, headline):
    assert interviews._headline(rest) is headline


def test_a_labelled_title_line_is_no_turn():
    answers = interviews.find_answers(COLLECTION)
    assert {a.speaker for a in answers} == {"Jonas Reimer", "Stefan Kolbe"}


def test_a_labelled_title_line_gives_no_claim(project_nlp):
    doc = project_nlp(COLLECTION)
    speakers = {c.speaker_text for c in _claims(doc)}
    assert "PK" not in speakers
    assert not any(c.claim_text.startswith("Die Stimmen der Trainer") for c in _claims(doc))


# --------------------------------------------------------------------------- the mood of narrative continuations


@pytest.mark.parametrize("text", [
    # a weak verb with an umlaut in its stem: the preterite is indicative ("stürzen" -> "stürzten")
    "Die Polizei teilte mit, der Fahrer sei schwer verletzt worden. Die beiden Insassen stürzten vom Roller, der "
    "danach in einen Graben rollte.",
    # a present plural of a modal with umlaut is indicative ("müssen")
    "Der Verband erklärte, die Ernte sei gefährdet. Weil die Wiesen verdorrt sind, müssen viele Betriebe schon Futter "
    "zukaufen.",
    # a third person in -t is never Konjunktiv, whatever the tagger says
    "Der Bürgermeister sagte, die Anlage werde im Frühjahr erneuert. Die Wartung erfolgt einmal im Jahr.",
])
def test_a_narrative_indicative_sentence_is_no_continuation(project_nlp, text):
    assert not [c for c in _claims(project_nlp(text)) if c.form == "free_indirect"], text


def test_a_konjunktiv_ii_of_strong_verbs_still_continues(project_nlp):
    doc = project_nlp("Die Ministerin sagte, die Reform sei nötig. Ohne sie kämen die Kassen in Not, und viele "
                      "Praxen stünden vor dem Aus.")
    assert [c.speaker_text for c in _claims(doc) if c.form == "free_indirect"] == ["Die Ministerin"]


@pytest.mark.parametrize("word, lemma, mood, subjunctive", [
    ("stürzten", "stürzen", "Ind", False),
    ("müssen", "müssen", "Ind", False),
    ("erfolgt", "erfolgen", "Sub", False),
    ("kämen", "kommen", "Ind", True),
    ("gäbe", "geben", "", True),
    ("werde", "werden", "Sub", True),
])
def test_the_mood_of_a_finite_verb_on_hand_built_docs(vocab, word, lemma, mood, subjunctive):
    words = ["Die", "Leute", word, "."]
    morph = ["", "", f"Mood={mood}|VerbForm=Fin" if mood else "VerbForm=Fin", ""]
    doc = Doc(vocab, words=words, pos=["DET", "NOUN", "VERB", "PUNCT"], tags=["ART", "NN", "VVFIN", "$."],
              lemmas=["der", "Leute", lemma, "."], morphs=morph, sent_starts=[True, False, False, False])
    assert extract._Extractor(doc).view.is_subjunctive(2) is subjunctive


# --------------------------------------------------------------------------- statement collections

STATEMENTS = (
    "Die Stimmen zu den Spielen am Sonntag.\n"
    "Gäste-Trainer Jonas Reimer: „Für die Niederlage übernehme ich die Verantwortung, das war heute zu wenig von "
    "uns!“\n"
    "Lukas Brandt (SV Nordheim): „Schlechter geht es nicht. Vor allem die zweite Halbzeit war schwach, das darf nicht "
    "passieren!“\n"
    "Heim-Trainer Stefan Kolbe nach dem 3:1-Sieg gegen Nordheim: „Wir haben uns viele Chancen erarbeitet und am Ende "
    "verdient gewonnen!“\n"
    "Nordheims Sportchef Martin Weber: „Wir stehen hinter dem Trainer und der Mannschaft, daran ändert auch diese "
    "Niederlage nichts.“\n"
)


def test_a_line_with_its_own_colon_frame_ends_the_labelled_turn_before():
    answers = interviews.find_answers(STATEMENTS)
    first = next(a for a in answers if a.speaker == "Gäste-Trainer Jonas Reimer")
    assert STATEMENTS[first.start:first.end].endswith("zu wenig von uns!“")
    assert not any("Schlechter geht es nicht" in STATEMENTS[a.start:a.end] for a in answers)


def test_no_statement_of_a_collection_goes_to_the_label_before(project_nlp):
    doc = project_nlp(STATEMENTS)
    for c in _claims(doc):
        if "Schlechter geht es nicht" in c.claim_text or "verdient gewonnen" in c.claim_text:
            assert c.speaker_text != "Gäste-Trainer Jonas Reimer", c.claim_text


def test_a_frame_line_opening_a_quotation_is_no_konjunktiv_continuation(project_nlp):
    # "habe" inside the quotation is the speaker's own first person, not the mood of reported speech
    text = STATEMENTS.replace("„Wir haben uns viele Chancen erarbeitet und am Ende verdient gewonnen!“",
                              "„Ich habe hier schon viel erlebt. Für den Kopf ist das nicht leicht, aber so ist es "
                              "eben!“")
    doc = project_nlp(text)
    assert not [c for c in _claims(doc) if c.form == "free_indirect"]
