from pathlib import Path

import pytest

from pipeline.nlp.model import BLANK_MODEL_NAME, ModelNotFoundError, load_model, read_meta, resolve_model


def _installed(*names):
    return lambda name: name in names


def _no_project_dir(tmp_path: Path) -> Path:
    return tmp_path / "no-model"


def test_default_is_lg_when_installed(tmp_path):
    choice = resolve_model(None, environ={}, is_installed=_installed("de_core_news_lg", "de_core_news_sm"))
    assert (choice.source, choice.kind, choice.fell_back) == ("de_core_news_lg", "official", False)
    assert choice.warning() is None


@pytest.mark.parametrize(
    "installed, expected",
    [
        (("de_core_news_md", "de_core_news_sm"), "de_core_news_md"),
        (("de_core_news_sm",), "de_core_news_sm"),
    ],
)
def test_fallback_order_through_official_pipelines(tmp_path, installed, expected):
    choice = resolve_model(None, environ={}, is_installed=_installed(*installed), project_model_dir=_no_project_dir(tmp_path))
    assert choice.source == expected and choice.fell_back
    assert "de_core_news_lg" in choice.warning() and "spacy download" in choice.warning()


def test_fallback_to_project_pipeline_then_blank(tmp_path):
    project = tmp_path / "de_pipeline_open"
    project.mkdir()
    (project / "config.cfg").write_text("")
    (project / "meta.json").write_text("{}")
    choice = resolve_model(None, environ={}, is_installed=_installed(), project_model_dir=project)
    assert (choice.source, choice.kind) == (str(project), "project")
    blank = resolve_model(None, environ={}, is_installed=_installed(), project_model_dir=_no_project_dir(tmp_path))
    assert (blank.source, blank.kind) == (BLANK_MODEL_NAME, "blank")
    assert "BLANK" in blank.warning()


def test_environment_variable_is_used(tmp_path):
    choice = resolve_model(None, environ={"CLAIMGRAPH_MODEL": "de_core_news_sm"}, is_installed=_installed("de_core_news_sm", "de_core_news_lg"))
    assert choice.source == "de_core_news_sm" and not choice.fell_back


def test_explicit_unknown_model_is_an_error_not_a_silent_fallback():
    with pytest.raises(ModelNotFoundError, match="unknown model 'de_core_news_xl'"):
        resolve_model("de_core_news_xl", environ={}, is_installed=_installed("de_core_news_sm"))


def test_directory_that_is_not_a_pipeline_is_an_error(tmp_path):
    with pytest.raises(ModelNotFoundError, match="not a spaCy pipeline"):
        resolve_model(str(tmp_path), environ={})


def test_blank_fallback_is_labelled_and_splits_sentences(tmp_path):
    choice = resolve_model(None, environ={}, is_installed=_installed(), project_model_dir=_no_project_dir(tmp_path))
    nlp = load_model(choice)
    doc = nlp("Scholz sprach. Macron antwortete.")
    assert nlp.meta["name"] == BLANK_MODEL_NAME
    assert len(list(doc.sents)) == 2


# --- the shipped pipeline models/de_pipeline_open (0.3.0) ---------------------------------------------------------

from pipeline.nlp.model import PROJECT_MODEL_DIR  # noqa: E402


@pytest.fixture(scope="module")
def open_nlp():
    import spacy

    return spacy.load(PROJECT_MODEL_DIR)


def test_open_model_meta_names_version_licence_and_sources(open_nlp):
    meta = open_nlp.meta
    assert (meta["name"], meta["version"], meta["license"]) == ("de_pipeline_open", "0.3.0", "CC BY-SA 4.0")
    sources = " ".join(s["name"] + " " + s["license"] for s in meta["sources"])
    for needle in ("GermEval 2014", "UD German GSD", "de_lexeme_cluster", "MIT", "german-nouns", "org_ruler"):
        assert needle in sources
    assert meta["performance"]["germeval_ents_micro_per_org_loc_f"] > 0.6
    assert (PROJECT_MODEL_DIR / "README.md").read_text(encoding="utf-8").count("CC BY-SA 4.0") >= 1


def test_open_model_pipeline_has_org_ruler_after_ner(open_nlp):
    names = open_nlp.pipe_names
    assert names.index("org_ruler") == names.index("ner") + 1
    cfg = open_nlp.config["components"]["org_ruler"]
    assert (cfg["factory"], cfg["annotate_ents"], cfg["overwrite"]) == ("span_ruler", True, False)
    assert cfg["ents_filter"] == {"@misc": "spacy.first_longest_spans_filter.v1"}


@pytest.mark.parametrize(
    "text, org",
    [
        ("Das Bundeskartellamt prüft die geplante Übernahme seit Wochen.", "Bundeskartellamt"),
        ("Nach Angaben der Deutschen Bundesbank stieg die Inflation leicht an.", "Deutschen Bundesbank"),
        ("Die Müller Logistik GmbH kündigte am Dienstag einen Stellenabbau an.", "Müller Logistik GmbH"),
        ("Das Bundesamt für Migration und Flüchtlinge meldete weniger Anträge.",
         "Bundesamt für Migration und Flüchtlinge"),
    ],
)
def test_open_model_finds_organisation_shapes(open_nlp, text, org):
    doc = open_nlp(text)
    assert (org, "ORG") in [(e.text, e.label_) for e in doc.ents]
    ent = next(e for e in doc.ents if e.text == org)
    assert text[ent.start_char:ent.end_char] == org


def test_open_model_org_ruler_does_not_tag_generic_bodies(open_nlp):
    # "Bundesregierung" is no name in GermEval 2014 (see training/resources/org_head_suffixes.tsv), "Finanzamt" is generic
    ruler = open_nlp.get_pipe("org_ruler")
    doc = open_nlp("Die Bundesregierung und das Finanzamt schwiegen.")
    assert ruler.match(doc) == []


@pytest.mark.parametrize(
    "form, lemma",
    [("Teilnehmer:innen", "Teilnehmer"), ("Expert*innen", "Experte"), ("Ärzt:innen", "Arzt"), ("LehrerInnen", "Lehrer")],
)
def test_open_model_gender_inclusive_nouns_get_generic_lemma_and_noun_tag(open_nlp, form, lemma):
    doc = open_nlp(f"Nach der Sitzung sagten die {form}, sie seien zufrieden.")
    tok = next(t for t in doc if t.text == form)
    assert (tok.lemma_, tok.pos_, tok.tag_) == (lemma, "NOUN", "NN")


def test_open_model_static_features_are_brown_clusters(open_nlp):
    vectors = open_nlp.vocab.vectors
    assert vectors.shape[1] == 749 and len(vectors.key2row) > 300_000  # one-hot cluster rows, spacy-lookups-data
    assert open_nlp.vocab["Bundesbank"].has_vector and not open_nlp.vocab["Xqzzyvw"].has_vector


def test_load_model_keeps_the_model_s_own_tokenizer_rules_and_adds_the_link_rules():
    """The markdown-link rules are added to the loaded tokenizer's rules, not put in place of them."""
    # the tokenizer alone is under test: the trained components are left out of the load (they take seconds)
    choice = resolve_model(str(PROJECT_MODEL_DIR))
    nlp = load_model(choice, exclude=tuple(read_meta(choice)["pipeline"]))
    assert nlp.pipe_names == []
    assert [t.text for t in nlp.tokenizer("Die Teilnehmer:innen kamen.")] == ["Die", "Teilnehmer:innen", "kamen", "."]
    assert [t.text for t in nlp.tokenizer("[Lena Weber](https://example.org) sagte")][:4] == ["[", "Lena", "Weber", "]("]
