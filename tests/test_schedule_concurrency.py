"""RELIABILITY item 19: the CLI and the scheduler writing to one SQLite store at once — no "database is locked"."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from leadscout.store import create_store_engine
from leadscout.store.schema import schedule_state
from tests.conftest import ROOT, run_cli
from tests.revalidate_support import Member, long_ago, seed_page, statuses, team_page
from tests.webserver import Reply, serve

PAGES, PER_PAGE = 24, 10
CONFIG = """[schedules.revalidate]
cron = "0 3 * * 1"
command = "revalidate --older-than 0s --allow-private --delay 0 --no-purge"
"""


GIVEN = ("Alice", "Brian", "Carla", "Daniel", "Erin", "Frank", "Gina", "Hugo", "Ivy", "Jack", "Karen", "Liam",
         "Maria", "Nathan", "Olivia", "Peter", "Quinn", "Rachel", "Samuel", "Tara", "Umar", "Vera", "Walter", "Yusuf")
FAMILY = ("Johnson", "Patel", "Mendes", "Okafor", "Walsh", "Novak", "Rossi", "Martin", "Chen", "Turner")


def _members(page: int) -> list[Member]:
    """Real-looking names (the extractor must read them if a page is re-extracted), one given name per page."""
    return [Member(f"{GIVEN[page]} {FAMILY[i]}", "Engineer", f"{GIVEN[page]}.{FAMILY[i]}@acme-widgets.co.uk".lower())
            for i in range(PER_PAGE)]


def test_schedule_and_cli_write_at_once_without_database_is_locked(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'leads.db'}"
    engine = create_store_engine(db)
    routes = {"/robots.txt": Reply(404, "none")}
    for page in range(PAGES):
        routes[f"/team{page}.html"] = Reply(200, team_page(_members(page)), etag=f'"{page}"', delay=0.2)
    (tmp_path / "leadscout.toml").write_text(CONFIG)
    with serve(routes) as site:
        for page in range(PAGES):
            seed_page(engine, f"{site.url}team{page}.html", team_page(_members(page)), _members(page),
                      fetched_at=long_ago(), headers={"etag": f'"{page}"'})
        with engine.begin() as conn:  # the weekly slot was missed: the scheduler runs it at once
            conn.execute(schedule_state.insert().values(name="revalidate", last_status="done",
                                                        last_run_at=datetime.now(UTC) - timedelta(days=30)))
        env = {k: v for k, v in os.environ.items() if k != "LEADSCOUT_DB"}
        err_path = tmp_path / "scheduler.err"  # a file, not a pipe: nothing blocks on a full pipe buffer
        scheduler = subprocess.Popen([sys.executable, "-m", "leadscout", "schedule", "--db", db], cwd=tmp_path,
                                     env={**env, "PYTHONPATH": str(ROOT)}, stderr=err_path.open("w"))
        try:
            _wait_for(engine, "running", timeout=60)
            victims = [_members(page)[0].email for page in range(0, PAGES, 4)]
            cli_started = datetime.now(UTC)
            with ThreadPoolExecutor(2) as pool:  # the CLI writing while the scheduled run writes
                results = list(pool.map(lambda email: run_cli("forget", email, "--db", db), victims))
                results.append(run_cli("export", "--to", "csv", "--out", str(tmp_path / "leads.csv"), "--db", db))
            final = _wait_for(engine, "done", timeout=120)
        finally:
            scheduler.send_signal(signal.SIGTERM)
            scheduler.wait(timeout=30)
            scheduler_err = err_path.read_text()
    # The CLI started while the scheduled run was running (it had reached "running" first) and before it ended.
    assert cli_started < final.last_finished_at.replace(tzinfo=UTC), "no overlap: nothing was tested"
    assert all(r.returncode == 0 for r in results), [r.stderr[-300:] for r in results if r.returncode]
    logs = scheduler_err + "".join(r.stderr for r in results)
    assert "database is locked" not in logs and "OperationalError" not in logs
    assert final.last_status == "done", final.last_error
    left = statuses(engine)
    assert len(left) == PAGES * PER_PAGE - len(victims)  # erased people stay erased
    # An erasure drops the cached team page it was on; when that races the run, the colleagues on that page
    # cannot be judged this time (stale). Everyone else is confirmed; nobody is wrongly declared departed.
    victim_pages = {GIVEN[page] for page in range(0, PAGES, 4)}
    assert {status for status, _ in left.values()} <= {"active", "stale"}
    assert all(status == "active" for name, (status, _) in left.items() if name.split()[0] not in victim_pages)


def _state(engine):
    with engine.connect() as conn:
        return conn.execute(select(schedule_state).where(schedule_state.c.name == "revalidate")).one()


def _wait_for(engine, status: str, *, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = _state(engine)
        if state.last_status == status or (status == "done" and state.last_status == "failed"):
            return state
        time.sleep(0.1)
    raise AssertionError(f"the scheduled run did not reach {status!r} in {timeout} s")
