"""What a re-validation run did: counts for the summary line and one row per person for ``--report``.

Report rows carry ids, site, name, statuses, confidences and reason codes — never an email or phone number.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from output.exporters import neutralize

REPORT_COLUMNS = ("person_id", "site", "name", "old_status", "status", "old_confidence", "confidence", "on_page",
                  "reasons")


class ReportError(ValueError):
    """The --report file cannot be written as asked; the message says what to change."""


@dataclass(kw_only=True)
class RevalidateSummary:
    """Counts of one re-validation run, and one row per person re-validated."""

    job_id: int | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    people: int = 0
    """People re-validated."""
    urls: int = 0
    """Source pages re-fetched."""
    pages: Counter = field(default_factory=Counter)
    """Source pages per outcome: not_modified, unchanged, changed, gone, failed."""
    conditional_requests: int = 0
    """Requests that carried a validator (If-None-Match / If-Modified-Since)."""
    response_bytes: int = 0
    """Bytes received (Scrapy's downloader/response_bytes, robots.txt included)."""
    statuses: Counter = field(default_factory=Counter)
    """People per status after the run."""
    transitions: Counter = field(default_factory=Counter)
    """``old->new`` status changes."""
    confidence_changed: int = 0
    new_people: int = 0
    """People the re-fetched pages showed for the first time (stored, active)."""
    merged: int = 0
    """People rows identity resolution merged after re-extraction."""
    purged_people: int = 0
    purged_pages: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def requests_saved(self) -> int:
        """Full responses a 304 replaced: bodies not downloaded and not parsed."""
        return self.pages["not_modified"]

    def line(self) -> str:
        pages = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(self.pages.items())) or "none"
        statuses = ", ".join(f"{n} {s}" for s, n in sorted(self.statuses.items())) or "none"
        moves = ", ".join(f"{n} {t}" for t, n in sorted(self.transitions.items())) or "no status changes"
        purge = (f"; purged {self.purged_people} people and {self.purged_pages} pages past retention"
                 if self.purged_people or self.purged_pages else "")
        return (f"revalidated {self.people} people on {self.urls} pages ({pages}; {self.requests_saved} "
                f"full downloads saved by conditional requests); now {statuses}; {moves}; "
                f"{self.confidence_changed} confidence changes; {self.new_people} new people found{purge}")

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["pages"], data["statuses"], data["transitions"] = dict(self.pages), dict(self.statuses), \
            dict(self.transitions)
        data["requests_saved"] = self.requests_saved
        return data


def write_report(summary: RevalidateSummary, path: Path) -> None:
    """JSON (the summary with every row) or CSV (the rows) by the file's extension; written whole or not at all."""
    suffix = path.suffix.lower()
    if suffix not in (".json", ".csv"):
        raise ReportError(f"--report {path}: name a .json or .csv file")
    if not path.parent.is_dir():
        raise ReportError(f"--report {path}: folder {path.parent} does not exist")
    part = path.with_name(path.name + ".part")
    with part.open("w", encoding="utf-8", newline="") as stream:
        if suffix == ".json":
            json.dump(summary.as_dict(), stream, ensure_ascii=False, indent=2, default=_iso)
            stream.write("\n")
        else:
            writer = csv.DictWriter(stream, fieldnames=REPORT_COLUMNS)
            writer.writeheader()
            for row in summary.rows:
                cells = {**row, "reasons": ";".join(row["reasons"])}
                writer.writerow({k: neutralize(v, k) for k, v in cells.items()})  # spreadsheet-safe names
    os.replace(part, path)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else str(value)
