"""Distributed crawls on real Celery workers, a real Redis and PostgreSQL: same results, and a SIGKILL loses nothing."""

from __future__ import annotations

import csv
import os
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from leadscout.store import create_store_engine
from leadscout.store.schema import crawl_urls, job_sites, job_tasks, jobs, people, sites
from tests.conftest import run_cli
from tests.jobs_support import Workers, redis_broker, serve_web, write_web

pytestmark = [pytest.mark.postgres, pytest.mark.model]

RETRY_TIMES = 2  # crawler/settings.py
KILL_SITES = 6
KILL_PAGES = 10  # index + team + 8 others, all within the budget
# Short lease and visibility timeout, so a killed worker's site comes back within seconds.
FAST_RECOVERY = {"LEADSCOUT_WORKER_LEASE": "3", "LEADSCOUT_BROKER_VISIBILITY_TIMEOUT": "6"}


@pytest.fixture
def broker():
    with redis_broker() as namespaced:
        yield namespaced


@pytest.fixture
def workers(pg_url, broker, tmp_path):
    pool = Workers(db=pg_url, broker=broker, folder=tmp_path, env=dict(FAST_RECOVERY))
    try:
        yield pool
    finally:
        pool.stop_all()


def _wait_for_job(db: str, job_id: int, timeout: float) -> str:
    engine = create_store_engine(db)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with engine.connect() as conn:
            status = conn.execute(select(jobs.c.status).where(jobs.c.id == job_id)).scalar()
        if status != "running":
            return status
        time.sleep(0.5)
    raise AssertionError(f"job {job_id} still running after {timeout}s")


def _people_rows(csv_path: Path) -> list[tuple]:
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    return sorted((r["site"], r["name"], r["title"], r["emails"], r["phones"]) for r in rows)


def _exported(db: str, tmp_path: Path, name: str) -> list[tuple]:
    out = tmp_path / f"{name}.csv"
    done = run_cli("export", "--to", "csv", "--out", str(out), "--db", db)
    assert done.returncode == 0, done.stderr
    return _people_rows(out)


def test_jobs_crawl_on_postgresql_and_distributed_match_sqlite(demo_sites, sqlite_url, pg_url, broker, tmp_path,
                                                                pg_admin) -> None:
    seeds = [demo_sites[slug] for slug in ("kessler", "corrib", "brightlane")]
    crawl = ["crawl", *seeds, "--allow-private", "--delay", "0"]
    results = {}
    for name, db in (("sqlite", sqlite_url), ("postgresql", pg_url)):
        done = run_cli(*crawl, "--db", db)
        assert done.returncode == 0, done.stderr
        assert "job 1: done; sites: 3 done" in done.stdout
        status = run_cli("status", "1", "--sites", "--db", db)
        assert status.returncode == 0 and "job 1: done" in status.stdout, status.stderr
        again = run_cli("crawl", "--resume", "1", "--allow-private", "--delay", "0", "--db", db)
        assert again.returncode == 0, again.stderr
        results[name] = _exported(db, tmp_path, name)
    assert results["postgresql"] == results["sqlite"]
    assert len(results["sqlite"]) > 10

    # The same sites crawled by a worker into a fresh PostgreSQL store: the same people.
    name = f"leadscout_test_{uuid.uuid4().hex[:12]}"
    with pg_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    dist_db = pg_admin.url.set(database=name).render_as_string(hide_password=False)
    pool = Workers(db=dist_db, broker=broker, folder=tmp_path)
    try:
        pool.start(concurrency=2)
        sent = run_cli(*crawl, "--distributed", "--db", dist_db, env=broker.env())
        assert sent.returncode == 0, sent.stderr
        assert "job 1: 3 site tasks sent" in sent.stdout
        assert _wait_for_job(dist_db, 1, timeout=90) == "done"
        status = run_cli("status", "1", "--db", dist_db)
        assert "job 1: done; sites: 3 done" in status.stdout, status.stdout
        assert "site tasks: 3 done (0 redelivered); stages: resolve done, site_facts done" in status.stdout, status.stdout
        assert _exported(dist_db, tmp_path, "distributed") == results["sqlite"]
    finally:
        pool.stop_all()
        with pg_admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _owner_pid(owner: str) -> int:
    return int(owner.split(":")[1])


def _running_site_of(engine, pgids: set[int]) -> tuple[str, int] | None:
    """A site being crawled right now, mid-way (some pages stored, not all), by a worker in ``pgids``."""
    with engine.connect() as conn:
        rows = conn.execute(select(job_tasks.c.unit, job_tasks.c.owner).where(job_tasks.c.state == "running")).all()
        fetched = dict(conn.execute(select(sites.c.site, job_sites.c.pages_fetched)
                                    .join(sites, sites.c.id == job_sites.c.site_id)).all())
    for unit, owner in rows:
        if not unit.startswith("site:") or owner is None:
            continue
        try:
            pgid = os.getpgid(_owner_pid(owner))
        except ProcessLookupError:
            continue
        site = unit.removeprefix("site:")
        if pgid in pgids and 1 <= fetched.get(site, 0) < KILL_PAGES - 1:
            return site, pgid
    return None


def test_jobs_worker_killed_mid_site_loses_nothing(workers: Workers, broker, tmp_path: Path) -> None:
    root = tmp_path / "web"
    expected_people = write_web(root, KILL_SITES, KILL_PAGES)
    log = tmp_path / "access.log"
    with serve_web(root, log) as urls:
        started = [workers.start(concurrency=2), workers.start(concurrency=2)]
        sent = run_cli("crawl", *urls.values(), "--allow-private", "--delay", "0.4", "--max-pages-per-site",
                       str(KILL_PAGES), "--distributed", "--db", workers.db, env=broker.env())
        assert sent.returncode == 0, sent.stderr
        engine = create_store_engine(workers.db)
        deadline = time.monotonic() + 60
        victim = None
        while victim is None:
            assert time.monotonic() < deadline, "no site was ever seen mid-crawl"
            victim = _running_site_of(engine, {w.pgid for w in started})
            time.sleep(0.1)
        site, pgid = victim
        killed = next(w for w in started if w.pgid == pgid)
        killed.kill()

        assert _wait_for_job(workers.db, 1, timeout=100) == "done"
        fetched = Counter(tuple(line.split()[:2]) for line in log.read_text().splitlines())

    with engine.connect() as conn:
        assert set(conn.execute(select(job_sites.c.status)).scalars()) == {"done"}
        assert conn.execute(select(func.count()).select_from(job_sites)).scalar_one() == KILL_SITES
        units = {unit: (state, deliveries) for unit, state, deliveries in conn.execute(
            select(job_tasks.c.unit, job_tasks.c.state, job_tasks.c.deliveries))}
        assert Counter(conn.execute(select(crawl_urls.c.status)).scalars()) == {"done": KILL_SITES * KILL_PAGES}
        names = conn.execute(select(people.c.full_name)).scalars().all()
    assert {state for state, _ in units.values()} == {"done"}
    assert len(units) == KILL_SITES + 2  # every site and the two batch stages
    assert units[f"site:{site}"][1] >= 2, f"the killed site was not redelivered: {units}"
    assert len(names) == len(set(names)) == expected_people  # nobody lost, nobody twice
    pages = [key for key in fetched if key[1].endswith(".html") or key[1] == "/"]
    assert len(pages) == KILL_SITES * KILL_PAGES
    worst = max(fetched.values())
    print(f"killed mid-site {site}; deliveries {units}; most fetches of one URL: {worst}")
    assert worst <= RETRY_TIMES + 2, [(k, n) for k, n in fetched.items() if n > RETRY_TIMES + 2]
    status = run_cli("status", "1", "--db", workers.db)
    assert "job 1: done" in status.stdout and "redelivered" in status.stdout, status.stdout
    assert f"people: {expected_people}" in status.stdout
