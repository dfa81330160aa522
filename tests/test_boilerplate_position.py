"""Eighth round of issue 18: position and shape signals (measured in
``pipeline.evaluation.boilerplate_position_experiment``, not merged into the classifier) and a page whose head
and foot are furniture while its article stays. Page text written for this test (furniture as real pages have it,
the article invented)."""

from __future__ import annotations

import pytest

from pipeline import boilerplate as bp
from pipeline.boilerplate import orchestrator, rules
from pipeline.evaluation import boilerplate_position_experiment as X
from tests.conftest import people_and_figures_of_cleaned

HEAD = ["Zum Inhalt springen", "Startseite", "Politik", "Wirtschaft", "Region", "Sport", "Kreis Lindenau"]
ARTICLE = [
    "Gemeinderat beschließt neue Kita am Mühlbach",
    "Lindenau, 14. März 2025",
    "Der Gemeinderat von Lindenau hat am Dienstagabend mit großer Mehrheit den Bau einer neuen Kindertagesstätte "
    "am Mühlbach beschlossen, die ab dem Herbst 2026 Platz für 90 Kinder bieten soll.",
    "Bürgermeisterin Karin Vogt sagte, der Bedarf an Betreuungsplätzen sei in den vergangenen drei Jahren deutlich "
    "gestiegen und die bestehenden Einrichtungen seien voll belegt.",
    "Die Kosten von rund 6,5 Millionen Euro trägt die Gemeinde zu einem Drittel, den Rest übernehmen nach Angaben "
    "der Verwaltung Fördermittel des Landes.",
]
FOOT = ["Pressekontakt:", "Gemeinde Lindenau", "Jonas Keller", "Rathausplatz 1", "04552 Lindenau",
        "Tel.: 03421 55 08-40", "E-Mail: presse@lindenau.example", "Impressum | Datenschutz | Kontakt | Barrierefreiheit"]
PAGE = "\n".join(HEAD + ARTICLE + FOOT)


def test_page_head_and_foot_go_and_the_article_with_its_headline_and_dateline_stays():
    result = bp.clean_document(PAGE)
    kept = {b.text for b in result.blocks if not b.is_boilerplate}
    removed = {b.text: b for b in result.removed_blocks}
    for line in ARTICLE:
        assert line in kept, line
    for line in HEAD + FOOT:
        assert line in removed, line
    assert removed["Jonas Keller"].category == "contact" and removed["Startseite"].category == "navigation"
    # every decision is explained in the block's signals
    assert all(any(name == "classifier" for name, _ in b.signals) for b in result.blocks)


def test_no_person_or_figure_is_read_from_the_head_or_foot_of_the_page():
    people, figures = people_and_figures_of_cleaned(bp.clean_document(PAGE))
    assert "Karin Vogt" in people and "Jonas Keller" not in people
    assert any("6,5 Millionen Euro" in f.text for f in figures)
    assert not any("03421" in f.text or "04552" in f.text for f in figures)


@pytest.mark.parametrize("line", ["Startseite", "Aktien handeln", "Kirchliche Zeitschriften", "• Polizeipräsidium München",
                                  "Mitglied werden", "Mehr über Jonas Feldmeier", "Tag Archives: Gunzenhausen"])
def test_menu_items_tags_and_link_texts_are_verbless_fragments(line):
    assert X.fragment(line)


@pytest.mark.parametrize("line", ["Polizei sucht Zeugen", "Landrat kündigt Sparkurs an", "Wer ist zuständig",
                                  "Die Kosten trägt die Gemeinde.", "Was ist der DAX?", "Die Stadt meldete Rekordzahlen"])
def test_headlines_with_a_finite_verb_and_sentences_are_no_fragments(line):
    assert not X.fragment(line)


def test_title_case_is_every_word_capitalised_besides_function_words():
    assert X.title_case("Kirchliche Zeitschriften") and X.title_case("Landtag Rheinland-Pfalz")
    assert not X.title_case("Gemeinderat beschließt neue Kita am Mühlbach")  # lower-case verb and adjective
    assert not X.title_case("Startseite")  # one word is no title case


def test_the_position_signals_mark_the_page_head_and_foot():
    raw = PAGE
    scored, _, _ = orchestrator.rule_layer(raw, lexicon=rules.load_lexicon())
    shapes = [rules.block_shape(b.text) for b in scored]
    rows = X.page_signals(scored, shapes)
    assert len(rows) == len(scored) and all(len(r) == len(X.SIGNALS) for r in rows)
    index = {name: k for k, name in enumerate(X.SIGNALS)}
    texts = [b.text for b in scored]
    head, foot = texts.index("Startseite"), texts.index("Jonas Keller")
    paragraph = texts.index(ARTICLE[2])
    assert rows[head][index["head_depth_log"]] > 0 and rows[head][index["foot_depth_log"]] == 0
    assert rows[foot][index["foot_depth_log"]] > 0 and rows[foot][index["contact_window"]] == 1.0
    assert rows[paragraph][index["head_depth_log"]] == rows[paragraph][index["foot_depth_log"]] == 0
    assert rows[head][index["fragment_run_log"]] > 0 and rows[paragraph][index["fragment"]] == 0
