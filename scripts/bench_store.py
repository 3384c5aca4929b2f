#!/usr/bin/env python3
"""Why the store is Oxigraph: the same data and queries in rdflib's memory store and in
Oxigraph on disk, side by side in one run.

    python scripts/bench_store.py [CORPUS.jsonl] [--copies 2]

The corpus is ingested --copies times over (fresh article ids) into an on-disk
Oxigraph store through the real pipeline; its union is then loaded into an
rdflib Graph. Both answer the same SPARQL (a two-hop join: people who share events
with a person; a GROUP BY: events per type and month). It prints seconds for
each and the ratio rdflib/Oxigraph.
"""
from __future__ import annotations

import argparse
import io
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import rdflib

from graph.ingest import ingest_articles
from graph.loaders import load
from graph.rdf.export import export
from graph.rdf.store import GraphStore
from graph.rdf.vocab import PREFIXES

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "whitehouse.jsonl"
PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
QUERIES = {
    "co-participants (2-hop join)": """
        SELECT ?other (COUNT(DISTINCT ?e) AS ?n) WHERE {
          ?p rdfs:label "Joe Biden" .
          ?e uscn:actor|uscn:target|uscn:participant ?p .
          ?e uscn:actor|uscn:target|uscn:participant ?other .
          ?other a uscn:Person . FILTER(?other != ?p)
        } GROUP BY ?other ORDER BY DESC(?n)""",
    "events per type and month (GROUP BY)": """
        SELECT ?type ?month (COUNT(?e) AS ?n) WHERE {
          ?e a ?type ; uscn:startDate ?d .
          BIND(SUBSTR(STR(?d), 1, 7) AS ?month)
        } GROUP BY ?type ?month ORDER BY ?month""",
}


def fill(store: GraphStore, corpus: Path, copies: int) -> None:
    articles = (replace(article, id=f"{article.id}-{n}") for n in range(copies) for article in load(corpus))
    ingest_articles(articles, store, on_error=print)
    store.flush()


def best(fn, repeat: int = 3) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = len(list(fn()))
        times.append(time.perf_counter() - start)
    return min(times), rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--copies", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = GraphStore(Path(tmp) / "store")
        fill(store, args.corpus, args.copies)
        buf = io.BytesIO()
        export(store, buf, "ntriples")
        graph = rdflib.Graph()
        graph.parse(data=buf.getvalue(), format="nt")
        print(f"{len(graph)} triples (union of {len(store.article_graphs())} article graphs)")
        for name, query in QUERIES.items():
            ox_s, ox_rows = best(lambda: store.query(query))
            rd_s, rd_rows = best(lambda: graph.query(PROLOGUE + query), repeat=1)
            assert ox_rows == rd_rows, (name, ox_rows, rd_rows)
            print(f"{name}: oxigraph {ox_s * 1000:8.1f} ms, rdflib {rd_s * 1000:9.1f} ms, "
                  f"ratio {rd_s / ox_s:7.1f}x ({ox_rows} rows)")
        store.close()


if __name__ == "__main__":
    main()
