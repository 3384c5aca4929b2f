"""Extraction on a Dask distributed cluster: ``uscn ingest --dask SCHEDULER_ADDRESS``.

Extraction is the costly part of ingest and each article is independent, so chunks of
articles go to the cluster's workers as tasks (:func:`graph.ingest.prepare`, the same
function the local worker processes run) and come back as plain
:class:`graph.ingest.Prepared` values. This process stays the one writer: it takes the
results in input order and applies them to whichever store ``--store`` names, so the
graph is the same as a one-process ingest, quad for quad.

At most ``IN_FLIGHT`` chunks per worker thread are out at once, so a huge input is
never held in memory. The workers need uscn (the same version) installed:
``pip install 'uscn[dask]'`` on every machine of the cluster.
"""
from __future__ import annotations

import itertools
from collections import deque
from typing import Iterator

from graph.errors import UscnError
from graph.extract import Extractor, default_extractor
from graph.model import Article

#: Articles per task, and tasks out per worker thread.
CHUNK, IN_FLIGHT = 8, 3

_extractors: dict[float, Extractor] = {}


def prepare_chunk(articles: list[Article], max_mb: float) -> list:
    """Run on a worker: extract each article (the catalog is loaded once per worker process)."""
    from graph.ingest import prepare
    extractor = _extractors.get(max_mb)
    if extractor is None:
        extractor = _extractors[max_mb] = default_extractor().configured(max_mb)
    return [prepare(a, extractor) for a in articles]


def connect(address):
    """A Dask client of the scheduler at ``address``, or one clear line saying what to do."""
    try:
        from distributed import Client
    except ImportError:
        raise UscnError("--dask needs Dask distributed: pip install 'uscn[dask]'") from None
    try:
        return Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UscnError(f"{address}: cannot reach the Dask scheduler ({exc}); start it "
                        "(`dask scheduler`, then `dask worker ADDRESS` on each machine) or fix --dask") from None


def prepared_on_dask(articles: Iterator[Article], address, extractor: Extractor | None = None) -> Iterator:
    """Each article prepared on the cluster, yielded in input order."""
    max_mb = (extractor or default_extractor()).max_mb
    client = connect(address)
    pending: deque = deque()
    try:
        threads = max(1, sum(client.nthreads().values()))
        chunks = iter(lambda: list(itertools.islice(articles, CHUNK)), [])
        for chunk in chunks:
            pending.append(client.submit(prepare_chunk, chunk, max_mb, pure=False))
            while len(pending) >= threads * IN_FLIGHT:
                yield from _result(pending.popleft(), address)
        while pending:
            yield from _result(pending.popleft(), address)
    finally:
        for future in pending:   # stopped early (Ctrl-C, a failure): nothing more is computed
            future.cancel()
        client.close()


def _result(future, address) -> list:
    try:
        return future.result()
    except UscnError:
        raise
    except Exception as exc:   # a lost worker, a scheduler gone: the batches written before are whole
        raise UscnError(f"{address}: a Dask task failed ({type(exc).__name__}: {exc}); the batches written "
                        "before it are stored, each article whole; run again: articles already stored are "
                        "replaced, not duplicated") from None
