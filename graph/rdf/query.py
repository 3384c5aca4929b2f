"""SPARQL for users: named queries from ontology/queries, parameters, and result formats."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.errors import QueryError
from graph.rdf.bounded import DEFAULT_TIMEOUT, run_bounded
from graph.ontology_files import queries_dir
from graph.rdf.store import GraphStore
from graph.rdf.vocab import PREFIXES
from graph.tables import as_table

UPDATE_HINT = "this is a SPARQL update, which changes the store; pass --update if that is what you want"


@dataclass(frozen=True)
class NamedQuery:
    """A query file of ontology/queries with the comments at its head."""
    name: str
    path: Path
    title: str
    description: str
    params: tuple[str, ...]
    example: str

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def read_named(path: Path) -> NamedQuery:
    head = {"title": [], "description": [], "param": [], "example": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"#\s*(title|description|param|example)\s*:\s*(.*)", line)
        if m:
            head[m.group(1)].append(m.group(2).strip())
        elif line.strip() and not line.startswith("#"):
            break
    return NamedQuery(path.stem, path, " ".join(head["title"]), " ".join(head["description"]),
                      tuple(head["param"]), " ".join(head["example"]))


def named_queries() -> dict[str, NamedQuery]:
    folder = queries_dir()
    return {p.stem: read_named(p) for p in sorted(folder.glob("*.rq"))} if folder.is_dir() else {}


def resolve(text_or_name: str) -> str:
    """SPARQL text from a named query, a .rq file, or the text itself."""
    named = named_queries()
    if text_or_name in named:
        return named[text_or_name].text
    path = Path(text_or_name)
    if text_or_name.endswith(".rq") or (len(text_or_name) < 256 and "\n" not in text_or_name and path.is_file()):
        if not path.is_file():
            raise QueryError(f"{text_or_name}: no such query file; `uscn query --list` shows the named queries")
        return path.read_text(encoding="utf-8")
    if re.fullmatch(r"[\w-]+", text_or_name.strip()):
        raise QueryError(f"{text_or_name}: no named query of that name; `uscn query --list` shows them")
    return text_or_name


def param_term(value: str):
    """A parameter value as an RDF term: <iri>, prefix:name for a known prefix, else a string."""
    if value.startswith("<") and value.endswith(">"):
        return ox.NamedNode(value[1:-1])
    if re.match(r"https?://", value):
        return ox.NamedNode(value)
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and " " not in value:
        return ox.NamedNode(PREFIXES[prefix] + local)
    return ox.Literal(value)


def parses_as_update(sparql: str) -> bool:
    """True when the text is SPARQL Update by the grammar (rdflib's parser; nothing is run)."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseUpdate
    try:
        parseUpdate(sparql)
        return True
    except (ParseBaseException, ValueError, TypeError):
        return False


def run(store: GraphStore, sparql: str, params: dict[str, str] | None = None, *, allow_update: bool = False):
    """Run a query; returns solutions, triples or a boolean. Updates only when allowed.

    Oxigraph parses the text as a query first; when that fails the text is classified by
    parsing alone, so an update is never run (not even a LOAD's request sent) without leave.
    """
    subs = {ox.Variable(k): param_term(v) for k, v in (params or {}).items()}
    try:
        return store.query(sparql, subs)
    except SyntaxError as exc:
        query_error = exc
    except OSError as exc:
        raise QueryError(f"the query failed: {exc}") from None
    if not allow_update:
        if parses_as_update(sparql):
            raise QueryError(UPDATE_HINT)
        raise QueryError(f"the query does not parse: {query_error}")
    try:
        store.update(sparql)
    except SyntaxError:
        raise QueryError(f"the query does not parse: {query_error}") from None
    except OSError as exc:
        raise QueryError(f"the update failed: {exc}") from None
    return None


def cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns):
                return f"{prefix}:{term.value[len(ns):]}"
        return term.value
    return term.value


def rows(solutions) -> tuple[list[str], list[list[str]]]:
    names = [v.value for v in solutions.variables]
    return names, [[cell(sol[n]) for n in names] for sol in solutions]


# SELECT and ASK: the W3C SPARQL 1.1 result formats, as Oxigraph's server sends them.
RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                  "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
# CONSTRUCT and DESCRIBE: RDF syntaxes.
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                 "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}
FORMATS = ("table", *RESULT_FORMATS, *GRAPH_FORMATS)


def format_result(result, fmt: str) -> bytes:
    """The bytes to print for a result.

    ``table`` is for people at a terminal (IRIs compacted with the known prefixes; CONSTRUCT
    as Turtle with prefixes). ``json``, ``xml``, ``csv`` and ``tsv`` are the W3C SPARQL 1.1
    result formats, byte for byte what the SPARQL endpoint sends; ``turtle``, ``ntriples``,
    ``jsonld`` and ``rdfxml`` write the triples of a CONSTRUCT or DESCRIBE.
    """
    if result is None:
        return b"update applied\n"
    if isinstance(result, ox.QueryTriples):
        if fmt in RESULT_FORMATS:
            raise QueryError(f"a CONSTRUCT or DESCRIBE gives triples, which {fmt} cannot hold; "
                             f"use --format {', '.join(GRAPH_FORMATS)}")
        syntax = GRAPH_FORMATS.get(fmt, ox.RdfFormat.TURTLE)
        prefixes = PREFIXES if syntax in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        return ox.serialize(result, format=syntax, prefixes=prefixes)
    if fmt in GRAPH_FORMATS:
        raise QueryError(f"a SELECT or ASK gives rows, not triples; use --format table, {', '.join(RESULT_FORMATS)}")
    if fmt in RESULT_FORMATS:
        return result.serialize(format=RESULT_FORMATS[fmt])
    if isinstance(result, ox.QueryBoolean):
        return str(bool(result)).lower().encode() + b"\n"
    names, data = rows(result)
    return as_table(names, data).encode()


def answer(store_path: str, sparql: str, params: dict[str, str], fmt: str, allow_update: bool) -> bytes:
    """Open the store, run the query and format it: the job of one bounded child process."""
    from graph.rdf.remote import open_store
    store = open_store(store_path, read_only=not allow_update)
    try:
        return format_result(run(store, sparql, params, allow_update=allow_update), fmt)
    finally:
        store.close()


def answer_bounded(store_path, sparql: str, params: dict[str, str] | None = None, fmt: str = "table", *,
                   allow_update: bool = False, timeout: float | None = DEFAULT_TIMEOUT) -> bytes:
    """:func:`answer` in a child process stopped at ``timeout`` seconds or on Ctrl-C."""
    return run_bounded(answer, (str(store_path), sparql, dict(params or {}), fmt, allow_update), timeout)
