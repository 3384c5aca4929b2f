"""Entity mentions: catalog names, name patterns, and names resolved within the article.

Catalog names are found with Aho-Corasick automata (one pass over the text for thousands of
names: ``catalog_names``); people, organizations and places the catalog lacks are found by the
shape of their names (``people``, ``organizations``, ``places``, built from ``shapes``). Where
candidates overlap the longest wins (``overlaps``). Family names and titles alone ("Blinken",
"Director Yang", "the Secretary") resolve to a person already named in the article
(``short_names``, ``titles``); capitals, administrations and ministries to governments
(``governments``). ``finder`` runs these stages in order.
"""
from graph.extract.entities.finder import EntityFinder

__all__ = ["EntityFinder"]
