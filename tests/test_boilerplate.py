"""Boilerplate stage: block splitting, multi-signal decisions, metadata lines, audit trail, user phrases."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pipeline import boilerplate as bp
from pipeline.evaluation import boilerplate as bp_eval

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
