"""Fixtures for the publish tests: a small hand-made corpus in a temporary
SQLite store (see publish_corpus.py), and a site built from it once per module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.publish.publish_corpus import make_store
from workradar.publish.site import BuildReport, build_site
from workradar.store import Store


@pytest.fixture
def corpus_store(tmp_path: Path) -> Iterator[Store]:
    store = make_store(tmp_path / "workradar.db")
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BuildReport, Store]]:
    """The corpus with hand-made trends, built into a site (shared by a module's tests)."""
    root = tmp_path_factory.mktemp("site")
    store = make_store(root / "workradar.db")
    try:
        report = build_site(store, root / "site", title="Test radar")
        yield report, store
    finally:
        store.close()


@pytest.fixture(scope="module")
def site(built: tuple[BuildReport, Store]) -> Path:
    return built[0].out
