"""The timeline as CSV, JSON, iCalendar or Markdown: one row per happening.

First the happenings in focus become plain rows (:func:`timeline_rows`), then
one writer per format lays the rows out; each format keeps everything a row
holds, so it can be read back to the same happenings:

* CSV, for spreadsheets: one line per happening; a cell with several values
  (parties, disputes, source titles and URLs) holds one value per line of the
  cell, and ``source_titles`` and ``source_urls`` line up.
* JSON: a list of rows, sources as objects.
* iCalendar (through the ``icalendar`` library), for calendars: one all-day
  VEVENT per *dated* happening (undated ones cannot be placed on a calendar
  and are left out; :func:`write_timeline` says how many); the type is the
  CATEGORIES, the place the LOCATION, the first source the URL, and the
  parties, disputes, score and sources are in the DESCRIPTION for people and
  in ``X-USCN-*`` properties for programs.
* Markdown, for reports: one section per happening, sources as links.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from graph.analysis import Corpus, EventRecord
from graph.views.model import date_text, focus_events, safe_url

FORMATS = ("csv", "json", "ics", "md")
CSV_COLUMNS = ("id", "start", "end", "type", "label", "parties", "place", "disputes",
               "goldstein", "source_titles", "source_urls")
PRODID = "-//uscn//timeline export//EN"


def _one_line(text: str | None) -> str:
    """A text on one line, so a newline can separate the values of a cell."""
    return " ".join((text or "").split())


def happening_row(ev: EventRecord) -> dict:
    """A happening as a plain row: dates as ISO text, names as labels."""
    return {
        "id": ev.iri,
        "start": ev.start.isoformat() if ev.start else None,
        "end": (ev.end or ev.start).isoformat() if ev.start else None,
        "type": ev.type,
        "label": _one_line(ev.label),
        "parties": [_one_line(p.label) for p in ev.parties],
        "place": _one_line(ev.place.label) if ev.place else None,
        "disputes": [_one_line(d.label) for d in ev.disputes],
        "goldstein": ev.goldstein,
        "sources": [{"title": _one_line(s.title) or None, "url": safe_url(s.url),
                     "publisher": _one_line(s.publisher) or None,
                     "published": s.published.isoformat() if s.published else None}
                    for s in ev.sources],
    }


def timeline_rows(corpus: Corpus, *, actor: str | None = None, dispute: str | None = None,
                  start=None, end=None) -> list[dict]:
    """The happenings in focus as rows, in date order (undated last).

    Raises
    ------
    AnalysisError
        When the actor or dispute name matches nothing (or several), or a date
        is malformed.
    """
    events, _, _ = focus_events(corpus, actor=actor, dispute=dispute, start=start, end=end)
    return [happening_row(ev) for ev in events]


# --------------------------------------------------------------------------- writers

def to_json(rows: list[dict]) -> str:
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow([
            r["id"], r["start"] or "", r["end"] or "", r["type"], r["label"],
            "\n".join(r["parties"]), r["place"] or "", "\n".join(r["disputes"]), r["goldstein"],
            "\n".join(s["title"] or "" for s in r["sources"]),
            "\n".join(s["url"] or "" for s in r["sources"]),
        ])
    return out.getvalue()


def _description(r: dict) -> str:
    lines = [f"{r['type']}: {r['label']}"]
    if r["parties"]:
        lines.append("Parties: " + "; ".join(r["parties"]))
    if r["disputes"]:
        lines.append("Disputes: " + "; ".join(r["disputes"]))
    lines.append(f"Goldstein score: {r['goldstein']:g}")
    lines.append("Sources:")
    lines += [f"- {s['title'] or '(untitled)'}" + (f" <{s['url']}>" if s["url"] else "")
              for s in r["sources"]]
    return "\n".join(lines)


def to_ics(rows: list[dict], now: dt.datetime | None = None) -> bytes:
    """The dated rows as an iCalendar file of all-day events."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "uscn timeline")
    stamp = now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    for r in rows:
        if not r["start"]:
            continue
        ev = icalendar.Event()
        ev.add("uid", r["id"])
        ev.add("dtstamp", stamp)
        ev.add("summary", r["label"])
        ev.add("dtstart", dt.date.fromisoformat(r["start"]))
        # DTEND of an all-day event is the day after the last day
        ev.add("dtend", dt.date.fromisoformat(r["end"]) + dt.timedelta(days=1))
        ev.add("categories", [r["type"]])
        if r["place"]:
            ev.add("location", r["place"])
        first_url = next((s["url"] for s in r["sources"] if s["url"]), None)
        if first_url:
            ev.add("url", first_url)
        ev.add("description", _description(r))
        ev.add("x-uscn-goldstein", f"{r['goldstein']:g}")
        for p in r["parties"]:
            ev.add("x-uscn-party", p)
        for d in r["disputes"]:
            ev.add("x-uscn-dispute", d)
        for s in r["sources"]:
            ev.add("x-uscn-source", s["title"] or "",
                   parameters={"X-URL": s["url"]} if s["url"] else None)
        cal.add_component(ev)
    return cal.to_ical()


_MD_SPECIAL = re.compile(r"([\\`*_\[\]()#<>|;!~])")


def md_escape(text: str) -> str:
    r"""Text that Markdown shows as it is (backslash before punctuation it would read).

    >>> md_escape("[draft] *export* controls; 301")
    '\\[draft\\] \\*export\\* controls\\; 301'
    """
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_url(url: str) -> str:
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


def to_markdown(rows: list[dict], title: str = "uscn timeline") -> str:
    """One section per happening: a heading with the date and label, then its facts."""
    out = [f"# {md_escape(title)}", "", f"{len(rows)} happening(s).", ""]
    for r in rows:
        when = (date_text(dt.date.fromisoformat(r["start"]), dt.date.fromisoformat(r["end"]))
                if r["start"] else "undated")
        out.append(f"## {md_escape(when)}: {md_escape(r['label'])}")
        out.append("")
        out.append(f"- **Dates:** {r['start']} .. {r['end']}" if r["start"] else "- **Dates:** undated")
        out.append(f"- **Type:** {md_escape(r['type'])}")
        out.append(f"- **Parties:** {'; '.join(md_escape(p) for p in r['parties'])}")
        out.append(f"- **Place:** {md_escape(r['place'] or '')}")
        out.append(f"- **Disputes:** {'; '.join(md_escape(d) for d in r['disputes'])}")
        out.append(f"- **Goldstein:** {r['goldstein']:g}")
        out.append(f"- **Id:** <{_md_url(r['id'])}>")
        out.append("- **Sources:**")
        for s in r["sources"]:
            name = md_escape(s["title"] or "(untitled)")
            item = f"[{name}](<{_md_url(s['url'])}>)" if s["url"] else name
            extra = ", ".join(md_escape(x) for x in (s["publisher"], s["published"]) if x)
            out.append(f"  - {item}" + (f" ({extra})" if extra else ""))
        out.append("")
    return "\n".join(line.rstrip() for line in out)


def write_timeline(rows: list[dict], fmt: str) -> tuple[bytes, int]:
    """The rows in one of :data:`FORMATS`, as bytes, and how many rows it left out
    (the undated ones in a calendar; none otherwise)."""
    if fmt == "json":
        return to_json(rows).encode("utf-8"), 0
    if fmt == "csv":
        return to_csv(rows).encode("utf-8"), 0
    if fmt == "md":
        return to_markdown(rows).encode("utf-8"), 0
    if fmt == "ics":
        return to_ics(rows), sum(1 for r in rows if not r["start"])
    raise ValueError(f"unknown timeline format {fmt!r}; use one of {', '.join(FORMATS)}")
