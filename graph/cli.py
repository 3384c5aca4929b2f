"""The `uscn` command line: a thin click layer over the library.

This is the only module that knows about click. Every uscn error becomes one
line on stderr and exit code 1.
"""
from __future__ import annotations

import functools
import json
import sqlite3
import sys
from pathlib import Path

import click

from graph.errors import UscnError, system_failure
from graph.rdf.store import GraphStore, default_store_path, STORE_ENV

DEFAULT_SEEDS = "seeds"


class StoreLocation(click.ParamType):
    """A store folder (a Path) or a SPARQL 1.1 endpoint URL (kept as the string given)."""
    name = "DIR|URL"

    def convert(self, value, param, ctx):
        from graph.rdf.remote import store_location
        return value if isinstance(value, Path) else store_location(value)


class Seconds(click.ParamType):
    """A number of seconds: a finite number from 0 (or just above, with ``zero=False``) to a week.

    NaN, infinities and figures past 24.8 days are refused with one line: the waits they reach
    (poll() on a query's process takes milliseconds in a C int, a socket, a sleep) fail on them
    with a traceback.
    """
    name = "SECONDS"
    most = 7 * 24 * 3600

    def __init__(self, zero: bool = True, no_limit: bool = False):
        self.zero, self.no_limit = zero, no_limit

    def convert(self, value, param, ctx):
        import math
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            seconds = math.nan
        if not (0 <= seconds <= self.most) or (seconds == 0 and not self.zero):
            low = "from 0" if self.zero else "above 0"
            self.fail(f"{value!r} is not a number of seconds {low} up to {self.most} (a week)"
                      + ("; 0 means no limit" if self.no_limit else ""), param, ctx)
        return seconds


def store_option(fn):
    """``--store DIR|URL`` on every command, falling back to $USCN_STORE, then the default path."""
    return click.option("--store", "store_path", type=StoreLocation(), envvar=STORE_ENV, show_envvar=True,
                        help="Folder of the on-disk store, or a SPARQL 1.1 endpoint URL such as "
                             "http://127.0.0.1:7878/query [default: $XDG_DATA_HOME/uscn/store].")(fn)


def output_format_option(*choices: str, default: str = "table"):
    """One shared ``--format`` option for commands that print rows."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                        help="How to print the result.")


def reports_errors(fn):
    """Turn a UscnError into one clear line and exit code 1."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except UscnError as exc:
            raise click.ClickException(str(exc)) from None
        except (OSError, sqlite3.OperationalError) as exc:    # a disk that fills up midway, ...
            given = kwargs.get("store_path") or kwargs.get("output") or kwargs.get("out_dir")
            line = system_failure(exc, str(given) if given else None)
            if line is None:
                raise
            raise click.ClickException(line) from None
    return wrapper


def open_store(path: Path | str | None, read_only: bool = False) -> GraphStore:
    """The store at a folder or on a SPARQL endpoint (graph/rdf/remote.py)."""
    from graph.rdf.remote import open_store as open_any
    return open_any(path, read_only=read_only)


def warn(message: str, kind: str = "error") -> None:
    click.echo(f"{kind}: {message}", err=True)


def warn_input(err: UscnError) -> None:
    """An input's error, or its warning when it was still read."""
    from graph.errors import InputWarning
    warn(str(err), "warning" if isinstance(err, InputWarning) else "error")


def write_bytes(data: bytes, output: str | None) -> None:
    if output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        from graph.outputs import written
        with written(output) as out:
            out.write(data)


class UscnGroup(click.Group):
    """The command group; Ctrl-C ends any command with the shell's code for it (130).

    click's own answer is "Aborted!" and exit code 1, which scripts cannot tell from a failure.
    """

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)


@click.group(cls=UscnGroup,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="uscn")
def main():
    """uscn: a knowledge graph of US–China relations from news articles and official statements.

    Load articles, query the graph with SPARQL, export it, analyse it and look at it.

    \b
    Example:
      uscn build seeds/ --output out     # ingest, export and render in one go
      uscn query timeline --param actorName "Antony Blinken" --store out/store
    """


# --- ingest ------------------------------------------------------------------
def run_ingest(inputs, store: GraphStore, workers: int | None = None, quiet: bool = False, batch: int | None = None,
               max_article_mb: float | None = None, dask: str | None = None) -> int:
    """Ingest with a progress line on stderr; returns how many inputs failed."""
    from graph.extract import default_extractor
    from graph.ingest import default_workers, ingest
    from graph.progress import Progress, count_articles
    from graph.rdf.stats import triple_count

    show = sys.stderr.isatty() and not quiet

    def reading(article, done):  # a long article read in this process says how far it has come
        if show:
            click.echo(f"\r{article.origin or article.id}: {done:4.0%} read " if done < 1 else "\r" + " " * 40 + "\r",
                       err=True, nl=False)

    progress = Progress(sys.stderr, count_articles(inputs) if show else None, enabled=not quiet)
    extractor = default_extractor().configured(max_article_mb, reading)
    from graph.loaders import html
    html.MAX_TEXT_MB = extractor.max_mb         # a page far over it is refused before it is parsed
    report = ingest(inputs, store, warn_input, extractor=extractor, progress=progress.step,
                    workers=workers or default_workers(), batch=batch, dask=dask)
    progress.close()
    click.echo(f"{report.articles} article(s) stored ({report.replaced} replaced), {report.events} event(s), "
               f"{triple_count(store)} triples in the store; {len(report.failed)} failed", err=True)
    return len(report.failed)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--workers", "-j", type=click.IntRange(min=1), help="Processes that extract [default: every core].")
@click.option("--quiet", "-q", is_flag=True, help="No progress line.")
@click.option("--batch", type=click.IntRange(min=1),
              help="Articles written at a time [default: 100 a transaction; a first ingest bulk-loads "
                   "up to 150,000 quads at a time].")
@click.option("--max-article-size", "max_article_mb", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Refuse an article of more text than this many MB (millions of characters) [default: 8].")
@click.option("--dask", metavar="SCHEDULER_ADDRESS",
              help="Extract on a Dask distributed cluster (pip install 'uscn[dask]'), e.g. tcp://10.0.0.5:8786.")
@store_option
@reports_errors
def ingest(inputs, workers, quiet, batch, max_article_mb, dask, store_path):
    """Read articles into the store, replacing any article read before.

    INPUTS are files (.txt, .jsonl, .json, .html, .xml/.rss/.atom), folders (read
    recursively) or - for standard input. A file or record that cannot be read is
    reported on one line and skipped; the others carry on, and the exit code is 1.

    \b
    Example:
      uscn ingest seeds/ ../shared/corpus/whitehouse.jsonl --store data/store
    """
    store = open_store(store_path)
    failed = run_ingest(inputs, store, workers, quiet, batch, max_article_mb, dask)
    store.close()
    if failed:
        sys.exit(1)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--every", default="15m", show_default=True, help="How often to poll each feed: 90s, 15m, 2h.")
@click.option("--once", is_flag=True, help="Poll every feed once, then stop.")
@click.option("--timeout", type=Seconds(zero=False), default=20.0, show_default=True, help="Seconds to wait for a server.")
@click.option("--delay", type=Seconds(), default=1.0, show_default=True, help="Least seconds between two requests to one host.")
@click.option("--retry-now", is_flag=True, help="Poll feeds that are backing off after failures now, not when due.")
@store_option
@reports_errors
def watch(sources, every, once, timeout, delay, retry_now, store_path):
    """Follow RSS/Atom feeds (URLs or files) and store each new entry, until Ctrl-C.

    Entries seen before are remembered in the store and never fetched again; an entry
    with only a summary is read from its page. A feed or page that fails is one line and
    the others go on; with --once the exit code is then 1. A feed that keeps failing is
    polled half as often after each failure, across runs (--retry-now to poll it anyway).
    Pages found in feeds are fetched only where the site's robots.txt allows uscn.
    Ctrl-C stops between articles.

    \b
    Example:
      uscn watch https://www.state.gov/feed/ feeds/mfa.xml --every 30m --store data
    """
    from graph.watch import parse_duration, watch as do_watch
    interval = parse_duration(every)
    store = open_store(store_path)
    report = do_watch(sources, store, every=interval, once=once, timeout=timeout, delay=delay, retry_now=retry_now,
                      on_error=lambda e: warn(str(e)), on_info=lambda s: click.echo(s, err=True))
    store.close()
    click.echo(f"{report.stored} article(s) stored; {report.failed} failed", err=True)
    if once and report.failed:
        sys.exit(1)


@main.command()
@click.argument("article_ids", nargs=-1, required=True)
@store_option
@reports_errors
def remove(article_ids, store_path):
    """Remove articles (by id) and everything read from them.

    \b
    Example:
      uscn remove 000_6ff26e526b4dd854
    """
    from graph.rdf.articles import stored_article_graph
    store = open_store(store_path)
    missing = [a for a in article_ids if not ((g := stored_article_graph(store, a)) and store.remove_graph(g))]
    store.close()
    for a in missing:
        warn(f"{a}: no such article in the store; `uscn articles` lists the ids it holds")
    click.echo(f"{len(article_ids) - len(missing)} article(s) removed", err=True)
    if missing:
        sys.exit(1)


@main.command()
@output_format_option("table", "csv", "json")
@store_option
@reports_errors
def articles(fmt, store_path):
    """List the stored articles: the ids `uscn remove` takes, and their titles.

    \b
    Example:
      uscn articles --format csv
    """
    from graph.rdf.articles import article_ids
    store = open_store(store_path, read_only=True)
    rows = [{"id": i, "title": t or ""} for i, t in article_ids(store)]
    store.close()
    print_rows(rows, fmt)


# --- export ------------------------------------------------------------------
@main.command()
@click.option("--format", "fmt", type=click.Choice(["turtle", "nquads", "trig", "ntriples", "jsonld",
                                                    "graphml", "gexf"]),
              default="turtle", show_default=True,
              help="turtle and ntriples: the union of all articles; trig, nquads and jsonld keep one graph "
                   "per article; graphml and gexf: the actor network (for Gephi, Cytoscape, yEd).")
@click.option("--output", "-o", default="-", show_default=True, help="File to write, or - for stdout.")
@click.option("--with-ontology", is_flag=True, help="Include the ontology and catalogs too.")
@click.option("--period", help="graphml/gexf: only events in this period: 2023, 2023-06 or 2023-03..2023-06.")
@click.option("--dispute", help="graphml/gexf: only events concerning this dispute.")
@store_option
@reports_errors
def export(fmt, output, with_ontology, period, dispute, store_path):
    """Write the graph as Turtle, N-Quads, TriG, N-Triples or JSON-LD, or the actor
    network as GraphML or GEXF.

    \b
    Examples:
      uscn export --format trig --output graph.trig
      uscn export --format gexf --period 2023 --dispute Taiwan --output actors.gexf
    """
    if fmt in ("graphml", "gexf"):
        return export_network(fmt, output, period, dispute, store_path)
    if period or dispute:
        raise click.UsageError("--period and --dispute go with --format graphml or gexf")
    from graph.rdf.export import export as do_export
    store = open_store(store_path, read_only=True)
    if output == "-":
        do_export(store, sys.stdout.buffer, fmt, with_ontology=with_ontology)
        sys.stdout.flush()
    else:
        from graph.outputs import written
        with written(output) as out:
            do_export(store, out, fmt, with_ontology=with_ontology)


def export_network(fmt, output, period, dispute, store_path):
    """The actor network through networkx's GraphML or GEXF writer."""
    import io
    from graph.views.network_export import network, write_network
    corpus, start, end = load_focus(store_path, period)
    buffer = io.BytesIO()
    write_network(network(corpus, dispute=dispute, start=start, end=end, period=period), buffer, fmt)
    write_bytes(buffer.getvalue(), output)


@main.command()
@click.option("--actor", help="Only happenings this actor takes part in (a country through its people).")
@click.option("--dispute", help="Only happenings concerning this dispute.")
@click.option("--period", help="Only happenings in this period: 2023, 2023-06 or 2023-03..2023-06.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "ics", "md"]), default="csv",
              show_default=True, help="csv for spreadsheets, json, ics for calendars, md for reports.")
@click.option("--output", "-o", default="-", show_default=True, help="File to write, or - for stdout.")
@store_option
@reports_errors
def timeline(actor, dispute, period, fmt, output, store_path):
    """Write the timeline, one row per happening: dates, type, label, parties, place,
    disputes, Goldstein score and every source with its title and URL.

    A calendar (ics) holds only dated happenings; how many were left out is said on stderr.

    \b
    Examples:
      uscn timeline --actor "Wang Yi" --period 2023 --format ics --output wang-yi.ics
      uscn timeline --dispute Taiwan --format md
    """
    from graph.views.timeline_export import timeline_rows, write_timeline
    corpus, start, end = load_focus(store_path, period)
    rows = timeline_rows(corpus, actor=actor, dispute=dispute, start=start, end=end)
    data, left_out = write_timeline(rows, fmt)
    write_bytes(data, output)
    click.echo(f"{len(rows) - left_out} happening(s) written"
               + (f"; {left_out} undated left out of the calendar" if left_out else ""), err=True)


def load_focus(store_path, period):
    """The corpus of the store and the period's bounds (None when open)."""
    from graph import analysis
    start, end = analysis.parse_period(period) if period else (None, None)
    store = open_store(store_path, read_only=True)
    corpus = analysis.load_corpus(store.ox)
    store.close()
    return corpus, start, end


# --- query -------------------------------------------------------------------
@main.command()
@click.argument("query", required=False)
@click.option("--param", "-p", "params", type=(str, str), multiple=True, metavar="NAME VALUE",
              help="Bind a query variable (?NAME) to VALUE: <iri>, prefix:name or a string.")
@output_format_option("table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "jsonld", "rdfxml")
@click.option("--update", "allow_update", is_flag=True, help="Allow a SPARQL update to change the store.")
@click.option("--timeout", type=Seconds(no_limit=True), default=30, show_default=True,
              help="Stop the query after this many seconds (0: no limit).")
@click.option("--list", "list_named", is_flag=True, help="List the named queries and their parameters.")
@click.option("--output", "-o", default="-", help="File to write, or - for stdout.")
@store_option
@reports_errors
def query(query, params, fmt, allow_update, timeout, list_named, output, store_path):
    """Run SPARQL: a named query, a .rq file, or the query text itself.

    The prefixes uscn, ent, rdf, rdfs, owl, skos, xsd, dcterms, prov, schema and geo
    are predeclared; the default graph is the union of all articles. SELECT and ASK
    print as a table (for reading) or in the W3C result formats csv, tsv, json and xml
    (what a SPARQL endpoint sends); CONSTRUCT and DESCRIBE as turtle, ntriples, jsonld
    or rdfxml. A query stops at --timeout; Ctrl-C stops it at once (exit code 130).

    \b
    Examples:
      uscn query --list
      uscn query timeline --param actorName "Antony Blinken"
      uscn query "SELECT ?e ?l WHERE { ?e a uscn:Meeting ; rdfs:label ?l }" --format csv
    """
    from graph.rdf import query as q
    if list_named:
        for nq in q.named_queries().values():
            click.echo(f"{nq.name}: {nq.title or nq.description}")
            for p in nq.params:
                click.echo(f"    --param {p}")
        return
    if not query:
        raise click.UsageError("give a query (text, a .rq file or a name), or --list")
    sparql = sys.stdin.read() if query == "-" else q.resolve(query)
    from graph.rdf.params import check_params
    twice = sorted({name for name, _ in params if sum(n == name for n, _ in params) > 1})
    if twice:
        raise click.UsageError(f"--param {twice[0]} is given more than once: give each parameter once")
    named = q.named_queries().get(query)
    check_params(sparql, dict(params), named.params if named else None)
    try:
        data = q.answer_bounded(store_path or default_store_path(), sparql, dict(params), fmt,
                                allow_update=allow_update, timeout=timeout)
    except KeyboardInterrupt:
        click.echo("error: the query was interrupted", err=True)
        sys.exit(130)
    write_bytes(data, output)


# --- serve -------------------------------------------------------------------
@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; loopback unless you mean to share it (then use a proxy with authentication).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--timeout", type=Seconds(no_limit=True), default=30, show_default=True,
              help="Stop a query after this many seconds (0: no limit).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Queries answered at the same time (one Oxigraph process each).")
@store_option
@reports_errors
def serve(host, port, timeout, workers, store_path):
    """Serve the store read-only over SPARQL 1.1, with the page and the named queries.

    / links the graph page (/graph), the named queries (/queries), a SPARQL editor
    (/editor/) and the endpoint (/sparql: GET or POST, results by the Accept header).
    The default graph is the union of all graphs; each article graph has its own name.

    \b
    Example:
      uscn serve --store data/store --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' http://127.0.0.1:7878/sparql
    """
    from graph.serve import ServeConfig, serve as run_server
    if isinstance(store_path, str):
        raise click.UsageError(f"{store_path} is a SPARQL endpoint already; serve a store folder (--store DIR)")
    config = ServeConfig(store=store_path or default_store_path(), host=host, port=port, timeout=timeout,
                         workers=workers)
    run_server(config, announce=lambda line: click.echo(line, err=True))


# --- stats -------------------------------------------------------------------
@main.command()
@output_format_option("table", "json")
@store_option
@reports_errors
def stats(fmt, store_path):
    """Count what the store holds: articles, entities and events by class, date range.

    \b
    Example:
      uscn stats --format json
    """
    from graph.rdf.stats import store_stats
    store = open_store(store_path, read_only=True)
    figures = store_stats(store)
    store.close()
    if fmt == "json":
        click.echo(json.dumps(figures, indent=2))
        return
    click.echo(f"articles      {figures['articles']}")
    click.echo(f"published     {figures['published_from'] or '-'} .. {figures['published_to'] or '-'}")
    click.echo(f"events dated  {figures['events_from'] or '-'} .. {figures['events_to'] or '-'}")
    click.echo(f"triples       {figures['triples']}")
    for cls, n in figures["classes"].items():
        click.echo(f"  {cls:<14}{n}")


# --- validate ----------------------------------------------------------------
@main.command()
@click.option("--shapes", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="SHACL shapes to use [default: ontology/shapes.ttl].")
@store_option
@reports_errors
def validate(shapes, store_path):
    """Check the graph against the SHACL shapes: exit 0 conforms, 1 does not (violations listed).

    \b
    Example:
      uscn validate --store out/store
    """
    from graph.rdf.validate import validate as do_validate
    store = open_store(store_path, read_only=True)
    conforms, lines = do_validate(store, shapes)
    store.close()
    for line in lines:
        click.echo(line)
    click.echo("conforms" if conforms else f"does not conform: {len(lines)} violation(s)", err=True)
    sys.exit(0 if conforms else 1)


# --- build -------------------------------------------------------------------
@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--output", "-o", "out_dir", type=click.Path(file_okay=False, path_type=Path), default="out",
              show_default=True, help="Folder for graph.ttl, graph.trig, index.html (and the store).")
@click.option("--store", "store_path", type=StoreLocation(), envvar=STORE_ENV,
              show_envvar=True, help="Folder of the on-disk store, or a SPARQL endpoint URL [default: OUTPUT/store].")
@reports_errors
def build(inputs, out_dir, store_path):
    """The main job: ingest INPUTS (default seeds/), then write the exports and the page.

    Writes OUTPUT/graph.ttl (the union of all articles), OUTPUT/graph.trig (one
    graph per article) and OUTPUT/index.html (the graph, timeline and trend view).

    \b
    Example:
      uscn build seeds/ --output out
    """
    from graph.outputs import make_folder, written
    from graph.rdf.export import export as do_export
    make_folder(out_dir)
    store = open_store(store_path or out_dir / "store")
    failed = run_ingest(inputs or (DEFAULT_SEEDS,), store)
    for name, fmt in (("graph.ttl", "turtle"), ("graph.trig", "trig")):
        with written(out_dir / name) as out:
            do_export(store, out, fmt)
        click.echo(f"wrote {out_dir / name}", err=True)
    page = render_into(store, out_dir / "index.html")
    if page:
        click.echo(f"wrote {page}", err=True)
    store.close()
    if failed:
        sys.exit(1)


def render_into(store: GraphStore, path: Path, **focus) -> Path:
    """Write the one-page view of the graph; returns its path."""
    from graph.views import render_page
    page = render_page(store.ox, path, **focus)
    if page["events"] == 0 and page["events_total"]:
        click.echo(f"note: no events in this selection ({page['events_total']} in the store); the page is empty",
                   err=True)
    return path


# --- analyze -----------------------------------------------------------------------------
def print_rows(rows: list[dict], fmt: str) -> None:
    from graph.tables import as_csv, as_table, rows_of_dicts
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, default=str))
        return
    names, data = rows_of_dicts(rows)
    if not rows and fmt == "table":
        click.echo("(0 rows)")           # no header of no columns
        return
    click.echo(as_csv(names, data) if fmt == "csv" else as_table(names, data), nl=False)


def analysis_options(fn):
    """Options every analysis command shares: the period, the output format, the store."""
    fn = click.option("--period", help="Only events in this period: 2023, 2023-06 or 2023-03..2023-06.")(fn)
    fn = output_format_option("table", "csv", "json")(fn)
    return store_option(fn)


def actor_graph(store_path, period):
    """The actor graph of the events in the period."""
    from graph import analysis
    return analysis.actor_graph(load_events(store_path, period)[1])


def load_events(store_path, period):
    from graph import analysis
    store = open_store(store_path, read_only=True)
    corpus = analysis.load_corpus(store.ox)
    store.close()
    start, end = analysis.parse_period(period) if period else (None, None)
    events = analysis.slice_events(corpus.events, start, end)
    if period and not events:
        from graph.analysis.period import empty_period_notice
        click.echo(empty_period_notice(period, corpus.events), err=True)
    return corpus, events


@main.group()
def analyze():
    """Figures about the relationships: centrality, communities, ego networks, paths, trends.

    Each command prints a table, CSV or JSON (--format) and takes --period.

    \b
    Example:
      uscn analyze centrality --period 2023
      uscn analyze trend "United States" China --format csv
    """


@analyze.command()
@analysis_options
@reports_errors
def centrality(period, fmt, store_path):
    """Actors ranked by degree, betweenness and PageRank in the actor graph.

    \b
    Example:
      uscn analyze centrality --format csv
    """
    from graph import analysis
    print_rows(analysis.centrality(actor_graph(store_path, period)), fmt)


@analyze.command()
@analysis_options
@reports_errors
def communities(period, fmt, store_path):
    """Groups of actors that deal mostly with each other (Louvain, fixed seed).

    \b
    Example:
      uscn analyze communities
    """
    from graph import analysis
    print_rows(analysis.communities(actor_graph(store_path, period)), fmt)


@analyze.command()
@click.argument("actor")
@click.option("--radius", default=1, show_default=True, help="How many steps out from the actor.")
@analysis_options
@reports_errors
def ego(actor, radius, period, fmt, store_path):
    """The actors an ACTOR deals with, and how (events, types, balance).

    \b
    Example:
      uscn analyze ego "Jake Sullivan" --radius 2
    """
    from graph import analysis
    print_rows(analysis.ego_rows(actor_graph(store_path, period), actor, radius), fmt)


@analyze.command()
@click.argument("source")
@click.argument("target")
@analysis_options
@reports_errors
def path(source, target, period, fmt, store_path):
    """The shortest chain of shared events from SOURCE to TARGET.

    \b
    Example:
      uscn analyze path "Antony Blinken" "Xi Jinping"
    """
    from graph import analysis
    print_rows(analysis.shortest_path(actor_graph(store_path, period), source, target), fmt)


@analyze.command()
@click.argument("actors", nargs=-1)
@click.option("--actors-only", is_flag=True, help="Count only the named actors' own events, not their countries'.")
@analysis_options
@reports_errors
def trend(actors, actors_only, period, fmt, store_path):
    """Events per month and the cooperation–conflict balance, overall or between one or two ACTORS.

    A country stands for its people and organizations unless --actors-only.

    \b
    Example:
      uscn analyze trend "United States" China --period 2023..2024
    """
    from graph import analysis
    if len(actors) > 2:
        raise click.UsageError("give at most two actors")
    _, events = load_events(store_path, period)
    a, b = (list(actors) + [None, None])[:2]
    print_rows(analysis.trend(events, a, b, by_country=not actors_only), fmt)


@analyze.command()
@analysis_options
@reports_errors
def relations(period, fmt, store_path):
    """Every pair of actors that share events: count, types, first and last date, balance.

    \b
    Example:
      uscn analyze relations --format csv --period 2023
    """
    from graph import analysis
    print_rows(analysis.edge_rows(actor_graph(store_path, period)), fmt)


@analyze.command()
@analysis_options
@reports_errors
def disputes(period, fmt, store_path):
    """Which actors are tied to which disputes, and how often.

    \b
    Example:
      uscn analyze disputes --period 2024
    """
    from graph import analysis
    _, events = load_events(store_path, period)
    print_rows(analysis.dispute_rows(analysis.actor_dispute_graph(events)), fmt)


@analyze.command()
@click.argument("happening", required=False)
@click.option("--actor", help="Only happenings this actor takes part in.")
@analysis_options
@reports_errors
def accounts(happening, actor, period, fmt, store_path):
    """Both sides' accounts: for each happening reported by more than one side (US
    government, PRC government, third party; see ontology/sides.ttl), the claims,
    accusations, denials, agreements and disputes each side's reports attach to it,
    with their evidence sentences.

    HAPPENING is an event IRI, the last part of it, or words of its label.

    \b
    Examples:
      uscn analyze accounts --actor "Wang Yi" --period 2024
      uscn analyze accounts "Blinken meets Wang Yi" --format json
    """
    from graph import analysis
    from graph.analysis.accounts import account_rows, accounts_text, happening_accounts
    start, end = analysis.parse_period(period) if period else (None, None)
    store = open_store(store_path, read_only=True)
    corpus = analysis.load_corpus(store.ox)
    found = happening_accounts(store.ox, corpus, happening=happening, actor=actor, start=start, end=end)
    store.close()
    if fmt == "table":
        click.echo(accounts_text(found), nl=False)
    else:
        print_rows(account_rows(found), fmt)


# --- render ------------------------------------------------------------------------------
@main.command()
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default="uscn.html",
              show_default=True, help="The HTML file to write.")
@click.option("--actor", help="Focus on one actor and those it deals with.")
@click.option("--dispute", help="Only events concerning this dispute.")
@click.option("--period", help="Only events in this period: 2023, 2023-06 or 2023-03..2023-06.")
@click.option("--max-nodes", default=300, show_default=True, help="Show at most this many actors (the most central).")
@store_option
@reports_errors
def render(output, actor, dispute, period, max_nodes, store_path):
    """Write one self-contained HTML page: the network, the timeline and the monthly balance.

    The page loads nothing from the network; open it in any browser.

    \b
    Example:
      uscn render --output china.html --actor "Wang Yi" --period 2023
    """
    from graph.analysis import parse_period
    start, end = parse_period(period) if period else (None, None)
    store = open_store(store_path, read_only=True)
    render_into(store, output, actor=actor, dispute=dispute, start=start, end=end, max_nodes=max_nodes)
    store.close()
    click.echo(f"wrote {output}", err=True)


if __name__ == "__main__":
    main()
