"""Fixtures for the ingest tests: a session-wide loopback HTTP server and a fast fetcher."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ingest.loopback import LoopbackServer, fast_settings, start_server
from workradar.ingest.fetch import Fetcher


@pytest.fixture(scope="session")
def server() -> Iterator[LoopbackServer]:
    state, httpd = start_server()
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(fast_settings()) as f:
        yield f
