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

pytestmark = pytest.mark.slow  # executes whole notebooks in a kernel: `make test` (CI) runs these, `make test-fast` does not

NOTEBOOK = ROOT / "notebooks" / "explore_claims.ipynb"
PLOTS = ("claims-per-speaker", "forms-per-speaker", "figures-by-unit-and-speaker", "claims-over-time")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _png_size(path) -> tuple[int, int]:
    """Width and height from the PNG header (IHDR), so the test knows a real picture was drawn."""
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC, f"{path} is not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _check_plots(workdir, outputs) -> None:
    for name in PLOTS:
        path = workdir / "data" / "processed" / "plots" / f"{name}.png"
        assert path.exists(), f"{name}.png was not saved"
        width, height = _png_size(path)
        assert path.stat().st_size > 5_000 and width > 300 and height > 150, (name, path.stat().st_size, width, height)
        assert f"saved {path.relative_to(workdir)}" in "".join(outputs.values()) or path.name in "".join(outputs.values())


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
    _check_plots(tmp_path, outputs)


def test_notebook_answers_the_questions_on_tables_with_claims(tmp_path):
    write_tables(tmp_path / "data" / "processed")
    outputs = _run(tmp_path)
    assert outputs["check"].strip() == "[]"
    assert outputs["who-is-quoted"].splitlines()[2].startswith("J.D. Vance")  # header, index name, then the top speaker
    assert "Umweltbundesamt" in outputs["organisations"] and "Umweltbundesamt" in outputs["speaker-affiliations"]
    assert "Ursula von der Leyen" in outputs["figures-by-speaker"] and "50 Milliarden Euro" in outputs["figures-by-speaker"]
    assert PARIS in outputs["claims-per-document"] and FACH in outputs["claims-per-document"]
    assert "[[ Wir stellen 50 Milliarden Euro zur Verfügung ]]" in outputs["in-context"]
    # groups are counted apart from people and organisations
    assert "Beobachtern" in outputs["groups"] and "Beobachtern" not in outputs["who-is-quoted"]
    assert "Marina Köhn" in outputs["who-is-quoted"] and "Umweltbundesamt" not in outputs["groups"]
    assert "J.D. Vance" in outputs["plot-forms-per-speaker"] and "mixed" in outputs["plot-forms-per-speaker"]
    assert "EUR" in outputs["plot-figures-by-unit"] and "Ursula von der Leyen" in outputs["plot-figures-by-unit"]
    assert "2025-02-11" in outputs["plot-claims-over-time"] and "claims" in outputs["plot-claims-over-time"]
    _check_plots(tmp_path, outputs)
