"""The sites spider: crawls each prospect site's people pages first, within a page budget.

The frontier lives in the store (`crawl_urls`): the spider starts from whatever
the job still has pending, queues each discovered link in the store before
requesting it, and records every outcome. A killed crawl resumes from there.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter, defaultdict
from urllib.parse import urljoin
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.sitemap import Sitemap
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.items import PageItem
from crawler.linkrank import canonical_url, link_score, skip_reason
from crawler.middlewares.integrity import TruncatedBody
from crawler.middlewares.robots import RobotsUnreachable
from crawler.middlewares.ssrf import BlockedRequest
from leadscout.records import Page
from leadscout.seeds import site_key
from leadscout.store import create_store_engine
from leadscout.store.crawl import known_urls, mark_url, pending_urls, queue_urls, record_skipped_links

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

log = logging.getLogger(__name__)

MAX_SITEMAPS = 3  # child sitemaps followed from a sitemap index, per site
MAX_HEADER_CHARS = 1024


class SitesSpider(scrapy.Spider):
    name = "sites"

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any) -> SitesSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.job_id = settings.getint("LEADSCOUT_JOB_ID")
        if not spider.job_id:
            raise ValueError("LEADSCOUT_JOB_ID is not set; start crawls with `leadscout crawl`")
        spider.engine = create_store_engine(settings["LEADSCOUT_DB"])
        spider.max_pages = settings.getint("LEADSCOUT_MAX_PAGES_PER_SITE")
        # Off only to measure what focusing saves (bench/crawl.py): links in page order, no sitemap.
        spider.focused = settings.getbool("LEADSCOUT_FOCUSED", True)
        # Every link is judged (and counted) by crawler.linkrank, binaries included.
        spider.links = LinkExtractor(unique=True, deny_extensions=[])
        spider.skipped = defaultdict(Counter)
        crawler.signals.connect(spider.flush_skipped, signal=signals.spider_closed)
        return spider

    def flush_skipped(self) -> None:
        """Per-site counts of links not followed go to the store, so `leadscout status` can explain a crawl."""
        record_skipped_links(self.engine, self.job_id, {site: dict(c) for site, c in self.skipped.items()})

    def _skip(self, site: str, reason: str) -> None:
        self.crawler.stats.inc_value(f"leadscout/link_skipped/{reason}")
        self.skipped[site][reason] += 1

    async def start(self) -> AsyncIterator[scrapy.Request]:
        # LEADSCOUT_SITE restricts the crawl to one site of the job (a distributed site task, leadscout.jobs).
        only_site = self.settings.get("LEADSCOUT_SITE") or None
        self.known = known_urls(self.engine, self.job_id, site=only_site)
        # Every URL ever queued for a site counts against its budget, so a resumed crawl keeps it too.
        self.queued: Counter[str] = Counter(site_key(url) for url in self.known)
        for pending in pending_urls(self.engine, self.job_id, site=only_site):
            yield self._request(pending.url, pending.site, pending.depth, priority=100)
            if pending.depth == 0 and self.focused:
                # A fresh site: its sitemap can point straight at the team page.
                yield scrapy.Request(urljoin(pending.url, "/sitemap.xml"), callback=self.parse_sitemap,
                                     errback=self.sitemap_missing, priority=90,
                                     meta={"site": pending.site, "sitemaps": 0, "dont_retry": True,
                                           "download_slot": pending.site})

    def _request(self, url: str, site: str, depth: int, *, priority: int) -> scrapy.Request:
        return scrapy.Request(
            url, callback=self.parse, errback=self.failed, priority=priority,
            # One download slot per site (registered domain): politeness limits apply to the company's
            # whole site, www. and shop. alike, and two loopback ports are two sites.
            meta={"site": site, "depth": depth, "queued_url": url, "download_slot": site},
        )

    def parse(self, response: Response) -> Any:
        site = response.meta["site"]
        queued_url = response.meta["queued_url"]
        if not isinstance(response, HtmlResponse):
            self.crawler.stats.inc_value("leadscout/page_dropped/not_html")
            mark_url(self.engine, self.job_id, queued_url, status="skipped", reason="not_html")
            return
        yield PageItem(page=_page(response, site), request_url=queued_url)
        yield from self._follow(response, site)

    def _follow(self, response: HtmlResponse, site: str) -> Any:
        depth = response.meta.get("depth", 0)
        candidates: dict[str, int] = {}
        for link in self.links.extract_links(response):
            url = canonical_url(link.url)
            if url in self.known or url in candidates:
                continue
            if site_key(url) != site:
                self._skip(site, "off_site")  # other prospects are seeded on their own
                continue
            reason = skip_reason(url)
            if reason:
                self._skip(site, reason)
                continue
            candidates[url] = link_score(url, link.text) if self.focused else 0
        yield from self._queue_best(site, candidates, depth + 1)

    def _queue_best(self, site: str, candidates: dict[str, int], depth: int) -> Any:
        # The budget goes to the best-ranked links, not to the first ones on the page.
        chosen: dict[str, int] = {}
        for url, score in sorted(candidates.items(), key=lambda item: -item[1]):
            if self.queued[site] + len(chosen) >= self.max_pages:
                self._skip(site, "page_budget")
                continue
            chosen[url] = score
        self.known.update(chosen)
        # Queued in the store (one transaction) before they are requested: a kill loses none of them.
        added = queue_urls(self.engine, self.job_id, site, list(chosen), depth) if chosen else set()
        self.queued[site] += len(added)
        for url, score in chosen.items():
            if url in added:
                yield self._request(url, site, depth, priority=score)

    def parse_sitemap(self, response: Response) -> Any:
        """Queue the sitemap's people pages (the budget's first half at most); follow sitemap indexes a little."""
        site = response.meta["site"]
        try:
            sitemap = Sitemap(response.body)
        except Exception:  # noqa: BLE001 - a broken sitemap is just no sitemap
            self.crawler.stats.inc_value("leadscout/sitemap/unreadable")
            return
        locations = [entry["loc"] for entry in sitemap if entry.get("loc")]
        if sitemap.type == "sitemapindex":
            if response.meta["sitemaps"] < MAX_SITEMAPS:
                for loc in locations[:MAX_SITEMAPS]:
                    if site_key(loc) == site:
                        yield response.request.replace(url=loc, meta={**response.meta,
                                                                      "sitemaps": response.meta["sitemaps"] + 1})
            return
        candidates = {}
        for loc in locations:
            url = canonical_url(loc)
            if url not in self.known and site_key(url) == site and not skip_reason(url):
                score = link_score(url, "")
                if score > 0:
                    candidates[url] = score
        room = max(0, self.max_pages // 2 - self.queued[site] + 1)
        best = dict(sorted(candidates.items(), key=lambda item: -item[1])[:room])
        self.crawler.stats.inc_value("leadscout/sitemap/urls_queued", len(best))
        yield from self._queue_best(site, best, 1)

    def sitemap_missing(self, failure: Failure) -> None:
        self.crawler.stats.inc_value("leadscout/sitemap/missing")

    def failed(self, failure: Failure) -> None:
        request = failure.request
        reason, status = _failure_reason(failure)
        self.crawler.stats.inc_value(f"leadscout/url_failed/{reason}")
        mark_url(self.engine, self.job_id, request.meta.get("queued_url", request.url), status=status, reason=reason)


def _page(response: HtmlResponse, site: str) -> Page:
    language = response.xpath("/html/@lang").get() or response.headers.get("Content-Language", b"").decode(
        "latin-1") or None
    title = response.xpath("//title/text()").get()
    return Page(
        url=response.url, site=site, fetched_at=datetime.now(UTC), status=response.status,
        sha256=hashlib.sha256(response.body).hexdigest(), html=response.text,
        language=language.strip() if language else None, title=" ".join(title.split()) if title else None,
        headers=_headers(response),
    )


def _headers(response: Response) -> dict[str, str]:
    """Response headers worth keeping: all but cookies, each value capped (a header is no place for a page)."""
    kept = {}
    for name, values in response.headers.items():
        key = name.decode("latin-1").lower()
        if key in ("set-cookie", "cookie") or not values:
            continue
        kept[key] = b", ".join(values).decode("latin-1")[:MAX_HEADER_CHARS]
    return kept


def _failure_reason(failure: Failure) -> tuple[str, str]:
    """A short reason code and the URL status it leaves (failed, or skipped when refused on purpose)."""
    if failure.check(BlockedRequest):
        return failure.value.reason, "skipped"
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}", "failed"
    if failure.check(TruncatedBody):
        return "truncated_body", "failed"
    if failure.check(RobotsUnreachable):
        return "robots_unreachable", "failed"
    if failure.check(IgnoreRequest):
        message = str(failure.value).lower()
        if "redirections" in message:
            return "redirect_limit", "failed"
        return ("robots" if "robots" in message else "ignored"), "skipped"
    # DownloadTimeoutError -> timeout, CannotResolveHostError -> cannot_resolve_host, ...
    name = re.sub(r"^Download|Error$", "", type(failure.value).__name__) or type(failure.value).__name__
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower(), "failed"
