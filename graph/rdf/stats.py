"""Figures about what a store holds."""
from __future__ import annotations

from graph.rdf.store import GraphStore

CLASS_COUNTS = """
SELECT ?cls (COUNT(DISTINCT ?s) AS ?n) WHERE {
  GRAPH ?g { ?s a ?cls }
  FILTER(?g != <https://w3id.org/uscn/id/graph/ontology> && STRSTARTS(STR(?cls), STR(uscn:)))
} GROUP BY ?cls ORDER BY DESC(?n)
"""
RANGES = """
SELECT (COUNT(DISTINCT ?a) AS ?articles) (MIN(?pub) AS ?pfrom) (MAX(?pub) AS ?pto) WHERE {
  GRAPH ?a { ?a a uscn:Article OPTIONAL { ?a uscn:published ?pub } }
}
"""
EVENT_RANGE = """
SELECT (MIN(?d) AS ?efrom) (MAX(?e) AS ?eto) WHERE { GRAPH ?g { ?ev uscn:startDate ?d ; uscn:endDate ?e } }
"""


def store_stats(store: GraphStore) -> dict:
    """Articles, triples, instances per uscn class, and the date ranges."""
    classes = {sol["cls"].value.rsplit("#", 1)[-1]: int(sol["n"].value)
               for sol in store.query(CLASS_COUNTS, union=False)}
    ranges = next(iter(store.query(RANGES, union=False)))
    events = next(iter(store.query(EVENT_RANGE, union=False)))
    value = lambda sol, name: sol[name].value if sol[name] is not None else None
    return {
        "articles": int(ranges["articles"].value),
        "triples": sum(1 for g in store.article_graphs() for _ in store.ox.quads_for_pattern(None, None, None, g)),
        "published_from": value(ranges, "pfrom"), "published_to": value(ranges, "pto"),
        "events_from": value(events, "efrom"), "events_to": value(events, "eto"),
        "classes": classes,
    }
