"""`leadscout provenance`: every stored field about a person with where and when it came from (GDPR Art. 15).

For each matching person: the record (status, confidence, first/last seen, last
re-validation), every value of every field with its source URL, fetch time,
extractor and page hash (``person_facts``), the identity links that merged other
rows into it or tied it to public profiles (with their evidence), the history of
changes, and where it was exported (the recipients, Art. 15(1)(c)). Company-wide
contact points equal to the queried email or phone are listed too, with theirs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection

from leadscout.privacy.lookup import Query, find_people
from leadscout.store.crawl import as_utc
from leadscout.store.history import history_of
from leadscout.store.privacy import suppressed
from leadscout.store.schema import (export_ledger, people, person_facts, person_links, person_validation, site_facts,
                                    sites)


@dataclass(kw_only=True)
class ProvenanceReport:
    """The answer to "where and when did you get my data"."""

    query_kind: str
    people: list[dict[str, Any]] = field(default_factory=list)
    company_contact_points: list[dict[str, Any]] = field(default_factory=list)
    suppressed: bool = False
    """The queried identifier is on the suppression list (erased or objected)."""

    def as_dict(self) -> dict[str, Any]:
        return _jsonable({"query_kind": self.query_kind, "suppressed": self.suppressed, "people": self.people,
                          "company_contact_points": self.company_contact_points})


def provenance(conn: Connection, query: Query, *, site: str | None = None) -> ProvenanceReport:
    report = ProvenanceReport(query_kind=query.kind)
    for person_id in find_people(conn, query, site=site):
        report.people.append(_person(conn, person_id))
    if query.kind in ("email", "phone"):
        value = site_facts.c.value
        match = func.lower(value) == query.value if query.kind == "email" else or_(
            value == query.value, value.like(query.value + ";ext=%"))
        rows = conn.execute(select(site_facts, sites.c.site).join(sites, sites.c.id == site_facts.c.site_id)
                            .where(site_facts.c.field == query.kind if query.kind == "email"
                                   else site_facts.c.field.in_(("phone", "fax")), match)
                            .order_by(site_facts.c.id))
        report.company_contact_points = [_fact(row) | {"site": row.site} for row in rows]
    report.suppressed = suppressed(conn, query.identifiers(site))
    return report


def _person(conn: Connection, person_id: int) -> dict[str, Any]:
    row = conn.execute(select(people, sites.c.site).join(sites, sites.c.id == people.c.site_id)
                       .where(people.c.id == person_id)).one()
    validation = conn.execute(select(person_validation).where(person_validation.c.person_id == person_id)).first()
    facts = conn.execute(select(person_facts).where(person_facts.c.person_id == person_id)
                         .order_by(person_facts.c.field, person_facts.c.fetched_at, person_facts.c.id))
    links = conn.execute(select(person_links).where(person_links.c.person_id == person_id)
                         .order_by(person_links.c.id))
    exports = conn.execute(select(export_ledger).where(export_ledger.c.person_id == person_id)
                           .order_by(export_ledger.c.destination))
    return {
        "person_id": row.id, "site": row.site, "name": row.full_name, "title": row.title, "company": row.company,
        "status": row.status, "confidence": row.confidence, "first_seen": as_utc(row.first_seen),
        "last_seen": as_utc(row.last_seen),
        "last_validated_at": as_utc(validation.validated_at) if validation else None,
        "fields": [_fact(fact) | {"raw": fact.raw, "first_stored": as_utc(fact.first_seen)} for fact in facts],
        "links": [{"kind": link.kind, "other_name": link.other_name, "other_key": link.other_key,
                   "score": link.score, "resolver": link.resolver, "created_at": as_utc(link.created_at),
                   "evidence": link.evidence} for link in links],
        "history": history_of(conn, person_id),
        "exports": [{"destination": e.destination, "status": e.status, "sent_at": as_utc(e.sent_at),
                     "record_id": e.result if e.status == "confirmed" else None} for e in exports],
    }


def _fact(row: Any) -> dict[str, Any]:
    return {"field": row.field, "value": row.value, "source_url": row.source_url,
            "fetched_at": as_utc(row.fetched_at), "extractor": row.extractor, "page_sha256": row.page_sha256}


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value
