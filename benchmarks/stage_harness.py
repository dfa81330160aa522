"""The rule stages alone over saved parses: CPU time per stage and a fingerprint of every cell they produce.

    .venv/bin/python benchmarks/stage_harness.py CORPUS_DIR [--docs N] [--repeats R] [--save REF.json | --check REF.json] [--profile [TOP] [--dump FILE]]

The first run parses the first N documents of ``CORPUS_DIR`` (statistical pipeline only) and keeps the parses in
``artifacts/harness/parses-<N>.spacy``; later runs read them, so a change to a rule stage is timed in seconds. Each
run applies the layer, ``claimgraph_entities``, ``claimgraph_claims`` and ``claimgraph_figures`` to fresh copies
of the parsed Docs (best of R runs, CPU seconds), then builds the table cells as the backends do.
``--save`` writes the cells (one JSON object per document); ``--check`` compares with such a file and lists the
documents whose cells differ. For optimisations that must change no output.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spacy.tokens import DocBin  # noqa: E402

from pipeline.layer.document import layer_of  # noqa: E402
from pipeline.run import backends, runner  # noqa: E402

STAGES = ("claimgraph_entities", "claimgraph_claims", "claimgraph_figures")


def parses(nlp, corpus: Path, n: int) -> bytes:
    cache = ROOT / "artifacts" / "harness" / f"parses-{corpus.name}-{n}.spacy"
    if cache.exists():
        return cache.read_bytes()
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))[:n]]
    docs = list(nlp.pipe(texts, batch_size=16, disable=list(STAGES)))
    for doc in docs:
        doc.tensor = doc.tensor[:0]
    data = DocBin(store_user_data=False, docs=docs).to_bytes()
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(data)
    return data


def run_once(nlp, data: bytes, profile: cProfile.Profile | None = None) -> tuple[dict[str, float], list]:
    docs = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    for k, doc in enumerate(docs):
        doc._.doc_id = f"doc{k:05d}"
    seconds = {"layer": 0.0, **{name: 0.0 for name in STAGES}, "cells": 0.0}
    if profile:
        profile.enable()
    start = time.process_time()
    for doc in docs:
        layer_of(doc)
    seconds["layer"] = time.process_time() - start
    for name in STAGES:
        proc = nlp.get_pipe(name)
        start = time.process_time()
        docs = [proc(doc) for doc in docs]
        seconds[name] = time.process_time() - start
    start = time.process_time()
    cells = [{**backends.extraction_cells(doc, STAGES), "stats": backends.document_stats(doc)} for doc in docs]
    seconds["cells"] = time.process_time() - start
    if profile:
        profile.disable()
    return seconds, cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--save", type=Path)
    parser.add_argument("--check", type=Path)
    parser.add_argument("--profile", nargs="?", type=int, const=40, default=None)
    parser.add_argument("--dump", type=Path, help="with --profile: also write the pstats file")
    args = parser.parse_args()
    nlp, _ = runner.load_pipeline(runner.RunConfig(on_warning=lambda m: None), components=STAGES)
    data = parses(nlp, args.corpus, args.docs)
    best: dict[str, float] = {}
    cells = None
    for _ in range(max(1, args.repeats)):
        seconds, cells = run_once(nlp, data)
        best = {k: min(v, best.get(k, float("inf"))) for k, v in seconds.items()}
    total = sum(best.values())
    print(f"{args.docs} docs, best of {args.repeats}, CPU s: " + ", ".join(f"{k.removeprefix('claimgraph_')} {v:.3f}" for k, v in best.items())
          + f"; total {total:.3f}")
    if args.save:
        args.save.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in cells) + "\n", encoding="utf-8")
        print(f"cells written to {args.save}")
    if args.check:
        reference = [json.loads(line) for line in args.check.read_text(encoding="utf-8").splitlines() if line.strip()]
        differing = [k for k, (a, b) in enumerate(zip(reference, cells)) if a != b]
        if len(reference) != len(cells):
            print(f"DIFFERENT: {len(reference)} documents in the reference, {len(cells)} now")
        elif differing:
            print(f"DIFFERENT in {len(differing)} documents: {differing[:20]}")
            a, b = reference[differing[0]], cells[differing[0]]
            for table in a:
                if a[table] != b.get(table):
                    for i, (x, y) in enumerate(zip(a[table], b[table])):
                        if x != y:
                            print(f"  doc{differing[0]:05d} {table} row {i}:\n    - {x}\n    + {y}")
                            break
                    else:
                        print(f"  doc{differing[0]:05d} {table}: {len(a[table])} vs {len(b[table])} rows")
        else:
            print(f"identical to {args.check} ({len(cells)} documents)")
    if args.profile:
        profile = cProfile.Profile()
        run_once(nlp, data, profile)
        if args.dump:
            profile.dump_stats(str(args.dump))
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
