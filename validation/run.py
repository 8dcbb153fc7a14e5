"""What `leadscout validate FILE` does, as a plain function: read, validate the batch, write."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from leadscout.progress import ProgressReporter, null_progress
from validation.batch import BatchResult, ValidateOptions, gc_paused, validate_leads
from validation.contact import Lead
from validation.errors import LeadFileError
from validation.leadfile import detect_columns, lead_from_row, parse_map, read_table, write_rows
from validation.reasons import reason

log = logging.getLogger(__name__)

FORMATS = ("jsonl", "csv")


@dataclass(frozen=True)
class FileSummary:
    """What a run did: rows in and out, verdict counts, malformed rows and the clustering used."""

    rows: int
    verdicts: dict[str, int]
    malformed: int
    clustering: str
    dns_lookups: int
    fmt: str


def validate_file(path: Path, out: TextIO, *, fmt: str | None = None, mapping: Sequence[str] = (),
                  options: ValidateOptions = ValidateOptions(), progress: ProgressReporter = null_progress,
                  warn: Callable[[str], None] = log.warning) -> FileSummary:
    """Validate every row of a lead file and write the rows with their verdicts to ``out``.

    ``fmt`` is the output format (default: the input's). Malformed rows are passed to ``warn`` as
    ``"line N: ..."`` and written out marked invalid; none is dropped.
    """
    if fmt is not None and fmt not in FORMATS:
        raise LeadFileError(f"unknown --format {fmt!r}; choose jsonl or csv")
    with gc_paused():
        return _validate_file(path, out, fmt=fmt, overrides=parse_map(mapping), options=options,
                              progress=progress, warn=warn)


def _validate_file(path: Path, out: TextIO, *, fmt: str | None, overrides: dict[str, str],
                   options: ValidateOptions, progress: ProgressReporter, warn: Callable[[str], None]) -> FileSummary:
    table = read_table(path)
    columns = detect_columns(table.columns, overrides)
    for index, problem in sorted(table.problems.items()):
        warn(f"line {table.lines[index]}: {problem} (kept, marked invalid)")
    good = [i for i in range(len(table.rows)) if i not in table.problems]
    leads: list[Lead] = [lead_from_row(table.rows[i], columns) for i in good]
    batch: BatchResult = validate_leads(leads, options, progress=progress)
    results: list[dict[str, Any]] = [{}] * len(table.rows)
    for i, assessment in zip(good, batch.assessments):
        results[i] = {"verdict": assessment.verdict, "confidence": assessment.confidence,
                      "fake_name": assessment.fake_name, "reasons": assessment.reasons_as_dicts()}
    for i, problem in table.problems.items():
        bad = reason("row_malformed", detail=f"line {table.lines[i]}: {problem}")
        results[i] = {"verdict": "invalid", "confidence": 0.0, "fake_name": False, "reasons": [bad.as_dict()]}
    task = progress.task("writing", total=len(table.rows))
    write_rows(table, results, out, fmt or table.fmt)
    task.advance(len(table.rows))
    task.done()
    verdicts = dict(batch.stats)
    if table.problems:
        verdicts["invalid"] = verdicts.get("invalid", 0) + len(table.problems)
    return FileSummary(rows=len(table.rows), verdicts=verdicts, malformed=len(table.problems),
                       clustering=batch.cluster.method, dns_lookups=batch.dns_lookups, fmt=fmt or table.fmt)
