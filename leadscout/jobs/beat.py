"""Celery beat for a distributed deployment: the ``[schedules]`` of leadscout.toml, run on the workers.

The same table `leadscout schedule` reads (leadscout.jobs.schedule: ``name = "cron"`` runs
`leadscout <name>`, or a table with ``cron``, ``command`` and ``timezone``). Beat only says
*when*; a run is a ``leadscout.run_schedule`` task that any worker takes, and it goes through
the very ``Scheduler.run`` of `leadscout schedule`: the ``schedule:<name>`` lock in the store
(never two runs at once, on any machine, beat and `leadscout schedule` together), the
"is this slot still due" check (a slot two schedulers both fired runs once) and the command as
a child process (`python -m leadscout ...`, which may start a Twisted reactor of its own).

Missed runs coalesce: at start-up, schedules whose slot passed while nothing was running them
(``schedule_state`` in the store) are sent once, right away; beat's own state file then keeps
the next slots. Celery reads every crontab in one zone (``timezone``), so all schedules given
to beat must name the same zone or none (then the machine's local zone, as cron does).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from celery import current_app, shared_task

from leadscout.jobs.app import RUN_SCHEDULE, JobsError, WorkerConfig

log = logging.getLogger(__name__)


def _specs(path: Path | None):
    from leadscout.jobs.schedule import load_schedules

    return load_schedules(path)


def beat_zone(specs) -> str:
    """The one zone beat reads the schedules in."""
    zones = {spec.timezone for spec in specs}
    if len(zones) > 1:
        raise JobsError(f"schedules name different timezones ({', '.join(sorted(str(z) for z in zones))}); "
                        "Celery beat reads all of them in one zone: give them the same timezone (or none)")
    zone = zones.pop() if zones else None
    if zone:
        return zone
    import tzlocal

    return tzlocal.get_localzone_name()


def beat_schedule(config: WorkerConfig, path: Path | None = None) -> tuple[dict[str, dict[str, Any]], str]:
    """Celery's ``beat_schedule`` for the schedules in ``path`` (default ./leadscout.toml), and its zone."""
    from celery.schedules import crontab

    from leadscout.jobs.schedule import _day_of_week

    specs = _specs(path)
    entries = {}
    for spec in specs:
        minute, hour, day, month, dow = spec.cron.split()
        entries[f"schedule:{spec.name}"] = {
            "task": RUN_SCHEDULE,
            # Day-of-week numbers as names: crontab(5) and Celery both count 0 = Sunday, but 7 only in cron.
            "schedule": crontab(minute=minute, hour=hour, day_of_month=day, month_of_year=month,
                                day_of_week=_day_of_week(dow)),
            "args": _task_args(spec),
            "options": {"queue": config.queue},
        }
    return entries, beat_zone(specs) if specs else "UTC"


def _task_args(spec) -> tuple:
    # The spec travels with the task: the worker that runs it needs no copy of leadscout.toml.
    return (spec.name, spec.cron, list(spec.command), spec.timezone)


def send_missed(app, config: WorkerConfig, engine, path: Path | None = None) -> list[str]:
    """Send one run of every schedule whose slot passed while no scheduler was up (coalesced)."""
    from leadscout.jobs.schedule import Scheduler

    specs = _specs(path)
    late = Scheduler(engine, specs, runner=lambda spec: 0).missed()
    for spec in specs:
        if spec.name in late:
            log.info("schedule %s: missed while no scheduler ran; running it once now", spec.name)
            app.send_task(RUN_SCHEDULE, args=_task_args(spec), queue=config.queue)
    return late


@shared_task(name=RUN_SCHEDULE)
def run_schedule(name: str, cron: str, command: list[str], timezone: str | None = None) -> str:
    """One run of a schedule, exactly as `leadscout schedule` runs it: ran, failed, busy or not_due."""
    from leadscout.config import load_settings
    from leadscout.jobs.schedule import CommandRunner, ScheduleSpec, Scheduler
    from leadscout.store import create_store_engine

    settings = load_settings()
    spec = ScheduleSpec(name=name, cron=cron, command=tuple(command), timezone=timezone)
    engine = create_store_engine(settings.db)
    env = {"LEADSCOUT_BROKER_URL": settings.broker_url,
           "LEADSCOUT_BROKER_QUEUE": current_app.conf.task_default_queue or settings.broker_queue}
    outcome = Scheduler(engine, [spec], runner=CommandRunner(settings.db, env=env)).run(name)
    engine.dispose()
    return outcome
