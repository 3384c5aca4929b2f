"""Plain-text articles: a title line, a date line, then paragraphs.

The shape is that of a page copied out of a news site::

    US Confirms Blinken Trip to China to 'Responsibly Manage' Tense Ties

    Wed Jun 14 2023
    icon-facebook icon-twitter icon-whatsapp

    WASHINGTON: US Secretary of State Antony Blinken is set to visit ...

The title and the date line become ``title`` and ``published`` and leave the
text; share-button residue is dropped; a dateline stays in the text and its
place goes to ``place``. Text with neither title nor date still loads.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO, Iterator

from graph.errors import InputError
from graph.loaders._common import (OnError, dateline_place, decode, is_share_residue,
                                   load_file, make_article, no_text, parse_date,
                                   read_all, report, text_id, tidy)
from graph.model import Article

MAX_TITLE = 200
"""A first line longer than this is a paragraph, not a title."""


def load(path: str | Path, on_error: OnError | None = None) -> Iterator[Article]:
    """The one Article of a text file (none if it is unreadable or empty)."""
    return load_file(read, path, on_error)


def read(stream: BinaryIO, label: str, stem: str | None = None,
         on_error: OnError | None = None) -> Iterator[Article]:
    """The one Article in a binary stream of text; ``stem`` becomes its id."""
    data = read_all(stream, label, on_error)
    if data is None:
        return
    try:
        article = parse(decode(data, label), label, stem)
    except InputError as exc:
        report(exc, on_error)
        return
    yield article


def parse(text: str, label: str, stem: str | None = None) -> Article:
    """An Article from decoded text; raises InputError when there is no body.

    Without a ``stem`` (standard input) the id is derived from the text.
    """
    lines = [line for line in text.splitlines() if not is_share_residue(line)]
    title, published, body_lines = split_header(lines)
    body = tidy("\n".join(body_lines))
    if not body:
        raise no_text(label)
    return make_article(stem or text_id(None, body), body, label,
                        title=title, published=published)


def split_header(lines: list[str]) -> tuple[str | None, dt.date | None, list[str]]:
    """Title, date and the remaining lines of a text's opening.

    A date on the first non-empty line is a date with no title; a date on the
    second makes the first the title; otherwise the first line is a title
    only if it looks like one (see :func:`looks_like_title`).
    """
    filled = [i for i, line in enumerate(lines) if line.strip()][:2]
    if not filled:
        return None, None, lines
    first = lines[filled[0]].strip()
    if date := parse_date(first):
        return None, date, lines[filled[0] + 1:]
    if len(filled) > 1 and (date := parse_date(lines[filled[1]])):
        return _title(first), date, lines[filled[1] + 1:]
    if looks_like_title(lines, filled[0]):
        return _title(first), None, lines[filled[0] + 1:]
    return None, None, lines


def looks_like_title(lines: list[str], index: int) -> bool:
    """Whether line ``index`` is a headline rather than the first paragraph.

    A Markdown heading always is. Otherwise it must stand alone with more
    text after it, be short, not end like a sentence, and not open with a
    dateline.
    """
    line = lines[index].strip()
    if line.startswith("# "):
        return True
    alone = index + 1 == len(lines) or not lines[index + 1].strip()
    more = any(rest.strip() for rest in lines[index + 1:])
    return (alone and more and len(line) <= MAX_TITLE
            and not line.endswith((".", ",", ";", ":"))
            and dateline_place(line) is None)


def _title(line: str) -> str | None:
    """The title a line gives, without Markdown heading marks."""
    return line.lstrip("#").strip() or None
