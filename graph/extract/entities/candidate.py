"""A candidate name: a stretch of text that may name an entity, before overlaps are settled;
and the map of the text that says where the names chosen so far stand."""
from __future__ import annotations

from dataclasses import dataclass

from graph.model import Entity


@dataclass(slots=True)
class Candidate:
    """A stretch of text that may name an entity, before overlaps are settled.

    ``role`` says how it was found: "name" (a catalog name), "pattern" (the shape of a name),
    "short" (a family name alone), "title" (a title alone, "the Secretary"), or another role
    of a catalog name. ``entity`` is set for one the catalog lacks."""
    start: int
    end: int
    key: str
    kind: str
    role: str = "name"
    entity: Entity | None = None

    @property
    def length(self) -> int:
        return self.end - self.start


def marked(text: str, chosen: list[Candidate]) -> bytearray:
    """A map of the text with 1 where a chosen candidate stands."""
    taken = bytearray(len(text) + 1)
    mark(taken, chosen)
    return taken


def mark(taken: bytearray, candidates: list[Candidate]) -> None:
    """Mark the candidates on the map ``marked`` made."""
    for c in candidates:
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
