"""Logs and error messages carry no raw email address or phone number (masked by leadscout.privacy.redact)."""

from __future__ import annotations

import logging

import pytest

from leadscout.privacy.redact import MaskedLogRecord, RedactingFilter, mask
from tests.conftest import run_cli
from tests.revalidate_support import Member, team_page
from tests.webserver import Reply, serve

MEMBERS = [
    Member("Alice Johnson", "Chief Executive Officer", "alice.johnson@acme-widgets.co.uk", "+442079460101"),
    Member("Brian Patel", "Head of Sales", "brian.patel@acme-widgets.co.uk", "+442079460102"),
]
GERMAN = '<p>Klaus Weber, Vertrieb: <a href="mailto:k.weber@kessler.de">k.weber@kessler.de</a>, Tel. 0711 23456-40</p>'


@pytest.mark.parametrize(("text", "masked"), [
    ("found jane.doe@acme.co.uk", "found ***@acme.co.uk"),
    ("call +44 20 7946 0123 now", "call <phone> now"),
    ("e164 +442079460123;ext=12", "e164 <phone>"),
    ("Tel. 0711 23456-40", "Tel. <phone>"),
    ("US (212) 555-0199", "US <phone>"),
    ("FR 01 23 45 67 89", "FR <phone>"),
])
def test_privacy_logs_mask(text: str, masked: str) -> None:
    assert mask(text) == masked


@pytest.mark.parametrize("text", [
    "GET http://127.0.0.1:41235/team.html 2026-11-01 12:00:00",
    "scrapy 2.19.0, 10.0.0.5:8080, job 1234567, sha 3fa1b2c34d5e0011",
    "revalidated 10000 people on 500 pages in 12.5 s",
])
def test_privacy_logs_mask_leaves_other_numbers(text: str) -> None:
    assert mask(text) == text


def test_privacy_logs_records_are_masked_when_formatted() -> None:
    record = MaskedLogRecord("x", logging.INFO, __file__, 1, "sent to %s at %s", ("a.b@c.com", "+442079460123"),
                             None)
    assert record.getMessage() == "sent to ***@c.com at <phone>"
    plain = logging.LogRecord("x", logging.INFO, __file__, 1, "to %s", ("a.b@c.com",), None)
    RedactingFilter().filter(plain)
    assert plain.getMessage() == "to ***@c.com"


def test_privacy_logs_real_run_leaks_nothing(sqlite_url: str) -> None:
    """crawl, revalidate, provenance, forget and an error, all at DEBUG: stderr has no raw contact data."""
    html = team_page(MEMBERS).replace("</body>", GERMAN + "</body>")
    routes = {"/robots.txt": Reply(404, "none"), "/": Reply(200, html, etag='"1"')}
    debug = {"LEADSCOUT_LOG_LEVEL": "DEBUG"}
    with serve(routes) as site:
        runs = [run_cli("crawl", site.url, "--allow-private", "--delay", "0", "--max-pages-per-site", "1",
                        "--db", sqlite_url, env=debug)]
        routes["/"] = Reply(200, html.replace("Head of Sales", "Sales Director"), etag='"2"')
        runs.append(run_cli("revalidate", "--older-than", "0s", "--allow-private", "--delay", "0", "--db",
                            sqlite_url, env=debug))
    runs.append(run_cli("provenance", MEMBERS[0].email, "--format", "json", "--db", sqlite_url, env=debug))
    runs.append(run_cli("forget", MEMBERS[1].email, "--db", sqlite_url, env=debug))
    runs.append(run_cli("forget", "+44 20 7946 0999", "--site", "nowhere.example", "--db", sqlite_url, env=debug))
    runs.append(run_cli("revalidate", "--older-than", MEMBERS[0].email, "--db", sqlite_url, env=debug))
    assert [r.returncode for r in runs] == [0, 0, 0, 0, 0, 2], [r.stderr[-500:] for r in runs]
    assert MEMBERS[0].email in runs[2].stdout  # the answer to the data subject is on stdout, not in a log
    logs = "\n".join(r.stderr for r in runs)
    assert "DEBUG" in logs and "***@acme-widgets.co.uk" in logs  # there was something to mask, and it was
    raw = {m.email for m in MEMBERS} | {m.phone for m in MEMBERS} | {"k.weber@kessler.de", "0711 23456-40",
                                                                     "+497112345640", "+44 20 7946 0999"}
    raw |= {f"{m.phone[:3]} {m.phone[3:5]} {m.phone[5:9]} {m.phone[9:]}" for m in MEMBERS}
    leaked = sorted(value for value in raw if value in logs)
    assert not leaked, f"raw contact data in logs: {len(leaked)} values"
