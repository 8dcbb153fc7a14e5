"""The company a page belongs to: its name (og:site_name, JSON-LD, <title>) and its country."""

from __future__ import annotations

import re
from functools import lru_cache

from ner.dom import PageDom
from ner.lexicon import load_rows
from ner.names import fold
from ner.phones import cctld_region
from ner.structured import StructuredData

# "About us | Acme Ltd", "Acme – Contact", "Team · Acme": the title's parts.
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}\b")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•:»/-]\s+|\s+-\s+|(?<=\w):\s+")
_GENERIC_PARTS = frozenset({
    "home", "homepage", "start", "startseite", "accueil", "inicio", "about", "about us", "team", "our team",
    "people", "contact", "contact us", "kontakt", "impressum", "imprint", "legal notice", "mentions légales",
    "privacy", "privacy policy", "datenschutz", "careers", "jobs", "karriere", "news", "blog", "services",
    "products", "leadership", "management", "welcome", "équipe", "à propos", "unternehmen",
})


def company_name(dom: PageDom, structured: StructuredData, site: str) -> str | None:
    """og:site_name, else the JSON-LD Organization's name, else the part of ``<title>`` that names the site."""
    for key in ("og:site_name", "application-name", "publisher"):
        if dom.meta.get(key):
            return dom.meta[key]
    for organization in structured.organizations:
        if organization.name:
            return organization.name
    return _name_from_title(dom.title, site)


def page_country(dom: PageDom, structured: StructuredData, site: str, email_domains: set[str]) -> str | None:
    """ISO country: JSON-LD address, ``<html lang>`` region subtag, then the site's or its emails' ccTLD."""
    for organization in structured.organizations:
        if organization.country:
            return organization.country
    subtags = re.split(r"[-_]", dom.lang or "")
    if len(subtags) > 1 and len(subtags[1]) == 2 and subtags[1].isalpha():
        return "GB" if subtags[1].upper() == "UK" else subtags[1].upper()
    for host in (site, *sorted(email_domains)):
        region = cctld_region(host)
        if region:
            return region
    return None


def declared_country(structured: StructuredData) -> str | None:
    """ISO country of the address the site's own structured data declares (JSON-LD ``addressCountry``)."""
    return next((organization.country for organization in structured.organizations if organization.country), None)


def address_country(dom: PageDom, structured: StructuredData) -> str | None:
    """ISO country of the firm's address: JSON-LD, else a country name or a UK postcode in a footer or
    ``<address>`` block ("Dufftown, Moray AB55 4DH, Scotland"). For the phone region of a page whose domain and
    language say nothing (a .com in English)."""
    declared = declared_country(structured)
    if declared:
        return declared
    names, pattern = _country_names()
    for block in dom.blocks:
        if not (block.boilerplate or block.tag == "address"):
            continue
        country = pattern.search(block.text)
        if country is not None:
            return names[country[0]]
        if _UK_POSTCODE.search(block.text):
            return "GB"
    return None


@lru_cache(maxsize=1)
def _country_names() -> tuple[dict[str, str], re.Pattern[str]]:
    names = {str(row["name"]): str(row["region"]) for row in load_rows("countries")}
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return names, re.compile(rf"(?<![\w-])(?<!New )(?:{alternatives})(?![\w-])")  # not "New Mexico"


def _name_from_title(title: str | None, site: str) -> str | None:
    if not title:
        return None
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) == 1:
        return parts[0]
    label = fold(site.split(".")[0]).replace("-", "")
    for part in parts:
        if label and label[:5] in fold(part).replace(" ", "").replace("-", ""):
            return part
    specific = [p for p in parts if p.casefold() not in _GENERIC_PARTS]
    return specific[-1] if specific else parts[-1]
