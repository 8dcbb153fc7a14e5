"""Helpers for the output tests: people stored through the real ingest path, the fake CRM, settings."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from leadscout.config import Settings
from leadscout.records import CompanyFacts, Contact, NameParts, Phone, Provenance, SourcedValue
from leadscout.store import create_store_engine
from leadscout.store.people import save_extraction

FETCHED = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def contact(name: str | None, *, site: str = "acme.com", emails: tuple[str, ...] = (), phones: tuple[str, ...] = (),
            title: str | None = "Head of Sales", company: str | None = "Acme Ltd", confidence: float = 0.8,
            socials: tuple[str, ...] = (), page: str = "team", fetched_at: datetime = FETCHED) -> Contact:
    """A contact as extraction would produce it (one page of ``site``)."""
    url = f"https://{site}/{page}"
    parts = None
    if name:
        words = name.split()
        # A one-word name has no family name (what the Salesforce LastName check is about).
        parts = NameParts(full=name, given=words[0] if len(words) > 1 else name,
                          family=words[-1] if len(words) > 1 else "")
    return Contact(
        name=parts, title_raw=title, title=title, emails=emails,
        phones=tuple(Phone(e164=p, raw=p) for p in phones), fax=(), socials=socials, company=company, site=site,
        confidence=confidence, reasons=("test",),
        provenance=Provenance(source_url=url, fetched_at=fetched_at, extractor="test/1",
                              page_sha256=hashlib.sha256(url.encode()).hexdigest()),
    )


def store_people(url: str, contacts: list[Contact], *, switchboard: dict[str, str] | None = None) -> Engine:
    """Store contacts through ``save_extraction`` (the real ingest path); one call per site."""
    engine = create_store_engine(url)
    by_site: dict[str, list[Contact]] = {}
    for item in contacts:
        by_site.setdefault(item.site, []).append(item)
    for site, items in by_site.items():
        phone = (switchboard or {}).get(site)
        prov = items[0].provenance
        facts = CompanyFacts(site=site, name=items[0].company, country="GB",
                             phones=(SourcedValue(value=phone, provenance=prov),) if phone else ())
        save_extraction(engine, None, items, facts)
    return engine


def people(n: int, *, site: str = "acme.com", start: int = 0, **kwargs: Any) -> list[Contact]:
    """``n`` distinct people with an email on ``site`` each."""
    return [contact(f"Person{i} Family{i}", site=site, emails=(f"p{i}@{site}",), phones=(f"+4420794601{i % 100:02d}",),
                    **kwargs) for i in range(start, start + n)]


def crm_settings(db: str, fake_url: str, **extra: Any) -> Settings:
    values = {"hubspot_url": fake_url, "hubspot_token": "hs-test-token", "salesforce_url": fake_url,
              "salesforce_client_id": "sf-client", "salesforce_client_secret": "sf-secret", **extra}
    return Settings(db=db, **values)


def crm_env(db: str, fake_url: str) -> dict[str, str]:
    """The environment a `leadscout export` subprocess needs to reach the fake CRM."""
    return {"LEADSCOUT_DB": db, "LEADSCOUT_HUBSPOT_URL": fake_url, "LEADSCOUT_HUBSPOT_TOKEN": "hs-test-token",
            "LEADSCOUT_SALESFORCE_URL": fake_url, "LEADSCOUT_SALESFORCE_CLIENT_ID": "sf-client",
            "LEADSCOUT_SALESFORCE_CLIENT_SECRET": "sf-secret"}
