"""Sentence segmentation: the one rule every stage and every table uses.

With sentence boundaries from the pipeline (parser, senter, sentencizer, given SpkAtt sentences) they are kept,
except where a weak parser splits inside a sentence ("In Frankreich wollen Unternehmen | rund 109 Milliarden
..."): a "sentence" that starts in lower case or with a number, or follows a verb, article, preposition or
conjunction, after one without final punctuation (and without a line break) is glued back to it, and a line break always ends a sentence (headlines, datelines and ticker entries
of news pages have no full stop, whatever the parser glued together) unless it is a single line break of
hard-wrapped copy before a lower-case word (``_wrapped_line``). Without boundaries, a fallback splits at sentence punctuation (optionally
followed by a closing quotation mark) before an upper-case word, a quotation mark, a digit or a line break.

Limits: an abbreviation dot before a capitalised noun ("Nr. Fünf") ends a sentence in the fallback.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .facts import TokenFacts, token_facts
from .quotes import is_mark

SENT_END = frozenset({".", "!", "?", "…"})
# Typewriter and German closing marks that may follow the final punctuation inside a sentence.
_CLOSING_AFTER_END = ("“", "«", "\"")
# Parts of speech that end no sentence without final punctuation: a parser split after them is inside a sentence.
_NO_SENTENCE_END_POS = frozenset({"VERB", "AUX", "DET", "ADP", "CCONJ", "SCONJ"})
# ``doc.user_data`` key set by a reader whose sentence boundaries are given data (SpkAtt): only the parser's
# boundaries are second-guessed by part of speech.
GIVEN_SENTENCES = "claimgraph_given_sentences"


def sentence_bounds(doc: Doc, facts: TokenFacts | None = None) -> list[tuple[int, int]]:
    """Token bounds ``(start, end)`` of every sentence, covering the whole Doc in order.

    ``facts``: the Doc's token facts (``pipeline.layer.facts``), if already read."""
    n = len(doc)
    if n == 0:
        return []
    f = facts or token_facts(doc)
    text, space, ws = f.text, f.is_space, f.whitespace
    if doc.has_annotation("SENT_START"):
        given = bool(doc.user_data.get(GIVEN_SENTENCES))
        if "sents" in doc.user_hooks:
            parser_sents = [(sent.start, sent.end) for sent in doc.sents]
        else:  # what Doc.sents gives: a sentence starts at token 0 and at every token whose SENT_START is 1
            starts = [0] + [i for i in range(1, n) if f.sent_start[i] == 1]
            parser_sents = list(zip(starts, starts[1:] + [n]))
        out: list[tuple[int, int]] = []
        for start, end in parser_sents:
            if out and start < end and is_mark(text[start]) and text[start - 1] in SENT_END and not ws[start - 1] \
                    and out[-1][1] == start:
                # "… meinte er: “Einfach ist es nicht.” Die SPÖ sei …": a mark glued to the final punctuation
                # closes the sentence before; the parser gave it to the next one
                out[-1] = (out[-1][0], start + 1)
                start += 1
                if start >= end:
                    continue
            if out and not given and out[-1][1] == start and start < end:
                ps, pe = out[-1]
                last = pe - 1
                while last > ps and space[last]:
                    last -= 1
                if last - 1 > ps and is_mark(text[last]) and (text[last - 1] in SENT_END or text[last - 1] == ":") \
                        and ws[last - 1] \
                        and not ws[last] and last + 1 < n and not space[last + 1]:
                    # "… unter Druck gesetzt. "So geht man nicht miteinander um"": a mark after the final
                    # punctuation and a space, glued to the next word, opens the next sentence's quotation; the
                    # parser gave it to the sentence before; so does a mark after a colon ("Didi Zach, Landessprecher
                    # der KPÖ-Wien: "Die SPÖ …": the frame sentence ends with its colon, the quotation opens the next)
                    out[-1] = (ps, last)
                    start = last
            first = next((i for i in range(start, end) if not space[i]), None)
            if out and first is not None and text[first] in (",", ";") and not given and out[-1][1] == start \
                    and not any("\n" in ws[k] or space[k] and "\n" in text[k] for k in range(out[-1][1] - 1, first)):
                # "„… Mehr kann ich nicht sagen.“, das erklärte die Sprecherin.": no sentence starts with a comma;
                # the frame after a quotation that ends with its own full stop belongs to the quotation's sentence
                out[-1] = (out[-1][0], end)
                continue
            if out and first is not None and not is_mark(text[first]):
                last = out[-1][1] - 1
                # "…, das erklärte | Sprecher Matthias Kopp.": nor does a sentence end in a verb without punctuation
                cannot_end = f.is_lower[first] or f.like_num[first] or (
                    f.pos[last] in _NO_SENTENCE_END_POS and not given)
                if cannot_end and text[last] not in SENT_END | {":"} and (
                        "\n" not in ws[last] and not space[last] or first == last + 1 and _wrapped_line(f, last)):
                    out[-1] = (out[-1][0], end)
                    continue
                if text[last] == ":" and not given and "\n" not in ws[last] and not space[last] \
                        and f.is_title[first] and any(f.pos[k] in ("VERB", "AUX") for k in range(max(out[-1][0], last - 3), last)):
                    # "Die Polizei warnt: Bitte treffen Sie …", "sagte er: Wir …": what follows a colon right after
                    # a verb in the same line belongs to its sentence (speech without quotation marks); a ticker
                    # time "21.45 Uhr:" or "… betont locker: Das Video …" keeps the parser's break
                    out[-1] = (out[-1][0], end)
                    continue
            out.append((start, end))
        return _split_at_line_breaks(f, out)
    out, start = [], 0
    for i in range(n):
        t = text[i]
        if t in SENT_END or (t in _CLOSING_AFTER_END and i > 0 and text[i - 1] in SENT_END):
            if i + 1 >= n or (text[i + 1] in _CLOSING_AFTER_END and t in SENT_END):
                continue
            j = i + 1
            if f.is_title[j] or f.is_upper[j] or is_mark(text[j]) or space[j] or f.is_digit[j]:
                out.append((start, i + 1))
                start = i + 1
        elif "\n" in ws[i] or space[i] and "\n" in t:
            out.append((start, i + 1))
            start = i + 1
    if start < n:
        out.append((start, n))
    return out


def _split_at_line_breaks(f: TokenFacts, sents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"Tierwohl am Sechseläuten\nTierschützer kritisieren ...": a parser sentence across a line break is two."""
    space, ws, text = f.is_space, f.whitespace, f.text
    out = []
    for s, e in sents:
        start = s
        for i in range(s, e - 1):
            if ("\n" in ws[i] or (space[i] and "\n" in text[i])) and not space[i + 1]:
                if _wrapped_line(f, i):
                    continue
                if not all(space[start : i + 1]):
                    out.append((start, i + 1))
                    start = i + 1
        out.append((start, e))
    return out


def _wrapped_line(f: TokenFacts, i: int) -> bool:
    """Hard-wrapped copy (press portals, mailing lists): the single line break after token ``i`` is inside a
    sentence when the line does not end in sentence punctuation, a colon or a quotation mark and the next line
    goes on in lower case ("Nach einem Jahr verkündeten\ndie Innenministerin …"). A blank line, or a next line
    that starts with a capital, a digit or a mark (headlines, datelines, ticker entries), still ends the sentence."""
    p = i
    while p > 0 and f.is_space[p]:
        p -= 1
    breaks = sum(f.whitespace[k].count("\n") + (f.text[k].count("\n") if f.is_space[k] else 0) for k in range(p, i + 1))
    nxt = i + 1
    if breaks != 1 or f.is_space[p] or nxt >= len(f.text) or not f.is_lower[nxt] or not f.text[nxt][:1].isalpha():
        return False
    return f.text[p] not in SENT_END | {":", ";"} and not is_mark(f.text[p])
