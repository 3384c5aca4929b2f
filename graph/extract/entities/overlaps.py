"""Settling candidates that overlap: the longest wins, a catalog name before a pattern on a tie,
and the rules for where the name patterns and the catalog names meet (a pattern that runs past
a catalog name, a person's name inside an organization's, catalog bodies inside a pattern's)."""
from __future__ import annotations

import bisect
import re

from graph.extract.entities.candidate import Candidate
from graph.extract.entities.shapes import SUFFIX
from graph.extract.spans import Overlaps, longest_first
from graph.model import Entity
from graph.rdf.vocab import slugify

KIND_RANK = {"Person": 4, "Organization": 3, "Country": 2, "Place": 1}
CAPITALISED_NEXT = re.compile(r"[ \-]+[A-Z][a-z]")


def settle(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: the longest first; on a tie a catalog name before a name
    pattern ("Soviet Union" is a country, not an organization ending in "Union"), then people,
    organizations, countries, places."""
    return longest_first(candidates, lambda c: (c.role == "pattern", -KIND_RANK.get(c.kind, 0), c.role != "name"))


def starts_catalog_org(c: Candidate, catalog: list[Candidate] | dict[int, int]) -> bool:
    """A name pattern that only runs on past a catalog name ("Department of Commerce Updates").

    ``catalog`` is the catalog candidates or, to check many, ``shortest_org_ends`` of them."""
    ends = catalog if isinstance(catalog, dict) else shortest_org_ends(catalog)
    return c.start in ends and ends[c.start] < c.end


def shortest_org_ends(catalog: list[Candidate]) -> dict[int, int]:
    """Where the shortest catalog organization starting at each offset ends."""
    ends: dict[int, int] = {}
    for k in catalog:
        if k.kind == "Organization" and k.end < ends.get(k.start, k.end + 1):
            ends[k.start] = k.end
    return ends


def truncate_before(orgs: list[Candidate], people: list[Candidate], text: str, heads=frozenset()) -> list[Candidate]:
    """Cut an organization's name where a person's name starts inside it ("…Commission Yang Jiechi");
    what is left is kept when it still ends in an organization's head word ("…Technology Seth
    Center" leaves "Emerging Technology", a title's words, not an organization)."""
    out = []
    starts = sorted(p.start for p in people)
    for c in orgs:
        i = bisect.bisect_right(starts, c.start)  # the first person starting after the organization
        cut = starts[i] if i < len(starts) and starts[i] < c.end else None
        if cut is None:
            out.append(c)
            continue
        surface = text[c.start:cut].rstrip(" ,")
        if len(surface.split()) >= 2 and (not heads or surface.split()[-1] in heads):
            label = c.entity.label[:len(c.entity.label) - (c.end - c.start - len(surface))] if c.entity else surface
            key = f"org/{slugify(label)}"
            entity = Entity(key, "Organization", label, (surface,) if surface != label else ())
            out.append(Candidate(c.start, c.start + len(surface), key, c.kind, c.role, entity))
    return out


def extends_known_person(p: Candidate, known_people: Overlaps, text: str) -> bool:
    """A name pattern that runs a known person's name into the next capitalised words
    ("President Donald J. Trump Continues the Suspension…", "President Biden Takes Action" in
    a title): the known name wins. ``known_people`` holds the catalog's Person candidates,
    looked up by position so that a long text costs no more per name than a short one."""
    return p.kind == "Person" and any(c.end < p.end and not re.fullmatch(SUFFIX, text[c.end:p.end])
                                      for c in known_people.overlapping(p.start, p.start + 1))


def continues_capitalised(text: str, end: int) -> bool:
    """True when a capitalised word follows at once: the name found is part of a longer one."""
    return text[end - 1:end] != "." and bool(CAPITALISED_NEXT.match(text[end:end + 3]))


def add_nested_orgs(chosen: list[Candidate], catalog: list[Candidate]) -> list[Candidate]:
    """Catalog organizations inside or across a name that the pattern found are mentions too
    ("Chinese Communist Party Politburo": the party and the Politburo), unless they end where it
    ends; a catalog name is one organization."""
    orgs = Overlaps(c for c in chosen if c.kind == "Organization")
    others = None  # (the other kinds' index, made when a catalog organization gets that far: few do)
    org_keys = {o.key for o in orgs.items}
    chosen_at: dict[tuple[int, int, str], list[Candidate]] = {}
    for c in chosen:
        chosen_at.setdefault((c.start, c.end, c.key), []).append(c)
    extra = []
    for k in catalog:
        if k.kind != "Organization" or k in chosen_at.get((k.start, k.end, k.key), ()) or k.key in org_keys:
            continue
        outer = orgs.overlapping(k.start, k.end)
        if any(k.end == o.end or o.role != "pattern" and o.start <= k.start and k.end <= o.end for o in outer):
            continue  # a known full name is one body ("National People's Congress" holds no Congress)
        if outer and others is None:
            others = Overlaps(c for c in chosen if c.kind != "Organization")
        if outer and not any(not (k.start <= o.start and o.end <= k.end) for o in others.overlapping(k.start, k.end)):
            extra.append(k)
    unique = {(c.start, c.end, c.key): c for c in chosen + extra}
    return sorted(unique.values(), key=lambda c: c.start)
