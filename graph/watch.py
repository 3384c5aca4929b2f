"""``uscn watch``: follow RSS and Atom feeds and keep the store current.

Each poll of a feed:

1. fetches it (a URL through :class:`graph.fetch.PoliteClient`, with the ETag
   and Last-Modified kept from last time, so an unchanged feed costs a 304;
   a path is read from disk);
2. reads its entries with the feed loader (:mod:`graph.loaders.feed`);
3. for every entry not seen before, builds an Article: from the entry's full
   content when the feed carries it, else from the entry's page (fetched and
   read by the HTML loader), else from its summary;
4. stores it through :func:`graph.ingest.ingest_articles`, one article at a
   time, and remembers the entry in the store (:mod:`graph.rdf.feed_state`).

A restart therefore neither loses nor repeats anything: an entry is marked
seen right after its article is stored, and the feed's validators are saved
only once every entry in it has been handled, so an interrupted poll fetches
the whole feed again next time and picks up where it stopped.

Faults stay local: a feed or page that fails is one line and the others go
on. A failure that may pass (a timeout, a 5xx, a refused connection) is left
unmarked to be tried again; a feed that keeps failing is polled less often
(the interval doubles after each failure, up to :data:`MAX_BACKOFF`, or
longer when the server sends Retry-After); the count and the time it is due
again are kept in the store, so a restart or the next ``--once`` from cron
waits too, unless told to retry now. A page that is fetched but holds no
readable text is reported once, and the entry's summary is stored instead
when the feed has one. Ctrl-C stops cleanly between two articles.
"""
from __future__ import annotations

import datetime as dt
import re
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urljoin

from graph.errors import InputError, UscnError
from graph.fetch import FetchError, PoliteClient
from graph.ingest import IngestReport, ingest_articles
from graph.loaders import feed as feed_loader
from graph.loaders import html as html_loader
from graph.loaders._common import declared_encoding, decode, make_article, text_id
from graph.model import Article
from graph.rdf.feed_state import FeedState
from graph.rdf.vocab import article_iri

MAX_BACKOFF = 24 * 3600.0
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


class WatchError(UscnError):
    """A watch that cannot start as asked (a malformed interval, no feeds)."""


def parse_duration(text: str) -> float:
    """Seconds from "90", "90s", "15m", "2h" or "1d".

    >>> parse_duration("15m"), parse_duration("90"), parse_duration("1.5h")
    (900.0, 90.0, 5400.0)
    """
    m = _DURATION.match(text or "")
    if not m or float(m[1]) <= 0:
        raise WatchError(f"{text!r} is not an interval; write seconds (90), minutes (15m), "
                         f"hours (2h) or days (1d)")
    return float(m[1]) * _UNITS[m[2]]


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


class Stop:
    """Set by Ctrl-C (SIGINT) or by the caller; the watch ends between two articles.

    Used as a context manager, it catches the first Ctrl-C instead of raising
    KeyboardInterrupt; a second Ctrl-C interrupts at once, as usual.
    """

    def __init__(self, on_signal: Callable[[], None] | None = None):
        self._event = threading.Event()
        self._on_signal = on_signal
        self._previous = None

    @property
    def requested(self) -> bool:
        return self._event.is_set()

    def set(self) -> None:
        self._event.set()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``, waking at once when a stop is requested."""
        return self._event.wait(max(0.0, seconds))

    def _handle(self, signum, frame):
        if self.requested:
            raise KeyboardInterrupt
        self.set()
        if self._on_signal:
            self._on_signal()

    def __enter__(self) -> "Stop":
        try:
            self._previous = signal.signal(signal.SIGINT, self._handle)
        except ValueError:  # not the main thread: only set() stops
            self._previous = None
        return self

    def __exit__(self, *exc) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


@dataclass
class FeedResult:
    """What one poll of one feed did."""
    source: str
    stored: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)
    not_modified: bool = False
    feed_failed: FetchError | UscnError | None = None
    complete: bool = True


@dataclass
class WatchReport:
    """What a watch did over all its polls."""
    polls: int = 0
    stored: int = 0
    failed: int = 0
    results: list[FeedResult] = field(default_factory=list)


def entry_key(entry) -> str:
    """What an entry is remembered by: its id, else its link, else its title and date."""
    return (entry.get("id") or entry.get("link")
            or "|".join(str(entry.get(k) or "") for k in ("title", "published", "updated", "summary")))


def has_full_content(entry) -> bool:
    """Whether the feed carries the entry's body (content:encoded, Atom content)."""
    return any((c.get("value") or "").strip() for c in entry.get("content") or [])


class Watcher:
    """Polls feeds into one store; see the module docstring."""

    def __init__(self, store, *, client: PoliteClient | None = None,
                 on_error: Callable[[UscnError], None] = lambda e: None,
                 on_info: Callable[[str], None] = lambda s: None,
                 stop: Stop | None = None, extractor=None):
        self.store = store
        self.state = FeedState(store)
        self.client = client or PoliteClient()
        self.on_error, self.on_info = on_error, on_info
        self.stop = stop or Stop()
        self.extractor = extractor

    # ------------------------------------------------------------------ one feed
    def fetch_feed(self, source: str, etag: str | None, last_modified: str | None):
        """The feed's bytes and validators, or None when the server says it has not changed."""
        if is_url(source):
            r = self.client.get(source, etag, last_modified)
            return None if r.not_modified else (r.body, r.etag, r.last_modified)
        try:
            return Path(source).read_bytes(), None, None
        except OSError as exc:
            raise InputError(source, f"cannot be read ({exc.strerror or type(exc).__name__})",
                             "check that it exists and is readable") from None

    def poll(self, source: str) -> FeedResult:
        """Fetch one feed and store its new entries; never raises for a bad feed or page."""
        result = FeedResult(source)
        record = self.state.load(source)
        try:
            fetched = self.fetch_feed(source, record.etag, record.last_modified)
            if fetched is None:
                result.not_modified = True
                return result
            body, etag, last_modified = fetched
            parsed = feed_loader.parse_feed(decode(body, source, declared_encoding(body)), source)
        except (FetchError, InputError) as exc:
            result.feed_failed = exc
            result.failed.append(str(exc))
            self.on_error(exc)
            return result
        publisher = parsed.feed.get("title") or None
        for entry in parsed.entries:
            key = entry_key(entry)
            if key in record.seen:
                continue
            if self.stop.requested:
                result.complete = False
                break
            self._handle_entry(source, key, entry, publisher, result)
            record.seen.add(key)
        else:
            if result.complete:
                self.state.save_validators(source, etag, last_modified)
        return result

    def _handle_entry(self, source: str, key: str, entry, publisher: str | None,
                      result: FeedResult) -> None:
        try:
            article = self.entry_article(source, key, entry, publisher)
        except FetchError as exc:
            result.failed.append(str(exc))
            self.on_error(exc)
            if exc.transient:
                result.complete = False  # not marked: tried again next poll
            else:
                self.state.mark(source, key, skipped=str(exc))
                result.skipped += 1
            return
        except InputError as exc:
            result.failed.append(str(exc))
            self.on_error(exc)
            self.state.mark(source, key, skipped=str(exc))
            result.skipped += 1
            return
        errors: list[UscnError] = []
        report: IngestReport = ingest_articles([article], self.store, errors.append, self.extractor)
        for err in errors:
            result.failed.append(str(err))
            self.on_error(err)
        if report.articles:
            self.state.mark(source, key, article=article_iri(article.id))
            result.stored += 1
        else:
            self.state.mark(source, key, skipped="; ".join(str(e) for e in errors) or "not stored")
            result.skipped += 1

    def entry_article(self, source: str, key: str, entry, publisher: str | None) -> Article:
        """The Article of one entry: its full content, else its page, else its summary.

        Raises
        ------
        FetchError
            When the page cannot be fetched.
        InputError
            When neither the page nor the feed gives any text.
        """
        link = entry.get("link") or None
        if link and is_url(source):  # a relative link is relative to the feed's address
            link = urljoin(source, link)
        if has_full_content(entry) or not (link and is_url(link)):
            return feed_loader.entry_article(entry, source, None, None, publisher)
        try:
            page = self.page_article(link)
        except InputError as exc:
            if not feed_loader.entry_text(entry):
                raise
            self.on_info(f"warning: {link}: {exc.problem}; stored the feed's summary instead")
            return feed_loader.entry_article(entry, source, None, None, publisher)
        title = " ".join((entry.get("title") or "").split()) or page.title
        return make_article(entry.get("id") or link or text_id(None, page.text), page.text, link,
                            title=title, published=feed_loader.entry_date(entry) or page.published,
                            source=publisher or page.source, url=link)

    def page_article(self, url: str) -> Article:
        """The article an entry's page holds, if the site's robots.txt lets uscn fetch it."""
        if not self.client.allowed(url):
            raise InputError(url, "may not be fetched: the site's robots.txt disallows it for uscn",
                             "the entry is skipped")
        r = self.client.get(url)
        kind = r.content_type.split(";")[0].strip().lower()
        if kind and not (kind.startswith("text/") or "html" in kind or "xml" in kind):
            raise InputError(url, f"is not an HTML page ({kind})", "the entry is skipped")
        return html_loader.parse(decode(r.body, url, declared_encoding(r.body)), url)

    # ------------------------------------------------------------------ many feeds, many polls
    def run(self, sources: Iterable[str], *, every: float = 900.0, once: bool = False,
            clock: Callable[[], float] = time.monotonic, retry_now: bool = False,
            wall: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc)) -> WatchReport:
        """Poll every feed now (a failing one when its back-off ends), then each again when it
        is due, until stopped (or once).

        A feed is due ``every`` seconds after a good poll, and after ``n``
        failures in a row ``every * 2**n`` seconds (at most :data:`MAX_BACKOFF`),
        or when the server's Retry-After says, if later. The failures and the time
        due are read from and kept in the store (``wall`` is the clock for that);
        ``retry_now`` polls failing feeds at once all the same.
        """
        sources = list(dict.fromkeys(sources))
        if not sources:
            raise WatchError("no feeds to watch; give feed URLs or files")
        report = WatchReport()
        due = {s: clock() for s in sources}
        failures = {s: 0 for s in sources}
        for s in sources:
            record = self.state.load(s)
            failures[s] = record.failures
            if record.next_poll is not None and not retry_now:
                due[s] += max(0.0, (record.next_poll - wall()).total_seconds())
        while not self.stop.requested:
            report.polls += 1
            for source in sources:
                if self.stop.requested:
                    break
                if due[source] > clock():
                    if once:
                        self.on_info(self.backing_off(source, failures[source], wall() + dt.timedelta(
                            seconds=due[source] - clock())))
                    continue
                before = failures[source]
                result = self.poll(source)
                report.results.append(result)
                report.stored += result.stored
                report.failed += len(result.failed)
                if result.feed_failed is None:  # a failed feed already had its one line
                    self.on_info(self.describe(result))
                wait = self.next_wait(result, failures, every)
                due[source] = clock() + wait
                if failures[source] or before:
                    self.state.save_backoff(source, failures[source],
                                            wall() + dt.timedelta(seconds=wait) if failures[source] else None)
            if once:
                break
            self.stop.wait(min(due.values()) - clock())
        return report

    @staticmethod
    def backing_off(source: str, failures: int, when: dt.datetime) -> str:
        """The line for a failing feed left alone until its back-off ends."""
        return (f"{source}: not polled: it failed {failures} time(s) in a row and is next tried after "
                f"{when.astimezone(dt.timezone.utc):%Y-%m-%d %H:%M} UTC (--retry-now polls it now)")

    @staticmethod
    def next_wait(result: FeedResult, failures: dict[str, int], every: float) -> float:
        """Seconds until a feed is polled again, doubling after each failure in a row.

        >>> f = {"a": 0}
        >>> [Watcher.next_wait(FeedResult("a", feed_failed=UscnError("x")), f, 60) for _ in range(3)]
        [120, 240, 480]
        >>> Watcher.next_wait(FeedResult("a"), f, 60), f["a"]
        (60, 0)
        """
        if result.feed_failed is None:
            failures[result.source] = 0
            return every
        failures[result.source] += 1
        wait = min(every * 2 ** failures[result.source], MAX_BACKOFF)
        asked = getattr(result.feed_failed, "retry_after", None)
        return max(wait, asked) if asked else wait

    @staticmethod
    def describe(result: FeedResult) -> str:
        """One line on what a good poll of one feed did."""
        if result.not_modified:
            return f"{result.source}: not modified"
        line = f"{result.source}: {result.stored} new article(s) stored"
        if result.skipped:
            line += f", {result.skipped} entry(ies) skipped"
        if not result.complete:
            line += "; the rest next time"
        return line


def watch(sources: Iterable[str], store, *, every: float = 900.0, once: bool = False,
          timeout: float = 20.0, delay: float = 1.0, retry_now: bool = False,
          on_error: Callable[[UscnError], None] = lambda e: None,
          on_info: Callable[[str], None] = lambda s: None) -> WatchReport:
    """Watch feeds into ``store`` with Ctrl-C stopping between articles; see :class:`Watcher`."""
    client = PoliteClient(timeout=timeout, delay=delay)
    with Stop(on_signal=lambda: on_info("stopping after this article (Ctrl-C again to abort)")) as stop:
        try:
            return Watcher(store, client=client, on_error=on_error, on_info=on_info,
                           stop=stop).run(sources, every=every, once=once, retry_now=retry_now)
        finally:
            client.close()
            store.flush()


__all__ = ["watch", "Watcher", "Stop", "WatchReport", "FeedResult", "WatchError", "parse_duration",
           "entry_key"]
