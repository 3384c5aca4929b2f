#!/usr/bin/env python3
"""Ingest speed, memory and store size as the input grows, beside a floor, through the real CLI.

    python scripts/bench_ingest.py [CORPUS.jsonl] [--sizes 1,10,40] [--workers N]

For each size S the corpus is written S times over (each copy's ids made unique) and
ingested into a fresh store by the real command line (`python -m graph ingest FILE
--store DIR --quiet`), one child process per run. Beside it, in the same command:

- floor: a child process that reads the same file with uscn's loaders and tokenizes
  every text (graph.extract.text.tokens), the least any ingest must do;
- extract: a child process that extracts and builds every article's quads with the
  same number of workers but writes nothing, to tell extraction from writing.

It prints, per size: articles/s of each run, the ingest's time per article against
the smallest size (linear is 1.00), the peak resident memory of the ingest (the
largest process of its tree), and the store folder against the same quads
bulk-loaded into a fresh store (`uscn export --with-ontology` then
pyoxigraph's bulk loader). Targets (issue 9): >= 150 articles/s at 2,700 records on two
cores; per-article time and peak memory at 5,400 records within 1.2x of 1,350; the
store folder within 2x of the bulk-loaded one.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "whitehouse.jsonl"

FLOOR = """
import sys
from graph.loaders import load
from graph.extract.text import tokens
n = 0
for article in load(sys.argv[1]):
    n += sum(1 for _ in tokens(article.text))
print(n)
"""

EXTRACT = """
import sys
from graph.ingest import prepared_in_order
from graph.loaders import load
if __name__ == "__main__":
    n = sum(p.quads for p in prepared_in_order(iter(load(sys.argv[1])), int(sys.argv[2])))
    print(n)
"""


def repeated(corpus: Path, times: int, path: Path) -> int:
    """The corpus ``times`` over, ids made unique per copy; returns the number of records."""
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    with open(path, "w", encoding="utf-8") as out:
        for n in range(times):
            for r in rows:
                out.write(json.dumps(dict(r, id=f"{r['id']}-x{n}")) + "\n")
    return len(rows) * times


def timed(cmd: list[str]) -> tuple[float, int, float]:
    """Wall time, peak RSS (MB, the largest process of the child's tree) and CPU seconds (user and
    system, of the child and the processes it waited for: its workers) of a child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    return elapsed, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


BULK = """
import sys
import pyoxigraph as ox
s = ox.Store(sys.argv[2])
s.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
s.flush()
s.optimize()
"""


def bulk_loaded_size(store: Path, folder: Path) -> int:
    """The size of a fresh store holding the same quads, loaded with Oxigraph's bulk loader.

    In a child process: the bulk load takes about a gigabyte at 5,400 records, and a child's
    peak RSS as ``wait4`` reports it is never below the parent's own peak when it was started
    (Linux counts the parent's high-water mark into the child at ``exec``), so holding it here
    would inflate the peak memory of every later run."""
    dump = folder / "dump.nq"
    subprocess.run([sys.executable, "-m", "graph", "export", "--store", str(store), "--format", "nquads",
                    "--with-ontology", "--output", str(dump)], cwd=ROOT, check=True)
    bulk = folder / "bulk"
    subprocess.run([sys.executable, "-c", BULK, str(dump), str(bulk)], cwd=ROOT, check=True)
    dump.unlink()
    return folder_size(bulk)


def own_peak_mb() -> int:
    """This process's peak RSS: the least any child's peak can be reported as (see bulk_loaded_size)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--sizes", default="1,10,40", help="How many times over to repeat the corpus.")
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--no-extract", action="store_true", help="Skip the extraction-only runs (they take long).")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    print(f"{os.cpu_count()} cores; --workers {args.workers}; corpus {args.corpus}")
    print(f"{'records':>8} {'floor/s':>8} {'extract/s':>9} {'ingest/s':>8} {'ingest/floor':>12} "
          f"{'per-article':>11} {'cpu ms/art':>10} {'peak MB':>8} {'store MB':>8} {'bulk MB':>8} {'store/bulk':>10}")
    base = None
    base_rss = None
    with tempfile.TemporaryDirectory(prefix="uscn-bench-ingest-") as tmp:
        for size in sizes:
            folder = Path(tmp) / f"x{size}"
            folder.mkdir()
            source = folder / "input.jsonl"
            n = repeated(args.corpus, size, source)
            floor_s, _, _ = timed([sys.executable, "-c", FLOOR, str(source)])
            extract_s = float("nan") if args.no_extract else \
                timed([sys.executable, "-c", EXTRACT, str(source), str(args.workers)])[0]
            store = folder / "store"
            ingest_s, rss, cpu_s = timed([sys.executable, "-m", "graph", "ingest", str(source), "--store", str(store),
                                   "--quiet", "--workers", str(args.workers)])
            per_article = ingest_s / n
            base = base or per_article
            base_rss = base_rss or rss
            size_mb = folder_size(store) / 1e6
            bulk_mb = bulk_loaded_size(store, folder) / 1e6
            print(f"{n:>8} {n / floor_s:>8.1f} {n / extract_s:>9.1f} {n / ingest_s:>8.1f} "
                  f"{ingest_s / floor_s:>11.1f}x {per_article / base:>10.2f}x {cpu_s / n * 1000:>10.2f} {rss:>8} {size_mb:>8.1f} "
                  f"{bulk_mb:>8.1f} {size_mb / bulk_mb:>9.2f}x", flush=True)
    print(f"bench process peak {own_peak_mb()} MB (a child's peak MB cannot be reported below it)")
    print("per-article: ingest time per article against the first size (1.00 is linear); "
          "peak MB: largest process of the ingest; store/bulk: the store folder against the same quads "
          "bulk-loaded; extract/s: extraction and quad building alone with the same workers, no store; "
          "cpu ms/art: CPU time of the ingest and its workers an article (on a shared machine, steadier "
          "than articles/s)")


if __name__ == "__main__":
    main()
