#!/usr/bin/env python3
"""`uscn validate` on the corpus, beside a floor and (with --reference) the old way.

    python scripts/bench_validate.py [CORPUS.jsonl ...] [--store DIR] [--reference]

The inputs (default: the seeds and the shared corpus) are ingested into a fresh
store through the real command (or --store DIR is used as it is). Then, in one
run and each timed in CPU seconds of this process (wall seconds too, which on a
shared machine mostly measure the neighbours):

- floor: the union of the article graphs exported and parsed into rdflib, the
  least any pySHACL validation of the store does before it checks anything;
- validate: what `uscn validate` runs (graph.rdf.validate.validate);
- reference (--reference only; minutes on the corpus): pySHACL with its own
  RDFS inference, as `uscn validate` ran before.

Target (issue 8, item 6): validate conforms-or-not on the whole corpus in under 30 s.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.rdf.store import GraphStore  # noqa: E402
from graph.rdf.validate import data_graph, validate, validate_rdfs  # noqa: E402

DEFAULT_INPUTS = [ROOT / "seeds", ROOT.parent / "shared" / "corpus" / "whitehouse.jsonl"]


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(label: str, fn):
    c0, w0 = cpu(), time.perf_counter()
    result = fn()
    c, w = cpu() - c0, time.perf_counter() - w0
    print(f"{label:<10} {c:7.1f} s CPU {w:7.1f} s wall", flush=True)
    return result, c


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", type=Path, default=DEFAULT_INPUTS)
    ap.add_argument("--store", type=Path, help="validate this store as it is instead of ingesting")
    ap.add_argument("--reference", action="store_true", help="also run the old pySHACL+RDFS way (slow)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.store
        if path is None:
            path = Path(tmp) / "store"
            subprocess.run([sys.executable, "-m", "graph", "ingest", *map(str, args.inputs), "--store", str(path)],
                           cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
        store = GraphStore(path, read_only=True)
        print(f"store {path}: {len(store)} quads")
        graph, floor = timed("floor", lambda: data_graph(store))
        print(f"           ({len(graph)} triples in the union)")
        (conforms, lines), fast = timed("validate", lambda: validate(store))
        print(f"           conforms={conforms}, {len(lines)} violation(s); {fast / floor:.1f}x the floor")
        if args.reference:
            (ref_conforms, ref_lines), slow = timed("reference", lambda: validate_rdfs(store))
            print(f"           conforms={ref_conforms}, {len(ref_lines)} violation(s); same lines: "
                  f"{ref_lines == lines}; {slow / fast:.1f}x validate")
        store.close()


if __name__ == "__main__":
    main()
