"""What re-validation knows about each person: the latest check (``person_validation``) and every change
(``person_history``), with timestamps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from leadscout.store.crawl import as_utc
from leadscout.store.engine import insert_for
from leadscout.store.schema import person_history, person_validation


@dataclass(frozen=True, kw_only=True, slots=True)
class Change:
    """One change to one person."""

    person_id: int
    field: str
    """``status``, ``confidence``, ``email`` or ``phone`` (a contact point's check verdict)."""
    old_value: str | None
    new_value: str | None
    reason: str | None = None
    """Short codes saying why, e.g. ``not_on_page`` or ``objection``; never a raw email or phone."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Validation:
    """The latest re-validation of one person."""

    person_id: int
    validated_at: datetime
    status: str
    on_page: bool | None
    """Still on a source page; None when no source page could be read."""
    base_confidence: float
    """Confidence from the evidence alone, before the status factor."""
    reasons: tuple[str, ...]


def record_changes(conn: Connection, changes: Iterable[Change], *, at: datetime, job_id: int | None) -> int:
    rows = [dict(person_id=c.person_id, changed_at=at, field=c.field, old_value=c.old_value,
                 new_value=c.new_value, reason=c.reason, job_id=job_id) for c in changes]
    if rows:
        conn.execute(person_history.insert(), rows)
    return len(rows)


def save_validations(conn: Connection, validations: Iterable[Validation], *, job_id: int | None) -> None:
    rows = [dict(person_id=v.person_id, validated_at=v.validated_at, status=v.status,
                 on_page=None if v.on_page is None else int(v.on_page), base_confidence=v.base_confidence,
                 reasons=list(v.reasons), job_id=job_id) for v in validations]
    if not rows:
        return
    stmt = insert_for(conn, person_validation)
    stmt = stmt.on_conflict_do_update(index_elements=["person_id"], set_={
        name: stmt.excluded[name] for name in ("validated_at", "status", "on_page", "base_confidence", "reasons",
                                                "job_id")})
    conn.execute(stmt, rows)


def validations_of(conn: Connection, person_ids: Iterable[int]) -> dict[int, Validation]:
    ids = list(person_ids)
    found: dict[int, Validation] = {}
    for start in range(0, len(ids), 900):  # under SQLite's bound-parameter limit
        rows = conn.execute(select(person_validation).where(person_validation.c.person_id.in_(ids[start:start + 900])))
        for row in rows:
            found[row.person_id] = Validation(
                person_id=row.person_id, validated_at=as_utc(row.validated_at), status=row.status,
                on_page=None if row.on_page is None else bool(row.on_page), base_confidence=row.base_confidence,
                reasons=tuple(row.reasons or ()))
    return found


def history_of(conn: Connection, person_id: int) -> list[dict[str, Any]]:
    """Every change of one person, oldest first."""
    rows = conn.execute(select(person_history).where(person_history.c.person_id == person_id)
                        .order_by(person_history.c.changed_at, person_history.c.id))
    return [dict(changed_at=as_utc(r.changed_at), field=r.field, old_value=r.old_value, new_value=r.new_value,
                 reason=r.reason, job_id=r.job_id) for r in rows]
