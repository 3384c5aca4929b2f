"""Checking ``--param NAME VALUE`` against the query before it runs.

Oxigraph's own answer to a name the query does not have is "does not contains
variable ?x in its SELECT projection", and a malformed date simply matches
nothing (0 rows, no word). Here a name the query does not take is refused with
the names it does take, and a value that a named query documents as
``YYYY-MM-DD`` must be a real date.
"""
from __future__ import annotations

import datetime as dt
import re

from graph.errors import QueryError

_VARIABLE = re.compile(r"[?$]([A-Za-z_][\w]*)")
_PARAM_DOC = re.compile(r"^\s*(\w+)\s*(?:[—–:-]+\s*(.*))?$")


def documented(param_lines) -> dict[str, str]:
    """NAME -> its description, from a named query's ``# param:`` lines."""
    found = {}
    for line in param_lines:
        m = _PARAM_DOC.match(line)
        if m:
            found[m.group(1)] = m.group(2) or ""
    return found


def query_variables(sparql: str) -> list[str]:
    """The variables a query text names (outside comments), in first-seen order."""
    text = "\n".join(re.sub(r"(^|\s)#.*$", "", line) for line in sparql.splitlines())
    return list(dict.fromkeys(_VARIABLE.findall(text)))


def check_params(sparql: str, params: dict[str, str], param_lines=None) -> None:
    """Raise QueryError for a parameter the query does not take or a date that is none.

    ``param_lines`` are a named query's documented parameters; without them
    (a query text or file) any variable the text names is a parameter.
    """
    docs = documented(param_lines or ())
    takes = list(docs) if docs else query_variables(sparql)
    for name, value in params.items():
        if name not in takes:
            listed = ", ".join(takes) if takes else "none"
            raise QueryError(f"--param {name}: the query takes no parameter of that name; "
                             f"it takes: {listed}")
        if "YYYY-MM-DD" in docs.get(name, ""):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise QueryError(f"--param {name}: {value!r} is not a date; write it as YYYY-MM-DD, "
                                 "e.g. 2023-06-14") from None
