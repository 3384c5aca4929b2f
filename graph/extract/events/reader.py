"""The event reader: reads an article's sentences one at a time, drafts an event for each
trigger whose clause names the parties its class needs, dates it, and merges the reports of
one happening."""
from __future__ import annotations

import bisect
import datetime as dt
import re

import ahocorasick
from dataclasses import replace

from graph.extract.catalog import Catalog
from graph.extract.dates import TimeMention
from graph.extract.events import conduct
from graph.extract.events.document import action_draft, covered, title_draft
from graph.extract.events.labels import label
from graph.extract.events.implied import visits_of_guests
from graph.extract.events.merging import merge, merge_country_level, split
from graph.extract.events.modality import Modality, cue_pattern, denies_a_claim
from graph.extract.events.model import EVENT_NOUNS, TWO_PARTY, Draft, Hit
from graph.extract.events.roles import BEING_IN, BETWEEN, BY, PASSIVE, RoleReader, in_quotes, is_title_run, of_sentence, sides
from graph.extract.events.timing import assign_times, date_draft, fallback_dates, inherit_dates, span_visits
from graph.extract.events.triggers import TriggerFinder
from graph.extract.spans import Overlaps, Starting
from graph.extract.text import WordPlaces
from graph.model import Entity, Event, Mention, Sentence


# A report's teller after its clause: ", the Justice Department said." / ", prosecutors in Brooklyn announced on Tuesday."
CONDITION_BEFORE = re.compile(r"\b(?:[Ii]f|[Uu]nless|[Ww]hether|[Oo]nce|[Ss]hould)\b[^,;]*$")
TELLS = re.compile(r"\s*(?:,[^,]*,\s*)?(?:\w+ly\s+)?(?:said|says|announced|stated|alleged)\b")
TOLD_AFTER = re.compile(r",\s*[^,;]{0,80}?\b(?:said|says|announced|stated|alleged|alleges)\b[^,;]{0,40}?[.”\"]*\s*$")


class EventReader(RoleReader):
    """Reads events from an article's sentences; built once from the catalog."""

    def __init__(self, catalog: Catalog):
        self.cat = catalog
        self.triggers = TriggerFinder(catalog)
        w = catalog.words
        self.modality = Modality(w)
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

    # --- reading ----------------------------------------------------------------------
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
        self.place_at_dateline(drafts, where, text, published, entities)
        place_from_before(drafts)
        if where is not None:  # news told from where it happened
            drafts += [v for v in visits_of_guests(drafts, entities, published) if self.complete(v, entities)]
        span_visits(drafts, entities, published)
        merged = merge(drafts, entities)
        action = action_draft(title, title_found[0], title_found[1], entities, sentences, text, times, published,
                              self.cat.entities)
        if action is not None and not covered(action, merged):
            merged.insert(0, action)
        for accusation in self.conduct.drafts(title, title_found, text, mentions, entities, sentences, published,
                                              self.cat.entities):
            if not conduct.covered(accusation, merged):
                merged.append(accusation)
        fallback_dates(merged, times, text, published)
        merged = merge_country_level(merged, entities)
        return [self.event(d, entities) for d in merged]

    def draft(self, text, s, hit, agents, drafts, last_person, entities) -> Draft | None:
        clause_start, clause_end = self.clause(text, s, hit)
        before = text[clause_start:hit.start]
        if hit.word_class == "demand":
            return self.demand(text, s, hit, agents, clause_start, before)
        if hit.word_class == "reported":
            return self.reported(text, s, hit, agents, before, last_person, entities)
        if hit.event_class == "Agreement" and hit.word_class == "verb" and hit.text.lower().startswith("sign") \
                and ORDER_SIGNED.match(text, hit.end):
            # "signed an executive order barring transactions with X": an order acts on a party, no one agrees
            if any(h.event_class == "Sanction" and hit.end < h.start < clause_end for h in self._sentence_hits):
                return None  # the measure's own word ("barring", "tariffs") reports it
            hit = Hit(hit.start, hit.end, hit.text, "Sanction", "verb", "Sanction")
        if self.modality.ruled_out(before, hit) or self.modality.negated_later(text[hit.end:clause_end], hit):
            return None
        if re.match(r"\s+(?:that|which)\s", text[hit.end:hit.end + 7]) and any(
                h.event_class == hit.event_class and h.word_class == "verb" and hit.end < h.start < hit.end + 50
                for h in self._sentence_hits):
            return None  # "sanctions that Washington imposed": the verb of the relative clause reports it
        announced = next((h for h in self._sentence_hits if hit.event_class == "Statement" and hit.word_class == "verb"
                          and h.event_class == "Sanction" and h.word_class == "noun" and h.end < hit.start
                          and self.clause(text, s, h)[1] < hit.start
                          and ANNOUNCED_REL.fullmatch(text, self.clause(text, s, h)[1], hit.end)), None)
        if announced is not None:  # "…, which the Commerce Department announced last week": the measure's announcement
            return Draft(hit.event_class, hit, s, announces=announced)
        if CHARACTERISED.search(text, max(s.start, hit.start - 70), hit.start) and not (
                hit.word_class == "verb" and hit.text.lower().endswith("ed")
                and re.search(r"\band\s+(?:also\s+|then\s+)?$", text[max(s.start, hit.start - 12):hit.start])):
            return None  # "what he called illegal unilateral sanctions": a characterisation, not a report
            # (a verb in the past coordinated after it is a clause of its own: "what he called a mistake and accused …")
        if hit.event_class == "Sanction" and hit.word_class == "noun" and any(
                h.event_class == "Accusation" and CRITICISED_MEASURE.fullmatch(text, h.end, hit.start)
                for h in self._sentence_hits if h.end <= hit.start):
            return None  # "concern about U.S. restrictions on Chinese firms": what is criticised, no new measure
        if hit.event_class == "Cancellation" and hit.word_class == "noun" and hit.text.lower() == "suspension" \
                and not re.match(r"\s+of\s", text[hit.end:hit.end + 4]):
            return None  # "during the suspension, …": a period, not the act of suspending something named
        if hit.event_class == "Sanction" and hit.text.lower() in ("banning", "barring", "prohibiting", "revoking") \
                and not GERUND_OF_ACT.search(text, max(s.start, hit.start - 40), hit.start):
            return None  # "was looking at banning Chinese apps": a gerund reports a measure only after an order or an act
        if hit.event_class == "Sanction" and hit.word_class == "verb" and re.match(r"\s+no\s", text[hit.end:hit.end + 4]):
            return None  # "imposed no tariffs"
        if hit.event_class == "Sanction" and hit.word_class == "noun" and BROKEN_MEASURE.search(text, max(s.start, hit.start - 60), hit.start):
            return None  # "accused of violating U.S. sanctions on Iran", "despite American sanctions": a regime in force, no new measure
        if hit.event_class == "Sanction" and (hit.word_class == "noun" or hit.text.lower() in ("sanctions", "sanction", "bans", "ban")) \
                and LOWERED.search(text, max(s.start, hit.start - 50), hit.start) \
                and not IMPOSED_EARLIER.match(text, hit.end, min(s.end, hit.end + 60)):
            return None  # "agreed to lower tariffs on X", "will lift the ban": a measure eased is none imposed
        welcomed = self.welcome(text, s, hit, agents, clause_end)
        if welcomed is not None:  # "Xi welcomed Blinken to Beijing": a host meets a guest there
            guest, where = welcomed
            hit = replace(hit, event_class="Meeting", fine="Meeting")
        draft = Draft(hit.event_class, hit, s)
        draft.planned = self.modality.is_planned(before, hit, text[hit.end:clause_end])
        if re.search(r"\bwould\s+$", before) and re.search(r"\b(?:if|unless)\b", text[hit.end:s.end]):
            return None  # "he would impose tariffs … if he returns": a condition, not a plan
        left = [a for a in agents if clause_start <= a.start < hit.start]
        between = BETWEEN.match(text, hit.end) if hit.event_class in TWO_PARTY else None
        if between and any(hit.end < h.start < between.end() for h in self._sentence_hits):
            between = None  # "this meeting followed the summit between X and Y": the pair is the summit's
        right = [a for a in agents if hit.end <= a.start < (s.end if between else clause_end)]
        by = BY.match(text, hit.end) or (OF_VISITOR.match(text, hit.end) if hit.event_class == "Visit" else None)
        if between:
            pair = self.objects(text, hit, right, [], entities)
            draft.actor, right = pair[:1], [a for a in right if a.key in pair[1:]]
        elif by and hit.word_class == "noun":
            draft.actor = self.listed(text, [a for a in right if a.start >= by.end()])
            right = [a for a in right if a.key not in draft.actor]
        else:
            draft.actor = self.subject(text, clause_start, hit, left, drafts, last_person, entities, s)
            previous = self.coordinated_with(text, hit, clause_start, drafts, s) or \
                self.conjoined_measure(text, hit, drafts, s)
            if previous is not None:
                draft.actor = list(previous.actor)
        if hit.event_class == "Visit" and hit.word_class == "noun" and not by \
                and (visitor := VISIT_TO_BY.match(text, hit.end, clause_end)):
            # "a planned trip to Taiwan by the speaker": the visitor is the "by" phrase's, not the sentence's subject
            draft.actor = self.listed(text, [a for a in right if a.start >= visitor.end()])
            if not draft.actor:
                return None
            right = [a for a in right if a.start < visitor.end()]
        if hit.word_class == "verb" and FIRST_TO.search(text, max(s.start, hit.start - 90), hit.start) \
                and IS_THE.search(text, s.start, hit.start):
            # "X is the first U.S. adviser to visit China": the sentence's subject visits, not the adjective
            draft.actor = self.main_subject(text, s, hit.start, agents) or draft.actor
        if hit.word_class == "verb" and hit.text.lower().endswith("ing") and re.search(r",\s*$", text[s.start:hit.start]) \
                or hit.word_class == "noun" and not draft.actor and PARTICIPLE.search(text, max(s.start, hit.start - 40), hit.start):
            draft.actor = self.main_subject(text, s, hit.start, agents)  # "X said …, accusing Y of…", "…, closing a trip to…"
        if hit.word_class == "verb" and not between and AND_THEN.search(text[s.start:hit.start]) \
                and self.coordinated_with(text, hit, clause_start, drafts, s) is None \
                and (self.reporting.search(text, s.start, hit.start) or self.first_conjunct_verb(text, s, hit, agents)):
            # "Wang said Taiwan was a red line and accused Washington…", "Trump threatened China and imposed…":
            # a verb after "and" shares the subject of the verb before it: the one before the reporting verb
            # ("He said engagement had failed to change China and accused …": he, not China)
            rep = self.reporting.search(text, s.start, hit.start)
            speaker = self.main_subject(text, s, rep.start() if rep else hit.start, agents)
            if not speaker and rep and last_person and self.person_pronoun.search(text, max(s.start, rep.start() - 12), rep.start()):
                speaker = [last_person]
            if not speaker and rep and any(a.key in draft.actor and a.start >= rep.end() for a in agents):
                draft.actor = []  # no speaker known: a party named inside the report is not the one who accuses
            if not set(speaker) & set(draft.actor):  # "X and Y noted … and committed to …": already the subject
                draft.actor = speaker or draft.actor
        if not draft.actor and clause_start > s.start and (hit.word_class == "verb" or hit.event_class in EVENT_NOUNS
                                                            and re.search(r"\b(?:after|following|during|for)\s+(?:[\w-]+\s+){0,6}$",
                                                                          text[max(0, clause_start - 12):hit.start])):
            draft.actor = self.main_subject(text, s, clause_start, agents)
            if not draft.actor and hit.event_class in ("Meeting", "PhoneCall") and hit.word_class == "noun" \
                    and (group := self.group.search(text, s.start, clause_start)) \
                    and group.group().lower() in ("their", "the two leaders", "the two presidents", "both leaders"):
                # "It was their third conversation of the year, following a call in February": theirs too
                draft.actor = self.as_countries(group.group(), self.last_group(drafts))
        if hit.word_class == "verb" and hit.text.split()[0].lower().endswith("ing") \
                and OPENING_PARTICIPLE.fullmatch(text, s.start, hit.start):
            # "After receiving Vice Premier X on Monday, President Y announced …": the main clause's subject acts
            # (past a relative clause on the object: "After receiving X, who had led talks with A, Y said …")
            comma = text.find(",", hit.end, s.end)
            while comma >= 0 and re.match(r",\s*(?:who|which|whose|whom)\b", text[comma:comma + 10]):
                comma = text.find(",", comma + 1, s.end)
            subject = [a for a in agents if comma >= 0 and a.start > comma and not a.modifier and not a.possessive]
            if subject:
                draft.actor = [subject[0].key]
        elif (opening := OPENING_PARTICIPLE.match(text, s.start)) and re.match(r"\w+ing\b", text[opening.end():opening.end() + 20]):
            # "Before meeting with Wang Yi, Blinken toured …": the opening phrase's object is no subject of the main verb
            comma = text.find(",", opening.end(), hit.start)
            while comma >= 0 and re.match(r",\s*(?:who|which|whose|whom)\b", text[comma:comma + 10]):
                comma = text.find(",", comma + 1, hit.start)
            inside = {a.key for a in agents if comma >= 0 and a.start < comma}
            if comma >= 0 and inside & set(draft.actor):
                kept = [k for k in draft.actor if k not in inside or any(a.key == k and a.start > comma for a in agents)]
                draft.actor = kept or [a.key for a in agents if comma < a.start < hit.start and not a.modifier
                                       and not a.possessive][:1]
        if hit.word_class == "verb" and hit.event_class in ("Visit", "Meeting", "PhoneCall") \
                and (rel := WHO_BEFORE.search(text, s.start, hit.start)):
            # "Biden received Premier Li, who had led a delegation to Washington": the one "who" stands for
            antecedent = [a for a in agents if a.end <= rel.start() and not a.modifier and a.kind == "Person"]
            if antecedent and not text[antecedent[-1].end:rel.start()].strip():
                draft.actor = [antecedent[-1].key]
        if hit.event_class == "Accusation" and len(draft.actor) == 1:
            draft.actor = self.speaker_for(text, s, hit, draft.actor, agents, entities) or draft.actor
        if hit.event_class == "Sanction" and hit.word_class == "noun" and not draft.actor \
                and (incl := INCLUDED_REL.search(text, max(s.start, hit.start - 60), hit.start)):
            # "announced countermeasures, which included sanctions against X": the sentence's subject's measure,
            # and the measure the clause lists it in is the same one
            draft.actor = self.main_subject(text, s, incl.start(), agents)
            self._consumed.update(h for h in self._sentence_hits if h.event_class == "Sanction" and h.word_class == "noun"
                                  and h.end <= incl.start() and not re.search(r"[.;]", text[h.end:incl.start()]))
        if hit.event_class == "Agreement" and hit.text.lower().startswith("committed") and STANCE_BEFORE.search(before) \
                and len(draft.actor) < 2:
            return None  # "he is committed to maintaining open lines": one side's stance ("X and Y are committed to": both)
        if hit.event_class == "Sanction" and hit.word_class == "verb" and not right \
                and (aside := ASIDE_AFTER.match(text, hit.end, s.end)):
            # "will bar, after 45 days, any transactions with X": the object stands past the aside
            far = self.clause(text, s, Hit(aside.end(), aside.end() + 1, "", "", ""))[1]
            right = [a for a in agents if aside.end() <= a.start < far]
        draft.target = self.objects(text, hit, right, draft.actor, entities)
        if hit.event_class == "Sanction" and draft.actor and draft.target \
                and all(self.own_side(k, draft.actor, entities) or k in draft.actor for k in draft.target):
            # "barred U.S. firms from selling chips to X", "restricting American investment in X": the
            # measure binds the actor's own side; it is aimed at the other party the clause names
            others = [a for a in agents if hit.end <= a.start < clause_end and a.key not in draft.actor
                      and not self.own_side(a.key, draft.actor, entities)]
            draft.target = [a.key for a in (([a for a in others if not a.modifier] or others)[:1])]
        if hit.event_class == "Sanction" and draft.actor and not draft.target and not draft.passive \
                and (RETALIATION.search(text, max(s.start, hit.start - 40), hit.start) or RETALIATION.match(hit.text)):
            # "X sanctioned four officials, and China responded with sanctions on ten Europeans": a reply is aimed
            # at whoever took the measure it answers
            answered = next((d for d in reversed(drafts) if d.kind == "Sanction" and d.actor
                             and not set(d.actor) & set(draft.actor)
                             and any(k in draft.actor or self.own_side(k, draft.actor, entities) for k in d.target)
                             and 0 <= s.start - d.sentence.start < 600), None)
            if answered is not None:
                draft.target = list(answered.actor)
        if hit.event_class == "Sanction" and draft.actor and not draft.target and not draft.passive \
                and (cue := RETALIATION_FOR.search(text, hit.end, s.end)):
            # "imposed sanctions on 11 Americans in retaliation for the U.S. sanctions": aimed at the side answered
            answered = [a for a in agents if cue.end() <= a.start < cue.end() + 30 and a.key not in draft.actor
                        and not self.own_side(a.key, draft.actor, entities)]
            draft.target = [answered[0].key] if answered else []
        if hit.event_class == "Accusation" and not draft.target and not between \
                and re.match(r",?\s+including\b", text[clause_end:clause_end + 12]):
            # "raised concerns over the misuse of AI, including by the PRC": the list names whose conduct
            wider = [a for a in agents if hit.end <= a.start < self.reach(text, s, hit)[1]]
            draft.target = self.objects(text, hit, wider, draft.actor, entities)
        if hit.event_class == "Accusation" and hit.word_class == "verb" and draft.actor:
            # "…, accusing it of helping Russia": the pronoun is the one accused, not who follows
            draft.target = self.pronoun_target(text, s, hit, draft.actor, drafts) or draft.target or \
                self.relative_target(text, s, hit, draft.actor, agents, entities)
            draft.mutual = len(draft.actor) == 2 and not draft.target and bool(
                RECIPROCAL.match(text, hit.end) or hit.text.lower().startswith("traded"))
        if not draft.actor and hit.event_class in ("Meeting", "PhoneCall"):
            owner = next((a for a in right if a.possessive and COUNTERPART.match(text, a.end)), None)
            if owner and owner.key not in draft.target:  # "talks with Kerry's longtime counterpart, Xie Zhenhua"
                draft.actor = [owner.key]
            opening = next((a for a in agents if a.start >= s.start), None)
            if not draft.actor and hit.word_class == "noun" and opening and opening.possessive and opening.key not in draft.target \
                    and re.match(r"[’']s?\s+(?:[\w-]+\s+){0,2}(?:visit|trip|tour|delegation|team)\b", text[opening.end:opening.end + 40]) \
                    and is_title_run(text[s.start:opening.start]):
                draft.actor = [opening.key]  # "Wang's three-day visit … included talks with Blinken"
        if hit.word_class == "verb" and hit.event_class == "Sanction" and BOUND_BY_EARLIER.match(text, hit.end, s.end) \
                and PASSIVE.search(text[max(clause_start, hit.start - 25):hit.start]):
            return None  # "Americans are barred from doing business with them": how a measure reported before works
        if hit.word_class == "verb" and PASSIVE.search(text[max(clause_start, hit.start - 25):hit.start]) \
                and hit.event_class in ("Sanction", "Accusation", "Cancellation"):
            by = BY.search(text, hit.end, clause_end)
            draft.target = list(draft.actor)  # "X was sanctioned (by Y)": X is acted on
            draft.actor = self.listed(text, [a for a in right if by and a.start >= by.end()]) if by else []
            draft.passive = not draft.actor
            teller = next((a for a in reversed(left) if not a.modifier and not a.possessive
                           and TELLS.match(text, a.end, hit.start)), None)
            if teller is not None and not by:
                # "China's ministry said (that) X was sanctioned": the teller is no patient; the one acted
                # on is named after the reporting verb, or not at all
                said = TELLS.match(text, teller.end, hit.start)
                draft.target = [a.key for a in left if a.start >= said.end() and not a.modifier][:1]
                if not draft.target:
                    return None
                if not draft.actor and not self.own_side(draft.target[0], [teller.key], entities) \
                        and not self.own_side(teller.key, draft.target, entities):
                    draft.actor, draft.passive = [teller.key], False  # a government tells of its own measure
        elif hit.word_class == "noun" and hit.event_class == "Sanction" and PARTICIPLE_AFTER.match(text, hit.end) \
                and (by := BY.search(text, hit.end, clause_end)) and any(a.start >= by.end() for a in right):
            # "the sanctions imposed on Monday on Chinese officials by the United States": the measure's
            # imposer is the participle's "by" phrase, not the sentence's subject
            draft.actor = self.listed(text, [a for a in right if a.start >= by.end()])
            draft.target = self.objects(text, hit, [a for a in right if a.start < by.start()], draft.actor, entities)
        struck = HIT_WITH.search(text, clause_start, hit.start) if hit.event_class == "Sanction" and hit.word_class == "noun" else None
        if struck is not None:
            # "Washington hit Chinese solar panels with new tariffs": the one hit is acted on, by the verb's subject
            hit_ones = [a.key for a in agents if struck.start("what") <= a.start < struck.end("what") and not a.modifier]
            doers = [a for a in left if a.end <= struck.start() and not a.modifier and not a.possessive]
            if hit_ones and doers:
                draft.actor, draft.target = self.subject_run(text, doers), hit_ones[:1]
        struck = HIT_WITH_PASSIVE.search(text, clause_start, hit.start) \
            if hit.event_class == "Sanction" and hit.word_class == "noun" else None
        if struck is not None:
            # "Chinese officials were hit with sanctions by the Treasury": the subject is acted on, by the "by" party
            by = BY.match(text, hit.end)
            hit_ones = [a.key for a in left if a.end <= struck.start() and not a.modifier][-1:]
            doers = [a.key for a in agents if by and by.end() <= a.start <= by.end() + 8 and not a.modifier][:1]
            if hit_ones:
                draft.actor, draft.target, draft.passive = doers, hit_ones, not doers
        under = UNDER.search(text, clause_start, hit.start) if hit.event_class == "Sanction" else None
        subject = [a for a in left if under and a.end <= under.start() and not a.modifier
                   and re.fullmatch(r"\s*(?:(?:has|have|had)\s+)?(?:(?:long|also|still|now|already)\s+)?",
                                    text[a.end:under.start()])]
        if subject:  # "Li has been under U.S. sanctions since 2018": Li is acted on, by the side the noun names
            draft.target = [subject[-1].key]
            draft.actor = [a.key for a in left if a.start >= under.start() and a.kind == "Country"][:1]
            draft.passive = not draft.actor
        listed = self.listing(text, hit, clause_start, left, draft, agents)
        if listed is not None:
            draft.actor, draft.target = listed
            draft.passive = not draft.actor
        if hit.word_class == "noun" and not draft.parties and hit.event_class in TWO_PARTY:
            draft.actor = self.compound_pair(text, hit, agents, clause_start, clause_end)
        place_end = s.end if between else clause_end
        if not between:
            place_end = self.reach(text, s, hit)[1]
        later = [h.start for h in self._sentence_hits if h.start > hit.end and h.event_class in EVENT_NOUNS
                 and "," in text[hit.end:h.start]]
        place_end = min([place_end] + later)  # "met X at the White House …, and will meet Y in San Francisco next month"
        draft.place = self.place(text, hit, clause_start, place_end, entities, draft)
        if hit.event_class in ("Claim", "Denial", "Accusation"):
            claim = re.sub(r"^(?:that|was|were|is|are|of|about|over)\s+", "", text[hit.end:clause_end].strip(" ,.;:"))
            draft.claim = claim or None
        if hit.event_class == "Denial" and not denies_a_claim(text, hit):
            return None  # "deny basic rights" is no denial of a claim
        if hit.event_class == "Cancellation":
            return self.cancelled(text, s, hit, draft, drafts, agents)
        if hit.event_class == "Agreement" and hit.word_class == "noun" and len(sides(draft.parties, entities)) < 2 \
                and (signed := SIGNED_WITH.match(text, hit.end, s.end)):
            # "under the trade deal signed with the United States in January, China pledged …": the party after
            # "with" and the sentence's other side made the deal
            other = [a for a in agents if signed.end() <= a.start < signed.end() + 40 and not a.modifier][:1]
            if other:
                rest = [a.key for a in agents if not a.modifier and a.key != other[0].key
                        and not self.own_side(a.key, [other[0].key], entities) and not self.own_side(other[0].key, [a.key], entities)]
                draft.actor, draft.target = (draft.actor or rest[:1]), [other[0].key]
        if hit.event_class == "Agreement" and hit.word_class == "verb" and len(sides(draft.parties, entities)) < 2:
            self.agreed_by_antecedent(text, s, hit, draft, agents, entities)
        if hit.event_class == "Agreement" and hit.word_class == "verb" and len(draft.actor) == 1 and not draft.target \
                and (pay := PAY_PENALTY.match(text, hit.end, clause_end)):
            draft.target = self.settled_with(text, s, pay.end(), clause_end, draft.actor, agents, drafts, entities)
        if welcomed is not None:
            draft.target, draft.place = [guest], where or draft.place
        if hit.event_class in ("PhoneCall", "Meeting") and hit.word_class == "noun" \
                and len(sides(set(draft.parties), entities)) < 2 and LED_TO.search(text, max(s.start, hit.start - 60), hit.start):
            # "issued a joint statement with China after negotiations in Geneva": the talks were theirs
            outcome = [d for d in of_sentence(drafts, s) if d.kind in ("Agreement", "Meeting", "PhoneCall")
                       and d.hit.start < hit.start and len(sides(d.parties, entities)) >= 2
                       and (not draft.actor or set(draft.actor) <= d.parties)]
            if outcome:
                draft.actor, draft.target = list(outcome[-1].actor), list(outcome[-1].target)
        if hit.event_class in ("PhoneCall", "Meeting") and len(draft.parties) < 2:
            self.between_you_and_me(text, s, hit, draft, clause_start, clause_end)
        if hit.event_class in ("PhoneCall", "Meeting") and len(draft.parties) >= 2 \
                and len({home(k, entities) for k in draft.parties} - {None}) == 1 and None not in {home(k, entities) for k in draft.parties} \
                and THEIR_COUNTERPARTS.search(text, hit.end, s.end):
            # "meetings between Secretary A, Secretary B and their counterparts": each met a counterpart, not one another
            return None
        if draft.passive and hit.event_class == "Accusation" and hit.text.lower().startswith(("charg", "indict")):
            teller = self.charge_teller(text, s, hit, agents, draft.target, entities)
            if not teller:
                return None  # "individuals that were indicted in the United States": a charge with no accuser named
            draft.actor, draft.passive = teller, False
        if hit.event_class == "Visit" and BEING_IN.fullmatch(hit.text) and draft.place and any(
                home(k, entities) is not None and home(k, entities) in (draft.place, home(draft.place, entities))
                for k in draft.actor):
            return None  # "Biden was in Washington for talks": at home, no trip
        return draft if self.complete(draft, entities) else None

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

    def agreed_by_antecedent(self, text, s, hit, draft, agents, entities) -> None:
        """"the United States and China, which pledged in Glasgow to …": the parties a relative pronoun
        stands for; "the deal, signed by X and Y in January": the parties after "by" of a participle."""
        rel = WHICH_BEFORE.search(text, s.start, hit.start)
        if rel is not None:
            before = [a for a in agents if a.end <= rel.start() and not a.modifier]
            if before and not text[before[-1].end:rel.start()].strip():
                found = self.subject_run(text, before)
                if len(sides(set(found), entities)) >= 2:
                    draft.actor, draft.target = found, []
                    return
        by = BY.match(text, hit.end) if re.search(r"(?:,|\b(?:deal|agreement|accord|pact|treaty|declaration|statement|"
                                                  r"memorandum|communiqu[eé]))\s+$", text[s.start:hit.start]) else None
        if by is not None:
            found = self.listed(text, [a for a in agents if a.start >= by.end()])
            if len(sides(set(found), entities)) >= 2:
                draft.actor, draft.target = found, []

    def settled_with(self, text, s, start, end, actor, agents, drafts, entities) -> list[str]:
        """"X agreed to pay a $1 billion penalty (to Y / brought by Y)": a settlement with the party the
        phrase names, else with whoever took the last measure against X (in the sentences just before)."""
        named = [a.key for a in agents if start <= a.start < end and not a.modifier and a.key not in actor
                 and re.search(r"\b(?:to|by|with)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}$", text[max(s.start, a.start - 30):a.start])]
        if named:
            return named[:1]
        measure = next((d for d in reversed(drafts) if d.kind == "Sanction" and d.actor and d.sentence.start < s.start
                        and 0 <= s.start - d.sentence.end < 800
                        and any(k in actor or self.own_side(k, actor, entities) for k in d.target)), None)
        return list(measure.actor[:1]) if measure else []

    def between_you_and_me(self, text, s, hit, draft, clause_start, clause_end) -> None:
        """In a transcript of two principals' remarks, "you" is the one the speaker addresses:
        "You were kind enough to call me", "thank you for your congratulatory call". The call is
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

    def first_conjunct_verb(self, text, s, hit, agents) -> bool:
        """Whether a finite verb stands between the sentence's subject and the "and" before the
        trigger ("Trump threatened China on Monday and imposed …"): the trigger's verb is coordinated
        with it, not with a name listed before "and"."""
        subject = self.main_subject(text, s, hit.start, agents)
        at = next((a for a in agents if subject and a.key == subject[0] and a.start < hit.start), None)
        return at is not None and bool(FINITE_VERB.match(text, at.end, hit.start))

    def relative_target(self, text, s, hit, actor, agents, entities) -> list[str]:
        """"signed an aid package for Taiwan, which Beijing condemned as interference", "a boycott
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
        return found

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
        actor = [a.key for a in agents if a.start < target.start and not a.modifier and not a.possessive][:1]
        if not actor or actor[0] == target.key or self.own_side(target.key, actor, self._entities):
            return None
        draft = Draft("Accusation", hit, s, actor=actor, target=[target.key])
        draft.claim = text[target.start:s.end].strip(" ,.;:") or None
        return draft

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

    def reach(self, text: str, s: Sentence, hit: Hit) -> tuple[int, int]:
        """The clause, carried past a list of members ("a PRC delegation including the Ministry of
        …, on May 14 in Geneva"): where its place and time may stand."""
        start, end = self.clause(text, s, hit)
        if hit.event_class == "Cancellation" and (due := SCHEDULED_FOR.search(text, hit.end, end)):
            end = due.start()  # "suspended the tariffs scheduled to take effect on December 15": not the suspension's day
        if re.match(r",?\s+including\b", text[end:end + 12]):
            end = self.clause(text, s, Hit(end + 11, end + 12, "", "", ""))[1]
        elif hit.event_class == "Sanction" and hit.word_class == "noun" and (rel := ANNOUNCED_REL.match(text, end, s.end)):
            # "restrictions on …, which the Commerce Department announced last week": the measure's time
            end = self.clause(text, s, Hit(rel.end() - 1, rel.end(), "", "", ""))[1]
        return start, end

    def clause(self, text: str, s: Sentence, hit: Hit) -> tuple[int, int]:
        """The stretch of the sentence around the trigger up to the nearest clause breaks
        (remembered for the text being read: each trigger's is asked for two or three times)."""
        memo_text, memo = getattr(self, "_clauses", (None, {}))
        if memo_text is not text:
            memo = {}
            self._clauses = (text, memo)
        key = (s.start, s.end, hit.start, hit.end)
        if key in memo:
            return memo[key]
        start, end = s.start, s.end
        if self.break_finder is not None and s.start <= hit.end and hit.start <= s.end:
            # The breaks in the sentence, found once for all its triggers: the last one before
            # the trigger and the first after it bound the clause (as the search per break did).
            cuts = memo.get(("cuts", s.start, s.end))
            if cuts is None:
                # On a slice: the automaton copies the whole string it is given, so iterating
                # the full text per sentence cost time in the article's length each time.
                cuts = memo[("cuts", s.start, s.end)] = [
                    (s.start + e + 1 - n, n, adj) for e, (n, adj) in self.break_finder.iter(text[s.start:s.end])]
            start = max([start] + [p + n - adj for p, n, adj in cuts if p + n <= hit.start])
            end = min([end] + [p for p, _, _ in cuts if p >= hit.end])
        else:
            for brk in self.breaks:
                i = text.rfind(brk, s.start, hit.start)
                if i >= 0 and i + len(brk) <= hit.start:
                    start = max(start, i + len(brk) - (1 if brk.endswith(" ") else 0))
                j = text.find(brk, hit.end, s.end)
                if j >= 0:
                    end = min(end, j)
        memo[key] = start, end
        return start, end

    def cancelled(self, text, s, hit, draft, drafts, agents=()) -> Draft | None:
        """A cancellation takes its parties from the happening called off, which the sentence
        names; that happening is not reported as held ("postponed the talks")."""
        nouns = [h for h in self._sentence_hits if h.event_class in EVENT_NOUNS and h.word_class == "noun"]
        start, end = self.clause(text, s, hit)
        near = [h for h in nouns if start <= h.start < end]
        obj = THING_OBJECT.match(text, hit.end, end) if hit.word_class == "verb" else None
        if obj and near and not any(obj.start("word") <= h.start < obj.start("word") + 25 for h in near):
            near = []  # "China postponed the talks, and the U.S. suspended a planned test": the verb's own object
        if not near and hit.word_class == "verb":
            thing = self.thing_called_off(text, s, hit, draft, end, agents)
            if thing is not None or not nouns or hit.text.lower().startswith(("delay", "hold", "held")):
                return thing  # "delayed those …, after phone calls with X": what is delayed is no call
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
        if not draft.actor and source:
            draft.actor, draft.target = list(source.actor), list(source.target)
        elif source and not draft.target:
            draft.target = [k for k in source.parties if k not in draft.actor]
        if not draft.actor:
            return None
        draft.claim = None
        return draft

    def thing_called_off(self, text, s, hit, draft, end, agents) -> Draft | None:
        """"postponed a planned test launch", "will suspend broadcasts of the games", "held off on
        raising tariffs": a planned thing other than a meeting, called off by the verb's subject. A
        measure the object names ("suspended the tariffs on X") is suspended, not imposed: the
        suspension is the event, on the side the object names. Nothing without an object (a
        passive, "postponed until May") or when trade itself is stopped ("suspended imports of …")."""
        obj = THING_OBJECT.match(text, hit.end, end)
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
        agents = [a for a in agents if obj.start("word") <= a.start < (measures[-1].end + 60 if measures else thing_end)
                  and a.start < end and a.key not in draft.actor]
        draft.target = [a.key for a in agents if not self.own_side(a.key, draft.actor, self._entities)]
        draft.called_off = "Sanction" if measures else "thing"
        draft.claim = text[obj.start("word"):thing_end].strip(" ,.;:") if not measures else None
        return draft

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
        self._longest = max((m.end - m.start for m in mentions), default=0)


# The object of a verb calling something off: a noun phrase, not a time, a "by" phrase or a clause
# ("postponed a planned test launch", "suspend broadcasts of the games", "held off on raising tariffs");
# stopping trade itself ("suspended imports of …") is a measure of another kind, read elsewhere or not at all.
THING_OBJECT = re.compile(r"\s+(?=(?P<dets>(?:(?:its|their|his|her|the|a|an|all|some|further|planned|scheduled|long-planned|"
                          r"upcoming|routine|two|three|several)\s+)*))(?P=dets)(?!(?:by|until|to|for|on|in|at|after|because|amid|over|"
                          r"indefinitely|again|last|this|next|that|which|it|them|him|her|those|these|imports?|exports?|purchases|"
                          r"sales|shipments|cooperation|talks|de\s+minimis|treatment|status|exemptions?|privileges?|benefits?|waivers?|preferences)\b)(?P<word>[a-z0-9$][\w.%$-]*)")
# The time a thing called off was due: "scheduled to take effect on …", "planned for …", "due to start on …".
SCHEDULED_FOR = re.compile(r"\b(?:scheduled|due|set|slated|planned|expected)\s+(?:to\s+(?:take\s+effect|begin|start|go\s+into\s+effect|"
                           r"be\s+held|take\s+place)|for)\b")
# After a measure: the clause that reports its imposition ("its tariff imposed on April 2", "the duties it announced").
IMPOSED_EARLIER = re.compile(r"(?:\s+[\w%$.,-]+){0,6}?\s+(?:(?:it|they|that|which|Beijing|Washington)\s+)?(?:had\s+|has\s+)?"
                             r"(?:imposed|announced|introduced|levied|adopted)\b")
THING_END = re.compile(r"\s(?:on|for|until|after|because|amid|over|following|as|in|at|by|from|to|that|which|while|"
                       r"and|but)\s|[,;:.]")
# Before a measure in force that someone breaks or ignores: "violating U.S. sanctions on …", "despite the embargo".
BROKEN_MEASURE = re.compile(r"\b(?:violat\w*|in\s+violation\s+of|evad\w*|evasion\s+of|circumvent\w*|breach\w*|"
                            r"despite|defy\w*|defied|skirt\w*|bust\w*|dodg\w*|flout\w*|in\s+breach\s+of|(?:get|gets|got|getting|work|works|"
                            r"worked|working)\s+around)\s+"
                            r"(?:the\s+|its\s+|their\s+)?(?:[\w.’'-]+\s+){0,3}$")
# Before a measure that is eased, not imposed: "to lower tariffs on …", "lifted the sanctions", "roll back duties".
LOWERED = re.compile(r"\b(?:cut|cuts|cutting|lower|lowers|lowered|lowering|reduce[sd]?|reducing|remove[sd]?|removing|"
                     r"lift|lifts|lifted|lifting|ease[sd]?|easing|roll(?:s|ed|ing)?\s+back|scrap(?:s|ped|ping)?|"
                     r"halve[sd]?|halving|waive[sd]?|waiving|drop(?:s|ped|ping)?|relax(?:es|ed|ing)?)\s+"
                     r"(?:the\s+|its\s+|their\s+|some\s+|all\s+|most\s+)?(?:[\w.%$’'-]+\s+){0,3}$")
# A copula before "committed to": a stance ("remains committed to"), not a commitment made.
STANCE_BEFORE = re.compile(r"(?:\b(?:is|are|was|were|am|be|been|being|remains?|remained|stays?|stayed)|[’']s|[’']re)\s+"
                           r"(?:(?:\w+ly|still|also|very|so)\s+){0,2}$", re.I)
# A relative clause listing a measure within another: ", which included sanctions against …", "that include".
INCLUDED_REL = re.compile(r"\b(?:which|that)\s+(?:also\s+)?(?:included?|includes|including|comprised?|covered)\s+"
                          r"(?:(?:new|fresh|further|the|its|their)\s+)?(?:[\w-]+\s+){0,2}$")
# A reply in kind: "retaliated with", "responded with sanctions", "hit back with tariffs".
RETALIATION = re.compile(r"\b(?:retaliat\w*|respond(?:ed|s|ing)?|hit\w*\s+back|str(?:uck|ikes?|iking)\s+back|countered|"
                         r"in\s+(?:response|retaliation|reply))\b(?:[^.;]{0,40}$|\s+with\b)", re.I)
# "agreed (in June) to pay a $1 billion penalty": a settlement, made with the party that imposed it.
PAY_PENALTY = re.compile(r"(?:\s+(?:in|on|last|this)\s+\w+)?\s+to\s+pay\s+(?:(?:a|an|the|its)\s+)?(?:(?:record|combined|total)\s+)?"
                         r"(?:[$€£]?[\d.,]+\s*(?:million|billion)?\s+)?(?:(?:civil|criminal)\s+)?(?:penalty|penalties|fines?|settlement)\b")
# "(are barred) from doing business with them": the parties a measure reported before binds, by a pronoun.
BOUND_BY_EARLIER = re.compile(r"\s+from\s+\w+ing\b[^.;]{0,40}?\b(?:with|to|from|in)\s+(?:them|it|him|her|those|these|such)\b")
# After a deal: "signed with", "reached with", "struck with" (the party that follows made it too).
SIGNED_WITH = re.compile(r"\s+(?:that\s+was\s+|which\s+was\s+)?(?:signed|reached|struck|sealed|concluded)\s+"
                         r"(?:(?:in|on|last)\s+\w+(?:\s+\d{4})?\s+)?with\s+(?:the\s+)?")
# "…, and", "and then", "and on Friday" just before a verb: a second verb of the same subject.
AND_THEN = re.compile(r"[\w”\"]\s*,?\s+and\s+(?:also\s+|then\s+|later\s+)?(?:(?:on|in|last|this|early|late)\s+[\w.]+(?:\s+\d+)?\s+)?$")
# "…, who (had) (recently) led a delegation to …": a person's relative clause just before the verb.
WHO_BEFORE = re.compile(r",\s*who\s+(?:(?:had|has|have|also|then|later|once|previously|recently|just)\s+){0,2}$")
# A relative pronoun just before the verb: "X and Y, which (had) pledged …", "…, who agreed …".
WHICH_BEFORE = re.compile(r",\s*(?:which|who)\s+(?:(?:had|have|has|also|jointly|both|then|later)\s+){0,2}$")
# "in retaliation for the U.S. sanctions", "in response to Washington's tariffs": the side a measure answers follows.
RETALIATION_FOR = re.compile(r"\bin\s+(?:retaliation|response|reply)\s+(?:for|to|against)\s+(?:the\s+|a\s+|an\s+)?")
# Before a gerund that reports a measure taken: the order or rule that does it, a participle's comma, "by" (the
# means of an act): "an executive order banning …", "retaliated by banning …", "…, barring firms from …".
GERUND_OF_ACT = re.compile(r"(?:,|\bby|\b(?:orders?|rules?|measures?|laws?|decisions?|proclamations?|directives?|"
                           r"memorand(?:um|a)|regulations?|bills?|legislation|decree)(?:\s+\w+){0,3}?)\s+$")
# A short aside between commas right after a verb: "will bar, after 45 days, …".
ASIDE_AFTER = re.compile(r"\s*,\s*[^,.;:]{1,40}?,\s*")
# What a president or a ministry signs that is no agreement: an order, a proclamation, a memorandum.
ORDER_SIGNED = re.compile(r"\s+(?:(?:an?|the|two|three|several|new|its|his|her|their|\d+)\s+)?(?:executive\s+orders?|"
                          r"(?:presidential\s+)?proclamations?|(?:national\s+security\s+|presidential\s+)?memorand(?:um|a)|"
                          r"orders?|decrees?|directives?|Executive\s+Orders?|Proclamations?)\b")
# A participle after a measure noun: "the sanctions imposed on …", "tariffs announced by …".
PARTICIPLE_AFTER = re.compile(r"\s+(?:imposed|announced|introduced|levied|placed|adopted|issued|unveiled|enacted)\b")
# Between a criticism and the measure criticised, with nothing saying the measure is new: "concern
# about U.S. restrictions", "opposition to the American sanctions" (not "opposition to new … curbs").
CRITICISED_MEASURE = re.compile(r"[\"”]?\s+(?:about|over|to|against|at|of)\s+(?:the\s+|its\s+|their\s+)?"
                                r"(?:(?!new\b|latest\b|fresh\b|further\b|additional\b|recent\b)[\w.’'-]+\s+){0,3}")
# "the first … to visit", "the first … to travel to": a visit measured against the one before it.
FIRST_TO = re.compile(r"\b(?:first|only|last|latest|most\s+senior|highest[-\s]ranking)\b[^;!?]{0,80}?\bto\s+$")
SINCE = re.compile(r"\s+since\s+(?:the\s+)?")
NAME_ENDS = re.compile(r"(?:\s+(?:in|during)\s+(?:\w+\s+)?\d{4})?\s*(?:[,.;)]|$)")
IS_THE = re.compile(r"\b(?:is|was|became|becomes|will be|would be)\s+(?:the|only the)\s+(?:first|only|last|latest|"
                    r"most\s+senior|highest[-\s]ranking)\b")
# "a trip to Taiwan by …", "the visit to Beijing next week by …": the visitor after the destination.
VISIT_TO_BY = re.compile(r"\s+(?:to|of)\s+(?:the\s+)?(?:[\w.’'-]+\s+){1,5}?by\s+")
# A participle phrase opening the sentence: "After receiving …", "Before meeting with …", "While hosting …".
OPENING_PARTICIPLE = re.compile(r"\W*(?:After|Before|While|When|Since|Following|Shortly\s+after|Soon\s+after|Just\s+before)\s+")
# "between A, B and their counterparts": the other side, unnamed.
THEIR_COUNTERPARTS = re.compile(r"\b(?:their|his|her|its)\s+(?:[\w-]+\s+)?counterparts?\b")


def home(key: str, entities: dict[str, Entity]) -> str | None:
    """The country a party belongs to (a country its own), or None when unknown."""
    e = entities.get(key)
    if e is None:
        return None
    return key if e.kind == "Country" else e.country


# "the visit of President Trump": the visitor follows "of" (as "by" would).
OF_VISITOR = re.compile(r"\s+of\s+(?=(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z])")
# Talks that led to what the sentence reports: "… with China after successful negotiations in Geneva".
LED_TO = re.compile(r"\b(?:after|following|at the end of|concluding|capping)\s+(?:[\w-]+\s+){0,5}$")
# A finite verb of a first conjunct: a past form, or an auxiliary ("did not meet").
FINITE_VERB = re.compile(r"\s*(?:[\w’'.,-]+\s+){0,2}?(?:\w+ed|did|does|has|had|was|were|is|are|met|spoke|held|took|made|sent|"
                         r"left|went|saw|gave|told|said|struck|won|lost|began|flew)\b")
# A relative clause that announces or imposes the measure before it: ", which the Commerce Department
# announced", "that Washington imposed".
ANNOUNCED_REL = re.compile(r",?\s*(?:which|that)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){1,5}(?:had\s+|has\s+)?"
                           r"(?:announced|imposed|introduced|unveiled|issued|adopted|levied|enacted)\b")
# "hit Chinese solar panels with new tariffs", "slapped Beijing with sanctions": the object is acted on.
HIT_WITH = re.compile(r"\b(?:hit|hits|slapped|slaps|struck|strikes|targeted|targets)\s+(?P<what>[^,;.]{1,60}?)\s+with\s+"
                      r"(?:(?:new|fresh|additional|more|further|higher|sweeping|its\s+own)\s+)?(?:[\w%$.-]+\s+){0,3}$")
HIT_WITH_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:hit|slapped|struck|targeted)\s+with\s+"
                              r"(?:(?:new|fresh|additional|more|further|higher|sweeping)\s+)?(?:[\w%$.-]+\s+){0,3}$")
# "has been under U.S. sanctions", "remains under American sanctions": the subject is acted on.
UNDER = re.compile(r"\b(?:is|are|was|were|be|been|being|remains?|remained|stays?|stayed|came|comes|come)\s+under\s+"
                   r"(?:the\s+)?(?:(?:[A-Z][\w.’'-]*|new|fresh|further|tough|heavy|harsh|sweeping|existing|financial|"
                   r"economic|international|western)\s+){0,2}$")
# "what it called X's genocide", "what Washington describes as …": a characterisation of the speaker's.
WHAT_CALLED = re.compile(r"\bwhat\s+(?:he|she|it|they|we|[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})\s+"
                         r"(?:called|calls|described\s+as|describes\s+as|termed|terms)\b")
# "said on Friday that", "told lawmakers on Dec. 30 that": where the reported clause begins.
THAT_CLAUSE = re.compile(r"(?:\s+(?!that\b)[\w.’']+){0,5}?\s+that\b")
# Between a reported clause's subject and its wrongdoing: a negation, a condition or a demand.
NOT_DONE = re.compile(r"\b(?:not|never|no|n't|would|could|might|may|should|must|will|if|whether|stop|end|cease|halt|"
                      r"refrain|avoid|prevent|denied|deny|denies)\b", re.I)
# "…, which Beijing condemned", "a boycott that Beijing denounced": a relative pronoun opening the clause.
RELATIVE = re.compile(r"(?:,\s*which|\b(?:that|which))\s+(?:the\s+)?(?=\S)(?!.*\b(?:that|which)\b)")
# After a relative clause's verb: no object of its own ("condemned as interference", "denounced on Friday").
NO_OBJECT = re.compile(r"\s*(?:[,.;:]|$|\s(?:as|on|in|at|last|earlier|this|when|because|after|before)\b)")
# "traded blame", "accused each other", "blamed one another": each party accuses the other.
RECIPROCAL = re.compile(r"\s+(?:(?:\w+\s+){0,2}?(?:each\s+other|one\s+another))\b")
CHARACTERISED = re.compile(r"\bwhat\s+(?:[\w’'-]+\s+){1,3}(?:called|calls|described as|describes as|termed|terms)\s+"
                           r"(?:[\w’'-]+\s+){0,7}$")
# A transcript heading: "PRESIDENT BIDEN: …" at the start of a paragraph.
HEADING = re.compile(r"(?m)^(?P<name>[A-Z][A-Z.’' -]{2,40}):\s")


def principals(title: str | None, title_found, entities: dict[str, Entity]) -> list[str]:
    """The people a transcript's title names ("Remarks by President Biden and President Xi …"),
    as the text knows them."""
    if not title or not title.lower().startswith("remarks"):
        return []
    t_mentions, t_entities = title_found
    return list(dict.fromkeys(m.entity for m in t_mentions if m.entity in entities
                              and t_entities.get(m.entity) and t_entities[m.entity].kind == "Person"))


COUNTERPART = re.compile(r"(?:’s|'s|’|')\s+(?:[a-z]+\s+){0,2}counterparts?\b")
PARTICIPLE = re.compile(r",\s*(?:\w+ing)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}$")


def place_from_before(drafts: list[Draft]) -> None:
    """"On Sunday in Beijing, Yellen met Li Qiang. She also met Lan Fo'an.": a meeting that names no
    place was held where the one before it, by the same actor in the sentence before, was."""
    for prev, d in zip(drafts, drafts[1:]):
        if d.kind == "Meeting" and not d.place and prev.kind == "Meeting" and prev.place and set(d.actor) & set(prev.actor) \
                and (d.sentence == prev.sentence or 0 <= d.sentence.start - prev.sentence.end <= 2) and not d.planned \
                and (d.when is None or prev.when is not None and d.when.start <= prev.when.end and prev.when.start <= d.when.end):
            d.place = prev.place


def break_finder(breaks: list[str]) -> ahocorasick.Automaton | None:
    """An automaton finding every clause break in one pass: (end offset, (length, 1 if it ends
    in a space)). None when there is nothing to find, or an empty break (clause() then
    searches break by break)."""
    if not breaks or any(not b for b in breaks):
        return None
    auto = ahocorasick.Automaton()
    for brk in breaks:
        auto.add_word(brk, (len(brk), 1 if brk.endswith(" ") else 0))
    auto.make_automaton()
    return auto


DATELINE = re.compile(r"[A-Z][A-Z’'.\- ]+(?:,\s*[A-Z][\w.’' ]+)?\s*(?:—|–|-{1,2}|\(\w+\)\s*[—–-])\s")


def dateline(text: str, mention_starts: dict[int, Mention], entities: dict[str, Entity]) -> str | None:
    """The place of a dateline opening the text ("ANCHORAGE, Alaska — "), if it names one."""
    m = DATELINE.match(text)
    found = mention_starts.get(0) if m else None
    if found and found.end <= m.end() and entities.get(found.entity) and entities[found.entity].kind in ("Place", "Country"):
        return found.entity
    return None
