"""Refuses requests to non-http(s) schemes and to non-public addresses (SSRF guard).

Every request passes here, including robots.txt fetches, redirects and meta
refreshes (Scrapy re-schedules those as new requests). The host is resolved and
every address it resolves to must be public: an address spelled as decimal, hex
or octal, or IPv4-mapped IPv6, resolves to the address it means and is judged as
that. Loopback and private ranges are reachable only with LEADSCOUT_ALLOW_PRIVATE.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

log = logging.getLogger(__name__)

DNS_TIMEOUT = 10.0


class BlockedRequest(IgnoreRequest):
    """A request the guard refused; ``reason`` is a short code also counted in the stats."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


def address_problem(address: str) -> str | None:
    """Why an IP address must not be contacted, or None when it is a public unicast address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:  # 169.254.169.254 (cloud metadata) lives here
        return "link_local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_unspecified:
        return "unspecified"
    if not ip.is_global:  # RFC 1918, CGNAT 100.64/10, ULA fd00::/8, reserved, documentation
        return "private"
    return None


def ip_literal_problem(url: str) -> str | None:
    """Like ``address_problem`` for a URL whose host is an IP literal in any spelling; None for names.

    ``inet_aton`` reads the legacy spellings (``2130706433``, ``0x7f000001``,
    ``017700000001``, ``127.1``) exactly as the resolver would, without a lookup.
    """
    host = (urlsplit(url).hostname or "").rstrip(".")
    try:
        return address_problem(str(ipaddress.ip_address(host)))
    except ValueError:
        pass
    if not host or not all(part.isalnum() for part in host.split(".")) or host.split(".")[-1].isalpha():
        return None
    try:
        return address_problem(socket.inet_ntoa(socket.inet_aton(host)))
    except OSError:
        return None


class SSRFGuardMiddleware:
    """Downloader middleware: only http(s) to public addresses, unless private ones are allowed."""

    def __init__(self, *, allow_private: bool, stats: StatsCollector) -> None:
        self.allow_private = allow_private
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SSRFGuardMiddleware:
        return cls(allow_private=crawler.settings.getbool("LEADSCOUT_ALLOW_PRIVATE"), stats=crawler.stats)

    async def process_request(self, request: Request) -> None:
        parts = urlparse_cached(request)
        if parts.scheme not in ("http", "https"):
            self._block("bad_scheme", request, f"scheme {parts.scheme!r}")
        host = parts.hostname
        if not host:
            self._block("no_host", request, "no host")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            infos = await asyncio.wait_for(
                asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM), DNS_TIMEOUT
            )
        except (OSError, asyncio.TimeoutError) as exc:
            self._block("dns_error", request, f"cannot resolve {host}: {exc}")
        for info in infos:
            problem = address_problem(info[4][0])
            if problem and not self.allow_private:
                self._block(problem, request, f"{host} resolves to a {problem.replace('_', '-')} address")

    def _block(self, reason: str, request: Request, detail: str) -> None:
        self.stats.inc_value(f"leadscout/ssrf_blocked/{reason}")
        log.warning("refused %s: %s", request.url, detail)
        raise BlockedRequest(reason, detail)
