"""Regexes for lists of words, written so the engine skips in C to where one can start, and
the word-boundary tests that go with them (shared by the entity and the event passes)."""
from __future__ import annotations

import re


def _rests_by_first_char(words: list[str]) -> dict[str, list[str]]:
    """The words gathered under their first characters: first -> [the rest of each, escaped],
    in the given order."""
    rests: dict[str, list[str]] = {}
    for w in words:
        rests.setdefault(w[0], []).append(re.escape(w[1:]))
    return rests


def at_word_start(words: list[str]) -> str:
    """A regex for any of the words where a word starts, the same as ``\\b(?:w1|w2|…)`` (tried in
    the given order), written as literal first characters so that the engine skips in C to
    where one of them stands (a pattern that opens with "\\b" is tried at every offset). Words
    that open with no word character are left in the plain form, which "\\b" would not fit
    anyway."""
    if not words or not all(is_word_char(w[0]) for w in words):
        return rf"\b(?:{'|'.join(re.escape(w) for w in words)})"
    rests = _rests_by_first_char(words)
    return "(?:" + "|".join(rf"{re.escape(c)}(?<!\w.)(?:{'|'.join(r)})" for c, r in rests.items()) + ")"


def alternatives(words: list[str]) -> str:
    """A regex for any of the words, tried in the given order, the same as ``w1|w2|…`` (put it
    in a group), with the words gathered under their first characters: the engine checks a
    plain alternation's words one by one at each place it is tried (a hundred organization
    heads at every word of a name), and the gathered one only those that start right there."""
    if not all(words):
        return "|".join(re.escape(w) for w in words)
    rests = _rests_by_first_char(words)
    return "|".join(f"{re.escape(c)}(?:{'|'.join(r)})" for c, r in rests.items())


def first_chars(words, capitals: bool = False) -> str:
    """A regex class of the first characters of the words (and every capital letter if asked),
    for a look-ahead that lets a pattern skip the places where none of its words can start."""
    chars = {w[0] for w in words if w} | (set("ABCDEFGHIJKLMNOPQRSTUVWXYZ") if capitals else set())
    return "[" + "".join(c if c.isalnum() else "\\" + c for c in sorted(chars)) + "]" if chars else ""


def at_word_boundary(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] neither starts inside a word nor ends inside one (a word
    character is what \\w matches: ``is_word_char``, written out here as it runs for every
    catalog name found)."""
    if start > 0:
        c = text[start - 1]
        if c.isalnum() or c == "_":
            return False
    if end < len(text):
        c = text[end]
        if c.isalnum() or c == "_":
            c = text[end - 1]
            return not (c.isalnum() or c == "_")
    return True


def is_word_char(c: str) -> bool:
    """What the regex class \\w matches (letters, digits, other numerals, "_"), without a regex call."""
    return c.isalnum() or c == "_"
