"""Helpers for the distributed-worker tests: a namespaced Redis broker, worker processes, a generated local web."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import ROOT

REDIS_URL = os.environ.get("LEADSCOUT_TEST_REDIS", "redis://127.0.0.1:6379/0")
FIRST = ["Anna", "Ben", "Chloe", "Dmitri", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kaito", "Lena"]
LAST = ["Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat", "Ivanova", "Jansen", "Kowalski",
        "Lindqvist", "Moreau"]


@dataclass
class Broker:
    """A Redis broker namespace of its own: queue name = key prefix, unique per test."""

    url: str
    queue: str

    def env(self, **extra: str) -> dict[str, str]:
        return {"LEADSCOUT_BROKER_URL": self.url, "LEADSCOUT_BROKER_QUEUE": self.queue, **extra}


@contextmanager
def redis_broker() -> Iterator[Broker]:
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.fail(f"Redis is not reachable at {REDIS_URL} ({exc}); the worker tests need a real broker. "
                    "Start it (.ci/run does) or point LEADSCOUT_TEST_REDIS at one.", pytrace=False)
    broker = Broker(url=REDIS_URL, queue=f"lstest-{uuid.uuid4().hex[:10]}")
    try:
        yield broker
    finally:
        keys = list(client.scan_iter(match=f"{broker.queue}:*", count=1000))
        if keys:
            client.delete(*keys)
        client.close()


@dataclass
class Worker:
    proc: subprocess.Popen
    log: Path

    @property
    def pgid(self) -> int:
        return self.proc.pid  # started in its own session: its pool and crawl children share this group

    def kill(self) -> None:
        """SIGKILL the whole worker: main process, pool processes and crawl children (a machine lost)."""
        try:
            os.killpg(self.pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.pgid, signal.SIGTERM)
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
            except ProcessLookupError:
                pass


@dataclass
class Workers:
    """Worker processes started by a test; all stopped at the end."""

    db: str
    broker: Broker
    folder: Path
    env: dict[str, str] = field(default_factory=dict)
    started: list[Worker] = field(default_factory=list)

    def start(self, *, concurrency: int = 2, ready_timeout: float = 30) -> Worker:
        exe = Path(sys.executable).parent / "leadscout"
        log = self.folder / f"worker{len(self.started)}.log"
        env = {k: v for k, v in os.environ.items() if k != "LEADSCOUT_DB"}
        env.update(self.broker.env(**self.env))
        with log.open("w") as out:
            proc = subprocess.Popen([str(exe), "worker", "--concurrency", str(concurrency), "--loglevel", "INFO",
                                     "--db", self.db], env=env, cwd=self.folder, stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        worker = Worker(proc=proc, log=log)
        self.started.append(worker)
        deadline = time.monotonic() + ready_timeout
        while " ready." not in log.read_text():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"worker did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        return worker

    def stop_all(self) -> None:
        for worker in self.started:
            worker.stop()


def write_web(root: Path, sites: int, pages: int, *, people_per_site: int = 2) -> int:
    """``sites`` small company sites (index, team page, other pages) under ``root``; returns the people on them."""
    people = 0
    for s in range(sites):
        site = root / f"site{s:04d}"
        site.mkdir(parents=True)
        others = "".join(f'<li><a href="/page{i}.html">Product {i}</a></li>' for i in range(pages - 2))
        (site / "index.html").write_text(f'<html lang="en-US"><head><title>Firm {s}</title>'
                                         f'<meta property="og:site_name" content="Firm {s} Inc."></head><body>'
                                         f'<ul><li><a href="/team.html">Our team</a></li>{others}</ul></body></html>')
        cards = ""
        for k in range(people_per_site):
            first, last = FIRST[(2 * s + k) % 12], LAST[(3 * s + 5 * k) % 12]
            cards += (f'<div class="card"><h3>{first} {last}</h3><p>Head of Sales</p>'
                      f'<a href="mailto:{first.lower()}.{last.lower()}@firm{s}.com">{first.lower()}.{last.lower()}'
                      f'@firm{s}.com</a></div>')
            people += 1
        (site / "team.html").write_text(f'<html lang="en-US"><head><meta property="og:site_name" '
                                        f'content="Firm {s} Inc."></head><body><h1>Team</h1>{cards}</body></html>')
        for i in range(pages - 2):
            (site / f"page{i}.html").write_text(f"<html><body><p>Product page {i} of firm {s}.</p></body></html>")
        (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    return people


@contextmanager
def serve_web(root: Path, access_log: Path) -> Iterator[dict[str, str]]:
    """Serve every site folder under ``root`` on its own loopback port (leadscout.demo_server), logging requests."""
    access_log.touch()
    proc = subprocess.Popen([sys.executable, "-m", "leadscout.demo_server", str(root), str(access_log)],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        yield json.loads(proc.stdout.readline())
    finally:
        proc.terminate()
        proc.wait(timeout=10)
