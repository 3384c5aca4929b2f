"""From events to networkx graphs: who deals with whom, and who is in which dispute.

Both graphs are undirected ``networkx.Graph`` objects keyed by IRI.

Node attributes
    ``label``, ``cls`` (most specific class), ``kind`` (Person, Country,
    Organization, Dispute), ``alt_labels`` (tuple), ``country`` (IRI or None),
    ``count`` (events it takes part in), ``event_iris`` (list).

Edge attributes
    ``weight`` (events the two share), ``event_iris`` (list, in date order),
    ``types`` (dict event type -> count, most frequent first), ``first`` and
    ``last`` (dates, None when no shared event is dated), ``goldstein_sum`` and
    ``goldstein_mean`` (the cooperation–conflict balance: above 0 leans to
    cooperation, below 0 to conflict), ``cooperative`` and ``conflictual``
    (events scored above / below 0).
"""
from __future__ import annotations

from itertools import combinations
from typing import Iterable

import networkx as nx

from graph.analysis.load import Entity, EventRecord
from graph.analysis.period import slice_events


class _Tally:
    """What a node or edge accumulates over its events."""
    __slots__ = ("event_iris", "types", "first", "last", "gsum", "coop", "conf")

    def __init__(self):
        self.event_iris: list[str] = []
        self.types: dict[str, int] = {}
        self.first = self.last = None
        self.gsum = 0.0
        self.coop = self.conf = 0

    def add(self, ev: EventRecord) -> None:
        self.event_iris.append(ev.iri)
        self.types[ev.type] = self.types.get(ev.type, 0) + 1
        if ev.start is not None:
            if self.first is None or ev.start < self.first:
                self.first = ev.start
            if self.last is None or ev.last > self.last:
                self.last = ev.last
        self.gsum += ev.goldstein
        self.coop += ev.goldstein > 0
        self.conf += ev.goldstein < 0

    def edge_attrs(self) -> dict:
        n = len(self.event_iris)
        return {
            "weight": n, "event_iris": self.event_iris,
            "types": dict(sorted(self.types.items(), key=lambda kv: (-kv[1], kv[0]))),
            "first": self.first, "last": self.last,
            "goldstein_sum": round(self.gsum, 4),
            "goldstein_mean": round(self.gsum / n, 4) if n else 0.0,
            "cooperative": self.coop, "conflictual": self.conf,
        }


def _node_attrs(e: Entity) -> dict:
    return {"label": e.label, "cls": e.cls, "kind": e.kind, "alt_labels": e.alt_labels,
            "country": e.country, "count": 0, "event_iris": []}


def actor_graph(events: Iterable[EventRecord], start=None, end=None) -> nx.Graph:
    """The actor graph: persons, countries and organizations, one edge per pair
    that share at least one event.

    Parameters
    ----------
    events : iterable of EventRecord
        Usually ``load_corpus(store).events``.
    start, end : date or str, optional
        Keep only events in this period first (see
        :func:`graph.analysis.period.slice_events`).

    Returns
    -------
    networkx.Graph
        Attributes as described in this module's docstring;
        ``G.graph["events"]`` is the number of events used.

    Examples
    --------
    >>> import datetime as d
    >>> from graph.analysis.load import Entity, EventRecord
    >>> us = Entity("ent:country/USA", "United States", "Country", "Country")
    >>> cn = Entity("ent:country/CHN", "China", "Country", "Country")
    >>> evs = [EventRecord("e1", "Meeting", "talks", start=d.date(2023, 6, 18),
    ...                    goldstein=1.0, parties=(us, cn)),
    ...        EventRecord("e2", "Accusation", "spy unit", start=d.date(2023, 6, 9),
    ...                    goldstein=-2.0, parties=(us, cn))]
    >>> G = actor_graph(evs)
    >>> e = G.edges["ent:country/USA", "ent:country/CHN"]
    >>> e["weight"], e["types"], str(e["first"]), e["goldstein_mean"]
    (2, {'Accusation': 1, 'Meeting': 1}, '2023-06-09', -0.5)
    """
    events = slice_events(events, start, end)
    G = nx.Graph()
    nodes: dict[str, dict] = {}
    tallies: dict[tuple[str, str], _Tally] = {}
    for ev in events:
        for p in ev.parties:
            attrs = nodes.get(p.iri)
            if attrs is None:
                attrs = nodes[p.iri] = _node_attrs(p)
            attrs["count"] += 1
            attrs["event_iris"].append(ev.iri)
        iris = sorted(p.iri for p in ev.parties)
        for a, b in combinations(iris, 2):
            t = tallies.get((a, b))
            if t is None:
                t = tallies[(a, b)] = _Tally()
            t.add(ev)
    G.add_nodes_from(nodes.items())
    G.add_edges_from((a, b, t.edge_attrs()) for (a, b), t in tallies.items())
    G.graph["events"] = len(events)
    return G


def actor_dispute_graph(events: Iterable[EventRecord], start=None, end=None) -> nx.Graph:
    """The bipartite graph of actors and the disputes their events concern.

    Actor nodes have ``bipartite=0``, dispute nodes ``bipartite=1`` (and
    ``kind="Dispute"``); an edge joins an actor to a dispute when one of the
    actor's events concerns it, with the same attributes as the actor graph.

    Examples
    --------
    >>> import datetime as d
    >>> from graph.analysis.load import Entity, EventRecord
    >>> us = Entity("ent:country/USA", "United States", "Country", "Country")
    >>> tw = Entity("ent:dispute/taiwan", "Taiwan", "Dispute", "Dispute")
    >>> B = actor_dispute_graph([EventRecord("e1", "Statement", "x", parties=(us,),
    ...                                      disputes=(tw,))])
    >>> B.edges["ent:country/USA", "ent:dispute/taiwan"]["weight"]
    1
    """
    events = slice_events(events, start, end)
    B = nx.Graph()
    nodes: dict[str, dict] = {}
    tallies: dict[tuple[str, str], _Tally] = {}
    for ev in events:
        if not ev.disputes:
            continue
        for ent, side in [(p, 0) for p in ev.parties] + [(d, 1) for d in ev.disputes]:
            attrs = nodes.get(ent.iri)
            if attrs is None:
                attrs = nodes[ent.iri] = {**_node_attrs(ent), "bipartite": side}
            attrs["count"] += 1
            attrs["event_iris"].append(ev.iri)
        for p in ev.parties:
            for d in ev.disputes:
                t = tallies.get((p.iri, d.iri))
                if t is None:
                    t = tallies[(p.iri, d.iri)] = _Tally()
                t.add(ev)
    B.add_nodes_from(nodes.items())
    B.add_edges_from((a, b, t.edge_attrs()) for (a, b), t in tallies.items())
    B.graph["events"] = len(events)
    return B


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _types(types: dict[str, int]) -> str:
    return "; ".join(f"{t} {n}" for t, n in types.items())


def node_rows(G: nx.Graph) -> list[dict]:
    """One row per node: iri, label, class, events, degree; most events first.

    >>> node_rows(nx.Graph())
    []
    """
    rows = [{"iri": n, "label": a.get("label", n), "class": a.get("cls", ""),
             "events": a.get("count", 0), "degree": G.degree(n)} for n, a in G.nodes(data=True)]
    rows.sort(key=lambda r: (-r["events"], r["label"].casefold(), r["iri"]))
    return rows


def edge_rows(G: nx.Graph) -> list[dict]:
    """One row per pair: source, source_label, target, target_label, events,
    types ("Meeting 2; Visit 1"), first, last (ISO dates or None),
    goldstein_sum, goldstein_mean, cooperative, conflictual; most events first.
    The pair is written in label order, so rows are stable.
    """
    rows = []
    for a, b, d in G.edges(data=True):
        la, lb = G.nodes[a].get("label", a), G.nodes[b].get("label", b)
        if (lb.casefold(), b) < (la.casefold(), a):
            a, b, la, lb = b, a, lb, la
        rows.append({"source": a, "source_label": la, "target": b, "target_label": lb,
                     "events": d["weight"], "types": _types(d["types"]),
                     "first": _iso(d["first"]), "last": _iso(d["last"]),
                     "goldstein_sum": d["goldstein_sum"], "goldstein_mean": d["goldstein_mean"],
                     "cooperative": d["cooperative"], "conflictual": d["conflictual"]})
    rows.sort(key=lambda r: (-r["events"], r["source_label"].casefold(), r["target_label"].casefold()))
    return rows


def dispute_rows(B: nx.Graph) -> list[dict]:
    """One row per actor–dispute edge of :func:`actor_dispute_graph`: actor,
    actor_label, dispute, dispute_label, events, types, first, last,
    goldstein_sum, goldstein_mean; by dispute, then most events first."""
    rows = []
    for a, b, d in B.edges(data=True):
        if B.nodes[a].get("bipartite") == 1:
            a, b = b, a
        rows.append({"actor": a, "actor_label": B.nodes[a]["label"],
                     "dispute": b, "dispute_label": B.nodes[b]["label"],
                     "events": d["weight"], "types": _types(d["types"]),
                     "first": _iso(d["first"]), "last": _iso(d["last"]),
                     "goldstein_sum": d["goldstein_sum"], "goldstein_mean": d["goldstein_mean"]})
    rows.sort(key=lambda r: (r["dispute_label"].casefold(), -r["events"], r["actor_label"].casefold()))
    return rows
