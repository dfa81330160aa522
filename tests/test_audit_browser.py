"""The audit report in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright):
highlights exist, search and filters change the list and every summary, clicks fill the side
panel, verdicts are recorded by click and by key, survive a reload and export to a CSV that
`audit score` reads and a rerun carries over; hostile text never runs; a 5,000-claim report is
opened and its load time measured (printed and saved to artifacts/, never asserted as a timing).
Screenshots of the sample run go to artifacts/audit-screenshot.png."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from pipeline.audit import AUDIT_HTML, read_sheet, write_audit
from pipeline.evaluation.audit import score_report
from pipeline.load import load
from tests.conftest import ROOT
from tests.tables_fixture import FACH, PARIS, write_tables

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.slow  # a real browser: `make test` (CI) runs these, `make test-fast` does not
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOT = ROOT / "artifacts" / "audit-screenshot.png"
SCALE_REPORT = ROOT / "artifacts" / "audit-scale.json"

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium; .ci/run installs it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")


@pytest.fixture(scope="module")
def browser():
    # Playwright starts Chromium with a fresh temporary --user-data-dir; every new_page() gets its own
    # context (own localStorage), so a test sees only the verdicts it recorded itself.
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def _open(browser, html_path: Path, viewport=(1400, 1000), timing: list | None = None):
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    requests: list[str] = []
    # file: (the report), data: and blob: (the export download) never leave the machine
    page.on("request", lambda request: requests.append(request.url) if not request.url.startswith(("file:", "data:", "blob:")) else None)
    started = time.perf_counter()
    page.goto(html_path.as_uri())
    page.wait_for_selector("body[data-ready=true]")
    if timing is not None:
        timing.append(round(1000 * (time.perf_counter() - started)))
    return page, errors, requests


@pytest.fixture
def report(browser, tmp_path):
    out = write_tables(tmp_path / "processed")
    write_audit(out)
    page, errors, requests = _open(browser, out / AUDIT_HTML)
    yield page
    page.close()
    assert errors == [] and requests == []


def _visible_rows(page) -> list[str]:
    return page.eval_on_selector_all("#claim-list .claimrow", "rows => rows.map(r => r.dataset.claim)")


def _claim_index(page, claim_id: str) -> str:
    return str(page.evaluate("id => JSON.parse(document.getElementById('audit-data').textContent).claims.findIndex(c => c.id === id)", claim_id))


def _open_claim(page, claim_id: str) -> None:
    page.locator(f'#claim-list .claimrow[data-claim="{_claim_index(page, claim_id)}"] .cid').click()


def _has_class(page, text: str, cls: str) -> bool:
    return page.locator("#doc-view .doctext .seg", has_text=text).first.evaluate("(el, cls) => el.classList.contains(cls)", cls)


def _chart(page) -> dict[str, str]:
    names = page.locator("#chart .bar-name").all_inner_texts()
    counts = page.locator("#chart .bar-n").all_inner_texts()
    return dict(zip(names, counts))


def _counts(page, fieldset: str) -> dict[str, str]:
    return dict(
        zip(
            page.eval_on_selector_all(f"#{fieldset} input", "xs => xs.map(x => x.value)"),
            page.locator(f"#{fieldset} .count").all_inner_texts(),
        )
    )


def test_highlights_exist_and_hostile_text_is_inert(report):
    page = report
    assert page.locator("#doc-view .doctext").count() == 0  # documents open on demand
    _open_claim(page, f"{PARIS}:C1")
    for cls in ("msg", "cue", "spk", "msg2"):
        assert page.locator(f"#doc-view .doctext .seg.{cls}").count() > 0, cls
    assert page.evaluate("[window.__pwned, window.__pwnedName, window.__pwnedBp]") == [None, None, None]
    assert "<script>window.__pwned=1</script>" in page.locator(f"#doc-view [data-doc='{PARIS}'] .doctext").inner_text()
    assert page.locator(".doctext img").count() == 0
    assert page.locator("#shown-count").inner_text() == "6"
    assert page.locator("#claim-list .claimrow").count() == 6


def test_form_filter_hides_claims_and_every_summary_follows(report):
    page = report
    _open_claim(page, f"{PARIS}:C1")
    c1 = _claim_index(page, f"{PARIS}:C1")
    assert c1 in _visible_rows(page) and _has_class(page, "Wir stellen", "msg")
    assert _chart(page)["J.D. Vance"] == "2" and _counts(page, "f-resolution")["pronoun"] == "(1)"
    page.locator("#f-form").get_by_label("direct", exact=False).first.uncheck()  # 'direct (2)': C1 and C4
    assert len(_visible_rows(page)) == 4 and c1 not in _visible_rows(page)
    assert not _has_class(page, "Wir stellen", "msg") and page.locator("#shown-count").inner_text() == "4"
    assert "Ursula von der Leyen" not in _chart(page) and _counts(page, "f-resolution")["pronoun"] == "(0)"
    assert "not reviewed: 4" in page.locator("#verdict-summary").inner_text()
    page.locator("#f-form").get_by_label("direct", exact=False).first.check()
    assert len(_visible_rows(page)) == 6 and _has_class(page, "Wir stellen", "msg")


def test_search_over_claims_speakers_and_documents_changes_the_summaries(report):
    page = report
    search = page.locator("#f-search")
    search.fill("köhn")
    assert _visible_rows(page) == [_claim_index(page, f"{FACH}:C1")]
    assert _chart(page) == {"Marina Köhn": "1"} and _counts(page, "f-form")["indirect"] == "(1)" and _counts(page, "f-form")["direct"] == "(0)"
    search.fill("Kohn")  # the search folds accents too, as readers type them
    assert len(_visible_rows(page)) == 1
    search.fill("Milliarden")  # words of a message
    assert _visible_rows(page) == [_claim_index(page, f"{PARIS}:C1")]
    search.fill(FACH)  # a document id
    assert len(_visible_rows(page)) == 1
    search.fill("vance optimismus")  # every word must match
    assert sorted(_visible_rows(page)) == sorted([_claim_index(page, f"{PARIS}:C2"), _claim_index(page, f"{PARIS}:C3")])
    search.fill("")
    page.locator("#f-doc").select_option(PARIS)
    assert len(_visible_rows(page)) == 5 and "Marina Köhn" not in _chart(page)


def test_speaker_resolution_and_confidence_filters(report):
    page = report
    page.locator("#chart .bar", has_text="J.D. Vance").click()
    assert sorted(_visible_rows(page)) == sorted([_claim_index(page, f"{PARIS}:C2"), _claim_index(page, f"{PARIS}:C3")])
    assert list(_chart(page)) == ["J.D. Vance"] and page.locator("#chart .bar.active").count() == 1
    _open_claim(page, f"{PARIS}:C2")
    assert _has_class(page, "mit Optimismus", "msg") and not _has_class(page, "Tom O'Brien", "spk")
    page.locator("#f-reset").click()
    # The report re-applies the filters just after the form reset; wait for it without page-side eval (CSP).
    sync_api.expect(page.locator("#claim-list .claimrow")).to_have_count(6)
    page.locator("#f-resolution").get_by_label("pronoun").uncheck()
    assert _claim_index(page, f"{PARIS}:C1") not in _visible_rows(page) and len(_visible_rows(page)) == 5
    page.locator("#f-resolution").get_by_label("pronoun").check()
    page.locator("#f-conf").fill("0.8")
    assert sorted(_visible_rows(page)) == sorted(_claim_index(page, c) for c in (f"{PARIS}:C1", f"{PARIS}:C2", f"{FACH}:C1"))
    assert page.locator("#f-conf-value").inner_text() == "0.80"


def test_clicking_a_claim_shows_speaker_entity_antecedent_and_evidence(report):
    page = report
    _open_claim(page, f"{PARIS}:C2")
    page.locator("#doc-view .doctext .seg.spk", has_text="sie").click()
    panel = page.locator("#panel-body")
    text = panel.inner_text()
    assert "sie (pronoun)" in text and "Ursula von der Leyen (PER" in text and "EU-Kommissionspräsidentin" in text
    assert "antecedent" in text and "50 Milliarden Euro" in text and "0.85" in text
    assert page.locator("#doc-view .doctext .seg.ant", has_text="Ursula von der Leyen").count() == 1
    # Nested claims: the first click picks the inner quote, the next one the enclosing indirect claim.
    quote = page.locator("#doc-view .doctext .seg", has_text="mit Optimismus statt Beklommenheit").first
    quote.click()
    assert f"{PARIS}:C3 · mixed" in panel.inner_text()
    quote.click()
    assert f"{PARIS}:C2 · indirect" in panel.inner_text()
    # The hostile speaker name is shown as text in the panel.
    page.locator("#doc-view .doctext .seg.spk", has_text="Der Blogger").click()
    assert "<script>window.__pwnedName=1</script>" in panel.inner_text()
    # Another document opens when one of its claims is chosen (key n walks through the list).
    _open_claim(page, f"{FACH}:C1")
    assert page.locator(f"#doc-view [data-doc='{FACH}']").count() == 1 and page.locator(f"#doc-view [data-doc='{PARIS}']").count() == 0


def _row(page, claim_id):
    return page.locator(f'#claim-list .claimrow[data-claim="{_claim_index(page, claim_id)}"]')


def test_verdicts_by_click_and_key_persist_export_and_score(browser, tmp_path):
    out = write_tables(tmp_path / "processed")
    write_audit(out)
    page, errors, requests = _open(browser, out / AUDIT_HTML)
    progress = page.locator("#progress-text")
    assert progress.inner_text() == "0 of 6 reviewed"
    # by click: the quick button in the list row, and the panel's button
    _row(page, f"{PARIS}:C1").locator("button[data-verdict=correct]").click()
    assert progress.inner_text() == "1 of 6 reviewed" and _row(page, f"{PARIS}:C1").locator(".vlabel").inner_text() == "correct"
    _open_claim(page, f"{PARIS}:C4")
    page.locator("#verdict-buttons button[data-verdict=wrong_speaker]").click()
    assert page.locator("#verdict-buttons button.active").inner_text().endswith("wrong speaker")
    # by key: select C2, press 3 (wrong span), which moves on to the next claim (C3), press 4
    _open_claim(page, f"{PARIS}:C2")
    page.locator("body").press("3")
    assert f"{PARIS}:C3 · mixed" in page.locator("#panel-body").inner_text()
    page.keyboard.press("4")
    # a comment with c, leaving the field with Escape; then 5 on the claim the list moved to
    _open_claim(page, f"{PARIS}:C5")
    page.keyboard.press("c")
    page.keyboard.type("=Gruppe, kein Sprecher")
    page.keyboard.press("Escape")
    page.keyboard.press("5")
    assert progress.inner_text() == "5 of 6 reviewed"
    assert "correct: 1" in page.locator("#verdict-summary").inner_text() and "not reviewed: 1" in page.locator("#verdict-summary").inner_text()
    page.locator("#f-status").select_option("unreviewed")
    assert _visible_rows(page) == [_claim_index(page, f"{FACH}:C1")]
    page.locator("#f-status").select_option("")

    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert progress.inner_text() == "5 of 6 reviewed"
    labels = {cid: _row(page, cid).locator(".vlabel").inner_text() for cid in (f"{PARIS}:C1", f"{PARIS}:C2", f"{PARIS}:C3", f"{PARIS}:C4", f"{PARIS}:C5")}
    assert labels == {f"{PARIS}:C1": "correct", f"{PARIS}:C2": "wrong span", f"{PARIS}:C3": "wrong form", f"{PARIS}:C4": "wrong speaker", f"{PARIS}:C5": "not a claim"}
    _open_claim(page, f"{PARIS}:C5")
    assert page.locator("#note").input_value() == "=Gruppe, kein Sprecher"
    # clicking the active verdict again takes it back
    _row(page, f"{PARIS}:C1").locator("button[data-verdict=correct]").click()
    _row(page, f"{PARIS}:C1").locator("button[data-verdict=correct]").click()
    assert progress.inner_text() == "5 of 6 reviewed"

    page.locator("#export-sep").select_option(";")
    with page.expect_download() as download_info:
        page.locator("#export").click()
    exported = tmp_path / "audit-verdicts.csv"
    download_info.value.save_as(exported)
    raw = exported.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfclaim_id;doc_id;")
    rows = {r["claim_id"]: r for r in read_sheet(exported)}
    assert len(rows) == 6 and rows[f"{PARIS}:C5"]["note"] == "=Gruppe, kein Sprecher"  # neutralised in the file, read back
    assert b"'=Gruppe" in raw
    report = score_report(exported)
    assert "5 of 6 claims reviewed" in report
    assert "verdicts: correct 1, wrong_speaker 1, wrong_span 1, wrong_form 1, not_a_claim 1" in report
    assert "attribution accuracy (speaker right, of real claims): 3/4 = 75.0%" in report
    assert errors == [] and requests == []
    page.close()

    # a rerun carries the exported verdicts over, and a fresh browser shows them from the page itself
    summary = write_audit(out, verdicts=exported)
    assert "5 verdicts imported" in summary
    page, errors, requests = _open(browser, out / AUDIT_HTML)  # a new context: nothing in localStorage
    assert page.locator("#progress-text").inner_text() == "5 of 6 reviewed"
    assert _row(page, f"{PARIS}:C3").locator(".vlabel").inner_text() == "wrong form"
    assert errors == [] and requests == []
    page.close()
    assert sum(1 for r in read_sheet(out / "audit.csv") if r["verdict"]) == 5


def test_sample_run_report_and_screenshot(browser, tmp_path):
    """Every claim of the sample run is highlighted in its document; the screenshot shows the Paris article."""
    from tests.sample_run import copy_outputs

    out = copy_outputs(tmp_path / "processed")
    write_audit(out)
    page, errors, requests = _open(browser, out / AUDIT_HTML, viewport=(1400, 1500))
    claims = page.evaluate("JSON.parse(document.getElementById('audit-data').textContent).claims")
    n_rows = sum(1 for _ in open(out / "claims.csv", encoding="utf-8")) - 1
    assert len(claims) == len(load(out).claims) and len(claims) <= n_rows
    assert page.locator("#claim-list .claimrow").count() == min(50, len(claims))
    for doc in sorted({c["doc"] for c in claims}):
        page.locator("#f-doc").select_option(doc)
        first = next(c for c in claims if c["doc"] == doc)
        _open_claim(page, first["id"])
        for i, claim in enumerate(claims):
            if claim["doc"] == doc and claim["span"][1] > claim["span"][0]:
                assert page.locator(f'#doc-view .doctext .seg[data-a~="m{i}"]').count() > 0, claim["id"]
    page.locator("#f-doc").select_option("ki-aktionsgipfel-paris")
    order = [i for i, c in enumerate(claims) if c["doc"] == "ki-aktionsgipfel-paris"]
    order.sort(key=lambda i: ("Leyen" not in claims[i]["speaker"], claims[i]["span"][0]))
    if order:
        _open_claim(page, claims[order[0]]["id"])
        page.locator("#verdict-buttons button[data-verdict=correct]").click()
        assert page.locator("#panel-body").is_visible()
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000
    assert errors == [] and requests == []
    page.close()


# --------------------------------------------------------------------------- 5,000 claims

SURNAMES = "Albrecht Brandt Dietrich Engel Fuchs Graf Hartmann Jung Keller Lorenz Möller Neumann Otto Pohl Roth Schäfer Thiel Vogt Weiß Ziegler".split()
FIRST = "Anna Bernd Carola Dieter Elke Frank Gisela Holger Ines Jörg Katrin Lars Monika Nils Olga Peter Ruth Stefan Tanja Uwe".split()
ROLES = "Ministerin Sprecher Verbandschef Bürgermeisterin Ökonom Gewerkschafterin Abgeordneter Professorin".split()
TOPICS = ["die Netzentgelte", "der Ausbau der Windkraft", "die Förderung von Wärmepumpen", "der Nahverkehr", "die Grundsteuer", "die Kita-Gebühren", "der Breitbandausbau", "die Krankenhausreform"]
VERBS = ["sagte", "betonte", "erklärte", "kritisierte", "warnte"]


def _synthetic_corpus(n_claims: int, claims_per_doc: int = 15, seed: int = 21):
    """Realistic German news snippets with computed offsets: a speaker named once, then quoted."""
    rng = random.Random(seed)
    rows = {name: [] for name in ("documents", "boilerplate", "mentions", "entities", "claims", "figures", "errors")}
    texts = {}
    n_docs = (n_claims + claims_per_doc - 1) // claims_per_doc
    made = 0
    for d in range(n_docs):
        doc_id = f"meldung-{d:04d}"
        parts, claims = [], []
        position = 0
        people = rng.sample(range(len(SURNAMES)), 4)
        for k, person in enumerate(people):
            name = f"{FIRST[person]} {SURNAMES[person]}"
            intro = f"{ROLES[(person + d) % len(ROLES)]} {name} äußerte sich am Montag in Berlin. "
            parts.append(intro)
            start = position + intro.index(name)
            rows["entities"].append({"doc_id": doc_id, "entity_id": f"{doc_id}:E{k + 1}", "label": "PER", "canonical_name": name, "n_mentions": 1,
                                     "roles": (ROLES[(person + d) % len(ROLES)],), "global_id": f"per:{name.lower().replace(' ', '-')}"})
            rows["mentions"].append({"doc_id": doc_id, "mention_id": f"{doc_id}:M{k + 1}", "entity_id": f"{doc_id}:E{k + 1}", "text": name, "label": "PER",
                                     "start_char": start, "end_char": start + len(name), "sent_index": len(parts) - 1, "link_method": "full_name"})
            position += len(intro)
        for j in range(min(claims_per_doc, n_claims - made)):
            k = j % 4
            person = people[k]
            surname = SURNAMES[person]
            topic = TOPICS[(j + d) % len(TOPICS)]
            verb = VERBS[j % len(VERBS)]
            message = f"{topic} müsse bis {2026 + j % 5} um {5 + j % 20} Prozent günstiger werden"
            sentence = f"{surname} {verb}, {message}. "
            s0 = position
            claims.append({
                "doc_id": doc_id, "claim_id": f"{doc_id}:C{j + 1}", "sent_index": len(parts), "form": ["indirect", "direct", "reported", "according_to"][j % 4],
                "claim_text": message, "start_char": s0 + len(surname) + len(verb) + 3, "end_char": s0 + len(surname) + len(verb) + 3 + len(message),
                "cue_lemma": verb, "cue_text": verb, "cue_start_char": s0 + len(surname) + 1, "cue_end_char": s0 + len(surname) + 1 + len(verb),
                "speaker_text": surname, "speaker_start_char": s0, "speaker_end_char": s0 + len(surname),
                "speaker_entity_id": f"{doc_id}:E{k + 1}", "speaker_name": f"{FIRST[person]} {surname}", "speaker_resolution": "alias",
                "addressee_text": None, "confidence": round(0.3 + 0.05 * (j % 14), 2), "evidence": "subject+ccomp | cue=" + verb,
            })
            parts.append(sentence)
            position += len(sentence)
            made += 1
        text = "".join(parts)
        texts[doc_id] = text
        rows["claims"] += claims
        rows["documents"].append({"doc_id": doc_id, "path": f"{doc_id}.txt", "encoding": "utf-8", "newlines": "LF", "sha256": "0" * 64,
                                  "n_bytes": len(text.encode()), "n_chars": len(text), "date": f"2025-{1 + d % 12:02d}-{1 + d % 28:02d}",
                                  "chars_kept": len(text), "chars_removed": 0, "n_sentences": len(parts), "n_tokens": len(text.split())})
    return rows, texts


def test_report_of_5000_claims_opens_pages_and_searches(browser, tmp_path):
    """Functional at scale; the load time is measured and recorded (see README), not asserted."""
    rows, texts = _synthetic_corpus(5000)
    out = write_tables(tmp_path / "processed", rows, texts)
    for claim in rows["claims"][:50]:
        assert texts[claim["doc_id"]][claim["start_char"]:claim["end_char"]] == claim["claim_text"]
    started = time.perf_counter()
    write_audit(out)
    build_s = time.perf_counter() - started
    size = (out / AUDIT_HTML).stat().st_size
    timings = []
    for _ in range(3):
        wall: list[int] = []
        page, errors, requests = _open(browser, out / AUDIT_HTML, timing=wall)
        ready_ms = int(page.locator("body").get_attribute("data-ready-ms"))
        timings.append((ready_ms, wall[0]))
        if len(timings) < 3:
            page.close()
    assert page.locator("#shown-count").inner_text() == "5000"
    assert page.locator("#claim-list .claimrow").count() == 50
    assert "of 5000 · page 1 of 100" in page.locator("#page-info").inner_text()
    started = time.perf_counter()
    page.locator("#f-search").fill("Möller Netzentgelte")
    sync_api.expect(page.locator("#shown-count")).not_to_have_text("5000")
    search_ms = 1000 * (time.perf_counter() - started)
    shown = int(page.locator("#shown-count").inner_text())
    expected = sum(1 for c in rows["claims"] if c["speaker_name"].endswith("Möller") and c["claim_text"].startswith("die Netzentgelte"))
    assert shown == expected > 0 and list(_chart(page)) == [f"{FIRST[SURNAMES.index('Möller')]} Möller"]
    page.locator("#f-search").fill("")
    started = time.perf_counter()
    page.locator("#page-next").click()
    sync_api.expect(page.locator("#page-info")).to_contain_text("page 2 of 100")
    page_ms = 1000 * (time.perf_counter() - started)
    started = time.perf_counter()
    page.locator("#claim-list .claimrow .cid").first.click()
    sync_api.expect(page.locator("#doc-view .doctext")).to_have_count(1)
    open_doc_ms = 1000 * (time.perf_counter() - started)
    page.keyboard.press("1")
    assert page.locator("#progress-text").inner_text() == "1 of 5000 reviewed"
    assert errors == [] and requests == []
    page.close()
    result = {
        "claims": 5000, "documents": len(texts), "html_bytes": size, "build_s": round(build_s, 2),
        "ready_ms_from_navigation_start": [t[0] for t in timings], "goto_until_ready_wall_ms": [t[1] for t in timings],
        "search_ms": round(search_ms), "next_page_ms": round(page_ms), "open_document_ms": round(open_doc_ms),
    }
    SCALE_REPORT.parent.mkdir(exist_ok=True)
    SCALE_REPORT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print("\naudit report at scale:", json.dumps(result))
