"""The store: SQLAlchemy 2 Core over SQLite (default) or PostgreSQL, one schema, idempotent upserts."""

from leadscout.store.engine import StoreError, create_store_engine, integrity_ok

__all__ = ["StoreError", "create_store_engine", "integrity_ok"]
