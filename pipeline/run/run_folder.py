"""One run, one consistent output folder: a lock, a staging area, a check, and an all-or-nothing switch.

A run never writes into the output folder directly. It writes every file it produces (tables,
``texts.jsonl``, ``errors.csv``, ``manifest.json``, and the intermediate files in the interim folder)
into a private staging folder next to its target, checks the staged tables with the project's own
``check_tables``, and only then switches them into place:

1. every staged file is flushed to disk (``fsync``);
2. a commit journal (``.claimgraph-commit.json`` in the output folder) is written atomically; it
   lists every move and every stale file to delete. Writing it is the commit point;
3. the files are moved into place with ``os.replace`` (atomic per file), stale files are removed;
4. the journal and the staging folders are deleted.

A crash or ``kill -9`` before step 2 leaves the previous outputs untouched (the next run deletes
the abandoned staging folder); a crash during step 3 leaves a journal, and whoever comes next — the
next run, or :func:`pipeline.load.load` — rolls the switch forward before reading anything, so a
reader never sees a mix of two runs. This is the write-ahead idea of a database, applied to a folder.

A lock per folder (``fcntl.flock`` on ``.claimgraph.lock``) keeps two runs apart. The kernel releases
it when its holder dies, however it dies, so a stale lock from a killed run is taken over without
asking; the lock file names the holder (pid, start time, command) for the message a second run gets.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import secrets
import shutil
import signal
import socket
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..output.export import write_file_atomically

LOCK_FILE = ".claimgraph.lock"
JOURNAL_FILE = ".claimgraph-commit.json"
STAGING_PREFIX = ".staging-"
RUN_STATE_FILE = "run.json"  # in the interim folder: which run its files belong to
TEMP_SUFFIX = ".tmp"


class RunFolderError(Exception):
    """The output folder cannot be used: in use by another run, not writable, inconsistent."""


class FolderInUse(RunFolderError):
    pass


def new_run_id() -> str:
    """Sortable and unique: UTC time plus random digits."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(4)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def describe_os_error(exc: OSError, path: Path | str | None = None) -> str:
    """One line for a write problem: which file, and what the OS said (disk full, read-only, ...)."""
    where = exc.filename or (f"into {path}" if path else "the output")
    reason = exc.strerror or str(exc)
    hint = ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        hint = " (disk full)"
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        hint = " (not writable)"
    return f"cannot write {where}: {reason}{hint}"


# --------------------------------------------------------------------------- lock


@dataclass
class FolderLock:
    """An exclusive lock on one folder, held until ``release`` (or the process's death)."""

    folder: Path
    _fd: int | None = None
    took_over: dict[str, Any] | None = None  # the holder recorded in a stale lock file, if any

    @property
    def path(self) -> Path:
        return self.folder / LOCK_FILE

    def acquire(self) -> FolderLock:
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise FolderInUse(
                f"{self.folder} is in use by another run ({_describe_holder(holder)}); "
                "wait for it to finish, or stop it, then run again"
            ) from None
        except BaseException:
            os.close(fd)
            raise
        previous = _read_holder(fd)
        if previous.get("pid"):
            # The lock file names a holder, but the kernel lock was free: that run died without releasing.
            self.took_over = previous
        record = {"pid": os.getpid(), "host": socket.gethostname(), "started": _now(), "command": " ".join(sys.argv[:3])}
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(record) + "\n").encode("utf-8"), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)  # an empty lock file says: nobody holds it, nothing to take over
        os.close(self._fd)
        self._fd = None


def _read_holder(fd: int) -> dict[str, Any]:
    try:
        data = os.pread(fd, 4096, 0)
        return json.loads(data.decode("utf-8")) if data.strip() else {}
    except (OSError, ValueError):
        return {}


def _describe_holder(holder: dict[str, Any]) -> str:
    if not holder:
        return "holder unknown"
    parts = [f"pid {holder.get('pid')}", f"started {holder.get('started')}"]
    if holder.get("host") and holder["host"] != socket.gethostname():
        parts.append(f"on {holder['host']}")
    if holder.get("command"):
        parts.append(f"`{holder['command']}`")
    return ", ".join(parts)


def folder_is_locked(folder: Path) -> bool:
    """True while a live run holds the folder's lock (a probe: takes and releases it at once)."""
    path = Path(folder) / LOCK_FILE
    if not path.exists():
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


# --------------------------------------------------------------------------- journal and recovery


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # some file systems cannot fsync a directory; the renames still hold
        _fsync_file(path)


def _write_json_atomically(path: Path, data: Any) -> None:
    write_file_atomically(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"), durable=True)


def roll_forward(output_dir: Path) -> bool:
    """Finish a switch that passed its commit point; True if there was one to finish."""
    journal_path = Path(output_dir) / JOURNAL_FILE
    try:
        journal = json.loads(journal_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False
    except ValueError:
        # A journal is written to a temporary file and renamed, so it is never half-written; a damaged
        # one was not written by us. Refuse rather than guess.
        raise RunFolderError(f"{journal_path} is damaged; remove it and run `python cli.py extract` again") from None
    touched: set[Path] = set()
    for source, target in journal["moves"]:
        source, target = Path(source), Path(target)
        if source.exists():
            os.replace(source, target)
        touched.add(target.parent)
    for stale in journal.get("delete", ()):
        Path(stale).unlink(missing_ok=True)
        touched.add(Path(stale).parent)
    for folder in touched:
        _fsync_dir(folder)
    journal_path.unlink()
    _fsync_dir(Path(output_dir))
    for staging in journal.get("staging", ()):
        shutil.rmtree(staging, ignore_errors=True)
    return True


def clean_leftovers(*folders: Path) -> list[str]:
    """Delete abandoned staging folders and temporary files of interrupted runs; names what went."""
    removed = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            if entry.name.startswith(STAGING_PREFIX) and entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(str(entry))
            elif entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX) and entry.is_file():
                entry.unlink(missing_ok=True)
                removed.append(str(entry))
    return removed


def clean_cache_temporaries(cache_dir: Path) -> int:
    """Temporary files of cache writes that a killed run left behind (only ever ``.*.tmp``)."""
    count = 0
    if cache_dir.is_dir():
        for temp in cache_dir.glob(f"*/.*{TEMP_SUFFIX}"):
            temp.unlink(missing_ok=True)
            count += 1
    return count


# --------------------------------------------------------------------------- staging


@dataclass
class Staging:
    """The files one run is preparing: written here, switched into the real folders by ``commit``."""

    run_id: str
    output_dir: Path
    interim_dir: Path
    owned_output_files: tuple[str, ...]  # every name a run may produce in the output folder
    owned_interim_files: tuple[str, ...]  # likewise in the interim folder
    output: Path = field(init=False)
    interim: Path = field(init=False)
    committed: bool = False

    def __post_init__(self) -> None:
        self.output = self.output_dir / f"{STAGING_PREFIX}{self.run_id}"
        self.output.mkdir(parents=True)
        # The interim folder may be elsewhere (--interim): its staging sits inside it, so every
        # move in the switch is a rename within one file system.
        self.interim = self.output / "interim" if self._interim_inside_output else self.interim_dir / f"{STAGING_PREFIX}{self.run_id}"
        self.interim.mkdir(parents=True, exist_ok=True)

    @property
    def _interim_inside_output(self) -> bool:
        try:
            self.interim_dir.resolve().relative_to(self.output_dir.resolve())
        except ValueError:
            return False
        return True

    def seed_from_current(self, names: Iterable[str]) -> None:
        """Start from the current outputs (stage commands rewrite some files and keep the rest)."""
        for name in names:
            current = self.output_dir / name
            if current.is_file():
                _link_or_copy(current, self.output / name)

    def seed_interim_from_current(self) -> None:
        if not self.interim_dir.is_dir():
            return
        for current in self.interim_dir.iterdir():
            if current.is_file() and not current.name.startswith("."):
                _link_or_copy(current, self.interim / current.name)

    def discard(self, names: Iterable[str]) -> None:
        """Drop staged files that this run makes stale (a new clean invalidates the parse ...)."""
        for name in names:
            (self.output / name).unlink(missing_ok=True)
            (self.interim / name).unlink(missing_ok=True)

    def commit(self) -> None:
        """Switch the staged files into place, all of them or (before the commit point) none."""
        moves: list[tuple[str, str]] = []
        delete: list[str] = []
        for staged_dir, target_dir in ((self.interim, self.interim_dir), (self.output, self.output_dir)):
            for staged in sorted(p for p in staged_dir.iterdir() if p.is_file()):
                _fsync_file(staged)
                moves.append((str(staged), str(target_dir / staged.name)))
            _fsync_dir(staged_dir)
        # Files of the previous run that this run does not produce would describe another run: remove them.
        produced = {target for _, target in moves}
        for folder, owned in ((self.output_dir, self.owned_output_files), (self.interim_dir, self.owned_interim_files)):
            delete += [str(folder / n) for n in owned if str(folder / n) not in produced and (folder / n).exists()]
        # The manifest moves last, so even without the journal a reader would see an old manifest
        # next to new tables only for an instant (and load() checks the files against the manifest).
        moves.sort(key=lambda move: Path(move[1]).name == "manifest.json")
        journal = {"run_id": self.run_id, "moves": moves, "delete": delete, "staging": self._staging_dirs()}
        self.interim_dir.mkdir(parents=True, exist_ok=True)
        with _signals_deferred():
            _write_json_atomically(self.output_dir / JOURNAL_FILE, journal)
            self.committed = True
            roll_forward(self.output_dir)

    def _staging_dirs(self) -> list[str]:
        dirs = [str(self.output)]
        if not self._interim_inside_output:
            dirs.append(str(self.interim))
        return dirs

    def abort(self) -> None:
        if self.committed:
            return
        for folder in self._staging_dirs():
            shutil.rmtree(folder, ignore_errors=True)


def _link_or_copy(source: Path, target: Path) -> None:
    # A hard link costs nothing and is safe: every writer replaces files by rename, never in place.
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM while the switch runs; a Ctrl-C then lands after it (the run is complete)."""
    blockable = hasattr(signal, "pthread_sigmask")
    if blockable:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        if blockable:
            try:
                signal.pthread_sigmask(signal.SIG_SETMASK, previous)
            except KeyboardInterrupt:
                # The interrupt arrived during the switch; the new outputs are complete, so the run
                # ends normally rather than reporting an interruption that changed nothing.
                print("note: interrupt received while switching outputs; the new outputs are complete", file=sys.stderr)


# --------------------------------------------------------------------------- the run


@dataclass
class RunFolder:
    """Exclusive use of an output folder (and its interim folder) for one run."""

    output_dir: Path
    interim_dir: Path
    owned_output_files: tuple[str, ...]
    owned_interim_files: tuple[str, ...]
    on_warning: Any = print
    locks: list[FolderLock] = field(default_factory=list)

    def __enter__(self) -> RunFolder:
        try:
            self.locks.append(FolderLock(self.output_dir).acquire())
            if not _inside(self.interim_dir, self.output_dir):
                self.locks.append(FolderLock(self.interim_dir).acquire())
        except BaseException:
            self.release()
            raise
        for lock in self.locks:
            if lock.took_over:
                self.on_warning(
                    f"{lock.folder}: an earlier run ({_describe_holder(lock.took_over)}) ended without finishing; "
                    "its leftovers are cleaned up"
                )
        roll_forward(self.output_dir)
        clean_leftovers(self.output_dir, self.interim_dir)
        clean_cache_temporaries(self.interim_dir / "cache")
        return self

    def __exit__(self, *exc: Any) -> None:
        self.release()

    def release(self) -> None:
        for lock in reversed(self.locks):
            lock.release()
        self.locks.clear()

    def stage(self) -> Staging:
        return Staging(new_run_id(), self.output_dir, self.interim_dir, self.owned_output_files, self.owned_interim_files)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True
