"""`leadscout schedule`: run leadscout commands on cron-style schedules, on one machine (APScheduler 3.x).

Schedules come from the ``[schedules]`` table of ``leadscout.toml``::

    [schedules]
    revalidate = "0 3 * * 1"                       # short form: `leadscout revalidate`, Mondays 03:00

    [schedules.export]
    cron = "30 1 * * *"                            # crontab fields: minute hour day month day-of-week
    command = "export --to hubspot --since last"   # a leadscout command line, no shell
    timezone = "Europe/Berlin"                     # optional; default the machine's local time, as cron

Guarantees, and how:

- each run is a child process (`python -m leadscout ...`, the store in ``LEADSCOUT_DB``): a
  crawl or re-validation runs the Twisted reactor, which cannot be restarted in a process;
- never two runs of one schedule at once: APScheduler's ``max_instances=1`` in this process,
  and a lock row in the store (leadscout.store.locks) across processes and machines;
- missed runs coalesce into one: when the scheduler was down across one or more slots, it
  runs the job once at start-up (``schedule_state`` remembers when each job last ran);
  while it is up, a slot missed because the machine slept runs once (``coalesce=True``,
  no misfire grace limit). After taking the lock, a run checks that a slot is still due,
  so a second scheduler that fired for the same slot does nothing.
"""

from __future__ import annotations

import logging
import os
import shlex
import subprocess
import sys
import threading
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, select, update

from leadscout.config import CONFIG_FILE, SCHEDULES_TABLE
from leadscout.store.crawl import as_utc
from leadscout.store.engine import insert_for
from leadscout.store.locks import DEFAULT_LEASE, HeldLock, LockBusy
from leadscout.store.schema import schedule_state

log = logging.getLogger(__name__)

RUNNABLE = ("crawl", "revalidate", "purge", "export", "enrich")
"""Commands a schedule may run (not `schedule` itself, nor interactive or one-off ones)."""
_DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
Clock = Callable[[], datetime]


class ScheduleError(ValueError):
    """A schedule in the configuration is malformed; the message names it and says what to fix."""


@dataclass(frozen=True, kw_only=True)
class ScheduleSpec:
    """One scheduled command."""

    name: str
    """The key in ``[schedules]``; also the name of its lock (``schedule:<name>``)."""
    cron: str
    """Five crontab fields: minute hour day-of-month month day-of-week (0 or 7 = Sunday)."""
    command: tuple[str, ...]
    """The leadscout command line, e.g. ``("revalidate", "--older-than", "7d")``."""
    timezone: str | None = None
    """IANA zone the fields are read in; None = the machine's local time, like cron."""

    def trigger(self):
        """The APScheduler trigger; day-of-week numbers translated (APScheduler 3.x counts 0 = Monday)."""
        from apscheduler.triggers.cron import CronTrigger

        fields = self.cron.split()
        if len(fields) != 5:
            raise ScheduleError(f"schedule {self.name!r}: cron {self.cron!r} needs 5 fields "
                                "(minute hour day month day-of-week), e.g. \"0 3 * * 1\"")
        minute, hour, day, month, dow = fields
        try:
            return CronTrigger(minute=minute, hour=hour, day=day, month=month, day_of_week=_day_of_week(dow),
                               timezone=self.timezone)
        except (ValueError, LookupError) as exc:
            raise ScheduleError(f"schedule {self.name!r}: cron {self.cron!r}: {exc}") from None

    def next_slot(self, after: datetime) -> datetime | None:
        """The first scheduled moment strictly after ``after``."""
        return self.trigger().get_next_fire_time(None, after + timedelta(microseconds=1))

    def crontab_line(self, *, executable: str, db: str | None, log_file: str = "leadscout-cron.log") -> str:
        """The equivalent crontab(5) line (flock(1) keeps runs from overlapping there)."""
        env = f"LEADSCOUT_DB={shlex.quote(db)} " if db else ""
        zone = f"CRON_TZ={self.timezone}\n" if self.timezone else ""
        command = " ".join(shlex.quote(part) for part in self.command)
        return (f"{zone}{self.cron} {env}flock -n /tmp/leadscout-{self.name}.lock {shlex.quote(executable)} "
                f"{command} >> {log_file} 2>&1")


def _day_of_week(field: str) -> str:
    """A crontab day-of-week field (0 or 7 = Sunday, ranges, lists, steps) as day names APScheduler reads."""
    if field == "*" or not any(ch.isdigit() for ch in field):
        return field

    def number(text: str) -> int:
        text = text.strip().lower()
        if text.isdigit() and int(text) <= 7:
            return int(text)
        if text[:3] in _DAY_NAMES:
            return _DAY_NAMES.index(text[:3])
        raise ValueError(f"day of week {text!r} is not 0-7 or a day name")

    days: set[int] = set()
    for part in field.split(","):
        base, _, step = part.partition("/")
        low, high = (0, 6) if base == "*" else (number(base.split("-")[0]), number(base.split("-")[-1]))
        if step and "-" not in base and base != "*":
            high = 6
        if high < low:
            raise ValueError(f"day-of-week range {base!r} runs backwards")
        days |= {day % 7 for day in range(low, high + 1, int(step or 1))}
    return ",".join(_DAY_NAMES[day] for day in sorted(days))


def load_schedules(path: Path | None = None) -> list[ScheduleSpec]:
    """The ``[schedules]`` of ``leadscout.toml`` (or ``path``); an empty list when there are none."""
    path = path or Path(CONFIG_FILE)
    if not path.is_file():
        return []
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ScheduleError(f"{path}: not valid TOML ({exc})") from None
    table = document.get(SCHEDULES_TABLE, document.get("leadscout", {}).get(SCHEDULES_TABLE, {}))
    return parse_schedules(table, source=str(path))


def parse_schedules(table: dict, *, source: str = CONFIG_FILE) -> list[ScheduleSpec]:
    specs = []
    for name, entry in table.items():
        if isinstance(entry, str):
            entry = {"cron": entry, "command": name}
        if not isinstance(entry, dict) or not isinstance(entry.get("cron"), str):
            raise ScheduleError(f"{source}: schedule {name!r} needs a cron string, e.g. {name} = \"0 3 * * 1\"")
        unknown = set(entry) - {"cron", "command", "timezone"}
        if unknown:
            raise ScheduleError(f"{source}: schedule {name!r}: unknown key(s) {', '.join(sorted(unknown))}")
        command = entry.get("command", name)
        parts = tuple(shlex.split(command) if isinstance(command, str) else map(str, command))
        if not parts or parts[0] not in RUNNABLE:
            raise ScheduleError(f"{source}: schedule {name!r}: command must start with one of "
                                f"{', '.join(RUNNABLE)}")
        spec = ScheduleSpec(name=name, cron=" ".join(entry["cron"].split()), command=parts,
                            timezone=entry.get("timezone"))
        spec.trigger()  # refuse a bad cron string now, not at 3 a.m.
        specs.append(spec)
    return specs


class CommandRunner:
    """Runs a schedule's command as `python -m leadscout ...` with the store in the environment."""

    def __init__(self, db: str, *, env: dict[str, str] | None = None) -> None:
        self.db = db
        self.env = env
        self._running: set[subprocess.Popen] = set()
        self._lock = threading.Lock()

    def __call__(self, spec: ScheduleSpec) -> int:
        env = {**os.environ, **(self.env or {}), "LEADSCOUT_DB": self.db}  # never on the command line (ps)
        process = subprocess.Popen([sys.executable, "-m", "leadscout", *spec.command], env=env)
        with self._lock:
            self._running.add(process)
        try:
            return process.wait()
        finally:
            with self._lock:
                self._running.discard(process)

    def stop(self, timeout: float = 10.0) -> None:
        """Ask running commands to stop (SIGTERM), then wait for them a little."""
        with self._lock:
            running = list(self._running)
        for process in running:
            process.terminate()
        for process in running:
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()


class Scheduler:
    """The schedules of one store, run by APScheduler; ``clock`` says what "now" is for catch-up decisions."""

    def __init__(self, engine: Engine, specs: Iterable[ScheduleSpec], *, runner: Callable[[ScheduleSpec], int],
                 clock: Clock = lambda: datetime.now(UTC), lease: timedelta = DEFAULT_LEASE) -> None:
        self.engine = engine
        self.specs = {spec.name: spec for spec in specs}
        self.runner = runner
        self.clock = clock
        self.lease = lease
        self.scheduler = None

    def missed(self) -> list[str]:
        """Register new schedules (from now on) and return those whose slot passed since their last run."""
        now = self.clock()
        late = []
        with self.engine.begin() as conn:
            for spec in self.specs.values():
                conn.execute(insert_for(conn, schedule_state).values(name=spec.name, last_run_at=now,
                                                                      last_status="registered")
                             .on_conflict_do_nothing(index_elements=["name"]))
                last = conn.execute(select(schedule_state.c.last_run_at)
                                    .where(schedule_state.c.name == spec.name)).scalar_one()
                slot = spec.next_slot(as_utc(last))
                if slot is not None and slot <= now:
                    late.append(spec.name)
        return late

    def run(self, name: str) -> str:
        """One run of schedule ``name``: ``ran``, ``failed``, ``busy`` (running elsewhere) or ``not_due``."""
        spec = self.specs[name]
        try:
            with HeldLock(self.engine, f"schedule:{name}", lease=self.lease):
                now = self.clock()
                with self.engine.begin() as conn:
                    last = conn.execute(select(schedule_state.c.last_run_at)
                                        .where(schedule_state.c.name == name)).scalar()
                    slot = spec.next_slot(as_utc(last)) if last is not None else now
                    if slot is None or slot > now:
                        log.info("schedule %s: slot already run by another scheduler", name)
                        return "not_due"
                    conn.execute(update(schedule_state).where(schedule_state.c.name == name)
                                 .values(last_run_at=now, last_status="running", last_error=None))
                log.info("schedule %s: running leadscout %s", name, " ".join(spec.command))
                try:
                    code = self.runner(spec)
                except Exception as exc:  # noqa: BLE001 - recorded, and the scheduler goes on
                    code, error = -1, f"{type(exc).__name__}: {exc}"[:500]
                else:
                    error = None if code == 0 else f"exit code {code}"
                with self.engine.begin() as conn:
                    conn.execute(update(schedule_state).where(schedule_state.c.name == name).values(
                        last_finished_at=self.clock(), last_status="done" if code == 0 else "failed",
                        last_error=error))
                log.log(logging.INFO if code == 0 else logging.ERROR, "schedule %s: %s", name, error or "done")
                return "ran" if code == 0 else "failed"
        except LockBusy:
            log.warning("schedule %s: still running elsewhere; this slot is skipped", name)
            return "busy"

    def start(self, *, background: bool = False):
        """Start APScheduler (blocking unless ``background``); late schedules run once, right away."""
        from apscheduler.executors.pool import ThreadPoolExecutor
        from apscheduler.schedulers.background import BackgroundScheduler
        from apscheduler.schedulers.blocking import BlockingScheduler

        late = set(self.missed())
        cls = BackgroundScheduler if background else BlockingScheduler
        self.scheduler = cls(
            executors={"default": ThreadPoolExecutor(max(1, len(self.specs)))},
            # coalesce: slots missed while running (machine asleep) run once; no grace limit: late still runs.
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        for spec in self.specs.values():
            extra = {"next_run_time": datetime.now(UTC)} if spec.name in late else {}
            self.scheduler.add_job(self.run, spec.trigger(), args=[spec.name], id=spec.name, name=spec.name,
                                   **extra)
            if spec.name in late:
                log.info("schedule %s: missed while the scheduler was down; running it once now", spec.name)
        self.scheduler.start()
        return self.scheduler

    def next_runs(self) -> dict[str, datetime | None]:
        """When each schedule runs next (after the one in progress)."""
        now = self.clock()
        return {name: spec.next_slot(now) for name, spec in self.specs.items()}

    def shutdown(self) -> None:
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
