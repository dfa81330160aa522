"""One adapter from dependency labels to the few grammatical roles the rules need.

The official German pipelines label dependencies in the TIGER scheme (``sb``, ``oc``, ``cp`` ...),
the project's own pipeline in Universal Dependencies (``nsubj``, ``ccomp``, ``mark`` ...). Rules
never compare ``token.dep_`` with a literal; they ask for a role here, so both families work.
See ``../shared/docs/german-label-schemes.md`` for the correspondence.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import DEP
from spacy.tokens import Doc, Token

from .document import layer_of

SUBJECT = "subject"
AGENT = "agent"  # "von X" in a passive
OBJECT = "object"  # accusative object
DATIVE = "dative"  # dative object: often the addressee of speech
CLAUSAL_COMPLEMENT = "clausal_complement"  # "sagte, dass ...", "sagte, Europa müsse ..."
COMPLEMENTIZER = "complementizer"  # "dass", "ob"
REPORTED = "reported"  # direct speech or an inserted frame attached to the verb of saying
MODIFIER = "modifier"  # adverbials, "laut X", "X zufolge"
APPOSITION = "apposition"
NAME_PART = "name_part"
PARTICLE = "particle"  # separable verb particle: "hob ... hervor"
CONJUNCT = "conjunct"
COORDINATOR = "coordinator"
RELATIVE_CLAUSE = "relative_clause"
NOUN_ATTRIBUTE = "noun_attribute"  # genitive or prepositional attribute of a noun
PREDICATIVE = "predicative"
EXPLETIVE = "expletive"
ROOT = "root"

TIGER_ROLES: dict[str, tuple[str, ...]] = {
    "sb": (SUBJECT,),
    "sbp": (AGENT,),
    "oa": (OBJECT,),
    "oa2": (OBJECT,),
    "da": (DATIVE,),
    "oc": (CLAUSAL_COMPLEMENT,),
    "cp": (COMPLEMENTIZER,),
    "rs": (REPORTED,),
    "par": (REPORTED,),
    "mo": (MODIFIER,),
    "app": (APPOSITION,),
    "pnc": (NAME_PART,),
    "svp": (PARTICLE,),
    "cj": (CONJUNCT,),
    "cd": (COORDINATOR,),
    "rc": (RELATIVE_CLAUSE,),
    "ag": (NOUN_ATTRIBUTE,),
    "pg": (NOUN_ATTRIBUTE,),
    "mnr": (NOUN_ATTRIBUTE, MODIFIER),
    "pd": (PREDICATIVE,),
    "ep": (EXPLETIVE,),
    "ROOT": (ROOT,),
}

UD_ROLES: dict[str, tuple[str, ...]] = {
    "nsubj": (SUBJECT,),
    "nsubj:pass": (SUBJECT,),
    "csubj": (SUBJECT,),
    "csubj:pass": (SUBJECT,),
    "obl:agent": (AGENT,),
    "obj": (OBJECT,),
    "iobj": (DATIVE,),
    "ccomp": (CLAUSAL_COMPLEMENT,),
    "xcomp": (CLAUSAL_COMPLEMENT,),
    "mark": (COMPLEMENTIZER,),
    "parataxis": (REPORTED,),
    "advmod": (MODIFIER,),
    "obl": (MODIFIER,),
    "obl:tmod": (MODIFIER,),
    "advcl": (MODIFIER,),
    "appos": (APPOSITION,),
    "flat": (NAME_PART,),
    "flat:name": (NAME_PART,),
    "compound:prt": (PARTICLE,),
    "conj": (CONJUNCT,),
    "cc": (COORDINATOR,),
    "acl:relcl": (RELATIVE_CLAUSE,),
    "nmod": (NOUN_ATTRIBUTE,),
    "nmod:poss": (NOUN_ATTRIBUTE,),
    "expl": (EXPLETIVE,),
    "expl:pv": (EXPLETIVE,),
    "ROOT": (ROOT,),
    "root": (ROOT,),
}

# Labels that exist in only one scheme identify it.
_TIGER_ONLY = {"sb", "oc", "cp", "nk", "mo", "oa", "pnc", "svp", "rs", "par", "sbp", "da", "ag", "cj", "cd"}
_UD_ONLY = {"nsubj", "ccomp", "mark", "obj", "obl", "advmod", "det", "amod", "case", "flat", "flat:name", "compound:prt", "conj", "cc", "nmod"}


def label_scheme(doc: Doc) -> str:
    """``tiger``, ``ud``, or ``none`` (no parse) for a Doc."""
    if not doc.has_annotation("DEP"):
        return "none"
    strings = doc.vocab.strings
    labels = {strings[h] if h else "" for h in set(doc.to_array(DEP).tolist())}  # {t.dep_ for t in doc}, no Token views
    tiger, ud = len(labels & _TIGER_ONLY), len(labels & _UD_ONLY)
    if not tiger and not ud:
        return "none"
    return "tiger" if tiger >= ud else "ud"


# label -> roles: a TIGER label's roles win over a UD label of the same spelling (only "ROOT", with the same roles)
_ROLES_OF_LABEL: dict[str, tuple[str, ...]] = {**UD_ROLES, **{k: v for k, v in TIGER_ROLES.items() if v}}


def roles(token: Token) -> tuple[str, ...]:
    """The grammatical roles of ``token`` with respect to its head, in either label scheme."""
    return _ROLES_OF_LABEL.get(token.dep_, ())


def has_role(token: Token, role: str) -> bool:
    return role in roles(token)


def children_with_role(token: Token, role: str) -> Iterator[Token]:
    """``(c for c in token.children if has_role(c, role))``, read from the layer: a view only for the matches."""
    doc = token.doc
    layer = layer_of(doc)
    dep = layer.dep
    return (doc[j] for j in layer.children_of(token.i) if role in _ROLES_OF_LABEL.get(dep[j], ()))


def first_child_with_role(token: Token, role: str) -> Token | None:
    return next(children_with_role(token, role), None)


def is_parsed(doc: Doc) -> bool:
    return label_scheme(doc) != "none"
