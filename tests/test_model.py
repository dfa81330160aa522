from pathlib import Path

import pytest

from pipeline.model import BLANK_MODEL_NAME, ModelNotFoundError, load_model, resolve_model


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
