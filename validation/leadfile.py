"""Lead files for `leadscout validate`: CSV or JSONL in, columns found by name, the same rows out plus verdicts.

Output columns added to every row: ``verdict`` (valid/suspect/invalid), ``confidence`` (0..1),
``fake_name`` (bool) and ``reasons`` (a list of ``{code, message}``; in CSV that list as JSON text).
A malformed row (a CSV row with too many or too few fields, a JSONL line that is not a JSON object)
is reported on stderr with its line number and kept in the output, marked ``invalid`` with reason
``row_malformed``; CSV rows' surplus fields go to an ``extra_fields`` column. Input cells are written
back as read (no spreadsheet neutralisation: the file is the user's own data, returned unchanged).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from validation.contact import Lead
from validation.errors import LeadFileError

FIELDS = ("name", "first_name", "last_name", "email", "phone", "company", "website", "country", "title", "ignore")
OUTPUT_COLUMNS = ("verdict", "confidence", "fake_name", "reasons")
# Header names (lowercase, non-alphanumerics as "_") each field is recognised by.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full_name", "fullname", "contact_name", "contact", "person", "lead_name", "display_name"),
    "first_name": ("first_name", "firstname", "first", "given_name", "givenname", "fname", "forename", "vorname",
                   "prenom"),
    "last_name": ("last_name", "lastname", "last", "surname", "family_name", "familyname", "lname", "nachname",
                  "nom"),
    "email": ("email", "e_mail", "email_address", "emailaddress", "mail", "work_email", "business_email", "emails"),
    "phone": ("phone", "telephone", "tel", "mobile", "cell", "phone_number", "mobile_phone", "work_phone",
              "direct_phone", "telefon", "phones"),
    "company": ("company", "company_name", "organization", "organisation", "org", "employer", "account",
                "account_name", "firma"),
    "website": ("website", "url", "domain", "web", "site", "homepage", "company_website", "company_domain",
                "website_url", "company_url"),
    "country": ("country", "company_country", "country_code"),
    "title": ("title", "job_title", "jobtitle", "position", "role"),
}


@dataclass
class LeadTable:
    """The rows of a lead file as read, with where each came from."""

    columns: list[str]
    rows: list[dict[str, Any]]
    lines: list[int]
    """Line number of each row in the file (1-based; the header is line 1 in a CSV)."""
    problems: dict[int, str] = field(default_factory=dict)
    """Row index -> what is malformed about it."""
    fmt: str = "csv"
    delimiter: str = ","
    """The CSV delimiter read (and written back): ``,``, ``;``, tab or ``|``."""


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.strip().casefold()).strip("_")


def parse_map(entries: Sequence[str]) -> dict[str, str]:
    """``["Mail=email"]`` -> ``{"Mail": "email"}``; LeadFileError names a malformed entry."""
    out = {}
    for entry in entries:
        column, sep, target = entry.rpartition("=")
        target = target.strip().lower()
        if not sep or not column.strip() or target not in FIELDS:
            raise LeadFileError(f"--map {entry!r}: write COL=FIELD with FIELD one of {', '.join(FIELDS)}")
        out[column.strip()] = target
    return out


def detect_columns(columns: Sequence[str], overrides: dict[str, str]) -> dict[str, str]:
    """Column -> field for every column that is a lead field (by name, or by ``--map``)."""
    unknown = set(overrides) - set(columns)
    if unknown:
        raise LeadFileError(f"--map names column(s) {', '.join(sorted(unknown))} not in the file; "
                            f"its columns are: {', '.join(columns)}")
    by_key = {synonym: name for name, synonyms in _SYNONYMS.items() for synonym in synonyms}
    found = {}
    for column in columns:
        key = _key(column)
        target = overrides.get(column) or by_key.get(key) or by_key.get(re.sub(r"_?\d+$", "", key))
        if target and target != "ignore":
            found[column] = target
    if not {"name", "first_name", "last_name", "email", "phone"} & set(found.values()):
        raise LeadFileError(f"no name, email or phone column found among: {', '.join(columns) or '(none)'}; "
                            "name them so (name/first_name/last_name/email/phone) or use --map COL=FIELD")
    return found


def read_table(path: Path) -> LeadTable:
    """Read a ``.csv`` or ``.jsonl``/``.ndjson`` file (by suffix, else by its first character)."""
    if not path.is_file():
        raise LeadFileError(f"{path} does not exist or is not a file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LeadFileError(f"{path} is not UTF-8 text (bad byte at offset {exc.start}); re-save it as UTF-8") \
            from None
    except OSError as exc:
        raise LeadFileError(f"cannot read {path}: {exc.strerror}") from None
    suffix = path.suffix.lower()
    is_jsonl = suffix in (".jsonl", ".ndjson", ".json") or (suffix != ".csv" and text.lstrip().startswith("{"))
    table = _read_jsonl(text) if is_jsonl else _read_csv(text, path)
    if not table.rows:
        raise LeadFileError(f"{path} holds no rows")
    return table


def _read_csv(text: str, path: Path) -> LeadTable:
    # Spreadsheets save "CSV" with ";" (European locales) or tabs too: the header line tells which.
    header_line = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(header_line, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise LeadFileError(f"{path} is empty; a CSV needs a header row") from None
    except csv.Error as exc:
        raise LeadFileError(f"{path}: line 1 is not CSV ({exc})") from None
    columns = [c.strip() for c in header]
    if len(set(columns)) != len(columns) or not all(columns):
        raise LeadFileError(f"{path}: the header has empty or repeated column names ({', '.join(columns)})")
    table = LeadTable(columns=columns, rows=[], lines=[], fmt="csv", delimiter=delimiter)
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            table.problems[len(table.rows)] = f"not CSV ({exc})"
            table.rows.append({})
            table.lines.append(start)
            start = reader.line_num + 1
            continue
        if cells:
            row: dict[str, Any] = dict(zip(columns, cells))
            if len(cells) != len(columns):
                table.problems[len(table.rows)] = f"{len(cells)} fields where the header has {len(columns)}"
                if len(cells) > len(columns):
                    row["extra_fields"] = cells[len(columns):]
            table.rows.append(row)
            table.lines.append(start)
        start = reader.line_num + 1
    return table


def _read_jsonl(text: str) -> LeadTable:
    table = LeadTable(columns=[], rows=[], lines=[], fmt="jsonl")
    seen: dict[str, None] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            value, problem = {"_raw": line}, f"not JSON ({exc.msg} at column {exc.colno})"
        else:
            problem = "" if isinstance(value, dict) else f"a JSON {type(value).__name__}, not an object"
            if problem:
                value = {"_raw": line}
        if problem:
            table.problems[len(table.rows)] = problem
        else:
            seen.update(dict.fromkeys(value))
        table.rows.append(value)
        table.lines.append(number)
    table.columns = list(seen)
    return table


def _values(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    text = str(value).strip()
    # Several addresses or numbers in one cell, separated by ";" or "," (a phone never holds either).
    return [part.strip() for part in re.split(r"[;,]", text) if part.strip()] if text else []


def lead_from_row(row: dict[str, Any], mapping: dict[str, str]) -> Lead:
    """The lead a row describes, by the detected column mapping."""
    got: dict[str, list[str]] = {}
    for column, target in mapping.items():
        got.setdefault(target, []).extend(_values(row.get(column)) if target in ("email", "phone")
                                          else [str(row[column]).strip()] if row.get(column) not in (None, "") else [])
    name = " ".join(got.get("name", [])[:1]) or " ".join(got.get("first_name", [])[:1] + got.get("last_name", [])[:1])
    first = lambda key: (got.get(key) or [""])[0]  # noqa: E731 - one-line accessor
    return Lead(name=name.strip(), emails=tuple(got.get("email", ())), phones=tuple(got.get("phone", ())),
                company=first("company"), website=first("website"), country=first("country"), title=first("title"))


def write_rows(table: LeadTable, results: list[dict[str, Any]], out: TextIO, fmt: str) -> None:
    """Each input row with its verdict columns, in input order."""
    if fmt == "jsonl":
        for row, result in zip(table.rows, results):
            out.write(json.dumps({**row, **result}, ensure_ascii=False, default=str) + "\n")
        return
    extra = ["extra_fields"] if any("extra_fields" in row for row in table.rows) else []
    raw = ["_raw"] if any("_raw" in row for row in table.rows) else []
    columns = [c for c in table.columns if c not in OUTPUT_COLUMNS] + raw + extra + list(OUTPUT_COLUMNS)
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n",
                            delimiter=table.delimiter)
    writer.writeheader()
    cell: Callable[[Any], Any] = lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else (  # noqa: E731
        "true" if v is True else "false" if v is False else v)
    for row, result in zip(table.rows, results):
        writer.writerow({k: cell(v) for k, v in {**row, **result}.items()})
