"""People and company facts: idempotent upserts of extracted contacts, with per-field provenance."""

from __future__ import annotations

import logging
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from sqlalchemy import Engine, case, func, select, update
from sqlalchemy.engine import Connection

from leadscout.records import CompanyFacts, Contact, Person, Provenance, SourcedValue
from leadscout.store.crawl import as_utc, site_id, url_hash
from leadscout.store.engine import insert_for
from leadscout.store.privacy import suppressed
from leadscout.store.schema import job_sites, pages, people, person_facts, site_facts, sites

log = logging.getLogger(__name__)


def person_key(full_name: str) -> str:
    """Identity of a person within a site: the name folded (case, accents, punctuation, spacing)."""
    decomposed = unicodedata.normalize("NFKD", full_name)
    letters = "".join(ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(letters.casefold().split())


def contact_identifiers(contact: Contact) -> list[tuple[str, str]]:
    """The identifiers a suppression entry can match a contact by."""
    ids: list[tuple[str, str]] = [("email", e) for e in contact.emails]
    ids += [("phone", p.e164) for p in contact.phones]
    if contact.name:
        ids.append(("name", f"{contact.name.full}@{contact.site}"))
    return ids


def _fact_rows(contact: Contact) -> list[tuple[str, str, str | None]]:
    rows: list[tuple[str, str, str | None]] = []
    if contact.name:
        rows.append(("name", contact.name.full, None))
    if contact.title:
        rows.append(("title", contact.title, contact.title_raw))
    rows += [("email", e, None) for e in contact.emails]
    rows += [("phone", p.e164 + (f";ext={p.extension}" if p.extension else ""), p.raw) for p in contact.phones]
    rows += [("fax", p.e164, p.raw) for p in contact.fax]
    rows += [("social", s, None) for s in contact.socials]
    return rows


def save_extraction(
    engine: Engine, page_id: int | None, contacts: Iterable[Contact], company: CompanyFacts | None
) -> int:
    """Upsert one page's contacts into people and facts, in one transaction; returns people touched.

    Re-storing the same page never duplicates a person or a fact (unique keys +
    ON CONFLICT). Suppressed people are dropped here, at ingest.
    """
    touched = 0
    with engine.begin() as conn:
        for contact in contacts:
            if suppressed(conn, contact_identifiers(contact)):
                log.info("suppressed contact dropped at ingest (site %s)", contact.site)
                continue
            sid = site_id(conn, contact.site, contact.provenance.source_url)
            if contact.name is None:
                _company_contact(conn, sid, contact)
                continue
            _upsert_person(conn, sid, contact)
            touched += 1
        if company is not None:
            _company_facts(conn, company)
        if page_id is not None:
            conn.execute(update(pages).where(pages.c.id == page_id).values(extracted_sha256=pages.c.sha256))
    return touched


def _upsert_person(conn: Connection, sid: int, contact: Contact) -> None:
    assert contact.name is not None
    seen = contact.provenance.fetched_at
    stmt = insert_for(conn, people).values(
        site_id=sid, person_key=person_key(contact.name.full), full_name=contact.name.full,
        given=contact.name.given, family=contact.name.family, title=contact.title, function=contact.function,
        seniority=contact.seniority, company=contact.company,
        confidence=contact.confidence, status="active", first_seen=seen, last_seen=seen,
    )
    # Survivorship for now: the latest non-empty title and company win; confidence is the best seen.
    stmt = stmt.on_conflict_do_update(
        index_elements=["site_id", "person_key"],
        set_={
            "title": func.coalesce(stmt.excluded.title, people.c.title),
            # Function and seniority follow the title they were read from.
            "function": case((stmt.excluded.title.is_not(None), stmt.excluded.function), else_=people.c.function),
            "seniority": case((stmt.excluded.title.is_not(None), stmt.excluded.seniority),
                              else_=people.c.seniority),
            "company": func.coalesce(stmt.excluded.company, people.c.company),
            "confidence": func.max(stmt.excluded.confidence, people.c.confidence)
            if conn.dialect.name == "sqlite" else func.greatest(stmt.excluded.confidence, people.c.confidence),
            "last_seen": stmt.excluded.last_seen,
        },
    )
    conn.execute(stmt)
    pid = conn.execute(
        select(people.c.id).where(people.c.site_id == sid, people.c.person_key == person_key(contact.name.full))
    ).scalar_one()
    _insert_facts(conn, person_facts, {"person_id": pid}, _fact_rows(contact), contact.provenance, with_raw=True)


def _company_contact(conn: Connection, sid: int, contact: Contact) -> None:
    rows = [(f, v, None) for f, v, _ in _fact_rows(contact) if f in ("email", "phone", "fax", "social")]
    _insert_facts(conn, site_facts, {"site_id": sid}, rows, contact.provenance, with_raw=False)


def _company_facts(conn: Connection, company: CompanyFacts) -> None:
    sid = conn.execute(select(sites.c.id).where(sites.c.site == company.site)).scalar()
    if sid is None:
        return
    values = {k: v for k, v in (("company", company.name), ("country", company.country)) if v}
    if values:
        conn.execute(update(sites).where(sites.c.id == sid).values(**values))
    for field, sourced in (("email", company.emails), ("phone", company.phones),
                           ("fax", company.fax), ("social", company.socials)):
        for item in sourced:
            _insert_facts(conn, site_facts, {"site_id": sid}, [(field, item.value, None)], item.provenance,
                          with_raw=False)


def _insert_facts(conn: Connection, table, owner: dict, rows, provenance: Provenance, *, with_raw: bool) -> None:
    now = datetime.now(UTC)
    for field, value, raw in rows:
        values = dict(
            owner, field=field, value=value, source_url=provenance.source_url,
            source_sha256=url_hash(provenance.source_url), fetched_at=provenance.fetched_at,
            extractor=provenance.extractor, page_sha256=provenance.page_sha256,
        )
        if with_raw:
            values.update(raw=raw, first_seen=now)
        constraint = [*owner, "field", "value", "source_sha256"]
        conn.execute(insert_for(conn, table).values(**values).on_conflict_do_update(
            index_elements=constraint,
            set_={"fetched_at": provenance.fetched_at, "page_sha256": provenance.page_sha256,
                  "extractor": provenance.extractor},
        ))


def iter_people(engine: Engine, *, min_confidence: float = 0.0) -> Iterator[Person]:
    """Every stored person with all field values and their provenance, streamed in id order.

    People and their facts are read by two ordered streams merged here, so memory
    stays flat however many people the store holds.
    """
    person_query = (
        select(people, sites.c.site, sites.c.company.label("site_company"))
        .join(sites, sites.c.id == people.c.site_id)
        .where(people.c.confidence >= min_confidence).order_by(people.c.id)
    )
    fact_query = select(person_facts).order_by(person_facts.c.person_id, person_facts.c.fetched_at, person_facts.c.id)
    with engine.connect() as people_conn, engine.connect() as facts_conn:
        fact_stream = iter(facts_conn.execution_options(stream_results=True, yield_per=1000).execute(fact_query))
        fact = next(fact_stream, None)
        for row in people_conn.execution_options(stream_results=True, yield_per=1000).execute(person_query):
            fields: dict[str, list[SourcedValue]] = defaultdict(list)
            while fact is not None and fact.person_id <= row.id:
                if fact.person_id == row.id:
                    fields[fact.field].append(SourcedValue(value=fact.value, provenance=Provenance(
                        source_url=fact.source_url, fetched_at=as_utc(fact.fetched_at),
                        extractor=fact.extractor, page_sha256=fact.page_sha256,
                    )))
                fact = next(fact_stream, None)
            yield Person(
                person_id=row.id, site=row.site, name=row.full_name, given=row.given, family=row.family,
                title=row.title, company=row.company or row.site_company, confidence=row.confidence,
                fields={name: tuple(values) for name, values in fields.items()},
            )


def job_person_ids(engine: Engine, job_id: int) -> list[int]:
    """Ids of the people stored for the sites of a crawl job."""
    with engine.connect() as conn:
        return list(conn.execute(
            select(people.c.id).where(people.c.site_id.in_(
                select(job_sites.c.site_id).where(job_sites.c.job_id == job_id))).order_by(people.c.id)
        ).scalars())


def count_people(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(people)).scalar_one()
