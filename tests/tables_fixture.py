"""A small, hand-built set of output tables (written through export like a real run) for the
loader, audit and browser tests: realistic German claims with a nested quote, a pronoun and a
description speaker, a figure, removed boilerplate, and hostile text (`<script>`, quotes, '&')
in the document and in a speaker's name. Offsets are computed from the text, never typed in.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.output.export import OutputBatch
from pipeline.output.schema import BOILERPLATE, CLAIMS, DOCUMENTS, ENTITIES, ERRORS, FIGURES, MENTIONS

PARIS = "ki-gipfel-test"
FACH = "fachgespraech-test"
HOSTILE_NAME = "Tom O'Brien <script>window.__pwnedName=1</script> \"der Blogger\""
HOSTILE_MESSAGE = "<script>window.__pwned=1</script> & \"Anführungszeichen\" 'einfach' </div>"

TEXTS = {
    PARIS: (
        "EU-Kommissionspräsidentin Ursula von der Leyen versprach der KI-Branche Unterstützung. "
        "„Wir stellen 50 Milliarden Euro zur Verfügung“, sagte sie.\n"
        "US-Vizepräsident J.D. Vance sagte, Europa müsse „mit Optimismus statt Beklommenheit“ auf KI schauen.\n"
        "Tom O'Brien kommentierte den Gipfel. Der Blogger schrieb: " + HOSTILE_MESSAGE + "\n"
        "Newsletter abonnieren! <img src=x onerror=\"window.__pwnedBp=1\"> Jetzt anmelden.\n"
        "Laut Beobachtern war der Gipfel ein Erfolg."
    ),
    FACH: "Marina Köhn (Umweltbundesamt) sprach zuerst. Köhn betonte, dass Europa eine stärkere Regulierung brauche.",
}


def _at(doc_id: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = TEXTS[doc_id].index(needle, after)
    return start, start + len(needle)


def _claim(doc_id, n, form, message, cue, speaker, entity, name, resolution, confidence, evidence, *, after=0, speaker_after=0):
    start, end = _at(doc_id, message, after)
    cue_start, cue_end = _at(doc_id, cue, after if cue != ":" else start - 2)
    if speaker:
        sp_start, sp_end = _at(doc_id, speaker, speaker_after)
    else:
        sp_start = sp_end = None
    return {
        "doc_id": doc_id, "claim_id": f"{doc_id}:C{n}", "sent_index": 0, "form": form, "claim_text": message,
        "start_char": start, "end_char": end, "cue_lemma": cue.lower(), "cue_text": cue,
        "cue_start_char": cue_start, "cue_end_char": cue_end, "speaker_text": speaker,
        "speaker_start_char": sp_start, "speaker_end_char": sp_end,
        "speaker_entity_id": entity, "speaker_name": name, "speaker_resolution": resolution,
        "addressee_text": None, "confidence": confidence, "evidence": evidence,
    }


def _mention(doc_id, n, entity, text, label, method, after=0):
    start, end = _at(doc_id, text, after)
    return {"doc_id": doc_id, "mention_id": f"{doc_id}:M{n}", "entity_id": entity, "text": text, "label": label,
            "start_char": start, "end_char": end, "sent_index": 0, "link_method": method}


def build_rows() -> dict[str, list[dict]]:
    vdl, vance, blogger, koehn, uba = f"{PARIS}:E1", f"{PARIS}:E2", f"{PARIS}:E3", f"{FACH}:E1", f"{FACH}:E2"
    paris, fach = TEXTS[PARIS], TEXTS[FACH]
    quote_at = paris.index("„Wir")
    vance_at = paris.index("US-Vize")
    claims = [
        _claim(PARIS, 1, "direct", "Wir stellen 50 Milliarden Euro zur Verfügung", "sagte", "sie", vdl, "Ursula von der Leyen",
               "pronoun", 0.85, "quote; cue=sagen; speaker=pronoun(sie)->Ursula von der Leyen", after=quote_at, speaker_after=quote_at),
        _claim(PARIS, 2, "indirect", "Europa müsse „mit Optimismus statt Beklommenheit“ auf KI schauen", "sagte", "J.D. Vance", vance,
               "J.D. Vance", "explicit", 0.9, "subject+ccomp | cue=sagen | Mood=Sub", after=vance_at),
        _claim(PARIS, 3, "mixed", "mit Optimismus statt Beklommenheit", "sagte", "J.D. Vance", vance, "J.D. Vance", "explicit", 0.7,
               "quote inside indirect speech", after=vance_at),
        _claim(PARIS, 4, "direct", HOSTILE_MESSAGE, ":", "Der Blogger", blogger, HOSTILE_NAME, "description", 0.4,
               "colon; speaker=description(Der Blogger)"),
        _claim(PARIS, 5, "according_to", "war der Gipfel ein Erfolg", "Laut", "Beobachtern", None, None, "group", 0.3, "laut+dat"),
        _claim(FACH, 1, "indirect", "Europa eine stärkere Regulierung brauche", "betonte", "Köhn", koehn, "Marina Köhn", "alias", 0.95,
               "subject+ccomp; cue=betonen; Mood=Sub", speaker_after=fach.index("sprach")),
    ]
    mentions = [
        _mention(PARIS, 1, vdl, "Ursula von der Leyen", "PER", "full_name"),
        _mention(PARIS, 2, vdl, "sie", "PER", "pronoun", quote_at),
        _mention(PARIS, 3, vance, "J.D. Vance", "PER", "full_name"),
        _mention(PARIS, 4, blogger, "Tom O'Brien", "PER", "full_name"),
        _mention(PARIS, 5, blogger, "Der Blogger", "PER", "role_description"),
        _mention(FACH, 1, koehn, "Marina Köhn", "PER", "full_name"),
        _mention(FACH, 2, uba, "Umweltbundesamt", "ORG", "full_name"),
        _mention(FACH, 3, koehn, "Köhn", "PER", "surname_alias", fach.index("sprach")),
    ]
    entities = [
        {"doc_id": PARIS, "entity_id": vdl, "label": "PER", "canonical_name": "Ursula von der Leyen", "n_mentions": 2,
         "roles": ("EU-Kommissionspräsidentin",), "affiliation": ("EU",), "gender": "female", "global_id": "ursula von der leyen"},
        {"doc_id": PARIS, "entity_id": vance, "label": "PER", "canonical_name": "J.D. Vance", "n_mentions": 1,
         "roles": ("US-Vizepräsident",), "gender": "male", "global_id": "jd vance"},
        {"doc_id": PARIS, "entity_id": blogger, "label": "PER", "canonical_name": HOSTILE_NAME, "n_mentions": 2,
         "roles": ("Blogger",), "gender": "male", "global_id": "tom obrien"},
        {"doc_id": FACH, "entity_id": koehn, "label": "PER", "canonical_name": "Marina Köhn", "n_mentions": 2,
         "roles": ("Wissenschaftlerin",), "affiliation": ("Umweltbundesamt",), "gender": "female", "global_id": "marina kohn"},
        {"doc_id": FACH, "entity_id": uba, "label": "ORG", "canonical_name": "Umweltbundesamt", "n_mentions": 1, "global_id": "umweltbundesamt"},
    ]
    fig_start, fig_end = _at(PARIS, "50 Milliarden Euro")
    figures = [
        {"doc_id": PARIS, "figure_id": f"{PARIS}:F1", "sent_index": 1, "text": "50 Milliarden Euro", "start_char": fig_start, "end_char": fig_end,
         "value": 50e9, "unit": "EUR", "qualifier": "exact", "kind": "money", "claim_id": f"{PARIS}:C1"},
    ]
    bp_text = "Newsletter abonnieren! <img src=x onerror=\"window.__pwnedBp=1\"> Jetzt anmelden."
    bp_start, bp_end = _at(PARIS, bp_text)
    boilerplate = [
        {"doc_id": PARIS, "block_index": 3, "start_char": bp_start, "end_char": bp_end, "category": "newsletter", "score": 0.9,
         "signals": (("phrase:newsletter", 0.9),), "text": bp_text},
    ]
    documents = [
        {"doc_id": d, "path": f"{d}.txt", "encoding": "utf-8", "newlines": "LF", "sha256": hashlib.sha256(t.encode()).hexdigest(),
         "n_bytes": len(t.encode()), "n_chars": len(t), "date": "2025-02-11" if d == PARIS else None,
         "chars_kept": len(t), "chars_removed": 0, "n_sentences": t.count(". ") + 1, "n_tokens": len(t.split())}
        for d, t in TEXTS.items()
    ]
    return {"documents": documents, "boilerplate": boilerplate, "mentions": mentions, "entities": entities,
            "claims": claims, "figures": figures, "errors": []}


def write_tables(directory: Path, rows: dict[str, list[dict]] | None = None, texts: dict[str, str] | None = None) -> Path:
    """Write the tables (and texts.jsonl) into ``directory`` exactly as export would."""
    rows = build_rows() if rows is None else rows
    texts = TEXTS if texts is None else texts
    with OutputBatch(directory) as out:
        for table in (DOCUMENTS, BOILERPLATE, MENTIONS, ENTITIES, CLAIMS, FIGURES, ERRORS):
            out.write_table(table, rows.get(table.name, []))
        out.write_jsonl("texts.jsonl", ({"doc_id": d, "path": f"{d}.txt", "text": t} for d, t in texts.items()))
        out.write_json("manifest.json", {"pipeline": {"name": "hand-built test tables"}})
    return Path(directory)
