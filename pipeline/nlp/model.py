"""The one place that decides which spaCy pipeline runs, and records what was used.

Resolution: ``--model`` option, else the ``CLAIMGRAPH_MODEL`` environment variable, else the
default ``de_core_news_lg``. Only the default falls back (``de_core_news_md``,
``de_core_news_sm``, the project's own ``models/de_pipeline_open``, and last a clearly labelled
blank German pipeline); a model the user asked for by name that is not installed is an error.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

from .tokenizer_rules import split_markdown_links

log = logging.getLogger(__name__)

ENV_VAR = "CLAIMGRAPH_MODEL"
DEFAULT_MODEL = "de_core_news_lg"
OFFICIAL_FALLBACKS = ("de_core_news_lg", "de_core_news_md", "de_core_news_sm")
PROJECT_MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "de_pipeline_open"
BLANK_MODEL_NAME = "blank_de_fallback"
INSTALL_HINT = (
    "install the official pipeline with `python -m spacy download de_core_news_lg` "
    "(see README, 'Installing de_core_news_lg')"
)


class ModelNotFoundError(Exception):
    """The requested pipeline is neither an installed package nor a pipeline directory."""


@dataclass(frozen=True)
class ModelChoice:
    requested: str  # what the user (or the default) asked for
    source: str  # package name or directory path handed to spacy.load, or BLANK_MODEL_NAME
    kind: str  # official | project | custom | blank
    fell_back: bool

    def warning(self) -> str | None:
        if not self.fell_back:
            return None
        if self.kind == "blank":
            return (
                f"{self.requested} is not installed and no other German pipeline was found: using a BLANK German "
                f"pipeline (tokenizer and sentencizer only; no entities, no syntax). To fix: {INSTALL_HINT}."
            )
        return f"{self.requested} is not installed; using {self.source} instead. For best accuracy, {INSTALL_HINT}."


def is_pipeline_dir(path: Path) -> bool:
    return (path / "config.cfg").is_file() and (path / "meta.json").is_file()


def resolve_model(
    requested: str | None = None,
    *,
    environ: dict[str, str] | None = None,
    is_installed: Callable[[str], bool] = spacy.util.is_package,
    project_model_dir: Path = PROJECT_MODEL_DIR,
) -> ModelChoice:
    """Decide which pipeline to load without loading it (so tests can fake the installed set)."""
    environ = os.environ if environ is None else environ
    explicit = requested or environ.get(ENV_VAR) or None
    name = explicit or DEFAULT_MODEL
    if Path(name).expanduser().is_dir():
        path = Path(name).expanduser()
        if not is_pipeline_dir(path):
            raise ModelNotFoundError(f"{path} is a directory but not a spaCy pipeline (no config.cfg/meta.json)")
        kind = "project" if path.resolve() == project_model_dir.resolve() else "custom"
        return ModelChoice(name, str(path), kind, fell_back=False)
    if is_installed(name):
        return ModelChoice(name, name, "official" if name in OFFICIAL_FALLBACKS else "custom", fell_back=False)
    if explicit:
        raise ModelNotFoundError(
            f"unknown model {name!r}: it is neither an installed spaCy package nor a pipeline directory. "
            f"Use de_core_news_lg/md/sm (installed), a path such as models/de_pipeline_open, or leave --model unset; "
            f"{INSTALL_HINT}."
        )
    for candidate in OFFICIAL_FALLBACKS[1:]:
        if is_installed(candidate):
            return ModelChoice(name, candidate, "official", fell_back=True)
    if is_pipeline_dir(project_model_dir):
        return ModelChoice(name, str(project_model_dir), "project", fell_back=True)
    return ModelChoice(name, BLANK_MODEL_NAME, "blank", fell_back=True)


def load_model(choice: ModelChoice, *, exclude: tuple[str, ...] = ()) -> Language:
    """Load the chosen pipeline; a blank fallback gets a sentencizer so sentences still exist."""
    if choice.kind == "blank":
        nlp = spacy.blank("de")
        nlp.add_pipe("sentencizer")
        nlp.meta["name"] = BLANK_MODEL_NAME
        nlp.meta["description"] = "Blank German pipeline used because no trained German pipeline was found"
        return split_markdown_links(nlp)
    return split_markdown_links(spacy.load(choice.source, exclude=list(exclude)))


def read_meta(choice: ModelChoice) -> dict:
    """The pipeline's meta.json without loading the pipeline (fast; used for provenance and cache keys)."""
    if choice.kind == "blank":
        return {"lang": "de", "name": BLANK_MODEL_NAME, "version": "0.0.0", "pipeline": ["sentencizer"], "labels": {}}
    path = Path(choice.source)
    if not path.is_dir():
        package = spacy.util.get_package_path(choice.source)
        # installed model packages keep the pipeline in a versioned subdirectory next to meta.json
        path = package if (package / "meta.json").is_file() else next(p for p in sorted(package.iterdir()) if (p / "meta.json").is_file())
    return spacy.util.load_meta(path / "meta.json")


def describe_choice(choice: ModelChoice, extra_components: tuple[str, ...] = ()) -> dict:
    """Provenance record for the manifest, from meta.json (the pipeline need not be loaded)."""
    meta = read_meta(choice)
    name = meta.get("name")
    if choice.kind == "official" and not str(name).startswith(f"{meta.get('lang', 'de')}_"):
        name = f"{meta.get('lang', 'de')}_{name}"
    return {
        "requested": choice.requested,
        "source": choice.source,
        "kind": choice.kind,
        "fell_back": choice.fell_back,
        "name": name,
        "version": meta.get("version"),
        "spacy_version": spacy.__version__,
        "components": list(meta.get("pipeline", [])) + list(extra_components),
        "ner_labels": list(meta.get("labels", {}).get("ner", [])),
    }


def describe_pipeline(nlp: Language, choice: ModelChoice) -> dict:
    """Provenance record for the manifest."""
    return {
        "requested": choice.requested,
        "source": choice.source,
        "kind": choice.kind,
        "fell_back": choice.fell_back,
        "name": f"{nlp.meta.get('lang', 'de')}_{nlp.meta.get('name')}" if choice.kind == "official" else nlp.meta.get("name"),
        "version": nlp.meta.get("version"),
        "spacy_version": spacy.__version__,
        "components": list(nlp.pipe_names),
        "labels": {name: list(nlp.get_pipe(name).labels) for name in ("ner",) if name in nlp.pipe_names},
    }
