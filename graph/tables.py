"""Rows as text: a plain table or CSV, for query results and analysis figures alike."""
from __future__ import annotations

import csv
import io


def as_table(names: list[str], data: list[list[str]], width: int = 60) -> str:
    """A plain text table, cells cut to ``width`` characters."""
    cut = [[c if len(c) <= width else c[: width - 1] + "…" for c in r] for r in data]
    widths = [max([len(n)] + [len(r[i]) for r in cut]) for i, n in enumerate(names)]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in cut]
    return "\n".join(out) + f"\n({len(data)} row{'s' if len(data) != 1 else ''})\n"


def as_csv(names: list[str], data: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(data)
    return buf.getvalue()


def rows_of_dicts(rows: list[dict]) -> tuple[list[str], list[list[str]]]:
    """Column names (in first-seen order) and string cells from a list of dicts."""
    names: list[str] = []
    for row in rows:
        names.extend(k for k in row if k not in names)
    cell = lambda v: "" if v is None else (f"{v:.4g}" if isinstance(v, float) else str(v))
    return names, [[cell(row.get(n)) for n in names] for row in rows]
