"""Eighteenth claims round (issue 19): unlabelled interviews billed with the interviewee's name.

An unlabelled interview with a single question/answer pair was no interview before (two pairs were needed, or a
vocative question naming the interviewee). A short billing line of the introduction that announces the interview and
names the interviewee ("Ein Interview mit Lea Sommer") is as strong as the vocative: one answer in the first person
then suffices. Questions stay no claims; a report sentence naming the person next to "Interview", a billing line
naming somebody else and an answer without a first person keep the page no interview.

All texts are written for these tests (fictional people).
"""

from __future__ import annotations

import pytest

from pipeline.claims import interviews

BILLED = ("Lea Sommer (Hochschule Kassel)\n\n"
          "Ein Interview mit Lea Sommer\n\n"
          "Lea Sommer hat Biologie in Jena studiert und forscht heute zu Wildbienen in Städten.\n\n"
          "Woran arbeiten Sie gerade?\n\n"
          "Ich zähle mit meinem Team die Wildbienen auf Dachgärten und vergleiche sie mit Parks am Stadtrand.")


def test_billed_interview_with_one_first_person_answer():
    answers = interviews.find_answers(BILLED, "Lea Sommer")
    assert [BILLED[a.start:a.end][:22] for a in answers] == ["Ich zähle mit meinem T"]
    (a,) = answers
    assert a.speaker == "Lea Sommer" and a.label is None and a.evidence == "interview_unlabelled"
    # the question is no answer
    assert not any("Woran" in BILLED[x.start:x.end] for x in answers)


@pytest.mark.parametrize("billing", [
    "Im Gespräch: Lea Sommer",
    "Lea Sommer im Interview",
])
def test_other_billing_lines(billing):
    text = BILLED.replace("Ein Interview mit Lea Sommer", billing)
    assert [a.speaker for a in interviews.find_answers(text, "Lea Sommer")] == ["Lea Sommer"]


@pytest.mark.parametrize("change", [
    # a sentence of the report, no billing line
    ("Ein Interview mit Lea Sommer", "Lea Sommer sprach im Interview mit der Zeitung über ihre Arbeit."),
    # the billing line names somebody else
    ("Ein Interview mit Lea Sommer", "Ein Interview mit Jonas Brandt"),
    # no announcement at all
    ("Ein Interview mit Lea Sommer", "Neues aus der Forschung"),
    # an answer that does not speak of the speaker (no first person)
    ("Ich zähle mit meinem Team die Wildbienen", "Das Team zählt die Wildbienen"),
])
def test_no_interview_without_billing_line_and_first_person_answer(change):
    text = BILLED.replace(*change)
    assert interviews.find_answers(text, "Lea Sommer") == []
