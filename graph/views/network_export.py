"""The actor network as GraphML or GEXF, for Gephi, Cytoscape and yEd.

The actor graph of :func:`graph.analysis.actor_graph` carries lists, dicts and
dates that no graph file format holds, so it is first flattened to scalar
attributes (text, integers, floats), then written by networkx's own writers
(:func:`networkx.write_graphml`, :func:`networkx.write_gexf`).

Node attributes
    ``label``, ``class`` (most specific class), ``kind`` (Person, Country,
    Organization), ``country`` and ``country_label`` (the country it belongs
    to; empty for countries and unknown), ``events`` (events it takes part in),
    ``degree``, ``degree_centrality``, ``betweenness``, ``pagerank``.

Edge attributes
    ``weight`` and ``events`` (events the two share), ``types`` ("Meeting 2;
    Visit 1"), one ``events_<Type>`` count per event type, ``first`` and
    ``last`` (ISO dates; absent when no shared event is dated),
    ``goldstein_mean``, ``goldstein_sum``, ``cooperative``, ``conflictual``.

Graph attributes
    ``title``, ``events`` (events used), ``period`` and ``dispute`` when given.
"""
from __future__ import annotations

from typing import BinaryIO

import networkx as nx

from graph.analysis import Corpus, actor_graph, centrality
from graph.views.model import focus_events

FORMATS = ("graphml", "gexf")
TYPE_PREFIX = "events_"


def network(corpus: Corpus, *, dispute: str | None = None, start=None, end=None,
            period: str | None = None) -> nx.Graph:
    """The actor network of the events in focus, with only scalar attributes.

    Parameters
    ----------
    corpus : Corpus
        From :func:`graph.analysis.load_corpus`.
    dispute : str, optional
        Only events that concern this dispute (by name).
    start, end : date or str, optional
        Only events in this period (see :func:`graph.analysis.parse_period`).
    period : str, optional
        The period as the user wrote it, kept as a graph attribute.

    Raises
    ------
    AnalysisError
        When the dispute matches nothing or several, or a date is malformed.
    """
    events, _, topic = focus_events(corpus, dispute=dispute, start=start, end=end)
    G = actor_graph(events)
    return flatten(G, corpus, period=period, dispute=topic.label if topic else None)


def flatten(G: nx.Graph, corpus: Corpus | None = None, *, period: str | None = None,
            dispute: str | None = None) -> nx.Graph:
    """A copy of an actor graph whose every attribute is a str, int or float.

    Examples
    --------
    >>> import datetime as d
    >>> from graph.analysis.load import Entity, EventRecord
    >>> us = Entity("u", "United States", "Country", "Country")
    >>> cn = Entity("c", "China", "Country", "Country")
    >>> F = flatten(actor_graph([EventRecord("e", "Meeting", "x", start=d.date(2023, 6, 18),
    ...                                      goldstein=1.0, parties=(us, cn))]))
    >>> e = F.edges["u", "c"]
    >>> e["events_Meeting"], e["first"], e["goldstein_mean"]
    (1, '2023-06-18', 1.0)
    """
    ranks = {r["iri"]: r for r in centrality(G)}
    labels = {iri: ent.label for iri, ent in (corpus.entities.items() if corpus else ())}
    F = nx.Graph()
    F.graph.update({"title": "uscn actor network", "events": int(G.graph.get("events", 0))})
    if period:
        F.graph["period"] = period
    if dispute:
        F.graph["dispute"] = dispute
    for node, a in G.nodes(data=True):
        r = ranks[node]
        country = a.get("country") or ""
        F.add_node(node, label=a.get("label", node), **{"class": a.get("cls") or "Other"},
                   kind=a.get("kind") or "Other", country=country,
                   country_label=(labels.get(country) or G.nodes.get(country, {}).get("label", ""))
                   if country else "",
                   events=int(a.get("count", 0)), degree=int(r["degree"]),
                   degree_centrality=float(r["degree_centrality"]),
                   betweenness=float(r["betweenness"]), pagerank=float(r["pagerank"]))
    for u, v, d in G.edges(data=True):
        attrs = {"weight": int(d["weight"]), "events": int(d["weight"]),
                 "types": "; ".join(f"{t} {n}" for t, n in d["types"].items()),
                 "goldstein_mean": float(d["goldstein_mean"]), "goldstein_sum": float(d["goldstein_sum"]),
                 "cooperative": int(d["cooperative"]), "conflictual": int(d["conflictual"])}
        attrs.update({TYPE_PREFIX + t: int(n) for t, n in d["types"].items()})
        if d["first"] is not None:
            attrs["first"] = d["first"].isoformat()
            attrs["last"] = d["last"].isoformat()
        F.add_edge(u, v, **attrs)
    return F


def write_network(G: nx.Graph, out: BinaryIO, fmt: str) -> None:
    """Write a flattened network as GraphML or GEXF to a binary stream."""
    if fmt == "graphml":
        nx.write_graphml(G, out, encoding="utf-8", prettyprint=True)  # key ids d0, d1...: unique, as the schema wants
    elif fmt == "gexf":
        nx.write_gexf(G, out, encoding="utf-8", prettyprint=True)
    else:
        raise ValueError(f"unknown network format {fmt!r}; use one of {', '.join(FORMATS)}")
