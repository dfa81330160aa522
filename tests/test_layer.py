"""The shared document layer: one sentence segmentation and one set of quotation spans for every stage and table."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.layer.document import QUOTES_KEY, layer_of
from pipeline.layer.facts import morph_values
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


def test_a_closing_mark_the_parser_gave_to_the_next_sentence_closes_the_sentence_before():
    words = ["Er", "meinte", ":", "“", "Einfach", "ist", "es", "nicht", ".", "”", "Die", "Partei", "sei", "gefordert", "."]
    spaces = [True, False, True, False, True, True, True, False, False, True, True, True, True, False, False]
    # the parser starts the second sentence at the closing mark glued to the full stop
    doc = Doc(spacy.blank("de").vocab, words=words, spaces=spaces, sent_starts=[i in (0, 9) for i in range(len(words))])
    assert sentence_bounds(doc) == [(0, 10), (10, len(words))]
    # an opening mark after a space is the next sentence's
    words2 = ["Er", "sagte", "das", ".", "„", "Neu", "ist", "das", "nicht", ".", "“"]
    spaces2 = [True, True, False, True, False, True, True, True, False, False, False]
    doc2 = Doc(spacy.blank("de").vocab, words=words2, spaces=spaces2, sent_starts=[i in (0, 4) for i in range(len(words2))])
    assert sentence_bounds(doc2) == [(0, 4), (4, len(words2))]


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


FACT_ATTRIBUTES = {
    "text": "text", "lower": "lower_", "pos": "pos_", "tag": "tag_", "lemma": "lemma_", "dep": "dep_", "ent_type": "ent_type_",
    "is_alpha": "is_alpha", "is_punct": "is_punct", "is_space": "is_space", "is_lower": "is_lower", "is_title": "is_title",
    "is_upper": "is_upper", "is_digit": "is_digit", "like_num": "like_num", "whitespace": "whitespace_", "idx": "idx",
}


def _annotated_doc() -> Doc:
    """A hand-built parse (TIGER labels, STTS tags, NER, sentence starts) with spaces, a line break and numbers."""
    vocab = spacy.blank("de").vocab
    words = ["„", "Wir", "investieren", "109", "Milliarden", "Euro", "“", ",", "sagte", "Macron", ".", "\n\n", "DIE", "EU", "zahlt", "3,5", "%", "."]
    spaces = [False, True, True, True, True, False, False, True, True, False, False, False, True, True, True, False, False, False]
    pos = ["PUNCT", "PRON", "VERB", "NUM", "NOUN", "NOUN", "PUNCT", "PUNCT", "VERB", "PROPN", "PUNCT", "SPACE", "DET", "PROPN", "VERB", "NUM", "NOUN", "PUNCT"]
    tags = ["$(", "PPER", "VVFIN", "CARD", "NN", "NN", "$(", "$,", "VVFIN", "NE", "$.", "_SP", "ART", "NE", "VVFIN", "CARD", "NN", "$."]
    lemmas = ["„", "wir", "investieren", "109", "Milliarde", "Euro", "“", ",", "sagen", "Macron", ".", "\n\n", "der", "EU", "zahlen", "3,5", "%", "."]
    heads = [2, 2, 8, 4, 2, 4, 2, 8, 8, 8, 8, 10, 13, 14, 14, 16, 14, 14]
    deps = ["punct", "sb", "oc", "nk", "oa", "nk", "punct", "punct", "ROOT", "sb", "punct", "", "nk", "sb", "ROOT", "nk", "oa", "punct"]
    ents = ["O", "O", "O", "O", "O", "O", "O", "O", "O", "B-PER", "O", "O", "O", "B-ORG", "O", "O", "O", "O"]
    sent_starts = [True] + [False] * 10 + [True, False, False, False, False, False, False]
    fin = "Mood=Ind|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin"
    morphs = ["", "Case=Nom|Number=Plur|Person=1|PronType=Prs", fin, "NumType=Card", "Case=Acc|Gender=Fem|Number=Plur",
              "", "", "", fin.replace("Plur", "Sing").replace("Person=1", "Person=3").replace("Pres", "Past"), "", "", "",
              "Case=Acc,Nom|Definite=Def|Gender=Fem|Number=Sing|PronType=Art", "", "", "", "", ""]  # a field with two values
    return Doc(vocab, words=words, spaces=spaces, pos=pos, tags=tags, lemmas=lemmas, heads=heads, deps=deps, ents=ents,
               sent_starts=sent_starts, morphs=morphs)


@pytest.mark.parametrize("make", [_annotated_doc, lambda: spacy.blank("de")("Die EU zahlt 3,5 %.\n\n  Danach: NICHTS mehr, sagte sie 2024.")],
                         ids=["parsed", "tokenizer-only"])
def test_token_facts_equal_the_token_attributes(make):
    doc = make()
    layer = layer_of(doc)
    for fact, attribute in FACT_ATTRIBUTES.items():
        assert getattr(layer, fact) == [getattr(t, attribute) for t in doc], fact
    assert layer.sent_start == [1 if t.is_sent_start else -1 if t.is_sent_start is False else 0 for t in doc]
    assert layer.doc_text == doc.text
    assert layer.morph == [str(t.morph) for t in doc]
    assert layer.head == [t.head.i for t in doc]
    assert [layer.children_of(i) for i in range(len(doc))] == [[c.i for c in t.children] for t in doc]
    for field in ("VerbForm", "Mood", "Case", "Number", "Person", "PronType", "Gender"):
        assert [morph_values(m, field) for m in layer.morph] == [t.morph.get(field) for t in doc], field
    for s in range(len(doc)):
        for e in range(s + 1, len(doc) + 1):
            span = doc[s:e]
            assert layer.char_span(s, e) == (span.start_char, span.end_char) and layer.span_text(s, e) == span.text


def test_the_sentence_fact_of_an_unsegmented_doc_is_unknown():
    doc = spacy.blank("de")("Ohne Satzgrenzen geht es auch")
    assert layer_of(doc).sent_start[1:] == [0] * (len(doc) - 1)
