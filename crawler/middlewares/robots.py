"""robots.txt, fail-closed as RFC 9309 says: an unreachable robots.txt means nothing is fetched.

Scrapy's RobotsTxtMiddleware allows everything when robots.txt cannot be
fetched. RFC 9309 section 2.3.1.3 lets a crawler access everything only when
robots.txt is *unavailable* (4xx other than 429); section 2.3.1.4 says that when
it is *unreachable* (5xx, 429, timeout, DNS or connection error) the crawler
MUST assume complete disallow. This subclass does exactly that.
"""

from __future__ import annotations

import logging

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

log = logging.getLogger(__name__)


class RobotsUnreachable(IgnoreRequest):
    """The site's robots.txt could not be read, so the site is not crawled (retry the job later)."""


class _DisallowAll:
    """Stands in for a parser when robots.txt is unreachable; remembers why."""

    def __init__(self, why: str) -> None:
        self.why = why

    def allowed(self, url: str, user_agent: str | bytes) -> bool:
        return False


class _AllowAll:
    """robots.txt is unavailable (404 and other 4xx): RFC 9309 2.3.1.3 permits everything."""

    def allowed(self, url: str, user_agent: str | bytes) -> bool:
        return True


class FailClosedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """RobotsTxtMiddleware that treats an unreachable robots.txt as ``Disallow: /``."""

    def process_request_2(self, rp, request: Request) -> None:
        if isinstance(rp, _DisallowAll):
            self._stats.inc_value("leadscout/robots/fail_closed_request")
            raise RobotsUnreachable(f"robots.txt unreachable ({rp.why}); site not crawled")
        super().process_request_2(rp, request)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        status = response.status
        if 200 <= status < 300:
            await super()._parse_robots(response, netloc, request)
            return
        self._stats.inc_value(f"robotstxt/response_status_count/{status}")
        if status == 429 or status >= 500 or 300 <= status < 400:
            # 3xx here means Scrapy gave up following redirects: treated as unreachable too.
            self._resolve(netloc, _DisallowAll(f"http_{status}"))
        else:
            self._resolve(netloc, _AllowAll())

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        self._stats.inc_value(f"leadscout/robots/unreachable/{type(exc).__name__}")
        self._resolve(netloc, _DisallowAll(type(exc).__name__))

    def _resolve(self, netloc: str, parser: _DisallowAll | _AllowAll) -> None:
        pending = self._parsers[netloc]
        self._parsers[netloc] = parser
        if hasattr(pending, "callback"):
            pending.callback(parser)
