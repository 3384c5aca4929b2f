"""Ingest: loaders -> extract -> rdf -> store.

Articles stream through in bounded batches, so memory stays flat however many
there are. Extraction (the costly part) runs in worker processes once a run
is long enough to pay for starting them; one writer, this process, applies the
results in input order, so the graph is the same whatever the number of workers.
Each batch of articles is one transaction (see ``graph/rdf/store.py``).
"""
from __future__ import annotations

import ctypes
import itertools
import multiprocessing
import os
import signal
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox

from graph.errors import InputError, InputWarning, UscnError
from graph.extract import Extractor, default_extractor
from graph.loaders import iter_articles
from graph.model import Article
from graph.ontology_files import turtle_files
from graph.rdf.articles import stored_article_graph
from graph.rdf.happenings import Report
from graph.rdf.store import GraphStore, TextTriple
from graph.rdf.triples import entity_text, extraction_nquads, reports
from graph.rdf.vocab import article_iri

ErrorHandler = Callable[[UscnError], None]

#: Articles read in this process before worker processes are started (short runs, the
#: tests, never pay for starting them); it goes on reading while they start up.
INLINE_FIRST = 16
# While the workers start up, this process goes on extracting (off only in tests, to make the split certain).
EXTRACT_WHILE_WORKERS_START = True
#: Articles sent to a worker at a time, and chunks in flight per worker.
CHUNK, IN_FLIGHT = 4, 3
#: A first ingest's batches (the bulk loader's): until this many quads, or this many articles. Each
#: bulk load adds a file to every index of RocksDB's level 0, and from two there RocksDB merges them
#: into the level below in the background, rewriting all of it each time: with batches of about
#: 60,000 quads (100 articles) that compaction took as much CPU as the bulk loader itself. Measured
#: on the corpus x20 (1.7M quads) replayed into a fresh store, bulk loads plus compaction: 21.6 s
#: CPU in 34 batches, 18.8 s in 6. The bulk loader holds about 1 kB a quad while it loads (the
#: batch's N-Quads another 0.4 kB), so peak memory rises by about 150 MB over 60,000-quad
#: batches, and stays flat in the number of articles.
BULK_QUADS, BULK_ARTICLES = 150_000, 2_000
#: Otherwise (the batch is one transaction): articles, quads.
BATCH, BATCH_QUADS = 100, 50_000
#: glibc's mallopt parameter, and the size from which a block is mapped on its own.
M_MMAP_THRESHOLD, MMAP_THRESHOLD = -3, 128 * 1024


def give_large_blocks_back() -> bool:
    """Have the C allocator (glibc) map every block of 128 kB or more on its own, so that it goes
    back to the system when freed; True if it was set (not glibc: nothing to do).

    The writer allocates and frees large blocks all the time: each article's N-Quads (about
    250 kB), workers' results, a batch's N-Quads joined for the bulk loader (about 20 MB), its
    SPARQL update, Oxigraph's buffers. glibc
    maps such blocks at first, but once one is freed it raises its threshold to that block's
    size (up to 32 MB), and from then on they come from the heap, which they fragment and
    which is never given back: the writer's resident memory crept up with the number of
    batches (about 60 MB more at 5,400 articles than at 1,350). A fixed threshold turns that
    off, at glibc's initial 128 kB. With 1 MB instead (each article's N-Quads, about 250 kB, left
    on the heap) the writer alone took up to 8 % less CPU, but the whole ingest peaked about 20 MB
    higher at 5,400 articles (322 MB twice, against 303 and 304) with no CPU difference measurable.
    """
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):   # not glibc (macOS, Windows)
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1


@dataclass
class IngestReport:
    """What one ingest run did."""
    articles: int = 0
    replaced: int = 0
    events: int = 0
    quads: int = 0
    failed: list[str] = field(default_factory=list)


@dataclass
class Prepared:
    """One article read and turned into RDF, as plain picklable values (from a worker)."""
    origin: str
    article_id: str = ""
    graph: str = ""
    nquads: bytes = b""            # the article graph, as N-Quads (what the bulk loader reads)
    quads: int = 0
    entities: list[TextTriple] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    events: int = 0
    error: UscnError | None = None


def prepare(article: Article, extractor: Extractor) -> Prepared:
    """Extract one article and build its quads; a failure is returned, not raised."""
    try:
        extraction = extractor.extract(article)
        nquads, count = extraction_nquads(extraction, extractor.event_scores)
        return Prepared(article.origin, article.id, article_iri(article.id).value, nquads, count,
                        entity_text(extraction), reports(extraction), len(extraction.events))
    except UscnError as exc:
        return Prepared(article.origin, error=exc)
    except Exception as exc:  # a bug on one article must not stop the others
        return Prepared(article.origin, error=InputError(
            article.origin, f"could not be extracted ({type(exc).__name__}: {exc})",
            "please report it with this article; the other articles were stored"))


_worker_extractor: Extractor | None = None


def _worker_init(max_mb: float) -> None:
    global _worker_extractor
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the writer's to handle, once
    _worker_extractor = default_extractor().configured(max_mb)


def _ready() -> bool:
    return True


def _prepare_chunk(articles: list[Article]) -> list[Prepared]:
    return [prepare(a, _worker_extractor) for a in articles]


def default_workers() -> int:
    """Every core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def prepared_in_order(articles: Iterator[Article], workers: int,
                      extractor: Extractor | None = None) -> Iterator[Prepared]:
    """Each article prepared, in input order; in worker processes after the first few.

    At most ``workers * IN_FLIGHT`` chunks are read ahead, so a huge input is
    never held in memory.
    """
    extractor = extractor or default_extractor()
    for article in itertools.islice(articles, INLINE_FIRST if workers > 1 else None):
        yield prepare(article, extractor)
    if workers <= 1:
        return
    following = next(articles, None)   # no worker processes (seconds to start) for a short input
    if following is None:
        return
    articles = itertools.chain([following], articles)
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init,
                                 initargs=(extractor.max_mb,)) as pool:
            # the workers start up (imports, catalog) while this process goes on extracting
            ready = [pool.submit(_ready) for _ in range(workers)]
            while EXTRACT_WHILE_WORKERS_START and not all(f.done() for f in ready):
                article = next(articles, None)
                if article is None:
                    return
                yield prepare(article, extractor)
            chunks = iter(lambda: list(itertools.islice(articles, CHUNK)), [])
            pending: deque = deque()
            for chunk in chunks:
                pending.append(pool.submit(_prepare_chunk, chunk))
                while len(pending) >= workers * IN_FLIGHT:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    except BrokenProcessPool as exc:
        raise UscnError(f"a worker process stopped ({exc}); perhaps it ran out of memory. The batches "
                        "written before it are stored, each article whole; run again with fewer --workers "
                        "(or --workers 1): articles already stored are replaced, not duplicated") from None


def ingest(inputs: Iterable[str], store: GraphStore, on_error: ErrorHandler,
           extractor: Extractor | None = None,
           progress: Callable[[Article], None] | None = None,
           workers: int = 1, batch: int | None = None, dask: str | None = None) -> IngestReport:
    """Read every input into the store; bad inputs go to ``on_error`` and the rest carry on.
    With ``dask`` (a scheduler address) extraction runs on that Dask cluster (graph/cluster.py)."""
    report = IngestReport()

    def unreadable(err: UscnError) -> None:
        if not isinstance(err, InputWarning):  # a warning: the article is still stored
            report.failed.append(str(err))
        on_error(err)

    return ingest_articles(iter_articles(list(inputs), unreadable), store, on_error, extractor, progress, workers,
                           report, batch, dask)


def ingest_articles(articles: Iterator[Article], store: GraphStore, on_error: ErrorHandler,
                    extractor: Extractor | None = None, progress: Callable[[Prepared], None] | None = None,
                    workers: int = 1, report: IngestReport | None = None, batch: int | None = None,
                    dask: str | None = None) -> IngestReport:
    """Store Articles already read (by a loader, or by ``uscn watch`` from a feed), in their order;
    an article that cannot be extracted goes to ``on_error`` and the rest carry on. ``batch``: articles
    written at a time (default :data:`BATCH`, or up to :data:`BULK_QUADS` quads on a first ingest)."""
    give_large_blocks_back()
    store.ensure_ontology(turtle_files())
    report = report if report is not None else IngestReport()

    def failed(err: UscnError) -> None:
        report.failed.append(str(err))
        on_error(err)

    # a first ingest takes the bulk loader (graph/rdf/store.py BatchWriter says why only then); a store
    # that held no article holds no graph under the old naming either: no look-up for one per article
    first = not store.holds_articles()
    if first and isinstance(store.ox, ox.Store):   # an embedded store (a remote endpoint has no bulk loader)
        writer = store.writer(max_articles=batch or BULK_ARTICLES, max_quads=BULK_QUADS, bulk=True)
    else:
        writer = store.writer(max_articles=batch or BATCH, max_quads=BATCH_QUADS)
    try:
        if dask:
            from graph.cluster import prepared_on_dask
            source = prepared_on_dask(iter(articles), dask, extractor)
        else:
            source = prepared_in_order(iter(articles), workers, extractor)
        for prepared in source:
            if progress:
                progress(prepared)
            if prepared.error is not None:
                failed(prepared.error)
                continue
            replaced = writer.exists(prepared.graph)
            if not replaced and not first:
                before = stored_article_graph(store, prepared.article_id)
                if before is not None:   # written under the old naming: the new graph replaces it
                    writer.remove(before.value)
                    replaced = True
            writer.put(prepared.graph, prepared.nquads, prepared.quads, prepared.entities, prepared.reports)
            report.replaced += replaced
            report.articles += 1
            report.events += prepared.events
            report.quads += prepared.quads
    except BaseException:   # Ctrl-C, a dead worker: the batch not yet written is dropped whole
        writer.abandon()
        raise
    writer.close()
    if report.articles >= 100:   # a long run: leave no write-ahead log behind
        # A long re-ingest (transactions: replaced quads leave tombstones) is compacted whole. After a
        # first ingest, bulk-loaded files RocksDB has been merging all along, that rewrite of every
        # index took 3.3 s of CPU at 2,700 articles (1.2 ms an article) and left the store no
        # smaller (538 MB against 492 without it, corpus x20).
        store.compact(optimize=report.articles >= 1000 and not first)
    else:
        store.flush()
    return report
