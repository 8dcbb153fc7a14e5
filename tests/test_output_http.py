"""The shared CRM session against the fake CRM: Retry-After, backoff with jitter, resets, ambiguous writes."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from output.crm.http import AmbiguousWrite, CrmError, CrmSession, RateLimited, RetryPolicy, redact, retry_after
from tests.fake_crm import FakeCrm

UPSERT = "/crm/v3/objects/contacts/batch/upsert"
BODY = {"inputs": [{"id": "a@acme.com", "idProperty": "email", "properties": {"email": "a@acme.com"}}]}
AUTH = {"Authorization": "Bearer hs-test-token"}


@pytest.fixture
def crm() -> Iterator[FakeCrm]:
    fake = FakeCrm().start()
    yield fake
    fake.stop()


def _session(**policy) -> CrmSession:
    return CrmSession(policy=RetryPolicy(**{"base_delay": 0.01, "read_timeout": 1.0, **policy}),
                      rng=random.Random(7))


def test_output_http_429_waits_at_least_retry_after(crm: FakeCrm) -> None:
    crm.add_fault(UPSERT, "status", code=429, retry_after=1)
    session = _session()
    response = session.request("POST", crm.url + UPSERT, json=BODY, headers=AUTH)
    assert response.status_code == 200
    log = [entry for entry in crm.state()["log"] if entry["path"] == UPSERT]
    assert [entry["status"] for entry in log] == [429, 200]
    assert log[1]["t"] - log[0]["t"] >= 1.0  # measured at the server: no early retry
    assert len(session.waits) == 1 and 1.0 <= session.waits[0] <= 1.1


def test_output_http_rate_limit_window_is_respected_without_a_storm(crm: FakeCrm) -> None:
    crm.configure(rate_limit=3, window_ms=1000)
    session = _session()
    started = time.monotonic()
    for _ in range(7):
        assert session.request("POST", crm.url + UPSERT, json=BODY, headers=AUTH).status_code == 200
    statuses = [entry["status"] for entry in crm.state()["log"]]
    assert statuses.count(200) == 7 and statuses.count(429) <= 2  # one 429 per window at most
    assert time.monotonic() - started >= 2.0


def test_output_http_too_long_retry_after_stops_the_run(crm: FakeCrm) -> None:
    crm.add_fault(UPSERT, "status", code=429, retry_after=86_400)
    with pytest.raises(RateLimited, match="asked to wait 86400s"):
        _session().request("POST", crm.url + UPSERT, json=BODY, headers=AUTH)


@pytest.mark.parametrize("code", [500, 502, 503, 504])
def test_output_http_5xx_backs_off_then_succeeds(code: int, crm: FakeCrm) -> None:
    crm.add_fault(UPSERT, "status", count=3, code=code)
    session = _session()
    assert session.request("POST", crm.url + UPSERT, json=BODY, headers=AUTH).status_code == 200
    assert len(session.waits) == 3


def test_output_http_backoff_is_bounded_exponential_with_jitter() -> None:
    session = CrmSession(policy=RetryPolicy(base_delay=1.0, max_delay=8.0), rng=random.Random(1))
    delays = [session.backoff(attempt) for attempt in range(1, 8)]
    ceilings = [1, 2, 4, 8, 8, 8, 8]
    assert all(c / 2 <= d <= c for d, c in zip(delays, ceilings))
    assert len({round(d, 6) for d in delays}) == len(delays)  # jittered


def test_output_http_gives_up_after_max_attempts(crm: FakeCrm) -> None:
    crm.add_fault(UPSERT, "status", count=-1, code=500)
    session = _session(max_attempts=4)
    with pytest.raises(CrmError, match="HTTP 500 on all 4 tries"):
        session.request("POST", crm.url + UPSERT, json=BODY, headers=AUTH)
    assert len([e for e in crm.state()["log"] if e["path"] == UPSERT]) == 4


@pytest.mark.parametrize("kind", ["reset", "reset_after_commit", "timeout_after_commit"])
def test_output_http_idempotent_upsert_is_retried_after_reset_or_timeout(kind: str, crm: FakeCrm) -> None:
    crm.add_fault(UPSERT, kind, delay=2.0)
    response = _session(read_timeout=0.5).request("POST", crm.url + UPSERT, json=BODY, headers=AUTH)
    assert response.status_code == 200
    assert len(crm.state()["contacts"]) == 1  # the committed first try and the retry are one record


@pytest.mark.parametrize("kind", ["reset_after_commit", "timeout_after_commit"])
def test_output_http_non_idempotent_write_is_ambiguous_not_retried(kind: str, crm: FakeCrm) -> None:
    crm.add_fault(UPSERT, kind, delay=2.0)
    with pytest.raises(AmbiguousWrite, match="outcome unknown"):
        _session(read_timeout=0.5).request("POST", crm.url + UPSERT, json=BODY, headers=AUTH, idempotent=False)
    assert crm.state()["received"] == [("contacts", "a@acme.com")]  # processed once, never re-sent


def test_output_http_refused_connection_is_retried_even_for_non_idempotent() -> None:
    session = _session(max_attempts=2)
    with pytest.raises(CrmError, match="on all 2 tries"):
        session.request("POST", "http://127.0.0.1:9/x", idempotent=False)
    assert len(session.waits) == 1


@pytest.mark.parametrize(("header", "seconds"), [
    ("3", 3.0), ("Wed, 11 Nov 2026 10:00:30 GMT", 30.0), ("Wed, 11 Nov 2026 09:59:00 GMT", 0.0),
    ("soon", None), (None, None),
])
def test_output_http_retry_after_forms(header: str | None, seconds: float | None) -> None:
    assert retry_after(header, now=datetime(2026, 11, 11, 10, 0, tzinfo=UTC)) == seconds


@pytest.mark.parametrize(("text", "expected"), [
    ("Email jane.doe+x@acme.co.uk is invalid", "Email <email> is invalid"),
    ("phone +44 20 7946 0123 taken", "phone <phone> taken"),
])
def test_output_http_redact_masks_personal_data(text: str, expected: str) -> None:
    assert redact(text) == expected
