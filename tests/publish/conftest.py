"""Fixtures for the publish tests: a small hand-made corpus in a temporary
SQLite store (see publish_corpus.py), and a site built from it once per module."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # publish_corpus.py, sitecheck.py

from publish_corpus import make_store  # noqa: E402

from workradar.publish.site import BuildReport, build_site  # noqa: E402
from workradar.store import Store  # noqa: E402


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
