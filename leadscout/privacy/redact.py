"""Masking contact data in logs and error messages: no raw email address or phone number leaves the process
through a log line.

Phone numbers are found by libphonenumber's own matcher (``PhoneNumberMatcher`` at
``Leniency.VALID``, the level that accepts only numbers valid in their region and
so leaves dates, versions, IP addresses, ports and ids alone), tried for the
regions in ``MASK_REGIONS`` (national formats differ by country) plus the
configured default region; international spellings (``+44 20 ...``) are found
in any of them. Emails are matched by a pattern and keep only their domain.

``install_log_redaction()`` (called by the CLI) makes every log record mask its
message, exception text and stack when it is formatted — for every handler,
including ones installed later (Scrapy's) — and costs nothing for records no
handler emits.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable
from typing import Any

from phonenumbers import Leniency, PhoneNumberMatcher

MASK_REGIONS = ("US", "GB", "DE", "FR", "IN", "IE", "ES", "IT", "NL", "BE", "AT", "CH", "SE", "PL", "AU", "CA",
                "BR", "JP")
"""Regions whose national number formats are recognised (international formats always are)."""
PHONE_MASK = "<phone>"
_EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]+@((?:[\w-]+\.)+[\w-]{2,})", re.UNICODE)
_MIN_DIGITS = 7
# Seven or more digits with only phone punctuation between them: what any phone number looks like.
_PHONE_LIKE = re.compile(r"\d(?:[\s().\-/]{0,3}\d){6,}")


def mask(text: str, *, regions: Iterable[str] | None = None) -> str:
    """``text`` with emails as ``***@domain`` and phone numbers as ``<phone>``."""
    if not text:
        return text
    text = _EMAIL.sub(lambda m: f"***@{m[1]}", text)
    if sum(ch.isdigit() for ch in text) < _MIN_DIGITS or not _PHONE_LIKE.search(text):
        return text  # libphonenumber's matcher is slow: only text with a phone-shaped run goes to it
    spans: list[tuple[int, int]] = []
    for region in _regions(regions):
        spans += [(match.start, match.end) for match in PhoneNumberMatcher(text, region, leniency=Leniency.VALID)]
    if not spans:
        return text
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:  # overlapping match from another region: extend the current mask
            continue
        out += [text[last:start], PHONE_MASK]
        last = end
    out.append(text[last:])
    return "".join(out)


def _regions(regions: Iterable[str] | None) -> tuple[str, ...]:
    chosen = list(regions) if regions is not None else list(MASK_REGIONS)
    default = os.environ.get("LEADSCOUT_DEFAULT_REGION", "").upper()
    if default and default not in chosen:
        chosen.insert(0, default)
    return tuple(chosen)


class RedactingFilter(logging.Filter):
    """A logging filter that masks a record in place (for handlers or loggers set up by hand)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not isinstance(record, MaskedLogRecord):
            record.msg, record.args = mask(record.getMessage()), None
            if record.exc_info and not record.exc_text:
                record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
            if record.stack_info:
                record.stack_info = mask(record.stack_info)
        return True


class MaskedLogRecord(logging.LogRecord):
    """A log record whose message, exception text and stack are masked when a handler formats them."""

    def getMessage(self) -> str:  # noqa: N802 - logging's name
        return mask(super().getMessage())

    # logging.Formatter caches the formatted traceback in exc_text: masking on assignment covers it.
    @property
    def exc_text(self) -> str | None:
        return self.__dict__.get("_masked_exc_text")

    @exc_text.setter
    def exc_text(self, value: str | None) -> None:
        self.__dict__["_masked_exc_text"] = mask(value) if value else value

    @property
    def stack_info(self) -> str | None:
        return self.__dict__.get("_masked_stack_info")

    @stack_info.setter
    def stack_info(self, value: str | None) -> None:
        self.__dict__["_masked_stack_info"] = mask(value) if value else value


def install_log_redaction() -> None:
    """Make every log record of this process a masked one (idempotent)."""
    current = logging.getLogRecordFactory()
    if getattr(current, "leadscout_redacting", False):
        return
    if current is logging.LogRecord:
        factory: Any = MaskedLogRecord
    else:  # someone else's factory: keep it, mask eagerly after it
        eager = RedactingFilter()

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = current(*args, **kwargs)
            eager.filter(record)
            return record

    def redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return factory(*args, **kwargs)

    redacting_factory.leadscout_redacting = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(redacting_factory)
