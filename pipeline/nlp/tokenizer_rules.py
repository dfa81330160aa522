"""Tokenizer adjustments for real news input: markdown links and single guillemets.

Markdown links: "[Lena Weber](https://example.org) sagte" must give the name "Lena Weber".

Pages converted to markdown keep links inline. spaCy's German tokenizer splits the opening "[" but glues the
closing "](" to the last word of the link text ("Weber](https://example.org"), so the entity stage saw a name
"Lena Weber](https://example.org" and the claim rules a speaker ending in a URL. Splitting "](" as an infix keeps
the link text as words of its own; the URL stays in the text (offsets always point into the raw text) as tokens
after "](" that no rule takes for words of a name.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

LINK_INFIXES = (r"\]\(", r"(?<=[\w.])\)(?=[\s,.;:!?]|$)")
# Single guillemets (German ›…‹ inside »…«, Swiss ‹…› inside «…») are quotation marks like „…“: spaCy's German
# tokenizer leaves them glued to the word ("‹Wir", "wachsam.›"), so no quote could be found.
GUILLEMETS = ("‹", "›")
# Two commas typed for a low opening quotation mark („), closed by '' or “ (",,Nein, überhaupt nicht.''"): spaCy
# splits them into two "," tokens, which read as clause commas. One token ",," lets the quotation layer pair it
# (only when a closing mark follows in the same paragraph, see pipeline/layer/quotes.py). At the start of a word
# and after a colon ("Frage 3:,, Wächst …"); three or more commas stay commas.
DOUBLE_COMMA_PREFIX = r"^,,(?!,)"
DOUBLE_COMMA_SUFFIX = r"(?<=:),,$"


def split_markdown_links(nlp: Language) -> Language:
    """Add the markdown-link infixes and the single guillemets to ``nlp``'s tokenizer (idempotent).

    The rules are added to the tokenizer's own rules, not to the language defaults: a pipeline may carry
    rules of its own (the project's model keeps "Teilnehmer:innen" as one token), which must stay.
    """
    tokenizer = nlp.tokenizer
    if getattr(tokenizer.infix_finditer, "__name__", "") == _MARK:
        return nlp
    tokenizer.infix_finditer = _named(
        _extended(tokenizer.infix_finditer, nlp.Defaults.infixes, list(LINK_INFIXES), compile_infix_regex).finditer
    )
    tokenizer.prefix_search = _first(DOUBLE_COMMA_PREFIX, _extended(
        tokenizer.prefix_search, nlp.Defaults.prefixes, [f"^{g}" for g in GUILLEMETS], compile_prefix_regex)).search
    tokenizer.suffix_search = _first(DOUBLE_COMMA_SUFFIX, _extended(
        tokenizer.suffix_search, nlp.Defaults.suffixes, [f"{g}$" for g in GUILLEMETS], compile_suffix_regex)).search
    # the URL matcher would otherwise take "Weber](https://example.org" whole before infixes are tried
    for attr in ("url_match", "token_match"):
        original = getattr(tokenizer, attr, None)
        if original is not None:
            setattr(tokenizer, attr, _without_link_joints(original))
    return nlp


def _extended(current, defaults, extra: list[str], compile_rules) -> re.Pattern:
    """The tokenizer's current rule (a bound method of a compiled pattern) with ``extra`` alternatives added."""
    pattern = getattr(current, "__self__", None)
    if isinstance(pattern, re.Pattern):
        return re.compile("|".join([pattern.pattern, *extra]))
    return compile_rules(list(defaults or ()) + [e.strip("^$") for e in extra])


def _first(alternative: str, pattern: re.Pattern) -> re.Pattern:
    """``pattern`` with ``alternative`` tried first (an alternation takes the first alternative that matches, and
    the default rules would take a single ",")."""
    return re.compile("|".join([alternative, pattern.pattern]))


_MARK = "claimgraph_markdown_infixes"


def _named(finditer):
    def claimgraph_markdown_infixes(text: str):
        return finditer(text)

    return claimgraph_markdown_infixes


def _without_link_joints(match):
    def guarded(text: str):
        return None if "](" in text else match(text)

    return guarded
