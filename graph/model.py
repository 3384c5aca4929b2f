"""Plain data passed between the stages: loaders -> extract -> rdf.

Every class is a frozen dataclass of plain values, so a stage can be tested by
building its input by hand, and no stage can reach back into another.
Character offsets (``start``/``end``) always index ``Article.text``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

ENTITY_KINDS = ("Person", "Country", "Organization", "Place", "Dispute")
EVENT_KINDS = ("Visit", "Meeting", "PhoneCall", "Accusation", "Cancellation",
               "Sanction", "Agreement", "Statement", "Claim", "Denial")
PRECISIONS = ("day", "weekend", "week", "month", "year", "approximate")


@dataclass(frozen=True)
class Article:
    """One article as a loader read it.

    ``id`` is the record's id (for a file: its name without extension);
    ``origin`` says where it came from ("path" or "path:line") for messages;
    ``place`` is a dateline place such as "WASHINGTON" when the text had one.
    """
    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    place: str | None = None
    origin: str = ""


@dataclass(frozen=True)
class Entity:
    """A person, country, organization, place or dispute.

    ``key`` is stable across articles ("person/antony-blinken", "country/CHN")
    and becomes the IRI; ``country`` is the key of the country it belongs to.
    """
    key: str
    kind: str
    label: str
    alt_labels: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()
    country: str | None = None
    broader: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """A stretch of the article text that names an entity."""
    entity: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article with its offsets; used as evidence."""
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class When:
    """The interval a text pins down, with how precise it is and how it was found.

    ``basis`` is "explicit" (a date in the text), "relative" (resolved against
    the publication date, e.g. "last month") or "publication" (the text gave no
    time and the publication date stands in).
    """
    start: dt.date
    end: dt.date
    precision: str
    basis: str = "explicit"
    approximate: bool = False
    text: str = ""


@dataclass(frozen=True)
class Event:
    """A dated happening between actors, read from one sentence.

    ``actor`` acts on ``target``; ``participants`` are the others taking part.
    All are entity keys. ``hypothetical`` marks planned or reported-but-not-done
    happenings that are still events (a planned visit); negated ones are never
    built.
    """
    kind: str
    label: str
    evidence: Sentence
    actor: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    place: str | None = None
    when: When | None = None
    disputes: tuple[str, ...] = ()
    trigger: str = ""
    planned: bool = False
    claim: str | None = None
    family: str = ""            # the contract class a finer kind belongs to (Summit → Meeting)


@dataclass(frozen=True)
class Extraction:
    """What extraction found in one article."""
    article: Article
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
