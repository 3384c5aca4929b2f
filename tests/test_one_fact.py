"""One answer per fact: each triple in one graph; the bulk loader's journal; stats' classes."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.errors import InputError
from graph.ingest import ingest
from graph.rdf.stats import store_stats
from graph.rdf.store import JOURNAL_ENTRY, GraphStore
from graph.rdf.vocab import ENTITIES_GRAPH, FEEDS_GRAPH, JOURNAL_GRAPH, ONTOLOGY_GRAPH, USCN

from conftest import CORPUS, SEEDS, need

PEOPLE = "SELECT ?p WHERE { ?p a uscn:Person ; rdfs:label ?l }"
BLINKEN = "https://w3id.org/uscn/id/person/antony-blinken"
# A triple held by two graphs: the union default graph would give it twice.
SHARED_TRIPLES = """
SELECT ?g1 ?g2 ?s ?p ?o WHERE { GRAPH ?g1 { ?s ?p ?o } GRAPH ?g2 { ?s ?p ?o } FILTER (STR(?g1) < STR(?g2)) } LIMIT 5
"""
# An entity with a label in two graphs: a label query over the union would give it twice.
TWO_LABELS = """
SELECT ?s WHERE { GRAPH ?g1 { ?s rdfs:label ?a } GRAPH ?g2 { ?s rdfs:label ?b } FILTER (STR(?g1) < STR(?g2)) } LIMIT 5
"""


def cli(*args) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("one-fact") / "store"
    cli("ingest", SEEDS, "--store", store, "--quiet")
    return store


def test_a_person_query_gives_one_row_per_person_on_the_cli(seeded):
    rows = json.loads(cli("query", PEOPLE, "--format", "json", "--store", seeded))["results"]["bindings"]
    people = [r["p"]["value"] for r in rows]
    assert BLINKEN in people
    assert len(people) == len(set(people))


def test_no_triple_and_no_label_is_in_two_graphs(seeded):
    store = GraphStore(seeded, read_only=True)
    assert list(store.query(SHARED_TRIPLES, union=False)) == []
    assert list(store.query(TWO_LABELS, union=False)) == []
    # the catalog describes Blinken: his type and label are the ontology graph's alone
    blinken = ox.NamedNode(BLINKEN)
    assert {q.graph_name for q in store.ox.quads_for_pattern(blinken, None, None)} <= {ONTOLOGY_GRAPH, ENTITIES_GRAPH}
    assert [q.graph_name for q in store.ox.quads_for_pattern(
        blinken, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), None)] == [ONTOLOGY_GRAPH]


def test_stats_count_catalog_entities_articles_mention_and_leave_out_feed_entries(seeded, tmp_path):
    store = GraphStore(seeded, read_only=True)
    classes = store_stats(store)["classes"]
    assert classes["Person"] > 10 and "FeedEntry" not in classes
    # a copy of the store with a feed entry: still not an article's class
    copy = GraphStore(tmp_path / "copy")
    copy.ox.extend(q for q in store.ox)
    copy.ox.add(ox.Quad(ox.NamedNode("https://example.org/e1"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                        ox.NamedNode(USCN + "FeedEntry"), FEEDS_GRAPH))
    assert store_stats(copy)["classes"] == classes


def corpus_part(tmp_path: Path, n: int) -> str:
    lines = [line for line in need(CORPUS).read_text(encoding="utf-8").splitlines() if line.strip()][:n]
    path = tmp_path / "part.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def data_quads(store: GraphStore) -> set:
    return {q for q in store.ox if q.graph_name != ONTOLOGY_GRAPH}


def test_articles_bulk_loaded_equal_the_same_articles_written_in_transactions(tmp_path):
    """A fresh store takes the bulk loader; ingesting the same input again replaces every article
    in transactions: the store must come out the same, quad for quad."""
    source = corpus_part(tmp_path, 6)
    store = GraphStore(tmp_path / "s")
    errors: list[InputError] = []
    first = ingest([source], store, errors.append, batch=2)
    bulk = data_quads(store)
    again = ingest([source], store, errors.append, batch=2)
    assert errors == [] and first.replaced == 0 and again.replaced == 6
    assert data_quads(store) == bulk and not store.ox.contains_named_graph(JOURNAL_GRAPH)


def interrupted_bulk_load(path: Path) -> ox.NamedNode:
    """A store holding what a run killed in the middle of a bulk load leaves: the journal naming
    a graph, and that graph partly written."""
    store = GraphStore(path)
    graph = ox.NamedNode("https://w3id.org/uscn/id/article/cut-short")
    store.ox.update(f"INSERT DATA {{ GRAPH {JOURNAL_GRAPH} {{ {JOURNAL_GRAPH} {JOURNAL_ENTRY} {graph} }} }}")
    store.ox.bulk_load(f'{graph} <{USCN}title> "half" {graph} .\n'.encode(), ox.RdfFormat.N_QUADS)
    store.close()
    return graph


def test_graphs_of_an_interrupted_bulk_load_are_dropped_when_the_store_is_next_opened(tmp_path):
    graph = interrupted_bulk_load(tmp_path / "w")
    store = GraphStore(tmp_path / "w")
    assert not store.ox.contains_named_graph(graph) and not store.ox.contains_named_graph(JOURNAL_GRAPH)
    store.close()
    graph = interrupted_bulk_load(tmp_path / "r")
    reader = GraphStore(tmp_path / "r", read_only=True)   # no writer at work: a reader drops them too
    assert not reader.ox.contains_named_graph(graph) and not reader.ox.contains_named_graph(JOURNAL_GRAPH)


LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
ALT = "<http://www.w3.org/2004/02/skos/core#altLabel>"
SULLIVAN = "<https://w3id.org/uscn/id/person/jake-sullivan>"


def article(n: int) -> tuple[str, bytes]:
    g = f"https://w3id.org/uscn/id/article/a{n}"
    return g, f'<{g}> <{USCN}title> "t{n}" <{g}> .\n'.encode()


@pytest.mark.parametrize("batch", [1, 5])
def test_an_entity_label_does_not_depend_on_the_order_articles_come_in(tmp_path, batch):
    """Three articles name one entity three ways; every order gives the same label and altLabels."""
    names = [
        [(SULLIVAN, LABEL, '"JAKE SULLIVAN"')],
        [(SULLIVAN, LABEL, '"Jake Sullivan"'), (SULLIVAN, ALT, '"Sullivan"')],
        [(SULLIVAN, LABEL, '"Sullivan"'), (SULLIVAN, ALT, '"Jake Sullivan"')],
    ]
    results = set()
    for i, order in enumerate([(0, 1, 2), (2, 1, 0), (1, 0, 2), (2, 0, 1)]):
        store = GraphStore(tmp_path / f"s{batch}-{i}")
        w = store.writer(max_articles=batch)
        for n in order:
            w.put(*article(n), 1, names[n], [])
        w.close()
        results.add(frozenset(str(q) for q in store.ox.quads_for_pattern(None, None, None, ENTITIES_GRAPH)))
        store.close()
    assert len(results) == 1
    got = next(iter(results))
    assert f'{SULLIVAN} {LABEL} "Jake Sullivan" {ENTITIES_GRAPH}' in got
    assert sum(f" {LABEL} " in q for q in got) == 1
    assert {f'{SULLIVAN} {ALT} "{n}" {ENTITIES_GRAPH}' for n in ("JAKE SULLIVAN", "Sullivan")} <= got
