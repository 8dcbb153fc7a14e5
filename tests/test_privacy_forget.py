"""`leadscout forget`: erasure and objection, with a lasting effect on ingest, re-crawls and every export."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import func, select

from leadscout.privacy.forget import ForgetError, forget
from leadscout.privacy.lookup import parse_query
from leadscout.records import CompanyFacts, Provenance, SourcedValue
from leadscout.store import create_store_engine
from leadscout.store.history import Change, record_changes
from leadscout.store.people import save_extraction
from leadscout.store.privacy import suppressed
from leadscout.store.schema import (export_ledger, pages, people, person_facts, person_history, site_facts,
                                    suppression)
from leadscout.config import Settings
from output.export import ExportRequest, run_export
from output.select import Selection
from tests.conftest import run_cli
from tests.revalidate_support import Member, seed_page, statuses, team_page
from tests.webserver import Reply, serve

SWITCHBOARD = "+442079460100"
ALICE = Member("Alice Johnson", "Chief Executive Officer", "alice.johnson@acme-widgets.co.uk", "+442079460101")
BRIAN = Member("Brian Patel", "Head of Sales", "brian.patel@acme-widgets.co.uk", SWITCHBOARD)
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
BASE = "https://acme-widgets.co.uk/"


def _seed(engine) -> int:
    page_id = seed_page(engine, BASE + "team.html", team_page([ALICE, BRIAN]), [ALICE, BRIAN], fetched_at=NOW)
    seed_page(engine, BASE + "news.html", "<p>Alice Johnson joins the board</p>", [], fetched_at=NOW)
    seed_page(engine, BASE + "contact.html", f"<p>Call {SWITCHBOARD}</p>", [], fetched_at=NOW)
    provenance = Provenance(source_url=BASE + "contact.html", fetched_at=NOW, extractor="ner/1", page_sha256="x")
    save_extraction(engine, None, [], CompanyFacts(site="acme-widgets.co.uk", name="Acme",
                                                   phones=(SourcedValue(value=SWITCHBOARD, provenance=provenance),)))
    with engine.begin() as conn:
        alice = conn.execute(select(people.c.id).where(people.c.full_name == ALICE.name)).scalar_one()
        conn.execute(export_ledger.insert(), [
            dict(destination="hubspot", person_id=alice, record_key="k", payload_sha256="p", status="pending",
                 result=None, sent_at=NOW),
            dict(destination="salesforce", person_id=alice, record_key="ls_1", payload_sha256="p",
                 status="confirmed", result="00Q000000000001", sent_at=NOW)])
        record_changes(conn, [Change(person_id=alice, field="status", old_value="stale", new_value="active")],
                       at=NOW, job_id=None)
    return page_id


def _count(engine, table, where=None) -> int:
    query = select(func.count()).select_from(table)
    with engine.connect() as conn:
        return conn.execute(query.where(where) if where is not None else query).scalar_one()


def _exported(engine) -> set[str]:
    return {item.person.name for item in Selection(engine=engine)}


@pytest.mark.parametrize("query", [ALICE.email, "+44 20 7946 0101", ALICE.name])
def test_privacy_forget_erases_the_person_and_what_holds_them(query: str, store_url: str) -> None:
    engine = create_store_engine(store_url)
    _seed(engine)
    summary = forget(engine, parse_query(query, default_region="GB"))
    assert summary.people == 1 and summary.pending_exports == 1 and summary.history == 1
    assert summary.recipients == [("salesforce", "00Q000000000001")]  # to erase there too (Art. 19)
    assert set(statuses(engine)) == {BRIAN.name}
    assert _count(engine, person_facts) == 4  # Brian's name, title, email, phone
    assert _count(engine, person_history) == 0 and _count(engine, export_ledger) == 0
    with engine.connect() as conn:
        left = set(conn.execute(select(pages.c.url)).scalars())
        assert suppressed(conn, [("email", ALICE.email)]) and suppressed(conn, [("phone", ALICE.phone)])
        assert suppressed(conn, [("name", f"{ALICE.name}@acme-widgets.co.uk")])
        assert not suppressed(conn, [("phone", SWITCHBOARD)])  # Brian's switchboard: shared, kept
        assert not suppressed(conn, [("email", BRIAN.email)])
        raw = conn.execute(select(suppression.c.key_hash)).scalars().all()
    assert left == {BASE + "contact.html"}  # the team page and the news item held her; the contact page not
    assert not any(ALICE.email in h or "Alice" in h for h in raw)  # salted hashes, not the identifiers
    assert summary.shared_kept == 0 or query != ALICE.email

    # A re-crawl of the same page (the real ingest path) brings her back nowhere: not stored, not exported.
    seed_page(engine, BASE + "team.html", team_page([ALICE, BRIAN]), [ALICE, BRIAN], fetched_at=NOW)
    assert set(statuses(engine)) == {BRIAN.name}
    assert _exported(engine) == {BRIAN.name}


def test_privacy_forget_object_only_keeps_the_record_out_of_every_export(store_url: str, tmp_path: Path) -> None:
    engine = create_store_engine(store_url)
    _seed(engine)
    result = run_cli("forget", ALICE.email, "--object-only", "--db", store_url)
    assert result.returncode == 0, result.stderr
    assert "objection recorded for 1 people" in result.stderr and "flag it do-not-contact" in result.stderr
    assert statuses(engine)[ALICE.name][0] == "objected"
    assert _count(engine, export_ledger) == 1  # the pending hubspot row is gone; the confirmed one is history
    with engine.connect() as conn:
        change = conn.execute(select(person_history.c.old_value, person_history.c.new_value,
                                     person_history.c.reason).order_by(person_history.c.id.desc())).first()
    assert tuple(change) == ("active", "objected", "objection")
    assert _exported(engine) == {BRIAN.name}
    for fmt, out in (("csv", tmp_path / "leads.csv"), ("scorer", tmp_path / "scorer.parquet")):
        run_export(Settings(db=store_url), ExportRequest(to=fmt, out=out), engine=engine)
    assert [row["name"] for row in csv.DictReader((tmp_path / "leads.csv").open())] == [BRIAN.name]
    assert pq.read_table(tmp_path / "scorer.parquet").num_rows == 1  # the scorer feed too
    assert pq.read_table(tmp_path / "scorer.parquet").column("company_people_found").to_pylist() == [1]
    # A re-crawl neither revives nor duplicates her.
    seed_page(engine, BASE + "team.html", team_page([ALICE, BRIAN]), [ALICE, BRIAN], fetched_at=NOW)
    assert statuses(engine)[ALICE.name][0] == "objected" and _count(engine, people) == 2


def test_privacy_forget_ambiguous_query_is_refused(sqlite_url: str) -> None:
    engine = create_store_engine(sqlite_url)
    _seed(engine)
    carla = Member("Carla Mendes", "Receptionist", None, SWITCHBOARD)
    seed_page(engine, BASE + "front-desk.html", team_page([carla]), [carla], fetched_at=NOW)
    with pytest.raises(ForgetError, match="matches 2 people"):
        forget(engine, parse_query(SWITCHBOARD))  # a switchboard number: two people
    result = run_cli("forget", "+44 20 7946 0100", "--db", sqlite_url)
    assert result.returncode == 2
    assert result.stderr.startswith("leadscout: error: the query matches 2 people")
    assert "7946" not in result.stderr  # error messages never echo a phone number
    assert len(statuses(engine)) == 3


def test_privacy_forget_unknown_identifier_is_suppressed_for_the_future(store_url: str) -> None:
    engine = create_store_engine(store_url)
    result = run_cli("forget", "carla.mendes@acme-widgets.co.uk", "--db", store_url)
    assert result.returncode == 0, result.stderr
    assert "no stored person matched" in result.stderr
    carla = Member("Carla Mendes", "CFO", "carla.mendes@acme-widgets.co.uk")
    seed_page(engine, BASE + "team.html", team_page([carla, BRIAN]), [carla, BRIAN], fetched_at=NOW)
    assert set(statuses(engine)) == {BRIAN.name}


def test_privacy_forget_then_recrawl_over_http_does_not_bring_them_back(sqlite_url: str, tmp_path: Path) -> None:
    store_url = sqlite_url  # the re-ingest path is covered on both engines above; this one is the whole CLI
    routes = {"/robots.txt": Reply(404, "none"), "/": Reply(200, team_page([ALICE, BRIAN]))}
    with serve(routes) as site:
        crawl = ("crawl", site.url, "--allow-private", "--delay", "0", "--max-pages-per-site", "2", "--db", store_url)
        first = run_cli(*crawl)
        assert first.returncode == 0, first.stderr
        engine = create_store_engine(store_url)
        assert {ALICE.name, BRIAN.name} <= set(statuses(engine))
        erased = run_cli("forget", ALICE.email, "--db", store_url)
        assert erased.returncode == 0, erased.stderr
        assert "erased 1 people" in erased.stderr
        again = run_cli(*crawl)
        assert again.returncode == 0, again.stderr
    assert ALICE.name not in statuses(engine) and BRIAN.name in statuses(engine)
    assert _count(engine, site_facts, site_facts.c.value == ALICE.email) == 0
    out = tmp_path / "leads.csv"
    assert run_cli("export", "--to", "csv", "--out", str(out), "--db", store_url).returncode == 0
    assert ALICE.email not in out.read_text() and BRIAN.email in out.read_text()
