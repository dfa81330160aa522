"""Quotation spans over a Doc: all German quotation marks, multi-sentence and multi-paragraph quotes.

German news uses „…“ (also „…”), »…«, Swiss «…», ‚…‘, ›…‹ and Swiss ‹…› for quotes inside quotes, and
typewriter "…", and ",,…''" (two commas typed for „, one token, opening only when its closing mark follows in the
paragraph); all of them are quotes of equal standing. A quote
continued in the next paragraph opens again without having been closed ("„… Absatz.\n\n„Weiter …“"). Marks
that do not pair up are logged and closed at the end of their paragraph, so a stray mark can never swallow the
rest of the document.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.tokens import Doc

from .facts import TokenFacts, token_facts

log = logging.getLogger(__name__)

# opening mark -> the closing marks it pairs with
PAIRS: dict[str, tuple[str, ...]] = {
    "„": ("“", "”", '"'),
    "»": ("«",),
    "«": ("»",),  # Swiss and French order
    "‚": ("‘", "’"),
    "›": ("‹",),  # German single guillemets inside »…«
    "‹": ("›",),  # Swiss single guillemets inside «…»
    "“": ("”",),  # English-style, seen in copied agency text
    '"': ('"',),
    "''": ("''",),
    "``": ("''",),
    ",,": ("''", "“", "”", '"'),  # two commas typed for „ (one token, pipeline/nlp/tokenizer_rules.py)
}
ALL_MARKS = set(PAIRS) | {c for cs in PAIRS.values() for c in cs}
# Marks that are only ever closers in German typography (the others can open a quote).
CLOSE_ONLY = {"”", "’", "‘"}
# Low marks that are also commas: they open a quote only when its closing mark follows in the same paragraph (a
# lone "‚" is a misused comma; ",," is two commas unless '' or “ closes it). "‚" inside an open quote opens anyway.
LOW_OPENERS_NEEDING_CLOSE = {"‚", ",,"}
# Marks that open in German typography even though they close elsewhere.
AMBIGUOUS = {'"', "“", "«", "»", "''", "›", "‹"}


@dataclass(frozen=True)
class Quote:
    start: int  # token index of the opening mark
    end: int  # token index of the closing mark (inclusive); the last content token when unbalanced
    balanced: bool
    continued: bool = False  # spans a paragraph break with a re-opened mark

    @property
    def content(self) -> range:
        return range(self.start + 1, self.end if self.balanced else self.end + 1)

    def __len__(self) -> int:
        return self.end - self.start + 1


def is_mark(text: str) -> bool:
    return text in ALL_MARKS


def _paragraph_break(text: str) -> bool:
    return text.count("\n") >= 1


def _ends_paragraph(f: TokenFacts, i: int) -> bool:
    """True when a paragraph break (a newline) follows token ``i``."""
    if "\n" in f.whitespace[i]:
        return True
    return i + 1 < len(f.text) and f.is_space[i + 1] and "\n" in f.text[i + 1]


def _closes_later(f: TokenFacts, i: int, closers: tuple[str, ...]) -> bool:
    """A closing mark follows in the same paragraph (a lone low single mark is a misused comma, not a quote)."""
    for j in range(i + 1, len(f.text)):
        if f.text[j] in closers:
            return True
        if _ends_paragraph(f, j):
            return False
    return False


def _newlines_after(f: TokenFacts, i: int) -> int:
    """Line breaks between token ``i`` and the next word (its whitespace and the space tokens after it)."""
    count = f.whitespace[i].count("\n")
    j = i + 1
    while j < len(f.text) and f.is_space[j]:
        count += f.text[j].count("\n") + f.whitespace[j].count("\n")
        j += 1
    return count


def _closes_in_wrapped_lines(f: TokenFacts, i: int, opener: str) -> bool:
    """Hard-wrapped copy (press portals break lines inside sentences): after a single line break at token ``i``
    the open quote's closing mark follows before any blank line and before the same opening mark again."""
    closers = PAIRS[opener]
    for j in range(i + 1, len(f.text)):
        if f.text[j] in closers:
            return True
        if (f.text[j] == opener and opener not in closers) or (not f.is_space[j] and _newlines_after(f, j) >= 2):
            return False
        if f.is_space[j] and f.text[j].count("\n") >= 2:
            return False
    return False


def _mark_of(text: str, stack: list[tuple[str, int]]) -> str:
    """The quotation mark a token stands for: itself, or a closing mark glued to a word ("“-Kongress") or inside a
    compound before its hyphen ("Heute"-Leserin)."""
    if text in ALL_MARKS or not stack or len(text) < 2:
        return text
    if text[0] in PAIRS[stack[-1][0]]:
        return text[0]
    if text[-1] in PAIRS[stack[-1][0]] and text[-1] not in ('"',):
        return text[-1]
    for k in range(1, len(text) - 2):
        if text[k] in PAIRS[stack[-1][0]] and text[k + 1] == "-" and text[k + 2].isalpha():
            return text[k]  # a closing mark inside a compound: "Heute"-Leserin, „Community-Policing“-Projekt
    return text


def find_quotes(doc: Doc, sentence_ends: list[int] | None = None, facts: TokenFacts | None = None) -> list[Quote]:
    """Top-level quotes in text order (quotes inside quotes are part of the outer one).

    ``sentence_ends`` (exclusive token index of each token's sentence end) lets an unbalanced quote be closed
    at the end of its sentence when the same opening mark appears again before any closing one. ``facts``: the
    Doc's token facts (``pipeline.layer.facts``), if already read.
    """
    f = facts or token_facts(doc)
    words = f.text
    quotes: list[Quote] = []
    stack: list[tuple[str, int]] = []  # open marks, outermost first
    continued = False
    n = len(doc)
    i = 0
    while i < n:
        text = _mark_of(words[i], stack)
        if stack and text == stack[0][0] and text in ("„", "»", "«") and len(stack) == 1:
            # the same opening mark again: the open quote was never closed (best effort: its sentence end)
            start = stack[0][1]
            end = i - 1
            if sentence_ends is not None:
                end = min(end, sentence_ends[start] - 1)
            log.info("quotation mark at token %d not closed before the next opening mark; closed at token %d", start, end)
            quotes.append(Quote(start, end, False, continued))
            stack, continued = [], False
        if stack and (text in PAIRS[stack[-1][0]] or (text in AMBIGUOUS and any(m == text for m, _ in stack))):
            # closes the innermost quote (a typewriter mark closes the innermost open one of its kind)
            if text not in PAIRS[stack[-1][0]]:
                while stack[-1][0] != text:
                    stack.pop()
            outer = stack[0][1]
            stack.pop()
            if not stack:
                quotes.append(Quote(outer, i, True, continued))
                continued = False
        elif text in PAIRS and text not in CLOSE_ONLY and (text not in LOW_OPENERS_NEEDING_CLOSE or stack and text == "‚"
                                                            or _closes_later(f, i, PAIRS[text])):
            stack.append((text, i))
        elif text in ALL_MARKS and not stack and text not in ("’", "‘", "‚", ",,"):
            log.info("unbalanced closing quotation mark %r at token %d ignored", text, i)
        if stack and _ends_paragraph(f, i):
            j = i + 1
            while j < n and f.is_space[j]:
                j += 1
            if j < n and words[j] == stack[0][0]:
                # the quote goes on in the next paragraph, which re-opens it: skip the re-opening mark
                stack = stack[:1]
                continued = True
                i = j + 1
                continue
            if _newlines_after(f, i) == 1 and _closes_in_wrapped_lines(f, i, stack[0][0]):
                i += 1  # a single line break inside a quotation of hard-wrapped copy: the quote goes on
                continue
            log.info("quotation mark at token %d not closed before the paragraph end; closed there", stack[0][1])
            quotes.append(Quote(stack[0][1], i, False, continued))
            stack, continued = [], False
        i += 1
    if stack:
        log.info("quotation mark at token %d never closed; closed at the end of the text", stack[0][1])
        quotes.append(Quote(stack[0][1], n - 1, False, continued))
    return quotes
