"""Retention: people and stored pages not confirmed within the retention period are deleted.

"Confirmed" means: a page showed the person (``people.last_seen``, moved forward by
every crawl that finds them and by every re-validation that finds them still on
their page), and a page was fetched or re-validated (``pages.fetched_at``, moved
forward by a 304 too). Deleting a person deletes their facts, history, links and
export-ledger rows with them (foreign keys, ON DELETE CASCADE). The suppression
list is never purged: an erasure or an objection outlives every retention period.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, func, select

from leadscout.store.schema import pages, people

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True, slots=True)
class PurgeSummary:
    """What a purge removed (or, on a dry run, would remove)."""

    cutoff: datetime
    """Records last confirmed before this moment were purged."""
    people: int
    pages: int
    dry_run: bool = False


def purge_expired(engine: Engine, *, retention: timedelta, now: datetime, dry_run: bool = False) -> PurgeSummary:
    """Delete people last seen and pages last fetched before ``now - retention`` (one transaction)."""
    if retention <= timedelta(0):
        raise ValueError("retention must be a positive duration")
    cutoff = now - retention
    expired_people = people.c.last_seen < cutoff
    expired_pages = pages.c.fetched_at < cutoff
    with engine.begin() as conn:
        n_people = conn.execute(select(func.count()).select_from(people).where(expired_people)).scalar_one()
        n_pages = conn.execute(select(func.count()).select_from(pages).where(expired_pages)).scalar_one()
        if not dry_run:
            conn.execute(delete(people).where(expired_people))
            conn.execute(delete(pages).where(expired_pages))
    if n_people or n_pages:
        log.info("retention: %s %d people and %d pages last confirmed before %s", "would purge" if dry_run
                 else "purged", n_people, n_pages, cutoff.isoformat())
    return PurgeSummary(cutoff=cutoff, people=n_people, pages=n_pages, dry_run=dry_run)
