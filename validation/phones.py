"""Is a phone number real, what kind of line is it, and is it in the company's country? (libphonenumber)"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

# libphonenumber's number types, as the short names leadscout reports.
_TYPES = {
    PhoneNumberType.MOBILE: "mobile", PhoneNumberType.FIXED_LINE: "fixed_line",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile", PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.PREMIUM_RATE: "premium_rate", PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.VOIP: "voip", PhoneNumberType.PERSONAL_NUMBER: "personal", PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "uan", PhoneNumberType.VOICEMAIL: "voicemail", PhoneNumberType.UNKNOWN: "unknown",
}


@dataclass(frozen=True, kw_only=True, slots=True)
class PhoneCheck:
    """Everything checked about one number."""

    parsed: bool
    """libphonenumber could read it at all (with ``region`` for national formats)."""
    valid: bool = False
    """``is_valid_number``: the length and prefix exist in the numbering plan (not that the line is live)."""
    e164: str = ""
    """E.164 form (``+442079460123``) when parsed; extension in ``extension``."""
    extension: str = ""
    region: str | None = None
    """ISO country the number belongs to (``GB``); None when unknown or non-geographic."""
    number_type: str = "unknown"
    """``mobile``, ``fixed_line``, ``fixed_line_or_mobile``, ``toll_free``, ``premium_rate``, ``voip``,
    ``shared_cost``, ``personal``, ``pager``, ``uan``, ``voicemail`` or ``unknown``."""
    country_matches: bool | None = None
    """The number's country is the company's; None when either is unknown."""
    error: str = ""
    """Why it could not be parsed (libphonenumber's reason, never the number)."""


@lru_cache(maxsize=65536)  # a lead list repeats numbers (a company's switchboard on every row)
def check_phone(raw: str, *, region: str | None = None, company_country: str | None = None) -> PhoneCheck:
    """Check one number; ``region`` reads national formats ("020 7946 0123" with ``GB``)."""
    text = raw.strip()
    if not text:
        return PhoneCheck(parsed=False, error="empty")
    try:
        number = phonenumbers.parse(text, (region or "ZZ").upper())
    except NumberParseException as exc:
        return PhoneCheck(parsed=False, error=_parse_error(exc))
    region_code = phonenumbers.region_code_for_number(number)
    number_type = phonenumbers.number_type(number)
    # is_valid_number(n) is is_valid_number_for_region(n, region_code_for_number(n)), which is
    # "a region was found and the number type is not UNKNOWN" (phonenumberutil.py): computing the type
    # once spares a third walk over the regions sharing a calling code (+1 has 25).
    valid = region_code is not None and number_type != PhoneNumberType.UNKNOWN
    number_region = None if region_code in (None, "ZZ", "001") else region_code
    country = company_country.upper() if company_country else None
    return PhoneCheck(
        parsed=True, valid=valid,
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164), extension=number.extension or "",
        region=number_region, number_type=_TYPES.get(number_type, "unknown"),
        country_matches=None if not (number_region and country) else number_region == country,
    )


def _parse_error(exc: NumberParseException) -> str:
    return {
        NumberParseException.INVALID_COUNTRY_CODE: "no country code, and no country to read it in",
        NumberParseException.NOT_A_NUMBER: "not a phone number",
        NumberParseException.TOO_SHORT_NSN: "too short",
        NumberParseException.TOO_SHORT_AFTER_IDD: "too short",
        NumberParseException.TOO_LONG: "too long",
    }.get(exc.error_type, "not a phone number")
