"""Plotly figure specs: valid for plotly, labels escaped, radar geometry."""

from __future__ import annotations

import plotly.graph_objects as go

from workradar.publish.charts import RadarPoint, lines, radar_figure, stacked_bars, top_series


def _points() -> list[RadarPoint]:
    return [
        RadarPoint("a", "s1", "emerging", 1, "trends/a.html"),
        RadarPoint("b", "s1", "emerging", 9, "trends/b.html"),
        RadarPoint("<img src=x onerror=alert(1)>", "s2", "weak", 4, "trends/c.html", detail="<b>x</b>"),
        RadarPoint("ignored", "unknown sector", "weak", 1, "trends/d.html"),
    ]


def test_radar_is_a_valid_figure_with_points_inside_their_cells() -> None:
    spec = radar_figure(_points(), ["s1", "s2"], ["emerging", "weak"], "Radar <title>")
    go.Figure(spec)
    background, emerging, weak = spec["data"]
    assert background["type"] == "barpolar" and background["hoverinfo"] == "skip"
    assert len(emerging["r"]) == 2 and len(weak["r"]) == 1  # the point in an unknown sector is left out
    assert all(0 <= r < 1 for r in emerging["r"]) and all(1 <= r < 2 for r in weak["r"])
    assert all(0 <= t < 180 for t in emerging["theta"]) and all(180 <= t < 360 for t in weak["theta"])
    sizes = dict(zip(emerging["customdata"], emerging["marker"]["size"], strict=True))
    assert sizes["trends/b.html"] > sizes["trends/a.html"]  # more sources, bigger dot
    assert "<img" not in weak["hovertext"][0] and "&lt;img" in weak["hovertext"][0]
    assert "&lt;b&gt;x&lt;/b&gt;" in weak["hovertext"][0]
    assert spec["layout"]["title"]["text"] == "Radar &lt;title&gt;"
    assert spec["layout"]["polar"]["radialaxis"]["ticktext"] == ["emerging", "weak"]


def test_radar_is_deterministic() -> None:
    args = (_points(), ["s1", "s2"], ["emerging", "weak"], "t")
    assert radar_figure(*args) == radar_figure(*args)


def test_bars_and_lines_are_valid() -> None:
    periods = ["2025Q1", "2025Q2"]
    series = {"job_loss": [1, 2], "<script>": [0, 3]}
    for spec in (stacked_bars(periods, series, "t", "claims"), lines(periods, series, "t", "cards")):
        go.Figure(spec)
        assert [t["name"] for t in spec["data"]] == ["job_loss", "&lt;script&gt;"]
        assert spec["data"][1]["y"] == [0, 3]


def test_top_series_keeps_the_largest_and_sums_the_rest() -> None:
    counts = {"a": {"p1": 5}, "b": {"p1": 1, "p2": 1}, "c": {"p2": 1}, "other": {"p1": 3}}
    series = top_series(counts, ["p1", "p2"], keep=2)
    assert series == {"a": [5, 0], "other": [3, 0], "(rest)": [1, 2]}
