"""Timing: which time expression of a sentence dates which trigger, and the dates drafts
take from their context (the present tense of a statement, the call they were said in)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from graph.extract.dates import NUMBERS, TimeMention, find_times, publication
from graph.extract.events.model import SPEECH_LIKE, Draft, Hit
from graph.extract.events.roles import country_of

DEADLINE = re.compile(r"\b(?:by|until|through|starting(?: on| from)?|beginning(?: on)?|effective)\s*$", re.I)
PRESENT_TENSE = re.compile(r"^(?:agree|agrees|announce|announces|welcome|welcomes|sign|signs|meet|meets|speaks with)$", re.I)


def assign_times(hits: list[Hit], times: list[TimeMention], text: str,
                 clauses: dict[Hit, tuple[int, int]] | None = None) -> dict[Hit, TimeMention]:
    """Each time expression goes to the nearest trigger of its clause; each trigger keeps its nearest one."""
    owner: dict[Hit, TimeMention] = {}
    if not hits:
        return owner
    claimed: dict[Hit, list[TimeMention]] = {}
    in_clause: dict[Hit, list[TimeMention]] = {}
    for t in times:
        if DEADLINE.search(text[max(0, t.start - 14):t.start]) or dates_another_verb(text, t, hits):
            continue
        near = [h for h in hits if not clauses or clauses[h][0] <= t.start < clauses[h][1]]
        if not near:
            continue
        nearest = min(near, key=lambda h: attachment(h, t, text))
        claimed.setdefault(nearest, []).append(t)
        for h in near:
            in_clause.setdefault(h, []).append(t)
    for h, ts in claimed.items():
        owner[h] = finest_within(min(ts, key=lambda t: (reported_over(h, t, text), distance(h, t))), in_clause[h])
    for i, h in enumerate(hits):
        if h in owner:
            continue
        for later in hits[i + 1:]:
            t = owner.get(later)
            if t and t.start > h.end and shares_time(text[h.end:t.start], text[h.end:later.start]):
                owner[h] = t
                break
    return owner


# A verb of a relative or reduced relative clause just before a time: "a breach disclosed
# last month", "a trade fight that began a month ago". The time is that verb's.
CLAUSE_VERB = re.compile(r"(?:\b(?:that|which|who)\s+(?:[\w’'-]+\s+){0,3}?|\b(?!(?:has|was|is|does|its|this|his)\b)"
                         r"[a-z]{3,}s\s+)(?P<verb>[a-z]+ed|began|begun|broke|broken|grew|fell|rose|struck|sent|won|lost)"
                         r"\s+(?:only\s+|just\s+|nearly\s+)?$")


def reported_over(h: Hit, t: TimeMention, text: str) -> bool:
    """Whether the time stands before a "that" clause the trigger is in: it dates the telling ("told
    reporters on Tuesday that Beijing had summoned the envoy the previous day"), so a time of the
    trigger's own goes first."""
    return t.end <= h.start and re.search(r"\bthat\b", text[t.end:h.start]) is not None


def dates_another_verb(text: str, t: TimeMention, hits: list[Hit]) -> bool:
    """Whether the time belongs to the verb of a clause that is no trigger and does not
    describe one ("sanctions that Washington imposed earlier this month" stay the sanctions')."""
    m = CLAUSE_VERB.search(text, max(0, t.start - 60), t.start)
    if not m:
        return False
    verb_end = m.end("verb")
    if any(h.start < verb_end and m.start("verb") < h.end for h in hits):
        return False
    return not any(0 <= m.start() - h.end <= 2 for h in hits)


PRECISION_RANK = {"day": 0, "weekend": 1, "week": 2, "month": 3, "year": 4}


def finest_within(nearest: TimeMention, ts: list[TimeMention]) -> TimeMention:
    """"later this year, possibly at the summit in November": a finer time of the same clause
    that lies within the nearest one says more."""
    rank = lambda t: PRECISION_RANK.get(t.when.precision, 5)
    inside = [t for t in ts if rank(t) < rank(nearest) and nearest.when.start <= t.when.start
              and t.when.end <= nearest.when.end]
    return min(inside, key=rank) if inside else nearest


def shares_time(to_time: str, to_next: str) -> bool:
    """A time after a name ("Statement on … Meeting in Geneva on May 12") or after a coordinated
    verb ("met with X and resumed … in November") belongs to the earlier trigger too."""
    if re.search(r";|\.\s", to_time):
        return False
    lower = [w for w in re.findall(r"\b[a-z][\w’'-]*", to_time) if w not in ("on", "of", "and", "in", "the", "for", "at")]
    return not lower or bool(re.search(r"\band\s+(?:\w+ly\s+)?$", to_next))


def attachment(h: Hit, t: TimeMention, text: str) -> int:
    """How far a time stands from a trigger, for choosing its owner. A time completes the verb
    phrase before it ("met X on Thursday at the end of a visit"), so a noun trigger that follows
    the time counts as further away (further still past a comma), unless the time is its own modifier ("Thursday's talks",
    "on Friday, talks")."""
    d = distance(h, t)
    if h.word_class == "noun" and h.start >= t.end and not re.fullmatch(r"(?:’s|'s)?\s*(?:,\s*)?(?:the\s+)?", text[t.end:h.start]):
        # a comma between closes the phrase the time belongs to: it goes to a trigger before it
        # almost however far ("will travel to Beijing from May 2 to May 4, for meetings with ...";
        # "talks ..., beginning with a dinner on Thursday, and two sessions with X on Friday")
        return d * 2 + (200 if "," in text[t.end:h.start] else 20)
    return d


def distance(h: Hit, t: TimeMention) -> int:
    return t.start - h.end if t.start >= h.end else h.start - t.end


# The day a measure or event was due: "scheduled to take effect on", "an increase set for", "due on"
DUE = re.compile(r"\b(?:scheduled|due|set|slated)\s+(?:to\s+(?:take|go\s+into)\s+effect\s+|to\s+(?:begin|start)\s+)?(?:on|for)?\s*$", re.I)


def date_draft(d: Draft, time: TimeMention | None, published: dt.date | None, text: str) -> None:
    """The draft's time: its own expression (read as future when the event is planned),
    else the publication day for a verb in the present tense ("The Parties agree")."""
    when = time.when if time else None
    if when is not None and d.planned and when.basis == "relative" and published:
        again = find_times(text, published, time.start, time.end, future=True)
        when = again[0].when if again else when
    if when is None and d.hit.word_class == "verb" and PRESENT_TENSE.match(d.hit.text) and published \
            and not d.planned and not re.search(r"\bto\s+$", text[max(0, d.hit.start - 4):d.hit.start]):
        when = publication(published)
    if when is not None and d.kind == "Cancellation" and time is not None and DUE.search(text, max(0, time.start - 50), time.start):
        # "suspended the tariffs scheduled to take effect on December 15": the day the measure
        # was due is not the day it was called off, which its announcement dates
        when = None
    d.when = when
    if d.claim and time and time.when.text and d.claim.endswith(time.when.text):
        d.claim = re.sub(r"\s+(?:on|in|at|during|since)?\s*$", "", d.claim[:-len(time.when.text)]) or None


def inherit_dates(drafts: list[Draft], published: dt.date | None = None) -> None:
    """Things said during a dated call or meeting happened then ("He raised concerns…"): the
    last one told before them that shares a party, one of the week before publication (the
    article's own news) before one further back (background: "since they met in November").

    The last such meeting or call of each party is kept as the drafts are read, so a long
    article costs time in its length, not in the square of its reports."""
    last: dict[str, int] = {}      # party -> index of the last dated meeting or call with it
    recent: dict[str, int] = {}    # the same, among those of the week before publication
    for i, d in enumerate(drafts):
        if d.when is None and d.kind in SPEECH_LIKE:
            parties = d.parties
            j = max((recent[x] for x in parties if x in recent), default=None)
            if j is None:
                j = max((last[x] for x in parties if x in last), default=None)
            if j is not None:
                prior = drafts[j]
                d.when = replace(prior.when, basis="context") if prior.when.basis != "publication" else prior.when
        if d.kind in ("Meeting", "PhoneCall") and d.when and d.when.basis != "context":
            is_recent = published is not None and 0 <= (published - d.when.end).days <= 7
            for x in d.parties:
                last[x] = i
                if is_recent:
                    recent[x] = i


TRIP_REACH = 7  # days: one trip's meetings lie within a week of the day it is dated by


def span_visits(drafts: list[Draft], entities: dict, published: dt.date | None) -> None:
    """A trip lasts as long as the meetings the traveller held there: a visit dated by one day
    ("his trip began on Wednesday in Shanghai", or the day of the meeting that implies it) spans
    every day the text gives to a meeting of the traveller with the hosts' side within a week of
    it ("on Thursday he met the party secretary"; "on Friday he met Xi"). Only a trip of the
    fortnight before publication is stretched so (the article's own news), only by meetings
    that had happened by then, and never by a plan."""
    for v in drafts:
        if v.kind == "Visit":
            last_days(v)
    if published is None:
        return
    meetings = [d for d in drafts if d.kind == "Meeting" and not d.planned and d.when is not None
                and d.when.precision == "day" and d.when.basis != "publication" and d.when.end <= published]
    if not meetings:
        return
    for v in drafts:
        if v.kind != "Visit" or v.planned or v.when is None or v.when.precision != "day" or not v.actor:
            continue
        if not 0 <= (published - v.when.start).days <= 14:
            continue
        host = host_country(v, entities)
        if host is None:
            continue
        travellers = set(v.actor)
        start, end = v.when.start, v.when.end
        for m in meetings:
            if not travellers & m.parties or abs((m.when.start - v.when.start).days) > TRIP_REACH:
                continue
            sides = {country_of(k, entities) for k in m.parties - travellers}
            place = entities.get(m.place) if m.place else None
            if host in sides or (place is not None and host in (place.key, place.country)):
                start, end = min(start, m.when.start), max(end, m.when.end)
        if (start, end) != (v.when.start, v.when.end):
            v.when = replace(v.when, start=start, end=end)


# "arrives on Sunday for a three-day visit", "a 5-day trip", "a week-long tour"
LENGTH = re.compile(r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|week)[- ](?:day|long)\s+"
                    r"(?:state\s+|official\s+|working\s+)?(?:visit|trip|tour|stay|journey)\b", re.I)


def last_days(v: Draft) -> None:
    """A visit dated by the day it starts, that its sentence says lasts N days, spans them."""
    if v.when is None or v.when.precision != "day" or v.when.start != v.when.end:
        return
    m = LENGTH.search(v.sentence.text)
    if not m:
        return
    n = m.group("n").lower()
    days = int(n) if n.isdigit() else 7 if n == "week" else NUMBERS[n]
    if 1 < days <= 31:
        v.when = replace(v.when, end=v.when.start + dt.timedelta(days=days - 1))


def host_country(v: Draft, entities: dict) -> str | None:
    """The country a visit goes to: its place's, else the country it targets."""
    c = country_of(v.place, entities) if v.place else None
    if c:
        return c
    return next((c for c in (country_of(k, entities) for k in v.target) if c), None)


# What stops a later time in the sentence from dating a trigger before it: another clause, or
# a phrase that tells of an earlier or later happening ("agreed to keep talking, building on
# their meeting in Bali in November", "following talks in May", "ahead of the summit in June").
BACKGROUND = (r"\b(?:building\s+(?:on|upon)|(?<!the\s)following|in\s+the\s+(?:wake|aftermath)\s+of|"
              r"on\s+the\s+heels\s+of|ahead\s+of|prior\s+to|in\s+preparation\s+for)\b")
OTHER_CLAUSE = re.compile(r";|,\s*(?:where|when|which|who|while|after|before|as|but|and)\b|"
                          r"\b(?:that|which|who|where|when|since|after|before|until|because|while)\b|" + BACKGROUND, re.I)
BACKGROUND_PHRASE = re.compile(BACKGROUND, re.I)


def fallback_dates(drafts: list[Draft], times: list[TimeMention], text: str, published: dt.date | None,
                   ref: References) -> None:
    """Undated reports of past happenings take a time from their context: one their sentence
    gave before them ("was last June, when he met Xi"), or after them with no other clause
    between ("raised concerns during a trip ... in April"); else the last time the sentences
    before it in its paragraph gave; else the day a news lead reports
    ("WASHINGTON — ... on Friday"), which the rest of a news story tells about. A time after "since"
    starts a stretch up to now ("the first visit since 2017") and dates nothing so. A plan the
    text gives no time for is dated only when the lead speaks of the publication day itself
    ("Today, the President directs ... Commerce will investigate"): the day the plan was made."""
    lead = lead_day(times, text, published)
    for d in drafts:
        if d.when is None or d.when.text.lower().endswith("same day"):
            same = same_day(times, text, d.sentence.start, d.hit.start, published, ref)
            if same is not None:
                # "The arrest took place on the same day that X and Y met": the arrest's day, told
                # before, not the last day named
                d.when = replace(same.when, basis="context", text=d.when.text if d.when else same.when.text)
                continue
            earlier = referred_report(drafts, d, text, ref) if d.when is not None else None
            if earlier is not None and earlier.when.text.lower().endswith("same day"):
                # "At that dinner they agreed": the dinner's day, as just read again
                d.when = earlier.when
                continue
        if d.when is not None:
            continue
        if d.planned and d.kind != "Cancellation" and not ANNOUNCED.search(text, d.sentence.start, d.hit.start):
            # a plan is dated by its own time only; a measure a party says it will suspend or
            # hold off on is called off by the saying, and a measure announced ("announced that
            # China would impose visa restrictions") is decided by it: both are dated like a past report
            if lead is not None and lead.start == published and lead.text.lower() in TODAY:
                d.when = lead
            continue
        s = d.sentence
        own = [t for t in times if s.start <= t.start < s.end and not DEADLINE.search(text[max(0, t.start - 14):t.start])
               and not since(text, t) and not dates_another_verb(text, t, [d.hit])
               and not (d.kind == "Cancellation" and DUE.search(text, max(0, t.start - 50), t.start))]
        before = [t for t in own if t.end <= d.hit.start]
        after = [t for t in own if d.hit.end <= t.start and not OTHER_CLAUSE.search(text, d.hit.end, t.start)
                 and not plan_between(drafts, d, t)]
        arrival = ARRIVAL.search(text, s.start, d.hit.start) if not before else None
        trip = arrival and next((v for v in drafts if v.kind == "Visit" and v.when is not None and v is not d
                                 and v.when.basis != "publication" and re.search(
                                     r"\b%s\b" % re.escape(arrival.group("who")), v.sentence.text)), None)
        following = FOLLOWING.search(text, s.start, d.hit.start)
        if trip:
            # "Hours after Pelosi arrived, X summoned the envoy": the day the text gives her arrival
            n = NUMBERS.get(arrival.group("n").lower(), 0) if arrival.group("n") else 0
            day = trip.when.start + dt.timedelta(days=n)
            d.when = replace(trip.when, start=day, end=day, basis="context", text=arrival.group(0))
            continue
        day_before = last_day(times, text, s.start, published) if following and not before else None
        if day_before is not None:
            # "On the following day, we announced ...": the day after the last day told before
            day = day_before.when.start + dt.timedelta(days=1)
            d.when = replace(day_before.when, start=day, end=day, basis="context", text=following.group(0))
        elif then := [t for t in times if s.start <= t.start and t.end <= d.hit.start and since(text, t)
                      and WHEN_CLAUSE.match(text, t.end) and not re.search(r"[;.]\s", text[t.end:d.hit.start])]:
            # "at odds since last July, when Washington imposed duties": the "when" clause's
            # happening is the one that opened the stretch, at that time
            told_text = re.sub(r"^since\s+", "", then[-1].when.text, flags=re.I)
            d.when = replace(then[-1].when, basis="context", text=told_text)
        elif d.kind == "Sanction" and (effective := next((
                t for t in times if s.start <= t.start < s.end and d.hit.end <= t.start
                and EFFECTIVE.search(text, max(0, t.start - 12), t.start)), None)) is not None:
            # "decided to impose sanctions on ..., effective today": the day the measure takes effect
            d.when = replace(effective.when, basis="context")
        elif before:
            d.when = replace(before[-1].when, basis="context")
            gap = GAP_BEFORE.search(text, max(before[-1].end, d.hit.start - 80), d.hit.start)
            if gap and before[-1].when.precision == "day" and not OTHER_CLAUSE.search(text, gap.end(), d.hit.start):
                # "summoned the envoy on Sunday, a day after Washington imposed sanctions": Saturday
                n = NUMBERS.get(gap.group("n").lower(), 0) if gap.group("n") else 0
                n = -n if gap.group("dir").lower() == "after" else n
                day = before[-1].when.start + dt.timedelta(days=n)
                d.when = replace(before[-1].when, start=day, end=day, basis="context")
        elif after:
            d.when = replace(after[0].when, basis="context")
        elif (back := referred_time(times, text, s.start, d.hit.start, ref)) is not None:
            d.when = replace(back.when, basis="context")
        elif (earlier := referred_report(drafts, d, text, ref)) is not None:
            d.when = replace(earlier.when, basis="context")
        elif (told := paragraph_time(times, text, s.start, published)) is not None:
            d.when = replace(told.when, basis="context")
        elif lead is not None:
            d.when = lead


def plan_between(drafts: list[Draft], d: Draft, t: TimeMention) -> bool:
    """Whether a planned happening of the sentence stands between the report and a time after it:
    "agreed to hold talks in Geneva next week" (the week is the talks', not the agreement's)."""
    return any(o is not d and o.planned and o.sentence == d.sentence and d.hit.end <= o.hit.start < t.start
               for o in drafts)


# "a day after X", "two days before X", "hours after X": X's day, counted from the time before
GAP_BEFORE = re.compile(r"\b(?:(?P<n>a|one|two|three|four|five|six)\s+days?|hours|just\s+hours)\s+(?P<dir>after|before)\s+", re.I)


WHEN_CLAUSE = re.compile(r"\s*,?\s*when\b", re.I)
EFFECTIVE = re.compile(r"\beffective\s*$", re.I)
# "Hours after Pelosi arrived", "a day after Blinken landed": a report dated by a trip told elsewhere
ARRIVAL = re.compile(r"\b(?i:(?P<n>a|one|two|three)\s+days?|hours|minutes|shortly|soon|just\s+hours)\s+after\s+"
                     r"(?:[A-Z][\w’'-]+\s+)?(?P<who>[A-Z][\w’'-]+)\s+(?:arrived|landed|touched\s+down)\b")
SINCE = re.compile(r"\bsince\s*$", re.I)


def since(text: str, t: TimeMention) -> bool:
    """Whether the time opens a stretch that lasts until now ("since 2017", "since Monday")."""
    return t.when.text[:6].lower() == "since " or bool(SINCE.search(text, max(0, t.start - 7), t.start))
TODAY = ("today", "this morning", "this afternoon", "this evening", "tonight")


def paragraph_time(times: list[TimeMention], text: str, start: int, published: dt.date | None) -> TimeMention | None:
    """The last day (or week) that the sentences before, in the same paragraph, gave to what
    happened ("On Sunday, Yellen met Li Qiang. She also met Lan Fo'an."); not one that only
    starts a span ("since Monday")."""
    para = text.rfind("\n\n", 0, start)
    told = [t for t in times if para < t.start < start and t.when.precision in ("day", "weekend", "week")
            and not (published and t.when.start > published) and not since(text, t)]
    return told[-1] if told else None


# "In that indictment, ...", "At that dinner they agreed ...": a thing named before, with its time
# (the nouns: the lexicon's referring-nouns)
THAT_NOUN_FORM = r"\b(?:that|this|the\s+same)\s+(?P<noun>%s)\b(?!\s+(?:that|which|of)\b)"
REFER_REACH = 800


class References:
    """The lexicon's words for things told before: the nouns a demonstrative refers back to
    (referring-nouns) and the families of words that name one happening (happening-families)."""

    def __init__(self, words: dict):
        nouns = sorted(words.get("referring-nouns", ()), key=len, reverse=True)
        self.that_noun = re.compile(THAT_NOUN_FORM % "|".join(map(re.escape, nouns)) if nouns else r"(?!x)x", re.I)
        self.kin = tuple(tuple(f.split()) for f in sorted(words.get("happening-families", ())))


def referred_time(times: list[TimeMention], text: str, start: int, hit_start: int, ref: References) -> TimeMention | None:
    """The time an earlier sentence gave to the thing a demonstrative refers back to ("the
    superseding indictment unsealed in January ... In that indictment, prosecutors charged"):
    the time nearest to its last mention, in that mention's sentence."""
    m = ref.that_noun.search(text, start, hit_start)
    if not m:
        return None
    lo = max(0, start - REFER_REACH)
    mentions = list(re.finditer(r"\b%s\b" % re.escape(m.group("noun")), text[lo:start], re.I))
    if not mentions:
        return None
    at, end = lo + mentions[-1].start(), lo + mentions[-1].end()

    def gap(t: TimeMention) -> tuple[int, int]:  # the text between the mention and the time
        return (end, t.start) if t.start >= end else (t.end, at)

    near = [t for t in times if t.end <= start and not since(text, t)
            and (g := gap(t))[1] - g[0] <= 80 and not re.search(r"[.;]\s|\n", text[g[0]:g[1]])]
    return min(near, key=lambda t: gap(t)[1] - gap(t)[0]) if near else None


ANNOUNCED = re.compile(r"\b(?:announced|declared)\s+that\b", re.I)
FOLLOWING = re.compile(r"\b(?:on\s+)?the\s+(?:following|next)\s+day\b(?!\s+(?:after|that|when)\b)", re.I)


def last_day(times: list[TimeMention], text: str, start: int, published: dt.date | None) -> TimeMention | None:
    """The last day a sentence shortly before gave (not a span opened by "since", nor one after publication)."""
    told = [t for t in times if start - REFER_REACH < t.start < start and t.when.precision == "day"
            and t.when.start == t.when.end and not (published and t.when.start > published) and not since(text, t)]
    return told[-1] if told else None


def referred_report(drafts: list[Draft], d: Draft, text: str, ref: References) -> Draft | None:
    """A dated report of an earlier sentence that names the thing a demonstrative refers back to
    ("met over dinner in Lima ... At that dinner they agreed"): the thing's day is that report's."""
    m = ref.that_noun.search(text, d.sentence.start, d.hit.start)
    if not m:
        return None
    noun = re.compile(r"\b%s\b" % re.escape(m.group("noun")), re.I)
    found = [e for e in drafts if e.when is not None and e.when.basis != "publication" and e.sentence.end <= d.sentence.start
             and d.sentence.start - e.sentence.end < REFER_REACH and e.kind in ("Meeting", "PhoneCall", "Visit")
             and noun.search(e.sentence.text)]
    return found[-1] if found else None


# "The arrest took place on the same day that ...": the subject's happening, told earlier with its day
SAME_DAY = re.compile(r"\W*(?:the|this|that|his|her|their|its)\s+(?P<noun>[a-z]{4,})\s+(?:[a-z]+\s+){1,3}?"
                      r"(?:on\s+)?the\s+same\s+day\s+(?:that|as|when)\b", re.I)
def same_day(times: list[TimeMention], text: str, start: int, hit_start: int,
             published: dt.date | None, ref: References) -> TimeMention | None:
    m = SAME_DAY.match(text, start, hit_start)
    if not m:
        return None
    noun = m.group("noun").lower()
    stems = next((k for k in ref.kin if any(noun.startswith(x) for x in k)), (noun[:5],))
    word = re.compile(r"\b(?:%s)\w*" % "|".join(map(re.escape, stems)), re.I)
    told = [t for t in times if start - 2 * REFER_REACH < t.start < start and t.when.precision == "day"
            and not (published and t.when.start > published) and not since(text, t)]
    for t in reversed(told):
        lo = max(text.rfind(". ", 0, t.start), text.rfind("\n", 0, t.start))
        hi = min(x for x in (text.find(". ", t.end), text.find("\n", t.end), len(text)) if x >= 0)
        w = word.search(text, lo + 1, hi)
        if w:  # the day of that sentence nearest the word that names the happening
            mine = [u for u in told if lo < u.start < hi]
            return min(mine, key=lambda u: abs(u.start - w.end()) if u.start >= w.end() else abs(w.start() - u.end))
    return None


LEAD_REACH = 600  # the opening paragraph or two


def lead_day(times: list[TimeMention], text: str, published: dt.date | None):
    """The day a news lead reports: a day-precise time in the opening lines, within a week
    before publication."""
    if not published:
        return None
    for t in times:
        if t.start > LEAD_REACH:
            break
        if t.when.precision == "day" and 0 <= (published - t.when.start).days <= 7 \
                and not DUE.search(text, max(0, t.start - 50), t.start):  # "talks scheduled for Monday": not the news's day
            return replace(t.when, basis="context")
    return None
