"""The scorer feature table: title rules, one row per person, company facts, recency, privacy."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import insert

from leadscout.store.crawl import site_id, url_hash
from leadscout.store.privacy import suppress
from leadscout.store.schema import pages, site_facts
from output.export import ExportRequest, run_export
from output.rules import classify_title
from output.scorer import SCHEMA_VERSION, feature_row, schema_fields
from output.select import Selection, is_careers_url
from tests.output_support import FETCHED, contact, crm_settings, people, store_people


@pytest.mark.parametrize(("title", "seniority", "rank", "function"), [
    ("Chief Financial Officer", "c_level", 6, "finance"),
    ("CEO & Co-Founder", "c_level", 6, "executive"),
    ("Geschäftsführerin", "c_level", 6, "executive"),
    ("SVP Sales EMEA", "vp", 5, "sales"),
    ("Head of People", "director", 4, "hr"),
    ("Leiterin Einkauf", "director", 4, "operations"),
    ("Engineering Manager", "manager", 3, "engineering"),
    ("Senior Data Analyst", "senior", 2, "data"),
    ("Accountant", "individual", 1, "finance"),
    ("Marketing Intern", "entry", 0, "marketing"),
    ("Executive Assistant to the CEO", "entry", 0, "executive"),
    ("Gardener", "individual", 1, "other"),
    (None, None, None, None),
    ("   ", None, None, None),
])
def test_output_scorer_title_rules(title: str | None, seniority: str | None, rank: int | None,
                                   function: str | None) -> None:
    result = classify_title(title)
    assert (result.seniority, result.seniority_rank, result.function) == (seniority, rank, function)


@pytest.mark.parametrize(("url", "careers"), [
    ("https://acme.com/careers", True), ("https://acme.com/en/jobs/123", True),
    ("https://firma.de/karriere/stellenangebote.html", True), ("https://acme.com/team", False),
    ("https://jobs.acme.com/", False), ("https://acme.com/blog/why-we-love-our-jobsite", False),
])
def test_output_scorer_careers_pages(url: str, careers: bool) -> None:
    assert is_careers_url(url) is careers


def _add_page_and_facts(engine, site: str, path: str, facts: list[tuple[str, str]]) -> None:
    with engine.begin() as conn:
        sid = site_id(conn, site, f"https://{site}/")
        url = f"https://{site}/{path}"
        conn.execute(insert(pages).values(url=url, url_sha256=url_hash(url), site_id=sid, fetched_at=FETCHED,
                                          status=200, sha256="0" * 64))
        for field, value in facts:
            conn.execute(insert(site_facts).values(site_id=sid, field=field, value=value, source_url=url,
                                                   source_sha256=url_hash(url), fetched_at=FETCHED, extractor="t/1",
                                                   page_sha256="0" * 64))


def test_output_scorer_table_has_one_row_per_person_with_features(store_url: str, tmp_path: Path) -> None:
    engine = store_people(store_url, [
        contact("Jane Doe", emails=("jane@acme.com",), phones=("+442079460123",), title="VP Marketing",
                socials=("https://www.linkedin.com/in/janedoe",)),
        contact("John Roe", emails=("john@gmail.com",), title=None),
        contact("Sam Poe", site="beta.io", title="CTO"),
    ], switchboard={"acme.com": "+442079460000"})
    _add_page_and_facts(engine, "acme.com", "careers", [("technology", "WordPress"), ("job_posting", "SDR"),
                                                        ("job_posting", "AE")])
    out = tmp_path / "features.parquet"
    summary = run_export(crm_settings(store_url, "http://127.0.0.1:9"), ExportRequest(to="scorer", out=out))
    table = pq.read_table(out)
    assert summary.written == 3 and table.num_rows == 3
    assert [(f.name, str(f.type)) for f in table.schema] == schema_fields()
    assert table.schema.metadata[b"leadscout.scorer_schema_version"] == str(SCHEMA_VERSION).encode()
    rows = {r["person_id"]: r for r in table.to_pylist()}
    jane, john, sam = rows[1], rows[2], rows[3]
    assert (jane["seniority"], jane["seniority_rank"], jane["function"]) == ("vp", 5, "marketing")
    assert jane["check_email_on_company_domain"] and not john["check_email_on_company_domain"]
    assert jane["has_linkedin"] and jane["contact_coverage"] == 1.0 and john["contact_coverage"] == 0.25
    assert (jane["company_people_found"], jane["company_has_switchboard"], jane["company_careers_pages"]) == (2, True, 1)
    assert jane["company_technologies"] == ["WordPress"] and jane["company_open_positions"] == 2
    assert sam["company_open_positions"] is None and sam["company_technologies"] == []
    assert john["seniority"] is None and sam["function"] == "engineering"


def test_output_scorer_recency_is_measured_from_now(sqlite_url: str) -> None:
    engine = store_people(sqlite_url, people(1))
    [item] = list(Selection(engine=engine))
    row = feature_row(item, now=datetime(2026, 11, 12, 9, 30, tzinfo=UTC))
    assert row["days_since_last_seen"] == 10.0 and row["last_fetched_at"] == FETCHED


def test_output_scorer_leaves_out_objecting_people(sqlite_url: str, tmp_path: Path) -> None:
    engine = store_people(sqlite_url, people(3))
    with engine.begin() as conn:
        suppress(conn, [("email", "p1@acme.com")], reason="objection")
    out = tmp_path / "f.parquet"
    run_export(crm_settings(sqlite_url, "http://127.0.0.1:9"), ExportRequest(to="scorer", out=out))
    assert pq.read_table(out).column("person_id").to_pylist() == [1, 3]
