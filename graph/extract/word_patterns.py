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


# The characters other than its two cases that a case-blind regex takes for an ASCII letter.
_FOLDED = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}


class _Unknown(Exception):
    """A regex construct whose first characters ``leading_class`` does not work out."""


def leading_class(regex: re.Pattern) -> str | None:
    """The inside of a regex class holding every character a match of ``regex`` can start with
    (each case and the folded forms of a case-blind letter), for a ``text.Skipping`` scout; None
    when the pattern can match the empty string or uses a construct not worked out here (a
    negated class, ".", a back-reference). Zero-width parts ("\\b", look-arounds) are passed over:
    the class then holds more than the starts, never fewer."""
    from re import _constants as sre, _parser  # (the regex module's own parse of the pattern)
    try:
        parsed = _parser.parse(regex.pattern, regex.flags)
        items, nullable = _firsts(list(parsed), bool(parsed.state.flags & re.IGNORECASE), sre)
    except _Unknown:
        return None
    if nullable or not items:
        return None
    return "".join(sorted(items))


def _firsts(seq, ignorecase: bool, sre) -> tuple[set[str], bool]:
    """(class items a match of the sequence can start with, whether it can match empty)."""
    items: set[str] = set()
    for op, av in seq:
        if op is sre.LITERAL:
            items |= _cased(chr(av), ignorecase)
            return items, False
        if op is sre.IN:
            for kind, value in av:
                if kind is sre.LITERAL:
                    items |= _cased(chr(value), ignorecase)
                elif kind is sre.RANGE:
                    lo, hi = value
                    if ignorecase and any(chr(c).isalpha() for c in range(lo, hi + 1)):
                        if hi - lo > 64:
                            raise _Unknown(op)
                        for c in range(lo, hi + 1):
                            items |= _cased(chr(c), True)
                    else:
                        items.add(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
                elif kind is sre.CATEGORY and str(value) in _CATEGORIES:
                    items.add(_CATEGORIES[str(value)])
                else:  # a negated class, another category
                    raise _Unknown(kind)
            return items, False
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width: what follows starts the match
        if op is sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            ic = (ignorecase or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            found, nullable = _firsts(sub, ic, sre)
        elif op is sre.BRANCH:
            found, nullable = set(), False
            for alt in av[1]:
                f, n = _firsts(alt, ignorecase, sre)
                found |= f
                nullable = nullable or n
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
            low, _high, sub = av
            found, nullable = _firsts(sub, ignorecase, sre)
            nullable = nullable or low == 0
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            found, nullable = _firsts(av, ignorecase, sre)
        else:  # ".", a negated literal, a back-reference, a conditional
            raise _Unknown(op)
        items |= found
        if not nullable:
            return items, False
    return items, True


def _cased(c: str, ignorecase: bool) -> set[str]:
    """A literal character as class items: itself, and under a case-blind flag each of its cases
    and the other characters that fold onto it (only ASCII letters are worked out)."""
    if not ignorecase or not c.isalpha():
        return {re.escape(c)}
    if not c.isascii():
        raise _Unknown(c)
    low = c.lower()
    return {low, low.upper(), *_FOLDED.get(low, "")}
