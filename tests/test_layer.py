"""The shared document layer: one sentence segmentation and one set of quotation spans for every stage and table."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.layer.document import QUOTES_KEY, layer_of
from pipeline.layer.sentences import sentence_bounds


@pytest.fixture(scope="module")
def nlp():
    blank = spacy.blank("de")
    for name in ("claimgraph_entities", "claimgraph_claims", "claimgraph_figures"):
        blank.add_pipe(name)
    return blank


# A weak parser splits the first sentence before "rund" (issue 14): the layer glues it back.
WORDS = ["In", "Frankreich", "wollen", "Unternehmen", "rund", "109", "Milliarden", "Euro", "investieren", ",",
         "sagte", "Emmanuel", "Macron", ".", "Er", "betonte", ",", "dass", "20", "Prozent", "fehlen", "."]
SPLIT_AT = (4, 14)  # the parser's sentence starts besides the first token: one wrong, one right


def parser_split_doc(nlp) -> Doc:
    spaces = [i + 1 < len(WORDS) and WORDS[i + 1] not in (",", ".") for i in range(len(WORDS))]
    return Doc(nlp.vocab, words=WORDS, spaces=spaces, sent_starts=[i == 0 or i in SPLIT_AT for i in range(len(WORDS))])


def run_stages(nlp, doc: Doc) -> Doc:
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def test_a_parser_split_inside_a_sentence_is_glued_back():
    doc = parser_split_doc(spacy.blank("de"))
    assert len(list(doc.sents)) == 3
    assert sentence_bounds(doc) == [(0, 14), (14, len(WORDS))]


def test_claims_mentions_and_figures_agree_on_the_sentence_index(nlp):
    doc = run_stages(nlp, parser_split_doc(nlp))
    macron = next(m for m in doc._.mentions if m.text == "Emmanuel Macron")
    billions = next(f for f in doc._.figures if f.text.startswith("rund 109"))
    claim = next(c for c in doc._.claims if c.speaker_text == "Emmanuel Macron")
    assert claim.sent_index == macron.sent_index == billions.sent_index == 0
    percent = next(f for f in doc._.figures if f.text == "20 Prozent")
    second = next(c for c in doc._.claims if c.claim_text.startswith("dass"))
    assert second.sent_index == percent.sent_index == 1


def test_without_sentence_boundaries_the_fallback_splits_at_final_punctuation_before_a_capital_and_at_line_breaks():
    doc = spacy.blank("de")("Der Gipfel beginnt am 3. Mai in Paris. Danach reist sie ab.\nNeue Zeile ... und weiter")
    texts = [doc[s:e].text for s, e in sentence_bounds(doc)]
    assert texts == ["Der Gipfel beginnt am 3. Mai in Paris.", "Danach reist sie ab.", "\n", "Neue Zeile ... und weiter"]


def test_layer_is_built_once_and_quotes_are_doc_spans(nlp):
    doc = spacy.blank("de")("„Wir kommen“, sagte sie. »Gut so«, meinte er.")
    layer = layer_of(doc)
    assert layer_of(doc) is layer
    assert [span.text for span in doc.spans[QUOTES_KEY]] == ["„Wir kommen“", "»Gut so«"]
    assert layer.quote_of[1] is layer.quotes[0] and layer.quote_of[4] is None
    assert layer.sent_of[-1] == 1
