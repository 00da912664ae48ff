"""Occupation pages: one per ISCO-08 major and sub-major group of the
synthesis occupation lens (counts are documents), with the unit groups and
mentions behind it from the cards."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from workradar.publish.sitedata import CardSummary, OccupationMention, newest_first
from workradar.synthesize import OccupationGroup, occupation_lens

if TYPE_CHECKING:
    from workradar.publish.site.builder import SiteBuilder


def occupation_pages(site: SiteBuilder) -> None:
    groups = occupation_lens(site.corpus.cards, site.trends.trends)
    by_id = {s.id: s for s in site.summaries}
    mentions: list[OccupationMention] = [o for s in site.summaries for o in s.occupations if o.isco]
    rows = []
    for group in groups:
        site.page(
            f"occupations/isco-{group.code}.html",
            "occupation.html",
            group=group,
            units=_unit_rows(group, mentions, by_id),
            cards=newest_first(by_id[c] for c in group.cards if c in by_id),
            trend_links=[(t["label"], site.trends.stems.get(t["id"]), t["documents"]) for t in group.trends],
        )
        rows.append((group, f"isco-{group.code}.html"))
    site.page("occupations/index.html", "occupations.html", rows=rows)


def _unit_rows(
    group: OccupationGroup, mentions: list[OccupationMention], by_id: Mapping[str, CardSummary]
) -> list[dict[str, Any]]:
    """The group's ISCO codes as the cards name them, most mentioned first: their
    effects, the words used and the cards."""
    units: dict[tuple[str, str], list[OccupationMention]] = defaultdict(list)
    for o in mentions:
        if o.isco.startswith(group.code):
            units[(o.isco, o.isco_title)].append(o)
    return [
        {
            "code": code,
            "title": title,
            "effects": Counter(m.effect for m in ms).most_common(),
            "mentions": sorted({m.mention for m in ms}),
            "cards": newest_first({m.card_id: by_id[m.card_id] for m in ms}.values()),
        }
        for (code, title), ms in sorted(units.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
