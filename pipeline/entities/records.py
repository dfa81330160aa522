"""Records of the entity stage: one ``Mention`` per occurrence, one ``Entity`` per linked cluster (the rows of
mentions.csv and entities.csv)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .roles import RoleMatch


@dataclass
class Mention:
    mention_id: str
    entity_id: str
    text: str
    label: str  # PER ORG LOC MISC
    start_char: int
    end_char: int
    sent_index: int
    link_method: str  # full_name surname_alias acronym name_variant pronoun role_description
    start: int = -1  # token index in the Doc
    end: int = -1
    evidence: str = ""


@dataclass
class Entity:
    entity_id: str
    label: str
    canonical_name: str
    acronym: str | None = None
    n_mentions: int = 0
    roles: tuple[str, ...] = ()
    affiliation: tuple[str, ...] = ()
    gender: str | None = None  # female | male | None
    number: str = "sing"  # sing | plur
    global_id: str = ""
    # Structured evidence for description matching (not exported).
    role_matches: tuple[RoleMatch, ...] = field(default=(), repr=False)
    org_keys: frozenset[str] = field(default=frozenset(), repr=False)  # folded affiliation names, acronyms, prefixes
    nationalities: frozenset[str] = field(default=frozenset(), repr=False)
    parties: frozenset[str] = field(default=frozenset(), repr=False)
    gender_evidence: str = field(default="", repr=False)
    role_ending_gender: str | None = field(default=None, repr=False)  # from a role noun the lexicon lacks
    aliases: frozenset[str] = field(default=frozenset(), repr=False)  # folded names this entity answers to
