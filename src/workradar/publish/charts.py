"""Plotly figure specifications (plain dicts) for the site's charts.

The browser draws them with the plotly.js that ships inside the `plotly`
Python package (copied into the site, no CDN). Figures are plain JSON: the
tests validate them with `plotly.graph_objects.Figure`, the build itself does
not pay for that validation.

Every text that can come from a document (trend labels, theme names) is
HTML-escaped here, because plotly renders a small HTML subset (<b>, <br>,
<a href>) in labels and hover text; escaped entities are shown as text.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# A colour-blind-safe qualitative palette (Okabe & Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
_FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 13}


def _esc(text: str) -> str:
    # Plotly turns &lt; &gt; &amp; back into characters when it draws text, but
    # shows &quot; literally; quotes are harmless once no tag can open.
    return html.escape(text, quote=False)


def _wrap(text: str, width: int = 18) -> str:
    """Escaped text with <br> between words so long sector labels fit."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(_esc(part) for part in lines)


def _layout(title: str, **extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "title": {"text": _esc(title), "x": 0, "xanchor": "left"},
        "font": _FONT,
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "margin": {"l": 50, "r": 20, "t": 60, "b": 50},
        "legend": {"orientation": "h", "y": -0.15},
        "hoverlabel": {"align": "left"},
    }
    layout.update(extra)
    return layout


@dataclass(frozen=True, slots=True)
class RadarPoint:
    label: str
    sector: str
    ring: str
    size: int  # number of sources (documents) behind the point
    url: str  # relative link of the point's page
    detail: str = ""  # extra hover line (plain text)


def radar_figure(
    points: Sequence[RadarPoint], sectors: Sequence[str], rings: Sequence[str], title: str
) -> dict[str, Any]:
    """Sectors (angle) × rings (radius, first ring innermost); dot area grows with sources.

    Points in the same sector and ring are spread over the cell
    deterministically (golden-ratio offsets), so the picture is stable
    between builds.
    """
    n_sectors = max(len(sectors), 1)
    width = 360.0 / n_sectors
    sector_index = {name: i for i, name in enumerate(sectors)}
    ring_index = {name: i for i, name in enumerate(rings)}
    cells: dict[tuple[int, int], list[RadarPoint]] = {}
    for point in points:
        if point.sector in sector_index and point.ring in ring_index:
            cells.setdefault((sector_index[point.sector], ring_index[point.ring]), []).append(point)
    traces = [_radar_grid(n_sectors, len(rings), width)]
    traces += [_ring_trace(cells, r_i, ring, n_sectors, width) for r_i, ring in enumerate(rings)]
    return {"data": traces, "layout": _radar_layout(title, sectors, rings, width)}


def _radar_grid(n_sectors: int, n_rings: int, width: float) -> dict[str, Any]:
    """Alternating shaded sectors as the background grid."""
    return {
        "type": "barpolar",
        "r": [n_rings] * n_sectors,
        "theta": [(i + 0.5) * width for i in range(n_sectors)],
        "width": [width] * n_sectors,
        "marker": {
            "color": [
                "rgba(120,120,120,0.10)" if i % 2 else "rgba(120,120,120,0.03)" for i in range(n_sectors)
            ],
            "line": {"color": "rgba(120,120,120,0.35)", "width": 1},
        },
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _ring_trace(
    cells: dict[tuple[int, int], list[RadarPoint]], r_i: int, ring: str, n_sectors: int, width: float
) -> dict[str, Any]:
    """The points of one ring, a colour per ring, spread over their cells."""
    rs: list[float] = []
    thetas: list[float] = []
    sizes: list[float] = []
    texts: list[str] = []
    urls: list[str] = []
    for s_i in range(n_sectors):
        members = sorted(cells.get((s_i, r_i), []), key=lambda p: (-p.size, p.label))
        for j, point in enumerate(members):
            along = (j + 0.5) / len(members)
            across = 0.2 + 0.6 * ((j * 0.6180339887) % 1.0)
            thetas.append(s_i * width + width * (0.08 + 0.84 * along))
            rs.append(r_i + across)
            sizes.append(min(8 + 5 * math.sqrt(max(point.size, 1)), 44))
            texts.append(_radar_hover(point, ring))
            urls.append(point.url)
    return {
        "type": "scatterpolar",
        "mode": "markers",
        "name": _esc(ring),
        "r": rs,
        "theta": thetas,
        "hovertext": texts,
        "hoverinfo": "text",
        "customdata": urls,
        "marker": {
            "size": sizes,
            "color": PALETTE[r_i % len(PALETTE)],
            "opacity": 0.85,
            "line": {"color": "#ffffff", "width": 1},
        },
    }


def _radar_hover(point: RadarPoint, ring: str) -> str:
    hover = f"<b>{_esc(point.label)}</b><br>{_esc(point.sector)} · {_esc(ring)}<br>{point.size} source(s)"
    if point.detail:
        hover += f"<br>{_esc(point.detail)}"
    return hover


def _radar_layout(title: str, sectors: Sequence[str], rings: Sequence[str], width: float) -> dict[str, Any]:
    """Sector names around the edge, ring names along the vertical radius."""
    return _layout(
        title,
        height=720,
        margin={"l": 90, "r": 90, "t": 80, "b": 80},
        polar={
            "bgcolor": "rgba(0,0,0,0)",
            "angularaxis": {
                "direction": "clockwise",
                "rotation": 90,
                "tickmode": "array",
                "tickvals": [(i + 0.5) * width for i in range(max(len(sectors), 1))],
                "ticktext": [_wrap(name) for name in sectors],
                "showgrid": False,
                "ticks": "",
            },
            "radialaxis": {
                "range": [0, len(rings)],
                "tickmode": "array",
                "tickvals": [i + 0.5 for i in range(len(rings))],
                "ticktext": [_esc(ring) for ring in rings],
                "showline": False,
                "angle": 90,
                "tickangle": 90,
                "gridcolor": "rgba(120,120,120,0.25)",
            },
        },
    )


def stacked_bars(
    periods: Sequence[str], series: Mapping[str, Sequence[int]], title: str, y_title: str
) -> dict[str, Any]:
    """One stacked bar per period, one colour per series (series in the given order)."""
    traces = [
        _series_trace(
            {"type": "bar"}, periods, name, values, {"marker": {"color": PALETTE[i % len(PALETTE)]}}
        )
        for i, (name, values) in enumerate(series.items())
    ]
    return {"data": traces, "layout": _period_layout(title, y_title, barmode="stack")}


def lines(
    periods: Sequence[str], series: Mapping[str, Sequence[int]], title: str, y_title: str
) -> dict[str, Any]:
    """One line per series over the periods."""
    kind = {"type": "scatter", "mode": "lines+markers"}
    traces = [
        _series_trace(kind, periods, name, values, {"line": {"color": PALETTE[i % len(PALETTE)]}})
        for i, (name, values) in enumerate(series.items())
    ]
    return {"data": traces, "layout": _period_layout(title, y_title)}


def _series_trace(
    kind: dict[str, str], periods: Sequence[str], name: str, values: Sequence[int], colour: dict[str, Any]
) -> dict[str, Any]:
    """One series as a trace of the given kind: its points, colour and hover text."""
    return {
        **kind,
        "name": _esc(name),
        "x": list(periods),
        "y": list(values),
        **colour,
        "hovertemplate": f"{_esc(name)}<br>%{{x}}: %{{y}}<extra></extra>",
    }


def _period_layout(title: str, y_title: str, **extra: Any) -> dict[str, Any]:
    """Periods along x as categories, whole counts up y."""
    return _layout(
        title,
        **extra,
        height=420,
        xaxis={"type": "category", "title": {"text": "period"}},
        yaxis={"title": {"text": _esc(y_title)}, "rangemode": "tozero", "tickformat": ",d"},
    )


def top_series(
    counts: Mapping[str, Mapping[str, int]], periods: Sequence[str], keep: int = 8
) -> dict[str, list[int]]:
    """Per-series counts over `periods`, the `keep` largest series kept and the rest summed as "(rest)"
    (not "other", which is a stance name)."""
    totals = sorted(counts, key=lambda name: (-sum(counts[name].values()), name))
    series = {name: [counts[name].get(p, 0) for p in periods] for name in totals[:keep]}
    rest = totals[keep:]
    if rest:
        series["(rest)"] = [sum(counts[name].get(p, 0) for name in rest) for p in periods]
    return series
