"""Happenings a report implies: an official who meets the hosts in their own country is on a
visit there ("Xi received Blinken in Beijing", "Sherman held talks in Tianjin with Xie Feng").
The visit is the guest's, to the meeting's place, on the meeting's days; it merges with the
text's own report of the visit when there is one. Only news stories told from where they
happened (a dateline) are read so: an official readout says so when its principal travelled."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from graph.extract.events.model import Draft
from graph.model import Entity


RECENT_DAYS = 14  # the article's own news: a meeting of the fortnight before publication


def visits_of_guests(drafts: list[Draft], entities: dict[str, Entity], published: dt.date | None) -> list[Draft]:
    """A visit for a guest who meets the hosts in a place of their country, when the text tells of
    no visit by that guest itself: one per guest (the first such meeting), none for a planned
    meeting (a plan to meet reports no journey made), nor for one told as background (only
    meetings of the fortnight before publication, or not yet dated: "since they met at Woodside"
    is no news of a trip)."""
    out = []
    travelled = {k for d in drafts if d.kind == "Visit" for k in d.actor}
    for d in drafts:
        if d.kind != "Meeting" or d.planned or not d.place or d.place not in entities or published is None \
                or d.hit.fine == "VirtualMeeting":  # a meeting by video: no one travels
            continue
        if d.when is not None and not (published - dt.timedelta(days=RECENT_DAYS) <= d.when.start <= published):
            continue
        place = entities[d.place]
        host_country = place.key if place.kind == "Country" else place.country
        if not host_country:
            continue
        country_of = {k: (entities[k].country if entities[k].kind == "Person" else k if entities[k].kind == "Country" else None)
                      for k in d.parties if k in entities}
        guests = [k for k, c in country_of.items() if c and c != host_country and entities[k].kind == "Person"]
        hosts = [k for k, c in country_of.items() if c == host_country]
        if len(guests) != 1 or not hosts or guests[0] in travelled:
            continue
        travelled.add(guests[0])
        visit = Draft("Visit", replace(d.hit, event_class="Visit", fine="Visit"), d.sentence, actor=guests,
                      target=[host_country], place=d.place, when=d.when, planned=d.planned)
        out.append(visit)
    return out


MEASURES = ("Sanction", "Cancellation")


def acting_for(d: Draft, entities: dict[str, Entity]) -> tuple[str, ...]:
    """The governments a measure's actors act for, when the text names them too: the Commerce
    Department's listing or the President's tariff is their country's measure ("the United States
    added …" and "the Commerce Department added …" tell of one act). They take part in it."""
    if d.kind not in MEASURES:
        return ()
    own = [entities[k].country for k in d.actor if k in entities and entities[k].kind in ("Organization", "Person")]
    return tuple(k for k in dict.fromkeys(own) if k and k in entities and k not in d.actor and k not in d.target)


TWO_SIDES = ("country/USA", "country/CHN")


def aimed_at_other_side(drafts: list[Draft], entities: dict[str, Entity], mentions=(), capitals=None) -> None:
    """A measure one of the two sides takes that names no one it is aimed at ("Beijing announced export
    controls on rare earths", "the President imposed tariffs on steel") is aimed at the other side,
    when the text names it: the relation the articles tell of is theirs. Not when the sentence names a
    place of the actor's own ("imposing its law on Hong Kong"): a measure at home (its capital standing
    for its government is no such place: ``capitals`` maps capitals' lower-case labels to their countries)."""
    capitals = capitals or {}
    for d in drafts:
        if d.kind != "Sanction" or d.target or d.passive or not d.actor or d.planned:
            continue
        sides_ = {k if k in TWO_SIDES else entities[k].country for k in d.actor if k in entities}
        if len(sides_) != 1 or not sides_ <= set(TWO_SIDES):
            continue
        if any(d.sentence.start <= m.start < d.sentence.end and entities.get(m.entity) and entities[m.entity].kind == "Place"
               and entities[m.entity].country in sides_ and entities[m.entity].label.lower() not in capitals for m in mentions):
            continue
        other = next(k for k in TWO_SIDES if k not in sides_)
        if other in entities:
            d.target = [other]
