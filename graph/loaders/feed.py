"""RSS and Atom feeds: each entry an Article.

feedparser is given the feed's bytes, never a URL, so nothing is fetched.
The bytes are decoded the way every loader decodes and handed on as UTF-8,
so one encoding rule holds for all inputs.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import xml.sax
from pathlib import Path
from typing import BinaryIO, Iterator

import feedparser

from graph.errors import InputError, InputWarning
from graph.loaders._common import (OnError, built_or_reported, declared_encoding, decode,
                                   html_to_text, load_file, make_article, no_text,
                                   parse_date, read_all, report, text_id, tidy)
from graph.model import Article

_UTF8_XML = {"content-type": "application/xml; charset=utf-8"}
_ENTRY_TAG = re.compile(r"<(?:[\w-]+:)?(?:item|entry)[\s>/]")


def load(path: str | Path, on_error: OnError | None = None) -> Iterator[Article]:
    """The Articles of a feed file, one an entry."""
    return load_file(read, path, on_error)


def read(stream: BinaryIO, label: str, stem: str | None = None,
         on_error: OnError | None = None) -> Iterator[Article]:
    """The Articles of a feed read from a binary stream; bad entries are reported."""
    data = read_all(stream, label, on_error)
    if data is None:
        return
    try:
        text = decode(data, label, declared_encoding(data))
        parsed = parse_feed(text, label)
    except InputError as exc:
        report(exc, on_error)
        return
    source = parsed.feed.get("title") or None
    lines = entry_lines(text, len(parsed.entries))
    broken = xml_break(parsed)
    for index, (entry, line) in enumerate(zip(parsed.entries, lines)):
        cut = broken if broken and index == len(parsed.entries) - 1 else None
        yield from built_or_reported(
            lambda: entry_article(entry, label, line, stem, source, cut, on_error), on_error)


def xml_break(parsed) -> str | None:
    """Where and why a feed stops being well-formed XML ("line 4: no element found"), if it does.

    feedparser still reads what it can of a feed cut short, so the last entry
    may be missing its end: that entry is the one to doubt.
    """
    exc = parsed.get("bozo_exception")
    if not isinstance(exc, xml.sax.SAXParseException):
        return None
    return f"line {exc.getLineNumber()}: {exc.getMessage()}"


def parse_feed(text: str, label: str) -> feedparser.FeedParserDict:
    """feedparser's reading of a decoded feed; raises InputError if it is none."""
    parsed = feedparser.parse(io.BytesIO(text.encode("utf-8")), response_headers=_UTF8_XML)
    if parsed.entries or (parsed.version and not parsed.bozo):
        return parsed
    reason = parsed.get("bozo_exception") or "no RSS or Atom elements"
    raise InputError(label, f"is not a readable RSS or Atom feed ({reason})",
                     "check that the file is a complete feed")


def entry_lines(text: str, count: int) -> list[int | None]:
    """The line each entry starts on, so messages and origins can name it.

    Found by counting <item>/<entry> tags; when their number does not match
    feedparser's entries (a tag inside CDATA, say) lines are left unknown.
    """
    starts = [m.start() for m in _ENTRY_TAG.finditer(text)]
    if len(starts) != count:
        return [None] * count
    return [text.count("\n", 0, start) + 1 for start in starts]


def entry_article(entry, label: str, line: int | None, stem: str | None,
                  source: str | None, cut: str | None = None, on_error=None) -> Article:
    """An Article from one feed entry; raises InputError if it has no text.

    ``cut`` says where the feed breaks off when this is the entry it breaks
    off in: without text the entry is reported as cut off, with text it is
    read and a warning says it may be incomplete.
    """
    text = entry_text(entry)
    title = " ".join((entry.get("title") or "").split()) or None
    truncated = (f"the feed is truncated or malformed ({cut}) inside this entry{_quoted(title)}"
                 if cut else None)
    if not text and truncated:
        raise InputError(label, f"is cut off: {truncated}", "check that the file is a complete feed; "
                         "the entries before it were read", line=line)
    if not text:
        raise no_text(label, f"has an entry{_quoted(title)} with no content or summary",
                      line=line)
    if truncated:
        report(InputWarning(label, f"is not a complete feed: {truncated}; its text may be incomplete",
                            "check that the file is a complete feed", line=line), on_error)
    link = entry.get("link") or None
    return make_article(
        entry.get("id") or link or text_id(stem, text), text,
        label if line is None else f"{label}:{line}",
        title=title, published=entry_date(entry), source=source, url=link)


def entry_text(entry) -> str:
    """An entry's body as plain-text paragraphs: its longest content, else its summary."""
    contents = entry.get("content") or []
    if contents:
        best = max(contents, key=lambda c: len(c.get("value") or ""))
        body, kind = best.get("value") or "", best.get("type") or "text/html"
    else:
        detail = entry.get("summary_detail") or {}
        body, kind = entry.get("summary") or "", detail.get("type") or "text/html"
    return tidy(body) if kind == "text/plain" else html_to_text(body)


def entry_date(entry) -> dt.date | None:
    """When an entry was published (else updated), as the day it was written.

    The raw string is read first because feedparser's parsed time is moved to
    UTC, which can shift an evening in Washington or a morning in Beijing to
    the wrong day; the parsed time is the fallback.
    """
    for key in ("published", "updated"):
        if date := parse_date(entry.get(key) or ""):
            return date
    for key in ("published_parsed", "updated_parsed"):
        if parsed := entry.get(key):
            return dt.date(*parsed[:3])
    return None


def _quoted(title: str | None) -> str:
    """' ("Title")' for a message, or nothing when the entry has no title."""
    return f" ({title!r})" if title else ""
