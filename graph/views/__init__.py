"""Views: the analysis drawn as one self-contained, offline HTML page.

Two steps, so each can be tested on its own:

1. :func:`build_view_model` turns the analysis of a corpus into plain dicts
   (nodes, edges, timeline items, the monthly balance, the legend, what was
   left out);
2. :func:`render_html` / :func:`write_page` lay that dict out as HTML with the
   vis-network library inlined, and :func:`render_page` does both from a store.

This package reads the store only through :mod:`graph.analysis`.
"""
from __future__ import annotations

from graph.errors import UscnError


class ViewError(UscnError):
    """The page cannot be made as asked, e.g. it would load from the network."""


from graph.views.model import (  # noqa: E402
    balance_color, build_view_model, date_text, focus_events, safe_url,
)
from graph.views.svg import balance_svg  # noqa: E402
from graph.views.page import (  # noqa: E402
    assert_offline, external_resources, render_html, render_page, script_json, vis_network_data,
    write_page,
)

__all__ = [
    "ViewError", "build_view_model", "focus_events", "balance_color", "date_text", "safe_url",
    "balance_svg", "render_html", "render_page", "write_page", "assert_offline",
    "external_resources", "script_json", "vis_network_data",
]
