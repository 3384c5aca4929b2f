"""Sentences and tokens with character offsets into the article text.

Tokenizing is the floor the extraction benchmark measures against
(scripts/bench_extract.py), so it is kept to one compiled regex pass.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Iterator

import ahocorasick

from graph.model import Sentence

TOKEN = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:[’'.\-–][A-Za-z0-9\u00C0-\u024F]+)*\.?|\S")

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sen rep gov gen adm lt col maj capt sgt st jr sr co ltd inc corp no nos vol
jan feb mar apr aug sep sept oct nov dec u.s u.k u.n e.u p.r.c d.p.r.k e.g i.e a.m p.m vs etc
""".split())

LAST_WORD = re.compile(r"([A-Za-z.]+)\.$")  # the word a full stop closes
LETTERS_AND_STOPS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."  # LAST_WORD's class
CLOSED = re.compile(r"[.!?:;,\"”’)]$")  # a line that ends a sentence or a clause
# A sentence ends at . ! ? (and closing quotes/brackets) followed by space and a capital,
# a quote or a digit; or at a paragraph break.
BOUNDARY = re.compile(r"""(?<=[.!?])(?P<close>["”’')\]]*)\s+(?=["“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=- )""")
# BOUNDARY's matches, the first kind (after . ! ?) with the stop in front: a pattern that opens
# with characters, not a look-behind, lets the engine skip in C to a stop or a line break (where
# BOUNDARY is tried at every offset). A match after a stop starts one character before
# BOUNDARY's; the others are the same.
CUT = re.compile(r"""[.!?](?P<close>["”’')\]]*)\s+(?=["“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=- )""")


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
        self.scout = re.compile(f"[{firsts}](?<=(?={body})[\\s\\S])", flags)  # (a newline too: not ".")

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


@functools.lru_cache(maxsize=16)
def stretch_chars(joiners: str) -> tuple[str, re.Pattern]:
    """The inside of a regex class of word characters, spaces and ``joiners``, and a pattern for
    the first character after a stretch of them."""
    inside = "\\w\\s" + re.escape(joiners)
    return inside, re.compile(f"[^{inside}]")


@functools.lru_cache(maxsize=16)
def _last_outside(chars: str) -> re.Pattern:
    return re.compile(f"[^{chars}][{chars}]*\\Z")


def stretch_start(text: str, pos: int, floor: int, chars: str) -> int:
    """Where the stretch of ``chars`` (a regex class's inside) that ends at ``pos`` begins, not
    before ``floor``: after the last character before ``pos`` that is not one of them."""
    last_outside = _last_outside(chars)
    reach = 256
    while True:
        a = max(floor, pos - reach)
        before = last_outside.search(text, a, pos)
        if before is not None:
            return before.start() + 1
        if a == floor:
            return floor
        reach *= 4


def stretches_holding(text: str, word: str, start: int = 0, end: int | None = None,
                      joiners: str = "") -> Iterator[tuple[int, int]]:
    """The stretches of ``text[start:end]`` made only of word characters (what \\w matches),
    whitespace and the ``joiners`` that hold ``word`` (lower case; found in the text's lower
    case), in order.

    A pattern whose every match is made of such characters and holds the word (case-blind:
    "a day later", "the same day") finds the same matches searched stretch by stretch as
    over the whole text: no match runs across the character that ends a stretch, and at the
    end of a stretch its look-aheads see what they would see at that character (neither a
    word character, a space nor a joiner; a pattern that looks for one of those past its
    match must not use this). Searching the few stretches holding the word costs a fraction
    of a scan. A text whose lower case differs in length (its offsets would not be the
    text's) raises ValueError: scan it whole."""
    end = len(text) if end is None else end
    low = lowered(text)
    if len(low) != len(text):
        raise ValueError("the text's lower case is not as long as the text")
    inside, after_stretch = stretch_chars(joiners)
    done = start
    i = low.find(word, start, end)
    while i >= 0:
        after = after_stretch.search(text, i, end)
        b = after.start() if after else end
        yield stretch_start(text, i, done, inside), b
        done = b
        i = low.find(word, b, end)


def finditer_holding(pattern, text: str, word: str, joiners: str = "", start: int = 0,
                     end: int | None = None) -> Iterator[re.Match]:
    """``pattern.finditer(text, start, end)`` for a pattern whose every match is a stretch
    holding ``word`` (see ``stretches_holding``): searched only in those stretches, or over the
    whole span when the text's lower case differs in length. A ``Skipping`` pattern's own regex
    searches the stretches (they are short: its scout would cost more than it saves)."""
    end = len(text) if end is None else end
    if len(lowered(text)) != len(text):
        yield from pattern.finditer(text, start, end)
        return
    regex = getattr(pattern, "regex", pattern)
    for a, b in stretches_holding(text, word, start, end, joiners=joiners):
        yield from regex.finditer(text, a, b)


# Characters that a case-blind regex takes for an ASCII letter although lower() leaves them other
# than it (the long s, the Kelvin sign, the dotless i; the dotted capital I lower-cases to two).
FOLDED_ONTO_ASCII = ("\u017f", "\u212a", "\u0131")


class WordPlaces:
    """Where any of some ASCII words stands in a text, regardless of case, found by one
    automaton pass over the lower-cased text and kept for the last text asked about.

    ``finditer(regex, text, pos, endpos)`` is ``regex.finditer(text, pos, endpos)`` for a
    case-blind regex whose every match starts with one of the words (a cue pattern: the
    words as alternatives between look-arounds): the regex is matched only where a word
    stands, so a text's many sentences are each searched at the cost of a bisection when
    none stands in them. A text that a case-blind regex reads differently from its lower
    case (see FOLDED_ONTO_ASCII) is searched with the regex itself."""

    def __init__(self, words):
        self.words = [w.lower() for w in words if w]
        self.usable = bool(self.words) and all(w.isascii() for w in self.words)
        self.forms = {w: len(w) for w in self.words}  # what the automaton holds
        self.auto = ahocorasick.Automaton()
        for w, n in self.forms.items():
            self.auto.add_word(w, n)
        if self.usable:
            self.auto.make_automaton()
        self._held: tuple = (None, None)
        # The (end, length) of the words in a text's lower case from a pass another scan makes
        # anyway (see EntityFinder.shared_hits), or None: then this automaton's own pass.
        self.shared = None

    def places(self, text: str) -> list[int] | None:
        """The sorted offsets where a word starts, or None when they cannot be told this way."""
        if self._held[0] is text:
            return self._held[1]
        low = lowered(text)
        found = None
        if self.usable and len(low) == len(text) and not any(c in text for c in FOLDED_ONTO_ASCII):
            hits = self.shared(text) if self.shared is not None else None
            found = sorted({end - n + 1 for end, n in (self.auto.iter(low) if hits is None else hits)})
        self._held = (text, found)
        return found

    def finditer(self, regex: re.Pattern, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        endpos = len(text) if endpos is None else endpos
        places = self.places(text)
        if places is None:
            yield from regex.finditer(text, pos, endpos)
            return
        i = bisect.bisect_left(places, pos)
        while i < len(places) and places[i] < endpos:
            if places[i] >= pos:
                m = regex.match(text, places[i], endpos)
                if m is not None:
                    yield m
                    pos = m.end()
            i += 1


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
    run = head[len(head.rstrip(LETTERS_AND_STOPS)):]  # what LAST_WORD matches: the letters and stops ending it
    if len(run) < 2:
        return False
    w = run[:-1].lower()
    return w in ABBREVIATIONS or (len(w) == 1 and w.isalpha())


def sentences(text: str) -> Iterator[Sentence]:
    """Sentences of the text, trimmed, with offsets; headings and list items stand alone."""
    start = 0
    for m in CUT.finditer(text):
        cut = m.start()
        stop = text[cut]
        if stop != "\n":
            cut += 1  # (BOUNDARY's match starts after the stop)
        if stop == "." and "\n" not in m.group() and _ends_with_abbreviation(text, cut):
            continue  # (after "!" or "?" no abbreviation ends)
        end = cut + len(m.group("close") or "")
        chunk = text[start:end]
        stripped = chunk.strip()
        if "\n" not in stripped:  # one line: _trimmed's answer, worked out here (most sentences)
            if stripped:
                s = start + len(chunk) - len(chunk.lstrip())
                yield Sentence(s, s + len(stripped), stripped)
        else:
            yield from _trimmed(text, start, end)
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
