"""Cancellations: what is called off ("postponed the talks", "suspended a planned test launch",
"held off on raising tariffs"), whose parties it takes, and the happening it keeps from being
reported as held."""
from __future__ import annotations

import re

from graph.extract.events.modality import IMPOSED_EARLIER
from graph.extract.events.model import Draft, EVENT_NOUNS
from graph.extract.events.roles import BETWEEN, BY, PASSIVE, is_title_run, of_sentence


# The object of a verb calling something off: a noun phrase, not a time, a "by" phrase or a clause
# ("postponed a planned test launch", "suspend broadcasts of the games", "held off on raising tariffs");
# stopping trade itself ("suspended imports of …") is a measure of another kind, read elsewhere or not at all.
THING_OBJECT = re.compile(r"\s+(?=(?P<dets>(?:(?:its|their|his|her|the|a|an|all|some|further|planned|scheduled|long-planned|"
                          r"upcoming|routine|two|three|several)\s+)*))(?P=dets)(?!(?:by|until|to|for|on|in|at|after|because|amid|over|"
                          r"indefinitely|again|last|this|next|that|which|it|them|him|her|those|these|imports?|exports?|purchases|"
                          r"sales|shipments|talks|de\s+minimis|treatment|status|exemptions?|privileges?|benefits?|waivers?|preferences)\b)(?P<word>[a-z0-9$][\w.%$-]*)")
# A verb that makes the cancellation named next: "announced the suspension of", "ordered the cancellation of".
NOUN_MADE = re.compile(r"\b(?:announc(?:ed|es|ing)|order(?:ed|s|ing)|declar(?:ed|es|ing)|confirm(?:ed|s|ing))\s+"
                       r"(?:the|a|an|its|their)\s+(?:[\w-]+\s+)?$")
# After what is called off: "… with the United States" (on counternarcotics, in Asia …), its partner.
WITH_PARTNER = re.compile(r"(?:\s+(?:on|in|over|against|of)\s+[\w\s’'-]{1,40}?)?\s+with\s+(?:the\s+)?")
THING_END = re.compile(r"\s(?:on|for|until|after|because|amid|over|following|as|in|at|by|from|to|that|which|while|"
                       r"and|but)\s|[,;:.]")


# The owner of a noun: "Blinken's visit", "the secretary's planned trip".
OWNER_BEFORE = re.compile(r"(?:’s|'s|’|')\s+(?:(?:planned|scheduled|long-planned|upcoming|first|second|next|official|state|"
                          r"high-level|two-day|three-day)\s+)*$")


class CancellationReader:
    """Reads what a cancellation calls off and whose it was."""

    def cancelled(self, text, s, hit, draft, drafts, agents=()) -> Draft | None:
        """A cancellation takes its parties from the happening called off, which the sentence
        names; that happening is not reported as held ("postponed the talks")."""
        nouns = [h for h in self._sentence_hits if h.event_class in EVENT_NOUNS and h.word_class == "noun"]
        start, end = self.clause(text, s, hit)
        near = [h for h in nouns if start <= h.start < end]
        if hit.word_class == "verb":
            # "cancelled the commanders' talks and suspended the climate talks": each verb calls off its own object
            nxt = next((h.start for h in self._sentence_hits if h.event_class == "Cancellation" and h.word_class == "verb"
                        and h.start > hit.end), end)
            own = [h for h in near if hit.end <= h.start < nxt]
            near = own or near
        obj = THING_OBJECT.match(text, hit.end, end) if hit.word_class == "verb" else None
        if obj and near and not any(obj.start("word") <= h.start < obj.start("word") + 25 for h in near):
            near = []  # "China postponed the talks, and the U.S. suspended a planned test": the verb's own object
        if not near and hit.word_class == "verb":
            thing = self.thing_called_off(text, s, hit, draft, end, agents, obj)
            if thing is not None or not nouns or hit.text.lower().startswith(("delay", "hold", "held")):
                return thing  # "delayed those …, after phone calls with X": what is delayed is no call
        made_by_noun = False
        if hit.word_class == "noun" and not draft.actor and (made := NOUN_MADE.search(text, max(start, hit.start - 40), hit.start)):
            # "China announced the suspension of military talks": the one who announced it calls them off
            doers = [a for a in agents if start <= a.start and a.end <= made.start() and not a.modifier]
            draft.actor = [doers[-1].key] if doers else []
            draft.target = [k for k in draft.target if k not in draft.actor]
            made_by_noun = bool(draft.actor)
        if not nouns:
            return None
        for h in near:
            self._consumed.add(h)
        here = of_sentence(drafts, s)
        called_off = [d for d in here if d.hit in near] or \
                     ([d for d in here if d.kind in EVENT_NOUNS and d.hit.start < hit.start] if not near else [])
        wanted = (near or nouns)[0].event_class  # "the trip … was postponed": the last visit read
        source = called_off[-1] if called_off else next((d for d in reversed(drafts) if d.kind == wanted), None) \
            or (next((d for d in reversed(drafts) if d.kind in EVENT_NOUNS), None) if not near else None)
        draft.called_off = source.kind if source else wanted  # "postponed his trip": a visit, even unread
        if source is not None and source in here and source.hit.start < hit.start and source.hit.word_class == "noun":
            self._consumed.add(source.hit)  # "the talks, which were due in June, were cancelled": not held
        if source is None and near and not draft.actor:
            # "The visit by X to Beijing was postponed": the happening called off was read as none held, so its
            # parties are read here from the noun's own phrase
            draft.actor, draft.target = self.noun_parties(text, s, near[0], agents)
        if not draft.actor and source:
            draft.actor, draft.target = list(source.actor), list(source.target)
        elif source and not draft.target:
            draft.target = [k for k in source.parties if k not in draft.actor]
        if not draft.target and near and made_by_noun:
            # "announced the postponement of Antony Blinken's trip": whose trip, named before it
            draft.target = [a.key for a in agents if hit.end <= a.start < near[0].start and not a.modifier
                            and a.key not in draft.actor][:1]
        if not draft.actor:
            return None
        draft.claim = None
        draft.text = f"{near[0].start}" if near else ""  # what is called off: two in one sentence are two events
        return draft

    def thing_called_off(self, text, s, hit, draft, end, agents, obj) -> Draft | None:
        """"postponed a planned test launch", "will suspend broadcasts of the games", "held off on
        raising tariffs": a planned thing other than a meeting, called off by the verb's subject. A
        measure the object names ("suspended the tariffs on X") is suspended, not imposed: the
        suspension is the event, on the side the object names. Nothing without an object (a
        passive, "postponed until May") or when trade itself is stopped ("suspended imports of …").
        ``obj``: THING_OBJECT's match after the verb, up to ``end``."""
        if obj is None or not draft.actor or PASSIVE.search(text[max(s.start, hit.start - 25):hit.start]):
            return None
        if re.search(r"\b(?:by|or)\s+$", text[max(s.start, hit.start - 4):hit.start]) or re.match(r"\s+or\s", text[hit.end:hit.end + 4]):
            return None  # "by suspending 24 points of that rate": the means of another act; "suspend or remove": a choice
        if draft.planned and re.match(r"\s*[-–•*]\s", text[s.start:s.start + 3]):
            return None  # "- China will suspend its tariff …" in a list of what each side will do: the terms of a deal
        stop = THING_END.search(text, obj.start("word"), end)
        thing_end = stop.start() if stop else end
        measures = [h for h in self._sentence_hits if h.event_class == "Sanction" and obj.start("word") <= h.start < thing_end + 40
                    and h.start < end]
        for h in measures:  # "hold off on raising tariffs": no tariff is imposed; "its tariff imposed on April 2" was
            if not IMPOSED_EARLIER.match(text, h.end, min(end, h.end + 60)):
                self._consumed.add(h)
        inside = [a for a in agents if obj.start("word") <= a.start < (measures[-1].end + 60 if measures else thing_end)
                  and a.start < end and a.key not in draft.actor]
        draft.target = [a.key for a in inside if not self.own_side(a.key, draft.actor, self._entities)]
        if not draft.target and not measures and (partner := WITH_PARTNER.match(text, thing_end, end)):
            # "suspended cooperation on counternarcotics with the United States": the partner it was done with
            draft.target = [a.key for a in agents if partner.end() <= a.start < end and a.key not in draft.actor
                            and not self.own_side(a.key, draft.actor, self._entities)][:1]
        draft.called_off = "Sanction" if measures else "thing"
        draft.text = draft.claim = text[obj.start("word"):thing_end].strip(" ,.;:") if not measures else None
        draft.text = draft.text or ""
        return draft

    def noun_parties(self, text, s, h, agents) -> tuple[list[str], list[str]]:
        """The parties a noun's own phrase names: "the visit by X", "X's trip", "talks between X and Y",
        "a meeting with X" (its owner or the sentence's subject with it)."""
        heads = [a for a in agents if not a.modifier]
        between = BETWEEN.match(text, h.end)
        if between:
            pair = self.listed(text, [a for a in heads if a.start >= between.end()])
            return pair[:1], pair[1:]
        by = BY.match(text, h.end) or re.match(r"\s+of\s+", text[h.end:h.end + 5])
        if by:
            at = by.end() if by.re is BY else h.end + by.end()
            return self.listed(text, [a for a in heads if at <= a.start <= at + 40]), []
        owner = next((a for a in reversed(heads) if a.possessive and a.end <= h.start
                      and OWNER_BEFORE.search(text, a.end, h.start)), None)
        if owner is not None:
            with_ = re.match(r"\s+with\s+(?:the\s+)?", text[h.end:h.end + 12])
            other = [a.key for a in heads if with_ and a.start >= h.end + with_.end()
                     and is_title_run(text[h.end + with_.end():a.start])][:1]
            return [owner.key], other
        return [], []
