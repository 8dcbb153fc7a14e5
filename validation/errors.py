"""The validation stage's bad-input errors (a light module: the CLI imports it at start-up)."""

from __future__ import annotations


class LeadFileError(ValueError):
    """A lead file or an option about it cannot be used; the message says what to fix."""


class DnsConfigError(ValueError):
    """The DNS server setting cannot be used; the message says how to write it."""


VALIDATION_ERRORS: tuple[type[Exception], ...] = (LeadFileError, DnsConfigError)
"""Bad input `leadscout validate` reports in one line with exit code 2."""
