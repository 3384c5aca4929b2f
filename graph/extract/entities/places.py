"""Places: those the gazetteer lacks, found by their last word ("Yanqi Lake", "the Rose Garden")
or their first words ("the Sea of Japan"); and the gazetteer's towns that are likely other
words or names where they stand ("in March", "Reading")."""
from __future__ import annotations

import re

from graph.extract.catalog import Catalog
from graph.extract.entities.candidate import Candidate
from graph.extract.entities.catalog_names import CatalogNames
from graph.extract.entities.shapes import CALENDAR_WORD, CAP, LEADING_WORDS, STOP_CAPS, WORD_START_CAP, sentence_initial
from graph.extract.spans import Overlaps
from graph.extract.text import Skipping
from graph.extract.word_patterns import alternatives, first_chars
from graph.model import Entity
from graph.rdf.vocab import slugify

# What the place pattern reads before its head word: WORD_START_CAP's and CAP's letters,
# apostrophes and hyphens, and spaces.
PLACE_CHARS = "A-Za-zà-öø-ÿ'’\\-\\s"
CAPITAL = re.compile("[A-Z]")  # where WORD_START_CAP starts
COMMA_CAPITAL = re.compile(r",\s+[A-Z]")


class PlaceNames:
    """Finds places by the shape of their names and judges the gazetteer's towns; built once
    from the catalog's head words."""

    def __init__(self, catalog: Catalog, names: CatalogNames):
        self.cat = catalog
        self.names = names
        words = catalog.words
        self.locative = {w.lower() for w in words.get("locative", ())}
        self.place_heads = words.get("place-heads", frozenset())
        heads = alternatives(sorted(self.place_heads, key=len, reverse=True))
        self.place_re = re.compile(rf"{WORD_START_CAP}\s+(?:{CAP}\s+){{0,2}}(?:{heads})\b") if heads else None
        heads_of = alternatives(sorted(words.get("place-of-heads", ()), key=len, reverse=True))
        self.place_of_re = Skipping(re.compile(rf"\b(?:{heads_of})\s+of\s+(?:the\s+)?{CAP}(?:\s+{CAP})?\b"),
                                    first_chars(words.get("place-of-heads", ()))[1:-1]) if heads_of else None

    def place_matches(self, text: str):
        """``place_re.finditer(text)``, the pattern tried only at the capitals of the stretches
        of letters, apostrophes, hyphens and spaces that lead to a place head ("… Lake", see
        ``CatalogNames.before_heads``): the same matches, in the same order."""
        found = self.names.before_heads(text, "place", self.place_re, CAPITAL, PLACE_CHARS)
        yield from self.place_re.finditer(text) if found is None else found

    def candidates(self, text: str, catalog: list[Candidate]) -> list[Candidate]:
        """Places the gazetteer lacks, by their last word: "Yanqi Lake", "the Rose Garden"; then
        by their first: "the Sea of Japan". None inside a catalog name."""
        if self.place_re is None:
            return []
        found = []
        catalog_at = Overlaps(catalog)
        for m in self.place_matches(text):
            words = m.group().split()
            while words and (words[0] in LEADING_WORDS or words[0] in STOP_CAPS):
                words = words[1:]
            if len(words) < 2:
                continue
            start = m.end() - len(" ".join(words))
            prior = re.search(r"([A-Z][\w.’'-]*)\s+$", text[max(0, start - 30):start])
            if prior and prior.group(1) not in LEADING_WORDS and prior.group(1) not in STOP_CAPS:
                continue  # the end of a longer name ("… Hong Kong Special Administrative Region")
            if inside_one_of(catalog_at, start, m.end()):
                continue  # the catalog knows it ("South China Sea")
            found.append(self.pattern_place(start, m.end(), " ".join(words)))
        for m in self.place_of_re.finditer(text) if self.place_of_re is not None else ():
            # "the Sea of Japan", "the Gulf of Tonkin": one place, not the country it is named after
            if inside_one_of(catalog_at, m.start(), m.end()):
                continue
            found.append(self.pattern_place(m.start(), m.end(), m.group()))
        return found

    def pattern_place(self, start: int, end: int, label: str) -> Candidate:
        """A place the pattern found: the catalog's place of that name, else a new one."""
        key = self.names.catalog_key(label, "Place") or f"place/{slugify(label)}"
        entity = None if key in self.cat.entities else Entity(key, "Place", label)
        return Candidate(start, end, key, "Place", "pattern", entity)

    def keep(self, c: Candidate, text: str) -> bool:
        """Drop gazetteer cities that are likely ordinary words or names in this context."""
        if c.kind != "Place" or c.role != "name" or c.key not in self.cat.population:
            return True
        if CALENDAR_WORD.fullmatch(text[c.start:c.end]):
            return False  # "in March" is the month, not the English town
        label = self.cat.entities[c.key].label.lower()
        if label in self.cat.capitals or self.cat.population[c.key] >= 1_000_000:
            return True
        before = text[max(0, c.start - 12):c.start].split()
        after = text[c.end:c.end + 30]
        if before and before[-1].lower().strip(",") in self.locative and not sentence_initial(text, c.start):
            return True
        return bool(COMMA_CAPITAL.match(after)) and not sentence_initial(text, c.start)


def inside_one_of(candidates: Overlaps, start: int, end: int) -> bool:
    """Whether one of the candidates holds text[start:end]."""
    return any(c.start <= start and end <= c.end for c in candidates.overlapping(start, end))
