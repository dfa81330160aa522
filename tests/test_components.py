"""The stage components as spaCy components: declared dependencies, lexicons saved with the pipeline."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from pipeline import resources

STAGES = ("claimgraph_entities", "claimgraph_claims", "claimgraph_figures")
TEXT = (
    "Bundeskanzler Olaf Scholz (SPD) sagte am Montag in Berlin, Europa müsse rund 20 Milliarden Euro investieren. "
    "„Wir haben keine Zeit zu verlieren“, betonte er. Laut Internationaler Energieagentur steigt der Bedarf um 3 Prozent."
)


def _pipeline():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    for name in STAGES:
        nlp.add_pipe(name)
    return nlp


def _outputs(doc: Doc):
    return (
        [(e.start_char, e.end_char, e.label_) for e in doc.ents],
        [tuple(vars(m).values()) for m in doc._.mentions],
        [(e.entity_id, e.canonical_name, e.roles, e.affiliation, e.gender, e.global_id) for e in doc._.entities],
        [tuple(vars(c).values()) for c in doc._.claims],
        [tuple(vars(f).values()) for f in doc._.figures],
    )


def test_analyze_pipes_shows_requires_and_assigns():
    analysis = _pipeline().analyze_pipes()
    attrs = analysis["summary"]
    assert "doc._.mentions" in attrs["claimgraph_entities"]["assigns"]
    assert attrs["claimgraph_claims"]["requires"] == ["doc._.mentions", "doc._.entities"]
    assert "doc._.figures" in attrs["claimgraph_figures"]["assigns"]
    assert not any(analysis["problems"].values())
    claims_only = spacy.blank("de")
    claims_only.add_pipe("claimgraph_claims")
    assert claims_only.analyze_pipes()["problems"]["claimgraph_claims"] == ["doc._.mentions", "doc._.entities"]


def test_saved_and_reloaded_pipeline_gives_identical_results(tmp_path):
    nlp = _pipeline()
    nlp.initialize()
    before = _outputs(nlp(TEXT))
    assert before[3] and before[4] and before[1]
    nlp.to_disk(tmp_path / "saved")
    for name in STAGES:  # the lexicons travel with the pipeline
        assert any((tmp_path / "saved" / name / "resources").iterdir())
    reloaded = spacy.load(tmp_path / "saved")
    assert reloaded.pipe_names == nlp.pipe_names
    assert _outputs(reloaded(TEXT)) == before


def test_a_reloaded_pipeline_reads_its_saved_lexicon_not_the_shipped_one(tmp_path):
    nlp = _pipeline()
    nlp.to_disk(tmp_path / "saved")
    verbs = tmp_path / "saved" / "claimgraph_claims" / "resources" / "reporting_verbs.tsv"
    # drop the row of "betonen": the saved pipeline no longer knows the verb
    verbs.write_text("".join(line for line in verbs.read_text(encoding="utf-8").splitlines(keepends=True)
                             if not line.startswith("betonen\t")), encoding="utf-8")
    text = "Er betonte, dass Europa handeln müsse."
    assert [c.cue_lemma for c in nlp(text)._.claims] == ["betonen"]
    assert [c.cue_lemma for c in spacy.load(tmp_path / "saved")(text)._.claims] == []
    assert [c.cue_lemma for c in nlp(text)._.claims] == ["betonen"]  # the shipped pipeline is unaffected


def test_components_read_only_the_resource_files_they_declare():
    nlp = _pipeline()
    for name in STAGES:
        proc = nlp.get_pipe(name)
        # a set holding just the declared texts: reading any other file would raise
        proc.resources = resources.ResourceSet(proc.resource_files, {n: resources.path(n).read_text(encoding="utf-8") for n in proc.resource_files})
    assert _outputs(nlp(TEXT)) == _outputs(_pipeline()(TEXT))


INTERVIEW = (
    "Der Präsident des Kartellamts, Andreas Mundt, hat der Zeitung ein Interview gegeben.\n\n"
    "Frage: Herr Mundt, wie erklären Sie Kindern, was Sie beruflich machen?\n\n"
    "Mundt: Wir sorgen dafür, dass Menschen beim Einkaufen eine echte Auswahl haben.\n\n"
    "Frage: Und wenn es nur einen Anbieter gibt?\n\n"
    "Mundt: Dann achten wir darauf, dass der Anbieter nur angemessene Preise verlangt.\n"
)


def test_interview_and_salience_lexicons_travel_with_the_claims_component(tmp_path):
    """The interview reader and the salience pass read their files through the component's resource set."""
    nlp = _pipeline()
    nlp.initialize()
    proc = nlp.get_pipe("claimgraph_claims")
    assert {"interview_labels.tsv", "first_names_gender.tsv", "org_keywords.tsv"} <= set(proc.resource_files)
    text = INTERVIEW + "\nDie Dienstleistungsgewerkschaft Verdi ruft zum Streik auf. Die Gewerkschaft sagte, die Lage sei ernst.\n"
    before = _outputs(nlp(text))
    assert any("interview_label" in c[18] for c in before[3])  # evidence
    nlp.to_disk(tmp_path / "saved")
    saved = tmp_path / "saved" / "claimgraph_claims" / "resources"
    assert (saved / "interview_labels.tsv").is_file() and (saved / "org_keywords.tsv").is_file()
    assert _outputs(spacy.load(tmp_path / "saved")(text)) == before
    # the saved file decides: "Mundt" listed as an interviewer label makes the answers questions' turns
    labels = saved / "interview_labels.tsv"
    labels.write_text(labels.read_text(encoding="utf-8") + "Mundt\tinterviewer\n", encoding="utf-8")
    changed = spacy.load(tmp_path / "saved")(text)
    assert not any("interview_label" in c.evidence for c in changed._.claims)
    assert any("interview_label" in c.evidence for c in nlp(text)._.claims)  # the shipped pipeline is unaffected
