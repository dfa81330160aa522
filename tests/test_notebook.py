"""notebooks/explore_claims.ipynb runs headless (nbclient) on real outputs, so it never rots.

It is executed twice: on a copy of the outputs of an end-to-end run over the samples, and on the
hand-built tables (claims, speakers, figures all present) so every cell works on rows, not only on
whatever the current extraction stages produce. The working directory is a tmp dir holding
``data/processed``, exactly the layout the notebook expects at the repository root.
"""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT
from tests.tables_fixture import FACH, PARIS, write_tables

NOTEBOOK = ROOT / "notebooks" / "explore_claims.ipynb"


def _output_text(cell) -> str:
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output.get("text", ""))
        elif "data" in output:
            parts.append(output["data"].get("text/plain", ""))
    return "".join(parts)


def _run(workdir) -> dict[str, str]:
    """Execute the notebook with ``workdir`` as working directory; output text per cell tag."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # "python3" is ipykernel's native kernel: the interpreter running the tests (the project venv).
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}).execute()
    return {tag: _output_text(cell) for cell in notebook.cells for tag in cell.get("metadata", {}).get("tags", [])}


def test_notebook_is_stored_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)


def test_notebook_runs_on_the_sample_outputs(tmp_path):
    from tests.sample_run import copy_outputs

    copy_outputs(tmp_path / "data" / "processed")
    outputs = _run(tmp_path)
    assert outputs["check"].strip() == "[]"
    assert "ki-aktionsgipfel-paris" in outputs["claims-per-document"] and "fachgespraech-nachhaltige-ki" in outputs["claims-per-document"]


def test_notebook_answers_the_questions_on_tables_with_claims(tmp_path):
    write_tables(tmp_path / "data" / "processed")
    outputs = _run(tmp_path)
    assert outputs["check"].strip() == "[]"
    assert outputs["who-is-quoted"].splitlines()[2].startswith("J.D. Vance")  # header, index name, then the top speaker
    assert "Umweltbundesamt" in outputs["organisations"] and "Umweltbundesamt" in outputs["speaker-affiliations"]
    assert "Ursula von der Leyen" in outputs["figures-by-speaker"] and "50 Milliarden Euro" in outputs["figures-by-speaker"]
    assert PARIS in outputs["claims-per-document"] and FACH in outputs["claims-per-document"]
    assert "[[ Wir stellen 50 Milliarden Euro zur Verfügung ]]" in outputs["in-context"]
