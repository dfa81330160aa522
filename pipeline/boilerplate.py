"""Stage 2: split a document into blocks and remove boilerplate (consent, newsletter, cookies ...).

INTERFACE CONTRACT (implementation in progress): ``clean_document`` returns a ``CleanResult``
whose ``clean_text`` has exactly the length of the raw text, boilerplate characters replaced by
spaces (newlines kept), so that character offsets in the cleaned text are raw-text offsets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

CATEGORIES = ("consent", "newsletter", "privacy", "cookie", "advertising", "navigation", "social", "credit", "subscription", "other")


@dataclass(frozen=True)
class Block:
    block_index: int
    start_char: int
    end_char: int
    text: str
    category: str  # "content" or one of CATEGORIES
    is_boilerplate: bool
    score: float
    signals: tuple[tuple[str, float], ...] = ()
    flags: tuple[str, ...] = ()  # metadata about content blocks: date, byline, caption, heading


@dataclass(frozen=True)
class CleanResult:
    blocks: tuple[Block, ...]
    clean_text: str
    date: str | None = None  # ISO date found in a metadata line ("Stand: 08.12.2025")

    @property
    def chars_removed(self) -> int:
        return sum(b.end_char - b.start_char for b in self.blocks if b.is_boilerplate)

    @property
    def chars_kept(self) -> int:
        return sum(b.end_char - b.start_char for b in self.blocks if not b.is_boilerplate)

    @property
    def removed_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.is_boilerplate]


@dataclass(frozen=True)
class Lexicon:
    phrases: tuple = ()


def load_lexicon(extra_phrase_files: Sequence[Path] = ()) -> Lexicon:
    return Lexicon()


def clean_document(raw_text: str, *, strip: bool = True, lexicon: Lexicon | None = None) -> CleanResult:
    block = Block(0, 0, len(raw_text), raw_text, "content", False, 0.0)
    return CleanResult(blocks=(block,), clean_text=raw_text)
