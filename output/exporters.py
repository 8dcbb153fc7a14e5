"""File exporters: people with contact points, confidence, company facts and provenance, as CSV, JSONL or Parquet."""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leadscout.records import Person
from output.select import CompanyInfo, ExportPerson

if TYPE_CHECKING:
    from output.mapping import FieldMapping

FORMATS = ("csv", "jsonl", "parquet")
COLUMNS = (
    "person_id", "name", "given", "family", "title", "company", "site", "emails", "phones", "fax",
    "socials", "confidence", "sources", "last_fetched_at",
    "company_country", "company_phones", "company_emails", "company_socials", "company_people_found",
    "first_seen", "changed_at",
)
LIST_COLUMNS = frozenset({"emails", "phones", "fax", "socials", "sources", "company_phones", "company_emails",
                          "company_socials"})
PHONE_COLUMNS = frozenset({"phones", "fax", "company_phones"})
PROVENANCE = "provenance"
"""Per-field provenance (JSONL and Parquet only): every value with source URL, fetched_at, extractor, page hash."""
# OWASP "CSV injection": a cell starting with one of these is a formula to a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_FORMULA_CHARS = frozenset(_FORMULA_START)
_EXT = r"(?:;ext=\d+| ext\. \d+)?"  # RFC 3966 extension as stored, or as written for CRM phone fields
_E164_LIST = re.compile(rf"^\+[1-9]\d{{6,14}}{_EXT}(?:; \+[1-9]\d{{6,14}}{_EXT})*$")
PARQUET_BATCH = 5000


class ExportError(ValueError):
    """An export cannot be written; the message says what to fix."""


def typed_row(item: Person | ExportPerson) -> dict[str, Any]:
    """One row per person with multi-valued fields as lists (Parquet keeps them; CSV/JSONL join them)."""
    person, company, meta = (item.person, item.company, item) if isinstance(item, ExportPerson) else (
        item, CompanyInfo(site=item.site), None)

    def values(field: str) -> list[str]:
        return list(dict.fromkeys(v.value for v in person.fields.get(field, ())))

    every = [v for items in person.fields.values() for v in items]
    return {
        "person_id": person.person_id,
        "name": person.name,
        "given": person.given,
        "family": person.family,
        "title": person.title or "",
        "company": person.company or company.name or "",
        "site": person.site,
        "emails": values("email"),
        "phones": values("phone"),
        "fax": values("fax"),
        "socials": values("social"),
        "confidence": round(person.confidence, 3),
        "sources": list(dict.fromkeys(v.provenance.source_url for v in every)),
        "last_fetched_at": max((v.provenance.fetched_at for v in every), default=None),
        "company_country": company.country or "",
        "company_phones": list(company.phones),
        "company_emails": list(company.emails),
        "company_socials": list(company.socials),
        "company_people_found": company.people_found,
        "first_seen": meta.first_seen if meta else None,
        "changed_at": meta.changed_at if meta else None,
    }


def provenance_of(person: Person) -> list[dict[str, Any]]:
    """Every stored value of the person with where and when it came from."""
    return [{"field": field, "value": v.value, "source_url": v.provenance.source_url,
             "fetched_at": v.provenance.fetched_at, "extractor": v.provenance.extractor,
             "page_sha256": v.provenance.page_sha256}
            for field, items in person.fields.items() for v in items]


def provenance_by_field(person: Person) -> dict[str, list[dict[str, Any]]]:
    """JSONL's provenance: ``{field: [{value, source_url, fetched_at, extractor, page_sha256}, ...]}``."""
    return {field: [{"value": v.value, "source_url": v.provenance.source_url,
                     "fetched_at": v.provenance.fetched_at.isoformat(), "extractor": v.provenance.extractor,
                     "page_sha256": v.provenance.page_sha256} for v in items]
            for field, items in person.fields.items()}


def person_row(person: Person | ExportPerson) -> dict[str, Any]:
    """One flat row per person; multi-valued fields joined with ``"; "``."""
    return {k: "; ".join(v) if k in LIST_COLUMNS else v for k, v in typed_row(person).items()}


def neutralize(value: Any, column: str) -> Any:
    """Make a cell safe for spreadsheets: prefix a formula-like text with a quote.

    E.164 phone columns are left intact (``+44...`` is data, and CRM imports need it).
    """
    if not isinstance(value, str) or not value or value[0] not in _FORMULA_CHARS:
        return value
    if column in PHONE_COLUMNS and _E164_LIST.match(value):
        return value
    return "'" + value


def rows_for(people: Iterable[Person | ExportPerson], *, fmt: str,
             mapping: FieldMapping | None = None) -> Iterator[dict[str, Any]]:
    """The rows a file export writes (after the mapping), as JSON-ready dicts: what ``--dry-run`` prints."""
    for item in people:
        row = typed_row(item) if fmt == "parquet" else person_row(item)
        if fmt != "csv":
            person = item.person if isinstance(item, ExportPerson) else item
            row[PROVENANCE] = provenance_by_field(person) if fmt == "jsonl" else provenance_of(person)
        yield mapping.apply(row) if mapping else row


def write_people(people: Iterable[Person | ExportPerson], path: Path, *, fmt: str,
                 mapping: FieldMapping | None = None, on_row: Callable[[], None] | None = None) -> int:
    """Write people to ``path`` as ``csv``, ``jsonl`` or ``parquet``; returns the number written.

    The file appears complete or not at all: rows go to ``<path>.part``, renamed over ``path`` at the end.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if mapping is not None:
        mapping.check(available_columns(fmt))
    partial = path.with_name(path.name + ".part")
    rows = rows_for(people, fmt=fmt, mapping=mapping)
    count = 0
    try:
        if fmt == "parquet":
            count = _write_parquet(rows, partial, mapping, on_row)
        else:
            with partial.open("w", encoding="utf-8", newline="") as handle:
                if fmt == "csv":
                    sources = mapping.sources if mapping else COLUMNS
                    header = mapping.targets if mapping else COLUMNS
                    writer = csv.writer(handle)
                    writer.writerow(header)
                    for row in rows:
                        writer.writerow([neutralize(_text(v), src) for src, v in zip(sources, row.values())])
                        count += 1
                        on_row and on_row()
                else:
                    for row in rows:
                        handle.write(json.dumps({k: _text(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
                        count += 1
                        on_row and on_row()
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    return count


def write_csv_rows(rows: Iterable[dict[str, Any]], path: Path, header: tuple[str, ...], *,
                   phone_headers: Iterable[str] = ()) -> int:
    """A CRM-import CSV (HubSpot import, Salesforce Data Loader): neutralised like the spreadsheet CSV, with
    E.164 phones in ``phone_headers`` kept intact; written to ``.part`` and renamed."""
    phones = set(phone_headers)
    partial = path.with_name(path.name + ".part")
    count = 0
    try:
        with partial.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            for row in rows:
                writer.writerow([neutralize(row.get(h, ""), "phones" if h in phones else h) for h in header])
                count += 1
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    return count


def available_columns(fmt: str) -> tuple[str, ...]:
    """Columns a mapping file may pick for ``fmt``."""
    return COLUMNS if fmt == "csv" else (*COLUMNS, PROVENANCE)


def parquet_schema(mapping: FieldMapping | None = None):
    """The Arrow schema of the Parquet export (renamed and selected by the mapping)."""
    import pyarrow as pa

    text, stamp = pa.string(), pa.timestamp("us", tz="UTC")
    provenance = pa.list_(pa.struct([("field", text), ("value", text), ("source_url", text),
                                     ("fetched_at", stamp), ("extractor", text), ("page_sha256", text)]))
    types = {column: pa.list_(text) if column in LIST_COLUMNS else text for column in COLUMNS}
    types.update(person_id=pa.int64(), confidence=pa.float64(), company_people_found=pa.int64(),
                 last_fetched_at=stamp, first_seen=stamp, changed_at=stamp, provenance=provenance)
    pairs = mapping.pairs if mapping else [(c, c) for c in (*COLUMNS, PROVENANCE)]
    return pa.schema([(target, types[source]) for source, target in pairs])


def _write_parquet(rows: Iterator[dict[str, Any]], path: Path, mapping: FieldMapping | None,
                   on_row: Callable[[], None] | None) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(mapping)
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            count += 1
            on_row and on_row()
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count


def _text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value
