"""Choosing among overlapping stretches of text: the longest first, then the earliest."""
from __future__ import annotations

from typing import Callable, Iterable, TypeVar

S = TypeVar("S")  # anything with .start and .end character offsets


def longest_first(items: Iterable[S], tiebreak: Callable[[S], tuple] = lambda s: ()) -> list[S]:
    """Non-overlapping items in text order, a longer one winning over those it overlaps.

    ``tiebreak`` orders items of the same length (lower first) before their position does.
    """
    ordered = sorted(items, key=lambda s: (-(s.end - s.start), *tiebreak(s), s.start))
    kept: list[S] = []
    for s in ordered:
        if not any(s.start < k.end and k.start < s.end for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s.start)
