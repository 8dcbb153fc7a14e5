"""Celery tasks of a distributed crawl: one task per site, then the batch stages, each safe to deliver twice.

A site task crawls its site, extracts and validates the people on its pages and
stores them; when the last site of a job is finished, the batch stages (identity
resolution, company facts; clustering joins ``STAGES`` later) run as their own
tasks, one after the other, and the last one marks the job done.

Why a fresh child process per site crawl rather than a long-lived Twisted reactor
in the worker: the reactor cannot be restarted in a process, and a shared one
would share one DNS resolver — the SSRF guard, whose policy (allow-private,
allowed networks) is per job — among every job the worker serves. A child per
site gets its own reactor and resolver exactly as `leadscout crawl` does (the
same ``pipeline.run_crawl``), a site that crashes or leaks takes only its own
process down, and the child dies with the worker (PR_SET_PDEATHSIG). The child
is forked from the pool process, which has already imported Scrapy and the
stages but never installs a reactor, so a site pays a fork, not an interpreter
start and two seconds of imports (``python -m leadscout.jobs.crawl_site`` runs
the same child by hand). The fork happens before the lease heartbeat thread
starts, so no lock of another thread is copied mid-operation. Extraction, the
CPU-heavy part, stays in the pool process, where the spaCy pipeline is loaded
once and reused for every site.

Idempotence: every task first claims its unit in the store (leadscout.jobs.leases).
A delivery that finds the unit finished does nothing; one that finds a live
lease comes back later (the holder may still die); a redelivery after a worker
died resumes the site from the store's crawl state (URLs done stay done, people
are upserted on their unique keys), so nothing is lost, fetched again needlessly
or duplicated.
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from celery import current_app, shared_task
from sqlalchemy import Engine, select

from leadscout.config import Settings, load_settings
from leadscout.jobs.app import CRAWL_SITE, RUN_STAGE, WorkerConfig
from leadscout.jobs.leases import (
    Heartbeat, LeaseLost, claim, finish, open_units, release, site_unit, stage_unit,
)
from leadscout.progress import ProgressTask
from leadscout.store import create_store_engine
from leadscout.store.crawl import finish_job, set_site_status
from leadscout.store.schema import jobs

log = logging.getLogger(__name__)

MAX_DELIVERIES = 5
"""A unit claimed this often without finishing (it kills its workers, or keeps failing) is given up as failed."""


@dataclass(frozen=True, slots=True)
class Stage:
    """A batch stage run over the store once every site of a job is finished."""

    name: str
    run: Callable[[Engine, int], Any]


def _resolve(engine: Engine, job_id: int) -> Any:
    from enrichment.resolve import resolve_people

    return resolve_people(engine, job_id=job_id)


def _site_facts(engine: Engine, job_id: int) -> Any:
    from enrichment.sitefacts import collect_site_facts

    return collect_site_facts(engine, job_id)


STAGES: tuple[Stage, ...] = (Stage("resolve", _resolve), Stage("site_facts", _site_facts))
"""In order, as `leadscout crawl` runs them after extraction; the job is done when the last one is."""


class CrawlFailed(RuntimeError):
    """The site's crawl process failed; the message carries the end of its error output."""


@dataclass
class _Context:
    """What a pool process needs for its tasks, built on first use in that process (never before the fork)."""

    settings: Settings
    config: WorkerConfig
    engine: Engine
    _nlp: Any = field(default=None, repr=False)

    def nlp(self) -> Any:
        if self._nlp is None:
            from ner import load_nlp

            self._nlp = load_nlp(self.settings.spacy_model)
        return self._nlp


@lru_cache(maxsize=1)
def _context_for(pid: int) -> _Context:
    settings = load_settings()
    return _Context(settings=settings, config=WorkerConfig.from_settings(settings),
                    engine=create_store_engine(settings.db))


def context() -> _Context:
    return _context_for(os.getpid())


def _job_params(engine: Engine, job_id: int) -> dict[str, Any]:
    with engine.connect() as conn:
        params = conn.execute(select(jobs.c.params).where(jobs.c.id == job_id)).scalar()
    if params is None:
        raise LookupError(f"no job {job_id} in this worker's store; start workers with the same --db / LEADSCOUT_DB "
                          "as `leadscout crawl --distributed`")
    return params


def _busy_wait(config: WorkerConfig) -> float:
    """Come back when the holder's lease could have run out (jittered, so duplicates spread out)."""
    return random.uniform(0.5, 1.0) * min(config.lease, 60.0)


def _backoff(deliveries: int) -> float:
    return random.uniform(0.5, 1.0) * min(300.0, 5.0 * 2 ** deliveries)


@shared_task(bind=True, name=CRAWL_SITE, max_retries=None)
def crawl_site(self, job_id: int, site: str) -> str:
    """Crawl, extract, validate and store one site of a job; returns what this delivery did."""
    ctx = context()
    unit = site_unit(site)
    got = claim(ctx.engine, job_id, unit, lease=ctx.config.lease)
    if got.outcome == "busy":
        raise self.retry(countdown=_busy_wait(ctx.config))
    if got.outcome == "finished":
        after_sites(ctx, job_id)
        return "finished"
    if got.deliveries > MAX_DELIVERIES:
        reason = f"given up after {got.deliveries - 1} deliveries; last error: {got.last_error or 'worker lost'}"
        set_site_status(ctx.engine, job_id, site, status="failed", reason=reason)
        finish(ctx.engine, job_id, unit, got.owner, state="failed", error=reason)
        after_sites(ctx, job_id)
        return "failed"
    if got.deliveries > 1:
        log.warning("site %s of job %d redelivered (delivery %d): resuming from the store", site, job_id,
                    got.deliveries)
    try:
        params = _job_params(ctx.engine, job_id)
        pid, errors = _fork_crawl(ctx, job_id, site)  # before the heartbeat thread starts
        with Heartbeat(ctx.engine, job_id, unit, got.owner, lease=ctx.config.lease,
                       interval=ctx.config.heartbeat) as beat:
            _wait_crawl(pid, errors, site, beat)
            if params.get("extract", True):
                from leadscout.pipeline import extract_job

                extract_job(ctx.settings, job_id, _LeaseProgress(beat), nlp=ctx.nlp(), site=site, engine=ctx.engine)
            beat.check()
    except LeaseLost as exc:
        log.warning("%s; stopping", exc)
        return "lost"
    except Exception as exc:  # noqa: BLE001 - any failure: give the site back and retry it later
        log.exception("site %s of job %d failed (delivery %d)", site, job_id, got.deliveries)
        release(ctx.engine, job_id, unit, got.owner, error=f"{type(exc).__name__}: {exc}"[:500])
        raise self.retry(countdown=_backoff(got.deliveries)) from exc
    finish(ctx.engine, job_id, unit, got.owner)
    after_sites(ctx, job_id)
    return "done"


def _fork_crawl(ctx: _Context, job_id: int, site: str) -> tuple[int, Path]:
    """Start the site's crawl in a forked child; returns its pid and the file it writes its error to."""
    from leadscout.jobs.crawl_site import crawl_one_site, die_with_parent

    if "twisted.internet.reactor" in sys.modules:  # a forked child would inherit a used reactor
        raise RuntimeError("a Twisted reactor is installed in the worker's pool process; it must never be")
    handle, name = tempfile.mkstemp(prefix="leadscout-crawl-", suffix=".err")
    os.close(handle)
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: crawl, then leave without running the pool process's exit handlers
        code = 1
        try:
            die_with_parent(parent)
            # The worker's log handlers came along with the fork: keep Scrapy's per-request DEBUG lines
            # (a scraped item's whole HTML) out of the worker log; its warnings and errors still go there.
            for handler in logging.root.handlers:
                handler.setLevel(max(handler.level, logging.WARNING))
            crawl_one_site(ctx.settings, job_id, site)
            code = 0
        except BaseException:  # noqa: BLE001 - reported to the parent through the error file
            Path(name).write_text(traceback.format_exc()[-3000:], encoding="utf-8")
        finally:
            os._exit(code)
    return pid, Path(name)


def _wait_crawl(pid: int, errors: Path, site: str, beat: Heartbeat) -> None:
    """Wait for the crawl child; kill it if our lease is lost; raise with its error if it failed."""
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if beat.lost.is_set():
                beat.check()
            time.sleep(0.1)
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            tail = errors.read_text(encoding="utf-8", errors="replace").strip().splitlines() if errors.exists() else []
            raise CrawlFailed(f"crawl of {site} exited with code {code}: {tail[-1] if tail else 'no output'}")
    finally:
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(pid, os.WNOHANG) == (0, 0):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
        errors.unlink(missing_ok=True)


class _LeaseProgress:
    """A progress reporter (leadscout.progress) that stops extraction as soon as the lease is lost."""

    def __init__(self, beat: Heartbeat) -> None:
        self.beat = beat

    def task(self, description: str, *, total: int | None) -> ProgressTask:
        return self

    def advance(self, amount: int = 1) -> None:
        self.beat.check()

    def done(self) -> None:
        pass



def after_sites(ctx: _Context, job_id: int) -> None:
    """When no site of the job is open any more, start the first batch stage (or finish the job)."""
    if open_units(ctx.engine, job_id, "site:"):
        return
    if _job_params(ctx.engine, job_id).get("extract", True) and STAGES:
        _send(ctx, RUN_STAGE, job_id, STAGES[0].name)
    else:
        _finish(ctx, job_id)


def _send(ctx: _Context, task: str, *args: Any) -> None:
    current_app.send_task(task, args=args, queue=ctx.config.queue)


def _finish(ctx: _Context, job_id: int, *, error: str | None = None) -> None:
    with ctx.engine.connect() as conn:
        status = conn.execute(select(jobs.c.status).where(jobs.c.id == job_id)).scalar()
    if status == "running":
        finish_job(ctx.engine, job_id, status="failed" if error else "done", error=error)
        log.info("job %d %s", job_id, "failed" if error else "done")


@shared_task(bind=True, name=RUN_STAGE, max_retries=None)
def run_stage(self, job_id: int, stage: str) -> str:
    """Run one batch stage of a job whose sites are all finished; then the next stage, or finish the job."""
    ctx = context()
    names = [s.name for s in STAGES]
    if stage not in names:
        log.error("unknown stage %r (this worker knows %s); is it older than the enqueuer?", stage, names)
        return "unknown"
    unit = stage_unit(stage)
    got = claim(ctx.engine, job_id, unit, lease=ctx.config.lease)
    if got.outcome == "busy":
        raise self.retry(countdown=_busy_wait(ctx.config))
    if got.outcome == "finished":
        _after_stage(ctx, job_id, stage)
        return "finished"
    if got.deliveries > MAX_DELIVERIES:
        reason = (f"stage {stage} given up after {got.deliveries - 1} deliveries; "
                  f"last error: {got.last_error or 'worker lost'}")
        finish(ctx.engine, job_id, unit, got.owner, state="failed", error=reason)
        _finish(ctx, job_id, error=reason)
        return "failed"
    try:
        with Heartbeat(ctx.engine, job_id, unit, got.owner, lease=ctx.config.lease, interval=ctx.config.heartbeat):
            summary = STAGES[names.index(stage)].run(ctx.engine, job_id)
    except Exception as exc:  # noqa: BLE001 - give the stage back and retry it later
        log.exception("stage %s of job %d failed (delivery %d)", stage, job_id, got.deliveries)
        release(ctx.engine, job_id, unit, got.owner, error=f"{type(exc).__name__}: {exc}"[:500])
        raise self.retry(countdown=_backoff(got.deliveries)) from exc
    log.info("stage %s of job %d: %s", stage, job_id, summary)
    if not finish(ctx.engine, job_id, unit, got.owner):
        return "lost"
    _after_stage(ctx, job_id, stage)
    return "done"


def _after_stage(ctx: _Context, job_id: int, stage: str) -> None:
    names = [s.name for s in STAGES]
    position = names.index(stage)
    if position + 1 < len(names):
        _send(ctx, RUN_STAGE, job_id, names[position + 1])
    else:
        _finish(ctx, job_id)
