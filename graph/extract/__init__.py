"""Extraction: an Article in, an Extraction (entities, mentions, events) out.

Pure functions of the article and the catalog; nothing here touches the store.
"""
from __future__ import annotations

import functools

import ahocorasick

from graph.extract.catalog import Catalog, load_catalog
from graph.extract.dates import find_times
from graph.extract.entities import EntityFinder, at_word_boundary
from graph.extract.events import EventReader
from graph.extract.spans import longest_first
from graph.extract.text import sentences
from graph.model import Article, Extraction, Mention


class Extractor:
    """Reads articles with one catalog; build it once and reuse it for every article."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.entities = EntityFinder(catalog)
        self.events = EventReader(catalog)
        self.signals_ci, self.signals_cs = ahocorasick.Automaton(), ahocorasick.Automaton()
        for signal, key in catalog.signals.items():
            auto = self.signals_ci if signal == signal.lower() else self.signals_cs
            auto.add_word(signal if auto is self.signals_cs else signal.lower(), (len(signal), key))
        for auto in (self.signals_ci, self.signals_cs):
            if len(auto):
                auto.make_automaton()

    @property
    def event_scores(self) -> dict[str, dict]:
        return self.catalog.event_scores

    def extract(self, article: Article) -> Extraction:
        text = article.text
        mentions, entities = self.entities.find(text, article.published)
        disputes = self.dispute_mentions(text)
        for d in disputes:
            entities.setdefault(d.entity, self.catalog.entities[d.entity])
        sents = list(sentences(text))
        times = find_times(text, article.published)
        self.events.prepare(mentions, entities, text)
        events = self.events.read(text, sents, mentions, entities, times, disputes, article.published)
        return Extraction(article, entities, tuple(sorted(mentions + disputes, key=lambda m: m.start)), tuple(events))

    def dispute_mentions(self, text: str) -> list[Mention]:
        """Words that signal a dispute, longest first, one mention per stretch of text."""
        found = []
        for auto, haystack in ((self.signals_ci, text.lower()), (self.signals_cs, text)):
            if not len(auto):
                continue
            for end, (length, key) in auto.iter(haystack):
                start = end - length + 1
                if at_word_boundary(text, start, end + 1) and key in self.catalog.entities:
                    found.append(Mention(key, start, end + 1, text[start:end + 1]))
        return longest_first(found)


@functools.lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The extractor over the project's catalog (cached for the process)."""
    return Extractor(load_catalog())
