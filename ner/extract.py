"""Page -> contacts: the ner stage's entry points (one page, or many pages batched through spaCy)."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from spacy.language import Language

from leadscout.records import (CompanyFacts, Contact, ContactCandidate, Mention, MentionKind, Page, Phone,
                               Provenance, SourcedValue)
from ner.associate import associate
from ner.channels import explicit_regions, find_emails_in, find_phones_in, find_socials_in, national_numbers
from ner.company import address_country, company_name, declared_country, page_country
from ner.dom import PageDom
from ner.hits import ChannelHit, extractor_parts
from ner.html import parse_html
from ner.lexicon import column_kind
from ner.merge import merge_structured
from ner.names import name_key, name_parts
from ner.people import find_names
from ner.phones import DEFAULT_REGION, infer_region
from ner.spans import BlockSpans, people_chunks, read_spans
from ner.structured import StructuredData, parse_structured
from ner.titlemap import normalize_title
from ner.titles import find_titles
from validation.score import score_contact

log = logging.getLogger(__name__)

NER_VERSION = "1"
EXTRACTOR = f"ner/{NER_VERSION}"
"""``Provenance.extractor`` of every contact this stage produces."""
_CHUNK_LIMIT = 100_000
"""Longest text handed to spaCy at once, whatever ``nlp.max_length`` allows (memory grows with length)."""


@dataclass(frozen=True, slots=True)
class _Prepared:
    page: Page
    dom: PageDom
    structured: StructuredData


def extract_candidates(page: Page, *, nlp: Language, default_region: str = DEFAULT_REGION) -> list[ContactCandidate]:
    """The people on one page (one candidate each) and, last, the company-wide contact points.

    ``default_region`` reads national-format phone numbers when the page names no country.
    """
    prepared = _prepare(page)
    spans = read_spans(nlp, people_chunks(prepared.dom, 0, max_length=_max_length(nlp))).get(0, BlockSpans())
    return _candidates(prepared, spans, default_region)[0]


def extract_page(page: Page, *, nlp: Language, default_region: str = DEFAULT_REGION
                 ) -> tuple[list[Contact], CompanyFacts]:
    """The contacts on one page, checked and scored, and what the page says about the company."""
    _page, contacts, facts = next(extract_pages([page], nlp=nlp, batch_size=1, default_region=default_region))
    return contacts, facts


def extract_pages(pages: Iterable[Page], *, nlp: Language, batch_size: int = 32,
                  default_region: str = DEFAULT_REGION, n_process: int = 1
                  ) -> Iterator[tuple[Page, list[Contact], CompanyFacts]]:
    """Contacts and company facts of each page, in input order.

    ``batch_size`` pages are parsed together and all their block texts go through one ``nlp.pipe``
    stream, which is where the time goes; pages are read lazily, so any iterable works.
    ``default_region`` reads national-format phone numbers when a page names no country.
    ``n_process`` > 1 spreads the batches over that many worker processes (see ``ner.workers``): the
    DOM work is CPU-bound Python as much as NER is, so whole batches go to a worker, not only spaCy.
    """
    if n_process > 1:
        from ner.workers import extract_in_processes

        yield from extract_in_processes(pages, nlp=nlp, batch_size=batch_size, default_region=default_region,
                                        n_process=n_process)
        return
    iterator = iter(pages)
    while batch := list(itertools.islice(iterator, max(1, batch_size))):
        prepared = [_prepare(page) for page in batch]
        pieces = itertools.chain.from_iterable(
            people_chunks(item.dom, index, max_length=_max_length(nlp)) for index, item in enumerate(prepared))
        spans = read_spans(nlp, pieces)
        for index, item in enumerate(prepared):
            candidates, company = _candidates(item, spans.get(index, BlockSpans()), default_region)
            contacts = contacts_from_candidates(item.page, candidates, company=company)
            yield item.page, contacts, _company_facts(item, contacts, company)


def contacts_from_candidates(page: Page, candidates: list[ContactCandidate], *, company: str | None
                             ) -> list[Contact]:
    """Candidates as checked ``Contact`` records with provenance, confidence and reasons."""
    provenance = Provenance(source_url=page.url, fetched_at=page.fetched_at, extractor=EXTRACTOR,
                            page_sha256=page.sha256)
    site_domains = {page.site} | {m.value.rsplit("@", 1)[1] for c in candidates for m in c.mentions
                                  if m.kind is MentionKind.EMAIL}
    contacts = []
    for candidate in candidates:
        by_kind: dict[MentionKind, list[Mention]] = {}
        for mention in candidate.mentions:
            by_kind.setdefault(mention.kind, []).append(mention)
        title = by_kind.get(MentionKind.TITLE, [None])[0]
        name = name_parts(candidate.name.text) if candidate.name else None
        emails = tuple(dict.fromkeys(m.value for m in by_kind.get(MentionKind.EMAIL, [])))
        phones = _phones(by_kind.get(MentionKind.PHONE, []), "phone")
        fax = _phones(by_kind.get(MentionKind.FAX, []), "fax")
        confidence, reasons = score_contact(
            name=name, title=title.value if title else None, emails=emails, phones=phones + fax,
            site_domains=site_domains,
            name_sources=extractor_parts(candidate.name.extractor) if candidate.name else ())
        title_value, function, seniority = normalize_title(title.value if title else None)
        contacts.append(Contact(
            name=name, title_raw=title.text if title else None, title=title_value, function=function,
            seniority=seniority,
            emails=emails, phones=phones, fax=fax,
            socials=tuple(dict.fromkeys(m.value for m in by_kind.get(MentionKind.SOCIAL, []))),
            company=company, site=page.site, provenance=provenance, confidence=confidence, reasons=reasons,
            evidence=candidate.evidence))
    return contacts


def _prepare(page: Page) -> _Prepared:
    dom = parse_html(page.html)
    if dom.lang is None and page.language:
        dom = replace(dom, lang=page.language)
    return _Prepared(page=page, dom=dom, structured=parse_structured(dom.json_ld, page.html, base_url=page.url))


def _candidates(prepared: _Prepared, spans: BlockSpans, default_region: str
                ) -> tuple[list[ContactCandidate], str | None]:
    page, dom, structured = prepared.page, prepared.dom, prepared.structured
    company = company_name(dom, structured, page.site)
    emails = find_emails_in(dom)
    region = infer_region(lang=dom.lang, site=_host(page), email_domains=_domains(emails),
                          address=address_country(dom, structured), declared=declared_country(structured),
                          default=default_region, explicit=lambda: explicit_regions(dom),
                          national_count=lambda candidate: national_numbers(dom, candidate))
    people = find_names(dom, spans.persons, spans.titles, company=company, cued=spans.cued)
    titles = people.titles + find_titles(dom, spans.titles, people.names, company=company)
    channels = emails + find_phones_in(dom, region) + find_socials_in(dom)
    outsiders = [*people.outsiders, *structured.outsiders]
    candidates = associate(dom, people.names, titles, channels, page_url=page.url, outsiders=outsiders,
                           site=page.site, outsider_spans=people.outsider_spans, company=company)
    # The markup says these people are elsewhere (an event's speakers, an article's author).
    elsewhere = {name_key(name) for name in structured.outsiders} - {name_key(p.name) for p in structured.people}
    # Unless the page also lists them as its own: reachable here, named in a "Job: Name" directory line, or with
    # a job in a staff table ("Mr. Kofi Agyeman | ICT Teacher & Webmaster", also the news items' author).
    candidates = [c for c in candidates if c.name is None or name_key(c.name.value) not in elsewhere
                  or _reachable_here(c, page.site) or "label" in extractor_parts(c.name.extractor)
                  or _listed_with_job(prepared.dom, c)]
    return merge_structured(candidates, structured, page_url=page.url, region=region), company


def _company_facts(prepared: _Prepared, contacts: list[Contact], company: str | None) -> CompanyFacts:
    page = prepared.page
    provenance = Provenance(source_url=page.url, fetched_at=page.fetched_at, extractor=EXTRACTOR,
                            page_sha256=page.sha256)
    points = [c for c in contacts if c.name is None]

    def sourced(values: Iterable[str]) -> tuple[SourcedValue, ...]:
        return tuple(SourcedValue(value=v, provenance=provenance) for v in dict.fromkeys(values))

    email_domains = {e.rsplit("@", 1)[1] for c in contacts for e in c.emails}
    return CompanyFacts(
        site=page.site, name=company,
        country=page_country(prepared.dom, prepared.structured, _host(page), email_domains),
        emails=sourced(e for c in points for e in c.emails),
        phones=sourced(p.e164 for c in points for p in c.phones),
        fax=sourced(p.e164 for c in points for p in c.fax),
        socials=sourced(s for c in points for s in c.socials))


def _reachable_here(candidate: ContactCandidate, site: str) -> bool:
    """A phone, or an address on the site's own domain: the page also lists them as its own contact."""
    return any(m.kind is MentionKind.PHONE or m.kind is MentionKind.EMAIL and m.value.endswith("@" + site)
               or m.kind is MentionKind.EMAIL and m.value.endswith("." + site) for m in candidate.mentions)


def _listed_with_job(dom: PageDom, candidate: ContactCandidate) -> bool:
    """Is the person named in a staff table's name column, with a job?"""
    name = candidate.name
    return name is not None and name.block_id >= 0 and column_kind(dom.blocks[name.block_id].column) == "name" \
        and any(m.kind is MentionKind.TITLE for m in candidate.mentions)


def _phones(mentions: list[Mention], kind: str) -> tuple[Phone, ...]:
    phones: dict[str, Phone] = {}
    for mention in mentions:
        e164, _, extension = mention.value.partition(";ext=")
        phones.setdefault(mention.value, Phone(e164=e164, raw=mention.text, kind=kind, extension=extension))
    return tuple(phones.values())


def _host(page: Page) -> str:
    """The page's host for ccTLD checks; the site key for ``file:`` pages."""
    parts = urlsplit(page.url)
    if parts.scheme in ("http", "https") and parts.hostname:
        return parts.hostname
    return page.site


def _domains(emails: list[ChannelHit]) -> set[str]:
    return {hit.mention.value.rsplit("@", 1)[1] for hit in emails}


def _max_length(nlp: Language) -> int:
    return min(nlp.max_length, _CHUNK_LIMIT)
