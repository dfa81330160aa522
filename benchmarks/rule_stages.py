"""Time of each rule stage (entities, claims, figures) against the bare ``nlp.pipe`` on the same documents.

    .venv/bin/python benchmarks/rule_stages.py DIR_OF_TXT_FILES [N] [--profile]

Parses N documents with the rule components disabled, then runs each component over the parsed Docs and prints
the seconds per stage and bare / (bare + rules). ``--profile`` adds the 30 most expensive functions (cProfile).
The corpus is the caller's (e.g. the ``make bench`` corpus in artifacts/bench/corpus); nothing is written.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.run import runner  # noqa: E402

STAGES = ("claimgraph_entities", "claimgraph_claims", "claimgraph_figures")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not args:
        raise SystemExit(__doc__)
    corpus, n = Path(args[0]), int(args[1]) if len(args) > 1 else 100
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))[:n]]
    if not texts:
        raise SystemExit(f"no .txt files in {corpus}")
    nlp, _ = runner.load_pipeline(runner.RunConfig(on_warning=lambda m: None), components=STAGES)
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16, disable=list(STAGES)))
    bare = time.perf_counter() - start
    profile = cProfile.Profile() if "--profile" in sys.argv else None
    seconds = {}
    for name in STAGES:
        proc = nlp.get_pipe(name)
        start = time.perf_counter()
        if profile:
            profile.enable()
        docs = [proc(doc) for doc in docs]
        if profile:
            profile.disable()
        seconds[name] = time.perf_counter() - start
    rules = sum(seconds.values())
    parts = ", ".join(f"{name.removeprefix('claimgraph_')} {s:.2f} s" for name, s in seconds.items())
    print(f"{len(texts)} docs: bare nlp.pipe {bare:.2f} s, rule stages {rules:.2f} s ({parts}); bare / (bare + rules) = {bare / (bare + rules):.3f}")
    if profile:
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
