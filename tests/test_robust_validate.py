"""Issue 8, item 6: `uscn validate` gives pySHACL-with-RDFS's answer, fast enough for the corpus.

The speed is measured by scripts/bench_validate.py, not here; these tests check that
the fast path finds exactly what the reference (pySHACL's own RDFS inference) finds.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import SEEDS
from graph.cli import main
from graph.rdf.store import GraphStore
from graph.rdf.validate import class_choices, shapes_graph, validate, validate_rdfs

SEED_TXT = SEEDS / "000_6ff26e526b4dd854.txt"
BROKEN = """
INSERT DATA { GRAPH <urn:g> {
  <urn:e> a uscn:Meeting ; rdfs:label "a", "b" .
  <urn:both> a uscn:Person, uscn:Country ; rdfs:label "Both" .
  <urn:h> a uscn:Happening ; uscn:eventType uscn:Meeting, uscn:Summit ; rdfs:label "h" .
  <urn:m> a uscn:Mention ; uscn:refersTo <urn:e> ; uscn:inArticle <urn:nowhere> ;
          uscn:startOffset 1 ; uscn:endOffset 0 ; uscn:anchorText "" .
} }
"""


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    store = tmp_path_factory.mktemp("val") / "s"
    assert run("ingest", SEED_TXT, "--store", store).exit_code == 0
    assert run("query", BROKEN, "--update", "--store", store).exit_code == 0
    return store


def test_fast_validation_finds_what_pyshacl_with_rdfs_finds(broken):
    s = GraphStore(broken, read_only=True)
    fast, reference = validate(s), validate_rdfs(s)
    s.close()
    assert fast[0] is reference[0] is False
    assert len(fast[1]) >= 5
    assert fast[1] == reference[1]
    assert any(line.startswith("urn:both ") for line in fast[1])          # the xone of classes
    assert any(line.startswith("urn:m ") and "refersTo" in line for line in fast[1])   # an sh:or of classes


def test_validate_command_lists_the_violations(broken):
    result = run("validate", "--store", broken)
    assert result.exit_code == 1
    assert "urn:h" in result.stdout and "does not conform" in result.stderr


def test_the_class_lists_of_the_shapes_are_checked_in_sparql():
    kinds = [(str(c.kind).rsplit("#", 1)[-1], c.path and c.path.rsplit("#", 1)[-1]) for c in class_choices(shapes_graph(None))]
    assert ("xone", None) in kinds and ("or", "mentions") in kinds and ("or", "refersTo") in kinds


def test_the_data_reaches_rdflib_as_its_parser_reads_it():
    """pySHACL sees the same graph as through rdflib's N-Triples parser: every kind of term."""
    import io

    import pyoxigraph as ox
    import rdflib
    import rdflib.compare

    from graph.rdf.validate import _to_rdflib
    text = ('<http://x/a> <http://x/p> "plain" .\n'
            '<http://x/a> <http://x/p> "tagged"@en-GB .\n'
            '<http://x/a> <http://x/p> "1.50"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n'
            '<http://x/a> <http://x/p> "2024-05-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
            '<http://x/a> <http://x/p> "x"^^<http://www.w3.org/2001/XMLSchema#string> .\n'
            '<http://x/a> <http://x/p> "tab\\tquote\\" \\u00e9"^^<http://x/custom> .\n'
            '_:b1 <http://x/q> <http://x/a> .\n_:b1 <http://x/q> _:b2 .\n')
    store = ox.Store()
    store.load(text.encode(), ox.RdfFormat.N_TRIPLES)
    got = _to_rdflib(store)
    buf = io.BytesIO()
    store.dump(buf, ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    want = rdflib.Graph().parse(data=buf.getvalue(), format="nt")
    assert len(got) == len(want) == 8
    assert rdflib.compare.isomorphic(got, want)


MORE_BROKEN = """
INSERT DATA { GRAPH <urn:g2> {
  <urn:m2> a uscn:EvidenceSpan ; uscn:inArticle "not a node", <urn:e> ;
           uscn:startOffset "x"^^xsd:integer, 3 ; uscn:endOffset -1 ; uscn:anchorText "t"@en, "u" .
  <urn:m3> a uscn:Mention, uscn:EvidenceSpan ; uscn:startOffset 5 ; uscn:endOffset 9 ; uscn:anchorText _:b .
  <urn:e2> a uscn:Statement ; rdfs:label "said"@en ; uscn:source "not an IRI" ; uscn:evidence 7 .
  <urn:h2> a uscn:Happening ; rdfs:label "one", "two" ; uscn:report <urn:m3> .
} }
"""


def test_the_simple_property_shapes_checked_in_sparql_give_what_pyshacl_gives(broken, tmp_path, monkeypatch):
    """Counts, node kinds, classes, datatypes (ill-typed, language-tagged), bounds, lengths and
    lessThan, several values and blank nodes: the same lines as pySHACL on the same data."""
    import shutil
    import graph.rdf.validate as V
    store = tmp_path / "s"
    shutil.copytree(broken, store)
    assert run("query", MORE_BROKEN, "--update", "--store", store).exit_code == 0
    kinds = {name for p in V.simple_properties(shapes_graph(None)) for name, _ in p.constraints}
    assert kinds == {"minCount", "maxCount", "nodeKind", "class", "datatype", "minInclusive", "minLength", "lessThan"}
    s = GraphStore(store, read_only=True)
    fast = validate(s)
    monkeypatch.setattr(V, "simple_properties", lambda shapes: [])
    by_pyshacl = validate(s)
    s.close()
    assert fast == by_pyshacl and len(fast[1]) >= 20
    assert any(line.startswith("urn:m2 ") and "startOffset" in line for line in fast[1])
