"""Whose account an article gives: the US government, the PRC government or a third party.

The knowledge is data, in ``ontology/sides.ttl``: each ``uscn:Side`` with the
domain endings its sites share (``uscn:hostSuffix``), and each ``uscn:Outlet``
(a ministry, an agency, a state news service, a wire) with its web hosts and
names. :func:`side_of` reads an article's URL and publisher against them:

1. the outlet whose host is the URL's host or a parent domain of it;
2. else the side with the longest host suffix the URL's host ends with;
3. else the outlet whose name or alternative name the publisher is.

An article none of these place has no side (None). Adding an outlet or a
suffix to the Turtle file is all it takes to place more articles.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox

from graph.errors import UscnError
from graph.ontology_files import ontology_dir
from graph.rdf.vocab import RDF, RDFS, SKOS, USCN

SIDES_FILE = "sides.ttl"


@dataclass
class SideRules:
    """The sides, and how to tell an article's side, as plain lookups."""
    labels: dict[str, str] = field(default_factory=dict)        # side IRI -> label
    hosts: dict[str, str] = field(default_factory=dict)         # host -> side IRI
    suffixes: list[tuple[str, str]] = field(default_factory=list)  # (".gov.cn", side), longest first
    publishers: dict[str, str] = field(default_factory=dict)    # normalised name -> side IRI
    outlets: dict[str, str] = field(default_factory=dict)       # host or name -> outlet label

    def label(self, side: str | None) -> str:
        return self.labels.get(side or "", "unknown")


def _name(text: str) -> str:
    """A publisher name compared without case, spacing or a leading "the".

    >>> _name("  The White  House ")
    'white house'
    """
    text = " ".join(text.casefold().split())
    return re.sub(r"^the ", "", text)


def host_of(url: str | None) -> str | None:
    """The host of an http(s) URL, lower case, without "www." or a port.

    >>> host_of("https://WWW.State.gov:443/x"), host_of("file:///a"), host_of(None)
    ('state.gov', None, None)
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def read_rules(paths: list[Path]) -> SideRules:
    """The rules of one or more Turtle files like ``ontology/sides.ttl``."""
    rules = SideRules()
    triples: list[tuple] = []
    for path in paths:
        try:
            triples.extend(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        except (OSError, SyntaxError) as exc:
            raise UscnError(f"{path}: cannot read the sides ({exc}); fix the Turtle file") from None
    kind: dict[str, str] = {}
    props: dict[str, dict[str, list[str]]] = {}
    for t in triples:
        s, p, o = t.subject.value, t.predicate.value, t.object.value
        if p == RDF + "type":
            kind[s] = o
        else:
            props.setdefault(s, {}).setdefault(p, []).append(o)
    for s, k in sorted(kind.items()):
        d = props.get(s, {})
        labels = d.get(RDFS + "label", [])
        if k == USCN + "Side":
            rules.labels[s] = labels[0] if labels else s.rsplit("/", 1)[-1]
            for suffix in d.get(USCN + "hostSuffix", []):
                rules.suffixes.append(("." + suffix.strip(".").lower(), s))
        elif k == USCN + "Outlet":
            side = (d.get(USCN + "side") or [None])[0]
            if not side:
                continue
            name = labels[0] if labels else s.rsplit("/", 1)[-1]
            for host in d.get(USCN + "host", []):
                host = host.lower().removeprefix("www.")
                rules.hosts[host] = side
                rules.outlets[host] = name
            for n in labels + d.get(SKOS + "altLabel", []):
                rules.publishers[_name(n)] = side
                rules.outlets[_name(n)] = name
    rules.suffixes.sort(key=lambda x: (-len(x[0]), x[0]))
    return rules


@functools.lru_cache(maxsize=1)
def default_rules() -> SideRules:
    """The rules of ``ontology/sides.ttl`` (read once)."""
    return read_rules([ontology_dir() / SIDES_FILE])


def side_of(url: str | None, publisher: str | None, rules: SideRules | None = None) -> str | None:
    """The IRI of the side an article with this URL and publisher speaks for, or None.

    >>> side_of("https://www.state.gov/readout", None).rsplit("/", 1)[-1]
    'united-states'
    >>> side_of("https://english.www.gov.cn/news/1.html", None).rsplit("/", 1)[-1]
    'china'
    >>> side_of(None, "Xinhua News Agency").rsplit("/", 1)[-1]
    'china'
    >>> side_of("https://blog.example.net/x", "Someone") is None
    True
    """
    rules = rules or default_rules()
    host = host_of(url)
    if host:
        labels = host.split(".")
        for i in range(len(labels) - 1):
            side = rules.hosts.get(".".join(labels[i:]))
            if side:
                return side
        for suffix, side in rules.suffixes:
            if ("." + host).endswith(suffix):
                return side
    if publisher:
        return rules.publishers.get(_name(publisher))
    return None
