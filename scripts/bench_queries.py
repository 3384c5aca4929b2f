#!/usr/bin/env python3
"""Named queries and `uscn stats` on a store of about a million triples, beside a floor.

    python scripts/bench_queries.py [--triples 1000000] [--store DIR] [--repeat 3]

The store: the seeds and the corpus are ingested once with the real pipeline, then the
corpus's article graphs are repeated with unique ids (article, report, mention and
blank-node names get a copy suffix; entities and happenings stay shared, as a real
ingest of the same events from many articles would share them) until the store holds
about --triples triples, and the copies are written with Oxigraph's bulk loader. With
--store DIR the store is kept there and reused by the next run (delete it to rebuild).

Then every named query of ontology/queries runs unbound and with its example's
parameters (best of --repeat), as `uscn query` runs it in process, and `uscn stats`
runs as the command computes it. The floor, in the same run: the same store answering
one pass over every triple (SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }), and a query
on one article's graph (what a narrowed query must at least do). Targets (issue 9):
every named query with its example <= 200 ms, stats <= 2 s. Each line gives the wall time,
the CPU time (this thread's; on a machine shared with other work the wall time grows and the
CPU time much less) and the ratio of the CPU time to the floor's; the load average is printed.
"""
from __future__ import annotations

import argparse
import math
import os
import shlex
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.ingest import ingest  # noqa: E402
from graph.rdf.query import named_queries, run  # noqa: E402
from graph.rdf.stats import store_stats  # noqa: E402
from graph.rdf.store import GraphStore  # noqa: E402
from graph.rdf.vocab import ENT, term, uscn  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "whitehouse.jsonl"
FLOOR = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
ONE_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
ARTICLE_GRAPH_PREFIX = ENT + "article/"
IDENTIFIER = term("dcterms", "identifier")
HAPPENING = uscn("Happening")
A = term("rdf", "type")


def best(fn, repeat: int) -> tuple[float, float]:
    """The best (wall, CPU) seconds of ``repeat`` runs. Oxigraph answers a query on this thread,
    so CPU time is the query's own cost even when other work shares the machine; wall time is
    what a user waits."""
    times = []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - start, time.process_time() - cpu))
    return min(t[0] for t in times), min(t[1] for t in times)


def example_params(example: str) -> dict[str, str]:
    words = shlex.split(example)
    return {words[i + 1]: words[i + 2] for i, w in enumerate(words) if w == "--param" and i + 2 < len(words)}


# --- the store --------------------------------------------------------------------------------
def is_article_graph(g) -> bool:
    return isinstance(g, ox.NamedNode) and g.value.startswith(ARTICLE_GRAPH_PREFIX)


def local_names(quads: list[ox.Quad]) -> set:
    """The IRIs that belong to one article: its graph, and subjects only its graph describes."""
    shared_subjects, happenings, article_subjects = set(), set(), set()
    for q in quads:
        if q.predicate == A and q.object == HAPPENING:
            happenings.add(q.subject)
        (article_subjects if is_article_graph(q.graph_name) else shared_subjects).add(q.subject)
    graphs = {q.graph_name for q in quads if is_article_graph(q.graph_name)}
    return {s for s in article_subjects if isinstance(s, ox.NamedNode)} - shared_subjects - happenings | graphs


def copy_quads(quads: list[ox.Quad], local: set, k: int):
    """Copy k of every quad that names something of an article; shared quads stay once (k = 0)."""
    def rename(t):
        if isinstance(t, ox.BlankNode):
            return ox.BlankNode(f"{t.value}c{k}")
        if t in local:
            return ox.NamedNode(f"{t.value}-copy{k}")
        return t

    for q in quads:
        article_bound = is_article_graph(q.graph_name) or q.subject in local or q.object in local \
            or isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)
        if not article_bound:
            if k == 0:
                yield q
            continue
        obj = q.object
        if q.predicate == IDENTIFIER and isinstance(obj, ox.Literal):
            obj = ox.Literal(f"{obj.value}-copy{k}") if k else obj
        else:
            obj = rename(obj) if k else obj
        if k == 0:
            yield q
        else:
            yield ox.Quad(rename(q.subject), q.predicate, obj, rename(q.graph_name))


def build_store(path: Path, target: int) -> None:
    """Ingest seeds and corpus into a scratch store, then bulk-load copies of it into ``path``."""
    with tempfile.TemporaryDirectory() as tmp:
        scratch = GraphStore(Path(tmp) / "once")
        ingest([str(ROOT / "seeds"), str(CORPUS)], scratch, on_error=lambda e: print(e, file=sys.stderr))
        scratch.flush()
        quads = list(scratch.ox)
        scratch.close()
    local = local_names(quads)
    per_copy = sum(1 for _ in copy_quads(quads, local, 1))
    copies = max(1, math.ceil((target - len(quads)) / per_copy) + 1)
    print(f"building {path}: {len(quads)} quads once, {per_copy} per further copy, {copies} copies", file=sys.stderr)
    store = ox.Store(str(path))
    for k in range(copies):
        store.bulk_extend(copy_quads(quads, local, k))
    store.flush()
    store.optimize()
    del store


# --- the benchmark ----------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, help="keep the store here and reuse it")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", help="run only the named queries whose name contains this")
    parser.add_argument("--examples-only", action="store_true", help="skip the unbound runs")
    args = parser.parse_args()
    tmp = None
    path = args.store
    if path is None:
        tmp = tempfile.TemporaryDirectory()
        path = Path(tmp.name) / "store"
    if not (path / "CURRENT").exists():
        start = time.perf_counter()
        build_store(path, args.triples)
        print(f"built in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    store = GraphStore(path, read_only=True)
    article = next(g for g in store.ox.named_graphs() if is_article_graph(g))
    floor = best(lambda: list(store.query(FLOOR)), args.repeat)
    one = best(lambda: list(store.query(ONE_GRAPH, {ox.Variable("g"): article}, union=False)), args.repeat)
    print(f"{len(store)} quads, {len(store.article_graphs())} graphs; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")
    print(f"floor: one pass over every triple {floor[0] * 1000:.0f} ms wall, {floor[1] * 1000:.0f} ms CPU; "
          f"one article's graph {one[1] * 1000:.2f} ms CPU")
    print(f"{'query':22} {'parameters':40} {'wall ms':>8} {'CPU ms':>8} {'/ floor':>7}  rows")
    slow = []
    for name, nq in named_queries().items():
        if args.only and args.only not in name:
            continue
        for params in ([] if args.examples_only else [{}]) + [example_params(nq.example)]:
            n = [0]

            def once():
                n[0] = sum(1 for _ in run(store, nq.text, params))
            wall, cpu = best(once, args.repeat)
            shown = " ".join(f"{k}={v!r}" for k, v in params.items()) or "(unbound)"
            print(f"{name:22} {shown[:40]:40} {wall * 1000:8.0f} {cpu * 1000:8.0f} {cpu / floor[1]:7.2f}  {n[0]}")
            if params and cpu > 0.2:
                slow.append(f"{name} ({cpu * 1000:.0f} ms)")
    wall, cpu = best(lambda: store_stats(store), args.repeat)
    print(f"{'uscn stats':22} {'':40} {wall * 1000:8.0f} {cpu * 1000:8.0f} {cpu / floor[1]:7.2f}")
    print(f"with parameters over 200 ms CPU: {', '.join(slow) or 'none'}; "
          f"stats {'over' if cpu > 2 else 'within'} 2 s CPU ({'over' if wall > 2 else 'within'} 2 s wall)")
    store.close()
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
