"""Stage 1: find input files, decode them exactly, and give every document a stable id.

The decoded text (BOM removed, CRLF/CR normalised to LF) is the *raw text* of the project: every
``start_char``/``end_char`` in every output table is an index into it, so that
``raw_text[start_char:end_char] == text`` holds for every row. Files on disk are never modified.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .language import detect_language, is_minable
from .decoding import decode_bytes, normalise_newlines  # noqa: F401  (part of the ingest API)

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
    replaced: int = 0  # undecodable or NUL bytes replaced by U+FFFD (a literal U+FFFD in the file is not counted)


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
    """All regular input files (``.txt``, ``.md``, ``.html``, ``.htm``) below ``input_dir``, sorted by relative path.

    Whatever cannot be read safely gives one problem and the walk goes on: symbolic links that resolve
    outside ``input_dir`` (never followed), symbolic link loops and dangling links, FIFOs, devices and
    sockets (opening a FIFO would block forever), names that are not valid UTF-8 (recorded escaped) and
    folders that cannot be listed.
    """
    root = input_dir.resolve()
    found: list[Path] = []
    problems: list[IngestProblem] = []

    def unlistable(error: OSError) -> None:
        folder = Path(error.filename) if error.filename else input_dir
        problems.append(IngestProblem(display_path(folder, input_dir) + "/", "unreadable", f"cannot list folder: {error.strerror or error}"))

    for dirpath, dirnames, filenames in os.walk(input_dir, followlinks=False, onerror=unlistable):
        kept = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            if not _is_utf8_name(d):
                problems.append(IngestProblem(display_path(Path(dirpath) / d, input_dir) + "/", "invalid_name", _INVALID_NAME_MESSAGE))
                continue
            kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.startswith(".") or path.suffix.lower() not in INPUT_SUFFIXES:
                continue
            problem = _file_problem(path, input_dir, root)
            if problem:
                problems.append(problem)
            else:
                found.append(path)
    found.sort(key=lambda p: relative_path(p, input_dir))
    problems.sort(key=lambda p: p.path)
    return found, problems


_INVALID_NAME_MESSAGE = "name is not valid UTF-8 (undecodable bytes shown as \\xNN); rename it to process it"
_SPECIAL_FILE_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _is_utf8_name(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # os.walk decodes undecodable bytes to lone surrogates
        return False
    return True


def display_path(path: Path, input_dir: Path) -> str:
    """The relative path for messages and tables, undecodable bytes of the name escaped as ``\\xNN``."""
    rel = path.relative_to(input_dir).as_posix() if path != input_dir else "."
    return os.fsencode(rel).decode("utf-8", errors="backslashreplace")


def _file_problem(path: Path, input_dir: Path, root: Path) -> IngestProblem | None:
    """Why ``path`` must not be read, or None for a regular file inside the input directory."""
    rel = display_path(path, input_dir)
    if not _is_utf8_name(str(path.relative_to(input_dir))):
        return IngestProblem(rel, "invalid_name", _INVALID_NAME_MESSAGE)
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except RuntimeError:  # Python 3.11 reports a loop this way
            return IngestProblem(rel, "symlink_loop", "symbolic link loop; not followed")
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return IngestProblem(rel, "symlink_loop", "symbolic link loop; not followed")
            return IngestProblem(rel, "unreadable", f"symbolic link to a missing file: {exc.strerror or exc}")
        if root not in target.parents:
            return IngestProblem(rel, "outside_input", f"symbolic link to {target} points outside the input directory; not followed")
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return IngestProblem(rel, "symlink_loop", "symbolic link loop; not followed")
        return IngestProblem(rel, "unreadable", f"cannot read file: {exc.strerror or exc}")
    for is_kind, kind in _SPECIAL_FILE_KINDS:
        if is_kind(mode):
            return IngestProblem(rel, "special_file", f"{kind}, not a regular file; not read")
    return None


def relative_path(path: Path, input_dir: Path) -> str:
    return path.relative_to(input_dir).as_posix()


# C0 control bytes other than tab, LF, VT, FF, CR, plus DEL: text in any 8-bit or UTF-8 encoding has
# (next to) none of them; random or compressed data has one byte in nine.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
MAX_CONTROL_SHARE = 0.01
MIN_LETTER_SHARE = 0.7  # of the non-space, non-digit characters of text that is not valid UTF-8
SAMPLE_BYTES = 65_536  # each from the start, the middle and the end of the file


def detect_binary(data: bytes) -> str | None:
    """A short description of the binary format, or None for data that looks like text.

    Looks at the whole file for NUL and other control bytes (a cheap count in C), and at samples from
    its start, middle and end for the share of letters: random data decodes as latin-1, but then only
    about half of its characters (digits aside) are letters, where text in a Latin, Greek or Cyrillic
    8-bit code has 80 % or more.
    """
    for magic, description in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return description
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if not data:
        return None
    if data.count(b"\x00") > max(1, len(data) // 100):
        return "binary data (NUL bytes)"
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > max(1, MAX_CONTROL_SHARE * len(data)):
        return f"binary data ({controls / len(data):.0%} control bytes)"
    if _is_utf8(data):
        return None
    sample = _sample(data).decode("latin-1")
    visible = [c for c in sample if not c.isspace() and not c.isdigit()]
    letters = sum(1 for c in visible if c.isalpha())
    if visible and letters < MIN_LETTER_SHARE * len(visible) and sum(1 for c in visible if c >= "\x80") > 0.1 * len(visible):
        return f"binary data (undecodable bytes, only {letters / len(visible):.0%} letters)"
    return None


def _sample(data: bytes) -> bytes:
    if len(data) <= 3 * SAMPLE_BYTES:
        return data
    middle = len(data) // 2 - SAMPLE_BYTES // 2
    return data[:SAMPLE_BYTES] + data[middle : middle + SAMPLE_BYTES] + data[-SAMPLE_BYTES:]


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


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
        data = _read_regular_file(path, max_bytes)
    except _NotRegular as exc:
        return IngestProblem(rel, "special_file", f"{exc}, not a regular file; not read")
    except _TooLarge as exc:
        return IngestProblem(rel, "too_large", f"{exc.args[0]:,} bytes exceeds the limit of {max_bytes:,} bytes (--max-doc-bytes)")
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
    replaced = text.count(REPLACEMENT_CHARACTER) - _literal_replacement_characters(data, encoding)
    text, newlines = normalise_newlines(text)
    if "\x00" in text:
        # Same length, so offsets stay valid; NUL would break CSV readers and spaCy's tokenizer.
        replaced += text.count("\x00")
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
        replaced=replaced,
    )


def _read_html(data: bytes, rel: str, doc_id: str, favour: str) -> Document | IngestProblem:
    """An ingest ``Document`` for an HTML file, or an ``IngestProblem`` naming the file and what is wrong."""
    # imported on demand: trafilatura and lxml are only needed for HTML input
    from .html import NotReadable, page_fields, read_page

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


class _NotRegular(OSError):
    pass


class _TooLarge(OSError):
    pass


def _read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; refuses anything but a regular file without blocking (a FIFO opened for
    reading would wait for a writer forever, hence O_NONBLOCK) and files over ``max_bytes``."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        for is_kind, kind in _SPECIAL_FILE_KINDS:
            if is_kind(info.st_mode):
                raise _NotRegular(kind)
        if info.st_size > max_bytes:
            raise _TooLarge(info.st_size)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:  # grew since fstat
            raise _TooLarge(len(data))
        return data
    finally:
        os.close(fd)


def _literal_replacement_characters(data: bytes, encoding: str) -> int:
    """U+FFFD characters that are really in the file (validly encoded), as opposed to replacements."""
    if encoding.startswith("utf-8"):
        return data.count(b"\xef\xbf\xbd")
    if encoding == "utf-16":
        return data.decode("utf-16", errors="ignore").count(REPLACEMENT_CHARACTER)
    return 0  # cp1252 and latin-1 cannot encode U+FFFD


def document_warnings(document: Document) -> list[IngestProblem]:
    """Non-fatal problems of a document that was read: recorded in errors.csv, processing goes on."""
    warnings = []
    replaced = document.replaced
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
