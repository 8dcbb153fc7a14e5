"""The lead scorer's feature table: one Parquet row per person (schema documented in the README).

Seniority and function come from the job title through the extractor's title map (ner.titlemap, rules in
ner/data/title_map.jsonl, via output/rules.py), the same classification extraction stores on each person.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from output.exporters import ExportError
from output.rules import classify_title
from output.select import ExportPerson

SCHEMA_VERSION = 1
"""Bumped whenever a column changes meaning or type; written into the Parquet metadata."""
BATCH = 5000
_SECONDS_PER_DAY = 86_400.0


def _schema():
    import pyarrow as pa

    stamp = pa.timestamp("us", tz="UTC")
    return pa.schema([
        ("person_id", pa.int64()), ("site", pa.string()),
        ("seniority", pa.string()), ("seniority_rank", pa.int8()), ("function", pa.string()),
        ("confidence", pa.float64()),
        ("check_email_present", pa.bool_()), ("check_email_on_company_domain", pa.bool_()),
        ("check_phone_present", pa.bool_()), ("check_full_name", pa.bool_()), ("check_title_present", pa.bool_()),
        ("source_pages", pa.int32()),
        ("n_emails", pa.int32()), ("n_phones", pa.int32()), ("n_socials", pa.int32()), ("has_linkedin", pa.bool_()),
        ("contact_coverage", pa.float64()),
        ("company_people_found", pa.int32()), ("company_pages_crawled", pa.int32()),
        ("company_has_switchboard", pa.bool_()), ("company_country", pa.string()),
        ("company_careers_pages", pa.int32()), ("company_open_positions", pa.int32()),
        ("company_technologies", pa.list_(pa.field("element", pa.string()))),  # Parquet's name
        ("first_seen", stamp), ("last_seen", stamp), ("last_fetched_at", stamp),
        ("days_since_last_seen", pa.float64()), ("days_since_changed", pa.float64()),
    ], metadata={"leadscout.scorer_schema_version": str(SCHEMA_VERSION)})


def feature_row(item: ExportPerson, *, now: datetime) -> dict[str, Any]:
    """The features of one person, as of ``now`` (UTC)."""
    person, company = item.person, item.company
    title = classify_title(person.title)
    emails = list(dict.fromkeys(v.value for v in person.fields.get("email", ())))
    phones = list(dict.fromkeys(v.value for v in person.fields.get("phone", ())))
    socials = list(dict.fromkeys(v.value for v in person.fields.get("social", ())))
    every = [v for values in person.fields.values() for v in values]
    present = [bool(emails), bool(phones), bool(socials), bool(person.title)]
    return {
        "person_id": person.person_id, "site": person.site,
        "seniority": title.seniority, "seniority_rank": title.seniority_rank, "function": title.function,
        "confidence": round(person.confidence, 4),
        "check_email_present": bool(emails),
        "check_email_on_company_domain": any(e.rsplit("@", 1)[-1].endswith(person.site) for e in emails),
        "check_phone_present": bool(phones),
        "check_full_name": bool(person.given and person.family),
        "check_title_present": bool(person.title),
        "source_pages": len({v.provenance.source_url for v in every}),
        "n_emails": len(emails), "n_phones": len(phones), "n_socials": len(socials),
        "has_linkedin": any("linkedin.com" in s for s in socials),
        "contact_coverage": sum(present) / len(present),
        "company_people_found": company.people_found, "company_pages_crawled": company.pages_crawled,
        "company_has_switchboard": bool(company.phones), "company_country": company.country,
        "company_careers_pages": company.careers_pages, "company_open_positions": company.open_positions,
        "company_technologies": list(company.technologies),
        "first_seen": item.first_seen, "last_seen": item.last_seen,
        "last_fetched_at": max((v.provenance.fetched_at for v in every), default=None),
        "days_since_last_seen": round((now - item.last_seen).total_seconds() / _SECONDS_PER_DAY, 3),
        "days_since_changed": round((now - item.changed_at).total_seconds() / _SECONDS_PER_DAY, 3),
    }


def feature_rows(items: Iterable[ExportPerson], *, now: datetime | None = None) -> Iterator[dict[str, Any]]:
    now = now or datetime.now(UTC)
    return (feature_row(item, now=now) for item in items)


def write_scorer(items: Iterable[ExportPerson], path: Path, *, now: datetime | None = None,
                 on_row: Callable[[], None] | None = None) -> int:
    """Write the feature table to ``path`` (Parquet, zstd); complete or not at all (written to ``.part``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema()
    partial = path.with_name(path.name + ".part")
    count = 0
    try:
        with pq.ParquetWriter(partial, schema, compression="zstd") as writer:
            batch: list[dict[str, Any]] = []
            for row in feature_rows(items, now=now):
                batch.append(row)
                count += 1
                on_row and on_row()
                if len(batch) >= BATCH:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            if batch or count == 0:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    return count


def schema_fields() -> list[tuple[str, str]]:
    """``(column, Arrow type)`` of the feature table, for documentation and checks."""
    return [(f.name, str(f.type)) for f in _schema()]
