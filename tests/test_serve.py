"""`uscn serve`: a real endpoint on a free loopback port, asked by SPARQLWrapper and plain HTTP."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.query import Result
from SPARQLWrapper import CSV, JSON, N3, POST, TSV, TURTLE, XML, JSONLD, SPARQLWrapper

from conftest import SEEDS
from graph.cli import main
from graph.rdf.query import named_queries
from graph.serve import free_port

UNION_TIMEOUT = 2
PEOPLE = ("PREFIX uscn: <https://w3id.org/uscn/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
          "SELECT ?p ?label ?n WHERE { ?p a uscn:Person ; rdfs:label ?label . BIND(STRLEN(?label) AS ?n) } "
          "ORDER BY ?p LIMIT 5")
MEETINGS = ("PREFIX uscn: <https://w3id.org/uscn/ontology#> "
            "CONSTRUCT { ?e a uscn:Meeting } WHERE { ?e a uscn:Meeting }")
RUNAWAY = "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f"
ACCEPT = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
          "csv": "text/csv", "tsv": "text/tab-separated-values"}


def cli(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def store_digest(store: Path) -> list:
    s = ox.Store.read_only(str(store))
    try:
        return sorted(str(q) for q in s)
    finally:
        del s


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    store = tmp_path_factory.mktemp("serve") / "store"
    cli("ingest", SEEDS, "--store", store)
    return store


@pytest.fixture(scope="module")
def endpoint(seeded):
    """`uscn serve` in its own process on a free loopback port; its base URL."""
    port = free_port()
    uscn = Path(sys.executable).with_name("uscn")
    proc = subprocess.Popen([str(uscn), "serve", "--store", str(seeded), "--port", str(port),
                             "--timeout", str(UNION_TIMEOUT)], stderr=subprocess.PIPE, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"uscn serve ended: {proc.stderr.read().decode()}")
                time.sleep(0.1)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            raise


def http(url, data: bytes | None = None, headers: dict | None = None):
    """(status, content type, body) of one plain HTTP request."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


def get(base, query, accept, **extra):
    params = urllib.parse.urlencode({"query": query, **extra})
    return http(f"{base}/sparql?{params}", headers={"Accept": accept})


# --- real clients ------------------------------------------------------------------------------
def test_sparqlwrapper_json_and_xml(endpoint):
    sw = SPARQLWrapper(endpoint + "/sparql")
    sw.setQuery(PEOPLE)
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]
    assert len(rows) == 5 and rows[0]["p"]["type"] == "uri" and rows[0]["n"]["datatype"].endswith("#integer")
    sw.setReturnFormat(XML)
    doc = sw.query().convert()
    assert len(doc.getElementsByTagName("result")) == 5


@pytest.mark.parametrize("fmt,parse", [(CSV, "csv"), (TSV, "tsv")])
def test_sparqlwrapper_csv_tsv_post(endpoint, fmt, parse):
    sw = SPARQLWrapper(endpoint + "/sparql")
    sw.setQuery(PEOPLE)
    sw.setMethod(POST)
    sw.setReturnFormat(fmt)
    data = sw.query().convert()
    assert len(list(Result.parse(io.BytesIO(data), format=parse))) == 5


@pytest.mark.parametrize("fmt", [TURTLE, JSONLD])
def test_sparqlwrapper_construct(endpoint, fmt):
    sw = SPARQLWrapper(endpoint + "/sparql")
    sw.setQuery(MEETINGS)
    sw.setReturnFormat(fmt)
    graph = sw.queryAndConvert()
    if not isinstance(graph, rdflib.Graph):
        graph = rdflib.Graph().parse(data=graph, format="turtle")
    assert len(graph) >= 1


# --- plain HTTP, every W3C format, byte for byte what `uscn query` writes ------------------
@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_every_result_format_matches_the_cli(endpoint, seeded, fmt):
    status, ctype, body = get(endpoint, PEOPLE, ACCEPT[fmt])
    assert status == 200 and ctype.startswith(ACCEPT[fmt])
    parsed = Result.parse(io.BytesIO(body), format=fmt)
    assert [str(v) for v in parsed.vars] == ["p", "label", "n"] and len(list(parsed)) == 5
    assert body == cli("query", PEOPLE, "--format", fmt, "--store", seeded).stdout_bytes


def test_post_forms(endpoint):
    form = urllib.parse.urlencode({"query": PEOPLE}).encode()
    status, _, body = http(endpoint + "/query", form, {"Content-Type": "application/x-www-form-urlencoded",
                                                      "Accept": ACCEPT["json"]})
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 5
    status, _, body = http(endpoint + "/sparql", PEOPLE.encode(), {"Content-Type": "application/sparql-query",
                                                                  "Accept": ACCEPT["xml"]})
    assert status == 200 and ET.fromstring(body).tag.endswith("sparql")


@pytest.mark.parametrize("accept,syntax", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                           ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")])
def test_construct_in_rdf_syntaxes(endpoint, accept, syntax):
    status, ctype, body = get(endpoint, MEETINGS, accept)
    assert status == 200 and ctype.startswith(accept)
    assert len(rdflib.Graph().parse(data=body, format=syntax)) >= 1


def test_ask(endpoint):
    status, _, body = get(endpoint, "ASK { ?s ?p ?o }", ACCEPT["json"])
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}


# --- the dataset: union by default, each article graph by name -----------------------------
def test_default_graph_is_the_union_and_graphs_have_names(endpoint):
    q = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a a <https://w3id.org/uscn/ontology#Article> } } "
         "GROUP BY ?g")
    rows = json.loads(get(endpoint, q, ACCEPT["json"])[2])["results"]["bindings"]
    assert len(rows) == 13  # one graph per seed article, each named
    article = rows[0]["g"]["value"]
    one = f"SELECT ?a WHERE {{ GRAPH <{article}> {{ ?a a <https://w3id.org/uscn/ontology#Article> }} }}"
    assert [r["a"]["value"] for r in json.loads(get(endpoint, one, ACCEPT["json"])[2])["results"]["bindings"]] \
        == [article]
    union = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/uscn/ontology#Article> }"
    assert json.loads(get(endpoint, union, ACCEPT["json"])[2])["results"]["bindings"][0]["n"]["value"] == "13"
    chosen = json.loads(get(endpoint, union, ACCEPT["json"], **{"default-graph-uri": article})[2])
    assert chosen["results"]["bindings"][0]["n"]["value"] == "1"


def test_one_row_per_person_on_the_endpoint(endpoint):
    """Each triple lives in one graph, so the union default graph gives a person's type and label once."""
    q = ("PREFIX uscn: <https://w3id.org/uscn/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
         "SELECT ?p WHERE { ?p a uscn:Person ; rdfs:label ?l }")
    people = [r["p"]["value"] for r in json.loads(get(endpoint, q, ACCEPT["json"])[2])["results"]["bindings"]]
    assert "https://w3id.org/uscn/id/person/antony-blinken" in people
    assert len(people) == len(set(people))


# --- bounds: time limit, read-only --------------------------------------------------------
def test_runaway_query_stops_at_the_limit_and_the_endpoint_carries_on(endpoint):
    start = time.perf_counter()
    status, ctype, body = get(endpoint, RUNAWAY, ACCEPT["json"])
    elapsed = time.perf_counter() - start
    assert status == 503 and ctype.startswith("text/plain")
    assert f"time limit of {UNION_TIMEOUT} s" in body.decode()
    assert elapsed < UNION_TIMEOUT + 5
    for _ in range(3):  # the killed worker is replaced; queries go on
        assert get(endpoint, "ASK { ?s ?p ?o }", ACCEPT["json"])[0] == 200


def test_the_store_is_never_written(endpoint, seeded):
    before = store_digest(seeded)
    update = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    attempts = [
        http(endpoint + "/sparql", urllib.parse.urlencode({"update": update}).encode(),
             {"Content-Type": "application/x-www-form-urlencoded"}),
        http(endpoint + "/sparql", update.encode(), {"Content-Type": "application/sparql-update"}),
        http(endpoint + "/update", update.encode(), {"Content-Type": "application/sparql-update"}),
        http(endpoint + "/sparql?" + urllib.parse.urlencode({"update": "CLEAR ALL"})),
        http(endpoint + "/store?default", b"<urn:a> <urn:b> <urn:c> .", {"Content-Type": "application/n-triples"}),
        get(endpoint, update, ACCEPT["json"]),  # an update sent as a query does not parse
    ]
    assert [a[0] for a in attempts[:5]] == [403] * 5 and attempts[5][0] == 400
    assert b"read-only" in attempts[0][2]
    delete = urllib.request.Request(endpoint + "/store?default", method="DELETE")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(delete, timeout=10)
    assert refused.value.code == 403
    assert store_digest(seeded) == before


# --- pages ---------------------------------------------------------------------------------
def test_index_links_the_page_queries_editor_and_endpoint(endpoint):
    status, ctype, body = http(endpoint + "/")
    text = body.decode()
    assert status == 200 and ctype.startswith("text/html")
    for link in ('href="graph"', 'href="queries"', 'href="editor/"', "/sparql"):
        assert link in text


def test_named_queries_page_lists_every_query(endpoint):
    text = http(endpoint + "/queries")[2].decode()
    for name, nq in named_queries().items():
        assert f'id="{name}"' in text
        status, ctype, body = http(f"{endpoint}/queries/{name}.rq")
        assert status == 200 and body.decode() == nq.text


def test_named_query_runs_on_the_endpoint(endpoint):
    status, _, body = get(endpoint, named_queries()["events-by-month"].text, ACCEPT["json"])
    assert status == 200 and json.loads(body)["results"]["bindings"]


def test_graph_page_and_editor(endpoint):
    status, ctype, body = http(endpoint + "/graph")
    assert status == 200 and ctype.startswith("text/html") and b"<html" in body.lower()
    status, ctype, body = http(endpoint + "/editor/")
    assert status == 200 and b"yasgui" in body.lower()
    assert http(endpoint + "/editor/yasgui.min.js")[0] == 200


def test_serve_defaults_to_loopback():
    out = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "127.0.0.1" in out and "7878" in out


def test_missing_store_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1 and "uscn ingest" in result.output and "Traceback" not in result.output
