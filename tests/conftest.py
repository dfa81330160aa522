"""Shared fixtures: small hand-built inputs; nothing depends on the network."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "raw"


@pytest.fixture(scope="session")
def project_nlp():
    """The project's pipeline with every rule component, loaded once per test session: the very object the
    runner's local backend uses (``backends.get_nlp`` keeps one per process), so tests that parse directly
    and tests that run the runner share one load. Tests must not add or remove its pipes."""
    from pipeline.run import backends, runner

    cfg = runner.RunConfig(on_warning=lambda m: None)
    return backends.get_nlp(runner._worker_settings(cfg, runner._choose_model(cfg), runner.ALL_COMPONENTS))


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """A copy of the two sample texts, so tests never touch data/raw."""
    target = tmp_path / "raw"
    shutil.copytree(SAMPLES, target)
    return target


def people_and_figures_of_cleaned(result):
    """The people and figures the entity and figure stages read from a cleaned page (blank pipeline).

    Returns the PER canonical names and the figures, after checking that no figure starts inside a removed block.
    """
    import spacy

    from pipeline import figures as fig

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimgraph_entities")
    doc = nlp(result.clean_text)
    people = {e.canonical_name for e in doc._.entities if e.label == "PER"}
    figures = fig.extract_figures(doc)
    removed_spans = [(b.start_char, b.end_char) for b in result.removed_blocks]
    for f in figures:
        assert not any(s <= f.start_char < e for s, e in removed_spans), f.text  # no phone, street or postcode digits
    return people, figures
