"""Run the statistical pipeline in bounded pieces, so memory and time stay linear in document size.

spaCy's tok2vec, parser and NER hold per-token working arrays for a whole batch, and its tokenizer
strips prefixes from one whitespace-free run character by character (quadratic in the run's length).
A 5 MB single-line document would need ~20 GB. So:

* a document longer than ``SEGMENT_CHARS`` is cut into segments at paragraph breaks (or line breaks,
  sentence ends, spaces, in that order of preference) and the segments go through ``nlp.pipe`` in
  batches of at most ``BATCH_CHARS`` characters; the annotated segments are joined with
  ``Doc.from_docs(ensure_whitespace=False)``, whose text is the concatenation of the segments, i.e.
  exactly the input: every character offset is unchanged.
* a whitespace-free run longer than ``MAX_RUN_CHARS`` is tokenised in pieces of that length (such a run
  is a URL or garbage, never a word; a token never spans two pieces).
* when a batch fails (``MemoryError`` in the tok2vec, a bug in a component), each of its documents is
  retried alone, and only a document that fails alone is reported, with the component and exception.

Documents of up to ``SEGMENT_CHARS`` characters (all normal news articles) are processed whole, exactly
as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

SEGMENT_CHARS = 20_000
BATCH_CHARS = 100_000
MAX_RUN_CHARS = 300

_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN_CHARS + 1))
# the end of a sentence: terminal punctuation, optional closing quotes/brackets, then whitespace
_SENTENCE_END = re.compile(r"[.!?…][\"'»«“”’)\]]*\s+")
_WHITESPACE = re.compile(r"\s+")


def segment_bounds(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive segments covering ``text``, each at most ``limit`` characters."""
    limit = limit or SEGMENT_CHARS
    bounds = []
    start = 0
    while len(text) - start > limit:
        cut = _cut_point(text, start, start + limit)
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def _cut_point(text: str, start: int, end: int) -> int:
    """The best place to end a segment that starts at ``start`` and may not go beyond ``end``."""
    low = start + (end - start) // 2  # segments are at least half the limit long, so their number is bounded
    paragraph = text.rfind("\n\n", low, end)
    if paragraph >= 0:
        return paragraph + 2
    line = text.rfind("\n", low, end)
    if line >= 0:
        return line + 1
    last = None
    for last in _SENTENCE_END.finditer(text, low, end):
        pass
    if last is not None:
        return last.end()
    for last in _WHITESPACE.finditer(text, low, end):
        pass
    if last is not None:
        return last.end()
    return end


def tokenize(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, with whitespace-free runs longer than ``MAX_RUN_CHARS`` tokenised in pieces."""
    if not _LONG_RUN.search(text):
        return nlp.make_doc(text)
    cuts = [0]
    for run in _LONG_RUN.finditer(text):
        cuts.extend(range(run.start(), run.end(), MAX_RUN_CHARS))
        cuts.append(run.end())
    cuts.append(len(text))
    cuts = sorted(set(cuts))
    pieces = [nlp.make_doc(text[a:b]) for a, b in zip(cuts, cuts[1:]) if b > a]
    return Doc.from_docs(pieces, ensure_whitespace=False, exclude=["tensor"])


@dataclass(frozen=True)
class Failure:
    component: str
    exception: BaseException

    def as_row(self) -> dict[str, str]:
        return {"stage": f"nlp:{self.component}", "problem": "failed", "message": f"{type(self.exception).__name__}: {self.exception}"}


def install_error_handler(nlp: Language, handler) -> None:
    """Call ``handler(name, proc, docs, exc)`` instead of raising when a component fails in ``nlp.pipe``.

    ``Language.set_error_handler`` raises AttributeError on compiled pipes (parser, ner) in spaCy 3.8,
    so the handler is set pipe by pipe, and as the default for plain function components.
    """
    nlp.default_error_handler = handler
    for _, proc in nlp.pipeline:
        try:
            proc.set_error_handler(handler)
        except AttributeError:
            pass


def _pipe_batch(nlp: Language, docs: Sequence[Doc], disable: Sequence[str]) -> tuple[dict[int, Doc], dict[int, Failure]]:
    """Run one batch; return the annotated docs and the failures, both keyed by position in ``docs``."""
    position = {id(doc): i for i, doc in enumerate(docs)}
    failures: dict[int, Failure] = {}

    def record(proc_name, proc, failed_docs, exc):
        for doc in failed_docs:
            failures.setdefault(position[id(doc)], Failure(proc_name, exc))

    install_error_handler(nlp, record)
    done = {}
    try:
        for doc in nlp.pipe(docs, batch_size=max(1, len(docs)), disable=list(disable)):
            done[position[id(doc)]] = doc
    except Exception as exc:  # raised outside any component (the error handler covers those)
        for i in range(len(docs)):
            if i not in done:
                failures.setdefault(i, Failure("pipe", exc))
    for i in range(len(docs)):
        if i not in done and i not in failures:
            failures[i] = Failure("pipe", RuntimeError("document lost in the pipeline"))
    return done, failures


def pipe_isolated(nlp: Language, docs: Sequence[Doc], disable: Sequence[str] = ()) -> list[Doc | Failure]:
    """``nlp.pipe`` over one batch; after a failure each failed document is retried alone."""
    done, failures = _pipe_batch(nlp, docs, disable)
    if failures and len(docs) > 1:
        for i in list(failures):
            alone, alone_failures = _pipe_batch(nlp, [docs[i]], disable)
            if 0 in alone:
                done[i] = alone[0]
                del failures[i]
            else:
                failures[i] = alone_failures[0]
    return [done[i] if i in done else failures[i] for i in range(len(docs))]


def _batches(units: Sequence[tuple[int, str]], max_docs: int, max_chars: int) -> Iterable[list[int]]:
    batch: list[int] = []
    chars = 0
    for index, (_, text) in enumerate(units):
        if batch and (len(batch) >= max_docs or chars + len(text) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(index)
        chars += len(text)
    if batch:
        yield batch


def parse_texts(
    nlp: Language,
    texts: Sequence[str],
    *,
    disable: Sequence[str] = (),
    batch_size: int = 16,
    segment_chars: int | None = None,
    batch_chars: int | None = None,
) -> list[Doc | Failure]:
    """Annotate each text with the statistical pipeline; one ``Doc`` (text unchanged) or ``Failure`` per text."""
    segment_chars = segment_chars or SEGMENT_CHARS
    batch_chars = batch_chars or BATCH_CHARS
    units: list[tuple[int, str]] = []  # (text number, segment text)
    for number, text in enumerate(texts):
        units.extend((number, text[a:b]) for a, b in segment_bounds(text, segment_chars))
    annotated: list[Doc | Failure | None] = [None] * len(units)
    for batch in _batches(units, batch_size, batch_chars):
        outcomes = pipe_isolated(nlp, [tokenize(nlp, units[i][1]) for i in batch], disable)
        for i, outcome in zip(batch, outcomes):
            if isinstance(outcome, Doc):
                outcome.tensor = outcome.tensor[:0]  # only the pipeline's listeners read it; frees memory early
            annotated[i] = outcome
    parts_of: list[list] = [[] for _ in texts]
    for (number, _), outcome in zip(units, annotated):
        parts_of[number].append(outcome)
    results: list[Doc | Failure] = []
    for parts in parts_of:
        failure = next((p for p in parts if isinstance(p, Failure)), None)
        if failure is not None:
            results.append(failure)
        elif len(parts) == 1:
            results.append(parts[0])
        else:
            results.append(Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"]))
    return results
