"""The on-disk response cache: a re-run on unchanged input makes no request.

One small SQLite file (default `<home>/.cache/llm.sqlite`). A row holds one
validated model answer and the tokens it cost, keyed by a digest of
(request digest, prompt fingerprint, model, schema fingerprint), where the
request digest covers what the model was shown: the document (or chunk)
text and metadata, its part number and the output language. Those four parts
are also kept as columns, so the cache can be inspected and pruned by model
or prompt version.

Only answers that passed validation are stored, so a failure is retried on
the next run. One connection is shared under a lock (SQLite serialises
writers anyway; the work being cached takes seconds, the lookups
microseconds).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CacheKey:
    request: str
    prompt: str
    model: str
    schema: str

    @property
    def digest(self) -> str:
        raw = json.dumps([self.request, self.prompt, self.model, self.schema])
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CachedAnswer:
    content: str
    prompt_tokens: int
    completion_tokens: int


class ResponseCache:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(self.path), check_same_thread=False, timeout=30.0)
        with self._lock, self._conn:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS llm_cache ("
                " key TEXT PRIMARY KEY, request TEXT NOT NULL, prompt TEXT NOT NULL,"
                " model TEXT NOT NULL, schema TEXT NOT NULL, content TEXT NOT NULL,"
                " prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL,"
                " created REAL NOT NULL)"
            )

    def get(self, key: CacheKey) -> CachedAnswer | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT content, prompt_tokens, completion_tokens FROM llm_cache WHERE key = ?", (key.digest,)
            ).fetchone()
        return None if row is None else CachedAnswer(row[0], int(row[1]), int(row[2]))

    def put(self, key: CacheKey, answer: CachedAnswer) -> None:
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT OR REPLACE INTO llm_cache VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    key.digest, key.request, key.prompt, key.model, key.schema, answer.content,
                    answer.prompt_tokens, answer.completion_tokens, time.time(),
                ),
            )  # fmt: skip

    def __len__(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM llm_cache").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()
