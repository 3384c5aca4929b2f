"""A store on a real SPARQL server: ingest -> query -> export -> render through `--store URL`,
against an Oxigraph server (the `oxigraph` package) started on a free loopback port.

Every answer is compared with the embedded store's on the same input.
"""
from __future__ import annotations

import csv
import io
import re
import shlex
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from conftest import SEEDS
from graph.cli import main
from graph.rdf.query import named_queries, resolve
from graph.rdf.remote import endpoints, substituted
from graph.serve import free_port


def cli(*args, code=0):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def start_oxigraph(folder: Path):
    """`oxigraph serve` (read-write) on a free loopback port; (process, base URL)."""
    port = free_port()
    oxigraph = Path(sys.executable).with_name("oxigraph")
    proc = subprocess.Popen([str(oxigraph), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
            return proc, base
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"oxigraph serve ended: {proc.stderr.read().decode()}")
            time.sleep(0.1)
    proc.kill()
    pytest.fail("oxigraph serve did not answer in 20 s")


def stop(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    proc, base = start_oxigraph(tmp_path_factory.mktemp("oxigraph") / "data")
    yield base
    stop(proc)


@pytest.fixture(scope="module")
def stores(server, tmp_path_factory):
    """(embedded store folder, endpoint URL), each with the seeds ingested by the CLI."""
    local = tmp_path_factory.mktemp("embedded") / "store"
    url = server + "/query"
    cli("ingest", SEEDS, "--store", local)
    cli("ingest", SEEDS, "--store", url)
    return local, url


def nquads(location, *more) -> set[str]:
    return set(cli("export", "--format", "nquads", *more, "--store", location).output.splitlines())


def test_export_equals_the_embedded_store_quad_for_quad(stores):
    local, url = stores
    remote = nquads(url)
    assert len(remote) > 4000 and not any(q.startswith("_:") or " _:" in q for q in remote)
    assert remote == nquads(local)


def test_the_ontology_graph_is_the_same_graph(stores):
    """The ontology has blank nodes (lists, shapes), which servers name as they like: its quads are
    compared with every blank node written as one placeholder, as a sorted list (a multiset)."""
    blank = re.compile(r"_:[A-Za-z0-9]+")
    graphs = [sorted(blank.sub("_:b", q) for q in nquads(where, "--with-ontology") - nquads(where))
              for where in stores]
    assert len(graphs[1]) > 100 and graphs[0] == graphs[1]


def test_bulk_load_with_oxigraph_load(stores, tmp_path):
    """The README's bulk path: `uscn export --format nquads`, `oxigraph load`, then a server on the folder."""
    local, _ = stores
    dump = tmp_path / "graph.nq"
    cli("export", "--format", "nquads", "--with-ontology", "--output", dump, "--store", local)
    oxigraph = Path(sys.executable).with_name("oxigraph")
    subprocess.run([str(oxigraph), "load", "--location", str(tmp_path / "bulk"), "--file", str(dump)],
                   check=True, capture_output=True)
    proc, base = start_oxigraph(tmp_path / "bulk")
    try:
        assert nquads(base) == nquads(local)
        timeline = ["query", "timeline", "--param", "actorName", "Antony Blinken", "--format", "csv"]
        assert csv_rows(cli(*timeline, "--store", base).output) == csv_rows(cli(*timeline, "--store", local).output)
    finally:
        stop(proc)


def test_union_exports_are_the_same_triples(stores):
    local, url = stores
    for fmt in ("ntriples", "turtle"):
        graphs = []
        for location in (local, url):
            text = cli("export", "--format", fmt, "--store", location).stdout_bytes
            graphs.append({str(t) for t in ox.parse(text, {"ntriples": ox.RdfFormat.N_TRIPLES,
                                                            "turtle": ox.RdfFormat.TURTLE}[fmt])})
        assert graphs[0] == graphs[1] and graphs[0]


def test_ingest_again_replaces_each_article_as_a_unit(stores):
    local, url = stores
    before = nquads(url)
    out = cli("ingest", SEEDS, "--store", url).output
    assert "13 article(s) stored (13 replaced)" in out
    assert nquads(url) == before


def csv_rows(text: str) -> tuple[list[str], list[list[str]]]:
    """Header and sorted rows; a cell that lists values (GROUP_CONCAT, whose order SPARQL leaves
    to the engine's plan) compares by its sorted items."""
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], sorted([", ".join(sorted(cell.split(", "))) for cell in row] for row in rows[1:])


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_answers_as_on_the_embedded_store(stores, name):
    """Named queries with their example parameters (bound by VALUES on the server) give the same rows."""
    local, url = stores
    example = named_queries()[name].example
    args = shlex.split(example)[3:] if example.startswith("uscn query ") else []
    answers = [csv_rows(cli("query", name, *args, "--format", "csv", "--store", where).output)
               for where in (local, url)]
    assert answers[0] == answers[1]


def test_ad_hoc_select_ask_and_construct(stores):
    local, url = stores
    people = "SELECT ?p ?l WHERE { ?p a uscn:Person ; rdfs:label ?l }"
    answers = [cli("query", people, "--format", "csv", "--store", w).output for w in (local, url)]
    assert csv_rows(answers[0]) == csv_rows(answers[1]) and len(csv_rows(answers[1])[1]) >= 10
    assert cli("query", "ASK { ?m a uscn:Meeting }", "--store", url).output == "true\n"
    meetings = "CONSTRUCT { ?m a uscn:Meeting } WHERE { ?m a uscn:Meeting }"
    triples = [set(cli("query", meetings, "--format", "ntriples", "--store", w).output.splitlines())
               for w in (local, url)]
    assert triples[0] == triples[1] and triples[1]


def test_stats_analyze_validate_and_articles_agree(stores):
    local, url = stores
    for command in (["stats", "--format", "json"], ["articles", "--format", "json"],
                    ["analyze", "centrality", "--format", "json"], ["timeline", "--format", "json"]):
        assert cli(*command, "--store", url).output == cli(*command, "--store", local).output, command
    local_validation = CliRunner().invoke(main, ["validate", "--store", str(local)])
    remote_validation = CliRunner().invoke(main, ["validate", "--store", url])
    assert (remote_validation.exit_code, remote_validation.output) == (local_validation.exit_code,
                                                                        local_validation.output)


def test_render_draws_the_same_page(stores, tmp_path):
    local, url = stores
    pages = []
    for i, where in enumerate((local, url)):
        page = tmp_path / f"page{i}.html"
        cli("render", "--output", page, "--store", where)
        pages.append(page.read_bytes())
    assert b"Xi Jinping" in pages[1]
    assert pages[0] == pages[1]


def test_remove_takes_the_article_off_the_server(tmp_path):
    proc, base = start_oxigraph(tmp_path / "data")
    try:
        cli("ingest", SEEDS / "000_6ff26e526b4dd854.txt", "--store", base)
        ids = cli("articles", "--format", "json", "--store", base).output
        article = __import__("json").loads(ids)[0]["id"]
        cli("remove", article, "--store", base)
        assert cli("articles", "--format", "json", "--store", base).output.strip() == "[]"
    finally:
        stop(proc)


def test_read_only_commands_refuse_to_write(stores):
    _, url = stores
    result = CliRunner().invoke(main, ["query", "DROP ALL", "--store", url])
    assert result.exit_code == 1 and "update" in result.output.lower()
    assert nquads(url)


def test_unreachable_server_is_one_line():
    url = f"http://127.0.0.1:{free_port()}/query"
    result = CliRunner().invoke(main, ["stats", "--store", url])
    assert result.exit_code == 1
    assert "cannot be reached" in result.output and "Traceback" not in result.output


def test_serve_refuses_an_endpoint(stores):
    _, url = stores
    result = CliRunner().invoke(main, ["serve", "--store", url])
    assert result.exit_code == 2 and "SPARQL endpoint already" in result.output


def test_store_env_takes_a_url(stores, monkeypatch):
    local, url = stores
    monkeypatch.setenv("USCN_STORE", url)
    assert CliRunner().invoke(main, ["stats", "--format", "json"]).output == \
        cli("stats", "--format", "json", "--store", local).output


def test_endpoint_urls():
    assert endpoints("http://h:7878") == ("http://h:7878/query", "http://h:7878/update")
    assert endpoints("http://h:7878/query") == ("http://h:7878/query", "http://h:7878/update")
    assert endpoints("https://h/ds") == ("https://h/ds", "https://h/ds")


def test_substitution_writes_values_in_place_and_binds_projected_variables():
    q = ('SELECT ?a (COUNT(*) AS ?n) WHERE { { ?s ?p "?a { SELECT }" FILTER (COALESCE(?a, "") = "") } UNION '
         '{ SELECT ?a WHERE { ?a <http://x/#{?a> ?b } } } GROUP BY ?a ORDER BY DESC(?n) ?a # SELECT { ?a')
    out = substituted(q, {ox.Variable("a"): ox.Literal("x")})
    assert out == ('SELECT ?a (COUNT(*) AS ?n) WHERE { VALUES (?a) { ("x") }  { ?s ?p "?a { SELECT }" '
                   'FILTER (COALESCE("x", "") = "") } UNION { SELECT ?a WHERE { VALUES (?a) { ("x") }  '
                   '"x" <http://x/#{?a> ?b } } } GROUP BY ?a ORDER BY DESC(?n) ?a # SELECT { ?a')
    construct = substituted("CONSTRUCT { ?a ?b ?c } WHERE { ?a ?b ?c }", {ox.Variable("a"): ox.NamedNode("http://x/a")})
    assert construct == ("CONSTRUCT { <http://x/a> ?b ?c } WHERE { VALUES (?a) { (<http://x/a>) }  "
                         "<http://x/a> ?b ?c }")


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_still_parses_with_its_parameters_written_in(name):
    """substituted() (used for servers without SEP-0007) keeps each named query valid SPARQL:
    a parameter test inside a LATERAL must not bind the parameter a second time."""
    from graph.rdf.remote import prefixed, substituted
    from graph.rdf.vocab import PREFIXES
    named = named_queries()[name]
    values = {ox.Variable(re.match(r"\w+", p).group()): ox.Literal("2023-01-01" if "Date" in p else "China")
              for p in named.params}
    list(ox.Store().query(prefixed(substituted(resolve(name), values), PREFIXES)))
