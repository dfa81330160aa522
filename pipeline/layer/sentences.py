"""Sentence segmentation: the one rule every stage and every table uses.

With sentence boundaries from the pipeline (parser, senter, sentencizer, given SpkAtt sentences) they are kept,
except where a weak parser splits inside a sentence ("In Frankreich wollen Unternehmen | rund 109 Milliarden
..."): a "sentence" that starts in lower case or with a number after one without final punctuation (and without
a line break) is glued back to it, and a line break always ends a sentence (headlines, datelines and ticker entries
of news pages have no full stop, whatever the parser glued together). Without boundaries, a fallback splits at sentence punctuation (optionally
followed by a closing quotation mark) before an upper-case word, a quotation mark, a digit or a line break.

Limits: an abbreviation dot before a capitalised noun ("Nr. Fünf") ends a sentence in the fallback.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .quotes import is_mark

SENT_END = frozenset({".", "!", "?", "…"})
# Typewriter and German closing marks that may follow the final punctuation inside a sentence.
_CLOSING_AFTER_END = ("“", "«", "\"")


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token bounds ``(start, end)`` of every sentence, covering the whole Doc in order."""
    n = len(doc)
    if n == 0:
        return []
    if doc.has_annotation("SENT_START"):
        out: list[tuple[int, int]] = []
        for sent in doc.sents:
            first = next((t for t in sent if not t.is_space), None)
            if out and first is not None and (first.is_lower or first.like_num) and not is_mark(first.text):
                prev_last = doc[out[-1][1] - 1]
                if prev_last.text not in SENT_END | {":"} and "\n" not in prev_last.whitespace_ and not prev_last.is_space:
                    out[-1] = (out[-1][0], sent.end)
                    continue
            out.append((sent.start, sent.end))
        return _split_at_line_breaks(doc, out)
    out, start = [], 0
    for i, tok in enumerate(doc):
        nxt = doc[i + 1] if i + 1 < n else None
        if tok.text in SENT_END or (tok.text in _CLOSING_AFTER_END and i > 0 and doc[i - 1].text in SENT_END):
            if nxt is None or (nxt.text in _CLOSING_AFTER_END and tok.text in SENT_END):
                continue
            if nxt.is_title or nxt.is_upper or is_mark(nxt.text) or nxt.is_space or nxt.is_digit:
                out.append((start, i + 1))
                start = i + 1
        elif "\n" in tok.whitespace_ or tok.is_space and "\n" in tok.text:
            out.append((start, i + 1))
            start = i + 1
    if start < n:
        out.append((start, n))
    return out


def _split_at_line_breaks(doc: Doc, sents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"Tierwohl am Sechseläuten\nTierschützer kritisieren ...": a parser sentence across a line break is two."""
    out = []
    for s, e in sents:
        start = s
        for i in range(s, e - 1):
            tok = doc[i]
            if ("\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text)) and not doc[i + 1].is_space:
                if any(not doc[j].is_space for j in range(start, i + 1)):
                    out.append((start, i + 1))
                    start = i + 1
        out.append((start, e))
    return out
