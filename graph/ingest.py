"""Ingest: loaders -> extract -> rdf -> store, one article at a time.

Articles stream through: each is read, extracted and written before the next is
read, so memory stays flat however many there are.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from graph.errors import InputError, InputWarning, UscnError
from graph.extract import Extractor, default_extractor
from graph.loaders import iter_articles
from graph.model import Article
from graph.ontology_files import turtle_files
from graph.rdf.store import GraphStore
from graph.model import Event
from graph.rdf.triples import entity_quads, extraction_quads, happening_key
from graph.rdf.articles import stored_article_graph
from graph.rdf.vocab import article_iri, entity_iri

ErrorHandler = Callable[[UscnError], None]


@dataclass
class IngestReport:
    """What one ingest run did."""
    articles: int = 0
    replaced: int = 0
    events: int = 0
    quads: int = 0
    failed: list[str] = field(default_factory=list)


def find_happening(store: GraphStore, ev: Event):
    """The stored happening this dated event is a report of, if another article reported it."""
    if ev.when is None:
        return None
    place = entity_iri(ev.place) if ev.place else None
    return store.find_happening(ev.kind, happening_key(ev), ev.when.start, ev.when.end, place)


def ingest(inputs: Iterable[str], store: GraphStore, on_error: ErrorHandler,
           extractor: Extractor | None = None,
           progress: Callable[[Article], None] | None = None) -> IngestReport:
    """Read every input into the store; bad inputs go to ``on_error`` and the rest carry on."""
    report = IngestReport()

    def failed(err: UscnError) -> None:
        if not isinstance(err, InputWarning):  # a warning: the article is still stored
            report.failed.append(str(err))
        on_error(err)

    return ingest_articles(iter_articles(list(inputs), failed), store, on_error, extractor, progress,
                           report=report)


def ingest_articles(articles: Iterable[Article], store: GraphStore, on_error: ErrorHandler,
                    extractor: Extractor | None = None,
                    progress: Callable[[Article], None] | None = None,
                    report: IngestReport | None = None) -> IngestReport:
    """Store Articles already read (by a loader, or by ``uscn watch`` from a feed); an article
    that cannot be extracted goes to ``on_error`` and the rest carry on."""
    extractor = extractor or default_extractor()
    store.ensure_ontology(turtle_files())
    report = report if report is not None else IngestReport()

    def failed(err: UscnError) -> None:
        report.failed.append(str(err))
        on_error(err)

    for article in articles:
        if progress:
            progress(article)
        try:
            extraction = extractor.extract(article)
            quads = extraction_quads(extraction, extractor.event_scores, known_label=store.event_label,
                                     find_happening=lambda ev, _: find_happening(store, ev))
        except UscnError as exc:
            failed(exc)
            continue
        except Exception as exc:  # a bug on one article must not stop the others
            failed(InputError(article.origin, f"could not be extracted ({type(exc).__name__}: {exc})",
                              "please report it with this article; the other articles were stored"))
            continue
        graph = article_iri(article.id)
        before = stored_article_graph(store, article.id)
        report.replaced += before is not None
        if before is not None and before != graph:
            store.remove_graph(before)  # written under the old naming: the new one replaces it
        store.add_entities(entity_quads(extraction, store.has_label))
        store.replace_graph(graph, quads)
        report.articles += 1
        report.events += len(extraction.events)
        report.quads += len(quads)
    store.flush()
    return report
