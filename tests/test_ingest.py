from pathlib import Path

import pytest

from pipeline.ingest.files import (
    Document,
    IngestError,
    IngestProblem,
    decode_bytes,
    ingest_directory,
    make_doc_ids,
    normalise_newlines,
    read_document,
)

GERMAN = "Die Ministerin sagte: „Die Kosten steigen um 5 € – über 10 % mehr.“"


def _write(directory: Path, name: str, data: bytes) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_utf8_is_decoded_as_is():
    assert decode_bytes(GERMAN.encode("utf-8")) == (GERMAN, "utf-8")


def test_utf8_bom_is_removed_and_recorded():
    text, encoding = decode_bytes(b"\xef\xbb\xbf" + GERMAN.encode("utf-8"))
    assert (text, encoding) == (GERMAN, "utf-8-sig")


def test_cp1252_with_umlauts_and_euro_sign():
    text = "Größere Ausgaben: 5 € für Übungen, „Zitat“ – schön"
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


def test_latin1_bytes_undefined_in_cp1252_fall_back_to_latin1():
    data = "Maß ".encode("latin-1") + b"\x81"
    text, encoding = decode_bytes(data)
    assert encoding == "latin-1" and text.startswith("Maß")


def test_invalid_byte_inside_utf8_is_replaced_not_mojibake():
    data = "Köhn sagte: Überall".encode() + b"\xff" + " Grüße".encode()
    text, encoding = decode_bytes(data)
    assert encoding == "utf-8+replaced"
    assert text == "Köhn sagte: Überall\ufffd Grüße"


def test_utf16_with_bom():
    text, encoding = decode_bytes(GERMAN.encode("utf-16"))
    assert (text, encoding) == (GERMAN, "utf-16")


@pytest.mark.parametrize(
    "raw, expected, style",
    [
        ("a\r\nb\r\n", "a\nb\n", "CRLF"),
        ("a\rb", "a\nb", "CR"),
        ("a\nb", "a\nb", "LF"),
        ("a\r\nb\nc", "a\nb\nc", "mixed"),
        ("ab", "ab", "none"),
    ],
)
def test_newlines_are_normalised(raw, expected, style):
    assert normalise_newlines(raw) == (expected, style)


def test_crlf_file_offsets_refer_to_normalised_text(tmp_path):
    _write(tmp_path, "crlf.txt", "Erste Zeile.\r\nScholz sagte das.\r\n".encode("utf-8"))
    doc = ingest_directory(tmp_path).documents[0]
    assert doc.newlines == "CRLF"
    start = doc.text.index("Scholz")
    assert doc.text[start : start + 6] == "Scholz"
    assert "\r" not in doc.text


def test_empty_and_whitespace_files_are_reported_not_fatal(tmp_path):
    _write(tmp_path, "empty.txt", b"")
    _write(tmp_path, "blank.md", b"  \n\t\n")
    _write(tmp_path, "ok.txt", "Text.".encode())
    result = ingest_directory(tmp_path)
    assert [d.path for d in result.documents] == ["ok.txt"]
    assert {(p.path, p.problem) for p in result.problems} == {("empty.txt", "empty"), ("blank.md", "empty")}


@pytest.mark.parametrize(
    "data, what",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"abc\x00\x00\x00def\x00\x00\x00" * 20, "NUL"),
    ],
)
def test_binary_files_are_reported_with_their_kind(tmp_path, data, what):
    path = _write(tmp_path, "scan.txt", data)
    outcome = read_document(path, tmp_path, "scan")
    assert isinstance(outcome, IngestProblem)
    assert outcome.problem == "binary" and what in outcome.message


def test_too_large_file_is_reported(tmp_path):
    path = _write(tmp_path, "big.txt", b"a" * 101)
    outcome = read_document(path, tmp_path, "big", max_bytes=100)
    assert isinstance(outcome, IngestProblem) and outcome.problem == "too_large"


def test_discovery_is_recursive_sorted_and_only_txt_md(tmp_path):
    _write(tmp_path, "b.txt", b"B")
    _write(tmp_path, "sub/a.md", b"A")
    _write(tmp_path, "sub/skip.pdf", b"%PDF")
    _write(tmp_path, ".hidden.txt", b"H")
    result = ingest_directory(tmp_path)
    assert [d.path for d in result.documents] == ["b.txt", "sub/a.md"]
    assert result.documents[0].doc_id == "b"
    assert result.documents[1].doc_id.startswith("sub-a-")


def test_symlink_outside_input_is_not_followed(tmp_path):
    outside = _write(tmp_path, "secret/passwd.txt", b"root")
    inside = tmp_path / "raw"
    inside.mkdir()
    (inside / "link.txt").symlink_to(outside)
    _write(inside, "ok.txt", b"Text")
    result = ingest_directory(inside)
    assert [d.path for d in result.documents] == ["ok.txt"]
    assert result.problems[0].problem == "outside_input"


def test_doc_ids_are_readable_and_disambiguated_stably():
    ids = make_doc_ids(["Berichte/KI Gipfel.txt", "berichte-ki-gipfel.md", "Über uns.txt", "ki-gipfel.txt"])
    assert ids["ki-gipfel.txt"] == "ki-gipfel"  # a name already in id form is the id
    assert ids["Über uns.txt"].startswith("ueber-uns-")
    assert ids["Berichte/KI Gipfel.txt"].startswith("berichte-ki-gipfel-")
    assert ids["Berichte/KI Gipfel.txt"] != ids["berichte-ki-gipfel.md"]
    assert len(set(ids.values())) == len(ids)


def test_doc_id_of_a_file_never_changes_when_look_alike_files_are_added():
    """Issue 14: adding 'teil00/KI Aktionsgipfel Paris 00016.md' changed the id of an unchanged file."""
    existing = ["teil00-ki-aktionsgipfel-paris-00016.txt", "Teil00 KI Aktionsgipfel Paris 00016.txt", "notes.md"]
    before = make_doc_ids(existing)
    after = make_doc_ids(existing + ["teil00/KI Aktionsgipfel Paris 00016.md", "teil00/ki aktionsgipfel paris 00016.txt", "notes.txt"])
    for path in existing:
        assert after[path] == before[path], path
    assert len(set(after.values())) == len(after)


def test_raw_file_is_not_modified_and_hash_recorded(tmp_path):
    data = "Text mit CRLF\r\n".encode("cp1252")
    path = _write(tmp_path, "x.txt", data)
    doc = ingest_directory(tmp_path).documents[0]
    assert path.read_bytes() == data
    assert isinstance(doc, Document) and len(doc.sha256) == 64 and doc.n_bytes == len(data)


def test_missing_directory_is_an_error(tmp_path):
    with pytest.raises(IngestError, match="not found"):
        ingest_directory(tmp_path / "nope")
