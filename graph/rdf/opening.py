"""Opening an on-disk Oxigraph (RocksDB) folder, with one clear line for every fault.

Two things the raw open gets wrong for a user:

- A read-only open while another uscn command writes the store can meet the
  moment RocksDB swaps its table files, and fails with "Corruption ... MANIFEST
  may be corrupted" although nothing is damaged. The open is retried for a
  few seconds; if it still fails while a writer holds the store, the message
  says the store is busy, never that it is corrupt.
- A writer's open fails for several reasons that need different fixes: a
  read-only file system, no permission, or another command holding the lock.
"""
from __future__ import annotations

import errno
import fcntl
import re
import time
from pathlib import Path

import pyoxigraph as ox

from graph.errors import StoreError

RETRY_DELAYS = (0.02, 0.05, 0.1, 0.2, 0.4, 0.8, 1.2, 1.6)
"""Seconds to wait before each new try of a read-only open (about 4 s in all)."""

_TRANSIENT = ("Corruption", "No such file or directory", "MANIFEST")


def open_read_only(path: Path, delays=RETRY_DELAYS) -> ox.Store:
    """A read-only view of the store at ``path``, retried while a writer swaps files."""
    for delay in (*delays, None):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            if delay is None or not any(t in str(exc) for t in _TRANSIENT):
                raise StoreError(read_failure(path, exc)) from exc
            time.sleep(delay)
    raise AssertionError("unreachable")


def read_failure(path: Path, exc: Exception) -> str:
    """The one line for a read-only open that failed for good."""
    if writer_active(path) and any(t in str(exc) for t in _TRANSIENT):
        return (f"{path}: the store is being written by another uscn command and could not be read "
                "just now; try again when that command has finished")
    if _errno(exc) == errno.EACCES or "Permission denied" in str(exc):
        return f"{path}: no permission to read the store; check the folder's owner and mode"
    return (f"{path}: the store cannot be read ({exc}); if no other uscn command is writing it, "
            "rebuild it with `uscn ingest` into a new --store")


# What a store's folder holds (RocksDB's files, uscn's own) before its first commit writes CURRENT.
_STORE_FILE = re.compile(r"(CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|MANIFEST-\d+|OPTIONS-\d+|\d+\.(log|sst|blob)"
                         r"|uscn-.*|.*\.dbtmp)")


def open_writable(path: Path) -> ox.Store:
    """The store at ``path`` opened for writing (the folder is made when missing).

    A folder that holds other files (``--store articles/``, say) is refused: the store's
    files would be written among them.
    """
    if path.is_dir() and not (path / "CURRENT").exists():
        other = next((p.name for p in path.iterdir() if not _STORE_FILE.fullmatch(p.name)), None)
        if other is not None:
            raise StoreError(f"{path}: is a folder of other files ({other}, ...), not a uscn store; "
                             "pass a new or empty folder as --store")
    try:
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except (OSError, RuntimeError) as exc:
        raise StoreError(write_failure(path, exc)) from exc


def write_failure(path: Path, exc: Exception) -> str:
    """The one line for a writer's open that failed, by its cause."""
    text, code = str(exc), _errno(exc)
    if code == errno.EROFS or "Read-only file system" in text:
        return (f"{path}: the store is on a read-only file system and cannot be written; pass a --store "
                "on a writable disk (commands that only read, such as stats and query, work on it as it is)")
    if code in (errno.EACCES, errno.EPERM) or "Permission denied" in text:
        return f"{path}: no permission to write the store; check the folder's owner and mode, or pass another --store"
    if code == errno.ENOSPC or "No space left" in text:
        return f"{path}: the disk is full; free some space or pass a --store on another disk"
    if code in (errno.ENOTDIR, errno.EEXIST) or "Not a directory" in text:
        return f"{path}: is not a folder (a file is in the way); pass a --store that is a folder"
    if "lock" in text.lower() or "Resource temporarily unavailable" in text:
        return f"{path}: another uscn command is writing this store; wait for it to finish or pass another --store"
    return f"{path}: cannot open the store ({text}); pass another --store"


def writer_active(path: Path) -> bool:
    """Whether some process holds the store's RocksDB lock (a writer has it open)."""
    try:
        with open(path / "LOCK", "rb+") as lock:
            try:
                fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return True
            fcntl.lockf(lock, fcntl.LOCK_UN)
            return False
    except OSError:
        return False


def _errno(exc: Exception) -> int | None:
    return getattr(exc, "errno", None)
