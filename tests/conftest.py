"""Shared fixtures: the sample sites on loopback, stores on SQLite and PostgreSQL, the CLI as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "leadscout" / "demo_sites" / "expected.json"
# Where the PostgreSQL tests create their throwaway databases (trust auth on loopback here).
PG_ADMIN_URL = os.environ.get("LEADSCOUT_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def demo_sites() -> Iterator[dict[str, str]]:
    """The bundled sample sites, each on its own 127.0.0.1 port, served by a subprocess: ``{slug: url}``."""
    proc = subprocess.Popen([sys.executable, "-m", "leadscout.demo_server"], stdout=subprocess.PIPE, text=True,
                            cwd=ROOT)
    try:
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError(f"demo server exited with {proc.wait()}")
        yield json.loads(line)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def expected_sites() -> list[dict]:
    """The ground truth of the sample sites (who is on them, with which contact points)."""
    return json.loads(EXPECTED.read_text(encoding="utf-8"))["sites"]


@pytest.fixture(scope="session")
def pg_admin() -> Iterator:
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as exc:  # noqa: BLE001 - turned into a loud, explained failure
        pytest.fail(
            f"PostgreSQL is not reachable at {PG_ADMIN_URL} ({type(exc).__name__}); the store tests run on both "
            "SQLite and PostgreSQL. Start it (.ci/run does) or point LEADSCOUT_TEST_PG at a server.",
            pytrace=False,
        )
    yield engine
    engine.dispose()


@pytest.fixture
def pg_url(pg_admin) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    name = f"leadscout_test_{uuid.uuid4().hex[:12]}"
    with pg_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = pg_admin.url.set(database=name).render_as_string(hide_password=False)
    yield url
    with pg_admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'leadscout.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path: Path) -> str:
    """The same test on both engines."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'leadscout.db'}"
    return request.getfixturevalue("pg_url")


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the installed `leadscout` console script exactly as a user would."""
    exe = Path(sys.executable).parent / "leadscout"
    # The developer's own LEADSCOUT_DB must never leak into a test.
    full_env = {k: v for k, v in os.environ.items() if k != "LEADSCOUT_DB"}
    full_env.update({"COLUMNS": "200", **(env or {})})
    return subprocess.run([str(exe), *args], cwd=cwd, env=full_env, capture_output=True, text=True,
                          timeout=timeout)
