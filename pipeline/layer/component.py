"""What every stage component shares: its lexicons as a ``ResourceSet``, loaded in ``initialize()``, saved with
``to_disk`` and read back with ``from_disk`` (so ``spacy.load`` of a saved pipeline uses the saved lexicons).

A component added with ``nlp.add_pipe`` and used without ``nlp.initialize()`` reads the shipped files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.tokens import Doc

from .. import resources

RESOURCE_DIR = "resources"


class StageComponent:
    resource_files: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.resources = resources.ResourceSet(self.resource_files)

    def initialize(self, get_examples: Callable[[], Iterable] | None = None, *, nlp=None) -> None:
        """Load the lexicon files now (not at the first document)."""
        self.resources = resources.ResourceSet(self.resource_files).load_all()

    def __call__(self, doc: Doc) -> Doc:
        with resources.using(self.resources):
            return self.process(doc)

    def process(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.resources.to_disk(path / RESOURCE_DIR)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> StageComponent:
        self.resources = resources.ResourceSet.from_disk(Path(path) / RESOURCE_DIR, self.resource_files)
        return self
