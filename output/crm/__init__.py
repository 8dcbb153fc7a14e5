"""CRM destinations (HubSpot, Salesforce): what every push reports, and the record keys they share."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from leadscout.records import Person
from leadscout.store.people import person_key


@dataclass(kw_only=True)
class PushSummary:
    """What one CRM push did (counts of people, not of API records: merged duplicates count each)."""

    destination: str
    considered: int = 0
    """People selected for this destination."""
    unchanged: int = 0
    """Skipped: already confirmed (or settled) with the same payload."""
    sent: int = 0
    """Sent (or, on a dry run, that would be sent)."""
    confirmed: int = 0
    """Confirmed by the CRM."""
    failed: int = 0
    """Refused by the CRM or not confirmed (sent again next run)."""
    conflicts: int = 0
    """Reported conflicts (e.g. a Salesforce external id matching several records)."""
    rejected: int = 0
    """Refused locally before sending (missing required field); the reason is in the ledger."""
    requests: int = 0
    """API requests made (excluding retries)."""
    reasons: dict[str, int] = field(default_factory=dict)
    """Failure and rejection reasons with their counts."""

    def count_reason(self, reason: str) -> None:
        self.reasons[reason] = self.reasons.get(reason, 0) + 1


def external_id(person: Person) -> str:
    """A stable CRM key for a person: survives a rebuilt store, carries no readable personal data."""
    digest = hashlib.sha256(f"{person.site}\x00{person_key(person.name)}".encode()).hexdigest()
    return f"ls_{digest[:24]}"


__all__ = ["PushSummary", "external_id"]
