"""Entities stage: names, linking, roles and affiliations, gender, pronouns and descriptions.

Rule tests run on a blank German pipeline (tokenizer + sentencizer: no NER, no parse), so they show
what the rules do alone; the tests for parser evidence build Docs by hand in both label schemes
(TIGER as in de_core_news_*, UD as in the project's pipeline).
"""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.tokens import Doc

from pipeline import entities as E
from pipeline.entities import roles as R
from pipeline.output.schema import ENTITIES, MENTIONS


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimgraph_entities")
    return nlp


def run(nlp, text, doc_id="t"):
    doc = nlp.make_doc(text)
    doc._.doc_id = doc_id
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def person(doc, canonical):
    hits = [e for e in doc._.entities if e.label == "PER" and e.canonical_name == canonical]
    assert len(hits) == 1, [(e.label, e.canonical_name) for e in doc._.entities]
    return hits[0]


def by_label(doc, label):
    return {e.canonical_name for e in doc._.entities if e.label == label}


# --------------------------------------------------------------------------- names and linking


def test_surname_and_full_name_are_one_person_with_raw_offsets(nlp):
    text = "Bundesfinanzministerin Clara Wendt (FDP) legte den Haushalt vor. Wendt sprach von einem Kraftakt."
    doc = run(nlp, text)
    wendt = person(doc, "Clara Wendt")
    ms = [m for m in doc._.mentions if m.entity_id == wendt.entity_id]
    assert [(m.text, m.link_method) for m in ms] == [("Clara Wendt", "full_name"), ("Wendt", "surname_alias")]
    assert all(text[m.start_char : m.end_char] == m.text for m in doc._.mentions)
    assert [m.sent_index for m in ms] == [0, 1]
    assert wendt.n_mentions == 2 and wendt.global_id == "per:clara-wendt"
    assert wendt.entity_id == "t:E1" and ms[0].mention_id.startswith("t:M")


def test_particles_belong_to_the_name_only_after_a_given_name(nlp):
    doc = run(nlp, "Die Ärztin Meike Sommer von der Charité warnte. Später sprach Karl-Heinz von der Aue.")
    assert "Meike Sommer" in by_label(doc, "PER")
    assert "Karl-Heinz von der Aue" in by_label(doc, "PER")


def test_namesakes_are_never_merged_without_evidence(nlp):
    text = ("Lena Berger und Paul Berger führen die Bäckerei in Freiburg. Die Kunden sind zufrieden. "
            "Der Umsatz stieg. Viele kommen täglich. Berger sagte, das Geschäft laufe gut.")
    doc = run(nlp, text)
    lena, paul = person(doc, "Lena Berger"), person(doc, "Paul Berger")
    assert lena.entity_id != paul.entity_id
    bare = [m for m in doc._.mentions if m.text == "Berger"]
    assert all(m.entity_id not in (lena.entity_id, paul.entity_id) for m in bare)


def test_namesake_named_just_before_takes_the_surname(nlp):
    doc = run(nlp, "EU-Kommissar Piotr Nowak verteidigte die Zölle. Nowak sagte, Europa schütze sich. Die Abgeordnete Anna Nowak widersprach.")
    piotr = person(doc, "Piotr Nowak")
    bare = next(m for m in doc._.mentions if m.text == "Nowak")
    assert bare.entity_id == piotr.entity_id and bare.link_method == "surname_alias"


def test_acronym_definition_links_acronym_and_gives_citation_form(nlp):
    text = "Eine Klage der Deutschen Umwelthilfe (DUH) wurde abgewiesen. DUH-Geschäftsführer Lukas Brandt will weiter klagen. Die DUH prüft den Fall."
    doc = run(nlp, text)
    duh = next(e for e in doc._.entities if e.label == "ORG" and e.acronym == "DUH")
    assert duh.canonical_name == "Deutsche Umwelthilfe"
    methods = [m.link_method for m in doc._.mentions if m.entity_id == duh.entity_id]
    assert methods.count("acronym") == 2
    brandt = person(doc, "Lukas Brandt")
    assert brandt.roles == ("DUH-Geschäftsführer",) and brandt.affiliation == ("Deutsche Umwelthilfe",)


def test_knowledge_free_acronym_of_a_concept_is_not_an_organisation(nlp):
    doc = run(nlp, "Künstliche Intelligenz (KI) verändert die Arbeit. KI-Systeme lernen schnell.")
    assert not by_label(doc, "ORG")


@pytest.mark.parametrize(
    "text, name, acronym",
    [
        ("Die Bundesanstalt für Finanzdienstleistungsaufsicht (BaFin) prüft die Bank. Die BaFin äußerte sich zunächst nicht.",
         "Bundesanstalt für Finanzdienstleistungsaufsicht", "BaFin"),
        ("Die Kreditanstalt für Wiederaufbau (KfW) fördert den Einbau von Wärmepumpen. Im vergangenen Jahr zahlte die KfW mehr aus.",
         "Kreditanstalt für Wiederaufbau", "KfW"),
        ("Die Gesellschaft für Konsumforschung (GfK) meldete ein gesunkenes Konsumklima. Die GfK befragt monatlich 2000 Menschen.",
         "Gesellschaft für Konsumforschung", "GfK"),
    ],
)
def test_mixed_case_acronym_definition_links_later_mentions(nlp, text, name, acronym):
    doc = run(nlp, text)
    org = next(e for e in doc._.entities if e.canonical_name == name)
    assert org.label == "ORG" and org.acronym == acronym
    ms = [m for m in doc._.mentions if m.text == acronym]
    assert len(ms) == 2 and all(m.entity_id == org.entity_id and m.link_method == "acronym" and m.label == "ORG" for m in ms)
    assert [e.text for e in doc.ents if e.text == acronym] == [acronym, acronym]


@pytest.mark.parametrize(
    "text, name, bracketed",
    [
        # picture credit and news-agency source in brackets: their first letters are not the name's initials
        ("Neuer Vorstandschef der Commerz Real AG (FOTO) ist Henning Koch. Die Commerz Real AG verwaltet 35 Milliarden Euro.",
         "Commerz Real AG", "FOTO"),
        ("Wien (OTS) - Die Stadt Wien investiert 20 Millionen Euro in neue Radwege. Das teilte OTS am Montag mit.",
         "Wien", "OTS"),
    ],
)
def test_bracketed_word_that_does_not_abbreviate_the_name_is_no_acronym(nlp, text, name, bracketed):
    doc = run(nlp, text)
    ent = next(e for e in doc._.entities if e.canonical_name == name)
    assert ent.acronym is None
    assert not any(m.text == bracketed and m.entity_id == ent.entity_id for m in doc._.mentions)


def _with_model_ents(nlp, text, ents):
    """A Doc as a statistical NER left it: ``ents`` = (text, label, n-th occurrence of its first word)."""
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    spans = []
    for words, label, nth in ents:
        start = [t.i for t in doc if t.text == words.split()[0]][nth]
        spans.append(doc[start : start + len(words.split())])
        spans[-1].label_ = label
    doc.ents = spans
    return nlp.get_pipe("claimgraph_entities")(doc)


def test_acronym_and_its_later_mentions_take_the_label_of_the_defining_name(nlp):
    # the model got the name right but called the acronym a place and, later, something else
    text = "Der Landesverband Nordfriesischer Imker (LNI) warnt vor Pestiziden. Der LNI fordert ein Verbot im Kreis."
    doc = _with_model_ents(nlp, text, [("Landesverband Nordfriesischer Imker", "ORG", 0), ("LNI", "LOC", 0), ("LNI", "MISC", 1)])
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Landesverband Nordfriesischer Imker", "ORG"), ("LNI", "ORG"), ("LNI", "ORG")]
    org = next(e for e in doc._.entities if e.acronym == "LNI")
    assert org.label == "ORG" and org.n_mentions == 3


def test_acronym_of_a_name_the_model_cut_short_is_still_linked(nlp):
    text = "Das Thema des Abends der Jungen Union (JU) war die Sicherheit. Die JU lädt im März erneut ein."
    doc = _with_model_ents(nlp, text, [("Union", "ORG", 0)])
    assert [(e.text, e.label_) for e in doc.ents if e.text == "JU"] == [("JU", "ORG"), ("JU", "ORG")]
    assert any(e.acronym == "JU" for e in doc._.entities)


def test_acronym_after_the_legal_form_of_a_name_tagged_without_it(nlp):
    text = ("Sie ist Mitglied der Deutschen Gesellschaft für Krisenmanagement e.V. (DGfKM). "
            "Automobilclubs und die DGfKM fordern mehr Vorsorge.")
    doc = _with_model_ents(nlp, text, [("Deutschen Gesellschaft für Krisenmanagement", "ORG", 0)])
    assert [(e.text, e.label_) for e in doc.ents if e.text == "DGfKM"] == [("DGfKM", "ORG"), ("DGfKM", "ORG")]


def test_party_in_brackets_after_a_person_is_not_an_acronym_of_the_person(nlp):
    text = "Wirtschaftsminister Sigmar Gabriel (SPD) verteidigte die Reform. Die SPD stimmte zu."
    doc = _with_model_ents(nlp, text, [("Sigmar Gabriel", "PER", 0), ("SPD", "ORG", 0), ("SPD", "ORG", 1)])
    assert [(e.text, e.label_) for e in doc.ents] == [("Sigmar Gabriel", "PER"), ("SPD", "ORG"), ("SPD", "ORG")]
    assert person(doc, "Sigmar Gabriel").affiliation == ("SPD",)


@pytest.mark.parametrize(
    "text, org",
    [
        ("Die Nordlicht Software GmbH stellt 40 Leute ein.", "Nordlicht Software GmbH"),
        ("Der Förderkreis Lesen e.V. sammelt Bücher.", "Förderkreis Lesen e.V."),
        ("Das Statistische Bundesamt meldete höhere Preise.", "Statistisches Bundesamt"),
        ("Eine Sprecherin des Bundesministeriums für Gesundheit widersprach.", "Bundesministerium für Gesundheit"),
        ("Das Start-up Helix Robotics sammelte Geld ein.", "Helix Robotics"),
        ("Auch BioNTech investiert in Mainz.", "BioNTech"),
        ("Ein Sprecher der SPD-Fraktion äußerte sich nicht.", "SPD-Fraktion"),
    ],
)
def test_rule_based_organisations(nlp, text, org):
    assert org in by_label(run(nlp, text), "ORG")


@pytest.mark.parametrize(
    "text",
    [
        "Die Teilhabe der Zivilgesellschaft ist wichtig.",
        "Ein Rechenzentrum braucht viel Strom.",
        "Die Partei fordert ein Digitalministerium mit eigenem Budget.",
        "Insgesamt stiegen die Kosten.",
        "Der Verband kritisierte die Datenbank.",
    ],
)
def test_common_nouns_that_look_like_institutions_are_not_organisations(nlp, text):
    assert not by_label(run(nlp, text), "ORG")


def test_model_person_spans_lose_titles_and_boilerplate_words(nlp):
    text = "Bundeskanzler Olaf Scholz sprach."
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(0, len("Bundeskanzler Olaf Scholz"), label="PER")]
    names = E.find_names(doc)
    assert [(doc[n.start : n.end].text, n.label) for n in names] == [("Olaf Scholz", "PER")]


def test_sets_doc_ents_and_keeps_other_labels(nlp):
    text = "Ministerin Eva Schröder besuchte am Montag Paris."
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(text.index("Montag"), text.index("Montag") + 6, label="DATE")]
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Eva Schröder", "PER"), ("Montag", "DATE"), ("Paris", "LOC")]


# --------------------------------------------------------------------------- roles and affiliations


@pytest.mark.parametrize(
    "text, name, roles, affiliation",
    [
        ("Die Generalsekretärin der Weltorganisation für Meteorologie (WMO), Marisol Ortega, stellte den Bericht vor.",
         "Marisol Ortega", ("Generalsekretärin",), ("Weltorganisation für Meteorologie",)),
        ("Zur Eröffnung sprach Jana Köster MdB, digitalpolitische Sprecherin der FDP-Bundestagsfraktion.",
         "Jana Köster", ("MdB", "digitalpolitische Sprecherin"), ("FDP-Bundestagsfraktion",)),
        ("„Es wird heißer“, sagt Thomas Kraus (Epidemiologe, Robert Koch-Institut).",
         "Thomas Kraus", ("Epidemiologe",), ("Robert Koch-Institut",)),
        ("Hannah Schultze (Chief Technology Officer, Quantix Robotics) erklärte den Roboter.",
         "Hannah Schultze", ("Chief Technology Officer",), ("Quantix Robotics",)),
        ("Der brasilianische Präsident Rafael Duarte schlug einen Fonds vor.", "Rafael Duarte", ("brasilianische Präsident",), ()),
        ("Niedersachsens Ministerpräsident Henrik Janssen (SPD) forderte einen Kurswechsel.",
         "Henrik Janssen", ("Niedersachsens Ministerpräsident",), ("SPD",)),
        ("Die Klimaforscherin Dr. Lea Hoffmann vom Potsdam-Institut für Klimafolgenforschung warnte.",
         "Lea Hoffmann", ("Klimaforscherin",), ("Potsdam-Institut für Klimafolgenforschung",)),
        ("Ihr Kollege Jonas Weber, Leiter der Arbeitsgruppe Hydrologie, stimmte zu.", "Jonas Weber", ("Leiter der Arbeitsgruppe Hydrologie",), ()),
        ("Grünen-Chefin Mira Falk (Grüne) widersprach.", "Mira Falk", ("Grünen-Chefin",), ("Grüne",)),
    ],
)
def test_roles_and_affiliations_from_surface_patterns(nlp, text, name, roles, affiliation):
    p = person(run(nlp, text), name)
    assert p.roles == roles
    assert p.affiliation == affiliation


def test_verb_before_a_bare_title_is_not_part_of_the_role(nlp):
    p = person(run(nlp, "Dem widersprach Bundeskanzler Olaf Scholz deutlich."), "Olaf Scholz")
    assert p.roles == ("Bundeskanzler",)


def test_role_lexicon_compounds_prefixes_and_blocks():
    m = R.match_role_word("EU-Kommissionspräsidentin")
    assert (m.base, m.gender, m.prefix, m.nationality) == ("präsident", "female", "EU", None)
    assert R.match_role_word("US-Vizepräsident").nationality == "US"
    assert R.match_role_word("SPD-Politiker").party == "SPD"
    assert R.match_role_word("Lautsprecher") is None
    assert R.match_role_word("Präsidenten") is None  # plural / oblique: not a title of one person
    assert R.match_role_word("Head").base == "head" and R.match_role_word("Headhunter") is None


def test_organisation_keywords_need_a_real_compound():
    assert R.org_keyword("Umweltbundesamt") == "strong" and R.org_keyword("Umweltbundesamtes") == "strong"  # genitive
    assert R.org_keyword("Bundesministerium") == "strong" and R.org_keyword("Amt") == "strong"
    assert R.org_keyword("Samt") is None  # ends in "amt" with less than three letters before it: no compound
    assert R.org_keyword("Hausmeister") is None and R.org_keyword("amt") is None


# parser evidence, both label schemes ------------------------------------------------

# "Anna Berger , Kuratorin , lobte die Schau ."  ("Kuratorin" is not in the title lexicon)
WORDS = ["Anna", "Berger", ",", "Kuratorin", ",", "lobte", "die", "Schau", "."]
POS = ["PROPN", "PROPN", "PUNCT", "NOUN", "PUNCT", "VERB", "DET", "NOUN", "PUNCT"]
TIGER = ([1, 5, 1, 1, 1, 5, 7, 5, 5], ["pnc", "sb", "punct", "app", "punct", "ROOT", "nk", "oa", "punct"])
UD = ([5, 0, 0, 0, 0, 5, 7, 5, 5], ["nsubj", "flat", "punct", "appos", "punct", "ROOT", "det", "obj", "punct"])


def _doc(nlp, words, pos, heads, deps, ents=None):
    doc = Doc(nlp.vocab, words=words, pos=pos, heads=heads, deps=deps, ents=ents)
    doc._.doc_id = "h"
    return doc


@pytest.mark.parametrize("scheme", [TIGER, UD], ids=["tiger", "ud"])
def test_apposition_arc_makes_an_unknown_noun_a_role(nlp, scheme):
    doc = _doc(nlp, WORDS, POS, *scheme)
    nlp.get_pipe("claimgraph_entities")(doc)
    assert person(doc, "Anna Berger").roles == ("Kuratorin",)


def test_without_parse_an_unknown_noun_is_not_a_role(nlp):
    doc = run(nlp, "Anna Berger, Kuratorin, lobte die Schau.")
    assert person(doc, "Anna Berger").roles == ()


@pytest.mark.parametrize(
    "heads, deps",
    [([1, 2, 2, 2], ["pnc", "sb", "ROOT", "punct"]), ([2, 0, 2, 2], ["nsubj", "flat", "ROOT", "punct"])],
    ids=["tiger", "ud"],
)
def test_name_part_arc_extends_a_model_name(nlp, heads, deps):
    # the NER only found "Kwame" (not in the first-name list); the parser joins "Mensah" to it (TIGER pnc / UD flat)
    doc = _doc(nlp, ["Kwame", "Mensah", "sprach", "."], ["PROPN", "PROPN", "VERB", "PUNCT"], heads, deps, ents=["B-PER", "O", "O", "O"])
    nlp.get_pipe("claimgraph_entities")(doc)
    assert "Kwame Mensah" in by_label(doc, "PER")


# "Anna Berger traf Lena Koch . Sie lobte den Plan ."
TWO_WORDS = ["Anna", "Berger", "traf", "Lena", "Koch", ".", "Sie", "lobte", "den", "Plan", "."]
TWO_POS = ["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "PRON", "VERB", "DET", "NOUN", "PUNCT"]
TWO_TIGER = ([1, 2, 2, 4, 2, 2, 7, 7, 9, 7, 7], ["pnc", "sb", "ROOT", "pnc", "oa", "punct", "sb", "ROOT", "nk", "oa", "punct"])
TWO_UD = ([2, 0, 2, 2, 3, 2, 7, 7, 9, 7, 7], ["nsubj", "flat", "ROOT", "obj", "flat", "punct", "nsubj", "ROOT", "det", "obj", "punct"])


@pytest.mark.parametrize("scheme", [TWO_TIGER, TWO_UD], ids=["tiger", "ud"])
def test_pronoun_prefers_the_subject_in_both_schemes(nlp, scheme):
    doc = _doc(nlp, TWO_WORDS, TWO_POS, *scheme)
    nlp.get_pipe("claimgraph_entities")(doc)
    entity, evidence = E.resolve_pronoun(doc, doc[6])
    assert entity.canonical_name == "Anna Berger"
    assert "last subject 1 sentence back" in evidence and "ambiguous" not in evidence
    assert [m.text for m in doc._.mentions if m.link_method == "pronoun"] == ["Sie"]


# --------------------------------------------------------------------------- gender


def test_gender_from_role_noun_beats_first_name_lexicon(nlp):
    # "Kim" is not in the lexicon (no clear majority); "Andrea" would be; the text decides first
    doc = run(nlp, "Die Wissenschaftlerin Kim Lorenz und Bürgermeister Andrea Costa sprachen.")
    assert person(doc, "Kim Lorenz").gender == "female"
    assert person(doc, "Andrea Costa").gender == "male"


def test_gender_of_adjectival_role_nouns_comes_from_the_article(nlp):
    doc = run(nlp, "Die polnische Europaabgeordnete Kim Nowak widersprach. Der Vorsitzende Kim Lorenz schwieg.")
    assert person(doc, "Kim Nowak").gender == "female"
    assert person(doc, "Kim Lorenz").gender == "male"


def test_gender_from_pronoun_then_lexicon(nlp):
    text = "Kim Lorenz eröffnete die Tagung. Er sprach über Batterien. Später kam Ursula Brandt."
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(0, len("Kim Lorenz"), label="PER")]  # as a statistical NER would
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert person(doc, "Kim Lorenz").gender == "male"
    assert person(doc, "Ursula Brandt").gender == "female"


def test_first_name_list_is_attributed_and_filtered():
    header = (R.RESOURCES / "first_names_gender.tsv").read_text(encoding="utf-8").split("\n", 8)
    assert any("CC BY 3.0 DE" in line for line in header)
    assert any("LABO" in line for line in header)
    assert R.first_name_gender("Ursula") == "female"
    assert R.first_name_gender("António") == R.first_name_gender("Antonio") == "male"  # accents folded
    assert R.first_name_gender("Andrea") is None  # no clear majority in Berlin


# --------------------------------------------------------------------------- pronouns and descriptions


def test_pronouns_become_mentions_only_when_unambiguous_and_singular(nlp):
    text = ("Ministerin Eva Schröder besuchte eine Schule. Die Schülerinnen zeigten ihr ein Solarauto. "
            "Sie hatten lange daran gearbeitet. Schröder lobte das Projekt. Sie versprach Geld.")
    doc = run(nlp, text)
    eva = person(doc, "Eva Schröder")
    pronouns = [m for m in doc._.mentions if m.link_method == "pronoun"]
    assert [(m.text, m.sent_index, m.entity_id) for m in pronouns] == [("Sie", 4, eva.entity_id)]
    plural = [t for t in doc if t.text == "Sie"][0]
    assert E.resolve_pronoun(doc, plural)[0] is None


def test_sentences_inside_a_quotation_do_not_count_for_the_pronoun_window(nlp):
    text = ("Danach sprach Ministerin Eva Kahl. „Wir bauen Netze. Wir bauen Speicher. Wir bauen Leitungen. "
            "Wir sparen Energie. Das kostet Geld“, sagte sie.")
    doc = run(nlp, text)
    sie = [t for t in doc if t.text == "sie"][0]
    entity, evidence = E.resolve_pronoun(doc, sie)
    assert entity.canonical_name == "Eva Kahl" and "quotation skipped" in evidence
    far = run(nlp, "Danach sprach Ministerin Eva Kahl. Netze fehlen. Speicher fehlen. Leitungen fehlen. Energie fehlt. Dann sagte sie nichts.")
    assert E.resolve_pronoun(far, [t for t in far if t.text == "sie"][0])[0] is None  # four narrative sentences back


def test_pronoun_respects_gender(nlp):
    doc = run(nlp, "Oberbürgermeisterin Claudia Reiter verteidigte den Haushalt. Kämmerer Stefan Albrecht warnte. Er schlug Kürzungen vor. Sie lehnte ab.")
    er, sie = [t for t in doc if t.lower_ in ("er", "sie")]
    assert E.resolve_pronoun(doc, er)[0].canonical_name == "Stefan Albrecht"
    entity, evidence = E.resolve_pronoun(doc, sie)
    assert entity.canonical_name == "Claudia Reiter" and evidence.startswith("pronoun 'Sie' -> Claudia Reiter (female")


def test_neuter_pronoun_goes_to_the_organisation_just_named(nlp):
    doc = run(nlp, "„Das CERN beherbergt den größten Teilchenbeschleuniger. Und es ermöglicht Forschung.“ Es gab Applaus.")
    first, second = [t for t in doc if t.lower_ == "es"]
    entity, evidence = E.resolve_pronoun(doc, first)
    assert entity.canonical_name == "CERN" and "ORG" in evidence
    assert not [m for m in doc._.mentions if m.link_method == "pronoun"]  # "es" is never written as a mention


@pytest.mark.parametrize(
    "text, description, expected",
    [
        ("UN-Generalsekretär Carlos Mendes warnte. Ministerin Eva Kahl nickte. „Wir müssen handeln“, sagte der UN-Chef.", "der UN-Chef", "Carlos Mendes"),
        ("Der Direktor der Internationalen Energieagentur (IEA), Omar Aziz, sprach. Minister Jan Petersen nickte. Das sagte der IEA-Chef.", "der IEA-Chef", "Omar Aziz"),
        ("US-Vizepräsident Tom Rivers sprach. Kanzler Max Ebert hörte zu. Das sei falsch, sagte der Republikaner.", "der Republikaner", "Tom Rivers"),
        ("Die Klimaforscherin Lea Hoffmann warnte. Bürgermeister Paul Ost widersprach. Das sagte die Wissenschaftlerin.", "die Wissenschaftlerin", "Lea Hoffmann"),
        ("Die französische Ministerin Claire Dubois und Kanzler Max Ebert trafen sich. Das sagte die Ministerin.", "die Ministerin", "Claire Dubois"),
        ("Verkehrsminister Jan Petersen (SPD) und VW-Chef Oliver Brandl stritten. Das sagte der Sozialdemokrat. Der Konzernchef schwieg.", "der Sozialdemokrat", "Jan Petersen"),
        ("Verkehrsminister Jan Petersen (SPD) und VW-Chef Oliver Brandl stritten. Das sagte der Sozialdemokrat. Der Konzernchef schwieg.", "Der Konzernchef", "Oliver Brandl"),
        ("EU-Kommissionspräsidentin Ursula Lenz sprach. Minister Jan Petersen nickte. Das teilte die deutsche Spitzenpolitikerin mit.", "die deutsche Spitzenpolitikerin", "Ursula Lenz"),
    ],
)
def test_descriptions_match_role_party_affiliation_and_gender(nlp, text, description, expected):
    doc = run(nlp, text)
    start = text.index(description)
    entity, evidence = E.resolve_description(doc, doc.char_span(start, start + len(description)))
    assert entity is not None and entity.canonical_name == expected, evidence
    m = next(m for m in doc._.mentions if m.start_char == start)
    assert m.link_method == "role_description" and m.entity_id == entity.entity_id


@pytest.mark.parametrize(
    "text, description",
    [
        ("Kanzler Max Ebert sprach. Das sagte der französische Präsident.", "der französische Präsident"),  # no president
        ("US-Präsident Tom Rivers sprach. Das sagte der französische Präsident.", "der französische Präsident"),  # wrong country
        ("Bürgermeister Paul Ost sprach. Das sagte die Wissenschaftlerin.", "die Wissenschaftlerin"),  # gender and role
        ("Ministerin Eva Kahl sprach. Das sagte der UN-Chef.", "der UN-Chef"),  # organisation
    ],
)
def test_descriptions_without_a_fitting_person_stay_unresolved(nlp, text, description):
    doc = run(nlp, text)
    start = text.index(description)
    entity, evidence = E.resolve_description(doc, doc.char_span(start, start + len(description)))
    assert entity is None and evidence


def test_title_before_a_name_is_not_a_description_mention(nlp):
    doc = run(nlp, "Das sagte der französische Präsident Emmanuel Macron.")
    assert not [m for m in doc._.mentions if m.link_method == "role_description"]


def test_entity_for_span_prefers_the_name(nlp):
    text = "Die Ärztin Meike Sommer warnte. Sommer forderte Hitzeschutz."
    doc = run(nlp, text)
    s = text.index("Sommer forderte")
    assert E.entity_for_span(doc, s, s + 6).canonical_name == "Meike Sommer"
    assert E.entity_for_span(doc, 0, 3) is None


# --------------------------------------------------------------------------- configuration and robustness


def test_user_patterns_by_config_and_environment(tmp_path, monkeypatch):
    path = tmp_path / "names.jsonl"
    path.write_text(
        json.dumps({"label": "ORG", "pattern": "Hanse Wind", "id": "Hanse Wind Energie"}) + "\n"
        + json.dumps({"label": "PER", "pattern": [{"TEXT": "Zora"}, {"TEXT": "Xu"}]}) + "\n",
        encoding="utf-8",
    )
    text = "Hanse Wind baut in Kiel. Zora Xu leitet das Projekt."
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimgraph_entities", config={"patterns": [str(path)]})
    doc = run(nlp, text)
    assert "Hanse Wind" in by_label(doc, "ORG") and "Zora Xu" in by_label(doc, "PER")
    assert next(e for e in doc._.entities if e.label == "ORG").global_id == "org:hanse-wind-energie"
    monkeypatch.setenv(E.PATTERNS_ENV, str(path))
    assert "Zora Xu" in by_label(run(_fresh(), text), "PER")
    monkeypatch.setenv(E.PATTERNS_ENV, str(tmp_path / "missing.jsonl"))
    with pytest.raises(FileNotFoundError, match="missing.jsonl"):
        E.load_patterns(())


def _fresh():
    nlp = spacy.blank("de")
    nlp.add_pipe("claimgraph_entities")
    return nlp


def test_blank_pipeline_without_sentences_and_empty_docs(tmp_path):
    nlp = _fresh()  # no sentencizer, no NER, no parse
    doc = run(nlp, "Bundeskanzler Olaf Scholz (SPD) sprach. Er lobte die EU. Scholz reiste ab.")
    scholz = person(doc, "Olaf Scholz")
    assert [m.sent_index for m in doc._.mentions if m.entity_id == scholz.entity_id] == [0, 1, 2]
    empty = run(nlp, "")
    assert empty._.mentions == [] and empty._.entities == []
    assert run(nlp, "   \n\n  ")._.entities == []


def test_records_fit_the_fixed_table_schema(nlp):
    doc = run(nlp, "Bundeskanzler Olaf Scholz (SPD) sprach.")
    for record, table in ((doc._.mentions[0], MENTIONS), (doc._.entities[0], ENTITIES)):
        missing = [c for c in table.column_names if c != "doc_id" and not hasattr(record, c)]
        assert not missing
    scholz = person(doc, "Olaf Scholz")
    assert isinstance(scholz.roles, tuple) and isinstance(scholz.affiliation, tuple)


# --------------------------------------------------------------------------- the two samples (issue acceptance)


SAMPLE_PEOPLE = {
    "fachgespraech-nachhaltige-ki": {
        "Maik Außendorf": ({"MdB", "Sprecher für Digitalpolitik"}, {"Grüne Bundestagsfraktion"}),
        "Marina Köhn": ({"Wissenschaftlerin"}, {"Umweltbundesamt"}),
        "Stefan Schäfer": ({"Head of International Product Marketing"}, {"OVHcloud"}),
    },
    "ki-aktionsgipfel-paris": {
        "Ursula von der Leyen": ({"EU-Präsidentin", "EU-Kommissionspräsidentin"}, {"EU"}),
        "J.D. Vance": ({"US-Vizepräsident"}, set()),
        "Olaf Scholz": ({"Bundeskanzler"}, {"SPD"}),
        "António Guterres": ({"UN-Generalsekretär"}, {"UN"}),
        "Emmanuel Macron": ({"französische Präsident"}, set()),
        "Fatih Birol": ({"Direktor"}, {"Internationale Energieagentur"}),
    },
}


@pytest.mark.parametrize("doc_id", sorted(SAMPLE_PEOPLE))
def test_samples_every_person_is_one_entity_with_roles(nlp, doc_id):
    from pipeline.boilerplate import clean_document
    from tests.conftest import SAMPLES

    text = clean_document((SAMPLES / f"{doc_id}.txt").read_text(encoding="utf-8")).clean_text
    doc = run(nlp, text, doc_id)
    people = {e.canonical_name: e for e in doc._.entities if e.label == "PER"}
    assert set(people) == set(SAMPLE_PEOPLE[doc_id])
    for name, (roles, affs) in SAMPLE_PEOPLE[doc_id].items():
        assert set(people[name].roles) == roles and set(people[name].affiliation) == affs, name
    orgs = by_label(doc, "ORG")
    expected = {"Umweltbundesamt", "OVHcloud", "Hugging Face", "Gaia-X"} if doc_id.startswith("fach") else {"Mistral AI", "Aleph Alpha", "OpenAI", "Internationale Energieagentur", "EU", "CERN"}
    assert expected <= orgs


# --------------------------------------------------------------------------- systematic errors of a statistical NER


def _model_doc(nlp, text, ents, tags=None):
    """A Doc as a (weak) statistical pipeline leaves it: entity spans and, optionally, (POS, STTS) per word."""
    doc = nlp.make_doc(text)
    doc._.doc_id = "m"
    for word, (pos, tag) in (tags or {}).items():
        for t in doc:
            if t.text == word:
                t.pos_, t.tag_ = pos, tag
    spans = []
    for surface, label in ents:
        start = text.index(surface)
        spans.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = spans
    return doc


@pytest.mark.parametrize(
    "text, ents, tags, expected",
    [
        ("Hilfe in Milliardenhöhe für Genf.", [("Milliardenhöhe", "LOC"), ("Genf", "LOC")],
         {"Milliardenhöhe": ("NOUN", "NN"), "Genf": ("PROPN", "NE")}, [("Genf", "LOC")]),
        ("Der Preis stieg auf fünf Euro.", [("Euro", "MISC")], None, []),
        ("Es fehlen Regeln für Künstlicher Intelligenz.", [("Künstlicher Intelligenz", "PER")],
         {"Künstlicher": ("ADJ", "ADJA"), "Intelligenz": ("NOUN", "NN")}, []),
        ("Die Robert Bosch Stiftung fördert Schulen.", [("Robert Bosch", "PER")], None, [("Robert Bosch Stiftung", "ORG")]),
        ("Die Stadt Rio de Janeiro wächst.", [("Rio de", "LOC")], None, [("Rio de Janeiro", "LOC")]),
    ],
)
def test_systematic_model_errors_are_corrected(nlp, text, ents, tags, expected):
    doc = _model_doc(nlp, text, ents, tags)
    nlp.get_pipe("claimgraph_entities")(doc)
    assert [(e.canonical_name, e.label) for e in doc._.entities] == expected


def test_model_place_that_is_a_known_surname_becomes_the_person(nlp):
    text = "Bezirksbürgermeister Jens Vollmer (SPD) versprach eine Prüfung, sagte Vollmer."
    doc = _model_doc(nlp, text, [("Jens Vollmer", "PER"), ("SPD", "ORG"), ("Vollmer.", "LOC")])
    nlp.get_pipe("claimgraph_entities")(doc)
    vollmer = person(doc, "Jens Vollmer")
    assert [m.link_method for m in doc._.mentions if m.entity_id == vollmer.entity_id] == ["full_name", "surname_alias"]
    assert not by_label(doc, "LOC")


def test_rerunning_on_its_own_output_is_stable(nlp):
    # the runner saves Docs after this component and re-applies it to them ("python cli.py entities")
    text = ("EU-Präsidentin Ursula von der Leyen sprach in Paris. Darüber hinaus will von der Leyen investieren. "
            "Der Direktor der Internationalen Energieagentur (IEA), Fatih Birol, warnte. Das sagte der IEA-Chef.")
    doc = run(nlp, text)
    first = [(m.text, m.start_char, m.link_method, m.entity_id) for m in doc._.mentions]
    nlp.get_pipe("claimgraph_entities")(doc)
    assert [(m.text, m.start_char, m.link_method, m.entity_id) for m in doc._.mentions] == first


def _spans(words, ents):
    """A Doc with the model's entities set by hand, and the matching NameSpans."""
    from spacy.tokens import Doc, Span

    from pipeline.entities.extract import NameSpan

    doc = Doc(spacy.blank("de").vocab, words=words)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc, [NameSpan(s, e, "PER" if label == "PER" else label, "ner", None, 1) for s, e, label in ents]


@pytest.mark.parametrize("words, ents, expected", [
    # the model cut a name in two: two person spans side by side are one name
    (["Außenminister", "Kamel", "Morjane", "sagte", "."], [(1, 2, "PER"), (2, 3, "PER")], [(1, 3, "PER")]),
    # a full name goes on over a nobiliary particle to an unlabelled surname
    (["Charlotte", "Cary", "von", "Buttlar", "sagte", "."], [(0, 2, "PER")], [(0, 4, "PER")]),
    # an employer is no surname, nor is an institution after "von der"
    (["Hans", "Müller", "von", "Siemens", "sagte", "."], [(0, 2, "PER"), (3, 4, "ORG")], [(0, 2, "PER"), (3, 4, "ORG")]),
    (["Meike", "Sommer", "von", "der", "Charité", "warnte", "."], [(0, 2, "PER")], [(0, 2, "PER")]),
    # a surname alone does not take a "von" phrase
    (["Müller", "von", "Bosch", "sagte", "."], [(0, 1, "PER")], [(0, 1, "PER")]),
    # names separated by a comma stay two
    (["Anna", "Roth", ",", "Jan", "Lenz", "und", "andere"], [(0, 2, "PER"), (3, 5, "PER")], [(0, 2, "PER"), (3, 5, "PER")]),
])
def test_person_names_the_model_cut_are_joined(words, ents, expected):
    from pipeline.entities.extract import _join_person_parts

    doc, names = _spans(words, ents)
    assert [(n.start, n.end, n.label) for n in _join_person_parts(doc, names)] == expected
