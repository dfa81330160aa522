"""Clean stage, tenth round of issue 18 (round 11 as development data): link lines that only point elsewhere,
breadcrumb trails, two shapes of tables of contents, an office holder's phone line, comment-form and print lines.
Every page text here was written for these tests (no corpus line)."""

from __future__ import annotations

import pytest

from pipeline import boilerplate as bp
from pipeline.boilerplate import rules
from tests.clean_fixture import ARTICLE
from tests.clean_fixture import kept as _kept
from tests.clean_fixture import removed as _removed

# --------------------------------------------------------------------------- pointer lines


@pytest.mark.parametrize("line", [
    "Hier geht's zum vollständigen Bericht",
    "Und hier geht´s zur Anmeldung:",
    "Sie möchten gleich die Tabelle sehen? Hier geht es zum nächsten Kapitel.",
    "Als PDF herunterladen - bitte hier klicken.",
    "[nach oben]",
    "Zurück zur Übersicht der Bekanntmachungen",
    "Go to the top of the page",
])
def test_a_line_that_only_points_elsewhere_is_a_pointer_line(line):
    assert rules.pointer_line(line)


@pytest.mark.parametrize("line", [
    "Hier geht es zum Beispiel um die Grundsteuer.",
    "Hier geht es zur Sache.",
    "Zurück zur Normalität",
    "Wer mehr wissen will, kann hier klicken.",
    "Das Wichtigste vom Tag als Push-Mitteilung? Hier klicken.",
])
def test_sentences_and_headlines_with_pointer_words_are_no_pointer_lines(line):
    assert not rules.pointer_line(line)


def test_pointer_lines_of_a_page_go_and_the_article_stays():
    page = "\n".join((
        "Neue Kita am Bahnhof eröffnet",
        ARTICLE,
        "Hier geht es zum Beispiel um die Grundsteuer, die ab Januar um zwei Punkte steigt, sagte der Kämmerer.",
        "Als PDF herunterladen - bitte hier klicken.",
        "Hier geht's zum vollständigen Bericht",
        "[nach oben]",
    ))
    removed = _removed(page)
    assert {"Als PDF herunterladen - bitte hier klicken.", "Hier geht's zum vollständigen Bericht", "[nach oben]"} <= removed
    assert not {"Neue Kita am Bahnhof eröffnet", ARTICLE} & removed
    assert not any(t.startswith("Hier geht es zum Beispiel") for t in removed)


# --------------------------------------------------------------------------- breadcrumbs


@pytest.mark.parametrize("line", [
    "Startseite > Rathaus > Bekanntmachungen",
    "StartseiteRathausBekanntmachungen",
    "Home Rathaus Bekanntmachungen 2024",
    "Start Blog Seite 12",
])
def test_a_trail_from_the_home_page_is_a_breadcrumb(line):
    assert rules.breadcrumb_trail(line)


@pytest.mark.parametrize("line", [
    "Start der Freibadsaison am Samstag",
    "Start frei für den Umbau des Marktplatzes",
    "Home Office spart Pendlern Zeit",
    "Homeoffice-Pauschale steigt",
    "Startschuss für das Radwegenetz",
])
def test_headlines_that_begin_with_a_home_word_are_no_breadcrumbs(line):
    assert not rules.breadcrumb_trail(line)


def test_a_breadcrumb_above_the_article_goes_and_a_headline_starting_with_start_stays():
    page = "\n".join(("StartseiteRathausBekanntmachungen", "Start der Freibadsaison am Samstag", ARTICLE))
    removed = _removed(page)
    assert "StartseiteRathausBekanntmachungen" in removed
    assert "Start der Freibadsaison am Samstag" not in removed and ARTICLE not in removed


def test_a_trail_that_ends_in_the_title_printed_below_it_goes():
    trail = "Aktuelles Gemeinderat Neue Kita am Bahnhof eröffnet"
    assert rules.trail_ending_in_title(trail, "Neue Kita am Bahnhof eröffnet")
    page = "\n".join((trail, "Neue Kita am Bahnhof eröffnet", ARTICLE))
    removed = _removed(page)
    assert trail in removed and "Neue Kita am Bahnhof eröffnet" not in removed and ARTICLE not in removed


def test_a_title_with_its_site_after_a_dash_is_no_trail():
    # the club's name after the dash is printed again below: a title and its site, not a breadcrumb
    assert not rules.trail_ending_in_title("Satzung & Geschäftsordnung - Turnverein Beispielhausen 1908 e.V.",
                                           "Turnverein Beispielhausen 1908 e.V.")
    # the tail repeated below must be a title of three words or more ("vom 16.11.2022" is a date)
    assert not rules.trail_ending_in_title("Niederschrift über die Sitzung des Ortsrates Nr. 9/2022 vom 16.11.2022",
                                           "vom 16.11.2022")


# --------------------------------------------------------------------------- tables of contents

SECTION_PAGE = "\n".join((
    "3. Abschnitt: Der Gemeinderat",
    "§ 20 Aufgaben",
    "§ 21 Sitzungen des Gemeinderates",
    "§ 22 Beschlussfähigkeit",
    "§ 23 Niederschrift",
    "§ 20 Aufgaben",
    "(1) Der Gemeinderat ist das oberste Organ der Gemeinde und entscheidet über alle Angelegenheiten des eigenen "
    "Wirkungsbereiches.",
    "§ 21 Sitzungen des Gemeinderates",
    "(1) Der Gemeinderat tritt nach Bedarf, mindestens aber viermal im Jahr zusammen.",
))


def test_a_table_of_contents_under_a_numbered_section_heading_goes_and_its_headings_stay():
    blocks = bp.clean_document(SECTION_PAGE).blocks
    assert [b.is_boilerplate for b in blocks[1:5]] == [True] * 4
    assert all(dict(b.signals).get("contents") for b in blocks[1:5])
    assert not any(b.is_boilerplate for b in blocks[5:])  # the section headings and the clauses
    assert not blocks[0].is_boilerplate  # the heading of the section


TWO_COLUMNS = "\n".join((
    "Satzung des Turnvereins Beispielhausen",
    "Inhaltsverzeichnis",
    "§ 1 Name und Sitz § 6 Vorstand",
    "§ 2 Zweck des Vereins § 7 Kassenprüfung",
    "§ 3 Mitgliedschaft § 8 Mitgliederversammlung",
    "§ 4 Beiträge § 9 Auflösung",
    "§ 1 Name und Sitz",
    "(1) Der Verein führt den Namen Turnverein Beispielhausen 1908 e.V. und hat seinen Sitz in Beispielhausen.",
    "§ 2 Zweck des Vereins",
    "(1) Zweck des Vereins ist die Förderung des Sports, insbesondere des Turnens und der Leichtathletik.",
))


def test_a_table_of_contents_in_two_columns_goes_and_the_sections_stay():
    blocks = {b.text: b for b in bp.clean_document(TWO_COLUMNS).blocks}
    for line in TWO_COLUMNS.splitlines()[2:6]:
        assert blocks[line].is_boilerplate and dict(blocks[line].signals).get("contents"), line
    for line in TWO_COLUMNS.splitlines()[6:]:
        assert not blocks[line].is_boilerplate, line
    assert not blocks["Satzung des Turnvereins Beispielhausen"].is_boilerplate


def test_a_clause_that_cites_a_second_section_is_one_column():
    assert rules._first_column("§ 1 Name und Sitz § 6 Vorstand") == "§ 1 Name und Sitz"
    assert rules._first_column("§ 3 gilt nach § 5 Abs. 2 entsprechend") == "§ 3 gilt nach § 5 Abs. 2 entsprechend"
    assert rules._first_column("§ 7 Vorstand § 2 Zweck") == "§ 7 Vorstand § 2 Zweck"  # the second number is lower


# --------------------------------------------------------------------------- office holders' phone lines


def test_the_phone_line_under_an_office_holder_stays_with_the_board_list():
    board = "\n".join((
        "Der Turnverein Beispielhausen wurde 1908 gegründet und zählt heute rund 600 Mitglieder in neun Abteilungen.",
        "Vorstand",
        "1. Vorsitzende: Petra Muster",
        "Tel: 05555-10001",
        "2. Vorsitzender: Karl Beispiel",
        "Tel: 05555-10002",
        "Schatzmeister: Frank Exempel",
    ))
    blocks = {b.text: b for b in bp.clean_document(board).blocks}
    for line in ("Tel: 05555-10001", "Tel: 05555-10002"):
        assert not blocks[line].is_boilerplate and "office" in blocks[line].flags, line
    # a press contact's number has no office line above it and goes with its box
    press = "\n".join((
        "Der Verband fordert eine schnellere Genehmigung von Windrädern, sagte die Vorsitzende am Dienstag in Kiel.",
        "Pressekontakt:",
        "Pressesprecherin: Jana Muster",
        "Tel.: 0431 555-0100",
        "E-Mail: presse@verband.example",
    ))
    assert {"Tel.: 0431 555-0100", "E-Mail: presse@verband.example"} <= _removed(press)


# --------------------------------------------------------------------------- comment forms, print and recommend lines


def test_comment_form_and_print_lines_go_and_a_sentence_about_comments_stays():
    sentence = "Der Bürgermeister wollte den Vorfall nicht kommentieren und verwies auf die laufenden Ermittlungen."
    page = "\n".join((
        "Einbruch ins Rathaus",
        ARTICLE,
        sentence,
        "Druckbare Version",
        "Artikel empfehlen:",
        "2 Kommentare zu diesem Artikel",
        "Einen Kommentar schreiben",
        "Du musst angemeldet sein, um einen Kommentar zu veröffentlichen.",
    ))
    removed = _removed(page)
    assert {"Druckbare Version", "Artikel empfehlen:", "2 Kommentare zu diesem Artikel", "Einen Kommentar schreiben",
            "Du musst angemeldet sein, um einen Kommentar zu veröffentlichen."} <= removed
    assert not {"Einbruch ins Rathaus", ARTICLE, sentence} & removed


# --------------------------------------------------------------------------- tag lists


def test_the_tags_under_their_label_go_and_a_topic_list_of_the_page_stays():
    page = "\n".join((
        "Unfall auf der Kreisstraße",
        "Bei einem Zusammenstoß zweier Autos auf der Kreisstraße 12 sind am Montagmorgen drei Menschen verletzt worden, "
        "teilte die Polizei mit.",
        "- Themen:",
        "- Polizei",
        "- Verkehrsunfall",
    ))
    assert {"- Themen:", "- Polizei", "- Verkehrsunfall"} <= _removed(page)
    topics = "\n".join((
        "Die Bundesregierung informiert auf dieser Seite über die Termine der kommenden Woche und die Beschlüsse des Kabinetts.",
        "Themen",
        "• Termine des Bundeskanzlers im Mai",
        "• Kabinettssitzung vom 3. Mai",
        "• Empfang der Sternsinger im Kanzleramt",
    ))
    kept = _kept(topics)
    assert {"• Termine des Bundeskanzlers im Mai", "• Kabinettssitzung vom 3. Mai"} <= kept
