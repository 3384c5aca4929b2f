"""Namespaces and IRIs: the one place that knows how uscn names things in RDF."""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

import pyoxigraph as ox

USCN = "https://w3id.org/uscn/ontology#"
ENT = "https://w3id.org/uscn/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"

PREFIXES = {
    "uscn": USCN, "ent": ENT, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "skos": SKOS,
    "xsd": XSD, "dcterms": DCTERMS, "prov": PROV, "schema": SCHEMA, "geo": GEO,
}

ONTOLOGY_GRAPH = ox.NamedNode(ENT + "graph/ontology")
ENTITIES_GRAPH = ox.NamedNode(ENT + "graph/entities")
HAPPENINGS_GRAPH = ox.NamedNode(ENT + "graph/happenings")
#: What ``uscn watch`` remembers of feeds (graph/rdf/feed_state.py); not an article's graph.
FEEDS_GRAPH = ox.NamedNode(ENT + "graph/feeds")
#: The article graphs a bulk load is writing, listed before and cleared after (graph/rdf/store.py).
JOURNAL_GRAPH = ox.NamedNode(ENT + "graph/journal")
#: Graphs that are not the data of articles: left out of stats, exports and the article list.
BOOKKEEPING_GRAPHS = (ONTOLOGY_GRAPH, FEEDS_GRAPH, JOURNAL_GRAPH)


@functools.lru_cache(maxsize=1024)
def uscn(name: str) -> ox.NamedNode:
    """The ontology term ``uscn:name`` (remembered: an article's quads name the same few
    terms thousands of times, and building a node checks its IRI each time)."""
    return ox.NamedNode(USCN + name)


@functools.lru_cache(maxsize=1024)
def term(prefix: str, name: str) -> ox.NamedNode:
    """A term in one of the known namespaces, e.g. ``term("rdfs", "label")``."""
    return ox.NamedNode(PREFIXES[prefix] + name)


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: the last part of an entity IRI."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or hashlib.sha1(text.encode()).hexdigest()[:12]


def entity_iri(key: str) -> ox.NamedNode:
    """The IRI of an entity from its key ("person/antony-blinken")."""
    return ox.NamedNode(ENT + key)


ARTICLE = ENT + "article/"
MAX_READABLE_ID = 120
"""Ids longer than this are shortened and end in a hash of the whole id."""


def _keeps(char: str) -> bool:
    """Whether a character stands for itself in an article IRI: IRI-unreserved
    ASCII, or a non-ASCII letter or digit (an IRI ``ucschar``)."""
    if char.isascii():
        return char.isalnum() or char in "-._~"
    return unicodedata.category(char)[0] in "LN" and ord(char) < 0xE000


def id_segment(article_id: str) -> str:
    """The last segment of an article IRI: the id itself where it can stay
    readable, every other character percent-encoded as UTF-8.

    The mapping is one-to-one: case, ``_`` against ``-`` and non-ASCII
    letters are kept, and ``%`` itself is encoded, so two distinct ids never
    give one segment. A very long id keeps a readable head and ends in ``!``
    and a hash of the whole id (``!`` is always encoded in a plain segment,
    so a shortened segment never equals a plain one).

    >>> id_segment("Case_ID"), id_segment("case-id"), id_segment("中文-1")
    ('Case_ID', 'case-id', '中文-1')
    >>> id_segment("a b/c%")
    'a%20b%2Fc%25'
    """
    parts = [c if _keeps(c) else "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in article_id]
    segment = "".join(parts)
    if not segment:
        return "!empty"
    if len(segment) > MAX_READABLE_ID:
        head, size = [], 0
        for part in parts:
            if size + len(part) > MAX_READABLE_ID - 40:
                break
            head.append(part)
            size += len(part)
        digest = hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:32]
        segment = "".join(head) + "!" + digest
    return segment


def article_iri(article_id: str) -> ox.NamedNode:
    """The IRI of an article, which is also the name of its graph.

    Distinct ids always give distinct IRIs (see :func:`id_segment`); the id
    itself is kept verbatim in the graph as ``dcterms:identifier``.
    """
    return ox.NamedNode(ARTICLE + id_segment(article_id))


def legacy_article_iri(article_id: str) -> ox.NamedNode:
    """The IRI stores written before ids were kept one-to-one gave an article
    (lower-case ASCII slug), so a re-ingest or ``remove`` still finds it."""
    return ox.NamedNode(ARTICLE + slugify(article_id))


def event_iri(identity: str) -> ox.NamedNode:
    """The IRI of an event from the text that identifies the happening."""
    return ox.NamedNode(ENT + "event/" + hashlib.sha1(identity.encode()).hexdigest()[:16])


def key_of(iri: str) -> str:
    """The entity key of an IRI under ``ent:`` (the inverse of :func:`entity_iri`)."""
    return iri[len(ENT):] if iri.startswith(ENT) else iri


def url_statement(url: str) -> tuple[ox.NamedNode, ox.NamedNode | ox.Literal]:
    """(predicate, object) for an article's URL: ``uscn:url`` and the IRI for a
    valid http(s) IRI, else ``schema:url`` and the URL as text, so an address
    the store cannot hold as an IRI is still kept (loaders warn about it)."""
    if url.startswith(("http://", "https://")):
        try:
            return uscn("url"), ox.NamedNode(url)
        except ValueError:
            pass
    return term("schema", "url"), ox.Literal(url)
