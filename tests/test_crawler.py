"""The crawler end to end over loopback sites: budget, ranking, robots.txt, binaries, refused seeds."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from leadscout.store import create_store_engine
from leadscout.store.schema import crawl_urls, pages
from tests.conftest import ROOT, run_cli

SITES = Path(__file__).parent / "sites"


@pytest.fixture(scope="module")
def test_sites(tmp_path_factory) -> Iterator[tuple[dict[str, str], Path]]:
    """tests/sites/* served on loopback with an access log of every request."""
    access_log = tmp_path_factory.mktemp("access") / "access.log"
    access_log.touch()
    proc = subprocess.Popen([sys.executable, "-m", "leadscout.demo_server", str(SITES), str(access_log)],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        yield json.loads(proc.stdout.readline()), access_log
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def crawled(test_sites, tmp_path_factory) -> tuple[str, subprocess.CompletedProcess, list[str]]:
    urls, access_log = test_sites
    db = f"sqlite:///{tmp_path_factory.mktemp('db') / 'crawl.db'}"
    result = run_cli("crawl", urls["budget"], urls["robots"], "http://127.0.0.1:9/", "--max-pages-per-site", "5",
                     "--allow-private", "--delay", "0", "--db", db)
    return db, result, access_log.read_text().splitlines()


def _paths(log: list[str], url: str) -> list[str]:
    port = url.rsplit(":", 1)[1].strip("/")
    return [line.split()[1] for line in log if line.split()[0] == port]


def test_crawler_job_succeeds_and_reports(crawled) -> None:
    _, result, _ = crawled
    assert result.returncode == 0, result.stderr
    assert "job 1: done" in result.stdout
    assert "people: 1" in result.stdout


def test_crawler_keeps_page_budget_and_fetches_people_pages_first(crawled, test_sites) -> None:
    db, _, log = crawled
    fetched = [p for p in _paths(log, test_sites[0]["budget"]) if p not in ("/robots.txt", "/sitemap.xml")]
    assert len(fetched) == 5  # the seed plus 4 of the 31 links: the budget holds
    assert "/team.html" in fetched  # "Our team" outranks "Page N"
    assert "/brochure.pdf" not in fetched  # binaries are never requested
    with create_store_engine(db).connect() as conn:
        assert conn.execute(select(pages.c.url).where(pages.c.url.like("%team.html"))).first() is not None


def test_crawler_obeys_robots_txt(crawled, test_sites) -> None:
    db, _, log = crawled
    fetched = _paths(log, test_sites[0]["robots"])
    assert "/private/staff.html" not in fetched
    assert "/about.html" in fetched
    with create_store_engine(db).connect() as conn:
        reason = conn.execute(select(crawl_urls.c.status, crawl_urls.c.reason)
                              .where(crawl_urls.c.url.like("%/private/staff.html"))).one()
    assert tuple(reason) == ("skipped", "robots")


def test_crawler_dead_site_fails_with_reason(crawled) -> None:
    db, result, _ = crawled
    assert "1 failed" in result.stdout
    with create_store_engine(db).connect() as conn:
        status, reason = conn.execute(select(crawl_urls.c.status, crawl_urls.c.reason)
                                      .where(crawl_urls.c.url == "http://127.0.0.1:9/")).one()
    assert (status, reason) == ("failed", "robots_unreachable")  # robots.txt is asked first, fail-closed


def test_crawler_refuses_private_seeds_without_allow_private(test_sites, tmp_path: Path) -> None:
    urls, access_log = test_sites
    before = access_log.read_text()
    result = run_cli("crawl", urls["budget"], "http://0x7f000001/", "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert result.returncode == 2
    assert "loopback address; only --allow-private permits that" in result.stderr
    assert "none of the 2 seed(s) can be crawled" in result.stderr
    assert "Traceback" not in result.stderr
    assert access_log.read_text() == before  # the loopback server saw no connection at all


def test_crawler_stores_response_headers_for_conditional_refetch(crawled) -> None:
    db, _, _ = crawled
    with create_store_engine(db).connect() as conn:
        headers = conn.execute(select(pages.c.headers).where(pages.c.url.like("%team.html"))).scalar_one()
    assert "last-modified" in headers and headers["content-type"].startswith("text/html")
    assert "set-cookie" not in headers
