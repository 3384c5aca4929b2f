"""`uscn export --format graphml|gexf` and `uscn timeline`: every format read back.

The store is the hand-built sample of tests/conftest_views.py copied to disk,
plus one article whose title and names carry the punctuation each format must
escape (commas, semicolons, quotes, brackets, pipes, Markdown marks).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import icalendar
import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from conftest_views import StoreBuilder, sample_store
from graph.analysis import actor_graph, load_corpus
from graph.cli import main
from graph.views.timeline_export import timeline_rows

TRICKY_TITLE = 'Readout: "Talks" [draft]; tariffs, (Section 301) | A*B_c #1 <b>'
TRICKY_URL = "https://example.com/readout?a=1&b=(2)"


def tricky_quads() -> ox.Store:
    b = StoreBuilder(ox.Store())
    b.entity("person/odd", "Person", "O'Neil; \"Jr.\" [acting]", country="country/USA")
    b.entity("country/USA", "Country", "United States")
    b.entity("dispute/odd", "Dispute", "Tariffs, *Section 301*")
    g = b.article("odd", TRICKY_TITLE, dt.date(2023, 3, 2), TRICKY_URL)
    b.event(g, "odd1", "Meeting", "O'Neil; \"Jr.\" meets | the US, (again)",
            participant=("person/odd", "country/USA"), start=dt.date(2023, 3, 1),
            end=dt.date(2023, 3, 3), goldstein=2.5, concerns=("dispute/odd",),
            evidence="They met.")
    return b.build()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("exports") / "store"
    disk = ox.Store(str(path))
    disk.extend(list(sample_store()))
    disk.extend(list(tricky_quads()))
    disk.flush()
    del disk
    return path


@pytest.fixture(scope="module")
def corpus(store):
    s = ox.Store.read_only(str(store))
    return load_corpus(s)


def run(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


# --------------------------------------------------------------------------- networks

@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_reads_back_with_every_attribute(store, corpus, tmp_path, fmt, reader):
    out = tmp_path / f"actors.{fmt}"
    run("export", "--format", fmt, "--store", store, "--output", out)
    G = reader(out)
    expected = actor_graph(corpus.events)
    assert set(G.nodes) == set(expected.nodes)
    assert G.number_of_edges() == expected.number_of_edges()

    blinken = G.nodes["https://w3id.org/uscn/id/person/antony-blinken"]
    assert blinken["label"] == "Antony Blinken"
    assert blinken["class"] == "Person" and blinken["kind"] == "Person"
    assert blinken["country"] == "https://w3id.org/uscn/id/country/USA"
    assert blinken["country_label"] == "United States"
    assert blinken["events"] == expected.nodes["https://w3id.org/uscn/id/person/antony-blinken"]["count"]
    for attr in ("degree_centrality", "betweenness", "pagerank"):
        assert isinstance(blinken[attr], float)
    assert sum(G.nodes[n]["pagerank"] for n in G) == pytest.approx(1.0, abs=1e-4)

    # every edge keeps its counts by type, dates and mean score
    for u, v, d in expected.edges(data=True):
        e = G.edges[u, v]
        assert e["events"] == d["weight"]
        for t, n in d["types"].items():
            assert e[f"events_{t}"] == n
        assert e["first"] == d["first"].isoformat() and e["last"] == d["last"].isoformat()
        assert e["goldstein_mean"] == pytest.approx(d["goldstein_mean"])

    wang = "https://w3id.org/uscn/id/person/wang-yi"
    e = G.edges["https://w3id.org/uscn/id/person/antony-blinken", wang]
    assert (e["events"], e["events_Meeting"], e["events_PhoneCall"]) == (2, 1, 1)
    assert (e["first"], e["last"]) == ("2023-06-19", "2023-11-15")
    assert e["goldstein_mean"] == pytest.approx(2.0)


def test_graphml_key_ids_are_unique(store, tmp_path):
    """Node and edge attributes of one name (events) need keys of their own for yEd and Gephi."""
    import lxml.etree as et
    out = tmp_path / "actors.graphml"
    run("export", "--format", "graphml", "--store", store, "--output", out)
    keys = list(et.parse(str(out)).iter("{http://graphml.graphdrawing.org/xmlns}key"))
    assert len({k.get("id") for k in keys}) == len(keys)
    assert {(k.get("for"), k.get("attr.name")) for k in keys} >= {("node", "events"), ("edge", "events")}


def test_network_period_and_dispute_narrow_it(store, tmp_path):
    out = tmp_path / "taiwan.graphml"
    run("export", "--format", "graphml", "--period", "2023-06", "--dispute", "Taiwan",
        "--store", store, "--output", out)
    G = nx.read_graphml(out)
    # in June 2023 only Blinken's Beijing visit and his meeting with Wang Yi concern Taiwan
    assert set(G.nodes) == {"https://w3id.org/uscn/id/person/antony-blinken",
                            "https://w3id.org/uscn/id/person/wang-yi",
                            "https://w3id.org/uscn/id/country/CHN"}
    assert G.graph["dispute"] == "Taiwan" and G.graph["period"] == "2023-06"


def test_network_options_misused_or_unknown_are_one_line(store):
    r = run("export", "--format", "turtle", "--period", "2023", "--store", store, ok=False)
    assert r.exit_code == 2 and "graphml or gexf" in r.output
    r = run("export", "--format", "gexf", "--dispute", "Atlantis", "--store", store, ok=False)
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "Atlantis" in r.output


# --------------------------------------------------------------------------- timeline

def expected_rows(corpus, **focus):
    return timeline_rows(corpus, **focus)


def from_csv(text: str) -> list[dict]:
    rows = []
    for r in csv.DictReader(io.StringIO(text, newline="")):
        lines = lambda v: v.split("\n") if v else []  # noqa: E731
        rows.append({"id": r["id"], "start": r["start"] or None, "end": r["end"] or None,
                     "type": r["type"], "label": r["label"], "parties": lines(r["parties"]),
                     "place": r["place"] or None, "disputes": lines(r["disputes"]),
                     "goldstein": float(r["goldstein"]),
                     "sources": [{"title": t or None, "url": u or None} for t, u in
                                 zip(lines(r["source_titles"]), lines(r["source_urls"]), strict=True)]})
    return rows


def core(rows, with_sources=("title", "url")):
    """What every format keeps of a row."""
    return [{**{k: v for k, v in r.items() if k != "sources"},
             "sources": [{k: s[k] for k in with_sources} for s in r["sources"]]} for r in rows]


def test_timeline_csv_and_json_read_back_to_the_same_happenings(store, corpus):
    want = expected_rows(corpus)
    assert len(want) == 11  # ten sample happenings and the tricky one
    got_json = json.loads(run("timeline", "--format", "json", "--store", store).stdout)
    assert got_json == want
    got_csv = from_csv(run("timeline", "--format", "csv", "--store", store).stdout)
    assert got_csv == core(want)
    tricky = next(r for r in got_csv if r["label"].startswith("O'Neil"))
    assert tricky["sources"] == [{"title": TRICKY_TITLE, "url": TRICKY_URL}]
    assert sorted(tricky["parties"]) == ["O'Neil; \"Jr.\" [acting]", "United States"]
    assert (tricky["start"], tricky["end"], tricky["goldstein"]) == ("2023-03-01", "2023-03-03", 2.5)


def test_timeline_ics_reads_back_dated_happenings(store, corpus, tmp_path):
    out = tmp_path / "t.ics"
    r = run("timeline", "--format", "ics", "--store", store, "--output", out)
    assert "1 undated left out of the calendar" in r.stderr
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    got = []
    for ev in cal.walk("VEVENT"):
        sources = ev.get("x-uscn-source")
        sources = sources if isinstance(sources, list) else [sources]
        listed = lambda name: [str(x) for x in (ev.get(name) if isinstance(ev.get(name), list)  # noqa: E731
                                                else [ev.get(name)] if ev.get(name) else [])]
        got.append({
            "id": str(ev["uid"]),
            "start": ev.decoded("dtstart").isoformat(),
            "end": (ev.decoded("dtend") - dt.timedelta(days=1)).isoformat(),
            "type": ev["categories"].cats[0], "label": str(ev["summary"]),
            "parties": listed("x-uscn-party"),
            "place": str(ev["location"]) if "location" in ev else None,
            "disputes": listed("x-uscn-dispute"),
            "goldstein": float(str(ev["x-uscn-goldstein"])),
            "sources": [{"title": str(s) or None, "url": s.params.get("X-URL")} for s in sources],
        })
    want = [r for r in core(expected_rows(corpus)) if r["start"]]
    assert got == want
    blinken_visit = next(ev for ev in cal.walk("VEVENT") if "visits Beijing" in str(ev["summary"]))
    assert blinken_visit.decoded("dtend") == dt.date(2023, 6, 20)  # exclusive end of 18–19 June
    assert "Antony Blinken" in str(blinken_visit["description"])


MD_HEADING = re.compile(r"^## (.*)$")
MD_FIELD = re.compile(r"^- \*\*(\w+):\*\* ?(.*)$")
MD_SOURCE = re.compile(r"^  - (?:\[(?P<t>(?:\\.|[^\]\\])*)\]\(<(?P<u>[^>]*)>\)|(?P<plain>(?:\\.|[^(])*?))"
                       r"(?: \((?P<extra>.*)\))?$")


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def split_md(text: str) -> list[str]:
    return [unescape(p) for p in re.split(r"(?<!\\); ", text)] if text else []


def from_markdown(text: str) -> list[dict]:
    rows, row = [], None
    for line in text.splitlines():
        if MD_HEADING.match(line):
            row = {"sources": []}
            rows.append(row)
        elif row is not None and (m := MD_FIELD.match(line)):
            row[m[1]] = m[2]
        elif row is not None and (m := MD_SOURCE.match(line)):
            title = unescape(m["t"] if m["t"] is not None else m["plain"])
            row["sources"].append({"title": None if title == "(untitled)" else title,
                                   "url": m["u"].replace("%3C", "<").replace("%3E", ">") if m["u"] else None})
    out = []
    for r in rows:
        start, _, end = r["Dates"].partition(" .. ")
        out.append({"id": r["Id"].strip("<>"), "start": None if start == "undated" else start,
                    "end": end or None, "type": unescape(r["Type"]),
                    "label": None, "parties": split_md(r["Parties"]),
                    "place": unescape(r["Place"]) or None, "disputes": split_md(r["Disputes"]),
                    "goldstein": float(r["Goldstein"]), "sources": r["sources"]})
    return out


def test_timeline_markdown_reads_back(store, corpus):
    text = run("timeline", "--format", "md", "--store", store).stdout
    got = from_markdown(text)
    want = core(expected_rows(corpus))
    labels = [unescape(MD_HEADING.match(line)[1].split(": ", 1)[1])
              for line in text.splitlines() if MD_HEADING.match(line)]
    assert labels == [r["label"] for r in want]
    assert got == [{**r, "label": None} for r in want]


def test_timeline_focus_on_actor_dispute_and_period(store, corpus):
    got = json.loads(run("timeline", "--format", "json", "--actor", "Wang Yi", "--period", "2023-06",
                         "--store", store).stdout)
    assert [r["label"] for r in got] == ["2023-06-19 – Antony Blinken meets Wang Yi"]
    got = json.loads(run("timeline", "--format", "json", "--dispute", "Trade", "--store", store).stdout)
    assert [r["start"] for r in got] == ["2023-06-19", "2023-08-01"]
    assert all("Trade" in r["disputes"] for r in got)
    r = run("timeline", "--actor", "Nobody Atall", "--store", store, ok=False)
    assert r.exit_code == 1 and "Nobody Atall" in r.output and "Traceback" not in r.output
