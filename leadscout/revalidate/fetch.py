"""Re-fetching source pages through Scrapy, with every crawler guard (crawler/settings.py) in force.

Why Scrapy and not a plain HTTP client: the crawler's downloader stack already
is the safety and politeness contract — the SSRF guard before any socket and
the connect-time resolver against DNS rebinding (every redirect hop included),
robots.txt fail-closed (RFC 9309), per-site concurrency, delay and AutoThrottle,
retries with Retry-After and jittered backoff, size and time caps, refusal of
truncated compressed bodies. Re-implementing that around ``requests`` would be a
second, weaker copy. Like a crawl, this runs the Twisted reactor in the calling
process, so call it once per process (the CLI and the scheduler's child
processes do).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from leadscout.config import Settings
from leadscout.progress import ProgressReporter, null_progress

if TYPE_CHECKING:
    from crawler.spiders.revalidate import FetchOutcome

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class FetchOptions:
    """How the re-fetch behaves beyond crawler/settings.py."""

    allow_private: bool = False
    """Permit loopback/private addresses (tests and the demo only)."""
    download_delay: float | None = None
    """Seconds between requests to one site; None keeps the polite default."""
    conditional: bool = True
    """Send the stored validators (If-None-Match / If-Modified-Since); False re-downloads every page."""
    log_level: str = "ERROR"


@dataclass(kw_only=True)
class FetchResult:
    """Outcome per queued URL, and the downloader's counts."""

    outcomes: dict[str, FetchOutcome] = field(default_factory=dict)
    stats: dict[str, int] = field(default_factory=dict)


def fetch_sources(settings: Settings, job_id: int, options: FetchOptions,
                  progress: ProgressReporter = null_progress, *, total: int | None = None) -> FetchResult:
    """Fetch every pending URL of revalidate job ``job_id``; blocks until all are answered or given up."""
    from crawler.configure import crawler_process
    from crawler.spiders.revalidate import RevalidateSpider, outcome_recorded

    process = crawler_process(settings, job_id=job_id, allow_private=options.allow_private,
                              download_delay=options.download_delay, log_level=options.log_level,
                              LEADSCOUT_CONDITIONAL=options.conditional)
    crawler = process.create_crawler(RevalidateSpider)
    task = progress.task("re-fetching", total=total)
    crawler.signals.connect(lambda **_: task.advance(1), signal=outcome_recorded, weak=False)
    process.crawl(crawler)
    try:
        process.start()
    finally:
        task.done()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    spider = crawler.spider
    return FetchResult(
        outcomes=dict(getattr(spider, "outcomes", {})),
        stats={k: v for k, v in stats.items() if isinstance(v, int) and (
            k.startswith("leadscout/") or k.startswith("downloader/response"))},
    )
