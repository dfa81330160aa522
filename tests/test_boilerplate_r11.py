"""Clean stage, eleventh round of issue 18 (round 12 as development data): precision rules from round 12's removed
content lines. Tables printed with bars, a report paragraph that ends with where to send tips, a board list with
surnames in capitals and its repeated role and party lines, a list announced by a line of the text, a range of times.
Every page text here was written for these tests (no corpus line); phone numbers and addresses are invented."""

from __future__ import annotations

import pytest

from pipeline import boilerplate as bp
from pipeline.boilerplate import rules
from tests.clean_fixture import ARTICLE
from tests.clean_fixture import kept as _kept
from tests.clean_fixture import removed as _removed

# --------------------------------------------------------------------------- tables printed with bars


@pytest.mark.parametrize("rows", [
    ("Versandart | Preis | Lieferzeit |", "Paketversand | 4,90 € | 2 – 4 Werktage |"),
    ("Zone |", "Zahlart | bis 50 € | ab 50 € |", "---|---|---|", "Inland |", "Rechnung Lastschrift |", "kostenlos | kostenlos |"),
    ("| Monat | Niederschlag |", "| :--- | ---: |", "| Januar | 48 mm |"),
])
def test_consecutive_bar_rows_with_a_separator_or_figures_are_a_table(rows):
    assert rules.bar_table(rows)


@pytest.mark.parametrize("rows", [
    ("Archiv 2019 |Archiv 2018 |Archiv 2017 |",),  # one line of links
    ("Startseite | Über uns |", "Kontakt | Impressum |"),  # two lines of links, no figure, no separator row
    ("• |", "• Kontakt"),  # a separator line between menu items
    ("Preise | ab 5 € |", "Die Tabelle zeigt die Preise."),  # the second line is no row
])
def test_link_lines_with_bars_are_no_table(rows):
    assert not rules.bar_table(rows)


def test_the_rows_of_a_shipping_table_stay_and_are_protected():
    page = "\n".join((
        "Versand und Lieferung",
        "Die Kosten für den Versand hängen vom Lieferland und vom Bestellwert ab, wie die Übersicht unten zeigt.",
        "Versandart | Kosten | Lieferdauer |",
        "---|---|---|",
        "Standardversand |",
        "Rechnung Vorkasse |",
        "4,95 € | 4,95 € |",
        "Expressversand | 9,90 € | 1 – 2 Werktage |",
        "Bestellungen, die bis 14 Uhr bei uns eingehen, verlassen das Lager noch am selben Werktag, schreibt der Händler.",
    ))
    result = bp.clean_document(page)
    rows = [b for b in result.blocks if b.text.rstrip().endswith("|") or b.text.startswith("---")]
    assert len(rows) == 6 and not any(b.is_boilerplate for b in rows)


def test_a_menu_printed_with_bars_still_goes():
    page = "\n".join((
        "Startseite | Aktuelles | Kontakt",
        "Sommerfest am Marktplatz",
        ARTICLE,
    ))
    assert "Startseite | Aktuelles | Kontakt" in _removed(page)


# --------------------------------------------------------------------------- a report ending with where to send tips


POLICE = ("Nach dem Unfall am Kreisel an der Hauptstraße sucht die Polizei Zeugen. Ein grauer Kleinwagen war am "
          "Mittwochabend gegen 18 Uhr mit einem Radfahrer zusammengestoßen und anschließend weitergefahren. Wer hat den "
          "Unfall beobachtet? Hinweise an die Polizeiinspektion Beispielstadt, Telefon 01234 56789-0 oder E-Mail an "
          "pi.beispielstadt@polizei.example.")


def test_a_report_paragraph_ending_with_the_police_contact_is_article_text():
    assert rules.report_then_contact(POLICE, bp.load_lexicon())
    page = "\n".join(("Radfahrer angefahren – Zeugen gesucht", ARTICLE, POLICE))
    assert POLICE in _kept(page)


@pytest.mark.parametrize("text", [
    # the publisher's voice and a call: a contact paragraph
    ("Sie haben Fragen zu Ihrer Bestellung oder zu unseren Produkten? Unser Kundenservice hilft Ihnen gern weiter und "
     "beantwortet Ihre Anfrage schnell. Schreiben Sie uns an service@shop.example oder rufen Sie an: 0800 555 0100."),
    # a contact line without a report before it
    "Kontakt: Telefon 01234 56789-0, E-Mail info@verein.example. Wir freuen uns auf Ihre Nachricht.",
])
def test_a_contact_paragraph_is_no_report_with_contact(text):
    assert not rules.report_then_contact(text, bp.load_lexicon())


# --------------------------------------------------------------------------- board lists


@pytest.mark.parametrize("line", ["Alexander MUSTER, BA", "Christoph BEISPIEL", "Julia Exempel, MSc", "Anna Probe, B.Sc."])
def test_names_with_surnames_in_capitals_or_a_degree_are_person_lines(line):
    assert rules.person_line(line)


@pytest.mark.parametrize("line", ["Peter Pan, Wien", "Mehr Infos", "Hans im Glück", "Nach telefonischer Vereinbarung"])
def test_a_place_after_a_comma_or_a_phrase_is_no_person_line(line):
    assert not rules.person_line(line)


def test_a_council_list_with_repeated_parties_and_roles_stays():
    page = "\n".join((
        "Gemeinderat",
        "Gemeindevorstand",
        "SPÖ",
        "Bürgermeister",
        "Alexander MUSTER, BA",
        "SPÖ",
        "Vizebürgermeister",
        "Christoph BEISPIEL",
        "ÖVP",
        "Gemeindekassier",
        "Christian EXEMPEL",
        "SPÖ",
        "Gemeinderätin",
        "Julia PROBE",
        "Die Mitglieder des Gemeinderats werden alle fünf Jahre von den Bürgerinnen und Bürgern der Gemeinde gewählt.",
    ))
    kept = _kept(page)
    for line in ("SPÖ", "Bürgermeister", "Alexander MUSTER, BA", "Christoph BEISPIEL", "Gemeindekassier", "Julia PROBE"):
        assert line in kept
    assert all(b.text != "SPÖ" or not b.is_boilerplate for b in bp.clean_document(page).blocks)


def test_a_control_repeated_on_a_page_still_goes():
    page = "\n".join((
        "Kommentar schreiben", "Antworten", ARTICLE, "Antworten",
        "Die Sitzung ist öffentlich, Bürgerinnen und Bürger können Fragen an den Gemeinderat stellen.", "Antworten",
    ))
    assert "Antworten" in _removed(page)


# --------------------------------------------------------------------------- announced lists and time ranges


def test_a_list_announced_by_a_clause_of_the_text_is_no_teaser_run():
    page = "\n".join((
        "Der Elternbeirat",
        "Der Elternbeirat vertritt die Eltern gegenüber der Schulleitung und wirkt bei wichtigen Entscheidungen mit.",
        "Die Elternvertreter im Schuljahr 2024/2025 sind:",
        "Klasse 1: Herr Paul Muster / Frau Beispiel",
        "Klasse 2: Frau Exempel",
        "Klasse 3: Herr Probe / Frau Muster",
        "Klasse 4: Frau Beispiel / Herr Exempel",
    ))
    kept = _kept(page)
    assert {"Klasse 1: Herr Paul Muster / Frau Beispiel", "Klasse 4: Frau Beispiel / Herr Exempel"} <= kept


def test_link_lines_under_a_label_without_a_verb_are_not_announced():
    page = "\n".join((
        "Organe der Gemeinde",
        "Die Gemeindeordnung regelt, welche Organe die Gemeinde hat und wie diese zusammenarbeiten müssen.",
        "Weitere Informationen nach Stichworten:",
        "Gemeinderat: Zusammensetzung / Aufgaben / Einberufung / Tagesordnung / Vorsitz",
        "Gemeindevorstand: Aufgaben / Zusammensetzung / Geschäftsführung",
        "Bürgermeister: Aufgaben / Wahl / Funktionsperiode / Amtsenthebung",
    ))
    removed = _removed(page)
    assert "Gemeindevorstand: Aufgaben / Zusammensetzung / Geschäftsführung" in removed


@pytest.mark.parametrize("line", ["13:00 - 17:00", "9.00–12.00 Uhr", "22:16 Uhr"])
def test_a_time_or_a_range_of_times_is_a_time_not_a_widget(line):
    assert rules.block_shape(line).widget == "time"


def test_a_role_above_the_board_list_is_one_of_its_labels():
    page = "\n".join((
        "Politik",
        "Bürgermeister",
        "Gemeindeamt",
        "SPÖ",
        "Bürgermeister",
        "Alexander MUSTER, BA",
        "Gemeinderat",
        "Gemeindevorstand",
        "ÖVP",
        "Vizebürgermeister",
        "Christoph BEISPIEL",
        "Gemeindekassier",
        "Christian EXEMPEL",
        "Die Mitglieder des Gemeinderats werden alle fünf Jahre von den Bürgerinnen und Bürgern der Gemeinde gewählt.",
    ))
    blocks = bp.clean_document(page).blocks
    assert not any(b.is_boilerplate for b in blocks if b.text in ("Bürgermeister", "Alexander MUSTER, BA", "Vizebürgermeister"))


# --------------------------------------------------------------------------- bylines


@pytest.mark.parametrize("line", ["Autor:Anna Beispiel aus Bretten |", "Autorin: Julia Probe aus Bad Bergzabern", "Autor: Paul Muster"])
def test_a_reader_portals_author_line_is_a_byline(line):
    page = "\n".join(("Unfall am Bahnhof", ARTICLE, line, "Kommentare", "Sie möchten kommentieren?"))
    block = next(b for b in bp.clean_document(page).blocks if b.text == line)
    assert "byline" in block.flags and not block.is_boilerplate


def test_an_author_archive_link_is_no_byline():
    page = "\n".join(("Unfall am Bahnhof", ARTICLE, "Autor: alle Beiträge von Anna Beispiel anzeigen"))
    block = next(b for b in bp.clean_document(page).blocks if b.text.startswith("Autor:"))
    assert "byline" not in block.flags
