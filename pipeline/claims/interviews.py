"""Interviews in question/answer form: who answers, and where each answer is.

News sites print interviews as turns, either labelled ("BamS: Worauf sind Sie stolz?" / "Mundt: Wir decken ...",
"Frage: ..." / "Dirk Niebel: ...") or unlabelled (a question paragraph ending in "?", then the answer paragraph,
after an introduction that names the interviewee: "Bundespräsident Joachim Gauck hat ... ein Interview gegeben").
An answer is direct speech of the interviewee although it has neither quotation marks nor a verb of saying, so the
claim rules (which need one of the two) find nothing there; this module supplies the answers instead.

Decisions, all on the surface of the text (paragraphs = lines):

- A *turn label* is 1-5 capitalised words (an all-caps name too: "ANDREAS MUNDT") followed by ":" at the start of
  a line, without digits (ticker times "18:53 Uhr:" are not labels) and not a word of page furniture
  (``resources/interview_labels.tsv``: "Themen", "Foto", ...) and not before a line without final punctuation (a
  headline "Bellinzona TI: Polizei kündigt Kontrollen an"). A text is an interview when it has at least two
  labelled turns by at least two labels and at least one of them is a question, or at least three turns by three
  labels (a press conference transcript).
- The interviewer is a label listed as such ("Frage", "Moderator") or one whose turns are mostly questions; every
  other label is an interviewee. An unlabelled paragraph ending in "?" between turns is a question too.
- An answer runs from after its label to the next turn (following unlabelled paragraphs that are not questions
  belong to it). Answers of fewer than five words are greetings ("Guten Morgen, Herr Liminski.") and are skipped.
- A label that only marks the answering turn ("Antwort:", "A:"; kind ``answer`` in the lexicon) names nobody: its
  answers are the interviewee's of the introduction (as in an unlabelled interview), or no claims when the
  introduction names nobody.
- An answering label of two or three capitals ("DZ:", "BM:" for "Bürgermeister") is the person whose initials it
  is ("Daniel Zimmermann"), else the interviewee named in the introduction.
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
# a label alone on its line, the turn in the paragraphs after it ("Knut Dahl-Ruddies:")
LABEL_ALONE = re.compile(rf"^[ \t]*(?P<label>{_WORD}(?:[ \t]+{_WORD}){{1,4}})[ \t]*:[ \t]*$")
# The interviewer's credit line closes an interview ("Das Gespräch führte Jens Ohlsen.", "Interview: A. Berg").
# a paragraph that opens with its own colon frame before a quotation ("Pierre Roth (1. FC): „…“", "Trainer Kai
# Lenz nach dem 2:0: „…“"): somebody else's statement, even where its label is no plain name
COLON_FRAME = re.compile(r"^[A-ZÄÖÜ][^\n„“”\"«»]{2,120}:[ \t]*[„“\"«»]")
CREDIT = re.compile(r"^(Das|Dieses) (Gespräch|Interview) (führten?|führte)\b|^(Interview|Gespräch|Fragen)( von)?:? [A-ZÄÖÜ]")
OPENING_MARKS = "„»«\"‚›‹“"
CLOSING_MARKS = "“”«»\"‘‹›"
# Unlabelled interviews without an announcement: this many question/answer pairs, and questions that address the
# interviewee (polite "Sie" inside the sentence, or a vocative "Herr Huber, ...").
MIN_PAIRS = 3
MIN_ADDRESSED = 2
# an introduction line that bills the interview with its interviewee ("Ein Interview mit Julia Brenner", "Eva Lohse
# im Gespräch"): a line of at most this many words, no sentence of the report
MAX_BILLING_WORDS = 12
# kinds of interview_labels.tsv compared as written (the others in lower case)
CASED_KINDS = ("address", "vocative", "announcement")


@dataclass(frozen=True)
class Answer:
    start: int  # answer text, character offsets into the text
    end: int
    speaker: str  # the interviewee's name as canonical as the text allows
    label: str | None  # the label as written (None in an unlabelled interview)
    label_start: int | None
    label_end: int | None
    evidence: str  # interview_label | interview_unlabelled
    inherited: bool = False  # an unlabelled answer given to the interviewee of the labels (label = their last one)


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

    @property
    def is_pull_quote(self) -> bool:
        """A paragraph that is one quotation and nothing else (a pull quote repeating an answer)."""
        t = self.text
        return len(t) > 2 and t[0] in OPENING_MARKS and t[-1] in CLOSING_MARKS


@resources.memoised
def _lexicon() -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for row in resources.rows("interview_labels.tsv"):
        word = row[0].strip()
        kinds.setdefault(row[1].strip(), set()).add(word if row[1].strip() in CASED_KINDS else word.lower())
    return {k: frozenset(v) for k, v in kinds.items()}


@resources.memoised
def _announcement() -> re.Pattern[str]:
    """Words of an introduction that announce an interview (kind ``announcement`` of interview_labels.tsv)."""
    words = sorted(_lexicon().get("announcement", frozenset()), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b") if words else re.compile(r"(?!)")


def _label_lexicon() -> tuple[frozenset[str], frozenset[str]]:
    lex = _lexicon()
    return lex.get("furniture", frozenset()), lex.get("interviewer", frozenset())


def interviewer_labels() -> frozenset[str]:
    """The interviewer's labels of ``interview_labels.tsv`` (kind ``interviewer``: "frage", "interviewer", …), lower case."""
    return _label_lexicon()[1]


_WORDS = re.compile(r"[\w'’-]+")
_SENTENCE_OPEN = ".!?:;\"„“”«»‚‘›‹("


def _addresses(text: str) -> bool:
    """A polite address pronoun inside a sentence ("Was fordern Sie?"; a sentence-initial "Sie" may be "she")."""
    address = _lexicon().get("address", frozenset())
    for m in _WORDS.finditer(text):
        if m.group() in address:
            before = text[:m.start()].rstrip()
            if before and before[-1] not in _SENTENCE_OPEN:
                return True
    return False


def _first_person(text: str) -> bool:
    words = _lexicon().get("first_person", frozenset())
    return any(m.group().lower() in words for m in _WORDS.finditer(text))


def _vocative(text: str) -> str | None:
    """The name or title a question opens with ("Herr Huber, ..." -> "Huber"; "Bürgermeister Georg Willi, ..." ->
    "Willi"): 1-4 capitalised words before a comma, led by a title of address or holding a known first name."""
    m = re.match(r"^(?:Und |Aber )?((?:[A-ZÄÖÜ][\w.'’-]*\s+){0,3}[A-ZÄÖÜ][\w.'’-]*),\s", text)
    if not m:
        return None
    words = m.group(1).split()
    if words[0] in _lexicon().get("vocative", frozenset()) and len(words) >= 2:
        return words[-1]
    if any(w.lower() in _first_names() for w in words[:-1]):
        return words[-1]
    return None


def _is_faq(text: str) -> bool:
    low = text.lower()
    return any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", low) for p in _lexicon().get("faq", frozenset()))


@resources.memoised
def _first_names() -> frozenset[str]:
    return frozenset(row[0].lower() for row in resources.rows("first_names_gender.tsv"))


_TURN_END = ".!?…:;)\"'“”«»‘’›‹"


def _headline(rest: str) -> bool:
    """A line "Place: title" without sentence-final punctuation is a headline with a dateline ("Bellinzona TI:
    Polizei kündigt Radarkontrollen an"), no turn: a spoken turn ends in punctuation. A closing parenthesis counts
    only after it: a title with a bracketed note after it is a headline ("PK: Die Stimmen nach dem Spiel (Video)"),
    a turn with a stage direction is none ("Das war's. (lacht)")."""
    rest = rest.rstrip()
    if rest.endswith(")") and "(" in rest:
        rest = rest[:rest.rindex("(")].rstrip() or rest
    return not rest.endswith(tuple(_TURN_END))


def person_label(label: str) -> bool:
    """A label that is a person's name: two to five capitalised words, one of them before the last a known first
    name ("Frank Bartholomeyczik", "Bischof Michael Chalupka"; not "Journal Frankfurt", "BamS", "SRS'IN DEMMER")."""
    words = label.split()
    return 2 <= len(words) <= 5 and not label.isupper() and any(w.lower() in _first_names() for w in words[:-1])


def _paragraphs(text: str) -> list[_Para]:
    out, pos = [], 0
    pending: tuple[str, int] | None = None  # a person's label alone on its line ("Frank Bartholomeyczik:")
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        alone = LABEL_ALONE.match(line)
        if alone and person_label(alone.group("label")):
            pending = (alone.group("label"), start + alone.start("label"))
            continue
        para = _Para(start + lead, start + len(line.rstrip()), stripped)
        if pending is not None:
            # the paragraph after a label line is that person's turn (statements collected under names)
            label, label_start = pending
            pending = None
            if not LABEL.match(line) and not _headline(stripped):
                para.label, para.label_start, para.content_start = label, label_start, para.start
                out.append(para)
                continue
        m = LABEL.match(line)
        if m and not any(c.isdigit() for c in m.group("label")) and not _headline(m.group("rest")):
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
        if len(words) > 1 and any(q in words[0] for q in "'’"):
            words = words[1:]  # a role abbreviated with a gender suffix ("SRS’IN DEMMER", "BK'IN MERKEL")
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


# every run of two or three capitalised words, overlapping ("Bürgermeister Daniel Zimmermann", "Daniel Zimmermann")
_FULL_NAME = re.compile(r"(?=\b([A-ZÄÖÜ][a-zäöüß]+(?:[ -][A-ZÄÖÜ][a-zäöüß]+){1,2})\b)")


def _abbreviated(label: str, text: str, interviewee: str | None) -> str | None:
    """An answering label of two or three capitals ("DZ:", "BM:") abbreviates the interviewee's initials or role
    ("Bürgermeister"): the initials of a full name in the text ("DZ" -> "Daniel Zimmermann", a known first name
    first), else the interviewee named in the introduction. None for any other label, and for an abbreviation
    without either (it is then written as it stands). Limit: two interviewees abbreviated by role both go to the
    one named in the introduction."""
    if not (2 <= len(label) <= 3 and label.isalpha() and label.isupper()):
        return None
    for m in _FULL_NAME.finditer(text):
        words = re.split(r"[ -]", m.group(1))[:len(label)]
        if len(words) == len(label) and words[0].lower() in _first_names() and "".join(w[0] for w in words) == label:
            return " ".join(words)
    return interviewee


def _is_answer_label(label: str) -> bool:
    """"Antwort:", "A:": a label that marks the answering turn without naming who answers."""
    return label.lower() in _lexicon().get("answer", frozenset())


def _labelled(text: str, paras: list[_Para], interviewee: str | None = None) -> list[Answer]:
    turns = [p for p in paras if p.label]
    labels = {p.label for p in turns}
    asks = sum(p.is_question for p in turns)
    announced = _announcement().search(text[:turns[0].start]) if turns else None
    # labelled answers after unlabelled questions ("Sie wollen sondieren. Was haben Sie vor?" / "Willi: ...")
    asked_before = sum(1 for k, p in enumerate(paras) if p.label and k and not paras[k - 1].label
                       and paras[k - 1].is_question)
    intro = text[:paras[next((k for k, p in enumerate(paras) if p.is_question), 0)].start] if paras else ""
    # a person's label answering an unlabelled question, the person named in the introduction before it
    # ("Uwe Kraus hat mit Diakonie-Präsident Ulrich Lilie gesprochen." / "Wie geht es ...?" / "Ulrich Lilie: ...")
    named_answer = any(p.label and person_label(p.label) and k and not paras[k - 1].label
                       and paras[k - 1].is_question and _as_name(p.label) in intro for k, p in enumerate(paras))
    # statements collected under persons' names: two or more turns, every label a person's, no question
    statements = (len(turns) >= 2 and asks == 0 and all(person_label(lab) for lab in labels)
                  and all(len(p.text.split()) >= MIN_ANSWER_WORDS + 1 and not _headline(p.text) for p in turns))
    # a transcript announced in the line right before its one turn, the speaker's label in capitals
    # ("Komplettes Wortprotokoll der Pressekonferenz:" / "SRS’IN DEMMER: Auch von mir einen guten Tag! …")
    transcript = len(turns) == 1 and _announces_transcript(paras, turns[0])
    if not (len(turns) >= 2 and len(labels) >= 2 and (asks >= 1 or announced)) \
            and not (len(turns) >= 3 and len(labels) >= 3) and not (len(turns) >= 2 and asked_before >= 2) \
            and not named_answer and not statements and not transcript:
        return []
    _, interviewer_words = _label_lexicon()
    questions: dict[str, list[bool]] = {}
    for p in turns:
        questions.setdefault(p.label, []).append(p.is_question)
    interviewers = {lab for lab, q in questions.items()
                    if lab.lower() in interviewer_words or sum(q) * 2 > len(q)}
    if not interviewers and announced and len(labels) == 2:
        # two parties, one of them a person named in the introduction: the other (a medium, "Journal
        # Frankfurt: ...") is the interviewer ("Im Interview spricht ... Boris Rhein über ...")
        people = [lab for lab in labels if person_label(lab)]
        other = next(iter(labels - set(people)), None)
        if len(people) == 1 and other is not None:
            opening = next(p.start for p in turns if p.label == other)
            if any(not p.label and _as_name(people[0]) in p.text for p in paras if p.start < opening):
                interviewers = {other}
    interviewees = {_name_of(lab, text, labels) for lab in labels - interviewers}
    # a label that is the start of another one is the same party ("BILD am SONNTAG" / "BamS" cannot be told, but
    # "Mundt" after "ANDREAS MUNDT" is the interviewee)
    answers: list[Answer] = []
    current: _Para | None = None
    end = None
    inherited: _Para | None = None  # an unlabelled answer after an unlabelled question: the only interviewee's
    last_turn: _Para | None = None  # the interviewee's last labelled turn

    def close() -> None:
        if current is None or end is None:
            return
        start = current.content_start if current.label else current.start
        content = text[start:end]
        if len(content.split()) < MIN_ANSWER_WORDS:
            return
        label = current.label or (inherited.label if inherited is not None else None)
        if label and _is_answer_label(label):
            # "Antwort: …" names nobody: the answer is the interviewee's of the introduction, or no claim at all
            # (a speaker "Antwort" would be a wrong row)
            if interviewee is not None:
                answers.append(Answer(start, end, interviewee, None, None, None, "interview_label"))
        elif current.label:
            answers.append(Answer(start, end, _abbreviated(current.label, text, interviewee)
                                  or _name_of(current.label, text, labels), current.label,
                                  current.label_start, current.label_start + len(current.label), "interview_label"))
        elif inherited is not None and inherited.label:
            answers.append(Answer(start, end, _abbreviated(inherited.label, text, interviewee)
                                  or _name_of(inherited.label, text, labels), inherited.label,
                                  inherited.label_start, inherited.label_start + len(inherited.label),
                                  "interview_label", inherited=True))

    # turns before the first question are the introduction (a headline "Niebel: ..." is no answer); the
    # interviewer's first turn opens the interview when it is no question ("Journal Frankfurt: Wir wollen ...")
    first_q = next((k for k, p in enumerate(paras) if p.is_question or (p.label in interviewers and k)), 0)
    if transcript:
        first_q = paras.index(turns[0])  # questions of the introduction ask nobody in the transcript
    # unlabelled interviewer's turns: questions, and statements that address the interviewee without speaking of
    # themselves ("Das wäre eine gute Überschrift. Auch für Ihre Wahlplakate.")
    asks_at = [p.is_question or (ask and not p.label) for p, ask in zip(paras, _question_turns(paras))]
    for k, p in enumerate(paras[first_q:], start=first_q):
        if p.label:
            close()
            current, end = (p, p.end) if p.label not in interviewers else (None, None)
            if p.label not in interviewers:
                last_turn = p
        elif current is not None:
            if CREDIT.match(p.text) or asks_at[k] or p.is_pull_quote or COLON_FRAME.match(p.text):
                close()
                current, end = None, None
            else:
                end = p.end
        elif (len(interviewees) == 1 and k > first_q and asks_at[k - 1] and not paras[k - 1].label
              and not CREDIT.match(p.text) and not p.is_pull_quote):
            # "Dann anders gefragt: Was ist gelungen?" / "Auch nicht viel angenehmer, aber ..."
            inherited = last_turn
            current, end = p, p.end
    close()
    return answers


def _announces_transcript(paras: list[_Para], turn: _Para) -> bool:
    """The one labelled turn of a transcript: its label in capitals ("SRS’IN DEMMER"), not the interviewer's,
    asking no question, right after an introduction line that ends in ":" and announces the transcript."""
    k = paras.index(turn)
    if k == 0 or not turn.label.isupper() or len(turn.label) < 4 or turn.is_question:
        return False
    if turn.label.lower() in _label_lexicon()[1] or _is_answer_label(turn.label):
        return False
    before = paras[k - 1]
    return before.label is None and before.text.endswith(":") and bool(_announcement().search(before.text))


def _question_turns(paras: list[_Para]) -> list[bool]:
    """Which paragraphs of an unlabelled interview are the interviewer's: the questions, and a statement that
    addresses the interviewee without speaking of itself between two answers ("Und jetzt müssen Sie loslassen.")."""
    asks = [p.is_question for p in paras]
    for k in range(1, len(paras) - 1):
        p = paras[k]
        if (not asks[k] and not asks[k - 1] and not asks[k + 1] and len(p.text.split()) <= 25
                and _addresses(p.text) and not _first_person(p.text) and not p.is_pull_quote):
            asks[k] = True
    return asks


def _unlabelled(text: str, paras: list[_Para], interviewee: str | None) -> list[Answer]:
    if interviewee is None or _is_faq(text):
        return []
    first_q = next((k for k, p in enumerate(paras) if p.is_question), None)
    if first_q is None:
        return []
    announced = _announcement().search(text[:paras[first_q].start])
    asks = _question_turns(paras)
    answers, k, addressed, named, first_person = [], first_q, 0, False, 0
    surname = interviewee.split()[-1]
    while k < len(paras):
        if asks[k] and k + 1 < len(paras) and not asks[k + 1]:
            vocative = _vocative(paras[k].text)
            addressed += bool(_addresses(paras[k].text) or vocative)
            named = named or vocative == surname
            j = k + 1
            while j + 1 < len(paras) and not asks[j + 1] and not paras[j + 1].is_pull_quote \
                    and not CREDIT.match(paras[j + 1].text):
                j += 1
            start, end = paras[k + 1].start, paras[j].end
            if not paras[k + 1].is_pull_quote and not CREDIT.match(paras[k + 1].text):
                answers.append(Answer(start, end, interviewee, None, None, None, "interview_unlabelled"))
                first_person += _first_person(text[start:end])
            k = j + 1
        else:
            k += 1
    pairs = len(answers)
    billed = _billed(paras[:first_q], surname)
    if announced and (pairs >= 2 or (pairs >= 1 and (named or (billed and first_person >= 1)))):
        return answers
    # no announcement: the form alone, questions that address someone who answers about themselves
    if pairs >= MIN_PAIRS and addressed >= MIN_ADDRESSED and first_person >= 2:
        return answers
    return []


def _billed(intro: list[_Para], surname: str) -> bool:
    """The introduction has a billing line: a short line that announces the interview and names the interviewee
    ("Ein Interview mit Julia Brenner", "Im Gespräch: Bürgermeisterin Eva Lohse"), not a sentence of the report
    ("Lohse sagte in einem Interview mit dem Blatt, sie ..." is longer or ends in a full stop)."""
    return any(len(p.text.split()) <= MAX_BILLING_WORDS and not p.text.rstrip().endswith((".", "!", "?", ":"))
               and _announcement().search(p.text) and re.search(rf"\b{re.escape(surname)}\b", p.text)
               for p in intro)


def find_answers(text: str, interviewee: str | None = None) -> list[Answer]:
    """The answers of an interview in ``text`` (empty when the text is no interview).

    ``interviewee``: the person an unlabelled interview is with (the caller takes it from the introduction, e.g.
    the first person entity before the first question); labelled interviews name their speakers themselves.
    """
    paras = _paragraphs(text)
    return _labelled(text, paras, interviewee) or _unlabelled(text, paras, interviewee)


def first_question_start(text: str) -> int | None:
    """Start of the first question paragraph (the end of an interview's introduction)."""
    return next((p.start for p in _paragraphs(text) if p.is_question), None)


def vocative_surname(text: str) -> str | None:
    """The name the first vocative question addresses ("Herr Huber, ...?" -> "Huber")."""
    for p in _paragraphs(text):
        if p.is_question and (name := _vocative(p.text)):
            return name
    return None


def question_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the interviewer's turns; meaningful only for an interview."""
    paras = _paragraphs(text)
    return [(p.start, p.end) for p, ask in zip(paras, _question_turns(paras)) if ask]


def pull_quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of paragraphs that are one quotation alone (in an interview: a pull quote of an answer)."""
    return [(p.start, p.end) for p in _paragraphs(text) if p.is_pull_quote]
