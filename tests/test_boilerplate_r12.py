"""Clean stage, twelfth round of issue 18 (round 13 as development data): precision rules from round 13's removed
content lines and lost paragraphs — captions with their picture credit on the same line, fixture lists with match
results, club abbreviations in capitals, dates without the day's period, dated timeline entries, a label in capitals
with its colon, the text of a download link printed above it. Every page text here was written for these tests (no
corpus line); names are invented."""

from __future__ import annotations

import pytest

from pipeline import boilerplate as bp
from pipeline.boilerplate import rules
from tests.clean_fixture import ARTICLE
from tests.clean_fixture import kept as _kept
from tests.clean_fixture import removed as _removed

REPORT = ("In der Nacht zum Sonntag sind zwei Menschen bei einem Unfall auf der Landstraße leicht verletzt worden, "
          "teilte die Polizei am Morgen mit.")

# --------------------------------------------------------------------------- captions with their credit


@pytest.mark.parametrize("caption", [
    "Streifenwagen im Einsatz. Foto: Anna Beispiel/dpa/Archivbild © dpa - Deutsche Presse-Agentur GmbH",
    "  • Ein Rettungswagen vor der Klinik. Foto: Jonas Muster/dpa/Archivbild © dpa - Deutsche Presse-Agentur",
    "Der Hafen im Abendlicht. (Foto: dpa)",
    "Erdkröte auf dem Weg zum Laichgewässer (Bild: Karla Probe/NABU)",
])
def test_a_caption_with_its_credit_on_the_same_line_is_kept_and_flagged(caption):
    result = bp.clean_document("\n".join(("Unfall auf der Landstraße", REPORT, caption, ARTICLE)))
    block = next(b for b in result.blocks if b.text == caption.strip())
    assert not block.is_boilerplate and "caption" in block.flags


@pytest.mark.parametrize("credit", [
    "Foto: picture alliance/dpa | Michael Kappeler",
    "(Foto: dpa)",
    "© dpa - Deutsche Presse-Agentur GmbH",
])
def test_a_credit_line_alone_still_goes(credit):
    assert credit in _removed("\n".join(("Unfall auf der Landstraße", REPORT, credit, ARTICLE)))


# --------------------------------------------------------------------------- fixture lists and club abbreviations


def test_match_results_under_a_report_are_no_teaser_run():
    results = (
        "FSV Musterdorf - SG Beispielstadt 2:3 (0:1)",
        "SG Rotation Nordheim - VfB Südstadt II 3:1 (1:1)",
        "Bergdorfer SV - TSG Talheim 0:0",
        "Waldauer SV - SV Probstein 1:1 (0:1)",
    )
    page = "\n".join(("Kreisliga: Friedliche Punkteteilung an der Spitze",
                      "Das Spitzenspiel zwischen dem Tabellenführer und seinem Verfolger endete 1:1, die Gäste glichen "
                      "erst in der Nachspielzeit aus, berichtete der Verein.") + results)
    assert set(results) <= _kept(page)


def test_teaser_headlines_under_an_article_still_go():
    teasers = (
        "Neuer Trainer für den FSV Musterdorf vorgestellt",
        "Kreispokal: Auslosung der zweiten Runde steht fest",
        "Schiedsrichter fehlen in allen Klassen der Region",
    )
    page = "\n".join(("Mehr zum Thema",) + teasers)
    assert set(teasers) <= _removed("\n".join(("Kreisliga: Punkteteilung an der Spitze", ARTICLE, page)))


def test_club_abbreviations_in_capitals_are_no_garbled_text():
    assert not rules.garbled("18.09.2021 – 09.30 Uhr: SG TSG Calbe / SV Musterdorf (E-Jugend) – MTV Beispielheim")
    assert not rules.garbled("10.00 Uhr: FSV SG TSV Nord – VfB SV MTV Süd (C-Jugend) am Sportplatz")
    # random letters of a paywall are still garbled, also with a capital abbreviation among them
    assert rules.garbled("pe wzrghau dkm hgvfekdrqtlogx rtha gdf lmqe bao tvnqo, wyr ahe rzp säqkl hrdtnbvz pwzc ARD.")


def test_a_fixture_line_with_club_abbreviations_stays():
    line = "  • 18.09.2021 – 09.30 Uhr: SG TSG Calbe / SV Musterdorf (E-Jugend) – MTV Beispielheim"
    page = "\n".join(("Vorschau auf das Wochenende", ARTICLE, "Die Spiele am Wochenende:", line,
                      "  • 18.09.2021 – 10.00 Uhr: FSV Nordheim – TSG Calbe (C-Jugend)"))
    assert line.strip() in _kept(page)


# --------------------------------------------------------------------------- dates and dated entries


@pytest.mark.parametrize("text, iso", [
    ("7 Februar 2023", "2023-02-07"),
    ("Dienstag, 7 Februar 2023", "2023-02-07"),
    ("7. Februar 2023", "2023-02-07"),
])
def test_a_date_without_the_period_after_the_day_is_a_date_line(text, iso):
    result = bp.clean_document("\n".join(("Die Gemeinden", text, "Definition", ARTICLE)))
    block = next(b for b in result.blocks if b.text == text)
    assert "date" in block.flags and not block.is_boilerplate
    assert result.date == iso


def test_a_day_without_a_month_name_is_no_date():
    assert rules.parse_date("7 Foo 2023") is None and rules.parse_date("7 2 2023") is None


def test_dated_steps_of_a_timeline_are_no_menu():
    steps = ("24.01.2018: Informationsanlass", "04.03.2018: Grundsatzabstimmung", "12.06.2018: Gemeindeversammlung")
    page = "\n".join(("Neue Gemeindeordnung", ARTICLE, "Alle Informationen stehen im Bericht des Gemeinderats.",
                      "Nächste Schritte") + steps + ("Kontakt", "Impressum"))
    assert set(steps) <= _kept(page)


def test_a_menu_at_the_end_of_a_page_still_goes():
    menu = ("Startseite", "Aktuelles", "Rathaus", "Kontakt", "Impressum", "Datenschutz")
    removed = _removed("\n".join(("Neue Gemeindeordnung", ARTICLE) + menu))
    assert {"Startseite", "Rathaus", "Impressum", "Datenschutz"} <= removed


# --------------------------------------------------------------------------- labels in capitals


def test_a_label_in_capitals_with_its_colon_heads_the_text():
    page = "\n".join(("05.04.2014 - Scheunenbrand", "BEGINN : 06:38 UHR", "EINSATZBERICHT:",
                      "Früh am Morgen heulten in Altenberge die Sirenen, weil eine Scheune brannte, teilte die Wehr mit."))
    assert "EINSATZBERICHT:" in _kept(page)


def test_a_rubric_in_capitals_at_the_head_still_goes():
    page = "\n".join(("UNTERNEHMENSFÜHRUNG", "Neuer Vorstand für die Stadtwerke",
                      "Die Stadtwerke haben einen neuen Vorstand berufen, wie der Aufsichtsrat am Montag mitteilte."))
    assert "UNTERNEHMENSFÜHRUNG" in _removed(page)


# --------------------------------------------------------------------------- the text of a download link


def test_the_text_of_a_download_link_above_it_goes_with_it():
    page = "\n".join(("Neue Gemeindeordnung", ARTICLE, "Grundlagenbericht Gemeindeorganisation",
                      "Grundlagenbericht Gemeindeorganisation.pdf (460.06KB)"))
    removed = _removed(page)
    assert {"Grundlagenbericht Gemeindeorganisation", "Grundlagenbericht Gemeindeorganisation.pdf (460.06KB)"} <= removed


def test_a_heading_above_a_different_download_stays():
    page = "\n".join(("Neue Gemeindeordnung", ARTICLE, "Unterlagen zur Versammlung",
                      "Der Gemeinderat legt den Bericht und die Rechnung zur Einsicht auf, teilte die Kanzlei mit.",
                      "Jahresrechnung 2021.pdf (1,2 MB)"))
    assert "Unterlagen zur Versammlung" in _kept(page)


def test_a_title_above_a_caption_and_its_paragraph_is_no_teaser():
    page = "\n".join((
        "Bürgerentscheid über den neuen Stadtteil", ARTICLE, "Mehr zum Thema",
        "Der Bürgerentscheid zum Stadtteil kommt",
        "Protest gegen die Bebauung der Wiesen am Stadtrand (Foto: Anna Beispiel)",
        "Im kommenden Jahr stimmen die Bürgerinnen und Bürger über den geplanten Stadtteil ab, wie die Stadt mitteilte.",
    ))
    assert "Der Bürgerentscheid zum Stadtteil kommt" in _kept(page)


# --------------------------------------------------------------------------- page titles printed twice (policy)


@pytest.mark.parametrize("head", [
    ("Bern", "Bern", "(aus) Bern", "Bern"),
    ("Internationaler Museumstag", "Internationaler Museumstag", "Wann", "18. Mai 2025"),
    ("Polizeistation in nächtlichem Angriff beschädigt", "Polizeistation in nächtlichem Angriff beschädigt"),
])
def test_a_page_title_printed_twice_at_the_head_is_content_every_copy(head):
    page = "\n".join(head + (ARTICLE, "Die Sitzung beginnt um 19 Uhr im großen Saal des Rathauses, teilte die Stadt mit."))
    result = bp.clean_document(page)
    copies = [b for b in result.blocks if b.text == head[0]]
    assert len(copies) >= 2 and all(not b.is_boilerplate and "title" in b.flags for b in copies)


@pytest.mark.parametrize("head", [
    ("HASEPOST", "HASEPOST", "Deutschland und Indien vereinfachen die Anwerbung von Pflegekräften"),  # site name in capitals
    ("Suche", "Suche"),  # a menu word of the lexicon
    ("Stadtanzeiger Nord", "Stadtanzeiger Nord", "Neuer Radweg entlang der Bundesstraße freigegeben"),  # site name above a title
])
def test_a_site_name_or_menu_word_printed_twice_is_no_page_title(head):
    page = "\n".join(head + (ARTICLE,))
    result = bp.clean_document(page)
    assert not any("title" in b.flags for b in result.blocks if b.text == head[0])


def test_numbered_lines_at_the_head_are_no_title_copies():
    head = ("Lektion 1", "Lektion 2", "Lektion 3", "Lektion 4")
    result = bp.clean_document("\n".join(head + (ARTICLE,)))
    assert not any("title" in b.flags for b in result.blocks)
    assert {"Lektion 2", "Lektion 3"} <= {b.text for b in result.blocks if b.is_boilerplate}


# --------------------------------------------------------------------------- link targets after the text


@pytest.mark.parametrize("line", ["zur Mitteilung des Gemeinderates", "zum Mitteilungsblatt", "zu den Abstimmungsergebnissen"])
def test_a_lower_case_link_text_after_a_paragraph_goes(line):
    page = "\n".join(("Urnenabstimmung statt Versammlung", ARTICLE, line))
    assert line in _removed(page)


@pytest.mark.parametrize("line", ["Mehr: Archiv der Sonderausstellungen", "Mehr: Kataloge (Shop)", "Weiter: Mediaguides und Videos"])
def test_a_pointer_word_with_a_colon_before_a_link_target_goes(line):
    page = "\n".join(("Ausstellungen und Vermittlung", ARTICLE, line,
                      "Zur Museumsarbeit gehört auch das Sammeln und Bewahren, erklärte die Leiterin des Hauses."))
    assert line in _removed(page)


def test_lines_that_only_look_like_link_targets_stay():
    # a wrapped title continues its line ("Mut" / "zur Wildnis"); a label with a sentence after its colon, a clause
    # with a finite verb and a line with a figure are text
    assert not rules.link_target_line("zur Wildnis", after_sentence=False)
    assert not rules.link_target_line("Mehr: Das Museum öffnet am Sonntag", after_sentence=True)
    assert not rules.link_target_line("zur Sitzung kamen 40 Gäste", after_sentence=True)
    assert not rules.link_target_line("Zur Geschichte des Hauses", after_sentence=True)  # a heading in capitals
    page = "\n".join(("Einladung zur Pressekonferenz", "Naturschutzbilanz Deutschland - Mut", "zur Wildnis", ARTICLE))
    assert "zur Wildnis" in _kept(page)


def test_a_press_contact_label_naming_its_audience_goes_with_the_box():
    page = "\n".join(("Schnelltest-Zentrum öffnet", ARTICLE, "Ansprechpartner für die Medien",
                      "Pressestelle, Jonas Beispiel, Tel. 040 0000-0000, E-Mail: presse@uni.example"))
    assert "Ansprechpartner für die Medien" in _removed(page)
    kept = _kept("\n".join(("Neue Aufgaben im Rathaus", ARTICLE, "Ansprechpartner für Öffentlichkeit, Politik und Medien",
                            "Die Stelle wird im Frühjahr neu besetzt, teilte der Bürgermeister mit.")))
    assert "Ansprechpartner für Öffentlichkeit, Politik und Medien" in kept


def test_an_english_author_link_of_blog_software_goes():
    assert "All posts by presse" in _removed("\n".join(("All posts by presse", "Schnelltest-Zentrum öffnet", ARTICLE)))


# --------------------------------------------------------------------------- a statute's table of contents


STATUTE_ITEMS = ("§ 1 Name, Sitz und Geschäftsjahr", "§ 2 Zweck und Gemeinnützigkeit", "§ 3 Mitgliedschaft",
                 "§ 4 Beiträge", "§ 5 Organe des Vereins", "§ 6 Vorstand")


def test_a_numbered_contents_list_whose_numbers_head_the_text_goes_and_the_clauses_stay():
    page = "\n".join(("Satzung des Turnvereins Beispielstadt",
                      "Nur wegen der besseren Lesbarkeit unterscheidet diese Satzung sprachlich nicht nach dem Geschlecht.")
                     + STATUTE_ITEMS + (
                      "§ 1", "Name, Sitz, Geschäftsjahr",
                      "Der Verein wurde 1920 gegründet, heißt Turnverein Beispielstadt von 1920 e.V. und hat seinen Sitz in "
                      "12345 Beispielstadt.",
                      "§ 2", "Zweck",
                      "Zweck des Vereins ist die Förderung des Sports; er verfolgt ausschließlich gemeinnützige Zwecke."))
    result = bp.clean_document(page)
    removed = {b.text for b in result.blocks if b.is_boilerplate}
    assert set(STATUTE_ITEMS) <= removed
    assert not removed & {"§ 1", "§ 2", "Name, Sitz, Geschäftsjahr", "Zweck"}
    assert not any(b.is_boilerplate for b in result.blocks if b.text.startswith(("Der Verein wurde", "Zweck des Vereins")))


def test_a_numbered_list_without_its_numbers_as_headings_stays():
    page = "\n".join(("Satzung des Turnvereins Beispielstadt",
                      "Die Mitgliederversammlung hat am Freitag eine neue Satzung beschlossen, teilte der Vorstand mit.")
                     + STATUTE_ITEMS + ("Die neue Fassung gilt ab dem kommenden Jahr, sagte die Vorsitzende.",))
    assert set(STATUTE_ITEMS) <= _kept(page)


# --------------------------------------------------------------------------- site notices, print links, file names


@pytest.mark.parametrize("notice", [
    "Diese Seite benötigt Javascript! Bitte aktivieren Sie Javascript für eine korrekte Darstellung.",
    "Aus Sicherheitsgründen werden Sie nach 30 Minuten Inaktivität vom System abgemeldet.",
    "Nach erfolgtem Logout können Sie sich erneut anmelden.",
    "Diese Seite drucken (in neuem Fenster)",
])
def test_portal_notices_and_print_links_go(notice):
    page = "\n".join(("Polizeiwagen stößt mit Auto zusammen", REPORT, ARTICLE, notice))
    assert notice in _removed(page)


def test_articles_about_javascript_logouts_and_printing_stay():
    sentences = (
        "Viele Behörden verlangen, dass Bürger Javascript aktivieren, kritisierte der Verbraucherverband am Montag.",
        "Das Portal meldet Nutzer nach einer halben Stunde ab, sagte eine Sprecherin des Landesamts.",
        "Viele Tageszeitungen drucken täglich die Börsenkurse des Vortags, berichtete der Verband.",
    )
    kept = _kept("\n".join(("Digitale Verwaltung", REPORT) + sentences))
    assert set(sentences) <= kept


@pytest.mark.parametrize("line", ["20130306 brand scheune 001", "20130717-225424.jpg", "20210915_114233 Einsatz"])
def test_picture_file_names_with_a_date_stamp_go(line):
    assert line in _removed("\n".join(("Scheunenbrand in der Nacht", REPORT, line, ARTICLE)))


def test_lines_starting_with_a_year_or_a_number_stay():
    for line in ("2013 wurde die Scheune neu gebaut, sagte der Besitzer.", "20131306 Einsatz", "1250 Einsatzkräfte"):
        assert not rules._STAMPED_FILE_NAME.match(line)


def test_an_alternative_text_ending_in_an_abbreviation_is_an_alt_text():
    assert rules.alt_text_line("Logo Berliner Mieterverein e.V.")
    assert not rules.alt_text_line("Das neue Logo des Vereins e.V.")


def test_forum_profile_fields_go_and_a_sentence_about_posts_stays():
    page = "\n".join(("Re: Bistabiler Multivibrator", "Hallo zusammen, ich habe die Schaltung nachgebaut und sie schwingt "
                      "leider nicht, weil der zweite Transistor zu warm wird.", "Beiträge: 2961",
                      "Registriert: 07.03.2016, 16:00", ARTICLE))
    removed = _removed(page)
    assert {"Beiträge: 2961", "Registriert: 07.03.2016, 16:00"} <= removed
    kept = _kept("\n".join(("Forum", REPORT, "Beiträge: Die Redaktion behält sich vor, Kommentare zu kürzen.", ARTICLE)))
    assert "Beiträge: Die Redaktion behält sich vor, Kommentare zu kürzen." in kept


# --------------------------------------------------------------------------- a fact table of label and value lines


def test_a_fact_table_of_label_and_value_lines_is_no_menu():
    table = ("Gericht", "Landgericht", "Art der Entscheidung", "Urteil", "Datum")
    page = "\n".join(("LG Beispielstadt, Urteil vom 12. März 2019, 4 S 12/18", "Kündigung wegen Eigenbedarfs") + table + (
        "12.03.2019", "Aktenzeichen", "4 S 12/18", "Leitsatz des Gerichts",
        "Kündigt der Vermieter wegen Eigenbedarfs, muss er den Grund im Kündigungsschreiben so nennen, dass der Mieter "
        "ihn prüfen kann."))
    assert set(table) <= _kept(page)


def test_a_menu_above_the_date_line_of_an_article_still_goes():
    menu = ("Startseite", "Politik", "Inland", "Ausland", "Wirtschaft")
    page = "\n".join(menu + ("12.03.2019", "Neuer Haushalt beschlossen", ARTICLE))
    assert {"Politik", "Inland", "Ausland"} <= _removed(page)
