"""The export ledger: what is re-sent, and SIGKILL in the middle of a CRM export followed by a re-run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from leadscout.store import create_store_engine
from output.ledger import Ledger, Outcome
from tests.conftest import run_cli
from tests.fake_crm import FakeCrm
from tests.output_support import crm_env, people, store_people

UPSERT = "/crm/v3/objects/contacts/batch/upsert"


@pytest.fixture
def crm() -> Iterator[FakeCrm]:
    fake = FakeCrm().start()
    yield fake
    fake.stop()


@pytest.mark.parametrize(("status", "same_payload", "resent"), [
    ("confirmed", True, False), ("confirmed", False, True), ("rejected", True, False), ("conflict", True, False),
    ("conflict", False, True), ("pending", True, True), ("failed", True, True),
])
def test_output_ledger_resends_only_unsettled_or_changed(status: str, same_payload: bool, resent: bool,
                                                         store_url: str) -> None:
    engine = store_people(store_url, people(1))
    ledger = Ledger(engine, "hubspot")
    ledger.record([Outcome(person_id=1, record_key="p0@acme.com", payload_sha256="a" * 64, status=status)])
    digest = "a" * 64 if same_payload else "b" * 64
    assert ledger.to_send([(1, digest), (2, "c" * 64)]) == ({1, 2} if resent else {2})


def test_output_ledger_record_is_an_upsert_per_destination(sqlite_url: str) -> None:
    engine = store_people(sqlite_url, people(1))
    for destination in ("hubspot", "salesforce"):
        for status in ("pending", "confirmed"):
            Ledger(engine, destination).record([Outcome(person_id=1, record_key="k", payload_sha256="a" * 64,
                                                        status=status, result="id-1")])
    assert Ledger(engine, "hubspot").counts() == {"confirmed": 1} == Ledger(engine, "salesforce").counts()


def _start_export(to: str, db: str, fake: FakeCrm, cwd: Path) -> subprocess.Popen:
    exe = Path(sys.executable).parent / "leadscout"
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEADSCOUT_")}
    env.update(crm_env(db, fake.url))
    return subprocess.Popen([str(exe), "export", "--to", to, "--db", db], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _kill_when(proc: subprocess.Popen, ready: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, f"export ended before the kill: {proc.communicate()}"
        assert time.monotonic() < deadline, "export never reached the kill point"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL


def test_output_ledger_sigkill_mid_hubspot_export_then_rerun_leaves_one_contact_each(
        store_url: str, crm: FakeCrm, tmp_path: Path) -> None:
    total = 600
    engine = store_people(store_url, people(total))
    crm.add_fault(UPSERT, "delay", count=-1, delay=0.3)  # slow batches, so the kill lands mid-run
    proc = _start_export("hubspot", store_url, crm, tmp_path)
    _kill_when(proc, lambda: sum(obj == "contacts" for obj, _ in crm.state()["received"]) >= 200)
    before = Ledger(engine, "hubspot").entries()
    confirmed_before = {e.record_key for e in before.values() if e.status == "confirmed"}
    assert 0 < len(confirmed_before) < total
    assert any(e.status == "pending" for e in before.values())  # the batch in flight was left unconfirmed
    received_before = len(crm.state()["received"])

    crm.faults.clear()
    result = run_cli("export", "--to", "hubspot", "--db", store_url, cwd=tmp_path, env=crm_env(store_url, crm.url))
    assert result.returncode == 0, result.stderr

    state = crm.state()
    per_email = Counter(c["properties"]["email"] for c in state["contacts"])
    assert len(per_email) == total and set(per_email.values()) == {1}  # exactly one CRM record per person
    resent = {key for obj, key in state["received"][received_before:] if obj == "contacts"}
    assert not resent & confirmed_before  # confirmed records were not sent again
    assert len(resent) == total - len(confirmed_before)
    assert Ledger(engine, "hubspot").counts() == {"confirmed": total}  # the ledger agrees with the CRM
    assert len(state["associations"]) == total


def test_output_ledger_sigkill_mid_salesforce_job_then_rerun_leaves_one_lead_each(
        sqlite_url: str, crm: FakeCrm, tmp_path: Path) -> None:
    total = 300
    engine = store_people(sqlite_url, people(total))
    crm.configure(polls_in_progress=10_000)  # the job is committed server-side, then stays InProgress
    proc = _start_export("salesforce", sqlite_url, crm, tmp_path)
    _kill_when(proc, lambda: any(j["state"] == "InProgress" for j in crm.state()["jobs"].values()))
    assert len(crm.state()["leads"]) == total  # written by the CRM, but never confirmed to us
    assert Ledger(engine, "salesforce").counts() == {"pending": total}

    crm.configure(polls_in_progress=0)
    result = run_cli("export", "--to", "salesforce", "--db", sqlite_url, cwd=tmp_path,
                     env=crm_env(sqlite_url, crm.url))
    assert result.returncode == 0, result.stderr
    leads = Counter(lead["Leadscout_Id__c"] for lead in crm.state()["leads"])
    assert len(leads) == total and set(leads.values()) == {1}  # the re-send updated, never duplicated
    assert Ledger(engine, "salesforce").counts() == {"confirmed": total}
    assert "sent 300 people (300 confirmed" in result.stderr
