"""Namespaces and IRIs: the one place that knows how uscn names things in RDF."""
from __future__ import annotations

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


def uscn(name: str) -> ox.NamedNode:
    """The ontology term ``uscn:name``."""
    return ox.NamedNode(USCN + name)


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


def article_iri(article_id: str) -> ox.NamedNode:
    """The IRI of an article, which is also the name of its graph."""
    return ox.NamedNode(ENT + "article/" + slugify(article_id))


def event_iri(identity: str) -> ox.NamedNode:
    """The IRI of an event from the text that identifies the happening."""
    return ox.NamedNode(ENT + "event/" + hashlib.sha1(identity.encode()).hexdigest()[:16])


def key_of(iri: str) -> str:
    """The entity key of an IRI under ``ent:`` (the inverse of :func:`entity_iri`)."""
    return iri[len(ENT):] if iri.startswith(ENT) else iri
