"""One 0..1 confidence for a contact, with the short reason codes that explain it."""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from leadscout.records import NameParts, Phone
from validation.names import name_problems

log = logging.getLogger(__name__)

# Each reason adds (or, when negative, removes) this much; the sum is clipped to 0..1. The base is what
# a bare mention on a company page is worth.
WEIGHTS: dict[str, float] = {
    "base": 0.2,
    "email_valid": 0.15,
    "email_invalid": -0.2,
    "email_domain_matches_site": 0.1,
    "email_domain_foreign": -0.05,
    "phone_valid": 0.1,
    "phone_invalid": -0.1,
    "name_real": 0.15,
    "name_suspect": -0.25,
    "name_structure_and_ner": 0.2,
    "name_structure": 0.12,
    "name_jsonld": 0.15,
    "name_ner_only": 0.05,
    "has_title": 0.1,
    "company_contact_point": 0.1,
}


def score_contact(*, name: NameParts | None, title: str | None, emails: Sequence[str], phones: Sequence[Phone],
                  site_domains: Collection[str] = (), name_sources: Collection[str] = ()
                  ) -> tuple[float, tuple[str, ...]]:
    """``(confidence, reasons)`` for one contact.

    ``site_domains``: registered domains the site's own addresses use (the page's site and the domains
    of the other addresses found there); ``name_sources``: how the name was found (``structure``,
    ``spacy``, ``label``, ``jsonld``). Checks are offline: email syntax only (no DNS), phone validity
    from libphonenumber's metadata.
    """
    reasons: list[str] = []
    valid_emails = [address for address in emails if _email_valid(address)]
    if valid_emails:
        reasons.append("email_valid")
    if len(valid_emails) < len(emails):
        reasons.append("email_invalid")
    if valid_emails and site_domains:
        domains = {address.rsplit("@", 1)[1].casefold() for address in valid_emails}
        own = {domain.casefold() for domain in site_domains}
        reasons.append("email_domain_matches_site" if domains & own or any(
            d.endswith("." + o) for d in domains for o in own) else "email_domain_foreign")
    if phones:
        valid = sum(_phone_valid(phone) for phone in phones)
        if valid:
            reasons.append("phone_valid")
        if valid < len(phones):
            reasons.append("phone_invalid")
    if name is None:
        reasons.append("company_contact_point")
    else:
        problems = name_problems(name.full)
        reasons.extend(problems or ("name_real",))
        if problems:
            reasons.append("name_suspect")
        reasons.append(_name_evidence(set(name_sources)))
        if title:
            reasons.append("has_title")
    confidence = WEIGHTS["base"] + sum(WEIGHTS.get(reason, 0.0) for reason in reasons)
    return round(min(1.0, max(0.0, confidence)), 3), tuple(reasons)


def _name_evidence(sources: set[str]) -> str:
    if "jsonld" in sources:
        return "name_jsonld"
    if "spacy" in sources and ({"structure", "label"} & sources):
        return "name_structure_and_ner"
    if {"structure", "label"} & sources:
        return "name_structure"
    return "name_ner_only"


def _email_valid(address: str) -> bool:
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _phone_valid(phone: Phone) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(phone.e164, None))
    except phonenumbers.NumberParseException:
        return False
