"""Scale-out benchmark: sites per minute of `leadscout crawl` (in-process) vs 1 and 2 Celery workers.

One command: `.venv/bin/python bench/bench_scaleout.py [--sites 500] [--pages 6] [--concurrency 2]`.
It generates a local web of small company sites (a team page with people on each),
serves each site on its own 127.0.0.1 port from one process, and crawls + extracts
+ stores them three times into fresh PostgreSQL databases: `leadscout crawl` (the
in-process baseline), then `leadscout crawl --distributed` with one and with two
`leadscout worker` processes on this machine (Redis on 127.0.0.1:6379). It prints
wall time, sites per minute and the ratio to the baseline measured in the same
run, CPU seconds per site (every process included: workers, pool processes,
crawl children), and a projection of the workers needed for 541,000 sites a day.
No politeness delay (`--delay 0`), so the figures are the processing cost; the
projection adds the politeness-bound crawl time separately.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select, text  # noqa: E402

from leadscout.store import create_store_engine  # noqa: E402
from leadscout.store.schema import job_tasks, jobs, people  # noqa: E402
from tests.jobs_support import Broker, Workers, serve_web, write_web  # noqa: E402

BIN = Path(sys.executable).parent
PG_ADMIN = os.environ.get("LEADSCOUT_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("LEADSCOUT_TEST_REDIS", "redis://127.0.0.1:6379/0")
TARGET_SITES, TARGET_SECONDS = 541_000, 86_400
console = Console()


@dataclass
class Run:
    mode: str
    sites: int
    wall: float
    cpu: float
    people: int

    @property
    def per_minute(self) -> float:
        return 60 * self.sites / self.wall


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def fresh_db():
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"leadscout_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def count_people(db: str) -> int:
    engine = create_store_engine(db)
    with engine.connect() as conn:
        found = conn.execute(select(func.count()).select_from(people)).scalar_one()
    engine.dispose()
    return found


def in_process(seeds: Path, sites: int, pages: int) -> Run:
    with fresh_db() as db, console.status(f"in-process: leadscout crawl of {sites} sites"):
        before, start = cpu_of_children(), time.perf_counter()
        done = subprocess.run([str(BIN / "leadscout"), "crawl", "--seeds-file", str(seeds), "--allow-private",
                               "--delay", "0", "--max-pages-per-site", str(pages), "--db", db],
                              capture_output=True, text=True, env={k: v for k, v in os.environ.items()
                                                                   if k != "LEADSCOUT_DB"})
        wall, cpu = time.perf_counter() - start, cpu_of_children() - before
        if done.returncode != 0:
            raise SystemExit(f"leadscout crawl failed: {done.stderr[-2000:]}")
        return Run("in-process (leadscout crawl)", sites, wall, cpu, count_people(db))


def distributed(seeds: Path, sites: int, pages: int, workers: int, concurrency: int, work: Path) -> Run:
    import redis

    broker = Broker(url=REDIS, queue=f"lsbench-{uuid.uuid4().hex[:8]}")
    folder = work / f"workers-{workers}"
    folder.mkdir()
    with fresh_db() as db:
        pool = Workers(db=db, broker=broker, folder=folder)
        before = cpu_of_children()
        try:
            for _ in range(workers):
                pool.start(concurrency=concurrency, ready_timeout=60)
            start = time.perf_counter()
            sent = subprocess.run([str(BIN / "leadscout"), "crawl", "--seeds-file", str(seeds), "--allow-private",
                                   "--delay", "0", "--max-pages-per-site", str(pages), "--distributed", "--db", db],
                                  capture_output=True, text=True, env={**os.environ, **broker.env()})
            if sent.returncode != 0:
                raise SystemExit(f"crawl --distributed failed: {sent.stderr[-2000:]}")
            wait_for_job(db, sites, f"{workers} worker(s) x {concurrency}")
            wall = time.perf_counter() - start
        finally:
            pool.stop_all()
            client = redis.Redis.from_url(REDIS)
            keys = list(client.scan_iter(match=f"{broker.queue}:*"))
            if keys:
                client.delete(*keys)
        cpu = cpu_of_children() - before
        status = subprocess.run([str(BIN / "leadscout"), "status", "1", "--db", db], capture_output=True, text=True)
        console.print(status.stdout.strip(), markup=False, highlight=False)
        found = count_people(db)
        if "job 1: done" not in status.stdout:
            for log in sorted(folder.glob("worker*.log")):
                console.print(f"--- {log.name} (end)\n" + log.read_text()[-4000:], markup=False, highlight=False)
        return Run(f"distributed, {workers} worker(s) x {concurrency}", sites, wall, cpu, found)


def wait_for_job(db: str, sites: int, label: str) -> None:
    engine = create_store_engine(db)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task(label, total=sites)
        while True:
            with engine.connect() as conn:
                status = conn.execute(select(jobs.c.status).where(jobs.c.id == 1)).scalar()
                finished = conn.execute(select(func.count()).select_from(job_tasks).where(
                    job_tasks.c.unit.startswith("site:"), job_tasks.c.state.in_(("done", "failed")))).scalar_one()
            progress.update(task, completed=finished)
            if status not in (None, "running"):
                break
            time.sleep(1)
    engine.dispose()


def projection(runs: list[Run], pages: int) -> None:
    """Workers for 541,000 sites in 24 h, from the measured CPU per site and the politeness-bound crawl time."""
    one = next(r for r in runs if r.mode.startswith("distributed, 1 "))
    cpu_per_site = one.cpu / one.sites
    rate = TARGET_SITES / TARGET_SECONDS
    cores = rate * cpu_per_site
    # Politeness: a real site of 25 pages at the default 0.5 s delay, 2 requests at a time, takes
    # >= 25 x 0.5 s of waiting; those seconds hold a pool slot but no CPU.
    polite_wall = 25 * 0.5 + 2.0
    slots = rate * (polite_wall + cpu_per_site)
    console.print(f"\nprojection for {TARGET_SITES:,} sites in 24 h ({rate:.2f} sites/s):")
    console.print(f"  measured CPU per site (distributed, {pages}-page sites, extraction included): "
                  f"{cpu_per_site:.2f} s -> {cores:.1f} busy cores; x{25 / pages:.1f} for 25-page sites -> "
                  f"{cores * 25 / pages:.1f} cores")
    console.print(f"  politeness: ~{polite_wall:.0f} s of crawl per 25-page site at 0.5 s delay -> "
                  f"{slots:.0f} site tasks in flight at once")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=500)
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--concurrency", type=int, default=2, help="pool processes per worker")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="leadscout-scaleout-"))
    try:
        with console.status(f"generating {args.sites} sites x {args.pages} pages"):
            expected = write_web(work / "web", args.sites, args.pages)
        with serve_web(work / "web", work / "access.log") as urls:
            seeds = work / "seeds.txt"
            seeds.write_text("\n".join(urls.values()))
            runs = [in_process(seeds, args.sites, args.pages)]
            for workers in (1, 2):
                runs.append(distributed(seeds, args.sites, args.pages, workers, args.concurrency, work))
        base = runs[0]
        table = Table("mode", "sites", "seconds", "sites/min", "vs in-process", "CPU s/site", "people",
                      title=f"{args.sites} local sites x {args.pages} pages, {os.cpu_count()} cores, PostgreSQL")
        for run in runs:
            table.add_row(run.mode, str(run.sites), f"{run.wall:.1f}", f"{run.per_minute:.1f}",
                          f"{run.per_minute / base.per_minute:.2f}x", f"{run.cpu / run.sites:.2f}",
                          f"{run.people} / {expected}")
        console.print(table)
        projection(runs, args.pages)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
