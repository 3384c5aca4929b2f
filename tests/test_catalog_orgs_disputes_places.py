"""Checks on the hand-written catalogs of organizations, disputes and places.

Each file must parse; each entity must have exactly one label and its class; names must not
be shared between two entities of a file (they are matched case-insensitively, so a shared
name would make a mention ambiguous); slugs must follow the identifier rule; every parent
(uscn:partOf, skos:broader) must be declared; places need coordinates; disputes need signals.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, SKOS

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "ontology" / "catalog"

USCN = Namespace("https://w3id.org/uscn/ontology#")
ENT = "https://w3id.org/uscn/id/"
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
SCHEME = URIRef(ENT + "dispute/scheme")
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# file, kind (the IRI segment after ent:), classes every entity must have
FILES = {
    "organizations": ("organizations.ttl", "org", (USCN.Organization,)),
    "disputes": ("disputes.ttl", "dispute", (USCN.Dispute, SKOS.Concept)),
    "places": ("places.ttl", "place", (USCN.Place,)),
}

# Slugs that other files reference: they must exist exactly as written.
REQUIRED_ORGS = """
us-white-house us-department-of-state us-department-of-the-treasury us-department-of-commerce
us-department-of-defense us-trade-representative us-national-security-council us-congress
us-house-of-representatives cn-ministry-of-foreign-affairs cn-ministry-of-commerce
cn-ministry-of-national-defense cn-ministry-of-public-security cn-state-council
cn-chinese-communist-party cn-central-foreign-affairs-commission-office cn-taiwan-affairs-office
cn-central-military-commission tw-presidential-office
""".split()

REQUIRED_PLACES = """
south-china-sea east-china-sea yellow-sea taiwan-strait indo-pacific asia-pacific korean-peninsula
spratly-islands paracel-islands scarborough-shoal second-thomas-shoal senkaku-islands xinjiang tibet
inner-mongolia hong-kong macau guam hawaii strait-of-malacca pacific-ocean middle-east europe asia
africa latin-america camp-david mar-a-lago woodside bali davos cornwall washington silicon-valley
""".split()

# Words too general to signal an issue on their own.
TOO_GENERAL = {"security", "energy", "china", "chinese", "us", "united states", "chip", "climate",
               "moon", "journalist", "journalists", "military", "talks", "deal", "war"}


def _load(name: str) -> Graph:
    graph = Graph()
    graph.parse(CATALOG / FILES[name][0], format="turtle")
    return graph


@pytest.fixture(scope="module", params=sorted(FILES))
def catalog(request):
    name = request.param
    return name, _load(name)


@pytest.fixture(scope="module")
def orgs() -> Graph:
    return _load("organizations")


@pytest.fixture(scope="module")
def disputes() -> Graph:
    return _load("disputes")


@pytest.fixture(scope="module")
def places() -> Graph:
    return _load("places")


def _entities(name: str, graph: Graph) -> set[URIRef]:
    """Every subject in the file's kind namespace, except the concept scheme."""
    prefix = ENT + FILES[name][1] + "/"
    return {s for s in set(graph.subjects())
            if isinstance(s, URIRef) and str(s).startswith(prefix) and s != SCHEME}


def _slug(name: str, iri: URIRef) -> str:
    return str(iri)[len(ENT + FILES[name][1] + "/"):]


def _names(graph: Graph, entity: URIRef) -> set[str]:
    values = list(graph.objects(entity, RDFS.label)) + list(graph.objects(entity, SKOS.altLabel))
    if (entity, RDF.type, SKOS.Concept) in graph:
        values += list(graph.objects(entity, SKOS.prefLabel))
    return {str(v).casefold() for v in values}


# ---------------------------------------------------------------------------------- all files

def test_file_parses_and_is_not_empty(catalog):
    name, graph = catalog
    assert len(_entities(name, graph)) > 0, f"{name}: no entities"


def test_each_entity_has_one_label_and_its_class(catalog):
    name, graph = catalog
    classes = FILES[name][2]
    problems = []
    for entity in sorted(_entities(name, graph)):
        labels = list(graph.objects(entity, RDFS.label))
        if len(labels) != 1:
            problems.append(f"{entity}: {len(labels)} rdfs:label")
        elif not str(labels[0]).strip() or str(labels[0]) != str(labels[0]).strip():
            problems.append(f"{entity}: blank or padded label {labels[0]!r}")
        for cls in classes:
            if (entity, RDF.type, cls) not in graph:
                problems.append(f"{entity}: not a {cls}")
    assert not problems, "\n".join(problems)


def test_typed_entities_live_in_the_kind_namespace(catalog):
    name, graph = catalog
    prefix = ENT + FILES[name][1] + "/"
    outside = [s for s in graph.subjects(RDF.type, FILES[name][2][0]) if not str(s).startswith(prefix)]
    assert not outside, outside


def test_slugs_are_lower_case_ascii_with_hyphens(catalog):
    name, graph = catalog
    bad = [str(e) for e in _entities(name, graph) if not SLUG.match(_slug(name, e))]
    assert not bad, bad


def test_no_name_is_shared_between_two_entities(catalog):
    name, graph = catalog
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for entity in _entities(name, graph):
        for text in _names(graph, entity):
            owners[text].add(entity)
    shared = {text: sorted(map(str, ents)) for text, ents in owners.items() if len(ents) > 1}
    assert not shared, shared


def test_no_name_starts_with_the(catalog):
    name, graph = catalog
    bad = [(str(e), str(v)) for e in _entities(name, graph)
           for v in graph.objects(e, SKOS.altLabel) if str(v).lower().startswith("the ")]
    assert not bad, bad


def test_parents_are_declared_and_acyclic(catalog):
    name, graph = catalog
    declared = _entities(name, graph)
    parents: dict[URIRef, set[URIRef]] = defaultdict(set)
    missing = []
    for prop in (USCN.partOf, SKOS.broader):
        for child, parent in graph.subject_objects(prop):
            parents[child].add(parent)
            if parent not in declared:
                missing.append(f"{child} {prop} {parent}")
    assert not missing, "\n".join(missing)
    for start in parents:
        seen, todo = set(), list(parents[start])
        while todo:
            node = todo.pop()
            assert node != start, f"cycle through {start}"
            if node not in seen:
                seen.add(node)
                todo.extend(parents.get(node, ()))


def test_countries_are_iso_alpha3(catalog):
    name, graph = catalog
    bad = []
    for entity, country in graph.subject_objects(USCN.country):
        code = str(country)[len(ENT + "country/"):]
        if not str(country).startswith(ENT + "country/") or pycountry.countries.get(alpha_3=code) is None:
            bad.append(f"{entity} -> {country}")
    assert not bad, bad


def test_same_as_only_points_to_wikidata(catalog):
    _, graph = catalog
    bad = [(s, o) for s, o in graph.subject_objects(OWL.sameAs)
           if not re.match(r"^http://www\.wikidata\.org/entity/Q\d+$", str(o))]
    assert not bad, bad


# ---------------------------------------------------------------------------------- organizations

def test_required_org_slugs_exist(orgs):
    declared = {_slug("organizations", e) for e in _entities("organizations", orgs)}
    missing = sorted(set(REQUIRED_ORGS) - declared)
    assert not missing, missing


def test_short_names_are_unique_and_have_no_spaces(orgs):
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for entity, short in orgs.subject_objects(USCN.shortName):
        assert " " not in str(short), (entity, short)
        owners[str(short)].add(entity)
    shared = {s: sorted(map(str, e)) for s, e in owners.items() if len(e) > 1}
    assert not shared, shared


def test_partof_and_broader_agree(orgs):
    for entity in _entities("organizations", orgs):
        assert set(orgs.objects(entity, USCN.partOf)) == set(orgs.objects(entity, SKOS.broader)), entity


def test_some_known_parents_and_forms(orgs):
    org = lambda slug: URIRef(ENT + "org/" + slug)  # noqa: E731
    assert (org("us-bureau-of-industry-and-security"), USCN.partOf, org("us-department-of-commerce")) in orgs
    assert (org("us-customs-and-border-protection"), USCN.partOf,
            org("us-department-of-homeland-security")) in orgs
    assert (org("cn-politburo"), USCN.partOf, org("cn-chinese-communist-party")) in orgs
    assert Literal("Pentagon") in set(orgs.objects(org("us-department-of-defense"), SKOS.altLabel))
    assert {Literal("CCP"), Literal("CPC")} <= set(orgs.objects(org("cn-chinese-communist-party"),
                                                                USCN.shortName))
    assert (org("us-national-security-agency"), USCN.shortName, Literal("NSA")) in orgs
    # international bodies have no country
    assert not list(orgs.objects(org("united-nations"), USCN.country))


# ---------------------------------------------------------------------------------- disputes

def test_scheme_is_declared(disputes):
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in disputes


def test_disputes_are_in_scheme_with_signals(disputes):
    problems = []
    for entity in sorted(_entities("disputes", disputes)):
        if (entity, SKOS.inScheme, SCHEME) not in disputes:
            problems.append(f"{entity}: not in scheme")
        prefs = list(disputes.objects(entity, SKOS.prefLabel))
        labels = list(disputes.objects(entity, RDFS.label))
        if len(prefs) != 1 or [str(p) for p in prefs] != [str(x) for x in labels]:
            problems.append(f"{entity}: prefLabel {prefs} differs from rdfs:label {labels}")
        if len(list(disputes.objects(entity, SKOS.definition))) != 1:
            problems.append(f"{entity}: needs exactly one skos:definition")
        signals = [str(s) for s in disputes.objects(entity, USCN.signal)]
        if len(signals) < 2:
            problems.append(f"{entity}: {len(signals)} signals")
        for s in signals:
            if not s.strip() or s != s.strip():
                problems.append(f"{entity}: blank or padded signal {s!r}")
            if s.casefold() in TOO_GENERAL:
                problems.append(f"{entity}: signal {s!r} is too general")
    assert not problems, "\n".join(problems)


def test_each_signal_belongs_to_one_dispute(disputes):
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for entity, signal in disputes.subject_objects(USCN.signal):
        owners[str(signal).casefold()].add(entity)
    shared = {s: sorted(map(str, e)) for s, e in owners.items() if len(e) > 1}
    assert not shared, shared


def test_top_concepts_are_those_without_broader(disputes):
    for entity in _entities("disputes", disputes):
        has_broader = any(True for _ in disputes.objects(entity, SKOS.broader))
        is_top = (entity, SKOS.topConceptOf, SCHEME) in disputes
        listed = (SCHEME, SKOS.hasTopConcept, entity) in disputes
        assert is_top == listed == (not has_broader), entity


def test_dispute_count_and_examples(disputes):
    entities = _entities("disputes", disputes)
    assert 30 <= len(entities) <= 45, len(entities)
    d = lambda slug: URIRef(ENT + "dispute/" + slug)  # noqa: E731
    assert (d("xinjiang"), SKOS.broader, d("human-rights")) in disputes
    assert (d("export-controls"), SKOS.broader, d("technology")) in disputes
    assert Literal("taiwan strait") in set(disputes.objects(d("taiwan"), USCN.signal))
    assert Literal("fentanyl") in set(disputes.objects(d("fentanyl"), USCN.signal))


# ---------------------------------------------------------------------------------- places

def test_places_have_coordinates_in_range(places):
    problems = []
    for entity in sorted(_entities("places", places)):
        lats = list(places.objects(entity, GEO.lat))
        longs = list(places.objects(entity, GEO.long))
        if len(lats) != 1 or len(longs) != 1:
            problems.append(f"{entity}: {len(lats)} geo:lat, {len(longs)} geo:long")
            continue
        lat, long = lats[0], longs[0]
        if lat.datatype != XSD_DECIMAL or long.datatype != XSD_DECIMAL:
            problems.append(f"{entity}: coordinates not xsd:decimal")
        if not -90 <= float(lat) <= 90 or not -180 <= float(long) <= 180:
            problems.append(f"{entity}: ({lat}, {long}) out of range")
    assert not problems, "\n".join(problems)


def test_required_places_exist(places):
    declared = {_slug("places", e) for e in _entities("places", places)}
    missing = sorted(set(REQUIRED_PLACES) - declared)
    assert not missing, missing


def test_some_place_facts(places):
    p = lambda slug: URIRef(ENT + "place/" + slug)  # noqa: E731
    country = lambda code: URIRef(ENT + "country/" + code)  # noqa: E731
    assert not list(places.objects(p("taiwan-strait"), USCN.country))
    assert (p("washington"), USCN.country, country("USA")) in places
    assert {"washington, d.c.", "washington dc", "washington, dc"} <= _names(places, p("washington"))
    assert "xinjiang uyghur autonomous region" in _names(places, p("xinjiang"))
    assert "macao" in _names(places, p("macau"))
