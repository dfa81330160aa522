"""Issue 14: one run, one consistent output folder. Each case the issue reported, reproduced.

Most runs here use a blank German pipeline saved to disk (tokenizer + sentencizer, a real
``--model`` directory) so that a 200-document run takes seconds; the cases that are about the
extraction itself (identical texts) use the project's model like every user does.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from cli import app
from pipeline.run import runner, run_folder
from pipeline.load import SchemaError, check_tables, load
from pipeline.run.run_folder import FolderInUse, FolderLock

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "raw"
cli = CliRunner()


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def blank_model(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("model") / "blank_de"
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(path)
    return path


def _paragraphs(*, long: bool = False) -> list[str]:
    text = (SAMPLES / "ki-aktionsgipfel-paris.txt").read_text(encoding="utf-8")
    if long:  # the sample's paragraphs are single lines, so this is the whole article: 26 KB per document
        return [p for p in text.split("\n\n") if len(p) > 80]
    return [p for p in text.split("\n") if len(p) > 80]


def make_corpus(folder: Path, n: int, *, seed: int = 0, long: bool = False) -> Path:
    """``n`` short German news texts: a numbered lead plus three paragraphs of the sample article (1-2 KB).

    ``long``: the lead plus three copies of the whole article (26 KB), the documents these tests had before the
    sample's paragraphs became single lines; kept where a run must take long (a signal, a second process, a
    worker to kill) or need much disk (the tmpfs test), so those tests are unchanged.
    """
    paragraphs = _paragraphs(long=long)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        chosen = [paragraphs[(i * 3 + k + seed) % len(paragraphs)] for k in range(3)]
        lead = f"Berlin, {1 + i % 28}. März 2025. Meldung {i + seed}: „Wir bleiben wachsam“, sagte die Sprecherin Anna Weber."
        (folder / f"meldung-{i:03d}.txt").write_text("\n\n".join([lead, *chosen]) + "\n", encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (hidden ones included) -> SHA-256.

    Left out: the lock file's content, and the entries of the content-addressed cache, which an
    interrupted run may add to (each entry complete, keyed by what produced it) without changing
    any output.
    """
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != run_folder.LOCK_FILE and "cache" not in p.relative_to(folder).parts
    }


def outputs(folder: Path) -> dict[str, bytes]:
    """The user-visible outputs except the manifest (whose times and run id differ between runs)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".") and p.name != "manifest.json"}


def cfg_for(raw: Path, out: Path, model: Path | str | None = None, **kwargs) -> runner.RunConfig:
    return runner.RunConfig(input_dir=raw, output_dir=out, model=str(model) if model else None, on_warning=lambda m: None, **kwargs)


def assert_consistent(folder: Path) -> None:
    tables = load(folder)
    assert check_tables(tables) == []


# --------------------------------------------------------------------------- the cache never moves rows between documents


def _rows_without_ids(folder: Path, table: str) -> dict[str, list[list[str]]]:
    import csv

    by_doc: dict[str, list[list[str]]] = {}
    with open(folder / f"{table}.csv", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        doc_col = header.index("doc_id")
        for row in reader:
            doc_id = row[doc_col]
            by_doc.setdefault(doc_id, []).append([_without_doc_id(cell, doc_id) for cell in row])
    return by_doc


def _without_doc_id(cell: str, doc_id: str) -> str:
    """Ids are '<doc_id>' or '<doc_id>:C1' (also inside evidence: 'continuation of <doc_id>:C11'): the part that
    must differ between documents."""
    return "<doc>" if cell == doc_id else cell.replace(doc_id + ":", "<doc>:")


@pytest.mark.parametrize(
    "settings",
    [
        pytest.param({}, id="cache"),
        pytest.param({"use_cache": False}, id="no-cache"),
        pytest.param({"backend": "processes", "workers": 2, "chunk_size": 1}, id="2-processes", marks=pytest.mark.slow),
    ],
)
def test_identical_texts_under_three_names_get_identical_rows_in_every_run(tmp_path, settings):
    raw = tmp_path / "raw"
    raw.mkdir()
    story = (SAMPLES / "ki-aktionsgipfel-paris.txt").read_bytes()
    for name in ("dpa-kurz.txt", "afp-kurz.txt", "reuters-kurz.txt"):
        (raw / name).write_bytes(story)
    cfg = cfg_for(raw, tmp_path / "out", **settings)
    runner.run_all(cfg)
    first = outputs(cfg.output_dir)
    runner.run_all(cfg)  # the second run reads every document from the cache (unless disabled)
    assert outputs(cfg.output_dir) == first
    assert_consistent(cfg.output_dir)
    claims = _rows_without_ids(cfg.output_dir, "claims")
    assert set(claims) == {"dpa-kurz", "afp-kurz", "reuters-kurz"}
    assert len(claims["dpa-kurz"]) >= 5
    assert claims["dpa-kurz"] == claims["afp-kurz"] == claims["reuters-kurz"]


# --------------------------------------------------------------------------- nothing is written before options, input and model are valid


def test_unknown_model_leaves_a_complete_earlier_run_byte_identical(tmp_path, blank_model):
    raw = make_corpus(tmp_path / "raw", 5)
    out = tmp_path / "out"
    assert cli.invoke(app, ["extract", "-i", str(raw), "-o", str(out), "-m", str(blank_model), "-q"]).exit_code == 0
    before = snapshot(out)
    make_corpus(raw, 8, seed=3)  # the input changed too: a half run would show it
    result = cli.invoke(app, ["extract", "-i", str(raw), "-o", str(out), "--model", "does-not-exist", "-q"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [line for line in result.output.strip().splitlines() if line.startswith("error:")]
    assert "unknown model 'does-not-exist'" in result.output
    assert snapshot(out) == before


# --------------------------------------------------------------------------- one run per folder


def test_a_second_run_on_a_folder_in_use_is_refused_and_names_the_other_run(tmp_path, blank_model):
    raw = make_corpus(tmp_path / "raw", 3)
    out = tmp_path / "out"
    holder = FolderLock(out).acquire()
    try:
        with pytest.raises(FolderInUse, match=rf"in use by another run \(pid {os.getpid()}, started "):
            runner.run_all(cfg_for(raw, out, blank_model))
        result = cli.invoke(app, ["extract", "-i", str(raw), "-o", str(out), "-m", str(blank_model), "-q"])
        assert result.exit_code == 1 and result.output.startswith("error: ") and "in use by another run" in result.output
    finally:
        holder.release()
    assert not (out / "claims.csv").exists()  # the refused runs wrote nothing
    runner.run_all(cfg_for(raw, out, blank_model))  # released: the folder is usable again
    assert_consistent(out)


def test_the_interim_folder_given_elsewhere_is_locked_too(tmp_path, blank_model):
    raw = make_corpus(tmp_path / "raw", 2)
    holder = FolderLock(tmp_path / "shared-interim").acquire()
    try:
        with pytest.raises(FolderInUse, match="shared-interim"):
            runner.run_all(cfg_for(raw, tmp_path / "out", blank_model, interim_dir=tmp_path / "shared-interim"))
    finally:
        holder.release()


def test_a_stale_lock_of_a_killed_run_is_taken_over_with_a_warning(tmp_path, blank_model):
    raw = make_corpus(tmp_path / "raw", 2)
    out = tmp_path / "out"
    out.mkdir()
    # What a run killed with -9 leaves: a lock file naming it, but no kernel lock (that died with it).
    (out / run_folder.LOCK_FILE).write_text(json.dumps({"pid": 999999, "started": "2026-12-01T10:00:00+00:00"}))
    warnings: list[str] = []
    cfg = cfg_for(raw, out, blank_model)
    cfg.on_warning = warnings.append
    runner.run_all(cfg)
    assert any("pid 999999" in w and "ended without finishing" in w for w in warnings)
    assert_consistent(out)


@pytest.mark.slow
def test_two_real_runs_at_once_second_refused_first_complete(tmp_path, blank_model):
    raw = make_corpus(tmp_path / "raw", 200, long=True)
    out = tmp_path / "out"
    command = [sys.executable, str(ROOT / "cli.py"), "extract", "-i", str(raw), "-o", str(out), "-m", str(blank_model), "-q"]
    first = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(lambda: (out / run_folder.LOCK_FILE).exists() and (out / run_folder.LOCK_FILE).read_text().strip())
        second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        first_err = first.communicate(timeout=300)[1]
    assert second.returncode == 1
    assert f"in use by another run (pid {first.pid}" in second.stderr
    assert first.returncode == 0, first_err
    assert_consistent(out)
    assert len(load(out).documents) == 200


def _wait_for(condition, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.02)


# --------------------------------------------------------------------------- interrupted runs change nothing


class _InterruptAt:
    """A progress callback that raises KeyboardInterrupt at item ``index`` of stage ``label``."""

    def __init__(self, label: str, index: int):
        self.label, self.index = label, index

    def __call__(self, items, total, label):
        for i, item in enumerate(items):
            if label == self.label and i == self.index:
                raise KeyboardInterrupt
            yield item


# The case is a 200-document run; it and a 40-document run are marked slow (each interrupt point is
# three full runs); the fast suite interrupts a 6-document run at the same points.
CORPUS_SIZES = [
    pytest.param(6, id="6-docs"),
    pytest.param(40, id="40-docs", marks=pytest.mark.slow),
    pytest.param(200, id="200-docs", marks=pytest.mark.slow),
]


@pytest.fixture(scope="module", params=CORPUS_SIZES)
def interrupted_corpus(request, tmp_path_factory, blank_model):
    """A corpus, a complete earlier run over another corpus, and a clean reference run over the first."""
    n = request.param
    base = tmp_path_factory.mktemp(f"c{n}")
    long = n > 6  # the slow sizes keep the long documents they always had
    raw = make_corpus(base / "raw", n, long=long)
    earlier = make_corpus(base / "raw-earlier", n * 3 // 4, seed=7, long=long)
    reference = base / "reference"
    runner.run_all(cfg_for(raw, reference, blank_model))
    return n, raw, earlier, reference


@pytest.mark.parametrize("point", ["clean:0", "clean:middle", "extract:0", "extract:last", "switch:before-journal"])
def test_interrupt_at_any_point_keeps_previous_outputs_and_a_rerun_equals_a_clean_run(tmp_path, interrupted_corpus, blank_model, point, monkeypatch):
    n, raw, earlier, reference = interrupted_corpus
    out = tmp_path / "out"
    runner.run_all(cfg_for(earlier, out, blank_model))
    before = snapshot(out)
    cfg = cfg_for(raw, out, blank_model)
    stage, where = point.split(":")
    if stage == "switch":
        def interrupted(*args, **kwargs):
            raise KeyboardInterrupt

        monkeypatch.setattr(run_folder, "_write_json_atomically", interrupted)
    else:
        cfg.progress = _InterruptAt(stage, {"0": 0, "middle": n // 2, "last": n - 1}[where])
    with pytest.raises(KeyboardInterrupt):
        runner.run_all(cfg)
    monkeypatch.undo()
    assert snapshot(out) == before
    assert not [p for p in out.rglob("*") if p.name.startswith(run_folder.STAGING_PREFIX) or p.name.endswith(".tmp")]
    runner.run_all(cfg_for(raw, out, blank_model))
    assert outputs(out) == outputs(reference)


def test_a_crash_in_the_middle_of_the_switch_is_rolled_forward_by_the_next_reader(tmp_path, blank_model, monkeypatch):
    raw_old, raw_new = make_corpus(tmp_path / "old", 4), make_corpus(tmp_path / "new", 6, seed=5)
    out = tmp_path / "out"
    runner.run_all(cfg_for(raw_old, out, blank_model))
    real_replace, moves = os.replace, []

    def dying_replace(source, target):
        # count only the moves of the switch itself: after the commit journal was written
        if (out / run_folder.JOURNAL_FILE).exists() and run_folder.STAGING_PREFIX in str(source):
            moves.append(target)
            if len(moves) == 3:  # the process "dies" after two files of the new run are in place
                raise SystemExit("killed")
        return real_replace(source, target)

    monkeypatch.setattr(run_folder.os, "replace", dying_replace)
    with pytest.raises(SystemExit):
        runner.run_all(cfg_for(raw_new, out, blank_model))
    monkeypatch.undo()
    assert (out / run_folder.JOURNAL_FILE).exists()  # a mixed folder on disk, but with the journal
    tables = load(out)  # the reader finishes the switch first
    assert check_tables(tables) == []
    assert len(tables.documents) == 6
    assert not (out / run_folder.JOURNAL_FILE).exists()


@pytest.mark.slow
def test_real_sigint_prints_one_line_exits_130_and_changes_nothing(tmp_path, blank_model):
    raw = make_corpus(tmp_path / "raw", 200, long=True)
    out = tmp_path / "out"
    subprocess.run([sys.executable, "cli.py", "extract", "-i", str(make_corpus(tmp_path / "small", 3, long=True)), "-o", str(out),
                    "-m", str(blank_model), "-q"], cwd=ROOT, check=True, capture_output=True)
    before = snapshot(out)
    run = subprocess.Popen([sys.executable, "cli.py", "extract", "-i", str(raw), "-o", str(out), "-m", str(blank_model), "-q"],
                           cwd=ROOT, stderr=subprocess.PIPE, text=True)
    _wait_for(lambda: any(p.name.startswith(run_folder.STAGING_PREFIX) and (p / "texts.jsonl").exists() for p in out.iterdir()))
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 130
    assert err.strip() == "interrupted, previous outputs unchanged"
    assert snapshot(out) == before


# --------------------------------------------------------------------------- write errors: one line, nothing changed


def test_disk_full_while_writing_is_one_error_line_and_nothing_changes(tmp_path, blank_model, monkeypatch):
    raw = make_corpus(tmp_path / "raw", 6)
    out = tmp_path / "out"
    assert cli.invoke(app, ["extract", "-i", str(raw), "-o", str(out), "-m", str(blank_model), "-q"]).exit_code == 0
    before = snapshot(out)
    from pipeline.output import export

    def full(path, table, rows, excel_safe=False):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(export, "_write_csv", full)
    result = cli.invoke(app, ["extract", "-i", str(make_corpus(tmp_path / "raw2", 9)), "-o", str(out), "-m", str(blank_model), "-q"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "(disk full)" in lines[0] and "previous outputs unchanged" in lines[0]
    assert snapshot(out) == before


def _mount_tmpfs(folder: Path, size: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.decode().strip()}); covered by the simulated disk-full test")


@pytest.fixture
def tiny_tmpfs(tmp_path):
    mount = tmp_path / "mnt"
    _mount_tmpfs(mount, "1200k")  # a 2-document run needs about 540 KB at its peak, 60 documents far more
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_really_full_disk_and_a_read_only_folder_keep_the_earlier_run(tmp_path, tiny_tmpfs, blank_model):
    out = tiny_tmpfs / "out"
    small = make_corpus(tmp_path / "small", 2, long=True)
    assert cli.invoke(app, ["extract", "-i", str(small), "-o", str(out), "-m", str(blank_model), "-q"]).exit_code == 0
    before = snapshot(out)
    result = cli.invoke(app, ["extract", "-i", str(make_corpus(tmp_path / "big", 60, long=True)), "-o", str(out), "-m", str(blank_model), "-q"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "No space left on device" in result.output
    assert snapshot(out) == before
    assert_consistent(out)
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_tmpfs)], check=True)
    result = cli.invoke(app, ["extract", "-i", str(small), "-o", str(out), "-m", str(blank_model), "-q"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "Read-only file system" in result.output
    assert snapshot(out) == before


# --------------------------------------------------------------------------- stage commands and the interim folder


def test_the_interim_folder_belongs_to_its_output_folder(tmp_path, blank_model):
    mine, theirs = make_corpus(tmp_path / "mine", 3), make_corpus(tmp_path / "theirs", 2, seed=9)
    mine_out, default_out = tmp_path / "mine_out", tmp_path / "processed"
    runner.run_all(cfg_for(theirs, default_out, blank_model))
    runner.run_all(cfg_for(mine, mine_out, blank_model))
    before = outputs(default_out)
    # A plain stage command on the other folder uses that folder's own interim state: nothing of mine leaks in.
    runner.run_extraction_stage(cfg_for(theirs, default_out, blank_model), "claims")
    assert set(load(default_out).claims.doc_id) <= set(load(default_out).documents.doc_id) == {f"meldung-{i:03d}" for i in range(2)}
    assert outputs(default_out) == before  # the same run's claims, rewritten byte for byte
    # Combining my interim state with their tables is refused, and changes nothing.
    before = snapshot(default_out)
    result = cli.invoke(app, ["claims", "-o", str(default_out), "--interim", str(mine_out / ".interim"), "-q"])
    assert result.exit_code == 1 and "belongs to another run" in result.output
    assert snapshot(default_out) == before


def test_a_stage_command_keeps_excel_safe_and_the_true_input_in_the_manifest(tmp_path, blank_model):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "zahlen.txt").write_text(
        "Berlin. Die Preise sind um -5 Prozent gefallen, sagte die Ministerin Anna Weber am Montag.\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert cli.invoke(app, ["extract", "-i", str(raw), "-o", str(out), "-m", str(blank_model), "--excel-safe", "-q"]).exit_code == 0
    written = (out / "figures.csv").read_text(encoding="utf-8")
    assert ",'-5 Prozent," in written
    assert cli.invoke(app, ["claims", "-o", str(out), "-q"]).exit_code == 0  # rewrites claims.csv and figures.csv
    assert (out / "figures.csv").read_text(encoding="utf-8") == written  # still neutralised
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["output_options"] == {"excel_safe": True}
    assert manifest["settings"]["input_dir"] == str(raw)
    assert {i["path"] for i in manifest["inputs"]} == {"zahlen.txt"}
    assert_consistent(out)
    # A folder written without the option cannot silently get a half-neutralised table.
    plain = tmp_path / "plain"
    runner.run_all(cfg_for(raw, plain, blank_model))
    result = cli.invoke(app, ["claims", "-o", str(plain), "--excel-safe", "-q"])
    assert result.exit_code == 1 and "written without --excel-safe" in result.output


def test_stage_commands_remove_what_they_make_stale(tmp_path, blank_model):
    raw = make_corpus(tmp_path / "raw", 3)
    out = tmp_path / "out"
    cfg = cfg_for(raw, out, blank_model)
    runner.run_all(cfg)
    runner.run_clean(cfg)
    # The new cleaning invalidates the parse: documents.csv and the extraction tables are gone, not stale.
    assert not any((out / n).exists() for n in ("documents.csv", "mentions.csv", "claims.csv", "figures.csv"))
    assert (out / "boilerplate.csv").exists() and (out / "texts.jsonl").exists()
    runner.run_parse(cfg)
    for stage in ("entities", "claims", "figures"):
        runner.run_extraction_stage(cfg, stage)
    assert_consistent(out)


# --------------------------------------------------------------------------- the cache: damaged entries, leftovers


def test_a_damaged_cached_parse_is_recomputed(tmp_path, blank_model):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLES / "ki-aktionsgipfel-paris.txt", raw / "erst.txt")
    out = tmp_path / "out"
    runner.run_all(cfg_for(raw, out, blank_model))
    for parse in (out / ".interim" / "cache").rglob("*.spacy"):
        parse.write_bytes(parse.read_bytes()[: len(parse.read_bytes()) // 2])  # truncated, as by a full disk
    # A new name: its rows are not cached, so the damaged parse would be read.
    (raw / "erst.txt").rename(raw / "zweit.txt")
    runner.run_all(cfg_for(raw, out, blank_model))
    fresh = tmp_path / "fresh"
    runner.run_all(cfg_for(raw, fresh, blank_model, use_cache=False))
    assert outputs(out) == outputs(fresh)


def test_a_stage_command_on_a_damaged_saved_parse_says_what_to_run(tmp_path, blank_model):
    raw = make_corpus(tmp_path / "raw", 2)
    out = tmp_path / "out"
    runner.run_all(cfg_for(raw, out, blank_model))
    for parse in (out / ".interim" / "cache").rglob("*.spacy"):
        parse.write_bytes(b"garbage")
    before = snapshot(out)
    result = cli.invoke(app, ["claims", "-o", str(out), "--no-cache", "-q"])
    assert result.exit_code == 1 and "damaged" in result.output and "python cli.py parse" in result.output
    assert snapshot(out) == before


def test_leftovers_of_killed_runs_are_cleaned(tmp_path, blank_model):
    raw = make_corpus(tmp_path / "raw", 2)
    out = tmp_path / "out"
    runner.run_all(cfg_for(raw, out, blank_model))
    leftovers = [out / ".claims.csv.x1y2.tmp", out / f"{run_folder.STAGING_PREFIX}20260101T000000Z-dead" / "claims.csv"]
    cache_dirs = [p for p in (out / ".interim" / "cache").iterdir() if p.is_dir()]
    leftovers.append(cache_dirs[0] / ".abc123.tmp")
    for path in leftovers:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half")
    runner.run_all(cfg_for(raw, out, blank_model))
    assert not any(p.exists() for p in leftovers)
    assert not (out / f"{run_folder.STAGING_PREFIX}20260101T000000Z-dead").exists()


# --------------------------------------------------------------------------- readers never get two runs at once


def test_load_refuses_tables_of_two_different_runs(tmp_path, blank_model):
    one, two = tmp_path / "one", tmp_path / "two"
    runner.run_all(cfg_for(make_corpus(tmp_path / "r1", 3), one, blank_model))
    runner.run_all(cfg_for(make_corpus(tmp_path / "r2", 3, seed=11), two, blank_model))
    shutil.copy(two / "claims.csv", one / "claims.csv")  # e.g. a copy by hand, or a tool from before this check
    with pytest.raises(SchemaError, match=r"do not belong to the run .*claims\.csv"):
        load(one)
    assert len(load(one, verify=False).claims) > 0  # still readable on request


# --------------------------------------------------------------------------- workers die with their parent


@pytest.mark.slow
def test_workers_of_a_killed_parent_exit(tmp_path, blank_model):
    raw = make_corpus(tmp_path / "raw", 200, long=True)
    parent = subprocess.Popen(
        [sys.executable, "cli.py", "extract", "-i", str(raw), "-o", str(tmp_path / "out"), "-m", str(blank_model), "-q",
         "--backend", "processes", "--workers", "2"],
        cwd=ROOT, stderr=subprocess.DEVNULL,
    )
    _wait_for(lambda: len(_children(parent.pid)) >= 2)
    workers = _children(parent.pid)
    parent.kill()
    parent.wait()
    _wait_for(lambda: not any(_alive(pid) for pid in workers), timeout=20)


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in state


def test_a_span_over_a_removed_block_carries_the_raw_text_of_its_offsets():
    """Found by the staging check on a 0.5 MB page: a claim crossing a line the clean stage removed ("7") carried
    the blanks of the cleaned text, so the run was refused. Text cells are now cut from the raw text."""
    from pipeline.output.schema import CLAIMS

    raw = "Die Partei erhielt 28 % der Stimmen\n\n7\n\nSitze, sagte der Sprecher."
    cells = [""] * len(CLAIMS.column_names)
    names = CLAIMS.column_names
    start, end = 0, raw.index(", sagte")
    cells[names.index("claim_text")] = raw[start:end].replace("7", " ")  # what the cleaned text holds
    cells[names.index("start_char")], cells[names.index("end_char")] = str(start), str(end)
    fixed = runner.with_raw_span_texts(cells, CLAIMS, raw)
    assert fixed[names.index("claim_text")] == raw[start:end]
    assert fixed[names.index("speaker_text")] == ""  # no offsets, nothing to cut
