"""Deterministic clustering of unit vectors with memory linear in n.

Method (see docs/synthesis.md for the measurements behind it):

1. **Leader pass** over the items in the caller's order (synthesis uses
   date, then item key): an item joins the most similar running centroid
   if their cosine is at least `leader_threshold`, else it starts a new
   centroid. Items are processed in mini-batches against the centroids
   known at the start of the batch (one B×k product per batch instead of n
   single-row products); the items of a batch that match nothing are then
   handled one by one against the centroids created within the batch, so
   the outcome depends only on the input order and batch size.
2. **Merge** of the k centroids by average-linkage agglomerative
   clustering on cosine distance, cut at `merge_distance` (scipy; a k×k
   condensed distance vector, k ≪ n). If k exceeds `max_merge`, only
   centroids with two or more items take part; singletons stay singletons.
3. **Size filter**: groups with fewer than `min_size` distinct owners
   (documents) are dropped.
4. **Reassignment**, one k-means-style pass: every item goes to its nearest
   kept centroid if the cosine is at least `leader_threshold`, else it is
   unclustered (label -1); this undoes order effects of the leader pass.
   Groups that fall below `min_size` are dropped once more.

No n×n matrix is ever built: memory is O(n·d + B·k + k²).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage

UNCLUSTERED = -1


@dataclass(frozen=True, slots=True)
class ClusterParams:
    leader_threshold: float = 0.5
    merge_distance: float = 0.45
    min_size: int = 2
    batch_size: int = 512
    max_merge: int = 20_000


@dataclass(slots=True)
class ClusterResult:
    labels: np.ndarray  # int32 (n,), UNCLUSTERED for none
    centroids: np.ndarray  # float32 (k, d), mean of member vectors (not normalised)
    similarity: np.ndarray  # float32 (n,), cosine to the own centroid (0 when unclustered)
    leaders: int  # centroids after the leader pass (k before merging), for diagnostics

    @property
    def k(self) -> int:
        return int(self.centroids.shape[0])


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: np.ndarray = (rows / norms).astype(np.float32, copy=False)
    return unit


def leader_pass(
    vectors: np.ndarray, threshold: float, batch_size: int = 512
) -> tuple[np.ndarray, np.ndarray]:
    """Labels (n,) and centroid sums (k, d) of the online leader clustering."""
    n, d = vectors.shape
    labels = np.empty(n, dtype=np.int32)
    capacity = 64
    sums = np.zeros((capacity, d), dtype=np.float64)
    unit = np.zeros((capacity, d), dtype=np.float32)
    k = 0
    for start in range(0, n, batch_size):
        batch = vectors[start : start + batch_size]
        matched = np.zeros(len(batch), dtype=bool)
        if k:
            sims = batch @ unit[:k].T
            best = sims.argmax(axis=1)
            matched = sims[np.arange(len(batch)), best] >= threshold
            labels[start : start + len(batch)][matched] = best[matched]
        first_new = k
        for row in np.flatnonzero(~matched):
            vec = batch[row]
            if k > first_new:
                local = unit[first_new:k] @ vec
                j = int(local.argmax())
                if local[j] >= threshold:
                    label = first_new + j
                    labels[start + row] = label
                    sums[label] += vec
                    unit[label] = _unit(sums[label : label + 1])[0]
                    continue
            if k == capacity:
                capacity *= 2
                sums = np.vstack([sums, np.zeros_like(sums)])
                unit = np.vstack([unit, np.zeros_like(unit)])
            labels[start + row] = k
            sums[k] = vec
            unit[k] = vec
            k += 1
        # Items matched against pre-batch centroids update them only now.
        idx = labels[start : start + len(batch)][matched]
        if idx.size:
            np.add.at(sums, idx, batch[matched])
            touched = np.unique(idx)
            unit[touched] = _unit(sums[touched])
    return labels, sums[:k]


def _merge(sums: np.ndarray, counts: np.ndarray, distance: float, max_merge: int) -> np.ndarray:
    """Group index per leader centroid after average-linkage merging."""
    k = sums.shape[0]
    groups = np.arange(k, dtype=np.int64)
    if k < 2:
        return groups
    candidates = np.arange(k) if k <= max_merge else np.flatnonzero(counts >= 2)
    if candidates.size < 2:
        return groups
    tree = linkage(_unit(sums[candidates]).astype(np.float64), method="average", metric="cosine")
    cut = fcluster(tree, t=distance, criterion="distance")
    groups[candidates] = k + cut  # offset keeps them apart from untouched singletons
    _, dense = np.unique(groups, return_inverse=True)
    return dense.astype(np.int64)


def _distinct_owners(labels: np.ndarray, owners: np.ndarray, k: int) -> np.ndarray:
    """Distinct owners (documents) per label 0..k-1."""
    mask = labels >= 0
    if not mask.any():
        return np.zeros(k, dtype=np.int64)
    pairs = np.unique(np.stack([labels[mask].astype(np.int64), owners[mask].astype(np.int64)]), axis=1)
    return np.bincount(pairs[0], minlength=k)


_ROWS = 8192  # rows per chunk where fancy indexing would copy the whole matrix


def _centroid_means(vectors: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    sums = np.zeros((k, vectors.shape[1]), dtype=np.float64)
    for start in range(0, vectors.shape[0], _ROWS):
        lab = labels[start : start + _ROWS]
        mask = lab >= 0
        np.add.at(sums, lab[mask], vectors[start : start + _ROWS][mask])
    counts = np.bincount(labels[labels >= 0], minlength=k).astype(np.float64)
    counts[counts == 0] = 1.0
    return (sums / counts[:, None]).astype(np.float32)


def _relabel_kept(labels: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Drop labels not in `keep` (bool per label) and renumber the rest densely, in order."""
    mapping = np.full(keep.size, UNCLUSTERED, dtype=np.int32)
    mapping[keep] = np.arange(int(keep.sum()), dtype=np.int32)
    out = np.full(labels.shape, UNCLUSTERED, dtype=np.int32)
    mask = labels >= 0
    out[mask] = mapping[labels[mask]]
    return out


def assign(
    vectors: np.ndarray, centroids: np.ndarray, threshold: float, batch_size: int = 4096
) -> tuple[np.ndarray, np.ndarray]:
    """Nearest centroid per vector if cosine ≥ threshold, else UNCLUSTERED; and the cosine."""
    n = vectors.shape[0]
    labels = np.full(n, UNCLUSTERED, dtype=np.int32)
    sims = np.zeros(n, dtype=np.float32)
    if n == 0 or centroids.shape[0] == 0:
        return labels, sims
    unit = _unit(centroids)
    for start in range(0, n, batch_size):
        block = vectors[start : start + batch_size] @ unit.T
        best = block.argmax(axis=1)
        best_sim = block[np.arange(block.shape[0]), best]
        ok = best_sim >= threshold
        labels[start : start + block.shape[0]][ok] = best[ok]
        sims[start : start + block.shape[0]] = np.where(ok, best_sim, 0.0)
    return labels, sims


def cluster(vectors: np.ndarray, owners: np.ndarray, params: ClusterParams) -> ClusterResult:
    """Cluster unit row vectors (in the order given). `owners` are integer
    document codes: a cluster needs `min_size` distinct owners."""
    n, d = vectors.shape
    if n == 0:
        empty = np.zeros(0, dtype=np.float32)
        return ClusterResult(np.zeros(0, dtype=np.int32), np.zeros((0, d), np.float32), empty, 0)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    leader_labels, sums = leader_pass(vectors, params.leader_threshold, params.batch_size)
    counts = np.bincount(leader_labels, minlength=sums.shape[0])
    group_of = _merge(sums, counts, params.merge_distance, params.max_merge)
    labels = group_of[leader_labels].astype(np.int32)
    k = int(group_of.max()) + 1
    keep = _distinct_owners(labels, owners, k) >= params.min_size
    labels = _relabel_kept(labels, keep)
    k = int(keep.sum())
    centroids = _centroid_means(vectors, labels, k)
    labels, _ = assign(vectors, centroids, params.leader_threshold)
    keep = _distinct_owners(labels, owners, k) >= params.min_size
    labels = _relabel_kept(labels, keep)
    k = int(keep.sum())
    centroids = _centroid_means(vectors, labels, k)
    return ClusterResult(labels, centroids, member_similarity(vectors, labels, centroids), int(sums.shape[0]))


def member_similarity(vectors: np.ndarray, labels: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """Cosine of each vector to its own centroid (0 when unclustered)."""
    sims = np.zeros(vectors.shape[0], dtype=np.float32)
    if centroids.shape[0] == 0:
        return sims
    unit = _unit(centroids)
    for start in range(0, vectors.shape[0], _ROWS):
        lab = labels[start : start + _ROWS]
        mask = lab >= 0
        if mask.any():
            rows = vectors[start : start + _ROWS][mask]
            sims[start : start + _ROWS][mask] = np.einsum("ij,ij->i", rows, unit[lab[mask]])
    return sims
