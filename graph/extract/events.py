"""Events: who did what to whom, where and when, read one sentence at a time.

A trigger word from ``ontology/lexicon/events.ttl`` opens an event; its clause
gives the actor (the nearest agent before it, or a pronoun resolved against the
events read before), the target ("with X", "between X and Y", "on X", the
possessor in "the PRC's practices"), the place ("in Vienna") and the time (the
time expression nearest the trigger). Negated and hypothetical triggers are
dropped; planned ones are kept and marked. Reports of one happening within an
article are merged.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field, replace

import ahocorasick

from graph.extract.catalog import Catalog
from graph.extract.dates import TimeMention, find_times, publication
from graph.extract.entities import at_word_boundary
from graph.extract.spans import longest_first
from graph.model import Entity, Event, Mention, Sentence, When

AGENT_KINDS = ("Person", "Country", "Organization")
FAMILIES = ("Visit", "Meeting", "PhoneCall", "Accusation", "Cancellation", "Sanction", "Agreement",
            "Statement", "Claim", "Denial")
PLACED = ("Visit", "Meeting", "Agreement", "Statement")
BY = re.compile(r"\s+(?:(?:made|given|announced|reached|led|hosted|chaired|undertaken|issued)\s+)?by\s+", re.I)
EVENT_NOUNS = ("Visit", "Meeting", "PhoneCall")
SPEECH_LIKE = ("Accusation", "Agreement", "Statement", "Claim", "Denial")
TWO_PARTY = ("Meeting", "PhoneCall", "Agreement", "Accusation")
DEADLINE = re.compile(r"\b(?:by|until|through|starting(?: on| from)?|beginning(?: on)?|effective)\s*$", re.I)
OBJECT_LINKS = {"Meeting": "with|between", "PhoneCall": "with|between", "Visit": "to", "Agreement": "with|between",
                "Accusation": "against|of", "Sanction": "on|against|targeting", "Cancellation": "with"}
INTERACTIONS = ("Meeting", "PhoneCall", "Agreement", "Visit")
WE = re.compile(r"\b(?:we|We)\b(?:\s+[\w’']+){0,2}\s*$")
LOCATIVE = re.compile(r"\b(?:in|at|inside|across)\s+(?:the\s+)?$")
PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", re.I)
DENIED = re.compile(r"\s+(?:that\b|any\b|(?:the|these|those|such|reports?|claims?|allegations?|accusations?|charges?)\b.{0,40}?"
                    r"\b(?:allegations?|accusations?|claims?|reports?|charges?|involvement|wrongdoing)\b)", re.I)
PRESENT_TENSE = re.compile(r"^(?:agree|agrees|announce|announces|welcome|welcomes|sign|signs|meet|meets|speaks with)$", re.I)


@dataclass(frozen=True)
class Hit:
    """A trigger found in the text."""
    start: int
    end: int
    text: str
    event_class: str            # the family the rules know: Visit, Meeting, Sanction…
    word_class: str
    fine: str = ""              # the finest class the trigger names: Summit, Tariff…


@dataclass
class Agent:
    """An agent mention in a sentence, with how it stands there."""
    mention: Mention
    kind: str
    possessive: bool = False
    modifier: bool = False       # stands before the person it qualifies ("Chinese Foreign Minister Qin")

    @property
    def key(self) -> str:
        return self.mention.entity

    @property
    def start(self) -> int:
        return self.mention.start

    @property
    def end(self) -> int:
        return self.mention.end


@dataclass
class Draft:
    """An event being assembled, before merging."""
    kind: str
    hit: Hit
    sentence: Sentence
    actor: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    place: str | None = None
    when: When | None = None
    planned: bool = False
    claim: str | None = None
    disputes: list[str] = field(default_factory=list)
    passive: bool = False       # "X was added to the Entity List": the one who acted is not named
    called_off: str = ""        # for a cancellation: the class of the happening called off

    @property
    def parties(self) -> set[str]:
        return set(self.actor) | set(self.target)


class EventReader:
    """Reads events from an article's sentences; built once from the catalog."""

    def __init__(self, catalog: Catalog):
        self.cat = catalog
        self.auto = ahocorasick.Automaton()
        for t in catalog.triggers:
            form = t.form.lower()
            entries = self.auto.get(form) if form in self.auto else []
            entries.append(t)
            self.auto.add_word(form, entries)
        if len(self.auto):
            self.auto.make_automaton()
        w = catalog.words
        self.negation = cue_pattern(w.get("negation", ()))
        self.hypothetical = cue_pattern(w.get("hypothetical", ()))
        self.planned = cue_pattern(w.get("planned", ()))
        self.group = cue_pattern(w.get("group-pronouns", ()))
        self.person_pronoun = cue_pattern(w.get("person-pronouns", ()))
        self.breaks = sorted(w.get("clause-breaks", ()), key=len, reverse=True)

    # --- triggers ---------------------------------------------------------------------
    def hits(self, text: str, s: Sentence) -> list[Hit]:
        lower = text[s.start:s.end].lower()
        found = []
        for end, entries in self.auto.iter(lower):
            start = end - len(entries[0].form) + 1
            a, b = s.start + start, s.start + end + 1
            if not at_word_boundary(text, a, b) or text[a - 1:a] in ("-", "–"):
                continue
            if re.search(r"\bas\s+$", text[max(0, a - 4):a]) and text[a:b].endswith("ed"):
                continue  # "as agreed in…", "as announced": a reference back, not a new happening
            classes = {t.word_class for t in entries}
            word_class = noun_or_verb(text, a, classes | {"noun", "verb"})
            if word_class not in classes and word_class == "noun":
                continue  # "an alleged upgrade": a verb form used as an adjective
            chosen = next((t for t in entries if t.word_class == word_class), entries[0])
            found.append(Hit(a, b, text[a:b], self.family(chosen.event_class), chosen.word_class, chosen.event_class))
        return longest_first(found)

    def family(self, cls: str) -> str:
        """The event class the rules work with for a finer one (Summit → Meeting, Tariff → Sanction)."""
        while cls not in FAMILIES and cls in self.cat.subclasses:
            cls = self.cat.subclasses[cls]
        return cls

    # --- reading ----------------------------------------------------------------------
    def read(self, text: str, sentences: list[Sentence], mentions: list[Mention],
             entities: dict[str, Entity], times: list[TimeMention], disputes: list[Mention],
             published: dt.date | None) -> list[Event]:
        drafts: list[Draft] = []
        last_person: str | None = None
        for s in sentences:
            agents = self.agents(text, s, mentions, entities)
            hits = self.hits(text, s)
            s_times = [t for t in times if s.start <= t.start < s.end]
            self._sentence_hits, self._sentence_times, self._consumed = hits, s_times, set()
            pending: list[tuple[Hit, Draft]] = []
            for i, hit in enumerate(hits):
                if i and hits[i - 1].event_class == hit.event_class and \
                        re.fullmatch(r"\s+to\s+", text[hits[i - 1].end:hit.start]):
                    continue  # "decision to resume", "agreed to sign": one happening
                draft = self.draft(text, s, hit, agents, drafts + [d for _, d in pending], last_person, entities)
                if draft is not None:
                    pending.append((hit, draft))
            pending = [(h, d) for h, d in pending if h not in self._consumed]
            owner = assign_times([h for h, _ in pending], s_times, text,
                                 {h: self.clause(text, s, h) for h, _ in pending})
            s_disputes = sorted({d.entity for d in disputes if s.start <= d.start < s.end})
            for hit, draft in pending:
                self.date(draft, owner.get(hit), published, text)
                draft.disputes = s_disputes
                drafts.extend(self.split(draft, text, agents, entities))
            persons = [a.key for a in agents if a.kind == "Person" and not a.modifier]
            if persons:
                last_person = persons[0] if not drafts or not drafts[-1].actor else (
                    next((k for k in drafts[-1].actor if entities.get(k) and entities[k].kind == "Person"), persons[0]))
        self.inherit_dates(drafts)
        merged = merge(drafts)
        return [self.event(d, entities) for d in merged]

    def agents(self, text: str, s: Sentence, mentions: list[Mention], entities: dict[str, Entity]) -> list[Agent]:
        lo = bisect.bisect_left(self._starts, s.start)
        hi = bisect.bisect_left(self._starts, s.end)
        every = [m for m in self._sorted[lo:hi] if entities.get(m.entity)]
        located = {m.start for prev, m in zip(every, every[1:]) if entities[prev.entity].kind == "Place"
                   and entities[m.entity].kind == "Country" and text[prev.end:m.start] == ", "}
        inside = [m for m in every if entities[m.entity].kind in AGENT_KINDS and m.start not in located
                  and not (entities[m.entity].kind == "Country" and LOCATIVE.search(text, max(0, m.start - 8), m.start))]
        agents = []
        for i, m in enumerate(inside):
            after = text[m.end:m.end + 2]
            agent = Agent(m, entities[m.entity].kind, possessive=after in ("’s", "'s") or after[:1] in ("’", "'") and m.text.endswith("s"))
            person = next((n for n in inside[i + 1:] if entities[n.entity].kind == "Person"), None)
            if person and (agent.kind != "Person" or agent.possessive) and is_title_run(text[m.end:person.start]):
                agent.modifier = True
            agents.append(agent)
        return agents

    def draft(self, text, s, hit, agents, drafts, last_person, entities) -> Draft | None:
        clause_start, clause_end = self.clause(text, s, hit)
        before = text[clause_start:hit.start]
        if self.negation.search(before[-40:]) or self.hypothetical.search(before[-45:]):
            return None
        draft = Draft(hit.event_class, hit, s)
        draft.planned = bool(self.planned.search(before[-40:])) or hit.text.lower().startswith("upcoming")
        left = [a for a in agents if clause_start <= a.start < hit.start]
        between = re.match(r"\s+between\s", text[hit.end:hit.end + 10])
        right = [a for a in agents if hit.end <= a.start < (s.end if between else clause_end)]
        by = BY.match(text, hit.end)
        if between:
            pair = self.objects(text, hit, right, [], entities)
            draft.actor, right = pair[:1], [a for a in right if a.key in pair[1:]]
        elif by and hit.word_class == "noun":
            draft.actor = self.listed(text, [a for a in right if a.start >= by.end()])
            right = [a for a in right if a.key not in draft.actor]
        else:
            draft.actor = self.subject(text, clause_start, hit, left, drafts, last_person, entities, s)
            previous = self.coordinated_with(text, hit, clause_start, drafts, s)
            if previous is not None:
                draft.actor = list(previous.actor)
        if not draft.actor and clause_start > s.start and hit.word_class == "verb":
            draft.actor = self.main_subject(text, s, clause_start, agents)
        draft.target = self.objects(text, hit, right, draft.actor, entities)
        if hit.word_class == "verb" and PASSIVE.search(text[max(clause_start, hit.start - 25):hit.start]) \
                and hit.event_class in ("Sanction", "Accusation", "Cancellation"):
            by = BY.search(text, hit.end, clause_end)
            draft.target = list(draft.actor)  # "X was sanctioned (by Y)": X is acted on
            draft.actor = self.listed(text, [a for a in right if by and a.start >= by.end()]) if by else []
            draft.passive = not draft.actor
        listed = self.listing(text, hit, clause_start, left, draft)
        if listed is not None:
            draft.actor, draft.target = listed
            draft.passive = not draft.actor
        if hit.word_class == "noun" and not draft.parties and hit.event_class in TWO_PARTY:
            draft.actor = self.compound_pair(text, hit, agents, clause_start, clause_end)
        draft.place = self.place(text, hit, clause_start, s.end if between else clause_end, entities, draft)
        if hit.event_class in ("Claim", "Denial", "Accusation"):
            claim = re.sub(r"^(?:that|was|were|is|are|of|about|over)\s+", "", text[hit.end:clause_end].strip(" ,.;:"))
            draft.claim = claim or None
        if hit.event_class == "Denial" and not DENIED.match(text, hit.end):
            return None  # "deny basic rights" is no denial of a claim
        if hit.event_class == "Cancellation":
            return self.cancelled(text, s, hit, draft, drafts)
        return draft if self.complete(draft, entities) else None

    def date(self, d: Draft, time: TimeMention | None, published: dt.date | None, text: str) -> None:
        """The draft's time: its own expression (read as future when the event is planned),
        else the publication day for a verb in the present tense ("The Parties agree")."""
        when = time.when if time else None
        if when is not None and d.planned and when.basis == "relative" and published:
            again = find_times(text, published, time.start, time.end, future=True)
            when = again[0].when if again else when
        if when is None and d.hit.word_class == "verb" and PRESENT_TENSE.match(d.hit.text) and published \
                and not d.planned and not re.search(r"\bto\s+$", self._text[max(0, d.hit.start - 4):d.hit.start]):
            when = publication(published)
        d.when = when
        if d.claim and time and time.when.text and d.claim.endswith(time.when.text):
            d.claim = re.sub(r"\s+(?:on|in|at|during|since)?\s*$", "", d.claim[:-len(time.when.text)]) or None

    def clause(self, text: str, s: Sentence, hit: Hit) -> tuple[int, int]:
        """The stretch of the sentence around the trigger up to the nearest clause breaks."""
        start, end = s.start, s.end
        for brk in self.breaks:
            i = text.rfind(brk, s.start, hit.start)
            if i >= 0 and i + len(brk) <= hit.start:
                start = max(start, i + len(brk) - (1 if brk.endswith(" ") else 0))
            j = text.find(brk, hit.end, s.end)
            if j >= 0:
                end = min(end, j)
        return start, end

    # --- roles ------------------------------------------------------------------------
    def subject(self, text, clause_start, hit, left, drafts, last_person, entities, s) -> list[str]:
        heads = [a for a in left if not a.modifier]
        if hit.word_class == "noun":
            adjacent = [a for a in heads if a.kind == "Organization" and text[a.end:hit.start].strip() == ""]
            if adjacent:
                return [adjacent[-1].key]
            owner = [a for a in heads if a.possessive and len(text[a.end:hit.start].strip(" ’'s").split()) <= 3]
            if owner:
                chosen = [owner[-1]]
                for a in reversed([h for h in left if h.start < owner[-1].start]):
                    if re.fullmatch(r"\s*(?:,|and)\s*(?:[A-Z][\w.]*\s+){0,3}", text[a.end:chosen[0].start]):
                        chosen.insert(0, a)
                    else:
                        break
                return [a.key for a in chosen]
            if re.match(r"\s+(?:of|from)\s+", text[hit.end:hit.end + 8]):
                return []
        heads = [a for a in heads if not a.possessive or hit.word_class == "verb" and a is heads[-1]
                 and not re.search(r"\w", text[a.end + 2:hit.start].replace("also", ""))]
        if heads and WE.search(text[heads[-1].end:hit.start]):
            side = self.speaker_side(s)
            if side:
                return [side]
        if heads:
            chosen = [heads[-1]]
            for a in reversed(heads[:-1]):
                gap = text[a.end:chosen[0].start]
                if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?(?:[A-Z][\w.]*\s+){0,4}|-|–", gap) or \
                        coordinated_titles(gap):
                    chosen.insert(0, a)
                else:
                    break
            return [a.key for a in chosen]
        span = text[clause_start:hit.start]
        if WE.search(span):
            side = self.speaker_side(s)
            if side:
                return [side]
        if self.group.search(span) or re.search(r"\b(?:they|their)\b", span, re.I):
            return self.last_group(drafts) or self.recent_pair(clause_start)
        opening = self.group.match(text, s.start)
        if hit.word_class == "noun" and opening and not left:
            return self.last_group(drafts) or self.recent_pair(s.start)  # "The two sides had … discussions"
        if self.person_pronoun.search(span):
            here = [k for d in drafts if d.sentence == s for k in d.actor
                    if entities.get(k) and entities[k].kind == "Person"]
            if here or last_person:
                return [here[-1] if here else last_person]
        return []

    def coordinated_with(self, text, hit, clause_start, drafts, s) -> Draft | None:
        """The event of a verb this one is coordinated with ("X met with Y and resumed…"), sharing its subject."""
        if hit.word_class != "verb":
            return None
        for d in reversed(drafts):
            if d.sentence != s or d.hit.word_class != "verb" or d.hit.start < clause_start:
                continue
            between = text[d.hit.end:hit.start]
            if re.search(r"\band\s+(?:\w+ly\s+)?$", between) and not re.search(r"[;.]", between):
                return d
            return None
        return None

    def listing(self, text, hit, clause_start, left, draft) -> tuple[list[str], list[str]] | None:
        """"A added X and Y to the Entity List" / "X was added to … by A": who listed whom."""
        if hit.word_class != "noun" or hit.event_class != "Sanction":
            return None
        verb = None
        for verb in re.finditer(r"\b(?:added|adds|adding|placed|places|put)\b", text[clause_start:hit.start]):
            pass
        if verb is None or not re.search(r"\b(?:to|on)\s+(?:the|its)\s+$", text[clause_start:hit.start]):
            return None
        at = clause_start + verb.start()
        before = [a for a in left if a.end <= at and not a.modifier]
        between = [a.key for a in left if a.start >= at + len(verb.group()) and not a.modifier]
        if re.search(r"\b(?:was|were|been|being|is|are)\s+$", text[clause_start:at]):
            by = BY.search(text, hit.end, hit.end + 40)
            return (draft.target[:1] if by else [], [a.key for a in before][-1:])
        return ([a.key for a in before][-1:], between)

    def main_subject(self, text, s, clause_start, agents) -> list[str]:
        """The subject of the sentence, for a clause that has none ("…, noting that…", "while criticizing…")."""
        head = next((a for a in agents if s.start <= a.start < clause_start and not a.modifier and not a.possessive), None)
        return [head.key] if head else []

    def compound_pair(self, text, hit, agents, clause_start, clause_end) -> list[str]:
        """A hyphenated pair naming the parties: "the U.S.-China joint statement", "US-PRC talks"."""
        pairs = [(a, b) for a, b in zip(agents, agents[1:])
                 if text[a.end:b.start] in ("-", "–") and clause_start <= a.start and b.end <= clause_end]
        near = [(a, b) for a, b in pairs if abs(a.start - hit.start) < 80]
        if not near:
            return []
        a, b = min(near, key=lambda p: abs(p[0].start - hit.start))
        return [a.key, b.key] if a.key != b.key else []

    def listed(self, text, agents: list[Agent]) -> list[str]:
        """The first agent and those listed with it ("X and Y", "X, Y and Z")."""
        heads = [a for a in agents if not a.modifier]
        chosen = heads[:1]
        for a in heads[1:]:
            if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?(?:[A-Z][\w.]*\s+){0,4}", text[chosen[-1].end:a.start]):
                chosen.append(a)
            else:
                break
        return [a.key for a in chosen]

    def objects(self, text, hit, right, actor, entities) -> list[str]:
        after = text[hit.end:]
        link = OBJECT_LINKS.get(hit.event_class)
        if hit.word_class == "noun" and not (link and re.match(rf"\s+(?:{link})\s", after[:20], re.I)):
            return []
        candidates = [a for a in right if a.key not in actor]
        if not candidates:
            return []
        if re.match(r"\s+between\s", after):
            return [a.key for a in candidates if not a.modifier][:2]
        heads = [a for a in candidates if not a.modifier]
        if not heads:
            return []
        first = heads[0]
        chosen = [first]
        for a in heads[1:]:
            gap = text[chosen[-1].end:a.start]
            if re.fullmatch(r"\s*(?:,|and|,\s*and|;|-|–)\s*(?:[A-Z][\w.]*\s+){0,4}", gap) or gap in ("-", "–"):
                chosen.append(a)
            else:
                break
        return [a.key for a in chosen]

    def speaker_side(self, s: Sentence) -> str | None:
        """Whose "we" this is: the country of the person a transcript paragraph is attributed to
        ("Ambassador Jamieson Greer: “…we struck…”")."""
        para = self._text.rfind("\n", 0, s.start) + 1
        head = self._text[para:para + 160]
        colon = head.find(":")
        if colon < 0:
            return None
        speakers = [m for m in self._sorted if para <= m.start and m.end <= para + colon
                    and self._entities.get(m.entity) and self._entities[m.entity].kind == "Person"]
        if not speakers:
            return None
        return self._entities[speakers[-1].entity].country or self.cat.entities.get(speakers[-1].entity, Entity("", "", "")).country

    def recent_pair(self, before: int) -> list[str]:
        """The two most recent countries or organizations named before a plural pronoun."""
        keys: list[str] = []
        for m in sorted((m for m in self._mentions if m.end <= before), key=lambda m: -m.start):
            e = self._entities.get(m.entity)
            if e and e.kind in ("Country", "Organization") and m.entity not in keys \
                    and not LOCATIVE.search(self._text, max(0, m.start - 8), m.start):
                keys.append(m.entity)
            if len(keys) == 2:
                return list(reversed(keys))
        return []

    def last_group(self, drafts: list[Draft]) -> list[str]:
        """The parties of the last happening with two or more, preferring meetings and calls."""
        for kinds in (INTERACTIONS, None):
            for d in reversed(drafts):
                if len(d.parties) >= 2 and (kinds is None or d.kind in kinds):
                    return list(d.actor) + [k for k in d.target if k not in d.actor]
        return []

    def place(self, text, hit, clause_start, clause_end, entities, draft) -> str | None:
        if draft.kind not in PLACED:
            return None
        window = text[hit.end:clause_end]
        if draft.kind == "Visit":
            key = self.entity_at(hit.end + len(window) - len(window.lstrip()), entities)
            if key and entities[key].kind in ("Place", "Country"):
                return key
        preps = r"in|at|to" if draft.kind == "Visit" else r"in|at"
        for m in re.finditer(rf"\b(?:{preps})\s+(?:the\s+)?", window):
            pos = hit.end + m.end()
            key = self.entity_at(pos, entities)
            kinds = ("Place",) if draft.kind == "Agreement" else ("Place", "Country")
            if key and entities[key].kind in kinds and not self.is_compound(text, pos):
                return key
        before = text[clause_start:hit.start]
        m = re.match(r"\s*In\s+", before)
        if m:
            key = self.entity_at(clause_start + m.end(), entities)
            if key and entities[key].kind in ("Place", "Country"):
                return key
        return None

    def is_compound(self, text: str, pos: int) -> bool:
        """A name used as a modifier of a hyphenated pair ("the U.S.-China relationship")."""
        m = self._mention_starts.get(pos)
        return bool(m) and text[m.end:m.end + 1] in ("-", "–")

    def entity_at(self, pos: int, entities: dict[str, Entity]) -> str | None:
        m = self._mention_starts.get(pos)
        return m.entity if m else None

    def complete(self, d: Draft, entities: dict[str, Entity]) -> bool:
        """Whether the draft has the parties its class needs to be an event."""
        if d.kind == "Visit":
            if d.place and d.place in d.actor:
                return False
            d.target = []
            if d.place:
                country = entities[d.place].country if entities[d.place].kind == "Place" else d.place
                if country and country not in d.actor and country in self.cat.entities:
                    entities.setdefault(country, self.cat.entities[country])
                    d.target = [country]
            return bool(d.actor) and (bool(d.place) or d.hit.word_class == "noun" or d.planned)
        if d.kind == "Meeting" and len(d.actor) == 1 and entities[d.actor[0]].kind == "Organization" \
                and d.hit.word_class == "noun":
            return True  # a forum meeting: "the G7 Summit"
        if d.kind in ("Meeting", "PhoneCall", "Agreement"):
            if d.place and d.place in d.parties:
                d.place = None
            return len(sides(d.parties, entities)) >= 2
        if d.kind in ("Sanction", "Accusation") and d.passive:
            return bool(d.target)
        if d.kind in ("Accusation", "Sanction"):
            return bool(d.actor) and (bool(d.target) or d.kind == "Sanction" and d.hit.word_class == "verb"
                                      and d.hit.text.lower().startswith("impos"))  # "imposed tariffs"
        return bool(d.actor)

    def cancelled(self, text, s, hit, draft, drafts) -> Draft | None:
        """A cancellation takes its parties from the happening called off, which the sentence
        names; that happening is not reported as held ("postponed the talks")."""
        nouns = [h for h in self._sentence_hits if h.event_class in EVENT_NOUNS and h.word_class == "noun"]
        if not nouns:
            return None
        start, end = self.clause(text, s, hit)
        near = [h for h in nouns if start <= h.start < end]
        for h in near:
            self._consumed.add(h)
        called_off = [d for d in drafts if d.sentence == s and d.hit in near] or \
                     [d for d in drafts if d.kind in EVENT_NOUNS and d.sentence == s and d.hit.start < hit.start]
        source = called_off[-1] if called_off else next((d for d in reversed(drafts) if d.kind in EVENT_NOUNS), None)
        if source:
            draft.called_off = source.kind
        if not draft.actor and source:
            draft.actor, draft.target = list(source.actor), list(source.target)
        elif source and not draft.target:
            draft.target = [k for k in source.parties if k not in draft.actor]
        if not draft.actor:
            return None
        draft.claim = None
        return draft

    def split(self, d: Draft, text: str, agents, entities) -> list[Draft]:
        """"upcoming visits by X and Y" are one visit each."""
        if d.kind == "Visit" and d.hit.text.lower().endswith("visits") and d.hit.word_class == "noun":
            after = [a for a in agents if d.hit.end <= a.start and a.kind == "Person"][:4]
            if re.match(r"\s+by\s", text[d.hit.end:d.hit.end + 5]) and len(after) > 1:
                return [replace(d, actor=[a.key], target=[]) for a in after]
        if d.kind == "Visit" and not d.actor:
            return []
        if d.kind in ("Meeting", "Visit") and d.hit.word_class == "noun" and d.hit.text.lower().endswith("s"):
            legs = self.legs(text, d, entities)
            if len(legs) > 1:
                return [replace(d, place=p, when=w) for p, w in legs]
        return [d]

    def legs(self, text, d: Draft, entities) -> list[tuple[str, When]]:
        """"meetings in London on June 9 and 10, and in Stockholm on July 28": one per place and time."""
        legs = []
        for m in re.finditer(r"\bin\s+(?:the\s+)?", text[d.hit.end:d.sentence.end]):
            pos = d.hit.end + m.end()
            key = self.entity_at(pos, entities)
            if not key or entities[key].kind not in ("Place", "Country"):
                continue
            t = next((t for t in self._sentence_times if pos < t.start < pos + 60), None)
            if t:
                legs.append((key, t.when))
        return legs

    # --- dates ------------------------------------------------------------------------
    def inherit_dates(self, drafts: list[Draft]) -> None:
        """Things said during a dated call or meeting happened then ("He raised concerns…")."""
        for i, d in enumerate(drafts):
            if d.when is not None or d.kind not in SPEECH_LIKE:
                continue
            for prior in drafts[:i]:
                if prior.kind in ("Meeting", "PhoneCall") and prior.when and prior.when.basis != "context" \
                        and d.parties & prior.parties:
                    d.when = replace(prior.when, basis="context") if prior.when.basis != "publication" else prior.when
                    break

    # --- output -----------------------------------------------------------------------
    def event(self, d: Draft, entities: dict[str, Entity]) -> Event:
        if not d.actor and d.target and not d.passive:
            d.actor, d.target = d.target[:1], d.target[1:]
        return Event(kind=d.hit.fine or d.kind, family=d.kind, label=label(d, entities), evidence=d.sentence,
                     actor=tuple(dict.fromkeys(d.actor)), target=tuple(k for k in dict.fromkeys(d.target) if k not in d.actor),
                     place=d.place, when=d.when, disputes=tuple(d.disputes), trigger=d.hit.text,
                     planned=d.planned, claim=d.claim if d.kind in ("Claim", "Denial", "Accusation") else None)

    def prepare(self, mentions: list[Mention], entities: dict[str, Entity], text: str = "") -> None:
        self._mention_starts = {m.start: m for m in mentions}
        self._mentions, self._entities, self._text = mentions, entities, text
        self._sorted = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self._sorted]


# --- helpers ----------------------------------------------------------------------------
def cue_pattern(words) -> re.Pattern:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w’'])(?:{alts})(?![\w])", re.I) if alts else re.compile(r"(?!x)x")


def noun_or_verb(text: str, start: int, classes: set[str]) -> str:
    if len(classes) == 1:
        return next(iter(classes))
    before_raw = re.sub(r"\b(?:The|A|An|This|That|Its|Their|His|Her|Our|First|Upcoming|Last|Next|Any|No)\b",
                        lambda m: m.group().lower(), text[max(0, start - 25):start])
    if re.search(r"(?:\b(?:the|a|an|his|her|their|its|our|this|that|first|upcoming|planned|previous|last|next|"
                 r"recent|whose|of|any|no)|’s|'s)\s+(?:[a-z][\w-]*\s+)?$", before_raw):
        return "noun"
    return "verb"


TITLE_BLOCKERS = frozenset("said met spoke with to by in on at between that who is was has will".split())


def is_title_run(between: str) -> bool:
    """True when only a title stands between two mentions ("Foreign Minister", "’s national security advisor, ")."""
    between = between.replace("’s", "").replace("'s", "")
    if len(between) >= 200:
        return False
    words = between.replace(",", " ").split()
    return len(words) <= 30 and all(re.fullmatch(r"[A-Za-z][\w.\-]*", w) and w.lower() not in TITLE_BLOCKERS
                                    for w in words)

def assign_times(hits: list[Hit], times: list[TimeMention], text: str,
                 clauses: dict[Hit, tuple[int, int]] | None = None) -> dict[Hit, TimeMention]:
    """Each time expression goes to the nearest trigger of its clause; each trigger keeps its nearest one."""
    owner: dict[Hit, TimeMention] = {}
    if not hits:
        return owner
    claimed: dict[Hit, list[TimeMention]] = {}
    for t in times:
        if DEADLINE.search(text[max(0, t.start - 14):t.start]):
            continue
        near = [h for h in hits if not clauses or clauses[h][0] <= t.start < clauses[h][1]]
        if not near:
            continue
        nearest = min(near, key=lambda h: distance(h, t))
        claimed.setdefault(nearest, []).append(t)
    for h, ts in claimed.items():
        owner[h] = min(ts, key=lambda t: distance(h, t))
    for i, h in enumerate(hits):
        if h in owner:
            continue
        for later in hits[i + 1:]:
            t = owner.get(later)
            if t and t.start > h.end and shares_time(text[h.end:t.start], text[h.end:later.start]):
                owner[h] = t
                break
    return owner


def shares_time(to_time: str, to_next: str) -> bool:
    """A time after a name ("Statement on … Meeting in Geneva on May 12") or after a coordinated
    verb ("met with X and resumed … in November") belongs to the earlier trigger too."""
    if re.search(r";|\.\s", to_time):
        return False
    lower = [w for w in re.findall(r"\b[a-z][\w’'-]*", to_time) if w not in ("on", "of", "and", "in", "the", "for", "at")]
    return not lower or bool(re.search(r"\band\s+(?:\w+ly\s+)?$", to_next))


def distance(h: Hit, t: TimeMention) -> int:
    return t.start - h.end if t.start >= h.end else h.start - t.end


def coordinated_titles(gap: str) -> bool:
    """"X and Chinese leader Y": "and" followed by nothing but a title."""
    m = re.fullmatch(r"\s*(?:,\s*)?and\s+(.*)", gap, re.S)
    return bool(m) and is_title_run(m.group(1)) and len(m.group(1).split()) <= 5


def sides(keys: set[str], entities: dict[str, Entity]) -> set[str]:
    """The parties less any country that is the country of another party: "Biden" and "the
    United States" are one side, "Biden" and "Xi" two."""
    countries = {entities[k].country for k in keys if k in entities and entities[k].country}
    return {k for k in keys if not (entities.get(k) and entities[k].kind == "Country" and k in countries)}


def merge(drafts: list[Draft]) -> list[Draft]:
    """One draft per happening: same class and parties, and dates that agree (or one missing)."""
    out: list[Draft] = []
    for d in drafts:
        same = next((o for o in out if same_happening(o, d)), None)
        if same is None:
            out.append(d)
            continue
        if same.when is None or (d.when and same.when.basis in ("publication", "context") and d.when.basis not in ("publication", "context")):
            same.when = d.when
        same.place = same.place or d.place
        same.disputes = sorted(set(same.disputes) | set(d.disputes))
        same.actor = same.actor or d.actor
        same.target = same.target + [k for k in d.target if k not in same.target and k not in same.actor]
        same.planned = same.planned and d.planned
        if same.hit.fine == same.kind and d.hit.fine != d.kind:
            same.hit = replace(same.hit, fine=d.hit.fine)  # "the summit" after "met": a Summit
    return out


def same_happening(a: Draft, b: Draft) -> bool:
    """Same class, one's parties within the other's, same place if both say, and dates that overlap."""
    if a.kind != b.kind:
        return False
    if not (b.parties <= a.parties or a.parties <= b.parties):
        return False
    if a.place and b.place and a.place != b.place:
        return False
    if a.when and b.when:
        return a.when.start <= b.when.end and b.when.start <= a.when.end and \
            not (a.when.basis == "explicit" and b.when.basis == "explicit" and a.when != b.when and a.when.precision == b.when.precision)
    return True


VERBS = {"Visit": "visits", "Meeting": "meets", "PhoneCall": "speaks by phone with", "Accusation": "accuses",
         "Cancellation": "calls off plans with", "Sanction": "takes measures against", "Agreement": "reaches agreement with",
         "Statement": "makes a statement", "Claim": "claims", "Denial": "denies"}


PLURAL_WITH = {"Meeting": "meet", "PhoneCall": "speak by phone with", "Agreement": "reach agreement with",
               "Accusation": "accuse", "Sanction": "take measures against"}
PASSIVE_VERBS = {"Sanction": "is sanctioned", "Accusation": "is accused"}
PLURAL = {"Meeting": "meet", "PhoneCall": "speak by phone", "Agreement": "reach agreement", "Accusation": "accuse each other"}


def label(d: Draft, entities: dict[str, Entity]) -> str:
    """A line for the timeline: "Antony Blinken visits Beijing"."""
    name = lambda keys: " and ".join(entities[k].label for k in keys if k in entities) or "someone"
    actor, target = name(d.actor), name([k for k in d.target if k not in d.actor])
    verb = VERBS.get(d.kind, d.kind.lower())
    if len(d.actor) > 1 and d.kind in PLURAL_WITH and target != "someone":
        verb = PLURAL_WITH[d.kind]
    if d.kind == "Visit":
        where = entities[d.place].label if d.place in entities else target
        text = f"{actor} {'plans to visit' if d.planned else 'visits'} {where}" if where != "someone" else f"{actor} makes a visit"
    elif d.kind == "Cancellation":
        thing = {"Visit": "visit to", "PhoneCall": "call with"}.get(d.called_off, "meeting with")
        text = f"{actor}: a planned {thing} {target} is called off" if target != "someone" \
            else f"{actor}: a planned {thing.split()[0]} is called off"
    elif d.kind in ("Statement",):
        text = f"{actor} makes a statement"
    elif d.kind in ("Claim", "Denial") and d.claim:
        text = f"{actor} {verb} {d.claim[:80]}"
    elif d.kind == "Meeting" and target == "someone" and len(d.actor) == 1:
        text = f"{actor} holds a meeting"
    elif d.passive:
        text = f"{target} {PASSIVE_VERBS.get(d.kind, 'is acted against')}"
    elif d.kind == "Sanction" and target == "someone":
        text = f"{actor} imposes measures"
    elif target == "someone" and len(d.actor) > 1:
        text = f"{actor} {PLURAL.get(d.kind, verb)}"
    else:
        text = f"{actor} {verb} {target}" if target != "someone" else f"{actor} {verb.removesuffix(' with')}"
    if d.place and d.kind != "Visit" and d.place in entities:
        text += f" in {entities[d.place].label}"
    if d.disputes and d.kind in ("Accusation", "Sanction", "Agreement", "Cancellation"):
        text += " over " + ", ".join(entities[k].label for k in d.disputes[:3] if k in entities)
    return text
