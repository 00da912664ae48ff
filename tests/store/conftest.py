"""Fixtures running every store test against SQLite and PostgreSQL.

PostgreSQL comes from $WORKRADAR_TEST_PG_URL (a server where we may CREATE
DATABASE; the database in the URL itself is never modified). Without it, a
throwaway server is started with scripts/postgres-test-server.sh and stopped
at the end. If neither works the PostgreSQL tests skip locally, and fail
when CI=true.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from workradar.store import Store

ROOT = Path(__file__).resolve().parents[2]
PG_SCRIPT = ROOT / "scripts" / "postgres-test-server.sh"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL required in CI: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL not available: {reason}")


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
            _unavailable(f"{PG_SCRIPT.name} could not run: {exc}")
        if proc.returncode != 0 or not proc.stdout.strip():
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            _unavailable(f"WORKRADAR_TEST_PG_URL unset and {PG_SCRIPT.name} failed: {last}")
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
        _unavailable(f"cannot create a test database on {admin_url.render_as_string()}: {exc}")
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
