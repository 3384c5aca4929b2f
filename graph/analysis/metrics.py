"""Figures over the actor graph: centrality, communities, ego networks, paths.

Every function takes a graph built by :func:`graph.analysis.graphs.actor_graph`
and returns rows (lists of dicts with stable keys and scalar values), except
:func:`ego_network`, :func:`pagerank` and :func:`community_map`, which return
a graph or a dict for other code to use.
"""
from __future__ import annotations

import networkx as nx

from graph.analysis import AnalysisError
from graph.analysis.load import Entity
from graph.analysis.names import resolve

#: Above this many nodes betweenness is estimated from a fixed sample of sources.
BETWEENNESS_EXACT_LIMIT = 1000
BETWEENNESS_SAMPLE = 500


def _entities(G: nx.Graph) -> list[Entity]:
    return [Entity(iri=n, label=a.get("label", n), cls=a.get("cls", "Other"),
                   kind=a.get("kind", "Other"), alt_labels=tuple(a.get("alt_labels", ())),
                   country=a.get("country")) for n, a in G.nodes(data=True)]


def node_for(G: nx.Graph, name: str) -> str:
    """The node (IRI) of ``G`` that ``name`` names; see :func:`graph.analysis.names.resolve`.

    Raises
    ------
    AnalysisError
        When no node, or more than one, has that name.
    """
    return resolve(_entities(G), name, kinds=None).iri


def pagerank(G: nx.Graph, alpha: float = 0.85, weight: str = "weight",
             max_iter: int = 200, tol: float = 1.0e-6) -> dict[str, float]:
    """PageRank of every node, by power iteration in plain Python.

    The same definition as :func:`networkx.pagerank` (uniform teleport, the rank
    of nodes without edges spread evenly), computed without scipy, which
    networkx's own implementation needs. Edge weights are the number of shared
    events. The values sum to 1; iteration stops, as in networkx, when the
    values change by less than ``len(G) * tol`` in total.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> {n: round(v, 3) for n, v in pagerank(G).items()}
    {'a': 0.257, 'b': 0.486, 'c': 0.257}
    """
    nodes = list(G)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    out: list[list[tuple[int, float]]] = []
    dangling: list[int] = []
    for i, (node, adj) in enumerate(G.adjacency()):
        nbrs = [(index[m], float(d.get(weight, 1))) for m, d in adj.items()]
        total = sum(w for _, w in nbrs)
        if total <= 0:
            dangling.append(i)
            out.append([])
        else:
            out.append([(j, w / total) for j, w in nbrs])
    x = [1.0 / n] * n
    for _ in range(max_iter):
        last = x
        base = (1.0 - alpha) / n + alpha * sum(last[i] for i in dangling) / n
        x = [base] * n
        for i, links in enumerate(out):
            share = alpha * last[i]
            for j, w in links:
                x[j] += share * w
        if sum(abs(a - b) for a, b in zip(x, last)) < n * tol:
            break
    return dict(zip(nodes, x))


def centrality(G: nx.Graph, *, seed: int = 42) -> list[dict]:
    """Degree, betweenness and PageRank of every actor, most central first.

    Returns
    -------
    list of dict
        ``rank`` (1 = highest PageRank), ``iri``, ``label``, ``class``,
        ``events`` (events the actor takes part in), ``degree`` (partners),
        ``strength`` (events shared with partners, summed), ``degree_centrality``
        (degree / (n - 1)), ``betweenness`` (normalised, on hop counts),
        ``pagerank`` (weighted by shared events). Floats are rounded to 6
        places. Past ``BETWEENNESS_EXACT_LIMIT`` nodes betweenness is estimated
        from ``BETWEENNESS_SAMPLE`` source nodes drawn with ``seed``.

    Examples
    --------
    >>> G = nx.Graph([("a", "b", {"weight": 1}), ("b", "c", {"weight": 3})])
    >>> [(r["iri"], r["degree"], r["betweenness"]) for r in centrality(G)]
    [('b', 2, 1.0), ('c', 1, 0.0), ('a', 1, 0.0)]
    """
    n = len(G)
    if n == 0:
        return []
    pr = pagerank(G)
    dc = nx.degree_centrality(G) if n > 1 else {node: 0.0 for node in G}
    k = BETWEENNESS_SAMPLE if n > BETWEENNESS_EXACT_LIMIT else None
    bc = nx.betweenness_centrality(G, k=k, seed=seed if k else None, normalized=True)
    rows = []
    for node, a in G.nodes(data=True):
        rows.append({"iri": node, "label": a.get("label", node), "class": a.get("cls", ""),
                     "events": a.get("count", 0), "degree": G.degree(node),
                     "strength": G.degree(node, weight="weight"),
                     "degree_centrality": round(dc[node], 6), "betweenness": round(bc[node], 6),
                     "pagerank": round(pr[node], 6)})
    rows.sort(key=lambda r: (-r["pagerank"], -r["degree"], r["label"].casefold(), r["iri"]))
    return [{"rank": i, **r} for i, r in enumerate(rows, 1)]


def community_map(G: nx.Graph, *, seed: int = 42, resolution: float = 1.0) -> dict[str, int]:
    """The Louvain community of every node, numbered from 1 by size (largest first).

    Uses :func:`networkx.community.louvain_communities` with the shared-event
    counts as weights and a fixed ``seed``, so the same graph gives the same
    communities. An actor without partners is a community of its own.

    >>> community_map(nx.Graph([("a", "b"), ("c", "d")]))
    {'a': 1, 'b': 1, 'c': 2, 'd': 2}
    """
    if len(G) == 0:
        return {}
    parts = nx.community.louvain_communities(G, weight="weight", resolution=resolution, seed=seed)
    label = lambda n: G.nodes[n].get("label", str(n)).casefold()  # noqa: E731
    parts = sorted(parts, key=lambda c: (-len(c), min(label(n) for n in c)))
    return {node: i for i, part in enumerate(parts, 1) for node in sorted(part, key=label)}


def communities(G: nx.Graph, *, seed: int = 42, resolution: float = 1.0) -> list[dict]:
    """Louvain communities, one row per actor: ``community`` (1 = largest),
    ``size``, ``iri``, ``label``, ``class``, ``events``; by community, then
    most events first. See :func:`community_map`.

    >>> [(r["community"], r["iri"]) for r in communities(nx.Graph([("a", "b"), ("c", "d")]))]
    [(1, 'a'), (1, 'b'), (2, 'c'), (2, 'd')]
    """
    cmap = community_map(G, seed=seed, resolution=resolution)
    sizes: dict[int, int] = {}
    for c in cmap.values():
        sizes[c] = sizes.get(c, 0) + 1
    rows = [{"community": c, "size": sizes[c], "iri": node,
             "label": G.nodes[node].get("label", node), "class": G.nodes[node].get("cls", ""),
             "events": G.nodes[node].get("count", 0)} for node, c in cmap.items()]
    rows.sort(key=lambda r: (r["community"], -r["events"], r["label"].casefold(), r["iri"]))
    return rows


def ego_network(G: nx.Graph, name: str, radius: int = 1) -> nx.Graph:
    """The actors within ``radius`` steps of the actor called ``name``, with the
    edges among them (a copy; ``H.graph["center"]`` is the actor's IRI).

    Raises
    ------
    AnalysisError
        When the name matches no actor, or several, or radius is below 1.
    """
    if radius < 1:
        raise AnalysisError(f"the radius must be 1 or more, not {radius}")
    center = node_for(G, name)
    H = nx.ego_graph(G, center, radius=radius).copy()
    H.graph["center"] = center
    return H


def ego_rows(G: nx.Graph, name: str, radius: int = 1) -> list[dict]:
    """An actor's ego network as rows: ``iri``, ``label``, ``class``,
    ``distance`` (0 for the actor itself), ``events`` (shared with the actor; for
    the actor itself all its events), ``types``, ``first``, ``last`` and
    ``goldstein_mean`` of those shared events (empty beyond distance 1); by
    distance, then most events first.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("a", label="Alice"); G.add_node("b", label="Bob", count=1)
    >>> G.add_node("c", label="Carol")
    >>> G.add_edge("a", "b", weight=2, types={"Meeting": 2}, first=None, last=None,
    ...            goldstein_mean=1.5)
    >>> G.add_edge("b", "c", weight=1, types={"Visit": 1}, first=None, last=None,
    ...            goldstein_mean=0.0)
    >>> [(r["label"], r["distance"], r["events"]) for r in ego_rows(G, "bob")]
    [('Bob', 0, 1), ('Alice', 1, 2), ('Carol', 1, 1)]
    """
    H = ego_network(G, name, radius)
    center = H.graph["center"]
    dist = nx.single_source_shortest_path_length(H, center, cutoff=radius)
    rows = []
    for node, d in dist.items():
        a = H.nodes[node]
        edge = H.edges[center, node] if d == 1 else None
        rows.append({
            "iri": node, "label": a.get("label", node), "class": a.get("cls", ""), "distance": d,
            "events": edge["weight"] if edge else (a.get("count", 0) if d == 0 else 0),
            "types": "; ".join(f"{t} {n}" for t, n in edge["types"].items()) if edge else "",
            "first": edge["first"].isoformat() if edge and edge["first"] else None,
            "last": edge["last"].isoformat() if edge and edge["last"] else None,
            "goldstein_mean": edge["goldstein_mean"] if edge else None,
        })
    rows.sort(key=lambda r: (r["distance"], -r["events"], r["label"].casefold(), r["iri"]))
    return rows


def shortest_path(G: nx.Graph, source: str, target: str) -> list[dict]:
    """The fewest steps from one actor to another, one row per actor on the way.

    Rows: ``step`` (0 for ``source``), ``iri``, ``label``, ``class``, and for
    the edge from the previous actor ``events`` (shared events), ``types``,
    ``first``, ``last``, ``goldstein_mean`` (None on step 0).

    Raises
    ------
    AnalysisError
        When a name matches no actor or several, or no chain of shared events
        joins the two.

    Examples
    --------
    >>> G = nx.Graph()
    >>> for n in "abc": G.add_node(n, label=n.upper())
    >>> G.add_edge("a", "b", weight=1, types={"Meeting": 1}, first=None, last=None,
    ...            goldstein_mean=1.0)
    >>> G.add_edge("b", "c", weight=2, types={"Visit": 2}, first=None, last=None,
    ...            goldstein_mean=0.5)
    >>> [(r["step"], r["label"], r["events"]) for r in shortest_path(G, "a", "c")]
    [(0, 'A', None), (1, 'B', 1), (2, 'C', 2)]
    """
    a, b = node_for(G, source), node_for(G, target)
    try:
        path = nx.shortest_path(G, a, b)
    except nx.NetworkXNoPath:
        la, lb = G.nodes[a].get("label", a), G.nodes[b].get("label", b)
        raise AnalysisError(f"no chain of shared events joins {la!r} and {lb!r} in these events; "
                            f"widen the period or check the names") from None
    rows = []
    for i, node in enumerate(path):
        attrs = G.nodes[node]
        edge = G.edges[path[i - 1], node] if i else None
        rows.append({
            "step": i, "iri": node, "label": attrs.get("label", node), "class": attrs.get("cls", ""),
            "events": edge["weight"] if edge else None,
            "types": "; ".join(f"{t} {n}" for t, n in edge["types"].items()) if edge else None,
            "first": edge["first"].isoformat() if edge and edge["first"] else None,
            "last": edge["last"].isoformat() if edge and edge["last"] else None,
            "goldstein_mean": edge["goldstein_mean"] if edge else None,
        })
    return rows


def spring_positions(G: nx.Graph, *, seed: int = 7, iterations: int = 50) -> dict | None:
    """Node positions from :func:`networkx.spring_layout` (weights = shared
    events, fixed ``seed``), or None when scipy, which networkx needs for graphs
    of 500 nodes or more, is not installed.

    >>> pos = spring_positions(nx.path_graph(3))
    >>> sorted(pos) == [0, 1, 2] and all(len(p) == 2 for p in pos.values())
    True
    """
    if len(G) >= 500:
        try:
            import scipy  # noqa: F401
        except ImportError:
            return None
    pos = nx.spring_layout(G, seed=seed, iterations=iterations, weight="weight")
    return {node: (float(x), float(y)) for node, (x, y) in pos.items()}
