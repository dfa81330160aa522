"""Figures stage: normalisation, qualifiers, typing of dates/years/ordinals, claim linking, robustness."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from pipeline import figures as fig
from pipeline.claims import Claim
from pipeline.evaluation import figures as fig_eval

ROOT = Path(__file__).resolve().parent.parent
PARIS = ROOT / "data" / "raw" / "ki-aktionsgipfel-paris.txt"
FACHGESPRAECH = ROOT / "data" / "raw" / "fachgespraech-nachhaltige-ki.txt"


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp


def figures_of(nlp, text: str) -> list[fig.Figure]:
    doc = nlp(text)
    found = fig.extract_figures(doc)
    for f in found:
        assert doc.text[f.start_char : f.end_char] == f.text
    return found


def only(nlp, text: str) -> fig.Figure:
    found = figures_of(nlp, text)
    assert len(found) == 1, found
    return found[0]


def row(f: fig.Figure) -> tuple:
    return (f.text, f.value, f.value_max, f.unit, f.counted, f.qualifier, f.kind)


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Zur Messe kamen rund 1.500 Aussteller.", ("rund 1.500 Aussteller", 1500, None, "count", "Aussteller", "approximately", "count")),
        ("Der Kreis meldet 100.000 Impfungen.", ("100.000 Impfungen", 100000, None, "count", "Impfung", "exact", "count")),
        ("Das Wachstum betrug 2,5 Prozent.", ("2,5 Prozent", 2.5, None, "percent", None, "exact", "percent")),
        ("Die Stiftung bekommt 1,2 Mio. Euro.", ("1,2 Mio. Euro", 1_200_000, None, "EUR", None, "exact", "money")),
        ("BASF spart 3 Mrd. EUR ein.", ("3 Mrd. EUR", 3e9, None, "EUR", None, "exact", "money")),
        ("Die Bahn erhält eine Milliarde Euro.", ("eine Milliarde Euro", 1e9, None, "EUR", None, "exact", "money")),
        ("Ein Ticket kostet € 5.", ("€ 5", 5, None, "EUR", None, "exact", "money")),
        ("Ein Ticket kostet 5€ am Automaten.", ("5€", 5, None, "EUR", None, "exact", "money")),
        ("Die Firma nahm $3 Mio. ein.", ("$3 Mio.", 3e6, None, "USD", None, "exact", "money")),
        ("Der Deal hat ein Volumen von 7 Milliarden US-Dollar.", ("7 Milliarden US-Dollar", 7e9, None, "USD", None, "exact", "money")),
        ("Die Gage betrug 40 Millionen Pfund.", ("40 Millionen Pfund", 4e7, None, "GBP", None, "exact", "money")),
        ("Die Quote liegt bei 10%.", ("10%", 10, None, "percent", None, "exact", "percent")),
        ("Die Partei legte 4,1 Prozentpunkte zu.", ("4,1 Prozentpunkte", 4.1, None, "percentage_point", None, "exact", "percent")),
        ("Der Absatz ist um 3 Prozent gesunken.", ("3 Prozent", -3, None, "percent", None, "exact", "percent")),
        ("Der Absatz ist um 3 Prozent gestiegen.", ("3 Prozent", 3, None, "percent", None, "exact", "percent")),
        ("Die Aktie schloss bei -2,4 %.", ("-2,4 %", -2.4, None, "percent", None, "exact", "percent")),
        ("Nachts sinkt es auf minus 8 Grad.", ("minus 8 Grad", -8, None, "°C", None, "exact", "measure")),
        ("Zwölf Länder lehnten ab.", ("Zwölf Länder", 12, None, "count", "Land", "exact", "count")),
        ("Die Stadt pflanzte zweihundert Bäume.", ("zweihundert Bäume", 200, None, "count", "Baum", "exact", "count")),
        ("Dutzende Fahrgäste saßen fest.", ("Dutzende Fahrgäste", 24, None, "count", "Fahrgast", "at_least", "count")),
        ("Die Hälfte der Filialen schließt.", ("Hälfte der Filialen", 50, None, "percent", "Filiale", "exact", "percent")),
        ("Ein Drittel der Kosten trägt der Bund.", ("Ein Drittel der Kosten", 100 / 3, None, "percent", "Kosten", "exact", "percent")),
        ("Das Werk liefert 600 MW.", ("600 MW", 600, None, "MW", None, "exact", "measure")),
        ("Das Land verbraucht 500 Terawattstunden.", ("500 Terawattstunden", 500, None, "TWh", None, "exact", "measure")),
        ("Es fielen 3 Millionen Tonnen Abfall an.", ("3 Millionen Tonnen", 3e6, None, "t", None, "exact", "measure")),
        ("Die Preise steigen zwischen 10 und 20 Prozent.", ("zwischen 10 und 20 Prozent", 10, 20, "percent", None, "range", "percent")),
        ("Es kommen 10 bis 20 Gäste.", ("10 bis 20 Gäste", 10, 20, "count", "Gast", "range", "count")),
        ("Die Reparatur kostet 2 bis 4 Millionen Euro.", ("2 bis 4 Millionen Euro", 2e6, 4e6, "EUR", None, "range", "money")),
        ("Bis zu 40 Zentimeter Schnee fallen.", ("Bis zu 40 Zentimeter", 40, None, "cm", None, "up_to", "measure")),
        ("Weniger als 5 Prozent der Fläche sind Wald.", ("Weniger als 5 Prozent der Fläche", 5, None, "percent", "Fläche", "less_than", "percent")),
        ("Mindestens 9 Menschen starben.", ("Mindestens 9 Menschen", 9, None, "count", "Mensch", "at_least", "count")),
        ("Über 70 Gemeinden sind betroffen.", ("Über 70 Gemeinden", 70, None, "count", "Gemeinde", "more_than", "count")),
        ("Ca. 20 Züge fielen aus.", ("Ca. 20 Züge", 20, None, "count", "Zug", "approximately", "count")),
        ("Knapp 300 Gäste kamen.", ("Knapp 300 Gäste", 300, None, "count", "Gast", "approximately", "count")),
        ("Die zweitägige Messe beginnt.", ("zweitägige", 2, None, "day", None, "exact", "duration")),
        ("Die Hilfen in Milliardenhöhe kommen.", ("Milliardenhöhe", None, None, None, None, "approximately", "money")),
        ("Die Gespräche dauerten drei Stunden.", ("drei Stunden", 3, None, "hour", None, "exact", "duration")),
        ("Rund 40 Teilnehmer:innen diskutierten.", ("Rund 40 Teilnehmer:innen", 40, None, "count", "Teilnehmer", "approximately", "count")),
        ("Bei dem Unglück gab es 12 Tote.", ("12 Tote", 12, None, "count", "Tote", "exact", "count")),
        ("Die Zahl der Fälle stieg auf 380.000.", ("380.000", 380000, None, "count", None, "exact", "count")),
        ("Es gab Böen von über 120 Kilometer pro Stunde.", ("über 120 Kilometer pro Stunde", 120, None, "km/h", None, "more_than", "measure")),
        ("Das prägte die 1970-er Jahre.", ("1970-er Jahre", 1970, 1979, None, None, "range", "year")),
        ("Piraten griffen über 100 Schiffe an.", ("über 100 Schiffe", 100, None, "count", "Schiff", "more_than", "count")),
    ],
)
def test_amount_formats(nlp, sentence, expected):
    got = row(only(nlp, sentence))
    assert got[0] == expected[0]
    assert got[1] == pytest.approx(expected[1]) if expected[1] is not None else got[1] is None
    assert got[2:] == expected[2:]


@pytest.mark.parametrize(
    "sentence, text, kind, value",
    [
        ("Das Gesetz wurde am 11. Dezember 2024 beschlossen.", "11. Dezember 2024", "date", None),
        ("Stand: 08.12.2025", "08.12.2025", "date", None),
        ("Die Messe beginnt am 05. Dezember mit einer Rede.", "05. Dezember", "date", None),
        ("Im September 2024 begann die Reihe.", "September 2024", "date", None),
        ("Die Sitzung beginnt um 14 Uhr.", "14 Uhr", "date", None),
        ("Das Gesetz gilt ab 2025 für alle.", "2025", "year", 2025),
        ("Die Firma wurde 1892 gegründet.", "1892", "year", 1892),
        ("Der Vertrag läuft bis Ende 2027.", "2027", "year", 2027),
        ("1945 waren viele Deutsche auf der Flucht.", "1945", "year", 1945),
        ("In ihrem 2009 veröffentlichten Roman geht es um Lager.", "2009", "year", 2009),
        ("Sie wurde beim Rennen 3. und damit Dritte.", "3.", "ordinal", 3),
        ("Er feierte seinen 60. Geburtstag.", "60.", "ordinal", 60),
    ],
)
def test_dates_years_ordinals_are_never_amounts(nlp, sentence, text, kind, value):
    f = only(nlp, sentence)
    assert (f.text, f.kind, f.value, f.unit) == (text, kind, value, None)


def test_list_numbering_is_ordinal(nlp):
    found = figures_of(nlp, "Tagesordnung:\n1. Begrüßung\n2. Haushalt 2025\n3. Verschiedenes")
    assert [(f.text, f.kind, f.value) for f in found] == [
        ("1.", "ordinal", 1), ("2.", "ordinal", 2), ("2025", "year", 2025), ("3.", "ordinal", 3)
    ]


def test_year_followed_by_a_noun_is_a_count(nlp):
    assert row(only(nlp, "Der Konzern streicht 3500 Stellen."))[1:] == (3500, None, "count", "Stelle", "exact", "count")


@pytest.mark.parametrize(
    "sentence",
    [
        "Schreiben Sie an Postfach 12345, 86157 Augsburg.",
        "Nach § 15 AktG sind die Firmen verbunden.",
        "Die G20 und der Airbus A380 stoßen CO2 aus.",
        "Er wohnt in der Hauptstraße 21 in Köln.",
        "Einen Schritt voraus ist einer der Gründer.",
        "COVID-19 veränderte den Alltag.",
        "Die B 500 musste wegen Windwurfs gesperrt werden.",
        "Der FC Schalke 04 gewann knapp.",
        "",
        "   \n  ",
    ],
)
def test_labels_and_articles_are_not_figures(nlp, sentence):
    assert figures_of(nlp, sentence) == []


# --------------------------------------------------------------------------- sample texts


def test_paris_sample(nlp):
    doc = nlp(PARIS.read_text(encoding="utf-8"))
    got = {f.text: f for f in fig.extract_figures(doc)}
    expected = {
        "rund 60 Staaten": (60, "count", "Staat", "approximately", "count"),
        "rund 1.500 Teilnehmern": (1500, "count", "Teilnehmer", "approximately", "count"),
        "etwa 100 Ländern": (100, "count", "Land", "approximately", "count"),
        "50 Milliarden Euro": (5e10, "EUR", None, "exact", "money"),
        "mehr als 60 namhafte europäische Unternehmen": (60, "count", "Unternehmen", "more_than", "count"),
        "Mehr als 20 internationale Großkapitalgeber": (20, "count", "Großkapitalgeber", "more_than", "count"),
        "150 Milliarden Euro": (1.5e11, "EUR", None, "exact", "money"),
        "500 Milliarden US-Dollar": (5e11, "USD", None, "exact", "money"),
        "rund 109 Milliarden Euro": (1.09e11, "EUR", None, "approximately", "money"),
        "100.000 Haushalte": (1e5, "count", "Haushalt", "exact", "count"),
    }
    for text, (value, unit, counted, qualifier, kind) in expected.items():
        f = got[text]
        assert (f.value, f.unit, f.counted, f.qualifier, f.kind) == (value, unit, counted, qualifier, kind), text
    assert got["08.12.2025"].kind == "date"
    assert got["zweitägigen"].kind == "duration"
    assert got["Milliardenhöhe"].value is None


def test_fachgespraech_dates(nlp):
    doc = nlp(FACHGESPRAECH.read_text(encoding="utf-8"))
    found = [(f.text, f.kind) for f in fig.extract_figures(doc)]
    assert ("11. Dezember 2024", "date") in found
    assert ("05. Dezember", "date") in found
    assert ("7. Januar 2025", "date") in found
    assert all(kind == "date" for _, kind in found)


# --------------------------------------------------------------------------- claim linking


def make_claim(claim_id: str, doc: Doc, tokens: tuple[int, ...] = (), span: tuple[int, int] | None = None) -> Claim:
    start, end = span if span else (doc[min(tokens)].idx, doc[max(tokens)].idx + len(doc[max(tokens)]))
    return Claim(
        claim_id=claim_id, sent_index=0, form="indirect", claim_text=doc.text[start:end], start_char=start, end_char=end,
        cue_lemma="sagen", cue_text="sagte", cue_start_char=None, cue_end_char=None, speaker_text="Birol",
        speaker_start_char=None, speaker_end_char=None, speaker_entity_id=None, speaker_name="Fatih Birol",
        speaker_resolution="explicit", addressee_text=None, confidence=0.9, evidence=(), message_tokens=tokens,
    )


def test_figures_link_to_the_claim_whose_message_contains_them(nlp):
    text = "„Wir brauchen 50 Milliarden Euro“, sagte Birol, „und 100.000 Fachkräfte.“ Zuvor kamen 300 Gäste."
    doc = nlp(text)
    tokens = [t.text for t in doc]
    sagte = tokens.index("sagte")
    # a direct quote split by its frame: the message is discontinuous
    message = tuple(i for i in range(0, tokens.index("Zuvor")) if not (sagte <= i <= sagte + 2))
    doc._.claims = [make_claim("doc:C1", doc, message)]
    found = {f.text: f.claim_id for f in fig.extract_figures(doc)}
    assert found == {"50 Milliarden Euro": "doc:C1", "100.000 Fachkräfte": "doc:C1", "300 Gäste": None}


def test_innermost_claim_wins_and_char_spans_are_a_fallback(nlp):
    doc = nlp("Sie sagte, er habe gesagt, es gebe 40 Anträge.")
    outer = make_claim("doc:C1", doc, span=(doc[3].idx, len(doc.text)))
    inner = make_claim("doc:C2", doc, span=(doc[7].idx, len(doc.text)))
    doc._.claims = [outer, inner]
    assert [f.claim_id for f in fig.extract_figures(doc)] == ["doc:C2"]
    doc._.claims = None
    assert [f.claim_id for f in fig.extract_figures(doc)] == [None]


def test_figure_in_the_speaker_is_not_linked(nlp):
    doc = nlp("Rund 60 Staaten fordern 100 neue Regeln.")
    claim = make_claim("doc:C1", doc, tuple(range(len(doc) - 1)))
    claim.speaker_tokens = (0, 1, 2)
    doc._.claims = [claim]
    assert [(f.text, f.claim_id) for f in fig.extract_figures(doc)] == [("Rund 60 Staaten", None), ("100 neue Regeln", "doc:C1")]


def test_component_sets_extension_and_ids():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimgraph_figures")
    doc = nlp.make_doc("Es kamen 20 Gäste und 30 Helfer.")
    doc._.doc_id = "bericht"
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [(f.figure_id, f.text) for f in doc._.figures] == [("bericht:F1", "20 Gäste"), ("bericht:F2", "30 Helfer")]
    assert [f.sent_index for f in doc._.figures] == [0, 0]


# --------------------------------------------------------------------------- parsed Docs (both label schemes)

WORDS = ["Rund", "60", "große", "Staaten", "unterzeichneten", "mit", "1.500", "Teilnehmern", "."]
SPACES = [True, True, True, True, True, True, True, False, False]
POS = ["ADV", "NUM", "ADJ", "NOUN", "VERB", "ADP", "NUM", "NOUN", "PUNCT"]
TAGS = ["ADV", "CARD", "ADJA", "NN", "VVFIN", "APPR", "CARD", "NN", "$."]
LEMMAS = ["rund", "60", "groß", "Staat", "unterzeichnen", "mit", "1.500", "Teilnehmer", "."]
HEADS = [1, 3, 3, 4, 4, 4, 7, 5, 4]
DEPS = {
    "ud": ["advmod", "nummod", "amod", "nsubj", "ROOT", "case", "nummod", "obl", "punct"],
    "tiger": ["mo", "nk", "nk", "sb", "ROOT", "mo", "nk", "nk", "punct"],
}


@pytest.mark.parametrize("scheme", ["ud", "tiger"])
def test_parsed_doc_uses_tags_and_lemmas(scheme):
    vocab = spacy.blank("de").vocab
    doc = Doc(vocab, words=WORDS, spaces=SPACES, pos=POS, tags=TAGS, lemmas=LEMMAS, heads=HEADS, deps=DEPS[scheme])
    found = [(f.text, f.value, f.counted, f.qualifier) for f in fig.extract_figures(doc)]
    assert found == [("Rund 60 große Staaten", 60, "Staat", "approximately"), ("1.500 Teilnehmern", 1500, "Teilnehmer", "exact")]


def test_pipeline_lemma_is_preferred_when_present():
    vocab = spacy.blank("de").vocab
    doc = Doc(vocab, words=["Es", "kamen", "40", "Ärzte", "."], lemmas=["es", "kommen", "40", "Arzt", "."])
    assert [f.counted for f in fig.extract_figures(doc)] == ["Arzt"]


def test_verb_after_number_is_not_counted_when_tagged():
    vocab = spacy.blank("de").vocab
    doc = Doc(vocab, words=["Es", "waren", "40", "Gewinnen", "."], pos=["PRON", "AUX", "NUM", "VERB", "PUNCT"])
    assert [(f.text, f.counted) for f in fig.extract_figures(doc)] == [("40", None)]


# --------------------------------------------------------------------------- building blocks


@pytest.mark.parametrize(
    "text, value",
    [("1.500", 1500), ("100.000", 100000), ("2,5", 2.5), ("1.234.567,89", 1234567.89), ("-3,5", -3.5), ("+2", 2),
     ("5,-", 5), ("2.5", None), ("4.13", None), ("abc", None), ("1.5.", None)],
)
def test_parse_number(text, value):
    assert fig.parse_number(text) == value


@pytest.mark.parametrize(
    "word, value",
    [("zwei", 2), ("zwölf", 12), ("hundert", 100), ("einundzwanzig", 21), ("zweihundertfünfzig", 250),
     ("dreitausend", 3000), ("fünfundvierzigtausendzweihundert", 45200), ("eintausend", 1000), ("und", None),
     ("tausendundein", None), ("haus", None)],
)
def test_parse_number_word(word, value):
    assert fig.parse_number_word(word) == value


@pytest.mark.parametrize(
    "form, lemma",
    [("Teilnehmern", "Teilnehmer"), ("Staaten", "Staat"), ("Ländern", "Land"), ("Haushalte", "Haushalt"),
     ("Unternehmen", "Unternehmen"), ("Großunternehmen", "Großunternehmen"), ("Rechenzentren", "Rechenzentrum"),
     ("Beschäftigten", "Beschäftigte"), ("Kapitalgeber", "Kapitalgeber")],
)
def test_noun_lemma_without_lemmatizer(form, lemma):
    assert fig.derive_noun_lemma(form, fig.load_lexicon().noun_lemmas) == lemma


def test_every_resource_documents_its_source():
    for path in sorted(fig.RESOURCES.glob("figures_*.tsv")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# "), path.name


def test_degrades_on_odd_input(nlp):
    text = "9" * 400 + " Euro, 1.2.3.4.5 und 12,5,6 % sowie ½ Liter, € €, - 3 -, bis zu, zwischen und, 2024/ und Mio. Mrd."
    figures_of(nlp, text)  # offsets are checked inside; no exception is the point


# --------------------------------------------------------------------------- evaluation table


def test_evaluation_table_accuracy():
    rows = fig_eval.load_table(fig_eval.DEFAULT_CORPUS)
    assert len(rows) >= 100
    blank = spacy.blank("de")
    blank.add_pipe("sentencizer")
    results = fig_eval.evaluate(rows, blank)
    core = sum(ok["value"] and ok["unit"] and ok["qualifier"] for _, ok, _ in results) / len(results)
    assert core >= 0.95


def test_report_prints_the_measures(tmp_path):
    table = tmp_path / "t.tsv"
    table.write_text(
        "# tiny\nsentence\ttext\tvalue\tvalue_max\tunit\tcounted\tqualifier\tkind\n"
        "Es kamen rund 30 Gäste.\trund 30 Gäste\t30\t\tcount\tGast\tapproximately\tcount\n"
        "Es kostet 5 Euro.\t5 Euro\t6\t\tEUR\t\texact\tmoney\n",
        encoding="utf-8",
    )
    text = fig_eval.report(table)
    assert "value+unit+qualifier 0.500" in text
    assert "line 4" in text and "wrong: value" in text


def test_table_errors_are_reported(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("sentence\ttext\tvalue\tvalue_max\tunit\tcounted\tqualifier\tkind\nSatz.\tfehlt\t1\t\t\t\texact\tcount\n")
    with pytest.raises(ValueError, match="not in the sentence"):
        fig_eval.load_table(bad)
    with pytest.raises(FileNotFoundError):
        fig_eval.load_table(tmp_path / "missing.tsv")


def test_random_mixtures_keep_offsets_order_and_categories(nlp):
    """Deterministic fuzzing over the pieces the rules react to: no crash, exact offsets, no overlaps."""
    import random

    pieces = ["1.500", "2,5", "Mio.", "Mrd.", "€", "$", "5€", "10%", "-", "–", "bis", "zu", "zwischen", "und", "rund",
              "mehr", "als", "Prozent", "Euro", "zwei", "Hälfte", "die", "ein", "Drittel", "11.", "Dezember", "2024",
              "08.12.2025", "um", "gesunken", "minus", "\n", ".", ",", "Teilnehmer", ":", "innen", "zweitägig",
              "Milliardenhöhe", "Tausende", "Bio", "km", "/", "h.", "Uhr", "2024/", "1990er", "§", "Ca", "über"]
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice([" ", " ", "", "\n"]) for _ in range(rng.randint(0, 14)))
        found = figures_of(nlp, text)
        for before, after in zip(found, found[1:]):
            assert before.end_char <= after.start_char
        for f in found:
            assert f.kind in fig.KINDS and f.qualifier in fig.QUALIFIERS
