"""A local fake of the HubSpot CRM v3/v4 and Salesforce Bulk API 2.0 endpoints leadscout calls, with faults.

Speaks the real shapes (paths, JSON/CSV payloads, status codes, HubSpot rate-limit headers, 207 multi-status,
Bulk API job states and result CSVs). Run it in-process (``FakeCrm().start()``, a thread on a free
127.0.0.1 port) or as a subprocess (``python -m tests.fake_crm`` prints ``{"url": ...}``). Control and
inspection, for both: the Python methods, or ``POST /__fake__/fault``, ``POST /__fake__/config``,
``POST /__fake__/leads`` (seed Leads) and ``GET /__fake__/state``.

Fault kinds (matched by a regex on the path, used ``count`` times, -1 = forever): ``status`` (answer
``code``, with ``retry_after`` for 429, without processing), ``reset`` (drop the connection unprocessed),
``reset_after_commit``, ``timeout_after_commit`` (process, then hang ``delay`` seconds and drop), ``delay``
(sleep ``delay`` seconds, then process normally).
"""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import struct
import sys
import threading
import time
import uuid
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

CONTACT_PROPERTIES = {"email", "firstname", "lastname", "jobtitle", "phone", "company", "website", "mobilephone"}
COMPANY_PROPERTIES = {"domain", "name", "phone", "country", "website", "city"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SF = re.compile(r"^/services/data/v(\d+\.\d)/jobs/ingest/?(?P<job>[^/]+)?/?(?P<what>[^/]+)?/?$")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class FakeCrm:
    """Both APIs' state, its faults and its server."""

    def __init__(self, *, hubspot_token: str = "hs-test-token", sf_client_id: str = "sf-client",
                 sf_client_secret: str = "sf-secret", sf_external_id: str = "Leadscout_Id__c") -> None:
        self.hubspot_token, self.sf_external_id = hubspot_token, sf_external_id
        self.sf_client = (sf_client_id, sf_client_secret)
        self.lock = threading.RLock()
        self.config: dict[str, Any] = {"rate_limit": None, "window_ms": 1000, "polls_in_progress": 0,
                                       "fail_job_after_rows": None, "strict_batches": False}
        self.faults: list[dict[str, Any]] = []
        self.contacts: list[dict[str, Any]] = []
        self.companies: list[dict[str, Any]] = []
        self.associations: set[tuple[str, str]] = set()
        self.leads: list[dict[str, Any]] = []
        self.jobs: dict[str, dict[str, Any]] = {}
        self.tokens: set[str] = set()
        self.received: list[tuple[str, str]] = []  # (object, key) of every upsert input/row processed
        self.log: list[dict[str, Any]] = []  # every request: time, method, path, status
        self._hits: list[float] = []
        self._ids = 1000
        self.server: ThreadingHTTPServer | None = None

    # --- control -------------------------------------------------------------------------------------
    def start(self, port: int = 0) -> FakeCrm:
        fake = self

        class Handler(_Handler):
            crm = fake

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def add_fault(self, path: str, kind: str, count: int = 1, **params: Any) -> None:
        with self.lock:
            self.faults.append({"path": path, "kind": kind, "count": count, **params})

    def configure(self, **values: Any) -> None:
        with self.lock:
            self.config.update(values)

    def seed_lead(self, **fields: str) -> None:
        with self.lock:
            self.leads.append({"Id": self._new_id("00Q"), **fields})

    def state(self) -> dict[str, Any]:
        with self.lock:
            return {"contacts": list(self.contacts), "companies": list(self.companies),
                    "associations": sorted(self.associations), "leads": list(self.leads),
                    "jobs": {k: {x: v for x, v in j.items() if x != "rows"} for k, j in self.jobs.items()},
                    "received": list(self.received), "log": list(self.log)}

    def _new_id(self, prefix: str = "") -> str:
        self._ids += 1
        return f"{prefix}{self._ids}"

    def _take_fault(self, path: str) -> dict[str, Any] | None:
        with self.lock:
            for fault in self.faults:
                if fault["count"] != 0 and re.search(fault["path"], path):
                    fault["count"] -= 1 if fault["count"] > 0 else 0
                    return fault
        return None

    def _rate_limited(self) -> float | None:
        """Seconds until a slot frees when the HubSpot window is full, else None (and the hit is counted)."""
        with self.lock:
            limit, window = self.config["rate_limit"], self.config["window_ms"] / 1000
            now = time.monotonic()
            self._hits = [t for t in self._hits if now - t < window]
            if limit is not None and len(self._hits) >= limit:
                return window - (now - self._hits[0])
            self._hits.append(now)
            return None

    def rate_headers(self) -> dict[str, str]:
        limit = self.config["rate_limit"] or 190
        return {"X-HubSpot-RateLimit-Max": str(limit),
                "X-HubSpot-RateLimit-Remaining": str(max(0, limit - len(self._hits))),
                "X-HubSpot-RateLimit-Interval-Milliseconds": str(self.config["window_ms"]),
                "X-HubSpot-RateLimit-Daily": "500000", "X-HubSpot-RateLimit-Daily-Remaining": "499000"}

    # --- HubSpot -------------------------------------------------------------------------------------
    def hubspot_upsert(self, object_type: str, body: dict[str, Any]) -> tuple[int, Any]:
        inputs = body.get("inputs") or []
        store, known, unique = ((self.contacts, CONTACT_PROPERTIES, "email") if object_type == "contacts"
                                else (self.companies, COMPANY_PROPERTIES, "domain"))
        if len(inputs) > 100:
            return 400, _hs_error("VALIDATION_ERROR", f"Batch size {len(inputs)} exceeds the limit of 100")
        ids = [str(i.get("id", "")).lower() for i in inputs]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            return 400, _hs_error("VALIDATION_ERROR", f"Duplicate IDs found in batch input: {duplicates}")
        results, errors, valid = [], [], []
        for item, key in zip(inputs, ids):
            trace = item.get("objectWriteTraceId")
            props = {k: str(v) for k, v in (item.get("properties") or {}).items()}
            if item.get("idProperty") != unique:
                return 400, _hs_error("VALIDATION_ERROR", f"idProperty {item.get('idProperty')!r} is not a "
                                      f"unique property of {object_type}")
            unknown = sorted(set(props) - known)
            if unknown:
                errors.append(_hs_record_error("PROPERTY_DOESNT_EXIST", f"Property {unknown} does not exist", trace))
            elif unique == "email" and not _EMAIL.match(key):
                errors.append(_hs_record_error("VALIDATION_ERROR", "Property values were not valid: "
                                               "INVALID_EMAIL", trace))
            else:
                valid.append((trace, key, props))
        if errors and self.config.get("strict_batches"):  # the whole batch refused, nothing written
            return 400, _hs_error("VALIDATION_ERROR", errors[0]["message"])
        for trace, key, props in valid:
            self.received.append((object_type, key))
            matches = [r for r in store if r["properties"].get(unique, "").lower() == key]
            now = _now()
            if matches:
                record, new = matches[0], False
                record["properties"].update(props)
                record["updatedAt"] = now
            else:
                record, new = {"id": self._new_id(), "properties": {**props, unique: key},
                               "createdAt": now, "updatedAt": now, "archived": False}, True
                store.append(record)
            results.append({**record, "properties": dict(record["properties"], hs_object_id=record["id"]),
                            "new": new, "objectWriteTraceId": trace})
        body_out: dict[str, Any] = {"status": "COMPLETE", "results": results, "startedAt": _now(),
                                    "completedAt": _now()}
        if errors:
            body_out.update(numErrors=len(errors), errors=errors)
        return (207 if errors else 200), body_out

    def hubspot_associate(self, body: dict[str, Any]) -> tuple[int, Any]:
        contact_ids = {r["id"] for r in self.contacts}
        company_ids = {r["id"] for r in self.companies}
        results, errors = [], []
        for item in body.get("inputs") or []:
            pair = (str(item["from"]["id"]), str(item["to"]["id"]))
            if pair[0] not in contact_ids or pair[1] not in company_ids:
                errors.append({"status": "error", "category": "VALIDATION_ERROR", "message": "No object found",
                               "context": {"fromObjectId": [pair[0]], "toObjectId": [pair[1]]}})
                continue
            self.associations.add(pair)
            results.append({"from": {"id": pair[0]}, "to": {"id": pair[1]}, "associationSpec": {
                "associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 279}})
        out: dict[str, Any] = {"status": "COMPLETE", "results": results, "startedAt": _now(), "completedAt": _now()}
        if errors:
            out.update(numErrors=len(errors), errors=errors)
        return (207 if errors else 200), out

    # --- Salesforce ----------------------------------------------------------------------------------
    def sf_token(self, form: dict[str, str]) -> tuple[int, Any]:
        if (form.get("client_id"), form.get("client_secret")) != self.sf_client:
            return 400, {"error": "invalid_client", "error_description": "invalid client credentials"}
        token = uuid.uuid4().hex
        self.tokens.add(token)
        return 200, {"access_token": token, "instance_url": self.url, "id": f"{self.url}/id/00D/005",
                     "token_type": "Bearer", "issued_at": str(int(time.time() * 1000)), "signature": "x"}

    def sf_create_job(self, body: dict[str, Any], version: str) -> tuple[int, Any]:
        if body.get("object") != "Lead":
            return 400, [{"errorCode": "INVALIDENTITY", "message": f"Entity '{body.get('object')}' is not supported"}]
        if body.get("operation") == "upsert" and body.get("externalIdFieldName") != self.sf_external_id:
            return 400, [{"errorCode": "INVALIDFIELD",
                          "message": f"No such column '{body.get('externalIdFieldName')}' on entity 'Lead'"}]
        job_id = self._new_id("7505f")
        self.jobs[job_id] = {
            "id": job_id, "operation": body.get("operation"), "object": "Lead", "createdById": "005",
            "createdDate": _now(), "systemModstamp": _now(), "state": "Open",
            "externalIdFieldName": body.get("externalIdFieldName"), "concurrencyMode": "Parallel",
            "contentType": "CSV", "apiVersion": float(version), "jobType": "V2Ingest",
            "contentUrl": f"services/data/v{version}/jobs/ingest/{job_id}/batches",
            "lineEnding": body.get("lineEnding", "LF"), "columnDelimiter": "COMMA", "rows": [], "polls": 0,
            "numberRecordsProcessed": 0, "numberRecordsFailed": 0, "results": {"ok": [], "failed": [], "left": []},
        }
        return 200, {k: v for k, v in self.jobs[job_id].items() if k not in ("rows", "polls", "results")}

    def sf_upload(self, job: dict[str, Any], data: bytes) -> tuple[int, Any]:
        if job["state"] != "Open":
            return 400, [{"errorCode": "INVALIDJOBSTATE", "message": f"Job is in state {job['state']}"}]
        job["rows"].extend(csv.DictReader(io.StringIO(data.decode("utf-8"))))
        return 201, None

    def sf_patch(self, job: dict[str, Any], body: dict[str, Any]) -> tuple[int, Any]:
        state = body.get("state")
        if state == "Aborted":
            job["state"] = "Aborted"
        elif state == "UploadComplete" and job["state"] == "Open":
            job["state"] = "UploadComplete"
            self._sf_process(job)
        else:
            return 400, [{"errorCode": "INVALIDJOBSTATE", "message": f"Cannot move a {job['state']} job to {state}"}]
        return 200, _job_info(job)

    def _sf_process(self, job: dict[str, Any]) -> None:
        field, stop = job["externalIdFieldName"], self.config["fail_job_after_rows"]
        for index, row in enumerate(job["rows"]):
            if stop is not None and index >= stop:
                job["results"]["left"].append(row)
                continue
            job["numberRecordsProcessed"] += 1
            missing = [f for f in ("LastName", "Company") if not row.get(f)]
            matches = [lead for lead in self.leads if lead.get(field) == row.get(field)]
            if missing:
                error = f"REQUIRED_FIELD_MISSING:Required fields are missing: {missing}:{','.join(missing)} --"
            elif len(matches) > 1:
                error = f"DUPLICATE_EXTERNAL_ID:The external ID provided matches more than one record:{field} --"
            else:
                error = None
            if error:
                job["numberRecordsFailed"] += 1
                job["results"]["failed"].append({"sf__Id": "", "sf__Error": error, **row})
                continue
            self.received.append(("Lead", row.get(field, "")))
            values = {k: v for k, v in row.items() if v != ""}
            if matches:
                matches[0].update(values)
                job["results"]["ok"].append({"sf__Id": matches[0]["Id"], "sf__Created": "false", **row})
            else:
                lead = {"Id": self._new_id("00Q"), **values}
                self.leads.append(lead)
                job["results"]["ok"].append({"sf__Id": lead["Id"], "sf__Created": "true", **row})
        job["final"] = "Failed" if stop is not None and job["results"]["left"] else "JobComplete"
        if job["final"] == "Failed":
            job["errorMessage"] = "InternalServerError: processing stopped"

    def sf_get(self, job: dict[str, Any], what: str | None) -> tuple[int, Any]:
        if what is None:
            if job["state"] == "UploadComplete":
                job["polls"] += 1
                if job["polls"] > self.config["polls_in_progress"]:
                    job["state"] = job["final"]
                else:
                    job["state"] = "InProgress"
            elif job["state"] == "InProgress":
                job["polls"] += 1
                if job["polls"] > self.config["polls_in_progress"]:
                    job["state"] = job["final"]
            return 200, _job_info(job)
        kind = {"successfulResults": ("ok", ["sf__Id", "sf__Created"]), "failedResults": ("failed", ["sf__Id", "sf__Error"]),
                "unprocessedrecords": ("left", [])}.get(what)
        if kind is None:
            return 404, [{"errorCode": "NOT_FOUND", "message": "The requested resource does not exist"}]
        rows = job["results"][kind[0]]
        columns = kind[1] + list(job["rows"][0].keys() if job["rows"] else [])
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return 200, buffer.getvalue()


def _job_info(job: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in job.items() if k not in ("rows", "polls", "results", "final")}


def _hs_error(category: str, message: str) -> dict[str, Any]:
    return {"status": "error", "message": message, "correlationId": str(uuid.uuid4()), "category": category}


def _hs_record_error(category: str, message: str, trace: Any) -> dict[str, Any]:
    return {"status": "error", "category": category, "message": message,
            "context": {"objectWriteTraceId": [trace]} if trace is not None else {}}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    crm: FakeCrm

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def _handle(self, method: str) -> None:
        crm, path = self.crm, urlsplit(self.path).path
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        fault = None if path.startswith("/__fake__") else crm._take_fault(path)
        kind = fault["kind"] if fault else None
        if kind == "reset":
            return self._reset()
        if kind == "status":
            headers = {"Retry-After": str(fault["retry_after"])} if "retry_after" in fault else {}
            return self._send(fault["code"], _hs_error("RATE_LIMIT" if fault["code"] == 429 else "INTERNAL_ERROR",
                                                       "injected fault"), headers)
        if kind == "delay":
            time.sleep(fault.get("delay", 1.0))
        status, body, headers = self._route(method, path, raw)
        if kind == "timeout_after_commit":
            time.sleep(fault.get("delay", 2.0))
            return self._reset()
        if kind == "reset_after_commit":
            return self._reset()
        self._send(status, body, headers)

    def _route(self, method: str, path: str, raw: bytes) -> tuple[int, Any, dict[str, str]]:
        crm = self.crm
        with crm.lock:
            if path.startswith("/__fake__/"):
                return self._control(method, path[len("/__fake__/"):], raw)
            if path.startswith("/crm/"):
                wait = crm._rate_limited()
                headers = crm.rate_headers()
                if wait is not None:
                    headers["Retry-After"] = str(max(1, int(wait + 0.999)))
                    return 429, {**_hs_error("RATE_LIMIT", "You have reached your secondly limit."),
                                 "errorType": "RATE_LIMIT", "policyName": "SECONDLY"}, headers
                if self.headers.get("Authorization") != f"Bearer {crm.hubspot_token}":
                    return 401, _hs_error("INVALID_AUTHENTICATION", "Authentication credentials not found."), headers
                body = json.loads(raw or b"{}")
                match = re.fullmatch(r"/crm/v3/objects/(contacts|companies)/batch/upsert", path)
                if method == "POST" and match:
                    return (*crm.hubspot_upsert(match[1], body), headers)
                if method == "POST" and path == "/crm/v4/associations/contacts/companies/batch/associate/default":
                    return (*crm.hubspot_associate(body), headers)
                return 404, _hs_error("OBJECT_NOT_FOUND", f"no route {method} {path}"), headers
            if path == "/services/oauth2/token" and method == "POST":
                form = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                return (*crm.sf_token(form), {})
            match = _SF.match(path)
            if match is None:
                return 404, [{"errorCode": "NOT_FOUND", "message": "The requested resource does not exist"}], {}
            token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
            if token not in crm.tokens:
                return 401, [{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}], {}
            job_id, what = match["job"], match["what"]
            if job_id is None:
                return (*crm.sf_create_job(json.loads(raw), match[1]), {}) if method == "POST" else (405, [], {})
            job = crm.jobs.get(job_id)
            if job is None:
                return 404, [{"errorCode": "NOT_FOUND", "message": f"Job {job_id} not found"}], {}
            if method == "PUT" and what == "batches":
                return (*crm.sf_upload(job, raw), {})
            if method == "PATCH" and what is None:
                return (*crm.sf_patch(job, json.loads(raw)), {})
            return (*crm.sf_get(job, what), {})

    def _control(self, method: str, what: str, raw: bytes) -> tuple[int, Any, dict[str, str]]:
        body = json.loads(raw or b"{}")
        if what == "state":
            return 200, self.crm.state(), {}
        if what == "fault":
            self.crm.add_fault(**body)
        elif what == "config":
            self.crm.configure(**body)
        elif what == "leads":
            self.crm.seed_lead(**body)
        else:
            return 404, {"message": f"no control {what}"}, {}
        return 200, {"ok": True}, {}

    def _send(self, status: int, body: Any, headers: dict[str, str]) -> None:
        with self.crm.lock:
            self.crm.log.append({"t": time.monotonic(), "method": self.command, "path": urlsplit(self.path).path,
                                 "status": status})
        if isinstance(body, str):
            data, ctype = body.encode(), "text/csv; charset=UTF-8"
        elif body is None:
            data, ctype = b"", "application/json"
        else:
            data, ctype = json.dumps(body).encode(), "application/json;charset=utf-8"
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _reset(self) -> None:
        with self.crm.lock:
            self.crm.log.append({"t": time.monotonic(), "method": self.command, "path": urlsplit(self.path).path,
                                 "status": "reset"})
        # SO_LINGER with a zero timeout makes close() send RST: the client sees "connection reset by peer".
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True


def main() -> None:
    crm = FakeCrm().start(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(json.dumps({"url": crm.url}), flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
