"""Optional mailbox check over SMTP (RCPT TO without sending), with catch-all detection; off by default.

How it works (RFC 5321 sections 3.3 and 4.2): connect to the domain's best MX, EHLO, ``MAIL FROM``,
``RCPT TO:<address>``, read the reply, ``RSET``, ``RCPT TO`` a random address at the same domain, QUIT.
No DATA is ever sent. 250/251 = accepted, 550/551/553 = the mailbox does not exist, 4xx = try later
(greylisting) and anything else = unknown. If the random address is accepted too, the domain is a
catch-all and the first answer proves nothing.

Risks, which is why it is off unless asked for (also written in the README):
- Many providers (Gmail, Microsoft 365, Yahoo) accept every RCPT or rate-limit probes: "accepted" is
  weak evidence, "rejected" is the useful answer.
- Outbound port 25 is blocked on most cloud and home networks; probes then time out (unknown).
- Probing looks like a directory-harvest attack: the probing IP can land on blocklists (Spamhaus),
  which hurts the team's real mail. Use a dedicated IP, a real EHLO name and a real MAIL FROM domain,
  keep the rate low, and never probe without a lawful basis for processing the address.
The prober waits ``min_interval`` seconds between two probes of one mail server, stops after
``max_probes`` per run, and never connects to loopback/private addresses unless ``allow_private``.
"""

from __future__ import annotations

import ipaddress
import logging
import secrets
import smtplib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class SmtpOptions:
    """How (and whether) mailboxes are probed."""

    enabled: bool = False
    """Off by default: see the module docstring for the risks."""
    port: int = 25
    """SMTP port of the mail servers (tests point it at a local server)."""
    helo_name: str = "localhost"
    """EHLO name: set it to the probing host's real name, or servers will distrust the probe."""
    mail_from: str = ""
    """Envelope sender; empty = the null reverse-path ``<>`` (RFC 5321 section 4.5.5)."""
    timeout: float = 10.0
    """Seconds per SMTP conversation step."""
    min_interval: float = 2.0
    """Seconds between two probes of the same mail server (rate limit)."""
    max_probes: int = 500
    """Probes per run at most; later addresses are left ``unknown``."""
    allow_private: bool = False
    """Permit loopback/private mail-server addresses (tests only)."""


@dataclass(frozen=True, slots=True)
class MailboxResult:
    """The answer of one mail server about one address."""

    status: str
    """``accepted``, ``rejected``, ``catch_all``, ``unknown`` or ``not_checked``."""
    code: int = 0
    """The SMTP reply code to RCPT TO (0 when no conversation took place)."""
    detail: str = ""
    """Why, without the address (e.g. ``"550 from the best MX"``, ``"timeout"``, ``"rate budget spent"``)."""


class MailboxProber:
    """Probes mailboxes one conversation at a time per server, within a rate limit and a budget."""

    def __init__(self, options: SmtpOptions, resolve_host: Callable[[str], list[str]],
                 *, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self.options = options
        self.resolve_host = resolve_host
        self._clock, self._sleep = clock, sleep
        self._last: dict[str, float] = {}
        self._catch_all: dict[str, bool] = {}
        self._lock = threading.Lock()
        self.probes = 0

    def probe(self, address: str, mx_hosts: tuple[str, ...]) -> MailboxResult:
        """Ask the best MX (the first) whether ``address`` exists."""
        if not self.options.enabled:
            return MailboxResult("not_checked")
        if not mx_hosts:
            return MailboxResult("unknown", detail="no mail server")
        with self._lock:
            if self.probes >= self.options.max_probes:
                return MailboxResult("unknown", detail="rate budget spent")
            self.probes += 1
        host = mx_hosts[0]
        ips = [ip for ip in self.resolve_host(host) if self.options.allow_private or ipaddress.ip_address(ip).is_global]
        if not ips:
            return MailboxResult("unknown", detail="mail server has no public address")
        self._wait_turn(host)
        domain = address.rsplit("@", 1)[1]
        try:
            return self._converse(ips[0], address, domain)
        except (OSError, smtplib.SMTPException) as exc:
            return MailboxResult("unknown", detail=type(exc).__name__)

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = self._clock()
            ready = self._last.get(host, float("-inf")) + self.options.min_interval
            start = max(now, ready)
            self._last[host] = start
        if start > now:
            self._sleep(start - now)

    def _converse(self, ip: str, address: str, domain: str) -> MailboxResult:
        with smtplib.SMTP(timeout=self.options.timeout, local_hostname=self.options.helo_name) as smtp:
            smtp.connect(ip, self.options.port)
            smtp.ehlo_or_helo_if_needed()
            code, _ = smtp.mail(self.options.mail_from)
            if code != 250:
                return MailboxResult("unknown", code, f"{code} to MAIL FROM")
            code, _ = smtp.rcpt(address)
            if code in (250, 251):
                if self._is_catch_all(smtp, domain):
                    return MailboxResult("catch_all", code, "the server accepts any address at this domain")
                return MailboxResult("accepted", code, f"{code} from the best MX")
            if code in (550, 551, 553):
                return MailboxResult("rejected", code, f"{code} from the best MX")
            return MailboxResult("unknown", code, f"{code} from the best MX" + (" (try later)" if code < 500 else ""))

    def _is_catch_all(self, smtp: smtplib.SMTP, domain: str) -> bool:
        if domain in self._catch_all:
            return self._catch_all[domain]
        smtp.rset()
        smtp.mail(self.options.mail_from)
        code, _ = smtp.rcpt(f"leadscout-probe-{secrets.token_hex(6)}@{domain}")
        self._catch_all[domain] = code in (250, 251)
        return self._catch_all[domain]
