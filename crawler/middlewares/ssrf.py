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
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from crawler.resolver import Lookup

log = logging.getLogger(__name__)

DNS_TIMEOUT = 10.0
LOOKUP_CACHE_SECONDS = 30.0
LOOKUP_CACHE_SIZE = 10_000


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


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses may be contacted: public ones, plus private ones only when allowed."""

    allow_private: bool = False
    """Everything may be contacted (tests and the demo only)."""
    allowed_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    """Non-public networks explicitly permitted (e.g. a company intranet), as CIDR."""

    @classmethod
    def from_settings(cls, settings) -> AddressPolicy:
        """From Scrapy settings."""
        return cls.from_networks(allow_private=settings.getbool("LEADSCOUT_ALLOW_PRIVATE"),
                                 networks=settings.getlist("LEADSCOUT_ALLOW_NETWORKS"))

    @classmethod
    def from_networks(cls, *, allow_private: bool, networks: str | list[str]) -> AddressPolicy:
        """From a list (or a comma-separated string) of CIDRs."""
        if isinstance(networks, str):
            networks = [n for n in networks.split(",") if n.strip()]
        return cls(allow_private=allow_private,
                   allowed_networks=tuple(ipaddress.ip_network(n.strip(), strict=False) for n in networks))

    def problem(self, address: str) -> str | None:
        """Why ``address`` must not be contacted under this policy, or None."""
        problem = address_problem(address)
        if problem is None or self.allow_private:
            return None
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if any(ip in network for network in self.allowed_networks):
            return None
        return problem

    def first_problem(self, addresses: list[str]) -> str | None:
        """A name with several addresses is refused if any one is refused (no mixing public and private)."""
        return next((p for p in map(self.problem, addresses) if p), None)


class SSRFGuardMiddleware:
    """Downloader middleware: only http(s), and only hosts whose every address the policy allows.

    This refuses early and explains why (stats, crawl state); the resolver in
    crawler/resolver.py enforces the same policy on the address actually connected.
    """

    def __init__(self, *, policy: AddressPolicy, lookup: Lookup, stats: StatsCollector) -> None:
        self.policy = policy
        self.lookup = lookup
        self.stats = stats
        self._cache: dict[str, tuple[float, list[str]]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SSRFGuardMiddleware:
        from crawler.resolver import Lookup

        settings = crawler.settings
        return cls(policy=AddressPolicy.from_settings(settings),
                   lookup=Lookup(nameserver=settings.get("LEADSCOUT_DNS_SERVER") or None,
                                 timeout=settings.getfloat("DNS_TIMEOUT") or DNS_TIMEOUT),
                   stats=crawler.stats)

    async def process_request(self, request: Request) -> None:
        parts = urlparse_cached(request)
        if parts.scheme not in ("http", "https"):
            self._block("bad_scheme", request, f"scheme {parts.scheme!r}")
        host = parts.hostname
        if not host:
            self._block("no_host", request, "no host")
        literal = ip_literal_problem(request.url)
        if literal and self.policy.problem(literal_address(host)):
            self._block(literal, request, f"{host} is a {literal.replace('_', '-')} address")
        try:
            addresses = await self._addresses(host, parts.port or 0)
        except (OSError, asyncio.TimeoutError) as exc:
            self._block("dns_error", request, f"cannot resolve {host}: {exc}")
        problem = self.policy.first_problem(addresses)
        if problem:
            self._block(problem, request, f"{host} resolves to a {problem.replace('_', '-')} address")

    async def _addresses(self, host: str, port: int) -> list[str]:
        """What ``host`` resolves to. Answers are kept for a short while: this check only explains
        refusals early; the resolver (crawler/resolver.py) judges the address each connection uses."""
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError:
            pass
        now = time.monotonic()
        cached = self._cache.get(host)
        if cached is not None and cached[0] > now:
            return cached[1]
        addresses = await asyncio.wait_for(asyncio.to_thread(self.lookup, host, port), DNS_TIMEOUT)
        self._cache[host] = (now + LOOKUP_CACHE_SECONDS, addresses)
        if len(self._cache) > LOOKUP_CACHE_SIZE:
            self._cache.pop(next(iter(self._cache)))
        return addresses

    def _block(self, reason: str, request: Request, detail: str) -> NoReturn:
        self.stats.inc_value(f"leadscout/ssrf_blocked/{reason}")
        log.warning("refused %s: %s", request.url, detail)
        raise BlockedRequest(reason, detail)


def literal_address(host: str) -> str:
    """The canonical form of an IP-literal host in any spelling (``0x7f000001`` -> ``127.0.0.1``)."""
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return socket.inet_ntoa(socket.inet_aton(host))
