"""kill -9 at random points: the re-run resumes from the store, finishes every site, skips nothing."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from leadscout.store import create_store_engine, integrity_ok
from leadscout.store.schema import crawl_urls, job_sites, jobs, people
from tests.conftest import ROOT

SITES = 6
PAGES_PER_SITE = 10  # index + team + 8 others; all within the budget
TRIALS = 20
FIRST_NAMES = ["Anna", "Ben", "Chloe", "Dmitri", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kaito", "Lena"]
LAST_NAMES = ["Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat", "Ivanova", "Jansen", "Kowalski",
              "Lindqvist", "Moreau"]


def _write_web(root: Path) -> int:
    people = 0
    for s in range(SITES):
        site = root / f"site{s}"
        site.mkdir(parents=True)
        others = "".join(f'<li><a href="/page{i}.html">Page {i}</a></li>' for i in range(8))
        (site / "index.html").write_text(f'<html lang="en-US"><head><title>Firm {s}</title>'
                                         f'<meta property="og:site_name" content="Firm {s} Inc."></head><body>'
                                         f'<ul><li><a href="/team.html">Our team</a></li>{others}</ul></body></html>')
        cards = ""
        for k in range(2):
            first, last = FIRST_NAMES[(2 * s + k) % 12], LAST_NAMES[(3 * s + k) % 12]
            cards += (f'<div class="card"><h3>{first} {last}</h3><p>Head of Sales</p>'
                      f'<a href="mailto:{first.lower()}.{last.lower()}@firm{s}.com">{first.lower()}.{last.lower()}'
                      f'@firm{s}.com</a></div>')
            people += 1
        (site / "team.html").write_text(f'<html lang="en-US"><head><meta property="og:site_name" '
                                        f'content="Firm {s} Inc."></head><body><h1>Team</h1>{cards}</body></html>')
        for i in range(8):
            (site / f"page{i}.html").write_text(f"<html><body><p>Product page {i} of firm {s}.</p></body></html>")
        (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    return people


@pytest.fixture(scope="module")
def web(tmp_path_factory) -> Iterator[tuple[list[str], Path, int]]:
    root = tmp_path_factory.mktemp("web")
    expected_people = _write_web(root)
    log = root.parent / "access.log"
    log.touch()
    proc = subprocess.Popen([sys.executable, "-m", "leadscout.demo_server", str(root), str(log)],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        yield list(json.loads(proc.stdout.readline()).values()), log, expected_people
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _leadscout(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "leadscout"), *args]


def _run(args: list[str], kill_after: float | None) -> bool:
    """Run the CLI; SIGKILL it after ``kill_after`` seconds. True when it was killed."""
    env = {k: v for k, v in os.environ.items() if k != "LEADSCOUT_DB"}
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if kill_after is None:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        return False
    try:
        proc.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True
    assert proc.returncode == 0, proc.stderr.read()
    return False


def _job_exists(db: str) -> bool:
    with create_store_engine(db).connect() as conn:
        return conn.execute(select(func.count()).select_from(jobs)).scalar_one() > 0


@pytest.mark.parametrize("trial", range(TRIALS))
def test_crawler_resume_after_sigkill(trial: int, web, tmp_path: Path) -> None:
    seeds, log, expected_people = web
    rng = random.Random(trial)
    db = f"sqlite:///{tmp_path / 'resume.db'}"
    extract = trial % 2 == 0  # half the trials also get killed during extraction
    crawl = ["crawl", *seeds, "--allow-private", "--delay", "0", "--max-pages-per-site", str(PAGES_PER_SITE),
             "--db", db] + ([] if extract else ["--no-extract"])
    start = len(log.read_text().splitlines())

    def command() -> list[str]:
        if not _job_exists(db):  # killed before the job was even created: start it again
            return _leadscout(*crawl)
        return _leadscout("crawl", "--resume", "1", "--allow-private", "--delay", "0", "--db", db,
                          *([] if extract else ["--no-extract"]))

    kills = sum(_run(command(), kill_after=rng.uniform(0.3, 4.0)) for _ in range(rng.randint(1, 2)))
    _run(command(), kill_after=None)

    engine = create_store_engine(db)
    assert integrity_ok(engine)
    with engine.connect() as conn:
        assert conn.execute(select(jobs.c.status)).scalars().all() == ["done"]
        assert set(conn.execute(select(job_sites.c.status)).scalars()) == {"done"}
        assert conn.execute(select(func.count()).select_from(job_sites)).scalar_one() == SITES
        states = Counter(conn.execute(select(crawl_urls.c.status)).scalars())
        assert states == {"done": SITES * PAGES_PER_SITE}  # nothing pending, failed or silently skipped
        if extract:
            names = conn.execute(select(people.c.full_name)).scalars().all()
            assert len(names) == len(set(names)) == expected_people
    fetched = Counter(line.split()[0] + line.split()[1] for line in log.read_text().splitlines()[start:]
                      if not line.split()[1].endswith(("robots.txt", "sitemap.xml")))
    refetched = sum(n - 1 for n in fetched.values())
    assert len(fetched) == SITES * PAGES_PER_SITE
    # Only pages in flight at a kill are fetched again: pages being downloaded (at most CONCURRENT_REQUESTS,
    # 32) or downloaded and still queued for the store writer; with 6 sites of 10 pages that is at most
    # the 32 concurrent requests per kill.
    assert refetched <= kills * 32, (kills, refetched)
