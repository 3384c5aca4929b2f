"""Meetings, calls and visits read from their setting: a host welcoming a guest to a place, the
"you" and "me" of a transcript of two principals' remarks, and the earlier visit a "first … to
visit … since X" names."""
from __future__ import annotations

import bisect
import re
from dataclasses import replace

from graph.extract.events.model import Draft
from graph.extract.events.roles import is_title_run, sides


# "the first … to visit", "the first … to travel to": a visit measured against the one before it.
FIRST_TO = re.compile(r"\b(?:first|only|last|latest|most\s+senior|highest[-\s]ranking)\b[^;!?]{0,80}?\bto\s+$")
SINCE = re.compile(r"\s+since\s+(?:the\s+)?")
NAME_ENDS = re.compile(r"(?:\s+(?:in|during)\s+(?:\w+\s+)?\d{4})?\s*(?:[,.;)]|$)")
# A call or meeting named as the setting of what a clause tells: "In a phone call on Friday, X told Y …",
# "During their talks in Geneva, X and Y agreed …", "X raised fentanyl with Y in a call on Friday": an
# opening phrase (before the main clause's comma) or a closing one (after its verb).
SETTING_DETERMINER = (r"(?:a|an|the|their|his|her|its|this|that|[A-Z][\w.-]*(?:’s|'s))\s+"
                      r"(?:(?!(?:before|after|ahead|since|of|following|prior|until|the|a|an|their|his|her|its)\b)[\w’'-]+\s+){0,3}$")
# (not "In the days before the meeting, …": a time measured from the meeting, not its setting)
OPENING_SETTING = re.compile(r"\W*(?:(?:But|And|Later|Earlier|Then)\s*,?\s+)?(?:(?:In|During|At|Over|Throughout|On)\s+"
                             r"(?:the\s+course\s+of\s+)?|(?:Since|After|Following)\s+(?=their\s))"
                             + SETTING_DETERMINER)
# (after "Since", "After", "Following" only "their": "After the meeting, X told reporters" names no party of it)
CLOSING_SETTING = re.compile(r"\s(?:in|during|at|over|throughout)\s+(?:the\s+course\s+of\s+)?" + SETTING_DETERMINER)
# Between the subject and the one it addresses: a verb (and what it names) that is no preposition's object
# ("told Foreign Minister", "pressed", "raised fentanyl with President"); not "about China", "on Taiwan".
ADDRESSED = re.compile(r"(?:(?!\b(?:that|about|of|over|on|to|for|against|from|in|at|by|said|says|and)\b)[^,;:“”\"])*")
# The people of two sides named together: "officials from A and B", "delegations of A and B", "brought
# together A and B".
DELEGATES = re.compile(r"\b(?:(?:officials|delegations|delegates|representatives|negotiators|teams|experts|diplomats|envoys|"
                       r"officers|commanders|ministers|counterparts|leaders|heads|chiefs)\s+(?:from|of)|brought\s+together|bringing\s+together|"
                       r"brings\s+together)\s+(?:the\s+)?", re.I)
# The verb of a meeting told of in nominal form, and where it was held: "(The first session …, with …,)
# took place in Geneva", "were held in Honolulu", "opened on Monday in Vienna".
HELD_AT = re.compile(r"\b(?:took\s+place|takes\s+place|will\s+take\s+place|(?:was|were|will\s+be|is\s+being|are\s+being)\s+held|"
                     r"convened|opened|began|concluded|ended|wrapped\s+up)\s+(?:(?:on|last|this)\s+\w+(?:\s+\d{1,2})?\s+)?"
                     r"(?:in|at)\s+(?:the\s+)?")
# What every such phrase holds, found fast before the whole pattern is tried.
DELEGATES_KEY = re.compile(r"(?:s\s+(?:from|of)|\btogether)\s")
# A verb holding a meeting named after it: "held the first meeting of", "convened their second session".
HELD_NOUN = re.compile(r"\b(?:held|hold|holds|holding|convened|convene|began|opened|concluded|wrapped\s+up)\s+"
                       r"(?:their|its|the|a|an)\s+(?:(?!(?:of|with|between|by)\b)[\w’'-]+\s+){0,3}$")
# A "call" that asks or urges: "a call for restraint", "a call to action".
CALL_FOR = re.compile(r"\s+(?:for|to)\s")
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

    def setting_parties(self, text, s, hit, draft, agents, entities) -> None:
        """The parties of a call or meeting named as the setting of the sentence's main clause:
        its subject, and the party that subject addresses when it is one side ("In a phone call
        on Friday, X told Y that …", "X raised fentanyl with Y in a call on Friday", "At their
        summit in Bali, X and Y agreed …")."""
        if CALL_FOR.match(text, hit.end):
            return
        if OPENING_SETTING.fullmatch(text, s.start, hit.start):
            comma = text.find(",", hit.end, s.end)
            if comma < 0:
                return
            lo, hi = comma + 1, s.end
        elif (closing := CLOSING_SETTING.search(text, max(s.start, hit.start - 60), hit.start)) is not None:
            if "," in text[s.start:closing.start()] and re.search(r"\b(?:said|says|told)\b", text[s.start:closing.start()]):
                return  # "X said on Friday, in an interview, …": the saying's setting, no one met
            lo, hi = s.start, closing.start()
        else:
            return
        if self.modality.negation.search(text, lo, hi) or any(
                h.word_class == "verb" and h.event_class in ("Meeting", "PhoneCall", "Visit") and lo <= h.start < hi
                for h in self._sentence_hits):
            return  # "X did not meet Y during the summit"; "X met Y at the summit": the verb tells of it, the noun is its frame
        heads = [a for a in agents if lo <= a.start < hi and not a.modifier and not a.possessive]
        if not heads:
            return
        subject = self.listed(text, heads)
        if re.search(r"\bthat\b", text[lo:heads[0].start]):
            return  # the first name stands inside a reported clause
        found = list(subject)
        if len(sides(set(found), entities)) < 2:
            last = max(a.end for a in heads if a.key in subject)
            addressed = next((a for a in heads if a.start >= last), None)
            kinds = {entities[k].kind for k in subject if k in entities}
            if addressed is not None and ADDRESSED.fullmatch(text, last, addressed.start) \
                    and re.search(r"[a-z]", text[last:addressed.start]) \
                    and (addressed.kind == "Person" if "Person" in kinds else addressed.kind in ("Country", "Organization")):
                found.append(addressed.key)  # a person addresses a person, a government a government
        if len(sides(set(found), entities)) >= 2:
            draft.actor = found
            draft.target = [k for k in draft.target if k not in found]

    def delegations(self, text, s, hit, draft, agents, entities, end=None) -> None:
        """A meeting told of in nominal or passive form takes as parties the sides whose people
        the sentence names: "The first session …, with officials from the United States and China,
        took place in Geneva", "The talks … brought together negotiators of A and B"; a verb, those
        its subject names ("Delegations of A and B launched …": ``end``, the verb's start)."""
        stop = s.end if end is None else end
        if not DELEGATES_KEY.search(text, s.start, stop):
            return
        for m in DELEGATES.finditer(text, s.start, stop):
            listed = self.listed(text, [replace(a, modifier=False) for a in agents if a.start >= m.end()])
            first = next((a for a in agents if a.start >= m.end()), None)
            if first is None or first.start - m.end() > 2:
                continue
            if len(sides(set(listed), entities)) >= 2:
                draft.actor, draft.target = listed, []
                return

    def held_by(self, text, s, hit, draft, agents, entities) -> None:
        """"A and B held the first meeting of their working group": the subject of the verb that
        holds the meeting (when the noun's own "of" phrase names no party)."""
        held = HELD_NOUN.search(text, max(s.start, hit.start - 60), hit.start)
        if held is None:
            return
        heads = [a for a in agents if s.start <= a.start and a.end <= held.start() and not a.modifier and not a.possessive]
        if not heads or re.search(r"[,;:]|\b(?:that|which|who)\b", text[heads[-1].end:held.start()]):
            return
        found = self.subject_run(text, heads)
        if len(sides(set(found), entities)) >= 2:
            draft.actor, draft.target = found, []

    def held_at(self, text, s, hit, entities) -> str | None:
        """Where a meeting named by a noun was held, told by the sentence's verb past an aside
        ("The first session of the working group, with officials from A and B, took place in Geneva")."""
        m = HELD_AT.search(text, hit.end, s.end)
        if m is None or re.search(r"[;:]|\b(?:that|which|who|when|where|after|before)\b", text[hit.end:m.start()]):
            return None
        key = self.entity_at(m.end(), entities)
        return key if key and entities[key].kind in ("Place", "Country") and not self.in_time(m.end()) else None

    def own_setting(self, text, hit, clause_end) -> bool:
        """Whether a time or a place phrase follows a trigger in its clause ("agreed to meet again
        next year", "to hold talks in Geneva"): a meeting of its own, not only a term agreed."""
        if any(t.start >= hit.end for t in self._time_spans.overlapping(hit.end, clause_end)):
            return True
        return any(self._entities.get(m.entity) is not None and self._entities[m.entity].kind in ("Place",)
                   and re.search(r"\b(?:in|at)\s+(?:the\s+)?$", text[max(hit.end, m.start - 8):m.start])
                   for m in self._mentions_between(hit.end, clause_end))

    def _mentions_between(self, start, end):
        lo, hi = bisect.bisect_left(self._starts, start), bisect.bisect_left(self._starts, end)
        return self._sorted[lo:hi]
