"""Serialize the store: Turtle/N-Triples as the union of the article graphs, TriG/N-Quads/JSON-LD
keeping each article's graph apart."""
from __future__ import annotations

from typing import BinaryIO, Iterator

import pyoxigraph as ox

from graph.errors import UscnError
from graph.rdf.store import GraphStore
from graph.rdf.vocab import ONTOLOGY_GRAPH, PREFIXES

FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, False, ".ttl"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False, ".nt"),
    "nquads": (ox.RdfFormat.N_QUADS, True, ".nq"),
    "trig": (ox.RdfFormat.TRIG, True, ".trig"),
    "jsonld": (ox.RdfFormat.JSON_LD, True, ".jsonld"),
}
UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def format_for(name: str) -> tuple[ox.RdfFormat, bool, str]:
    try:
        return FORMATS[name]
    except KeyError:
        raise UscnError(f"unknown format {name!r}; use one of {', '.join(FORMATS)}") from None


def graphs_to_export(store: GraphStore, with_ontology: bool) -> list[ox.NamedNode]:
    graphs = store.article_graphs()
    return graphs + [ONTOLOGY_GRAPH] if with_ontology and store.ox.contains_named_graph(ONTOLOGY_GRAPH) else graphs


def union_triples(store: GraphStore, graphs: list[ox.NamedNode]) -> Iterator[ox.Triple]:
    """Each triple once, whichever article graphs hold it."""
    if not graphs:
        return iter(())
    return iter(store.ox.query(UNION, default_graph=graphs))


def dataset_quads(store: GraphStore, graphs: list[ox.NamedNode]) -> Iterator[ox.Quad]:
    wanted = set(graphs)
    return (q for q in store.ox.quads_for_pattern(None, None, None) if q.graph_name in wanted)


def export(store: GraphStore, out: BinaryIO, fmt: str = "turtle", *, with_ontology: bool = False) -> None:
    """Write the store to ``out`` in ``fmt``; the ontology graph only when asked."""
    rdf_format, keeps_graphs, _ = format_for(fmt)
    graphs = graphs_to_export(store, with_ontology)
    data = dataset_quads(store, graphs) if keeps_graphs else union_triples(store, graphs)
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD) else None
    ox.serialize(data, out, rdf_format, prefixes=prefixes)
