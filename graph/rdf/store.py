"""The embedded on-disk store: one named graph per article, in Oxigraph (RocksDB).

Graphs: each article's own graph (what was read from it: the article, its
mentions, its reports of events with their evidence); ``ent:graph/entities``
(each entity's description, once); ``ent:graph/happenings`` (each happening
that reports tell of, once, with links to its reports and sources); and
``ent:graph/ontology`` (the ontology and catalogs). No triple is written to two
of them, so the union default graph answers each fact once.

Writes go through :class:`BatchWriter`: a batch of article replacements, the
entity descriptions they add and the happenings they change are one SPARQL
update, which Oxigraph applies as one transaction. A kill at any moment leaves
every article wholly old or wholly new.

Oxigraph was chosen by measurement (see ARCHITECTURE.md and scripts/bench_store.py):
its SPARQL engine is native and answers joins over a million triples in
milliseconds, where rdflib's pure-Python engine takes minutes.
"""
from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from graph.errors import StoreError
from graph.rdf.happenings import HappeningIndex
from graph.rdf.opening import open_read_only, open_writable
from graph.rdf.vocab import ENTITIES_GRAPH, FEEDS_GRAPH, HAPPENINGS_GRAPH, ONTOLOGY_GRAPH, PREFIXES, uscn, term

STORE_ENV = "USCN_STORE"
ONTOLOGY_DIGEST = uscn("ontologyDigest")
LABEL = term("rdfs", "label")
INDEX_FILE = "uscn-happenings.sqlite"


def default_store_path() -> Path:
    """``$USCN_STORE``, else ``$XDG_DATA_HOME/uscn/store`` (``~/.local/share/uscn/store``)."""
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV])
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "uscn" / "store"


class GraphStore:
    """An Oxigraph store holding one named graph per article, plus the ontology graph."""

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False):
        self.path = Path(path) if path else None
        self.read_only = read_only
        self._index: HappeningIndex | None = None
        if self.path is None:
            self.ox = ox.Store()
        elif read_only:
            if not (self.path / "CURRENT").exists():
                raise StoreError(f"{self.path}: no uscn store here; run `uscn ingest FILES --store {self.path}` first")
            self.ox = open_read_only(self.path)    # retried while a writer swaps files
        else:
            self.ox = open_writable(self.path)     # one line per cause: read-only disk, lock, ...

    # --- articles -------------------------------------------------------------
    def writer(self, max_articles: int = 100, max_quads: int = 50_000) -> "BatchWriter":
        """A writer that replaces articles in batches, each batch one transaction."""
        return BatchWriter(self, max_articles, max_quads)

    def happening_index(self) -> HappeningIndex:
        """The happening index beside the store, rebuilt from the store when it does not match."""
        if self._index is None:
            path = self.path / INDEX_FILE if self.path is not None else None
            missing = path is not None and not path.exists()
            index = HappeningIndex(path)
            if index.pending or (missing and self.ox.contains_named_graph(HAPPENINGS_GRAPH)):
                rebuild_index(self, index)
            self._index = index
        return self._index

    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
        """Put ``quads`` in place of whatever ``graph`` held, in one transaction."""
        quads = list(quads)
        self.ox.update(f"DROP SILENT GRAPH {graph} ;\nCREATE SILENT GRAPH {graph} ;\n"
                       f"INSERT DATA {{ GRAPH {graph} {{\n{triples_text(quads)}\n}} }}")

    def has_label(self, node: ox.NamedNode) -> bool:
        return any(True for _ in self.ox.quads_for_pattern(node, LABEL, None, ENTITIES_GRAPH))

    def remove_graph(self, graph: ox.NamedNode) -> bool:
        """Remove an article's graph and its reports from the happenings; True if there was one."""
        if not self.ox.contains_named_graph(graph):
            return False
        w = self.writer()
        w.remove(graph.value)
        w.close()
        return True

    def article_graphs(self) -> list[ox.NamedNode]:
        """Every named graph except the ontology's and the feed state's: the articles', the
        entities' and the happenings'."""
        return [g for g in self.ox.named_graphs() if g != ONTOLOGY_GRAPH and g != FEEDS_GRAPH]

    # --- ontology -------------------------------------------------------------
    def ensure_ontology(self, files: list[Path]) -> bool:
        """Load the ontology and catalogs into their own graph when they changed."""
        digest = hashlib.sha256()
        for f in files:
            digest.update(f.name.encode())
            digest.update(f.read_bytes())
        stamp = ox.Literal(digest.hexdigest())
        if ox.Quad(ONTOLOGY_GRAPH, ONTOLOGY_DIGEST, stamp, ONTOLOGY_GRAPH) in self.ox:
            return False
        quads = [ox.Quad(ONTOLOGY_GRAPH, ONTOLOGY_DIGEST, stamp, ONTOLOGY_GRAPH)]
        for f in files:
            try:
                quads.extend(ox.Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
                             for t in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE))
            except SyntaxError as exc:
                raise StoreError(f"{f}: the ontology file does not parse ({exc}); fix it") from exc
        self.replace_graph(ONTOLOGY_GRAPH, quads)
        return True

    # --- reading --------------------------------------------------------------
    def query(self, sparql: str, substitutions: dict | None = None, *, union: bool = True):
        """Run a SPARQL query over the union of all graphs, the project's prefixes predeclared."""
        return self.ox.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=union,
                             substitutions=substitutions or None)

    def update(self, sparql: str) -> None:
        self.ox.update(sparql, prefixes=PREFIXES)

    def __len__(self) -> int:
        return len(self.ox)

    def flush(self) -> None:
        if self.path is not None and not self.read_only:
            self.ox.flush()

    def compact(self, optimize: bool = False) -> None:
        """Flush after a large write and reopen, so no write-ahead log is left behind.

        RocksDB deletes a flushed log only when the store is opened again; ``optimize``
        also compacts the files (worth it after many articles).
        """
        if self.path is not None and not self.read_only:
            self.ox.flush()
            if optimize:
                self.ox.optimize()
            del self.ox
            self.ox = open_writable(self.path)

    def close(self) -> None:
        self.flush()
        if self._index is not None:
            self._index.close()
            self._index = None
        del self.ox


def triples_text(quads: Iterable[ox.Quad]) -> str:
    """Quads as the triples of a SPARQL ``INSERT DATA``/``DELETE DATA`` graph block."""
    return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


#: Quads written between flushes: bounds the memory RocksDB holds (its memtables) however long the run.
FLUSH_EVERY = 200_000


class BatchWriter:
    """Replaces articles in batches: each batch is one transaction, so each article is
    wholly old or wholly new whatever happens, and the happening index follows it.

    A batch is written by a background thread (Oxigraph lets go of the GIL while it
    writes) while the next batch is prepared; at most one batch is in flight, and
    :meth:`close` waits for it.
    """

    def __init__(self, store: GraphStore, max_articles: int, max_quads: int):
        self.store = store
        self.unflushed = 0
        self.thread: threading.Thread | None = None
        self.failure: BaseException | None = None
        self.in_flight: set[str] = set()
        self.in_flight_labels: set[ox.NamedNode] = set()
        self.index = store.happening_index()
        self.max_articles, self.max_quads = max_articles, max_quads
        self.drops: set[str] = set()
        self.bodies: dict[str, str] = {}
        self.entities: dict[ox.Quad, None] = {}
        self.labelled: set[ox.NamedNode] = set()
        self.seen: set[ox.Quad] = set()
        self.quads = 0

    def exists(self, graph: str) -> bool:
        """Whether the article is stored, or was put earlier in this batch."""
        return graph in self.bodies or graph in self.in_flight or (
            graph not in self.drops and self.store.ox.contains_named_graph(ox.NamedNode(graph)))

    def put(self, graph: str, body: str, quads: int, entities: list[ox.Quad], reports) -> bool:
        """Put an article (its graph's triples as text) in place of what it was; True if it replaced one."""
        replaced = self.exists(graph)
        if replaced:
            self.drops.add(graph)
        self.bodies[graph] = body
        self.quads += quads
        for q in entities:
            if q in self.seen:
                continue
            if q.predicate == LABEL:
                if q.subject in self.labelled or q.subject in self.in_flight_labels or self.store.has_label(q.subject):
                    continue
                self.labelled.add(q.subject)
            self.entities[q] = None
            self.seen.add(q)
        if len(self.seen) > 500_000:
            self.seen.clear()
        self.index.replace_article(graph, reports)
        if len(self.bodies) >= self.max_articles or self.quads >= self.max_quads:
            self.commit()
        return replaced

    def remove(self, graph: str) -> None:
        self.bodies.pop(graph, None)
        self.drops.add(graph)
        self.index.replace_article(graph, [])

    def commit(self) -> None:
        """Write the batch as one SPARQL update (one transaction), in the background."""
        if not (self.bodies or self.drops):
            return
        diff = self.index.diff
        ops = [f"DROP SILENT GRAPH <{g}>" for g in sorted(self.drops)]
        if diff.dels:
            ops.append(f"DELETE DATA {{ GRAPH {HAPPENINGS_GRAPH} {{\n{triples_text(diff.dels)}\n}} }}")
        blocks = [f"GRAPH <{g}> {{\n{body}\n}}" for g, body in self.bodies.items()]
        if self.entities:
            blocks.append(f"GRAPH {ENTITIES_GRAPH} {{\n{triples_text(self.entities)}\n}}")
        if diff.adds:
            blocks.append(f"GRAPH {HAPPENINGS_GRAPH} {{\n{triples_text(diff.adds)}\n}}")
        if blocks:
            ops.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
        update = " ;\n".join(ops)
        self.index.set_pending(True)   # cleared in close(): a kill before then rebuilds the index
        self.index.commit()
        self.wait()
        self.in_flight, self.in_flight_labels = set(self.bodies), set(self.labelled)
        self.thread = threading.Thread(target=self._write, args=(update, len(self.bodies), self.quads), daemon=True)
        self.thread.start()
        self.drops.clear()
        self.bodies.clear()
        self.entities.clear()
        self.labelled.clear()
        self.quads = 0

    def _write(self, update: str, articles: int, quads: int) -> None:
        try:
            self.store.ox.update(update)
            self.unflushed += quads
            if self.unflushed >= FLUSH_EVERY:   # RocksDB keeps written data in memory until flushed
                self.store.ox.flush()
                self.unflushed = 0
        except (OSError, SyntaxError, ValueError) as exc:
            self.failure = StoreError(
                f"{self.store.path}: could not write {articles} article(s) ({exc}); nothing of them was "
                "stored; free disk space or fix the store and ingest them again")

    def wait(self) -> None:
        """Wait for the batch in flight; a failed write is raised here."""
        if self.thread is not None:
            self.thread.join()
            self.thread = None
            self.in_flight, self.in_flight_labels = set(), set()
        if self.failure is not None:
            failure, self.failure = self.failure, None
            rebuild_index(self.store, self.index)
            raise failure

    def abandon(self) -> None:
        """Drop the batch not yet written (the run was stopped); batches in flight still land."""
        self.index.rollback()
        self.drops.clear()
        self.bodies.clear()
        self.entities.clear()
        self.labelled.clear()
        self.quads = 0
        self.wait()
        self.index.set_pending(False)
        self.index.commit()

    def close(self) -> None:
        """Write what is left and wait until it is stored."""
        self.commit()
        self.wait()
        self.index.set_pending(False)
        self.index.commit()


REBUILD_REPORTS = """
SELECT ?r ?g ?key ?start ?end ?place ?kind ?label ?h WHERE {
  GRAPH <%(h)s> { ?h uscn:happeningKey ?key ; uscn:report ?r }
  GRAPH ?g { ?r uscn:source ?g ; a ?kind ; rdfs:label ?label
             OPTIONAL { ?r uscn:startDate ?start ; uscn:endDate ?end } OPTIONAL { ?r uscn:place ?place } }
}"""
REBUILD_HAPPENINGS = """
SELECT ?h ?key ?start ?end ?place ?type ?label WHERE {
  GRAPH <%(h)s> { ?h a uscn:Happening ; uscn:happeningKey ?key ; uscn:eventType ?type ; rdfs:label ?label
                  OPTIONAL { ?h uscn:startDate ?start ; uscn:endDate ?end } OPTIONAL { ?h uscn:place ?place } }
}"""


def rebuild_index(store: GraphStore, index: HappeningIndex) -> None:
    """Fill the happening index from the happenings graph and the reports it links."""
    v = lambda sol, n: sol[n].value if sol[n] is not None else ""
    local = lambda iri: iri.rsplit("#", 1)[-1]
    rows = ((v(s, "r"), v(s, "g"), v(s, "key"), v(s, "start"), v(s, "end"), v(s, "place"),
             local(v(s, "kind")), v(s, "label"), v(s, "h"))
            for s in store.query(REBUILD_REPORTS % {"h": HAPPENINGS_GRAPH.value}, union=False))
    haps = ((v(s, "h"), v(s, "key"), v(s, "start"), v(s, "end"), v(s, "place"), local(v(s, "type")), v(s, "label"))
            for s in store.query(REBUILD_HAPPENINGS % {"h": HAPPENINGS_GRAPH.value}, union=False))
    index.rebuild(rows, haps)
    index.set_pending(False)
    index.commit()
