"""Checks for ontology/uscn.ttl, ontology/shapes.ttl and ontology/queries/*.rq.

The small instance dataset below follows the "How an article becomes RDF" mapping of
ontology/README.md: one named graph per article (graph IRI = article IRI), the ontology and a
tiny catalog in ent:graph/ontology. Queries run on it with the default graph as the union of
all graphs and parameters bound by SEP-0007 substitution, as the CLI does.
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "uscn.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
QUERY_DIR = ROOT / "ontology" / "queries"
QUERIES = sorted(QUERY_DIR.glob("*.rq"))

USCN = Namespace("https://w3id.org/uscn/ontology#")
ENT = Namespace("https://w3id.org/uscn/id/")
ONTOLOGY_IRI = URIRef("https://w3id.org/uscn/ontology")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = Namespace("http://www.w3.org/ns/prov#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

# The scorer's contract (../shared/eval/README.md).
CONTRACT_CLASSES = ["Article", "Person", "Country", "Organization", "Place", "Dispute", "Event",
                    "Visit", "Meeting", "PhoneCall", "Accusation", "Cancellation", "Sanction",
                    "Agreement", "Statement"]
CONTRACT_PROPERTIES = ["mentions", "actor", "target", "participant", "place", "startDate", "endDate",
                       "concerns", "source", "evidence", "title", "published", "url"]

# Everything else the README's instance mapping and catalog format use.
MAPPING_CLASSES = ["Office", "Tenure", "Mention", "EvidenceSpan", "Claim", "Denial"]
MAPPING_PROPERTIES = ["publisher", "datelinePlace", "datePrecision", "dateBasis", "approximate",
                      "planned", "evidenceSpan", "trigger", "goldstein", "cameoCode", "ploverCode",
                      "claimText", "refersTo", "inArticle", "startOffset", "endOffset", "anchorText",
                      "country", "position", "holds", "office", "from", "until", "organization",
                      "familyName", "shortName", "partOf", "signal"]

EVENT_SUBCLASSES = {  # class -> expected direct parent
    "Visit": "Event", "Meeting": "Event", "Summit": "Meeting", "VirtualMeeting": "Meeting",
    "Talks": "Meeting", "PhoneCall": "Event", "Accusation": "Event", "Cancellation": "Event",
    "Sanction": "Event", "Tariff": "Sanction", "ExportControl": "Sanction",
    "EntityListing": "Sanction", "VisaRestriction": "Sanction", "InvestmentRestriction": "Sanction",
    "Agreement": "Event", "JointStatement": "Agreement", "Statement": "Event", "Claim": "Statement",
    "Denial": "Statement", "Warning": "Statement", "Praise": "Statement", "MilitaryActivity": "Event",
}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
          "DEMAND", "DISAPPROVE", "ENGAGE", "INVESTIGATE", "OTHER"}
# CAMEO code -> Goldstein value (the CAMEO-to-Goldstein lookup used by GDELT and event-data tools).
GOLDSTEIN = {"010": 0.0, "012": -0.4, "013": 0.4, "016": -2.0, "040": 1.0, "041": 1.0, "042": 1.9,
             "043": 2.8, "044": 2.5, "046": 7.0, "051": 3.4, "057": 8.0, "111": -2.0, "112": -2.0,
             "125": -5.0, "130": -4.4, "150": -7.2, "160": -4.0, "163": -8.0, "164": -7.0}
EXPECTED_CODES = {"Visit": "042", "PhoneCall": "041", "Accusation": "112", "Sanction": "163",
                  "Agreement": "057", "Cancellation": "160", "Talks": "046", "Summit": "044"}


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


PREFIXES = """
@prefix uscn:    <https://w3id.org/uscn/ontology#> .
@prefix ent:     <https://w3id.org/uscn/id/> .
@prefix p:       <https://w3id.org/uscn/id/person/> .
@prefix c:       <https://w3id.org/uscn/id/country/> .
@prefix o:       <https://w3id.org/uscn/id/org/> .
@prefix pl:      <https://w3id.org/uscn/id/place/> .
@prefix d:       <https://w3id.org/uscn/id/dispute/> .
@prefix off:     <https://w3id.org/uscn/id/office/> .
@prefix art:     <https://w3id.org/uscn/id/article/> .
@prefix ev:      <https://w3id.org/uscn/id/event/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl:     <http://www.w3.org/2002/07/owl#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix geo:     <http://www.w3.org/2003/01/geo/wgs84_pos#> .
"""

CATALOG = """
p:antony-blinken a uscn:Person ; rdfs:label "Antony Blinken" ;
    skos:altLabel "Blinken", "Tony Blinken" ; uscn:familyName "Blinken" ; uscn:country c:USA ;
    uscn:holds [ uscn:office off:us-secretary-of-state ;
                 uscn:from "2021-01-26"^^xsd:date ; uscn:until "2025-01-20"^^xsd:date ] .
p:joe-biden a uscn:Person ; rdfs:label "Joe Biden" ; skos:altLabel "Biden" ; uscn:country c:USA ;
    uscn:holds [ uscn:office off:us-president ;
                 uscn:from "2021-01-20"^^xsd:date ; uscn:until "2025-01-20"^^xsd:date ] .
p:wang-yi a uscn:Person ; rdfs:label "Wang Yi" ; uscn:country c:CHN .
p:xi-jinping a uscn:Person ; rdfs:label "Xi Jinping" ; skos:altLabel "Xi", "President Xi" ;
    uscn:familyName "Xi" ; uscn:country c:CHN .
c:USA a uscn:Country ; rdfs:label "United States" ; skos:altLabel "US", "U.S.", "America" ;
    owl:sameAs <http://www.wikidata.org/entity/Q30> .
c:CHN a uscn:Country ; rdfs:label "China" ; skos:altLabel "PRC", "People's Republic of China" ;
    owl:sameAs <http://www.wikidata.org/entity/Q148> .
o:us-department-of-state a uscn:Organization ; rdfs:label "State Department" ;
    skos:altLabel "Department of State" ; uscn:shortName "DOS" ; uscn:country c:USA .
o:us-department-of-commerce a uscn:Organization ; rdfs:label "Commerce Department" ;
    uscn:shortName "DOC" ; uscn:country c:USA .
off:us-secretary-of-state a uscn:Office ; rdfs:label "Secretary of State" ;
    skos:altLabel "US Secretary of State", "Secretary" ; uscn:country c:USA ;
    uscn:organization o:us-department-of-state .
off:us-president a uscn:Office ; rdfs:label "President of the United States" ;
    skos:altLabel "President" ; uscn:country c:USA .
pl:beijing a uscn:Place ; rdfs:label "Beijing" ; uscn:country c:CHN ; geo:lat 39.9075 ; geo:long 116.39723 .
pl:washington a uscn:Place ; rdfs:label "Washington" ; uscn:country c:USA ; geo:lat 38.89511 ; geo:long -77.03637 .
pl:san-francisco a uscn:Place ; rdfs:label "San Francisco" ; uscn:country c:USA ;
    geo:lat 37.77493 ; geo:long -122.41942 .
d:scheme a skos:ConceptScheme ; rdfs:label "Disputes" .
d:taiwan a uscn:Dispute, skos:Concept ; skos:inScheme d:scheme ; rdfs:label "Taiwan" ;
    skos:prefLabel "Taiwan" ; skos:altLabel "cross-Strait relations" ; uscn:signal "Taiwan", "Taiwan Strait" .
d:export-controls a uscn:Dispute, skos:Concept ; skos:inScheme d:scheme ; rdfs:label "export controls" ;
    uscn:signal "export controls" .
d:spy-balloon a uscn:Dispute, skos:Concept ; skos:inScheme d:scheme ; rdfs:label "spy balloon" ;
    skos:altLabel "Chinese balloon" ; uscn:signal "balloon" .
"""

ARTICLES = """
art:a1 {
  art:a1 a uscn:Article ; dcterms:identifier "a1" ; uscn:title "US confirms Blinken trip to China" ;
      uscn:published "2023-06-14"^^xsd:date ; uscn:url <https://example.org/a1> ;
      uscn:publisher "Example News" ; uscn:datelinePlace pl:washington ;
      uscn:mentions p:antony-blinken, p:wang-yi, c:USA, c:CHN, pl:beijing, pl:washington, d:taiwan,
                    o:us-department-of-state .
  p:antony-blinken a uscn:Person ; rdfs:label "Antony Blinken" ; uscn:country c:USA ;
      uscn:position "Secretary of State" .
  p:wang-yi a uscn:Person ; rdfs:label "Wang Yi" .
  c:USA a uscn:Country ; rdfs:label "United States" .
  c:CHN a uscn:Country ; rdfs:label "China" .
  pl:beijing a uscn:Place ; rdfs:label "Beijing" ; uscn:country c:CHN ; geo:lat 39.9075 ; geo:long 116.39723 .
  pl:washington a uscn:Place ; rdfs:label "Washington" .
  d:taiwan a uscn:Dispute, skos:Concept ; rdfs:label "Taiwan" ; skos:inScheme d:scheme .
  o:us-department-of-state a uscn:Organization ; rdfs:label "State Department" .
  <https://w3id.org/uscn/id/article/a1/mention/12-26> uscn:refersTo p:antony-blinken ;
      uscn:startOffset 12 ; uscn:endOffset 26 ; uscn:anchorText "Antony Blinken" .
  # as stores written by earlier versions give a mention: typed, with its article
  <https://w3id.org/uscn/id/article/a1/mention/60-67> a uscn:Mention ; uscn:refersTo p:wang-yi ;
      uscn:inArticle art:a1 ; uscn:startOffset 60 ; uscn:endOffset 67 ; uscn:anchorText "Wang Yi" .
  <https://w3id.org/uscn/id/article/a1/span/0-99> a uscn:EvidenceSpan ; uscn:inArticle art:a1 ;
      uscn:startOffset 0 ; uscn:endOffset 99 ;
      uscn:anchorText "WASHINGTON: Secretary of State Antony Blinken will visit Beijing on June 18 and 19." .
  <https://w3id.org/uscn/id/article/a1/span/100-160> a uscn:EvidenceSpan ; uscn:inArticle art:a1 ;
      uscn:startOffset 100 ; uscn:endOffset 160 ;
      uscn:anchorText "Blinken is expected to meet Wang Yi in Beijing on June 18." .
  ev:e1 a uscn:Visit ; rdfs:label "2023-06-18 – Antony Blinken visits Beijing" ;
      uscn:actor p:antony-blinken ; uscn:target c:CHN ; uscn:place pl:beijing ;
      uscn:startDate "2023-06-18"^^xsd:date ; uscn:endDate "2023-06-19"^^xsd:date ;
      uscn:datePrecision "day" ; uscn:dateBasis "explicit" ; uscn:approximate false ; uscn:planned true ;
      uscn:concerns d:taiwan ; uscn:source art:a1 ;
      uscn:evidence "WASHINGTON: Secretary of State Antony Blinken will visit Beijing on June 18 and 19." ;
      uscn:evidenceSpan <https://w3id.org/uscn/id/article/a1/span/0-99> ; uscn:trigger "visit" ;
      uscn:goldstein 1.9 ; uscn:cameoCode "042" ; uscn:ploverCode "CONSULT" .
  ev:e2 a uscn:Meeting ; rdfs:label "2023-06-18 – Antony Blinken meets Wang Yi in Beijing" ;
      uscn:participant p:antony-blinken, p:wang-yi ; uscn:place pl:beijing ;
      uscn:startDate "2023-06-18"^^xsd:date ; uscn:endDate "2023-06-18"^^xsd:date ;
      uscn:datePrecision "day" ; uscn:dateBasis "explicit" ; uscn:planned true ; uscn:source art:a1 ;
      uscn:evidence "Blinken is expected to meet Wang Yi in Beijing on June 18." ;
      uscn:evidenceSpan <https://w3id.org/uscn/id/article/a1/span/100-160> ; uscn:trigger "meet" .
}

art:a2 {
  art:a2 a uscn:Article ; dcterms:identifier "a2" ; uscn:title "Blinken meets Xi in Beijing" ;
      uscn:published "2023-06-19"^^xsd:date ;
      uscn:mentions p:antony-blinken, p:xi-jinping, p:wang-yi, c:USA, c:CHN, pl:beijing, d:taiwan .
  p:antony-blinken a uscn:Person ; rdfs:label "Antony Blinken" .
  p:xi-jinping a uscn:Person ; rdfs:label "Xi Jinping" .
  p:wang-yi a uscn:Person ; rdfs:label "Wang Yi" .
  c:USA a uscn:Country ; rdfs:label "United States" .
  c:CHN a uscn:Country ; rdfs:label "China" .
  pl:beijing a uscn:Place ; rdfs:label "Beijing" .
  d:taiwan a uscn:Dispute, skos:Concept ; rdfs:label "Taiwan" .
  <https://w3id.org/uscn/id/article/a2/span/0-57> a uscn:EvidenceSpan ; uscn:inArticle art:a2 ;
      uscn:startOffset 0 ; uscn:endOffset 57 ;
      uscn:anchorText "Blinken arrived in Beijing on Sunday for a two-day visit." .
  ev:e1 a uscn:Visit ; rdfs:label "2023-06-18 – Antony Blinken visits Beijing" ;
      uscn:actor p:antony-blinken ; uscn:target c:CHN ; uscn:place pl:beijing ;
      uscn:startDate "2023-06-18"^^xsd:date ; uscn:endDate "2023-06-19"^^xsd:date ;
      uscn:datePrecision "day" ; uscn:dateBasis "relative" ; uscn:planned false ;
      uscn:concerns d:taiwan ; uscn:source art:a2 ;
      uscn:evidence "Blinken arrived in Beijing on Sunday for a two-day visit." ;
      uscn:evidenceSpan <https://w3id.org/uscn/id/article/a2/span/0-57> ; uscn:trigger "visit" ;
      uscn:goldstein 1.9 ; uscn:cameoCode "042" ; uscn:ploverCode "CONSULT" .
  ev:e3 a uscn:Meeting ; rdfs:label "2023-06-19 – Antony Blinken meets Xi Jinping in Beijing" ;
      uscn:participant p:antony-blinken, p:xi-jinping ; uscn:place pl:beijing ;
      uscn:startDate "2023-06-19"^^xsd:date ; uscn:endDate "2023-06-19"^^xsd:date ;
      uscn:source art:a2 ; uscn:evidence "On Monday Blinken met Xi Jinping in the Great Hall of the People." .
  ev:e4 a uscn:Accusation ; rdfs:label "2023-06-18 – China accuses United States over Taiwan" ;
      uscn:actor c:CHN ; uscn:target c:USA ; uscn:concerns d:taiwan ;
      uscn:startDate "2023-06-18"^^xsd:date ; uscn:endDate "2023-06-18"^^xsd:date ;
      uscn:claimText "the United States is interfering in China's internal affairs" ;
      uscn:source art:a2 ; uscn:evidence "China accused the United States of interfering in its internal affairs over Taiwan." ;
      uscn:goldstein -2.0 ; uscn:cameoCode "112" ; uscn:ploverCode "ACCUSE" .
  ev:e10 a uscn:Statement ; rdfs:label "Wang Yi says ties should be stable" ;
      uscn:actor p:wang-yi ; uscn:source art:a2 ; uscn:evidence "Wang Yi said ties should be stable." .
}

art:a3 {
  art:a3 a uscn:Article ; dcterms:identifier "a3" ; uscn:title "Biden and Xi meet near San Francisco" ;
      uscn:published "2023-11-16"^^xsd:date ;
      uscn:mentions p:joe-biden, p:xi-jinping, p:antony-blinken, c:USA, c:CHN, pl:san-francisco,
                    d:taiwan, d:spy-balloon, d:export-controls, o:us-department-of-commerce .
  p:joe-biden a uscn:Person ; rdfs:label "Joe Biden" .
  p:xi-jinping a uscn:Person ; rdfs:label "Xi Jinping" .
  p:antony-blinken a uscn:Person ; rdfs:label "Antony Blinken" .
  c:USA a uscn:Country ; rdfs:label "United States" .
  c:CHN a uscn:Country ; rdfs:label "China" .
  pl:san-francisco a uscn:Place ; rdfs:label "San Francisco" .
  d:taiwan a uscn:Dispute, skos:Concept ; rdfs:label "Taiwan" .
  d:spy-balloon a uscn:Dispute, skos:Concept ; rdfs:label "spy balloon" .
  d:export-controls a uscn:Dispute, skos:Concept ; rdfs:label "export controls" .
  o:us-department-of-commerce a uscn:Organization ; rdfs:label "Commerce Department" .
  ev:e5 a uscn:Cancellation ; rdfs:label "2023-02-03 – Antony Blinken postpones visit to China" ;
      uscn:actor p:antony-blinken ; uscn:target c:CHN ; uscn:concerns d:spy-balloon ;
      uscn:startDate "2023-02-03"^^xsd:date ; uscn:endDate "2023-02-03"^^xsd:date ;
      uscn:source art:a3 ; uscn:evidence "Blinken postponed his trip in February after the balloon incident." .
  ev:e6 a uscn:ExportControl ; rdfs:label "2022-10-07 – Commerce Department imposes chip export controls on China" ;
      uscn:actor o:us-department-of-commerce ; uscn:target c:CHN ; uscn:concerns d:export-controls ;
      uscn:startDate "2022-10-07"^^xsd:date ; uscn:endDate "2022-10-07"^^xsd:date ;
      uscn:source art:a3 ; uscn:evidence "The Commerce Department imposed chip export controls in October 2022." .
  ev:e7 a uscn:PhoneCall ; rdfs:label "2022-07-28 – Joe Biden speaks with Xi Jinping by phone" ;
      uscn:participant p:joe-biden, p:xi-jinping ; uscn:concerns d:taiwan ;
      uscn:startDate "2022-07-28"^^xsd:date ; uscn:endDate "2022-07-28"^^xsd:date ;
      uscn:source art:a3 ; uscn:evidence "Biden and Xi last spoke by phone on July 28, 2022." .
  ev:e8 a uscn:Denial ; rdfs:label "2023-02-03 – China denies the balloon was a spy craft" ;
      uscn:actor c:CHN ; uscn:target c:USA ; uscn:concerns d:spy-balloon ;
      uscn:claimText "the airship was a civilian research craft blown off course" ;
      uscn:startDate "2023-02-03"^^xsd:date ; uscn:endDate "2023-02-03"^^xsd:date ;
      uscn:source art:a3 ; uscn:evidence "China said the airship was a civilian research craft blown off course." .
  ev:e9 a uscn:Summit ; rdfs:label "2023-11-15 – Joe Biden meets Xi Jinping near San Francisco" ;
      uscn:participant p:joe-biden, p:xi-jinping, c:USA, c:CHN ; uscn:place pl:san-francisco ;
      uscn:startDate "2023-11-15"^^xsd:date ; uscn:endDate "2023-11-15"^^xsd:date ;
      uscn:source art:a3 ; uscn:evidence "Biden and Xi met on Wednesday at an estate near San Francisco." .
  # the pipeline's report + happening model: each article's report is its own event node, and
  # one uscn:Happening groups the reports of the same summit (here: a3's ev:e9 and a4's ev:e9b)
  ev:h9 a uscn:Happening ; rdfs:label "2023-11-15 – Joe Biden meets Xi Jinping near San Francisco" ;
      uscn:eventType uscn:Summit ; uscn:happeningKey "Summit|country/CHN,country/USA,person/joe-biden,person/xi-jinping" ;
      uscn:report ev:e9 ; uscn:source art:a3 ; uscn:place pl:san-francisco ;
      uscn:startDate "2023-11-15"^^xsd:date ; uscn:endDate "2023-11-15"^^xsd:date .
}

art:a4 {
  art:a4 a uscn:Article ; dcterms:identifier "a4" ; uscn:title "Biden–Xi summit wraps up" ;
      uscn:published "2023-11-17"^^xsd:date ;
      uscn:mentions p:joe-biden, p:xi-jinping, c:USA, c:CHN, pl:san-francisco .
  p:joe-biden a uscn:Person ; rdfs:label "Joe Biden" .
  p:xi-jinping a uscn:Person ; rdfs:label "Xi Jinping" .
  c:USA a uscn:Country ; rdfs:label "United States" .
  c:CHN a uscn:Country ; rdfs:label "China" .
  pl:san-francisco a uscn:Place ; rdfs:label "San Francisco" .
  <https://w3id.org/uscn/id/article/a4/span/10-80> a uscn:EvidenceSpan ; uscn:inArticle art:a4 ;
      uscn:startOffset 10 ; uscn:endOffset 80 ;
      uscn:anchorText "Biden and Xi wrapped up two days of talks near San Francisco on Thursday." .
  ev:e9b a uscn:Summit ; rdfs:label "2023-11-15 – Joe Biden meets Xi Jinping near San Francisco" ;
      uscn:participant p:joe-biden, p:xi-jinping, c:USA, c:CHN ; uscn:place pl:san-francisco ;
      uscn:startDate "2023-11-15"^^xsd:date ; uscn:endDate "2023-11-16"^^xsd:date ;
      uscn:datePrecision "day" ; uscn:dateBasis "context" ;
      uscn:source art:a4 ; uscn:evidence "Biden and Xi wrapped up two days of talks near San Francisco on Thursday." ;
      uscn:evidenceSpan <https://w3id.org/uscn/id/article/a4/span/10-80> ;
      uscn:goldstein 2.5 ; uscn:cameoCode "044" ; uscn:ploverCode "CONSULT" .
  ev:h9 a uscn:Happening ; rdfs:label "2023-11-15 – Joe Biden meets Xi Jinping near San Francisco" ;
      uscn:eventType uscn:Summit ; uscn:happeningKey "Summit|country/CHN,country/USA,person/joe-biden,person/xi-jinping" ;
      uscn:report ev:e9b ; uscn:source art:a4 ; uscn:place pl:san-francisco ;
      uscn:startDate "2023-11-15"^^xsd:date ; uscn:endDate "2023-11-16"^^xsd:date .
}
"""

ONTOLOGY_GRAPH = URIRef(ENT["graph/ontology"])


def build_dataset() -> Dataset:
    ds = Dataset()
    g = ds.graph(ONTOLOGY_GRAPH)
    g.parse(ONTOLOGY, format="turtle")
    g.parse(data=PREFIXES + CATALOG, format="turtle")
    ds.parse(data=PREFIXES + ARTICLES, format="trig")
    return ds


def union(ds: Dataset, without_ontology: bool = True) -> Graph:
    """The union of the graphs as one Graph (the ontology is passed to pyshacl as ont_graph)."""
    onto_terms = Graph().parse(ONTOLOGY, format="turtle")
    out = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        if without_ontology and (s, p, o) in onto_terms:
            continue
        out.add((s, p, o))
    return out


def shacl(data: Graph, shapes: Graph, onto: Graph):
    conforms, report, text = validate(data, shacl_graph=shapes, ont_graph=onto, inference="rdfs",
                                      abort_on_first=False, allow_warnings=False)
    results = [
        {"focus": report.value(r, SH.focusNode), "path": report.value(r, SH.resultPath),
         "message": str(report.value(r, SH.resultMessage))}
        for r in report.subjects(RDF.type, SH.ValidationResult)
    ]
    return conforms, results, text


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return build_dataset()


@pytest.fixture(scope="module")
def store(dataset) -> ox.Store:
    st = ox.Store()
    data = dataset.serialize(format="nquads")
    st.load(data.encode("utf-8") if isinstance(data, str) else data, format=ox.RdfFormat.N_QUADS)
    return st


# --------------------------------------------------------------------------- parsing

@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES], ids=lambda p: p.name)
def test_parses_with_rdflib(path):
    g = Graph().parse(path, format="turtle")
    assert len(g) > 100


@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES], ids=lambda p: p.name)
def test_parses_with_pyoxigraph(path):
    st = ox.Store()
    st.load(path=str(path), format=ox.RdfFormat.TURTLE)
    assert len(st) == len(Graph().parse(path, format="turtle"))


# --------------------------------------------------------------------------- ontology

def test_ontology_header(onto):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    for p in (DCTERMS.title, DCTERMS.description, OWL.versionInfo, DCTERMS.license, DCTERMS.creator):
        assert onto.value(ONTOLOGY_IRI, p) is not None, p
    assert onto.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef("https://creativecommons.org/publicdomain/zero/1.0/")
    assert str(onto.value(ONTOLOGY_IRI, DCTERMS.creator)) == "uscn developers"


@pytest.mark.parametrize("name", CONTRACT_CLASSES + MAPPING_CLASSES)
def test_class_declared(onto, name):
    term = USCN[name]
    assert (term, RDF.type, OWL.Class) in onto
    assert onto.value(term, RDFS.label) is not None
    assert len(str(onto.value(term, RDFS.comment) or "")) > 20


@pytest.mark.parametrize("name", CONTRACT_PROPERTIES + MAPPING_PROPERTIES)
def test_property_declared(onto, name):
    term = USCN[name]
    kinds = set(onto.objects(term, RDF.type))
    assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}, name
    assert onto.value(term, RDFS.label) is not None
    assert len(str(onto.value(term, RDFS.comment) or "")) > 20


def test_every_uscn_term_documented(onto):
    terms = {s for s in onto.subjects(RDF.type, None)
             if isinstance(s, URIRef) and str(s).startswith(str(USCN))}
    assert len(terms) > 60
    for t in terms:
        assert onto.value(t, RDFS.label) is not None, t
        assert onto.value(t, RDFS.comment) is not None, t
        assert onto.value(t, RDFS.isDefinedBy) == ONTOLOGY_IRI, t


def test_actor_and_target_are_participants(onto):
    for p in ("actor", "target"):
        assert (USCN[p], RDFS.subPropertyOf, USCN.participant) in onto


def test_country_and_place_are_disjoint_siblings(onto):
    ancestors = lambda c: set(onto.transitive_objects(c, RDFS.subClassOf))
    assert USCN.Place not in ancestors(USCN.Country)
    assert USCN.Country not in ancestors(USCN.Place)
    assert (USCN.Country, OWL.disjointWith, USCN.Place) in onto
    assert (USCN.Country, RDFS.subClassOf, SCHEMA.Country) in onto


@pytest.mark.parametrize("sub,sup", [
    (USCN.Event, SEM.Event), (USCN.Event, SCHEMA.Event), (USCN.Person, SCHEMA.Person),
    (USCN.Person, FOAF.Person), (USCN.Article, SCHEMA.Article), (USCN.Place, SCHEMA.Place),
    (USCN.Place, SEM.Place), (USCN.Organization, SCHEMA.Organization), (USCN.Dispute, SKOS.Concept),
])
def test_class_alignment(onto, sub, sup):
    assert sup in set(onto.transitive_objects(sub, RDFS.subClassOf))


@pytest.mark.parametrize("sub,sup", [
    (USCN.actor, SEM.hasActor), (USCN.place, SEM.hasPlace), (USCN.startDate, SCHEMA.startDate),
    (USCN.endDate, SCHEMA.endDate), (USCN.source, PROV.wasDerivedFrom), (USCN.startOffset, NIF.beginIndex),
    (USCN.endOffset, NIF.endIndex), (USCN.anchorText, NIF.anchorOf), (USCN.title, DCTERMS.title),
    (USCN.published, DCTERMS.issued), (USCN.concerns, DCTERMS.subject), (USCN.mentions, SCHEMA.mentions),
])
def test_property_alignment(onto, sub, sup):
    assert sup in set(onto.transitive_objects(sub, RDFS.subPropertyOf))


def test_no_property_is_a_label(onto):
    """Nothing may be a subproperty of rdfs:label/skos:altLabel: RDFS inference would add labels."""
    for p in (RDFS.label, SKOS.altLabel, SKOS.prefLabel):
        assert not list(onto.subjects(RDFS.subPropertyOf, p))


@pytest.mark.parametrize("name,parent", sorted(EVENT_SUBCLASSES.items()))
def test_event_subclass_hierarchy(onto, name, parent):
    cls = USCN[name]
    assert (cls, RDFS.subClassOf, USCN[parent]) in onto
    assert USCN.Event in set(onto.transitive_objects(cls, RDFS.subClassOf))


def event_subclasses(onto):
    return sorted({c for c in onto.transitive_subjects(RDFS.subClassOf, USCN.Event) if c != USCN.Event})


def test_every_event_subclass_is_coded(onto):
    classes = event_subclasses(onto)
    assert {str(c).split("#")[1] for c in classes} >= set(EVENT_SUBCLASSES)
    for cls in classes:
        codes = list(onto.objects(cls, USCN.cameoCode))
        plover = list(onto.objects(cls, USCN.ploverCode))
        gold = list(onto.objects(cls, USCN.goldstein))
        assert len(codes) == len(plover) == len(gold) == 1, cls
        code, g = str(codes[0]), gold[0]
        assert re.fullmatch(r"[0-9]{2,4}", code), (cls, code)
        assert str(plover[0]) in PLOVER, (cls, plover[0])
        assert g.datatype == XSD.decimal, (cls, g)
        assert Decimal(-10) <= g.toPython() <= Decimal(10), (cls, g)
        assert code in GOLDSTEIN and float(g) == GOLDSTEIN[code], (cls, code, g)


@pytest.mark.parametrize("name,code", sorted(EXPECTED_CODES.items()))
def test_standard_cameo_codes(onto, name, code):
    assert str(onto.value(USCN[name], USCN.cameoCode)) == code


def test_every_uscn_term_used_in_the_ontology_folder_is_declared(onto):
    """Catalog and lexicon files may only use uscn: terms that uscn.ttl declares."""
    declared = {s for s in onto.subjects(RDF.type, None) if str(s).startswith(str(USCN))}
    for f in sorted((ROOT / "ontology").rglob("*.ttl")):
        try:
            g = Graph().parse(f, format="turtle")
        except Exception:          # a broken catalog file is its own test's business
            continue
        used = {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(str(USCN))}
        assert not used - declared, f"{f.relative_to(ROOT)} uses undeclared terms {sorted(used - declared)}"


def test_scorer_sees_subclasses_as_their_contract_class(onto):
    """The scorer follows rdfs:subClassOf through ontology/**/*.ttl: check what it would see."""
    g = Graph()
    for f in sorted((ROOT / "ontology").rglob("*.ttl")):
        try:                      # like the scorer: a file that does not parse is skipped
            g.parse(f, format="turtle")
        except Exception:
            if f in (ONTOLOGY, SHAPES):
                raise
    ancestors = lambda c: set(g.transitive_objects(c, RDFS.subClassOf))
    assert USCN.Meeting in ancestors(USCN.Summit)
    assert USCN.Sanction in ancestors(USCN.ExportControl)
    assert USCN.Agreement in ancestors(USCN.JointStatement)
    assert USCN.Statement in ancestors(USCN.Denial)
    for entity in ("Person", "Country", "Organization", "Place", "Dispute"):
        others = {"Person", "Country", "Organization", "Place", "Dispute", "Event"} - {entity}
        assert not {USCN[o] for o in others} & ancestors(USCN[entity])


# --------------------------------------------------------------------------- SHACL

def test_event_type_shape_lists_every_direct_event_subclass(shapes, onto):
    from rdflib.collection import Collection
    shape = URIRef("https://w3id.org/uscn/shapes#EventTypeShape")
    listed = {shapes.value(member, SH["class"]) for member in Collection(shapes, shapes.value(shape, SH["or"]))}
    assert listed == set(onto.subjects(RDFS.subClassOf, USCN.Event))


def test_valid_instance_conforms(dataset, shapes, onto):
    conforms, results, text = shacl(union(dataset), shapes, onto)
    assert conforms, text


def test_single_article_graph_conforms(dataset, shapes, onto):
    """One article's graph together with the catalog, as `uscn validate` of one article would see it."""
    g = Graph()
    for graph in (ONTOLOGY_GRAPH, ENT["article/a1"]):
        for t in dataset.graph(graph):
            g.add(t)
    conforms, results, text = shacl(g, shapes, onto)
    assert conforms, text


def test_broken_instance_fails(dataset, shapes, onto):
    g = union(dataset)
    g.remove((ENT["event/e2"], USCN.source, None))                        # event without source
    g.set((ENT["event/e3"], USCN.endDate, Literal("2023-06-18", datatype=XSD.date)))  # end < start
    g.add((ENT["event/e6"], RDFS.label, Literal("Export controls again")))  # two labels
    conforms, results, text = shacl(g, shapes, onto)
    assert not conforms
    assert len(results) == 3, text
    found = {(r["focus"], r["path"]) for r in results}
    assert found == {(ENT["event/e2"], USCN.source), (ENT["event/e3"], USCN.startDate),
                     (ENT["event/e6"], RDFS.label)}
    messages = " ".join(r["message"] for r in results)
    assert "source" in messages and "before" in messages and "exactly one rdfs:label" in messages


E = ENT


@pytest.mark.parametrize("change,focus,path", [
    (lambda g: g.set((E["event/e1"], USCN.goldstein, Literal(Decimal("12.5")))), E["event/e1"], USCN.goldstein),
    (lambda g: g.set((E["event/e1"], USCN.datePrecision, Literal("fortnight"))), E["event/e1"], USCN.datePrecision),
    (lambda g: g.add((E["event/e1"], USCN.startDate, Literal("2023-06-17", datatype=XSD.date))), E["event/e1"], USCN.startDate),
    (lambda g: g.set((E["event/e3"], USCN.startDate, Literal("June 19"))), E["event/e3"], USCN.startDate),
    (lambda g: g.remove((E["event/e10"], USCN.evidence, None)), E["event/e10"], USCN.evidence),
    (lambda g: g.remove((E["event/e10"], USCN.actor, None)), E["event/e10"], None),
    (lambda g: g.set((E["event/e1"], USCN.place, E["person/wang-yi"])), E["event/e1"], USCN.place),
    (lambda g: g.set((E["event/e1"], USCN.cameoCode, Literal("42a"))), E["event/e1"], USCN.cameoCode),
    (lambda g: g.add((E["country/CHN"], RDF.type, USCN.Place)), E["country/CHN"], None),
    (lambda g: g.set((E["event/e1"], RDF.type, USCN.Event)), E["event/e1"], None),
    (lambda g: g.set((E["place/beijing"], URIRef("http://www.w3.org/2003/01/geo/wgs84_pos#lat"), Literal(Decimal("139.9")))),
     E["place/beijing"], URIRef("http://www.w3.org/2003/01/geo/wgs84_pos#lat")),
    (lambda g: g.add((E["person/wang-yi"], OWL.sameAs, Literal("Q123"))), E["person/wang-yi"], OWL.sameAs),
    (lambda g: g.remove((E["article/a2"], DCTERMS.identifier, None)), E["article/a2"], DCTERMS.identifier),
    (lambda g: g.set((E["article/a1"], USCN.published, Literal("2023-06-14"))), E["article/a1"], USCN.published),
    (lambda g: g.set((URIRef(E["article/a1/mention/12-26"]), USCN.endOffset, Literal(12))),
     URIRef(E["article/a1/mention/12-26"]), USCN.startOffset),
    (lambda g: g.set((URIRef(E["article/a1/mention/12-26"]), USCN.startOffset, Literal(-1))),
     URIRef(E["article/a1/mention/12-26"]), USCN.startOffset),
    (lambda g: g.remove((URIRef(E["article/a1/span/0-99"]), USCN.anchorText, None)),
     URIRef(E["article/a1/span/0-99"]), USCN.anchorText),
    # RDFS inference types the wrong object from uscn:inArticle's range: the person becomes an
    # Article too, which the disjointness and Article shapes report.
    (lambda g: g.set((URIRef(E["article/a1/span/100-160"]), USCN.inArticle, E["person/wang-yi"])),
     E["person/wang-yi"], None),
    # a mention written with no type (the new layout) is still checked: reached by uscn:refersTo
    (lambda g: g.remove((URIRef(E["article/a1/mention/12-26"]), USCN.anchorText, None)),
     URIRef(E["article/a1/mention/12-26"]), USCN.anchorText),
    (lambda g: g.set((URIRef(E["article/a1/mention/12-26"]), USCN.refersTo, E["event/e1"])),
     URIRef(E["article/a1/mention/12-26"]), USCN.refersTo),
    (lambda g: g.remove((URIRef(E["article/a1/span/0-99"]), USCN.inArticle, None)),
     URIRef(E["article/a1/span/0-99"]), USCN.inArticle),
    (lambda g: g.remove((E["event/h9"], USCN.eventType, None)), E["event/h9"], USCN.eventType),
    (lambda g: g.add((E["event/h9"], RDF.type, USCN.Summit)), E["event/h9"], None),
], ids=["goldstein-range", "precision", "two-starts", "date-not-xsd", "no-evidence", "no-participant",
        "place-person", "cameo-pattern", "country-is-place", "plain-event", "latitude", "sameas-literal",
        "no-identifier", "published-string", "empty-span", "negative-offset", "no-anchor", "inarticle-person",
        "untyped-mention-no-anchor", "untyped-mention-refers-to-event", "span-no-article",
        "happening-no-type", "happening-is-event"])
def test_single_defects_are_reported(dataset, shapes, onto, change, focus, path):
    g = union(dataset)
    change(g)
    conforms, results, text = shacl(g, shapes, onto)
    assert not conforms
    assert any(r["focus"] == focus and (path is None or r["path"] == path) for r in results), text
    assert all(r["focus"] == focus for r in results), text      # no collateral reports


# --------------------------------------------------------------------------- queries

def header(path: Path) -> dict:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    info = {"params": []}
    for line in lines:
        m = re.match(r"#\s*(title|description|param|example):\s*(.*)", line)
        if not m:
            continue
        key, value = m.groups()
        if key == "param":
            info["params"].append(re.match(r"(\w+)\s+—\s+\S", value).group(1))
        else:
            info[key] = value
    return info


def run(store: ox.Store, query_name: str, /, **params) -> list[dict]:
    text = (QUERY_DIR / f"{query_name}.rq").read_text(encoding="utf-8")
    subs = {ox.Variable(k): (ox.NamedNode(v) if v.startswith("https://") else ox.Literal(v))
            for k, v in params.items()}   # the CLI binds IRIs as IRIs, anything else as a string
    res = store.query(text, use_default_graph_as_union=True, substitutions=subs)
    rows = []
    for sol in res:
        row = {}
        for var in res.variables:
            term = sol[var]
            row[var.value] = None if term is None else term.value
        rows.append(row)
    return rows


@pytest.fixture(scope="module")
def doubled_store(store) -> ox.Store:
    """The same data with every article graph held twice more under other graph names: the union
    default graph then repeats each triple, which the queries must not count twice."""
    st = ox.Store()
    quads = list(store)
    st.extend(quads)
    for q in quads:
        if isinstance(q.graph_name, ox.NamedNode) and "/article/" in q.graph_name.value:
            for copy in ("copy1", "copy2"):
                st.add(ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(f"{q.graph_name.value}-{copy}")))
    return st


BOUND_PARAMS = {"actorName": "Antony Blinken", "personName": "Xi Jinping", "name": "China",
                "nameA": "United States", "nameB": "China", "dispute": "Taiwan", "text": "a",
                "article": "a2", "label": "2023", "speaker": "China", "about": "United States",
                "fromDate": "2022-01-01", "toDate": "2024-12-31", "office": "Secretary of State",
                "date": "2023-06-18"}


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_ignores_triples_repeated_across_graphs(path, store, doubled_store):
    params = {p: BOUND_PARAMS[p] for p in header(path)["params"]}
    for args in ({}, params):
        once, thrice = run(store, path.stem, **args), run(doubled_store, path.stem, **args)
        assert sorted(map(normal, once)) == sorted(map(normal, thrice)), (path.stem, args)


def normal(row: dict) -> list:
    """A row with its GROUP_CONCAT lists sorted (their order is not defined)."""
    return sorted((k, " | ".join(sorted(re.split(r", | \| ", v or "")))) for k, v in row.items())


def test_the_required_queries_exist():
    names = {q.stem for q in QUERIES}
    assert names >= {"timeline", "events-by-month", "who-met-whom", "co-participants",
                     "disputes-by-frequency", "articles-mentioning", "events-about", "relation-balance",
                     "entity-search", "article-events", "sources-of-event", "claims"}


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_header(path):
    info = header(path)
    assert info.get("title") and info.get("description"), path
    assert info["params"], "every query documents at least one parameter"
    assert info.get("example", "").startswith(f"uscn query {path.stem}"), info.get("example")
    for param in re.findall(r"--param (\w+)", info["example"]):
        assert param in info["params"]
    text = path.read_text(encoding="utf-8")
    for prefix in re.findall(r"\b([a-z]+):[A-Za-z]", re.sub(r"(?m)^#.*$|<[^>]*>|\"[^\"]*\"", "", text)):
        assert re.search(rf"(?m)^PREFIX\s+{prefix}:", text), f"{path.name}: prefix {prefix} not declared"


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_parses_and_runs_unbound(path, store):
    ox.Store().query(path.read_text(encoding="utf-8"))   # parses (empty store)
    rows = run(store, path.stem)
    assert rows, f"{path.stem} returns nothing on the test graph with no parameter bound"


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_runs_with_every_parameter_bound(path, store):
    params = {p: BOUND_PARAMS[p] for p in header(path)["params"]}
    rows = run(store, path.stem, **params)
    assert rows, f"{path.stem} returns nothing with {params}"


def test_entity_iris_work_as_parameters(store):
    by_name = run(store, "timeline", actorName="Antony Blinken")
    assert [r["event"] for r in run(store, "timeline", actorName=str(ENT["person/antony-blinken"]))] == \
        [r["event"] for r in by_name]
    rows = run(store, "relation-balance", nameA=str(ENT["country/USA"]), nameB=str(ENT["country/CHN"]))
    assert sum(int(r["events"]) for r in rows) == 9
    assert len(run(store, "events-about", dispute=str(ENT["dispute/taiwan"]))) == 3
    assert len(run(store, "claims", speaker=str(ENT["country/CHN"]))) == 2


def test_timeline(store):
    rows = run(store, "timeline", actorName="Antony Blinken")
    assert [r["type"] for r in rows] == ["Cancellation", "Meeting", "Visit", "Meeting"]
    assert [r["date"] for r in rows] == ["2023-02-03", "2023-06-18", "2023-06-18", "2023-06-19"]
    visit = rows[2]
    assert visit["label"] == "2023-06-18 – Antony Blinken visits Beijing"
    assert visit["endDate"] == "2023-06-19"
    assert visit["others"] == "China" and visit["place"] == "Beijing"
    assert set(visit["articles"].split(", ")) == {"a1", "a2"}
    assert len(visit["evidence"].split(" | ")) == 2
    assert rows[1]["others"] == "Wang Yi"
    # altLabel, any case
    assert [r["event"] for r in run(store, "timeline", actorName="bLINKEN")] == [r["event"] for r in rows]
    assert len(run(store, "timeline", actorName="Antony Blinken", fromDate="2023-06-01")) == 3
    assert len(run(store, "timeline", actorName="Antony Blinken", toDate="2023-06-18")) == 3
    assert run(store, "timeline", actorName="Nobody") == []
    everything = run(store, "timeline")
    assert len(everything) == 10        # the summit's two reports are one row
    summit = next(r for r in everything if r["type"] == "Summit")
    assert summit["event"] == str(ENT["event/h9"]) and set(summit["articles"].split(", ")) == {"a3", "a4"}
    assert (summit["date"], summit["endDate"]) == ("2023-11-15", "2023-11-16")
    assert summit["label"] == "2023-11-15 – Joe Biden meets Xi Jinping near San Francisco"
    assert len(summit["evidence"].split(" | ")) == 2
    assert everything[-1]["date"] is None and everything[-1]["type"] == "Statement"
    assert [r["date"] for r in everything[:-1]] == sorted(r["date"] for r in everything[:-1])


def test_events_by_month(store):
    rows = {(r["month"], r["type"]): int(r["events"]) for r in run(store, "events-by-month")}
    assert rows == {("2022-07", "PhoneCall"): 1, ("2022-10", "ExportControl"): 1,
                    ("2023-02", "Cancellation"): 1, ("2023-02", "Denial"): 1,
                    ("2023-06", "Accusation"): 1, ("2023-06", "Meeting"): 2, ("2023-06", "Visit"): 1,
                    ("2023-11", "Summit"): 1}
    rows = {(r["month"], r["type"]): int(r["events"]) for r in run(store, "events-by-month", actorName="Xi")}
    assert rows == {("2022-07", "PhoneCall"): 1, ("2023-06", "Meeting"): 1, ("2023-11", "Summit"): 1}


def pairs(rows):
    return {frozenset((r["aLabel"], r["bLabel"])): (int(r["events"]), r["first"], r["last"]) for r in rows}


def test_who_met_whom(store):
    rows = run(store, "who-met-whom")
    assert pairs(rows) == {
        frozenset(("Joe Biden", "Xi Jinping")): (2, "2022-07-28", "2023-11-15"),
        frozenset(("Antony Blinken", "China")): (1, "2023-06-18", "2023-06-18"),
        frozenset(("Antony Blinken", "Wang Yi")): (1, "2023-06-18", "2023-06-18"),
        frozenset(("Antony Blinken", "Xi Jinping")): (1, "2023-06-19", "2023-06-19"),
        frozenset(("Joe Biden", "China")): (1, "2023-11-15", "2023-11-15"),
        frozenset(("Xi Jinping", "United States")): (1, "2023-11-15", "2023-11-15"),
        frozenset(("China", "United States")): (1, "2023-11-15", "2023-11-15"),
    }   # Biden–United States and Xi–China are left out: a person with their own country
    assert frozenset(pairs(rows[:1])) == {frozenset(("Joe Biden", "Xi Jinping"))}
    assert set(rows[0]["types"].split(", ")) == {"PhoneCall", "Summit"}
    assert set(pairs(run(store, "who-met-whom", name="xi jinping"))) == {
        frozenset(("Joe Biden", "Xi Jinping")), frozenset(("Antony Blinken", "Xi Jinping")),
        frozenset(("Xi Jinping", "United States"))}


def test_co_participants(store):
    rows = run(store, "co-participants", personName="Antony Blinken")
    assert {r["otherLabel"]: int(r["sharedEvents"]) for r in rows} == {"Wang Yi": 1, "Xi Jinping": 1}
    assert {r["personLabel"] for r in rows} == {"Antony Blinken"}
    rows = run(store, "co-participants", personName="Xi")
    assert [(r["otherLabel"], int(r["sharedEvents"])) for r in rows] == [("Joe Biden", 2), ("Antony Blinken", 1)]
    assert rows[0]["first"] == "2022-07-28" and rows[0]["last"] == "2023-11-15"
    everyone = run(store, "co-participants")
    assert len(everyone) == 6   # 3 pairs of people, both ways


def test_disputes_by_frequency(store):
    rows = run(store, "disputes-by-frequency")
    assert [(r["label"], int(r["articles"]), int(r["events"])) for r in rows] == [
        ("Taiwan", 3, 3), ("spy balloon", 1, 2), ("export controls", 1, 1)]
    rows = run(store, "disputes-by-frequency", fromDate="2023-01-01")
    assert [(r["label"], int(r["articles"]), int(r["events"])) for r in rows] == [
        ("Taiwan", 3, 2), ("spy balloon", 1, 2), ("export controls", 1, 0)]


def test_articles_mentioning(store):
    rows = run(store, "articles-mentioning", name="wang yi")
    assert [(r["id"], int(r["mentions"])) for r in rows] == [("a1", 1), ("a2", 0)]
    assert rows[0]["title"] == "US confirms Blinken trip to China" and rows[0]["published"] == "2023-06-14"
    assert rows[0]["url"] == "https://example.org/a1"
    assert {r["id"] for r in run(store, "articles-mentioning", name="Taiwan")} == {"a1", "a2", "a3"}


def test_events_about(store):
    rows = run(store, "events-about", dispute="taiwan")
    assert [r["event"].rsplit("/", 1)[1] for r in rows] == ["e7", "e1", "e4"]
    assert {r["disputeLabel"] for r in rows} == {"Taiwan"}
    assert int(rows[1]["articles"]) == 2
    assert set(rows[0]["participants"].split(", ")) == {"Joe Biden", "Xi Jinping"}
    assert len(run(store, "events-about")) == 6


def test_relation_balance(store):
    rows = run(store, "relation-balance", nameA="United States", nameB="China")
    got = {r["month"]: (int(r["events"]), float(r["meanGoldstein"]), int(r["cooperative"]), int(r["conflictual"]))
           for r in rows}
    assert got == {"2022-07": (1, 1.0, 1, 0), "2022-10": (1, -8.0, 0, 1), "2023-02": (2, -3.0, 0, 2),
                   "2023-06": (4, 0.48, 3, 1), "2023-11": (1, 2.5, 1, 0)}
    assert [r["month"] for r in rows] == sorted(got)
    rows = run(store, "relation-balance", nameA="Antony Blinken", nameB="China")
    assert {r["month"]: int(r["events"]) for r in rows} == {"2023-02": 1, "2023-06": 3}


def test_entity_search(store):
    rows = run(store, "entity-search", text="wang")
    assert [(r["label"], r["class"]) for r in rows] == [("Wang Yi", "Person")]
    assert (int(rows[0]["articles"]), int(rows[0]["mentions"]), int(rows[0]["events"])) == (2, 1, 2)
    assert [r["label"] for r in run(store, "entity-search", text="DOS")] == ["State Department"]
    assert run(store, "entity-search", text="dos") == []       # short names are case-sensitive
    rows = run(store, "entity-search", text="china")
    assert [(r["label"], r["class"], int(r["articles"])) for r in rows] == [("China", "Country", 4)]
    rows = run(store, "entity-search", text="Xi Jinping")
    assert int(rows[0]["events"]) == 3   # e3, e7 and the summit happening (two reports, one event)


def test_article_events(store):
    rows = run(store, "article-events", article="a2")
    assert {r["event"].rsplit("/", 1)[1] for r in rows} == {"e1", "e3", "e4", "e10"}
    visit = next(r for r in rows if r["type"] == "Visit")
    assert visit["evidence"] == "Blinken arrived in Beijing on Sunday for a two-day visit."
    assert rows[0]["event"].endswith("/e1")   # the only one with a span offset (0) comes first
    by_iri = run(store, "article-events", article=str(ENT["article/a2"]))
    assert {r["event"] for r in by_iri} == {r["event"] for r in rows}


def test_happening_reports_are_one_event(store):
    rows = run(store, "sources-of-event", label="near San Francisco")
    assert [(r["id"], r["event"]) for r in rows] == [("a3", str(ENT["event/h9"])), ("a4", str(ENT["event/h9"]))]
    assert rows[1]["evidence"].startswith("Biden and Xi wrapped up")
    rows = run(store, "article-events", article="a4")
    assert [(r["event"], r["report"], r["date"], r["endDate"]) for r in rows] == [
        (str(ENT["event/h9"]), str(ENT["event/e9b"]), "2023-11-15", "2023-11-16")]
    rows = run(store, "co-participants", personName="Joe Biden")
    assert [(r["otherLabel"], int(r["sharedEvents"])) for r in rows] == [("Xi Jinping", 2)]
    months = {r["month"]: int(r["events"]) for r in run(store, "relation-balance", nameA="United States", nameB="China")}
    assert months["2023-11"] == 1


def test_sources_of_event(store):
    rows = run(store, "sources-of-event", label="blinken visits")
    assert [(r["id"], r["evidence"]) for r in rows] == [
        ("a1", "WASHINGTON: Secretary of State Antony Blinken will visit Beijing on June 18 and 19."),
        ("a2", "Blinken arrived in Beijing on Sunday for a two-day visit.")]
    assert rows[0]["type"] == "Visit"


def test_claims(store):
    rows = run(store, "claims", speaker="China", about="United States")
    assert [(r["type"], r["date"]) for r in rows] == [("Denial", "2023-02-03"), ("Accusation", "2023-06-18")]
    assert rows[1]["claimText"] == "the United States is interfering in China's internal affairs"
    assert rows[1]["speakers"] == "China" and rows[1]["targets"] == "United States"
    assert run(store, "claims", speaker="United States") == []


def test_office_holders(store):
    rows = run(store, "office-holders", office="Secretary of State", date="2023-06-18")
    assert [(r["personLabel"], r["country"]) for r in rows] == [("Antony Blinken", "United States")]
    assert run(store, "office-holders", office="Secretary of State", date="2025-06-01") == []
    assert len(run(store, "office-holders")) == 2
