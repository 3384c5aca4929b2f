"""`uscn query`: W3C result formats, the time limit, Ctrl-C, and updates classified by parsing."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.query import Result

from conftest import SEEDS
from graph.cli import main
from graph.rdf.query import parses_as_update

RUNAWAY = "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f"
PEOPLE = ("SELECT ?p ?label ?n WHERE { ?p a uscn:Person ; rdfs:label ?label . BIND(STRLEN(?label) AS ?n) } "
          "ORDER BY ?p LIMIT 5")
SPARQL_NS = "{http://www.w3.org/2005/sparql-results#}"


def run(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    store = tmp_path_factory.mktemp("q") / "store"
    run("ingest", SEEDS, "--store", store)
    return store


@pytest.fixture(scope="module")
def expected(seeded):
    """The PEOPLE rows as pyoxigraph terms, read directly from the store."""
    store = ox.Store.read_only(str(seeded))
    from graph.rdf.vocab import PREFIXES
    sols = store.query(PEOPLE, prefixes=PREFIXES, use_default_graph_as_union=True)
    rows = [(s["p"], s["label"], s["n"]) for s in sols]
    assert len(rows) == 5
    return rows


def as_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    xsd_string = "http://www.w3.org/2001/XMLSchema#string"  # a simple literal, as RDF 1.1 has it
    datatype = None if term.datatype.value == xsd_string else rdflib.URIRef(term.datatype.value)
    return rdflib.Literal(term.value, datatype=datatype)


# --- W3C result formats -------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_formats_parse_as_w3c_results(seeded, expected, fmt):
    """Each format parses with rdflib's SPARQL result parsers and gives the store's terms."""
    out = run("query", PEOPLE, "--format", fmt, "--store", seeded).stdout_bytes
    parsed = Result.parse(io.BytesIO(out), format=fmt)
    assert [str(v) for v in parsed.vars] == ["p", "label", "n"]
    got = [tuple(row) for row in parsed]
    if fmt == "csv":  # CSV carries no types: IRIs in full, everything else as plain strings
        assert [tuple(str(t) for t in r) for r in got] == [tuple(t.value for t in r) for r in expected]
    else:
        assert got == [tuple(as_rdflib(t) for t in r) for r in expected]


def test_csv_writes_full_iris_and_crlf(seeded):
    out = run("query", PEOPLE, "--format", "csv", "--store", seeded).stdout_bytes
    assert out.startswith(b"p,label,n\r\n")
    rows = list(csv.reader(io.StringIO(out.decode())))
    assert all(r[0].startswith("https://w3id.org/uscn/id/person/") for r in rows[1:])


def test_tsv_writes_terms_in_turtle_syntax(seeded, expected):
    lines = run("query", PEOPLE, "--format", "tsv", "--store", seeded).stdout.splitlines()
    assert lines[0] == "?p\t?label\t?n"
    p, label, n = lines[1].split("\t")
    assert p == f"<{expected[0][0].value}>" and label == f'"{expected[0][1].value}"' and n == expected[0][2].value


def test_xml_is_the_w3c_namespace(seeded):
    root = ET.fromstring(run("query", PEOPLE, "--format", "xml", "--store", seeded).stdout_bytes)
    assert root.tag == f"{SPARQL_NS}sparql"
    assert [v.get("name") for v in root.iter(f"{SPARQL_NS}variable")] == ["p", "label", "n"]
    assert len(list(root.iter(f"{SPARQL_NS}result"))) == 5


def test_ask_in_every_format(seeded):
    assert run("query", "ASK { ?p a uscn:Person }", "--store", seeded).stdout == "true\n"
    assert json.loads(run("query", "ASK { ?p a uscn:Nothing }", "--format", "json", "--store", seeded).stdout) \
        == {"head": {}, "boolean": False}
    root = ET.fromstring(run("query", "ASK { ?p a uscn:Person }", "--format", "xml", "--store", seeded).stdout_bytes)
    assert root.find(f"{SPARQL_NS}boolean").text == "true"


def test_table_keeps_compact_iris(seeded):
    out = run("query", PEOPLE, "--store", seeded).stdout
    assert "ent:person/" in out and "https://" not in out and "(5 rows)" in out


@pytest.mark.parametrize("fmt,syntax", [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"),
                                        ("rdfxml", "xml")])
def test_construct_in_rdf_syntaxes(seeded, fmt, syntax):
    out = run("query", "CONSTRUCT { ?p a uscn:Person } WHERE { ?p a uscn:Person }", "--format", fmt,
              "--store", seeded).stdout
    graph = rdflib.Graph().parse(data=out, format=syntax)
    assert len(graph) > 10


def test_rows_in_an_rdf_syntax_is_one_clear_line(seeded):
    result = run("query", PEOPLE, "--format", "turtle", "--store", seeded, ok=False)
    assert result.exit_code == 1 and "--format" in result.stderr and "Traceback" not in result.output


# --- time limit and Ctrl-C ----------------------------------------------------------------
def test_runaway_query_stops_at_the_limit(seeded):
    start = time.perf_counter()
    result = run("query", RUNAWAY, "--timeout", "1", "--store", seeded, ok=False)
    elapsed = time.perf_counter() - start
    assert result.exit_code == 1
    assert "time limit of 1 s" in result.stderr and "--timeout" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert elapsed < 10  # the child is killed at the limit, not when the query would end (minutes)


def test_ctrl_c_stops_a_query_at_once_with_130(seeded):
    """A real process group gets SIGINT as a terminal sends it; the command ends at once."""
    uscn = Path(sys.executable).with_name("uscn")
    proc = subprocess.Popen([str(uscn), "query", RUNAWAY, "--store", str(seeded)], start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.5)  # well into the query
    assert proc.poll() is None
    sent = time.perf_counter()
    os.killpg(proc.pid, signal.SIGINT)
    try:
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130
    assert time.perf_counter() - sent < 3
    assert b"Traceback" not in proc.stderr.read()


# --- updates are classified by parsing -------------------------------------------------------
class Recorder(BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self):
        Recorder.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.end_headers()
        self.wfile.write(b"<urn:a> <urn:b> <urn:c> .\n")

    def log_message(self, *args):
        pass


def test_load_without_update_sends_no_request(seeded):
    server = HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/data.ttl"
        result = run("query", f"LOAD <{url}>", "--store", seeded, ok=False)
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 1 and "--update" in result.stderr
    assert Recorder.seen == []


@pytest.mark.parametrize("update", ["CLEAR GRAPH <urn:g>", "DROP GRAPH <urn:g>", "DROP SILENT GRAPH <urn:g>",
                                    "DELETE WHERE { ?s uscn:label ?o }", "CLEAR ALL"])
def test_updates_are_refused_in_one_line(seeded, update):
    result = run("query", update, "--store", seeded, ok=False)
    assert result.exit_code == 1 and "--update" in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_parses_as_update():
    assert parses_as_update("LOAD <http://example.org/x>")
    assert parses_as_update("PREFIX ex: <urn:x:> INSERT DATA { ex:a ex:b ex:c }")
    assert not parses_as_update("SELECT * WHERE { ?s ?p ?o }")
    assert not parses_as_update("DELET WHERE { ?s ?p ?o }")


def test_update_with_leave_changes_the_store(tmp_path):
    store = tmp_path / "s"
    run("ingest", SEEDS / "000_6ff26e526b4dd854.txt", "--store", store)
    run("query", "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }", "--update", "--store", store)
    run("query", "DROP GRAPH <urn:x>", "--update", "--store", store)
    assert run("query", "ASK { GRAPH <urn:x> { ?s ?p ?o } }", "--store", store).stdout == "false\n"


# --- named queries rewritten for speed give the rows of their earlier formulation ---------------
# Issue 9: the slow named queries were rewritten (scans joined on the report instead of a look-up
# per report). tests/queries_before holds the formulations they replaced; on a store with the seeds
# and a few reports made to hit the corners (reports with a class and its superclass, one without
# a Goldstein value, one in no happening, one undated, a happening of two reports that disagree,
# a report whose only party is on both sides, a person with their own country), each must give
# the same rows.
E = "https://w3id.org/uscn/id/"
CORNERS = f"""
PREFIX uscn: <https://w3id.org/uscn/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
INSERT DATA {{
  GRAPH <{E}article/corner-1> {{
    <{E}article/corner-1> a uscn:Article ; dcterms:identifier "corner-1" ; uscn:title "Corner one" ;
        uscn:published "2031-03-01"^^xsd:date ; uscn:mentions <{E}dispute/taiwan> .
    <{E}event/corner-a> a uscn:Summit, uscn:Meeting ; uscn:source <{E}article/corner-1> ;
        uscn:actor <{E}person/antony-blinken> ; uscn:target <{E}country/CHN> ;
        uscn:startDate "2031-03-02"^^xsd:date ; rdfs:label "Corner summit in Beijing" ;
        uscn:concerns <{E}dispute/taiwan> ; uscn:evidence "Blinken held a corner summit." .
    <{E}event/corner-b> a uscn:Accusation, uscn:Statement ; uscn:source <{E}article/corner-1> ;
        uscn:actor <{E}country/CHN> ; uscn:target <{E}country/USA> ; uscn:goldstein -5.0 ;
        uscn:startDate "2031-03-05"^^xsd:date ; rdfs:label "China accuses the United States" ;
        uscn:claimText "it broke the corner rules" ; uscn:concerns <{E}dispute/trade> .
    <{E}event/corner-c> a uscn:Meeting ; uscn:source <{E}article/corner-1> ; uscn:goldstein 1.0 ;
        uscn:actor <{E}country/USA> ; uscn:participant <{E}country/USA> ;
        uscn:startDate "2031-03-06"^^xsd:date ; rdfs:label "United States meets itself" .
    <{E}event/corner-f> a uscn:PhoneCall ; uscn:source <{E}article/corner-1> ; uscn:goldstein 1.0 ;
        uscn:actor <{E}country/USA> ; uscn:target <{E}country/CHN> ; rdfs:label "Undated corner call" .
  }}
  GRAPH <{E}article/corner-2> {{
    <{E}article/corner-2> a uscn:Article ; dcterms:identifier "corner-2" ; uscn:title "Corner two" ;
        uscn:published "2031-04-12"^^xsd:date .
    <{E}event/corner-d> a uscn:Meeting ; uscn:source <{E}article/corner-2> ; uscn:goldstein 3.0 ;
        uscn:actor <{E}person/wang-yi> ; uscn:target <{E}person/antony-blinken> ;
        uscn:startDate "2031-04-10"^^xsd:date ; rdfs:label "Wang Yi meets Blinken at the corner" ;
        uscn:concerns <{E}dispute/taiwan> .
  }}
  GRAPH <{E}article/corner-3> {{
    <{E}article/corner-3> a uscn:Article ; dcterms:identifier "corner-3" ; uscn:title "Corner three" ;
        uscn:published "2031-04-02"^^xsd:date .
    <{E}event/corner-e> a uscn:Meeting ; uscn:source <{E}article/corner-3> ; uscn:goldstein -1.0 ;
        uscn:actor <{E}person/wang-yi> ; uscn:target <{E}person/antony-blinken> ;
        uscn:startDate "2031-04-01"^^xsd:date ; rdfs:label "Wang Yi and Blinken meet" .
    <{E}event/corner-g> a uscn:Meeting ; uscn:source <{E}article/corner-3> ; uscn:goldstein 1.0 ;
        uscn:actor <{E}person/wang-yi> ; uscn:participant <{E}country/CHN> ;
        uscn:startDate "2031-05-01"^^xsd:date ; rdfs:label "Wang Yi meets his own country" .
  }}
  GRAPH <{E}graph/happenings> {{
    <{E}event/corner-h> a uscn:Happening ; uscn:eventType uscn:Meeting ;
        uscn:report <{E}event/corner-d>, <{E}event/corner-e> ;
        uscn:source <{E}article/corner-2>, <{E}article/corner-3> ;
        uscn:startDate "2031-04-10"^^xsd:date ; rdfs:label "Wang Yi meets Blinken at the corner" .
    <{E}event/corner-ha> a uscn:Happening ; uscn:eventType uscn:Summit ; uscn:report <{E}event/corner-a> ;
        uscn:source <{E}article/corner-1> ; uscn:startDate "2031-03-02"^^xsd:date ;
        rdfs:label "Corner summit in Beijing" .
  }}
}}
"""
BEFORE = Path(__file__).resolve().parent / "queries_before"
REWRITTEN = {
    "relation-balance": [{}, {"nameA": "United States", "nameB": "China"}, {"nameA": "China"},
                         {"nameB": "Wang Yi"}, {"nameA": "Antony Blinken", "nameB": "China"},
                         {"nameA": "ent:country/USA", "nameB": "ent:country/CHN"}, {"nameA": "China", "nameB": "Wang Yi"}],
    "disputes-by-frequency": [{}, {"fromDate": "2031-01-01"}, {"toDate": "2022-06-30"},
                              {"fromDate": "2031-03-01", "toDate": "2031-03-31"}],
    "who-met-whom": [{}, {"name": "Antony Blinken"}, {"name": "China"}, {"name": "Wang Yi"}],
    "claims": [{}, {"speaker": "China", "about": "United States"}, {"speaker": "China"},
               {"about": "United States"}, {"about": "China"}, {"speaker": "United States"}],
    "sources-of-event": [{}, {"label": "corner"}, {"label": "at the corner"}, {"label": "Blinken"}],
    "events-by-month": [{}, {"actorName": "China"}, {"actorName": "Antony Blinken"}, {"actorName": "Wang Yi"}],
    "entity-search": [{}, {"text": "wang"}, {"text": "united"}, {"text": "US"}],
    "co-participants": [{}, {"personName": "Antony Blinken"}, {"personName": "Wang Yi"}],
}


@pytest.fixture(scope="module")
def cornered(tmp_path_factory):
    from graph.rdf.store import GraphStore
    path = tmp_path_factory.mktemp("corners") / "store"
    run("ingest", SEEDS, "--store", path)
    store = GraphStore(path)
    store.update(CORNERS)
    store.close()
    store = GraphStore(path, read_only=True)
    yield store
    store.close()


def named_rows(store, text, params):
    from graph.rdf.query import rows, run as run_query
    return rows(run_query(store, text, params))


@pytest.mark.parametrize("name,params", [(n, p) for n, sets in REWRITTEN.items() for p in sets])
def test_rewritten_query_gives_the_rows_of_its_earlier_formulation(cornered, name, params):
    from graph.rdf.query import named_queries
    now = named_rows(cornered, named_queries()[name].text, params)
    before = named_rows(cornered, (BEFORE / f"{name}.rq").read_text(encoding="utf-8"), params)
    assert now == before
    assert now[1], "the comparison is empty"


def test_relation_balance_counts_the_corners(cornered):
    from graph.rdf.query import named_queries
    names, data = named_rows(cornered, named_queries()["relation-balance"].text,
                             {"nameA": "United States", "nameB": "China"})
    by_month = {r[names.index("month")]: r for r in data}
    # the summit (its class's score, 2.5) and the accusation (-5); not the meeting of the United
    # States with itself, not the undated call
    march = by_month["2031-03"]
    assert march[3:] == ["2", "-1.25", "1", "1"]
    # one happening of two reports (3 and -1): once, in the month of the earlier report, scored 1
    assert by_month["2031-04"][3:] == ["1", "1", "1", "0"]


def test_stats_class_counts_are_those_of_a_scan_of_every_type(cornered):
    """`uscn stats` counts each ontology class's instances by look-up; the same figures as the
    query it replaced, which scanned every rdf:type of the data graphs (and the mentions, written
    with no type: the subjects of uscn:refersTo)."""
    from graph.rdf.stats import store_stats
    from graph.rdf.vocab import BOOKKEEPING_GRAPHS, ONTOLOGY_GRAPH
    scan = """
    SELECT ?cls (COUNT(DISTINCT ?s) AS ?n) WHERE {
      { GRAPH ?g { ?s a ?cls } FILTER(?g NOT IN (%(bookkeeping)s)) }
      UNION
      { { SELECT DISTINCT ?s WHERE { GRAPH ?a { ?a uscn:mentions ?s } } } GRAPH %(ontology)s { ?s a ?cls } }
      UNION
      { GRAPH ?m { ?s uscn:refersTo ?e } BIND(uscn:Mention AS ?cls) }
      FILTER(STRSTARTS(STR(?cls), STR(uscn:)))
    } GROUP BY ?cls
    """ % {"bookkeeping": ", ".join(str(g) for g in BOOKKEEPING_GRAPHS), "ontology": ONTOLOGY_GRAPH}
    expected = {s["cls"].value.rsplit("#", 1)[-1]: int(s["n"].value) for s in cornered.query(scan, union=False)}
    assert store_stats(cornered)["classes"] == expected
    assert expected["Happening"] >= 2 and expected["Summit"] >= 1 and expected["Mention"] > 10
