"""A generic JSON API of public profiles: auth header, client-side rate limit, bounded retries, pagination.

Pages are followed through the ``Link: <...>; rel="next"`` header (RFC 8288,
as GitHub's API does), or a ``next``/``next_url``/``links.next``/``paging.next``
URL in the body, or a ``next_cursor`` sent back as ``?cursor=``. Profiles sit in
the body as a top-level list or under ``profiles``/``items``/``data``/``results``.
429 and 5xx answers are retried: a ``Retry-After`` (seconds or HTTP date,
RFC 9110 section 10.2.3) is waited out in full; otherwise exponential backoff
with jitter. Other 4xx answers fail at once with what to fix.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import requests

from enrichment.sources import Profile, SourceError, profile_from_mapping
from leadscout.retry_after import retry_after_seconds

log = logging.getLogger(__name__)

ITEM_KEYS = ("profiles", "items", "data", "results")


@dataclass(frozen=True, kw_only=True)
class HttpOptions:
    """How the connector talks to the API."""

    token: str | None = None
    """Credential; sent as ``<auth_header>: <auth_scheme> <token>``. Never logged."""
    auth_header: str = "Authorization"
    auth_scheme: str = "Bearer"
    """Prefix of the header value; empty for APIs that want the bare token (``X-Api-Key``)."""
    requests_per_second: float = 5.0
    """Client-side rate limit: at most this many request starts per second."""
    max_retries: int = 4
    """Retries after the first attempt for 429, 5xx, timeouts and dropped connections."""
    backoff: float = 0.5
    """Base of the exponential backoff in seconds (doubled per attempt, plus up to as much jitter)."""
    max_wait: float = 60.0
    """Longest single wait; a Retry-After beyond it fails the source instead of hanging."""
    timeout: float = 15.0
    """Seconds per request (connect and read)."""
    max_pages: int = 1000
    """Upper bound on pages followed."""
    user_agent: str = "leadscout/0.1 (+https://github.com/leadscout/leadscout; profile enrichment)"


class HttpJsonSource:
    """Profiles from a paginated JSON API."""

    version = "1"

    def __init__(self, *, name: str, url: str, options: HttpOptions = HttpOptions(),
                 session: requests.Session | None = None, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.name, self.url, self.options = name, url, options
        self._session = session or requests.Session()
        self._sleep, self._clock = sleep, clock
        self._next_start = 0.0
        self._jitter = random.Random(0)  # seeded: a test's waits are reproducible
        self.requests_sent = 0
        """Requests made so far (retries included)."""

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json", "User-Agent": self.options.user_agent}
        if self.options.token:
            scheme = self.options.auth_scheme
            headers[self.options.auth_header] = f"{scheme} {self.options.token}" if scheme else self.options.token
        return headers

    def profiles(self) -> Iterator[Profile]:
        url: str | None = self.url
        seen: set[str] = set()
        pages = 0
        while url and pages < self.options.max_pages and url not in seen:
            seen.add(url)
            response = self._get(url)
            pages += 1
            fetched_at = datetime.now(UTC)
            try:
                body = response.json()
            except ValueError:
                raise SourceError(f"source {self.name}: {url} did not answer JSON") from None
            items = _items(body, f"source {self.name}: {url}")
            for index, item in enumerate(items):
                profile = profile_from_mapping(item, source=self.name, where=f"{url} [{index}]", fallback_url=url,
                                               fetched_at=fetched_at)
                if profile is not None:
                    yield profile
            url = _next_url(url, response, body)
        log.info("source %s: %d page(s), %d request(s)", self.name, pages, self.requests_sent)

    def _throttle(self) -> None:
        wait = self._next_start - self._clock()
        if wait > 0:
            self._sleep(wait)
        self._next_start = self._clock() + 1.0 / self.options.requests_per_second

    def _get(self, url: str) -> requests.Response:
        reason = ""
        for attempt in range(self.options.max_retries + 1):
            self._throttle()
            self.requests_sent += 1
            try:
                response = self._session.get(url, headers=self._headers(), timeout=self.options.timeout)
            except (requests.ConnectionError, requests.Timeout) as exc:
                reason, wait = type(exc).__name__, self._backoff(attempt)
            else:
                status = response.status_code
                if status < 400:
                    return response
                if status != 429 and status < 500:
                    hint = " (check LEADSCOUT_SOURCE_<NAME>_TOKEN)" if status in (401, 403) else ""
                    raise SourceError(f"source {self.name}: {url} answered HTTP {status}{hint}")
                reason = f"HTTP {status}"
                retry_after = retry_after_seconds(response.headers.get("Retry-After"))
                if retry_after is not None and retry_after > self.options.max_wait:
                    raise SourceError(f"source {self.name}: {url} asks to retry after {retry_after:.0f}s, "
                                      f"longer than the {self.options.max_wait:.0f}s allowed; try again later")
                wait = retry_after if retry_after is not None else self._backoff(attempt)
            if attempt == self.options.max_retries:
                break
            log.info("source %s: %s, retry %d in %.2fs", self.name, reason, attempt + 1, wait)
            self._sleep(wait)
            # A server's Retry-After also holds back the next request start.
            self._next_start = max(self._next_start, self._clock())
        raise SourceError(f"source {self.name}: {url} failed after {self.options.max_retries + 1} attempts "
                          f"(last: {reason})")

    def _backoff(self, attempt: int) -> float:
        base = self.options.backoff * 2 ** attempt
        return min(base + self._jitter.uniform(0, base), self.options.max_wait)


def _items(body: object, where: str) -> list:
    if isinstance(body, list):
        return body
    if isinstance(body, dict):
        for key in ITEM_KEYS:
            if isinstance(body.get(key), list):
                return body[key]
    raise SourceError(f"{where}: expected a list of profiles (or one under {', '.join(ITEM_KEYS)})")


def _next_url(url: str, response: requests.Response, body: object) -> str | None:
    link = response.links.get("next", {}).get("url")
    if link:
        return urljoin(url, link)
    if not isinstance(body, dict):
        return None
    nested = [body.get(k) for k in ("links", "paging")]
    for candidate in (body.get("next"), body.get("next_url"), *(n.get("next") for n in nested if isinstance(n, dict))):
        if isinstance(candidate, str) and candidate:
            return urljoin(url, candidate)
    cursor = body.get("next_cursor")
    if isinstance(cursor, (str, int)) and str(cursor):
        parts = urlsplit(url)
        query = [(k, v) for k, v in parse_qsl(parts.query) if k != "cursor"] + [("cursor", str(cursor))]
        return urlunsplit(parts._replace(query=urlencode(query)))
    return None
