"""Twelfth real-news round (issue 19): interviews in layouts the reader missed, and reported events in the first
conjunct of a coordination.

- statements collected under persons' names ("Bischof Anton Gruber: …" twice, or the name alone on its line and the
  statement in the paragraphs after it);
- one person's label answering an unlabelled question after an introduction that names the person;
- two labels, one a person named in the introduction, the other a medium ("Journal Frankfurt: …"): the medium is the
  interviewer, and its first turn opens the interview even when it asks no question.

All texts are written for these tests (realistic interview and church-newsletter German; fictional people). The
interview reader works on the text surface (lines, labels, "?"), so it is tested as a text function.
"""

from __future__ import annotations

from pipeline.claims import interviews


STATEMENTS = (
    "Eindrücke von der Herbstsynode\n\n"
    "Aus dem Kirchenkreis sind zwei Synodale dabei: Hannah Wetterau (Gemeinde Altdorf) und Pfarrer Lukas Brenner.\n\n"
    "Hier ihre Eindrücke:\n\n"
    "Hannah Wetterau:\n\n"
    "Wieder eine Synode im Videoraum, aber wir haben die Sitzungen gemeinsam im Gemeindehaus verfolgt.\n\n"
    "Am meisten beeindruckt hat mich die Debatte über den Klimaschutz in unseren Gemeinden.\n\n"
    "Lukas Brenner:\n\n"
    "Die Beschlüsse zur Seelsorge im Gefängnis haben mich gefreut, das war lange überfällig.\n"
)


def test_a_name_alone_on_its_line_labels_the_statement_after_it():
    answers = interviews.find_answers(STATEMENTS, None)
    assert [a.speaker for a in answers] == ["Hannah Wetterau", "Lukas Brenner"]
    first = STATEMENTS[answers[0].start:answers[0].end]
    assert first.startswith("Wieder eine Synode") and first.endswith("in unseren Gemeinden.")
    assert STATEMENTS[answers[1].start:answers[1].end].startswith("Die Beschlüsse")


def test_statements_under_one_persons_name_are_that_persons_answers():
    text = ("Glaubensfragen\n\n15 Fragen an Bischof Anton Gruber\n\n"
            "Bischof Anton Gruber: Die Taufe ist das Sakrament, mit dem ein Mensch in die Kirche aufgenommen wird.\n\n"
            "Bischof Anton Gruber: Ich glaube, dass die Kirche auch in zwanzig Jahren noch gebraucht wird.\n")
    answers = interviews.find_answers(text, None)
    assert len(answers) == 2 and {a.speaker for a in answers} == {"Bischof Anton Gruber"}


def test_labels_that_are_no_persons_make_no_statements():
    # a product list with labels: no first name in them, no interview
    text = ("Neu im Sortiment\n\n"
            "Modell Alpha: Das Gerät kommt mit zwei Akkus und einer Ladestation in den Handel.\n\n"
            "Modell Beta: Die größere Variante bietet zusätzlich eine Wandhalterung und eine App.\n")
    assert interviews.find_answers(text, None) == []


def test_one_persons_label_answering_an_unlabelled_question_after_an_introduction_naming_her():
    text = ("Pflege im Wandel\n\n"
            "Der Verband feiert sein Jubiläum. Moritz Lange hat darüber mit Verbandspräsidentin Greta Hollmann "
            "gesprochen.\n\n"
            "Wie geht es dem Verband zu diesem Geburtstag?\n\n"
            "Greta Hollmann: Die Arbeit wächst, weil die Nachfrage nach Pflege und Beratung steigt.\n\n"
            "Und was fehlt Ihnen?\n\n"
            "Vor allem Fachkräfte, die wir ordentlich bezahlen können.\n")
    answers = interviews.find_answers(text, None)
    assert [a.speaker for a in answers] == ["Greta Hollmann", "Greta Hollmann"]
    assert text[answers[1].start:answers[1].end].startswith("Vor allem Fachkräfte")


def test_one_label_after_a_question_without_the_person_in_the_introduction_is_no_interview():
    text = ("Was tun gegen die Hitze?\n\n"
            "Greta Hollmann: Viel trinken und die Mittagssonne meiden, das gilt für alle Altersgruppen.\n")
    assert interviews.find_answers(text, None) == []


MEDIUM = (
    "Kandidaten im Gespräch\n"
    "Im Interview spricht der Kandidat der Liste, Jonas Kettler, über den Nahverkehr und die Finanzen der Stadt.\n"
    "Stadtmagazin Kassel: Wir wollen heute den ehrlichen Jonas Kettler hören.\n"
    "Jonas Kettler: Den ehrlichen Jonas Kettler? Den gibt es nur einmal!\n"
    "Wirklich?\n"
    "Ehrlichkeit ist in der Politik nicht verhandelbar.\n"
    "Das wäre eine gute Überschrift. Auch für Ihre Plakate.\n"
    "Ich mache lieber Politik als Werbung, das war schon immer so.\n"
)


def test_a_medium_label_is_the_interviewer_and_its_first_turn_opens_the_interview():
    answers = interviews.find_answers(MEDIUM, "Jonas Kettler")
    texts = [MEDIUM[a.start:a.end] for a in answers]
    assert texts[0].startswith("Den ehrlichen Jonas Kettler?")
    assert all(a.speaker == "Jonas Kettler" for a in answers)
    # the interviewer's statement that addresses the interviewee is no part of an answer
    assert not any("Überschrift" in t for t in texts)
    assert not any(t.startswith("Wir wollen") for t in texts)
