"""HubSpot: the contacts import CSV, and a live push through the CRM v3 batch upsert API (contacts by normalised
email, companies by a unique property) with v4 default contact->company associations.

API shapes (developers.hubspot.com, CRM v3 objects and v4 associations):
``POST /crm/v3/objects/{contacts|companies}/batch/upsert`` with ``{"inputs": [{"id", "idProperty",
"properties", "objectWriteTraceId"}]}`` (at most 100 inputs; 200 COMPLETE or 207 multi-status with
``errors``), ``POST /crm/v4/associations/contacts/companies/batch/associate/default`` with
``{"inputs": [{"from": {"id"}, "to": {"id"}}]}``. Auth: ``Authorization: Bearer <private-app token>``.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from output.crm import PushSummary
from output.crm.http import CrmConfigError, CrmError, CrmSession, redact
from output.ledger import Ledger, Outcome, payload_hash
from output.select import ExportPerson

log = logging.getLogger(__name__)

BATCH_LIMIT = 100  # HubSpot batch endpoints take at most 100 inputs per request
LEDGER_CHUNK = 500  # people looked up in the ledger at once
IMPORT_COLUMNS = ("Email", "First Name", "Last Name", "Job Title", "Phone Number", "Company Name", "Website URL")
"""The contacts import file's headers: HubSpot's import maps them to email, firstname, lastname, jobtitle,
phone, company and website; contacts are de-duplicated by Email on import."""
_IMPORT_KEYS = ("email", "firstname", "lastname", "jobtitle", "phone", "company", "website")


def normalize_email(value: str) -> str:
    """HubSpot's contact key: NFKC, trimmed, lowercased (HubSpot lowercases stored emails)."""
    return unicodedata.normalize("NFKC", value).strip().lower()


def primary_email(item: ExportPerson) -> str | None:
    """The address a contact is keyed by: the first on the company's own domain, else the first found."""
    emails = [normalize_email(v.value) for v in item.person.fields.get("email", ())]
    on_site = [e for e in emails if e.rsplit("@", 1)[-1].endswith(item.person.site)]
    return (on_site or emails or [None])[0]


def contact_properties(item: ExportPerson) -> dict[str, str] | None:
    """HubSpot default contact properties for a person; None when there is no email to key them by."""
    email = primary_email(item)
    if email is None:
        return None
    person = item.person
    phones = [v.value for v in person.fields.get("phone", ())]
    props = {
        "email": email, "firstname": person.given, "lastname": person.family, "jobtitle": person.title or "",
        "phone": phones[0].replace(";ext=", " ext. ") if phones else "",
        "company": person.company or item.company.name or "", "website": f"https://{person.site}",
    }
    return {k: v for k, v in props.items() if v}


def company_properties(item: ExportPerson, id_property: str) -> dict[str, str]:
    """HubSpot default company properties for the person's company, keyed by ``id_property``."""
    company = item.company
    props = {"domain": company.site, "name": company.name or item.person.company or "",
             "phone": company.phones[0] if company.phones else "", "country": company.country or ""}
    props[id_property] = company.site
    return {k: v for k, v in props.items() if v}


def merge(properties: list[dict[str, str]]) -> dict[str, str]:
    """Several people with one email become one input: the first (most confident) non-empty value wins."""
    merged: dict[str, str] = {}
    for props in properties:
        for key, value in props.items():
            merged.setdefault(key, value)
    return merged


def import_rows(items: Iterable[ExportPerson]) -> tuple[list[dict[str, str]], int]:
    """Rows of the contacts import CSV (one per normalised email, duplicates merged); and how many people
    were left out for having no email (HubSpot would import them as duplicates on every run)."""
    groups: dict[str, list[tuple[float, dict[str, str]]]] = {}
    no_email = 0
    for item in items:
        props = contact_properties(item)
        if props is None:
            no_email += 1
            continue
        groups.setdefault(props["email"], []).append((item.person.confidence, props))
    rows = []
    for group in groups.values():
        merged = merge([p for _, p in sorted(group, key=lambda cp: -cp[0])])
        rows.append({header: merged.get(key, "") for header, key in zip(IMPORT_COLUMNS, _IMPORT_KEYS)})
    return rows, no_email


@dataclass(frozen=True, kw_only=True)
class HubSpotConfig:
    """Where and how to reach HubSpot."""

    base_url: str = "https://api.hubapi.com"
    token: str | None = None
    company_id_property: str = "domain"
    batch_size: int = BATCH_LIMIT


@dataclass
class BatchResult:
    """A batch upsert's answer, by the input's key."""

    ids: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


class HubSpotClient:
    """The three calls a push needs, over a retrying session."""

    def __init__(self, config: HubSpotConfig, session: CrmSession) -> None:
        if not config.token:
            raise CrmConfigError("no HubSpot token; set LEADSCOUT_HUBSPOT_TOKEN to a private-app access token "
                                 "with crm.objects.contacts.write and crm.objects.companies.write scopes")
        self.config = config
        self.session = session
        self.requests = 0

    def _post(self, path: str, body: dict[str, Any]) -> Any:
        self.requests += 1
        response = self.session.request("POST", self.config.base_url.rstrip("/") + path, json=body,
                                        headers={"Authorization": f"Bearer {self.config.token}"})
        if response.status_code in (401, 403):
            raise CrmConfigError(f"HubSpot refused the token (HTTP {response.status_code}: "
                                 f"{redact(_message(response))}); check LEADSCOUT_HUBSPOT_TOKEN and its scopes")
        return response

    def upsert(self, object_type: str, id_property: str, records: dict[str, dict[str, str]]) -> BatchResult:
        """Upsert ``{key: properties}``; a batch refused as a whole (400) is split to isolate the bad input."""
        keys = list(records)
        inputs = [{"id": key, "idProperty": id_property, "properties": records[key], "objectWriteTraceId": str(i)}
                  for i, key in enumerate(keys)]
        response = self._post(f"/crm/v3/objects/{object_type}/batch/upsert", {"inputs": inputs})
        result = BatchResult()
        if response.status_code in (200, 201, 207):
            body = response.json()
            for item in body.get("results", []):
                key = _key_of(item, keys, id_property)
                if key is not None:
                    result.ids[key] = str(item.get("id"))
            for error in body.get("errors", []):
                for key in _error_keys(error, keys):
                    result.errors[key] = redact(error.get("message") or error.get("category") or "error")
            for key in keys:  # neither confirmed nor refused: not confirmed, so sent again next run
                if key not in result.ids and key not in result.errors:
                    result.errors[key] = "no result returned for this input"
            return result
        message = redact(f"HTTP {response.status_code}: {_message(response)}")
        if response.status_code == 400 and len(keys) > 1:
            half = len(keys) // 2
            first = self.upsert(object_type, id_property, {k: records[k] for k in keys[:half]})
            second = self.upsert(object_type, id_property, {k: records[k] for k in keys[half:]})
            return BatchResult(ids={**first.ids, **second.ids}, errors={**first.errors, **second.errors})
        return BatchResult(errors={key: message for key in keys})

    def associate(self, pairs: list[tuple[str, str]]) -> dict[str, str]:
        """Default contact->company associations; returns errors by contact id (empty when all held)."""
        if not pairs:
            return {}
        body = {"inputs": [{"from": {"id": c}, "to": {"id": co}} for c, co in pairs]}
        response = self._post("/crm/v4/associations/contacts/companies/batch/associate/default", body)
        if response.status_code in (200, 201):
            return {}
        if response.status_code == 207:
            errors: dict[str, str] = {}
            for error in response.json().get("errors", []):
                mentioned = {str(v) for v in _flatten(error.get("context", {}))}
                for contact, _ in pairs:
                    if contact in mentioned:
                        errors[contact] = redact(error.get("message", "association failed"))
            return errors
        message = redact(f"association HTTP {response.status_code}: {_message(response)}")
        return {contact: message for contact, _ in pairs}


def push(items: Iterable[ExportPerson], ledger: Ledger, client: HubSpotClient | None, *, dry_run: bool = False,
         emit: Callable[[dict[str, Any]], None] | None = None, on_person: Callable[[], None] | None = None,
         company_id_property: str = "domain", batch_size: int = BATCH_LIMIT) -> PushSummary:
    """Send people as contacts (and their companies) to HubSpot, at most ``batch_size`` emails per request,
    recording every outcome in the ledger; ``dry_run`` emits the inputs instead and records nothing."""
    summary = PushSummary(destination=ledger.destination)
    batch: dict[str, list[tuple[ExportPerson, dict[str, str], str]]] = {}

    def flush() -> None:
        if batch:
            _send(batch, ledger, client, summary, dry_run, emit, company_id_property)
            batch.clear()

    for chunk in _chunks(items, LEDGER_CHUNK):
        prepared = []
        for item in chunk:
            summary.considered += 1
            props = contact_properties(item)
            company = company_properties(item, company_id_property)
            prepared.append((item, props, payload_hash({"contact": props, "company": company})))
        send = ledger.to_send([(item.person.person_id, digest) for item, _, digest in prepared])
        rejected = []
        for item, props, digest in prepared:
            if on_person:
                on_person()
            if item.person.person_id not in send:
                summary.unchanged += 1
                continue
            if props is None:
                summary.rejected += 1
                summary.count_reason("no email address (HubSpot contacts are keyed by email)")
                rejected.append(Outcome(person_id=item.person.person_id, record_key="", payload_sha256=digest,
                                        status="rejected", result="no email address"))
                continue
            if props["email"] not in batch and len(batch) >= batch_size:
                flush()
            batch.setdefault(props["email"], []).append((item, props, digest))
        if not dry_run:
            ledger.record(rejected)
    flush()
    if client is not None:
        summary.requests = client.requests
    return summary


def _send(batch: dict[str, list[tuple[ExportPerson, dict[str, str], str]]], ledger: Ledger,
          client: HubSpotClient | None, summary: PushSummary, dry_run: bool,
          emit: Callable[[dict[str, Any]], None] | None, id_property: str) -> None:
    contacts = {key: merge([p for _, p, _ in sorted(group, key=lambda g: -g[0].person.confidence)])
                for key, group in batch.items()}
    companies = {item.company.site: company_properties(item, id_property)
                 for group in batch.values() for item, _, _ in group}
    people = [(key, item, digest) for key, group in batch.items() for item, _, digest in group]
    summary.sent += len(people)
    if dry_run or client is None:
        for key, group in batch.items():
            emit and emit({"destination": "hubspot", "object": "contacts", "idProperty": "email", "id": key,
                           "properties": contacts[key], "company": companies[group[0][0].company.site],
                           "person_ids": [item.person.person_id for item, _, _ in group]})
        return
    ledger.record([Outcome(person_id=item.person.person_id, record_key=key, payload_sha256=digest,
                           status="pending") for key, item, digest in people])
    try:
        company_result = client.upsert("companies", id_property, companies)
        contact_result = client.upsert("contacts", "email", contacts)
        pairs = [(contact_result.ids[key], company_result.ids[group[0][0].company.site])
                 for key, group in batch.items()
                 if key in contact_result.ids and group[0][0].company.site in company_result.ids]
        association_errors = client.associate(pairs)
    except CrmError as exc:
        reason = redact(str(exc))
        ledger.record([Outcome(person_id=item.person.person_id, record_key=key, payload_sha256=digest,
                               status="failed", result=reason) for key, item, digest in people])
        summary.failed += len(people)
        summary.count_reason(reason)
        raise
    outcomes = []
    for key, item, digest in people:
        contact_id = contact_result.ids.get(key)
        problem = contact_result.errors.get(key) if contact_id is None else (
            association_errors.get(contact_id) or company_result.errors.get(item.company.site))
        if problem is None:
            summary.confirmed += 1
            outcomes.append(Outcome(person_id=item.person.person_id, record_key=key, payload_sha256=digest,
                                    status="confirmed", result=contact_id))
        else:
            summary.failed += 1
            summary.count_reason(problem)
            outcomes.append(Outcome(person_id=item.person.person_id, record_key=key, payload_sha256=digest,
                                    status="failed", result=problem))
    ledger.record(outcomes)


def _key_of(item: dict[str, Any], keys: list[str], id_property: str) -> str | None:
    trace = item.get("objectWriteTraceId")
    if trace is not None and str(trace).isdigit() and int(trace) < len(keys):
        return keys[int(trace)]
    value = (item.get("properties") or {}).get(id_property)
    if value is None:
        return None
    value = normalize_email(value) if id_property == "email" else value
    return value if value in keys else None


def _error_keys(error: dict[str, Any], keys: list[str]) -> list[str]:
    context = error.get("context") or {}
    traces = [error.get("objectWriteTraceId")] + list(context.get("objectWriteTraceId") or [])
    found = [keys[int(t)] for t in traces if t is not None and str(t).isdigit() and int(t) < len(keys)]
    found += [v for v in context.get("ids") or [] if v in keys]
    return list(dict.fromkeys(found))


def _flatten(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for inner in value.values():
            yield from _flatten(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _flatten(inner)
    else:
        yield value


def _message(response: Any) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    return str(body.get("message") or body) if isinstance(body, dict) else str(body)[:200]


def _chunks(items: Iterable[ExportPerson], size: int) -> Iterator[list[ExportPerson]]:
    chunk: list[ExportPerson] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
