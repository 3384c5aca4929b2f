"""Both sides' accounts of one happening: what each side's reports attach to it.

US and PRC readouts of one meeting often differ in what was raised, who
criticised whom and what was agreed. A happening (``uscn:Happening``) gathers
the reports of one real-world happening from several articles; each article
may carry a side (``uscn:side``, from ``ontology/sides.ttl``; for articles
stored before sides were recorded, the side is worked out from their URL and
publisher the same way). For every happening reported by more than one side,
this module lists, side by side:

* the side's own sentence reporting the happening (``report``);
* the claims, statements, denials, accusations and agreements its articles
  attach to the happening: events read from the same article, dated within
  :data:`WINDOW_DAYS` days of the happening (or undated), and sharing a party
  with it (a country also through its people and organizations);
* the disputes those reports and events concern (``dispute``);

each with its evidence sentence and the article it is in. Happenings that are
themselves claims or agreements are what attaches, so they are not listed as
happenings of their own.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable

from graph.analysis import AnalysisError
from graph.analysis.load import Corpus, Entity, EventRecord, Source
from graph.analysis.period import slice_events
from graph.analysis.trend import involves
from graph.rdf.sides import default_rules, side_of
from graph.rdf.vocab import RDFS, USCN

#: The event families an account is made of, and the word each is listed under.
ACCOUNT_KINDS = {"Accusation": "accusation", "Denial": "denial", "Agreement": "agreement",
                 "Claim": "claim", "Statement": "claim"}
#: The order items are listed in, within one side.
KIND_ORDER = ("report", "claim", "accusation", "denial", "agreement", "dispute")
#: How far from the happening's dates an attached event may be dated.
WINDOW_DAYS = 7
UNKNOWN = "unknown"

_Q_CLASSES = f"SELECT DISTINCT ?sub ?sup WHERE {{ ?sub <{RDFS}subClassOf>+ ?sup }}"
_Q_SIDES = f"""SELECT DISTINCT ?a ?s WHERE {{ ?a a <{USCN}Article> ; <{USCN}side> ?s }}"""
_Q_SIDE_LABELS = f"""SELECT DISTINCT ?s ?l WHERE {{ ?s a <{USCN}Side> ; <{RDFS}label> ?l }}"""
# a report is in its article's graph; its happening links it from the happenings graph
_Q_CLAIMS = f"""SELECT DISTINCT ?h ?r ?g ?c WHERE {{
  GRAPH ?g {{ ?r <{USCN}claimText> ?c }} OPTIONAL {{ ?h <{USCN}report> ?r }} }}"""
_Q_DISPUTES = f"""SELECT DISTINCT ?h ?r ?g ?d WHERE {{
  GRAPH ?g {{ ?r <{USCN}concerns> ?d }} OPTIONAL {{ ?h <{USCN}report> ?r }} }}"""


@dataclass(frozen=True)
class AccountItem:
    """One thing a side's report says about a happening, with its evidence."""
    kind: str                       # report, claim, accusation, denial, agreement, dispute
    text: str                       # the event's label, its claim, or the dispute's name
    evidence: tuple[str, ...]
    source: Source
    who: tuple[str, ...] = ()       # the actors (labels)
    about: tuple[str, ...] = ()     # targets, or the disputes an item concerns (labels)
    event: str | None = None        # the IRI of the attached event, if any


@dataclass
class SideAccount:
    side: str                       # IRI, or "unknown"
    label: str
    sources: list[Source] = field(default_factory=list)
    items: list[AccountItem] = field(default_factory=list)


@dataclass
class HappeningAccounts:
    happening: EventRecord
    sides: list[SideAccount]


class _Context:
    """What the accounts read from the store besides the corpus."""

    def __init__(self, store, corpus: Corpus):
        self.corpus = corpus
        rules = default_rules()
        self.supers: dict[str, set[str]] = {}
        for sub, sup in _rows(store, _Q_CLASSES):
            a, b = _local(sub), _local(sup)
            if a and b:
                self.supers.setdefault(a, set()).add(b)
        self.labels = dict(rules.labels)
        self.labels.update({s: l for s, l in _rows(store, _Q_SIDE_LABELS)})
        stored = {a: s for a, s in _rows(store, _Q_SIDES)}
        self.side: dict[str, str] = {}
        for iri, src in corpus.articles.items():
            self.side[iri] = stored.get(iri) or side_of(src.url, src.publisher, rules) or UNKNOWN
        self.claims: dict[tuple[str, str], list[str]] = {}
        for h, r, g, c in _rows(store, _Q_CLAIMS, 4):
            for key in {h, r} - {None}:
                self.claims.setdefault((key, g), []).append(c)
        # what each article's own report concerns (a happening's disputes are every report's)
        self.disputes: dict[tuple[str, str], set[str]] = {}
        for h, r, g, d in _rows(store, _Q_DISPUTES, 4):
            for key in {h, r} - {None}:
                self.disputes.setdefault((key, g), set()).add(d)
        self.by_article: dict[str, list[EventRecord]] = {}
        for ev in corpus.events:
            for s in ev.sources:
                self.by_article.setdefault(s.iri, []).append(ev)

    def family(self, cls: str) -> str | None:
        """The account kind of an event class (its own or an ancestor's), else None."""
        if cls in ACCOUNT_KINDS:
            return ACCOUNT_KINDS[cls]
        ancestors = self.supers.get(cls, set())
        for name in ACCOUNT_KINDS:   # most telling first: an accusation before a statement
            if name in ancestors:
                return ACCOUNT_KINDS[name]
        return None

    def side_label(self, side: str) -> str:
        return self.labels.get(side, "side not known")


def _local(iri: str | None) -> str | None:
    return iri[len(USCN):] if iri and iri.startswith(USCN) else None


def _rows(store, query: str, n: int = 2):
    for sol in store.query(query, use_default_graph_as_union=True):
        yield tuple(sol[i].value if sol[i] is not None else None for i in range(n))


def _entity_label(ctx: _Context, iri: str) -> str:
    ent = ctx.corpus.entities.get(iri)
    return ent.label if ent else iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")


def _countries(parties: Iterable[Entity]) -> set[str]:
    """The parties and the countries they stand for."""
    return {p.iri for p in parties} | {p.country for p in parties if p.country}


def _near(ev: EventRecord, h: EventRecord) -> bool:
    if ev.start is None or h.start is None:
        return True
    window = dt.timedelta(days=WINDOW_DAYS)
    return ev.start <= h.last + window and ev.last >= h.start - window


def attached(ev: EventRecord, h: EventRecord) -> bool:
    """Whether an event read from an article that reports ``h`` is about ``h``:
    dated near it (or undated) and sharing a party with it, a country standing
    for its people (an event with no party at all counts)."""
    if not _near(ev, h):
        return False
    if not ev.parties or not h.parties:
        return True
    return bool(_countries(ev.parties) & _countries(h.parties))


def _evidence(ev: EventRecord, article: str) -> tuple[str, ...]:
    own = tuple(e.text for e in ev.evidence if e.source == article)
    return own or tuple(dict.fromkeys(e.text for e in ev.evidence if e.source is None))


def _labels(ents: Iterable[Entity]) -> tuple[str, ...]:
    return tuple(e.label for e in ents)


def _side_account(ctx: _Context, h: EventRecord, side: str, sources: list[Source]) -> SideAccount:
    acc = SideAccount(side=side, label=ctx.side_label(side), sources=sources)
    disputes: dict[str, list[tuple[str, Source]]] = {}
    for src in sources:
        report = _evidence(h, src.iri)
        acc.items.append(AccountItem("report", h.label, report, src, who=_labels(h.parties)))
        for d in sorted(ctx.disputes.get((h.iri, src.iri), ())):
            disputes.setdefault(d, []).extend((t, src) for t in report)
        for ev in ctx.by_article.get(src.iri, []):
            if ev.iri == h.iri:
                continue
            kind = ctx.family(ev.type)
            if kind is None or not attached(ev, h):
                continue
            evidence = _evidence(ev, src.iri)
            claims = ctx.claims.get((ev.iri, src.iri))
            concerns = sorted(ctx.disputes.get((ev.iri, src.iri), ()))
            acc.items.append(AccountItem(
                kind, claims[0] if claims and kind in ("claim", "denial") else ev.label,
                evidence, src, who=_labels(ev.actors or ev.parties),
                about=_labels(ev.targets) + tuple(_entity_label(ctx, d) for d in concerns), event=ev.iri))
            for d in concerns:
                disputes.setdefault(d, []).extend((t, src) for t in evidence)
    for d, found in sorted(disputes.items(), key=lambda kv: _entity_label(ctx, kv[0]).casefold()):
        label = _entity_label(ctx, d)
        seen = dict.fromkeys(found)
        for src in dict.fromkeys(s for _, s in seen):
            acc.items.append(AccountItem("dispute", label, tuple(t for t, s in seen if s == src), src))
    acc.items.sort(key=lambda it: KIND_ORDER.index(it.kind))
    return acc


def _side_order(side: str) -> tuple:
    name = side.rsplit("/", 1)[-1]
    return ({"united-states": 0, "china": 1, "third-party": 2}.get(name, 3 if side != UNKNOWN else 4), side)


def happening_accounts(store, corpus: Corpus, *, happening: str | None = None,
                       actor: str | None = None, start=None, end=None,
                       min_sides: int = 2) -> list[HappeningAccounts]:
    """Every happening reported by at least ``min_sides`` known sides, with each side's account.

    Parameters
    ----------
    store : pyoxigraph.Store
        The store the corpus was read from.
    corpus : Corpus
        From :func:`graph.analysis.load_corpus`.
    happening : str, optional
        Only this happening: its IRI, the last part of it, or words of its label.
    actor : str, optional
        Only happenings this actor takes part in (a country through its people).
    start, end : date or str, optional
        Only happenings in this period.

    Raises
    ------
    AnalysisError
        When the actor is unknown, the period malformed, or no happening
        reported by several sides matches ``happening``.
    """
    ctx = _Context(store, corpus)
    events = slice_events(corpus.events, start, end)
    if actor:
        who = corpus.resolve(actor)
        events = [ev for ev in events if involves(ev, who)]
    out = []
    for h in events:
        if ctx.family(h.type) is not None:
            continue
        by_side: dict[str, list[Source]] = {}
        for s in h.sources:
            by_side.setdefault(ctx.side.get(s.iri, UNKNOWN), []).append(s)
        if len(set(by_side) - {UNKNOWN}) < min_sides:
            continue
        out.append(HappeningAccounts(h, [_side_account(ctx, h, side, srcs) for side, srcs in
                                         sorted(by_side.items(), key=lambda kv: _side_order(kv[0]))]))
    if happening:
        out = _matching(out, happening)
    return out


def _matching(found: list[HappeningAccounts], name: str) -> list[HappeningAccounts]:
    text = name.strip()
    exact = [a for a in found if a.happening.iri == text or a.happening.iri.rsplit("/", 1)[-1] == text]
    if exact:
        return exact
    words = text.casefold().split()
    hits = [a for a in found if all(w in a.happening.label.casefold() for w in words)]
    if not hits:
        listed = "; ".join(f"{a.happening.label} ({a.happening.iri.rsplit('/', 1)[-1]})" for a in found[:5])
        raise AnalysisError(
            f"no happening reported by more than one side matches {name!r}; "
            + (f"some that are: {listed}" if listed else "none is in the store yet (articles need a side: "
               "see ontology/sides.ttl)"))
    return hits


def account_rows(found: list[HappeningAccounts]) -> list[dict]:
    """One row per item: happening, date, side, kind, who, what, evidence, source, url."""
    rows = []
    for a in found:
        h = a.happening
        for side in a.sides:
            for it in side.items:
                rows.append({
                    "happening": h.label, "date": h.start.isoformat() if h.start else None,
                    "side": side.label, "kind": it.kind, "who": "; ".join(it.who),
                    "what": it.text, "evidence": " / ".join(it.evidence),
                    "source": it.source.title or it.source.iri.rsplit("/", 1)[-1],
                    "url": it.source.url, "happening_iri": h.iri,
                })
    return rows


def accounts_view(found: list[HappeningAccounts]) -> dict[str, list[dict]]:
    """Happening IRI -> its sides as plain dicts, for a page to show beside the happening."""
    return {a.happening.iri: [{
        "side": s.side, "label": s.label,
        "key": s.side.rsplit("/", 1)[-1] if s.side != UNKNOWN else UNKNOWN,
        "sources": [{"title": src.title or src.iri.rsplit("/", 1)[-1], "url": src.url} for src in s.sources],
        "items": [{"kind": it.kind, "text": it.text, "who": list(it.who), "evidence": list(it.evidence),
                   "source_title": it.source.title or it.source.iri.rsplit("/", 1)[-1],
                   "url": it.source.url} for it in s.items],
    } for s in a.sides] for a in found}


def accounts_text(found: list[HappeningAccounts]) -> str:
    """The accounts for reading in a terminal: each happening, then each side's items
    with their evidence sentences quoted under them."""
    if not found:
        return "No happening is reported by more than one side (articles get a side from ontology/sides.ttl).\n"
    lines = []
    for a in found:
        h = a.happening
        when = h.start.isoformat() if h.start else "undated"
        lines.append(f"{h.label} ({h.type}, {when}) <{h.iri}>")
        for side in a.sides:
            lines.append(f"  {side.label}: " + "; ".join(
                (s.title or s.iri.rsplit("/", 1)[-1]) + (f" <{s.url}>" if s.url else "") for s in side.sources))
            for it in side.items:
                who = f" [{', '.join(it.who)}]" if it.who and it.kind != "report" else ""
                lines.append(f"    {it.kind:<11}{it.text}{who}")
                lines.extend(f"               “{e}”" for e in it.evidence)
        lines.append("")
    return "\n".join(lines)
