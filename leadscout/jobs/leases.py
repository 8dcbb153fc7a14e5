"""Leases on a distributed job's units of work (table ``job_tasks``): who runs a site or a stage, until when.

Celery with ``acks_late`` delivers a task at least once: a worker that dies
mid-task leaves the message unacknowledged and Redis hands it to another
worker after the visibility timeout; a task that outlives that timeout is
handed out a second time while its first worker is still busy. A lease turns
at-least-once delivery into "one worker at a time, and the work is finished":

- a delivery *claims* the unit: it wins if the unit is queued, or running under
  a lease that ran out (its worker died); the claim is a compare-and-swap on
  ``deliveries``, so of two simultaneous deliveries exactly one wins;
- the winner renews the lease while it works (``renew``); a renewal that finds
  another owner means this worker lost the unit and must stop;
- a delivery that finds a live lease is *busy* and comes back later (the owner may
  still die), one that finds the unit done or failed does nothing.

Times are compared in Python (UTC), not in SQL, so SQLite and PostgreSQL behave alike.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func, select, update

from leadscout.store.crawl import as_utc
from leadscout.store.engine import insert_for
from leadscout.store.schema import job_tasks

log = logging.getLogger(__name__)

TERMINAL = ("done", "failed")


def now() -> datetime:
    return datetime.now(UTC)


def site_unit(site: str) -> str:
    return f"site:{site}"


def stage_unit(stage: str) -> str:
    return f"stage:{stage}"


@dataclass(frozen=True, kw_only=True, slots=True)
class Claim:
    """The outcome of one delivery trying to take a unit."""

    outcome: str
    """claimed (run it), busy (a live worker holds it: come back later), finished (done or failed already)."""
    owner: str | None
    """The lease holder: this delivery's token when claimed, else the current holder."""
    deliveries: int
    """Claims of the unit so far, this one included when claimed (2+ = redelivered)."""
    last_error: str | None = None
    """Why the previous delivery gave the unit back, if it did."""


def new_owner() -> str:
    """A lease holder id: host, process, and a random token (a redelivery to the same process is a new owner)."""
    return f"{socket.gethostname()[:64]}:{os.getpid()}:{secrets.token_hex(4)}"


def add_units(engine: Engine, job_id: int, units: Iterable[str]) -> None:
    """Register units as queued (idempotent: known units keep their state)."""
    rows = [dict(job_id=job_id, unit=unit, state="queued", deliveries=0, updated_at=now()) for unit in units]
    if not rows:
        return
    with engine.begin() as conn:
        for start in range(0, len(rows), 1000):
            conn.execute(insert_for(conn, job_tasks).on_conflict_do_nothing(index_elements=["job_id", "unit"]),
                         rows[start:start + 1000])


def claim(engine: Engine, job_id: int, unit: str, *, lease: float, owner: str | None = None) -> Claim:
    """Try to take ``unit`` for ``lease`` seconds; see the module docstring for the rules."""
    owner = owner or new_owner()
    add_units(engine, job_id, [unit])
    with engine.begin() as conn:
        row = conn.execute(select(job_tasks).where(job_tasks.c.job_id == job_id, job_tasks.c.unit == unit)).one()
        if row.state in TERMINAL:
            return Claim(outcome="finished", owner=row.owner, deliveries=row.deliveries)
        moment = now()
        if row.state == "running" and row.lease_until is not None and as_utc(row.lease_until) > moment:
            return Claim(outcome="busy", owner=row.owner, deliveries=row.deliveries)
        won = conn.execute(
            update(job_tasks)
            .where(job_tasks.c.job_id == job_id, job_tasks.c.unit == unit, job_tasks.c.deliveries == row.deliveries,
                   job_tasks.c.state.not_in(TERMINAL))
            .values(state="running", owner=owner, lease_until=moment + timedelta(seconds=lease),
                    deliveries=row.deliveries + 1, updated_at=moment)
        ).rowcount == 1
    if not won:  # another delivery claimed it between our read and our write
        return Claim(outcome="busy", owner=None, deliveries=row.deliveries + 1)
    return Claim(outcome="claimed", owner=owner, deliveries=row.deliveries + 1, last_error=row.error)


def renew(engine: Engine, job_id: int, unit: str, owner: str, *, lease: float) -> bool:
    """Extend our lease; False when the unit is no longer ours (we were presumed dead and replaced)."""
    moment = now()
    with engine.begin() as conn:
        return conn.execute(
            update(job_tasks)
            .where(job_tasks.c.job_id == job_id, job_tasks.c.unit == unit, job_tasks.c.owner == owner,
                   job_tasks.c.state == "running")
            .values(lease_until=moment + timedelta(seconds=lease), updated_at=moment)
        ).rowcount == 1


def finish(engine: Engine, job_id: int, unit: str, owner: str, *, state: str = "done",
           error: str | None = None) -> bool:
    """Mark our unit done (or failed, with why); False when it was no longer ours."""
    assert state in TERMINAL
    with engine.begin() as conn:
        return conn.execute(
            update(job_tasks)
            .where(job_tasks.c.job_id == job_id, job_tasks.c.unit == unit, job_tasks.c.owner == owner,
                   job_tasks.c.state == "running")
            .values(state=state, error=error, lease_until=None, updated_at=now())
        ).rowcount == 1


def release(engine: Engine, job_id: int, unit: str, owner: str, *, error: str | None = None) -> None:
    """Give our unit back (queued) after an error, so a retry can claim it at once."""
    with engine.begin() as conn:
        conn.execute(
            update(job_tasks)
            .where(job_tasks.c.job_id == job_id, job_tasks.c.unit == unit, job_tasks.c.owner == owner,
                   job_tasks.c.state == "running")
            .values(state="queued", owner=None, lease_until=None, error=error, updated_at=now())
        )


def open_units(engine: Engine, job_id: int, prefix: str) -> int:
    """Units of the job starting with ``prefix`` that are not done or failed yet."""
    with engine.connect() as conn:
        return conn.execute(
            select(func.count()).select_from(job_tasks)
            .where(job_tasks.c.job_id == job_id, job_tasks.c.unit.startswith(prefix, autoescape=True),
                   job_tasks.c.state.not_in(TERMINAL))
        ).scalar_one()


def unit_states(engine: Engine, job_id: int) -> list[tuple[str, str, int, str | None]]:
    """(unit, state, deliveries, error) of every unit of the job, in unit order."""
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(
            select(job_tasks.c.unit, job_tasks.c.state, job_tasks.c.deliveries, job_tasks.c.error)
            .where(job_tasks.c.job_id == job_id).order_by(job_tasks.c.unit))]


class LeaseLost(RuntimeError):
    """Another worker took over our unit (we were presumed dead): stop, it finishes the work."""


class Heartbeat:
    """Renews a lease from a background thread every ``interval`` seconds while the block runs.

    ``lost`` is set when a renewal finds the unit taken over; long work checks it
    (``check()``) and stops. A failed renewal (database blip) is retried at the
    next beat: the lease is four beats long.
    """

    def __init__(self, engine: Engine, job_id: int, unit: str, owner: str, *, lease: float, interval: float) -> None:
        self.engine, self.job_id, self.unit, self.owner = engine, job_id, unit, owner
        self.lease, self.interval = lease, interval
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"lease-{unit}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def check(self) -> None:
        if self.lost.is_set():
            raise LeaseLost(f"{self.unit} of job {self.job_id} was taken over by another worker")

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                if not renew(self.engine, self.job_id, self.unit, self.owner, lease=self.lease):
                    self.lost.set()
                    return
            except Exception:  # noqa: BLE001 - a database blip: try again at the next beat
                log.warning("lease renewal of %s failed; retrying", self.unit, exc_info=True)
