#!/usr/bin/env python
"""Time the analysis and the page against a baseline, on synthetic stores.

For each size N it builds an in-memory pyoxigraph store of N events among N/2
actors (persons, countries, organizations; a tenth of them are hubs that take
part in most events, as in real news), laid out as ``ontology/README.md`` says:
one named graph per article of five events, entities and events written into
it. Then it times, in the same run:

* baseline: one SPARQL query that pulls every event's triples out of the store
  as Python strings (what any consumer of the store pays at least);
* load: :func:`graph.analysis.load_corpus` (all the queries, into records);
* model: :func:`graph.views.build_view_model` (actor graph, PageRank, Louvain on
  the kept nodes, timeline, monthly balance);
* page: :func:`graph.views.write_page` (pyvis data, template, inline vis-network,
  offline scan, write);

and prints each with its ratio to the baseline. ``--browser`` also opens each
page in headless Chromium (/usr/bin/chromium) and times until the network has
settled.

Usage::

    python scripts/bench_render.py                 # N = 200, 2000, 20000
    python scripts/bench_render.py --sizes 500 --max-nodes 1500 --browser
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.analysis import load_corpus  # noqa: E402
from graph.views import build_view_model, write_page  # noqa: E402

USCN = "https://w3id.org/uscn/ontology#"
ENT = "https://w3id.org/uscn/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
A = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
TYPES = ("Meeting", "Visit", "PhoneCall", "Accusation", "Sanction", "Agreement", "Statement",
         "Claim", "Denial", "Cancellation")
KINDS = (("Person", "person"), ("Country", "country"), ("Organization", "org"))


def u(name: str) -> ox.NamedNode:
    return ox.NamedNode(USCN + name)


def lit(value: str, datatype: str | None = None) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype)) if datatype else ox.Literal(value)


def synthetic_store(n_events: int, n_actors: int, seed: int = 7) -> tuple[ox.Store, int]:
    """A store of ``n_events`` events; returns it and its number of quads."""
    rng = random.Random(seed)
    actors = []
    for i in range(n_actors):
        kind, prefix = KINDS[i % 3]
        actors.append((ox.NamedNode(f"{ENT}{prefix}/actor-{i}"), kind, f"Actor {i}"))
    hubs = actors[: max(3, n_actors // 10)]
    disputes = [(ox.NamedNode(f"{ENT}dispute/d{i}"), f"Dispute {i}") for i in range(8)]
    quads: list[ox.Quad] = []
    day0 = dt.date(2021, 1, 1)
    per_article = 5
    for first in range(0, n_events, per_article):
        g = ox.NamedNode(f"{ENT}article/synthetic-{first // per_article}")
        published = day0 + dt.timedelta(days=rng.randrange(1000))
        quads += [ox.Quad(g, A, u("Article"), g),
                  ox.Quad(g, u("title"), lit(f"Synthetic story {first // per_article}"), g),
                  ox.Quad(g, u("published"), lit(published.isoformat(), "date"), g),
                  ox.Quad(g, u("url"), ox.NamedNode(f"https://example.com/story/{first}"), g),
                  ox.Quad(g, u("publisher"), lit("Bench Wire"), g)]
        described = set()
        for i in range(first, min(first + per_article, n_events)):
            e = ox.NamedNode(f"{ENT}event/bench-{i:06d}")
            who = [rng.choice(hubs)] + rng.sample(actors, rng.choice((1, 1, 2)))
            kind = rng.choice(TYPES)
            start = day0 + dt.timedelta(days=rng.randrange(1000))
            quads += [ox.Quad(e, A, u(kind), g),
                      ox.Quad(e, LABEL, lit(f"{start.isoformat()} – synthetic {kind.lower()} {i}"), g),
                      ox.Quad(e, u("startDate"), lit(start.isoformat(), "date"), g),
                      ox.Quad(e, u("endDate"), lit(start.isoformat(), "date"), g),
                      ox.Quad(e, u("datePrecision"), lit("day"), g),
                      ox.Quad(e, u("planned"), lit("false", "boolean"), g),
                      ox.Quad(e, u("source"), g, g),
                      ox.Quad(e, u("evidence"), lit(f"Synthetic evidence sentence number {i}."), g),
                      ox.Quad(e, u("goldstein"), lit(f"{rng.uniform(-10, 10):.2f}", "decimal"), g)]
            quads.append(ox.Quad(e, u("actor"), who[0][0], g))
            for other in who[1:]:
                if other[0] != who[0][0]:
                    quads.append(ox.Quad(e, u("target"), other[0], g))
            if rng.random() < 0.4:
                d = rng.choice(disputes)
                quads.append(ox.Quad(e, u("concerns"), d[0], g))
                if d[0] not in described:
                    described.add(d[0])
                    quads += [ox.Quad(d[0], A, u("Dispute"), g), ox.Quad(d[0], LABEL, lit(d[1]), g)]
            for iri, kind_name, label in who:
                if iri not in described:
                    described.add(iri)
                    quads += [ox.Quad(iri, A, u(kind_name), g), ox.Quad(iri, LABEL, lit(label), g)]
    store = ox.Store()
    store.bulk_extend(quads)
    return store, len(quads)


BASELINE = f"""PREFIX uscn: <{USCN}>
SELECT ?e ?p ?o WHERE {{ ?e uscn:source ?s . ?e ?p ?o }}"""


def timed(fn):
    t = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t


def browser_seconds(path: Path) -> float | None:
    """Seconds from opening the page in headless Chromium to a settled network."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path("/usr/bin/chromium").exists():
        return None
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = b.new_context(offline=True).new_page()
        t = time.perf_counter()
        page.goto(path.resolve().as_uri())
        page.wait_for_function("() => document.body.getAttribute('data-network-ready') === '1'",
                               timeout=300_000)
        seconds = time.perf_counter() - t
        b.close()
    return seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="200,2000,20000",
                        help="numbers of events, comma-separated (default: 200,2000,20000)")
    parser.add_argument("--actors-per-event", type=float, default=0.5,
                        help="actors per event (default 0.5: N/2 actors)")
    parser.add_argument("--max-nodes", type=int, default=300)
    parser.add_argument("--max-events", type=int, default=2000)
    parser.add_argument("--browser", action="store_true",
                        help="also time opening each page in headless Chromium")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "uscn-bench")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.out.mkdir(parents=True, exist_ok=True)

    header = (f"{'events':>7} {'actors':>7} {'quads':>8} | {'baseline':>8} | {'load':>7} {'model':>7} "
              f"{'page':>7} {'total':>7} {'total/base':>10} | {'shown':>11} {'left out':>11} "
              f"{'MB':>5}" + (f" | {'browser':>8}" if args.browser else ""))
    print(header)
    print("-" * len(header))
    for n in sizes:
        n_actors = max(10, int(n * args.actors_per_event))
        store, n_quads = synthetic_store(n, n_actors)
        _, base = timed(lambda: [(s[0].value, s[1].value, s[2].value)
                                 for s in store.query(BASELINE, use_default_graph_as_union=True)])
        corpus, t_load = timed(lambda: load_corpus(store))
        model, t_model = timed(lambda: build_view_model(corpus, max_nodes=args.max_nodes,
                                                        max_events=args.max_events))
        path = args.out / f"bench-{n}.html"
        _, t_page = timed(lambda: write_page(model, path))
        total = t_load + t_model + t_page
        lo = model["left_out"]
        line = (f"{n:>7} {n_actors:>7} {n_quads:>8} | {base:>7.2f}s | {t_load:>6.2f}s {t_model:>6.2f}s "
                f"{t_page:>6.2f}s {total:>6.2f}s {total / base:>9.1f}x | "
                f"{len(model['nodes']):>4}n {len(model['edges']):>5}e "
                f"{lo['nodes']:>4}n {lo['edges']:>5}e {path.stat().st_size / 1e6:>5.1f}")
        if args.browser:
            seconds = browser_seconds(path)
            line += f" | {seconds:>7.1f}s" if seconds is not None else " |      n/a"
        print(line, flush=True)
    print(f"\npages written to {args.out}; layout: {model['layout']['mode']} "
          f"(max_nodes={args.max_nodes}, max_events={args.max_events})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
