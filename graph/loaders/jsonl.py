"""JSON records: JSON Lines (one object a line) and ``.json`` documents.

Each record needs ``text``; ``id``, ``title``, ``published``, ``source`` and
``url`` are optional and other fields are ignored. A bad record is reported
with its "path:line" and the records around it still load. JSON Lines are
read line by line, so a large file never sits in memory whole.
"""
from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from graph.errors import InputError
from graph.loaders._common import (OnError, built_or_reported, decode, detect_encoding,
                                   load_file, make_article, no_text, parse_date,
                                   read_all, replay, report, text_id, tidy)
from graph.model import Article

HEAD = 65536
"""Bytes read ahead to detect the encoding of a JSON Lines stream."""

_FIX_LINE = "fix or remove that line"
_OPTIONAL_STRINGS = ("title", "source", "url")


def load(path: str | Path, on_error: OnError | None = None) -> Iterator[Article]:
    """The Articles of a ``.jsonl``/``.ndjson`` file, or of a ``.json`` document."""
    document = Path(path).suffix.lower() == ".json"
    return load_file(read, path, on_error, document=document)


def read(stream: BinaryIO, label: str, stem: str | None = None,
         on_error: OnError | None = None, *, document: bool = False) -> Iterator[Article]:
    """The Articles in a binary stream: JSON Lines, or with ``document`` one
    JSON document (an object, a list of objects, or objects one after another).
    """
    if document:
        return _read_document(stream, label, stem, on_error)
    return _read_lines(stream, label, stem, on_error)


def _read_lines(stream: BinaryIO, label: str, stem: str | None,
                on_error: OnError | None) -> Iterator[Article]:
    """Stream JSON Lines, reporting each bad line and going on with the next."""
    head = stream.read(HEAD)
    encoding = detect_encoding(head, complete=len(head) < HEAD)
    if encoding is None:
        report(InputError(label, "is not text in any encoding uscn can recognise",
                          "save it as UTF-8 text"), on_error)
        return
    lines = io.TextIOWrapper(replay(head, stream), encoding=encoding, newline=None)
    number = 0
    while True:
        try:
            line = next(lines, None)
        except UnicodeDecodeError as exc:
            report(InputError(label, f"is not valid {encoding} ({exc.reason})",
                              "save the file as UTF-8 text", line=number + 1), on_error)
            return
        if line is None:
            return
        number += 1
        if line.strip():
            yield from built_or_reported(
                lambda: to_article(json_record(line, label, number), label, stem, number),
                on_error)


def _read_document(stream: BinaryIO, label: str, stem: str | None,
                   on_error: OnError | None) -> Iterator[Article]:
    """The records of a whole JSON document; invalid JSON ends the file there."""
    data = read_all(stream, label, on_error)
    if data is None:
        return
    try:
        values = json_values(decode(data, label), label)
    except InputError as exc:
        report(exc, on_error)
        return
    while True:
        try:
            number, value = next(values, (None, None))
        except InputError as exc:
            report(exc, on_error)
            return
        if number is None:
            return
        yield from built_or_reported(
            lambda: to_article(value, label, stem, number), on_error)


def json_record(line: str, label: str, number: int) -> Any:
    """The JSON value on one line; raises InputError naming the line if invalid."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(label, f"is not valid JSON ({exc.msg}: column {exc.colno})",
                         _FIX_LINE, line=number) from None


def json_values(text: str, label: str) -> Iterator[tuple[int, Any]]:
    """(line, value) for each top-level value of a document and each item of a
    top-level list, with the line each starts on, so errors can name it.
    """
    decoder = json.JSONDecoder()
    lines = _LineCounter(text)
    pos = _skip_space(text, 0)
    try:
        while pos < len(text):
            if text[pos] == "[":
                pos = yield from _array_items(decoder, text, pos, lines)
            else:
                value, end = decoder.raw_decode(text, pos)
                yield lines.at(pos), value
                pos = _skip_space(text, end)
    except json.JSONDecodeError as exc:
        raise InputError(label, f"is not valid JSON ({exc.msg}: column {exc.colno})",
                         "fix the file", line=exc.lineno) from None


def _array_items(decoder: json.JSONDecoder, text: str, pos: int, lines: "_LineCounter"):
    """Yield (line, item) for the list starting at ``pos``; return where it ends.

    Items are decoded one at a time rather than the list as a whole so that
    each record knows its own line.
    """
    pos = _skip_space(text, pos + 1)
    if text.startswith("]", pos):
        return _skip_space(text, pos + 1)
    while True:
        item, end = decoder.raw_decode(text, pos)
        yield lines.at(pos), item
        pos = _skip_space(text, end)
        if text.startswith("]", pos):
            return _skip_space(text, pos + 1)
        if not text.startswith(",", pos):
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
        pos = _skip_space(text, pos + 1)


def _skip_space(text: str, pos: int) -> int:
    """The first position at or after ``pos`` that is not JSON whitespace."""
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


class _LineCounter:
    """Line numbers of increasing positions in a text, counted incrementally."""

    def __init__(self, text: str):
        self._text, self._pos, self._line = text, 0, 1

    def at(self, pos: int) -> int:
        """The 1-based line of ``pos`` (positions must not go backwards)."""
        self._line += self._text.count("\n", self._pos, pos)
        self._pos = pos
        return self._line


def to_article(record: Any, label: str, stem: str | None, number: int) -> Article:
    """An Article from one decoded record; raises InputError saying what is wrong."""
    if not isinstance(record, dict):
        raise InputError(label, f"is not a JSON object (it is {_kind(record)})",
                         "make each record an object with a \"text\" field", line=number)
    text = _text(record, label, number)
    metadata = {key: _string(record, key, label, number) for key in _OPTIONAL_STRINGS}
    return make_article(_id(record, label, stem, number, text), text, f"{label}:{number}",
                        published=_published(record, label, number), **metadata)


def _text(record: dict, label: str, number: int) -> str:
    """The record's text, tidied; it must be a non-empty string."""
    if "text" not in record:
        raise InputError(label, 'has no "text" field', _FIX_LINE, line=number)
    value = record["text"]
    if not isinstance(value, str):
        raise InputError(label, f'has a "text" that is not a string (it is {_kind(value)})',
                         _FIX_LINE, line=number)
    text = tidy(value)
    if not text:
        raise no_text(label, 'has an empty "text"', line=number)
    return text


def _id(record: dict, label: str, stem: str | None, number: int, text: str) -> str:
    """The record's own id, or one made from the file stem and the text."""
    value = record.get("id")
    if value is None or value == "":
        return text_id(stem, text)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(label, f'has an "id" that is not a string (it is {_kind(value)})',
                         _FIX_LINE, line=number)
    return str(value).strip() or text_id(stem, text)


def _string(record: dict, key: str, label: str, number: int) -> str | None:
    """An optional string field, None when absent or blank."""
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(label, f'has a "{key}" that is not a string (it is {_kind(value)})',
                         _FIX_LINE, line=number)
    return value.strip() or None


def _published(record: dict, label: str, number: int):
    """The publication date of a record, read from ISO or other common forms."""
    value = _string(record, "published", label, number)
    if value is None:
        return None
    date = parse_date(value)
    if date is None:
        raise InputError(label, f'has a "published" date that cannot be read ({value!r})',
                         "write it as an ISO date such as 2023-06-14", line=number)
    return date


def _kind(value: Any) -> str:
    """The JSON name of a value's type, for messages."""
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
