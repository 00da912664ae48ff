"""Topic pages: everything the corpus says about a query or a theme.

A card belongs to the topic when one of its signals/concerns/technologies is
semantically close to the query (cosine ≥ `threshold` between the item's
stored vector and the query's embedding), when it is a member of a trend
whose centroid is that close, when the full-text search (`Store.search`)
finds it, or when the query names one of its themes. Cards rank by their best
item cosine plus `TREND_BONUS` × their best matching trend's cosine.
Trends are ranked by the cosine of their centroid to the query.
"""

from __future__ import annotations

import heapq
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from workradar.analyze.text.embedders import Embedder
from workradar.models import Trend
from workradar.store import Store
from workradar.synthesize.engine import Corpus, vectors_for
from workradar.synthesize.items import ITEM_KINDS

TOPIC_THRESHOLD = 0.25
"""Cosine between query and item text (or trend centroid); a short query scores
lower against a long item text than two items do against each other."""
_CHUNK = 8192
TREND_BONUS = 0.5


@dataclass(slots=True)
class TopicItem:
    card_id: str
    kind: str
    name: str
    description: str
    relevancy: int
    similarity: float


@dataclass(slots=True)
class TopicPage:
    query: str
    theme: str | None
    trends: list[Trend] = field(default_factory=list)  # closest first
    similarity: dict[str, float] = field(default_factory=dict)  # trend id -> cosine to the query
    items: dict[str, list[TopicItem]] = field(default_factory=dict)  # kind -> best first
    claims: list[dict[str, Any]] = field(default_factory=list)
    cards: list[dict[str, Any]] = field(default_factory=list)

    def trend_dict(self, trend: Trend) -> dict[str, Any]:
        return {
            "id": trend.id,
            "kind": trend.kind,
            "label": trend.label,
            "similarity": self.similarity[trend.id],
            "documents": trend.documents,
            "emergence": trend.emergence,
            "consensus": trend.consensus,
            "description": trend.description,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "theme": self.theme,
            "trends": [self.trend_dict(t) for t in self.trends],
            "items": {kind: [asdict(it) for it in items] for kind, items in self.items.items()},
            "claims": self.claims,
            "cards": self.cards,
        }


def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v, axis=-1, keepdims=True)
    return v / np.where(n == 0, 1.0, n)


def topic_page(
    store: Store,
    corpus: Corpus,
    trends: list[Trend],
    embedder: Embedder,
    query: str,
    *,
    limit: int = 10,
    threshold: float = TOPIC_THRESHOLD,
) -> TopicPage:
    themes = {t.casefold(): t for c in corpus.cards.values() for t in c.themes}
    theme = themes.get(query.strip().casefold())
    page = TopicPage(query=query, theme=theme)
    q = _unit(embedder.embed([query])[0].astype(np.float32))
    close = _close_trends(trends, q, threshold)
    page.trends = [t for _, t in close[:limit]]
    page.similarity = {t.id: round(s, 4) for s, t in close[:limit]}
    card_score: dict[str, float] = {}
    for kind in ITEM_KINDS:
        page.items[kind] = _close_items(store, corpus, embedder, q, kind, limit, threshold, card_score)
    _add_trend_cards(card_score, trends, {t.id: s for s, t in close}, corpus)
    _add_text_hits(card_score, store, query, limit, threshold, corpus)
    if theme is not None:
        for card in corpus.cards.values():
            if theme in card.themes:
                card_score.setdefault(card.id, threshold - 0.5)
    ranked = [cid for cid, _ in sorted(card_score.items(), key=lambda kv: (-kv[1], kv[0]))]
    page.cards = [_card_ref(corpus, cid, card_score[cid]) for cid in ranked[: limit * 2]]
    page.claims = _close_claims(corpus, embedder, q, ranked[: limit * 5], limit)
    return page


def _close_trends(trends: list[Trend], q: np.ndarray, threshold: float) -> list[tuple[float, Trend]]:
    """(cosine of centroid and query, trend) at or above `threshold`, closest first."""
    scored = [(float(_unit(np.frombuffer(t.centroid, dtype=np.float32)) @ q), t) for t in trends]
    scored.sort(key=lambda st: (-st[0], st[1].id))
    return [(s, t) for s, t in scored if s >= threshold]


def _close_items(
    store: Store,
    corpus: Corpus,
    embedder: Embedder,
    q: np.ndarray,
    kind: str,
    limit: int,
    threshold: float,
    card_score: dict[str, float],
) -> list[TopicItem]:
    """The `limit` items of one kind closest to the query, one per distinct text;
    raises each card's score to its best item's cosine on the way."""
    items = corpus.items.get(kind, [])
    best: list[tuple[float, int]] = []  # bounded heap of (similarity, position)
    for start in range(0, len(items), _CHUNK):
        chunk = items[start : start + _CHUNK]
        vectors, _ = vectors_for(store, embedder, [it.text for it in chunk])
        sims = vectors @ q
        for offset in np.flatnonzero(sims >= threshold):
            item = chunk[int(offset)]
            sim = float(sims[offset])
            card_score[item.card_id] = max(card_score.get(item.card_id, 0.0), sim)
            entry = (sim, -(start + int(offset)))
            if len(best) < limit * 3:  # room for duplicates dropped below
                heapq.heappush(best, entry)
            else:
                heapq.heappushpop(best, entry)
    shown: set[str] = set()
    found: list[TopicItem] = []
    for sim, neg in sorted(best, reverse=True):
        it = items[-neg]
        if it.text_key in shown or len(found) == limit:
            continue  # the same text from another document (syndication, templates)
        shown.add(it.text_key)
        found.append(TopicItem(it.card_id, kind, it.name, it.description, it.relevancy, round(sim, 4)))
    return found


def _add_trend_cards(
    card_score: dict[str, float], trends: list[Trend], close: dict[str, float], corpus: Corpus
) -> None:
    """A document inside a trend close to the query (`close`: trend id -> cosine)
    ranks above a lone document with a similar item: the corpus-level
    structure de-noises single matches."""
    for trend in trends:
        if trend.id in close:
            for cid in trend.cards:
                if cid in corpus.cards:
                    card_score[cid] = card_score.get(cid, 0.0) + TREND_BONUS * close[trend.id]


def _add_text_hits(
    card_score: dict[str, float], store: Store, query: str, limit: int, threshold: float, corpus: Corpus
) -> None:
    """Full-text hits rank below close semantic matches, in their own order."""
    for rank, hit in enumerate(store.search(query, limit=limit * 5, kind="cards")):
        if hit.document_id in corpus.cards:
            card_score[hit.document_id] = max(
                card_score.get(hit.document_id, 0.0), threshold - 0.001 * (rank + 1)
            )


def _card_ref(corpus: Corpus, cid: str, score: float) -> dict[str, Any]:
    card = corpus.cards[cid]
    return {
        "id": cid,
        "title": card.title,
        "link": card.link,
        "date": card.day.isoformat(),
        "source": card.source,
        "score": round(score, 4),
    }


def _close_claims(
    corpus: Corpus, embedder: Embedder, q: np.ndarray, card_ids: list[str], limit: int
) -> list[dict[str, Any]]:
    """The `limit` claims of these cards closest in meaning to the query."""
    claims = [(cid, c) for cid in card_ids for c in corpus.cards[cid].claims]
    if not claims:
        return []
    sims = embedder.embed([c.text for _, c in claims]) @ q
    order = sorted(range(len(claims)), key=lambda i: (-float(sims[i]), claims[i][0], i))[:limit]
    return [
        {
            "card_id": claims[i][0],
            "text": claims[i][1].text,
            "stance": claims[i][1].stance,
            "value": claims[i][1].value,
            "unit": claims[i][1].unit,
            "source": claims[i][1].source,
            "link": corpus.cards[claims[i][0]].link,
            "title": corpus.cards[claims[i][0]].title,
            "similarity": round(float(sims[i]), 4),
        }
        for i in order
    ]
