"""The store on SQLite and PostgreSQL: schema, idempotent upserts, provenance, crawl state, suppression."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from leadscout.records import CompanyFacts, Contact, NameParts, Page, Phone, Provenance, SourcedValue
from leadscout.seeds import parse_seed
from leadscout.store import StoreError, create_store_engine, integrity_ok
from leadscout.store.crawl import (
    add_seeds, close_sites, create_job, job_pages, job_progress, mark_url, pending_urls, queue_url, save_page,
)
from leadscout.store.people import iter_people, person_key, save_extraction
from leadscout.store.privacy import suppress
from leadscout.store.schema import pages, people, person_facts, site_facts, suppression

FETCHED = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def _page(url: str = "https://acme.com/team", body: str = "<html>team</html>", site: str = "acme.com",
          fetched_at: datetime = FETCHED) -> Page:
    return Page(url=url, site=site, fetched_at=fetched_at, status=200,
                sha256=hashlib.sha256(body.encode()).hexdigest(), html=body, language="en-GB", title="Team")


def _contact(page: Page, *, name: str | None = "Jane O'Connor", email: str = "jane@acme.com",
             title: str | None = "Chief Financial Officer", confidence: float = 0.8) -> Contact:
    parts = NameParts(full=name, given=name.split()[0], family=name.split()[-1]) if name else None
    return Contact(
        name=parts, title_raw=title, title=title, emails=(email,),
        phones=(Phone(e164="+442079460123", raw="020 7946 0123"),), fax=(), socials=(),
        company="Acme Ltd", site=page.site, confidence=confidence, reasons=("email_valid",),
        provenance=Provenance(source_url=page.url, fetched_at=page.fetched_at, extractor="test/1",
                              page_sha256=page.sha256),
    )


def _job_with_page(url: str, page: Page | None = None):
    engine = create_store_engine(url)
    job = create_job(engine, "crawl", {})
    add_seeds(engine, job, [parse_seed("https://acme.com/")])
    page = page or _page()
    return engine, job, save_page(engine, job, page), page


def test_store_creates_schema_once_and_reopens(store_url: str) -> None:
    create_store_engine(store_url)
    engine = create_store_engine(store_url)  # second open finds the schema and checks its version
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(people)).scalar_one() == 0


def test_store_same_page_twice_never_duplicates_page_or_person(store_url: str) -> None:
    engine, job, page_id, page = _job_with_page(store_url)
    for _ in range(2):
        again = save_page(engine, job, page)
        save_extraction(engine, again, [_contact(page)], None)
    assert again == page_id
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(pages)).scalar_one() == 1
        assert conn.execute(select(func.count()).select_from(people)).scalar_one() == 1
        facts = conn.execute(select(person_facts.c.field, person_facts.c.value)).all()
    assert sorted(facts) == sorted([("name", "Jane O'Connor"), ("title", "Chief Financial Officer"),
                                    ("email", "jane@acme.com"), ("phone", "+442079460123")])


def test_store_person_seen_on_two_pages_keeps_both_provenances(store_url: str) -> None:
    engine, job, page_id, page = _job_with_page(store_url)
    save_extraction(engine, page_id, [_contact(page, confidence=0.6)], None)
    later = _page(url="https://acme.com/contact", body="<html>c</html>", fetched_at=FETCHED + timedelta(hours=1))
    other_id = save_page(engine, job, later)
    save_extraction(engine, other_id, [_contact(later, name="JANE  O'CONNOR", email="j.oconnor@acme.com",
                                                title=None, confidence=0.9)], None)
    [person] = list(iter_people(engine))
    assert person.name == "Jane O'Connor"  # the first spelling stays the display name
    assert person.title == "Chief Financial Officer"  # an empty title never overwrites a known one
    assert person.confidence == pytest.approx(0.9)
    emails = {v.value: v.provenance for v in person.fields["email"]}
    assert emails["jane@acme.com"].source_url == "https://acme.com/team"
    assert emails["j.oconnor@acme.com"].source_url == "https://acme.com/contact"
    assert emails["j.oconnor@acme.com"].fetched_at == FETCHED + timedelta(hours=1)
    assert emails["j.oconnor@acme.com"].page_sha256 == later.sha256
    assert emails["jane@acme.com"].extractor == "test/1"


def test_store_same_name_at_two_companies_stays_two_people(store_url: str) -> None:
    engine, job, page_id, page = _job_with_page(store_url)
    other = _page(url="https://globex.com/team", site="globex.com")
    add_seeds(engine, job, [parse_seed("https://globex.com/")])
    other_id = save_page(engine, job, other)
    save_extraction(engine, page_id, [_contact(page)], None)
    save_extraction(engine, other_id, [_contact(other, email="jane@globex.com")], None)
    assert sorted(p.site for p in iter_people(engine)) == ["acme.com", "globex.com"]


def test_store_company_contacts_and_facts_go_to_the_site(store_url: str) -> None:
    engine, job, page_id, page = _job_with_page(store_url)
    prov = Provenance(source_url=page.url, fetched_at=FETCHED, extractor="test/1", page_sha256=page.sha256)
    facts = CompanyFacts(site="acme.com", name="Acme Ltd", country="GB",
                         phones=(SourcedValue(value="+442079460000", provenance=prov),))
    save_extraction(engine, page_id, [_contact(page, name=None, email="info@acme.com")], facts)
    save_extraction(engine, page_id, [_contact(page, name=None, email="info@acme.com")], facts)
    with engine.connect() as conn:
        rows = conn.execute(select(site_facts.c.field, site_facts.c.value)).all()
        assert conn.execute(select(func.count()).select_from(people)).scalar_one() == 0
    assert sorted(rows) == [("email", "info@acme.com"), ("phone", "+442079460000"), ("phone", "+442079460123")]


def test_store_suppressed_person_is_dropped_at_ingest(store_url: str) -> None:
    engine, job, page_id, page = _job_with_page(store_url)
    with engine.begin() as conn:
        suppress(conn, [("email", " JANE@acme.com ")], reason="erasure")
        stored = conn.execute(select(suppression.c.key_hash)).scalars().all()
    assert stored and "jane" not in stored[0]  # only a salted hash is kept
    assert save_extraction(engine, page_id, [_contact(page)], None) == 0
    assert list(iter_people(engine)) == []


def test_store_crawl_state_resumes_pending_urls(store_url: str) -> None:
    engine = create_store_engine(store_url)
    job = create_job(engine, "crawl", {"seeds": ["https://acme.com/"]})
    add_seeds(engine, job, [parse_seed("acme.com"), parse_seed("globex.com")])
    add_seeds(engine, job, [parse_seed("acme.com")])  # idempotent
    assert queue_url(engine, job, "acme.com", "https://acme.com/team", 1)
    assert not queue_url(engine, job, "acme.com", "https://acme.com/team", 1)
    save_page(engine, job, _page(url="https://acme.com/"), request_url="https://acme.com/")
    mark_url(engine, job, "https://globex.com/", status="failed", reason="timeout")
    assert [p.url for p in pending_urls(engine, job)] == ["https://acme.com/team"]
    close_sites(engine, job)
    progress = job_progress(engine, job)
    assert progress.sites == {"running": 1, "failed": 1}
    assert progress.urls == {"done": 1, "failed": 1, "pending": 1}
    save_page(engine, job, _page(url="https://acme.com/team"))
    close_sites(engine, job)
    assert job_progress(engine, job).sites == {"done": 1, "failed": 1}
    assert [p.url for _, p in job_pages(engine, job)] == ["https://acme.com/", "https://acme.com/team"]
    assert integrity_ok(engine)


def test_store_person_key_folds_case_accents_and_punctuation() -> None:
    assert person_key("Zoë  Müller-Lüdenscheidt") == person_key("ZOE MULLER LUDENSCHEIDT")
    assert person_key("Sarah O'Connor") != person_key("Sarah Connor")


def test_store_sqlite_uses_wal_and_busy_timeout(sqlite_url: str) -> None:
    engine = create_store_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


@pytest.mark.parametrize(("url", "message"), [
    ("nonsense", "cannot read database URL"),
    ("mysql://root@127.0.0.1/x", "unsupported database"),
    ("sqlite:////no/such/folder/x.db", "does not exist"),
    ("postgresql+psycopg://postgres@127.0.0.1:1/x", "cannot open database"),
])
def test_store_bad_url_is_one_clear_error(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        create_store_engine(url)
