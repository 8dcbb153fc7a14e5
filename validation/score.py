"""One 0..1 confidence for a contact, with the short reason codes that explain it.

Two entry points: ``score_contact`` is the extraction stage's quick offline score of a contact found
on a page (reason codes only); ``assess`` is the validation stage's verdict over every per-field check
(``validation.contact``) and the cluster-distance score (``validation.clustering``): a confidence, a
verdict (``valid``/``suspect``/``invalid``) and reasons with a sentence each (``validation.reasons``).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from leadscout.records import NameParts, Phone
from validation.contact import ContactChecks
from validation.names import name_problems
from validation.reasons import BLOCKING, EMAIL_BLOCKING, Reason, reason

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


@lru_cache(maxsize=8192)
def _email_valid(address: str) -> bool:
    """Syntax check (no DNS): memoized, since a site repeats its addresses on every page."""
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _phone_valid(phone: Phone) -> bool:
    return _e164_valid(phone.e164)


@lru_cache(maxsize=8192)
def _e164_valid(e164: str) -> bool:
    """libphonenumber validity of an E.164 number: memoized like ``_email_valid``."""
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(e164, None))
    except phonenumbers.NumberParseException:
        return False


EMAIL_FLAW_WEIGHT = -1.0
"""Weight of an unusable address when a valid phone still reaches the person."""
PHONE_FLAW_WEIGHT = -0.4
"""Weight of an unusable number when a usable address still reaches the person (lead-form numbers are messy)."""
PHONE_FLAWS = frozenset({"phone_invalid", "phone_unreadable"})


@dataclass(frozen=True, kw_only=True)
class ScoreOptions:
    """How evidence becomes a verdict."""

    valid_from: float = 0.65
    """Confidence at or above which a contact without blocking reasons is ``valid``."""
    invalid_below: float = 0.3
    """Confidence below which a contact is ``invalid`` even without a blocking reason."""
    cluster_weight: float = 1.0
    """Log-odds the cluster score adds at 1 (and removes at 0); 0.5 adds nothing."""


@dataclass(frozen=True, slots=True)
class Assessment:
    """The validation stage's answer about one contact."""

    confidence: float
    """0..1: the logistic function of the summed evidence (reason weights and cluster score)."""
    verdict: str
    """``valid``, ``suspect`` or ``invalid``."""
    reasons: tuple[Reason, ...]
    """The evidence, strongest first, each with a code and a sentence."""
    fake_name: bool
    """The name is a placeholder, a test entry, has digits or reads as keyboard mash."""
    cluster_score: float | None = None
    """0..1 closeness to the batch's best-validated cluster; None when not clustered."""

    def reasons_as_dicts(self) -> list[dict[str, str]]:
        return [r.as_dict() for r in self.reasons]


def assess(checks: ContactChecks, *, cluster_score: float | None = None,
           options: ScoreOptions = ScoreOptions()) -> Assessment:
    """Combine the per-field checks and the cluster score into one explained verdict."""
    phone_ok = any(p.valid for p in checks.phones)
    email_ok = any(e.valid_syntax and e.deliverable is not False and e.mailbox.status != "rejected"
                   and not e.disposable for e in checks.emails)
    reasons = _email_reasons(checks) + _phone_reasons(checks) + _name_reasons(checks) + _contact_reasons(checks)
    # A bad address next to a working phone (or a bad number next to a working address) is a flaw of
    # the record, not proof the person is fake: it weighs less.
    floors = {**(dict.fromkeys(EMAIL_BLOCKING, EMAIL_FLAW_WEIGHT) if phone_ok else {}),
              **(dict.fromkeys(PHONE_FLAWS, PHONE_FLAW_WEIGHT) if email_ok else {})}
    reasons = [Reason(r.code, r.message, max(r.weight, floors[r.code])) if r.code in floors else r for r in reasons]
    total = sum(r.weight for r in reasons)
    if cluster_score is not None:
        lift = options.cluster_weight * (2.0 * cluster_score - 1.0)
        total += lift
        if abs(lift) >= 0.2 * options.cluster_weight:
            reasons.append(reason("cluster_close" if lift > 0 else "cluster_far", weight=round(lift, 3)))
    confidence = round(1.0 / (1.0 + math.exp(-total)), 3)
    codes = {r.code for r in reasons}
    # An address that cannot receive mail blocks only when nothing else reaches the person.
    blocking = (codes & BLOCKING) - (EMAIL_BLOCKING | {"email_disposable"} if phone_ok or email_ok else set())
    if blocking or confidence < options.invalid_below:
        verdict = "invalid"
    elif confidence >= options.valid_from:
        verdict = "valid"
    else:
        verdict = "suspect"
    ordered = tuple(sorted(reasons, key=lambda r: (r.code not in blocking, -abs(r.weight))))
    return Assessment(confidence=confidence, verdict=verdict, reasons=ordered, fake_name=checks.name.fake,
                      cluster_score=None if cluster_score is None else round(float(cluster_score), 3))


def _email_reasons(checks: ContactChecks) -> list[Reason]:
    email = checks.best_email
    if email is None:
        return []
    if not email.valid_syntax:
        return [reason("email_invalid_syntax", detail=email.syntax_error)]
    out = [reason("email_valid_syntax")]
    domain = email.domain
    status = {"nxdomain": "email_domain_nxdomain", "null_mx": "email_null_mx",
              "no_mail_records": "email_no_mail_server"}.get(email.dns_status)
    if status:
        out.append(reason(status, domain=domain))
    elif email.deliverable:
        out.append(reason("email_deliverable", domain=domain, detail={
            "mx": "MX record", "a_fallback": "no MX; its A record stands in",
            "aaaa_fallback": "no MX; its AAAA record stands in"}[email.dns_status]))
    elif email.dns_status not in ("not_checked",):
        out.append(reason("email_dns_unknown", domain=domain, detail=email.dns_status.replace("_", " ")))
    if email.disposable:
        out.append(reason("email_disposable", domain=domain))
    elif email.free:
        out.append(reason("email_free_provider", domain=domain))
    elif email.company_domain is True:
        out.append(reason("email_company_domain"))
    elif email.company_domain is False:
        out.append(reason("email_foreign_domain", domain=domain))
    if email.role:
        out.append(reason("email_role_address", detail=(email.normalized or "").rsplit("@", 1)[0]))
    mailbox = email.mailbox
    code = {"accepted": "email_mailbox_accepted", "rejected": "email_mailbox_rejected",
            "catch_all": "email_catch_all", "unknown": "email_mailbox_unknown"}.get(mailbox.status)
    if code:
        out.append(reason(code, domain=domain, detail=str(mailbox.code or mailbox.detail)))
    return out


def _phone_reasons(checks: ContactChecks) -> list[Reason]:
    phone = checks.best_phone
    if phone is None:
        return []
    if not phone.parsed:
        return [reason("phone_unreadable", detail=phone.error)]
    if not phone.valid:
        return [reason("phone_invalid")]
    kind = phone.number_type.replace("_", " ")
    out = [reason("phone_valid", detail=f"{kind}, {phone.region}" if phone.region else kind)]
    special = {"premium_rate": "phone_premium_rate", "toll_free": "phone_toll_free", "voip": "phone_voip"}
    if phone.number_type in special:
        out.append(reason(special[phone.number_type]))
    if phone.country_matches is True:
        out.append(reason("phone_country_match", detail=phone.region or ""))
    elif phone.country_matches is False:
        out.append(reason("phone_country_mismatch", detail=phone.region or "another country"))
    return out


def _name_reasons(checks: ContactChecks) -> list[Reason]:
    name = checks.name
    codes = [c for c in name.problems if c in ("name_missing", "name_gibberish", "name_placeholder",
                                               "name_has_digits", "name_single_part", "name_all_caps")]
    out = [reason(code, detail=name.evidence) for code in codes]
    if not name.fake and "name_missing" not in codes:
        out.append(reason("name_real"))
    return out


def _contact_reasons(checks: ContactChecks) -> list[Reason]:
    out = []
    usable_email = any(e.valid_syntax for e in checks.emails)
    if not usable_email and not any(p.valid for p in checks.phones):
        out.append(reason("no_contact_point"))
    if checks.lead.title.strip():
        out.append(reason("has_title"))
    if checks.lead.sources > 1:
        out.append(reason("several_sources", detail=str(checks.lead.sources),
                          weight=min(0.9, 0.3 * (checks.lead.sources - 1))))
    return out
