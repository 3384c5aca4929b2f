"""Analysis: from the RDF store to plain records, networkx graphs and figures.

Data flows one way::

    store --load_corpus--> Corpus(events, entities, articles)
          --slice_events--> events of a period
          --actor_graph / actor_dispute_graph--> networkx graphs
          --centrality / communities / ego_rows / shortest_path / trend--> rows

Every public function that answers a question returns *rows*: a list of dicts
with stable keys and scalar values (str, int, float, None), so the command line
can print them as a table, CSV or JSON without knowing what they mean.

Actors are named the way people name them: by label or any alternative label,
case-insensitively ("antony blinken", "Blinken", "PRC"), by the last part of
the IRI ("CHN", "antony-blinken"), by the entity key ("country/CHN") or by the
full IRI. A name that matches nothing raises :class:`AnalysisError` with the
closest names; a name that matches several actors raises it listing them.

This package imports networkx and reads the store through ``store.query``
(pyoxigraph); it knows nothing of click, pyvis or HTML.
"""
from __future__ import annotations

from graph.errors import UscnError


class AnalysisError(UscnError):
    """A question the analysis cannot answer as asked: an unknown or ambiguous
    name, no path between two actors, a malformed period.

    The message says what was wrong and what to do about it.
    """


# Imported after AnalysisError is defined: the submodules import it from here.
from graph.analysis.load import (  # noqa: E402
    ACTOR_KINDS, Corpus, Entity, EventRecord, Evidence, Source, load_corpus, load_events,
)
from graph.analysis.period import month_key, months_between, parse_bound, parse_period, slice_events  # noqa: E402
from graph.analysis.names import resolve  # noqa: E402
from graph.analysis.graphs import (  # noqa: E402
    actor_dispute_graph, actor_graph, dispute_rows, edge_rows, node_rows,
)
from graph.analysis.metrics import (  # noqa: E402
    centrality, communities, community_map, ego_network, ego_rows, pagerank, shortest_path,
    spring_positions,
)
from graph.analysis.trend import involves, trend  # noqa: E402

__all__ = [
    "AnalysisError", "ACTOR_KINDS", "Corpus", "Entity", "EventRecord", "Evidence", "Source",
    "load_corpus", "load_events",
    "month_key", "months_between", "parse_bound", "parse_period", "slice_events",
    "resolve",
    "actor_graph", "actor_dispute_graph", "edge_rows", "node_rows", "dispute_rows",
    "centrality", "communities", "community_map", "ego_network", "ego_rows", "pagerank",
    "shortest_path", "spring_positions",
    "involves", "trend",
]
