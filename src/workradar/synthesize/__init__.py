"""synthesize stage: a corpus of cards → trends, emergence, consensus, the
occupation lens, topic pages and periodic reviews.

Entry points (each reads the store; `synthesize` also writes trends to it):

- `synthesize(store, settings.synthesis, embedder)` — build or update trends;
- `trend_items(store, corpus, trends)` — member items per trend;
- `occupation_lens(corpus.cards, store.trends())`;
- `topic_page(store, corpus, store.trends(), embedder, query)`;
- `build_review(parse_period("2025"), corpus, trends, members, settings.synthesis)`.

Definitions of every class and figure: docs/synthesis.md.
"""

from __future__ import annotations

from workradar.models import Trend
from workradar.store import Store
from workradar.synthesize.cluster import ClusterParams, ClusterResult, cluster
from workradar.synthesize.engine import Corpus, SynthesisReport, load_corpus, synthesize
from workradar.synthesize.items import CorpusItem
from workradar.synthesize.lens import OccupationGroup, occupation_lens
from workradar.synthesize.periods import Period, parse_period, period_of
from workradar.synthesize.review import Review, build_review
from workradar.synthesize.topic import TopicPage, topic_page


def trend_items(store: Store, corpus: Corpus, trends: list[Trend]) -> dict[str, list[CorpusItem]]:
    """The member items of each trend, from the stored membership."""
    out: dict[str, list[CorpusItem]] = {}
    by_key = {item.key: item for items in corpus.items.values() for item in items}
    for trend in trends:
        out[trend.id] = [by_key[m.item_key] for m in store.trend_members(trend.id) if m.item_key in by_key]
    return out


__all__ = [
    "ClusterParams",
    "ClusterResult",
    "Corpus",
    "CorpusItem",
    "OccupationGroup",
    "Period",
    "Review",
    "SynthesisReport",
    "TopicPage",
    "build_review",
    "cluster",
    "load_corpus",
    "occupation_lens",
    "parse_period",
    "period_of",
    "synthesize",
    "topic_page",
    "trend_items",
]
