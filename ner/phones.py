"""Phone and fax numbers in text and tel: links, as E.164, with the country inferred from the page."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable
from urllib.parse import unquote

import phonenumbers
import tldextract
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

from ner.lexicon import load_rows

log = logging.getLogger(__name__)

DEFAULT_REGION = "US"
"""Region for national-format numbers when nothing on the page says otherwise."""
NO_REGION = "ZZ"
"""phonenumbers' unknown region: only numbers written with +CC parse."""

# ccTLDs that are sold as generic names ("startup.io") say nothing about the country.
_GENERIC_CCTLDS = frozenset({"io", "co", "ai", "me", "tv", "ly", "fm", "gg", "sh", "ac", "cc", "ws", "to", "so",
                             "eu", "app", "dev", "xyz", "vc", "gl", "am", "im", "la"})
_CCTLD_REGIONS = {"uk": "GB"}
# A bare language tag names a country only where one country dominates its web.
_LANGUAGE_REGIONS = {"de": "DE", "fr": "FR", "it": "IT", "nl": "NL", "es": "ES", "pl": "PL", "sv": "SE",
                     "da": "DK", "fi": "FI", "nb": "NO", "nn": "NO", "no": "NO", "cs": "CZ", "ja": "JP", "ko": "KR",
                     # Languages of one country, or spoken mostly in one ("ca" Catalan is Spain's, not Canada's).
                     "ca": "ES", "eu": "ES", "gl": "ES", "el": "GR", "hu": "HU", "ro": "RO", "sk": "SK", "sl": "SI",
                     "hr": "HR", "bg": "BG", "et": "EE", "lv": "LV", "lt": "LT", "is": "IS", "ga": "IE", "cy": "GB",
                     "mt": "MT", "he": "IL", "tr": "TR", "sq": "AL"}
_REGION_TLDS = {"cat": "ES", "eus": "ES", "gal": "ES", "scot": "GB", "wales": "GB", "cymru": "GB", "bzh": "FR",
                "paris": "FR", "quebec": "CA", "swiss": "CH", "bayern": "DE", "berlin": "DE", "hamburg": "DE",
                "koeln": "DE", "wien": "AT", "tirol": "AT", "amsterdam": "NL", "brussels": "BE", "vlaanderen": "BE",
                "london": "GB", "nyc": "US", "irish": "IE"}
"""Regional and city top-level domains, read as their country (``grupemporda.cat`` -> ``ES``)."""
_LINE_LOOKBACK = 48
# Shapes libphonenumber may accept as numbers that are dates ("02.04.2024", "2024-04-02", "12/03/2024").
_DATE = re.compile(r"^(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d{2}|(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2})$")
_SPAN = re.compile(r"^(?:(?:19|20)\d{2}\s*[–—-]\s*(?:19|20)\d{2}|\d{1,2}[.:]\d{2}\s*[–—-]\s*\d{1,2}[.:]\d{2})$")
"""A span of years or of opening hours ("© 2016–2026", "9.00–17.00"), not a number to call."""
_CURRENCY = "$€£¥₹"
_CURRENCY_WORDS = re.compile(r"(?:\b(?:USD|EUR|GBP|CHF|R\$|Rs\.?|INR)\s*$)", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"\s?(?:Ft|HUF|Kč|CZK|zł|PLN|lei|RON|EUR|CHF|USD|GBP)(?!\w)")
"""An amount's currency after it ("32 280 000 Ft")."""
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
_LETTER = re.compile(r"[^\W\d_]")
_GLUED_AFTER = re.compile(r"-[^\W\d_]+-")
_GLUED_BEFORE = re.compile(r"[^\W\d_]-$|(?<![^\W\d_])(?!(?:TEL|FAX|MOB|GSM|TLF|TFN|PH|CELL)/)[A-Z]{2,}/$")
"""A number hyphenated to letters is a segment of a code ("022039-AT-061218"), not a phone; so is one after a
scheme's letters and a slash ("PEFC/04-32-0921")."""


@dataclass(frozen=True, slots=True)
class PhoneMatch:
    """One number found in text or in a ``tel:`` link."""

    start: int
    """Offset in the searched text (-1 for a link)."""
    end: int
    raw: str
    """As written."""
    e164: str
    """E.164 form without extension."""
    extension: str
    kind: str
    """``"phone"`` or ``"fax"``."""


def infer_region(*, lang: str | None, site: str = "", email_domains: Iterable[str] = (),
                 address: str | None = None, declared: str | None = None, default: str = DEFAULT_REGION,
                 explicit: Callable[[], Iterable[str]] | None = None,
                 national_count: Callable[[str], int] | None = None) -> str:
    """Region for national-format numbers: the site's ccTLD, the country its structured data ``declared``
    (``company.declared_country``), the ``<html lang>`` country, the emails' ccTLD, the ``address`` country
    (``company.address_country``), the language, else ``default``. The site's own country code and its declared
    address win over the lang tag: CMS templates ship "en-gb" to sites in Cape Town, "de-DE" to sites in Basel
    and "en-US" to churches in Tema.

    Before the language alone, the countries of the page's numbers written with a country code (``explicit``, read
    only then): one of them wins when more of the page's numbers in national format (``national_count``) are valid
    there (a Jaipur charity's "en" page with "+91 94133 …" and "0141-2704418" is Indian, not American)."""
    site_region = cctld_region(site) if site else None
    if site_region:
        return site_region
    if declared:
        return declared
    subtags = re.split(r"[-_]", (lang or "").strip())
    if len(subtags) > 1 and len(subtags[1]) == 2 and subtags[1].isalpha():
        region = subtags[1].upper()
        return "GB" if region == "UK" else region
    for host in sorted(set(email_domains)):
        region = cctld_region(host)
        if region:
            return region
    if address:
        return address
    region = _LANGUAGE_REGIONS.get(subtags[0].lower(), default)
    others = sorted(set(explicit()) - {region}) if explicit is not None and national_count is not None else []
    if others:
        best = max(others, key=national_count)
        if national_count(best) > national_count(region):
            return best
    return region


def explicit_region(raw: str) -> str | None:
    """The country of a number written with its country code ("+91 94133 50871"), None when invalid."""
    parsed = parse_number(raw, None)
    return phonenumbers.region_code_for_number(phonenumbers.parse(parsed[0])) if parsed else None


def cctld_region(host: str) -> str | None:
    """ISO country of a host's ccTLD (``acme.co.uk`` -> ``GB``) or regional TLD (``.cat`` -> ``ES``), None for
    generic or unknown TLDs."""
    if not host or ":" in host and host.rsplit(":", 1)[-1].isdigit():
        return None
    suffix = _EXTRACT(host).suffix
    last = suffix.rsplit(".", 1)[-1].lower() if suffix else ""
    if last in _REGION_TLDS:
        return _REGION_TLDS[last]
    if len(last) != 2 or last in _GENERIC_CCTLDS and "." not in suffix:
        return None  # "acme.co" is anyone's; "coomontalta.com.co" (a second level under it) is Colombian
    return _CCTLD_REGIONS.get(last, last.upper())


def find_phones(text: str, region: str | None, *, lead_in: str = "") -> list[PhoneMatch]:
    """Valid numbers in ``text`` (libphonenumber ``Leniency.VALID``), labelled phone or fax.

    The label is read from the text between the previous number (or the line start) and this one;
    ``lead_in`` is a short preceding block ("Fax" in a ``<dt>``) used when the line has no label.
    Numbers labelled as registry, tax or bank ids are dropped.
    """
    found: list[PhoneMatch] = []
    previous_end = 0
    second: str | None = None  # the second label of a pair ("Tel. / Fax: A / B"), for the number after a slash
    # Where the trunk prefix is usually left out ("(89) 312-456" for 06 89 312 456), a number need not carry it.
    optional = region in _TRUNK_PREFIX_OPTIONAL
    for match in PhoneNumberMatcher(text, region or NO_REGION,
                                    leniency=Leniency.POSSIBLE if optional else Leniency.VALID):
        if optional and (not phonenumbers.is_valid_number(match.number) or _LETTER.match(text, match.end)
                         or match.start > 0 and _LETTER.match(text, match.start - 1)):
            continue  # valid, and not a code's digits ("NTAK regisztrációs szám: SZ19001234")
        line_start = text.rfind("\n", 0, match.start) + 1
        gap_start = max(previous_end, line_start, match.start - _LINE_LOOKBACK)
        gap = text[gap_start:match.start]
        if not _LETTER.search(gap) and not found and line_start == 0:
            gap = f"{lead_in} {gap}"
        elif not _LETTER.search(gap) and line_start > previous_end:
            # A label alone on the line above: "<b>Fax2Email</b><br>086 512 3344".
            above = text[max(text.rfind("\n", 0, line_start - 1) + 1, previous_end):line_start - 1].strip(" :")
            if phone_label_pattern().fullmatch(above):
                gap = f"{above} {gap}"
        previous_end = match.end
        if _not_a_number(text, match.start, match.end, match.raw_string):
            log.debug("dropped date or amount %r", match.raw_string)
            continue
        pair = _PAIRED_LABELS.search(gap)
        both = False
        if pair is not None and label_kind(pair[1]) and label_kind(pair[2]):
            kind, second = label_kind(pair[1]), label_kind(pair[2])
            # "tel./fax 44 616 23 40" with no second number after a slash: one line for both.
            both = {kind, second} == {"phone", "fax"} and _SECOND_NUMBER.match(text, match.end) is None
        elif second is not None and not _LETTER.search(gap) and "/" in gap:
            kind, second = second, None
        else:
            kind, second = label_kind(gap), None
        if kind == "id" and not _labels_other_digits(gap):
            log.debug("dropped id-like number %r after %r", match.raw_string, gap)
            continue
        if kind == "id":
            kind = None  # "No. 214, Galle Road, Colombo 03 — 011 2 589 347": the label was the house number's
        number = match.number
        e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        for kind in ("phone", "fax") if both else ("fax" if kind == "fax" else "phone",):
            found.append(PhoneMatch(match.start, match.end, match.raw_string, e164, number.extension or "", kind))
        if both:
            second = None
    return found


def parse_tel(href: str, region: str | None, *, label: str = "") -> PhoneMatch | None:
    """A ``tel:`` (or ``fax:``) href as a number (RFC 3966), None when it is not a valid number."""
    scheme, _, target = href.partition(":")
    if scheme.lower() not in ("tel", "fax", "callto", "sms"):
        return None
    raw = unquote(target).split("?", 1)[0].strip().lstrip("/")
    raw_number, _, params = raw.partition(";")
    parsed = parse_number(raw_number, region)
    if parsed is None:
        return None
    extension = next((p[4:] for p in params.split(";") if p.lower().startswith("ext=")), "") or parsed[1]
    kind = "fax" if scheme.lower() == "fax" or label_kind(label) == "fax" else "phone"
    return PhoneMatch(-1, -1, raw, parsed[0], extension, kind)


@lru_cache(maxsize=8192)
def parse_number(raw: str, region: str | None) -> tuple[str, str] | None:
    """``(E.164, extension)`` of one number written on its own ("+1-415-555-0101"), None if invalid.

    Memoized: a site repeats its numbers (header, footer, ``tel:`` links) on every page."""
    try:
        number = phonenumbers.parse(raw, region or NO_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164), number.extension or ""


_DIGITS_THEN_WORD = re.compile(r"\d.*?(?<![^\W\d_])[^\W\d_]?[a-zß-ÿ]{2,}")
"""Digits, then a word in lower case or capitalised ("Galle Road"; not a bank's code "RABO")."""
_DIGITS_THEN_COMMA = re.compile(r"\d[^,;]*[,;]\s*\(?\s*$")
"""The id's own number, ended by a comma, before the next one ("NMLS #1839204, (912) 355-6021")."""
_TRUNK_PREFIX_OPTIONAL = frozenset({"HU"})
"""Regions whose pages write national numbers without the trunk prefix libphonenumber expects (Hungary's "06")."""
_SET_APART = re.compile(r"[·•|]|\s[–—]\s")
"""A separator between an id label and a number: the label is not the number's."""
_PAIRED_LABELS = re.compile(r"([^\W\d_][^\W\d_]*\.?)\s*/\s*([^\W\d_][^\W\d_]*\.?)\s*:?\s*$")
"""Two labels for the two numbers that follow ("Tel. / Faks: 04 2235 618 / 04 2235 619")."""

_SECOND_NUMBER = re.compile(r"\s*/\s*[+(\d]")
"""A second number after a slash ("0711 123456 / 0711 123457"), for the second of two labels."""

BARE_EXTENSION = ";ext="
"""The value of a phone mention that is an extension alone (``;ext=12``), before the main line is known."""
_BARE_EXTENSION = re.compile(
    r"(?<![^\W\d_])(?:ext|extn|extension|dw|durchwahl|poste|int|interno|kl|klapka|toestel|tst|lokal|anknytning|"
    r"wewn|linjavalinta|lok)\.?\s*[:.]?\s*[-–]?\s*(\d{1,5})(?![\s\d./()-]*\d)", re.IGNORECASE)
"""An extension written without its number ("DW 12", "ext. 14", "poste 25", "(toestel 2)"): the number is the
main line."""


def find_bare_extensions(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, extension)`` of each extension in ``text`` written without a number before it on its line
    (one written after its number is read with the number)."""
    found = []
    for match in _BARE_EXTENSION.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if not _PHONE_BEFORE.search(text, line_start, match.start()):
            found.append((match.start(), match.end(), match[1]))
    return found


_PHONE_BEFORE = re.compile(r"\d(?:[\s().\-/]{0,3}\d){5,}[^\d\n]{0,6}$")


def is_mobile(e164: str) -> bool:
    """Is the E.164 number (extension aside) a mobile one, which takes no extension?"""
    try:
        number = phonenumbers.parse(e164.partition(BARE_EXTENSION)[0])
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE


def _labels_other_digits(gap: str) -> bool:
    """Do digits and then words, or digits ended by a comma, stand between the last id label in ``gap`` and the number
    after it ("No. 214, Galle Road, Colombo 03 — 011 …": the label is the house number's; "NMLS #1839204, (912) …":
    the licence's)? Or a separator ("Kanzleileitung, Grundbuch und Firmenbuch · +43 7242 …": the label was a word of
    a job)? Not a code's next group ("IBAN DE89 3704 …")."""
    end = None
    for match in phone_label_pattern().finditer(gap):
        if _label_kinds()[match.group(0).casefold()] == "id":
            end = match.end()
    return end is not None and (_DIGITS_THEN_WORD.search(gap, end) is not None
                                or _DIGITS_THEN_COMMA.search(gap, end) is not None
                                or _SET_APART.search(gap, end) is not None)


def label_kind(text: str) -> str | None:
    """``"fax"``, ``"phone"`` or ``"id"`` for the last label in ``text``; a phone or fax label wins over an
    id label ("Tel. Nr." is a phone). One-letter labels ("T 020 ...", "F 020 ...") count only right
    before the number, where ``text`` ends."""
    last: dict[str, int] = {}
    for match in phone_label_pattern().finditer(text):
        last[_label_kinds()[match.group(0).casefold()]] = match.start()
    letter = _LETTER_LABEL.search(text)
    if letter and not (last and max(last.values()) == last.get("id") and letter.start() - last["id"] <= _ID_LETTER_GAP):
        # Not a registry's section letter: "RCS Luxembourg F 4521", "RCS Luxembourg B 123456".
        last[_LETTER_KINDS[letter[1].upper()]] = letter.start()
    if "fax" in last or "phone" in last:
        return "fax" if last.get("fax", -1) > last.get("phone", -1) else "phone"
    return "id" if "id" in last else None


_ID_LETTER_GAP = 24
"""Characters from an id label to a one-letter label that is part of the id."""


def _not_a_number(text: str, start: int, end: int, raw: str) -> bool:
    """A date written with separators, a span of years or hours, an amount (a currency sign or code right before or
    after), a segment of a code hyphenated to letters ("CIPAT 022039-AT-061218"), or the stem of direct dials
    ("Vorwahl 0761 45893- (z. B. …: 0761 45893-17)")."""
    if _DATE.match(raw.strip()) or _SPAN.match(raw.strip()) or _GLUED_AFTER.match(text, end) \
            or _GLUED_BEFORE.search(text, 0, start) or _STEM.match(text, end):
        return True
    before, after = text[max(0, start - 6):start].rstrip(), text[end:end + 2].lstrip()
    if _YEAR.match(raw.strip()) and (_COPYRIGHT.search(text, max(0, start - 12), start)
                                     or not phone_label_pattern().search(text, max(0, start - 16), start)):
        return True  # "© 2026 Étude …", "Interclub 2027": a year, in Luxembourg a valid four-digit number
    if _IBAN_BEFORE.search(text, max(0, start - 40), start):
        return True  # "LU28 0019 4855 1236 7000": the last group of an account number
    return bool(before and before[-1] in _CURRENCY or after and after[0] in _CURRENCY
                or _CURRENCY_WORDS.search(before) or _CURRENCY_AFTER.match(text, end))


_YEAR = re.compile(r"(?:19|20)\d{2}$")
_IBAN_BEFORE = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z\d]{4}){1,7}\s?$")
_COPYRIGHT = re.compile(r"(?:©|\([cC]\)|copyright)\s*$", re.IGNORECASE)
_STEM = re.compile(r"[-–](?!\s*\d)")
# One-letter labels of address blocks and cards: T(elephone), P(hone), M(obile), F(ax), W(ork), D(irect).
_LETTER_KINDS = {"T": "phone", "P": "phone", "M": "phone", "W": "phone", "D": "phone", "F": "fax"}
_LETTER_LABEL = re.compile(r"(?:^|(?<=[\s·|,;]))([TPMWDF])\s*[:.]?\s*(?:\(\s*)?$")


@lru_cache(maxsize=1)
def _label_kinds() -> dict[str, str]:
    return {str(row["text"]).casefold(): str(row["kind"]) for row in load_rows("phone_labels")}


@lru_cache(maxsize=1)
def phone_label_pattern() -> re.Pattern[str]:
    labels = sorted(_label_kinds(), key=len, reverse=True)
    alternatives = "|".join(re.escape(label) for label in labels)
    return re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])", re.IGNORECASE)
