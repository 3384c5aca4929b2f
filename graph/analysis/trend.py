"""Trends: how many events per month, and whether they lean to cooperation or conflict."""
from __future__ import annotations

from typing import Iterable

from graph.analysis.load import ACTOR_KINDS, Entity, EventRecord
from graph.analysis.names import resolve
from graph.analysis.period import month_key, months_between, slice_events


def _stands_for(party: Entity, who: Entity, by_country: bool) -> bool:
    return party.iri == who.iri or (by_country and who.kind == "Country" and party.country == who.iri)


def involves(event: EventRecord, who: Entity, *, by_country: bool = True) -> bool:
    """Whether ``who`` takes part in ``event``.

    A country also takes part through its people and organizations when
    ``by_country`` is true (Antony Blinken's visit involves the United States).

    >>> from graph.analysis.load import Entity, EventRecord
    >>> us = Entity("ent:country/USA", "United States", "Country", "Country")
    >>> ab = Entity("ent:person/ab", "Antony Blinken", "Person", "Person", country=us.iri)
    >>> involves(EventRecord("e", "Visit", "x", parties=(ab,)), us)
    True
    """
    return any(_stands_for(p, who, by_country) for p in event.parties)


def _between(event: EventRecord, a: Entity, b: Entity, by_country: bool) -> bool:
    """Two different parties of the event stand one for ``a``, the other for ``b``."""
    pa = [p for p in event.parties if _stands_for(p, a, by_country)]
    pb = [p for p in event.parties if _stands_for(p, b, by_country)]
    return any(x.iri != y.iri for x in pa for y in pb)


def _who(events: list[EventRecord], name) -> Entity:
    if isinstance(name, Entity):
        return name
    pool = {p.iri: p for ev in events for p in ev.parties}
    return resolve(pool.values(), str(name), kinds=ACTOR_KINDS)


def trend(events: Iterable[EventRecord], a=None, b=None, *, by_country: bool = True,
          start=None, end=None, fill: bool = True) -> list[dict]:
    """Events per month and their cooperation–conflict balance.

    Parameters
    ----------
    events : iterable of EventRecord
    a, b : str or Entity, optional
        With neither, every event counts; with ``a``, the events ``a`` takes
        part in; with both, the events between them (one party stands for ``a``,
        another for ``b``). Names are resolved as in
        :func:`graph.analysis.names.resolve`.
    by_country : bool
        A country also acts through its people and organizations (default).
    start, end : date or str, optional
        Keep only events in this period first.
    fill : bool
        List months without events between the first and last month too (with
        zeros), so the series has no gaps.

    Returns
    -------
    list of dict
        One row per month ("YYYY-MM"), oldest first: ``month``, ``events``,
        ``goldstein_sum``, ``goldstein_mean`` (0.0 for an empty month),
        ``cooperative`` (events scored above 0), ``conflictual`` (below 0).
        Undated events are not counted.

    Raises
    ------
    AnalysisError
        When ``a`` or ``b`` names no actor of these events, or several.

    Examples
    --------
    >>> import datetime as d
    >>> from graph.analysis.load import Entity, EventRecord
    >>> us = Entity("ent:country/USA", "United States", "Country", "Country")
    >>> cn = Entity("ent:country/CHN", "China", "Country", "Country")
    >>> evs = [EventRecord("e1", "Accusation", "x", start=d.date(2023, 4, 2), goldstein=-2.0,
    ...                    parties=(us, cn)),
    ...        EventRecord("e2", "Meeting", "y", start=d.date(2023, 6, 18), goldstein=1.0,
    ...                    parties=(us, cn))]
    >>> [(r["month"], r["events"], r["goldstein_mean"]) for r in trend(evs, "usa", "china")]
    [('2023-04', 1, -2.0), ('2023-05', 0, 0.0), ('2023-06', 1, 1.0)]
    """
    events = slice_events(events, start, end)
    if a is None and b is not None:
        a, b = b, None
    if a is not None:
        who_a = _who(events, a)
        if b is not None:
            who_b = _who(events, b)
            events = [ev for ev in events if _between(ev, who_a, who_b, by_country)]
        else:
            events = [ev for ev in events if involves(ev, who_a, by_country=by_country)]
    months: dict[str, list[float]] = {}
    for ev in events:
        if ev.start is not None:
            months.setdefault(month_key(ev.start), []).append(ev.goldstein)
    if not months:
        return []
    keys = months_between(min(months), max(months)) if fill else sorted(months)
    rows = []
    for m in keys:
        scores = months.get(m, [])
        total = sum(scores)
        rows.append({"month": m, "events": len(scores), "goldstein_sum": round(total, 4),
                     "goldstein_mean": round(total / len(scores), 4) if scores else 0.0,
                     "cooperative": sum(s > 0 for s in scores),
                     "conflictual": sum(s < 0 for s in scores)})
    return rows
