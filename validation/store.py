"""Validate the people in the store and keep each verdict with the person (table ``person_verdicts``).

``validate_people`` is what a re-validation job calls: it re-runs every check on each person's
stored values, clusters the whole population again (the best-validated group moves as the store
grows), and upserts verdict, confidence, reasons and the check profile; ``people.confidence`` is
updated too unless told not to. Running it twice on an unchanged store writes the same verdicts.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, select, update

from leadscout.progress import ProgressReporter, null_progress
from leadscout.store.engine import insert_for
from leadscout.store.people import iter_people
from leadscout.store.schema import people, person_verdicts, sites
from validation.batch import ValidateOptions, validate_leads
from validation.clustering import FEATURES, feature_vector
from validation.contact import Lead

log = logging.getLogger(__name__)

VALIDATOR = "validation/1"
"""``person_verdicts.validator``: bump when the meaning of a verdict changes."""
_WRITE_BATCH = 1000


@dataclass(frozen=True)
class StoreValidation:
    """What a store validation run did."""

    people: int
    verdicts: dict[str, int]
    clustering: str
    validated_at: datetime


def lead_of(person, country: str | None) -> Lead:
    """The stored person as a lead: its values, the company's site as website, pages as sources."""
    values = person.fields
    sources = {v.provenance.source_url for field_values in values.values() for v in field_values}
    return Lead(name=person.name, emails=tuple(v.value for v in values.get("email", ())),
                phones=tuple(v.value.split(";ext=")[0] for v in values.get("phone", ())),
                company=person.company or "", website=person.site, country=country or "",
                title=person.title or "", sources=max(1, len(sources)))


def validate_people(engine: Engine, options: ValidateOptions = ValidateOptions(dns=None), *,
                    person_ids: Collection[int] | None = None, update_confidence: bool = True,
                    progress: ProgressReporter = null_progress, now: datetime | None = None) -> StoreValidation:
    """Validate stored people (all, or ``person_ids``) and store each verdict; offline by default."""
    now = now or datetime.now(UTC)
    with engine.connect() as conn:
        countries = dict(conn.execute(select(sites.c.site, sites.c.country)).all())
    wanted = set(person_ids) if person_ids is not None else None
    ids, leads = [], []
    for person in iter_people(engine):
        if wanted is None or person.person_id in wanted:
            ids.append(person.person_id)
            leads.append(lead_of(person, countries.get(person.site)))
    batch = validate_leads(leads, options, progress=progress)
    task = progress.task("storing verdicts", total=len(ids))
    rows = [
        {"person_id": pid, "verdict": a.verdict, "confidence": a.confidence, "fake_name": a.fake_name,
         "reasons": a.reasons_as_dicts(), "checks": dict(zip(FEATURES, feature_vector(checks))),
         "validated_at": now, "validator": VALIDATOR}
        for pid, a, checks in zip(ids, batch.assessments, batch.checks)
    ]
    for start in range(0, len(rows), _WRITE_BATCH):
        chunk = rows[start:start + _WRITE_BATCH]
        with engine.begin() as conn:
            for row in chunk:
                stmt = insert_for(conn, person_verdicts).values(**row)
                conn.execute(stmt.on_conflict_do_update(index_elements=["person_id"], set_={
                    key: getattr(stmt.excluded, key) for key in row if key != "person_id"}))
                if update_confidence:
                    conn.execute(update(people).where(people.c.id == row["person_id"])
                                 .values(confidence=row["confidence"]))
        task.advance(len(chunk))
    task.done()
    log.info("validated %d stored people: %s", len(rows), batch.stats)
    return StoreValidation(people=len(rows), verdicts=dict(batch.stats), clustering=batch.cluster.method,
                           validated_at=now)


def stored_verdict(engine: Engine, person_id: int) -> dict | None:
    """The stored verdict row of one person, or None when never validated."""
    with engine.connect() as conn:
        row = conn.execute(select(person_verdicts).where(person_verdicts.c.person_id == person_id)).mappings().first()
    return dict(row) if row else None
