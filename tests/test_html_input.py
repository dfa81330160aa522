"""HTML pages as input: visible text, trafilatura's decision aligned back, metadata, errors, and the full pipeline.

The pages in tests/html_pages/ are hand-written (invented towns, people and sites), modelled on the layout of
German news and press pages: menu, cookie banner, share bar, related links, comments, footer, contact box.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from pipeline import boilerplate

from pipeline.ingest import html as html_input

from pipeline.run import runner
from pipeline.ingest.files import Document, IngestProblem, doc_id_for, ingest_directory

PAGES = Path(__file__).resolve().parent / "html_pages"

# doc ids of the files the run fixture writes (files in sub-folders get a hash of their path, see ingest.doc_id_for)
TXT_ID, HTML_ID, BOESE_ID = (doc_id_for(p) for p in ("txt/rheinbruecke.txt", "html/rheinbruecke.html", "html/boese.html"))


def _page(name: str) -> html_input.Page:
    return html_input.read_page((PAGES / name).read_bytes())


def _clean(page: html_input.Page) -> boilerplate.CleanResult:
    fields = html_input.page_fields(page)
    return boilerplate.clean_document(page.text, predecided=html_input.predecided_blocks(fields))


def _block_containing(result: boilerplate.CleanResult, fragment: str) -> boilerplate.Block:
    matches = [b for b in result.blocks if fragment in b.text]
    assert len(matches) == 1, (fragment, [b.text for b in matches])
    return matches[0]


def test_predecided_spans_decide_the_blocks_they_mostly_cover_and_the_classifier_the_rest():
    text = "Startseite | Politik | Sport\n\nDer Rat beschloss am Montag den Haushalt für 2026.\n\nMehr zum Thema: Haushalt"
    menu_end = text.index("\n")
    teaser = text.index("Mehr zum Thema")
    signals = ((html_input.EXTRACTOR_SIGNAL, html_input.EXTRACTOR_WEIGHT),)
    # The second span covers only "Mehr zum" of the last line: less than half, so that line stays the classifier's.
    result = boilerplate.clean_document(text, predecided=[(0, menu_end, "navigation", signals), (teaser, teaser + 8, "other", signals)])
    menu, article, last = result.blocks
    assert menu.is_boilerplate and menu.category == "navigation" and dict(menu.signals)["html_extractor"] == 3.0
    assert not article.is_boilerplate and "html_extractor" not in dict(last.signals)
    assert boilerplate.clean_document(text, strip=False, predecided=[(0, menu_end, "navigation", signals)]).removed_blocks == []


# --------------------------------------------------------------------------- hand-written pages


NEWS_ARTICLE_PARAGRAPHS = [
    "Die marode Rheinbrücke in Kleinbergen wird ab dem Sommer",
    "„Wir können die Brücke nicht noch zehn Jahre flicken“, sagte Oberbürgermeister Thomas Lindner",
    "Nach Angaben des Tiefbauamts passieren täglich etwa 26.000 Fahrzeuge",
    "Die Grünen-Fraktionschefin Sabine Krüger kritisierte",
    "Laut Landesverkehrsministerium übernimmt das Land 60 Prozent",
    "Der Bund der Steuerzahler warnte",
]


def test_news_article_keeps_every_paragraph_and_removes_the_furniture():
    page = _page("news_article.html")
    result = _clean(page)
    for fragment in NEWS_ARTICLE_PARAGRAPHS + ["Stadtrat beschließt Sanierung der Rheinbrücke", "Von Miriam Hofmann", "Stand: 14.03.2025"]:
        assert not _block_containing(result, fragment).is_boilerplate, fragment
    furniture = {
        "Wir verwenden Cookies": "cookie",
        "Alle akzeptieren Einstellungen": "cookie",
        "Startseite": "navigation",
        "Teilen Facebook WhatsApp": "social",
        "Mehr zum Thema": None,
        "Verkehrschaos auf der B9": None,
        "Kommentare (2)": None,
        "Endlich passiert was!": None,
        "rausgeschmissenes Geld": None,
        "Impressum": "navigation",
        "© 2025 Kleinberger Rundschau GmbH": None,
    }
    for fragment, category in furniture.items():
        block = _block_containing(result, fragment)
        assert block.is_boilerplate, fragment
        assert dict(block.signals)[html_input.EXTRACTOR_SIGNAL] == html_input.EXTRACTOR_WEIGHT
        assert set(block.flags) & {"classifier_boilerplate", "classifier_content"}  # the classifier's own verdict
        if category:
            assert block.category == category, (fragment, block.category)
    for block in result.blocks:
        assert page.text[block.start_char : block.end_char] == block.text
    # The comments are left out although their words are ordinary German sentences: the extractor decided.
    assert "rausgeschmissenes" not in result.clean_text and "Rheinbrücke in Kleinbergen" in result.clean_text


def test_news_article_visible_text_drops_scripts_styles_and_joins_wrapped_source_lines():
    page = _page("news_article.html")
    assert "dataLayer" not in page.text and "position: fixed" not in page.text
    assert "Der Stadtrat stimmte am Donnerstagabend" in page.text  # a source line break inside <p> is a space
    assert "„Wir können" in page.text  # numeric entities decoded
    assert "rund 48 Millionen Euro" in page.text  # &nbsp; becomes a space, as in a browser's plain-text copy


def test_news_article_metadata():
    meta = _page("news_article.html").metadata
    assert meta["title"] == "Stadtrat beschließt Sanierung der Rheinbrücke für 48 Millionen Euro"
    assert meta["author"] == "Miriam Hofmann"
    assert meta["page_date"] == "2025-03-14"
    assert meta["site_name"] == "Kleinberger Rundschau"
    assert meta["canonical_url"] == "https://www.kleinberger-rundschau.example/lokales/rheinbruecke-sanierung-100.html"
    assert meta["page_language"] == "de"


def test_press_release_keeps_the_release_and_removes_contact_box_downloads_and_menus():
    page = _page("press_release.html")
    result = _clean(page)
    for fragment in ("Nordheim, 20. Februar 2025.", "sagte Geschäftsführerin Dr. Katrin Vogel", "Ein Wechsel des Tarifs", "unter dem Durchschnitt"):
        assert not _block_containing(result, fragment).is_boilerplate, fragment
    for fragment in ("Pressekontakt", "Hafenstraße 12", "Telefon: 05551", "E-Mail: presse@", "Pressemitteilung als PDF", "Privatkunden | Geschäftskunden", "Start › Presse"):
        assert _block_containing(result, fragment).is_boilerplate, fragment
    assert _block_containing(result, "Start › Presse").category == "navigation"
    assert page.metadata["page_date"] == "2025-02-20" and page.metadata["site_name"] == "Stadtwerke Nordheim"
    assert page.metadata["page_language"] == "de-de"


ISO_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">
<title>Gemeinderat Süßen</title></head><body><div class="navi">Übersicht | Bürgerservice | Rathaus</div>
<h1>Gemeinderat Süßen stimmt für größeren Bauhof</h1>
<p>Der Gemeinderat von Süßen hat am Dienstag den Neubau des Bauhofs beschlossen. Die Kosten liegen bei 3,2 Millionen Euro.</p>
<p>Bürgermeister Jörg Weißenbach sagte, die alte Halle sei für die Fahrzeuge längst zu klein geworden.</p>
<p>Die Arbeiten sollen im Frühjahr beginnen und gut ein Jahr dauern.</p></body></html>"""


@pytest.mark.parametrize("declaration", ['<meta charset="iso-8859-1">', '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'])
def test_iso_8859_1_page_is_decoded_from_its_declaration(declaration):
    source = ISO_PAGE.replace('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', declaration)
    data = source.encode("latin-1")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    page = html_input.read_page(data)
    assert page.encoding == "cp1252"  # the Encoding Standard reads ISO-8859-1 labels as windows-1252
    assert "Gemeinderat Süßen stimmt für größeren Bauhof" in page.text
    assert "Bürgermeister Jörg Weißenbach sagte" in page.text
    assert "\ufffd" not in page.text
    result = _clean(page)
    assert _block_containing(result, "Übersicht | Bürgerservice").is_boilerplate
    assert not _block_containing(result, "Jörg Weißenbach").is_boilerplate


def test_utf8_bytes_under_an_iso_8859_1_declaration_are_read_as_utf8():
    page = html_input.read_page(ISO_PAGE.encode("utf-8"))
    assert page.encoding == "utf-8" and "Gemeinderat Süßen stimmt für größeren Bauhof" in page.text
    assert [p.problem for p in page.problems] == ["html_charset"]


def test_page_without_declaration_is_detected_as_windows_1252():
    data = ISO_PAGE.replace('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "").encode("cp1252")
    page = html_input.read_page(data)
    assert page.encoding == "cp1252" and "Süßen" in page.text


def test_wrong_declaration_falls_back_to_detection_with_a_warning():
    data = ISO_PAGE.replace("ISO-8859-1", "utf-8").encode("latin-1")
    page = html_input.read_page(data)
    assert "Süßen" in page.text
    assert [p.problem for p in page.problems] == ["html_charset"]


BROKEN_PAGE = """<html><head><title>Kreistag streitet über Kliniken</title>
<body><div class="menu"><ul><li>Start<li>Region<li>Kultur</ul>
<div class="text"><h1>Kreistag streitet über Kliniken</h1>
<p>Der Kreistag hat am Mittwoch über die Zukunft der drei Kreiskliniken beraten. Eine Entscheidung fiel nicht.
<p>Landrat Peter Möller sagte, ohne Zuschüsse des Landes sei der Standort Altdorf nicht zu halten.</b></span>
<p>Die Opposition verlangte ein unabhängiges Gutachten <i>noch vor der Sommerpause</p>
<p>Die nächste Sitzung ist für den 12. Juni geplant.</div></div></td>
<div class="footer">Impressum · Kontakt"""


def test_broken_markup_is_repaired_and_the_article_kept():
    page = html_input.read_page(BROKEN_PAGE.encode("utf-8"))
    result = _clean(page)
    for fragment in ("Der Kreistag hat am Mittwoch", "Landrat Peter Möller sagte", "unabhängiges Gutachten noch vor der Sommerpause", "12. Juni geplant"):
        assert not _block_containing(result, fragment).is_boilerplate, fragment
    assert _block_containing(result, "Impressum · Kontakt").is_boilerplate
    for block in result.blocks:
        assert page.text[block.start_char : block.end_char] == block.text


def test_badly_broken_markup_is_reported_but_read():
    tangled = "".join(f"<p>Absatz {i} mit <b>fettem <i>Text</b> und</i> mehr</span></div>.</p>" for i in range(40))
    page = html_input.read_page(f"<html><body>{tangled}</body></html>".encode())
    assert "html_broken_markup" in [p.problem for p in page.problems]
    assert "Absatz 39 mit fettem Text und mehr." in page.text


def test_end_tags_of_void_elements_are_not_counted_as_broken_markup():
    head = "".join(f'<meta name="k{i}" content="v"></meta><link rel="x{i}"></link>' for i in range(40))
    page = html_input.read_page(f"<html><head>{head}</head><body><p>Der Rat tagt.</p></body></html>".encode())
    assert page.problems == ()


def test_markup_nested_beyond_the_parser_limit_is_named_as_the_problem():
    deep = "<div>" * 3000 + "<p>Verloren in der Tiefe.</p>" + "</div>" * 3000
    with pytest.raises(html_input.NotReadable) as caught:
        html_input.read_page(f"<html><body>{deep}</body></html>".encode())
    assert caught.value.problem == "html_broken" and "nested deeper" in caught.value.message
    page = html_input.read_page(f"<html><body><p>Der Kreistag tagt am Montag.</p>{deep}</body></html>".encode())
    assert page.text.startswith("Der Kreistag tagt am Montag.")
    assert [p.problem for p in page.problems] == ["html_broken_markup"]


# --------------------------------------------------------------------------- unreadable pages -> errors rows


UNREADABLE = {
    "frames.html": ("<html><head><title>Start</title></head><frameset cols='20%,80%'><frame src='menu.html'><frame src='inhalt.html'></frameset></html>", "html_frames"),
    "iframe.htm": ("<html><body><iframe src='https://example.org/artikel'></iframe></body></html>", "html_frames"),
    "nobody.html": ("<!DOCTYPE html><html><head><title>Leer</title><meta charset='utf-8'></head></html>", "html_no_body"),
    "app.html": ("<!DOCTYPE html><html><head><script>" + "var a=1;" * 200 + "</script></head><body><div id='root'></div></body></html>", "html_script_only"),
    "data.html": ('{"titel": "Kein HTML", "text": "Das ist JSON unter einem HTML-Namen."}', "not_html"),
    "notiz.html": ("Nur eine Notiz als reiner Text, ohne jede Auszeichnung.\nZweite Zeile.", "not_html"),
}


def test_unreadable_pages_become_one_clear_problem_each(tmp_path):
    for name, (content, _) in UNREADABLE.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    (tmp_path / "scan.html").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    shutil.copy(PAGES / "news_article.html", tmp_path / "artikel.html")
    result = ingest_directory(tmp_path)
    assert [d.path for d in result.documents] == ["artikel.html"]
    problems = {p.path: p for p in result.problems}
    for name, (_, code) in UNREADABLE.items():
        assert problems[name].problem == code, (name, problems[name])
        assert problems[name].fatal and problems[name].message
    assert problems["scan.html"].problem == "binary"


def test_huge_inline_scripts_are_reported_and_the_text_still_read():
    script = "<script>" + "x=1;" * 300_000 + "</script>"
    page = html_input.read_page(f"<html><head>{script}</head><body><p>{'Der Haushalt wurde beschlossen. ' * 20}</p></body></html>".encode())
    assert [p.problem for p in page.problems] == ["html_huge_scripts"]
    assert page.text.startswith("Der Haushalt wurde beschlossen.") and "x=1" not in page.text


def test_recall_setting_keeps_at_least_what_precision_keeps_and_a_wrong_setting_is_an_error(tmp_path):
    shutil.copy(PAGES / "news_article.html", tmp_path / "artikel.html")
    removed = {}
    for favour in html_input.EXTRACTOR_MODES:
        (document,) = ingest_directory(tmp_path, html_favour=favour).documents
        removed[favour] = {tuple(r[:2]) for r in document.page["removed"]}
    assert removed["recall"] <= removed["precision"]
    with pytest.raises(ValueError, match="unknown HTML extractor setting 'fast'"):
        ingest_directory(tmp_path, html_favour="fast")


# --------------------------------------------------------------------------- visible text


def test_visible_text_blocks_breaks_tables_pre_and_hidden_elements():
    root, _, _ = html_input.parse_html(
        "<html><body><div>Erste Zeile<br>zweite Zeile</div><p>Ein <span>Absatz</span>  mit\n\t Leerraum.</p>"
        "<ul><li>Punkt eins</li><li>Punkt zwei</li></ul><table><tr><td>Jahr</td><td>Betrag</td></tr><tr><td>2024</td><td>12 Mio.</td></tr></table>"
        "<pre>a  b\n  c</pre><div hidden>versteckt</div><p style='display: none'>unsichtbar</p><template>Vorlage</template>"
        "<noscript>Bitte JavaScript aktivieren</noscript><p>Ende</p></body></html>"
    )
    visible = html_input.visible_text(root)
    assert visible.text == (
        "Erste Zeile\nzweite Zeile\n\nEin Absatz mit Leerraum.\n\nPunkt eins\nPunkt zwei\n\nJahr Betrag\n2024 12 Mio.\n\na  b\n  c\n\nEnde"
    )
    assert [visible.text[l.start : l.end] for l in visible.lines][:3] == ["Erste Zeile", "zweite Zeile", "Ein Absatz mit Leerraum."]
    assert html_input.visible_text(root).text == visible.text  # deterministic


# --------------------------------------------------------------------------- alignment


def _kept_lines(visible: str, main_text: str) -> list[str]:
    kept = html_input.align(visible, main_text)
    lines = []
    for m in re.finditer(r"[^\n]+", visible):
        chars = [kept[i] for i in range(m.start(), m.end()) if not visible[i].isspace()]
        if chars and sum(chars) / len(chars) >= 0.5:
            lines.append(m.group())
    return lines


def test_alignment_takes_the_repeated_line_inside_the_article_not_the_one_in_the_menu():
    visible = "Politik\nWirtschaft\nSport\n\nWahl in Altdorf: Amtsinhaber vorn\n\nPolitik\n\nDer Amtsinhaber gewann mit 54 Prozent der Stimmen.\n\nSport\n\nPolitik\nImpressum"
    main = "Wahl in Altdorf: Amtsinhaber vorn\nPolitik\nDer Amtsinhaber gewann mit 54 Prozent der Stimmen."
    kept = html_input.align(visible, main)
    first_politik = visible.index("Politik")
    second_politik = visible.index("Politik", visible.index("Wahl"))
    assert not kept[first_politik] and kept[second_politik]
    assert _kept_lines(visible, main) == ["Wahl in Altdorf: Amtsinhaber vorn", "Politik", "Der Amtsinhaber gewann mit 54 Prozent der Stimmen."]


def test_alignment_ignores_rewrapping_entities_list_markers_and_table_bars():
    visible = "Menü\n\nDie Stadt  plant\u00a0neue Radwege &\u00ad Busspuren.\n\nPunkt eins\nPunkt zwei\n\nJahr\tBetrag\n2024\t12 Mio.\n\nFußzeile"
    main = "Die Stadt plant neue\nRadwege & Busspuren.\n- Punkt eins\n- Punkt zwei\n| Jahr | Betrag |\n| 2024 | 12 Mio. |"
    assert _kept_lines(visible, main) == ["Die Stadt  plant\u00a0neue Radwege &\u00ad Busspuren.", "Punkt eins", "Punkt zwei", "Jahr\tBetrag", "2024\t12 Mio."]


def test_alignment_finds_a_line_the_extractor_changed_slightly_by_fuzzy_match():
    visible = "Start | Region\n\nDer Landrat sagte am Montag: „Wir bauen die Klinik aus.“\n\nKontakt"
    main = 'Der Landrat sagte am Montag: "Wir bauen die Klinik aus."'  # quotes normalised by an extractor
    assert _kept_lines(visible, main) == ["Der Landrat sagte am Montag: „Wir bauen die Klinik aus.“"]


def test_alignment_of_nothing_keeps_nothing():
    assert not any(html_input.align("Menü\nText", ""))


# --------------------------------------------------------------------------- full pipeline


@pytest.fixture(scope="module")
def html_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("html_run")
    raw = base / "raw"
    (raw / "txt").mkdir(parents=True)
    (raw / "html").mkdir()
    shutil.copy(PAGES / "news_article.txt", raw / "txt" / "rheinbruecke.txt")
    shutil.copy(PAGES / "news_article.html", raw / "html" / "rheinbruecke.html")
    shutil.copy(PAGES / "malicious.html", raw / "html" / "boese.html")
    (raw / "html" / "frames.html").write_text(UNREADABLE["frames.html"][0], encoding="utf-8")
    cfg = runner.RunConfig(input_dir=raw, output_dir=base / "processed", interim_dir=base / "interim", on_warning=lambda m: None)
    summary = runner.run_all(cfg)
    return cfg, summary


def _rows(cfg, table: str) -> list[dict[str, str]]:
    with open(cfg.output_dir / f"{table}.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _texts(cfg) -> dict[str, str]:
    with open(cfg.output_dir / "texts.jsonl", encoding="utf-8") as fh:
        return {r["doc_id"]: r["text"] for r in map(json.loads, fh)}


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_html_article_gives_the_same_claims_entities_and_figures_as_the_clean_text(html_run):
    cfg, _ = html_run
    by_doc = lambda table, key: {d: sorted(key(r) for r in _rows(cfg, table) if r["doc_id"] == d) for d in (TXT_ID, HTML_ID)}
    claims = by_doc("claims", lambda r: (_norm(r["claim_text"]), r["form"], r["cue_lemma"], r["speaker_name"], r["speaker_resolution"]))
    assert claims[TXT_ID] and claims[HTML_ID] == claims[TXT_ID]
    entities = by_doc("entities", lambda r: (r["canonical_name"], r["label"], r["roles"]))
    assert entities[TXT_ID] and entities[HTML_ID] == entities[TXT_ID]
    figures = by_doc("figures", lambda r: (_norm(r["text"]), r["value"], r["unit"], r["kind"]))
    assert figures[TXT_ID] and figures[HTML_ID] == figures[TXT_ID]
    # ... and none of the comments or teasers reached the extraction tables.
    assert not [r for r in _rows(cfg, "mentions") if r["doc_id"] == HTML_ID and r["text"] in ("Heinz_K.", "B9")]


def test_every_offset_of_the_html_documents_points_into_their_raw_text(html_run):
    cfg, _ = html_run
    texts = _texts(cfg)
    spans = {"boilerplate": [("text", "start_char", "end_char")], "mentions": [("text", "start_char", "end_char")],
             "claims": [("claim_text", "start_char", "end_char"), ("cue_text", "cue_start_char", "cue_end_char")],
             "figures": [("text", "start_char", "end_char")]}
    checked = 0
    for table, columns in spans.items():
        for row in _rows(cfg, table):
            for text, start, end in columns:
                if row[start]:
                    assert texts[row["doc_id"]][int(row[start]) : int(row[end])] == row[text]
                    checked += 1
    assert checked > 40


def test_documents_table_carries_page_metadata_and_is_empty_for_text(html_run):
    cfg, _ = html_run
    docs = {r["doc_id"]: r for r in _rows(cfg, "documents")}
    html_doc, txt_doc = docs[HTML_ID], docs[TXT_ID]
    assert html_doc["title"].startswith("Stadtrat beschließt Sanierung") and html_doc["author"] == "Miriam Hofmann"
    assert html_doc["site_name"] == "Kleinberger Rundschau" and html_doc["page_date"] == "2025-03-14"
    assert html_doc["canonical_url"].startswith("https://www.kleinberger-rundschau.example/") and html_doc["page_language"] == "de"
    assert html_doc["date"] == "2025-03-14"
    assert all(txt_doc[c] == "" for c in html_input.PAGE_COLUMNS)
    assert int(html_doc["chars_removed"]) > 500
    removed = [r for r in _rows(cfg, "boilerplate") if r["doc_id"] == HTML_ID]
    assert all("html_extractor=3" in r["signals"] for r in removed if "Kommentare" in r["text"] or "Impressum" in r["text"])


def test_page_date_is_the_document_date_when_the_text_has_no_dateline(html_run):
    cfg, _ = html_run
    docs = {r["doc_id"]: r for r in _rows(cfg, "documents")}
    assert docs[BOESE_ID]["date"] == "2025-05-02"  # from <meta property="article:published_time">


def test_unreadable_page_is_an_error_row_and_the_run_goes_on(html_run):
    cfg, summary = html_run
    errors = _rows(cfg, "errors")
    assert [(e["path"], e["problem"]) for e in errors if e["path"] == "html/frames.html"] == [("html/frames.html", "html_frames")]
    assert summary.partial and HTML_ID in summary.processed


def test_malicious_markup_never_reaches_the_audit_report_unescaped(html_run):
    from pipeline.audit import write_audit

    cfg, _ = html_run
    texts = _texts(cfg)
    assert "<script>alert('Text')</script>" in texts[BOESE_ID]  # shown as text on the page, so it is raw text
    assert "document.cookie" not in texts[BOESE_ID]  # the page's real script is never text
    write_audit(cfg.output_dir)
    report = (cfg.output_dir / "audit.html").read_text(encoding="utf-8")
    for attack in ("<script>alert", "onerror=alert", "<img src=x", "javascript:alert", "<iframe", "</textarea><script"):
        assert attack not in report, attack
    assert "&lt;script&gt;alert(" in report  # the text is there, escaped
