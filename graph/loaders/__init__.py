"""Loaders: read article files of any supported kind into ``Article`` values.

One module per input kind, each with ``load(path, on_error=None)`` and
``read(stream, label, stem=None, on_error=None)``:

========================  ==========================  ====================
kind                      suffixes                    module
========================  ==========================  ====================
plain text                .txt .text .md              :mod:`.text`
JSON Lines / JSON         .jsonl .ndjson / .json      :mod:`.jsonl`
HTML page                 .html .htm                  :mod:`.html`
RSS / Atom feed           .xml .rss .atom             :mod:`.feed`
========================  ==========================  ====================

Bad input: every loader builds an :class:`~graph.errors.InputError` naming
"path" or "path:line" and passes it to ``on_error``, then goes on with the
next record or file. Without ``on_error`` the error is raised, so nothing is
skipped unless the caller asks for it. Articles are generated one at a time.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from graph.errors import InputError
from graph.loaders import feed, html, jsonl, text
from graph.loaders.checks import checked, unique_ids
from graph.loaders._common import (STDIN, OnError, Reader, load_file, replay, report,
                                   unreadable)
from graph.model import Article

__all__ = ["load", "iter_articles", "SUFFIXES", "OnError"]

_Kind = tuple[Reader, dict]

_TEXT: _Kind = (text.read, {})
_LINES: _Kind = (jsonl.read, {})
_DOCUMENT: _Kind = (jsonl.read, {"document": True})
_HTML: _Kind = (html.read, {})
_FEED: _Kind = (feed.read, {})

_BY_SUFFIX: dict[str, _Kind] = {
    ".txt": _TEXT, ".text": _TEXT, ".md": _TEXT,
    ".jsonl": _LINES, ".ndjson": _LINES, ".json": _DOCUMENT,
    ".html": _HTML, ".htm": _HTML,
    ".xml": _FEED, ".rss": _FEED, ".atom": _FEED,
}
SUFFIXES = tuple(_BY_SUFFIX)
"""File suffixes read without looking inside; other files are sniffed."""

SNIFF = 4096
"""Bytes looked at to tell the kind of a file with an unknown suffix."""
HEAD = 65536
"""Bytes of standard input read ahead to tell its kind."""


def load(path_or_dash: str | Path, on_error: OnError | None = None) -> Iterator[Article]:
    """The Articles of a file, of every file under a folder, or of stdin ("-").

    Files are read by suffix, or sniffed when the suffix is unknown; folders
    recursively in sorted order, skipping hidden entries and files of no known
    kind. Bad files and records go to ``on_error`` (raised when it is None),
    and so do the warnings of :mod:`.checks` (given to :func:`warnings.warn`
    when it is None).
    """
    if str(path_or_dash) == "-":
        articles = _load_stdin(on_error)
    else:
        path = Path(path_or_dash)
        articles = _load_folder(path, on_error) if path.is_dir() else _load_file(path, on_error, named=True)
    for article in articles:
        yield checked(article, lambda w: report(w, on_error))


def iter_articles(inputs: Iterable[str | Path],
                  on_error: OnError | None = None) -> Iterator[Article]:
    """The Articles of several inputs, in order, each as :func:`load` reads it.

    An id that comes again within one input (a file, or a folder's files) is
    reported as a warning naming both places; across inputs a later one
    replacing an earlier one is what ingesting several inputs means.
    """
    for item in inputs:
        yield from unique_ids(load(item, on_error), lambda w: report(w, on_error))


def _load_folder(folder: Path, on_error: OnError | None) -> Iterator[Article]:
    """Every article under a folder, depth first in name order.

    Hidden entries are skipped; symbolic links to folders are not followed,
    so a link loop cannot make the walk endless.
    """
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
    except OSError as exc:
        report(unreadable(str(folder), exc), on_error)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():
                yield from _load_folder(entry, on_error)
        else:
            yield from _load_file(entry, on_error, named=False)


def _load_file(path: Path, on_error: OnError | None, named: bool) -> Iterator[Article]:
    """The Articles of one file, its kind told by suffix or else by content.

    A file the user ``named`` of no recognisable kind is reported; one met in
    a folder is skipped silently (READMEs, images, ...).
    """
    kind = _BY_SUFFIX.get(path.suffix.lower())
    if kind is None:
        head = _head(path, on_error)
        if head is None:
            return
        kind = sniff(head) or (_fallback(head) if named else None)
    if kind is None:
        if named:
            report(InputError(str(path), "is not a kind of input uscn reads",
                              f"give it one of the suffixes {' '.join(SUFFIXES)}"),
                   on_error)
        return
    reader, options = kind
    yield from load_file(reader, path, on_error, **options)


def _head(path: Path, on_error: OnError | None) -> bytes | None:
    """The first bytes of a file, or None after reporting why it cannot be read."""
    try:
        with open(path, "rb") as stream:
            return stream.read(SNIFF)
    except OSError as exc:
        report(unreadable(str(path), exc), on_error)
        return None


def sniff(head: bytes) -> _Kind | None:
    """The markup kind of some first bytes: a feed, an HTML page, or None."""
    start = _peek(head).lstrip().lower()
    feed_root = ("<rss" in start or "<feed" in start or "<rdf:rdf" in start)
    if start.startswith(("<rss", "<feed")) or (start.startswith("<?xml") and feed_root):
        return _FEED
    if start.startswith("<!doctype html") or "<html" in start:
        return _HTML
    return None


def _fallback(head: bytes) -> _Kind | None:
    """For a named file or stdin that is not markup: JSON by its first
    character, else text, unless it looks binary."""
    start = _peek(head).lstrip()
    if start.startswith("["):
        return _DOCUMENT
    if start.startswith("{"):
        return _LINES
    if "\x00" in start:
        return None
    return _TEXT


def _peek(head: bytes) -> str:
    """Some first bytes as text, good enough to look for markup and JSON.

    UTF-16 and UTF-32 with a BOM are decoded as such; anything else through
    Latin-1, which never fails and keeps ASCII markup as it is.
    """
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if head.startswith(bom):
            return head.decode(codec, "ignore")
    return head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")


def _load_stdin(on_error: OnError | None) -> Iterator[Article]:
    """The Articles piped in: JSON if it opens with { or [, a feed or page by
    its markup, else text. Only a head is read ahead, so JSON Lines stream.
    """
    stream = _stdin_bytes()
    head = stream.read(HEAD)
    reader, options = sniff(head) or _fallback(head) or _TEXT
    yield from reader(replay(head, stream), STDIN, None, on_error, **options)


def _stdin_bytes() -> BinaryIO:
    """Standard input as bytes, so its encoding is detected like a file's."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer
    return io.BytesIO(sys.stdin.read().encode("utf-8"))
