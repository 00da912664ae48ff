"""Fixtures for synthesis tests: the planted corpus, on the shared store
fixtures (SQLite and PostgreSQL) and the real embedder of the root conftest."""

from __future__ import annotations

import pytest

from tests.synthesize.planted import PlantedCorpus, generate
from tests.synthesize.synth_support import CountingEmbedder, fill
from workradar.analyze.text.embedders import Embedder
from workradar.store import Store


@pytest.fixture
def counting(embedder: Embedder) -> CountingEmbedder:
    return CountingEmbedder(embedder)


@pytest.fixture(scope="session")
def corpus() -> PlantedCorpus:
    return generate()


@pytest.fixture
def planted_store(store: Store, corpus: PlantedCorpus) -> Store:
    fill(store, corpus)
    return store
