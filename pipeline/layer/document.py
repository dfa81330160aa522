"""The shared document layer: computed once per Doc, read by every stage.

``layer_of(doc)`` returns the ``DocumentLayer`` of a Doc, computing it the first time a stage asks and keeping
it in ``doc.user_data`` (never serialised: the runner stores parses before the rule stages run). It holds
only what depends on the statistical annotation and the text, never on a rule stage's output, so it is valid for
every stage in any order.

- ``sents``/``sent_of``/``sent_end``: the one sentence segmentation (``pipeline.layer.sentences``); the
  ``sent_index`` of every table row is ``sent_of`` of its first token.
- ``quotes``/``quote_of``: quotation spans (``pipeline.layer.quotes``), also as ``doc.spans["quotes"]``.
- token facts as plain lists (``text``, ``lower``, ``pos``, ``tag``, ``lemma``, ``dep``, ``idx``, ``is_alpha``,
  ``is_punct``, ``is_space``, ``whitespace`` ..., see ``pipeline.layer.facts``) read from the Doc's arrays in one
  call, and ``doc_text`` (== ``doc.text``, which spaCy rebuilds from every token on each access): a rule that scans
  the whole Doc reads them instead of creating a ``Token`` view per token and rule (creating views was about half
  the time of the rule stages).
"""

from __future__ import annotations

from spacy.tokens import Doc

from .facts import TokenFacts
from .quotes import Quote, find_quotes
from .sentences import sentence_bounds

QUOTES_KEY = "quotes"
_USER_DATA_KEY = "claimgraph_layer"


class DocumentLayer(TokenFacts):
    """The token facts (``pipeline.layer.facts``) plus the sentence segmentation and the quotation spans."""

    def __init__(self, doc: Doc):
        super().__init__(doc)
        n = self.n
        self.sents: list[tuple[int, int]] = sentence_bounds(doc, self)  # token bounds of every sentence
        self.sent_of: list[int] = [0] * n  # sentence number of every token
        self.sent_end: list[int] = [0] * n  # end token of every token's sentence
        for k, (s, e) in enumerate(self.sents):
            self.sent_of[s:e] = [k] * (e - s)
            self.sent_end[s:e] = [e] * (e - s)
        self.quotes: list[Quote] = find_quotes(doc, self.sent_end, self)
        self.quote_of: list[Quote | None] = [None] * n  # the quote every token is part of (marks included)
        for q in self.quotes:
            self.quote_of[q.start : q.end + 1] = [q] * (q.end + 1 - q.start)
        doc.spans[QUOTES_KEY] = [doc[q.start : q.end + 1] for q in self.quotes]


def build_layer(doc: Doc) -> DocumentLayer:
    return DocumentLayer(doc)


def layer_of(doc: Doc) -> DocumentLayer:
    """The Doc's layer, built once (a Doc of another length than the cached layer gets a new one)."""
    cached = doc.user_data.get(_USER_DATA_KEY)
    if cached is None or cached.n != len(doc):
        cached = build_layer(doc)
        doc.user_data[_USER_DATA_KEY] = cached
    return cached
