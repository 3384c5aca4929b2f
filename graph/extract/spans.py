"""Choosing among overlapping stretches of text: the longest first, then the earliest."""
from __future__ import annotations

import bisect
import operator
from typing import Callable, Iterable, TypeVar

S = TypeVar("S")  # anything with .start and .end character offsets


def _longest_then_earliest(s) -> tuple[int, int]:
    return s.start - s.end, s.start  # (-(length), start)


_START = operator.attrgetter("start")


def longest_first(items: Iterable[S], tiebreak: Callable[[S], tuple] | None = None) -> list[S]:
    """Non-overlapping items in text order, a longer one winning over those it overlaps.

    ``tiebreak`` orders items of the same length (lower first) before their position does.
    Two items overlap when each starts before the other ends. The kept items are marked
    on a byte map of the text, so checking an item costs its own length, not the number
    kept: the whole choice is linear in the stretch the items span.
    """
    if tiebreak is None:  # (called once a sentence and more: the key without a tie-break is one call)
        ordered = sorted(items, key=_longest_then_earliest)
    else:
        ordered = sorted(items, key=lambda s: (-(s.end - s.start), *tiebreak(s), s.start))
    if len(ordered) < 2:
        return ordered  # nothing to overlap (most sentences' triggers)
    base = min(map(_START, ordered))  # the map covers only the stretch the items span
    size = max(s.end for s in ordered) - base + 2
    covered = bytearray(size)  # 1 inside a kept item of some length, 2 at its first character
    empty_at = bytearray(size)  # 1 where a kept item of no length sits
    kept: list[S] = []
    for s in ordered:
        a, b = s.start - base, s.end - base
        if b > a:
            if covered.count(0, a, b) != b - a or (b - a > 1 and empty_at.find(1, a + 1, b) != -1):
                continue
            covered[a:b] = b"\x01" * (b - a)
            covered[a] = 2
        else:
            if covered[a] == 1:
                continue  # strictly inside a kept item
            empty_at[a] = 1
        kept.append(s)
    return sorted(kept, key=_START)


class Overlaps:
    """Items indexed by where they start, to find those overlapping a stretch of text
    without scanning them all: a look-up costs the items within the longest item's
    length of the stretch."""

    def __init__(self, items: Iterable[S]):
        self.items = sorted(items, key=_START)
        self.starts = [s.start for s in self.items]
        self.longest = max((s.end - s.start for s in self.items), default=0)

    def overlapping(self, start: int, end: int) -> list[S]:
        """The items that start before ``end`` and end after ``start``, in order of start."""
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return [s for s in self.items[lo:hi] if start < s.end and s.start < end]


class Starting:
    """Items looked up by the stretch of text they start in, each answer in the items'
    own order: one look-up costs the items found, not all of them."""

    def __init__(self, items: Iterable[S]):
        self.items = list(items)
        self.order = sorted(range(len(self.items)), key=lambda i: self.items[i].start)
        self.starts = [self.items[i].start for i in self.order]

    def within(self, start: int, end: int) -> list[S]:
        """The items with ``start <= item.start < end``."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [self.items[i] for i in sorted(self.order[lo:hi])]
