"""The record types that flow between leadscout's stages.

Every stage reads and writes these plain, frozen, keyword-only dataclasses;
no stage after NER sees a spaCy or Scrapy object. Formats are written in each
field's docstring (zyte-common-items style): raw and normalized values sit
side by side, and every value that reaches the store carries a `Provenance`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum


class MentionKind(str, Enum):
    """What a span of page text is."""

    PERSON = "person"
    TITLE = "title"
    EMAIL = "email"
    PHONE = "phone"
    FAX = "fax"
    SOCIAL = "social"
    ORG = "org"
    ADDRESS = "address"


@dataclass(frozen=True, kw_only=True, slots=True)
class Provenance:
    """Where and when one value was obtained: the answer to "where did you get this?"."""

    source_url: str
    """Final URL of the page the value was read from (after redirects)."""
    fetched_at: datetime
    """When that page was fetched (timezone-aware, UTC)."""
    extractor: str
    """Name and version of the extractor that produced the value, e.g. ``"ner.mailto/1"``."""
    page_sha256: str
    """Hex SHA-256 of the page body the value was read from."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Page:
    """One fetched HTML page."""

    url: str
    """Final URL after redirects."""
    site: str
    """Site key: the registered domain (``acme.co.uk``); for an IP-literal host, ``host:port``."""
    fetched_at: datetime
    """When the response arrived (timezone-aware, UTC)."""
    status: int
    """HTTP status code of the final response."""
    sha256: str
    """Hex SHA-256 of the raw body bytes."""
    html: str
    """The decoded HTML text."""
    language: str | None = None
    """Declared language, e.g. ``"de-DE"`` from ``<html lang>`` or Content-Language; None if absent."""
    title: str | None = None
    """The ``<title>`` text, whitespace-collapsed; None if absent."""
    headers: dict[str, str] = field(default_factory=dict)
    """Response headers, lowercase names (ETag and Last-Modified for conditional re-fetches,
    Server/X-Powered-By/Via for technology hints); Set-Cookie is never kept."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Mention:
    """One typed span found on a page."""

    kind: MentionKind
    """What the span is."""
    text: str
    """The text as it appears on the page (after deobfuscation for emails)."""
    value: str
    """Normalized value: lowercase email, E.164 phone, collapsed-whitespace name or title."""
    start: int
    """Character offset of the span in the page text (-1 when it came from markup, e.g. a ``mailto:`` href)."""
    end: int
    """End offset (exclusive) in the page text (-1 like ``start``)."""
    block_id: int
    """Id of the DOM block (region) the span sits in; see ``ner.html``."""
    extractor: str
    """Name and version of the extractor that found it, e.g. ``"ner.spacy_person/1"``."""


@dataclass(frozen=True, kw_only=True, slots=True)
class ContactCandidate:
    """The mentions that belong to one person, or to the company as a whole (info@, switchboard)."""

    page_url: str
    """URL of the page the mentions come from."""
    name: Mention | None
    """The person's name mention; None for a company-wide contact point."""
    mentions: tuple[Mention, ...]
    """Every other mention tied to this candidate (title, emails, phones, fax, socials)."""
    evidence: str
    """The text snippet that ties the mentions together (the card, row or paragraph), at most ~300 chars."""


@dataclass(frozen=True, kw_only=True, slots=True)
class NameParts:
    """A personal name split into its parts (nameparser conventions)."""

    full: str
    """The whole name without honorifics, e.g. ``"Klaus Weber"``."""
    given: str
    """Given (first) name."""
    family: str
    """Family (last) name, with particles (``"van der Berg"``)."""
    middle: str = ""
    """Middle names or initials."""
    honorific: str = ""
    """Title before the name as written, e.g. ``"Dr."``."""
    suffix: str = ""
    """Suffix such as ``"Jr."`` or ``"PhD"``."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Phone:
    """One phone or fax number."""

    e164: str
    """E.164 form, e.g. ``"+442079460123"``."""
    raw: str
    """As written on the page."""
    kind: str = "phone"
    """``"phone"`` or ``"fax"``."""
    extension: str = ""
    """Extension digits, if any."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Contact:
    """A checked contact: one person (or company contact point) as found on one page."""

    name: NameParts | None
    """The person's name; None for a company-wide contact point."""
    title_raw: str | None
    """Job title as written on the page."""
    title: str | None
    """Normalized job title (collapsed whitespace, stray punctuation trimmed)."""
    function: str | None = None
    """Business function of the title (``ner.titlemap``): ``executive``, ``sales``, ``marketing``, ``finance``,
    ``hr``, ``legal``, ``operations``, ``engineering``, ``product``, ``it``, ``data``, ``design``, ``support``,
    ``research``, ``medical`` or ``other``; None without a title."""
    seniority: str | None = None
    """Seniority band of the title: ``c_level``, ``vp``, ``director``, ``manager`` or ``individual``; None without
    a title."""
    emails: tuple[str, ...]
    """Lowercase email addresses, in page order, without duplicates."""
    phones: tuple[Phone, ...]
    """Phone numbers (not fax)."""
    fax: tuple[Phone, ...]
    """Fax numbers."""
    socials: tuple[str, ...]
    """Social profile URLs (LinkedIn, X/Twitter, ...)."""
    company: str | None
    """Company name the page belongs to (og:site_name, JSON-LD, or the page title)."""
    site: str
    """Site key of the page (see ``Page.site``)."""
    provenance: Provenance
    """Where and when every field of this contact was read: all come from one page."""
    confidence: float
    """0..1: how sure we are this is a real, reachable contact."""
    reasons: tuple[str, ...] = ()
    """Short codes explaining the confidence, e.g. ``("email_valid", "name_from_card")``."""
    evidence: str = ""
    """The snippet that ties the fields together."""


@dataclass(frozen=True, kw_only=True, slots=True)
class SourcedValue:
    """One value of a field with where it came from."""

    value: str
    """Normalized value."""
    provenance: Provenance
    """Where and when it was obtained."""


@dataclass(frozen=True, kw_only=True, slots=True)
class CompanyFacts:
    """What a site says about the company itself."""

    site: str
    """Site key (see ``Page.site``)."""
    name: str | None
    """Company name, when a page states it."""
    country: str | None = None
    """ISO 3166-1 alpha-2 country code inferred from the pages, e.g. ``"DE"``."""
    emails: tuple[SourcedValue, ...] = ()
    """Company-wide addresses (info@, sales@)."""
    phones: tuple[SourcedValue, ...] = ()
    """Switchboard numbers (E.164)."""
    fax: tuple[SourcedValue, ...] = ()
    """Fax numbers (E.164)."""
    socials: tuple[SourcedValue, ...] = ()
    """The company's own social profile URLs."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Person:
    """A resolved identity: one person, with every field's values and their provenance."""

    person_id: int
    """Store id."""
    site: str
    """Site key of the company the person works for."""
    name: str
    """Display name (survivor of the name values)."""
    given: str = ""
    """Given name."""
    family: str = ""
    """Family name."""
    title: str | None = None
    """Current job title (survivor)."""
    company: str | None = None
    """Company name."""
    confidence: float = 0.0
    """Best confidence over the contacts merged into this person, 0..1."""
    fields: dict[str, tuple[SourcedValue, ...]] = field(default_factory=dict)
    """Every stored value per field name (``name``, ``title``, ``email``, ``phone``, ``fax``, ``social``)."""
