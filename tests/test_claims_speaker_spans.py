"""Speaker spans as SpkAtt marks them (``pipeline/claims/spans.py``) and the name in apposition to a description.

The span rules read word classes and entity labels only (no dependency arcs); the hand-built Docs carry a parse in
both label schemes anyway (UD of the project's pipeline, TIGER of the official ones) to show that the result does not
depend on it. All sentences are written for these tests; the people are fictional.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.claims import spans
from pipeline.claims.extract import Claim


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("de").vocab


def _doc(vocab, rows, scheme):
    """rows: (word, pos, tag, ent) with ent "" or "B-PER"/"I-PER"/...; one sentence; every arc to the last verb."""
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in (",", ".", ")", "“") and words[i] not in ("(", "„")
              for i in range(len(words))]
    verb = max(i for i, r in enumerate(rows) if r[1] in ("VERB", "AUX"))
    heads = [verb if i != verb else i for i in range(len(words))]
    deps = [("ROOT" if i == verb else ("punct" if rows[i][1] == "PUNCT" else scheme)) for i in range(len(words))]
    return Doc(vocab, words=words, spaces=spaces, pos=[r[1] for r in rows], tags=[r[2] for r in rows],
               ents=[r[3] or "O" for r in rows], heads=heads, deps=deps, sent_starts=[True] + [False] * (len(words) - 1))


def _claim(doc, speaker, message=(), cue=()):
    first, last = min(speaker), max(speaker)
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    return Claim(claim_id="t:C1", sent_index=0, form="indirect", claim_text="", start_char=0, end_char=0,
                 cue_lemma="sagen", cue_text="sagte", cue_start_char=None, cue_end_char=None,
                 speaker_text=doc.text[start:end], speaker_start_char=start, speaker_end_char=end,
                 speaker_entity_id=None, speaker_name="kept", speaker_resolution="explicit", addressee_text=None,
                 confidence=0.7, evidence=("test",), message_tokens=tuple(message), cue_tokens=tuple(cue),
                 speaker_tokens=tuple(speaker))


def _completed(doc, claim):
    (out,) = spans.complete(doc, [claim])
    assert doc.text[out.speaker_start_char:out.speaker_end_char] == out.speaker_text
    assert out.speaker_name == claim.speaker_name and out.speaker_resolution == claim.speaker_resolution
    return out


SCHEMES = pytest.mark.parametrize("scheme", ["nsubj", "sb"], ids=["ud", "tiger"])

QUOTE_FRAME = [("„", "PUNCT", "$(", ""), ("Wir", "PRON", "PPER", ""), ("warten", "VERB", "VVFIN", ""),
               ("ab", "ADP", "PTKVZ", ""), ("“", "PUNCT", "$(", ""), (",", "PUNCT", "$,", ""),
               ("sagte", "VERB", "VVFIN", "")]


@SCHEMES
def test_an_apposition_after_the_name_belongs_to_the_speaker(vocab, scheme):
    rows = QUOTE_FRAME + [("Ursula", "PROPN", "NE", "B-PER"), ("Kamp", "PROPN", "NE", "I-PER"), (",", "PUNCT", "$,", ""),
                          ("die", "DET", "ART", ""), ("Leiterin", "NOUN", "NN", ""), ("der", "DET", "ART", ""),
                          ("Fachstelle", "NOUN", "NN", ""), (".", "PUNCT", "$.", "")]
    doc = _doc(vocab, rows, scheme)
    out = _completed(doc, _claim(doc, [7, 8], message=range(0, 5), cue=[6]))
    assert out.speaker_text == "Ursula Kamp, die Leiterin der Fachstelle"


@SCHEMES
def test_a_relative_clause_after_the_name_is_no_apposition(vocab, scheme):
    rows = [("Ursula", "PROPN", "NE", "B-PER"), ("Kamp", "PROPN", "NE", "I-PER"), (",", "PUNCT", "$,", ""),
            ("die", "PRON", "PRELS", ""), ("die", "DET", "ART", ""), ("Fachstelle", "NOUN", "NN", ""),
            ("leitet", "VERB", "VVFIN", ""), (",", "PUNCT", "$,", ""), ("sagte", "VERB", "VVFIN", ""),
            (",", "PUNCT", "$,", ""), ("es", "PRON", "PPER", ""), ("reiche", "VERB", "VVFIN", ""), (".", "PUNCT", "$.", "")]
    doc = _doc(vocab, rows, scheme)
    out = _completed(doc, _claim(doc, [0, 1], message=[10, 11], cue=[8]))
    assert out.speaker_text == "Ursula Kamp"


@SCHEMES
def test_a_comma_before_the_message_is_no_apposition(vocab, scheme):
    # "sagte Weber, die Reform komme zu spät": the clause after the comma is the message, and it has a verb
    rows = [("Das", "PRON", "PDS", ""), ("sagte", "VERB", "VVFIN", ""), ("Weber", "PROPN", "NE", "B-PER"),
            (",", "PUNCT", "$,", ""), ("die", "DET", "ART", ""), ("Reform", "NOUN", "NN", ""),
            ("komme", "VERB", "VVFIN", ""), ("spät", "ADJ", "ADJD", ""), (".", "PUNCT", "$.", "")]
    doc = _doc(vocab, rows, scheme)
    assert _completed(doc, _claim(doc, [2], message=[4, 5, 6, 7], cue=[1])).speaker_text == "Weber"


@SCHEMES
def test_a_name_right_after_a_role_or_class_noun_and_its_party(vocab, scheme):
    rows = [("Die", "DET", "ART", ""), ("Nachrichtenagentur", "NOUN", "NN", ""), ("Nordpress", "PROPN", "NE", "B-ORG"),
            ("meldete", "VERB", "VVFIN", ""), (",", "PUNCT", "$,", ""), ("die", "DET", "ART", ""),
            ("Brücke", "NOUN", "NN", ""), ("sei", "AUX", "VAFIN", ""), ("gesperrt", "VERB", "VVPP", ""), (".", "PUNCT", "$.", "")]
    doc = _doc(vocab, rows, scheme)
    assert _completed(doc, _claim(doc, [0, 1], message=range(5, 9), cue=[3])).speaker_text == "Die Nachrichtenagentur Nordpress"
    rows = [("Verkehrsminister", "NOUN", "NN", ""), ("Jens", "PROPN", "NE", "B-PER"), ("Wolter", "PROPN", "NE", "I-PER"),
            ("(", "PUNCT", "$(", ""), ("SPD", "PROPN", "NE", "B-ORG"), (")", "PUNCT", "$(", ""),
            ("forderte", "VERB", "VVFIN", ""), ("mehr", "DET", "PIAT", ""), ("Geld", "NOUN", "NN", ""), (".", "PUNCT", "$.", "")]
    doc = _doc(vocab, rows, scheme)
    assert _completed(doc, _claim(doc, [0], cue=[6])).speaker_text == "Verkehrsminister Jens Wolter (SPD)"


@SCHEMES
def test_the_seat_of_an_institution_but_not_where_a_person_spoke(vocab, scheme):
    rows = [("Ein", "DET", "ART", ""), ("Sprecher", "NOUN", "NN", ""), ("der", "DET", "ART", ""),
            ("Bundesagentur", "NOUN", "NN", ""), ("in", "ADP", "APPR", ""), ("Nürnberg", "PROPN", "NE", "B-LOC"),
            ("sagte", "VERB", "VVFIN", ""), (",", "PUNCT", "$,", ""), ("die", "DET", "ART", ""), ("Zahl", "NOUN", "NN", ""),
            ("steige", "VERB", "VVFIN", ""), (".", "PUNCT", "$.", "")]
    doc = _doc(vocab, rows, scheme)
    assert _completed(doc, _claim(doc, [0, 1, 2, 3], message=range(8, 11), cue=[6])).speaker_text \
        == "Ein Sprecher der Bundesagentur in Nürnberg"
    rows = [("Das", "PRON", "PDS", ""), ("sagte", "VERB", "VVFIN", ""), ("Kamp", "PROPN", "NE", "B-PER"),
            ("in", "ADP", "APPR", ""), ("Berlin", "PROPN", "NE", "B-LOC"), (".", "PUNCT", "$.", "")]
    doc = _doc(vocab, rows, scheme)
    assert _completed(doc, _claim(doc, [2], cue=[1])).speaker_text == "Kamp"


@SCHEMES
def test_the_marks_and_the_article_of_a_quoted_name(vocab, scheme):
    rows = [("Die", "DET", "ART", ""), ("„", "PUNCT", "$(", ""), ("Nordsee", "PROPN", "NE", "B-ORG"),
            ("Rundschau", "PROPN", "NE", "I-ORG"), ("“", "PUNCT", "$(", ""), ("berichtete", "VERB", "VVFIN", ""),
            (",", "PUNCT", "$,", ""), ("der", "DET", "ART", ""), ("Hafen", "NOUN", "NN", ""), ("schließe", "VERB", "VVFIN", ""),
            (".", "PUNCT", "$.", "")]
    doc = _doc(vocab, rows, scheme)
    assert _completed(doc, _claim(doc, [2, 3], message=range(7, 10), cue=[5])).speaker_text == "Die „Nordsee Rundschau“"


def test_spans_leave_claims_without_speaker_and_other_fields_alone(vocab):
    doc = _doc(vocab, [("Es", "PRON", "PPER", ""), ("hieß", "VERB", "VVFIN", ""), (".", "PUNCT", "$.", "")], "nsubj")
    claim = _claim(doc, [0])
    claim = Claim(**{**claim.__dict__, "speaker_tokens": (), "speaker_text": None, "speaker_start_char": None,
                     "speaker_end_char": None})
    assert spans.complete(doc, [claim]) == [claim]


def test_the_name_in_apposition_to_a_description_is_the_speaker_not_the_name_in_its_attribute(project_nlp):
    # the cardinal is named before, so the entity stage knows him: the description's attribute must not win
    text = ("Die Bischöfe haben unter Leitung von Kardinal Anton Berghofer im Vatikan berichtet. Das bestätigte der "
            "Pressesprecher von Kardinal Berghofer, Michael Prüller, am Mittwoch gegenüber Kathpress.")
    (claim,) = [c for c in project_nlp(text)._.claims if c.speaker_text and "Pressesprecher" in c.speaker_text]
    assert claim.speaker_name == "Michael Prüller"
    assert claim.speaker_text == "der Pressesprecher von Kardinal Berghofer, Michael Prüller"


# --------------------------------------------------------------------------- the subject of the sentence before a quote

def test_a_quote_after_a_sentence_about_a_new_person_is_that_persons(project_nlp):
    text = ("„Wir sind vorbereitet“, sagte Lena Hartwig, die Leiterin des Krisenstabs. Ihr Kollege Peter Maus sieht das "
            "anders. „Wir brauchen mehr Personal.“")
    claims = project_nlp(text)._.claims
    quote = next(c for c in claims if c.claim_text.startswith("„Wir brauchen"))
    assert quote.speaker_name == "Peter Maus" and quote.speaker_resolution == "continuation"
    assert "speaker:subject of the sentence before (Peter Maus)" in quote.evidence


def test_a_quote_after_a_sentence_that_only_mentions_someone_stays_with_the_last_speaker(project_nlp):
    # the person named after the verb is an object, and a sentence with its own claim is no such subject sentence
    text = ("Der Verkehrsminister Jonas Reuter hat den Bahnchef Karl Wiese scharf kritisiert. „Er hat den Bezug zur "
            "Realität verloren.“")
    claims = project_nlp(text)._.claims
    quote = next(c for c in claims if c.claim_text.startswith("„Er hat"))
    assert quote.speaker_name == "Jonas Reuter"
    text = ("„Das reicht nicht“, sagte Thomas Klein. Die Ministerin Sabine Roth ist nicht überzeugt.\n\n"
            "„Wir haben genug getan.“")
    quote = next(c for c in project_nlp(text)._.claims if c.claim_text.startswith("„Wir haben"))
    assert not any(e.startswith("standalone_quote+subject_before") for e in quote.evidence)  # a paragraph between


# --------------------------------------------------------------------------- short forms and class nouns of organisations

@pytest.mark.parametrize("text, org", [
    ("Die Deutsche Bahn hat den Fahrplan geändert. Die Bahn teilte mit, dass die Züge wieder pünktlich fahren sollen.",
     "Deutsche Bahn"),
    ("Der Deutsche Mieterbund kritisiert die Pläne. Der Verband erklärte, die Mieten stiegen zu schnell.",
     "Deutscher Mieterbund"),
    ("Die Siemens AG hat neue Zahlen vorgelegt. Der Konzern teilte mit, der Umsatz sei gestiegen.", "Siemens AG"),
    ("Die Grünen haben ihr Programm vorgestellt. Die Partei fordert, dass die Mieten sinken.", "Grüne"),
])
def test_short_forms_and_class_nouns_refer_to_the_organisation_named_before(project_nlp, text, org):
    claim = project_nlp(text)._.claims[-1]
    assert claim.speaker_name == org and claim.speaker_resolution == "description"
    assert any(e.startswith("speaker:salience:") and "last organisation" in e for e in claim.evidence)


def test_an_indefinite_class_noun_or_a_person_noun_is_no_short_form(project_nlp):
    text = "Der Deutsche Mieterbund kritisiert die Pläne. Ein Verband erklärte, die Mieten stiegen zu schnell."
    assert project_nlp(text)._.claims[-1].speaker_name is None
    text = "Die Deutsche Bahn hat den Fahrplan geändert. Die Sprecherin sagte, die Züge führen wieder pünktlich."
    assert project_nlp(text)._.claims[-1].speaker_name != "Deutsche Bahn"


# --------------------------------------------------------------------------- a thing as subject of a Konjunktiv report

@pytest.mark.parametrize("text", [
    "„Wir sind vorbereitet“, sagte Innenminister Karl Weber. Anfragen an alle Landeskriminalämter hätten ergeben, "
    "dass es keine Hinweise gebe.",
    "Innenminister Karl Weber sagte, die Lage sei ruhig. Die Ermittlungen hätten gezeigt, dass es keine Hinweise gebe.",
])
def test_a_thing_that_showed_something_in_konjunktiv_is_reported_by_the_speaker_before(project_nlp, text):
    claim = project_nlp(text)._.claims[-1]
    assert claim.claim_text.startswith("dass es keine Hinweise")
    assert claim.speaker_name == "Karl Weber" and claim.speaker_resolution == "continuation"
    assert any("is a thing that does not speak" in e for e in claim.evidence)


@pytest.mark.parametrize("second", [
    "Die Gewerkschaft habe gefordert, dass mehr Personal eingestellt werde.",  # an organisation speaks for itself
    "Der Generalstab habe gemeldet, dass die Truppen vorrückten.",  # an institution the lexicons do not know
    "Die Ermittlungen zeigen, dass der Täter allein handelte.",  # indicative: the writer reports the finding
])
def test_organisations_and_indicative_reports_keep_their_own_speaker(project_nlp, second):
    claim = project_nlp("Die Ministerin Anna Roth sagte, die Lage sei ernst. " + second)._.claims[-1]
    assert claim.speaker_name != "Anna Roth" and claim.speaker_resolution != "continuation"


@SCHEMES
def test_a_span_never_ends_inside_a_name_or_after_an_article_of_a_genitive(vocab, scheme):
    rows = [("Henk", "PROPN", "NE", "B-PER"), ("Jaap", "PROPN", "NE", "I-PER"), ("Meijer", "PROPN", "NE", "I-PER"),
            ("sagte", "VERB", "VVFIN", ""), (",", "PUNCT", "$,", ""), ("es", "PRON", "PPER", ""),
            ("reiche", "VERB", "VVFIN", ""), (".", "PUNCT", "$.", "")]
    doc = _doc(vocab, rows, scheme)
    assert _completed(doc, _claim(doc, [0], message=[5, 6], cue=[3])).speaker_text == "Henk Jaap Meijer"
    rows = [("Ein", "DET", "ART", ""), ("Sprecher", "NOUN", "NN", ""), ("der", "DET", "ART", ""),
            ("„", "PUNCT", "$(", ""), ("Hafenpolizei", "NOUN", "NN", ""), ("Kiel", "PROPN", "NE", "B-LOC"),
            ("“", "PUNCT", "$(", ""), ("sagte", "VERB", "VVFIN", ""), (",", "PUNCT", "$,", ""), ("es", "PRON", "PPER", ""),
            ("reiche", "VERB", "VVFIN", ""), (".", "PUNCT", "$.", "")]
    doc = _doc(vocab, rows, scheme)
    assert _completed(doc, _claim(doc, [0, 1, 2], message=[9, 10], cue=[7])).speaker_text == "Ein Sprecher der „Hafenpolizei Kiel“"


@SCHEMES
def test_an_affiliation_after_a_name_but_not_a_dative_object(vocab, scheme):
    rows = [("Joe", "PROPN", "NE", "B-PER"), ("Stark", "PROPN", "NE", "I-PER"), ("von", "ADP", "APPR", ""),
            ("Human", "PROPN", "NE", "B-ORG"), ("Rights", "PROPN", "NE", "I-ORG"), ("Watch", "PROPN", "NE", "I-ORG"),
            ("forderte", "VERB", "VVFIN", ""), ("eine", "DET", "ART", ""), ("Untersuchung", "NOUN", "NN", ""),
            (".", "PUNCT", "$.", "")]
    doc = _doc(vocab, rows, scheme)
    assert _completed(doc, _claim(doc, [0, 1], cue=[6])).speaker_text == "Joe Stark von Human Rights Watch"
    # "…, sagte Anna Mohr der „Nordsee Rundschau“": the article opens the dative object, the addressee
    rows = QUOTE_FRAME + [("Anna", "PROPN", "NE", "B-PER"), ("Mohr", "PROPN", "NE", "I-PER"), ("der", "DET", "ART", ""),
                          ("„", "PUNCT", "$(", ""), ("Nordsee", "PROPN", "NE", "B-ORG"), ("Rundschau", "PROPN", "NE", "I-ORG"),
                          ("“", "PUNCT", "$(", ""), (".", "PUNCT", "$.", "")]
    doc = _doc(vocab, rows, scheme)
    assert "Rundschau" not in _completed(doc, _claim(doc, [7, 8, 9], message=range(0, 5), cue=[6])).speaker_text
