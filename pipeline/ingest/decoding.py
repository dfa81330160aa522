"""Bytes of a text file -> text: encoding detection and newline normalisation (shared by plain-text and HTML input)."""

from __future__ import annotations

import codecs
import re


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes, returning ``(text, encoding)``.

    Order: BOMs (UTF-8, UTF-16), strict UTF-8, mostly-UTF-8 with a few invalid bytes
    (decoded with U+FFFD replacements, recorded as ``utf-8+replaced``), cp1252, latin-1.
    cp1252 rather than latin-1 is tried first because German Windows text uses its
    euro sign and typographic quotes (0x80-0x9F).
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_like_damaged_utf8(data):
        return data.decode("utf-8", errors="replace"), "utf-8+replaced"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _looks_like_damaged_utf8(data: bytes) -> bool:
    """True when valid multi-byte UTF-8 sequences outnumber the stray high bytes."""
    sequences = _UTF8_MULTIBYTE.findall(data)
    stray_high_bytes = sum(1 for b in data if b >= 0x80) - sum(len(s) for s in sequences)
    return bool(sequences) and len(sequences) >= stray_high_bytes


def normalise_newlines(text: str) -> tuple[str, str]:
    """Convert CRLF and lone CR to LF; report the style the file used."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    styles = [name for name, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
    style = styles[0] if len(styles) == 1 else ("mixed" if styles else "none")
    if crlf or cr:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, style
