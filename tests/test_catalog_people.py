"""Checks on ontology/catalog/people.ttl, the catalog of people and their offices.

The catalog is data the extractor trusts: a name maps to one person, a title before a
name maps to an office, and a tenure says when that person held it.  These tests parse
the Turtle with rdflib and check the properties that matching and dating rely on.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

CATALOG = Path(__file__).resolve().parents[1] / "ontology" / "catalog" / "people.ttl"

USCN = Namespace("https://w3id.org/uscn/ontology#")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
ENT = "https://w3id.org/uscn/id/"
PERSON, OFFICE, COUNTRY, ORG = (ENT + k + "/" for k in ("person", "office", "country", "org"))

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
ALPHA3 = re.compile(r"[A-Z]{3}\Z")
WIKIDATA = re.compile(r"http://www\.wikidata\.org/entity/Q[1-9][0-9]*\Z")

# Offices of bodies that belong to no single state: they carry an organization, not a country.
INTERNATIONAL_ORGS = {URIRef(ORG + s) for s in ("united-nations", "european-commission", "european-council", "nato")}

# Offices held by one person at a time: their tenures may touch (handover day) but not overlap.
SINGLE_SEAT = {
    "us-president", "us-vice-president", "us-secretary-of-state", "us-deputy-secretary-of-state",
    "us-secretary-of-the-treasury", "us-secretary-of-commerce", "us-secretary-of-defense",
    "us-trade-representative", "us-national-security-advisor", "us-ambassador-to-china",
    "us-ambassador-to-the-united-nations", "us-speaker-of-the-house",
    "us-chairman-of-the-joint-chiefs-of-staff", "us-indo-pacific-command-commander",
    "us-director-of-national-intelligence", "us-cia-director", "us-fbi-director",
    "us-white-house-press-secretary", "us-state-department-spokesperson",
    "cn-president", "cn-vice-president", "cn-general-secretary", "cn-central-military-commission-chairman",
    "cn-premier", "cn-foreign-minister", "cn-minister-of-national-defense", "cn-minister-of-commerce",
    "cn-minister-of-public-security", "cn-ambassador-to-the-united-states", "cn-taiwan-affairs-office-director",
    "tw-president", "tw-vice-president", "tw-premier", "tw-foreign-minister",
    "jp-prime-minister", "gb-prime-minister", "kr-president", "un-secretary-general",
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    g.parse(CATALOG, format="turtle")
    return g


@pytest.fixture(scope="module")
def persons(graph: Graph) -> list[URIRef]:
    return sorted(graph.subjects(RDF.type, USCN.Person))


@pytest.fixture(scope="module")
def offices(graph: Graph) -> list[URIRef]:
    return sorted(graph.subjects(RDF.type, USCN.Office))


def tenures(graph: Graph, person: URIRef) -> list:
    return list(graph.objects(person, USCN.holds))


def date_of(graph: Graph, node, prop) -> dt.date | None:
    values = list(graph.objects(node, prop))
    assert len(values) <= 1, f"{node} has several {prop}"
    if not values:
        return None
    lit = values[0]
    assert isinstance(lit, Literal) and lit.datatype == XSD_DATE, f"{prop} of {node} is not an xsd:date: {lit!r}"
    value = lit.toPython()
    assert isinstance(value, dt.date), f"{prop} of {node} is not a valid date: {lit!r}"
    return value


def slug_of(iri: URIRef, base: str) -> str:
    s = str(iri)
    assert s.startswith(base), f"{s} is not under {base}"
    return s[len(base):]


def names_of(graph: Graph, person: URIRef) -> list[str]:
    return [str(o) for o in graph.objects(person, RDFS.label)] + [str(o) for o in graph.objects(person, SKOS.altLabel)]


def label(graph: Graph, node) -> str:
    return str(graph.value(node, RDFS.label))


def by_label(graph: Graph, name: str) -> URIRef:
    found = [s for s in graph.subjects(RDFS.label, Literal(name)) if (s, RDF.type, USCN.Person) in graph]
    assert len(found) == 1, f"expected one person labelled {name!r}, found {found}"
    return found[0]


def spans(graph: Graph, person: URIRef, office_slug: str) -> list[tuple[dt.date, dt.date | None]]:
    out = []
    for t in tenures(graph, person):
        if graph.value(t, USCN.office) == URIRef(OFFICE + office_slug):
            out.append((date_of(graph, t, USCN["from"]), date_of(graph, t, USCN.until)))
    return sorted(out, key=lambda s: s[0])


# --------------------------------------------------------------------------- size and shape

def test_catalog_has_the_expected_scale(persons, offices):
    assert 200 <= len(persons) <= 400
    assert len(offices) >= 50


def test_every_person_has_one_label_a_country_and_a_family_name(graph, persons):
    for p in persons:
        labels = list(graph.objects(p, RDFS.label))
        assert len(labels) == 1, f"{p} has {len(labels)} rdfs:label"
        assert isinstance(labels[0], Literal) and str(labels[0]).strip() == str(labels[0]) != "", p
        countries = list(graph.objects(p, USCN.country))
        assert len(countries) == 1, f"{p} has {len(countries)} uscn:country"
        assert ALPHA3.match(slug_of(countries[0], COUNTRY)), f"{p}: bad country {countries[0]}"
        families = list(graph.objects(p, USCN.familyName))
        assert families, f"{p} has no uscn:familyName"
        for f in families:
            assert isinstance(f, Literal) and str(f).strip() == str(f) != "", f"{p}: bad familyName {f!r}"
        assert tenures(graph, p), f"{p} holds no office"


def test_country_codes_are_real_iso_alpha3(graph):
    pycountry = pytest.importorskip("pycountry")
    codes = {slug_of(c, COUNTRY) for c in graph.objects(None, USCN.country)}
    unknown = sorted(c for c in codes if pycountry.countries.get(alpha_3=c) is None)
    assert not unknown, f"not ISO 3166 alpha-3: {unknown}"


def test_slugs_are_lower_case_ascii_with_hyphens(graph, persons, offices):
    for p in persons:
        assert SLUG.match(slug_of(p, PERSON)), p
    for o in offices:
        assert SLUG.match(slug_of(o, OFFICE)), o
    for org in set(graph.objects(None, USCN.organization)):
        assert SLUG.match(slug_of(org, ORG)), org


# --------------------------------------------------------------------------- names

def test_no_two_persons_share_a_label_or_alt_label(graph, persons):
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for p in persons:
        for name in names_of(graph, p):
            owners[" ".join(name.casefold().split())].add(p)
    shared = {n: sorted(map(str, ps)) for n, ps in owners.items() if len(ps) > 1}
    assert not shared, f"names used by several persons: {shared}"


def test_alt_labels_are_full_names_not_bare_family_names(graph, persons):
    for p in persons:
        families = {str(f).casefold() for f in graph.objects(p, USCN.familyName)}
        for alt in graph.objects(p, SKOS.altLabel):
            text = str(alt)
            assert text.strip() == text and text, f"{p}: blank or padded altLabel {text!r}"
            assert text.casefold() not in families, f"{p}: bare family name {text!r} in altLabel"
            assert len(text.split()) >= 2, f"{p}: one-word altLabel {text!r}"


def test_family_name_appears_in_the_label(graph, persons):
    for p in persons:
        words = label(graph, p).replace(",", " ").split()
        joined = " ".join(words)
        for f in graph.objects(p, USCN.familyName):
            variants = [str(f)] + [str(x) for x in graph.objects(p, SKOS.altLabel)]
            assert any(str(f) in v for v in [joined] + variants), f"{p}: family name {f} not in any name"


def test_chinese_names_put_the_family_name_first(graph, persons):
    hong_kong = URIRef(OFFICE + "cn-hong-kong-chief-executive")
    for p in persons:
        if graph.value(p, USCN.country) != URIRef(COUNTRY + "CHN"):
            continue
        if any(graph.value(t, USCN.office) == hong_kong for t in tenures(graph, p)):
            continue  # Hong Kong officials use English given names ("John Lee")
        first = label(graph, p).split()[0]
        assert {str(f) for f in graph.objects(p, USCN.familyName)} == {first}, p


# --------------------------------------------------------------------------- tenures and offices

def test_every_tenure_has_one_office_and_a_consistent_span(graph, persons):
    today = dt.date.today()
    for p in persons:
        for t in tenures(graph, p):
            assert isinstance(t, BNode), f"{p}: tenure should be a blank node"
            offices_ = list(graph.objects(t, USCN.office))
            assert len(offices_) == 1, f"{p}: tenure with {len(offices_)} offices"
            start = date_of(graph, t, USCN["from"])
            end = date_of(graph, t, USCN.until)
            assert start is not None, f"{p}: tenure of {offices_[0]} has no uscn:from"
            assert start <= today, f"{p}: tenure of {offices_[0]} starts in the future"
            if end is not None:
                assert start <= end, f"{p}: {offices_[0]} from {start} after until {end}"
                assert end <= today, f"{p}: tenure of {offices_[0]} ends in the future"


def test_every_referenced_office_is_declared_with_label_and_country(graph, persons):
    referenced = {graph.value(t, USCN.office) for p in persons for t in tenures(graph, p)}
    for o in referenced:
        assert (o, RDF.type, USCN.Office) in graph, f"{o} is not declared as uscn:Office"
        labels = list(graph.objects(o, RDFS.label))
        assert len(labels) == 1 and str(labels[0]), f"{o} needs exactly one rdfs:label"
        countries = list(graph.objects(o, USCN.country))
        orgs = set(graph.objects(o, USCN.organization))
        if orgs & INTERNATIONAL_ORGS:
            assert not countries, f"{o}: an international office has no country"
        else:
            assert len(countries) == 1, f"{o} needs exactly one uscn:country"
            assert ALPHA3.match(slug_of(countries[0], COUNTRY)), o
        assert len(orgs) <= 1, f"{o} has several organizations"


def test_every_declared_office_is_held_by_someone(graph, persons, offices):
    referenced = {graph.value(t, USCN.office) for p in persons for t in tenures(graph, p)}
    assert set(offices) <= referenced, sorted(map(str, set(offices) - referenced))


def test_office_alt_labels_include_titles(graph, offices):
    for o in offices:
        alts = [str(a) for a in graph.objects(o, SKOS.altLabel)]
        assert alts, f"{o} has no altLabel titles"
        assert len({a.casefold() for a in alts}) == len(alts), f"{o} repeats an altLabel"


def test_a_person_does_not_hold_the_same_office_twice_at_once(graph, persons):
    for p in persons:
        by_office = defaultdict(list)
        for t in tenures(graph, p):
            by_office[graph.value(t, USCN.office)].append(
                (date_of(graph, t, USCN["from"]), date_of(graph, t, USCN.until)))
        for office, ss in by_office.items():
            ss.sort(key=lambda s: s[0])
            for (a_from, a_until), (b_from, _) in zip(ss, ss[1:]):
                assert a_until is not None and a_until <= b_from, f"{p}: overlapping tenures of {office}"


def test_single_seat_offices_have_one_holder_at_a_time(graph, persons):
    holders = defaultdict(list)
    for p in persons:
        for t in tenures(graph, p):
            slug = slug_of(graph.value(t, USCN.office), OFFICE)
            if slug in SINGLE_SEAT:
                holders[slug].append((date_of(graph, t, USCN["from"]), date_of(graph, t, USCN.until), label(graph, p)))
    assert set(holders) == SINGLE_SEAT, f"no holders for {SINGLE_SEAT - set(holders)}"
    for slug, rows in holders.items():
        rows.sort(key=lambda r: r[0])
        current = [r for r in rows if r[1] is None]
        assert len(current) <= 1, f"{slug}: several current holders {current}"
        for (a_from, a_until, a), (b_from, _, b) in zip(rows, rows[1:]):
            assert a_until is not None and a_until <= b_from, f"{slug}: {a} ({a_from}..{a_until}) overlaps {b} ({b_from})"


def test_same_as_only_points_at_distinct_wikidata_entities(graph, persons):
    seen = {}
    for p in persons:
        for o in graph.objects(p, OWL.sameAs):
            assert WIKIDATA.match(str(o)), f"{p}: owl:sameAs {o} is not a Wikidata entity"
            assert str(o) not in seen, f"{o} used by {seen.get(str(o))} and {p}"
            seen[str(o)] = p


# --------------------------------------------------------------------------- spot checks

def test_known_tenures(graph):
    d = dt.date
    assert spans(graph, by_label(graph, "Antony Blinken"), "us-secretary-of-state") == [(d(2021, 1, 26), d(2025, 1, 20))]
    assert spans(graph, by_label(graph, "Wang Yi"), "cn-foreign-minister") == [
        (d(2013, 3, 16), d(2022, 12, 30)), (d(2023, 7, 25), None)]
    assert spans(graph, by_label(graph, "Donald Trump"), "us-president") == [
        (d(2017, 1, 20), d(2021, 1, 20)), (d(2025, 1, 20), None)]
    assert spans(graph, by_label(graph, "Xi Jinping"), "cn-president") == [(d(2013, 3, 14), None)]
    assert spans(graph, by_label(graph, "Lai Ching-te"), "tw-president") == [(d(2024, 5, 20), None)]


def test_known_names(graph):
    biden = by_label(graph, "Joe Biden")
    for form in ("Joseph R. Biden", "Joseph R. Biden Jr.", "Joseph R. Biden, Jr.", "Joseph Biden",
                 "Joseph Robinette Biden Jr."):
        assert (biden, SKOS.altLabel, Literal(form)) in graph, form
    assert {str(f) for f in graph.objects(by_label(graph, "Wang Yi"), USCN.familyName)} == {"Wang"}
    assert (by_label(graph, "Lai Ching-te"), SKOS.altLabel, Literal("William Lai")) in graph
    assert graph.value(by_label(graph, "Tsai Ing-wen"), USCN.country) == URIRef(COUNTRY + "TWN")
    state = URIRef(OFFICE + "us-secretary-of-state")
    assert graph.value(state, USCN.organization) == URIRef(ORG + "us-department-of-state")
    assert (state, SKOS.altLabel, Literal("Secretary")) in graph
