"""Serialize the store: Turtle/N-Triples as the union of the article graphs, TriG/N-Quads/JSON-LD
keeping each article's graph apart.

An entity the catalog describes has its description (type, label, country...) in the ontology
graph only (each triple lives in one graph, README "Where data is kept"), so without
``--with-ontology`` an export still carries the catalog's description of every entity an
article mentions (in TriG/N-Quads, under the ontology graph's name), and nothing else of it.

A mention is stored with no rdf:type and no uscn:inArticle: its article is the named graph it is
in (graph/rdf/triples.py mention_triples). TriG, N-Quads and JSON-LD keep the graphs; a union
export (Turtle, N-Triples) has none, so it writes both out for each mention, and reads as before."""
from __future__ import annotations

from typing import BinaryIO, Iterator

import pyoxigraph as ox

from graph.errors import UscnError
from graph.rdf.store import GraphStore
from graph.rdf.vocab import ARTICLE, ONTOLOGY_GRAPH, PREFIXES

FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, False, ".ttl"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False, ".nt"),
    "nquads": (ox.RdfFormat.N_QUADS, True, ".nq"),
    "trig": (ox.RdfFormat.TRIG, True, ".trig"),
    "jsonld": (ox.RdfFormat.JSON_LD, True, ".jsonld"),
}
UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
# An entity's description: the properties an article's description of it has
# (graph/rdf/triples.py entity_triples), not the catalog's other facts (tenures of offices...).
MENTIONED_IN_CATALOG = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX uscn: <https://w3id.org/uscn/ontology#> PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
CONSTRUCT { ?s ?p ?o } WHERE {
  { SELECT DISTINCT ?s WHERE { GRAPH ?a { ?a uscn:mentions ?s } } }
  VALUES ?p { rdf:type rdfs:label skos:altLabel owl:sameAs uscn:country skos:broader uscn:partOf uscn:position
              skos:inScheme geo:lat geo:long }
  GRAPH <%s> { ?s ?p ?o }
}""" % ONTOLOGY_GRAPH.value


# The article of each mention, which the union loses with the graph names (see the module's head).
# Mentions of stores written by earlier versions carry both already, and are not given twice.
MENTION_ARTICLES = """
PREFIX uscn: <https://w3id.org/uscn/ontology#>
CONSTRUCT { ?m a uscn:Mention ; uscn:inArticle ?g } WHERE {
  GRAPH ?g { ?m uscn:refersTo ?e FILTER NOT EXISTS { ?m uscn:inArticle ?g } }
  FILTER (STRSTARTS(STR(?g), "%s"))
}""" % ARTICLE


def format_for(name: str) -> tuple[ox.RdfFormat, bool, str]:
    try:
        return FORMATS[name]
    except KeyError:
        raise UscnError(f"unknown format {name!r}; use one of {', '.join(FORMATS)}") from None


def graphs_to_export(store: GraphStore, with_ontology: bool) -> list[ox.NamedNode]:
    graphs = store.article_graphs()
    return graphs + [ONTOLOGY_GRAPH] if with_ontology and store.ox.contains_named_graph(ONTOLOGY_GRAPH) else graphs


def union_triples(store: GraphStore, graphs: list[ox.NamedNode], mention_articles: bool = True) -> Iterator[ox.Triple]:
    """Each triple once, whichever article graphs hold it; with ``mention_articles`` each mention's
    type and article (:data:`MENTION_ARTICLES`); and the catalog's descriptions of the entities
    mentioned, unless the whole ontology graph is exported."""
    if not graphs:
        return iter(())
    yield from store.ox.query(UNION, default_graph=graphs)
    if mention_articles:
        yield from store.query(MENTION_ARTICLES, union=False)
    if ONTOLOGY_GRAPH not in graphs:
        yield from store.query(MENTIONED_IN_CATALOG, union=False)


def dataset_quads(store: GraphStore, graphs: list[ox.NamedNode]) -> Iterator[ox.Quad]:
    wanted = set(graphs)
    yield from (q for q in store.ox.quads_for_pattern(None, None, None) if q.graph_name in wanted)
    if graphs and ONTOLOGY_GRAPH not in wanted:
        yield from (ox.Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
                    for t in store.query(MENTIONED_IN_CATALOG, union=False))


def export(store: GraphStore, out: BinaryIO, fmt: str = "turtle", *, with_ontology: bool = False,
           mention_articles: bool = True) -> None:
    """Write the store to ``out`` in ``fmt``; the ontology graph only when asked. Without
    ``mention_articles`` a union export gives the triples as stored (``uscn validate`` checks them)."""
    rdf_format, keeps_graphs, _ = format_for(fmt)
    graphs = graphs_to_export(store, with_ontology)
    data = dataset_quads(store, graphs) if keeps_graphs else union_triples(store, graphs, mention_articles)
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD) else None
    ox.serialize(data, out, rdf_format, prefixes=prefixes)
