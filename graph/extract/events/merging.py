"""Merging: one draft per happening within an article, and one report naming several
happenings split into one draft each ("visits by X and Y", "meetings in London and Stockholm")."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from graph.extract.dates import TimeMention
from graph.extract.events.timing import BACKGROUND_PHRASE
from graph.extract.events.model import Agent, Draft
from graph.model import Entity, When

# Verbs of sitting at one table: "sat down with A and B", "held talks with A and B" is one meeting of all three.
JOINT_SITTING = re.compile(r"(?:sat|sit|sits|sitting)\s+down|(?:held|hold|holds|holding)\s+talks", re.I)


def joint_sitting(d: Draft, text: str, agents: list[Agent]) -> bool:
    """"sat down with A and B", "held talks with A and B": one meeting of all three, when the
    counterparts are listed together (not "with A in the morning and with B in the afternoon")."""
    if not JOINT_SITTING.match(d.hit.text):
        return False
    found = [next((a for a in agents if a.key == k and a.start >= d.hit.end), None) for k in d.target]
    if any(a is None for a in found):
        return False
    found.sort(key=lambda a: a.start)
    return all(not SEPARATE.search(text, a.end, b.start) for a, b in zip(found, found[1:]))


SEPARATE = re.compile(r"\b(?:with|in|on|at|later|then|before|after|separately|also)\b|\d")


def split(d: Draft, text: str, agents: list[Agent], entities: dict[str, Entity],
          entity_at: Callable[[int, dict], str | None], times: list[TimeMention]) -> list[Draft]:
    """"upcoming visits by X and Y" are one visit each; "meetings in London … and in Stockholm …" one per leg."""
    if d.kind == "Visit" and d.hit.text.lower().endswith("visits") and d.hit.word_class == "noun":
        after = [a for a in agents if d.hit.end <= a.start and a.kind == "Person"][:4]
        joint = re.match(r"\s+by\s+[^.;]*?\bto\s", text[d.hit.end:d.sentence.end])  # "visits by X and Y to Tokyo": one trip
        if re.match(r"\s+by\s", text[d.hit.end:d.hit.end + 5]) and len(after) > 1 and not joint:
            return [replace(d, actor=[a.key], target=[]) for a in after]
    if d.kind == "Visit" and not d.actor:
        return []
    if d.mutual and len(d.actor) == 2:  # "X and Y traded blame": one accusation each way
        a, b = d.actor
        return [replace(d, actor=[a], target=[b], mutual=False), replace(d, actor=[b], target=[a], mutual=False)]
    if d.kind in ("Meeting", "PhoneCall") and (d.hit.word_class == "verb" or d.hit.text.lower().endswith("s")) \
            and len(d.actor) == 1 and len(d.target) > 1 and not joint_sitting(d, text, agents) \
            and all(entities[k].kind == "Person" for k in d.target if k in entities):
        return [replace(d, target=[k]) for k in d.target]  # "Kerry met Li Qiang and Wang Yi": one meeting each
    if d.kind in ("Meeting", "Visit") and (d.hit.word_class == "noun" and d.hit.text.lower().endswith("s")
                                           or d.hit.word_class == "verb" and TIMES.match(text, d.hit.end)):
        legs = legs_of(text, d, entities, entity_at, times)
        if len(legs) > 1:
            return [replace(d, place=p, when=w) for p, w in legs]
    return [d]

# After a verb, how often: "has met Xi twice, in Bali in 2022 and in Woodside in 2023".
TIMES = re.compile(r"\s+(?:[\w.’'-]+\s+){0,4}?(?:twice|three\s+times|four\s+times|several\s+times|\d+\s+times)\b")


def legs_of(text: str, d: Draft, entities: dict[str, Entity], entity_at: Callable[[int, dict], str | None],
            times: list[TimeMention]) -> list[tuple[str, When]]:
    """"meetings in London on June 9 and 10, and in Stockholm on July 28", "meetings in Vienna in
    May 2023, Malta in September 2023 and Bangkok in January 2024": one per place and time."""
    legs = []
    # the legs are the trigger's own: none past a phrase telling of another happening ("talks,
    # building on the engagements in Bali in November 2022")
    background = BACKGROUND_PHRASE.search(text, d.hit.end, d.sentence.end)
    end = background.start() if background else d.sentence.end
    last = None
    for m in re.finditer(r"(?:\bin\s+|,\s+(?:and\s+)?(?:in\s+)?|\band\s+(?:in\s+)?)(?:the\s+)?", text[d.hit.end:end]):
        pos = d.hit.end + m.end()
        key = entity_at(pos, entities)
        if not key or entities[key].kind not in ("Place", "Country") or key in d.parties:
            continue  # ("talks between U.S. and Chinese officials": a party, not a place)
        if last is not None and entities[key].kind == "Country" and entities[last].country == key:
            continue  # "in Bali, Indonesia": the place's own country, the same leg
        last = key
        t = next((t for t in times if pos < t.start < pos + 60), None)
        if t:
            legs.append((key, t.when))
    return legs


def merge(drafts: list[Draft], entities: dict[str, Entity] | None = None) -> list[Draft]:
    """One draft per happening: same class and parties, and dates that agree (or one missing)."""
    out: list[Draft] = []
    of_kind: dict[str, list[Draft]] = {}  # the happenings so far by class: only those can match
    for d in drafts:
        same = next((o for o in of_kind.get(d.kind, ()) if same_happening(o, d, entities)), None)
        if same is None and d.kind in VIDEO_CALL:  # "held a video call …; Monday's call": one virtual meeting
            other = VIDEO_CALL[d.kind]
            same = next((o for o in of_kind.get(other, ()) if (is_virtual(o) or is_virtual(d)) and o.when and d.when
                         and same_happening(o, replace(d, kind=other), entities)), None)  # both dated: an undated call may be another
            if same is not None and is_virtual(d) and not is_virtual(same):
                of_kind[same.kind].remove(same)
                same.kind, same.hit = d.kind, replace(same.hit, event_class=d.kind, fine=d.hit.fine)
                of_kind.setdefault(d.kind, []).append(same)
        if same is None:
            out.append(d)
            of_kind.setdefault(d.kind, []).append(d)
            continue
        if same.when is None or (d.when and same.when.basis in ("publication", "context") and d.when.basis not in ("publication", "context")):
            same.when = d.when
        if country_level(same, entities) and not country_level(d, entities):
            same.actor, same.target, same.hit, same.sentence = list(d.actor), list(d.target), d.hit, d.sentence
        if same.place and d.place and within(same.place, d.place, entities) and entities[d.place].kind == "Place":
            same.place = d.place  # the city rather than its country
        same.place = same.place or d.place
        same.disputes = sorted(set(same.disputes) | set(d.disputes))
        same.actor = same.actor or d.actor
        same.target = same.target + [k for k in d.target if k not in same.target and k not in same.actor]
        same.planned = same.planned and d.planned
        if same.hit.fine == same.kind and d.hit.fine != d.kind:
            same.hit = replace(same.hit, fine=d.hit.fine)  # "the summit" after "met": a Summit
    return out


VIDEO_CALL = {"Meeting": "PhoneCall", "PhoneCall": "Meeting"}


def is_virtual(d: Draft) -> bool:
    """A meeting held by video ("a video call", "their virtual summit"): the calls that report it are it."""
    return d.kind == "Meeting" and d.hit.fine == "VirtualMeeting"


def same_happening(a: Draft, b: Draft, entities: dict[str, Entity] | None = None) -> bool:
    """Same class, one's parties within the other's, same place if both say, and dates that overlap."""
    if a.kind != b.kind:
        return False
    if not (b.parties <= a.parties or a.parties <= b.parties):
        return False
    if a.kind in ("Accusation", "Sanction", "Cancellation") and (set(a.actor) & set(b.target) or set(b.actor) & set(a.target)):
        return False  # "X accused Y; Y blamed X": two accusations, one each way (even when one names no target)
    if a.place and b.place and a.place != b.place and not within(a.place, b.place, entities):
        return False
    if a.kind == "Cancellation" and a.sentence == b.sentence and a.text and b.text and a.text != b.text:
        return False  # "cancelled the commanders' talks and suspended the climate talks": two things called off
    if a.when and b.when:
        return a.when.start <= b.when.end and b.when.start <= a.when.end and \
            not (a.when.basis == "explicit" and b.when.basis == "explicit" and a.when != b.when and a.when.precision == b.when.precision)
    return True


def country_level(d: Draft, entities: dict[str, Entity] | None) -> bool:
    """Whether every party of the draft is a country ("talks between American and Chinese officials")."""
    return bool(entities) and bool(d.parties) and all(entities.get(k) and entities[k].kind == "Country" for k in d.parties)


def same_sides(a: Draft, b: Draft, entities: dict[str, Entity] | None) -> bool:
    """A meeting of two countries and one of their officials, reported side by side, is one meeting."""
    if not entities or a.kind not in ("Meeting", "PhoneCall") or country_level(a, entities) == country_level(b, entities):
        return False
    countries, people = (a, b) if country_level(a, entities) else (b, a)
    theirs = {entities[k].country or k for k in people.parties if k in entities}
    return countries.parties == theirs


def within(a: str, b: str, entities: dict[str, Entity] | None) -> bool:
    """Whether one place lies in the other, a country ("Shanghai" and "China")."""
    if not entities or a not in entities or b not in entities:
        return False
    return entities[a].country == b or entities[b].country == a



def merge_country_level(drafts: list[Draft], entities: dict[str, Entity]) -> list[Draft]:
    """Once dated: a meeting reported between two countries ("talks between American and Chinese
    officials ended on Friday") and one between their officials on the same days are one meeting,
    told by the officials' report."""
    people = [d for d in drafts if not country_level(d, entities)]
    kept = {id(d) for d in people}
    out = []
    for d in drafts:
        same = None if id(d) in kept else next((o for o in people if o.kind == d.kind and same_sides(o, d, entities)
                                              and o.when and d.when and o.when.start <= d.when.end
                                              and d.when.start <= o.when.end), None)
        if same is None:
            out.append(d)
        else:
            same.place = same.place or d.place
    return out
