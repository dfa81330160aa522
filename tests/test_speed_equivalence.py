"""Code paths that exist for speed only (issue 16) give exactly the result of the plain path."""

from __future__ import annotations

import dataclasses
import json

from pipeline.boilerplate import rules
from pipeline.boilerplate.rules import _regex_alternatives

BLOCKS = [
    "Die Ministerin sagte am Dienstag, die Reform komme im Herbst.",
    "Wir verwenden Cookies, um Ihnen ein besseres Nutzungserlebnis zu bieten. Alle akzeptieren",
    "Bitte deaktivieren Sie Ihren Werbeblocker, um weiterzulesen.",
    "Startseite > Politik > Inland",
    "Lesen Sie auch: Wie die Stadt ihre Schulen saniert",
    "LESEN SIE AUCH: WIE DIE STADT IHRE SCHULEN SANIERT",
    # characters whose case-insensitive match differs from str.lower(): the alternatives test is not used
    "Leſen Sie auch: Wie die Stadt ihre Schulen ſaniert",
    "İnformationen zum Datenschutz und zu Cookies",
    "Teilen auf Facebook | Twitter | WhatsApp | E-Mail",
    "Zurück zur Startseite",
    # one-character alternatives ("@", "x", ":")
    "Kontakt: E-Mail: redaktion@beispiel.example",
    "Folgen Sie uns auf X: @beispielzeitung",
    "Mehr auf Instagram: @beispielzeitung und bei Threads",
]


def test_alternatives_of_a_group_of_words():
    assert _regex_alternatives(r"\b(?:sagte|erklärte)\s+er") == ("sagte", "erklärte")
    assert _regex_alternatives(r"\bWerbeblocker|adblocker\b") == ("werbeblocker", "adblocker")


def test_no_alternatives_where_a_match_need_not_contain_one():
    assert _regex_alternatives(r"(?:sagte)?\s+\w+") is None  # optional group
    assert _regex_alternatives(r"\s[>›»|]\s\w+") is None  # classes only
    assert _regex_alternatives(r"\b(?:sagte|\d+)\b") is None  # one branch without literal text
    assert _regex_alternatives(r"(?=Anzeige)\w+") is None  # a lookahead is not part of the match


def test_hits_identical_with_and_without_the_pretests():
    lexicon = rules.load_lexicon()
    assert any(p.anchors for p in lexicon.phrases)
    bare = rules.Lexicon(phrases=tuple(dataclasses.replace(p, anchors=None) for p in lexicon.phrases), metadata=lexicon.metadata)
    for text in BLOCKS:
        with_tests = [(a, b, p.pattern) for a, b, p in rules._lexicon_hits(text, lexicon)]
        assert with_tests == [(a, b, p.pattern) for a, b, p in rules._lexicon_hits(text, bare)], text


def test_cleaned_interim_record_is_the_dataclass_as_json():
    from pipeline import boilerplate
    from pipeline.run.runner import _cleaned_record

    result = boilerplate.clean_document("\n".join(BLOCKS) + "\nStand: 08.12.2025")
    assert any(b.signals for b in result.blocks) and result.date
    as_json = json.dumps(_cleaned_record("d1", result), ensure_ascii=False)
    assert as_json == json.dumps({"doc_id": "d1", **dataclasses.asdict(result)}, ensure_ascii=False)


def test_fragment_lookup_finds_every_fragment_a_substring_search_finds():
    lexicon = rules.load_lexicon()
    short, groups, owners, _, _ = rules._fragment_index(lexicon)
    assert set(short) | {f for g in groups.values() for f in g} == set(owners)
    for text in BLOCKS + ["", "abo", "Foto: dpa", "Mehr zum Thema"]:
        lowered = text.lower()
        assert sorted(rules._fragments_in(lowered, short, groups)) == sorted(f for f in owners if f in lowered), text


def test_count_regexes_give_the_same_matches_behind_their_gates():
    assert rules._required_fragments(rules._LINKS) == ("http", "www.", "@")
    assert rules._required_fragments(rules._POSTAL) is None  # "10115 Berlin": no literal text needed
    texts = BLOCKS + [
        "Ich habe mich gefreut, sagte sie. Mein Fazit: Wir sehen uns wieder!",
        "Mehr unter www.beispiel.example oder per E-Mail an redaktion@beispiel.example",
        "Gemäß § 5 TMG und Art. 13 DSGVO: Beispiel GmbH, Hauptstraße 5, 10115 Berlin",
        "Jetzt abonnieren und Vorteile sichern",
        "Bitte beachten Sie: Sie können Ihre Daten jederzeit ändern.",
        "Die Regierung will die Reform im Herbst beschließen, hieß es in Berlin.",
    ]
    for regex in rules._GATES:
        for text in texts:
            assert rules._findall(regex, text) == regex.findall(text), (regex.pattern, text)
            assert bool(rules._search(regex, text)) == bool(regex.search(text)), (regex.pattern, text)


def _reported_speech_doc(scheme: str):
    """'Der Minister sagte, die Reform komme im Herbst, und lachte.' parsed by hand in either label scheme, with
    morphology (a field with two values, an empty analysis) and a token without a label."""
    import spacy
    from spacy.tokens import Doc

    words = ["Der", "Minister", "sagte", ",", "die", "Reform", "komme", "im", "Herbst", ",", "und", "lachte", ".", "\n"]
    spaces = [True, True, False, True, True, True, True, True, False, True, True, False, False, False]
    heads = [1, 2, 2, 2, 5, 6, 2, 6, 7, 2, 11, 2, 2, 12]
    tiger = ["nk", "sb", "ROOT", "punct", "nk", "sb", "oc", "mo", "nk", "punct", "cd", "cj", "punct", ""]
    ud = ["det", "nsubj", "ROOT", "punct", "det", "nsubj", "ccomp", "obl", "nmod", "punct", "cc", "conj", "punct", ""]
    tags = ["ART", "NN", "VVFIN", "$,", "ART", "NN", "VVFIN", "APPRART", "NN", "$,", "KON", "VVFIN", "$.", "_SP"]
    pos = ["DET", "NOUN", "VERB", "PUNCT", "DET", "NOUN", "VERB", "ADP", "NOUN", "PUNCT", "CCONJ", "VERB", "PUNCT", "SPACE"]
    morphs = ["Case=Nom|Definite=Def|Gender=Masc|Number=Sing|PronType=Art", "Case=Nom|Gender=Masc|Number=Sing",
              "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin", "", "Case=Acc,Nom|Definite=Def|Gender=Fem|Number=Sing",
              "Case=Nom|Gender=Fem|Number=Sing", "Mood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "", "", "", "",
              "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin", "", ""]
    return Doc(spacy.blank("de").vocab, words=words, spaces=spaces, heads=heads, deps=tiger if scheme == "tiger" else ud,
               tags=tags, pos=pos, morphs=morphs, sent_starts=[True] + [False] * 13)


def test_children_with_role_from_the_layer_are_those_of_token_children():
    from pipeline.layer import syntax

    roles = sorted({r for table in (syntax.TIGER_ROLES, syntax.UD_ROLES) for rs in table.values() for r in rs})
    for scheme in ("tiger", "ud"):
        doc = _reported_speech_doc(scheme)
        found = 0
        for tok in doc:
            for role in roles:
                plain = [c.i for c in tok.children if role in syntax.roles(c)]
                assert [c.i for c in syntax.children_with_role(tok, role)] == plain, (scheme, tok.i, role)
                found += len(plain)
        assert found >= 5, scheme  # subjects, the clausal complement, modifier, coordinator, conjunct


def test_finite_verb_tests_on_the_layer_are_those_on_tokens():
    from pipeline.claims.extract import _View

    def token_is_finite(view, i):  # the Token-view version this replaces
        tok = view.doc[i]
        if view.has_morph and tok.morph.get("VerbForm"):
            return "Fin" in tok.morph.get("VerbForm")
        if tok.tag_:
            return tok.tag_.endswith("FIN")
        return tok.text.islower()

    for scheme in ("tiger", "ud"):
        view = _View(_reported_speech_doc(scheme))
        assert [view.is_finite(i) for i in range(view.n)] == [token_is_finite(view, i) for i in range(view.n)]
        fresh = [view._is_finite_verb(i) for i in range(view.n)]
        assert [view.finite_verb(i) for i in range(view.n)] == fresh == [view.finite_verb(i) for i in range(view.n)]
        assert [i for i, f in enumerate(fresh) if f] == [2, 6, 11]


WORDS = ["Polizeiangaben", "Angaben", "Regierungssprecher", "Demonstranten", "Klimademonstranten", "Ärztinnen",
         "Karl-Heinz", "Marie", "Müller", "Bundesamt", "Umweltbundesamts", "sagte", "Europäischen", ",", "Dr.", "A."]


def test_memoised_word_tests_answer_as_their_plain_versions():
    from pipeline.claims import reporting, speakers
    from pipeline.entities import roles

    for word in WORDS:
        for memoised in (reporting.noun_entry, speakers._is_group_word, roles.is_first_name):
            assert memoised(word) == memoised.__wrapped__(word), (memoised.__name__, word)
            assert memoised(word) == memoised.__wrapped__(word), (memoised.__name__, word)  # from the memo
    for tokens, before in ((["Internationalen", "Energieagentur"], "der"), (["Umweltbundesamts"], "des"),
                           (["Deutsche", "Journalisten-Verband"], "Der"), (["Europäischen", "Gerichtshof"], "den")):
        assert roles.nominative_org_name(tokens, before) == roles._nominative_org_name.__wrapped__(tuple(tokens), before)
    assert roles.nominative_org_name(["Europäischen", "Gerichtshof"], "den") == "Europäischer Gerichtshof"
    genders = roles.lexicons().org_gender
    assert list(roles._org_gender_keywords()) == sorted(genders, key=len, reverse=True)


def test_the_person_rule_gate_passes_every_word_a_person_rule_can_start_on():
    from pipeline.entities import extract, roles

    for word in WORDS:
        role = roles.match_role_word(word)
        can_start = word == "," or word[:1].isupper() and (
            roles.is_first_name(word) or bool(extract.INITIALS.match(word)) or bool(role) and "exact" not in role.classes)
        assert extract._may_start_person_rule(word) == can_start, word
    assert extract._may_start_person_rule("Regierungssprecher") and not extract._may_start_person_rule("sagte")


def test_verb_entries_merge_the_form_and_the_lemma_entries_once():
    from pipeline.claims import reporting
    from pipeline.claims.extract import _verb_entries_of

    table = reporting.verb_forms()
    for form, lemma in (("sagte", "sagen"), ("teilte", "teilen"), ("mitgeteilt", "mitteilen"), ("betonte", None)):
        plain = list(table.get(form, ()))
        for vf in table.get(lemma, ()) if lemma else ():
            if vf not in plain:
                plain.append(vf)
        assert _verb_entries_of(form, lemma) == tuple(plain) == _verb_entries_of.__wrapped__(form, lemma)
    assert _verb_entries_of("sagte", "sagen")


def test_the_scrambled_text_pretest_changes_no_answer():
    from pipeline.boilerplate import rules

    def plain(text):  # scrambled() without the letter-pair pretest
        words = text.split()
        if len(words) < rules.SCRAMBLED_MIN_WORDS:
            return False
        odd = sum(1 for w in words if rules._SCRAMBLED_WORD.match(w.strip("„“\"()")))
        if odd < rules.SCRAMBLED_MIN_COUNT or odd < rules.SCRAMBLED_MIN_SHARE * len(words):
            return False
        return rules.block_shape(text).stop_density < rules.SCRAMBLED_MAX_STOP_DENSITY

    texts = BLOCKS + [
        "eDi gRierung lotlw sda eGtesz ni meised hJar nhoc hscbeieldn, chau nnwe ide nOpsotiion tlsiewrdep.",
        "Die Ministerin sagte, die neue iPhone-App und eBay seien am Dienstag vorgestellt worden, und alle kamen.",
        "rDe sBürgermeister hat am gnMtoa geastg, dssa ied tdatS inee eneu Shcule bauen wird.",
    ]
    assert [rules.scrambled(t) for t in texts] == [plain(t) for t in texts]
    assert rules.scrambled(texts[-3])
