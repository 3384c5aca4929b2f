"""The embedded on-disk store: one named graph per article, in Oxigraph (RocksDB).

Oxigraph was chosen by measurement (see ARCHITECTURE.md and scripts/bench_store.py):
its SPARQL engine is native and answers joins over a million triples in
milliseconds, where rdflib's pure-Python engine takes minutes.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from graph.errors import StoreError
from graph.rdf.opening import open_read_only, open_writable
from graph.rdf.vocab import ENTITIES_GRAPH, FEEDS_GRAPH, ONTOLOGY_GRAPH, PREFIXES, uscn, term

STORE_ENV = "USCN_STORE"
ONTOLOGY_DIGEST = uscn("ontologyDigest")
LABEL = term("rdfs", "label")
HAPPENING_KEY, PLACE, START, END = uscn("happeningKey"), uscn("place"), uscn("startDate"), uscn("endDate")


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
        if self.path is None:
            self.ox = ox.Store()
        elif read_only:
            if not (self.path / "CURRENT").exists():
                raise StoreError(f"{self.path}: no uscn store here; run `uscn ingest FILES --store {self.path}` first")
            self.ox = open_read_only(self.path)    # retried while a writer swaps files
        else:
            self.ox = open_writable(self.path)     # one line per cause: read-only disk, lock, ...

    # --- articles -------------------------------------------------------------
    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
        """Put an article's quads in place of whatever its graph held before.

        The quads are built in full before the old graph is touched, so a failure
        while reading an article never loses what was stored.
        """
        quads = list(quads)
        if self.ox.contains_named_graph(graph):
            self.ox.remove_graph(graph)
        self.ox.add_graph(graph)
        self.ox.extend(quads)

    def add_entities(self, quads: list[ox.Quad]) -> None:
        """Add entity descriptions to the shared entities graph (a quad already there is no change)."""
        self.ox.extend(quads)

    def has_label(self, node: ox.NamedNode) -> bool:
        return any(True for _ in self.ox.quads_for_pattern(node, LABEL, None, ENTITIES_GRAPH))

    def remove_graph(self, graph: ox.NamedNode) -> bool:
        """Remove an article's graph; True if there was one."""
        if not self.ox.contains_named_graph(graph):
            return False
        self.ox.remove_graph(graph)
        return True

    def article_graphs(self) -> list[ox.NamedNode]:
        """Every named graph except the ontology's and the feed state's: the articles' and the
        shared entities graph."""
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
    def find_happening(self, kind: str, key: str, start, end, place: ox.NamedNode | None) -> ox.NamedNode | None:
        """A happening already stored with this type and parties whose dates overlap, at the same place."""
        for q in self.ox.quads_for_pattern(None, HAPPENING_KEY, ox.Literal(key)):
            h = q.subject
            places = {x.object for x in self.ox.quads_for_pattern(h, PLACE, None)}
            if place is not None and places and place not in places:
                continue
            starts = [x.object.value for x in self.ox.quads_for_pattern(h, START, None)]
            ends = [x.object.value for x in self.ox.quads_for_pattern(h, END, None)]
            if starts and ends and min(starts) <= end.isoformat() and start.isoformat() <= max(ends):
                return h
        return None

    def event_label(self, event: ox.NamedNode) -> str | None:
        """The label an event already carries in any article graph, if any."""
        for q in self.ox.quads_for_pattern(event, LABEL, None):
            if q.graph_name != ONTOLOGY_GRAPH:
                return q.object.value
        return None

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

    def close(self) -> None:
        self.flush()
        del self.ox
