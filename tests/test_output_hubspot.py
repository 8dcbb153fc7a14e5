"""HubSpot push against the fake CRM: batch upsert by normalised email, merging, per-record errors, companies,
associations, the ledger on re-runs, and the contacts import rows."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator

import pytest

from output.crm.http import CrmConfigError, CrmSession, RetryPolicy
from output.export import ExportRequest, run_export
from output.ledger import Ledger
from tests.fake_crm import FakeCrm
from tests.output_support import contact, crm_settings, people, store_people

UPSERT = "/crm/v3/objects/contacts/batch/upsert"


@pytest.fixture
def crm() -> Iterator[FakeCrm]:
    fake = FakeCrm().start()
    yield fake
    fake.stop()


def _push(url: str, crm: FakeCrm, **settings):
    session = CrmSession(policy=RetryPolicy(base_delay=0.01, read_timeout=1.0), rng=random.Random(3))
    summary = run_export(crm_settings(url, crm.url, **settings), ExportRequest(to="hubspot"), crm_session=session)
    return summary.push


def _contact_requests(crm: FakeCrm) -> int:
    return len([e for e in crm.state()["log"] if e["path"] == UPSERT and e["status"] in (200, 207)])


def test_output_hubspot_batches_of_at_most_100_and_one_contact_per_email(store_url: str, crm: FakeCrm) -> None:
    store_people(store_url, people(230) + people(5, site="beta.io"), switchboard={"beta.io": "+14155550100"})
    push = _push(store_url, crm)
    state = crm.state()
    assert (push.sent, push.confirmed, push.failed) == (235, 235, 0)
    assert _contact_requests(crm) == 3
    emails = Counter(c["properties"]["email"] for c in state["contacts"])
    assert len(emails) == 235 and set(emails.values()) == {1}
    companies = {c["properties"]["domain"]: c for c in state["companies"]}
    assert set(companies) == {"acme.com", "beta.io"} and companies["beta.io"]["properties"]["phone"] == "+14155550100"
    assert len(state["associations"]) == 235
    assert Ledger_counts(store_url) == {"confirmed": 235}


def Ledger_counts(url: str) -> dict[str, int]:
    from leadscout.store import create_store_engine

    return Ledger(create_store_engine(url), "hubspot").counts()


def test_output_hubspot_same_email_variants_are_merged_into_one_input(sqlite_url: str, crm: FakeCrm) -> None:
    store_people(sqlite_url, [contact("Jane Doe", emails=(" Jane.Doe@ACME.com",), confidence=0.9, title="CFO"),
                              contact("Jane M Doe", emails=("jane.doe@acme.com",), confidence=0.5,
                                      phones=("+442079460123",), title="Finance")])
    push = _push(sqlite_url, crm)
    [record] = crm.state()["contacts"]
    assert record["properties"]["email"] == "jane.doe@acme.com"
    assert record["properties"]["jobtitle"] == "CFO"  # the more confident person's value wins
    assert record["properties"]["phone"] == "+442079460123"  # blanks filled from the other
    assert crm.state()["received"] == [("companies", "acme.com"), ("contacts", "jane.doe@acme.com")]
    assert push.confirmed == 2


def test_output_hubspot_one_bad_record_does_not_fail_or_resend_the_others(sqlite_url: str, crm: FakeCrm) -> None:
    store_people(sqlite_url, people(3) + [contact("Bad Address", emails=("bad@acme",))])
    first = _push(sqlite_url, crm)
    assert (first.confirmed, first.failed) == (3, 1)
    engine_entries = Ledger(store_people(sqlite_url, []), "hubspot").entries()
    bad = [e for e in engine_entries.values() if e.status == "failed"]
    assert len(bad) == 1 and "INVALID_EMAIL" in bad[0].result
    received = len(crm.state()["received"])
    second = _push(sqlite_url, crm)  # only the failed one goes again
    assert (second.unchanged, second.sent) == (3, 1)
    assert [key for _, key in crm.state()["received"][received:]] == ["acme.com"]


def test_output_hubspot_whole_batch_400_is_split_to_isolate_the_bad_input(sqlite_url: str, crm: FakeCrm) -> None:
    store_people(sqlite_url, people(8) + [contact("Bad Address", emails=("bad@acme",))])
    crm.configure(strict_batches=True)  # one bad input makes HubSpot refuse the whole batch
    push = _push(sqlite_url, crm)
    assert (push.confirmed, push.failed) == (8, 1)
    assert len(crm.state()["contacts"]) == 8


def test_output_hubspot_rerun_sends_nothing_unchanged_and_changed_again(sqlite_url: str, crm: FakeCrm) -> None:
    store_people(sqlite_url, people(5))
    _push(sqlite_url, crm)
    again = _push(sqlite_url, crm)
    assert (again.unchanged, again.sent) == (5, 0)
    store_people(sqlite_url, [contact("Person2 Family2", emails=("p2@acme.com",), title="CEO", page="about")])
    changed = _push(sqlite_url, crm)
    assert (changed.unchanged, changed.sent, changed.confirmed) == (4, 1, 1)
    assert len(crm.state()["contacts"]) == 5


def test_output_hubspot_people_without_email_are_rejected_locally(sqlite_url: str, crm: FakeCrm) -> None:
    store_people(sqlite_url, people(1) + [contact("No Mail", phones=("+442079460999",))])
    push = _push(sqlite_url, crm)
    assert (push.confirmed, push.rejected) == (1, 1)
    assert "no email address (HubSpot contacts are keyed by email)" in push.reasons


@pytest.mark.parametrize("fault", [
    {"kind": "status", "code": 429, "retry_after": 1}, {"kind": "status", "code": 500},
    {"kind": "reset"}, {"kind": "timeout_after_commit", "delay": 2.0},
])
def test_output_hubspot_faults_end_in_exactly_one_record(fault: dict, sqlite_url: str, crm: FakeCrm) -> None:
    store_people(sqlite_url, people(120))
    crm.add_fault(UPSERT, **fault)
    push = _push(sqlite_url, crm)
    assert push.confirmed == 120
    assert len(crm.state()["contacts"]) == 120


def test_output_hubspot_rate_limit_on_still_delivers_everything(sqlite_url: str, crm: FakeCrm) -> None:
    crm.configure(rate_limit=4, window_ms=1000)
    store_people(sqlite_url, people(250))
    push = _push(sqlite_url, crm)
    assert push.confirmed == 250 and len(crm.state()["contacts"]) == 250


def test_output_hubspot_bad_token_is_a_config_error(sqlite_url: str, crm: FakeCrm) -> None:
    store_people(sqlite_url, people(1))
    with pytest.raises(CrmConfigError, match="HubSpot refused the token"):
        _push(sqlite_url, crm, hubspot_token="wrong")
    with pytest.raises(CrmConfigError, match="LEADSCOUT_HUBSPOT_TOKEN"):
        _push(sqlite_url, crm, hubspot_token=None)


def test_output_hubspot_dry_run_sends_and_records_nothing(sqlite_url: str, crm: FakeCrm) -> None:
    store_people(sqlite_url, people(2))
    shown: list[dict] = []
    summary = run_export(crm_settings(sqlite_url, crm.url), ExportRequest(to="hubspot", dry_run=True),
                         emit=shown.append)
    assert summary.push.sent == 2 and [s["id"] for s in shown] == ["p0@acme.com", "p1@acme.com"]
    assert shown[0]["properties"]["email"] == "p0@acme.com" and shown[0]["company"]["domain"] == "acme.com"
    assert crm.state()["log"] == [] and Ledger_counts(sqlite_url) == {}
