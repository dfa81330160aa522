"""Tell German texts from English, French and other input, so only German is mined for claims.

A function-word count is enough for whole news articles (hundreds of words): it needs no model,
is deterministic and fast. Short or mixed texts below ``MIN_EVIDENCE`` matches are ``und``
(undetermined) and are treated like German, so that a short German note is never dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

MIN_EVIDENCE = 5
SAMPLE_CHARS = 20_000
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    text = resources.files("pipeline.resources").joinpath("function_words.tsv").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            language, words = line.split("\t", 1)
            table[language] = frozenset(words.split())
    return table


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language with most function-word hits (``de``, ``en``, ``fr``), or ``und``."""
    counts = dict.fromkeys(function_words(), 0)
    for word in _WORD.findall(text[:SAMPLE_CHARS].lower()):
        for language, words in function_words().items():
            if word in words:
                counts[language] += 1
    best = max(counts, key=lambda lang: (counts[lang], lang == "de"))
    return best if counts[best] >= MIN_EVIDENCE else "und"


def is_minable(language: str) -> bool:
    """Claims, entities and figures are extracted from German (and undetermined) text only."""
    return language in ("de", "und")
