"""View models: analysis results turned into plain dicts a page is drawn from.

Nothing here writes HTML: :func:`build_view_model` returns a dict of lists,
strings and numbers (the nodes and edges of the network, the timeline items, the
monthly balance series, the legend, and what was left out), so views are tested
without a browser and the page template only lays the dict out
(the ``spacy.displacy`` pattern).

Texts here are raw (unescaped); escaping is the renderer's job, done once, in
:mod:`graph.views.page`. Only URLs are checked here: a URL that is not http(s)
becomes None, so no ``javascript:`` link can reach a page.
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import re
from urllib.parse import unquote, urlsplit

from graph.analysis import (
    Corpus, EventRecord, actor_graph, community_map, involves, pagerank, parse_bound,
    slice_events, spring_positions, trend,
)
from graph.views import ViewError

#: Colour and vis-network shape of each kind of actor.
CLASS_STYLE = {
    "Person": {"color": "#4e79a7", "shape": "dot", "label": "Person"},
    "Country": {"color": "#f28e2b", "shape": "diamond", "label": "Country"},
    "Organization": {"color": "#9c6ec4", "shape": "square", "label": "Organization"},
    "Other": {"color": "#8c8c8c", "shape": "triangle", "label": "Other"},
}
#: Edge colours: conflict .. neutral .. cooperation.
CONFLICT, NEUTRAL, COOPERATION = "#d62728", "#a0a0a0", "#2ca02c"
#: |mean Goldstein| at which an edge takes the full red or green.
BALANCE_SATURATION = 5.0
#: Past this many nodes the layout is computed before the page is written.
LAYOUT_LIMIT = 1000
#: Events listed in a node's or edge's tooltip (the details panel lists them all).
TOOLTIP_EVENTS = 8


@functools.lru_cache(maxsize=65536)
def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host, else None.

    >>> safe_url("https://example.com/a?b=1"), safe_url("javascript:alert(1)")
    ('https://example.com/a?b=1', None)
    >>> safe_url(" JaVaScRiPt:alert(1)"), safe_url("//evil.example/x")
    (None, None)
    """
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(c in url for c in "\x00\r\n\t") or any(ord(c) < 32 for c in url):
        return None
    return url


def _mix(a: str, b: str, t: float) -> str:
    ca = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(ca, cb))


CHART_GAP_DAYS = 365
"""Dated events this far from all the others, at either end, are outliers of the chart."""
CHART_MAX_OUTLIERS = 0.05
"""At most this share of the dated events (and at least one) is left off each end."""


def chart_range(events: list) -> tuple[list, list]:
    """(the events the monthly chart plots, the outliers it lists instead).

    The chart spans the months from its first to its last event, so one odd
    date (a law's year read as an event, a typo) far from the rest would squeeze
    everything else into a sliver. An end run of a few dated events (at most
    5 %, at least one) set apart from the others by more than a year is left
    out of the chart and listed; undated events never reach the chart anyway.

    >>> import datetime as d
    >>> from graph.analysis.load import EventRecord
    >>> evs = [EventRecord("old", "Statement", "x", start=d.date(1974, 1, 1))] + [
    ...     EventRecord(f"e{i}", "Meeting", "y", start=d.date(2023, 1 + i % 12, 1)) for i in range(30)]
    >>> plotted, out = chart_range(evs)
    >>> [e.iri for e in out], len(plotted)
    (['old'], 30)
    """
    dated = sorted((ev for ev in events if ev.start is not None), key=lambda ev: ev.start)
    if len(dated) < 3:
        return list(events), []
    limit = max(1, int(len(dated) * CHART_MAX_OUTLIERS))
    gap = lambda a, b: ((b.start - (a.end or a.start)).days if (a.end or a.start) else 0)
    first = max((i + 1 for i in range(min(limit, len(dated) - 1)) if gap(dated[i], dated[i + 1]) > CHART_GAP_DAYS),
                default=0)
    last = min((len(dated) - 1 - i for i in range(min(limit, len(dated) - 1 - first))
                if gap(dated[-2 - i], dated[-1 - i]) > CHART_GAP_DAYS), default=len(dated))
    outliers = dated[:first] + dated[last:]
    if not outliers:
        return list(events), []
    out = {id(ev) for ev in outliers}
    return [ev for ev in events if id(ev) not in out], outliers


def balance_color(mean: float) -> str:
    """The colour of a cooperation–conflict balance: red below 0, grey at 0,
    green above, full at ±:data:`BALANCE_SATURATION`.

    >>> balance_color(0.0), balance_color(-9), balance_color(2.5)
    ('#a0a0a0', '#d62728', '#66a066')
    """
    t = max(-1.0, min(1.0, mean / BALANCE_SATURATION))
    return _mix(NEUTRAL, CONFLICT, -t) if t < 0 else _mix(NEUTRAL, COOPERATION, t)


def tone(score: float) -> str:
    """"cooperation", "conflict" or "neutral" for a Goldstein score."""
    return "cooperation" if score > 0 else "conflict" if score < 0 else "neutral"


_DATED_LABEL = re.compile(r"^\s*\d{4}-\d{2}(?:-\d{2})?\s*[–—-]\s*")


def headline(label: str) -> str:
    """An event label without the leading date the store's labels carry (the page
    shows the date beside it).

    >>> headline("2023-06-17 – Antony Blinken visits Beijing")
    'Antony Blinken visits Beijing'
    """
    return _DATED_LABEL.sub("", label, count=1) or label


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def date_text(start: dt.date | None, end: dt.date | None) -> str:
    """A short readable date or span: "18 Jun 2023", "18–19 Jun 2023", "undated".

    >>> import datetime as d
    >>> date_text(d.date(2023, 6, 18), d.date(2023, 6, 19))
    '18–19 Jun 2023'
    >>> date_text(d.date(2023, 6, 28), d.date(2023, 7, 2))
    '28 Jun – 2 Jul 2023'
    """
    if start is None:
        return "undated"
    one = f"{start.day} {start:%b %Y}"
    if end is None or end == start:
        return one
    if (end.year, end.month) == (start.year, start.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    if end.year == start.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{one} – {end.day} {end:%b %Y}"


def focus_events(corpus: Corpus, *, actor=None, dispute=None, start=None, end=None):
    """The events a page shows, with the actor and dispute they were focused on.

    Returns ``(events, actor_entity_or_None, dispute_entity_or_None)``. An actor
    focus keeps the events the actor takes part in (a country also through its
    people and organizations); a dispute focus keeps the events that concern it.

    Raises
    ------
    AnalysisError
        When the actor or dispute name matches nothing (or several), or the
        period is malformed.
    """
    events = slice_events(corpus.events, start, end)
    who = corpus.resolve(actor) if actor else None
    topic = corpus.resolve(dispute, kinds=("Dispute",), what="dispute") if dispute else None
    if who is not None:
        events = [ev for ev in events if involves(ev, who)]
    if topic is not None:
        events = [ev for ev in events if any(d.iri == topic.iri for d in ev.disputes)]
    return events, who, topic


def _legend() -> dict:
    return {
        "classes": [{"kind": k, **v} for k, v in CLASS_STYLE.items()],
        "edges": {"conflict": CONFLICT, "neutral": NEUTRAL, "cooperation": COOPERATION,
                  "saturation": BALANCE_SATURATION,
                  "text": "Edge colour: mean Goldstein score of the shared events, from conflict "
                          f"(red, −{BALANCE_SATURATION:g} or below) through neutral (grey) to "
                          f"cooperation (green, +{BALANCE_SATURATION:g} or above)."},
        "size": "Node size: PageRank centrality (weighted by shared events).",
        "width": "Edge width: number of shared events.",
    }


def _layout(H, n: int) -> dict:
    """How the page lays the network out, and positions when computed here."""
    if n <= LAYOUT_LIMIT:
        return {"mode": "physics", "positions": {},
                "text": "Laid out by a physics simulation that stops once it settles."}
    pos = spring_positions(H, seed=7)
    if pos is None:  # no scipy: settle in the browser, briefly, then freeze
        return {"mode": "stabilise", "positions": {},
                "text": f"{n:,} nodes: the layout is settled in a short simulation when the page "
                        "opens, then frozen so the page stays responsive."}
    scale = 250.0 + 45.0 * math.sqrt(n)  # vis pixels: room for labels at zoom 1
    return {"mode": "precomputed",
            "positions": {node: (round(x * scale, 1), round(y * scale, 1))
                          for node, (x, y) in pos.items()},
            "text": f"{n:,} nodes: laid out in advance (spring layout), physics off."}


def _accounts_item(sides: list[dict] | None) -> list[dict]:
    """Each side's account of a happening (graph.analysis.accounts), links made safe."""
    return [{**side, "sources": [{**src, "url": safe_url(src["url"])} for src in side["sources"]],
             "items": [{**it, "url": safe_url(it["url"])} for it in side["items"]]}
            for side in sides or []]


def _event_item(i: int, ev: EventRecord, accounts: list[dict] | None = None) -> dict:
    sources = [{"iri": s.iri, "title": s.title or unquote(s.iri.rsplit("/", 1)[-1]), "url": safe_url(s.url),
                "publisher": s.publisher, "published": _iso(s.published)} for s in ev.sources]
    by_src = {s["iri"]: s for s in sources}
    evidence = []
    for e in ev.evidence:
        src = by_src.get(e.source) if e.source else None
        evidence.append({"text": e.text, "source_title": src["title"] if src else None,
                         "url": src["url"] if src else None})
    return {
        "index": i, "id": f"ev-{i}", "iri": ev.iri, "type": ev.type, "label": ev.label,
        "headline": headline(ev.label),
        "date": _iso(ev.start), "end": _iso(ev.end), "date_text": date_text(ev.start, ev.end),
        "goldstein": ev.goldstein, "tone": tone(ev.goldstein), "planned": ev.planned,
        "parties": [{"iri": p.iri, "label": p.label, "class": p.cls, "kind": p.kind}
                    for p in ev.parties],
        "place": ev.place.label if ev.place else None,
        "disputes": [{"iri": d.iri, "label": d.label} for d in ev.disputes],
        "sources": sources, "evidence": evidence, "accounts": _accounts_item(accounts),
    }


def build_view_model(corpus: Corpus, *, actor=None, dispute=None, start=None, end=None,
                     max_nodes: int = 300, max_events: int = 2000,
                     accounts: dict[str, list[dict]] | None = None) -> dict:
    """Everything the page shows, as plain data.

    Parameters
    ----------
    corpus : Corpus
        From :func:`graph.analysis.load_corpus`.
    actor, dispute : str, optional
        Focus on the events of one actor (by name) or about one dispute.
    start, end : date or str, optional
        Focus on a period ("2023", "2023-06", "2023-06-17").
    max_nodes : int
        Show at most this many actors: the most central by PageRank (the focus
        actor always); the rest are counted in ``left_out``.
    max_events : int
        List at most this many events in the timeline (the most recent).
    accounts : dict, optional
        Event IRI -> each side's account of it
        (:func:`graph.analysis.accounts.accounts_view`), shown in its details.

    Returns
    -------
    dict
        ``meta`` (title, counts, period, focus), ``nodes`` and ``edges`` (vis
        data plus what tooltips need; ``node["events"]`` and ``edge["events"]``
        are indices into ``events``), ``events`` (every event in focus, date
        order), ``timeline`` (the listed events' items), ``balance`` (monthly
        rows of :func:`graph.analysis.trend`), ``legend``, ``filters`` (classes,
        disputes, actors, date bounds), ``left_out`` and ``layout``.

    Raises
    ------
    AnalysisError
        When a focus name matches nothing or several, or a date is malformed.
    ViewError
        When ``max_nodes`` is below 1 or ``max_events`` below 0.
    """
    if max_nodes < 1 or max_events < 0:
        raise ViewError(f"max_nodes must be 1 or more and max_events 0 or more "
                        f"(got {max_nodes} and {max_events})")
    events, who, topic = focus_events(corpus, actor=actor, dispute=dispute, start=start, end=end)
    items = [_event_item(i, ev, (accounts or {}).get(ev.iri)) for i, ev in enumerate(events)]
    ev_index = {ev.iri: i for i, ev in enumerate(events)}

    G = actor_graph(events)
    pr = pagerank(G)
    order = sorted(G, key=lambda n: (-pr[n], -G.nodes[n]["count"], G.nodes[n]["label"].casefold(), n))
    keep = order[:max_nodes]
    if who is not None and who.iri in G and who.iri not in keep:
        keep = keep[:max_nodes - 1] + [who.iri]
    H = G.subgraph(keep)
    cmap = community_map(H)
    layout = _layout(H, len(H))
    top = max(pr.values()) if pr else 1.0

    # actors of the timeline filter: every party of an event in focus
    actors = sorted({p.iri: p for ev in events for p in ev.parties}.values(),
                    key=lambda e: (e.label.casefold(), e.iri))
    actor_index = {a.iri: i for i, a in enumerate(actors)}
    disputes = sorted({d.iri: d for ev in events for d in ev.disputes}.values(),
                      key=lambda e: (e.label.casefold(), e.iri))
    dispute_index = {d.iri: i for i, d in enumerate(disputes)}
    dispute_counts = {d.iri: 0 for d in disputes}
    for ev in events:
        for d in ev.disputes:
            dispute_counts[d.iri] += 1

    node_ids = {n: i for i, n in enumerate(keep)}
    nodes = []
    for n in keep:
        a = H.nodes[n]
        style = CLASS_STYLE.get(a["kind"], CLASS_STYLE["Other"])
        node = {
            "id": node_ids[n], "iri": n, "label": a["label"], "cls": a["cls"],
            "kind": a["kind"] if a["kind"] in CLASS_STYLE else "Other",
            "color": style["color"], "shape": style["shape"],
            "size": round(10 + 34 * math.sqrt(pr[n] / top), 1) if top else 10,
            "pagerank": round(pr[n], 6), "degree": G.degree(n), "count": a["count"],
            "community": cmap.get(n), "actor": actor_index.get(n),
            "focus": who is not None and n == who.iri,
            "events": [ev_index[e] for e in a["event_iris"]],
        }
        if n in layout["positions"]:
            node["x"], node["y"] = layout["positions"][n]
        nodes.append(node)
    edges = []
    for k, (a, b, d) in enumerate(sorted(H.edges(data=True),
                                         key=lambda e: (node_ids[e[0]], node_ids[e[1]]))):
        edges.append({
            "id": k, "from": node_ids[a], "to": node_ids[b], "weight": d["weight"],
            "width": round(1.6 + 2.2 * math.log2(d["weight"]), 1),
            "color": balance_color(d["goldstein_mean"]),
            "balance": d["goldstein_mean"], "goldstein_sum": d["goldstein_sum"],
            "first": _iso(d["first"]), "last": _iso(d["last"]), "types": d["types"],
            "cooperative": d["cooperative"], "conflictual": d["conflictual"],
            "events": [ev_index[e] for e in d["event_iris"]],
        })

    # timeline: dated events in date order, then undated; the most recent max_events
    dated = [it for it in items if it["date"]]
    undated = [it for it in items if not it["date"]]
    listed = (dated + undated)
    if len(listed) > max_events:
        listed = dated[-max_events:] if len(dated) >= max_events else \
            dated + undated[:max_events - len(dated)]
    listed_ids = {it["index"] for it in listed}
    for it in items:
        it["listed"] = it["index"] in listed_ids
        it["actor_ids"] = [actor_index[p["iri"]] for p in it["parties"]]
        it["dispute_ids"] = [dispute_index[d["iri"]] for d in it["disputes"]]
        it["node_ids"] = [node_ids[p["iri"]] for p in it["parties"] if p["iri"] in node_ids]

    plotted, outliers = chart_range(events)
    dates = [ev.start for ev in events if ev.start] + [ev.last for ev in events if ev.last]
    lo, hi = parse_bound(start), parse_bound(end, end=True)
    meta = {
        "title": "US–China relations",
        "events": len(events), "events_total": len(corpus.events),
        "articles": len({s.iri for ev in events for s in ev.sources}),
        "first": _iso(min(dates)) if dates else None, "last": _iso(max(dates)) if dates else None,
        "undated": len(undated),
        "period": {"start": _iso(lo), "end": _iso(hi)},
        "focus": {"actor": {"iri": who.iri, "label": who.label, "class": who.cls} if who else None,
                  "dispute": {"iri": topic.iri, "label": topic.label} if topic else None},
    }
    left_out = {
        "nodes": len(G) - len(H), "edges": G.number_of_edges() - H.number_of_edges(),
        "nodes_total": len(G), "edges_total": G.number_of_edges(),
        "events": len(items) - len(listed), "events_total": len(items),
        "max_nodes": max_nodes, "max_events": max_events,
    }
    return {
        "meta": meta, "nodes": nodes, "edges": edges, "events": items,
        "timeline": sorted(listed, key=lambda it: (it["date"] is None, it["date"] or "", it["index"])),
        "balance": trend(plotted), "legend": _legend(),
        "chart_outliers": [{"index": ev_index[ev.iri], "date": _iso(ev.start), "label": ev.label,
                            "type": ev.type} for ev in outliers],
        "filters": {
            "classes": [k for k in CLASS_STYLE if any(n["kind"] == k for n in nodes)],
            "disputes": [{"id": i, "iri": d.iri, "label": d.label, "events": dispute_counts[d.iri]}
                         for i, d in enumerate(disputes)],
            "actors": [{"id": i, "iri": a.iri, "label": a.label, "class": a.cls}
                       for i, a in enumerate(actors)],
            "date_min": meta["first"], "date_max": meta["last"],
        },
        "left_out": left_out,
        "layout": {"mode": layout["mode"], "text": layout["text"]},
    }
