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
from workradar.phenomena import PhenomenaLibrary, load_phenomena
from workradar.store import Store
from workradar.store.tables import utcnow
from workradar.synthesize.cluster import UNCLUSTERED, ClusterParams, assign, cluster
from workradar.synthesize.consensus import STANCE_VOTES, Consensus, DocumentVotes, assess, change_direction
from workradar.synthesize.emergence import auto_window, classify, window_periods
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
        """The newest dated card's day (any card's when none is dated)."""
        dated = [c.day for c in self.cards.values() if c.dated]
        return max(dated or (c.day for c in self.cards.values()), default=None)

    @property
    def first_dated(self) -> date | None:
        return min((c.day for c in self.cards.values() if c.dated), default=None)


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
    phenomenon: str = ""  # the library phenomenon whose trend this is


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
    library: PhenomenaLibrary | None = None,
) -> SynthesisReport:
    """Bring the stored trends up to date with the stored cards (see module doc).
    `library`: the phenomena library that names the phenomenon trends (the packaged one
    by default)."""
    granularity = check_granularity(granularity or settings.period)
    kinds = tuple(kinds or settings.kinds)
    for kind in kinds:
        if kind not in ITEM_KINDS:
            raise ValueError(f"unknown item kind {kind!r}: use one of {', '.join(ITEM_KINDS)}")
    corpus = corpus or load_corpus(store, kinds)
    as_of = as_of or settings.reference_date or corpus.latest
    report = SynthesisReport(granularity, as_of)
    for kind in kinds:
        started = time.perf_counter()
        kind_report = _synthesize_kind(
            store, settings, embedder, corpus, kind, rebuild, granularity, as_of, library
        )
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
    library: PhenomenaLibrary | None = None,
) -> KindReport:
    items = corpus.items.get(kind, [])
    by_key = {item.key: item for item in items}
    # Signals linked to a library phenomenon form that phenomenon's trend; the others are
    # clustered among themselves (candidate weak signals).
    linked = [item for item in items if item.phenomenon]
    unlinked = [item for item in items if not item.phenomenon]
    unlinked_by_key = {item.key: item for item in unlinked}
    stored = [t for t in store.trends(kind) if not t.data.get("phenomenon")]
    reusable = (
        not rebuild
        and bool(stored)
        and all(t.model == embedder.name and t.data.get("params") == _params_dict(settings) for t in stored)
    )
    report = KindReport(kind, "incremental" if reusable else "rebuild", items=len(items))
    if reusable:
        clusters, pool = _carry_over(
            store, embedder, kind, stored, unlinked_by_key, settings.min_cluster_size, report
        )
        report.new_items += len(linked)
    else:
        clusters, pool = [], list(unlinked)
        report.new_items = len(items)
    new_clusters = _cluster_pool(store, embedder, kind, pool, clusters, settings, report)
    report.new_trends = new_clusters
    phenomenon_clusters = _phenomenon_clusters(store, embedder, linked, report, settings.min_cluster_size)
    trends, members = _describe_all(
        kind,
        clusters + phenomenon_clusters,
        by_key,
        corpus,
        settings,
        granularity,
        as_of,
        embedder.name,
        library,
    )
    assigned = {key for c in clusters + phenomenon_clusters for key in c.members}
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


def phenomenon_trend_id(phenomenon: str) -> str:
    """The trend id of a library phenomenon: the same in every run and every store."""
    return "p" + hashlib.blake2b(phenomenon.encode(), digest_size=6).hexdigest()


def _phenomenon_clusters(
    store: Store, embedder: Embedder, linked: list[CorpusItem], report: KindReport, min_size: int
) -> list[_Cluster]:
    """One trend per library phenomenon that signals of at least `min_size` documents are
    linked to; its id is the phenomenon's, so it is the same in every run."""
    if not linked:
        return []
    vectors, embedded = vectors_for(store, embedder, [item.text for item in linked])
    report.embedded += embedded
    groups: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(linked):
        groups[item.phenomenon].append(i)
    groups = {p: ix for p, ix in groups.items() if len({linked[i].card_id for i in ix}) >= min_size}
    return [
        _Cluster(
            phenomenon_trend_id(phenomenon),
            vectors[indices].astype(np.float64).sum(axis=0),
            {linked[i].key: linked[i].phenomenon_score for i in indices},
            phenomenon,
        )
        for phenomenon, indices in sorted(groups.items())
    ]


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
    library: PhenomenaLibrary | None = None,
) -> tuple[list[Trend], list[TrendMember]]:
    term_lists = ctfidf_terms(
        [class_term_counts((by_key[k].name, by_key[k].description) for k in c.members) for c in clusters],
        top=8,
    )
    trends: list[Trend] = []
    members: list[TrendMember] = []
    now = utcnow()
    if library is None and any(c.phenomenon for c in clusters):
        library = load_phenomena()
    window = emergence_window(settings, corpus.first_dated, as_of, granularity)
    for c, terms in zip(clusters, term_lists, strict=True):
        member_items = [by_key[k] for k in c.members]
        size = len(member_items)
        stats = describe(member_items, c.members, corpus.cards, settings, granularity, as_of, window=window)
        stats["terms"] = [t for t, _ in terms]
        stats["params"] = _params_dict(settings)
        central = stats["central"]
        label = label_from_terms(terms) or central["name"]
        description = central["text"]
        if c.phenomenon:
            stats["phenomenon"] = c.phenomenon
            entry = library.get(c.phenomenon) if library is not None else None
            if entry is not None:
                label, description = entry.name, entry.description
        elif kind == "signals":
            stats["weak_signal"] = True  # matches no phenomenon of the library
        trends.append(
            Trend(
                id=c.id,
                kind=kind,
                label=label,
                description=description,
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
    `window`: emergence window in periods (default: `emergence_window` over `cards`).
    Emergence counts dated documents only; the other figures count every document."""
    doc_ids = sorted({item.card_id for item in items})
    docs = [cards[i] for i in doc_ids]
    days = [d.day for d in docs]
    dated = [d for d in docs if d.dated]
    dated_days = [d.day for d in dated]
    per_period = dict(
        sorted(count_by_frequency(period_of(day, granularity).key for day in dated_days).items())
    )
    sources = {d.source for d in docs}
    if window is None:
        first = min((c.day for c in cards.values() if c.dated), default=None)
        window = emergence_window(settings, first, as_of, granularity)
    emergence = classify(
        per_period,
        sources=len({d.source for d in dated}),
        first_seen=min(dated_days or days),
        current=period_of(as_of or max(dated_days or days), granularity),
        window=window,
        weak_max_sources=settings.weak_max_sources,
        growth=settings.growth,
        decline=settings.decline,
        min_documents=settings.min_documents,
        min_publishers=settings.min_publishers,
        undated=len(docs) - len(dated),
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


def emergence_window(
    settings: SynthesisSettings, first_dated: date | None, as_of: date | None, granularity: str
) -> int:
    """The emergence window in periods: `window_months` when set, else a quarter of the
    dated corpus span up to the reference date."""
    if settings.window_months is not None:
        return window_periods(settings.window_months, granularity)
    return auto_window(first_dated, as_of, granularity)


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
