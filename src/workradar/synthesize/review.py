"""Periodic reviews (`2025`, `2025Q3`, `2025-08`): the period's trends with
document counts that link to the documents behind them, new vs continuing
trends, consensus vs contested, notable claims with sources, and themes.

Every number comes from the stored cards and trend membership:

- a card is *in* the period when its date (published, else fetched, else
  analysed) falls in it;
- a trend's count for the period is its member cards in the period;
- a trend is *new* when its first document falls in the period, else
  *continuing*; emergence compares the period with the one before (window 1);
- consensus is recomputed over the trend's documents in the period only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from workradar.config import SynthesisSettings
from workradar.models import Trend
from workradar.synthesize.engine import Corpus, count_by_frequency, describe, described
from workradar.synthesize.items import CardInfo, CorpusItem
from workradar.synthesize.periods import Period, parse_period

if TYPE_CHECKING:
    from workradar.synthesize.changes import Changes


@dataclass(slots=True)
class Review:
    """One period's review. Its trends are the stored trends counted over the
    period (see `trend_in_period`)."""

    period: str
    granularity: str
    start: str
    end: str
    documents: int
    sources: int
    languages: dict[str, int]
    trends: list[Trend] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    themes: list[dict[str, Any]] = field(default_factory=list)
    cards: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> title, link, date, source
    changes: Changes | None = None  # what changed in the period (`synthesize/changes.py`)

    def status(self, trend: Trend) -> str:
        """`new` when the trend's first document falls in the period, else `continuing`."""
        first = trend.first_seen
        return "new" if first is not None and first >= date.fromisoformat(self.start) else "continuing"

    def previous(self, trend: Trend) -> int:
        """The trend's documents in the period before this one."""
        return trend.periods.get(parse_period(self.period).shift(-1).key, 0)

    @property
    def new(self) -> list[Trend]:
        return [t for t in self.trends if self.status(t) == "new"]

    @property
    def continuing(self) -> list[Trend]:
        return [t for t in self.trends if self.status(t) == "continuing"]

    def trend_dict(self, trend: Trend) -> dict[str, Any]:
        """A trend as the review's JSON lists it: its figures for the period."""
        return {
            "id": trend.id,
            "kind": trend.kind,
            "label": trend.label,
            "description": trend.description,
            "documents": trend.documents,
            "sources": trend.sources,
            "previous": self.previous(trend),
            "status": self.status(trend),
            "emergence": trend.emergence,
            "velocity": trend.velocity,
            "consensus": trend.consensus,
            "agreement": trend.agreement,
            "cards": trend.cards,
        }

    def to_dict(self) -> dict[str, Any]:
        out = {f: getattr(self, f) for f in self.__dataclass_fields__}
        out["trends"] = [self.trend_dict(t) for t in self.trends]
        out["changes"] = self.changes.to_dict() if self.changes is not None else None
        return out


def build_review(
    period: Period,
    corpus: Corpus,
    trends: list[Trend],
    members: dict[str, list[CorpusItem]],
    settings: SynthesisSettings,
    *,
    top: int = 10,
    claims: int = 10,
) -> Review:
    """`members`: trend id -> its member items (from `Store.trend_members`)."""
    in_period = {cid: c for cid, c in corpus.cards.items() if period.contains(c.day)}
    review = Review(
        period=period.key,
        granularity=period.granularity,
        start=period.start.isoformat(),
        end=period.end.isoformat(),
        documents=len(in_period),
        sources=len({c.source for c in in_period.values()}),
        languages=count_by_frequency(c.language or "unknown" for c in in_period.values()),
    )
    found = [
        counted
        for trend in trends
        if (counted := trend_in_period(trend, members.get(trend.id, []), period, corpus, settings))
    ]
    found.sort(key=lambda t: (-t.documents, -t.sources, t.id))
    review.trends = found[:top]
    review.claims = notable_claims(in_period, claims)
    review.themes = _themes(in_period, review.trends)
    shown = {cid for t in review.trends for cid in t.cards} | {c["card_id"] for c in review.claims}
    review.cards = {cid: card_ref(corpus.cards[cid]) for cid in sorted(shown)}
    return review


def trend_in_period(
    trend: Trend, items: list[CorpusItem], period: Period, corpus: Corpus, settings: SynthesisSettings
) -> Trend | None:
    """The trend counted over `period` (None when none of its documents falls in it):
    documents, sources, consensus and member cards of the period; emergence,
    velocity, per-period counts and first sighting as they stood at the
    period's end (later documents do not count; emergence window 1)."""
    now_items = [it for it in items if period.contains(corpus.cards[it.card_id].day)]
    if not now_items:
        return None
    sims = {it.key: 0.0 for it in items}
    upto = [it for it in items if corpus.cards[it.card_id].day <= period.end]
    whole = describe(upto, sims, corpus.cards, settings, period.granularity, period.end, window=1)
    part = describe(now_items, sims, corpus.cards, settings, period.granularity, period.end)
    cards = sorted(part["cards"], key=lambda cid: (corpus.cards[cid].day, cid))
    as_it_stood = {key: whole[key] for key in ("first_seen", "last_seen", "periods", "emergence")}
    stats = {**part, **as_it_stood, "cards": cards}
    return replace(trend, size=len(now_items), period=period.granularity, **described(stats))


def card_ref(card: CardInfo) -> dict[str, str]:
    return {"title": card.title, "link": card.link, "date": card.day.isoformat(), "source": card.source}


def notable_claims(cards: dict[str, CardInfo], limit: int) -> list[dict[str, Any]]:
    """Claims with a figure, attributed ones first, then spread over documents (one per card first)."""
    candidates = []
    for card in cards.values():
        quoted: set[str] = set()
        for i, claim in enumerate(card.claims):
            if claim.value is None or claim.text in quoted:
                continue  # a sentence with several figures is listed once
            quoted.add(claim.text)
            candidates.append(((not claim.source, i, card.day, card.id), card, claim))
    candidates.sort(key=lambda x: x[0])
    return [
        {
            "card_id": card.id,
            "text": claim.text,
            "value": claim.value,
            "unit": claim.unit,
            "stance": claim.stance,
            "source": claim.source or card.source,
        }
        for _, card, claim in candidates[:limit]
    ]


def _themes(cards: dict[str, CardInfo], trends: list[Trend]) -> list[dict[str, Any]]:
    counts = count_by_frequency(t for c in cards.values() for t in set(c.themes))
    out = []
    for theme, n in counts.items():
        ranked = sorted(
            ((sum(1 for cid in t.cards if theme in cards[cid].themes), t) for t in trends),
            key=lambda x: (-x[0], x[1].id),
        )
        out.append(
            {
                "theme": theme,
                "documents": n,
                "trends": [{"id": t.id, "label": t.label, "documents": k} for k, t in ranked[:3] if k],
            }
        )
    return out
