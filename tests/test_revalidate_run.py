"""`leadscout revalidate` end to end against scripted loopback sites, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from leadscout.store import create_store_engine
from leadscout.store.crawl import as_utc
from leadscout.store.schema import pages, people, person_history, person_validation
from tests.conftest import run_cli
from tests.revalidate_support import Member, long_ago, seed_page, statuses, team_page
from tests.webserver import Reply, serve

ALICE = Member("Alice Johnson", "Chief Executive Officer", "alice.johnson@acme-widgets.co.uk", "+442079460101")
BRIAN = Member("Brian Patel", "Head of Sales", "brian.patel@acme-widgets.co.uk", "+442079460102")
CARLA = Member("Carla Mendes", "Finance Director", "carla.mendes@acme-widgets.co.uk")
DAN = Member("Daniel Okafor", "Head of Marketing", "daniel.okafor@acme-widgets.co.uk")
ERIN = Member("Erin Walsh", "Chief Operating Officer", "erin.walsh@acme-widgets.co.uk")
FRANK = Member("Frank Novak", "Product Manager", "frank.novak@acme-widgets.co.uk")
GINA = Member("Gina Rossi", "Legal Counsel", "gina.rossi@acme-widgets.co.uk")
HUGO = Member("Hugo Martin", "Buyer", "hugo@invalid_domain")
IVY = Member("Ivy Chen", "Engineer", "ivy.chen@acme-widgets.co.uk")
JACK = Member("Jack Turner", "Sales Manager", "jack.turner@blocked.example")
LAST_MODIFIED = format_datetime(datetime(2026, 1, 5, 9, 0, tzinfo=UTC), usegmt=True)
NO_ROBOTS = Reply(404, "no robots.txt")


def _routes() -> dict[str, Reply]:
    return {
        "/robots.txt": NO_ROBOTS,
        "/same.html": Reply(200, team_page([ALICE, BRIAN]), etag='"v1"', last_modified=LAST_MODIFIED),
        "/changed.html": Reply(200, team_page([CARLA, ERIN]), etag='"v2"'),
        "/gone.html": Reply(404, "gone"),
        "/invalid.html": Reply(200, team_page([HUGO]), etag='"h1"'),
        "/fresh.html": Reply(200, team_page([IVY]), etag='"i1"'),
    }


def _seed(engine, base: str, blocked: str, down: str) -> None:
    then = long_ago()
    validators = {"etag": '"v1"', "last-modified": LAST_MODIFIED}
    seed_page(engine, base + "same.html", team_page([ALICE, BRIAN]), [ALICE, BRIAN], fetched_at=then,
              headers=validators)
    seed_page(engine, base + "changed.html", team_page([CARLA, DAN]), [CARLA, DAN], fetched_at=then,
              headers={"etag": '"v1"'})
    seed_page(engine, base + "gone.html", team_page([FRANK]), [FRANK], fetched_at=then)
    seed_page(engine, down + "down.html", team_page([GINA]), [GINA], fetched_at=then)
    seed_page(engine, base + "invalid.html", team_page([HUGO]), [HUGO], fetched_at=then, headers={"etag": '"h1"'})
    seed_page(engine, base + "fresh.html", team_page([IVY]), [IVY], fetched_at=datetime.now(UTC) - timedelta(days=1))
    seed_page(engine, blocked + "team.html", team_page([JACK]), [JACK], fetched_at=then)


def test_revalidate_run_updates_status_confidence_and_history(store_url: str, tmp_path: Path) -> None:
    engine = create_store_engine(store_url)
    blocked_routes = {"/robots.txt": Reply(503, "down"), "/team.html": Reply(200, team_page([JACK]))}
    down_routes = {"/robots.txt": NO_ROBOTS, "/down.html": Reply(503, "maintenance", {"Retry-After": "0"})}
    # Own loopback addresses: a site's 503 backs off its whole download slot (the host), not the others.
    with serve(_routes()) as site, serve(blocked_routes, host="127.0.0.2") as blocked, \
            serve(down_routes, host="127.0.0.3") as down:
        _seed(engine, site.url, blocked.url, down.url)
        report = tmp_path / "report.json"
        started = datetime.now(UTC)
        result = run_cli("revalidate", "--older-than", "30d", "--allow-private", "--delay", "0", "--report",
                         str(report), "--db", store_url, env={"LEADSCOUT_DOWNLOAD_TIMEOUT": "5"})
        answers = list(site.answers)
        blocked_paths = blocked.paths()
        requested = site.paths()
    assert result.returncode == 0, result.stderr
    assert "revalidated 8 people on 6 pages" in result.stderr

    found = statuses(engine)
    assert {name: status for name, (status, _) in found.items()} == {
        ALICE.name: "active", BRIAN.name: "active",  # 304: still there, unchanged
        CARLA.name: "active", ERIN.name: "active",   # on the changed page (Erin is new)
        DAN.name: "departed",                        # the changed page no longer shows him
        FRANK.name: "departed",                      # his page is gone (404)
        GINA.name: "stale",                          # his page answers 503: cannot confirm
        HUGO.name: "invalid",                        # still there, but his only email fails its check
        IVY.name: "active",                          # confirmed yesterday: not due, not fetched
        JACK.name: "stale",                          # robots.txt unreachable: fail-closed, page not fetched
    }
    assert found[DAN.name][1] == 0.0 and found[GINA.name][1] < found[ALICE.name][1]

    # Conditional requests: the stored validators went out, the unchanged page answered 304 without a body.
    same = [(status, headers) for path, status, headers in answers if path == "/same.html"]
    assert [status for status, _ in same] == [304]
    assert same[0][1].get("If-None-Match") == '"v1"' and same[0][1].get("If-Modified-Since") == LAST_MODIFIED
    assert "/fresh.html" not in requested
    assert set(blocked_paths) == {"/robots.txt"}  # RFC 9309 fail-closed: the page itself never requested

    with engine.connect() as conn:
        history = conn.execute(select(people.c.full_name, person_history.c.field, person_history.c.old_value,
                                      person_history.c.new_value, person_history.c.changed_at)
                               .join(people, people.c.id == person_history.c.person_id)).all()
        validated = dict(conn.execute(select(people.c.full_name, person_validation.c.on_page)
                                      .join(people, people.c.id == person_validation.c.person_id)).all())
        alice_seen = conn.execute(select(people.c.last_seen).where(people.c.full_name == ALICE.name)).scalar_one()
        same_page = conn.execute(select(pages.c.fetched_at, pages.c.headers)
                                 .where(pages.c.url == site.url + "same.html")).one()
    changes = {(name, field_, old, new) for name, field_, old, new, _ in history}
    assert (DAN.name, "status", "active", "departed") in changes
    assert (FRANK.name, "status", "active", "departed") in changes
    assert (GINA.name, "status", "active", "stale") in changes
    assert (HUGO.name, "status", "active", "invalid") in changes
    assert not any(name == ALICE.name and field_ == "status" for name, field_, *_ in changes)
    assert all(as_utc(at) >= started - timedelta(seconds=5) for *_, at in history)
    assert validated[ALICE.name] == 1 and validated[DAN.name] == 0 and validated[GINA.name] is None
    assert as_utc(alice_seen) >= started - timedelta(seconds=5)  # a 304 confirms the person now
    assert as_utc(same_page.fetched_at) >= started - timedelta(seconds=5)  # ... and the stored copy

    data = json.loads(report.read_text())
    assert data["pages"] == {"not_modified": 2, "changed": 1, "gone": 1, "failed": 2}
    assert data["requests_saved"] == 2 and data["new_people"] == 1
    assert data["transitions"]["active->departed"] == 2
    assert "@" not in report.read_text() and "+44" not in report.read_text()  # no contact data in reports

    again = run_cli("revalidate", "--older-than", "30d", "--allow-private", "--delay", "0", "--db", store_url)
    assert again.returncode == 0, again.stderr
    assert "revalidated 0 people" in again.stderr  # everyone was just re-validated: nothing is due


def test_revalidate_run_keeps_the_ssrf_guard(sqlite_url: str) -> None:
    engine = create_store_engine(sqlite_url)
    with serve(_routes()) as site:
        seed_page(engine, site.url + "same.html", team_page([ALICE]), [ALICE], fetched_at=long_ago(),
                  headers={"etag": '"v1"'})
        result = run_cli("revalidate", "--db", sqlite_url)  # no --allow-private: loopback is refused
        requested = site.paths()
    assert result.returncode == 0, result.stderr
    assert requested == []  # not a single connection, robots.txt included
    assert statuses(engine)[ALICE.name][0] == "stale"


@pytest.mark.parametrize(("flag", "kind"), [("--unconditional", "unchanged")])  # --conditional: the test above
def test_revalidate_run_unconditional_refetch_still_confirms(flag: str, kind: str, sqlite_url: str,
                                                             tmp_path: Path) -> None:
    engine = create_store_engine(sqlite_url)
    with serve(_routes()) as site:
        seed_page(engine, site.url + "same.html", team_page([ALICE, BRIAN]), [ALICE, BRIAN],
                  fetched_at=long_ago(), headers={"etag": '"v1"', "last-modified": LAST_MODIFIED})
        report = tmp_path / "r.csv"
        result = run_cli("revalidate", flag, "--allow-private", "--delay", "0", "--report", str(report),
                         "--db", sqlite_url)
        sent = [headers for path, _, headers in site.answers if path == "/same.html"]
    assert result.returncode == 0, result.stderr
    assert ("If-None-Match" in sent[0]) == (flag == "--conditional")
    assert statuses(engine)[ALICE.name][0] == "active"
    rows = report.read_text().splitlines()
    assert rows[0].startswith("person_id,site,name,old_status,status") and len(rows) == 3
    assert f"on_page_{kind}" in rows[1]
