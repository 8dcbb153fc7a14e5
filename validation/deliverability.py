"""Can a domain receive mail? MX, else A/AAAA, null MX (RFC 7505), through a configurable dnspython resolver.

The rules are email-validator's (RFC 5321 section 5.1: MX records, else the implicit MX of an A or
AAAA record with a globally reachable address; RFC 7505: a lone "0 ." MX means "no mail"), kept here
so the outcome is a code the score can weigh (``nxdomain`` and ``null_mx`` are proof; ``timeout`` is
not) and so every lookup goes through one injected resolver with a timeout and two caches: dnspython's
TTL-respecting record cache and a per-run cache of domain verdicts (a list of leads repeats domains).
"""

from __future__ import annotations

import ipaddress
import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

import dns.exception
import dns.resolver

from validation.errors import DnsConfigError

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class DnsOptions:
    """How domains are looked up."""

    nameserver: str | None = None
    """``host:port`` of the DNS server to ask (``--dns-server``); None = the system's resolvers."""
    timeout: float = 3.0
    """Seconds one lookup may take in all (dnspython ``lifetime``), retries included."""
    cache_size: int = 100_000
    """Domains whose verdict is kept for the run (and records in dnspython's LRU cache)."""
    workers: int = 16
    """Lookups in flight at once when a batch of domains is checked ahead (``prefetch``)."""


@dataclass(frozen=True, slots=True)
class DomainVerdict:
    """What DNS says about one domain's mail."""

    status: str
    """``mx``, ``a_fallback``, ``aaaa_fallback`` (deliverable); ``null_mx``, ``no_mail_records``,
    ``nxdomain`` (not deliverable); ``timeout``, ``no_nameservers``, ``error`` (unknown)."""
    mx: tuple[str, ...] = ()
    """Mail exchangers by preference (the domain itself for an A/AAAA fallback)."""

    @property
    def deliverable(self) -> bool | None:
        """True/False when DNS answered; None when it could not tell."""
        if self.status in ("mx", "a_fallback", "aaaa_fallback"):
            return True
        if self.status in ("null_mx", "no_mail_records", "nxdomain"):
            return False
        return None


def parse_nameserver(text: str) -> tuple[str, int]:
    """``"127.0.0.1:5353"`` -> ``("127.0.0.1", 5353)``; ``"[::1]:53"`` for IPv6; port 53 when omitted."""
    host, port = text.strip(), 53
    if host.startswith("["):
        host, _, rest = host[1:].partition("]")
        port_text = rest.lstrip(":")
    elif host.count(":") == 1:
        host, port_text = host.split(":")
    else:
        port_text = ""
    try:
        ipaddress.ip_address(host)
        port = int(port_text) if port_text else port
        if not 0 < port < 65536:
            raise ValueError
    except ValueError:
        raise DnsConfigError(f"--dns-server {text!r}: write it as IP:PORT, e.g. 127.0.0.1:53 or [::1]:53") from None
    return host, port


def make_resolver(options: DnsOptions) -> dns.resolver.Resolver:
    """A dnspython resolver asking ``options.nameserver`` (or the system's), with timeout and record cache."""
    if options.nameserver:
        host, port = parse_nameserver(options.nameserver)
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = [host]
        resolver.port = port
    else:
        try:
            resolver = dns.resolver.Resolver()
        except dns.resolver.NoResolverConfiguration:
            raise DnsConfigError("no system DNS resolver is configured; pass --dns-server IP:PORT or --no-dns") \
                from None
    resolver.lifetime = options.timeout
    resolver.timeout = min(resolver.timeout, options.timeout)
    resolver.cache = dns.resolver.LRUCache(max_size=options.cache_size)
    return resolver


class DomainChecker:
    """Mail verdicts of domains, each looked up once per checker (thread-safe)."""

    def __init__(self, options: DnsOptions = DnsOptions(), *, resolver: dns.resolver.Resolver | None = None) -> None:
        self.options = options
        self.resolver = resolver or make_resolver(options)
        self.lookups = 0
        """Domains actually looked up (cache misses)."""
        self._lock = threading.Lock()
        self.check = lru_cache(maxsize=options.cache_size)(self._lookup)

    def prefetch(self, domains: Iterable[str], *, on_done: Callable[[], None] = lambda: None) -> None:
        """Look up many domains concurrently so later ``check`` calls hit the cache; ``on_done`` per domain."""
        unique = sorted(set(domains))
        with ThreadPoolExecutor(max_workers=max(1, self.options.workers)) as pool:
            for _ in pool.map(self.check, unique):
                on_done()

    def addresses(self, host: str) -> list[str]:
        """A, then AAAA addresses of a host (for the SMTP check); empty when none."""
        for rdtype in ("A", "AAAA"):
            try:
                return [r.address for r in self.resolver.resolve(host, rdtype)]
            except (dns.resolver.NoAnswer, dns.resolver.NXDOMAIN):
                continue
            except dns.exception.DNSException:
                return []
        return []

    def _lookup(self, domain: str) -> DomainVerdict:
        with self._lock:
            self.lookups += 1
        try:
            return self._mail_records(domain)
        except dns.resolver.NXDOMAIN:
            return DomainVerdict("nxdomain")
        except dns.resolver.NoNameservers:
            return DomainVerdict("no_nameservers")
        except dns.exception.Timeout:
            return DomainVerdict("timeout")
        except dns.exception.DNSException as exc:
            log.debug("DNS lookup failed: %s", type(exc).__name__)
            return DomainVerdict("error")

    def _mail_records(self, domain: str) -> DomainVerdict:
        try:
            answer = self.resolver.resolve(domain, "MX")
        except dns.resolver.NoAnswer:
            return self._implicit_mx(domain)
        exchanges = sorted((r.preference, str(r.exchange).rstrip(".")) for r in answer)
        real = tuple(host for _, host in exchanges if host)
        # RFC 7505 section 3: a single MX with exchange "." declares the domain takes no mail.
        return DomainVerdict("mx", real) if real else DomainVerdict("null_mx")

    def _implicit_mx(self, domain: str) -> DomainVerdict:
        # RFC 5321 section 5.1: with no MX, the domain itself is the implicit MX; only an address on
        # the public Internet counts (loopback or private answers are misconfiguration, as email-validator rules).
        for rdtype, status in (("A", "a_fallback"), ("AAAA", "aaaa_fallback")):
            try:
                answer = self.resolver.resolve(domain, rdtype)
            except dns.resolver.NoAnswer:
                continue
            if any(ipaddress.ip_address(r.address).is_global for r in answer):
                return DomainVerdict(status, (domain,))
        return DomainVerdict("no_mail_records")
