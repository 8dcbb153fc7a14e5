"""Identity resolution over the store: name variants merge within a site, with provenance; namesakes stay apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from enrichment.resolve import resolve_people
from leadscout.records import Contact, NameParts, Phone, Provenance
from leadscout.store import create_store_engine
from leadscout.store.people import iter_people, save_extraction
from leadscout.store.schema import people, person_facts, person_links

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def contact(full: str, *, site: str = "acme.com", title: str | None = None, emails: tuple[str, ...] = (),
            phones: tuple[str, ...] = (), page: str = "team", day: int = 0, company: str = "Acme") -> Contact:
    given, _, family = full.partition(" ")
    return Contact(
        name=NameParts(full=full, given=given, family=family), title_raw=title, title=title, emails=emails,
        phones=tuple(Phone(e164=p, raw=p) for p in phones), fax=(), socials=(), company=company, site=site,
        provenance=Provenance(source_url=f"https://{site}/{page}", fetched_at=T0 + timedelta(days=day),
                              extractor="test/1", page_sha256=f"{page}{day}".ljust(64, "0")),
        confidence=0.8,
    )


def store(url: str, *contacts: Contact):
    engine = create_store_engine(url)
    for c in contacts:
        save_extraction(engine, None, [c], None)
    return engine


def test_enrichment_resolve_merges_name_variants_keeping_every_fact(store_url: str) -> None:
    engine = store(
        store_url,
        contact("Jon Smith", emails=("jsmith@acme.com",), page="contact"),
        contact("Jonathan Smith", title="CFO", page="team", day=3),
        contact("Maria Garcia", title="CEO", emails=("maria@acme.com",), page="team"),
    )
    with engine.connect() as conn:
        facts_before = conn.execute(select(func.count()).select_from(person_facts)).scalar_one()
    summary = resolve_people(engine)
    assert (summary.people, summary.merged, summary.persons) == (3, 1, 2)
    persons = {p.name: p for p in iter_people(engine)}
    assert set(persons) == {"Jonathan Smith", "Maria Garcia"}
    jonathan = persons["Jonathan Smith"]
    assert jonathan.title == "CFO"
    assert [v.value for v in jonathan.fields["email"]] == ["jsmith@acme.com"]
    assert {v.value for v in jonathan.fields["name"]} == {"Jon Smith", "Jonathan Smith"}
    # provenance travelled with the facts
    assert {v.provenance.source_url for v in jonathan.fields["name"]} == {"https://acme.com/contact",
                                                                         "https://acme.com/team"}
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(person_facts)).scalar_one() == facts_before
        link = conn.execute(select(person_links)).one()
    assert (link.kind, link.other_name, link.person_id) == ("merged", "Jonathan Smith", jonathan.person_id)
    assert link.score >= 0.9 and any(f["field"] == "first_name" and f["level"] == "nickname"
                                     for f in link.evidence["fields"])


def test_enrichment_resolve_is_idempotent_and_sticky_across_recrawls(store_url: str) -> None:
    engine = store(store_url, contact("Jon Smith", emails=("jsmith@acme.com",)),
                   contact("Jonathan Smith", title="CFO", page="about"))
    assert resolve_people(engine).merged == 1
    assert resolve_people(engine).merged == 0
    # A re-crawl brings the variant back under its old key: merged again, no second person.
    save_extraction(engine, None, [contact("Jonathan Smith", title="CFO", page="about", day=9)], None)
    summary = resolve_people(engine)
    assert (summary.people, summary.merged) == (2, 1)
    assert [p.name for p in iter_people(engine)] == ["Jonathan Smith"]


@pytest.mark.parametrize(("one", "other"), [
    # same name, different companies (sites): never merged
    (contact("Jon Smith", site="acme.com", emails=("jon@acme.com",)),
     contact("Jon Smith", site="globex.com", emails=("jon@globex.com",), company="Globex")),
    # same site, name variants, but two different work addresses: two people
    (contact("Jon Smith", emails=("jon.smith@acme.com",)),
     contact("Jonathan Smith", emails=("jonathan.smith@acme.com",))),
    # same surname, different first names
    (contact("Mary Smith", title="CTO"), contact("Jon Smith", title="CTO")),
])
def test_enrichment_resolve_keeps_different_people_apart(store_url: str, one: Contact, other: Contact) -> None:
    engine = store(store_url, one, other)
    assert resolve_people(engine).merged == 0
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(people)).scalar_one() == 2


def test_enrichment_resolve_survivorship_latest_title_and_fullest_name(sqlite_url: str) -> None:
    engine = store(sqlite_url,
                   contact("J. Smith", title="VP Finance", emails=("jsmith@acme.com",), day=1),
                   contact("Jonathan Smith", title="CFO", emails=("jsmith@acme.com",), page="news", day=7),
                   contact("Jon Smith", emails=("jsmith@acme.com",), page="contact", day=2))
    assert resolve_people(engine).merged == 2
    [person] = list(iter_people(engine))
    assert (person.name, person.title) == ("Jonathan Smith", "CFO")
    assert person.person_id == 1  # the oldest row survives


def test_enrichment_resolve_colleagues_with_one_first_name_and_title_stay_apart(store_url: str) -> None:
    """Alice Johnson and Alice Patel, both Account Manager at one firm, are two people (and so are 40 more)."""
    from datetime import UTC, datetime

    from enrichment.resolve import resolve_people
    from leadscout.records import Contact, NameParts, Provenance
    from leadscout.store import create_store_engine
    from leadscout.store.people import count_people, save_extraction

    engine = create_store_engine(store_url)
    surnames = ["Johnson", "Patel", "Nguyen", "Okafor", "Schmidt", "Rossi", "Kowalski", "Haddad", "Silva", "Tanaka",
                "Brown", "Garcia", "Müller", "Dubois", "Novak", "Jensen", "Murphy", "Cohen", "Yilmaz", "Kim",
                "Andersson", "Costa", "Fischer", "Ivanova", "Lopez", "Martin", "Nakamura", "O'Brien", "Reyes",
                "Singh", "Walker", "Zhang", "Baker", "Hughes", "Khan", "Larsen", "Moreau", "Popescu", "Quinn", "Weber"]
    contacts = []
    for i, family in enumerate(surnames):
        provenance = Provenance(source_url=f"https://acme.example/team{i % 3}", fetched_at=datetime.now(UTC),
                                extractor="test/1", page_sha256="0" * 64)
        contacts.append(Contact(
            name=NameParts(full=f"Alice {family}", given="Alice", family=family), title_raw="Account Manager",
            title="Account Manager", emails=(f"alice.{family.lower()}@acme.example",), phones=(), fax=(),
            socials=(), company="Acme", site="acme.example", provenance=provenance, confidence=0.8))
    save_extraction(engine, None, contacts, None)
    resolve_people(engine)
    assert count_people(engine) == len(contacts)
