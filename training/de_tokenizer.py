"""Tokenizer adjustments for German news text (used at build time only).

The adjusted prefix/suffix/infix rules and special cases are serialized into the
pipeline's tokenizer, so loading the model needs no code from this file.

Registered as the spaCy callback "claimgraph.de_tokenizer.v1" (used in
training/configs/*.cfg via [initialize.before_init]) and called directly by
training/build_model.py.
"""
import re

import spacy
from spacy.util import compile_infix_regex, compile_suffix_regex

# Gender forms: keep "Teilnehmer:innen", "Lehrer:in", "Expert*innen", "Kolleg_innen" as one token.
_GENDER_LOOKAHEAD = r"(?!in(?:nen)?\b)"

# Abbreviations frequent in news that spaCy's German exceptions lack (self-written list, no external source).
EXTRA_ABBREVIATIONS = [
    "Mrd.", "Mio.", "Tsd.", "Bio.", "bzw.", "ca.", "vgl.", "inkl.", "exkl.", "zzgl.", "ggf.", "evtl.",
    "Nr.", "Abs.", "Art.", "Kap.", "Str.", "Tel.", "Jh.", "Jhd.", "Proz.", "Dr.", "Prof.", "Hrsg.",
    "Dipl.", "Ing.", "Mag.", "Abg.", "Präs.", "Vors.", "Gen.", "Min.", "Staatssekr.", "Bd.",
    "u.a.", "z.B.", "d.h.", "u.U.", "o.ä.", "s.o.", "s.u.", "z.T.", "i.d.R.", "v.a.", "u.v.m.",
    "bzgl.", "insb.", "sog.", "usw.", "etc.", "Jan.", "Feb.", "Apr.", "Aug.", "Sept.", "Okt.",
    "Nov.", "Dez.", "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So.", "St.", "Mt.", "Co.",
]


def customize_tokenizer(nlp):
    tok = nlp.tokenizer
    infixes = []
    for pattern in nlp.Defaults.infixes:
        if re.search(pattern, "Teilnehmer:innen") or re.search(pattern, "Kolleg_innen"):
            pattern = "(?:" + pattern + ")" + _GENDER_LOOKAHEAD
        infixes.append(pattern)
    tok.infix_finditer = compile_infix_regex(infixes).finditer
    # Split a sentence-final period after a four-digit year ("im Jahr 2025."), keep ordinals "3." intact.
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=\b[12][0-9]{3})\."]
    tok.suffix_search = compile_suffix_regex(suffixes).search
    for abbr in EXTRA_ABBREVIATIONS:
        tok.add_special_case(abbr, [{"ORTH": abbr}])
    return nlp


@spacy.registry.callbacks("claimgraph.de_tokenizer.v1")
def make_tokenizer_callback():
    return customize_tokenizer
