"""Events: who did what to whom, where and when, read one sentence at a time.

A trigger word from ``ontology/lexicon/events.ttl`` opens an event (``triggers``); unless
it is negated or hypothetical (``modality``), its clause gives the actor, the target and
the place (``roles``) and the time expression that dates it (``timing``); the reports of
one happening within an article are merged (``merging``) and each event gets its timeline
line (``labels``). ``reader`` runs these stages over an article's sentences; ``model``
holds the plain data passed between them.
"""
from graph.extract.events.reader import EventReader

__all__ = ["EventReader"]
