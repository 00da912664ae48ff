"""The static site: `workradar site build OUT`.

Every page links relatively (`../cards/x.html`), data for the client-side
filters and search is in `.js` files that assign globals (Chromium refuses
`fetch()` of local files, so JSON files would not load from file://), charts
are drawn by the site's own copy of plotly.js. The site therefore works opened
from disk and on any static host, and requests nothing from elsewhere.

Cards are streamed from the store once: each card's page and source-text page
are written as it passes, and only a small `CardSummary` is kept for the
listings, aggregate pages, filters, search index and charts.

`builder` runs the build; one module per page family writes its pages:
`cards` (card and source-text pages), `terms` (themes, keywords and the term
lists), `trends`, `topics`, `occupations`, `reviews`, `radar`, `timelines`
and `index` (the card index and its data files).
"""

from workradar.publish.site.builder import MANIFEST, BuildReport, SiteBuilder, build_site

__all__ = ["MANIFEST", "BuildReport", "SiteBuilder", "build_site"]
