"""The cross-document key of an entity: ``global_id`` = ``<label>:<slug of the folded name>``.

``fold_name`` writes umlauts and ß the German way (ö -> oe, ß -> ss), then drops the remaining accents
(é -> e), so "Köhn" and "Kohn" stay two people while "Köhn" and "Koehn" are one. The letter table is
``resources/name_folding.tsv``. The entity component sets ``Entity.global_id`` in every worker; the corpus
tables (``pipeline.output.corpus``) group speakers by it. Nothing heavy is imported here.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources


@functools.lru_cache(maxsize=1)
def _folding_table() -> dict[int, str]:
    table: dict[int, str] = {}
    text = resources.files("pipeline.resources").joinpath("name_folding.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        letter, replacement = line.split("\t")
        table[ord(letter)] = replacement
    return table


def fold_name(text: str) -> str:
    """Lowercase ASCII form of a name: 'Köhn' -> 'koehn', 'Außendorf' -> 'aussendorf', 'António' -> 'antonio'.

    Umlauts are written out before accents are dropped, so 'Köhn' != 'Kohn' (the old key folded
    ö -> o but ß -> ss, which merged different people). Input in decomposed form (o + U+0308) is
    composed first, so both spellings of the same letter give the same key.
    """
    composed = unicodedata.normalize("NFC", text).lower().translate(_folding_table())
    stripped = "".join(c for c in unicodedata.normalize("NFKD", composed) if not unicodedata.combining(c))
    return stripped.encode("ascii", "ignore").decode("ascii")


def name_slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_name(text)).strip("-")


def global_id(label: str, name: str) -> str:
    """The cross-document key of an entity: ``<label>:<slug>`` ('per:marina-koehn', 'org:europaeische-union')."""
    return f"{label.lower()}:{name_slug(name)}"
