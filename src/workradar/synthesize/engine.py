"""Building and updating trends: corpus → item vectors → clusters → described,
stored trends.

`synthesize(store, settings, embedder)` is incremental by default:

- item texts are embedded only when the store has no vector for (model,
  text hash) — the `item_vectors` table — so a re-run embeds nothing and an
  added document embeds only its own items;
- items already assigned to a trend stay there; new items (and those left
  unclustered before) are assigned to the nearest stored centroid when the
  cosine reaches `leader_threshold`, the remainder is clustered on its own and
  may form new trends; items whose card disappeared or changed are removed
  from their trend's centroid;
- `rebuild=True` (or a different embedding model or clustering parameters)
  re-clusters everything from the stored vectors.

Trend statistics (counts per period, emergence, consensus, labels) are
recomputed from the member cards on every run: they are cheap and depend on
the period and on documents added since.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from workradar.analyze.text.embedders import Embedder
from workradar.config import SynthesisSettings
from workradar.models import Trend, TrendMember
from workradar.store import Store
from workradar.store.tables import utcnow
from workradar.synthesize.cluster import UNCLUSTERED, ClusterParams, assign, cluster
from workradar.synthesize.consensus import STANCE_VOTES, Consensus, DocumentVotes, assess, change_direction
from workradar.synthesize.emergence import classify, window_periods
from workradar.synthesize.items import ITEM_KINDS, CardInfo, CorpusItem, card_info, card_items
from workradar.synthesize.labels import class_term_counts, ctfidf_terms, label_from_terms
from workradar.synthesize.periods import check_granularity, period_of

log = logging.getLogger(__name__)

EMBED_BATCH = 256


@dataclass(slots=True)
class Corpus:
    """Compact view of every stored card and its items, per item kind."""

    cards: dict[str, CardInfo] = field(default_factory=dict)
    items: dict[str, list[CorpusItem]] = field(default_factory=dict)

    @property
    def latest(self) -> date | None:
        return max((c.day for c in self.cards.values()), default=None)


def load_corpus(store: Store, kinds: Sequence[str] = ITEM_KINDS) -> Corpus:
    corpus = Corpus(items={kind: [] for kind in kinds})
    for card, day in store.iter_dated_cards():
        corpus.cards[card.id] = card_info(card, day)
        for item in card_items(card, day, tuple(kinds)):
            corpus.items[item.kind].append(item)
    for items in corpus.items.values():
        items.sort(key=item_order)
    return corpus


def item_order(item: CorpusItem) -> tuple[date, str, int]:
    """The deterministic processing order: by date, then card id and index."""
    return (item.day, item.card_id, item.index)


def vectors_for(store: Store, embedder: Embedder, texts: Sequence[str]) -> tuple[np.ndarray, int]:
    """Unit vectors for `texts` (in order) and how many distinct texts had to be embedded."""
    from workradar.synthesize.items import text_key

    keys = [text_key(t) for t in texts]
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    stored = store.item_vectors(embedder.name, keys)
    missing: dict[str, str] = {}
    for i, key in enumerate(keys):
        blob = stored.get(key)
        if blob is not None and len(blob) == 4 * embedder.dim:
            out[i] = np.frombuffer(blob, dtype=np.float32)
        else:
            missing.setdefault(key, texts[i])
    if missing:
        order = list(missing)
        fresh: dict[str, np.ndarray] = {}
        for start in range(0, len(order), EMBED_BATCH):
            chunk = order[start : start + EMBED_BATCH]
            vectors = embedder.embed([missing[k] for k in chunk])
            fresh.update(zip(chunk, vectors, strict=True))
            store.save_item_vectors(
                embedder.name,
                {k: np.asarray(v, np.float32).tobytes() for k, v in zip(chunk, vectors, strict=True)},
                embedder.dim,
            )
        for i, key in enumerate(keys):
            if key in fresh:
                out[i] = fresh[key]
    return out, len(missing)


def trend_id(kind: str, seed: CorpusItem, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """Stable id from the kind and the trend's first item (and its text) in
    processing order; a counter is mixed in on the rare clash with `taken`."""
    salt = 0
    while True:
        material = f"{kind}|{seed.card_id}|{seed.index}|{seed.text_key}|{salt}"
        candidate = f"{kind[0]}{hashlib.blake2b(material.encode(), digest_size=6).hexdigest()}"
        if candidate not in taken:
            return candidate
        salt += 1


def _params(settings: SynthesisSettings) -> ClusterParams:
    return ClusterParams(
        leader_threshold=settings.leader_threshold,
        merge_distance=settings.merge_distance,
        min_size=settings.min_cluster_size,
    )


def _params_dict(settings: SynthesisSettings) -> dict[str, float]:
    return {
        "leader_threshold": settings.leader_threshold,
        "merge_distance": settings.merge_distance,
        "min_cluster_size": settings.min_cluster_size,
    }


@dataclass(slots=True)
class KindReport:
    kind: str
    mode: str  # rebuild | incremental
    items: int = 0
    embedded: int = 0  # distinct texts embedded in this run
    new_items: int = 0  # items not assigned before this run
    trends: int = 0
    new_trends: int = 0
    unclustered: int = 0
    seconds: float = 0.0


@dataclass(slots=True)
class SynthesisReport:
    granularity: str
    as_of: date | None
    kinds: dict[str, KindReport] = field(default_factory=dict)


@dataclass(slots=True)
class _Cluster:
    """A trend while it is being built: members and the running centroid."""

    id: str
    centroid_sum: np.ndarray  # float64 (d,)
    members: dict[tuple[str, str, int], float]  # item key -> similarity


def synthesize(
    store: Store,
    settings: SynthesisSettings,
    embedder: Embedder,
    *,
    rebuild: bool = False,
    granularity: str | None = None,
    kinds: Sequence[str] | None = None,
    as_of: date | None = None,
    corpus: Corpus | None = None,
) -> SynthesisReport:
    """Bring the stored trends up to date with the stored cards (see module doc)."""
    granularity = check_granularity(granularity or settings.period)
    kinds = tuple(kinds or settings.kinds)
    for kind in kinds:
        if kind not in ITEM_KINDS:
            raise ValueError(f"unknown item kind {kind!r}: use one of {', '.join(ITEM_KINDS)}")
    corpus = corpus or load_corpus(store, kinds)
    as_of = as_of or corpus.latest
    report = SynthesisReport(granularity, as_of)
    for kind in kinds:
        started = time.perf_counter()
        kind_report = _synthesize_kind(store, settings, embedder, corpus, kind, rebuild, granularity, as_of)
        kind_report.seconds = round(time.perf_counter() - started, 3)
        report.kinds[kind] = kind_report
    return report


def _synthesize_kind(
    store: Store,
    settings: SynthesisSettings,
    embedder: Embedder,
    corpus: Corpus,
    kind: str,
    rebuild: bool,
    granularity: str,
    as_of: date | None,
) -> KindReport:
    items = corpus.items.get(kind, [])
    by_key = {item.key: item for item in items}
    stored = store.trends(kind)
    reusable = (
        not rebuild
        and bool(stored)
        and all(t.model == embedder.name and t.data.get("params") == _params_dict(settings) for t in stored)
    )
    report = KindReport(kind, "incremental" if reusable else "rebuild", items=len(items))
    if reusable:
        clusters, pool = _carry_over(store, embedder, kind, stored, by_key, settings.min_cluster_size, report)
    else:
        clusters, pool = [], list(items)
        report.new_items = len(items)
    new_clusters = _cluster_pool(store, embedder, kind, pool, clusters, settings, report)
    report.new_trends = new_clusters
    trends, members = _describe_all(
        kind, clusters, by_key, corpus, settings, granularity, as_of, embedder.name
    )
    assigned = {key for c in clusters for key in c.members}
    members += [
        TrendMember(item.card_id, kind, item.index, None, item.text_key, 0.0)
        for item in items
        if item.key not in assigned
    ]
    store.replace_trends(kind, trends, members)
    report.trends = len(trends)
    report.unclustered = len(items) - len(assigned)
    return report


def _carry_over(
    store: Store,
    embedder: Embedder,
    kind: str,
    stored: list[Trend],
    by_key: dict[tuple[str, str, int], CorpusItem],
    min_size: int,
    report: KindReport,
) -> tuple[list[_Cluster], list[CorpusItem]]:
    """Stored trends minus stale members; and the items still to place."""
    clusters = {
        t.id: _Cluster(
            t.id,
            np.frombuffer(t.centroid, dtype=np.float32).astype(np.float64) * t.size,
            {},
        )
        for t in stored
    }
    stale_keys: dict[str, list[str]] = defaultdict(list)  # trend -> text keys to subtract
    seen: set[tuple[str, str, int]] = set()  # kept in their trend
    known: set[tuple[str, str, int]] = set()  # had a row with the same text
    for member in store.iter_trend_assignments(kind):
        key = (member.card_id, member.item_kind, member.item_index)
        item = by_key.get(key)
        current = item is not None and item.text_key == member.text_key
        if current:
            known.add(key)
        if member.trend_id is not None and member.trend_id in clusters:
            if current:
                clusters[member.trend_id].members[key] = member.similarity
                seen.add(key)
            else:
                stale_keys[member.trend_id].append(member.text_key)
        # An item unclustered before is not in `seen`: it is placed again below.
    if stale_keys:
        blobs = store.item_vectors(embedder.name, [k for keys in stale_keys.values() for k in keys])
        for tid, keys in stale_keys.items():
            for k in keys:
                if k in blobs:
                    clusters[tid].centroid_sum -= np.frombuffer(blobs[k], dtype=np.float32)
    kept: list[_Cluster] = []
    pool_keys = set(by_key) - seen
    for c in sorted(clusters.values(), key=lambda c: c.id):
        if len({key[0] for key in c.members}) >= min_size:
            kept.append(c)
        else:
            pool_keys.update(c.members)  # dissolved: its items are placed afresh
    report.new_items = len(by_key) - len(known)
    return kept, sorted((by_key[k] for k in pool_keys), key=item_order)


def _cluster_pool(
    store: Store,
    embedder: Embedder,
    kind: str,
    pool: list[CorpusItem],
    clusters: list[_Cluster],
    settings: SynthesisSettings,
    report: KindReport,
) -> int:
    """Place `pool` items: into existing clusters first, then new clusters among
    the rest. Mutates `clusters`; returns the number of new clusters."""
    if not pool:
        return 0
    vectors, report.embedded = vectors_for(store, embedder, [item.text for item in pool])
    rest = np.arange(len(pool))
    if clusters:
        counts = np.array([max(len(c.members), 1) for c in clusters], dtype=np.float64)
        means = (np.stack([c.centroid_sum for c in clusters]) / counts[:, None]).astype(np.float32)
        labels, sims = assign(vectors, means, settings.leader_threshold)
        for i in np.flatnonzero(labels != UNCLUSTERED):
            target = clusters[int(labels[i])]
            target.members[pool[i].key] = float(sims[i])
            target.centroid_sum += vectors[i]
        rest = np.flatnonzero(labels == UNCLUSTERED)
    if rest.size == 0:
        return 0
    sub = [pool[i] for i in rest]
    owners = np.unique([item.card_id for item in sub], return_inverse=True)[1]
    result = cluster(vectors[rest], owners, _params(settings))
    fresh: list[_Cluster] = []
    taken = {c.id for c in clusters}
    for label in range(result.k):
        idx = np.flatnonzero(result.labels == label)
        seed = sub[int(idx[0])]  # first in processing order
        new_id = trend_id(kind, seed, taken)
        taken.add(new_id)
        fresh.append(
            _Cluster(
                new_id,
                vectors[rest[idx]].astype(np.float64).sum(axis=0),
                {sub[int(i)].key: float(result.similarity[i]) for i in idx},
            )
        )
    clusters.extend(fresh)
    return len(fresh)


# -- describing trends ---------------------------------------------------------


def _describe_all(
    kind: str,
    clusters: list[_Cluster],
    by_key: dict[tuple[str, str, int], CorpusItem],
    corpus: Corpus,
    settings: SynthesisSettings,
    granularity: str,
    as_of: date | None,
    model: str,
) -> tuple[list[Trend], list[TrendMember]]:
    term_lists = ctfidf_terms(
        [class_term_counts((by_key[k].name, by_key[k].description) for k in c.members) for c in clusters],
        top=8,
    )
    trends: list[Trend] = []
    members: list[TrendMember] = []
    now = utcnow()
    for c, terms in zip(clusters, term_lists, strict=True):
        member_items = [by_key[k] for k in c.members]
        size = len(member_items)
        stats = describe(member_items, c.members, corpus.cards, settings, granularity, as_of)
        stats["terms"] = [t for t, _ in terms]
        stats["params"] = _params_dict(settings)
        central = stats["central"]
        trends.append(
            Trend(
                id=c.id,
                kind=kind,
                label=label_from_terms(terms) or central["name"],
                description=central["text"],
                size=size,
                period=granularity,
                model=model,
                centroid=(c.centroid_sum / size).astype(np.float32).tobytes(),
                updated_at=now,
                **described(stats),
            )
        )
        members += [
            TrendMember(item.card_id, kind, item.index, c.id, item.text_key, round(c.members[item.key], 6))
            for item in member_items
        ]
    return trends, members


def count_by_frequency(values: Iterable[str]) -> dict[str, int]:
    """How often each value occurs, the most frequent first (ties alphabetical)."""
    return dict(sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0])))


def described(stats: dict[str, Any]) -> dict[str, Any]:
    """The `Trend` fields that follow from a `describe` result, and the result itself as `data`."""
    return {
        "documents": stats["documents"],
        "sources": stats["sources"],
        "first_seen": date.fromisoformat(stats["first_seen"]),
        "last_seen": date.fromisoformat(stats["last_seen"]),
        "emergence": stats["emergence"]["label"],
        "velocity": stats["emergence"]["velocity"],
        "consensus": stats["consensus"]["label"],
        "data": stats,
    }


def describe(
    items: Sequence[CorpusItem],
    similarity: dict[tuple[str, str, int], float],
    cards: dict[str, CardInfo],
    settings: SynthesisSettings,
    granularity: str,
    as_of: date | None,
    *,
    window: int | None = None,
) -> dict[str, Any]:
    """Everything about one trend that follows from its member items' cards.
    `window`: emergence window in periods (default: from `settings.window_months`)."""
    doc_ids = sorted({item.card_id for item in items})
    docs = [cards[i] for i in doc_ids]
    days = [d.day for d in docs]
    per_period = dict(sorted(count_by_frequency(period_of(day, granularity).key for day in days).items()))
    sources = {d.source for d in docs}
    emergence = classify(
        per_period,
        sources=len(sources),
        first_seen=min(days),
        current=period_of(as_of or max(days), granularity),
        window=window or window_periods(settings.window_months, granularity),
        weak_max_sources=settings.weak_max_sources,
        growth=settings.growth,
        decline=settings.decline,
    )
    return {
        "documents": len(docs),
        "sources": len(sources),
        "first_seen": min(days).isoformat(),
        "last_seen": max(days).isoformat(),
        "periods": per_period,
        "themes": count_by_frequency(t for d in docs for t in set(d.themes)),
        "languages": count_by_frequency(d.language or "unknown" for d in docs),
        "source_counts": count_by_frequency(d.source for d in docs),
        "occupations": _occupation_effects(docs),
        "emergence": emergence.to_dict(),
        "consensus": _consensus(items, docs, settings).to_dict(),
        "central": _central(items, similarity),
        "cards": doc_ids,
    }


def _consensus(items: Sequence[CorpusItem], docs: list[CardInfo], settings: SynthesisSettings) -> Consensus:
    """How far the documents' sources agree: each document votes the direction
    of its member items' changes and the employment stance of its claims."""
    directions: Counter[str] = Counter()
    for item in items:
        directions[item.card_id] += change_direction(item.change)
    votes = [
        DocumentVotes(
            source=d.source,
            direction=directions[d.id],
            employment=sum(STANCE_VOTES.get(c.stance, 0) for c in d.claims),
        )
        for d in docs
    ]
    return assess(votes, min_sources=settings.consensus_min_sources, contested_below=settings.contested_below)


def _occupation_effects(docs: list[CardInfo]) -> dict[str, dict[str, int]]:
    """ISCO code -> effect -> documents reporting it."""
    occupations: dict[str, dict[str, int]] = {}
    for d in docs:
        for occ in sorted({(o.isco, o.effect) for o in d.occupations if o.isco}):
            entry = occupations.setdefault(occ[0], {})
            entry[occ[1]] = entry.get(occ[1], 0) + 1
    return dict(sorted(occupations.items()))


def _central(items: Sequence[CorpusItem], similarity: dict[tuple[str, str, int], float]) -> dict[str, Any]:
    """The item closest to the centroid (ties: the newest), which describes the trend."""
    central = max(items, key=lambda it: (similarity[it.key], -it.day.toordinal(), it.card_id, -it.index))
    return {"card_id": central.card_id, "index": central.index, "name": central.name, "text": central.text}
