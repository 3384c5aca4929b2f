#!/usr/bin/env python3
"""Named query speed on the corpus, against a floor in the same run.

    python scripts/bench_queries.py [CORPUS.jsonl]

Ingests the seeds and the corpus into a temporary store, then runs every named query
of ontology/queries unbound and with its example's parameters, best of three, next to
a floor: one pass over every triple (SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }).
It prints each query's time and its ratio to the floor.
"""
from __future__ import annotations

import shlex
import sys
import tempfile
import time
from pathlib import Path

from graph.ingest import ingest
from graph.rdf.query import named_queries, run
from graph.rdf.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "whitehouse.jsonl"
FLOOR = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def example_params(example: str) -> dict[str, str]:
    words = shlex.split(example)
    return {words[i + 1]: words[i + 2] for i, w in enumerate(words) if w == "--param" and i + 2 < len(words)}


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    with tempfile.TemporaryDirectory() as tmp:
        store = GraphStore(Path(tmp) / "store")
        ingest([str(ROOT / "seeds"), str(corpus)], store, on_error=lambda e: print(e, file=sys.stderr))
        floor = best(lambda: list(store.query(FLOOR)))
        print(f"{len(store)} quads; floor (one pass over every triple): {floor * 1000:.1f} ms")
        for name, nq in named_queries().items():
            for params in ({}, example_params(nq.example)):
                seconds = best(lambda: list(run(store, nq.text, params)))
                shown = " ".join(f"{k}={v!r}" for k, v in params.items()) or "(unbound)"
                print(f"{name:24} {shown:44} {seconds * 1000:8.1f} ms  {seconds / floor:6.1f}x")
        store.close()


if __name__ == "__main__":
    main()
