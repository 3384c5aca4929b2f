"""The input layer: SPARQL over the store, returning plain records.

The store holds one named graph per article (``ontology/README.md``); an event
reported by several articles has the same IRI in each article's graph, so the
union of the graphs holds one event with several ``uscn:source`` and
``uscn:evidence`` values. Everything here queries that union
(``use_default_graph_as_union=True``) with a handful of bulk queries, never one
query per event, and hands back frozen dataclasses of plain values.

An *event* is anything with a ``uscn:source`` that is not a ``uscn:Happening``.
Its ``type`` is the most specific ``uscn:`` class it has (when the ontology is
loaded, ``rdfs:subClassOf`` decides what "most specific" means; ``uscn:Event``
itself only when nothing else is given).

The ontology also allows a second layout (``uscn:Happening`` in ``uscn.ttl``):
one ``uscn:Event`` node per article's *report*, the reports of one real-world
happening grouped by a ``uscn:Happening`` node (``uscn:report``,
``uscn:eventType``). Then each happening becomes one record, so it is counted
once: its IRI, label, type and dates are the happening's (its dates span its
reports' only when it has none); its parties, disputes, sources and evidence are the union of its
reports'; its Goldstein score is their mean; it is planned only when every
report says so. Reports outside any happening stay records of their own.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import pyoxigraph as ox

from graph.rdf.vocab import DCTERMS, ENT, ONTOLOGY_GRAPH, RDF, RDFS, SKOS, USCN

#: The classes whose members are actors: nodes of the actor graph.
ACTOR_KINDS = ("Person", "Country", "Organization")
#: Every kind of entity the ontology names; anything else is "Other".
ENTITY_KINDS = ("Person", "Country", "Organization", "Place", "Dispute")
_KEY_KINDS = {"person": "Person", "country": "Country", "org": "Organization",
              "organization": "Organization", "place": "Place", "dispute": "Dispute"}

_PREFIXES = f"""PREFIX uscn: <{USCN}>
PREFIX rdf: <{RDF}>
PREFIX rdfs: <{RDFS}>
PREFIX skos: <{SKOS}>
PREFIX dcterms: <{DCTERMS}>
"""


@dataclass(frozen=True)
class Entity:
    """A person, country, organization, place or dispute an event refers to.

    ``cls`` is the most specific ``uscn:`` class ("Person"); ``kind`` is the
    one of :data:`ENTITY_KINDS` it falls under ("Other" when none), so a
    subclass such as a government body still counts as an "Organization".
    """
    iri: str
    label: str
    cls: str
    kind: str
    alt_labels: tuple[str, ...] = ()
    country: str | None = None

    @property
    def key(self) -> str:
        """The entity key, e.g. ``"person/antony-blinken"``."""
        return self.iri[len(ENT):] if self.iri.startswith(ENT) else self.iri

    @property
    def is_actor(self) -> bool:
        return self.kind in ACTOR_KINDS

    def as_dict(self) -> dict:
        return {"iri": self.iri, "label": self.label, "class": self.cls, "kind": self.kind}


@dataclass(frozen=True)
class Source:
    """An article an event was read from."""
    iri: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    publisher: str | None = None

    def as_dict(self) -> dict:
        return {"iri": self.iri, "title": self.title, "url": self.url,
                "published": self.published.isoformat() if self.published else None,
                "publisher": self.publisher}


@dataclass(frozen=True)
class Evidence:
    """A sentence an event was read from, with the article it is in (None when
    the store does not say, e.g. data outside any named graph)."""
    text: str
    source: str | None = None


@dataclass(frozen=True)
class EventRecord:
    """One event as the analysis sees it.

    ``parties`` are the actors, targets and participants that are actors
    (persons, countries, organizations), each once, in that order.
    ``goldstein`` is the cooperation–conflict score (-10 conflict .. +10
    cooperation); 0.0 when the store has none. ``start``/``end`` may be None.
    """
    iri: str
    type: str
    label: str
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str | None = None
    planned: bool = False
    goldstein: float = 0.0
    actors: tuple[Entity, ...] = ()
    targets: tuple[Entity, ...] = ()
    participants: tuple[Entity, ...] = ()
    place: Entity | None = None
    disputes: tuple[Entity, ...] = ()
    sources: tuple[Source, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    parties: tuple[Entity, ...] = field(default=(), compare=False)

    @property
    def last(self) -> dt.date | None:
        """The last day of the event (its end date, else its start date)."""
        return self.end or self.start

    def as_dict(self) -> dict:
        """The event as JSON-ready data (dates as ISO strings)."""
        ents = lambda xs: [e.as_dict() for e in xs]  # noqa: E731
        return {
            "iri": self.iri, "type": self.type, "label": self.label,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "precision": self.precision, "planned": self.planned, "goldstein": self.goldstein,
            "actors": ents(self.actors), "targets": ents(self.targets),
            "participants": ents(self.participants),
            "place": self.place.as_dict() if self.place else None,
            "disputes": ents(self.disputes),
            "sources": [s.as_dict() for s in self.sources],
            "evidence": [{"text": e.text, "source": e.source} for e in self.evidence],
        }


@dataclass
class Corpus:
    """Everything the analysis reads from a store: events in date order (undated
    last), the entities they refer to and the articles they come from."""
    events: list[EventRecord]
    entities: dict[str, Entity]
    articles: dict[str, Source]

    def resolve(self, name: str, kinds: Iterable[str] = ACTOR_KINDS, what: str = "actor") -> Entity:
        """The entity called ``name``; see :func:`graph.analysis.names.resolve`."""
        from graph.analysis.names import resolve
        return resolve(self.entities.values(), name, kinds=kinds, what=what)

    @property
    def actors(self) -> list[Entity]:
        """The actors that take part in at least one event, by label."""
        seen = {p.iri: p for ev in self.events for p in ev.parties}
        return sorted(seen.values(), key=lambda e: (e.label.casefold(), e.iri))

    @property
    def disputes(self) -> list[Entity]:
        """The disputes at least one event concerns, by label."""
        seen = {d.iri: d for ev in self.events for d in ev.disputes}
        return sorted(seen.values(), key=lambda e: (e.label.casefold(), e.iri))


# --------------------------------------------------------------------------- queries

_Q_CLASSES = _PREFIXES + """
SELECT DISTINCT ?sub ?sup WHERE { ?sub rdfs:subClassOf+ ?sup }"""

_EVENT_PROPS = ("rdf:type", "rdfs:label", "uscn:actor", "uscn:target", "uscn:participant",
                "uscn:place", "uscn:startDate", "uscn:endDate", "uscn:datePrecision",
                "uscn:planned", "uscn:goldstein", "uscn:concerns", "uscn:source")

_Q_EVENTS = _PREFIXES + """
SELECT DISTINCT ?e ?p ?o WHERE {
  { SELECT DISTINCT ?e WHERE { ?e uscn:source ?src FILTER NOT EXISTS { ?e a uscn:Happening } } }
  ?e ?p ?o .
  VALUES ?p { %s }
}""" % " ".join(_EVENT_PROPS)

# Evidence paired with the article graph it was written in.
_Q_EVIDENCE_BY_GRAPH = _PREFIXES + """
SELECT DISTINCT ?e ?ev ?g WHERE { GRAPH ?g { ?e uscn:evidence ?ev } }"""

_Q_EVIDENCE = _PREFIXES + """
SELECT DISTINCT ?e ?ev WHERE { ?e uscn:source ?src ; uscn:evidence ?ev }"""

_Q_ENTITIES = _PREFIXES + """
SELECT DISTINCT ?x ?p ?o WHERE {
  { SELECT DISTINCT ?x WHERE {
      ?e uscn:source ?src ;
         uscn:actor|uscn:target|uscn:participant|uscn:place|uscn:concerns ?x } }
  ?x ?p ?o .
  VALUES ?p { rdf:type rdfs:label skos:prefLabel skos:altLabel uscn:shortName uscn:country }
}"""

_Q_HAPPENINGS = _PREFIXES + """
SELECT DISTINCT ?h ?p ?o WHERE {
  ?h a uscn:Happening ; ?p ?o .
  VALUES ?p { rdfs:label uscn:eventType uscn:report uscn:startDate uscn:endDate uscn:place }
}"""

_Q_CATALOG_LABELS = _PREFIXES + """
SELECT DISTINCT ?x ?l WHERE { GRAPH <%s> { ?x rdfs:label ?l } }""" % ONTOLOGY_GRAPH.value

_Q_ARTICLES = _PREFIXES + """
SELECT DISTINCT ?a ?p ?o WHERE {
  { SELECT DISTINCT ?a WHERE { ?e uscn:source ?a } }
  ?a ?p ?o .
  VALUES ?p { uscn:title uscn:url uscn:published uscn:publisher }
}"""


def _select(store, query: str) -> Iterator[tuple]:
    """Rows of a SELECT over the union of the graphs, as tuples of terms."""
    results = store.query(query, use_default_graph_as_union=True)
    n = len(results.variables)
    if n == 2:
        for s in results:
            yield s[0], s[1]
    elif n == 3:
        for s in results:
            yield s[0], s[1], s[2]
    else:
        for s in results:
            yield tuple(s[i] for i in range(n))


def _local(iri: str, ns: str = USCN) -> str | None:
    return iri[len(ns):] if iri.startswith(ns) else None


def parse_date(value: str) -> dt.date | None:
    """A date from an ``xsd:date``, ``xsd:dateTime``, ``xsd:gYearMonth`` or
    ``xsd:gYear`` lexical form; None when it is none of those.

    >>> parse_date("2023-06-17"), parse_date("2023-06"), parse_date("June")
    (datetime.date(2023, 6, 17), datetime.date(2023, 6, 1), None)
    """
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    for size, fmt in ((10, "%Y-%m-%d"), (7, "%Y-%m"), (4, "%Y")):
        try:
            return dt.datetime.strptime(value[:size], fmt).date()
        except ValueError:
            continue
    return None


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


class _Classes:
    """The ``uscn:`` class hierarchy the store knows (empty without the ontology)."""

    def __init__(self, store):
        self.supers: dict[str, set[str]] = {}
        for sub, sup in _select(store, _Q_CLASSES):
            a, b = _local(sub.value), _local(sup.value)
            if a and b and a != b:
                self.supers.setdefault(a, set()).add(b)

    def most_specific(self, names: set[str], default: str) -> str:
        """The class of ``names`` that no other one of them specialises."""
        names = set(names)
        if len(names) > 1:
            names.discard("Event")
            names.discard("Entity")
        candidates = [n for n in names
                      if not any(n in self.supers.get(other, ()) for other in names if other != n)]
        return sorted(candidates)[0] if candidates else default

    def kind(self, names: set[str], iri: str) -> str:
        """The one of ENTITY_KINDS the classes fall under, else a guess from the IRI."""
        for n in sorted(names):
            if n in ENTITY_KINDS:
                return n
            for sup in sorted(self.supers.get(n, ())):
                if sup in ENTITY_KINDS:
                    return sup
        return _guess_kind(iri)


def _guess_kind(iri: str) -> str:
    """The kind an entity IRI's key names ("person/..." is a Person), else "Other"."""
    key = iri[len(ENT):] if iri.startswith(ENT) else ""
    return _KEY_KINDS.get(key.split("/", 1)[0], "Other")


def _load_entities(store, classes: _Classes) -> dict[str, Entity]:
    raw: dict[str, dict[str, set[str]]] = {}
    for x, p, o in _select(store, _Q_ENTITIES):
        if not isinstance(x, ox.NamedNode):
            continue
        d = raw.setdefault(x.value, {"type": set(), "label": set(), "alt": set(), "country": set()})
        pred = p.value
        if pred == RDF + "type":
            name = _local(o.value)
            if name:
                d["type"].add(name)
        elif pred in (RDFS + "label", SKOS + "prefLabel"):
            d["label"].add(o.value)
        elif pred in (SKOS + "altLabel", USCN + "shortName"):
            d["alt"].add(o.value)
        elif pred == USCN + "country" and isinstance(o, ox.NamedNode):
            d["country"].add(o.value)
    catalog: dict[str, str] = {}
    if raw:
        for x, label in _select(store, _Q_CATALOG_LABELS):
            if x.value in raw:
                catalog.setdefault(x.value, min(catalog.get(x.value, label.value), label.value))
    entities = {}
    for iri, d in raw.items():
        labels = d["label"]
        label = catalog.get(iri) or (sorted(labels, key=lambda s: (-len(s), s))[0] if labels else None)
        if not label:
            label = iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
        alts = tuple(sorted((labels | d["alt"]) - {label}))
        kind = classes.kind(d["type"], iri)
        entities[iri] = Entity(iri=iri, label=label, cls=classes.most_specific(d["type"], kind),
                               kind=kind, alt_labels=alts,
                               country=min(d["country"]) if d["country"] else None)
    return entities


def _load_articles(store) -> dict[str, Source]:
    raw: dict[str, dict] = {}
    for a, p, o in _select(store, _Q_ARTICLES):
        d = raw.setdefault(a.value, {})
        name = _local(p.value)
        if name == "published":
            d.setdefault("published", parse_date(o.value))
        elif name in ("title", "url", "publisher"):
            # several values only when articles disagree; keep one, stably
            d[name] = min(d.get(name, o.value), o.value)
    return {iri: Source(iri=iri, **d) for iri, d in raw.items()}


def _entity(entities: dict[str, Entity], iri: str) -> Entity:
    if iri not in entities:  # referenced but never described
        kind = _guess_kind(iri)
        entities[iri] = Entity(iri=iri, label=iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " "),
                               cls=kind, kind=kind)
    return entities[iri]


def load_corpus(store) -> Corpus:
    """Read every event of ``store`` with its entities, articles and evidence.

    Parameters
    ----------
    store : pyoxigraph.Store
        One named graph per article, as ``ontology/README.md`` describes.

    Returns
    -------
    Corpus
        ``events`` ordered by start date (undated last), then IRI.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> load_corpus(ox.Store()).events
    []
    """
    classes = _Classes(store)
    entities = _load_entities(store, classes)
    articles = _load_articles(store)

    raw: dict[str, dict[str, list]] = {}
    for e, p, o in _select(store, _Q_EVENTS):
        d = raw.setdefault(e.value, {})
        d.setdefault(p.value, []).append(o)

    evidence: dict[str, dict[tuple[str, str | None], None]] = {}
    for e, ev, g in _select(store, _Q_EVIDENCE_BY_GRAPH):
        if e.value in raw:
            evidence.setdefault(e.value, {})[(ev.value, g.value)] = None
    for e, ev in _select(store, _Q_EVIDENCE):
        texts = evidence.setdefault(e.value, {})
        if not any(t == ev.value for t, _ in texts):
            texts[(ev.value, None)] = None

    def values(d, prop):
        return d.get(prop, [])

    def ents(d, prop) -> tuple[Entity, ...]:
        iris = sorted({o.value for o in values(d, USCN + prop) if isinstance(o, ox.NamedNode)})
        return tuple(_entity(entities, i) for i in iris)

    def first(d, prop) -> str | None:
        vals = sorted(o.value for o in values(d, USCN + prop))
        return vals[0] if vals else None

    events = []
    for iri, d in raw.items():
        types = {n for n in (_local(o.value) for o in values(d, RDF + "type")) if n}
        labels = sorted(o.value for o in values(d, RDFS + "label"))
        scores = [s for s in (_float(o.value) for o in values(d, USCN + "goldstein")) if s is not None]
        starts = sorted(x for x in (parse_date(o.value) for o in values(d, USCN + "startDate")) if x)
        ends = sorted(x for x in (parse_date(o.value) for o in values(d, USCN + "endDate")) if x)
        start = starts[0] if starts else None
        end = ends[-1] if ends else None
        if start and end and end < start:
            end = start
        actors, targets, participants = ents(d, "actor"), ents(d, "target"), ents(d, "participant")
        parties = tuple({p.iri: p for p in (*actors, *targets, *participants) if p.is_actor}.values())
        places = ents(d, "place")
        sources = tuple(articles.get(i) or Source(iri=i) for i in
                        sorted({o.value for o in values(d, USCN + "source")}))
        evs = tuple(Evidence(text=t, source=g) for t, g in
                    sorted(evidence.get(iri, {}), key=lambda tg: (tg[1] or "", tg[0])))
        events.append(EventRecord(
            iri=iri, type=classes.most_specific(types, "Event"),
            label=labels[0] if labels else iri.rsplit("/", 1)[-1],
            start=start, end=end, precision=first(d, "datePrecision"),
            planned=first(d, "planned") in ("true", "1"),
            goldstein=round(sum(scores) / len(scores), 4) if scores else 0.0,
            actors=actors, targets=targets, participants=participants,
            place=places[0] if places else None, disputes=ents(d, "concerns"),
            sources=sources, evidence=evs, parties=parties,
        ))
    events = _group_happenings(store, events, classes, entities)
    events.sort(key=lambda ev: (ev.start is None, ev.start or dt.date.min, ev.iri))
    return Corpus(events=events, entities=entities, articles=articles)


def _union(groups) -> tuple:
    return tuple({x.iri: x for group in groups for x in group}.values())


def _group_happenings(store, reports: list[EventRecord], classes: _Classes,
                      entities: dict[str, Entity]) -> list[EventRecord]:
    """One record per ``uscn:Happening`` (see the module docstring); the rest as they are."""
    raw: dict[str, dict[str, list]] = {}
    for h, p, o in _select(store, _Q_HAPPENINGS):
        raw.setdefault(h.value, {}).setdefault(p.value, []).append(o)
    if not raw:
        return reports
    by_iri = {r.iri: r for r in reports}
    grouped: set[str] = set()
    out = []
    for h, d in sorted(raw.items()):
        members = sorted({o.value for o in d.get(USCN + "report", [])} & by_iri.keys())
        members = [by_iri[m] for m in members if m not in grouped]
        if not members:
            continue
        grouped.update(m.iri for m in members)
        types = {n for n in (_local(o.value) for o in d.get(USCN + "eventType", [])) if n}
        types = types or {m.type for m in members}
        labels = sorted(o.value for o in d.get(RDFS + "label", []))
        starts = [x for x in (parse_date(o.value) for o in d.get(USCN + "startDate", [])) if x]
        ends = [x for x in (parse_date(o.value) for o in d.get(USCN + "endDate", [])) if x]
        if not (starts and ends):  # the happening's own date is the finest its reports share
            starts += [m.start for m in members if m.start]
            ends += [m.last for m in members if m.last]
        places = sorted(o.value for o in d.get(USCN + "place", []) if isinstance(o, ox.NamedNode))
        actors = _union(m.actors for m in members)
        targets = _union(m.targets for m in members)
        participants = _union(m.participants for m in members)
        out.append(EventRecord(
            iri=h, type=classes.most_specific(types, "Event"),
            label=labels[0] if labels else members[0].label,
            start=min(starts) if starts else None, end=max(ends) if ends else None,
            precision=next((m.precision for m in members if m.precision), None),
            planned=all(m.planned for m in members),
            goldstein=round(sum(m.goldstein for m in members) / len(members), 4),
            actors=actors, targets=targets, participants=participants,
            place=_entity(entities, places[0]) if places else next(
                (m.place for m in members if m.place), None),
            disputes=_union(m.disputes for m in members),
            sources=_union(m.sources for m in members),
            evidence=tuple(dict.fromkeys(e for m in members for e in m.evidence)),
            parties=tuple({p.iri: p for p in (*actors, *targets, *participants)
                           if p.is_actor}.values()),
        ))
    out.extend(r for r in reports if r.iri not in grouped)
    return out


def load_events(store) -> list[EventRecord]:
    """The events of ``store`` in date order; shorthand for ``load_corpus(store).events``."""
    return load_corpus(store).events
