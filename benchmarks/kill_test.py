"""Randomised crash test of a run's output folder (issue 14): `kill -9` at random moments, then check.

    .venv/bin/python benchmarks/kill_test.py                  # 10 kills during 300-document runs
    .venv/bin/python benchmarks/kill_test.py --docs 50 --kills 3 --model /path/to/pipeline

Two corpora (A and B, 300 documents each, built from the sample texts, never committed) alternate:
every killed run works on the corpus the folder does NOT hold, so a folder that mixed two runs
would show it. After each kill the folder must

- pass ``load()`` (which finishes a switch a kill interrupted half-way) and ``check_tables``;
- hold exactly one complete run: the previous one, or (if the kill came after the commit point)
  the new one, with every file matching the manifest's SHA-256.

Every run is made with ``--no-cache``, so each takes the full time and a kill lands inside it.
At the end one more run completes and its tables must be byte-identical to a clean run in a fresh
folder. Prints one line per kill and a summary; exit code 1 if any check failed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.load import check_tables, load  # noqa: E402
from pipeline.run.run_folder import JOURNAL_FILE, STAGING_PREFIX  # noqa: E402


def build_corpus(folder: Path, n: int, variant: str) -> Path:
    """``n`` documents: the two sample texts in turn, each with its own numbered lead sentence."""
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        lead = f"Meldung {variant}-{i}: Die Lage bleibt nach Angaben der Behörden angespannt."
        (folder / f"meldung-{i:04d}.txt").write_text(lead + "\n\n" + samples[i % len(samples)], encoding="utf-8")
    return folder


def extract(raw: Path, out: Path, model: str | None) -> list[str]:
    # --no-cache: every run does the whole work, so a kill at a random moment lands inside it, not after it
    command = [sys.executable, str(ROOT / "cli.py"), "extract", "-i", str(raw), "-o", str(out), "-q", "--no-cache"]
    return command + (["--model", model] if model else [])


def corpus_in(out: Path) -> str | None:
    """Which corpus the folder holds, read from its documents (A or B)."""
    texts = load(out).texts
    first = texts.get("meldung-0000", "")
    return first.split(":")[0].split("-")[0].removeprefix("Meldung ").strip() or None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--model", default=None, help="as --model of extract (default: extract's default)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--work", type=Path, default=None, help="work folder (default: a temporary one)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = args.work or Path(tempfile.mkdtemp(prefix="claimgraph-kill-"))
    corpora = {"A": build_corpus(work / "raw-A", args.docs, "A"), "B": build_corpus(work / "raw-B", args.docs, "B")}
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)

    started = time.monotonic()
    subprocess.run(extract(corpora["A"], out, args.model), check=True, cwd=ROOT)
    duration = time.monotonic() - started
    print(f"complete run over {args.docs} documents: {duration:.1f} s; killing at random moments in [0, {duration:.1f}] s")

    failures = 0
    outcomes = {"previous run kept": 0, "new run complete": 0}
    for k in range(1, args.kills + 1):
        held = corpus_in(out)
        other = "B" if held == "A" else "A"
        delay = rng.uniform(0.0, duration)
        process = subprocess.Popen(extract(corpora[other], out, args.model), cwd=ROOT, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        finished_before_kill = process.poll() is not None
        if not finished_before_kill:
            process.send_signal(signal.SIGKILL)
        process.wait()
        left = sorted(p.name for p in out.iterdir() if p.name.startswith(STAGING_PREFIX) or p.name == JOURNAL_FILE)
        try:
            tables = load(out)
            problems = check_tables(tables)
            now = corpus_in(out)
        except Exception as exc:  # a check that cannot even read the folder is a failure, not a crash of the test
            problems, now = [f"{type(exc).__name__}: {exc}"], None
        kind = "new run complete" if now == other else "previous run kept" if now == held else "MIXED"
        if problems or kind == "MIXED":
            failures += 1
        else:
            outcomes[kind] += 1
        print(
            f"kill {k:2d} at {delay:5.1f} s{' (run had finished)' if finished_before_kill else ''}: "
            f"left behind {left or 'nothing'}; folder holds {kind}; check_tables: {'ok' if not problems else problems[:2]}"
        )

    final = corpus_in(out)
    subprocess.run(extract(corpora[final], out, args.model), check=True, cwd=ROOT)
    fresh = work / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    subprocess.run(extract(corpora[final], fresh, args.model), check=True, cwd=ROOT)
    names = sorted(p.name for p in fresh.iterdir() if p.is_file() and not p.name.startswith(".") and p.name != "manifest.json")
    different = [n for n in names if (out / n).read_bytes() != (fresh / n).read_bytes()]
    if different:
        failures += 1
    print(
        f"\nsummary: {args.kills} kills, {outcomes['previous run kept']} left the previous run, "
        f"{outcomes['new run complete']} the new one, {failures} failures; "
        f"rerun after the kills byte-identical to a clean run: {'yes' if not different else 'NO: ' + ', '.join(different)}"
    )
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
