"""validation.leadfile / run: column detection, delimiters, several values per cell, malformed rows kept."""

from __future__ import annotations

import io
import json

import pytest

from validation.batch import ValidateOptions
from validation.errors import LeadFileError
from validation.leadfile import detect_columns, lead_from_row, parse_map, read_table
from validation.run import validate_file


@pytest.mark.parametrize(("header", "field"), [
    ("Name", "name"), ("Full Name", "name"), ("first_name", "first_name"), ("Given-Name", "first_name"),
    ("Vorname", "first_name"), ("Surname", "last_name"), ("E-Mail", "email"), ("email_2", "email"),
    ("Email Address", "email"), ("Mobile", "phone"), ("Phone Number", "phone"), ("Telefon", "phone"),
    ("Organisation", "company"), ("Company Website", "website"), ("URL", "website"), ("Job Title", "title"),
    ("Country", "country"),
])
def test_leadfile_detects_columns_by_name(header, field):
    assert detect_columns([header, "email"], {}).get(header) == field


def test_leadfile_map_overrides_and_ignores():
    columns = detect_columns(["Kontakt", "Mail", "Name"], parse_map(["Kontakt=name", "Mail=email", "Name=ignore"]))
    assert columns == {"Kontakt": "name", "Mail": "email"}


@pytest.mark.parametrize("entry", ["email", "=email", "Mail=", "Mail=telefax"])
def test_leadfile_map_refuses_malformed_entries(entry):
    with pytest.raises(LeadFileError, match="COL=FIELD"):
        parse_map([entry])


def test_leadfile_needs_a_name_email_or_phone_column():
    with pytest.raises(LeadFileError, match="no name, email or phone column"):
        detect_columns(["company", "website"], {})


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_leadfile_reads_and_writes_back_the_files_delimiter(tmp_path, delimiter):
    path = tmp_path / "leads.csv"
    path.write_text(delimiter.join(["Name", "E-Mail", "Company"]) + "\n"
                    + delimiter.join(["Jane Smith", "jane@acme.com", "Acme; Inc" if delimiter != ";" else "Acme"])
                    + "\n", encoding="utf-8")
    out = io.StringIO()
    validate_file(path, out, options=ValidateOptions(dns=None))
    header, row = out.getvalue().splitlines()[:2]
    assert header.split(delimiter)[:3] == ["Name", "E-Mail", "Company"]
    assert row.startswith(f"Jane Smith{delimiter}jane@acme.com")


def test_leadfile_several_values_per_cell_and_split_names():
    columns = detect_columns(["first", "last", "emails", "phone"], {})
    lead = lead_from_row({"first": "Jane", "last": "Smith", "emails": "jane@acme.com; j@acme.com",
                          "phone": ["+44 20 7946 0123"]}, columns)
    assert lead.name == "Jane Smith"
    assert lead.emails == ("jane@acme.com", "j@acme.com") and lead.phones == ("+44 20 7946 0123",)


def test_leadfile_bom_and_blank_lines(tmp_path):
    path = tmp_path / "leads.csv"
    path.write_bytes("\ufeffname,email\n\nJane Smith,jane@acme.com\n\n".encode())
    table = read_table(path)
    assert table.columns == ["name", "email"] and table.lines == [3] and not table.problems


def test_leadfile_not_utf8_is_bad_input(tmp_path):
    path = tmp_path / "leads.csv"
    path.write_bytes(b"name,email\nJ\xe4ne,jane@acme.com\n")
    with pytest.raises(LeadFileError, match="not UTF-8"):
        read_table(path)


def test_leadfile_malformed_rows_warn_with_line_numbers_and_stay(tmp_path):
    path = tmp_path / "leads.jsonl"
    path.write_text('{"name": "Jane Smith", "email": "jane@acme.com"}\n\n"just a string"\n{"name": "Li Wu"}\n',
                    encoding="utf-8")
    warnings: list[str] = []
    out = io.StringIO()
    summary = validate_file(path, out, options=ValidateOptions(dns=None), warn=warnings.append)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert warnings == ["line 3: a JSON str, not an object (kept, marked invalid)"]
    assert len(rows) == 3 and rows[1]["verdict"] == "invalid" and summary.malformed == 1
    assert rows[2]["name"] == "Li Wu" and rows[2]["verdict"] == "invalid"  # no email, no phone
