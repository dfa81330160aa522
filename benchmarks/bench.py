"""Throughput, scaling, memory and incremental-run benchmark (``make bench``). Prints a table.

The corpus is built from text available locally, never committed: the SpkAtt-2023 news articles
(detokenised) replicated to ``--docs`` documents, each copy made unique by a numbered first line so
that no cache can short-cut the measurement. It is written to ``artifacts/bench/`` (git-ignored).

Measured for the same spaCy pipeline in one run:
  1. bare ``nlp.pipe`` of the statistical pipeline (the physical floor of this design)
  2. the full extraction (``runner.run_all``: ingest, clean, parse, entities, claims, figures, CSVs)
  3. the same with the ``processes`` backend and 2 workers
  4. peak resident memory of a full run at 1,000 and at ``--docs`` documents (separate processes)
  5. a second run on unchanged input with the cache (incremental) and whether its tables are identical

``--sizes 0.1,0.5,1,2,5`` instead measures single large documents (the memory model): for each size in MB a
single-line document and one of paragraphs, plus 100,000 short lines and 10,000 opening quotation marks,
each a full run (``runner.run_all``) in a fresh process; prints time and peak RSS. The inputs are generated
under ``--work`` (git-ignored), never committed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spacy.attrs import IS_SPACE  # noqa: E402

from pipeline.nlp import segments  # noqa: E402
from pipeline.output.schema import TABLES  # noqa: E402
from pipeline.run import runner  # noqa: E402
from pipeline.run.backends import get_nlp  # noqa: E402

_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?)\]“«’])")
_NO_SPACE_AFTER = re.compile(r"([(\[„»‚]) ")


def detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens)
    return _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", text))


def build_corpus(spkatt_dir: Path, target: Path, n_docs: int) -> list[str]:
    """Write ``n_docs`` text files to ``target`` (re-using a matching corpus) and return their texts."""
    files = sorted(spkatt_dir.glob("*.json"))
    if not files:
        raise SystemExit(f"no SpkAtt JSON files in {spkatt_dir}; pass --spkatt")
    articles = []
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        articles.append("\n\n".join(detokenise(s["Tokens"]) for s in data["Sentences"]))
    texts = [f"Meldung {i + 1}\n\n{articles[i % len(articles)]}" for i in range(n_docs)]
    stamp = target / ".corpus.json"
    if not (stamp.exists() and json.loads(stamp.read_text()) == {"n_docs": n_docs, "sources": len(files)}):
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for i, text in enumerate(texts):
            (target / f"doc{i:05d}.txt").write_text(text, encoding="utf-8")
        stamp.write_text(json.dumps({"n_docs": n_docs, "sources": len(files)}))
    return texts


def _cfg(input_dir: Path, work: Path, name: str, **kwargs) -> runner.RunConfig:
    return runner.RunConfig(
        input_dir=input_dir, output_dir=work / name, interim_dir=work / f"{name}-interim", on_warning=lambda m: None, **kwargs
    )


def bare_pipe(texts: list[str], model: str | None) -> tuple[float, float, int]:
    """Wall-clock seconds, CPU seconds (this process, all threads) and words of bare ``nlp.pipe``."""
    nlp, _ = runner.load_pipeline(runner.RunConfig(model=model, on_warning=lambda m: None))
    start, cpu = time.perf_counter(), time.process_time()
    # count_by runs in C: iterating Token views here (as before) put about 0.2 % of Python work into the bare time
    words = sum(doc.count_by(IS_SPACE).get(0, 0) for doc in nlp.pipe(texts, batch_size=16))
    return time.perf_counter() - start, time.process_time() - cpu, words


def clean_stage_seconds(texts: list[str]) -> tuple[float, float]:
    """The clean stage alone (rule layer and block classifier) over the texts, as one run: wall-clock and CPU seconds."""
    from pipeline import boilerplate

    lexicon = boilerplate.load_lexicon()
    lexicon.cache.clear()
    boilerplate.block_shape.cache_clear()
    start, cpu = time.perf_counter(), time.process_time()
    boilerplate.clean_documents(texts, lexicon=lexicon)
    return time.perf_counter() - start, time.process_time() - cpu


def timed_run(cfg: runner.RunConfig) -> tuple[float, float]:
    """Wall-clock and CPU seconds (this process; worker processes not counted) of ``runner.run_all``."""
    start, cpu = time.perf_counter(), time.process_time()
    runner.run_all(cfg)
    return time.perf_counter() - start, time.process_time() - cpu


def timed_run_with_parse(cfg: runner.RunConfig) -> tuple[float, float, float]:
    """``timed_run`` plus the CPU seconds of its statistical pipeline (``segments.parse_texts``, as profile_run.py times it).

    The statistical pipeline's own speed drifts by about 10 % between runs on this shared machine, which moves an
    end-to-end full / bare ratio by as much as all the rule stages together; the time of everything else in the same
    run does not depend on that drift.
    """
    original = segments.parse_texts
    parse_cpu = 0.0

    def timed_parse(*args, **kwargs):
        nonlocal parse_cpu
        cpu = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            parse_cpu += time.process_time() - cpu

    segments.parse_texts = timed_parse
    try:
        seconds, cpu = timed_run(cfg)
    finally:
        segments.parse_texts = original
    return seconds, cpu, parse_cpu


def peak_memory_mb(input_dir: Path, work: Path, name: str, model: str | None) -> float:
    """Max RSS of a full run in a fresh process (so earlier measurements do not count)."""
    code = (
        "import sys, resource; sys.path.insert(0, %r)\n"
        "from pipeline.run import runner\n"
        "from pathlib import Path\n"
        "cfg = runner.RunConfig(input_dir=Path(%r), output_dir=Path(%r), interim_dir=Path(%r), model=%r, use_cache=False, on_warning=lambda m: None)\n"
        "runner.run_all(cfg)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    ) % (str(ROOT), str(input_dir), str(work / name), str(work / f"{name}-interim"), model)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return int(out.strip().splitlines()[-1]) / 1024


SIZE_KINDS = ("line", "paragraphs", "short-lines", "quotes")


def size_inputs(spkatt_dir: Path, sizes_mb: list[float], kinds: tuple[str, ...] = SIZE_KINDS) -> list[tuple[str, str]]:
    """``(label, text)`` of the single-document inputs of ``--sizes``, built from the SpkAtt articles."""
    texts = build_texts(spkatt_dir)
    paragraphs = [p for t in texts for p in t.split("\n\n") if p.strip()]
    words = " ".join(paragraphs).split()

    def repeat(separator: str, n_bytes: int) -> str:
        out, size, i = [], 0, 0
        while size < n_bytes:
            part = paragraphs[i % len(paragraphs)] + separator
            out.append(part)
            size += len(part.encode("utf-8"))
            i += 1
        # cut in bytes, not characters, so that "5 MB" stays within the default --max-doc-bytes of 5,000,000
        return "".join(out).encode("utf-8")[: n_bytes - 1].decode("utf-8", errors="ignore").rstrip() + "\n"

    inputs = []
    if "short-lines" in kinds:
        lines = [" ".join(words[i : i + 3]) for i in range(0, 300_000, 3)]
        inputs.append(("100,000 short lines", "\n".join(lines[i % len(lines)] for i in range(100_000)) + "\n"))
    if "quotes" in kinds:
        inputs.append(("10,000 opening „ without a closing mark", "„" * 10_000 + "\n"))
    for mb in sizes_mb:
        n_bytes = int(mb * 1_000_000)
        if "line" in kinds:
            inputs.append((f"{mb:g} MB single line", repeat(" ", n_bytes)))
        if "paragraphs" in kinds:
            inputs.append((f"{mb:g} MB paragraphs", repeat("\n\n", n_bytes)))
    return inputs


def build_texts(spkatt_dir: Path) -> list[str]:
    files = sorted(spkatt_dir.glob("*.json"))
    if not files:
        raise SystemExit(f"no SpkAtt JSON files in {spkatt_dir}; pass --spkatt")
    return ["\n\n".join(detokenise(s["Tokens"]) for s in json.loads(p.read_text(encoding="utf-8"))["Sentences"]) for p in files]


def single_document_run(text: str, work: Path, name: str, model: str | None) -> dict:
    """Time and peak RSS of a full run over one document, in a fresh process (the model load not timed)."""
    raw = work / name / "raw"
    shutil.rmtree(work / name, ignore_errors=True)
    raw.mkdir(parents=True)
    (raw / "doc.txt").write_text(text, encoding="utf-8")
    code = (
        "import sys, time, resource, json; sys.path.insert(0, %r)\n"
        "from pipeline.run import runner\n"
        "from pipeline.run.backends import WorkerSettings, get_nlp\n"
        "from pathlib import Path\n"
        "cfg = runner.RunConfig(input_dir=Path(%r), output_dir=Path(%r), interim_dir=Path(%r), model=%r, use_cache=False, on_warning=lambda m: None)\n"
        "choice = runner._choose_model(cfg)\n"
        "get_nlp(runner._worker_settings(cfg, choice, runner.ALL_COMPONENTS))\n"
        "loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "start, cpu = time.perf_counter(), time.process_time()\n"
        "summary = runner.run_all(cfg)\n"
        "seconds, cpu = time.perf_counter() - start, time.process_time() - cpu\n"
        "claims = sum(1 for _ in open(Path(%r) / 'claims.csv', encoding='utf-8')) - 1\n"
        "print(json.dumps({'seconds': seconds, 'loaded_kb': loaded, 'peak_kb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
        " 'cpu': cpu, 'failures': len(summary.failures), 'claims': claims}))\n"
    ) % (str(ROOT), str(raw), str(work / name / "out"), str(work / name / "interim"), model, str(work / name / "out"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    shutil.rmtree(work / name, ignore_errors=True)
    if done.returncode != 0:
        return {"error": f"exit code {done.returncode}: {done.stderr.strip().splitlines()[-1:] or ''}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_sizes(args) -> None:
    sizes = [float(s) for s in args.sizes.split(",") if s.strip()]
    choice = runner.resolve_model(args.model)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}", flush=True)
    print(f"pipeline: {choice.source} ({choice.kind}); texts from {args.spkatt}; one document per run, fresh process", flush=True)
    print("\n| input | MB | time s | CPU s | CPU s per MB | peak RSS MB | RSS above model load MB | per MB of text | claims |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    kinds = tuple(k.strip() for k in args.size_kinds.split(","))
    for i, (label, text) in enumerate(size_inputs(args.spkatt, sizes, kinds)):
        mb = len(text.encode("utf-8")) / 1_000_000
        r = single_document_run(text, args.work, f"size-{'-'.join(kinds)}-{i}", args.model)
        if "error" in r:
            print(f"| {label} | {mb:.2f} | failed: {r['error']} | | | | | | |", flush=True)
            continue
        peak, above = r["peak_kb"] / 1024, (r["peak_kb"] - r["loaded_kb"]) / 1024
        failed = f" ({r['failures']} failed)" if r["failures"] else ""
        print(
            f"| {label} | {mb:.2f} | {r['seconds']:.1f} | {r['cpu']:.1f} | {r['cpu'] / mb:.0f} | {peak:.0f} | {above:.0f} | {above / mb:.0f} | {r['claims']}{failed} |",
            flush=True,
        )


SAME_WORK = (
    "\nBoth runs: the same documents, in this process, model loaded and project imported before timing (not counted),"
    "\nbatch size 16, one process, no cache; each run on a freshly loaded pipeline instance (bare) or the run's pipeline"
    "\n(full; the same instance in every repeat, so repeats after the first find its vocabulary and the rule memos warm:"
    "\nuse --repeats 1 for a cold full run). The full run includes its one-off costs (lexicon loading, run folder,"
    "\nlanguage detection, table check, manifest, cross-document tables); the clean stage alone is timed after it."
)


def drift_lines(bare_cpu: float, parse_in_full_cpu: float, rest_cpu: float) -> str:
    """The full run split into its statistical pipeline and everything else, and the ratio that does not drift."""
    return (
        f"full run, CPU s: statistical pipeline {parse_in_full_cpu:.1f} ({parse_in_full_cpu / bare_cpu:.1%} of bare: drift between"
        f" the two runs), everything else {rest_cpu:.1f} ({rest_cpu / bare_cpu:.1%} of bare, {rest_cpu / parse_in_full_cpu:.1%}"
        f" of the run's own statistical pipeline)\n"
        f"full / bare with the statistical pipeline as fast as in the same run (drift-free): {parse_in_full_cpu / (parse_in_full_cpu + rest_cpu):.3f}"
    )


def tables(cfg: runner.RunConfig) -> dict[str, bytes]:
    return {t.file_name: (cfg.output_dir / t.file_name).read_bytes() for t in TABLES.values()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--spkatt", type=Path, default=ROOT.parent / "shared/data/SpkAtt2023-news/train")
    parser.add_argument("--docs", type=int, default=5000, help="corpus size (documents)")
    parser.add_argument("--small", type=int, default=1000, help="corpus size for the first memory measurement")
    parser.add_argument("--throughput-docs", type=int, default=1000, help="documents used for the throughput runs")
    parser.add_argument("--model", default=None, help="pipeline (default: the project's model choice with fallback)")
    parser.add_argument("--work", type=Path, default=ROOT / "artifacts" / "bench")
    parser.add_argument("--repeats", type=int, default=2,
                        help="throughput runs of each kind, interleaved; the best is reported (the machine is shared)")
    parser.add_argument("--throughput-only", action="store_true",
                        help="only bare vs. full extraction in one process (no 2-process, memory or incremental runs)")
    parser.add_argument("--sizes", default=None, help="comma-separated document sizes in MB (e.g. 0.1,0.5,1,2,5): memory model instead")
    parser.add_argument("--size-kinds", default=",".join(SIZE_KINDS), help=f"with --sizes: which inputs ({', '.join(SIZE_KINDS)})")
    args = parser.parse_args()
    if args.sizes:
        run_sizes(args)
        return

    work = args.work
    # outputs and caches of an earlier benchmark would let the "first" incremental run reuse its parses
    for old in work.glob("*"):
        if old.is_dir() and not old.name.startswith("corpus"):
            shutil.rmtree(old)
    texts = build_corpus(args.spkatt, work / "corpus", args.docs)
    throughput_dir = work / "corpus-throughput"
    small_dir = work / "corpus-small"
    for directory, n in ((throughput_dir, args.throughput_docs), (small_dir, args.small)):
        if not directory.exists() or len(list(directory.glob("*.txt"))) != n:
            shutil.rmtree(directory, ignore_errors=True)
            directory.mkdir(parents=True)
            for path in sorted((work / "corpus").glob("*.txt"))[:n]:
                shutil.copy(path, directory / path.name)
    sample = texts[: args.throughput_docs]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}", flush=True)
    choice = runner.resolve_model(args.model)
    print(f"pipeline: {choice.source} ({choice.kind}); corpus: {args.docs} docs from {args.spkatt}", flush=True)

    # bare, full and 2-process runs interleaved, best of --repeats each: on a shared machine a slow spell during
    # one kind of run would otherwise skew the ratios
    # (CPU seconds are reported too: they are much less sensitive to other jobs on the machine than wall-clock)
    bare_s = full_s = two_s = bare_cpu = full_cpu = clean_s = clean_cpu = float("inf")
    rest_cpu = parse_in_full_cpu = float("inf")  # of the full run with the least CPU
    # the full run loads its pipeline once per process (backends.get_nlp): load it before the first timed run, as
    # bare_pipe's load is not timed either
    warm = _cfg(throughput_dir, work, "warm", model=args.model)
    get_nlp(runner._worker_settings(warm, runner._choose_model(warm), runner.ALL_COMPONENTS))
    for i in range(max(1, args.repeats)):
        seconds, cpu, words = bare_pipe(sample, args.model)
        bare_s, bare_cpu = min(bare_s, seconds), min(bare_cpu, cpu)
        seconds, cpu, parse_cpu = timed_run_with_parse(_cfg(throughput_dir, work, "full", model=args.model, use_cache=False))
        if cpu < full_cpu:
            rest_cpu, parse_in_full_cpu = cpu - parse_cpu, parse_cpu
        full_s, full_cpu = min(full_s, seconds), min(full_cpu, cpu)
        # after the full run, not before it: clean_documents fills the clean stage's memos (block_shape, the
        # lexicon's cache), which the full run's clean stage then found warm while bare nlp.pipe has no such help
        seconds, cpu = clean_stage_seconds(sample)
        clean_s, clean_cpu = min(clean_s, seconds), min(clean_cpu, cpu)
        print(f"  run {i + 1}: bare {bare_s:.1f} s ({bare_cpu:.1f} CPU s), full {full_s:.1f} s ({full_cpu:.1f} CPU s) so far", flush=True)
        if not args.throughput_only:
            two_s = min(two_s, timed_run(_cfg(throughput_dir, work, "two", model=args.model, use_cache=False, backend="processes", workers=2))[0])
    n = len(sample)
    if args.throughput_only:
        print(f"\n| run ({n} documents, {words:,} words; best of {max(1, args.repeats)}) | docs/s | words/s | CPU s | x bare (wall) | x bare (CPU) |")
        print("|---|---:|---:|---:|---:|---:|")
        print(f"| bare nlp.pipe (statistical pipeline only) | {n / bare_s:.1f} | {words / bare_s:,.0f} | {bare_cpu:.1f} | 1.00 | 1.00 |")
        print(f"| full extraction, 1 process | {n / full_s:.1f} | {words / full_s:,.0f} | {full_cpu:.1f} | {bare_s / full_s:.2f} | {bare_cpu / full_cpu:.2f} |")
        print(f"\nclean stage (rules + block classifier): {1000 * clean_cpu / n:.1f} CPU ms/doc = {clean_cpu / bare_cpu:.1%} of bare parse CPU time")
        print(SAME_WORK)
        print(drift_lines(bare_cpu, parse_in_full_cpu, rest_cpu))
        return
    inc_cfg = _cfg(throughput_dir, work, "incremental", model=args.model)
    first_s = timed_run(inc_cfg)[0]
    first_tables = tables(inc_cfg)
    second_s = timed_run(inc_cfg)[0]
    identical = tables(inc_cfg) == first_tables
    mem_small = peak_memory_mb(small_dir, work, "mem-small", args.model)
    mem_large = peak_memory_mb(work / "corpus", work, "mem-large", args.model)

    rows = [
        ("bare nlp.pipe (statistical pipeline only)", n / bare_s, words / bare_s, "1.00"),
        ("full extraction, 1 process", n / full_s, words / full_s, f"{bare_s / full_s:.2f}"),
        ("full extraction, 2 processes", n / two_s, words / two_s, f"{bare_s / two_s:.2f}"),
    ]
    print(f"\n| run ({n} documents, {words:,} words; best of {max(1, args.repeats)}) | docs/s | words/s | x bare |")
    print("|---|---:|---:|---:|")
    for label, dps, wps, ratio in rows:
        print(f"| {label} | {dps:.1f} | {wps:,.0f} | {ratio} |")
    print("\n| measure | value | target |")
    print("|---|---:|---|")
    print(f"| full / bare throughput | {bare_s / full_s:.2f} (CPU time: {bare_cpu / full_cpu:.2f}) | >= 0.90 |")
    print(f"| clean stage (rules + block classifier) | {1000 * clean_s / n:.1f} ms/doc = {clean_s / bare_s:.1%} of bare parse time | small |")
    print(f"| 2 processes / 1 process | {full_s / two_s:.2f} | >= 1.7 |")
    print(f"| peak RSS at {args.small} docs | {mem_small:.0f} MB | |")
    print(f"| peak RSS at {args.docs} docs | {mem_large:.0f} MB | <= 1.2 x the {args.small}-doc run ({mem_large / mem_small:.2f} x) |")
    print(f"| incremental rerun speed-up | {first_s / second_s:.1f} x ({first_s:.1f} s -> {second_s:.2f} s) | >= 10 x |")
    print(f"| incremental tables byte-identical | {identical} | True |")
    print(SAME_WORK)
    print(drift_lines(bare_cpu, parse_in_full_cpu, rest_cpu))


if __name__ == "__main__":
    main()
