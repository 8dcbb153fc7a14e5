from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from leadscout.records import Person, Provenance, SourcedValue
from output.exporters import ExportError, neutralize, write_people

PROV = Provenance(source_url="https://acme.com/team", fetched_at=datetime(2026, 11, 2, tzinfo=UTC),
                  extractor="test/1", page_sha256="ab" * 32)


def _person(name: str = "Jane Doe", title: str = "CFO") -> Person:
    return Person(person_id=1, site="acme.com", name=name, given="Jane", family="Doe", title=title,
                  company="Acme", confidence=0.9, fields={
                      "email": (SourcedValue(value="jane@acme.com", provenance=PROV),),
                      "phone": (SourcedValue(value="+442079460123", provenance=PROV),
                                SourcedValue(value="+442079460999", provenance=PROV)),
                  })


@pytest.mark.parametrize("value", ["=HYPERLINK(\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "\nx"])
def test_exporters_neutralize_formula_cells(value: str) -> None:
    assert neutralize(value, "name") == "'" + value


@pytest.mark.parametrize("value", ["+442079460123", "+442079460123; +14155550123", "+4930123456;ext=12"])
def test_exporters_keep_e164_phones_intact(value: str) -> None:
    assert neutralize(value, "phones") == value


def test_exporters_do_not_pass_formula_through_phone_column() -> None:
    assert neutralize("+1+cmd|' /C calc'!A0", "phones").startswith("'")


def test_exporters_csv_has_provenance_and_safe_cells(tmp_path: Path) -> None:
    out = tmp_path / "leads.csv"
    assert write_people([_person(name="=cmd|' /C calc'!A0")], out, fmt="csv") == 1
    [row] = list(csv.DictReader(out.open(encoding="utf-8")))
    assert row["name"].startswith("'=")
    assert row["phones"] == "+442079460123; +442079460999"
    assert row["sources"] == "https://acme.com/team"
    assert row["last_fetched_at"].startswith("2026-11-02")


def test_exporters_jsonl_carries_per_field_provenance(tmp_path: Path) -> None:
    out = tmp_path / "leads.jsonl"
    write_people([_person()], out, fmt="jsonl")
    row = json.loads(out.read_text(encoding="utf-8"))
    assert row["provenance"]["email"][0] == {
        "value": "jane@acme.com", "source_url": "https://acme.com/team", "fetched_at": "2026-11-02T00:00:00+00:00",
        "extractor": "test/1", "page_sha256": "ab" * 32,
    }


def test_exporters_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format"):
        write_people([], tmp_path / "x", fmt="xlsx")
