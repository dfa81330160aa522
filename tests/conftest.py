"""Shared fixtures: small hand-built inputs; nothing depends on the network."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "raw"


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """A copy of the two sample texts, so tests never touch data/raw."""
    target = tmp_path / "raw"
    shutil.copytree(SAMPLES, target)
    return target
