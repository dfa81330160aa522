"""Boilerplate stage: block splitting, multi-signal decisions, metadata lines, audit trail, user phrases."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pipeline import boilerplate as bp
from pipeline.boilerplate import rules, train
from pipeline.evaluation import boilerplate as bp_eval
from tests.conftest import people_and_figures_of_cleaned

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def _paris() -> str:
    return (RAW / "ki-aktionsgipfel-paris.txt").read_text(encoding="utf-8")


def _by_text(result: bp.CleanResult) -> dict[str, bp.Block]:
    return {b.text: b for b in result.blocks}


def _assert_tiling(raw: str, result: bp.CleanResult) -> None:
    assert len(result.clean_text) == len(raw)
    covered = set()
    for block in result.blocks:
        assert raw[block.start_char : block.end_char] == block.text
        covered.update(range(block.start_char, block.end_char))
    assert all(i in covered for i, c in enumerate(raw) if not c.isspace())
    for i, (a, b) in enumerate(zip(raw, result.clean_text)):
        assert b == a or (b == " " and any(x.is_boilerplate and x.start_char <= i < x.end_char for x in result.blocks))


# --------------------------------------------------------------------------- the two samples


def test_paris_consent_notice_goes_and_the_article_stays():
    raw = _paris()
    result = bp.clean_document(raw)
    notice_start = raw.index("Es ist für uns eine Selbstverständlichkeit")
    removed = result.removed_blocks
    # Six paragraphs and the two headings between them: the notice from its first character to the end.
    assert len(removed) == 8
    assert removed[0].start_char == notice_start and removed[-1].end_char == len(raw.rstrip())
    assert [b.block_index for b in removed] == list(range(removed[0].block_index, removed[0].block_index + 8))
    blocks = _by_text(result)
    for heading in ("Einwilligung in die Verwendung von Daten zu Werbezwecken", "Recht auf Widerruf"):
        assert blocks[heading].is_boilerplate
    assert all(not b.is_boilerplate for b in result.blocks if b.end_char <= notice_start)
    assert not blocks["Energiebedarf Knackpunkt von KI"].is_boilerplate
    assert not blocks["Stand: 08.12.2025"].is_boilerplate and "date" in blocks["Stand: 08.12.2025"].flags
    assert result.date == "2025-12-08"
    assert result.chars_removed == sum(b.end_char - b.start_char for b in removed)
    assert "Datenschutzerklärung" not in result.clean_text and "Fatih Birol" in result.clean_text
    assert {b.category for b in removed} <= set(bp.CATEGORIES)
    assert all(b.signals and b.score >= bp.THRESHOLD for b in removed)
    _assert_tiling(raw, result)


def test_paris_caption_is_kept_and_flagged():
    caption = next(b for b in bp.clean_document(_paris()).blocks if "(M.)" in b.text)
    assert not caption.is_boilerplate and "caption" in caption.flags


def test_one_line_sample_is_split_into_sentences_and_nothing_is_removed():
    raw = (RAW / "fachgespraech-nachhaltige-ki.txt").read_text(encoding="utf-8")
    result = bp.clean_document(raw)
    assert len(result.blocks) > 20
    assert result.removed_blocks == [] and result.clean_text == raw
    assert result.date == "2024-12-11"  # the title's date, not "Am 05. Dezember" (no year) in the next sentence
    _assert_tiling(raw, result)


# --------------------------------------------------------------------------- precision: articles about the topics

ARTICLE_PARAGRAPHS = [
    "Die irische Datenschutzbehörde hat gegen Meta ein Bußgeld von 1,2 Milliarden Euro verhängt. Der Konzern habe "
    "personenbezogene Daten europäischer Nutzer ohne Rechtsgrundlage in die USA übermittelt.",
    "Verbraucherschützer kritisieren, dass viele Cookie-Banner das Ablehnen erschweren. In einer Stichprobe fehlte "
    "auf 41 Websites ein Knopf „Alle ablehnen“.",
    "„Ich bin damit einverstanden“ – dieser Satz steht unter fast jedem Anmeldeformular. Doch kaum jemand lese, "
    "wozu er seine Einwilligung gebe, sagt die Juristin Anna Berger.",
    "Sie können ihre Einwilligung jederzeit widerrufen, betonte die Sprecherin der Aufsichtsbehörde. Die Behörde "
    "prüfe nun, ob der Anbieter gegen die DSGVO verstoßen habe.",
    "Die Zahl der Newsletter-Abonnements deutscher Verlage ist im vergangenen Jahr um 18 Prozent gestiegen, wie "
    "eine Studie des Reuters Institute zeigt.",
    "Ich habe mein Berufsleben mit Datenschutz verbracht, und ich sage Ihnen: So unübersichtlich war es nie. Jede "
    "Website fragt nach Cookies.",
    "Wer ein Abo online abgeschlossen hat, muss es seit Juli 2022 auch online kündigen können; geregelt ist das in "
    "§ 312k BGB.",
]


@pytest.mark.parametrize("paragraph", ARTICLE_PARAGRAPHS)
def test_article_paragraphs_about_data_protection_consent_cookies_are_kept(paragraph):
    text = f"Streit um Einwilligungen\n{paragraph}\nDie Debatte dürfte weitergehen, hieß es in Brüssel."
    assert bp.clean_document(text).removed_blocks == []


def test_single_topic_words_never_remove_a_block():
    for line in ("Datenschutz", "Newsletter", "Cookies", "Recht auf Widerruf", "Werbung im Wahlkampf"):
        text = f"Die Koalition streitet.\n{line}\nDie Opposition kritisierte den Entwurf am Montag scharf."
        assert bp.clean_document(text).removed_blocks == [], line


@pytest.mark.parametrize(
    "heading",
    [
        "Datenschutz: Was Sie über die neue Einwilligungspflicht wissen müssen",
        "Facebook und Instagram: Meta startet Abo ohne Werbung",
        "Abo-Fallen: So kündigen Sie Ihren Vertrag richtig",
        "Cookie-Banner: Verbraucherschützer verklagen Nachrichtenportale",
    ],
)
def test_service_headings_that_address_the_reader_are_kept(heading):
    # "Topic: ..." headings have the shape of a box label and often say "Sie"; the topic word is no box label.
    text = f"Die Regierung hat am Mittwoch neue Regeln beschlossen.\n{heading}\nDie Opposition kritisierte den Entwurf."
    assert bp.clean_document(text).removed_blocks == []


def test_quoted_boilerplate_inside_an_article_is_content():
    text = "„Melden Sie sich jetzt für unseren Newsletter an und erhalten Sie Ihre Vorteile“, hieß es in der E-Mail der Betrüger."
    assert bp.clean_document(text).removed_blocks == []


# --------------------------------------------------------------------------- recall: boilerplate of each category

BOILERPLATE = [
    ("consent", "Ich stimme zu, dass meine Angaben gespeichert werden. Diese Einwilligung kann ich jederzeit widerrufen."),
    ("cookie", "Wir verwenden Cookies, um Ihnen ein optimales Nutzungserlebnis zu bieten. Wenn Sie fortfahren, stimmen Sie zu."),
    ("newsletter", "Melden Sie sich jetzt für unseren kostenlosen Newsletter an und erhalten Sie die Nachrichten in Ihr Postfach."),
    ("privacy", "Hinweise zur Verarbeitung Ihrer Daten finden Sie in unserer Datenschutzerklärung."),
    ("social", "Teilen | Drucken | Merken"),
    ("credit", "Foto: picture alliance/dpa | Michael Kappeler"),
    ("navigation", "Startseite > Politik > Deutschland"),
    ("subscription", "Dieser Artikel ist exklusiv für Abonnenten. Bereits Abonnent? Hier einloggen."),
    ("advertising", "Anzeige"),
]


@pytest.mark.parametrize(("category", "line"), BOILERPLATE)
def test_boilerplate_of_each_category_is_removed_with_its_category(category, line):
    text = f"Die Regierung hat den Haushalt beschlossen, teilte ein Sprecher mit.\n{line}"
    removed = bp.clean_document(text).removed_blocks
    assert [b.category for b in removed] == [category]
    assert len({bp.KINDS.get(name.split(":")[0]) for name, v in removed[0].signals if v > 0} - {None}) >= bp.MIN_KINDS


def test_heading_goes_with_a_boilerplate_run_but_not_alone():
    consent = (
        "Ich bin damit einverstanden, dass der Verlag meine E-Mail-Adresse für Newsletter nutzt.\n"
        "Recht auf Widerruf\n"
        "Mir ist bewusst, dass ich diese Einwilligung jederzeit für die Zukunft widerrufen kann."
    )
    blocks = _by_text(bp.clean_document("Der Bundestag hat das Gesetz beschlossen, sagte die Präsidentin.\n" + consent))
    assert blocks["Recht auf Widerruf"].is_boilerplate
    assert dict(blocks["Recht auf Widerruf"].signals)["neighbours"] > 0
    article = "Der Bundestag beschloss das Gesetz.\nRecht auf Widerruf\nVerbraucher erhalten künftig mehr Zeit, sagte die Ministerin."
    assert bp.clean_document(article).removed_blocks == []


# --------------------------------------------------------------------------- flags, metadata, switches


def test_strip_false_keeps_everything_but_still_finds_the_date():
    raw = _paris()
    result = bp.clean_document(raw, strip=False)
    assert result.removed_blocks == [] and result.clean_text == raw and result.chars_removed == 0
    assert result.date == "2025-12-08"
    assert result.chars_kept == sum(b.end_char - b.start_char for b in result.blocks)


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Stand: 08.12.2025", "2025-12-08"),
        ("Veröffentlicht am 3. März 2025, 14:02 Uhr", "2025-03-03"),
        ("Aktualisiert: 2025-02-12", "2025-02-12"),
        ("Dienstag, 11. Februar 2025", "2025-02-11"),
        ("Frankfurt am Main, 3. Mai 2024", "2024-05-03"),
    ],
)
def test_date_lines_set_the_document_date_and_are_kept(line, iso):
    result = bp.clean_document(f"{line}\nDie Bundesregierung hat am Mittwoch neue Regeln beschlossen.")
    assert result.date == iso
    assert "date" in result.blocks[0].flags and not result.blocks[0].is_boilerplate


@pytest.mark.parametrize(
    "line",
    ["Stand: 09:14 Uhr | Lesedauer: 7 Minuten", "Aktualisiert: heute, 16:40 Uhr", "Stand: 7.05 Uhr"],
)
def test_time_stamp_lines_of_the_day_are_kept_and_set_no_date(line):
    # A "Stand:" line with only the time of the day is metadata like a date line (issue 18: "Stand:" lines are
    # kept and flagged), also between a menu and the article, where the page-head rules take short lines.
    raw = (
        "Startseite\nPolitik\nWirtschaft\nSport\n"
        f"{line}\n"
        "Die Landesregierung hat am Dienstag einen Nachtragshaushalt beschlossen. Finanzminister Weber sagte, "
        "die Rücklagen reichten nicht mehr aus, um die Mehrkosten für Energie zu decken.\n"
    )
    result = bp.clean_document(raw)
    stamp = next(b for b in result.blocks if b.text == line)
    assert "date" in stamp.flags and not stamp.is_boilerplate
    assert result.date is None


def test_reading_time_alone_is_no_time_stamp():
    flags = bp.clean_document("Voraussichtliche Lesedauer: 17 Minuten\nDer Rat hat getagt.").blocks[0].flags
    assert "date" not in flags


def test_parse_date_rejects_impossible_dates():
    assert bp.parse_date("31.02.2025") is None
    assert bp.parse_date("8.12.25") == "2025-12-08"


def test_byline_and_caption_are_flagged_content():
    text = (
        "Von Anna Schmidt und Jonas Keller, dpa\n"
        "Bundesinnenministerin Nancy Faeser (r.) und BSI-Präsidentin Claudia Plattner stellen den Lagebericht vor.\n"
        "Von der Leyen kündigte Milliardenhilfen an."
    )
    blocks = bp.clean_document(text).blocks
    assert "byline" in blocks[0].flags and "caption" in blocks[1].flags
    assert "byline" not in blocks[2].flags  # "Von der Leyen" is a name, not a byline
    assert not any(b.is_boilerplate for b in blocks)


# --------------------------------------------------------------------------- splitting and offsets


def test_sentence_split_respects_abbreviations_initials_and_ordinals():
    text = (
        "Am 05. Dezember sprach US-Vizepräsident J.D. Vance in Paris über KI-Regeln, z. B. zu Rechenzentren. "
        "Dr. Marina Köhn vom Umweltbundesamt widersprach ihm deutlich. " * 4
    )
    sentences = [b.text for b in bp.clean_document(text).blocks]
    assert sentences[0].startswith("Am 05. Dezember") and sentences[0].endswith("zu Rechenzentren.")
    assert sentences[1] == "Dr. Marina Köhn vom Umweltbundesamt widersprach ihm deutlich."


def test_hard_wrapped_lines_form_one_block():
    text = "Die Kommission legte am Mittwoch einen Entwurf vor, der\ndie Regeln vereinfachen soll.\nFoto: dpa"
    blocks = bp.clean_document(text).blocks
    assert [b.text for b in blocks][0].endswith("vereinfachen soll.") and len(blocks) == 2
    assert blocks[1].is_boilerplate and blocks[1].category == "credit"


@pytest.mark.parametrize("raw", ["", "   \n\n ", "x", "Foto: dpa", "\r\nAnzeige\r\n\r\nText.\u2028Mehr.", "„“\n§§\n@@"])
def test_blocks_tile_any_text_and_clean_text_keeps_its_length(raw):
    result = bp.clean_document(raw)
    _assert_tiling(raw, result)
    assert "\n" not in "".join(c for c, d in zip(raw, result.clean_text) if c != d)


def test_blocks_survive_the_runners_json_round_trip():
    result = bp.clean_document(_paris())
    for block in result.blocks:
        row = dataclasses.asdict(block)
        restored = bp.Block(**{**row, "signals": tuple(tuple(s) for s in row["signals"]), "flags": tuple(row["flags"])})
        assert restored == block


# --------------------------------------------------------------------------- user phrases


def test_user_phrase_file_adds_and_switches_off_phrases(tmp_path):
    line = "Das Wichtigste vom Tag als Push-Mitteilung? Hier klicken."
    text = f"Die Bundesregierung hat am Mittwoch neue Regeln beschlossen.\n{line}"
    assert bp.clean_document(text).removed_blocks == []
    extra = tmp_path / "mine.tsv"
    extra.write_text("# my site's push prompt\ncategory\tweight\tpattern\nsubscription\t3\tpush-mitteilung\n", encoding="utf-8")
    removed = bp.clean_document(text, lexicon=bp.load_lexicon([extra])).removed_blocks
    assert [b.text for b in removed] == [line] and removed[0].category == "subscription"

    off = tmp_path / "off.tsv"
    off.write_text("category\tweight\tpattern\nprivacy\t0\tdatenschutzerklärung\n", encoding="utf-8")
    phrases = {p.pattern for p in bp.load_lexicon([off]).phrases}
    assert "datenschutzerklärung" not in phrases and "datenschutzhinweise" in phrases


def test_bad_user_phrase_file_names_the_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("category\tweight\tpattern\nspam\t2\tkaufen\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.tsv:2: unknown category 'spam'"):
        bp.load_lexicon([bad])
    with pytest.raises(FileNotFoundError):
        bp.load_lexicon([tmp_path / "missing.tsv"])


def test_shipped_lexicon_rows_are_valid_and_documented():
    lexicon = bp.load_lexicon()
    assert {p.category for p in lexicon.phrases} == set(bp.CATEGORIES) | {bp.COUNTER}
    assert all((p.weight < 0) == (p.category == bp.COUNTER) for p in lexicon.phrases)
    for path in (bp.PHRASES_FILE, bp.METADATA_FILE):
        assert path.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize(
    "pattern, anchor",
    [
        ("Ihre Einwilligung*", "einwilligung"),  # literal pattern: its longest fragment
        (r"re:\bmit wirkung für die zukunft\b", "mit wirkung für die zukunft"),
        (r"re:\bjederzeit\b[^.]{0,60}\b(?:abmelden|abbestellen)\b", "jederzeit"),
        (r"re:\b(?:abmelden|abbestellen)\b", "ab"),  # the regex parser factors out the common prefix
        (r"re:^\s*(?:zustimmen|ablehnen)\s*$", None),  # only alternatives: no text is required
        (r"re:cookie|tracking", None),
    ],
)
def test_phrase_anchor_is_text_every_match_contains(pattern, anchor):
    assert bp.phrase_anchor(pattern) == anchor


def test_every_shipped_phrase_match_contains_its_anchor():
    texts = [p.read_text(encoding="utf-8") for p in RAW.glob("*.txt")] + [r.text for r in bp_eval.load_corpus()]
    for phrase in bp.load_lexicon().phrases:
        for text in texts:
            for m in phrase.regex.finditer(text):
                assert phrase.anchor is None or phrase.anchor in m.group().lower(), (phrase.pattern, m.group())


# --------------------------------------------------------------------------- evaluation


@pytest.mark.slow  # the whole evaluation corpus through the clean stage, twice (predictions and the report)
def test_evaluation_corpus_meets_the_issue_targets():
    records = bp_eval.load_corpus()
    assert len(records) >= 60 and {r.label for r in records} == set(bp_eval.LABELS)
    predictions = bp_eval.predict(records)
    content = [p for p in predictions if p.record.label == "content"]
    boiler = [p for p in predictions if p.record.label != "content"]
    assert all(p.label == "content" for p in content)
    assert sum(p.label != "content" for p in boiler) / len(boiler) >= 0.9
    report = bp_eval.report()
    assert "boilerplate*" in report and "content kept" in report and "errors" in report


# --------------------------------------------------------------------------- real pages (issue 18)
# A press release as a browser copy of a press portal gives it: skip link, menu, breadcrumb, the release, a
# contact box, an "about" blurb and the distribution line. Names, numbers and addresses are invented.

PRESS_PAGE = """Direkt zum Inhalt
Menü
Startseite
Presse
Themen
Kontakt
Stadtwerke Lindenau
Stadtwerke investieren 45 Millionen Euro in Wärmenetze
Lindenau (ots) - Die Stadtwerke Lindenau wollen bis 2028 rund 45 Millionen Euro in neue Wärmenetze stecken. Das teilte das Unternehmen am Dienstag mit. Etwa 12.000 Haushalte sollen angeschlossen werden.
„Wir wollen bis 2035 ohne Kohle und Erdgas auskommen“, sagte Geschäftsführerin Karin Vogt. Der Stadtrat hatte dem Plan im März mit 31 zu 9 Stimmen zugestimmt.
Kritik kommt vom Bund der Steuerzahler. Die Investition sei zu riskant, sagte Landeschef Peter Albrecht.
Pressekontakt:
Stadtwerke Lindenau GmbH
Jana Reimers
Unternehmenskommunikation
Bahnhofstraße 17
04552 Lindenau
Tel.: 03421 55 08-12
E-Mail: presse@stadtwerke-lindenau.example
Über die Stadtwerke Lindenau
Die Stadtwerke Lindenau GmbH wurde 1992 gegründet und beschäftigt rund 420 Mitarbeiterinnen und Mitarbeiter.
Original-Content von: Stadtwerke Lindenau GmbH, übermittelt durch news aktuell
"""


def _kept_and_removed(raw: str) -> tuple[bp.CleanResult, set[str], set[str]]:
    result = bp.clean_document(raw)
    return result, {b.text for b in result.blocks if not b.is_boilerplate}, {b.text for b in result.removed_blocks}


def _assert_furniture_goes_and_article_stays(title, article, furniture):
    """A page of a title, article sentences and furniture lines: every article line kept, every furniture line removed."""
    _, kept, removed = _kept_and_removed("\n".join((title, *article, *furniture)))
    for line in article:
        assert line in kept, line
    for line in furniture:
        assert line in removed, line


def test_press_release_page_keeps_the_release_and_drops_menu_contact_box_and_footer():
    result, kept, removed = _kept_and_removed(PRESS_PAGE)
    for line in PRESS_PAGE.splitlines()[7:11]:
        assert line in kept, line  # title and every paragraph of the release
    for line in ("Direkt zum Inhalt", "Menü", "Startseite", "Kontakt", "Pressekontakt:", "Jana Reimers",
                 "Bahnhofstraße 17", "04552 Lindenau", "Tel.: 03421 55 08-12", "Über die Stadtwerke Lindenau",
                 "Original-Content von: Stadtwerke Lindenau GmbH, übermittelt durch news aktuell"):
        assert line in removed, line
    by_text = {b.text: b for b in result.blocks}
    assert by_text["Jana Reimers"].category == "contact" and dict(by_text["Jana Reimers"].signals)["contact_box"] > 0
    assert by_text["Menü"].category == "navigation"
    _assert_tiling(PRESS_PAGE, result)


def test_no_person_or_figure_is_read_from_removed_page_furniture():
    people, figures = people_and_figures_of_cleaned(bp.clean_document(PRESS_PAGE))
    assert {"Karin Vogt", "Peter Albrecht"} <= people and "Jana Reimers" not in people
    assert any("45 Millionen Euro" in f.text for f in figures)


def test_contact_data_inside_running_text_is_kept():
    raw = (
        "Die Polizei sucht nach dem Einbruch in der Nacht zum Montag Zeugen.\n"
        "Hinweise nimmt die Kriminalpolizei unter der Telefonnummer 0711 8990-3600 entgegen.\n"
        "Zeit: 06.12.2019, 11:45 Uhr Ort: Polizeipräsidium Hamburg, Bruno-Georges-Platz 1, 22297 Hamburg\n"
        "Der Schaden wird auf 20.000 Euro geschätzt, sagte ein Sprecher."
    )
    assert bp.clean_document(raw).removed_blocks == []


def test_enumerations_and_title_stacks_of_the_article_are_kept():
    raw = (
        "Unser Auftrag war ein neues Extranet, das folgende Ziele erfüllt:\n"
        "• Zentrales Informationsmanagement\n• Effiziente Kommunikation\n• Striktes Rechtesystem\n• Dokumente\n"
        "Das Projekt wurde nach acht Monaten abgeschlossen, teilte die Agentur mit."
    )
    assert bp.clean_document(raw).removed_blocks == []
    stack = (
        "Quarantäne im Grenzdurchgangslager\nCorona in der Region: Aufnahmestopp in Friedland\nVon Anna Berger\n"
        "Im Grenzdurchgangslager Friedland sind 62 Menschen positiv getestet worden, am Montag folgen weitere Tests."
    )
    assert bp.clean_document(stack).removed_blocks == []


def test_menu_run_at_the_top_of_a_page_is_removed_and_a_heading_inside_the_article_is_not():
    raw = (
        "Grüne Quellen\nMittagstisch\nGastrotipps\nStudienführer\nImpressum\n"
        "Die Stadt Freiburg will bis 2030 alle Dächer städtischer Gebäude mit Solaranlagen ausstatten, sagte der Baubürgermeister.\n"
        "Werbung\n"
        "Die Werbung für das Programm beginnt im Mai, die Kosten trägt das Land."
    )
    result, kept, removed = _kept_and_removed(raw)
    assert {"Mittagstisch", "Gastrotipps", "Studienführer", "Impressum"} <= removed
    assert "Werbung" in kept  # the next paragraph takes the word up: a section heading, not an ad marker
    assert all(dict(b.signals).get("menu_run") for b in result.removed_blocks if b.text == "Mittagstisch")


def test_teaser_list_after_the_article_is_removed():
    raw = (
        "Der Kreistag hat am Montag den Haushalt für das kommende Jahr mit knapper Mehrheit beschlossen, die Umlage steigt.\n"
        "Kreisumlage: Gemeinden fürchten höhere Kosten im nächsten Jahr\n"
        "Landrat kündigt nach der Abstimmung einen strengen Sparkurs an\n"
        "Neue Buslinie zwischen Nordstadt und Klinikum startet im Mai"
    )
    result, kept, removed = _kept_and_removed(raw)
    assert len(removed) == 3 and {b.category for b in result.removed_blocks} == {"teaser"}


def test_price_ticker_rows_and_counters_are_widgets_but_dates_are_not():
    raw = "Werte in diesem Artikel\n332,40 EUR 5,30 EUR 1,62%\n1.947,6 PKT 32,5 PKT 1,70%\n0\n26.04.2023 |\nDie Aktie legte am Montag deutlich zu, sagte ein Händler."
    result, kept, removed = _kept_and_removed(raw)
    assert {"332,40 EUR 5,30 EUR 1,62%", "1.947,6 PKT 32,5 PKT 1,70%", "0"} <= removed
    assert "26.04.2023 |" in kept


def test_lines_repeated_across_a_run_are_furniture_but_repeated_agency_paragraphs_are_not():
    agency = "Berlin (dpa) - Der Bundestag hat am Donnerstag die Reform der Pflegeversicherung beschlossen, die Beiträge steigen."
    texts = [f"Erstellt von Redaktion\nTitel {i}\n{agency}\nArtikel {i} geht weiter und endet hier mit einem Satz." for i in range(4)]
    assert "erstellt von redaktion" in bp.repeated_lines(texts)
    for result in bp.clean_documents(texts):
        removed = {b.text for b in result.removed_blocks}
        assert "Erstellt von Redaktion" in removed and agency not in removed
    assert bp.repeated_lines(texts[:2]) == frozenset()  # two documents are no evidence


def test_real_page_corpus_is_split_by_site_and_meets_the_precision_targets():
    pages = bp_eval.load_pages()
    assert len(pages) >= 80 and len({p.kind for p in pages}) >= 15
    dev_sites = {p.site for p in pages if p.split == "dev"}
    held_sites = {p.site for p in pages if p.split == "heldout"}
    assert dev_sites and held_sites and not dev_sites & held_sites
    # a held-out part is measured once, by `python cli.py evaluate boilerplate`, never in a test (round 4 has been
    # development data since the third round of issue 18, round 5 since the fourth, round 6 since the fifth)
    predictions = bp_eval.predict_pages([p for p in pages if p.split in bp_eval.DEVELOPMENT_PARTS])
    assert {p.split for p in pages} >= set(bp_eval.DEVELOPMENT_PARTS)
    for split in ("dev", "heldout", "test", "fresh", "round3", "round4", "round5", "round6"):
        part = [p for p in predictions if p.record.split == split]
        assert part, split
        content = [p for p in part if p.record.label == "content"]
        assert not [p for p in content if p.label != "content" and len(p.record.text) >= 100]  # no paragraph lost
        kept = sum(len(p.record.text) for p in content if p.label == "content") / sum(len(p.record.text) for p in content)
        assert kept >= 0.98
        if split in ("dev", "heldout"):
            junk = [p for p in part if p.record.label != "content"]
            assert sum(p.label != "content" for p in junk) / len(junk) >= 0.7
    report = bp_eval.real_report(splits=bp_eval.DEVELOPMENT_PARTS, cross_validate=False)
    assert "real pages, dev" in report and "real pages, heldout" in report and "real-page errors" in report


def test_round13_is_development_data_and_rounds_14_and_15_are_held_out(tmp_path):
    # round 7 was measured once by the lead at the end of the fifth round, round 8 at the end of the sixth, round 9 at
    # the end of the seventh, round 10 after the eighth, round 11 after the ninth, round 12 after the tenth, round 13
    # after the eleventh (2026-12-05); all are development data since, fitted by the training command (adding a part
    # changes the shipped weights, see test_boilerplate_model.py). Rounds 14 (collected 2026-12-07) and 15 (collected
    # 2026-12-08) are held out: read by the loader, never fitted
    pages = bp_eval.load_pages()
    assert bp_eval.HELDOUT_PARTS == ("round14", "round15")
    for part in ("round14", "round15"):
        assert part not in bp_eval.DEVELOPMENT_PARTS and part not in train.DEV_PARTS
        assert any(p.split == part for p in pages)
    assert {"round4", "round5", "round6", "round7", "round8", "round9", "round10", "round11", "round12",
            "round13"} <= set(bp_eval.DEVELOPMENT_PARTS)
    assert "round13" in train.DEV_PARTS
    assert set(train.DEV_PARTS) == set(bp_eval.DEVELOPMENT_PARTS)
    # every file the loader reads is a development part or a held-out part
    assert {p.split for p in pages} == set(bp_eval.DEVELOPMENT_PARTS) | set(bp_eval.HELDOUT_PARTS)
    assert {d.part for d in train.development_docs() if d.source == "pages"} == set(bp_eval.DEVELOPMENT_PARTS)
    for name in ("round9_x.txt", "round10_x.txt", "round11_x.txt", "round12_x.txt", "round13_x.txt", "round14_x.txt",
                 "round15_x.txt"):
        (tmp_path / name).write_text(f"### {name} | news | example.de | https://example.de/a\ncontent\tText\n", encoding="utf-8")
    assert [p.split for p in bp_eval.load_pages(tmp_path)] == [
        "round9", "round10", "round11", "round12", "round13", "round14", "round15"]


def test_the_report_says_whether_a_part_is_held_out(tmp_path, monkeypatch):
    (tmp_path / "round9_x.txt").write_text("### r9 | news | example.de | https://example.de/a\ncontent\tDer Rat tagte.\n",
                                           encoding="utf-8")
    report = bp_eval.real_report(tmp_path)
    assert "real pages, round9" in report and "held out, shipped model (unseen)" not in report
    assert "no held-out part" in bp_eval.real_report(splits=("round9",), cross_validate=False)
    # over the development pages alone the report says "no held-out part"
    dev = [p for p in bp_eval.load_pages() if p.split in bp_eval.DEVELOPMENT_PARTS]
    assert bp_eval.held_out_lines(dev, bp_eval.DEVELOPMENT_PARTS + bp_eval.HELDOUT_PARTS, bp_eval.REALPAGES_DIR)[0].startswith(
        "no held-out part")
    # the mechanism for the next held-out part (a stand-in named round14 here, set as held out for this test only):
    # its pages make the report not say "no held-out part"; held_out_lines only looks at the pages' splits
    monkeypatch.setattr(bp_eval, "HELDOUT_PARTS", ("round14",))
    stand_in = bp_eval.Page("r14x", "news", "example.de", "https://example.de/a", "round14", (("content", "Der Rat tagte."),))
    lines = bp_eval.held_out_lines(dev + [stand_in], bp_eval.DEVELOPMENT_PARTS + ("round14",), bp_eval.REALPAGES_DIR)
    assert not lines or not lines[0].startswith("no held-out part")
    # without the held-out pages every number is a development number
    assert bp_eval.held_out_lines(dev, bp_eval.DEVELOPMENT_PARTS, bp_eval.REALPAGES_DIR)[0].startswith("no held-out part")
    # a held-out part whose file is not there (a directory without it) is named as missing, and the report says so
    # instead of failing
    without = bp_eval.held_out_lines(bp_eval.load_pages(tmp_path), ("round9", "round14"), tmp_path)
    assert without[0].startswith("no held-out part") and f"held-out part round14: no round14_*.txt in {tmp_path}, not measured" in without
    # the report over development parts only (no held-out page selected) says so
    assert "no held-out part" in bp_eval.real_report(splits=("round11",), cross_validate=False)


def test_round7_round8_and_round9_come_from_their_own_sites():
    # each was collected by a helper who does not develop the stage, one page per site (rounds 8 and 9), no site shared
    pages = bp_eval.load_pages()
    for part in ("round7", "round8", "round9"):
        own = [p for p in pages if p.split == part]
        assert len(own) >= 50 and len({p.kind for p in own}) >= 15
        assert not {p.site for p in own} & {p.site for p in pages if p.split != part}
        assert all(label in bp_eval.REAL_LABELS for p in own for label, _ in p.blocks)
    for part in ("round8", "round9"):
        assert len({p.site for p in pages if p.split == part}) == sum(p.split == part for p in pages)
    assert sum(p.split == "round9" for p in pages) >= 80


def test_bad_real_page_file_names_file_and_line(tmp_path):
    (tmp_path / "pages_x.txt").write_text("### p1 | news | example.de | https://example.de/a\nspam\tText\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"pages_x.txt:2: label 'spam'"):
        bp_eval.load_pages(tmp_path)


def test_long_service_paragraph_addressing_the_reader_about_privacy_is_kept():
    # one typical phrase ("Drittanbieter-Inhalte") plus "Sie"/"ich" is not the evidence a consent notice carries
    paragraph = (
        "Wer täglich viele Websites besucht, fragt sich beim Datenschutz oft, wer eigentlich die eigenen Daten "
        "verarbeitet. Wer verarbeitet meine Daten, und wie behalte ich die Kontrolle? Dieser Artikel zeigt Ihnen, "
        "wo Sie die Drittanbieter-Inhalte im Privacy Center großer Nachrichtenportale finden und wie Sie sie verwalten können."
    )
    assert bp.clean_document(f"Datenschutz im Alltag\n{paragraph}\nDie Einstellungen lassen sich jederzeit ändern.").removed_blocks == []


# --------------------------------------------------------------------------- page head and phrase families (round 2)


def test_breadcrumb_after_its_label_is_removed_and_title_date_and_paragraph_stay():
    raw = (
        "Sie befinden sich hier:\nStartseite\nPresse\nMeldungen\n"
        "Landkreis erhöht Zuschuss für Schulbusse\nStand: 14.03.2025\n"
        "Der Kreistag hat am Montag beschlossen, den Zuschuss für Schulbusse um zwölf Prozent zu erhöhen, teilte das Landratsamt mit."
    )
    result, kept, removed = _kept_and_removed(raw)
    assert {"Sie befinden sich hier:", "Startseite", "Presse", "Meldungen"} <= removed
    assert {"Landkreis erhöht Zuschuss für Schulbusse", "Stand: 14.03.2025"} <= kept
    assert raw.splitlines()[-1] in kept
    _assert_tiling(raw, result)


def test_top_cookie_banner_is_no_article_start_and_a_doubled_rubric_keeps_the_page_title():
    raw = (
        "Diese Website verwendet Cookies. Cookies gewährleisten den vollen Funktionsumfang unseres Angebots, "
        "ermöglichen die Personalisierung von Inhalten und die Analyse der Zugriffe.\n"
        "Polizei\nPolizei\n"
        "Betrunkene Partygäste haben am Samstagabend vor einem Jugendzentrum randaliert, die Polizei nahm zwei Männer fest."
    )
    result = bp.clean_document(raw)
    polizei = [b for b in result.blocks if b.text == "Polizei"]
    assert polizei[0].is_boilerplate and polizei[0].category == "navigation"
    assert not polizei[1].is_boilerplate  # the page title right above the first paragraph
    assert result.blocks[0].is_boilerplate and not result.blocks[-1].is_boilerplate


def test_rubric_right_above_the_first_paragraph_is_its_kicker_and_stays():
    raw = "Finanzen\nDie Bundesbank rechnet für das laufende Jahr mit einem Wachstum von 0,4 Prozent, sagte ihr Präsident."
    assert bp.clean_document(raw).removed_blocks == []


def test_organisation_lines_above_the_phone_numbers_of_a_contact_list_join_the_box():
    raw = (
        "Wegen einer Sperrung sind die Ministerien am Mittwoch nur eingeschränkt erreichbar. Anfragen richten Sie bitte an:\n"
        "Staatskanzlei:\nBüro Regierungssprecher\nTel.: 0331 866-1093\nMail: sprecher@stk.land.example\n"
        "Ministerium der Finanzen:\nSprecher Ingo Brandt\nTel.: 0170 8361144"
    )
    result, kept, removed = _kept_and_removed(raw)
    assert {"Staatskanzlei:", "Büro Regierungssprecher", "Tel.: 0331 866-1093", "Sprecher Ingo Brandt"} <= removed
    assert raw.splitlines()[0] in kept


def test_paywall_and_ad_blocker_prompts_go_but_articles_about_them_stay():
    page = (
        "Der Gemeinderat hat den Neubau der Grundschule am Donnerstag mit großer Mehrheit beschlossen, die Kosten liegen bei elf Millionen Euro.\n"
        "Sie wollen einmalig die Ausgabe mit dem Bericht kaufen?\n"
        "Hier geht es zu der gewünschten Ausgabe im Online-Kiosk.\n"
        "Offenbar nutzen Sie einen Werbeblocker. Bitte deaktivieren Sie ihn für unsere Seite."
    )
    result, kept, removed = _kept_and_removed(page)
    assert page.splitlines()[0] in kept
    assert {"Hier geht es zu der gewünschten Ausgabe im Online-Kiosk.",
            "Offenbar nutzen Sie einen Werbeblocker. Bitte deaktivieren Sie ihn für unsere Seite."} <= removed
    article = (
        "Immer mehr Leser nutzen Werbeblocker, sagte der Verbandssprecher am Montag. Laut einer Studie verwenden 32 Prozent "
        "der Internetnutzer einen Adblocker, die Verlage verlieren dadurch Millionen.\n"
        "Die Zeitung verkauft ihre Ausgabe inzwischen auch im Online-Kiosk, teilte der Verlag mit; die Zahl der Digitalabos stieg um 8 Prozent."
    )
    assert bp.clean_document(article).removed_blocks == []


def test_follow_prompt_reading_time_and_share_counters_are_furniture():
    raw = (
        "Folge uns:\nFacebook\nInstagram\nYouTube\n"
        "Verlängerte Winterferien\nLesezeit: 4 min\n"
        "Im Kampf gegen die Pandemie verlangen manche Politiker längere Winterferien, die Kultusminister sind uneins.\n"
        "Share on Facebook41Share on Google+13Tweet about this on TwitterEmail this to someone"
    )
    result, kept, removed = _kept_and_removed(raw)
    assert {"Folge uns:", "Facebook", "Instagram", "YouTube", "Lesezeit: 4 min"} <= removed
    assert "Share on Facebook41Share on Google+13Tweet about this on TwitterEmail this to someone" in removed
    assert {"Verlängerte Winterferien", raw.splitlines()[6]} <= kept


def test_metadata_rows_and_video_titles_of_the_article_are_no_menu_and_no_credit():
    raw = (
        "Vorlage - 2022/346\nBetreff: Verteilung der Mittel des Strukturfonds 2022\n"
        "Anlass: keine wesentlichen Auswirkungen\nStatus:öffentlich\nVerantwortlich:Lange, Birte\n"
        "Die Mittel des Fonds werden nach der folgenden Aufstellung auf die Gemeinden des Kreises verteilt, beschloss der Ausschuss.\n"
        "Video: So holst du das Meiste aus Analystenschätzungen heraus\n"
        "Analysten legen ihre Kursziele meist für einen Zeitraum von zwölf Monaten fest, sagte die Autorin."
    )
    assert bp.clean_document(raw).removed_blocks == []
    credit = "Video: picture alliance/dpa | Michael Kappeler"
    assert credit in {b.text for b in bp.clean_document(raw + "\n" + credit).removed_blocks}


# --------------------------------------------------------------------------- second round of issue 18


def test_label_value_rows_of_a_database_page_are_data_not_a_menu():
    raw = (
        "Förderprogramm\nStabilisierungsfonds für kleine Betriebe\n"
        "Förderart:\nZuschuss, Bürgschaft\nFörderbereich:\nUnternehmensfinanzierung\nFördergebiet:\nBremen\n"
        "Förderberechtigte:\nUnternehmen\n"
        "Der Fonds unterstützt Betriebe mit bis zu 50 Beschäftigten, die wegen der gestiegenen Energiepreise in Not geraten sind, teilte die Behörde mit."
    )
    result, kept, removed = _kept_and_removed(raw)
    assert {"Förderart:", "Zuschuss, Bürgschaft", "Fördergebiet:", "Bremen", "Förderberechtigte:", "Unternehmen"} <= kept
    # labels without values are a widget's controls, and they stay removable as a run at the top of a page
    assert bp.rules._data_rows(*_scored_and_shapes("Sprachauswahl:\nSchriftgröße:\nFarbkontrast:")) == set()


def _scored_and_shapes(raw: str):
    scored, _, _ = bp.orchestrator.rule_layer(raw, lexicon=bp.load_lexicon())
    return scored, [bp.rules.block_shape(b.text) for b in scored]


def test_table_rows_single_quotes_time_stamps_and_datelines_stay_but_tickers_and_share_bars_go():
    raw = (
        "Kursziele | |||\nZiel | 46,82 | TARGET | |\nStopp | 40,34 | VAR | |\n"
        "Die Analysten sehen für die Aktie in den kommenden sechs Monaten weiteres Potenzial, schreibt die Bank in ihrer Studie.\n"
        "Geld in EUR\n57,28 EUR\n"
        "332,40 EUR 5,30 EUR 1,62%\n"
        "22:16 Uhr\nMessi fürchtet um die Zukunft des Fußballs, wie wir ihn kennen, sagte er in einem Interview.\n"
        "21.11.2011, 09.47 Uhr | Jana Beispiel | Artikel drucken | Kommentare\n"
        "Teilen | Drucken | Mail"
    )
    result, kept, removed = _kept_and_removed(raw)
    assert {"Kursziele | |||", "Ziel | 46,82 | TARGET | |", "Stopp | 40,34 | VAR | |", "Geld in EUR", "57,28 EUR", "22:16 Uhr",
            "21.11.2011, 09.47 Uhr | Jana Beispiel | Artikel drucken | Kommentare"} <= kept
    assert {"332,40 EUR 5,30 EUR 1,62%", "Teilen | Drucken | Mail"} <= removed


def test_paywall_prompt_families_go_but_a_report_about_subscribers_stays():
    raw = (
        "Der Stadtrat hat den Haushalt für 2026 mit knapper Mehrheit beschlossen, die Opposition kritisierte die neuen Schulden.\n"
        "Als Digital-Abonnent anmelden und kostenfrei weiterlesen.\n"
        "Um diesen Beitrag lesen zu können, benötigen Sie ein (größeres) Abonnement.\n"
        "Als Abonnentin der Zeitung habe sie von der Preiserhöhung aus dem Brief erfahren, sagte die Rentnerin dem Gericht."
    )
    result, kept, removed = _kept_and_removed(raw)
    assert {"Als Digital-Abonnent anmelden und kostenfrei weiterlesen.",
            "Um diesen Beitrag lesen zu können, benötigen Sie ein (größeres) Abonnement."} <= removed
    lines = raw.splitlines()
    assert {lines[0], lines[3]} <= kept


def test_interface_widgets_go_but_a_sentence_about_the_font_size_stays():
    raw = (
        "Ihr Warenkorb ist leer\nSie sind Gast\nSchriftgröße: +\nJump to content\n"
        "Die Schriftgröße in den Bescheiden der Stadt sei für ältere Menschen zu klein, kritisierte der Seniorenbeirat am Dienstag.\n"
        "Sie sind auf Seite 1von 7"
    )
    result, kept, removed = _kept_and_removed(raw)
    assert {"Ihr Warenkorb ist leer", "Sie sind Gast", "Schriftgröße: +", "Jump to content", "Sie sind auf Seite 1von 7"} <= removed
    assert raw.splitlines()[4] in kept


def test_about_blurb_after_a_contact_box_ending_in_a_social_handle_goes_over_several_paragraphs():
    raw = (
        "BPOL-KI: Reisender mit gefälschtem Pass festgenommen\n"
        "Bei einer Kontrolle am Fährhafen haben Beamte der Bundespolizei am Mittwoch einen 41-jährigen Mann festgenommen, "
        "der einen gefälschten Pass vorgelegt hatte.\n"
        "Bundespolizeiinspektion Kiel\nHafenstraße 12\n24103 Kiel\nTelefon: 0431 / 555 - 1107\n"
        "E-Mail: presse.kiel@polizei.example\nTwitter: @bpol_kiel_example\n"
        "Die Bundespolizeidirektion erfüllt als Behörde des Bundes ihre\nAufgaben an der Küste, auf Nord-\nund Ostsee und bei Bedarf auch anderswo.\n"
        "So ist es festgelegt.\n"
        "Die Direktion beschäftigt insgesamt ca.\n2600 Mitarbeiterinnen und Mitarbeiter, Polizeivollzugsbeamte ebenso wie\nVerwaltungskräfte."
    )
    result = bp.clean_document(raw)
    about = [b for b in result.removed_blocks if b.category == "about"]
    assert any("2600 Mitarbeiterinnen" in b.text for b in about) and any("So ist es festgelegt." == b.text for b in about)
    kept = {b.text for b in result.blocks if not b.is_boilerplate}
    assert raw.splitlines()[1] in kept and raw.splitlines()[0] in kept


def test_new_features_mark_the_region_data_rows_and_link_tails():
    from pipeline.boilerplate import features as F

    raw = (
        "Startseite\nPolitik\n"
        "Der Landtag hat am Mittwoch nach langer Debatte das neue Schulgesetz beschlossen, die Opposition stimmte dagegen.\n"
        "Anzeige\n"
        "Die Reform soll zum kommenden Schuljahr in Kraft treten, kündigte die Ministerin in Hannover an.\n"
        "Mehr aus der Region »\nStatus:\nöffentlich\nArt:\nBeschluss"
    )
    scored, shapes = _scored_and_shapes(raw)
    rows = F.page_features(scored, shapes, [b.is_boilerplate for b in scored], len(raw))
    col = {n: i for i, n in enumerate(F.FEATURES)}
    by_text = {b.text: r for b, r in zip(scored, rows)}
    assert by_text["Anzeige"][col["in_region"]] == 1.0 and by_text["Startseite"][col["in_region"]] == 0.0
    assert by_text["Mehr aus der Region »"][col["link_tail"]] == 1.0
    assert by_text["Status:"][col["data_row"]] == 1.0 and by_text["öffentlich"][col["after_label"]] == 1.0
    assert len(rows[0]) == len(F.FEATURES)


# --------------------------------------------------------------------------- third round (issue 18): general shapes

_ARTICLE_LINES = (
    "Corona-Sorgen im Landkreis nach Verdachtsfall",
    "Der Landrat ruft dazu auf, Veranstaltungen mit mehr als 100 Gästen in den nächsten Wochen abzusagen.",
    "von Katrin Möller",
)


def test_letter_scrambled_paywall_text_goes_and_brand_names_stay():
    # a paywalled paper shuffles the letters of each word of the hidden paragraphs; an article with brand names
    # written with inner capitals ("iPhone", "eBay") has its function words and stays
    brands = ("Das neue iPhone, das iPad und eBay: Apple und die Tochter von eBay melden für das Quartal ein "
              "deutliches Plus, sagte der Sprecher am Dienstag in Berlin.")
    raw = "\n".join(_ARTICLE_LINES + (
        brands,
        "iWr nei Ftlal ni red rEgnbuu ,ntätsgibet mssü mi eeiknlnz Fall ucstnheide wdre,ne bo ien nrabtcaV ma esbnte uz uHsea ilbtb.",
        "eiD nngezsdltueaiG sabrtitee eng tmi med adLsntaesm ürf uiseGdenth ndu med Siulmhct en,summza ßhie es.",
    ))
    result = bp.clean_document(raw)
    by_text = _by_text(result)
    for line in _ARTICLE_LINES + (brands,):
        assert not by_text[line].is_boilerplate, line
    scrambled = [b for b in result.removed_blocks if ("scrambled", 3.0) in b.signals]
    assert len(scrambled) == 2 and {b.category for b in scrambled} == {"subscription"}


def test_teaser_entries_with_counters_go_and_figures_with_a_thousands_gap_stay():
    raw = "\n".join((
        "Sicherheit - Polizeichef bezeichnet Lage am Bahnhof als unerträglich",
        "Rund um den Bahnhof sei die Lage so heruntergekommen, dass sich viele Menschen dort nicht mehr sicher "
        "fühlten, sagte der neue Polizeipräsident am Montag.",
        "Die Zahl der Einsätze stieg im Jahr auf 12 000",
        "Ergebnis vom Sonntag 2 1",
        "Ähnliche News",
        "Lückenlose Überwachung unmöglich: 61 Rückkehrer als Gefährder eingestuft 0 0 0",
        "Europa League: Frankfurt winkt \"Finale dahoam\" 0 0 0",
        "Nordkorea kappt Kommunikation zu Südkorea wegen Luftballons 12 3 0",
    ))
    result = bp.clean_document(raw)
    by_text = _by_text(result)
    assert not by_text["Die Zahl der Einsätze stieg im Jahr auf 12 000"].is_boilerplate
    assert not by_text["Ergebnis vom Sonntag 2 1"].is_boilerplate
    for line in raw.splitlines()[-3:]:
        assert by_text[line].is_boilerplate and by_text[line].category == "teaser", line
    assert bp.counter_tail(raw.splitlines()[-1]) == "Nordkorea kappt Kommunikation zu Südkorea wegen Luftballons"
    assert by_text["Ähnliche News"].is_boilerplate


def test_a_fact_box_with_labels_glued_to_values_goes_and_a_single_glued_name_stays():
    raw = "\n".join((
        "Pressemitteilungen der NaturFreunde Deutschlands",
        "Der Verband hat am Mittwoch in Berlin seine Bilanz vorgestellt und fordert mehr Geld für den Naturschutz "
        "in den Ländern, sagte die Vorsitzende.",
        "LandDeutschland",
        "HauptstadtBerlin",
        "Bevölkerung83,02 Millionen (2019)",
        "Fläche357.582 km²",
    ))
    result = bp.clean_document(raw)
    by_text = _by_text(result)
    assert not by_text["Pressemitteilungen der NaturFreunde Deutschlands"].is_boilerplate
    for line in raw.splitlines()[2:]:
        assert by_text[line].is_boilerplate, line


def test_a_control_printed_three_times_goes_and_repeated_labels_of_minutes_stay():
    raw = "\n".join((
        "Gemeinderat beschließt neuen Radweg",
        "Der Gemeinderat hat am Dienstag mit großer Mehrheit den Bau eines Radwegs entlang der Landstraße "
        "beschlossen, die Kosten trägt zum Teil das Land.",
        "Protokoll:", "Die Sitzung begann um 18 Uhr.",
        "Protokoll:", "Der Antrag wurde mit 14 zu 3 Stimmen angenommen.",
        "Protokoll:", "Die nächste Sitzung findet im März statt.",
        "Artikel", "Radweg an der Landstraße: Baubeginn im Herbst",
        "Artikel", "Neue Buslinie verbindet die Ortsteile",
        "Artikel", "Kreistag berät über den Haushalt",
    ))
    result = bp.clean_document(raw)
    by_text = _by_text(result)
    assert not [b for b in result.blocks if b.text == "Protokoll:" and b.is_boilerplate]
    artikel = [b for b in result.blocks if b.text == "Artikel"]
    assert len(artikel) == 3 and all(b.is_boilerplate and ("repeated_in_page", 2.0) in b.signals for b in artikel)
    assert not by_text["Die Sitzung begann um 18 Uhr."].is_boilerplate


def test_blog_comment_form_goes_and_an_article_about_comment_sections_stays():
    article = ("Viele Zeitungen schließen ihre Kommentarbereiche, weil die Moderation zu teuer wird; Leser können "
               "dort dann nicht mehr antworten, kritisierte der Verband am Freitag.")
    raw = "\n".join((
        "Zeitungen schließen Kommentarbereiche",
        article,
        "admin",
        "Schreibe einen Kommentar",
        "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert",
        "Antworten",
        "War diese Information für Sie hilfreich?",
        "Ja  Nein",
        "Den ganzen Beitrag weiterlesen auf …",
        "Powered by Gogol Publishing 2002-2019",
    ))
    result = bp.clean_document(raw)
    by_text = _by_text(result)
    assert not by_text[article].is_boilerplate and not by_text["Zeitungen schließen Kommentarbereiche"].is_boilerplate
    for line in raw.splitlines()[2:]:
        assert by_text[line].is_boilerplate, line


def test_a_menu_found_by_its_menu_words_leaves_a_headline_among_its_items():
    raw = "\n".join((
        "Connect with us",
        "Politik",
        "Hörfelsen als sichtbare Meilensteine",
        "Veröffentlicht",
        "am",
        "Zusammen mit dem Planer sahen sich der Bürgermeister und der Landesvorsitzende nun die Baustelle an, auf "
        "der die Hörfelsen aufgebaut werden.",
    ))
    result = bp.clean_document(raw)
    by_text = _by_text(result)
    assert not by_text["Hörfelsen als sichtbare Meilensteine"].is_boilerplate
    assert by_text["Connect with us"].is_boilerplate and by_text["Connect with us"].category == "social"


def test_relative_age_stamps_obfuscated_mail_buttons_and_plus_markers_go():
    raw = "\n".join((
        "Hapag-Lloyd bestellt neue Containerschiffe",
        "Die Reederei hat nach eigenen Angaben 24 neue Containerschiffe bestellt, teilte das Unternehmen am "
        "Mittwoch in Hamburg mit.",
        "06.11. 15:07 vor 23 Tagen",
        "2 hours ago von Stern",
        "[E-Mail anzeigen]",
        "Weltplus ArtikelPrognose",
        "Artikel enthält Videos",
    ))
    result = bp.clean_document(raw)
    by_text = _by_text(result)
    assert not by_text[raw.splitlines()[0]].is_boilerplate and not by_text[raw.splitlines()[1]].is_boilerplate
    for line in raw.splitlines()[2:]:
        assert by_text[line].is_boilerplate, line
    assert by_text["Weltplus ArtikelPrognose"].category == "subscription"


def test_a_document_title_in_capitals_with_a_year_is_no_rubric():
    raw = "\n".join((
        "Startseite", "Publikationen", "UNTERNEHMENSFÜHRUNG",
        "TÄTIGKEITSBERICHT 2004",
        "Der Landesbeauftragte legt mit diesem Bericht Rechenschaft über seine Arbeit im vergangenen Jahr ab und "
        "beschreibt die wichtigsten Beschwerden der Bürger.",
    ))
    by_text = _by_text(bp.clean_document(raw))
    assert by_text["UNTERNEHMENSFÜHRUNG"].is_boilerplate
    assert not by_text["TÄTIGKEITSBERICHT 2004"].is_boilerplate


def test_site_help_lines_go_and_an_article_about_a_glossary_stays():
    article = ("Die Stadtverwaltung hat ein Glossar zu den neuen Abfallgebühren veröffentlicht, sagte der Sprecher "
               "am Montag; die häufigsten Fragen beantwortet das Amt auch telefonisch.")
    raw = "\n".join((
        "Neue Abfallgebühren ab Januar",
        article,
        "In unseren FAQ finden Sie die häufigsten Fragen und Antworten.",
        "Für Begriffserklärungen können Sie unser Glossar nutzen.",
    ))
    by_text = _by_text(bp.clean_document(raw))
    assert not by_text[article].is_boilerplate
    for line in raw.splitlines()[2:]:
        assert by_text[line].is_boilerplate, line


# --------------------------------------------------------------------------- fourth round (issue 18): precision on unseen pages


def test_a_help_page_paragraph_about_the_subscription_stays_but_a_consent_notice_and_a_prompt_go():
    # the help page of a newspaper explains its Plus subscription: reader address and Abo words, but article prose
    faq = ("Mit dem Plus-Angebot sind die kostenpflichtigen Beiträge auf der Seite des Tageblatts gekennzeichnet. Ein "
           "Plus-Abo gibt Ihnen unbegrenzten Zugang zu diesen Beiträgen. Als Abonnent lesen Sie, was unsere Reporter in "
           "der Region für Sie recherchiert haben: Reportagen, Hintergründe und Kommentare. Meldungen der Polizei und "
           "Hinweise auf Veranstaltungen bleiben weiterhin frei lesbar, weil wir sie aus anderen Quellen übernehmen.")
    consent = ("Diese Website verwendet Cookies. Wir können damit die Seitennutzung auswerten, um nutzungsbasiert "
               "redaktionelle Inhalte und Werbung anzuzeigen. Mit der Nutzung der Website stimmen Sie der Verwendung "
               "von Cookies zu. Weitere Informationen finden Sie in unserer Datenschutzerklärung.")
    raw = "\n".join(("Was ist Tageblatt Plus?", faq, "Jetzt abonnieren und weiterlesen!", consent))
    result, kept, removed = _kept_and_removed(raw)
    assert faq in kept and "Was ist Tageblatt Plus?" in kept
    assert {"Jetzt abonnieren und weiterlesen!", consent} <= removed
    lexicon = bp.load_lexicon()
    assert rules._prose_guard(faq, lexicon) and not rules._prose_guard(consent, lexicon)


def test_a_market_overview_copied_cell_by_cell_stays_but_tickers_and_forum_counters_go():
    table = ["Name Zum Vortag Letzter Stand", "DAX", "-0,03%", "11.398,68", "TecDAX", "0,19%", "1.584,79", "MDAX",
             "0,20%", "20.131,33", "02.03.2015 13:38:51"]
    raw = "\n".join((
        "Marktübersicht", *table,
        "Die Börsen in Europa haben am Montag kaum verändert geschlossen, nachdem die Anleger nach den Rekorden der "
        "Vorwoche Gewinne mitgenommen hatten.",
        "332,40 EUR 5,30 EUR 1,62%",
        "Beiträge:", "2", "Zustimmungen:", "0",
    ))
    result, kept, removed = _kept_and_removed(raw)
    assert set(table) <= kept
    assert {"332,40 EUR 5,30 EUR 1,62%", "2", "0", "Beiträge:", "Zustimmungen:"} <= removed


def test_statute_sections_and_a_date_printed_in_three_lines_stay_but_separators_go():
    raw = "\n".join((
        "Satzung des Vereins", "Neufassung 2015", "§1", "Name und Sitz",
        "Der Verein trägt den Namen „Heimatverein Eicken“ und hat seinen Sitz in Mönchengladbach, er ist in das "
        "Vereinsregister eingetragen.",
        "§ 2", "Zweck des Vereins",
        "Der Verein verfolgt ausschließlich gemeinnützige Zwecke und fördert das Brauchtum im Stadtteil.",
        "|", "1", "03", "2023", "|",
        "Im Gespräch erklärt der Vorsitzende, wie der Verein in den kommenden Jahren neue Mitglieder gewinnen will.",
    ))
    result, kept, removed = _kept_and_removed(raw)
    assert {"§1", "§ 2", "1", "03", "2023"} <= kept
    assert "date" in _by_text(result)["2023"].flags
    assert "|" in removed


def test_a_title_stack_with_a_genre_label_is_no_menu_but_a_menu_at_the_head_goes():
    paragraph = ("Seit den frühen Morgenstunden ist die Feuerwehr mit vielen Kräften im Einsatz, umgestürzte Bäume "
                 "blockieren mehrere Straßen im Stadtgebiet.")
    stack = ["Personenschutz geht vor", "Pressemitteilung", "- 297/ri", "Zahlreiche Einsätze im Stadtgebiet"]
    result, kept, removed = _kept_and_removed("\n".join((*stack, paragraph)))
    assert set(stack) | {paragraph} <= kept
    menu = ["Startseite", "Politik", "Sport", "Kultur"]
    result, kept, removed = _kept_and_removed("\n".join((*menu, "Zahlreiche Einsätze im Stadtgebiet", paragraph)))
    assert set(menu) <= removed and paragraph in kept
    assert rules.genre_label("Pressemitteilung") and not rules.genre_label("Pressemitteilungen")


def test_a_statute_reference_at_the_head_is_no_menu_item():
    raw = "\n".join(("§ 59e WStV", "Wiener Stadtverfassung",
                     "Der Gemeinderat kann für einzelne Angelegenheiten Ausschüsse bilden, deren Mitglieder er aus seiner Mitte wählt."))
    result, kept, removed = _kept_and_removed(raw)
    assert {"§ 59e WStV", "Wiener Stadtverfassung"} <= kept


def test_a_salutation_and_a_signature_between_layout_rules_stay_but_the_rules_go():
    raw = "\n".join((
        "Fraktionsbrief Februar 2020", "|", "|", "Liebe Leserinnen, liebe Leser,", "|", "|", "Bernd Lachmann Kolkwitz", "|",
        "dass ein Parlament sein Recht auf eine Debatte erst vor dem Verfassungsgericht erstreiten muss, ist ein "
        "bemerkenswerter Vorgang in der Geschichte des Landtags.",
    ))
    result, kept, removed = _kept_and_removed(raw)
    assert {"Liebe Leserinnen, liebe Leser,", "Bernd Lachmann Kolkwitz"} <= kept
    assert "|" in removed and not any(b.text == "|" and not b.is_boilerplate for b in result.blocks)


def test_a_dated_source_line_breaks_a_teaser_run_of_a_press_release_list():
    raw = "\n".join((
        "Grenzkontrolle: Pistole und Munition im Handschuhfach sichergestellt",
        "Bei den Grenzkontrollen auf der Autobahn haben Bundespolizisten am Samstag bei einem Reisenden eine geladene "
        "Pistole gefunden, er muss sich nun wegen eines Verstoßes gegen das Waffengesetz verantworten.",
        "Die Beamten stellten die Waffe sicher und leiteten ein Ermittlungsverfahren ein.",
        "PM der Bundespolizeidirektion München vom 10.12.2018",
        "Allgemein Bevölkerungsschutz Kriminalitätsbekämpfung Prävention",
        "Grenzüberschreitende Kampagne gegen international agierende Taschendiebe gestartet",
    ))
    result, kept, removed = _kept_and_removed(raw)
    assert {"PM der Bundespolizeidirektion München vom 10.12.2018",
            "Grenzüberschreitende Kampagne gegen international agierende Taschendiebe gestartet"} <= kept


def test_interface_families_of_the_fourth_round_go_but_sentences_with_the_same_words_stay():
    article = ("Der Landtag hat am Mittwoch über die Zukunft der Kliniken im Land beraten, die Fraktionen sind sich über "
               "die Finanzierung uneinig.")
    furniture = [
        "zum Inhalt", "Zur Startseite von Landes-Nachrichten.de", "Die mobile Version verlassen", "Konnten wir Ihnen helfen?",
        "Dabei seit:", "Erfahrener Benutzer", "Post by", "4 Wochen testen", "gratis und unverbindlich",
        "Suche verfeinern", "53 Treffer, Seite 3 von 6, sortieren nach: Relevanz Datum", "Mehr »", "WEITER LESEN",
        "| 1 Kommentar", "© Screenshot / Montage: Redaktion", "Bild von Gentle07-5174777 auf Pixabay",
    ]
    raw = "\n".join(("Kliniken im Land", article, *furniture))
    result, kept, removed = _kept_and_removed(raw)
    assert article in kept
    for line in furniture:
        assert line in removed, line
    sentences = [
        "Zur Startseite des Festivals gelangen Besucher über den Haupteingang am Markt, sagte die Veranstalterin.",
        "Der Stürmer erzielte in dieser Saison 12 Treffer, seine Mannschaft steht auf Seite der Sieger.",
        "Konnten wir den Menschen helfen? Diese Frage stellt sich der Einsatzleiter nach jedem Einsatz.",
    ]
    assert bp.clean_document("\n".join(("Aus der Region", *sentences))).removed_blocks == []


# fifth round of issue 18: precision on the article paragraphs round 6 lost (invented text of the same shapes)
PAYWALL_EXPLAINER = """Wir über uns
So funktioniert das Bezahlmodell des Tageblatts
Von Carla Wendt
Do, 14. März 2024 um 09:15 Uhr
Wer alle Texte ohne Grenze lesen will, braucht ein Abonnement. Wer nur gelegentlich liest, kommt mit dem Gratiskontingent aus.
1) Abonnenten des Tageblatts nutzen die Webseite ohne Limit, Digitalabonnenten ebenso wie Bezieher der gedruckten Zeitung. Sie haben vollen Zugriff auf alle Plus-Artikel und das Archiv.
Jetzt 40 Euro sparen: 12 Monate Tageblatt digital zum Sonderpreis von 60 Euro – jetzt abonnieren (Angebot gilt bis Ende Mai)
2) Registrierte Nutzer bekommen jeden Monat ein kostenloses Kontingent von drei Plus-Artikeln und bis zu acht weitere Artikel. Die Redaktion veröffentlicht täglich Dutzende Plus-Artikel.
"""


def test_two_sentence_paragraphs_about_a_paywall_stay_but_its_offer_goes():
    result, kept, removed = _kept_and_removed(PAYWALL_EXPLAINER)
    lines = PAYWALL_EXPLAINER.splitlines()
    for line in (lines[4], lines[5], lines[7]):
        assert line in kept, line
    assert lines[6] in removed  # "… – jetzt abonnieren (…)": a call to action after a dash
    lexicon = bp.load_lexicon()
    assert rules._prose_guard(lines[7], lexicon)


def test_two_sentence_declarations_in_the_first_person_or_the_publishers_voice_still_go():
    lexicon = bp.load_lexicon()
    consent = ("Hiermit willige ich ein, dass meine personenbezogenen Daten für Werbezwecke verarbeitet werden. Diese "
               "Einwilligung kann ich jederzeit für die Zukunft widerrufen.")
    privacy = ("Ihre persönlichen Angaben nutzen wir ausschließlich zur Bearbeitung Ihrer Anfrage gem. Art. 6 Abs. 1 lit. b "
               "DSGVO. Wir löschen die Daten, sobald Ihre Anfrage abschließend bearbeitet ist.")
    for text in (consent, privacy):
        assert not rules._prose_guard(text, lexicon), text
    raw = "\n".join(("Kontakt", "Schreiben Sie uns", privacy, "Absenden"))
    assert privacy in _kept_and_removed(raw)[2]


def test_a_first_person_blog_paragraph_asking_about_consent_formulas_stays():
    paragraph = ("„Schon wieder ein Cookie-Banner…“ Öffne ich eine Seite zum ersten Mal, soll ich erst einmal zustimmen, dass "
                 "sie Daten über mich sammelt – oder ich lehne ab. So verlangt es die Datenschutzgrundverordnung seit "
                 "einigen Jahren. Bevor ich nicht zugestimmt habe, darf die Seite meine Daten gar nicht verarbeiten. Aber "
                 "hält sich jedes Banner an diese Regeln? Und was ist mit Seiten, die nur informieren, ohne meine "
                 "Einwilligung einzuholen?")
    raw = "\n".join(("Cookie-Banner: Diese Fehler sollten Sie vermeiden", paragraph, "Wozu Cookies dienen"))
    assert paragraph in _kept_and_removed(raw)[1]
    lexicon = bp.load_lexicon()
    statement = paragraph.replace("ohne meine Einwilligung einzuholen?", "Ich gebe meine Einwilligung jederzeit widerruflich.")
    assert rules._prose_guard(paragraph, lexicon) and not rules._prose_guard(statement, lexicon)


def test_an_agenda_after_a_tag_label_stays_but_a_tag_line_goes():
    agenda = ("Themen: Schutz der Trinkwasserreserven im Harz, Einsatz einer Drohne über einer Kundgebung der "
              "Ministerpräsidentin, Pläne der EU für einen gemeinsamen Einlagenfonds")
    tags = "Themen: Landtag, Haushalt, Rente"
    raw = "\n".join(("Regierungspressekonferenz vom 4. Juni 2024", agenda,
                     "Sprecher: Regierungssprecherin Kraus, Lenz (Umwelt), Vogt (Inneres)",
                     "Vorsitzende Albers eröffnet die Pressekonferenz und begrüßt die Regierungssprecherin sowie die Sprecher "
                     "der Ministerien.", tags))
    result, kept, removed = _kept_and_removed(raw)
    assert agenda in kept and tags in removed
    assert not any(n == "label_prefix" for b in result.blocks if b.text == agenda for n, _ in b.signals)


BROKER_CONTACT_PAGE = """Versicherungslexikon
Kontaktformular
Eine persönliche Beratung zu Versicherungen bieten wir in Halle, Merseburg und im Saalekreis an. Seit 2009 betreuen wir Familien und Betriebe in der Region, sagt Inhaber Jan Petersen.
Beispiel Versicherungsmakler GmbH Lindenweg 12 06108 Halle Telefon: 0345-5550142
Amtsgericht: Halle | HRB 12345 | Geschäftsführung: Ole Brandt
USt-IdNr.: DE123456789
Über das Kontaktformular erreichen Sie uns einfach und schnell. Hinterlassen Sie uns eine Nachricht oder Anfrage, wir melden uns so bald wie möglich bei Ihnen.
Ungültige Eingabe
Ungültige Eingabe
Ungültige Eingabe
"""


def test_imprint_register_lines_go_with_the_contact_box_but_the_contact_page_text_stays():
    result, kept, removed = _kept_and_removed(BROKER_CONTACT_PAGE)
    lines = BROKER_CONTACT_PAGE.splitlines()
    assert lines[2] in kept and lines[6] in kept  # the page's own text, also the one addressing the reader
    for line in ("Amtsgericht: Halle | HRB 12345 | Geschäftsführung: Ole Brandt", "USt-IdNr.: DE123456789", lines[3]):
        assert line in removed, line
    people, figures = people_and_figures_of_cleaned(result)
    assert "Ole Brandt" not in people and not any("12345" in f.text or "0345" in f.text for f in figures)


def test_double_opt_in_comment_login_and_skip_link_families_go_but_articles_about_them_stay():
    furniture = [
        "Sprungziele", "Inhaltsnavigation", "Navigationsweiche Anfang", "• Keine Ergebnisse gefunden",
        "Ja, ich möchte den Newsletter erhalten", "Bitte bestätigen Sie jetzt Ihre Anmeldung!",
        "Sie haben keine E-Mail erhalten? Vielleicht ist die Nachricht im Spam-Ordner Ihres Postfachs gelandet.",
        "Sie möchten kommentieren?", "Sie möchten mitdiskutieren? Melden Sie sich an, um Kommentare zu verfassen.",
        "Wenn Sie unsere Pressemitteilungen erhalten möchten, tragen Sie sich gerne in unseren Presseverteiler ein.",
        "Wenn Sie über einen Link auf dieser Seite einen Tarif abschließen, verdient die Beispiel Media GmbH möglicherweise eine Provision.",
    ]
    article = [
        "Die Verbraucherzentrale warnt vor Mails, die im Spam-Ordner landen und zur Bestätigung einer Anmeldung auffordern, sagte Sprecherin Eva Roth.",
        "Fragen Sie in der Redaktion nach, wer für Ihr Thema zuständig ist, und schicken Sie den Text nur an das passende Ressort (siehe Presseverteiler).",
    ]
    _assert_furniture_goes_and_article_stays("Spam-Mails: Worauf Verbraucher achten sollten", article, furniture)


def test_contact_persons_with_roles_names_under_a_label_and_a_bare_contact_label_join_the_box():
    release = ("Der Naturschutzverband startet am Montag seine Frühjahrssammlung in 40 Gemeinden. Die Spenden fließen "
               "in Projekte an Schulen und in den Schutz von Feuchtwiesen, teilte der Verband mit.")
    boxes = [
        ["Kontakt:", "Marlene Vogt, Leiterin Geschäftsstelle Regionalverband Nord", "Tel.: 04321 5566-17, E-Mail: vogt@verband.example"],
        ["Pressekontakt", "Sabine Lorenz", "Nadine Kruse"],
        ["Tobias Ahrens", "Pressesprecher", "0431 555012-11"],
    ]
    for box in boxes:
        raw = "\n".join(("Frühjahrssammlung beginnt", release, *box))
        result, kept, removed = _kept_and_removed(raw)
        assert release in kept and "Frühjahrssammlung beginnt" in kept
        for line in box:
            assert line in removed, (box, line)
        people, _ = people_and_figures_of_cleaned(result)
        assert not people & {"Marlene Vogt", "Sabine Lorenz", "Nadine Kruse", "Tobias Ahrens"}


def test_a_name_with_a_role_in_running_text_or_a_byline_stays():
    raw = "\n".join((
        "Neue Leitung im Klinikum",
        "Von Marlene Vogt",
        "Das Klinikum hat eine neue Geschäftsführerin: Karin Albers, bisher Leiterin der Pflege, übernimmt zum 1. Mai.",
        "Karin Albers, Geschäftsführerin",
        "Sie will die Notaufnahme ausbauen und mehr Pflegekräfte einstellen, sagte Albers am Dienstag in Kiel.",
    ))
    result, kept, removed = _kept_and_removed(raw)
    assert removed == set()


# --------------------------------------------------------------------------- sixth round (issue 18)


@pytest.mark.parametrize("line", [
    "komplette Meldung auf wochenblatt-lindenau.de lesen",
    "Gemeinderatsberichte lesen",
    "Stadtrat beschließt neuen Haushalt weiterlesen",
    "Zum vollständigen Original-Artikel",
    "Link zum Beitrag",
    "Lesen Sie in unserem Live-Ticker die aktuellen Polizeimeldungen aus dem Landkreis",
    "Weitere Infos zum Verband und zu den Leistungen für Mitglieder finden Sie hier >",
    "+ + + Lesen Sie hier die vollständige Pressemitteilung + + +",
    "Den ganzen Artikel lesen: beispielzeitung.de",
    "• Siehe auch das Erklärvideo zur Pressemitteilung",
])
def test_read_on_links_are_found_by_their_grammar(line):
    assert rules.read_on_link(line)


@pytest.mark.parametrize("line", [
    "Warum wir wieder mehr Bücher lesen",
    "Schüler sollen wieder mehr Nachrichten lesen",
    "Zur Lage der Nation",
    "Für Vereine, Parteien und Wählervereinigungen heißt das, Weiterlesen …",
    "Die Leserinnen und Leser können den Bericht ab Montag online lesen.",
    "13. Bayerische Infektionsschutzmaßnahmenverordnung vom 05.06.2021 >>>",
    "Lesen lernen im Ganztag",
])
def test_headlines_and_sentences_with_reading_words_are_no_read_on_links(line):
    assert not rules.read_on_link(line)


def test_link_line_shapes_of_the_sixth_round():
    assert rules.skip_links("Zum Hauptinhalt Zur Suche Zur Kontaktseite Zur Sitemap")
    assert rules.skip_links("Zur Navigation springen Zur Suche springen")
    assert rules.skip_links("Zu Artikeldetails zurückkehren")
    assert not rules.skip_links("Zur Person") and not rules.skip_links("Zum Tod von Helmut Kohl")
    assert rules.alt_text_line("Logo Bundesministerium für Bildung und Forschung") and rules.alt_text_line("author avatar")
    assert not rules.alt_text_line("Das neue Logo der Stadt")
    assert rules.control_line("// Excerpt anzeigen") and rules.control_line("Alle Beiträge auf- oder zuklappen")
    assert not rules.control_line("Wer muss den Schaden anzeigen")
    assert rules.doubled_line("Quelle: eigene Darstellung Quelle: eigene Darstellung") and rules.doubled_line("Laravel Laravel")
    assert not rules.doubled_line("Bora Bora") and not rules.doubled_line("Der Rat tagte.")
    assert rules.office_hours("Servicezeiten: Montag bis Freitag von 08:30 Uhr bis 17:30 Uhr")
    assert rules.office_hours("08.00 bis 12.00 / 13.30 bis 17.00 Uhr")
    assert not rules.office_hours("Am Samstag beginnt das Fest um 14 Uhr auf dem Marktplatz")


def test_text_replaced_by_random_letters_is_a_paywall_but_german_clusters_are_not():
    assert rules.garbled("pe wzrghau dkm hgvfekdrqtlogx rtha gdf lmqe bao tvnqo, wyr ahe rzp säqkl hrdtnbvz pwzc uywkbrn.")
    assert not rules.garbled("Die Angstschweißperlen standen ihm auf der Stirn, als er die Rechnung sah und seufzte.")
    assert not rules.garbled("Strumpfhosen, Kunststoffflaschen und Schwimmbrillen: Der Markt für Sportartikel wächst kräftig.")


ARTICLE_WITH_CONTENTS = "\n".join((
    "Satzung des Fördervereins Stadtbibliothek Lindenau",
    "1. Name und Sitz",
    "2. Zweck des Vereins",
    "3. Mitgliedschaft",
    "4. Beiträge",
    "1. Name und Sitz",
    "Der Verein führt den Namen Förderverein Stadtbibliothek Lindenau und hat seinen Sitz in Lindenau. Er soll in das Vereinsregister eingetragen werden.",
    "2. Zweck des Vereins",
    "Zweck des Vereins ist die Förderung der Stadtbibliothek, insbesondere der Leseförderung von Kindern und Jugendlichen in der Stadt.",
    "3. Mitgliedschaft",
    "Mitglied kann jede natürliche und juristische Person werden, die die Ziele des Vereins unterstützt und einen schriftlichen Antrag stellt.",
))


def test_a_table_of_contents_goes_and_the_headings_it_lists_stay():
    result, kept, removed = _kept_and_removed(ARTICLE_WITH_CONTENTS)
    blocks = result.blocks
    assert [b.is_boilerplate for b in blocks[1:5]] == [True] * 4
    assert all(dict(b.signals).get("contents") for b in blocks[1:5])
    assert not any(b.is_boilerplate for b in blocks[5:])  # the headings of the text and every paragraph
    assert not blocks[0].is_boilerplate  # the title above the contents is no menu item
    _assert_tiling(ARTICLE_WITH_CONTENTS, result)


def test_a_numbered_list_of_the_article_is_no_table_of_contents():
    raw = "\n".join((
        "Was sich im neuen Jahr ändert",
        "Zum 1. Januar treten mehrere Gesetze in Kraft, die Mieter, Pendler und Familien betreffen, teilte das Ministerium mit.",
        "1. Mindestlohn",
        "2. Kindergeld",
        "3. Pendlerpauschale",
        "Der Mindestlohn steigt auf 12,82 Euro, das Kindergeld um fünf Euro, die Pendlerpauschale bleibt unverändert.",
    ))
    result, kept, removed = _kept_and_removed(raw)
    assert {"1. Mindestlohn", "2. Kindergeld", "3. Pendlerpauschale"} <= kept


PAGE_WITH_LINK_FURNITURE = "\n".join((
    "Zum Hauptinhalt Zur Suche Zur Sitemap",
    "Logo Stadtwerke Lindenau",
    "Stadtwerke investieren in neue Wärmenetze",
    "Die Stadtwerke Lindenau wollen bis 2030 rund 45 Millionen Euro in Wärmenetze investieren, sagte Geschäftsführerin Karin Vogt am Montag.",
    "Nach Angaben von Vogt sollen zunächst 1.200 Haushalte im Norden der Stadt angeschlossen werden; der Stadtrat muss noch zustimmen.",
    "Hintergrundinformationen (pdf, 642 KB) stehen zum Download bereit.",
    "komplette Meldung auf stadtwerke-lindenau.de lesen",
    "Pressestelle Stadtwerke Lindenau",
    "Jana Reimers",
    "Tel. 03421 55 08-12",
    "jana.reimers (at) stadtwerke-lindenau (dot) de",
    "Servicezeiten: Montag bis Freitag von 08:30 Uhr bis 17:30 Uhr",
))


def test_link_furniture_and_a_contact_box_with_a_disguised_address_go_and_no_person_or_figure_comes_from_them():
    result, kept, removed = _kept_and_removed(PAGE_WITH_LINK_FURNITURE)
    lines = PAGE_WITH_LINK_FURNITURE.splitlines()
    for line in lines[2:5]:
        assert line in kept, line
    for line in lines[:2] + lines[5:]:
        assert line in removed, line
    assert rules.block_shape("jana.reimers (at) stadtwerke-lindenau (dot) de").contact_strong == 1
    assert rules.block_shape("info[at]stadtwerke-lindenau.de").contact_strong == 1
    assert rules.block_shape("presse @ stadtwerke-lindenau . de").contact_strong == 1
    people, figures = people_and_figures_of_cleaned(result)
    assert "Karin Vogt" in people and "Jana Reimers" not in people
    assert any("45 Millionen Euro" in f.text for f in figures)
    _assert_tiling(PAGE_WITH_LINK_FURNITURE, result)


def test_a_file_name_or_alt_text_on_the_next_line_is_no_hard_wrap():
    raw = "Preetz räumt Irritationen zwischen Hertha und Investor ein\n06935203e8c60ee8b72de9fcdae8ef30.jpg"
    assert len(rules.split_blocks(raw)) == 2
    raw = "Aktienkennzahlen – alle relevanten Kennzahlen erklärt\nauthor avatar"
    assert len(rules.split_blocks(raw)) == 2
    assert rules.block_shape("Regelungen-LKR-Landshut-Grafik-Abtrennung").widget == "code"


def test_english_date_lines_print_source_lines_and_the_time_under_a_date_stay():
    assert rules.parse_date("Jun 12 2023") == "2023-06-12" and rules.parse_date("March 3, 2024") == "2024-03-03"
    raw = "\n".join((
        "Jun 12 2023",
        "11:09",
        "Hackathon am Campus Riedberg",
        "Studierende entwickeln an zwei Tagen neue Funktionen für die App der Universität, teilte die Hochschule am Montag mit.",
        "Erschienen in Ausgabe 3/2008 in der Rubrik Personalien auf Seite 64.",
    ))
    result, kept, removed = _kept_and_removed(raw)
    assert removed == set()
    assert result.date == "2023-06-12"
    assert "byline" in _by_text(result)["Erschienen in Ausgabe 3/2008 in der Rubrik Personalien auf Seite 64."].flags


def test_form_status_messages_and_calls_to_order_go_but_sentences_about_them_stay():
    furniture = [
        "Vielen Dank für Ihre Registrierung. Sie haben jetzt den Aktivierungslink per E-Mail erhalten.",
        "Ihr Benutzerkonto ist aktiviert. Wir wünschen Ihnen viel Lesevergnügen.",
        "Wird geladen...",
        "Das könnte Ihnen auch gefallen:",
        "Jetzt bestellen",
        "Stadtwerke Lindenau - Startseite",
        "Aus Lindenau-Wiki",
    ]
    article = [
        "Der Verlag meldete am Dienstag 20.000 neue Registrierungen für sein Kundenkonto, sagte eine Sprecherin.",
        "Viele Nutzer bestellen inzwischen online, berichtete der Handelsverband; die Zahl der Bestellungen stieg um acht Prozent.",
    ]
    _assert_furniture_goes_and_article_stays("Onlinehandel wächst weiter", article, furniture)


def test_a_junk_run_continues_across_two_short_lines_but_not_across_captions_between_credits():
    from pipeline.boilerplate.rules import _Scored

    def block(text, removed, category="navigation"):
        b = _Scored(0, len(text), text, (), [], category if removed else "other", own_score=0.0, strongest=0.0)
        b.is_boilerplate = removed
        return b

    paragraph = "Die Stadtwerke Lindenau wollen bis 2030 rund 45 Millionen Euro in neue Wärmenetze investieren, hieß es."
    menu = [block(paragraph, False), block("Startseite", True), block("Unternehmen Presse", False),
            block("Karriere Standorte", False), block("Kontakt", True), block(paragraph, False)]
    rules._run_hysteresis(menu, [rules.block_shape(b.text) for b in menu])
    assert [b.is_boilerplate for b in menu] == [False, True, True, True, True, False]
    credits = [block(paragraph, False), block("Bildrechte: dpa", True, "credit"), block("Einfahrt zum Klinikum", False),
               block("von Luca Brandt, Lindenauer Rundschau", False), block("Bildrechte: MDR", True, "credit"), block(paragraph, False)]
    rules._run_hysteresis(credits, [rules.block_shape(b.text) for b in credits])
    assert [b.is_boilerplate for b in credits] == [False, True, False, False, True, False]
    three = [block("Startseite", True), block("Unternehmen", False), block("Presse", False), block("Karriere", False),
             block("Kontakt", True)]
    rules._run_hysteresis(three, [rules.block_shape(b.text) for b in three])
    assert [b.is_boilerplate for b in three] == [True, False, False, False, True]  # a gap of three is no gap


def test_a_sentence_giving_the_publishers_phone_number_goes_but_a_police_appeal_with_a_number_stays():
    assert rules.block_shape("Anmeldung unter (069) 5550-7035").contact_strong == 1
    assert rules.block_shape("Anmeldung unter (069)-5550-7035").contact_strong == 1
    service = "Montags bis Freitags von 08:30 Uhr bis 17:30 Uhr sind wir unter der Nummer (069) 5550-7035 für Sie da."
    appeal = "Die Polizei bittet Zeugen, sich unter der Nummer (0711) 8990-3600 zu melden, teilte ein Sprecher am Montag mit."
    raw = "\n".join((
        "Einbruch in Lagerhalle",
        "Unbekannte sind in der Nacht zu Sonntag in eine Lagerhalle im Gewerbegebiet eingebrochen und haben Werkzeug gestohlen.",
        appeal,
        service,
        "Fragen? Wir freuen uns auf Ihren Anruf.",
    ))
    result, kept, removed = _kept_and_removed(raw)
    assert appeal in kept and service in removed and "Fragen? Wir freuen uns auf Ihren Anruf." in removed
    assert _by_text(result)[service].category == "contact"


def test_a_bracketed_credit_line_and_a_stock_photo_marker_go_but_a_caption_with_its_credit_stays():
    caption = "Der Hamburger Hafen im Abendlicht. (Foto: dpa)"
    raw = "\n".join((
        "Hafen meldet Rekord beim Umschlag",
        "(Foto: REUTERS)",
        "Der Hamburger Hafen hat im vergangenen Jahr so viele Container umgeschlagen wie nie zuvor, teilte die Hafengesellschaft mit.",
        caption,
        "Symbolfoto / Archiv",
        "Die Zahl der Anläufe großer Schiffe stieg nach Angaben des Hafens um vier Prozent auf mehr als 8.000 im Jahr.",
    ))
    result, kept, removed = _kept_and_removed(raw)
    assert {"(Foto: REUTERS)", "Symbolfoto / Archiv"} <= removed and caption in kept
    assert rules.doubled_line("5G unter Kontrolle: Regulierung und Realität 5G unter Kontrolle: Regulierung und Realität")


# ----------------------------------------------------------------------------------- seventh round (issue 18)

STATUTE_WITH_CONTENTS = "\n".join((
    "Satzung",
    "des Kleingartenvereins Am Mühlbach e.V.",
    "Inhaltsübersicht",
    "§ 1 Name, Sitz und Geschäftsjahr",
    "§ 2 Zweck des Vereins",
    "§ 3 Mitgliedschaft",
    "§ 4 Beiträge",
    "§ 5 Organe des Vereins",
    "Der Verein führt den Namen Kleingartenverein Am Mühlbach e.V. und hat seinen Sitz in Lindenau. Er ist im Vereinsregister eingetragen.",
    "Zweck des Vereins ist die Förderung des Kleingartenwesens und der Landschaftspflege, insbesondere durch fachliche Beratung der Mitglieder.",
))


def test_a_labelled_table_of_contents_of_a_statute_goes_though_the_page_is_cut_before_its_sections():
    # the sections are numbered with a section sign and count on from 1 under a contents label; the page prints
    # their text in other words (or was cut), so the titles do not recur
    result, kept, removed = _kept_and_removed(STATUTE_WITH_CONTENTS)
    lines = STATUTE_WITH_CONTENTS.splitlines()
    assert set(lines[2:8]) <= removed
    assert all(dict(b.signals).get("contents") for b in result.blocks[2:8])
    assert {lines[0], lines[1], lines[8], lines[9]} <= kept
    _assert_tiling(STATUTE_WITH_CONTENTS, result)


def test_a_contents_label_with_bracketed_section_numbers():
    raw = "\n".join((
        "Satzung, Spiel- und Platzordnung",
        "Inhaltsverzeichnis der Satzung",
        "§ 1) Name, Sitz und Eintragung",
        "§ 2) Vereinszweck und Gemeinnützigkeit",
        "§ 3) Mitgliedschaft - Erwerb / Beendigung",
        "§ 4) Austritt",
        "Gegründet wurde der Verein am 27. März 1984; er hat seinen Sitz in Lilienthal und ist im Vereinsregister eingetragen.",
    ))
    result, kept, removed = _kept_and_removed(raw)
    assert set(raw.splitlines()[1:6]) <= removed
    assert {raw.splitlines()[0], raw.splitlines()[6]} <= kept


def test_an_agenda_that_skips_numbers_is_no_table_of_contents():
    # the public items of a council meeting (4 to 7 were closed): a selection whose items head the minutes below
    raw = "\n".join((
        "Öffentliche Sitzung der Gemeindevertretung, 19:02 Uhr bis 22:53 Uhr",
        "TOP-Nr. Bezeichnung",
        "1 Feststellung der Formalitäten",
        "2 Mitteilungen",
        "3 Beitritt zum Landschaftspflegeverband",
        "8 Anmietung eines Gebäudes",
        "9 Verschiedenes",
        "1. Feststellung der Formalitäten",
        "Der Vorsitzende eröffnet um 19:02 Uhr die öffentliche Sitzung und begrüßt die Anwesenden; die Einladung war form- und fristgerecht.",
    ))
    result, kept, removed = _kept_and_removed(raw)
    assert set(raw.splitlines()[2:7]) <= kept


def test_a_numbered_list_under_an_overview_label_in_a_news_text_stays():
    raw = "\n".join((
        "Was sich im neuen Jahr ändert",
        "Zum 1. Januar treten mehrere Gesetze in Kraft, die Mieter, Pendler und Familien betreffen, teilte das Ministerium mit.",
        "Übersicht:",
        "1. Mindestlohn",
        "2. Kindergeld",
        "3. Pendlerpauschale",
        "Der Mindestlohn steigt auf 12,82 Euro, das Kindergeld um fünf Euro, die Pendlerpauschale bleibt unverändert.",
    ))
    result, kept, removed = _kept_and_removed(raw)
    assert {"1. Mindestlohn", "2. Kindergeld", "3. Pendlerpauschale"} <= kept


def test_a_paragraph_with_a_glued_read_on_link_keeps_its_text():
    # round 8 counted this line as a lost paragraph: only the link block after the excerpt is removed, the text stays
    raw = ("Ich kenne die Nöte von Verlagen und Verlegern und halte Zeitungen für unverzichtbar für eine demokratische "
           "Informationsversorgung. Wir sind in manchen Regionen heute schon die einzigen Anbieter. Auch deshalb machen… Weiterlesen")
    result = bp.clean_document(raw)
    assert "für eine demokratische Informationsversorgung." in result.clean_text
    assert "Auch deshalb machen…" in result.clean_text
    assert [b.text for b in result.removed_blocks] in ([], ["Weiterlesen"])


def test_rows_of_a_price_widget_go_and_a_price_in_a_sentence_stays():
    raw = "\n".join((
        "Die Aktie des Landtechnikhändlers schloss am Freitag bei 39,93 Euro, ein Minus von 0,15 Prozent, teilte die Börse mit.",
        "Aktienkurse regionaler Unternehmen",
        "BAYWA 39,93 -0,15%",
        "BHS tabletop 10,80 ±0,00%",
        "E.ON 13,70 +0,66%",
        "KRONES 66,33 +0,65%",
        "Analysten rechnen für das kommende Jahr mit einem leichten Anstieg des Umsatzes, sagte ein Sprecher des Unternehmens.",
    ))
    result, kept, removed = _kept_and_removed(raw)
    lines = raw.splitlines()
    assert set(lines[2:6]) <= removed
    assert {lines[0], lines[6]} <= kept
    two_rows = "\n".join((lines[0], lines[2], lines[3], lines[6]))  # two rows are no widget for this rule
    assert not any(dict(b.signals).get("price_widget") for b in bp.clean_document(two_rows).blocks)


def test_forum_counters_with_their_value_go():
    raw = "\n".join((
        "Ich habe am Montag einen Bußgeldbescheid bekommen, obwohl ich an dem Tag gar nicht mit dem Auto unterwegs war.",
        "Beiträge: 21408",
        "Beigetreten: 24.09.2003",
        "Mitglieds-Nr.: 175",
        "Das kommt öfter vor, als man denkt: Lege Einspruch ein und verlange das Foto der Messung, dann klärt sich das meistens.",
    ))
    result, kept, removed = _kept_and_removed(raw)
    lines = raw.splitlines()
    assert set(lines[1:4]) <= removed
    assert {lines[0], lines[4]} <= kept


def test_a_source_line_and_a_section_number_stay_content():
    raw = "\n".join((
        "Die Landesregierung will die Förderung für kleine Handwerksbetriebe im kommenden Jahr deutlich aufstocken, sagte der Minister.",
        "I.",
        "Der Verein verfolgt ausschließlich und unmittelbar gemeinnützige Zwecke im Sinne der Abgabenordnung und ist selbstlos tätig.",
        "Quelle: FAZ",
    ))
    result, kept, removed = _kept_and_removed(raw)
    assert {"I.", "Quelle: FAZ"} <= kept
    assert "Quelle: REUTERS" in _kept_and_removed(raw.replace("Quelle: FAZ", "Quelle: REUTERS"))[2]  # an agency credit goes


def test_two_headlines_above_a_section_of_the_article_are_no_teaser_run():
    raw = "\n".join((
        "In diesem Leitfaden stelle ich Ihnen die wichtigsten Kennzahlen für einen Online-Shop vor, mit Formeln und Beispielen.",
        "Übersicht der sechs Kennzahl-Bereiche im Onlinehandel mit Finanzen und Marketing",
        "Die sechs Kernbereiche der Kennzahlen im Onlinehandel",
        "Warum Kennzahlen im Onlinehandel unverzichtbar sind",
        "Viele Händler machen einen grundlegenden Fehler: Sie achten nur auf den Umsatz, der aber wenig über die Gesundheit eines Geschäfts sagt.",
    ))
    result, kept, removed = _kept_and_removed(raw)
    assert {raw.splitlines()[2], raw.splitlines()[3]} <= kept


def test_a_heading_numbered_on_two_levels_is_not_sandwiched():
    # the regex that exempts it from the context pass: two levels, then a word (a date "1.12.2023" is no heading)
    assert bp.rules._SUBSECTION_HEADING.match("1.1. Kursiver Text")
    assert bp.rules._SUBSECTION_HEADING.match("2.3 Ziele des Vorhabens")
    assert not bp.rules._SUBSECTION_HEADING.match("1. Bayern") and not bp.rules._SUBSECTION_HEADING.match("1.12.2023 Termin")


def test_a_numbered_overview_of_quoted_and_asked_headlines_is_a_table_of_contents():
    raw = "\n".join((
        "Hier finden Sie einen Überblick über lesenswerte Beiträge aus anderen Medien, jeweils mit einem kurzen Kommentar von uns.",
        "1. Das fatale Zerrbild vom Nachbarland",
        "2. „Wir haben großes Glück, dass es so langsam geht“",
        "3. Welcher Schutz gilt für Verbraucherinnen und Verbraucher?",
        "4. Erntearbeit: Hohes Risiko für wenig Geld",
        "1. Das fatale Zerrbild vom Nachbarland",
        "Die Berichterstattung über das Nachbarland zeichnet seit Wochen ein Bild, das mit der Lage vor Ort wenig zu tun hat, schreibt die Zeitung.",
    ))
    result, kept, removed = _kept_and_removed(raw)
    lines = raw.splitlines()
    assert set(lines[2:5]) <= removed and all(not b.is_boilerplate for b in result.blocks[5:])
    # a numbered sentence ending on a full stop is the text's own point, not a title: the list is no contents
    point = "2. Die Preise für Strom und Gas sind im vergangenen Jahr in allen Ländern deutlich gestiegen."
    points = raw.replace("2. „Wir haben großes Glück, dass es so langsam geht“", point)
    assert point in _kept_and_removed(points)[1]


# ----------------------------------------------------------------------------------- eighth round (issue 18, r8b)

COUNCIL_PAGE = "\n".join((
    "Gemeinderat Lindenau",
    "Der Gemeinderat ist die gewählte Vertretung der Bürgerinnen und Bürger und entscheidet über alle wichtigen Angelegenheiten der Gemeinde.",
    "Er bildet für einzelne Aufgaben Ausschüsse, die Beschlüsse des Rates vorbereiten oder in seinem Auftrag selbst entscheiden.",
    "Ausschüsse des Rates",
    "Ständige Ausschüsse",
    "- Bauausschuss",
    "- Schulausschuss",
    "- Sozialausschuss",
    "- Umweltausschuss",
    "Beiräte",
    "- Seniorenbeirat",
    "- Ausschuss für Kultur, Sport und Ehrenamt",
    "- Ausschuss für Digitalisierung und Bürgerservice",
))


def test_short_items_of_a_longer_list_of_the_text_are_no_menu():
    # the committees of a council page: the short items continue as longer items of the same bullet, so the run is
    # the text's list (round 9 lost nine such lines)
    result, kept, removed = _kept_and_removed(COUNCIL_PAGE)
    assert set(COUNCIL_PAGE.splitlines()) <= kept
    _assert_tiling(COUNCIL_PAGE, result)


def test_a_bulleted_footer_menu_after_the_article_still_goes():
    # the same bullets, but no longer item continues the list: a footer menu
    raw = "\n".join((
        "Gemeinderat Lindenau",
        "Der Gemeinderat ist die gewählte Vertretung der Bürgerinnen und Bürger und entscheidet über alle wichtigen Angelegenheiten der Gemeinde.",
        "Er bildet für einzelne Aufgaben Ausschüsse, die Beschlüsse des Rates vorbereiten oder in seinem Auftrag selbst entscheiden.",
        "- Impressum",
        "- Datenschutz",
        "- Kontakt",
        "- Barrierefreiheit",
        "- Sitemap",
    ))
    lines = raw.splitlines()
    _, kept, removed = _kept_and_removed(raw)
    assert set(lines[3:]) <= removed and set(lines[:3]) <= kept
    assert rules.list_continues([], [], 0, -1) is False


def test_a_list_of_people_with_their_roles_is_the_page_s_content():
    raw = "\n".join((
        "Unser Vorstand",
        "Martina Vogel",
        "Vorsitzende",
        "Jürgen Hahn",
        "Stellvertretender Vorsitzender",
        "Sabine Roth",
        "Schriftführerin",
        "Thomas Krüger",
        "Kassenwart",
        "Der Vorstand wird von der Mitgliederversammlung für zwei Jahre gewählt und trifft sich einmal im Monat im Vereinsheim.",
    ))
    _, kept, removed = _kept_and_removed(raw)
    assert set(raw.splitlines()) <= kept
    assert rules.people_list(raw.splitlines()[1:9])
    # names without roles (a filter list of authors) or one author in a box are no such list
    assert not rules.people_list(["Nadja Katz", "Moritz Serif", "Helena Gries", "Jonas Weber"])
    assert not rules.people_list(["Autor", "Kai Lindemann", "Faktenchecker"])
    assert rules.person_line("Dr. Bernd Exempel") and not rules.person_line("Krypto Presales")


def test_a_document_kind_in_capitals_is_a_title_and_a_rubric_in_capitals_still_goes():
    raw = "\n".join((
        "STATUTEN",
        "des Musikvereins Talheim",
        "§ 1 Name und Sitz",
        "Der Verein führt den Namen Musikverein Talheim und hat seinen Sitz in Talheim. Er ist politisch und konfessionell unabhängig.",
    ))
    _, kept, _ = _kept_and_removed(raw)
    assert "STATUTEN" in kept and rules.genre_label("SATZUNG")


def test_a_price_or_rate_with_decimals_is_a_data_value_and_ticker_changes_stay_widgets():
    for value in ("19,99 €", "3,50 %", "0,19%", "€ 4,90"):
        assert rules.block_shape(value).widget == "", value
    for widget in ("-100%", "0,0", "100%", "332,40 EUR 5,30 EUR 1,62%"):
        assert rules.block_shape(widget).widget, widget
    raw = "\n".join((
        "Tagesgeld im Vergleich",
        "Top-Zins für Neukunden",
        "3,50 %",
        "Anlagebetrag: 10.000 €, Zinsertrag im ersten Jahr: 350,00 €, täglich verfügbar",
        "Die Zinsen für Tagesgeld sind in den vergangenen Monaten gesunken, weil die Notenbank den Leitzins zweimal gesenkt hat.",
    ))
    _, kept, _ = _kept_and_removed(raw)
    assert "3,50 %" in kept


OFFER_PAGE = "\n".join((
    "Neues Hallenbad kostet mehr als geplant",
    "Der Bau des Hallenbads in Talheim wird rund zwei Millionen Euro teurer als geplant, teilte die Stadtverwaltung am Montag mit.",
    "Grund seien gestiegene Preise für Stahl und Haustechnik, sagte Bürgermeisterin Anja Roth im Bauausschuss.",
    "Weiterlesen mit",
    "Unser Digital-Abo",
    "• Zugriff auf alle Artikel der Region",
    "• Jederzeit kündbar",
    "*danach 7,99 € mtl.",
))


def test_the_offer_box_of_a_paywall_prompt_goes_with_it():
    result, kept, removed = _kept_and_removed(OFFER_PAGE)
    lines = OFFER_PAGE.splitlines()
    assert set(lines[3:]) <= removed and set(lines[:3]) <= kept
    assert all(b.category == "subscription" for b in result.blocks[3:])
    _assert_tiling(OFFER_PAGE, result)


def test_a_paywall_prompt_followed_by_the_article_takes_nothing_with_it():
    # no price, no second prompt, no subscription phrase after it: the heading below is the article's
    raw = "\n".join((
        "Jetzt abonnieren",
        "Stadtrat vertagt Entscheidung",
        "Der Stadtrat hat die Entscheidung über das neue Gewerbegebiet am Dienstagabend vertagt, weil noch Gutachten fehlen.",
        "Die Fraktionen wollen im März erneut beraten, kündigte der Vorsitzende des Bauausschusses an.",
    ))
    _, kept, removed = _kept_and_removed(raw)
    assert set(raw.splitlines()[1:]) <= kept


def test_advertising_markers_in_dashes_and_sponsored_posts_go_an_article_about_ads_stays():
    article = (
        "Die Zeitung kennzeichnet bezahlte Beiträge künftig deutlicher als Anzeige, sagte die Chefredakteurin am Mittwoch.",
        "Der Presserat hatte zuvor mehrere Beschwerden über Schleichwerbung in Regionalzeitungen geprüft.",
    )
    _assert_furniture_goes_and_article_stays("Presserat rügt Schleichwerbung", article, ("- Anzeige -", "Sponsored Post*", "*** ANZEIGE ***"))


def test_a_lone_contents_label_goes_and_a_contents_label_over_a_list_stays():
    raw = "\n".join((
        "Inhalt",
        "Warum müssen Prepaid-Karten registriert werden?",
        "Seit Juli 2017 müssen Käufer einer Prepaid-Karte ihren Ausweis vorlegen, bevor die Karte freigeschaltet wird.",
    ))
    _, kept, removed = _kept_and_removed(raw)
    assert "Inhalt" in removed and set(raw.splitlines()[1:]) <= kept
    magazine = "\n".join((
        "Magazin für Kommunikation",
        "Inhalt",
        "Zehn Jahre Pressestelle",
        "Seite 20",
        "Aus dem Grundschulalter ist unser Magazin heraus, schreibt der Herausgeber im Vorwort zur neuen Ausgabe.",
    ))
    _, kept, _ = _kept_and_removed(magazine)
    assert "Inhalt" in kept


def test_press_portal_distribution_lines_and_teaser_headings_go():
    article = (
        "Das Land fördert kleinere Städte und Gemeinden mit einem neuen Programm, teilte das Innenministerium am Dienstag mit.",
        "Im ersten Jahr stehen dafür 18 Millionen Euro bereit, die Kommunen können ab sofort Anträge stellen.",
    )
    furniture = ("Diese Pressemitteilung wurde bisher 512 mal aufgerufen.", "News-ID 48213", "Anzahl Zeichen: 1840",
                 "Meistgelesene Artikel")
    _assert_furniture_goes_and_article_stays("Neues Förderprogramm für kleinere Städte", article, furniture)


def test_a_numbered_title_alone_at_the_top_is_no_breadcrumb():
    raw = "\n".join((
        "4. Mitgliederversammlung",
        "Rückblick auf die 4. Mitgliederversammlung des Fördervereins",
        "Rund sechzig Mitglieder kamen am Samstag ins Gemeindehaus, wo der Vorstand über das vergangene Jahr berichtete.",
    ))
    _, kept, _ = _kept_and_removed(raw)
    assert set(raw.splitlines()) <= kept
    crumbs = "\n".join(("1. lokalblatt-de", "2. Bayern", raw.splitlines()[1], raw.splitlines()[2]))
    _, _, removed = _kept_and_removed(crumbs)
    assert {"1. lokalblatt-de", "2. Bayern"} <= removed


def test_numbered_clauses_of_a_statute_are_no_about_blurb():
    # Round 10: the numbered clauses of a club statute ("01.1 Der 1921 gegründete Verein heißt …") below the site's
    # menu read like a self-description ("gegründet"), but statutes number their clauses and blurbs never do.
    raw = (
        "SV Beispielhausen\n#WIRSINDDERSV\n"
        "§ 1 NAME, SITZ UND GESCHÄFTSJAHR\n"
        "01.1 Der 1921 gegründete Verein führt den Namen „Sportverein Beispielhausen e.V.“.\n"
        "01.2 Der Verein hat seinen Sitz in Beispielhausen und ist im Vereinsregister des Amtsgerichts eingetragen.\n"
        "01.3 Das Geschäftsjahr ist das Kalenderjahr.\n"
        "(2) Die Vereinsfarben sind Grün und Weiß.\n"
        "§ 2 ZWECK DES VEREINS\n"
        "02.1 Zweck des Vereins ist die Förderung des Sports; er verfolgt ausschließlich gemeinnützige Zwecke.\n"
    )
    result = bp.clean_document(raw)
    clauses = [b for b in result.blocks if b.text[:4] in ("01.1", "01.2", "01.3", "(2) ", "02.1")]
    assert len(clauses) == 5 and not any(b.is_boilerplate for b in clauses)


def test_about_blurb_after_contact_box_is_still_removed():
    raw = (
        "Die Stadtwerke senken zum Jahreswechsel die Gaspreise um acht Prozent, teilte das Unternehmen am Montag mit.\n"
        "Pressekontakt:\nStadtwerke Beispielstadt GmbH\nJana Muster\nTel.: 0711 555-0100\nE-Mail: presse@stadtwerke.example\n"
        "Die Stadtwerke Beispielstadt wurden 1899 gegründet und versorgen heute rund 120.000 Kunden mit Strom, Gas und Wasser.\n"
    )
    result = bp.clean_document(raw)
    blurb = next(b for b in result.blocks if b.text.startswith("Die Stadtwerke Beispielstadt wurden"))
    assert blurb.is_boilerplate and blurb.category == "about"


def test_board_list_of_a_club_is_content_but_a_press_contact_box_is_removed():
    # Round 10: the board of an association on its own page ("1. Vorsitzende: …", "Schatzmeister: …") is who holds
    # which office, the page's content; a press contact box names a spokesperson and is furniture.
    board = (
        "Der Turnverein Beispielhausen wurde 1908 gegründet und zählt heute rund 600 Mitglieder in neun Abteilungen.\n"
        "Vorstand\n1. Vorsitzende: Petra Muster\nTel: 05555-10001\n2. Vorsitzender: Karl Beispiel\n"
        "Schriftführerin: Anne Probe, Tel: 05555-10003\nSchatzmeister: Frank Exempel\n"
    )
    blocks = {b.text: b for b in bp.clean_document(board).blocks}
    for line in ("1. Vorsitzende: Petra Muster", "2. Vorsitzender: Karl Beispiel",
                 "Schriftführerin: Anne Probe, Tel: 05555-10003", "Schatzmeister: Frank Exempel"):
        assert "office" in blocks[line].flags and not blocks[line].is_boilerplate
    press = (
        "Der Verband fordert eine schnellere Genehmigung von Windrädern, sagte die Vorsitzende am Dienstag in Kiel.\n"
        "Pressekontakt:\nPressesprecherin: Jana Muster\nTel.: 0431 555-0100\nE-Mail: presse@verband.example\n"
    )
    removed = [b.text for b in bp.clean_document(press).blocks if b.is_boilerplate]
    assert "Pressesprecherin: Jana Muster" in removed and "E-Mail: presse@verband.example" in removed


def test_price_table_rows_and_gazette_references_are_no_teaser_run():
    # Round 10: a shop's shipping costs and a list of law-gazette references are tables of the page, not headlines
    # of other articles (a teaser list after the article still goes: test_teaser_list_after_the_article_is_removed).
    shop = (
        "Wir versenden alle Bestellungen innerhalb von zwei Werktagen, Abholung im Laden ist nach Absprache möglich.\n"
        "Versandart Deutschland EU\nPayPal (Deutschland) 4,90 € 4,90 €\nVorauskasse (Deutschland) 4,90 € 4,90 €\n"
        "PayPal (EU) 15,00 € 15,00 €\nVorauskasse (EU) 15,00 € 15,00 €\n"
    )
    assert not [b.text for b in bp.clean_document(shop).blocks if b.is_boilerplate and "€" in b.text]
    law = (
        "Das Landesgesetz über die Jagd wurde seit seinem Erlass mehrfach geändert; die Änderungen sind hier aufgeführt.\n"
        "LGBl. Nr. 12/2009 Landesgesetzblatt Nr. 12 aus 2009, Änderung der Schonzeiten\n"
        "LGBl. Nr. 40/2013 Landesgesetzblatt Nr. 40 aus 2013, Anpassung an das Tierschutzrecht\n"
        "LGBl. Nr. 7/2019 Landesgesetzblatt Nr. 7 aus 2019, Neuregelung der Abschusspläne\n"
    )
    assert not [b.text for b in bp.clean_document(law).blocks if b.is_boilerplate]
