"""Stage package: figures (amounts, counts, percentages, measures, dates, ordinals) and their claim links.

``scanner``    the left-to-right scanner, number parsing, normalisation, ``Figure`` records
``component``  the ``claimgraph_figures`` factory
"""

from .scanner import KINDS, QUALIFIERS, RESOURCES, Figure, derive_noun_lemma, extract_figures, load_lexicon, parse_number, parse_number_word

__all__ = [
    "KINDS", "QUALIFIERS", "RESOURCES", "Figure", "derive_noun_lemma", "extract_figures", "load_lexicon",
    "parse_number", "parse_number_word",
]
