"""Readers and converters for the openly licensed German corpora in ../shared/data.

Deterministic splits (by sentence index, no randomness):
  * UD (GSD dev+test concatenated in that order, PUD test): sentence i with
      i % 10 == 0 -> HELD-OUT (never trained on, never used for model selection)
      i % 10 == 5 -> DEV (model selection / early stopping)
      otherwise   -> TRAIN
  * GermEval 2014 (dev+test concatenated in that order): same rule.
  * MobIE (train+dev+test), SmartData v1 (train+test), Europeana (all): TRAIN only (never evaluated).
SpkAtt2023-news is never read here (its licence forbids shipping a model trained on it).
"""
import gzip
import json
import re
from pathlib import Path

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

HELDOUT, DEV, TRAIN = "heldout", "dev", "train"


def split_of(i):
    if i % 10 == 0:
        return HELDOUT
    if i % 10 == 5:
        return DEV
    return TRAIN


# --------------------------------------------------------------------------- UD (CoNLL-U)

def read_conllu(path):
    """Yield sentences as lists of token rows (10 columns); multiword-token range lines kept."""
    sent = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if sent:
                    yield sent
                sent = []
            elif line.startswith("#"):
                continue
            else:
                cols = line.split("\t")
                if "." in cols[0]:  # empty nodes
                    continue
                sent.append(cols)
    if sent:
        yield sent


def merge_conllu_sentence(rows, use_xpos=True):
    """Turn one CoNLL-U sentence into surface tokens (multiword tokens like "im" = "in dem" merged).

    Returns a list of dicts: word, space, tag, pos, morph, lemma, head (0-based in sentence), dep.
    Merged APPR+ART tokens get tag APPRART, pos ADP, the article's Case/Gender/Number, dep/head of the word
    whose head lies outside the multiword token.
    """
    words = {}  # id -> row
    ranges = []
    for cols in rows:
        if "-" in cols[0]:
            a, b = cols[0].split("-")
            ranges.append((int(a), int(b), cols))
        else:
            words[int(cols[0])] = cols
    # surface units: list of (list of word ids, form, misc)
    covered = {}
    for a, b, cols in ranges:
        for k in range(a, b + 1):
            covered[k] = (a, b, cols)
    units = []
    k = 1
    n = max(words) if words else 0
    while k <= n:
        if k in covered:
            a, b, cols = covered[k]
            units.append((list(range(a, b + 1)), cols[1], cols[9]))
            k = b + 1
        else:
            cols = words[k]
            units.append(([k], cols[1], cols[9]))
            k += 1
    word2unit = {}
    for ui, (ids, _, _) in enumerate(units):
        for w in ids:
            word2unit[w] = ui
    out = []
    for ui, (ids, form, misc) in enumerate(units):
        subs = [words[w] for w in ids]
        # pick the governing word: the one whose head is outside this unit (first such)
        gov = None
        for s in subs:
            h = int(s[6])
            if h == 0 or h not in ids:
                gov = s
                break
        if gov is None:
            gov = subs[0]
        h = int(gov[6])
        if h == 0:
            head, dep = ui, "ROOT"
        else:
            head, dep = word2unit[h], gov[7]
        if len(subs) == 1:
            s = subs[0]
            tag, pos, morph, lemma = s[4], s[3], s[5], s[2]
        else:
            xposs = [s[4] for s in subs]
            if xposs[:2] == ["APPR", "ART"]:
                tag, pos = "APPRART", "ADP"
                art = subs[1][5]
                feats = [f for f in art.split("|") if f.split("=")[0] in ("Case", "Gender", "Number")] if art != "_" else []
                morph = "|".join(feats) if feats else "_"
            else:
                tag, pos, morph = gov[4], gov[3], gov[5]
            lemma = " ".join(s[2] for s in subs)
        if not use_xpos:
            tag = ""
        space = "SpaceAfter=No" not in misc
        out.append(dict(word=form, space=space, tag=tag if tag != "_" else "", pos=pos,
                        morph="" if morph == "_" else morph, lemma=lemma, head=head, dep=dep))
    return out


def harmonize_pud(tok):
    """Bring PUD's verb features to GSD's convention (GSD marks VerbForm on every verb; PUD lacks it):
    finite (has Mood) -> +VerbForm=Fin; participle (Tense=Past, no Mood) -> VerbForm=Part (GSD participles carry
    no Tense); no features -> VerbForm=Inf. ADV Degree and ADP AdpType (absent in GSD) are dropped."""
    feats = dict(f.split("=", 1) for f in tok["morph"].split("|") if "=" in f)
    if tok["pos"] in ("VERB", "AUX") and "VerbForm" not in feats:
        if "Mood" in feats:
            feats["VerbForm"] = "Fin"
        elif feats.get("Tense") == "Past":
            del feats["Tense"]
            feats["VerbForm"] = "Part"
        elif not feats:
            feats["VerbForm"] = "Inf"
    if tok["pos"] == "ADV":
        feats.pop("Degree", None)
    if tok["pos"] == "ADP":
        feats.pop("AdpType", None)
    tok["morph"] = "|".join(f"{k}={v}" for k, v in sorted(feats.items()))
    return tok


def sentences_to_doc(vocab, sents):
    """Several converted sentences -> one Doc with sentence starts, heads, deps, tags, morphs."""
    words, spaces, tags, pos, morphs, lemmas, heads, deps, sent_starts = [], [], [], [], [], [], [], [], []
    for sent in sents:
        off = len(words)
        for i, t in enumerate(sent):
            words.append(t["word"])
            spaces.append(t["space"])
            tags.append(t["tag"])
            pos.append(t["pos"])
            morphs.append(t["morph"])
            lemmas.append(t["lemma"])
            heads.append(t["head"] + off)
            deps.append(t["dep"])
            sent_starts.append(i == 0)
        spaces[-1] = True
    return Doc(vocab, words=words, spaces=spaces, tags=tags, pos=pos, morphs=morphs, lemmas=lemmas,
               heads=heads, deps=deps, sent_starts=sent_starts)


def ud_sentences(data_dir):
    """Yield (treebank, index, converted sentence)."""
    data_dir = Path(data_dir)
    gsd = [data_dir / "UD_German-GSD" / "de_gsd-ud-dev.conllu", data_dir / "UD_German-GSD" / "de_gsd-ud-test.conllu"]
    i = 0
    for p in gsd:
        for rows in read_conllu(p):
            yield "gsd", i, merge_conllu_sentence(rows, use_xpos=True)
            i += 1
    # PUD XPOS is not STTS: tag left empty (= missing, ignored by the tagger loss and the scorer)
    for j, rows in enumerate(read_conllu(data_dir / "UD_German-PUD" / "de_pud-ud-test.conllu")):
        yield "pud", j, [harmonize_pud(t) for t in merge_conllu_sentence(rows, use_xpos=False)]


def ud_docs(vocab, data_dir, split, treebanks=("gsd", "pud"), group=10):
    """Docs of `group` consecutive sentences (of one treebank and split)."""
    buf = {}
    for tb, i, sent in ud_sentences(data_dir):
        if tb not in treebanks or split_of(i) != split:
            continue
        buf.setdefault(tb, []).append(sent)
        if len(buf[tb]) == group:
            yield tb, sentences_to_doc(vocab, buf.pop(tb))
    for tb, sents in buf.items():
        if sents:
            yield tb, sentences_to_doc(vocab, sents)


# --------------------------------------------------------------------------- NER

# GermEval 2014 (NoSta-D) outer level -> project labels. *deriv ("deutsche") and *part ("EU-Staaten") -> O.
GERMEVAL_MAP = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": "MISC"}

# MobIE / SmartData fine-grained types -> project labels; everything else (date, time, number, trigger,
# event-cause, disaster-type, org-position, distance, duration, money, percent, set) -> O.
DFKI_MAP = {
    "person": "PER",
    "organization": "ORG", "organization-company": "ORG",
    "location": "LOC", "location-city": "LOC", "location-street": "LOC",
    "location-stop": "LOC", "location-route": "LOC",
}

EUROPEANA_MAP = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}


def bio_to_spans(tags, label_map):
    """BIO tags (label strings possibly unmapped) -> list of (start, end, label) after mapping."""
    spans = []
    cur = None
    for i, t in enumerate(tags):
        if t in ("O", "", None) or "-" not in t:
            if cur:
                spans.append(tuple(cur))
            cur = None
            continue
        bio, lab = t.split("-", 1)
        lab = label_map.get(lab)
        if lab is None:
            if cur:
                spans.append(tuple(cur))
            cur = None
            continue
        if bio == "B" or cur is None or cur[2] != lab:
            if cur:
                spans.append(tuple(cur))
            cur = [i, i + 1, lab]
        else:
            cur[1] = i + 1
    if cur:
        spans.append(tuple(cur))
    return spans


def make_ner_doc(vocab, words, spans, spaces=None, noun_forms=None):
    doc = Doc(vocab, words=words, spaces=spaces)
    ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=l) for s, e, l in spans]
    return set_ents_cleaned(doc, [e for e in ents if e is not None], noun_forms)


def load_noun_forms(data_dir):
    """Common-noun word forms from german-nouns (CC BY-SA 4.0, de.wiktionary), used only at build time to spot
    nominal mentions ("Klinikkette", "Gruppe", "Polizei") that MobIE/SmartData annotate as entities but
    GermEval-style NER does not. Rows that are also Toponym/Eigenname/Nachname/Vorname are skipped."""
    import csv

    path = Path(data_dir) / "german-nouns" / "nouns.csv"
    forms = set()
    if not path.exists():
        return forms
    with open(path, encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        for row in reader:
            pos = row[1]
            if any(x in pos for x in ("Toponym", "Eigenname", "Nachname", "Vorname", "Abkürzung")):
                continue
            forms.add(row[0])
            forms.update(v for v in row[7:] if v)
    return forms


class NominalFilter:
    """Decides whether a single-token DFKI entity is a nominal mention / compound rather than a name.
    Evidence: GermEval TRAIN-slice counts of the word inside vs. outside entities, then the common-noun forms."""

    def __init__(self, noun_forms, data_dir):
        from collections import Counter

        self.noun_forms = noun_forms
        self.ent, self.out = Counter(), Counter()
        for i, words, tags in read_germeval(data_dir):
            if split_of(i) != TRAIN:
                continue
            for w, t in zip(words, tags):
                (self.ent if t[:2] in ("B-", "I-") and t[2:] in GERMEVAL_MAP else self.out)[w] += 1

    def __contains__(self, t):
        head = t.rsplit("-", 1)[-1] if "-" in t else t
        if head != t and (head[:1].islower() or self._nominal(head)):
            return True
        return self._nominal(t)

    def _nominal(self, w):
        if self.ent[w] and self.ent[w] >= self.out[w]:
            return False
        if self.out[w] > self.ent[w]:
            return True
        return w in self.noun_forms


def set_ents_cleaned(doc, spans, noun_forms=None):
    """Set entities; with noun_forms, spans that look like nominal mentions or name-containing compounds
    (single token that is a common-noun form, or "X-Nomen" with a common-noun head) become MISSING
    (neither entity nor O) instead of training the model on a convention GermEval does not follow."""
    trimmed = []
    for sp in spans:  # no entity may start/end on or contain whitespace tokens (newlines in SmartData)
        s, e = sp.start, sp.end
        while s < e and doc[s].is_space:
            s += 1
        while e > s and doc[e - 1].is_space:
            e -= 1
        if e > s and not any(t.is_space for t in doc[s:e]):
            trimmed.append(Span(doc, s, e, label=sp.label_))
    spans = filter_spans(trimmed)
    if noun_forms is None:
        doc.ents = spans
        return doc
    keep, missing = [], []
    for sp in spans:
        if len(sp) == 1:
            if sp[0].text in noun_forms:
                missing.append(sp)
                continue
        keep.append(sp)
    doc.set_ents(keep, missing=missing, default="outside")
    return doc


def read_germeval(data_dir):
    """Yield (index, words, outer tags) over dev then test."""
    i = 0
    for name in ("NER-de-dev.tsv", "NER-de-test.tsv"):
        words, tags = [], []
        with open(Path(data_dir) / "GermEval2014-NER" / name, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if line.startswith("#\t") or line.startswith("# "):
                    continue
                if not line.strip():
                    if words:
                        yield i, words, tags
                        i += 1
                    words, tags = [], []
                    continue
                cols = line.split("\t")
                words.append(cols[1])
                tags.append(cols[2])
        if words:
            yield i, words, tags
            i += 1


def germeval_docs(vocab, data_dir, split):
    for i, words, tags in read_germeval(data_dir):
        if split_of(i) == split:
            yield make_ner_doc(vocab, words, bio_to_spans(tags, GERMEVAL_MAP))


def mobie_docs(vocab, data_dir, noun_forms=None):
    for name in ("train.conll2003", "dev.conll2003", "test.conll2003"):
        words, tags = [], []
        with open(Path(data_dir) / "MobIE-NER" / name, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if line.startswith("-DOCSTART-"):
                    continue
                if not line.strip():
                    if words:
                        yield make_ner_doc(vocab, words, bio_to_spans(tags, DFKI_MAP), noun_forms=noun_forms)
                    words, tags = [], []
                    continue
                cols = line.split("\t")
                words.append(cols[0])
                tags.append(cols[-1])
        if words:
            yield make_ner_doc(vocab, words, bio_to_spans(tags, DFKI_MAP), noun_forms=noun_forms)


def europeana_docs(vocab, data_dir, max_len=60):
    """No sentence boundaries upstream: cut after . ! ? tokens (or every max_len tokens)."""
    fix = {"PEr": "PER", "ORg": "ORG", "LOCer": "LOC", "OLOC": "LOC"}
    for name in ("enp_DE.lft.bio", "enp_DE.onb.bio", "enp_DE.sbb.bio"):
        words, tags = [], []
        with open(Path(data_dir) / "EuropeanaNewspapers-NER-DE" / name, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("# "):
                    continue
                parts = line.split(" ")
                word = parts[0]
                tag = parts[1] if len(parts) == 2 else "O"
                if "-" in tag:
                    b, l = tag.split("-", 1)
                    l = fix.get(l, l)
                    tag = f"{b}-{l}" if b in ("B", "I") and l in EUROPEANA_MAP else "O"
                else:
                    tag = "O"
                words.append(word)
                tags.append(tag)
                if (word in (".", "!", "?") and len(words) >= 3) or len(words) >= max_len:
                    yield make_ner_doc(vocab, words, bio_to_spans(tags, EUROPEANA_MAP))
                    words, tags = [], []
        if words:
            yield make_ner_doc(vocab, words, bio_to_spans(tags, EUROPEANA_MAP))


def _iter_json_stream(path):
    text = gzip.open(path, "rt", encoding="utf-8").read()
    dec = json.JSONDecoder()
    pos = 0
    while True:
        m = re.compile(r"\S").search(text, pos)
        if not m:
            break
        obj, pos = dec.raw_decode(text, m.start())
        yield obj


def smartdata_docs(nlp, data_dir, noun_forms=None):
    """Stand-off character offsets -> tokens of the project tokenizer (spans expanded to token boundaries)."""
    for name in ("train.json.gz", "test.json.gz"):
        for d in _iter_json_stream(Path(data_dir) / "SmartData-v1" / name):
            text = d["text"]["string"]
            doc = nlp.make_doc(text)
            spans = []
            for cm in (d.get("conceptMentions") or {}).get("array", []):
                lab = DFKI_MAP.get(cm["type"])
                if not lab:
                    continue
                sp = doc.char_span(cm["span"]["start"], cm["span"]["end"], label=lab, alignment_mode="expand")
                if sp is not None and sp.text.strip():
                    spans.append(sp)
            yield set_ents_cleaned(doc, spans, noun_forms)
