"""The command line end to end, through click's CliRunner, on the seed articles and the corpus."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from conftest import CORPUS, EVAL, ROOT, SEEDS, need
from graph.cli import main

SEED_TXT = SEEDS / "000_6ff26e526b4dd854.txt"


def run(*args, ok=True, input=None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output + (result.stderr if result.stderr_bytes else "")
    return result


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A store with the seeds/ folder ingested once for the module."""
    store = tmp_path_factory.mktemp("seeded") / "store"
    run("ingest", SEEDS, "--store", store)
    return store


def quad_count(store) -> int:
    return len(ox.Store.read_only(str(store)))


# --- ingest ----------------------------------------------------------------------------
def test_ingest_reports_what_it_stored(tmp_path):
    result = run("ingest", SEED_TXT, "--store", tmp_path / "s")
    assert re.search(r"1 article\(s\) stored \(0 replaced\), \d+ event\(s\)", result.stderr)


def test_reingest_replaces_without_duplicates(tmp_path):
    store = tmp_path / "s"
    run("ingest", SEEDS, "--store", store)
    before = quad_count(store)
    result = run("ingest", SEEDS, "--store", store)
    assert "(13 replaced)" in result.stderr
    assert quad_count(store) == before


def test_bad_record_is_reported_and_others_carry_on(tmp_path):
    store = tmp_path / "s"
    run("ingest", SEED_TXT, "--store", store)
    before = quad_count(store)
    bad = tmp_path / "mixed.jsonl"
    good = {"id": "good-1", "title": "Call", "published": "2024-04-02",
            "text": "President Joe Biden spoke today with President Xi Jinping of China."}
    bad.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "no-text"}) + "\n", encoding="utf-8")
    result = run("ingest", bad, "--store", store, ok=False)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert f"{bad}: line 2" in errors[0] and f"{bad}: line 3" in errors[1]
    assert quad_count(store) > before  # the good record and the seed are both there
    titles = run("query", "SELECT ?t WHERE { ?a a uscn:Article ; uscn:title ?t } ORDER BY ?t",
                 "--format", "csv", "--store", store).stdout
    assert "Call" in titles and "Blinken Trip" in titles


def test_missing_file_is_one_line(tmp_path):
    result = run("ingest", tmp_path / "nope.txt", "--store", tmp_path / "s", ok=False)
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr and "Traceback" not in result.stderr


def test_stdin_dash(tmp_path):
    record = {"id": "stdin-1", "published": "2023-05-11", "text": "Jake Sullivan met Wang Yi in Vienna today."}
    run("ingest", "-", "--store", tmp_path / "s", input=json.dumps(record) + "\n")
    ids = run("query", "SELECT ?i WHERE { ?a dcterms:identifier ?i }", "--format", "csv",
              "--store", tmp_path / "s").stdout
    assert "stdin-1" in ids


def test_remove_article(tmp_path):
    store = tmp_path / "s"
    run("ingest", SEEDS, "--store", store)
    run("remove", "000_6ff26e526b4dd854", "--store", store)
    assert json.loads(run("stats", "--format", "json", "--store", store).stdout)["articles"] == 12
    assert run("remove", "000_6ff26e526b4dd854", "--store", store, ok=False).exit_code == 1


def test_store_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("USCN_STORE", str(tmp_path / "env-store"))
    run("ingest", SEED_TXT)
    assert (tmp_path / "env-store").is_dir()
    assert json.loads(run("stats", "--format", "json").stdout)["articles"] == 1


# --- export ----------------------------------------------------------------------------
def export(store, fmt, path):
    run("export", "--format", fmt, "--output", path, "--store", store)
    return path


def test_export_round_trips_every_format(seeded, tmp_path):
    union = {}
    for fmt, rdflib_fmt in (("turtle", "turtle"), ("ntriples", "nt")):
        g = rdflib.Graph().parse(export(seeded, fmt, tmp_path / f"g.{fmt}"), format=rdflib_fmt)
        union[fmt] = g
    assert len(union["turtle"]) > 1000
    assert isomorphic(union["turtle"], union["ntriples"])
    datasets = {}
    for fmt, rdflib_fmt in (("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")):
        d = rdflib.Dataset()
        d.parse(export(seeded, fmt, tmp_path / f"d.{fmt}"), format=rdflib_fmt)
        datasets[fmt] = d
    graph_names = {fmt: {str(g.identifier) for g in d.graphs() if len(g)} for fmt, d in datasets.items()}
    names = graph_names["nquads"] - {"urn:x-rdflib:default"}
    # 13 articles, the entities, the happenings, and the catalog's descriptions of the entities they
    # mention (under the ontology graph's name: each triple lives in one graph)
    assert len(names) == 16 and {"https://w3id.org/uscn/id/graph/entities", "https://w3id.org/uscn/id/graph/ontology",
                                 "https://w3id.org/uscn/id/graph/happenings"} <= names
    assert graph_names["nquads"] == graph_names["trig"] == graph_names["jsonld"]
    for name in graph_names["nquads"]:
        graphs = [d.graph(rdflib.URIRef(name)) for d in datasets.values()]
        assert isomorphic(graphs[0], graphs[1]) and isomorphic(graphs[0], graphs[2])


def test_turtle_read_by_independent_parsers(seeded, tmp_path):
    path = export(seeded, "turtle", tmp_path / "g.ttl")
    triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    assert len(triples) == len(rdflib.Graph().parse(path, format="turtle"))


def test_export_to_stdout_is_the_default(seeded):
    out = run("export", "--store", seeded).stdout
    assert out.startswith("@prefix") and "uscn:Visit" in out


def test_export_keeps_the_ontology_out_unless_asked(seeded, tmp_path):
    plain = rdflib.Graph().parse(export(seeded, "turtle", tmp_path / "a.ttl"))
    run("export", "--with-ontology", "--output", tmp_path / "b.ttl", "--store", seeded)
    full = rdflib.Graph().parse(tmp_path / "b.ttl")
    owl_class = (None, rdflib.RDF.type, rdflib.OWL.Class)
    assert not list(plain.triples(owl_class)) and list(full.triples(owl_class))


# --- query -----------------------------------------------------------------------------
def test_named_queries_listed_with_params():
    out = run("query", "--list").stdout
    assert "timeline:" in out and "--param" in out


def test_timeline_of_an_actor(seeded):
    out = run("query", "timeline", "--param", "actorName", "Antony Blinken", "--format", "csv",
              "--store", seeded).stdout
    rows = list(__import__("csv").DictReader(out.splitlines()))
    assert rows, out
    visit = [r for r in rows if "Visit" in json.dumps(r)]
    assert visit and any("2023-06-17" in json.dumps(r) for r in visit)


@pytest.mark.parametrize("name", ["events-by-month", "who-met-whom", "disputes-by-frequency"])
def test_named_queries_answer_on_the_seeds(seeded, name):
    data = json.loads(run("query", name, "--format", "json", "--store", seeded).stdout)
    assert data["results"]["bindings"], name


def test_query_results_json_is_w3c(seeded):
    data = json.loads(run("query", "SELECT ?a WHERE { ?a a uscn:Article } LIMIT 2", "--format", "json",
                          "--store", seeded).stdout)
    assert data["head"]["vars"] == ["a"] and len(data["results"]["bindings"]) == 2


def test_construct_prints_turtle(seeded):
    out = run("query", "CONSTRUCT { ?e a uscn:Meeting } WHERE { ?e a uscn:Meeting }", "--store", seeded).stdout
    assert len(rdflib.Graph().parse(data=out, format="turtle")) > 0


def test_update_refused_unless_asked(seeded, tmp_path):
    update = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    refused = run("query", update, "--store", seeded, ok=False)
    assert refused.exit_code == 1 and "--update" in refused.stderr
    store = tmp_path / "s"
    run("ingest", SEED_TXT, "--store", store)
    run("query", update, "--update", "--store", store)
    assert run("query", "ASK { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }", "--store", store).stdout.strip() == "true"


def test_bad_query_is_one_line(seeded):
    result = run("query", "SELECT ?x WHERE { ?x ", "--store", seeded, ok=False)
    assert result.exit_code == 1 and "does not parse" in result.stderr and "Traceback" not in result.stderr


def test_query_on_missing_store_says_what_to_do(tmp_path):
    result = run("query", "ASK {}", "--store", tmp_path / "none", ok=False)
    assert "uscn ingest" in result.stderr


# --- stats, validate, build ----------------------------------------------------------------
def test_stats(seeded):
    figures = json.loads(run("stats", "--format", "json", "--store", seeded).stdout)
    assert figures["articles"] == 13
    assert figures["published_from"] == "2021-02-10" and figures["published_to"] == "2025-02-01"
    assert figures["classes"]["Person"] > 10 and figures["classes"]["Meeting"] >= 1


def test_seed_graph_conforms_to_shapes(seeded):
    result = run("validate", "--store", seeded)
    assert "conforms" in result.stderr


def test_validate_fails_on_a_broken_graph(tmp_path):
    store = tmp_path / "s"
    run("ingest", SEED_TXT, "--store", store)
    run("query", "INSERT DATA { GRAPH <urn:g> { <urn:e> a uscn:Meeting ; rdfs:label \"a\", \"b\" } }",
        "--update", "--store", store)
    result = run("validate", "--store", store, ok=False)
    assert result.exit_code == 1 and "urn:e" in result.stdout


def test_build_writes_exports_and_page(tmp_path):
    out = tmp_path / "out"
    run("build", SEEDS, "--output", out)
    ttl = out / "graph.ttl"
    assert len(rdflib.Graph().parse(ttl)) > 1000
    assert len(list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))) > 1000
    assert (out / "index.html").is_file()


# --- help and the scorer -------------------------------------------------------------------
def test_every_command_has_help_with_an_example():
    for name, command in main.commands.items():
        assert command.help and "Example" in command.help, name


def test_python_dash_m_graph_runs():
    out = subprocess.run([sys.executable, "-m", "graph", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "ingest" in out.stdout


@pytest.mark.parametrize("articles,gold,entity,event,dates", [
    ("dev-articles.jsonl", "dev-gold.jsonl", "0.96", "0.92", "0.97"),            # 0.97 / 0.93 / 0.99
    ("dev-news-articles.jsonl", "dev-news-gold.jsonl", "0.95", "0.90", "0.97"),  # 0.96 / 0.91 / 0.99
])
def test_scorer_on_the_dev_sets_through_the_real_command_line(articles, gold, entity, event, dates):
    """The extraction figures on both dev sets, kept just under what they reached (in the comments)."""
    score = need(EVAL / "score.py")
    result = subprocess.run(
        [sys.executable, str(score), str(EVAL / articles), str(EVAL / gold),
         "--cli", f"{sys.executable} -m graph", "--json",
         "--min-entity-f1", entity, "--min-event-f1", event, "--min-date-accuracy", dates],
        capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads([l for l in result.stdout.splitlines() if l.startswith("{")][0])
    assert figures["evidence_share"] == 1.0


def test_whole_corpus_ingests_without_failures(tmp_path):
    result = run("ingest", need(CORPUS), "--store", tmp_path / "s")
    assert "135 article(s) stored" in result.stderr and "; 0 failed" in result.stderr


# --- analyze and render --------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("corpus") / "store"
    run("ingest", SEEDS, need(CORPUS), "--store", store)
    return store


def test_analyze_centrality_ranks_the_two_countries_first(corpus_store):
    rows = json.loads(run("analyze", "centrality", "--format", "json", "--store", corpus_store).stdout)
    assert {rows[0]["label"], rows[1]["label"]} == {"China", "United States"}
    assert all(0 <= r["pagerank"] <= 1 for r in rows)


@pytest.mark.parametrize("args", [["communities"], ["relations", "--period", "2023"], ["disputes"],
                                  ["ego", "Jake Sullivan"], ["path", "Antony Blinken", "Xi Jinping"],
                                  ["trend", "United States", "China", "--period", "2023..2024"]])
def test_analyze_answers_each_question(corpus_store, args):
    out = run("analyze", *args, "--format", "csv", "--store", corpus_store).stdout
    assert len(out.splitlines()) >= 2, out


def test_analyze_trend_months_fill_the_period(corpus_store):
    rows = json.loads(run("analyze", "trend", "United States", "China", "--period", "2023",
                          "--format", "json", "--store", corpus_store).stdout)
    assert [r["month"] for r in rows][:2] == ["2023-01", "2023-02"] and len(rows) <= 12


def test_analyze_unknown_actor_is_one_line(corpus_store):
    result = run("analyze", "ego", "Nobody Atall", "--store", corpus_store, ok=False)
    assert result.exit_code == 1 and "Nobody Atall" in result.stderr and "Traceback" not in result.stderr


def test_render_writes_an_offline_page(corpus_store, tmp_path):
    from graph.views import external_resources
    page = tmp_path / "p.html"
    run("render", "--output", page, "--actor", "Wang Yi", "--store", corpus_store)
    html = page.read_text(encoding="utf-8")
    assert "Wang Yi" in html and not external_resources(html)


def test_pairs_keep_their_dates_when_some_events_are_undated(seeded):
    rows = json.loads(run("query", "who-met-whom", "--param", "name", "Xi Jinping", "--format", "json",
                          "--store", seeded).stdout)["results"]["bindings"]
    biden = next(r for r in rows if r["aLabel"]["value"] == "Joe Biden" or r["bLabel"]["value"] == "Joe Biden")
    assert biden["first"]["value"] <= biden["last"]["value"]
