"""The happening index: which reports tell of one happening, whatever the order they came in.

Reports are fed to the index directly (plain records, no extraction), then through the
store's batch writer, and the happenings graph is read back with SPARQL.
"""
from __future__ import annotations

import itertools
import json

import pytest

from graph.rdf.happenings import HappeningIndex, Report, assigned, refines
from graph.rdf.store import GraphStore
from graph.rdf.vocab import HAPPENINGS_GRAPH

KEY = "Meeting|person/joe-biden,person/xi-jinping"
BALI = "https://w3id.org/uscn/id/place/bali"
LIMA = "https://w3id.org/uscn/id/place/lima"


def report(n: int, start: str = "", end: str = "", place: str = "", kind: str = "Meeting",
           label: str = "Joe Biden meets Xi Jinping", key: str = KEY) -> Report:
    return Report(f"https://w3id.org/uscn/id/event/r{n}", f"https://w3id.org/uscn/id/article/a{n}",
                  key, start, end or start, place, kind, label)


DAY = ("2022-11-14", "2022-11-14")
MONTH = ("2022-11-01", "2022-11-30")
OCT = ("2023-10-27", "2023-10-27")
SEP = ("2023-09-16", "2023-09-16")
YEAR = ("2023-01-01", "2023-12-31")


def happenings(store: GraphStore) -> dict[str, dict]:
    """Each happening: its type, label, dates, place and reports, read from the happenings graph."""
    rows = store.query(f"""
        SELECT ?h ?p ?o WHERE {{ GRAPH <{HAPPENINGS_GRAPH.value}> {{ ?h a uscn:Happening ; ?p ?o }} }}""")
    out: dict[str, dict] = {}
    for r in rows:
        d = out.setdefault(r["h"].value, {})
        d.setdefault(r["p"].value.rsplit("#", 1)[-1], set()).add(r["o"].value)
    return out


def body(r: Report) -> str:
    """The report's own triples, as an article graph would hold them (N-Quads, as a worker sends them)."""
    u = "https://w3id.org/uscn/ontology#"
    s = f"<{r.iri}>"
    lines = [f"{s} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{u}{r.kind}> .",
             f"{s} <http://www.w3.org/2000/01/rdf-schema#label> {json.dumps(r.label)} .",
             f"{s} <{u}source> <{r.article}> ."]
    if r.start:
        lines.append(f'{s} <{u}startDate> "{r.start}"^^<http://www.w3.org/2001/XMLSchema#date> .')
        lines.append(f'{s} <{u}endDate> "{r.end}"^^<http://www.w3.org/2001/XMLSchema#date> .')
    if r.place:
        lines.append(f"{s} <{u}place> <{r.place}> .")
    return "".join(line[:-1] + f"<{r.article}> .\n" for line in lines).encode()


def write(store: GraphStore, reps: list[Report]) -> None:
    w = store.writer(max_articles=2)
    for r in reps:
        w.put(r.article, body(r), 1, [], [r])
    w.close()


def by_reports(hs: dict) -> dict[frozenset, dict]:
    return {frozenset(h.get("report", ())): h for h in hs.values()}


def test_refines_and_assigned():
    assert refines((*DAY, BALI), (*MONTH, ""))
    assert refines((*DAY, BALI), (*MONTH, BALI))
    assert not refines((*DAY, LIMA), (*MONTH, BALI))
    assert not refines((*MONTH, ""), (*DAY, ""))
    anchors = [(*SEP, ""), (*OCT, ""), (*YEAR, "")]
    assert assigned((*YEAR, ""), anchors) == (*YEAR, "")     # two atoms inside: a happening of its own
    assert assigned((*SEP, ""), anchors) == (*SEP, "")
    assert assigned((*MONTH, ""), [(*MONTH, ""), (*DAY, "")]) == (*DAY, "")


def test_a_day_and_its_month_are_one_happening_dated_to_the_day(tmp_path):
    s = GraphStore(tmp_path / "s")
    write(s, [report(1, *MONTH), report(2, *DAY, place=BALI)])
    hs = happenings(s)
    assert len(hs) == 1
    (h,) = hs.values()
    assert h["startDate"] == {"2022-11-14"} and h["endDate"] == {"2022-11-14"}
    assert h["place"] == {BALI}
    assert len(h["report"]) == 2 and len(h["source"]) == 2
    s.close()


def test_two_days_never_merge_and_a_year_between_them_stays_apart(tmp_path):
    s = GraphStore(tmp_path / "s")
    write(s, [report(1, *SEP), report(2, *OCT), report(3, *YEAR)])
    hs = happenings(s)
    assert sorted((min(h["startDate"]), max(h["endDate"])) for h in hs.values()) == \
        [("2023-01-01", "2023-12-31"), SEP, OCT]
    s.close()


def test_different_places_on_one_day_are_two_happenings(tmp_path):
    s = GraphStore(tmp_path / "s")
    write(s, [report(1, *DAY, place=BALI), report(2, *DAY, place=LIMA)])
    assert len(happenings(s)) == 2
    s.close()


def test_one_type_the_finest_the_reports_agree_on(tmp_path):
    s = GraphStore(tmp_path / "s")
    write(s, [report(1, *DAY, kind="Summit", label="Joe Biden and Xi Jinping hold a summit"),
              report(2, *DAY, kind="Summit", label="Joe Biden and Xi Jinping hold a summit")])
    (h,) = happenings(s).values()
    assert h["eventType"] == {"https://w3id.org/uscn/ontology#Summit"}
    write(s, [report(3, *DAY, kind="Meeting")])
    (h,) = happenings(s).values()
    assert h["eventType"] == {"https://w3id.org/uscn/ontology#Meeting"}   # Meeting + Summit: a Meeting
    assert h["label"] == {"Joe Biden and Xi Jinping hold a summit"}       # the label most reports give
    s.close()


ORDER_REPORTS = [report(1, *MONTH), report(2, *DAY, place=BALI), report(3, *YEAR), report(4, *SEP),
                 report(5, *OCT), report(6), report(7, "2023-10-23", "2023-10-29"), report(8, *DAY)]


@pytest.mark.parametrize("seed", range(4))
def test_any_order_gives_the_same_happenings(tmp_path, seed):
    orders = list(itertools.permutations(ORDER_REPORTS))
    a, b = orders[0], orders[(seed + 1) * 997 % len(orders)]
    found = []
    for i, order in enumerate((a, b)):
        s = GraphStore(tmp_path / f"s{i}")
        write(s, list(order))
        found.append(set(q for q in s.ox if q.graph_name == HAPPENINGS_GRAPH))
        s.close()
    assert found[0] == found[1]


def test_removing_the_finer_report_gives_the_coarse_one_its_own_date_back(tmp_path):
    s = GraphStore(tmp_path / "s")
    write(s, [report(1, *MONTH), report(2, *DAY)])
    assert s.remove_graph(__import__("pyoxigraph").NamedNode(report(2).article))
    (h,) = happenings(s).values()
    assert h["startDate"] == {"2022-11-01"} and h["source"] == {report(1).article}
    assert s.remove_graph(__import__("pyoxigraph").NamedNode(report(1).article))
    assert happenings(s) == {}
    assert not any(True for _ in s.ox.quads_for_pattern(None, None, None, HAPPENINGS_GRAPH))
    s.close()


def test_the_index_is_rebuilt_from_the_store_when_it_is_missing(tmp_path):
    s = GraphStore(tmp_path / "s")
    write(s, ORDER_REPORTS[:4])
    s.close()
    (tmp_path / "s" / "uscn-happenings.sqlite").unlink()
    for suffix in ("-wal", "-shm"):
        (tmp_path / "s" / f"uscn-happenings.sqlite{suffix}").unlink(missing_ok=True)
    s = GraphStore(tmp_path / "s")
    write(s, ORDER_REPORTS[4:])
    rebuilt = set(q for q in s.ox if q.graph_name == HAPPENINGS_GRAPH)
    s.close()
    s = GraphStore(tmp_path / "clean")
    write(s, ORDER_REPORTS)
    assert rebuilt == set(q for q in s.ox if q.graph_name == HAPPENINGS_GRAPH)
    s.close()


def test_a_failed_write_stores_nothing_of_its_batch_and_keeps_the_index_true(tmp_path):
    s = GraphStore(tmp_path / "s")
    write(s, ORDER_REPORTS[:2])
    before = set(s.ox)

    class Failing:
        def __init__(self, real):
            self.real = real

        def update(self, *_a, **_k):
            raise OSError("disk full")

        def __getattr__(self, name):
            return getattr(self.real, name)

    real = s.ox
    s.ox = Failing(real)
    with pytest.raises(Exception, match="nothing of them was stored"):
        write(s, ORDER_REPORTS[2:])
    s.ox = real
    assert set(s.ox) == before
    write(s, ORDER_REPORTS[2:])
    got = set(q for q in s.ox if q.graph_name == HAPPENINGS_GRAPH)
    s.close()
    s = GraphStore(tmp_path / "clean")
    write(s, ORDER_REPORTS)
    assert got == set(q for q in s.ox if q.graph_name == HAPPENINGS_GRAPH)
    s.close()


def instructions_to_add_one(ix: HappeningIndex, n: int) -> int:
    """SQLite VM steps (counted in hundreds) spent on adding one more report."""
    steps = [0]

    def count():
        steps[0] += 1
        return 0
    ix.db.set_progress_handler(count, 100)
    ix.replace_article(report(n).article, [report(n, *DAY, key="Meeting|x0")])   # joins the largest happening
    ix.db.set_progress_handler(None, 100)
    return steps[0]


def test_a_report_costs_the_same_however_many_are_indexed(tmp_path):
    """The cost of adding a report does not grow with the reports already there (no scan)."""
    costs = []
    for size in (20, 2000):
        ix = HappeningIndex(tmp_path / f"ix{size}.sqlite")
        for n in range(size):
            ix.replace_article(report(n).article, [report(n, *DAY, key=f"Meeting|x{n % 7}")])
        ix.commit()
        costs.append(instructions_to_add_one(ix, size + 1))
        ix.close()
    assert costs[1] <= costs[0] * 1.5 + 5, costs
