"""Speaker resolution of the tenth real-news round (issue 19): interview labels that abbreviate, groups after a
participle attribute, Konjunktiv sentences after a sentence about a new person, pronouns after a message that names
somebody else, and impersonal frames ("hieß es").

All sentences are written for these tests (realistic agency, ticker and interview German; fictional people). The
rules read word forms, entity mentions and sentence boundaries, no dependency labels, so they are checked with the
project's pipeline (``project_nlp``) and, where they are pure text functions, on the text alone.
"""

from __future__ import annotations

from pipeline.claims import interviews


def _claim_at(doc, words: str):
    hits = [c for c in doc._.claims if not c.is_nested and words in c.claim_text]
    assert hits, [c.claim_text for c in doc._.claims]
    return hits[0]


# --------------------------------------------------------------------------- interviews

INTERVIEW = (
    "Am Montag hat Bürgermeisterin Karla Fenstermacher im Rathaus die Fragen unserer Schülerredaktion beantwortet.\n"
    "\n"
    "SR: Seit wann sind Sie im Amt?\n"
    "BM: Ich bin seit dem vergangenen Herbst im Amt und habe viel gelernt.\n"
    "\n"
    "SR: Was gefällt Ihnen an der Arbeit?\n"
    "KF: Mir gefällt vor allem, dass ich jeden Tag mit anderen Menschen spreche.\n"
)


def test_abbreviated_answer_labels_are_the_interviewee():
    answers = interviews.find_answers(INTERVIEW, "Karla Fenstermacher")
    assert [a.speaker for a in answers] == ["Karla Fenstermacher", "Karla Fenstermacher"]
    assert [a.label for a in answers] == ["BM", "KF"]
    # "SR" asks the questions: the interviewer makes no claim
    assert all("Seit wann" not in INTERVIEW[a.start:a.end] for a in answers)


def test_initials_label_takes_the_name_with_those_initials_even_without_an_interviewee():
    answers = interviews.find_answers(INTERVIEW, None)
    by_label = {a.label: a.speaker for a in answers}
    assert by_label["KF"] == "Karla Fenstermacher"
    assert by_label["BM"] == "BM"  # no interviewee and no name with these initials: written as it stands


def test_a_named_label_is_not_read_as_an_abbreviation():
    text = ("Der Verband hat mit seiner Präsidentin gesprochen.\n\n"
            "Frage: Wie geht es weiter mit den Tarifverhandlungen?\n"
            "Weber: Wir verhandeln weiter und erwarten ein faires Angebot der Arbeitgeber.\n")
    (answer,) = interviews.find_answers(text, None)
    assert answer.speaker == "Weber"


# --------------------------------------------------------------------------- groups


def test_a_group_after_a_von_participle_attribute_is_the_speaker_not_the_name_in_it(project_nlp):
    text = ("Die Aktie der Nordbank legte am Mittag leicht zu. Die von der Nachrichtenagentur Bloomberg befragten "
            "Experten gehen davon aus, dass die Nordbank ihr Ziel erreicht.")
    claim = _claim_at(project_nlp(text), "Ziel erreicht")
    assert claim.speaker_resolution == "group"
    assert claim.speaker_entity_id is None and claim.speaker_name is None
    assert claim.speaker_text.endswith("befragten Experten")


def test_experts_of_a_named_organisation_stay_with_the_organisation(project_nlp):
    # the head comes first ("Analysten der Nordbank"): an affiliation, not a participle attribute
    doc = project_nlp("Die Experten von Bloomberg gehen davon aus, dass die Nordbank ihr Ziel erreicht.")
    claims = [c for c in doc._.claims if "Ziel erreicht" in c.claim_text]
    assert all("agent_attribute" not in ";".join(c.evidence) for c in claims)


# --------------------------------------------------------------------------- Konjunktiv continuations


def test_a_konjunktiv_sentence_reports_the_person_the_sentence_before_names(project_nlp):
    text = ("Die Ministerin Sabine Kroll sagte, der Haushalt sei solide. Im Saal wurde es danach unruhig. "
            "Nach der Pause spricht Markus Feldhaus für die Opposition. "
            "Die Regierung verschleppe seit Monaten die dringend nötige Reform.")
    claim = _claim_at(project_nlp(text), "verschleppe")
    assert claim.speaker_name == "Markus Feldhaus"
    assert claim.speaker_resolution == "continuation"
    assert any("person named" in e for e in claim.evidence)


def test_a_konjunktiv_sentence_after_a_sentence_naming_two_people_keeps_its_reading(project_nlp):
    text = ("Die Ministerin Sabine Kroll sagte, der Haushalt sei solide. "
            "Danach trafen sich Markus Feldhaus und Petra Lindqvist zu einem Gespräch. "
            "Die Regierung verschleppe seit Monaten die dringend nötige Reform.")
    doc = project_nlp(text)
    claims = [c for c in doc._.claims if "verschleppe" in c.claim_text]
    assert all(not any("person named" in e for e in c.evidence) for c in claims)


# --------------------------------------------------------------------------- pronouns


def test_a_pronoun_after_a_message_goes_to_the_speaker_not_to_the_man_named_in_the_message(project_nlp):
    text = ("Der Abgeordnete Thomas Reinhold meint, Kanzler Frank Berger habe die Krise unterschätzt. "
            "Berger sei zu spät aufgewacht. "
            "Als Beispiel nennt er die verspätete Hilfe für die Landwirte.")
    claim = _claim_at(project_nlp(text), "Landwirte")
    assert claim.speaker_name == "Thomas Reinhold"


def test_a_pronoun_keeps_a_man_who_is_also_named_outside_the_messages(project_nlp):
    text = ("Kanzler Frank Berger besuchte am Morgen die Hochwassergebiete. "
            "Der Abgeordnete Thomas Reinhold meint, Berger habe die Krise unterschätzt. "
            "Als Beispiel nennt er die verspätete Hilfe für die Landwirte.")
    claim = _claim_at(project_nlp(text), "Landwirte")
    assert not any("named only inside a message" in e for e in claim.evidence)


# --------------------------------------------------------------------------- impersonal frames


def test_hiess_es_von_names_its_source(project_nlp):
    text = "Die Lage in der Innenstadt habe sich inzwischen beruhigt, hieß es von der Feuerwehr."
    claim = _claim_at(project_nlp(text), "beruhigt")
    assert claim.speaker_text is not None and "Feuerwehr" in claim.speaker_text


def test_a_bare_hiess_es_goes_on_with_the_source_just_before(project_nlp):
    text = ("Mehrere Keller liefen voll, wie die Feuerwehr am Abend berichtete. "
            "Verletzt worden sei niemand, hieß es.")
    claim = _claim_at(project_nlp(text), "niemand")
    assert claim.speaker_text is not None and "Feuerwehr" in claim.speaker_text
    assert claim.speaker_resolution == "continuation"


def test_hiess_es_in_its_own_v2_frame_is_not_given_the_source_before(project_nlp):
    text = ("Mehrere Keller liefen voll, wie die Feuerwehr am Abend berichtete. "
            "In Kreisen der Stadtverwaltung hieß es dagegen, die Pumpen seien rechtzeitig bestellt worden.")
    doc = project_nlp(text)
    claims = [c for c in doc._.claims if "Pumpen" in c.claim_text]
    assert all(not any("impersonal frame" in e for e in c.evidence) for c in claims)


# --------------------------------------------------------------------------- "sie" of an organisation


def test_a_singular_sie_is_the_one_organisation_named_in_the_sentence_before(project_nlp):
    text = "Die Deutsche Bahn hat den Fahrplan geändert. Sie teilte mit, dass die Züge wieder pünktlich fahren."
    claim = _claim_at(project_nlp(text), "pünktlich")
    assert claim.speaker_name == "Deutsche Bahn" and claim.speaker_resolution == "pronoun"


def test_a_singular_sie_after_two_organisations_stays_unresolved(project_nlp):
    text = ("Die Deutsche Bahn und die Lufthansa haben lange verhandelt. "
            "Sie teilte mit, dass die Züge wieder pünktlich fahren.")
    claim = _claim_at(project_nlp(text), "pünktlich")
    assert claim.speaker_entity_id is None


# --------------------------------------------------------------------------- one-word answers


def test_a_one_word_answer_in_quotes_is_speech_and_the_quote_after_it_continues(project_nlp):
    text = ("Bringen solche Aufrufe etwas? „Ja“, sagt Kommissar Jonas Brenner. "
            "„Mit solchen Aufrufen erreichen wir sehr viele Menschen in der Region.“")
    doc = project_nlp(text)
    yes = _claim_at(doc, "„Ja“")
    assert yes.form == "direct" and yes.speaker_name == "Jonas Brenner"
    after = _claim_at(doc, "Aufrufen erreichen")
    assert after.speaker_name == "Jonas Brenner" and after.speaker_resolution == "continuation"
