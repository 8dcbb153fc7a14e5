"""Named run locks in the store: one run of a job at a time, across processes and machines.

A lock is a row of ``run_locks`` holding a lease: the holder renews it while it
works (``HeldLock`` renews from a thread), so a holder that died (kill -9, power
cut) leaves a lease that runs out and the next run takes the lock over. Taking
and taking over are single conditional statements (INSERT ... ON CONFLICT DO
NOTHING, then an UPDATE guarded by the old expiry), so of two processes racing
for a free or expired lock exactly one wins, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, select, update

from leadscout.store.crawl import as_utc
from leadscout.store.engine import insert_for
from leadscout.store.schema import run_locks

log = logging.getLogger(__name__)

DEFAULT_LEASE = timedelta(minutes=2)
Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


class LockBusy(ValueError):
    """Another run holds the lock; the message says who and since when, and what to do."""


@dataclass(frozen=True, kw_only=True, slots=True)
class LockInfo:
    """Who holds a lock."""

    name: str
    owner: str
    """host:pid:token of the holder."""
    acquired_at: datetime
    expires_at: datetime


def new_owner() -> str:
    """A holder id: host, process and a random token (two holders in one process differ too)."""
    return f"{socket.gethostname()[:64]}:{os.getpid()}:{secrets.token_hex(4)}"


def try_acquire(engine: Engine, name: str, owner: str, *, lease: timedelta = DEFAULT_LEASE,
                clock: Clock = utcnow) -> LockInfo | None:
    """Take ``name`` for ``owner``; None when taken. A lock whose lease ran out is taken over."""
    now = clock()
    with engine.begin() as conn:
        won = conn.execute(
            insert_for(conn, run_locks).values(name=name, owner=owner, acquired_at=now, expires_at=now + lease)
            .on_conflict_do_nothing(index_elements=["name"]).returning(run_locks.c.name)
        ).first()
        if won is None:
            held = conn.execute(select(run_locks).where(run_locks.c.name == name)).first()
            if held is None or as_utc(held.expires_at) > now:
                return None
            # Compare-and-swap on the expiry seen: of two takers of a dead holder's lock, one wins.
            result = conn.execute(
                update(run_locks).where(run_locks.c.name == name, run_locks.c.owner == held.owner,
                                        run_locks.c.expires_at == held.expires_at)
                .values(owner=owner, acquired_at=now, expires_at=now + lease)
            )
            if result.rowcount != 1:
                return None
            log.warning("lock %s taken over from %s (its lease ran out)", name, held.owner)
    return LockInfo(name=name, owner=owner, acquired_at=now, expires_at=now + lease)


def renew(engine: Engine, name: str, owner: str, *, lease: timedelta = DEFAULT_LEASE, clock: Clock = utcnow) -> bool:
    """Extend the lease; False when ``owner`` no longer holds it (it ran out and was taken over)."""
    with engine.begin() as conn:
        result = conn.execute(update(run_locks).where(run_locks.c.name == name, run_locks.c.owner == owner)
                              .values(expires_at=clock() + lease))
    return result.rowcount == 1


def release(engine: Engine, name: str, owner: str) -> None:
    with engine.begin() as conn:
        conn.execute(delete(run_locks).where(run_locks.c.name == name, run_locks.c.owner == owner))


def holder(engine: Engine, name: str) -> LockInfo | None:
    with engine.connect() as conn:
        row = conn.execute(select(run_locks).where(run_locks.c.name == name)).first()
    if row is None:
        return None
    return LockInfo(name=row.name, owner=row.owner, acquired_at=as_utc(row.acquired_at),
                    expires_at=as_utc(row.expires_at))


class HeldLock:
    """``with HeldLock(engine, "revalidate"):`` — hold a lock for a block, renewing it from a thread.

    Raises ``LockBusy`` on entry when another live run holds it.
    """

    def __init__(self, engine: Engine, name: str, *, lease: timedelta = DEFAULT_LEASE, clock: Clock = utcnow,
                 owner: str | None = None) -> None:
        self.engine = engine
        self.name = name
        self.lease = lease
        self.clock = clock
        self.owner = owner or new_owner()
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> HeldLock:
        if try_acquire(self.engine, self.name, self.owner, lease=self.lease, clock=self.clock) is None:
            info = holder(self.engine, self.name)
            who = f"{info.owner} since {info.acquired_at:%Y-%m-%d %H:%M:%S} UTC" if info else "another run"
            raise LockBusy(f"{self.name} is already running ({who}); wait for it to finish, "
                           f"or for its lease to run out if that process died")
        self._thread = threading.Thread(target=self._renew, name=f"lock-{self.name}", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        release(self.engine, self.name, self.owner)

    def _renew(self) -> None:
        interval = max(self.lease.total_seconds() / 3, 0.05)
        while not self._stop.wait(interval):
            try:
                if not renew(self.engine, self.name, self.owner, lease=self.lease, clock=self.clock):
                    log.error("lock %s was lost (lease ran out and was taken over)", self.name)
                    self.lost.set()
                    return
            except Exception:  # noqa: BLE001 - a failed renewal is retried at the next tick
                log.warning("could not renew lock %s; retrying", self.name, exc_info=True)
