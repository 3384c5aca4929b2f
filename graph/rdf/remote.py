"""A store on a SPARQL 1.1 server: ``--store http://host:7878/query`` instead of a folder.

:class:`RemoteStore` is a :class:`graph.rdf.store.GraphStore` whose ``ox`` is
:class:`RemoteEndpoint`, the part of ``pyoxigraph.Store``'s interface uscn uses
(``query``, ``update``, ``contains_named_graph``, ``named_graphs``,
``quads_for_pattern``, ``in``, ``len``) spoken over HTTP:

- reads are the SPARQL 1.1 Protocol (a POST form, answers as SPARQL JSON results
  or N-Triples), parsed by pyoxigraph into the same objects the embedded store
  gives, so query, export, stats, validate, analyze and render run unchanged;
- writes are the same SPARQL Update text the embedded store applies: the
  :class:`~graph.rdf.store.BatchWriter` sends a batch's ``DROP GRAPH`` and
  ``INSERT DATA`` as one update request, which a SPARQL server applies as one
  transaction, so each article is still replaced as a unit.

One kept HTTP client (httpx) serves every request. The union of the graphs is the
default graph when uscn asks for it: by Oxigraph's ``union-default-graph``
parameter; other servers are set up so (see the README, "Remote stores").
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterator
from urllib.parse import urlencode, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from graph.errors import StoreError
from graph.rdf.happenings import HappeningIndex
from graph.rdf.store import GraphStore, default_store_path, rebuild_index, STORE_ENV
from graph.rdf.vocab import HAPPENINGS_GRAPH

UPDATE_ENV = "USCN_STORE_UPDATE"
RESULTS_JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
ACCEPT = f"{RESULTS_JSON}, {NTRIPLES};q=0.9"
TIMEOUT = httpx.Timeout(30.0, read=600.0)


class RemoteError(StoreError, OSError):
    """The SPARQL server cannot be reached or refused a request (an OSError, as pyoxigraph's are)."""


class RemoteSyntaxError(StoreError, SyntaxError):
    """The server says the query or update does not parse (a SyntaxError, as pyoxigraph's are)."""


def is_endpoint(location) -> bool:
    """True when ``--store`` names a SPARQL endpoint (an http:// or https:// URL), not a folder."""
    return isinstance(location, str) and location.lower().startswith(("http://", "https://"))


def store_location(value=None):
    """What ``--store`` (or $USCN_STORE, or the default folder) names: a URL as given, else a Path."""
    value = value if value not in (None, "") else os.environ.get(STORE_ENV) or default_store_path()
    return str(value) if is_endpoint(str(value)) else Path(value)


def open_store(location=None, *, read_only: bool = False) -> GraphStore:
    """The store ``location`` names: a :class:`RemoteStore` for a URL, else the embedded folder."""
    location = store_location(location)
    if is_endpoint(location):
        return RemoteStore(location, read_only=read_only)
    return GraphStore(location, read_only=read_only)


def endpoints(url: str) -> tuple[str, str]:
    """(query URL, update URL) for what the user gave.

    Oxigraph answers queries at ``/query`` and updates at ``/update``; a server root
    means Oxigraph's two. Any other URL (Fuseki's dataset URL, Virtuoso's ``/sparql``)
    takes both, as the SPARQL 1.1 Protocol allows; $USCN_STORE_UPDATE names another.
    """
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if path == "":
        query = urlunsplit(parts._replace(path="/query"))
        update = urlunsplit(parts._replace(path="/update"))
    elif path.endswith("/query"):
        query, update = url, urlunsplit(parts._replace(path=path[: -len("query")] + "update"))
    else:
        query = update = url
    return query, os.environ.get(UPDATE_ENV) or update


def prefixed(sparql: str, prefixes: dict[str, str] | None) -> str:
    if not prefixes:
        return sparql
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items()) + sparql


# Strings, IRIs and comments, which may hold a brace or a keyword that is not one.
_SKIP = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                   r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_KEYWORD = re.compile(r"\b(SELECT|WHERE|ASK)\b", re.IGNORECASE)
_MODIFIER = re.compile(r"\b(GROUP|ORDER)\s+BY\b", re.IGNORECASE)
_MODIFIER_END = re.compile(r"\b(HAVING|ORDER|LIMIT|OFFSET|VALUES)\b|[{}]", re.IGNORECASE)


def _is_test(masked: str, brace: int) -> bool:
    """Whether the group opening at ``brace`` holds only a FILTER (``{ FILTER (?p = "") }``).

    Such a subquery tests whether a parameter was given; its uses of the parameter are all
    replaced by the value, so it needs no VALUES block, and one would make it bind the
    parameter again, which a LATERAL on its right-hand side may not do.
    """
    close = masked.find("}", brace + 1)
    body = masked[brace + 1:close] if close >= 0 else ""
    return "{" not in body and re.match(r"\s*FILTER\b", body, re.IGNORECASE) is not None


def substituted(sparql: str, substitutions: dict | None) -> str:
    """The query with each variable replaced by its value, as Oxigraph's ``substitutions``
    (SEP-0007) do, for a server that takes no such parameter.

    The value is written in place of the variable wherever an expression or a pattern
    uses it; where only a variable may stand (a SELECT's projection, GROUP BY, ORDER BY)
    the variable stays, bound by a ``VALUES`` block opening that SELECT's group (and the
    top-level WHERE's), so the answer still shows it.
    """
    if not substitutions:
        return sparql
    terms = {v.value: str(t) for v, t in substitutions.items()}
    block = f" VALUES ({' '.join('?' + n for n in terms)}) {{ ({' '.join(terms.values())}) }} "
    masked = _SKIP.sub(lambda m: " " * len(m.group()), sparql)   # same offsets, nothing to mistake
    inserts: set[int] = set()
    keep: list[tuple[int, int]] = []
    for m in _KEYWORD.finditer(masked):
        if m.group(1).upper() in ("SELECT", "ASK") or not inserts:
            brace = masked.find("{", m.end())
            if brace >= 0:
                if not _is_test(masked, brace):
                    inserts.add(brace + 1)
                if m.group(1).upper() == "SELECT":
                    where = re.search(r"\bWHERE\b", masked[m.end():brace], re.IGNORECASE)
                    keep.append((m.end(), m.end() + where.start() if where else brace))
    for m in _MODIFIER.finditer(masked):
        stop = _MODIFIER_END.search(masked, m.end())
        keep.append((m.end(), stop.start() if stop else len(masked)))
    edits = [(at, at, block) for at in inserts]
    for m in re.finditer(r"[?$]([A-Za-z0-9_\u00b7\u00c0-\uffff]+)", masked):
        if m.group(1) in terms and not any(a <= m.start() < b for a, b in keep):
            edits.append((m.start(), m.end(), terms[m.group(1)]))
    out, last = [], 0
    for a, b, text in sorted(edits):
        out += [sparql[last:a], text]
        last = b
    return "".join(out) + sparql[last:]


class _Stream:
    """A response body as a file pyoxigraph reads from; the response is closed at its end."""

    def __init__(self, response: httpx.Response):
        self.response, self.chunks, self.buffer = response, response.iter_bytes(), b""

    def read(self, size: int = -1) -> bytes:
        while self.chunks is not None and (size < 0 or len(self.buffer) < size):
            chunk = next(self.chunks, None)
            if chunk is None:
                self.chunks = None
                self.response.close()
            else:
                self.buffer += chunk
        if size < 0:
            data, self.buffer = self.buffer, b""
        else:
            data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data


class RemoteEndpoint:
    """The part of ``pyoxigraph.Store`` uscn uses, over the SPARQL 1.1 Protocol and one kept client."""

    def __init__(self, url: str, *, read_only: bool = False, client: httpx.Client | None = None):
        self.url = url
        self.query_url, self.update_url = endpoints(url)
        self.read_only = read_only
        self.client = client or httpx.Client(timeout=TIMEOUT, transport=httpx.HTTPTransport(retries=2),
                                             headers={"User-Agent": "uscn"})

    # --- the protocol ----------------------------------------------------------
    def _send(self, url: str, **request) -> httpx.Response:
        try:
            response = self.client.send(self.client.build_request("POST", url, **request), stream=True)
        except httpx.HTTPError as exc:
            raise RemoteError(f"{url}: the SPARQL server cannot be reached ({exc}); start it or fix --store") from None
        if response.status_code >= 400:
            text = response.read().decode("utf-8", "replace").strip().splitlines()
            response.close()
            problem = f"{url}: the server answered {response.status_code}: {' '.join(text)[:300]}"
            if response.status_code == 400:
                raise RemoteSyntaxError(problem)
            raise RemoteError(problem + "; check the server and its log")
        return response

    def query(self, sparql: str, *, prefixes: dict | None = None, use_default_graph_as_union: bool = False,
              substitutions: dict | None = None, default_graph=None):
        """SELECT/ASK as ``QuerySolutions``/``QueryBoolean``, CONSTRUCT/DESCRIBE as ``QueryTriples``."""
        form: list[tuple[str, str]] = [("query", prefixed(substituted(sparql, substitutions), prefixes))]
        if default_graph is not None:
            graphs = default_graph if isinstance(default_graph, (list, tuple, set)) else [default_graph]
            form += [("default-graph-uri", g.value) for g in graphs]
        elif use_default_graph_as_union:
            form.append(("union-default-graph", ""))
        response = self._send(self.query_url, content=urlencode(form).encode(),
                              headers={"Accept": ACCEPT, "Content-Type": "application/x-www-form-urlencoded"})
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        if kind == RESULTS_JSON:
            return ox.parse_query_results(_Stream(response), ox.QueryResultsFormat.JSON)
        if kind == NTRIPLES:
            # A real QueryTriples (what the embedded store returns) from an in-memory store of the answer.
            held = ox.Store()
            held.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                             for t in ox.parse(_Stream(response), ox.RdfFormat.N_TRIPLES))
            return held.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        response.close()
        raise RemoteError(f"{self.query_url}: the server answered in {kind or 'no type'}, not SPARQL JSON "
                          "results or N-Triples; is this a SPARQL 1.1 query endpoint?")

    def update(self, sparql: str, *, prefixes: dict | None = None) -> None:
        """One SPARQL Update request: the server applies it as one transaction."""
        if self.read_only:
            raise StoreError(f"{self.url}: this command opens the store read-only; nothing was written")
        self._send(self.update_url, content=prefixed(sparql, prefixes).encode(),
                   headers={"Content-Type": "application/sparql-update"}).close()

    # --- what pyoxigraph.Store offers besides --------------------------------------
    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        return bool(self.query(f"ASK {{ GRAPH {graph} {{ }} }}"))

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        return (s["g"] for s in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"))

    def quads_for_pattern(self, subject, predicate, obj, graph_name=None) -> Iterator[ox.Quad]:
        """Quads in named graphs matching the pattern (None matches anything), streamed."""
        pick = lambda term, name: str(term) if term is not None else f"?{name}"
        s, p, o, g = pick(subject, "s"), pick(predicate, "p"), pick(obj, "o"), pick(graph_name, "g")
        for sol in self.query(f"SELECT * WHERE {{ GRAPH {g} {{ {s} {p} {o} }} }}"):
            yield ox.Quad(subject or sol["s"], predicate or sol["p"], obj or sol["o"], graph_name or sol["g"])

    def __contains__(self, quad: ox.Quad) -> bool:
        return bool(self.query(f"ASK {{ GRAPH {quad.graph_name} {{ {quad.subject} {quad.predicate} {quad.object} }} }}"))

    def __len__(self) -> int:
        return int(next(iter(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))["n"].value)

    def close(self) -> None:
        self.client.close()


class RemoteStore(GraphStore):
    """A :class:`GraphStore` kept on a SPARQL 1.1 server; see the module docstring."""

    def __init__(self, url: str, *, read_only: bool = False, client: httpx.Client | None = None):
        self.path = url   # named in messages
        self.read_only = read_only
        self._index = None
        self.ox = RemoteEndpoint(url, read_only=read_only, client=client)
        self.ox.query("ASK { }")   # reachable and speaking SPARQL, or one clear line now

    def happening_index(self) -> HappeningIndex:
        """An index in memory, filled from the server's happenings graph (the server may be shared)."""
        if self._index is None:
            index = HappeningIndex(None)
            if self.ox.contains_named_graph(HAPPENINGS_GRAPH):
                rebuild_index(self, index)
            self._index = index
        return self._index

    def flush(self) -> None:
        """Nothing to do: each update request is stored when the server answers it."""

    def compact(self, optimize: bool = False) -> None:
        """The server keeps its own files."""

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None
        self.ox.close()
