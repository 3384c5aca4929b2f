"""Titles alone: "the Secretary pointed out", "the President declared" name the holder of that
office the article has named most (then first), else the one person the catalog has in that
office on the day."""
from __future__ import annotations

import operator
import re

from graph.extract.catalog import Catalog
from graph.extract.entities.candidate import Candidate, mark, marked

# (a word start written as its first character and (?<!\w.), as in shapes.py)
TITLE_ALONE = re.compile(r"t(?<!\w.)he\s+(?P<title>(?:[A-Z][a-z]+\s+){0,3}[A-Z][a-z]+)\b")
START = operator.attrgetter("start")
OF_OR_NAME, TO_OF_FOR = re.compile(r"\s+(?:of\b|[A-Z])"), re.compile(r"\b(?:to|of|for)\s+$")


class OfficeTitles:
    """Resolves the titles alone of an article; built once from the catalog's offices."""

    def __init__(self, catalog: Catalog):
        self.cat = catalog
        self.office_titles: dict[str, set[str]] = {}
        self._holders: dict[tuple, frozenset[str]] = {}
        for office in catalog.offices.values():
            for title in office.titles:
                self.office_titles.setdefault(title.lower(), set()).add(office.key)
        # The people with a tenure in each office: a title's holders on a day are looked for
        # among those of its offices, not among everyone the catalog gives a tenure.
        self.people_in: dict[str, set[str]] = {}
        for person, tenures in catalog.tenures.items():
            for t in tenures:
                self.people_in.setdefault(t.office, set()).add(person)

    def resolve(self, text: str, chosen: list[Candidate], published,
                taken: bytearray | None = None) -> list[Candidate]:
        """The chosen candidates with a Person candidate added for each title alone that names
        someone, in text order."""
        taken = marked(text, chosen) if taken is None else taken
        extra = []
        # People named so far, counted as the titles are met in text order: (end, order, key).
        people = sorted((c.end, i, c.key) for i, c in enumerate(c for c in chosen if c.kind == "Person"))
        named: dict[str, list[int]] = {}  # person -> [mentions ended before the title, order of the first]
        counted = 0
        for m in TITLE_ALONE.finditer(text):
            title = m.group("title")
            start, end = m.start("title"), m.end("title")
            if taken[start] or taken[end - 1] or title.lower() not in self.office_titles:
                continue
            if OF_OR_NAME.match(text[end:end + 4]) or TO_OF_FOR.search(text[max(0, m.start() - 5):m.start()]):
                continue  # "the Secretary of State", "Assistant to the President": part of another title
            while counted < len(people) and people[counted][0] <= start:
                _, order, person = people[counted]
                seen = named.setdefault(person, [0, order])
                seen[0], seen[1] = seen[0] + 1, min(seen[1], order)
                counted += 1
            key = self.title_holder(title.lower(), named, published)
            if key:
                extra.append(Candidate(start, end, key, "Person", "title"))
        mark(taken, extra)
        return sorted(chosen + extra, key=START)

    def title_holder(self, title: str, named: dict[str, list[int]], published) -> str | None:
        """The person named most (then first) among ``named`` (person -> [count, order of the
        first mention]) who held an office of that title on the day, else the catalog's one
        holder then."""
        holders = self.office_holders(title, published)
        ranked = [(named[p][0], -named[p][1], p) for p in holders if p in named]
        if ranked:
            return max(ranked)[2]
        return next(iter(holders)) if len(holders) == 1 else None

    def office_holders(self, title: str, published) -> frozenset[str]:
        """The catalog's people in an office of that title on the day (any day if undated),
        remembered across articles: the catalog does not change while the finder lives."""
        found = self._holders.get((title, published))
        if found is None:
            offices = self.office_titles[title]
            holds = lambda person: any(t.office in offices and (published is None or (
                (t.start is None or t.start <= published) and (t.end is None or published <= t.end)))
                for t in self.cat.tenures.get(person, []))
            if len(self._holders) > 100_000:
                self._holders.clear()  # bounded over a long run of differently dated articles
            people = set().union(*(self.people_in.get(office, ()) for office in offices))
            found = self._holders[(title, published)] = frozenset(p for p in people if holds(p))
        return found
