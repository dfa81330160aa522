"""Thirteenth real-news round, part A (issue 19): finding claims.

- two coordinated verbs of saying with one content clause after the second ("fordert … ein Angebot und warnt davor,
  dass …"): the content belongs to the second verb; the first, a speech act on its own with its own object, is a
  reported event of the first conjunct.

All sentences are written for these tests (realistic agency and regional German; fictional people). The new rules
read no dependency labels (word forms, the reporting lexicon, clause bounds and the speakers the existing readers
found), so they are checked with the project's pipeline (``project_nlp``).
"""

from __future__ import annotations


def _claims(doc):
    return [c for c in doc._.claims if not c.is_nested]


# --------------------------------------------------------------------------- coordinated cues


def test_a_demand_coordinated_with_a_warning_is_a_reported_event_of_its_own(project_nlp):
    doc = project_nlp("Gewerkschaftschef Jonas Hellwig fordert von den Arbeitgebern ein verbessertes Angebot und warnt "
                      "davor, dass die Gespräche sonst scheitern könnten.")
    claims = _claims(doc)
    reported = [c for c in claims if c.form == "reported"]
    content = [c for c in claims if c.claim_text.startswith("dass die Gespräche")]
    assert len(reported) == 1 and len(content) == 1, [(c.form, c.cue_lemma, c.claim_text) for c in claims]
    assert reported[0].claim_text == "Gewerkschaftschef Jonas Hellwig fordert von den Arbeitgebern ein verbessertes Angebot"
    assert reported[0].cue_lemma == "fordern" and reported[0].speaker_name == "Jonas Hellwig"
    assert "coordinated_cue" in reported[0].evidence
    assert content[0].cue_lemma.startswith("warnen") and content[0].speaker_name == "Jonas Hellwig"


def test_a_criticism_coordinated_with_a_v2_report_keeps_the_content_for_the_second_verb(project_nlp):
    doc = project_nlp("Die Landrätin Petra Obermaier kritisierte den Ton der Opposition und betonte, sie werde sich "
                      "an keiner Schlammschlacht beteiligen.")
    claims = _claims(doc)
    assert [(c.form, c.cue_lemma) for c in claims] == [("reported", "kritisieren"), ("indirect", "betonen")]
    assert claims[0].claim_text.endswith("den Ton der Opposition")
    assert claims[1].claim_text.startswith("sie werde sich")


def test_coordinated_participles_with_one_auxiliary(project_nlp):
    doc = project_nlp("Der Innenminister Karl Brunner hat vor dem Wochenende zur Vorsicht gemahnt und dazu aufgerufen, "
                      "auf Feuerwerk in Wäldern zu verzichten.")
    claims = _claims(doc)
    assert [(c.form, c.cue_lemma) for c in claims] == [("reported", "mahnen"), ("indirect", "aufrufen zu")]
    assert claims[0].claim_text.endswith("zur Vorsicht gemahnt")


def test_a_verb_that_is_no_speech_act_alone_keeps_the_shared_content(project_nlp):
    # "kontern" (clause `yes`) with only an adverb is no reported event: nothing changes
    doc = project_nlp("Der Bürgermeister Tobias Lenz konterte gelassen und meinte, er habe mit der Kritik gerechnet.")
    claims = _claims(doc)
    assert not [c for c in claims if c.form == "reported"]
    assert all(c.claim_text.startswith("er habe mit der Kritik") for c in claims) and claims


def test_a_single_verb_with_a_content_clause_is_unchanged(project_nlp):
    doc = project_nlp("Gewerkschaftschef Jonas Hellwig warnt davor, dass die Gespräche scheitern könnten.")
    claims = _claims(doc)
    assert [(c.form, c.claim_text[:8]) for c in claims] == [("indirect", "dass die")]


# --------------------------------------------------------------------------- an opening mark the parser gave to the sentence before


def _parsed(words, spaces, starts):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    return Doc(Vocab(), words=words, spaces=spaces, sent_starts=starts)


def test_an_opening_mark_after_a_full_stop_and_a_space_opens_the_next_sentence():
    from pipeline.layer.sentences import sentence_bounds

    words = ["Er", "sah", "den", "Ausschuss", "unter", "Druck", "gesetzt", ".", '"', "So", "nicht", '"', ",", "sagte", "er", "."]
    spaces = [True] * 7 + [True, False, True, False, False, True, True, False, False]
    starts = [True] + [False] * 8 + [True] + [False] * 6  # the parser put the mark at the end of the first sentence
    doc = _parsed(words, spaces, starts)
    assert sentence_bounds(doc) == [(0, 8), (8, 16)]


def test_a_closing_mark_glued_to_the_full_stop_stays_with_its_sentence():
    from pipeline.layer.sentences import sentence_bounds

    words = ['"', "Wir", "warten", ".", '"', "Dann", "ging", "er", "."]
    spaces = [False, True, False, False, True, True, True, False, False]
    starts = [True, False, False, False, False, True, False, False, False]
    assert sentence_bounds(_parsed(words, spaces, starts)) == [(0, 5), (5, 9)]


def test_a_stance_sentence_before_a_quotation_is_found(project_nlp):
    doc = project_nlp('Der Fraktionschef Martin Gerlach sah den Ausschuss unter Druck gesetzt. "So geht man nicht '
                      'miteinander um", erklärte er.')
    claims = _claims(doc)
    assert [c.form for c in claims] == ["reported", "direct"], [(c.form, c.claim_text) for c in claims]
    assert claims[0].claim_text.endswith("unter Druck gesetzt.") and claims[0].speaker_name == "Martin Gerlach"
    assert claims[1].claim_text.startswith('"So geht')


# --------------------------------------------------------------------------- clause-only cues without a clause (column `alone`)


def _reported(doc):
    return [c for c in _claims(doc) if c.form == "reported"]


def test_sich_zeigen_with_a_predicative_adjective_is_a_reported_stance(project_nlp):
    doc = project_nlp("Die Finanzvorständin Sabine Kröger zeigte sich nach der Hauptversammlung zuversichtlich.")
    [claim] = _reported(doc)
    assert claim.cue_lemma == "sich zeigen" and claim.speaker_name == "Sabine Kröger"
    assert "stance_verb" in claim.evidence


def test_sich_zeigen_with_the_predicative_before_the_verb(project_nlp):
    doc = project_nlp("Weniger erfreut zeigte sich der Bürgermeister Anton Haller über die Pläne des Landkreises.")
    [claim] = _reported(doc)
    assert claim.speaker_name == "Anton Haller"


def test_sich_zeigen_without_a_predicative_adjective_is_no_claim(project_nlp):
    doc = project_nlp("Der Bürgermeister Anton Haller zeigte sich am Abend auf dem Balkon des Rathauses.")
    assert not _claims(doc)


def test_sehen_with_als_after_the_object_is_a_reported_stance(project_nlp):
    doc = project_nlp("Die Landesregierung sieht die alternde Bevölkerung als wirtschaftliche Chance.")
    [claim] = _reported(doc)
    assert claim.cue_lemma == "sehen"


def test_sehen_darin_is_a_reported_stance(project_nlp):
    doc = project_nlp("Der Jurist Hannes Vogt sieht darin einen Bruch mit der bisherigen Rechtsprechung.")
    [claim] = _reported(doc)
    assert claim.speaker_name == "Hannes Vogt"


def test_sehen_as_perception_is_no_claim(project_nlp):
    for text in ("Die Zeugen sahen mehr als zwanzig Personen vor dem Gebäude.",
                 "Der Hausmeister Peter Brandt sah einen Mann im Hof des Gebäudes.",
                 "Die Polizistin Anna Lenz sah den Wagen in der Einfahrt."):
        assert not _claims(project_nlp(text)), text


def test_the_stance_readings_are_a_column_of_the_verb_lexicon():
    from pipeline.claims import reporting

    alone = {v.lemma: v.alone for v in reporting.verbs() if v.reflexive == (v.lemma == "zeigen")}
    assert alone["zeigen"] == {"adjective"}
    assert {"participle", "object-als", "darin"} <= alone["sehen"]
    assert alone["halten"] == {"für"} and alone["verteidigen"] == {"any"}


def test_sich_zeigen_with_an_adverb_is_no_claim(project_nlp):
    for text in ("Der Sänger Tom Berger zeigte sich kurz auf dem Balkon des Hotels.",
                 "Die Kanzlerkandidatin Eva Roth zeigte sich erstmals öffentlich mit ihrem Mann."):
        assert not _claims(project_nlp(text)), text


def test_sich_zeigen_on_word_forms_alone():
    import spacy

    from pipeline.nlp.tokenizer_rules import split_markdown_links

    nlp = spacy.blank("de")
    split_markdown_links(nlp)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimgraph_entities")
    nlp.add_pipe("claimgraph_claims")
    doc = nlp("Die Gewerkschaft zeigte sich nach der dritten Verhandlungsrunde enttäuscht.")
    assert [c.form for c in _claims(doc)] == ["reported"]


# --------------------------------------------------------------------------- interviews announced by "zu folgenden Fragen"

FRAGEN = (
    "Lindner: Wir müssen wieder gewinnen\n"
    "Trainer Markus Lindner stellte sich am Montag den Journalisten der Lokalpresse. Eine halbe Stunde lang äußerte "
    "sich Lindner zu folgenden Fragen:\n"
    "Wie erklären Sie sich die vier Niederlagen in Serie?\n"
    "Wir haben in den entscheidenden Momenten die Konzentration verloren. Ich nehme mich da nicht aus, ich hätte "
    "früher wechseln müssen.\n"
    "Steht Ihr Posten zur Diskussion?\n"
    "Nein, das sehe ich nicht so. Der Vorstand hat mir am Sonntag noch einmal das Vertrauen ausgesprochen.\n"
)


def test_an_introduction_zu_folgenden_fragen_announces_an_unlabelled_interview():
    from pipeline.claims import interviews

    answers = interviews.find_answers(FRAGEN, "Markus Lindner")
    assert [FRAGEN[a.start:a.end][:12] for a in answers] == ["Wir haben in", "Nein, das se"]
    assert {a.speaker for a in answers} == {"Markus Lindner"}


def test_the_answers_and_the_introducing_event_are_claims(project_nlp):
    doc = project_nlp(FRAGEN)
    claims = _claims(doc)
    answers = [c for c in claims if "interview_unlabelled" in c.evidence]
    assert len(answers) == 2 and all(c.speaker_name == "Markus Lindner" for c in answers)
    [intro] = [c for c in claims if c.form == "reported"]
    assert intro.claim_text.endswith("zu folgenden Fragen:") and "Lindner" in (intro.speaker_name or "")


def test_a_verb_of_saying_before_a_colon_alone_is_still_no_event(project_nlp):
    doc = project_nlp("Der Trainer Markus Lindner sagte:\nWir haben die Konzentration verloren.")
    assert not [c for c in _claims(doc) if c.form == "reported"]


def test_two_question_answer_pairs_without_an_announcement_are_no_interview():
    from pipeline.claims import interviews

    text = FRAGEN.replace("äußerte sich Lindner zu folgenden Fragen:", "sprach Lindner über die Lage.")
    assert interviews.find_answers(text, "Markus Lindner") == []


# --------------------------------------------------------------------------- a transcript with one labelled turn

TRANSCRIPT = (
    "Regierungspressekonferenz vom 14. März\n\n"
    "Themen: Kabinettssitzung, Wohnungsbau\n\n"
    "Fragen zum Wohnungsbau: Wie viele Wohnungen entstehen bis 2030?\n\n"
    "Vollständiges Wortprotokoll der Regierungspressekonferenz:\n\n"
    "SRS’IN HOLLMANN: Einen schönen guten Tag auch von mir! Das Kabinett hat heute getagt.\n\n"
    "Die Bundesregierung hat den Entwurf eines Gesetzes zur Beschleunigung des Wohnungsbaus beschlossen. "
    "Damit sollen Genehmigungen künftig in drei Monaten erteilt werden.\n"
)


def test_a_transcript_announced_before_its_one_labelled_turn_is_that_speakers_answer():
    from pipeline.claims import interviews

    [answer] = interviews.find_answers(TRANSCRIPT)
    assert answer.speaker == "Hollmann" and answer.label == "SRS’IN HOLLMANN"
    assert TRANSCRIPT[answer.start:answer.end].startswith("Einen schönen guten Tag")
    assert TRANSCRIPT[answer.start:answer.end].endswith("in drei Monaten erteilt werden.")


def test_one_labelled_turn_without_an_announcement_is_no_transcript():
    from pipeline.claims import interviews

    text = TRANSCRIPT.replace("Vollständiges Wortprotokoll der Regierungspressekonferenz:", "Die Sitzung begann pünktlich:")
    assert interviews.find_answers(text) == []


def test_a_title_case_label_after_an_announcement_is_no_transcript():
    from pipeline.claims import interviews

    text = TRANSCRIPT.replace("SRS’IN HOLLMANN:", "Berlin:")
    assert interviews.find_answers(text) == []
