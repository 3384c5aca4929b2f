"""The event reader: reads an article's sentences one at a time, drafts an event for each
trigger whose clause names the parties its class needs, dates it, and merges the reports of
one happening. The reading of one trigger is ``drafting``'s; the readers it is built from
are mixed in from the modules named for their concepts."""
from __future__ import annotations

import datetime as dt
import re

from graph.extract.catalog import Catalog
from graph.extract.dates import TimeMention
from graph.extract.events import conduct
from graph.extract.events.accusations import AccusationReader
from graph.extract.events.agreements import AgreementReader
from graph.extract.events.article_places import ArticlePlaces, dateline, place_from_before, place_from_visit
from graph.extract.events.cancellations import CancellationReader
from graph.extract.events.clauses import ClauseReader, break_finder
from graph.extract.events.document import action_drafts, covered, title_draft
from graph.extract.events.drafting import DraftReader
from graph.extract.events.implied import acting_for, aimed_at_other_side, visits_of_guests
from graph.extract.events.labels import label
from graph.extract.events.meetings import MeetingReader
from graph.extract.events.merging import merge, merge_country_level, split
from graph.extract.events.modality import Modality, cue_pattern
from graph.extract.events.model import Draft, Hit
from graph.extract.events.roles import RoleReader
from graph.extract.events.timing import References, assign_times, date_draft, fallback_dates, inherit_dates, span_visits
from graph.extract.events.triggers import TriggerFinder
from graph.extract.spans import Overlaps, Starting
from graph.extract.text import WordPlaces
from graph.model import Entity, Event, Mention, Sentence


class EventReader(DraftReader, AccusationReader, AgreementReader, MeetingReader, CancellationReader, ClauseReader, ArticlePlaces, RoleReader):
    """Reads events from an article's sentences; built once from the catalog."""

    def __init__(self, catalog: Catalog):
        self.cat = catalog
        self.triggers = TriggerFinder(catalog)
        w = catalog.words
        self.modality = Modality(w)
        self.references = References(w)
        self.conduct = conduct.ConductReader(w)
        self.group = cue_pattern(w.get("group-pronouns", ()))
        self.person_pronoun = cue_pattern(w.get("person-pronouns", ()))
        self.breaks = sorted(set(w.get("clause-breaks", ())) | set(w.get("event-clause-breaks", ())), key=len, reverse=True)
        self.break_finder = break_finder(self.breaks)
        self.reporting = cue_pattern(w.get("reporting-verbs", ()))
        self.reporting_places = WordPlaces(w.get("reporting-verbs", ()))  # where to search each sentence for them
        verbs = self.reporting.pattern  # "(?<![\w’'])(?:said|says|…)(?![\w])"
        # "X, a spokesman for Y, said": a speaker's name, then (a description and) the verb
        self.speaker_verb = re.compile(r"\s*(?:,[^,]{0,60},\s*)?" + verbs, re.I)
        # the end of "X said (on Friday) (that)": what follows is X's account
        self.said_that = re.compile(verbs + r"(?:\s+(?:on|late\s+on|early\s+on)\s+\w+)?,?(?:\s+that)?\s+(?:the\s+)?$", re.I)
        self.wrongdoing = cue_pattern(w.get("wrongdoing", ()))

    def read(self, text: str, sentences: list[Sentence], mentions: list[Mention],
             entities: dict[str, Entity], times: list[TimeMention], disputes: list[Mention],
             published: dt.date | None, title: str | None = None,
             title_found: tuple[list[Mention], dict[str, Entity]] = ([], {})) -> list[Event]:
        """The events of an article: its sentences' and, from its title, the call or meeting a
        readout or a transcript is about (``title_found`` is the entity finder's answer on the title)."""
        drafts: list[Draft] = []
        self._principals = principals(title, title_found, entities)
        self._headings = None  # a transcript's speaker headings, found when first needed
        named = title_draft(title, title_found[0], title_found[1], entities, sentences, text, published)
        if named is not None:
            named.place = named.place or self.heading_place(text, entities)
            drafts.append(named)
        last_person: str | None = None
        self._time_spans = Overlaps(times)
        times_at, disputes_at = Starting(times), Starting(disputes)
        for s in sentences:
            agents = self.agents(text, s, mentions, entities)
            hits = self.triggers.hits(text, s)
            reports = self.reported_hits(text, s)
            if reports:
                hits = sorted(hits + reports, key=lambda h: (h.start, -h.end))
            if not hits:  # no event here: only the last person named moves on
                last_person = next((a.key for a in agents if a.kind == "Person" and not a.modifier), last_person)
                continue
            s_times = times_at.within(s.start, s.end)
            self._sentence_hits, self._consumed = hits, set()
            pending: list[tuple[Hit, Draft]] = []
            settled = len(drafts)  # this sentence's drafts stand at the end while it is read
            for i, hit in enumerate(hits):
                if i and hits[i - 1].event_class == hit.event_class and \
                        re.fullmatch(r"\s+to\s+", text[hits[i - 1].end:hit.start]):
                    continue  # "decision to resume", "agreed to sign": one happening
                draft = self.draft(text, s, hit, agents, drafts, last_person, entities)
                if draft is not None:
                    pending.append((hit, draft))
                    drafts.append(draft)
            del drafts[settled:]  # they go back below, dated and split
            pending = [(h, d) for h, d in pending if h not in self._consumed]
            owner = assign_times([h for h, _ in pending], s_times, text,
                                 {h: self.reach(text, s, h) for h, _ in pending})
            s_disputes = sorted({d.entity for d in disputes_at.within(s.start, s.end)})
            for hit, draft in pending:
                date_draft(draft, owner.get(hit), published, text)
            # the earlier visits a "first … since X" names go first: the sentence's own subject stays the last person
            pending = [(hit, d) for hit, draft in pending if draft.kind == "Visit"
                       for d in self.predecessor(text, s, hit, draft, agents, s_times, published, entities)] + pending
            measures = {d.hit: d for _, d in pending}
            for hit, draft in pending:
                if draft.announces is not None:  # "…, which X announced last week": the measure's date, no event
                    measure = measures.get(draft.announces)
                    if measure is not None and measure.when is None:
                        measure.when = draft.when
                    continue
                draft.disputes = s_disputes
                drafts.extend(split(draft, text, agents, entities, self.entity_at, s_times))
            persons = [a.key for a in agents if a.kind == "Person" and not a.modifier]
            if persons:
                last_person = persons[0] if not drafts or not drafts[-1].actor or drafts[-1].sentence != s else (
                    next((k for k in drafts[-1].actor if entities.get(k) and entities[k].kind == "Person"), persons[0]))
        inherit_dates(drafts, published)
        where = dateline(text, self._mention_starts, entities)
        place_from_visit(drafts)
        self.place_at_dateline(drafts, where, text, published, entities)
        place_from_before(drafts)
        if where is not None:  # news told from where it happened
            drafts += [v for v in visits_of_guests(drafts, entities, published) if self.complete(v, entities)]
        span_visits(drafts, entities, published)
        merged = merge(drafts, entities)
        for action in reversed(action_drafts(title, title_found[0], title_found[1], entities, sentences, text, times,
                                             published, self.cat.entities, self._mentions)):
            if not covered(action, merged):
                merged.insert(0, action)
        for accusation in self.conduct.drafts(title, title_found, text, mentions, entities, sentences, published,
                                              self.cat.entities):
            if not conduct.covered(accusation, merged):
                merged.append(accusation)
        fallback_dates(merged, times, text, published, self.references)
        merged = merge_country_level(merged, entities)
        aimed_at_other_side(merged, entities, self._mentions, self.cat.capitals)
        return [self.event(d, entities) for d in merged]

    def event(self, d: Draft, entities: dict[str, Entity]) -> Event:
        """The Event a draft stands for (a draft with no actor that is not passive: its first target acts)."""
        if not d.actor and d.target and not d.passive:
            d.actor, d.target = d.target[:1], d.target[1:]
        return Event(kind=d.hit.fine or d.kind, family=d.kind, label=label(d, entities), evidence=d.sentence,
                     actor=tuple(dict.fromkeys(d.actor)), target=tuple(k for k in dict.fromkeys(d.target) if k not in d.actor),
                     place=d.place, when=d.when, disputes=tuple(d.disputes), trigger=d.hit.text,
                     planned=d.planned, claim=d.claim if d.kind in ("Claim", "Denial", "Accusation") else None,
                     participants=acting_for(d, entities))

    def prepare(self, mentions: list[Mention], entities: dict[str, Entity], text: str = "") -> None:
        """Index an article's mentions (by start, in order) for the readers, before ``read``."""
        self._mention_starts = {m.start: m for m in mentions}
        self._mentions, self._entities, self._text = mentions, entities, text
        self._sorted = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self._sorted]
        self._longest = max((m.end - m.start for m in mentions), default=0)


def principals(title: str | None, title_found, entities: dict[str, Entity]) -> list[str]:
    """The people a transcript's title names ("Remarks by President Biden and President Xi …"),
    as the text knows them."""
    if not title or not title.lower().startswith("remarks"):
        return []
    t_mentions, t_entities = title_found
    return list(dict.fromkeys(m.entity for m in t_mentions if m.entity in entities
                              and t_entities.get(m.entity) and t_entities[m.entity].kind == "Person"))
