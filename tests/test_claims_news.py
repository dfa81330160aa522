"""Claims on real-news constructions (issue 19): interviews, reported events after a sentence-initial article,
descriptions and continuations resolved through the discourse, datelines, quotation styles, markdown links.

All sentences are written for these tests (realistic agency, interview and ticker German; fictional people).
Surface rules run on a blank pipeline; rules that read the parse are checked on hand-built Docs in both label
schemes (TIGER of the official pipelines, UD of the project's own pipeline).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.claims import interviews
from pipeline.claims import extract_claims


@pytest.fixture(scope="module")
def nlp():
    """Tokenizer only (no sentence boundaries: the layer's fallback splitter) plus the entity stage the claims need."""
    blank = spacy.blank("de")
    blank.add_pipe("claimgraph_entities")
    return blank


@pytest.fixture(scope="module")
def nlp_ents():
    import pipeline.entities  # noqa: F401  registers the component

    blank = spacy.blank("de")
    blank.add_pipe("sentencizer")
    blank.add_pipe("claimgraph_entities")
    return blank


_ENTITY_STAGE = None


def annotated(doc):
    """The entity stage's annotation, which the claims stage requires (a hand-built Doc has none)."""
    global _ENTITY_STAGE
    if doc._.entities is not None:
        return doc
    if _ENTITY_STAGE is None:
        _ENTITY_STAGE = spacy.blank("de").add_pipe("claimgraph_entities")
    return _ENTITY_STAGE(doc)


def claims_of(nlp, text):
    doc = annotated(nlp(text))
    found = extract_claims(doc)
    for c in found:
        assert doc.text[c.start_char:c.end_char] == c.claim_text
        if c.speaker_text is not None:
            assert doc.text[c.speaker_start_char:c.speaker_end_char] == c.speaker_text
    return doc, found


# --------------------------------------------------------------------------- interviews

LABELLED = """Interview: „Wir müssen schneller bauen“

Westdeutsche Post: Frau Brandt, warum dauern Genehmigungen so lange?

KATRIN BRANDT: Weil jede Behörde für sich prüft. Wir wollen das bündeln und die Fristen halbieren.

WP: Und wenn die Kommunen nicht mitziehen?

Brandt: Dann helfen wir mit Personal aus. Niemand soll wegen fehlender Planer warten müssen.

Das Gespräch führte Jens Ohlsen."""


def test_labelled_interview_answers_are_direct_claims_of_the_interviewee(nlp):
    doc, found = claims_of(nlp, LABELLED)
    answers = [c for c in found if "interview_label" in c.evidence]
    assert [c.claim_text for c in answers] == [
        "Weil jede Behörde für sich prüft. Wir wollen das bündeln und die Fristen halbieren.",
        "Dann helfen wir mit Personal aus. Niemand soll wegen fehlender Planer warten müssen.",
    ]
    assert {c.speaker_name for c in answers} == {"Katrin Brandt"}
    assert [c.speaker_text for c in answers] == ["KATRIN BRANDT", "Brandt"]
    assert all(c.form == "direct" and c.cue_text == ":" for c in answers)
    # questions are not claims, and nothing inside an answer is claimed twice
    assert not any("Genehmigungen" in c.claim_text or "Kommunen" in c.claim_text for c in found)


def test_question_label_and_ticker_times_are_no_interview():
    ticker = "18:53 Uhr: Die Stadt meldet einen Stromausfall.\n\n19:10 Uhr: Der Strom ist wieder da.\n\nThemen: Energie"
    assert interviews.find_answers(ticker) == []
    one_label = "Siebert: „Die Reform kommt zu spät.“\n\nDer Verband fordert mehr Tempo."
    assert interviews.find_answers(one_label) == []


def test_frage_label_marks_the_interviewer():
    text = ("Frage: Herr Kaya, wie geht es weiter?\n\nOmer Kaya: Wir investieren weiter in das Werk in Hagen.\n\n"
            "Frage: Und die Stellen?\n\nOmer Kaya: Die Stellen bleiben alle erhalten, das haben wir zugesagt.")
    answers = interviews.find_answers(text)
    assert [a.speaker for a in answers] == ["Omer Kaya", "Omer Kaya"]
    assert text[answers[0].start:answers[0].end] == "Wir investieren weiter in das Werk in Hagen."


def test_unlabelled_interview_needs_an_announcement_and_takes_the_interviewee():
    text = ("Die Präsidentin des Landessportbundes, Marion Keller, hat dem Kurier ein Interview gegeben.\n\n"
            "Frau Keller, wie viele Hallen fehlen?\n\nAllein in der Stadt fehlen zwölf Hallen, und die alten sind marode.\n\n"
            "Was fordern Sie vom Land?\n\nEin Sanierungsprogramm über zehn Jahre, mit festen Summen für jeden Kreis.")
    answers = interviews.find_answers(text, "Marion Keller")
    assert [text[a.start:a.end][:20] for a in answers] == ["Allein in der Stadt ", "Ein Sanierungsprogra"]
    assert all(a.speaker == "Marion Keller" and a.label is None for a in answers)
    plain = text.replace(" ein Interview gegeben", " geschrieben")
    assert interviews.find_answers(plain, "Marion Keller") == []


# --------------------------------------------------------------------------- reported events after an article

@pytest.mark.parametrize("text, speaker", [
    ("Der Landrat hat eine schnellere Sanierung der Brücke gefordert.", "Der Landrat"),
    ("Die Verbandspräsidentin hat die Pläne der Regierung scharf kritisiert.", "Die Verbandspräsidentin"),
    ("So kündigte der Bürgermeister ein neues Förderprogramm für Vereine an.", "der Bürgermeister"),
])
def test_reported_event_in_a_sentence_opened_by_an_article_or_so(nlp, text, speaker):
    _, found = claims_of(nlp, text)
    (c,) = found
    assert c.form == "reported" and c.speaker_text == speaker and c.claim_text == text


def test_relative_clause_after_a_comma_is_still_no_reported_event(nlp):
    _, found = claims_of(nlp, "Die Pläne, die der Landrat gefordert hat, liegen vor.")
    assert found == []


# --------------------------------------------------------------------------- discourse salience

def test_description_resolves_to_the_last_speaker(nlp_ents):
    text = ("Die Verdi-Vorsitzende Katrin Hagemann hat höhere Löhne gefordert. "
            "Die Beschäftigten seien am Limit, sagte die Gewerkschafterin am Montag in Kassel.")
    _, found = claims_of(nlp_ents, text)
    c = next(c for c in found if c.claim_text.startswith("Die Beschäftigten"))
    assert c.speaker_text.startswith("die Gewerkschafterin")
    assert c.speaker_name == "Katrin Hagemann" and c.speaker_resolution == "description"
    assert any(e.startswith("speaker:salience") for e in c.evidence)


def test_gender_agreement_in_the_salience_fallback(nlp_ents):
    text = ("Bürgermeister Jonas Petersen eröffnete am Dienstag die neue Brücke in Husum. "
            "Die Stadt habe zwölf Jahre darauf gewartet, sagte der Bürgermeister.")
    _, found = claims_of(nlp_ents, text)
    c = next(c for c in found if c.claim_text.startswith("Die Stadt"))
    assert c.speaker_name == "Jonas Petersen"
    _, found = claims_of(nlp_ents, text.replace("sagte der Bürgermeister", "sagte die Ministerin"))
    c = next(c for c in found if c.claim_text.startswith("Die Stadt"))
    assert c.speaker_name != "Jonas Petersen"  # a female role noun never takes a man from the discourse


def test_what_counts_as_a_person_or_organisation_description():
    from pipeline.claims import salience

    assert salience._is_person_description(["der", "44-Jährige"])
    assert salience._is_person_description(["die", "Studienleiterin"])
    assert salience._is_person_description(["der", "nordrhein-westfälische", "Ministerpräsident", "am", "Rande"])
    assert salience._is_person_description(["des", "Staatschefs"])
    assert not salience._is_person_description(["die", "Gewerkschaft"])
    assert not salience._is_person_description(["Tierschützer"])
    assert salience._org_description_head(["die", "Gewerkschaft"]) == "gewerkschaft"
    assert salience._org_description_head(["das", "Amt"]) == "amt"
    assert salience._org_description_head(["der", "Minister"]) is None


def test_organisation_noun_resolves_to_the_named_organisation(nlp_ents):
    text = ("Die Gewerkschaft Erziehung und Wissenschaft (GEW) hat Warnstreiks an Schulen angekündigt. "
            "In einer Mitteilung verwies die Gewerkschaft darauf, dass die Friedenspflicht ende.")
    _, found = claims_of(nlp_ents, text)
    c = next(c for c in found if c.claim_text.startswith("dass"))
    assert c.speaker_name == "Gewerkschaft Erziehung und Wissenschaft" and c.speaker_resolution == "description"
    assert "last organisation" in c.evidence[-1]


def test_continuation_inherits_the_resolved_speaker_and_says_so(nlp_ents):
    text = ("„Wir sind vorbereitet“, sagte der Kassenchef Malte Jansen. „Die Rücklagen reichen bis zum Herbst.“ "
            "Das sei aber kein Grund zur Entwarnung.")
    _, found = claims_of(nlp_ents, text)
    first, quote, konj = found
    assert first.speaker_resolution in ("explicit", "alias") and first.speaker_name == "Malte Jansen"
    assert quote.speaker_name == "Malte Jansen" and quote.speaker_resolution == "continuation"
    assert konj.form == "free_indirect" and konj.speaker_resolution == "continuation"


def test_name_in_apposition_beats_the_organisation(nlp_ents):
    text = "Eine Einigung sei nötig, sagte der Chef der Brandenburger CDU, Ingo Maibach, der Zeitung."
    _, found = claims_of(nlp_ents, text)
    (c,) = found
    assert c.speaker_name == "Ingo Maibach"


# --------------------------------------------------------------------------- markdown links

def test_markdown_link_around_a_speaker_name(nlp_ents):
    from pipeline.nlp.tokenizer_rules import split_markdown_links

    md = split_markdown_links(nlp_ents)
    doc, found = claims_of(md, "[Lena Weber](https://example.org/weber) sagte, die Lage sei ernst.")
    (c,) = found
    assert c.speaker_text == "Lena Weber" and c.claim_text == "die Lage sei ernst"
    assert "](" not in (c.speaker_name or "")
    assert [t.text for t in doc][:4] == ["[", "Lena", "Weber", "]("]


# --------------------------------------------------------------------------- datelines, quotation styles, verbs

@pytest.mark.parametrize("text, speaker", [
    ("Köln (dpa) - Die Chefin des Verbands fordert mehr Geld für die Kommunen.", "Die Chefin des Verbands"),
    ("Berlin - Die Ministerin forderte am Montag mehr Tempo beim Netzausbau.", "Die Ministerin"),
    ("Zürich (AWP) - Die Firmenchefs hätten Zuversicht verbreitet, schreibt der Analyst.", "der Analyst"),
])
def test_a_dateline_is_never_speaker_nor_message(nlp, text, speaker):
    _, found = claims_of(nlp, text)
    (c,) = found
    assert c.speaker_text == speaker
    assert not c.claim_text.startswith(("Köln", "Berlin", "Zürich"))


@pytest.mark.parametrize("opening, closing", [("„", "“"), ("»", "«"), ("«", "»"), ("‚", "‘"), ("›", "‹"), ("‹", "›"), ('"', '"')])
def test_every_quotation_style_gives_the_same_claims(opening, closing):
    from pipeline.nlp.tokenizer_rules import split_markdown_links

    nlp = split_markdown_links(spacy.blank("de"))
    text = (f"{opening}Wir sind vorbereitet{closing}, sagte Weber. "
            f"{opening}Die Rücklagen reichen bis in den Herbst hinein.{closing}")
    _, found = claims_of(nlp, text)
    assert [c.form for c in found] == ["direct", "direct"]
    assert found[1].claim_text == f"{opening}Die Rücklagen reichen bis in den Herbst hinein.{closing}"
    assert found[1].speaker_text == "Weber" and found[1].speaker_resolution == "continuation"


@pytest.mark.parametrize("text", [
    "Der Minister sprach von einem „historischen Fehler“.",
    "Tierschützer kritisieren die Haltung der Pferde scharf.",
    "Die Arbeitgeber kritisierten die Forderung als zu hoch.",
    "Der Verband schließt weitere Schritte nicht aus.",
    "Die Opposition bezeichnete den Haushalt als „Luftnummer“.",
])
def test_news_reporting_verbs_make_reported_events(nlp, text):
    _, found = claims_of(nlp, text)
    top = [c for c in found if not c.is_nested]
    assert len(top) == 1 and top[0].form == "reported" and top[0].claim_text == text


def test_group_speakers_stay_groups(nlp):
    _, found = claims_of(nlp, "Tierschützer kritisieren die Haltung der Pferde scharf.")
    assert found[0].speaker_resolution == "group" and found[0].speaker_entity_id is None


# "Der Landrat hat die Pläne kritisiert ." in both schemes: the reported event reads the parsed subject
R_WORDS = ["Der", "Landrat", "hat", "die", "Pläne", "kritisiert", "."]
R_POS = ["DET", "NOUN", "AUX", "DET", "NOUN", "VERB", "PUNCT"]
R_TAGS = ["ART", "NN", "VAFIN", "ART", "NN", "VVPP", "$."]
R_UD = dict(heads=[1, 5, 5, 4, 5, 5, 5], deps=["det", "nsubj", "aux", "det", "obj", "ROOT", "punct"])
R_TIGER = dict(heads=[1, 2, 2, 4, 5, 2, 2], deps=["nk", "sb", "ROOT", "nk", "oa", "oc", "punct"])


@pytest.mark.parametrize("scheme", [R_UD, R_TIGER], ids=["ud", "tiger"])
def test_reported_event_opened_by_an_article_with_a_parse(nlp, scheme):
    doc = Doc(nlp.vocab, words=R_WORDS, spaces=[True] * 5 + [False, False], pos=R_POS, tags=R_TAGS,
              morphs=["", "Case=Nom|Number=Sing", "Mood=Ind|VerbForm=Fin", "", "", "VerbForm=Part", ""],
              lemmas=["der", "Landrat", "haben", "der", "Plan", "kritisieren", "."],
              sent_starts=[True] + [False] * 6, **scheme)
    (c,) = extract_claims(annotated(doc))
    assert c.form == "reported" and c.speaker_text == "Der Landrat" and c.cue_lemma == "kritisieren"


def test_answer_labels_that_name_nobody_take_the_interviewee_of_the_introduction(project_nlp):
    text = ("Die Präsidentin des Handelsverbands, Anna Schmidt, spricht im Interview über die Lage der Innenstädte.\n"
            "F: Frau Schmidt, wie geht es dem Handel?\nA: Die Lage ist ernst. Viele Geschäfte kämpfen ums Überleben.\n"
            "F: Was muss die Politik tun?\nA: Sie muss die Mieten begrenzen und die Innenstädte stärken.")
    found = project_nlp(text)._.claims
    assert [c.speaker_name for c in found] == ["Anna Schmidt", "Anna Schmidt"]
    assert found[0].claim_text == "Die Lage ist ernst. Viele Geschäfte kämpfen ums Überleben."


def test_an_answer_label_without_a_named_interviewee_gives_no_speaker_named_antwort(project_nlp):
    text = ("Frage: Frau Schmidt, wie geht es dem Handel?\n"
            "Antwort: Die Lage ist ernst. Viele Geschäfte kämpfen ums Überleben.\n"
            "Frage: Und was muss die Politik tun?\n"
            "Antwort: Sie muss die Mieten begrenzen und die Innenstädte stärken.")
    assert not any(c.speaker_name in ("Antwort", "A") or c.speaker_text == "Antwort" for c in project_nlp(text)._.claims)


def test_interview_questions_are_no_claims(nlp):
    text = ("Interview mit der Landrätin\n\nKreisblatt: Frau Brandt, jeder sagt, dass die Brücke marode ist. Stimmt das?\n\n"
            "Katrin Brandt: Ja, die Brücke muss bis 2027 neu gebaut werden, das Geld ist eingeplant.")
    _, found = claims_of(nlp, text)
    assert [c.evidence[0] for c in found] == ["interview_label"]


def test_a_headline_line_is_its_own_sentence(nlp_ents):
    text = "Tierwohl am Sechseläuten\nTierschützer haben die Zünfte scharf kritisiert. Es fehle am Willen zur Besserung."
    _, found = claims_of(nlp_ents, text)
    assert [c.form for c in found] == ["reported", "free_indirect"]
    assert found[0].claim_text == "Tierschützer haben die Zünfte scharf kritisiert."


def test_konjunktiv_sentence_with_a_speakerless_reporting_verb_continues(nlp):
    text = ("„Der Plan ist eine Schicksalsfrage“, sagte Blume am Montag. Jetzt sei von allen Verantwortung gefragt. "
            "Niemand wolle sich einen Bruch der Union wünschen.")
    _, found = claims_of(nlp, text)
    assert [c.form for c in found] == ["direct", "free_indirect"]
    assert found[1].claim_text == "Jetzt sei von allen Verantwortung gefragt. Niemand wolle sich einen Bruch der Union wünschen."
    assert found[1].speaker_text == "Blume" and found[1].speaker_resolution == "continuation"


# "CDU-Politiker haben die CSU aufgerufen ." parsed with the object inside the subject: the phrase is cut
C_WORDS = ["Am", "Montag", "haben", "CDU-Politiker", "die", "CSU", "zur", "Mäßigung", "aufgerufen", "."]
C_POS = ["ADP", "NOUN", "AUX", "NOUN", "DET", "PROPN", "ADP", "NOUN", "VERB", "PUNCT"]
C_TAGS = ["APPR", "NN", "VAFIN", "NN", "ART", "NE", "APPRART", "NN", "VVPP", "$."]
C_UD = dict(heads=[1, 8, 8, 8, 5, 3, 7, 8, 8, 8], deps=["case", "obl", "aux", "nsubj", "det", "nmod", "case", "obl", "ROOT", "punct"])
C_TIGER = dict(heads=[2, 0, 2, 2, 5, 3, 8, 6, 2, 2], deps=["mo", "nk", "ROOT", "sb", "nk", "ag", "mo", "nk", "oc", "punct"])


@pytest.mark.parametrize("scheme", [C_UD, C_TIGER], ids=["ud", "tiger"])
def test_object_glued_into_the_parsed_subject_is_cut(nlp, scheme):
    doc = Doc(nlp.vocab, words=C_WORDS, spaces=[True] * 8 + [False, False], pos=C_POS, tags=C_TAGS,
              lemmas=["am", "Montag", "haben", "CDU-Politiker", "der", "CSU", "zu", "Mäßigung", "aufrufen", "."],
              sent_starts=[True] + [False] * 9, **scheme)
    (c,) = extract_claims(annotated(doc))
    assert c.form == "reported" and c.speaker_text == "CDU-Politiker"


def test_genitive_without_article_after_a_reporting_noun_is_the_source(nlp):
    _, found = claims_of(nlp, "Russland hat nach Einschätzung britischer Geheimdienste einen Vorteil in der Luft gewonnen.")
    (c,) = found
    assert c.form == "according_to" and c.speaker_text == "Einschätzung britischer Geheimdienste"


def test_laut_inside_the_frame_of_a_quote_is_no_claim_of_its_own(nlp):
    text = "„Wir möchten Sie zu Gesprächen ermutigen“, sagte der Vorsitzende am Samstag laut der Agentur Interfax."
    _, found = claims_of(nlp, text)
    assert [c.form for c in found] == ["direct"]
    assert found[0].claim_text == "„Wir möchten Sie zu Gesprächen ermutigen“"


def test_a_plural_group_is_never_resolved_to_the_last_speaker(nlp_ents):
    text = ("„Die Bremse wirkt“, sagte Verbandschef Lukas Brenner am Dienstag. "
            "Die Unionsvertreter hatten die Mietpreisbremse zuvor als unausgewogen bezeichnet.")
    _, found = claims_of(nlp_ents, text)
    c = next(c for c in found if c.form == "reported")
    assert c.speaker_name is None and c.speaker_resolution == "group"


# --------------------------------------------------------------------------- issue 19, second round: the error classes

def test_demnach_takes_the_author_of_the_source_named_in_the_sentence_before(nlp_ents):
    text = ("Die Prognoseberichte der großen Konzerne sind etwas besser geworden. Das ist das Ergebnis einer Analyse "
            "der Deutschen Schutzvereinigung für Wertpapierbesitz. Demnach hat sich kein Unternehmen verschlechtert.")
    _, found = claims_of(nlp_ents, text)
    c = next(c for c in found if c.cue_lemma == "demnach")
    assert c.claim_text == "hat sich kein Unternehmen verschlechtert"
    assert c.speaker_text == "der Deutschen Schutzvereinigung für Wertpapierbesitz"


def test_demnach_inside_a_sentence_keeps_the_sentence_and_the_closest_speaker(nlp_ents):
    text = ("„Wir stehen an der Seite der Ukraine“, sagte Regierungschefin Mette Larsen am Montag. "
            "Kopenhagen werde Kiew bis 2026 rund 780 Millionen Euro bereitstellen, teilte das dänische Verteidigungsministerium mit. "
            "Der größte Teil soll demnach noch in diesem Jahr in der Ukraine ankommen.")
    _, found = claims_of(nlp_ents, text)
    c = next(c for c in found if c.cue_lemma == "demnach")
    assert c.claim_text.startswith("Der größte Teil soll")  # the words before the adverb belong to the message
    assert c.speaker_text == "das dänische Verteidigungsministerium"  # the event right before, not the first one found


def test_an_unresolved_sie_is_the_group_that_spoke_last(nlp_ents):
    text = ("Die Unionsvertreter hatten die Mietpreisbremse als unausgewogen bezeichnet. "
            "Zudem verlangen sie objektive Kriterien für angespannte Wohnungsmärkte.")
    _, found = claims_of(nlp_ents, text)
    c = next(c for c in found if c.claim_text.startswith("Zudem"))
    assert c.speaker_text == "sie" and c.speaker_name == "Die Unionsvertreter" and c.speaker_resolution == "pronoun"
    assert "last group speaker" in c.evidence[-1]


A_WORDS = ["Die", "ukrainische", "Armee", "kommt", "nach", "eigenen", "Angaben", "an", "der", "Front", "voran", "."]
A_POS = ["DET", "ADJ", "NOUN", "VERB", "ADP", "ADJ", "NOUN", "ADP", "DET", "NOUN", "ADP", "PUNCT"]
A_TAGS = ["ART", "ADJA", "NN", "VVFIN", "APPR", "ADJA", "NN", "APPR", "ART", "NN", "PTKVZ", "$."]


def test_nach_eigenen_angaben_refers_to_the_subject_phrase_without_an_entity(nlp):
    doc = Doc(nlp.vocab, words=A_WORDS, spaces=[True] * 10 + [False, False], pos=A_POS, tags=A_TAGS,
              sent_starts=[True] + [False] * 11)
    (c,) = extract_claims(annotated(doc))
    assert c.form == "according_to" and c.speaker_text == "Die ukrainische Armee" and c.speaker_resolution == "group"


def test_a_description_right_after_another_persons_claim_refers_to_that_person(nlp_ents):
    text = ("Der CDU-Politiker Joachim Pfeiffer warnte vor einem Bruch der Union. "
            "Ingo Senftleben sagte, dass er auf eine Lösung am Wochenende hoffe. "
            "„Wir reden zu viel über Probleme und zu wenig über Lösungen“, so der CDU-Politiker weiter.")
    _, found = claims_of(nlp_ents, text)
    c = next(c for c in found if c.claim_text.startswith("„Wir reden"))
    assert c.speaker_name == "Ingo Senftleben" and "speaker of the claim before" in c.evidence[-1]
    _, found = claims_of(nlp_ents, text.replace("so der CDU-Politiker", "so die CDU-Politikerin"))
    c = next(c for c in found if c.claim_text.startswith("„Wir reden"))
    assert c.speaker_name != "Ingo Senftleben"  # grammatical gender contradicts the last speaker


def test_a_newspaper_description_is_the_medium_named_last(nlp_ents):
    text = ("«Die Rechte der Tiere nimmt künftig das Veterinäramt wahr», sagt ein Sprecher der Gesundheitsdirektion zu «20 Minuten». "
            "Der Kantonsrat hat das Amt des Tieranwalts abgeschafft, ohne es zu bemerken, wie die Pendlerzeitung schreibt.")
    _, found = claims_of(nlp_ents, text)
    c = next(c for c in found if c.cue_lemma == "schreiben")
    assert c.claim_text.startswith("Der Kantonsrat hat das Amt") and "wie die Pendlerzeitung" not in c.claim_text
    assert c.speaker_text == "die Pendlerzeitung" and c.speaker_name == "20 Minuten"


def test_a_verb_of_saying_in_a_sentence_initial_wenn_clause_frames_nothing(nlp_ents):
    text = ("„Die Portale haben die Hotels unter Druck gesetzt“, sagte Kartellamtschef Andreas Mundt. "
            "Wenn die Portale den Hotels untersagten, anderswo billiger zu sein, sei das kein Bestpreis.")
    _, found = claims_of(nlp_ents, text)
    # the zu-infinitive is part of the condition, not what the portals said (with a tagger, the sentence is the
    # Konjunktiv continuation of Mundt's quote; the blank pipeline cannot see its mood and leaves it alone)
    assert not any(c.speaker_text == "die Portale" for c in found)
    assert not any(c.claim_text.startswith("anderswo billiger") for c in found)


V_WORDS = ["Frank", "Werneke", "sagte", ",", "die", "Bereitschaft", "der", "Beschäftigten", ",", "bei", "Aktionen",
           "mitzumachen", ",", "sei", "so", "groß", "wie", "nie", "."]
V_POS = ["PROPN", "PROPN", "VERB", "PUNCT", "DET", "NOUN", "DET", "NOUN", "PUNCT", "ADP", "NOUN", "VERB", "PUNCT", "AUX",
         "ADV", "ADJ", "ADP", "ADV", "PUNCT"]
V_TAGS = ["NE", "NE", "VVFIN", "$,", "ART", "NN", "ART", "NN", "$,", "APPR", "NN", "VVIZU", "$,", "VAFIN", "ADV", "ADJD",
          "KOKOM", "ADV", "$."]
V_MORPH = ["", "", "Mood=Ind|VerbForm=Fin", "", "", "", "", "", "", "", "", "VerbForm=Inf", "", "Mood=Sub|VerbForm=Fin",
           "", "", "", "", ""]


def test_a_v2_content_clause_whose_subject_carries_an_inserted_clause(nlp):
    spaces = [True] * len(V_WORDS)
    for k, w in enumerate(V_WORDS[1:], 1):
        if w in (",", "."):
            spaces[k - 1] = False
    spaces[-1] = False
    doc = Doc(nlp.vocab, words=V_WORDS, spaces=spaces, pos=V_POS, tags=V_TAGS, morphs=V_MORPH,
              sent_starts=[True] + [False] * (len(V_WORDS) - 1))
    (c,) = extract_claims(annotated(doc))
    assert c.form == "indirect" and c.claim_text.startswith("die Bereitschaft der Beschäftigten")
    assert c.claim_text.endswith("wie nie") and c.speaker_text == "Frank Werneke"


@pytest.mark.parametrize("opening, closing", [("«", "»"), ("„", "“"), ("»", "«")])
def test_pronoun_distance_does_not_depend_on_the_quotation_style(nlp_ents, opening, closing):
    text = (f"Die Vermieter haben die Mietpreisbremse als {opening}Placebo{closing} bezeichnet. "
            f"{opening}An den langen Schlangen vor den Wohnungen ändert sie nichts{closing}, sagte Axel Gedaschko, Präsident des Verbandes. "
            "Der Schlüssel liege allein im Neubau. "
            "Der Direktor des Mieterbundes, Lukas Siebenkotten, begrüßte dagegen den Beschluss der Koalition.\n"
            "Er schätzte, dass jedes Jahr bis zu eine Million Mieter profitieren würden.")
    _, found = claims_of(nlp_ents, text)
    c = next(c for c in found if c.claim_text.startswith("dass jedes Jahr"))
    assert c.speaker_name == "Lukas Siebenkotten"


# --------------------------------------------------------------------------- second round (test2 errors)

def test_a_short_parenthesis_in_the_subject_does_not_end_the_clause(nlp):
    # "(SPD)" after a name used to end the verb's clause, so the particle "an" was never found
    text = ("In Potsdam kündigte Bildungsministerin Anna Kessler (SPD) am Montag ein neues Förderprogramm an, "
            "von dem auch kleine Schulen profitieren sollen.")
    (c,) = claims_of(nlp, text)[1]
    assert c.form == "reported" and c.cue_lemma == "ankündigen" and "Anna Kessler" in c.speaker_text


def test_swiss_spelling_without_sharp_s_is_a_reporting_verb(nlp):
    (c,) = claims_of(nlp, "Ratsmitglied Petra Huber äusserte sich ähnlich.")[1]
    assert c.form == "reported" and c.speaker_text == "Ratsmitglied Petra Huber"
    (c,) = claims_of(nlp, "Gemäss einem Bericht der Kantonspolizei wurde bei dem Unfall niemand verletzt.")[1]
    assert c.form == "according_to"


@pytest.mark.parametrize("text", [
    "Die Regierungschefs drängen auf weitere Hilfen für die Länder.",  # plural of a role noun
    "Ratsmitglied Petra Huber äusserte sich ähnlich.",  # one word besides speaker and cue is enough
])
def test_reported_events_of_role_noun_plurals_and_short_sentences(nlp, text):
    (c,) = claims_of(nlp, text)[1]
    assert c.form == "reported" and c.claim_text == text


def test_an_indefinite_description_is_a_new_person_not_the_last_speaker(nlp_ents):
    text = "„Wir streiken weiter“, sagte GDL-Chef Tom Berg. „Rechtsmittel legen wir nicht ein“, teilte ein Konzernsprecher mit."
    _, found = claims_of(nlp_ents, text)
    assert found[0].speaker_name == "Tom Berg"
    assert found[1].speaker_text == "ein Konzernsprecher" and found[1].speaker_name is None


def test_a_role_description_is_a_person_not_the_organisation_in_its_genitive(nlp_ents):
    text = "Anna Kessler sprach am Mittwoch in Brüssel. „Wir haben die Prognose angehoben“, sagte die Chefin der Europäischen Zentralbank."
    _, found = claims_of(nlp_ents, text)
    assert found[-1].speaker_text == "die Chefin der Europäischen Zentralbank" and found[-1].speaker_name == "Anna Kessler"
    # a spokesperson speaks for the organisation
    text = "Anna Kessler sprach am Mittwoch in Brüssel. „Die Prognose steht“, sagte ein Sprecher der Europäischen Zentralbank."
    _, found = claims_of(nlp_ents, text)
    assert found[-1].speaker_name != "Anna Kessler"


# '„Das ist unseriös“, griff er den Vorstand, Tom Berg, an.': the particle lies beyond the apposition's commas
P_WORDS = ["„", "Das", "ist", "unseriös", "“", ",", "griff", "er", "den", "Vorstand", ",", "Tom", "Berg", ",", "an", "."]
P_POS = ["PUNCT", "PRON", "AUX", "ADJ", "PUNCT", "PUNCT", "VERB", "PRON", "DET", "NOUN", "PUNCT", "PROPN", "PROPN", "PUNCT", "ADP", "PUNCT"]
P_TAGS = ["$(", "PDS", "VAFIN", "ADJD", "$(", "$,", "VVFIN", "PPER", "ART", "NN", "$,", "NE", "NE", "$,", "PTKVZ", "$."]
P_UD = dict(heads=[2, 2, 6, 2, 2, 6, 6, 6, 9, 6, 11, 9, 11, 11, 6, 6],
            deps=["punct", "nsubj", "ccomp", "advmod", "punct", "punct", "ROOT", "nsubj", "det", "obj", "punct", "appos",
                  "flat", "punct", "compound:prt", "punct"])
P_TIGER = dict(heads=[2, 2, 6, 2, 2, 6, 6, 6, 9, 6, 11, 9, 11, 11, 6, 6],
               deps=["punct", "sb", "oc", "pd", "punct", "punct", "ROOT", "sb", "nk", "oa", "punct", "app",
                     "pnc", "punct", "svp", "punct"])


@pytest.mark.parametrize("scheme", [P_UD, P_TIGER], ids=["ud", "tiger"])
def test_a_particle_after_an_apposition_completes_the_cue(nlp, scheme):
    doc = Doc(nlp.vocab, words=P_WORDS, spaces=[False, True, True, False, False, True, True, True, True, False, True,
                                                True, False, True, False, False],
              pos=P_POS, tags=P_TAGS, sent_starts=[True] + [False] * 15, **scheme)
    found = [c for c in extract_claims(annotated(doc)) if not c.is_nested]
    assert [(c.form, c.claim_text, c.cue_lemma, c.speaker_text) for c in found] == [
        ("direct", "„Das ist unseriös“", "angreifen", "er")]


def test_a_name_the_entity_stage_misses_stays_salient_for_descriptions_and_continuations(nlp_ents):
    text = ("„Wir müssen unsere Freiheit verteidigen“, sagte Bundesrätin Keller-Sutter. „Was selbstverständlich schien, "
            "ist es nicht mehr“, sagte die Magistratin. „Wir müssen das verteidigen.“")
    _, found = claims_of(nlp_ents, text)
    assert found[0].speaker_name is None and found[0].speaker_text == "Bundesrätin Keller-Sutter"
    assert [c.speaker_name for c in found[1:]] == ["Keller-Sutter", "Keller-Sutter"]
    assert found[2].speaker_resolution == "continuation"


def test_a_pronoun_after_a_name_the_entity_stage_misses_is_that_name(nlp_ents):
    text = ("Villeroy sprach in Paris. „Eine Zinsänderung ist nicht nötig“, sagte Ratsmitglied Gediminas Simkus. "
            "„Die Inflation sinkt“, fügte er hinzu.")
    _, found = claims_of(nlp_ents, text)
    assert found[-1].speaker_text == "er" and found[-1].speaker_name == "Gediminas Simkus"


# "Nach eigenen Angaben liegt Anna Kessler in den Umfragen vorn.": the source fills the Vorfeld, the subject follows
E_WORDS = ["Nach", "eigenen", "Angaben", "liegt", "Anna", "Kessler", "in", "den", "Umfragen", "vorn", "."]
E_POS = ["ADP", "ADJ", "NOUN", "VERB", "PROPN", "PROPN", "ADP", "DET", "NOUN", "ADV", "PUNCT"]
E_TAGS = ["APPR", "ADJA", "NN", "VVFIN", "NE", "NE", "APPR", "ART", "NN", "ADV", "$."]


def test_nach_eigenen_angaben_in_the_vorfeld_refers_to_the_subject_after_the_verb(nlp):
    doc = Doc(nlp.vocab, words=E_WORDS, spaces=[True] * 9 + [False, False], pos=E_POS, tags=E_TAGS,
              morphs=["", "", "", "Mood=Ind|VerbForm=Fin"] + [""] * 7, sent_starts=[True] + [False] * 10)
    (c,) = extract_claims(annotated(doc))
    assert c.form == "according_to" and c.speaker_name == "Anna Kessler"


# an attributive participle is no cue, and Konjunktiv I of a verb whose stem ends in -t reads "entfalte"
K_WORDS = ["„", "Wir", "sind", "bereit", "“", ",", "sagte", "Drese", ".", "Die", "beschlossene", "Reform", "könne",
           "nur", "ein", "Anfang", "sein", ".", "Ihre", "Wirkung", "entfalte", "sie", "erst", "später", "."]
K_TAGS = ["$(", "PPER", "VAFIN", "ADJD", "$(", "$,", "VVFIN", "NE", "$.", "ART", "ADJA", "NN", "VMFIN",
          "ADV", "ART", "NN", "VAINF", "$.", "PPOSAT", "NN", "VVFIN", "PPER", "ADV", "ADV", "$."]
K_POS = ["PUNCT", "PRON", "AUX", "ADJ", "PUNCT", "PUNCT", "VERB", "PROPN", "PUNCT", "DET", "ADJ", "NOUN", "AUX",
         "ADV", "DET", "NOUN", "AUX", "PUNCT", "DET", "NOUN", "VERB", "PRON", "ADV", "ADV", "PUNCT"]
K_LEMMAS = ["„", "wir", "sein", "bereit", "“", ",", "sagen", "Drese", ".", "der", "beschließen", "Reform", "können",
            "nur", "ein", "Anfang", "sein", ".", "ihr", "Wirkung", "entfalten", "sie", "erst", "später", "."]


def test_konjunktiv_continuations_past_an_attributive_participle_and_a_stem_in_t(nlp):
    spaces = [False, True, True, False, False, True, True, False, True] + [True] * 7 + [False, True] + [True] * 5 + [False, False]
    morphs = [""] * 12 + ["Mood=Sub|VerbForm=Fin"] + [""] * 12
    doc = Doc(nlp.vocab, words=K_WORDS, spaces=spaces, tags=K_TAGS, pos=K_POS, lemmas=K_LEMMAS, morphs=morphs,
              sent_starts=[True] + [False] * 8 + [True] + [False] * 8 + [True] + [False] * 6)
    found = [c for c in extract_claims(annotated(doc)) if not c.is_nested]
    assert [(c.form, c.claim_text) for c in found] == [
        ("direct", "„Wir sind bereit“"),
        ("free_indirect", "Die beschlossene Reform könne nur ein Anfang sein. Ihre Wirkung entfalte sie erst später.")]
    assert found[1].speaker_text == "Drese"


def test_a_person_description_takes_the_name_in_its_closing_apposition(nlp_ents):
    _, found = claims_of(nlp_ents, "„Wir haben noch keine Lösungen“, so der Generalsekretär des Bauernverbandes, Bernhard Krüsken.")
    assert found[0].speaker_name == "Bernhard Krüsken"


def test_a_long_vorfeld_before_a_konjunktiv_verb_is_still_content(nlp):
    text = "Bauernpräsident Joachim Rukwied erklärte am Abend, die Gespräche mit der Politik über den Agrardiesel würden fortgesetzt."
    (c,) = claims_of(nlp, text)[1]
    assert c.form == "indirect" and c.claim_text.startswith("die Gespräche") and "Rukwied" in c.speaker_text


def test_the_short_form_of_an_organisation_named_before_makes_a_reported_event(nlp):
    words = ["Die", "Kritik", "an", "der", "Deutschen", "Bahn", "wächst", ".", "Die", "Bahn", "wies", "die", "Vorwürfe", "zurück", "."]
    ents = ["O"] * 4 + ["B-ORG", "I-ORG"] + ["O"] * 9
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 6 + [False, True] + [True] * 5 + [False, False], ents=ents,
              sent_starts=[True] + [False] * 7 + [True] + [False] * 6)
    found = extract_claims(annotated(doc))
    assert [(c.form, c.claim_text, c.speaker_text) for c in found] == [
        ("reported", "Die Bahn wies die Vorwürfe zurück.", "Die Bahn")]


# "Neue Demonstrationen schließt der Verbandschef nicht aus." parsed with two subjects (a weak parse): agreement
# with the singular verb decides
G_WORDS = ["Neue", "Demonstrationen", "schließt", "der", "Verbandschef", "nicht", "aus", "."]
G_POS = ["ADJ", "NOUN", "VERB", "DET", "NOUN", "PART", "ADP", "PUNCT"]
G_TAGS = ["ADJA", "NN", "VVFIN", "ART", "NN", "PTKNEG", "PTKVZ", "$."]
G_MORPHS = ["Number=Plur", "Case=Nom|Number=Plur", "Mood=Ind|Number=Sing|VerbForm=Fin", "Case=Nom|Number=Sing",
            "Case=Nom|Number=Sing", "", "", ""]
G_UD = dict(heads=[1, 2, 2, 4, 2, 2, 2, 2], deps=["amod", "nsubj", "ROOT", "det", "nsubj", "advmod", "compound:prt", "punct"])
G_TIGER = dict(heads=[1, 2, 2, 4, 2, 2, 2, 2], deps=["nk", "sb", "ROOT", "nk", "sb", "ng", "svp", "punct"])


@pytest.mark.parametrize("scheme", [G_UD, G_TIGER], ids=["ud", "tiger"])
def test_a_plural_noun_is_no_subject_of_a_singular_reporting_verb(nlp, scheme):
    doc = Doc(nlp.vocab, words=G_WORDS, spaces=[True] * 6 + [False, False], pos=G_POS, tags=G_TAGS, morphs=G_MORPHS,
              sent_starts=[True] + [False] * 7, **scheme)
    (c,) = extract_claims(annotated(doc))
    assert c.form == "reported" and c.speaker_text == "der Verbandschef"


def test_a_sentence_final_frame_beats_a_content_clause_inside_and_frames_a_conditional_statement(nlp):
    text = ("Bauernpräsident Joachim Rukwied drohte mit neuen Protesten. Die Landwirte wollten ständig wissen, ob sich "
            "etwas bewege, sagte er. Wenn sich nichts bewege, würden sie wieder auf die Straße gehen, fügte er hinzu.")
    _, found = claims_of(nlp, text)
    assert [(c.form, c.claim_text, c.speaker_text) for c in found[1:]] == [
        ("indirect", "Die Landwirte wollten ständig wissen, ob sich etwas bewege", "er"),
        ("indirect", "Wenn sich nichts bewege, würden sie wieder auf die Straße gehen", "er")]


def test_a_headline_makes_no_claim_but_its_speaker_stays_salient(nlp_ents):
    text = ("Keller-Sutter ruft die Schweiz auf, ihre Freiheiten zu verteidigen\n\n"
            "„Was selbstverständlich schien, ist es nicht mehr“, sagte die Bundesrätin in Bern.")
    _, found = claims_of(nlp_ents, text)
    assert [(c.claim_text, c.speaker_name) for c in found] == [
        ("„Was selbstverständlich schien, ist es nicht mehr“", "Keller-Sutter")]
    # a quotation with its own full stop on a line of its own is a sentence, not a headline
    _, found = claims_of(nlp_ents, "Die Ministerin sprach in Bern.\n\n„Wir schaffen das.“\n\nDann ging sie.")
    assert any(c.claim_text == "„Wir schaffen das.“" for c in found)


def test_a_person_before_an_affiliation_is_the_speaker_not_the_organisation(nlp):
    words = ["«", "Das", "ist", "ein", "Rückschlag", "»", ",", "sagte", "Gieri", "Bolliger", "von", "der", "Stiftung",
             "Tier", "im", "Recht", "."]
    ents = ["O"] * 12 + ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]
    spaces = [False, True, True, True, False, False, True, True, True, True, True, True, True, True, True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, ents=ents, sent_starts=[True] + [False] * 16)
    (c,) = extract_claims(annotated(doc))
    assert c.speaker_name == "Gieri Bolliger" and c.speaker_entity_id is None


def test_a_state_named_as_subject_makes_a_reported_event(nlp):
    words = ["Dänemark", "hat", "ein", "neues", "Hilfspaket", "für", "die", "Ukraine", "angekündigt", "."]
    ents = ["B-LOC"] + ["O"] * 6 + ["B-LOC", "O", "O"]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 8 + [False, False], ents=ents, sent_starts=[True] + [False] * 9)
    (c,) = extract_claims(annotated(doc))
    assert c.form == "reported" and c.speaker_text == "Dänemark"
    # a place in a prepositional phrase stays no speaker
    words = ["In", "Dänemark", "wurde", "ein", "Hilfspaket", "angekündigt", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 5 + [False, False], ents=["O", "B-LOC"] + ["O"] * 5,
              sent_starts=[True] + [False] * 6)
    assert extract_claims(annotated(doc)) == []


@pytest.mark.parametrize("text, speaker", [
    ("Die Vermieter haben die Mietpreisbremse, die die Koalition kommende Woche beschließen will, als «Placebo» bezeichnet.",
     "Die Vermieter"),
    ("Hubert Primus, der für die Stiftung spricht, wies die Vorwürfe zurück.", "Hubert Primus"),
    ("Die Ministerin, die seit 2020 im Amt ist, kritisierte die Pläne scharf.", "Die Ministerin"),
])
def test_an_embedded_relative_clause_does_not_end_the_clause_of_the_verb_after_it(nlp, text, speaker):
    (c,) = [c for c in claims_of(nlp, text)[1] if not c.is_nested]
    assert c.form == "reported" and c.claim_text == text and c.speaker_text == speaker


# --------------------------------------------------------------------------- fourth round (issue 19, branch issue-19-r3)


@pytest.mark.parametrize("text", [
    "Regierungssprecherin Petra Lindner verteidigte die Entlassung des Staatssekretärs.",
    "Justizministerin Carla Brenner lehnt die Pläne weiterhin ab.",
    "Die Ministerin hält die neue Regel für einen kleinen Fortschritt.",
    "Die Präsidentin der Notenbank rechnet für den Sommer mit sinkenden Zinsen.",
])
def test_stance_verbs_make_reported_events(nlp, text):
    (c,) = claims_of(nlp, text)[1]
    assert c.form == "reported" and c.claim_text == text
    assert "stance_verb" in c.evidence


def test_a_stance_verb_needs_the_preposition_of_its_reading(nlp):
    assert claims_of(nlp, "Die Ministerin hält an ihrem Kurs fest.")[1] == []


def test_a_reporting_sentence_continued_in_konjunktiv_gives_the_continuation_its_speaker(nlp):
    text = "Ministeriumssprecher Jonas Albrecht wies die Vorwürfe zurück. Die Behörde habe alle Fristen eingehalten."
    found = claims_of(nlp, text)[1]
    assert [c.form for c in found] == ["reported", "free_indirect"]
    assert found[1].claim_text == "Die Behörde habe alle Fristen eingehalten."
    assert found[1].speaker_text == "Ministeriumssprecher Jonas Albrecht"


def test_a_thought_verb_continued_in_konjunktiv_is_a_reported_event(project_nlp):
    text = ("Die Landesregierung sieht derzeit keine besondere Gefahr. "
            "Lediglich Landwirte mit engem Kontakt zu Geflügel seien gefährdet.")
    found = [c for c in project_nlp(text)._.claims]
    assert [c.form for c in found] == ["reported", "free_indirect"]
    assert "reported_before_continuation" in found[0].evidence
    assert found[1].speaker_text == "Die Landesregierung"


@pytest.mark.parametrize("second", [
    "Die Kanzlerin habe sich einen Neuanfang im Ministerium gewünscht.",  # Konjunktiv auxiliary (blank pipeline)
])
def test_a_reporting_verb_in_konjunktiv_continues_the_report(nlp, second):
    text = "Regierungssprecher Georg Lenz verteidigte die Entlassung. " + second
    found = claims_of(nlp, text)[1]
    assert [c.form for c in found] == ["reported", "free_indirect"]
    assert found[1].claim_text == second
    assert found[1].speaker_text == "Regierungssprecher Georg Lenz"


def test_a_reporting_verb_in_konjunktiv_continues_the_report_with_a_tagger(project_nlp):
    text = "Regierungssprecher Georg Lenz verteidigte die Entlassung. Die Kanzlerin wünsche sich einen Neuanfang."
    found = project_nlp(text)._.claims
    assert [c.form for c in found] == ["reported", "free_indirect"]
    assert found[1].speaker_name == "Georg Lenz"


@pytest.mark.parametrize("text, quote", [
    ("SPD-Innenexperte Jan Sommer nannte den Bericht eine „Zeitungsente“.", "„Zeitungsente“"),
    ("Eine Sprecherin nannte die Streikankündigung „völlig unnötig“.", "„völlig unnötig“"),
    ("Als »sehr angespannt« beschreibt Kommandant Ralf Kunz die Lage am Sonntag.", "»sehr angespannt«"),
])
def test_a_quoted_phrase_in_a_reporting_clause_is_a_partial_quotation_in_a_reported_event(nlp, text, quote):
    found = claims_of(nlp, text)[1]
    assert [(c.form, c.is_nested) for c in found] == [("reported", False), ("direct", True)]
    assert found[0].claim_text == text and found[1].claim_text == quote


def test_a_quoted_name_is_no_partial_quotation(nlp):
    found = claims_of(nlp, "Der Minister sagte der „Zeit“, er wolle bleiben.")[1]
    assert [c.form for c in found] == ["indirect"]


@pytest.mark.parametrize("label, speaker", [
    ("Adi Hütter (Gladbach)", "Adi Hütter"),
    ("Jörg Schmadtke (Geschäftsführer Sport Wolfsburg)", "Jörg Schmadtke"),
])
def test_a_labelled_statement_with_a_parenthesis_is_a_direct_claim_of_the_name(nlp_ents, label, speaker):
    text = f"Borussia Mönchengladbach - FSV Mainz 1:1\n\n{label}: „Wir haben zwei ganz unterschiedliche Halbzeiten gesehen.“"
    found = claims_of(nlp_ents, text)[1]
    assert [(c.form, c.speaker_text) for c in found] == [("direct", speaker)]
    assert found[0].claim_text == "„Wir haben zwei ganz unterschiedliche Halbzeiten gesehen.“"


def test_a_parenthesis_after_a_place_is_no_label(nlp_ents):
    found = claims_of(nlp_ents, "Stand der Dinge\n\nBerlin (Mitte): „Die Straße bleibt gesperrt.“")[1]
    assert all(c.speaker_text != "Berlin" for c in found)


def test_a_colon_frame_takes_the_quote_of_the_next_paragraph(nlp_ents):
    text = "Die Ministerin erklärte am Montag:\n\n„Wir werden die Mittel nicht kürzen. Das ist beschlossen.“"
    found = claims_of(nlp_ents, text)[1]
    assert [(c.form, c.speaker_text, c.evidence[0]) for c in found] == [
        ("direct", "Die Ministerin", "frame_then_quote_colon")]


@pytest.mark.parametrize("text", [
    "Der scheidende Umweltminister Jonas Kehl will sich zunächst nicht äußern.",
    "Das Unternehmen kommentierte den Bericht nicht.",
])
def test_a_refusal_to_comment_is_no_claim(nlp, text):
    assert claims_of(nlp, text)[1] == []


def test_a_negated_act_verb_is_still_a_claim(nlp):
    (c,) = claims_of(nlp, "Der Verband schließt weitere Schritte nicht aus.")[1]
    assert c.form == "reported"


def test_listing_pros_and_cons_is_a_reported_event_of_an_occupation_noun(nlp):
    text = "Die Architektin zählte Vor- und Nachteile des Standorts auf. Der Höhenunterschied sei zu bewältigen."
    found = claims_of(nlp, text)[1]
    assert [(c.form, c.speaker_text) for c in found] == [("reported", "Die Architektin"), ("free_indirect", "Die Architektin")]


def test_a_truncated_compound_after_a_role_noun_is_no_name(nlp_ents):
    text = ("Planer Matthias Kirchner legte dem Gemeinderat mehrere Varianten vor. "
            "In einer Bewertung zählte der Architekt Vor- und Nachteile auf.")
    doc = annotated(nlp_ents(text))
    assert all(not m.text.endswith("-") for m in doc._.mentions)


def test_a_possessive_genitive_after_a_reporting_noun_belongs_to_the_source(nlp):
    (c,) = claims_of(nlp, "Die Kanzlerin plant nach Angaben ihres Sprechers keine Umbildung des Kabinetts.")[1]
    assert c.form == "according_to" and c.speaker_text == "Angaben ihres Sprechers"


def test_an_office_named_after_its_state_is_the_office(nlp_ents):
    found = claims_of(nlp_ents, "Wie die Landesdirektion Sachsen mitteilte, werden nun alle Bewohner getestet.")[1]
    assert found[0].speaker_name != "Sachsen"


def test_geraten_with_a_directional_phrase_is_no_reporting_verb(nlp):
    text = "Am 10. August waren vor der Sparkasse zwei Gruppen in Streit geraten, ein Mann wurde dabei verletzt."
    assert claims_of(nlp, text)[1] == []


# --------------------------------------------------------------------------- sixth round (issue 19, branch issue-19-r6)

UNANNOUNCED = """Helga Brenner

"Ich bleibe in der Stadt"

Frau Brenner, wie geht es Ihnen nach dem Abschied?

Ganz gut.

Und im Rathaus?

Da fehlt mir manches, nach zwölf Jahren im Amt. Aber ich habe jetzt mehr Zeit für die Familie.

Und jetzt müssen Sie loslassen.

Das fällt mir schwer. Man gewöhnt sich erst langsam daran, dass nicht jeden Morgen ein Termin wartet.

Bereuen Sie Ihren Rückzug?

Nein. Wir haben als Fraktion viel erreicht, und die Nachfolge war geregelt."""


def test_an_unlabelled_interview_without_announcement_is_read_from_its_form(nlp_ents):
    doc, found = claims_of(nlp_ents, UNANNOUNCED)
    answers = [c for c in found if "interview_unlabelled" in c.evidence]
    assert [c.claim_text[:12] for c in answers] == ["Ganz gut.", "Da fehlt mir", "Das fällt mi", "Nein. Wir ha"]
    assert {c.speaker_name for c in answers} == {"Helga Brenner"}
    assert all(c.form == "direct" and c.speaker_resolution == "continuation" for c in answers)
    # the questions and the interviewer's statement ("Und jetzt müssen Sie loslassen.") are no claims
    assert not any("loslassen" in c.claim_text or "Rückzug" in c.claim_text for c in found)


def test_unlabelled_questions_need_address_and_answers_in_the_first_person():
    # an explainer page in question/answer form: the answers do not speak of themselves
    explainer = ("Neue Regeln für Heizungen\n\nWas ändert sich für Mieter?\n\nDie Kosten dürfen nur begrenzt "
                 "umgelegt werden.\n\nWas müssen Sie als Eigentümer jetzt tun?\n\nEigentümer sollten die Anlage prüfen "
                 "lassen.\n\nWann gilt das für Sie?\n\nDie Regel gilt ab dem kommenden Jahr.")
    assert interviews.find_answers(explainer, "Klara Vogt") == []
    faq = UNANNOUNCED.replace("Helga Brenner\n", "Häufige Fragen zum Abschied\n")
    assert interviews.find_answers(faq, "Helga Brenner") == []
    assert len(interviews.find_answers(UNANNOUNCED, "Helga Brenner")) == 4
    # two question/answer pairs alone are not yet an interview
    two = UNANNOUNCED[:UNANNOUNCED.index("Und jetzt")]
    assert interviews.find_answers(two, "Helga Brenner") == []


def test_an_announced_interview_with_a_vocative_of_the_interviewee_needs_one_answer(nlp_ents):
    text = ("Bürgermeisterkandidat Tobias Lenz im Interview\n\nVor der Wahl führt die Redaktion Gespräche mit allen "
            "Kandidaten. Diesmal ist Tobias Lenz an der Reihe.\n\nHerr Lenz, warum hängen Ihre Plakate so spät?\n\n"
            "Das war eine bewusste Entscheidung. Wir haben ein kleines Budget und setzen auf Hausbesuche.\n\n"
            "„Wir setzen auf Hausbesuche.“\n\nUnd nach der Wahl? Mit wem wollen Sie koalieren?")
    doc, found = claims_of(nlp_ents, text)
    assert [(c.claim_text[:20], c.speaker_name) for c in found] == [("Das war eine bewusst", "Tobias Lenz")]
    # the pull quote and the questions make no claims


def test_labelled_answers_after_unlabelled_questions(nlp):
    text = ("Bürgermeisterin Anna Roth, wie fühlt sich der Sieg an?\n\nRoth: Ungewohnt und schön. Ich muss das alles "
            "erst begreifen.\n\nSie wollen rasch eine Koalition bilden. Was haben Sie sonst vor?\n\nRoth: Am ersten Tag "
            "besuche ich die Schulen der Stadt, am zweiten die Nachbargemeinden.\n\nDas Interview führte Paul Kern")
    answers = interviews.find_answers(text)
    assert [text[a.start:a.end][:10] for a in answers] == ["Ungewohnt ", "Am ersten "]
    assert {a.speaker for a in answers} == {"Anna Roth"}


def test_an_unlabelled_answer_after_an_unlabelled_question_in_a_labelled_interview(nlp):
    text = ("Oberbürgermeister Jan Weiß im Gespräch\n\nKurier: Herr Weiß, wie fällt Ihre Bilanz aus?\nWeiß: Das sollen "
            "andere beurteilen, ich bewerte mich ungern selbst.\n\nDann anders gefragt: Was ist gelungen?\nDas Bild "
            "der Stadt hat sich verbessert, und darauf bin ich ein wenig stolz.")
    doc, found = claims_of(nlp, text)
    answers = [c for c in found if "interview_label" in c.evidence]
    assert [c.claim_text[:10] for c in answers] == ["Das sollen", "Das Bild d"]
    assert {c.speaker_name for c in answers} == {"Jan Weiß"}
    assert answers[1].speaker_resolution == "continuation" and answers[1].speaker_text == "Weiß"


def test_a_konjunktiv_continuation_runs_on_into_the_next_paragraph(project_nlp):
    text = ("Vorstandschef Lars Brink sagte am Mittwoch, der Konzern liege für das ganze Jahr auf Kurs.\n\n"
            "Die Rückkehr in die Gewinnzone und die Dividende seien ein wichtiger Schritt gewesen.")
    found = project_nlp(text)._.claims
    assert [c.form for c in found] == ["indirect", "free_indirect"]
    assert found[1].claim_text == "Die Rückkehr in die Gewinnzone und die Dividende seien ein wichtiger Schritt gewesen."
    assert found[1].speaker_text == "Vorstandschef Lars Brink"


def _tagged(words, tags, lemmas):
    doc = Doc(spacy.blank("de").vocab, words=words, spaces=[w not in (".",) for w in words[1:]] + [False])
    for tok, tag, lemma in zip(doc, tags, lemmas):
        tok.tag_, tok.lemma_ = tag, lemma
        tok.pos_ = {"VVFIN": "VERB", "ADJD": "ADJ", "ADJA": "ADJ", "PDS": "PRON", "PPER": "PRON", "ADV": "ADV",
                    "PTKNEG": "PART", "$.": "PUNCT", "NN": "NOUN", "ART": "DET"}.get(tag, "X")
    return doc


@pytest.mark.parametrize("words, tags, lemmas, expected", [
    (["Das", "genüge", "nicht", "."], ["PDS", "ADJD", "PTKNEG", "$."], ["der", "genügen", "nicht", "."], True),
    (["Die", "Lösung", "fehle", "."], ["ART", "NN", "VVFIN", "$."], ["der", "Lösung", "fehlen", "."], True),
    (["Es", "reiche", "nicht", "."], ["PPER", "ADJA", "PTKNEG", "$."], ["es", "reichen", "nicht", "."], True),
    (["Der", "Plan", "gelte", "."], ["ART", "NN", "VVFIN", "$."], ["der", "Plan", "gelten", "."], True),
    (["Ich", "prüfe", "das", "."], ["PPER", "VVFIN", "PDS", "$."], ["ich", "prüfen", "der", "."], False),
    (["die", "reiche", "Stadt", "."], ["ART", "ADJA", "NN", "$."], ["der", "reich", "Stadt", "."], False),
    (["Er", "prüfte", "das", "."], ["PPER", "VVFIN", "PDS", "$."], ["er", "prüfen", "der", "."], False),
    (["Das", "Geld", "genüge", "nicht", "."], ["ART", "NN", "ADV", "PTKNEG", "$."], ["der", "Geld", "genügen", "nicht", "."], True),
    (["Er", "kommt", "gerne", "."], ["PPER", "VVFIN", "ADV", "$."], ["er", "kommen", "gerne", "."], False),
])
def test_weak_konjunktiv_i_is_read_from_the_infinitive_when_the_tagger_misses_it(words, tags, lemmas, expected):
    from pipeline.claims.extract import _konjunktiv_i

    doc = _tagged(words, tags, lemmas)
    (verb,) = [t for t in doc if t.tag_ in ("VVFIN", "ADJA", "ADJD", "ADV")][-1:]
    assert _konjunktiv_i(verb) is expected


@pytest.mark.parametrize("text, speaker", [
    ("Der Mieterbund sagt, das reiche nicht.", "Der Mieterbund"),
    ("Mieterverbände sagen, das reiche nicht.", "Mieterverbände"),
    ("Die Kritiker meinen, das Geld genüge nicht.", "Die Kritiker"),
])
def test_a_content_clause_with_a_mistagged_weak_konjunktiv_i_is_indirect_speech(project_nlp, text, speaker):
    # the project's tagger reads "reiche" as an adjective and "genüge" as an adverb here
    (c,) = project_nlp(text)._.claims
    assert c.form == "indirect" and c.speaker_text == speaker and c.claim_text == text.split(", ", 1)[1].rstrip(".")


def test_weak_konjunktiv_i_continues_a_report_with_a_tagger(project_nlp):
    text = "Der Sprecher der Stadt sagte, man arbeite an einer Lösung. Das genüge aber noch nicht. Der Plan gelte weiter."
    found = project_nlp(text)._.claims
    assert [c.form for c in found] == ["indirect", "free_indirect"]
    assert found[1].claim_text == "Das genüge aber noch nicht. Der Plan gelte weiter."


@pytest.mark.parametrize("text, speaker", [
    ("Die Regierung verurteilte den Angriff laut der Agentur Anadolu auf das Schärfste und forderte eine Aufklärung.",
     "Die Regierung"),
    ("Der Sozialverband kritisierte nach Angaben der Zeitung die Pläne des Bauministeriums.", "Der Sozialverband"),
])
def test_a_source_phrase_after_the_subject_of_a_speech_act_is_the_channel(project_nlp, text, speaker):
    (c,) = project_nlp(text)._.claims
    assert c.form == "reported" and c.speaker_text == speaker and c.claim_text == text


def test_a_source_phrase_opening_the_sentence_stays_the_source(project_nlp):
    (c,) = project_nlp("Laut der Agentur Anadolu verurteilte die Regierung den Angriff.")._.claims
    assert c.form == "according_to" and c.speaker_text == "der Agentur Anadolu"
    (c,) = project_nlp("Die Zahl der Verletzten stieg nach Angaben der Polizei auf zwölf.")._.claims
    assert c.form == "according_to" and c.speaker_text == "Angaben der Polizei"


@pytest.mark.parametrize("text, speaker", [
    ("In einem Interview hat Bischof Paul Renz die Forderung nach einem Wort des Papstes als „überzogen“ bezeichnet.",
     "Bischof Paul Renz"),
    ("Die Firma Nordtec rechnet für das laufende Jahr mit einem Gewinn nach Steuern.", "Die Firma Nordtec"),
])
def test_nach_as_a_complement_or_a_preposition_is_no_source(project_nlp, text, speaker):
    found = [c for c in project_nlp(text)._.claims if not c.is_nested]
    assert [(c.form, c.speaker_text) for c in found] == [("reported", speaker)]


@pytest.mark.parametrize("text, speaker", [
    ("Die Organisationen unterstreichen den dringenden Bedarf an politischen Lösungen.", "Die Organisationen"),
    ("Die Brandenburger Behörden gehen von einem Täter aus der Region aus.", "Die Brandenburger Behörden"),
    ("Der Konzern rechnet mit steigenden Umsätzen im zweiten Halbjahr.", "Der Konzern"),
])
def test_an_institution_noun_singular_or_plural_makes_a_reported_event(project_nlp, text, speaker):
    (c,) = project_nlp(text)._.claims
    assert c.form == "reported" and c.speaker_text == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Der Mieterbund kritisierte die Erhöhung als zu hoch.", "Der Mieterbund"),
    ("Der Steuerzahlerbund forderte, die Ausgaben zu senken.", "Der Steuerzahlerbund"),
])
def test_a_federation_noun_in_bund_is_an_institution_speaker(project_nlp, text, speaker):
    (c,) = project_nlp(text)._.claims
    assert c.speaker_text == speaker


@pytest.mark.parametrize("text", [
    "Die Steuern unterstreichen den Bedarf an neuen Regeln.",
    "Von der alten Brücke geht eine Gefahr aus.",
])
def test_things_make_no_reported_event_of_a_stance_verb(project_nlp, text):
    assert project_nlp(text)._.claims == []


@pytest.mark.parametrize("text, speaker", [
    ("Gewerkschaft kritisiert Verband\n\nPassau (dpa) - Ines Kramer, die Vorsitzende der Gewerkschaft, hat den Verband "
     "wegen der Absage eines Spiels scharf kritisiert.", "Ines Kramer"),
    ("Streit um Gebühren\n\nBremen (dpa) - Die Chefin des Verbands, Anna Beispiel, fordert mehr Geld für die Kommunen.",
     "Anna Beispiel"),
])
def test_a_dateline_after_a_headline_is_no_part_of_the_speaker(project_nlp, text, speaker):
    (c,) = project_nlp(text)._.claims
    assert c.form == "reported" and c.speaker_name == speaker and "Passau" not in c.claim_text and "Bremen (" not in c.claim_text


# "Berlin - Lena Weber, Chefin des Verbands, sagte …": parsers take the dateline's place for the subject and hang
# the name on it; the name with its description between commas before the verb is the speaker (both schemes).
D_WORDS = ["Berlin", "-", "Lena", "Weber", ",", "Chefin", "des", "Verbands", ",", "sagte", "am", "Montag", ",", "man",
           "sei", "vorbereitet", "."]
D_POS = ["PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT", "NOUN", "DET", "NOUN", "PUNCT", "VERB", "ADP", "NOUN", "PUNCT",
         "PRON", "AUX", "VERB", "PUNCT"]
D_TAGS = ["NE", "$(", "NE", "NE", "$,", "NN", "ART", "NN", "$,", "VVFIN", "APPRART", "NN", "$,", "PIS", "VAFIN", "VVPP", "$."]
D_UD = dict(heads=[9, 2, 0, 2, 5, 0, 7, 5, 0, 9, 11, 9, 15, 15, 15, 9, 9],
            deps=["nsubj", "punct", "flat", "flat", "punct", "conj", "det", "nmod", "punct", "ROOT", "case", "obl", "punct",
                  "nsubj", "cop", "ccomp", "punct"])
D_TIGER = dict(heads=[9, 9, 3, 0, 5, 0, 7, 5, 9, 9, 9, 10, 14, 14, 9, 14, 9],
               deps=["sb", "punct", "pnc", "app", "punct", "app", "nk", "ag", "punct", "ROOT", "mo", "nk", "punct", "sb",
                     "oc", "pd", "punct"])


@pytest.mark.parametrize("scheme", [D_UD, D_TIGER], ids=["ud", "tiger"])
def test_a_name_with_a_description_after_a_dateline_is_the_speaker(nlp, scheme):
    doc = Doc(nlp.vocab, words=D_WORDS, spaces=[True, True, True, False, True, True, True, False, True, True, True, False,
                                                True, True, True, False, False],
              pos=D_POS, tags=D_TAGS, lemmas=[w.lower() if p in ("DET", "PRON") else w for w, p in zip(D_WORDS, D_POS)],
              morphs=[""] * 9 + ["Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin"] + [""] * 4
              + ["Mood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "VerbForm=Part", ""],
              ents=["B-LOC", "O", "B-PER", "I-PER"] + ["O"] * 13, sent_starts=[True] + [False] * 16, **scheme)
    doc[9].lemma_, doc[14].lemma_ = "sagen", "sein"
    (c,) = extract_claims(annotated(doc))
    assert c.form == "indirect" and c.speaker_text == "Lena Weber, Chefin des Verbands" and c.cue_lemma == "sagen"


@pytest.mark.parametrize("text", [
    "Berlin (dpa) - Lena Weber, Chefin des Verbands, sagte am Montag: „Wir sind vorbereitet.“",
    "Berlin (dpa) - [Lena Weber](https://example.org), Chefin des Verbands, sagte am Montag: „Wir sind vorbereitet.“",
])
def test_a_dateline_place_is_no_subject_before_a_name_and_its_description(project_nlp, text):
    (c,) = project_nlp(text)._.claims
    assert c.form == "direct" and c.speaker_name == "Lena Weber" and c.speaker_resolution == "explicit"


def test_a_time_phrase_between_commas_is_no_speaker(project_nlp):
    (c,) = project_nlp("Am Montag, nach langer Debatte im Landtag, sagte sie, man sei vorbereitet.")._.claims
    assert c.speaker_text == "sie"


def test_a_dateline_opens_a_later_paragraph_too(nlp):
    from pipeline.claims.extract import DATELINE

    text = "Streit um Gebühren\n\nBremen (dpa) - Die Stadt will Gebühren erheben."
    assert DATELINE.match(text, text.index("Bremen")).group(0) == "Bremen (dpa) - "


@pytest.mark.parametrize("text, speaker", [
    ("Die Festgenommenen würden zu dem Vorwurf befragt, Falschnachrichten verbreitet zu haben, hieß es aus "
     "Sicherheitskreisen. Außerdem hätten sie keine gültige Arbeitserlaubnis.", "Sicherheitskreisen"),
    ("Es handle sich um zwei Techniker aus Italien, erfuhr die Agentur aus Regierungskreisen. Sie seien unverletzt.",
     "Regierungskreisen"),
])
def test_the_source_of_heissen_and_erfahren_is_the_phrase_after_aus(nlp, text, speaker):
    found = claims_of(nlp, text)[1]
    assert [c.form for c in found] == ["indirect", "free_indirect"]
    assert all(c.speaker_text == speaker for c in found)


def test_heissen_without_a_source_stays_unattributed(nlp):
    (c, d) = claims_of(nlp, "Die Gespräche seien schwierig, hieß es. Eine Einigung sei nicht in Sicht.")[1]
    assert c.speaker_text is None and c.speaker_resolution == "unattributed"


def test_an_impersonal_reporting_verb_in_konjunktiv_continues_the_speaker(project_nlp):
    text = ("Natürlich brauche das alles seine Zeit, sagt der Minister Omar Kalil. Das sei Sache der Parteien. "
            "Man rede mit allen politischen Strömungen der Gesellschaft.")
    found = project_nlp(text)._.claims
    assert [c.form for c in found] == ["indirect", "free_indirect"]
    assert found[1].claim_text.endswith("Man rede mit allen politischen Strömungen der Gesellschaft.")


def test_an_anaphoric_frame_takes_up_the_last_sentence_of_the_paragraph_before(project_nlp):
    text = ("Zu den Plänen der Kommissarin gebe es «nichts Neues zu sagen».\n\n"
            "Das sagte eine Kommissionssprecherin am Freitag in Brüssel.")
    found = [c for c in project_nlp(text)._.claims if not c.is_nested]
    assert [(c.form, c.speaker_text) for c in found] == [("mixed", "eine Kommissionssprecherin")]
    assert found[0].claim_text.startswith("Zu den Plänen der Kommissarin")


@pytest.mark.parametrize("text, speaker", [
    ("Die Stadt werde die Gebühren senken, sagte eine Sprecherin am Montag in Bremen.", "eine Sprecherin"),
    ("Die Stadt werde die Gebühren senken, sagte der Bürgermeister von Bremen.", "der Bürgermeister von Bremen"),
    ("Die Kirche müsse sich öffnen, sagte die Präses der Synode der Evangelischen Kirche in Deutschland, Lea Brandt.",
     "die Präses der Synode der Evangelischen Kirche in Deutschland"),  # an organisation's name is not cut
])
def test_an_adverbial_of_time_or_place_is_no_part_of_the_speaker(project_nlp, text, speaker):
    (c,) = project_nlp(text)._.claims
    assert c.speaker_text.startswith(speaker) and "Montag" not in c.speaker_text


# "Parteichef Jan Roth hat Ministerin Anna Weber vorgeworfen, die Regeln zu umgehen." parsed with the object after
# the auxiliary as the subject (a weak parse): the person phrase that fills the Vorfeld is the subject
VF_WORDS = ["Parteichef", "Jan", "Roth", "hat", "Ministerin", "Anna", "Weber", "vorgeworfen", ",", "die", "Regeln", "zu",
           "umgehen", "."]
VF_POS = ["NOUN", "PROPN", "PROPN", "AUX", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT", "DET", "NOUN", "PART", "VERB", "PUNCT"]
VF_TAGS = ["NN", "NE", "NE", "VAFIN", "NN", "NE", "NE", "VVPP", "$,", "ART", "NN", "PTKZU", "VVINF", "$."]
VF_LEMMAS = ["Parteichef", "Jan", "Roth", "haben", "Ministerin", "Anna", "Weber", "vorwerfen", ",", "der", "Regel", "zu",
            "umgehen", "."]
VF_UD = dict(heads=[7, 0, 1, 7, 7, 4, 5, 7, 12, 10, 12, 12, 7, 7],
            deps=["iobj", "flat", "flat", "aux", "nsubj", "flat", "flat", "ROOT", "punct", "det", "obj", "mark", "xcomp", "punct"])
VF_TIGER = dict(heads=[7, 2, 0, 3, 3, 6, 4, 3, 3, 10, 12, 12, 7, 3],
               deps=["da", "pnc", "nk", "ROOT", "sb", "pnc", "nk", "oc", "punct", "nk", "oa", "pm", "oc", "punct"])


@pytest.mark.parametrize("scheme", [VF_UD, VF_TIGER], ids=["ud", "tiger"])
def test_a_person_in_the_vorfeld_beats_a_parsed_subject_after_the_auxiliary(nlp, scheme):
    doc = Doc(nlp.vocab, words=VF_WORDS, spaces=[True] * 7 + [False] + [True] * 4 + [False, False], pos=VF_POS,
              tags=VF_TAGS, lemmas=VF_LEMMAS, sent_starts=[True] + [False] * 13, **scheme)
    (c,) = extract_claims(annotated(doc))
    assert c.form == "indirect" and c.speaker_text == "Parteichef Jan Roth"


def test_an_object_in_the_vorfeld_stays_an_object(project_nlp):
    found = project_nlp("Den Vorschlag der Ministerin hat Verbandschef Jan Roth scharf kritisiert.")._.claims
    assert [c.speaker_text for c in found] == ["Verbandschef Jan Roth"]


def test_a_konjunktiv_sentence_after_a_closing_mark_glued_to_the_full_stop_continues_the_quote(project_nlp):
    text = "Auf die Frage nach der Koalition meinte Minister Karl Brandl: “Einfach ist es nicht.” Die Partner seien gefordert."
    found = project_nlp(text)._.claims
    assert [c.form for c in found] == ["direct", "free_indirect"]
    assert found[1].claim_text == "Die Partner seien gefordert." and found[1].speaker_name == "Karl Brandl"


@pytest.mark.parametrize("text", [
    "Die Partei sei gut beraten, ihre Konflikte nicht öffentlich auszutragen.",
    "Die Bürger sind aufgerufen, Strom zu sparen.",
])
def test_a_stative_participle_with_sein_is_no_speech_act_of_the_subject(project_nlp, text):
    assert not any(c.speaker_text and c.speaker_text.startswith("Die") for c in project_nlp(text)._.claims)


def test_the_active_verb_and_the_zu_infinitive_stay_speech_acts(project_nlp):
    (c,) = project_nlp("Der Minister hat die Bürger aufgerufen, Strom zu sparen.")._.claims
    assert c.speaker_text == "Der Minister"


# --------------------------------------------------------------------------- seventh round (issue 19, branch issue-19-r7)


@pytest.mark.parametrize("text", [
    "Die Ministerin hat die Bedeutung der Grundlagenforschung betont.",
    "Der Vorsitzende hob die Rolle der Gemeinden hervor.",
    "Der Kanzler hat auf die schwierige Lage in den Kliniken hingewiesen.",
    "Die Grünen empfinden den Aufruf als politische Dummheit.",
    "Der Verband wehrte sich gegen die Kritik der Regierung.",
])
def test_stressing_pointing_out_and_rejecting_are_reported_events(nlp, text):
    (c,) = claims_of(nlp, text)[1]
    assert c.form == "reported" and c.claim_text == text and "stance_verb" in c.evidence


@pytest.mark.parametrize("text", [
    "Die helle Farbe betont die Form des Raumes.",
    "Der Hund wehrte sich gegen den Maulkorb.",
])
def test_things_and_other_readings_make_no_stance_event(nlp, text):
    assert claims_of(nlp, text)[1] == []


def test_a_dateline_headline_with_a_colon_is_no_interview_turn():
    text = ("Chur GR: Feuerwehr rettet Katze aus Baum\n\nDie Feuerwehr musste am Montag ausrücken.\n\n"
            "Thun BE: Velofahrer bei Unfall verletzt\n\nEin Velofahrer ist am Dienstag gestürzt.\n\n"
            "Aarau AG: Polizei sucht Zeugen nach Einbruch\n\nDie Kantonspolizei bittet um Hinweise.")
    assert interviews.find_answers(text) == []


def test_a_labelled_turn_still_ends_in_punctuation():
    text = ("Frage: Was fordern Sie von der Regierung?\n\nAnna Roth: Wir brauchen mehr Geld für die Schulen.\n\n"
            "Frage: Und wann?\n\nAnna Roth: Noch in diesem Jahr, sonst fehlen uns die Lehrkräfte.")
    assert [a.speaker for a in interviews.find_answers(text)] == ["Anna Roth", "Anna Roth"]


def test_numbered_questions_without_a_name_give_the_answers_to_the_role_the_questions_address(project_nlp):
    text = ("Zehn Fragen an das Rathaus\n\n"
            "1 Erinnern Sie sich noch an Ihren ersten Tag als Bürgermeisterin?\n\n"
            "Natürlich! Mein erster Termin war ein Empfang für die Vereine, das vergesse ich nie.\n\n"
            "2 Was würden Sie heute anders machen?\n\n"
            "Ich würde früher mit den Bürgern reden, bevor wir etwas planen.\n\n"
            "3 Wovor haben Sie Angst?\n\n"
            "Vor dem Streit in unserer Gemeinde, der uns alle lähmt.")
    found = project_nlp(text)._.claims
    assert len(found) == 3 and all(c.form == "direct" and c.speaker_text == "Bürgermeisterin" for c in found)


# "Die Stadt will die Brücke sanieren , das erklärte | Bürgermeisterin Anna Roth ." -- a weak parse ends the
# sentence after the verb (two roots) and takes "das" for the subject; in both label schemes
T_WORDS = ["Die", "Stadt", "will", "die", "Brücke", "sanieren", ",", "das", "erklärte", "Bürgermeisterin", "Anna",
           "Roth", "."]
T_POS = ["DET", "NOUN", "AUX", "DET", "NOUN", "VERB", "PUNCT", "PRON", "VERB", "NOUN", "PROPN", "PROPN", "PUNCT"]
T_TAGS = ["ART", "NN", "VMFIN", "ART", "NN", "VVINF", "$,", "PRELS", "VVFIN", "NN", "NE", "NE", "$."]
T_UD = dict(heads=[1, 5, 5, 4, 5, 5, 5, 8, 5, 9, 9, 10, 9],
            deps=["det", "nsubj", "aux", "det", "obj", "ROOT", "punct", "nsubj", "acl:relcl", "ROOT", "appos",
                  "flat", "punct"])
T_TIGER = dict(heads=[1, 2, 2, 4, 5, 2, 2, 8, 2, 9, 11, 9, 9],
               deps=["nk", "sb", "ROOT", "nk", "oa", "oc", "punct", "sb", "rc", "ROOT", "pnc", "app", "punct"])


@pytest.mark.parametrize("scheme", [T_UD, T_TIGER], ids=["ud", "tiger"])
def test_a_frame_taken_up_by_das_after_a_comma_with_a_parser_split_after_its_verb(nlp, scheme):
    doc = Doc(nlp.vocab, words=T_WORDS, spaces=[True] * 5 + [False] + [True] * 6 + [False], pos=T_POS, tags=T_TAGS,
              morphs=[""] * 8 + ["Mood=Ind|Tense=Past|VerbForm=Fin"] + [""] * 4,
              lemmas=["der", "Stadt", "wollen", "der", "Brücke", "sanieren", ",", "der", "erklären", "Bürgermeisterin",
                      "Anna", "Roth", "."], **scheme)
    found = extract_claims(annotated(doc))
    assert [(c.form, c.claim_text) for c in found] == [("indirect", "Die Stadt will die Brücke sanieren")]
    assert found[0].speaker_text.endswith("Anna Roth") and "inserted_frame" in found[0].evidence


@pytest.mark.parametrize("text, speaker, form", [
    ("Die Bischofskonferenz will nicht mit der Bruderschaft reden, das erklärte Konferenzsprecher Paul Brandt am "
     "Freitag. Das sei Sache des Vatikans.", "Konferenzsprecher Paul Brandt", "indirect"),
    # "mitteilen" is a verb of informing: indicative content is reported (schema decision, sixteenth round A)
    ("Die Hilfe kommt zu spät, dies teilte der Verband am Montag mit.", "der Verband", "reported"),
])
def test_das_or_dies_before_the_verb_of_an_inserted_frame_takes_up_the_statement(project_nlp, text, speaker, form):
    found = project_nlp(text)._.claims
    assert found[0].form == form and found[0].speaker_text == speaker
    assert found[0].claim_text == text.split(", d")[0]
    if "Vatikans" in text:
        assert found[1].form == "free_indirect" and found[1].speaker_name == "Paul Brandt"


def test_a_relative_clause_with_das_is_no_frame(project_nlp):
    found = project_nlp("Die Ministerin lobte das Gesetz, das erklärte Ziel der Koalition ist.")._.claims
    assert not any("inserted_frame" in c.evidence for c in found)


@pytest.mark.parametrize("text, phrase", [
    ("„Es gibt Todesopfer“, sagte eine Sprecherin der Bezirksregierung Köln am Abend.",
     "eine Sprecherin der Bezirksregierung Köln"),
    ("Die Kantonspolizei im Kanton Tessin kündigt für die nächste Woche Kontrollen an.",
     "Die Kantonspolizei im Kanton Tessin"),
])
def test_a_place_after_the_head_noun_is_no_speaker(project_nlp, text, phrase):
    (c,) = [c for c in project_nlp(text)._.claims if not c.is_nested]
    assert c.speaker_text == phrase and c.speaker_name not in ("Köln", "Tessin")


def test_a_state_alone_still_speaks_for_its_government(project_nlp):
    (c,) = project_nlp("Dänemark hat ein Hilfspaket angekündigt.")._.claims
    assert c.speaker_name == "Dänemark"


def test_an_organisation_noun_is_never_the_last_person_speaker(project_nlp):
    text = ("„Wir tun alles“, sagte Ministerpräsidentin Karin Weber am Morgen. Die Landesregierung hat am Abend "
            "weitere Hilfen für die Kommunen gefordert.")
    found = project_nlp(text)._.claims
    assert found[-1].speaker_text == "Die Landesregierung" and found[-1].speaker_name != "Karin Weber"


def test_a_pronoun_refers_to_the_unnamed_person_described_in_the_claim_before(project_nlp):
    text = ("Die Anrainerin berichtete, dass die Polizei regelmäßig vorbeikomme. Sie erzählte, dass im Sommer ein Mann "
            "festgenommen wurde.")
    found = project_nlp(text)._.claims
    assert [c.speaker_name for c in found][1] in ("Die Anrainerin", "Anrainerin")


def test_a_pronoun_of_the_other_gender_does_not_refer_to_the_unnamed_person(project_nlp):
    text = ("Der Anrainer berichtete, dass die Polizei regelmäßig vorbeikomme. Sie erzählte, dass im Sommer ein Mann "
            "festgenommen wurde.")
    assert project_nlp(text)._.claims[1].speaker_name != "Der Anrainer"


def test_given_sentences_are_not_glued_after_a_verb(nlp):
    from pipeline.layer.sentences import GIVEN_SENTENCES, sentence_bounds

    words = ["Die", "Stadt", "will", "sanieren", "Die", "Brücke", "ist", "alt", "."]
    doc = Doc(nlp.vocab, words=words, pos=["DET", "NOUN", "AUX", "VERB", "DET", "NOUN", "AUX", "ADJ", "PUNCT"],
              sent_starts=[True, False, False, False, True, False, False, False, False])
    assert len(sentence_bounds(doc)) == 1  # a parser's break after a verb without punctuation is glued back
    doc.user_data[GIVEN_SENTENCES] = True
    assert sentence_bounds(doc) == [(0, 4), (4, 9)]  # the corpus's own sentences are data


@pytest.mark.parametrize("text, speaker, message", [
    ("Es gibt Leute, die sagen, der Professor sei inzwischen mehr als ein Analyst.", "Leute",
     "der Professor sei inzwischen mehr als ein Analyst"),
    ("Es gibt Kritiker, die meinen, dass die Reform zu spät komme.", "Kritiker", "dass die Reform zu spät komme"),
])
def test_a_relative_clause_of_a_verb_of_saying_alone_frames_the_content_after_it(project_nlp, text, speaker, message):
    (c,) = project_nlp(text)._.claims
    assert c.form == "indirect" and c.speaker_text == speaker and c.claim_text == message


def test_a_relative_clause_as_attribute_frames_nothing(project_nlp):
    assert project_nlp("Die Bürger, die sagen, was sie denken, werden gehört.")._.claims == []


@pytest.mark.parametrize("text", [
    "Gemäß Anna Roth wurde im Haus keine Waffe gefunden.",
    "Gemäss Francine Roth wurde im Haus keine Waffe gefunden.",
])
def test_gemaess_with_a_person_name_is_an_according_to_claim(project_nlp, text):
    (c,) = project_nlp(text)._.claims
    assert c.form == "according_to" and c.speaker_text.endswith("Roth")


def test_nach_a_person_stays_no_claim(project_nlp):
    assert project_nlp("Nach Anna Roth übernahm ihr Stellvertreter das Amt.")._.claims == []


@pytest.mark.parametrize("text, message", [
    ("Die Polizei warnt: Bitte sichern Sie tiefergelegene Räume.", "Bitte sichern Sie tiefergelegene Räume"),
    ("Die Ministerin sagte: Wir bauen die Brücke bis zum Sommer.", "Wir bauen die Brücke bis zum Sommer"),
])
def test_speech_after_a_colon_without_quotation_marks(project_nlp, text, message):
    (c,) = project_nlp(text)._.claims
    assert c.claim_text == message and c.speaker_text in ("Die Polizei", "Die Ministerin")


def test_a_parser_break_after_a_colon_verb_is_glued(nlp):
    from pipeline.layer.sentences import sentence_bounds

    words = ["Die", "Polizei", "warnt", ":", "Die", "Lage", "bleibt", "ernst", "."]
    doc = Doc(nlp.vocab, words=words, pos=["DET", "NOUN", "VERB", "PUNCT", "DET", "NOUN", "VERB", "ADJ", "PUNCT"],
              spaces=[True, True, False, True, True, True, True, False, False],
              sent_starts=[True, False, False, False, True, False, False, False, False])
    assert sentence_bounds(doc) == [(0, 9)]
    words[0:4] = ["12.45", "Uhr", ":", "Neu"]
    doc = Doc(nlp.vocab, words=words[:4] + ["Lage", "bleibt", "ernst", "."],
              pos=["NUM", "NOUN", "PUNCT", "ADJ", "NOUN", "VERB", "ADJ", "PUNCT"],
              sent_starts=[True, False, False, True, False, False, False, False])
    assert len(sentence_bounds(doc)) == 2


# --------------------------------------------------------------------------- eighth round (issue 19, branch
# issue-19-detector): frames after a quote that the weak tagger or the clause reader broke

QF_WORDS = ["„", "Die", "Lage", "bleibt", "angespannt", "“", ",", "kommentierte", "Verbandschefin", "Lena", "Weber",
           "die", "Zahlen", "."]
QF_SPACES = [False, True, True, True, False, False, True, True, True, True, True, True, False, False]
QF_POS = ["PUNCT", "DET", "NOUN", "VERB", "ADJ", "PUNCT", "PUNCT", "VERB", "NOUN", "PROPN", "PROPN", "DET", "NOUN",
         "PUNCT"]
# the weak tagger's reading: the finite verb of the frame as an attributive adjective before the noun after it
QF_TAGS = ["$(", "ART", "NN", "VVFIN", "ADJD", "$(", "$,", "ADJA", "NN", "NE", "NE", "ART", "NN", "$."]
QF_UD = dict(heads=[3, 2, 3, 8, 3, 3, 3, 8, 8, 8, 9, 12, 8, 8],
            deps=["punct", "det", "nsubj", "ccomp", "xcomp", "punct", "punct", "amod", "ROOT", "appos", "flat", "det",
                  "nmod", "punct"])
QF_TIGER = dict(heads=[3, 2, 3, 8, 3, 3, 3, 8, 8, 8, 9, 12, 8, 8],
               deps=["punct", "nk", "sb", "oc", "pd", "punct", "punct", "nk", "ROOT", "nk", "pnc", "nk", "ag",
                     "punct"])


@pytest.mark.parametrize("scheme", [QF_UD, QF_TIGER], ids=["ud", "tiger"])
def test_a_frame_verb_after_a_quote_is_a_verb_even_when_tagged_as_attributive_adjective(nlp, scheme):
    doc = Doc(nlp.vocab, words=QF_WORDS, spaces=QF_SPACES, pos=QF_POS, tags=QF_TAGS,
              morphs=[""] * 7 + ["Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin"] + [""] * 6,
              lemmas=["„", "der", "Lage", "bleiben", "angespannt", "“", ",", "kommentiert", "Verbandschefin", "Lena",
                      "Weber", "der", "Zahl", "."], **scheme)
    found = [c for c in extract_claims(annotated(doc)) if not c.is_nested]
    assert [(c.form, c.cue_lemma, c.claim_text) for c in found] == [
        ("direct", "kommentieren", "„Die Lage bleibt angespannt“")]
    assert "Lena Weber" in found[0].speaker_text


def test_an_attributive_participle_after_an_article_stays_no_cue(project_nlp):
    doc = project_nlp("Die prognostizierte Entwicklung der Preise trat nicht ein.")
    assert doc._.claims == []


@pytest.mark.parametrize("text, cue, speaker", [
    ("„Bei der Aktion handelt es sich nicht um einen Rückruf“, stellt Lena Weber, Sprecherin der Stadtwerke, klar.",
     "klarstellen", "Lena Weber"),
    ("„Der Betrieb läuft weiter“, teilte Jonas Brandt, Sprecher des Landkreises, mit.", "mitteilen", "Jonas Brandt"),
])
def test_a_separable_particle_after_an_apposition_closes_the_frame(nlp, text, cue, speaker):
    _, found = claims_of(nlp, text)
    assert [(c.form, c.cue_lemma) for c in found] == [("direct", cue)]
    assert found[0].speaker_text.startswith(speaker)


def test_a_particle_after_an_apposition_with_a_verb_is_not_taken(nlp):
    # the word after the second comma belongs to the relative clause's continuation, not to "stellte"
    _, found = claims_of(nlp, "Lena Weber stellte den Plan vor, den der Rat beschlossen hat, klar.")
    assert all(c.cue_lemma != "klarstellen" for c in found)


@pytest.mark.parametrize("text, continuation", [
    ("Lena Weber bekräftigte ihre Forderung nach einer bundesweiten Regelung. Eine Verordnung, über die jedes Land "
     "selbst entscheide, genüge nicht.", "Eine Verordnung, über die jedes Land selbst entscheide, genüge nicht."),
    ("Die Reederei Beispiel erklärte, dass die Zahlen dem Ausblick entsprächen. Dem Unternehmen sei nicht bekannt, "
     "dass die Aufsicht eine Untersuchung erwäge.",
     "Dem Unternehmen sei nicht bekannt, dass die Aufsicht eine Untersuchung erwäge."),
])
def test_a_reporting_verb_inside_a_subordinate_clause_does_not_stop_a_konjunktiv_continuation(project_nlp, text,
                                                                                                continuation):
    doc = project_nlp(text)
    free = [c for c in doc._.claims if c.form == "free_indirect"]
    assert [c.claim_text for c in free] == [continuation]
    assert free[0].speaker_resolution == "continuation"


def test_a_narrative_sentence_with_a_reporting_verb_in_a_relative_clause_continues_nothing(project_nlp):
    doc = project_nlp("Lena Weber bekräftigte ihre Forderung nach einer Regelung. Die Verordnung, über die jedes Land "
                      "selbst entschied, trat im Mai in Kraft.")
    assert [c.form for c in doc._.claims if not c.is_nested] == ["reported"]


@pytest.mark.parametrize("scheme", [
    dict(heads=[2, 0, 2, 6, 6, 6, 2, 8, 6, 2], deps=["nsubj", "flat", "ROOT", "punct", "det:poss", "amod", "conj",
                                                     "case", "nmod", "punct"]),
    dict(heads=[1, 2, 2, 6, 6, 6, 2, 6, 7, 2], deps=["pnc", "sb", "ROOT", "punct", "nk", "nk", "cj", "mnr", "nk",
                                                     "punct"]),
], ids=["ud", "tiger"])
def test_a_konjunktiv_i_after_a_pronoun_subject_is_the_verb_though_tagged_as_adjective(nlp, scheme):
    # "es herrsche Frust": the weak tagger reads "herrsche" as an attributive adjective before "Frust"
    words = ["Lena", "Weber", "erklärte", ",", "es", "herrsche", "Frust", "über", "Stillstand", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, True, False, True, True, True, True, True, False, False],
              pos=["PROPN", "PROPN", "VERB", "PUNCT", "PRON", "ADJ", "NOUN", "ADP", "NOUN", "PUNCT"],
              tags=["NE", "NE", "VVFIN", "$,", "PPER", "ADJA", "NN", "APPR", "NN", "$."],
              morphs=["", "", "Mood=Ind|Tense=Past|VerbForm=Fin", "", "", "", "", "", "", ""],
              lemmas=["Lena", "Weber", "erklären", ",", "es", "herrschen", "Frust", "über", "Stillstand", "."],
              **scheme)
    found = extract_claims(annotated(doc))
    assert [(c.form, c.claim_text) for c in found] == [("indirect", "es herrsche Frust über Stillstand")]
    assert "v2_subjunctive" in found[0].evidence


def test_an_adjective_after_an_article_before_its_noun_stays_an_adjective(project_nlp):
    doc = project_nlp("Die reiche Stadt baut eine neue Schule.")
    assert doc._.claims == []


@pytest.mark.parametrize("text, cue", [
    ("Der Minister Karl Beispiel wirbt für die Reform. Nach den Wahlen, so meint Beispiel, sitze kein Vertreter von "
     "früher mehr in der Regierung.", "meinen"),
    ("Der Minister Karl Beispiel wirbt für die Reform. Nach den Wahlen, sagte Beispiel, sitze kein Vertreter von "
     "früher mehr in der Regierung.", "sagen"),
    ("Der Minister Karl Beispiel wirbt für die Reform. Nach den Wahlen, so Beispiel, sitze kein Vertreter von "
     "früher mehr in der Regierung.", "so"),
])
def test_a_frame_inserted_after_the_vorfeld_frames_the_whole_statement(project_nlp, text, cue):
    doc = project_nlp(text)
    (c,) = [c for c in doc._.claims if c.cue_lemma == cue]
    assert c.form == "indirect"
    assert c.claim_text.startswith("Nach den Wahlen") and c.claim_text.endswith("in der Regierung")
    assert c.speaker_name == "Karl Beispiel"


def test_a_so_adverb_in_a_clause_of_its_own_frames_nothing_inserted(project_nlp):
    doc = project_nlp("Die Brücke war gesperrt, so dass die Busse umgeleitet wurden.")
    assert doc._.claims == []


def test_a_subject_with_an_apposition_is_no_vorfeld_before_an_inserted_frame(project_nlp):
    doc = project_nlp("Die Direktorin des Mieterbundes, Lena Weber, begrüßte den Beschluss der Koalition, bedauerte "
                      "aber eine Reihe von Ausnahmen.")
    assert all("inserted_frame" not in c.evidence for c in doc._.claims)


@pytest.mark.parametrize("text", [
    "In der Debatte darüber hat der Landesbischof Karl Beispiel auf die Bibel verwiesen.",
    "Die Sprecherin verwies auf die laufenden Ermittlungen.",
    "Führende Bankenvertreter haben sich gegen den Vorwurf gewehrt.",
])
def test_verweisen_auf_and_a_preposition_before_the_participle_make_reported_events(project_nlp, text):
    doc = project_nlp(text)
    assert [c.form for c in doc._.claims] == ["reported"]


def test_verweisen_without_auf_is_no_speech_act(project_nlp):
    doc = project_nlp("Der Schiedsrichter hat den Spieler des Feldes verwiesen.")
    assert doc._.claims == []


@pytest.mark.parametrize("text, speaker", [
    ("„Fußball ist ein Spiel der Fehler“, analysierte Trainer Daniel Beispiel.", "Daniel Beispiel"),
    ("„Dieser Preis hat für uns einen hohen Stellenwert“, jubelte Verbandschefin Lena Weber.", "Lena Weber"),
    ("Die Bauern haben eine gute Ernte eingefahren. Landwirtschaftsministerin Lena Weber freute sich über das "
     "Wetter im Sommer: „Die Qualität des Getreides ist überwiegend gut.“", "Lena Weber"),
])
def test_a_frame_with_a_verb_outside_the_lexicon_and_a_person_frames_the_quote(project_nlp, text, speaker):
    doc = project_nlp(text)
    (c,) = [c for c in doc._.claims if not c.is_nested]
    assert c.form == "direct" and c.claim_text.startswith("„") and c.speaker_name == speaker
    assert "frame_verb_outside_lexicon" in c.evidence


@pytest.mark.parametrize("text", [
    "„Wir schaffen das“, stand auf dem Plakat am Rathaus.",
    "Das Wetter wurde am Nachmittag besser: „Wir schaffen das.“",
    "„Das Boot“, gedreht im Jahr 1981, lief gestern im Fernsehen.",
])
def test_a_frame_verb_outside_the_lexicon_without_a_person_frames_nothing(project_nlp, text):
    doc = project_nlp(text)
    assert [c for c in doc._.claims if not c.is_nested] == []


@pytest.mark.parametrize("text", [
    "Ministerpräsident Karl Beispiel sieht das Land gut gerüstet.",
    "Der Konzern Beispiel AG sieht seine Finanzlage trotz wachsender Verluste gesichert.",
])
def test_sehen_with_a_participle_as_predicative_of_its_object_is_a_stance_event(project_nlp, text):
    doc = project_nlp(text)
    assert [(c.form, c.cue_lemma) for c in doc._.claims] == [("reported", "sehen")]


@pytest.mark.parametrize("text", [
    "Der Trainer sah das Spiel entspannt.",
    "Die Landwirte der Region sehen ihren Platz in der Mitte der Gesellschaft.",
    "Die Rundfunkanstalt sieht sich auch diesmal Kritik und Vorwürfen ausgesetzt.",
])
def test_sehen_without_an_object_predicative_participle_makes_no_event(project_nlp, text):
    assert project_nlp(text)._.claims == []


def test_a_nominative_pronoun_after_the_verb_is_the_speaker_not_the_vorfeld_object(project_nlp):
    doc = project_nlp("Lena Weber lobt die Bauern. Die Landwirte sieht sie zu Unrecht an den Pranger gestellt. "
                      "Die Pläne kritisierte er scharf.")
    c = next(c for c in doc._.claims if c.claim_text.startswith("Die Pläne"))
    assert c.speaker_text == "er"


# --------------------------------------------------------------------------- ninth round (issue 19, branch
# issue-19-detect9): possessive and reflexive sources of according-to claims, light-verb cues

# "Nach eigenen Angaben will der Konzern 500 Stellen streichen."
OWN_WORDS = ["Nach", "eigenen", "Angaben", "will", "der", "Konzern", "500", "Stellen", "streichen", "."]
OWN_POS = ["ADP", "ADJ", "NOUN", "AUX", "DET", "NOUN", "NUM", "NOUN", "VERB", "PUNCT"]
OWN_TAGS = ["APPR", "ADJA", "NN", "VMFIN", "ART", "NN", "CARD", "NN", "VVINF", "$."]
OWN_UD = dict(heads=[2, 2, 8, 8, 5, 8, 7, 8, 8, 8],
              deps=["case", "amod", "obl", "aux", "det", "nsubj", "nummod", "obj", "ROOT", "punct"])
OWN_TIGER = dict(heads=[3, 2, 0, 3, 5, 3, 7, 8, 3, 3],
                 deps=["mo", "nk", "nk", "ROOT", "nk", "sb", "nk", "oa", "oc", "punct"])


@pytest.mark.parametrize("scheme", [OWN_UD, OWN_TIGER], ids=["ud", "tiger"])
def test_nach_eigenen_angaben_refers_to_the_subject_of_the_clause(nlp, scheme):
    doc = Doc(nlp.vocab, words=OWN_WORDS, spaces=[True] * 8 + [False, False], pos=OWN_POS, tags=OWN_TAGS,
              morphs=[""] * 3 + ["Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"] + [""] * 6,
              lemmas=["nach", "eigen", "Angabe", "wollen", "der", "Konzern", "500", "Stelle", "streichen", "."],
              **scheme)
    found = extract_claims(annotated(doc))
    assert [(c.form, c.speaker_text, c.claim_text) for c in found] == [
        ("according_to", "der Konzern", "will der Konzern 500 Stellen streichen")]


@pytest.mark.parametrize("text", [
    "Nach eigenen Angaben sind die Zahlen im Herbst deutlich gestiegen.",
    "Eigenen Angaben zufolge liegen die Kosten bei drei Millionen Euro.",
])
def test_a_reflexive_source_without_an_animate_subject_gives_no_speaker_eigenen_angaben(project_nlp, text):
    doc = project_nlp(text)
    assert not [c for c in doc._.claims if c.speaker_text and "Angaben" in c.speaker_text]
    assert not [c for c in doc._.claims if c.speaker_text and "Zahlen" in c.speaker_text]


@pytest.mark.parametrize("text", [
    "Der Bauernpräsident Joachim Rukwied fordert mehr Anerkennung. Bei der Agrarpolitik darf es seiner Ansicht nach "
    "keine Kürzungen geben.",
    "Der Bauernpräsident Joachim Rukwied fordert mehr Anerkennung. Seines Erachtens decken sich die Zusagen nicht mit "
    "den Plänen der Regierung.",
    "Der Bauernpräsident Joachim Rukwied fordert mehr Anerkennung. Nach seinen Worten reicht das Geld nicht aus.",
])
def test_a_possessive_source_refers_like_a_pronoun(project_nlp, text):
    doc = project_nlp(text)
    second = [c for c in doc._.claims if c.form == "according_to"]
    assert len(second) == 1
    assert second[0].speaker_resolution == "pronoun"
    assert second[0].speaker_name == "Joachim Rukwied"
    assert "Bauernpräsident" not in second[0].claim_text


def test_a_feminine_or_plural_possessive_is_not_guessed(project_nlp):
    doc = project_nlp("Die Gewerkschaft Verdi und die Ministerin Anna Roth verhandeln seit Wochen. Ihrer Meinung nach "
                      "ist das Geld falsch verteilt.")
    found = [c for c in doc._.claims if c.form == "according_to"]
    assert len(found) == 1
    assert found[0].speaker_resolution == "pronoun" and found[0].speaker_name is None


@pytest.mark.parametrize("text", [
    "Frage: Welche Vorschläge der Novelle sind Ihrer Meinung nach falsch?",
    "Die seiner Ansicht nach fragwürdige Rolle der Notenbank ist Thema im Ausschuss.",
])
def test_a_polite_or_attributive_possessive_is_no_source(project_nlp, text):
    assert not [c for c in project_nlp(text)._.claims if c.form == "according_to"]


def test_a_genitive_source_after_the_reporting_noun_stays_as_before(project_nlp):
    doc = project_nlp("Nach Angaben der Polizei wurde bei dem Unfall niemand verletzt.")
    assert [(c.form, c.speaker_text) for c in doc._.claims] == [("according_to", "Angaben der Polizei")]


LV_WORDS = ["Die", "Regierung", "stellte", "weitere", "Hilfen", "in", "Aussicht", "."]
LV_UD = dict(heads=[1, 2, 2, 4, 2, 6, 2, 2], deps=["det", "nsubj", "ROOT", "amod", "obj", "case", "obl", "punct"])
LV_TIGER = dict(heads=[1, 2, 2, 4, 2, 2, 5, 2], deps=["nk", "sb", "ROOT", "nk", "oa", "mo", "nk", "punct"])


@pytest.mark.parametrize("scheme", [LV_UD, LV_TIGER], ids=["ud", "tiger"])
def test_a_light_verb_cue_with_its_noun_in_the_clause_is_a_reported_event(nlp, scheme):
    doc = Doc(nlp.vocab, words=LV_WORDS, spaces=[True] * 6 + [False, False],
              pos=["DET", "NOUN", "VERB", "ADJ", "NOUN", "ADP", "NOUN", "PUNCT"],
              tags=["ART", "NN", "VVFIN", "ADJA", "NN", "APPR", "NN", "$."],
              morphs=["", "", "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin"] + [""] * 5,
              lemmas=["der", "Regierung", "stellen", "weit", "Hilfe", "in", "Aussicht", "."], **scheme)
    found = extract_claims(annotated(doc))
    assert [(c.form, c.cue_lemma, c.speaker_text) for c in found] == [
        ("reported", "in Aussicht stellen", "Die Regierung")]


@pytest.mark.parametrize("text, cue", [
    ("Die Landesregierung stellte den Landwirten weitere Hilfen in Aussicht.", "in Aussicht stellen"),
    ("Die Ministerin erteilte dem Plan der Opposition eine Absage.", "eine Absage erteilen"),
])
def test_light_verb_cues_are_speech_acts_on_their_own(project_nlp, text, cue):
    doc = project_nlp(text)
    assert [(c.form, c.cue_lemma) for c in doc._.claims] == [("reported", cue)]


@pytest.mark.parametrize("text, cue", [
    ("Die Ministerin brachte zum Ausdruck, dass sie von dem Ergebnis enttäuscht sei.", "zum Ausdruck bringen"),
    ("Der Wirtschaftsminister übte Kritik an der Kommission, die Regeln seien zu streng.", "Kritik üben an"),
])
def test_light_verb_cues_of_expressing_and_criticising_frame_a_content_clause(project_nlp, text, cue):
    doc = project_nlp(text)
    assert [(c.form, c.cue_lemma) for c in doc._.claims] == [("indirect", cue)]


@pytest.mark.parametrize("text", [
    "Die Anwohner hatten ihre Unsicherheit in sozialen Netzwerken zum Ausdruck gebracht.",
    "Wegen dieser Vorwürfe hat die Bischofskonferenz eine Klage erhoben.",
])
def test_expressing_and_accusing_light_verbs_alone_make_no_reported_event(project_nlp, text):
    assert project_nlp(text)._.claims == []


def test_die_auffassung_vertreten_frames_its_content_clause(project_nlp):
    doc = project_nlp("Das Verwaltungsgericht vertrat die Auffassung, dass die Regel rechtswidrig sei.")
    assert [(c.form, c.cue_lemma, c.claim_text) for c in doc._.claims] == [
        ("indirect", "die Auffassung vertreten", "dass die Regel rechtswidrig sei")]


@pytest.mark.parametrize("text", [
    "Der Verein vertritt die Meinung seiner Mitglieder im Stadtrat.",
    "Die Auffassung, die er seit Jahren vertritt, ist umstritten.",
    "Der Sonderzug brachte die Besucher zum Bahnhof.",
    "Das Unternehmen stellte im Herbst neue Mitarbeiter ein.",
])
def test_the_verb_of_a_light_verb_cue_without_its_reading_makes_no_claim(project_nlp, text):
    assert project_nlp(text)._.claims == []


@pytest.mark.parametrize("scheme", [
    dict(heads=[1, 3, 1, 3, 5, 3, 3], deps=["det", "nsubj", "flat", "ROOT", "det", "obj", "punct"]),
    dict(heads=[1, 3, 1, 3, 5, 3, 3], deps=["nk", "sb", "nk", "ROOT", "nk", "oa", "punct"]),
], ids=["ud", "tiger"])
def test_an_institution_named_by_its_place_is_an_animate_speaker(nlp, scheme):
    # "Die Diakonie Mitteldeutschland fordert mehr Sachlichkeit.": the place after the noun names the institution
    words = ["Die", "Diakonie", "Mitteldeutschland", "fordert", "mehr", "Sachlichkeit", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 5 + [False, False],
              pos=["DET", "NOUN", "PROPN", "VERB", "DET", "NOUN", "PUNCT"],
              tags=["ART", "NN", "NE", "VVFIN", "PIAT", "NN", "$."],
              morphs=["", "", "", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "", "", ""],
              lemmas=["der", "Diakonie", "Mitteldeutschland", "fordern", "mehr", "Sachlichkeit", "."],
              ents=["O", "O", "B-LOC", "O", "O", "O", "O"], **scheme)
    found = extract_claims(annotated(doc))
    assert [(c.form, c.speaker_text) for c in found] == [("reported", "Die Diakonie Mitteldeutschland")]


@pytest.mark.parametrize("text", [
    "Die Hitze in Spanien fordert weitere Opfer.",
    "Die Regionen Bayerns fordern mehr Geld für Straßen.",
    "Die Reform fordert von allen Beteiligten Geduld.",
])
def test_a_thing_with_a_place_is_no_speaker(project_nlp, text):
    assert project_nlp(text)._.claims == []
