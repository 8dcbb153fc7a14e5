"""Retention: with an injected clock, people and pages not confirmed within the period are purged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from leadscout.privacy.retention import purge_expired
from leadscout.store import create_store_engine
from leadscout.store.privacy import suppress, suppressed
from leadscout.store.schema import pages, people, person_facts, suppression
from tests.conftest import run_cli
from tests.revalidate_support import Member, seed_page, statuses, team_page

NOW = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)
OLD = Member("Olga Berg", "Head of IT", "olga.berg@acme-widgets.co.uk")
NEW = Member("Nina Roy", "CTO", "nina.roy@acme-widgets.co.uk")
BASE = "https://acme-widgets.co.uk/"


def _seed(url: str):
    engine = create_store_engine(url)
    seed_page(engine, BASE + "old-team.html", team_page([OLD]), [OLD], fetched_at=NOW - timedelta(days=400))
    seed_page(engine, BASE + "team.html", team_page([NEW]), [NEW], fetched_at=NOW - timedelta(days=10))
    seed_page(engine, BASE + "services.html", "<p>Services</p>", [], fetched_at=NOW - timedelta(days=366))
    with engine.begin() as conn:
        suppress(conn, [("email", "gone@acme-widgets.co.uk")], reason="erasure")
    return engine


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.mark.parametrize(("days", "people_left", "pages_left"), [
    (365, {NEW.name}, {"team.html"}),
    (500, {NEW.name, OLD.name}, {"team.html", "old-team.html", "services.html"}),
    (5, set(), set()),
])
def test_privacy_retention_purges_what_was_not_confirmed(days: int, people_left: set, pages_left: set,
                                                         store_url: str) -> None:
    engine = _seed(store_url)
    summary = purge_expired(engine, retention=timedelta(days=days), now=NOW)
    assert summary.cutoff == NOW - timedelta(days=days)
    assert set(statuses(engine)) == people_left
    with engine.connect() as conn:
        left = {url.removeprefix(BASE) for url in conn.execute(select(pages.c.url)).scalars()}
        facts = conn.execute(select(func.count()).select_from(person_facts)).scalar_one()
        assert suppressed(conn, [("email", "gone@acme-widgets.co.uk")])  # erasures outlive every retention
    assert left == pages_left
    assert facts == 3 * len(people_left)  # facts go with their person (name, title, email)


def test_privacy_retention_dry_run_deletes_nothing(sqlite_url: str) -> None:
    engine = _seed(sqlite_url)
    summary = purge_expired(engine, retention=timedelta(days=365), now=NOW, dry_run=True)
    assert (summary.people, summary.pages) == (1, 2)
    assert len(statuses(engine)) == 2 and _count(engine, pages) == 3


def test_privacy_retention_revalidation_keeps_the_confirmed(sqlite_url: str) -> None:
    """A person confirmed by re-validation (last_seen moved forward) survives the purge that follows."""
    engine = _seed(sqlite_url)
    with engine.begin() as conn:
        conn.execute(update(people).where(people.c.full_name == OLD.name).values(last_seen=NOW - timedelta(days=1)))
    purge_expired(engine, retention=timedelta(days=365), now=NOW)
    assert set(statuses(engine)) == {OLD.name, NEW.name}


def test_privacy_retention_cli(sqlite_url: str) -> None:
    engine = create_store_engine(sqlite_url)
    then = datetime.now(UTC) - timedelta(days=40)
    seed_page(engine, BASE + "team.html", team_page([OLD]), [OLD], fetched_at=then)
    dry = run_cli("purge", "--older-than", "30d", "--dry-run", "--db", sqlite_url)
    assert dry.returncode == 0, dry.stderr
    assert "would purge 1 people and 1 pages" in dry.stderr
    off = run_cli("purge", "--db", sqlite_url, env={"LEADSCOUT_RETENTION_DAYS": "0"})
    assert off.returncode == 2 and "retention is off" in off.stderr
    done = run_cli("purge", "--db", sqlite_url, env={"LEADSCOUT_RETENTION_DAYS": "30"})
    assert done.returncode == 0 and "purged 1 people and 1 pages" in done.stderr
    assert statuses(engine) == {} and _count(engine, suppression) == 0


def test_privacy_retention_refuses_nonpositive(sqlite_url: str) -> None:
    with pytest.raises(ValueError, match="positive"):
        purge_expired(create_store_engine(sqlite_url), retention=timedelta(0), now=NOW)
