"""`leadscout crawl --distributed`: a crawl job whose sites are tasks on the broker, and its progress.

The job, its seeds and one ``job_tasks`` row per site are written to the store
first, then one message per site goes to the broker. Re-enqueuing (``--resume``)
sends a message for every site not finished yet; a duplicate message is
harmless (the site's lease decides), so a resume after a lost broker or a crash
between the two steps loses nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, select

from leadscout.config import Settings
from leadscout.jobs.app import CRAWL_SITE, RUN_STAGE, JobsError, WorkerConfig, check_broker, create_app
from leadscout.jobs.leases import TERMINAL, add_units, site_unit, unit_states
from leadscout.seeds import Seed
from leadscout.store import create_store_engine
from leadscout.store.crawl import create_job, finish_job, reopen_job
from leadscout.store.schema import job_sites, jobs, sites

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True, slots=True)
class Enqueued:
    """What `crawl --distributed` put on the broker."""

    job_id: int
    """The crawl job."""
    sites: int
    """Site tasks sent (sites not finished yet)."""
    queue: str
    """The queue they went to."""


@dataclass(frozen=True, kw_only=True, slots=True)
class TaskProgress:
    """Where a distributed job's units of work stand (for `leadscout status`)."""

    sites: dict[str, int]
    """Site tasks per state: queued, running (a worker holds it), done, failed."""
    redelivered: int
    """Site tasks claimed more than once (a worker died or gave them back)."""
    stages: dict[str, str]
    """Batch stage -> state (pending until its first claim)."""
    errors: dict[str, int]
    """The last error of failed or retried units, with how many units it is the last error of."""


def enqueue_crawl(settings: Settings, seeds: Iterable[Seed], *, max_pages_per_site: int, allow_private: bool,
                  download_delay: float | None, extract: bool = True, resume_job: int | None = None) -> Enqueued:
    """Create a distributed crawl job (or resume one) and send one task per unfinished site."""
    config = WorkerConfig.from_settings(settings)
    app = create_app(config)
    check_broker(app, config)  # before writing anything: a job nobody will ever run helps no one
    engine = create_store_engine(settings.db)
    if resume_job is None:
        seeds = list(seeds)
        job_id = create_job(engine, "crawl", {
            "seeds": [s.url for s in seeds], "max_pages_per_site": max_pages_per_site,
            "allow_private": allow_private, "download_delay": download_delay, "extract": extract,
            "distributed": True,
        }, seeds=seeds)
    else:
        job_id = resume_job
        _require_distributed(engine, job_id)
        reopen_job(engine, job_id)
    site_keys = _job_site_keys(engine, job_id)
    add_units(engine, job_id, [site_unit(site) for site in site_keys])
    finished = {unit for unit, state, _, _ in unit_states(engine, job_id) if state in TERMINAL}
    todo = [site for site in site_keys if site_unit(site) not in finished]
    if not todo and not extract:
        finish_job(engine, job_id, status="done")
    with app.producer_or_acquire() as producer:
        for site in todo:
            app.send_task(CRAWL_SITE, args=(job_id, site), queue=config.queue, producer=producer)
        if not todo and extract:
            from leadscout.jobs.tasks import STAGES

            # Every site is finished: a resume picks the job up at its batch stages (each runs at most once).
            app.send_task(RUN_STAGE, args=(job_id, STAGES[0].name), queue=config.queue, producer=producer)
    log.info("job %d: %d site tasks sent to %s on %s", job_id, len(todo), config.queue, config.safe_broker_url)
    return Enqueued(job_id=job_id, sites=len(todo), queue=config.queue)


def _require_distributed(engine: Engine, job_id: int) -> None:
    with engine.connect() as conn:
        row = conn.execute(select(jobs.c.kind, jobs.c.params).where(jobs.c.id == job_id)).first()
    if row is None:
        raise JobsError(f"no job {job_id} in the store")
    if row.kind != "crawl" or not (row.params or {}).get("distributed"):
        raise JobsError(f"job {job_id} is not a distributed crawl; resume it with `leadscout crawl --resume {job_id}`")


def require_in_process(db: str, job_id: int) -> None:
    """Refuse to resume a distributed job in-process: its workers may be crawling the same sites right now."""
    with create_store_engine(db).connect() as conn:
        params = conn.execute(select(jobs.c.params).where(jobs.c.id == job_id)).scalar()
    if (params or {}).get("distributed"):
        raise JobsError(f"job {job_id} is a distributed crawl; resume it with "
                        f"`leadscout crawl --resume {job_id} --distributed`")


def _job_site_keys(engine: Engine, job_id: int) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(
            select(sites.c.site).join(job_sites, job_sites.c.site_id == sites.c.id)
            .where(job_sites.c.job_id == job_id).order_by(sites.c.id)).scalars())


def task_progress(engine: Engine, job_id: int) -> TaskProgress | None:
    """The state of a distributed job's tasks; None for a job run in-process."""
    rows = unit_states(engine, job_id)
    if not rows:
        return None
    from leadscout.jobs.tasks import STAGES

    site_states: dict[str, int] = {}
    redelivered = 0
    stages = {stage.name: "pending" for stage in STAGES}
    errors: dict[str, int] = {}
    for unit, state, deliveries, error in rows:
        if error:
            errors[error] = errors.get(error, 0) + 1
        kind, _, name = unit.partition(":")
        if kind == "site":
            site_states[state] = site_states.get(state, 0) + 1
            redelivered += deliveries > 1
        elif kind == "stage":
            stages[name] = state
    return TaskProgress(sites=site_states, redelivered=redelivered, stages=stages, errors=errors)
