"""The contact checks re-validation re-runs, through the validation stage's public functions.

Per value: ``validation.emails.check_email`` (syntax and normalisation by
email-validator, disposable providers) and ``validation.phones.check_phone``
(libphonenumber validity), offline — no DNS, no SMTP — so a weekly run over a
whole store neither floods resolvers nor probes mailboxes. Per person:
``validation.store.validate_people`` recomputes the verdict and the one
explained confidence (stored in ``person_verdicts``), which re-validation uses
as the evidence confidence of everyone still on their page. When the validation
stage is not installed in this build, email-validator and phonenumbers answer
the per-value checks directly and the extraction's confidence is kept.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import Engine, select

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True, slots=True)
class CheckResult:
    """The verdict on one contact point (the value itself is not kept: reports and logs never show it)."""

    kind: str
    """``email`` or ``phone``."""
    ok: bool
    reason: str
    """Short code: ``email_valid``, ``email_invalid_syntax``, ``email_disposable``, ``email_no_mail_server``,
    ``phone_valid``, ``phone_invalid``, ``phone_unreadable``."""


@dataclass(frozen=True, kw_only=True, slots=True)
class StoredVerdict:
    """validation.store's verdict on one person."""

    verdict: str
    """``valid``, ``suspect`` or ``invalid``."""
    confidence: float
    fake_name: bool


def check_email(address: str) -> CheckResult:
    try:
        from validation.emails import check_email as validation_check
    except ImportError:
        try:
            validate_email(address, check_deliverability=False)
        except EmailNotValidError:
            return CheckResult(kind="email", ok=False, reason="email_invalid_syntax")
        return CheckResult(kind="email", ok=True, reason="email_valid")
    result = validation_check(address)
    if not result.valid_syntax:
        return CheckResult(kind="email", ok=False, reason="email_invalid_syntax")
    if result.disposable:
        return CheckResult(kind="email", ok=False, reason="email_disposable")
    if result.deliverable is False:
        return CheckResult(kind="email", ok=False, reason="email_no_mail_server")
    return CheckResult(kind="email", ok=True, reason="email_valid")


def check_phone(e164: str) -> CheckResult:
    try:
        from validation.phones import check_phone as validation_check
    except ImportError:
        try:
            number = phonenumbers.parse(e164, None)
        except phonenumbers.NumberParseException:
            return CheckResult(kind="phone", ok=False, reason="phone_unreadable")
        valid = phonenumbers.is_valid_number(number)
        return CheckResult(kind="phone", ok=valid, reason="phone_valid" if valid else "phone_invalid")
    result = validation_check(e164)
    if not result.parsed:
        return CheckResult(kind="phone", ok=False, reason="phone_unreadable")
    return CheckResult(kind="phone", ok=result.valid, reason="phone_valid" if result.valid else "phone_invalid")


def check_all(emails: Iterable[str], phones: Iterable[str]) -> list[CheckResult]:
    """Every email and phone checked, emails first, each list in sorted order (deterministic reports)."""
    return [check_email(e) for e in sorted(emails)] + [check_phone(p) for p in sorted(phones)]


def stored_verdicts(engine: Engine, person_ids: Collection[int]) -> dict[int, StoredVerdict]:
    """Re-run validation.store on ``person_ids`` (offline) and return each one's verdict; {} without it."""
    if not person_ids:
        return {}
    try:
        from leadscout.store.schema import person_verdicts
        from validation.store import validate_people
    except ImportError:
        log.info("the validation stage is not available: keeping extraction confidences")
        return {}
    validate_people(engine, person_ids=set(person_ids), update_confidence=False)
    found: dict[int, StoredVerdict] = {}
    ids = list(person_ids)
    with engine.connect() as conn:
        for start in range(0, len(ids), 900):
            rows = conn.execute(select(person_verdicts.c.person_id, person_verdicts.c.verdict,
                                       person_verdicts.c.confidence, person_verdicts.c.fake_name)
                                .where(person_verdicts.c.person_id.in_(ids[start:start + 900])))
            found.update({row.person_id: StoredVerdict(verdict=row.verdict, confidence=row.confidence,
                                                       fake_name=bool(row.fake_name)) for row in rows})
    return found
