"""The write path run for real: kills mid-ingest, worker processes, input order, one row per fact."""
from __future__ import annotations

import importlib.util
import json
import platform
import subprocess
import sys
from pathlib import Path

import pytest

import graph.ingest as ingest_module
from graph.ingest import ingest
from graph.rdf.store import GraphStore
from graph.rdf.vocab import ENTITIES_GRAPH, HAPPENINGS_GRAPH, ONTOLOGY_GRAPH

from conftest import CORPUS, ROOT, need


def corpus_part(tmp_path: Path, n: int, reverse: bool = False, name: str = "part.jsonl") -> str:
    lines = [line for line in need(CORPUS).read_text(encoding="utf-8").splitlines() if line.strip()][:n]
    path = tmp_path / name
    path.write_text("\n".join(reversed(lines) if reverse else lines) + "\n", encoding="utf-8")
    return str(path)


def quads(store: GraphStore, graphs=None) -> set:
    """The store's quads (in ``graphs``, else all but the ontology's, whose blank nodes differ per load)."""
    return {q for q in store.ox if (q.graph_name in graphs if graphs else q.graph_name != ONTOLOGY_GRAPH)}


def fill(path: Path, source: str, **kw) -> GraphStore:
    store = GraphStore(path)
    errors = []
    ingest([source], store, errors.append, **kw)
    assert errors == []
    return store


def test_a_kill_at_any_point_leaves_each_article_wholly_old_or_wholly_new(tmp_path):
    """A small run of scripts/kill_ingest.py: real processes killed at six points of a re-ingest."""
    spec = importlib.util.spec_from_file_location("kill_ingest", ROOT / "scripts" / "kill_ingest.py")
    kill = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(kill)
    lines = []
    problems = kill.run(need(CORPUS), records=8, points=6, workers=1, folder=tmp_path, say=lines.append)
    assert problems == [], "\n".join(lines)
    assert len([line for line in lines if line.startswith("point")]) == 6


def test_two_workers_write_the_same_quads_as_one(tmp_path, monkeypatch):
    source = corpus_part(tmp_path, 16)
    one = fill(tmp_path / "one", source, workers=1)
    monkeypatch.setattr(ingest_module, "INLINE_FIRST", 2)   # reach the worker processes on a small input
    monkeypatch.setattr(ingest_module, "EXTRACT_WHILE_WORKERS_START", False)  # however slow they start
    here = []
    real_prepare = ingest_module.prepare

    def counted_prepare(article, extractor):   # this process only: the workers run the real one
        here.append(article.id)
        return real_prepare(article, extractor)

    monkeypatch.setattr(ingest_module, "prepare", counted_prepare)
    two = fill(tmp_path / "two", source, workers=2, batch=5)
    assert len(here) == 2, "only the first articles are prepared here, the rest in the worker processes"
    assert quads(one) == quads(two)
    assert len(quads(one)) > 1000
    one.close()
    two.close()


def test_the_same_articles_in_either_order_give_the_same_happenings_articles_and_entities(tmp_path):
    forward = fill(tmp_path / "f", corpus_part(tmp_path, 30, name="f.jsonl"), batch=7)
    backward = fill(tmp_path / "b", corpus_part(tmp_path, 30, reverse=True, name="b.jsonl"), batch=4)
    happenings_f = quads(forward, {HAPPENINGS_GRAPH})
    assert happenings_f and happenings_f == quads(backward, {HAPPENINGS_GRAPH})
    articles = set(g for g in forward.article_graphs() if "/article/" in g.value)
    assert quads(forward, articles) == quads(backward, articles)
    assert quads(forward, {ENTITIES_GRAPH}) == quads(backward, {ENTITIES_GRAPH})
    forward.close()
    backward.close()


def test_each_happening_triple_once_in_the_union(tmp_path):
    """Without DISTINCT, a happening's label comes back once, however many articles report it."""
    store = fill(tmp_path / "s", corpus_part(tmp_path, 30))
    rows = [(r["h"].value, r["l"].value) for r in store.query(
        "SELECT ?h ?l WHERE { ?h a uscn:Happening ; rdfs:label ?l }")]
    assert rows and len(rows) == len(set(rows)) == len({h for h, _ in rows})
    shared = next(iter(store.query("""
        SELECT ?h (COUNT(?src) AS ?n) WHERE { ?h a uscn:Happening ; uscn:source ?src }
        GROUP BY ?h ORDER BY DESC(?n) LIMIT 1""")))
    assert int(shared["n"].value) >= 2, "some happening is reported by two articles"
    types = [(r["h"].value, r["t"].value) for r in store.query(
        "SELECT ?h ?t WHERE { ?h a uscn:Happening ; uscn:eventType ?t }")]
    assert len(types) == len({h for h, _ in types}), "one event type per happening"
    store.close()


def test_removing_every_article_leaves_no_happening(tmp_path):
    import pyoxigraph as ox
    store = fill(tmp_path / "s", corpus_part(tmp_path, 12))
    ids = [json.loads(line)["id"] for line in Path(corpus_part(tmp_path, 12)).read_text().splitlines()]
    from graph.rdf.vocab import article_iri
    for i in ids:
        assert store.remove_graph(article_iri(i))
    assert not any(True for _ in store.ox.quads_for_pattern(None, None, None, HAPPENINGS_GRAPH))
    assert isinstance(HAPPENINGS_GRAPH, ox.NamedNode)
    store.close()


def test_a_long_ingest_leaves_no_write_ahead_log_behind(tmp_path):
    """After 100 articles or more the store is flushed and reopened: the log RocksDB kept is gone."""
    from click.testing import CliRunner
    from graph.cli import main
    store = tmp_path / "s"
    result = CliRunner().invoke(main, ["ingest", str(need(CORPUS)), "--store", str(store), "--workers", "1"])
    assert result.exit_code == 0, result.output
    logs = sum(f.stat().st_size for f in store.glob("*.log"))
    data = sum(f.stat().st_size for f in store.glob("*.sst"))
    assert data > 1_000_000 and logs < 1_000_000, (logs, data)


def test_the_progress_line_counts_and_estimates(tmp_path):
    import io
    from graph.progress import Progress, clock, count_articles
    source = corpus_part(tmp_path, 7)
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "a.txt").write_text("x")
    (tmp_path / "dir" / "b.jsonl").write_text('{"id": 1}\n{"id": 2}')
    assert count_articles([source, str(tmp_path / "dir")]) == 7 + 1 + 2
    assert count_articles(["-"]) is None
    assert clock(3725) == "1:02:05" and clock(65) == "1:05"

    class Terminal(io.StringIO):
        def isatty(self):
            return True
    out = Terminal()
    p = Progress(out, total=10)
    for _ in range(3):
        p.step()
    assert out.getvalue() == ""          # not in the first seconds
    p.start -= 10                        # as if the run had gone on for ten seconds
    p.last -= 10
    p.step()
    assert "4/10 articles (40%)" in out.getvalue() and "articles/s" in out.getvalue() and "left" in out.getvalue()
    p.close()
    assert out.getvalue().endswith("\r\033[K")
    piped = io.StringIO()
    q = Progress(piped, total=10)
    q.start -= 10
    q.last -= 10
    q.step()
    q.close()
    assert piped.getvalue() == ""        # not a terminal: nothing


def test_a_run_stopped_midway_keeps_the_batches_written_and_drops_the_rest_whole(tmp_path):
    from graph.ingest import ingest_articles
    from graph.loaders import load
    articles = list(load(corpus_part(tmp_path, 7)))

    def stopping():
        yield from articles[:5]
        raise KeyboardInterrupt

    stopped = GraphStore(tmp_path / "stopped")
    with pytest.raises(KeyboardInterrupt):
        ingest_articles(stopping(), stopped, pytest.fail, batch=2)
    clean = GraphStore(tmp_path / "clean")
    ingest_articles(iter(articles[:4]), clean, pytest.fail, batch=2)
    assert quads(stopped) == quads(clean)
    ingest_articles(iter(articles), stopped, pytest.fail, batch=3)   # the index is still true: carry on
    again = GraphStore(tmp_path / "again")
    ingest_articles(iter(articles), again, pytest.fail)
    assert quads(stopped) == quads(again)
    for s in (stopped, clean, again):
        s.close()


def test_the_ingest_benchmark_bulk_loads_its_comparison_store_in_a_child(tmp_path):
    """bench_ingest's peak memory is a child's peak as wait4 gives it, which Linux never reports below
    the bench process's own peak: the bench builds the bulk-loaded store in a child, so it holds no
    store itself (it did, and the peaks at 2,700 and 5,400 records read 849 and 1,516 MB for 290)."""
    store = fill(tmp_path / "store", corpus_part(tmp_path, 3))
    stored = sum(1 for q in store.ox if q.graph_name != ONTOLOGY_GRAPH)
    store.close()
    code = (
        "import importlib.util, sys\n"
        "from pathlib import Path\n"
        f"spec = importlib.util.spec_from_file_location('bench', {str(ROOT / 'scripts' / 'bench_ingest.py')!r})\n"
        "bench = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(bench)\n"
        f"size = bench.bulk_loaded_size(Path({str(tmp_path / 'store')!r}), Path({str(tmp_path)!r}))\n"
        "print(size, 'pyoxigraph' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    size, loaded_here = out.stdout.split()
    assert int(size) > 0 and loaded_here == "False"
    bulk = GraphStore(tmp_path / "bulk")
    assert sum(1 for q in bulk.ox if q.graph_name != ONTOLOGY_GRAPH) == stored
    bulk.close()


FRAGMENTS = """
import sys
from graph.ingest import give_large_blocks_back
if sys.argv[1] == "set":
    assert give_large_blocks_back()
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024
batch = b"x" * (20 << 20)      # a batch's N-Quads joined for the bulk loader, then freed
del batch
before = rss()
updates, kept = [], []
for _ in range(50):            # batches' updates, each followed by something smaller that stays
    updates.append(b"x" * (2 << 20))
    kept.append(b"y" * 60000)
del updates
print(rss() - before)
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc" or not Path("/proc/self/status").exists(),
                    reason="the C allocator's thresholds are glibc's")
def test_the_writer_gives_freed_large_blocks_back_to_the_system():
    """After a large block is freed, glibc serves blocks up to its size from the heap, where freed
    ones stay resident behind what is still used: the writer's RSS crept with the batches."""
    def retained(mode: str) -> int:
        out = subprocess.run([sys.executable, "-c", FRAGMENTS, mode], cwd=ROOT, capture_output=True,
                             text=True, check=True)
        return int(out.stdout)
    assert retained("default") >= 80       # 100 MB freed, most of it still resident
    assert retained("set") <= 15           # given back (what stays is the 3 MB kept)


def test_a_first_ingest_looks_up_no_graph_under_the_old_naming(tmp_path, monkeypatch):
    """A store that held no article holds no graph named the old way: a first ingest does not look
    for one per article (tests/test_robust_inputs.py: a store that does hold one has it replaced)."""
    looked = []
    real = ingest_module.stored_article_graph
    monkeypatch.setattr(ingest_module, "stored_article_graph", lambda s, i: looked.append(i) or real(s, i))
    store = fill(tmp_path / "s", corpus_part(tmp_path, 3))
    assert looked == [] and len(store.article_graphs()) >= 3
    errors = []
    ingest([corpus_part(tmp_path, 5, reverse=True, name="more.jsonl")], store, errors.append)
    assert errors == [] and len(looked) == 2     # the two articles not stored yet
    store.close()


def test_the_writers_caches_emptied_often_change_no_quad(tmp_path, monkeypatch):
    """The writer's caches of entity triples and labels are bounded (memory flat on varied input);
    emptied every few articles, the store is the same quad for quad."""
    import graph.rdf.store as store_module
    source = corpus_part(tmp_path, 30)
    whole = fill(tmp_path / "whole", source, batch=7)
    sizes = []
    real_add = store_module.BatchWriter.add_entities

    def add_entities(self, triples):
        real_add(self, triples)
        sizes.append((len(self.seen), len(self.labels)))

    monkeypatch.setattr(store_module, "CACHE_ENTRIES", 20)
    monkeypatch.setattr(store_module.BatchWriter, "add_entities", add_entities)
    bounded = fill(tmp_path / "bounded", source, batch=7)
    assert max(max(s) for s in sizes) <= 20 and len(sizes) == 30
    assert quads(whole) == quads(bounded)
    assert len(quads(whole, {ENTITIES_GRAPH})) > 100
    whole.close()
    bounded.close()
