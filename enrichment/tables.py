"""Reading record tables for linking: CSV (with a header) or JSONL (one object per line), as strings."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path


class TableError(ValueError):
    """A record file cannot be read or holds no records; the message names the file and the problem."""


@dataclass(frozen=True, kw_only=True, slots=True)
class RecordTable:
    """A table of records: column names in file order, and one dict of strings per record."""

    columns: tuple[str, ...]
    """Column names (CSV header, or the union of JSONL keys in order of first appearance)."""
    rows: list[dict[str, str]]
    """The records; missing values are ``""``."""
    source: str = ""
    """The file it was read from, for messages."""


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        # A list field (several emails) links on its first value; the rest stay in the file.
        return _cell(value[0]) if value else ""
    return str(value)


def read_table(path: Path | str) -> RecordTable:
    """Read a ``.csv`` or ``.jsonl``/``.ndjson`` file (sniffed by content when the suffix says neither)."""
    path = Path(path)
    if not path.is_file():
        raise TableError(f"{path} does not exist or is not a file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise TableError(f"cannot read {path}: {exc}") from None
    suffix = path.suffix.lower()
    is_jsonl = suffix in (".jsonl", ".ndjson", ".json") or (suffix != ".csv" and text.lstrip().startswith("{"))
    table = _read_jsonl(text, path) if is_jsonl else _read_csv(text, path)
    if not table.rows:
        raise TableError(f"{path} holds no records")
    return table


def _read_csv(text: str, path: Path) -> RecordTable:
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames:
        raise TableError(f"{path} is empty; a CSV needs a header row and at least one record")
    columns = tuple(name.strip() for name in reader.fieldnames)
    if len(set(columns)) != len(columns):
        raise TableError(f"{path}: the header repeats a column name ({', '.join(columns)})")
    rows = []
    for raw in reader:
        rows.append({column: (raw.get(original) or "").strip()
                     for column, original in zip(columns, reader.fieldnames, strict=True)})
    return RecordTable(columns=columns, rows=rows, source=str(path))


def _read_jsonl(text: str, path: Path) -> RecordTable:
    rows: list[dict[str, str]] = []
    columns: dict[str, None] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TableError(f"{path}:{number}: not a JSON object ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise TableError(f"{path}:{number}: expected a JSON object per line, got {type(obj).__name__}")
        columns.update(dict.fromkeys(obj))
        rows.append({key: _cell(value).strip() for key, value in obj.items()})
    names = tuple(columns)
    return RecordTable(columns=names, rows=[{c: row.get(c, "") for c in names} for row in rows], source=str(path))
