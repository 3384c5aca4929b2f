"""Finding an actor (or dispute) by the name a person types."""
from __future__ import annotations

import difflib
from typing import Iterable

from graph.analysis import AnalysisError
from graph.analysis.load import ACTOR_KINDS, Entity


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def resolve(entities: Iterable[Entity], name: str, *, kinds: Iterable[str] | None = ACTOR_KINDS,
            what: str = "actor") -> Entity:
    """The one entity of ``kinds`` that ``name`` names.

    Tried in turn, case-insensitively, and the first step that matches decides:
    the full IRI or the key ("country/CHN"); the label; an alternative label or
    short name; the last part of the IRI ("CHN", "antony-blinken").

    Parameters
    ----------
    entities : iterable of Entity
        Where to look, e.g. ``corpus.entities.values()``.
    name : str
        What the user typed.
    kinds : iterable of str or None
        The kinds that count (default: persons, countries, organizations);
        None for any kind.
    what : str
        How the error message calls what was looked for ("actor", "dispute").

    Raises
    ------
    AnalysisError
        When nothing matches (naming the closest names) or several entities
        match equally well (listing them with their IRIs).

    Examples
    --------
    >>> from graph.analysis.load import Entity
    >>> usa = Entity("https://w3id.org/uscn/id/country/USA", "United States", "Country",
    ...              "Country", alt_labels=("US", "U.S."))
    >>> resolve([usa], "u.s.").label
    'United States'
    >>> resolve([usa], "Untied States")
    Traceback (most recent call last):
    ...
    graph.analysis.AnalysisError: no actor named 'Untied States'; did you mean 'United States'?
    """
    allowed = set(kinds) if kinds is not None else None
    pool = {e.iri: e for e in entities if allowed is None or e.kind in allowed}
    wanted = _norm(name or "")
    if not wanted:
        raise AnalysisError(f"no {what} name given; name one by its label, e.g. 'United States'")
    steps = (
        lambda e: wanted in (_norm(e.iri), _norm(e.key)),
        lambda e: _norm(e.label) == wanted,
        lambda e: any(_norm(a) == wanted for a in e.alt_labels),
        lambda e: _norm(e.iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]) == wanted,
    )
    for step in steps:
        found = sorted((e for e in pool.values() if step(e)), key=lambda e: e.iri)
        if len(found) == 1:
            return found[0]
        if found:
            listed = "; ".join(f"{e.label} ({e.cls}, {e.iri})" for e in found[:8])
            raise AnalysisError(f"{name!r} names {len(found)} {what}s: {listed}; "
                                f"give the IRI or key of the one you mean")
    names: dict[str, str] = {}
    for e in pool.values():
        for n in (e.label, *e.alt_labels):
            names.setdefault(_norm(n), e.label)
    close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.6)
    close += [n for n in sorted(names) if wanted in n and n not in close][:3]
    labels = list(dict.fromkeys(names[c] for c in close))
    if labels:
        hint = "did you mean " + " or ".join(repr(x) for x in labels[:3]) + "?"
    elif pool:
        sample = sorted({e.label for e in pool.values()}, key=str.casefold)
        hint = f"known {what}s include " + ", ".join(repr(x) for x in sample[:5])
    else:
        hint = f"there are no {what}s in this selection of events"
    raise AnalysisError(f"no {what} named {name!r}; {hint}")
