"""Both sides' accounts: sides from ontology/sides.ttl, `uscn analyze accounts`, and the
happening's details on the page (also in headless Chromium).

tests/articles/accounts.jsonl holds three articles written for these tests: a US readout
and a PRC readout of one meeting, in the style each government uses, and a wire report of it
from a host no side is known for.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.analysis import load_corpus
from graph.analysis.accounts import attached, happening_accounts
from graph.analysis.load import Entity, EventRecord
from graph.cli import main
from graph.rdf.sides import host_of, read_rules, side_of
from graph.views import render_page
from test_views import Visit, browser  # noqa: F401  (browser is a fixture)

ARTICLES = Path(__file__).parent / "articles" / "accounts.jsonl"
SIDE = "https://w3id.org/uscn/id/side/"
US_ID, PRC_ID, WIRE_ID = "test-us-readout-2024-04-26", "test-prc-readout-2024-04-26", "test-wire-2024-04-26"


def run(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("accounts") / "store"
    run("ingest", ARTICLES, "--store", path)
    return path


@pytest.fixture(scope="module")
def rows(store):
    return json.loads(run("analyze", "accounts", "--format", "json", "--store", store).stdout)


def by(rows, side, kind):
    return [r for r in rows if r["side"] == side and r["kind"] == kind]


# --------------------------------------------------------------------------- sides

def test_side_of_reads_hosts_suffixes_and_publishers():
    assert side_of("https://www.state.gov/readout/", None) == SIDE + "united-states"
    assert side_of("https://bidenwhitehouse.archives.gov/x", "The White House (Biden administration)") \
        == SIDE + "united-states"
    assert side_of("https://www.usda.gov/news", None) == SIDE + "united-states"          # by suffix
    assert side_of("http://www.mfa.gov.cn/eng/xw/", None) == SIDE + "china"
    assert side_of("https://english.www.gov.cn/news/", None) == SIDE + "china"           # by suffix
    assert side_of("https://china.usembassy-china.org.cn/x", None) == SIDE + "united-states"  # host wins
    assert side_of(None, "the  xinhua news agency") == SIDE + "china"                    # by name
    assert side_of("https://www.reuters.com/world/china/x", None) == SIDE + "third-party"
    assert side_of("https://blog.example.net/post", "A Blog") is None
    assert side_of("not a url", None) is None and host_of("ftp://state.gov/x") is None


def test_a_new_outlet_is_data_not_code(tmp_path):
    extra = tmp_path / "more-sides.ttl"
    extra.write_text("""@prefix uscn: <https://w3id.org/uscn/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/uscn/id/side/third-party> a uscn:Side ; rdfs:label "Third party" .
<https://w3id.org/uscn/id/outlet/wire> a uscn:Outlet ; rdfs:label "Test Wire" ;
    uscn:side <https://w3id.org/uscn/id/side/third-party> ; uscn:host "wire.example.org" .
""", encoding="utf-8")
    rules = read_rules([Path(__file__).parent.parent / "ontology" / "sides.ttl", extra])
    assert side_of("https://wire.example.org/2024/x", None, rules) == SIDE + "third-party"
    assert side_of(None, "test wire", rules) == SIDE + "third-party"
    assert side_of("https://www.state.gov/x", None, rules) == SIDE + "united-states"


def test_each_article_records_its_side(store):
    s = ox.Store.read_only(str(store))
    sides = {r["id"].value: r["side"].value for r in s.query(
        "SELECT ?id ?side WHERE { ?a a <https://w3id.org/uscn/ontology#Article> ; "
        "<http://purl.org/dc/terms/identifier> ?id ; <https://w3id.org/uscn/ontology#side> ?side }",
        use_default_graph_as_union=True)}
    assert sides == {US_ID: SIDE + "united-states", PRC_ID: SIDE + "china"}  # the wire: not known


# --------------------------------------------------------------------------- attaching

def test_attached_needs_a_near_date_and_a_shared_party():
    us = Entity("u", "United States", "Country", "Country")
    cn = Entity("c", "China", "Country", "Country")
    ab = Entity("ab", "Antony Blinken", "Person", "Person", country="u")
    wy = Entity("wy", "Wang Yi", "Person", "Person", country="c")
    jp = Entity("jp", "Japan", "Country", "Country")
    meeting = EventRecord("m", "Meeting", "talks", start=dt.date(2024, 4, 26), parties=(ab, wy))
    assert attached(EventRecord("a", "Accusation", "x", start=dt.date(2024, 4, 26), parties=(ab, cn)), meeting)
    assert attached(EventRecord("b", "Claim", "x", parties=(wy,)), meeting)              # undated
    assert not attached(EventRecord("c", "Claim", "x", start=dt.date(2024, 6, 1), parties=(wy,)), meeting)
    assert not attached(EventRecord("d", "Accusation", "x", start=dt.date(2024, 4, 26), parties=(jp,)),
                        meeting)
    assert attached(EventRecord("e", "Statement", "x", start=dt.date(2024, 4, 27), parties=(us,)), meeting)


# --------------------------------------------------------------------------- the command

def test_accounts_lists_each_sides_claims_with_their_evidence(rows):
    assert {r["happening"] for r in rows} == {"Antony Blinken meets Wang Yi in Beijing"}
    assert [s for s in dict.fromkeys(r["side"] for r in rows)] == \
        ["US government", "PRC government", "side not known"]
    # each side's own report of the meeting
    us_report, = by(rows, "US government", "report")
    prc_report, = by(rows, "PRC government", "report")
    assert us_report["evidence"].startswith("Secretary of State Antony Blinken met with Foreign Minister Wang Yi")
    assert prc_report["evidence"].startswith("On April 26, 2024, Foreign Minister Wang Yi met with")
    # who criticised whom, as each side tells it
    us_acc, = by(rows, "US government", "accusation")
    prc_acc, = by(rows, "PRC government", "accusation")
    assert us_acc["who"] == "Antony Blinken" and "unfair trade practices" in us_acc["evidence"]
    assert prc_acc["who"] == "Wang Yi" and "suppressing China's economic" in prc_acc["evidence"]
    # what only one side says
    prc_claims = by(rows, "PRC government", "claim")
    assert any("first red line" in r["what"] and "Wang Yi asserted" in r["evidence"] for r in prc_claims)
    assert any("normal exchanges between Chinese and Russian companies" in r["evidence"]
               for r in by(rows, "PRC government", "denial"))
    assert any("welcomed progress on counternarcotics" in r["evidence"] for r in by(rows, "US government", "claim"))
    # what was agreed, in each side's words
    assert [r["evidence"] for r in by(rows, "US government", "agreement")] == [
        "The two sides agreed to keep open lines of communication, including between their militaries."]
    assert [r["evidence"] for r in by(rows, "PRC government", "agreement")] == [
        "The two sides agreed to continue exchanges between their militaries and to hold talks on "
        "counternarcotics cooperation."]
    # disputes each side raised, with the sentences that raise them
    assert {r["what"] for r in by(rows, "PRC government", "dispute")} >= {"Taiwan", "Trade and tariffs"}
    assert "Taiwan" not in {r["what"] for r in by(rows, "US government", "dispute")}
    # nothing from one side's article is listed under the other
    for r in rows:
        side_of_source = {"US government": "state.gov", "PRC government": "mfa.gov.cn",
                          "side not known": "wire.example.org"}[r["side"]]
        assert side_of_source in r["url"], r


def test_accounts_table_focus_and_unknown_names(store):
    text = run("analyze", "accounts", "blinken wang", "--store", store).stdout
    assert "  US government: Secretary Blinken's Meeting with PRC Foreign Minister Wang Yi" in text
    assert "  PRC government: Wang Yi Holds Talks" in text
    assert "“Wang Yi asserted that the Taiwan question is the first red line" in text
    assert json.loads(run("analyze", "accounts", "--actor", "Wang Yi", "--period", "2024-04",
                          "--format", "json", "--store", store).stdout)
    assert json.loads(run("analyze", "accounts", "--period", "2023", "--format", "json",
                          "--store", store).stdout) == []
    r = run("analyze", "accounts", "a summit on the moon", "--store", store, ok=False)
    assert r.exit_code == 1 and "no happening reported by more than one side" in r.output
    assert "Antony Blinken meets Wang Yi in Beijing" in r.output and "Traceback" not in r.output


def test_stores_from_before_sides_work_them_out(store, tmp_path, rows):
    old = tmp_path / "old"
    disk = ox.Store(str(old))
    disk.extend(list(ox.Store.read_only(str(store))))
    disk.update("DELETE WHERE { GRAPH ?g { ?a <https://w3id.org/uscn/ontology#side> ?s } }")
    disk.flush()
    del disk
    again = json.loads(run("analyze", "accounts", "--format", "json", "--store", old).stdout)
    assert again == rows


# --------------------------------------------------------------------------- the page

@pytest.fixture(scope="module")
def page(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("accounts-page") / "index.html"
    s = ox.Store.read_only(str(store))
    return render_page(s, out)["path"]


def test_page_shows_the_accounts_in_the_happenings_details(page):
    html = Path(page).read_text(encoding="utf-8")
    assert html.count('class="tl-accounts"') == 1
    assert 'data-side="united-states"' in html and 'data-side="china"' in html
    assert "Wang Yi asserted that the Taiwan question is the first red line" in html
    assert "Secretary Blinken accused China of unfair trade practices" in html


@pytest.mark.browser
def test_browser_shows_both_sides_side_by_side(browser, page):  # noqa: F811
    v = Visit(browser, page)
    try:
        item = v.page.locator("li.tl-item", has=v.page.locator("details.tl-accounts"))
        assert item.count() == 1
        accounts = item.locator("details.tl-accounts")
        assert not accounts.locator("section.account").first.is_visible()
        accounts.locator("summary").click()
        us = accounts.locator("section[data-side=united-states]")
        prc = accounts.locator("section[data-side=china]")
        us.wait_for(state="visible")
        assert "unfair trade practices" in us.inner_text()
        assert "first red line" in prc.inner_text() and "first red line" not in us.inner_text()
        a, b = us.bounding_box(), prc.bounding_box()
        assert abs(a["y"] - b["y"]) < 2 and b["x"] > a["x"] + a["width"] - 1  # side by side
        item.screenshot(path=str(Path(__file__).parent / "artifacts" / "accounts.png"))
        v.assert_clean()
    finally:
        v.close()


# --------------------------------------------------------------------------- on a hand-built store

def hand_built_store() -> ox.Store:
    """Three reports of one meeting (US, PRC, a side not known) and what else each article says.

    Built quad by quad (tests/conftest_views.py), so this pins the accounts, not the extractor.
    """
    from conftest_views import StoreBuilder, u
    b = StoreBuilder(ox.Store())
    b.entity("country/USA", "Country", "United States")
    b.entity("country/CHN", "Country", "China")
    b.entity("country/JPN", "Country", "Japan")
    b.entity("country/KOR", "Country", "South Korea")
    b.entity("person/ab", "Person", "Antony Blinken", country="country/USA")
    b.entity("person/wy", "Person", "Wang Yi", country="country/CHN")
    b.entity("dispute/taiwan", "Dispute", "Taiwan")
    b.subclass("JointStatement", "Agreement")
    d = dt.date(2024, 4, 26)
    us = b.article("us", "US readout", d, "https://www.state.gov/r")
    cn = b.article("cn", "PRC readout", d, "https://www.mfa.gov.cn/r")
    wire = b.article("wire", "Wire story", d, "https://news.example.net/r")
    for art, key, text in ((us, "r-us", "The Secretary met the Foreign Minister."),
                           (cn, "r-cn", "Wang Yi met Blinken."),
                           (wire, "r-x", "The two met in Beijing.")):
        b.event(art, key, "Meeting", "Antony Blinken meets Wang Yi", participant=("person/ab", "person/wy"),
                start=d, evidence=text, concerns=("dispute/taiwan",) if art is cn else ())
        b.happening(art, "h", "Meeting", "Antony Blinken meets Wang Yi", report=key, start=d)
    b.event(us, "acc", "Accusation", "Antony Blinken accuses China", actor=("person/ab",),
            target=("country/CHN",), start=d, evidence="Blinken accused China of unfair practices.")
    b.event(us, "late", "Accusation", "Antony Blinken accuses China later", actor=("person/ab",),
            target=("country/CHN",), start=dt.date(2024, 9, 1), evidence="A later accusation.")
    b.event(us, "other", "Accusation", "Japan accuses South Korea", actor=("country/JPN",),
            target=("country/KOR",), start=d, evidence="Japan accused South Korea.")
    b.event(cn, "claim", "Claim", "Wang Yi claims", actor=("person/wy",), start=d,
            concerns=("dispute/taiwan",), evidence="Wang Yi asserted that Taiwan is a red line.")
    b.event(cn, "joint", "JointStatement", "A joint statement", participant=("person/ab", "person/wy"),
            start=d, evidence="The sides issued a joint statement.")
    b.event(us, "solo", "Visit", "Antony Blinken visits China", actor=("person/ab",),
            target=("country/CHN",), start=d, evidence="Blinken arrived in China.")
    b.build()
    for art, side in ((us, "united-states"), (cn, "china")):
        b.store.add(ox.Quad(art, u("side"), ox.NamedNode(SIDE + side), art))
    return b.store


def test_accounts_on_a_hand_built_store():
    store = hand_built_store()
    found = happening_accounts(store, load_corpus(store))
    assert [a.happening.label for a in found] == ["Antony Blinken meets Wang Yi"]  # not the US-only visit
    sides = {s.label: s for s in found[0].sides}
    assert list(sides) == ["US government", "PRC government", "side not known"]
    got = {label: [(it.kind, it.text, it.evidence) for it in s.items] for label, s in sides.items()}
    assert got["US government"] == [
        ("report", "Antony Blinken meets Wang Yi", ("The Secretary met the Foreign Minister.",)),
        ("accusation", "Antony Blinken accuses China", ("Blinken accused China of unfair practices.",)),
    ]  # the later accusation and Japan's are not about the meeting
    assert got["PRC government"] == [
        ("report", "Antony Blinken meets Wang Yi", ("Wang Yi met Blinken.",)),
        ("claim", "Wang Yi claims", ("Wang Yi asserted that Taiwan is a red line.",)),
        ("agreement", "A joint statement", ("The sides issued a joint statement.",)),  # a subclass
        ("dispute", "Taiwan", ("Wang Yi met Blinken.", "Wang Yi asserted that Taiwan is a red line.")),
    ]
    assert got["side not known"] == [("report", "Antony Blinken meets Wang Yi", ("The two met in Beijing.",))]
    # one known side alone is not enough
    assert happening_accounts(store, load_corpus(store), min_sides=3) == []
