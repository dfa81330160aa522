"""Stage package: people and organisations.

``extract``    names (NER cleaned + rules + patterns file), linking, the API the claims stage asks
``roles``      role nouns, titles, parties, affiliations around a name
``coref``      pronoun antecedents and definite descriptions ("der UN-Chef")
``records``    ``Mention`` and ``Entity`` (rows of mentions.csv and entities.csv)
``component``  the ``claimgraph_entities`` factory
"""

from .extract import (
    LABELS,
    PATTERNS_ENV,
    MissingEntitiesError,
    entity_for_span,
    extract_entities,
    find_names,
    load_patterns,
    require_entities,
    resolve_description,
    resolve_pronoun,
)
from .records import Entity, Mention

__all__ = [
    "LABELS", "PATTERNS_ENV", "Entity", "Mention", "MissingEntitiesError", "entity_for_span", "extract_entities",
    "find_names", "load_patterns", "require_entities", "resolve_description", "resolve_pronoun",
]
