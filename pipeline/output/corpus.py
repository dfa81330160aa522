"""Cross-document tables built after every document is done: one speaker table and quote clusters.

The per-document stages see one text at a time; what a corpus analysis needs is two questions
across documents:

* **Who is speaking?** ``speaker_rows`` folds the per-document entities into one row per speaker
  (``speakers.csv``): the ``global_id`` key, the most common name, label, kind (person,
  organisation, place, other, group, unlinked), the roles and affiliations seen anywhere, and the
  number of claims, distinct quotes and documents.
* **Is this the same quote?** Agency copy is reprinted. ``quote_cluster_rows`` gives every claim a
  ``quote_cluster_id`` (``quote_clusters.csv``) so that reprints count once. The rule
  (``SIMILARITY`` / ``MIN_WORDS``): two claims are the same quote when they have the same speaker
  key, come from different documents, and the word sets of their messages (lowercased and folded
  with ``fold_name``) have a Jaccard similarity of at least 0.8; messages shorter than 4 words
  only match when their words are identical. Clusters are the transitive closure of that relation
  (single linkage); a cluster's id is the ``claim_id`` of its earliest claim (document date, then
  document id and position), so a claim that was never reprinted is its own cluster.

The name key (``global_id``, ``fold_name``) is the entity stage's (``pipeline.entities.identity``). pandas is only
used by ``pipeline.load.corpus_frames`` (older runs) and by ``pipeline.run.runner.write_corpus_tables`` when a cell
is not in the exporter's plain form.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..entities.identity import fold_name, global_id, name_slug

SPEAKERS_FILE = "speakers.csv"
QUOTE_CLUSTERS_FILE = "quote_clusters.csv"
LIST_SEPARATOR = " | "  # as export joins list cells

SIMILARITY = 0.8  # minimum Jaccard similarity of the two messages' word sets
MIN_WORDS = 4  # shorter messages only join a cluster when their words are identical

KIND_OF_LABEL = {"PER": "person", "ORG": "organisation", "LOC": "place", "MISC": "other"}
# Claim speakers without an entity: groups ("Beobachtern", "rund 60 Staaten") by their words, and
# names the entity stage did not link; pronouns and descriptions without a referent are nobody's.
GROUP_PREFIX = "group"
UNLINKED_PREFIX = "name"
NAMED_RESOLUTIONS = ("explicit", "alias")


# --------------------------------------------------------------------------- helpers


def text_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if type(value).__name__ == "NAType":
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(text_cell(v) for v in value)
    return str(value)


def _items(value: Any) -> list[str]:
    """A list cell (' | ' joined in the CSV, a tuple in memory) as its items."""
    if isinstance(value, (list, tuple)):
        return [text_cell(v) for v in value if text_cell(v)]
    return [part.strip() for part in text_cell(value).split(LIST_SEPARATOR.strip()) if part.strip()]


def _ranked(counter: Counter) -> list[str]:
    return [value for value, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]


def message_words(text: str) -> frozenset[str]:
    """The word set a message is compared by: folded, lowercase, letters and digits only."""
    return frozenset(re.findall(r"[a-z0-9]+", fold_name(text)))


# --------------------------------------------------------------------------- speaker key per claim


def claim_speaker_keys(claims: Iterable[Mapping[str, Any]], entities: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """claim_id -> speaker key (``speakers.global_id``); claims of nobody in particular are left out."""
    by_entity = {text_cell(e["entity_id"]): e for e in entities}
    keys: dict[str, str] = {}
    for claim in claims:
        entity = by_entity.get(text_cell(claim.get("speaker_entity_id")))
        resolution = text_cell(claim.get("speaker_resolution"))
        speaker_text = text_cell(claim.get("speaker_text"))
        if entity is not None:
            keys[text_cell(claim["claim_id"])] = text_cell(entity.get("global_id")) or global_id(text_cell(entity["label"]) or "misc", text_cell(entity["canonical_name"]))
        elif resolution == "group" and name_slug(speaker_text):
            keys[text_cell(claim["claim_id"])] = f"{GROUP_PREFIX}:{name_slug(speaker_text)}"
        elif resolution in NAMED_RESOLUTIONS and name_slug(text_cell(claim.get("speaker_name")) or speaker_text):
            keys[text_cell(claim["claim_id"])] = f"{UNLINKED_PREFIX}:{name_slug(text_cell(claim.get('speaker_name')) or speaker_text)}"
    return keys


# --------------------------------------------------------------------------- quote clusters


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    if min(len(a), len(b)) < MIN_WORDS:
        return a == b and len(a) > 0
    return len(a & b) / len(a | b) >= SIMILARITY


def _linked_pairs(words: Sequence[frozenset[str]], docs: Sequence[str]) -> Iterable[tuple[int, int]]:
    """Pairs (i, j) that pass ``_similar`` and come from different documents.

    Prefix filtering keeps this far below all pairs: with the words of every message in one global
    order (rarest first), two sets with Jaccard >= t must share a word among the first
    ``n - ceil(t * n) + 1`` of each (Bayardo et al., "Scaling up all pairs similarity search").
    """
    frequency = Counter(w for ws in words for w in ws)
    index: dict[str, list[int]] = defaultdict(list)
    for j, ws in enumerate(words):
        if not ws:
            continue
        ordered = sorted(ws, key=lambda w: (frequency[w], w))
        # Short messages must be identical: every word is in the prefix.
        prefix = len(ordered) if len(ordered) < MIN_WORDS else len(ordered) - math.ceil(SIMILARITY * len(ordered)) + 1
        candidates: set[int] = set()
        for w in ordered[:prefix]:
            candidates.update(index[w])
            index[w].append(j)
        for i in sorted(candidates):
            if docs[i] != docs[j] and _similar(words[i], ws):
                yield i, j


def _link_speaker_claims(uf: _UnionFind, positions: Sequence[int], ordered: Sequence[Mapping[str, Any]]) -> None:
    """Union the claims of one speaker that ``_similar`` links across documents.

    Reprinted agency copy repeats the same message in hundreds of documents, so the claims are first
    grouped by their word set: the similarity search then runs over distinct messages only (all pairs of
    200 copies would be 20,000 comparisons per message). Linking two groups, or a group with copies in
    several documents, connects all their claims, exactly as the pairwise rule would.
    """
    groups: dict[frozenset[str], list[int]] = {}
    for p in positions:
        groups.setdefault(message_words(text_cell(ordered[p].get("claim_text"))), []).append(p)
    words = list(groups)
    members = list(groups.values())
    doc_sets = [frozenset(text_cell(ordered[p]["doc_id"]) for p in group) for group in members]
    joined: set[int] = set()

    def join(k: int) -> None:
        if k not in joined:
            joined.add(k)
            for p in members[k][1:]:
                uf.union(members[k][0], p)

    for k, docs in enumerate(doc_sets):
        if len(docs) > 1 and _similar(words[k], words[k]):
            join(k)  # the same message in several documents
    # two groups are linked unless every claim of both stands in one and the same document
    labels = [next(iter(d)) if len(d) == 1 else f"\x00{k}" for k, d in enumerate(doc_sets)]
    for i, j in _linked_pairs(words, labels):
        join(i)
        join(j)
        uf.union(members[i][0], members[j][0])


def quote_cluster_rows(
    claims: Sequence[Mapping[str, Any]],
    speaker_keys: Mapping[str, str],
    doc_dates: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """One row per claim: its ``quote_cluster_id`` and how big (claims, documents) the cluster is."""
    doc_dates = doc_dates or {}
    order = sorted(
        range(len(claims)),
        key=lambda i: (
            text_cell(doc_dates.get(text_cell(claims[i]["doc_id"]))) or "9999",
            text_cell(claims[i]["doc_id"]),
            int(claims[i]["start_char"]) if text_cell(claims[i].get("start_char")) else -1,
            text_cell(claims[i]["claim_id"]),
        ),
    )
    ordered = [claims[i] for i in order]
    uf = _UnionFind(len(ordered))
    by_speaker: dict[str, list[int]] = defaultdict(list)
    for position, claim in enumerate(ordered):
        key = speaker_keys.get(text_cell(claim["claim_id"]))
        if key:
            by_speaker[key].append(position)
    for positions in by_speaker.values():
        _link_speaker_claims(uf, positions, ordered)
    members: dict[int, list[int]] = defaultdict(list)
    for position in range(len(ordered)):
        members[uf.find(position)].append(position)
    rows = []
    for position, claim in enumerate(ordered):
        group = members[uf.find(position)]
        rows.append(
            {
                "claim_id": text_cell(claim["claim_id"]),
                "doc_id": text_cell(claim["doc_id"]),
                "speaker_global_id": speaker_keys.get(text_cell(claim["claim_id"])) or None,
                # the root is the smallest position: the earliest claim of the cluster
                "quote_cluster_id": text_cell(ordered[min(group)]["claim_id"]),
                "cluster_size": len(group),
                "cluster_documents": len({text_cell(ordered[p]["doc_id"]) for p in group}),
            }
        )
    rows.sort(key=lambda r: (r["doc_id"], r["claim_id"]))
    return rows


# --------------------------------------------------------------------------- speakers


def speaker_rows(
    claims: Sequence[Mapping[str, Any]],
    entities: Sequence[Mapping[str, Any]],
    clusters: Sequence[Mapping[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """One row per cross-document speaker (everyone with at least one claim), most claims first."""
    keys = claim_speaker_keys(claims, entities)
    if clusters is None:
        clusters = quote_cluster_rows(claims, keys)
    cluster_of = {r["claim_id"]: r["quote_cluster_id"] for r in clusters}
    by_entity = {text_cell(e["entity_id"]): e for e in entities}
    acc: dict[str, dict[str, Any]] = {}
    for claim in claims:
        claim_id = text_cell(claim["claim_id"])
        key = keys.get(claim_id)
        if key is None:
            continue
        s = acc.setdefault(key, {"names": Counter(), "labels": Counter(), "roles": Counter(), "affiliations": Counter(), "claims": 0, "quotes": set(), "docs": set(), "entities": set()})
        s["claims"] += 1
        s["quotes"].add(cluster_of.get(claim_id, claim_id))
        s["docs"].add(text_cell(claim["doc_id"]))
        entity = by_entity.get(text_cell(claim.get("speaker_entity_id")))
        if entity is not None:
            if text_cell(entity["entity_id"]) not in s["entities"]:
                # roles and affiliations count once per document entity, not once per claim
                s["entities"].add(text_cell(entity["entity_id"]))
                s["roles"].update(_items(entity.get("roles")))
                s["affiliations"].update(_items(entity.get("affiliation")))
            s["names"][text_cell(entity["canonical_name"])] += 1
            s["labels"][text_cell(entity["label"])] += 1
        else:
            s["names"][text_cell(claim.get("speaker_name")) or text_cell(claim.get("speaker_text"))] += 1
    rows = []
    for key, s in acc.items():
        names = sorted(s["names"].items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
        label = _ranked(s["labels"])[0] if s["labels"] else ""
        prefix = key.split(":", 1)[0]
        kind = "group" if prefix == GROUP_PREFIX else "unlinked" if prefix == UNLINKED_PREFIX else KIND_OF_LABEL.get(label, "other")
        rows.append(
            {
                "global_id": key,
                "name": names[0][0],
                "label": label or None,
                "kind": kind,
                "names": LIST_SEPARATOR.join(n for n, _ in names),
                "roles": LIST_SEPARATOR.join(_ranked(s["roles"])) or None,
                "affiliations": LIST_SEPARATOR.join(_ranked(s["affiliations"])) or None,
                "n_claims": s["claims"],
                "n_quotes": len(s["quotes"]),
                "n_documents": len(s["docs"]),
            }
        )
    rows.sort(key=lambda r: (-r["n_claims"], r["global_id"]))
    return rows


def corpus_rows(
    claims: Sequence[Mapping[str, Any]],
    entities: Sequence[Mapping[str, Any]],
    doc_dates: Mapping[str, str] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The cross-document post-pass over finished per-document rows: (speakers rows, quote_clusters rows)."""
    keys = claim_speaker_keys(claims, entities)
    clusters = quote_cluster_rows(claims, keys, doc_dates)
    return speaker_rows(claims, entities, clusters), clusters


# --------------------------------------------------------------------------- tables


def frame_records(frame: Any) -> list[dict[str, Any]]:
    return [{k: (None if text_cell(v) == "" else v) for k, v in r.items()} for r in frame.to_dict("records")]


def doc_dates(documents: Any) -> dict[str, str]:
    """doc_id -> document date (YYYY-MM-DD or empty), from the loaded frame or from its records."""
    records = documents if isinstance(documents, list) else frame_records(documents)
    return {text_cell(r["doc_id"]): (text_cell(r["date"])[:10] if text_cell(r["date"]) else "") for r in records}
