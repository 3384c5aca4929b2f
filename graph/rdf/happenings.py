"""The happening index: which reports, from which articles, tell of one happening.

Each article's graph holds its own *reports* (one event node per thing it says
happened). Reports of the same happening in several articles are grouped under
one ``uscn:Happening`` node, which lives once in the happenings graph
(``ent:graph/happenings``) so that the union default graph returns each of its
triples once.

Which reports belong together is a function of the set of reports in the store,
never of the order they came in:

- Reports can only share a happening when they have the same *group*: the same
  family of event type and the same parties (``happening_key``). Undated reports
  are a group of their own per article, since nothing pins them to one occasion.
- Within a group each report has an *anchor*: its interval and place. An anchor
  X *refines* Y when X's interval lies inside Y's and Y names no place or the
  same one. Intervals agree at the precision of the more precise one exactly
  when one refines the other ("14 Nov 2022" refines "November 2022"; two
  different days do not agree, and a September meeting never absorbs an
  October one).
- The *atoms* of a group are its anchors that no other anchor refines. A report
  joins the happening of the one atom that refines its anchor; when two or more
  atoms do (a report dated "in 2023" while the group holds a September and an
  October meeting) it cannot tell which happening it tells of, and stays a
  happening of its own.

A happening's date and place are its atom's (the most precise interval its
reports share); its type is the finest class its reports agree on (their class
when they all give the same one, else the family: Meeting + Summit is a
Meeting); its label is the one its reports give most often.

The index is a SQLite file beside the store, kept with counts per group, anchor
and happening, so that a report costs a few indexed look-ups whatever the size of
the store. Its changes become quad changes for the happenings graph, which the
store writes in the same transaction as the article graphs. Each batch is
committed here first, marked *pending*, then written to the store, then
unmarked; a kill in between leaves the mark, and the next writer rebuilds the
index from the store (as it does when the file is missing).
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from graph.rdf.vocab import HAPPENINGS_GRAPH, event_iri, term, uscn

A = term("rdf", "type")
LABEL = term("rdfs", "label")
XSD_DATE = term("xsd", "date")
XSD_INT = term("xsd", "integer")

SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
  report TEXT PRIMARY KEY, article TEXT NOT NULL, grp TEXT NOT NULL, gkey TEXT NOT NULL,
  start TEXT NOT NULL, end TEXT NOT NULL, place TEXT NOT NULL,
  kind TEXT NOT NULL, label TEXT NOT NULL, happening TEXT);
CREATE INDEX IF NOT EXISTS reports_article ON reports(article);
CREATE INDEX IF NOT EXISTS reports_anchor ON reports(grp, start, end, place, happening);
CREATE INDEX IF NOT EXISTS reports_happening ON reports(happening, article);
CREATE TABLE IF NOT EXISTS anchors (
  grp TEXT NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL, place TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (grp, start, end, place));
CREATE TABLE IF NOT EXISTS happenings (
  happening TEXT PRIMARY KEY, gkey TEXT NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL,
  place TEXT NOT NULL, type TEXT, label TEXT);
CREATE TABLE IF NOT EXISTS kinds (happening TEXT NOT NULL, kind TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (happening, kind));
CREATE TABLE IF NOT EXISTS labels (happening TEXT NOT NULL, label TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (happening, label));
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Report:
    """One article's report of a happening, as plain values (picklable, from a worker)."""
    iri: str
    article: str          # the article graph's IRI
    key: str              # family of type and parties: happening_key()
    start: str = ""       # ISO dates; "" when undated
    end: str = ""
    place: str = ""       # the place's IRI, or ""
    kind: str = ""        # the report's class, local name (Summit)
    label: str = ""

    @property
    def group(self) -> str:
        return self.key if self.start else f"{self.key}|undated:{self.article}"

    @property
    def anchor(self) -> tuple[str, str, str]:
        return self.start, self.end, self.place


Anchor = tuple[str, str, str]


def refines(x: Anchor, y: Anchor) -> bool:
    """X's interval lies within Y's, and Y names no place or X's."""
    return y[0] <= x[0] and x[1] <= y[1] and (not y[2] or x[2] == y[2])


def assigned(y: Anchor, anchors: list[Anchor]) -> Anchor:
    """The anchor of the happening a report anchored at ``y`` belongs to (see the module docstring)."""
    inside = [a for a in anchors if refines(a, y)]
    atoms = [a for a in inside if not any(b != a and refines(b, a) for b in inside)]
    return atoms[0] if len(atoms) == 1 else y


def happening_iri(group: str, anchor: Anchor) -> str:
    return event_iri(f"happening:{group}|{anchor[0]}/{anchor[1]}|{anchor[2]}").value


class QuadDiff:
    """Quads to add to and remove from the store, net of each other."""

    def __init__(self):
        self.adds: set[ox.Quad] = set()
        self.dels: set[ox.Quad] = set()

    def add(self, q: ox.Quad) -> None:
        if q in self.dels:
            self.dels.discard(q)
        else:
            self.adds.add(q)

    def remove(self, q: ox.Quad) -> None:
        if q in self.adds:
            self.adds.discard(q)
        else:
            self.dels.add(q)

    def clear(self) -> None:
        self.adds.clear()
        self.dels.clear()


def _h(s: str, p: ox.NamedNode, o) -> ox.Quad:
    return ox.Quad(ox.NamedNode(s), p, o, HAPPENINGS_GRAPH)


class HappeningIndex:
    """The SQLite index of reports and happenings; every change also lands in ``self.diff``."""

    def __init__(self, path: Path | None):
        self.path = path
        self.db = sqlite3.connect(str(path) if path else ":memory:", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self.diff = QuadDiff()
        self.in_transaction = False

    # --- bookkeeping ---------------------------------------------------------
    def begin(self) -> None:
        if not self.in_transaction:
            self.db.execute("BEGIN")
            self.in_transaction = True

    def commit(self) -> None:
        if self.in_transaction:
            try:
                self.db.execute("COMMIT")
            finally:   # a COMMIT that fails (a full disk) may have rolled back already
                self.in_transaction = self.db.in_transaction
        self.diff.clear()

    def rollback(self) -> None:
        if self.in_transaction and self.db.in_transaction:
            self.db.execute("ROLLBACK")
        self.in_transaction = False
        self.diff.clear()

    def close(self) -> None:
        self.rollback()
        self.db.close()

    @property
    def pending(self) -> bool:
        """True while a batch committed here may or may not be in the store: rebuild then."""
        row = self.db.execute("SELECT v FROM meta WHERE k='pending'").fetchone()
        return bool(row and row[0] == "1")

    def set_pending(self, value: bool) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('pending', ?)", ("1" if value else "0",))

    def _bump(self, table: str, happening: str, value: str, by: int) -> None:
        col = "kind" if table == "kinds" else "label"
        self.db.execute(f"INSERT INTO {table} VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET n = n + ?",
                        (happening, value, by, by))
        if by < 0:
            self.db.execute(f"DELETE FROM {table} WHERE happening=? AND {col}=? AND n<=0", (happening, value))

    def _bump_anchor(self, group: str, anchor: Anchor, by: int) -> bool:
        """Change an anchor's count; True when the anchor appeared or disappeared."""
        row = self.db.execute("SELECT n FROM anchors WHERE grp=? AND start=? AND end=? AND place=?",
                              (group, *anchor)).fetchone()
        n = (row[0] if row else 0) + by
        if n <= 0:
            self.db.execute("DELETE FROM anchors WHERE grp=? AND start=? AND end=? AND place=?", (group, *anchor))
        else:
            self.db.execute("INSERT OR REPLACE INTO anchors VALUES (?, ?, ?, ?, ?)", (group, *anchor, n))
        return (row is None) != (n <= 0)

    # --- the one write operation ---------------------------------------------
    def replace_article(self, article: str, reports: Iterable[Report]) -> None:
        """Put ``reports`` in place of what ``article`` reported before (none: the article is removed)."""
        self.begin()
        changed: dict[str, set[Anchor]] = {}
        dirty: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        old = self.db.execute("SELECT report, grp, start, end, place, kind, label, happening FROM reports "
                              "WHERE article=?", (article,)).fetchall()
        for r, grp, start, end, place, kind, label, h in old:
            if self._bump_anchor(grp, (start, end, place), -1):
                changed.setdefault(grp, set()).add((start, end, place))
            if h:
                self._leave(r, h, kind, label, article, dirty, pairs)
        self.db.execute("DELETE FROM reports WHERE article=?", (article,))
        new: dict[str, set[Anchor]] = {}
        for rep in reports:
            if self.db.execute("SELECT 1 FROM reports WHERE report=?", (rep.iri,)).fetchone():
                continue  # the same report twice in one article
            self.db.execute("INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                            (rep.iri, article, rep.group, rep.key, *rep.anchor, rep.kind, rep.label))
            if self._bump_anchor(rep.group, rep.anchor, 1):
                changed.setdefault(rep.group, set()).add(rep.anchor)
            new.setdefault(rep.group, set()).add(rep.anchor)
        for grp in set(changed) | set(new):
            self._assign(grp, changed.get(grp, set()), new.get(grp, set()), dirty, pairs)
        for h in sorted(dirty):
            self._refresh(h)
        for h, a in sorted(pairs):
            q = _h(h, uscn("source"), ox.NamedNode(a))
            if self.db.execute("SELECT 1 FROM reports WHERE happening=? AND article=? LIMIT 1", (h, a)).fetchone():
                self.diff.add(q)
            else:
                self.diff.remove(q)

    def _leave(self, r, h, kind, label, article, dirty, pairs) -> None:
        self._bump("kinds", h, kind, -1)
        self._bump("labels", h, label, -1)
        self.diff.remove(_h(h, uscn("report"), ox.NamedNode(r)))
        dirty.add(h)
        pairs.add((h, article))

    def _assign(self, grp: str, changed: set[Anchor], new: set[Anchor], dirty: set, pairs: set) -> None:
        """Give every report whose happening may have changed the happening it now belongs to."""
        anchors = [tuple(a) for a in self.db.execute(
            "SELECT start, end, place FROM anchors WHERE grp=?", (grp,))]
        affected = set(new) | {y for y in anchors if any(refines(x, y) for x in changed)}
        key = None
        for y in sorted(affected):
            if y not in anchors:
                continue
            target = assigned(y, anchors)
            h_new = happening_iri(grp, target)
            anchor = (grp, *y)
            where = "grp=? AND start=? AND end=? AND place=?"
            rows = self.db.execute(f"SELECT report, article, kind, label, happening, gkey FROM reports "
                                   f"WHERE {where} AND happening IS NULL", anchor).fetchall()
            if any(refines(x, y) for x in changed):   # its happening may have changed: look at all its reports
                rows += self.db.execute(f"SELECT report, article, kind, label, happening, gkey FROM reports "
                                        f"WHERE {where} AND happening != ?", (*anchor, h_new)).fetchall()
            if not rows:
                continue
            for r, a, kind, label, h_old, key in rows:
                if h_old:
                    self._leave(r, h_old, kind, label, a, dirty, pairs)
                self._bump("kinds", h_new, kind, 1)
                self._bump("labels", h_new, label, 1)
                self.diff.add(_h(h_new, uscn("report"), ox.NamedNode(r)))
                pairs.add((h_new, a))
                self.db.execute("UPDATE reports SET happening=? WHERE report=?", (h_new, r))
            self.db.execute("INSERT OR IGNORE INTO happenings VALUES (?, ?, ?, ?, ?, NULL, NULL)",
                            (h_new, key, *target))
            dirty.add(h_new)

    def _refresh(self, h: str) -> None:
        """Rewrite a happening's own triples (type, label, key, dates, place) from its reports."""
        row = self.db.execute("SELECT gkey, start, end, place, type, label FROM happenings WHERE happening=?",
                              (h,)).fetchone()
        if row is None:
            return
        gkey, start, end, place, old_type, old_label = row
        kinds = [k for k, in self.db.execute("SELECT kind FROM kinds WHERE happening=? AND n>0", (h,))]
        old = happening_quads(h, gkey, start, end, place, old_type, old_label) if old_type else set()
        if not kinds:
            for q in old:
                self.diff.remove(q)
            self.db.execute("DELETE FROM happenings WHERE happening=?", (h,))
            return
        kind = kinds[0] if len(kinds) == 1 else gkey.split("|", 1)[0]
        label = self.db.execute("SELECT label FROM labels WHERE happening=? AND n>0 ORDER BY n DESC, label LIMIT 1",
                                (h,)).fetchone()[0]
        now = happening_quads(h, gkey, start, end, place, kind, label)
        for q in old - now:
            self.diff.remove(q)
        for q in now - old:
            self.diff.add(q)
        self.db.execute("UPDATE happenings SET type=?, label=? WHERE happening=?", (kind, label, h))

    # --- rebuilding from the store --------------------------------------------
    def rebuild(self, rows: Iterable[tuple], happenings: Iterable[tuple]) -> None:
        """Fill the index from what the store holds.

        ``rows``: (report, article, key, start, end, place, kind, label, happening) for every
        report the happenings graph links; ``happenings``: (happening, key, start, end, place,
        type, label) as written there.
        """
        self.begin()
        for table in ("reports", "anchors", "happenings", "kinds", "labels"):
            self.db.execute(f"DELETE FROM {table}")
        for r, a, key, start, end, place, kind, label, h in rows:
            rep = Report(r, a, key, start, end, place, kind, label)
            self.db.execute("INSERT OR IGNORE INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (r, a, rep.group, key, start, end, place, kind, label, h))
            self._bump_anchor(rep.group, rep.anchor, 1)
            self._bump("kinds", h, kind, 1)
            self._bump("labels", h, label, 1)
        for row in happenings:
            self.db.execute("INSERT OR REPLACE INTO happenings VALUES (?, ?, ?, ?, ?, ?, ?)", row)
        self.diff.clear()


def happening_quads(h: str, key: str, start: str, end: str, place: str, kind: str, label: str) -> set[ox.Quad]:
    """A happening's own triples, in the happenings graph (its reports and sources come apart)."""
    quads = {_h(h, A, uscn("Happening")), _h(h, LABEL, ox.Literal(label)),
             _h(h, uscn("eventType"), uscn(kind)), _h(h, uscn("happeningKey"), ox.Literal(key))}
    if start:
        quads.add(_h(h, uscn("startDate"), ox.Literal(start, datatype=XSD_DATE)))
        quads.add(_h(h, uscn("endDate"), ox.Literal(end, datatype=XSD_DATE)))
    if place:
        quads.add(_h(h, uscn("place"), ox.NamedNode(place)))
    return quads
