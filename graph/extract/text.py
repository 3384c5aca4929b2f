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

# A sentence ends at . ! ? (and closing quotes/brackets) followed by space and a capital,
# a quote or a digit; or at a paragraph break.
BOUNDARY = re.compile(r"""(?<=[.!?])(?P<close>["”’')\]]*)\s+(?=["“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=- )""")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens of ``text[start:end]`` with absolute offsets."""
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, start, len(text) if end is None else end)]


def _ends_with_abbreviation(text: str, cut: int) -> bool:
    """True when the full stop before ``cut`` closes an abbreviation or an initial ("J.")."""
    head = text[max(0, cut - 40):cut].rstrip()
    head = head.rstrip("\"”’')]")
    if not head.endswith("."):
        return False
    word = re.search(r"([A-Za-z.]+)\.$", head)
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
        if buf and not re.search(r"[.!?:;,\"”’)]$", buf.strip()) and stripped[:1].isupper():
            yield buf_start, buf
            buf_start, buf = pos, line
        elif not buf.strip():
            buf_start, buf = pos, line
        else:
            buf = text[buf_start:pos + len(line)]
        pos += len(line) + 1
    yield buf_start, buf
