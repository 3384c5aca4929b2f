"""Short names: a family name alone ("Blinken", "Director Yang") or a given name after a title
("Ambassador Jamieson") names a person the article has named in full, or the one person by
that family name the catalog has in office then."""
from __future__ import annotations

import datetime as dt

from graph.extract.catalog import Catalog
from graph.extract.entities.candidate import Candidate, mark, marked
from graph.extract.entities.shapes import WORD_START_CAP_RE, sentence_initial
from graph.model import Entity


class ShortNames:
    """Resolves the short names of an article; built once from the catalog."""

    def __init__(self, catalog: Catalog):
        self.cat = catalog
        words = catalog.words
        self.honorific_set = {w.lower() for w in words.get("honorifics", ())}
        self.family_cn = words.get("chinese-family-names", frozenset())

    def resolve(self, text: str, chosen: list[Candidate], published,
                taken: bytearray | None = None) -> list[Candidate]:
        """Family names ("Blinken", "Director Yang") and given names after a title
        ("Ambassador Jamieson") resolve to people named in the article or in office then."""
        persons = [c for c in chosen if c.kind == "Person"]
        local_family: dict[str, str] = {}
        local_given: dict[str, str] = {}
        for c in persons:
            entity = c.entity or self.cat.entities[c.key]
            parts = entity.label.split()
            if len(parts) >= 2:
                family = parts[0] if parts[0] in self.family_cn and len(parts) == 2 else parts[-1].rstrip(".,")
                if family in ("Jr", "Jr.", "Sr.", "II", "III"):
                    family = parts[-2].rstrip(",")
                local_family.setdefault(family.lower(), c.key)
                local_given.setdefault(parts[0].lower(), c.key)
        taken = marked(text, chosen) if taken is None else taken
        extra = []
        found_entity: dict[str, Entity] = {}  # the first pattern-found entity of each person
        for c in persons:
            if c.entity:
                found_entity.setdefault(c.key, c.entity)
        family_names = self.cat.family_names
        opening: list[tuple[int, int, str]] = []  # catalog family names opening a sentence, decided below
        for m in WORD_START_CAP_RE.finditer(text):
            word = m.group()
            low = word.lower()
            if low not in local_family and low not in local_given and low not in family_names:
                continue  # short_name_key has no one for it (most capitalised words)
            start, end = m.span()
            if taken[start] or taken[end - 1]:
                continue
            key = self.short_name_key(word, text, start, local_family, local_given, published)
            if key:
                entity = found_entity.get(key)
                extra.append(Candidate(start, end, key, "Person", "short", entity))
            elif low in family_names:
                opening.append((start, end, low))
        # "Blinken said on Monday …": a family name opening a sentence names the person it names
        # where the article uses it mid-sentence ("…, Blinken told reporters")
        named_by = {text[c.start:c.end].lower(): c.key for c in extra}
        for start, end, low in opening:
            key = named_by.get(low)
            if key and sentence_initial(text, start) and low not in self.cat.given_names:
                extra.append(Candidate(start, end, key, "Person", "short", found_entity.get(key)))
        mark(taken, extra)
        return sorted(chosen + extra, key=lambda c: c.start)

    def short_name_key(self, word: str, text: str, start: int, local_family: dict, local_given: dict, published) -> str | None:
        """The person a short name at ``start`` names: the article's by that family name, the
        article's by that given name after a title, else the catalog's one holder of an office
        by that family name (after a title, or not opening a sentence and not a given name)."""
        low = word.lower()
        if low in local_family:
            return local_family[low]
        # Whether a title stands before is looked at only for the few words it can decide
        # (most capitalised words name nobody): the same answer at a fraction of the cost.
        if low in local_given and self.preceded_by_title(text, start):
            return local_given[low]
        holders = [k for k in self.cat.family_names.get(low, []) if self.in_office(k, published)]
        if len(holders) == 1 and (self.preceded_by_title(text, start) or (
                len(word) > 2 and not sentence_initial(text, start) and low not in self.cat.given_names)):
            return holders[0]
        return None

    def preceded_by_title(self, text: str, start: int) -> bool:
        """True after a title ("Director Yang", "Secretary Blinken", "Presidents Biden and Xi")."""
        words = text[max(0, start - 60):start].split()

        def titled(ws: list[str]) -> bool:
            joined = " ".join(ws).lower().strip(",")
            return joined in self.honorific_set or joined.rstrip("s") in self.honorific_set

        if any(len(words) >= n and titled(words[-n:]) for n in (1, 2, 3)):
            return True
        if len(words) >= 3 and words[-1] == "and" and words[-2][:1].isupper():
            return any(len(words) >= n + 2 and titled(words[-n - 2:-2]) for n in (1, 2, 3))
        return False

    def in_office(self, person: str, on: dt.date | None) -> bool:
        """Whether the person held a catalog office around the day (a year before its start to
        three after its end), or is not known to hold one, or the day is unknown."""
        tenures = self.cat.tenures.get(person) or []
        if on is None or not tenures:
            return True
        return any((t.start is None or t.start <= on + dt.timedelta(days=365)) and (t.end is None or on <= t.end + dt.timedelta(days=365 * 3))
                   for t in tenures)
