"""Test helpers for the validation stage: a test DNS zone and a real SMTP server (aiosmtpd) on loopback."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller

from tests.dnsserver import Zone

PUBLIC_IP = "93.184.215.14"
"""A globally routable address for A-record answers (only resolved, never contacted)."""


def mail_zone() -> Zone:
    """Domains for every DNS outcome: MX, null MX, A/AAAA fallback, loopback-only A, NXDOMAIN, slow."""
    return Zone(
        mx={"acme.com": [(10, "mx.acme.com")], "nomail.com": [(0, ".")],
            "catchall.com": [(10, "mx.catchall.com")]},
        a={"mx.acme.com": ["127.0.0.1"], "mx.catchall.com": ["127.0.0.1"], "afallback.com": [PUBLIC_IP],
           "loopback.com": ["127.0.0.1"]},
        aaaa={"six.com": ["2606:2800:21f:cb07:6820:80da:af6b:8b2c"]},
        txt={"norecords.com": ["v=spf1 -all"]},
        nxdomain_unknown=True, delays={"slow.com": 1.5},
    )


@dataclass
class MailboxHandler:
    """Accepts RCPT TO for ``mailboxes`` (or any address at a catch-all domain); 550 otherwise."""

    mailboxes: set[str]
    catch_all_domains: set[str] = field(default_factory=set)
    rcpts: list[str] = field(default_factory=list)
    data_commands: int = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd hook
        self.rcpts.append(address)
        if address.lower() in self.mailboxes or address.rsplit("@", 1)[-1].lower() in self.catch_all_domains:
            envelope.rcpt_tos.append(address)
            return "250 OK"
        return "550 5.1.1 No such user here"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd hook
        self.data_commands += 1
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server(handler: MailboxHandler) -> Iterator[int]:
    """A real SMTP server on 127.0.0.1; yields its port."""
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port
    finally:
        controller.stop()
