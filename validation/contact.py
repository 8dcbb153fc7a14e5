"""One lead in, every per-field check out: the input of clustering and of the confidence."""

from __future__ import annotations

from dataclasses import dataclass

from validation.deliverability import DomainChecker
from validation.domains import cctld_region, host_of
from validation.emails import EmailCheck, check_email
from validation.names import NameCheck, check_name
from validation.phones import PhoneCheck, check_phone
from validation.smtp import MailboxProber


@dataclass(frozen=True, kw_only=True, slots=True)
class Lead:
    """A contact to validate, from a lead file or from the store."""

    name: str = ""
    """Full name as given (``first_name last_name`` when the file splits it)."""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    company: str = ""
    website: str = ""
    """The company's website (URL or domain); the store passes the site key."""
    country: str = ""
    """ISO 3166-1 alpha-2 of the company, when known; else read from the website's ccTLD."""
    title: str = ""
    sources: int = 1
    """How many distinct pages or files the contact was seen on."""
    context: float | None = None
    """0..1 page evidence from extraction (name found in page structure, JSON-LD...); None for files."""


@dataclass(frozen=True, kw_only=True, slots=True)
class ContactChecks:
    """The result of every check on one lead."""

    lead: Lead
    name: NameCheck
    emails: tuple[EmailCheck, ...] = ()
    phones: tuple[PhoneCheck, ...] = ()
    company_country: str | None = None

    @property
    def best_email(self) -> EmailCheck | None:
        """The address that speaks best for the contact (deliverable, personal, on the company's domain)."""
        if not self.emails:
            return None
        return max(self.emails, key=_email_rank)

    @property
    def best_phone(self) -> PhoneCheck | None:
        if not self.phones:
            return None
        return max(self.phones, key=lambda p: (p.valid, p.number_type not in ("premium_rate", "unknown"),
                                               p.country_matches is not False))


def _email_rank(check: EmailCheck) -> tuple:
    return (check.valid_syntax, check.deliverable is not False, check.mailbox.status != "rejected",
            not check.disposable, check.company_domain is True, not check.role, not check.free)


def company_country(lead: Lead) -> str | None:
    """The lead's own country column (ISO alpha-2; "UK" read as GB), else the website's ccTLD (``.de`` -> DE;
    ``.io`` says nothing)."""
    code = lead.country.strip().upper()
    if len(code) == 2 and code.isalpha():
        return "GB" if code == "UK" else code
    return cctld_region(host_of(lead.website)) if lead.website else None


def check_contact(lead: Lead, *, dns: DomainChecker | None = None, smtp: MailboxProber | None = None,
                  default_region: str = "US") -> ContactChecks:
    """Run the name, email and phone checks of one lead.

    National-format phone numbers are read in the company's country, else in ``default_region``.
    """
    country = company_country(lead)
    emails = tuple(check_email(address, website=lead.website, company=lead.company, dns=dns, smtp=smtp)
                   for address in lead.emails if address.strip())
    phones = tuple(check_phone(raw, region=country or default_region, company_country=country)
                   for raw in lead.phones if raw.strip())
    return ContactChecks(lead=lead, name=check_name(lead.name), emails=emails, phones=phones, company_country=country)
