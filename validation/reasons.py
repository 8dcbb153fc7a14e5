"""The reason codes a verdict is explained by: each with its weight of evidence and a sentence for people.

Weights are log-odds: the confidence is the logistic function of their sum (0 = no evidence = 0.5).
A reason in ``BLOCKING`` makes the verdict ``invalid`` whatever the sum: it is proof, not a hint.
Messages are templates filled from the checks; they never contain an address or a number.
"""

from __future__ import annotations

from dataclasses import dataclass

# code: (weight, message template)
CATALOGUE: dict[str, tuple[float, str]] = {
    # email
    "email_valid_syntax": (0.5, "The email address is well-formed."),
    "email_invalid_syntax": (-2.5, "The email address is not well-formed: {detail}"),
    "email_deliverable": (1.0, "The email domain {domain} has a mail server ({detail})."),
    "email_domain_nxdomain": (-3.0, "The email domain {domain} does not exist (DNS NXDOMAIN)."),
    "email_null_mx": (-3.0, "The email domain {domain} declares that it accepts no mail (null MX, RFC 7505)."),
    "email_no_mail_server": (-2.5, "The email domain {domain} has no mail server (no MX, A or AAAA record)."),
    "email_dns_unknown": (0.0, "DNS could not tell whether {domain} accepts mail ({detail}); not held against it."),
    "email_disposable": (-2.5, "The address is at a disposable-mailbox provider ({domain})."),
    "email_free_provider": (-0.3, "The address is at a free webmail provider ({domain}), not a company domain."),
    "email_role_address": (-1.0, "The address is a shared role mailbox ({detail}@), not a person's."),
    "email_company_domain": (0.8, "The email domain is the company's own."),
    "email_foreign_domain": (-0.4, "The email domain ({domain}) is not the company's."),
    "email_mailbox_accepted": (0.7, "The mail server confirmed the mailbox exists (SMTP {detail})."),
    "email_mailbox_rejected": (-3.0, "The mail server says the mailbox does not exist (SMTP {detail})."),
    "email_catch_all": (0.0, "The mail server accepts any address at {domain}, so the mailbox is unconfirmed."),
    "email_mailbox_unknown": (0.0, "The mailbox could not be checked over SMTP ({detail})."),
    # phone
    "phone_valid": (0.6, "The phone number is valid ({detail})."),
    "phone_invalid": (-1.0, "The phone number does not exist in its country's numbering plan."),
    "phone_unreadable": (-1.0, "The phone number cannot be read: {detail}."),
    "phone_premium_rate": (-1.0, "The phone number is a premium-rate line."),
    "phone_toll_free": (-0.1, "The phone number is a toll-free company line, not a direct line."),
    "phone_voip": (-0.2, "The phone number is a VoIP number."),
    "phone_country_match": (0.2, "The phone number is in the company's country ({detail})."),
    "phone_country_mismatch": (-0.4, "The phone number is in {detail}, not in the company's country."),
    # name
    "name_real": (0.6, "The name looks like a real person's name."),
    "name_missing": (-0.5, "No name was given."),
    "name_single_part": (-0.3, "Only one part of the name is known."),
    "name_all_caps": (-0.1, "The name is written in capitals."),
    "name_gibberish": (-3.0, "The name looks made up: {detail}."),
    "name_placeholder": (-3.0, "The name is a placeholder or a test entry ({detail})."),
    "name_has_digits": (-2.0, "The name contains digits."),
    # the contact as a whole
    "no_contact_point": (-3.0, "Neither a usable email address nor a valid phone number was given."),
    "has_title": (0.2, "A job title is known."),
    "several_sources": (0.3, "Seen on {detail} sources."),
    "cluster_close": (0.0, "Its checks look like those of the best-validated group of contacts in this batch."),
    "cluster_far": (0.0, "Its checks are unlike those of the best-validated group of contacts in this batch."),
    "row_malformed": (-5.0, "The input row is malformed: {detail}."),
}
"""The cluster reasons weigh 0 here: their weight is the cluster score's (see ``validation.score``)."""

BLOCKING = frozenset({"email_invalid_syntax", "email_domain_nxdomain", "email_null_mx", "email_no_mail_server",
                      "email_disposable", "email_mailbox_rejected", "name_gibberish", "name_placeholder",
                      "name_has_digits", "no_contact_point", "row_malformed"})
"""Reasons that make a contact ``invalid`` on their own. The email ones only block when no valid
phone is left to reach the person (see ``validation.score.assess``)."""
EMAIL_BLOCKING = frozenset({"email_invalid_syntax", "email_domain_nxdomain", "email_null_mx", "email_no_mail_server",
                            "email_mailbox_rejected"})


@dataclass(frozen=True, slots=True)
class Reason:
    """One explained piece of evidence."""

    code: str
    """Short stable code, e.g. ``email_disposable``."""
    message: str
    """A sentence for people."""
    weight: float
    """Log-odds it adds to the confidence."""

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


def reason(code: str, *, domain: str = "", detail: str = "", weight: float | None = None) -> Reason:
    """The catalogue's reason ``code`` with its message filled in."""
    default_weight, template = CATALOGUE[code]
    return Reason(code, template.format(domain=domain, detail=detail), default_weight if weight is None else weight)
