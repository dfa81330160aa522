"""The reporting lexicons (verbs and nouns of saying, thinking, writing; "laut"/"zufolge" cues) as lookup tables.

The resource files list lemmas only; the inflected forms a cue can take in running text (present, past,
Konjunktiv I, participle, the particle-joined forms of subordinate clauses such as "mitteilte") are generated
here by the regular rules of German verb inflection, with the strong stems taken from the file. Matching
on forms as well as on ``token.lemma_`` keeps the rules working when the lemmatizer is weak or absent.
"""

from __future__ import annotations

from .. import resources
from dataclasses import dataclass

RESOURCES = resources.RESOURCES

# Verb prefixes that are never separated and suppress "ge-" in the participle ("erklärt", "verlangt").
INSEPARABLE_PREFIXES = resources.word_list("reporting_inseparable_prefixes")
# Verbs that merely start with a prefix-like string.
NOT_PREFIXED = resources.words("reporting_not_prefixed")


@dataclass(frozen=True)
class ReportingVerb:
    lemma: str  # infinitive with separable particle: "mitteilen"
    particle: str | None  # "mit"
    reflexive: bool
    prep: str | None  # "für", "auf"
    prep_required: bool
    stwr: str
    clause: str  # act | yes | only | no
    addressee: frozenset[str] = frozenset()  # dative | accusative | appeal: how the verb names its addressee
    alone: frozenset[str] = frozenset()  # any | thing | addressee | participle | a preposition: its stance reading without a clause
    inform: frozenset[str] = frozenset()  # clause | object | a preposition: how a verb of informing passes it on

    @property
    def base(self) -> str:
        """The verb without its separable particle ("teilen" for "mitteilen")."""
        if self.particle and self.lemma.startswith(self.particle):
            return self.lemma[len(self.particle):].strip()
        return self.lemma


@dataclass(frozen=True)
class VerbForm:
    verb: ReportingVerb
    joined: bool  # the form contains the particle ("mitteilte", "mitgeteilt") or the verb has none
    kind: str  # finite | participle | infinitive


@dataclass(frozen=True)
class ReportingNoun:
    noun: str
    stwr: str
    source: bool  # can head "nach Angaben von X"


@dataclass(frozen=True)
class AccordingTo:
    words: tuple[str, ...]
    position: str  # pre | post | final | anaphoric
    needs: str  # noun | any


def _rows(name: str) -> list[dict[str, str]]:
    return resources.records(name)


def _dash(value: str) -> str | None:
    value = (value or "").strip()
    return None if value in ("", "-") else value


def _has_inseparable_prefix(verb: str) -> bool:
    if verb in NOT_PREFIXED or verb.endswith("ieren"):
        return verb.endswith("ieren")
    return any(verb.startswith(p) and len(verb) - len(p) >= 4 for p in INSEPARABLE_PREFIXES)


def _needs_e(stem: str) -> bool:
    """Epenthetic e: "antwort-e-t", "bild-e-t", "rechn-e-t", "zeichn-e-t"."""
    if stem.endswith(("t", "d")):
        return True
    if stem.endswith(("chn", "chm")):  # "ch" is a consonant, not a lengthening h: "bezeichn-e-t", "rechn-e-t"
        return True
    return len(stem) >= 2 and stem[-1] in "mn" and stem[-2] not in "aeiouäöülrhmn"


def weak_forms(infinitive: str) -> dict[str, str]:
    """Forms of a weak verb without particle, each with its kind."""
    if infinitive.endswith(("eln", "ern")):
        stem = infinitive[:-1]
        e = ""
    else:
        stem = infinitive[:-2] if infinitive.endswith("en") else infinitive[:-1]
        e = "e" if _needs_e(stem) else ""
    finite = {
        stem + "e", infinitive, stem + e + "st", stem + e + "t", stem + e + "te", stem + e + "ten",
        stem + e + "test", stem + e + "tet", stem + "est", stem + "et",
    }
    if infinitive.endswith(("eln", "ern")):
        finite |= {infinitive[:-3] + infinitive[-2] + "e"}  # "äußre"
    participle = stem + e + "t" if _has_inseparable_prefix(infinitive) else "ge" + stem + e + "t"
    out = {f: "finite" for f in finite}
    out[participle] = "participle"
    out[infinitive] = "infinitive"
    return out


def strong_forms(infinitive: str, strong: str) -> dict[str, str]:
    """Forms of a strong or irregular verb from "past stem|participle|3sg present"."""
    past, participle, third = strong.split("|")
    stem = infinitive[:-2] if infinitive.endswith("en") else infinitive[:-1]
    past_plural = past + ("n" if past.endswith("e") else "en")
    finite = {stem + "e", infinitive, stem + "st", stem + "t", stem + "et", stem + "est", third, past, past_plural,
              past + ("st" if not past.endswith("e") else "st"), past + "t", past + "et"}
    out = {f: "finite" for f in finite}
    out[participle] = "participle"
    out[infinitive] = "infinitive"
    return out


@resources.memoised
def verbs() -> tuple[ReportingVerb, ...]:
    out = []
    for row in _rows("reporting_verbs.tsv"):
        prep = _dash(row["prep"])
        out.append(
            ReportingVerb(
                lemma=row["lemma"].strip(),
                particle=_dash(row["particle"]),
                reflexive=_dash(row["reflexive"]) == "sich",
                prep=prep.rstrip("!") if prep else None,
                prep_required=bool(prep and prep.endswith("!")),
                stwr=row["stwr"].strip(),
                clause=row["clause"].strip(),
                addressee=frozenset((_dash(row["addressee"]) or "").split(",")) - {""},
                alone=frozenset((_dash(row.get("alone")) or "").split(",")) - {""},
                inform=frozenset((_dash(row.get("inform")) or "").split(",")) - {""},
            )
        )
    return tuple(out)


@resources.memoised
def _strong() -> dict[str, str]:
    return {row["lemma"].strip(): row["strong"].strip() for row in _rows("reporting_verbs.tsv") if _dash(row["strong"])}


@resources.memoised
def verb_forms() -> dict[str, tuple[VerbForm, ...]]:
    """Lower-cased word form (or lemma) -> the reporting verbs it can be a form of."""
    table: dict[str, list[VerbForm]] = {}

    def add(form: str, vf: VerbForm) -> None:
        # Swiss and Liechtenstein orthography writes no "ß" ("äusserte", "liess verlauten"): both spellings
        for spelling in {form.lower(), form.lower().replace("ß", "ss")}:
            bucket = table.setdefault(spelling, [])
            if vf not in bucket:
                bucket.append(vf)

    strong = _strong()
    for verb in verbs():
        base = verb.base
        if " " in base:  # "stark machen": only the verb part inflects
            base = base.split()[-1]
        forms = strong_forms(base, strong[verb.lemma]) if verb.lemma in strong else weak_forms(base)
        for form, kind in forms.items():
            if verb.particle and " " not in verb.lemma:
                # main clause: "teilte ... mit" (particle elsewhere); subordinate clause: "mitteilte"
                add(form, VerbForm(verb, joined=False, kind=kind))
                add(verb.particle + form, VerbForm(verb, joined=True, kind=kind))
            elif verb.particle:
                add(form, VerbForm(verb, joined=False, kind=kind))
            else:
                add(form, VerbForm(verb, joined=True, kind=kind))
        add(verb.lemma.replace(" ", ""), VerbForm(verb, joined=True, kind="lemma"))
        if verb.particle:
            add(base, VerbForm(verb, joined=False, kind="lemma"))
    return {k: tuple(v) for k, v in table.items()}


@resources.memoised
def nouns() -> dict[str, ReportingNoun]:
    """Lower-cased noun form -> entry (singular and the listed inflected forms)."""
    table = {}
    for row in _rows("reporting_nouns.tsv"):
        entry = ReportingNoun(row["noun"].strip(), row["stwr"].strip(), row["source"].strip() == "yes")
        for form in [row["noun"], *(_dash(row["forms"]) or "").split()]:
            table.setdefault(form.strip().lower(), entry)
    return table


@resources.memoised_by_argument(65536)  # the suffix search runs over the whole noun table: once per word form
def noun_entry(word: str) -> ReportingNoun | None:
    """The reporting noun ``word`` is or ends in ("Polizeiangaben" -> "Angabe")."""
    low = word.lower()
    table = nouns()
    if low in table:
        return table[low]
    for form, entry in table.items():
        if len(form) >= 5 and low.endswith(form) and len(low) - len(form) >= 3:
            return entry
    return None


@resources.memoised
def according_to() -> tuple[AccordingTo, ...]:
    return tuple(
        AccordingTo(tuple(row["cue"].strip().split()), row["position"].strip(), row["needs"].strip())
        for row in _rows("according_to.tsv")
    )


@resources.memoised
def according_to_by_first_word() -> dict[str, tuple[AccordingTo, ...]]:
    """The "laut X" cues grouped by their first word, each group in the file's order (which sets precedence)."""
    groups: dict[str, list[AccordingTo]] = {}
    for entry in according_to():
        groups.setdefault(entry.words[0], []).append(entry)
        swiss = tuple(w.replace("ß", "ss") for w in entry.words)  # "gemäss" (Swiss orthography)
        if swiss != entry.words:
            groups.setdefault(swiss[0], []).append(AccordingTo(swiss, entry.position, entry.needs))
    return {word: tuple(entries) for word, entries in groups.items()}
