"""Speaker spans as SpkAtt-2023 marks them: the whole noun phrase that names the speaker.

The phrase readers of ``extract.py`` find the head of the speaker phrase and stop where German noun-phrase
syntax goes on; resolution needs only the head, but the token span (``Claim.speaker_tokens``, scored as the
SpkAtt ``Source``) is the whole phrase. The gold of the SpkAtt news train split (measured, nothing copied) marks:

- an **apposition** after a name, up to its closing comma or the end of the sentence: "Ursula Castrup, die
  Leiterin der Fachstelle", "Stephen Singer, ein Klimaexperte vom WWF", and the name in apposition after a
  description: "der parlamentarische Geschäftsführer der Fraktion, Jens Nacke";
- a **close apposition**, the name right after a role or class noun: "Bundesaußenminister Joschka Fischer", "Die
  Nachrichtenagentur Reuters", "Die Zeitung „Yemen Observer“";
- the rest of a **name** the span stops inside ("Henk | Jaap Meijer"), the name after an article or preposition that
  ends the span ("Ein Sprecher der | „Polizei von DeLand“"), and a person's **affiliation** with "von"/"vom" and an
  organisation ("Joe Stork von HRW");
- a short **parenthesis** after the phrase: "Franz Josef Jung (CDU)", "der Sudanesischen Befreiungsarmee (SPLA)";
- the **seat** of an institution or role after a common noun: "das Parlament in Mexiko-Stadt", "ein Sprecher der
  Bundesagentur für Arbeit (BA) in Nürnberg" (after a name, "Seibert in Berlin" is where he spoke: not taken);
- the **quotation marks** of a quoted name, with the article before them: "Die „Süddeutsche Zeitung“".

This pass runs after resolution (``salience.resolve``), so it never changes who the speaker is: it only completes
the span (and the speaker text and offsets with it) where the words around it are German noun-phrase syntax, never
across a message, a cue or a verb.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from .. import resources
from ..layer.quotes import is_mark
from ..layer.sentences import SENT_END

ARTICLES = resources.words("speaker_span_articles")
PLACE_PREPOSITIONS = resources.words("speaker_span_place_prepositions")
AFFILIATION_PREPOSITIONS = resources.words("speaker_span_affiliation_prepositions")
APPOSITION_MAX = 15  # tokens; longer comma phrases are clauses or enumerations, not appositions
PARENTHESIS_MAX = 4  # "(CDU)", "(SPLA)", "(Grüne)": an abbreviation or a party, not an inserted remark
QUOTED_NAME_MAX = 6


def complete(doc: Doc, claims: list) -> list:
    """The claims with their speaker spans completed (see the module docstring)."""
    if not claims:
        return claims
    cues = {t for c in claims for t in c.cue_tokens}
    messages = [set(c.message_tokens) for c in claims]
    out = []
    for c in claims:
        tokens = sorted(set(c.speaker_tokens))
        if not tokens or any(t >= len(doc) for t in tokens):
            out.append(c)
            continue
        # no span grows into a message or a cue; a message that holds the speaker (a reported event is the whole
        # sentence) is no bound for it
        blocked = cues.union(*(m for m in messages if not m.issuperset(tokens)))
        grown = _grow(doc, tokens, blocked - set(tokens))
        if grown == tokens:
            out.append(c)
            continue
        start, end = doc[grown[0]].idx, doc[grown[-1]].idx + len(doc[grown[-1]].text)
        out.append(replace(c, speaker_tokens=tuple(grown), speaker_text=doc.text[start:end],
                           speaker_start_char=start, speaker_end_char=end))
    return out


def _grow(doc: Doc, tokens: list[int], blocked: set[int]) -> list[int]:
    if not _contiguous(doc, tokens):
        return tokens
    first, last = tokens[0], tokens[-1]
    lo, hi = _sentence_bounds(doc, first)
    if last >= hi:
        return tokens
    last = _whole_entity(doc, last, hi, blocked)
    last = _open_attribute(doc, last, hi, blocked)
    first, last = _quoted_name(doc, first, last, lo, hi, blocked)
    last = _close_apposition(doc, first, last, hi, blocked)
    last = _affiliation(doc, last, hi, blocked)
    last = _apposition(doc, first, last, hi, blocked)
    last = _parenthesis(doc, last, hi, blocked)
    last = _seat(doc, last, hi, blocked)
    return list(range(first, last + 1))


def _sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """The sentence of token ``i``: the parser's or sentencizer's, else (a blank pipeline) up to the nearest
    sentence-final punctuation or line break."""
    try:
        sent = doc[i].sent
        return sent.start, sent.end
    except ValueError:  # no sentence boundaries at all
        pass
    lo = i
    while lo > 0 and doc[lo - 1].text not in SENT_END and "\n" not in doc[lo - 1].text:
        lo -= 1
    hi = i + 1
    while hi < len(doc) and doc[hi - 1].text not in SENT_END and "\n" not in doc[hi].text:
        hi += 1
    return lo, hi


def _contiguous(doc: Doc, tokens: list[int]) -> bool:
    return all(b == a + 1 or all(doc[k].is_space for k in range(a + 1, b)) for a, b in zip(tokens, tokens[1:]))


def _is_name(tok) -> bool:
    return tok.ent_type_ in ("PER", "ORG") or tok.pos_ == "PROPN"


def _quoted_name(doc: Doc, first: int, last: int, lo: int, hi: int, blocked: set[int]) -> tuple[int, int]:
    """"Die „Süddeutsche Zeitung“": the span is the content of a short quotation; its marks (and an article
    right before the opening one) belong to it."""
    if last + 1 < hi and is_mark(doc[last + 1].text) and last + 1 not in blocked \
            and sum(is_mark(doc[k].text) for k in range(first, last + 1)) % 2 == 1:
        return first, last + 1  # "Die „Süddeutsche Zeitung|“": the opening mark is inside, the closing one after
    if first - 1 < lo or last + 1 >= hi or not is_mark(doc[first - 1].text) or not is_mark(doc[last + 1].text):
        return first, last
    if {first - 1, last + 1} & blocked or last - first + 1 > QUOTED_NAME_MAX or not doc[first].text[:1].isupper():
        return first, last
    first, last = first - 1, last + 1
    if first - 1 >= lo and doc[first - 1].lower_ in ARTICLES and first - 1 not in blocked:
        first -= 1
    return first, last


def _name_after(doc: Doc, j: int, hi: int, blocked: set[int]) -> int | None:
    """The last token of a name that starts at ``j``: an entity, a run of proper nouns, or a short quoted name."""
    if j >= hi or j in blocked:
        return None
    tok = doc[j]
    if tok.ent_type_ in ("PER", "ORG") and tok.ent_iob_ == "B":
        end = j
        while end + 1 < hi and doc[end + 1].ent_iob_ == "I" and end + 1 not in blocked:
            end += 1
        return end
    if tok.pos_ == "PROPN" and not tok.ent_type_ and tok.text[:1].isalpha():  # also "ver.di", "amnesty international"
        end = j
        while end + 1 < hi and doc[end + 1].pos_ == "PROPN" and not doc[end + 1].ent_type_ and end + 1 not in blocked:
            end += 1
        return end
    if is_mark(tok.text) and j + 1 < hi and doc[j + 1].text[:1].isupper():
        for end in range(j + 1, min(hi, j + QUOTED_NAME_MAX + 2)):
            if end in blocked or doc[end].pos_ in ("VERB", "AUX") or doc[end].text in SENT_END or doc[end].text == ",":
                return None
            if is_mark(doc[end].text):
                return end if end > j + 1 else None
    return None


def _whole_entity(doc: Doc, last: int, hi: int, blocked: set[int]) -> int:
    """"Henk | Jaap Meijer": a span never ends inside a name the entity stage found."""
    while last + 1 < hi and doc[last].ent_type_ and doc[last + 1].ent_iob_ == "I" and last + 1 not in blocked:
        last += 1
    return last


def _open_attribute(doc: Doc, last: int, hi: int, blocked: set[int]) -> int:
    """"Ein Sprecher der | „Polizei von DeLand“", "die Online-Ausgabe des | „Spiegel“": a noun phrase never ends
    in an article or a preposition; the name after it completes the attribute."""
    if doc[last].pos_ not in ("DET", "ADP") or doc[last].ent_type_ or last == 0:
        return last
    before = doc[last - 1]
    if before.ent_type_ or before.pos_ == "PROPN":
        # after a name an article opens the next phrase ("sagte Andreas Mundt der „Rundschau“": a dative object);
        # only an affiliation goes on ("Johanna Moser vom „Kollektiv“")
        if doc[last].lower_ not in AFFILIATION_PREPOSITIONS:
            return last
    elif before.pos_ != "NOUN":
        return last
    end = _name_after(doc, last + 1, hi, blocked)
    return end if end is not None else last


def _affiliation(doc: Doc, last: int, hi: int, blocked: set[int]) -> int:
    """"Joe Stork von HRW", "Patrick Breyer vom Arbeitskreis Vorratsdatenspeicherung": "von"/"vom" (and an article)
    with an organisation right after a person's name is the person's affiliation, part of the phrase."""
    if doc[last].ent_type_ != "PER" or last + 2 >= hi or doc[last + 1].lower_ not in AFFILIATION_PREPOSITIONS:
        return last
    j = last + 2
    if doc[j].lower_ in ARTICLES and j + 1 < hi:
        j += 1
    if doc[j].ent_type_ != "ORG" or doc[j].ent_iob_ != "B" or {last + 1, j} & blocked:
        return last
    end = _name_after(doc, j, hi, blocked)
    return end if end is not None else last


def _close_apposition(doc: Doc, first: int, last: int, hi: int, blocked: set[int]) -> int:
    """"Bundesaußenminister Joschka Fischer", "Die Nachrichtenagentur Reuters": a phrase that ends in a common
    noun goes on over the name right after it."""
    head = doc[last]
    if head.pos_ != "NOUN" or head.ent_type_ or not head.text[:1].isupper():
        return last
    end = _name_after(doc, last + 1, hi, blocked)
    return end if end is not None else last


def _apposition(doc: Doc, first: int, last: int, hi: int, blocked: set[int]) -> int:
    """"Ursula Castrup, die Leiterin der Fachstelle, sagte": a comma phrase after a name that opens with an article,
    a noun or an adjective and holds no verb, up to the next comma or the end of the sentence; after a
    description, a name in commas ("der Geschäftsführer der Fraktion, Jens Nacke")."""
    comma = last + 1
    inside = next((k for k in range(last - 1, first, -1) if doc[k].text == "," and _is_name(doc[k - 1])), None)
    if inside is not None and not any(_is_name(doc[k]) for k in range(inside + 1, last + 1)):
        # the phrase reader stopped inside the apposition ("Henk Jaap Meijer, Laborleiter | der … GmbH")
        end = _apposition_end(doc, last + 1, hi, blocked)
        return end if end is not None else last
    if comma + 1 >= hi or doc[comma].text != "," or comma in blocked:
        return last
    j = comma + 1
    if _is_name(doc[last]):
        opener = doc[j]
        if not (opener.lower_ in ARTICLES or opener.pos_ == "NOUN" and opener.text[:1].isupper() and not opener.ent_type_
                or opener.pos_ == "ADJ" and opener.text.islower()):
            return last
        end = _apposition_end(doc, j, hi, blocked)
        if end is None or not any(doc[k].pos_ in ("NOUN", "PROPN") for k in range(j, end + 1)):
            return last
        return end
    if doc[last].pos_ == "NOUN" and doc[j].ent_type_ == "PER" and doc[j].ent_iob_ == "B":
        end = _name_after(doc, j, hi, blocked)
        if end is not None and (end + 1 >= hi or doc[end + 1].text in (",", "(") or doc[end + 1].text in SENT_END):
            return end
    return last


def _apposition_end(doc: Doc, j: int, hi: int, blocked: set[int]) -> int | None:
    """The last token of an apposition that goes on at ``j``: up to the next comma, colon or the end of the
    sentence, without a verb (a relative clause), a quotation mark or a line break; ``j - 1`` when it ends at once."""
    end = j
    while end < hi:
        tok = doc[end]
        if tok.text in (",", ";", ":") or tok.text in SENT_END:
            return end - 1
        if end in blocked or tok.pos_ in ("VERB", "AUX") or is_mark(tok.text) or tok.is_space and "\n" in tok.text \
                or end - j >= APPOSITION_MAX:
            return None
        end += 1
    return end - 1


def _parenthesis(doc: Doc, last: int, hi: int, blocked: set[int]) -> int:
    """"Franz Josef Jung (CDU)": a short parenthesis of names or abbreviations right after the phrase."""
    j = last + 1
    if j >= hi or doc[j].text != "(" or j in blocked:
        return last
    for end in range(j + 1, min(hi, j + PARENTHESIS_MAX + 2)):
        tok = doc[end]
        if end in blocked or tok.pos_ in ("VERB", "AUX") or tok.like_num:
            return last
        if tok.text == ")":
            return end if end > j + 1 else last
        if not tok.text[:1].isupper() and tok.text not in ("/", "-", "&"):
            return last
    return last


def _seat(doc: Doc, last: int, hi: int, blocked: set[int]) -> int:
    """"das Parlament in Mexiko-Stadt": "in" and a place name right after a common noun (or the parenthesis
    after one) that ends the phrase there; a calendar word or any other noun after the place stops it."""
    head = last
    if doc[head].text == ")":
        head = next((k for k in range(head - 1, max(head - PARENTHESIS_MAX - 2, -1), -1) if doc[k].text == "("), None)
        if head is None or head == 0:
            return last
        head -= 1
    if doc[head].pos_ != "NOUN" or doc[head].ent_type_ == "PER" or not doc[head].text[:1].isupper():
        return last
    prep, place = last + 1, last + 2
    if place >= hi or doc[prep].lower_ not in PLACE_PREPOSITIONS or {prep, place} & blocked:
        return last
    if doc[place].ent_type_ != "LOC" or doc[place].ent_iob_ != "B":
        return last
    end = place
    while end + 1 < hi and doc[end + 1].ent_iob_ == "I" and end + 1 not in blocked:
        end += 1
    nxt = doc[end + 1] if end + 1 < hi else None
    if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN") or nxt.text == "("):
        return last  # "in Gaza (Stadt …", "in Wien Gespräche": the place is not where the phrase ends
    return end
