"""Full extraction vs bare ``nlp.pipe`` in executed instructions (callgrind): a throughput ratio that load on a
shared machine does not move.

``make bench`` measures seconds, and on this shared 2-core machine the same code gives full / bare between 0.63 and
0.95 from run to run (README, *Speed and scale*). Valgrind's callgrind counts the instructions a process executes,
which depends only on the code, the inputs and the environment. This script runs, each in its own process under
callgrind and with instrumentation switched on only around the measured work (a tiny C shim calling the
``CALLGRIND_START/STOP_INSTRUMENTATION`` client requests, compiled here with gcc):

  1. bare ``nlp.pipe`` over the documents (pipeline loaded and warmed up on two other documents first);
  2. the full extraction (``runner.run_all``: ingest, clean, parse, entities, claims, figures, tables, checks)
     over the same documents, after a warm-up run on the two other documents (lexicons loaded, imports done).

It prints both counts and their ratio, ``x bare`` = bare / full as in ``make bench``.

Limits: instructions are not seconds. The statistical pipeline spends its time in vectorised matrix code that does
more work per instruction than the interpreter loop of the rule stages, so this ratio tends to be *lower* than the
time ratio on a quiet machine: read it as a repeatable yardstick for comparing two versions of the code, not as the
wall-clock figure. The full run's per-run costs (run folder, consistency check, manifest) are spread over only
``--docs`` documents, which also makes the ratio lower than on the 1,000 documents of ``make bench``. Under callgrind
Python runs about 50 times slower: 30 documents take about 15-30 minutes per run (both runs go in parallel).
Needs valgrind (with its headers, Debian package ``valgrind``) and gcc. The corpus is built like ``make bench``'s
from the SpkAtt news articles and written under ``--work`` (git-ignored), never committed.
"""

from __future__ import annotations

import argparse
import ctypes
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

SHIM_SOURCE = """#include <valgrind/callgrind.h>
void cg_start(void) { CALLGRIND_ZERO_STATS; CALLGRIND_START_INSTRUMENTATION; }
void cg_stop(void) { CALLGRIND_STOP_INSTRUMENTATION; CALLGRIND_DUMP_STATS_AT("measured"); }
"""
KINDS = ("bare", "full")


def build_shim(work: Path) -> Path:
    header = Path("/usr/include/valgrind/callgrind.h")
    if not shutil.which("valgrind") or not header.exists():
        raise SystemExit("instructions.py: valgrind and its headers are needed (Debian: apt-get install valgrind)")
    if not shutil.which("gcc"):
        raise SystemExit("instructions.py: gcc is needed to build the callgrind shim")
    source, shim = work / "cgshim.c", work / "cgshim.so"
    source.write_text(SHIM_SOURCE)
    subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-o", str(shim), str(source)], check=True)
    return shim


def split_corpus(spkatt: Path, work: Path, kind: str, n_docs: int) -> tuple[Path, Path]:
    """``n_docs`` measured documents and two warm-up documents, in folders of their own for this kind."""
    import bench

    corpus, warm = work / f"corpus-{kind}", work / f"warm-{kind}"
    bench.build_corpus(spkatt, corpus, n_docs + 2)
    shutil.rmtree(warm, ignore_errors=True)
    warm.mkdir(parents=True)
    for path in sorted(corpus.glob("doc*.txt"))[n_docs:]:
        shutil.move(str(path), warm / path.name)
    (corpus / ".corpus.json").unlink(missing_ok=True)  # the folder no longer matches its stamp: rebuild next time
    return corpus, warm


def child(kind: str, corpus: Path, warm: Path, shim: Path, model: str | None) -> None:
    import bench
    from pipeline.run import runner
    from pipeline.run.backends import get_nlp

    cg = ctypes.CDLL(str(shim))
    if kind == "bare":
        texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("doc*.txt"))]
        nlp, _ = runner.load_pipeline(runner.RunConfig(model=model, on_warning=lambda m: None))
        list(nlp.pipe([p.read_text(encoding="utf-8") for p in sorted(warm.glob("doc*.txt"))]))
        cg.cg_start()
        for _doc in nlp.pipe(texts, batch_size=16):
            pass
        cg.cg_stop()
    else:
        out = Path(tempfile.mkdtemp(dir=corpus.parent))
        warm_cfg = bench._cfg(warm, out, "warm", model=model)
        get_nlp(runner._worker_settings(warm_cfg, runner._choose_model(warm_cfg), runner.ALL_COMPONENTS))
        runner.run_all(warm_cfg)
        cg.cg_start()
        runner.run_all(bench._cfg(corpus, out, "full", model=model, use_cache=False))
        cg.cg_stop()


def measured_instructions(work: Path, kind: str) -> int:
    """The ``totals`` line of the dump written at ``cg_stop`` (callgrind names it ``<out-file>.<n>``)."""
    dumps = sorted(work.glob(f"callgrind.{kind}.*.*"))
    totals = [int(m.group(1)) for d in dumps for m in [re.search(r"^totals: (\d+)", d.read_text(errors="replace"), re.M)]
              if m and int(m.group(1)) > 0]
    if not totals:
        raise SystemExit(f"instructions.py: no callgrind dump with a count for the {kind} run in {work}")
    return totals[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spkatt", type=Path, default=ROOT.parent / "shared/data/SpkAtt2023-news/train")
    parser.add_argument("--docs", type=int, default=30, help="measured documents (default 30)")
    parser.add_argument("--work", type=Path, default=ROOT / "artifacts/bench/instructions")
    parser.add_argument("--model", default=None, help="pipeline (default: the project's model choice with fallback)")
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    work = args.work.resolve()
    if args.child:
        child(args.child, work / f"corpus-{args.child}", work / f"warm-{args.child}", work / "cgshim.so", args.model)
        return
    if not args.spkatt.is_dir():
        raise SystemExit(f"instructions.py: no SpkAtt folder at {args.spkatt}; pass --spkatt")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shim = build_shim(work)
    procs = {}
    for kind in KINDS:
        split_corpus(args.spkatt, work, kind, args.docs)
        cmd = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={work}/callgrind.{kind}.%p",
               sys.executable, str(Path(__file__).resolve()), "--child", kind, "--work", str(work)]
        if args.model:
            cmd += ["--model", args.model]
        print(f"started the {kind} run under callgrind ({args.docs} documents; this takes a while)", flush=True)
        procs[kind] = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=open(work / f"{kind}.log", "w"))
    for kind, proc in procs.items():
        if proc.wait() != 0:
            raise SystemExit(f"instructions.py: the {kind} run failed (exit {proc.returncode}); see {work}/{kind}.log")
    bare, full = (measured_instructions(work, k) for k in KINDS)
    print(f"\n{args.docs} documents, instructions executed in the measured part (callgrind)")
    print(f"| run | instructions | per document | x bare |\n|---|---:|---:|---:|")
    print(f"| bare `nlp.pipe` | {bare:,} | {bare // args.docs:,} | 1.00 |")
    print(f"| full extraction | {full:,} | {full // args.docs:,} | {bare / full:.3f} |")
    print(f"\neverything but the statistical pipeline: about {(full - bare) / bare:.1%} of bare (upper bound: the full run "
          "also parses)")


if __name__ == "__main__":
    main()
