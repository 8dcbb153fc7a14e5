"""Retries that wait: Retry-After honoured (RFC 9110 10.2.3), exponential backoff with jitter otherwise.

Scrapy's RetryMiddleware re-schedules a failed request at once. Against a site
that says 429/503 that is a retry storm; this subclass waits before each retry
— at least the server's Retry-After, else 2^n seconds with full jitter — and
slows the whole site down (its download slot delay) so the other requests to
it back off too. A Retry-After beyond ``LEADSCOUT_MAX_RETRY_AFTER`` gives up.
"""

from __future__ import annotations

import asyncio
import logging
import random

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response

from leadscout.retry_after import retry_after_seconds

log = logging.getLogger(__name__)

BACKOFF_STATUSES = (429, 503)


class BackoffRetryMiddleware(RetryMiddleware):
    """RetryMiddleware that waits before retrying and backs the site off on 429/503."""

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("LEADSCOUT_RETRY_BACKOFF_BASE", 1.0)
        self.cap = settings.getfloat("LEADSCOUT_RETRY_BACKOFF_MAX", 30.0)
        self.max_retry_after = settings.getfloat("LEADSCOUT_MAX_RETRY_AFTER", 300.0)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        wait = self._backoff(request)
        if response.status in BACKOFF_STATUSES:
            told = retry_after_seconds(response.headers.get(b"Retry-After"))
            if told is not None:
                if told > self.max_retry_after:
                    self.crawler.stats.inc_value("leadscout/retry/retry_after_too_long")
                    return response
                wait = max(wait, told)
            self._slow_down(request, wait)
        retry = self._retry(request, f"http_{response.status}")
        if retry is None:
            return response
        await asyncio.sleep(wait)
        return retry

    async def process_exception(self, request: Request, exception: Exception) -> Request | None:
        retry = super().process_exception(request, exception)
        if retry is not None:
            await asyncio.sleep(self._backoff(request))
        return retry

    def _backoff(self, request: Request) -> float:
        attempt = request.meta.get("retry_times", 0)
        return random.uniform(0, min(self.cap, self.base * 2 ** attempt))  # "full jitter"

    def _slow_down(self, request: Request, wait: float) -> None:
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is not None and slot.delay < wait:
            self.crawler.stats.inc_value("leadscout/retry/site_backed_off")
            slot.delay = wait
