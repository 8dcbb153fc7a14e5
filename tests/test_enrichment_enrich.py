"""Enrichment over the store: people linked to public profiles, fields merged with provenance, employer facts."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from enrichment.enrich import enrich_store
from enrichment.sources.files import FileSource
from leadscout.config import Settings
from leadscout.records import Page
from leadscout.store.crawl import create_job, save_page
from leadscout.store.people import iter_people
from leadscout.store.schema import person_facts, person_links
from tests.test_enrichment_resolve import contact, store

PROFILES = [
    {"name": "Jonathan Smith", "handle": "jsmith", "employer": "Acme Inc.", "title": "Chief Financial Officer",
     "location": "London", "schools": ["London School of Economics"], "interests": ["sailing", "chess"],
     "bio": "CFO at Acme.", "url": "https://social.example/jsmith"},
    # a namesake of the Globex Jon Smith, at a third company: must link to nobody
    {"name": "Jon Smith", "handle": "jon", "employer": "Initech", "schools": ["MIT"],
     "url": "https://social.example/jon"},
    {"name": "Maria Garcia", "handle": "mgarcia", "employer": "ACME", "location": "Madrid",
     "interests": ["cycling"], "url": "https://social.example/mgarcia"},
]


def dump(tmp_path: Path, profiles: list[dict] = PROFILES) -> FileSource:
    path = tmp_path / "profiles.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in profiles), encoding="utf-8")
    return FileSource(name="social", path=path)


def people_store(url: str):
    return store(url, contact("Jonathan Smith", title="CFO", emails=("jsmith@acme.com",)),
                 contact("Jon Smith", site="globex.com", company="Globex", emails=("jon@globex.com",)),
                 contact("Maria Garcia", title="CEO"))


def values(person, field: str) -> set[str]:
    return {v.value for v in person.fields.get(field, ())}


def test_enrichment_enrich_links_profiles_and_merges_fields_with_provenance(store_url: str, tmp_path: Path) -> None:
    engine = people_store(store_url)
    summary = enrich_store(Settings(db=store_url), [dump(tmp_path)], with_topics=False)
    assert (summary.profiles, summary.linked) == (3, 2)
    persons = {(p.name, p.site): p for p in iter_people(engine)}
    jonathan = persons[("Jonathan Smith", "acme.com")]
    assert values(jonathan, "school") == {"London School of Economics"}
    assert values(jonathan, "interest") == {"sailing", "chess"}
    assert values(jonathan, "profile_title") == {"Chief Financial Officer"}
    assert jonathan.title == "CFO"  # the company's own site stays the title of record
    [school] = jonathan.fields["school"]
    assert school.provenance.source_url == "https://social.example/jsmith"
    assert school.provenance.extractor == "enrichment.social/1" and len(school.provenance.page_sha256) == 64
    assert values(persons[("Maria Garcia", "acme.com")], "location") == {"Madrid"}
    namesake = persons[("Jon Smith", "globex.com")]
    assert not values(namesake, "school") and not values(namesake, "profile")
    with engine.connect() as conn:
        links = conn.execute(select(person_links).order_by(person_links.c.id)).all()
    assert {(link.person_id, link.other_key) for link in links} == {
        (jonathan.person_id, "social:https://social.example/jsmith"),
        (persons[("Maria Garcia", "acme.com")].person_id, "social:https://social.example/mgarcia")}
    assert all(link.score >= 0.9 and link.evidence["fields"] for link in links)


def test_enrichment_enrich_is_idempotent(store_url: str, tmp_path: Path) -> None:
    engine = people_store(store_url)
    source = dump(tmp_path)
    enrich_store(Settings(db=store_url), [source], with_topics=False)
    with engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(person_facts)).scalar_one()
    enrich_store(Settings(db=store_url), [source], with_topics=False)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(person_facts)).scalar_one() == before
        assert conn.execute(select(func.count()).select_from(person_links)).scalar_one() == 2


def test_enrichment_enrich_adds_employer_facts_from_the_crawl(sqlite_url: str) -> None:
    engine = people_store(sqlite_url)
    careers = """<html><head><title>Careers at Acme</title>
    <script src="https://code.jquery.com/jquery-3.7.1.min.js"></script></head><body><main>
    <p>Founded in 1998, Acme is a team of 40 engineers.</p>
    <h3>Senior Accountant</h3><h3>Data Engineer</h3><h3>Questions about a role?</h3></main></body></html>"""
    job = create_job(engine, "crawl", {})
    save_page(engine, job, Page(url="https://acme.com/careers", site="acme.com", fetched_at=datetime(2026, 2, 1, tzinfo=UTC),
                                status=200, sha256="c" * 64, html=careers, title="Careers at Acme"))
    enrich_store(Settings(db=sqlite_url), [], with_topics=False)
    persons = {(p.name, p.site): p for p in iter_people(engine)}
    acme = persons[("Maria Garcia", "acme.com")]
    assert values(acme, "job_opening") == {"Senior Accountant", "Data Engineer"}
    assert values(acme, "open_positions") == {"2"}
    assert values(acme, "company_size") == {"team of 40"} and values(acme, "founded") == {"1998"}
    assert "jQuery" in values(acme, "technology")
    [opening] = [v for v in acme.fields["job_opening"] if v.value == "Data Engineer"]
    assert (opening.provenance.source_url, opening.provenance.extractor) == ("https://acme.com/careers",
                                                                            "enrichment.company/1")
    assert not values(persons[("Jon Smith", "globex.com")], "job_opening")


@pytest.mark.model
def test_enrichment_enrich_topics_from_bio_and_posts(sqlite_url: str, tmp_path: Path) -> None:
    engine = people_store(sqlite_url)
    profile = dict(PROFILES[0], bio="I lead treasury and financial planning at Acme.",
                   posts=["Our treasury team is hiring.", "Financial planning season again: treasury forecasts."])
    enrich_store(Settings(db=sqlite_url), [dump(tmp_path, [profile])])
    jonathan = next(p for p in iter_people(engine) if p.name == "Jonathan Smith")
    topics = values(jonathan, "topic")
    assert "treasury" in topics and "financial planning" in topics and len(topics) <= 5
