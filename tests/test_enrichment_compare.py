"""Comparison levels, column type detection and normalization of the record linker."""

from __future__ import annotations

import numpy as np
import pytest

from enrichment.columns import ColumnError, ColumnType, NormalizeOptions, detect_types, normalizer_for, parse_type
from enrichment.compare import (
    CityComparison, CompanyComparison, DateComparison, EmailComparison, IdComparison, NumberComparison, Pairs,
    PhoneComparison, PostcodeComparison, TextComparison,
)
from enrichment.compare_names import EmailNameComparison, FullNameComparison, NameComparison


def level_of(comparison, left: dict[str, str], right: dict[str, str]) -> str:
    as_arrays = lambda row: {k: np.array([v], dtype=object) for k, v in row.items()}  # noqa: E731
    pairs = Pairs(as_arrays(left), as_arrays(right), np.array([0]), np.array([0]))
    level = int(comparison.compare(pairs)[0])
    return "missing" if level < 0 else comparison.levels[level]


NAME = NameComparison("first", "first", swap_left="last", swap_right="last")


@pytest.mark.parametrize(("comparison", "a", "b", "level"), [
    (NAME, "jonathan", "jonathan", "exact"),
    (NAME, "jonathan", "jonathon", "Jaro-Winkler >= 0.92"),
    (NAME, "jon", "jonathan", "nickname"),
    (NAME, "bob", "robert", "nickname"),
    (NAME, "katherine", "kathy", "nickname"),
    (NAME, "j", "jonathan", "initial matches"),
    (NAME, "maria", "jonathan", "else"),
    (NAME, "", "jonathan", "missing"),
    (FullNameComparison("n"), "jon smith", "jon smith", "exact"),
    (FullNameComparison("n"), "smith jon", "jon smith", "token sort >= 0.9"),
    (FullNameComparison("n"), "bob miller", "robert miller", "nickname, same surname"),
    (FullNameComparison("n"), "r miller", "robert miller", "initials and surname match"),
    (FullNameComparison("n"), "ann lee", "bob stone", "else"),
    (EmailComparison("e"), "jon@acme.com", "jon@acme.com", "exact"),
    (EmailComparison("e"), "jon@acme.com", "jon@gmail.com", "same local part"),
    (EmailComparison("e"), "jon.smith@acme.com", "jon.smyth@acme.com", "Jaro-Winkler >= 0.9"),
    (EmailComparison("e"), "ann@acme.com", "bob@acme.com", "same domain"),
    (EmailComparison("e"), "ann@acme.com", "bob@globex.org", "else"),
    (PhoneComparison("p"), "+14155550134", "+14155550134", "exact"),
    (PhoneComparison("p"), "+14155550134", "4155550134", "same last 8 digits"),
    (PhoneComparison("p"), "+14155550134", "+14155550135", "one edit"),
    (PhoneComparison("p"), "+14155550134", "+442079460123", "else"),
    (DateComparison("d"), "19900203", "19900203", "exact"),
    (DateComparison("d"), "19900203", "19900302", "day and month swapped"),
    (DateComparison("d"), "19900203", "19900204", "one edit"),
    (DateComparison("d"), "19900203", "19901129", "same year"),
    (DateComparison("d"), "19900203", "19751129", "else"),
    (PostcodeComparison("z"), "94110", "94110", "exact"),
    (PostcodeComparison("z"), "94110", "94111", "one edit"),
    (PostcodeComparison("z"), "94110", "94155", "same first 3 characters"),
    (PostcodeComparison("z"), "94110", "10001", "else"),
    (IdComparison("i"), "5304218", "5304218", "exact"),
    (IdComparison("i"), "5304218", "1234567", "else"),
    (IdComparison("i"), "5304218", "5340218", "one edit"),
    (NumberComparison("n"), "12", "12", "exact"),
    (NumberComparison("n"), "120", "121", "one edit"),
    (NumberComparison("n"), "200", "215", "within 10%"),
    (NumberComparison("n"), "12", "85", "else"),
    (CompanyComparison("c"), "acme", "acme widgets", "token set >= 0.9"),
    (CompanyComparison("c"), "acme", "globex", "else"),
    (CityComparison("c"), "san francisco", "san fransisco", "Jaro-Winkler >= 0.9"),
    (TextComparison("t"), "chief financial officer", "officer chief financial", "token sort >= 0.9"),
])
def test_enrichment_compare_levels(comparison, a: str, b: str, level: str) -> None:
    field = comparison.left
    assert level_of(comparison, {field: a, "last": ""}, {field: b, "last": ""}) == level


@pytest.mark.parametrize(("left", "right", "level"), [
    ({"first": "smith", "last": "john"}, {"first": "john", "last": "smith"}, "swapped with the other name field (JW >= 0.9)"),
    ({"first": "smiht", "last": "john"}, {"first": "john", "last": "smith"}, "swapped with the other name field (JW >= 0.9)"),
    ({"first": "john", "last": "smith"}, {"first": "john", "last": "smith"}, "exact"),
])
def test_enrichment_compare_swapped_names(left, right, level) -> None:
    assert level_of(NAME, left, right) == level


@pytest.mark.parametrize(("left", "right", "level"), [
    ({"email": "jsmith@acme.com", "first_name": "jon", "last_name": "smith"},
     {"email": "", "first_name": "jonathan", "last_name": "smith"}, "email fits initials and surname"),
    ({"email": "jonathan.smith@acme.com", "first_name": "", "last_name": ""},
     {"email": "", "first_name": "jon", "last_name": "smith"}, "email spells the name"),
    ({"email": "info@acme.com", "first_name": "", "last_name": ""},
     {"email": "", "first_name": "jon", "last_name": "smith"}, "else"),
    ({"email": "jsmith@acme.com", "first_name": "", "last_name": ""},
     {"email": "jon@acme.com", "first_name": "jon", "last_name": "smith"}, "missing"),
])
def test_enrichment_compare_email_against_name(left, right, level) -> None:
    assert level_of(EmailNameComparison(), left, right) == level


@pytest.mark.parametrize(("column", "kind"), [
    ("first_name", ColumnType.FIRST_NAME), ("Given Name", ColumnType.FIRST_NAME), ("surname", ColumnType.LAST_NAME),
    ("Full Name", ColumnType.FULL_NAME), ("name", ColumnType.FULL_NAME), ("E-mail", ColumnType.EMAIL),
    ("mobile", ColumnType.PHONE), ("Phone Number", ColumnType.PHONE), ("employer", ColumnType.COMPANY),
    ("job_title", ColumnType.TITLE), ("suburb", ColumnType.CITY), ("zip", ColumnType.POSTCODE),
    ("address_1", ColumnType.ADDRESS), ("date_of_birth", ColumnType.DATE), ("dob", ColumnType.DATE),
    ("soc_sec_id", ColumnType.ID), ("notes", ColumnType.TEXT),
])
def test_enrichment_columns_detects_type_from_name(column: str, kind: ColumnType) -> None:
    assert detect_types([column], [{column: "x"}])[column] is kind


def test_enrichment_columns_sniffs_values_when_the_name_says_nothing() -> None:
    rows = [{"c1": f"user{i}@example.org", "c2": f"199{i}-01-0{i + 1}", "c3": str(i)} for i in range(5)]
    types = detect_types(["c1", "c2", "c3"], rows)
    assert types == {"c1": ColumnType.EMAIL, "c2": ColumnType.DATE, "c3": ColumnType.NUMBER}


@pytest.mark.parametrize(("text", "error"), [("emial", "unknown column type 'emial'"), ("", "unknown column type")])
def test_enrichment_columns_unknown_type_is_named(text: str, error: str) -> None:
    with pytest.raises(ColumnError, match=error):
        parse_type(text)


@pytest.mark.parametrize(("kind", "raw", "normalized"), [
    (ColumnType.FULL_NAME, "Dr. Jonathan Smith, CFO", "jonathan smith"),
    (ColumnType.FULL_NAME, "Smith, Jon", "smith jon"),
    (ColumnType.FIRST_NAME, "  José ", "jose"),
    (ColumnType.EMAIL, "mailto:Jon@Acme.COM", "jon@acme.com"),
    (ColumnType.PHONE, "(415) 555-0134", "+14155550134"),
    (ColumnType.PHONE, "+44 20 7946 0123", "+442079460123"),
    (ColumnType.COMPANY, "Kessler Maschinenbau GmbH", "kessler maschinenbau"),
    (ColumnType.DATE, "1990-02-03", "19900203"),
    (ColumnType.DATE, "03/02/1990", "19900203"),
    (ColumnType.DATE, "02/13/1990", "19900213"),
    (ColumnType.POSTCODE, "sw1a 1aa", "SW1A1AA"),
])
def test_enrichment_columns_normalizes(kind: ColumnType, raw: str, normalized: str) -> None:
    assert normalizer_for(kind, NormalizeOptions())(raw) == normalized
