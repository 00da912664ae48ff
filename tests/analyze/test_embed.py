"""Embedders and caches: the real USE model, the LRU and the SQLite disk cache."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from workradar.analyze.text.embedders import (
    CachedEmbedder,
    DiskEmbeddingCache,
    Embedder,
    USEEmbedder,
    default_embedder,
)


class CountingEmbedder:
    """Wraps the real default model and counts what reaches it."""

    def __init__(self) -> None:
        self.inner = default_embedder()
        self.name = "counting-" + self.inner.name
        self.dim = self.inner.dim
        self.calls: list[list[str]] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return self.inner.embed(texts)


def test_default_embedder_is_unit_and_multilingual() -> None:
    emb = default_embedder()
    assert isinstance(emb, Embedder)
    vecs = emb.embed(
        [
            "Many companies plan to cut jobs because of artificial intelligence.",
            "Veel bedrijven zijn van plan banen te schrappen vanwege kunstmatige intelligentie.",
            "The museum opens a new exhibition about medieval art.",
        ]
    )
    assert vecs.shape == (3, 512) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2] + 0.2


def test_use_embedder_batches_equal_single_calls_and_empty() -> None:
    model = USEEmbedder(batch_size=2)
    texts = ["one sentence about work", "", "third sentence", "fourth sentence here"]
    batched = model.embed(texts)
    single = np.vstack([model.embed([t]) for t in texts])
    assert np.allclose(batched, single, atol=1e-5)
    assert model.embed([]).shape == (0, 512)


def test_denoise_makes_number_variants_closer() -> None:
    plain, denoised = USEEmbedder(), USEEmbedder(denoise=True)
    pair = ["The project cost 1 million euros.", "The project cost 5 million euros."]
    a, b = plain.embed(pair), denoised.embed(pair)
    assert b[0] @ b[1] > a[0] @ a[1]
    assert denoised.name.endswith("+denoise")


def test_lru_cache_hits_and_eviction() -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, max_items=2)
    first = cached.embed(["a b", "c d", "a b"])
    assert inner.calls == [["a b", "c d"]] and cached.misses == 3
    again = cached.embed(["c d"])
    assert np.array_equal(again[0], first[1]) and cached.hits == 1
    cached.embed(["e f"])  # evicts "a b"
    cached.embed(["a b"])
    assert inner.calls[-1] == ["a b"]


def test_disk_cache_persists_across_instances(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "embeddings.sqlite"
    inner = CountingEmbedder()
    first = CachedEmbedder(inner, persist_path=path)
    vecs = first.embed(["workers and AI", "robots in warehouses"])
    assert len(first.disk or []) == 2
    inner2 = CountingEmbedder()
    second = CachedEmbedder(inner2, persist_path=path)
    again = second.embed(["robots in warehouses", "workers and AI", "new text"])
    assert inner2.calls == [["new text"]]
    assert second.disk_hits == 2
    assert np.allclose(again[0], vecs[1]) and np.allclose(again[1], vecs[0])


def test_disk_cache_is_keyed_by_model(tmp_path: Path) -> None:
    cache = DiskEmbeddingCache(tmp_path / "e.sqlite")
    key = b"k" * 16
    cache.put_many("model-a", [(key, np.ones(4, np.float32))])
    assert cache.get_many("model-b", [key]) == {}
    assert np.array_equal(cache.get_many("model-a", [key])[key], np.ones(4, np.float32))
    cache.close()
