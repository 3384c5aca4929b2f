"""Quads from an Extraction: the article's own named graph, following ontology/README.md."""
from __future__ import annotations

import datetime as dt
from typing import Callable, Iterator

import pyoxigraph as ox

from graph.model import Entity, Event, Extraction, Mention, Sentence
from graph.rdf.happenings import Report
from graph.rdf.sides import side_of
from graph.rdf.vocab import (article_iri, entity_iri, event_iri, term, url_statement, uscn, ENT,
                             ENTITIES_GRAPH)

A = term("rdf", "type")
LABEL = term("rdfs", "label")
ALT = term("skos", "altLabel")
XSD_DATE = term("xsd", "date")
XSD_INT = term("xsd", "integer")
XSD_DEC = term("xsd", "decimal")
XSD_BOOL = term("xsd", "boolean")


def text(value: str) -> ox.Literal:
    return ox.Literal(value)


def date(value: dt.date) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=XSD_DATE)


def integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INT)


def boolean(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=XSD_BOOL)


def decimal(value: float) -> ox.Literal:
    """Two places, written as Oxigraph stores it ("127.5", "3"), so the same value compares equal
    as text too (the writer leaves out entity triples the catalog already states)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return ox.Literal("0" if text in ("-0", "") else text, datatype=XSD_DEC)


SYMMETRIC = frozenset({"Meeting", "PhoneCall", "Agreement"})  # "X met Y" is "Y met X"


def happening_key(ev: Event) -> str:
    """Type and parties: what two reports of one happening share whatever their dates.

    A directed happening also keeps who acted on whom: "X sanctions Y" and "Y sanctions X"
    on one day are two happenings (tit-for-tat tariffs, accusations each way), and must
    not fold into one node with two labels."""
    family = ev.family or ev.kind
    key = f"{family}|{','.join(sorted(set(ev.actor + ev.target + ev.participants)))}"
    if family in SYMMETRIC:
        return key
    return f"{key}|{','.join(sorted(ev.actor))}>{','.join(sorted(ev.target))}"


def happening_identity(ev: Event, article_id: str) -> str:
    """What tells one report from another in its article: type, parties, date and place."""
    when = f"{ev.when.start}/{ev.when.end}" if ev.when else f"undated:{article_id}"
    return f"{happening_key(ev)}|{when}|{ev.place or ''}"


def report_identity(ev: Event, article_id: str) -> str:
    """One article's report of a happening: its own node, with its own source and evidence."""
    return f"{article_id}|{happening_identity(ev, article_id)}"


def extraction_quads(ex: Extraction, event_scores: dict[str, dict] | None = None) -> list[ox.Quad]:
    """Every quad read from one article, all in the article's graph.

    Each event is this article's report, with its own evidence. The happening
    it tells of (shared with other articles' reports) is not written here: see
    :func:`reports` and ``graph/rdf/happenings.py``, which keep it in the
    happenings graph, once.
    """
    g = article_iri(ex.article.id)
    triples = list(article_triples(ex, g))
    for m in ex.mentions:
        triples.extend(mention_triples(m, g))
    for ev in ex.events:
        triples.extend(event_triples(ev, ex.article.id, g, (event_scores or {}).get(ev.kind, {})))
    return [ox.Quad(s, p, o, g) for s, p, o in dict.fromkeys(triples)]


def reports(ex: Extraction) -> list[Report]:
    """The article's events as plain records for the happening index, in the article's order."""
    g = article_iri(ex.article.id).value
    return [Report(event_iri(report_identity(ev, ex.article.id)).value, g, happening_key(ev),
                   ev.when.start.isoformat() if ev.when else "", ev.when.end.isoformat() if ev.when else "",
                   entity_iri(ev.place).value if ev.place else "", ev.kind, ev.label)
            for ev in ex.events]


def entity_quads(ex: Extraction, has_label: Callable[[ox.NamedNode], bool] | None = None) -> list[ox.Quad]:
    """The descriptions of the entities an article names, for the shared entities graph.

    An entity is described once for the whole store (not again in every article that names
    it), so queries see each label once; the names each article used add to its altLabels.
    An entity that already has a label keeps it.
    """
    quads = []
    for ent in ex.entities.values():
        for s, p, o in entity_triples(ent):
            if p == LABEL and has_label and has_label(s):
                continue
            quads.append(ox.Quad(s, p, o, ENTITIES_GRAPH))
    return quads


def entity_text(ex: Extraction) -> list[tuple[str, str, str]]:
    """The triples of :func:`entity_quads` as N-Triples terms: what a worker process sends the
    writer (plain strings pickle in a fraction of the time pyoxigraph terms take)."""
    return [(str(s), str(p), str(o)) for ent in ex.entities.values() for s, p, o in entity_triples(ent)]


def article_triples(ex: Extraction, g: ox.NamedNode) -> Iterator[tuple]:
    a = ex.article
    yield g, A, uscn("Article")
    yield g, term("dcterms", "identifier"), text(a.id)
    if a.title:
        yield g, uscn("title"), text(a.title)
    if a.published:
        yield g, uscn("published"), date(a.published)
    if a.url:
        yield (g, *url_statement(a.url))
    if a.source:
        yield g, uscn("publisher"), text(a.source)
    side = side_of(a.url, a.source)  # whose account it gives, by ontology/sides.ttl
    if side:
        yield g, uscn("side"), ox.NamedNode(side)
    for key in sorted(ex.entities):
        yield g, uscn("mentions"), entity_iri(key)
    if a.place:
        place = next((e for e in ex.entities.values()
                      if e.kind in ("Place", "Country") and a.place.lower() in
                      {n.lower() for n in (e.label, *e.alt_labels)}), None)
        if place:
            yield g, uscn("datelinePlace"), entity_iri(place.key)


def entity_triples(e: Entity) -> Iterator[tuple]:
    s = entity_iri(e.key)
    yield s, A, uscn(e.kind)
    yield s, LABEL, text(e.label)
    for alt in e.alt_labels:
        if alt != e.label:
            yield s, ALT, text(alt)
    for same in e.same_as:
        yield s, term("owl", "sameAs"), ox.NamedNode(same)
    if e.country and e.country != e.key:
        yield s, uscn("country"), entity_iri(e.country)
    for parent in e.broader:
        yield s, term("skos", "broader") if e.kind == "Dispute" else uscn("partOf"), entity_iri(parent)
    for role in e.roles:
        yield s, uscn("position"), text(role)
    if e.kind == "Dispute":
        yield s, A, term("skos", "Concept")
        yield s, term("skos", "inScheme"), ox.NamedNode(ENT + "dispute/scheme")
    if e.latitude is not None and e.longitude is not None:
        yield s, term("geo", "lat"), decimal(e.latitude)
        yield s, term("geo", "long"), decimal(e.longitude)


def span_triples(node: ox.NamedNode, g: ox.NamedNode, start: int, end: int, anchor: str) -> Iterator[tuple]:
    yield node, uscn("inArticle"), g
    yield node, uscn("startOffset"), integer(start)
    yield node, uscn("endOffset"), integer(end)
    yield node, uscn("anchorText"), text(anchor)


def mention_triples(m: Mention, g: ox.NamedNode) -> Iterator[tuple]:
    node = ox.NamedNode(f"{g.value}/mention/{m.start}-{m.end}/{m.entity}")
    yield node, A, uscn("Mention")
    yield node, uscn("refersTo"), entity_iri(m.entity)
    yield from span_triples(node, g, m.start, m.end, m.text)


def evidence_node(g: ox.NamedNode, s: Sentence) -> ox.NamedNode:
    return ox.NamedNode(f"{g.value}/span/{s.start}-{s.end}")


def event_triples(ev: Event, article_id: str, g: ox.NamedNode, scores: dict) -> Iterator[tuple]:
    s = event_iri(report_identity(ev, article_id))
    yield s, A, uscn(ev.kind)
    yield s, LABEL, text(ev.label)
    for key in ev.actor:
        yield s, uscn("actor"), entity_iri(key)
    for key in ev.target:
        yield s, uscn("target"), entity_iri(key)
    for key in ev.participants:
        yield s, uscn("participant"), entity_iri(key)
    if ev.place:
        yield s, uscn("place"), entity_iri(ev.place)
    if ev.when:
        yield s, uscn("startDate"), date(ev.when.start)
        yield s, uscn("endDate"), date(ev.when.end)
        yield s, uscn("datePrecision"), text(ev.when.precision)
        yield s, uscn("dateBasis"), text(ev.when.basis)
        yield s, uscn("approximate"), boolean(ev.when.approximate)
    for key in ev.disputes:
        yield s, uscn("concerns"), entity_iri(key)
    yield s, uscn("source"), g
    yield s, uscn("evidence"), text(ev.evidence.text)
    span = evidence_node(g, ev.evidence)
    yield s, uscn("evidenceSpan"), span
    yield span, A, uscn("EvidenceSpan")
    yield from span_triples(span, g, ev.evidence.start, ev.evidence.end, ev.evidence.text)
    if ev.trigger:
        yield s, uscn("trigger"), text(ev.trigger)
    yield s, uscn("planned"), boolean(ev.planned)
    if ev.claim:
        yield s, uscn("claimText"), text(ev.claim)
    if "goldstein" in scores:
        yield s, uscn("goldstein"), decimal(scores["goldstein"])
    for code in ("cameoCode", "ploverCode"):
        if scores.get(code):
            yield s, uscn(code), text(scores[code])
