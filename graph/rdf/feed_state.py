"""What ``uscn watch`` remembers about each feed, kept in the store itself.

A small named graph, ``ent:graph/feeds``, holds one ``uscn:Feed`` node per
feed (its location, and the ETag and Last-Modified its server last sent) and
one ``uscn:FeedEntry`` node per entry handled, with the key it was known by,
the article graph it became (``uscn:article``) or why it was skipped
(``uscn:skipped``), and when. A feed that is failing also keeps how many polls in a row
failed (``uscn:failures``) and when it may be polled again (``uscn:nextPoll``), so the
back-off holds across restarts and between runs of ``--once`` from cron. Because it lives in the store, beside the
articles, a restart neither loses what was seen nor repeats it, and the state
moves with the store.

Only SPARQL goes through :class:`GraphStore` (``query``/``update``), so any
backend that speaks SPARQL keeps the state the same way.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import pyoxigraph as ox

from graph.rdf.vocab import ENT, FEEDS_GRAPH, USCN

XSD_DATETIME = ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def feed_iri(location: str) -> ox.NamedNode:
    """The node of a feed, from its URL or path as given."""
    return ox.NamedNode(f"{ENT}feed/{_digest(location)}")


def entry_iri(location: str, key: str) -> ox.NamedNode:
    return ox.NamedNode(f"{ENT}feed/{_digest(location)}/entry/{_digest(key)}")


@dataclass
class FeedRecord:
    """What is remembered of one feed."""
    location: str
    etag: str | None = None
    last_modified: str | None = None
    seen: set[str] = field(default_factory=set)
    failures: int = 0
    next_poll: dt.datetime | None = None


def _now() -> ox.Literal:
    return _stamp(dt.datetime.now(dt.timezone.utc))


def _stamp(when: dt.datetime) -> ox.Literal:
    return ox.Literal(when.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat(), datatype=XSD_DATETIME)


class FeedState:
    """Reads and writes the feeds graph of a store."""

    def __init__(self, store):
        self.store = store

    def load(self, location: str) -> FeedRecord:
        """The feed's validators and the keys of every entry already handled."""
        f = feed_iri(location)
        record = FeedRecord(location)
        g = f"<{FEEDS_GRAPH.value}>"
        for row in self.store.query(
                f"SELECT ?p ?o WHERE {{ GRAPH {g} {{ {f} ?p ?o }} }}"):
            p, o = row[0].value, row[1].value
            if p == USCN + "etag":
                record.etag = o
            elif p == USCN + "lastModified":
                record.last_modified = o
            elif p == USCN + "failures":
                record.failures = int(o)
            elif p == USCN + "nextPoll":
                record.next_poll = dt.datetime.fromisoformat(o)
        for row in self.store.query(
                f"SELECT ?k WHERE {{ GRAPH {g} {{ ?e <{USCN}feed> {f} ; <{USCN}entryKey> ?k }} }}"):
            record.seen.add(row[0].value)
        return record

    def save_validators(self, location: str, etag: str | None, last_modified: str | None) -> None:
        """Keep the ETag and Last-Modified a server sent, for the next conditional request."""
        f, g = feed_iri(location), f"<{FEEDS_GRAPH.value}>"
        lines = [f"{f} a <{USCN}Feed> ; <{USCN}feedLocation> {ox.Literal(location)} ."]
        if etag:
            lines.append(f"{f} <{USCN}etag> {ox.Literal(etag)} .")
        if last_modified:
            lines.append(f"{f} <{USCN}lastModified> {ox.Literal(last_modified)} .")
        self.store.update(
            f"DELETE WHERE {{ GRAPH {g} {{ {f} <{USCN}etag> ?e }} }} ;\n"
            f"DELETE WHERE {{ GRAPH {g} {{ {f} <{USCN}lastModified> ?m }} }} ;\n"
            f"INSERT DATA {{ GRAPH {g} {{ {' '.join(lines)} }} }}")

    def save_backoff(self, location: str, failures: int, next_poll: dt.datetime | None) -> None:
        """Keep how many polls in a row failed and when the feed is due again (none: healthy)."""
        f, g = feed_iri(location), f"<{FEEDS_GRAPH.value}>"
        update = (f"DELETE WHERE {{ GRAPH {g} {{ {f} <{USCN}failures> ?n }} }} ;\n"
                  f"DELETE WHERE {{ GRAPH {g} {{ {f} <{USCN}nextPoll> ?t }} }}")
        if failures:
            lines = [f"{f} a <{USCN}Feed> ; <{USCN}feedLocation> {ox.Literal(location)} ;"
                     f" <{USCN}failures> {ox.Literal(str(failures), datatype=XSD_INTEGER)} ."]
            if next_poll is not None:
                lines.append(f"{f} <{USCN}nextPoll> {_stamp(next_poll)} .")
            update += f" ;\nINSERT DATA {{ GRAPH {g} {{ {' '.join(lines)} }} }}"
        self.store.update(update)
        self.store.flush()

    def mark(self, location: str, key: str, article: ox.NamedNode | None = None,
             skipped: str | None = None) -> None:
        """Remember an entry as handled: stored as ``article``, or ``skipped`` and why."""
        f, e, g = feed_iri(location), entry_iri(location, key), f"<{FEEDS_GRAPH.value}>"
        lines = [f"{f} a <{USCN}Feed> ; <{USCN}feedLocation> {ox.Literal(location)} .",
                 f"{e} a <{USCN}FeedEntry> ; <{USCN}feed> {f} ; <{USCN}entryKey> {ox.Literal(key)} ;"
                 f" <{USCN}seenAt> {_now()} ."]
        if article is not None:
            lines.append(f"{e} <{USCN}article> {article} .")
        if skipped:
            lines.append(f"{e} <{USCN}skipped> {ox.Literal(skipped)} .")
        self.store.update(f"INSERT DATA {{ GRAPH {g} {{ {' '.join(lines)} }} }}")
        self.store.flush()
