"""File exports: CSV/JSONL/Parquet content, mapping files, formula neutralisation, --since, privacy, atomicity."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import update

from leadscout.store.privacy import suppress
from leadscout.store.schema import people as people_table
from output.export import ExportRequest, run_export
from output.exporters import ExportError, neutralize
from output.mapping import MappingError, load_mapping
from output.select import SelectionError, parse_since
from tests.output_support import contact, crm_settings, people, store_people


def _export(url: str, tmp_path: Path, to: str, **kwargs):
    out = tmp_path / f"out.{to}"
    summary = run_export(crm_settings(url, "http://127.0.0.1:9"), ExportRequest(to=to, out=out, **kwargs))
    return summary, out


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://x\")", "+SUM(1)", "-2+3", "@A1", "\tTab", "\rCR", "\nLF"])
def test_output_exporters_csv_neutralises_every_formula_start(name: str, sqlite_url: str, tmp_path: Path) -> None:
    store_people(sqlite_url, [contact(name + " Doe", emails=("x@acme.com",), phones=("+442079460123",),
                                      title="=cmd|' /C calc'!A0", company="@Acme")])
    _, out = _export(sqlite_url, tmp_path, "csv")
    [row] = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert row["name"].startswith("'") and row["title"].startswith("'=") and row["company"].startswith("'@")
    assert row["phones"] == "+442079460123"  # E.164 stays intact


@pytest.mark.parametrize(("value", "column", "kept"), [
    ("+442079460123", "company_phones", True), ("+442079460123 ext. 12", "phones", True),
    ("+1+cmd|' /C calc'!A0", "phones", False), ("+442079460123", "name", False),
])
def test_output_exporters_phone_columns_keep_only_real_e164(value: str, column: str, kept: bool) -> None:
    assert (neutralize(value, column) == value) is kept


def test_output_exporters_csv_has_company_facts_and_provenance(store_url: str, tmp_path: Path) -> None:
    store_people(store_url, people(3), switchboard={"acme.com": "+442079460000"})
    summary, out = _export(store_url, tmp_path, "csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert summary.written == 3 and len(rows) == 3
    assert rows[0]["company_phones"] == "+442079460000" and rows[0]["company_people_found"] == "3"
    assert rows[0]["company_country"] == "GB" and rows[0]["sources"] == "https://acme.com/team"
    assert not list(tmp_path.glob("*.part"))


def test_output_exporters_parquet_is_typed_with_provenance(sqlite_url: str, tmp_path: Path) -> None:
    store_people(sqlite_url, people(2))
    _, out = _export(sqlite_url, tmp_path, "parquet")
    table = pq.read_table(out)
    assert table.num_rows == 2
    assert str(table.schema.field("emails").type) == "list<element: string>"
    assert str(table.schema.field("confidence").type) == "double"
    first = table.to_pylist()[0]
    assert first["emails"] == ["p0@acme.com"]
    assert {p["field"] for p in first["provenance"]} == {"name", "title", "email", "phone"}
    assert first["provenance"][0]["source_url"] == "https://acme.com/team"


def test_output_exporters_jsonl_carries_provenance_by_field(sqlite_url: str, tmp_path: Path) -> None:
    store_people(sqlite_url, people(1))
    _, out = _export(sqlite_url, tmp_path, "jsonl")
    row = json.loads(out.read_text(encoding="utf-8"))
    assert row["provenance"]["email"][0]["extractor"] == "test/1"
    assert row["company_people_found"] == 1


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_output_exporters_mapping_selects_and_renames(fmt: str, sqlite_url: str, tmp_path: Path) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\nemails = "Email"\nname = "Full name"\nphones = "Tel"\n', encoding="utf-8")
    store_people(sqlite_url, people(1))
    _, out = _export(sqlite_url, tmp_path, fmt, mapping=mapping)
    if fmt == "csv":
        rows = list(csv.reader(out.open(encoding="utf-8", newline="")))
        assert rows == [["Email", "Full name", "Tel"], ["p0@acme.com", "Person0 Family0", "+442079460100"]]
    elif fmt == "jsonl":
        assert json.loads(out.read_text()) == {"Email": "p0@acme.com", "Full name": "Person0 Family0",
                                               "Tel": "+442079460100"}
    else:
        assert pq.read_table(out).to_pylist() == [{"Email": ["p0@acme.com"], "Full name": "Person0 Family0",
                                                   "Tel": ["+442079460100"]}]


@pytest.mark.parametrize(("text", "message"), [
    ('[columns]\nnope = "X"\n', "nope: no such column"),
    ("[columns]\n", "needs a [columns] table"),
    ('[columns]\nname = "A"\nemails = "A"\n', "header(s) A used twice"),
    ('[colums]\nname = "A"\n', "unknown table(s) colums"),
    ("[columns\n", "not valid TOML"),
])
def test_output_exporters_bad_mapping_is_named(text: str, message: str, sqlite_url: str, tmp_path: Path) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text(text, encoding="utf-8")
    store_people(sqlite_url, people(1))
    with pytest.raises(MappingError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        _export(sqlite_url, tmp_path, "csv", mapping=mapping)


def test_output_exporters_missing_mapping_file(tmp_path: Path) -> None:
    with pytest.raises(MappingError, match="does not exist"):
        load_mapping(tmp_path / "none.toml")


def test_output_exporters_suppressed_and_erased_people_never_exported(store_url: str, tmp_path: Path) -> None:
    engine = store_people(store_url, people(4) + [contact("Obi Jector", emails=("obi@acme.com",))])
    with engine.begin() as conn:
        suppress(conn, [("email", "P1@ACME.COM ")], reason="erasure")  # matched after normalisation
        suppress(conn, [("phone", "+442079460102")], reason="objection")
        suppress(conn, [("name", "obi jector@acme.com")], reason="objection")
        conn.execute(update(people_table).where(people_table.c.full_name == "Person3 Family3").values(status="erased"))
    summary, out = _export(store_url, tmp_path, "csv")
    names = [r["name"] for r in csv.DictReader(out.open(encoding="utf-8", newline=""))]
    assert names == ["Person0 Family0"]
    assert (summary.suppressed, summary.inactive) == (3, 1)


def test_output_exporters_since_last_exports_only_what_changed(store_url: str, tmp_path: Path) -> None:
    store_people(store_url, people(3))
    first, _ = _export(store_url, tmp_path, "csv", since="last")  # nothing exported before: everyone
    assert first.written == 3
    second, _ = _export(store_url, tmp_path, "csv", since="last")
    assert (second.written, second.unchanged) == (0, 3)
    store_people(store_url, [contact("Person1 Family1", emails=("new@acme.com",), page="about")])
    third, out = _export(store_url, tmp_path, "csv", since="last")
    assert third.written == 1
    assert [r["emails"] for r in csv.DictReader(out.open(encoding="utf-8"))] == ["p1@acme.com; new@acme.com"]


def test_output_exporters_dry_run_writes_nothing(sqlite_url: str, tmp_path: Path) -> None:
    store_people(sqlite_url, people(2))
    shown: list[dict] = []
    summary = run_export(crm_settings(sqlite_url, "http://127.0.0.1:9"),
                         ExportRequest(to="csv", out=tmp_path / "x.csv", dry_run=True), emit=shown.append)
    assert summary.written == 2 and [r["name"] for r in shown] == ["Person0 Family0", "Person1 Family1"]
    assert not (tmp_path / "x.csv").exists()
    again = run_export(crm_settings(sqlite_url, "http://127.0.0.1:9"),
                       ExportRequest(to="csv", out=tmp_path / "x.csv", since="last"))
    assert again.written == 2  # a dry run is not "the last export"


@pytest.mark.parametrize(("text", "expected"), [
    ("7d", datetime(2026, 11, 3, tzinfo=UTC)), ("12h", datetime(2026, 11, 9, 12, tzinfo=UTC)),
    ("2026-11-01", datetime(2026, 11, 1, tzinfo=UTC)),
    ("2026-11-01T10:00:00+01:00", datetime(2026, 11, 1, 9, tzinfo=UTC)),
])
def test_output_exporters_since_forms(text: str, expected: datetime, sqlite_url: str) -> None:
    engine = store_people(sqlite_url, [])
    assert parse_since(text, engine=engine, destination="csv", now=datetime(2026, 11, 10, tzinfo=UTC)) == expected


def test_output_exporters_since_nonsense_is_refused(sqlite_url: str) -> None:
    engine = store_people(sqlite_url, [])
    with pytest.raises(SelectionError, match="use 'last', a duration"):
        parse_since("yesterday", engine=engine, destination="csv")


def test_output_exporters_unwritable_path_leaves_no_file(sqlite_url: str, tmp_path: Path) -> None:
    store_people(sqlite_url, people(1))
    with pytest.raises(ExportError, match="cannot write"):
        _export(sqlite_url, tmp_path / "no" / "dir", "csv")


def test_output_exporters_crm_import_csvs(sqlite_url: str, tmp_path: Path) -> None:
    store_people(sqlite_url, people(2) + [contact("Madonna", emails=("m@acme.com",)),
                                          contact("Jane Doe", emails=(" JANE@Acme.com",), phones=("+14155550123",)),
                                          contact("Jane Q Doe", emails=("jane@acme.com",), title="=1+1")])
    hub, out = _export(sqlite_url, tmp_path, "hubspot-csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert list(rows[0]) == ["Email", "First Name", "Last Name", "Job Title", "Phone Number", "Company Name",
                             "Website URL"]
    assert [r["Email"] for r in rows].count("jane@acme.com") == 1  # case/whitespace variants merged
    assert {r["Phone Number"] for r in rows} >= {"+442079460100", "+14155550123"}
    sf, out = _export(sqlite_url, tmp_path, "salesforce-csv")
    leads = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert len(leads) == 4 and sf.rejected == [(3, "missing LastName (no family name found)")]
    assert any(lead["Title"] == "'=1+1" for lead in leads)
    assert (tmp_path / "out.rejected.csv").exists()


def test_output_exporters_unknown_destination(sqlite_url: str, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format 'xlsx'"):
        _export(sqlite_url, tmp_path, "xlsx")
