"""One site's stored pages -> what they say about the company, each value with the page it came from.

Pure (no store): ``enrichment.sitefacts`` reads the pages and writes the facts. The pages are read
home page first (shortest URL), and a value's provenance is the first page, in that order, that
states it. Name and country are voted over the pages (the extraction stage picks them per page);
the other fields keep every distinct value.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urlsplit

from enrichment.address import Address, structured_addresses, text_addresses
from enrichment.company import TECH_PAGES, StoredPage, employer_facts
from enrichment.company import EXTRACTOR as COMPANY_EXTRACTOR
from enrichment.credits import site_credits
from enrichment.datafiles import words
from enrichment.techstack import detect_technology
from leadscout.records import Provenance
from ner.channels import classify_social, find_emails_in
from ner.company import company_name, page_country
from ner.dom import PageDom
from ner.html import parse_html
from ner.structured import StructuredData, parse_json_ld

log = logging.getLogger(__name__)

VERSION = "1"


def extractor(how: str) -> str:
    """``Provenance.extractor`` of a fact this stage derives: ``enrichment.sitefacts.<how>/<version>``."""
    return f"enrichment.sitefacts.{how}/{VERSION}"


@dataclass(frozen=True, kw_only=True, slots=True)
class SitePage:
    """A stored page of the site, as this stage reads it."""

    url: str
    title: str | None
    html: str
    headers: Mapping[str, str]
    fetched_at: datetime
    sha256: str


@dataclass(frozen=True, kw_only=True, slots=True)
class SiteFact:
    """One value of one company field, with where and when it was read."""

    field: str
    value: str
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class _Read:
    page: SitePage
    dom: PageDom
    structured: StructuredData


def site_facts_of(site: str, pages: Iterable[SitePage], *, fingerprints: bool = True) -> list[SiteFact]:
    """Every company fact the site's pages state: name, country, address, socials, builder, technology, jobs.

    ``fingerprints=False`` skips the (slow) fingerprint set and keeps the rule data only.
    """
    ordered = sorted((p for p in pages if p.html), key=lambda p: (len(p.url), p.url))
    reads = [_Read(page, dom, parse_json_ld(dom.json_ld)) for page, dom in ((p, parse_html(p.html)) for p in ordered)]
    facts: dict[tuple[str, str], SiteFact] = {}

    def add(field: str, value: str | None, page: SitePage, how: str) -> None:
        value = " ".join((value or "").split())
        if value:
            facts.setdefault((field, value.casefold()), SiteFact(field=field, value=value, provenance=Provenance(
                source_url=page.url, fetched_at=page.fetched_at, extractor=how if "/" in how else extractor(how),
                page_sha256=page.sha256)))

    name = _vote(site, reads, add)
    country = _country_vote(site, reads, add)
    seen_addresses: set[tuple[str, str]] = set()
    for read in reads:
        for address in _addresses(read, country, seen_addresses):
            add("address", address.line, read.page, f"address.{address.how}")
            add("postal_code", address.postal_code, read.page, f"address.{address.how}")
            add("locality", address.locality, read.page, f"address.{address.how}")
        for url in _company_socials(read):
            add("social", url, read.page, "social")
        for credit in site_credits(read.dom, company=name, home=read is reads[0]):
            add("built_by", credit.name, read.page, f"credit.{credit.how.replace(':', '.')}")
            add("built_by_url", credit.url, read.page, f"credit.{credit.how.replace(':', '.')}")
    for number, read in enumerate(reads):
        for hit in detect_technology(read.page.url, read.page.html, read.page.headers, meta=read.dom.meta,
                                     fingerprints=fingerprints and number < TECH_PAGES):
            add(hit.field, hit.value, read.page, hit.extractor)
    for fact in employer_facts((_stored(p) for p in ordered), with_technology=False):
        facts.setdefault((fact.field, fact.value.casefold()), SiteFact(field=fact.field, value=fact.value,
                                                                         provenance=fact.provenance))
    return list(facts.values())


def main_contact_points(rows: Sequence[SiteFact]) -> list[SiteFact]:
    """The company's main phone and main email among its stored contact points (``phone``/``email`` facts).

    The one stated on the most pages wins; ties go to the preferred generic local part (``info@``,
    ``contact@``: enrichment/data/contact_points.jsonl), then to the earliest stored. The winner keeps
    the provenance of its first source page.
    """
    preferred = words("contact_points", "local")
    out = []
    for field, main in (("phone", "main_phone"), ("email", "main_email")):
        candidates = [r for r in rows if r.field == field]
        if not candidates:
            continue
        pages = Counter(r.value for r in candidates)

        def rank(value: str) -> tuple[int, int]:
            local = value.split("@", 1)[0].casefold() if field == "email" else ""
            return -pages[value], preferred.index(local) if local in preferred else len(preferred)

        winner = min(dict.fromkeys(r.value for r in candidates), key=rank)
        first = next(r for r in candidates if r.value == winner)
        out.append(SiteFact(field=main, value=winner.split(";", 1)[0] if field == "phone" else winner,
                            provenance=replace(first.provenance, extractor=extractor("main"))))
    return out


def _vote(site: str, reads: list[_Read], add) -> str | None:
    """The company name most pages give (og:site_name, JSON-LD Organization, else the title); ties: home page."""
    named = [(read, company_name(read.dom, read.structured, site)) for read in reads]
    counts = Counter(name for _read, name in named if name)
    if not counts:
        return None
    winner = max(counts, key=lambda n: (counts[n], -next(i for i, (_r, m) in enumerate(named) if m == n)))
    read = next(r for r, n in named if n == winner)
    add("company", winner, read.page, f"name.{_name_source(read, winner)}")
    return winner


def _name_source(read: _Read, name: str) -> str:
    if any(read.dom.meta.get(k) == name for k in ("og:site_name", "application-name", "publisher")):
        return "meta"
    if any(o.name == name for o in read.structured.organizations):
        return "jsonld"
    return "title"


def _country_vote(site: str, reads: list[_Read], add) -> str | None:
    """ISO country most pages point to (JSON-LD address, ``<html lang>`` region, ccTLD of the site or its emails)."""
    found = []
    for read in reads:
        domains = {hit.mention.value.rsplit("@", 1)[1] for hit in find_emails_in(read.dom)}
        country = page_country(read.dom, read.structured, _host(read.page.url, site), domains)
        found.append((read, country, _country_source(read, country, _host(read.page.url, site))))
    counts = Counter(c for _r, c, _s in found if c)
    if not counts:
        return None
    winner = max(counts, key=lambda c: (counts[c], -next(i for i, (_r, m, _s) in enumerate(found) if m == c)))
    read, _country, how = next(item for item in found if item[1] == winner)
    add("country", winner, read.page, f"country.{how}")
    return winner


def _country_source(read: _Read, country: str | None, host: str) -> str:
    if any(o.country == country for o in read.structured.organizations):
        return "jsonld"
    if read.dom.lang and country and read.dom.lang.upper().replace("_", "-").endswith(f"-{country}"):
        return "lang"
    return "tld"


def _addresses(read: _Read, country: str | None, seen: set[tuple[str, str]]) -> list[Address]:
    """The page's addresses not yet seen on the site (the same address is stated on many pages)."""
    page = read.page
    path = f"{urlsplit(page.url).path} {page.title or ''}".casefold()
    address_page = any(word in path for word in words("site_pages", "word"))
    found = structured_addresses(page.html, page.url)
    found += text_addresses(read.dom, country=country, address_page=address_page)
    out = []
    for address in found:
        address = address if address.country else replace(address, country=country)
        if address.key not in seen:
            seen.add(address.key)
            out.append(address)
    return out


def _company_socials(read: _Read) -> list[str]:
    """The company's own profiles: its JSON-LD Organization ``sameAs`` and social links in page furniture
    (header, navigation, footer); a person's profile (linkedin.com/in/...) never counts."""
    urls = [url for org in read.structured.organizations for url in org.socials]
    urls += [link.href for link in read.dom.links if read.dom.blocks[link.block_id].boilerplate]
    out = []
    for url in urls:
        classified = classify_social(url)
        if classified is not None and classified[0] != "person":
            out.append(classified[1])
    return list(dict.fromkeys(out))


def _stored(page: SitePage) -> StoredPage:
    return StoredPage(url=page.url, title=page.title, html=page.html, headers=page.headers, provenance=Provenance(
        source_url=page.url, fetched_at=page.fetched_at, extractor=COMPANY_EXTRACTOR, page_sha256=page.sha256))


def _host(url: str, site: str) -> str:
    parts = urlsplit(url)
    return parts.hostname if parts.scheme in ("http", "https") and parts.hostname else site
