"""The shared document layer: computed once per Doc, read by every stage.

``layer_of(doc)`` returns the ``DocumentLayer`` of a Doc, computing it the first time a stage asks and keeping
it in ``doc.user_data`` (never serialised: the runner stores parses before the rule stages run). It holds
only what depends on the statistical annotation and the text, never on a rule stage's output, so it is valid for
every stage in any order.

- ``sents``/``sent_of``/``sent_end``: the one sentence segmentation (``pipeline.layer.sentences``); the
  ``sent_index`` of every table row is ``sent_of`` of its first token.
- ``quotes``/``quote_of``: quotation spans (``pipeline.layer.quotes``), also as ``doc.spans["quotes"]``.
- token facts as plain lists (``text``, ``lower``, ``is_alpha``, ``is_punct``, ``is_space``, ``whitespace``) read in one pass: a
  rule that scans the whole Doc reads them instead of creating a ``Token`` view per token and rule (creating
  views is about half the time of the rule stages).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from .quotes import Quote, find_quotes
from .sentences import sentence_bounds

QUOTES_KEY = "quotes"
_USER_DATA_KEY = "claimgraph_layer"


@dataclass
class DocumentLayer:
    n: int
    sents: list[tuple[int, int]]  # token bounds of every sentence
    sent_of: list[int]  # sentence number of every token
    sent_end: list[int]  # end token of every token's sentence
    quotes: list[Quote]
    quote_of: list[Quote | None]  # the quote every token is part of (marks included)
    text: list[str]
    lower: list[str]  # Token.lower_
    is_alpha: list[bool]
    is_punct: list[bool]
    is_space: list[bool]
    whitespace: list[str]


def build_layer(doc: Doc) -> DocumentLayer:
    n = len(doc)
    sents = sentence_bounds(doc)
    sent_of = [0] * n
    sent_end = [0] * n
    for k, (s, e) in enumerate(sents):
        for i in range(s, e):
            sent_of[i] = k
            sent_end[i] = e
    quotes = find_quotes(doc, sent_end)
    quote_of: list[Quote | None] = [None] * n
    for q in quotes:
        for i in range(q.start, q.end + 1):
            quote_of[i] = q
    doc.spans[QUOTES_KEY] = [doc[q.start : q.end + 1] for q in quotes]
    text, lower, is_alpha, is_punct, is_space, whitespace = [], [], [], [], [], []
    for tok in doc:
        text.append(tok.text)
        lower.append(tok.lower_)
        is_alpha.append(tok.is_alpha)
        is_punct.append(tok.is_punct)
        is_space.append(tok.is_space)
        whitespace.append(tok.whitespace_)
    return DocumentLayer(n, sents, sent_of, sent_end, quotes, quote_of, text, lower, is_alpha, is_punct, is_space, whitespace)


def layer_of(doc: Doc) -> DocumentLayer:
    """The Doc's layer, built once (a Doc of another length than the cached layer gets a new one)."""
    cached = doc.user_data.get(_USER_DATA_KEY)
    if cached is None or cached.n != len(doc):
        cached = build_layer(doc)
        doc.user_data[_USER_DATA_KEY] = cached
    return cached
