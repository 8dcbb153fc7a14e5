"""The suppression list: salted hashes of identifiers that must never be stored or exported again."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.engine import Connection

from leadscout.store.engine import insert_for
from leadscout.store.schema import store_meta, suppression


def normalize_identifier(kind: str, value: str) -> str:
    """The form an identifier is hashed in: lowercase email, E.164 phone, folded name@site."""
    value = unicodedata.normalize("NFKC", value).strip()
    if kind == "phone":
        return "".join(ch for ch in value if ch.isdigit() or ch == "+")
    return " ".join(value.casefold().split())


def suppression_hash(salt: str, kind: str, value: str) -> str:
    return hashlib.sha256(f"{salt}\x00{kind}\x00{normalize_identifier(kind, value)}".encode()).hexdigest()


def _salt(conn: Connection) -> str:
    return conn.execute(select(store_meta.c.value).where(store_meta.c.key == "suppression_salt")).scalar_one()


def suppress(conn: Connection, identifiers: Iterable[tuple[str, str]], *, reason: str) -> int:
    """Add ``(kind, value)`` identifiers to the suppression list; returns how many were new."""
    salt = _salt(conn)
    added = 0
    for kind, value in identifiers:
        result = conn.execute(
            insert_for(conn, suppression).values(
                key_hash=suppression_hash(salt, kind, value), kind=kind, reason=reason, created_at=datetime.now(UTC)
            ).on_conflict_do_nothing(index_elements=["key_hash"]).returning(suppression.c.key_hash)
        )
        added += result.first() is not None
    return added


def suppressed(conn: Connection, identifiers: Iterable[tuple[str, str]]) -> bool:
    """True when any of the ``(kind, value)`` identifiers is on the suppression list."""
    salt = _salt(conn)
    hashes = [suppression_hash(salt, kind, value) for kind, value in identifiers]
    if not hashes:
        return False
    return conn.execute(select(suppression.c.key_hash).where(suppression.c.key_hash.in_(hashes)).limit(1)).first() is not None
