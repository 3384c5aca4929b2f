"""A polite HTTP client for ``uscn watch``: only what the user points uscn at.

It names itself (a User-Agent with uscn's version), never waits forever (a
timeout on connecting and on each read), asks only for what changed (ETag and
Last-Modified, answered by 304), spaces its requests to one host (a delay per
host), reads at most :data:`MAX_BYTES` of one response, and turns every
failure into one :class:`FetchError` that says whether trying later may help.

httpx does the HTTP; this module adds the manners.
"""
from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit

import httpx

from graph import __version__
from graph.errors import UscnError

USER_AGENT = f"uscn/{__version__} (feed watcher of the uscn knowledge graph; python-httpx)"
MAX_BYTES = 20 * 1024 * 1024
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
            pause = last + self.delay - self.clock()
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
