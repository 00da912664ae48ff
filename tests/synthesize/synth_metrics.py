"""Clustering agreement measures, written out here (a few lines) rather than
adding scikit-learn as a test dependency for one function."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence


def _pairs(n: int) -> float:
    return n * (n - 1) / 2.0


def adjusted_rand(truth: Sequence[Hashable], found: Sequence[Hashable]) -> float:
    """Adjusted Rand index (Hubert & Arabie 1985): 1 = identical partitions, ~0 = chance."""
    if len(truth) != len(found):
        raise ValueError("partitions of different length")
    n = len(truth)
    joint = sum(_pairs(v) for v in Counter(zip(truth, found, strict=True)).values())
    a = sum(_pairs(v) for v in Counter(truth).values())
    b = sum(_pairs(v) for v in Counter(found).values())
    expected = a * b / _pairs(n) if n > 1 else 0.0
    maximum = (a + b) / 2.0
    if maximum == expected:
        return 1.0
    return (joint - expected) / (maximum - expected)


def purity(truth: Sequence[Hashable], found: Sequence[Hashable]) -> float:
    """Share of items whose found cluster's majority truth label is their own."""
    clusters: dict[Hashable, Counter[Hashable]] = {}
    for t, f in zip(truth, found, strict=True):
        clusters.setdefault(f, Counter())[t] += 1
    return sum(c.most_common(1)[0][1] for c in clusters.values()) / len(truth)
