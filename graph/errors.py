"""The exceptions uscn raises: one root, a few named kinds that say what to fix.

``str(exc)`` is the one line the command line prints, so every message names
where the problem is and ends with what to do about it.
"""
from __future__ import annotations

import errno
import re


class UscnError(Exception):
    """Root of every error uscn raises on purpose; the CLI turns it into one line."""


class InputError(UscnError):
    """A file or record that cannot be read or parsed.

    ``path`` is the file as given ("<stdin>" for standard input), ``line`` the
    1-based line of the record when there is one, and ``origin`` joins them
    ("path" or "path:line") the same way ``Article.origin`` does.

    >>> str(InputError("a.jsonl", "is not valid JSON (Expecting ',' delimiter: "
    ...                "column 18)", "fix or remove that line", line=3))
    "a.jsonl: line 3 is not valid JSON (Expecting ',' delimiter: column 18); fix or remove that line"
    """

    def __init__(self, path: str, problem: str, fix: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.problem = problem
        self.fix = fix
        where = f"{self.path}: line {line}" if line is not None else f"{self.path}:"
        super().__init__(f"{where} {problem}; {fix}")

    @property
    def origin(self) -> str:
        """Where the problem is: "path" or "path:line"."""
        return self.path if self.line is None else f"{self.path}:{self.line}"


class InputWarning(UscnError):
    """Something odd about an input that is still read: a URL that had to be
    repaired, an id used twice, a date in the future, text not in English.

    Loaders hand it to ``on_error`` like an :class:`InputError`, but it is not
    a failure: the article is stored and the run does not fail because of it.
    ``str(exc)`` names the place the same way ("path: line N ...").
    """

    def __init__(self, path: str, problem: str, fix: str = "", line: int | None = None):
        self.path = str(path)
        self.line = line
        self.problem = problem
        self.fix = fix
        where = f"{self.path}: line {line}" if line is not None else f"{self.path}:"
        super().__init__(f"{where} {problem}" + (f"; {fix}" if fix else ""))

    @property
    def origin(self) -> str:
        """Where the oddity is: "path" or "path:line"."""
        return self.path if self.line is None else f"{self.path}:{self.line}"


class StoreError(UscnError):
    """The triple store cannot be opened, read or written."""


class QueryError(UscnError):
    """A SPARQL query is unknown, malformed or lacks a parameter."""


class ExtractionError(UscnError):
    """Extraction cannot run, e.g. because a catalog file is missing or broken."""


_FILE_IN_MESSAGE = re.compile(r"(?:file|directory)[: ]+(/[^:\s]+)")
_SYSTEM_CAUSES = (
    ({errno.ENOSPC, errno.EDQUOT}, ("No space left", "database or disk is full", "Disk quota exceeded"),
     "the disk is full", "free some space, or use a --store or output on another disk, and run again"),
    ({errno.EROFS}, ("Read-only file system",),
     "the file system is read-only", "use a --store or output on a writable disk"),
    ({errno.EACCES, errno.EPERM}, ("Permission denied", "Operation not permitted"),
     "permission denied", "check the folder's owner and mode, or use another --store or output"),
)


def system_failure(exc: BaseException, where: str | None = None) -> str | None:
    """One line for a write the operating system refused midway (a disk that filled up, a
    file system remounted read-only, a mode changed under us), wherever it surfaced (RocksDB,
    SQLite, a plain file); None for any other exception, which stays a bug to report.
    ``where`` (the store or output the command was given) is named when the error names no file.

    The store's own writes are whole per batch, so the line says what was kept.

    >>> system_failure(OSError("IO error: No space left on device: While appending to file: /s/000008.log: No space left on device"))
    '/s/000008.log: cannot be written: the disk is full; free some space, or use a --store or output on another disk, and run again (what was stored before is whole: each batch of articles is written at once)'
    >>> system_failure(ValueError("x")) is None
    True
    """
    text, code = str(exc), getattr(exc, "errno", None)
    for codes, phrases, why, fix in _SYSTEM_CAUSES:
        if code in codes or any(p in text for p in phrases):
            named = (getattr(exc, "filename", None) or (m[1] if (m := _FILE_IN_MESSAGE.search(text)) else None)
                     or where)
            where = f"{named}: " if named else ""
            return (f"{where}cannot be written: {why}; {fix} "
                    "(what was stored before is whole: each batch of articles is written at once)")
    return None
