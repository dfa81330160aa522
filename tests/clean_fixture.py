"""Shared helpers of the clean-stage round tests (tests/test_boilerplate_r*.py): an article sentence to put around
page furniture, and the texts of the blocks a clean removes or keeps."""

from __future__ import annotations

from pipeline import boilerplate as bp

ARTICLE = ("Der Gemeinderat hat am Dienstagabend den Haushalt für das kommende Jahr mit großer Mehrheit beschlossen, "
           "wie die Verwaltung mitteilte.")


def removed(text: str) -> set[str]:
    return {b.text for b in bp.clean_document(text).blocks if b.is_boilerplate}


def kept(text: str) -> set[str]:
    return {b.text for b in bp.clean_document(text).blocks if not b.is_boilerplate}
