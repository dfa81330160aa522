"""Are two output folders the same? For checking that an optimisation changes no output.

    .venv/bin/python benchmarks/compare_outputs.py REFERENCE_DIR NEW_DIR [REFERENCE_DIR NEW_DIR ...]

Each pair is an output folder of ``cli.py extract`` (tables, ``texts.jsonl``, ``manifest.json``, ``.interim/``)
or of ``cli.py spkatt predict`` (JSON files), compared file by file, recursively:

- every file byte for byte, except
- ``manifest.json`` and ``.interim/run.json``: compared without the fields that differ between any two runs
  (``run_id``, ``started``, ``finished``, the stages' times, the absolute ``output_dir``);
- ``.interim/cache/``: parse files (``*.spacy``, keyed by text and model) by name, by their decompressed message
  (a change of the zlib level, ``backends.PARSE_ZLIB_LEVEL``, changes the bytes but not the parse); row files
  (``*.json``) are keyed by a fingerprint of the code, so their names change with every edit: compared as a
  multiset of contents;
- the lock file is ignored.

Prints ``identical`` per pair, or the files only on one side and, for a differing CSV or JSON Lines file, the
first differing rows. Exit code 0 when every pair is identical, 1 otherwise.
"""

from __future__ import annotations

import hashlib
import json
import sys
import zlib
from collections import Counter
from pathlib import Path

IGNORED = {".claimgraph.lock"}
PARSE_MAGIC = b"CGPARSE1"  # pipeline.run.cache.PARSE_MAGIC, kept here so the script compares outputs of any version
VOLATILE_KEYS = {"run_id", "started", "finished", "output_dir"}
MAX_ROWS_SHOWN = 5


def _strip(value):
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in VOLATILE_KEYS}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file() and p.name not in IGNORED}


def _is_row_cache(rel: str) -> bool:
    return "/cache/" in f"/{rel}" and rel.endswith(".json")


def _row_diff(rel: str, a: bytes, b: bytes) -> list[str]:
    left, right = a.decode("utf-8", "replace").splitlines(), b.decode("utf-8", "replace").splitlines()
    out = [f"  {rel}: {len(left)} vs {len(right)} lines"]
    shown = 0
    for i in range(max(len(left), len(right))):
        x = left[i] if i < len(left) else "<missing>"
        y = right[i] if i < len(right) else "<missing>"
        if x != y:
            out.append(f"    line {i + 1}:\n      - {x[:300]}\n      + {y[:300]}")
            shown += 1
            if shown >= MAX_ROWS_SHOWN:
                out.append("    ...")
                break
    return out


def _parse_message(data: bytes) -> bytes | None:
    """The uncompressed DocBin message of a parse file (``cache.frame_parse``), None if it is not one."""
    head = len(PARSE_MAGIC) + hashlib.sha256().digest_size
    if not data.startswith(PARSE_MAGIC) or hashlib.sha256(data[head:]).digest() != data[len(PARSE_MAGIC) : head]:
        return None
    try:
        return zlib.decompress(data[head:])
    except zlib.error:
        return None


def compare(reference: Path, new: Path) -> list[str]:
    """Differences between two output folders, as printable lines (empty when identical)."""
    ref_files, new_files = _files(reference), _files(new)
    problems: list[str] = []
    ref_rows = Counter(hashlib.sha256(p.read_bytes()).hexdigest() for rel, p in ref_files.items() if _is_row_cache(rel))
    new_rows = Counter(hashlib.sha256(p.read_bytes()).hexdigest() for rel, p in new_files.items() if _is_row_cache(rel))
    if ref_rows != new_rows:
        problems.append(
            f"  cached row files differ: {sum((ref_rows - new_rows).values())} only in the reference, "
            f"{sum((new_rows - ref_rows).values())} only in the new run"
        )
    ref_files = {k: v for k, v in ref_files.items() if not _is_row_cache(k)}
    new_files = {k: v for k, v in new_files.items() if not _is_row_cache(k)}
    for rel in sorted(ref_files.keys() - new_files.keys()):
        problems.append(f"  only in {reference}: {rel}")
    for rel in sorted(new_files.keys() - ref_files.keys()):
        problems.append(f"  only in {new}: {rel}")
    for rel in sorted(ref_files.keys() & new_files.keys()):
        a, b = ref_files[rel].read_bytes(), new_files[rel].read_bytes()
        if a == b:
            continue
        if rel.endswith("manifest.json") or rel.endswith("run.json"):
            if _strip(json.loads(a)) == _strip(json.loads(b)):
                continue
            problems.append(f"  {rel}: differs beyond run ids and times")
        elif rel.endswith(".spacy") and (message := _parse_message(a)) is not None and message == _parse_message(b):
            continue
        elif rel.endswith((".csv", ".jsonl", ".json", ".txt")):
            problems.extend(_row_diff(rel, a, b))
        else:
            problems.append(f"  {rel}: binary content differs ({len(a)} vs {len(b)} bytes)")
    return problems


def main() -> int:
    args = sys.argv[1:]
    if not args or len(args) % 2:
        raise SystemExit(__doc__)
    failed = False
    for reference, new in zip(args[::2], args[1::2]):
        problems = compare(Path(reference), Path(new))
        n = len(_files(Path(reference)))
        if problems:
            failed = True
            print(f"{reference} vs {new}: DIFFERENT")
            print("\n".join(problems))
        else:
            print(f"{reference} vs {new}: identical ({n} files)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
