"""`leadscout provenance`: every stored field about a person with source URL, fetch time, extractor and page hash."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import pytest

from leadscout.privacy.lookup import QueryError, find_people, parse_query
from leadscout.store import create_store_engine
from leadscout.store.history import Change, record_changes
from tests.conftest import run_cli
from tests.revalidate_support import Member, seed_page, team_page

ALICE = Member("Alice Johnson", "Chief Executive Officer", "alice.johnson@acme-widgets.co.uk", "+442079460101")
BRIAN = Member("Brian Patel", "Head of Sales", "brian.patel@acme-widgets.co.uk", "+442079460102")
TEAM, ABOUT = "https://acme-widgets.co.uk/team.html", "https://acme-widgets.co.uk/about.html"
FETCHED = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
LATER = datetime(2026, 11, 9, 9, 30, tzinfo=UTC)


def _seed(url: str) -> None:
    engine = create_store_engine(url)
    seed_page(engine, TEAM, team_page([ALICE, BRIAN]), [ALICE, BRIAN], fetched_at=FETCHED)
    about = Member(ALICE.name, "CEO and founder", ALICE.email)
    seed_page(engine, ABOUT, team_page([about]), [about], fetched_at=LATER)
    with engine.begin() as conn:
        record_changes(conn, [Change(person_id=1, field="status", old_value="active", new_value="stale",
                                     reason="page_http_503")], at=LATER, job_id=None)


@pytest.mark.parametrize("query", ["ALICE.JOHNSON@acme-widgets.co.uk", "020 7946 0101", "alice  JOHNSON"])
def test_privacy_provenance_json_answers_where_and_when(query: str, store_url: str) -> None:
    _seed(store_url)
    result = run_cli("provenance", query, "--format", "json", "--db", store_url,
                     env={"LEADSCOUT_DEFAULT_REGION": "GB"})
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    [person] = report["people"]
    assert person["name"] == ALICE.name and person["site"] == "acme-widgets.co.uk"
    by_value = {(f["field"], f["value"], f["source_url"]): f for f in person["fields"]}
    team_sha = hashlib.sha256(team_page([ALICE, BRIAN]).encode()).hexdigest()
    email_on_team = by_value[("email", ALICE.email, TEAM)]
    assert email_on_team["fetched_at"] == FETCHED.isoformat()
    assert email_on_team["extractor"] == "ner/1" and email_on_team["page_sha256"] == team_sha
    assert by_value[("email", ALICE.email, ABOUT)]["fetched_at"] == LATER.isoformat()  # both sightings
    assert {f["field"] for f in person["fields"]} == {"name", "title", "email", "phone"}
    assert all(f["source_url"] and f["fetched_at"] and f["extractor"] and len(f["page_sha256"]) == 64
               for f in person["fields"])
    assert person["history"][0]["new_value"] == "stale"
    assert BRIAN.email not in result.stdout  # only the person asked about


@pytest.mark.parametrize("query", [ALICE.email, "+44 20 7946 0101", "Alice Johnson", "alice johnson"])
def test_privacy_find_people_by_email_phone_or_name(query: str, store_url: str) -> None:
    _seed(store_url)
    with create_store_engine(store_url).connect() as conn:
        assert find_people(conn, parse_query(query, default_region="GB")) == [1]
        assert find_people(conn, parse_query(query, default_region="GB"), site="other.com") == []


def test_privacy_provenance_table_is_readable(sqlite_url: str) -> None:
    _seed(sqlite_url)
    result = run_cli("provenance", ALICE.email, "--db", sqlite_url)
    assert result.returncode == 0, result.stderr
    assert "person 1: Alice Johnson at acme-widgets.co.uk" in result.stdout
    assert TEAM in result.stdout and "ner/1" in result.stdout and "2026-11-02T09:30:00+00:00" in result.stdout


def test_privacy_provenance_unknown_and_suppressed(sqlite_url: str) -> None:
    _seed(sqlite_url)
    assert run_cli("forget", BRIAN.email, "--db", sqlite_url).returncode == 0
    result = run_cli("provenance", BRIAN.email, "--format", "table", "--db", sqlite_url)
    assert result.returncode == 0
    assert "no stored data matches the query; it is on the suppression list" in result.stderr


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("Jane.Doe@Example.COM", "email", "jane.doe@example.com"),
    ("+44 (0)20 7946 0123", "phone", "+442079460123"),
    ("030 1234567", "phone", "+49301234567"),
    ("Jane  Doe", "name", "Jane Doe"),
])
def test_privacy_parse_query(text: str, kind: str, value: str) -> None:
    query = parse_query(text, default_region="DE" if text.startswith("030") else "GB")
    assert (query.kind, query.value) == (kind, value)


@pytest.mark.parametrize("text", ["", "   ", "jane@@example", "12345", "---"])
def test_privacy_parse_query_refuses(text: str) -> None:
    with pytest.raises(QueryError):
        parse_query(text)


def test_privacy_provenance_bad_query_is_one_line_without_the_value(sqlite_url: str) -> None:
    result = run_cli("provenance", "jane@@example.com", "--db", sqlite_url)
    assert result.returncode == 2
    assert result.stderr.startswith("leadscout: error: the query has an @ but is not a valid email")
    assert "jane" not in result.stderr
