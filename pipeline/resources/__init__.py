"""The one home of the pipeline's lexicons and pattern files, and the one loader for them.

Every file here is data with a header saying what it is for and where it comes from (``#`` lines). Stage code
asks this module for a file's rows, never opens a resource itself:

``rows(name)``        data lines of a tab-separated file, split into fields
``records(name)``     the same as dicts, keyed by the file's first data line (a column header)
``words(name)``       the word set of a one-column list in ``lexicons/`` (see ``lexicons/README.md``)
``text(name)``        the file's text (for loaders with a format of their own, e.g. EntityRuler JSONL)

Which files are read is decided by the active ``ResourceSet``: the shipped files by default; inside a
component's call the set the component carries (loaded in ``initialize()``, saved with ``to_disk`` and read back
with ``from_disk``), so a saved pipeline keeps its lexicons. Lexicons built from the files are memoised per set
(``memoised``, ``memoised_by_argument``), never in module globals.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TypeVar

RESOURCES = Path(__file__).resolve().parent
LEXICONS = "lexicons"  # one-column word lists, one file each
T = TypeVar("T")


def path(name: str) -> Path:
    """Path of a shipped resource file; a missing file is an error naming it."""
    file = RESOURCES / name
    if not file.is_file():
        raise FileNotFoundError(f"resource file {file} does not exist")
    return file


class ResourceSet:
    """The texts of the resource files a component uses, and the lexicons built from them.

    ``names=None`` allows every shipped file (the default set outside components). A set made with ``texts``
    (from ``from_disk``) serves only those texts; a set without them reads the shipped files and shares their
    memo with every other shipped set, so a hundred pipelines in one process build each lexicon once.
    """

    _shipped_texts: dict[str, str] = {}
    _shipped_memo: dict = {}

    def __init__(self, names: Iterable[str] | None = None, texts: dict[str, str] | None = None):
        self.names = None if names is None else tuple(names)
        self.shipped = texts is None
        self._texts = ResourceSet._shipped_texts if texts is None else dict(texts)
        self.memo = ResourceSet._shipped_memo if texts is None else {}

    def text(self, name: str) -> str:
        if self.names is not None and name not in self.names:
            raise KeyError(f"resource file {name!r} is not declared by the component reading it (declared: {', '.join(self.names)})")
        try:
            return self._texts[name]
        except KeyError:
            if not self.shipped:
                raise KeyError(f"resource file {name!r} is missing from this saved pipeline") from None
            text = self._texts[name] = path(name).read_text(encoding="utf-8")
            return text

    def load_all(self) -> ResourceSet:
        for name in self.names or ():
            self.text(name)
        return self

    def to_disk(self, directory: Path) -> None:
        for name in self.names or ():
            target = Path(directory) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self.text(name), encoding="utf-8")

    @classmethod
    def from_disk(cls, directory: Path, names: Iterable[str]) -> ResourceSet:
        names = tuple(names)
        missing = [n for n in names if not (Path(directory) / n).is_file()]
        if missing:
            raise FileNotFoundError(f"saved pipeline {directory} lacks resource file(s) {', '.join(missing)}")
        return cls(names, {n: (Path(directory) / n).read_text(encoding="utf-8") for n in names})


SHIPPED = ResourceSet()
_ACTIVE: ContextVar[ResourceSet] = ContextVar("claimgraph_resources", default=SHIPPED)


def active() -> ResourceSet:
    return _ACTIVE.get()


@contextmanager
def using(resource_set: ResourceSet) -> Iterator[ResourceSet]:
    """Make ``resource_set`` the one the lexicon functions read while the block runs (a component's call)."""
    token = _ACTIVE.set(resource_set)
    try:
        yield resource_set
    finally:
        _ACTIVE.reset(token)


def memoised(builder: Callable[[], T]) -> Callable[[], T]:
    """A lexicon builder run once per active resource set."""

    @functools.wraps(builder)
    def wrapper() -> T:
        memo = _ACTIVE.get().memo
        try:
            return memo[builder]
        except KeyError:
            value = memo[builder] = builder()
            return value

    return wrapper


def memoised_by_argument(maxsize: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """A look-up on lexicon data cached per argument and per active set (emptied when it grows past ``maxsize``)."""

    def decorate(func: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(func)
        def wrapper(*args):
            memo = _ACTIVE.get().memo
            cache = memo.get(func)
            if cache is None:
                cache = memo[func] = {}
            try:
                return cache[args]
            except KeyError:
                if len(cache) >= maxsize:
                    cache.clear()
                value = cache[args] = func(*args)
                return value

        return wrapper

    return decorate


def text(name: str) -> str:
    return _ACTIVE.get().text(name)


def _data_lines(name: str) -> list[str]:
    return [line for line in text(name).split("\n") if line.strip() and not line.startswith("#")]


def rows(name: str) -> list[list[str]]:
    """Data lines of a tab-separated resource (blank lines and ``#`` comments skipped), split at tabs."""
    return [line.split("\t") for line in _data_lines(name)]


def _entries(name: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text(f"{LEXICONS}/{name}.txt").split("\n") if line.strip() and not line.startswith("#"))


def words(name: str) -> frozenset[str]:
    """The entries of the word list ``lexicons/<name>.txt`` (read once, when the stage module is imported)."""
    return frozenset(_entries(name))


def word_list(name: str) -> tuple[str, ...]:
    """The entries of ``lexicons/<name>.txt`` in file order."""
    return _entries(name)


def records(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated resource whose first data line names the columns."""
    return list(csv.DictReader(_data_lines(name), delimiter="\t"))
