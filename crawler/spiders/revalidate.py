"""The revalidate spider: re-fetches the source pages of people due for re-validation, conditionally.

It runs on the same settings and downloader middlewares as the sites spider
(crawler/settings.py): the SSRF guard and the connect-time resolver, robots.txt
fail-closed, per-site concurrency and delay, retries with backoff, size and time
caps. It follows no links. Each request carries the validators stored with the
page (RFC 9110 section 13.1: ``If-None-Match`` with the ETag, ``If-Modified-Since``
with the Last-Modified date exactly as the server sent it), so an unchanged page
costs a 304 and no body. Outcomes are recorded per URL in the job's crawl state
and kept on the spider (``outcomes``) for the re-validation that follows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy.http import HtmlResponse, Response
from sqlalchemy import select, update
from twisted.python.failure import Failure

from crawler.items import PageItem
from crawler.spiders.sites import _failure_reason, _headers, _page
from leadscout.store import create_store_engine
from leadscout.store.crawl import mark_url, pending_urls, url_hash
from leadscout.store.schema import pages

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

log = logging.getLogger(__name__)

GONE = (404, 410)
# Headers a 304 may carry that replace the stored ones (RFC 9111 section 4.3.4, freshening stored responses).
outcome_recorded = object()
"""Signal sent once per URL when its outcome is known (``url``, ``outcome``): progress bars connect to it."""
FRESHENED = ("etag", "last-modified", "cache-control", "expires", "date", "vary", "content-location")


@dataclass(frozen=True, kw_only=True, slots=True)
class FetchOutcome:
    """What re-fetching one URL gave."""

    kind: str
    """``not_modified`` (304), ``fetched`` (a 2xx HTML page, stored), ``gone`` (404/410) or ``failed``."""
    final_url: str
    """The URL the answer came from, after redirects (the stored page's URL for ``fetched``)."""
    reason: str | None = None
    """For ``failed``: the crawl state's reason code (``robots``, ``http_503``, ``timeout``, ``loopback``...)."""
    status: int | None = None
    """HTTP status of the final answer, when there was one."""


def conditional_headers(stored: dict[str, str] | None) -> dict[str, str]:
    """The validators to send for a stored page's headers (lowercase names); empty when none were stored."""
    stored = stored or {}
    headers = {}
    if stored.get("etag"):
        headers["If-None-Match"] = stored["etag"]
    if stored.get("last-modified"):
        headers["If-Modified-Since"] = stored["last-modified"]
    return headers


class RevalidateSpider(scrapy.Spider):
    name = "revalidate"

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any) -> RevalidateSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.job_id = settings.getint("LEADSCOUT_JOB_ID")
        if not spider.job_id:
            raise ValueError("LEADSCOUT_JOB_ID is not set; start re-validation with `leadscout revalidate`")
        spider.engine = create_store_engine(settings["LEADSCOUT_DB"])
        spider.conditional = settings.getbool("LEADSCOUT_CONDITIONAL", True)
        spider.outcomes = {}
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        pending = pending_urls(self.engine, self.job_id)
        validators = self._validators([p.url for p in pending]) if self.conditional else {}
        for item in pending:
            headers = conditional_headers(validators.get(item.url))
            self.crawler.stats.inc_value(f"leadscout/revalidate/{'conditional' if headers else 'unconditional'}")
            yield scrapy.Request(
                item.url, headers=headers, callback=self.parse, errback=self.failed,
                meta={"site": item.site, "queued_url": item.url, "handle_httpstatus_list": [304, *GONE]},
            )

    def _validators(self, urls: list[str]) -> dict[str, dict[str, str]]:
        found: dict[str, dict[str, str]] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(urls), 900):
                hashes = [url_hash(u) for u in urls[start:start + 900]]
                for url, headers in conn.execute(select(pages.c.url, pages.c.headers)
                                                 .where(pages.c.url_sha256.in_(hashes))):
                    found[url] = headers or {}
        return found

    def parse(self, response: Response) -> Any:
        queued = response.meta["queued_url"]
        status = response.status
        if status == 304:
            self._freshen(response)
            mark_url(self.engine, self.job_id, queued, status="done", reason="not_modified")
            self._outcome(queued, FetchOutcome(kind="not_modified", final_url=response.url, status=status))
        elif status in GONE:
            mark_url(self.engine, self.job_id, queued, status="failed", reason=f"http_{status}")
            self._outcome(queued, FetchOutcome(kind="gone", final_url=response.url, status=status))
        elif not isinstance(response, HtmlResponse):
            mark_url(self.engine, self.job_id, queued, status="skipped", reason="not_html")
            self._outcome(queued, FetchOutcome(kind="failed", final_url=response.url, reason="not_html",
                                               status=status))
        else:
            self._outcome(queued, FetchOutcome(kind="fetched", final_url=response.url, status=status))
            yield PageItem(page=_page(response, response.meta["site"]), request_url=queued)

    def _freshen(self, response: Response) -> None:
        """A 304 confirms the stored copy as of now: refresh its fetch time and the validators it sent."""
        fresh = {k: v for k, v in _headers(response).items() if k in FRESHENED}
        with self.engine.begin() as conn:
            row = conn.execute(select(pages.c.id, pages.c.headers)
                               .where(pages.c.url_sha256 == url_hash(response.url))).first()
            if row is None:
                return
            conn.execute(update(pages).where(pages.c.id == row.id)
                         .values(fetched_at=datetime.now(UTC), headers={**(row.headers or {}), **fresh}))

    def failed(self, failure: Failure) -> None:
        request = failure.request
        queued = request.meta.get("queued_url", request.url)
        reason, status = _failure_reason(failure)
        self.crawler.stats.inc_value(f"leadscout/url_failed/{reason}")
        mark_url(self.engine, self.job_id, queued, status=status, reason=reason)
        self._outcome(queued, FetchOutcome(kind="failed", final_url=request.url, reason=reason))

    def _outcome(self, url: str, outcome: FetchOutcome) -> None:
        self.crawler.stats.inc_value(f"leadscout/revalidate/{outcome.kind}")
        self.outcomes[url] = outcome
        self.crawler.signals.send_catch_log(signal=outcome_recorded, url=url, outcome=outcome)
