"""The re-validation verdict, the window parser, the contact checks and the report writer, without the network."""

from __future__ import annotations

import csv
import json
from datetime import timedelta
from pathlib import Path

import pytest

from crawler.spiders.revalidate import conditional_headers
from leadscout.revalidate.checks import StoredVerdict, check_email, check_phone
from leadscout.revalidate.decide import PageState, RevalidatePolicy, decide
from leadscout.revalidate.plan import DuePerson, WindowError, parse_window
from leadscout.revalidate.report import ReportError, RevalidateSummary, write_report

URL, OTHER = "https://acme.com/team", "https://acme.com/about"


def _person(**kwargs) -> DuePerson:
    person = DuePerson(person_id=1, site="acme.com", name="Jane Doe", person_key="jane doe", confidence=0.8,
                       emails={"jane.doe@acme.com"}, phones={"+442079460123"})
    person.sources[URL].add("sha-a")
    for key, value in kwargs.items():
        setattr(person, key, value)
    return person


@pytest.mark.parametrize(("state", "status", "on_page"), [
    (PageState(kind="not_modified", sha256="sha-a"), "active", True),
    (PageState(kind="not_modified", sha256=None), "active", True),  # 304 without a stored copy: as last seen
    (PageState(kind="unchanged", sha256="sha-a"), "active", True),
    (PageState(kind="unchanged", sha256="sha-b"), "departed", False),  # current body is not the one read
    (PageState(kind="changed", sha256="sha-c", keys=frozenset({"jane doe"})), "active", True),
    (PageState(kind="changed", sha256="sha-c", keys=frozenset({"john roe"})), "departed", False),
    (PageState(kind="gone"), "departed", False),
    (PageState(kind="failed", reason="http_503"), "stale", None),
    (PageState(kind="failed", reason="robots"), "stale", None),
], ids=["304", "304-nocopy", "same-body", "other-body", "changed-shown", "changed-absent", "404", "503", "robots"])
def test_revalidate_decide_status_from_page_state(state: PageState, status: str, on_page: bool | None) -> None:
    verdict = decide(_person(), {URL: state})
    assert (verdict.status, verdict.on_page) == (status, on_page)


def test_revalidate_decide_alias_key_counts_as_shown() -> None:
    person = _person(aliases={"jon doe"})
    state = PageState(kind="changed", sha256="x", keys=frozenset({"jon doe"}), confidence={"jon doe": 0.95})
    verdict = decide(person, {URL: state})
    assert verdict.status == "active" and verdict.base_confidence == 0.95  # the fresh extraction's score


@pytest.mark.parametrize(("other", "status"), [
    (PageState(kind="failed", reason="timeout"), "stale"),  # one page unreadable: cannot say departed
    (PageState(kind="gone"), "departed"),
    (PageState(kind="not_modified", sha256="sha-a"), "active"),
])
def test_revalidate_decide_combines_source_pages(other: PageState, status: str) -> None:
    person = _person()
    person.sources[OTHER].add("sha-a")
    assert decide(person, {URL: PageState(kind="gone"), OTHER: other}).status == status


@pytest.mark.parametrize(("emails", "phones", "status", "reasons"), [
    ({"jane.doe@acme.com"}, {"+442079460123"}, "active", set()),
    ({"jane@invalid_domain"}, set(), "invalid", {"email_invalid_syntax"}),
    ({"jane@invalid_domain"}, {"+442079460123"}, "active", {"email_invalid_syntax"}),
    ({"jane.doe@mailinator.com"}, {"+442079460123"}, "active", {"email_disposable"}),
    ({"jane.doe@acme.com"}, {"+4420"}, "active", {"phone_invalid"}),
    (set(), set(), "active", set()),  # name and title only: still a lead
])
def test_revalidate_decide_checks_contact_points(emails, phones, status, reasons) -> None:
    verdict = decide(_person(emails=emails, phones=phones), {URL: PageState(kind="not_modified", sha256="sha-a")})
    assert verdict.status == status
    assert reasons <= set(verdict.reasons)
    expected = 0.8 + (-0.2 if any(r.startswith("email") for r in reasons) else 0) + (
        -0.1 if "phone_invalid" in reasons else 0)
    assert verdict.confidence == pytest.approx(round(expected * RevalidatePolicy().status_factor[status], 3))


@pytest.mark.parametrize(("verdict", "status", "confidence"), [
    (StoredVerdict(verdict="valid", confidence=0.93, fake_name=False), "active", 0.93),
    (StoredVerdict(verdict="invalid", confidence=0.12, fake_name=True), "invalid", 0.024),
])
def test_revalidate_decide_uses_the_validation_stage_verdict(verdict, status: str, confidence: float) -> None:
    result = decide(_person(), {URL: PageState(kind="not_modified", sha256="sha-a")}, validated=verdict)
    assert (result.status, result.confidence, result.base_confidence) == (status, confidence, verdict.confidence)


def test_revalidate_decide_records_only_changes() -> None:
    person = _person(status="active", confidence=0.8)
    same = decide(person, {URL: PageState(kind="not_modified", sha256="sha-a")})
    assert same.changes(person) == []
    gone = decide(person, {URL: PageState(kind="gone")})
    assert [(c.field, c.old_value, c.new_value) for c in gone.changes(person)] == [
        ("status", "active", "departed"), ("confidence", "0.800", "0.000")]


@pytest.mark.parametrize(("text", "expected"), [
    ("30d", timedelta(days=30)), ("2w", timedelta(weeks=2)), ("12h", timedelta(hours=12)),
    (" 90m ", timedelta(minutes=90)), ("0s", timedelta(0)),
])
def test_revalidate_parse_window(text: str, expected: timedelta) -> None:
    assert parse_window(text) == expected


@pytest.mark.parametrize("text", ["30", "d30", "1y", "-3d", ""])
def test_revalidate_parse_window_refuses(text: str) -> None:
    with pytest.raises(WindowError, match="30d"):
        parse_window(text)


@pytest.mark.parametrize(("stored", "sent"), [
    ({"etag": '"abc"', "last-modified": "Mon, 05 Jan 2026 09:00:00 GMT"},
     {"If-None-Match": '"abc"', "If-Modified-Since": "Mon, 05 Jan 2026 09:00:00 GMT"}),
    ({"etag": 'W/"abc"'}, {"If-None-Match": 'W/"abc"'}),
    ({"server": "nginx"}, {}),
    (None, {}),
])
def test_revalidate_conditional_headers_from_stored_validators(stored, sent) -> None:
    assert conditional_headers(stored) == sent


@pytest.mark.parametrize(("check", "value", "ok"), [
    (check_email, "jane.doe@acme.com", True), (check_email, "jane@invalid_domain", False),
    (check_email, "jane@mailinator.com", False),
    (check_phone, "+442079460123", True), (check_phone, "+4420", False), (check_phone, "garbage", False),
])
def test_revalidate_checks_offline(check, value: str, ok: bool) -> None:
    assert check(value).ok is ok


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_revalidate_report_written_by_extension(suffix: str, tmp_path: Path) -> None:
    summary = RevalidateSummary(people=1, urls=1)
    summary.rows.append(dict(person_id=1, site="acme.com", name="=cmd()", old_status="active", status="departed",
                             old_confidence=0.8, confidence=0.0, on_page=False, reasons=["page_gone"]))
    path = tmp_path / f"report{suffix}"
    write_report(summary, path)
    if suffix == ".json":
        assert json.loads(path.read_text())["rows"][0]["status"] == "departed"
    else:
        [row] = list(csv.DictReader(path.open()))
        assert row["name"] == "'=cmd()" and row["reasons"] == "page_gone"  # spreadsheet-safe


def test_revalidate_report_refuses_other_extensions(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=".json or .csv"):
        write_report(RevalidateSummary(), tmp_path / "report.txt")
