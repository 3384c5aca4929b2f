"""The monthly cooperation–conflict chart as inline SVG, drawn in Python.

No chart library and no script: the page shows it even with scripts off, and a
test can read it as text. Every text in it is escaped.
"""
from __future__ import annotations

import math
from html import escape

from graph.views.model import CONFLICT, COOPERATION, NEUTRAL

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _month_label(key: str, with_year: bool) -> str:
    name = _MONTHS[int(key[5:7]) - 1]
    return f"{name} {key[:4]}" if with_year else name


def _nice(v: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^k at or above ``v``."""
    if v <= 0:
        return 1.0
    exp = math.floor(math.log10(v))
    for m in (1, 2, 2.5, 5, 10):
        if m * 10 ** exp >= v - 1e-9:
            return m * 10 ** exp
    return 10 ** (exp + 1)


def balance_svg(rows: list[dict], *, width: int = 960, height: int = 300) -> str:
    """An SVG of the monthly balance: one bar per month for the mean Goldstein
    score of its events (green above 0, red below), and under it a strip of grey
    bars for the number of events. ``rows`` are :func:`graph.analysis.trend` rows.

    Returns an empty string when there are no rows.

    >>> svg = balance_svg([{"month": "2023-06", "events": 2, "goldstein_sum": 3.0,
    ...                     "goldstein_mean": 1.5, "cooperative": 2, "conflictual": 0}])
    >>> svg.startswith("<svg") and "Jun 2023" in svg
    True
    """
    if not rows:
        return ""
    n = len(rows)
    left, right, top = 52, 16, 16
    count_h, gap, axis_h = 56, 26, 34
    plot_h = height - top - count_h - gap - axis_h
    plot_w = width - left - right
    slot = plot_w / n
    bar_w = max(1.0, min(36.0, slot * 0.72))
    amp = _nice(max(1.0, max(abs(r["goldstein_mean"]) for r in rows)))
    max_count = max(1, max(r["events"] for r in rows))
    zero_y = top + plot_h / 2
    count_base = top + plot_h + gap + count_h

    def y_of(v: float) -> float:
        return zero_y - (v / amp) * (plot_h / 2)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="balance-chart" id="balance-chart" '
           f'viewBox="0 0 {width} {height}" width="100%" role="img" '
           f'aria-labelledby="balance-title balance-desc" preserveAspectRatio="xMidYMid meet">',
           '<title id="balance-title">Monthly cooperation–conflict balance</title>',
           f'<desc id="balance-desc">Mean Goldstein score of each month\'s events, '
           f'from {escape(rows[0]["month"])} to {escape(rows[-1]["month"])}, '
           f'with the number of events below.</desc>']
    # grid and y axis of the balance panel
    for v in (-amp, -amp / 2, 0, amp / 2, amp):
        y = y_of(v)
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
                   f'class="{"zero" if v == 0 else "grid"}"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">'
                   f'{"+" if v > 0 else ""}{v:g}</text>')
    out.append(f'<text x="{left + 4}" y="{top + 11}" class="axis-note">cooperation ↑</text>')
    out.append(f'<text x="{left + 4}" y="{top + plot_h - 3}" class="axis-note">conflict ↓</text>')
    # count panel axis
    out.append(f'<line x1="{left}" x2="{width - right}" y1="{count_base}" y2="{count_base}" '
               f'class="zero"/>')
    out.append(f'<text x="{left - 6}" y="{count_base - count_h + 8}" class="tick" '
               f'text-anchor="end">{max_count}</text>')
    out.append(f'<text x="{left - 6}" y="{count_base}" class="tick" text-anchor="end">0</text>')
    out.append(f'<text x="{left + 4}" y="{count_base - count_h + 8}" class="axis-note">'
               f'events per month</text>')

    step = max(1, math.ceil(n / 14))
    for i, r in enumerate(rows):
        cx = left + slot * (i + 0.5)
        x = cx - bar_w / 2
        mean = r["goldstein_mean"]
        tip = (f'{r["month"]}: {r["events"]} event{"s" if r["events"] != 1 else ""}'
               + (f', mean Goldstein {mean:+.2f} (sum {r["goldstein_sum"]:+.1f}), '
                  f'{r["cooperative"]} cooperative, {r["conflictual"]} conflictual'
                  if r["events"] else ""))
        out.append(f'<g class="month" data-month="{escape(r["month"])}"><title>{escape(tip)}</title>')
        # an invisible full-height target so the tooltip works on empty months too
        out.append(f'<rect x="{left + slot * i:.1f}" y="{top}" width="{slot:.1f}" '
                   f'height="{count_base - top}" class="hit"/>')
        if r["events"]:
            y0, y1 = sorted((y_of(0), y_of(mean)))
            color = COOPERATION if mean > 0 else CONFLICT if mean < 0 else NEUTRAL
            out.append(f'<rect x="{x:.1f}" y="{y0:.1f}" width="{bar_w:.1f}" '
                       f'height="{max(1.5, y1 - y0):.1f}" fill="{color}" class="bar"/>')
            ch = count_h * r["events"] / max_count
            out.append(f'<rect x="{x:.1f}" y="{count_base - ch:.1f}" width="{bar_w:.1f}" '
                       f'height="{ch:.1f}" class="count"/>')
        out.append("</g>")
        if i % step == 0:
            with_year = i == 0 or r["month"].endswith("-01") or step >= 12 or \
                rows[i - step]["month"][:4] != r["month"][:4]
            out.append(f'<text x="{cx:.1f}" y="{count_base + 18}" class="tick" text-anchor="middle">'
                       f'{escape(_month_label(r["month"], with_year))}</text>')
    out.append("</svg>")
    return "\n".join(out)
