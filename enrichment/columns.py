"""Column types for record linkage: detected from column names (and values), normalized for comparison."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

log = logging.getLogger(__name__)


class ColumnType(str, Enum):
    """What a column holds; decides how it is normalized, blocked on and compared."""

    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    FULL_NAME = "full_name"
    EMAIL = "email"
    PHONE = "phone"
    COMPANY = "company"
    TITLE = "title"
    CITY = "city"
    POSTCODE = "postcode"
    ADDRESS = "address"
    DATE = "date"
    ID = "id"
    """An identifier shared across tables (national id, customer number) — not the record key."""
    NUMBER = "number"
    """A small number such as a street or house number (compared by numeric distance)."""
    TEXT = "text"
    """Free text: compared by token-sorted similarity."""
    IGNORE = "ignore"
    """Not used for linking."""


class ColumnError(ValueError):
    """A --map entry or a column cannot be used; the message says which and why."""


# Column-name patterns, tried in order on the folded name (lowercase, non-alphanumerics -> "_").
# Order matters: "email" before "name", "first_name" before "name", "*_date" before "*_id".
_NAME_PATTERNS: tuple[tuple[ColumnType, str], ...] = (
    (ColumnType.EMAIL, r"(e_?)?mail(_?address)?|.*_e_?mail|e_?mail_.*"),
    (ColumnType.FIRST_NAME, r"(first|given|fore|christian)_?names?|f_?name|first|given|vorname|prenom"),
    (ColumnType.LAST_NAME, r"(last|family|sur)_?names?|l_?name|last|surname|nachname|nom"),
    (ColumnType.PHONE, r".*(phone|mobile|cell|tel|telephone|fax)(_?(no|number|num))?"),
    (ColumnType.DATE, r"dob|(date_?of_?)?birth(_?date|day)?|.*_date|date(_.*)?|born"),
    (ColumnType.POSTCODE, r"(post|postal|zip)_?(code)?|zip_?code|plz|postleitzahl"),
    (ColumnType.CITY, r"city|town|suburb|locality|municipality|ort|stadt|ville"),
    (ColumnType.ADDRESS, r"(street_?)?address(_?(line)?_?\d)?|street(_?(name|address))?|addr\d?|address_\w+"),
    (ColumnType.NUMBER, r"(street|house|building)_?(number|no|num)|number|no"),
    (ColumnType.COMPANY, r"(company|employer|organi[sz]ation|org|firm|business|account)(_?name)?|works_?(at|for)"),
    (ColumnType.TITLE, r"(job_?)?title|position|role|job|occupation|designation"),
    (ColumnType.FULL_NAME, r"(full_?|display_?|contact_?|person_?|customer_?)?name|person|contact"),
    (ColumnType.ID, r"ssn|soc(ial)?_?sec(urity)?(_?(id|no|number))?|national_?id|passport(_?no)?|.*_id|.*_number|tax_?id"),
)
_COMPILED = tuple((kind, re.compile(f"^(?:{pattern})$")) for kind, pattern in _NAME_PATTERNS)
RECORD_KEY_NAMES = ("id", "rec_id", "record_id", "row_id", "uid", "uuid", "key")
"""Column names taken as the record key when no --id is given (first present wins)."""


def fold_column_name(name: str) -> str:
    """``"Date of Birth"`` -> ``"date_of_birth"``: the form name patterns are matched against."""
    return re.sub(r"[^0-9a-z]+", "_", name.strip().lower()).strip("_")


def type_from_name(name: str) -> ColumnType | None:
    """The type a column's name implies, or None when the name says nothing."""
    folded = fold_column_name(name)
    for kind, pattern in _COMPILED:
        if pattern.match(folded):
            return kind
    return None


_EMAIL_VALUE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
_PHONE_VALUE = re.compile(r"^\+?[\d\s().\-/]{7,20}$")
_DATE_VALUE = re.compile(r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|(19|20)\d{6})$")
_NUMBER_VALUE = re.compile(r"^\d{1,6}$")


def type_from_values(values: Sequence[str]) -> ColumnType:
    """Sniff a column whose name says nothing: most non-empty values look like emails, dates, phones or numbers."""
    present = [v.strip() for v in values if v and v.strip()]
    if not present:
        return ColumnType.IGNORE
    for kind, pattern in ((ColumnType.EMAIL, _EMAIL_VALUE), (ColumnType.DATE, _DATE_VALUE),
                          (ColumnType.NUMBER, _NUMBER_VALUE), (ColumnType.PHONE, _PHONE_VALUE)):
        if sum(1 for v in present if pattern.match(v)) >= 0.8 * len(present):
            return kind
    return ColumnType.TEXT


def parse_type(text: str) -> ColumnType:
    """``"first_name"``, ``"first name"`` or ``"FIRST-NAME"`` -> ColumnType; ColumnError names the choices."""
    folded = fold_column_name(text)
    try:
        return ColumnType(folded)
    except ValueError:
        choices = ", ".join(t.value for t in ColumnType)
        raise ColumnError(f"unknown column type {text!r}; choose one of {choices}") from None


def detect_types(columns: Sequence[str], rows: Sequence[Mapping[str, str]], *,
                 given: Mapping[str, ColumnType] | None = None, record_key: str | None = None,
                 sample: int = 500) -> dict[str, ColumnType]:
    """The type of every column: ``given`` (from --map) first, then the name, then the values.

    The record key column is IGNORE: it identifies a row, it is not evidence.
    A named-ID column whose values are all distinct within the table is still
    compared (a national id is distinct per person too); only the key is skipped.
    """
    given = dict(given or {})
    unknown = sorted(set(given) - set(columns))
    if unknown:
        raise ColumnError(f"--map names column(s) {', '.join(map(repr, unknown))} that the file does not have; "
                          f"its columns are {', '.join(columns)}")
    types: dict[str, ColumnType] = {}
    head = rows[:sample]
    for column in columns:
        if column in given:
            types[column] = given[column]
        elif column == record_key:
            types[column] = ColumnType.IGNORE
        else:
            kind = type_from_name(column)
            if kind is None or kind is ColumnType.NUMBER:
                sniffed = type_from_values([row.get(column) or "" for row in head])
                kind = sniffed if kind is None or sniffed is ColumnType.NUMBER else ColumnType.TEXT
            types[column] = kind
    log.info("column types: %s", {c: t.value for c, t in types.items()})
    return types


# ---------------------------------------------------------------------------------------------------------------
# Normalization: every value becomes a folded string ("" = missing) so comparisons are plain string scorers.


def fold_text(value: str) -> str:
    """Casefold, strip accents (NFKD), turn punctuation into spaces, collapse whitespace."""
    decomposed = unicodedata.normalize("NFKD", value)
    kept = "".join(ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(kept.casefold().split())


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    # nameparser's curated lists of titles ("dr", "mr") and suffixes ("jr", "phd"), not a hand-made list.
    from nameparser.config import CONSTANTS

    return frozenset(t.lower() for t in CONSTANTS.titles) | frozenset(s.lower() for s in CONSTANTS.suffix_acronyms) \
        | frozenset(s.lower() for s in CONSTANTS.suffix_not_acronyms)


def normalize_name(value: str) -> str:
    return fold_text(value)


def normalize_full_name(value: str) -> str:
    """Folded name without honorifics or suffixes; ``"Smith, Jon"`` stays token-wise comparable (token sort)."""
    head = value.split(",")
    # "Jonathan Smith, CFO" carries a role after the comma; "Smith, Jon" is surname-first. Both keep the name part:
    # a one-token head is a surname-first name, otherwise the tail is a role or suffix.
    text = value if len(head) > 1 and len(head[0].split()) == 1 else head[0]
    tokens = fold_text(text).split()
    honorifics = _honorifics()
    kept = [t for t in tokens if t not in honorifics] or tokens
    return " ".join(kept)


def normalize_email(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("mailto:"):
        value = value[7:]
    return value if "@" in value else ""


_E164 = re.compile(r"^\+[1-9]\d{6,14}$")


def phone_normalizer(region: str) -> Callable[[str], str]:
    """E.164 via phonenumbers (libphonenumber rules), with ``region`` for numbers without a country code."""
    import phonenumbers

    def normalize(value: str) -> str:
        if _E164.match(value):
            return value  # already E.164: parsing would return it unchanged
        digits = re.sub(r"\D", "", value)
        if len(digits) < 6:
            return ""
        try:
            number = phonenumbers.parse(value, region)
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            return "+" + digits if value.strip().startswith("+") else digits

    return normalize


def normalize_company(value: str) -> str:
    """Folded company name without its legal form (cleanco's list: Inc, GmbH, Ltd, S.A. ...)."""
    from cleanco import basename

    return fold_text(basename(value)) or fold_text(value)


def normalize_postcode(value: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


def normalize_id(value: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


def normalize_number(value: str) -> str:
    match = re.search(r"\d+(?:\.\d+)?", value)
    return (match.group(0).lstrip("0") or "0") if match else ""


_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def date_normalizer(day_first: bool) -> Callable[[str], str]:
    """``YYYYMMDD``: ISO and compact forms as they are; ``a/b/yyyy`` read day-first unless a part says otherwise.

    Impossible dates (a typo'd ``19151311``) are kept as their digits: a one-digit
    typo must still compare as "one digit differs", not as missing.
    """

    def normalize(value: str) -> str:
        value = value.strip()
        if match := _ISO.match(value) or _COMPACT.match(value):
            year, month, day = match.groups()
        elif match := _DAY_FIRST.match(value):
            first, second, year = match.groups()
            day, month = (first, second) if day_first else (second, first)
            if int(month) > 12 >= int(day):
                day, month = month, day
        else:
            digits = re.sub(r"\D", "", value)
            return digits if len(digits) >= 6 else ""
        return f"{year}{int(month):02d}{int(day):02d}"

    return normalize


@dataclass(frozen=True, kw_only=True, slots=True)
class NormalizeOptions:
    """Locale choices for normalization."""

    phone_region: str = "US"
    """ISO 3166-1 region for phone numbers written without a country code."""
    day_first: bool = True
    """Read ``01/02/1990`` as 1 February (most of the world); False reads it as January 2 (US)."""


def normalizer_for(kind: ColumnType, options: NormalizeOptions) -> Callable[[str], str]:
    """The function turning a raw value of ``kind`` into its comparable form ("" = missing)."""
    table: dict[ColumnType, Callable[[str], str]] = {
        ColumnType.FIRST_NAME: normalize_name, ColumnType.LAST_NAME: normalize_name,
        ColumnType.FULL_NAME: normalize_full_name, ColumnType.EMAIL: normalize_email,
        ColumnType.PHONE: phone_normalizer(options.phone_region), ColumnType.COMPANY: normalize_company,
        ColumnType.POSTCODE: normalize_postcode, ColumnType.DATE: date_normalizer(options.day_first),
        ColumnType.ID: normalize_id, ColumnType.NUMBER: normalize_number,
    }
    return table.get(kind, fold_text)


def normalize_column(values: Sequence[str | None], kind: ColumnType, options: NormalizeOptions) -> list[str]:
    """Normalize a whole column, each distinct raw value once (columns repeat values a lot)."""
    normalize = normalizer_for(kind, options)
    cache: dict[str | None, str] = {None: "", "": ""}
    out = []
    for value in values:
        norm = cache.get(value)
        if norm is None:
            norm = cache[value] = normalize(str(value))
        out.append(norm)
    return out
