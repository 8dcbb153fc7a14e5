"""File exporters: people with their contact points, confidence and provenance, as CSV or JSONL."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from leadscout.records import Person

FORMATS = ("csv", "jsonl")
COLUMNS = (
    "person_id", "name", "given", "family", "title", "company", "site", "emails", "phones", "fax",
    "socials", "confidence", "sources", "last_fetched_at",
)
# OWASP "CSV injection": a cell starting with one of these is a formula to a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_E164_LIST = re.compile(r"^\+[1-9]\d{6,14}(?:;ext=\d+)?(?:; \+[1-9]\d{6,14}(?:;ext=\d+)?)*$")


class ExportError(ValueError):
    """An export cannot be written; the message says what to fix."""


def person_row(person: Person) -> dict[str, Any]:
    """One flat row per person; multi-valued fields joined with ``"; "``."""
    def values(field: str) -> list[str]:
        return list(dict.fromkeys(v.value for v in person.fields.get(field, ())))

    every = [v for items in person.fields.values() for v in items]
    return {
        "person_id": person.person_id,
        "name": person.name,
        "given": person.given,
        "family": person.family,
        "title": person.title or "",
        "company": person.company or "",
        "site": person.site,
        "emails": "; ".join(values("email")),
        "phones": "; ".join(values("phone")),
        "fax": "; ".join(values("fax")),
        "socials": "; ".join(values("social")),
        "confidence": round(person.confidence, 3),
        "sources": "; ".join(dict.fromkeys(v.provenance.source_url for v in every)),
        "last_fetched_at": max((v.provenance.fetched_at for v in every), default=None),
    }


def neutralize(value: Any, column: str) -> Any:
    """Make a cell safe for spreadsheets: prefix a formula-like text with a quote.

    E.164 phone columns are left intact (``+44...`` is data, and CRM imports need it).
    """
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    if column in ("phones", "fax") and _E164_LIST.match(value):
        return value
    return "'" + value


def write_people(people: Iterable[Person], path: Path, *, fmt: str) -> int:
    """Write people to ``path`` as ``csv`` or ``jsonl``; returns the number written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    count = 0
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            if fmt == "csv":
                writer = csv.DictWriter(handle, fieldnames=COLUMNS)
                writer.writeheader()
                for person in people:
                    row = person_row(person)
                    writer.writerow({k: neutralize(_text(v), k) for k, v in row.items()})
                    count += 1
            else:
                for person in people:
                    row = person_row(person)
                    row["provenance"] = {
                        field: [{"value": v.value, "source_url": v.provenance.source_url,
                                 "fetched_at": v.provenance.fetched_at.isoformat(),
                                 "extractor": v.provenance.extractor, "page_sha256": v.provenance.page_sha256}
                                for v in items]
                        for field, items in person.fields.items()
                    }
                    handle.write(json.dumps({k: _text(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
                    count += 1
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror}") from None
    return count


def _text(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value
