"""Helpers for the re-validation and privacy tests: team pages, and a store seeded as a past crawl left it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select

from leadscout.records import Contact, NameParts, Page, Phone, Provenance
from leadscout.seeds import Seed, site_key
from leadscout.store.crawl import create_job, finish_job, save_page
from leadscout.store.people import save_extraction
from leadscout.store.schema import people

COMPANY = "Acme Widgets Ltd"
LONG_AGO = timedelta(days=40)


@dataclass(frozen=True)
class Member:
    """One person on a team page."""

    name: str
    title: str
    email: str | None = None
    phone: str | None = None
    """E.164."""


def team_page(members: list[Member], *, company: str = COMPANY) -> str:
    """A plain team page the extractor reads: one card per person."""
    cards = []
    for m in members:
        email = f'<p><a href="mailto:{m.email}">{m.email}</a></p>' if m.email else ""
        phone = f"<p>Tel: {_spaced(m.phone)}</p>" if m.phone else ""
        cards.append(f'<div class="member"><h3>{m.name}</h3><p class="role">{m.title}</p>{email}{phone}</div>')
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Our team - {company}</title>'
            f'<meta property="og:site_name" content="{company}"></head><body><h1>Our team</h1>'
            f'<div class="team">{"".join(cards)}</div></body></html>')


def _spaced(e164: str) -> str:
    return f"{e164[:3]} {e164[3:5]} {e164[5:9]} {e164[9:]}" if e164.startswith("+44") else e164


def seed_page(engine: Engine, url: str, html: str, members: list[Member], *, fetched_at: datetime,
              headers: dict[str, str] | None = None, confidence: float = 0.9) -> int:
    """Store ``html`` as fetched from ``url`` at ``fetched_at`` and ``members`` as read from it (as a crawl job
    with extraction would have); returns the page id."""
    site = site_key(url)
    job_id = create_job(engine, "crawl", {"seeds": [url]}, seeds=[Seed(url=url, site=site)])
    sha = hashlib.sha256(html.encode("utf-8")).hexdigest()
    page = Page(url=url, site=site, fetched_at=fetched_at, status=200, sha256=sha, html=html, title="Our team",
                headers=headers or {})
    page_id = save_page(engine, job_id, page)
    provenance = Provenance(source_url=url, fetched_at=fetched_at, extractor="ner/1", page_sha256=sha)
    contacts = [_contact(m, site=site, provenance=provenance, confidence=confidence) for m in members]
    save_extraction(engine, page_id, contacts, None)
    finish_job(engine, job_id, status="done")
    return page_id


def _contact(member: Member, *, site: str, provenance: Provenance, confidence: float) -> Contact:
    given, _, family = member.name.partition(" ")
    phones = (Phone(e164=member.phone, raw=_spaced(member.phone)),) if member.phone else ()
    return Contact(name=NameParts(full=member.name, given=given, family=family), title_raw=member.title,
                   title=member.title, emails=(member.email,) if member.email else (), phones=phones, fax=(),
                   socials=(), company=COMPANY, site=site, provenance=provenance, confidence=confidence)


def statuses(engine: Engine) -> dict[str, tuple[str, float]]:
    """Full name -> (status, confidence) of every stored person."""
    with engine.connect() as conn:
        return {row.full_name: (row.status, row.confidence)
                for row in conn.execute(select(people.c.full_name, people.c.status, people.c.confidence))}


def long_ago(now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)) - LONG_AGO
