"""The timelines page: per quarter, cards per trend, theme and language,
claims by stance, and documents per type with the distinct sources; each
chart with a table of its numbers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from workradar.publish import charts
from workradar.publish.sitedata import UNDATED, CardSummary, period_label, quarters

if TYPE_CHECKING:
    from workradar.publish.site.builder import SiteBuilder

Counts = dict[str, dict[str, int]]  # series name -> period -> count


class Timeline(NamedTuple):
    id: str
    title: str
    what: str  # what the series count, for the figure's label
    spec: dict[str, Any]  # the plotly figure
    series: dict[str, list[int]]  # the table: series name -> count per period


def timelines_page(site: SiteBuilder, by_id: Mapping[str, CardSummary]) -> None:
    periods = quarters(site.summaries)
    figures = []
    if periods:
        dated = [s for s in site.summaries if s.quarter != UNDATED]
        timelines = [_trend_timeline(site, by_id, periods)] if site.trends.trends else []
        timelines += [
            _bars(
                "timeline-themes",
                "Themes over time",
                "cards per theme",
                _count((t, s.quarter) for s in dated for t in s.themes),
                periods,
                ("Cards per theme and quarter", "cards"),
            ),
            _bars(
                "timeline-claims",
                "Claims by stance",
                "claims per stance",
                _claims_per_stance(dated),
                periods,
                ("Quantitative claims by stance and quarter", "claims"),
            ),
            _bars(
                "timeline-languages",
                "Languages",
                "cards per language",
                _count((s.language, s.quarter) for s in dated),
                periods,
                ("Cards per language and quarter", "cards"),
            ),
            _sources_timeline(dated, periods),
        ]
        figures = [_figure(timeline, periods) for timeline in timelines]
    site.page(
        "timelines.html", "charts.html", heading="Timelines", figures=figures, empty="No dated cards yet."
    )


def _count(pairs: Iterable[tuple[str, str]]) -> Counts:
    """(series name, period) pairs counted per series and period."""
    table: Counts = defaultdict(lambda: defaultdict(int))
    for name, period in pairs:
        table[name][period] += 1
    return table


def _claims_per_stance(dated: list[CardSummary]) -> Counts:
    stances: Counts = defaultdict(lambda: defaultdict(int))
    for s in dated:
        for stance, n in s.stances.items():
            stances[stance][s.quarter] += n
    return stances


def _trend_timeline(site: SiteBuilder, by_id: Mapping[str, CardSummary], periods: list[str]) -> Timeline:
    """Cards per trend and quarter, the 8 largest trends as lines."""
    per = _count(
        (t.title, by_id[c].quarter)
        for t in site.trends.trends
        for c in site.trends.cards[t.id]
        if c in by_id and by_id[c].quarter != UNDATED
    )
    series = charts.top_series(per, periods, keep=8)
    spec = charts.lines(periods, series, "Cards per trend and quarter", "cards")
    return Timeline("timeline-trends", "Trend counts per period", "cards per trend (8 largest)", spec, series)


def _bars(
    fid: str, title: str, what: str, counts: Counts, periods: list[str], chart: tuple[str, str]
) -> Timeline:
    """The largest series of `counts` as stacked bars per quarter; `chart`: its title and y-axis title."""
    series = charts.top_series(counts, periods)
    return Timeline(fid, title, what, charts.stacked_bars(periods, series, *chart), series)


def _sources_timeline(dated: list[CardSummary], periods: list[str]) -> Timeline:
    """Documents per type as stacked bars, the distinct sources per quarter as a line over them."""
    sources_per: dict[str, set[str]] = defaultdict(set)
    for s in dated:
        sources_per[s.quarter].add(s.source)
    types = charts.top_series(_count((s.type, s.quarter) for s in dated), periods)
    spec = charts.stacked_bars(
        periods, types, "Documents per type and distinct sources per quarter", "documents"
    )
    distinct = [len(sources_per.get(p, ())) for p in periods]
    spec["data"].append(
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": "distinct sources",
            "x": periods,
            "y": distinct,
            "line": {"color": "#333333", "dash": "dot"},
        }
    )
    series = {**types, "distinct sources": distinct}
    return Timeline(
        "timeline-sources", "Sources over time", "documents per type, distinct sources", spec, series
    )


def _figure(timeline: Timeline, periods: list[str]) -> dict[str, Any]:
    """A timeline as the charts template shows it: the chart, a label for screen
    readers and the table of its numbers."""
    return {
        "id": timeline.id,
        "title": timeline.title,
        "label": f"{timeline.title}: {timeline.what} for each quarter from {period_label(periods[0])} "
        f"to {period_label(periods[-1])}. The table below has the numbers.",
        "spec": timeline.spec,
        "table": {
            "head": ["series", *map(period_label, periods)],
            "rows": [[name, *values] for name, values in timeline.series.items()],
        },
    }
