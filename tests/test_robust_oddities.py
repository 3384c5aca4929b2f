"""Issue 8, items 10 (--param) and 11: silent oddities get a clear word, through the real CLI."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from graph.cli import main

BODY = "President Biden met Xi Jinping in Woodside, California, on Wednesday to discuss fentanyl."


def run(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    assert "Traceback" not in result.output + result.stderr
    return result


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """One dated and one undated article."""
    folder = tmp_path_factory.mktemp("odd")
    path = folder / "a.jsonl"
    path.write_text(json.dumps({"id": "dated", "text": BODY, "published": "2023-11-15"}) + "\n"
                    + json.dumps({"id": "undated", "text": BODY}) + "\n")
    result = run("ingest", path, "--store", folder / "s")
    return folder / "s", result.stderr


def test_stats_range_with_an_undated_article(store):
    out = run("stats", "--store", store[0]).output
    assert "published     2023-11-15 .. 2023-11-15" in out


def test_ingest_and_stats_count_the_same_triples(store):
    said = int(re.search(r"(\d+) triples in the store", store[1]).group(1))
    stats = json.loads(run("stats", "--format", "json", "--store", store[0]).output)
    assert said == stats["triples"] > 0


def test_unknown_param_lists_what_the_query_takes(store):
    result = run("query", "timeline", "--param", "actor", "Biden", "--store", store[0], ok=False)
    assert result.exit_code == 1
    assert result.stderr.strip() == ("Error: --param actor: the query takes no parameter of that name; "
                                     "it takes: actorName, fromDate, toDate")
    result = run("query", "SELECT ?a WHERE { ?a a uscn:Article }", "-p", "b", "x", "--store", store[0], ok=False)
    assert "it takes: a" in result.stderr


@pytest.mark.parametrize("value", ["2023-13-45", "yesterday", "2023/11/15"])
def test_malformed_date_param_is_an_error(store, value):
    result = run("query", "timeline", "--param", "fromDate", value, "--store", store[0], ok=False)
    assert result.exit_code == 1 and "is not a date; write it as YYYY-MM-DD" in result.stderr
    assert run("query", "timeline", "--param", "fromDate", "2023-01-01", "--store", store[0]).exit_code == 0


def test_a_period_with_no_events_says_so(store):
    result = run("analyze", "centrality", "--period", "2050", "--store", store[0])
    assert "no events in 2050; the stored events are dated 2023-11-15 .. 2023-11-15" in result.stderr
    assert result.stdout.strip() == "(0 rows)"


@pytest.mark.parametrize("name,content", [("e.jsonl", b""), ("e.txt", b""), ("b.jsonl", b"\n \n"),
                                          ("b.txt", b"\n\n"), ("e.xml", b""), ("e.html", b"")])
def test_empty_files_of_every_kind_behave_the_same(tmp_path, name, content):
    (tmp_path / name).write_bytes(content)
    result = run("ingest", tmp_path / name, "--store", tmp_path / "s", ok=False)
    assert result.exit_code == 1
    assert f"error: {tmp_path / name}: is empty; add the article text or remove it from the input" in result.stderr


FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>T</title>
<item><title>One</title><link>https://example.com/1</link><description>President Biden met Xi Jinping in Woodside on Wednesday.</description></item>
<item><title>Two</title><link>https://example.com/2</link><description>Secretary Blinken spoke with Wang Yi by phone on Thursday about the Middle East.</description></item>
</channel></rss>
"""


def test_a_truncated_feed_is_reported_as_truncated(tmp_path):
    cut = FEED.index(b"Thursday")
    (tmp_path / "cut.xml").write_bytes(FEED[:cut])
    result = run("ingest", tmp_path / "cut.xml", "--store", tmp_path / "s", ok=False)
    assert "1 article(s) stored" in result.stderr
    assert re.search(r"cut\.xml: line 4 is cut off: the feed is truncated or malformed \(line 4: ", result.stderr)
    assert "no content or summary" not in result.stderr
    (tmp_path / "whole.xml").write_bytes(FEED)
    assert "2 article(s) stored" in run("ingest", tmp_path / "whole.xml", "--store", tmp_path / "s2").stderr


# --- a number of seconds that is no number of seconds: one line, not a traceback -------------------
# `query --timeout 1e9` overflowed the wait on the query's process, `nan` and `inf` could not be
# converted, `serve --timeout nan` and `watch --timeout -1` / `--delay nan` failed the same way.
@pytest.mark.parametrize("command", [("query", "ASK { ?s ?p ?o }", "--timeout"), ("serve", "--timeout"),
                                     ("watch", "feed.xml", "--once", "--timeout"), ("watch", "feed.xml", "--once", "--delay")],
                         ids=lambda c: f"{c[0]} {c[-1]}")
@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e9", "604801", "-1", "soon"])
def test_a_number_of_seconds_out_of_range_is_one_line(store, command, value, monkeypatch):
    import graph.serve
    import graph.watch

    def must_not_run(*args, **kwargs):
        raise AssertionError(f"{command[0]} ran with {command[-1]}={value}")
    monkeypatch.setattr(graph.serve, "serve", must_not_run)
    monkeypatch.setattr(graph.watch, "watch", must_not_run)
    result = run(*command[:-1], f"{command[-1]}={value}", "--store", store[0], ok=False)
    assert result.exit_code == 2, result.output + result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"Error: Invalid value for '{command[-1]}'") and "seconds" in last, last


def test_a_long_timeout_within_range_runs_the_query(store):
    result = run("query", "ASK { ?s ?p ?o }", "--timeout", "604800", "--format", "json", "--store", store[0])
    assert json.loads(result.stdout)["boolean"] is True


def test_a_param_given_twice_is_refused_rather_than_one_value_dropped(store):
    result = run("query", "timeline", "--param", "actorName", "Biden", "--param", "actorName", "Xi",
                 "--store", store[0], ok=False)
    assert result.exit_code == 2
    assert "--param actorName is given more than once" in result.stderr


def test_ctrl_c_in_any_command_exits_130_with_one_line(store, monkeypatch):
    import graph.rdf.stats

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(graph.rdf.stats, "store_stats", interrupted)
    result = run("stats", "--store", store[0], ok=False)
    assert result.exit_code == 130
    assert result.stderr.strip() == "interrupted"
