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
