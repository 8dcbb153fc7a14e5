"""Hostile and broken servers: bombs, endless or broken bodies, redirect tricks. No crash, no partial page."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import brotli
import pytest
from sqlalchemy import select

from leadscout.store import create_store_engine
from leadscout.store.schema import crawl_urls, pages
from tests.conftest import run_cli
from tests.webserver import Reply, serve

CAP = 1024 * 1024  # LEADSCOUT_DOWNLOAD_MAXSIZE in these tests
ZEROS = b"\0" * (64 * CAP)  # 64 MiB that compress to almost nothing


def _bomb(encoding: str) -> bytes:
    if encoding == "gzip":
        return gzip.compress(ZEROS, 9)
    if encoding == "deflate":
        return zlib.compress(ZEROS, 9)
    if encoding == "br":
        return brotli.compress(ZEROS)
    from backports import zstd  # Scrapy's own zstd dependency on Python < 3.14

    return zstd.compress(ZEROS)


def _endless(handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    chunk = b"<p>" + b"x" * 65536 + b"</p>"
    for _ in range(10_000):  # ~640 MB if nobody stops reading; bounded so the test always ends
        handler.wfile.write(chunk)


def _broken_chunked(handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    handler.wfile.write(b"10\r\n<html><body>par\r\nZZ\r\nnot hex at all")


def _dropped(handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "5000")
    handler.end_headers()
    handler.wfile.write(b"<html><body>only part of it")


# Text that compresses poorly, cut in the middle of its gzip stream.
_PAGE = ("<html><body>" + " ".join(f"<p>row {i} {i * 7919 % 10007}</p>" for i in range(5000))).encode()
TRUNCATED_GZIP = gzip.compress(_PAGE)[: len(gzip.compress(_PAGE)) // 2]

HOME = '<html><body><a href="/bad">bad</a><a href="/good.html">good</a></body></html>'


def _crawl(routes: dict, tmp_path: Path):
    routes = {"/robots.txt": Reply(404), "/": Reply(200, HOME), "/good.html": Reply(200, "<p>good</p>"), **routes}
    db = f"sqlite:///{tmp_path / 'h.db'}"
    with serve(routes) as site:
        result = run_cli("crawl", site.url, "--allow-private", "--delay", "0", "--no-extract", "--db", db,
                         env={"LEADSCOUT_DOWNLOAD_MAXSIZE": str(CAP), "LEADSCOUT_DOWNLOAD_TIMEOUT": "3"})
        requests = site.paths()
    with create_store_engine(db).connect() as conn:
        states = dict(conn.execute(select(crawl_urls.c.url, crawl_urls.c.status)).all())
        stored = set(conn.execute(select(pages.c.url)).scalars())
    return result, requests, states, stored, site.url


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "zstd"])
def test_crawler_hostile_compression_bomb_dropped_at_cap(encoding: str, tmp_path: Path) -> None:
    bomb = Reply(200, _bomb(encoding), {"Content-Type": "text/html", "Content-Encoding": encoding})
    result, _, states, stored, base = _crawl({"/bad": bomb}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert states[base + "bad"] in ("failed", "skipped")
    assert base + "bad" not in stored
    assert base + "good.html" in stored  # the crawl went on


@pytest.mark.parametrize(("name", "reply"), [
    ("endless", Reply(raw=_endless)),
    ("broken-chunked", Reply(raw=_broken_chunked)),
    ("dropped-connection", Reply(raw=_dropped)),
    ("truncated-gzip", Reply(200, TRUNCATED_GZIP,
                             {"Content-Type": "text/html", "Content-Encoding": "gzip"})),
    ("slow", Reply(200, "<p>late</p>", delay=10)),
])
def test_crawler_hostile_broken_bodies_fail_cleanly(name: str, reply: Reply, tmp_path: Path) -> None:
    result, requests, states, stored, base = _crawl({"/bad": reply}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert states[base + "bad"] == "failed"
    assert base + "bad" not in stored  # never a partial page
    assert 1 <= requests.count("/bad") <= 3  # retried, but boundedly
    assert base + "good.html" in stored


@pytest.mark.parametrize(("name", "target"), [
    ("to-file", Reply(302, "", {"Location": "file:///etc/passwd"})),
    ("to-metadata", Reply(301, "", {"Location": "http://169.254.169.254/latest/meta-data/"})),
    ("to-loopback-decimal", Reply(307, "", {"Location": "http://2130706434/"})),  # 127.0.0.2
    ("meta-refresh", Reply(200, '<html><head><meta http-equiv="refresh" content="0;url=http://10.0.0.5/">'
                                '</head><body>moved</body></html>')),
])
def test_crawler_hostile_redirects_to_forbidden_targets_not_followed(name: str, target: Reply,
                                                                     tmp_path: Path) -> None:
    routes = {"/bad": target}
    db = f"sqlite:///{tmp_path / 'h.db'}"
    routes = {"/robots.txt": Reply(404), "/": Reply(200, HOME), "/good.html": Reply(200, "<p>good</p>"), **routes}
    with serve(routes) as site:
        # Only this server's address is allowed, as if it were a public site; every other
        # private or loopback address stays forbidden.
        result = run_cli("crawl", site.url, "--delay", "0", "--no-extract", "--db", db,
                         env={"LEADSCOUT_ALLOW_NETWORKS": "127.0.0.1/32"})
    assert result.returncode == 0, result.stderr
    with create_store_engine(db).connect() as conn:
        reasons = dict(conn.execute(select(crawl_urls.c.url, crawl_urls.c.reason)).all())
    # Refused by the guard, or (file:) not followed by Scrapy at all, leaving the 3xx as the outcome.
    assert reasons[site.url + "bad"] in ("bad_scheme", "link_local", "loopback", "private", "http_302")


def test_crawler_hostile_redirect_loop_stops(tmp_path: Path) -> None:
    loop = {"/bad": Reply(302, "", {"Location": "/loop1"}), "/loop1": Reply(302, "", {"Location": "/loop2"}),
            "/loop2": Reply(302, "", {"Location": "/loop1"})}
    result, requests, states, stored, base = _crawl(loop, tmp_path)
    assert result.returncode == 0, result.stderr
    assert states[base + "bad"] == "failed"
    assert len([p for p in requests if p.startswith("/loop")]) <= 6
