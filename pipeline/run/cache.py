"""Incremental runs: per-document results keyed by what produced them.

Two levels, both files under ``data/interim/cache/``:

``<parse_key>.spacy``  the Doc after the statistical pipeline only. ``parse_key`` = hash of the cleaned
                       text, the model (name, version, config) and the spaCy version.
``<rows_key>.json``    the formatted table rows and document statistics. ``rows_key`` = hash of
                       ``parse_key``, the document id, the extraction components, the project version and
                       a fingerprint of the project's code and resource files (a changed lexicon
                       invalidates the rows). The rows carry the document's ids (``doc_id``, ``<doc_id>:C1``),
                       so they are keyed by the id too: two files with the same text share the parse but
                       never each other's rows.

A document whose rows are cached is neither parsed nor re-extracted, and the model is not even loaded
when every document is cached. Rows are cached as the exact CSV cell strings, so a rerun writes
byte-identical tables. Cache files are written atomically, and a parse file carries the SHA-256 of its
content, so a damaged or truncated entry (a full disk, a copy gone wrong) is detected and recomputed.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy

from .. import __version__
from ..output.export import write_file_atomically

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the whole pipeline package


def _digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\x00")
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of every Python file and resource of the ``pipeline`` package."""
    files = sorted(p for p in PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")
    return _digest(*(part for p in files for part in (p.relative_to(PACKAGE_DIR).as_posix(), p.read_bytes())))


def model_fingerprint(source: str, kind: str) -> str:
    """Identify a pipeline without loading it: its meta.json and config.cfg, or the package version."""
    if kind == "blank":
        return _digest("blank", spacy.__version__)
    path = Path(source)
    if not path.is_dir():
        path = spacy.util.get_package_path(source)
        # installed packages keep the pipeline in a versioned subdirectory
        candidates = sorted(p for p in path.iterdir() if (p / "meta.json").is_file())
        path = candidates[-1] if candidates else path
    parts = [spacy.__version__]
    for name in ("meta.json", "config.cfg"):
        file = path / name
        if file.is_file():
            parts.append(file.read_bytes())
    return _digest(*parts)


def parse_key(clean_text: str, model_id: str) -> str:
    return _digest("parse", model_id, clean_text)


def rows_key(parse: str, components: tuple[str, ...], doc_id: str) -> str:
    return _digest("rows", parse, doc_id, ",".join(components), __version__, code_fingerprint())


# A parse file is MAGIC + sha256(payload) + payload; anything else is treated as damaged.
PARSE_MAGIC = b"CGPARSE1"
_DIGEST_SIZE = hashlib.sha256().digest_size


def frame_parse(payload: bytes) -> bytes:
    return PARSE_MAGIC + hashlib.sha256(payload).digest() + payload


def unframe_parse(data: bytes) -> bytes | None:
    """The payload of a parse file, or None if it is damaged (truncated, foreign, older format)."""
    head = len(PARSE_MAGIC) + _DIGEST_SIZE
    if len(data) < head or not data.startswith(PARSE_MAGIC):
        return None
    payload = data[head:]
    return payload if hashlib.sha256(payload).digest() == data[len(PARSE_MAGIC) : head] else None


class Cache:
    """A directory of per-document results; ``enabled=False`` makes every lookup miss."""

    def __init__(self, directory: Path, enabled: bool = True):
        self.directory = Path(directory)
        self.enabled = enabled
        self._made: set[Path] = set()  # fan-out folders this object has created or seen (one mkdir each, not per write)

    def _path(self, key: str, suffix: str) -> Path:
        return self.directory / key[:2] / f"{key}{suffix}"

    def get_rows(self, key: str) -> dict[str, Any] | None:
        if not self.enabled:
            return None
        path = self._path(key, ".json")
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not (isinstance(value, dict) and isinstance(value.get("rows"), dict) and isinstance(value.get("stats"), dict)):
            return None  # not what put_rows writes: recompute
        return value

    def get_parse(self, key: str, *, required: bool = False) -> bytes | None:
        """The saved parse, or None when missing or damaged. ``required``: read even with the cache off
        (a stage command re-running the rules needs the parse of the previous stage)."""
        path = self._path(key, ".spacy")
        if not (self.enabled or required) or not path.is_file():
            return None
        try:
            return unframe_parse(path.read_bytes())
        except OSError:
            return None

    def put_rows(self, key: str, value: dict[str, Any]) -> None:
        self._write(self._path(key, ".json"), json.dumps(value, ensure_ascii=False).encode("utf-8"))

    def put_parse(self, key: str, data: bytes) -> None:
        self._write(self._path(key, ".spacy"), frame_parse(data))

    def parse_path(self, key: str) -> Path:
        return self._path(key, ".spacy")

    def _write(self, path: Path, data: bytes) -> None:
        if path.parent not in self._made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(path.parent)
        try:
            write_file_atomically(path, data)
        except FileNotFoundError:  # the folder was removed while the run went on (make clean-outputs): make it again
            path.parent.mkdir(parents=True, exist_ok=True)
            write_file_atomically(path, data)
