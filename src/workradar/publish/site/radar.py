"""The radar page: trends by theme and emergence class, and the most relevant
signals by theme and horizon, each with a table of the same points."""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING, Any, NamedTuple

from workradar.models import Card, Trend
from workradar.publish import charts
from workradar.publish.sitedata import NO_THEME, CardSummary

if TYPE_CHECKING:
    from workradar.publish.site.builder import SiteBuilder

RADAR_SIGNALS = 300  # most relevant signals drawn on the signal radar
HORIZON_RINGS = ("now", "near", "far")
# Inner ring = most established; unknown classes from synthesis are appended after these.
EMERGENCE_ORDER = ("established", "emerging", "weak", "declining", "insufficient evidence")


class SignalPoint(NamedTuple):
    """A signal on the signal radar; tuples order by relevancy first."""

    relevancy: int
    card_id: str
    name: str
    theme: str  # the card's first theme
    horizon: str
    stem: str  # of the card's page


def keep_signals(kept: list[SignalPoint], card: Card, summary: CardSummary) -> None:
    """Keep the card's signals in `kept`, a heap of the `RADAR_SIGNALS` most relevant."""
    for s in card.signals:
        point = SignalPoint(
            s.relevancy, card.id, s.name, card.themes[0] if card.themes else NO_THEME, s.horizon, summary.stem
        )
        if len(kept) < RADAR_SIGNALS:
            heapq.heappush(kept, point)
        else:
            heapq.heappushpop(kept, point)


def radar_page(site: SiteBuilder) -> None:
    figures = []
    if site.trends.trends:
        figures.append(_trend_radar(site))
    signals = sorted(site.radar_signals, reverse=True)
    if signals:
        figures.append(_signal_radar(signals))
    site.page(
        "radar.html",
        "charts.html",
        heading="Radar",
        figures=figures,
        empty="No trends or signals to draw yet.",
    )


def _sectors(themes: set[str]) -> list[str]:
    """Radar sectors: the themes alphabetically, "(no theme)" last."""
    return sorted(themes, key=lambda s: (s == NO_THEME, s))


def _trend_radar(site: SiteBuilder) -> dict[str, Any]:
    trends = site.trends.trends
    theme = site.trends.themes
    stem = site.trends.stems
    sectors = _sectors({theme[t.id] for t in trends})
    # All four classes always: the radar keeps its shape from one build to the next.
    rings = list(EMERGENCE_ORDER) + sorted({t.emergence for t in trends} - set(EMERGENCE_ORDER))
    points = [
        charts.RadarPoint(
            label=t.title,
            sector=theme[t.id],
            ring=t.emergence,
            size=t.sources or t.documents,
            url=f"trends/{stem[t.id]}.html",
            detail=f"{t.kind}; consensus: {t.consensus}; velocity {t.velocity:+.2f}",
        )
        for t in trends
    ]

    def table_order(t: Trend) -> tuple[str, int, str]:
        ring = EMERGENCE_ORDER.index(t.emergence) if t.emergence in EMERGENCE_ORDER else 9
        return (theme[t.id], ring, t.title)

    return {
        "id": "radar-trends",
        "title": "Trend radar",
        "label": f"Trend radar: {len(points)} trends in {len(sectors)} theme sectors, rings by emergence class "
        f"({', '.join(rings)}), dot size by number of sources. The table below lists the same trends.",
        "spec": charts.radar_figure(points, sectors, rings, "Trends by theme and emergence"),
        "table": {
            "head": ["trend", "theme", "emergence", "sources", "consensus"],
            "rows": [
                [(t.title, f"trends/{stem[t.id]}.html"), theme[t.id], t.emergence, t.sources, t.consensus]
                for t in sorted(trends, key=table_order)
            ],
        },
    }


def _signal_radar(signals: list[SignalPoint]) -> dict[str, Any]:
    points = [
        charts.RadarPoint(
            label=p.name,
            sector=p.theme,
            ring=p.horizon,
            size=p.relevancy,
            url=f"cards/{p.stem}.html",
            detail=f"relevancy {p.relevancy}",
        )
        for p in signals
    ]
    return {
        "id": "radar-signals",
        "title": "Signal radar",
        "label": f"Signal radar: the {len(points)} most relevant signals, sectors by the card's first theme, "
        "rings by horizon (now, near, far), dot size by relevancy. The table below lists the same signals.",
        "spec": charts.radar_figure(
            points, _sectors({p.theme for p in signals}), list(HORIZON_RINGS), "Signals by theme and horizon"
        ),
        "table": {
            "head": ["signal", "theme", "horizon", "relevancy"],
            "rows": [[(p.name, f"cards/{p.stem}.html"), p.theme, p.horizon, p.relevancy] for p in signals],
        },
    }
