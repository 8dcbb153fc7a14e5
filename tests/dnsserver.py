"""A real DNS server on 127.0.0.1 (dnslib) answering from a test's zone, with TTL 0 by default."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from dnslib import AAAA, MX, QTYPE, RCODE, RR, TXT, A
from dnslib.server import BaseResolver, DNSLogger, DNSServer

# A zone maps a name to the answers of each query type; a callable answer is asked each time
# (how a rebinding server changes its answer between two lookups).
Answers = list[str] | Callable[[], list[str]]


@dataclass
class Zone:
    a: dict[str, Answers] = field(default_factory=dict)
    aaaa: dict[str, Answers] = field(default_factory=dict)
    # A null MX (RFC 7505) is [(0, ".")].
    mx: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    txt: dict[str, list[str]] = field(default_factory=dict)
    queries: list[tuple[str, str]] = field(default_factory=list)
    # Names in no table answer NXDOMAIN when set (else NOERROR with no answer, i.e. NoAnswer).
    nxdomain_unknown: bool = False
    # Names whose answers are delayed this many seconds (a slow or unreachable DNS server).
    delays: dict[str, float] = field(default_factory=dict)

    def known(self, name: str) -> bool:
        return any(name in table for table in (self.a, self.aaaa, self.mx, self.txt))


class _ZoneResolver(BaseResolver):
    def __init__(self, zone: Zone, ttl: int) -> None:
        self.zone = zone
        self.ttl = ttl

    def resolve(self, request, handler):
        reply = request.reply()
        name = str(request.q.qname).rstrip(".").lower()
        qtype = QTYPE[request.q.qtype]
        self.zone.queries.append((name, qtype))
        if name in self.zone.delays:
            time.sleep(self.zone.delays[name])
        if self.zone.nxdomain_unknown and not self.zone.known(name):
            reply.header.rcode = RCODE.NXDOMAIN
            return reply
        table = {"A": (self.zone.a, A), "AAAA": (self.zone.aaaa, AAAA)}.get(qtype)
        if table is not None:
            answers = table[0].get(name, [])
            for address in answers() if callable(answers) else answers:
                reply.add_answer(RR(name, request.q.qtype, rdata=table[1](address), ttl=self.ttl))
        elif qtype == "MX":
            for preference, exchange in self.zone.mx.get(name, []):
                reply.add_answer(RR(name, QTYPE.MX, rdata=MX(exchange, preference), ttl=self.ttl))
        elif qtype == "TXT":
            for text in self.zone.txt.get(name, []):
                reply.add_answer(RR(name, QTYPE.TXT, rdata=TXT(text), ttl=self.ttl))
        return reply


@contextmanager
def dns_server(zone: Zone, *, ttl: int = 0) -> Iterator[str]:
    """Serve ``zone`` over UDP on a free loopback port; yields ``"127.0.0.1:PORT"``."""
    server = DNSServer(_ZoneResolver(zone, ttl), address="127.0.0.1", port=0,
                       logger=DNSLogger(log="-request,-reply,-truncated,-error,-recv,-send,-data", prefix=False))
    server.start_thread()
    try:
        yield f"127.0.0.1:{server.server.server_address[1]}"
    finally:
        server.stop()
