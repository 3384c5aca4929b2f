"""Writing an output file: whole or not at all, and one clear line when it cannot be written.

Every command that writes a file (export, query -o, render, build) goes through
:func:`written`: the data goes to a temporary file beside the target, which
replaces the target only once complete, so a failure midway never leaves half
a file (a device or named pipe is written into as it is; through a symbolic link, the
link's target is replaced); an operating-system refusal becomes an :class:`OutputError` naming the
path and what to do.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from graph.errors import UscnError


class OutputError(UscnError):
    """An output file that cannot be written where the user asked."""


def output_error(path: Path, exc: OSError) -> OutputError:
    """The one line for an output the operating system would not let us write."""
    code = exc.errno
    if code == errno.EISDIR or path.is_dir():
        why, fix = "is a folder", "give a file name, e.g. " + str(path / "out")
    elif code == errno.ENOENT:
        why, fix = f"cannot be written: the folder {path.parent} does not exist", "create it or choose another path"
    elif code == errno.ENOTDIR:
        blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), path.parent)
        why, fix = f"cannot be written: {blocker} is a file, not a folder", "choose another path"
    elif code == errno.EROFS:
        why, fix = "cannot be written: it is on a read-only file system", "write it somewhere else"
    elif code in (errno.EACCES, errno.EPERM):
        why, fix = "cannot be written: permission denied", "check the folder's owner and mode or write elsewhere"
    elif code == errno.ENOSPC:
        why, fix = "cannot be written: the disk is full", "free some space or write elsewhere"
    else:
        why, fix = f"cannot be written ({exc.strerror or exc})", "choose another path"
    return OutputError(f"{path}: {why}; {fix}")


@contextmanager
def written(path: str | Path, mode: str = "wb") -> Iterator[BinaryIO]:
    """A file to write that appears at ``path`` only when the block completes.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with written(target, "w") as out:
    ...     _ = out.write("hello")
    >>> target.read_text()
    'hello'
    """
    path = Path(path)
    try:
        kind = os.stat(path).st_mode          # through symbolic links
    except OSError:
        kind = None
    if kind is not None and stat.S_ISDIR(kind):
        raise output_error(path, IsADirectoryError(errno.EISDIR, "Is a directory"))
    encoding = None if "b" in mode else "utf-8"
    if kind is not None and not stat.S_ISREG(kind):
        # a device (/dev/null, /dev/stdout), a named pipe, a socket: written into as it is;
        # replacing it would put a regular file in its place
        try:
            with open(path, mode, encoding=encoding) as out:
                yield out
        except OSError as exc:
            raise output_error(path, exc) from None
        return
    name = path
    if path.is_symlink():                     # the link's target is replaced, the link kept
        path = Path(os.path.realpath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise output_error(name, exc) from None
    os.close(fd)
    try:
        with open(tmp, mode, encoding=encoding) as out:   # out.name: the temporary file
            yield out
        os.chmod(tmp, 0o644)      # mkstemp makes it private; an output is for reading
        os.replace(tmp, path)
    except OSError as exc:
        raise output_error(name, exc) from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def make_folder(path: str | Path) -> Path:
    """The folder ``path``, made with its parents when missing; one line when it cannot be."""
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{path}: is a file, not a folder; choose another output folder") from None
    except OSError as exc:
        raise output_error(path, exc) from None
    return path
