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
from workradar.store import Store, StoredTrend
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
    trends: list[dict[str, Any]] = field(default_factory=list)
    items: dict[str, list[TopicItem]] = field(default_factory=dict)  # kind -> best first
    claims: list[dict[str, Any]] = field(default_factory=list)
    cards: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v, axis=-1, keepdims=True)
    return v / np.where(n == 0, 1.0, n)


def topic_page(
    store: Store,
    corpus: Corpus,
    trends: list[StoredTrend],
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

    scored_trends = []
    for t in trends:
        centroid = _unit(np.frombuffer(t.centroid, dtype=np.float32))
        scored_trends.append((float(centroid @ q), t))
    scored_trends.sort(key=lambda st: (-st[0], st[1].id))
    page.trends = [
        {
            "id": t.id,
            "kind": t.kind,
            "label": t.label,
            "similarity": round(s, 4),
            "documents": t.documents,
            "emergence": t.emergence,
            "consensus": t.consensus,
            "description": t.description,
        }
        for s, t in scored_trends[:limit]
        if s >= threshold
    ]

    card_score: dict[str, float] = {}
    for kind in ITEM_KINDS:
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
        page.items[kind] = []
        for sim, neg in sorted(best, reverse=True):
            it = items[-neg]
            if it.text_key in shown or len(page.items[kind]) == limit:
                continue  # the same text from another document (syndication, templates)
            shown.add(it.text_key)
            page.items[kind].append(
                TopicItem(it.card_id, kind, it.name, it.description, it.relevancy, round(sim, 4))
            )
    # A document inside a trend close to the query ranks above a lone document
    # with a similar item: the corpus-level structure de-noises single matches.
    trend_sim = {t.id: s for s, t in scored_trends if s >= threshold}
    for t in trends:
        if t.id in trend_sim:
            for cid in t.data.get("cards", []):
                if cid in corpus.cards:
                    card_score[cid] = card_score.get(cid, 0.0) + TREND_BONUS * trend_sim[t.id]
    for rank, hit in enumerate(store.search(query, limit=limit * 5, kind="cards")):
        if hit.document_id in corpus.cards:
            # Text hits rank below close semantic matches, in their own order.
            card_score[hit.document_id] = max(
                card_score.get(hit.document_id, 0.0), threshold - 0.001 * (rank + 1)
            )
    if theme is not None:
        for card in corpus.cards.values():
            if theme in card.themes:
                card_score.setdefault(card.id, threshold - 0.5)
    ranked = sorted(card_score.items(), key=lambda kv: (-kv[1], kv[0]))
    page.cards = [
        {
            "id": cid,
            "title": corpus.cards[cid].title,
            "link": corpus.cards[cid].link,
            "date": corpus.cards[cid].day.isoformat(),
            "source": corpus.cards[cid].source,
            "score": round(score, 4),
        }
        for cid, score in ranked[: limit * 2]
    ]
    claims = [(cid, c) for cid, _ in ranked[: limit * 5] for c in corpus.cards[cid].claims]
    if claims:
        vectors = embedder.embed([c.text for _, c in claims])
        sims = vectors @ q
        order = sorted(range(len(claims)), key=lambda i: (-float(sims[i]), claims[i][0], i))[:limit]
        page.claims = [
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
    return page
