"""The card index (index.html, with the newest cards in the page itself) and
the data files its filters and search read: every card's listing row and
the search index, as `.js` files that assign globals (Chromium refuses
`fetch()` of local files)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from workradar.publish.safe import script_json
from workradar.publish.sitedata import UNDATED, newest_first, period_label

if TYPE_CHECKING:
    from workradar.publish.site.builder import SiteBuilder

INDEX_PREVIEW = 50  # cards rendered into index.html itself (the rest come from the JS data)


def data_files(site: SiteBuilder) -> tuple[int, int]:
    """Write assets/cards-data.js and assets/search-index.js; their sizes in bytes."""
    theme_names = sorted({t for s in site.summaries for t in s.themes})
    theme_index = {t: i for i, t in enumerate(theme_names)}
    rank = {s.id: i for i, s in enumerate(newest_first(site.summaries))}  # 0 = newest
    rows = [
        [
            s.stem,
            s.display_title,
            s.day.isoformat() if s.day else "",
            s.language,
            s.type,
            s.collection,
            [theme_index[t] for t in s.themes],
            s.quarter,
            s.snippet,
            s.source,
            rank[s.id],
        ]
        for s in site.summaries
    ]
    cards_js = "window.WR_CARDS = " + script_json({"themes": theme_names, "cards": rows}) + ";\n"
    search_js = "window.WR_SEARCH = " + script_json(site.search.finish()) + ";\n"
    site.write_text("assets/cards-data.js", cards_js)
    site.write_text("assets/search-index.js", search_js)
    return len(cards_js.encode("utf-8")), len(search_js.encode("utf-8"))


def index_page(site: SiteBuilder) -> None:
    summaries = site.summaries
    ordered = newest_first(summaries)
    periods = sorted({s.year for s in summaries} | {s.quarter for s in summaries}, reverse=True)
    site.page(
        "index.html",
        "index.html",
        cards=ordered[:INDEX_PREVIEW],
        total=len(ordered),
        themes=sorted({t for s in summaries for t in s.themes}),
        languages=sorted(Counter(s.language for s in summaries).items()),
        collections=sorted(Counter(s.collection for s in summaries).items()),
        types=sorted(Counter(s.type for s in summaries).items()),
        periods=[(p, period_label(p)) for p in periods if p != UNDATED]
        + ([(UNDATED, UNDATED)] if UNDATED in periods else []),
        trends=len(site.trends.trends),
    )
