"""Issue 9: a mention is written as four triples in its article's graph (uscn:refersTo, the
offsets, the words), without the rdf:type uscn:Mention (uscn:refersTo's domain gives it) and the
uscn:inArticle (the graph is the article) that stores written by earlier versions also carry.

Both layouts must read the same: the shapes accept both, the named queries give the same rows,
`uscn stats` the same class counts, a union export the same triples.
"""
from __future__ import annotations

import io
import shlex
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from conftest import SEEDS
from graph.cli import main
from graph.model import Mention
from graph.rdf.export import export
from graph.rdf.query import named_queries, rows, run as run_query
from graph.rdf.stats import store_stats
from graph.rdf.store import GraphStore
from graph.rdf.triples import mention_triples
from graph.rdf.validate import class_choices, shapes_graph, simple_properties, validate, validate_rdfs
from graph.rdf.vocab import ARTICLE, term, uscn

REFERS_TO, IN_ARTICLE, MENTION, A = uscn("refersTo"), uscn("inArticle"), uscn("Mention"), term("rdf", "type")
# What a store written by an earlier version holds besides: each mention typed and tied to its article.
OLD_LAYOUT = """
INSERT { GRAPH ?g { ?m a uscn:Mention ; uscn:inArticle ?g } } WHERE { GRAPH ?g { ?m uscn:refersTo ?e } }
"""
BEFORE = Path(__file__).resolve().parent / "queries_before"


def cli(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def layouts(tmp_path_factory):
    """The seeds ingested (the new layout), and a copy given the old layout's two extra triples."""
    base = tmp_path_factory.mktemp("layout")
    cli("ingest", SEEDS, "--store", base / "new")
    shutil.copytree(base / "new", base / "old")
    old = GraphStore(base / "old")
    old.update(OLD_LAYOUT)
    old.close()
    stores = GraphStore(base / "new", read_only=True), GraphStore(base / "old", read_only=True)
    yield stores
    for s in stores:
        s.close()


def test_mention_triples_are_four_without_type_or_article():
    g = f"<{ARTICLE}a1>"
    triples = list(mention_triples(Mention("person/wang-yi", 60, 67, "Wang Yi"), g))
    node = f"<{ARTICLE}a1/mention/60-67/person/wang-yi>"
    assert triples == [(node, str(REFERS_TO), "<https://w3id.org/uscn/id/person/wang-yi>"),
                       (node, str(uscn("startOffset")), '"60"^^<http://www.w3.org/2001/XMLSchema#integer>'),
                       (node, str(uscn("endOffset")), '"67"^^<http://www.w3.org/2001/XMLSchema#integer>'),
                       (node, str(uscn("anchorText")), '"Wang Yi"')]


def test_an_ingested_mention_is_four_triples_in_its_article_graph(layouts):
    new, _ = layouts
    mentions = list(new.ox.quads_for_pattern(None, REFERS_TO, None))
    assert len(mentions) > 300
    for q in mentions:
        assert q.graph_name.value.startswith(ARTICLE) and q.subject.value.startswith(q.graph_name.value + "/mention/")
        said = {p.predicate for p in new.ox.quads_for_pattern(q.subject, None, None)}
        assert said == {REFERS_TO, uscn("startOffset"), uscn("endOffset"), uscn("anchorText")}
        assert {p.graph_name for p in new.ox.quads_for_pattern(q.subject, None, None)} == {q.graph_name}
    assert not list(new.ox.quads_for_pattern(None, A, MENTION))
    # evidence spans keep theirs
    spans = list(new.ox.quads_for_pattern(None, A, uscn("EvidenceSpan")))
    assert spans and all(list(new.ox.quads_for_pattern(s.subject, IN_ARTICLE, s.graph_name, s.graph_name))
                         for s in spans)


def test_the_shapes_accept_both_layouts(layouts):
    for store in layouts:
        conforms, lines = validate(store)
        assert conforms, lines[:5]


def test_the_shapes_reach_untyped_mentions_in_sparql_as_pyshacl_does(tmp_path):
    """A broken mention written as the new layout writes them (no type): the fast checks (SPARQL)
    and pySHACL with its own RDFS inference report the same lines, and the mention shapes are
    checked in SPARQL, not node by node in pySHACL."""
    store = tmp_path / "s"
    cli("ingest", SEEDS / "000_6ff26e526b4dd854.txt", "--store", store)
    cli("query", 'INSERT DATA { GRAPH <urn:g> { <urn:m9> uscn:refersTo "not an entity" ; '
        'uscn:startOffset 9 ; uscn:endOffset 3 . } }', "--update", "--store", store)
    s = GraphStore(store, read_only=True)
    fast, reference = validate(s), validate_rdfs(s)
    s.close()
    assert fast == reference and fast[0] is False
    broken = [line for line in fast[1] if line.startswith("urn:m9 ")]
    assert any("anchorText" in line for line in broken) and any("refersTo" in line for line in broken)
    assert any("startOffset" in line and "before it ends" in line for line in broken)
    shapes = shapes_graph(None)
    refers = REFERS_TO.value
    assert any(refers in c.targets[1] for c in class_choices(shapes))
    assert {p.path.rsplit("#", 1)[-1] for p in simple_properties(shapes) if refers in p.targets[1]} >= \
        {"startOffset", "endOffset", "anchorText", "inArticle"}


def params_of(example: str) -> dict[str, str]:
    words = shlex.split(example)
    return {words[i + 1]: words[i + 2] for i, w in enumerate(words) if w == "--param" and i + 2 < len(words)}


def named_rows(store, text, params):
    return rows(run_query(store, text, params))


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_queries_give_the_same_rows_on_both_layouts(layouts, name):
    new, old = layouts
    query = named_queries()[name]
    for params in ({}, params_of(query.example)):
        assert named_rows(new, query.text, params) == named_rows(old, query.text, params)


@pytest.mark.parametrize("name,params", [("articles-mentioning", {}), ("articles-mentioning", {"name": "Wang Yi"}),
                                         ("articles-mentioning", {"name": "Taiwan"}),
                                         ("entity-search", {}), ("entity-search", {"text": "wang"})])
def test_mention_counts_are_those_of_the_queries_before(layouts, name, params):
    """The formulation before (which asked for uscn:inArticle) on a store of the old layout gives
    the rows the named query gives on the new one, mention counts included."""
    new, old = layouts
    now = named_rows(new, named_queries()[name].text, params)
    before = named_rows(old, (BEFORE / f"{name}.rq").read_text(encoding="utf-8"), params)
    assert now == before
    counts = [int(r[now[0].index("mentions")]) for r in now[1]]
    assert counts and max(counts) > 1


def test_stats_count_the_mentions_once_on_both_layouts(layouts):
    new, old = layouts
    classes = store_stats(new)["classes"]
    assert classes == store_stats(old)["classes"]
    assert classes["Mention"] == len({q.subject for q in new.ox.quads_for_pattern(None, REFERS_TO, None)})


def test_a_union_export_reads_as_the_old_layout(layouts):
    """Turtle and N-Triples have no graphs: each mention's type and article are written out, so
    both layouts export the same triples; TriG and N-Quads keep the graphs, and the store's quads."""
    new, old = layouts

    def triples(store, fmt, **options):
        buf = io.BytesIO()
        export(store, buf, fmt, **options)
        rdf = {"ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS}[fmt]
        return [str(t) for t in ox.parse(buf.getvalue(), rdf)]

    new_nt, old_nt = triples(new, "ntriples"), triples(old, "ntriples")
    assert len(new_nt) == len(set(new_nt)) and len(old_nt) == len(set(old_nt))   # none twice
    assert set(new_nt) == set(old_nt)
    stored = triples(new, "ntriples", mention_articles=False)
    assert len(new_nt) - len(stored) == 2 * len(list(new.ox.quads_for_pattern(None, REFERS_TO, None)))
    assert not any(str(IN_ARTICLE) in q and "/mention/" in q.split(" ")[0] for q in triples(new, "nquads"))
