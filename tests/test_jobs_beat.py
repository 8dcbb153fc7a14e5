"""Celery beat reads the `leadscout schedule` table; a slot missed while nothing ran is run once by a worker."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from leadscout.jobs.app import JobsError, WorkerConfig
from leadscout.jobs.beat import beat_schedule
from leadscout.store import create_store_engine
from leadscout.store.engine import insert_for
from leadscout.store.schema import jobs, schedule_state
from tests.jobs_support import redis_broker

CONFIG = WorkerConfig(broker_url="redis://127.0.0.1:6379/0", queue="q", visibility_timeout=60, lease=10)


@pytest.mark.parametrize(("table", "fields", "zone"), [
    ('revalidate = "0 3 * * 1"', ("0", "3", "*", "*", {1}), None),
    ('[schedules.export]\ncron = "30 1 * * 0"\ncommand = "export --to csv"\ntimezone = "Europe/Berlin"',
     ("30", "1", "*", "*", {0}), "Europe/Berlin"),
    ('[schedules.recrawl]\ncron = "15 2 1 * 7"\ncommand = "crawl --seeds-file prospects.txt --distributed"',
     ("15", "2", "1", "*", {0}), None),  # cron's 7 is Sunday too
])
def test_jobs_beat_reads_the_schedules_table(tmp_path: Path, table: str, fields: tuple, zone: str | None) -> None:
    path = tmp_path / "leadscout.toml"
    path.write_text(table if table.startswith("[") else f"[schedules]\n{table}\n")
    entries, beat_zone = beat_schedule(CONFIG, path)
    (name, entry), = entries.items()
    cron = entry["schedule"]
    minute, hour, day, month, dow = fields
    assert cron.minute == {int(minute)} and cron.hour == {int(hour)} and cron.day_of_week == dow
    assert entry["task"] == "leadscout.run_schedule" and entry["options"] == {"queue": "q"}
    assert entry["args"][0] == name.removeprefix("schedule:")
    if zone:
        assert beat_zone == zone


def test_jobs_beat_refuses_schedules_in_different_zones(tmp_path: Path) -> None:
    path = tmp_path / "leadscout.toml"
    path.write_text('[schedules.revalidate]\ncron = "0 3 * * *"\ntimezone = "Europe/Berlin"\n'
                    '[schedules.export]\ncron = "0 4 * * *"\ntimezone = "America/New_York"\n')
    with pytest.raises(JobsError, match="same timezone"):
        beat_schedule(CONFIG, path)


@pytest.mark.postgres
def test_jobs_beat_worker_runs_a_missed_slot_once(pg_url: str, tmp_path: Path) -> None:
    """The scheduler was down across two daily slots: the worker with --beat runs the export once."""
    out = tmp_path / "nightly.csv"
    (tmp_path / "leadscout.toml").write_text(
        f'[schedules.export]\ncron = "0 1 * * *"\ncommand = "export --to csv --out {out}"\n')
    engine = create_store_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(insert_for(conn, schedule_state).values(
            name="export", last_run_at=datetime.now(UTC) - timedelta(days=2, hours=1), last_status="done"))
    with redis_broker() as broker:
        exe = Path(sys.executable).parent / "leadscout"
        env = {k: v for k, v in os.environ.items() if k != "LEADSCOUT_DB"}
        env.update(broker.env())
        log = tmp_path / "worker.log"
        with log.open("w") as sink:
            worker = subprocess.Popen([str(exe), "worker", "--beat", "--concurrency", "1", "--db", pg_url],
                                      cwd=tmp_path, env=env, stdout=sink, stderr=subprocess.STDOUT,
                                      start_new_session=True)
        try:
            deadline = time.monotonic() + 60
            while True:
                with engine.connect() as conn:
                    status = conn.execute(select(schedule_state.c.last_status)
                                          .where(schedule_state.c.name == "export")).scalar()
                if status in ("done", "failed") and out.exists():
                    break
                assert time.monotonic() < deadline, log.read_text()[-3000:]
                time.sleep(0.5)
            time.sleep(2)  # a second run, if one were wrongly sent, would have started by now
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    assert status == "done", log.read_text()[-3000:]
    with engine.connect() as conn:
        runs = conn.execute(select(func.count()).select_from(jobs).where(jobs.c.kind == "export")).scalar_one()
    assert runs == 1
    assert "beat: Starting" in log.read_text()
