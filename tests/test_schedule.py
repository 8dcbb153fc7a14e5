"""`leadscout schedule`: cron-style schedules from leadscout.toml, catch-up once, never two runs at once."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from leadscout.config import load_settings
from leadscout.jobs.schedule import ScheduleError, ScheduleSpec, Scheduler, _day_of_week, load_schedules, \
    parse_schedules
from leadscout.store import create_store_engine
from leadscout.store.locks import HeldLock, LockBusy, renew, try_acquire
from leadscout.store.schema import schedule_state
from tests.conftest import run_cli

WEEKLY = ScheduleSpec(name="revalidate", cron="0 3 * * 1", command=("revalidate",), timezone="UTC")
MONDAY_SLOT = datetime(2026, 11, 2, 3, 0, 0, 200_000, tzinfo=UTC)  # a run that started at Monday's 03:00 slot


class Recorder:
    """A runner that records when each run started and ended, and how many ran at once."""

    def __init__(self, seconds: float = 0.4) -> None:
        self.seconds = seconds
        self.runs: list[tuple[float, float]] = []
        self.active = 0
        self.most_at_once = 0
        self.lock = threading.Lock()

    def __call__(self, spec: ScheduleSpec) -> int:
        with self.lock:
            self.active += 1
            self.most_at_once = max(self.most_at_once, self.active)
        started = time.monotonic()
        time.sleep(self.seconds)
        with self.lock:
            self.active -= 1
            self.runs.append((started, time.monotonic()))
        return 0


def _state(engine, name: str = "revalidate"):
    with engine.connect() as conn:
        return conn.execute(select(schedule_state).where(schedule_state.c.name == name)).first()


def _set_last_run(engine, when: datetime, name: str = "revalidate") -> None:
    with engine.begin() as conn:
        conn.execute(schedule_state.insert().values(name=name, last_run_at=when, last_status="done"))


def _run_schedulers(url: str, clock_now: datetime, runner: Recorder, *, count: int = 2, wait: float = 3.0) -> None:
    schedulers = [Scheduler(create_store_engine(url), [WEEKLY], runner=runner, clock=lambda: clock_now)
                  for _ in range(count)]
    try:
        for scheduler in schedulers:
            scheduler.start(background=True)
        time.sleep(wait)
    finally:
        for scheduler in schedulers:
            scheduler.shutdown()


def test_schedule_catches_up_once_after_two_missed_slots(store_url: str) -> None:
    """RELIABILITY item 20: down across two weekly slots -> one catch-up run, never two at once (two schedulers)."""
    engine = create_store_engine(store_url)
    _set_last_run(engine, MONDAY_SLOT)
    now = MONDAY_SLOT + timedelta(days=15)  # the slots of Nov 9 and Nov 16 were missed
    runner = Recorder()
    _run_schedulers(store_url, now, runner)
    assert len(runner.runs) == 1 and runner.most_at_once == 1
    state = _state(engine)
    assert state.last_status == "done" and state.last_run_at.replace(tzinfo=UTC) == now


@pytest.mark.parametrize(("last_run", "now", "runs"), [
    (MONDAY_SLOT, MONDAY_SLOT + timedelta(hours=7), 0),           # ran this Monday: nothing missed
    (MONDAY_SLOT, MONDAY_SLOT + timedelta(days=7, minutes=1), 1),  # one slot missed: one run
    (None, MONDAY_SLOT + timedelta(days=30), 0),                   # new schedule: starts from now, no back-fill
])
def test_schedule_runs_only_what_was_missed(last_run, now, runs, sqlite_url: str) -> None:
    engine = create_store_engine(sqlite_url)
    if last_run is not None:
        _set_last_run(engine, last_run)
    runner = Recorder(0.05)
    _run_schedulers(sqlite_url, now, runner, count=1, wait=1.0)
    assert len(runner.runs) == runs
    assert _state(engine).last_status == ("done" if runs else "done" if last_run else "registered")


def test_schedule_run_is_busy_while_another_process_holds_the_lock(sqlite_url: str) -> None:
    engine = create_store_engine(sqlite_url)
    _set_last_run(engine, MONDAY_SLOT)
    now = MONDAY_SLOT + timedelta(days=8)
    runner = Recorder(0.01)
    scheduler = Scheduler(engine, [WEEKLY], runner=runner, clock=lambda: now)
    with HeldLock(create_store_engine(sqlite_url), "schedule:revalidate"):
        assert scheduler.run("revalidate") == "busy"
    assert scheduler.run("revalidate") == "ran"
    assert scheduler.run("revalidate") == "not_due"  # the slot is done: a late second firing does nothing
    assert len(runner.runs) == 1


def test_schedule_lock_lease_is_taken_over_after_its_holder_died(store_url: str) -> None:
    engine = create_store_engine(store_url)
    t0 = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
    lease = timedelta(minutes=2)
    assert try_acquire(engine, "revalidate", "a", lease=lease, clock=lambda: t0) is not None
    assert try_acquire(engine, "revalidate", "b", lease=lease, clock=lambda: t0 + timedelta(minutes=1)) is None
    assert try_acquire(engine, "revalidate", "b", lease=lease, clock=lambda: t0 + timedelta(minutes=3)) is not None
    assert not renew(engine, "revalidate", "a")  # the dead holder's renewal fails: it lost the lock
    with pytest.raises(LockBusy, match="revalidate is already running"):  # b's lease runs to t0 + 5 min
        with HeldLock(engine, "revalidate", lease=lease, clock=lambda: t0 + timedelta(minutes=4)):
            pass


@pytest.mark.parametrize(("cron_field", "apscheduler_field"), [
    ("1", "mon"), ("0", "sun"), ("7", "sun"), ("1-5", "mon,tue,wed,thu,fri"), ("*/2", "sun,tue,thu,sat"),
    ("mon-fri", "mon-fri"), ("*", "*"),
])
def test_schedule_day_of_week_means_what_crontab_means(cron_field: str, apscheduler_field: str) -> None:
    assert _day_of_week(cron_field) == apscheduler_field


def test_schedule_config_forms(tmp_path: Path) -> None:
    config = tmp_path / "leadscout.toml"
    config.write_text('db = "sqlite:///leads.db"\nretention_days = 90\n\n[schedules]\nrevalidate = "0 3 * * 1"\n\n'
                      '[schedules.recrawl]\ncron = "0 2 1 * *"\ncommand = "crawl --seeds-file prospects.txt"\n\n'
                      '[schedules.export]\ncron = "30 1 * * *"\ncommand = ["export", "--to", "hubspot", "--since", '
                      '"last"]\ntimezone = "Europe/Berlin"\n')
    specs = {spec.name: spec for spec in load_schedules(config)}
    assert specs["revalidate"].command == ("revalidate",)
    assert specs["recrawl"].command == ("crawl", "--seeds-file", "prospects.txt")
    assert specs["export"].timezone == "Europe/Berlin"
    assert specs["revalidate"].next_slot(MONDAY_SLOT) == MONDAY_SLOT.replace(microsecond=0) + timedelta(days=7)
    settings = load_settings(config_file=config, environ={})
    assert settings.retention_days == 90  # the settings loader reads around the schedules table


@pytest.mark.parametrize(("table", "message"), [
    ({"revalidate": "0 3 * *"}, "needs 5 fields"),
    ({"revalidate": "0 25 * * 1"}, "cron"),
    ({"nightly": {"cron": "0 1 * * *", "command": "rm -rf /"}}, "command must start with one of"),
    ({"nightly": {"cron": "0 1 * * *", "command": "schedule"}}, "command must start with one of"),
    ({"nightly": {"cron": "0 1 * * *", "command": "export", "retries": 3}}, "unknown key"),
    ({"nightly": 5}, "needs a cron string"),
])
def test_schedule_config_errors_name_the_schedule(table: dict, message: str) -> None:
    with pytest.raises(ScheduleError, match=message):
        parse_schedules(table)


def test_schedule_cli_lists_next_runs_and_crontab_lines(tmp_path: Path, sqlite_url: str) -> None:
    (tmp_path / "leadscout.toml").write_text('[schedules]\nrevalidate = "0 3 * * 1"\n'
                                             '[schedules.export]\ncron = "30 1 * * *"\ncommand = "export --to csv"\n')
    result = run_cli("schedule", "--list", "--db", sqlite_url, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "revalidate: next run" in result.stdout
    assert "0 3 * * 1 LEADSCOUT_DB=" in result.stdout and "flock -n /tmp/leadscout-revalidate.lock" in result.stdout
    assert "30 1 * * *" in result.stdout and "export --to csv" in result.stdout
    bad = run_cli("schedule", "--db", sqlite_url, cwd=tmp_path / "..")
    assert bad.returncode == 2 and "no schedules table" in bad.stderr
