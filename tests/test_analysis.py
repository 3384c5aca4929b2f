"""graph.analysis on a hand-built store (tests/conftest_views.py documents its events)."""
from __future__ import annotations

import datetime as dt
import doctest
import importlib

import networkx as nx
import pytest

from conftest_views import ENT, StoreBuilder, sample_store
from graph.analysis import (
    AnalysisError, actor_dispute_graph, actor_graph, centrality, communities, community_map,
    dispute_rows, edge_rows, ego_network, ego_rows, load_corpus, node_rows, pagerank,
    parse_bound, parse_period, shortest_path, slice_events, trend,
)
from graph.errors import UscnError

D = dt.date
USA, CHN, JPN = ENT + "country/USA", ENT + "country/CHN", ENT + "country/JPN"
BLINKEN, WANG, QIN = ENT + "person/antony-blinken", ENT + "person/wang-yi", ENT + "person/qin-gang"
SULLIVAN, BIDEN, XI = ENT + "person/jake-sullivan", ENT + "person/joe-biden", ENT + "person/xi-jinping"
DOS, EU = ENT + "org/us-department-of-state", ENT + "org/european-union"
TAIWAN, TRADE = ENT + "dispute/taiwan", ENT + "dispute/trade"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(sample_store())


@pytest.fixture(scope="module")
def G(corpus):
    return actor_graph(corpus.events)


def ev(corpus, key):
    return next(e for e in corpus.events if e.iri == ENT + "event/" + key)


# ------------------------------------------------------------------ loading

def test_load_reads_events_in_date_order_with_undated_last(corpus):
    keys = [e.iri.rsplit("/", 1)[-1] for e in corpus.events]
    assert keys == ["e1", "e2", "e3", "e4", "e5", "e9", "e6", "e10", "e8", "e7"]


def test_load_event_fields(corpus):
    visit = ev(corpus, "e4")
    assert visit.type == "Visit"  # typed Visit and Event: the most specific wins
    assert visit.label == "2023-06-18 – Antony Blinken visits Beijing"
    assert (visit.start, visit.end) == (D(2023, 6, 18), D(2023, 6, 19))
    assert visit.goldstein == 1.9 and visit.planned is True and visit.precision == "day"
    assert [a.label for a in visit.actors] == ["Antony Blinken"]
    assert [(t.label, t.cls) for t in visit.targets] == [("China", "Country")]
    assert visit.place.label == "Beijing" and visit.place.kind == "Place"
    assert [d.label for d in visit.disputes] == ["Taiwan"]
    assert [p.iri for p in visit.parties] == [BLINKEN, CHN]
    src = visit.sources[0]
    assert (src.title, src.url, src.published) == (
        "US Confirms Blinken Trip to China", "https://example.com/news/blinken-trip", D(2023, 6, 14))


def test_load_merges_one_event_reported_by_two_articles(corpus):
    call = ev(corpus, "e3")
    assert [s.iri.rsplit("/", 1)[-1] for s in call.sources] == ["a1", "a3"]
    pairs = sorted((e.source.rsplit("/", 1)[-1], e.text) for e in call.evidence)
    assert pairs == [("a1", "Blinken had a telephone conversation with Qin Gang."),
                     ("a3", "Blinken and Qin Gang spoke by phone on Wednesday.")]


def test_load_missing_score_and_date(corpus):
    statement = ev(corpus, "e7")
    assert statement.goldstein == 0.0 and statement.start is None and statement.end is None


def test_load_entities_labels_and_alt_labels(corpus):
    blinken = corpus.entities[BLINKEN]
    assert blinken.label == "Antony Blinken" and blinken.kind == "Person"
    assert set(blinken.alt_labels) == {"Blinken", "Tony Blinken"}
    assert blinken.country == USA and blinken.key == "person/antony-blinken"
    assert [d.label for d in corpus.disputes] == ["Taiwan", "Trade"]


def test_load_uses_the_class_hierarchy_for_types_and_kinds():
    b = StoreBuilder()
    b.subclass("GovernmentBody", "Organization")
    b.subclass("StateVisit", "Visit")
    b.subclass("Visit", "Meeting")
    b.entity("org/mofa", "GovernmentBody", "Ministry of Foreign Affairs", country="country/CHN")
    b.entity("country/CHN", "Country", "China")
    a = b.article("x", "t", D(2023, 1, 2), "https://example.com/x")
    b.event(a, "v", "StateVisit", "v", actor=("org/mofa",), target=("country/CHN",),
            start=D(2023, 1, 1), extra_types=("Meeting", "Visit"))
    corpus = load_corpus(b.build())
    (visit,) = corpus.events
    assert visit.type == "StateVisit"
    mofa = corpus.entities[ENT + "org/mofa"]
    assert (mofa.cls, mofa.kind) == ("GovernmentBody", "Organization")
    assert set(actor_graph(corpus.events)) == {ENT + "org/mofa", ENT + "country/CHN"}


def test_load_counts_a_happening_once_with_all_its_reports():
    """The uscn:Happening layout: one report per article, grouped by a happening."""
    b = StoreBuilder()
    b.entity("person/antony-blinken", "Person", "Antony Blinken", country="country/USA")
    b.entity("person/wang-yi", "Person", "Wang Yi", country="country/CHN")
    b.entity("place/beijing", "Place", "Beijing")
    b.entity("dispute/taiwan", "Dispute", "Taiwan")
    a1 = b.article("r1", "First report", D(2023, 6, 19), "https://example.com/1")
    a2 = b.article("r2", "Second report", D(2023, 6, 21), "https://example.com/2")
    who = ("person/antony-blinken", "person/wang-yi")
    b.event(a1, "rep-1", "Meeting", "Blinken meets Wang", participant=who, start=D(2023, 6, 19),
            goldstein=3.0, evidence="Blinken met Wang Yi on Monday.")
    b.event(a2, "rep-2", "Meeting", "Blinken meets Wang", participant=who, start=D(2023, 6, 19),
            end=D(2023, 6, 20), goldstein=2.0, concerns=("dispute/taiwan",),
            evidence="The two met for two days.", planned=True)
    for art, rep in ((a1, "rep-1"), (a2, "rep-2")):
        b.happening(art, "h1", "Meeting", "2023-06-19 – Antony Blinken meets Wang Yi", rep,
                    start=D(2023, 6, 19), place="place/beijing")
    b.event(a2, "lone", "Statement", "Wang Yi speaks", actor=("person/wang-yi",),
            start=D(2023, 6, 21), evidence="Wang Yi spoke.")
    corpus = load_corpus(b.build())
    assert [e.iri.rsplit("/", 1)[-1] for e in corpus.events] == ["h1", "lone"]
    h = corpus.events[0]
    assert (h.type, h.label) == ("Meeting", "2023-06-19 – Antony Blinken meets Wang Yi")
    # the happening's own date (the finest its reports share), not the span of its reports'
    assert (h.start, h.end, h.goldstein, h.planned) == (D(2023, 6, 19), D(2023, 6, 19), 2.5, False)
    assert [s.title for s in h.sources] == ["First report", "Second report"]
    assert {e.text for e in h.evidence} == {"Blinken met Wang Yi on Monday.", "The two met for two days."}
    assert [d.label for d in h.disputes] == ["Taiwan"] and h.place.label == "Beijing"
    G = actor_graph(corpus.events)
    assert G.edges[BLINKEN, WANG]["weight"] == 1  # one happening, however many reports


def test_load_empty_store():
    import pyoxigraph as ox
    corpus = load_corpus(ox.Store())
    assert corpus.events == [] and len(actor_graph(corpus.events)) == 0
    assert trend(corpus.events) == [] and centrality(actor_graph([])) == []


# ------------------------------------------------------------------ graphs

def test_actor_graph_nodes_are_actors_only(G):
    assert set(G) == {USA, CHN, JPN, BLINKEN, WANG, QIN, SULLIVAN, BIDEN, XI, DOS, EU}
    assert G.number_of_edges() == 9
    assert G.nodes[XI]["count"] == 2 and G.degree(XI) == 1  # the undated statement counts
    assert G.nodes[DOS]["cls"] == "Organization" and G.graph["events"] == 10


def test_actor_graph_edge_weight_types_dates_balance(G):
    e = G.edges[USA, CHN]
    assert e["weight"] == 2
    assert e["types"] == {"Accusation": 1, "Sanction": 1}
    assert (e["first"], e["last"]) == (D(2023, 6, 8), D(2023, 8, 1))
    assert (e["goldstein_sum"], e["goldstein_mean"]) == (-10.0, -5.0)
    assert (e["cooperative"], e["conflictual"]) == (0, 2)

    e = G.edges[BLINKEN, WANG]
    assert e["weight"] == 2 and list(e["types"]) == ["Meeting", "PhoneCall"]
    assert (e["first"], e["last"], e["goldstein_mean"]) == (D(2023, 6, 19), D(2023, 11, 15), 2.0)
    assert e["event_iris"] == [ENT + "event/e5", ENT + "event/e10"]

    # the last date of a link is the end of its last event
    assert G.edges[BLINKEN, CHN]["last"] == D(2023, 6, 19)


def test_edge_and_node_rows_have_stable_keys(G):
    rows = edge_rows(G)
    assert list(rows[0]) == ["source", "source_label", "target", "target_label", "events", "types",
                             "first", "last", "goldstein_sum", "goldstein_mean", "cooperative",
                             "conflictual"]
    top = [(r["source_label"], r["target_label"], r["events"]) for r in rows[:2]]
    assert top == [("Antony Blinken", "Wang Yi", 2), ("China", "United States", 2)]
    assert rows[1]["types"] == "Accusation 1; Sanction 1" and rows[1]["first"] == "2023-06-08"
    assert node_rows(G)[0] == {"iri": BLINKEN, "label": "Antony Blinken", "class": "Person",
                               "events": 4, "degree": 3}


def test_actor_dispute_graph_is_bipartite(corpus):
    B = actor_dispute_graph(corpus.events)
    assert nx.is_bipartite(B)
    assert {n for n, d in B.nodes(data=True) if d["bipartite"] == 1} == {TAIWAN, TRADE}
    assert set(B[TAIWAN]) == {SULLIVAN, WANG, BLINKEN, CHN}
    assert B.edges[BLINKEN, TAIWAN]["weight"] == 2
    assert set(B[TRADE]) == {BLINKEN, WANG, USA, CHN, DOS}
    rows = dispute_rows(B)
    assert rows[0]["dispute_label"] == "Taiwan" and rows[0]["actor_label"] == "Antony Blinken"
    assert rows[0]["events"] == 2 and rows[0]["goldstein_mean"] == pytest.approx(2.45)


# ------------------------------------------------------------------ metrics

def test_centrality_ranks(G):
    rows = centrality(G)
    assert list(rows[0]) == ["rank", "iri", "label", "class", "events", "degree", "strength",
                             "degree_centrality", "betweenness", "pagerank"]
    assert [r["label"] for r in rows[:3]] == ["Antony Blinken", "China", "Wang Yi"]
    by = {r["iri"]: r for r in rows}
    assert by[BLINKEN]["degree"] == 3 and by[BLINKEN]["strength"] == 4
    assert by[BLINKEN]["betweenness"] > by[CHN]["betweenness"] > by[WANG]["betweenness"] > 0
    assert by[QIN]["betweenness"] == by[USA]["betweenness"] == 0
    assert by[BLINKEN]["degree_centrality"] == pytest.approx(0.3)
    assert sum(r["pagerank"] for r in rows) == pytest.approx(1.0, abs=1e-5)
    assert [r["rank"] for r in rows] == list(range(1, 12))


def test_pagerank_matches_networkx(G):
    from networkx.algorithms.link_analysis import pagerank_alg
    reference = getattr(pagerank_alg, "_pagerank_python", None)
    if reference is None:
        pytest.skip("this networkx has no pure-Python pagerank to compare with")
    ours = pagerank(G, tol=1e-12, max_iter=500)
    theirs = reference(G, weight="weight", tol=1e-12, max_iter=500)
    assert ours == pytest.approx(theirs, abs=1e-6)


def test_communities_are_deterministic_and_cover_every_actor(G):
    rows = communities(G)
    assert rows == communities(G)
    assert sorted(r["iri"] for r in rows) == sorted(G)
    cmap = community_map(G)
    assert cmap[BIDEN] == cmap[XI] and cmap[EU] == cmap[JPN]
    assert cmap[BIDEN] != cmap[BLINKEN] and cmap[EU] != cmap[BIDEN]
    assert cmap[USA] == cmap[DOS]
    sizes = [r["size"] for r in rows]
    assert sizes == sorted(sizes, reverse=True) and rows[0]["community"] == 1
    assert list(rows[0]) == ["community", "size", "iri", "label", "class", "events"]


def test_ego_network_radius_one_and_two(G):
    assert set(ego_network(G, "blinken")) == {BLINKEN, WANG, CHN, QIN}
    assert set(ego_network(G, "Antony Blinken", radius=2)) == {BLINKEN, WANG, CHN, QIN, SULLIVAN,
                                                               USA, DOS}
    rows = ego_rows(G, "tony blinken")
    assert [(r["label"], r["distance"], r["events"]) for r in rows] == [
        ("Antony Blinken", 0, 4), ("Wang Yi", 1, 2), ("China", 1, 1), ("Qin Gang", 1, 1)]
    assert rows[1]["types"] == "Meeting 1; PhoneCall 1" and rows[1]["goldstein_mean"] == 2.0
    far = {r["label"]: r for r in ego_rows(G, "blinken", radius=2)}
    assert far["Jake Sullivan"]["distance"] == 2 and far["Jake Sullivan"]["events"] == 0
    with pytest.raises(AnalysisError, match="radius"):
        ego_network(G, "blinken", radius=0)


def test_shortest_path(G):
    rows = shortest_path(G, "Qin Gang", "jake sullivan")
    assert [r["label"] for r in rows] == ["Qin Gang", "Antony Blinken", "Wang Yi", "Jake Sullivan"]
    assert [r["step"] for r in rows] == [0, 1, 2, 3]
    assert rows[0]["events"] is None and rows[2]["events"] == 2 and rows[3]["first"] == "2023-05-10"
    with pytest.raises(AnalysisError, match="no chain of shared events joins 'Qin Gang' and 'Joe Biden'"):
        shortest_path(G, "qin gang", "biden")


# ------------------------------------------------------------------ trend and slices

def test_trend_between_two_countries_counts_their_people(corpus):
    rows = trend(corpus.events, "United States", "PRC")
    assert [r["month"] for r in rows] == ["2023-05", "2023-06", "2023-07", "2023-08", "2023-09",
                                          "2023-10", "2023-11", "2023-12", "2024-01"]
    june = rows[1]
    assert june == {"month": "2023-06", "events": 4, "goldstein_sum": 3.9, "goldstein_mean": 0.975,
                    "cooperative": 3, "conflictual": 1}
    assert rows[2] == {"month": "2023-07", "events": 0, "goldstein_sum": 0.0, "goldstein_mean": 0.0,
                       "cooperative": 0, "conflictual": 0}
    assert rows[3]["goldstein_mean"] == -8.0 and rows[-1]["goldstein_sum"] == 3.4


def test_trend_countries_alone_and_single_actor(corpus):
    only = trend(corpus.events, "usa", "chn", by_country=False)
    assert [(r["month"], r["events"]) for r in only] == [("2023-06", 1), ("2023-07", 0), ("2023-08", 1)]
    assert [(r["month"], r["events"]) for r in trend(corpus.events, "Wang Yi", fill=False)] == [
        ("2023-05", 1), ("2023-06", 1), ("2023-11", 1)]
    overall = trend(corpus.events)
    assert sum(r["events"] for r in overall) == 9  # the undated event has no month


def test_slices_by_year_month_and_range(corpus):
    june = slice_events(corpus.events, period="2023-06")
    assert [e.iri.rsplit("/", 1)[-1] for e in june] == ["e2", "e3", "e4", "e5"]
    # an event that overlaps the period counts: the visit ends on 19 June
    assert [e.iri[-2:] for e in slice_events(corpus.events, "2023-06-19", "2023-06-30")] == ["e4", "e5"]
    assert len(slice_events(corpus.events, period="2024")) == 1
    assert len(slice_events(corpus.events)) == 10  # no bound: undated events too
    assert all(e.start for e in slice_events(corpus.events, start="2000"))
    G6 = actor_graph(corpus.events, start="2023-06", end="2023-06")
    assert G6.edges[USA, CHN]["weight"] == 1
    assert G6.edges[BLINKEN, WANG]["weight"] == 1 and SULLIVAN not in G6
    assert trend(corpus.events, "blinken", start="2023-11") == [
        {"month": "2023-11", "events": 1, "goldstein_sum": 1.0, "goldstein_mean": 1.0,
         "cooperative": 1, "conflictual": 0}]


def test_parse_period_and_bounds():
    assert parse_period("2023") == (D(2023, 1, 1), D(2023, 12, 31))
    assert parse_period("2024-02") == (D(2024, 2, 1), D(2024, 2, 29))
    assert parse_period("2023-06-17") == (D(2023, 6, 17), D(2023, 6, 17))
    assert parse_period("2023-03..2023-06") == (D(2023, 3, 1), D(2023, 6, 30))
    assert parse_period("2023-03/") == (D(2023, 3, 1), None)
    assert parse_period("..2023") == (None, D(2023, 12, 31))
    assert parse_bound(D(2023, 1, 5)) == D(2023, 1, 5)
    with pytest.raises(AnalysisError, match="is not a date"):
        parse_period("June 2023")
    with pytest.raises(AnalysisError, match="not a valid date"):
        parse_bound("2023-02-30")
    with pytest.raises(AnalysisError, match="ends before it starts"):
        parse_period("2024..2023")
    with pytest.raises(AnalysisError):
        slice_events([], start="2024", end="2023")


# ------------------------------------------------------------------ names

def test_names_resolve_labels_alt_labels_keys_and_iris(corpus, G):
    for name in ("Antony Blinken", "ANTONY  blinken", "Tony Blinken", "blinken",
                 "person/antony-blinken", BLINKEN, "antony-blinken"):
        assert corpus.resolve(name).iri == BLINKEN
    assert corpus.resolve("prc").iri == CHN and corpus.resolve("CHN").iri == CHN
    assert corpus.resolve("taiwan", kinds=("Dispute",), what="dispute").iri == TAIWAN
    assert ego_rows(G, "U.S.")[0]["iri"] == USA


def test_unknown_name_raises_a_clear_error(corpus, G):
    with pytest.raises(AnalysisError) as info:
        corpus.resolve("Antony Blinkin")
    assert str(info.value) == "no actor named 'Antony Blinkin'; did you mean 'Antony Blinken'?"
    with pytest.raises(AnalysisError, match="no actor named 'Nobody at all'"):
        ego_rows(G, "Nobody at all")
    with pytest.raises(AnalysisError, match="no actor named 'Beijing'"):
        corpus.resolve("Beijing")  # a place is not an actor
    with pytest.raises(AnalysisError, match="no actor named 'Xi'"):
        trend(corpus.events, "Xi", start="2023-06", end="2023-06")  # not in that month
    assert issubclass(AnalysisError, UscnError)


def test_ambiguous_name_lists_the_candidates():
    b = StoreBuilder()
    b.entity("person/wang-yi", "Person", "Wang Yi", alts=("Wang",))
    b.entity("person/wang-wenbin", "Person", "Wang Wenbin", alts=("Wang",))
    a = b.article("x", "t", D(2023, 1, 2), "https://example.com/x")
    b.event(a, "m", "Meeting", "m", participant=("person/wang-yi", "person/wang-wenbin"),
            start=D(2023, 1, 1))
    corpus = load_corpus(b.build())
    with pytest.raises(AnalysisError, match=r"'Wang' names 2 actors: Wang Wenbin \(Person, .*\); Wang Yi"):
        corpus.resolve("Wang")


# ------------------------------------------------------------------ docs

@pytest.mark.parametrize("module", ["load", "period", "names", "graphs", "metrics", "trend"])
def test_docstring_examples_run(module):
    mod = importlib.import_module(f"graph.analysis.{module}")
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
