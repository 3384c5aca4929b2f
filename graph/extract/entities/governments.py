"""Names that stand for a government, or for a place: "the Biden administration" (the country
whose leader is named), "Beijing said" (a capital for its government), "the foreign ministry"
(the ministry of the country the article names most), and "in Singapore" (a city-state named
as a location: the city)."""
from __future__ import annotations

import re

from graph.extract.catalog import Catalog
from graph.extract.entities.candidate import Candidate, mark, marked
from graph.extract.entities.catalog_names import CatalogNames
from graph.extract.text import Skipping, finditer_holding
from graph.model import Entity
from graph.rdf.vocab import slugify

# (a word start written as its first character and (?<!\w.), as in shapes.py)
ADMINISTRATION = re.compile(r"(?P<name>[A-Z](?<!\w.)[a-z]+)(?:-[A-Z][a-z]+)?\s+[Aa]dministration\b")
MINISTRY = Skipping(re.compile(r"\b(?:foreign|commerce|defen[cs]e|finance|state security|public security|trade) ministry\b"),
                    "cdfpst")
MODALS = frozenset("must should would could can cannot will may might shall".split())
# The look-arounds of a capital standing for its government.
AND_NAME = re.compile(r"\s+and\s+([A-Z][a-z]+)")
BETWEEN_BEFORE, AND_CAPITAL = re.compile(r"\bbetween\s+$"), re.compile(r"\s+and\s+[A-Z]")
PAIR_BEFORE = re.compile(r"\b(?:and|between)\s+([A-Z][a-z]+)\s+and\s+$")
NAME_AND_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+and\s+$")
ADDRESSED_BEFORE = re.compile(r"\b(?:that|accused|accuses|accusing|urged|urges|pressed|presses|warned|warns|called on|calls on|"
                              r"criticized|criticizes|condemned|condemns|blamed|blames|sanctioned|told|asked|pushed)\s+$")
NEXT_WORD = re.compile(r"\s*([a-z]+)\b")
PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|to|from|near|outside|inside|into|via|around|across|of)\s+$", re.I)
NEXT_TWO_WORDS = re.compile(r"\s*([\w’']+)(?:\s+([\w’']+))?")


class Governments:
    """Reads the names that may stand for a government; built once from the catalog."""

    def __init__(self, catalog: Catalog, names: CatalogNames):
        self.cat = catalog
        self.names = names
        words = catalog.words
        self.speech = {w.lower() for w in words.get("speech-verbs", ())}
        self.locative = {w.lower() for w in words.get("locative", ())}
        self.city_states = words.get("city-states", frozenset())
        self.demonyms: dict[str, list[str]] = {}
        for name in catalog.names:
            if name.role == "demonym":
                self.demonyms.setdefault(name.key, []).append(name.form)

    def administrations(self, text: str) -> list[Candidate]:
        """"the Biden administration", "the Trump-Vance administration": the government of the
        country whose leader is named."""
        found = []
        for m in administration_phrases(text):
            people = self.cat.family_names.get(m.group("name").lower(), [])
            countries = {self.cat.entities[p].country for p in people if p in self.cat.entities}
            if len(countries) == 1 and None not in countries:
                key = countries.pop()
                found.append(Candidate(m.start(), m.end(), key, "Country", "name"))
        return found

    def resolve_ministries(self, text: str, chosen: list[Candidate], taken: bytearray | None = None) -> list[Candidate]:
        """"the foreign ministry said": the ministry of the country the article names most that
        has one by that name in the catalog ("Chinese foreign ministry")."""
        found = list(ministries(text)) if " ministry" in text else []
        if not found:
            return chosen
        taken = marked(text, chosen) if taken is None else taken
        counts: dict[str, int] = {}
        for c in chosen:
            if c.kind == "Country":
                counts[c.key] = counts.get(c.key, 0) + 1
        extra = []
        for m in found:
            if taken[m.start()] or taken[m.end() - 1]:
                continue
            for country in sorted(counts, key=lambda k: -counts[k]):
                key = next((k for d in self.demonyms.get(country, ()) for k in
                            [self.names.catalog_key(f"{d} {m.group()}", "Organization")] if k), None)
                if key:
                    extra.append(Candidate(m.start(), m.end(), key, "Organization", "title"))
                    break
        mark(taken, extra)
        return sorted(chosen + extra, key=lambda c: c.start) if extra else chosen

    def as_country_if_government(self, c: Candidate, entity: Entity, text: str) -> Entity:
        """"Beijing said", "Washington and Beijing agreed", "accused Beijing of": a capital
        standing for its government."""
        if entity.kind != "Place":
            return entity
        country = self.cat.capitals.get(entity.label.lower())
        if not country:
            return entity
        government = self.cat.entities.get(country, entity)
        after = text[c.end:c.end + 60]
        prev = text[max(0, c.start - 30):c.start]
        pair = AND_NAME.match(after)
        if pair and pair.group(1).lower() in self.cat.capitals:
            after = after[pair.end():]
        if self.speaks(after) or self.acts(prev, after):
            return government
        if BETWEEN_BEFORE.search(prev) and AND_CAPITAL.match(after):
            return government
        if PAIR_BEFORE.search(prev) or (
                NAME_AND_BEFORE.search(prev) and
                NAME_AND_BEFORE.search(prev).group(1).lower() in self.cat.capitals and self.speaks(after)):
            return government
        if ADDRESSED_BEFORE.search(prev):
            return government
        return entity

    def acts(self, prev: str, after: str) -> bool:
        """"Washington must not…", "Beijing will…": a capital that is the subject of a modal,
        unless a preposition puts it on the map."""
        nxt = NEXT_WORD.match(after)
        if not nxt or PREPOSITION_BEFORE.search(prev):
            return False
        return nxt.group(1) in MODALS

    def speaks(self, after: str) -> bool:
        """Whether the words after a name make it the subject of a statement or act."""
        nxt = NEXT_TWO_WORDS.match(after)
        if not nxt:
            return False
        first, second = nxt.group(1).lower(), (nxt.group(2) or "").lower()
        if first in self.speech - {"and", "is", "was", "has", "have", "had", "’s", "'s"}:
            return True
        return first in ("has", "have", "had", "is", "was", "will") and second.endswith("ed")

    def as_place_if_city_state(self, c: Candidate, entity: Entity, text: str) -> Entity:
        """"in Singapore": a city-state named as a location is the city, a Place of that country."""
        if entity.kind != "Country" or text[c.start:c.end] not in self.city_states:
            return entity
        before = text[max(0, c.start - 12):c.start].split()
        if not before or before[-1].lower() not in self.locative:
            return entity
        return Entity(f"place/{slugify(entity.label)}", "Place", entity.label, (), (), entity.key, (),
                      entity.latitude, entity.longitude)


def administration_phrases(text: str):
    """``ADMINISTRATION.finditer(text)``, searching only the stretches of words, spaces and hyphens
    that hold "administration" (its matches are such stretches)."""
    return finditer_holding(ADMINISTRATION, text, "administration", joiners="-")


def ministries(text: str):
    """``MINISTRY.finditer(text)``, searching only the stretches of words and spaces that hold
    " ministry" (its matches are such stretches)."""
    return finditer_holding(MINISTRY, text, " ministry")
