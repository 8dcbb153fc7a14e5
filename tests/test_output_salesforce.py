"""Salesforce push against the fake Bulk API 2.0: Lead rules, jobs, polling, results, conflicts, faults."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator

import pytest

from leadscout.store import create_store_engine
from output.crm import external_id
from output.crm.http import CrmConfigError, CrmSession, RetryPolicy
from output.crm.salesforce import SalesforceClient, SalesforceConfig, lead_row, push
from output.ledger import Ledger
from output.select import Selection
from tests.fake_crm import FakeCrm
from tests.output_support import contact, people, store_people

JOBS = r"/jobs/ingest"


@pytest.fixture
def crm() -> Iterator[FakeCrm]:
    fake = FakeCrm().start()
    yield fake
    fake.stop()


def _client(crm: FakeCrm, **config) -> SalesforceClient:
    values = {"url": crm.url, "client_id": "sf-client", "client_secret": "sf-secret", "poll_interval": 0.01,
              "poll_max_interval": 0.05, **config}
    session = CrmSession(policy=RetryPolicy(base_delay=0.01, read_timeout=1.0), rng=random.Random(5))
    return SalesforceClient(SalesforceConfig(**values), session, sleep=lambda s: None)


def _push(url: str, crm: FakeCrm, *, records_per_job: int = 10_000, **config):
    engine = create_store_engine(url)
    return push(Selection(engine=engine), Ledger(engine, "salesforce"), _client(crm, **config),
                records_per_job=records_per_job)


@pytest.mark.parametrize(("name", "company", "reason"), [
    ("Madonna", "Acme Ltd", "missing LastName"), ("Jane Doe", None, "missing Company"),
])
def test_output_salesforce_lead_without_lastname_or_company_is_rejected_locally(
        name: str, company: str | None, reason: str, sqlite_url: str, crm: FakeCrm) -> None:
    store_people(sqlite_url, [contact(name, emails=("x@acme.com",), company=company)])
    summary = _push(sqlite_url, crm)
    assert (summary.rejected, summary.sent) == (1, 0)
    [entry] = Ledger(create_store_engine(sqlite_url), "salesforce").entries().values()
    assert entry.status == "rejected" and entry.result.startswith(reason)
    assert crm.state()["jobs"] == {}  # nothing sent


def test_output_salesforce_upserts_leads_on_the_external_id(store_url: str, crm: FakeCrm) -> None:
    store_people(store_url, people(25))
    crm.configure(polls_in_progress=3)  # InProgress for a few polls
    summary = _push(store_url, crm, records_per_job=10)
    assert (summary.sent, summary.confirmed) == (25, 25)
    state = crm.state()
    assert len(state["jobs"]) == 3 and all(j["state"] == "JobComplete" for j in state["jobs"].values())
    assert Counter(lead["Leadscout_Id__c"] for lead in state["leads"]).most_common(1)[0][1] == 1
    assert len(state["leads"]) == 25
    lead = next(lead for lead in state["leads"] if lead["Email"] == "p3@acme.com")
    assert (lead["LastName"], lead["Company"], lead["Phone"]) == ("Family3", "Acme Ltd", "+442079460103")
    ledger = Ledger(create_store_engine(store_url), "salesforce").entries()
    assert {e.status for e in ledger.values()} == {"confirmed"} and all(e.result.startswith("00Q")
                                                                       for e in ledger.values())
    again = _push(store_url, crm)
    assert (again.unchanged, again.sent) == (25, 0)


def test_output_salesforce_multiple_match_is_a_conflict_never_a_create(sqlite_url: str, crm: FakeCrm) -> None:
    engine = store_people(sqlite_url, people(3))
    target = next(p for p in Selection(engine=engine) if p.person.name == "Person1 Family1").person
    for _ in range(2):  # two Leads already carry the same external id in the org
        crm.seed_lead(Leadscout_Id__c=external_id(target), LastName="Old", Company="Acme")
    summary = _push(sqlite_url, crm)
    assert (summary.confirmed, summary.conflicts, summary.failed) == (2, 1, 0)
    leads = crm.state()["leads"]
    assert len(leads) == 4 and sum(lead["Leadscout_Id__c"] == external_id(target) for lead in leads) == 2
    entry = Ledger(engine, "salesforce").entries()[target.person_id]
    assert entry.status == "conflict" and "DUPLICATE_EXTERNAL_ID" in entry.result
    jobs = len(crm.state()["jobs"])
    again = _push(sqlite_url, crm)  # a conflict is not re-sent while unchanged, and never as an insert
    assert again.sent == 0 and len(crm.state()["jobs"]) == jobs
    assert all(job["operation"] == "upsert" for job in crm.state()["jobs"].values())


def test_output_salesforce_failed_job_leaves_unprocessed_rows_for_the_next_run(sqlite_url: str, crm: FakeCrm) -> None:
    store_people(sqlite_url, people(10))
    crm.configure(fail_job_after_rows=4)
    first = _push(sqlite_url, crm)
    assert first.confirmed == 4 and first.reasons == {"unprocessed": 6}
    assert Ledger(create_store_engine(sqlite_url), "salesforce").counts() == {"confirmed": 4, "pending": 6}
    crm.configure(fail_job_after_rows=None)
    second = _push(sqlite_url, crm)
    assert (second.unchanged, second.sent, second.confirmed) == (4, 6, 6)
    assert len(crm.state()["leads"]) == 10


@pytest.mark.parametrize("fault", [
    {"path": r"/batches$", "kind": "reset_after_commit"},  # upload may have landed: abort, new job
    {"path": r"/batches$", "kind": "status", "code": 500},
    {"path": r"/jobs/ingest/?$", "kind": "status", "code": 503},
    {"path": r"/jobs/ingest/[^/]+/?$", "kind": "timeout_after_commit", "delay": 2.0},
    {"path": r"/successfulResults", "kind": "reset"},
])
def test_output_salesforce_faults_end_in_one_lead_per_person(fault: dict, sqlite_url: str, crm: FakeCrm) -> None:
    store_people(sqlite_url, people(12))
    crm.add_fault(**fault)
    summary = _push(sqlite_url, crm)
    assert summary.confirmed == 12
    leads = Counter(lead["Leadscout_Id__c"] for lead in crm.state()["leads"])
    assert len(leads) == 12 and set(leads.values()) == {1}


def test_output_salesforce_expired_session_reauthenticates(sqlite_url: str, crm: FakeCrm) -> None:
    store_people(sqlite_url, people(2))
    client = _client(crm)
    client.authenticate()
    crm.tokens.clear()  # the org revoked the session
    engine = create_store_engine(sqlite_url)
    summary = push(Selection(engine=engine), Ledger(engine, "salesforce"), client)
    assert summary.confirmed == 2


@pytest.mark.parametrize(("config", "message"), [
    ({"client_secret": "nope"}, "OAuth refused the credentials"),
    ({"external_id_field": "Missing__c"}, "No such column 'Missing__c'"),
])
def test_output_salesforce_misconfiguration_is_named(config: dict, message: str, sqlite_url: str,
                                                      crm: FakeCrm) -> None:
    store_people(sqlite_url, people(1))
    with pytest.raises(CrmConfigError, match=message):
        _push(sqlite_url, crm, **config)


def test_output_salesforce_missing_settings_are_named() -> None:
    with pytest.raises(CrmConfigError, match="LEADSCOUT_SALESFORCE_URL, LEADSCOUT_SALESFORCE_CLIENT_ID"):
        SalesforceClient(SalesforceConfig(client_secret="x"), CrmSession())


def test_output_salesforce_lead_fields_are_cut_to_their_lengths(sqlite_url: str) -> None:
    engine = store_people(sqlite_url, [contact("Jane " + "X" * 100, emails=("j@acme.com",), title="T" * 200)])
    [item] = list(Selection(engine=engine))
    row, reason = lead_row(item, "Leadscout_Id__c")
    assert reason is None and len(row["LastName"]) == 80 and len(row["Title"]) == 128
