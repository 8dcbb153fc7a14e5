"""The downloader's DNS resolver, which refuses non-public answers at connect time.

The SSRF guard middleware judges a host before the request is scheduled, but
Twisted resolves the name again when it connects. A hostile DNS server can
answer the first lookup with a public address and the second with 127.0.0.1
(DNS rebinding, TTL 0). Installed as Scrapy's TWISTED_DNS_RESOLVER, this
resolver filters the very answer the connection will use: if any address a
name resolves to is not public (and not explicitly allowed), the name resolves
to nothing and no socket is opened. Nothing is cached, so a TTL is never
stretched.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Sequence
from typing import TYPE_CHECKING

from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.interfaces import IHostnameResolver, IHostResolution, IResolutionReceiver
from twisted.internet.threads import deferToThreadPool
from zope.interface import implementer

from crawler.middlewares.ssrf import AddressPolicy

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

log = logging.getLogger(__name__)


@implementer(IHostResolution)
class _Resolution:
    def __init__(self, name: str) -> None:
        self.name = name

    def cancel(self) -> None:
        pass


class Lookup:
    """Name -> addresses, through the system resolver or a given DNS server (tests use a loopback one)."""

    def __init__(self, *, nameserver: str | None = None, timeout: float = 10.0) -> None:
        self.nameserver = nameserver
        self.timeout = timeout

    def __call__(self, host: str, port: int = 0) -> list[str]:
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError:
            pass
        if self.nameserver is None:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            return list(dict.fromkeys(info[4][0] for info in infos))
        return self._query(host)

    def _query(self, host: str) -> list[str]:
        import dns.resolver

        server, _, port = self.nameserver.rpartition(":")
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = [server]
        resolver.port = int(port)
        resolver.lifetime = self.timeout
        resolver.cache = None  # never stretch a TTL: rebinding relies on the cache being honest
        addresses: list[str] = []
        for rdtype in ("A", "AAAA"):
            try:
                answer = resolver.resolve(host, rdtype)
            except (dns.resolver.NoAnswer, dns.resolver.NXDOMAIN):
                continue
            addresses += [rr.address for rr in answer]
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, f"no address for {host}")
        return addresses


@implementer(IHostnameResolver)
class GuardedResolver:
    """IHostnameResolver that yields only addresses the policy allows; otherwise none at all."""

    def __init__(self, reactor, *, policy: AddressPolicy, lookup: Lookup, stats=None) -> None:
        self.reactor = reactor
        self.policy = policy
        self.lookup = lookup
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor) -> GuardedResolver:
        # Scrapy builds the resolver from the CrawlerProcess, which has settings but no stats.
        settings = crawler.settings
        return cls(reactor, policy=AddressPolicy.from_settings(settings),
                   lookup=Lookup(nameserver=settings.get("LEADSCOUT_DNS_SERVER") or None,
                                 timeout=settings.getfloat("DNS_TIMEOUT")),
                   stats=getattr(crawler, "stats", None))

    def install_on_reactor(self) -> None:
        self.reactor.installNameResolver(self)

    def resolveHostName(  # noqa: N802 - Twisted's interface
        self,
        resolutionReceiver: IResolutionReceiver,  # noqa: N803
        hostName: str,  # noqa: N803
        portNumber: int = 0,  # noqa: N803
        addressTypes: Sequence[type] | None = None,  # noqa: N803
        transportSemantics: str = "TCP",  # noqa: N803
    ) -> IHostResolution:
        resolution = _Resolution(hostName)
        resolutionReceiver.resolutionBegan(resolution)
        deferred = deferToThreadPool(self.reactor, self.reactor.getThreadPool(), self.lookup, hostName, portNumber)

        def deliver(addresses: list[str]) -> None:
            problem = self.policy.first_problem(addresses)
            if problem:
                log.warning("refused to connect to %s: it resolves to a %s address", hostName, problem)
                if self.stats is not None:
                    self.stats.inc_value(f"leadscout/ssrf_blocked/connect_{problem}")
            else:
                for address in addresses:
                    ip = ipaddress.ip_address(address.split("%", 1)[0])
                    kind = IPv6Address if ip.version == 6 else IPv4Address
                    if addressTypes is None or kind in addressTypes:
                        resolutionReceiver.addressResolved(kind("TCP", address, portNumber))
            resolutionReceiver.resolutionComplete()

        def failed(failure) -> None:
            log.info("cannot resolve %s: %s", hostName, failure.getErrorMessage())
            resolutionReceiver.resolutionComplete()

        deferred.addCallbacks(deliver, failed)
        return resolution
