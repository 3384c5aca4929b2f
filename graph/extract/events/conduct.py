"""Accusations without a verb of accusing: a government document whose title or opening names
a country's conduct as wrongful ("protect American workers from China's unfair trade practices",
"in the face of ongoing repression by the PRC", "threats posed by foreign adversaries like the
PRC", "the PRC routinely engages in non-market policies") accuses that country. The accuser
is the one the title names before its verb ("Statement by President Joe Biden on …"), else
the other side than the country accused; the date is the document's (publication).

Only official documents (statements, fact sheets, readouts, orders, notices, remarks) speak in
their own voice this way; a news story's characterisations are someone's it reports, and go
through the sentence rules instead.
"""
from __future__ import annotations

import datetime as dt
import re

from graph.extract.dates import publication
from graph.extract.events.document import adopt, other_side
from graph.extract.events.model import Draft, Hit
from graph.model import Entity, Mention, Sentence

OFFICIAL = re.compile(r"^\s*(?:FACT SHEET|Fact Sheet|Statement|Readout|Remarks|Joint Statement|Executive Order|"
                      r"Memorandum|Notice|Proclamation|Message|Letter|Announcement|Foreign Ministry Spokesperson)\b"
                      r"|\bStatement (?:by|from|on)\b", re.I)
OPENING = 1200
# Between the conduct and the country it is laid on: "posed by foreign adversaries like the …"
BY_COUNTRY = re.compile(r"(?:\s+[\w-]+){0,3}?\s+(?:by|from|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}")


class ConductReader:
    """The misconduct phrases of the lexicon, compiled once."""

    def __init__(self, words: dict):
        phrases = sorted(words.get("misconduct", ()), key=len, reverse=True)
        alts = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
        self.phrase = re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.I) if alts else None
        # "X's [up to four words] conduct"; "X (routinely) engages in … conduct"
        self.owned = re.compile(rf"^(?:\s*\([A-Z]+\))?(?:['’]s?)?\s+(?:\(\w+\)\s+)?(?:[\w,-]+\s+){{0,4}}?(?:{alts})(?![\w-])", re.I) \
            if alts else None
        self.engages = re.compile(rf"^(?:\s*\([A-Z]+\))?\s+(?:\w+ly\s+)?(?:is\s+|are\s+|has\s+been\s+|continues\s+to\s+)?(?:\w+ly\s+)?"
                                  rf"(?:(?:engag\w+\s+in|committ?\w*|conduct\w*|pursu\w+)\s+(?:[\w-]+\s+){{0,3}}?(?:{alts})|"
                                  rf"exploit\w*|abus\w+|coerc\w+|steal\w*|breaks\s+its\s+promises|"
                                  # "the Government of the PRC has failed to take adequate action", "has refused to"
                                  rf"(?:has\s+|have\s+)?(?:\w+ly\s+)?(?:failed|fails|refused|refuses)\s+to)(?![\w-])", re.I) \
            if alts else None
        verbs = sorted(words.get("title-verbs", ()), key=len, reverse=True)
        self.title_verb = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in verbs) + r")\b") if verbs else None

    def accused(self, text: str, start: int, end: int, countries: list[Mention]) -> list[tuple[str, int]]:
        """(country, offset of the phrase) for each country whose conduct the stretch calls wrongful."""
        if self.phrase is None:
            return []
        found = []
        for m in countries:
            if not start <= m.start < end:
                continue
            after = text[m.end:min(end, m.end + 90)]
            if self.owned.match(after) and re.match(r"(?:\s*\([A-Z]+\))?['’]", after) or self.engages.match(after):
                found.append((m.entity, m.start))
        for p in self.phrase.finditer(text, start, end):
            found += [(m.entity, p.start()) for m in countries if p.end() < m.start < p.end() + 70
                      and BY_COUNTRY.fullmatch(text, p.end(), m.start)]
        return found

    def drafts(self, title: str | None, title_found: tuple[list[Mention], dict[str, Entity]], text: str,
               mentions: list[Mention], entities: dict[str, Entity], sentences: list[Sentence],
               published: dt.date | None, catalog: dict[str, Entity]) -> list[Draft]:
        """One accusation per country the official document's title or opening accuses."""
        if not title or not OFFICIAL.search(title) or not sentences or published is None:
            return []
        t_mentions, t_entities = title_found
        t_countries = [m for m in t_mentions if t_entities.get(m.entity) and t_entities[m.entity].kind == "Country"]
        countries = [m for m in mentions if m.start < OPENING and entities.get(m.entity)
                     and entities[m.entity].kind == "Country"]
        targets: dict[str, int] = {}
        for key, _ in self.accused(title, 0, len(title), t_countries):
            targets.setdefault(key, -1)
        for key, at in self.accused(text, 0, min(len(text), OPENING), countries):
            targets.setdefault(key, at)
        out = []
        for key, at in targets.items():
            actor = [known_as(k, t_entities, entities) for k in speaker(title, t_mentions, t_entities, key, self.title_verb)]
            if not adopt([key, *actor], entities, t_entities, catalog) or not actor:
                continue
            s = next((s for s in sentences if s.start <= at < s.end), None) if at >= 0 else None
            s = s or next((s for s in sentences if any(m.entity == key and s.start <= m.start < s.end for m in mentions)),
                          sentences[0])
            d = Draft("Accusation", Hit(s.start, s.start, "", "Accusation", "noun", "Accusation"), s,
                      actor=list(actor), target=[key])
            d.when = publication(published)
            out.append(d)
        return out


def speaker(title: str, t_mentions: list[Mention], t_entities: dict[str, Entity], target: str,
            title_verb: re.Pattern | None) -> list[str]:
    """Who speaks in the document: the person or government its title names before its subject
    ("Statement by President Joe Biden on …", "President Biden Takes Action …"; ``title_verb``: the
    lexicon's title-verbs), else the other side."""
    verb = title_verb.search(title) if title_verb else None
    cut = verb.start() if verb else len(title)
    named = [m.entity for m in t_mentions if m.start < cut and t_entities.get(m.entity)
             and t_entities[m.entity].kind in ("Person", "Country") and m.entity != target]
    return named[:1] or other_side([target])


def known_as(key: str, t_entities: dict[str, Entity], entities: dict[str, Entity]) -> str:
    """A title's person as the text knows them: a title's capitals run a name into the words
    after it ("President Biden Takes Action"), so a person the text names whose family name
    opens the title's is that person."""
    if key in entities or t_entities.get(key) is None or t_entities[key].kind != "Person":
        return key
    words = t_entities[key].label.split()
    for k, e in entities.items():
        if e.kind == "Person" and words and e.label.split()[-1] in words[:2]:
            return k
    return key


def covered(d: Draft, drafts: list[Draft]) -> bool:
    """Whether the text already reports an accusation of the same country."""
    return any(o.kind == "Accusation" and set(o.target) & set(d.target) for o in drafts)
