"""Extraction: an Article in, an Extraction (entities, mentions, events) out.

Pure functions of the article and the catalog; nothing here touches the store.
"""
from __future__ import annotations

import copy
import functools
import gc
from typing import Callable

import ahocorasick

from graph.extract import dates
from graph.extract.catalog import Catalog, load_catalog
from graph.extract.dates import find_times
from graph.extract.entities import EntityFinder
from graph.extract.events import EventReader
from graph.extract.spans import longest_first
from graph.extract.text import lowered, sentences
from graph.extract.word_patterns import at_word_boundary
from graph.errors import InputError
from graph.model import Article, Extraction, Mention, Sentence

MAX_ARTICLE_MB = 8.0  # the default limit on one article's text, in millions of characters
PROGRESS_FROM = 500_000  # articles of this many characters or more report their progress

# progress(article, fraction done): called a few hundred times while a long article is read.
Progress = Callable[[Article, float], None]


class Extractor:
    """Reads articles with one catalog; build it once and reuse it for every article.

    ``max_mb`` bounds one article's text (millions of characters): a longer one is refused
    with an :class:`InputError` naming it, rather than read for minutes. ``progress`` hears
    how far the reading of a long article has come.
    """

    def __init__(self, catalog: Catalog, max_mb: float = MAX_ARTICLE_MB, progress: Progress | None = None):
        self.catalog = catalog
        self.max_mb = max_mb
        self.progress = progress
        self.events = EventReader(catalog)
        self.signals_ci, self.signals_cs = ahocorasick.Automaton(), ahocorasick.Automaton()
        signal_forms: dict[str, tuple[int, str]] = {}  # what signals_ci holds
        for signal, key in catalog.signals.items():
            auto = self.signals_ci if signal == signal.lower() else self.signals_cs
            auto.add_word(signal if auto is self.signals_cs else signal.lower(), (len(signal), key))
            if auto is self.signals_ci:
                signal_forms[signal.lower()] = (len(signal), key)
        for auto in (self.signals_ci, self.signals_cs):
            if len(auto):
                auto.make_automaton()
        # The dispute words, the triggers and the reporting verbs are found in the lower-cased
        # text by the pass that finds the catalog's case-blind names (one pass, not four).
        reporting, keywords = self.events.reporting_places, dates.KEYWORD_PLACES
        shared = {"signals": signal_forms, "triggers": self.events.triggers.forms,
                  **({"reporting": reporting.forms} if reporting.usable else {}),
                  **({"keywords": keywords.forms} if keywords is not None and keywords.usable else {})}
        self.entities = EntityFinder(catalog, shared)
        self.events.triggers.shared = functools.partial(self.entities.shared_hits, part="triggers")
        if "reporting" in shared:
            reporting.shared = functools.partial(self.entities.shared_hits, part="reporting")
        if "keywords" in shared:  # (the time keywords' finder is the dates module's: any extractor's pass serves it)
            keywords.shared = functools.partial(self.entities.shared_hits, part="keywords")

    @property
    def event_scores(self) -> dict[str, dict]:
        return self.catalog.event_scores

    def configured(self, max_mb: float | None = None, progress: Progress | None = None) -> Extractor:
        """This extractor (sharing its catalog and automata) with another size limit or progress."""
        other = copy.copy(self)
        other.max_mb = self.max_mb if max_mb is None else max_mb
        other.progress = progress or self.progress
        return other

    def extract(self, article: Article) -> Extraction:
        text = article.text
        if len(text) > self.max_mb * 1e6:
            path, _, line = (article.origin or article.id).rpartition(":")
            if not (path and line.isdigit()):
                path, line = article.origin or article.id, ""
            raise InputError(path, f"has {len(text) / 1e6:.1f} MB of text, more than the {self.max_mb:g} MB "
                             "one article may have", "split it into several articles, or raise the limit with "
                             "--max-article-size", line=int(line) if line else None)
        long = self.progress is not None and len(text) >= PROGRESS_FROM
        told = self.progress if long else (lambda _a, _f: None)
        told(article, 0.0)
        mentions, entities = self.entities.find(text, article.published)
        told(article, 0.45)
        disputes = self.dispute_mentions(text)
        for d in disputes:
            entities.setdefault(d.entity, self.catalog.entities[d.entity])
        sents = list(sentences(text))
        times = find_times(text, article.published)
        told(article, 0.6)
        self.events.prepare(mentions, entities, text)
        if long:
            sents = ReportingSentences(sents, lambda done: told(article, 0.6 + 0.4 * done / max(len(text), 1)))
        title_found = self.entities.find(article.title, article.published) if article.title else ([], {})
        events = self.events.read(text, sents, mentions, entities, times, disputes, article.published,
                                  article.title, title_found)
        told(article, 1.0)
        return Extraction(article, entities, tuple(sorted(mentions + disputes, key=lambda m: m.start)), tuple(events))

    def dispute_mentions(self, text: str) -> list[Mention]:
        """Words that signal a dispute, longest first, one mention per stretch of text."""
        found = []
        for auto, haystack in ((self.signals_ci, lowered(text)), (self.signals_cs, text)):
            if not len(auto):
                continue
            hits = self.entities.shared_hits(text, "signals") if auto is self.signals_ci else None
            for end, (length, key) in auto.iter(haystack) if hits is None else hits:
                start = end - length + 1
                if at_word_boundary(text, start, end + 1) and key in self.catalog.entities:
                    found.append(Mention(key, start, end + 1, text[start:end + 1]))
        return longest_first(found)


class ReportingSentences(list):
    """An article's sentences that say how far through the text the reader is as it goes
    through them (about a hundred times in all); otherwise a plain list."""

    def __init__(self, items: list[Sentence], report: Callable[[int], None]):
        super().__init__(items)
        self.report = report

    def __iter__(self):
        step = max(1, len(self) // 100)
        for i, s in enumerate(super().__iter__()):
            if i % step == 0:
                self.report(s.start)
            yield s


@functools.lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The extractor over the project's catalog (cached for the process).

    The catalog and its automata are a few hundred thousand objects that live as long as the
    process; once built they are moved out of the garbage collector's sight (``gc.freeze``),
    or every full collection, several an article, would walk them all again: extraction about
    a fifth faster per core."""
    extractor = Extractor(load_catalog())
    gc.collect()
    gc.freeze()
    return extractor
