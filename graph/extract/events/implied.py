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
