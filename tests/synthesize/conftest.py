"""Fixtures for synthesis tests: the store fixtures of tests/store (SQLite and
PostgreSQL), the real default embedder, and the planted corpus."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from workradar.analyze.text.embedders import Embedder, default_embedder
from workradar.store import Store

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # planted.py, synth_support.py, synth_metrics.py

from planted import PlantedCorpus, generate  # noqa: E402
from synth_support import CountingEmbedder, fill  # noqa: E402

# Re-use the store test fixtures (db_url is parametrised over SQLite and
# PostgreSQL; PostgreSQL skips locally when no server can be started).
_spec = importlib.util.spec_from_file_location("_store_conftest", HERE.parent / "store" / "conftest.py")
assert _spec is not None and _spec.loader is not None
_store_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_store_conftest)
pg_server_url = _store_conftest.pg_server_url
pg_database_url = _store_conftest.pg_database_url
pg_url = _store_conftest.pg_url
db_url = _store_conftest.db_url


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return default_embedder()


@pytest.fixture
def counting(embedder: Embedder) -> CountingEmbedder:
    return CountingEmbedder(embedder)


@pytest.fixture(scope="session")
def corpus() -> PlantedCorpus:
    return generate()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as opened:
        yield opened


@pytest.fixture
def planted_store(store: Store, corpus: PlantedCorpus) -> Store:
    fill(store, corpus)
    return store
