"""`leadscout export`: choose the people, then write a file or push to a CRM, recording the run in the store."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from leadscout.config import Settings
from leadscout.progress import ProgressReporter, null_progress
from leadscout.store import create_store_engine
from leadscout.store.crawl import create_job, finish_job
from leadscout.store.people import count_people
from output.crm import PushSummary
from output.exporters import FORMATS, ExportError, rows_for, write_csv_rows, write_people
from output.ledger import Ledger
from output.mapping import load_mapping
from output.select import Selection, parse_since

log = logging.getLogger(__name__)

CRM_DESTINATIONS = ("hubspot", "salesforce")
DESTINATIONS = (*FORMATS, "scorer", "hubspot", "hubspot-csv", "salesforce", "salesforce-csv")
DEFAULT_FILES = {"csv": "leads.csv", "jsonl": "leads.jsonl", "parquet": "leads.parquet",
                 "scorer": "scorer_features.parquet", "hubspot-csv": "hubspot_contacts.csv",
                 "salesforce-csv": "salesforce_leads.csv"}


@dataclass(frozen=True, kw_only=True)
class ExportRequest:
    """What `leadscout export` was asked to do."""

    to: str
    """One of DESTINATIONS."""
    out: Path | None = None
    """Output file (file destinations); None = DEFAULT_FILES[to]."""
    mapping: Path | None = None
    """TOML mapping file (csv, jsonl, parquet)."""
    since: str | None = None
    """``last``, a duration (``7d``) or an ISO date: only people changed since then."""
    min_confidence: float = 0.0
    """Leave out people below this confidence."""
    dry_run: bool = False
    """Show what would be written or sent (``emit``), write and send nothing, record nothing."""


@dataclass(kw_only=True)
class ExportSummary:
    """What an export did."""

    destination: str
    path: Path | None = None
    written: int = 0
    """Rows written to the file (or, on a dry run, shown)."""
    selected: int = 0
    suppressed: int = 0
    inactive: int = 0
    unchanged: int = 0
    """Left out by --since."""
    rejected: list[tuple[int, str]] = field(default_factory=list)
    """People refused by the destination's format, with the reason (Salesforce CSV, HubSpot CSV)."""
    push: PushSummary | None = None
    """The CRM push (hubspot, salesforce)."""


def run_export(settings: Settings, request: ExportRequest, *, progress: ProgressReporter = null_progress,
               emit: Callable[[dict[str, Any]], None] | None = None, engine: Engine | None = None,
               crm_session=None) -> ExportSummary:
    """Run one export; a CRM push's outcomes land in the ledger, every non-dry run in ``jobs`` (kind export)."""
    if request.to not in DESTINATIONS:
        raise ExportError(f"unknown export format {request.to!r}; choose one of {', '.join(DESTINATIONS)}")
    if request.mapping is not None and request.to not in FORMATS:
        raise ExportError(f"--mapping applies to {', '.join(FORMATS)} exports, not {request.to}")
    mapping = load_mapping(request.mapping) if request.mapping else None
    engine = engine or create_store_engine(settings.db)
    since = parse_since(request.since, engine=engine, destination=request.to)
    selection = Selection(engine=engine, since=since, min_confidence=request.min_confidence)
    path = None if request.to in CRM_DESTINATIONS else (request.out or Path(DEFAULT_FILES[request.to]))
    summary = ExportSummary(destination=request.to, path=path)
    job_id = None if request.dry_run else create_job(engine, "export", {
        "destination": request.to, "out": str(path) if path else None, "since": request.since})
    task = progress.task(f"exporting to {request.to}", total=count_people(engine))
    try:
        _dispatch(settings, request, selection, summary, mapping, engine, emit, task.advance, crm_session)
    except BaseException as exc:
        if job_id is not None:
            finish_job(engine, job_id, status="failed", error=f"{type(exc).__name__}: {exc}"[:500])
        raise
    finally:
        task.done()
    if job_id is not None:
        finish_job(engine, job_id, status="done")
    summary.selected, summary.suppressed = selection.selected, selection.suppressed
    summary.inactive, summary.unchanged = selection.inactive, selection.unchanged
    return summary


def _dispatch(settings: Settings, request: ExportRequest, selection: Selection, summary: ExportSummary, mapping,
              engine: Engine, emit, advance: Callable[[], None], crm_session) -> None:
    to, path = request.to, summary.path
    if to in FORMATS:
        if request.dry_run:
            summary.written = _emit_all(rows_for(_counted(selection, advance), fmt=to, mapping=mapping), emit)
        else:
            summary.written = write_people(selection, path, fmt=to, mapping=mapping, on_row=advance)
    elif to == "scorer":
        from output.scorer import feature_rows, write_scorer

        if request.dry_run:
            summary.written = _emit_all(feature_rows(_counted(selection, advance)), emit)
        else:
            summary.written = write_scorer(selection, path, on_row=advance)
    elif to == "hubspot-csv":
        from output.crm.hubspot import IMPORT_COLUMNS, import_rows

        rows, no_email = import_rows(_counted(selection, advance))
        summary.rejected = [(0, "no email address")] * no_email
        summary.written = _emit_all(rows, emit) if request.dry_run else write_csv_rows(
            rows, path, IMPORT_COLUMNS, phone_headers=("Phone Number",))
    elif to == "salesforce-csv":
        from output.crm.salesforce import dataloader_rows, lead_columns

        rows, summary.rejected = dataloader_rows(_counted(selection, advance), settings.salesforce_external_id)
        if request.dry_run:
            summary.written = _emit_all(rows, emit)
        else:
            summary.written = write_csv_rows(rows, path, lead_columns(settings.salesforce_external_id),
                                             phone_headers=("Phone",))
            if summary.rejected:
                rejects = path.with_name(path.stem + ".rejected.csv")
                write_csv_rows(({"person_id": pid, "reason": why} for pid, why in summary.rejected), rejects,
                               ("person_id", "reason"))
    else:
        summary.push = push_to_crm(settings, to, selection, engine=engine, dry_run=request.dry_run, emit=emit,
                                   on_person=advance, session=crm_session)


def push_to_crm(settings: Settings, to: str, items, *, engine: Engine, dry_run: bool = False, emit=None,
                on_person=None, session=None) -> PushSummary:
    """Push people to HubSpot or Salesforce through the ledger (a dry run contacts nothing)."""
    from output.crm.http import CrmSession

    ledger = Ledger(engine, to)
    session = session or CrmSession(user_agent=settings.user_agent)
    if to == "hubspot":
        from output.crm import hubspot

        config = hubspot.HubSpotConfig(base_url=settings.hubspot_url, token=settings.hubspot_token,
                                       company_id_property=settings.hubspot_company_id_property)
        client = None if dry_run else hubspot.HubSpotClient(config, session)
        return hubspot.push(items, ledger, client, dry_run=dry_run, emit=emit, on_person=on_person,
                            company_id_property=config.company_id_property)
    from output.crm import salesforce

    config = salesforce.SalesforceConfig(
        url=settings.salesforce_url, client_id=settings.salesforce_client_id,
        client_secret=settings.salesforce_client_secret, username=settings.salesforce_username,
        password=settings.salesforce_password, api_version=settings.salesforce_api_version,
        external_id_field=settings.salesforce_external_id,
    )
    client = None if dry_run else salesforce.SalesforceClient(config, session)
    return salesforce.push(items, ledger, client, dry_run=dry_run, emit=emit, on_person=on_person,
                           external_id_field=config.external_id_field, records_per_job=config.records_per_job)


def _counted(items, advance: Callable[[], None]):
    for item in items:
        advance()
        yield item


def _emit_all(rows, emit) -> int:
    count = 0
    for row in rows:
        if emit:
            emit(row)
        count += 1
    return count
