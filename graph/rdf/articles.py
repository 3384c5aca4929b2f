"""Finding an article's graph in a store from the id a user gives.

An article's graph is named by :func:`graph.rdf.vocab.article_iri`, one-to-one
with its id. Stores written before that naming used a lower-case slug that
could be shared by several ids; such a graph still counts as the article's
only when the id it keeps verbatim (``dcterms:identifier``) is this one.
"""
from __future__ import annotations

import pyoxigraph as ox

from graph.rdf.vocab import article_iri, legacy_article_iri, term

IDENTIFIER = term("dcterms", "identifier")

LIST_IDS = """SELECT ?id ?title WHERE {
  GRAPH ?a { ?a a uscn:Article ; dcterms:identifier ?id OPTIONAL { ?a uscn:title ?title } }
} ORDER BY ?id"""
"""Every stored article's id and title, as ``uscn articles`` lists them."""


def stored_article_graph(store, article_id: str) -> ox.NamedNode | None:
    """The graph that holds the article with this id, or None when none does."""
    graph = article_iri(article_id)
    if store.ox.contains_named_graph(graph):
        return graph
    legacy = legacy_article_iri(article_id)
    if legacy != graph and ox.Quad(legacy, IDENTIFIER, ox.Literal(article_id), legacy) in store.ox:
        return legacy
    return None


def article_ids(store) -> list[tuple[str, str | None]]:
    """(id, title) of every stored article, by id."""
    return [(sol["id"].value, sol["title"].value if sol["title"] else None)
            for sol in store.query(LIST_IDS, union=False)]
