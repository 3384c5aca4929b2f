"""A real HTTP server on 127.0.0.1 serving feeds and pages from a dict, for the watch tests.

Each route answers with a status, a body and headers, after an optional
delay; a route with an ETag or Last-Modified answers 304 to a request that
carries a matching If-None-Match or If-Modified-Since. Every request is
logged (path, headers, arrival time) so tests can check what was asked for.
A route may also run a callback when it is hit (to send Ctrl-C mid-watch).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from xml.sax.saxutils import escape


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    headers: dict = field(default_factory=dict)
    on_hit: Callable[[], None] | None = None


@dataclass
class Hit:
    path: str
    headers: dict
    at: float
    status: int = 0


class FeedServer:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.log: list[Hit] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
                server.log.append(hit)
                route = server.routes.get(self.path)
                if route is None:
                    hit.status = 404
                    self.send_error(404)
                    return
                if route.on_hit:
                    route.on_hit()
                if route.delay:
                    time.sleep(route.delay)
                fresh = ((route.etag and hit.headers.get("if-none-match") == route.etag)
                         or (route.last_modified and hit.headers.get("if-modified-since") == route.last_modified))
                status = 304 if fresh and route.status == 200 else route.status
                hit.status = status
                try:
                    self.send_response(status)
                    if route.etag:
                        self.send_header("ETag", route.etag)
                    if route.last_modified:
                        self.send_header("Last-Modified", route.last_modified)
                    for k, v in route.headers.items():
                        self.send_header(k, v)
                    if status == 304:
                        self.end_headers()
                        return
                    self.send_header("Content-Type", route.content_type)
                    self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[Hit]:
        return [h for h in self.log if h.path == path]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def rss(title: str, entries: list[dict]) -> bytes:
    """An RSS 2.0 feed; an entry has id, title, link, date and a summary and/or full content."""
    items = []
    for e in entries:
        parts = [f"<title>{escape(e['title'])}</title>", f"<guid>{escape(e['id'])}</guid>"]
        if e.get("link"):
            parts.append(f"<link>{escape(e['link'])}</link>")
        if e.get("date"):
            parts.append(f"<pubDate>{e['date']}</pubDate>")
        if e.get("summary"):
            parts.append(f"<description>{escape(e['summary'])}</description>")
        if e.get("content"):
            parts.append(f"<content:encoded><![CDATA[{e['content']}]]></content:encoded>")
        items.append("<item>" + "".join(parts) + "</item>")
    return ("<?xml version='1.0' encoding='utf-8'?>\n"
            "<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
            f"<channel><title>{escape(title)}</title><link>http://127.0.0.1/</link>"
            "<description>test feed</description>" + "".join(items) + "</channel></rss>").encode("utf-8")


def page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{escape(title)}</title></head><body>"
            f"<nav><a href='/'>Home</a> | <a href='/press'>Press</a></nav>"
            f"<article><h1>{escape(title)}</h1>{body}</article>"
            f"<footer>Contact the press office.</footer></body></html>").encode("utf-8")
