"""Quads from an Extraction: the article's own named graph, following ontology/README.md."""
from __future__ import annotations

import datetime as dt
import functools
from typing import Iterator

import pyoxigraph as ox

from graph.model import Entity, Event, Extraction, Mention, Sentence
from graph.rdf.happenings import Report
from graph.rdf.sides import side_of
from graph.rdf.vocab import (article_iri, entity_iri, event_iri, term, url_statement, uscn, ENT,
                             ENTITIES_GRAPH)

# The triples are built as N-Triples terms (strings), the form ingest sends to the store's bulk
# loader: building a pyoxigraph term per triple and printing it back cost a worker about a
# third of its time per article. IRIs are checked by pyoxigraph once per distinct IRI (an
# ontology term, an entity); those composed of checked parts (a mention's node) are not.
A = str(term("rdf", "type"))
LABEL = str(term("rdfs", "label"))
ALT = str(term("skos", "altLabel"))
XSD_DATE = str(term("xsd", "date"))
XSD_INT = str(term("xsd", "integer"))
XSD_DEC = str(term("xsd", "decimal"))
XSD_BOOL = str(term("xsd", "boolean"))

# What N-Triples escapes in a string (as pyoxigraph prints a literal: tests compare every character).
ESCAPES = str.maketrans({**{c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F, 0xFFFE, 0xFFFF]},
                         0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r",
                         0x22: '\\"', 0x5C: "\\\\"})


@functools.lru_cache(maxsize=4096)
def u(name: str) -> str:
    """``uscn:name`` as an N-Triples term."""
    return str(uscn(name))


@functools.lru_cache(maxsize=4096)
def t(prefix: str, name: str) -> str:
    """A term of a known namespace as an N-Triples term."""
    return str(term(prefix, name))


@functools.lru_cache(maxsize=65536)
def entity(key: str) -> str:
    """An entity's IRI as an N-Triples term (checked once per key)."""
    return str(entity_iri(key))


def text(value: str) -> str:
    return f'"{value.translate(ESCAPES)}"'


def date(value: dt.date) -> str:
    return f'"{value.isoformat()}"^^{XSD_DATE}'


def integer(value: int) -> str:
    return f'"{value}"^^{XSD_INT}'


def boolean(value: bool) -> str:
    return f'"true"^^{XSD_BOOL}' if value else f'"false"^^{XSD_BOOL}'


def decimal(value: float) -> str:
    """Two places, written as Oxigraph stores it ("127.5", "3"), so the same value compares equal
    as text too (the writer leaves out entity triples the catalog already states)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f'"{"0" if text in ("-0", "") else text}"^^{XSD_DEC}'


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


def extraction_triples(ex: Extraction, event_scores: dict[str, dict] | None = None) -> tuple[str, list[tuple[str, str, str]]]:
    """The article's graph (an N-Triples term) and every triple read from the article, once
    each, in order, as N-Triples terms.

    Each event is this article's report, with its own evidence. The happening
    it tells of (shared with other articles' reports) is not written here: see
    :func:`reports` and ``graph/rdf/happenings.py``, which keep it in the
    happenings graph, once.
    """
    g = str(article_iri(ex.article.id))
    triples = list(article_triples(ex, g))
    for m in ex.mentions:
        triples.extend(mention_triples(m, g))
    for ev in ex.events:
        triples.extend(event_triples(ev, ex.article.id, g, (event_scores or {}).get(ev.kind, {})))
    return g, list(dict.fromkeys(triples))


def extraction_nquads(ex: Extraction, event_scores: dict[str, dict] | None = None) -> tuple[bytes, int]:
    """Every quad read from one article, all in the article's graph, as N-Quads (one a line:
    what ingest hands the bulk loader), and how many there are."""
    g, triples = extraction_triples(ex, event_scores)
    end = f" {g} .\n"
    return "".join([f"{s} {p} {o}{end}" for s, p, o in triples]).encode(), len(triples)


def extraction_quads(ex: Extraction, event_scores: dict[str, dict] | None = None) -> list[ox.Quad]:
    """Every quad read from one article, all in the article's graph (:func:`extraction_nquads`
    as pyoxigraph quads)."""
    body, _ = extraction_nquads(ex, event_scores)
    return list(ox.parse(body, format=ox.RdfFormat.N_QUADS))


def reports(ex: Extraction) -> list[Report]:
    """The article's events as plain records for the happening index, in the article's order."""
    g = article_iri(ex.article.id).value
    return [Report(event_iri(report_identity(ev, ex.article.id)).value, g, happening_key(ev),
                   ev.when.start.isoformat() if ev.when else "", ev.when.end.isoformat() if ev.when else "",
                   entity_iri(ev.place).value if ev.place else "", ev.kind, ev.label)
            for ev in ex.events]


def entity_quads(ex: Extraction) -> list[ox.Quad]:
    """The descriptions of the entities an article names, for the shared entities graph
    (:func:`entity_text` as pyoxigraph quads).

    An entity is described once for the whole store (not again in every article that names
    it), so queries see each label once; the names each article used add to its altLabels.
    Which label an entity keeps is the store writer's call (``BatchWriter.take_label``).
    """
    body = "".join(f"{s} {p} {o} {ENTITIES_GRAPH} .\n" for s, p, o in entity_text(ex))
    return list(ox.parse(body.encode(), format=ox.RdfFormat.N_QUADS))


def entity_text(ex: Extraction) -> list[tuple[str, str, str]]:
    """The triples of :func:`entity_quads` as N-Triples terms: what a worker process sends the
    writer (plain strings pickle in a fraction of the time pyoxigraph terms take)."""
    return [triple for ent in ex.entities.values() for triple in entity_triples(ent)]


@functools.lru_cache(maxsize=4096)
def iri(value: str) -> str:
    """Any IRI as an N-Triples term (checked by pyoxigraph once per IRI)."""
    return str(ox.NamedNode(value))


def article_triples(ex: Extraction, g: str) -> Iterator[tuple[str, str, str]]:
    a = ex.article
    yield g, A, u("Article")
    yield g, t("dcterms", "identifier"), text(a.id)
    if a.title:
        yield g, u("title"), text(a.title)
    if a.published:
        yield g, u("published"), date(a.published)
    if a.url:
        p, o = url_statement(a.url)
        yield g, str(p), str(o)
    if a.source:
        yield g, u("publisher"), text(a.source)
    side = side_of(a.url, a.source)  # whose account it gives, by ontology/sides.ttl
    if side:
        yield g, u("side"), iri(side)
    for key in sorted(ex.entities):
        yield g, u("mentions"), entity(key)
    if a.place:
        place = next((e for e in ex.entities.values()
                      if e.kind in ("Place", "Country") and a.place.lower() in
                      {n.lower() for n in (e.label, *e.alt_labels)}), None)
        if place:
            yield g, u("datelinePlace"), entity(place.key)


def entity_triples(e: Entity) -> Iterator[tuple[str, str, str]]:
    s = entity(e.key)
    yield s, A, u(e.kind)
    yield s, LABEL, text(e.label)
    for alt in e.alt_labels:
        if alt != e.label:
            yield s, ALT, text(alt)
    for same in e.same_as:
        yield s, t("owl", "sameAs"), iri(same)
    if e.country and e.country != e.key:
        yield s, u("country"), entity(e.country)
    for parent in e.broader:
        yield s, t("skos", "broader") if e.kind == "Dispute" else u("partOf"), entity(parent)
    for role in e.roles:
        yield s, u("position"), text(role)
    if e.kind == "Dispute":
        yield s, A, t("skos", "Concept")
        yield s, t("skos", "inScheme"), iri(ENT + "dispute/scheme")
    if e.latitude is not None and e.longitude is not None:
        yield s, t("geo", "lat"), decimal(e.latitude)
        yield s, t("geo", "long"), decimal(e.longitude)


def offset_triples(node: str, start: int, end: int, anchor: str) -> Iterator[tuple[str, str, str]]:
    yield node, u("startOffset"), integer(start)
    yield node, u("endOffset"), integer(end)
    yield node, u("anchorText"), text(anchor)


def mention_triples(m: Mention, g: str) -> Iterator[tuple[str, str, str]]:
    """A mention: the entity it names, its offsets and its words; four triples.

    Neither ``rdf:type uscn:Mention`` nor ``uscn:inArticle`` is written (issue 9): the type follows
    from ``uscn:refersTo``'s rdfs:domain, and the article is the named graph the mention is
    written in (and the start of its IRI). Mentions are most of an article's quads and the
    store's write cost is per quad: the two were 28 % of the quads, and a fifth to a quarter of
    the writer's CPU.
    Stores written before still carry both on each mention: the same facts, which every query
    and shape accepts (ontology/uscn.ttl, uscn:Mention)."""
    key = entity(m.entity)  # checks the key, the node's last part (the article's IRI is checked)
    node = f"{g[:-1]}/mention/{m.start}-{m.end}/{m.entity}>"
    yield node, u("refersTo"), key
    yield from offset_triples(node, m.start, m.end, m.text)


def evidence_node(g: str, s: Sentence) -> str:
    return f"{g[:-1]}/span/{s.start}-{s.end}>"


def event_triples(ev: Event, article_id: str, g: str, scores: dict) -> Iterator[tuple[str, str, str]]:
    s = str(event_iri(report_identity(ev, article_id)))
    yield s, A, u(ev.kind)
    yield s, LABEL, text(ev.label)
    for key in ev.actor:
        yield s, u("actor"), entity(key)
    for key in ev.target:
        yield s, u("target"), entity(key)
    for key in ev.participants:
        yield s, u("participant"), entity(key)
    if ev.place:
        yield s, u("place"), entity(ev.place)
    if ev.when:
        yield s, u("startDate"), date(ev.when.start)
        yield s, u("endDate"), date(ev.when.end)
        yield s, u("datePrecision"), text(ev.when.precision)
        yield s, u("dateBasis"), text(ev.when.basis)
        yield s, u("approximate"), boolean(ev.when.approximate)
    for key in ev.disputes:
        yield s, u("concerns"), entity(key)
    yield s, u("source"), g
    yield s, u("evidence"), text(ev.evidence.text)
    span = evidence_node(g, ev.evidence)
    yield s, u("evidenceSpan"), span
    yield span, A, u("EvidenceSpan")
    yield span, u("inArticle"), g
    yield from offset_triples(span, ev.evidence.start, ev.evidence.end, ev.evidence.text)
    if ev.trigger:
        yield s, u("trigger"), text(ev.trigger)
    yield s, u("planned"), boolean(ev.planned)
    if ev.claim:
        yield s, u("claimText"), text(ev.claim)
    if "goldstein" in scores:
        yield s, u("goldstein"), decimal(scores["goldstein"])
    for code in ("cameoCode", "ploverCode"):
        if scores.get(code):
            yield s, u(code), text(scores[code])
