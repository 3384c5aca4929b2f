#!/usr/bin/env python3
"""A bounded load test of `uscn serve` on loopback, beside the same queries run in process.

    python scripts/bench_serve.py [--store DIR] [--clients 8] [--requests 400] [--workers 2]

Starts `uscn serve` on a free 127.0.0.1 port over the store (by default a fresh store of
the seeds), then sends a fixed number of requests from concurrent clients (threads, plain
HTTP): a mix of small SELECTs in each W3C result format, an ASK, a CONSTRUCT as Turtle and
two named queries. It prints requests per second, latency percentiles and the number of
errors (anything but a complete 200 answer; it must be 0, else the exit code is 1). The
floor, in the same run: the same requests answered by pyoxigraph in this process, one after
the other, with the result serialized the same way. Nothing leaves the machine, and the
server is stopped at the end.
"""
from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.rdf.query import named_queries  # noqa: E402
from graph.serve import free_port, oxigraph_binary  # noqa: E402

P = "PREFIX uscn: <https://w3id.org/uscn/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
CSV, TSV = ox.QueryResultsFormat.CSV, ox.QueryResultsFormat.TSV
JSON, XML = ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML


def mix() -> list[tuple[str, str, object]]:
    """(query, Accept, pyoxigraph format) of each kind of request, sent round robin."""
    named = named_queries()
    return [
        (P + "SELECT ?p ?l WHERE { ?p a uscn:Person ; rdfs:label ?l } ORDER BY ?l LIMIT 50",
         "application/sparql-results+json", JSON),
        (P + "SELECT ?a ?t WHERE { ?a a uscn:Article ; uscn:title ?t } ORDER BY ?t", "text/csv", CSV),
        (P + "SELECT ?e ?l WHERE { ?e a uscn:Meeting ; rdfs:label ?l }", "text/tab-separated-values", TSV),
        (P + "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c", "application/sparql-results+xml", XML),
        (P + "ASK { ?p a uscn:Person }", "application/sparql-results+json", JSON),
        (P + "CONSTRUCT { ?e a uscn:PhoneCall ; rdfs:label ?l } WHERE { ?e a uscn:PhoneCall ; rdfs:label ?l }",
         "text/turtle", ox.RdfFormat.TURTLE),
        (named["events-by-month"].text, "application/sparql-results+json", JSON),
        (named["who-met-whom"].text, "text/csv", CSV),
    ]


def percentiles(times: list[float]) -> str:
    q = statistics.quantiles(times, n=100, method="inclusive")
    return (f"p50 {q[49] * 1000:7.1f} ms  p90 {q[89] * 1000:7.1f} ms  p99 {q[98] * 1000:7.1f} ms  "
            f"max {max(times) * 1000:7.1f} ms")


def in_process(store_path: Path, requests: list) -> list[float]:
    store = ox.Store.read_only(str(store_path))
    times = []
    for query, _, fmt in requests:
        start = time.perf_counter()
        result = store.query(query, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryTriples):
            ox.serialize(result, format=fmt)
        else:
            result.serialize(format=fmt)
        times.append(time.perf_counter() - start)
    return times


def over_http(base: str, requests: list, clients: int, path: str = "/sparql") -> tuple[list[float], list[str], float]:
    times: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    todo = iter(enumerate(requests))

    def client():
        while True:
            with lock:
                item = next(todo, None)
            if item is None:
                return
            _, (query, accept, _) = item
            body = urllib.parse.urlencode({"query": query}).encode()
            req = urllib.request.Request(base + path, data=body, headers={
                "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(req, timeout=60) as r:
                    r.read()
                    ok = r.status == 200
            except (urllib.error.URLError, OSError) as exc:
                ok, why = False, str(exc)
            else:
                why = "status"
            elapsed = time.perf_counter() - start
            with lock:
                times.append(elapsed)
                if not ok:
                    errors.append(why)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, errors, time.perf_counter() - start


def start_server(store: Path, workers: int, bare: bool = False) -> tuple[subprocess.Popen, str]:
    """`uscn serve`, or (bare) Oxigraph's server alone on the same store."""
    port = free_port()
    if bare:
        cmd = [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}",
               "--union-default-graph"]
    else:
        cmd = [str(Path(sys.executable).with_name("uscn")), "serve", "--store", str(store), "--port", str(port),
               "--workers", str(workers)]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/", timeout=1).read()
            return proc, base
        except OSError:
            if proc.poll() is not None:
                sys.exit("uscn serve did not start")
            time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)
    sys.exit("uscn serve did not answer within 30 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a uscn store [default: the seeds, ingested afresh]")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    store = args.store
    if store is None:
        store = Path(tmp.name) / "store"
        subprocess.run([str(Path(sys.executable).with_name("uscn")), "ingest", str(ROOT / "seeds"),
                        "--store", str(store)], check=True, stderr=subprocess.DEVNULL)
    kinds = mix()
    requests = [kinds[i % len(kinds)] for i in range(args.requests)]
    floor = in_process(store, requests)
    try:
        results = {}
        for bare in (True, False):
            proc, base = start_server(store, args.workers, bare)
            path = "/query" if bare else "/sparql"
            try:
                over_http(base, requests[: len(kinds)], 1, path)  # warm up
                results[bare] = over_http(base, requests, args.clients, path)
            finally:
                stop(proc)
    finally:
        tmp.cleanup()
    bare_times, bare_errors, bare_wall = results[True]
    times, errors, wall = results[False]
    print(f"{args.requests} requests, {args.clients} clients, {args.workers} workers, "
          f"{len(kinds)} kinds of query, store {store if args.store else '(seeds)'}")
    print(f"in process, one by one : {percentiles(floor)}  ({args.requests / sum(floor):.0f} req/s)")
    print(f"Oxigraph server alone  : {percentiles(bare_times)}  ({args.requests / bare_wall:.0f} req/s, "
          f"no time limit; errors {len(bare_errors)})")
    print(f"uscn serve over HTTP   : {percentiles(times)}  ({args.requests / wall:.0f} req/s)")
    print(f"median ratio to the floor: {statistics.median(times) / statistics.median(floor):.1f}x; "
          f"errors: {len(errors)}")
    if errors:
        print(f"first error: {errors[0]}")
        sys.exit(1)


def stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGINT)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


if __name__ == "__main__":
    main()
