"""Salesforce: Lead records as a Data Loader CSV, and a live push through Bulk API 2.0 upsert on an external id.

API shapes (Bulk API 2.0 Developer Guide, "Ingest"): OAuth token from ``POST /services/oauth2/token``
(client-credentials or password flow) giving ``access_token`` and ``instance_url``; then
``POST /services/data/vXX.X/jobs/ingest/`` with ``{"object": "Lead", "operation": "upsert",
"externalIdFieldName", "contentType": "CSV", "lineEnding": "LF"}``, ``PUT .../jobs/ingest/{id}/batches``
(text/csv), ``PATCH .../jobs/ingest/{id}/`` ``{"state": "UploadComplete"}``, poll ``GET .../jobs/ingest/{id}/``
until ``JobComplete``/``Failed``/``Aborted``, then ``successfulResults/`` (``sf__Id``, ``sf__Created``),
``failedResults/`` (``sf__Id``, ``sf__Error``) and ``unprocessedrecords/`` (CSV, original columns).
An external id matching several records fails that row with ``DUPLICATE_EXTERNAL_ID``: reported as a
conflict, never retried as a create.
"""

from __future__ import annotations

import csv
import io
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from output.crm import PushSummary, external_id
from output.crm.http import AmbiguousWrite, CrmConfigError, CrmError, CrmSession, redact
from output.crm.hubspot import _chunks, normalize_email, primary_email
from output.ledger import Ledger, Outcome, payload_hash
from output.select import ExportPerson

log = logging.getLogger(__name__)

# Lead field lengths (Salesforce Object Reference, Lead): longer values are cut rather than failing the row.
LEAD_FIELDS = {"FirstName": 40, "LastName": 80, "Company": 255, "Title": 128, "Email": 80, "Phone": 40,
               "Website": 255}
CONFLICT_MARKERS = ("DUPLICATE_EXTERNAL_ID", "MULTIPLE_RECORDS", "matches more than one record")
DONE_STATES = ("JobComplete", "Failed", "Aborted")


def lead_row(item: ExportPerson, external_id_field: str) -> tuple[dict[str, str] | None, str | None]:
    """A Lead for the person, or None and the reason it cannot be one (LastName and Company are required)."""
    person = item.person
    last_name = person.family.strip()
    company = (person.company or item.company.name or "").strip()
    if not last_name:
        return None, "missing LastName (no family name found)"
    if not company:
        return None, "missing Company (no company name found)"
    email = primary_email(item)
    phones = [v.value for v in person.fields.get("phone", ())]
    values = {"FirstName": person.given, "LastName": last_name, "Company": company, "Title": person.title or "",
              "Email": email or "", "Phone": phones[0].replace(";ext=", " ext. ") if phones else "",
              "Website": f"https://{person.site}"}
    row = {external_id_field: external_id(person)}
    row.update({k: (v or "")[:LEAD_FIELDS[k]] for k, v in values.items()})
    return row, None


def lead_columns(external_id_field: str) -> tuple[str, ...]:
    return (external_id_field, *LEAD_FIELDS)


def to_csv(rows: list[dict[str, str]], columns: tuple[str, ...]) -> str:
    """Bulk API 2.0 CSV: header of field API names, LF line endings (the job says ``lineEnding: LF``)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


@dataclass(frozen=True, kw_only=True)
class SalesforceConfig:
    """Where and how to reach Salesforce."""

    url: str | None = None
    """My Domain (or login) URL: the OAuth token endpoint lives there."""
    client_id: str | None = None
    client_secret: str | None = None
    username: str | None = None
    password: str | None = None
    api_version: str = "62.0"
    external_id_field: str = "Leadscout_Id__c"
    records_per_job: int = 10_000
    poll_interval: float = 1.0
    poll_max_interval: float = 10.0
    poll_timeout: float = 1800.0
    job_attempts: int = 3


class SalesforceClient:
    """OAuth and the Bulk API 2.0 ingest calls, over a retrying session."""

    def __init__(self, config: SalesforceConfig, session: CrmSession, *, sleep: Callable[[float], None] = time.sleep):
        missing = [name for name, value in (("LEADSCOUT_SALESFORCE_URL", config.url),
                                            ("LEADSCOUT_SALESFORCE_CLIENT_ID", config.client_id),
                                            ("LEADSCOUT_SALESFORCE_CLIENT_SECRET", config.client_secret)) if not value]
        if missing:
            raise CrmConfigError(f"Salesforce is not configured; set {', '.join(missing)}")
        self.config, self.session, self.sleep = config, session, sleep
        self.requests = 0
        self._token: str | None = None
        self._instance: str | None = None

    def authenticate(self) -> None:
        form = {"grant_type": "client_credentials", "client_id": self.config.client_id,
                "client_secret": self.config.client_secret}
        if self.config.username:
            form.update(grant_type="password", username=self.config.username, password=self.config.password or "")
        self.requests += 1
        response = self.session.request("POST", self.config.url.rstrip("/") + "/services/oauth2/token", data=form)
        if response.status_code != 200:
            raise CrmConfigError(f"Salesforce OAuth refused the credentials (HTTP {response.status_code}: "
                                 f"{redact(response.text[:200])}); check LEADSCOUT_SALESFORCE_CLIENT_ID/_SECRET"
                                 "/_USERNAME/_PASSWORD")
        body = response.json()
        self._token, self._instance = body["access_token"], body.get("instance_url") or self.config.url

    def call(self, method: str, path: str, *, idempotent: bool = True, **kwargs: Any) -> Any:
        """One API call under ``/services/data/vXX.X/jobs/ingest``; re-authenticates once on an expired session."""
        if self._token is None:
            self.authenticate()
        base = f"{self._instance.rstrip('/')}/services/data/v{self.config.api_version}/jobs/ingest"
        extra = kwargs.pop("headers", {})
        for fresh in (False, True):
            self.requests += 1
            headers = {"Authorization": f"Bearer {self._token}", **extra}
            response = self.session.request(method, base + path, idempotent=idempotent, headers=headers, **kwargs)
            if response.status_code != 401 or fresh:
                break
            self.authenticate()
        if response.status_code >= 400:
            message = redact(f"{method} jobs/ingest{path}: HTTP {response.status_code}: {response.text[:300]}")
            if response.status_code in (400, 401, 403, 404) and "INVALIDJOBSTATE" not in response.text:
                raise CrmConfigError(f"Salesforce: {message}; check LEADSCOUT_SALESFORCE_EXTERNAL_ID and the "
                                     "connected app's permissions")
            raise CrmError(f"Salesforce: {message}")
        return response

    def run_job(self, payload: str) -> str:
        """Create an upsert job, upload, close and wait; returns the job id. A failed or ambiguous step aborts
        that job and starts a new one (safe: the rows are upserts on the external id)."""
        for attempt in range(1, self.config.job_attempts + 1):
            job_id = None
            try:
                job_id = self.call("POST", "/", json={
                    "object": "Lead", "operation": "upsert", "externalIdFieldName": self.config.external_id_field,
                    "contentType": "CSV", "lineEnding": "LF"}).json()["id"]
                self.call("PUT", f"/{job_id}/batches", idempotent=False, data=payload.encode("utf-8"),
                          headers={"Content-Type": "text/csv"})
                self._close(job_id)
                self.wait(job_id)
                return job_id
            except (AmbiguousWrite, CrmError) as exc:
                if job_id is not None:
                    self.abort(job_id)
                if attempt == self.config.job_attempts:
                    raise
                log.warning("Salesforce job attempt %d failed (%s); starting a new job", attempt, exc)
        raise AssertionError("unreachable")

    def _close(self, job_id: str) -> None:
        """Mark the upload complete. A retry of a close that landed (the answer was lost) is refused with
        INVALIDJOBSTATE: the job has moved on, which is what we asked for."""
        try:
            self.call("PATCH", f"/{job_id}/", json={"state": "UploadComplete"})
        except CrmError as exc:
            if "INVALIDJOBSTATE" not in str(exc):
                raise
            state = self.call("GET", f"/{job_id}/").json().get("state")
            if state not in ("UploadComplete", "InProgress", "JobComplete", "Failed"):
                raise

    def abort(self, job_id: str) -> None:
        try:
            self.call("PATCH", f"/{job_id}/", json={"state": "Aborted"})
        except (CrmError, CrmConfigError) as exc:  # best effort: an open job times out on its own
            log.info("could not abort job %s: %s", job_id, exc)

    def wait(self, job_id: str) -> dict[str, Any]:
        interval, deadline = self.config.poll_interval, time.monotonic() + self.config.poll_timeout
        while True:
            info = self.call("GET", f"/{job_id}/").json()
            if info.get("state") in DONE_STATES:
                if info.get("state") != "JobComplete":
                    log.warning("Salesforce job %s ended %s: %s", job_id, info.get("state"),
                                redact(info.get("errorMessage")))
                return info
            if time.monotonic() > deadline:
                raise CrmError(f"Salesforce job {job_id} still {info.get('state')} after "
                               f"{self.config.poll_timeout:.0f}s; its results can be read later")
            self.sleep(interval)
            interval = min(self.config.poll_max_interval, interval * 1.5)

    def results(self, job_id: str, kind: str) -> list[dict[str, str]]:
        """``successfulResults``, ``failedResults`` or ``unprocessedrecords`` as rows."""
        text = self.call("GET", f"/{job_id}/{kind}/").content.decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(text)))


def push(items: Iterable[ExportPerson], ledger: Ledger, client: SalesforceClient | None, *, dry_run: bool = False,
         emit: Callable[[dict[str, Any]], None] | None = None, on_person: Callable[[], None] | None = None,
         external_id_field: str = "Leadscout_Id__c", records_per_job: int = 10_000) -> PushSummary:
    """Upsert people as Leads, one Bulk API job per ``records_per_job``, recording outcomes in the ledger."""
    summary = PushSummary(destination=ledger.destination)
    job: list[tuple[int, dict[str, str], str]] = []
    for chunk in _chunks(items, 500):
        prepared = []
        for item in chunk:
            summary.considered += 1
            row, reason = lead_row(item, external_id_field)
            prepared.append((item, row, reason, payload_hash(row or reason)))
        send = ledger.to_send([(item.person.person_id, digest) for item, _, _, digest in prepared])
        rejected = []
        for item, row, reason, digest in prepared:
            on_person and on_person()
            pid = item.person.person_id
            if pid not in send:
                summary.unchanged += 1
            elif row is None:
                summary.rejected += 1
                summary.count_reason(reason)
                emit and dry_run and emit({"destination": "salesforce", "person_id": pid, "rejected": reason})
                rejected.append(Outcome(person_id=pid, record_key=external_id(item.person), payload_sha256=digest,
                                        status="rejected", result=reason))
            else:
                job.append((pid, row, digest))
                if len(job) >= records_per_job:
                    _send(job, ledger, client, summary, dry_run, emit, external_id_field)
                    job = []
        if not dry_run:
            ledger.record(rejected)
    if job:
        _send(job, ledger, client, summary, dry_run, emit, external_id_field)
    if client is not None:
        summary.requests = client.requests
    return summary


def _send(job: list[tuple[int, dict[str, str], str]], ledger: Ledger, client: SalesforceClient | None,
          summary: PushSummary, dry_run: bool, emit: Callable[[dict[str, Any]], None] | None, field: str) -> None:
    summary.sent += len(job)
    if dry_run or client is None:
        for pid, row, _ in job:
            emit and emit({"destination": "salesforce", "object": "Lead", "operation": "upsert",
                           "externalIdFieldName": field, "person_id": pid, "record": row})
        return
    by_key = {row[field]: (pid, digest) for pid, row, digest in job}
    ledger.record([Outcome(person_id=pid, record_key=key, payload_sha256=digest, status="pending")
                   for key, (pid, digest) in by_key.items()])
    try:
        job_id = client.run_job(to_csv([row for _, row, _ in job], lead_columns(field)))
        done = {r[field]: ("confirmed", r.get("sf__Id")) for r in client.results(job_id, "successfulResults")}
        for r in client.results(job_id, "failedResults"):
            error = r.get("sf__Error") or "failed"
            conflict = any(marker in error for marker in CONFLICT_MARKERS)
            done[r[field]] = ("conflict" if conflict else "failed", redact(error))
        for r in client.results(job_id, "unprocessedrecords"):
            done[r[field]] = ("pending", "unprocessed: the job stopped before this row")
    except CrmError as exc:
        summary.failed += len(by_key)
        summary.count_reason(redact(str(exc)))
        raise
    outcomes = []
    for key, (pid, digest) in by_key.items():
        status, result = done.get(key, ("failed", "no result returned for this row"))
        if status == "confirmed":
            summary.confirmed += 1
        else:
            summary.conflicts += status == "conflict"
            summary.failed += status != "conflict"
            summary.count_reason(result.split(":", 1)[0] if status != "pending" else "unprocessed")
        outcomes.append(Outcome(person_id=pid, record_key=key, payload_sha256=digest, status=status, result=result))
    ledger.record(outcomes)


def dataloader_rows(items: Iterable[ExportPerson], external_id_field: str) -> tuple[list[dict[str, str]],
                                                                                        list[tuple[int, str]]]:
    """Rows of the Data Loader CSV, and ``(person_id, reason)`` for each person refused locally."""
    rows, rejected = [], []
    for item in items:
        row, reason = lead_row(item, external_id_field)
        if row is None:
            rejected.append((item.person.person_id, reason))
        else:
            rows.append(row)
    return rows, rejected


__all__ = ["SalesforceClient", "SalesforceConfig", "dataloader_rows", "lead_row", "normalize_email", "push"]
