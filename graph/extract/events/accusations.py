"""Accusations read from more than a verb of accusing: wrongdoing reported of another party
("Zhao said the American side had started the quarrel"), a demand ("urged X to stop"), the
office that tells of a charge, and who is accused when a pronoun or a relative clause names
them or a speaker voices their government's criticism."""
from __future__ import annotations

import bisect
import re

from graph.extract.events.model import Draft, Hit
from graph.extract.events.roles import OWN_BODY, country_of, in_quotes, of_sentence
from graph.model import Sentence


# A condition before a reporting verb: "if the department finds that …" is not (yet) said.
CONDITION_BEFORE = re.compile(r"\b(?:[Ii]f|[Uu]nless|[Ww]hether|[Oo]nce|[Ss]hould)\b[^,;]*$")
# A teller's verb just after its name: "the FBI said", "X, a spokesman for Y, announced".
TELLS = re.compile(r"\s*(?:,[^,]*,\s*)?(?:\w+ly\s+)?(?:said|says|announced|stated|alleged)\b")
# A report's teller after its clause: ", the Justice Department said." / ", prosecutors in Brooklyn announced on Tuesday."
TOLD_AFTER = re.compile(r",\s*[^,;]{0,80}?\b(?:said|says|announced|stated|alleged|alleges)\b[^,;]{0,40}?[.”\"]*\s*$")
# "what it called X's genocide", "what Washington describes as …": a characterisation of the speaker's.
WHAT_CALLED = re.compile(r"\bwhat\s+(?:he|she|it|they|we|[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})\s+"
                         r"(?:called|calls|described\s+as|describes\s+as|termed|terms)\b")
# "said on Friday that", "told senators on March 4 that": where the reported clause begins.
THAT_CLAUSE = re.compile(r"(?:\s+(?!that\b)[\w.’']+){0,5}?\s+that\b")
# Between a reported clause's subject and its wrongdoing: a negation, a condition or a demand.
NOT_DONE = re.compile(r"\b(?:not|never|no|n't|would|could|might|may|should|must|will|if|whether|stop|end|cease|halt|"
                      r"refrain|avoid|prevent|denied|deny|denies)\b", re.I)
# "…, which Beijing condemned", "a boycott that Beijing denounced": a relative pronoun opening the clause.
RELATIVE = re.compile(r"(?:,\s*which|\b(?:that|which))\s+(?:the\s+)?(?=\S)(?!.*\b(?:that|which)\b)")
# After a relative clause's verb: no object of its own ("condemned as interference", "denounced on Friday").
NO_OBJECT = re.compile(r"\s*(?:[,.;:]|$|\s(?:as|on|in|at|last|earlier|this|when|because|after|before)\b)")


# After a trigger, what it criticises: a government's act on people ("the arrests of activists", "the
# crackdown on protesters") whose place follows ("in Hong Kong"); see ``place_target``.
STATE_ACT = r"\s+(?:the\s+|its\s+|their\s+|a\s+|an\s+|this\s+|recent\s+|continued\s+|latest\s+)*(?:[\w-]+\s+){0,2}?(?:%s)\b"
IN_PLACE = re.compile(r"\b(?:in|across|inside|throughout)\s+(?:the\s+)?(?:[a-z]+\s+(?:of\s+)?)?$")
# Before the place of a criticised act: "rammed a supply boat near Second Thomas Shoal", "arrests in Hong Kong".
INCIDENT_AT = re.compile(r"\b(?:in|at|near|off|around)\s+(?:the\s+)?$")
# The attribution after a quotation: '…," Secretary Blinken said.', '…," said Blinken.'
QUOTE_SAID = re.compile(r"\s*,?\s*(?P<who>[^“”\".;]{0,80}?)\s+(?:\w+ly\s+)?(?:said|says|told|added|adds|wrote|warned|declared)\b"
                        r"|\s*,?\s*(?:said|says|added|wrote)\s+(?P<after>[^“”\".;]{0,80})")


# A characterisation of an act as wrongful: "called the sanctions a gross interference in China's internal
# affairs", "described the U.S. move as a serious violation of …" (``judgements`` in the lexicon).
CALLED = r"\b(?:called|calls|calling|described|describes|describing|labell?ed|branded|termed|terms)\s+" \
         r"(?P<what>(?:the|this|that|these|those|its|their|his|her|a|an|[A-Z][\w.’'-]*)\s[^,;:“”\"]{0,60}?)\s+(?:as\s+)?" \
         r"(?:an?\s+|the\s+)?(?:[\w-]+\s+(?:and\s+[\w-]+\s+)?){0,2}?(?:%s)\b"


def called_pattern(words: dict) -> re.Pattern | None:
    """``CALLED`` with the lexicon's ``judgements``."""
    nouns = sorted(words.get("judgements", ()), key=len, reverse=True)
    return re.compile(CALLED % "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in nouns)) if nouns else None


def state_act_pattern(words: dict) -> re.Pattern | None:
    """``STATE_ACT`` with the lexicon's ``state-conduct`` words."""
    acts = sorted(words.get("state-conduct", ()), key=len, reverse=True)
    return re.compile(STATE_ACT % "|".join(re.escape(a) for a in acts), re.I) if acts else None


# After a verb of criticism, an act named by a noun that points back ("opposed the move", "condemned the
# decision", "slammed these sanctions"): whose act it is, the text said just before.
ANAPHORIC_ACT = re.compile(r"\s+(?:the|this|that|these|those|such)\s+(?:(?:latest|new|recent|unilateral|so-called)\s+)?"
                           r"(?:move|moves|decision|measures?|sanctions|steps?|actions?|listings?|restrictions|curbs|tariffs|"
                           r"duties|ban|designations?|visit|trip|stopover|sale|arms\s+sale)\b")
# "a spokesperson for China's mission to the EU": the speaker's body follows "for"/"of".
SPOKESPERSON_FOR = re.compile(r"\bspokes(?:person|man|woman)\s+(?:for|of|at)\s+(?:the\s+)?$", re.I)
# A government body's key: the catalog gives them their country's code first ("org/cn-china-coast-guard").
STATE_BODY = re.compile(r"org/[a-z]{2}-")
# The acts a characterisation or a pointing-back noun can be about.
ACTS = ("Sanction", "Visit", "Cancellation")


class AccusationReader:
    """Reads who accuses whom where the accusing verb alone does not say."""

    def states_of_bodies(self, d: Draft, entities) -> tuple[str, ...]:
        """The state whose body is accused ("concern over the Chinese coast guard's conduct", "accused the
        People's Liberation Army of …") takes part in the accusation: the country of each accused government
        body (a catalog organization whose key opens with its country's code, "org/cn-…"; no company)."""
        found = []
        for k in d.target:
            e = entities.get(k)
            country = e.country if e is not None and e.kind == "Organization" and STATE_BODY.match(k) else None
            if country and country not in d.actor and country not in d.target and country in self.cat.entities \
                    and not self.own_side(country, list(d.actor), entities) \
                    and not any(country_of(a, entities) == country for a in d.actor):
                entities.setdefault(country, self.cat.entities[country])
                found.append(country)
        return tuple(dict.fromkeys(found))

    def earlier_actor(self, s, actor, drafts, entities) -> list[str]:
        """The one who acted in the measure or visit the text reported just before (this
        sentence or the few before), when of another side than ``actor``."""
        for d in reversed(drafts):
            if not 0 <= s.start - d.sentence.start < 600:
                break
            if d.kind in ACTS and d.actor and not d.passive:
                key = d.actor[0]
                if key in actor or self.own_side(key, actor, entities) or self.own_side(actor[0], [key], entities):
                    return []
                return [key]
        return []

    def anaphoric_target(self, text, s, hit, actor, drafts, entities) -> list[str]:
        """"China's commerce ministry said it firmly opposed the move": the act pointed back to is the
        one the text reported just before, and its actor is criticised."""
        if not actor or not ANAPHORIC_ACT.match(text, hit.end):
            return []
        return self.earlier_actor(s, actor, drafts, entities)

    def place_target(self, text, s, hit, clause_end, actor, entities) -> list[str]:
        """"Japan condemned the arrests of pro-democracy figures in Hong Kong": a government's act on
        people (``state-conduct`` in the lexicon) criticised with no party named is laid on the
        government of the place where it was done (the country of that place)."""
        if not actor or self.state_act is None or not self.state_act.match(text, hit.end, clause_end):
            return []
        lo = bisect.bisect_left(self._starts, hit.end)
        for m in self._sorted[lo:]:
            if m.start >= clause_end:
                break
            e = entities.get(m.entity)
            if e is None or e.kind not in ("Place", "Country") or not IN_PLACE.search(text, max(hit.end, m.start - 20), m.start):
                continue
            key = country_of(m.entity, entities)
            if key is None or key not in self.cat.entities or key in actor or self.own_side(key, actor, entities):
                return []
            entities.setdefault(key, self.cat.entities[key])
            return [key]
        return []

    def incident_place(self, text, hit, end, entities) -> str | None:
        """Where the conduct criticised was done: "accused China of ramming a supply boat near Second
        Thomas Shoal", "condemned the arrests in Hong Kong" (a place, not a country, named after the
        trigger in its clause)."""
        lo = bisect.bisect_left(self._starts, hit.end)
        for m in self._sorted[lo:]:
            if m.start >= end:
                break
            e = entities.get(m.entity)
            if e is not None and e.kind == "Place" and INCIDENT_AT.search(text, max(hit.end, m.start - 12), m.start) \
                    and not self.in_time(m.start):
                return m.entity
        return None

    def quote_speaker(self, text, s, pos, agents) -> list[str]:
        """The one a quotation is attributed to after it closes ('"We are deeply concerned …,"
        Secretary Blinken said'), when ``pos`` stands inside it: the speaker of its words."""
        if not in_quotes(text, s.start, pos):
            return []
        close = min((i for i in (text.find("”", pos, s.end), text.find('"', pos, s.end)) if i >= 0), default=-1)
        said = QUOTE_SAID.match(text, close + 1, s.end) if close >= 0 else None
        if said is None:
            return []
        lo, hi = said.span("who") if said.group("who") is not None else said.span("after")
        named = [a for a in agents if lo <= a.start and a.end <= hi and not a.modifier and not a.possessive]
        people = [a for a in named if a.kind == "Person"]
        return [(people or named)[-1 if people else 0].key] if named else []

    def charge_teller(self, text, s, hit, agents, target, entities) -> list[str]:
        """The office that tells of a charge with no "by" phrase brought it: "two men were charged in
        January with spying, the Justice Department said"; "the FBI said two men were indicted". Not a
        party of the charged side ("Chinese officials said two Chinese men were charged")."""
        tail = TOLD_AFTER.search(text, hit.end, s.end)
        found = [a for a in agents if tail and tail.start() < a.start < tail.end() and not a.modifier and not a.possessive]
        if not found:
            head = [a for a in agents if s.start <= a.start and a.end <= hit.start and not a.modifier and not a.possessive]
            said = head and TELLS.match(text, head[0].end, hit.start)
            found = head[:1] if said else []
        teller = [a.key for a in found[:1]]
        if not teller or not target or teller[0] in target or self.own_side(target[0], teller, entities) \
                or self.own_side(teller[0], target, entities):
            return []
        return teller

    def relative_target(self, text, s, hit, actor, agents, entities) -> list[str]:
        """"approved an arms sale to the island, which Beijing denounced as meddling", "a boycott
        that Beijing denounced": the relative clause's object is what the sentence before the
        pronoun tells of, so the party criticised is that clause's subject (a speaker's, when it
        is reported), taken as its country when a government speaks."""
        rel = RELATIVE.search(text, s.start, hit.start)
        if rel is None or not NO_OBJECT.match(text, hit.end):
            return []
        own = [a for a in agents if rel.end() <= a.start < hit.start]
        if not own or own[0].key not in actor or own[0].start - rel.end() > 4:
            return []
        found = [k for k in self.main_subject(text, s, rel.start(), agents) if k not in actor]
        found = found or [a.key for a in agents if a.end <= rel.start() and not a.modifier and a.key not in actor][-1:]
        if not found:
            return []
        key = found[0]
        if entities[actor[0]].kind == "Country" and entities[key].kind != "Country" and entities[key].country \
                and entities[key].country in self.cat.entities:
            key = entities[key].country
            entities.setdefault(key, self.cat.entities[key])
        return [] if key in actor or self.own_side(key, actor, entities) else [key]

    def pronoun_target(self, text, s, hit, actor, drafts) -> list[str]:
        """"imposed sanctions on a Chinese company, accusing it of…": the pronoun is the one the
        same actor acted on earlier in the sentence."""
        if not re.match(r"\s+(?:them|it|him|her)\b", text[hit.end:hit.end + 6]):
            return []
        earlier = [d for d in of_sentence(drafts, s) if d.hit.end <= hit.start and d.target and set(d.actor) & set(actor)]
        return list(earlier[-1].target) if earlier else []

    def speaker_for(self, text, s, hit, actor, agents, entities) -> list[str]:
        """Criticism a person reports of their own government ("Liu, a spokesman for the embassy,
        said on Friday that Beijing 'firmly opposes' …") is the speaker's: the actor is the person
        who said it, when the government is theirs (or their side is not known)."""
        key = actor[0]
        if key not in entities or entities[key].kind != "Country":
            return []
        at = next((a for a in reversed(agents) if a.key == key and s.start <= a.start < hit.start), None)
        if at is None or not self.said_that.search(text, s.start, at.start):
            return []
        speaker = [k for k in self.main_subject(text, s, at.start, agents) if k in entities and entities[k].kind == "Person"]
        if speaker and entities[speaker[0]].country in (None, key):
            return speaker
        return []

    def reported_hits(self, text: str, s: Sentence) -> list[Hit]:
        """Reporting verbs whose clause lays wrongdoing on someone ("said the other side had started
        the quarrel", "told lawmakers that hackers linked to X had breached …"), and characterisations
        ("citing what it called X's genocide"): read by ``reported``."""
        found = []
        for m in self.reporting_places.finditer(self.reporting, text, s.start, s.end):
            if self.wrongdoing.search(text, m.end(), min(s.end, m.end() + 200)) or \
                    (self.conduct.phrase and self.conduct.phrase.search(text, m.end(), min(s.end, m.end() + 160))):
                found.append(Hit(m.start(), m.end(), m.group(), "Accusation", "reported", "Accusation"))
        for m in WHAT_CALLED.finditer(text, s.start, s.end) if text.find("what ", s.start, s.end) >= 0 else ():
            found.append(Hit(m.start(), m.end(), m.group(), "Accusation", "reported", "Accusation"))
        for m in self.called.finditer(text, s.start, s.end) if self.called is not None else ():
            if not WHAT_CALLED.search(text, max(s.start, m.start() - 30), m.end()):
                found.append(Hit(m.start(), m.end(), m.group(), "Accusation", "reported", "Accusation"))
        return found

    def characterised(self, text, s, hit, agents, drafts, entities) -> Draft | None:
        """"Spokesperson Lin Jian called the sanctions a gross interference in China's internal affairs":
        the speaker accuses whoever did what is characterised: the party that names it ("the U.S. move",
        "Washington's decision"), else the one who acted in the happening the text reported just
        before (a measure, a visit), when that party is of another side than the speaker."""
        m = self.called.match(text, hit.start)
        actor = [a.key for a in agents if a.start < hit.start and not a.modifier and not a.possessive][-1:]
        actor = self.main_subject(text, s, hit.start, agents) or actor
        body = next((a for a in agents if a.start < hit.start and SPOKESPERSON_FOR.search(text, max(s.start, a.start - 30), a.start)), None)
        if body is not None:  # "a spokesperson for China's mission to the EU called …": China's
            actor = [body.key]
        if m is None or not actor or self.modality.negation.search(text, max(s.start, hit.start - 15), hit.start):
            return None
        owners = [a.key for a in agents if m.start("what") <= a.start < m.end("what")]
        target = owners[:1]
        target = target or self.earlier_actor(s, actor, drafts, entities)
        if not target or target[0] in actor or self.own_side(target[0], actor, entities) \
                or self.own_side(actor[0], target, entities):
            return None
        draft = Draft("Accusation", hit, s, actor=actor, target=target)
        draft.claim = text[m.start("what"):s.end].strip(" ,.;:") or None
        return draft

    def reported(self, text, s, hit, agents, before, last_person, entities) -> Draft | None:
        """Wrongdoing reported of another party: "Zhao said the American side had started the
        quarrel", "Lin said Washington was using fentanyl as an excuse", "the FBI said hackers linked to
        X had stolen call records", "citing what it called X's genocide". The one who said it accuses
        the party the clause names as its subject (or whose conduct it names); nothing when the
        clause is negated, conditional or a demand, or the party is the speaker's own side."""
        what = WHAT_CALLED.fullmatch(hit.text)
        if not what and self.modality.negation.search(before[-15:]) or in_quotes(text, s.start, hit.start):
            return None  # "has not said", "declined to say"; a quotation's words are the quoted speaker's
        if any(h is not hit and h.event_class == "Accusation" and h.start < hit.end and hit.start < h.end
               for h in self._sentence_hits):
            return None  # "was charged by X with stealing …": the charge itself is read, its crime is no second report
        if CONDITION_BEFORE.search(text, s.start, hit.start):
            return None  # "if the department finds that X's practices are unreasonable": not (yet) said
        countries = [a.mention for a in agents if a.kind == "Country"]
        if what:
            end = min(s.end, hit.end + 100)
            named = [a for a in agents if hit.start < a.start < hit.end]
            actor = [named[0].key] if named else self.main_subject(text, s, hit.start, agents)
            accused = [k for k, _ in self.conduct.accused(text, hit.end, end, countries)]
            target = accused[:1]
            claim_from = hit.end
        else:
            comp = hit.end
            that = THAT_CLAUSE.match(text, hit.end)
            if that:
                comp = that.end()
            cue = self.wrongdoing.search(text, comp, min(s.end, comp + 160))
            target = []
            if cue is not None and not NOT_DONE.search(text, hit.end, cue.start()) and not any(
                    h.event_class == "Accusation" and hit.end <= h.start < cue.start() for h in self._sentence_hits):
                # the subject of the reported clause: the last party before the wrongdoing, at its start
                near = [a for a in agents if comp <= a.start < cue.start() and not a.modifier]
                if near and len(text[comp:near[0].start].split()) <= 4 and "," not in text[comp:near[0].start]:
                    target = [near[0].key]
            if not target and not any(h.event_class == "Accusation" and hit.end <= h.start < min(s.end, comp + 120)
                                      for h in self._sentence_hits):  # "…, accusing Lam of …": that verb says it
                owned = [k for k, _ in self.conduct.accused(text, comp, min(s.end, comp + 120), countries)]
                target = owned[:1] if owned and not NOT_DONE.search(text, hit.end, min(s.end, comp + 120)) else []
            # the speaker: the party whose reporting verb this is ("X, a spokesman for Y, said"), else the sentence's
            own = [a for a in agents if a.end <= hit.start and not a.modifier and not a.possessive
                   and (m := self.speaker_verb.match(text, a.end)) and m.end() == hit.end]
            actor = [own[-1].key] if own else \
                self.main_subject(text, s, hit.start, agents) if any(a.start < hit.start for a in agents) else []
            if not actor and last_person and re.search(r"\b(?:he|she)\s+$", text[max(s.start, hit.start - 5):hit.start], re.I):
                actor = [last_person]
            claim_from = comp
        if not actor or not target or target[0] in actor or self.own_side(target[0], actor, entities):
            return None
        sides = {entities[k].country or k for k in actor + target if k in entities}
        if len(sides) < 2:
            return None  # "the minister said his ministry had erred": one side
        draft = Draft("Accusation", hit, s, actor=actor, target=target)
        draft.claim = text[claim_from:s.end].strip(" ,.;:") or None
        return draft

    def demand(self, text, s, hit, agents, clause_start, before) -> Draft | None:
        """"X told Y that Z must stop…", "X urged Z to stop…": X criticises Z's conduct. Z stands
        just before the demand; X is the sentence's subject."""
        if self.modality.negation.search(before[-25:]):
            return None
        near = [a for a in agents if clause_start <= a.start < hit.start and not a.modifier]
        if not near or re.search(r"[^\s\w’'.-]|\b(?:that|who|which)\b", text[near[-1].end:hit.start]) \
                or len(text[near[-1].end:hit.start].split()) > 2:
            return None
        target = near[-1]
        actor = [a.key for a in agents if a.start < target.start and not a.modifier and not a.possessive][:1] or \
            [a.key for a in agents if a.start < target.start and a.possessive and OWN_BODY.match(text, a.end)][:1] or \
            self.quote_speaker(text, s, hit.start, agents)  # "China's embassy … urged London to stop", '"…," Blinken said'
        if not actor or actor[0] == target.key or self.own_side(target.key, actor, self._entities):
            return None
        draft = Draft("Accusation", hit, s, actor=actor, target=[target.key])
        draft.claim = text[target.start:s.end].strip(" ,.;:") or None
        return draft
