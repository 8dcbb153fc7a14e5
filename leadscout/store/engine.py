"""Opening the store: one URL, SQLite (embedded default) or PostgreSQL, same schema."""

from __future__ import annotations

import logging
import secrets
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.sql import Insert

from leadscout.store.schema import SCHEMA_VERSION, metadata, store_meta

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 30_000
SUPPORTED = ("sqlite", "postgresql")


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says what to fix."""


def create_store_engine(url: str) -> Engine:
    """Create the engine for ``url``, create the schema if missing, and check it answers.

    SQLite gets WAL journaling (readers never block the writer), a busy timeout
    (so a CLI command and the scheduler writing at once wait instead of failing
    with "database is locked") and enforced foreign keys.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(
            f"cannot read database URL {url!r}; use sqlite:///PATH or postgresql+psycopg://USER@HOST/DB"
        ) from None
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED:
        raise StoreError(f"unsupported database {backend!r} in {url!r}; use sqlite:/// or postgresql+psycopg://")
    if backend == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    kwargs: dict[str, Any] = {}
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            parent = Path(parsed.database).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"database folder {parent} does not exist; create it or choose another --db")
        kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    else:
        kwargs["pool_pre_ping"] = True
        kwargs["connect_args"] = {"connect_timeout": 10}
    try:
        engine = create_engine(parsed, **kwargs)
    except NoSuchModuleError:
        raise StoreError(f"no driver for {parsed.drivername!r}; use postgresql+psycopg://") from None
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        _ensure_schema(engine)
    except OperationalError as exc:
        raise StoreError(f"cannot open database {parsed.render_as_string(hide_password=True)}: "
                         f"{_first_line(exc.orig or exc)}") from None
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _ensure_schema(engine: Engine) -> None:
    with engine.begin() as conn:
        if not inspect(conn).has_table(store_meta.name):
            metadata.create_all(conn)
            conn.execute(store_meta.insert(), [
                {"key": "schema_version", "value": SCHEMA_VERSION},
                # Suppression keys are hashed with this per-store salt (see store.privacy).
                {"key": "suppression_salt", "value": secrets.token_hex(16)},
            ])
            return
        version = conn.execute(select(store_meta.c.value).where(store_meta.c.key == "schema_version")).scalar()
        if version != SCHEMA_VERSION:
            raise StoreError(f"database schema version {version!r}, this leadscout needs {SCHEMA_VERSION!r}")
        metadata.create_all(conn)  # tables added since (no-op when complete)


def insert_for(conn: Connection, table: Any) -> Insert:
    """The dialect's INSERT that supports ON CONFLICT (both SQLite and PostgreSQL do)."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def integrity_ok(engine: Engine) -> bool:
    """True when the database passes its own integrity check (SQLite); PostgreSQL is always consistent."""
    if engine.dialect.name != "sqlite":
        return True
    with engine.connect() as conn:
        return conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


__all__ = ["StoreError", "SQLAlchemyError", "create_store_engine", "insert_for", "integrity_ok"]
