"""Token facts as plain lists, read from the Doc's arrays (no ``Token`` view per token).

``TokenFacts(doc)`` gives, for every token ``i``, exactly what the ``Token`` attribute of the same name gives:
``text``, ``lower`` (``lower_``), ``whitespace`` (``whitespace_``), ``idx``, ``pos`` (``pos_``), ``tag`` (``tag_``),
``lemma`` (``lemma_``), ``dep`` (``dep_``), ``ent_type`` (``ent_type_``), ``morph`` (``str(token.morph)``; with
``morph_values(layer.morph[i], field)`` == ``token.morph.get(field)``), ``head`` (``token.head.i``), ``children_of(i)``
(``[c.i for c in token.children]``), the lexical flags ``is_alpha``,
``is_punct``, ``is_space``, ``is_lower``, ``is_title``, ``is_upper``, ``is_digit``, ``like_num``, plus
``sent_start`` (the raw ``SENT_START`` value: 1 starts a sentence, -1 does not, 0 unknown) and ``doc_text``
(== ``doc.text``, which spaCy rebuilds from a view of every token on each access). One ``Doc.to_array`` call
reads all of them when the layer is built, before the rule stages run (so ``ent_type`` is the statistical NER's
even after the entity stage replaced ``doc.ents``); each list is built on first use. Creating a ``Token`` is what made the rule stages slow: a
rule that scans the Doc reads these lists. ``tests/test_layer.py`` checks every list against the ``Token``
attributes on parsed and unparsed Docs.
"""

from __future__ import annotations

from functools import cached_property, lru_cache

import numpy
from spacy.attrs import (
    DEP, ENT_TYPE, HEAD, IDX, IS_ALPHA, IS_DIGIT, IS_LOWER, IS_PUNCT, IS_SPACE, IS_TITLE, IS_UPPER, LEMMA, LIKE_NUM,
    LOWER, MORPH, ORTH, POS, SENT_START, SPACY, TAG,
)
from spacy.tokens import Doc

_ATTRS = (ORTH, LOWER, POS, TAG, LEMMA, DEP, ENT_TYPE, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_LOWER, IS_TITLE, IS_UPPER,
          IS_DIGIT, LIKE_NUM, SPACY, IDX, SENT_START, MORPH, HEAD)
_COLUMN = {attr: k for k, attr in enumerate(_ATTRS)}
_WHITESPACE = ("", " ")
# hash -> string: a string's hash is the same in every vocabulary, so one table serves all; bounded
_STRINGS: dict[int, str] = {0: ""}
_MAX_STRINGS = 1_000_000


class TokenFacts:
    def __init__(self, doc: Doc):
        self.n = len(doc)
        self._array = doc.to_array(list(_ATTRS)) if self.n else None
        self._store = doc.vocab.strings

    def _strings(self, attr: int) -> list[str]:
        if not self.n:
            return []
        column = self._array[:, _COLUMN[attr]].tolist()
        try:
            return list(map(_STRINGS.__getitem__, column))
        except KeyError:
            if len(_STRINGS) > _MAX_STRINGS:
                _STRINGS.clear()
                _STRINGS[0] = ""
            store = self._store
            for h in set(column):
                if h not in _STRINGS:
                    _STRINGS[h] = store[h]
            return list(map(_STRINGS.__getitem__, column))

    def _flags(self, attr: int) -> list[bool]:
        return (self._array[:, _COLUMN[attr]] == 1).tolist() if self.n else []

    @cached_property
    def text(self) -> list[str]:
        return self._strings(ORTH)

    @cached_property
    def lower(self) -> list[str]:
        return self._strings(LOWER)

    @cached_property
    def pos(self) -> list[str]:
        return self._strings(POS)

    @cached_property
    def tag(self) -> list[str]:
        return self._strings(TAG)

    @cached_property
    def lemma(self) -> list[str]:
        return self._strings(LEMMA)

    @cached_property
    def dep(self) -> list[str]:
        return self._strings(DEP)

    @cached_property
    def ent_type(self) -> list[str]:
        return self._strings(ENT_TYPE)

    @cached_property
    def is_alpha(self) -> list[bool]:
        return self._flags(IS_ALPHA)

    @cached_property
    def is_punct(self) -> list[bool]:
        return self._flags(IS_PUNCT)

    @cached_property
    def is_space(self) -> list[bool]:
        return self._flags(IS_SPACE)

    @cached_property
    def is_lower(self) -> list[bool]:
        return self._flags(IS_LOWER)

    @cached_property
    def is_title(self) -> list[bool]:
        return self._flags(IS_TITLE)

    @cached_property
    def is_upper(self) -> list[bool]:
        return self._flags(IS_UPPER)

    @cached_property
    def is_digit(self) -> list[bool]:
        return self._flags(IS_DIGIT)

    @cached_property
    def like_num(self) -> list[bool]:
        return self._flags(LIKE_NUM)

    @cached_property
    def whitespace(self) -> list[str]:
        return list(map(_WHITESPACE.__getitem__, self._flags(SPACY)))

    @cached_property
    def idx(self) -> list[int]:
        return self._array[:, _COLUMN[IDX]].tolist() if self.n else []

    @cached_property
    def sent_start(self) -> list[int]:
        # the array is uint64: -1 comes back as 2**64 - 1
        return self._array[:, _COLUMN[SENT_START]].astype("int64").tolist() if self.n else []

    @cached_property
    def morph(self) -> list[str]:
        # the hash of an empty analysis is that of "_", which str(token.morph) gives as ""
        return [m if m != _EMPTY_MORPH else "" for m in self._strings(MORPH)]

    @cached_property
    def _stored_heads(self) -> numpy.ndarray:
        # the array holds the offset to the head (uint64: -1 comes back as 2**64 - 1)
        return self._array[:, _COLUMN[HEAD]].astype("int64") + numpy.arange(self.n) if self.n else numpy.zeros(0, "int64")

    @cached_property
    def _stored_head(self) -> list[int]:
        return self._stored_heads.tolist()

    @cached_property
    def head(self) -> list[int]:
        # Token.head is the token itself where the dependency label is missing, whatever head is stored
        missing = (self._array[:, _COLUMN[DEP]] == 0).tolist() if self.n else []
        return [i if gone else h for i, (h, gone) in enumerate(zip(self._stored_head, missing))]

    @cached_property
    def _by_head(self) -> tuple[list[int], list[int]]:
        # the tokens ordered by stored head (stable: by position within one head) and where each head's run starts
        heads = self._stored_heads
        order = numpy.argsort(heads, kind="stable")
        return order.tolist(), numpy.searchsorted(heads[order], numpy.arange(self.n + 1)).tolist()

    def children_of(self, i: int) -> list[int]:
        """``[c.i for c in doc[i].children]``: by position, the root not its own child. Like ``Token.children``
        they follow the stored heads, also of a token without a label (whose ``head`` is itself)."""
        order, starts = self._by_head
        return [j for j in order[starts[i] : starts[i + 1]] if j != i]

    @cached_property
    def doc_text(self) -> str:
        return "".join(map(str.__add__, self.text, self.whitespace))

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """``(span.start_char, span.end_char)`` of ``doc[start:end]``, for ``start < end``, without a Span."""
        return self.idx[start], self.idx[end - 1] + len(self.text[end - 1])

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``, for ``start < end``, without a Span or Token views."""
        first, last = self.char_span(start, end)
        return self.doc_text[first:last]


_EMPTY_MORPH = "_"  # spacy.morphology.Morphology.EMPTY_MORPH


def morph_values(morph: str, field: str) -> list[str]:
    """``token.morph.get(field)`` from the analysis text ``str(token.morph)`` ("Case=Acc,Nom|Number=Sing"): the
    field's values in their order, [] when it is absent; a fresh list each call, as ``MorphAnalysis.get`` gives."""
    return list(_field_values(morph).get(field, ()))


@lru_cache(maxsize=8192)
def _field_values(morph: str) -> dict[str, tuple[str, ...]]:
    if not morph:
        return {}
    fields = (feature.partition("=") for feature in morph.split("|"))
    return {name: tuple(values.split(",")) for name, _, values in fields}


def token_facts(doc: Doc) -> TokenFacts:
    return TokenFacts(doc)
