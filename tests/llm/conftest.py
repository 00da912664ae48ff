"""Fixtures for the llm backend: the loopback test double of an OpenAI-compatible
server (the real llama.cpp server is the root conftest's `llama_server`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.llm.double import DoubleServer


@pytest.fixture
def double() -> Iterator[DoubleServer]:
    server = DoubleServer()
    try:
        yield server
    finally:
        server.close()
