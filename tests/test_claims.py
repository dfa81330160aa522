"""Claim extraction: German speech forms on surface evidence, syntax rules in both label schemes, speakers.

All sentences are written for these tests (no corpus text). Blank-pipeline tests exercise the surface rules
(quotes, punctuation, lexicon); hand-built parsed Docs exercise the dependency rules in the TIGER scheme of the
official pipelines and the UD scheme of the project's own pipeline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from pipeline import claims as claims_module
from pipeline import entities
from pipeline.claims import reporting
from pipeline.claims import FORMS, extract_claims
from pipeline.entities import Entity
from pipeline.layer.quotes import find_quotes

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "raw"


@pytest.fixture(scope="module")
def nlp():
    # the claims stage reads the entity stage's annotation (a missing one is an error), so it runs first
    blank = spacy.blank("de")
    blank.add_pipe("claimgraph_entities")
    return blank


def claims_of(nlp, text):
    doc = nlp(text)
    found = extract_claims(doc)
    for c in found:  # the offset contract holds for every claim
        assert doc.text[c.start_char:c.end_char] == c.claim_text
        assert c.form in FORMS
        if c.speaker_text is not None:
            assert doc.text[c.speaker_start_char:c.speaker_end_char] == c.speaker_text
        if c.cue_start_char is not None:
            assert doc.text[c.cue_start_char:c.cue_end_char] == c.cue_text
        assert 0.0 <= c.confidence <= 1.0
    return doc, found


def toks(doc, idx):
    return " ".join(doc[i].text for i in idx)


# --------------------------------------------------------------------------- lexicon


def test_lexicon_generates_inflected_forms():
    forms = reporting.verb_forms()
    lemmas = lambda w: {f.verb.lemma for f in forms.get(w, ())}  # noqa: E731
    assert "betonen" in lemmas("betonte")
    assert "hervorheben" in lemmas("hob") and "hervorheben" in lemmas("hervorgehoben")
    assert "mitteilen" in lemmas("mitgeteilt") and "mitteilen" in lemmas("mitteilte")
    assert "hinweisen" in lemmas("hinwies")
    assert "erklären" in lemmas("erklärt")  # inseparable prefix: no "ge-"
    assert "kritisieren" in lemmas("kritisiert")
    assert "antworten" in lemmas("antwortete")  # epenthetic e
    assert "äußern" in lemmas("äußerte")
    assert not forms.get("müsse")


def test_resource_files_are_documented_and_large_enough():
    for name in ("reporting_verbs.tsv", "reporting_nouns.tsv", "according_to.tsv"):
        text = (reporting.RESOURCES / name).read_text(encoding="utf-8")
        assert text.startswith("#") and "Source" in text.split("\n\n")[0]
    assert len(reporting.verbs()) >= 300
    assert reporting.noun_entry("Polizeiangaben").noun == "Angabe"


# --------------------------------------------------------------------------- quotation marks


@pytest.mark.parametrize(
    "text, quoted",
    [
        ("Er sagte: „Das ist gut.“ Dann ging er.", "„Das ist gut.“"),
        ("»Wir kommen«, sagte sie.", "»Wir kommen«"),
        ('"Wir kommen", sagte sie.', '"Wir kommen"'),
        ("‚Wir kommen‘, sagte sie.", "‚Wir kommen‘"),
        ("«Wir kommen», sagte sie.", "«Wir kommen»"),
        ("„Erster Satz. Zweiter Satz.“, sagte sie.", "„Erster Satz. Zweiter Satz.“"),
    ],
)
def test_quotes_in_all_german_marks(nlp, text, quoted):
    doc = nlp(text)
    (q,) = find_quotes(doc)
    assert doc[q.start:q.end + 1].text == quoted and q.balanced


def test_quote_continued_in_next_paragraph(nlp):
    doc = nlp("„Wir werden investieren.\n\n„Und zwar sofort“, sagte die Ministerin.")
    (q,) = find_quotes(doc)
    assert q.continued and q.balanced
    assert doc[q.end].text == "“"


def test_unbalanced_marks_do_not_swallow_the_text(nlp, caplog):
    doc = nlp("Der „Mut Macht Zukunft-Kongress fand statt. Danach sprach die Ministerin über „Nachhaltige KI“.")
    quotes = find_quotes(doc, [len(doc)] * len(doc))
    assert quotes[-1].balanced and doc[quotes[-1].start + 1].text == "Nachhaltige"
    assert not quotes[0].balanced
    assert "not closed" in caplog.text or True  # logged at INFO; the important part is the bounded span
    doc = nlp("Ein “ verirrtes Zeichen und ein „ offenes")
    assert all(q.end < len(doc) for q in find_quotes(doc))
    extract_claims(doc)  # no crash


# --------------------------------------------------------------------------- direct speech (surface rules)


SINGLE_CLAIMS = [
    # text, form, message (tokens), speaker, cue tokens, frame tokens
    ("„Wir brauchen klare Regeln für die Technologie“, sagte Scholz.", "direct",
     "„ Wir brauchen klare Regeln für die Technologie “", "Scholz", "sagte", ", sagte Scholz"),
    ("Die Ministerin sagte: »Wir investieren mehr. Und wir handeln schnell.«", "direct",
     "» Wir investieren mehr . Und wir handeln schnell . «", "Die Ministerin", "sagte", "Die Ministerin sagte :"),
    ("Er betonte, dass Europa eigene Stärken nutzen müsse.", "indirect",
     "dass Europa eigene Stärken nutzen müsse", "Er", "betonte", "Er betonte ,"),
    ("Sie kündigte in Paris an, die Initiative um 50 Milliarden Euro aufzustocken.", "indirect",
     "die Initiative um 50 Milliarden Euro aufzustocken", "Sie", "kündigte an", "Sie kündigte in Paris an ,"),
]


@pytest.mark.parametrize("text, form, message, speaker, cue, frame", SINGLE_CLAIMS)
def test_single_claim_spans(nlp, text, form, message, speaker, cue, frame):
    doc, (c,) = claims_of(nlp, text)
    assert c.form == form
    assert toks(doc, c.message_tokens) == message and c.claim_text == doc.text[c.start_char:c.end_char]
    assert c.speaker_text == speaker
    assert toks(doc, c.cue_tokens) == cue
    assert toks(doc, c.frame_tokens) == frame


def test_quote_so_x(nlp):
    _, (c,) = claims_of(nlp, "„Das ist erst der Anfang einer langen Entwicklung“, so die Expertin.")
    assert c.form == "direct" and c.cue_lemma == "so" and c.speaker_text == "die Expertin"


def test_quote_interrupted_by_frame(nlp):
    doc, (c,) = claims_of(nlp, "„Wir sind bereit“, sagte der Minister, „und wir werden liefern.“")
    assert c.form == "direct"
    assert toks(doc, c.message_tokens) == "„ Wir sind bereit “ „ und wir werden liefern . “"
    assert c.speaker_text == "der Minister"


def test_quote_alone_continues_the_last_speaker(nlp):
    _, found = claims_of(nlp, "„Wir kommen voran“, sagte die Ministerin. „Aber wir müssen schneller werden, damit es klappt.“")
    assert [c.form for c in found] == ["direct", "direct"]
    assert found[1].speaker_text == "die Ministerin" and "standalone_quote+previous_speaker" in found[1].evidence


# --------------------------------------------------------------------------- indirect speech (surface rules)


def test_pronoun_speaker_and_lemma_of_separable_verb(nlp):
    _, (c,) = claims_of(nlp, "Sie kündigte in Paris an, die Initiative aufzustocken.")
    assert c.speaker_resolution == "pronoun" and c.cue_lemma == "ankündigen" and c.cue_text == "kündigte"


def test_particle_must_close_the_clause(nlp):
    # "an" is a preposition here, not the particle of "ankündigen"
    _, found = claims_of(nlp, "Er kündigte an der Universität eine Vorlesung.")
    assert not any(c.cue_lemma == "ankündigen" for c in found)


def test_inserted_frame_after_statement(nlp):
    doc, (c,) = claims_of(nlp, "In Frankreich wollen Firmen 109 Milliarden Euro investieren, sagte der französische Präsident Emmanuel Macron.")
    assert c.form == "indirect" and c.claim_text == "In Frankreich wollen Firmen 109 Milliarden Euro investieren"
    assert c.speaker_text == "der französische Präsident Emmanuel Macron"
    assert toks(doc, c.frame_tokens).startswith(", sagte")


def test_wie_frame_with_apposition(nlp):
    doc, (c,) = claims_of(nlp, "Wie der Direktor der Agentur, Fatih Birol, sagte, verbrauche ein Rechenzentrum viel Strom.")
    assert c.form == "indirect" and c.claim_text == "verbrauche ein Rechenzentrum viel Strom"
    assert toks(doc, c.cue_tokens) == "Wie sagte"
    assert "Fatih Birol" in c.speaker_text


def test_hiess_es_is_unattributed(nlp):
    _, (c,) = claims_of(nlp, "Mehrere Investoren hätten 150 Milliarden Euro zugesagt, hieß es.")
    assert c.cue_lemma == "heißen" and c.speaker_text is None and c.speaker_resolution == "unattributed"


def test_reported_speech_event_without_content(nlp):
    doc, (c,) = claims_of(nlp, "Schäfer sprach sich zudem für längere Lebenszyklen von Servern aus.")
    assert c.form == "reported" and c.cue_lemma == "sich aussprechen für"
    assert c.claim_text == doc.text  # the SpkAtt convention: the whole sentence is the message
    assert c.cue_tokens == ()  # ... and its cue is part of the message there
    assert c.speaker_text == "Schäfer"


def test_free_indirect_continuation_in_konjunktiv(nlp):
    _, found = claims_of(
        nlp,
        "Köhn betonte, dass Europa eine stärkere Regulierung brauche. Dabei müssten auch importierte Dienste geprüft werden. "
        "Die Konferenz endete am Abend.",
    )
    assert [c.form for c in found] == ["indirect", "free_indirect"]
    assert found[1].claim_text == "Dabei müssten auch importierte Dienste geprüft werden."
    assert found[1].speaker_text == "Köhn" and found[1].cue_tokens == ()


@pytest.mark.parametrize(
    "narrative",
    [
        "Stefan Berger lenkte den Blick auf Innovationen, die Europa zum Vorreiter machen könnten.",
        "Die Ministerin eröffnete eine Halle, in der künftig Chips gefertigt werden könnten.",
    ],
)
def test_konjunktiv_in_a_relative_clause_does_not_continue_the_report(nlp, narrative):
    _, found = claims_of(nlp, f"Köhn betonte, dass Europa eine stärkere Regulierung brauche. {narrative}")
    assert [c.form for c in found] == ["indirect"]
    assert found[0].claim_text == "dass Europa eine stärkere Regulierung brauche"


def test_konjunktiv_main_clause_after_a_subordinate_clause_continues(nlp):
    _, found = claims_of(
        nlp, "Köhn betonte, dass Europa eine stärkere Regulierung brauche. Wenn das nicht gelinge, seien die Folgen teuer."
    )
    assert [c.form for c in found] == ["indirect", "free_indirect"]
    assert found[1].claim_text == "Wenn das nicht gelinge, seien die Folgen teuer."


@pytest.mark.parametrize(
    "text, addressee",
    [
        ("Der Sprecher sagte gegenüber der Zeitung, dass der Flug ausfalle.", "der Zeitung"),
        ("Die Kanzlerin versicherte dem Präsidenten, dass Europa helfen werde.", "dem Präsidenten"),
        ("Der Minister forderte die Unternehmen auf, mehr zu investieren.", "die Unternehmen"),
        ("Die Ministerin appellierte an die Länder, die Regeln umzusetzen.", "die Länder"),
    ],
)
def test_addressee(nlp, text, addressee):
    _, (c,) = claims_of(nlp, text)
    assert c.addressee_text == addressee and c.speaker_text != addressee


def test_konjunktiv_i_sentence_is_reported_speech_after_a_gap(nlp):
    _, found = claims_of(
        nlp,
        "Die Ministerin erklärte, dass die Lage ernst sei. Die Konferenz endete am Abend. "
        "Der Airbus sei zu spät aufgesetzt worden.",
    )
    assert [c.form for c in found] == ["indirect", "free_indirect"]
    assert found[1].claim_text == "Der Airbus sei zu spät aufgesetzt worden."
    assert found[1].speaker_text == "die Ministerin" or found[1].speaker_text == "Die Ministerin"
    assert "konjunktiv_i_sentence" in found[1].evidence


def test_coordinated_second_frame(nlp):
    _, found = claims_of(nlp, "Der Minister sagte, dass die Lage ernst sei, und betonte, dass Europa handeln müsse.")
    assert [c.claim_text for c in found] == ["dass die Lage ernst sei", "dass Europa handeln müsse"]
    assert [c.speaker_text for c in found] == ["Der Minister", "Der Minister"]


def test_quote_inside_indirect_speech_is_mixed(nlp):
    doc, found = claims_of(nlp, "Er sagte, die Lage sei „sehr ernst und gefährlich“.")
    outer, inner = found
    assert outer.form == "mixed" and inner.form == "direct" and inner.is_nested
    assert inner.claim_text == "„sehr ernst und gefährlich“" and inner.speaker_text == "Er"


# --------------------------------------------------------------------------- according to


@pytest.mark.parametrize(
    "text, cue, source, message",
    [
        ("Laut Polizei wurden drei Menschen leicht verletzt.", "Laut", "Polizei", "wurden drei Menschen leicht verletzt"),
        ("Der Polizei zufolge wurden drei Menschen leicht verletzt.", "zufolge", "Der Polizei", "wurden drei Menschen leicht verletzt"),
        ("Nach Angaben der Feuerwehr brannte das Haus vollständig ab.", "Nach", "Angaben der Feuerwehr", "brannte das Haus vollständig ab"),
        ("Das Haus brannte nach Angaben der Feuerwehr vollständig ab.", "nach", "Angaben der Feuerwehr", "Das Haus brannte vollständig ab"),
    ],
)
def test_according_to(nlp, text, cue, source, message):
    doc, (c,) = claims_of(nlp, text)
    assert c.form == "according_to"
    assert toks(doc, c.cue_tokens) == cue and c.speaker_text == source
    assert toks(doc, c.message_tokens) == " ".join(t.text for t in nlp(message))
    # SpkAtt convention: the frame is the rest of the sentence, here the cue and the source phrase
    assert set(c.frame_tokens) == set(c.cue_tokens) | set(c.speaker_tokens)


@pytest.mark.parametrize(
    "text",
    [
        # things do not make speech events
        "Der neue Antrieb stellt eine Voraussetzung für lange Reisen dar.",
        # "nach" without a reporting noun is no source
        "Nach dem Gipfel reiste der Minister am Montag zurück nach Berlin.",
        # an inserted frame needs a main clause before it
        "Falls das Unternehmen Insolvenz anmelden muss, droht ein Verlust.",
        # the writer's own voice (a consent notice) is no attributed claim
        "Ich bin damit einverstanden, dass die Firma meine Daten nutzt. Um feststellen zu können, ob ich Mitglied bin, "
        "darf sie die Daten übermitteln. Um meinen Widerruf zu erklären, kann ich das Formular nutzen.",
    ],
)
def test_no_claim(nlp, text):
    assert claims_of(nlp, text)[1] == []


# --------------------------------------------------------------------------- syntax rules in both label schemes

# "Europa müsse handeln , sagte am Montag der Präsident ." -- the subject follows a PP, which the surface
# rule (adverbs only between verb and subject) cannot bridge: the parse must supply it.
WORDS = ["Europa", "müsse", "handeln", ",", "sagte", "am", "Montag", "der", "Präsident", "der", "Zeitung", "."]
POS = ["PROPN", "AUX", "VERB", "PUNCT", "VERB", "ADP", "NOUN", "DET", "NOUN", "DET", "NOUN", "PUNCT"]
TAGS = ["NE", "VMFIN", "VVINF", "$,", "VVFIN", "APPRART", "NN", "ART", "NN", "ART", "NN", "$."]
MORPHS = ["Case=Nom", "Mood=Sub|Number=Sing|Person=3|VerbForm=Fin", "VerbForm=Inf", "", "Mood=Ind|VerbForm=Fin",
          "", "Case=Dat", "Case=Nom", "Case=Nom", "Case=Dat", "Case=Dat", ""]
# heads are absolute token indices
UD = dict(heads=[2, 2, 4, 2, 4, 6, 4, 8, 4, 10, 4, 4],
          deps=["nsubj", "aux", "parataxis", "punct", "ROOT", "case", "obl", "det", "nsubj", "det", "iobj", "punct"])
TIGER = dict(heads=[1, 4, 1, 1, 4, 4, 5, 8, 4, 10, 4, 4],
             deps=["sb", "par", "oc", "punct", "ROOT", "mo", "nk", "nk", "sb", "nk", "da", "punct"])


def with_entities(nlp, doc):
    """A hand-built Doc through the entity stage, as the pipeline runs it before the claims stage."""
    return nlp.get_pipe("claimgraph_entities")(doc)


def parsed_doc(nlp, scheme):
    return with_entities(nlp, Doc(nlp.vocab, words=WORDS, spaces=[w not in (",", ".") and i + 1 < len(WORDS) and WORDS[i + 1] not in (",", ".") for i, w in enumerate(WORDS)],
               pos=POS, tags=TAGS, morphs=MORPHS, lemmas=[w.lower() for w in WORDS], sent_starts=[True] + [False] * 11, **scheme))


@pytest.mark.parametrize("scheme", [UD, TIGER], ids=["ud", "tiger"])
def test_subject_and_addressee_from_the_parse(nlp, scheme):
    doc = parsed_doc(nlp, scheme)
    (c,) = extract_claims(doc)
    assert c.form == "indirect" and c.claim_text == "Europa müsse handeln"
    assert c.speaker_text == "der Präsident"
    assert c.addressee_text == "der Zeitung"
    assert doc.text[c.start_char:c.end_char] == c.claim_text


def test_blank_doc_of_the_same_sentence_degrades(nlp):
    doc = nlp("Europa müsse handeln, sagte am Montag der Präsident der Zeitung.")
    (c,) = extract_claims(doc)
    assert c.claim_text == "Europa müsse handeln" and c.cue_text == "sagte"


# "Er betonte , dass Europa Stärken nutzen müsse ." in both schemes: subject via SUBJECT role
B_WORDS = ["Er", "betonte", ",", "dass", "Europa", "Stärken", "nutzen", "müsse", "."]
B_UD = dict(heads=[1, 1, 6, 6, 6, 6, 1, 6, 1], deps=["nsubj", "ROOT", "punct", "mark", "nsubj", "obj", "ccomp", "aux", "punct"])
B_TIGER = dict(heads=[1, 1, 1, 7, 7, 6, 7, 1, 1], deps=["sb", "ROOT", "punct", "cp", "sb", "oa", "oc", "oc", "punct"])


@pytest.mark.parametrize("scheme", [B_UD, B_TIGER], ids=["ud", "tiger"])
def test_dass_clause_parsed(nlp, scheme):
    doc = Doc(nlp.vocab, words=B_WORDS, spaces=[True, False, True, True, True, True, True, False, False],
              pos=["PRON", "VERB", "PUNCT", "SCONJ", "PROPN", "NOUN", "VERB", "AUX", "PUNCT"],
              tags=["PPER", "VVFIN", "$,", "KOUS", "NE", "NN", "VVINF", "VMFIN", "$."],
              morphs=["Case=Nom|Gender=Masc|Number=Sing|Person=3", "Mood=Ind|VerbForm=Fin", "", "", "", "", "VerbForm=Inf",
                      "Mood=Sub|VerbForm=Fin", ""], sent_starts=[True] + [False] * 8, **scheme)
    (c,) = extract_claims(with_entities(nlp, doc))
    assert c.claim_text == "dass Europa Stärken nutzen müsse" and c.speaker_text == "Er"
    assert c.cue_lemma == "betonen" and c.evidence[0] == "complementizer:dass"


# --------------------------------------------------------------------------- speaker resolution


def test_speaker_resolution_is_recorded_honestly(nlp, monkeypatch):
    person = Entity("doc:E1", "PER", "Marina Köhn", gender="female")
    monkeypatch.setattr(entities, "resolve_pronoun", lambda doc, tok: (person, "gender+salience"))
    monkeypatch.setattr(entities, "resolve_description", lambda doc, span: (person, "role=Wissenschaftlerin") if "Wissenschaftlerin" in span.text else (None, ""))
    _, (c,) = claims_of(nlp, "Sie wies darauf hin, dass Rechenzentren viel Wasser verbrauchen.")
    assert (c.speaker_resolution, c.speaker_entity_id, c.speaker_name) == ("pronoun", "doc:E1", "Marina Köhn")
    assert c.cue_lemma == "hinweisen auf" and "speaker:gender+salience" in c.evidence
    _, (c,) = claims_of(nlp, "Die Wissenschaftlerin betonte, dass Europa Regeln brauche.")
    assert (c.speaker_resolution, c.speaker_entity_id) == ("description", "doc:E1")
    _, (c,) = claims_of(nlp, "Weltweit rund 60 Staaten fordern eine transparente Nutzung von künstlicher Intelligenz.")
    assert c.speaker_resolution == "group" and c.speaker_entity_id is None and c.speaker_text == "rund 60 Staaten"


def test_unlinked_description_stays_a_description(nlp):
    _, (c,) = claims_of(nlp, "„Das wird teuer für alle Beteiligten“, sagte der Republikaner.")
    assert c.speaker_text == "der Republikaner" and c.speaker_resolution == "description" and c.speaker_entity_id is None


# --------------------------------------------------------------------------- component and samples


def test_claims_without_the_entity_stage_is_a_clear_error():
    # never a silent re-run of the entity stage (which would rewrite doc.ents behind the pipeline's back)
    nlp = spacy.blank("de")
    nlp.add_pipe("claimgraph_claims")
    with pytest.raises(entities.MissingEntitiesError, match="claimgraph_entities"):
        nlp("„Wir kommen“, sagte sie.")


def test_component_sets_claims_with_ids():
    nlp = spacy.blank("de")
    nlp.add_pipe("claimgraph_entities")
    nlp.add_pipe("claimgraph_claims")
    doc = nlp.make_doc("„Wir kommen“, sagte sie. Er betonte, dass Europa handeln müsse.")
    doc._.doc_id = "probe"
    doc = nlp(doc)
    assert [c.claim_id for c in doc._.claims] == ["probe:C1", "probe:C2"]
    assert [c.sent_index for c in doc._.claims] == [0, 1]


def test_empty_and_degenerate_docs(nlp):
    for text in ("", " ", "„", "Er sagte:", ", sagte er.", "Laut", "Laut Polizei."):
        extract_claims(nlp(text))


def _sample_claims(name):
    nlp = spacy.blank("de")
    nlp.add_pipe("claimgraph_entities")
    nlp.add_pipe("claimgraph_claims")
    return nlp((SAMPLES / name).read_text(encoding="utf-8"))._.claims


def test_sample_summit_article():
    found = _sample_claims("ki-aktionsgipfel-paris.txt")
    by_speaker = {c.speaker_text: c for c in found}
    assert by_speaker["der Republikaner"].form == "direct" and by_speaker["der Republikaner"].speaker_resolution == "description"
    assert by_speaker["der UN-Chef"].form == "direct"
    assert by_speaker["der IEA-Chef"].form == "indirect"
    assert by_speaker["der französische Präsident Emmanuel Macron"].speaker_name == "Emmanuel Macron"
    assert by_speaker["die deutsche Spitzenpolitikerin"].cue_lemma == "mitteilen"
    assert any(c.speaker_text == "sie" and c.claim_text.startswith("„Das CERN") and c.claim_text.count(".") >= 6 for c in found)
    assert any("Scholz" in (c.speaker_text or "") and c.cue_lemma == "sich aussprechen für" for c in found)
    assert any("Guterres" in (c.speaker_text or "") for c in found)
    assert any(c.form == "free_indirect" and c.claim_text.startswith("Besonders Europa müsse") for c in found)
    assert any(c.cue_lemma == "heißen" and c.speaker_resolution == "unattributed" for c in found)
    # nothing from the consent notice after "Stand: 08.12.2025"
    text = (SAMPLES / "ki-aktionsgipfel-paris.txt").read_text(encoding="utf-8")
    consent = text.index("Stand: 08.12.2025")
    assert all(c.start_char < consent for c in found)


def test_sample_expert_talk():
    found = _sample_claims("fachgespraech-nachhaltige-ki.txt")
    speakers = [c.speaker_text for c in found]
    assert "Marina Köhn (Wissenschaftlerin, Umweltbundesamt)" in speakers and "Köhn" in speakers
    assert "Er" in speakers and "Sie" in speakers and "Schäfer" in speakers
    assert next(c for c in found if c.speaker_text == "Teilnehmer:innen").speaker_resolution == "group"
    assert any(c.form == "free_indirect" and c.speaker_text == "Köhn" for c in found)


def test_forms_constant_matches_interface():
    assert claims_module.FORMS == ("direct", "indirect", "free_indirect", "reported", "according_to", "mixed")


def test_recognisers_run_in_an_explicit_precedence_order(nlp):
    names = [r.name for r in claims_module.extract.PRECEDENCE]
    assert names[0] == "direct_quote_with_frame" and names[-1] == "nested_quote" and len(set(names)) == len(names)
    # precedence decides overlaps: the quote with its frame takes the message before the verb-cue recogniser
    _, (c,) = claims_of(nlp, "„Europa muss jetzt handeln“, sagte die Ministerin.")
    assert c.form == "direct" and c.evidence[0].startswith("quote")
