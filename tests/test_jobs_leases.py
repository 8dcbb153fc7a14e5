"""Leases on a distributed job's units: one holder at a time, takeover after a death, on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from leadscout.jobs.leases import (
    Heartbeat, LeaseLost, add_units, claim, finish, open_units, release, renew, unit_states,
)
from leadscout.seeds import parse_seed
from leadscout.store import create_store_engine
from leadscout.store.crawl import create_job


@pytest.fixture
def job(store_url):
    engine = create_store_engine(store_url)
    job_id = create_job(engine, "crawl", {"distributed": True}, seeds=[parse_seed("acme.com")])
    return engine, job_id


@pytest.mark.parametrize("outcome_after_finish", ["done", "failed"])
def test_jobs_leases_claim_busy_then_finished(job, outcome_after_finish: str) -> None:
    engine, job_id = job
    first = claim(engine, job_id, "site:acme.com", lease=30)
    assert (first.outcome, first.deliveries) == ("claimed", 1)
    second = claim(engine, job_id, "site:acme.com", lease=30)
    assert (second.outcome, second.owner) == ("busy", first.owner)  # a live holder: come back later
    assert finish(engine, job_id, "site:acme.com", first.owner, state=outcome_after_finish)
    assert claim(engine, job_id, "site:acme.com", lease=30).outcome == "finished"
    assert open_units(engine, job_id, "site:") == 0


def test_jobs_leases_dead_holder_is_taken_over_and_loses_its_unit(job) -> None:
    engine, job_id = job
    dead = claim(engine, job_id, "site:acme.com", lease=0.2)
    time.sleep(0.3)  # its lease runs out: it stopped renewing (killed)
    heir = claim(engine, job_id, "site:acme.com", lease=30)
    assert (heir.outcome, heir.deliveries) == ("claimed", 2)
    # The presumed-dead holder comes back: it can neither renew nor finish, and knows to stop.
    assert not renew(engine, job_id, "site:acme.com", dead.owner, lease=30)
    assert not finish(engine, job_id, "site:acme.com", dead.owner)
    assert finish(engine, job_id, "site:acme.com", heir.owner)
    assert unit_states(engine, job_id) == [("site:acme.com", "done", 2, None)]


def test_jobs_leases_simultaneous_deliveries_one_wins(job) -> None:
    engine, job_id = job
    add_units(engine, job_id, ["site:acme.com"])
    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(lambda _: claim(engine, job_id, "site:acme.com", lease=30).outcome, range(8)))
    assert sorted(outcomes) == ["busy"] * 7 + ["claimed"]


def test_jobs_leases_release_keeps_the_error_for_the_next_delivery(job) -> None:
    engine, job_id = job
    first = claim(engine, job_id, "site:acme.com", lease=30)
    release(engine, job_id, "site:acme.com", first.owner, error="CrawlFailed: exit code 1")
    again = claim(engine, job_id, "site:acme.com", lease=30)
    assert (again.outcome, again.deliveries, again.last_error) == ("claimed", 2, "CrawlFailed: exit code 1")


def test_jobs_leases_heartbeat_renews_and_reports_a_takeover(job) -> None:
    engine, job_id = job
    held = claim(engine, job_id, "site:acme.com", lease=0.6)
    with Heartbeat(engine, job_id, "site:acme.com", held.owner, lease=0.6, interval=0.1) as beat:
        time.sleep(1.0)  # longer than the lease: only the renewals keep it
        assert claim(engine, job_id, "site:acme.com", lease=30).outcome == "busy"
        beat.check()
    time.sleep(0.7)
    thief = claim(engine, job_id, "site:acme.com", lease=30)
    assert thief.outcome == "claimed"
    with Heartbeat(engine, job_id, "site:acme.com", held.owner, lease=0.6, interval=0.05) as beat:
        time.sleep(0.3)
        with pytest.raises(LeaseLost):
            beat.check()
