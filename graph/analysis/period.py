"""Time slices: periods as (first day, last day) and events that fall in them."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Iterable

from graph.analysis import AnalysisError
from graph.analysis.load import EventRecord

_PERIOD = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


def parse_bound(value, *, end: bool = False) -> dt.date | None:
    """A date from a date or text: a year, a month or a day.

    A year or month stands for its first day, or its last day with ``end=True``.

    Examples
    --------
    >>> parse_bound("2023"), parse_bound("2023-02", end=True)
    (datetime.date(2023, 1, 1), datetime.date(2023, 2, 28))
    >>> parse_bound(None) is None
    True
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = _PERIOD.match(str(value))
    if not m:
        raise AnalysisError(f"{value!r} is not a date; write a year (2023), a month (2023-06) "
                            f"or a day (2023-06-17)")
    year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    try:
        if day:
            return dt.date(year, month, day)
        if month:
            return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    except ValueError as exc:
        raise AnalysisError(f"{value!r} is not a valid date ({exc}); "
                            f"write a year, a month or a day such as 2023-06-17") from None


def parse_period(text: str) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of a period written as text.

    A year ("2023"), a month ("2023-06"), a day ("2023-06-17"), or a range of
    any of those joined by ".." or "/" ("2023-03..2023-06", "2023-06-01/",
    "..2023"); an open side is None.

    Examples
    --------
    >>> parse_period("2023-06")
    (datetime.date(2023, 6, 1), datetime.date(2023, 6, 30))
    >>> parse_period("2022-11..2023")
    (datetime.date(2022, 11, 1), datetime.date(2023, 12, 31))
    """
    text = (text or "").strip()
    for sep in ("..", "/"):
        if sep in text:
            a, b = text.split(sep, 1)
            start, end = parse_bound(a.strip() or None), parse_bound(b.strip() or None, end=True)
            break
    else:
        start, end = parse_bound(text or None), parse_bound(text or None, end=True)
    if start and end and end < start:
        raise AnalysisError(f"the period {text!r} ends before it starts; put the earlier date first")
    return start, end


def slice_events(events: Iterable[EventRecord], start=None, end=None, *,
                 period: str | None = None) -> list[EventRecord]:
    """The events whose dates overlap the period from ``start`` to ``end``.

    ``period`` is a shorthand for both bounds: a year, a month, a day or a range
    as :func:`parse_period` reads them ("2023", "2023-06", "2023-03..2023-06").

    Bounds are dates or text (see :func:`parse_bound`: ``start="2023"`` means
    from 1 January 2023, ``end="2023"`` up to 31 December 2023) and either may
    be None for an open side. An event counts when any day of it, from its start
    to its end date, is in the period. With no bound at all every event is
    kept; with a bound, undated events are left out.

    Examples
    --------
    >>> import datetime as d
    >>> from graph.analysis.load import EventRecord
    >>> evs = [EventRecord("e1", "Visit", "a", start=d.date(2023, 6, 17)),
    ...        EventRecord("e2", "Meeting", "b", start=d.date(2024, 1, 5)),
    ...        EventRecord("e3", "Statement", "c")]
    >>> [e.iri for e in slice_events(evs, period="2023")]
    ['e1']
    >>> [e.iri for e in slice_events(evs, start="2023-07")]
    ['e2']
    >>> [e.iri for e in slice_events(evs)]
    ['e1', 'e2', 'e3']
    """
    if period is not None:
        if start is not None or end is not None:
            raise AnalysisError("give either a period or start/end dates, not both")
        start, end = parse_period(period)
    lo, hi = parse_bound(start), parse_bound(end, end=True)
    if lo and hi and hi < lo:
        raise AnalysisError(f"the period ends ({hi}) before it starts ({lo}); swap the dates")
    if lo is None and hi is None:
        return list(events)
    return [ev for ev in events if ev.start is not None
            and (hi is None or ev.start <= hi) and (lo is None or (ev.end or ev.start) >= lo)]


def empty_period_notice(period: str, events: Iterable[EventRecord]) -> str:
    """What to say when no event falls in ``period``: which dates the events have.

    >>> import datetime as d
    >>> from graph.analysis.load import EventRecord
    >>> empty_period_notice("2050", [EventRecord("e1", "Visit", "a", start=d.date(2023, 6, 17))])
    'no events in 2050; the stored events are dated 2023-06-17 .. 2023-06-17'
    """
    dated = [ev for ev in events if ev.start is not None]
    if not dated:
        return f"no events in {period}; no stored event has a date"
    first = min(ev.start for ev in dated)
    last = max(ev.end or ev.start for ev in dated)
    return f"no events in {period}; the stored events are dated {first} .. {last}"


def month_key(day: dt.date) -> str:
    """The month a day is in, as "YYYY-MM".

    >>> import datetime as d; month_key(d.date(2023, 6, 17))
    '2023-06'
    """
    return f"{day.year:04d}-{day.month:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` ("YYYY-MM"), both included.

    >>> months_between("2022-11", "2023-02")
    ['2022-11', '2022-12', '2023-01', '2023-02']
    """
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
