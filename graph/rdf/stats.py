"""Figures about what a store holds, counted by Oxigraph (SPARQL aggregates and its own quad count).

Nothing here walks triples in Python: on a store of a million triples a Python loop over the
quads took 85 % of the 9–13 s `uscn stats` needed; these queries answer in about a second
(`scripts/bench_queries.py` measures it).
"""
from __future__ import annotations

from graph.rdf.store import GraphStore
from graph.rdf.vocab import BOOKKEEPING_GRAPHS, ONTOLOGY_GRAPH

# Instances per class in the data: the ontology's, the feed state's (uscn:FeedEntry) and the
# journal's graphs are bookkeeping, not what articles say. An entity the catalog describes has
# its type in the ontology graph only (each triple lives in one graph), so it counts when an
# article mentions it. The classes are the ontology's uscn classes, each counted with a look-up
# of its instances (LATERAL): a scan of every rdf:type with a string test on each class took
# twice as long (242 -> 98 ms at a million triples, 150,000 of them mentions). A mention is
# written with no rdf:type (graph/rdf/triples.py mention_triples: its type follows from
# uscn:refersTo's domain), so mentions are counted as the subjects of uscn:refersTo; those of
# stores written by earlier versions, which also carry the type, count once (DISTINCT).
CLASS_COUNTS = """
SELECT ?cls (COUNT(DISTINCT ?s) AS ?n) WHERE {
  {
    { SELECT DISTINCT ?cls WHERE {
        GRAPH %(ontology)s { ?cls a ?meta } VALUES ?meta { owl:Class rdfs:Class }
        FILTER(STRSTARTS(STR(?cls), STR(uscn:))) } }
    LATERAL {
      { GRAPH ?g { ?s a ?cls } FILTER(?g NOT IN (%(bookkeeping)s)) }
      UNION
      { GRAPH %(ontology)s { ?s a ?cls } FILTER EXISTS { GRAPH ?a { ?a uscn:mentions ?s } } }
    }
  }
  UNION
  { GRAPH ?m { ?s uscn:refersTo ?e } FILTER(?m NOT IN (%(bookkeeping)s)) BIND(uscn:Mention AS ?cls) }
} GROUP BY ?cls ORDER BY DESC(?n)
""" % {"bookkeeping": ", ".join(str(g) for g in BOOKKEEPING_GRAPHS), "ontology": ONTOLOGY_GRAPH}
# The dates come from their own subquery: a MIN over an OPTIONAL that one undated article
# leaves unbound is itself unbound, and printed "published - .. -".
RANGES = """
SELECT ?articles ?pfrom ?pto WHERE {
  { SELECT (COUNT(DISTINCT ?a) AS ?articles) WHERE { GRAPH ?a { ?a a uscn:Article } } }
  { SELECT (MIN(?pub) AS ?pfrom) (MAX(?pub) AS ?pto) WHERE { GRAPH ?b { ?b a uscn:Article ; uscn:published ?pub } } }
}
"""
# Earliest start and latest end, each from its own index range rather than a join of the two.
EVENT_RANGE = """
SELECT ?efrom ?eto WHERE {
  { SELECT (MIN(?d) AS ?efrom) WHERE { GRAPH ?g { ?ev uscn:startDate ?d } } }
  { SELECT (MAX(?e) AS ?eto) WHERE { GRAPH ?h { ?ev2 uscn:endDate ?e } } }
}
"""
ONTOLOGY_SIZE = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }" % ONTOLOGY_GRAPH.value


def triple_count(store: GraphStore) -> int:
    """Triples in every graph but the ontology's: the figure both stats and ingest print."""
    ontology = int(next(iter(store.query(ONTOLOGY_SIZE, union=False)))["n"].value)
    return len(store) - ontology  # Oxigraph counts its quads itself


def store_stats(store: GraphStore) -> dict:
    """Articles, triples (every graph but the ontology's), instances per uscn class, the date ranges."""
    classes = {sol["cls"].value.rsplit("#", 1)[-1]: int(sol["n"].value)
               for sol in store.query(CLASS_COUNTS, union=False)}
    ranges = next(iter(store.query(RANGES, union=False)))
    events = next(iter(store.query(EVENT_RANGE, union=False)))
    value = lambda sol, name: sol[name].value if sol[name] is not None else None
    return {
        "articles": int(ranges["articles"].value),
        "triples": triple_count(store),
        "published_from": value(ranges, "pfrom"), "published_to": value(ranges, "pto"),
        "events_from": value(events, "efrom"), "events_to": value(events, "eto"),
        "classes": classes,
    }
