"""validation.store: verdicts stored with each person (SQLite and PostgreSQL) and recomputed on re-validation."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import delete, func, select

from leadscout.records import Contact, NameParts, Phone, Provenance
from leadscout.store import create_store_engine
from leadscout.store.people import save_extraction
from leadscout.store.schema import people, person_facts, person_verdicts
from validation.store import stored_verdict, validate_people

FETCHED = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def _contact(name: str, email: str, *, phone: str = "+442079460123", site: str = "acme.co.uk") -> Contact:
    url = f"https://{site}/team"
    return Contact(
        name=NameParts(full=name, given=name.split()[0], family=name.split()[-1]), title_raw="CFO", title="CFO",
        emails=(email,), phones=(Phone(e164=phone, raw=phone),), fax=(), socials=(), company="Acme Ltd",
        site=site, confidence=0.5, reasons=(),
        provenance=Provenance(source_url=url, fetched_at=FETCHED, extractor="test/1",
                              page_sha256=hashlib.sha256(url.encode()).hexdigest()))


def _store(url: str):
    engine = create_store_engine(url)
    save_extraction(engine, None, [_contact("Jane O'Connor", "jane@acme.co.uk"),
                                   _contact("Li Wu", "li.wu@acme.co.uk"),
                                   _contact("Asdf Qwerty", "asdf@mailinator.com")], None)
    return engine


def _ids(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return dict(conn.execute(select(people.c.full_name, people.c.id)).all())


def test_validation_store_verdicts_are_stored_with_each_person(store_url):
    engine = _store(store_url)
    summary = validate_people(engine, now=FETCHED)
    assert summary.people == 3 and summary.verdicts == {"valid": 2, "invalid": 1}
    ids = _ids(engine)
    jane, fake = stored_verdict(engine, ids["Jane O'Connor"]), stored_verdict(engine, ids["Asdf Qwerty"])
    assert jane["verdict"] == "valid" and not jane["fake_name"] and jane["validator"] == "validation/1"
    assert fake["verdict"] == "invalid" and fake["fake_name"]
    assert fake["reasons"][0]["code"] == "name_gibberish" and fake["reasons"][0]["message"]
    assert set(jane["checks"]) >= {"email_syntax", "name_plausible", "sources"}
    with engine.connect() as conn:
        confidence = conn.execute(select(people.c.confidence).where(people.c.id == ids["Jane O'Connor"])).scalar()
    assert confidence == jane["confidence"]


def test_validation_store_revalidation_recomputes_and_never_duplicates(store_url):
    engine = _store(store_url)
    validate_people(engine, now=FETCHED)
    first = stored_verdict(engine, _ids(engine)["Li Wu"])
    assert validate_people(engine, now=FETCHED).people == 3
    assert stored_verdict(engine, _ids(engine)["Li Wu"]) == first
    # The person's only email is replaced by a disposable one: the next run changes the verdict.
    li = _ids(engine)["Li Wu"]
    with engine.begin() as conn:
        conn.execute(delete(person_facts).where(person_facts.c.person_id == li, person_facts.c.field.in_(("email", "phone"))))
    save_extraction(engine, None, [_contact("Li Wu", "li@mailinator.com", phone="+4412")], None)
    validate_people(engine, person_ids=[li])
    after = stored_verdict(engine, li)
    assert after["verdict"] == "invalid" and "email_disposable" in {r["code"] for r in after["reasons"]}
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(person_verdicts)).scalar() == 3


def test_validation_store_verdicts_go_with_an_erased_person(store_url):
    engine = _store(store_url)
    validate_people(engine)
    with engine.begin() as conn:
        conn.execute(delete(people).where(people.c.full_name == "Asdf Qwerty"))
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(person_verdicts)).scalar() == 2
