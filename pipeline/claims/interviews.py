"""Interviews in question/answer form: who answers, and where each answer is.

News sites print interviews as turns, either labelled ("BamS: Worauf sind Sie stolz?" / "Mundt: Wir decken ...",
"Frage: ..." / "Dirk Niebel: ...") or unlabelled (a question paragraph ending in "?", then the answer paragraph,
after an introduction that names the interviewee: "Bundespräsident Joachim Gauck hat ... ein Interview gegeben").
An answer is direct speech of the interviewee although it has neither quotation marks nor a verb of saying, so the
claim rules (which need one of the two) find nothing there; this module supplies the answers instead.

Decisions, all on the surface of the text (paragraphs = lines):

- A *turn label* is 1-5 capitalised words (an all-caps name too: "ANDREAS MUNDT") followed by ":" at the start of
  a line, without digits (ticker times "18:53 Uhr:" are not labels) and not a word of page furniture
  (``resources/interview_labels.tsv``: "Themen", "Foto", ...). A text is an interview when it has at least two
  labelled turns by at least two labels and at least one of them is a question, or at least three turns by three
  labels (a press conference transcript).
- The interviewer is a label listed as such ("Frage", "Moderator") or one whose turns are mostly questions; every
  other label is an interviewee. An unlabelled paragraph ending in "?" between turns is a question too.
- An answer runs from after its label to the next turn (following unlabelled paragraphs that are not questions
  belong to it). Answers of fewer than five words are greetings ("Guten Morgen, Herr Liminski.") and are skipped.
- The speaker is the label, written as a name: "ANDREAS MUNDT" -> "Andreas Mundt"; a surname label ("Mundt") takes
  the full name from the text when a first name (``resources/first_names_gender.tsv``) stands before that surname
  somewhere ("Behördenpräsident Andreas Mundt").
- Unlabelled interviews need an announcement ("Interview", "Gespräch") before the first question and at least two
  question paragraphs each followed by an answer; the interviewee is the first person name of the introduction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import resources

# Lexicon files read here (through the active resource set: a claims component carries them in its saved pipeline).
RESOURCE_FILES = ("interview_labels.tsv", "first_names_gender.tsv")

_WORD = r"[A-ZÄÖÜ][\w'’.-]*"
LABEL = re.compile(rf"^[ \t]*(?P<label>{_WORD}(?:[ \t]+{_WORD}){{0,4}})[ \t]*:[ \t]+(?P<rest>\S.*)$")
MIN_ANSWER_WORDS = 5
# The interviewer's credit line closes an interview ("Das Gespräch führte Jens Ohlsen.", "Interview: A. Berg").
CREDIT = re.compile(r"^(Das|Dieses) (Gespräch|Interview) (führten?|führte)\b|^(Interview|Gespräch|Fragen)( von)?:? [A-ZÄÖÜ]")
ANNOUNCEMENT = re.compile(r"\b(Interviews?|Gespräch|Gesprächs|Pressekonferenz|Mitschrift|Wortlaut)\b")


@dataclass(frozen=True)
class Answer:
    start: int  # answer text, character offsets into the text
    end: int
    speaker: str  # the interviewee's name as canonical as the text allows
    label: str | None  # the label as written (None in an unlabelled interview)
    label_start: int | None
    label_end: int | None
    evidence: str  # interview_label | interview_unlabelled


@dataclass
class _Para:
    start: int
    end: int
    text: str
    label: str | None = None
    label_start: int | None = None
    content_start: int | None = None

    @property
    def is_question(self) -> bool:
        return self.text.rstrip(" \t\"'“”«»›‹").endswith("?")


@resources.memoised
def _label_lexicon() -> tuple[frozenset[str], frozenset[str]]:
    furniture, interviewer = set(), set()
    for row in resources.rows("interview_labels.tsv"):
        (interviewer if row[1] == "interviewer" else furniture).add(row[0].lower())
    return frozenset(furniture), frozenset(interviewer)


@resources.memoised
def _first_names() -> frozenset[str]:
    return frozenset(row[0].lower() for row in resources.rows("first_names_gender.tsv"))


def _paragraphs(text: str) -> list[_Para]:
    out, pos = [], 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        para = _Para(start + lead, start + len(line.rstrip()), stripped)
        m = LABEL.match(line)
        if m and not any(c.isdigit() for c in m.group("label")):
            label = m.group("label")
            furniture, _ = _label_lexicon()
            if label.lower() not in furniture and not label.lower().startswith(tuple(f + " " for f in furniture)):
                para.label, para.label_start = label, start + m.start("label")
                para.content_start = start + m.start("rest")
        out.append(para)
    return out


def _as_name(label: str) -> str:
    words = label.split()
    if label.isupper() and len(label) > 3:
        words = [w.capitalize() if w.isupper() else w for w in words]
    return " ".join(words)


def _name_of(label: str, text: str, labels: set[str]) -> str:
    """The label as a name: all caps to title case; a lone surname completed from another label or the text."""
    name = _as_name(label)
    if len(name.split()) == 1:
        for other in sorted(labels):
            full = _as_name(other).split()
            if len(full) >= 2 and full[-1].lower() == name.lower() and full[0].lower() in _first_names():
                return " ".join(full)
        for m in re.finditer(rf"\b([A-ZÄÖÜ][a-zäöüß]+)\s+{re.escape(name)}\b", text):
            if m.group(1).lower() in _first_names():
                return f"{m.group(1)} {name}"
    return name


def _labelled(text: str, paras: list[_Para]) -> list[Answer]:
    turns = [p for p in paras if p.label]
    labels = {p.label for p in turns}
    asks = sum(p.is_question for p in turns)
    announced = ANNOUNCEMENT.search(text[:turns[0].start]) if turns else None
    if not (len(turns) >= 2 and len(labels) >= 2 and (asks >= 1 or announced)) and not (len(turns) >= 3 and len(labels) >= 3):
        return []
    _, interviewer_words = _label_lexicon()
    questions: dict[str, list[bool]] = {}
    for p in turns:
        questions.setdefault(p.label, []).append(p.is_question)
    interviewers = {lab for lab, q in questions.items()
                    if lab.lower() in interviewer_words or sum(q) * 2 > len(q)}
    # a label that is the start of another one is the same party ("BILD am SONNTAG" / "BamS" cannot be told, but
    # "Mundt" after "ANDREAS MUNDT" is the interviewee)
    answers: list[Answer] = []
    current: _Para | None = None
    end = None

    def close() -> None:
        if current is None or end is None:
            return
        content = text[current.content_start:end]
        if len(content.split()) < MIN_ANSWER_WORDS:
            return
        answers.append(Answer(current.content_start, end, _name_of(current.label, text, labels), current.label,
                              current.label_start, current.label_start + len(current.label), "interview_label"))

    # turns before the first question are the introduction (a headline "Niebel: ..." is no answer)
    first_q = next((k for k, p in enumerate(paras) if p.is_question), 0)
    for p in paras[first_q:]:
        if p.label:
            close()
            current, end = (p, p.end) if p.label not in interviewers else (None, None)
        elif current is not None:
            if CREDIT.match(p.text):
                close()
                current, end = None, None
            elif p.is_question:
                close()
                current, end = None, None
            else:
                end = p.end
    close()
    return answers


def _unlabelled(text: str, paras: list[_Para], interviewee: str | None) -> list[Answer]:
    if interviewee is None:
        return []
    first_q = next((k for k, p in enumerate(paras) if p.is_question), None)
    if first_q is None or not ANNOUNCEMENT.search(text[:paras[first_q].start]):
        return []
    answers, k = [], first_q
    while k < len(paras):
        if paras[k].is_question and k + 1 < len(paras) and not paras[k + 1].is_question:
            j = k + 1
            while j + 1 < len(paras) and not paras[j + 1].is_question:
                j += 1
            start, end = paras[k + 1].start, paras[j].end
            if len(text[start:end].split()) >= MIN_ANSWER_WORDS:
                answers.append(Answer(start, end, interviewee, None, None, None, "interview_unlabelled"))
            k = j + 1
        else:
            k += 1
    return answers if len(answers) >= 2 else []


def find_answers(text: str, interviewee: str | None = None) -> list[Answer]:
    """The answers of an interview in ``text`` (empty when the text is no interview).

    ``interviewee``: the person an unlabelled interview is with (the caller takes it from the introduction, e.g.
    the first person entity before the first question); labelled interviews name their speakers themselves.
    """
    paras = _paragraphs(text)
    return _labelled(text, paras) or _unlabelled(text, paras, interviewee)


def first_question_start(text: str) -> int | None:
    """Start of the first question paragraph (the end of an interview's introduction)."""
    return next((p.start for p in _paragraphs(text) if p.is_question), None)


def question_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the question paragraphs (the interviewer's turns); meaningful only for an interview."""
    return [(p.start, p.end) for p in _paragraphs(text) if p.is_question]
