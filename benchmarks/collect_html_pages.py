"""Bring the HTML pages of the HTML-input evaluation onto this machine (never into the repository).

The pages are third-party news pages from the test fixtures of a public scraping project; only their addresses
(repository, path, commit) and our labels are committed (eval/html_pages.jsonl). Given a local git clone of that
repository, this script writes each page, decompressed, into the git-ignored folder ``.cache/html_pages/``:

    python benchmarks/collect_html_pages.py --clone /path/to/clone   # then: python cli.py evaluate html
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "eval" / "html_pages.jsonl"
PAGES = ROOT / ".cache" / "html_pages"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clone", type=Path, required=True, help="git directory of the repository named in the labels")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--out", type=Path, default=PAGES)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.labels, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    written = 0
    for row in rows:
        blob = subprocess.run(["git", "--git-dir", str(args.clone), "show", f"{row['commit']}:{row['path']}"], capture_output=True, check=True).stdout
        data = gzip.decompress(blob) if row["path"].endswith(".gz") else blob
        if hashlib.sha256(data).hexdigest()[:16] != row["sha256"]:
            print(f"{row['page_id']}: content differs from the labelled page (sha256); skipped", file=sys.stderr)
            continue
        (args.out / f"{row['page_id']}.html").write_bytes(data)
        written += 1
    print(f"{written} of {len(rows)} pages written to {args.out}")
    return 0 if written == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
