"""The export ledger: what was sent where, when, with which result — so a re-run sends only what is unconfirmed.

One row per (destination, person) in ``export_ledger``. Before a batch goes out
its rows are written ``pending`` (in their own transaction), so a process
killed mid-send leaves them unconfirmed and the next run sends them again — as
upserts keyed by ``record_key``, which is what makes the resend harmless.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, select

from leadscout.store.engine import insert_for
from leadscout.store.schema import export_ledger

STATUSES = ("pending", "confirmed", "failed", "conflict", "rejected")
SETTLED = frozenset({"confirmed", "rejected", "conflict"})
"""Not sent again while the payload is unchanged: confirmed by the CRM, refused locally, or a conflict a
person must resolve in the CRM (re-sending cannot fix it). ``pending`` and ``failed`` are always re-sent."""
_IN_CHUNK = 900  # ids per IN (...) list, under SQLite's bound-parameter limit with room to spare


@dataclass(frozen=True, kw_only=True, slots=True)
class Outcome:
    """What happened to one person's record at one destination."""

    person_id: int
    """The person."""
    record_key: str
    """The upsert key at the destination (normalised email for HubSpot, external id for Salesforce)."""
    payload_sha256: str
    """Hash of what was (or would be) sent: a change means "send again"."""
    status: str
    """One of ``pending``, ``confirmed``, ``failed``, ``conflict``, ``rejected``."""
    result: str | None = None
    """The CRM's record id when confirmed, else the reason (redacted: no raw emails or phones)."""


def payload_hash(payload: Any) -> str:
    """A stable hash of a JSON-able payload (key order does not matter)."""
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode("utf-8")).hexdigest()


class Ledger:
    """The ledger rows of one destination (``hubspot``, ``salesforce``, ...)."""

    def __init__(self, engine: Engine, destination: str) -> None:
        self.engine = engine
        self.destination = destination

    def to_send(self, candidates: Sequence[tuple[int, str]]) -> set[int]:
        """Of ``(person_id, payload_sha256)`` candidates, the people that must be sent: never sent, not
        settled, or changed since."""
        settled: dict[int, str] = {}
        ids = [pid for pid, _ in candidates]
        with self.engine.connect() as conn:
            for start in range(0, len(ids), _IN_CHUNK):
                rows = conn.execute(
                    select(export_ledger.c.person_id, export_ledger.c.payload_sha256).where(
                        export_ledger.c.destination == self.destination,
                        export_ledger.c.person_id.in_(ids[start:start + _IN_CHUNK]),
                        export_ledger.c.status.in_(SETTLED),
                    )
                ).all()
                settled.update({pid: digest for pid, digest in rows})
        return {pid for pid, digest in candidates if settled.get(pid) != digest}

    def record(self, outcomes: Iterable[Outcome]) -> None:
        """Upsert outcomes in one transaction (``sent_at`` = now)."""
        now = datetime.now(UTC)
        values = [dict(destination=self.destination, person_id=o.person_id, record_key=o.record_key,
                       payload_sha256=o.payload_sha256, status=o.status, result=o.result, sent_at=now)
                  for o in outcomes]
        if not values:
            return
        with self.engine.begin() as conn:
            stmt = insert_for(conn, export_ledger)
            stmt = stmt.on_conflict_do_update(
                index_elements=["destination", "person_id"],
                set_={c: stmt.excluded[c] for c in ("record_key", "payload_sha256", "status", "result", "sent_at")},
            )
            conn.execute(stmt, values)

    def counts(self) -> dict[str, int]:
        """How many people are in each status at this destination."""
        with self.engine.connect() as conn:
            return dict(conn.execute(
                select(export_ledger.c.status, func.count())
                .where(export_ledger.c.destination == self.destination).group_by(export_ledger.c.status)
            ).all())

    def entries(self) -> dict[int, Outcome]:
        """Every row of this destination by person id (for reports and tests)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(export_ledger).where(export_ledger.c.destination == self.destination)).all()
        return {r.person_id: Outcome(person_id=r.person_id, record_key=r.record_key,
                                     payload_sha256=r.payload_sha256, status=r.status, result=r.result)
                for r in rows}
