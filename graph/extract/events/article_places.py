"""Places from around a sentence: a news story's dateline, a transcript's venue line, and the
meeting just before by the same actor; given to meetings and visits that name none."""
from __future__ import annotations

import datetime as dt
import re

from graph.extract.events.model import Draft
from graph.model import Entity, Mention


# A dateline: a place in capitals or in title case ("BEIJING", "Hong Kong"), perhaps a region or a
# day after a comma ("ANCHORAGE, Alaska", "Beijing, May 3"), perhaps the agency, then a dash:
# "BEIJING (Reuters) - ", "Beijing — ". A place that opens a sentence as its subject ("Beijing
# summoned the ambassador") has no dash after it: it is no dateline.
DATELINE = re.compile(r"\s*(?:[A-Z][A-Z’'.\-]+(?:\s+[A-Z][A-Z’'.\-]+){0,2}|[A-Z][a-z’'.\-]+(?:\s+[A-Z][a-z’'.\-]+){0,2})"
                      r"(?:,\s*[A-Z][\w.’' ]{0,30}?)?\s*(?:\([^()\n]{1,30}\)\s*)?(?:—|–|-{1,2})\s")


def opens_dateline(text: str) -> bool:
    """Whether the text opens with a dateline ("BEIJING (Reuters) - ", "Beijing, May 3 — ")."""
    return DATELINE.match(text) is not None


class ArticlePlaces:
    """Gives drafts that name no place the one their article gives."""

    def heading_place(self, text: str, entities: dict[str, Entity]) -> str | None:
        """The place a transcript's venue line names ("Mulia Hotel Bali, Indonesia")."""
        line = text[:text.find("\n")] if "\n" in text else ""
        if not line or len(line) > 80 or re.search(r"[.!?:]\s*$", line.strip()):
            return None
        found = [m for m in self._sorted if m.end <= len(line) and entities.get(m.entity)
                 and entities[m.entity].kind in ("Place", "Country")]
        places = [m for m in found if entities[m.entity].kind == "Place"]
        return (places or found)[0].entity if found else None

    def place_at_dateline(self, drafts: list[Draft], where: str | None, text: str,
                          published: dt.date | None, entities: dict[str, Entity]) -> None:
        """A news story's dateline ("BEIJING — …") is where its meetings and visits of the last
        days happened when their own sentence names no place: those dated in the last ten days,
        those of the lead paragraph, and those held "here" or "in this city". ``where`` is the
        dateline's place (``dateline``)."""
        if where is None or published is None:
            return
        lead_end = text.find("\n", 1)
        for d in drafts:
            if d.kind not in ("Meeting", "Visit") or d.place or d.planned or d.hit.fine == "VirtualMeeting":
                continue  # a meeting by video is held in no one place
            here = re.search(r"\b(?:here|in this (?:[a-z]+ )?(?:city|capital|town))\b", text[d.hit.start:d.sentence.end])
            recent = d.when is not None and published - dt.timedelta(days=10) <= d.when.start <= d.when.end <= published
            in_lead = d.when is None and 0 <= d.sentence.start and (lead_end < 0 or d.sentence.end <= lead_end)
            if not (here or recent or in_lead):
                continue
            if where in d.parties or d.kind == "Meeting" and d.hit.word_class == "noun" and len(d.parties) < 2:
                continue
            d.place = where
            if d.kind == "Visit":
                self.complete(d, entities)  # the visit's target: the dateline's country


def place_from_visit(drafts: list[Draft]) -> None:
    """"Wang Yi visited Washington and met Biden", "Raimondo, who landed in Beijing on Sunday, met
    Wang Wentao": a meeting that names no place was held where the same person's visit, told
    earlier in the same sentence, took them."""
    for d in drafts:
        if d.kind != "Meeting" or d.place or d.hit.fine == "VirtualMeeting":
            continue
        visit = next((v for v in drafts if v.kind == "Visit" and v.place and v.sentence == d.sentence
                      and v.hit.start < d.hit.start and set(v.actor) & set(d.actor) and v.planned == d.planned), None)
        if visit is not None and visit.place not in d.parties:
            d.place = visit.place


def place_from_before(drafts: list[Draft]) -> None:
    """"On Sunday in Beijing, Yellen met Li Qiang. She also met Lan Fo'an.": a meeting that names no
    place was held where the one before it, by the same actor in the sentence before, was."""
    for prev, d in zip(drafts, drafts[1:]):
        if d.kind == "Meeting" and not d.place and prev.kind == "Meeting" and prev.place and set(d.actor) & set(prev.actor) \
                and (d.sentence == prev.sentence or 0 <= d.sentence.start - prev.sentence.end <= 2) and not d.planned \
                and (d.when is None or prev.when is not None and d.when.start <= prev.when.end and prev.when.start <= d.when.end):
            d.place = prev.place


def dateline(text: str, mention_starts: dict[int, Mention], entities: dict[str, Entity]) -> str | None:
    """The place of a dateline opening the text ("ANCHORAGE, Alaska — "), if it names one."""
    m = DATELINE.match(text)
    found = mention_starts.get(0) if m else None
    if found and found.end <= m.end() and entities.get(found.entity) and entities[found.entity].kind in ("Place", "Country"):
        return found.entity
    return None
