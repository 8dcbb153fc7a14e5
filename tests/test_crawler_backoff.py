"""Retry-After is honoured, retries are bounded and spaced, a 429/503 burst slows the site down."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from leadscout.retry_after import retry_after_seconds
from tests.conftest import run_cli
from tests.webserver import Reply, serve


@pytest.mark.parametrize(("value", "expected"), [
    (b"7", 7.0), ("0", 0.0), (None, None), (b"soon", None),
])
def test_backoff_retry_after_seconds(value, expected) -> None:
    assert retry_after_seconds(value) == expected


def test_backoff_retry_after_http_date() -> None:
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    header = format_datetime(now + timedelta(seconds=90), usegmt=True)
    assert retry_after_seconds(header, now=now) == pytest.approx(90)


def _answers(*replies: Reply):
    queue = list(replies)
    return lambda: queue.pop(0) if len(queue) > 1 else queue[0]


HOME = Reply(200, '<html><body><a href="/team.html">Team</a><a href="/about.html">About</a></body></html>')


def _crawl(site, tmp_path: Path):
    return run_cli("crawl", site.url, "--allow-private", "--delay", "0", "--no-extract",
                   "--db", f"sqlite:///{tmp_path / 'b.db'}")


def test_backoff_waits_at_least_retry_after(tmp_path: Path) -> None:
    routes = {"/robots.txt": Reply(404), "/": HOME, "/about.html": Reply(200, "about"),
              "/team.html": _answers(Reply(429, "slow down", {"Retry-After": "3"}), Reply(200, "team"))}
    with serve(routes) as site:
        result = _crawl(site, tmp_path)
        times = [t for t, path in site.requests if path == "/team.html"]
    assert result.returncode == 0, result.stderr
    assert len(times) == 2
    assert times[1] - times[0] >= 3.0


def test_backoff_retries_are_bounded_and_spaced(tmp_path: Path) -> None:
    routes = {"/robots.txt": Reply(404), "/": HOME, "/about.html": Reply(200, "about"),
              "/team.html": Reply(500, "boom")}
    with serve(routes) as site:
        result = _crawl(site, tmp_path)
        times = [t for t, path in site.requests if path == "/team.html"]
    assert result.returncode == 0, result.stderr
    assert len(times) == 3  # the first try and RETRY_TIMES=2 retries, never more
    assert "urls: 2 done, 1 failed" in result.stdout


def test_backoff_too_long_retry_after_gives_up(tmp_path: Path) -> None:
    routes = {"/robots.txt": Reply(404), "/": HOME, "/about.html": Reply(200, "about"),
              "/team.html": Reply(503, "maintenance", {"Retry-After": "86400"})}
    with serve(routes) as site:
        result = _crawl(site, tmp_path)
        tries = [path for _, path in site.requests if path == "/team.html"]
    assert result.returncode == 0, result.stderr
    assert len(tries) == 1
