"""graph.views: view models without a browser, the written page as text, then the
page in headless Chromium (Debian's chromium package) through playwright.

The browser tests (marked ``browser``) skip, saying why, when /usr/bin/chromium
or playwright is missing, and fail instead when USCN_REQUIRE_BROWSER is set (as
scripts/test.sh does in CI). They save screenshots to tests/artifacts/.
"""
from __future__ import annotations

import base64
import hashlib
import importlib
import doctest
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest_views import INJECTIONS, hostile_store, sample_store, synthetic_store
from graph.analysis import AnalysisError, load_corpus, trend
from graph.views import (
    ViewError, assert_offline, balance_color, build_view_model, external_resources, render_html,
    render_page, safe_url, script_json, write_page,
)
from graph.views import page as page_module

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(sample_store())


@pytest.fixture(scope="module")
def model(corpus):
    return build_view_model(corpus)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The sample page and the injection page, written once for the module."""
    out = tmp_path_factory.mktemp("pages")
    sample = render_page(sample_store(), out / "index.html")
    hostile = render_page(hostile_store(), out / "hostile" / "index.html")
    return {"sample": sample, "hostile": hostile}


def text_of(summary) -> str:
    return Path(summary["path"]).read_text(encoding="utf-8")


# ------------------------------------------------------------------ view models

def test_view_model_nodes_edges_and_styles(model):
    nodes = {n["label"]: n for n in model["nodes"]}
    assert len(nodes) == 11 and len(model["edges"]) == 9
    assert (nodes["Antony Blinken"]["shape"], nodes["China"]["shape"],
            nodes["State Department"]["shape"]) == ("dot", "diamond", "square")
    assert nodes["China"]["color"] != nodes["Antony Blinken"]["color"]
    # size by centrality: the most central actor is the biggest
    assert max(model["nodes"], key=lambda n: n["size"])["label"] == "Antony Blinken"
    assert nodes["Qin Gang"]["size"] < nodes["Antony Blinken"]["size"]
    by_pair = {frozenset((model["nodes"][e["from"]]["label"], model["nodes"][e["to"]]["label"])): e
               for e in model["edges"]}
    conflict = by_pair[frozenset(("United States", "China"))]
    assert conflict["color"] == "#d62728" and conflict["balance"] == -5.0 and conflict["weight"] == 2
    assert by_pair[frozenset(("Antony Blinken", "Wang Yi"))]["color"] == balance_color(2.0)
    assert balance_color(0) == "#a0a0a0" and balance_color(99) == "#2ca02c"
    # node and edge events point into the event list
    events = model["events"]
    assert {events[i]["headline"] for i in conflict["events"]} == {
        "United States accuses China", "United States sanctions China"}
    assert model["left_out"]["nodes"] == 0 and model["left_out"]["edges"] == 0


def test_view_model_timeline_balance_legend_filters(model, corpus):
    tl = model["timeline"]
    assert [it["date"] for it in tl][:3] == ["2023-05-10", "2023-06-08", "2023-06-14"]
    assert tl[-1]["date"] is None and tl[-1]["date_text"] == "undated"
    visit = next(it for it in tl if it["type"] == "Visit")
    assert visit["date_text"] == "18–19 Jun 2023" and visit["planned"] is True
    assert visit["sources"][0]["url"] == "https://example.com/news/blinken-trip"
    assert visit["evidence"][0] == {"text": "Antony Blinken is set to visit Beijing this weekend.",
                                    "source_title": "US Confirms Blinken Trip to China",
                                    "url": "https://example.com/news/blinken-trip"}
    assert model["balance"] == trend(corpus.events)
    assert [c["kind"] for c in model["legend"]["classes"]] == ["Person", "Country", "Organization",
                                                              "Other"]
    assert [d["label"] for d in model["filters"]["disputes"]] == ["Taiwan", "Trade"]
    assert (model["filters"]["date_min"], model["filters"]["date_max"]) == ("2023-05-10", "2024-01-15")
    assert model["meta"]["undated"] == 1 and model["meta"]["articles"] == 4
    json.dumps(model)  # plain data all the way down


def test_view_model_focus_on_actor_dispute_and_period(corpus):
    wang = build_view_model(corpus, actor="wang yi")
    assert {n["label"] for n in wang["nodes"]} == {"Wang Yi", "Jake Sullivan", "Antony Blinken"}
    assert wang["meta"]["focus"]["actor"]["label"] == "Wang Yi"
    assert [n["focus"] for n in wang["nodes"] if n["label"] == "Wang Yi"] == [True]
    china = build_view_model(corpus, actor="China")  # with its people
    assert china["meta"]["events"] == 9
    taiwan = build_view_model(corpus, dispute="taiwan")
    assert [it["headline"] for it in taiwan["timeline"]] == [
        "Jake Sullivan meets Wang Yi in Vienna", "Antony Blinken visits Beijing",
        "Antony Blinken meets Wang Yi"]
    june = build_view_model(corpus, start="2023-06", end="2023-06")
    assert june["meta"]["events"] == 4 and june["meta"]["period"] == {"start": "2023-06-01",
                                                                      "end": "2023-06-30"}
    with pytest.raises(AnalysisError, match="no actor named 'Wang Ye'"):
        build_view_model(corpus, actor="Wang Ye")
    with pytest.raises(AnalysisError, match="no dispute named 'Tibet'"):
        build_view_model(corpus, dispute="Tibet")


def test_view_model_keeps_the_most_central_and_counts_what_it_left_out(corpus):
    small = build_view_model(corpus, max_nodes=3)
    assert [n["label"] for n in small["nodes"]] == ["Antony Blinken", "China", "Wang Yi"]
    lo = small["left_out"]
    assert (lo["nodes"], lo["nodes_total"], lo["edges_total"]) == (8, 11, 9)
    assert lo["edges"] == 9 - len(small["edges"])
    focused = build_view_model(corpus, actor="Jake Sullivan", max_nodes=1)
    assert [n["label"] for n in focused["nodes"]] == ["Jake Sullivan"]
    few = build_view_model(corpus, max_events=3)
    assert [it["date"] for it in few["timeline"]] == ["2023-08-01", "2023-11-15", "2024-01-15"]
    assert few["left_out"]["events"] == 7


def test_large_graph_is_cut_to_max_nodes_and_says_so(tmp_path):
    store = synthetic_store(n_actors=400, n_events=900)
    summary = render_page(store, tmp_path / "big.html", max_nodes=50)
    assert summary["nodes"] == 50 and summary["nodes_left_out"] > 300
    assert summary["edges_left_out"] > 0 and summary["layout"] == "physics"
    html = (tmp_path / "big.html").read_text(encoding="utf-8")
    assert (f"The network shows the 50 most central of {50 + summary['nodes_left_out']:,} actors"
            in html)
    assert f"{summary['nodes_left_out']:,} actors and {summary['edges_left_out']:,} of" in html


def test_layout_past_the_limit_is_computed_in_advance_or_settled_then_frozen(monkeypatch, corpus):
    from graph.views import model as model_module
    monkeypatch.setattr(model_module, "LAYOUT_LIMIT", 5)
    vm = build_view_model(corpus)  # 11 nodes > 5: spring layout (no scipy needed below 500)
    assert vm["layout"]["mode"] == "precomputed"
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in vm["nodes"])
    vis = page_module.vis_network_data(vm)
    assert vis["options"]["physics"]["enabled"] is False and "x" in vis["nodes"][0]
    # where networkx cannot lay out (scipy missing past 500 nodes): a short
    # simulation in the page, then physics off (app.js, on stabilizationIterationsDone)
    monkeypatch.setattr(model_module, "spring_positions", lambda G, seed: None)
    vm = build_view_model(corpus)
    assert vm["layout"]["mode"] == "stabilise" and "x" not in vm["nodes"][0]
    opts = page_module.vis_network_data(vm)["options"]
    assert opts["physics"]["enabled"] is True
    assert opts["physics"]["stabilization"]["iterations"] <= 200
    assert opts["edges"]["smooth"]["enabled"] is False


def test_empty_store_gives_a_page_that_says_so(tmp_path):
    import pyoxigraph as ox
    summary = render_page(ox.Store(), tmp_path / "out" / "index.html")
    assert (summary["events"], summary["nodes"], summary["months"]) == (0, 0, 0)
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "No actors to draw" in html and "No events in this selection." in html
    assert external_resources(html) == []
    with pytest.raises(ViewError, match="max_nodes must be 1 or more"):
        render_page(ox.Store(), tmp_path / "x.html", max_nodes=0)


def test_safe_url_and_script_json():
    assert safe_url("http://example.com") == "http://example.com"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "vbscript:x",
                "//example.com", "/relative", "https://", "", None, "https://a.com/\nx"):
        assert safe_url(bad) is None, bad
    text = script_json({"a": "</script><!-- & \u2028\u2029"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029"}


def test_external_resource_scanner():
    bad = [
        '<script src="https://cdn.example/vis.js"></script>',
        '<link rel="stylesheet" href="http://cdn.example/b.css">',
        '<img src="https://example.com/x.png">',
        '<img srcset="a.png 1x, https://example.com/b.png 2x">',
        '<style>@import "x.css";</style>',
        '<style>body{background:url(https://example.com/bg.png)}</style>',
        '<div style="background: url(//example.com/a.png)"></div>',
        '<link rel="preload" as="font" href="//fonts.example/f.woff2">',
        '<iframe src="https://example.com"></iframe>',
    ]
    for html in bad:
        assert external_resources(html), html
        with pytest.raises(ViewError, match="would load from the network"):
            assert_offline(html)
    fine = ('<a href="https://example.com/story">story</a><img src="data:image/png;base64,AAAA">'
            '<svg xmlns="http://www.w3.org/2000/svg"></svg><style>a{background:url("data:x")}</style>')
    assert external_resources(fine) == []


def test_write_page_refuses_a_page_that_reaches_the_network(monkeypatch, model, tmp_path):
    monkeypatch.setattr(page_module, "render_html",
                        lambda m: '<html><script src="https://cdn.example/x.js"></script></html>')
    with pytest.raises(ViewError):
        write_page(model, tmp_path / "page.html")
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ the written page, as text

class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_page_is_self_contained(pages):
    html = text_of(pages["sample"])
    assert external_resources(html) == []
    for host in ("jsdelivr", "cdnjs", "unpkg", "bootstrapcdn", "googleapis", "gstatic"):
        assert host not in html.lower(), host
    assert "@version 9.1.2" in html  # vis-network inlined from pyvis's package
    scripts = [a for t, a in tags(html) if t == "script"]
    assert len(scripts) == 3 and not any("src" in a for a in scripts)
    assert not any(t == "link" for t, _ in tags(html))
    # the CSP allows exactly the two inline scripts, by hash, and no fetch at all
    csp = next(a["content"] for t, a in tags(html) if t == "meta" and a.get("http-equiv"))
    bodies = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    assert len(bodies) == 2
    for body in bodies:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_page_has_the_three_parts(pages):
    html = text_of(pages["sample"])
    assert 'id="network"' in html and 'id="balance-chart"' in html and 'id="timeline"' in html
    assert html.count('class="tl-item') == 10
    assert "Antony Blinken visits Beijing" in html and "18–19 Jun 2023" in html
    assert 'href="https://example.com/news/blinken-trip"' in html
    assert "Blinken had a telephone conversation with Qin Gang." in html  # evidence, in <details>
    s = pages["sample"]
    assert (s["nodes"], s["edges"], s["events"], s["timeline_events"], s["months"]) == (11, 9, 10, 10, 9)


def test_injection_texts_are_escaped(pages):
    html = text_of(pages["hostile"])
    script, img, href = INJECTIONS
    for raw in INJECTIONS:
        assert raw not in html, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "href=&#34;javascript:alert(1)&#34;" in html
    parsed = tags(html)
    # no element came from the data: only our own scripts, no images, no handlers
    assert [t for t, _ in parsed].count("script") == 3
    assert not any(t == "img" for t, _ in parsed)
    assert not any(name.startswith("on") for _, attrs in parsed for name in attrs)
    for tag, attrs in parsed:
        if tag == "a":
            assert re.match(r"^(https?://|#)", attrs["href"]), attrs["href"]
    # the non-http article url is shown as text, not linked
    assert 'href="javascript' not in html.lower()
    # the data block still holds the raw texts, escaped for <script>
    block = re.search(r'<script type="application/json" id="uscn-data">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert any(script in n["label"] for n in data["nodes"])
    assert any(ev["s"][0][1] is None for ev in data["events"])  # javascript: url dropped


def test_view_docstring_examples_run():
    for name in ("graph.views.model", "graph.views.svg", "graph.views.page"):
        result = doctest.testmod(importlib.import_module(name))
        assert result.attempted > 0 and result.failed == 0, name


# ------------------------------------------------------------------ in headless Chromium

def _no_browser(reason: str):
    """Skip, or fail where the browser is required (CI sets USCN_REQUIRE_BROWSER)."""
    if os.environ.get("USCN_REQUIRE_BROWSER"):
        pytest.fail(reason + " (USCN_REQUIRE_BROWSER is set, so this is an error)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _no_browser("browser tests need Debian's chromium at /usr/bin/chromium "
                    "(apt-get install -y chromium); CI installs it")
    try:
        from playwright import sync_api
    except ImportError:
        _no_browser("browser tests need the playwright package (pip install -e '.[test]')")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Visit:
    """A page opened with every non-file request aborted and recorded."""

    def __init__(self, browser, path: str):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                           offline=True, java_script_enabled=True)
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []

        def route(r):
            url = r.request.url
            if url.startswith(("file:", "data:", "about:")):
                r.continue_()
            else:
                self.blocked.append(url)
                r.abort()

        self.context.route("**/*", route)
        page = self.page = self.context.new_page()
        page.on("request", lambda req: self.requests.append(req.url))
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.goto(Path(path).resolve().as_uri())
        page.wait_for_function("() => document.body.getAttribute('data-network-ready') === '1'",
                               timeout=30_000)

    def node_point(self, node_id: int) -> tuple[float, float]:
        self.page.locator("#network").scroll_into_view_if_needed()
        return tuple(self.page.evaluate(
            """(id) => { const n = window.uscnNetwork; const p = n.getPositions([id])[id];
                 const d = n.canvasToDOM(p); const r = document.getElementById('network').getBoundingClientRect();
                 return [d.x + r.left, d.y + r.top]; }""", node_id))

    def hover(self, node_id: int) -> None:
        x, y = self.node_point(node_id)
        box = self.page.locator("#network").bounding_box()
        self.page.mouse.move(box["x"] + 3, box["y"] + 3)  # an empty corner: an open tooltip closes
        self.page.wait_for_selector("div.vis-tooltip", state="hidden", timeout=5_000)
        self.page.mouse.move(x - 2, y - 2)
        self.page.mouse.move(x, y)
        self.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)

    def assert_clean(self):
        assert self.blocked == [], f"requests tried to leave the machine: {self.blocked}"
        assert all(u.startswith(("file:", "data:", "about:")) for u in self.requests), self.requests
        assert self.console_errors == [], self.console_errors
        assert self.page_errors == [], self.page_errors
        assert self.dialogs == [], f"a dialog fired: {self.dialogs}"

    def close(self):
        self.context.close()


@pytest.mark.browser
def test_browser_page_draws_and_stays_offline(browser, pages):
    ARTIFACTS.mkdir(exist_ok=True)
    v = Visit(browser, pages["sample"]["path"])
    try:
        page = v.page
        size = page.evaluate("""() => { const c = document.querySelector('#network canvas');
                                  return c ? [c.width, c.height] : [0, 0]; }""")
        assert size[0] > 0 and size[1] > 0
        inked = page.evaluate("""() => { const c = document.querySelector('#network canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }""")
        assert inked > 1000, "the network canvas is blank"
        assert page.evaluate("window.uscnNetwork.body.data.nodes.length") == 11
        assert page.locator("#timeline > li").count() == 10
        first = page.locator("#timeline > li").first.inner_text()
        assert "10 May 2023" in first and "MEETING" in first.upper() and "Jake Sullivan" in first
        assert page.locator("svg#balance-chart rect.bar").count() == 6  # months with events
        page.screenshot(path=str(ARTIFACTS / "page.png"), full_page=True)

        # tooltip on hover lists events, built as DOM text
        blinken = page.evaluate("JSON.parse(document.getElementById('uscn-data').textContent)"
                                ".nodes.find(n => n.label === 'Antony Blinken').id")
        v.hover(blinken)
        tip = page.locator("div.vis-tooltip")
        assert "Antony Blinken" in tip.inner_text() and "Visit" in tip.inner_text()
        assert tip.locator("a[href='https://example.com/news/blinken-trip']").count() >= 1
        page.screenshot(path=str(ARTIFACTS / "page-tooltip.png"))

        # click: the details panel lists the events with article and evidence links
        x, y = v.node_point(blinken)
        page.mouse.click(x, y)
        assert page.locator("#details .detail-events > li").count() == 4
        page.locator("#details a.ev-evidence").first.click()
        assert page.locator("#timeline details[open]").count() == 1

        # filters: a dispute narrows the network and the timeline
        page.select_option("#f-dispute", label="Taiwan (3)")
        assert page.locator("#timeline > li:not([hidden])").count() == 3
        hidden = page.evaluate("window.uscnNetwork.body.data.nodes.get().filter(n => n.hidden).length")
        assert hidden == 11 - 4  # Sullivan, Wang Yi, Blinken, China remain
        page.click("#f-reset")
        page.wait_for_function(
            "() => document.querySelectorAll('#timeline > li:not([hidden])').length === 10")
        # the class filter hides countries; the actor filter narrows the timeline
        page.uncheck("input[name=cls][value=Country]")
        visible = page.evaluate("window.uscnNetwork.body.data.nodes.get().filter(n => !n.hidden).length")
        assert visible == 11 - 3
        page.select_option("#f-actor", label="Wang Yi (Person)")
        assert page.locator("#timeline > li:not([hidden])").count() == 3
        page.fill("#f-from", "2023-06-01")
        page.fill("#f-to", "2023-06-30")
        page.dispatch_event("#f-to", "change")
        assert page.locator("#timeline > li:not([hidden])").count() == 1
        # evidence opens on click
        page.click("#f-reset")
        page.locator("#timeline > li").nth(1).locator("summary").click()
        assert page.locator("#timeline > li").nth(1).locator("blockquote").is_visible()
        v.assert_clean()
    finally:
        v.close()


@pytest.mark.browser
def test_browser_injection_cases_stay_inert(browser, pages):
    ARTIFACTS.mkdir(exist_ok=True)
    v = Visit(browser, pages["hostile"]["path"])
    try:
        page = v.page
        script, img, href = INJECTIONS
        # the texts are shown as text
        body = page.locator("body").inner_text()
        assert script in body and img in body and href in body
        # and made no elements: only our three scripts, no images, no javascript: links
        assert page.evaluate("document.scripts.length") == 3
        assert page.evaluate("document.images.length") == 0
        assert page.evaluate("[...document.links].filter(a => !/^(https?:|file:)/.test(a.href)).length") == 0
        # open every evidence and hover every node: tooltips are text too
        for summary in page.locator("#timeline summary").all():
            summary.click()
        for node_id in range(page.evaluate("window.uscnNetwork.body.data.nodes.length")):
            v.hover(node_id)
            assert page.locator("div.vis-tooltip img, div.vis-tooltip script").count() == 0
            x, y = v.node_point(node_id)
            page.mouse.click(x, y)
            assert page.locator("#details img, #details script").count() == 0
        # hovering every link (one url carries a quote-breaking payload) runs nothing either
        for link in page.locator("#timeline a").all():
            link.hover()
        page.wait_for_timeout(300)  # give any onerror handler its chance
        page.screenshot(path=str(ARTIFACTS / "page-injection.png"), full_page=True)
        v.assert_clean()
    finally:
        v.close()
