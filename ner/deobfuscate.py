"""Find email addresses however a page hides them: [at]/(dot) spellings, mailto hrefs, Cloudflare."""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from email.utils import getaddresses
from urllib.parse import unquote

from ner.lexicon import load_rows

log = logging.getLogger(__name__)

# Local-part characters of RFC 5322 section 3.2.3 "atext" (Unicode letters per RFC 6531), minus the rare ones
# ("/", "{", "}", "|") that mostly occur around addresses in page text, not inside them.
_ATOM = r"[\w!#$%&'*+=?^`~-]{1,64}"
# A DNS label (RFC 1035 section 2.3.1), Unicode letters allowed for IDNs.
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
_OPEN, _CLOSE = r"[\[\(\{<]", r"[\]\)\}>]"
# The at sign and the dot as their names are spelled in the site languages (arroba es/pt, chiocciola it,
# Klammeraffe de, apenstaartje nl; punto es/it, ponto pt, punt nl, Punkt de, point fr).
_AT_NAMES = r"(?:at|AT|At|ät|@|arroba|ARROBA|chiocciola|klammeraffe|Klammeraffe|apenstaartje)"
_AT_BRACKETED = rf"\s*{_OPEN}\s*{_AT_NAMES}\s*{_CLOSE}\s*"
_AT_WORD = r"\s+(?:at|AT)\s+"
_DOT_BRACKETED = rf"\s*{_OPEN}\s*(?:dot|DOT|Dot|punkt|Punkt|point|punto|ponto|punt|\.)\s*{_CLOSE}\s*"
_DOT_WORD = r"\s+(?:dot|DOT|punkt|point|punto|ponto|punt)\s+"
_DOT = rf"(?:\.|{_DOT_BRACKETED}|{_DOT_WORD})"
_AT = rf"(?:@|\uff20|\ufe6b|{_AT_BRACKETED}|{_AT_WORD})"

# Repetitions are bounded (RFC 5321 limits a local part to 64 octets) so a long run of "a dot a dot ..."
# costs linear time, not quadratic.
EMAIL_PATTERN = re.compile(
    rf"(?<![\w.%+'@-])"
    rf"(?P<local>{_ATOM}(?:{_DOT}{_ATOM}){{0,6}})"
    rf"(?P<at>{_AT})"
    rf"(?P<domain>{_LABEL}(?:{_DOT}{_LABEL}){{1,6}})"
    rf"(?![\w@-]|\.[^\W_])",
)
_AT_CANDIDATE = re.compile(rf"@|\uff20|\ufe6b|{_AT_BRACKETED}|{_AT_WORD}")
_WINDOW = 320
"""Characters searched on either side of an at-sign candidate: more than the longest address (RFC 5321)."""
_DOT_SPELLING = re.compile(rf"{_DOT_BRACKETED}|{_DOT_WORD}")
# File names such as "logo@2x.png" look like addresses; no real TLD is a file extension.
_FILE_SUFFIXES = frozenset({"png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "css", "js", "ico", "pdf", "mp4"})
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CF_PATH = re.compile(r"/cdn-cgi/l/email-protection#(?P<hex>[0-9a-fA-F]+)")


@dataclass(frozen=True, slots=True)
class EmailMatch:
    """One address found in text."""

    start: int
    """Offset of the (possibly obfuscated) address in the searched text."""
    end: int
    """End offset (exclusive)."""
    raw: str
    """The text as written, e.g. ``"jane [at] firm [dot] com"``."""
    address: str
    """The plain, lowercased address, e.g. ``"jane@firm.com"``."""


def find_emails(text: str) -> list[EmailMatch]:
    """Every email address in ``text``, plain or spelled out, in text order.

    Long texts are only searched around something that can stand for the at sign (the full pattern is
    costly to try at every position of a megabyte of prose).
    """
    if len(text) <= _WINDOW * 4:
        # No at sign in any spelling, no address: the full pattern would try (and fail) at every position.
        return _find_emails(text, 0, len(text)) if _AT_CANDIDATE.search(text) else []
    found: list[EmailMatch] = []
    spans: list[list[int]] = []
    for candidate in _AT_CANDIDATE.finditer(text):
        start, end = max(0, candidate.start() - _WINDOW), min(len(text), candidate.end() + _WINDOW)
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    for start, end in spans:
        found += [m for m in _find_emails(text, start, end) if not found or m.start >= found[-1].end]
    return found


def _find_emails(text: str, start: int, end: int) -> list[EmailMatch]:
    found: list[EmailMatch] = []
    position = start
    while (match := EMAIL_PATTERN.search(text, position, end)) is not None:
        at, domain = match["at"], match["domain"]
        # " at " alone is ordinary English ("visit us at acme.com"); accept the word form only when
        # the domain is spelled out too ("jane at acme dot com"). What it took for a domain may start an address
        # ("by email at s.comerford (at) comerfordnolan.ie").
        if at.strip() in {"at", "AT"} and not _DOT_SPELLING.search(domain):
            position = match.start("domain")
            continue
        position = match.end()
        address = normalize_email(f"{_undot(match['local'])}@{_undot(domain)}")
        if address:
            found.append(EmailMatch(match.start(), match.end(), match.group(0), address))
    return found


def normalize_email(candidate: str) -> str | None:
    """The lowercased address if ``candidate`` is shaped like one (RFC 5321 length limits), else None.

    Look-alike characters are settled deterministically: compatibility forms (full-width ``ｊ``, ``＠``,
    ligatures) become their plain letters (Unicode NFKC), invisible characters go, and a local part or
    domain label that mixes scripts (a Cyrillic ``а`` among Latin letters: a homograph, RFC 5890
    section 4.4 / UTS #39) is rejected.
    """
    candidate = _INVISIBLE.sub("", unicodedata.normalize("NFKC", candidate)).strip().strip("<>").strip()
    local, sep, domain = candidate.rpartition("@")
    if not sep or not local or not domain or len(local) > 64 or len(candidate) > 254:
        return None
    labels = domain.rstrip(".").split(".")
    tld = labels[-1].casefold()
    if len(labels) < 2 or any(not label for label in labels) or tld in _FILE_SUFFIXES:
        return None
    if not (tld.isalpha() and len(tld) >= 2) and not tld.startswith("xn--"):
        return None
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return None
    if any(_mixed_scripts(part) for part in (local, *labels)):
        return None
    return f"{local}@{'.'.join(labels)}".casefold()


def is_placeholder(address: str) -> bool:
    """``user@``, ``vorname.nachname@``, ``@example.com``: an example in the page text, not a contact."""
    local, _, domain = address.casefold().rpartition("@")
    return local in _placeholders("local") or domain in _placeholders("domain")


@lru_cache(maxsize=2)
def _placeholders(field: str) -> frozenset[str]:
    return frozenset(str(row[field]).casefold() for row in load_rows("placeholder_emails") if field in row)


def _mixed_scripts(part: str) -> bool:
    if part.isascii():
        return False  # ASCII letters are all Latin
    scripts = set()
    for char in part:
        if char.isalpha():
            scripts.add(unicodedata.name(char, "UNKNOWN").split(" ", 1)[0])
    return len(scripts) > 1


def parse_mailto(href: str) -> list[tuple[str, str]]:
    """``(address, display name)`` pairs of a ``mailto:`` href (RFC 6068), percent-decoded.

    ``mailto:Jane%20Doe%20%3Cjane@x.com%3E?subject=Hi`` gives ``[("jane@x.com", "Jane Doe")]``;
    spelled-out addresses inside the href are decoded too. Never raises.
    """
    if not href[:7].casefold() == "mailto:":
        return []
    target = href[7:].split("?", 1)[0]
    try:
        target = unquote(target, errors="replace")
    except (TypeError, ValueError):
        return []
    pairs: list[tuple[str, str]] = []
    for display, address in getaddresses([target]):
        normalized = normalize_email(address)
        if normalized is None:
            matches = find_emails(address or target)
            normalized = matches[0].address if matches else None
        if normalized and all(normalized != seen for seen, _ in pairs):
            pairs.append((normalized, " ".join(display.split())))
    return pairs


def decode_cfemail(encoded: str) -> str | None:
    """Decode Cloudflare's ``data-cfemail`` hex: the first byte XORs every following byte."""
    encoded = encoded.strip()
    if len(encoded) < 4 or len(encoded) % 2:
        return None
    try:
        data = bytes.fromhex(encoded)
        plain = bytes(byte ^ data[0] for byte in data[1:]).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    return normalize_email(plain)


def decode_cf_href(href: str) -> str | None:
    """The ``mailto:`` href hidden in a Cloudflare ``/cdn-cgi/l/email-protection#<hex>`` link, if any."""
    match = _CF_PATH.search(href)
    address = decode_cfemail(match["hex"]) if match else None
    return f"mailto:{address}" if address else None


def _undot(spelled: str) -> str:
    """Replace spelled-out dots by "." and drop the spaces around them."""
    return _DOT_SPELLING.sub(".", spelled)
