"""Meetings, calls and visits read from their setting: a host welcoming a guest to a place, the
"you" and "me" of a transcript of two principals' remarks, and the earlier visit a "first … to
visit … since X" names."""
from __future__ import annotations

import bisect
import re

from graph.extract.events.model import Draft
from graph.extract.events.roles import is_title_run


# "the first … to visit", "the first … to travel to": a visit measured against the one before it.
FIRST_TO = re.compile(r"\b(?:first|only|last|latest|most\s+senior|highest[-\s]ranking)\b[^;!?]{0,80}?\bto\s+$")
SINCE = re.compile(r"\s+since\s+(?:the\s+)?")
NAME_ENDS = re.compile(r"(?:\s+(?:in|during)\s+(?:\w+\s+)?\d{4})?\s*(?:[,.;)]|$)")
# A transcript heading: "PRESIDENT BIDEN: …" at the start of a paragraph.
HEADING = re.compile(r"(?m)^(?P<name>[A-Z][A-Z.’' -]{2,40}):\s")


class MeetingReader:
    """Reads the parties of meetings, calls and visits from their setting."""

    def between_you_and_me(self, text, s, hit, draft, clause_start, clause_end) -> None:
        """In a transcript of two principals' remarks, "you" is the one the speaker addresses:
        "It was good of you to phone me", "thanks for your call after my election". The call is
        between the speaker (the last "PRESIDENT BIDEN:" heading) and the other principal, made by
        whoever the words before the trigger name."""
        if len(self._principals) != 2 or not re.search(r"\b(?:you|your)\b", text[clause_start:clause_end], re.I):
            return
        if self._headings is None:  # found once per text, not per sentence
            self._headings = [(m.start(), m.group("name")) for m in HEADING.finditer(text)]
        headings = self._headings
        i = bisect.bisect_left(headings, (s.start, "")) - 1
        if i < 0:
            return
        word = headings[i][1].split()[-1].lower()
        speaker = next((k for k in self._principals if self._entities[k].label.split()[-1].lower() == word), None)
        if speaker is None:
            return
        other = next(k for k in self._principals if k != speaker)
        if re.search(r"\b(?:you|your)\b", text[clause_start:hit.start], re.I):
            draft.actor, draft.target = [other], [speaker]
        else:
            draft.actor, draft.target = [speaker], [other]

    def welcome(self, text, s, hit, agents, clause_end) -> tuple[str, str | None] | None:
        """"Xi welcomed Secretary Blinken to Beijing": (the guest, the place) when a person is welcomed
        to a place or "to the Great Hall" (a welcome of news or of a decision is no meeting)."""
        if hit.event_class != "Statement" or not hit.text.lower().startswith("welcom"):
            return None
        guest = next((a for a in agents if hit.end <= a.start < clause_end), None)
        if guest is None or guest.kind != "Person" or guest.modifier or not is_title_run(text[hit.end:guest.start]):
            return None
        to = re.match(r"\s+(?:back\s+)?to\s+(?:the\s+)?", text[guest.end:guest.end + 14])
        if to is None:
            return None
        where = self.entity_at(guest.end + to.end(), self._entities)
        if where is None or self._entities[where].kind not in ("Place", "Country"):
            return None
        return guest.key, where

    def predecessor(self, text, s, hit, draft, agents, s_times, published, entities) -> list[Draft]:
        """"X is the first national security adviser to visit China since Susan Rice in 2016": the
        one named after "since" made that visit then (dated by the time right after the name, which
        is not X's visit's time)."""
        if not draft.place or not FIRST_TO.search(text, max(s.start, hit.start - 90), hit.start):
            return []
        since = SINCE.search(text, hit.end, min(s.end, hit.end + 60))
        who = next((a for a in agents if since and since.end() <= a.start <= since.end() + 25 and a.kind == "Person"
                    and not a.modifier and is_title_run(text[since.end():a.start])
                    and NAME_ENDS.match(text, a.end)), None)  # not "since Biden took office"
        if who is None or who.key in draft.actor:
            return []
        when = next((t for t in s_times if who.end <= t.start <= who.end + 6), None)
        if when is not None and draft.when == when.when:
            draft.when = None  # the year after the name is the earlier visit's
        earlier = Draft("Visit", hit, s, actor=[who.key], place=draft.place)
        earlier.when = when.when if when else None
        return [earlier] if self.complete(earlier, entities) else []
