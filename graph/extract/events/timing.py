"""Timing: which time expression of a sentence dates which trigger, and the dates drafts
take from their context (the present tense of a statement, the call they were said in)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from graph.extract.dates import TimeMention, find_times, publication
from graph.extract.events.model import SPEECH_LIKE, Draft, Hit

DEADLINE = re.compile(r"\b(?:by|until|through|starting(?: on| from)?|beginning(?: on)?|effective)\s*$", re.I)
PRESENT_TENSE = re.compile(r"^(?:agree|agrees|announce|announces|welcome|welcomes|sign|signs|meet|meets|speaks with)$", re.I)


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
        nearest = min(near, key=lambda h: attachment(h, t, text))
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


def attachment(h: Hit, t: TimeMention, text: str) -> int:
    """How far a time stands from a trigger, for choosing its owner. A time completes the verb
    phrase before it ("met X on Thursday at the end of a visit"), so a noun trigger that follows
    the time counts as further away, unless the time is its own modifier ("Thursday's talks",
    "on Friday, talks")."""
    d = distance(h, t)
    if h.word_class == "noun" and h.start >= t.end and not re.fullmatch(r"(?:’s|'s)?\s*(?:,\s*)?(?:the\s+)?", text[t.end:h.start]):
        return d * 2 + 20
    return d


def distance(h: Hit, t: TimeMention) -> int:
    return t.start - h.end if t.start >= h.end else h.start - t.end


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
    d.when = when
    if d.claim and time and time.when.text and d.claim.endswith(time.when.text):
        d.claim = re.sub(r"\s+(?:on|in|at|during|since)?\s*$", "", d.claim[:-len(time.when.text)]) or None


def inherit_dates(drafts: list[Draft]) -> None:
    """Things said during a dated call or meeting happened then ("He raised concerns…")."""
    for i, d in enumerate(drafts):
        if d.when is not None or d.kind not in SPEECH_LIKE:
            continue
        for prior in drafts[:i]:
            if prior.kind in ("Meeting", "PhoneCall") and prior.when and prior.when.basis != "context" \
                    and d.parties & prior.parties:
                d.when = replace(prior.when, basis="context") if prior.when.basis != "publication" else prior.when
                break

