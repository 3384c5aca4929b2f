"""A polite HTTP client for ``uscn watch``: only what the user points uscn at.

It names itself (a User-Agent with uscn's version), never waits forever (a
timeout on connecting and on each read), asks only for what changed (ETag and
Last-Modified, answered by 304), spaces its requests to one host (a delay per
host), reads at most :data:`MAX_BYTES` of one response, and turns every
failure into one :class:`FetchError` that says whether trying later may help.

It also reads each host's robots.txt (RFC 9309, through urllib.robotparser) before
fetching a page found in a feed: :meth:`PoliteClient.allowed` says whether the
site lets uscn fetch it, and a Crawl-delay the site asks for (up to
:data:`MAX_CRAWL_DELAY`) widens the delay between requests to that host. A feed
the user names is fetched as a feed reader does, without asking robots.txt: it
is the user's request, not a link uscn followed.

httpx does the HTTP; this module adds the manners.
"""
from __future__ import annotations

import email.utils
import time
import urllib.robotparser
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit

import httpx

from graph import __version__
from graph.errors import UscnError

USER_AGENT = f"uscn/{__version__} (feed watcher of the uscn knowledge graph; python-httpx)"
MAX_BYTES = 20 * 1024 * 1024
#: The name uscn answers to in robots.txt ("User-agent: uscn").
ROBOTS_AGENT = "uscn"
#: A site's rules are read again after this many seconds (RFC 9309 asks for no more than a day).
ROBOTS_TTL = 24 * 3600.0
#: The longest Crawl-delay honoured, in seconds (one slow site must not hold every feed up for long).
MAX_CRAWL_DELAY = 60.0
#: Statuses worth trying again later (the server is busy or failing, not refusing).
TRANSIENT = {408, 425, 429, 500, 502, 503, 504}


class FetchError(UscnError):
    """A URL that could not be fetched; ``transient`` when a later try may work,
    ``retry_after`` the seconds a server asked us to wait, if it did."""

    def __init__(self, url: str, problem: str, fix: str, *, transient: bool,
                 retry_after: float | None = None):
        self.url, self.transient, self.retry_after = url, transient, retry_after
        super().__init__(f"{url}: {problem}; {fix}")


@dataclass
class Response:
    """A fetched resource: ``status`` 200 with its body, or 304 (not modified) with none."""
    url: str
    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """The seconds a Retry-After header asks for (a number or an HTTP date).

    >>> retry_after("120"), retry_after(None), retry_after("soon")
    (120.0, None, None)
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


@dataclass
class PoliteClient:
    """GET with a User-Agent, a timeout, conditional headers and a delay per host.

    ``delay`` is the least time in seconds between two requests to one host
    (host and port); ``clock`` and ``sleep`` are there for tests.
    """
    timeout: float = 20.0
    delay: float = 1.0
    user_agent: str = USER_AGENT
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    transport: httpx.BaseTransport | None = None
    _last: dict[str, float] = field(default_factory=dict, repr=False)
    _client: httpx.Client | None = field(default=None, repr=False)
    _robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = field(default_factory=dict, repr=False)
    _host_delay: dict[str, float] = field(default_factory=dict, repr=False)

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                headers={"User-Agent": self.user_agent,
                         "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                                   "text/html;q=0.8, */*;q=0.5"},
                timeout=httpx.Timeout(self.timeout), follow_redirects=True, max_redirects=10,
                transport=self.transport)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _wait_for_host(self, host: str) -> None:
        """Sleep until ``delay`` seconds have passed since the last answer from ``host`` ended."""
        last = self._last.get(host)
        if last is not None:
            pause = last + max(self.delay, self._host_delay.get(host, 0.0)) - self.clock()
            if pause > 0:
                self.sleep(pause)

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """Fetch ``url``; a 304 when the server says nothing changed since the validators.

        Raises
        ------
        FetchError
            On a bad URL, a network failure, a timeout, an HTTP error status or
            a body over :data:`MAX_BYTES`.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(url, "is not an http(s) URL", "give a feed's web address or a file path",
                             transient=False)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = parts.netloc.lower()
        self._wait_for_host(host)
        try:
            return self._get(url, headers)
        finally:
            self._last[host] = self.clock()

    def _get(self, url: str, headers: dict) -> Response:
        try:
            with self._http().stream("GET", url, headers=headers) as r:
                if r.status_code == 304:
                    return Response(str(r.url), 304, etag=r.headers.get("etag") or headers.get("If-None-Match"),
                                    last_modified=r.headers.get("last-modified")
                                    or headers.get("If-Modified-Since"))
                if r.status_code >= 400:
                    transient = r.status_code in TRANSIENT
                    raise FetchError(
                        url, f"the server answered {r.status_code} {r.reason_phrase}".rstrip(),
                        "it is tried again later" if transient else "check the address",
                        transient=transient, retry_after=retry_after(r.headers.get("retry-after")))
                body = bytearray()
                for chunk in r.iter_bytes():
                    body += chunk
                    if len(body) > MAX_BYTES:
                        raise FetchError(url, f"is larger than {MAX_BYTES // (1024 * 1024)} MB",
                                         "point uscn at a smaller feed or page", transient=False)
                return Response(str(r.url), r.status_code, bytes(body), r.headers.get("etag"),
                                r.headers.get("last-modified"), r.headers.get("content-type", ""))
        except httpx.TimeoutException:
            raise FetchError(url, f"did not answer within {self.timeout:g} s",
                             "it is tried again later (or raise --timeout)", transient=True) from None
        except httpx.TooManyRedirects:
            raise FetchError(url, "redirects too many times", "check the address",
                             transient=False) from None
        except httpx.InvalidURL as exc:
            raise FetchError(url, f"is not a valid URL ({exc})", "check the address",
                             transient=False) from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"could not be fetched ({type(exc).__name__}: {exc})",
                             "it is tried again later", transient=True) from None

    # ------------------------------------------------------------------ robots.txt
    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets uscn fetch ``url``.

        The rules are fetched once per host (and again after :data:`ROBOTS_TTL`). As RFC 9309
        says: no robots.txt (a 4xx) allows everything; one that cannot be fetched now (a 5xx,
        a timeout) allows nothing yet, so this raises a transient :class:`FetchError` and the
        page is tried again at the next poll.
        """
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc.lower()}"
        cached = self._robots.get(site)
        if cached is None or self.clock() - cached[0] > ROBOTS_TTL:
            cached = self._robots[site] = (self.clock(), self._read_robots(site))
        rules = cached[1]
        delay = rules.crawl_delay(ROBOTS_AGENT)
        if delay:
            self._host_delay[parts.netloc.lower()] = min(float(delay), MAX_CRAWL_DELAY)
        return rules.can_fetch(ROBOTS_AGENT, url)

    def _read_robots(self, site: str) -> urllib.robotparser.RobotFileParser:
        rules = urllib.robotparser.RobotFileParser(site + "/robots.txt")
        try:
            r = self.get(site + "/robots.txt")
        except FetchError as exc:
            if exc.transient:
                raise FetchError(site + "/robots.txt", "could not be read, so no page of the site is fetched yet "
                                 f"({str(exc).split(': ', 1)[-1].split(';')[0]})", "it is tried again later",
                                 transient=True, retry_after=exc.retry_after) from None
            rules.allow_all = True          # none there (4xx): every page may be fetched
            return rules
        rules.parse(r.body.decode("utf-8", "replace").splitlines())
        return rules
