"""Hand-built stores for the analysis and view tests.

Writes quads exactly as ``ontology/README.md`` says ("How an article becomes
RDF"): one named graph per article holding the article, the entities it
mentions, and its events with ``uscn:source`` and ``uscn:evidence``; an event
reported by two articles has the same IRI in both graphs. Independent of the
ingest pipeline on purpose, so these tests pin the mapping, not the extractor.

Imported by tests/test_analysis.py and tests/test_views.py (pytest puts tests/
on sys.path).
"""
from __future__ import annotations

import datetime as dt

import pyoxigraph as ox

D = dt.date

USCN = "https://w3id.org/uscn/ontology#"
ENT = "https://w3id.org/uscn/id/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ONTOLOGY = ox.NamedNode(ENT + "graph/ontology")


def u(name: str) -> ox.NamedNode:
    return ox.NamedNode(USCN + name)


def ent(key: str) -> ox.NamedNode:
    return ox.NamedNode(ENT + key)


def lit(value, datatype: str | None = None) -> ox.Literal:
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if isinstance(value, float):
        return ox.Literal(f"{value:.2f}", datatype=ox.NamedNode(XSD + "decimal"))
    if datatype:
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + datatype))
    return ox.Literal(str(value))


class StoreBuilder:
    """Writes articles, entities and events into a pyoxigraph store."""

    def __init__(self, store: ox.Store | None = None):
        self.store = store or ox.Store()
        self.entities: dict[str, dict] = {}
        self.quads: list[ox.Quad] = []

    # entities are described once here and copied into every article that uses them
    def entity(self, key: str, kind: str, label: str, alts=(), country: str | None = None,
               extra_types=()) -> str:
        self.entities[key] = {"kind": kind, "label": label, "alts": tuple(alts),
                              "country": country, "types": tuple(extra_types)}
        return key

    def _add(self, s, p, o, g):
        self.quads.append(ox.Quad(s, p, o, g))

    def _entity_quads(self, key: str, g: ox.NamedNode) -> None:
        e = self.entities[key]
        s = ent(key)
        self._add(s, RDF_TYPE, u(e["kind"]), g)
        for t in e["types"]:
            self._add(s, RDF_TYPE, u(t), g)
        self._add(s, ox.NamedNode(RDFS + "label"), lit(e["label"]), g)
        for alt in e["alts"]:
            self._add(s, ox.NamedNode(SKOS + "altLabel"), lit(alt), g)
        if e["country"]:
            self._add(s, u("country"), ent(e["country"]), g)
        if e["kind"] == "Dispute":
            self._add(s, RDF_TYPE, ox.NamedNode(SKOS + "Concept"), g)
            self._add(s, ox.NamedNode(SKOS + "inScheme"), ent("dispute/scheme"), g)

    def article(self, slug: str, title: str, published: dt.date, url: str | None,
                publisher: str = "Test Wire", mentions=()) -> ox.NamedNode:
        g = ent(f"article/{slug}")
        self._add(g, RDF_TYPE, u("Article"), g)
        self._add(g, u("title"), lit(title), g)
        self._add(g, u("published"), lit(published), g)
        if url is not None:
            # README: uscn:url <https://…>; a literal is tolerated for odd inputs
            try:
                obj = ox.NamedNode(url) if url.startswith(("http://", "https://")) else lit(url)
            except ValueError:  # not a valid IRI: keep it as text
                obj = lit(url)
            self._add(g, u("url"), obj, g)
        self._add(g, u("publisher"), lit(publisher), g)
        self._add(g, ox.NamedNode("http://purl.org/dc/terms/identifier"), lit(slug), g)
        for key in mentions:
            self._add(g, u("mentions"), ent(key), g)
            self._entity_quads(key, g)
        return g

    def event(self, article: ox.NamedNode, key: str, kind: str, label: str, *, actor=(),
              target=(), participant=(), place: str | None = None, start: dt.date | None = None,
              end: dt.date | None = None, goldstein: float | None = None, concerns=(),
              evidence: str = "", planned: bool = False, extra_types=(),
              span: tuple[int, int] = (0, 100)) -> ox.NamedNode:
        s = ent(f"event/{key}")
        g = article
        self._add(s, RDF_TYPE, u(kind), g)
        for t in extra_types:
            self._add(s, RDF_TYPE, u(t), g)
        self._add(s, ox.NamedNode(RDFS + "label"), lit(label), g)
        for prop, keys in (("actor", actor), ("target", target), ("participant", participant),
                           ("concerns", concerns)):
            for k in keys:
                self._add(s, u(prop), ent(k), g)
                self._entity_quads(k, g)
        if place:
            self._add(s, u("place"), ent(place), g)
            self._entity_quads(place, g)
        if start:
            self._add(s, u("startDate"), lit(start), g)
            self._add(s, u("endDate"), lit(end or start), g)
            self._add(s, u("datePrecision"), lit("day"), g)
            self._add(s, u("dateBasis"), lit("explicit"), g)
            self._add(s, u("approximate"), lit(False), g)
        self._add(s, u("planned"), lit(planned), g)
        self._add(s, u("source"), g, g)
        self._add(s, u("evidence"), lit(evidence), g)
        span_iri = ox.NamedNode(f"{g.value}/span/{span[0]}-{span[1]}")
        self._add(s, u("evidenceSpan"), span_iri, g)
        self._add(span_iri, RDF_TYPE, u("EvidenceSpan"), g)
        self._add(span_iri, u("inArticle"), g, g)
        self._add(span_iri, u("startOffset"), lit(span[0], "integer"), g)
        self._add(span_iri, u("endOffset"), lit(span[1], "integer"), g)
        self._add(span_iri, u("anchorText"), lit(evidence), g)
        self._add(s, u("trigger"), lit(kind.lower()), g)
        if goldstein is not None:
            self._add(s, u("goldstein"), lit(float(goldstein)), g)
        return s

    def happening(self, article: ox.NamedNode, key: str, kind: str, label: str, report: str, *,
                  start: dt.date | None = None, end: dt.date | None = None,
                  place: str | None = None) -> ox.NamedNode:
        """The ``uscn:Happening`` layout (ontology/uscn.ttl): a node grouping the
        per-article reports (``event(...)`` nodes) of one happening."""
        h, g = ent(f"event/{key}"), article
        self._add(h, RDF_TYPE, u("Happening"), g)
        self._add(h, ox.NamedNode(RDFS + "label"), lit(label), g)
        self._add(h, u("eventType"), u(kind), g)
        self._add(h, u("happeningKey"), lit(f"{kind}|{key}"), g)
        self._add(h, u("report"), ent(f"event/{report}"), g)
        self._add(h, u("source"), g, g)
        if start:
            self._add(h, u("startDate"), lit(start), g)
            self._add(h, u("endDate"), lit(end or start), g)
        if place:
            self._add(h, u("place"), ent(place), g)
            self._entity_quads(place, g)
        return h

    def subclass(self, sub: str, sup: str) -> None:
        """``uscn:sub rdfs:subClassOf uscn:sup`` in the ontology graph."""
        self._add(u(sub), ox.NamedNode(RDFS + "subClassOf"), u(sup), ONTOLOGY)

    def build(self) -> ox.Store:
        self.store.extend(self.quads)
        self.quads = []
        return self.store


def sample_store() -> ox.Store:
    """Four articles about US–China relations in 2023–24, plus one unrelated pair.

    Shared events (E = event key):
      E1 2023-05-10 Meeting  Jake Sullivan – Wang Yi, Vienna, +4.0, Taiwan       (a1)
      E2 2023-06-08 Accusation United States -> China, -2.0                    (a2)
      E3 2023-06-14 PhoneCall Antony Blinken – Qin Gang, +1.0                  (a1, a3)
      E4 2023-06-18..19 Visit Antony Blinken -> China, Beijing, +1.9, Taiwan, planned (a1)
      E5 2023-06-19 Meeting  Antony Blinken – Wang Yi, +3.0, Taiwan, Trade     (a3)
      E6 2023-08-01 Sanction United States, State Department -> China, -8.0, Trade (a3)
      E7 undated   Statement Xi Jinping, no score                              (a2)
      E8 2024-01-15 Meeting  Joe Biden – Xi Jinping, +3.4                      (a4)
      E9 2023-07-01 Meeting  European Union – Japan, +2.0                      (a4)
      E10 2023-11-15 PhoneCall Antony Blinken – Wang Yi, +1.0                  (a4)
    """
    b = StoreBuilder()
    b.entity("country/USA", "Country", "United States", alts=("US", "U.S.", "America"))
    b.entity("country/CHN", "Country", "China", alts=("PRC", "People's Republic of China"))
    b.entity("country/JPN", "Country", "Japan")
    b.entity("org/european-union", "Organization", "European Union", alts=("EU",))
    b.entity("person/antony-blinken", "Person", "Antony Blinken", alts=("Blinken", "Tony Blinken"),
             country="country/USA")
    b.entity("person/jake-sullivan", "Person", "Jake Sullivan", country="country/USA")
    b.entity("person/joe-biden", "Person", "Joe Biden", alts=("Biden",), country="country/USA")
    b.entity("person/wang-yi", "Person", "Wang Yi", country="country/CHN")
    b.entity("person/qin-gang", "Person", "Qin Gang", country="country/CHN")
    b.entity("person/xi-jinping", "Person", "Xi Jinping", alts=("Xi",), country="country/CHN")
    b.entity("org/us-department-of-state", "Organization", "State Department",
             alts=("Department of State",), country="country/USA")
    b.entity("place/beijing", "Place", "Beijing", country="country/CHN")
    b.entity("place/vienna", "Place", "Vienna")
    b.entity("dispute/taiwan", "Dispute", "Taiwan", alts=("cross-Strait relations",))
    b.entity("dispute/trade", "Dispute", "Trade")
    b.subclass("Visit", "Event")
    b.subclass("Meeting", "Event")

    d = dt.date
    a1 = b.article("a1", "US Confirms Blinken Trip to China", d(2023, 6, 14),
                   "https://example.com/news/blinken-trip", mentions=("person/antony-blinken",))
    a2 = b.article("a2", "White House accuses China over Cuba", d(2023, 6, 9),
                   "https://example.org/cuba")
    a3 = b.article("a3", "Blinken meets Wang Yi in Beijing", d(2023, 6, 20),
                   "https://example.net/beijing-talks")
    a4 = b.article("a4", "Leaders meet again", d(2024, 1, 16), "https://example.com/leaders")

    b.event(a1, "e1", "Meeting", "2023-05-10 – Jake Sullivan meets Wang Yi in Vienna",
            participant=("person/jake-sullivan", "person/wang-yi"), place="place/vienna",
            start=d(2023, 5, 10), goldstein=4.0, concerns=("dispute/taiwan",),
            evidence="Jake Sullivan met Wang Yi in Vienna last month.")
    b.event(a2, "e2", "Accusation", "2023-06-08 – United States accuses China",
            actor=("country/USA",), target=("country/CHN",), start=d(2023, 6, 8), goldstein=-2.0,
            evidence="The White House accused China of operating a spy unit in Cuba.")
    for art, text in ((a1, "Blinken had a telephone conversation with Qin Gang."),
                      (a3, "Blinken and Qin Gang spoke by phone on Wednesday.")):
        b.event(art, "e3", "PhoneCall", "2023-06-14 – Antony Blinken calls Qin Gang",
                actor=("person/antony-blinken",), target=("person/qin-gang",),
                start=d(2023, 6, 14), goldstein=1.0, evidence=text)
    b.event(a1, "e4", "Visit", "2023-06-18 – Antony Blinken visits Beijing",
            actor=("person/antony-blinken",), target=("country/CHN",), place="place/beijing",
            start=d(2023, 6, 18), end=d(2023, 6, 19), goldstein=1.9, concerns=("dispute/taiwan",),
            planned=True, extra_types=("Event",),
            evidence="Antony Blinken is set to visit Beijing this weekend.")
    b.event(a3, "e5", "Meeting", "2023-06-19 – Antony Blinken meets Wang Yi",
            participant=("person/antony-blinken", "person/wang-yi"), place="place/beijing",
            start=d(2023, 6, 19), goldstein=3.0, concerns=("dispute/taiwan", "dispute/trade"),
            evidence="Blinken met Wang Yi in Beijing on Monday.")
    b.event(a3, "e6", "Sanction", "2023-08-01 – United States sanctions China",
            actor=("country/USA", "org/us-department-of-state"), target=("country/CHN",),
            start=d(2023, 8, 1), goldstein=-8.0, concerns=("dispute/trade",),
            evidence="The State Department announced sanctions on Chinese firms.")
    b.event(a2, "e7", "Statement", "Xi Jinping makes a statement", actor=("person/xi-jinping",),
            evidence="Xi Jinping said relations must improve.")
    b.event(a4, "e8", "Meeting", "2024-01-15 – Joe Biden meets Xi Jinping",
            participant=("person/joe-biden", "person/xi-jinping"), start=d(2024, 1, 15),
            goldstein=3.4, evidence="Biden and Xi met on the sidelines.")
    b.event(a4, "e9", "Meeting", "2023-07-01 – European Union meets Japan",
            participant=("org/european-union", "country/JPN"), start=d(2023, 7, 1), goldstein=2.0,
            evidence="EU and Japanese officials met in Tokyo.")
    b.event(a4, "e10", "PhoneCall", "2023-11-15 – Antony Blinken calls Wang Yi",
            actor=("person/antony-blinken",), target=("person/wang-yi",), start=d(2023, 11, 15),
            goldstein=1.0, evidence="Blinken called Wang Yi to prepare the summit.")
    return b.build()


INJECTIONS = ('<script>alert(1)</script>', '<img src=x onerror=alert(1)>',
              'href="javascript:alert(1)"')


def hostile_store() -> ox.Store:
    """Titles, names, labels, evidence and urls that try to run code in the page."""
    b = StoreBuilder()
    script, img, href = INJECTIONS
    b.entity("person/mallory", "Person", f"Mallory {script}", alts=(img,), country="country/USA")
    b.entity("person/eve", "Person", f"Eve {img} {href}", country="country/CHN")
    b.entity("country/USA", "Country", "United States")
    b.entity("country/CHN", "Country", f"China {href}")
    b.entity("dispute/x", "Dispute", f"Dispute {script}")
    d = dt.date
    a1 = b.article("h1", f"Title {script} {img}", d(2023, 3, 1), "javascript:alert(1)")
    a2 = b.article("h2", f"Second {href}", d(2023, 4, 1),
                   "https://example.com/a?q='onmouseover='alert(1)")
    a3 = b.article("h3", f"Broken url {script}", d(2023, 4, 2),
                   'https://example.com/"><script>alert(1)</script>')
    b.event(a1, "h1", "Meeting", f"Meeting {script}", participant=("person/mallory", "person/eve"),
            start=d(2023, 3, 1), goldstein=2.0, concerns=("dispute/x",),
            evidence=f"Evidence {script} {img} {href} \u2028 end")
    b.event(a2, "h2", "Accusation", f"Accusation {img} <a {href}>x</a>",
            actor=("country/USA",), target=("country/CHN", "person/eve"), start=d(2023, 4, 2),
            goldstein=-4.0, evidence=f'Quote "{href}" </script><script>alert(1)</script>')
    b.event(a3, "h2", "Accusation", f"Accusation {img} <a {href}>x</a>",
            actor=("country/USA",), target=("country/CHN", "person/eve"), start=d(2023, 4, 2),
            goldstein=-4.0, evidence=f"Also reported: {img}")
    return b.build()


def synthetic_store(n_actors: int, n_events: int, seed: int = 1) -> ox.Store:
    """A random corpus: ``n_actors`` persons, countries and organizations and
    ``n_events`` dated, scored events between two or three of them."""
    import random
    rng = random.Random(seed)
    b = StoreBuilder()
    kinds = ("Person", "Country", "Organization")
    keys = []
    for i in range(n_actors):
        kind = kinds[i % 3]
        key = {"Person": "person", "Country": "country", "Organization": "org"}[kind] + f"/actor-{i}"
        b.entity(key, kind, f"Actor {i}")
        keys.append(key)
    b.entity("dispute/d0", "Dispute", "Dispute zero")
    b.entity("dispute/d1", "Dispute", "Dispute one")
    types = ("Meeting", "Visit", "PhoneCall", "Accusation", "Sanction", "Agreement", "Statement")
    articles = [b.article(f"s{i}", f"Story {i}", D(2022, 1, 1) + dt.timedelta(days=i),
                          f"https://example.com/s{i}") for i in range(max(1, n_events // 5))]
    for i in range(n_events):
        # a few hubs take part in many events, as in real news
        who = rng.sample(keys[: max(3, n_actors // 10)], 1) + rng.sample(keys, rng.choice((1, 2)))
        who = list(dict.fromkeys(who))
        b.event(articles[i % len(articles)], f"s{i}", rng.choice(types), f"Synthetic event {i}",
                participant=tuple(who), start=D(2022, 1, 1) + dt.timedelta(days=rng.randrange(700)),
                goldstein=round(rng.uniform(-10, 10), 1),
                concerns=(f"dispute/d{i % 2}",) if i % 3 == 0 else (),
                evidence=f"Evidence sentence {i}.")
    return b.build()
