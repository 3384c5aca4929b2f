"""`uscn watch` against feeds and pages served from 127.0.0.1: new entries only, polite
requests, one line per bad feed or page, a restart that neither loses nor repeats, Ctrl-C
between articles, back-off. Nothing here reaches outside the machine.

The texts are short readout-style paragraphs written for these tests.
"""
from __future__ import annotations

import os
import signal

import pytest
from click.testing import CliRunner

from feed_server import FeedServer, Route, page, rss
from graph.cli import main
from graph.fetch import PoliteClient
from graph.rdf.store import GraphStore
from graph.rdf.vocab import FEEDS_GRAPH, article_iri
from graph.watch import Stop, Watcher, parse_duration, WatchError

CALL = {"id": "tag:test,2024:call", "title": "Secretary Blinken's Call with Foreign Minister Wang Yi",
        "date": "Sun, 03 Mar 2024 18:00:00 GMT",
        "content": "<p>WASHINGTON - Secretary of State Antony Blinken spoke by phone with Chinese Foreign "
                   "Minister Wang Yi on March 3, 2024.</p><p>The Secretary raised concerns about "
                   "fentanyl and stressed open lines of communication.</p>"}
MEETING_PAGE = ["BEIJING - Secretary of State Antony Blinken met Foreign Minister Wang Yi in Beijing "
                "on April 26, 2024.",
                "The two discussed Taiwan, the South China Sea and trade, and agreed to keep "
                "talking at every level."]
ACCUSATION_PAGE = ["The Treasury Department accused China of flooding world markets with cheap "
                   "steel on May 2, 2024.",
                   "Officials said the practice hurts workers in the United States."]


def summary_entry(key: str, title: str, link: str, summary: str | None = "A short summary.") -> dict:
    return {"id": f"tag:test,2024:{key}", "title": title, "link": link, "summary": summary,
            "date": "Fri, 26 Apr 2024 09:00:00 GMT"}


def run_watch(store, *sources, ok=None, extra=()):
    result = CliRunner().invoke(main, ["watch", *map(str, sources), "--once", "--store", str(store),
                                       "--delay", "0", "--timeout", "1", *extra], catch_exceptions=False)
    if ok is not None:
        assert (result.exit_code == 0) == ok, result.stdout + result.stderr
    return result


def stored(store) -> dict[str, str]:
    """Article id -> title, read from the store."""
    s = GraphStore(store, read_only=True)
    rows = {r[0].value: r[1].value for r in s.query(
        "SELECT ?id ?t WHERE { ?a a uscn:Article ; dcterms:identifier ?id ; uscn:title ?t }")}
    s.close()
    return rows


def evidence(store, article_id: str) -> list[str]:
    s = GraphStore(store, read_only=True)
    rows = [r[0].value for r in s.query(
        f"SELECT ?ev WHERE {{ GRAPH {article_iri(article_id)} {{ ?e uscn:evidence ?ev }} }}")]
    s.close()
    return rows


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


@pytest.fixture
def server():
    with FeedServer() as s:
        yield s


def test_once_stores_new_entries_survives_bad_feeds_and_pages_and_repeats_nothing(server, tmp_path):
    store = tmp_path / "store"
    server.routes["/news.xml"] = Route(rss("Test Ministry", [
        CALL,
        summary_entry("meeting", "Blinken meets Wang Yi", server.url("/pages/meeting.html")),
        summary_entry("broken", "A page with nothing in it", server.url("/pages/broken.html"), summary=None),
        summary_entry("flaky", "A page whose server fails", server.url("/pages/flaky.html"), summary=None),
    ]), etag='"v1"')
    server.routes["/pages/meeting.html"] = Route(page("Blinken meets Wang Yi", MEETING_PAGE),
                                                 content_type="text/html; charset=utf-8")
    server.routes["/pages/broken.html"] = Route(b"<html><body><script>1</script></body></html>",
                                                content_type="text/html")
    server.routes["/pages/flaky.html"] = Route(b"oops", status=500, content_type="text/plain")
    server.routes["/down.xml"] = Route(b"oops", status=500, content_type="text/plain")
    server.routes["/garbage.xml"] = Route(b"this is not a feed at all", content_type="text/plain")
    with FeedServer() as slow:
        slow.routes["/slow.xml"] = Route(rss("Slow", [CALL]), delay=3)
        r = run_watch(store, server.url("/news.xml"), server.url("/down.xml"), slow.url("/slow.xml"),
                      server.url("/garbage.xml"), ok=False)

    # one line for each bad feed and page, naming it; the good entries are stored
    errors = error_lines(r)
    assert len(errors) == 5, r.stderr
    for name, words in (("/down.xml", "500"), ("/slow.xml", "did not answer within 1 s"),
                        ("/garbage.xml", "not a readable RSS or Atom feed"),
                        ("/pages/broken.html", "no text"), ("/pages/flaky.html", "500")):
        assert any(name in e and words in e for e in errors), (name, errors)
    assert "Traceback" not in r.output
    assert stored(store) == {"tag:test,2024:call": CALL["title"],
                             "tag:test,2024:meeting": "Blinken meets Wang Yi"}
    # the summary-only entry was read from its page, not from the summary
    assert any("met Foreign Minister Wang Yi in Beijing" in ev for ev in evidence(store, "tag:test,2024:meeting"))
    # polite: uscn names itself
    assert all(h.headers["user-agent"].startswith("uscn/") for h in server.log)

    # a second run: the feed has not changed, so it is a 304 and nothing is added or fetched again
    r = run_watch(store, server.url("/news.xml"), ok=False)
    # the page that failed with a 500 is tried again (and fails again); the broken one is not
    assert [e for e in error_lines(r)] and all("/pages/flaky.html" in e for e in error_lines(r))
    assert len(stored(store)) == 2
    assert len(server.hits("/pages/meeting.html")) == 1
    assert len(server.hits("/pages/broken.html")) == 1
    news = server.hits("/news.xml")
    # the first poll did not finish the flaky entry, so it kept no validators and fetched in full
    assert "if-none-match" not in news[1].headers and news[1].status == 200

    # the flaky page recovers: now every entry is handled and the validators are kept
    server.routes["/pages/flaky.html"] = Route(page("Treasury on steel", ACCUSATION_PAGE),
                                               content_type="text/html")
    run_watch(store, server.url("/news.xml"), ok=True)
    assert set(stored(store)) == {"tag:test,2024:call", "tag:test,2024:meeting", "tag:test,2024:flaky"}
    before = len(GraphStore(store, read_only=True).ox)
    r = run_watch(store, server.url("/news.xml"), ok=True)
    assert server.hits("/news.xml")[-1].headers.get("if-none-match") == '"v1"'
    assert server.hits("/news.xml")[-1].status == 304 and "not modified" in r.stderr
    assert len(GraphStore(store, read_only=True).ox) == before

    # entries added between polls: only the new one is fetched and stored
    server.routes["/news.xml"] = Route(rss("Test Ministry", [
        summary_entry("new", "A new readout", server.url("/pages/new.html")),
        CALL,
        summary_entry("meeting", "Blinken meets Wang Yi", server.url("/pages/meeting.html")),
        summary_entry("broken", "A page with nothing in it", server.url("/pages/broken.html"), summary=None),
        summary_entry("flaky", "A page whose server fails", server.url("/pages/flaky.html"), summary=None),
    ]), etag='"v2"')
    server.routes["/pages/new.html"] = Route(page("A new readout", MEETING_PAGE[:1]), content_type="text/html")
    r = run_watch(store, server.url("/news.xml"), ok=True)
    assert "1 new article(s) stored" in r.stderr
    assert len(stored(store)) == 4
    assert [len(server.hits(p)) for p in ("/pages/meeting.html", "/pages/broken.html", "/pages/flaky.html")] \
        == [1, 1, 3]


def test_last_modified_and_file_feeds(server, tmp_path):
    store = tmp_path / "store"
    stamp = "Wed, 01 May 2024 10:00:00 GMT"
    server.routes["/lm.xml"] = Route(rss("Wire", [CALL]), last_modified=stamp)
    feed_file = tmp_path / "local.xml"
    feed_file.write_bytes(rss("Local", [{**CALL, "id": "tag:test,2024:local", "title": "Local copy"}]))
    run_watch(store, server.url("/lm.xml"), feed_file, ok=True)
    assert set(stored(store)) == {"tag:test,2024:call", "tag:test,2024:local"}
    r = run_watch(store, server.url("/lm.xml"), feed_file, ok=True)
    assert server.hits("/lm.xml")[-1].headers.get("if-modified-since") == stamp
    assert "0 article(s) stored" in r.stderr
    # the feed state is its own graph, not an article
    s = GraphStore(store, read_only=True)
    assert FEEDS_GRAPH not in s.article_graphs() and s.ox.contains_named_graph(FEEDS_GRAPH)
    s.close()


def test_ctrl_c_stops_between_articles_and_the_next_run_goes_on(server, tmp_path):
    store = tmp_path / "store"
    entries = [summary_entry(f"e{i}", f"Readout {i}", server.url(f"/pages/{i}.html")) for i in range(3)]
    server.routes["/news.xml"] = Route(rss("Ministry", entries), etag='"x"')
    for i in range(3):
        server.routes[f"/pages/{i}.html"] = Route(page(f"Readout {i}", MEETING_PAGE), content_type="text/html")
    # Ctrl-C arrives while the second page is being fetched
    server.routes["/pages/1.html"].on_hit = lambda: os.kill(os.getpid(), signal.SIGINT)
    r = run_watch(store, server.url("/news.xml"), ok=True)
    assert "stopping after this article" in r.stderr
    assert set(stored(store)) == {"tag:test,2024:e0", "tag:test,2024:e1"}
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # handler restored

    server.routes["/pages/1.html"].on_hit = None
    r = run_watch(store, server.url("/news.xml"), ok=True)
    assert set(stored(store)) == {"tag:test,2024:e0", "tag:test,2024:e1", "tag:test,2024:e2"}
    assert [len(server.hits(f"/pages/{i}.html")) for i in range(3)] == [1, 1, 1]
    # the interrupted poll kept no validators, so the feed was fetched in full
    assert "if-none-match" not in server.hits("/news.xml")[1].headers


def test_per_host_delay_spaces_requests(server, tmp_path):
    entries = [summary_entry(f"d{i}", f"Readout {i}", server.url(f"/pages/d{i}.html")) for i in range(2)]
    server.routes["/news.xml"] = Route(rss("Ministry", entries))
    for i in range(2):
        server.routes[f"/pages/d{i}.html"] = Route(page(f"Readout {i}", MEETING_PAGE), content_type="text/html")
    run_watch(tmp_path / "store", server.url("/news.xml"), ok=True, extra=("--delay", "0.4"))
    times = [h.at for h in server.log]
    assert [h.path for h in server.log] == ["/news.xml", "/robots.txt", "/pages/d0.html", "/pages/d1.html"]
    assert all(b - a >= 0.35 for a, b in zip(times, times[1:])), times


class FakeTime(Stop):
    """A clock that advances only when the watch waits; stops past ``until`` seconds."""

    def __init__(self, until: float):
        super().__init__()
        self.now, self.until = 0.0, until

    def clock(self) -> float:
        return self.now

    def wait(self, seconds: float) -> bool:
        self.now += max(0.0, seconds)
        if self.now > self.until:
            self.set()
        return self.requested


def test_back_off_doubles_for_a_failing_feed_and_honours_retry_after(server, tmp_path):
    server.routes["/ok.xml"] = Route(rss("Fine", [CALL]), etag='"ok"')
    server.routes["/down.xml"] = Route(b"no", status=500, content_type="text/plain")
    server.routes["/busy.xml"] = Route(b"busy", status=503, content_type="text/plain",
                                       headers={"Retry-After": "1000"})
    fake = FakeTime(until=400)
    store = GraphStore(tmp_path / "store")
    errors = []
    watcher = Watcher(store, client=PoliteClient(delay=0, timeout=2), stop=fake, on_error=errors.append)
    report = watcher.run([server.url(p) for p in ("/ok.xml", "/down.xml", "/busy.xml")], every=60,
                         clock=fake.clock)
    store.close()
    # healthy: every 60 s (0..360); failing: after 120 s, then 240 s more (0, 120, 360); busy: once
    assert len(server.hits("/ok.xml")) == 7
    assert len(server.hits("/down.xml")) == 3
    assert len(server.hits("/busy.xml")) == 1
    assert report.stored == 1 and len(errors) == 4


def test_bad_interval_is_one_line(tmp_path):
    with pytest.raises(WatchError):
        parse_duration("soon")
    r = CliRunner().invoke(main, ["watch", "feed.xml", "--every", "soon", "--store", str(tmp_path / "s")])
    assert r.exit_code == 1 and "not an interval" in r.output and "Traceback" not in r.output


def test_a_relative_link_is_read_against_the_feeds_address(server, tmp_path):
    server.routes["/feeds/news.xml"] = Route(rss("Ministry", [summary_entry("rel", "Relative", "../pages/rel.html")]))
    server.routes["/pages/rel.html"] = Route(page("Relative", MEETING_PAGE), content_type="text/html")
    run_watch(tmp_path / "store", server.url("/feeds/news.xml"), ok=True)
    assert len(server.hits("/pages/rel.html")) == 1
    assert any("met Foreign Minister Wang Yi" in ev for ev in evidence(tmp_path / "store", "tag:test,2024:rel"))


# --- robots.txt: a page found in a feed is fetched only if the site allows it ----------------
def test_robots_txt_is_honoured_for_pages_found_in_a_feed(server, tmp_path):
    store = tmp_path / "store"
    server.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /\n\nUser-agent: uscn\nDisallow: /private/\n"
                                         b"Crawl-delay: 1\n", content_type="text/plain")
    server.routes["/news.xml"] = Route(rss("Ministry", [
        summary_entry("open", "Blinken meets Wang Yi", server.url("/pages/open.html")),
        summary_entry("closed", "A private readout", server.url("/private/closed.html"),
                      summary="Treasury Secretary Janet Yellen met Vice Premier He Lifeng in Beijing on April 7, 2024."),
        summary_entry("bare", "A private page with no summary", server.url("/private/bare.html"), summary=None),
    ]))
    server.routes["/pages/open.html"] = Route(page("Blinken meets Wang Yi", MEETING_PAGE), content_type="text/html")
    server.routes["/private/closed.html"] = Route(page("Private", ACCUSATION_PAGE), content_type="text/html")
    server.routes["/private/bare.html"] = Route(page("Private", ACCUSATION_PAGE), content_type="text/html")
    r = run_watch(store, server.url("/news.xml"), ok=False)
    # the disallowed pages are never asked for; the one with a summary is stored from it, with a warning
    assert server.hits("/private/closed.html") == [] and server.hits("/private/bare.html") == []
    assert len(server.hits("/pages/open.html")) == 1 and len(server.hits("/robots.txt")) == 1
    warned = [l for l in r.stderr.splitlines() if "/private/closed.html" in l]
    assert len(warned) == 1 and "robots.txt" in warned[0] and "summary" in warned[0]
    errors = error_lines(r)
    assert len(errors) == 1 and "/private/bare.html" in errors[0] and "robots.txt" in errors[0]
    assert set(stored(store)) == {"tag:test,2024:open", "tag:test,2024:closed"}
    # the site's Crawl-delay (1 s, more than --delay 0) spaced the requests after robots.txt
    times = [h.at for h in server.log if h.path != "/news.xml"]
    assert len(times) == 2 and all(b - a >= 0.95 for a, b in zip(times, times[1:])), times
    # the disallowed entry with no text is remembered as skipped: the next poll does not ask again
    r = run_watch(store, server.url("/news.xml"), ok=True)
    assert server.hits("/private/bare.html") == [] and error_lines(r) == []


def test_robots_txt_missing_allows_and_unreachable_waits(server, tmp_path):
    store = tmp_path / "store"
    server.routes["/news.xml"] = Route(rss("Ministry", [summary_entry("p", "Blinken meets Wang Yi",
                                                                      server.url("/pages/p.html"), summary=None)]))
    server.routes["/pages/p.html"] = Route(page("Blinken meets Wang Yi", MEETING_PAGE), content_type="text/html")
    server.routes["/robots.txt"] = Route(b"down", status=503, content_type="text/plain")
    r = run_watch(store, server.url("/news.xml"), ok=False)
    errors = error_lines(r)
    assert len(errors) == 1 and "robots.txt: could not be read" in errors[0] and "tried again later" in errors[0]
    assert server.hits("/pages/p.html") == [] and stored(store) == {}
    del server.routes["/robots.txt"]                      # now a 404: no rules, every page may be fetched
    run_watch(store, server.url("/news.xml"), ok=True)
    assert len(server.hits("/pages/p.html")) == 1 and set(stored(store)) == {"tag:test,2024:p"}


# --- the back-off holds across runs: cron's --once does not hammer a failing feed -------------
def test_back_off_is_kept_in_the_store_across_runs(server, tmp_path):
    import datetime as dt
    store = tmp_path / "store"
    server.routes["/down.xml"] = Route(b"no", status=500, content_type="text/plain")
    server.routes["/ok.xml"] = Route(rss("Fine", [CALL]))
    r = run_watch(store, server.url("/down.xml"), server.url("/ok.xml"), ok=False, extra=("--every", "10m"))
    assert len(server.hits("/down.xml")) == 1 and len(error_lines(r)) == 1
    # the next run (a restart, or cron's next --once) leaves the failing feed alone, with one line
    r = run_watch(store, server.url("/down.xml"), server.url("/ok.xml"), ok=True, extra=("--every", "10m"))
    assert len(server.hits("/down.xml")) == 1 and len(server.hits("/ok.xml")) == 2
    waiting = [l for l in r.stderr.splitlines() if l.startswith(server.url("/down.xml"))]
    assert len(waiting) == 1 and "not polled: it failed 1 time(s) in a row" in waiting[0] and "--retry-now" in waiting[0]
    # --retry-now polls it anyway; a second failure doubles the wait (10 min * 2**2 = 40 min from now)
    before = dt.datetime.now(dt.timezone.utc)
    run_watch(store, server.url("/down.xml"), ok=False, extra=("--every", "10m", "--retry-now"))
    assert len(server.hits("/down.xml")) == 2
    s = GraphStore(store)
    record = Watcher(s).state.load(server.url("/down.xml"))
    assert record.failures == 2
    assert dt.timedelta(minutes=39) < record.next_poll - before < dt.timedelta(minutes=41)
    # once the time has come (a clock 41 minutes on), it is polled; it works again and the back-off is gone
    server.routes["/down.xml"] = Route(rss("Back", [{**CALL, "id": "tag:test,2024:back"}]))
    later = lambda: dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=41)
    Watcher(s, client=PoliteClient(delay=0, timeout=2)).run([server.url("/down.xml")], once=True, wall=later)
    assert len(server.hits("/down.xml")) == 3
    record = Watcher(s).state.load(server.url("/down.xml"))
    assert record.failures == 0 and record.next_poll is None
    s.close()
    assert "tag:test,2024:back" in stored(store)
