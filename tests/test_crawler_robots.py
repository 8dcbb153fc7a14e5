"""robots.txt is obeyed and fail-closed (RFC 9309): unreachable means nothing is fetched."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from leadscout.store import create_store_engine
from leadscout.store.schema import crawl_urls
from tests.conftest import run_cli
from tests.webserver import Reply, serve

HOME = '<html><body><a href="/team.html">Team</a></body></html>'
TEAM = "<html><body><p>Nobody here</p></body></html>"


@pytest.mark.parametrize(("robots", "fetched", "reason"), [
    (Reply(200, "User-agent: *\nDisallow: /\n", {"Content-Type": "text/plain"}), [], "robots"),
    (Reply(404, "nope"), ["/", "/team.html"], None),
    (Reply(403, "forbidden"), ["/", "/team.html"], None),
    (Reply(503, "down"), [], "robots_unreachable"),
    (Reply(500, "boom"), [], "robots_unreachable"),
    (Reply(429, "slow down", {"Retry-After": "1"}), [], "robots_unreachable"),
    (Reply(hang=True), [], "robots_unreachable"),
], ids=["disallow-all", "404", "403", "503", "500", "429", "timeout"])
def test_crawler_robots_fail_closed(robots: Reply, fetched: list[str], reason: str | None, tmp_path: Path) -> None:
    routes = {"/robots.txt": robots, "/": Reply(200, HOME), "/team.html": Reply(200, TEAM)}
    with serve(routes) as site:
        db = f"sqlite:///{tmp_path / 'r.db'}"
        result = run_cli("crawl", site.url, "--allow-private", "--delay", "0", "--no-extract", "--db", db,
                         env={"LEADSCOUT_DOWNLOAD_TIMEOUT": "2"})
        paths = site.paths()
    assert result.returncode == 0, result.stderr
    assert [p for p in paths if p not in ("/robots.txt", "/sitemap.xml")] == fetched
    if reason:
        with create_store_engine(db).connect() as conn:
            assert conn.execute(select(crawl_urls.c.reason)).scalars().all() == [reason]
