"""One self-contained HTML page: the network, the monthly balance and the timeline.

How the page is made, and where it leaves pyvis's own path
----------------------------------------------------------
* **pyvis makes the network data.** :func:`vis_network_data` fills a
  :class:`pyvis.network.Network` (physics solver, stabilisation, edge
  smoothing, drag behaviour) and takes its node and edge dicts and options from
  ``Network.get_network_data()``.
* **Nodes and edges are assigned to ``net.nodes`` / ``net.edges`` directly**,
  not through ``add_node``/``add_edge``: those scan every node on each call
  (10,000 nodes take about 18 s against 0.1 s).
* **Our own Jinja2 template, not ``Network.generate_html``.** pyvis's template
  links bootstrap and tom-select from CDNs even with ``cdn_resources="in_line"``
  (its issues #228, #229), renders with autoescape off, puts node ids raw into
  its select menu, and turns any tooltip containing "href" into ``innerHTML``.
  Here autoescape is on; vis-network's JS and CSS are read from the files pyvis
  ships (``pyvis/templates/lib/vis-*/``) and inlined; the data goes in as JSON
  in a ``<script type="application/json">`` block with ``<``, ``>``, ``&`` and
  U+2028/U+2029 escaped; tooltips are DOM nodes built with ``textContent`` by
  the page's own script, never HTML strings.
* **Offline and locked down.** A Content-Security-Policy allows only the two
  inline scripts by hash and no network fetch at all; after writing, the page is
  scanned and :class:`ViewError` raised if any script, stylesheet, font, image or
  frame would load from a URL (plain ``<a href>`` links to articles are fine;
  only http(s) URLs become links at all).
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from graph.analysis import load_corpus
from graph.analysis.accounts import accounts_view, happening_accounts
from graph.outputs import make_folder, written
from graph.views import ViewError
from graph.views.model import TOOLTIP_EVENTS, build_view_model
from graph.views.svg import balance_svg

_HERE = Path(__file__).resolve().parent


def _vis_dir() -> Path:
    """The newest vis-network folder pyvis ships."""
    lib = Path(str(resources.files("pyvis"))) / "templates" / "lib"
    found = sorted((p for p in lib.glob("vis-*") if (p / "vis-network.min.js").is_file()),
                   key=lambda p: [int(x) for x in re.findall(r"\d+", p.name)])
    if not found:
        raise ViewError(f"vis-network is missing from pyvis ({lib}); reinstall pyvis==0.3.2")
    return found[-1]


def script_json(data) -> str:
    """JSON that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc. so no text can close the
    element or open a comment, and U+2028/U+2029 are escaped for old parsers.

    >>> script_json({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# ------------------------------------------------------------------ offline check

_URL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//|^\s*(?:https?|ftp|wss?):", re.I)
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?:(?:https?|ftp):|//)|@import", re.I)
_RESOURCE_ATTRS = {"src", "srcset", "data", "poster", "background", "action", "formaction",
                   "manifest", "xlink:href", "ping", "codebase", "archive", "longdesc", "lowsrc",
                   "dynsrc", "imagesrcset"}
_NAVIGATION_TAGS = {"a", "area"}


class _ResourceScanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style and _CSS_URL.search(data):
            self.found.append(f"<style>: {_CSS_URL.search(data).group(0)}")

    def _check(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            name = name.lower()
            if name == "style" and _CSS_URL.search(value):
                self.found.append(f"<{tag} style>: {value[:80]}")
            elif name == "href" and tag not in _NAVIGATION_TAGS and _URL.search(value):
                self.found.append(f"<{tag} href>: {value[:80]}")
            elif name in _RESOURCE_ATTRS and any(_URL.search(part) for part in value.split(",")):
                self.found.append(f"<{tag} {name}>: {value[:80]}")
            elif (tag == "meta" and name == "content" and "url=" in value.lower()
                  and any(k.lower() == "http-equiv" for k, _ in attrs)):
                self.found.append(f"<meta refresh>: {value[:80]}")


def external_resources(html: str) -> list[str]:
    """Every place where ``html`` would load something from the network:
    a script, stylesheet, image, font, frame or CSS ``url()``/``@import`` with
    an absolute or protocol-relative URL. ``<a href>`` links are not counted.

    >>> external_resources('<a href="https://example.com">x</a><img src="data:,">')
    []
    >>> external_resources('<script src="https://cdn.example/vis.js"></script>')
    ['<script src>: https://cdn.example/vis.js']
    """
    scanner = _ResourceScanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found


def assert_offline(html: str) -> None:
    """Raise :class:`ViewError` when :func:`external_resources` finds anything."""
    found = external_resources(html)
    if found:
        raise ViewError("the page would load from the network: " + "; ".join(found[:5])
                        + "; this is a bug in graph/views, please report it")


# ------------------------------------------------------------------ pyvis and rendering

def vis_network_data(model: dict) -> dict:
    """vis-network nodes, edges and options for the view model, made with pyvis.

    Returns ``{"nodes": [...], "edges": [...], "options": {...}}`` where nodes
    and edges are plain vis dicts (id, label, shape, size, colour, and x/y when
    the layout was computed in advance) and options come from
    ``Network.get_network_data()``, with hover tooltips and fonts added.
    """
    n = len(model["nodes"])
    mode = model["layout"]["mode"]
    net = Network(height="100%", width="100%", directed=False, bgcolor="#ffffff",
                  font_color="#1f2933", cdn_resources="remote")
    net.force_atlas_2based(gravity=-60, central_gravity=0.012, spring_length=110,
                           spring_strength=0.06, damping=0.55, overlap=0.3)
    net.toggle_physics(mode != "precomputed")
    net.toggle_stabilization(mode != "precomputed")
    net.options.physics.stabilization.iterations = 150 if mode == "stabilise" else 600
    net.options.physics.stabilization.updateInterval = 25
    net.inherit_edge_colors(False)
    if n > 300 or mode != "physics":
        net.options.edges.smooth.enabled = False
    else:
        net.set_edge_smooth("continuous")
    net.toggle_hide_edges_on_drag(n > 300)
    # bypass add_node/add_edge (they scan every node per call): fill the lists directly
    net.nodes = [{
        "id": node["id"], "label": node["label"], "shape": node["shape"], "size": node["size"],
        "color": {"background": node["color"], "border": "#1f2933" if node["focus"] else "#ffffff",
                  "highlight": {"background": node["color"], "border": "#111111"},
                  "hover": {"background": node["color"], "border": "#111111"}},
        "borderWidth": 4 if node["focus"] else 1.5,
        **({"x": node["x"], "y": node["y"]} if "x" in node else {}),
    } for node in model["nodes"]]
    net.edges = [{
        "id": e["id"], "from": e["from"], "to": e["to"], "width": e["width"],
        "color": {"color": e["color"], "highlight": e["color"], "hover": e["color"], "opacity": 0.9},
    } for e in model["edges"]]
    net.node_ids = [node["id"] for node in net.nodes]
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    options = json.loads(options)
    options["interaction"].update({"hover": True, "tooltipDelay": 150, "multiselect": False,
                                   "navigationButtons": False, "keyboard": False})
    options["nodes"] = {"font": {"size": 14, "face": "system-ui, -apple-system, Segoe UI, sans-serif",
                                 "color": "#1f2933", "strokeWidth": 3, "strokeColor": "#ffffff"},
                        "scaling": {"label": {"enabled": False}}}
    options["edges"]["selectionWidth"] = 2
    options["edges"]["hoverWidth"] = 1.5
    options["layout"] = {"randomSeed": 7, "improvedLayout": n <= 150}
    return {"nodes": nodes, "edges": edges, "options": options}


def _script_data(model: dict) -> dict:
    """What the page's script needs, compactly: vis data plus events and info."""
    events = [{
        "i": it["index"], "d": it["date"], "e": it["end"], "dt": it["date_text"], "t": it["type"],
        "l": it["headline"], "g": it["goldstein"], "p": 1 if it["planned"] else 0,
        "n": it["node_ids"], "a": it["actor_ids"], "x": it["dispute_ids"],
        "s": [[s["title"], s["url"]] for s in it["sources"]], "tl": 1 if it["listed"] else 0,
    } for it in model["events"]]
    nodes = [{"id": n["id"], "label": n["label"], "cls": n["cls"], "kind": n["kind"],
              "pr": n["pagerank"], "deg": n["degree"], "count": n["count"], "com": n["community"],
              "a": n["actor"], "ev": n["events"]} for n in model["nodes"]]
    edges = [{"id": e["id"], "from": e["from"], "to": e["to"], "w": e["weight"], "b": e["balance"],
              "sum": e["goldstein_sum"], "first": e["first"], "last": e["last"],
              "types": [[t, c] for t, c in e["types"].items()], "ev": e["events"]}
             for e in model["edges"]]
    return {"vis": vis_network_data(model), "events": events, "nodes": nodes, "edges": edges,
            "layout": model["layout"]["mode"], "tooltipEvents": TOOLTIP_EVENTS,
            "dateMin": model["filters"]["date_min"], "dateMax": model["filters"]["date_max"]}


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(_HERE / "templates")),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _notices(model: dict) -> list[str]:
    lo, meta = model["left_out"], model["meta"]
    out = []
    if lo["nodes"]:
        out.append(f"The network shows the {len(model['nodes']):,} most central of "
                   f"{lo['nodes_total']:,} actors (by PageRank): {lo['nodes']:,} actors and "
                   f"{lo['edges']:,} of {lo['edges_total']:,} links are left out. Focus on an "
                   f"actor, a dispute or a shorter period to see them.")
    if lo["events"]:
        out.append(f"The timeline lists the {lo['events_total'] - lo['events']:,} most recent of "
                   f"{lo['events_total']:,} events: {lo['events']:,} older events are left out. "
                   f"Choose a shorter period to list them.")
    if meta["undated"]:
        out.append(f"{meta['undated']:,} event{'s have' if meta['undated'] != 1 else ' has'} no "
                   f"date: in the network and at the end of the timeline, not in the chart.")
    return out


def render_html(model: dict) -> str:
    """The page for a view model, as a string (see the module docstring)."""
    vis = _vis_dir()
    vis_js = (vis / "vis-network.min.js").read_text(encoding="utf-8")
    vis_css = (vis / "vis-network.css").read_text(encoding="utf-8")
    app_js = (_HERE / "static" / "app.js").read_text(encoding="utf-8")
    page_css = (_HERE / "static" / "page.css").read_text(encoding="utf-8")
    for name, text in (("vis-network.min.js", vis_js), ("app.js", app_js)):
        if re.search(r"</script|<!--", text, re.I):
            raise ViewError(f"{name} contains '</script' or '<!--' and cannot be inlined")
    for name, text in (("vis-network.css", vis_css), ("page.css", page_css)):
        if re.search(r"</style", text, re.I):
            raise ViewError(f"{name} contains '</style' and cannot be inlined")
    csp = ("default-src 'none'; script-src " + _csp_hash(vis_js) + " " + _csp_hash(app_js)
           + "; style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; "
             "media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; "
             "base-uri 'none'; form-action 'none'")
    template = _environment().get_template("page.html.j2")
    return template.render(
        m=model, meta=model["meta"], legend=model["legend"], filters=model["filters"],
        notices=_notices(model), csp=csp,
        chart=Markup(balance_svg(model["balance"])),
        data_json=Markup(script_json(_script_data(model))),
        vis_js=Markup(vis_js), app_js=Markup(app_js),
        vis_css=Markup(vis_css), page_css=Markup(page_css),
    )


def write_page(model: dict, output_path) -> Path:
    """Render ``model`` to ``output_path``: scanned with :func:`assert_offline`
    first, so a page that would reach the network is never written, then written
    whole (beside the target, then moved into place; into a device or named pipe as it is)."""
    path = Path(output_path)
    make_folder(path.parent)
    html = render_html(model)
    assert_offline(html)
    with written(path, "w") as out:     # one line if it cannot be written
        out.write(html)
    return path


def render_page(store, output_path, *, actor=None, dispute=None, start=None, end=None,
                max_nodes: int = 300, max_events: int = 2000) -> dict:
    """Write the page for the events in ``store`` to ``output_path``.

    Parameters
    ----------
    store : pyoxigraph.Store
        One named graph per article (``ontology/README.md``).
    output_path : str or Path
        The HTML file to write; its folder is created when missing.
    actor, dispute : str, optional
        Focus on one actor's events (a country includes its people and
        organizations) or on the events about one dispute; names as
        :func:`graph.analysis.resolve` reads them.
    start, end : date or str, optional
        Focus on a period: "2023", "2023-06" or "2023-06-17" (a year or month
        as ``end`` means its last day).
    max_nodes : int
        Show at most this many actors, the most central; the page says how many
        actors and links were left out.
    max_events : int
        List at most this many events in the timeline, the most recent.

    Returns
    -------
    dict
        ``path``, ``bytes``, ``events`` (in focus), ``events_total`` (in the
        store), ``nodes``, ``edges``, ``nodes_left_out``, ``edges_left_out``,
        ``timeline_events``, ``timeline_left_out``, ``months``, ``layout``
        ("physics", "stabilise" or "precomputed"), ``actor``, ``dispute``
        (labels or None), ``start``, ``end`` (ISO dates or None).

    Raises
    ------
    AnalysisError
        When a focus name matches nothing or several, or a date is malformed.
    ViewError
        When the page would load anything from the network.
    """
    corpus = load_corpus(store)
    accounts = accounts_view(happening_accounts(store, corpus))
    model = build_view_model(corpus, actor=actor, dispute=dispute, start=start, end=end,
                             max_nodes=max_nodes, max_events=max_events, accounts=accounts)
    path = write_page(model, output_path)
    meta, lo = model["meta"], model["left_out"]
    return {
        "path": str(path), "bytes": path.stat().st_size,
        "events": meta["events"], "events_total": meta["events_total"],
        "nodes": len(model["nodes"]), "edges": len(model["edges"]),
        "nodes_left_out": lo["nodes"], "edges_left_out": lo["edges"],
        "timeline_events": len(model["timeline"]), "timeline_left_out": lo["events"],
        "months": len(model["balance"]), "layout": model["layout"]["mode"],
        "actor": meta["focus"]["actor"]["label"] if meta["focus"]["actor"] else None,
        "dispute": meta["focus"]["dispute"]["label"] if meta["focus"]["dispute"] else None,
        "start": meta["period"]["start"], "end": meta["period"]["end"],
    }
