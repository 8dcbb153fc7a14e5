"""Emails, phones, faxes and social profiles on a page, from block text and from links."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from leadscout.records import Mention, MentionKind
from ner.deobfuscate import find_emails, is_placeholder, parse_mailto
from ner.dom import Block, PageDom
from ner.hits import ChannelHit, extractor
from ner.lexicon import load_rows
from ner.phones import (BARE_EXTENSION, explicit_region, find_bare_extensions, find_phones, parse_tel,
                        phone_label_pattern)
from validation.domains import registered_domain

log = logging.getLogger(__name__)

_LEAD_IN_MAX = 24
_LABEL_CELL_MAX = 60
_DIGIT = re.compile(r"\d")
_PHONE_LIKE = re.compile(r"\d(?:[\s().\-/\u00a0]{0,3}\d){5,}")
"""A preceding block this short can be the label of a number ("Fax" in a ``<dt>``)."""
_EXPLICIT_NUMBER = re.compile(r"(?<![\w+])\+\d[\d\s().\-\u00a0]{5,}\d")
"""A number written with its country code ("+91 94133 50871")."""
_SHARE_PATHS = ("/share", "/sharer", "/intent", "/sharearticle", "/dialog", "/home?status", "/hashtag", "/search")


def find_emails_in(dom: PageDom) -> list[ChannelHit]:
    """Addresses in block text (spelled-out ones decoded) and in ``mailto:`` links, one hit per block and address."""
    hits: list[ChannelHit] = []
    seen: dict[tuple[int, str], int] = {}
    for block in dom.blocks:
        for match in find_emails(block.text):
            if is_placeholder(match.address):
                continue
            mention = Mention(kind=MentionKind.EMAIL, text=match.address, value=match.address,
                              start=block.start + match.start, end=block.start + match.end, block_id=block.id,
                              extractor=extractor("email_text"))
            seen[(block.id, match.address)] = len(hits)
            hits.append(ChannelHit(mention, line=_line(block, match.start)))
    for link in dom.links:
        for address, display in parse_mailto(link.href):
            if is_placeholder(address):
                continue
            index = seen.get((link.block_id, address))
            if index is not None:
                if display and not hits[index].display_name:
                    hits[index] = ChannelHit(hits[index].mention, display_name=display, line=hits[index].line)
                continue
            block = dom.blocks[link.block_id]
            mention = Mention(kind=MentionKind.EMAIL, text=address, value=address, start=-1, end=-1,
                              block_id=link.block_id, extractor=extractor("mailto"))
            seen[(link.block_id, address)] = len(hits)
            hits.append(ChannelHit(mention, display_name=display, line=_link_line(block, link.text)))
    return hits


def explicit_regions(dom: PageDom) -> list[str]:
    """The countries of the numbers a page writes with their country code, in its text and ``tel:`` links."""
    raws = [match[0] for match in _EXPLICIT_NUMBER.finditer(dom.text)]
    raws += [unquote(link.href[4:]) for link in dom.links if link.href[:4].lower() == "tel:" and "+" in link.href]
    return [region for raw in raws if (region := explicit_region(raw.split(";", 1)[0]))]


def national_numbers(dom: PageDom, region: str) -> int:
    """How many numbers in the page's text, written without a country code, are valid in ``region``."""
    return sum(1 for block in dom.blocks if _PHONE_LIKE.search(block.text)
               for match in find_phones(block.text, region) if not match.raw.lstrip("( ").startswith(("+", "00")))


def find_phones_in(dom: PageDom, region: str | None) -> list[ChannelHit]:
    """Numbers in block text and in ``tel:`` links, as E.164 mentions of kind PHONE or FAX.

    The mention value is E.164, with an RFC 3966 ``;ext=`` suffix when the number has an extension.
    """
    hits: list[ChannelHit] = []
    seen: set[tuple[int, str]] = set()
    previous: Block | None = None
    for block in dom.blocks:
        # A row's label cell or a term may say more ("Fax (alleen voor zorgverleners)").
        label_cell = previous is not None and previous.tag in ("th", "td", "dt") and previous.region == block.region
        lead_in = previous.text if previous is not None and len(previous.text) <= (
            _LABEL_CELL_MAX if label_cell else _LEAD_IN_MAX) else ""
        if block.column:
            # A cell's column header labels its number ("Fax", "Tel"), unless its row's label cell says more (a
            # "Fax" row in a "Telephone" column).
            row_label = label_cell and phone_label_pattern().fullmatch(lead_in.strip(" :")) is not None
            lead_in = f"{block.column} {lead_in}" if row_label else block.column
        if block.text:
            previous = block
        if block.text and not block.boilerplate and _DIGIT.search(block.text):
            hits += _bare_extensions(block)
        if not _PHONE_LIKE.search(block.text):
            continue  # no run of 6+ digits (separators allowed): nothing libphonenumber could accept
        for match in find_phones(block.text, region, lead_in=lead_in):
            value = match.e164 + (f";ext={match.extension}" if match.extension else "")
            kind = MentionKind.FAX if match.kind == "fax" else MentionKind.PHONE
            mention = Mention(kind=kind, text=match.raw, value=value, start=block.start + match.start,
                              end=block.start + match.end, block_id=block.id, extractor=extractor("phone_text"))
            seen.add((block.id, match.e164))
            hits.append(ChannelHit(mention, line=_line(block, match.start)))
    for link in dom.links:
        if not link.href[:4].lower() in ("tel:", "fax:"):
            continue
        match = parse_tel(link.href, region, label=link.text)
        if match is None or (link.block_id, match.e164) in seen:
            continue
        seen.add((link.block_id, match.e164))
        value = match.e164 + (f";ext={match.extension}" if match.extension else "")
        kind = MentionKind.FAX if match.kind == "fax" else MentionKind.PHONE
        mention = Mention(kind=kind, text=match.raw, value=value, start=-1, end=-1, block_id=link.block_id,
                          extractor=extractor("tel"))
        hits.append(ChannelHit(mention, line=_link_line(dom.blocks[link.block_id], link.text)))
    return hits


def _bare_extensions(block: Block) -> list[ChannelHit]:
    """Extensions written without a number ("DW 12"): phone mentions whose value is only ``;ext=12`` until
    ``associate`` puts the page's main line in front (``BARE_EXTENSION``)."""
    return [ChannelHit(Mention(kind=MentionKind.PHONE, text=block.text[start:end], value=f"{BARE_EXTENSION}{extension}",
                               start=block.start + start, end=block.start + end, block_id=block.id,
                               extractor=extractor("phone_extension")), line=_line(block, start))
            for start, end, extension in find_bare_extensions(block.text)]


def find_socials_in(dom: PageDom) -> list[ChannelHit]:
    """Links to social profiles (LinkedIn, X/Twitter, XING ...), normalized; share buttons are skipped."""
    hits: list[ChannelHit] = []
    seen: set[tuple[int, str]] = set()
    for link in dom.links:
        classified = classify_social(link.href)
        if classified is None or (link.block_id, classified[1]) in seen:
            continue
        kind, url = classified
        seen.add((link.block_id, url))
        mention = Mention(kind=MentionKind.SOCIAL, text=link.text or link.href, value=url, start=-1, end=-1,
                          block_id=link.block_id, extractor=extractor("social"))
        hits.append(ChannelHit(mention, line=_link_line(dom.blocks[link.block_id], link.text), social=kind))
    return hits


def classify_social(href: str) -> tuple[str, str] | None:
    """``(kind, normalized URL)`` for a social-profile link: kind is ``person``, ``company`` or ``any``."""
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https", "") or not parts.netloc:
        return None
    host = parts.netloc.lower().rsplit("@", 1)[-1].split(":", 1)[0]
    path = parts.path.rstrip("/")
    for prefix in ("www.", "m.", "mobile."):
        host = host.removeprefix(prefix)
    rule = _social_hosts().get(host) or _social_hosts().get(host.split(".", 1)[-1])
    written = rule["host"] if rule is not None else host
    if rule is None:  # "pinterest.it", "pinterest.co.uk": a network that has a domain in every country
        rule = _any_country_hosts().get(registered_domain(host).split(".", 1)[0])
    if rule is None or not path or path.lower().startswith(_SHARE_PATHS):
        return None
    lowered = path.lower()
    kind = "any"
    if any(lowered.startswith(p) for p in rule.get("person", ())):
        kind = "person"
    elif any(lowered.startswith(p) for p in rule.get("company", ())):
        kind = "company"
    elif rule.get("person"):
        # linkedin.com/feed, xing.com/jobs ...: not a profile.
        return None
    return kind, f"https://{written}{path}"


@lru_cache(maxsize=1)
def _social_hosts() -> dict[str, dict]:
    return {str(row["host"]): row for row in load_rows("socials")}


@lru_cache(maxsize=1)
def _any_country_hosts() -> dict[str, dict]:
    """The networks marked ``any_country``, by the name before their domain's suffix ("pinterest")."""
    return {str(row["host"]).split(".", 1)[0]: row for row in load_rows("socials") if row.get("any_country")}


def _line(block: Block, offset: int) -> int:
    return block.text.count("\n", 0, max(offset, 0))


def _link_line(block: Block, text: str) -> int:
    """The line of the block where a link's text sits; the last line for a link without text."""
    position = block.text.find(text) if text else -1
    return _line(block, position) if position >= 0 else block.text.count("\n")
