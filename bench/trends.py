"""Benchmark: building trends from 10k and 100k signals.

Vectors are SYNTHETIC, not the real embedder (which would take ~7 minutes for
100k texts on this machine and measure the embedder, not the clustering):
`k` random unit cluster centres in 512 dimensions, each signal a centre plus
Gaussian noise (cosine to its centre ≈ 0.75, to a sibling ≈ 0.55, like
paraphrases under the USE model), and 5% outliers drawn uniformly. Every
signal belongs to its own document (the harshest case for min size).

Measured side by side in one run:
- `cluster()` (leader pass → centroid merge → size filter → reassignment):
  wall time, and peak traced memory (tracemalloc, numpy buffers included)
  on top of the input matrix;
- incremental `assign()` of 1% new signals to the found centroids;
- for reference at a small n, full average-linkage agglomerative clustering
  of the items themselves (scipy; needs the n(n−1)/2 distance vector).

Run: python bench/trends.py [--sizes 10000 100000] [--k 300]
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections import Counter

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage

from workradar.synthesize.cluster import ClusterParams, assign, cluster

DIM = 512


def synthetic(n: int, k: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((k, DIM)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    truth = rng.integers(0, k, n)
    noise = rng.standard_normal((n, DIM), dtype=np.float32) * np.float32(0.9 / np.sqrt(DIM))
    x = centres[truth] + noise
    outliers = rng.random(n) < 0.05
    x[outliers] = rng.standard_normal((int(outliers.sum()), DIM), dtype=np.float32)
    truth[outliers] = -1 - np.arange(int(outliers.sum()))  # each outlier its own class
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x.astype(np.float32, copy=False), truth


def ari(truth: np.ndarray, found: np.ndarray) -> float:
    found = np.where(found >= 0, found, -1 - np.arange(found.size))  # unclustered = singletons

    def pairs(counts: Counter) -> float:  # type: ignore[type-arg]
        return sum(v * (v - 1) / 2 for v in counts.values())

    n = truth.size
    joint = pairs(Counter(zip(truth.tolist(), found.tolist(), strict=True)))
    a, b = pairs(Counter(truth.tolist())), pairs(Counter(found.tolist()))
    expected = a * b / (n * (n - 1) / 2)
    return (joint - expected) / ((a + b) / 2 - expected)


def measure(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, seconds, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--k", type=int, default=300, help="planted clusters")
    parser.add_argument("--reference-n", type=int, default=5_000, help="n for full item linkage (0: skip)")
    args = parser.parse_args()
    params = ClusterParams()
    print("synthetic vectors (random centres + noise, 512-d, 5% outliers), NOT the real embedder")
    print(
        f"params: leader_threshold={params.leader_threshold} merge_distance={params.merge_distance} "
        f"min_size={params.min_size} batch={params.batch_size}; planted k={args.k}\n"
    )
    header = f"{'method':<28}{'n':>9}{'seconds':>10}{'peak MiB':>10}{'input MiB':>10}{'found k':>9}{'leaders':>9}{'ARI':>7}"
    print(header)
    print("-" * len(header))
    rows = {}
    for n in args.sizes:
        x, truth = synthetic(n, args.k)
        owners = np.arange(n)
        result, seconds, peak = measure(lambda x=x, owners=owners: cluster(x, owners, params))
        rows[n] = (seconds, peak)
        print(
            f"{'leader+merge (cluster)':<28}{n:>9}{seconds:>10.2f}{peak:>10.1f}{x.nbytes / 2**20:>10.1f}"
            f"{result.k:>9}{result.leaders:>9}{ari(truth, result.labels):>7.3f}"
        )
        new, _ = synthetic(max(n // 100, 1), args.k, seed=1)
        _, a_seconds, a_peak = measure(
            lambda new=new, c=result.centroids: assign(new, c, params.leader_threshold)
        )
        print(
            f"{'incremental assign 1%':<28}{new.shape[0]:>9}{a_seconds:>10.3f}{a_peak:>10.1f}{new.nbytes / 2**20:>10.1f}"
            f"{'':>9}{'':>9}{'':>7}"
        )
    if args.reference_n:
        n = args.reference_n
        x, truth = synthetic(n, args.k)

        def full() -> np.ndarray:
            tree = linkage(x.astype(np.float64), method="average", metric="cosine")
            return fcluster(tree, t=params.merge_distance, criterion="distance") - 1

        labels, seconds, peak = measure(full)
        sizes = np.bincount(labels)
        labels = np.where(sizes[labels] >= params.min_size, labels, -1)
        print(
            f"{'full item linkage (ref.)':<28}{n:>9}{seconds:>10.2f}{peak:>10.1f}{x.nbytes / 2**20:>10.1f}"
            f"{len(set(labels[labels >= 0].tolist())):>9}{'':>9}{ari(truth, labels):>7.3f}"
        )
        print(
            f"  (full linkage at n={args.sizes[0]} would need {args.sizes[0] ** 2 / 2 * 8 / 2**20:.0f} MiB "
            f"for distances alone; at 100k, {100_000**2 / 2 * 8 / 2**30:.0f} GiB)"
        )
    if len(rows) >= 2:
        (n1, (s1, m1)), (n2, (s2, m2)) = sorted(rows.items())[:2]
        print(
            f"\ngrowth {n1} → {n2} (×{n2 / n1:.0f} signals): time ×{s2 / s1:.1f}, peak memory ×{m2 / m1:.1f}"
        )


if __name__ == "__main__":
    main()
