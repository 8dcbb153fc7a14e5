"""Seeds: turning what a team hands in (domains, URLs) into crawlable start URLs and site keys."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

import tldextract

ALLOWED_SCHEMES = ("http", "https")
# A bare domain as people write it in a spreadsheet: labels, a dot, a TLD; optional port and path.
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}\.?(?::\d{1,5})?(?:[/?#].*)?$", re.I)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):(?!\d+(?:/|$))", re.I)  # "host:8080" is no scheme


class SeedError(ValueError):
    """A seed is not a usable http(s) URL or domain; the message names it and says why."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Seed:
    """One accepted seed."""

    url: str
    """The start URL, scheme and host normalized (``https://acme.com/``)."""
    site: str
    """Site key (see ``site_key``)."""


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # The Public Suffix List snapshot bundled with tldextract: never fetched at run time.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def site_key(url: str) -> str:
    """The site a URL belongs to: its registered domain (``shop.acme.co.uk`` -> ``acme.co.uk``).

    Hosts without a registered domain (IP literals, ``localhost``) keep their port,
    so that sites served on different loopback ports stay different sites.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower()
    registered = _extractor()(host).top_domain_under_public_suffix if host else ""
    if registered and not _is_ip(host):
        return registered
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{parts.port}" if parts.port else host


def parse_seed(text: str) -> Seed:
    """Accept ``acme.com``, ``www.acme.com/team`` or ``https://acme.com``; refuse anything else.

    Only http and https are crawled: ``file:``, ``data:``, ``ftp:``, ``javascript:`` and the
    like are refused here, before anything is fetched.
    """
    raw = text.strip()
    if not raw:
        raise SeedError("empty seed")
    scheme_match = _SCHEME.match(raw)
    if scheme_match and not raw.lower().startswith(("http://", "https://")):
        scheme = scheme_match.group(1).lower()
        # "acme.com:8080" parses as scheme "acme.com"; only a dotless word before ':' is a scheme.
        if "." not in scheme or raw[len(scheme) + 1:].startswith("/"):
            raise SeedError(f"seed {raw!r}: scheme {scheme!r} is not allowed; use http:// or https://")
    if not raw.lower().startswith(("http://", "https://")):
        host_part = raw.split("/")[0].rsplit(":", 1)[0].strip("[]")
        if not (_DOMAIN.match(raw) or _is_ip(host_part) or host_part.lower() == "localhost"):
            raise SeedError(f"seed {raw!r} is not a URL or domain; write it like acme.com or https://acme.com")
        raw = "https://" + raw
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        raise SeedError(f"seed {text.strip()!r}: {exc}") from None
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise SeedError(f"seed {text.strip()!r} has no host")
    netloc = f"[{host}]" if ":" in host else host
    if port:
        netloc += f":{port}"
    url = urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))
    return Seed(url=url, site=site_key(url))


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
