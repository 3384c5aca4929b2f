#!/usr/bin/env python3
"""Kill a re-ingest at many points and check that no article is ever half written.

    python scripts/kill_ingest.py [CORPUS.jsonl] [--records 40] [--points 50] [--workers 2]

Two versions of the same articles are made from the corpus: the first RECORDS records
(old), and the same ids with each record's title and text taken from the next record
(new), so every article graph and many happenings change. Clean runs give the store
after ingesting old, and after ingesting old then new.

Then, POINTS times: a copy of the old store (every other time an empty store, which
takes the bulk loader's path) is ingested with new through the real
command line (`python -m graph ingest`), and the process is killed after a delay spread
over the clean run's duration (four articles a transaction, so that kills fall between
and within many; SIGKILL, every third time SIGTERM). The killed store is
opened and each article graph is compared with the clean runs: it must equal the old
one or the new one, quad for quad, and no article may be missing (in a fresh store: absent
or new; the store is opened as uscn opens it, which drops what a bulk load cut short left).
At two points of every eight,
the ingest is then run again to the end, and the whole store (every graph, the
happenings included, through the happening index rebuilt after the kill) must equal
the clean one.

Prints one line per point and a summary; exit 1 if any check failed.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "whitehouse.jsonl"
ARTICLE_PREFIX = "https://w3id.org/uscn/id/article/"
ONTOLOGY = "https://w3id.org/uscn/id/graph/ontology"


def versions(corpus: Path, records: int, folder: Path) -> tuple[Path, Path]:
    """The old and new versions of the first ``records`` records, as .jsonl files."""
    rows = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rows.append(json.loads(line))
            if len(rows) == records:
                break
    new = [dict(r, title=rows[(i + 1) % len(rows)].get("title"), text=rows[(i + 1) % len(rows)]["text"])
           for i, r in enumerate(rows)]
    paths = folder / "old.jsonl", folder / "new.jsonl"
    for path, data in zip(paths, (rows, new)):
        path.write_text("".join(json.dumps(r) + "\n" for r in data), encoding="utf-8")
    return paths


def ingest_command(source: Path, store: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "graph", "ingest", str(source), "--store", str(store),
            "--workers", str(workers), "--quiet", "--batch", "4"]


def ingest(source: Path, store: Path, workers: int) -> float:
    start = time.perf_counter()
    subprocess.run(ingest_command(source, store, workers), check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def graphs(store: Path) -> dict[str, frozenset]:
    """Every graph but the ontology's, as a set of quads, read as uscn reads a store (read-only;
    opening it drops what a bulk load cut short left, when no writer is at work)."""
    sys.path.insert(0, str(ROOT))
    from graph.rdf.store import GraphStore
    gs = GraphStore(store, read_only=True)
    s = gs.ox
    out: dict[str, set] = {}
    for q in s:
        if q.graph_name.value != ONTOLOGY:
            out.setdefault(q.graph_name.value, set()).add(q)
    del s, gs.ox
    return {g: frozenset(qs) for g, qs in out.items()}


def articles(gs: dict[str, frozenset]) -> dict[str, frozenset]:
    return {g: qs for g, qs in gs.items() if g.startswith(ARTICLE_PREFIX)}


def check_articles(killed: dict, old: dict, new: dict) -> tuple[int, int, list[str]]:
    """How many article graphs are wholly old, wholly new; the problems found. With ``old``
    empty (a fresh store) an article not written yet is wholly old: absent."""
    n_old = n_new = 0
    problems = [f"{g}: not an article of the input" for g in set(killed) - set(old) - set(new)]
    for g in sorted(set(old) | set(new)):
        got = killed.get(g)
        if got is None and not old:
            n_old += 1
        elif got is None:
            problems.append(f"{g}: missing")
        elif got == new.get(g):
            n_new += 1
        elif got == old.get(g):
            n_old += 1
        else:
            problems.append(f"{g}: neither the old graph nor the new ({len(got)} quads)")
    return n_old, n_new, problems


def run(corpus: Path, records: int, points: int, workers: int, folder: Path, say=print) -> list[str]:
    """Run the whole check; returns the problems found (empty when every check held)."""
    old_src, new_src = versions(corpus, records, folder)
    clean_old, clean_new = folder / "clean-old", folder / "clean-new"
    ingest(old_src, clean_old, workers)
    shutil.copytree(clean_old, clean_new)
    duration = ingest(new_src, clean_new, workers)
    clean_fresh = folder / "clean-fresh"
    fresh_duration = ingest(new_src, clean_fresh, workers)
    old_graphs, new_graphs, fresh_graphs = graphs(clean_old), graphs(clean_new), graphs(clean_fresh)
    old, new = articles(old_graphs), articles(new_graphs)
    say(f"{records} records; a clean re-ingest takes {duration:.1f} s, a fresh ingest {fresh_duration:.1f} s; "
        f"{sum(old[g] != new.get(g) for g in old)} article graphs change")
    problems: list[str] = []
    mid = 0
    for i in range(points):
        store = folder / f"kill-{i}"
        fresh = i % 2 == 1   # every other point ingests into an empty store: the bulk loader's path
        if not fresh:
            shutil.copytree(clean_old, store)
        run_time = fresh_duration if fresh else duration
        delay = run_time * (0.2 + 0.8 * (i + 0.5) / points)
        sig = signal.SIGTERM if i % 3 == 2 else signal.SIGKILL
        proc = subprocess.Popen(ingest_command(new_src, store, workers), cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        finished = proc.poll() is not None
        if not finished:
            os.killpg(proc.pid, sig)
        proc.wait()
        killed = graphs(store) if store.exists() else {}
        n_old, n_new, found = check_articles(articles(killed), {} if fresh else old, new)
        mid += 0 < n_new < len(new)
        line = (f"point {i + 1:>3}: {'fresh' if fresh else 'again'} {sig.name:<7} after {delay:5.2f} s: "
                f"{n_new:>3} new, {n_old:>3} {'absent' if fresh else 'old'}"
                f"{' (run had finished)' if finished else ''}")
        if i % 8 in (3, 6):
            ingest(new_src, store, workers)
            resumed = graphs(store)
            clean = fresh_graphs if fresh else new_graphs
            same = resumed == clean
            line += f"; resumed to the end: {'equal to the clean run' if same else 'DIFFERENT from the clean run'}"
            if not same:
                diff = {g for g in set(resumed) | set(clean) if resumed.get(g) != clean.get(g)}
                found.append(f"point {i + 1}: after resuming, graphs differ from the clean run: {sorted(diff)[:3]}")
        say(line + (f"  PROBLEMS: {found[:3]}" if found else ""))
        problems.extend(f"point {i + 1}: {p}" for p in found)
        shutil.rmtree(store, ignore_errors=True)
    say(f"{points} kills, {mid} of them between the first and the last article written; "
        f"{len(problems)} problem(s)")
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--records", type=int, default=40)
    ap.add_argument("--points", type=int, default=50)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="uscn-kill-") as tmp:
        problems = run(args.corpus, args.records, args.points, args.workers, Path(tmp))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
