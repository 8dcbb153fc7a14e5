"""Politeness as the site sees it: per-site concurrency, the configured delay, slowing down for slow servers."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli
from tests.webserver import Reply, serve

PAGES = 12


def _site(delay: float) -> dict:
    links = "".join(f'<a href="/p{i}.html">p{i}</a>' for i in range(PAGES))
    routes = {"/robots.txt": Reply(404), "/": Reply(200, f"<html><body>{links}</body></html>", delay=delay)}
    routes.update({f"/p{i}.html": Reply(200, f"<p>{i}</p>", delay=delay) for i in range(PAGES)})
    return routes


def _max_in_flight(spans: list[tuple[float, float, str]]) -> int:
    events = sorted([(start, 1) for start, _, _ in spans] + [(end, -1) for _, end, _ in spans])
    level = peak = 0
    for _, change in events:
        level += change
        peak = max(peak, level)
    return peak


def _crawl(site, delay: str, tmp_path: Path):
    return run_cli("crawl", site.url, "--allow-private", "--delay", delay, "--no-extract",
                   "--max-pages-per-site", str(PAGES + 1), "--db", f"sqlite:///{tmp_path / 'p.db'}")


def test_crawler_polite_concurrency_and_delay_per_site(tmp_path: Path) -> None:
    with serve(_site(delay=0.2)) as site:
        result = _crawl(site, "0.4", tmp_path)
        starts = [t for t, path in site.requests if path.startswith("/p")]
        spans = list(site.spans)
    assert result.returncode == 0, result.stderr
    assert len(starts) == PAGES
    assert _max_in_flight(spans) <= 2
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert min(gaps) >= 0.4 * 0.95  # the delay is a floor (5% for timer jitter)


def test_crawler_polite_slow_server_slows_the_crawl(tmp_path: Path) -> None:
    with serve(_site(delay=0.6)) as site:
        result = _crawl(site, "0.05", tmp_path)
        starts = [t for t, path in site.requests if path.startswith("/p")]
    assert result.returncode == 0, result.stderr
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    # AutoThrottle moves the delay towards the latency (0.6 s): the later gaps far exceed the 0.05 s asked.
    assert sum(gaps[-5:]) / 5 >= 0.3, gaps
