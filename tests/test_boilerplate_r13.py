"""Clean stage, thirteenth round of issue 18 (round 14 as development data): precision from round 14's two lost
paragraphs — a legal reference list with abbreviations in mixed case ("MStV", "AktG") and an author line with a
capitalised compound job title ("Wirtschaftsprüfungsgesellschaft") and "GmbH" were taken as a paywall's random
letters (garbled). Random letters of a paywall are lower case; only words in lower case count now. Every page text
here was written for these tests (no corpus line); names are invented."""

from __future__ import annotations

import pytest

from pipeline import boilerplate as bp
from pipeline.boilerplate import rules
from tests.clean_fixture import ARTICLE
from tests.clean_fixture import kept as _kept
from tests.clean_fixture import removed as _removed

REFERENCES = ("Bezug (Rechtsnorm) StGB § 263, StGB § 266, BtMG § 29, BtMG § 30, GwG § 10, GwG § 43, MStV § 18, "
              "MStV § 91, KWG § 25")
AUTHOR = ("Jana Beispiel, Wirtschaftsprüferin, Muster Treuhand GmbH, Wirtschaftsprüfungsgesellschaft "
          "Steuerberatungsgesellschaft")
PAYWALL = "pe wzrghau dkm hgvfekdrqtlogx rtha gdf lmqe bao tvnqo, wyr ahe rzp säqkl hrdtnbvz pwzc uywkbrn oqnlk."


@pytest.mark.parametrize("line", [REFERENCES, AUTHOR, "Wirtschaftsprüfer Steuerberater Rechtsstreit Angstschweiß "
                                  "Wirtschaftsprüfungsgesellschaft Steuerberatungsgesellschaft Kfz Pkw GmbH"])
def test_abbreviations_in_mixed_case_and_capitalised_compounds_are_no_garbled_text(line):
    assert not rules.garbled(line)


def test_random_lower_case_letters_are_still_garbled():
    assert rules.garbled(PAYWALL)


def test_a_legal_reference_list_and_an_author_line_are_kept():
    page = "\n".join(("Satzung über die Gebühren der Musterstädter Stadtbibliothek", REFERENCES,
                      "Neue Regeln für die Innenrevision", AUTHOR, ARTICLE, ARTICLE))
    assert {REFERENCES, AUTHOR} <= _kept(page)


def test_a_paywall_of_random_letters_after_the_lead_still_goes():
    page = "\n".join(("Neue Regeln für die Innenrevision", ARTICLE, PAYWALL, PAYWALL))
    assert PAYWALL in _removed(page)


# --------------------------------------------------------------------------- a title stack that names the paragraph

FIRE = ("Am Dienstagabend wurden wir zu einem Feuer in einer Scheune am Sonnenweg alarmiert, die Flammen schlugen "
        "bereits aus dem Dach, als die ersten Kräfte eintrafen.")


def test_title_lines_above_the_first_paragraph_that_name_its_topic_are_kept():
    page = "\n".join(("FEUER IN DER SCHEUNE", "Sonnenweg", "EINSATZBERICHT", FIRE, ARTICLE))
    assert {"FEUER IN DER SCHEUNE", "Sonnenweg"} <= _kept(page)


def test_a_menu_item_above_the_first_paragraph_that_names_its_topic_is_the_title():
    page = "\n".join(("Direkt zum Inhalt", "Hauptnavigation", "Bürgerbegehren",
                      "Ein Bürgerbegehren ist ein Antrag von Stimmberechtigten, über eine Frage der Gemeinde selbst "
                      "abzustimmen, wie die Verwaltung erklärt.", ARTICLE))
    assert "Bürgerbegehren" in _kept(page)


def _rule_signals(page: str) -> dict[str, set[str]]:
    # the rules' evidence per line (the classifier decides on it; the rule itself is what these tests pin)
    return {b.text: {name for name, _ in b.signals} for b in bp.clean_document(page).blocks}


def test_a_menu_above_the_first_paragraph_that_does_not_name_its_topic_still_goes():
    page = "\n".join(("Startseite", "Politik", "Wirtschaft", "Sport", FIRE, ARTICLE))
    signals = _rule_signals(page)
    assert all("menu_run" in signals[item] for item in ("Politik", "Wirtschaft", "Sport"))
    assert {"Startseite", "Politik", "Wirtschaft"} <= _removed(page)
    titled = _rule_signals("\n".join(("Startseite", "Politik", "Wirtschaft", "Scheune", FIRE, ARTICLE)))
    assert "menu_run" not in titled["Scheune"] and "menu_run" in titled["Politik"]


def test_a_rubric_in_capitals_without_a_function_word_still_goes_when_the_paragraph_names_it():
    page = "\n".join(("WISSENSCHAFT & FORSCHUNG", "Neue Messstation auf dem Feldberg",
                      "Die Wissenschaft erhält eine neue Messstation: Auf dem Feldberg misst ein Institut künftig "
                      "Wind und Niederschlag, teilte die Hochschule mit.", ARTICLE))
    assert "WISSENSCHAFT & FORSCHUNG" in _removed(page)


def test_echoed_words_need_six_letters_and_a_word_start():
    assert rules._echoed_in("Gemeindeversammlungen", "Die Gemeinde ist mit Gemeindeversammlung organisiert.")
    assert not rules._echoed_in("Sport", "Der Sportverein feierte.")
    assert not rules._echoed_in("Scheune", "Die Feldscheune brannte.")
