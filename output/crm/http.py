"""One HTTP session for CRM APIs: timeouts, 429 Retry-After, bounded exponential backoff with jitter, redaction.

Retry rules (shared by HubSpot and Salesforce):

* 429 Too Many Requests: wait at least ``Retry-After`` (RFC 9110 §10.2.3: seconds or an HTTP-date), or
  the backoff delay when the header is absent; a wait longer than ``max_retry_after`` (a daily quota)
  stops the run with :class:`RateLimited` instead of sleeping for hours.
* 500/502/503/504, connection resets and read timeouts: bounded exponential backoff with jitter —
  but only for requests marked ``idempotent``: an upsert may be sent twice, since the second lands
  on the same key. A non-idempotent request (a Bulk API data upload) is retried only when the server
  cannot have acted on it (connection refused, 503, 429), else :class:`AmbiguousWrite` is raised for
  the caller to reconcile.
"""

from __future__ import annotations

import logging
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import NewConnectionError

from leadscout.retry_after import retry_after_seconds as retry_after  # re-exported: CRM code and tests use this name

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({500, 502, 503, 504})
NOT_ACTED_STATUSES = frozenset({429, 503})  # the server says it did not process the request
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d ()./-]{6,}\d")


class CrmError(RuntimeError):
    """A CRM call failed for good; the message says what happened (redacted)."""


class CrmConfigError(ValueError):
    """The CRM is not configured or refused the credentials; the message names the setting to fix."""


class RateLimited(CrmError):
    """The CRM asked us to wait longer than we are willing to (a daily or burst quota is spent)."""


class AmbiguousWrite(CrmError):
    """A non-idempotent request may or may not have been applied (timeout or reset after sending)."""


@dataclass(frozen=True, kw_only=True)
class RetryPolicy:
    """How hard a CRM session tries."""

    max_attempts: int = 6
    """Tries per request, the first included."""
    base_delay: float = 0.5
    """Backoff before the 2nd try; doubles each time (seconds)."""
    max_delay: float = 30.0
    """Cap of one backoff delay (seconds)."""
    max_retry_after: float = 300.0
    """Longest Retry-After we wait out; longer raises RateLimited (seconds)."""
    connect_timeout: float = 10.0
    """Seconds to open a connection."""
    read_timeout: float = 60.0
    """Seconds to wait for a response."""


@dataclass
class CrmSession:
    """A ``requests.Session`` with the retry rules above. ``sleep`` and ``rng`` are injectable for tests."""

    policy: RetryPolicy = field(default_factory=RetryPolicy)
    user_agent: str = "leadscout"
    sleep: Callable[[float], None] = time.sleep
    rng: random.Random = field(default_factory=random.Random)
    session: requests.Session = field(default_factory=requests.Session)
    waits: list[float] = field(default_factory=list)
    """Every delay slept, in order (what a test or a benchmark report reads)."""

    def request(self, method: str, url: str, *, idempotent: bool = True, **kwargs: Any) -> requests.Response:
        """Send with retries; returns the final response (any status not retried) or raises CrmError."""
        headers = {"User-Agent": self.user_agent, **kwargs.pop("headers", {})}
        where = f"{method} {urlsplit(url).path}"
        for attempt in range(1, self.policy.max_attempts + 1):
            last = attempt == self.policy.max_attempts
            try:
                response = self.session.request(method, url, headers=headers, timeout=(
                    self.policy.connect_timeout, self.policy.read_timeout), **kwargs)
            except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as exc:
                if not idempotent and not _never_sent(exc):
                    raise AmbiguousWrite(f"{where}: {type(exc).__name__} after sending; outcome unknown") from None
                if last:
                    raise CrmError(f"{where}: {type(exc).__name__} on all {attempt} tries") from None
                self._wait(self.backoff(attempt), f"{where}: {type(exc).__name__}")
                continue
            except requests.RequestException as exc:
                raise CrmConfigError(f"{where}: {type(exc).__name__}: {exc}; check the CRM URL setting") from None
            status = response.status_code
            if status == 429:
                asked = retry_after(response.headers.get("Retry-After"))
                # At least what the server asked for; a little jitter so parallel clients do not return in step.
                delay = asked + self.rng.uniform(0, min(1.0, asked * 0.1)) if asked is not None \
                    else self.backoff(attempt)
                if delay > self.policy.max_retry_after:
                    raise RateLimited(f"{where}: rate limited, asked to wait {delay:.0f}s "
                                      f"(more than {self.policy.max_retry_after:.0f}s); run again later")
                if last:
                    raise RateLimited(f"{where}: still rate limited after {attempt} tries")
                self._wait(delay, f"{where}: 429")
                continue
            if status in RETRY_STATUSES and (idempotent or status in NOT_ACTED_STATUSES):
                if last:
                    raise CrmError(f"{where}: HTTP {status} on all {attempt} tries")
                self._wait(self.backoff(attempt), f"{where}: HTTP {status}")
                continue
            if status in RETRY_STATUSES:
                raise AmbiguousWrite(f"{where}: HTTP {status}; outcome unknown")
            return response
        raise AssertionError("unreachable")

    def backoff(self, attempt: int) -> float:
        """Exponential backoff with "equal jitter": half fixed, half random, capped."""
        ceiling = min(self.policy.max_delay, self.policy.base_delay * 2 ** (attempt - 1))
        return ceiling / 2 + self.rng.uniform(0, ceiling / 2)

    def _wait(self, delay: float, why: str) -> None:
        log.info("%s; retrying in %.2fs", why, delay)
        self.waits.append(delay)
        self.sleep(delay)


def redact(text: str | None, limit: int = 500) -> str | None:
    """A CRM message made fit for logs and the ledger: emails and phone numbers masked, length capped."""
    if text is None:
        return None
    return _PHONE.sub("<phone>", _EMAIL.sub("<email>", text))[:limit]


def _never_sent(exc: requests.RequestException) -> bool:
    """True when the request cannot have reached the server (no connection was made)."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, NewConnectionError) and not isinstance(exc, requests.ReadTimeout)
