"""The clean stage's block classifier (issue 18): shipped weights, their reproduction, decisions on a realistic page."""

from __future__ import annotations

import pytest

import pipeline.boilerplate as bp
from pipeline.boilerplate import classifier, train
from tests.conftest import people_and_figures_of_cleaned

NEWS_PAGE = """Wir verwenden Cookies und ähnliche Technologien, um Inhalte zu personalisieren und Zugriffe zu analysieren. Mit Klick auf „Alle akzeptieren“ willigen Sie ein.
Alle akzeptieren
Einstellungen
Zum Inhalt springen
Startseite
Politik
Wirtschaft
Lokales
Sport
Anmelden
Datenschutz im Rathaus: Stadt zahlt Bußgeld
Stand: 14.03.2025, 10:12 Uhr
Von Miriam Lenz
Die Stadt Talheim muss wegen eines Datenlecks im Bürgeramt ein Bußgeld von 48.000 Euro zahlen. Das teilte die Landesdatenschutzbeauftragte Katrin Ohlsen am Donnerstag mit.
Nach ihren Angaben waren Meldedaten von rund 2.300 Menschen über Monate ohne Passwort abrufbar. Oberbürgermeister Henrik Falk sagte, die Lücke sei geschlossen und alle Betroffenen würden angeschrieben.
Auch die Cookies auf der städtischen Internetseite stehen in der Kritik: Die Verbraucherzentrale bemängelt, dass Besucher der Werbung nicht wirksam widersprechen können.
Der Newsletter der Stadt, den 9.000 Menschen abonniert haben, soll künftig ohne Tracking verschickt werden, kündigte Falk an.
Jetzt weiterlesen mit Abo
Sie haben bereits ein Abo? Hier anmelden
Mehr zum Thema
Landkreis prüft eigene Server nach Hackerangriff
Schulen bekommen neue Lernplattform
Artikel teilen
Impressum
Datenschutz
AGB
Kontakt
"""

ARTICLE = NEWS_PAGE.splitlines()[10:17]
FURNITURE = ("Alle akzeptieren", "Einstellungen", "Zum Inhalt springen", "Startseite", "Politik", "Wirtschaft",
             "Lokales", "Sport", "Jetzt weiterlesen mit Abo", "Mehr zum Thema", "Artikel teilen", "Impressum", "AGB")


def test_shipped_weights_load_and_name_every_feature():
    model = classifier.load_model()
    assert model.names == bp.FEATURES and len(model.weights) == len(bp.FEATURES)
    assert 0.0 < model.threshold < 1.0
    assert classifier.MODEL_FILE.read_text(encoding="utf-8").startswith("# ")


def test_a_weights_file_that_does_not_match_the_features_is_refused(tmp_path):
    path = tmp_path / "w.tsv"
    path.write_text("# test\nname\tvalue\n__bias__\t0\nwords_log\t1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="retrain"):
        classifier.read_model(path)


def test_shipped_weights_reproduce_from_the_development_corpus():
    """Refit with the shipped configuration (L2, feature set) on eval/: the same weights (the full grid search of
    `make boilerplate-model` chose that configuration; it is not rerun here)."""
    shipped = classifier.load_model()
    docs = train.development_docs()
    config = {"l2": shipped.l2, "features": "all" if shipped.rule_evidence else "without_rule_evidence",
              "threshold": shipped.threshold, "smoothing": shipped.smoothing, "rules_or_model": shipped.rules_or_model}
    refit = train.fit_final(docs, config)
    assert refit.bias == pytest.approx(shipped.bias, abs=1e-3)
    assert refit.weights == pytest.approx(shipped.weights, abs=1e-3)


def test_realistic_page_keeps_every_article_line_and_drops_the_furniture():
    result = bp.clean_document(NEWS_PAGE)
    kept = {b.text for b in result.blocks if not b.is_boilerplate}
    removed = {b.text for b in result.removed_blocks}
    for line in ARTICLE:  # paragraphs about Datenschutz, Cookies, Werbung, Newsletter; title, date line, byline
        assert line in kept, line
    for line in FURNITURE:
        assert line in removed, line
    assert NEWS_PAGE.splitlines()[0] in removed  # the consent banner at the top
    assert result.date == "2025-03-14"


def test_every_decision_names_the_classifier_and_its_strongest_features():
    result = bp.clean_document(NEWS_PAGE)
    for block in result.blocks:
        names = [n for n, _ in block.signals]
        assert "classifier" in names, block.text
        assert any(n.startswith("f:") for n in names), block.text


def test_no_person_or_figure_is_read_from_removed_text():
    page = NEWS_PAGE + "Pressekontakt:\nJonas Brenner\nTel.: 07131 55 61-20\nE-Mail: presse@talheim.example\n"
    people, figures = people_and_figures_of_cleaned(bp.clean_document(page))
    assert {"Katrin Ohlsen", "Henrik Falk"} <= people and "Jonas Brenner" not in people
    assert any("48.000 Euro" in f.text for f in figures)


def test_rules_alone_without_a_model():
    with_model = bp.clean_document(NEWS_PAGE)
    rules_only = bp.clean_document(NEWS_PAGE, model=None)
    assert all("classifier" not in dict(b.signals) for b in rules_only.blocks)
    assert len(rules_only.blocks) == len(with_model.blocks)
