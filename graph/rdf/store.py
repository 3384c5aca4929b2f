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
from graph.rdf.opening import open_read_only, open_writable, writer_active
from graph.rdf.vocab import (ARTICLE as ARTICLE_PREFIX, BOOKKEEPING_GRAPHS, ENTITIES_GRAPH, HAPPENINGS_GRAPH,
                             JOURNAL_GRAPH, ONTOLOGY_GRAPH, PREFIXES, term, uscn)

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
            if self.ox.contains_named_graph(JOURNAL_GRAPH) and not writer_active(self.path):
                self._recover_then_read()
        else:
            self.ox = open_writable(self.path)     # one line per cause: read-only disk, lock, ...
            recover(self)                          # the graphs of a bulk load that was cut short

    def _recover_then_read(self) -> None:
        """A run was cut short during a bulk load and no writer is at work: drop what it left
        (see :class:`BatchWriter`) before reading, when the store can be written."""
        del self.ox
        try:
            writable = open_writable(self.path)
            recover_store(writable)
            del writable
        except StoreError:
            pass   # a read-only disk: read it as it is
        self.ox = open_read_only(self.path)

    # --- articles -------------------------------------------------------------
    def writer(self, max_articles: int = 100, max_quads: int = 50_000, bulk: bool = False) -> "BatchWriter":
        """A writer that replaces articles in batches, each article wholly old or wholly new;
        with ``bulk``, new article graphs go in with the bulk loader (see :class:`BatchWriter`)."""
        return BatchWriter(self, max_articles, max_quads, bulk)

    def holds_articles(self) -> bool:
        """Whether any article graph is stored."""
        return any(g.value.startswith(ARTICLE_PREFIX) for g in self.ox.named_graphs())

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

    def stored_label(self, node: ox.NamedNode) -> str:
        """The entity's label in the entities graph (N-Triples), ``"catalog"`` when the ontology graph
        labels it, else ``""``."""
        if any(True for _ in self.ox.quads_for_pattern(node, LABEL, None, ONTOLOGY_GRAPH)):
            return CATALOG_LABEL
        labels = [str(q.object) for q in self.ox.quads_for_pattern(node, LABEL, None, ENTITIES_GRAPH)]
        return min(labels, key=label_rank) if labels else ""

    def described_triples(self) -> set[TextTriple]:
        """The ontology graph's triples as N-Triples terms: an entity triple already there is not
        written again to the entities graph, so the union gives it once."""
        return {(str(q.subject), str(q.predicate), str(q.object))
                for q in self.ox.quads_for_pattern(None, None, None, ONTOLOGY_GRAPH)}

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
        return [g for g in self.ox.named_graphs() if g not in BOOKKEEPING_GRAPHS]

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
        self.ox.update(ONE_GRAPH_PER_TRIPLE)
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


#: After the ontology changed: what it now states is taken out of the entities graph, and so is
#: all but the altLabels of the entities it labels (the catalog describes them), so each triple
#: (and each entity's label) is in one graph.
ONE_GRAPH_PER_TRIPLE = f"""
DELETE {{ GRAPH {ENTITIES_GRAPH} {{ ?s ?p ?o }} }}
WHERE {{ GRAPH {ONTOLOGY_GRAPH} {{ ?s ?p ?o }} GRAPH {ENTITIES_GRAPH} {{ ?s ?p ?o }} }} ;
DELETE {{ GRAPH {ENTITIES_GRAPH} {{ ?s ?p ?o }} }}
WHERE {{ GRAPH {ONTOLOGY_GRAPH} {{ ?s {LABEL} ?c }} GRAPH {ENTITIES_GRAPH} {{ ?s ?p ?o }}
        FILTER (?p != <http://www.w3.org/2004/02/skos/core#altLabel>) }}
"""


def triples_text(quads: Iterable[ox.Quad]) -> str:
    """Quads as the triples of a SPARQL ``INSERT DATA``/``DELETE DATA`` graph block."""
    return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


#: Quads written between flushes: bounds the memory RocksDB holds (its memtables) however long the run.
FLUSH_EVERY = 200_000


#: A triple as three N-Triples terms (``"<s>"``, ``"<p>"``, ``'"o"'``): how entity descriptions
#: travel from the worker processes to the writer, hashable and cheap to pickle.
TextTriple = tuple[str, str, str]
LABEL_TEXT = str(LABEL)
ALT_TEXT = str(term("skos", "altLabel"))
#: Entries the writer keeps of the entity triples it wrote and of the labels it knows, each; past that a
#: cache is emptied (what it forgot is looked up in the store again, or written again, which changes
#: nothing). An entry takes about 250 bytes (tracemalloc, triples of the corpus's shape): at the former
#: 500,000 the two could hold 250 MB, so on varied news peak memory grew with the input for tens of
#: thousands of articles (a repeated corpus, as bench_ingest uses, never fills them).
CACHE_ENTRIES = 50_000
#: What :meth:`GraphStore.stored_label` gives for an entity the catalog labels.
CATALOG_LABEL = "catalog"


def label_rank(label: str) -> tuple:
    """Which of two names is an entity's label: not all capitals, then the longer, then the
    first in code-point order; a total order, so the label does not depend on the input's order."""
    return label.isupper(), -len(label), label


class BatchWriter:
    """Replaces articles in batches, so each article is wholly old or wholly new whatever
    happens, and the happening index follows it.

    With ``bulk`` (``uscn ingest`` asks for it when the store holds no article yet: a first
    ingest), an article whose graph is not in the store yet goes in with Oxigraph's bulk loader
    (it writes the index files directly, several times faster than a transaction), the rest
    of the batch (replaced articles, removals, entity descriptions, the happenings) in
    one SPARQL update, which Oxigraph applies as one transaction. The bulk loader is not
    atomic, so the new graphs are first listed in the journal graph (``ent:graph/journal``,
    one transaction), then bulk-loaded, and the journal entries are removed by the batch's
    transaction. A kill before that transaction leaves the journal: the next open drops
    the graphs it lists (:func:`recover`), and those articles are wholly absent, as they
    were before the run. Without ``bulk``, or on a store without a bulk loader (a remote
    endpoint), the whole batch is the one update. The bulk loader is kept to first ingests
    because it replaces RocksDB's files under a reader that has the store open: a reader of a
    store being re-ingested could fail with a missing file (tests/test_robust_faults.py).

    A batch is written by a background thread (Oxigraph lets go of the GIL while it
    writes) while the next batch is prepared; at most one batch is in flight, and
    :meth:`close` waits for it.
    """

    def __init__(self, store: GraphStore, max_articles: int, max_quads: int, bulk: bool = False):
        self.store = store
        self.unflushed = 0
        self.thread: threading.Thread | None = None
        self.failure: BaseException | None = None
        self.in_flight: set[str] = set()
        self.index = store.happening_index()
        self.max_articles, self.max_quads = max_articles, max_quads
        self.bulk = bulk and isinstance(store.ox, ox.Store)
        self.drops: set[str] = set()
        self.bodies: dict[str, bytes] = {}   # replaced articles (N-Quads): written in the transaction
        self.new: dict[str, bytes] = {}      # articles not in the store (N-Quads): bulk-loaded
        self.entities: dict[TextTriple, None] = {}
        self.described = store.described_triples()
        self.labels: dict[str, str] = {}     # subject -> its label, stored or on its way
        self.label_dels: list[TextTriple] = []
        self.seen: set[TextTriple] = set()
        self.quads = 0

    def exists(self, graph: str) -> bool:
        """Whether the article is stored, or was put earlier in this batch."""
        return graph in self.bodies or graph in self.new or graph in self.in_flight or (
            graph not in self.drops and self.store.ox.contains_named_graph(ox.NamedNode(graph)))

    def put(self, graph: str, body: bytes, quads: int, entities: list[TextTriple], reports) -> bool:
        """Put an article (its graph as N-Quads, :func:`graph.rdf.triples.extraction_nquads`) in place of what it was;
        True if it replaced one."""
        if graph in self.new:
            self.new[graph] = body
            replaced = True
        elif self.exists(graph):
            self.drops.add(graph)
            self.bodies[graph] = body
            replaced = True
        else:
            self.new[graph] = body
            replaced = False
        self.quads += quads
        self.add_entities(entities)
        self.index.replace_article(graph, reports)
        if len(self.bodies) + len(self.new) >= self.max_articles or self.quads >= self.max_quads:
            self.commit()
        return replaced

    def add_entities(self, triples: list[TextTriple]) -> None:
        """Keep the entity triples not yet stored. An entity the catalog labels is described by the
        catalog, in the ontology graph: only the other names articles used (skos:altLabel) are
        added for it (README "Where data is kept"). Any other entity has one label: the
        :func:`label_rank` first of the names given as its label, whatever the order the articles
        came in; the other names stay as its skos:altLabel."""
        seen, described = self.seen, self.described
        for t in triples:
            if t in seen or t in described:
                continue
            if self.label_of(t[0]) == CATALOG_LABEL:
                if t[1] != ALT_TEXT:
                    continue
            elif t[1] == LABEL_TEXT and not self.take_label(t):
                continue
            self.entities[t] = None
            seen.add(t)
        if len(seen) > CACHE_ENTRIES:
            seen.clear()
        if len(self.labels) > CACHE_ENTRIES:
            self.labels.clear()

    def label_of(self, subject: str) -> str:
        """The subject's label (N-Triples), stored or on its way; :data:`CATALOG_LABEL`; or ""."""
        label = self.labels.get(subject)
        if label is None:
            label = self.labels[subject] = self.store.stored_label(ox.NamedNode(subject[1:-1]))
        return label

    def take_label(self, t: TextTriple) -> bool:
        """Whether label triple ``t`` is to be written; a label it outranks is taken back."""
        subject, label = t[0], t[2]
        current = self.label_of(subject)
        if current == label:
            return False
        if current and label_rank(current) < label_rank(label):
            self.entities[(subject, ALT_TEXT, label)] = None
            return False
        if current:
            old = (subject, LABEL_TEXT, current)
            if self.entities.pop(old, 0) is not None:   # not in this batch: stored, or on its way
                self.label_dels.append(old)
            self.seen.discard(old)
            self.entities[(subject, ALT_TEXT, current)] = None
        self.labels[subject] = label
        return True

    def remove(self, graph: str) -> None:
        self.bodies.pop(graph, None)
        self.new.pop(graph, None)
        self.drops.add(graph)
        self.index.replace_article(graph, [])

    def commit(self) -> None:
        """Write the batch (bulk load and one transaction), in the background."""
        if not (self.bodies or self.drops or self.new):
            return
        diff = self.index.diff
        bodies = dict(self.bodies)
        new = self.new if self.bulk else {}
        if not self.bulk:
            bodies.update(self.new)
        ops = [f"DROP SILENT GRAPH <{g}>" for g in sorted(self.drops)]
        if new:
            ops.append(f"DROP SILENT GRAPH {JOURNAL_GRAPH}")   # only this batch is listed there
        if self.label_dels:
            ops.append(f"DELETE DATA {{ GRAPH {ENTITIES_GRAPH} {{\n"
                       + "\n".join(" ".join(t) + " ." for t in self.label_dels) + "\n} }")
        if diff.dels:
            ops.append(f"DELETE DATA {{ GRAPH {HAPPENINGS_GRAPH} {{\n{triples_text(diff.dels)}\n}} }}")
        blocks = [f"GRAPH <{g}> {{\n{triples_of(g, body)}\n}}" for g, body in bodies.items()]
        if self.entities:
            blocks.append(f"GRAPH {ENTITIES_GRAPH} {{\n" + "\n".join(" ".join(t) + " ." for t in self.entities)
                          + "\n}")
        if diff.adds:
            blocks.append(f"GRAPH {HAPPENINGS_GRAPH} {{\n{triples_text(diff.adds)}\n}}")
        if blocks:
            ops.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
        update = " ;\n".join(ops)
        journal = f"INSERT DATA {{ GRAPH {JOURNAL_GRAPH} {{\n{journal_text(new)}\n}} }}" if new else ""
        nquads = b"".join(new.values())
        self.index.set_pending(True)   # cleared in close(): a kill before then rebuilds the index
        self.index.commit()
        self.wait()
        self.in_flight = set(bodies) | set(new)
        articles = len(self.in_flight)
        self.thread = threading.Thread(target=self._write, args=(journal, nquads, update, articles, self.quads),
                                       daemon=True)
        self.thread.start()
        self.drops.clear()
        self.bodies.clear()
        self.new = {}
        self.entities.clear()
        self.label_dels = []
        self.quads = 0

    def _write(self, journal: str, nquads: bytes, update: str, articles: int, quads: int) -> None:
        try:
            if nquads:
                self.store.ox.update(journal)
                self.store.ox.bulk_load(nquads, ox.RdfFormat.N_QUADS, lenient=True)
            self.store.ox.update(update)
            # The bulk loader writes files, not memory, and flushes what memory holds whenever it
            # loads (what it loads overlaps it): a flush here would only add a small file to every
            # index, and with it a compaction of the whole index, for nothing.
            self.unflushed += 0 if nquads else quads
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
            self.in_flight = set()
        if self.failure is not None:
            failure, self.failure = self.failure, None
            try:
                recover(self.store)       # else the next open does it
            except (OSError, SyntaxError, ValueError):
                pass
            rebuild_index(self.store, self.index)
            raise failure

    def abandon(self) -> None:
        """Drop the batch not yet written (the run was stopped); batches in flight still land."""
        self.index.rollback()
        self.drops.clear()
        self.bodies.clear()
        self.new = {}
        self.entities.clear()
        self.label_dels = []
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


JOURNAL_ENTRY = uscn("loading")


def journal_text(graphs: Iterable[str]) -> str:
    """The journal's triples for the graphs a bulk load writes."""
    return "\n".join(f"{JOURNAL_GRAPH} {JOURNAL_ENTRY} <{g}> ." for g in graphs)


def triples_of(graph: str, nquads: bytes) -> str:
    """An article graph's N-Quads as the triples of a SPARQL ``INSERT DATA`` graph block.

    Every line ends in `` <graph> .`` (a newline inside a literal is escaped as ``\n``), so
    this is one replacement for the whole article."""
    return nquads.replace(f" <{graph}> .\n".encode(), b" .\n").decode()


def recover(store: GraphStore) -> list[str]:
    """Drop the article graphs an interrupted bulk load left (those the journal lists) and the
    journal; their batch's transaction never ran, so nothing else refers to them."""
    return recover_store(store.ox)


def recover_store(db) -> list[str]:
    """:func:`recover` on an Oxigraph store (or remote endpoint) itself."""
    if not db.contains_named_graph(JOURNAL_GRAPH):
        return []
    graphs = [q.object.value for q in db.quads_for_pattern(JOURNAL_GRAPH, JOURNAL_ENTRY, None, JOURNAL_GRAPH)]
    db.update(" ;\n".join([f"DROP SILENT GRAPH <{g}>" for g in graphs] + [f"DROP SILENT GRAPH {JOURNAL_GRAPH}"]))
    return graphs


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
