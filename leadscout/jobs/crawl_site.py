"""Crawl one site of a job in a process of its own (a fresh Twisted reactor): the child side of a site task.

A site task (leadscout.jobs.tasks) forks its pool process and calls
``crawl_one_site`` in the child; ``python -m leadscout.jobs.crawl_site JOB SITE``
does the same from a shell (debugging, or running a site by hand). The Twisted
reactor cannot be restarted in a process, and a process per site also gets its
own guarded DNS resolver configured from its own job (allow-private is per
job), so two jobs sharing a worker never share an SSRF policy. The store comes
from ``LEADSCOUT_DB`` (never from the command line, which ``ps`` shows to
everyone on the machine). Exit code 0 when the crawl ran to its end.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys

from sqlalchemy import select

from leadscout.config import Settings, load_settings
from leadscout.pipeline import CrawlOptions, run_crawl
from leadscout.store import create_store_engine
from leadscout.store.schema import jobs

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1  # prctl(2): signal this process when its parent dies


def die_with_parent(parent: int | None) -> None:
    """Linux: get SIGKILL when the worker that started us dies, so a killed worker leaves no crawl behind.

    Without it an orphaned crawl would keep fetching while the redelivered task
    crawls the same site again (twice the load on the site, twice the fetches).
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        log.warning("cannot ask to die with the parent process; an orphaned crawl may outlive its worker")
        return
    if parent is not None and os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def crawl_options(db: str, job_id: int) -> CrawlOptions:
    """The crawl options the job was started with (its params in the store)."""
    engine = create_store_engine(db)
    with engine.connect() as conn:
        params = conn.execute(select(jobs.c.params).where(jobs.c.id == job_id)).scalar()
    engine.dispose()
    if params is None:
        raise SystemExit(f"leadscout: error: no job {job_id} in the store")
    return CrawlOptions(max_pages_per_site=int(params.get("max_pages_per_site", 25)),
                        allow_private=bool(params.get("allow_private", False)),
                        download_delay=params.get("download_delay"))


def preload_crawler() -> list[str]:
    """Import every component a crawl will load (middlewares, extensions, handlers, the spider), without
    installing a Twisted reactor; returns the paths that could not be imported.

    Called in the worker before its pool forks: a forked site crawl then starts in milliseconds instead
    of spending two CPU-seconds importing Scrapy's components one by one.
    """
    from scrapy.settings import Settings as ScrapySettings
    from scrapy.utils.misc import load_object

    import crawler.spiders.sites  # noqa: F401
    import scrapy.core.engine  # noqa: F401
    import scrapy.crawler  # noqa: F401

    scrapy_settings = ScrapySettings()
    scrapy_settings.setmodule("crawler.settings", priority="project")
    paths: set[str] = set()
    for name in ("DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES", "EXTENSIONS", "ITEM_PIPELINES"):
        for key in (name, f"{name}_BASE"):  # {path: order}; None switches a component off
            paths |= {path for path, order in scrapy_settings.getdict(key).items()
                      if isinstance(path, str) and order is not None}
    for key in ("DOWNLOAD_HANDLERS", "DOWNLOAD_HANDLERS_BASE"):  # {scheme: path}
        paths |= {path for path in scrapy_settings.getdict(key).values() if isinstance(path, str)}
    for name in ("SCHEDULER", "DOWNLOADER", "STATS_CLASS", "SCHEDULER_PRIORITY_QUEUE", "SCHEDULER_MEMORY_QUEUE",
                 "SCHEDULER_DISK_QUEUE", "DUPEFILTER_CLASS", "LOG_FORMATTER", "REQUEST_FINGERPRINTER_CLASS",
                 "ITEM_PROCESSOR", "SPIDER_LOADER_CLASS", "DOWNLOADER_CLIENTCONTEXTFACTORY",
                 "TWISTED_DNS_RESOLVER", "ROBOTSTXT_PARSER"):
        value = scrapy_settings.get(name)
        if isinstance(value, str):
            paths.add(value)
    failed = []
    for path in sorted(paths):
        try:
            load_object(path)
        except Exception:  # noqa: BLE001 - an optional component (e.g. a missing extra): the crawl imports it
            failed.append(path)
    if "twisted.internet.reactor" in sys.modules:
        raise RuntimeError("preloading the crawler installed a Twisted reactor; forked crawls could not run")
    return failed


def crawl_one_site(settings: Settings, job_id: int, site: str) -> None:
    """Run the site's crawl (``pipeline.run_crawl`` restricted to ``site``) in this process; blocks."""
    run_crawl(settings, job_id, crawl_options(settings.db, job_id), site=site)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or not args[0].isdigit():
        print("usage: python -m leadscout.jobs.crawl_site JOB SITE", file=sys.stderr)
        return 2
    parent = os.environ.get("LEADSCOUT_PARENT_PID")
    die_with_parent(int(parent) if parent and parent.isdigit() else None)
    logging.basicConfig(level=os.environ.get("LEADSCOUT_LOG_LEVEL", "WARNING").upper(),
                        format="%(levelname)s %(name)s: %(message)s")
    job_id, site = int(args[0]), args[1]
    crawl_one_site(load_settings(), job_id, site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
