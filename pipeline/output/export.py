"""Write tables and the manifest so that an interrupted run never leaves half-written files.

Every file is first written to a temporary file in the same directory and then moved into place
with ``os.replace`` (atomic on POSIX and Windows). ``OutputBatch`` stages several tables and
moves them only when all of them were written, so a crash while writing the third table leaves
the previous run's tables untouched and no temporary files behind.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import math
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .schema import Table

LIST_SEPARATOR = " | "
# Spreadsheet programs run cells starting with these as formulas (CSV/formula injection, OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
TEXT_DTYPES = ("string", "category")


def neutralise_formula(cell: str) -> str:
    """Prefix a text cell that a spreadsheet would evaluate with an apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_PREFIXES) else cell


def format_cell(value: Any) -> str:
    """Render one value for CSV: empty for missing, lists joined, pairs as 'name=score'."""
    kind = type(value)
    if kind is str:  # the common cases first (the checks below include an ABC isinstance)
        return value
    if kind is int:
        return str(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, Mapping):
        return "; ".join(f"{k}={format_cell(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(v, tuple) and len(v) == 2 for v in value):
            return "; ".join(f"{k}={format_cell(v)}" for k, v in value)
        return LIST_SEPARATOR.join(format_cell(v) for v in value)
    return str(value)


def record_to_row(record: Any, table: Table, **fixed: Any) -> dict[str, Any]:
    """Pick the table's columns from a record (dataclass or mapping); ``fixed`` wins (e.g. doc_id)."""
    get = record.get if isinstance(record, Mapping) else (lambda name, default=None: getattr(record, name, default))
    return {name: fixed[name] if name in fixed else get(name, None) for name in table.column_names}


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_current_umask()


def _temp_path(target: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    # mkstemp creates 0600 files; outputs should get the same permissions as any new file.
    os.chmod(name, _FILE_MODE)
    return Path(name)


def _write_csv(path: Path, table: Table, rows: Iterable[Mapping[str, Any]], excel_safe: bool = False) -> int:
    text_columns = {c.name for c in table.columns if c.dtype in TEXT_DTYPES} if excel_safe else set()
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(table.column_names)
        for row in rows:
            cells = [format_cell(row.get(name)) for name in table.column_names]
            if text_columns:
                cells = [neutralise_formula(c) if n in text_columns else c for n, c in zip(table.column_names, cells)]
            writer.writerow(cells)
            count += 1
    return count


def _write_jsonl(path: Path, records: Iterable[Mapping[str, Any]]) -> int:
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False, sort_keys=False))
            fh.write("\n")
            count += 1
    return count


class TableWriter:
    """Rows of one table streamed into a staged temporary file (see ``OutputBatch.open_table``)."""

    def __init__(self, path: Path, table: Table, excel_safe: bool):
        self.table = table
        self.count = 0
        self._fh = open(path, "w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._fh, lineterminator="\n")
        self._writer.writerow(table.column_names)
        self._text_positions = [i for i, c in enumerate(table.columns) if c.dtype in TEXT_DTYPES] if excel_safe else []

    def write_cells(self, cells: list[str]) -> None:
        """One row of already formatted cells, in the table's column order."""
        if self._text_positions:
            cells = list(cells)
            for i in self._text_positions:
                cells[i] = neutralise_formula(cells[i])
        self._writer.writerow(cells)
        self.count += 1

    def write_row(self, row: Mapping[str, Any]) -> None:
        self.write_cells([format_cell(row.get(name)) for name in self.table.column_names])

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()


class OutputBatch:
    """Stage files in temporaries; ``commit`` moves them all into place, ``abort`` deletes them.

    Use as a context manager: on an exception nothing is moved and the targets keep their
    previous content.
    """

    def __init__(self, directory: Path, *, excel_safe: bool = False):
        self.directory = Path(directory)
        self.excel_safe = excel_safe
        self.directory.mkdir(parents=True, exist_ok=True)
        self._staged: list[tuple[Path, Path]] = []
        self._writers: list[TableWriter] = []
        self.row_counts: dict[str, int] = {}

    def _stage(self, file_name: str) -> Path:
        target = self.directory / file_name
        temp = _temp_path(target)
        self._staged.append((temp, target))
        return temp

    def open_table(self, table: Table) -> TableWriter:
        """A writer for streaming rows; its row count is recorded when the batch commits."""
        writer = TableWriter(self._stage(table.file_name), table, self.excel_safe)
        self._writers.append(writer)
        return writer

    def write_table(self, table: Table, rows: Iterable[Mapping[str, Any]]) -> int:
        count = _write_csv(self._stage(table.file_name), table, rows, self.excel_safe)
        self.row_counts[table.name] = count
        return count

    def write_jsonl(self, file_name: str, records: Iterable[Mapping[str, Any]]) -> int:
        return _write_jsonl(self._stage(file_name), records)

    def write_json(self, file_name: str, data: Any) -> None:
        self._stage(file_name).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def write_bytes(self, file_name: str, data: bytes) -> None:
        self._stage(file_name).write_bytes(data)

    def close_writers(self) -> None:
        for writer in self._writers:
            writer.close()
            self.row_counts[writer.table.name] = writer.count
        self._writers.clear()

    def commit(self) -> None:
        self.close_writers()
        for temp, target in self._staged:
            os.replace(temp, target)
        self._staged.clear()

    def abort(self) -> None:
        self.close_writers()
        for temp, _ in self._staged:
            temp.unlink(missing_ok=True)
        self._staged.clear()

    def __enter__(self) -> OutputBatch:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def write_file_atomically(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write one file via a temporary file in the same directory and ``os.replace``: readers see the old or the new file.

    The one single-file writer of the project (the cache, the run folder's journal, SpkAtt predictions). The
    temporary name is ``.<name>.<random>.tmp``, the shape the run folder's clean-up removes after a crash.
    ``durable`` also fsyncs the file and its directory, for files that must survive a power cut (the commit journal).
    """
    path = Path(path)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    if durable:
        with contextlib.suppress(OSError):  # some file systems cannot fsync a directory; the rename still holds
            dir_fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (the manifest records one per output file; load() compares them)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_json(path: Path, default: Any = None) -> Any:
    if not Path(path).exists():
        return default
    return json.loads(Path(path).read_text(encoding="utf-8"))
