"""SPARQL for users: named queries from ontology/queries, parameters, and result formats."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.errors import QueryError
from graph.ontology_files import queries_dir
from graph.rdf.store import GraphStore
from graph.rdf.vocab import PREFIXES
from graph.tables import as_csv, as_table

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


def is_update(sparql: str) -> bool:
    """True when the text parses as a SPARQL update rather than a query (tried on an empty store)."""
    try:
        ox.Store().update(sparql, prefixes=PREFIXES)
        return True
    except (SyntaxError, OSError, ValueError):
        return False


def run(store: GraphStore, sparql: str, params: dict[str, str] | None = None, *, allow_update: bool = False):
    """Run a query; returns solutions, triples or a boolean. Updates only when allowed."""
    subs = {ox.Variable(k): param_term(v) for k, v in (params or {}).items()}
    try:
        return store.query(sparql, subs)
    except SyntaxError as exc:
        if is_update(sparql):
            if not allow_update:
                raise QueryError(UPDATE_HINT) from None
            store.update(sparql)
            return None
        raise QueryError(f"the query does not parse: {exc}") from None
    except OSError as exc:
        raise QueryError(f"the query failed: {exc}") from None


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


def format_result(result, fmt: str) -> bytes:
    """Solutions as table, csv or W3C JSON; CONSTRUCT as Turtle; ASK as true/false."""
    if result is None:
        return b"update applied\n"
    if isinstance(result, ox.QueryBoolean):
        return (json.dumps({"head": {}, "boolean": bool(result)}) if fmt == "json" else str(bool(result)).lower()).encode() + b"\n"
    if isinstance(result, ox.QueryTriples):
        return ox.serialize(result, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    if fmt == "json":
        return result.serialize(format=ox.QueryResultsFormat.JSON) + b"\n"
    names, data = rows(result)
    return (as_csv(names, data) if fmt == "csv" else as_table(names, data)).encode()
