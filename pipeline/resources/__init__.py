"""The one home of the pipeline's lexicons and pattern files, and the one loader for them.

Every file here is data with a header saying what it is for and where it comes from (``#`` lines). Stage code
asks this module for a file's rows, never opens a resource itself:

``rows(name)``        data lines of a tab-separated file, split into fields
``records(name)``     the same as dicts, keyed by the file's first data line (a column header)
``path(name)``        the file itself (for loaders with a format of their own, e.g. EntityRuler JSONL)
"""

from __future__ import annotations

import csv
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent


def path(name: str) -> Path:
    """Path of a shipped resource file; a missing file is an error naming it."""
    file = RESOURCES / name
    if not file.is_file():
        raise FileNotFoundError(f"resource file {file} does not exist")
    return file


def _data_lines(name: str) -> list[str]:
    with path(name).open(encoding="utf-8") as handle:
        return [line.rstrip("\n") for line in handle if line.strip() and not line.startswith("#")]


def rows(name: str) -> list[list[str]]:
    """Data lines of a tab-separated resource (blank lines and ``#`` comments skipped), split at tabs."""
    return [line.split("\t") for line in _data_lines(name)]


def records(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated resource whose first data line names the columns."""
    return list(csv.DictReader(_data_lines(name), delimiter="\t"))
