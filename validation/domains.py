"""Domains of a lead: registered domain, the country a ccTLD names, and whether an address is the company's."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract
from cleanco import basename

# The bundled Public Suffix List snapshot: no download at run time.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
# ccTLDs sold as generic names ("startup.io") say nothing about the country.
GENERIC_CCTLDS = frozenset({"io", "co", "ai", "me", "tv", "ly", "fm", "gg", "sh", "ac", "cc", "ws", "to", "so",
                            "eu", "vc", "gl", "am", "im", "la", "is", "su", "tk", "ml", "ga", "cf", "gq"})
_CCTLD_REGIONS = {"uk": "GB"}


@lru_cache(maxsize=65536)
def host_of(website: str) -> str:
    """The host of a website column value: a URL (``https://www.acme.com/x``) or a bare domain."""
    text = website.strip().lower()
    if not text:
        return ""
    if "//" not in text:
        text = "//" + text
    try:
        return (urlsplit(text).hostname or "").rstrip(".")
    except ValueError:
        return ""


@lru_cache(maxsize=65536)
def registered_domain(host: str) -> str:
    """``mail.acme.co.uk`` -> ``acme.co.uk``; the host itself when it has no public suffix."""
    parts = _EXTRACT(host)
    return parts.top_domain_under_public_suffix or host


@lru_cache(maxsize=65536)
def cctld_region(host: str) -> str | None:
    """ISO 3166-1 alpha-2 country of a host's ccTLD (``acme.co.uk`` -> ``GB``); None for generic TLDs."""
    if not host:
        return None
    suffix = _EXTRACT(host).suffix
    last = suffix.rsplit(".", 1)[-1].lower() if suffix else ""
    if len(last) != 2 or last in GENERIC_CCTLDS:
        return None
    return _CCTLD_REGIONS.get(last, last.upper())


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


@lru_cache(maxsize=65536)  # a lead list repeats companies
def domain_matches_company(domain: str, *, website: str = "", company: str = "") -> bool | None:
    """Is ``domain`` (an address's domain) the company's own? None when neither website nor company is known.

    Same registered domain as the website (subdomains count: ``mail.acme.com`` for ``acme.com``);
    without a website, the company name without its legal form (cleanco: "Acme GmbH" -> "acme")
    equals the domain's label or one contains the other (names of four letters or more).
    """
    own = registered_domain(domain.lower())
    host = host_of(website)
    if host:
        return own == registered_domain(host)
    name = _letters(basename(company)) if company.strip() else ""
    if not name:
        return None
    label = _letters(own.split(".", 1)[0])
    return label == name or (min(len(label), len(name)) >= 4 and (label in name or name in label))
