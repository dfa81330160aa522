"""Stage 1: find input files, decode them exactly, and give every document a stable id.

The decoded text (BOM removed, CRLF/CR normalised to LF) is the *raw text* of the project: every
``start_char``/``end_char`` in every output table is an index into it, so that
``raw_text[start_char:end_char] == text`` holds for every row. Files on disk are never modified.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .language import detect_language, is_minable
from .text_decoding import decode_bytes, normalise_newlines  # noqa: F401  (part of the ingest API)

HTML_SUFFIXES = (".html", ".htm")  # read by html_input.py (visible text + main-text decision)
INPUT_SUFFIXES = (".txt", ".md", *HTML_SUFFIXES)
REPLACEMENT_CHARACTER = "\ufffd"
DEFAULT_MAX_BYTES = 5_000_000

# File signatures of formats that are sometimes saved with a .txt name by mistake.
_BINARY_MAGIC = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"PK\x03\x04": "ZIP archive (or DOCX/ODT)",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x1f\x8b": "gzip archive",
    b"\xd0\xcf\x11\xe0": "MS Office (OLE) document",
}
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


@dataclass(frozen=True)
class Document:
    """One decoded input file. ``text`` is the reference for all character offsets."""

    doc_id: str
    path: str  # relative to the input directory, POSIX separators
    encoding: str
    sha256: str  # of the bytes on disk
    n_bytes: int
    newlines: str  # what the file used before normalisation: LF, CRLF, CR, mixed, none
    text: str
    language: str = "und"  # ISO 639-1 code from language.detect_language, "und" if undetermined
    page: dict | None = None  # HTML input only: page metadata and the extractor's decision (html_input.page_fields)


@dataclass(frozen=True)
class IngestProblem:
    """A file that could not be turned into a Document, and why."""

    path: str
    problem: str  # empty | binary | too_large | unreadable | outside_input | invalid_bytes | nul_bytes | not_german
    message: str
    fatal: bool = True  # False: the file was still processed (a warning worth recording)


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)


class IngestError(Exception):
    """A problem with the input as a whole (missing directory, nothing readable)."""


def discover_files(input_dir: Path) -> tuple[list[Path], list[IngestProblem]]:
    """All input files (``.txt``, ``.md``, ``.html``, ``.htm``) below ``input_dir``, sorted by relative path.

    Symbolic links that resolve outside ``input_dir`` are reported, never followed.
    """
    root = input_dir.resolve()
    found: list[Path] = []
    problems: list[IngestProblem] = []
    for dirpath, dirnames, filenames in os.walk(input_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.startswith(".") or path.suffix.lower() not in INPUT_SUFFIXES:
                continue
            if path.is_symlink():
                target = path.resolve()
                if root not in target.parents:
                    problems.append(
                        IngestProblem(
                            relative_path(path, input_dir),
                            "outside_input",
                            f"symbolic link to {target} points outside the input directory; not followed",
                        )
                    )
                    continue
            found.append(path)
    found.sort(key=lambda p: relative_path(p, input_dir))
    return found, problems


def relative_path(path: Path, input_dir: Path) -> str:
    return path.relative_to(input_dir).as_posix()


def detect_binary(data: bytes) -> str | None:
    """A short description of the binary format, or None for data that looks like text."""
    for magic, description in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return description
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if head.count(b"\x00") > max(1, len(head) // 100):
        return "binary data (NUL bytes)"
    return None


def slugify(value: str) -> str:
    value = unicodedata.normalize("NFKD", value.translate(_TRANSLITERATION))
    value = value.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", value).strip("-")


def make_doc_ids(relative_paths: list[str]) -> dict[str, str]:
    """Readable ids that depend only on each file's own path, never on which other files exist.

    A top-level ``.txt`` file whose name is already in id form keeps it (``ki-gipfel.txt`` ->
    ``ki-gipfel``). Every other path gets its slug plus ``-`` and the first 8 hex digits of the SHA-1
    of the relative path (``Berichte/KI Gipfel.md`` -> ``berichte-ki-gipfel-1f3c9a2b``): many paths
    share a slug, and an id that changed when a look-alike file was added would silently re-key every
    row of the unchanged file. Two paths can only collide on an id by a hash collision, which is an
    error naming both files.
    """
    ids: dict[str, str] = {}
    owner: dict[str, str] = {}
    for path in relative_paths:
        doc_id = doc_id_for(path)
        if doc_id in owner:
            raise IngestError(f"{owner[doc_id]} and {path} both get the document id {doc_id!r}; rename one of them")
        owner[doc_id] = path
        ids[path] = doc_id
    return ids


def doc_id_for(relative_path: str) -> str:
    slug = slugify(str(Path(relative_path).with_suffix("")))
    if slug and relative_path == f"{slug}.txt":
        return slug
    digest = hashlib.sha1(relative_path.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else f"doc-{digest}"


def read_document(
    path: Path, input_dir: Path, doc_id: str, max_bytes: int = DEFAULT_MAX_BYTES, html_favour: str = "precision"
) -> Document | IngestProblem:
    """Read and decode one file; problems are returned, not raised."""
    rel = relative_path(path, input_dir)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return IngestProblem(rel, "too_large", f"{size:,} bytes exceeds the limit of {max_bytes:,} bytes (--max-doc-bytes)")
        data = path.read_bytes()
    except OSError as exc:
        return IngestProblem(rel, "unreadable", f"cannot read file: {exc.strerror or exc}")
    if not data.strip():
        return IngestProblem(rel, "empty", "file is empty or contains only whitespace")
    binary = detect_binary(data)
    if binary:
        return IngestProblem(rel, "binary", f"not a text file: looks like {binary}")
    if path.suffix.lower() in HTML_SUFFIXES:
        return _read_html(data, rel, doc_id, html_favour)
    text, encoding = decode_bytes(data)
    text, newlines = normalise_newlines(text)
    if "\x00" in text:
        # Same length, so offsets stay valid; NUL would break CSV readers and spaCy's tokenizer.
        text = text.replace("\x00", REPLACEMENT_CHARACTER)
    if not text.strip():
        return IngestProblem(rel, "empty", "file contains no text after decoding")
    return Document(
        doc_id=doc_id,
        path=rel,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        n_bytes=len(data),
        newlines=newlines,
        text=text,
        language=detect_language(text),
    )


def _read_html(data: bytes, rel: str, doc_id: str, favour: str) -> Document | IngestProblem:
    """An ingest ``Document`` for an HTML file, or an ``IngestProblem`` naming the file and what is wrong."""
    # imported on demand: trafilatura and lxml are only needed for HTML input
    from .html_input import NotReadable, page_fields, read_page

    try:
        page = read_page(data, favour)
    except NotReadable as exc:
        return IngestProblem(rel, exc.problem, exc.message)
    # The visible text has only LF line breaks; the file's own line endings are recorded as for text input.
    _, newlines = normalise_newlines(data[:65536].decode("latin-1"))
    return Document(
        doc_id=doc_id,
        path=rel,
        encoding=page.encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        n_bytes=len(data),
        newlines=newlines,
        text=page.text,
        language=detect_language(page.main_text or page.text),
        page=page_fields(page),
    )


def document_warnings(document: Document) -> list[IngestProblem]:
    """Non-fatal problems of a document that was read: recorded in errors.csv, processing goes on."""
    warnings = []
    replaced = document.text.count(REPLACEMENT_CHARACTER)
    if replaced:
        warnings.append(
            IngestProblem(document.path, "invalid_bytes", f"{replaced} undecodable or NUL byte(s) replaced by U+FFFD (encoding {document.encoding})", fatal=False)
        )
    warnings += [IngestProblem(document.path, problem, message, fatal=False) for problem, message in (document.page or {}).get("warnings", ())]
    if not is_minable(document.language):
        warnings.append(
            IngestProblem(document.path, "not_german", f"text looks like language '{document.language}', not German: no claims, entities or figures extracted", fatal=False)
        )
    return warnings


def ingest_directory(input_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES, html_favour: str = "precision") -> IngestResult:
    """Read every input file below ``input_dir``. Raises IngestError if the directory is missing."""
    input_dir = Path(input_dir)
    if not input_dir.is_dir():
        raise IngestError(f"input directory not found: {input_dir}")
    paths, problems = discover_files(input_dir)
    ids = make_doc_ids([relative_path(p, input_dir) for p in paths])
    result = IngestResult(problems=list(problems))
    for path in paths:
        outcome = read_document(path, input_dir, ids[relative_path(path, input_dir)], max_bytes, html_favour)
        if isinstance(outcome, Document):
            result.documents.append(outcome)
            result.problems.extend(document_warnings(outcome))
        else:
            result.problems.append(outcome)
    return result
