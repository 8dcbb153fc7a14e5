"""validation.phones: libphonenumber validity, line type, region, E.164 and the company's country."""

from __future__ import annotations

import phonenumbers
import pytest

from validation.phones import check_phone


@pytest.mark.parametrize(("raw", "region", "e164", "number_type", "number_region"), [
    ("+44 20 7946 0123", None, "+442079460123", "fixed_line", "GB"),
    ("020 7946 0123", "GB", "+442079460123", "fixed_line", "GB"),
    ("+44 7400 123456", None, "+447400123456", "mobile", "GB"),
    ("+1 800 555 0199", None, "+18005550199", "toll_free", "US"),
    ("+49 900 1234567", None, "+499001234567", "premium_rate", "DE"),
    ("+44 56 1234 5678", None, "+445612345678", "voip", "GB"),
    ("030 1234567", "DE", "+49301234567", "fixed_line", "DE"),
    ("+1 (201) 555-0123 ext. 12", None, "+12015550123", "fixed_line_or_mobile", "US"),
])
def test_phones_type_region_and_e164(raw, region, e164, number_type, number_region):
    check = check_phone(raw, region=region)
    assert check.parsed and check.valid
    assert (check.e164, check.number_type, check.region) == (e164, number_type, number_region)


def test_phones_extension_is_kept_apart():
    assert check_phone("+1 (201) 555-0123 ext. 12").extension == "12"


@pytest.mark.parametrize(("raw", "region", "error"), [
    ("555-0100", None, "no country code, and no country to read it in"),
    ("call me", "US", "not a phone number"),
    ("", "US", "empty"),
])
def test_phones_unreadable_numbers_say_why(raw, region, error):
    check = check_phone(raw, region=region)
    assert (check.parsed, check.valid, check.error) == (False, False, error)


@pytest.mark.parametrize("raw", ["+44 12", "+1 555 0100", "+49 123"])
def test_phones_invalid_numbers_parse_but_are_not_valid(raw):
    check = check_phone(raw)
    assert not check.valid


@pytest.mark.parametrize(("raw", "country", "matches"), [
    ("+44 20 7946 0123", "GB", True), ("+44 20 7946 0123", "DE", False), ("+44 20 7946 0123", None, None),
    ("+1 201 555 0123", "us", True),
])
def test_phones_consistency_with_company_country(raw, country, matches):
    assert check_phone(raw, company_country=country).country_matches is matches


@pytest.mark.parametrize("raw", ["+442079460123", "+18005550199", "+882123456789", "+80012345678", "+12015550123",
                                 "+4930123", "+61 2 9374 4000", "+81 3-1234-5678"])
def test_phones_validity_agrees_with_is_valid_number(raw):
    assert check_phone(raw).valid == phonenumbers.is_valid_number(phonenumbers.parse(raw, None))
