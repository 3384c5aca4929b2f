"""One happening reported by two articles: one uscn:Happening, two reports, each with its own evidence.

Two short articles of our own, worded differently, report the same meeting on the same day.
They are ingested through graph.ingest into a store in a temporary folder and checked with
SPARQL: the store keeps one happening with both articles as sources, and one report per
article, each a uscn:Meeting carrying its own source and its own verbatim sentence.
Ingesting an article again changes nothing; removing one article's graph leaves the
happening with the other source only.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.ingest import ingest
from graph.rdf.store import GraphStore
from graph.rdf.vocab import article_iri

SENTENCE_A = "Treasury Secretary Scott Bessent met with Vice Premier He Lifeng in Geneva on May 11."
SENTENCE_B = "Vice Premier He Lifeng held talks with Treasury Secretary Scott Bessent in Geneva on Sunday, May 11."
ARTICLE_A = {"id": "wire-a-geneva", "title": "Trade chiefs meet in Geneva", "published": "2025-05-13",
             "source": "Wire A", "text": SENTENCE_A + " Officials described the mood as constructive."}
ARTICLE_B = {"id": "paper-b-geneva", "title": "Geneva round ends", "published": "2025-05-14",
             "source": "Paper B", "text": SENTENCE_B + " Both delegations expect another round."}
GRAPH_A, GRAPH_B = article_iri(ARTICLE_A["id"]).value, article_iri(ARTICLE_B["id"]).value

HAPPENINGS = """
SELECT DISTINCT ?h WHERE { ?h a uscn:Happening ; uscn:eventType uscn:Meeting . }
"""
SOURCES = """
SELECT DISTINCT ?h ?src WHERE { ?h a uscn:Happening ; uscn:eventType uscn:Meeting ; uscn:source ?src . }
"""
REPORTS = """
SELECT DISTINCT ?h ?r ?type ?src ?evidence WHERE {
  ?h a uscn:Happening ; uscn:eventType uscn:Meeting ; uscn:report ?r .
  OPTIONAL { ?r a ?type . FILTER(?type = uscn:Meeting) }
  OPTIONAL { ?r uscn:source ?src }
  OPTIONAL { ?r uscn:evidence ?evidence }
}
"""


def write(tmp_path: Path, record: dict) -> str:
    path = tmp_path / f"{record['id']}.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return str(path)


def select(store: GraphStore, sparql: str, *names: str) -> list[tuple]:
    return [tuple(None if s[n] is None else s[n].value for n in names) for s in store.query(sparql)]


@pytest.fixture
def paths(tmp_path) -> tuple[str, str]:
    return write(tmp_path, ARTICLE_A), write(tmp_path, ARTICLE_B)


@pytest.fixture
def errors() -> list:
    return []


@pytest.fixture
def store(tmp_path, paths, errors):
    s = GraphStore(tmp_path / "store")
    report = ingest(list(paths), s, on_error=errors.append)
    assert errors == []
    assert report.articles == 2
    yield s
    s.close()


def test_each_article_reads_the_meeting_on_its_own(paths, tmp_path):
    for path, graph in zip(paths, (GRAPH_A, GRAPH_B)):
        s = GraphStore(tmp_path / ("alone-" + Path(path).stem))
        ingest([path], s, on_error=lambda err: pytest.fail(str(err)))
        assert len(select(s, HAPPENINGS, "h")) == 1
        assert select(s, SOURCES, "src") == [(graph,)]
        s.close()


def test_one_happening_with_two_sources(store):
    happenings = select(store, HAPPENINGS, "h")
    assert len(happenings) == 1
    sources = select(store, SOURCES, "h", "src")
    assert sorted(src for _, src in sources) == sorted([GRAPH_A, GRAPH_B])
    assert {h for h, _ in sources} == {happenings[0][0]}


def test_two_reports_each_a_meeting_with_its_own_source_and_evidence(store):
    reports = select(store, REPORTS, "h", "r", "type", "src", "evidence")
    assert len(reports) == 2
    assert len({r for _, r, _, _, _ in reports}) == 2, "each article has its own report node"
    assert all(t == "https://w3id.org/uscn/ontology#Meeting" for _, _, t, _, _ in reports)
    by_source = {src: evidence for _, _, _, src, evidence in reports}
    assert by_source == {GRAPH_A: SENTENCE_A, GRAPH_B: SENTENCE_B}


def test_each_report_lives_in_its_own_article_graph_and_the_happening_in_the_happenings_graph(store):
    found = select(store, """
        SELECT ?g ?evidence WHERE {
          GRAPH <https://w3id.org/uscn/id/graph/happenings> { ?h a uscn:Happening ; uscn:report ?r . }
          GRAPH ?g { ?r uscn:evidence ?evidence . }
        }""", "g", "evidence")
    assert sorted(found) == sorted([(GRAPH_A, SENTENCE_A), (GRAPH_B, SENTENCE_B)])
    graphs = select(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?h a uscn:Happening } }", "g")
    assert graphs == [("https://w3id.org/uscn/id/graph/happenings",)]


def test_ingesting_an_article_again_changes_nothing(store, paths, errors):
    before = set(store.ox)
    report = ingest([paths[0]], store, on_error=errors.append)
    assert errors == []
    assert report.replaced == 1
    after = set(store.ox)
    assert len(store) == len(before)
    assert after == before


def test_ingesting_both_again_changes_nothing(store, paths, errors):
    before = set(store.ox)
    ingest(list(reversed(paths)), store, on_error=errors.append)
    assert set(store.ox) == before
    assert len(select(store, HAPPENINGS, "h")) == 1


def test_removing_one_article_leaves_the_happening_with_the_other_source(store):
    assert store.remove_graph(article_iri(ARTICLE_A["id"])) is True
    assert len(select(store, HAPPENINGS, "h")) == 1
    assert [src for _, src in select(store, SOURCES, "h", "src")] == [GRAPH_B]
    reports = select(store, REPORTS, "h", "r", "type", "src", "evidence")
    assert [(src, evidence) for _, _, _, src, evidence in reports] == [(GRAPH_B, SENTENCE_B)]


def test_articles_ingested_one_at_a_time_in_either_order_share_the_happening(tmp_path, paths):
    for order in (paths, tuple(reversed(paths))):
        s = GraphStore(tmp_path / ("store-" + Path(order[0]).stem))
        for path in order:
            ingest([path], s, on_error=lambda err: pytest.fail(str(err)))
        assert len(select(s, HAPPENINGS, "h")) == 1
        assert sorted(src for _, src in select(s, SOURCES, "h", "src")) == sorted([GRAPH_A, GRAPH_B])
        s.close()


ARTICLE_C = {"id": "blog-c-geneva", "published": "2025-05-13",
             "text": "Vice Premier He Lifeng and Treasury Secretary Scott Bessent held talks in Geneva last weekend. "
                     "Markets rallied."}


@pytest.mark.parametrize("first", ["exact", "weekend"])
def test_a_report_dated_to_the_weekend_joins_the_happening_of_the_day(tmp_path, paths, first):
    """'last weekend' (May 10-11) overlaps 'May 11': the stored happening is found, whichever came first."""
    weekend = write(tmp_path, ARTICLE_C)
    order = [paths[0], weekend] if first == "exact" else [weekend, paths[0]]
    s = GraphStore(tmp_path / "store")
    for path in order:
        ingest([path], s, on_error=lambda err: pytest.fail(str(err)))
    assert len(select(s, HAPPENINGS, "h")) == 1
    assert sorted(src for _, src in select(s, SOURCES, "h", "src")) == \
        sorted([GRAPH_A, article_iri(ARTICLE_C["id"]).value])
    s.close()
