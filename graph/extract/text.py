"""Sentences and tokens with character offsets into the article text.

Tokenizing is the floor the extraction benchmark measures against
(scripts/bench_extract.py), so it is kept to one compiled regex pass.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from graph.model import Sentence

TOKEN = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:[’'.\-–][A-Za-z0-9\u00C0-\u024F]+)*\.?|\S")

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sen rep gov gen adm lt col maj capt sgt st jr sr co ltd inc corp no nos vol
jan feb mar apr aug sep sept oct nov dec u.s u.k u.n e.u p.r.c d.p.r.k e.g i.e a.m p.m vs etc
""".split())

LAST_WORD = re.compile(r"([A-Za-z.]+)\.$")  # the word a full stop closes
CLOSED = re.compile(r"[.!?:;,\"”’)]$")  # a line that ends a sentence or a clause
# A sentence ends at . ! ? (and closing quotes/brackets) followed by space and a capital,
# a quote or a digit; or at a paragraph break.
BOUNDARY = re.compile(r"""(?<=[.!?])(?P<close>["”’')\]]*)\s+(?=["“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=- )""")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


class Skipping:
    """A compiled pattern's ``finditer`` that skips in C to where a match can start.

    A pattern that opens with "\\b" or a case-blind word makes the regex engine try it at every
    offset of the text; one that opens with a class of characters lets it jump from one of
    those characters to the next. ``firsts`` is such a class, written out (without brackets):
    every character a match can start with (for a case-blind pattern each case, and the
    few other characters the engine folds onto a letter: "ſ" for "s", the Kelvin sign for
    "k", "İ" and "ı" for "i"). A scout pattern, that class and then the pattern as a
    look-ahead (``scout``: the pattern itself, or a wider one when the pattern cannot stand
    in a look-behind), finds the candidate starts; the pattern itself is matched at each.
    Same matches, same groups, in the same order, as ``pattern.finditer`` (the pattern must
    not match the empty string)."""

    def __init__(self, regex: re.Pattern, firsts: str, scout: str | None = None):
        self.regex = regex
        self.pattern, self.flags = regex.pattern, regex.flags  # as a compiled pattern has them
        body = scout if scout is not None else regex.pattern
        flags = regex.flags & ~re.IGNORECASE
        if regex.flags & re.IGNORECASE:
            body = f"(?i:{body})"
        self.scout = re.compile(f"[{firsts}](?<=(?={body}).)", flags)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        endpos = len(text) if endpos is None else endpos
        scout, match = self.scout.search, self.regex.match
        while (found := scout(text, pos, endpos)) is not None:
            m = match(text, found.start(), endpos)
            if m is None:  # a wider scout
                pos = found.start() + 1
                continue
            yield m
            pos = m.end()


def lowered(text: str) -> str:
    """``text.lower()``, worked out once for the texts being read (an article's and its
    title's: the passes over each ask for it in turn)."""
    for held, low in _LOWERED:
        if held is text:
            return low
    low = text.lower()
    _LOWERED[:] = [(text, low), _LOWERED[0]]
    return low


_LOWERED: list[tuple[str | None, str]] = [(None, ""), (None, "")]


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens of ``text[start:end]`` with absolute offsets."""
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, start, len(text) if end is None else end)]


def _ends_with_abbreviation(text: str, cut: int) -> bool:
    """True when the full stop before ``cut`` closes an abbreviation or an initial ("J.")."""
    head = text[max(0, cut - 40):cut].rstrip()
    head = head.rstrip("\"”’')]")
    if not head.endswith("."):
        return False
    word = LAST_WORD.search(head)
    if not word:
        return False
    w = word.group(1).lower()
    return w in ABBREVIATIONS or (len(w) == 1 and w.isalpha())


def sentences(text: str) -> Iterator[Sentence]:
    """Sentences of the text, trimmed, with offsets; headings and list items stand alone."""
    start = 0
    for m in BOUNDARY.finditer(text):
        if "\n" not in m.group() and _ends_with_abbreviation(text, m.start()):
            continue
        yield from _trimmed(text, start, m.start() + len(m.group("close") or ""))
        start = m.end()
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[Sentence]:
    for line_start, line in _lines(text, start, end):
        s = line_start + (len(line) - len(line.lstrip()))
        e = line_start + len(line.rstrip())
        if e > s:
            yield Sentence(s, e, text[s:e])


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """Single line breaks inside a paragraph join; a line with no final stop is a heading."""
    chunk = text[start:end]
    if "\n" not in chunk.strip():
        yield start, chunk
        return
    pos = start
    buf_start, buf = start, ""
    for line in chunk.split("\n"):
        stripped = line.strip()
        if buf and not CLOSED.search(buf.strip()) and stripped[:1].isupper():
            yield buf_start, buf
            buf_start, buf = pos, line
        elif not buf.strip():
            buf_start, buf = pos, line
        else:
            buf = text[buf_start:pos + len(line)]
        pos += len(line) + 1
    yield buf_start, buf
