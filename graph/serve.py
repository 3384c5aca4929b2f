"""`uscn serve`: the store as a read-only SPARQL 1.1 endpoint, with the page and the named queries.

How it is built, and why (figures in the README, "Serving the graph"):

- The SPARQL 1.1 Protocol is Oxigraph's own server (`oxigraph serve-read-only`, the
  `oxigraph` package of the same 0.5 series as pyoxigraph, so it opens the RocksDB folder
  uscn writes): GET and POST, content negotiation for the W3C result formats and the RDF
  syntaxes, `default-graph-uri`/`named-graph-uri`, the union of all graphs as the default
  graph, and a refusal of every update. uscn does not parse or answer SPARQL over HTTP itself.
- In front of it sits a small aiohttp application that adds what Oxigraph's server cannot:
  the uscn page and the named queries under the same URL, and a time limit that holds.
  Oxigraph's own `--timeout-s` is checked only between rows: with 3 s, an ORDER BY over a
  cross product of the seeds ran 79 s and its 200 response ended in a bare error text.
  So each query is sent to one of a few Oxigraph worker processes, one query per worker at
  a time; when the answer is not complete at the limit the worker is killed (freeing its
  memory), the client gets a 503 with one clear line, and the worker is started again.
- Answers are read whole before they are sent on (bounded by ``max_bytes``), so a client
  gets either a complete answer with its status or a clear error, never a cut stream.
"""
from __future__ import annotations

import asyncio
import html
import math
import os
import shutil
import signal
import socket
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from graph.errors import StoreError, UscnError
from graph.rdf.bounded import DEFAULT_TIMEOUT

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 7878
DEFAULT_MAX_MB = 256
READ_ONLY = "this endpoint is read-only: updates and graph store writes are refused"
QUERY_PATHS = ("/sparql", "/query")


class ServeError(UscnError):
    """The endpoint cannot start as asked."""


@dataclass(frozen=True)
class ServeConfig:
    """What `uscn serve` was asked for."""
    store: Path
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    timeout: float = DEFAULT_TIMEOUT
    workers: int = 2
    max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024


def oxigraph_binary() -> str:
    """The `oxigraph` server program: beside this Python (a venv), else on PATH."""
    here = Path(sys.executable).with_name("oxigraph")
    found = str(here) if here.is_file() else shutil.which("oxigraph")
    if not found:
        raise ServeError("the oxigraph server is not installed; `pip install 'oxigraph>=0.5,<0.6'` "
                         "(it comes with uscn's dependencies)")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Ask Linux to stop the worker if uscn serve itself is killed."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Worker:
    """One `oxigraph serve-read-only` process on a private loopback port."""

    def __init__(self, config: ServeConfig):
        self.config = config
        self.proc: asyncio.subprocess.Process | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        self.port = free_port()
        args = [oxigraph_binary(), "serve-read-only", "--location", str(self.config.store),
                "--bind", f"127.0.0.1:{self.port}", "--union-default-graph"]
        if self.config.timeout:  # a backstop behind ours, which comes first
            args += ["--timeout-s", str(math.ceil(self.config.timeout) + 10)]
        self.proc = await asyncio.create_subprocess_exec(
            *args, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE, preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        for _ in range(200):  # up to 10 s to open the store and listen
            if self.proc.returncode is not None:
                err = (await self.proc.stderr.read()).decode(errors="replace").strip().splitlines()
                raise ServeError(f"{self.config.store}: the SPARQL server could not open the store "
                                 f"({err[-1] if err else 'exit code ' + str(self.proc.returncode)}); "
                                 "is it a uscn store, and is no ingest writing it?")
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", self.port)
                writer.close()
                return
            except OSError:
                await asyncio.sleep(0.05)
        await self.stop()
        raise ServeError(f"{self.config.store}: the SPARQL server did not start within 10 s")

    async def stop(self) -> None:
        if self.proc and self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()


class TooLarge(Exception):
    pass


class Pool:
    """Workers that answer one query at a time each; a worker past the limit is replaced."""

    def __init__(self, config: ServeConfig, session):
        self.config = config
        self.session = session
        self.workers = [Worker(config) for _ in range(max(1, config.workers))]
        self.idle: asyncio.Queue[Worker] = asyncio.Queue()
        self.restarts = 0

    async def start(self) -> None:
        for w in self.workers:
            await w.start()
            self.idle.put_nowait(w)

    async def stop(self) -> None:
        for w in self.workers:
            await w.stop()

    async def _restart(self, worker: Worker) -> None:
        await worker.stop()
        self.restarts += 1
        try:
            await worker.start()
        finally:
            self.idle.put_nowait(worker)

    async def _exchange(self, worker: Worker, method: str, path: str, query: str, headers: dict, body: bytes):
        url = worker.url + path + (f"?{query}" if query else "")
        async with self.session.request(method, url, data=body or None, headers=headers,
                                        allow_redirects=False) as r:
            chunks, size = [], 0
            async for chunk in r.content.iter_chunked(1 << 16):
                size += len(chunk)
                if size > self.config.max_bytes:
                    raise TooLarge
                chunks.append(chunk)
            kept = {k: v for k, v in r.headers.items() if k.lower() in ("content-type", "content-disposition")}
            return r.status, kept, b"".join(chunks)

    async def forward(self, method: str, path: str, query: str, headers: dict, body: bytes):
        """(status, headers, body) from a worker, or a clear error when it is late, large or broken."""
        import aiohttp
        limit = self.config.timeout or None
        try:
            worker = await asyncio.wait_for(self.idle.get(), limit)
        except asyncio.TimeoutError:
            return error(503, "the endpoint is busy: every worker is running a query; try again shortly")
        replace = False
        try:
            return await asyncio.wait_for(self._exchange(worker, method, path, query, headers, body), limit)
        except asyncio.TimeoutError:
            replace = True
            return error(503, f"the query ran past the time limit of {self.config.timeout:g} s and was stopped; "
                              "narrow it (a more specific pattern, a LIMIT), or ask for a longer "
                              "`uscn serve --timeout`")
        except TooLarge:
            replace = True  # the worker may still be writing the rest
            return error(500, f"the answer is larger than {self.config.max_bytes // (1024 * 1024)} MB; "
                              "add a LIMIT or ask for fewer variables")
        except (aiohttp.ClientError, OSError) as exc:
            replace = True
            return error(502, f"the SPARQL engine failed ({exc.__class__.__name__}: {exc}); try again")
        finally:
            if replace:
                asyncio.get_running_loop().create_task(self._restart(worker))
            else:
                self.idle.put_nowait(worker)


def error(status: int, message: str):
    return status, {"Content-Type": "text/plain; charset=utf-8"}, (message + "\n").encode("utf-8")


# --- pages ------------------------------------------------------------------------------------
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}}
code,pre{{background:#f4f4f4;padding:.1em .3em}} pre{{padding:.6em;overflow:auto}} dt{{font-weight:bold;margin-top:1em}}</style>
</head><body>
{body}
</body></html>
"""


def index_page(base: str) -> str:
    """The page at /: what is here and how to ask it."""
    e = html.escape
    endpoint = f"{base}/sparql"
    example = 'SELECT ?p ?name WHERE { ?p a <https://w3id.org/uscn/ontology#Person> ; ' \
              '<http://www.w3.org/2000/01/rdf-schema#label> ?name } LIMIT 10'
    body = f"""<h1>uscn: US–China relations as a knowledge graph</h1>
<ul>
<li><a href="graph">The graph</a>: the network of actors, the timeline and the monthly balance.</li>
<li><a href="queries">Named queries</a>: timelines, who met whom, disputes, sources of an event.</li>
<li><a href="editor/">SPARQL editor</a> (YASGUI, served from here).</li>
<li>SPARQL 1.1 endpoint: <code>{e(endpoint)}</code> (GET or POST; read-only).</li>
</ul>
<p>The default graph is the union of every graph; each article's graph is named by its IRI
(<code>GRAPH ?article {{ … }}</code>), beside the shared entities graph and the ontology graph.
Results come as SPARQL JSON, XML, CSV or TSV by the <code>Accept</code> header; CONSTRUCT and
DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML.</p>
<pre>curl -H 'Accept: text/csv' --data-urlencode 'query={e(example)}' {e(endpoint)}</pre>
"""
    return PAGE.format(title="uscn SPARQL endpoint", body=body)


def queries_page(base: str) -> str:
    """The named queries of ontology/queries: what each does, its parameters, its text and a link."""
    from graph.rdf.query import named_queries
    e = html.escape
    items = []
    for nq in named_queries().values():
        params = "".join(f"<li><code>{e(p)}</code></li>" for p in nq.params)
        run_link = f"sparql?query={quote(nq.text)}"  # relative, so a proxy may mount uscn under a prefix
        items.append(
            f'<dt id="{e(nq.name)}">{e(nq.name)}: {e(nq.title)}</dt><dd><p>{e(nq.description)}</p>'
            + (f"<p>Parameters (bind them with <code>uscn query … --param NAME VALUE</code>):</p><ul>{params}</ul>"
               if params else "")
            + f'<p><a href="queries/{e(nq.name)}.rq">the query</a> · <a href="{e(run_link)}">run it on '
              f"the endpoint</a> (unbound)</p><pre>{e(nq.example)}</pre></dd>")
    body = (f'<h1>Named queries</h1><p><a href="./">back</a></p><dl>{"".join(items)}</dl>')
    return PAGE.format(title="uscn named queries", body=body)


def render_graph_page(store: Path, folder: Path) -> Path:
    """The uscn page of the whole store, written once into ``folder``."""
    from graph.rdf.store import GraphStore
    from graph.views import render_page
    graph = GraphStore(store, read_only=True)
    try:
        return Path(render_page(graph.ox, folder / "index.html")["path"])
    finally:
        graph.close()


# --- the application --------------------------------------------------------------------------
def make_app(config: ServeConfig, announce=None):
    """The aiohttp application: pages, the named queries, and the endpoint through the pool."""
    import aiohttp
    from aiohttp import web

    from graph.rdf.query import named_queries

    app = web.Application(client_max_size=16 * 1024 * 1024)
    state: dict = {}

    def base_of(request) -> str:
        return str(request.url.origin())

    async def on_startup(app):
        state["session"] = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None))
        state["pool"] = Pool(config, state["session"])
        await state["pool"].start()
        if announce:
            announce(f"serving {config.store} at {announce_url(config)} (SPARQL at {announce_url(config)}sparql); "
                     "Ctrl-C stops")
        state["tmp"] = tempfile.TemporaryDirectory(prefix="uscn-serve-")
        state["page"] = asyncio.get_running_loop().run_in_executor(
            None, render_graph_page, config.store, Path(state["tmp"].name))

    async def on_cleanup(app):
        await state["pool"].stop()
        await state["session"].close()
        state["tmp"].cleanup()

    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)

    def reply(status_headers_body):
        status, headers, body = status_headers_body
        return web.Response(status=status, body=body, headers=headers)

    async def sparql(request):
        if request.method == "POST" and request.content_type == "application/sparql-update" \
                or "update" in request.query or (request.method == "POST" and "update" in await request.post()):
            return reply(error(403, READ_ONLY))
        headers = {k: request.headers[k] for k in ("Accept", "Content-Type") if k in request.headers}
        return reply(await state["pool"].forward(request.method, "/query", request.rel_url.raw_query_string, headers,
                                                 await request.read()))

    async def editor(request):
        tail = request.match_info.get("tail", "")
        if request.method != "GET":
            return reply(error(403, READ_ONLY))
        if tail in ("sparql", "query"):
            return await sparql(request)
        headers = {k: request.headers[k] for k in ("Accept",) if k in request.headers}
        return reply(await state["pool"].forward("GET", "/" + tail, request.rel_url.raw_query_string, headers, b""))

    async def store_read(request):
        if request.method not in ("GET", "HEAD"):
            return reply(error(403, READ_ONLY))
        headers = {k: request.headers[k] for k in ("Accept",) if k in request.headers}
        return reply(await state["pool"].forward("GET", "/store", request.rel_url.raw_query_string, headers, b""))

    async def refuse(request):
        return reply(error(403, READ_ONLY))

    async def index(request):
        return web.Response(text=index_page(base_of(request)), content_type="text/html")

    async def queries(request):
        return web.Response(text=queries_page(base_of(request)), content_type="text/html")

    async def query_text(request):
        nq = named_queries().get(request.match_info["name"])
        if nq is None:
            raise web.HTTPNotFound(text="no named query of that name; see /queries\n")
        return web.Response(text=nq.text, content_type="application/sparql-query")

    async def graph_page(request):
        try:
            path = await asyncio.shield(state["page"])
        except UscnError as exc:
            return reply(error(500, f"the page could not be made: {exc}"))
        return web.FileResponse(path, headers={"Content-Type": "text/html; charset=utf-8"})

    app.router.add_get("/", index)
    app.router.add_get("/queries", queries)
    app.router.add_get("/queries/{name}.rq", query_text)
    app.router.add_get("/graph", graph_page)
    for path in QUERY_PATHS:
        app.router.add_route("GET", path, sparql)
        app.router.add_route("POST", path, sparql)
    app.router.add_route("*", "/update", refuse)
    app.router.add_route("*", "/store", store_read)
    app.router.add_route("*", "/editor/{tail:.*}", editor)
    async def to_editor(request):
        raise web.HTTPFound("editor/")

    app.router.add_get("/editor", to_editor)
    return app


def check_store(store: Path) -> None:
    if not (store / "CURRENT").exists():
        raise StoreError(f"{store}: no uscn store here; run `uscn ingest FILES --store {store}` first")


def serve(config: ServeConfig, announce=print) -> None:
    """Run the endpoint until interrupted (Ctrl-C or SIGTERM)."""
    from aiohttp import web
    check_store(config.store)
    oxigraph_binary()
    if config.host not in ("127.0.0.1", "localhost", "::1"):
        announce(f"warning: listening on {config.host}, not loopback: anyone who reaches this port can "
                 "read the whole graph; put it behind a proxy with authentication (README, 'Serving')")
    app = make_app(config, announce)
    web.run_app(app, host=config.host, port=config.port, print=None, access_log=None,
                shutdown_timeout=5, handle_signals=True)


def announce_url(config: ServeConfig) -> str:
    host = f"[{config.host}]" if ":" in config.host else config.host
    return f"http://{host}:{config.port}/"
